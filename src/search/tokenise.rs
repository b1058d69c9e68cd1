//! Splits normalised text into index terms: each script run on its own, Thai by dictionary, English stemmed.
//!
//! The query side (search.js) mirrors this: the same word characters, the same apostrophe rule,
//! the same Snowball English stemmer (ported), and Thai cut by longest match over the index's own words.

use super::thai::{is_thai, ThaiSegmenter};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;

/// Characters that make up a non-Thai word: letters, digits and combining marks of any script.
/// search.js uses `/[\p{Alphabetic}\p{N}\p{M}]/u`, the same classes.
pub(super) fn is_word_char(c: char) -> bool {
    // No combining mark is ASCII: spaces and punctuation, between every two words, are answered
    // without the mark table (0.5% of a 10,000-page build's samples).
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

thread_local! {
    /// English words already stemmed on this thread. A stem depends on the word alone, so one
    /// cache serves every tokeniser, and English words repeat by Zipf's law: a 1,000-page
    /// handbook has ~700,000 English words but only ~3,500 different ones.
    static STEMS: RefCell<FxHashMap<String, String>> = RefCell::default();
}

/// The stem cache starts again when it holds this many words, so a long `serve` session's
/// memory stays bounded (~5 MB a thread).
const STEM_CACHE_WORDS: usize = 1 << 16;

/// What the tokeniser finds in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A term as it is indexed (a Thai word).
    Term(&'a str),
    /// A whole run of Thai letters, before its words (`Term`s): for the index's character pairs.
    ThaiRun(&'a str),
    /// A word outside Thai as written, whose one term [`Tokeniser::word_term`] gives (stemmed
    /// English, or the word itself).
    Word(&'a str),
}

/// Turns normalised text into terms.
pub struct Tokeniser {
    thai: ThaiSegmenter,
    english: Stemmer,
}

impl Tokeniser {
    pub fn new(dictionary: &[String]) -> Tokeniser {
        Tokeniser {
            thai: ThaiSegmenter::new(dictionary),
            english: Stemmer::create(Algorithm::English),
        }
    }

    /// Calls `emit` with every term of `text`, which must already be normalised.
    pub fn terms(&self, text: &str, emit: &mut dyn FnMut(Cow<'_, str>)) {
        self.tokens(text, &mut |token| match token {
            Token::Term(term) => emit(Cow::Borrowed(term)),
            Token::Word(word) => self.word(word, emit),
            Token::ThaiRun(_) => {}
        });
    }

    /// Calls `emit` with the term of `word`, a [`Token::Word`].
    pub fn word_term(&self, word: &str, emit: &mut dyn FnMut(Cow<'_, str>)) {
        self.word(word, emit);
    }

    /// Calls `emit` with every token of `text`, which must already be normalised, in the order
    /// of [`Self::terms`]: a caller that keeps each word's term need not stem it again.
    pub fn tokens(&self, text: &str, emit: &mut dyn FnMut(Token<'_>)) {
        // Read as bytes: ASCII and Thai letters, nearly all of a handbook, are told apart
        // without decoding; any other character is decoded.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    at += 1;
                    continue;
                }
            } else if crate::thai_words::thai_letter_at(bytes, at).is_some() {
                // The run's end, three bytes a letter (most of a Thai handbook's text is in
                // these runs).
                let mut end = at + 3;
                while crate::thai_words::thai_letter_at(bytes, end).is_some() {
                    end += 3;
                }
                emit(Token::ThaiRun(&text[at..end]));
                self.thai
                    .segment(&text[at..end], &mut |word| emit(Token::Term(word)));
                at = end;
                continue;
            } else {
                let Some(c) = text[at..].chars().next() else {
                    break;
                };
                if !is_word_char(c) {
                    at += c.len_utf8();
                    continue;
                }
            }
            let end = word_end(text, at);
            emit(Token::Word(&text[at..end]));
            at = end;
        }
    }

    /// One non-Thai word: English (ASCII letters) is stemmed, anything else is kept as written.
    fn word(&self, word: &str, emit: &mut dyn FnMut(Cow<'_, str>)) {
        let word: Cow<'_, str> = if word.contains('\u{2019}') {
            Cow::Owned(word.replace('\u{2019}', "'"))
        } else {
            Cow::Borrowed(word)
        };
        if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            self.stem(singular(&word), emit);
        } else {
            emit(word);
        }
    }

    /// Emits the stem of an English word, from this thread's cache when it is there.
    fn stem(&self, word: &str, emit: &mut dyn FnMut(Cow<'_, str>)) {
        STEMS.with(|stems| {
            // Busy only if `emit` tokenises on this thread itself: then stem without the cache.
            let Ok(mut stems) = stems.try_borrow_mut() else {
                return emit(self.english.stem(word));
            };
            match stems.get(word) {
                Some(stem) => emit(Cow::Borrowed(stem)),
                None => {
                    let stem = self.english.stem(word).into_owned();
                    emit(Cow::Borrowed(&stem));
                    if stems.len() >= STEM_CACHE_WORDS {
                        stems.clear();
                    }
                    stems.insert(word.to_string(), stem);
                }
            }
        });
    }
}

/// English plurals the Snowball stemmer leaves apart from their singular, taken back to it
/// first: a handbook about children and women must find "child" and "woman". search.js has
/// the same list.
pub(crate) const IRREGULAR_PLURALS: [(&str, &str); 6] = [
    ("children", "child"),
    ("women", "woman"),
    ("men", "man"),
    ("people", "person"),
    ("lives", "life"),
    ("wives", "wife"),
];

fn singular(word: &str) -> &str {
    IRREGULAR_PLURALS
        .iter()
        .find(|(plural, _)| *plural == word)
        .map_or(word, |(_, singular)| singular)
}

/// The end of the word starting at byte `start` of `text` (a word character): word
/// characters, with apostrophes kept only between two of them ("victim's"), and never a Thai
/// character. ASCII and Thai letters are read from their bytes.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() {
            at += 1;
            end = at;
            continue;
        }
        let (class, length) = if byte.is_ascii() {
            (
                if byte == b'\'' {
                    Class::Apostrophe
                } else {
                    Class::Other
                },
                1,
            )
        } else {
            class_at(text, at)
        };
        match class {
            Class::Word => {
                at += length;
                end = at;
            }
            Class::Apostrophe if end == at && class_at(text, at + length).0 == Class::Word => {
                at += length;
            }
            _ => return end,
        }
    }
    end
}

