//! The lexer for shell scripts and commands (bash, sh, zsh): comments, quoted strings with their
//! `$(…)` substitutions, here-documents, keywords, and the command each line runs.

use super::scan::{char_len, line_end, quoted_end, skip_blanks, starts, Kind, Out};

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "select", "time", "return", "exit", "local", "export", "readonly", "declare",
    "unset", "break", "continue", "set", "shift", "source", "eval", "exec", "trap",
];

/// Bytes that end a shell word.
fn ends_word(b: u8) -> bool {
    b.is_ascii_whitespace() || b";|&()<>\"'`$".contains(&b)
}

pub(super) fn highlight(code: &str) -> String {
    let mut out = Out::new(code);
    lex(code, 0, code.len(), &mut out);
    out.finish()
}

/// A terminal session (`console`): a command after a `$ ` prompt, lexed as shell; the lines
/// without a prompt are its output, plain.
pub(super) fn session(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = Out::new(code);
    let mut start = 0;
    while start < bytes.len() {
        let end = line_end(bytes, start);
        let prompt = skip_blanks(bytes, start);
        if starts(bytes, prompt, "$ ") {
            lex(code, prompt + 2, end, &mut out);
        }
        start = end + 1;
    }
    out.finish()
}

/// Lexes `code[from..to]` into `out`.
fn lex(code: &str, from: usize, to: usize, out: &mut Out) {
    let bytes = code.as_bytes().get(..to).unwrap_or(code.as_bytes());
    let mut i = from;
    // Whether the next word is a command (at a line's start, after `;`, `|`, `&&`, `then`…).
    let mut command = true;
    // Here-documents opened on this line, by their closing word, with `<<-`'s indenting.
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    while i < bytes.len() {
        let b = bytes[i];
        let word_start = i == from || ends_word(bytes[i - 1]) && bytes[i - 1] != b'$';
        match b {
            b'\n' => {
                i += 1;
                command = true;
                for (word, indented) in std::mem::take(&mut heredocs) {
                    let end = heredoc_end(bytes, i, &word, indented);
                    out.token(i, end, Kind::String);
                    i = end;
                }
                continue;
            }
            b'#' if word_start => {
                let end = line_end(bytes, i);
                out.token(i, end, Kind::Comment);
                i = end;
                continue;
            }
            b'\'' => {
                let end = quoted_end(bytes, i + 1, "'", false, true);
                out.token(i, end, Kind::String);
                i = end;
                command = false;
                continue;
            }
            b'"' => {
                let end = double_quoted_end(bytes, i + 1);
                out.token(i, end, Kind::String);
                i = end;
                command = false;
                continue;
            }
            b'\\' => {
                i += 1 + char_len(bytes, i + 1);
                continue;
            }
            b'<' if starts(bytes, i, "<<") && !starts(bytes, i, "<<<") => {
                if let Some((word, indented, end)) = heredoc_word(bytes, i + 2) {
                    heredocs.push((word, indented));
                    i = end;
                    continue;
                }
            }
            b';' | b'|' | b'&' | b'(' => command = true,
            b'{' if word_start => command = true,
            _ if word_start && !ends_word(b) => {
                let mut end = i;
                while end < bytes.len() && !ends_word(bytes[end]) {
                    end += char_len(bytes, end);
                }
                let end = end.min(bytes.len());
                let word = code.get(i..end).unwrap_or("");
                if KEYWORDS.contains(&word) {
                    out.token(i, end, Kind::Keyword);
                    command = !matches!(word, "for" | "case" | "in" | "function");
                } else if command
                    && !word.contains('=')
                    && !word.starts_with(['-', '[', ']', '{', '}'])
                {
                    out.token(i, end, Kind::Function);
                    command = false;
                } else if bytes.get(end) == Some(&b'(') && bytes.get(end + 1) == Some(&b')') {
                    out.token(i, end, Kind::Function);
                } else if !word.contains('=') {
                    command = false;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += char_len(bytes, i);
    }
}

/// The end of a double-quoted string whose text starts at `i`: escapes, and `$(…)` holding
/// quotes of its own.
fn double_quoted_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1 + char_len(bytes, i + 1),
            b'"' => return i + 1,
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = substitution_end(bytes, i + 2),
            _ => i += char_len(bytes, i),
        }
    }
    bytes.len()
}

/// Past the `)` closing a `$(` whose command starts at `i`.
fn substitution_end(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 1usize;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                i = double_quoted_end(bytes, i + 1);
                continue;
            }
            b'\'' => {
                i = quoted_end(bytes, i + 1, "'", false, true);
                continue;
            }
            b'\\' => i += 1,
            _ => {}
        }
        i += char_len(bytes, i);
    }
    bytes.len()
}

/// The closing word of a here-document after `<<` at `i` (`-` for indented, the word maybe
/// quoted), and where the word ends.
fn heredoc_word(bytes: &[u8], mut i: usize) -> Option<(String, bool, usize)> {
    let indented = bytes.get(i) == Some(&b'-');
    if indented {
        i += 1;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let quote = bytes.get(i).copied().filter(|b| matches!(b, b'\'' | b'"'));
    let start = i + usize::from(quote.is_some());
    let mut end = start;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        end += 1;
    }
    if end == start || bytes[start].is_ascii_digit() {
        return None;
    }
    let word = String::from_utf8_lossy(&bytes[start..end]).into_owned();
    let after = end + usize::from(quote.is_some() && bytes.get(end) == quote.as_ref());
    Some((word, indented, after))
}

/// The end of a here-document's body starting at `i`: the end of its closing line (or the code).
fn heredoc_end(bytes: &[u8], mut i: usize, word: &str, indented: bool) -> usize {
    while i < bytes.len() {
        let end = line_end(bytes, i);
        let line = &bytes[i..end];
        let line = if indented {
            let tabs = line
                .iter()
                .take_while(|&&b| b == b'\t' || b == b' ')
                .count();
            &line[tabs..]
        } else {
            line
        };
        if line == word.as_bytes() {
            return end;
        }
        i = end + 1;
    }
    bytes.len()
}
