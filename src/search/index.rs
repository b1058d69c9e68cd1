//! The inverted index of one language: terms to (document, impact) postings, BM25 precomputed per posting.
//!
//! Each posting stores the document's BM25 term-frequency part (length-normalised, with title
//! and heading matches weighted up), so the browser only multiplies by the term's idf and adds.

use super::doc_set::{DocSet, TermPostings};
use super::range::{slot_pair, RangeIndex, B, K1};
use super::spill::{merge, Run, Source};
use super::synonyms::{grouped, Synonyms};
use super::thai::is_thai;
use super::tokenise::Tokeniser;
use crate::search::doc::SearchDoc;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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

/// Which part of a language's index files an encoded entry goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Terms,
    Pairs,
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

/// Each document's BM25 length normalisation, from its weighted length: computed once a
/// document rather than once a posting.
fn norms(lengths: &[f32], average: f32) -> Vec<f32> {
    lengths
        .iter()
        .map(|length| K1 * (1.0 - B + B * length / average))
        .collect()
}

/// A term's postings with their BM25 impacts, from its weighted frequencies and the documents'
/// `norms`.
fn impacts(postings: &TermPostings, norms: &[f32]) -> Vec<Posting> {
    let mut impacts = Vec::with_capacity(postings.len());
    postings.for_each(|doc, frequency| {
        let norm = norms[doc as usize];
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
    /// Postings of the documents before `run_first`, on disk, in order.
    runs: Vec<Run>,
    /// The first document whose postings are held in `whole`.
    run_first: u32,
    /// How many documents' postings are held before they are spilled to a run; `None`: never.
    spill_after: Option<u32>,
}

/// Documents a parallel task indexes at least before its range is merged with the others:
/// rayon cut a batch of 5,000 documents into about a hundred ranges, each of which learned the
/// handbook's English words again (`RangeIndex::word_slot`) and was merged term by term.
const DOCUMENTS_PER_RANGE: usize = 256;

/// Terms (or pairs) merged before their impacts are computed and encoded on every core: this
/// many, or fewer when their postings reach `POSTINGS_AT_ONCE` (a frequent Thai pair is in most
/// documents: 4,096 of them were most of the index at 40,000 pages).
const ENCODED_AT_ONCE: usize = 4096;
const POSTINGS_AT_ONCE: usize = 1 << 20;

impl Builder {
    /// `synonyms` are (reader's word, handbook's word) pairs. Holds every posting in memory.
    pub fn new(synonyms: &[(&str, &str)]) -> Builder {
        Builder {
            whole: RangeIndex::default(),
            next: 0,
            synonyms: Synonyms::new(synonyms),
            meanings: grouped(synonyms.iter().copied()),
            runs: Vec::new(),
            run_first: 0,
            spill_after: None,
        }
    }

    /// A builder that writes its postings to a temporary file once it holds those of
    /// `documents` documents or more (after the batch that reaches them), and merges the files
    /// in `finish_encoded`: its memory stays that of one run and the vocabulary.
    pub fn spilling(synonyms: &[(&str, &str)], documents: u32) -> Builder {
        Builder {
            spill_after: Some(documents.max(1)),
            ..Builder::new(synonyms)
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
            .with_min_len(DOCUMENTS_PER_RANGE)
            .fold(RangeIndex::default, |range, (number, doc)| {
                range.add(first + number as u32, doc.borrow(), tokeniser, synonyms)
            })
            .reduce(RangeIndex::default, RangeIndex::merge);
        self.whole = std::mem::take(&mut self.whole).merge(batch);
        self.next += docs.len() as u32;
        if self
            .spill_after
            .is_some_and(|limit| self.next - self.run_first >= limit)
        {
            match Run::write(self.whole.terms(), &self.whole.pairs) {
                Ok(run) => {
                    self.runs.push(run);
                    self.whole.spilled();
                    self.run_first = self.next;
                }
                // A temporary file that cannot be written (a full disk) leaves the postings in
                // memory: the index is the same, only larger to hold.
                Err(_) => self.spill_after = None,
            }
        }
    }

    /// How many documents were added.
    pub fn documents(&self) -> usize {
        self.next as usize
    }

    /// Hands `each` the term and then the pair entries of the index files, each part sorted by
    /// key, each entry encoded by `term` or `pair` as soon as its impacts are known, its postings
    /// then dropped: a build's index is never held whole, as postings or encoded. The spilled
    /// runs and the postings still held are merged term by term. Returns the Thai words and the
    /// synonyms; an error only when a run cannot be read back.
    #[allow(clippy::type_complexity)]
    pub fn finish_encoded(
        self,
        term: impl Fn(&[Posting]) -> String + Sync,
        pair: impl Fn(&[u32]) -> String + Sync,
        each: &mut dyn FnMut(Part, &str, &str),
    ) -> std::io::Result<(BTreeSet<String>, BTreeMap<String, Vec<String>>)> {
        let mut whole = self.whole;
        let lengths = std::mem::take(&mut whole.lengths);
        let held_pairs = std::mem::take(&mut whole.pairs);
        let held_terms = whole.into_terms();
        let norms = norms(&lengths, average_length(&lengths));
        let mut term_sources: Vec<Source<String, TermPostings>> = Vec::new();
        let mut pair_sources: Vec<Source<u32, DocSet>> = Vec::new();
        for run in self.runs {
            let (terms, pairs) = run.sources()?;
            term_sources.push(terms);
            pair_sources.push(pairs);
        }
        let mut held: Vec<(String, TermPostings)> = held_terms.into_iter().collect();
        held.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        term_sources.push(Box::new(held.into_iter().map(Ok)));
        pair_sources.push(Box::new(
            held_pairs
                .into_iter()
                .enumerate()
                .filter(|(_, docs)| !docs.is_empty())
                .map(|(slot, docs)| Ok((slot as u32, docs))),
        ));

        let mut thai_words = BTreeSet::new();
        let mut merged: Vec<(String, TermPostings)> = Vec::new();
        let mut held = 0;
        let encode = |merged: &mut Vec<(String, TermPostings)>,
                      each: &mut dyn FnMut(Part, &str, &str)| {
            let encoded: Vec<String> = merged
                .par_iter()
                .map(|(_, postings)| term(&impacts(postings, &norms)))
                .collect();
            for ((word, _), encoded) in merged.drain(..).zip(encoded) {
                each(Part::Terms, &word, &encoded);
            }
        };
        merge(term_sources, TermPostings::append, |word, postings| {
            if word.starts_with(is_thai) {
                thai_words.insert(word.clone());
            }
            held += postings.len();
            merged.push((word, postings));
            if merged.len() >= ENCODED_AT_ONCE || held >= POSTINGS_AT_ONCE {
                encode(&mut merged, each);
                held = 0;
            }
        })?;
        encode(&mut merged, each);

        // Slots ascend as their pairs' text does: both characters are of the Thai block, whose
        // code points (and UTF-8 bytes) ascend with their offsets.
        let mut merged: Vec<(u32, DocSet)> = Vec::new();
        let mut held = 0;
        let encode = |merged: &mut Vec<(u32, DocSet)>, each: &mut dyn FnMut(Part, &str, &str)| {
            let encoded: Vec<String> = merged
                .par_iter()
                .map(|(_, docs)| pair(&docs.to_vec()))
                .collect();
            for ((slot, _), encoded) in merged.drain(..).zip(encoded) {
                each(Part::Pairs, &slot_pair(slot as usize), &encoded);
            }
        };
        merge(pair_sources, DocSet::append, |slot, docs| {
            held += docs.len();
            merged.push((slot, docs));
            if merged.len() >= ENCODED_AT_ONCE || held >= POSTINGS_AT_ONCE {
                encode(&mut merged, each);
                held = 0;
            }
        })?;
        encode(&mut merged, each);
        Ok((thai_words, self.meanings))
    }

    /// The postings with their impacts, now that every document's length is known: for a
    /// builder made by `new`, which holds them all (`spilling` ones finish with
    /// `finish_encoded`).
    pub fn finish(self) -> Postings {
        let mut whole = self.whole;
        let lengths = std::mem::take(&mut whole.lengths);
        let pairs = std::mem::take(&mut whole.pairs);
        let norms = norms(&lengths, average_length(&lengths));
        let terms: BTreeMap<String, Vec<Posting>> = whole
            .into_terms()
            .map(|(term, postings)| (term, impacts(&postings, &norms)))
            .collect();
        // A term is Thai exactly when its first character is: Thai words come from runs of Thai
        // characters only, and every other word ends before a Thai character.
        let thai_words = terms
            .keys()
            .filter(|term| term.starts_with(is_thai))
            .cloned()
            .collect();
        let thai_pairs = pairs
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
