//! Writes one language's index as classic script files: a small meta file, term shards, document chunks, roles.
//!
//! Pages opened from a disk cannot fetch JSON, but they can load `<script src>`: each file calls
//! a function of search.js with its data. Terms are split into shards by sorted ranges, so the
//! meta file only lists each shard's first term and a query loads just the shards its terms fall in.
//!
//! The number lists (postings, document sets) are our own compact text encoding rather than JSON
//! arrays: a file read from a disk is not compressed in transit, and a frequent term's postings are
//! most of what a first query loads. JSON spends six or seven bytes on a posting; this spends about
//! two, and the browser decodes it with one `charCodeAt` loop instead of parsing an array literal.

use super::body_text::as_body;
use super::encoding::encode_set;
pub use super::encoding::{encode_pair, encode_term, DIGITS, IMPACT_LEVELS};
use super::index::{LanguageIndex, Posting};
use super::normalise::display;
use super::stored_text::{chunk_json, StoredDocument};
use super::SearchDoc;
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Aim for term and pair shards of about this many bytes: a query loads a few of them, and a
/// site's file count stays reasonable even for thousands of pages.
pub const SHARD_BYTES: usize = 8 * 1024;
/// Stored documents per chunk file. A fixed count lets the browser find a document's chunk by
/// division, so the meta file carries no table of chunk starts (that table was 130 KB at 10,000
/// pages). A first query loads one chunk per result shown, and from file:// a file costs the
/// browser about the same whether it holds 4 sections or 8 (about 10 KB); every file also costs
/// the build a file creation, and chunks were two thirds of a large site's files at 4.
pub const DOCS_PER_CHUNK: usize = 8;
/// Bumped whenever the file formats change; search.js refuses other versions. 3: stored text
/// in `stored_text`'s compact form. 4: a page section's stored text is its part of the print
/// body (HTML), which print documents show.
pub const FORMAT_VERSION: u32 = 4;

/// The meta file: everything a first query needs before it knows which shards to load.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    /// Number of documents, for the idf.
    docs: usize,
    /// Documents per chunk file: document d is entry d % chunk of `docs-<d / chunk>.js`.
    chunk: usize,
    /// First term of every shard (the first is always ""): shard n holds terms in [shards[n], shards[n+1]).
    shards: Vec<String>,
    /// First key of every Thai character-pair shard, as for `shards`.
    pairs: Vec<String>,
    /// Whether roles.js exists (some document is tagged with a role).
    roles: bool,
    /// The index's Thai words, for cutting Thai queries the way the index was cut: by first
    /// character, the rest of each word front-coded (see `front_code`). Every script file a page
    /// adds costs a few milliseconds from file:// however small it is, so the vocabulary rides in
    /// the file every query loads anyway; grouped, so that a query decodes only the words that can
    /// start at one of its own characters.
    thai: BTreeMap<char, String>,
    /// A reader's word to the handbook's words it stands for (glossary synonyms, form codes),
    /// for marking them in excerpts. Left out when there are none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    also: &'a BTreeMap<String, Vec<String>>,
}

/// All files of one language's index, under `search/<lang>/`.
pub fn write(lang: &str, index: &LanguageIndex) -> Vec<OutputFile> {
    let mut files = documents(lang, 0, &index.docs);
    let roles = roles(
        index.docs.iter().map(|doc| doc.roles.as_slice()),
        0,
        Roles::new(),
    );
    files.extend(postings(
        lang,
        PostingsView {
            terms: &index.terms,
            thai_words: &index.thai_words,
            thai_pairs: &index.thai_pairs,
            synonyms: &index.synonyms,
        },
        index.docs.len(),
        &roles,
    ));
    files
}

/// The documents of each role: role id to document numbers, ascending.
pub type Roles = BTreeMap<String, Vec<u32>>;

/// Adds the roles of documents numbered from `first` to `roles`.
pub fn roles<'d>(docs: impl Iterator<Item = &'d [String]>, first: u32, mut roles: Roles) -> Roles {
    for (number, doc_roles) in docs.enumerate() {
        let number = first + number as u32;
        for role in doc_roles {
            let docs = roles.entry(role.clone()).or_default();
            if docs.last() != Some(&number) {
                docs.push(number);
            }
        }
    }
    roles
}

/// The stored-document files of `docs`, the first of them in chunk `first_chunk`: every chunk
/// but the language's last holds `DOCS_PER_CHUNK` documents, so a build writes them as the
/// pages are rendered, a whole number of chunks at a time.
pub fn documents<D: std::borrow::Borrow<SearchDoc> + Sync>(
    lang: &str,
    first_chunk: usize,
    docs: &[D],
) -> Vec<OutputFile> {
    let dir = format!("search/{lang}");
    let lang_json = json(&lang);
    docs.par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(n, docs)| {
            let n = first_chunk + n;
            let stored: Vec<StoredDocument> = docs
                .iter()
                .map(|doc| {
                    let doc = doc.borrow();
                    StoredDocument {
                        url: doc.url.as_str().into(),
                        title: display(&doc.title),
                        heading: display(&doc.heading),
                        kind: doc.kind.into(),
                        body: match &doc.html {
                            Some(html) => html.as_str().into(),
                            None => as_body(&display(&doc.text)).into(),
                        },
                    }
                })
                .collect();
            script(
                format!("{dir}/docs-{n}.js"),
                format!("_docs({lang_json},{n},{});", chunk_json(&stored)),
            )
        })
        .collect()
}