/// What the character at byte `at` of `text` is for `word_end`, and its length in bytes.
fn class_at(text: &str, at: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        None => (Class::Other, 0),
        Some(b'\'') => (Class::Apostrophe, 1),
        Some(byte) if byte.is_ascii_alphanumeric() => (Class::Word, 1),
        Some(byte) if byte.is_ascii() => (Class::Other, 1),
        Some(_) if crate::thai_words::thai_letter_at(bytes, at).is_some() => (Class::Other, 3),
        Some(_) => match text[at..].chars().next() {
            Some(c) if is_apostrophe(c) => (Class::Apostrophe, c.len_utf8()),
            Some(c) if is_word_char(c) && !is_thai(c) => (Class::Word, c.len_utf8()),
            Some(c) => (Class::Other, c.len_utf8()),
            None => (Class::Other, 0),
        },
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Apostrophe,
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalise::normalise;

    /// The tokens as first written, character by character: what `tokens` must find.
    fn tokens_by_characters(tokeniser: &Tokeniser, text: &str) -> Vec<String> {
        fn word_end(text: &str) -> usize {
            let mut end = 0;
            let mut chars = text.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if is_thai(c) {
                    break;
                }
                if is_word_char(c) {
                    end = at + c.len_utf8();
                } else if is_apostrophe(c)
                    && end == at
                    && chars
                        .peek()
                        .is_some_and(|&(_, next)| is_word_char(next) && !is_thai(next))
                {
                    continue;
                } else {
                    break;
                }
            }
            end
        }
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| is_thai(c) || is_word_char(c)) {
            rest = &rest[start..];
            if rest.starts_with(is_thai) {
                let end = rest.find(|c: char| !is_thai(c)).unwrap_or(rest.len());
                tokeniser
                    .thai
                    .segment(&rest[..end], &mut |word| out.push(format!("t:{word}")));
                rest = &rest[end..];
            } else {
                let end = word_end(rest);
                out.push(format!("w:{}", &rest[..end]));
                rest = &rest[end..];
            }
        }
        out
    }

    #[test]
    fn tokens_read_from_bytes_are_those_read_by_characters() {
        let tokeniser = Tokeniser::new(&["การค้ามนุษย์".to_string()]);
        let pool: Vec<&str> = vec![
            "a",
            "Z",
            "9",
            " ",
            "'",
            "\u{2019}",
            "-",
            ".",
            "การ",
            "ค้า",
            "มนุษย์",
            "ก",
            "\u{0E3F}",
            "\u{0E4F}",
            "\u{0E50}",
            "é",
            "e\u{0301}",
            "\u{0301}",
            "ß",
            "日本",
            "😀",
            "٣",
            "\u{00A0}",
        ];
        let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
        for round in 0..20_000 {
            let text: String = (0..(round % 13))
                .map(|_| pool[random(pool.len())])
                .collect();
            let mut found = Vec::new();
            tokeniser.tokens(&text, &mut |token| match token {
                Token::Term(term) => found.push(format!("t:{term}")),
                Token::Word(word) => found.push(format!("w:{word}")),
                Token::ThaiRun(_) => {}
            });
            assert_eq!(found, tokens_by_characters(&tokeniser, &text), "{text:?}");
        }
    }

    fn terms(text: &str) -> Vec<String> {
        let tokeniser = Tokeniser::new(&["การค้ามนุษย์".to_string()]);
        let mut out = Vec::new();
        tokeniser.terms(&normalise(text), &mut |term| out.push(term.into_owned()));
        out
    }

    #[test]
    fn english_is_lowercased_and_stemmed() {
        assert_eq!(terms("Victims were REFERRED"), ["victim", "were", "refer"]);
        assert_eq!(terms("victim's referral"), ["victim", "referr"]);
    }

    #[test]
    fn irregular_plurals_meet_their_singular() {
        assert_eq!(terms("children child"), ["child", "child"]);
        assert_eq!(terms("Women and a woman"), ["woman", "and", "a", "woman"]);
        assert_eq!(terms("people"), terms("person"));
    }

    #[test]
    fn thai_inside_english_and_english_inside_thai_are_both_indexed() {
        assert_eq!(
            terms("the NRM (กลไกการส่งต่อ) team"),
            ["the", "nrm", "กลไก", "การ", "ส่ง", "ต่อ", "team"]
        );
        let found = terms("ทีมสหวิชาชีพคัดแยกผู้เสียหายตาม NRM");
        assert!(found.contains(&"nrm".to_string()), "{found:?}");
        assert!(found.contains(&"ผู้".to_string()), "{found:?}");
    }

    #[test]
    fn long_thai_runs_are_never_dropped() {
        let run = "การช่วยเหลือผู้เสียหายจากการค้ามนุษย์ให้กลับคืนสู่สังคมอย่างยั่งยืนและปลอดภัย";
        let found = terms(run);
        // Every character is in some term (domain terms add their parts on top).
        assert!(found.concat().chars().count() >= run.chars().count());
        assert!(found.contains(&"การค้ามนุษย์".to_string()), "{found:?}");
        assert!(found.contains(&"ยั่งยืน".to_string()), "{found:?}");
    }

    #[test]
    fn numbers_and_other_scripts_are_kept_as_written() {
        assert_eq!(
            terms("มาตรา ๓๔ section 34"),
            ["มาตรา", "34", "section", "34"]
        );
        assert_eq!(terms("Résumé"), ["résumé"]);
    }

    #[test]
    fn no_ascii_character_is_a_combining_mark() {
        // What `is_word_char` relies on to skip the mark table for ASCII.
        for c in '\0'..='\x7f' {
            assert!(!unicode_normalization::char::is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn apostrophes_only_join_letters() {
        assert_eq!(terms("'quoted' victim’s"), ["quot", "victim"]);
    }
}
