//! The handbook kept in memory between rebuilds, and the rebuild that does the least work a
//! change allows: one page edited in place is re-rendered alone (in every language that shows
//! it); anything that other pages show (title, weight, roles, headings) rebuilds the site.

use super::watch::Change;
use crate::content::front_matter::FrontMatter;
use crate::content::{self, PageVersion, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::headings;
use crate::output::OutputFile;
use crate::render::pages::print_path;
use crate::render::roles::role_pack_path;
use crate::render::{Renderer, SearchDoc};
use crate::site::{Entry, Site};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The model, compiled templates and search documents of the last good build.
pub struct LiveSite {
    root: PathBuf,
    include_drafts: bool,
    site: Site,
    renderer: Renderer,
    search_docs: Vec<SearchDoc>,
    /// Languages whose print view (every page in one) is older than its pages.
    stale_print: BTreeSet<String>,
    /// Roles whose printable packs (which hold the pages naming the role) are older than their
    /// pages, in the languages of `stale_print`.
    stale_packs: BTreeSet<String>,
    /// The search index no longer matches `search_docs`.
    stale_search: bool,
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

/// One page file whose new text changes nothing other pages show.
struct Edit {
    page: usize,
    lang: String,
    version: PageVersion,
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
            search_docs: built.search_docs,
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

    /// Brings the search index up to date (run while the author pauses, so it never delays the
    /// page they are looking at).
    pub fn do_idle_work(&mut self) -> Vec<OutputFile> {
        if !self.stale_search {
            return Vec::new();
        }
        self.stale_search = false;
        crate::search_index(&self.site, &self.search_docs)
    }

    /// Pages left stale by incremental rebuilds: the print views and role packs, which hold many
    /// pages and so cost as much as the rest of the site; they are rendered again when asked for.
    pub fn stale_pages(&self) -> Vec<String> {
        let mut paths = Vec::new();
        for lang in &self.stale_print {
            paths.push(print_path(lang));
            paths.extend(
                self.stale_packs
                    .iter()
                    .map(|role| role_pack_path(role, lang)),
            );
        }
        paths
    }

    /// Renders the stale pages again.
    pub fn render_stale_pages(&mut self) -> Result<Vec<OutputFile>, Diagnostics> {
        let languages: Vec<&str> = self.stale_print.iter().map(String::as_str).collect();
        let roles: Vec<&str> = self.stale_packs.iter().map(String::as_str).collect();
        let files = self
            .renderer
            .render_collections(&self.site, &languages, &roles)?
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
        self.search_docs = built.search_docs;
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
        for edit in edits {
            let languages = self.languages_showing(edit.page, &edit.lang);
            if let Some(version) = self.site.pages[edit.page].versions.get_mut(&edit.lang) {
                previous.push((
                    edit.page,
                    edit.lang,
                    std::mem::replace(version, edit.version),
                ));
                shown.push((Entry::Page(edit.page), languages));
            }
        }
        let mut files = Vec::new();
        let mut docs = Vec::new();
        let mut problems = Diagnostics::default();
        for (entry, languages) in &shown {
            let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
            match self.renderer.render_entry(&self.site, *entry, &languages) {
                Ok(rendered) => {
                    files.extend(rendered.files);
                    docs.push((*entry, rendered.search_docs));
                }
                Err(found) => problems.extend(found),
            }
        }
        if problems.has_errors() {
            for (page, lang, version) in previous {
                self.site.pages[page].versions.insert(lang, version);
            }
            return Err(problems);
        }
        for ((entry, languages), (_, new_docs)) in shown.iter().zip(docs) {
            let urls: Vec<String> = languages
                .iter()
                .map(|lang| self.site.url(*entry, lang))
                .collect();
            replace_docs(&mut self.search_docs, &urls, new_docs);
            self.stale_print.extend(languages.iter().cloned());
            if let Entry::Page(page) = entry {
                for version in self.site.pages[*page].versions.values() {
                    let roles = version.front_matter.roles.iter();
                    self.stale_packs
                        .extend(roles.map(|role| role.get_ref().clone()));
                }
            }
        }
        self.stale_search = true;
        Ok(Rebuilt::Pages(files))
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
        if !others_see_the_same(&old.front_matter, &file.version.front_matter) {
            return Ok(Reading::Structural);
        }
        // Links from other pages are checked against these anchors.
        let anchors: Vec<String> = self
            .site
            .anchors
            .get(&(Entry::Page(page), file.lang.clone()))
            .map(|found| found.iter().map(|heading| heading.id.clone()).collect())
            .unwrap_or_default();
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

/// Whether other pages would render the same with the new front matter: the sidebar, chapter
/// lists and previous/next show titles in weight order, role pages list pages by role, drafts
/// come and go, and layouts are checked before rendering.
fn others_see_the_same(old: &FrontMatter, new: &FrontMatter) -> bool {
    let roles = |front_matter: &FrontMatter| -> Vec<String> {
        front_matter
            .roles
            .iter()
            .map(|role| role.get_ref().clone())
            .collect()
    };
    let layout =
        |front_matter: &FrontMatter| front_matter.layout.as_ref().map(|l| l.get_ref().clone());
    old.title == new.title
        && old.weight == new.weight
        && old.draft == new.draft
        && roles(old) == roles(new)
        && layout(old) == layout(new)
}

/// Puts a page's new search documents where its old ones were (keeping the index's order).
fn replace_docs(docs: &mut Vec<SearchDoc>, urls: &[String], new_docs: Vec<SearchDoc>) {
    let of_page = |doc: &SearchDoc| {
        urls.iter().any(|url| {
            doc.url == *url
                || doc
                    .url
                    .strip_prefix(url.as_str())
                    .is_some_and(|rest| rest.starts_with('#'))
        })
    };
    let at = docs.iter().position(of_page).unwrap_or(docs.len());
    docs.retain(|doc| !of_page(doc));
    let at = at.min(docs.len());
    docs.splice(at..at, new_docs);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary copy of the serve fixture, built once.
    fn live_fixture() -> (tempfile::TempDir, LiveSite) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
        let folder = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = folder
                .path()
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let (live, _) = LiveSite::build(folder.path(), false).unwrap();
        (folder, live)
    }

    fn edit(live: &mut LiveSite, folder: &Path, page: &str, from: &str, to: &str) -> Rebuilt {
        let path = folder.join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        live.rebuild(&Change::Pages(BTreeSet::from([path])))
            .unwrap()
    }

    fn paths(rebuilt: &Rebuilt) -> Vec<&str> {
        match rebuilt {
            Rebuilt::Pages(files) => files.iter().map(|file| file.path.as_str()).collect(),
            Rebuilt::Everything { .. } => vec!["everything"],
            Rebuilt::Nothing => Vec::new(),
        }
    }

    #[test]
    fn a_body_edit_re_renders_only_that_page_and_leaves_print_and_search_for_later() {
        let (folder, mut live) = live_fixture();
        let rebuilt = edit(
            &mut live,
            folder.path(),
            "content/guide/first.md",
            "เดิม",
            "ใหม่",
        );
        assert_eq!(paths(&rebuilt), ["th/guide/first.html"]);
        assert!(live.has_idle_work());
        assert_eq!(
            live.stale_pages(),
            ["th/print.html", "th/roles/case-manager-print.html"]
        );
        let collections = live.render_stale_pages().unwrap();
        assert_eq!(collections.len(), 2);
        for file in &collections {
            assert!(String::from_utf8_lossy(&file.bytes).contains("ใหม่ของหน้าแรก"));
        }
        assert!(live.stale_pages().is_empty());
    }

    #[test]
    fn an_untranslated_page_is_re_rendered_in_each_language_showing_it() {
        let (folder, mut live) = live_fixture();
        let rebuilt = edit(
            &mut live,
            folder.path(),
            "content/guide/second.md",
            "เดิม",
            "ใหม่",
        );
        let mut pages = paths(&rebuilt);
        pages.sort();
        assert_eq!(pages, ["en/guide/second.html", "th/guide/second.html"]);
    }

    #[test]
    fn what_other_pages_show_rebuilds_everything() {
        let (folder, mut live) = live_fixture();
        let first = "content/guide/first.md";
        for (from, to) in [
            ("หน้าแรกของบท", "ชื่อใหม่"),         // title: sidebar, previous/next
            ("weight = 1", "weight = 5"),     // order
            ("จำเป็น", "จำเป็น\n\n## หัวข้อใหม่"), // a new anchor other pages may link to
        ] {
            let rebuilt = edit(&mut live, folder.path(), first, from, to);
            assert_eq!(paths(&rebuilt), ["everything"], "{to}");
        }
    }

    #[test]
    fn saving_without_a_change_does_nothing() {
        let (folder, mut live) = live_fixture();
        let rebuilt = edit(&mut live, folder.path(), "content/guide/first.md", "", "");
        assert!(matches!(rebuilt, Rebuilt::Nothing));
    }

    #[test]
    fn a_failed_edit_leaves_the_model_as_it_was() {
        let (folder, mut live) = live_fixture();
        let path = folder.path().join("content/guide/first.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("เดิม", "[x](@/nowhere.md)")).unwrap();
        let change = Change::Pages(BTreeSet::from([path.clone()]));
        assert!(live.rebuild(&change).is_err());
        let entry = live.site.entry("guide/first.md").unwrap();
        let Entry::Page(index) = entry else { panic!() };
        assert_eq!(live.site.pages[index].versions["th"].source, text);
    }
}
