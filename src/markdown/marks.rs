//! The text pass: abbreviations as `<abbr title>` and the handbook's Thai terms kept whole, in Markdown and (through `keep_terms`) in templates.

use super::Piece;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

/// What the text pass marks up in one language's text: abbreviations, as `<abbr title>`, and
/// the handbook's own Thai terms (glossary terms, role and organisation names), which the
/// theme keeps whole. Browsers break Thai lines with their own dictionary, which cuts
/// ผู้เสีย|หาย and การค้า|มนุษย์.
///
/// A short term becomes `<span class="nobr">`, never broken. A longer one, which a phone's line
/// or a narrow column may not hold, becomes `<span class="keep">` (an inline block no wider than
/// its line: whole on one line where it fits) holding its words with a `<wbr>` between them
/// (each a `nobr` span where the dictionary would cut it): where it does not fit, it breaks
/// between its words, never inside one.
/// Its words are the shorter kept terms inside it (การค้ามนุษย์ in
/// ผู้เสียหายจากการค้ามนุษย์) and, around them, dictionary words.
pub struct TextMarks {
    matcher: Option<AhoCorasick>,
    /// Per pattern, what a match becomes.
    marks: Vec<Mark>,
}

enum Mark {
    /// An abbreviation and its expansion.
    Abbreviation(String),
    /// A short term, kept on one line.
    Term,
    /// A long term: the HTML of its words, to go inside `<span class="keep">`.
    LongTerm(String),
}

/// A Thai term of more clusters than this is kept as a long term, breakable between its words:
/// a phone's line holds about thirty, a heading's or a table cell's fewer, and a longer
/// unbreakable run would overflow them.
const KEEP_MAX_CLUSTERS: usize = 14;

/// A term is kept where it starts and ends at a word boundary of the text around it, or where
/// the dictionary word it cuts into on either side leaves at most this many clusters outside
/// it: ตัว of รับตัวผู้เสียหาย (the dictionary reads ตัวผู้|เสีย|หาย, "male", and browsers cut
/// ผู้เสีย|หาย there), but not กระบวน of กระบวนการส่งกลับ, where keeping การส่งกลับ would glue the
/// whole longer word into one unbreakable run.
const MOST_GLUED_CLUSTERS: usize = 3;

fn is_thai_term(term: &str) -> bool {
    term.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c))
}

impl TextMarks {
    /// `abbreviations` as (abbreviation, expansion) pairs; of `terms`, the Thai ones.
    pub fn new(abbreviations: Vec<(String, String)>, terms: &[String]) -> TextMarks {
        let (mut patterns, mut marks): (Vec<String>, Vec<Mark>) = abbreviations
            .into_iter()
            .map(|(short, long)| (short, Mark::Abbreviation(long)))
            .unzip();
        let abbreviated = patterns.clone();
        let kept: Vec<&String> = terms
            .iter()
            .filter(|term| {
                // A term holding an abbreviation (เจ้าหน้าที่ พมจ.) would hide its <abbr>.
                is_thai_term(term)
                    && term.graphemes(true).count() >= 2
                    && !abbreviated.iter().any(|a| term.contains(a.as_str()))
            })
            .collect();
        let word_terms: Vec<&String> = kept
            .iter()
            .copied()
            .filter(|term| term.graphemes(true).count() <= WORD_MAX_CLUSTERS)
            .collect();
        for term in kept {
            if patterns.contains(term) {
                continue;
            }
            patterns.push(term.clone());
            marks.push(if term.graphemes(true).count() <= KEEP_MAX_CLUSTERS {
                Mark::Term
            } else {
                let nested: Vec<String> = word_terms
                    .iter()
                    .filter(|word| word.len() < term.len() && term.contains(word.as_str()))
                    .map(|word| word.to_string())
                    .collect();
                Mark::LongTerm(words_html(term, &nested))
            });
        }
        TextMarks {
            matcher: build_matcher(&patterns),
            marks,
        }
    }

    pub fn none() -> TextMarks {
        TextMarks {
            matcher: None,
            marks: Vec::new(),
        }
    }

    /// Escaped HTML of a title, a name or a label (not Markdown) with its kept terms wrapped;
    /// abbreviations are left as they are, as such text is also shown where no markup can go.
    pub fn keep_terms(&self, text: &str) -> String {
        self.mark_up_some(text, false)
            .unwrap_or_else(|| html_escape::encode_text(text).into_owned())
    }

