//! The link pass, run for each place a body is shown: link and image targets resolved for that page.

use super::{LinkProblem, LinkResolver, LinkTarget, Piece};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// `event` with its link or image target resolved by `links`, or None when it is neither.
/// A problem is pushed to `problems` (with the Markdown range) when one is given.
pub(super) fn resolve<'a>(
    (event, range): &Piece<'a>,
    links: &dyn LinkResolver,
    id_prefix: &str,
    mut problems: Option<&mut Vec<LinkProblem>>,
) -> Option<Event<'a>> {
    let report = |(message, hint): (String, Option<String>)| {
        if let Some(problems) = problems.as_deref_mut() {
            problems.push(LinkProblem {
                range: range.clone(),
                message,
                hint,
            });
        }
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            // An e-mail autolink (<name@example.org>) is a mailto: link, as CommonMark renders it.
            let destination = match link_type {
                LinkType::Email => CowStr::from(format!("mailto:{dest_url}")),
                _ => dest_url.clone(),
            };
            let target = links.link(&destination).map_err(report).ok();
            let html = link_html(with_id_prefix(target, id_prefix), title);
            Some(Event::Html(CowStr::from(html)))
        }
        Event::End(TagEnd::Link) => Some(Event::Html(CowStr::from("</a>"))),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let source = links.image(dest_url).map_err(report).unwrap_or_default();
            Some(Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: CowStr::from(source),
                title: title.clone(),
                id: id.clone(),
            }))
        }
        _ => None,
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
