//! The lexers for data files (TOML, JSON, YAML): keys and table names, strings, numbers,
//! constants and comments.

use super::scan::{char_len, line_end, number_end, quoted_end, skip_blanks, starts, Kind, Out};

/// A bare TOML key or YAML/JSON-ish word: letters, digits, `_` and `-`.
fn bare_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80 {
            i += char_len(bytes, i);
        } else {
            break;
        }
    }
    i.min(bytes.len())
}

/// Whether a key ends at `end`: next comes `=` or `.` (a dotted key), blanks allowed.
fn toml_key_follows(bytes: &[u8], end: usize) -> bool {
    matches!(bytes.get(skip_blanks(bytes, end)), Some(b'=' | b'.'))
}

pub(super) fn toml(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = Out::new(code);
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        if b == b'#' {
            let end = line_end(bytes, i);
            out.token(i, end, Kind::Comment);
            i = end;
        } else if b == b'[' && at_line_start {
            let end = line_end(bytes, i);
            let close = bytes[i..end].iter().position(|&b| b == b']');
            let close = close.map_or(end, |n| {
                let after = i + n + 1;
                after + usize::from(bytes.get(after) == Some(&b']'))
            });
            out.token(i, close, Kind::Section);
            i = close;
        } else if b == b'"' || b == b'\'' {
            let end = toml_string_end(bytes, i);
            let kind = if toml_key_follows(bytes, end) {
                Kind::Key
            } else {
                Kind::String
            };
            out.token(i, end, kind);
            i = end;
        } else if b.is_ascii_digit()
            || (matches!(b, b'+' | b'-') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let mut end = number_end(bytes, i + 1);
            // Dates and times: 1979-05-27T07:32:00Z, 07:32:00.5+09:00.
            while matches!(bytes.get(end), Some(b':' | b'-' | b'+' | b'.'))
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end = number_end(bytes, end + 1);
            }
            out.token(i, end, Kind::Number);
            i = end;
        } else if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80 {
            let end = bare_end(bytes, i);
            if toml_key_follows(bytes, end) {
                out.token(i, end, Kind::Key);
            } else if matches!(code.get(i..end), Some("true" | "false" | "inf" | "nan")) {
                out.token(i, end, Kind::Constant);
            }
            i = end;
        } else {
            i += char_len(bytes, i);
        }
    }
    out.finish()
}

fn toml_string_end(bytes: &[u8], i: usize) -> usize {
    if starts(bytes, i, "\"\"\"") {
        quoted_end(bytes, i + 3, "\"\"\"", true, true)
    } else if starts(bytes, i, "'''") {
        quoted_end(bytes, i + 3, "'''", false, true)
    } else if bytes[i] == b'"' {
        quoted_end(bytes, i + 1, "\"", true, false)
    } else {
        quoted_end(bytes, i + 1, "'", false, false)
    }
}

pub(super) fn json(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = Out::new(code);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            let end = quoted_end(bytes, i + 1, "\"", true, false);
            let mut next = end;
            while bytes.get(next).is_some_and(u8::is_ascii_whitespace) {
                next += 1;
            }
            let kind = if bytes.get(next) == Some(&b':') {
                Kind::Key
            } else {
                Kind::String
            };
            out.token(i, end, kind);
            i = end;
        } else if starts(bytes, i, "//") {
            let end = line_end(bytes, i);
            out.token(i, end, Kind::Comment);
            i = end;
        } else if starts(bytes, i, "/*") {
            let end = quoted_end(bytes, i + 2, "*/", false, true);
            out.token(i, end, Kind::Comment);
            i = end;
        } else if b.is_ascii_digit()
            || (b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let end = number_end(bytes, i + 1);
            out.token(i, end, Kind::Number);
            i = end;
        } else if b.is_ascii_alphabetic() {
            let end = bare_end(bytes, i);
            if matches!(code.get(i..end), Some("true" | "false" | "null")) {
                out.token(i, end, Kind::Constant);
            }
            i = end;
        } else {
            i += char_len(bytes, i);
        }
    }
    out.finish()
}

