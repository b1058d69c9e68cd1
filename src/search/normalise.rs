//! Text normalisation shared by the index (here) and the query side (search.js): both must agree byte for byte.
//!
//! The same steps, in the same order, are implemented in `themes/default/static/js/search.js`;
//! `tests/search/normalise-vectors.json` holds the cases both are tested against.

pub use crate::markdown::{SHOWN_ONLY_END, SHOWN_ONLY_START};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that change nothing a reader sees but split words for a computer.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// `text` without the parts only shown in excerpts (see [`SHOWN_ONLY_START`]): what the index reads.
pub fn indexed(text: &str) -> Cow<'_, str> {
    if !text.contains(SHOWN_ONLY_START) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(SHOWN_ONLY_START) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        rest = rest
            .find(SHOWN_ONLY_END)
            .map_or("", |end| &rest[end + SHOWN_ONLY_END.len_utf8()..]);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

const SARA_E: char = '\u{0E40}';
const SARA_AE: char = '\u{0E41}';
const NIKHAHIT: char = '\u{0E4D}';
const SARA_AA: char = '\u{0E32}';
const SARA_AM: char = '\u{0E33}';
const MAI_YAMOK: char = '\u{0E46}';

/// Thai tone marks (mai ek, mai tho, mai tri, mai chattawa).
fn is_thai_tone(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

/// Vowels written above or below the consonant: a tone mark belongs after them.
fn is_thai_above_below_vowel(c: char) -> bool {
    c == '\u{0E31}' || ('\u{0E34}'..='\u{0E3A}').contains(&c)
}

/// Thai combining marks: vowels above/below, tone marks and the other signs written over a consonant.
pub fn is_thai_mark(c: char) -> bool {
    is_thai_above_below_vowel(c) || ('\u{0E47}'..='\u{0E4E}').contains(&c)
}

/// Folds text for searching: NFC, invisible characters removed, Thai typing variants folded,
/// Thai digits to ASCII, lowercase. Display text keeps its case; see [`display`].
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Text as stored for excerpts: NFC with invisible characters removed, so that the query side
/// can find normalised terms in it with a per-character fold (no reordering across characters).
/// Borrowed when `text` is that already, as nearly all is.
pub fn display(text: &str) -> Cow<'_, str> {
    // Most text is already NFC: composing it again would change nothing but cost the most.
    match scan(text) {
        Scan::Nfc { invisible: false } => Cow::Borrowed(text),
        Scan::Nfc { invisible: true } => {
            Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
        }
        Scan::NotNfc => Cow::Owned(text.nfc().filter(|c| !is_invisible(*c)).collect()),
    }
}

/// What one pass over a text found: whether it passes the NFC quick check, and if it does,
/// whether it has invisible characters.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    Nfc { invisible: bool },
    NotNfc,
}

/// Whether `text` passes the NFC quick check (`is_nfc_quick` says Yes).
#[cfg(test)]
fn is_nfc(text: &str) -> bool {
    scan(text) != Scan::NotNfc
}

/// The NFC quick check of `text` (as `is_nfc_quick`, character by character) and whether it
/// has invisible characters, in one pass. ASCII and Thai, nearly all of a handbook, are read
/// from their bytes without Unicode's tables: no Thai character changes under NFC, so only the
/// order of Thai marks can fail (the tests below hold this to the tables). Any other character
/// (a typographic quote, a dash) is decoded and looked up.
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut last_class = 0;
    let mut invisible = false;
    let mut at = 0;
    while at < bytes.len() {
        let class = match bytes[at..] {
            [byte, ..] if byte.is_ascii() => {
                at = ascii_end(bytes, at + 1);
                0
            }
            // The Thai block, U+0E00..U+0E7F: E0 B8 80..BF and E0 B9 80..BF in UTF-8.
            [0xE0, second @ (0xB8 | 0xB9), third, ..] => {
                at += 3;
                THAI_CLASSES[thai_offset(second, third)]
            }
            _ => {
                let Some(c) = text[at..].chars().next() else {
                    break;
                };
                at += c.len_utf8();
                invisible |= is_invisible(c);
                if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
                    return Scan::NotNfc;
                }
                unicode_normalization::char::canonical_combining_class(c)
            }
        };
        if class != 0 && last_class > class {
            return Scan::NotNfc;
        }
        last_class = class;
    }
    Scan::Nfc { invisible }
}

/// Where the run of ASCII bytes that goes on at `at` ends: read eight bytes at a time while
/// they are all ASCII (English text is long runs of it), then a byte at a time.
fn ascii_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(eight) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes([
            eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
        ]);
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii) {
        at += 1;
    }
    at
}

/// The offset in the Thai block (0 to 127) of the character whose last two UTF-8 bytes are
/// `second` (B8 or B9) and `third`.
fn thai_offset(second: u8, third: u8) -> usize {
    usize::from((second & 1) << 6 | (third & 0x3F))
}

