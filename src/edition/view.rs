//! Changes in words, in one language: "lead is now Case manager", "question added: Date of birth".
//! The sentences come from the theme's strings (`change_*`), with `{role}`, `{item}`... filled in.

use super::diff::{
    QuestionChange, QuestionChangeKind, RoleChange, RoleChangeKind, SectionChange,
    SectionChangeKind, StepChange,
};
use super::record::{Record, Texts};
use std::collections::BTreeMap;

/// What the sentences need: the strings of one language and the records for names.
pub struct Words<'a> {
    pub strings: &'a BTreeMap<String, String>,
    pub lang: &'a str,
    pub current: &'a Record,
    pub previous: Option<&'a Record>,
}

impl Words<'_> {
    /// An interface string with its `{name}` placeholders filled.
    pub fn say(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self
            .strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A text in this language (or the first language recorded).
    pub fn text<'t>(&self, texts: &'t Texts) -> &'t str {
        texts
            .get(self.lang)
            .or_else(|| texts.values().next())
            .map_or("", String::as_str)
    }

    fn records(&self) -> impl Iterator<Item = &Record> {
        std::iter::once(self.current).chain(self.previous)
    }

    /// A role's name, from this edition or, for a removed role, the previous one.
    pub fn role(&self, id: &str) -> String {
        self.records()
            .find_map(|record| record.roles.iter().find(|role| role.id == id))
            .map_or_else(|| id.to_string(), |role| self.text(&role.name).to_string())
    }

    pub fn form(&self, id: &str) -> String {
        self.records()
            .find_map(|record| record.forms.iter().find(|form| form.id == id))
            .map_or_else(|| id.to_string(), |form| self.text(&form.title).to_string())
    }

    pub fn step_change(&self, change: &StepChange) -> String {
        match change {
            StepChange::Added => self.say("change_step_added", &[]),
            StepChange::Removed => self.say("change_step_removed", &[]),
            StepChange::Moved { from, to } => self.say(
                "change_step_moved",
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
            StepChange::Title { before } => {
                self.say("change_step_title", &[("before", self.text(before))])
            }
            StepChange::Lead { after, .. } => {
                self.say("change_step_lead", &[("role", &self.role(after))])
            }
            StepChange::SupportAdded { role } => {
                self.say("change_step_support_added", &[("role", &self.role(role))])
            }
            StepChange::SupportRemoved { role } => {
                self.say("change_step_support_removed", &[("role", &self.role(role))])
            }
            StepChange::Duration { after } => {
                let after = self.text(after);
                if after.is_empty() {
                    self.say("change_step_duration_removed", &[])
                } else {
                    self.say("change_step_duration", &[("duration", after)])
                }
            }
            StepChange::Text => self.say("change_step_text", &[]),
            StepChange::FormAdded { form } => {
                self.say("change_step_form_added", &[("form", &self.form(form))])
            }
            StepChange::FormRemoved { form } => {
                self.say("change_step_form_removed", &[("form", &self.form(form))])
            }
            StepChange::Next => self.say("change_step_next", &[]),
            StepChange::Branches => self.say("change_step_branches", &[]),
            StepChange::ChecklistAdded { item } => {
                self.say("change_checklist_added", &[("item", self.text(item))])
            }
            StepChange::ChecklistRemoved { item } => {
                self.say("change_checklist_removed", &[("item", self.text(item))])
            }
            StepChange::ChecklistReworded { after, .. } => {
                self.say("change_checklist_reworded", &[("item", self.text(after))])
            }
        }
    }

    pub fn question_change(&self, change: &QuestionChange) -> String {
        let key = match change.kind {
            QuestionChangeKind::Added => "change_question_added",
            QuestionChangeKind::Removed => "change_question_removed",
            QuestionChangeKind::MadeRequired => "change_question_required",
            QuestionChangeKind::MadeOptional => "change_question_optional",
            QuestionChangeKind::OptionsChanged => "change_question_options",
            QuestionChangeKind::TypeChanged => "change_question_type",
        };
        let label = self.text(&change.label);
        let label = if label.is_empty() { &change.id } else { label };
        self.say(key, &[("question", label)])
    }

    /// `language` is the name of the section's language, said when it is not this page's.
    pub fn section_change(&self, change: &SectionChange, language: &str) -> String {
        let key = match change.kind {
            SectionChangeKind::Added => "change_section_added",
            SectionChangeKind::Removed => "change_section_removed",
            SectionChangeKind::Changed => "change_section_changed",
        };
        let heading = if change.heading.is_empty() {
            self.say("change_section_opening", &[])
        } else {
            change.heading.clone()
        };
        let text = self.say(key, &[("section", &heading)]);
        if change.lang == self.lang {
            text
        } else {
            format!("{text} ({language})")
        }
    }

    pub fn role_change(&self, change: &RoleChange) -> String {
        match &change.kind {
            RoleChangeKind::Added => self.say("change_role_added", &[]),
            RoleChangeKind::Removed => self.say("change_role_removed", &[]),
            RoleChangeKind::Renamed { before } => {
                self.say("change_role_renamed", &[("before", self.text(before))])
            }
        }
    }
}
