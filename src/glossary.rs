//! `glossary.toml`: terms and abbreviations, shown on the glossary page, marked up as `<abbr>` in text,
//! and fed to the Thai search dictionary; and synonyms, words readers search for that the handbook writes otherwise.

use crate::config::Config;
use crate::diagnostics::{from_toml_error, Diagnostic, Diagnostics};
use crate::localised::Localised;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const GLOSSARY_FILE: &str = "glossary.toml";

/// `glossary.toml`: terms and abbreviations, and the words readers search for instead.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "glossary.toml")]
pub struct Glossary {
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
    #[serde(default, rename = "synonym")]
    pub synonyms: Vec<Synonym>,
}

/// A word readers type that the handbook writes otherwise (สถานทูต for สถานเอกอัครราชทูต):
/// search finds the handbook's word for it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    #[schemars(with = "crate::json_schema::LanguageCode")]
    pub lang: toml::Spanned<String>,
    /// What readers type.
    #[schemars(with = "String")]
    pub word: toml::Spanned<String>,
    /// The handbook's own word or phrase for it, as written in the text.
    pub means: String,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub abbr: Option<Localised>,
    pub term: Localised,
    pub definition: Option<Localised>,
    /// Words for the same thing that the handbook does not use: `handbook check` warns where a
    /// text writes one of them.
    #[serde(default)]
    pub avoid: Avoid,
}

/// The variants a term replaces: one list for every language, or a list per language
/// (`avoid = { th = ["..."], en = ["..."] }`); a single string stands for a list of one.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(
    untagged,
    expecting = "a list of strings, or a table of lists keyed by language code such as { th = [\"...\"], en = [\"...\"] }"
)]
pub enum Avoid {
    One(String),
    Any(Vec<String>),
    PerLanguage(BTreeMap<String, OneOrMany>),
}

/// A string, or a list of strings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }
}

impl Default for Avoid {
    fn default() -> Self {
        Avoid::Any(Vec::new())
    }
}

impl Avoid {
    /// The variants to avoid in `lang`.
    pub fn for_language(&self, lang: &str) -> &[String] {
        match self {
            Avoid::One(one) => std::slice::from_ref(one),
            Avoid::Any(any) => any,
            Avoid::PerLanguage(map) => map.get(lang).map_or(&[], OneOrMany::as_slice),
        }
    }

    /// Language codes used as keys, for validation against the configured languages.
    pub fn languages(&self) -> Vec<&str> {
        match self {
            Avoid::PerLanguage(map) => map.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

impl Glossary {
    /// (abbreviation, expansion) pairs written for `lang`, for `<abbr title>` markup.
    pub fn abbreviations(&self, lang: &str, default_lang: &str) -> Vec<(String, String)> {
        self.terms
            .iter()
            .filter_map(|term| {
                let abbr = term.abbr.as_ref()?;
                if !abbr.has(lang) {
                    return None;
                }
                let short = abbr.get(lang, default_lang).trim();
                let long = term.term.get(lang, default_lang).trim();
                (!short.is_empty() && short != long).then(|| (short.to_string(), long.to_string()))
            })
            .collect()
    }

    /// Terms in one language, sorted for the glossary page.
    pub fn sorted(&self, lang: &str, default_lang: &str) -> Vec<&Term> {
        let mut terms: Vec<&Term> = self.terms.iter().collect();
        terms.sort_by_cached_key(|term| crate::slug::sort_key(term.term.get(lang, default_lang)));
        terms
    }

    /// Every term and abbreviation in every language: the handbook's own vocabulary.
    pub fn vocabulary(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for term in &self.terms {
            words.extend(term.term.texts().into_iter().map(str::to_string));
            if let Some(abbr) = &term.abbr {
                words.extend(abbr.texts().into_iter().map(str::to_string));
            }
        }
        words.sort();
        words.dedup();
        words
    }
}

/// The JSON Schema of `glossary.toml`, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<Glossary>()
}

pub fn load(config: &Config) -> Result<Glossary, Diagnostics> {
    let path = config.root.join(GLOSSARY_FILE);
    if !path.exists() {
        return Ok(Glossary::default());
    }
    let shown = PathBuf::from(GLOSSARY_FILE);
    let source = crate::fs::read_to_string(&path, &shown)?;
    let glossary: Glossary =
        toml::from_str(&source).map_err(|error| from_toml_error(&shown, &source, 0, &error))?;
    let mut diagnostics = Diagnostics::default();
    for synonym in &glossary.synonyms {
        let (lang, word) = (synonym.lang.get_ref(), synonym.word.get_ref());
        if !config.languages.contains(lang) {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("synonym \"{word}\" is for language \"{lang}\", which handbook.toml does not list"),
                )
                .at_offset(&source, synonym.lang.span().start)
                .with_hint(format!("use one of: {}", config.languages.join(", "))),
            );
        }
        if word.trim().is_empty() || synonym.means.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(&shown, "a [[synonym]] has an empty word or meaning")
                    .at_offset(&source, synonym.word.span().start)
                    .with_hint(
                        "write the word readers type as `word` and the handbook's word as `means`",
                    ),
            );
        }
    }
    for term in &glossary.terms {
        diagnostics.extend(check_avoid(term, config, &shown, &source));
    }
    for (index, term) in glossary.terms.iter().enumerate() {
        if glossary.terms[..index]
            .iter()
            .any(|other| other.id == term.id)
        {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("glossary term \"{}\" is declared twice", term.id),
                )
                .with_hint("give each [[term]] its own id"),
            );
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(glossary)
}

/// A term's `avoid` list names configured languages, and never the term's own word.
fn check_avoid(term: &Term, config: &Config, shown: &std::path::Path, source: &str) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let at = source.find(&format!("\"{}\"", term.id)).unwrap_or_default();
    for lang in term.avoid.languages() {
        if !config.languages.iter().any(|known| known == lang) {
            diagnostics.push(
                Diagnostic::error(
                    shown,
                    format!(
                        "term \"{}\" avoids variants in \"{lang}\", which handbook.toml does not list",
                        term.id
                    ),
                )
                .at_offset(source, at)
                .with_hint(format!("use one of: {}", config.languages.join(", "))),
            );
        }
    }
    for lang in &config.languages {
        let own = term.term.get(lang, config.default_language()).trim();
        for variant in term.avoid.for_language(lang) {
            let variant = variant.trim();
            if variant.is_empty() || (term.term.has(lang) && variant.eq_ignore_ascii_case(own)) {
                diagnostics.push(
                    Diagnostic::error(
                        shown,
                        format!(
                            "term \"{}\" lists \"{variant}\" as a variant to avoid in {lang}, but it is empty or the term itself",
                            term.id
                        ),
                    )
                    .at_offset(source, at)
                    .with_hint("list only the other words for it, which the handbook does not use"),
                );
            }
        }
    }
    diagnostics
}
