//! A page's print body cut at its search sections: each section's search document stores its part, which is the page's one stored copy of its text.
//!
//! The print documents put the parts back together (print.js), and the index and search.js
//! take each part's text by one rule (`search::body_text`).

use crate::markdown::{Section, VariantHtml};

/// A heading with no text of its own (only subsections under it) would be a search result with
/// nothing to show: it is folded into the next section's heading instead ("In practice › Abroad
/// and during return"), so its words still find that section and the reader sees where it is.
/// The page's opening section stays, even empty: it is the one its title counts most in. Each
/// section starts at a byte of the print body: a folded one where the first heading folded
/// into it does.
fn fold(sections: Vec<(Section, usize)>) -> Vec<(Section, usize)> {
    let mut folded: Vec<(Section, usize)> = Vec::with_capacity(sections.len());
    let mut pending: Vec<String> = Vec::new();
    let mut pending_start = None;
    let count = sections.len();
    for (at, (mut section, start)) in sections.into_iter().enumerate() {
        let container = section.anchor.is_some() && !section.has_text() && at + 1 < count;
        if container {
            pending.push(section.heading);
            pending_start.get_or_insert(start);
            continue;
        }
        let start = pending_start.take().unwrap_or(start);
        if !pending.is_empty() {
            pending.push(section.heading);
            section.heading = pending.join(" › ");
            pending.clear();
        }
        folded.push((section, start));
    }
    folded
}

/// The page's search sections, folded, each with its part of `print` (the page's print body,
/// whose heading ids start with `id_prefix`): from its first heading to the next section's,
/// the first part from the start. Every byte of the body is in one part, so a body with no
/// section (an image alone) gets an opening section of its own.
pub(super) fn sections_with_parts(
    mut sections: Vec<Section>,
    print: &VariantHtml,
    id_prefix: &str,
) -> Vec<(Section, String)> {
    let print_html = print.html.as_str();
    if sections.is_empty() && !print_html.trim().is_empty() {
        sections.push(Section::default());
    }
    let mut from = 0;
    // The headings' tags in order, as the serialiser wrote them: the section of the n-th
    // heading starts at the n-th, when that tag carries its id (it always does, but for ids
    // HTML escapes); else where the id is found.
    let mut heading_starts = print.heading_starts.iter().copied();
    let starts: Vec<(Section, usize)> = sections
        .into_iter()
        .map(|section| {
            if let Some(anchor) = &section.anchor {
                let id = format!(" id=\"{id_prefix}{anchor}\"");
                let tag = heading_starts.next().filter(|&start| {
                    start >= from
                        && print_html
                            .get(start..)
                            .is_some_and(|tag| tag.starts_with("<h") && tag[3..].starts_with(&id))
                });
                if let Some(tag) = tag {
                    from = tag;
                } else if let Some(found) = print_html[from..].find(&id) {
                    let tag = print_html[..from + found].rfind("<h").unwrap_or(from);
                    from = tag.max(from);
                }
            }
            (section, from)
        })
        .collect();
    let folded = fold(starts);
    let ends: Vec<usize> = folded
        .iter()
        .skip(1)
        .map(|(_, start)| *start)
        .chain([print_html.len()])
        .collect();
    folded
        .into_iter()
        .zip(ends)
        .enumerate()
        .map(|(n, ((section, start), end))| {
            let start = if n == 0 { 0 } else { start };
            let part = print_html.get(start..end).unwrap_or_default().to_string();
            (section, part)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(anchor: Option<&str>, heading: &str, text: &str) -> Section {
        Section {
            anchor: anchor.map(str::to_string),
            heading: heading.to_string(),
            words: text.split_whitespace().map(str::len).sum(),
            link_text: 0,
        }
    }

    #[test]
    fn a_heading_with_only_subsections_is_folded_into_the_next_one() {
        let sections = vec![
            section(None, "", ""),
            section(Some("in-practice"), "In practice", " "),
            section(Some("abroad"), "Abroad", "Treat them as a child."),
            section(Some("home"), "At home", "Assess the family."),
            section(Some("empty-end"), "Notes", ""),
        ];
        let folded = fold(sections.into_iter().map(|s| (s, 0)).collect());
        let shown: Vec<(Option<&str>, &str)> = folded
            .iter()
            .map(|(s, _)| (s.anchor.as_deref(), s.heading.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (None, ""),
                (Some("abroad"), "In practice › Abroad"),
                (Some("home"), "At home"),
                (Some("empty-end"), "Notes"),
            ]
        );
    }

    #[test]
    fn the_print_body_is_cut_where_each_folded_section_starts() {
        let html = "<p><img src=\"a.png\" alt=\"\"></p>\n<h3 id=\"print-4-in\">In</h3>\n<h4 id=\"print-4-abroad\">Abroad</h4>\n<p>Treat.</p>\n<h3 id=\"print-4-home\">Home</h3>\n<p>Assess.</p>\n";
        let sections = vec![
            section(Some("in"), "In", ""),
            section(Some("abroad"), "Abroad", "Treat."),
            section(Some("home"), "Home", "Assess."),
        ];
        let found = VariantHtml {
            html: html.to_string(),
            heading_starts: Vec::new(),
        };
        let shown = |parts: Vec<(Section, String)>| -> Vec<(String, String)> {
            parts
                .into_iter()
                .map(|(section, part)| (section.heading, part))
                .collect()
        };
        let parts = shown(sections_with_parts(sections.clone(), &found, "print-4-"));
        // Where the serialiser says the headings are, the same parts; a start that is not the
        // heading's (its id is not there) is searched for as without one.
        let starts = |tags: [&str; 3]| VariantHtml {
            html: html.to_string(),
            heading_starts: tags
                .iter()
                .map(|tag| html.find(tag).expect("a heading"))
                .collect(),
        };
        let told = starts(["<h3 id=\"print-4-in", "<h4", "<h3 id=\"print-4-home"]);
        assert_eq!(
            shown(sections_with_parts(sections.clone(), &told, "print-4-")),
            parts
        );
        let wrong = starts(["<h4", "<h3 id=\"print-4-in", "<h4"]);
        assert_eq!(
            shown(sections_with_parts(sections, &wrong, "print-4-")),
            parts
        );
        let parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(heading, part)| (heading.as_str(), part.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("In › Abroad", "<p><img src=\"a.png\" alt=\"\"></p>\n<h3 id=\"print-4-in\">In</h3>\n<h4 id=\"print-4-abroad\">Abroad</h4>\n<p>Treat.</p>\n"),
                ("Home", "<h3 id=\"print-4-home\">Home</h3>\n<p>Assess.</p>\n"),
            ]
        );
        let body = |html: &str| VariantHtml {
            html: html.to_string(),
            heading_starts: Vec::new(),
        };
        let alone =
            sections_with_parts(Vec::new(), &body("<p><img src=\"a.png\"></p>"), "print-1-");
        assert_eq!(alone.len(), 1);
        assert!(sections_with_parts(Vec::new(), &body("\n"), "print-1-").is_empty());
    }
}
