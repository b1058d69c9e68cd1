//! What happens to each rendered batch of page jobs: problems kept, print documents assembled, files and search documents handed to the sink.
//! A large build does this on a thread of its own while the next batch renders (`pages::run_jobs`).

use super::page_parts::JobOutput;
use super::print_view::{PrintAssembly, StoredBodies, StoredBody};
use super::Renderer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::search::SearchDoc;
use crate::site::{Entry, Site};
use crate::urls;
use std::collections::BTreeMap;

/// One job's result: its files and search documents (or the error that stopped it), the
/// problems it found on the way, and for a page, how many of its first documents store its
/// print body.
pub(super) type Done = (Result<JobOutput, Diagnostic>, Diagnostics, Option<usize>);

/// Where rendered files and their search documents go, a batch at a time: a build writes the
/// files to its staging folder and indexes the documents at once, so a large site's pages are
/// never all in memory together. It is called from the thread that collects the batches.
pub type BatchSink<'s> =
    dyn FnMut(Vec<OutputFile>, Vec<SearchDoc>) -> Result<(), Diagnostics> + Send + 's;

/// One rendered batch: which page it was, in the order of the jobs, and how many jobs are
/// rendered with it.
pub(super) struct RenderedBatch<'a> {
    /// For each job of the batch: the page and language it rendered, if it is a page.
    pub pages: Vec<Option<(Entry, &'a str)>>,
    pub results: Vec<Done>,
    /// Jobs rendered so far, this batch's included.
    pub done: usize,
}

/// Takes the rendered batches in order, and the print views of `print_languages` once the last
/// is in. After a problem nothing more goes to the sink, but every batch is still taken, so
/// that a build reports all its problems at once.
pub(super) struct Collector<'a, 's> {
    renderer: &'a Renderer,
    site: &'a Site,
    sink: &'a mut BatchSink<'s>,
    diagnostics: Diagnostics,
    /// Where each page's print body is stored, by language, until its document is made.
    print_bodies: BTreeMap<&'a str, StoredBodies>,
    /// Search documents handed on so far, by language: the number of the next one.
    documents: BTreeMap<String, usize>,
    /// Where each page's documents start in an index built apart (see `number_documents_by`).
    numbered: Option<&'a BTreeMap<String, BTreeMap<String, usize>>>,
    assemblies: Vec<(&'a str, PrintAssembly)>,
    /// Where each page of a print language is rendered, to know when a chapter's bodies are in.
    job_of: BTreeMap<(Entry, &'a str), usize>,
}

impl<'a, 's> Collector<'a, 's> {
    /// `job_of` gives, for each page of a print language, its position among the jobs.
    pub fn new(
        renderer: &'a Renderer,
        site: &'a Site,
        print_languages: &[&'a str],
        job_of: BTreeMap<(Entry, &'a str), usize>,
        sink: &'a mut BatchSink<'s>,
    ) -> Collector<'a, 's> {
        Collector {
            renderer,
            site,
            sink,
            diagnostics: Diagnostics::default(),
            print_bodies: BTreeMap::new(),
            documents: BTreeMap::new(),
            numbered: None,
            assemblies: print_languages
                .iter()
                .map(|lang| (*lang, PrintAssembly::new(site, lang)))
                .collect(),
            job_of,
        }
    }

    /// Number each page's documents as `numbers` says (by language, then page address), not
    /// as they are handed on: `serve`'s index was built from its own list of documents. Does
    /// nothing when `numbers` is empty.
    pub fn number_documents_by(&mut self, numbers: &'a BTreeMap<String, BTreeMap<String, usize>>) {
        if !numbers.is_empty() {
            self.numbered = Some(numbers);
        }
    }

    fn put(&mut self, files: Vec<OutputFile>, docs: Vec<SearchDoc>) {
        if !self.diagnostics.has_errors() {
            if let Err(found) = (self.sink)(files, docs) {
                self.diagnostics.extend(found);
            }
        }
    }

    /// Takes the next batch: its files and documents go to the sink with the print documents
    /// whose pages are now all rendered (their bodies need not be kept).
    pub fn take(&mut self, batch: RenderedBatch<'a>) {
        let mut files = Vec::new();
        let mut search_docs = Vec::new();
        for (page, (output, found, print_docs)) in batch.pages.into_iter().zip(batch.results) {
            self.diagnostics.extend(found);
            let docs = match output {
                Ok((job_files, docs)) => {
                    files.extend(job_files);
                    docs
                }
                Err(error) => {
                    self.diagnostics.push(error);
                    Vec::new()
                }
            };
            // The index numbers each language's documents in the order they are handed on.
            if let (Some((entry, lang)), Some(count)) = (page, print_docs) {
                if self.assemblies.iter().any(|(code, _)| *code == lang) {
                    let first = match self.numbered {
                        Some(numbers) => numbers
                            .get(lang)
                            .and_then(|pages| pages.get(&self.site.url(entry, lang)))
                            .copied()
                            .unwrap_or(0),
                        None => self.documents.get(lang).copied().unwrap_or(0),
                    };
                    let body = StoredBody {
                        first,
                        count,
                        bytes: docs
                            .iter()
                            .take(count)
                            .map(|doc| doc.html.as_ref().map_or(0, String::len))
                            .sum(),
                    };
                    self.print_bodies
                        .entry(lang)
                        .or_default()
                        .insert(entry, body);
                }
            }
            for doc in &docs {
                match self.documents.get_mut(&doc.lang) {
                    Some(next) => *next += 1,
                    None => {
                        self.documents.insert(doc.lang.clone(), 1);
                    }
                }
            }
            search_docs.extend(docs);
        }
        let (renderer, site) = (self.renderer, self.site);
        for (lang, assembly) in &mut self.assemblies {
            let bodies = self.print_bodies.entry(*lang).or_default();
            while let Some(needs) = assembly.next_needs() {
                let rendered = site.reading_order()[needs].iter().all(|entry| {
                    self.job_of
                        .get(&(*entry, *lang))
                        .is_some_and(|at| *at < batch.done)
                });
                if !rendered {
                    break;
                }
                match assembly.assemble_next(renderer, site, bodies) {
                    Ok(made) => files.extend(made),
                    Err(error) => self.diagnostics.push(error),
                }
            }
        }
        self.put(files, search_docs);
    }

    /// The print views' last documents, after the last batch; every problem found.
    pub fn finish(mut self) -> Result<(), Diagnostics> {
        let (renderer, site) = (self.renderer, self.site);
        for (lang, assembly) in std::mem::take(&mut self.assemblies) {
            let bodies = self.print_bodies.entry(lang).or_default();
            match assembly.finish(renderer, site, bodies) {
                Ok(mut files) => {
                    // The words in the print documents' page margins.
                    let margins = super::print_pages::print_pages_css(renderer, site, lang);
                    files.push(OutputFile::new(
                        urls::print_pages_css(lang),
                        margins.into_bytes(),
                    ));
                    self.put(files, Vec::new());
                }
                Err(error) => self.diagnostics.push(error),
            }
        }
        if self.diagnostics.has_errors() {
            return Err(self.diagnostics);
        }
        Ok(())
    }
}
