//! The inverted index of one language: terms to (document, impact) postings, BM25 precomputed per posting.
//!
//! Each posting stores the document's BM25 term-frequency part (length-normalised, with title
//! and heading matches weighted up), so the browser only multiplies by the term's idf and adds.

use super::doc_set::{DocSet, TermPostings};
use super::normalise::{indexed, normalise};
use super::thai::{is_thai, thai_runs};
use super::tokenise::{is_word_char, Tokeniser};
use crate::search::doc::SearchDoc;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;

/// BM25 parameters (the usual values).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A heading names what its section is about: its words count three times as much as body words.
const HEADING_WEIGHT: f32 = 3.0;
/// The page title weighs the same on the document that starts the page (no heading); on the
/// page's later sections it only gives context.
const TITLE_WEIGHT: f32 = 3.0;
const CONTEXT_TITLE_WEIGHT: f32 = 1.0;
/// Impacts are stored as integers: BM25's tf part times this, at least 1.
pub const IMPACT_SCALE: f32 = 100.0;
/// BM25's tf part stays below k1 + 1, so no impact reaches this.
pub const MAX_IMPACT: f32 = (K1 + 1.0) * IMPACT_SCALE;

/// One posting: a document number (within the language) and its impact for the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub impact: u16,
}

/// The index of one language.
#[derive(Debug, Default)]
pub struct LanguageIndex<'a> {
    /// The language's documents in site order; a posting's `doc` indexes this.
    pub docs: Vec<&'a SearchDoc>,
    /// Term to postings, sorted by term; postings are sorted by document.
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Every Thai word in the index: the query side cuts Thai queries by longest match over these.
    pub thai_words: BTreeSet<String>,
    /// Character pairs of Thai runs to the documents containing them (no impacts). ICU's greedy
    /// dictionary mis-cuts some phrases (ทางโทรศัพท์ -> ทางโท|รศั|พท์), so a word query alone
    /// would miss them; the pairs find every document containing the query's Thai text, which
    /// the browser then confirms against the stored text.
    pub thai_pairs: BTreeMap<String, Vec<u32>>,
    /// A reader's word (normalised) to the handbook's words it stands for (normalised), so the
    /// browser can mark where the handbook's word is written.
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// The postings of a contiguous range of documents: what one parallel task builds before the
/// ranges are merged. A term is stored once per range, not once per document, and its postings
/// are added to in place, so most term occurrences cost one hash lookup and no allocation.
#[derive(Default)]
struct RangeIndex {
    /// The first document of the range (meaningless while `lengths` is empty).
    first: u32,
    /// Weighted length of each document of the range, in order.
    lengths: Vec<f32>,
    /// Term to (document, weighted frequency), documents ascending. Frequencies, not impacts:
    /// impacts need the average length, known only when every range is merged.
    terms: FxHashMap<String, TermPostings>,
    /// Thai character pair to the documents containing it, ascending: indexed by the two
    /// characters' offsets in the Thai block (see `pair_slot`), so a pair costs no hashing.
    /// Empty until the range meets its first Thai pair.
    pairs: Vec<DocSet>,
}

/// The Thai block has 128 code points: 128 x 128 pairs.
const PAIR_SLOTS: usize = 128 * 128;

/// A pair of Thai characters' place in `RangeIndex::pairs`.
fn pair_slot(first: char, second: char) -> usize {
    debug_assert!(
        is_thai(first) && is_thai(second),
        "pairs come from Thai runs"
    );
    let offset = |c: char| (c as usize - 0x0E00) & 0x7F;
    offset(first) << 7 | offset(second)
}

/// The pair at a place in `RangeIndex::pairs`.
fn slot_pair(slot: usize) -> String {
    // Every offset below 0x80 names a code point of the Thai block, so none is dropped.
    [slot >> 7, slot & 0x7F]
        .iter()
        .filter_map(|offset| char::from_u32(0x0E00 + *offset as u32))
        .collect()
}

