//! A role's pocket guide, A5: the steps the role leads or supports in each procedure, their
//! checklists with empty boxes, the forms by code, and the pages to read.

use super::document::steps;
use super::document::{Document, DocumentSource, Paper};
use super::markup::{self, KeptTerms};
use super::paths::{form_path, role_path, FormPdf};
use crate::config::Role;
use crate::render::Renderer;
use crate::site::{Entry, Site};

pub fn pocket_guide(
    site: &Site,
    renderer: &Renderer,
    role: &Role,
    lang: &str,
    terms: &KeptTerms,
) -> DocumentSource {
    let default_lang = site.default_language();
    let mut document = Document::new(site, renderer, lang, terms, Paper::A5);
    let name = role.name.get(lang, default_lang).to_string();
    document.preamble(
        &format!("{} - {name}", document.string("pdf_role_guide")),
        true,
    );
    let kind = format!("{}: {name}", document.string("pdf_role_guide"));
    document.cover(&kind);
    if let Some(agency) = &role.agency {
        let line = format!(
            "#block[#emph[{}]]\n\n",
            terms.text(agency.get(lang, default_lang))
        );
        document.out.push_str(&line);
    }
    if let Some(description) = &role.description {
        let text = crate::markdown::plain_text(description.get(lang, default_lang));
        let line = format!("{}\n\n", terms.text(&text));
        document.out.push_str(&line);
    }
    let mut form_ids: Vec<&str> = Vec::new();
    for entry in site.reading_order() {
        let Entry::Procedure(index) = *entry else {
            continue;
        };
        let procedure = &site.procedures[index];
        let mine: Vec<_> = procedure
            .steps
            .iter()
            .filter(|step| step.lead == role.id || step.support.contains(&role.id))
            .collect();
        if mine.is_empty() {
            continue;
        }
        document.heading(1, procedure.title.get(lang, default_lang), None);
        for step in mine {
            let part = if step.lead == role.id {
                document.string("lead_role")
            } else {
                document.string("support_roles")
            };
            let title = format!("{}. {}", step.number, step.title.get(lang, default_lang));
            let heading = format!(
                "#heading(level: 2)[{}] #h(0.5em) #box(inset: (x: 3pt, y: 1pt), stroke: 0.5pt)[#text(size: 0.8em)[{}]]\n\n",
                terms.text(&title),
                markup::escape(&part)
            );
            document.out.push_str(&heading);
            // The rest of the step is a module of its own, the same file in the guide of every
            // role the step names: the same spans, so Typst lays it out once for all of them.
            let mut shared = Document::new(site, renderer, lang, terms, Paper::A5);
            shared.module_prelude();
            steps::step_facts(&mut shared, step);
            if let Some(body) = &step.body {
                let body = body.get(lang, default_lang).to_string();
                shared.markdown(*entry, &body, 3, false);
            }
            steps::checklist(&mut shared, step);
            document.include(&shared.into_module(format!("/steps/p{index}-s{}.typ", step.number)));
            for form in &step.forms {
                if !form_ids.contains(&form.id.as_str()) {
                    form_ids.push(&form.id);
                }
            }
        }
    }
    if !form_ids.is_empty() {
        document.heading(1, &document.string("forms_used"), None);
        for form in form_ids
            .iter()
            .filter_map(|id| site.forms.iter().find(|form| form.id == *id))
        {
            let file = form_path(&form.id, FormPdf::Blank, lang);
            let line = format!(
                "#fact([{}], [#link({})[{}]])\n",
                markup::escape(form.code.as_deref().unwrap_or(&form.id)),
                document.relative(&file),
                terms.text(form.title.get(lang, default_lang))
            );
            document.out.push_str(&line);
        }
    }
    let pages = site.pages_naming_role(&role.id, lang, default_lang);
    if !pages.is_empty() {
        document.heading(1, &document.string("role_pages"), None);
        let mut list = String::from("#list(");
        for entry in pages {
            list.push_str(&format!("[{}],", terms.text(site.title(entry, lang))));
        }
        list.push_str(")\n\n");
        document.out.push_str(&list);
    }
    document.finish(role_path(&role.id, lang))
}
