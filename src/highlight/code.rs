//! The lexer for programming languages of the C, script and Python families, driven by a
//! `Grammar`: comments, strings, numbers, keywords, constants, and function and type names.

use super::languages::{Dialect, Grammar};
use super::scan::{
    char_len, is_word, number_end, quoted_end, skip_blanks, starts, word_end, Kind, Out,
};

pub(super) fn highlight(grammar: &Grammar, code: &str) -> String {
    let mut out = Out::new(code);
    lex(grammar, code, 0, code.len(), &mut out);
    out.finish()
}

/// Lexes `code[from..to]` into `out` (HTML lexes a `<script>`'s text with this).
pub(super) fn lex(grammar: &Grammar, code: &str, from: usize, to: usize, out: &mut Out) {
    lex_at(grammar, code, from, to, 0, out);
}

/// How deep interpolations are lexed as code (`${`…`${…}`…}`); deeper ones stay string.
const MAX_DEPTH: usize = 8;

fn lex_at(grammar: &Grammar, code: &str, from: usize, to: usize, depth: usize, out: &mut Out) {
    let bytes = code.as_bytes().get(..to).unwrap_or(code.as_bytes());
    let mut i = from;
    // What the next name is, after `fn` or `class`.
    let mut naming: Option<Kind> = None;
    // Whether a `/` here would start a regular expression (after an operator, not a value).
    let mut expect_value = true;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(end) = comment_end(grammar, bytes, i) {
            out.token(i, end, Kind::Comment);
            i = end;
            continue;
        }
        if b == b'`' && grammar.dialect == Dialect::Script {
            i = interpolated(
                grammar,
                code,
                bytes.len(),
                (i, i + 1),
                ("`", "${", true),
                depth,
                out,
            );
            expect_value = false;
            continue;
        }
        if let Some(end) = string_end(grammar, bytes, i, expect_value) {
            out.token(i, end, Kind::String);
            i = end;
            expect_value = false;
            continue;
        }
        if b.is_ascii_digit() {
            let end = number_end(bytes, i);
            out.token(i, end, Kind::Number);
            i = end;
            expect_value = false;
            continue;
        }
        if is_word(b) || grammar.name_bytes.contains(&b) || (b == b'@' && python(grammar)) {
            let end = word_end(bytes, i + 1, grammar.name_bytes);
            let word = code.get(i..end).unwrap_or("");
            // A string prefix (`r"…"`, `b'…'`, `f"…"`) belongs to its string.
            let f_string = python(grammar) && word.len() <= 2 && word.contains(['f', 'F']);
            let quote = grammar
                .quotes
                .iter()
                .find(|(open, ..)| starts(bytes, end, open));
            if let (true, Some(&(open, close, _, multiline))) = (f_string, quote) {
                let body = end + open.len();
                i = interpolated(
                    grammar,
                    code,
                    bytes.len(),
                    (i, body),
                    (close, "{", multiline),
                    depth,
                    out,
                );
                expect_value = false;
                continue;
            }
            if let Some(string) = prefixed_string(grammar, bytes, i, end) {
                out.token(i, string, Kind::String);
                i = string;
                expect_value = false;
                continue;
            }
            // A name after `.` is a field or method (`map.get(k)`, `self.type`), never a keyword.
            let member = i > 0 && bytes[i - 1] == b'.';
            let (kind, end) = if member {
                let call = bytes.get(skip_blanks(bytes, end)) == Some(&b'(');
                (call.then_some(Kind::Function), end)
            } else {
                classify(grammar, bytes, word, end, naming.take())
            };
            if let Some(kind) = kind {
                out.token(i, end, kind);
            }
            if is_listed(grammar, grammar.function_definers, word) {
                naming = Some(Kind::Function);
            } else if is_listed(grammar, grammar.type_definers, word) {
                naming = Some(Kind::Type);
            }
            expect_value = kind == Some(Kind::Keyword);
            i = end;
            continue;
        }
        if !b.is_ascii_whitespace() {
            expect_value = !matches!(b, b')' | b']' | b'}');
            // `function (…)` names nothing; `fn name<T>` has named already.
            naming = None;
        }
        i += char_len(bytes, i);
    }
}

fn python(grammar: &Grammar) -> bool {
    grammar.dialect == Dialect::Python
}

fn is_listed(grammar: &Grammar, list: &[&str], word: &str) -> bool {
    if grammar.any_case {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word)
    }
}

