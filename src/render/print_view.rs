//! The print view: every page of a language again, headings one level down, as one document
//! (`print.html`) and as one document per top-level chapter (`print-<chapter>.html`, which the
//! chapter's page links to). A handbook too large for one document gets a list of its chapters'
//! documents in `print.html` instead.

use super::page_parts::generated_page_common;
use super::procedure_page::{is_wide, procedure_diagram, procedure_summary, step_view};
use super::views::{Link, PrintEntry, PrintView};
use super::Renderer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{relative_href, Entry, Site};
use crate::urls;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

/// The print view of each language shows every page again, headings one level down.
pub const PRINT_HEADING_OFFSET: u8 = 1;

/// Above this many bytes of page bodies, `print.html` lists the chapters' documents instead of
/// holding every page: at 10,000 pages it was one 150 MB file, which a browser opens slowly if
/// at all, and which nobody prints whole.
const WHOLE_BOOK_MAX_BYTES: usize = 16 << 20;

/// A chapter's print document to make: its path, title and entries.
type ChapterDocument = (String, String, Vec<PrintEntry>);

/// Where a page's print body is stored: in its language's search documents from `first`, in
/// `count` of them (each section's part), `bytes` of HTML in all. The print document loads
/// their chunk files and print.js puts the parts in the entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoredBody {
    pub first: usize,
    pub count: usize,
    pub bytes: usize,
}

/// The stored bodies of one language's pages rendered so far.
pub type StoredBodies = BTreeMap<Entry, StoredBody>;

/// The id of an entry's section in the print view, from its place in reading order; the ids of
/// its headings there start with it too.
pub fn print_anchor(position: usize) -> String {
    format!("print-{position}")
}

/// The print document of each top-level entry (a chapter, or a page or procedure at the top),
/// beside `print.html` so that the print bodies' relative links hold in both:
/// `th/return/index.html` -> `th/print-return.html`. A name that another top-level entry
/// already has, or that is the path of a page at the top (a page `print-return.md`), gets a
/// number added, so no two files share a path. The same for every language, since paths are.
pub fn chapter_print_paths(site: &Site, lang: &str) -> BTreeMap<Entry, String> {
    let tops: Vec<Entry> = site.tree().children.iter().map(|node| node.entry).collect();
    let taken: BTreeSet<String> = tops.iter().map(|entry| site.url(*entry, lang)).collect();
    let mut used = BTreeSet::new();
    let mut paths = BTreeMap::new();
    for entry in tops {
        let url = site.url(entry, lang);
        let name = url.strip_prefix(&format!("{lang}/")).unwrap_or(&url);
        let name = name
            .strip_suffix("/index.html")
            .or_else(|| name.strip_suffix(".html"))
            .unwrap_or(name)
            .replace('/', "-");
        let mut path = format!("{lang}/print-{name}.html");
        let mut number = 2;
        while taken.contains(&path) || used.contains(&path) {
            path = format!("{lang}/print-{name}-{number}.html");
            number += 1;
        }
        used.insert(path.clone());
        paths.insert(entry, path);
    }
    paths
}

/// The top-level entry `entry` is under, from its ancestors: itself at the top, none for the
/// home page.
fn top_level(entry: Entry, ancestors: &[Entry]) -> Option<Entry> {
    match ancestors.len() {
        0 => None,
        1 => Some(entry),
        _ => ancestors.get(1).copied(),
    }
}

/// The print document of the top-level entry `entry` is under (none for the home page).
pub fn chapter_print_path(site: &Site, entry: Entry, lang: &str) -> Option<String> {
    let top = top_level(entry, &site.ancestors(entry))?;
    chapter_print_paths(site, lang).remove(&top)
}

/// Every print document of a language: `print.html`, then each chapter's.
pub fn print_paths(site: &Site, lang: &str) -> Vec<String> {
    let mut paths = vec![urls::print(lang)];
    let chapters = chapter_print_paths(site, lang);
    for node in &site.tree().children {
        paths.extend(chapters.get(&node.entry).cloned());
    }
    paths
}

/// One language's print documents made while its pages are rendered: each chapter's document as
/// soon as its pages are (it needs to know where their bodies are stored), and `print.html`
/// with every entry while the whole book's bodies fit in it.
pub(super) struct PrintAssembly {
    lang: String,
    /// Runs of reading order not assembled yet, each with the chapter document it goes in (none
    /// for the home page, which is in `print.html` only).
    groups: VecDeque<(Option<String>, Range<usize>)>,
    /// `print.html`'s entries so far, each with whether it is also in a chapter's document.
    whole: Vec<(bool, PrintEntry)>,
    /// Bytes of the bodies assembled so far.
    size: usize,
    /// Each chapter document made: its path and title.
    chapters: Vec<(String, String)>,
    /// Above this many bytes of bodies, `print.html` lists the chapters' documents.
    max_bytes: usize,
}

