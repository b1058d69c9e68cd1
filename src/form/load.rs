//! Reads `forms/*.toml` and turns each file into a checked `Form`, collecting every problem with
//! its file:line:col instead of stopping at the first.

use super::check;
use super::model::*;
use super::pattern;
use super::raw::{keys_for, RawChoice, RawField, RawForm, RawParty, RawSection};
use super::show_if;
use crate::config::{is_kebab_case, Config};
use crate::diagnostics::{did_you_mean, from_toml_error, Diagnostic, Diagnostics};
use crate::localised::Localised;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FORMS_DIR: &str = "forms";

/// Column types a table accepts: one answer per cell.
const COLUMN_TYPES: &[&str] = &[
    "text", "textarea", "number", "date", "time", "phone", "email", "select", "yes_no", "checkbox",
];

pub fn load_all(config: &Config) -> (Vec<Form>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut forms: Vec<Form> = Vec::new();
    let dir = config.root.join(FORMS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (forms, diagnostics);
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
            Err(found) => diagnostics.extend(found),
        }
    }
    (forms, diagnostics)
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

struct Loader<'a> {
    path: &'a Path,
    source: &'a str,
    config: &'a Config,
    diagnostics: Diagnostics,
}

impl Loader<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>, hint: Option<String>) {
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

