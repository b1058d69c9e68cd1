//! The checked form model: what a `forms/<id>.toml` file means once loading has accepted it.

use super::show_if::Condition;
use crate::localised::Localised;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    /// Path as shown to the user, and the file's text, for diagnostics found while rendering.
    pub path: PathBuf,
    pub source: String,
    pub code: Option<String>,
    pub title: Localised,
    pub purpose: Option<Localised>,
    /// Byte offset of the purpose (Markdown) in the file.
    pub purpose_at: usize,
    pub version: Option<String>,
    pub roles: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub title: Localised,
    /// Markdown, with the byte offset of its value in the file.
    pub intro: Option<(Localised, usize)>,
    pub show_if: Option<ShowIf>,
    pub fields: Vec<Field>,
}

/// A parsed `show_if`, with the byte offset in the file where its expression text starts.
#[derive(Debug, Clone)]
pub struct ShowIf {
    pub condition: Condition,
    pub at: usize,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: String,
    /// Byte offset of the id in the file.
    pub at: usize,
    pub label: Localised,
    pub help: Option<Localised>,
    pub guidance: Option<Localised>,
    pub required: bool,
    pub identifying: bool,
    pub sensitive: bool,
    pub show_if: Option<ShowIf>,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: Localised,
}

#[derive(Debug, Clone)]
pub struct Party {
    pub role: Option<String>,
    pub label: Localised,
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text {
        max_length: Option<u32>,
        pattern: Option<String>,
        pattern_message: Option<Localised>,
    },
    Textarea {
        lines: u32,
        max_length: Option<u32>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        step: Option<f64>,
        /// Ids of the number fields this field adds up; it is then computed, not typed.
        total: Vec<String>,
        total_at: usize,
    },
    Date,
    Time,
    Phone,
    Email,
    Select {
        options: Vec<Choice>,
        other: bool,
    },
    Multiselect {
        options: Vec<Choice>,
        other: bool,
    },
    YesNo,
    Checkbox,
    Table {
        columns: Vec<Field>,
        rows: u32,
        /// Ids of number columns summed in the table's last row.
        total: Vec<String>,
    },
    Signature,
    Note {
        /// Markdown, with the byte offset of its value in the file.
        text: Option<(Localised, usize)>,
    },
    Signatures {
        parties: Vec<Party>,
    },
}

/// Every type name, in the order the README lists them.
pub const TYPES: &[&str] = &[
    "text",
    "textarea",
    "number",
    "date",
    "time",
    "phone",
    "email",
    "select",
    "multiselect",
    "yes_no",
    "checkbox",
    "table",
    "signature",
    "note",
    "signatures",
];

/// Writing lines printed for a textarea without `lines`.
pub const DEFAULT_LINES: u32 = 3;
/// Empty rows printed for a table without `rows`.
pub const DEFAULT_ROWS: u32 = 5;

impl FieldKind {
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::Textarea { .. } => "textarea",
            FieldKind::Number { .. } => "number",
            FieldKind::Date => "date",
            FieldKind::Time => "time",
            FieldKind::Phone => "phone",
            FieldKind::Email => "email",
            FieldKind::Select { .. } => "select",
            FieldKind::Multiselect { .. } => "multiselect",
            FieldKind::YesNo => "yes_no",
            FieldKind::Checkbox => "checkbox",
            FieldKind::Table { .. } => "table",
            FieldKind::Signature => "signature",
            FieldKind::Note { .. } => "note",
            FieldKind::Signatures { .. } => "signatures",
        }
    }

    /// The values a `show_if` may compare this field with; `None` when any text will do.
    pub fn comparable_values(&self) -> Option<Vec<String>> {
        match self {
            FieldKind::Select { options, other } | FieldKind::Multiselect { options, other } => {
                let mut values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
                if *other {
                    values.push(OTHER.to_string());
                }
                Some(values)
            }
            FieldKind::YesNo | FieldKind::Checkbox => Some(vec!["yes".into(), "no".into()]),
            _ => None,
        }
    }

    /// Whether a `show_if` can look at this field's answer at all.
    pub fn has_answer(&self) -> bool {
        !matches!(
            self,
            FieldKind::Table { .. }
                | FieldKind::Signature
                | FieldKind::Note { .. }
                | FieldKind::Signatures { .. }
        )
    }
}

/// The value of the "Other" choice of a select or multiselect with `other = true`.
pub const OTHER: &str = "other";

impl Section {
    /// For each field, the index of the field whose sensitive-data notice it is read with: its
    /// own for the first of a run of sensitive questions, an earlier one's for a sensitive
    /// question shown whenever that one is (no condition of its own, or the same one), None for
    /// a question that is not sensitive. F-01's "what means were used" and its "details" share
    /// one notice instead of saying it twice in a row, on screen, on paper and in the PDF.
    pub fn sensitive_notices(&self) -> Vec<Option<usize>> {
        let mut noticed: Option<(usize, Option<&Condition>)> = None;
        self.fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                if !field.sensitive {
                    return None;
                }
                let condition = field.show_if.as_ref().map(|show_if| &show_if.condition);
                match noticed {
                    Some((shown_at, shown_when))
                        if shown_when.is_none() || shown_when == condition =>
                    {
                        Some(shown_at)
                    }
                    _ => {
                        noticed = Some((index, condition));
                        Some(index)
                    }
                }
            })
            .collect()
    }
}

impl Form {
    /// Every field of the form, in order (table columns not included).
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }
}
