//! `handbook`: a static site generator for bilingual handbooks, procedures and printable forms.
//! `build()` below is the whole pipeline on one screen.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod directory;
pub mod edition;
pub mod form;
pub mod fs;
pub mod glossary;
pub mod highlight;
pub mod json_schema;
pub mod kept_terms;
pub mod line_breaks;
pub mod link_titles;
pub mod links;
pub mod localised;
pub mod markdown;
pub mod output;
pub mod pack;
pub mod pdf;
pub mod procedure;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod sections;
pub mod serve;
pub mod site;
pub mod slug;
pub mod terminology;
#[cfg(test)]
mod test_random;
pub mod thai_compounds;
pub mod thai_words;
pub mod timings;
pub mod urls;
mod validate;

use diagnostics::Diagnostics;
use output::OutputFile;
use site::Site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use timings::Timings;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` from handbook.toml.
    pub output_dir: Option<PathBuf>,
    pub include_drafts: bool,
}

/// What a successful build reports.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub output_dir: PathBuf,
    pub files: usize,
    /// Pages and procedures per language, counting those written in that language.
    pub translated: BTreeMap<String, usize>,
    pub entries: usize,
    /// Warnings found along the way (the build still succeeded).
    pub warnings: Diagnostics,
    /// How long each stage took.
    pub timings: Timings,
}

/// A built site held in memory: what `build` writes, `serve` serves and `pack` zips.
pub struct BuiltSite {
    pub site: Site,
    pub files: Vec<OutputFile>,
    /// What the search index was built from; `serve` replaces a page's documents after an edit.
    pub search_docs: Vec<search::SearchDoc>,
    pub warnings: Diagnostics,
}

/// Loads, checks and renders the handbook at `root`, without writing anything.
pub fn render(root: &Path, include_drafts: bool) -> Result<BuiltSite, Diagnostics> {
    let site = load(root, include_drafts)?;
    let renderer = render::Renderer::new(&site)?;
    render_loaded(site, &renderer)
}

/// Loads the handbook at `root` into the checked model every later stage reads. A build reports
/// every problem in one run: loading keeps what it could read beside its problems, and when
/// anything is wrong the pages are rendered anyway (nothing is written) for the link, anchor and
/// template errors that rendering finds.
pub fn load(root: &Path, include_drafts: bool) -> Result<Site, Diagnostics> {
    load_site(root, include_drafts, content::Bodies::Held)
}

/// [`load`], keeping the pages' bodies in memory or leaving them to be read again when rendered
/// (`build`, unless the PDF edition, which typesets them after the pages, is wanted).
fn load_site(
    root: &Path,
    include_drafts: bool,
    bodies: content::Bodies,
) -> Result<Site, Diagnostics> {
    let config = config::load(root)?;
    let bodies = match config.pdf.as_ref().is_some_and(|pdf| pdf.enabled) {
        true => content::Bodies::Held,
        false => bodies,
    };
    let (content, mut problems) = content::load(&config, include_drafts, bodies)?;
    let mut unreadable = content.unreadable;
    let section_spill = content.section_spill;
    let (procedures, found, unread) =
        procedure::load_all(content.procedure_files, &config, include_drafts);
    problems.extend(found);
    unreadable.extend(unread);
    let (forms, found, unread) = form::load_all(&config);
    problems.extend(found);
    unreadable.extend(unread);
    let glossary = glossary::load(&config).unwrap_or_else(|found| {
        problems.extend(found);
        Default::default()
    });
    let directory = directory::load(&config).unwrap_or_else(|found| {
        problems.extend(found);
        Default::default()
    });
    let mut site = Site::new(
        config,
        content.pages,
        procedures,
        forms,
        glossary,
        directory,
    );
    problems.extend(validate::references(&site, &unreadable));
    // The previous edition's record and the forms' versions are checked with everything else.
    let (config, procedures, forms) = (&site.config, &site.procedures, &site.forms);
    match edition::Edition::prepare(config, &mut site.pages, procedures, forms, section_spill) {
        Ok(edition) => site.edition = edition,
        Err(found) => problems.extend(found),
    }
    if problems.has_errors() {
        // Links to a file that could not be read would all be reported as broken: render for
        // the link errors only when everything was read.
        if unreadable.is_empty() {
            problems.extend(rendering_problems(&site));
        }
        return Err(problems);
    }
    Ok(site)
}

/// The errors that rendering finds (links, anchors, templates), for a build already failing.
fn rendering_problems(site: &Site) -> Diagnostics {
    render::Renderer::new(site)
        .and_then(|renderer| renderer.render_site(site).map(drop))
        .err()
        .unwrap_or_default()
}

/// Renders a loaded site into memory: what `serve` serves and `check` and `pack` read. `serve`
/// keeps the renderer (compiled templates) between rebuilds, so it passes one in.
pub fn render_loaded(site: Site, renderer: &render::Renderer) -> Result<BuiltSite, Diagnostics> {
    let mut files = Vec::new();
    let produced = produce(&site, renderer, &mut files, &mut Timings::start(), true)?;
    Ok(BuiltSite {
        warnings: produced.warnings,
        site,
        files,
        search_docs: produced.search_docs,
    })
}

/// The search index files for `docs`.
pub fn search_index(site: &Site, docs: &[search::SearchDoc]) -> Vec<OutputFile> {
    search::build_index(docs, site.languages(), &search::doc::search_words(site))
}

/// Builds the handbook and writes it atomically to its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let mut timings = Timings::start();
    // The theme's templates compile while the content loads: they depend on the theme alone.
    let (site, templates) = rayon::join(
        || {
            load_site(
                &options.root,
                options.include_drafts,
                content::Bodies::Reread,
            )
        },
        || render::Templates::load(&options.root),
    );
    let site = site?;
    timings.lap("load");
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| site.config.output_dir.clone());
    output::check_output_dir(&options.root, &output_dir)?;
    let renderer = render::Renderer::with_templates(&site, templates?)?;
    let mut staging = output::Staging::new(&output_dir)?;
    let mut produced = produce(&site, &renderer, &mut staging, &mut timings, false)?;
    if pdf::wanted(&site) {
        let (pdfs, pdf_warnings) = pdf::documents(&site, &renderer)?;
        produced.warnings.extend(pdf_warnings);
        staging.write(pdfs)?;
        timings.lap("pdf edition");
    }
    let files = staging.commit()?;
    let translated = site
        .languages()
        .iter()
        .map(|lang| {
            (
                lang.clone(),
                site.reading_order()
                    .iter()
                    .filter(|entry| site.is_translated(**entry, lang))
                    .count(),
            )
        })
        .collect();
    Ok(BuildSummary {
        output_dir,
        files,
        translated,
        entries: site.reading_order().len(),
        warnings: produced.warnings,
        timings,
    })
}

/// Where the pipeline puts the files it makes: the staging folder that replaces the output
/// (`build`), or memory (`serve`, `check`, `pack`).
pub trait Sink {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), Diagnostics>;

    /// Puts the file at `path` whose bytes `write` makes: written to disk as they are made
    /// where the sink writes there, so that a large file is never held whole.
    fn put_written(&mut self, path: &str, write: WriteFile) -> Result<(), Diagnostics> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|error| {
            diagnostics::Diagnostic::error(path, format!("cannot make the file: {error}"))
        })?;
        self.put(vec![OutputFile::new(path.to_string(), bytes)])
    }
}

/// What makes a file's bytes, given where to write them.
pub type WriteFile<'a> = &'a dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>;

impl Sink for output::Staging {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), Diagnostics> {
        self.write(files)
    }

    fn put_written(&mut self, path: &str, write: WriteFile) -> Result<(), Diagnostics> {
        self.write_streamed(path, write)
    }
}

impl Sink for Vec<OutputFile> {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), Diagnostics> {
        self.extend(files);
        Ok(())
    }
}

/// What the pipeline hands back besides its files.
struct Produced {
    warnings: Diagnostics,
    /// What the search index was built from, when asked to keep it (`serve` re-indexes a page).
    search_docs: Vec<search::SearchDoc>,
}

/// The one pipeline after loading, for every command: pages, search index, content assets, into
/// `sink`. Pages go to the sink a batch at a time as they are rendered. When the search documents
/// need not be kept (`build`), each batch is indexed at once and its stored text goes to the sink
/// with the pages, so the site's text is never held whole: rendered pages and then the documents
/// were most of a 10,000-page build's peak memory. The files are the same either way.
fn produce(
    site: &Site,
    renderer: &render::Renderer,
    sink: &mut (impl Sink + Send),
    timings: &mut Timings,
    keep_search_docs: bool,
) -> Result<Produced, Diagnostics> {
    let warnings = validate::warnings(site);
    let words = search::doc::search_words(site);
    let mut search_docs = Vec::new();
    let mut index = (!keep_search_docs).then(|| search::IndexWriter::new(site.languages(), &words));
    renderer.render_site_into(site, &mut |mut files, docs| {
        match index.as_mut() {
            Some(index) => files.extend(timings.measure_beside("index pages", || index.add(docs))),
            None => search_docs.extend(docs),
        }
        timings.measure_beside("write pages", || sink.put(files))
    })?;
    timings.lap("render pages");
    let files = match index {
        Some(index) => {
            // The term and pair files go out as they are made: the encoded index is not held.
            index.finish(&mut |files| sink.put(files))?;
            Vec::new()
        }
        None => search::build_index(&search_docs, site.languages(), &words),
    };
    timings.lap("finish search index");
    sink.put(files)?;
    sink.put(content_assets(site)?)?;
    // The edition record, written as it is made (its pages' sections were not held).
    sink.put_written(urls::EDITION_RECORD, &|out| {
        site.edition.write_record(&site.config, &site.pages, out)
    })?;
    timings.lap("write index, assets");
    Ok(Produced {
        warnings,
        search_docs,
    })
}

/// Images and other files under `content/` are copied to `assets/`, once for all languages.
fn content_assets(site: &Site) -> Result<Vec<OutputFile>, Diagnostics> {
    let content_dir = site.config.root.join(content::CONTENT_DIR);
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&content_dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let is_source = path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "toml");
        if !entry.file_type().is_file() || is_source {
            continue;
        }
        let Ok(relative) = path.strip_prefix(&content_dir) else {
            continue;
        };
        let shown = content::shown_path(&site.config, path);
        let bytes = std::fs::read(path).map_err(|error| {
            diagnostics::Diagnostic::error(shown, format!("cannot read: {error}"))
        })?;
        files.push(OutputFile::new(
            format!(
                "{}/{}",
                urls::ASSETS_DIR,
                relative.to_string_lossy().replace('\\', "/")
            ),
            bytes,
        ));
    }
    Ok(files)
}