impl RangeIndex {
    /// Adds document `number`, the one after the range's last.
    fn add(
        mut self,
        number: u32,
        doc: &SearchDoc,
        tokeniser: &Tokeniser,
        synonyms: &Synonyms,
    ) -> RangeIndex {
        if self.lengths.is_empty() {
            self.first = number;
        }
        // A list of links later in a page ("Related pages") gives the page's title as context
        // no more than its words: the page's own sections come before it for the title.
        let title_weight = if doc.heading.is_empty() {
            TITLE_WEIGHT
        } else {
            CONTEXT_TITLE_WEIGHT * doc.text_weight
        };
        // (text, weight of its words, what each word adds to the document's length). A list of
        // links weighs its words down but keeps its length: it is not a short document about them.
        let fields = [
            (normalise(&doc.title), title_weight, title_weight),
            (normalise(&doc.heading), HEADING_WEIGHT, HEADING_WEIGHT),
            (normalise(&indexed(&doc.text)), doc.text_weight, 1.0),
        ];
        for (text, _, _) in &fields {
            for run in thai_runs(text) {
                let mut chars = run.chars();
                let Some(mut previous) = chars.next() else {
                    continue;
                };
                if self.pairs.is_empty() {
                    self.pairs.resize_with(PAIR_SLOTS, DocSet::default);
                }
                for c in chars {
                    self.pairs[pair_slot(previous, c)].push(number);
                    previous = c;
                }
            }
        }
        let mut length = 0.0;
        for (text, weight, counts) in &fields {
            tokeniser.terms(text, &mut |term| {
                length += counts;
                self.post(term, number, *weight);
            });
            // The reader's words for the handbook's, where the handbook's are written: they
            // weigh as the words they stand for, and leave the document's length as it is.
            for word in synonyms.found_in(text) {
                tokeniser.terms(word, &mut |term| self.post(term, number, *weight));
            }
        }
        self.lengths.push(length);
        self
    }

    /// Counts one occurrence of `term` in document `number`, the range's last.
    fn post(&mut self, term: std::borrow::Cow<'_, str>, number: u32, weight: f32) {
        match self.terms.get_mut(term.as_ref()) {
            Some(postings) => postings.add(number, weight),
            None => {
                let mut postings = TermPostings::default();
                postings.add(number, weight);
                self.terms.insert(term.into_owned(), postings);
            }
        }
    }

    /// Joins two adjacent ranges.
    fn merge(self, other: RangeIndex) -> RangeIndex {
        let (mut earlier, later) = if other.lengths.is_empty() || self.first <= other.first {
            (self, other)
        } else {
            (other, self)
        };
        if later.lengths.is_empty() {
            return earlier;
        }
        if earlier.lengths.is_empty() {
            return later;
        }
        earlier.lengths.extend(later.lengths);
        RangeIndex {
            first: earlier.first,
            lengths: earlier.lengths,
            terms: concatenate(earlier.terms, later.terms),
            pairs: concatenate_pairs(earlier.pairs, later.pairs),
        }
    }
}

/// Each key's postings of `earlier` followed by those of `later`, walking the smaller map.
fn concatenate<K: Hash + Eq>(
    earlier: FxHashMap<K, TermPostings>,
    later: FxHashMap<K, TermPostings>,
) -> FxHashMap<K, TermPostings> {
    if earlier.len() >= later.len() {
        let mut merged = earlier;
        for (key, postings) in later {
            match merged.entry(key) {
                Entry::Occupied(mut entry) => entry.get_mut().append(postings),
                Entry::Vacant(entry) => {
                    entry.insert(postings);
                }
            }
        }
        merged
    } else {
        let mut merged = later;
        for (key, mut postings) in earlier {
            match merged.entry(key) {
                Entry::Occupied(mut entry) => {
                    postings.append(std::mem::take(entry.get_mut()));
                    *entry.get_mut() = postings;
                }
                Entry::Vacant(entry) => {
                    entry.insert(postings);
                }
            }
        }
        merged
    }
}

/// Each pair's documents of `earlier` followed by those of `later`.
fn concatenate_pairs(mut earlier: Vec<DocSet>, later: Vec<DocSet>) -> Vec<DocSet> {
    if earlier.is_empty() {
        return later;
    }
    for (docs, later_docs) in earlier.iter_mut().zip(later) {
        docs.append(later_docs);
    }
    earlier
}

