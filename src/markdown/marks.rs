//! The text pass: abbreviations as `<abbr title>` and the handbook's Thai terms kept whole, in Markdown and (through `keep_terms`) in templates.

use super::Piece;
use crate::kept_terms::{Segment, TermFinder, Word};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// What the text pass marks up in one language's text: abbreviations, as `<abbr title>`, and
/// the handbook's own Thai terms (glossary terms, role and organisation names), which the
/// theme keeps whole, where [`TermFinder`] finds them. Browsers break Thai lines with their own
/// dictionary, which cuts ผู้เสีย|หาย and การค้า|มนุษย์.
///
/// A short term becomes `<k-w>` ("kept word", a custom element the theme sets `nowrap`: a page
/// holds hundreds of them, and `<span class="nobr">` cost 15 bytes more each), never broken. A
/// longer one, which a phone's line or a narrow column may not hold, becomes
/// `<span class="keep">` holding its words with a `<wbr>` between them (each a `<k-w>` where the
/// dictionary would cut it): it runs inline and breaks only between its words, never inside one.
pub struct TextMarks {
    finder: TermFinder,
}

impl TextMarks {
    /// `abbreviations` as (abbreviation, expansion) pairs; of `terms`, the Thai ones.
    pub fn new(abbreviations: Vec<(String, String)>, terms: &[String]) -> TextMarks {
        TextMarks {
            finder: TermFinder::new(abbreviations, terms),
        }
    }

    pub fn none() -> TextMarks {
        TextMarks {
            finder: TermFinder::none(),
        }
    }

    /// Escaped HTML of a title, a name or a label (not Markdown) with its kept terms wrapped;
    /// abbreviations are left as they are, as such text is also shown where no markup can go.
    pub fn keep_terms(&self, text: &str) -> String {
        self.mark_up_some(text, false).unwrap_or_else(|| {
            let mut html = String::with_capacity(text.len());
            push_escaped(&mut html, text);
            html
        })
    }

    /// Escaped HTML of `text` with every kept term wrapped, and every abbreviation if
    /// `abbreviations`, or None when there is none in it.
    fn mark_up_some(&self, text: &str, abbreviations: bool) -> Option<String> {
        let segments = self.finder.segments(text, abbreviations);
        if segments.iter().all(|s| matches!(s, Segment::Plain(_))) {
            return None;
        }
        let mut html = String::with_capacity(text.len() * 2);
        for segment in segments {
            match segment {
                Segment::Plain(plain) => push_escaped(&mut html, plain),
                Segment::Abbreviation { text, title } => {
                    html.push_str("<abbr title=\"");
                    html.push_str(&html_escape::encode_double_quoted_attribute(title));
                    html.push_str("\">");
                    push_escaped(&mut html, text);
                    html.push_str("</abbr>");
                }
                Segment::Term(term) => {
                    html.push_str("<k-w>");
                    push_escaped(&mut html, term);
                    html.push_str("</k-w>");
                }
                // The brackets and the punctuation around a long term go inside it: a line may
                // not break between them and the term.
                Segment::LongTerm { open, words, close } => {
                    html.push_str("<span class=\"keep\">");
                    push_escaped(&mut html, open);
                    words_into(&mut html, words);
                    push_escaped(&mut html, close);
                    html.push_str("</span>");
                }
            }
        }
        Some(html)
    }
}

/// `text` escaped for element content (`&`, `<` and `>`) at the end of `html`: copied whole
/// when it holds none of the three, as nearly every text does (html_escape's byte loop over
/// every marked text was 0.9% of a build's instructions). The test is a byte-flag reduction,
/// 64 bytes at a time, which the compiler vectorises.
fn push_escaped(html: &mut String, text: &str) {
    if needs_escaping(text) {
        html_escape::encode_text_to_string(text, html);
    } else {
        html.push_str(text);
    }
}

/// Whether `text` holds `&`, `<` or `>`.
fn needs_escaping(text: &str) -> bool {
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(0u8, |any, &byte| {
            any | u8::from(matches!(byte, b'&' | b'<' | b'>'))
        }) != 0
    })
}

/// The inside of a long term's `keep` span: its words, each kept on one line where the browser's
/// dictionary would cut it, with a break opportunity (`<wbr>`, or the writer's space) between two
/// of them.
fn words_into(html: &mut String, words: &[Word]) {
    for (at, word) in words.iter().enumerate() {
        if word.after_space {
            html.push(' ');
        } else if at > 0 {
            html.push_str("<wbr>");
        }
        if word.cut {
            html.push_str("<k-w>");
        }
        push_escaped(html, &word.text);
        if word.cut {
            html.push_str("</k-w>");
        }
    }
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
                } else if !text.is_empty() && !needs_escaping(text) {
                    // Text with nothing to escape is the same bytes written as HTML, which the
                    // writer copies where it scans text for escapes, in both of the body's
                    // serialisations (page and print copy). An empty text is left: as text, it
                    // would still tell the writer that no newline ends the output.
                    *event = Event::InlineHtml(std::mem::replace(text, CowStr::Borrowed("")));
                }
            }
            _ => {}
        }
    }
}
