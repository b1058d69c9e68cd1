//! What changed between two edition records, by meaning: steps added, removed, moved or edited
//! (lead, support, checklist items...), forms' questions, pages' sections, roles.

use super::record::{FormRecord, PageRecord, ProcedureRecord, Record, StepRecord, Texts};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything that changed since the previous edition.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    pub previous_version: String,
    pub previous_date: String,
    pub procedures: Vec<ProcedureChanges>,
    pub forms: Vec<FormChanges>,
    pub pages: Vec<PageChanges>,
    pub roles: Vec<RoleChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProcedureChanges {
    pub id: String,
    pub title: Texts,
    pub added: bool,
    pub removed: bool,
    pub steps: Vec<StepChanges>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepChanges {
    pub id: String,
    pub title: Texts,
    /// The roles that lead or support the step, in either edition: whom the change concerns.
    pub roles: Vec<String>,
    pub changes: Vec<StepChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StepChange {
    Added,
    Removed,
    Moved { from: usize, to: usize },
    Title { before: Texts },
    Lead { before: String, after: String },
    SupportAdded { role: String },
    SupportRemoved { role: String },
    Duration { after: Texts },
    Text,
    FormAdded { form: String },
    FormRemoved { form: String },
    Next,
    Branches,
    ChecklistAdded { item: Texts },
    ChecklistRemoved { item: Texts },
    ChecklistReworded { before: Texts, after: Texts },
}

impl StepChange {
    /// A short name for the kind of change, also used in the change page's markup.
    pub fn kind(&self) -> &'static str {
        match self {
            StepChange::Added => "step-added",
            StepChange::Removed => "step-removed",
            StepChange::Moved { .. } => "step-moved",
            StepChange::Title { .. } => "step-title",
            StepChange::Lead { .. } => "step-lead",
            StepChange::SupportAdded { .. } => "step-support-added",
            StepChange::SupportRemoved { .. } => "step-support-removed",
            StepChange::Duration { .. } => "step-duration",
            StepChange::Text => "step-text",
            StepChange::FormAdded { .. } => "step-form-added",
            StepChange::FormRemoved { .. } => "step-form-removed",
            StepChange::Next => "step-next",
            StepChange::Branches => "step-branches",
            StepChange::ChecklistAdded { .. } => "checklist-added",
            StepChange::ChecklistRemoved { .. } => "checklist-removed",
            StepChange::ChecklistReworded { .. } => "checklist-reworded",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FormChanges {
    pub id: String,
    pub title: Texts,
    pub added: bool,
    pub removed: bool,
    pub version_before: String,
    pub version_after: String,
    pub questions: Vec<QuestionChange>,
}

impl FormChanges {
    /// Whether a saved copy of the old form would open into different questions.
    pub fn questions_changed(&self) -> bool {
        !self.added && !self.removed && !self.questions.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionChange {
    pub id: String,
    pub label: Texts,
    pub kind: QuestionChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionChangeKind {
    Added,
    Removed,
    MadeRequired,
    MadeOptional,
    OptionsChanged,
    TypeChanged,
}

impl QuestionChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            QuestionChangeKind::Added => "question-added",
            QuestionChangeKind::Removed => "question-removed",
            QuestionChangeKind::MadeRequired => "question-required",
            QuestionChangeKind::MadeOptional => "question-optional",
            QuestionChangeKind::OptionsChanged => "question-options",
            QuestionChangeKind::TypeChanged => "question-type",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageChanges {
    pub id: String,
    pub title: Texts,
    pub added: bool,
    pub removed: bool,
    pub sections: Vec<SectionChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionChange {
    pub lang: String,
    pub id: String,
    pub heading: String,
    pub kind: SectionChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleChange {
    pub id: String,
    pub name: Texts,
    pub kind: RoleChangeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RoleChangeKind {
    Added,
    Removed,
    Renamed { before: Texts },
}

impl Changes {
    pub fn between(before: &Record, after: &Record) -> Changes {
        Changes {
            previous_version: before.version.clone(),
            previous_date: before.date.clone(),
            procedures: paired(&before.procedures, &after.procedures, |p| &p.id)
                .into_iter()
                .filter_map(|(old, new)| procedure_changes(old, new))
                .collect(),
            forms: paired(&before.forms, &after.forms, |f| &f.id)
                .into_iter()
                .filter_map(|(old, new)| form_changes(old, new))
                .collect(),
            pages: paired(&before.pages, &after.pages, |p| &p.id)
                .into_iter()
                .filter_map(|(old, new)| page_changes(old, new))
                .collect(),
            roles: role_changes(before, after),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
            && self.forms.is_empty()
            && self.pages.is_empty()
            && self.roles.is_empty()
    }

    /// The changes of one step, if it changed.
    pub fn step(&self, procedure: &str, step: &str) -> Option<&StepChanges> {
        self.procedures
            .iter()
            .find(|p| p.id == procedure)?
            .steps
            .iter()
            .find(|s| s.id == step)
    }

    /// Whether any step the role leads or supports (in either edition) changed.
    pub fn concern(&self, role: &str) -> bool {
        self.procedures
            .iter()
            .flat_map(|p| &p.steps)
            .any(|s| s.roles.iter().any(|r| r == role))
    }
}

/// Items of two lists matched by id: the new list's order, then what only the old one had.
fn paired<'a, T>(
    before: &'a [T],
    after: &'a [T],
    id: impl Fn(&T) -> &String,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let old: BTreeMap<&String, &T> = before.iter().map(|item| (id(item), item)).collect();
    let new: BTreeMap<&String, &T> = after.iter().map(|item| (id(item), item)).collect();
    let mut pairs: Vec<(Option<&T>, Option<&T>)> = after
        .iter()
        .map(|item| (old.get(id(item)).copied(), Some(item)))
        .collect();
    pairs.extend(
        before
            .iter()
            .filter(|item| !new.contains_key(id(item)))
            .map(|item| (Some(item), None)),
    );
    pairs
}

fn procedure_changes(
    old: Option<&ProcedureRecord>,
    new: Option<&ProcedureRecord>,
) -> Option<ProcedureChanges> {
    let either = new.or(old)?;
    let no_steps: &[StepRecord] = &[];
    let old_steps = old.map_or(no_steps, |p| &p.steps);
    let new_steps = new.map_or(no_steps, |p| &p.steps);
    let old_ids: Vec<&String> = old_steps.iter().map(|s| &s.id).collect();
    let new_ids: Vec<&String> = new_steps.iter().map(|s| &s.id).collect();
    let common_old: Vec<&String> = old_ids
        .iter()
        .filter(|id| new_ids.contains(id))
        .copied()
        .collect();
    let common_new: Vec<&String> = new_ids
        .iter()
        .filter(|id| old_ids.contains(id))
        .copied()
        .collect();
    let kept_in_order = lcs(&common_old, &common_new);
    let steps: Vec<StepChanges> = paired(old_steps, new_steps, |s| &s.id)
        .into_iter()
        .filter_map(|(before, after)| {
            let step = after.or(before)?;
            let mut changes = match (before, after) {
                (None, Some(_)) => vec![StepChange::Added],
                (Some(_), None) => vec![StepChange::Removed],
                (Some(before), Some(after)) => step_changes(before, after),
                (None, None) => Vec::new(),
            };
            if let (Some(_), Some(_)) = (before, after) {
                if !kept_in_order.contains(&&step.id) {
                    let from = old_ids.iter().position(|id| **id == step.id).unwrap_or(0) + 1;
                    let to = new_ids.iter().position(|id| **id == step.id).unwrap_or(0) + 1;
                    changes.insert(0, StepChange::Moved { from, to });
                }
            }
            if changes.is_empty() {
                return None;
            }
            let mut roles: Vec<String> = Vec::new();
            for record in [before, after].into_iter().flatten() {
                for role in std::iter::once(&record.lead).chain(&record.support) {
                    if !roles.contains(role) {
                        roles.push(role.clone());
                    }
                }
            }
            Some(StepChanges {
                id: step.id.clone(),
                title: step.title.clone(),
                roles,
                changes,
            })
        })
        .collect();
    let added = old.is_none();
    let removed = new.is_none();
    if steps.is_empty() && !added && !removed {
        return None;
    }
    Some(ProcedureChanges {
        id: either.id.clone(),
        title: either.title.clone(),
        added,
        removed,
        // A new or removed procedure is one change, not one per step.
        steps: if added || removed { Vec::new() } else { steps },
    })
}

fn step_changes(before: &StepRecord, after: &StepRecord) -> Vec<StepChange> {
    let mut changes = Vec::new();
    if before.title != after.title {
        changes.push(StepChange::Title {
            before: before.title.clone(),
        });
    }
    if before.lead != after.lead {
        changes.push(StepChange::Lead {
            before: before.lead.clone(),
            after: after.lead.clone(),
        });
    }
    for role in after.support.iter().filter(|r| !before.support.contains(r)) {
        changes.push(StepChange::SupportAdded { role: role.clone() });
    }
    for role in before.support.iter().filter(|r| !after.support.contains(r)) {
        changes.push(StepChange::SupportRemoved { role: role.clone() });
    }
    if before.duration != after.duration {
        changes.push(StepChange::Duration {
            after: after.duration.clone(),
        });
    }
    if before.body != after.body {
        changes.push(StepChange::Text);
    }
    for form in after.forms.iter().filter(|f| !before.forms.contains(f)) {
        changes.push(StepChange::FormAdded { form: form.clone() });
    }
    for form in before.forms.iter().filter(|f| !after.forms.contains(f)) {
        changes.push(StepChange::FormRemoved { form: form.clone() });
    }
    if before.next != after.next {
        changes.push(StepChange::Next);
    }
    if before.branches != after.branches {
        changes.push(StepChange::Branches);
    }
    changes.extend(checklist_changes(&before.checklist, &after.checklist));
    changes
}

/// Checklist items matched by their text in the default (first) language: between two matched
/// items, an old and a new item side by side are one item reworded; the rest are added or removed.
fn checklist_changes(before: &[Texts], after: &[Texts]) -> Vec<StepChange> {
    let key = |item: &Texts| item.values().next().cloned().unwrap_or_default();
    let old: Vec<String> = before.iter().map(key).collect();
    let new: Vec<String> = after.iter().map(key).collect();
    let matches = lcs_pairs(&old, &new);
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matches.into_iter().chain([(old.len(), new.len())]) {
        let gone = &before[i..mi];
        let came = &after[j..mj];
        for (index, item) in came.iter().enumerate() {
            match gone.get(index) {
                Some(was) => changes.push(StepChange::ChecklistReworded {
                    before: was.clone(),
                    after: item.clone(),
                }),
                None => changes.push(StepChange::ChecklistAdded { item: item.clone() }),
            }
        }
        for item in gone.iter().skip(came.len()) {
            changes.push(StepChange::ChecklistRemoved { item: item.clone() });
        }
        (i, j) = (mi + 1, mj + 1);
    }
    changes
}

/// The longest common subsequence of two lists, as pairs of indices.
fn lcs_pairs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn lcs<'a, T: PartialEq>(a: &[&'a T], b: &[&'a T]) -> Vec<&'a T> {
    lcs_pairs(a, b).into_iter().map(|(i, _)| a[i]).collect()
}

fn form_changes(old: Option<&FormRecord>, new: Option<&FormRecord>) -> Option<FormChanges> {
    let either = new.or(old)?;
    let mut questions = Vec::new();
    if let (Some(old), Some(new)) = (old, new) {
        for (before, after) in paired(&old.questions, &new.questions, |q| &q.id) {
            let Some(question) = after.or(before) else {
                continue;
            };
            let mut kinds = Vec::new();
            match (before, after) {
                (None, Some(_)) => kinds.push(QuestionChangeKind::Added),
                (Some(_), None) => kinds.push(QuestionChangeKind::Removed),
                (Some(before), Some(after)) => {
                    if before.kind != after.kind {
                        kinds.push(QuestionChangeKind::TypeChanged);
                    }
                    if !before.required && after.required {
                        kinds.push(QuestionChangeKind::MadeRequired);
                    }
                    if before.required && !after.required {
                        kinds.push(QuestionChangeKind::MadeOptional);
                    }
                    if before.options != after.options {
                        kinds.push(QuestionChangeKind::OptionsChanged);
                    }
                }
                (None, None) => {}
            }
            questions.extend(kinds.into_iter().map(|kind| QuestionChange {
                id: question.id.clone(),
                label: question.label.clone(),
                kind,
            }));
        }
    }
    let version_before = old.map(|f| f.version.clone()).unwrap_or_default();
    let version_after = new.map(|f| f.version.clone()).unwrap_or_default();
    let changed =
        old.is_none() || new.is_none() || !questions.is_empty() || version_before != version_after;
    changed.then(|| FormChanges {
        id: either.id.clone(),
        title: either.title.clone(),
        added: old.is_none(),
        removed: new.is_none(),
        version_before,
        version_after,
        questions,
    })
}

fn page_changes(old: Option<&PageRecord>, new: Option<&PageRecord>) -> Option<PageChanges> {
    let either = new.or(old)?;
    let mut sections = Vec::new();
    if let (Some(old), Some(new)) = (old, new) {
        let languages: std::collections::BTreeSet<&String> =
            old.sections.keys().chain(new.sections.keys()).collect();
        for lang in languages {
            let before = old.sections.get(lang).map_or(&[][..], Vec::as_slice);
            let after = new.sections.get(lang).map_or(&[][..], Vec::as_slice);
            for (was, now) in paired(before, after, |s| &s.id) {
                let Some(section) = now.or(was) else { continue };
                let kind = match (was, now) {
                    (None, Some(_)) => SectionChangeKind::Added,
                    (Some(_), None) => SectionChangeKind::Removed,
                    (Some(was), Some(now)) if was.fingerprint != now.fingerprint => {
                        SectionChangeKind::Changed
                    }
                    _ => continue,
                };
                sections.push(SectionChange {
                    lang: lang.clone(),
                    id: section.id.clone(),
                    heading: section.heading().to_string(),
                    kind,
                });
            }
        }
    }
    let changed = old.is_none() || new.is_none() || !sections.is_empty();
    changed.then(|| PageChanges {
        id: either.id.clone(),
        title: either.title.clone(),
        added: old.is_none(),
        removed: new.is_none(),
        sections,
    })
}

fn role_changes(before: &Record, after: &Record) -> Vec<RoleChange> {
    paired(&before.roles, &after.roles, |r| &r.id)
        .into_iter()
        .filter_map(|(old, new)| {
            let role = new.or(old)?;
            let kind = match (old, new) {
                (None, Some(_)) => RoleChangeKind::Added,
                (Some(_), None) => RoleChangeKind::Removed,
                (Some(old), Some(new)) if old.name != new.name => RoleChangeKind::Renamed {
                    before: old.name.clone(),
                },
                _ => return None,
            };
            Some(RoleChange {
                id: role.id.clone(),
                name: role.name.clone(),
                kind,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
