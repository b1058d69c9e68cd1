//! `handbook.toml`: title, languages, output folder and the roles of the handbook. Strict.

use crate::diagnostics::{did_you_mean, from_toml_error, Diagnostic, Diagnostics};
use crate::localised::Localised;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const CONFIG_FILE: &str = "handbook.toml";

/// `handbook.toml`: the handbook's title, languages and roles.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "handbook.toml")]
struct RawConfig {
    /// The handbook's title.
    title: Localised,
    /// One sentence, used in `<meta name="description">`.
    description: Option<Localised>,
    /// Language codes such as ["th", "en"]; the first is the default language.
    #[schemars(with = "Vec<crate::json_schema::LanguageCode>", length(min = 1))]
    languages: Spanned<Vec<String>>,
    /// Where `build` writes the site; default "public".
    output_dir: Option<String>,
    /// The edition date such as 2026-11-28: printed on forms, names offline packs.
    version: Option<String>,
    /// This edition's date and the record of the previous edition (what changed).
    edition: Option<RawEdition>,
    /// The agency roles that carry out the procedures.
    #[serde(default)]
    role: Vec<RawRole>,
    pdf: Option<PdfSettings>,
}

/// `[pdf]`: the PDF edition, made by `build` and `pack` when the table is present (and not
/// `enabled = false`); `handbook pdf` makes it in any case.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfSettings {
    /// Default true: the table alone turns the PDF edition on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Above this many pages and procedures the whole-handbook PDF is skipped with a warning
    /// (chapter PDFs are still made). Default 1000.
    #[serde(default = "default_max_book_entries")]
    pub max_book_entries: usize,
}

impl PdfSettings {
    /// Whether the whole-handbook PDF is made for a handbook of `entries` pages and procedures.
    pub fn makes_book(&self, entries: usize) -> bool {
        self.enabled && entries <= self.max_book_entries
    }
}

fn yes() -> bool {
    true
}

fn default_max_book_entries() -> usize {
    1000
}

impl Default for PdfSettings {
    fn default() -> Self {
        PdfSettings {
            enabled: true,
            max_book_entries: default_max_book_entries(),
        }
    }
}

/// `[edition]`: the date of this edition and the record of the previous one (see src/edition/).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    /// This edition's date (YYYY-MM-DD); by default `version`, when that is a date.
    date: Option<String>,
    /// The previous edition's record, e.g. "editions/2026-06-01.json" (`handbook edition save`).
    #[schemars(with = "Option<String>")]
    previous: Option<Spanned<String>>,
}

/// An agency role: it gets a guide of the steps it leads or supports.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawRole {
    /// kebab-case, unique: what steps and links name (`@role/<id>`).
    #[schemars(with = "crate::json_schema::Id")]
    id: Spanned<String>,
    name: Localised,
    agency: Option<Localised>,
    #[schemars(with = "crate::config::LevelName")]
    level: Spanned<String>,
    /// Markdown.
    description: Option<Localised>,
    /// Roles this one is often assigned as: their guides are linked from its own.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    see_also: Vec<Spanned<String>>,
}

/// The JSON Schema of `handbook.toml`, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<RawConfig>()
}

/// Where a role sits in the referral mechanism; also the order of the roles index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    International,
    National,
    Provincial,
    Local,
}

crate::string_schema!(
    /// A role's or organisation's `level`, for schemas.
    LevelName,
    schemars::json_schema!({
        "type": "string",
        "enum": Level::ALL.iter().map(|level| level.id()).collect::<Vec<_>>()
    })
);

impl Level {
    pub const ALL: [Level; 4] = [
        Level::International,
        Level::National,
        Level::Provincial,
        Level::Local,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Level::International => "international",
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::Local => "local",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == text)
    }
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: Localised,
    pub agency: Option<Localised>,
    pub level: Level,
    pub description: Option<Localised>,
    /// Roles this one is often assigned as (a social worker is often the case manager): its page
    /// links their guides.
    pub see_also: Vec<String>,
}

/// The resolved configuration every later stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: Localised,
    pub description: Option<Localised>,
    /// The first is the default language.
    pub languages: Vec<String>,
    pub output_dir: PathBuf,
    pub version: Option<String>,
    pub edition: EditionConfig,
    pub roles: Vec<Role>,
    /// `[pdf]`, when present.
    pub pdf: Option<PdfSettings>,
}

/// `[edition]` of handbook.toml, resolved.
#[derive(Debug, Clone, Default)]
pub struct EditionConfig {
    /// The edition's date: `[edition] date`, or `version` when that is a date such as 2026-11-28.
    pub date: Option<String>,
    /// The previous edition's record, relative to the root, with the byte offset of the value in
    /// handbook.toml (for messages about it).
    pub previous: Option<(String, usize)>,
}

