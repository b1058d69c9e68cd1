//! Markdown to HTML in named passes over pulldown-cmark events: heading ids, links, abbreviations and kept terms, highlighting.
//! The same pass collects each heading section's plain text for the search index.

use crate::highlight;
use crate::slug::{slugify, UniqueIds};
use aho_corasick::AhoCorasick;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The plain text under one heading (or before the first heading, with `heading` empty).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Section {
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
    /// How much of `text` (in bytes) is the text of links: a section of nothing else ("Related
    /// pages") names other pages rather than saying anything itself.
    pub link_text: usize,
}

impl Section {
    /// Whether the section is a list of links to other pages: its words are their titles.
    pub fn is_links_only(&self) -> bool {
        let words = self.text.len() - self.text.matches(' ').count();
        words > 0 && self.link_text * 10 >= words * 9
    }
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
}

/// What a link destination becomes, decided by the caller, who knows the site.
pub enum LinkTarget {
    /// A link within the site, as an href relative to the current page.
    Internal(String),
    /// Another site: kept, and marked as external.
    External(String),
}

/// A problem with one link or image, at a byte range of the Markdown text.
#[derive(Debug, Clone)]
pub struct LinkProblem {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

pub trait LinkResolver {
    fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)>;
    fn image(&self, source: &str) -> Result<String, (String, Option<String>)>;
}

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

pub struct RenderContext<'a> {
    pub links: &'a dyn LinkResolver,
    pub marks: &'a TextMarks,
    /// Heading ids start below this level: page bodies use h2 and h3 under the page's own h1.
    pub heading_offset: u8,
    /// Put before every heading id (and every link to one of this page's headings): empty for
    /// a page of its own, set where several pages share one document (a role's print pack).
    pub id_prefix: &'a str,
}

/// Headings with their final ids, without rendering: needed before rendering to check anchors
/// of links between pages.
pub fn headings(markdown: &str) -> Vec<Heading> {
    let mut ids = UniqueIds::default();
    let mut headings = Vec::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                ))
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, buffer)) = current.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, custom, text)) = current.take() {
                    let id = match custom {
                        Some(custom) => {
                            ids.reserve(&custom);
                            custom
                        }
                        None => ids.unique(&slugify(&text)),
                    };
                    headings.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Renders Markdown to HTML. Problems with links and images are returned, not printed.
pub fn render(markdown: &str, context: &RenderContext) -> (Rendered, Vec<LinkProblem>) {
    let (rendered, _, problems) = render_with_variant(markdown, context, None);
    (rendered, problems)
}

/// The same Markdown shown on a second page as well (the print view shows every page again):
/// links and images are resolved for that page and headings shifted by its own offset. The rest,
/// parsing included, is shared, so the second copy costs one HTML serialisation, not a render.
pub struct Variant<'a> {
    pub links: &'a dyn LinkResolver,
    pub heading_offset: u8,
    /// Put before every heading id: the print view holds every page in one document, where two
    /// pages' "Steps" sections must not share an id.
    pub id_prefix: &'a str,
}

