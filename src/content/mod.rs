//! Finds the handbook's pages and procedures under `content/` and pairs the language versions of each page.

pub mod anchors;
pub mod body;
pub mod front_matter;
pub mod versions;

use crate::config::{is_language_code, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use anchors::Anchors;
pub use body::Bodies;
use front_matter::FrontMatter;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
pub use versions::Versions;

pub const CONTENT_DIR: &str = "content";

/// One language version of a page: its file, text and front matter, and what the whole site
/// needs of its body (headings, the edition's sections), found as the file is read.
#[derive(Debug)]
pub struct PageVersion {
    /// Path shown in messages, relative to the handbook root.
    pub path: PathBuf,
    /// The file's text; only its front matter (up to `body_start`) when the body is read again
    /// at render time (`on_disk`).
    pub source: String,
    pub front_matter: FrontMatter,
    pub body_start: usize,
    /// The ids of the body's headings, for links to check their anchors against.
    pub anchors: Anchors,
    /// The body's sections and their fingerprints, for the edition record, which takes them;
    /// or where they are in the build's section spill (`Content::section_spill`).
    pub sections: crate::sections::PageSections,
    /// Where the body is read again, when it is not held in `source`.
    pub on_disk: Option<body::OnDisk>,
}

impl PageVersion {
    /// The body, when it is held: empty for a page loaded with `Bodies::Reread`, whose body
    /// [`PageVersion::text`] reads.
    pub fn body(&self) -> &str {
        self.source.get(self.body_start..).unwrap_or("")
    }

    /// The file's whole text (`body_start` is where its body starts): held, or read again and
    /// checked unchanged since it was loaded.
    pub fn text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        match &self.on_disk {
            Some(on_disk) => on_disk.read(&self.path),
            None => Ok(std::borrow::Cow::Borrowed(&self.source)),
        }
    }
}

/// A page is the set of its language versions.
#[derive(Debug)]
pub struct Page {
    /// Source path under `content/` without a language suffix, e.g. `return/definition.md`.
    pub id: String,
    /// A page has one or two versions: a short list, not a map (see [`Versions`]).
    pub versions: Versions,
}

impl Page {
    /// The folder the page sits in (`""` at the top), which is its chapter.
    pub fn dir(&self) -> &str {
        parent_dir(&self.id)
    }

    pub fn is_chapter_index(&self) -> bool {
        file_name(&self.id) == "_index.md"
    }
}

/// A TOML file under `content/`: a procedure, parsed by the procedure module.
#[derive(Debug)]
pub struct ProcedureFile {
    /// e.g. `return/process.toml`
    pub id: String,
    pub path: PathBuf,
    pub source: String,
}

#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub procedure_files: Vec<ProcedureFile>,
    /// Ids of pages that could not be read (their errors are reported): references to them
    /// are not reported again.
    pub unreadable: std::collections::BTreeSet<String>,
    /// Where the pages' sections went, when loading did not hold them (see [`load`]).
    pub section_spill: Option<crate::sections::SectionSpill>,
}

/// A page's file read and its front matter parsed, with the problems it was read despite.
type ParsedPage = Result<(PageVersion, Vec<Diagnostic>), Diagnostic>;

/// Reads and splits every `.md` file among `entries` that `load` will take as a page, in parallel,
/// in the order `load` asks for them.
fn read_pages(
    config: &Config,
    content_dir: &Path,
    entries: &[walkdir::Result<walkdir::DirEntry>],
    bodies: Bodies,
    spill: Option<&crate::sections::SectionSpill>,
) -> Vec<ParsedPage> {
    use rayon::prelude::*;
    let pages: Vec<&Path> = entries
        .iter()
        .filter_map(|entry| entry.as_ref().ok())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.path())
        .filter(|path| {
            path.strip_prefix(content_dir).is_ok_and(|relative| {
                let relative = relative.to_string_lossy().replace('\\', "/");
                relative.ends_with(".md") && page_id_and_language(&relative, config).is_ok()
            })
        })
        .collect();
    let root: std::sync::Arc<Path> = std::sync::Arc::from(config.root.as_path());
    pages
        .par_iter()
        .map(|path| read_version(config, path, bodies, &root, spill))
        .collect()
}