/// The kind of the name `word` (ending at `end`) and where its token ends (a macro's `!`).
fn classify(
    grammar: &Grammar,
    bytes: &[u8],
    word: &str,
    end: usize,
    naming: Option<Kind>,
) -> (Option<Kind>, usize) {
    if word.starts_with('@') {
        return ((word.len() > 1).then_some(Kind::Function), end);
    }
    if is_listed(grammar, grammar.keywords, word) {
        return (Some(Kind::Keyword), end);
    }
    if is_listed(grammar, grammar.constants, word) {
        return (Some(Kind::Constant), end);
    }
    if let Some(kind) = naming {
        return (Some(kind), end);
    }
    if is_listed(grammar, grammar.types, word) {
        return (Some(Kind::Type), end);
    }
    let next = bytes.get(end).copied();
    if grammar.dialect == Dialect::Rust && next == Some(b'!') && bytes.get(end + 1) != Some(&b'=') {
        return (Some(Kind::Function), end + 1);
    }
    if word.len() > 1
        && word.bytes().any(|b| b.is_ascii_uppercase())
        && !word.bytes().any(|b| b.is_ascii_lowercase())
    {
        // ALL_CAPS names a constant.
        return (Some(Kind::Constant), end);
    }
    if grammar.capitalised_types && word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return (Some(Kind::Type), end);
    }
    if bytes.get(skip_blanks(bytes, end)) == Some(&b'(') {
        return (Some(Kind::Function), end);
    }
    (None, end)
}

/// The end of a comment starting at `i`, if one does.
fn comment_end(grammar: &Grammar, bytes: &[u8], i: usize) -> Option<usize> {
    if grammar.line_comments.iter().any(|c| starts(bytes, i, c)) {
        return Some(super::scan::line_end(bytes, i));
    }
    let (open, close) = grammar.block_comment?;
    if !starts(bytes, i, open) {
        return None;
    }
    let mut depth = 0usize;
    let mut j = i;
    while j < bytes.len() {
        if starts(bytes, j, open) {
            depth += 1;
            j += open.len();
        } else if starts(bytes, j, close) {
            depth = depth.saturating_sub(1);
            j += close.len();
            if depth == 0 || !grammar.nested_comments {
                return Some(j);
            }
        } else {
            j += char_len(bytes, j);
        }
    }
    Some(bytes.len())
}

/// The end of a string (or character, template or regular expression literal) starting at `i`.
fn string_end(grammar: &Grammar, bytes: &[u8], i: usize, expect_value: bool) -> Option<usize> {
    match (grammar.dialect, bytes[i]) {
        (Dialect::Rust, b'\'') => return rust_char_end(bytes, i),
        (Dialect::Script, b'`') => return Some(template_end(bytes, i + 1)),
        (Dialect::Script, b'/') if expect_value => return regex_end(bytes, i),
        _ => {}
    }
    let &(open, close, escapes, multiline) = grammar
        .quotes
        .iter()
        .find(|(open, ..)| starts(bytes, i, open))?;
    Some(quoted_end(bytes, i + open.len(), close, escapes, multiline))
}

/// A Rust character literal (`'a'`, `'\n'`, `'\u{e01}'`, `'ก'`), not a lifetime (`'a`).
fn rust_char_end(bytes: &[u8], i: usize) -> Option<usize> {
    let first = i + 1;
    if bytes.get(first) == Some(&b'\\') {
        return Some(quoted_end(bytes, first, "'", true, false));
    }
    let after = first + char_len(bytes, first);
    (bytes.get(first).is_some_and(|&b| b != b'\'' && b != b'\n')
        && bytes.get(after) == Some(&b'\''))
    .then_some(after + 1)
}

