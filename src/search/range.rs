//! The postings of a contiguous range of documents, as one parallel task builds them before the ranges are merged.
//!
//! A term is stored once per range, in a slot, and its postings are added to in place, so most
//! term occurrences cost one hash lookup and no allocation. Two kinds of occurrence cost none:
//! a word outside Thai seen before in the range (its stem's slot is kept by the word as written,
//! so it is neither stemmed nor looked up twice), and the words of a page's title on the page's
//! second and later sections (the title's slots are kept from its first).

use super::doc_set::{DocSet, TermPostings};
use super::normalise::{indexed, normalise};
use super::synonyms::Synonyms;
use super::term_map::TermMap;
use super::tokenise::{Token, Tokeniser};
use crate::search::doc::SearchDoc;

/// BM25 parameters (the usual values).
pub(super) const K1: f32 = 1.2;
pub(super) const B: f32 = 0.75;
/// A heading names what its section is about: its words count three times as much as body words.
const HEADING_WEIGHT: f32 = 3.0;
/// The page title weighs the same on the document that starts the page (no heading); on the
/// page's later sections it only gives context.
const TITLE_WEIGHT: f32 = 3.0;
const CONTEXT_TITLE_WEIGHT: f32 = 1.0;

#[derive(Default)]
pub(super) struct RangeIndex {
    /// The first document of the range (meaningless while `lengths` is empty).
    pub(super) first: u32,
    /// Weighted length of each document of the range, in order.
    pub(super) lengths: Vec<f32>,
    /// Term to its slot in `postings`.
    slots: TermMap,
    /// Each slot's (document, weighted frequency), documents ascending. Frequencies, not
    /// impacts: impacts need the average length, known only when every range is merged.
    postings: Vec<TermPostings>,
    /// Thai character pair to the documents containing it, ascending: indexed by the two
    /// characters' offsets in the Thai block (see `pair_slot`), so a pair costs no hashing.
    /// Empty until the range meets its first Thai pair.
    pub(super) pairs: Vec<DocSet>,
    /// The pairs already added for the document being added, a bit a slot: a Thai text repeats
    /// its pairs many times, and this answers them from 2 KB instead of the 640 KB of `pairs`.
    pairs_seen: Vec<u64>,
    /// A word outside Thai as the tokeniser found it (`Token::Word`) to its term's slot.
    words: TermMap,
    /// The last document's title, and what indexing it found: its normalised text, the slots
    /// of its terms, then those of its synonyms' terms (see `add`).
    title: Option<Title>,
}

/// A title as indexed, kept for the next document with the same title.
struct Title {
    text: String,
    normalised: String,
    terms: Vec<u32>,
    synonym_terms: Vec<u32>,
}

/// The Thai block has 128 code points: 128 x 128 pairs.
const PAIR_SLOTS: usize = 128 * 128;

/// A pair of Thai characters' place in `RangeIndex::pairs`, from their offsets in the Thai
/// block (`thai_words::thai_letter_at`).
fn pair_slot(first: u8, second: u8) -> usize {
    usize::from(first & 0x7F) << 7 | usize::from(second & 0x7F)
}

/// The pair at a place in `RangeIndex::pairs`.
pub(super) fn slot_pair(slot: usize) -> String {
    // Every offset below 0x80 names a code point of the Thai block, so none is dropped.
    [slot >> 7, slot & 0x7F]
        .iter()
        .filter_map(|offset| char::from_u32(0x0E00 + *offset as u32))
        .collect()
}

