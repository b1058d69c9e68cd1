//! The text pass: abbreviations as `<abbr title>` and the handbook's short Thai terms kept on one line.

use super::Piece;
use aho_corasick::AhoCorasick;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

/// What the text pass marks up in one language's text: abbreviations, as `<abbr title>`, and
/// the handbook's own short Thai terms, as `<span class="nobr">`, which the theme keeps on one
/// line. Browsers break Thai lines with their own dictionary, which cuts ผู้เสีย|หาย.
pub struct TextMarks {
    matcher: Option<AhoCorasick>,
    /// Per pattern: an abbreviation's expansion, or None for a term kept on one line.
    titles: Vec<Option<String>>,
}

/// A Thai term of more clusters than this is not kept on one line: a phone's line holds about
/// thirty, and a longer unbreakable run would overflow it. The short terms inside it
/// (ผู้เสียหาย in ผู้เสียหายจากการค้ามนุษย์) still are. A term is kept only where it starts and
/// ends at a word boundary of the text around it: การส่งกลับ inside กระบวนการส่งกลับ would
/// otherwise glue the whole longer word to it.
const KEEP_MAX_CLUSTERS: usize = 14;

impl TextMarks {
    /// `abbreviations` as (abbreviation, expansion) pairs; of `terms`, the short Thai ones.
    pub fn new(abbreviations: Vec<(String, String)>, terms: &[String]) -> TextMarks {
        let (mut patterns, mut titles): (Vec<String>, Vec<Option<String>>) = abbreviations
            .into_iter()
            .map(|(short, long)| (short, Some(long)))
            .unzip();
        let abbreviated = patterns.clone();
        for term in terms {
            let thai = term.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c));
            let clusters = term.graphemes(true).count();
            // A term holding an abbreviation (เจ้าหน้าที่ พมจ.) would hide its <abbr>.
            let holds_abbreviation = abbreviated.iter().any(|a| term.contains(a.as_str()));
            if thai
                && (2..=KEEP_MAX_CLUSTERS).contains(&clusters)
                && !holds_abbreviation
                && !patterns.contains(term)
            {
                patterns.push(term.clone());
                titles.push(None);
            }
        }
        let matcher = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        TextMarks { matcher, titles }
    }

    pub fn none() -> TextMarks {
        TextMarks {
            matcher: None,
            titles: Vec::new(),
        }
    }

    /// Escaped HTML of a title (not Markdown) with its kept terms wrapped; abbreviations are
    /// left as they are, as a title is also shown where no markup can go.
    pub fn keep_terms(&self, text: &str) -> String {
        self.mark_up_some(text, false)
            .unwrap_or_else(|| html_escape::encode_text(text).into_owned())
    }

    /// Escaped HTML of `text` with every abbreviation and kept term wrapped, or None when there
    /// is none in it.
    fn mark_up(&self, text: &str) -> Option<String> {
        self.mark_up_some(text, true)
    }

    fn mark_up_some(&self, text: &str, abbreviations: bool) -> Option<String> {
        let matcher = self.matcher.as_ref()?;
        let mut html = String::new();
        let mut last = 0;
        // The text's word boundaries, found once and only if a term is in it.
        let mut boundaries: Option<Vec<usize>> = None;
        for found in matcher.find_iter(text) {
            let title = &self.titles[found.pattern().as_usize()];
            if !stands_alone(text, found.start(), found.end())
                || (title.is_some() && !abbreviations)
            {
                continue;
            }
            if title.is_none() {
                let cuts =
                    boundaries.get_or_insert_with(|| crate::thai_words::word_boundaries(text));
                let at_edge = |at: usize| at == 0 || at == text.len() || cuts.contains(&at);
                if !at_edge(found.start()) || !at_edge(found.end()) {
                    continue;
                }
            }
            html.push_str(&html_escape::encode_text(&text[last..found.start()]));
            match title {
                Some(title) => {
                    html.push_str("<abbr title=\"");
                    html.push_str(&html_escape::encode_double_quoted_attribute(title));
                    html.push_str("\">");
                    html.push_str(&html_escape::encode_text(&text[found.start()..found.end()]));
                    html.push_str("</abbr>");
                }
                None => {
                    html.push_str("<span class=\"nobr\">");
                    html.push_str(&html_escape::encode_text(&text[found.start()..found.end()]));
                    html.push_str("</span>");
                }
            }
            last = found.end();
        }
        if last == 0 {
            return None;
        }
        html.push_str(&html_escape::encode_text(&text[last..]));
        Some(html)
    }
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

/// Marks up the text of `events` outside links (a link's text is the link's own).
pub(super) fn mark_text(events: &mut [Piece], marks: &TextMarks) {
    let mut in_link = 0usize;
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link -= 1,
            Event::Text(text) if in_link == 0 => {
                if let Some(html) = marks.mark_up(text) {
                    *event = Event::InlineHtml(CowStr::from(html));
                }
            }
            _ => {}
        }
    }
}
