//! ICU4X's dictionary word segmenter with only the South-East Asian data: Thai word boundaries for the search index and for wrapping diagram text.

use icu_provider::prelude::*;
use icu_segmenter::provider::{
    Baked, DictionaryBreakData, SegmenterBreakGraphemeClusterV1, SegmenterBreakWordOverrideV1,
    SegmenterBreakWordV1, SegmenterDictionaryAutoV2, SegmenterDictionaryExtendedV2,
};
use icu_segmenter::{options::WordBreakOptions, WordSegmenter};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Serves ICU4X's compiled data except the Chinese/Japanese dictionary, so that ~2 MB of data
/// the handbook never uses is not linked into the binary.
struct SouthEastAsianData;

macro_rules! from_baked {
    ($($marker:ty),*) => {$(
        impl DataProvider<$marker> for SouthEastAsianData {
            fn load(&self, request: DataRequest) -> Result<DataResponse<$marker>, DataError> {
                Baked.load(request)
            }
        }
    )*};
}
from_baked!(
    SegmenterBreakWordV1,
    SegmenterBreakWordOverrideV1,
    SegmenterDictionaryExtendedV2,
    SegmenterBreakGraphemeClusterV1
);

impl DataProvider<SegmenterDictionaryAutoV2> for SouthEastAsianData {
    fn load(
        &self,
        request: DataRequest,
    ) -> Result<DataResponse<SegmenterDictionaryAutoV2>, DataError> {
        Err(DataErrorKind::IdentifierNotFound.with_req(SegmenterDictionaryAutoV2::INFO, request))
    }
}

/// A dictionary-mode word segmenter (not the LSTM: 90x slower, and it cuts the same word
/// differently in different sentences).
pub fn dictionary_segmenter() -> WordSegmenter {
    match WordSegmenter::try_new_dictionary_unstable(
        &SouthEastAsianData,
        WordBreakOptions::default(),
    ) {
        Ok(segmenter) => segmenter,
        // The compiled data is part of the binary; this cannot fail, but if it did the full
        // data set still segments correctly.
        Err(_) => WordSegmenter::new_dictionary(Default::default()).static_to_owned(),
    }
}

/// Byte offsets inside `text` where a word ends and another starts (not 0 nor its length):
/// between Thai dictionary words, and wherever Unicode's word rules break other scripts.
pub fn word_boundaries(text: &str) -> Vec<usize> {
    static SEGMENTER: OnceLock<WordSegmenter> = OnceLock::new();
    SEGMENTER
        .get_or_init(dictionary_segmenter)
        .as_borrowed()
        .segment_str(text)
        .filter(|at| *at > 0 && *at < text.len())
        .collect()
}

/// ICU4X's Thai dictionary as a flat trie, walked by the same greedy longest match as
/// icu_segmenter's `DictionaryBreakIterator`.
///
/// Written by hand for speed alone: the search index segments every Thai character of a
/// handbook, and ICU4X spends 60 to 90 ns a character on it (a compact byte trie searched at
/// each step, an inversion-list lookup per character, a rule-based grapheme iterator beside
/// it). This reads each letter straight from its UTF-8 bytes and finds a child in a row or
/// among a few edges: about 20 ns a character on the benchmark corpus. The words are ICU's own,
/// read from its data when first needed. Its output must equal ICU's on every Thai run: the
/// tests below compare the two on the bundled handbook, every pair of Thai characters and
/// random text.
pub struct ThaiDictionary {
    /// The trie's nodes in breadth-first order; node 0 is the root.
    nodes: Vec<Node>,
    /// Each node's children, together: a child's letter (its character's offset in the Thai
    /// block, U+0E00 to U+0E7F) in the top byte, its node number in the low three bytes.
    edges: Vec<u32>,
    /// The children by letter of the nodes with many children (0 for none: the root is nobody's
    /// child), so that the busiest steps, near the root, do not search. Row 0 is the root's.
    rows: Vec<[u32; 128]>,
}

/// A node with more children than this has a row in `rows` instead of edges.
const MOST_EDGES: usize = 8;

/// A trie node, in 8 bytes so that a step reads one node and a few adjacent edges.
#[derive(Clone, Copy)]
struct Node {
    /// The first of its edges, or its row in `rows` if `row` is set.
    first: u32,
    edge_count: u8,
    row: bool,
    /// Whether a word ends here.
    word: bool,
    /// Whether a longer word continues it.
    continues: bool,
}

/// Thai marks that never start a grapheme cluster: Unicode's Extend (vowels and signs written
/// above or below) and SpacingMark (sara am), as offsets in the Thai block. Every other Thai
/// character starts one.
fn extends_cluster(letter: u8) -> bool {
    matches!(letter, 0x31 | 0x33..=0x3A | 0x47..=0x4E)
}