impl PrintAssembly {
    pub fn new(site: &Site, lang: &str) -> PrintAssembly {
        let paths = chapter_print_paths(site, lang);
        let mut groups: VecDeque<(Option<String>, Range<usize>)> = VecDeque::new();
        for (position, entry) in site.reading_order().iter().enumerate() {
            let chapter =
                top_level(*entry, &site.ancestors(*entry)).and_then(|top| paths.get(&top).cloned());
            match groups.back_mut() {
                Some((last, range)) if *last == chapter => range.end = position + 1,
                _ => groups.push_back((chapter, position..position + 1)),
            }
        }
        PrintAssembly {
            lang: lang.to_string(),
            groups,
            whole: Vec::new(),
            size: 0,
            chapters: Vec::new(),
            max_bytes: WHOLE_BOOK_MAX_BYTES,
        }
    }

    /// The positions in reading order whose bodies the next document needs.
    pub fn next_needs(&self) -> Option<Range<usize>> {
        self.groups.front().map(|(_, range)| range.clone())
    }

    /// Makes the next document from where the bodies of its pages are, which leave `bodies`.
    pub fn assemble_next(
        &mut self,
        renderer: &Renderer,
        site: &Site,
        bodies: &mut StoredBodies,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let Some((chapter, range)) = self.groups.pop_front() else {
            return Ok(Vec::new());
        };
        let whole_path = urls::print(&self.lang);
        let entries = print_entries(renderer, site, &self.lang, bodies, &whole_path, range);
        let Some((path, title, entries)) = self.sort_run(chapter, entries) else {
            return Ok(Vec::new());
        };
        let view = PrintView {
            common: generated_page_common(
                renderer,
                site,
                &self.lang,
                &path,
                "print",
                "print_title",
            ),
            print_page: crate::urls::print_page_name(&path),
            chunks: chunks(&entries),
            docs_per_chunk: crate::search::shard::DOCS_PER_CHUNK,
            entries,
            chapter_title: Some(title),
            chapters: Vec::new(),
            whole_too_large: false,
        };
        Ok(vec![render(renderer, view, path)?])
    }

    /// Sorts the entries of one run of reading order into the documents: `print.html` keeps
    /// them while the bodies so far fit in it (copies, when they also go in a chapter's
    /// document); returns the chapter document the run makes, as its path, title and entries.
    fn sort_run(
        &mut self,
        chapter: Option<String>,
        entries: Vec<PrintEntry>,
    ) -> Option<ChapterDocument> {
        self.size += entries.iter().map(|entry| entry.bytes).sum::<usize>();
        let whole_fits = self.size <= self.max_bytes;
        if !whole_fits {
            self.whole.retain(|(in_chapter, _)| !in_chapter);
        }
        let Some(path) = chapter else {
            self.whole
                .extend(entries.into_iter().map(|entry| (false, entry)));
            return None;
        };
        // A chapter whose pages all have no print body has no document.
        let title = entries.first()?.title.clone();
        if whole_fits {
            self.whole
                .extend(entries.iter().map(|entry| (true, entry.clone())));
        }
        self.chapters.push((path.clone(), title.clone()));
        Some((path, title, entries))
    }

    /// The documents not made yet, then `print.html`.
    pub fn finish(
        mut self,
        renderer: &Renderer,
        site: &Site,
        bodies: &mut StoredBodies,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let mut files = Vec::new();
        while self.next_needs().is_some() {
            files.extend(self.assemble_next(renderer, site, bodies)?);
        }
        let whole_path = urls::print(&self.lang);
        let links = self
            .chapters
            .iter()
            .map(|(path, title)| Link {
                title: title.clone(),
                href: relative_href(&whole_path, path),
            })
            .collect();
        let entries: Vec<PrintEntry> = self.whole.into_iter().map(|(_, entry)| entry).collect();
        let view = PrintView {
            common: generated_page_common(
                renderer,
                site,
                &self.lang,
                &whole_path,
                "print",
                "print_title",
            ),
            print_page: String::new(),
            chunks: chunks(&entries),
            docs_per_chunk: crate::search::shard::DOCS_PER_CHUNK,
            entries,
            chapter_title: None,
            chapters: links,
            whole_too_large: self.size > self.max_bytes,
        };
        files.push(render(renderer, view, whole_path)?);
        Ok(files)
    }
}

