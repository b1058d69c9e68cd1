//! Procedures (`content/**/*.toml`): steps with a lead role, checklists, forms and branches; parsed and checked.

use crate::config::Config;
use crate::content::{parent_dir, ProcedureFile};
use crate::diagnostics::{did_you_mean, from_toml_error, Diagnostic, Diagnostics};
use crate::localised::Localised;
use serde::Deserialize;
use std::path::PathBuf;
use toml::Spanned;

/// A procedure (`content/**/*.toml`): numbered steps, each with a lead role.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "procedure")]
struct RawProcedure {
    title: Localised,
    /// Markdown.
    summary: Option<Localised>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    step: Vec<RawStep>,
}

/// One step; steps are numbered in file order.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawStep {
    /// kebab-case, unique in the file; the step's anchor is #step-<id>.
    #[schemars(with = "crate::json_schema::Id")]
    id: Spanned<String>,
    title: Localised,
    /// The role id (handbook.toml) that leads the step.
    #[schemars(with = "String")]
    lead: Spanned<String>,
    /// Role ids that support the step.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    support: Vec<Spanned<String>>,
    /// Form ids (forms/<id>.toml) used in the step.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    forms: Vec<Spanned<String>>,
    duration: Option<Localised>,
    /// Markdown.
    body: Option<Localised>,
    #[serde(default)]
    checklist: Vec<Localised>,
    /// Step ids that follow; default: the next step in the file; [] ends the procedure.
    #[schemars(with = "Option<Vec<String>>")]
    next: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    branch: Vec<RawBranch>,
}

/// A jump taken on a condition.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBranch {
    #[serde(rename = "if")]
    condition: Localised,
    /// A step id of the same procedure.
    #[schemars(with = "String")]
    goto: Spanned<String>,
}

/// The JSON Schema of a procedure file, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<RawProcedure>()
}

/// A reference to something declared elsewhere, with where it was written (byte offset in the file).
#[derive(Debug, Clone)]
pub struct Reference {
    pub id: String,
    pub offset: usize,
}

