//! The lexers for markup and style sheets: HTML, XML and SVG (tags, attributes, values,
//! comments, entities, with `<script>` and `<style>` lexed as JavaScript and CSS), and CSS.

use super::languages::{lexer, Lexer};
use super::scan::{
    char_len, is_word, number_end, quoted_end, skip_blanks, starts, word_end, Kind, Out,
};

/// Bytes tag and attribute names may hold besides letters and digits.
const NAME_BYTES: &[u8] = b"-:.";

pub(super) fn html(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = Out::new(code);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if starts(bytes, i, "<!--") {
            let end = quoted_end(bytes, i + 4, "-->", false, true);
            out.token(i, end, Kind::Comment);
            i = end;
        } else if b == b'<' && bytes.get(i + 1).is_some_and(|&n| matches!(n, b'!' | b'?')) {
            let end = word_end(bytes, i + 2, NAME_BYTES);
            out.token(i + 2, end, Kind::Keyword);
            i = attributes(bytes, end, &mut out);
        } else if b == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|&n| n.is_ascii_alphabetic() || n == b'/')
        {
            let closing = bytes[i + 1] == b'/';
            let name_start = i + 1 + usize::from(closing);
            let name_end = word_end(bytes, name_start, NAME_BYTES);
            out.token(name_start, name_end, Kind::Tag);
            i = attributes(bytes, name_end, &mut out);
            let name = code.get(name_start..name_end).unwrap_or("");
            let embedded = if closing || bytes.get(i.wrapping_sub(2)) == Some(&b'/') {
                None
            } else if name.eq_ignore_ascii_case("script") {
                Some(("</script", "js"))
            } else if name.eq_ignore_ascii_case("style") {
                Some(("</style", "css"))
            } else {
                None
            };
            if let Some((close, language)) = embedded {
                let end = find_ignoring_case(bytes, i, close).unwrap_or(bytes.len());
                match lexer(language) {
                    Some(Lexer::Code(grammar)) => super::code::lex(grammar, code, i, end, &mut out),
                    Some(Lexer::Css) => css_lex(code, i, end, &mut out),
                    _ => {}
                }
                i = end;
            }
        } else if b == b'&' {
            let end = word_end(bytes, i + 1, b"#");
            if end > i + 1 && bytes.get(end) == Some(&b';') {
                out.token(i, end + 1, Kind::Constant);
                i = end + 1;
            } else {
                i += 1;
            }
        } else {
            i += char_len(bytes, i);
        }
    }
    out.finish()
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|n| from + n)
}

/// A tag's attributes from `i` up to and past its `>`; where the tag ends.
fn attributes(bytes: &[u8], mut i: usize, out: &mut Out) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'>' => return i + 1,
            b'"' | b'\'' => {
                let end = quoted_end(
                    bytes,
                    i + 1,
                    if b == b'"' { "\"" } else { "'" },
                    false,
                    true,
                );
                out.token(i, end, Kind::String);
                i = end;
            }
            b'=' => {
                i = skip_blanks(bytes, i + 1);
                if bytes
                    .get(i)
                    .is_some_and(|&v| !matches!(v, b'"' | b'\'' | b'>') && !v.is_ascii_whitespace())
                {
                    let mut end = i;
                    while bytes
                        .get(end)
                        .is_some_and(|&v| v != b'>' && !v.is_ascii_whitespace())
                    {
                        end += char_len(bytes, end);
                    }
                    out.token(i, end, Kind::String);
                    i = end;
                }
            }
            b'<' => return i,
            _ if is_word(b) => {
                let end = word_end(bytes, i, NAME_BYTES);
                out.token(i, end, Kind::Attribute);
                i = end;
            }
            _ => i += char_len(bytes, i),
        }
    }
    bytes.len()
}

pub(super) fn css(code: &str) -> String {
    let mut out = Out::new(code);
    css_lex(code, 0, code.len(), &mut out);
    out.finish()
}

/// CSS in `code[from..to]`: selectors, at-rules, properties and their values.
fn css_lex(code: &str, from: usize, to: usize, out: &mut Out) {
    let bytes = code.as_bytes().get(..to).unwrap_or(code.as_bytes());
    let mut i = from;
    let mut depth = 0usize;
    let mut in_value = false;
    while i < bytes.len() {
        let b = bytes[i];
        let starts_number = b.is_ascii_digit()
            || (matches!(b, b'.' | b'-' | b'+')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts(bytes, i, "/*") {
            let end = quoted_end(bytes, i + 2, "*/", false, true);
            out.token(i, end, Kind::Comment);
            i = end;
        } else if b == b'"' || b == b'\'' {
            let end = quoted_end(
                bytes,
                i + 1,
                if b == b'"' { "\"" } else { "'" },
                true,
                false,
            );
            out.token(i, end, Kind::String);
            i = end;
        } else if b == b'@' {
            let end = word_end(bytes, i + 1, b"-");
            out.token(i, end, Kind::Keyword);
            i = end;
        } else if in_value && (starts_number || b == b'#') {
            let mut end = number_end(bytes, i + 1);
            if bytes.get(end) == Some(&b'%') {
                end += 1;
            }
            out.token(i, end, Kind::Number);
            i = end;
        } else if is_word(b) || b == b'-' || (!in_value && depth == 0 && matches!(b, b'.' | b'#')) {
            let end = word_end(bytes, i + 1, b"-");
            let next = bytes.get(skip_blanks(bytes, end)).copied();
            let kind = if in_value {
                (next == Some(b'(')).then_some(Kind::Function)
            } else if depth > 0 && next == Some(b':') {
                Some(Kind::Key)
            } else if depth == 0 && matches!(b, b'.' | b'#') {
                Some(Kind::Attribute)
            } else if depth == 0 {
                Some(Kind::Tag)
            } else {
                None
            };
            if let Some(kind) = kind {
                out.token(i, end, kind);
            }
            i = end;
        } else {
            match b {
                b'{' => {
                    depth += 1;
                    in_value = false;
                }
                b'}' => {
                    depth = depth.saturating_sub(1);
                    in_value = false;
                }
                b';' => in_value = false,
                b':' if depth > 0 => in_value = true,
                _ => {}
            }
            i += char_len(bytes, i);
        }
    }
}
