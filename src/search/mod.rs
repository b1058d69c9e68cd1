//! The search index: Thai- and English-aware terms, sharded into classic script files loaded on demand.
//!
//! normalise -> tokenise (thai) -> index (BM25 impacts per posting) -> shard (files).
//! The query side is themes/default/static/js/search.js, which mirrors normalise and tokenise.

pub mod doc;
pub mod index;
pub mod normalise;
pub mod shard;
pub mod thai;
pub mod tokenise;

use crate::output::OutputFile;
pub use doc::{OwnWords, SearchDoc};
use tokenise::Tokeniser;

/// Builds the index files for every language.
pub fn build_index(docs: &[SearchDoc], languages: &[String], words: &OwnWords) -> Vec<OutputFile> {
    let mut dictionary = words.dictionary.clone();
    // Synonyms stay whole too: a Thai one is found in queries as one word of the index.
    for (_, word, means) in &words.synonyms {
        dictionary.extend([word.clone(), means.clone()]);
    }
    let tokeniser = Tokeniser::new(&dictionary);
    let mut files = Vec::new();
    for lang in languages {
        let docs: Vec<&SearchDoc> = docs.iter().filter(|doc| &doc.lang == lang).collect();
        let synonyms: Vec<(&str, &str)> = words
            .synonyms
            .iter()
            .filter(|(language, _, _)| language == lang)
            .map(|(_, word, means)| (word.as_str(), means.as_str()))
            .collect();
        let index = index::build(docs, &tokeniser, &synonyms);
        files.extend(shard::write(lang, &index));
    }
    files
}

/// The constants search.js must share with the index, as the index has them (its tests check
/// the script's copies).
pub struct ScriptConstants {
    pub format_version: u32,
    pub digits: &'static str,
    pub irregular_plurals: &'static [(&'static str, &'static str)],
}

pub fn script_constants() -> ScriptConstants {
    ScriptConstants {
        format_version: shard::FORMAT_VERSION,
        digits: std::str::from_utf8(shard::DIGITS).unwrap_or_default(),
        irregular_plurals: &tokenise::IRREGULAR_PLURALS,
    }
}