/// Walks `content/` in a fixed order and reads every page and procedure. Pages with problems
/// that still let them be read are kept, beside the problems, so that the build goes on to
/// find every other problem in the same run. With `Bodies::Reread`, each page's body leaves
/// memory as soon as its headings and sections are found; and when handbook.toml names no
/// previous edition to compare with (so that the sections are read only to write
/// `edition.json`), the sections go to a temporary file (`Content::section_spill`).
pub fn load(
    config: &Config,
    include_drafts: bool,
    bodies: Bodies,
) -> Result<(Content, Diagnostics), Diagnostics> {
    let content_dir = config.root.join(CONTENT_DIR);
    let mut diagnostics = Diagnostics::default();
    let mut content = Content::default();
    if !content_dir.is_dir() {
        return Err(
            Diagnostic::error(CONTENT_DIR, "the handbook has no content/ folder")
                .with_hint("create content/_index.md with a title in its front matter")
                .into(),
        );
    }
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    // Pages whose file exists but could not be read; a translation of one is not an orphan.
    let mut unreadable: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let walker = walkdir::WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter();
    let entries: Vec<_> = walker
        .filter_entry(|entry| !is_hidden(entry.file_name()))
        .collect();
    // Reading and parsing front matter is most of loading: do it on every core, then take the
    // results in walk order below, so that everything else (and every message) stays as it was.
    let no_previous = config.edition.previous.is_none();
    content.section_spill = (bodies == Bodies::Reread && no_previous)
        .then(crate::sections::SectionSpill::new)
        .and_then(Result::ok);
    let spill = content.section_spill.as_ref();
    let mut parsed = read_pages(config, &content_dir, &entries, bodies, spill).into_iter();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content_dir.clone());
                diagnostics.push(Diagnostic::error(
                    shown_path(config, &path),
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let full_path = entry.path();
        let relative = match full_path.strip_prefix(&content_dir) {
            Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
            Err(_) => continue,
        };
        if relative.ends_with(".toml") {
            let shown = shown_path(config, full_path);
            match crate::fs::read_to_string(full_path, &shown) {
                Ok(source) => content.procedure_files.push(ProcedureFile {
                    id: relative,
                    path: shown,
                    source,
                }),
                Err(error) => diagnostics.push(error),
            }
            continue;
        }
        if !relative.ends_with(".md") {
            continue; // images and other assets are copied by the output stage
        }
        let (id, lang) = match page_id_and_language(&relative, config) {
            Ok(found) => found,
            Err(message) => {
                let shown = shown_path(config, full_path);
                diagnostics.push(Diagnostic::error(&shown, message.0).with_hint(message.1));
                continue;
            }
        };
        let Some(version) = (match parsed.next() {
            Some(Ok((parsed, problems))) => {
                problems
                    .into_iter()
                    .for_each(|problem| diagnostics.push(problem));
                Some(parsed)
            }
            Some(Err(error)) => {
                diagnostics.push(error);
                None
            }
            None => None,
        }) else {
            unreadable.insert(id);
            continue;
        };
        if version.front_matter.draft && !include_drafts {
            continue;
        }
        let page = pages.entry(id.clone()).or_insert_with(|| Page {
            id: id.clone(),
            versions: Versions::default(),
        });
        if let Some(existing) = page.versions.get(&lang) {
            diagnostics.push(
                Diagnostic::error(
                    &version.path,
                    format!(
                        "this page and {} both give the {lang} version of {id}",
                        existing.path.display()
                    ),
                )
                .with_hint("keep one of the two files"),
            );
            continue;
        }
        page.versions.insert(lang, version);
    }

    // A page needs its default-language version: the rest of the build relies on it.
    let (pages, orphans): (Vec<Page>, Vec<Page>) = pages
        .into_values()
        .partition(|page| page.versions.contains_key(config.default_language()));
    for page in &orphans {
        if !unreadable.contains(&page.id) {
            unreadable.insert(page.id.clone());
            if let Some(version) = page.versions.values().next() {
                diagnostics.push(
                    Diagnostic::error(
                        &version.path,
                        format!(
                            "translation without a {} original",
                            config.default_language()
                        ),
                    )
                    .with_hint(format!(
                        "add content/{} in the default language ({})",
                        page.id,
                        config.default_language()
                    )),
                );
            }
        }
    }
    content.pages = pages;
    content.unreadable = unreadable;
    Ok((content, diagnostics))
}

/// One Markdown file read and split: which page it is a version of, and in which language.
pub struct PageFile {
    pub id: String,
    pub lang: String,
    pub version: PageVersion,
}

