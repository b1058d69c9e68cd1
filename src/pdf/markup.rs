//! Typst markup from the handbook's text: escaping, kept Thai terms, and Markdown bodies walked event by event.

use crate::kept_terms::{Segment, TermFinder};
use crate::markdown::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Appends `text` as Typst markup that shows exactly these characters: every ASCII sign is
/// escaped (Typst gives meaning to most of them), line ends become spaces.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() || super::world::covers(c) => out.push(c),
            '⌘' => out.push_str("Cmd"),
            '☐' | '□' => out.push_str("#tick"),
            '☑' | '☒' | '✓' | '✔' => out.push_str("#ticked"),
            c => out.push_str(&format!("\\[U\\+{:04X}\\]", c as u32)),
        }
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// `text` as a Typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The handbook's Thai terms, where [`TermFinder`] keeps them (as the site does), which Typst's
/// dictionary line breaking would cut (ผู้เสีย|หาย): a short term is never broken; a long term
/// only between its words (or at the writer's space between them), its opening and closing
/// punctuation going with its first and last words, so that no line starts with ")" or ends
/// with "(". The vendored line breaker is told them ([`KeptTerms::ranges_into`], set on the
/// typesetting threads by `pdf::documents`): it finds them in each paragraph's text and breaks
/// around each stretch as around an inline box. Boxes in the markup did the same, but cut the
/// Thai text into 27,000 more shaping runs (about 0.3 s of the edition's CPU).
pub struct KeptTerms {
    finder: TermFinder,
}

impl KeptTerms {
    /// `words`: the handbook's kept words (`Site::kept_words`), of which the Thai ones are kept.
    pub fn new(words: &[String]) -> KeptTerms {
        KeptTerms {
            finder: TermFinder::new(Vec::new(), words),
        }
    }

    /// Appends `text` escaped. Its kept terms are kept by the line breaker.
    pub fn text_into(&self, out: &mut String, text: &str) {
        escape_into(out, text)
    }

    pub fn text(&self, text: &str) -> String {
        escape(text)
    }

    /// Appends the stretches of a paragraph's `text` that a line must not break: each short
    /// kept term, and each word of a long one (with the punctuation before or after the term),
    /// in order.
    pub fn ranges_into(&self, text: &str, out: &mut Vec<Range<usize>>) {
        // Only Thai terms are kept: Thai letters are U+0E00..U+0E7F, E0 B8 xx or E0 B9 xx.
        let thai = text
            .as_bytes()
            .windows(2)
            .any(|pair| pair[0] == 0xE0 && matches!(pair[1], 0xB8 | 0xB9));
        if !thai {
            return;
        }
        let offset = |piece: &str| piece.as_ptr() as usize - text.as_ptr() as usize;
        for segment in self.finder.segments(text, false) {
            match segment {
                Segment::Plain(_) | Segment::Abbreviation { .. } => {}
                Segment::Term(term) => {
                    let start = offset(term);
                    out.push(start..start + term.len());
                }
                Segment::LongTerm { open, words, close } => {
                    let mut at = offset(open);
                    let first = out.len();
                    for (index, word) in words.iter().enumerate() {
                        if word.after_space && text[at..].starts_with(' ') {
                            at += 1;
                        }
                        let start = at;
                        if index == 0 {
                            at += open.len();
                        }
                        if !text[at..].starts_with(word.text.as_str()) {
                            // Not the term's words as the text has them: keep nothing of it
                            // rather than the wrong stretches.
                            out.truncate(first);
                            break;
                        }
                        at += word.text.len();
                        if index + 1 == words.len() {
                            at += close.len();
                        }
                        out.push(start..at);
                    }
                }
            }
        }
    }
}

/// The stretches [`KeptTerms::ranges_into`] finds in `text`, as the texts they hold.
#[cfg(test)]
fn kept_stretches(terms: &KeptTerms, text: &str) -> Vec<String> {
    let mut ranges = Vec::new();
    terms.ranges_into(text, &mut ranges);
    ranges
        .into_iter()
        .map(|range| text[range].to_string())
        .collect()
}

/// Where a Markdown link goes in the PDF, decided by the document, which knows its labels.
pub enum LinkTo {
    /// A label in this document.
    Label(String),
    /// A web address.
    Url(String),
    /// Another PDF of the edition, by its path in the edition's folder (`forms/consent.pdf`).
    File(String),
    /// A label of the handbook set in another PDF of the edition: in the whole handbook, the
    /// label; elsewhere, the PDF `file` (in the edition's folder) that sets it, if any.
    Elsewhere { label: String, file: Option<String> },
    /// Nowhere in this PDF: the words stay, without a link.
    Nowhere,
}

