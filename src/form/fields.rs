//! Turns one field of a form file into a checked `Field`: its type, the keys its type allows,
//! options, table columns, signing parties and patterns.

use super::load::{value_start, Loader};
use super::model::*;
use super::pattern;
use super::raw::{keys_for, RawChoice, RawField, RawParty};
use crate::diagnostics::did_you_mean;
use crate::localised::Localised;
use std::collections::BTreeMap;
use toml::Spanned;

/// Column types a table accepts: one answer per cell.
const COLUMN_TYPES: &[&str] = &[
    "text", "textarea", "number", "date", "time", "phone", "email", "select", "yes_no", "checkbox",
];

impl Loader<'_> {
    pub(super) fn field(&mut self, raw: Spanned<RawField>, in_table: bool) -> Option<Field> {
        let mut raw = raw.into_inner();
        let id_at = raw.id.span().start;
        let id = raw.id.get_ref().clone();
        if !is_field_id(&id) {
            self.error(
                id_at,
                format!("field id \"{id}\" is not a valid id"),
                Some(
                    "start with a letter; use letters, digits, `_` and `-`, e.g. \"full_name\""
                        .into(),
                ),
            );
        }
        let kind_owned = raw.kind.get_ref().clone();
        let kind_name = kind_owned.as_str();
        let kind_at = raw.kind.span().start;
        if !TYPES.contains(&kind_name) {
            let hint = did_you_mean(kind_name, TYPES.iter().copied())
                .unwrap_or_else(|| format!("types: {}", TYPES.join(", ")));
            self.error(
                kind_at,
                format!("unknown field type \"{kind_name}\""),
                Some(hint),
            );
            return None;
        }
        if in_table && !COLUMN_TYPES.contains(&kind_name) {
            self.error(
                kind_at,
                format!("a table column cannot be a \"{kind_name}\" field"),
                Some(format!("column types: {}", COLUMN_TYPES.join(", "))),
            );
            return None;
        }
        let allowed = keys_for(kind_name);
        for (key, span) in raw.specific_keys() {
            if !allowed.contains(&key) {
                let hint = if allowed.is_empty() {
                    format!("a {kind_name} field takes no type-specific keys")
                } else {
                    format!("keys for {kind_name}: {}", allowed.join(", "))
                };
                self.error(
                    span.start,
                    format!("`{key}` does not apply to a {kind_name} field"),
                    Some(hint),
                );
            }
        }
        let label = match (raw.label.clone(), kind_name) {
            (Some(label), _) => label,
            (None, "note") => Localised::Same(String::new()),
            (None, _) => {
                self.error(
                    id_at,
                    format!("field \"{id}\" has no label"),
                    Some("add `label = { th = \"...\", en = \"...\" }`".into()),
                );
                Localised::Same(id.clone())
            }
        };
        let required = raw.required.as_ref().is_some_and(|r| *r.get_ref());
        if required && matches!(kind_name, "note") {
            if let Some(span) = raw.required.as_ref().map(Spanned::span) {
                self.error(span.start, "a note cannot be required", None);
            }
        }
        if in_table {
            if let Some(show_if) = &raw.show_if {
                self.error(
                    show_if.span().start,
                    "a table column cannot have show_if",
                    Some("put show_if on the table field".into()),
                );
            }
        }
        let show_if = if in_table {
            None
        } else {
            raw.show_if.as_ref().and_then(|text| self.show_if(text))
        };
        let kind = self.kind(kind_name, &mut raw, in_table);
        Some(Field {
            id,
            at: id_at,
            label,
            help: raw.help,
            guidance: raw.guidance,
            required,
            identifying: raw.identifying.as_ref().is_some_and(|v| *v.get_ref()),
            sensitive: raw.sensitive.as_ref().is_some_and(|v| *v.get_ref()),
            show_if,
            kind,
        })
    }

    fn kind(&mut self, name: &str, raw: &mut RawField, in_table: bool) -> FieldKind {
        let value = |v: &Option<Spanned<u32>>| v.as_ref().map(|v| *v.get_ref());
        let number = |v: &Option<Spanned<f64>>| v.as_ref().map(|v| *v.get_ref());
        match name {
            "text" => {
                if let Some(pattern) = &raw.pattern {
                    self.pattern(pattern);
                }
                self.positive("max_length", &raw.max_length);
                FieldKind::Text {
                    max_length: value(&raw.max_length),
                    pattern: raw.pattern.as_ref().map(|p| p.get_ref().clone()),
                    pattern_message: raw.pattern_message.as_ref().map(|m| m.get_ref().clone()),
                }
            }
            "textarea" => {
                self.positive("lines", &raw.lines);
                self.positive("max_length", &raw.max_length);
                FieldKind::Textarea {
                    lines: value(&raw.lines).unwrap_or(DEFAULT_LINES).max(1),
                    max_length: value(&raw.max_length),
                }
            }
            "number" => {
                let (min, max) = (number(&raw.min), number(&raw.max));
                if let (Some(low), Some(high), Some(span)) =
                    (min, max, raw.max.as_ref().map(Spanned::span))
                {
                    if low > high {
                        self.error(
                            span.start,
                            format!("max ({high}) is below min ({low})"),
                            None,
                        );
                    }
                }
                if let Some(step) = &raw.step {
                    if *step.get_ref() <= 0.0 {
                        self.error(step.span().start, "step must be greater than 0", None);
                    }
                }
                if in_table && raw.total.is_some() {
                    if let Some(span) = raw.total.as_ref().map(Spanned::span) {
                        self.error(
                            span.start,
                            "a column cannot have total",
                            Some("put `total = \"column_id\"` on the table field".into()),
                        );
                    }
                }
                FieldKind::Number {
                    min,
                    max,
                    step: number(&raw.step),
                    total_at: raw.total.as_ref().map_or(0, |t| t.span().start),
                    total: ids(&raw.total),
                }
            }
            "date" => FieldKind::Date,
            "time" => FieldKind::Time,
            "phone" => FieldKind::Phone,
            "email" => FieldKind::Email,
            "select" | "multiselect" => {
                let options = self.choices(&raw.id, raw.options.as_ref());
                let other = raw.other.as_ref().is_some_and(|o| *o.get_ref());
                if other && in_table {
                    if let Some(span) = raw.other.as_ref().map(Spanned::span) {
                        self.error(
                            span.start,
                            "a table column cannot have `other`",
                            Some(
                                "add an option such as { value = \"other\", label = ... } instead"
                                    .into(),
                            ),
                        );
                    }
                }
                if name == "select" {
                    FieldKind::Select { options, other }
                } else {
                    FieldKind::Multiselect { options, other }
                }
            }
            "yes_no" => FieldKind::YesNo,
            "checkbox" => FieldKind::Checkbox,
            "table" => self.table(raw),
            "signature" => FieldKind::Signature,
            "note" => FieldKind::Note {
                text: raw
                    .text
                    .as_ref()
                    .map(|t| (t.get_ref().clone(), t.span().start)),
            },
            _ => FieldKind::Signatures {
                parties: self.parties(&raw.id, raw.parties.as_ref()),
            },
        }
    }

    fn positive(&mut self, key: &str, value: &Option<Spanned<u32>>) {
        if let Some(v) = value {
            if *v.get_ref() == 0 {
                self.error(v.span().start, format!("{key} must be at least 1"), None);
            }
        }
    }

    fn pattern(&mut self, pattern: &Spanned<String>) {
        if let Err(problem) = pattern::check(pattern.get_ref()) {
            let at = value_start(self.source, pattern);
            self.error(at + problem.offset, problem.message, problem.hint);
        }
    }

    fn choices(
        &mut self,
        field: &Spanned<String>,
        raw: Option<&Spanned<Vec<RawChoice>>>,
    ) -> Vec<Choice> {
        let Some(raw) = raw.filter(|options| !options.get_ref().is_empty()) else {
            self.error(
                field.span().start,
                format!("field \"{}\" needs options", field.get_ref()),
                Some(
                    "add `options = [{ value = \"a\", label = { th = \"...\", en = \"...\" } }]`"
                        .into(),
                ),
            );
            return Vec::new();
        };
        let mut seen = BTreeMap::new();
        let mut choices = Vec::new();
        for option in raw.get_ref() {
            let value = option.value.get_ref();
            let at = option.value.span().start;
            if !is_choice_value(value) {
                self.error(
                    at,
                    format!("option value \"{value}\" is not a valid value"),
                    Some("use letters, digits, `_` and `-`, e.g. \"in_progress\"".into()),
                );
            }
            if value == OTHER {
                self.error(
                    at,
                    format!("\"{OTHER}\" is reserved for `other = true`"),
                    Some("set `other = true` to get an \"Other: ____\" choice, or name this option differently".into()),
                );
            }
            if seen.insert(value.clone(), at).is_some() {
                self.error(at, format!("option value \"{value}\" is used twice"), None);
            }
            choices.push(Choice {
                value: value.clone(),
                label: option.label.clone(),
            });
        }
        choices
    }

    fn table(&mut self, raw: &mut RawField) -> FieldKind {
        let mut columns = Vec::new();
        match raw.columns.take() {
            Some(given) if !given.get_ref().is_empty() => {
                let mut seen = BTreeMap::new();
                for column in given.get_ref() {
                    let id = column.get_ref().id.clone();
                    if seen.insert(id.get_ref().clone(), ()).is_some() {
                        self.error(
                            id.span().start,
                            format!("column id \"{}\" is used twice in this table", id.get_ref()),
                            None,
                        );
                    }
                }
                for column in given.into_inner() {
                    if let Some(field) = self.field(column, true) {
                        columns.push(field);
                    }
                }
            }
            _ => self.error(
                raw.id.span().start,
                format!("table \"{}\" needs columns", raw.id.get_ref()),
                Some("add `columns = [{ id = \"name\", type = \"text\", label = {...} }]`".into()),
            ),
        }
        let total = ids(&raw.total);
        for id in &total {
            let column = columns.iter().find(|c| &c.id == id);
            if !column.is_some_and(|c| matches!(c.kind, FieldKind::Number { .. })) {
                let at = raw.total.as_ref().map_or(0, |t| t.span().start);
                let numbers = columns
                    .iter()
                    .filter(|c| matches!(c.kind, FieldKind::Number { .. }))
                    .map(|c| c.id.as_str());
                let hint = did_you_mean(id, numbers)
                    .unwrap_or_else(|| "total names number columns of this table".into());
                self.error(
                    at,
                    format!("total: \"{id}\" is not a number column of this table"),
                    Some(hint),
                );
            }
        }
        FieldKind::Table {
            columns,
            rows: raw
                .rows
                .as_ref()
                .map_or(DEFAULT_ROWS, |r| *r.get_ref())
                .max(1),
            total,
        }
    }

    fn parties(
        &mut self,
        field: &Spanned<String>,
        raw: Option<&Spanned<Vec<RawParty>>>,
    ) -> Vec<Party> {
        let Some(raw) = raw.filter(|parties| !parties.get_ref().is_empty()) else {
            self.error(
                field.span().start,
                format!("signatures \"{}\" needs parties", field.get_ref()),
                Some("add `parties = [{ role = \"case-manager\", label = { th = \"...\", en = \"...\" } }]`".into()),
            );
            return Vec::new();
        };
        let mut parties = Vec::new();
        for party in raw.get_ref() {
            if let Some(role) = &party.role {
                self.role(role);
            }
            parties.push(Party {
                role: party.role.as_ref().map(|r| r.get_ref().clone()),
                label: party.label.clone(),
            });
        }
        parties
    }
}

fn ids(total: &Option<Spanned<super::raw::Ids>>) -> Vec<String> {
    total
        .as_ref()
        .map(|t| match t.get_ref() {
            super::raw::Ids::One(id) => vec![id.clone()],
            super::raw::Ids::Many(ids) => ids.clone(),
        })
        .unwrap_or_default()
}

pub fn is_field_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_choice_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
