//! Where serve keeps each page's search documents in its list (the index's order), and the chunks of stored documents an edit writes at once.
//!
//! A page's stored documents hold its print body, and print documents point at them by number:
//! a page's new documents go where its old ones were, and when no other document moves, the
//! chunks holding the page's are written with the page.

use crate::output::OutputFile;
use crate::render::SearchDoc;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Puts each page's new search documents where its old ones were (keeping the index's order:
/// a print document's entries point at their pages' documents by number). A document belongs
/// to a page when its URL is the page's, or the page's and a `#fragment`; the pages are looked
/// up in a set, as a title edit replaces twenty pages' documents among tens of thousands. A page
/// without old documents gets its new ones where the first replaced page's were (or at the end).
/// Returns where the new documents are, and, when other documents moved (a page has not as many
/// new documents as it had old ones), where the first of the replaced pages' documents now is:
/// every document from there on may have a new number.
pub(super) fn replace_docs(
    docs: &mut Vec<Arc<SearchDoc>>,
    urls: &[String],
    new_docs: Vec<Arc<SearchDoc>>,
) -> (Vec<usize>, Option<usize>) {
    let pages: rustc_hash::FxHashSet<&str> = urls.iter().map(String::as_str).collect();
    let page_of = |url: &str| {
        url.split_once('#')
            .map_or(url, |(page, _)| page)
            .to_string()
    };
    // Each page's new documents in order, how many they are, and how many old ones it had.
    let mut fresh: Vec<(String, Vec<Arc<SearchDoc>>, usize, usize)> = Vec::new();
    for doc in new_docs {
        let page = page_of(&doc.url);
        match fresh.iter_mut().find(|(p, _, _, _)| *p == page) {
            Some((_, list, new, _)) => {
                list.push(doc);
                *new += 1;
            }
            None => fresh.push((page, vec![doc], 1, 0)),
        }
    }
    let old = std::mem::take(docs);
    docs.reserve(old.len());
    let mut placed = Vec::new();
    let mut first = None;
    let mut moved = false;
    for doc in old {
        let page = doc
            .url
            .split_once('#')
            .map_or(doc.url.as_str(), |(page, _)| page);
        if !pages.contains(page) {
            docs.push(doc);
            continue;
        }
        first.get_or_insert(docs.len());
        match fresh.iter_mut().find(|(p, _, _, _)| p == page) {
            Some((_, list, _, old)) => {
                *old += 1;
                for new in std::mem::take(list) {
                    placed.push(docs.len());
                    docs.push(new);
                }
            }
            // A page that has no documents any more.
            None => moved = true,
        }
    }
    let mut unplaced = Vec::new();
    for (_, list, new, old) in fresh {
        moved |= new != old;
        unplaced.extend(list);
    }
    let at = first.unwrap_or(docs.len()).min(docs.len());
    if !unplaced.is_empty() {
        docs.splice(at..at, unplaced);
    }
    let moved_from = placed.first().map_or(at, |&placed| placed.min(at));
    (placed, moved.then_some(moved_from))
}

/// The stored-document chunk files holding the documents at `placed` (ascending) in `docs`,
/// in the index's order (each language numbered apart).
pub(super) fn chunks_holding(docs: &[Arc<SearchDoc>], placed: &[usize]) -> Vec<OutputFile> {
    let per = crate::search::shard::DOCS_PER_CHUNK;
    let last = placed.last().map_or(0, |last| last + 1);
    // Each language's chunks to write: the numbers of the placed documents, divided.
    let mut numbers: Vec<(&str, usize, BTreeSet<usize>)> = Vec::new();
    let mut wanted = placed.iter().peekable();
    for (at, doc) in docs.iter().enumerate().take(last) {
        let lang = doc.lang.as_str();
        let slot = match numbers.iter().position(|(l, _, _)| *l == lang) {
            Some(slot) => slot,
            None => {
                numbers.push((lang, 0, BTreeSet::new()));
                numbers.len() - 1
            }
        };
        let (_, next, chunks) = &mut numbers[slot];
        if wanted.next_if_eq(&&at).is_some() {
            chunks.insert(*next / per);
        }
        *next += 1;
    }
    let mut files = Vec::new();
    for (lang, _, chunks) in numbers {
        if chunks.is_empty() {
            continue;
        }
        let of_lang: Vec<&SearchDoc> = docs
            .iter()
            .filter(|doc| doc.lang == lang)
            .map(|doc| doc.as_ref())
            .collect();
        for chunk in chunks {
            let end = ((chunk + 1) * per).min(of_lang.len());
            let held = of_lang.get(chunk * per..end).unwrap_or_default();
            files.extend(crate::search::shard::documents(lang, chunk, held));
        }
    }
    files
}

/// Where each page's documents start in its language's index (built from `docs` in order), by
/// language, then page address: a print document's entries point there.
pub(super) fn first_documents(
    docs: &[Arc<SearchDoc>],
) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut next: BTreeMap<&str, usize> = BTreeMap::new();
    let mut firsts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for doc in docs {
        let number = next.entry(doc.lang.as_str()).or_default();
        let page = doc.url.split('#').next().unwrap_or_default();
        firsts
            .entry(doc.lang.clone())
            .or_default()
            .entry(page.to_string())
            .or_insert(*number);
        *number += 1;
    }
    firsts
}
