//! The stored text of search results (`docs-<n>.js`) in the index's own compact form, and its decoder.
//!
//! Why a format of our own: the stored text is what a result shows (its excerpt) and what the
//! phrase check reads, and it was the largest part of a built site's search folder (13.6 KiB of
//! the 61.8 KiB of output per page at 10,000 Thai pages). Two thirds of its bytes were Thai
//! letters, three bytes each in UTF-8, and every section repeated its page's address and title.
//! Files read from a disk are not compressed in transit, and deflate would cost the build more
//! CPU than the whole index's writing; this costs one pass over the text each way.
//!
//! **Thai runs.** Within a string, a run of Thai opens with `THAI_SHIFT` (`~`); inside it each
//! Thai code point U+0E01..U+0E3A and U+0E3F..U+0E5B (the assigned letters, marks, digits and
//! signs of the Thai block) is one printable ASCII character of `THAI_LETTERS`, in code point
//! order, and a space stays a space. Any other character ends the run: `~` itself is the end
//! mark (dropped), and a character that is not one of `THAI_LETTERS` (`:`, `.`, `(`, `)`, a
//! quote, a backslash, a control character, anything outside ASCII) ends it and stands for
//! itself. An ASCII character that is one of `THAI_LETTERS` (a Latin letter, a digit) is written
//! after an end mark. Outside a run every character stands for itself, but `~`, which is written
//! twice. `:`, `.`, `(` and `)` are left out of the alphabet because they are what most often
//! follows Thai text with no space between; `"` and `\` because JSON would escape them.
//!
//! **Chunks** (format 4). A chunk file holds consecutive documents, grouped by page:
//! `[[page address, title, kind, [[rest of the address, heading, body], ...]], ...]`, where a
//! document's address is its page's address (up to its `#`) followed by the rest (its `#anchor`,
//! or nothing). A page section's body is its part of the page's print body: the HTML the print
//! document shows (print.js puts a page's parts together there), from which the index's text
//! and search.js's are taken by one rule (`body_text`). Any other document's body is its text,
//! escaped. Every string but the kind is written as above. search.js decodes a document the
//! first time it reads it, back to `[address, title, heading, kind, text]`.

use std::borrow::Cow;

/// Opens a run of Thai letters and ends it; written twice outside a run, it is a `~`.
pub const THAI_SHIFT: char = '~';

/// The stand-ins of the Thai code points U+0E01..U+0E3A and U+0E3F..U+0E5B, in that order:
/// printable ASCII but for the space, `THAI_SHIFT`, `"`, `\`, `:`, `.`, `(` and `)`. search.js
/// has the same string.
pub const THAI_LETTERS: &str =
    "!#$%&'*+,-/0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";

/// The Thai code points with stand-ins: the first block, then the second after the four
/// unassigned ones (U+0E3B..U+0E3E).
const FIRST_BLOCK: (u32, u32) = (0x0E01, 0x0E3A);
const SECOND_BLOCK: (u32, u32) = (0x0E3F, 0x0E5B);
const FIRST_BLOCK_LEN: u32 = FIRST_BLOCK.1 - FIRST_BLOCK.0 + 1;

/// The Thai code point each ASCII byte stands for inside a run (0: none).
const THAI_OF: [u32; 128] = thai_of_ascii();

const fn thai_of_ascii() -> [u32; 128] {
    let letters = THAI_LETTERS.as_bytes();
    let mut table = [0; 128];
    let mut at = 0;
    while at < letters.len() {
        let n = at as u32;
        table[letters[at] as usize] = if n < FIRST_BLOCK_LEN {
            FIRST_BLOCK.0 + n
        } else {
            SECOND_BLOCK.0 + n - FIRST_BLOCK_LEN
        };
        at += 1;
    }
    table
}

/// The ASCII stand-in of a Thai code point, if it has one.
#[cfg(test)]
fn stand_in(c: char) -> Option<u8> {
    let code = u32::from(c);
    let at = if (FIRST_BLOCK.0..=FIRST_BLOCK.1).contains(&code) {
        code - FIRST_BLOCK.0
    } else if (SECOND_BLOCK.0..=SECOND_BLOCK.1).contains(&code) {
        code - SECOND_BLOCK.0 + FIRST_BLOCK_LEN
    } else {
        return None;
    };
    THAI_LETTERS.as_bytes().get(at as usize).copied()
}

/// Whether an ASCII character inside a run would be read as a Thai letter.
fn is_letter_stand_in(c: char) -> bool {
    c.is_ascii() && THAI_OF[c as usize] != 0
}