/// The entries of the language at `positions` of reading order, each page's with where its body
/// is stored (which leaves `bodies`).
fn print_entries(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
    bodies: &mut StoredBodies,
    output_path: &str,
    positions: Range<usize>,
) -> Vec<PrintEntry> {
    let mut entries = Vec::new();
    let order = site.reading_order();
    for (position, entry) in order
        .iter()
        .enumerate()
        .take(positions.end)
        .skip(positions.start)
    {
        let ancestors = site.ancestors(*entry);
        let depth = ancestors.len();
        let anchor = print_anchor(position);
        let title = site.title(*entry, lang).to_string();
        match *entry {
            Entry::Page(index) => {
                // A page without a body here has no version to show (the page job skipped it).
                let Some(body) = bodies.remove(entry) else {
                    continue;
                };
                entries.push(PrintEntry {
                    anchor,
                    title,
                    depth,
                    chapter: site.pages[index].is_chapter_index(),
                    doc: body.first,
                    docs: body.count,
                    bytes: body.bytes,
                    summary: String::new(),
                    diagram: String::new(),
                    diagram_wide: false,
                    steps: Vec::new(),
                });
            }
            Entry::Procedure(index) => {
                let mut ignored = Diagnostics::default();
                let steps = site.procedures[index]
                    .steps
                    .iter()
                    .map(|step| {
                        step_view(renderer, site, index, step, lang, output_path, &mut ignored)
                    })
                    .collect();
                let procedure = &site.procedures[index];
                let steps_id = format!("{anchor}-steps");
                let diagram = procedure_diagram(renderer, site, procedure, lang, &steps_id);
                entries.push(PrintEntry {
                    summary: procedure_summary(
                        renderer,
                        site,
                        index,
                        lang,
                        output_path,
                        &mut ignored,
                    ),
                    diagram_wide: is_wide(&diagram),
                    diagram,
                    anchor,
                    title,
                    depth,
                    chapter: false,
                    doc: 0,
                    docs: 0,
                    bytes: 0,
                    steps,
                });
            }
        }
    }
    entries
}

/// The chunk files of stored documents that hold the bodies of `entries`, ascending.
fn chunks(entries: &[PrintEntry]) -> Vec<usize> {
    let per = crate::search::shard::DOCS_PER_CHUNK;
    let chunks: BTreeSet<usize> = entries
        .iter()
        .filter(|entry| entry.docs > 0)
        .flat_map(|entry| entry.doc / per..=(entry.doc + entry.docs - 1) / per)
        .collect();
    chunks.into_iter().collect()
}

/// The print document `view` at `path`.
fn render(renderer: &Renderer, view: PrintView, path: String) -> Result<OutputFile, Diagnostic> {
    let html = renderer.template_bytes("print.html", &view)?;
    Ok(OutputFile::new(path, html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, doc: usize, docs: usize) -> PrintEntry {
        PrintEntry {
            anchor: format!("print-{title}"),
            title: title.to_string(),
            depth: 1,
            chapter: false,
            doc,
            docs,
            bytes: 10,
            summary: String::new(),
            diagram: String::new(),
            diagram_wide: false,
            steps: Vec::new(),
        }
    }

    fn titles(entries: &[PrintEntry]) -> Vec<&str> {
        entries.iter().map(|entry| entry.title.as_str()).collect()
    }

    /// Runs of reading order as the build meets them: the home page, then chapters a and b.
    fn assemble(max_bytes: usize) -> (PrintAssembly, Vec<ChapterDocument>) {
        let a = Some("th/print-a.html".to_string());
        let b = Some("th/print-b.html".to_string());
        let mut assembly = PrintAssembly {
            lang: "th".to_string(),
            groups: VecDeque::new(),
            whole: Vec::new(),
            size: 0,
            chapters: Vec::new(),
            max_bytes,
        };
        let runs = vec![
            (None, vec![entry("home", 0, 1)]),
            (a, vec![entry("a", 1, 2), entry("a1", 3, 1)]),
            (Some("th/print-empty.html".to_string()), vec![]),
            (b, vec![entry("b", 4, 1)]),
        ];
        let documents = runs
            .into_iter()
            .filter_map(|(chapter, entries)| assembly.sort_run(chapter, entries))
            .collect();
        (assembly, documents)
    }

    fn whole(assembly: &PrintAssembly) -> Vec<&str> {
        assembly
            .whole
            .iter()
            .map(|(_, entry)| entry.title.as_str())
            .collect()
    }

    #[test]
    fn a_document_loads_the_chunks_that_hold_its_bodies_once_each() {
        let entries = [
            entry("a", 6, 3),
            entry("p", 0, 0),
            entry("b", 9, 8),
            entry("c", 2, 1),
        ];
        assert_eq!(chunks(&entries), [0, 1, 2]);
        assert!(chunks(&[entry("p", 5, 0)]).is_empty());
    }

    #[test]
    fn each_chapter_gets_its_entries_and_the_whole_book_all_of_them() {
        let (assembly, documents) = assemble(1000);
        assert!(assembly.size <= assembly.max_bytes);
        assert_eq!(whole(&assembly), ["home", "a", "a1", "b"]);
        let chapters: Vec<(&str, &str, Vec<&str>)> = documents
            .iter()
            .map(|(path, title, entries)| (path.as_str(), title.as_str(), titles(entries)))
            .collect();
        assert_eq!(
            chapters,
            [
                ("th/print-a.html", "a", vec!["a", "a1"]),
                ("th/print-b.html", "b", vec!["b"])
            ]
        );
    }

    #[test]
    fn a_book_too_large_for_one_document_is_printed_by_chapter_only() {
        let (assembly, documents) = assemble(39);
        assert!(assembly.size > assembly.max_bytes);
        assert_eq!(whole(&assembly), ["home"]);
        let sizes: Vec<usize> = documents
            .iter()
            .map(|(_, _, entries)| entries.len())
            .collect();
        assert_eq!(sizes, [2, 1]);
    }
}
