//! Checks that need the whole form: unique field ids, what `show_if` and `total` refer to, and
//! conditions that would hide a field behind itself.

use super::model::*;
use super::show_if::Comparison;
use crate::diagnostics::Position;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};

pub fn references(form: &Form, diagnostics: &mut Diagnostics) {
    let error = |at: usize, message: String, hint: Option<String>| {
        let diagnostic = Diagnostic::error(&form.path, message).at_offset(&form.source, at);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    };
    let mut first_use: BTreeMap<&str, usize> = BTreeMap::new();
    for field in form.fields() {
        if let Some(first) = first_use.get(field.id.as_str()) {
            let line = Position::of_offset(&form.source, *first).line;
            diagnostics.push(error(
                field.at,
                format!("field id \"{}\" is used twice in this form", field.id),
                Some(format!(
                    "it is first used on line {line}; ids must be unique in a form"
                )),
            ));
        } else {
            first_use.insert(&field.id, field.at);
        }
    }

    for section in &form.sections {
        if let Some(show_if) = &section.show_if {
            let inside: Vec<&str> = section.fields.iter().map(|f| f.id.as_str()).collect();
            for comparison in show_if.condition.comparisons() {
                if inside.contains(&comparison.field.as_str()) {
                    diagnostics.push(error(
                        show_if.at + comparison.field_at,
                        format!(
                            "show_if of a section refers to \"{}\", a field inside that section",
                            comparison.field
                        ),
                        Some("a section can only depend on fields outside it".into()),
                    ));
                } else if let Some(problem) = comparison_problem(form, comparison, show_if.at) {
                    diagnostics.push(error(problem.0, problem.1, problem.2));
                }
            }
        }
        for field in &section.fields {
            if let Some(show_if) = &field.show_if {
                for comparison in show_if.condition.comparisons() {
                    if comparison.field == field.id {
                        diagnostics.push(error(
                            show_if.at + comparison.field_at,
                            format!("show_if of \"{}\" refers to the field itself", field.id),
                            None,
                        ));
                    } else if let Some(problem) = comparison_problem(form, comparison, show_if.at) {
                        diagnostics.push(error(problem.0, problem.1, problem.2));
                    }
                }
            }
            if let FieldKind::Number {
                total, total_at, ..
            } = &field.kind
            {
                for id in total {
                    let target = form.field(id);
                    let problem = match target.map(|t| &t.kind) {
                        _ if id == &field.id => Some("a total cannot include itself".to_string()),
                        None => Some(format!("total: no field \"{id}\" in this form")),
                        Some(FieldKind::Number { .. }) => None,
                        Some(other) => Some(format!(
                            "total: \"{id}\" is a {} field, not a number",
                            other.name()
                        )),
                    };
                    if let Some(message) = problem {
                        let numbers = form
                            .fields()
                            .filter(|f| matches!(f.kind, FieldKind::Number { .. }))
                            .map(|f| f.id.as_str());
                        diagnostics.push(error(*total_at, message, did_you_mean(id, numbers)));
                    }
                }
            }
        }
    }
    cycles(form, diagnostics);
}

/// What is wrong with one `field == 'value'` test, if anything: (offset, message, hint).
fn comparison_problem(
    form: &Form,
    comparison: &Comparison,
    at: usize,
) -> Option<(usize, String, Option<String>)> {
    let Some(target) = form.field(&comparison.field) else {
        let hint = did_you_mean(&comparison.field, form.fields().map(|f| f.id.as_str()))
            .or_else(|| Some("show_if compares a field of this form with a value".into()));
        return Some((
            at + comparison.field_at,
            format!("show_if: no field \"{}\" in this form", comparison.field),
            hint,
        ));
    };
    if !target.kind.has_answer() {
        return Some((
            at + comparison.field_at,
            format!(
                "show_if: \"{}\" is a {} field, which has no single answer to compare",
                comparison.field,
                target.kind.name()
            ),
            None,
        ));
    }
    let values = target.kind.comparable_values()?;
    if values.contains(&comparison.value) {
        return None;
    }
    let hint = did_you_mean(&comparison.value, values.iter().map(String::as_str))
        .unwrap_or_else(|| format!("values of \"{}\": {}", comparison.field, values.join(", ")));
    Some((
        at + comparison.value_at + 1,
        format!(
            "show_if: \"{}\" is not a value of \"{}\"",
            comparison.value, comparison.field
        ),
        Some(hint),
    ))
}

/// A field shown only if B is answered, while B is shown only if the field is answered, can
/// never appear: report each such loop once, at the first condition in it.
fn cycles(form: &Form, diagnostics: &mut Diagnostics) {
    let mut depends: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for section in &form.sections {
        for field in &section.fields {
            let mut on = BTreeSet::new();
            let mut at = field.at;
            for show_if in [&section.show_if, &field.show_if].into_iter().flatten() {
                on.extend(
                    show_if
                        .condition
                        .comparisons()
                        .iter()
                        .map(|c| c.field.as_str()),
                );
                at = show_if.at;
            }
            depends.insert(&field.id, (on, at));
        }
    }
    let mut reported = BTreeSet::new();
    for start in depends.keys() {
        let mut path = vec![*start];
        if let Some(cycle) = find_cycle(&depends, &mut path).filter(|c| c.len() > 2) {
            // A field depending on itself directly was reported above with a clearer message.
            let mut members: Vec<&str> = cycle.clone();
            members.sort();
            if reported.insert(members) {
                let at = depends.get(cycle[0]).map_or(0, |(_, at)| *at);
                diagnostics.push(
                    Diagnostic::error(
                        &form.path,
                        format!(
                            "show_if conditions go round in a circle: {}",
                            cycle.join(" -> ")
                        ),
                    )
                    .at_offset(&form.source, at)
                    .with_hint("a field can only depend on fields that do not depend on it"),
                );
            }
        }
    }
}

fn find_cycle<'a>(
    depends: &BTreeMap<&'a str, (BTreeSet<&'a str>, usize)>,
    path: &mut Vec<&'a str>,
) -> Option<Vec<&'a str>> {
    let last = *path.last()?;
    for next in depends
        .get(last)
        .map(|(on, _)| on.iter())
        .into_iter()
        .flatten()
    {
        if let Some(position) = path.iter().position(|id| id == next) {
            let mut cycle = path[position..].to_vec();
            cycle.push(next);
            return Some(cycle);
        }
        if path.len() < depends.len() {
            path.push(next);
            if let Some(cycle) = find_cycle(depends, path) {
                return Some(cycle);
            }
            path.pop();
        }
    }
    None
}
