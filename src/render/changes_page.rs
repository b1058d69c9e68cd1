//! The page "What changed in this edition" (`<lang>/changes.html`): by procedure and step, by role,
//! forms, pages and roles; and `edition.json`, the record of the edition, at the site's root.

use super::page_parts::{generated_page_common, JobOutput};
use super::views::Common;
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::edition::diff::{FormChanges, PageChanges, ProcedureChanges, StepChanges};
use crate::edition::view::Words;
use crate::edition::Changes;
use crate::output::OutputFile;
use crate::site::{relative_href, Site};
use serde::Serialize;

/// The anchor of a step's changes on the change page.
pub fn step_anchor(procedure: &str, step: &str) -> String {
    format!("{}-{step}", entry_anchor("change", procedure))
}

/// `return/process.toml` -> `change-return-process`.
fn entry_anchor(prefix: &str, id: &str) -> String {
    let stem = id.rsplit_once('.').map_or(id, |(stem, _)| stem);
    format!(
        "{prefix}-{}",
        stem.replace(['/', '_'], "-").trim_matches('-')
    )
}

/// The words of changes in `lang`.
pub fn words<'a>(renderer: &'a Renderer, site: &'a Site, lang: &'a str) -> Words<'a> {
    Words {
        strings: renderer.strings(lang),
        lang,
        current: &site.edition.record,
        previous: site.edition.previous.as_ref(),
    }
}

/// One change: its kind (`step-lead`, `question-added`...), what it is about (`return/process.toml#intake`)
/// and the sentence readers see.
#[derive(Debug, Default, Serialize)]
struct ChangeItem {
    kind: &'static str,
    target: String,
    text: String,
    /// A quotation in another language inside `text` (a section's heading): `text` is then what
    /// comes before it and `after` what follows, so the quotation gets its own `lang`.
    quote: String,
    quote_lang: String,
    after: String,
}

/// A step and its changes.
#[derive(Debug, Serialize)]
struct StepGroup {
    anchor: String,
    title: String,
    /// The procedure it belongs to (in the by-role list).
    procedure: String,
    href: String,
    items: Vec<ChangeItem>,
}

/// A procedure, form or page and its changes.
#[derive(Debug, Serialize)]
struct ChangeGroup {
    anchor: String,
    title: String,
    href: String,
    items: Vec<ChangeItem>,
    steps: Vec<StepGroup>,
}

#[derive(Debug, Serialize)]
struct RoleGroup {
    id: String,
    anchor: String,
    name: String,
    href: String,
    steps: Vec<StepGroup>,
}

#[derive(Serialize)]
struct ChangesView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    intro: String,
    empty: bool,
    procedures: Vec<ChangeGroup>,
    by_role: Vec<RoleGroup>,
    forms: Vec<ChangeGroup>,
    pages: Vec<ChangeGroup>,
    roles: Vec<ChangeGroup>,
}

super::views::view_with_common!(ChangesView);

