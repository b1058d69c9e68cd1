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
    #[schemars(with = "Option<Layout>")]
    pub layout: Option<Spanned<String>>,
}

crate::string_schema!(
    /// A page's `layout`, for schemas.
    Layout,
    schemars::json_schema!({ "type": "string", "enum": LAYOUTS })
);

/// The JSON Schema of a page's front matter, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<FrontMatter>()
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
    /// Unknown keys: reported, and left out so that the page still loads and the rest of the
    /// build can report its other problems in the same run.
    pub problems: Vec<Diagnostic>,
}

/// Unknown keys left out of one page's front matter before it is given up as unreadable.
const MOST_UNKNOWN_KEYS: usize = 16;

/// Parses the TOML of a page's front matter. Each unknown key is reported and its line blanked
/// (with spaces, so every other position stays where it was); any other mistake makes the page
/// unreadable, and is the error.
fn parse(
    path: &Path,
    source: &str,
    toml_start: usize,
    toml_text: &str,
) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let mut text = std::borrow::Cow::Borrowed(toml_text);
    let mut problems = Vec::new();
    loop {
        let error = match toml::from_str::<FrontMatter>(&text) {
            Ok(front_matter) => return Ok((front_matter, problems)),
            Err(error) => error,
        };
        let problem = from_toml_error(path, source, toml_start, &error);
        let unknown_key = error.message().starts_with("unknown field");
        match error.span() {
            Some(span) if unknown_key && problems.len() < MOST_UNKNOWN_KEYS => {
                problems.push(problem);
                text = std::borrow::Cow::Owned(blank_line_at(&text, span.start));
            }
            _ => return Err(problems.into_iter().next().unwrap_or(problem)),
        }
    }
}

/// `text` with the line holding byte `at` turned into spaces, byte for byte.
fn blank_line_at(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut blanked = String::with_capacity(text.len());
    blanked.push_str(&text[..start]);
    blanked.extend(std::iter::repeat_n(' ', end - start));
    blanked.push_str(&text[end..]);
    blanked
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
            let (front_matter, problems) = parse(path, source, toml_start, toml_text)?;
            return Ok(Split {
                front_matter,
                toml_start,
                body: &source[body_start..],
                body_start,
                problems,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unknown_key_is_reported_and_the_page_still_reads() {
        let source = "+++\ntitle = \"A\"\ncolour = \"red\"\nroles = [\"x\"]\nsize = 3\n+++\nbody\n";
        let split = split(Path::new("a.md"), source).expect("readable");
        assert_eq!(split.front_matter.title, "A");
        let messages: Vec<(usize, &str)> = split
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [(3, "unknown key \"colour\""), (5, "unknown key \"size\"")]
        );
        // Positions after a blanked line are unchanged.
        let role = &split.front_matter.roles[0];
        assert_eq!(
            &source[split.toml_start + role.span().start..][..3],
            "\"x\""
        );
    }

    #[test]
    fn any_other_mistake_leaves_the_page_unreadable() {
        let source = "+++\ncolour = \"red\"\nweight = 1\n+++\n";
        let error = split(Path::new("a.md"), source).err().expect("no title");
        assert_eq!(error.message, "unknown key \"colour\"");
    }
}
