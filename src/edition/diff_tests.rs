//! Tests of what changed between two edition records.

use super::*;

fn texts(text: &str) -> Texts {
    [("en".to_string(), text.to_string())].into()
}

#[test]
fn checklist_items_are_added_removed_or_reworded() {
    let before = [texts("a"), texts("b"), texts("c")];
    let after = [texts("a"), texts("B!"), texts("c"), texts("d")];
    let kinds: Vec<&str> = checklist_changes(&before, &after)
        .iter()
        .map(StepChange::kind)
        .collect();
    assert_eq!(kinds, ["checklist-reworded", "checklist-added"]);
    let removed = checklist_changes(&after, &before[..1]);
    assert_eq!(removed.len(), 3);
    assert!(removed.iter().all(|c| c.kind() == "checklist-removed"));
}

fn step(id: &str, lead: &str) -> StepRecord {
    StepRecord {
        id: id.to_string(),
        title: texts(id),
        lead: lead.to_string(),
        support: Vec::new(),
        duration: Texts::new(),
        body: Texts::new(),
        checklist: Vec::new(),
        forms: Vec::new(),
        next: Vec::new(),
        branches: Vec::new(),
    }
}

fn record(steps: Vec<StepRecord>, role_name: &str) -> Record {
    Record {
        roles: vec![super::super::record::RoleRecord {
            id: "lead".into(),
            name: texts(role_name),
        }],
        procedures: vec![ProcedureRecord {
            id: "p.toml".into(),
            title: texts("P"),
            steps,
        }],
        ..Record::default()
    }
}

#[test]
fn moved_steps_and_renamed_roles_are_told_and_nothing_else() {
    let before = record(
        vec![step("a", "lead"), step("b", "lead"), step("c", "lead")],
        "Lead",
    );
    let after = record(
        vec![step("a", "lead"), step("c", "lead"), step("b", "lead")],
        "Leader",
    );
    let changes = Changes::between(&before, &after);
    let moved: Vec<(&str, Vec<&str>)> = changes.procedures[0]
        .steps
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.changes.iter().map(StepChange::kind).collect(),
            )
        })
        .collect();
    assert_eq!(moved, [("b", vec!["step-moved"])]);
    assert_eq!(changes.roles.len(), 1);
    assert!(matches!(
        changes.roles[0].kind,
        RoleChangeKind::Renamed { .. }
    ));
    assert!(Changes::between(&after, &after).is_empty());
}

#[test]
fn a_step_moved_is_told_from_the_steps_around_it() {
    let a = ["a", "b", "c", "d"].map(String::from);
    let b = ["a", "c", "d", "b"].map(String::from);
    let a: Vec<&String> = a.iter().collect();
    let b: Vec<&String> = b.iter().collect();
    assert_eq!(lcs(&a, &b).len(), 3);
}