/// Whether a character belongs to a Thai run (letters, vowels, marks; not Thai digits nor the
/// baht sign, which ICU does not segment by dictionary).
pub fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E3A}').contains(&c) || ('\u{0E40}'..='\u{0E4E}').contains(&c)
}

impl ThaiDictionary {
    /// The dictionary of ICU4X's compiled data, built once per process; `None` if that data is
    /// not the byte trie this reads (callers then use ICU's segmenter).
    pub fn get() -> Option<&'static ThaiDictionary> {
        static DICTIONARY: OnceLock<Option<ThaiDictionary>> = OnceLock::new();
        DICTIONARY.get_or_init(ThaiDictionary::load).as_ref()
    }

    fn load() -> Option<ThaiDictionary> {
        let request = DataRequest {
            id: DataIdentifierBorrowed::for_marker_attributes(
                DataMarkerAttributes::from_str_or_panic("thaidict"),
            ),
            ..Default::default()
        };
        let response: DataResponse<SegmenterDictionaryExtendedV2> =
            SouthEastAsianData.load(request).ok()?;
        let DictionaryBreakData::ZeroTrie { alphabet, trie } = response.payload.get() else {
            return None;
        };
        // The trie spells words in alphabet positions, not characters.
        let letters: Vec<Option<u8>> = alphabet
            .iter_chars()
            .map(|c| {
                u8::try_from(u32::from(c).wrapping_sub(0x0E00))
                    .ok()
                    .filter(|l| *l < 0x80)
            })
            .collect();
        // Built as nested maps first, then laid out flat in breadth-first order.
        let mut children: Vec<BTreeMap<u8, usize>> = vec![BTreeMap::new()];
        let mut word = vec![false];
        'words: for (spelling, _) in trie.iter() {
            let mut node = 0;
            for position in spelling.bytes() {
                // A word with a letter outside the Thai block never matches a Thai run.
                let Some(Some(letter)) = letters.get(usize::from(position)).copied() else {
                    continue 'words;
                };
                let next = children.len();
                node = *children[node].entry(letter).or_insert(next);
                if node == next {
                    children.push(BTreeMap::new());
                    word.push(false);
                }
            }
            word[node] = true;
        }
        // Breadth-first: a node's number is its place in `order`.
        let mut order = vec![0];
        let mut number = vec![0u32; children.len()];
        let mut at = 0;
        while at < order.len() {
            for &child in children[order[at]].values() {
                number[child] = order.len() as u32;
                order.push(child);
            }
            at += 1;
        }
        if order.len() >= 1 << 24 {
            return None;
        }
        let mut dictionary = ThaiDictionary {
            nodes: Vec::with_capacity(order.len()),
            edges: Vec::with_capacity(order.len()),
            rows: Vec::new(),
        };
        for &node in &order {
            let many = children[node].len() > MOST_EDGES || node == 0;
            dictionary.nodes.push(Node {
                first: if many {
                    dictionary.rows.len()
                } else {
                    dictionary.edges.len()
                } as u32,
                edge_count: children[node].len().min(MOST_EDGES) as u8,
                row: many,
                word: word[node],
                continues: !children[node].is_empty(),
            });
            if many {
                let mut row = [0; 128];
                for (&letter, &child) in &children[node] {
                    row[usize::from(letter)] = number[child];
                }
                dictionary.rows.push(row);
            } else {
                for (&letter, &child) in &children[node] {
                    dictionary
                        .edges
                        .push(u32::from(letter) << 24 | number[child]);
                }
            }
        }
        Some(dictionary)
    }

    fn child(&self, node: Node, letter: u8) -> Option<u32> {
        if node.row {
            let child = self.rows[node.first as usize][usize::from(letter & 0x7F)];
            return (child != 0).then_some(child);
        }
        let edges = &self.edges[node.first as usize..][..usize::from(node.edge_count)];
        let edge = edges.iter().find(|edge| (*edge >> 24) as u8 == letter)?;
        Some(edge & 0x00FF_FFFF)
    }

    /// Calls `emit` with each piece of `run` between two of ICU's word boundaries, in order.
    /// Returns `false`, having emitted nothing, unless every character of `run` is Thai
    /// ([`is_thai`]): ICU segments other characters by other rules.
    pub fn segment<'a>(&self, run: &'a str, emit: &mut dyn FnMut(&'a str)) -> bool {
        // The run a byte a letter, read once: the walk reads most letters two or three times
        // (the cluster boundary ahead, the trie, again from the next word's start).
        let mut short = [0; 256];
        let long: Vec<u8>;
        let letters = if run.len() <= 3 * short.len() {
            letters_into(run, &mut short)
        } else {
            let mut spelled = vec![0; run.len() / 3];
            match letters_into(run, &mut spelled) {
                Some(_) => {
                    long = spelled;
                    Some(long.as_slice())
                }
                None => None,
            }
        };
        let Some(letters) = letters else {
            return false;
        };
        let mut start = 0;
        while start < letters.len() {
            let end = self.word_end(letters, start);
            emit(&run[3 * start..3 * end]);
            start = end;
        }
        true
    }

    /// Where the word starting at letter `start` of `letters` (a Thai run, a byte a letter:
    /// each letter's offset in the Thai block) ends: at the longest dictionary word that ends on
    /// a grapheme cluster boundary, or else at the end of the cluster where the trie ran out.
    /// This mirrors `DictionaryBreakIterator::next` step for step.
    fn word_end(&self, letters: &[u8], start: usize) -> usize {
        let mut node = self.nodes[0];
        let mut longest = None;
        // The first cluster boundary at or after the character being read.
        let mut cluster_end = start;
        for (at, letter) in letters.iter().enumerate().skip(start) {
            let end = at + 1;
            if cluster_end < end {
                cluster_end = next_cluster_boundary(letters, cluster_end);
            }
            let Some(child) = self.child(node, *letter) else {
                return longest.unwrap_or(cluster_end);
            };
            let child = self.nodes[child as usize];
            match (child.word && cluster_end == end, child.continues) {
                (true, false) => return end,
                (true, true) => longest = Some(end),
                (false, false) => return longest.unwrap_or(cluster_end),
                (false, true) => {}
            }
            node = child;
        }
        longest.unwrap_or(letters.len())
    }
}