impl Config {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|role| role.id == id)
    }

    pub fn role_ids(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|role| role.id.as_str())
    }

    /// Checks a role reference found in `path` at `offset` of `source`.
    pub fn check_role(
        &self,
        id: &str,
        path: &Path,
        source: &str,
        offset: usize,
    ) -> Option<Diagnostic> {
        if self.role(id).is_some() {
            return None;
        }
        let diagnostic =
            Diagnostic::error(path, format!("unknown role \"{id}\"")).at_offset(source, offset);
        Some(match did_you_mean(id, self.role_ids()) {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic.with_hint(format!(
                "declare it in {CONFIG_FILE} as a [[role]] with id = \"{id}\""
            )),
        })
    }
}

/// Reads and checks `handbook.toml` in `root`.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let shown = PathBuf::from(CONFIG_FILE);
    let source = std::fs::read_to_string(&path).map_err(|error| {
        Diagnostic::error(&shown, format!("cannot read {}: {error}", path.display())).with_hint(
            "run handbook in a folder that has a handbook.toml, or pass the folder as an argument",
        )
    })?;
    let raw: RawConfig =
        toml::from_str(&source).map_err(|error| from_toml_error(&shown, &source, 0, &error))?;

    let mut diagnostics = Diagnostics::default();
    let languages_span = raw.languages.span();
    let languages = raw.languages.into_inner();
    if languages.is_empty() {
        diagnostics.push(
            Diagnostic::error(&shown, "`languages` is empty")
                .at_offset(&source, languages_span.start)
                .with_hint("list at least one language code, the default first, e.g. languages = [\"th\", \"en\"]"),
        );
    }
    for (index, lang) in languages.iter().enumerate() {
        if !is_language_code(lang) {
            diagnostics.push(
                Diagnostic::error(&shown, format!("\"{lang}\" is not a language code"))
                    .at_offset(&source, languages_span.start)
                    .with_hint("use a lowercase code of 2 or 3 letters such as \"th\" or \"en\""),
            );
        }
        if languages[..index].contains(lang) {
            diagnostics.push(
                Diagnostic::error(&shown, format!("language \"{lang}\" is listed twice"))
                    .at_offset(&source, languages_span.start),
            );
        }
    }

    let all_ids: Vec<String> = raw.role.iter().map(|r| r.id.get_ref().clone()).collect();
    let mut roles: Vec<Role> = Vec::new();
    for raw_role in raw.role {
        for other in &raw_role.see_also {
            let other_id = other.get_ref();
            if other_id == raw_role.id.get_ref() || !all_ids.contains(other_id) {
                let mut diagnostic = Diagnostic::error(
                    &shown,
                    format!("see_also names \"{other_id}\", which is not another role"),
                )
                .at_offset(&source, other.span().start);
                let others = all_ids
                    .iter()
                    .map(String::as_str)
                    .filter(|id| id != raw_role.id.get_ref());
                diagnostic = diagnostic
                    .with_hint(did_you_mean(other_id, others).unwrap_or_else(|| {
                        "use the id of a role declared in handbook.toml".into()
                    }));
                diagnostics.push(diagnostic);
            }
        }
        let id = raw_role.id.get_ref().clone();
        if !is_kebab_case(&id) {
            diagnostics.push(
                Diagnostic::error(&shown, format!("role id \"{id}\" is not kebab-case"))
                    .at_offset(&source, raw_role.id.span().start)
                    .with_hint("use lowercase letters, digits and hyphens, e.g. \"case-manager\""),
            );
        }
        if roles.iter().any(|role| role.id == id) {
            diagnostics.push(
                Diagnostic::error(&shown, format!("role \"{id}\" is declared twice"))
                    .at_offset(&source, raw_role.id.span().start),
            );
        }
        let level = match Level::parse(raw_role.level.get_ref()) {
            Some(level) => level,
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        &shown,
                        format!("unknown level \"{}\"", raw_role.level.get_ref()),
                    )
                    .at_offset(&source, raw_role.level.span().start)
                    .with_hint("use one of international, national, provincial, local"),
                );
                Level::Local
            }
        };
        roles.push(Role {
            id,
            name: raw_role.name,
            agency: raw_role.agency,
            level,
            description: raw_role.description,
            see_also: raw_role
                .see_also
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
        });
    }

    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Config {
        root: root.to_path_buf(),
        title: raw.title,
        description: raw.description,
        languages,
        output_dir: root.join(raw.output_dir.unwrap_or_else(|| "public".to_string())),
        edition: EditionConfig {
            date: raw
                .edition
                .as_ref()
                .and_then(|edition| edition.date.clone())
                .or_else(|| raw.version.clone().filter(|version| is_date(version))),
            previous: raw
                .edition
                .and_then(|edition| edition.previous)
                .map(|previous| {
                    let at = previous.span().start;
                    (previous.into_inner(), at)
                }),
        },
        version: raw.version,
        roles,
        pdf: raw.pdf,
    })
}

pub fn is_language_code(text: &str) -> bool {
    (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_lowercase())
}

/// `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

pub fn is_kebab_case(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