/// Unicode's canonical combining class of each character of the Thai block, by offset.
const THAI_CLASSES: [u8; 128] = {
    let mut classes = [0; 128];
    let mut offset = 0;
    while offset < 128 {
        classes[offset] = thai_combining_class(0x0E00 + offset as u32);
        offset += 1;
    }
    classes
};

/// Unicode's canonical combining class of a code point of the Thai block.
const fn thai_combining_class(code: u32) -> u8 {
    match code {
        0x0E38 | 0x0E39 => 103,
        0x0E3A => 9,
        0x0E48..=0x0E4B => 107,
        _ => 0,
    }
}

/// What folding does with each character of the Thai block, by offset: most are written as
/// they are; the marks and two vowels whose folds look back are folded by `fold_char`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ThaiFold {
    Keep,
    LookBack,
    Drop,
    Digit,
}

const THAI_FOLDS: [ThaiFold; 128] = {
    let mut folds = [ThaiFold::Keep; 128];
    let mut offset = 0;
    while offset < 128 {
        let code = 0x0E00 + offset as u32;
        folds[offset] = if code == MAI_YAMOK as u32 {
            ThaiFold::Drop
        } else if code >= 0x0E50 && code <= 0x0E59 {
            ThaiFold::Digit
        } else if code == SARA_E as u32
            || code == SARA_AA as u32
            || code == 0x0E31
            || (code >= 0x0E34 && code <= 0x0E3A)
            || (code >= 0x0E47 && code <= 0x0E4E)
        {
            ThaiFold::LookBack
        } else {
            ThaiFold::Keep
        };
        offset += 1;
    }
    folds
};

fn fold_into(text: &str, out: &mut String) {
    // Most text is ASCII and Thai, and already NFC: folded in one pass that checks NFC as it
    // goes, and done again through the composing iterator only when the check fails.
    let start = out.len();
    if fold_nfc(text, out) {
        return;
    }
    out.truncate(start);
    fold_chars(text.nfc(), out);
}

/// Appends `text` folded to `out` and returns true if `text` passes the NFC quick check
/// (`is_nfc`'s, character by character); returns false as soon as it does not, having written
/// part of it. ASCII and the Thai block are read from their bytes.
fn fold_nfc(text: &str, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    let mut last_class = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii() {
            // None of the folds applies to ASCII but lowercasing: a run of it is copied whole
            // and lowercased in place.
            let end = ascii_end(bytes, at + 1);
            let written = out.len();
            out.push_str(&text[at..end]);
            out[written..].make_ascii_lowercase();
            last_class = 0;
            at = end;
            continue;
        }
        if let [0xE0, second @ (0xB8 | 0xB9), third, ..] = bytes[at..] {
            let offset = thai_offset(second, third);
            let class = THAI_CLASSES[offset];
            if class != 0 && last_class > class {
                return false;
            }
            last_class = class;
            at += 3;
            // Every offset below 0x80 is a code point of the Thai block.
            let c = char::from_u32(0x0E00 + offset as u32).unwrap_or(' ');
            match THAI_FOLDS[offset] {
                ThaiFold::Keep => out.push(c),
                // Only after sara e, nikhahit, a tone mark or the same mark does a fold
                // change what is written.
                ThaiFold::LookBack => match last_thai(out) {
                    Some(0x40 | 0x4D | 0x48..=0x4B) => fold_char(c, out),
                    Some(last) if last == offset => fold_char(c, out),
                    _ => out.push(c),
                },
                ThaiFold::Drop => {}
                ThaiFold::Digit => out.push(char::from(b'0' + (offset - 0x50) as u8)),
            }
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let class = unicode_normalization::char::canonical_combining_class(c);
        if class != 0 && last_class > class || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
        {
            return false;
        }
        last_class = class;
        at += c.len_utf8();
        fold_char(c, out);
    }
    true
}

/// The offset in the Thai block of the last character of `text`, if it is of that block.
fn last_thai(text: &str) -> Option<usize> {
    match text.as_bytes() {
        [.., 0xE0, second @ (0xB8 | 0xB9), third] => Some(thai_offset(*second, *third)),
        _ => None,
    }
}

/// Appends the folded `chars` to `out`.
fn fold_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        fold_char(c, out);
    }
}

