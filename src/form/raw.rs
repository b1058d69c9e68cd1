//! The TOML shape of a form file, exactly as written: strict (unknown keys are errors) and with
//! spans on everything a later check may need to point at.

use crate::localised::Localised;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "form")]
pub struct RawForm {
    /// The file name without .toml by default (kebab-case).
    #[schemars(with = "Option<crate::json_schema::Id>")]
    pub id: Option<Spanned<String>>,
    /// The printed form number, such as F-02.
    pub code: Option<String>,
    pub title: Localised,
    /// Markdown; shown above the form and in the index.
    #[schemars(with = "Option<Localised>")]
    pub purpose: Option<Spanned<Localised>>,
    /// Printed in every page header; saved answers must match it to be opened.
    pub version: Option<String>,
    /// Role ids (handbook.toml) that use the form.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub roles: Vec<Spanned<String>>,
    #[serde(default, rename = "section")]
    #[schemars(with = "Vec<RawSection>")]
    pub sections: Vec<Spanned<RawSection>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub title: Localised,
    /// Markdown.
    #[schemars(with = "Option<Localised>")]
    pub intro: Option<Spanned<Localised>>,
    /// The whole part depends on an answer, such as "is_child == 'yes'".
    #[schemars(with = "Option<String>")]
    pub show_if: Option<Spanned<String>>,
    #[serde(default, rename = "field")]
    #[schemars(with = "Vec<RawField>")]
    pub fields: Vec<Spanned<RawField>>,
}

/// One field; which keys apply depends on `type`, checked after parsing.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = keys_of_its_type)]
pub struct RawField {
    /// Unique in the form: letters, digits, _ and -, starting with a letter.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z][A-Za-z0-9_-]*$"))]
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    #[schemars(with = "FieldType")]
    pub kind: Spanned<String>,
    pub label: Option<Localised>,
    pub help: Option<Localised>,
    pub guidance: Option<Localised>,
    #[schemars(with = "Option<bool>")]
    pub required: Option<Spanned<bool>>,
    #[schemars(with = "Option<bool>")]
    pub identifying: Option<Spanned<bool>>,
    #[schemars(with = "Option<bool>")]
    pub sensitive: Option<Spanned<bool>>,
    #[schemars(with = "Option<String>")]
    pub show_if: Option<Spanned<String>>,
    #[schemars(with = "Option<u32>")]
    pub max_length: Option<Spanned<u32>>,
    #[schemars(with = "Option<String>")]
    pub pattern: Option<Spanned<String>>,
    #[schemars(with = "Option<Localised>")]
    pub pattern_message: Option<Spanned<Localised>>,
    #[schemars(with = "Option<u32>")]
    pub lines: Option<Spanned<u32>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub step: Option<Spanned<f64>>,
    #[schemars(with = "Option<Ids>")]
    pub total: Option<Spanned<Ids>>,
    #[schemars(with = "Option<Vec<RawChoice>>")]
    pub options: Option<Spanned<Vec<RawChoice>>>,
    #[schemars(with = "Option<bool>")]
    pub other: Option<Spanned<bool>>,
    #[schemars(with = "Option<Vec<RawField>>")]
    pub columns: Option<Spanned<Vec<Spanned<RawField>>>>,
    #[schemars(with = "Option<u32>")]
    pub rows: Option<Spanned<u32>>,
    #[schemars(with = "Option<Localised>")]
    pub text: Option<Spanned<Localised>>,
    #[schemars(with = "Option<Vec<RawParty>>")]
    pub parties: Option<Spanned<Vec<RawParty>>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    pub label: Localised,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    #[schemars(with = "Option<String>")]
    pub role: Option<Spanned<String>>,
    pub label: Localised,
}

/// `total = "cost"` or `total = ["a", "b"]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Ids {
    One(String),
    Many(Vec<String>),
}

crate::string_schema!(
    /// A form field's `type`, for schemas.
    FieldType,
    schemars::json_schema!({ "type": "string", "enum": super::model::TYPES })
);

/// The JSON Schema of a form file, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<RawForm>()
}

impl RawField {
    /// The type-specific keys given, with their spans, for "does not apply to" checks.
    pub fn specific_keys(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut keys = Vec::new();
        let mut add = |name: &'static str, span: Option<std::ops::Range<usize>>| {
            if let Some(span) = span {
                keys.push((name, span));
            }
        };
        add("max_length", self.max_length.as_ref().map(Spanned::span));
        add("pattern", self.pattern.as_ref().map(Spanned::span));
        add(
            "pattern_message",
            self.pattern_message.as_ref().map(Spanned::span),
        );
        add("lines", self.lines.as_ref().map(Spanned::span));
        add("min", self.min.as_ref().map(Spanned::span));
        add("max", self.max.as_ref().map(Spanned::span));
        add("step", self.step.as_ref().map(Spanned::span));
        add("total", self.total.as_ref().map(Spanned::span));
        add("options", self.options.as_ref().map(Spanned::span));
        add("other", self.other.as_ref().map(Spanned::span));
        add("columns", self.columns.as_ref().map(Spanned::span));
        add("rows", self.rows.as_ref().map(Spanned::span));
        add("text", self.text.as_ref().map(Spanned::span));
        add("parties", self.parties.as_ref().map(Spanned::span));
        keys
    }
}

/// Every type-specific key (those [`RawField::specific_keys`] reports).
const SPECIFIC_KEYS: [&str; 14] = [
    "max_length",
    "pattern",
    "pattern_message",
    "lines",
    "min",
    "max",
    "step",
    "total",
    "options",
    "other",
    "columns",
    "rows",
    "text",
    "parties",
];

/// The schema of a field takes, for each `type`, only the keys of that type ([`keys_for`]),
/// so the editor flags `lines` on a text field as the loader does.
fn keys_of_its_type(schema: &mut schemars::Schema) {
    let rules: Vec<serde_json::Value> = super::model::TYPES
        .iter()
        .map(|kind| {
            let others: serde_json::Map<String, serde_json::Value> = SPECIFIC_KEYS
                .iter()
                .filter(|key| !keys_for(kind).contains(key))
                .map(|key| (key.to_string(), serde_json::Value::Bool(false)))
                .collect();
            serde_json::json!({
                "if": { "properties": { "type": { "const": kind } }, "required": ["type"] },
                "then": { "properties": others }
            })
        })
        .collect();
    schema.insert("allOf".into(), rules.into());
}

/// The type-specific keys each type accepts (the common keys are accepted by all).
pub fn keys_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "text" => &["max_length", "pattern", "pattern_message"],
        "textarea" => &["lines", "max_length"],
        "number" => &["min", "max", "step", "total"],
        "select" | "multiselect" => &["options", "other"],
        "table" => &["columns", "rows", "total"],
        "note" => &["text"],
        "signatures" => &["parties"],
        _ => &[],
    }
}