/// The Thai code point whose UTF-8 starts at byte `at`, if it has a stand-in: that stand-in.
fn stand_in_at(bytes: &[u8], at: usize) -> Option<u8> {
    match bytes.get(at..at + 3)? {
        // U+0E00..U+0E3F are E0 B8 80..BF in UTF-8, U+0E40..U+0E7F are E0 B9 80..BF.
        [0xE0, second @ (0xB8 | 0xB9), third] => {
            let stand_in = STAND_INS[usize::from((second & 1) << 6 | (third & 0x3F))];
            (stand_in != 0).then_some(stand_in)
        }
        _ => None,
    }
}

/// The stand-in of each code point of the Thai block, by its offset in the block (0: none):
/// `stand_in` once for each, not for every letter of every text.
const STAND_INS: [u8; 128] = {
    let letters = THAI_LETTERS.as_bytes();
    let mut table = [0; 128];
    let mut at = 0;
    while at < letters.len() {
        let n = at as u32;
        let code = if n < FIRST_BLOCK_LEN {
            FIRST_BLOCK.0 + n
        } else {
            SECOND_BLOCK.0 + n - FIRST_BLOCK_LEN
        };
        table[(code - 0x0E00) as usize] = letters[at];
        at += 1;
    }
    table
};

/// `text` with its Thai runs written one byte a letter, added to `out`. Outside a run only a
/// Thai letter or a `~` needs anything done, so what lies between is found by a byte scan and
/// copied whole: this runs over every section's text.
pub fn encode_into(text: &str, out: &mut String) {
    encode_escaped(text, out, &PLAIN_STOPS);
}

/// The bytes at which `encode_escaped`'s scan stops: a Thai letter's first byte (E0) and `~`;
/// for JSON also what a JSON string escapes.
const PLAIN_STOPS: [bool; 256] = stops(false);
const JSON_STOPS: [bool; 256] = stops(true);

const fn stops(json: bool) -> [bool; 256] {
    let mut stops = [false; 256];
    stops[0xE0] = true;
    stops[THAI_SHIFT as usize] = true;
    if json {
        let mut byte = 0;
        while byte < 0x20 {
            stops[byte] = true;
            byte += 1;
        }
        stops[b'"' as usize] = true;
        stops[b'\\' as usize] = true;
    }
    stops
}

/// `encode_into`, and when `stops` is `JSON_STOPS` the result escaped as serde_json escapes a
/// string's characters (no quotes added): a chunk is written in one pass over its text. Inside
/// a Thai run nothing needs escaping (the alphabet has no `"` nor `\`).
fn encode_escaped(text: &str, out: &mut String, stops: &[bool; 256]) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    // Where the bytes not yet written start: all of them stand for themselves.
    let mut plain = 0;
    let mut at = 0;
    while let Some(found) = bytes[at..]
        .iter()
        .position(|byte| stops[usize::from(*byte)])
    {
        at += found;
        let byte = bytes[at];
        if byte == THAI_SHIFT as u8 {
            at += 1;
            out.push_str(&text[plain..at]);
            out.push(THAI_SHIFT);
            plain = at;
            continue;
        }
        if byte != 0xE0 {
            // A character JSON escapes (only with `JSON_STOPS`).
            out.push_str(&text[plain..at]);
            push_json_escape(byte, out);
            at += 1;
            plain = at;
            continue;
        }
        if stand_in_at(bytes, at).is_none() {
            at += 1;
            continue;
        }
        out.push_str(&text[plain..at]);
        out.push(THAI_SHIFT);
        // The run: letters and spaces, up to the first other character, which is where a
        // character starts.
        loop {
            if let Some(letter) = stand_in_at(bytes, at) {
                out.push(char::from(letter));
                at += 3;
            } else if bytes.get(at) == Some(&b' ') {
                out.push(' ');
                at += 1;
            } else {
                break;
            }
        }
        plain = at;
        // Those the run would read as letters need its end mark.
        if bytes
            .get(at)
            .is_some_and(|byte| *byte == THAI_SHIFT as u8 || is_letter_stand_in(char::from(*byte)))
        {
            out.push(THAI_SHIFT);
        }
    }
    out.push_str(&text[plain..]);
}