/// `render`, plus the HTML of `variant` when one is given. Problems are those of the first page
/// (a variant's links point at the same targets).
pub fn render_with_variant(
    markdown: &str,
    context: &RenderContext,
    variant: Option<&Variant>,
) -> (Rendered, Option<String>, Vec<LinkProblem>) {
    let mut problems = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // Events of the variant that differ from `events`, by index into `events`.
    let mut patches: Vec<(usize, Event)> = Vec::new();
    let mut headings = Vec::new();
    let mut ids = UniqueIds::default();
    let mut sections = vec![Section::default()];
    // The open heading: where its start event is (and its variant's patch), custom id, raw text.
    let mut heading: Option<(usize, Option<usize>, Option<String>, String)> = None;
    let mut in_link = 0usize;
    let mut code_block: Option<(String, String)> = None;
    let mut table = TableLabels::default();

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let in_heading = heading.is_some();
        if let Some(label) = table.observe(&event) {
            push_text(&mut sections, &label, in_heading);
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // The id is known only at the heading's end (it comes from the text); set it there.
                let start = Event::Start(Tag::Heading {
                    level: shift_heading(level, context.heading_offset),
                    id: None,
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                });
                let patch = variant.map(|variant| {
                    patches.push((
                        events.len(),
                        Event::Start(Tag::Heading {
                            level: shift_heading(level, variant.heading_offset),
                            id: None,
                            classes,
                            attrs,
                        }),
                    ));
                    patches.len() - 1
                });
                heading = Some((
                    events.len(),
                    patch,
                    id.map(|id| id.to_string()),
                    String::new(),
                ));
                sections.push(Section::default());
                events.push(start);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, patch, custom, text)) = heading.take() {
                    let id = match custom {
                        Some(custom) => {
                            ids.reserve(&custom);
                            custom
                        }
                        None => ids.unique(&slugify(&text)),
                    };
                    if let (Some(patch), Some(variant)) = (patch, variant) {
                        let variant_id = format!("{}{id}", variant.id_prefix);
                        set_heading_id(&mut patches[patch].1, &variant_id);
                    }
                    let id = format!("{}{id}", context.id_prefix);
                    set_heading_id(&mut events[start], &id);
                    if let Some(section) = sections.last_mut() {
                        section.anchor = Some(id.clone());
                    }
                    headings.push(Heading {
                        level: level_number(level),
                        id,
                        text,
                    });
                }
                if let Some(variant) = variant {
                    patches.push((
                        events.len(),
                        Event::End(TagEnd::Heading(shift_heading(
                            level,
                            variant.heading_offset,
                        ))),
                    ));
                }
                events.push(Event::End(TagEnd::Heading(shift_heading(
                    level,
                    context.heading_offset,
                ))));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                in_link += 1;
                if let Some(variant) = variant {
                    let target = variant.links.link(&dest_url).ok();
                    let html = link_html(with_id_prefix(target, variant.id_prefix), &title);
                    patches.push((events.len(), Event::Html(CowStr::from(html))));
                }
                let target = match context.links.link(&dest_url) {
                    Ok(target) => Some(target),
                    Err((message, hint)) => {
                        problems.push(LinkProblem {
                            range: range.clone(),
                            message,
                            hint,
                        });
                        None
                    }
                };
                let target = with_id_prefix(target, context.id_prefix);
                events.push(Event::Html(CowStr::from(link_html(target, &title))));
            }
            Event::End(TagEnd::Link) => {
                in_link -= 1;
                events.push(Event::Html(CowStr::from("</a>")));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(variant) = variant {
                    let source = variant.links.image(&dest_url).unwrap_or_default();
                    patches.push((
                        events.len(),
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url: CowStr::from(source),
                            title: title.clone(),
                            id: id.clone(),
                        }),
                    ));
                }
                let source = match context.links.image(&dest_url) {
                    Ok(source) => source,
                    Err((message, hint)) => {
                        problems.push(LinkProblem {
                            range: range.clone(),
                            message,
                            hint,
                        });
                        String::new()
                    }
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(source),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code_block = Some((language, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, code)) = code_block.take() {
                    push_text(&mut sections, &code, in_heading);
                    events.push(Event::Html(CowStr::from(highlight::code_block(
                        &language, &code,
                    ))));
                }
            }
            Event::Text(text) => {
                if let Some((_, code)) = code_block.as_mut() {
                    code.push_str(&text);
                    continue;
                }
                if let Some((_, _, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                push_text(&mut sections, &text, in_heading);
                if in_link > 0 && !in_heading {
                    if let Some(section) = sections.last_mut() {
                        section.link_text += text.trim().len();
                    }
                }
                match (in_link == 0)
                    .then(|| context.marks.mark_up(&text))
                    .flatten()
                {
                    Some(html) => events.push(Event::InlineHtml(CowStr::from(html))),
                    None => events.push(Event::Text(text)),
                }
            }
            Event::Code(text) => {
                if let Some((_, _, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                push_text(&mut sections, &text, in_heading);
                events.push(Event::Code(text));
            }
            // A task-list box is something to tick on paper, not a form control: an unlabelled,
            // disabled <input> fails accessibility checks and prints poorly.
            Event::TaskListMarker(done) => {
                let symbol = if done { "☑" } else { "☐" };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<span class=\"task-box\">{symbol}</span> "
                ))));
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut sections, " ", in_heading);
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                push_text(&mut sections, " ", in_heading);
                events.push(event);
            }
            other => events.push(other),
        }
    }

    let variant_html = variant.map(|_| {
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        let mut patches = patches.into_iter().peekable();
        let events = events.iter().enumerate().map(|(index, event)| {
            match patches.next_if(|(at, _)| *at == index) {
                Some((_, patched)) => patched,
                None => event.clone(),
            }
        });
        pulldown_cmark::html::push_html(&mut html, events);
        html
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let sections = sections
        .into_iter()
        .map(|mut section| {
            section.text = collapse_whitespace(&section.text);
            section.heading = collapse_whitespace(&section.heading);
            section
        })
        .filter(|section| section.anchor.is_some() || !section.text.is_empty())
        .collect();
    (
        Rendered {
            html,
            headings,
            sections,
        },
        variant_html,
        problems,
    )
}

fn set_heading_id<'a>(event: &mut Event<'a>, id: &str) {
    if let Event::Start(Tag::Heading { id: slot, .. }) = event {
        *slot = Some(CowStr::from(id.to_string()));
    }
}

