//! `handbook new DIR`: writes a small handbook that builds cleanly and shows each feature once,
//! from the files under `scaffold/` compiled into the binary, in the languages asked for.

use crate::diagnostics::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir, DirEntry};
use regex::{Captures, Regex};
use std::path::{Path, PathBuf};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// The languages the scaffold is written in; pages in any other language start as English copies.
pub const WRITTEN_IN: [&str; 2] = ["th", "en"];

/// What `handbook new` is asked for.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub dir: PathBuf,
    /// Language codes, the default first.
    pub languages: Vec<String>,
    /// One title for every language, instead of the scaffold's.
    pub title: Option<String>,
}

/// One file to write, relative to the new handbook's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// Writes the new handbook; nothing at all when the folder is not empty or a language code is
/// not one. Returns the files written.
pub fn create(options: &NewOptions) -> Result<Vec<NewFile>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let dir = &options.dir;
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut entries| entries.next().is_none());
        match empty {
            Ok(true) => {}
            Ok(false) => diagnostics.push(
                Diagnostic::error(
                    dir,
                    "this folder is not empty: handbook new writes nothing into it",
                )
                .with_hint("name a new folder (it is created) or an empty one"),
            ),
            Err(_) => diagnostics.push(
                Diagnostic::error(dir, "this is not a folder handbook new can write into")
                    .with_hint("name a new folder (it is created) or an empty one"),
            ),
        }
    }
    if options.languages.is_empty() {
        diagnostics.push(
            Diagnostic::error(dir, "no language given").with_hint("for example: --languages th,en"),
        );
    }
    for (index, lang) in options.languages.iter().enumerate() {
        if !crate::config::is_language_code(lang) {
            diagnostics.push(
                Diagnostic::error(dir, format!("\"{lang}\" is not a language code"))
                    .with_hint("use lowercase ISO 639-1 codes such as th, en, lo, my, km"),
            );
        }
        if options.languages[..index].contains(lang) {
            diagnostics.push(Diagnostic::error(
                dir,
                format!("the language \"{lang}\" is given twice"),
            ));
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let files = files(options);
    for file in &files {
        let path = dir.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.text));
        if let Err(error) = written {
            diagnostics.push(Diagnostic::error(
                &path,
                format!("cannot write this file: {error}"),
            ));
            return Err(diagnostics);
        }
    }
    Ok(files)
}

/// The files of the new handbook, in memory.
pub fn files(options: &NewOptions) -> Vec<NewFile> {
    let mut sources = Vec::new();
    collect(&SCAFFOLD, &mut sources);
    let mut files = Vec::new();
    for (path, text) in sources {
        let name = path.to_string_lossy().replace('\\', "/");
        // Pages: `x.th.md` and `x.en.md` here; `x.md` in the default language there.
        if name.ends_with(".th.md") {
            continue;
        }
        if let Some(page) = name.strip_suffix(".en.md") {
            for (index, lang) in options.languages.iter().enumerate() {
                let source = if lang == "th" {
                    sources_text(&SCAFFOLD, &format!("{page}.th.md"))
                } else {
                    Some(text)
                };
                let Some(source) = source else { continue };
                let target = if index == 0 {
                    format!("{page}.md")
                } else {
                    format!("{page}.{lang}.md")
                };
                files.push(NewFile {
                    path: PathBuf::from(target),
                    text: source.to_string(),
                });
            }
            continue;
        }
        let path = if name == "gitignore" {
            PathBuf::from(".gitignore")
        } else {
            path.to_path_buf()
        };
        let mut text = localise(text, &options.languages);
        if name == crate::config::CONFIG_FILE {
            text = configure(&text, options);
        }
        files.push(NewFile { path, text });
    }
    let schemas = crate::schema::files(Path::new(crate::schema::SCHEMA_DIR));
    files.extend(
        schemas
            .into_iter()
            .map(|(path, text)| NewFile { path, text }),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(&'static Path, &'static str)>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect(sub, out),
            DirEntry::File(file) => {
                if let Some(text) = file.contents_utf8() {
                    out.push((file.path(), text));
                }
            }
        }
    }
}

fn sources_text(dir: &'static Dir<'static>, path: &str) -> Option<&'static str> {
    dir.get_file(path).and_then(|file| file.contents_utf8())
}

/// The scaffold's `{ th = ..., en = ... }` values (strings, or lists of strings) in the
/// languages asked for: the value itself for one language, a table for several, the English one
/// for a language it is not written in.
pub fn localise(text: &str, languages: &[String]) -> String {
    const VALUE: &str = r#"("(?:[^"\\]|\\.)*"|\[[^\]]*\])"#;
    let Ok(pair) = Regex::new(&format!(r"\{{ th = {VALUE}, en = {VALUE} \}}")) else {
        return text.to_string();
    };
    pair.replace_all(text, |captures: &Captures| {
        let in_language = |lang: &str| {
            if lang == "th" {
                &captures[1]
            } else {
                &captures[2]
            }
        };
        match languages {
            [only] => in_language(only).to_string(),
            _ => {
                let entries: Vec<String> = languages
                    .iter()
                    .map(|lang| format!("{lang} = {}", in_language(lang)))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }
        }
    })
    .into_owned()
}

/// `handbook.toml` with the languages and title asked for.
fn configure(text: &str, options: &NewOptions) -> String {
    let quoted: Vec<String> = options
        .languages
        .iter()
        .map(|lang| format!("\"{lang}\""))
        .collect();
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("languages = ") {
            out.push_str(&format!("languages = [{}]", quoted.join(", ")));
        } else if let (true, Some(title)) = (line.starts_with("title = "), &options.title) {
            out.push_str(&format!("title = {}", toml_string(title)));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_follow_the_languages_asked_for() {
        let text = r#"title = { th = "คู่มือ", en = "Handbook \"one\"" }"#;
        let languages = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            localise(text, &languages(&["en"])),
            r#"title = "Handbook \"one\"""#
        );
        assert_eq!(
            localise(text, &languages(&["en", "th", "lo"])),
            r#"title = { en = "Handbook \"one\"", th = "คู่มือ", lo = "Handbook \"one\"" }"#
        );
        let lists = r#"avoid = { th = ["ก", "ข"], en = ["a"] }"#;
        assert_eq!(
            localise(lists, &languages(&["th"])),
            r#"avoid = ["ก", "ข"]"#
        );
        assert_eq!(
            localise(lists, &languages(&["en", "th"])),
            r#"avoid = { en = ["a"], th = ["ก", "ข"] }"#
        );
    }

    #[test]
    fn a_title_is_written_as_a_toml_string() {
        assert_eq!(toml_string("A \"b\" \\ c"), r#""A \"b\" \\ c""#);
    }
}