/// YAML line by line: a key before `: `, then its value; comments after a blank.
pub(super) fn yaml(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = Out::new(code);
    let mut start = 0;
    // The indent of a key whose value is a block of text (`key: |` or `key: >-`).
    let mut text_under: Option<usize> = None;
    while start < bytes.len() {
        let end = line_end(bytes, start);
        let indent = skip_blanks(bytes, start) - start;
        let blank = start + indent == end;
        match text_under {
            Some(key_indent) if blank || indent > key_indent => {
                out.token(start + indent, end, Kind::String);
            }
            _ => {
                text_under = None;
                yaml_line(code, start, end, &mut out);
                let line = code.get(start..end).unwrap_or("");
                let value = line
                    .split_once(" #")
                    .map_or(line, |(value, _)| value)
                    .trim_end();
                let block = value.rsplit_once(": ").map_or(value, |(_, v)| v);
                let block =
                    block.trim_end_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
                if (block == "|" || block == ">") && value.len() > block.len() {
                    text_under = Some(indent);
                }
            }
        }
        start = end + 1;
    }
    out.finish()
}

fn yaml_line(code: &str, start: usize, end: usize, out: &mut Out) {
    let bytes = &code.as_bytes()[..end];
    let mut i = skip_blanks(bytes, start);
    while starts(bytes, i, "- ") {
        i = skip_blanks(bytes, i + 2);
    }
    // A key: quoted, or plain up to a `:` followed by a blank or the line's end.
    let key_end = if matches!(bytes.get(i), Some(b'"' | b'\'')) {
        let close = if bytes[i] == b'"' { "\"" } else { "'" };
        Some(quoted_end(bytes, i + 1, close, bytes[i] == b'"', false))
    } else if bytes.get(i).is_some_and(|&b| b != b'#') {
        let mut j = i;
        while j < bytes.len()
            && !(bytes[j] == b':' && matches!(bytes.get(j + 1), Some(b' ' | b'\t') | None))
        {
            if bytes[j] == b'#' && j > i && bytes[j - 1] == b' ' {
                break;
            }
            j += char_len(bytes, j);
        }
        Some(j.min(bytes.len()))
    } else {
        None
    };
    if let Some(key_end) = key_end {
        if bytes.get(key_end) == Some(&b':') && key_end > i {
            out.token(i, key_end, Kind::Key);
            i = skip_blanks(bytes, key_end + 1);
        }
    }
    // The value.
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'#' && (i == start || matches!(bytes[i - 1], b' ' | b'\t')) {
            out.token(i, end, Kind::Comment);
            return;
        }
        if b == b'"' || b == b'\'' {
            let close = if b == b'"' { "\"" } else { "'" };
            let close_at = quoted_end(bytes, i + 1, close, b == b'"', false);
            out.token(i, close_at, Kind::String);
            i = close_at;
            continue;
        }
        if b == b' ' || b == b'\t' || b"[]{},".contains(&b) {
            i += 1;
            continue;
        }
        // A plain scalar: up to ` #`, `,`, `]` or `}` (flow collections) or the line's end.
        let mut j = i;
        while j < bytes.len() && !b",]}".contains(&bytes[j]) && !starts(bytes, j, " #") {
            j += char_len(bytes, j);
        }
        let j = j.min(bytes.len());
        let scalar = code.get(i..j).unwrap_or("").trim_end();
        let scalar_end = i + scalar.len();
        let numeric = scalar.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
            && scalar.parse::<f64>().is_ok();
        if numeric {
            out.token(i, scalar_end, Kind::Number);
        } else if matches!(
            scalar,
            "true" | "false" | "null" | "~" | "yes" | "no" | "True" | "False" | "Null"
        ) {
            out.token(i, scalar_end, Kind::Constant);
        }
        i = j.max(i + 1);
    }
}
