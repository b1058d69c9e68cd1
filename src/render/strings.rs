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

/// The string keys templates can read, when every mention of `strings` in them is `strings.KEY`
/// or the whole table passed on by name (`strings=strings` to a macro, a macro's `strings`
/// parameter); `None` (every key) when a template reads it any other way (`strings[key]`, a loop,
/// a filter). Every page's view carries its strings, which Tera copies into the page's context
/// (and again into each macro call): a few hundred strings a page, most of them read by no template.
pub fn named_in_templates<'a>(
    templates: impl IntoIterator<Item = &'a str>,
) -> Option<std::collections::BTreeSet<String>> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut keys = std::collections::BTreeSet::new();
    for source in templates {
        for (at, _) in source.match_indices("strings") {
            if source[..at].chars().next_back().is_some_and(is_name) {
                continue;
            }
            let rest = &source[at + "strings".len()..];
            match rest.chars().next() {
                Some(c) if is_name(c) => {}
                Some('.') => {
                    let key: String = rest[1..].chars().take_while(|&c| is_name(c)).collect();
                    if key.is_empty() {
                        return None;
                    }
                    keys.insert(key);
                }
                Some('=' | ',' | ')') if !rest.starts_with("==") => {}
                _ => return None,
            }
        }
    }
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::named_in_templates;

    #[test]
    fn keys_read_by_name_and_tables_passed_on_are_what_templates_need() {
        let keys = named_in_templates([
            "{{ strings.next }} {{ m::f(x=1, strings=strings) }}",
            "{% macro f(x, strings) %}{{ strings.field_required }}{% endmacro %}",
            "<p>handbook_strings and substrings are other words</p>",
        ])
        .expect("named keys only");
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            ["field_required", "next"]
        );
    }

    #[test]
    fn any_other_reading_needs_every_key() {
        for template in [
            "{{ strings[key] }}",
            "{% for k, v in strings %}{% endfor %}",
            "{{ strings | json_encode }}",
            "{% if strings == x %}{% endif %}",
        ] {
            assert_eq!(named_in_templates([template]), None, "{template}");
        }
    }
}