impl RangeIndex {
    /// Adds document `number`, the one after the range's last.
    pub(super) fn add(
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
        let title = match self.title.take() {
            Some(title) if title.text == doc.title => title,
            _ => Title {
                text: doc.title.clone(),
                normalised: normalise(&doc.title),
                terms: Vec::new(),
                synonym_terms: Vec::new(),
            },
        };
        let heading = normalise(&doc.heading);
        let text = normalise(&indexed(&doc.text));
        if !self.pairs_seen.is_empty() {
            self.pairs_seen.fill(0);
        }
        // The heading's and the text's pairs are added as the tokeniser finds their Thai runs
        // (`add_field`); the title's here, as its terms may be known already.
        self.add_pairs(number, &title.normalised);
        let mut length = 0.0;
        // The title's terms as found for the page's first document, or found now. Each is
        // posted in the order the tokeniser finds it, as the other fields' terms are: a
        // document's weighted frequencies are sums, and sums of floats depend on their order.
        // A list of links weighs its words down but keeps its length: it is not a short
        // document about them.
        let title = if title.terms.is_empty() && title.synonym_terms.is_empty() {
            let mut found = title;
            let (mut terms, mut synonym_terms) = (Vec::new(), Vec::new());
            self.add_field(
                number,
                &found.normalised,
                (tokeniser, synonyms, false),
                (title_weight, title_weight),
                (&mut terms, &mut synonym_terms),
                &mut length,
            );
            (found.terms, found.synonym_terms) = (terms, synonym_terms);
            found
        } else {
            for slot in &title.terms {
                length += title_weight;
                self.postings[*slot as usize].add(number, title_weight);
            }
            for slot in &title.synonym_terms {
                self.postings[*slot as usize].add(number, title_weight);
            }
            title
        };
        self.title = Some(title);
        let (mut terms, mut synonym_terms) = (Vec::new(), Vec::new());
        for (text, weights) in [
            (&heading, (HEADING_WEIGHT, HEADING_WEIGHT)),
            (&text, (doc.text_weight, 1.0)),
        ] {
            terms.clear();
            synonym_terms.clear();
            self.add_field(
                number,
                text,
                (tokeniser, synonyms, true),
                weights,
                (&mut terms, &mut synonym_terms),
                &mut length,
            );
        }
        self.lengths.push(length);
        self
    }

    /// Posts the terms of one field of document `number`, normalised `text`, at `weights`
    /// (what each word weighs, what it adds to the document's `length`), and the terms of the
    /// readers' words for the handbook's words in it (which weigh as the words they stand for
    /// and leave the length as it is). `slots` gets the slots posted to, in order: the field's
    /// terms', then the synonyms'. With `pairs`, the Thai character pairs of its Thai runs are
    /// added too.
    fn add_field(
        &mut self,
        number: u32,
        text: &str,
        (tokeniser, synonyms, pairs): (&Tokeniser, &Synonyms, bool),
        (weight, counts): (f32, f32),
        slots: (&mut Vec<u32>, &mut Vec<u32>),
        length: &mut f32,
    ) {
        let (terms, synonym_terms) = slots;
        tokeniser.tokens(text, &mut |token| {
            let slot = match token {
                Token::Term(term) => self.slot(term),
                Token::Word(word) => self.word_slot(word, tokeniser),
                Token::ThaiRun(run) => {
                    if pairs {
                        self.add_pairs(number, run);
                    }
                    return;
                }
            };
            *length += counts;
            self.postings[slot as usize].add(number, weight);
            terms.push(slot);
        });
        for word in synonyms.found_in(text) {
            tokeniser.terms(word, &mut |term| {
                let slot = self.slot(&term);
                self.postings[slot as usize].add(number, weight);
                synonym_terms.push(slot);
            });
        }
    }

    /// Each pair of Thai characters next to each other in `text` (normalised), read by their
    /// bytes (`thai_letter_at`: an E0 byte only ever starts a character, so a byte-by-byte walk
    /// finds every Thai letter and nothing inside another character), for document `number`.
    fn add_pairs(&mut self, number: u32, text: &str) {
        let bytes = text.as_bytes();
        let mut previous: Option<u8> = None;
        let mut at = 0;
        while at < bytes.len() {
            let Some(letter) = crate::thai_words::thai_letter_at(bytes, at) else {
                previous = None;
                at += 1;
                continue;
            };
            if let Some(previous) = previous {
                let slot = pair_slot(previous, letter);
                if self.pairs.is_empty() {
                    self.pairs.resize_with(PAIR_SLOTS, DocSet::default);
                }
                if self.pairs_seen.is_empty() {
                    self.pairs_seen.resize(PAIR_SLOTS / 64, 0);
                }
                let (word, bit) = (slot / 64, 1 << (slot % 64));
                if self.pairs_seen[word] & bit == 0 {
                    self.pairs_seen[word] |= bit;
                    self.pairs[slot].push(number);
                }
            }
            previous = Some(letter);
            at += 3;
        }
    }

