//! What every hand-written lexer shares: the HTML it writes (one span per coloured token) and
//! byte scanning that only ever stops on ASCII bytes, so a slice never splits a Thai character.

/// The kinds of token the theme colours; everything else (operators, punctuation, plain names)
/// stays the code's own text colour and gets no span at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Comment,
    Keyword,
    String,
    Number,
    Constant,
    Function,
    Type,
    Tag,
    Attribute,
    Key,
    Section,
}

impl Kind {
    /// TextMate scope names, the same `hl-*` classes syntect gives these kinds, so the theme's
    /// rules colour both; one span a token instead of syntect's span per scope.
    fn class(self) -> &'static str {
        match self {
            Kind::Comment => "hl-comment",
            Kind::Keyword => "hl-keyword",
            Kind::String => "hl-string",
            Kind::Number => "hl-constant hl-numeric",
            Kind::Constant => "hl-constant hl-language",
            Kind::Function => "hl-entity hl-name hl-function",
            Kind::Type => "hl-entity hl-name hl-type",
            Kind::Tag => "hl-entity hl-name hl-tag",
            Kind::Attribute => "hl-entity hl-other hl-attribute-name",
            Kind::Key => "hl-entity hl-name hl-key",
            Kind::Section => "hl-entity hl-name hl-section",
        }
    }
}

/// The highlighted HTML of one block, written as tokens are found, in order.
pub(super) struct Out<'a> {
    src: &'a str,
    html: String,
    /// Where the text not yet written starts.
    written: usize,
}

impl<'a> Out<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Out {
            src,
            html: String::with_capacity(src.len() + src.len() / 2),
            written: 0,
        }
    }

    /// Marks `start..end` as a token; the text before it is written plain. A token out of order
    /// or off a character boundary is left plain (a lexer bug must not lose or garble text).
    pub(super) fn token(&mut self, start: usize, end: usize, kind: Kind) {
        if start < self.written || end <= start {
            return;
        }
        let (Some(before), Some(text)) =
            (self.src.get(self.written..start), self.src.get(start..end))
        else {
            return;
        };
        html_escape::encode_text_to_string(before, &mut self.html);
        self.html.push_str("<span class=\"");
        self.html.push_str(kind.class());
        self.html.push_str("\">");
        html_escape::encode_text_to_string(text, &mut self.html);
        self.html.push_str("</span>");
        self.written = end;
    }

    pub(super) fn finish(mut self) -> String {
        if let Some(rest) = self.src.get(self.written..) {
            html_escape::encode_text_to_string(rest, &mut self.html);
        }
        self.html
    }
}

/// The length of the character starting at byte `i` (1 past the end or on a continuation byte).
pub(super) fn char_len(bytes: &[u8], i: usize) -> usize {
    let len = match bytes.get(i) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    };
    len.min(bytes.len().saturating_sub(i)).max(1)
}

pub(super) fn starts(bytes: &[u8], i: usize, pattern: &str) -> bool {
    bytes
        .get(i..)
        .is_some_and(|rest| rest.starts_with(pattern.as_bytes()))
}

/// A letter, digit, `_` or any non-ASCII character (Thai names are names).
pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The end of the word starting at `i`, `extra` naming more bytes words may hold.
pub(super) fn word_end(bytes: &[u8], mut i: usize, extra: &[u8]) -> usize {
    while let Some(&b) = bytes.get(i) {
        if is_word(b) || extra.contains(&b) {
            i += char_len(bytes, i);
        } else {
            break;
        }
    }
    i.min(bytes.len())
}

/// The end of a line from `i`: the index of its `\n`, or the end.
pub(super) fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |n| i + n)
}

/// The end of a quoted text whose opening delimiter ends at `i`: just past `close`; at the line's
/// end when it may not span lines; at the end of the code when unterminated.
pub(super) fn quoted_end(
    bytes: &[u8],
    mut i: usize,
    close: &str,
    escapes: bool,
    multiline: bool,
) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        if escapes && b == b'\\' {
            i += 1 + char_len(bytes, i + 1);
            continue;
        }
        if starts(bytes, i, close) {
            return i + close.len();
        }
        if !multiline && b == b'\n' {
            return i;
        }
        i += char_len(bytes, i);
    }
    bytes.len()
}

/// The first byte at or after `i` that is not a space or tab.
pub(super) fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The end of a number starting at `i`: digits, letters (hex digits, exponents, suffixes), `_`,
/// a decimal point followed by a digit, and an exponent's sign.
pub(super) fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let after_exponent = i > 0 && matches!(bytes[i - 1], b'e' | b'E');
        let decimal_point = b == b'.' && next_is_digit;
        let exponent_sign = matches!(b, b'+' | b'-') && after_exponent && next_is_digit;
        if b.is_ascii_alphanumeric() || b == b'_' || decimal_point || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}
