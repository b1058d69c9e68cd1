//! Where a line may break inside text written without spaces: between Thai dictionary words, never inside the handbook's own terms or the compounds readers read as one word. Shared by the SVG wrapper (render/wrap.rs) and the long kept terms of pages and PDFs (kept_terms.rs).

use crate::thai_compounds::COMPOUNDS;

/// Thai leading vowels (เ แ โ ใ ไ) are written before the consonant they follow in speech: a line
/// must not end with one.
pub fn is_thai_leading_vowel(c: char) -> bool {
    ('\u{0e40}'..='\u{0e44}').contains(&c)
}

/// Characters that must not start a line: Thai vowels written after their consonant (ะ า ำ ๅ),
/// the repetition and abbreviation marks (ๆ ฯ), and closing punctuation.
pub fn must_not_start_line(c: char) -> bool {
    matches!(
        c,
        '\u{0e30}' | '\u{0e32}' | '\u{0e33}' | '\u{0e45}' | '\u{0e46}' | '\u{0e2f}'
    ) || matches!(c, ')' | ']' | ',' | '.' | ':' | ';' | '!' | '?' | '/' | '-')
}

/// The words of a token written without spaces: Thai dictionary words, anything else whole.
/// Punctuation that must not start a line stays with the word before it, and no word of
/// `keep_whole` (the handbook's own terms) is cut.
pub fn words<'t>(token: &'t str, keep_whole: &[String]) -> Vec<&'t str> {
    // A glued list number ("10. ที่พัก..."): the number joins the first word of the rest.
    if let Some(space) = token.find(' ') {
        let rest = &token[space + 1..];
        let mut words = words(rest, keep_whole);
        if let Some(first) = words.first_mut() {
            *first = &token[..space + 1 + first.len()];
        }
        return words;
    }
    if !token
        .chars()
        .any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c))
    {
        return vec![token];
    }
    let boundaries = crate::thai_words::word_boundaries(token);
    // A term counts only where it starts and ends between dictionary words: การส่งกลับ inside
    // แผนการส่งกลับ starts inside แผนการ, and keeping it would leave no break in the whole run.
    let at_boundary = |at: usize| at == 0 || at == token.len() || boundaries.contains(&at);
    let kept: Vec<(usize, usize)> = keep_whole
        .iter()
        .map(String::as_str)
        .chain(COMPOUNDS.iter().copied())
        .filter(|word| !word.is_empty())
        .flat_map(|word| {
            token
                .match_indices(word)
                .map(|(at, found)| (at, at + found.len()))
        })
        .filter(|(from, to)| at_boundary(*from) && at_boundary(*to))
        .collect();
    let mut words = Vec::new();
    let mut start = 0;
    for at in boundaries.iter().copied() {
        if kept.iter().any(|(from, to)| *from < at && at < *to) {
            continue;
        }
        let next = token[at..].chars().next().unwrap_or(' ');
        let last = token[..at].chars().last().unwrap_or(' ');
        if must_not_start_line(next) || is_thai_leading_vowel(last) || matches!(last, '(' | '[') {
            continue;
        }
        words.push(&token[start..at]);
        start = at;
    }
    words.push(&token[start..]);
    words
}
