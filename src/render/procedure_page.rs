//! A procedure page: its steps, its swimlane diagram, and the step view role guides and the print view share.

use super::nav::{common, Place};
use super::page_parts::{role_link, JobOutput};
use super::views::*;
use super::{MarkdownRequest, Renderer, SearchDoc};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::procedure::{Procedure, Step};
use crate::site::{relative_href, Entry, Site};
use crate::urls;

/// A step as shown on a procedure page, a role guide or the print view.
pub fn step_view(
    renderer: &Renderer,
    site: &Site,
    procedure_index: usize,
    step: &Step,
    lang: &str,
    output_path: &str,
    diagnostics: &mut Diagnostics,
) -> StepView {
    let procedure = &site.procedures[procedure_index];
    let entry = Entry::Procedure(procedure_index);
    let default_lang = site.default_language();
    let procedure_href = relative_href(output_path, &site.url(entry, lang));
    let step_link = |id: &str| StepLink {
        title: procedure
            .step(id)
            .map(|s| format!("{}. {}", s.number, s.title.get(lang, default_lang)))
            .unwrap_or_default(),
        href: format!("{procedure_href}#step-{id}"),
        lead: role_link(
            site,
            procedure.step(id).map_or("", |s| s.lead.as_str()),
            lang,
            output_path,
        ),
    };
    let body = step.body.as_ref().map_or_else(String::new, |body| {
        renderer
            .markdown(
                site,
                MarkdownRequest {
                    entry,
                    lang,
                    output_path,
                    markdown: body.get(lang, default_lang),
                    heading_offset: 2,
                    path: &procedure.path,
                    source: &procedure.source,
                    offset: step.offset,
                    markdown_is_slice: false,
                    id_prefix: "",
                },
                diagnostics,
            )
            .html
    });
    let (changes, changes_href) = step_changes(renderer, site, procedure, step, lang, output_path);
    StepView {
        changes_heading: if changes.is_empty() {
            String::new()
        } else {
            super::changes_page::words(renderer, site, lang).say(
                "changed_in_edition",
                &[(
                    "edition",
                    site.config.version.as_deref().unwrap_or_default(),
                )],
            )
        },
        changes,
        changes_href,
        id: step.id.clone(),
        anchor: step.anchor(),
        number: step.number,
        title: step.title.get(lang, default_lang).to_string(),
        lead: role_link(site, &step.lead, lang, output_path),
        support: step
            .support
            .iter()
            .map(|id| role_link(site, id, lang, output_path))
            .collect(),
        duration: step
            .duration
            .as_ref()
            .map(|d| d.get(lang, default_lang).to_string())
            .unwrap_or_default(),
        body,
        checklist: step
            .checklist
            .iter()
            .map(|item| item.get(lang, default_lang).to_string())
            .collect(),
        forms: step
            .forms
            .iter()
            .filter_map(|reference| site.forms.iter().find(|form| form.id == reference.id))
            .map(|form| Link {
                title: form_title(form, lang, default_lang),
                href: relative_href(output_path, &urls::form(lang, &form.id)),
            })
            .collect(),
        next: step.next.iter().map(|id| step_link(id)).collect(),
        branches: step
            .branches
            .iter()
            .map(|branch| BranchView {
                condition: branch.condition.get(lang, default_lang).to_string(),
                target: step_link(&branch.goto),
            })
            .collect(),
        from: procedure
            .predecessors(&step.id)
            .map(|s| step_link(&s.id))
            .collect(),
        procedure: Some(Link {
            title: procedure.title.get(lang, default_lang).to_string(),
            href: procedure_href.clone(),
        }),
        guide_key: format!("{}#{}", procedure.id, step.id),
        part: "",
    }
}

/// What changed in the step since the previous edition, in words, and its place on the change page.
fn step_changes(
    renderer: &Renderer,
    site: &Site,
    procedure: &Procedure,
    step: &Step,
    lang: &str,
    output_path: &str,
) -> (Vec<String>, String) {
    let Some(found) = (site.edition.changes.as_ref()).and_then(|c| c.step(&procedure.id, &step.id))
    else {
        return (Vec::new(), String::new());
    };
    let words = super::changes_page::words(renderer, site, lang);
    (
        found.changes.iter().map(|c| words.step_change(c)).collect(),
        relative_href(
            output_path,
            &format!(
                "{}#{}",
                crate::urls::changes(lang),
                super::changes_page::step_anchor(&procedure.id, &step.id)
            ),
        ),
    )
}

pub(super) fn form_title(form: &crate::form::Form, lang: &str, default_lang: &str) -> String {
    match &form.code {
        Some(code) => format!("{code} {}", form.title.get(lang, default_lang)),
        None => form.title.get(lang, default_lang).to_string(),
    }
}

