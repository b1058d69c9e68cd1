//! The PDF edition: the handbook, each chapter, each role's pocket guide and each blank form as PDF
//! files, typeset inside the binary by Typst (no browser), with embedded Sarabun fonts.
//!
//! Each document is written as Typst source from the loaded model (`document.rs` and the modules
//! beside it), then typeset and exported here, in parallel. A document that fails is a diagnostic.

pub mod book;
mod document;
mod forms;
mod markup;
mod paths;
mod pocket;
mod world;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::site::Site;
use document::DocumentSource;
use markup::KeptTerms;
use rayon::prelude::*;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use paths::{book_path, chapter_path, form_path, role_path, FormPdf};

/// The PDF/A profile of every document: PDF/A-2a is archival and requires the tagged structure
/// (headings, reading order, alternative text) that accessible readers use.
pub const PDF_STANDARD: &str = "PDF/A-2a";

const TYPESETTING_STACK: usize = 256 * 1024 * 1024;

/// Whether `build` and `pack` make the PDF edition: `[pdf]` is in handbook.toml and not disabled.
pub fn wanted(site: &Site) -> bool {
    site.config.pdf.as_ref().is_some_and(|pdf| pdf.enabled)
}

/// Every PDF of the edition, in every language, typeset in parallel, with warnings (a skipped
/// whole-handbook PDF); or every document's error when one or more failed.
pub fn documents(
    site: &Site,
    renderer: &Renderer,
) -> Result<(Vec<OutputFile>, Diagnostics), Diagnostics> {
    let mut warnings = Diagnostics::default();
    let settings = site.config.pdf.clone().unwrap_or_default();
    let terms = Arc::new(KeptTerms::new(&site.kept_words()));
    // Per language: the whole handbook, typeset before the rest so that the chapters' PDFs
    // find its layout of their modules in Typst's memo cache; then every other document.
    let mut languages: Vec<(Option<DocumentSource>, Vec<DocumentSource>)> = Vec::new();
    for lang in site.languages() {
        let mut sources: Vec<DocumentSource> = Vec::new();
        let book_made = site.reading_order().len() <= settings.max_book_entries;
        let chapters = book::chapter_modules(site, renderer, lang, &terms, book_made);
        let book = if book_made {
            Some(book::book(site, renderer, lang, &terms, &chapters))
        } else {
            warnings.push(
                Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    format!(
                        "the whole-handbook PDF ({lang}) was not made: {} pages and procedures are more than max_book_entries = {}",
                        site.reading_order().len(),
                        settings.max_book_entries
                    ),
                )
                .with_hint("raise max_book_entries in [pdf] to make it; chapter PDFs are still made"),
            );
            None
        };
        for chapter in &chapters {
            sources.push(book::chapter(site, renderer, lang, &terms, chapter));
        }
        for role in &site.config.roles {
            sources.push(pocket::pocket_guide(site, renderer, role, lang, &terms));
        }
        for form in &site.forms {
            for kind in [FormPdf::Blank, FormPdf::WithGuidance] {
                sources.push(forms::form(site, renderer, form, kind, lang, &terms));
            }
        }
        languages.push((book, sources));
    }
    let date = site
        .config
        .version
        .as_deref()
        .and_then(document::parse_date)
        .and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));
    // Typst's layout recurses deeply (more so in a debug build): its threads get a large stack,
    // which is only reserved, not used, by documents that do not need it.
    // The typesetting threads' line breaker keeps the handbook's Thai terms whole.
    let kept: Arc<typst_layout::KeptRanges> =
        Arc::new(move |text: &str, ranges: &mut Vec<Range<usize>>| terms.ranges_into(text, ranges));
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(TYPESETTING_STACK)
        .start_handler(move |_| typst_layout::set_kept_ranges(Some(kept.clone())))
        .build()
        .map_err(|error| {
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!("cannot start the PDF typesetting threads: {error}"),
            )
        })?;
    let mut results: Vec<Result<OutputFile, Diagnostic>> = Vec::new();
    for (book, sources) in languages {
        if let Some(book) = book {
            results.push(pool.install(|| typeset(book, date)));
        }
        results.extend(pool.install(|| {
            sources
                .into_par_iter()
                .map(|source| typeset(source, date))
                .collect::<Vec<_>>()
        }));
        // Typst's memo cache keeps every layout until told otherwise. The documents of one
        // language reuse each other's (emptying it after each document cost 30% more CPU);
        // the other language's share little, so it is emptied after each language: peak memory
        // of `handbook pdf` on the bundled handbook 910 -> 590 MB, for 6% more CPU.
        typst::comemo::evict(0);
    }
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => errors.push(problem),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok((files, warnings))
}

