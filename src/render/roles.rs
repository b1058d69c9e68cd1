//! Role pages: the roles index by level and each role's step-by-step guide across every procedure
//! (its printable pack, made from the same guide, is role_pack.rs).

use super::nav::{common, Place};
use super::page_parts::{role_link, same_path_in, JobOutput};
use super::procedure_page::step_view;
use super::views::*;
use super::{Renderer, SearchDoc};
use crate::config::{Level, Role};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{relative_href, Entry, Site};
use crate::urls;

#[derive(serde::Serialize)]
struct RoleSummary {
    #[serde(flatten)]
    link: RoleLink,
    agency: String,
    lead_steps: usize,
    support_steps: usize,
}

#[derive(serde::Serialize)]
struct RoleGroup {
    level: String,
    label: String,
    roles: Vec<RoleSummary>,
}

#[derive(serde::Serialize)]
struct RolesView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    groups: Vec<RoleGroup>,
}

super::views::view_with_common!(RolesView);

pub fn roles_index(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let output_path = urls::roles_index(lang);
    let count = |role: &str, lead: bool| {
        site.procedures
            .iter()
            .flat_map(|procedure| &procedure.steps)
            .filter(|step| {
                if lead {
                    step.lead == role
                } else {
                    step.support.iter().any(|id| id == role)
                }
            })
            .count()
    };
    let groups = Level::ALL
        .iter()
        .map(|level| RoleGroup {
            level: level.id().to_string(),
            label: renderer.string(lang, &format!("level_{}", level.id())),
            roles: site
                .config
                .roles
                .iter()
                .filter(|role| role.level == *level)
                .map(|role| RoleSummary {
                    link: role_link(site, &role.id, lang, &output_path),
                    agency: localised_or_empty(role.agency.as_ref(), lang, default_lang),
                    lead_steps: count(&role.id, true),
                    support_steps: count(&role.id, false),
                })
                .collect(),
        })
        .filter(|group| !group.roles.is_empty())
        .collect();
    let html = renderer.template(
        "roles.html",
        &RolesView {
            common: super::page_parts::generated_page_common(
                renderer,
                site,
                lang,
                &output_path,
                "roles",
                "roles",
            ),
            groups,
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

pub(super) fn localised_or_empty(
    text: Option<&crate::localised::Localised>,
    lang: &str,
    default_lang: &str,
) -> String {
    text.map(|t| t.get(lang, default_lang).to_string())
        .unwrap_or_default()
}

/// The steps of one procedure that a role takes part in.
#[derive(serde::Serialize)]
pub(super) struct GuideProcedure {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) steps: Vec<StepView>,
}

/// A form used by the role's steps; `blank` holds the form's printable blank HTML in the pack.
#[derive(Clone, serde::Serialize)]
pub(super) struct PackForm {
    pub(super) id: String,
    pub(super) code: String,
    pub(super) title: String,
    pub(super) href: String,
    pub(super) blank: String,
}

/// Everything a role's guide shows, built for the page at `output_path`.
pub(super) struct RoleGuide {
    pub(super) procedures: Vec<GuideProcedure>,
    pub(super) forms: Vec<PackForm>,
    /// Pages whose front matter names the role, in reading order.
    pub(super) pages: Vec<Entry>,
}

pub(super) fn role_guide(
    renderer: &Renderer,
    site: &Site,
    role: &Role,
    lang: &str,
    output_path: &str,
    diagnostics: &mut Diagnostics,
) -> RoleGuide {
    let default_lang = site.default_language();
    let mut procedures = Vec::new();
    let mut form_ids: Vec<&str> = Vec::new();
    for entry in site.reading_order() {
        let Entry::Procedure(index) = *entry else {
            continue;
        };
        let procedure = &site.procedures[index];
        let mut steps = Vec::new();
        for step in &procedure.steps {
            let part = if step.lead == role.id {
                "lead"
            } else if step.support.contains(&role.id) {
                "support"
            } else {
                continue;
            };
            let mut view = step_view(renderer, site, index, step, lang, output_path, diagnostics);
            view.part = part;
            steps.push(view);
            for form in &step.forms {
                if !form_ids.contains(&form.id.as_str()) {
                    form_ids.push(&form.id);
                }
            }
        }
        if !steps.is_empty() {
            procedures.push(GuideProcedure {
                title: procedure.title.get(lang, default_lang).to_string(),
                href: relative_href(output_path, &site.url(*entry, lang)),
                steps,
            });
        }
    }
    let forms = form_ids
        .into_iter()
        .filter_map(|id| site.forms.iter().find(|form| form.id == id))
        .map(|form| PackForm {
            id: form.id.clone(),
            code: form.code.clone().unwrap_or_default(),
            title: form.title.get(lang, default_lang).to_string(),
            href: relative_href(output_path, &urls::form(lang, &form.id)),
            // Filled in by role_pack only: the role page lists and links the forms.
            blank: String::new(),
        })
        .collect();
    let pages = site.pages_naming_role(&role.id, lang, default_lang);
    RoleGuide {
        procedures,
        forms,
        pages,
    }
}

#[derive(serde::Serialize)]
struct RoleView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    id: String,
    name: String,
    agency: String,
    level_label: String,
    /// Rendered Markdown; not `description`, which is the plain-text meta description.
    role_description: String,
    procedures: Vec<GuideProcedure>,
    forms: Vec<PackForm>,
    pages: Vec<Link>,
    pack_href: String,
    /// Names the page for guide mode's saved ticks; the same in every language.
    guide_page: String,
    /// This role's changes on the page "What changed in this edition"; empty when none.
    changes_href: String,
    /// "What you do next": the first step the role leads, or else the first it supports.
    next_step: Option<NextStep>,
    /// The guides of roles this one is often assigned as.
    see_also: Vec<RoleLink>,
}

super::views::view_with_common!(RoleView);

/// The step a role page opens with, linked to its place further down the same page.
#[derive(serde::Serialize)]
struct NextStep {
    /// "lead" or "support".
    part: &'static str,
    number: usize,
    title: String,
    href: String,
    procedure: String,
    /// Who leads it (for a step the role supports).
    lead: RoleLink,
}

fn next_step(procedures: &[GuideProcedure]) -> Option<NextStep> {
    let steps = || {
        procedures
            .iter()
            .flat_map(|p| p.steps.iter().map(move |step| (p, step)))
    };
    let (procedure, step) = steps()
        .find(|(_, step)| step.part == "lead")
        .or_else(|| steps().next())?;
    Some(NextStep {
        part: step.part,
        number: step.number,
        title: step.title.clone(),
        href: format!("#{}", step.anchor),
        procedure: procedure.title.clone(),
        lead: step.lead.clone(),
    })
}

pub fn role_chooser(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
    output_path: &str,
) -> Vec<ChooserGroup> {
    Level::ALL
        .iter()
        .map(|level| ChooserGroup {
            level: level.id().to_string(),
            label: renderer.string(lang, &format!("level_{}", level.id())),
            roles: site
                .config
                .roles
                .iter()
                .filter(|role| role.level == *level)
                .map(|role| role_link(site, &role.id, lang, output_path))
                .collect(),
        })
        .filter(|group| !group.roles.is_empty())
        .collect()
}

pub fn role_page(
    renderer: &Renderer,
    site: &Site,
    role: &Role,
    lang: &str,
    diagnostics: &mut Diagnostics,
) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let output_path = urls::role(lang, &role.id);
    let guide = role_guide(renderer, site, role, lang, &output_path, diagnostics);
    let pages = guide
        .pages
        .iter()
        .map(|entry| Link {
            title: site.title(*entry, lang).to_string(),
            href: relative_href(&output_path, &site.url(*entry, lang)),
        })
        .collect();
    let other = same_path_in(output_path.clone());
    let translated = |code: &str| role.name.has(code);
    let name = role.name.get(lang, default_lang).to_string();
    let place = Place {
        lang,
        output_path: &output_path,
        entry: None,
        kind: "role",
        title: name.clone(),
        // The agency, as plain text for the meta description (empty falls back to the handbook's).
        description: localised_or_empty(role.agency.as_ref(), lang, default_lang),
        other_language_path: &other,
        translated: &translated,
        toc: Vec::new(),
    };
    let agency = localised_or_empty(role.agency.as_ref(), lang, default_lang);
    let description = localised_or_empty(role.description.as_ref(), lang, default_lang);
    let doc = SearchDoc {
        text_weight: 1.0,
        lang: lang.to_string(),
        url: output_path.clone(),
        title: name.clone(),
        heading: String::new(),
        // The description is Markdown: its words, not its link targets (@/reintegration/mdt.md).
        text: [agency.clone(), crate::markdown::plain_text(&description)].join(" "),
        kind: "role",
        roles: vec![role.id.clone()],
        html: None,
    };
    let see_also = role
        .see_also
        .iter()
        .map(|other| role_link(site, other, lang, &output_path))
        .collect();
    let view = RoleView {
        next_step: next_step(&guide.procedures),
        see_also,
        common: common(renderer, site, &place),
        id: role.id.clone(),
        name,
        agency,
        level_label: renderer.string(lang, &format!("level_{}", role.level.id())),
        role_description: description_html(renderer, site, &description, lang, &output_path),
        procedures: guide.procedures,
        forms: guide.forms,
        pages,
        pack_href: format!("{}-print.html", role.id),
        guide_page: format!("roles/{}", role.id),
        changes_href: match &site.edition.changes {
            Some(changes) if changes.concern(&role.id) => relative_href(
                &output_path,
                &format!("{}#role-{}", crate::urls::changes(lang), role.id),
            ),
            _ => String::new(),
        },
    };
    let html = renderer.template_bytes("role.html", &view)?;
    Ok((vec![OutputFile::new(output_path, html)], vec![doc]))
}

pub(super) fn description_html(
    renderer: &Renderer,
    site: &Site,
    description: &str,
    lang: &str,
    output_path: &str,
) -> String {
    crate::markdown::render(
        description,
        &crate::markdown::RenderContext {
            links: &crate::links::PageLinks {
                site,
                entry: site.tree().entry,
                lang,
                output_path,
            },
            marks: renderer.marks(lang),
            heading_offset: 2,
            id_prefix: "",
        },
    )
    .0
    .html
}