pub(super) fn procedure(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
) -> Result<JobOutput, Diagnostic> {
    let entry = Entry::Procedure(index);
    let procedure: &Procedure = &site.procedures[index];
    let default_lang = site.default_language();
    let output_path = site.url(entry, lang);
    let summary = procedure_summary(renderer, site, index, lang, &output_path, diagnostics);
    let steps: Vec<StepView> = procedure
        .steps
        .iter()
        .map(|step| step_view(renderer, site, index, step, lang, &output_path, diagnostics))
        .collect();
    let other = |code: &str| site.url(entry, code);
    let translated = |code: &str| procedure.title.has(code);
    let toc = procedure
        .steps
        .iter()
        .map(|step| crate::markdown::Heading {
            level: 2,
            id: step.anchor(),
            text: format!("{}. {}", step.number, step.title.get(lang, default_lang)),
        })
        .collect();
    let place = Place {
        lang,
        output_path: &output_path,
        entry: Some(entry),
        kind: "procedure",
        title: procedure.title.get(lang, default_lang).to_string(),
        description: String::new(),
        other_language_path: &other,
        translated: &translated,
        toc,
    };
    let docs = procedure
        .steps
        .iter()
        .zip(&steps)
        .map(|(step, view)| SearchDoc {
            text_weight: 1.0,
            lang: lang.to_string(),
            url: format!("{output_path}#{}", step.anchor()),
            title: procedure.title.get(lang, default_lang).to_string(),
            heading: format!("{}. {}", view.number, view.title),
            text: [view.checklist.join(" "), strip_tags(&view.body)].join(" "),
            kind: "step",
            roles: step.roles().map(str::to_string).collect(),
            html: None,
        })
        .collect();
    let diagram = procedure_diagram(renderer, site, procedure, lang, "step-list");
    let view = ProcedureView {
        common: common(renderer, site, &place),
        id: procedure.id.clone(),
        summary,
        diagram: diagram.clone(),
        diagram_wide: is_wide(&diagram),
        steps,
        guide_page: procedure.id.trim_end_matches(".toml").to_string(),
    };
    let html = renderer.template_bytes("procedure.html", &view)?;
    Ok((vec![OutputFile::new(output_path, html)], docs))
}

/// The procedure's summary as HTML (empty without one), for its page and the print view.
pub(super) fn procedure_summary(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    output_path: &str,
    diagnostics: &mut Diagnostics,
) -> String {
    let entry = Entry::Procedure(index);
    let procedure: &Procedure = &site.procedures[index];
    let default_lang = site.default_language();
    procedure
        .summary
        .as_ref()
        .map_or_else(String::new, |summary| {
            renderer
                .markdown(
                    site,
                    MarkdownRequest {
                        entry,
                        lang,
                        output_path,
                        markdown: summary.get(lang, default_lang),
                        heading_offset: 1,
                        path: &procedure.path,
                        source: &procedure.source,
                        offset: 0,
                        markdown_is_slice: false,
                        id_prefix: "",
                    },
                    diagnostics,
                )
                .html
        })
}

/// Whether a diagram's SVG is clearly wider than tall (from its `viewBox`), so that it is
/// printed on a landscape page.
pub(super) fn is_wide(svg: &str) -> bool {
    let Some(view_box) = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
    else {
        return false;
    };
    let numbers: Vec<f64> = view_box
        .split_whitespace()
        .filter_map(|number| number.parse().ok())
        .collect();
    matches!(numbers[..], [_, _, width, height] if width > height * 1.25)
}

/// The procedure's flow diagram as inline SVG, described by the element `described_by` (the page's
/// ordered step list, its text alternative).
pub(crate) fn procedure_diagram(
    renderer: &Renderer,
    site: &Site,
    procedure: &Procedure,
    lang: &str,
    described_by: &str,
) -> String {
    super::diagram::svg(&procedure_flow(
        renderer,
        site,
        procedure,
        lang,
        described_by,
    ))
}

/// The procedure's diagram in its swimlane layout alone, as one SVG document (the PDF edition).
pub(crate) fn procedure_paper_diagram(
    renderer: &Renderer,
    site: &Site,
    procedure: &Procedure,
    lang: &str,
) -> String {
    super::diagram::swimlanes(&procedure_flow(renderer, site, procedure, lang, ""))
}

/// What the flow diagram of a procedure shows, in one language.
fn procedure_flow(
    renderer: &Renderer,
    site: &Site,
    procedure: &Procedure,
    lang: &str,
    described_by: &str,
) -> super::diagram::Flow {
    let default_lang = site.default_language();
    let title = procedure.title.get(lang, default_lang);
    let lanes = procedure
        .steps
        .iter()
        .map(|step| step.lead.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    super::diagram::Flow {
        id: procedure.id.clone(),
        title: renderer
            .string(lang, "diagram_title")
            .replace("{procedure}", title),
        description: renderer
            .string(lang, "diagram_description")
            .replace("{steps}", &procedure.steps.len().to_string())
            .replace("{lanes}", &lanes.to_string()),
        described_by: described_by.to_string(),
        keep_whole: site.kept_words(),
        steps: procedure
            .steps
            .iter()
            .map(|step| super::diagram::FlowStep {
                id: step.id.clone(),
                number: step.number,
                title: step.title.get(lang, default_lang).to_string(),
                lead: step.lead.clone(),
                lead_name: site
                    .config
                    .role(&step.lead)
                    .map_or(step.lead.as_str(), |role| role.name.get(lang, default_lang))
                    .to_string(),
                next: step.next.clone(),
                branches: step
                    .branches
                    .iter()
                    .map(|branch| {
                        (
                            branch.condition.get(lang, default_lang).to_string(),
                            branch.goto.clone(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Plain text of rendered HTML, for search documents built from HTML fragments.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::markdown::collapse_whitespace(&html_escape::decode_html_entities(&text))
}

#[cfg(test)]
mod tests {
    use super::is_wide;

    #[test]
    fn only_a_diagram_clearly_wider_than_tall_is_wide() {
        assert!(is_wide(
            r#"<svg class="flow-diagram" viewBox="0 0 1200 700">"#
        ));
        assert!(!is_wide(
            r#"<svg class="flow-diagram" viewBox="0 0 797 1355">"#
        ));
        assert!(!is_wide(r#"<svg viewBox="0 0 1000 900">"#));
        assert!(!is_wide("<svg>"));
    }
}
