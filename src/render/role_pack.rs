//! A role's printable pack: its A5 pocket guide (its own steps, checklists and form codes), and
//! beside it its blank forms and the pages that name it, each a document of its own.

use super::nav::{common, Place};
use super::page_parts::{same_path_in, JobOutput};
use super::roles::{description_html, localised_or_empty, role_guide, GuideProcedure, PackForm};
use super::views::*;
use super::{MarkdownRequest, Renderer};
use crate::config::Role;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{Entry, Site};
use crate::urls;
#[derive(serde::Serialize)]
struct PackPage {
    anchor: String,
    title: String,
    body: String,
}

#[derive(serde::Serialize)]
struct RolePackView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    id: String,
    name: String,
    agency: String,
    level_label: String,
    /// Rendered Markdown; not `description`, which is the plain-text meta description.
    role_description: String,
    role_href: String,
    /// Which document of the pack: "guide" (the pocket guide), "forms" or "pages".
    part: &'static str,
    /// The pack's other documents, from any of them.
    guide_href: String,
    forms_href: String,
    pages_href: String,
    procedures: Vec<GuideProcedure>,
    forms: Vec<PackForm>,
    pages: Vec<PackPage>,
}

super::views::view_with_common!(RolePackView);

/// `roles/<id>-print.html`: one role's pocket guide (its steps, checklists and the codes of its
/// forms, on A5), and beside it `<id>-forms-print.html` (its blank forms, on A4) and
/// `<id>-pages-print.html` (the pages that name it), each printed on its own.
pub fn role_pack(
    renderer: &Renderer,
    site: &Site,
    role: &Role,
    lang: &str,
) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let output_path = urls::role_pack(lang, &role.id);
    // Problems in step bodies and pages were reported when their own pages were rendered.
    let mut ignored = Diagnostics::default();
    let mut guide = role_guide(renderer, site, role, lang, &output_path, &mut ignored);
    for form in &mut guide.forms {
        if let Some(model) = site.forms.iter().find(|f| f.id == form.id) {
            form.blank =
                super::form_view::blank_form_html(renderer, site, model, lang, &output_path)?;
        }
    }
    let mut pages: Vec<PackPage> = Vec::new();
    for (position, entry) in guide.pages.iter().enumerate() {
        let Entry::Page(index) = *entry else {
            continue;
        };
        let page = &site.pages[index];
        let Some(version) = page
            .versions
            .get(lang)
            .or_else(|| page.versions.get(default_lang))
        else {
            continue;
        };
        // Several pages in one document: each page's heading ids start with its own anchor.
        let anchor = format!("pack-page-{position}");
        let id_prefix = format!("{anchor}-");
        let text = version.text()?;
        let body = renderer
            .markdown(
                site,
                MarkdownRequest {
                    entry: *entry,
                    lang,
                    output_path: &output_path,
                    markdown: text.get(version.body_start..).unwrap_or(""),
                    heading_offset: 2,
                    path: &version.path,
                    source: &text,
                    offset: version.body_start,
                    markdown_is_slice: true,
                    id_prefix: &id_prefix,
                },
                &mut ignored,
            )
            .html;
        pages.push(PackPage {
            anchor,
            title: site.title(*entry, lang).to_string(),
            body,
        });
    }
    let translated = |code: &str| role.name.has(code);
    let name = role.name.get(lang, default_lang).to_string();
    let description = localised_or_empty(role.description.as_ref(), lang, default_lang);
    let forms_path = urls::role_pack_forms(lang, &role.id);
    let pages_path = urls::role_pack_pages(lang, &role.id);
    let file_name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let listed: Vec<PackForm> = guide
        .forms
        .iter()
        .map(|form| PackForm {
            blank: String::new(),
            ..form.clone()
        })
        .collect();
    let has_pages = !pages.is_empty();
    let has_forms = !listed.is_empty();
    let parts = [
        ("guide", output_path.clone(), guide.procedures, listed),
        ("forms", forms_path.clone(), Vec::new(), guide.forms),
    ];
    let mut files = Vec::new();
    let mut pages = Some(pages);
    for (part, path, procedures, forms) in parts
        .into_iter()
        .chain(has_pages.then(|| ("pages", pages_path.clone(), Vec::new(), Vec::new())))
    {
        if part == "forms" && forms.is_empty() {
            continue;
        }
        let other = same_path_in(path.clone());
        let place = Place {
            lang,
            output_path: &path,
            entry: None,
            kind: "role-print",
            title: name.clone(),
            description: localised_or_empty(role.agency.as_ref(), lang, default_lang),
            other_language_path: &other,
            translated: &translated,
            toc: Vec::new(),
        };
        let view = RolePackView {
            common: common(renderer, site, &place),
            id: role.id.clone(),
            name: name.clone(),
            agency: localised_or_empty(role.agency.as_ref(), lang, default_lang),
            level_label: renderer.string(lang, &format!("level_{}", role.level.id())),
            role_description: description_html(renderer, site, &description, lang, &output_path),
            role_href: format!("{}.html", role.id),
            part,
            guide_href: file_name(&output_path),
            forms_href: if has_forms {
                file_name(&forms_path)
            } else {
                String::new()
            },
            pages_href: if has_pages {
                file_name(&pages_path)
            } else {
                String::new()
            },
            procedures,
            forms,
            pages: if part == "pages" {
                pages.take().unwrap_or_default()
            } else {
                Vec::new()
            },
        };
        let html = renderer.template("role-print.html", &view)?;
        files.push(OutputFile::new(path, html.into_bytes()));
    }
    Ok((files, Vec::new()))
}
