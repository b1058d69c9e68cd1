//! One term for one thing: `handbook check` warns where a page, procedure, form or role writes a
//! variant that the glossary's `avoid` lists, Thai matched on the word boundaries search uses.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::localised::Localised;
use crate::search::thai::{is_thai, ThaiSegmenter};
use crate::site::Site;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// A variant to avoid in one language, and the handbook's word for it there.
#[derive(Debug, Clone)]
struct Avoided {
    preferred: String,
    term_id: String,
}

/// The variants of one language, found together by one pattern.
struct LanguageVariants {
    pattern: Regex,
    /// By folded variant (see [`fold`]).
    avoided: BTreeMap<String, Avoided>,
}

/// The glossary's variants to avoid, ready to search texts for.
pub struct Terminology {
    languages: BTreeMap<String, LanguageVariants>,
    /// Cuts Thai runs as search does, with the variants and the handbook's own words kept whole.
    thai: Option<ThaiSegmenter>,
}

/// A variant found in a text: where, as written, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub range: Range<usize>,
    pub written: String,
    pub preferred: String,
    pub term_id: String,
}

/// Case and spacing do not tell variants apart.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

impl Terminology {
    /// `None` when the glossary lists no variant to avoid.
    pub fn new(site: &Site) -> Option<Terminology> {
        let default_lang = site.default_language();
        let mut languages = BTreeMap::new();
        let mut thai_words = Vec::new();
        for lang in site.languages() {
            let mut avoided = BTreeMap::new();
            for term in &site.glossary.terms {
                for variant in term.avoid.for_language(lang) {
                    let folded = fold(variant);
                    if folded.is_empty() {
                        continue;
                    }
                    if variant.chars().any(is_thai) {
                        thai_words.push(variant.trim().to_string());
                    }
                    avoided.entry(folded).or_insert_with(|| Avoided {
                        preferred: term.term.get(lang, default_lang).trim().to_string(),
                        term_id: term.id.clone(),
                    });
                }
            }
            if avoided.is_empty() {
                continue;
            }
            // Longest first: where one variant starts another, the longer is the one written.
            let mut variants: Vec<&String> = avoided.keys().collect();
            variants.sort_by_key(|variant| std::cmp::Reverse(variant.len()));
            let alternatives: Vec<String> = variants
                .iter()
                .map(|variant| {
                    variant
                        .split(' ')
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            let Ok(pattern) = Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))) else {
                continue;
            };
            languages.insert(lang.clone(), LanguageVariants { pattern, avoided });
        }
        if languages.is_empty() {
            return None;
        }
        let thai = (!thai_words.is_empty()).then(|| {
            let mut dictionary = site.own_words();
            dictionary.extend(thai_words);
            ThaiSegmenter::new(&dictionary)
        });
        Some(Terminology { languages, thai })
    }

    /// The variants to avoid that `text`, written in `lang`, uses as words.
    pub fn find(&self, lang: &str, text: &str) -> Vec<Finding> {
        let Some(variants) = self.languages.get(lang) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for hit in variants.pattern.find_iter(text) {
            let Some(avoided) = variants.avoided.get(&fold(hit.as_str())) else {
                continue;
            };
            if self.is_word_edge(text, hit.start())
                && self.is_word_edge(text, hit.end())
                && !is_quoted(text, hit.range())
            {
                found.push(Finding {
                    range: hit.range(),
                    written: hit.as_str().to_string(),
                    preferred: avoided.preferred.clone(),
                    term_id: avoided.term_id.clone(),
                });
            }
        }
        found
    }

    /// Whether a word may start or end at byte `at` of `text`: between two Thai characters
    /// where search's segmentation cuts, between two other word characters never, and
    /// anywhere else (spaces, punctuation, a change of script).
    fn is_word_edge(&self, text: &str, at: usize) -> bool {
        let (Some(before), Some(after)) =
            (text[..at].chars().next_back(), text[at..].chars().next())
        else {
            return true;
        };
        match (is_thai(before), is_thai(after)) {
            (true, true) => {
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| is_thai(*c))
                    .last()
                    .map_or(at, |(index, _)| index);
                let end = text[at..]
                    .find(|c: char| !is_thai(c))
                    .map_or(text.len(), |length| at + length);
                self.thai.as_ref().is_some_and(|thai| {
                    thai.word_boundaries(&text[start..end])
                        .binary_search(&(at - start))
                        .is_ok()
                })
            }
            (false, false) => !(is_word_char(before) && is_word_char(after)),
            _ => true,
        }
    }
}

