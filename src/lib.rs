//! `handbook`: a static site generator for bilingual handbooks, procedures and printable forms.
//! `build()` below is the whole pipeline on one screen.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod directory;
pub mod form;
pub mod fs;
pub mod glossary;
pub mod highlight;
pub mod links;
pub mod localised;
pub mod markdown;
pub mod output;
pub mod pack;
pub mod pdf;
pub mod procedure;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod thai_words;
pub mod timings;
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
    pub search_docs: Vec<render::SearchDoc>,
    pub warnings: Diagnostics,
}

/// Loads, checks and renders the handbook at `root`, without writing anything.
pub fn render(root: &Path, include_drafts: bool) -> Result<BuiltSite, Diagnostics> {
    let site = load(root, include_drafts)?;
    let renderer = render::Renderer::new(&site)?;
    render_loaded(site, &renderer)
}

/// Loads the handbook at `root` into the checked model every later stage reads.
pub fn load(root: &Path, include_drafts: bool) -> Result<Site, Diagnostics> {
    let config = config::load(root)?;
    let content = content::load(&config, include_drafts)?;
    let (procedures, mut problems) =
        procedure::load_all(content.procedure_files, &config, include_drafts);
    let (forms, form_problems) = form::load_all(&config);
    problems.extend(form_problems);
    let glossary = glossary::load(&config).unwrap_or_else(|found| {
        problems.extend(found);
        Default::default()
    });
    let directory = directory::load(&config).unwrap_or_else(|found| {
        problems.extend(found);
        Default::default()
    });
    if problems.has_errors() {
        return Err(problems);
    }
    let mut site = Site::new(
        config,
        content.pages,
        procedures,
        forms,
        glossary,
        directory,
    );
    validate::references(&site).into_result()?;
    site.anchors = validate::collect_anchors(&site);
    Ok(site)
}

/// Renders a loaded site: pages, search index and content assets. `serve` keeps the renderer
/// (compiled templates) between rebuilds, so it passes one in.
pub fn render_loaded(site: Site, renderer: &render::Renderer) -> Result<BuiltSite, Diagnostics> {
    let warnings = validate::warnings(&site);
    let mut rendered = renderer.render_site(&site)?;
    rendered
        .files
        .extend(search_index(&site, &rendered.search_docs));
    rendered.files.extend(content_assets(&site)?);
    Ok(BuiltSite {
        warnings,
        site,
        files: rendered.files,
        search_docs: rendered.search_docs,
    })
}

/// The search index files for `docs`.
pub fn search_index(site: &Site, docs: &[render::SearchDoc]) -> Vec<OutputFile> {
    search::build_index(docs, site.languages(), &site.search_words())
}

/// Builds the handbook and writes it atomically to its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let mut timings = Timings::start();
    let site = load(&options.root, options.include_drafts)?;
    timings.lap("load");
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| site.config.output_dir.clone());
    output::check_output_dir(&options.root, &output_dir)?;
    let renderer = render::Renderer::new(&site)?;
    let mut warnings = validate::warnings(&site);
    let rendered = renderer.render_site(&site)?;
    timings.lap("render pages");
    // The pages go to the staging folder before the search index is built: holding both was
    // most of a 10,000-page build's peak memory.
    let mut staging = output::Staging::new(&output_dir)?;
    staging.write(rendered.files)?;
    timings.lap("write pages");
    if pdf::wanted(&site) {
        let (pdfs, pdf_warnings) = pdf::documents(&site, &renderer)?;
        warnings.extend(pdf_warnings);
        staging.write(pdfs)?;
        timings.lap("pdf edition");
    }
    let index = search_index(&site, &rendered.search_docs);
    drop(rendered.search_docs);
    timings.lap("search index");
    staging.write(index)?;
    staging.write(content_assets(&site)?)?;
    timings.lap("write index, assets");
    let files = staging.commit()?;
    let translated = site
        .languages()
        .iter()
        .map(|lang| {
            (
                lang.clone(),
                site.reading_order
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
        entries: site.reading_order.len(),
        warnings,
        timings,
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
                links::ASSETS_DIR,
                relative.to_string_lossy().replace('\\', "/")
            ),
            bytes,
        ));
    }
    Ok(files)
}
