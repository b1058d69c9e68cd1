//! The theme's interface strings ("Contents", "Next", ...) in every language, from `strings.toml`.

use crate::diagnostics::{from_toml_error, Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;

pub const STRINGS_FILE: &str = "strings.toml";

/// language -> key -> text. A language the theme does not know falls back to English.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_language: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    pub fn parse(source: &str) -> Result<Strings, Diagnostics> {
        let shown = Path::new(super::theme::THEME_DIR).join(STRINGS_FILE);
        let by_language =
            toml::from_str(source).map_err(|error| from_toml_error(&shown, source, 0, &error))?;
        Ok(Strings { by_language })
    }

    /// All strings for `lang`, with English (then any language) filling gaps.
    pub fn for_language(&self, lang: &str) -> BTreeMap<String, String> {
        let mut merged = self.by_language.get("en").cloned().unwrap_or_default();
        if let Some(own) = self.by_language.get(lang) {
            merged.extend(own.clone());
        }
        merged
    }

    /// The language's name in itself, for the language switcher.
    pub fn language_name(&self, lang: &str) -> String {
        self.by_language
            .get(lang)
            .and_then(|strings| strings.get("language_name"))
            .cloned()
            .unwrap_or_else(|| lang.to_string())
    }
}
