//! One error type for everything the user can get wrong: file, line, column, message and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in the user's input, pointing at the place that caused it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the handbook root where possible).
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The source line, for the caret display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a byte offset of `source`, which is the whole file's text.
    pub fn at_offset(mut self, source: &str, offset: usize) -> Self {
        let position = Position::of_offset(source, offset);
        self.line = position.line;
        self.column = position.column;
        self.source_line = source.lines().nth(position.line - 1).map(str::to_string);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (&self.path, self.line, self.column, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {label}: {}", self.message)?;
        if let Some(source_line) = &self.source_line {
            let gutter = self.line.to_string().len();
            writeln!(f)?;
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", self.line, source_line)?;
            let indent: String = source_line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "{:gutter$} | {indent}^", "")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column (in characters) within a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn of_offset(source: &str, offset: usize) -> Position {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

/// All the problems found in one run, printed together, sorted by file and line.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Errors as printed: a problem found twice (a page shown in two languages) counts once.
    pub fn error_count(&self) -> usize {
        self.distinct().into_iter().filter(|d| d.is_error()).count()
    }

    /// Warnings as printed, each counted once.
    pub fn warning_count(&self) -> usize {
        self.distinct()
            .into_iter()
            .filter(|d| !d.is_error())
            .count()
    }

    /// The problems in printing order, each once (what `sorted` gives, borrowed).
    fn distinct(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, line and column, with exact duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

/// The closest of `candidates` to `unknown`, for "did you mean" hints.
pub fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean" hint text, if something is close enough.
pub fn did_you_mean<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(unknown, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

/// Turns a TOML parse or schema error into a diagnostic.
/// `source` is the whole file; `toml_start` is the byte offset where the TOML text begins
/// (non-zero for front matter).
pub fn from_toml_error(
    path: &Path,
    source: &str,
    toml_start: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let raw = error.message().trim();
    let (message, hint) = explain_toml_message(raw);
    let offset = toml_start + error.span().map_or(0, |span| span.start);
    let diagnostic = Diagnostic::error(path, message).at_offset(source, offset);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// serde reports "unknown field `titel`, expected one of `title`, `weight`": reword it and suggest.
fn explain_toml_message(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once('`') {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = did_you_mean(name, known.iter().copied()).or_else(|| {
                (!known.is_empty()).then(|| format!("known keys: {}", known.join(", ")))
            });
            return (format!("unknown key \"{name}\""), hint);
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        if let Some((name, _)) = rest.split_once('`') {
            return (
                format!("missing required key \"{name}\""),
                Some(format!("add `{name} = ...`")),
            );
        }
    }
    (raw.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_line_and_column_counts_thai_characters_not_bytes() {
        let source = "a\nคู่มือ x";
        let offset = source.find('x').unwrap();
        assert_eq!(
            Position::of_offset(source, offset),
            Position { line: 2, column: 8 }
        );
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        let (message, hint) =
            explain_toml_message("unknown field `titel`, expected one of `title`, `weight`");
        assert_eq!(message, "unknown key \"titel\"");
        assert_eq!(hint.as_deref(), Some("did you mean \"title\"?"));
    }

    #[test]
    fn display_shows_location_source_line_and_caret() {
        let d = Diagnostic::error("content/a.md", "bad")
            .at_offset("+++\ntitel = 1\n", 4)
            .with_hint("fix it");
        let text = d.to_string();
        assert!(text.starts_with("content/a.md:2:1: error: bad"), "{text}");
        assert!(text.contains("2 | titel = 1"));
        assert!(text.contains("= hint: fix it"));
    }
}