/// The handbook's words that readers search for by other words, found in normalised text.
struct Synonyms {
    /// The handbook's words, normalised; `None` when there are none.
    matcher: Option<AhoCorasick>,
    /// For each of them, the readers' words, normalised.
    words: Vec<Vec<String>>,
}

impl Synonyms {
    fn new(synonyms: &[(&str, &str)]) -> Synonyms {
        let mut by_meaning = grouped(synonyms.iter().map(|(word, means)| (*means, *word)));
        by_meaning.retain(|means, _| !means.trim().is_empty());
        let matcher = if by_meaning.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(by_meaning.keys())
                .ok()
        };
        Synonyms {
            matcher,
            words: by_meaning.into_values().collect(),
        }
    }

    /// The readers' words for each of the handbook's words in `text`, once per occurrence. A
    /// word of another script than Thai counts only as a whole word ("act" not in "contact").
    fn found_in<'s>(&'s self, text: &str) -> Vec<&'s str> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // Two characters of one word, as the tokeniser splits words outside Thai runs.
        let in_word = |c: char| is_word_char(c) && !is_thai(c);
        let joins = |a: Option<char>, b: Option<char>| match (a, b) {
            (Some(a), Some(b)) => in_word(a) && in_word(b),
            _ => false,
        };
        matcher
            .find_iter(text)
            .filter(|found| {
                let (start, end) = (found.start(), found.end());
                let inside = &text[start..end];
                !joins(text[..start].chars().next_back(), inside.chars().next())
                    && !joins(inside.chars().next_back(), text[end..].chars().next())
            })
            .flat_map(|found| self.words[found.pattern().as_usize()].iter())
            .map(String::as_str)
            .collect()
    }
}

/// (key, value) pairs, normalised, as each key's values.
fn grouped<'p>(pairs: impl Iterator<Item = (&'p str, &'p str)>) -> BTreeMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        groups
            .entry(normalise(key))
            .or_default()
            .push(normalise(value));
    }
    groups
}

/// Indexes the documents of one language. `synonyms` are (reader's word, handbook's word) pairs.
pub fn build<'a>(
    docs: Vec<&'a SearchDoc>,
    tokeniser: &Tokeniser,
    synonyms: &[(&str, &str)],
) -> LanguageIndex<'a> {
    let mut builder = Builder::new(synonyms);
    builder.add(&docs, tokeniser);
    let postings = builder.finish();
    LanguageIndex {
        docs,
        terms: postings.terms,
        thai_words: postings.thai_words,
        thai_pairs: postings.thai_pairs,
        synonyms: postings.synonyms,
    }
}

/// A language's index without its documents: what a build keeps once their text is written.
#[derive(Debug, Default)]
pub struct Postings {
    /// As in [`LanguageIndex`].
    pub terms: BTreeMap<String, Vec<Posting>>,
    pub thai_words: BTreeSet<String>,
    pub thai_pairs: BTreeMap<String, Vec<u32>>,
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// A language's index as its files hold it: terms and Thai pairs with their entries encoded,
/// sorted by key.
pub struct EncodedIndex {
    pub terms: Vec<(String, String)>,
    pub pairs: Vec<(String, String)>,
    pub thai_words: BTreeSet<String>,
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// The average weighted length of the documents (at least 1), for BM25.
fn average_length(lengths: &[f32]) -> f32 {
    let total: f32 = lengths.iter().sum();
    if lengths.is_empty() {
        1.0
    } else {
        (total / lengths.len() as f32).max(1.0)
    }
}

/// A term's postings with their BM25 impacts, from its weighted frequencies.
fn impacts(postings: &TermPostings, lengths: &[f32], average: f32) -> Vec<Posting> {
    let mut impacts = Vec::with_capacity(postings.len());
    postings.for_each(|doc, frequency| {
        let norm = K1 * (1.0 - B + B * lengths[doc as usize] / average);
        let tf = frequency * (K1 + 1.0) / (frequency + norm);
        let impact = (tf * IMPACT_SCALE).round().clamp(1.0, f32::from(u16::MAX)) as u16;
        impacts.push(Posting { doc, impact });
    });
    impacts
}

/// Builds one language's index from its documents a batch at a time, in order: a build indexes
/// each batch of pages as it is rendered and need not keep their text. Between batches it holds
/// each term once and (document, frequency) pairs, not the documents.
pub struct Builder {
    whole: RangeIndex,
    /// The number of the next document added.
    next: u32,
    synonyms: Synonyms,
    meanings: BTreeMap<String, Vec<String>>,
}

impl Builder {
    /// `synonyms` are (reader's word, handbook's word) pairs.
    pub fn new(synonyms: &[(&str, &str)]) -> Builder {
        Builder {
            whole: RangeIndex::default(),
            next: 0,
            synonyms: Synonyms::new(synonyms),
            meanings: grouped(synonyms.iter().copied()),
        }
    }