/// Appends `c` folded to `out`. Folds look back at the last two characters written.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        // None of the folds below applies to ASCII but lowercasing.
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_invisible(c) || c == MAI_YAMOK {
        return;
    }
    if ('\u{0E50}'..='\u{0E59}').contains(&c) {
        out.push(char::from(b'0' + (c as u32 - 0x0E50) as u8));
        return;
    }
    // Every fold below folds a mark or one of two vowels: the characters written before
    // any other (most Thai letters) need not be read back.
    if !(c == SARA_E || c == SARA_AA || is_thai_mark(c)) {
        push_lowercase(c, out);
        return;
    }
    let mut written = out.chars().rev();
    let (last, before_last) = (written.next(), written.next());
    if c == SARA_E && last == Some(SARA_E) {
        out.pop();
        out.push(SARA_AE);
        return;
    }
    if c == SARA_AA && last == Some(NIKHAHIT) {
        out.pop();
        out.push(SARA_AM);
        return;
    }
    if let Some(tone) = last.filter(|last| is_thai_tone(*last)) {
        if c == SARA_AA && before_last == Some(NIKHAHIT) {
            // Nikhahit, tone, sara aa: the tone then sara am.
            out.pop();
            out.pop();
            out.push(tone);
            out.push(SARA_AM);
            return;
        }
        if is_thai_above_below_vowel(c) {
            // Typed tone-then-vowel: the standard order puts the vowel first.
            if before_last != Some(c) {
                out.pop();
                out.push(c);
                out.push(tone);
            }
            return;
        }
    }
    if is_thai_mark(c) && last == Some(c) {
        return;
    }
    push_lowercase(c, out);
}

/// Adds `c` lowercased to `out`.
fn push_lowercase(c: char, out: &mut String) {
    // Nothing in the Thai block has case; skipping it spares a table lookup a character.
    // Elsewhere every character with a lowercase mapping is mapped, as JavaScript's
    // toLowerCase() does: not only uppercase letters but titlecase ones such as ǅ.
    if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shown_only_in_excerpts_is_not_indexed() {
        let text = format!("Do Avoid {SHOWN_ONLY_START}Avoid:{SHOWN_ONLY_END} Use relatives");
        assert_eq!(indexed(&text), "Do Avoid  Use relatives");
        // Stored with its marks: the browser puts the label back before an excerpt cut after it.
        assert_eq!(display(&text), text);
        assert_eq!(indexed("plain"), "plain");
    }

    /// The vectors shared with the JavaScript side; see tests/search.rs for the node run.
    #[test]
    fn shared_vectors() {
        let source = include_str!("../../tests/search/normalise-vectors.json");
        let vectors: Vec<(String, String, String)> =
            serde_json::from_str(source).expect("vectors file is valid JSON");
        assert!(vectors.len() > 10);
        for (why, input, expected) in vectors {
            assert_eq!(normalise(&input), expected, "{why}");
            assert_eq!(normalise(&expected), expected, "idempotent: {why}");
        }
    }

    #[test]
    fn the_thai_quick_check_agrees_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        for c in '\u{0E00}'..='\u{0E7F}' {
            assert_eq!(
                thai_combining_class(u32::from(c)),
                canonical_combining_class(c),
                "{c:?}"
            );
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
        }
        for text in [
            "ผู้",
            "ผู่้",
            "กิ่",
            "ก่ิ",
            "a\u{0E48}\u{0E38}",
            "Thai ไทย é e\u{0301}",
        ] {
            let tables = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc(text), tables, "{text:?}");
        }
        // Random strings of ASCII, Thai letters and marks in any order, the block's edges and
        // characters outside it.
        let pool: Vec<char> = "aZ ~กขฺูุ่้๊๋ัิ์ำ\u{0E00}\u{0E3F}\u{0E7F}\u{0E80}\u{0DFF}é\u{0301}😀"
            .chars()
            .collect();
        let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let length = random(7);
            let text: String = (0..length).map(|_| pool[random(pool.len())]).collect();
            let tables = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc(&text), tables, "{text:?}");
        }
    }

    #[test]
    fn the_one_pass_fold_is_the_fold_of_the_composed_text() {
        // ASCII of both cases, Thai letters, marks, digits and the vowels whose folds look back
        // in any order, characters the quick check says Maybe or No to, and others outside Thai.
        let pool: Vec<char> =
            "aZ ~กขเแาำๆ๓ฺูุ่้๊๋ัิ์ํ\u{0E00}\u{0E7F}é\u{0301}\u{0344}\u{212B}Å\u{00AD}\u{200B}ǅΣ😀"
                .chars()
                .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for round in 0..20_000 {
            // Some with runs of eight ASCII bytes and more, which `is_nfc` skips whole.
            let ascii = ["", "Eight or more ASCII "][round % 2];
            let text: String = ascii
                .chars()
                .chain((0..(state % 9) as usize).map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    pool[(state % pool.len() as u64) as usize]
                }))
                .chain(ascii.chars())
                .collect();
            let mut composed = String::new();
            fold_chars(text.nfc(), &mut composed);
            assert_eq!(normalise(&text), composed, "{text:?}");
            let mut out = String::new();
            assert_eq!(fold_nfc(&text, &mut out), is_nfc(&text), "{text:?}");
            let mut shown: String = text.nfc().collect();
            shown.retain(|c| !is_invisible(c));
            assert_eq!(display(&text), shown, "{text:?}");
        }
    }

    #[test]
    fn display_keeps_case_and_drops_invisible() {
        assert_eq!(
            display("Victim\u{200B}s ผู้\u{00AD}เสียหาย"),
            "Victims ผู้เสียหาย"
        );
    }
}
