//! The inverted index of one language: terms to (document, impact) postings, BM25 precomputed per posting.
//!
//! Each posting stores the document's BM25 term-frequency part (length-normalised, with title
//! and heading matches weighted up), so the browser only multiplies by the term's idf and adds.

use super::normalise::normalise;
use super::thai::thai_runs;
use super::tokenise::{Script, Tokeniser};
use crate::render::SearchDoc;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
}

/// Weighted term frequencies of one document, and its weighted length.
struct DocTerms {
    terms: Vec<(String, f32)>,
    thai: Vec<String>,
    pairs: Vec<String>,
    length: f32,
}

/// Documents analysed in parallel at a time before their terms are merged into the index.
/// Analysing all of them first held every document's term and pair strings at once: over 1 GB
/// of a 10,000-page handbook's 3 GB peak. A batch is enough to keep both cores busy.
const BATCH: usize = 2048;

/// Indexes the documents of one language.
pub fn build<'a>(docs: Vec<&'a SearchDoc>, tokeniser: &Tokeniser) -> LanguageIndex<'a> {
    // Hash maps while merging (most lookups hit), sorted once at the end. Postings first hold
    // the weighted frequency: impacts need the average length, known only after every batch.
    let mut terms: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
    let mut pairs: HashMap<String, Vec<u32>> = HashMap::new();
    let mut thai_words = BTreeSet::new();
    let mut lengths: Vec<f32> = Vec::with_capacity(docs.len());
    for batch in docs.chunks(BATCH) {
        let analysed: Vec<DocTerms> = batch
            .par_iter()
            .map(|doc| analyse(doc, tokeniser))
            .collect();
        for doc in analysed {
            let number = lengths.len() as u32;
            lengths.push(doc.length);
            for (term, frequency) in doc.terms {
                match terms.get_mut(&term) {
                    Some(postings) => postings.push((number, frequency)),
                    None => {
                        terms.insert(term, vec![(number, frequency)]);
                    }
                }
            }
            thai_words.extend(doc.thai);
            for pair in doc.pairs {
                match pairs.get_mut(&pair) {
                    Some(postings) => postings.push(number),
                    None => {
                        pairs.insert(pair, vec![number]);
                    }
                }
            }
        }
    }
    let total: f32 = lengths.iter().sum();
    let average = if lengths.is_empty() {
        1.0
    } else {
        (total / lengths.len() as f32).max(1.0)
    };
    let terms = terms
        .into_iter()
        .map(|(term, postings)| {
            let postings = postings
                .into_iter()
                .map(|(doc, frequency)| {
                    let norm = K1 * (1.0 - B + B * lengths[doc as usize] / average);
                    let tf = frequency * (K1 + 1.0) / (frequency + norm);
                    let impact = (tf * IMPACT_SCALE).round().clamp(1.0, f32::from(u16::MAX)) as u16;
                    Posting { doc, impact }
                })
                .collect();
            (term, postings)
        })
        .collect();
    LanguageIndex {
        docs,
        terms,
        thai_words,
        thai_pairs: pairs.into_iter().collect(),
    }
}

fn analyse(doc: &SearchDoc, tokeniser: &Tokeniser) -> DocTerms {
    let title_weight = if doc.heading.is_empty() {
        TITLE_WEIGHT
    } else {
        CONTEXT_TITLE_WEIGHT
    };
    let fields = [
        (normalise(&doc.title), title_weight),
        (normalise(&doc.heading), HEADING_WEIGHT),
        (normalise(&doc.text), 1.0),
    ];
    let mut pairs: HashSet<&str> = HashSet::new();
    for (text, _) in &fields {
        for run in thai_runs(text) {
            let mut chars = run.char_indices().peekable();
            while let Some((at, _)) = chars.next() {
                if let Some(&(next, c)) = chars.peek() {
                    pairs.insert(&run[at..next + c.len_utf8()]);
                }
            }
        }
    }
    let mut weights: HashMap<String, f32> = HashMap::new();
    let mut thai: HashSet<String> = HashSet::new();
    let mut length = 0.0;
    for (text, weight) in &fields {
        tokeniser.terms(text, &mut |term, script| {
            length += weight;
            if script == Script::Thai && !thai.contains(term.as_ref()) {
                thai.insert(term.to_string());
            }
            match weights.get_mut(term.as_ref()) {
                Some(total) => *total += weight,
                None => {
                    weights.insert(term.into_owned(), *weight);
                }
            }
        });
    }
    // Sorted so that nothing downstream depends on hash order.
    let mut terms: Vec<(String, f32)> = weights.into_iter().collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    let mut pairs: Vec<String> = pairs.into_iter().map(str::to_string).collect();
    pairs.sort();
    DocTerms {
        terms,
        thai: thai.into_iter().collect(),
        pairs,
        length,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, heading: &str, text: &str) -> SearchDoc {
        SearchDoc {
            lang: "en".into(),
            url: "en/x.html".into(),
            title: title.into(),
            heading: heading.into(),
            text: text.into(),
            kind: "page",
            roles: Vec::new(),
        }
    }

    fn impact(index: &LanguageIndex, term: &str, doc: u32) -> u16 {
        index.terms[term]
            .iter()
            .find(|p| p.doc == doc)
            .map(|p| p.impact)
            .unwrap_or(0)
    }

    #[test]
    fn a_title_match_outweighs_a_body_match() {
        let docs = [
            doc("Referral", "", "How cases move between agencies."),
            doc(
                "Reception",
                "",
                "Officers complete the referral form on arrival.",
            ),
        ];
        let index = build(docs.iter().collect(), &Tokeniser::new(&[]));
        assert!(impact(&index, "referr", 0) > impact(&index, "referr", 1));
    }

    #[test]
    fn a_heading_match_outweighs_the_same_word_in_the_body() {
        let docs = [
            doc("Return", "Travel documents", "Issue them before departure."),
            doc(
                "Return",
                "Departure",
                "Check the travel documents at the airport.",
            ),
        ];
        let index = build(docs.iter().collect(), &Tokeniser::new(&[]));
        assert!(impact(&index, "document", 0) > impact(&index, "document", 1));
    }

    #[test]
    fn postings_are_sorted_by_document_and_thai_words_collected() {
        let docs = [
            doc("ผู้เสียหาย", "", "ช่วยเหลือผู้เสียหาย"),
            doc("victims", "", "ผู้เสียหาย victims"),
        ];
        let index = build(docs.iter().collect(), &Tokeniser::new(&[]));
        let docs_of: Vec<u32> = index.terms["ผู้"].iter().map(|p| p.doc).collect();
        assert_eq!(docs_of, [0, 1]);
        assert!(index.thai_words.contains("เสีย"));
        assert!(!index.thai_words.contains("victim"));
        assert_eq!(index.thai_pairs["ผู"], [0, 1]);
        assert_eq!(index.thai_pairs["ู้"], [0, 1]);
        assert_eq!(index.thai_pairs["ช่"], [0]);
    }
}
