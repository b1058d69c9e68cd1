//! The search index: Thai- and English-aware tokens, sharded into classic script files loaded on demand.
//! (Placeholder: writes no index yet; the search work fills this module.)

use crate::output::OutputFile;
use crate::render::SearchDoc;

/// Builds the index files for every language. `dictionary` is the handbook's own vocabulary
/// (glossary terms, role and organisation names), matched before the general Thai segmenter.
pub fn build_index(
    _docs: &[SearchDoc],
    _languages: &[String],
    _dictionary: &[String],
) -> Vec<OutputFile> {
    Vec::new()
}
