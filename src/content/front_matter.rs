//! Splits a Markdown page into its TOML front matter (between `+++` lines) and body.

use crate::diagnostics::{from_toml_error, Diagnostic};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// A page's front matter, between the `+++` lines at the top of a Markdown file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "page front matter")]
pub struct FrontMatter {
    pub title: String,
    /// Ordering within the chapter (then title).
    #[serde(default)]
    pub weight: i64,
    /// One sentence for search results and the meta description.
    pub description: Option<String>,
    /// Role ids this page concerns.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub roles: Vec<Spanned<String>>,
    /// Drafts are built only with --drafts.
    #[serde(default)]
    pub draft: bool,
    /// Appends a data table after the body.
    #[schemars(with = "Option<crate::schema::Layout>")]
    pub layout: Option<Spanned<String>>,
}

/// The JSON Schema of a page's front matter, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::schema::root::<FrontMatter>()
}

/// Layouts a page may ask for: data tables appended after the body.
pub const LAYOUTS: [&str; 2] = ["glossary", "directory"];

/// The parsed front matter, and where the TOML and body start in the file.
pub struct Split<'a> {
    pub front_matter: FrontMatter,
    /// Byte offset of the TOML text within the file.
    pub toml_start: usize,
    pub body: &'a str,
    /// Byte offset of the body within the file.
    pub body_start: usize,
}

pub fn split<'a>(path: &Path, source: &'a str) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(
            path,
            "a page must start with front matter between +++ lines",
        )
        .at_offset(source, 0)
        .with_hint("start the file with:\n+++\ntitle = \"...\"\n+++")
    };
    let after_bom = source.strip_prefix('\u{feff}').unwrap_or(source);
    let offset_bom = source.len() - after_bom.len();
    let first_line_end = after_bom.find('\n').ok_or_else(missing)?;
    if after_bom[..first_line_end].trim_end() != "+++" {
        return Err(missing());
    }
    let toml_start = offset_bom + first_line_end + 1;
    let mut cursor = toml_start;
    loop {
        let line_end = source[cursor..]
            .find('\n')
            .map_or(source.len(), |i| cursor + i);
        if source[cursor..line_end].trim_end() == "+++" {
            let body_start = (line_end + 1).min(source.len());
            let toml_text = &source[toml_start..cursor];
            let front_matter: FrontMatter = toml::from_str(toml_text)
                .map_err(|error| from_toml_error(path, source, toml_start, &error))?;
            return Ok(Split {
                front_matter,
                toml_start,
                body: &source[body_start..],
                body_start,
            });
        }
        if line_end >= source.len() {
            return Err(Diagnostic::error(path, "front matter is not closed")
                .at_offset(source, 0)
                .with_hint("add a line with +++ after the front matter"));
        }
        cursor = line_end + 1;
    }
}