pub fn changes_page(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let Some(changes) = &site.edition.changes else {
        return Ok((Vec::new(), Vec::new()));
    };
    let output_path = crate::urls::changes(lang);
    let words = words(renderer, site, lang);
    let href = |to: &str| relative_href(&output_path, to);
    let entry_href = |id: &str| {
        site.entry(id)
            .map(|entry| href(&site.url(entry, lang)))
            .unwrap_or_default()
    };
    let procedures: Vec<ChangeGroup> = changes
        .procedures
        .iter()
        .map(|procedure| procedure_group(procedure, &words, &entry_href))
        .collect();
    let by_role = site
        .config
        .roles
        .iter()
        .filter_map(|role| {
            let steps: Vec<StepGroup> = changes
                .procedures
                .iter()
                .flat_map(|procedure| {
                    procedure
                        .steps
                        .iter()
                        .filter(|step| step.roles.contains(&role.id))
                        .map(|step| step_group(procedure, step, &words, &entry_href))
                })
                .collect();
            (!steps.is_empty()).then(|| RoleGroup {
                id: role.id.clone(),
                anchor: format!("role-{}", role.id),
                name: role.name.get(lang, site.default_language()).to_string(),
                href: href(&format!("{lang}/roles/{}.html", role.id)),
                steps,
            })
        })
        .collect();
    let forms = changes
        .forms
        .iter()
        .map(|form| form_group(form, &words, site, &href))
        .collect();
    let pages = changes
        .pages
        .iter()
        .map(|page| page_group(page, &words, renderer, &entry_href))
        .collect();
    let roles = changes
        .roles
        .iter()
        .map(|role| ChangeGroup {
            anchor: format!("role-change-{}", role.id),
            title: words.text(&role.name).to_string(),
            href: if site.config.role(&role.id).is_some() {
                href(&format!("{lang}/roles/{}.html", role.id))
            } else {
                String::new()
            },
            items: vec![ChangeItem {
                kind: match role.kind {
                    crate::edition::diff::RoleChangeKind::Added => "role-added",
                    crate::edition::diff::RoleChangeKind::Removed => "role-removed",
                    crate::edition::diff::RoleChangeKind::Renamed { .. } => "role-renamed",
                },
                target: role.id.clone(),
                text: words.role_change(role),
                ..ChangeItem::default()
            }],
            steps: Vec::new(),
        })
        .collect();
    let view = ChangesView {
        common: generated_page_common(
            renderer,
            site,
            lang,
            &output_path,
            "changes",
            "changes_title",
        ),
        intro: intro(changes, site, &words),
        empty: changes.is_empty(),
        procedures,
        by_role,
        forms,
        pages,
        roles,
    };
    let html = renderer.template("changes.html", &view)?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

fn intro(changes: &Changes, site: &Site, words: &Words) -> String {
    let version = site.config.version.clone().unwrap_or_default();
    let date = site.config.edition.date.clone().unwrap_or_default();
    let previous =
        if changes.previous_date.is_empty() || changes.previous_date == changes.previous_version {
            changes.previous_version.clone()
        } else {
            format!("{} ({})", changes.previous_version, changes.previous_date)
        };
    let edition = if date.is_empty() || date == version {
        version
    } else {
        format!("{version} ({date})")
    };
    words.say(
        "changes_intro",
        &[("edition", &edition), ("previous", &previous)],
    )
}

fn procedure_group(
    procedure: &ProcedureChanges,
    words: &Words,
    entry_href: &dyn Fn(&str) -> String,
) -> ChangeGroup {
    let mut items = Vec::new();
    if procedure.added {
        items.push(ChangeItem {
            kind: "procedure-added",
            target: procedure.id.clone(),
            text: words.say("change_procedure_added", &[]),
            ..ChangeItem::default()
        });
    }
    if procedure.removed {
        items.push(ChangeItem {
            kind: "procedure-removed",
            target: procedure.id.clone(),
            text: words.say("change_procedure_removed", &[]),
            ..ChangeItem::default()
        });
    }
    ChangeGroup {
        anchor: entry_anchor("change", &procedure.id),
        title: words.text(&procedure.title).to_string(),
        href: if procedure.removed {
            String::new()
        } else {
            entry_href(&procedure.id)
        },
        items,
        steps: procedure
            .steps
            .iter()
            .map(|step| step_group(procedure, step, words, entry_href))
            .collect(),
    }
}

fn step_group(
    procedure: &ProcedureChanges,
    step: &StepChanges,
    words: &Words,
    entry_href: &dyn Fn(&str) -> String,
) -> StepGroup {
    let removed = step
        .changes
        .iter()
        .any(|c| matches!(c, crate::edition::diff::StepChange::Removed));
    let procedure_href = entry_href(&procedure.id);
    StepGroup {
        anchor: step_anchor(&procedure.id, &step.id),
        title: words.text(&step.title).to_string(),
        procedure: words.text(&procedure.title).to_string(),
        href: if removed || procedure_href.is_empty() {
            String::new()
        } else {
            format!("{procedure_href}#step-{}", step.id)
        },
        items: step
            .changes
            .iter()
            .map(|change| ChangeItem {
                kind: change.kind(),
                target: format!("{}#{}", procedure.id, step.id),
                text: words.step_change(change),
                ..ChangeItem::default()
            })
            .collect(),
    }
}

fn form_group(
    form: &FormChanges,
    words: &Words,
    site: &Site,
    href: &dyn Fn(&str) -> String,
) -> ChangeGroup {
    let lang = words.lang;
    let mut items = Vec::new();
    let mut item = |kind: &'static str, target: String, text: String| {
        items.push(ChangeItem {
            kind,
            target,
            text,
            ..ChangeItem::default()
        });
    };
    if form.added {
        item(
            "form-added",
            form.id.clone(),
            words.say("change_form_added", &[]),
        );
    }
    if form.removed {
        item(
            "form-removed",
            form.id.clone(),
            words.say("change_form_removed", &[]),
        );
    }
    if !form.added && !form.removed && form.version_before != form.version_after {
        item(
            "form-version",
            form.id.clone(),
            words.say(
                "change_form_version",
                &[
                    ("before", &form.version_before),
                    ("after", &form.version_after),
                ],
            ),
        );
    }
    for question in &form.questions {
        item(
            question.kind.name(),
            format!("{}#{}", form.id, question.id),
            words.question_change(question),
        );
    }
    let exists = site.forms.iter().any(|f| f.id == form.id);
    ChangeGroup {
        anchor: format!("form-{}", form.id),
        title: words.form(&form.id),
        href: if exists {
            href(&format!("{lang}/forms/{}.html", form.id))
        } else {
            String::new()
        },
        items,
        steps: Vec::new(),
    }
}

