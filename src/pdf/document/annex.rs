//! The glossary and the directory of organisations as the PDF sets them, under their pages.

use super::Document;
use crate::pdf::markup;

/// Each term, its abbreviation, its name in the other language and its definition.
pub fn glossary(document: &mut Document, _level: usize) {
    let site = document.site;
    let lang = document.lang;
    let default_lang = site.default_language();
    let other = site.languages().iter().find(|code| *code != lang).cloned();
    let mut out = String::from("#v(0.5em)\n");
    for term in site.glossary.sorted(lang, default_lang) {
        let mut name = document.terms.text(term.term.get(lang, default_lang));
        if let Some(abbr) = term.abbr.as_ref().filter(|a| a.has(lang)) {
            name.push_str(&format!(
                " ({})",
                markup::escape(abbr.get(lang, default_lang))
            ));
        }
        out.push_str(&format!(
            "#block(breakable: false, above: 0.9em)[#strong[{name}]"
        ));
        if let Some(other) = &other {
            if term.term.has(other) {
                out.push_str(&format!(
                    " #h(0.4em) #text(fill: luma(70))[{}]",
                    document.terms.text(term.term.get(other, default_lang))
                ));
            }
        }
        if let Some(definition) = &term.definition {
            out.push_str(&format!(
                "\\\n{}",
                document.terms.text(definition.get(lang, default_lang))
            ));
        }
        out.push_str("]\n");
    }
    out.push('\n');
    document.out.push_str(&out);
}

/// Each organisation: name, level, type, services, what it does and how to reach it.
pub fn directory(document: &mut Document, _level: usize) {
    let site = document.site;
    let lang = document.lang;
    let default_lang = site.default_language();
    let directory = &site.directory;
    let label = |map: &std::collections::BTreeMap<String, crate::localised::Localised>,
                 key: &str| {
        map.get(key)
            .map(|l| l.get(lang, default_lang).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let mut out = String::from("#v(0.5em)\n");
    for org in &directory.organisations {
        let mut name = document.terms.text(org.name.get(lang, default_lang));
        if let Some(abbr) = &org.abbr {
            name.push_str(&format!(
                " ({})",
                markup::escape(abbr.get(lang, default_lang))
            ));
        }
        let services: Vec<String> = org
            .services
            .iter()
            .map(|s| label(&directory.services, s))
            .collect();
        let facts = [
            (
                document.string("level"),
                document.string(&format!("level_{}", org.level.id())),
            ),
            (document.string("type"), label(&directory.types, &org.kind)),
            (document.string("services"), services.join(", ")),
            (
                document.string("contact"),
                org.contact
                    .as_ref()
                    .map(|c| c.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
            ),
        ];
        out.push_str(&format!("#block(above: 1.1em)[#strong[{name}]\n"));
        if let Some(description) = &org.description {
            out.push_str(&format!(
                "\n{}\n",
                document.terms.text(description.get(lang, default_lang))
            ));
        }
        for (key, value) in facts.iter().filter(|(_, value)| !value.is_empty()) {
            out.push_str(&format!(
                "#fact([{}], [{}])\n",
                markup::escape(key),
                document.terms.text(value)
            ));
        }
        out.push_str("]\n");
    }
    out.push('\n');
    document.out.push_str(&out);
}
