//! The TOML shape of a form file, exactly as written: strict (unknown keys are errors) and with
//! spans on everything a later check may need to point at.

use crate::localised::Localised;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForm {
    pub id: Option<Spanned<String>>,
    pub code: Option<String>,
    pub title: Localised,
    pub purpose: Option<Spanned<Localised>>,
    pub version: Option<String>,
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    #[serde(default, rename = "section")]
    pub sections: Vec<Spanned<RawSection>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub title: Localised,
    pub intro: Option<Spanned<Localised>>,
    pub show_if: Option<Spanned<String>>,
    #[serde(default, rename = "field")]
    pub fields: Vec<Spanned<RawField>>,
}

/// One field; which keys apply depends on `type`, checked after parsing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    pub label: Option<Localised>,
    pub help: Option<Localised>,
    pub guidance: Option<Localised>,
    pub required: Option<Spanned<bool>>,
    pub identifying: Option<Spanned<bool>>,
    pub sensitive: Option<Spanned<bool>>,
    pub show_if: Option<Spanned<String>>,
    pub max_length: Option<Spanned<u32>>,
    pub pattern: Option<Spanned<String>>,
    pub pattern_message: Option<Spanned<Localised>>,
    pub lines: Option<Spanned<u32>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub step: Option<Spanned<f64>>,
    pub total: Option<Spanned<Ids>>,
    pub options: Option<Spanned<Vec<RawChoice>>>,
    pub other: Option<Spanned<bool>>,
    pub columns: Option<Spanned<Vec<Spanned<RawField>>>>,
    pub rows: Option<Spanned<u32>>,
    pub text: Option<Spanned<Localised>>,
    pub parties: Option<Spanned<Vec<RawParty>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub value: Spanned<String>,
    pub label: Localised,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub role: Option<Spanned<String>>,
    pub label: Localised,
}

/// `total = "cost"` or `total = ["a", "b"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Ids {
    One(String),
    Many(Vec<String>),
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
