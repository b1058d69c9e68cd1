//! Markdown parsed once into a body, then named passes over it: heading ids (headings.rs),
//! search sections (sections.rs), highlighted code and task boxes (blocks.rs), abbreviations and
//! kept Thai terms (marks.rs); then serialised to HTML once per place it is shown, with that
//! place's links (links.rs), heading levels and ids.

mod blocks;
mod headings;
mod links;
mod marks;
mod sections;
#[cfg(test)]
mod tests;

pub use headings::Heading;
pub use marks::TextMarks;
pub use sections::{
    collapse_whitespace, collapse_whitespace_into, plain_text, ColumnHeadings, Section,
    SHOWN_ONLY_END, SHOWN_ONLY_START,
};

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One event of a body and the range of the Markdown it came from (for link problems).
type Piece<'a> = (pulldown_cmark::Event<'a>, Range<usize>);

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

pub struct RenderContext<'a> {
    pub links: &'a dyn LinkResolver,
    pub marks: &'a TextMarks,
    /// Heading ids start below this level: page bodies use h2 and h3 under the page's own h1.
    pub heading_offset: u8,
    /// Put before every heading id (and every link to one of this page's headings): empty for
    /// a page of its own, set where several pages share one document (a role's print pack).
    pub id_prefix: &'a str,
}

/// A body of Markdown after the passes that do not depend on where it is shown: heading ids set
/// (unprefixed), code highlighted, task boxes drawn, text marked; links still unresolved.
pub struct Body<'a> {
    events: Vec<Piece<'a>>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
}

impl<'a> Body<'a> {
    /// Parses `markdown` and runs the passes, in their order: each reads what the one before left.
    pub fn parse(markdown: &'a str, marks: &TextMarks) -> Body<'a> {
        let mut events: Vec<Piece> = Parser::new_ext(markdown, options())
            .into_offset_iter()
            .collect();
        let headings = headings::assign_ids(&mut events);
        let anchors: Vec<String> = headings.iter().map(|h| h.id.clone()).collect();
        let sections = sections::sections(&events, &anchors);
        let mut events = blocks::highlight_code(events);
        blocks::draw_task_boxes(&mut events);
        marks::mark_text(&mut events, marks);
        Body {
            events,
            headings,
            sections,
        }
    }

    /// The body as HTML where it is shown through `links`, `heading_offset` levels down, with
    /// `id_prefix` before its heading ids; link problems go to `problems` when given.
    pub fn to_html(
        &self,
        links: &dyn LinkResolver,
        heading_offset: u8,
        id_prefix: &str,
        problems: Option<&mut Vec<LinkProblem>>,
    ) -> String {
        self.to_html_with_headings(links, heading_offset, id_prefix, problems, None)
    }

    /// `to_html`, and where each heading's tag (`<h`) starts in it into `heading_starts`: the
    /// print body is cut there into its sections' parts, which searching the HTML for each
    /// heading's id cost 0.6% of a build.
    fn to_html_with_headings(
        &self,
        links: &dyn LinkResolver,
        heading_offset: u8,
        id_prefix: &str,
        mut problems: Option<&mut Vec<LinkProblem>>,
        mut heading_starts: Option<&mut Vec<usize>>,
    ) -> String {
        // How much HTML is written: the writer writes each event whole before it asks for the
        // next one, so a heading's tag starts at (or, after the newline put before it, one byte
        // past) the length written when its start event is handed over.
        let written = std::cell::Cell::new(0);
        let events = self.events.iter().map(|piece| {
            if let (Some(starts), Event::Start(Tag::Heading { .. })) =
                (heading_starts.as_deref_mut(), &piece.0)
            {
                starts.push(written.get());
            }
            headings::place(&piece.0, heading_offset, id_prefix)
                .or_else(|| links::resolve(piece, links, id_prefix, problems.as_deref_mut()))
                .unwrap_or_else(|| piece.0.clone())
        });
        let mut html = String::with_capacity(self.events.len() * 16);
        // Writing into a String does not fail.
        let _ = pulldown_cmark::html::write_html_fmt(
            Counted {
                html: &mut html,
                written: &written,
            },
            events,
        );
        if let Some(starts) = heading_starts {
            for start in starts.iter_mut() {
                *start += html.as_bytes()[*start..]
                    .iter()
                    .position(|byte| *byte == b'<')
                    .unwrap_or(0);
            }
        }
        html
    }
}

/// A String that tells how long it is as it is written.
struct Counted<'a> {
    html: &'a mut String,
    written: &'a std::cell::Cell<usize>,
}

impl std::fmt::Write for Counted<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.html.push_str(text);
        self.written.set(self.html.len());
        Ok(())
    }
}

/// A body's HTML where it is shown a second time, and where each heading's tag starts in it.
#[derive(Debug, Default)]
pub struct VariantHtml {
    pub html: String,
    pub heading_starts: Vec<usize>,
}

/// Headings with their final ids, without rendering: needed before rendering to check anchors
/// of links between pages.
pub fn headings(markdown: &str) -> Vec<Heading> {
    let mut events: Vec<Piece> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    headings::assign_ids(&mut events)
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

/// `render`, plus the HTML of `variant` when one is given, from the same parse. Problems are
/// those of the first page (a variant's links point at the same targets).
pub fn render_with_variant(
    markdown: &str,
    context: &RenderContext,
    variant: Option<&Variant>,
) -> (Rendered, Option<VariantHtml>, Vec<LinkProblem>) {
    let body = Body::parse(markdown, context.marks);
    let mut problems = Vec::new();
    let html = body.to_html(
        context.links,
        context.heading_offset,
        context.id_prefix,
        Some(&mut problems),
    );
    let variant_html = variant.map(|variant| {
        let mut heading_starts = Vec::with_capacity(body.headings.len());
        let html = body.to_html_with_headings(
            variant.links,
            variant.heading_offset,
            variant.id_prefix,
            None,
            Some(&mut heading_starts),
        );
        VariantHtml {
            html,
            heading_starts,
        }
    });
    let prefixed = |id: &str| format!("{}{id}", context.id_prefix);
    let headings = body
        .headings
        .into_iter()
        .map(|heading| Heading {
            id: prefixed(&heading.id),
            ..heading
        })
        .collect();
    let sections = body
        .sections
        .into_iter()
        .map(|section| Section {
            anchor: section.anchor.as_deref().map(prefixed),
            ..section
        })
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
