//! What the page kinds share, in a module that imports none of them: the output of a page job,
//! links to roles, and the navigation of generated pages that every language has at one path.

use super::nav::{common, Place};
use super::views::{Common, Link, RoleLink};
use super::{Renderer, SearchDoc};
use crate::output::OutputFile;
use crate::site::{relative_href, Entry, Site};
use crate::urls;

/// What one page job makes: its files and its documents for the search index.
pub(super) type JobOutput = (Vec<OutputFile>, Vec<SearchDoc>);

/// The same generated page in another language: `th/roles/x.html` -> `en/roles/x.html`.
pub(super) fn same_path_in(path: String) -> impl Fn(&str) -> String {
    move |lang: &str| match path.split_once('/') {
        Some((_, rest)) => format!("{lang}/{rest}"),
        None => path.to_string(),
    }
}

/// Navigation for a generated page that every language has at the same path (roles index, forms
/// index, print views, search): always "translated", its switcher points at the same path.
pub(super) fn generated_page_common<'r>(
    renderer: &'r Renderer,
    site: &Site,
    lang: &str,
    output_path: &str,
    kind: &'static str,
    title_key: &str,
) -> Common<'r> {
    let other = same_path_in(output_path.to_string());
    let all = |_: &str| true;
    let place = Place {
        lang,
        output_path,
        entry: None,
        kind,
        title: renderer.string(lang, title_key),
        description: String::new(),
        other_language_path: &other,
        translated: &all,
        toc: Vec::new(),
    };
    common(renderer, site, &place)
}

pub(super) fn role_link(site: &Site, id: &str, lang: &str, output_path: &str) -> RoleLink {
    let title = site
        .config
        .role(id)
        .map(|role| role.name.get(lang, site.default_language()).to_string())
        .unwrap_or_else(|| id.to_string());
    RoleLink {
        id: id.to_string(),
        title,
        href: relative_href(output_path, &urls::role(lang, id)),
    }
}

/// Links to every procedure step that uses a form, in reading order.
pub(super) fn steps_using_form(
    site: &Site,
    form_id: &str,
    lang: &str,
    output_path: &str,
) -> Vec<Link> {
    let default_lang = site.default_language();
    let mut links = Vec::new();
    for entry in site.reading_order() {
        if let Entry::Procedure(index) = entry {
            let procedure = &site.procedures[*index];
            for step in procedure
                .steps
                .iter()
                .filter(|step| step.forms.iter().any(|f| f.id == form_id))
            {
                links.push(Link {
                    title: format!(
                        "{} – {}. {}",
                        procedure.title.get(lang, default_lang),
                        step.number,
                        step.title.get(lang, default_lang)
                    ),
                    href: format!(
                        "{}#{}",
                        relative_href(output_path, &site.url(*entry, lang)),
                        step.anchor()
                    ),
                });
            }
        }
    }
    links
}
