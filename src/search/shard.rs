//! Writes one language's index as classic script files: a small meta file, term shards, document chunks, roles.
//!
//! Pages opened from a disk cannot fetch JSON, but they can load `<script src>`: each file calls
//! a function of search.js with its data. Terms are split into shards by sorted ranges, so the
//! meta file only lists each shard's first term and a query loads just the shards its terms fall in.

use super::index::LanguageIndex;
use super::normalise::display;
use crate::output::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// Aim for shard and chunk files of about this many bytes: a query loads a few of them, and a
/// site's file count stays in the hundreds even for thousands of pages.
pub const SHARD_BYTES: usize = 8 * 1024;
pub const CHUNK_BYTES: usize = 6 * 1024;
/// Bumped whenever the file formats change; search.js refuses other versions.
pub const FORMAT_VERSION: u32 = 1;

/// The meta file: everything a first query needs before it knows which shards to load.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    /// Number of documents, for the idf.
    docs: usize,
    /// First term of every shard (the first is always ""): shard n holds terms in [shards[n], shards[n+1]).
    shards: Vec<&'a str>,
    /// First key of every Thai character-pair shard, as for `shards`.
    pairs: Vec<&'a str>,
    /// First document number of every document chunk.
    chunks: Vec<u32>,
    /// Whether roles.js exists (some document is tagged with a role).
    roles: bool,
    /// The index's Thai words, space-separated, for cutting Thai queries the way the index was cut.
    thai: String,
}

/// A document as the browser sees it: `[url, title, heading, kind, text]`.
type StoredDoc<'a> = (&'a str, String, String, &'a str, String);

/// All files of one language's index, under `search/<lang>/`.
pub fn write(lang: &str, index: &LanguageIndex) -> Vec<OutputFile> {
    let dir = format!("search/{lang}");
    let lang_json = json(&lang);
    let mut files = Vec::new();

    let terms = index.terms.iter().map(|(term, postings)| {
        // Delta-encoded document numbers interleaved with impacts: short numbers, one array.
        let mut flat = Vec::with_capacity(postings.len() * 2);
        let mut previous = 0;
        for posting in postings {
            flat.push(posting.doc - previous);
            flat.push(u32::from(posting.impact));
            previous = posting.doc;
        }
        (term.as_str(), flat)
    });
    let shard_starts = split_sorted(terms, &dir, "shard", &lang_json, SHARD_BYTES, &mut files);
    let pairs = index
        .thai_pairs
        .iter()
        .map(|(pair, docs)| (pair.as_str(), deltas(docs)));
    let pair_starts = split_sorted(pairs, &dir, "pairs", &lang_json, SHARD_BYTES, &mut files);

    let mut chunk_starts = Vec::new();
    let mut chunk: Vec<StoredDoc> = Vec::new();
    let mut chunk_bytes = 0;
    let flush_chunk = |chunk: &mut Vec<StoredDoc>, files: &mut Vec<OutputFile>, n| {
        files.push(script(
            format!("{dir}/docs-{n}.js"),
            format!("_docs({lang_json},{n},{});", json(&*chunk)),
        ));
        chunk.clear();
    };
    for (number, doc) in index.docs.iter().enumerate() {
        if chunk_bytes >= CHUNK_BYTES {
            flush_chunk(&mut chunk, &mut files, chunk_starts.len() - 1);
            chunk_bytes = 0;
        }
        if chunk.is_empty() {
            chunk_starts.push(number as u32);
        }
        let stored = (
            doc.url.as_str(),
            display(&doc.title),
            display(&doc.heading),
            doc.kind,
            display(&doc.text),
        );
        chunk_bytes += stored.0.len() + stored.1.len() + stored.2.len() + stored.4.len() + 20;
        chunk.push(stored);
    }
    if !chunk.is_empty() {
        flush_chunk(&mut chunk, &mut files, chunk_starts.len() - 1);
    }

    let mut roles: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (number, doc) in index.docs.iter().enumerate() {
        for role in &doc.roles {
            let docs = roles.entry(role.as_str()).or_default();
            if docs.last() != Some(&(number as u32)) {
                docs.push(number as u32);
            }
        }
    }
    let has_roles = !roles.is_empty();
    if has_roles {
        for docs in roles.values_mut() {
            *docs = deltas(docs);
        }
        files.push(script(
            format!("{dir}/roles.js"),
            format!("_roles({lang_json},{});", json(&roles)),
        ));
    }

    let thai: Vec<&str> = index.thai_words.iter().map(String::as_str).collect();
    let meta = Meta {
        version: FORMAT_VERSION,
        docs: index.docs.len(),
        shards: shard_starts,
        pairs: pair_starts,
        chunks: chunk_starts,
        roles: has_roles,
        thai: thai.join(" "),
    };
    files.push(script(
        format!("{dir}/meta.js"),
        format!("_meta({lang_json},{});", json(&meta)),
    ));
    files
}

