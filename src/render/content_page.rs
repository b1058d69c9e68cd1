//! A content page: its Markdown body in the theme, with the glossary and directory pages' own views.

use super::nav::{common, Place};
use super::page_parts::{role_link, JobOutput};
use super::print_parts::sections_with_parts;
use super::print_view::{chapter_print_path, print_anchor};
use super::views::*;
use super::{MarkdownRequest, Renderer, SearchDoc};
use crate::config::Level;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{relative_href, Entry, Site};

pub(super) fn page(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
    print_docs: Option<&mut Option<usize>>,
) -> Result<JobOutput, Diagnostic> {
    let entry = Entry::Page(index);
    let page = &site.pages[index];
    let default_lang = site.default_language();
    let Some(version) = page
        .versions
        .get(lang)
        .or_else(|| page.versions.get(default_lang))
    else {
        return Ok((Vec::new(), Vec::new()));
    };
    let output_path = site.url(entry, lang);
    let text = version.text()?;
    let request = MarkdownRequest {
        entry,
        lang,
        output_path: &output_path,
        markdown: text.get(version.body_start..).unwrap_or(""),
        heading_offset: 0,
        path: &version.path,
        source: &text,
        offset: version.body_start,
        markdown_is_slice: true,
        id_prefix: "",
    };
    // The print copy comes from the same parse: the page's search documents store it, cut at
    // their sections, and the print documents show it from there.
    let (rendered, print_html) = renderer.markdown_and_print(site, request, diagnostics);
    let front_matter = &version.front_matter;
    let other = |code: &str| site.url(entry, code);
    let translated = |code: &str| page.versions.contains_key(code);
    let place = Place {
        lang,
        output_path: &output_path,
        entry: Some(entry),
        kind: if page.is_chapter_index() {
            "chapter"
        } else {
            "page"
        },
        title: front_matter.title.clone(),
        description: front_matter.description.clone().unwrap_or_default(),
        other_language_path: &other,
        translated: &translated,
        toc: rendered.headings.clone(),
    };
    let roles: Vec<RoleLink> = front_matter
        .roles
        .iter()
        .map(|role| role_link(site, role.get_ref(), lang, &output_path))
        .collect();
    let role_ids: Vec<String> = roles.iter().map(|role| role.id.clone()).collect();
    let children: Vec<Link> = site
        .node(entry)
        .map(|node| {
            node.children
                .iter()
                .map(|child| Link {
                    title: site.title(child.entry, lang).to_string(),
                    href: relative_href(&output_path, &site.url(child.entry, lang)),
                })
                .collect()
        })
        .unwrap_or_default();
    let layout = front_matter
        .layout
        .as_ref()
        .map(|l| l.get_ref().clone())
        .unwrap_or_default();
    // The home page's "chapter" is the whole handbook, which the header's print link already opens.
    // A top-level chapter has a print document of its own; one further down is shown alone
    // from its top-level chapter's document by print.js.
    let print_chapter_href =
        (page.is_chapter_index() && page.id != crate::site::HOME_ID && !children.is_empty())
            .then(|| chapter_print_path(site, entry, lang))
            .flatten()
            .map(|path| {
                let href = relative_href(&output_path, &path);
                match site.position(entry) {
                    Some(position) if site.ancestors(entry).len() > 1 => {
                        format!("{href}?chapter={}", print_anchor(position))
                    }
                    _ => href,
                }
            });
    let glossary = if layout == "glossary" {
        glossary_view(site, lang)
    } else {
        Vec::new()
    };
    // Each glossary entry is a search result of its own, found by its term, abbreviation,
    // other-language term or definition, and leading to the entry.
    let glossary_docs: Vec<SearchDoc> = glossary
        .iter()
        .map(|term| SearchDoc {
            lang: lang.to_string(),
            url: format!("{output_path}#term-{}", term.id),
            title: front_matter.title.clone(),
            heading: if term.abbr.is_empty() {
                term.term.clone()
            } else {
                format!("{} ({})", term.term, term.abbr)
            },
            text: [
                crate::markdown::plain_text(&term.definition),
                term.other_term.clone(),
            ]
            .join(" "),
            text_weight: 1.0,
            kind: "page",
            roles: role_ids.clone(),
            html: None,
        })
        .collect();
    let view = PageView {
        common: common(renderer, site, &place),
        body: rendered.html,
        roles,
        children,
        print_chapter_href,
        glossary,
        directory: (layout == "directory").then(|| directory_view(renderer, site, lang)),
        layout,
        role_chooser: if page.id == crate::site::HOME_ID {
            super::roles::role_chooser(renderer, site, lang, &output_path)
        } else {
            Vec::new()
        },
    };
    let html = renderer.template_bytes("page.html", &view)?;
    let print_prefix = format!(
        "{}-",
        print_anchor(site.position(entry).unwrap_or_default())
    );
    let sections = sections_with_parts(rendered.sections, &print_html, &print_prefix);
    drop(print_html);
    if let Some(slot) = print_docs {
        *slot = Some(sections.len());
    }
    let docs = sections
        .into_iter()
        .map(|(section, part)| SearchDoc {
            lang: lang.to_string(),
            url: match &section.anchor {
                Some(anchor) => format!("{output_path}#{anchor}"),
                None => output_path.clone(),
            },
            title: front_matter.title.clone(),
            text_weight: if section.is_links_only() {
                crate::search::doc::LINKS_ONLY_WEIGHT
            } else {
                1.0
            },
            heading: section.heading,
            text: crate::search::body_text::body_text(&part),
            kind: "page",
            roles: role_ids.clone(),
            html: Some(part),
        })
        .chain(glossary_docs)
        .collect();
    Ok((vec![OutputFile::new(output_path.clone(), html)], docs))
}