/// The opening `<a>` of a link: internal, external (marked), or a dead `#` for a broken one.
/// A link to a heading of the same page follows the prefix of that page's heading ids.
fn with_id_prefix(target: Option<LinkTarget>, prefix: &str) -> Option<LinkTarget> {
    match target {
        Some(LinkTarget::Internal(href)) if !prefix.is_empty() && href.starts_with('#') => {
            Some(LinkTarget::Internal(format!("#{prefix}{}", &href[1..])))
        }
        other => other,
    }
}

fn link_html(target: Option<LinkTarget>, title: &str) -> String {
    let mut html = match target {
        Some(LinkTarget::Internal(href)) => format!(
            "<a href=\"{}\"",
            html_escape::encode_double_quoted_attribute(&href)
        ),
        Some(LinkTarget::External(href)) => format!(
            "<a class=\"external\" rel=\"noopener noreferrer\" href=\"{}\"",
            html_escape::encode_double_quoted_attribute(&href)
        ),
        None => "<a href=\"#\"".to_string(),
    };
    if !title.is_empty() {
        html.push_str(&format!(
            " title=\"{}\"",
            html_escape::encode_double_quoted_attribute(title)
        ));
    }
    html.push('>');
    html
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
/// tables of two or three columns with short headings, the tables that compare.
#[derive(Default)]
struct TableLabels {
    headings: Vec<String>,
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
            Event::Start(Tag::TableCell) if self.in_head => self.headings.push(String::new()),
            Event::Start(Tag::TableCell) if self.compares() => {
                let heading = self.headings.get(self.column).map(|text| text.trim())?;
                return (!heading.is_empty())
                    .then(|| format!(" {SHOWN_ONLY_START}{heading}:{SHOWN_ONLY_END} "));
            }
            Event::Text(text) | Event::Code(text) if self.in_head => {
                if let Some(heading) = self.headings.last_mut() {
                    heading.push_str(text);
                }
            }
            _ => {}
        }
        None
    }

    /// Whether the table's columns are a few short headings to read each cell under.
    fn compares(&self) -> bool {
        (2..=MOST_LABELLED_COLUMNS).contains(&self.headings.len())
            && self
                .headings
                .iter()
                .all(|heading| heading.trim().chars().count() <= LONGEST_COLUMN_LABEL)
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
            section.text.push_str(text);
        }
    }
}

fn shift_heading(level: HeadingLevel, offset: u8) -> HeadingLevel {
    let shifted = (level as u8).saturating_add(offset).min(6);
    HeadingLevel::try_from(shifted as usize).unwrap_or(HeadingLevel::H6)
}

