//! The whole handbook and each top-level chapter as A4 documents: cover, contents with page numbers,
//! chapters on new pages, procedures with their diagrams, the glossary and directory.

use super::document::{Document, DocumentSource, Paper};
use super::markup::KeptTerms;
use crate::render::Renderer;
use crate::site::{Entry, Node, Site};

use super::paths::{book_path, chapter_path};

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

fn write_node(document: &mut Document, node: &Node, level: usize) {
    match node.entry {
        Entry::Page(_) => document.page(node.entry, level),
        Entry::Procedure(_) => document.procedure(node.entry, level),
    }
    for child in &node.children {
        write_node(document, child, level + 1);
    }
}

/// The whole handbook in one language.
pub fn book(site: &Site, renderer: &Renderer, lang: &str, terms: &KeptTerms) -> DocumentSource {
    let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
    document.to_edition = "";
    let mut entries = Vec::new();
    entries_of(site.tree(), &mut entries);
    document.claim(&entries);
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
        write_node(&mut document, node, 1);
    }
    document.finish(book_path(lang))
}

/// One top-level chapter in one language.
pub fn chapter(
    site: &Site,
    renderer: &Renderer,
    node: &Node,
    lang: &str,
    terms: &KeptTerms,
) -> Option<DocumentSource> {
    let path = chapter_path(site, node.entry, lang)?;
    let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
    let mut entries = Vec::new();
    entries_of(node, &mut entries);
    document.claim(&entries);
    let chapter_title = site.title(node.entry, lang).to_string();
    let handbook = site.config.title.get(lang, site.default_language());
    document.preamble(&format!("{chapter_title} - {handbook}"), true);
    document.cover(&chapter_title);
    document.contents(2);
    write_node(&mut document, node, 1);
    Some(document.finish(path))
}
