//! Thai terms on paper: the terms a printed page keeps whole (`<k-w>`, and `.keep`'s words between its `<wbr>`), read from the page, then looked for split across two lines of its PDF's text.

use crate::print_paper::PrintedPage;
use crate::support::Page;

/// What a page keeps whole: each term as its words (one word for a short term; a long term's
/// words, split at its `<wbr>`s and spaces, between which alone it may break), without spaces.
pub struct KeptTerms(Vec<Vec<String>>);

impl KeptTerms {
    /// The kept terms of the page open in the browser.
    pub fn of(page: &Page) -> KeptTerms {
        let terms: Vec<Vec<String>> = serde_json::from_value(page.eval(
            "(() => { const seen = new Set(); const terms = [];
               const add = words => { const key = words.join('|'); if (words.join('').length > 1 && !seen.has(key)) { seen.add(key); terms.push(words); } };
               document.querySelectorAll('.keep').forEach(keep => {
                 const words = [''];
                 const walk = document.createTreeWalker(keep, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
                 for (let node = walk.nextNode(); node; node = walk.nextNode()) {
                   if (node.nodeType === 1 && node.tagName === 'WBR') words.push('');
                   else if (node.nodeType === 3) node.data.split(/\\s+/).forEach((part, i) => { if (i > 0 && words[words.length - 1] !== '') words.push(''); words[words.length - 1] += part; });
                 }
                 add(words);
               });
               document.querySelectorAll('k-w').forEach(n => { if (!n.closest('.keep')) add([n.textContent.replace(/\\s/g, '')]); });
               return terms; })()",
        ))
        .unwrap_or_default();
        KeptTerms(terms)
    }

    /// Whether a term made of `words` is kept on the page.
    pub fn holds(&self, words: &[&str]) -> bool {
        self.0.iter().any(|term| term == words)
    }

    /// Whether `whole` is kept on the page, alone or as one word of a longer term.
    pub fn holds_word(&self, whole: &str) -> bool {
        self.0
            .iter()
            .any(|term| term.iter().any(|word| word == whole))
    }

    /// Every place where a line of `pages` ends inside a kept term's word and the next line goes
    /// on with the rest of it: "page n: …ต้น | ปลาย… (term)".
    pub fn splits(&self, pages: &[PrintedPage]) -> Vec<String> {
        let mut found = Vec::new();
        for (number, page) in pages.iter().enumerate() {
            let lines: Vec<String> = page
                .text
                .lines()
                .map(|line| line.chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            for pair in lines.windows(2) {
                let (before, after) = (&pair[0], &pair[1]);
                for words in &self.0 {
                    let whole = words.concat();
                    // Where a long term may break: between two of its words.
                    let mut allowed = Vec::new();
                    let mut at = 0;
                    for word in words {
                        at += word.len();
                        allowed.push(at);
                    }
                    let split = whole
                        .char_indices()
                        .skip(1)
                        .map(|(at, _)| at)
                        .filter(|at| !allowed.contains(at))
                        .find(|&at| {
                            before.ends_with(&whole[..at]) && after.starts_with(&whole[at..])
                        });
                    // Only where the term is kept: the same words inside a longer word
                    // (การคืนสู่สังคม of กระบวนการคืนสู่สังคม) are not the term, and are not kept.
                    let split = split.filter(|_| kept_here(&whole, before, after));
                    if let Some(at) = split {
                        found.push(format!(
                            "page {}: …{} | {}… ({})",
                            number + 1,
                            &whole[..at],
                            &whole[at..],
                            words.join("·")
                        ));
                    }
                }
            }
        }
        found
    }
}

/// Whether the handbook keeps `term` where it runs from the end of line `before` into line
/// `after` (judged, as the build judges it, on the words around it).
fn kept_here(term: &str, before: &str, after: &str) -> bool {
    let tail: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    let head: String = after.chars().take(30).collect();
    let marks = handbook::markdown::TextMarks::new(Vec::new(), &[term.to_string()]);
    marks
        .keep_terms(&format!("{tail}{head}"))
        .contains("class=\"")
}