/// Runs of whitespace become one space; none at either end. One pass, one allocation: it runs
/// over the whole text of every page for the search index.
pub fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !collapsed.is_empty();
        } else {
            if space {
                collapsed.push(' ');
                space = false;
            }
            collapsed.push(c);
        }
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
            if destination.starts_with("@/missing") {
                Err(("no such page".into(), None))
            } else {
                Ok(LinkTarget::Internal(destination.to_string()))
            }
        }
        fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
            Ok(source.to_string())
        }
    }

    fn render_plain(markdown: &str, marks: &TextMarks) -> (Rendered, Vec<LinkProblem>) {
        render(
            markdown,
            &RenderContext {
                links: &NoLinks,
                marks,
                heading_offset: 0,
                id_prefix: "",
            },
        )
    }

    #[test]
    fn headings_get_unique_ids_and_custom_ids_win() {
        let found = headings("## Overview\n\n## Overview\n\n## Named {#chosen}\n\n## ภาพรวม\n");
        let ids: Vec<&str> = found.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["overview", "overview-1", "chosen", "ภาพรวม"]);
    }

    #[test]
    fn sections_carry_their_heading_and_text() {
        let (rendered, _) = render_plain(
            "Intro text.\n\n## Consent\n\nAsk *first*.\n",
            &TextMarks::none(),
        );
        assert_eq!(rendered.sections.len(), 2);
        assert_eq!(rendered.sections[1].anchor.as_deref(), Some("consent"));
        assert_eq!(rendered.sections[1].heading, "Consent");
        assert_eq!(rendered.sections[1].text, "Ask first.");
    }

    #[test]
    fn a_section_of_links_only_is_told_from_one_with_links_in_its_text() {
        let markdown = "## Related pages\n\n- [Consent](@/a.md)\n- [Referral](@/b.md)\n\n## Consent\n\nAsk first, and see [referral](@/b.md).\n";
        let (rendered, _) = render_plain(markdown, &TextMarks::none());
        assert!(rendered.sections[0].is_links_only());
        assert!(!rendered.sections[1].is_links_only());
    }

    #[test]
    fn plain_text_keeps_a_link_s_words_and_drops_its_target() {
        assert_eq!(
            plain_text("See [the **MDT**](@/reintegration/mdt.md).\n\nThen `F-07`."),
            "See the MDT. Then F-07."
        );
    }

    #[test]
    fn a_table_cell_is_searched_under_its_column_heading() {
        let markdown = "## Interpreters\n\n| Do | Avoid |\n|---|---|\n| Use a trained interpreter | Use relatives |\n\n| Only |\n|---|\n| one column |\n\n| A | B | C | D |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n";
        let (rendered, _) = render_plain(markdown, &TextMarks::none());
        // Labelled in a table that compares; not in one of a single column, nor in a data table.
        assert_eq!(
            rendered.sections[0].text.replace([SHOWN_ONLY_START, SHOWN_ONLY_END], "|"),
            "Do Avoid |Do:| Use a trained interpreter |Avoid:| Use relatives Only one column A B C D 1 2 3 4"
        );
        assert!(!rendered.html.contains("Avoid:"), "{}", rendered.html);
    }

    #[test]
    fn rendered_heading_ids_match_the_ones_links_are_checked_against() {
        let markdown = "## A\n\n## A {#b}\n\n## B\n\n## `code` and *more*\n\n## A\n";
        let (rendered, _) = render_plain(markdown, &TextMarks::none());
        assert_eq!(rendered.headings, headings(markdown));
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "b-1", "code-and-more", "a-1"]);
        assert!(
            rendered.html.contains("<h2 id=\"b-1\">B</h2>"),
            "{}",
            rendered.html
        );
    }

    struct PrefixLinks(&'static str);
    impl LinkResolver for PrefixLinks {
        fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
            Ok(LinkTarget::Internal(format!("{}{destination}", self.0)))
        }
        fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
            Ok(format!("{}{source}", self.0))
        }
    }

    struct AnchorsAsIs;
    impl LinkResolver for AnchorsAsIs {
        fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
            Ok(LinkTarget::Internal(destination.to_string()))
        }
        fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
            Ok(source.to_string())
        }
    }

    #[test]
    fn a_variant_has_its_own_links_heading_levels_and_prefixed_ids() {
        let page_links = PrefixLinks("../../");
        let print_links = PrefixLinks("../");
        let context = RenderContext {
            links: &page_links,
            marks: &TextMarks::none(),
            heading_offset: 0,
            id_prefix: "",
        };
        let variant = Variant {
            links: &print_links,
            heading_offset: 1,
            id_prefix: "p1-",
        };
        let markdown = "## Steps\n\nSee [x](a.html) and ![i](p.png).\n";
        let (rendered, print, _) = render_with_variant(markdown, &context, Some(&variant));
        let print = print.unwrap_or_default();
        assert!(
            rendered.html.contains("<h2 id=\"steps\">Steps</h2>"),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("href=\"../../a.html\""));
        assert!(rendered.html.contains("src=\"../../p.png\""));
        assert!(print.contains("<h3 id=\"p1-steps\">Steps</h3>"), "{print}");
        assert!(print.contains("href=\"../a.html\""), "{print}");
        assert!(print.contains("src=\"../p.png\""), "{print}");
        assert_eq!(
            rendered
                .html
                .replace("../../", "../")
                .replace("h2", "h3")
                .replace("id=\"steps\"", "id=\"p1-steps\""),
            print
        );
    }

    #[test]
    fn a_link_to_a_heading_of_the_same_page_follows_the_variant_ids() {
        let context = RenderContext {
            links: &AnchorsAsIs,
            marks: &TextMarks::none(),
            heading_offset: 0,
            id_prefix: "",
        };
        let variant = Variant {
            links: &AnchorsAsIs,
            heading_offset: 1,
            id_prefix: "print-3-",
        };
        let markdown = "## Steps\n\nBack to [the steps](#steps) or [elsewhere](b.html#steps).\n";
        let (rendered, print, _) = render_with_variant(markdown, &context, Some(&variant));
        let print = print.unwrap_or_default();
        assert!(
            rendered.html.contains("href=\"#steps\""),
            "{}",
            rendered.html
        );
        assert!(print.contains("href=\"#print-3-steps\""), "{print}");
        assert!(print.contains("href=\"b.html#steps\""), "{print}");
    }

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(collapse_whitespace("ไทย  คำ"), "ไทย คำ");
    }

    #[test]
    fn a_broken_link_is_reported_with_its_position() {
        let (_, problems) = render_plain("See [x](@/missing.md).", &TextMarks::none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].range.start, 4);
    }

    #[test]
    fn task_lists_print_boxes_not_unlabelled_inputs() {
        let (rendered, _) = render_plain(
            "- [ ] destroy paper copies\n- [x] inform the person\n",
            &TextMarks::none(),
        );
        assert!(!rendered.html.contains("<input"), "{}", rendered.html);
        assert!(
            rendered.html.contains("☐</span> destroy"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("☑</span> inform"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn abbreviations_are_marked_only_where_they_stand_alone() {
        let abbreviations =
            TextMarks::new(vec![("MDT".into(), "Multidisciplinary team".into())], &[]);
        let (rendered, _) = render_plain("The MDT meets. MDTs differ.", &abbreviations);
        assert_eq!(
            rendered
                .html
                .matches("<abbr title=\"Multidisciplinary team\">MDT</abbr>")
                .count(),
            1
        );
    }

    #[test]
    fn short_thai_terms_are_kept_on_one_line_long_ones_and_english_are_not() {
        let terms = [
            "ผู้เสียหาย".to_string(),
            "ผู้เสียหายจากการค้ามนุษย์".to_string(),
            "Case manager".to_string(),
        ];
        let marks = TextMarks::new(Vec::new(), &terms);
        let (rendered, _) = render_plain(
            "ติดตามผู้เสียหายจากการค้ามนุษย์กลับบ้าน with the Case manager",
            &marks,
        );
        let html = scraper::Html::parse_fragment(&rendered.html);
        let kept: Vec<String> = html
            .select(&scraper::Selector::parse("span.nobr").unwrap())
            .map(|span| span.text().collect())
            .collect();
        assert_eq!(kept, ["ผู้เสียหาย"], "{}", rendered.html);
        // Not inside a longer word: กระบวนการส่งกลับ would become one unbreakable run.
        let marks = TextMarks::new(Vec::new(), &["การส่งกลับ".to_string()]);
        let (inside, _) = render_plain("กระบวนการส่งกลับ", &marks);
        assert!(!inside.html.contains("nobr"), "{}", inside.html);
    }

    #[test]
    fn abbreviation_text_is_escaped() {
        let abbreviations = TextMarks::new(vec![("MDT".into(), "a \"team\"".into())], &[]);
        let (rendered, _) = render_plain("MDT & co", &abbreviations);
        assert!(
            rendered.html.contains("title=\"a &quot;team&quot;\""),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("&amp; co"));
    }
}
