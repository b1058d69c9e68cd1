//! The heading pass: every heading gets its id (a custom `{#id}` wins, others are unique slugs of
//! their text). One algorithm, for the ids pages are rendered with and the ones links are checked against.

use super::Piece;
use crate::slug::{slugify, UniqueIds};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Sets the id of every heading in `events` and returns the headings in order.
pub(super) fn assign_ids(events: &mut [Piece]) -> Vec<Heading> {
    let mut ids = UniqueIds::default();
    let mut headings = Vec::new();
    // The open heading: where its start event is, its custom id and its text so far.
    let mut open: Option<(usize, Option<String>, String)> = None;
    for index in 0..events.len() {
        match &events[index].0 {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((index, id.as_ref().map(|id| id.to_string()), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, buffer)) = open.as_mut() {
                    buffer.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = *level as u8;
                if let Some((start, custom, text)) = open.take() {
                    let id = match custom {
                        Some(custom) => {
                            ids.reserve(&custom);
                            custom
                        }
                        None => ids.unique(&slugify(&text)),
                    };
                    set_id(&mut events[start].0, &id);
                    headings.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

fn set_id(event: &mut Event, id: &str) {
    if let Event::Start(Tag::Heading { id: slot, .. }) = event {
        *slot = Some(CowStr::from(id.to_string()));
    }
}

/// A heading as shown where the body sits under other headings: `offset` levels down, its id
/// after `prefix` (several bodies in one document must not share ids).
pub(super) fn place<'a>(event: &Event<'a>, offset: u8, prefix: &str) -> Option<Event<'a>> {
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shift(*level, offset),
            id: id.as_ref().map(|id| CowStr::from(format!("{prefix}{id}"))),
            classes: classes.clone(),
            attrs: attrs.clone(),
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shift(*level, offset))))
        }
        _ => None,
    }
}

fn shift(level: HeadingLevel, offset: u8) -> HeadingLevel {
    let shifted = (level as u8).saturating_add(offset).min(6);
    HeadingLevel::try_from(shifted as usize).unwrap_or(HeadingLevel::H6)
}
