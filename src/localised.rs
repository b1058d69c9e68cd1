//! Localised strings: a plain string for every language, or a table keyed by language code.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localised {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Localised {
    /// The text in `lang`, falling back to `default_lang`, then to any language given.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            Localised::Same(text) => text,
            Localised::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Whether the text was really written for `lang` (not a fallback).
    pub fn has(&self, lang: &str) -> bool {
        match self {
            Localised::Same(_) => true,
            Localised::PerLanguage(map) => map.contains_key(lang),
        }
    }

    /// Language codes used as keys, for validation against the configured languages.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let keys: Vec<&str> = match self {
            Localised::Same(_) => Vec::new(),
            Localised::PerLanguage(map) => map.keys().map(String::as_str).collect(),
        };
        keys.into_iter()
    }

    /// Every text in every language, for whole-handbook checks.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Localised::Same(text) => vec![text.as_str()],
            Localised::PerLanguage(map) => map.values().map(String::as_str).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Localised {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocalisedVisitor;

        impl<'de> Visitor<'de> for LocalisedVisitor {
            type Value = Localised;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table of strings keyed by language code such as { th = \"...\", en = \"...\" }")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Localised, E> {
                Ok(Localised::Same(value.to_string()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Localised, E> {
                Ok(Localised::Same(value))
            }

            fn visit_map<M: MapAccess<'de>>(self, mut access: M) -> Result<Localised, M::Error> {
                let mut map = BTreeMap::new();
                while let Some((lang, text)) = access.next_entry::<String, String>()? {
                    map.insert(lang, text);
                }
                if map.is_empty() {
                    return Err(de::Error::custom(
                        "a localised table needs at least one language",
                    ));
                }
                Ok(Localised::PerLanguage(map))
            }
        }

        deserializer.deserialize_any(LocalisedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        title: Localised,
    }

    #[test]
    fn plain_string_serves_every_language() {
        let h: Holder = toml::from_str("title = \"Handbook\"").unwrap();
        assert_eq!(h.title.get("en", "th"), "Handbook");
        assert!(h.title.has("en"));
    }

    #[test]
    fn missing_language_falls_back_to_default() {
        let h: Holder = toml::from_str("title = { th = \"คู่มือ\" }").unwrap();
        assert_eq!(h.title.get("en", "th"), "คู่มือ");
        assert!(!h.title.has("en"));
    }

    #[test]
    fn a_number_is_rejected_with_a_clear_expectation() {
        let error = toml::from_str::<Holder>("title = 3").err().unwrap();
        assert!(
            error
                .message()
                .contains("table of strings keyed by language code"),
            "{error}"
        );
    }
}
