//! The edition record: a stable, deterministic JSON description of what an edition says (steps,
//! checklists, forms' questions, pages' sections by fingerprint), written by every build and kept
//! in `editions/` so that the next edition can say what changed.

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::form::{Field, FieldKind, Form};
use crate::localised::Localised;
use crate::procedure::Procedure;
pub use crate::sections::{fingerprint, sections, PageSections, SectionRecord, SectionSpill};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The version of the record's format; a record of another format is refused with a message.
pub const FORMAT: u32 = 1;

/// A text in every language of the handbook (a missing translation holds the default language's).
pub type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: u32,
    pub version: String,
    pub date: String,
    pub languages: Vec<String>,
    pub roles: Vec<RoleRecord>,
    pub procedures: Vec<ProcedureRecord>,
    pub forms: Vec<FormRecord>,
    pub pages: Vec<PageRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRecord {
    pub id: String,
    pub name: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureRecord {
    pub id: String,
    pub title: Texts,
    pub steps: Vec<StepRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    pub id: String,
    pub title: Texts,
    pub lead: String,
    pub support: Vec<String>,
    pub duration: Texts,
    /// A fingerprint of the step's text in each language.
    pub body: Texts,
    pub checklist: Vec<Texts>,
    pub forms: Vec<String>,
    pub next: Vec<String>,
    pub branches: Vec<BranchRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchRecord {
    pub condition: Texts,
    pub goto: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRecord {
    pub id: String,
    pub title: Texts,
    pub version: String,
    pub questions: Vec<QuestionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord {
    /// A table's column is `<table>.<column>`.
    pub id: String,
    pub kind: String,
    pub required: bool,
    pub label: Texts,
    /// The values of a select's or multiselect's choices.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRecord {
    pub id: String,
    pub title: Texts,
    /// The sections of the page in each language it is written in.
    pub sections: BTreeMap<String, Vec<SectionRecord>>,
}

impl Record {
    /// The record of the handbook as loaded.
    /// The pages' section fingerprints move into the record (nothing else reads them). When
    /// loading wrote them to a [`SectionSpill`] instead, the record holds no pages:
    /// [`Record::write_compact_json`] writes them from the pages and the spill.
    pub fn of(
        config: &Config,
        pages: &mut [Page],
        procedures: &[Procedure],
        forms: &[Form],
    ) -> Record {
        let texts = |text: &Localised| -> Texts {
            config
                .languages
                .iter()
                .map(|lang| {
                    (
                        lang.clone(),
                        text.get(lang, config.default_language()).to_string(),
                    )
                })
                .collect()
        };
        let optional = |text: &Option<Localised>| text.as_ref().map(&texts).unwrap_or_default();
        let mut procedures: Vec<ProcedureRecord> = procedures
            .iter()
            .map(|procedure| ProcedureRecord {
                id: procedure.id.clone(),
                title: texts(&procedure.title),
                steps: procedure
                    .steps
                    .iter()
                    .map(|step| StepRecord {
                        id: step.id.clone(),
                        title: texts(&step.title),
                        lead: step.lead.clone(),
                        support: step.support.clone(),
                        duration: optional(&step.duration),
                        body: optional(&step.body)
                            .into_iter()
                            .map(|(lang, body)| (lang, fingerprint(&body)))
                            .collect(),
                        checklist: step.checklist.iter().map(&texts).collect(),
                        forms: step.forms.iter().map(|form| form.id.clone()).collect(),
                        next: step.next.clone(),
                        branches: step
                            .branches
                            .iter()
                            .map(|branch| BranchRecord {
                                condition: texts(&branch.condition),
                                goto: branch.goto.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        procedures.sort_by(|a, b| a.id.cmp(&b.id));
        let mut forms: Vec<FormRecord> = forms
            .iter()
            .map(|form| FormRecord {
                id: form.id.clone(),
                title: texts(&form.title),
                version: form.version.clone().unwrap_or_default(),
                questions: form
                    .fields()
                    .flat_map(|field| questions(field, &texts))
                    .collect(),
            })
            .collect();
        forms.sort_by(|a, b| a.id.cmp(&b.id));
        // Every page's every section was hashed as loading read the page (`content::load`).
        use rayon::prelude::*;
        let spilled = pages
            .iter()
            .flat_map(|page| page.versions.values())
            .any(|version| matches!(version.sections, PageSections::Spilled(_)));
        let mut pages: Vec<PageRecord> = match spilled {
            true => Vec::new(),
            false => pages
                .par_iter_mut()
                .map(|page| PageRecord {
                    id: page.id.clone(),
                    title: page_titles(config, page),
                    sections: page
                        .versions
                        .iter_mut()
                        .map(|(lang, version)| {
                            let sections = match std::mem::take(&mut version.sections) {
                                PageSections::Held(sections) => sections,
                                PageSections::Spilled(_) => Vec::new(),
                            };
                            (lang.clone(), sections)
                        })
                        .collect(),
                })
                .collect(),
        };
        pages.sort_by(|a, b| a.id.cmp(&b.id));
        Record {
            format: FORMAT,
            version: config.version.clone().unwrap_or_default(),
            date: config.edition.date.clone().unwrap_or_default(),
            languages: config.languages.clone(),
            roles: config
                .roles
                .iter()
                .map(|role| RoleRecord {
                    id: role.id.clone(),
                    name: texts(&role.name),
                })
                .collect(),
            procedures,
            forms,
            pages,
        }
    }

    /// The record as `handbook edition save` keeps it in `editions/<date>.json`: pretty (one
    /// value a line, so that the repository's history of it reads well), stable, one newline at
    /// the end.
    pub fn to_json(&self) -> String {
        // Serialising plain structs, maps with string keys and strings cannot fail.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// The record as every build writes it (`edition.json`): the same, without the indentation,
    /// which was a third of its size.
    pub fn to_compact_json(&self) -> String {
        let mut json = serde_json::to_string(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Writes [`Record::to_compact_json`] to `out` as it is made; a record that holds no pages
    /// (their sections are in `spill`) gets them from `pages`, one at a time, in the order of
    /// their ids: the same bytes, without the whole text (44 MB at 40,000 pages) in memory.
    pub fn write_compact_json(
        &self,
        config: &Config,
        pages: &[Page],
        spill: Option<&SectionSpill>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let Some(spill) = spill.filter(|_| self.pages.is_empty()) else {
            serde_json::to_writer(&mut *out, self)?;
            return out.write_all(b"\n");
        };
        // The record without pages ends with its empty list of pages (the last field).
        let head = serde_json::to_vec(self)?;
        let Some(head) = head.strip_suffix(b"]}") else {
            return Err(std::io::Error::other(
                "the record does not end with its pages",
            ));
        };
        out.write_all(head)?;
        let mut in_order: Vec<&Page> = pages.iter().collect();
        in_order.sort_by(|a, b| a.id.cmp(&b.id));
        let mut buffer = Vec::new();
        for (n, page) in in_order.into_iter().enumerate() {
            buffer.clear();
            if n > 0 {
                buffer.push(b',');
            }
            buffer.extend_from_slice(b"{\"id\":");
            serde_json::to_writer(&mut buffer, &page.id)?;
            buffer.extend_from_slice(b",\"title\":");
            serde_json::to_writer(&mut buffer, &page_titles(config, page))?;
            buffer.extend_from_slice(b",\"sections\":{");
            for (k, (lang, version)) in page.versions.iter().enumerate() {
                if k > 0 {
                    buffer.push(b',');
                }
                serde_json::to_writer(&mut buffer, lang)?;
                buffer.push(b':');
                match &version.sections {
                    PageSections::Spilled(at) => spill.read(at, &mut buffer)?,
                    PageSections::Held(sections) => serde_json::to_writer(&mut buffer, sections)?,
                }
            }
            buffer.extend_from_slice(b"}}");
            out.write_all(&buffer)?;
        }
        out.write_all(b"]}\n")
    }

    /// Reads a record written by `to_json` or `to_compact_json`; `shown` names the file in messages.
    pub fn parse(text: &str, shown: &Path) -> Result<Record, Diagnostic> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
            let mut diagnostic =
                Diagnostic::error(shown, format!("not an edition record: {error}"))
                    .with_hint("write it again with `handbook edition save`");
            diagnostic.line = error.line();
            diagnostic.column = error.column();
            diagnostic.source_line = text
                .lines()
                .nth(error.line().saturating_sub(1))
                .map(str::to_string);
            diagnostic
        })?;
        let format = value.get("format").and_then(serde_json::Value::as_u64);
        if format != Some(u64::from(FORMAT)) {
            let found =
                format.map_or_else(|| "no format number".to_string(), |f| format!("format {f}"));
            return Err(Diagnostic::error(
                shown,
                format!("this edition record has {found}; this version of handbook reads format {FORMAT}"),
            )
            .with_hint("save the previous edition's record again with a handbook that reads both formats, or compare with the published site's edition.json"));
        }
        serde_json::from_value(value).map_err(|error| {
            Diagnostic::error(
                shown,
                format!("the edition record does not have the expected shape: {error}"),
            )
            .with_hint("write it again with `handbook edition save`; do not edit it by hand")
        })
    }
}

/// A page's title in every language of the handbook (the default language's where it has no
/// translation).
fn page_titles(config: &Config, page: &Page) -> Texts {
    config
        .languages
        .iter()
        .filter_map(|lang| {
            page.versions
                .get(lang)
                .or_else(|| page.versions.get(config.default_language()))
                .map(|version| (lang.clone(), version.front_matter.title.clone()))
        })
        .collect()
}

/// A field as questions: a table's columns are questions of their own.
fn questions(field: &Field, texts: &dyn Fn(&Localised) -> Texts) -> Vec<QuestionRecord> {
    let options = match &field.kind {
        FieldKind::Select { options, other } | FieldKind::Multiselect { options, other } => {
            let mut values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
            if *other {
                values.push(crate::form::OTHER.to_string());
            }
            values
        }
        _ => Vec::new(),
    };
    let mut found = vec![QuestionRecord {
        id: field.id.clone(),
        kind: field.kind.name().to_string(),
        required: field.required,
        label: texts(&field.label),
        options,
    }];
    if let FieldKind::Table { columns, .. } = &field.kind {
        for column in columns {
            for mut question in questions(column, texts) {
                question.id = format!("{}.{}", field.id, question.id);
                found.push(question);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_cut_at_headings_outside_code() {
        let body =
            "Intro text.\n\n## First\nOne.\n```\n## not a heading\n```\n## Second {#two}\nTwo.\n";
        let found = sections(body);
        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["", "First", "two"]);
        assert_eq!(found[2].heading(), "Second");
        assert_eq!(found[1].heading(), "First");
        let edited = sections(&body.replace("Two.", "Two, revised."));
        assert_eq!(found[1], edited[1]);
        assert_ne!(found[2].fingerprint, edited[2].fingerprint);
    }

    #[test]
    fn a_record_of_another_format_is_refused_with_a_message() {
        let error = Record::parse("{\"format\": 99}", Path::new("editions/old.json"))
            .err()
            .map(|d| d.message);
        assert!(error.is_some_and(|m| m.contains("format 99")));
        let broken = Record::parse("{\n  \"format\": 1,\n", Path::new("x.json")).err();
        assert!(broken.is_some_and(|d| d.line == 3));
    }

    #[test]
    fn the_record_written_page_by_page_is_the_whole_record_s_json() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editions");
        let load = |bodies| crate::load_site(&root, false, bodies).map_err(|d| format!("{d:?}"));
        let held = load(crate::content::Bodies::Held).expect("the fixture loads");
        let spilled = load(crate::content::Bodies::Reread).expect("the fixture loads");
        assert!(spilled.edition.spill.is_some());
        assert!(spilled.edition.record.pages.is_empty());
        assert!(held.edition.spill.is_none());
        assert!(held.edition.record.pages.len() >= 3);
        let whole = held.edition.record.to_compact_json();
        let written = |site: &crate::site::Site| {
            let mut out = Vec::new();
            let edition = &site.edition;
            edition
                .write_record(&site.config, &site.pages, &mut out)
                .expect("written");
            String::from_utf8(out).expect("UTF-8")
        };
        assert_eq!(written(&spilled), whole);
        assert_eq!(written(&held), whole);
        let back = Record::parse(&whole, Path::new("edition.json")).expect("a record");
        assert_eq!(back, held.edition.record);
        assert!(whole.contains("\"sections\":{\"en\":[{"), "{whole}");
    }

    #[test]
    fn fingerprints_ignore_line_wrapping() {
        assert_eq!(fingerprint("a b\n  c"), fingerprint("a\nb c"));
        assert_ne!(fingerprint("a b c"), fingerprint("a b d"));
    }
}