fn page_group(
    page: &PageChanges,
    words: &Words,
    renderer: &Renderer,
    entry_href: &dyn Fn(&str) -> String,
) -> ChangeGroup {
    let mut items = Vec::new();
    if page.added {
        items.push(ChangeItem {
            kind: "page-added",
            target: page.id.clone(),
            text: words.say("change_page_added", &[]),
            ..ChangeItem::default()
        });
    }
    if page.removed {
        items.push(ChangeItem {
            kind: "page-removed",
            target: page.id.clone(),
            text: words.say("change_page_removed", &[]),
            ..ChangeItem::default()
        });
    }
    // A reader sees the sections of their own language; the other languages' are told too,
    // for translators, after them.
    let mut sections: Vec<_> = page.sections.iter().collect();
    sections.sort_by_key(|section| section.lang != words.lang);
    for section in sections {
        let text = words.section_change(section, &renderer.language_in(words.lang, &section.lang));
        let mut item = ChangeItem {
            kind: match section.kind {
                crate::edition::diff::SectionChangeKind::Added => "section-added",
                crate::edition::diff::SectionChangeKind::Removed => "section-removed",
                crate::edition::diff::SectionChangeKind::Changed => "section-changed",
            },
            target: format!("{}#{}@{}", page.id, section.id, section.lang),
            ..ChangeItem::default()
        };
        match text.split_once(section.heading.as_str()) {
            Some((before, after)) if section.lang != words.lang && !section.heading.is_empty() => {
                item.text = before.to_string();
                item.quote = section.heading.clone();
                item.quote_lang = section.lang.clone();
                item.after = after.to_string();
            }
            _ => item.text = text,
        }
        items.push(item);
    }
    ChangeGroup {
        anchor: entry_anchor("page", &page.id),
        title: words.text(&page.title).to_string(),
        href: if page.removed {
            String::new()
        } else {
            entry_href(&page.id)
        },
        items,
        steps: Vec::new(),
    }
}
