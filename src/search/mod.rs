//! The search index: Thai- and English-aware terms, sharded into classic script files loaded on demand.
//!
//! normalise -> tokenise (thai) -> index (BM25 impacts per posting) -> shard (files).
//! The query side is themes/default/static/js/search.js, which mirrors normalise and tokenise.

pub mod doc;
mod doc_set;
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
    let tokeniser = tokeniser(words);
    let mut files = Vec::new();
    for lang in languages {
        let docs: Vec<&SearchDoc> = docs.iter().filter(|doc| &doc.lang == lang).collect();
        let index = index::build(docs, &tokeniser, &synonyms(words, lang));
        files.extend(shard::write(lang, &index));
    }
    files
}

/// The tokeniser of the index: the handbook's own words and synonyms stay whole (a Thai
/// synonym is found in queries as one word of the index).
fn tokeniser(words: &OwnWords) -> Tokeniser {
    let mut dictionary = words.dictionary.clone();
    for (_, word, means) in &words.synonyms {
        dictionary.extend([word.clone(), means.clone()]);
    }
    Tokeniser::new(&dictionary)
}

/// The synonyms of language `lang`, as (reader's word, handbook's word).
fn synonyms<'w>(words: &'w OwnWords, lang: &str) -> Vec<(&'w str, &'w str)> {
    words
        .synonyms
        .iter()
        .filter(|(language, _, _)| language == lang)
        .map(|(_, word, means)| (word.as_str(), means.as_str()))
        .collect()
}

/// The index of every language built while the pages are rendered (`handbook build`): each
/// batch of documents is indexed and its stored text written at once, so that a large site's
/// text is not held to the end. The files are the same as `build_index`'s.
pub struct IndexWriter {
    tokeniser: Tokeniser,
    languages: Vec<LanguageWriter>,
}

struct LanguageWriter {
    lang: String,
    builder: index::Builder,
    /// Documents already indexed whose chunk is not full yet: written with the next batch.
    pending: Vec<SearchDoc>,
    roles: shard::Roles,
}

impl IndexWriter {
    pub fn new(languages: &[String], words: &OwnWords) -> IndexWriter {
        IndexWriter {
            tokeniser: tokeniser(words),
            languages: languages
                .iter()
                .map(|lang| LanguageWriter {
                    lang: lang.clone(),
                    builder: index::Builder::new(&synonyms(words, lang)),
                    pending: Vec::new(),
                    roles: shard::Roles::new(),
                })
                .collect(),
        }
    }

    /// Indexes the next documents (in site order) and returns the stored-document files they
    /// fill.
    pub fn add(&mut self, docs: Vec<SearchDoc>) -> Vec<OutputFile> {
        let mut files = Vec::new();
        let mut docs = docs;
        for writer in &mut self.languages {
            let (mine, rest): (Vec<SearchDoc>, Vec<SearchDoc>) =
                docs.into_iter().partition(|doc| doc.lang == writer.lang);
            docs = rest;
            if mine.is_empty() {
                continue;
            }
            let first = writer.builder.documents();
            writer.builder.add(&mine, &self.tokeniser);
            writer.roles = shard::roles(
                mine.iter().map(|doc| doc.roles.as_slice()),
                first as u32,
                std::mem::take(&mut writer.roles),
            );
            let first_chunk = (first - writer.pending.len()) / shard::DOCS_PER_CHUNK;
            let mut waiting = std::mem::take(&mut writer.pending);
            waiting.extend(mine);
            let full = waiting.len() - waiting.len() % shard::DOCS_PER_CHUNK;
            writer.pending = waiting.split_off(full);
            files.extend(shard::documents(&writer.lang, first_chunk, &waiting));
        }
        files
    }

    /// The last stored documents, the term and pair shards, roles and meta files.
    pub fn finish(self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        for writer in self.languages {
            let documents = writer.builder.documents();
            let first_chunk = (documents - writer.pending.len()) / shard::DOCS_PER_CHUNK;
            files.extend(shard::documents(&writer.lang, first_chunk, &writer.pending));
            drop(writer.pending);
            let encoded = writer.builder.finish_encoded(
                |postings| shard::encode_term(postings, documents),
                shard::encode_pair,
            );
            files.extend(shard::encoded_postings(
                &writer.lang,
                shard::Encoded {
                    terms: encoded.terms,
                    pairs: encoded.pairs,
                    thai_words: &encoded.thai_words,
                    synonyms: &encoded.synonyms,
                },
                documents,
                &writer.roles,
            ));
        }
        files
    }
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
