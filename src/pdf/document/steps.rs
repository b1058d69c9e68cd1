//! A procedure step on paper: who leads and supports, when, which forms, what to do, a checklist of
//! empty boxes, and where the procedure goes next.

use super::Document;
use crate::pdf::markup;
use crate::pdf::paths::{form_path, FormPdf};
use crate::procedure::Step;
use crate::site::Entry;

/// A step as a heading (in the outline and bookmarks) followed by its facts.
pub fn step(document: &mut Document, entry: Entry, step: &Step, level: usize) {
    let site = document.site;
    let lang = document.lang;
    let default_lang = site.default_language();
    let label = document
        .entry_label(entry)
        .map(|base| format!("{base}-s{}", step.number - 1));
    let title = format!("{}. {}", step.number, step.title.get(lang, default_lang));
    document.heading(level, &title, label.as_deref());
    step_facts(document, step);
    if let Some(body) = &step.body {
        let body = body.get(lang, default_lang).to_string();
        document.markdown(entry, &body, level + 1, false);
    }
    checklist(document, step);
    next_steps(document, entry, step);
}

fn role_name(document: &Document, id: &str) -> String {
    document
        .site
        .config
        .role(id)
        .map_or(id.to_string(), |role| {
            role.name
                .get(document.lang, document.site.default_language())
                .to_string()
        })
}

/// Lead, support, time frame and forms, one line each.
pub fn step_facts(document: &mut Document, step: &Step) {
    let lang = document.lang;
    let default_lang = document.site.default_language();
    let mut facts = vec![(
        document.string("lead_role"),
        role_name(document, &step.lead),
    )];
    if !step.support.is_empty() {
        let names: Vec<String> = step
            .support
            .iter()
            .map(|id| role_name(document, id))
            .collect();
        facts.push((document.string("support_roles"), names.join(", ")));
    }
    if let Some(duration) = &step.duration {
        facts.push((
            document.string("duration"),
            duration.get(lang, default_lang).to_string(),
        ));
    }
    let mut lines: Vec<String> = facts
        .iter()
        .map(|(label, value)| {
            format!(
                "#fact([{}], [{}])\n",
                markup::escape(label),
                document.terms.text(value)
            )
        })
        .collect();
    if !step.forms.is_empty() {
        // Each form by code and title, a link to its blank PDF.
        let forms: Vec<String> = step
            .forms
            .iter()
            .filter_map(|reference| document.site.forms.iter().find(|f| f.id == reference.id))
            .map(|form| {
                let title = form.title.get(lang, default_lang);
                let name = match &form.code {
                    Some(code) => format!("{code} {title}"),
                    None => title.to_string(),
                };
                let file = form_path(&form.id, FormPdf::Blank, lang);
                format!(
                    "#link({})[{}]",
                    document.relative(&file),
                    document.terms.text(&name)
                )
            })
            .collect();
        lines.push(format!(
            "#fact([{}], [{}])\n",
            markup::escape(&document.string("forms_used")),
            // Escaped: a `;` right after `#link(...)[...]` would end that code and vanish.
            forms.join("\\; ")
        ));
    }
    for line in lines {
        document.out.push_str(&line);
    }
    document.out.push('\n');
}

/// The step's checklist with an empty box before each item, to tick on paper.
pub fn checklist(document: &mut Document, step: &Step) {
    if step.checklist.is_empty() {
        return;
    }
    let lang = document.lang;
    let default_lang = document.site.default_language();
    let mut out = format!(
        "#block(above: 0.8em, below: 0.8em)[#strong[{}]\n",
        markup::escape(&document.string("checklist"))
    );
    for item in &step.checklist {
        out.push_str(&format!(
            "#grid(columns: (1.4em, 1fr), row-gutter: 0.4em, tick, [{}])\n",
            document.terms.text(item.get(lang, default_lang))
        ));
    }
    out.push_str("]\n\n");
    document.out.push_str(&out);
}

/// Where the procedure goes after this step: the next step, each branch's condition, or its end.
fn next_steps(document: &mut Document, entry: Entry, step: &Step) {
    let Entry::Procedure(index) = entry else {
        return;
    };
    let procedure = &document.site.procedures[index];
    let lang = document.lang;
    let default_lang = document.site.default_language();
    let base = document.entry_label(entry);
    let to = |id: &str| -> String {
        let Some(target) = procedure.step(id) else {
            return markup::escape(id);
        };
        let text = document.terms.text(&format!(
            "{}. {}",
            target.number,
            target.title.get(lang, default_lang)
        ));
        match &base {
            Some(base) => format!("#link(<{base}-s{}>)[{text}]", target.number - 1),
            None => text,
        }
    };
    let mut lines = Vec::new();
    for next in &step.next {
        lines.push(format!(
            "#fact([{}], [{}])",
            markup::escape(&document.string("next_step")),
            to(next)
        ));
    }
    for branch in &step.branches {
        lines.push(format!(
            "#fact([{} {}], [{}])",
            markup::escape(&document.string("if_condition")),
            document
                .terms
                .text(branch.condition.get(lang, default_lang)),
            to(&branch.goto)
        ));
    }
    if lines.is_empty() {
        lines.push(format!(
            "#emph[{}]",
            markup::escape(&document.string("procedure_ends"))
        ));
    }
    document.out.push_str(&lines.join("\n"));
    document.out.push_str("\n\n");
}