/// What the term, pair, role and meta files are written from.
pub struct PostingsView<'a> {
    pub terms: &'a BTreeMap<String, Vec<Posting>>,
    pub thai_words: &'a BTreeSet<String>,
    pub thai_pairs: &'a BTreeMap<String, Vec<u32>>,
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
}

/// Every file of one language's index but the stored documents: term and pair shards, roles,
/// and the meta file. `documents` is how many documents the language has.
pub fn postings(
    lang: &str,
    index: PostingsView,
    documents: usize,
    roles: &Roles,
) -> Vec<OutputFile> {
    // Encoding is independent per term: done in parallel, then split into shards in order.
    let terms: Vec<(&str, String)> = index
        .terms
        .par_iter()
        .map(|(term, postings)| (term.as_str(), encode_term(postings, documents)))
        .collect();
    let pairs: Vec<(&str, String)> = index
        .thai_pairs
        .par_iter()
        .map(|(pair, docs)| (pair.as_str(), encode_pair(docs)))
        .collect();
    let encoded = Encoded {
        terms,
        pairs,
        thai_words: index.thai_words,
        synonyms: index.synonyms,
    };
    encoded_postings(lang, encoded, documents, roles)
}

/// A language's terms and pairs already encoded (`encode_term`, `encode_pair`), sorted by key.
pub struct Encoded<'a, K> {
    pub terms: Vec<(K, String)>,
    pub pairs: Vec<(K, String)>,
    pub thai_words: &'a BTreeSet<String>,
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
}

/// `postings` for terms and pairs already encoded: a build encodes each term as its impacts
/// are computed, and never holds every posting of the index at once.
pub fn encoded_postings<K: AsRef<str> + Sync>(
    lang: &str,
    index: Encoded<K>,
    documents: usize,
    roles: &Roles,
) -> Vec<OutputFile> {
    let dir = format!("search/{lang}");
    let lang_json = json(&lang);
    let (shard_starts, mut files) = split_sorted(index.terms, &dir, "shard", &lang_json);
    let (pair_starts, pair_files) = split_sorted(index.pairs, &dir, "pairs", &lang_json);
    files.extend(pair_files);
    let shards = Shards {
        terms: shard_starts,
        pairs: pair_starts,
        thai_words: index.thai_words,
        synonyms: index.synonyms,
    };
    files.extend(index_files(lang, shards, documents, roles));
    files
}

/// What the meta file says of the shards: each shard's first term and pair, the Thai words and
/// the synonyms.
pub struct Shards<'a> {
    pub terms: Vec<String>,
    pub pairs: Vec<String>,
    pub thai_words: &'a BTreeSet<String>,
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
}

/// The roles and meta files of a language whose term and pair shards are written.
pub fn index_files(lang: &str, shards: Shards, documents: usize, roles: &Roles) -> Vec<OutputFile> {
    let dir = format!("search/{lang}");
    let lang_json = json(&lang);
    let mut files = Vec::new();
    let has_roles = !roles.is_empty();
    if has_roles {
        let roles: BTreeMap<&str, String> = roles
            .iter()
            .map(|(role, docs)| (role.as_str(), encode_set(docs)))
            .collect();
        files.push(script(
            format!("{dir}/roles.js"),
            format!("_roles({lang_json},{});", json(&roles)),
        ));
    }

    let meta = Meta {
        version: FORMAT_VERSION,
        docs: documents,
        chunk: DOCS_PER_CHUNK,
        shards: shards.terms,
        pairs: shards.pairs,
        roles: has_roles,
        thai: thai_vocabulary(shards.thai_words),
        also: shards.synonyms,
    };
    files.push(script(
        format!("{dir}/meta.js"),
        format!("_meta({lang_json},{});", json(&meta)),
    ));
    files
}

