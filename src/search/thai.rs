//! Thai word segmentation: the handbook's own vocabulary first (leftmost-longest), ICU4X's dictionary segmenter between.
//!
//! ICU's greedy dictionary cuts some words the handbook depends on (it lacks พระราชบัญญัติ, and cuts
//! ความลับตามกฎหมาย as ความ|ลับตา|มก|ฎห|มาย), so glossary terms and role and organisation names
//! are matched before it. Dictionary mode, not the LSTM: the LSTM is 90x slower and cuts the same
//! word differently in different sentences, which would make query and index disagree.

use super::normalise::{is_thai_mark, normalise};
use crate::thai_words::ThaiDictionary;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use icu_segmenter::WordSegmenter;
use std::collections::BTreeMap;

pub use crate::thai_words::is_thai;

/// Terms shorter than this many characters are trusted only at ICU word boundaries.
const SHORT_TERM: usize = 4;

/// Vowels written before their consonant (เ แ โ ใ ไ): a word never ends with one.
fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// Whether a Thai token carries meaning: at least one consonant or vowel, not a lone sign such as ฯ.
fn is_thai_word(token: &str) -> bool {
    token
        .chars()
        .any(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c) || ('\u{0E30}'..='\u{0E45}').contains(&c))
}

/// A Thai segmenter with the handbook's vocabulary matched before ICU's dictionary.
pub struct ThaiSegmenter {
    icu: WordSegmenter,
    /// Normalised Thai runs of the handbook's vocabulary, longest match wins.
    domain: Option<AhoCorasick>,
    /// The same words spelled a byte a letter (each letter's offset in the Thai block): a run
    /// of Thai is searched in a third of the steps (the search ran over every Thai run of the
    /// handbook and found nothing in most).
    domain_letters: Option<AhoCorasick>,
    /// ICU's segmentation of each domain word, indexed too so a part of a term still finds it.
    domain_parts: Vec<Vec<String>>,
}