    /// Adds the next documents, numbered on from those added before.
    pub fn add<D: std::borrow::Borrow<SearchDoc> + Sync>(
        &mut self,
        docs: &[D],
        tokeniser: &Tokeniser,
    ) {
        let first = self.next;
        let synonyms = &self.synonyms;
        let batch = docs
            .par_iter()
            .enumerate()
            .fold(RangeIndex::default, |range, (number, doc)| {
                range.add(first + number as u32, doc.borrow(), tokeniser, synonyms)
            })
            .reduce(RangeIndex::default, RangeIndex::merge);
        self.whole = std::mem::take(&mut self.whole).merge(batch);
        self.next += docs.len() as u32;
    }

    /// How many documents were added.
    pub fn documents(&self) -> usize {
        self.next as usize
    }

    /// The term and pair entries of the index files, sorted by key, each encoded by `term` or
    /// `pair` as soon as its impacts are known, its postings then dropped: a build's index is
    /// never held twice, as postings and as impacts.
    pub fn finish_encoded(
        self,
        term: impl Fn(&[Posting]) -> String + Sync,
        pair: impl Fn(&[u32]) -> String + Sync,
    ) -> EncodedIndex {
        let whole = self.whole;
        let lengths = whole.lengths;
        let average = average_length(&lengths);
        let mut terms: Vec<(String, TermPostings)> = whole.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let thai_words = terms
            .iter()
            .map(|(word, _)| word)
            .filter(|word| word.starts_with(is_thai))
            .cloned()
            .collect();
        let terms = terms
            .into_par_iter()
            .map(|(word, postings)| {
                let encoded = term(&impacts(&postings, &lengths, average));
                (word, encoded)
            })
            .collect();
        let mut pairs: Vec<(String, String)> = whole
            .pairs
            .into_par_iter()
            .enumerate()
            .filter(|(_, docs)| !docs.is_empty())
            .map(|(slot, docs)| (slot_pair(slot), pair(&docs.to_vec())))
            .collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        EncodedIndex {
            terms,
            pairs,
            thai_words,
            synonyms: self.meanings,
        }
    }

    /// The postings with their impacts, now that every document's length is known.
    pub fn finish(self) -> Postings {
        let whole = self.whole;
        let lengths = whole.lengths;
        let average = average_length(&lengths);
        let terms: BTreeMap<String, Vec<Posting>> = whole
            .terms
            .into_iter()
            .map(|(term, postings)| (term, impacts(&postings, &lengths, average)))
            .collect();
        // A term is Thai exactly when its first character is: Thai words come from runs of Thai
        // characters only, and every other word ends before a Thai character.
        let thai_words = terms
            .keys()
            .filter(|term| term.starts_with(is_thai))
            .cloned()
            .collect();
        let thai_pairs = whole
            .pairs
            .into_iter()
            .enumerate()
            .filter(|(_, docs)| !docs.is_empty())
            .map(|(slot, docs)| (slot_pair(slot), docs.to_vec()))
            .collect();
        Postings {
            terms,
            thai_words,
            thai_pairs,
            synonyms: self.meanings,
        }
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