    /// Escaped HTML of `text` with every kept term wrapped, and every abbreviation if
    /// `abbreviations`, or None when there is none in it.
    fn mark_up_some(&self, text: &str, abbreviations: bool) -> Option<String> {
        let matcher = self.matcher.as_ref()?;
        let mut html = String::new();
        let mut last = 0;
        // The text's word boundaries, found once and only if a term is in it.
        let mut boundaries: Option<Vec<usize>> = None;
        for found in matcher.find_iter(text) {
            let mark = &self.marks[found.pattern().as_usize()];
            let is_abbreviation = matches!(mark, Mark::Abbreviation(_));
            if found.start() < last
                || !stands_alone(text, found.start(), found.end())
                || (is_abbreviation && !abbreviations)
            {
                continue;
            }
            if !is_abbreviation {
                let cuts =
                    boundaries.get_or_insert_with(|| crate::thai_words::word_boundaries(text));
                if !fits_the_words_around(text, cuts, found.start(), found.end()) {
                    continue;
                }
            }
            // An inline block may be broken before and after, even after "(": the brackets and
            // the punctuation around a long term go inside it, with its first and last words.
            let (mut start, mut end) = (found.start(), found.end());
            if matches!(mark, Mark::LongTerm(_)) {
                if let Some(open) = text[last..start].chars().next_back().filter(|c| opens(*c)) {
                    start -= open.len_utf8();
                }
                if let Some(close) = text[end..].chars().next().filter(|c| closes(*c)) {
                    end += close.len_utf8();
                }
            }
            html.push_str(&html_escape::encode_text(&text[last..start]));
            let matched = html_escape::encode_text(&text[found.start()..found.end()]);
            match mark {
                Mark::Abbreviation(title) => {
                    html.push_str("<abbr title=\"");
                    html.push_str(&html_escape::encode_double_quoted_attribute(title));
                    html.push_str("\">");
                    html.push_str(&matched);
                    html.push_str("</abbr>");
                }
                Mark::Term => {
                    html.push_str("<span class=\"nobr\">");
                    html.push_str(&matched);
                    html.push_str("</span>");
                }
                Mark::LongTerm(words) => {
                    html.push_str("<span class=\"keep\">");
                    html.push_str(&html_escape::encode_text(&text[start..found.start()]));
                    html.push_str(words);
                    html.push_str(&html_escape::encode_text(&text[found.end()..end]));
                    html.push_str("</span>");
                }
            }
            last = end;
        }
        if last == 0 {
            return None;
        }
        html.push_str(&html_escape::encode_text(&text[last..]));
        Some(html)
    }
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘')
}

fn closes(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '"' | '\'' | '”' | '’' | ',' | '.' | ':' | ';' | '!' | '?'
    )
}

fn build_matcher<S: AsRef<[u8]>>(patterns: &[S]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .ok()
}

/// Whether a term at `start..end` of `text`, whose word boundaries are `cuts` (in order),
/// glues at most [`MOST_GLUED_CLUSTERS`] of the words it cuts into on each side.
fn fits_the_words_around(text: &str, cuts: &[usize], start: usize, end: usize) -> bool {
    let word_start = cuts
        .iter()
        .rev()
        .find(|&&at| at <= start)
        .copied()
        .unwrap_or(0);
    let word_end = cuts
        .iter()
        .find(|&&at| at >= end)
        .copied()
        .unwrap_or(text.len());
    let glued = |from: usize, to: usize| text[from..to].graphemes(true).count();
    glued(word_start, start) <= MOST_GLUED_CLUSTERS && glued(end, word_end) <= MOST_GLUED_CLUSTERS
}

/// A kept term inside a long one is one of its words up to this many clusters (สถานเอกอัครราชทูต):
/// a 360-pixel phone's line of title text (a role pack's cover) holds about eighteen.
const WORD_MAX_CLUSTERS: usize = 16;

/// The inside of a long term's `keep` span: its words, each kept on one line, with a break
/// opportunity (`<wbr>`, or the writer's space) between two of them. Its words are those a
/// diagram's lines break between (`line_breaks::words`): dictionary words, with the shorter kept
/// terms inside it (`nested`) whole, punctuation with the word before it (ทูต/ breaks after the
/// slash).
fn words_html(term: &str, nested: &[String]) -> String {
    let mut html = String::with_capacity(term.len() * 2);
    for (index, chunk) in term.split(' ').enumerate() {
        if index > 0 {
            html.push(' ');
        }
        for (at, word) in crate::line_breaks::words(chunk, nested)
            .into_iter()
            .filter(|word| !word.is_empty())
            .enumerate()
        {
            if at > 0 {
                html.push_str("<wbr>");
            }
            // A single dictionary word is not broken by the browser's dictionary either: only
            // a word the dictionary would cut (a kept term, a compound) needs its span.
            let cut = !crate::thai_words::word_boundaries(word).is_empty();
            if cut {
                html.push_str("<span class=\"nobr\">");
            }
            html.push_str(&html_escape::encode_text(word));
            if cut {
                html.push_str("</span>");
            }
        }
    }
    html
}

/// An ASCII abbreviation must not touch other ASCII letters or digits ("MDT" but not "MDTs" or "AMDT");
/// Thai is written without spaces, so a Thai abbreviation only needs its own ending (usually a dot).
/// (A kept Thai term is also checked against the text's word boundaries.)
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let touches = |edge: Option<char>, neighbour: Option<char>| matches!((edge, neighbour), (Some(e), Some(n)) if e.is_ascii_alphanumeric() && n.is_ascii_alphanumeric());
    !touches(first, before) && !touches(last, after)
}

/// Marks up the text of `events`: abbreviations outside links (a link's text is the link's
/// own), kept terms everywhere, link text included, but an image's text, which is its `alt`.
pub(super) fn mark_text(events: &mut [Piece], marks: &TextMarks) {
    let mut in_link = 0usize;
    let mut in_image = 0usize;
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(text) if in_image == 0 => {
                if let Some(html) = marks.mark_up_some(text, in_link == 0) {
                    *event = Event::InlineHtml(CowStr::from(html));
                }
            }
            _ => {}
        }
    }
}