/// The escape serde_json writes in a string for an ASCII control character, `"` or `\`.
fn push_json_escape(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('\\');
    match byte {
        b'"' => out.push('"'),
        b'\\' => out.push('\\'),
        0x08 => out.push('b'),
        0x0C => out.push('f'),
        b'\n' => out.push('n'),
        b'\r' => out.push('r'),
        b'\t' => out.push('t'),
        _ => {
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// `text` encoded (see the module's comment) as a JSON string, quotes included.
fn push_json_string(text: &str, out: &mut String) {
    out.push('"');
    encode_escaped(text, out, &JSON_STOPS);
    out.push('"');
}

/// `text` with its Thai runs written one byte a letter.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    encode_into(text, &mut out);
    out
}

/// The text `encode` wrote. Any string decodes to something (a `~` at the end opens a run with
/// nothing in it), so a damaged file cannot make this fail.
pub fn decode(encoded: &str) -> String {
    if !encoded.contains(THAI_SHIFT) {
        return encoded.to_string();
    }
    let mut out = String::with_capacity(encoded.len() * 2);
    let mut thai = false;
    let mut chars = encoded.chars().peekable();
    while let Some(c) = chars.next() {
        if thai {
            let letter = if c.is_ascii() { THAI_OF[c as usize] } else { 0 };
            if let Some(letter) = char::from_u32(letter).filter(|_| letter != 0) {
                out.push(letter);
                continue;
            }
            if c == ' ' {
                out.push(' ');
                continue;
            }
            thai = false;
            if c != THAI_SHIFT {
                out.push(c);
            }
        } else if c == THAI_SHIFT {
            if chars.next_if_eq(&THAI_SHIFT).is_some() {
                out.push(THAI_SHIFT);
            } else {
                thai = true;
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A document as results show it: borrowed from the search document when it is written,
/// owned when read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument<'a> {
    /// Relative to the site root, with `#anchor` where it points into a page.
    pub url: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub heading: Cow<'a, str>,
    pub kind: Cow<'a, str>,
    /// HTML: a page section's part of the print body, or another document's text escaped.
    pub body: Cow<'a, str>,
}

/// The JSON of a chunk of consecutive documents (see the module's comment):
/// `[[page address, title, kind, [[rest of address, heading, text], ...]], ...]`, written
/// straight into one string, each text encoded and escaped in one pass.
pub fn chunk_json(docs: &[StoredDocument]) -> String {
    let bytes: usize = docs.iter().map(|doc| doc.body.len() + 64).sum();
    let mut out = String::with_capacity(bytes + 2);
    out.push('[');
    let mut last: Option<(&str, &str, &str)> = None;
    for doc in docs {
        let (page, rest) = doc.url.split_at(doc.url.find('#').unwrap_or(doc.url.len()));
        let key = (page, doc.title.as_ref(), doc.kind.as_ref());
        if last != Some(key) {
            if last.is_some() {
                out.push_str("]],");
            }
            out.push('[');
            push_json_string(page, &mut out);
            out.push(',');
            push_json_string(&doc.title, &mut out);
            out.push_str(",\"");
            // The kind is not encoded, only escaped.
            encode_json_only(&doc.kind, &mut out);
            out.push_str("\",[");
            last = Some(key);
        } else {
            out.push(',');
        }
        out.push('[');
        push_json_string(rest, &mut out);
        out.push(',');
        push_json_string(&doc.heading, &mut out);
        out.push(',');
        push_json_string(&doc.body, &mut out);
        out.push(']');
    }
    if last.is_some() {
        out.push_str("]]");
    }
    out.push(']');
    out
}

/// `text` escaped as a JSON string's characters, not encoded.
fn encode_json_only(text: &str, out: &mut String) {
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        if byte < 0x20 || byte == b'"' || byte == b'\\' {
            out.push_str(&text[plain..at]);
            push_json_escape(byte, out);
            plain = at + 1;
        }
    }
    out.push_str(&text[plain..]);
}

/// The documents of a chunk file's data, in order; `None` when it is not a chunk.
pub fn decode_chunk(chunk: &serde_json::Value) -> Option<Vec<StoredDocument<'static>>> {
    let mut docs = Vec::new();
    for page in chunk.as_array()? {
        let field = |n: usize| page.get(n).and_then(serde_json::Value::as_str);
        let (url, title, kind) = (decode(field(0)?), decode(field(1)?), field(2)?);
        for doc in page.get(3)?.as_array()? {
            let field = |n: usize| doc.get(n).and_then(serde_json::Value::as_str).map(decode);
            docs.push(StoredDocument {
                url: Cow::Owned(format!("{url}{}", field(0)?)),
                title: Cow::Owned(title.clone()),
                heading: Cow::Owned(field(1)?),
                kind: Cow::Owned(kind.to_string()),
                body: Cow::Owned(field(2)?),
            });
        }
    }
    Some(docs)
}

#[cfg(test)]
#[path = "stored_text_tests.rs"]
mod tests;