/// What a Markdown body needs from the document it is set in.
pub struct BodyContext<'a> {
    pub terms: &'a KeptTerms,
    /// The Typst heading level of the body's `##` headings.
    pub top_level: usize,
    /// The labels of the body's headings, in order (None where a heading has none).
    pub heading_labels: &'a [Option<String>],
    pub link: &'a dyn Fn(&str) -> LinkTo,
}

/// What closes an open Markdown element in the Typst markup.
enum Close {
    Text(&'static str),
    Heading(Option<String>),
    Nothing,
}

/// Appends a Markdown body as Typst markup.
pub fn body_into(out: &mut String, markdown: &str, context: &BodyContext) {
    let mut stack: Vec<Close> = Vec::new();
    let mut headings = context.heading_labels.iter();
    let mut code: Option<String> = None;
    let mut in_table_head = false;
    for event in Parser::new_ext(markdown, options()) {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::Text(text) => buffer.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    out.push_str("#raw(block: true, ");
                    out.push_str(&string(buffer.trim_end()));
                    out.push_str(")\n\n");
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => start(
                out,
                tag,
                context,
                &mut stack,
                &mut headings,
                &mut code,
                &mut in_table_head,
            ),
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                out.push_str("),\n");
            }
            Event::End(_) => match stack.pop() {
                Some(Close::Text(text)) => out.push_str(text),
                Some(Close::Heading(label)) => {
                    out.push(']');
                    if let Some(label) = label {
                        out.push_str(" <");
                        out.push_str(&label);
                        out.push('>');
                    }
                    out.push_str("\n\n");
                }
                Some(Close::Nothing) | None => {}
            },
            Event::Text(text) => context.terms.text_into(out, &text),
            Event::Code(text) => {
                out.push_str("#raw(");
                out.push_str(&string(&text));
                out.push(')');
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("\n#line(length: 100%, stroke: 0.5pt)\n\n"),
            Event::TaskListMarker(done) => out.push_str(if done { "#ticked " } else { "#tick " }),
            Event::FootnoteReference(name) => {
                out.push_str("#super[");
                escape_into(out, &name);
                out.push(']');
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::InlineMath(text) | Event::DisplayMath(text) => escape_into(out, &text),
        }
    }
}

fn start<'a>(
    out: &mut String,
    tag: Tag,
    context: &BodyContext,
    stack: &mut Vec<Close>,
    headings: &mut std::slice::Iter<'a, Option<String>>,
    code: &mut Option<String>,
    in_table_head: &mut bool,
) {
    let close = match tag {
        Tag::Paragraph => Close::Text("\n\n"),
        Tag::Heading { level, .. } => {
            let level = context.top_level + (level as usize).saturating_sub(2);
            out.push_str(&format!("#heading(level: {})[", level.max(1)));
            Close::Heading(headings.next().cloned().flatten())
        }
        Tag::BlockQuote(_) => {
            out.push_str("#quote(block: true)[");
            Close::Text("]\n\n")
        }
        Tag::CodeBlock(_) => {
            *code = Some(String::new());
            return;
        }
        Tag::List(None) => {
            out.push_str("#list(");
            Close::Text(")\n\n")
        }
        Tag::List(Some(first)) => {
            out.push_str(&format!("#enum(start: {first}, "));
            Close::Text(")\n\n")
        }
        Tag::Item => {
            out.push('[');
            Close::Text("],\n")
        }
        Tag::FootnoteDefinition(name) => {
            out.push_str("#block[#super[");
            escape_into(out, &name);
            out.push_str("] ");
            Close::Text("]\n\n")
        }
        Tag::Table(aligns) => {
            out.push_str(&format!(
                "#table(columns: {}, align: start, stroke: 0.5pt + gray, inset: 5pt,\n",
                aligns.len().max(1)
            ));
            Close::Text(")\n\n")
        }
        Tag::TableHead => {
            *in_table_head = true;
            out.push_str("table.header(");
            // TagEnd::TableHead is handled by the caller.
            return;
        }
        Tag::TableRow => Close::Nothing,
        Tag::TableCell => {
            out.push_str(if *in_table_head { "[*" } else { "[" });
            Close::Text(if *in_table_head { "*]," } else { "]," })
        }
        Tag::Emphasis => {
            out.push_str("#emph[");
            Close::Text("]")
        }
        Tag::Strong => {
            out.push_str("#strong[");
            Close::Text("]")
        }
        Tag::Strikethrough => {
            out.push_str("#strike[");
            Close::Text("]")
        }
        Tag::Link { dest_url, .. } => match (context.link)(&dest_url) {
            LinkTo::Label(label) => {
                out.push_str(&format!("#link(<{label}>)["));
                Close::Text("]")
            }
            LinkTo::Url(url) => {
                out.push_str("#link(");
                out.push_str(&string(&url));
                out.push_str(")[");
                Close::Text("]")
            }
            LinkTo::File(file) => {
                out.push_str("#link(edition + ");
                out.push_str(&string(&file));
                out.push_str(")[");
                Close::Text("]")
            }
            LinkTo::Elsewhere { label, file } => {
                let file = file.as_deref().map_or("none".to_string(), string);
                out.push_str(&format!("#elsewhere(<{label}>, {file})["));
                Close::Text("]")
            }
            LinkTo::Nowhere => Close::Nothing,
        },
        // Images are the site's; the PDF keeps their words.
        Tag::Image { .. } => {
            out.push_str("#emph[");
            Close::Text("]")
        }
        _ => Close::Nothing,
    };
    stack.push(close);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_sign_is_escaped_and_letters_are_not() {
        assert_eq!(escape("a*b_#c"), "a\\*b\\_\\#c");
        assert_eq!(escape("ผู้เสียหาย = 1."), "ผู้เสียหาย \\= 1\\.");
        assert_eq!(escape("line\nend"), "line end");
    }

    #[test]
    fn a_string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    }

    #[test]
    fn a_kept_thai_term_is_kept_only_as_a_whole_word_and_written_as_it_is() {
        let terms = KeptTerms::new(&["ผู้เสียหาย".to_string(), "MDT".to_string()]);
        let text = "ช่วยเหลือผู้เสียหาย MDT";
        assert_eq!(kept_stretches(&terms, text), ["ผู้เสียหาย"]);
        assert_eq!(terms.text(text), "ช่วยเหลือผู้เสียหาย MDT");
    }

    #[test]
    fn a_long_term_breaks_only_between_its_words_as_on_the_site() {
        let terms = KeptTerms::new(&[
            "ผู้เสียหาย".to_string(),
            "การค้ามนุษย์".to_string(),
            "ผู้เสียหายจากการค้ามนุษย์".to_string(),
        ]);
        // Each word a stretch of its own, side by side; the brackets with the first and last.
        assert_eq!(
            kept_stretches(&terms, "ติดตาม(ผู้เสียหายจากการค้ามนุษย์), กลับ"),
            ["(ผู้เสียหาย", "จาก", "การค้ามนุษย์)"],
        );
    }

    #[test]
    fn a_long_term_written_with_spaces_keeps_the_spaces_out_of_its_words() {
        let terms = KeptTerms::new(&[
            "การค้ามนุษย์".to_string(),
            "ศูนย์ช่วยเหลือ ผู้เสียหายจากการค้ามนุษย์".to_string(),
        ]);
        let text = "ที่ศูนย์ช่วยเหลือ ผู้เสียหายจากการค้ามนุษย์ กลับ";
        let mut ranges = Vec::new();
        terms.ranges_into(text, &mut ranges);
        assert!(ranges.len() >= 3, "{ranges:?}");
        for range in &ranges {
            assert!(
                !text[range.clone()].contains(' '),
                "{:?}",
                &text[range.clone()]
            );
        }
        assert!(ranges.windows(2).all(|pair| pair[0].end <= pair[1].start));
        assert!(kept_stretches(&terms, text).contains(&"การค้ามนุษย์".to_string()));
    }

    #[test]
    fn a_term_is_kept_where_it_glues_a_letter_or_two_not_a_whole_word() {
        // The dictionary reads ตัวผู้|เสีย|หาย: ตัว is glued, and Typst would cut ผู้เสีย|หาย.
        let terms = KeptTerms::new(&["ผู้เสียหาย".to_string(), "การส่งกลับ".to_string()]);
        assert_eq!(kept_stretches(&terms, "รับตัวผู้เสียหายกลับ"), ["ผู้เสียหาย"]);
        // กระบวนการส่งกลับ would become one unbreakable run.
        assert!(kept_stretches(&terms, "กระบวนการส่งกลับ").is_empty());
    }

    #[test]
    fn a_body_becomes_headings_lists_links_and_tables() {
        let terms = KeptTerms::new(&[]);
        let link = |dest: &str| {
            if dest.starts_with("http") {
                LinkTo::Url(dest.to_string())
            } else {
                LinkTo::Label("e1".to_string())
            }
        };
        let labels = [Some("e0-h0".to_string())];
        let context = BodyContext {
            terms: &terms,
            top_level: 3,
            heading_labels: &labels,
            link: &link,
        };
        let mut out = String::new();
        body_into(
            &mut out,
            "## Steps\n\n- one [page](@/a.md)\n- [web](https://example.org)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
            &context,
        );
        assert!(out.contains("#heading(level: 3)[Steps] <e0-h0>"), "{out}");
        assert!(out.contains("#list([one #link(<e1>)[page]],"), "{out}");
        assert!(out.contains("#link(\"https://example.org\")[web]"), "{out}");
        assert!(out.contains("table.header([*A*],[*B*],),"), "{out}");
    }
}
