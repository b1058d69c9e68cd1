//! The search index: Thai- and English-aware terms, sharded into classic script files loaded on demand.
//!
//! normalise -> tokenise (thai) -> index (BM25 impacts per posting) -> shard (files).
//! The query side is themes/default/static/js/search.js, which mirrors normalise and tokenise.

pub mod body_text;
pub mod doc;
mod doc_set;
mod encoding;
pub mod index;
pub mod normalise;
mod range;
pub mod shard;
mod spill;
pub mod stored_text;
mod synonyms;
mod term_map;
pub mod thai;
pub mod tokenise;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
pub use doc::{OwnWords, SearchDoc};
use tokenise::Tokeniser;

/// Builds the index files for every language, from documents held or shared (`serve` shares
/// its documents with the thread that indexes them).
pub fn build_index<D: std::borrow::Borrow<SearchDoc>>(
    docs: &[D],
    languages: &[String],
    words: &OwnWords,
) -> Vec<OutputFile> {
    let tokeniser = tokeniser(words);
    let mut files = Vec::new();
    for lang in languages {
        let docs: Vec<&SearchDoc> = docs
            .iter()
            .map(std::borrow::Borrow::borrow)
            .filter(|doc: &&SearchDoc| &doc.lang == lang)
            .collect();
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

/// Documents whose postings the index builder holds before it spills them to a temporary file
/// (about 1,600 pages of the bench corpus, some 20 MB of postings).
pub const DOCUMENTS_PER_RUN: u32 = 16_384;

impl IndexWriter {
    pub fn new(languages: &[String], words: &OwnWords) -> IndexWriter {
        IndexWriter::with_runs_of(languages, words, DOCUMENTS_PER_RUN)
    }

    /// An index writer whose builders spill their postings every `documents` documents.
    pub fn with_runs_of(languages: &[String], words: &OwnWords, documents: u32) -> IndexWriter {
        IndexWriter {
            tokeniser: tokeniser(words),
            languages: languages
                .iter()
                .map(|lang| LanguageWriter {
                    lang: lang.clone(),
                    builder: index::Builder::spilling(&synonyms(words, lang), documents),
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

    /// The last stored documents, the term and pair shards, roles and meta files, handed to
    /// `put` as they are made; an error when the index's temporary files cannot be read back
    /// or `put` fails.
    pub fn finish(
        self,
        put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Diagnostics>,
    ) -> Result<(), Diagnostics> {
        for writer in self.languages {
            let documents = writer.builder.documents();
            let first_chunk = (documents - writer.pending.len()) / shard::DOCS_PER_CHUNK;
            put(shard::documents(&writer.lang, first_chunk, &writer.pending))?;
            drop(writer.pending);
            let mut terms = shard::ShardWriter::new(&writer.lang, "shard");
            let mut pairs = shard::ShardWriter::new(&writer.lang, "pairs");
            let mut closed = Vec::new();
            let mut failed = None;
            let mut each = |part: index::Part, key: &str, value: &str| {
                let shards = match part {
                    index::Part::Terms => &mut terms,
                    index::Part::Pairs => &mut pairs,
                };
                closed.extend(shards.push(key, value));
                if closed.len() >= SHARDS_AT_ONCE && failed.is_none() {
                    failed = put(std::mem::take(&mut closed)).err();
                }
            };
            let (thai_words, synonyms) = writer
                .builder
                .finish_encoded(
                    |postings| shard::encode_term(postings, documents),
                    shard::encode_pair,
                    &mut each,
                )
                .map_err(|error| {
                    Diagnostic::error(
                        std::env::temp_dir(),
                        format!("cannot read the search index's temporary files: {error}"),
                    )
                    .with_hint(
                        "check the free space and permissions of the temporary folder (TMPDIR)",
                    )
                })?;
            if let Some(failed) = failed {
                return Err(failed);
            }
            let (term_starts, last_terms) = terms.finish();
            let (pair_starts, last_pairs) = pairs.finish();
            closed.extend([last_terms, last_pairs]);
            let shards = shard::Shards {
                terms: term_starts,
                pairs: pair_starts,
                thai_words: &thai_words,
                synonyms: &synonyms,
            };
            closed.extend(shard::index_files(
                &writer.lang,
                shards,
                documents,
                &writer.roles,
            ));
            put(closed)?;
        }
        Ok(())
    }
}

/// Term and pair files handed to the build's output together.
const SHARDS_AT_ONCE: usize = 64;

/// The constants search.js must share with the index, as the index has them (its tests check
/// the script's copies).
pub struct ScriptConstants {
    pub format_version: u32,
    pub digits: &'static str,
    pub thai_letters: &'static str,
    pub irregular_plurals: &'static [(&'static str, &'static str)],
}

pub fn script_constants() -> ScriptConstants {
    ScriptConstants {
        format_version: shard::FORMAT_VERSION,
        digits: std::str::from_utf8(shard::DIGITS).unwrap_or_default(),
        thai_letters: stored_text::THAI_LETTERS,
        irregular_plurals: &tokenise::IRREGULAR_PLURALS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents of two languages, Thai and English text, some with roles, interleaved as a
    /// site's pages are.
    fn documents() -> Vec<SearchDoc> {
        (0..41)
            .map(|n| SearchDoc {
                lang: if n % 3 == 0 { "en" } else { "th" }.to_string(),
                url: format!("th/p{n}.html#s{n}"),
                title: format!("ผู้เสียหาย {n} / Victim page {n}"),
                heading: if n % 2 == 0 {
                    String::new()
                } else {
                    format!("การคุ้มครอง {n}")
                },
                text: format!(
                    "ศูนย์พักพิงชั่วคราว {} referral hotline {} ล่ามภาษา{} interpreters",
                    "การส่งต่อ ".repeat(n % 5),
                    "shelter ".repeat(n % 4),
                    n % 7
                ),
                text_weight: if n % 5 == 4 { 0.25 } else { 1.0 },
                kind: "page",
                roles: if n % 4 == 1 {
                    vec!["social-worker".to_string()]
                } else {
                    Vec::new()
                },
                html: None,
            })
            .collect()
    }

    fn sorted(mut files: Vec<OutputFile>) -> Vec<(String, Vec<u8>)> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
            .into_iter()
            .map(|file| (file.path, file.bytes))
            .collect()
    }

    #[test]
    fn a_build_indexing_batch_by_batch_writes_the_same_files_as_indexing_at_the_end() {
        let languages = ["th".to_string(), "en".to_string()];
        let words = OwnWords {
            dictionary: vec!["ศูนย์พักพิง".to_string()],
            synonyms: vec![("en".into(), "refuge".into(), "shelter".into())],
        };
        let docs = documents();
        let whole = build_index(&docs, &languages, &words);
        // Batches of uneven sizes, so that chunks of stored documents span two batches; postings
        // held to the end, or spilled to a temporary file after every batch or every few.
        for documents_per_run in [u32::MAX, 1, 4, 12] {
            let mut writer = IndexWriter::with_runs_of(&languages, &words, documents_per_run);
            let mut files = Vec::new();
            let mut rest = docs.clone();
            for size in [1, 3, 7, 2, 11] {
                let later = rest.split_off(size.min(rest.len()));
                files.extend(writer.add(rest));
                rest = later;
            }
            files.extend(writer.add(rest));
            writer
                .finish(&mut |written| {
                    files.extend(written);
                    Ok(())
                })
                .expect("the runs read back");
            let (whole, batches) = (sorted(whole.clone()), sorted(files));
            let paths: Vec<&str> = whole.iter().map(|(path, _)| path.as_str()).collect();
            assert!(
                paths.contains(&"search/th/docs-3.js") && paths.contains(&"search/en/roles.js")
            );
            assert!(paths
                .iter()
                .any(|path| path.starts_with("search/th/pairs-")));
            assert_eq!(whole, batches, "runs of {documents_per_run} documents");
        }
    }
}
