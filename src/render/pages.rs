//! The page jobs of a build: which pages exist, rendering them in parallel, the search page and the language chooser.
//! Each kind of page has its own file: content_page.rs, procedure_page.rs, form_pages.rs, roles.rs, print_view.rs.

use super::batches::{Collector, Done, RenderedBatch};
use super::content_page::page;
use super::form_pages::{form_page, forms_index, forms_print};
use super::page_parts::{generated_page_common, role_link, JobOutput};
use super::procedure_page::procedure;
use super::roles;
use super::sidebar;
use super::views::*;
use super::{RenderedSite, Renderer};
use crate::config::Role;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{Entry, Site};
use crate::urls;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One unit of rendering work; jobs run in parallel and each yields files and search documents.
/// The print view is not a job: it is assembled afterwards from the bodies the page jobs rendered
/// for it, so the whole handbook is not rendered a second time by one thread.
enum Job<'a> {
    Entry(Entry, &'a str),
    Roles(&'a str),
    Role(&'a Role, &'a str),
    RolePack(&'a Role, &'a str),
    Forms(&'a str),
    Form(usize, &'a str),
    FormsPrint(&'a str),
    Search(&'a str),
    Changes(&'a str),
    Chooser,
    /// The sidebar script of a branch (see sidebar.rs).
    Sidebar(Entry, &'a str),
    SearchStrings(&'a str),
}

pub use super::batches::BatchSink;

/// Jobs rendered between two writes: enough to keep both cores busy, few enough that a batch's
/// pages (about 50 KB each with their print body and search documents) stay small.
const JOBS_PER_BATCH: usize = 512;

/// Renders every page of the site into `sink`, with the documents for the search index.
pub fn render_all(
    renderer: &Renderer,
    site: &Site,
    sink: &mut BatchSink,
) -> Result<(), Diagnostics> {
    let mut jobs = vec![Job::Chooser];
    for lang in site.languages() {
        jobs.extend(
            site.reading_order()
                .iter()
                .map(|entry| Job::Entry(*entry, lang)),
        );
        jobs.push(Job::Roles(lang));
        jobs.extend(site.config.roles.iter().map(|role| Job::Role(role, lang)));
        jobs.extend(
            site.config
                .roles
                .iter()
                .map(|role| Job::RolePack(role, lang)),
        );
        jobs.push(Job::Forms(lang));
        jobs.extend((0..site.forms.len()).map(|index| Job::Form(index, lang)));
        jobs.push(Job::FormsPrint(lang));
        jobs.push(Job::Search(lang));
        jobs.push(Job::Changes(lang));
        jobs.extend(
            sidebar::branches(site)
                .into_iter()
                .map(|branch| Job::Sidebar(branch, lang)),
        );
        jobs.push(Job::SearchStrings(lang));
    }
    let languages: Vec<&str> = site.languages().iter().map(String::as_str).collect();
    run_jobs(renderer, site, &jobs, &languages, &BTreeMap::new(), sink)?;
    let files: Vec<OutputFile> = renderer
        .theme
        .static_files()
        .map(|(name, bytes)| OutputFile::new(format!("static/{name}"), bytes.to_vec()))
        .collect();
    sink(files, Vec::new())
}

/// Some pages of the site, which `serve` renders again after an edit.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Pages and procedures, each in a language.
    pub entries: Vec<(Entry, String)>,
    /// Role guides (`roles/<id>.html`), by role id and language.
    pub role_guides: Vec<(String, String)>,
    /// Printable role packs (which hold the pages naming the role), by role id and language.
    pub role_packs: Vec<(String, String)>,
    /// Languages whose print view (every page in one) is rendered.
    pub print: Vec<String>,
    /// Where each page's documents start in its language's search index (by language, then
    /// page address), when the index was built from other documents than these jobs make
    /// (`serve`'s): the print view's entries point there. Empty: numbered as rendered.
    pub print_documents: BTreeMap<String, BTreeMap<String, usize>>,
    /// Sidebar scripts, by branch and language.
    pub sidebars: Vec<(Entry, String)>,
}

/// Renders the selected pages.
pub fn render_selection(
    renderer: &Renderer,
    site: &Site,
    selection: &Selection,
) -> Result<RenderedSite, Diagnostics> {
    let role = |id: &str| site.config.roles.iter().find(|role| role.id == id);
    let mut jobs: Vec<Job> = selection
        .entries
        .iter()
        .map(|(entry, lang)| Job::Entry(*entry, lang))
        .collect();
    for (id, lang) in &selection.role_guides {
        jobs.extend(role(id).map(|role| Job::Role(role, lang)));
    }
    for (id, lang) in &selection.role_packs {
        jobs.extend(role(id).map(|role| Job::RolePack(role, lang)));
    }
    for (branch, lang) in &selection.sidebars {
        jobs.push(Job::Sidebar(*branch, lang));
    }
    // The print view is assembled from every page's print body: render the language's pages,
    // but return only what was asked for.
    let mut bodies_only = std::collections::HashSet::new();
    for lang in &selection.print {
        for entry in site.reading_order() {
            if !selection
                .entries
                .iter()
                .any(|(e, l)| e == entry && l == lang)
            {
                jobs.push(Job::Entry(*entry, lang));
                bodies_only.insert(site.url(*entry, lang));
            }
        }
    }
    let print: Vec<&str> = selection.print.iter().map(String::as_str).collect();
    let mut rendered = RenderedSite::default();
    let numbers = &selection.print_documents;
    run_jobs(
        renderer,
        site,
        &jobs,
        &print,
        numbers,
        &mut |files, docs| {
            rendered.files.extend(files);
            rendered.search_docs.extend(docs);
            Ok(())
        },
    )?;
    rendered
        .files
        .retain(|file| !bodies_only.contains(&file.path));
    let page_of = |url: &str| url.split('#').next().unwrap_or("").to_string();
    rendered
        .search_docs
        .retain(|doc| !bodies_only.contains(&page_of(&doc.url)));
    Ok(rendered)
}

/// Runs jobs in parallel, a batch at a time, putting each batch's files and search documents
/// into `sink` and keeping every problem found; then assembles the print view of each of
/// `print_languages` from the page bodies rendered for it. After a problem nothing more goes to
/// the sink, but every job still runs, so that a build reports all its problems at once.
///
/// A thread of its own takes each rendered batch (print documents, then the sink: a build's
/// search index and writes) while the next one renders, so that the cores do not wait for that
/// work. The channel between them holds no batch: a rendered batch waits until the one before is
/// taken, so no more than two batches are held at once (one more than without the thread).
fn run_jobs(
    renderer: &Renderer,
    site: &Site,
    jobs: &[Job],
    print_languages: &[&str],
    print_documents: &BTreeMap<String, BTreeMap<String, usize>>,
    sink: &mut BatchSink,
) -> Result<(), Diagnostics> {
    let mut job_of: BTreeMap<(Entry, &str), usize> = BTreeMap::new();
    for (at, job) in jobs.iter().enumerate() {
        if let Job::Entry(entry, lang) = job {
            job_of.insert((*entry, *lang), at);
        }
    }
    let mut collector = Collector::new(renderer, site, print_languages, job_of, sink);
    collector.number_documents_by(print_documents);
    std::thread::scope(|scope| {
        let (batches, rendered) = std::sync::mpsc::sync_channel::<RenderedBatch>(0);
        let collecting = scope.spawn(move || {
            for batch in rendered {
                collector.take(batch);
            }
            collector.finish()
        });
        let mut done = 0;
        for batch in jobs.chunks(JOBS_PER_BATCH) {
            done += batch.len();
            let rendered = render_batch(renderer, site, batch, print_languages, done);
            // The collector stops taking batches only by panicking, which `join` passes on.
            if batches.send(rendered).is_err() {
                break;
            }
        }
        drop(batches);
        collecting
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Renders one batch of jobs in parallel; `done` counts the jobs rendered with this batch.
fn render_batch<'a>(
    renderer: &Renderer,
    site: &Site,
    batch: &[Job<'a>],
    print_languages: &[&str],
    done: usize,
) -> RenderedBatch<'a> {
    let results: Vec<Done> = batch
        .par_iter()
        .map(|job| {
            let mut diagnostics = Diagnostics::default();
            // Where a page's print body is in its documents, for a print view being assembled.
            let wants_print = matches!(job, Job::Entry(_, lang) if print_languages.contains(lang));
            let mut print_docs = None;
            let print_slot = wants_print.then_some(&mut print_docs);
            let output = run(renderer, site, job, &mut diagnostics, print_slot);
            (output, diagnostics, print_docs)
        })
        .collect();
    let pages = batch
        .iter()
        .map(|job| match job {
            Job::Entry(entry, lang) => Some((*entry, *lang)),
            _ => None,
        })
        .collect();
    RenderedBatch {
        pages,
        results,
        done,
    }
}

fn run(
    renderer: &Renderer,
    site: &Site,
    job: &Job,
    diagnostics: &mut Diagnostics,
    print_docs: Option<&mut Option<usize>>,
) -> Result<JobOutput, Diagnostic> {
    match *job {
        Job::Entry(Entry::Page(index), lang) => {
            page(renderer, site, index, lang, diagnostics, print_docs)
        }
        Job::Entry(Entry::Procedure(index), lang) => {
            procedure(renderer, site, index, lang, diagnostics)
        }
        Job::Roles(lang) => roles::roles_index(renderer, site, lang),
        Job::Role(role, lang) => roles::role_page(renderer, site, role, lang, diagnostics),
        Job::RolePack(role, lang) => super::role_pack::role_pack(renderer, site, role, lang),
        Job::Forms(lang) => forms_index(renderer, site, lang),
        Job::Form(index, lang) => form_page(renderer, site, index, lang, diagnostics),
        Job::FormsPrint(lang) => forms_print(renderer, site, lang),
        Job::Search(lang) => search_page(renderer, site, lang),
        Job::Changes(lang) => super::changes_page::changes_page(renderer, site, lang),
        Job::Chooser => chooser(renderer, site),
        Job::Sidebar(branch, lang) => {
            sidebar::sidebar_script(renderer, site, branch, lang).map(|file| (vec![file], vec![]))
        }
        Job::SearchStrings(lang) => {
            sidebar::search_strings(renderer, lang).map(|file| (vec![file], vec![]))
        }
    }
}

fn search_page(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let output_path = urls::search(lang);
    #[derive(serde::Serialize)]
    struct SearchView<'a> {
        #[serde(flatten)]
        common: Common<'a>,
        roles: Vec<RoleLink>,
    }
    super::views::view_with_common!(SearchView);
    let roles = site
        .config
        .roles
        .iter()
        .map(|role| role_link(site, &role.id, lang, &output_path))
        .collect();
    let html = renderer.template(
        "search.html",
        &SearchView {
            common: generated_page_common(renderer, site, lang, &output_path, "search", "search"),
            roles,
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

fn chooser(renderer: &Renderer, site: &Site) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let home = site.tree().entry;
    let view = ChooserView {
        site_title: site
            .config
            .title
            .get(default_lang, default_lang)
            .to_string(),
        description: site
            .config
            .description
            .as_ref()
            .map(|d| d.get(default_lang, default_lang).to_string())
            .unwrap_or_default(),
        default_href: site.url(home, default_lang),
        languages: site
            .languages()
            .iter()
            .map(|code| LanguageLink {
                code: code.clone(),
                name: renderer.language_name(code),
                href: site.url(home, code),
                current: code == default_lang,
                translated: true,
            })
            .collect(),
    };
    let html = renderer.template("index.html", &view)?;
    Ok((
        vec![OutputFile::new("index.html".to_string(), html.into_bytes())],
        Vec::new(),
    ))
}