/// Whether the words at `range` of `text` stand between quotation marks: a variant named
/// ("we do not write "เหยื่อ"") is mentioned, not used.
fn is_quoted(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('\''), Some('\''))
            | (Some('\u{201C}'), Some('\u{201D}'))
            | (Some('\u{2018}'), Some('\u{2019}'))
            | (Some('\u{00AB}'), Some('\u{00BB}'))
    )
}

/// Every use of a variant to avoid in the handbook's pages, procedures, forms and roles.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut report = Report::default();
    let Some(terminology) = Terminology::new(site) else {
        return report.diagnostics;
    };
    for page in &site.pages {
        for (lang, version) in &page.versions {
            let front_matter = &version.source[..version.body_start];
            let fm = &version.front_matter;
            for text in std::iter::once(&fm.title).chain(fm.description.as_ref()) {
                for finding in terminology.find(lang, text) {
                    report.in_source(&version.path, front_matter, text, &finding);
                }
            }
            for (prose, map) in prose_of(version.body()) {
                for finding in terminology.find(lang, &prose) {
                    let at = version.body_start + map.source_offset(finding.range.start);
                    report.at(&version.path, &version.source, at, &finding);
                }
            }
        }
    }
    let languages = site.languages();
    for procedure in &site.procedures {
        let mut texts: Vec<&Localised> = vec![&procedure.title];
        texts.extend(&procedure.summary);
        for step in &procedure.steps {
            texts.push(&step.title);
            texts.extend(&step.duration);
            texts.extend(&step.body);
            texts.extend(&step.checklist);
            texts.extend(step.branches.iter().map(|branch| &branch.condition));
        }
        report.localised(
            &terminology,
            languages,
            &procedure.path,
            &procedure.source,
            &texts,
        );
    }
    for form in &site.forms {
        let mut texts: Vec<&Localised> = vec![&form.title];
        texts.extend(&form.purpose);
        for section in &form.sections {
            texts.push(&section.title);
            texts.extend(section.intro.iter().map(|(intro, _)| intro));
            for field in &section.fields {
                field_texts(field, &mut texts);
            }
        }
        report.localised(&terminology, languages, &form.path, &form.source, &texts);
    }
    let config_path = Path::new(crate::config::CONFIG_FILE);
    let config_source =
        std::fs::read_to_string(site.config.root.join(config_path)).unwrap_or_default();
    for role in &site.config.roles {
        let mut texts: Vec<&Localised> = vec![&role.name];
        texts.extend(&role.agency);
        texts.extend(&role.description);
        report.localised(&terminology, languages, config_path, &config_source, &texts);
    }
    report.diagnostics
}

fn field_texts<'a>(field: &'a crate::form::model::Field, texts: &mut Vec<&'a Localised>) {
    use crate::form::model::FieldKind;
    texts.push(&field.label);
    texts.extend(&field.help);
    texts.extend(&field.guidance);
    match &field.kind {
        FieldKind::Text {
            pattern_message, ..
        } => texts.extend(pattern_message),
        FieldKind::Select { options, .. } | FieldKind::Multiselect { options, .. } => {
            texts.extend(options.iter().map(|choice| &choice.label));
        }
        FieldKind::Table { columns, .. } => {
            for column in columns {
                field_texts(column, texts);
            }
        }
        FieldKind::Note { text } => texts.extend(text.iter().map(|(text, _)| text)),
        FieldKind::Signatures { parties } => {
            texts.extend(parties.iter().map(|party| &party.label));
        }
        _ => {}
    }
}

