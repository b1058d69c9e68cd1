//! The readers' words for the handbook's words (the glossary's synonyms), found in the text indexed.

use super::normalise::normalise;
use super::thai::is_thai;
use super::tokenise::is_word_char;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::BTreeMap;

/// The handbook's words that readers search for by other words, found in normalised text.
pub(super) struct Synonyms {
    /// The handbook's words, normalised; `None` when there are none.
    matcher: Option<AhoCorasick>,
    /// For each of them, the readers' words, normalised.
    words: Vec<Vec<String>>,
}

impl Synonyms {
    pub(super) fn new(synonyms: &[(&str, &str)]) -> Synonyms {
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
    pub(super) fn found_in<'s>(&'s self, text: &str) -> Vec<&'s str> {
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
pub(super) fn grouped<'p>(
    pairs: impl Iterator<Item = (&'p str, &'p str)>,
) -> BTreeMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        groups
            .entry(normalise(key))
            .or_default()
            .push(normalise(value));
    }
    groups
}
