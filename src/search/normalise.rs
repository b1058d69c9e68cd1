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
    if is_nfc(text) {
        if may_have_invisible(text) && text.contains(is_invisible) {
            Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(text.nfc().filter(|c| !is_invisible(*c)).collect())
    }
}

/// False when `text` has none of the lead bytes of `is_invisible`'s characters in UTF-8 (C2 for
/// U+00AD, E2 for U+200B..U+2060, EF for U+FEFF): one byte scan instead of decoding every
/// character of text that has none, as nearly all has.
fn may_have_invisible(text: &str) -> bool {
    text.bytes().any(|byte| matches!(byte, 0xC2 | 0xE2 | 0xEF))
}

/// Whether `text` passes the NFC quick check (`is_nfc_quick` says Yes). ASCII and Thai, nearly
/// all of a handbook, are checked without Unicode's tables: no Thai character changes under
/// NFC, so only the order of Thai marks can fail (the test below holds this to the tables).
/// Read as bytes: decoding every character was a tenth of the index's own work.
fn is_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut last_class = 0;
    let mut at = 0;
    while at < bytes.len() {
        let class = match bytes[at..] {
            [byte, ..] if byte.is_ascii() => {
                at += 1;
                0
            }
            // The Thai block, U+0E00..U+0E7F: E0 B8 80..BF and E0 B9 80..BF in UTF-8.
            [0xE0, second @ (0xB8 | 0xB9), third, ..] => {
                at += 3;
                let code = 0x0E00 | u32::from(second - 0xB8) << 6 | u32::from(third & 0x3F);
                char::from_u32(code).map_or(0, thai_combining_class)
            }
            _ => return is_nfc_quick(text.chars()) == IsNormalized::Yes,
        };
        if class != 0 && last_class > class {
            return false;
        }
        last_class = class;
    }
    true
}

/// Unicode's canonical combining class of a character of the Thai block.
fn thai_combining_class(c: char) -> u8 {
    match c {
        '\u{0E38}' | '\u{0E39}' => 103,
        '\u{0E3A}' => 9,
        '\u{0E48}'..='\u{0E4B}' => 107,
        _ => 0,
    }
}

fn fold_into(text: &str, out: &mut String) {
    // Most text is already NFC: skip the composing iterator when a quick check says so.
    if is_nfc(text) {
        fold_chars(text.chars(), out);
    } else {
        fold_chars(text.nfc(), out);
    }
}

/// Appends the folded `chars` to `out`. Folds look back at the last two characters written.
fn fold_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        if c.is_ascii() {
            // None of the folds below applies to ASCII but lowercasing.
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if is_invisible(c) || c == MAI_YAMOK {
            continue;
        }
        if ('\u{0E50}'..='\u{0E59}').contains(&c) {
            out.push(char::from(b'0' + (c as u32 - 0x0E50) as u8));
            continue;
        }
        // Every fold below folds a mark or one of two vowels: the characters written before
        // any other (most Thai letters) need not be read back.
        if !(c == SARA_E || c == SARA_AA || is_thai_mark(c)) {
            push_lowercase(c, out);
            continue;
        }
        let mut written = out.chars().rev();
        let (last, before_last) = (written.next(), written.next());
        if c == SARA_E && last == Some(SARA_E) {
            out.pop();
            out.push(SARA_AE);
            continue;
        }
        if c == SARA_AA && last == Some(NIKHAHIT) {
            out.pop();
            out.push(SARA_AM);
            continue;
        }
        if let Some(tone) = last.filter(|last| is_thai_tone(*last)) {
            if c == SARA_AA && before_last == Some(NIKHAHIT) {
                // Nikhahit, tone, sara aa: the tone then sara am.
                out.pop();
                out.pop();
                out.push(tone);
                out.push(SARA_AM);
                continue;
            }
            if is_thai_above_below_vowel(c) {
                // Typed tone-then-vowel: the standard order puts the vowel first.
                if before_last != Some(c) {
                    out.pop();
                    out.push(c);
                    out.push(tone);
                }
                continue;
            }
        }
        if is_thai_mark(c) && last == Some(c) {
            continue;
        }
        push_lowercase(c, out);
    }
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
                thai_combining_class(c),
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
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let text: String = (0..(state % 7) as usize)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    pool[(state % pool.len() as u64) as usize]
                })
                .collect();
            let tables = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc(&text), tables, "{text:?}");
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
