//! The handbook kept in memory between rebuilds, and the rebuild that does the least work a
//! change allows: a page edited in place is re-rendered alone (in every language that shows it);
//! a new title also re-renders the pages that show it (the page listing it, its neighbours, the
//! pages below it, role guides) and the sidebar scripts that list it;
//! anything else other pages see (weight, roles, headings, new or removed pages) rebuilds the site.

use super::stored_docs::{chunks_holding, first_documents, replace_docs};
use super::watch::Change;
use crate::content::front_matter::FrontMatter;
use crate::content::{self, PageVersion, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::headings;
use crate::output::OutputFile;
use crate::render::pages::Selection;
use crate::render::print_view::print_paths;
use crate::render::{Renderer, SearchDoc};
use crate::site::{Entry, Node, Site};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The model, compiled templates and search documents of the last good build.
pub struct LiveSite {
    root: PathBuf,
    include_drafts: bool,
    site: Site,
    renderer: Renderer,
    /// Shared with the thread that indexes them, so that taking them costs no copy.
    search_docs: Vec<Arc<SearchDoc>>,
    /// Languages whose print view (every page in one) is older than its pages.
    stale_print: BTreeSet<String>,
    /// Roles whose printable packs (which hold the pages naming the role) are older than their
    /// pages, in the languages of `stale_print`.
    stale_packs: BTreeSet<String>,
    /// The search index no longer matches `search_docs`.
    stale_search: bool,
}

/// The search index of a snapshot of the documents.
pub struct SearchJob {
    docs: Vec<Arc<SearchDoc>>,
    languages: Vec<String>,
    words: crate::search::OwnWords,
}

impl SearchJob {
    /// Builds the index on one thread of its own. The indexer is parallel; in the shared thread
    /// pool its many small tasks would run before the next page's render, which then waits
    /// seconds instead of milliseconds.
    pub fn run(&self) -> Vec<OutputFile> {
        let build = || crate::search::build_index(&self.docs, &self.languages, &self.words);
        match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
            Ok(pool) => pool.install(build),
            Err(_) => build(),
        }
    }
}

/// What a rebuild produced.
pub enum Rebuilt {
    /// Every file of the site (the warnings of a full build come along).
    Everything {
        files: Vec<OutputFile>,
        warnings: Diagnostics,
    },
    /// These files were re-rendered; every other file is as it was.
    Pages(Vec<OutputFile>),
    /// The files were saved without a change to what they say.
    Nothing,
}

/// One page file whose new text leaves the site's structure as it was.
struct Edit {
    page: usize,
    lang: String,
    version: PageVersion,
    /// Its title changed, which other pages show.
    retitled: bool,
}

/// What re-reading one saved page file found.
enum Reading {
    InPlace(Box<Edit>),
    Unchanged,
    /// Added, removed, or changed in a way other pages see.
    Structural,
}

impl LiveSite {
    /// The first build.
    pub fn build(root: &Path, include_drafts: bool) -> Result<(LiveSite, Rebuilt), Diagnostics> {
        let site = crate::load(root, include_drafts)?;
        let renderer = Renderer::new(&site)?;
        let built = crate::render_loaded(site, &renderer)?;
        let live = LiveSite {
            root: root.to_path_buf(),
            include_drafts,
            site: built.site,
            renderer,
            search_docs: shared(built.search_docs),
            stale_print: BTreeSet::new(),
            stale_packs: BTreeSet::new(),
            stale_search: false,
        };
        let rebuilt = Rebuilt::Everything {
            files: built.files,
            warnings: built.warnings,
        };
        Ok((live, rebuilt))
    }

    /// Rebuilds what `change` affects. On failure the model is left as it was: the caller keeps
    /// the change and retries it, merged with the next one.
    pub fn rebuild(&mut self, change: &Change) -> Result<Rebuilt, Diagnostics> {
        match change {
            Change::Everything => self.rebuild_all(true),
            Change::Content => self.rebuild_all(false),
            Change::Pages(paths) => self.rebuild_pages(paths),
        }
    }

    /// Whether the search index lags behind an incremental rebuild.
    pub fn has_idle_work(&self) -> bool {
        self.stale_search
    }

    /// What rebuilding the search index needs, taken out of the model: on a big handbook the
    /// index takes seconds, so it is built on a thread of its own while the author goes on.
    /// The documents are shared, not copied: an edit saved now is not kept waiting.
    pub fn take_search_job(&mut self) -> Option<SearchJob> {
        if !self.stale_search {
            return None;
        }
        self.stale_search = false;
        Some(SearchJob {
            docs: self.search_docs.clone(),
            languages: self.site.languages().to_vec(),
            words: crate::search::doc::search_words(&self.site),
        })
    }

    /// Pages left stale by incremental rebuilds: the print views and role packs, which hold many
    /// pages and so cost as much as the rest of the site; they are rendered again when asked for.
    pub fn stale_pages(&self) -> Vec<String> {
        let mut paths = Vec::new();
        for lang in &self.stale_print {
            paths.extend(print_paths(&self.site, lang));
            paths.extend(
                self.stale_packs
                    .iter()
                    .flat_map(|role| crate::urls::role_pack_documents(lang, role)),
            );
        }
        paths
    }