/// Writes sorted `(key, JSON value)` entries as files `<dir>/<name>-<n>.js` of about `SHARD_BYTES`
/// each, and returns each file's first key (the first is "", so every key falls in some file).
fn split_sorted<K: AsRef<str> + Sync>(
    entries: Vec<(K, String)>,
    dir: &str,
    name: &str,
    lang_json: &str,
) -> (Vec<String>, Vec<OutputFile>) {
    // Shard boundaries first (cheap, in order), then the files themselves in parallel.
    let mut bounds: Vec<usize> = Vec::new();
    let mut bytes = SHARD_BYTES;
    for (at, (key, encoded)) in entries.iter().enumerate() {
        if bytes >= SHARD_BYTES {
            bounds.push(at);
            bytes = 0;
        }
        bytes += key.as_ref().len() + encoded.len() + 6;
    }
    // No entries still make one (empty) file, so that the browser never asks for a file that
    // does not exist: a Thai query on an index without Thai text looks up pairs-0.js.
    if bounds.is_empty() {
        bounds.push(0);
    }
    let starts = bounds
        .iter()
        .enumerate()
        .map(|(n, &at)| {
            if n == 0 {
                String::new()
            } else {
                entries[at].0.as_ref().to_string()
            }
        })
        .collect();
    let files = bounds
        .par_iter()
        .enumerate()
        .map(|(n, &from)| {
            let to = bounds.get(n + 1).copied().unwrap_or(entries.len());
            let mut object = String::from("{");
            for (at, (key, value)) in entries[from..to].iter().enumerate() {
                if at > 0 {
                    object.push(',');
                }
                object.push_str(&json(&key.as_ref()));
                object.push(':');
                object.push_str(value);
            }
            object.push('}');
            script(
                format!("{dir}/{name}-{n}.js"),
                format!("_{name}({lang_json},{n},{object});"),
            )
        })
        .collect();
    (starts, files)
}

/// `split_sorted` for entries that come one at a time, in order: each file is handed back as
/// soon as the entry after its last is seen, so a build never holds the encoded index whole.
pub struct ShardWriter {
    dir: String,
    name: &'static str,
    lang_json: String,
    starts: Vec<String>,
    object: String,
    bytes: usize,
}

impl ShardWriter {
    pub fn new(lang: &str, name: &'static str) -> ShardWriter {
        ShardWriter {
            dir: format!("search/{lang}"),
            name,
            lang_json: json(&lang),
            starts: Vec::new(),
            object: String::new(),
            bytes: SHARD_BYTES,
        }
    }

    /// Adds the entry after the last; returns the file it closes, if it starts a new one.
    pub fn push(&mut self, key: &str, value: &str) -> Option<OutputFile> {
        let mut closed = None;
        if self.bytes >= SHARD_BYTES {
            closed = self.close();
            self.starts.push(match self.starts.is_empty() {
                true => String::new(),
                false => key.to_string(),
            });
            self.bytes = 0;
        }
        self.bytes += key.len() + value.len() + 6;
        self.object
            .push(if self.object.is_empty() { '{' } else { ',' });
        self.object.push_str(&json(&key));
        self.object.push(':');
        self.object.push_str(value);
        closed
    }

    /// The file being filled, if any.
    fn close(&mut self) -> Option<OutputFile> {
        let n = self.starts.len().checked_sub(1)?;
        let object = match std::mem::take(&mut self.object) {
            object if object.is_empty() => "{}".to_string(),
            object => object + "}",
        };
        let (dir, name, lang_json) = (&self.dir, self.name, &self.lang_json);
        Some(script(
            format!("{dir}/{name}-{n}.js"),
            format!("_{name}({lang_json},{n},{object});"),
        ))
    }

    /// The last file (an empty one when there were no entries) and each file's first key.
    pub fn finish(mut self) -> (Vec<String>, OutputFile) {
        if self.starts.is_empty() {
            self.starts.push(String::new());
        }
        let last = self.close();
        let last = last.unwrap_or_else(|| OutputFile::new(String::new(), Vec::new()));
        (self.starts, last)
    }
}

/// Thai words grouped by their first character, each group front-coded without that character.
fn thai_vocabulary(words: &BTreeSet<String>) -> BTreeMap<char, String> {
    let mut groups: BTreeMap<char, Vec<&str>> = BTreeMap::new();
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            groups.entry(first).or_default().push(chars.as_str());
        }
    }
    groups
        .into_iter()
        .map(|(first, rests)| (first, front_code(&rests)))
        .collect()
}

/// Sorted words, each written as one digit saying how many characters it shares with the word
/// before, then the rest of it. Thai words have no ASCII in them, so the digit also marks where a
/// word starts. With the first characters taken out, this halves a large handbook's vocabulary.
fn front_code(words: &[&str]) -> String {
    let mut out = String::new();
    let mut previous: Vec<char> = Vec::new();
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        let shared = previous
            .iter()
            .zip(&chars)
            .take_while(|(a, b)| a == b)
            .count()
            .min(DIGITS.len() - 1);
        out.push(char::from(DIGITS[shared]));
        out.extend(&chars[shared..]);
        previous = chars;
    }
    out
}

/// A data file: one call into search.js. Nothing else runs, so the files stay data.
fn script(path: String, call: String) -> OutputFile {
    OutputFile::new(path, format!("window.handbook.{call}\n").into_bytes())
}

fn json(value: &impl Serialize) -> String {
    // Serialising strings, numbers and maps of them cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
#[path = "shard_tests.rs"]
mod tests;