impl ThaiSegmenter {
    /// `dictionary` is the handbook's own vocabulary in any script: only its Thai runs are used.
    pub fn new(dictionary: &[String]) -> ThaiSegmenter {
        let icu = crate::thai_words::dictionary_segmenter();
        let mut words: BTreeMap<String, ()> = BTreeMap::new();
        for entry in dictionary {
            for run in thai_runs(&normalise(entry)) {
                if run.chars().count() >= 2 && is_thai_word(run) {
                    words.insert(run.to_string(), ());
                }
            }
        }
        let words: Vec<String> = words.into_keys().collect();
        let mut segmenter = ThaiSegmenter {
            icu,
            domain: None,
            domain_letters: None,
            domain_parts: Vec::new(),
        };
        segmenter.domain_parts = words
            .iter()
            .map(|word| {
                let mut parts = Vec::new();
                segmenter.icu_segment(word, &mut |part| parts.push(part.to_string()));
                // A lone letter is not a word: an abbreviation's "parts" are noise.
                if parts.len() == 1 || parts.iter().any(|part| part.chars().count() < 2) {
                    parts.clear();
                }
                parts
            })
            .collect();
        segmenter.domain = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok();
        let spelled: Option<Vec<Vec<u8>>> = words.iter().map(|word| letters(word)).collect();
        segmenter.domain_letters = spelled.and_then(|spelled| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&spelled)
                .ok()
        });
        // A domain term inside another (ผู้เสียหาย in ผู้เสียหายจากการค้ามนุษย์) is one of its
        // parts too: ICU cuts the longer one otherwise (ผู้|เสียหาย|...), and a search for the
        // shorter term would miss the documents that only write the longer.
        for (word, parts) in words.iter().zip(0..) {
            for nested in segmenter.nested_terms(word) {
                if !segmenter.domain_parts[parts].contains(&nested) {
                    segmenter.domain_parts[parts].push(nested);
                }
            }
        }
        segmenter
    }

    /// The domain terms written inside domain term `word`, other than itself.
    fn nested_terms(&self, word: &str) -> Vec<String> {
        let Some(domain) = &self.domain else {
            return Vec::new();
        };
        let mut boundaries = None;
        domain
            .find_overlapping_iter(word)
            .filter(|found| found.len() < word.len())
            .filter(|found| self.plausible(word, found.start(), found.end(), &mut boundaries))
            .map(|found| word[found.range()].to_string())
            .collect()
    }

    /// Calls `emit` with each word of a run of Thai text (normalised, Thai characters only).
    /// A domain term is emitted whole and then as its ICU parts.
    pub fn segment(&self, run: &str, emit: &mut dyn FnMut(&str)) {
        let mut start = 0;
        for (from, to, term) in self.domain_matches(run) {
            self.icu_segment(&run[start..from], emit);
            emit(&run[from..to]);
            for part in &self.domain_parts[term] {
                emit(part);
            }
            start = to;
        }
        self.icu_segment(&run[start..], emit);
    }

    /// Where [`Self::segment`] cuts `run` (its start and end included): the edges of the
    /// domain terms it keeps whole, and ICU's boundaries between them. `check` matches words to
    /// avoid on these, so that it finds what search finds.
    pub fn word_boundaries(&self, run: &str) -> Vec<usize> {
        let mut cuts = vec![0];
        let mut start = 0;
        let gap = |from: usize, to: usize, cuts: &mut Vec<usize>| {
            if to > from {
                cuts.extend(
                    self.boundaries(&run[from..to])
                        .into_iter()
                        .map(|at| from + at),
                );
            }
        };
        for (from, to, _) in self.domain_matches(run) {
            gap(start, from, &mut cuts);
            cuts.extend([from, to]);
            start = to;
        }
        gap(start, run.len(), &mut cuts);
        cuts.push(run.len());
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// The domain terms found in `run`, leftmost-longest among the plausible ones:
    /// a match must not cut a syllable (no mark after it, no leading vowel before it), and a
    /// short term (an abbreviation such as บก) must also start and end where ICU puts a word
    /// boundary, or it would be found inside ordinary words (รั|บก|าร for รับการ).
    fn domain_matches(&self, run: &str) -> Vec<(usize, usize, usize)> {
        let Some(domain) = &self.domain else {
            return Vec::new();
        };
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        let mut icu_boundaries: Option<Vec<usize>> = None;
        let mut consider = |from: usize, to: usize, term: usize| {
            if self.plausible(run, from, to, &mut icu_boundaries) {
                candidates.push((from, to, term));
            }
        };
        // A run of Thai letters is searched a byte a letter (the words were spelled so), and
        // what is found is three bytes a letter in `run`.
        let mut short = [0u8; 256];
        let mut long = Vec::new();
        let spelled = match &self.domain_letters {
            Some(_) if run.len() <= 3 * short.len() => {
                crate::thai_words::letters_into(run, &mut short)
            }
            Some(_) => letters(run).map(|spelled| {
                long = spelled;
                long.as_slice()
            }),
            None => None,
        };
        match (&self.domain_letters, spelled) {
            (Some(matcher), Some(spelled)) => {
                for found in matcher.find_overlapping_iter(spelled) {
                    consider(
                        3 * found.start(),
                        3 * found.end(),
                        found.pattern().as_usize(),
                    );
                }
            }
            _ => {
                for found in domain.find_overlapping_iter(run) {
                    consider(found.start(), found.end(), found.pattern().as_usize());
                }
            }
        }
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
        let mut end = 0;
        for candidate in candidates {
            if candidate.0 >= end {
                end = candidate.1;
                chosen.push(candidate);
            }
        }
        chosen
    }

    /// Whether a domain term found at `from..to` of `run` may be taken as written there: it
    /// does not cut a syllable (no mark after it, no leading vowel before it), and a short term
    /// also starts and ends at ICU word boundaries (computed once into `boundaries`).
    fn plausible(
        &self,
        run: &str,
        from: usize,
        to: usize,
        boundaries: &mut Option<Vec<usize>>,
    ) -> bool {
        if run[to..].chars().next().is_some_and(is_thai_mark)
            || run[..from]
                .chars()
                .next_back()
                .is_some_and(is_leading_vowel)
        {
            return false;
        }
        if run[from..to].chars().count() >= SHORT_TERM {
            return true;
        }
        let boundaries = boundaries.get_or_insert_with(|| self.boundaries(run));
        boundaries.binary_search(&from).is_ok() && boundaries.binary_search(&to).is_ok()
    }

    /// Where ICU puts word boundaries in `run`, its start and end included.
    fn boundaries(&self, run: &str) -> Vec<usize> {
        let mut boundaries = vec![0];
        let mut end = 0;
        let all_thai = ThaiDictionary::get().is_some_and(|dictionary| {
            dictionary.segment(run, &mut |piece| {
                end += piece.len();
                boundaries.push(end);
            })
        });
        if all_thai {
            boundaries
        } else {
            self.icu.as_borrowed().segment_str(run).collect()
        }
    }

    /// ICU's dictionary segmentation of `span`, through [`ThaiDictionary`] (the same cuts,
    /// several times faster) when `span` is all Thai.
    fn icu_segment(&self, span: &str, emit: &mut dyn FnMut(&str)) {
        if span.is_empty() {
            return;
        }
        let mut words = |word: &str| {
            if is_thai_word(word) {
                emit(word);
            }
        };
        if ThaiDictionary::get().is_some_and(|dictionary| dictionary.segment(span, &mut words)) {
            return;
        }
        let mut last = 0;
        for at in self.icu.as_borrowed().segment_str(span) {
            if at > last {
                let word = &span[last..at];
                words(word);
            }
            last = at;
        }
    }
}