/// `text` a byte a letter (each letter's offset in the Thai block) into the start of `out`, if
/// all of it is Thai ([`is_thai`]) and it fits.
pub(crate) fn letters_into<'o>(text: &str, out: &'o mut [u8]) -> Option<&'o [u8]> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(3) || bytes.len() / 3 > out.len() {
        return None;
    }
    for (at, letter) in (0..bytes.len()).step_by(3).zip(out.iter_mut()) {
        *letter = thai_letter_at(bytes, at)?;
    }
    Some(&out[..bytes.len() / 3])
}

/// Whether every character of `text` is Thai ([`is_thai`]), read from its bytes three at a time
/// rather than decoded (decoding was a fifth of the segmenter's instructions).
#[cfg(test)]
fn all_thai(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len().is_multiple_of(3)
        && (0..bytes.len())
            .step_by(3)
            .all(|at| thai_letter_at(bytes, at).is_some())
}

/// The offset in the Thai block of the character starting at byte `at` of `bytes` (UTF-8, `at`
/// a character boundary), if it is Thai ([`is_thai`]): U+0E01 to U+0E3A are E0 B8 81 to E0 B8
/// BA, U+0E40 to U+0E4E are E0 B9 80 to E0 B9 8E. In valid UTF-8 an E0 is always the first
/// byte of a three-byte character, so a Thai character also ends three bytes before a boundary
/// exactly when those three bytes read as one.
pub fn thai_letter_at(bytes: &[u8], at: usize) -> Option<u8> {
    match bytes.get(at..at.checked_add(3)?)? {
        [0xE0, 0xB8, byte @ 0x81..=0xBA] => Some(byte & 0x3F),
        [0xE0, 0xB9, byte @ 0x80..=0x8E] => Some(0x40 | (byte & 0x3F)),
        _ => None,
    }
}

/// Whether the Thai letter at offset `letter` of the block is a mark that never starts a
/// grapheme cluster (see [`extends_cluster`]), for callers outside this file.
pub fn is_cluster_mark(letter: u8) -> bool {
    extends_cluster(letter)
}