/// Writes sorted `(key, numbers)` entries as files `<dir>/<name>-<n>.js` of about `target` bytes
/// each, and returns each file's first key (the first is "", so every key falls in some file).
fn split_sorted<'a>(
    entries: impl Iterator<Item = (&'a str, Vec<u32>)>,
    dir: &str,
    name: &str,
    lang_json: &str,
    target: usize,
    files: &mut Vec<OutputFile>,
) -> Vec<&'a str> {
    let mut starts: Vec<&str> = Vec::new();
    let mut shard: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut bytes = 0;
    let mut flush = |shard: &mut BTreeMap<&str, Vec<u32>>, n: usize| {
        files.push(script(
            format!("{dir}/{name}-{n}.js"),
            format!("_{name}({lang_json},{n},{});", json(&*shard)),
        ));
        shard.clear();
    };
    for (key, numbers) in entries {
        if bytes >= target {
            flush(&mut shard, starts.len() - 1);
            bytes = 0;
        }
        if shard.is_empty() {
            starts.push(if starts.is_empty() { "" } else { key });
        }
        bytes += key.len() + 6 + numbers.iter().map(|n| digits(*n) + 1).sum::<usize>();
        shard.insert(key, numbers);
    }
    if !shard.is_empty() {
        flush(&mut shard, starts.len() - 1);
    }
    starts
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// Sorted numbers as differences from the previous one: most become one or two digits.
fn deltas(sorted: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    sorted
        .iter()
        .map(|&n| {
            let delta = n - previous;
            previous = n;
            delta
        })
        .collect()
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
mod tests {
    use super::*;

    #[test]
    fn sorted_keys_are_split_into_ranges_that_cover_every_key() {
        let keys: Vec<String> = (0..200).map(|n| format!("term{n:03}")).collect();
        let entries = keys.iter().map(|key| (key.as_str(), vec![1, 100, 2, 90]));
        let mut files = Vec::new();
        let starts = split_sorted(entries, "search/en", "shard", "\"en\"", 1024, &mut files);
        assert!(starts.len() > 3, "{} shards", starts.len());
        assert_eq!(starts.len(), files.len());
        assert_eq!(starts[0], "");
        assert!(starts.windows(2).all(|pair| pair[0] < pair[1]));
        for (n, file) in files.iter().enumerate() {
            assert_eq!(file.path, format!("search/en/shard-{n}.js"));
            let text = String::from_utf8_lossy(&file.bytes);
            assert!(text.starts_with(&format!("window.handbook._shard(\"en\",{n},{{")));
            // Every key in file n sorts at or after its start and before the next file's start.
            for key in &keys {
                let inside = text.contains(&format!("\"{key}\""));
                let in_range = key.as_str() >= starts[n]
                    && starts.get(n + 1).is_none_or(|next| key.as_str() < *next);
                assert_eq!(inside, in_range, "{key} in shard {n}");
            }
        }
    }

    #[test]
    fn deltas_make_sorted_numbers_small() {
        assert_eq!(deltas(&[3, 4, 10, 10]), [3, 1, 6, 0]);
    }
}
