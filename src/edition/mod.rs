//! Editions: the record of what this edition says (`edition.json`, written by every build), what
//! changed since the previous edition's record (named in handbook.toml), and translations that are
//! older than their original (from git). Rendering reads the result from `Site::edition`.

pub mod diff;
pub mod history;
pub mod record;
pub mod view;

use crate::config::{Config, CONFIG_FILE};
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::form::Form;
use crate::procedure::Procedure;
pub use diff::Changes;
pub use record::Record;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where `handbook edition save` keeps records, in the handbook's folder.
pub const EDITIONS_DIR: &str = "editions";

/// What a build knows about editions.
#[derive(Debug, Default)]
pub struct Edition {
    /// This edition's record.
    pub record: Record,
    /// What changed since the previous edition, when handbook.toml names its record.
    pub changes: Option<Changes>,
    /// The previous edition's record.
    pub previous: Option<Record>,
    /// Translations older than their original: (page id, language) -> the day the original
    /// last changed.
    pub stale: BTreeMap<(String, String), String>,
    /// Where loading put the pages' sections, when it did not hold them: the record then holds
    /// no pages, and [`Edition::write_record`] reads them from here.
    pub spill: Option<record::SectionSpill>,
}

impl Edition {
    /// The record, what changed since the previous one and the stale translations of a loaded
    /// handbook; errors for a previous record that cannot be read and for a form whose questions
    /// changed without its version being raised.
    pub fn prepare(
        config: &Config,
        pages: &mut [Page],
        procedures: &[Procedure],
        forms: &[Form],
        spill: Option<record::SectionSpill>,
    ) -> Result<Edition, Diagnostics> {
        let record = Record::of(config, pages, procedures, forms);
        let previous = match &config.edition.previous {
            Some((path, at)) => Some(read_previous(config, path, *at)?),
            None => None,
        };
        let changes = previous
            .as_ref()
            .map(|previous| Changes::between(previous, &record));
        if let Some(changes) = &changes {
            let problems = version_not_raised(changes, forms, config.version.as_deref());
            if problems.has_errors() {
                return Err(problems);
            }
        }
        let stale = stale_translations(config, pages);
        Ok(Edition {
            record,
            changes,
            previous,
            stale,
            spill,
        })
    }

    /// Writes this edition's record (`edition.json`) to `out` as it is made.
    pub fn write_record(
        &self,
        config: &Config,
        pages: &[Page],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        self.record
            .write_compact_json(config, pages, self.spill.as_ref(), out)
    }
}

/// Reads the previous edition's record named in handbook.toml at byte `at`.
fn read_previous(config: &Config, path: &str, at: usize) -> Result<Record, Diagnostic> {
    let at_config = |message: String| {
        let diagnostic = Diagnostic::error(CONFIG_FILE, message);
        match std::fs::read_to_string(config.root.join(CONFIG_FILE)) {
            Ok(source) => diagnostic.at_offset(&source, at),
            Err(_) => diagnostic,
        }
    };
    let text = std::fs::read_to_string(config.root.join(path)).map_err(|error| {
        at_config(format!("cannot read the previous edition's record {path}: {error}"))
            .with_hint(format!(
                "name a record written by `handbook edition save` (in {EDITIONS_DIR}/), or remove `previous` from [edition]"
            ))
    })?;
    Record::parse(&text, Path::new(path))
}

/// A form whose questions changed while its version stayed the same: a copy saved from the old
/// form would open into the wrong questions.
fn version_not_raised(changes: &Changes, forms: &[Form], edition: Option<&str>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for change in changes.forms.iter().filter(|f| f.questions_changed()) {
        if change.version_before != change.version_after {
            continue;
        }
        let Some(form) = forms.iter().find(|form| form.id == change.id) else {
            continue;
        };
        let questions: Vec<&str> = change.questions.iter().map(|q| q.id.as_str()).collect();
        let message = format!(
            "the questions of form \"{}\" changed since edition {} ({}) but its version is still \"{}\"",
            form.id,
            changes.previous_version,
            questions.join(", "),
            change.version_after
        );
        let diagnostic = Diagnostic::error(&form.path, message);
        let diagnostic = match version_offset(&form.source) {
            Some(at) => diagnostic.at_offset(&form.source, at),
            None => diagnostic.at_offset(&form.source, 0),
        };
        diagnostics.push(diagnostic.with_hint(format!(
            "raise the form's version (e.g. version = \"{}\"): a copy saved from the old version would otherwise open into the wrong questions",
            edition.unwrap_or("2")
        )));
    }
    diagnostics
}

/// Where the value of the top-level `version = "..."` of a form file starts.
fn version_offset(source: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix("version") {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                let value_at = line.len() - value.trim_start().len();
                return Some(offset + value_at);
            }
        }
        offset += line.len();
    }
    None
}

/// Translations older than their original, from git; nothing outside a git repository.
fn stale_translations(config: &Config, pages: &[Page]) -> BTreeMap<(String, String), String> {
    let Some(committed) = history::last_commits(&config.root) else {
        return BTreeMap::new();
    };
    history::stale_translations(pages, config.default_language(), &committed)
        .into_iter()
        .map(|stale| {
            (
                (stale.page.id.clone(), stale.lang.to_string()),
                history::date(stale.original.time),
            )
        })
        .collect()
}

/// `handbook edition save`: writes the handbook's current record to `editions/<date>.json` and
/// returns that path.
pub fn save(root: &Path) -> Result<PathBuf, Diagnostics> {
    let site = crate::load(root, false)?;
    let Some(date) = site.config.edition.date.clone() else {
        return Err(Diagnostic::error(
            CONFIG_FILE,
            "the edition has no date to name its record by",
        )
        .with_hint("set version = \"2026-11-28\" (a date), or add [edition] date = \"2026-11-28\"")
        .into());
    };
    let relative = PathBuf::from(EDITIONS_DIR).join(format!("{date}.json"));
    let path = root.join(&relative);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(root.join(EDITIONS_DIR))?;
        std::fs::write(&path, site.edition.record.to_json())
    };
    write().map_err(|error| {
        Diagnostic::error(
            &relative,
            format!("cannot write the edition record: {error}"),
        )
    })?;
    Ok(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_s_version_is_found_before_its_sections() {
        let source = "id = \"x\"\nversion = \"2026-01-01\"\n[[section]]\nversion = 1\n";
        assert_eq!(version_offset(source), Some(19));
        assert_eq!(version_offset("[[section]]\nversion = \"1\"\n"), None);
    }
}