    fn role(&mut self, role: &Spanned<String>) {
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

    fn show_if(&mut self, text: &Spanned<String>) -> Option<ShowIf> {
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

    /// Converts one field; `None` (with errors pushed) when it cannot be understood at all.
    fn field(&mut self, raw: Spanned<RawField>, in_table: bool) -> Option<Field> {
        let mut raw = raw.into_inner();
        let id_at = raw.id.span().start;
        let id = raw.id.get_ref().clone();
        if !is_field_id(&id) {
            self.error(
                id_at,
                format!("field id \"{id}\" is not a valid id"),
                Some(
                    "start with a letter; use letters, digits, `_` and `-`, e.g. \"full_name\""
                        .into(),
                ),
            );
        }
        let kind_owned = raw.kind.get_ref().clone();
        let kind_name = kind_owned.as_str();
        let kind_at = raw.kind.span().start;
        if !TYPES.contains(&kind_name) {
            let hint = did_you_mean(kind_name, TYPES.iter().copied())
                .unwrap_or_else(|| format!("types: {}", TYPES.join(", ")));
            self.error(
                kind_at,
                format!("unknown field type \"{kind_name}\""),
                Some(hint),
            );
            return None;
        }
        if in_table && !COLUMN_TYPES.contains(&kind_name) {
            self.error(
                kind_at,
                format!("a table column cannot be a \"{kind_name}\" field"),
                Some(format!("column types: {}", COLUMN_TYPES.join(", "))),
            );
            return None;
        }
        let allowed = keys_for(kind_name);
        for (key, span) in raw.specific_keys() {
            if !allowed.contains(&key) {
                let hint = if allowed.is_empty() {
                    format!("a {kind_name} field takes no type-specific keys")
                } else {
                    format!("keys for {kind_name}: {}", allowed.join(", "))
                };
                self.error(
                    span.start,
                    format!("`{key}` does not apply to a {kind_name} field"),
                    Some(hint),
                );
            }
        }
        let label = match (raw.label.clone(), kind_name) {
            (Some(label), _) => label,
            (None, "note") => Localised::Same(String::new()),
            (None, _) => {
                self.error(
                    id_at,
                    format!("field \"{id}\" has no label"),
                    Some("add `label = { th = \"...\", en = \"...\" }`".into()),
                );
                Localised::Same(id.clone())
            }
        };
        let required = raw.required.as_ref().is_some_and(|r| *r.get_ref());
        if required && matches!(kind_name, "note") {
            if let Some(span) = raw.required.as_ref().map(Spanned::span) {
                self.error(span.start, "a note cannot be required", None);
            }
        }
        if in_table {
            if let Some(show_if) = &raw.show_if {
                self.error(
                    show_if.span().start,
                    "a table column cannot have show_if",
                    Some("put show_if on the table field".into()),
                );
            }
        }
        let show_if = if in_table {
            None
        } else {
            raw.show_if.as_ref().and_then(|text| self.show_if(text))
        };
        let kind = self.kind(kind_name, &mut raw, in_table);
        Some(Field {
            id,
            at: id_at,
            label,
            help: raw.help,
            guidance: raw.guidance,
            required,
            identifying: raw.identifying.as_ref().is_some_and(|v| *v.get_ref()),
            sensitive: raw.sensitive.as_ref().is_some_and(|v| *v.get_ref()),
            show_if,
            kind,
        })
    }

    fn kind(&mut self, name: &str, raw: &mut RawField, in_table: bool) -> FieldKind {
        let value = |v: &Option<Spanned<u32>>| v.as_ref().map(|v| *v.get_ref());
        let number = |v: &Option<Spanned<f64>>| v.as_ref().map(|v| *v.get_ref());
        match name {
            "text" => {
                if let Some(pattern) = &raw.pattern {
                    self.pattern(pattern);
                }
                self.positive("max_length", &raw.max_length);
                FieldKind::Text {
                    max_length: value(&raw.max_length),
                    pattern: raw.pattern.as_ref().map(|p| p.get_ref().clone()),
                    pattern_message: raw.pattern_message.as_ref().map(|m| m.get_ref().clone()),
                }
            }
            "textarea" => {
                self.positive("lines", &raw.lines);
                self.positive("max_length", &raw.max_length);
                FieldKind::Textarea {
                    lines: value(&raw.lines).unwrap_or(DEFAULT_LINES).max(1),
                    max_length: value(&raw.max_length),
                }
            }
            "number" => {
                let (min, max) = (number(&raw.min), number(&raw.max));
                if let (Some(low), Some(high), Some(span)) =
                    (min, max, raw.max.as_ref().map(Spanned::span))
                {
                    if low > high {
                        self.error(
                            span.start,
                            format!("max ({high}) is below min ({low})"),
                            None,
                        );
                    }
                }
                if let Some(step) = &raw.step {
                    if *step.get_ref() <= 0.0 {
                        self.error(step.span().start, "step must be greater than 0", None);
                    }
                }
                if in_table && raw.total.is_some() {
                    if let Some(span) = raw.total.as_ref().map(Spanned::span) {
                        self.error(
                            span.start,
                            "a column cannot have total",
                            Some("put `total = \"column_id\"` on the table field".into()),
                        );
                    }
                }
                FieldKind::Number {
                    min,
                    max,
                    step: number(&raw.step),
                    total_at: raw.total.as_ref().map_or(0, |t| t.span().start),
                    total: ids(&raw.total),
                }
            }
            "date" => FieldKind::Date,
            "time" => FieldKind::Time,
            "phone" => FieldKind::Phone,
            "email" => FieldKind::Email,
            "select" | "multiselect" => {
                let options = self.choices(&raw.id, raw.options.as_ref());
                let other = raw.other.as_ref().is_some_and(|o| *o.get_ref());
                if other && in_table {
                    if let Some(span) = raw.other.as_ref().map(Spanned::span) {
                        self.error(
                            span.start,
                            "a table column cannot have `other`",
                            Some(
                                "add an option such as { value = \"other\", label = ... } instead"
                                    .into(),
                            ),
                        );
                    }
                }
                if name == "select" {
                    FieldKind::Select { options, other }
                } else {
                    FieldKind::Multiselect { options, other }
                }
            }
            "yes_no" => FieldKind::YesNo,
            "checkbox" => FieldKind::Checkbox,
            "table" => self.table(raw),
            "signature" => FieldKind::Signature,
            "note" => FieldKind::Note {
                text: raw
                    .text
                    .as_ref()
                    .map(|t| (t.get_ref().clone(), t.span().start)),
            },
            _ => FieldKind::Signatures {
                parties: self.parties(&raw.id, raw.parties.as_ref()),
            },
        }
    }

    fn positive(&mut self, key: &str, value: &Option<Spanned<u32>>) {
        if let Some(v) = value {
            if *v.get_ref() == 0 {
                self.error(v.span().start, format!("{key} must be at least 1"), None);
            }
        }
    }

    fn pattern(&mut self, pattern: &Spanned<String>) {
        if let Err(problem) = pattern::check(pattern.get_ref()) {
            let at = value_start(self.source, pattern);
            self.error(at + problem.offset, problem.message, problem.hint);
        }
    }

    fn choices(
        &mut self,
        field: &Spanned<String>,
        raw: Option<&Spanned<Vec<RawChoice>>>,
    ) -> Vec<Choice> {
        let Some(raw) = raw.filter(|options| !options.get_ref().is_empty()) else {
            self.error(
                field.span().start,
                format!("field \"{}\" needs options", field.get_ref()),
                Some(
                    "add `options = [{ value = \"a\", label = { th = \"...\", en = \"...\" } }]`"
                        .into(),
                ),
            );
            return Vec::new();
        };
        let mut seen = BTreeMap::new();
        let mut choices = Vec::new();
        for option in raw.get_ref() {
            let value = option.value.get_ref();
            let at = option.value.span().start;
            if !is_choice_value(value) {
                self.error(
                    at,
                    format!("option value \"{value}\" is not a valid value"),
                    Some("use letters, digits, `_` and `-`, e.g. \"in_progress\"".into()),
                );
            }
            if value == OTHER {
                self.error(
                    at,
                    format!("\"{OTHER}\" is reserved for `other = true`"),
                    Some("set `other = true` to get an \"Other: ____\" choice, or name this option differently".into()),
                );
            }
            if seen.insert(value.clone(), at).is_some() {
                self.error(at, format!("option value \"{value}\" is used twice"), None);
            }
            choices.push(Choice {
                value: value.clone(),
                label: option.label.clone(),
            });
        }
        choices
    }

    fn table(&mut self, raw: &mut RawField) -> FieldKind {
        let mut columns = Vec::new();
        match raw.columns.take() {
            Some(given) if !given.get_ref().is_empty() => {
                let mut seen = BTreeMap::new();
                for column in given.get_ref() {
                    let id = column.get_ref().id.clone();
                    if seen.insert(id.get_ref().clone(), ()).is_some() {
                        self.error(
                            id.span().start,
                            format!("column id \"{}\" is used twice in this table", id.get_ref()),
                            None,
                        );
                    }
                }
                for column in given.into_inner() {
                    if let Some(field) = self.field(column, true) {
                        columns.push(field);
                    }
                }
            }
            _ => self.error(
                raw.id.span().start,
                format!("table \"{}\" needs columns", raw.id.get_ref()),
                Some("add `columns = [{ id = \"name\", type = \"text\", label = {...} }]`".into()),
            ),
        }
        let total = ids(&raw.total);
        for id in &total {
            let column = columns.iter().find(|c| &c.id == id);
            if !column.is_some_and(|c| matches!(c.kind, FieldKind::Number { .. })) {
                let at = raw.total.as_ref().map_or(0, |t| t.span().start);
                let numbers = columns
                    .iter()
                    .filter(|c| matches!(c.kind, FieldKind::Number { .. }))
                    .map(|c| c.id.as_str());
                let hint = did_you_mean(id, numbers)
                    .unwrap_or_else(|| "total names number columns of this table".into());
                self.error(
                    at,
                    format!("total: \"{id}\" is not a number column of this table"),
                    Some(hint),
                );
            }
        }
        FieldKind::Table {
            columns,
            rows: raw
                .rows
                .as_ref()
                .map_or(DEFAULT_ROWS, |r| *r.get_ref())
                .max(1),
            total,
        }
    }

    fn parties(
        &mut self,
        field: &Spanned<String>,
        raw: Option<&Spanned<Vec<RawParty>>>,
    ) -> Vec<Party> {
        let Some(raw) = raw.filter(|parties| !parties.get_ref().is_empty()) else {
            self.error(
                field.span().start,
                format!("signatures \"{}\" needs parties", field.get_ref()),
                Some("add `parties = [{ role = \"case-manager\", label = { th = \"...\", en = \"...\" } }]`".into()),
            );
            return Vec::new();
        };
        let mut parties = Vec::new();
        for party in raw.get_ref() {
            if let Some(role) = &party.role {
                self.role(role);
            }
            parties.push(Party {
                role: party.role.as_ref().map(|r| r.get_ref().clone()),
                label: party.label.clone(),
            });
        }
        parties
    }
}

fn ids(total: &Option<Spanned<super::raw::Ids>>) -> Vec<String> {
    total
        .as_ref()
        .map(|t| match t.get_ref() {
            super::raw::Ids::One(id) => vec![id.clone()],
            super::raw::Ids::Many(ids) => ids.clone(),
        })
        .unwrap_or_default()
}

/// Where the text of a TOML string value starts: after its opening quote(s), when the text in
/// the file is the value itself (no escapes); at the opening quote otherwise.
fn value_start(source: &str, value: &Spanned<String>) -> usize {
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

pub fn is_field_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_choice_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            root: PathBuf::from("."),
            title: Localised::Same("H".into()),
            description: None,
            languages: vec!["th".into(), "en".into()],
            output_dir: PathBuf::from("public"),
            version: None,
            roles: vec![crate::config::Role {
                id: "case-manager".into(),
                name: Localised::Same("Case manager".into()),
                agency: None,
                level: crate::config::Level::Provincial,
                description: None,
            }],
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