impl From<Spanned<String>> for Reference {
    fn from(spanned: Spanned<String>) -> Self {
        let offset = spanned.span().start;
        Reference {
            id: spanned.into_inner(),
            offset,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub condition: Localised,
    pub goto: String,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    /// 1-based position, shown to readers.
    pub number: usize,
    pub title: Localised,
    pub lead: String,
    pub support: Vec<String>,
    pub forms: Vec<Reference>,
    pub duration: Option<Localised>,
    pub body: Option<Localised>,
    /// Byte offset of the step's `id` in the file, for messages about the step.
    pub offset: usize,
    pub checklist: Vec<Localised>,
    /// Resolved: the following step by default; empty ends the procedure.
    pub next: Vec<String>,
    pub branches: Vec<Branch>,
}

impl Step {
    pub fn anchor(&self) -> String {
        format!("step-{}", self.id)
    }

    /// Every role that takes part in the step, lead first.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lead.as_str()).chain(self.support.iter().map(String::as_str))
    }

    /// Every step this one can hand over to, plain `next` first, then branches.
    pub fn successors(&self) -> impl Iterator<Item = &str> {
        self.next
            .iter()
            .map(String::as_str)
            .chain(self.branches.iter().map(|b| b.goto.as_str()))
    }
}

#[derive(Debug, Clone)]
pub struct Procedure {
    /// Source path under `content/`, e.g. `return/process.toml`.
    pub id: String,
    pub path: PathBuf,
    pub source: String,
    pub title: Localised,
    pub summary: Option<Localised>,
    pub weight: i64,
    pub steps: Vec<Step>,
}

impl Procedure {
    pub fn dir(&self) -> &str {
        parent_dir(&self.id)
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// The steps that hand over to `step_id`.
    pub fn predecessors<'a>(&'a self, step_id: &'a str) -> impl Iterator<Item = &'a Step> + 'a {
        self.steps
            .iter()
            .filter(move |step| step.successors().any(|next| next == step_id))
    }
}

/// Parses every procedure file and checks steps, roles and branch targets.
/// Form references are checked later, once forms are loaded.
pub fn load_all(
    files: Vec<ProcedureFile>,
    config: &Config,
    include_drafts: bool,
) -> (Vec<Procedure>, Diagnostics, Vec<String>) {
    let mut diagnostics = Diagnostics::default();
    let mut procedures = Vec::new();
    let mut unreadable = Vec::new();
    for file in files {
        let id = file.id.clone();
        match parse(file, config) {
            Ok((procedure, draft, problems)) => {
                diagnostics.extend(problems);
                if !draft || include_drafts {
                    procedures.push(procedure);
                }
            }
            Err(found) => {
                diagnostics.extend(found);
                unreadable.push(id);
            }
        }
    }
    (procedures, diagnostics, unreadable)
}

/// A procedure read, whether it is a draft, and the problems it was read despite.
type Parsed = (Procedure, bool, Diagnostics);

/// Parses one procedure file. An unknown role leaves the procedure whole, so it is kept beside
/// the error (links to it are not reported as broken); any other problem makes it unusable.
fn parse(file: ProcedureFile, config: &Config) -> Result<Parsed, Diagnostics> {
    let raw: RawProcedure = toml::from_str(&file.source)
        .map_err(|error| from_toml_error(&file.path, &file.source, 0, &error))?;
    let mut diagnostics = Diagnostics::default();
    let mut role_problems = Diagnostics::default();
    let error_at = |message: String, offset: usize| {
        Diagnostic::error(&file.path, message).at_offset(&file.source, offset)
    };

    if raw.step.is_empty() {
        diagnostics.push(
            Diagnostic::error(&file.path, "a procedure needs at least one [[step]]")
                .with_hint("add [[step]] with id, title and lead"),
        );
    }
    let ids: Vec<String> = raw
        .step
        .iter()
        .map(|step| step.id.get_ref().clone())
        .collect();
    let mut steps = Vec::new();
    for (index, raw_step) in raw.step.into_iter().enumerate() {
        let id_offset = raw_step.id.span().start;
        let id = raw_step.id.into_inner();
        if !crate::config::is_kebab_case(&id) {
            diagnostics.push(
                error_at(format!("step id \"{id}\" is not kebab-case"), id_offset)
                    .with_hint("use lowercase letters, digits and hyphens"),
            );
        }
        if ids[..index].contains(&id) {
            diagnostics.push(error_at(
                format!("step id \"{id}\" is used twice in this procedure"),
                id_offset,
            ));
        }
        let mut check_role = |reference: &Spanned<String>| {
            if let Some(problem) = config.check_role(
                reference.get_ref(),
                &file.path,
                &file.source,
                reference.span().start,
            ) {
                role_problems.push(problem);
            }
        };
        check_role(&raw_step.lead);
        raw_step.support.iter().for_each(&mut check_role);

        let mut check_step = |target: &Spanned<String>| {
            if !ids.contains(target.get_ref()) {
                let mut problem = error_at(
                    format!("no step \"{}\" in this procedure", target.get_ref()),
                    target.span().start,
                );
                if let Some(hint) = did_you_mean(target.get_ref(), ids.iter().map(String::as_str)) {
                    problem = problem.with_hint(hint);
                }
                diagnostics.push(problem);
            }
        };
        let next: Vec<String> = match raw_step.next {
            Some(list) => {
                list.iter().for_each(&mut check_step);
                list.into_iter().map(Spanned::into_inner).collect()
            }
            None => ids.get(index + 1).cloned().into_iter().collect(),
        };
        raw_step
            .branch
            .iter()
            .for_each(|branch| check_step(&branch.goto));
        let branches = raw_step
            .branch
            .into_iter()
            .map(|branch| Branch {
                condition: branch.condition,
                goto: branch.goto.into_inner(),
            })
            .collect();

        steps.push(Step {
            id,
            number: index + 1,
            title: raw_step.title,
            lead: raw_step.lead.into_inner(),
            support: raw_step
                .support
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            forms: raw_step.forms.into_iter().map(Reference::from).collect(),
            duration: raw_step.duration,
            body: raw_step.body,
            offset: id_offset,
            checklist: raw_step.checklist,
            next,
            branches,
        });
    }
    if diagnostics.has_errors() {
        diagnostics.extend(role_problems);
        return Err(diagnostics);
    }
    let procedure = Procedure {
        id: file.id,
        path: file.path,
        source: file.source,
        title: raw.title,
        summary: raw.summary,
        weight: raw.weight,
        steps,
    };
    Ok((procedure, raw.draft, role_problems))
}
