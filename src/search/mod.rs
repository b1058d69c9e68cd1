//! The search index: Thai- and English-aware terms, sharded into classic script files loaded on demand.
//!
//! normalise -> tokenise (thai) -> index (BM25 impacts per posting) -> shard (files).
//! The query side is themes/default/static/js/search.js, which mirrors normalise and tokenise.

pub mod index;
pub mod normalise;
pub mod shard;
pub mod thai;
pub mod tokenise;

use crate::output::OutputFile;
use crate::render::SearchDoc;
use tokenise::Tokeniser;

/// Builds the index files for every language. `dictionary` is the handbook's own vocabulary
/// (glossary terms, role and organisation names), matched before the general Thai segmenter.
pub fn build_index(
    docs: &[SearchDoc],
    languages: &[String],
    dictionary: &[String],
) -> Vec<OutputFile> {
    let tokeniser = Tokeniser::new(dictionary);
    let mut files = Vec::new();
    for lang in languages {
        let docs: Vec<&SearchDoc> = docs.iter().filter(|doc| &doc.lang == lang).collect();
        let index = index::build(docs, &tokeniser);
        files.extend(shard::write(lang, &index));
    }
    files
}
