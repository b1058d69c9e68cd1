//! The text of a stored body (the HTML a print document shows for a page section) as search reads it: one rule, here and in search.js (`bodyText`).
//!
//! A page's text is stored once, as its print body, cut at its sections (`stored_text`). The
//! index is built from the text this rule takes out of each piece, and search.js takes the same
//! text out of the same piece for excerpts and the phrase check, so a phrase the index finds is
//! one the check confirms. `tests/search.rs` holds the two to the same output in node.
//!
//! The rule: the headings a piece starts with are its heading, not its text, and are skipped;
//! every other tag is dropped, the block ones (`BLOCK_TAGS`) leaving a space; the entities are
//! decoded; a body cell of a table of two or three short column headings gets its heading before
//! it, marked as shown only (see `markdown::SHOWN_ONLY_START`); invisible characters
//! (`normalise::is_invisible`) go, whitespace collapses to single spaces (none at either end),
//! and the text is composed (NFC), in that order.

use super::normalise::{display, is_invisible};
use crate::markdown::ColumnHeadings;
use std::borrow::Cow;

/// Tags that separate words (a space in the text), opening or closing, sorted. search.js has the
/// same list.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The text of `html` as the index reads it and search results show it (see the module's comment).
pub fn body_text(html: &str) -> String {
    let html = without_leading_headings(html);
    let bytes = html.as_bytes();
    let mut words = Words {
        out: String::with_capacity(html.len()),
        space: false,
    };
    let mut table = Table::default();
    // One scan over every page's body: the words between tags, entities, whitespace and
    // invisible characters are copied whole (`word` starts the one being scanned), tag names
    // compared in place; `text` starts the text a table's heading cell may need.
    let (mut at, mut word, mut text) = (0, 0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'<' | b'&' => {
                words.word(&html[word..at]);
                table.text(&html[text..at]);
                if bytes[at] == b'&' {
                    let (c, len) = entity(&html[at..]);
                    let mut buffer = [0; 4];
                    let c = &*c.encode_utf8(&mut buffer);
                    table.text(c);
                    words.push(c);
                    at += len;
                } else if let Some(end) = html[at..].find('>') {
                    tag(&html[at + 1..at + end], &mut table, &mut words);
                    at += end + 1;
                } else {
                    // A `<` that opens no tag: the rest is text.
                    words.push(&html[at..]);
                    table.text(&html[at..]);
                    at = bytes.len();
                }
                (word, text) = (at, at);
                continue;
            }
            // A single space between two words is copied with them: the text would get one
            // there anyway (the word before is not empty, nor the one after, which starts with
            // a byte that can start neither whitespace, a tag, an entity nor an invisible
            // character).
            b' ' if at > word
                && bytes.get(at + 1).is_some_and(|next| {
                    !matches!(
                        next,
                        9..=13 | b' ' | b'<' | b'&' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
                    )
                }) =>
            {
                at += 1;
            }
            9..=13 | b' ' => {
                words.word(&html[word..at]);
                words.space = true;
                at += 1;
                word = at;
                continue;
            }
            // A Thai letter (E0 starts only three-byte characters): none is whitespace or
            // invisible, so it is skipped whole.
            0xE0 => at += 3,
            // Whitespace and invisible characters outside ASCII start with one of these.
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let (space, len) = match html[at..].chars().next() {
                    Some(c) if c.is_whitespace() => (true, c.len_utf8()),
                    Some(c) if is_invisible(c) => (false, c.len_utf8()),
                    _ => {
                        at += 1;
                        continue;
                    }
                };
                words.word(&html[word..at]);
                words.space |= space;
                at += len;
                word = at;
            }
            _ => at += 1,
        }
    }
    words.word(&html[word..]);
    // No invisible character is left: this composes the text (NFC) if it is not already, and
    // the text is kept as it is, not copied, when it is NFC already.
    let composed = match display(&words.out) {
        Cow::Owned(composed) => Some(composed),
        Cow::Borrowed(_) => None,
    };
    composed.unwrap_or(words.out)
}

/// Follows the tag whose text between `<` and `>` is `tag`: a table's, a block's (a space).
fn tag(tag: &str, table: &mut Table, words: &mut Words) {
    let closing = tag.starts_with('/');
    let name = tag.trim_start_matches('/');
    let name = &name[..name
        .bytes()
        .position(|byte| !byte.is_ascii_alphanumeric())
        .unwrap_or(name.len())];
    let lowered;
    let name = if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        lowered = name.to_ascii_lowercase();
        lowered.as_str()
    } else {
        name
    };
    // Only table, thead, tr, td and th change the table's state.
    if name.starts_with('t') {
        if let Some(label) = table.tag(name, closing) {
            words.push(&label);
        }
    }
    if is_block(name) {
        words.space = true;
    }
}

