//! The index's number encodings: postings, document sets and bitsets as compact text (digits of `DIGITS`), and impact levels.

use super::index::{Posting, MAX_IMPACT};

/// The 64 digits of the number encoding; search.js has the same string. None needs escaping in
/// a JSON string.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Impacts are written as one digit: 63 levels up to the index's `MAX_IMPACT`. Steps of 1.6% of
/// the maximum keep the order of any two documents whose impacts differ by more than that.
pub const IMPACT_LEVELS: u32 = 63;
/// A term is dense, and written as a bitset (see `encode_term`), when it is in at least one
/// document in `DENSE_SHARE` and in at least `DENSE_MIN` documents: below that, a posting list
/// is a few kilobytes and exact.
pub(super) const DENSE_SHARE: usize = 8;
pub(super) const DENSE_MIN: usize = 1024;
/// The share of a dense term's postings, by impact, that keep their exact level.
pub(super) const DENSE_TOP_PERCENT: usize = 10;

/// A variable-length number: five bits per digit, low bits first; digits 32-63 say "more follows".
pub(super) fn push_number(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(char::from(DIGITS[low]));
            return;
        }
        out.push(char::from(DIGITS[low + 32]));
    }
}

/// A term's postings as a JSON value: the encoded string, or for a dense term an object
/// `{"n": documents, "b": bitset, "t": top postings, "r": level of the rest}`.
///
/// A word in a large share of the documents (ผู้ is in three of five sections of a Thai
/// handbook) has a posting list longer than a bitset of every document, and a first query has
/// to load it and walk it whole. Its idf is low, so exact impacts matter little for most of its
/// documents: the bitset says which documents have it, the postings of the top tenth by impact
/// (title and heading matches) keep their level, and the others count at their median level.
pub fn encode_term(postings: &[Posting], documents: usize) -> String {
    if postings.len() < DENSE_MIN || postings.len() * DENSE_SHARE < documents {
        return quoted(|out| push_postings(out, postings), postings.len() * 2);
    }
    // How many postings have each level: the levels in order, without sorting a million of
    // them (a dense term is in an eighth of the documents or more).
    let mut counts = [0usize; IMPACT_LEVELS as usize + 1];
    for posting in postings {
        counts[impact_level(posting.impact) as usize] += 1;
    }
    // The level at place `n` of the levels in ascending order, and how many are at or below
    // a level.
    let nth = |n: usize| -> u32 {
        let mut seen = 0;
        for (level, count) in counts.iter().enumerate() {
            seen += count;
            if seen > n {
                return level as u32;
            }
        }
        IMPACT_LEVELS
    };
    let cutoff = nth(postings.len() * (100 - DENSE_TOP_PERCENT) / 100);
    let below: usize = counts[..=cutoff as usize].iter().sum();
    let rest = nth(below / 2);
    let top: Vec<Posting> = postings
        .iter()
        .filter(|p| impact_level(p.impact) > cutoff)
        .copied()
        .collect();
    format!(
        "{{\"n\":{},\"b\":{},\"t\":{},\"r\":{rest}}}",
        postings.len(),
        json(&encode_bits(postings.iter().map(|p| p.doc))),
        json(&encode_postings(&top)),
    )
}

/// A JSON string of digits that `write` adds to a string (none of the digits needs escaping),
/// written in place rather than escaped from a copy.
pub(super) fn quoted(write: impl FnOnce(&mut String), capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + 2);
    out.push('"');
    write(&mut out);
    out.push('"');
    out
}

/// A Thai character pair's documents as a JSON value: the encoded set, or `{"b": bitset}` when
/// that is shorter (a frequent pair such as าร is in most Thai documents).
pub fn encode_pair(docs: &[u32]) -> String {
    let set = quoted(|out| push_set(out, docs), docs.len());
    // The bitset's length is known before it is written: a digit for every six documents up
    // to the last. Most pairs are rare, and their bitsets long.
    let bits_length = docs.last().map_or(0, |last| *last as usize / 6 + 1);
    if bits_length + 2 < set.len() {
        format!("{{\"b\":{}}}", json(&encode_bits(docs.iter().copied())))
    } else {
        set
    }
}

/// Documents as a bitset, six documents a digit: bit `d % 6` of digit `d / 6` says whether
/// document d is in.
pub(super) fn encode_bits(docs: impl Iterator<Item = u32>) -> String {
    let mut digits: Vec<u8> = Vec::new();
    for doc in docs {
        let at = doc as usize / 6;
        if digits.len() <= at {
            digits.resize(at + 1, 0);
        }
        digits[at] |= 1 << (doc % 6);
    }
    digits
        .into_iter()
        .map(|value| char::from(DIGITS[usize::from(value)]))
        .collect()
}

/// Postings sorted by document: each is the distance from the previous document (a number) and
/// the impact level (one digit).
pub(super) fn encode_postings(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    push_postings(&mut out, postings);
    out
}

pub(super) fn push_postings(out: &mut String, postings: &[Posting]) {
    let mut previous = 0;
    for posting in postings {
        push_number(out, posting.doc - previous);
        out.push(char::from(DIGITS[impact_level(posting.impact) as usize]));
        previous = posting.doc;
    }
}

/// Sorted document numbers as distances from the previous one.
pub(super) fn encode_set(sorted: &[u32]) -> String {
    let mut out = String::with_capacity(sorted.len());
    push_set(&mut out, sorted);
    out
}

pub(super) fn push_set(out: &mut String, sorted: &[u32]) {
    let mut previous = 0;
    for &n in sorted {
        push_number(out, n - previous);
        previous = n;
    }
}

/// An impact as one of `IMPACT_LEVELS` levels, at least 1 so that every posting counts.
pub(super) fn impact_level(impact: u16) -> u32 {
    let level = (f32::from(impact) / MAX_IMPACT * IMPACT_LEVELS as f32).round();
    (level as u32).clamp(1, IMPACT_LEVELS)
}

fn json(value: &impl serde::Serialize) -> String {
    // Serialising strings cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}
