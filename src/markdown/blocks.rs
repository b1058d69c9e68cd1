//! Block passes: fenced code highlighted into one HTML block, task-list boxes drawn as symbols.

use super::Piece;
use crate::highlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// Each code block (its start, text and end) becomes one block of highlighted HTML.
pub(super) fn highlight_code(events: Vec<Piece<'_>>) -> Vec<Piece<'_>> {
    // Most bodies have no code: their events are kept, not copied one by one into a new list.
    if !events
        .iter()
        .any(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((language, String::new()));
            }
            Event::Text(text) if block.is_some() => {
                if let Some((_, code)) = block.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, code)) = block.take() {
                    let html = highlight::code_block(&language, &code);
                    out.push((Event::Html(CowStr::from(html)), range));
                }
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// A task-list box is something to tick on paper, not a form control: an unlabelled, disabled
/// `<input>` fails accessibility checks and prints poorly.
pub(super) fn draw_task_boxes(events: &mut [Piece]) {
    for (event, _) in events.iter_mut() {
        if let Event::TaskListMarker(done) = *event {
            let symbol = if done { "☑" } else { "☐" };
            *event = Event::InlineHtml(CowStr::from(format!(
                "<span class=\"task-box\">{symbol}</span> "
            )));
        }
    }
}