    /// Renders the stale pages again.
    pub fn render_stale_pages(&mut self) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut selection = Selection::default();
        if !self.stale_print.is_empty() {
            selection.print_documents = first_documents(&self.search_docs);
        }
        for lang in &self.stale_print {
            selection.print.push(lang.clone());
            for role in &self.stale_packs {
                selection.role_packs.push((role.clone(), lang.clone()));
            }
        }
        let files = self
            .renderer
            .render_selection(&self.site, &selection)?
            .files;
        self.stale_print.clear();
        self.stale_packs.clear();
        Ok(files)
    }

    fn rebuild_all(&mut self, new_renderer: bool) -> Result<Rebuilt, Diagnostics> {
        let site = crate::load(&self.root, self.include_drafts)?;
        let built = if new_renderer {
            // Templates, strings or abbreviations may have changed: compile them again, and keep
            // the new renderer only once it has rendered a good site.
            let renderer = Renderer::new(&site)?;
            let built = crate::render_loaded(site, &renderer)?;
            self.renderer = renderer;
            built
        } else {
            crate::render_loaded(site, &self.renderer)?
        };
        self.site = built.site;
        self.search_docs = shared(built.search_docs);
        self.stale_print.clear();
        self.stale_packs.clear();
        self.stale_search = false;
        Ok(Rebuilt::Everything {
            files: built.files,
            warnings: built.warnings,
        })
    }

    fn rebuild_pages(&mut self, paths: &BTreeSet<PathBuf>) -> Result<Rebuilt, Diagnostics> {
        let mut edits = Vec::new();
        let mut problems = Diagnostics::default();
        for path in paths {
            match self.read(path) {
                Ok(Reading::InPlace(edit)) => edits.push(*edit),
                Ok(Reading::Unchanged) => {}
                Ok(Reading::Structural) => return self.rebuild_all(false),
                Err(problem) => problems.push(problem),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        if edits.is_empty() {
            return Ok(Rebuilt::Nothing);
        }
        // Rendering reads the model, so the new versions go in first and come out again if
        // rendering fails.
        let mut previous = Vec::new();
        let mut shown = Vec::new();
        let order = self.site.reading_order().to_vec();
        for edit in edits {
            let languages = self.languages_showing(edit.page, &edit.lang);
            if let Some(old) = self
                .site
                .replace_version(edit.page, &edit.lang, edit.version)
            {
                previous.push((edit.page, edit.lang, old));
                shown.push((edit.page, edit.retitled, languages));
            }
        }
        // Titles also sort pages of equal weight: a new order changes many pages.
        if self.site.reading_order() != order {
            self.restore(previous);
            return self.rebuild_all(false);
        }
        let mut selection = Selection::default();
        for (page, retitled, languages) in &shown {
            for lang in languages {
                for entry in self.showing_title(*page, *retitled) {
                    selection.entries.push((entry, lang.clone()));
                }
                for branch in self.sidebars_showing(*page, *retitled) {
                    selection.sidebars.push((branch, lang.clone()));
                }
                if *retitled {
                    for role in self.roles_of(*page) {
                        selection.role_guides.push((role, lang.clone()));
                    }
                }
            }
        }
        selection.entries.sort();
        selection.entries.dedup();
        selection.sidebars.sort();
        selection.sidebars.dedup();
        selection.role_guides.sort();
        selection.role_guides.dedup();
        let rendered = match self.renderer.render_selection(&self.site, &selection) {
            Ok(rendered) => rendered,
            Err(problems) => {
                self.restore(previous);
                return Err(problems);
            }
        };
        let urls: Vec<String> = rendered
            .files
            .iter()
            .map(|file| file.path.clone())
            .collect();
        let (placed, moved_from) =
            replace_docs(&mut self.search_docs, &urls, shared(rendered.search_docs));
        let mut files = rendered.files;
        // The pages' stored text is their print documents' text, and a print document rendered
        // from now on numbers its entries' documents as `search_docs` does: the chunks holding
        // the pages' documents are written now, and, when other documents moved, every chunk
        // after them too, so that a print document opened before the index is rebuilt shows
        // each entry's own text.
        let rewritten = match moved_from {
            None => placed,
            Some(from) => (from..self.search_docs.len()).collect(),
        };
        files.extend(chunks_holding(&self.search_docs, &rewritten));
        for (page, _, languages) in &shown {
            self.stale_print.extend(languages.iter().cloned());
            let roles = self.roles_of(*page);
            self.stale_packs.extend(roles);
        }
        self.stale_search = true;
        Ok(Rebuilt::Pages(files))
    }

    /// Puts the versions an edit replaced back.
    fn restore(&mut self, previous: Vec<(usize, String, PageVersion)>) {
        for (page, lang, version) in previous.into_iter().rev() {
            self.site.replace_version(page, &lang, version);
        }
    }

    /// The entries whose pages show a page's title: itself and, when the title changed, the
    /// page that lists it among its siblings (its parent), its neighbours (previous/next) and,
    /// for a chapter, every page below it (breadcrumbs). Sidebars list titles too, but they are
    /// the branch scripts of `sidebars_showing`, not pages.
    fn showing_title(&self, page: usize, retitled: bool) -> Vec<Entry> {
        let entry = Entry::Page(page);
        if !retitled {
            return vec![entry];
        }
        let mut entries = Vec::new();
        entries.extend(self.site.parent(entry));
        match self.site.node(entry) {
            Some(node) => collect_entries(node, &mut entries),
            None => entries.push(entry),
        }
        let order = &self.site.reading_order();
        if let Some(position) = self.site.position(entry) {
            entries.extend(position.checked_sub(1).map(|before| order[before]));
            entries.extend(order.get(position + 1).copied());
        }
        entries
    }

    /// The sidebar scripts that list a page whose title changed (see `render::sidebar`).
    fn sidebars_showing(&self, page: usize, retitled: bool) -> Vec<Entry> {
        if !retitled {
            return Vec::new();
        }
        crate::render::sidebar::branches_listing(&self.site, Entry::Page(page))
    }

    /// Role ids named by any version of a page (its role guides and packs list it).
    fn roles_of(&self, page: usize) -> BTreeSet<String> {
        self.site.pages[page]
            .versions
            .values()
            .flat_map(|version| version.front_matter.roles.iter())
            .map(|role| role.get_ref().clone())
            .collect()
    }

    /// Re-reads one saved page file and tells whether it can be re-rendered alone.
    fn read(&self, path: &Path) -> Result<Reading, Diagnostic> {
        let content_dir = self.site.config.root.join(CONTENT_DIR);
        let Ok(relative) = path.strip_prefix(&content_dir) else {
            return Ok(Reading::Structural);
        };
        if !path.is_file() {
            return Ok(Reading::Structural); // removed (or renamed away)
        }
        let relative = relative.to_string_lossy().replace('\\', "/");
        let file = content::read_page(&self.site.config, path, &relative)?;
        let Some(Entry::Page(page)) = self.site.entry(&file.id) else {
            return Ok(Reading::Structural);
        };
        let Some(old) = self.site.pages[page].versions.get(&file.lang) else {
            return Ok(Reading::Structural); // a new translation
        };
        if old.source == file.version.source {
            return Ok(Reading::Unchanged);
        }
        if !same_structure(&old.front_matter, &file.version.front_matter) {
            return Ok(Reading::Structural);
        }
        let retitled = old.front_matter.title != file.version.front_matter.title;
        let entry = Entry::Page(page);
        if retitled && entry == self.site.tree().entry {
            // The home page's title is in every page's sidebar and breadcrumbs.
            return Ok(Reading::Structural);
        }
        // Links from other pages are checked against these anchors.
        let anchors: Vec<String> = self.site.anchor_ids(Entry::Page(page), &file.lang);
        let new_anchors: Vec<String> = headings(file.version.body())
            .into_iter()
            .map(|heading| heading.id)
            .collect();
        if anchors != new_anchors {
            return Ok(Reading::Structural);
        }
        Ok(Reading::InPlace(Box::new(Edit {
            page,
            lang: file.lang,
            version: file.version,
            retitled,
        })))
    }

    /// The languages whose page shows this version: its own, and for the default language
    /// every language the page is not translated into (they fall back to it).
    fn languages_showing(&self, page: usize, lang: &str) -> Vec<String> {
        let mut languages = vec![lang.to_string()];
        if lang == self.site.default_language() {
            let versions = &self.site.pages[page].versions;
            languages.extend(
                self.site
                    .languages()
                    .iter()
                    .filter(|other| *other != lang && !versions.contains_key(*other))
                    .cloned(),
            );
        }
        languages
    }
}

/// Whether the site keeps its structure with the new front matter: weights order the chapter
/// tree, role pages list pages by role, drafts come and go, and layouts are checked before
/// rendering. (Titles are handled apart: they change only the pages that show them.)
fn same_structure(old: &FrontMatter, new: &FrontMatter) -> bool {
    let roles = |front_matter: &FrontMatter| -> Vec<String> {
        front_matter
            .roles
            .iter()
            .map(|role| role.get_ref().clone())
            .collect()
    };
    let layout =
        |front_matter: &FrontMatter| front_matter.layout.as_ref().map(|l| l.get_ref().clone());
    old.weight == new.weight
        && old.draft == new.draft
        && roles(old) == roles(new)
        && layout(old) == layout(new)
}

fn collect_entries(node: &Node, entries: &mut Vec<Entry>) {
    entries.push(node.entry);
    for child in &node.children {
        collect_entries(child, entries);
    }
}

/// Documents to share between the model and the thread that indexes them.
fn shared(docs: Vec<SearchDoc>) -> Vec<Arc<SearchDoc>> {
    docs.into_iter().map(Arc::new).collect()
}

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