/// The text being taken: words one space apart (none at either end), invisible characters
/// dropped, as `markdown::collapse_whitespace` and `normalise::is_invisible` have them.
struct Words {
    out: String,
    /// Whitespace since the last word.
    space: bool,
}

impl Words {
    /// Adds `text`, copying each run of it between whitespace and invisible characters whole.
    /// Outside ASCII, those start with one of the bytes C2, E1, E2, E3 or EF, never inside a
    /// character.
    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            let (len, space) = match bytes[at] {
                9..=13 | 32 => (1, true),
                0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => match text[at..].chars().next() {
                    Some(c) if c.is_whitespace() => (c.len_utf8(), true),
                    Some(c) if is_invisible(c) => (c.len_utf8(), false),
                    _ => {
                        at += 1;
                        continue;
                    }
                },
                _ => {
                    at += 1;
                    continue;
                }
            };
            self.word(&text[start..at]);
            self.space |= space;
            at += len;
            start = at;
        }
        self.word(&text[start..]);
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(word);
    }
}

fn is_block(name: &str) -> bool {
    // Compared as numbers: a binary search of the strings called memcmp for every tag of every
    // page (a fifth of the memcmp samples of a 10,000-page build).
    packed(name.as_bytes()).is_some_and(|key| BLOCK_KEYS.binary_search(&key).is_ok())
}

/// A tag name of up to 16 bytes as a number (bytes big-endian, so numbers sort as names do,
/// shorter first among names one starts the other with); `None` for a longer name.
const fn packed(name: &[u8]) -> Option<u128> {
    if name.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    let mut at = 0;
    while at < 16 {
        key <<= 8;
        if at < name.len() {
            key |= name[at] as u128;
        }
        at += 1;
    }
    Some(key)
}

/// `BLOCK_TAGS` packed, in the same (sorted) order.
const BLOCK_KEYS: [u128; BLOCK_TAGS.len()] = {
    let mut keys = [0; BLOCK_TAGS.len()];
    let mut at = 0;
    while at < BLOCK_TAGS.len() {
        keys[at] = match packed(BLOCK_TAGS[at].as_bytes()) {
            Some(key) => key,
            None => panic!("a block tag's name is longer than 16 bytes"),
        };
        at += 1;
    }
    keys
};

/// `html` after the headings it starts with (and the whitespace around them).
fn without_leading_headings(mut html: &str) -> &str {
    loop {
        let trimmed = html.trim_start();
        let bytes = trimmed.as_bytes();
        let level = match bytes {
            [b'<', b'h' | b'H', level @ b'1'..=b'6', b' ' | b'>', ..] => *level,
            _ => return trimmed,
        };
        let close = format!("</h{}>", char::from(level));
        match trimmed.find(&close) {
            Some(at) => html = &trimmed[at + close.len()..],
            None => return trimmed,
        }
    }
}

/// The character of the entity `text` starts with, and its length; a `&` alone when it is none
/// of those HTML writers use.
fn entity(text: &str) -> (char, usize) {
    let end = text.as_bytes().iter().take(12).position(|b| *b == b';');
    let Some(end) = end else { return ('&', 1) };
    let name = &text[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{A0}'),
        _ => {
            let number = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
                Some(decimal) => decimal.parse::<u32>().ok(),
                None => None,
            };
            number.and_then(char::from_u32)
        }
    };
    match c {
        Some(c) => (c, end + 1),
        None => ('&', 1),
    }
}

/// Follows a table's tags to label its body cells with their column's heading.
#[derive(Default)]
struct Table {
    headings: ColumnHeadings,
    in_head: bool,
    in_head_cell: bool,
    column: usize,
}

impl Table {
    fn text(&mut self, text: &str) {
        if self.in_head_cell {
            self.headings.push_str(text);
        }
    }

    /// Follows one tag; at the start of a body cell under a short heading, the label to put
    /// before its text.
    fn tag(&mut self, name: &str, closing: bool) -> Option<String> {
        match (name, closing) {
            ("table", false) => self.headings.clear(),
            ("thead", open) => self.in_head = !open,
            ("tr", false) => self.column = 0,
            ("td" | "th", true) => {
                self.column += 1;
                self.in_head_cell = false;
            }
            ("th" | "td", false) if self.in_head => {
                self.headings.start();
                self.in_head_cell = true;
            }
            ("th" | "td", false) => return self.headings.label(self.column),
            _ => {}
        }
        None
    }
}

