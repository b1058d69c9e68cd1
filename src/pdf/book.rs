//! The whole handbook and each top-level chapter as A4 documents: cover, contents with page numbers,
//! chapters on new pages, procedures with their diagrams, the glossary and directory.
//!
//! Each top-level chapter is written once, as a Typst module that both the whole handbook and the
//! chapter's own PDF include: the book is typeset first, and Typst's memo cache then gives the
//! chapter's PDF the book's layout of its paragraphs and blocks instead of laying them out again.

use super::document::{ChapterModule, Document, DocumentSource, Paper};
use super::markup::KeptTerms;
use crate::render::Renderer;
use crate::site::{Entry, Node, Site};
use std::collections::BTreeMap;

use super::paths::{book_path, chapter_path, pdf_dir};

/// The top-level chapters: folders with an `_index.md` directly under the home page.
pub fn chapters(site: &Site) -> impl Iterator<Item = &Node> {
    site.tree()
        .children
        .iter()
        .filter(|node| !node.children.is_empty())
}

fn entries_of(node: &Node, into: &mut Vec<Entry>) {
    into.push(node.entry);
    for child in &node.children {
        entries_of(child, into);
    }
}

/// Every entry of the handbook in the book's order: the order their labels are numbered in.
fn all_entries(site: &Site) -> Vec<Entry> {
    let mut entries = Vec::new();
    entries_of(site.tree(), &mut entries);
    entries
}

fn write_node(document: &mut Document, node: &Node, level: usize) {
    match node.entry {
        Entry::Page(_) => document.page(node.entry, level),
        Entry::Procedure(_) => document.procedure(node.entry, level),
    }
    for child in &node.children {
        write_node(document, child, level + 1);
    }
}

/// A top-level chapter's module, and where its PDF goes in the site.
pub struct Chapter {
    entry: Entry,
    path: String,
    module: ChapterModule,
}

/// Each top-level chapter of one language as a module. A link from a chapter to another part of
/// the handbook goes, in the chapter's PDF, to the PDF that sets it: another chapter's, or the
/// whole handbook's when `book_made`.
pub fn chapter_modules(
    site: &Site,
    renderer: &Renderer,
    lang: &str,
    terms: &KeptTerms,
    book_made: bool,
) -> Vec<Chapter> {
    let all = all_entries(site);
    let edition = format!("{}/", pdf_dir(lang));
    let mut places: BTreeMap<Entry, String> = BTreeMap::new();
    if book_made {
        let book = book_path(lang);
        for entry in &all {
            places.insert(*entry, book.trim_start_matches(&edition).to_string());
        }
    }
    let mut found = Vec::new();
    for node in chapters(site) {
        let Some(path) = chapter_path(site, node.entry, lang) else {
            continue;
        };
        let mut entries = Vec::new();
        entries_of(node, &mut entries);
        for entry in &entries {
            places.insert(*entry, path.trim_start_matches(&edition).to_string());
        }
        found.push((node, path, entries));
    }
    found
        .into_iter()
        .map(|(node, path, entries)| {
            let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
            document.claim(&all, &entries);
            document.places = places.clone();
            document.module_prelude();
            write_node(&mut document, node, 1);
            let name = path
                .rsplit('/')
                .next()
                .unwrap_or("chapter.pdf")
                .trim_end_matches(".pdf");
            Chapter {
                entry: node.entry,
                module: document.into_module(format!("/chapters/{name}.typ")),
                path,
            }
        })
        .collect()
}

/// The whole handbook in one language, with its chapters' modules.
pub fn book(
    site: &Site,
    renderer: &Renderer,
    lang: &str,
    terms: &KeptTerms,
    chapters: &[Chapter],
) -> DocumentSource {
    let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
    document.to_edition = "";
    let entries = all_entries(site);
    document.claim(&entries, &entries);
    let title = site
        .config
        .title
        .get(lang, site.default_language())
        .to_string();
    document.preamble(&title, true);
    let kind = document.string("pdf_whole_handbook");
    document.cover(&kind);
    document.contents(2);
    // The home page is the introduction; the chapters follow, each on a new page.
    document.page(site.tree().entry, 1);
    for node in &site.tree().children {
        match chapters.iter().find(|chapter| chapter.entry == node.entry) {
            Some(chapter) => document.include(&chapter.module),
            None => write_node(&mut document, node, 1),
        }
    }
    document.finish(book_path(lang))
}

/// One top-level chapter in one language: a cover, its contents and the chapter's module.
pub fn chapter(
    site: &Site,
    renderer: &Renderer,
    lang: &str,
    terms: &KeptTerms,
    chapter: &Chapter,
) -> DocumentSource {
    let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
    document.claim(&all_entries(site), &chapter.module.entries);
    let chapter_title = site.title(chapter.entry, lang).to_string();
    let handbook = site.config.title.get(lang, site.default_language());
    document.preamble(&format!("{chapter_title} - {handbook}"), true);
    document.cover(&chapter_title);
    document.contents(2);
    document.include(&chapter.module);
    document.finish(chapter.path.clone())
}
