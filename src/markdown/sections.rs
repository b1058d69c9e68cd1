//! The search pass: each heading section's anchor, heading and how many bytes of text it has (the text itself is taken from the print body: search/body_text.rs).

use super::{options, Piece};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One heading's section (or what comes before the first heading, with `heading` empty). Its
/// text is not kept: the search documents take it from the section's part of the print body,
/// with the same words; a second copy made here cost 4% of a build.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Section {
    pub anchor: Option<String>,
    pub heading: String,
    /// The bytes of the section's text that are not whitespace (its table cells' column labels
    /// included): 0 for a section of a heading alone.
    pub words: usize,
    /// How many of those bytes are the text of links: a section of nothing else ("Related
    /// pages") names other pages rather than saying anything itself.
    pub link_text: usize,
}

impl Section {
    /// Whether the section is a list of links to other pages: its words are their titles.
    pub fn is_links_only(&self) -> bool {
        self.link_text > 0 && self.words > 0 && self.link_text * 10 >= self.words * 9
    }

    /// Whether the section says anything under its heading.
    pub fn has_text(&self) -> bool {
        self.words > 0
    }
}

/// Each heading section, from the parsed events (before any other pass changes them);
/// `anchors` are the ids the headings got, in order.
pub(super) fn sections(events: &[Piece], anchors: &[String]) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut anchors = anchors.iter();
    let mut in_heading = false;
    let mut in_link = 0usize;
    let mut in_code = false;
    let mut table = TableLabels::default();
    for (event, _) in events {
        if let Some(label) = table.observe(event) {
            push_text(&mut sections, &label, in_heading);
        }
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                sections.push(Section::default());
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if let Some(section) = sections.last_mut() {
                    section.anchor = anchors.next().cloned();
                }
            }
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link -= 1,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) => {
                push_text(&mut sections, text, in_heading);
                if in_link > 0 && !in_heading && !in_code {
                    if let Some(section) = sections.last_mut() {
                        section.link_text += text.trim().len();
                    }
                }
            }
            Event::Code(text) => push_text(&mut sections, text, in_heading),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                push_text(&mut sections, " ", in_heading)
            }
            _ => {}
        }
    }
    sections
        .into_iter()
        .map(|mut section| {
            section.heading = collapse_whitespace(&section.heading);
            section
        })
        .filter(|section| section.anchor.is_some() || section.has_text())
        .collect()
}

/// The words of a short Markdown text (a role's description), as a reader sees them: no link
/// targets, no emphasis marks, blocks separated by a space.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// Text of a section's search text that search excerpts show but the index does not read
/// stands between these two noncharacters (never in a handbook's own text). They stay in the
/// stored text: search.js shows a table cell's label before an excerpt that starts in the cell.
pub const SHOWN_ONLY_START: char = '\u{FDD0}';
pub const SHOWN_ONLY_END: char = '\u{FDD1}';

/// A table's column headings, put before each body cell's text in the search text: an excerpt
/// of a "Do | Avoid" row then says which is which ("Avoid: using relatives as interpreters").
/// Shown only: indexed, every row would repeat its headings' words and weigh them up. Only for
/// tables of two or three columns with short headings, the tables that compare. The one rule
/// for both readers of a table: this pass's events and the print body's tags
/// (search/body_text.rs).
#[derive(Default)]
pub struct ColumnHeadings(Vec<String>);

impl ColumnHeadings {
    /// A new table: no headings yet.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// A heading cell starts.
    pub fn start(&mut self) {
        self.0.push(String::new());
    }

    /// Text of the heading cell being read.
    pub fn push_str(&mut self, text: &str) {
        if let Some(heading) = self.0.last_mut() {
            heading.push_str(text);
        }
    }

    /// The label before the text of a body cell in `column` ("Avoid: ", between the shown-only
    /// marks), if the table compares and the column has a heading.
    pub fn label(&self, column: usize) -> Option<String> {
        let compares = (2..=MOST_LABELLED_COLUMNS).contains(&self.0.len())
            && self
                .0
                .iter()
                .all(|heading| heading.trim().chars().count() <= LONGEST_COLUMN_LABEL);
        let heading = self
            .0
            .get(column)
            .map(|text| text.trim())
            .filter(|_| compares)?;
        (!heading.is_empty()).then(|| format!(" {SHOWN_ONLY_START}{heading}:{SHOWN_ONLY_END} "))
    }
}

/// Follows the table events to label body cells with their column's heading.
#[derive(Default)]
struct TableLabels {
    headings: ColumnHeadings,
    in_head: bool,
    column: usize,
}