    /// The slot of `term`, given one if it has none yet.
    fn slot(&mut self, term: &str) -> u32 {
        if let Some(slot) = self.slots.get(term) {
            return slot;
        }
        let slot = self.postings.len() as u32;
        self.postings.push(TermPostings::default());
        self.slots.insert(term, slot);
        slot
    }

    /// The slot of the term of `word`, a word outside Thai as the tokeniser found it.
    fn word_slot(&mut self, word: &str, tokeniser: &Tokeniser) -> u32 {
        if let Some(slot) = self.words.get(word) {
            return slot;
        }
        let mut slot = 0;
        tokeniser.word_term(word, &mut |term| slot = self.slot(&term));
        self.words.insert(word, slot);
        slot
    }

    /// The terms and their postings, in no order.
    pub(super) fn into_terms(self) -> impl Iterator<Item = (String, TermPostings)> {
        let mut postings = self.postings;
        self.slots.into_keys().map(move |(key, slot)| {
            (
                key.into_term(),
                std::mem::take(&mut postings[slot as usize]),
            )
        })
    }

    /// The terms and their postings, in no order.
    pub(super) fn terms(&self) -> impl Iterator<Item = (String, &TermPostings)> {
        self.slots
            .terms()
            .map(|(term, slot)| (term, &self.postings[slot as usize]))
    }

    /// Forgets the terms and pairs (once they are written to a run), keeping the lengths.
    pub(super) fn spilled(&mut self) {
        self.slots = TermMap::default();
        self.postings = Vec::new();
        self.words = TermMap::default();
        self.title = None;
        self.pairs = Vec::new();
    }

    /// Joins two adjacent ranges.
    pub(super) fn merge(self, other: RangeIndex) -> RangeIndex {
        let (earlier, later) = if other.lengths.is_empty() || self.first <= other.first {
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
        let mut lengths = earlier.lengths;
        lengths.extend(later.lengths);
        let first = earlier.first;
        let pairs = concatenate_pairs(earlier.pairs, later.pairs);
        // Each term's postings of the earlier range followed by those of the later, walking
        // the smaller range's terms.
        let (slots, postings) = if earlier.slots.len() >= later.slots.len() {
            let (mut slots, mut postings) = (earlier.slots, earlier.postings);
            let mut later_postings = later.postings;
            for (key, slot) in later.slots.into_keys() {
                let added = std::mem::take(&mut later_postings[slot as usize]);
                let next = postings.len() as u32;
                let held = slots.get_or_insert(key, || next);
                if held == next {
                    postings.push(added);
                } else {
                    postings[held as usize].append(added);
                }
            }
            (slots, postings)
        } else {
            let (mut slots, mut postings) = (later.slots, later.postings);
            let mut earlier_postings = earlier.postings;
            for (key, slot) in earlier.slots.into_keys() {
                let mut added = std::mem::take(&mut earlier_postings[slot as usize]);
                let next = postings.len() as u32;
                let held = slots.get_or_insert(key, || next);
                if held == next {
                    postings.push(added);
                } else {
                    let held = &mut postings[held as usize];
                    added.append(std::mem::take(held));
                    *held = added;
                }
            }
            (slots, postings)
        };
        RangeIndex {
            first,
            lengths,
            slots,
            postings,
            pairs,
            ..RangeIndex::default()
        }
    }
}

/// Each pair's documents of `earlier` followed by those of `later`.
fn concatenate_pairs(mut earlier: Vec<DocSet>, later: Vec<DocSet>) -> Vec<DocSet> {
    if earlier.is_empty() {
        return later;
    }
    // Most of the 16,384 pairs never occur: skipped here rather than in `append`.
    for (docs, later_docs) in earlier.iter_mut().zip(later) {
        if !later_docs.is_empty() {
            docs.append(later_docs);
        }
    }
    earlier
}