/// `text` a byte a letter (each letter's offset in the Thai block), if all of it is Thai
/// ([`is_thai`]).
fn letters(text: &str) -> Option<Vec<u8>> {
    let mut spelled = vec![0; text.len() / 3];
    crate::thai_words::letters_into(text, &mut spelled)?;
    Some(spelled)
}

/// The maximal runs of Thai characters in `text`.
pub fn thai_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_thai(c))
        .filter(|run| !run.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(segmenter: &ThaiSegmenter, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for run in thai_runs(&normalise(text)) {
            segmenter.segment(run, &mut |word| out.push(word.to_string()));
        }
        out
    }

    #[test]
    fn icu_dictionary_segments_a_plain_sentence() {
        let segmenter = ThaiSegmenter::new(&[]);
        assert_eq!(
            words(&segmenter, "ช่วยเหลือผู้เสียหาย"),
            ["ช่วย", "เหลือ", "ผู้", "เสีย", "หาย"]
        );
    }

    #[test]
    fn domain_words_are_kept_whole_and_also_indexed_by_their_parts() {
        let plain = ThaiSegmenter::new(&[]);
        assert!(!words(&plain, "ตามพระราชบัญญัติ").contains(&"พระราชบัญญัติ".to_string()));
        let segmenter = ThaiSegmenter::new(&["พระราชบัญญัติ".to_string(), "Act".to_string()]);
        let found = words(&segmenter, "ตามพระราชบัญญัติ");
        assert_eq!(found[0], "ตาม");
        assert_eq!(found[1], "พระราชบัญญัติ");
        assert!(found.len() > 2, "parts follow the whole term: {found:?}");
    }

    #[test]
    fn a_domain_term_inside_a_longer_one_is_indexed_where_only_the_longer_is_written() {
        let segmenter = ThaiSegmenter::new(&[
            "ผู้เสียหาย".to_string(),
            "การค้ามนุษย์".to_string(),
            "ผู้เสียหายจากการค้ามนุษย์".to_string(),
        ]);
        let found = words(&segmenter, "ช่วยผู้เสียหายจากการค้ามนุษย์");
        assert_eq!(found[1], "ผู้เสียหายจากการค้ามนุษย์");
        for nested in ["ผู้เสียหาย", "การค้ามนุษย์"] {
            assert!(found.contains(&nested.to_string()), "{nested}: {found:?}");
        }
    }

    #[test]
    fn a_domain_term_never_ends_inside_a_grapheme_cluster() {
        // "กร" would end before the vowel below ร in "กรุงเทพ" if matched blindly.
        let segmenter = ThaiSegmenter::new(&["กร".to_string()]);
        let found = words(&segmenter, "กรุงเทพ");
        assert!(!found.contains(&"กร".to_string()), "{found:?}");
        for word in found {
            assert!(!word.starts_with(is_thai_mark), "{word}");
        }
    }

    #[test]
    fn a_short_term_is_not_found_inside_ordinary_words() {
        let segmenter = ThaiSegmenter::new(&["บก.ปคม.".to_string()]);
        assert_eq!(words(&segmenter, "รับการส่งต่อ"), ["รับ", "การ", "ส่ง", "ต่อ"]);
        assert_eq!(words(&segmenter, "บก"), ["บก"]);
    }

    #[test]
    fn domain_terms_are_found_the_same_a_byte_a_letter() {
        let dictionary: Vec<String> = [
            "บก",
            "ผู้เสียหาย",
            "การค้ามนุษย์",
            "ผู้เสียหายจากการค้ามนุษย์",
            "เด็ก",
            "กร",
        ]
        .map(String::from)
        .to_vec();
        let letters = ThaiSegmenter::new(&dictionary);
        let mut bytes = ThaiSegmenter::new(&dictionary);
        bytes.domain_letters = None;
        let pool: Vec<&str> = vec![
            "บก",
            "ผู้",
            "เสียหาย",
            "จาก",
            "การ",
            "ค้า",
            "มนุษย์",
            "เด็ก",
            "กรุง",
            "รับ",
            "ก",
            "ุ",
            "เ",
        ];
        let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
        for round in 0..3_000 {
            let run: String = (0..(round % 120))
                .map(|_| pool[random(pool.len())])
                .collect();
            assert_eq!(
                letters.domain_matches(&run),
                bytes.domain_matches(&run),
                "{run}"
            );
        }
    }

    #[test]
    fn mixed_entries_contribute_their_thai_runs() {
        let segmenter = ThaiSegmenter::new(&["บก.ปคม. (ATPD)".to_string()]);
        // "ปคม" is a domain word now; ICU would cut it ปค|ม, parts too short to mean anything.
        assert_eq!(words(&segmenter, "ปคม"), ["ปคม"]);
    }
}