/// The next grapheme cluster boundary after letter `at` (itself a boundary) of Thai letters.
fn next_cluster_boundary(letters: &[u8], at: usize) -> usize {
    let mut next = at + 1;
    while letters
        .get(next)
        .is_some_and(|letter| extends_cluster(*letter))
    {
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_runs_are_told_by_their_bytes_as_by_their_characters() {
        let around_thai = (0x0E00..=0x0E7F).chain([0x41, 0x0D01, 0x0E80, 0x1E01, 0x20AC, 0xFE01]);
        let chars: Vec<char> = around_thai.filter_map(char::from_u32).collect();
        for &a in &chars {
            assert_eq!(all_thai(&a.to_string()), is_thai(a), "{a:?}");
            for &b in &chars {
                let text: String = [a, b].iter().collect();
                assert_eq!(all_thai(&text), is_thai(a) && is_thai(b), "{text:?}");
            }
        }
        assert!(all_thai(""));
        assert!(!all_thai("กa") && !all_thai("aก") && !all_thai("ก "));
    }

    #[test]
    fn thai_words_have_boundaries_between_them() {
        let text = "ผู้เสียหายกลับบ้าน";
        let cuts = word_boundaries(text);
        assert!(!cuts.is_empty(), "{cuts:?}");
        assert!(cuts.iter().all(|at| text.is_char_boundary(*at)));
        // Never inside a cluster: no piece starts with a vowel or tone mark written above or below.
        for at in cuts {
            let next = text[at..].chars().next().unwrap_or(' ');
            assert!(
                !('\u{0e31}'..='\u{0e3a}').contains(&next),
                "{}",
                &text[at..]
            );
            assert!(
                !('\u{0e47}'..='\u{0e4e}').contains(&next),
                "{}",
                &text[at..]
            );
        }
    }
}

/// `ThaiDictionary` against ICU4X itself: they must cut every Thai run at the same places.
#[cfg(test)]
mod same_as_icu {
    use super::*;
    use std::path::Path;

    fn icu_pieces(run: &str) -> Vec<&str> {
        let breaks: Vec<usize> = dictionary_segmenter()
            .as_borrowed()
            .segment_str(run)
            .collect();
        breaks
            .windows(2)
            .map(|pair| &run[pair[0]..pair[1]])
            .collect()
    }

    fn fast_pieces(run: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let dictionary = ThaiDictionary::get().expect("ICU4X's Thai data is a byte trie");
        assert!(dictionary.segment(run, &mut |piece| pieces.push(piece)));
        pieces
    }

    fn thai_runs(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| !is_thai(c))
            .filter(|run| !run.is_empty())
    }

    fn text_files(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                text_files(&path, out);
            } else if path
                .extension()
                .is_some_and(|ext| ext == "md" || ext == "toml")
            {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Every Thai run of the bundled handbook, as written.
    fn handbook_runs() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["content", "forms"] {
            text_files(&root.join(dir), &mut texts);
        }
        for file in ["glossary.toml", "directory.toml"] {
            texts.push(std::fs::read_to_string(root.join(file)).unwrap());
        }
        let runs: Vec<String> = texts
            .iter()
            .flat_map(|text| thai_runs(text).map(str::to_string))
            .collect();
        assert!(
            runs.len() > 1000,
            "the handbook has Thai text: {}",
            runs.len()
        );
        runs
    }

    #[test]
    fn cuts_the_bundled_handbook_like_icu() {
        for run in handbook_runs() {
            assert_eq!(fast_pieces(&run), icu_pieces(&run), "{run}");
        }
    }

    #[test]
    fn cuts_every_pair_of_thai_characters_like_icu() {
        let thai: Vec<char> = ('\u{0E00}'..='\u{0E7F}').filter(|c| is_thai(*c)).collect();
        for first in &thai {
            for second in &thai {
                let run = format!("{first}{second}");
                assert_eq!(fast_pieces(&run), icu_pieces(&run), "{run}");
            }
        }
    }

    /// Runs made of real words glued together, with stray letters and marks between them, so
    /// that the longest match, its rewinds and the cluster rules all get exercised.
    #[test]
    fn cuts_random_runs_of_words_and_marks_like_icu() {
        let mut words: Vec<String> = Vec::new();
        for run in handbook_runs() {
            words.extend(icu_pieces(&run).into_iter().map(str::to_string));
        }
        words.sort();
        words.dedup();
        let thai: Vec<char> = ('\u{0E00}'..='\u{0E7F}').filter(|c| is_thai(*c)).collect();
        let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let mut run = String::new();
            for _ in 0..1 + random(6) {
                if random(4) == 0 {
                    run.push(thai[random(thai.len())]);
                } else {
                    let word = &words[random(words.len())];
                    // Sometimes only a part of a word: a prefix the trie walks into and leaves.
                    let chars: Vec<char> = word.chars().collect();
                    let keep = if random(3) == 0 {
                        1 + random(chars.len())
                    } else {
                        chars.len()
                    };
                    run.extend(&chars[..keep]);
                }
            }
            assert_eq!(fast_pieces(&run), icu_pieces(&run), "{run}");
        }
        // Mark-heavy runs: half the characters are marks, sara am or a leading vowel, so that
        // clusters are long, start runs, and end words in the middle of the trie.
        let marks: Vec<char> = thai
            .iter()
            .copied()
            .filter(|c| {
                extends_cluster((*c as u32 - 0x0E00) as u8) || ('\u{0E40}'..='\u{0E44}').contains(c)
            })
            .collect();
        for _ in 0..20_000 {
            let run: String = (0..1 + random(12))
                .map(|_| {
                    let pool = if random(2) == 0 { &marks } else { &thai };
                    pool[random(pool.len())]
                })
                .collect();
            assert_eq!(fast_pieces(&run), icu_pieces(&run), "{run}");
        }
    }
}