/// Reads the page file at `full_path` (`relative` to `content/`, with `/`). `serve` calls this
/// alone to re-read the one file an author saved.
pub fn read_page(
    config: &Config,
    full_path: &Path,
    relative: &str,
) -> Result<PageFile, Diagnostic> {
    let (id, lang) = page_id_and_language(relative, config).map_err(|message| {
        Diagnostic::error(shown_path(config, full_path), message.0).with_hint(message.1)
    })?;
    let root = std::sync::Arc::from(config.root.as_path());
    let (version, problems) = read_version(config, full_path, Bodies::Held, &root, None)?;
    // `serve` rebuilds everything when a saved page has a problem, and reports them all there.
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem);
    }
    Ok(PageFile { id, lang, version })
}

/// Reads one language version of a page, splits its front matter from its body and finds what
/// the site needs of the body; keeps the body, or only where to read it again (under `root`);
/// the sections go to `spill` when there is one.
fn read_version(
    config: &Config,
    full_path: &Path,
    bodies: Bodies,
    root: &std::sync::Arc<Path>,
    spill: Option<&crate::sections::SectionSpill>,
) -> ParsedPage {
    let shown = shown_path(config, full_path);
    match bodies {
        Bodies::Held => {
            let source = crate::fs::read_to_string(full_path, &shown)?;
            split_version(shown, source, None, spill)
        }
        // The file is read into this thread's buffer and only its front matter copied out: a
        // new string per file, cut short once read, left the heap a hole per page that the
        // next, larger file did not fit.
        Bodies::Reread => body::with_buffer(full_path, &shown, |source| {
            let on_disk = body::OnDisk::of(root, source);
            split_version(shown.clone(), source, Some(on_disk), spill)
        })?,
    }
}

/// A page's text split and what the site needs of its body found; `on_disk` when the body is
/// not kept (`source` then keeps only the front matter); the sections go to `spill` if any.
fn split_version(
    shown: PathBuf,
    source: impl AsRef<str> + Into<String>,
    on_disk: Option<body::OnDisk>,
    spill: Option<&crate::sections::SectionSpill>,
) -> ParsedPage {
    let text = source.as_ref();
    let split = front_matter::split(&shown, text)?;
    let (front_matter, body_start, problems) =
        (split.front_matter, split.body_start, split.problems);
    let body = text.get(body_start..).unwrap_or("");
    let anchors = match on_disk {
        // A build finds the ids only when a link asks for one, reading the page again (and
        // again to name them in a broken link's message).
        Some(_) => Anchors::unread(),
        None => Anchors::of_body(body),
    };
    let sections = crate::sections::sections(body);
    let sections = match spill {
        Some(spill) => spill.put(sections),
        None => crate::sections::PageSections::Held(sections),
    };
    let source = match on_disk {
        Some(_) => text.get(..body_start).unwrap_or("").to_string(),
        None => source.into(),
    };
    let version = PageVersion {
        path: shown,
        source,
        front_matter,
        body_start,
        anchors,
        sections,
        on_disk,
    };
    Ok((version, problems))
}

/// A message and a hint, for file names that do not follow the language-suffix rule.
pub struct NameProblem(String, String);

/// `a/b.en.md` -> (`a/b.md`, `en`); `a/b.md` -> (`a/b.md`, default language).
fn page_id_and_language(relative: &str, config: &Config) -> Result<(String, String), NameProblem> {
    let without_md = &relative[..relative.len() - ".md".len()];
    let dir = parent_dir(without_md);
    let stem = file_name(without_md);
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if is_language_code(suffix) {
            if !config.languages.iter().any(|lang| lang == suffix) {
                return Err(NameProblem(
                    format!("unknown language suffix \".{suffix}\""),
                    format!("the languages in handbook.toml are {}; add \"{suffix}\" there or rename the file", config.languages.join(", ")),
                ));
            }
            let id = join(dir, &format!("{base}.md"));
            return Ok((id, suffix.to_string()));
        }
    }
    Ok((relative.to_string(), config.default_language().to_string()))
}

pub fn parent_dir(id: &str) -> &str {
    id.rsplit_once('/').map_or("", |(dir, _)| dir)
}

pub fn file_name(id: &str) -> &str {
    id.rsplit_once('/').map_or(id, |(_, name)| name)
}

pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// Paths in messages are relative to the handbook root, as the user sees them in their editor.
pub fn shown_path(config: &Config, path: &Path) -> PathBuf {
    path.strip_prefix(&config.root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