fn glossary_view(site: &Site, lang: &str) -> Vec<TermView> {
    let default_lang = site.default_language();
    let other_lang = site
        .languages()
        .iter()
        .find(|code| *code != lang)
        .cloned()
        .unwrap_or_default();
    site.glossary
        .sorted(lang, default_lang)
        .into_iter()
        .map(|term| TermView {
            id: term.id.clone(),
            term: term.term.get(lang, default_lang).to_string(),
            abbr: term
                .abbr
                .as_ref()
                .filter(|a| a.has(lang))
                .map(|a| a.get(lang, default_lang).to_string())
                .unwrap_or_default(),
            other_term: if other_lang.is_empty() {
                String::new()
            } else {
                term.term.get(&other_lang, default_lang).to_string()
            },
            definition: term
                .definition
                .as_ref()
                .map(|d| d.get(lang, default_lang).to_string())
                .unwrap_or_default(),
        })
        .collect()
}

fn directory_view(renderer: &Renderer, site: &Site, lang: &str) -> DirectoryView {
    let default_lang = site.default_language();
    let label = |map: &std::collections::BTreeMap<String, crate::localised::Localised>,
                 key: &str| {
        map.get(key)
            .map(|l| l.get(lang, default_lang).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let options = |map: &std::collections::BTreeMap<String, crate::localised::Localised>| {
        map.keys()
            .map(|key| FilterOption {
                value: key.clone(),
                label: label(map, key),
            })
            .collect()
    };
    let directory = &site.directory;
    DirectoryView {
        levels: Level::ALL
            .iter()
            .map(|level| FilterOption {
                value: level.id().to_string(),
                label: renderer.string(lang, &format!("level_{}", level.id())),
            })
            .collect(),
        types: options(&directory.types),
        services: options(&directory.services),
        organisations: directory
            .organisations
            .iter()
            .map(|org| OrganisationView {
                id: org.id.clone(),
                name: org.name.get(lang, default_lang).to_string(),
                abbr: org
                    .abbr
                    .as_ref()
                    .map(|a| a.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
                level: org.level.id().to_string(),
                level_label: renderer.string(lang, &format!("level_{}", org.level.id())),
                kind: org.kind.clone(),
                kind_label: label(&directory.types, &org.kind),
                services: org
                    .services
                    .iter()
                    .map(|s| FilterOption {
                        value: s.clone(),
                        label: label(&directory.services, s),
                    })
                    .collect(),
                description: org
                    .description
                    .as_ref()
                    .map(|d| d.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
                contact: org
                    .contact
                    .as_ref()
                    .map(|c| c.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}