/// The warnings, each place reported once.
#[derive(Default)]
struct Report {
    diagnostics: Diagnostics,
    seen: BTreeSet<(std::path::PathBuf, usize)>,
}

impl Report {
    fn at(&mut self, path: &Path, source: &str, offset: usize, finding: &Finding) {
        if !self.seen.insert((path.to_path_buf(), offset)) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::warning(
                path,
                format!(
                    "\"{}\" is a variant the glossary avoids",
                    finding
                        .written
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            )
            .at_offset(source, offset)
            .with_hint(format!(
                "write \"{}\", the handbook's term (glossary.toml, term \"{}\")",
                finding.preferred, finding.term_id
            )),
        );
    }

    /// A finding in `text`, a string of the file `source`: reported wherever that string is
    /// written in the file, or where the variant itself is when the string is not found as
    /// written (escapes).
    fn in_source(&mut self, path: &Path, source: &str, text: &str, finding: &Finding) {
        let mut places: Vec<usize> = if text.is_empty() {
            Vec::new()
        } else {
            source
                .match_indices(text)
                .map(|(at, _)| at + finding.range.start)
                .collect()
        };
        if places.is_empty() {
            places = source
                .match_indices(finding.written.as_str())
                .map(|(at, _)| at)
                .take(1)
                .collect();
        }
        for at in places {
            self.at(path, source, at, finding);
        }
    }

    /// The findings in localised strings of one TOML file, each in its language (a plain string
    /// in every language).
    fn localised(
        &mut self,
        terminology: &Terminology,
        languages: &[String],
        path: &Path,
        source: &str,
        texts: &[&Localised],
    ) {
        for text in texts {
            for lang in languages {
                if !text.has(lang) {
                    continue;
                }
                let written = text.get(lang, lang);
                for finding in terminology.find(lang, written) {
                    self.in_source(path, source, written, &finding);
                }
            }
        }
    }
}

/// Where the pieces of a run of prose come from in the Markdown source.
#[derive(Debug, Default)]
struct ProseMap {
    /// (offset in the prose, offset in the source, whether the piece is the source verbatim).
    pieces: Vec<(usize, usize, bool)>,
}

impl ProseMap {
    fn source_offset(&self, prose_offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|(start, _, _)| *start <= prose_offset);
        match index.checked_sub(1).map(|index| self.pieces[index]) {
            Some((start, source, true)) => source + (prose_offset - start),
            Some((_, source, false)) => source,
            None => 0,
        }
    }
}

/// The prose of a Markdown body, a block at a time (a paragraph, a heading, a table cell), with
/// emphasis and links inside it; code and HTML are not prose.
fn prose_of(body: &str) -> Vec<(String, ProseMap)> {
    let mut blocks = Vec::new();
    let mut prose = String::new();
    let mut map = ProseMap::default();
    let mut in_code = false;
    let mut flush = |prose: &mut String, map: &mut ProseMap| {
        if !prose.trim().is_empty() {
            blocks.push((std::mem::take(prose), std::mem::take(map)));
        }
        prose.clear();
        *map = ProseMap::default();
    };
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Text(text) if !in_code => {
                let verbatim = body.get(range.clone()) == Some(&*text);
                map.pieces.push((prose.len(), range.start, verbatim));
                prose.push_str(&text);
            }
            // Inline code and HTML are not prose, but the sentence goes on around them.
            Event::SoftBreak | Event::HardBreak | Event::Code(_) | Event::InlineHtml(_) => {
                prose.push(' ')
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut prose, &mut map);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => flush(&mut prose, &mut map),
        }
    }
    flush(&mut prose, &mut map);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_a_phrase_across_a_line_break_and_maps_back_to_the_source() {
        let body = "Intro.\n\nA *trauma\ninformed* approach `code trauma`.\n";
        let blocks = prose_of(body);
        assert_eq!(blocks.len(), 2);
        let (prose, map) = &blocks[1];
        assert_eq!(prose, "A trauma informed approach  .");
        let at = prose.find("informed").unwrap();
        assert_eq!(&body[map.source_offset(at)..][..8], "informed");
    }
}