/// A string whose `${…}` (JavaScript templates) or `{…}` (Python f-strings) holds code: its
/// text coloured as a string, the code lexed as code. `(start, body)`: where the string and its
/// text start; `(close, open, multiline)`: its closing quote and what opens code. Returns its end.
fn interpolated(
    grammar: &Grammar,
    code: &str,
    to: usize,
    (start, body): (usize, usize),
    (close, open, multiline): (&str, &str, bool),
    depth: usize,
    out: &mut Out,
) -> usize {
    let bytes = code.as_bytes().get(..to).unwrap_or(code.as_bytes());
    let mut segment = start;
    let mut j = body;
    while j < bytes.len() {
        let b = bytes[j];
        if b == b'\\' {
            j += 1 + char_len(bytes, j + 1);
        } else if starts(bytes, j, close) {
            out.token(segment, j + close.len(), Kind::String);
            return j + close.len();
        } else if !multiline && b == b'\n' {
            out.token(segment, j, Kind::String);
            return j;
        } else if open == "{" && (starts(bytes, j, "{{") || starts(bytes, j, "}}")) {
            j += 2;
        } else if starts(bytes, j, open) {
            let inner = j + open.len();
            let after = braced_end(bytes, inner).min(bytes.len());
            let closed = after > inner && bytes[after - 1] == b'}';
            let inner_end = if closed { after - 1 } else { after };
            out.token(segment, inner, Kind::String);
            if depth < MAX_DEPTH {
                lex_at(grammar, code, inner, inner_end, depth + 1, out);
            }
            segment = inner_end;
            j = after;
        } else {
            j += char_len(bytes, j);
        }
    }
    out.token(segment, bytes.len(), Kind::String);
    bytes.len()
}

/// The end of a template literal whose text starts at `i`, `${…}` with its braces and strings.
fn template_end(bytes: &[u8], i: usize) -> usize {
    nested_end(bytes, i, Within::Template)
}

/// Past the `}` closing a `${` (or an f-string's `{`) whose contents start at `i`.
fn braced_end(bytes: &[u8], i: usize) -> usize {
    nested_end(bytes, i, Within::Code(1))
}

/// What encloses a position in a template: code (with its open braces) or the template's text.
enum Within {
    Code(usize),
    Template,
}

/// Past the end of what `start` opened, templates within code within templates followed on an
/// explicit stack (any depth of nesting, no recursion).
fn nested_end(bytes: &[u8], mut i: usize, start: Within) -> usize {
    let mut stack = vec![start];
    while i < bytes.len() {
        let b = bytes[i];
        let Some(within) = stack.last_mut() else {
            return i;
        };
        match within {
            Within::Template => match b {
                b'\\' => i += 1,
                b'`' => {
                    stack.pop();
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Within::Code(1));
                    i += 1;
                }
                _ => {}
            },
            Within::Code(depth) => match b {
                b'{' => *depth += 1,
                b'}' => {
                    *depth -= 1;
                    if *depth == 0 {
                        stack.pop();
                    }
                }
                b'`' => stack.push(Within::Template),
                b'"' | b'\'' => {
                    let close = if b == b'"' { "\"" } else { "'" };
                    i = quoted_end(bytes, i + 1, close, true, false);
                    continue;
                }
                _ => {}
            },
        }
        i += char_len(bytes, i);
    }
    if stack.is_empty() {
        i
    } else {
        bytes.len()
    }
}

/// A regular expression literal `/…/flags` on one line (a `[…]` class may hold `/`).
fn regex_end(bytes: &[u8], i: usize) -> Option<usize> {
    if matches!(bytes.get(i + 1), Some(b'/' | b'*' | b' ' | b'\n') | None) {
        return None;
    }
    let mut j = i + 1;
    let mut in_class = false;
    while let Some(&b) = bytes.get(j) {
        match b {
            b'\n' => return None,
            b'\\' => j += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'/' if !in_class => return Some(word_end(bytes, j + 1, b"")),
            _ => {}
        }
        j += char_len(bytes, j);
    }
    None
}

/// A string whose prefix is the word `i..end`: Rust's `r#"…"#`, `b"…"`, `br"…"`, `b'…'`;
/// Python's `r`, `b`, `f`, `u` and their pairs.
fn prefixed_string(grammar: &Grammar, bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let prefix = bytes.get(i..end)?;
    let next = *bytes.get(end)?;
    match grammar.dialect {
        Dialect::Rust => match (prefix, next) {
            (b"r" | b"br", b'"' | b'#') => {
                let hashes = bytes[end..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(end + hashes) != Some(&b'"') {
                    return None;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                Some(quoted_end(bytes, end + hashes + 1, &close, false, true))
            }
            (b"b", b'"') => Some(quoted_end(bytes, end + 1, "\"", true, true)),
            (b"b", b'\'') => Some(quoted_end(bytes, end + 1, "'", true, false)),
            _ => None,
        },
        Dialect::Python => {
            let is_prefix = prefix.len() <= 2
                && prefix
                    .iter()
                    .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'f' | b'u'));
            if !is_prefix || !matches!(next, b'"' | b'\'') {
                return None;
            }
            string_end(grammar, bytes, end, false)
        }
        _ => None,
    }
}