impl TableLabels {
    /// Follows the table events; at the start of a body cell under a heading, returns the
    /// label to put before its text ("Avoid: ").
    fn observe(&mut self, event: &Event) -> Option<String> {
        match event {
            Event::Start(Tag::Table(_)) => self.headings.clear(),
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.column = 0,
            Event::End(TagEnd::TableCell) => self.column += 1,
            Event::Start(Tag::TableCell) if self.in_head => self.headings.start(),
            Event::Start(Tag::TableCell) => return self.headings.label(self.column),
            Event::Text(text) | Event::Code(text) if self.in_head => self.headings.push_str(text),
            _ => {}
        }
        None
    }
}

/// Tables of more columns than this hold data: their cells are not labelled.
const MOST_LABELLED_COLUMNS: usize = 3;
/// A column heading longer than this (in characters) is not repeated before its cells.
const LONGEST_COLUMN_LABEL: usize = 24;

fn push_text(sections: &mut [Section], text: &str, in_heading: bool) {
    if let Some(section) = sections.last_mut() {
        if in_heading {
            section.heading.push_str(text);
        } else {
            section.words += visible_bytes(text);
        }
    }
}

/// The bytes of `text` that are not whitespace: what `collapse_whitespace` keeps of it, but the
/// spaces it puts between words.
pub(super) fn visible_bytes(text: &str) -> usize {
    // Without a branch per byte: ASCII whitespace (tab to carriage return, and space) counted,
    // and the lead bytes of other whitespace noted, 64 bytes at a time into byte counters the
    // compiler vectorises (ten times faster than stopping at each candidate byte, measured
    // alone). Other whitespace is rare (C2 also leads ©, « and °): only then are the
    // characters read.
    let mut ascii = 0;
    let mut others = 0u8;
    for chunk in text.as_bytes().chunks(64) {
        let (mut spaces, mut leads) = (0u8, 0u8);
        for &byte in chunk {
            spaces += u8::from(byte == b' ' || byte.wrapping_sub(b'\t') < 5);
            leads |= u8::from(byte == 0xC2 || byte.wrapping_sub(0xE1) < 3);
        }
        ascii += usize::from(spaces);
        others |= leads;
    }
    if others == 0 {
        return text.len() - ascii;
    }
    let mut whitespace = 0;
    for_each_whitespace(text, |_, width| whitespace += width);
    text.len() - whitespace
}

/// Runs of whitespace become one space; none at either end. One pass, one allocation: it runs
/// over the whole text of every page (the search index's sections, the edition record's
/// fingerprints), so it copies each stretch between two runs of whitespace whole.
pub fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    collapse_whitespace_into(text, &mut collapsed);
    collapsed
}

/// [`collapse_whitespace`] appended to `collapsed` (empty: the first word gets no space before
/// it), for a caller that reuses one buffer.
pub fn collapse_whitespace_into(text: &str, collapsed: &mut String) {
    let mut space = false;
    // The start of the stretch of non-whitespace being read.
    let mut stretch = 0;
    for_each_whitespace(text, |at, width| {
        if stretch < at {
            if space {
                collapsed.push(' ');
            }
            collapsed.push_str(&text[stretch..at]);
        }
        space = !collapsed.is_empty();
        stretch = at + width;
    });
    if stretch < text.len() {
        if space {
            collapsed.push(' ');
        }
        collapsed.push_str(&text[stretch..]);
    }
}

/// Calls `each(at, width)` for every whitespace character of `text`, in order, with its byte
/// offset and length. It searches the bytes for the next one that may start whitespace (1.5 ns
/// a byte of the corpus against 2.3 for a character at a time, measured alone; the branch on
/// each byte is the cost).
fn for_each_whitespace(text: &str, mut each: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(next) = bytes[at..]
        .iter()
        .position(|byte| may_start_whitespace(*byte))
    {
        at += next;
        let width = whitespace_width(text, at);
        if width > 0 {
            each(at, width);
        }
        at += width.max(1);
    }
}

/// Whether a whitespace character (`char::is_whitespace`) may start with `byte`: ASCII's
/// controls and space, and the lead bytes C2, E1, E2 and E3 (U+0085, U+00A0, U+1680, U+2000 to
/// U+205F, U+3000). A continuation byte or any other lead byte (Thai's E0) starts none.
fn may_start_whitespace(byte: u8) -> bool {
    byte <= b' ' || byte == 0xC2 || byte.wrapping_sub(0xE1) < 3
}

/// The length in bytes of the whitespace character starting at byte `at` of `text`, or 0 if
/// none starts there.
fn whitespace_width(text: &str, at: usize) -> usize {
    match text.as_bytes()[at] {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 1,
        0xC2 | 0xE1..=0xE3 => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}
