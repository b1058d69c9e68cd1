//! The print view: every page of a language again, headings one level down, as one document
//! (`print.html`) and as one document per top-level chapter (`print-<chapter>.html`, which the
//! chapter's page links to). A handbook too large for one document gets a list of its chapters'
//! documents in `print.html` instead.

use super::page_parts::{generated_page_common, JobOutput};
use super::procedure_page::{is_wide, procedure_diagram, procedure_summary, step_view};
use super::views::{Link, PrintEntry, PrintView};
use super::Renderer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{relative_href, Entry, Site};
use crate::urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The print view of each language shows every page again, headings one level down.
pub const PRINT_HEADING_OFFSET: u8 = 1;

/// Above this many bytes of page bodies, `print.html` lists the chapters' documents instead of
/// holding every page: at 10,000 pages it was one 150 MB file, which a browser opens slowly if
/// at all, and which nobody prints whole.
const WHOLE_BOOK_MAX_BYTES: usize = 16 << 20;

/// One language's page bodies as the print view shows them, rendered by the page jobs.
pub type PrintBodies = BTreeMap<Entry, String>;

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

/// The print documents of one language, from the page bodies the page jobs rendered for them.
pub(super) fn print(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
    mut bodies: PrintBodies,
) -> Result<JobOutput, Diagnostic> {
    let whole_path = urls::print(lang);
    let entries = print_entries(renderer, site, lang, &mut bodies, &whole_path);
    let documents = split_documents(entries, WHOLE_BOOK_MAX_BYTES);
    let chapters = documents.chapters;
    let links: Vec<Link> = chapters
        .iter()
        .map(|(path, title, _)| Link {
            title: title.clone(),
            href: relative_href(&whole_path, path),
        })
        .collect();
    let mut files = chapters
        .into_par_iter()
        .map(|(path, title, entries)| {
            let view = PrintView {
                common: generated_page_common(renderer, site, lang, &path, "print", "print_title"),
                print_page: crate::urls::print_page_name(&path),
                entries,
                chapter_title: Some(title),
                chapters: Vec::new(),
                whole_too_large: false,
            };
            render(renderer, view, path)
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let view = PrintView {
        common: generated_page_common(renderer, site, lang, &whole_path, "print", "print_title"),
        print_page: String::new(),
        entries: documents.whole,
        chapter_title: None,
        chapters: links,
        whole_too_large: documents.whole_too_large,
    };
    files.insert(0, render(renderer, view, whole_path)?);
    Ok((files, Vec::new()))
}

/// What goes in each print document of a language.
#[derive(Debug)]
struct PrintDocuments {
    /// `print.html`'s entries: every entry, or, when they are too large together, only those in
    /// no chapter (the home page), above the list of chapters.
    whole: Vec<PrintEntry>,
    whole_too_large: bool,
    /// Each chapter document: its path, its title (its first entry's) and its entries.
    chapters: Vec<(String, String, Vec<PrintEntry>)>,
}

/// Sorts entries (in reading order, each with its chapter document) into the documents; bodies
/// are copied only when they go in two documents. The home page is in no chapter's.
fn split_documents(entries: Vec<(Option<String>, PrintEntry)>, max_bytes: usize) -> PrintDocuments {
    let size: usize = entries.iter().map(|(_, entry)| entry.body.len()).sum();
    let whole_fits = size <= max_bytes;
    let mut whole = Vec::new();
    let mut chapters: Vec<(String, String, Vec<PrintEntry>)> = Vec::new();
    for (chapter, entry) in entries {
        let Some(path) = chapter else {
            whole.push(entry);
            continue;
        };
        // Reading order keeps each chapter's entries together.
        if chapters.last().map(|(last, _, _)| last) != Some(&path) {
            chapters.push((path, entry.title.clone(), Vec::new()));
        }
        if let Some((_, _, chapter_entries)) = chapters.last_mut() {
            if whole_fits {
                chapter_entries.push(entry.clone());
                whole.push(entry);
            } else {
                chapter_entries.push(entry);
            }
        }
    }
    PrintDocuments {
        whole,
        whole_too_large: !whole_fits,
        chapters,
    }
}

/// Every entry of the language in reading order, with the chapter document it goes in.
fn print_entries(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
    bodies: &mut PrintBodies,
    output_path: &str,
) -> Vec<(Option<String>, PrintEntry)> {
    let chapters = chapter_print_paths(site, lang);
    let mut entries = Vec::new();
    for (position, entry) in site.reading_order().iter().enumerate() {
        let ancestors = site.ancestors(*entry);
        let depth = ancestors.len();
        let anchor = print_anchor(position);
        let title = site.title(*entry, lang).to_string();
        let chapter = top_level(*entry, &ancestors).and_then(|top| chapters.get(&top).cloned());
        match *entry {
            Entry::Page(index) => {
                // A page without a body here has no version to show (the page job skipped it).
                let Some(body) = bodies.remove(entry) else {
                    continue;
                };
                let print_entry = PrintEntry {
                    anchor,
                    title,
                    depth,
                    chapter: site.pages[index].is_chapter_index(),
                    body,
                    summary: String::new(),
                    diagram: String::new(),
                    diagram_wide: false,
                    steps: Vec::new(),
                };
                entries.push((chapter, print_entry));
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
                let print_entry = PrintEntry {
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
                    body: String::new(),
                    steps,
                };
                entries.push((chapter, print_entry));
            }
        }
    }
    entries
}

fn render(renderer: &Renderer, view: PrintView, path: String) -> Result<OutputFile, Diagnostic> {
    let value = view.into_value().map_err(|error| {
        Diagnostic::error(&path, format!("cannot prepare the print view: {error}"))
    })?;
    let html = renderer.template_value("print.html", value)?;
    Ok(OutputFile::new(path, html.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, body: &str) -> PrintEntry {
        PrintEntry {
            anchor: format!("print-{title}"),
            title: title.to_string(),
            depth: 1,
            chapter: false,
            body: body.to_string(),
            summary: String::new(),
            diagram: String::new(),
            diagram_wide: false,
            steps: Vec::new(),
        }
    }

    fn titles(entries: &[PrintEntry]) -> Vec<&str> {
        entries.iter().map(|entry| entry.title.as_str()).collect()
    }

    fn sample() -> Vec<(Option<String>, PrintEntry)> {
        let a = Some("th/print-a.html".to_string());
        let b = Some("th/print-b.html".to_string());
        vec![
            (None, entry("home", "0123456789")),
            (a.clone(), entry("a", "0123456789")),
            (a, entry("a1", "0123456789")),
            (b, entry("b", "0123456789")),
        ]
    }

    #[test]
    fn each_chapter_gets_its_entries_and_the_whole_book_all_of_them() {
        let documents = split_documents(sample(), 1000);
        assert!(!documents.whole_too_large);
        assert_eq!(titles(&documents.whole), ["home", "a", "a1", "b"]);
        let chapters: Vec<(&str, &str, Vec<&str>)> = documents
            .chapters
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
        let documents = split_documents(sample(), 39);
        assert!(documents.whole_too_large);
        assert_eq!(titles(&documents.whole), ["home"]);
        let sizes: Vec<usize> = documents
            .chapters
            .iter()
            .map(|(_, _, entries)| entries.len())
            .collect();
        assert_eq!(sizes, [2, 1]);
    }
}