/// What `handbook pdf` reports.
pub struct PdfSummary {
    pub output_dir: PathBuf,
    pub files: usize,
    pub pages_bytes: usize,
    pub warnings: Diagnostics,
}

/// `handbook pdf`: the PDF edition alone, written atomically to `output_dir` (default `pdf/` in
/// the handbook folder) as `<lang>/handbook.pdf`, `<lang>/chapters/...`, `<lang>/roles/...`,
/// `<lang>/forms/...`. Made whether or not handbook.toml has a `[pdf]` table.
pub fn edition(root: &Path, output_dir: Option<PathBuf>) -> Result<PdfSummary, Diagnostics> {
    let site = crate::load(root, false)?;
    let output_dir = output_dir.unwrap_or_else(|| root.join("pdf"));
    crate::output::check_output_dir(root, &output_dir)?;
    let renderer = Renderer::new(&site)?;
    let (files, warnings) = documents(&site, &renderer)?;
    let files: Vec<OutputFile> = files
        .into_iter()
        .map(|file| {
            let path = file.path.replacen("/pdf/", "/", 1);
            OutputFile::new(path, file.bytes)
        })
        .collect();
    let pages_bytes = files.iter().map(|file| file.bytes.len()).sum();
    let count = crate::output::write_atomically(&output_dir, files)?;
    Ok(PdfSummary {
        output_dir,
        files: count,
        pages_bytes,
        warnings,
    })
}

/// Typesets one document and exports it as PDF/A; a failure, even a panic inside Typst, is a
/// diagnostic naming the document.
pub fn typeset(source: DocumentSource, date: Option<Datetime>) -> Result<OutputFile, Diagnostic> {
    let path = source.path.clone();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        typeset_unguarded(source, date)
    }));
    match outcome {
        Ok(result) => result,
        Err(_) => Err(Diagnostic::error(
            &path,
            "the typesetter stopped unexpectedly while making this PDF",
        )
        .with_hint("please report this with the handbook's sources; the other files were built")),
    }
}

fn typeset_unguarded(
    source: DocumentSource,
    date: Option<Datetime>,
) -> Result<OutputFile, Diagnostic> {
    let path = source.path;
    let world = world::DocumentWorld::new(source.source, source.modules, source.files, date);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let mut document = output.map_err(|errors| problem(&path, &world, &errors))?;
    // The title is not in the source, so that the book and its chapters share one style chain.
    document.info_mut().title = Some(source.title.into());
    let standards = PdfStandards::new(&[PdfStandard::A_2a])
        .map_err(|error| Diagnostic::error(&path, format!("PDF settings: {}", error.message())))?;
    let options = PdfOptions {
        // A stable identifier: the document's place in the site, never a random one.
        ident: Smart::Custom(path.clone()),
        creator: Smart::Custom(Some(format!("handbook {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date.map(Timestamp::new_utc),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let bytes =
        typst_pdf::pdf(&document, &options).map_err(|errors| problem(&path, &world, &errors))?;
    Ok(OutputFile::new(path, bytes))
}

/// Typst's errors as one diagnostic: the message, and where in the generated source it arose.
fn problem(path: &str, world: &world::DocumentWorld, errors: &[SourceDiagnostic]) -> Diagnostic {
    let mut messages: Vec<String> = errors
        .iter()
        .map(|error| {
            // Only a span in a generated source (the main one, a chapter's module, the style)
            // has a line there (a diagram's is in its SVG).
            let source = error
                .span
                .id()
                .and_then(|id| typst::World::source(world, id).ok());
            let Some((source, range)) = source.zip(world.range(error.span)) else {
                return format!("{} (generated source line 0: )", error.message);
            };
            let line = source
                .text()
                .get(..range.start)
                .map_or(0, |before| before.matches('\n').count() + 1);
            let excerpt = source
                .text()
                .lines()
                .nth(line.saturating_sub(1))
                .unwrap_or("");
            let excerpt: String = excerpt.chars().take(120).collect();
            let file = source.id().vpath().get_without_slash().to_string();
            let file = if file == "main.typ" {
                String::new()
            } else {
                format!("{file}, ")
            };
            format!(
                "{} (generated source {file}line {line}: {excerpt})",
                error.message
            )
        })
        .collect();
    // Typst may report one problem several times: each is said once, at most three.
    messages.dedup();
    messages.truncate(3);
    let mut diagnostic = Diagnostic::error(
        path,
        format!("cannot make this PDF: {}", messages.join("; ")),
    );
    if let Some(hint) = errors.iter().flat_map(|e| e.hints.iter()).next() {
        diagnostic = diagnostic.with_hint(hint.v.to_string());
    }
    diagnostic
}
