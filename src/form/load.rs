//! Reads `forms/*.toml` and turns each file into a checked `Form`, collecting every problem with
//! its file:line:col instead of stopping at the first.

use super::check;
use super::model::*;
use super::raw::{RawForm, RawSection};
use super::show_if;
use crate::config::{is_kebab_case, Config};
use crate::diagnostics::{from_toml_error, Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FORMS_DIR: &str = "forms";

/// Every form under forms/, the problems found, and the ids of forms that could not be read.
pub fn load_all(config: &Config) -> (Vec<Form>, Diagnostics, Vec<String>) {
    let mut diagnostics = Diagnostics::default();
    let mut forms: Vec<Form> = Vec::new();
    let mut unreadable = Vec::new();
    let dir = config.root.join(FORMS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (forms, diagnostics, unreadable);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let shown = crate::content::shown_path(config, &path);
        let source = match crate::fs::read_to_string(&path, &shown) {
            Ok(source) => source,
            Err(error) => {
                diagnostics.push(error);
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        match parse(&stem, &shown, &source, config) {
            Ok(form) => {
                if forms.iter().any(|other| other.id == form.id) {
                    diagnostics.push(
                        Diagnostic::error(&shown, format!("form id \"{}\" is used twice", form.id))
                            .with_hint("every form needs its own id (the file name by default)"),
                    );
                } else {
                    forms.push(form);
                }
            }
            Err(found) => {
                diagnostics.extend(found);
                unreadable.push(stem);
            }
        }
    }
    (forms, diagnostics, unreadable)
}

/// Parses and checks one form file. `stem` is the file name without `.toml`, the default id.
pub fn parse(stem: &str, path: &Path, source: &str, config: &Config) -> Result<Form, Diagnostics> {
    let raw: RawForm =
        toml::from_str(source).map_err(|error| from_toml_error(path, source, 0, &error))?;
    let mut loader = Loader {
        path,
        source,
        config,
        diagnostics: Diagnostics::default(),
    };
    let form = loader.form(stem, raw);
    check::references(&form, &mut loader.diagnostics);
    if loader.diagnostics.has_errors() {
        Err(loader.diagnostics)
    } else {
        Ok(form)
    }
}

pub(super) struct Loader<'a> {
    path: &'a Path,
    pub(super) source: &'a str,
    config: &'a Config,
    diagnostics: Diagnostics,
}

impl Loader<'_> {
    pub(super) fn error(
        &mut self,
        offset: usize,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut diagnostic = Diagnostic::error(self.path, message).at_offset(self.source, offset);
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        self.diagnostics.push(diagnostic);
    }

    fn form(&mut self, stem: &str, raw: RawForm) -> Form {
        let id = match &raw.id {
            Some(id) => {
                if !is_kebab_case(id.get_ref()) {
                    self.error(
                        id.span().start,
                        format!("form id \"{}\" is not kebab-case", id.get_ref()),
                        Some(
                            "use lower-case letters, digits and hyphens, e.g. \"home-visit\""
                                .into(),
                        ),
                    );
                }
                id.get_ref().clone()
            }
            None => {
                if !is_kebab_case(stem) {
                    self.error(
                        0,
                        format!("form file name \"{stem}\" is not kebab-case"),
                        Some("name the file like forms/home-visit.toml, or set `id = \"home-visit\"`".into()),
                    );
                }
                stem.to_string()
            }
        };
        let mut roles = Vec::new();
        for role in &raw.roles {
            self.role(role);
            roles.push(role.get_ref().clone());
        }
        let sections = raw
            .sections
            .into_iter()
            .map(|section| self.section(section))
            .collect();
        Form {
            id,
            path: self.path.to_path_buf(),
            source: self.source.to_string(),
            code: raw.code,
            title: raw.title,
            purpose_at: raw.purpose.as_ref().map_or(0, |p| p.span().start),
            purpose: raw.purpose.map(Spanned::into_inner),
            version: raw.version,
            roles,
            sections,
        }
    }

    pub(super) fn role(&mut self, role: &Spanned<String>) {
        if let Some(problem) =
            self.config
                .check_role(role.get_ref(), self.path, self.source, role.span().start)
        {
            self.diagnostics.push(problem);
        }
    }

    fn section(&mut self, raw: Spanned<RawSection>) -> Section {
        let raw = raw.into_inner();
        let show_if = raw.show_if.as_ref().and_then(|text| self.show_if(text));
        let fields = raw
            .fields
            .into_iter()
            .filter_map(|field| self.field(field, false))
            .collect();
        Section {
            title: raw.title,
            intro: raw.intro.map(|intro| {
                let at = intro.span().start;
                (intro.into_inner(), at)
            }),
            show_if,
            fields,
        }
    }

    pub(super) fn show_if(&mut self, text: &Spanned<String>) -> Option<ShowIf> {
        let at = value_start(self.source, text);
        match show_if::parse(text.get_ref()) {
            Ok(condition) => Some(ShowIf { condition, at }),
            Err(error) => {
                self.error(
                    at + error.offset,
                    format!("bad show_if: {}", error.message),
                    error.hint,
                );
                None
            }
        }
    }
}

/// Where the text of a TOML string value starts: after its opening quote(s), when the text in
/// the file is the value itself (no escapes); at the opening quote otherwise.
pub(super) fn value_start(source: &str, value: &Spanned<String>) -> usize {
    let span = value.span();
    let Some(written) = source.get(span.clone()) else {
        return span.start;
    };
    for delimiter in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(inner) = written
            .strip_prefix(delimiter)
            .and_then(|rest| rest.strip_suffix(delimiter))
        {
            let inner = inner.strip_prefix('\n').unwrap_or(inner);
            if inner == value.get_ref() {
                return span.end - delimiter.len() - inner.len();
            }
            break;
        }
    }
    span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::localised::Localised;

    fn config() -> Config {
        Config {
            root: PathBuf::from("."),
            title: Localised::Same("H".into()),
            description: None,
            languages: vec!["th".into(), "en".into()],
            output_dir: PathBuf::from("public"),
            version: None,
            edition: Default::default(),
            roles: vec![crate::config::Role {
                id: "case-manager".into(),
                name: Localised::Same("Case manager".into()),
                agency: None,
                level: crate::config::Level::Provincial,
                description: None,
                see_also: Vec::new(),
            }],
            pdf: None,
        }
    }

    fn load(source: &str) -> Result<Form, Vec<String>> {
        parse("f", Path::new("forms/f.toml"), source, &config()).map_err(|found| {
            found
                .sorted()
                .iter()
                .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
                .collect()
        })
    }

    const HEAD: &str = "title = \"F\"\n[[section]]\ntitle = \"S\"\n";

    #[test]
    fn a_minimal_form_loads_with_its_stem_as_id() {
        let form = load(&format!(
            "{HEAD}[[section.field]]\nid = \"a\"\ntype = \"yes_no\"\nlabel = \"A\"\n\
             [[section.field]]\nid = \"b\"\ntype = \"text\"\nlabel = \"B\"\nshow_if = \"a == 'yes'\"\n"
        ))
        .unwrap();
        assert_eq!(form.id, "f");
        let b = form.field("b").unwrap();
        assert_eq!(&form.source[b.at..b.at + 3], "\"b\"");
        let show_if = b.show_if.as_ref().unwrap();
        assert_eq!(&form.source[show_if.at..show_if.at + 1], "a");
    }

    #[test]
    fn table_columns_keep_their_positions() {
        let form = load(&format!(
            "{HEAD}[[section.field]]\nid = \"t\"\ntype = \"table\"\nlabel = \"T\"\ntotal = \"cost\"\n\
             columns = [ {{ id = \"cost\", type = \"number\", label = \"C\" }} ]\n"
        ))
        .unwrap();
        let FieldKind::Table {
            columns,
            total,
            rows,
        } = &form.field("t").unwrap().kind
        else {
            panic!("not a table")
        };
        assert_eq!((columns.len(), total.len(), *rows), (1, 1, DEFAULT_ROWS));
        assert_eq!(&form.source[columns[0].at..columns[0].at + 6], "\"cost\"");
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let errors = load(&format!(
            "{HEAD}[[section.field]]\nid = \"a\"\ntype = \"yesno\"\nlabel = \"A\"\n"
        ))
        .unwrap_err();
        assert_eq!(errors, ["6:8 unknown field type \"yesno\""]);
        let errors = load(&format!(
            "{HEAD}[[section.field]]\nid = \"a\"\ntype = \"yes_no\"\nlabel = \"A\"\nshow_if = \"a = 'x'\"\n"
        ))
        .unwrap_err();
        assert_eq!(
            errors,
            ["8:14 bad show_if: a single `=` is not a comparison"]
        );
    }
}