/// `text` as a stored body: escaped, so that [`body_text`] gives it back.
pub fn as_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{SHOWN_ONLY_END, SHOWN_ONLY_START};

    #[test]
    fn whitespace_collapses_as_the_markdown_pass_collapses_it() {
        for text in [
            "",
            "   ",
            " a  b\t\nc ",
            "ก\u{A0}\u{A0}ข\u{3000}ค\u{2028}",
            "x\u{85}y\u{1680}z\u{205F}\u{2009}w",
            "\u{E2}\u{80}",
            "é ñ  😀 ข",
        ] {
            let mut words = Words {
                out: String::new(),
                space: false,
            };
            words.push(text);
            assert_eq!(
                words.out,
                crate::markdown::collapse_whitespace(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_without_tags_comes_back_with_its_whitespace_collapsed() {
        let pool = [
            "a",
            "word",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{A0}",
            "ก",
            "ข้อ",
            "<",
            "&",
            "\u{200B}",
            "’",
            "é",
            "x y",
        ];
        let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
        for round in 0..20_000 {
            let text: String = (0..(round % 12))
                .map(|_| pool[random(pool.len())])
                .collect();
            let mut expected = crate::markdown::collapse_whitespace(&text);
            expected.retain(|c| !is_invisible(c));
            let expected = crate::markdown::collapse_whitespace(&expected);
            assert_eq!(body_text(&as_body(&text)), expected, "{text:?}");
        }
    }

    #[test]
    fn the_block_tags_are_sorted_for_their_search() {
        assert!(BLOCK_TAGS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(BLOCK_KEYS.windows(2).all(|pair| pair[0] < pair[1]));
        for tag in BLOCK_TAGS {
            assert!(is_block(tag), "{tag}");
            assert!(
                !is_block(&format!("{tag}x")) && !is_block(&tag[1..]),
                "{tag}"
            );
        }
        assert!(!is_block("") && !is_block("blockquoteblockquote"));
        assert!(is_block("p") && is_block("thead") && !is_block("k-w") && !is_block("em"));
    }

    #[test]
    fn headings_at_the_start_are_skipped_and_tags_dropped() {
        let html = "<h3 id=\"a\">In practice</h3>\n<h4 id=\"b\">Abroad</h4>\n<p>Treat <em>them</em> as a <k-w>child</k-w>.</p>\n<ul>\n<li>one</li><li>two &amp; three</li>\n</ul>\n<h5>Later</h5><p>x</p>";
        assert_eq!(
            body_text(html),
            "Treat them as a child. one two & three Later x"
        );
    }

    #[test]
    fn thai_keeps_its_words_whole_across_inline_marks() {
        assert_eq!(
            body_text("<p>ติดต่อ<k-w>เจ้าหน้าที่</k-w>ได้ทันที</p><p>ขั้นตอน</p>"),
            "ติดต่อเจ้าหน้าที่ได้ทันที ขั้นตอน"
        );
    }

    #[test]
    fn cells_of_a_comparing_table_are_labelled_for_excerpts_only() {
        let html = "<table><thead><tr><th>Do</th><th>Avoid</th></tr></thead><tbody>\n<tr><td>listen</td><td>relatives as interpreters</td></tr>\n</tbody></table>";
        assert_eq!(
            body_text(html),
            format!(
                "Do Avoid {s}Do:{e} listen {s}Avoid:{e} relatives as interpreters",
                s = SHOWN_ONLY_START,
                e = SHOWN_ONLY_END
            )
        );
        let wide = "<table><thead><tr><th>a</th><th>b</th><th>c</th><th>d</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></tbody></table>";
        assert_eq!(body_text(wide), "a b c d 1 2 3 4");
    }

    #[test]
    fn entities_and_invisible_characters() {
        assert_eq!(
            body_text("<p>a &lt;b&gt; &#x27;c&#39; &quot;d&quot; &bogus; & e\u{200B}f</p>"),
            "a <b> 'c' \"d\" &bogus; & ef"
        );
        assert_eq!(body_text(&as_body("x < y & z > w")), "x < y & z > w");
        assert_eq!(body_text("<p>unclosed <b"), "unclosed <b");
    }
}
