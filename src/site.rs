//! The assembled handbook: pages and procedures in a chapter tree, with the output path of everything
//! in every language. Built once after loading; read by validation, rendering and search.

use crate::config::Config;
use crate::content::Anchors;
use crate::content::{file_name, parent_dir, Page};
use crate::directory::Directory;
use crate::form::Form;
use crate::glossary::Glossary;
use crate::procedure::Procedure;
use crate::slug::sort_key;
use crate::thai_compounds::COMPOUNDS;
pub use crate::urls::{output_name, relative_href};
use std::collections::BTreeMap;

/// Something that appears in the chapter tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    Page(usize),
    Procedure(usize),
}

/// A node of the chapter tree: a page or procedure, and, for a chapter, what it contains.
#[derive(Debug, Clone)]
pub struct Node {
    pub entry: Entry,
    pub children: Vec<Node>,
}

pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub procedures: Vec<Procedure>,
    pub forms: Vec<Form>,
    pub glossary: Glossary,
    pub directory: Directory,
    /// The home page (`content/_index.md`) with everything under it.
    tree: Node,
    /// Entries in reading order (depth first), for previous/next links and the print view.
    reading_order: Vec<Entry>,
    /// Source id (`return/definition.md`, `return/process.toml`) to entry.
    by_id: BTreeMap<String, Entry>,
    /// The steps' ids of each procedure, which links check anchors against (a page's heading
    /// ids are its versions', found as they were read).
    procedure_anchors: Vec<Anchors>,
    /// What an entry without headings answers.
    no_anchors: Anchors,
    /// Parent of each entry in the tree, for breadcrumbs.
    parents: BTreeMap<Entry, Entry>,
    /// Index of each entry in `reading_order`: every page asks for its neighbours, and a scan
    /// per page made that quadratic in the size of the handbook.
    positions: BTreeMap<Entry, usize>,
    /// This edition's record, what changed since the previous one, stale translations.
    pub edition: crate::edition::Edition,
}

pub const HOME_ID: &str = "_index.md";

impl Site {
    pub fn new(
        config: Config,
        pages: Vec<Page>,
        procedures: Vec<Procedure>,
        forms: Vec<Form>,
        glossary: Glossary,
        directory: Directory,
    ) -> Site {
        let mut by_id = BTreeMap::new();
        for (index, page) in pages.iter().enumerate() {
            by_id.insert(page.id.clone(), Entry::Page(index));
        }
        for (index, procedure) in procedures.iter().enumerate() {
            by_id.insert(procedure.id.clone(), Entry::Procedure(index));
        }
        let mut site = Site {
            config,
            pages,
            procedures,
            forms,
            glossary,
            directory,
            tree: Node {
                entry: Entry::Page(0),
                children: Vec::new(),
            },
            reading_order: Vec::new(),
            by_id,
            procedure_anchors: Vec::new(),
            no_anchors: Anchors::default(),
            parents: BTreeMap::new(),
            positions: BTreeMap::new(),
            edition: Default::default(),
        };
        site.arrange();
        site.procedure_anchors = site
            .procedures
            .iter()
            .map(|procedure| {
                let ids: Vec<String> = procedure.steps.iter().map(|step| step.anchor()).collect();
                Anchors::of(ids.iter().map(String::as_str))
            })
            .collect();
        site
    }

    /// The home page (`content/_index.md`) with everything under it.
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// Entries in reading order (depth first), for previous/next links and the print view.
    pub fn reading_order(&self) -> &[Entry] {
        &self.reading_order
    }

    /// The pages, in reading order, whose front matter names `role` (in `lang`'s version, or the
    /// default language's where the page is not translated): "the pages written for this role".
    pub fn pages_naming_role(&self, role: &str, lang: &str, default_lang: &str) -> Vec<Entry> {
        self.reading_order()
            .iter()
            .copied()
            .filter(|entry| match *entry {
                Entry::Page(index) => {
                    let page = &self.pages[index];
                    page.versions
                        .get(lang)
                        .or_else(|| page.versions.get(default_lang))
                        .is_some_and(|version| {
                            version
                                .front_matter
                                .roles
                                .iter()
                                .any(|r| *r.get_ref() == role)
                        })
                }
                Entry::Procedure(_) => false,
            })
            .collect()
    }

    /// The heading ids of an entry as shown in `lang` (the default language's where a
    /// translation is missing), which links to it are checked against.
    pub fn anchors(&self, entry: Entry, lang: &str) -> &Anchors {
        match entry {
            Entry::Page(index) => self
                .pages
                .get(index)
                .and_then(|page| {
                    page.versions
                        .get(lang)
                        .or_else(|| page.versions.get(self.default_language()))
                })
                .map_or(&self.no_anchors, |version| {
                    // A build finds a page's ids when a link first asks for one (see
                    // `Anchors::Unread`); a page that cannot be read again has none.
                    version.anchors.found(|| match version.text() {
                        Ok(text) => {
                            let body = text.get(version.body_start..).unwrap_or("");
                            Anchors::of_body(body).hashed()
                        }
                        Err(_) => Anchors::default(),
                    })
                }),
            Entry::Procedure(index) => self
                .procedure_anchors
                .get(index)
                .unwrap_or(&self.no_anchors),
        }
    }

    /// The heading ids of an entry as shown in `lang`, for messages: read from the page again
    /// when a build holds them only as hashes (none when it cannot be read).
    pub fn anchor_ids(&self, entry: Entry, lang: &str) -> Vec<String> {
        let anchors = self.anchors(entry, lang);
        if let Some(ids) = anchors.ids() {
            return ids.map(str::to_string).collect();
        }
        let Entry::Page(index) = entry else {
            return Vec::new();
        };
        let Some(version) = self.pages.get(index).and_then(|page| {
            page.versions
                .get(lang)
                .or_else(|| page.versions.get(self.default_language()))
        }) else {
            return Vec::new();
        };
        let Ok(text) = version.text() else {
            return Vec::new();
        };
        let body = text.get(version.body_start..).unwrap_or("");
        crate::markdown::headings(body)
            .into_iter()
            .map(|heading| heading.id)
            .collect()
    }

    /// Puts a new version of a page in place of the one in `lang` (`serve`, after an edit) and
    /// returns the old one; the tree is arranged again when the title changed (titles sort).
    pub fn replace_version(
        &mut self,
        page: usize,
        lang: &str,
        version: crate::content::PageVersion,
    ) -> Option<crate::content::PageVersion> {
        let slot = self.pages.get_mut(page)?.versions.get_mut(lang)?;
        let retitled = slot.front_matter.title != version.front_matter.title;
        let old = std::mem::replace(slot, version);
        if retitled {
            self.arrange();
        }
        Some(old)
    }

    /// Builds the chapter tree, reading order and parents from the entries' places, weights and
    /// titles (again, when `serve` has changed a title, which also sorts).
    fn arrange(&mut self) {
        self.tree = self.build_tree();
        let mut order = Vec::new();
        collect_order(&self.tree, &mut order);
        self.positions = order
            .iter()
            .enumerate()
            .map(|(index, entry)| (*entry, index))
            .collect();
        self.reading_order = order;
        let mut parents = BTreeMap::new();
        collect_parents(&self.tree, &mut parents);
        self.parents = parents;
    }

    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.by_id.get(id).copied()
    }

    pub fn languages(&self) -> &[String] {
        &self.config.languages
    }

    pub fn default_language(&self) -> &str {
        self.config.default_language()
    }

    pub fn source_id(&self, entry: Entry) -> &str {
        // `Entry::Page(0)` stands for a home page that could not be read (`build_tree`): a
        // handbook whose every page has errors has none.
        match entry {
            Entry::Page(i) => self.pages.get(i).map_or("", |page| page.id.as_str()),
            Entry::Procedure(i) => self.procedures.get(i).map_or("", |p| p.id.as_str()),
        }
    }

    /// Output path relative to the site root, e.g. `th/return/definition.html`.
    pub fn url(&self, entry: Entry, lang: &str) -> String {
        let id = self.source_id(entry);
        let mut url = String::with_capacity(lang.len() + 1 + id.len() + ".html".len());
        url.push_str(lang);
        url.push('/');
        crate::urls::push_output_name(&mut url, id);
        url
    }

    pub fn title(&self, entry: Entry, lang: &str) -> &str {
        match entry {
            Entry::Page(i) => {
                let page = &self.pages[i];
                page.versions
                    .get(lang)
                    .or_else(|| page.versions.get(self.default_language()))
                    .map_or("", |version| version.front_matter.title.as_str())
            }
            Entry::Procedure(i) => self.procedures[i].title.get(lang, self.default_language()),
        }
    }

    /// Whether the entry was written in `lang` (not shown from the default language).
    pub fn is_translated(&self, entry: Entry, lang: &str) -> bool {
        match entry {
            Entry::Page(i) => self.pages[i].versions.contains_key(lang),
            Entry::Procedure(i) => self.procedures[i].title.has(lang),
        }
    }

    fn weight(&self, entry: Entry) -> i64 {
        match entry {
            Entry::Page(i) => self.pages[i]
                .versions
                .get(self.default_language())
                .map_or(0, |version| version.front_matter.weight),
            Entry::Procedure(i) => self.procedures[i].weight,
        }
    }

    pub fn parent(&self, entry: Entry) -> Option<Entry> {
        self.parents.get(&entry).copied()
    }

    /// From the home page down to the entry's parent.
    pub fn ancestors(&self, entry: Entry) -> Vec<Entry> {
        let mut chain = Vec::new();
        let mut current = entry;
        while let Some(parent) = self.parent(current) {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// The handbook's own vocabulary: glossary terms and abbreviations, role and organisation
    /// names, in every language. Search indexes them whole, and diagrams never break a line inside one.
    pub fn own_words(&self) -> Vec<String> {
        let mut words = self.glossary.vocabulary();
        for role in &self.config.roles {
            words.extend(role.name.texts().into_iter().map(str::to_string));
        }
        for organisation in &self.directory.organisations {
            words.extend(organisation.name.texts().into_iter().map(str::to_string));
        }
        words.sort();
        words.dedup();
        words
    }

    /// The words kept whole where the handbook is shown (pages, print, diagrams, PDF): its own
    /// words, the words its glossary's synonyms stand for (สถานกงสุลใหญ่), which it writes as they
    /// are, and the Thai compounds line breaking by dictionary would split (เจ้า|หน้าที่).
    pub fn kept_words(&self) -> Vec<String> {
        let mut words = self.own_words();
        words.extend(self.glossary.synonyms.iter().map(|s| s.means.clone()));
        words.extend(COMPOUNDS.iter().map(|word| word.to_string()));
        words.sort();
        words.dedup();
        words
    }

    /// Where an entry is in reading order.
    pub fn position(&self, entry: Entry) -> Option<usize> {
        self.positions.get(&entry).copied()
    }

    /// The tree node of an entry, found by walking down its ancestors (not by searching the
    /// whole tree, which every page did: quadratic in the size of the handbook).
    pub fn node(&self, entry: Entry) -> Option<&Node> {
        if entry == self.tree.entry {
            return Some(&self.tree);
        }
        let mut node = &self.tree;
        for step in self.ancestors(entry).iter().skip(1).chain([&entry]) {
            node = node.children.iter().find(|child| child.entry == *step)?;
        }
        Some(node)
    }

    /// Chapters are folders; a folder's `_index.md` is its page and holds what the folder contains.
    /// Children sort by weight, then by title in the default language (Thai-aware), then by id.
    fn build_tree(&self) -> Node {
        let mut children_of: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for (id, entry) in &self.by_id {
            if id == HOME_ID {
                continue;
            }
            let owner = if file_name(id) == "_index.md" {
                parent_dir(parent_dir(id))
            } else {
                parent_dir(id)
            };
            let owner_id = if owner.is_empty() {
                HOME_ID.to_string()
            } else {
                format!("{owner}/_index.md")
            };
            let owner_id = if self.by_id.contains_key(&owner_id) {
                owner_id
            } else {
                nearest_index(&self.by_id, owner)
            };
            children_of.entry(owner_id).or_default().push(*entry);
        }
        let home = self.entry(HOME_ID).unwrap_or(Entry::Page(0));
        self.node_with_children(home, &children_of)
    }

    fn node_with_children(&self, entry: Entry, children_of: &BTreeMap<String, Vec<Entry>>) -> Node {
        let mut children: Vec<Entry> = children_of
            .get(self.source_id(entry))
            .cloned()
            .unwrap_or_default();
        let lang = self.default_language();
        children.sort_by_cached_key(|child| {
            (
                self.weight(*child),
                sort_key(self.title(*child, lang)),
                self.source_id(*child).to_string(),
            )
        });
        Node {
            entry,
            children: children
                .into_iter()
                .map(|child| self.node_with_children(child, children_of))
                .collect(),
        }
    }
}

/// For a folder without its own `_index.md`, the closest enclosing chapter that has one.
fn nearest_index(by_id: &BTreeMap<String, Entry>, mut dir: &str) -> String {
    loop {
        dir = parent_dir(dir);
        let candidate = if dir.is_empty() {
            HOME_ID.to_string()
        } else {
            format!("{dir}/_index.md")
        };
        if dir.is_empty() || by_id.contains_key(&candidate) {
            return candidate;
        }
    }
}

fn collect_order(node: &Node, order: &mut Vec<Entry>) {
    order.push(node.entry);
    for child in &node.children {
        collect_order(child, order);
    }
}

fn collect_parents(node: &Node, parents: &mut BTreeMap<Entry, Entry>) {
    for child in &node.children {
        parents.insert(child.entry, node.entry);
        collect_parents(child, parents);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(output_name("a/b.md"), "a/b.html");
        assert_eq!(output_name("a/_index.md"), "a/index.html");
        assert_eq!(output_name("_index.md"), "index.html");
        assert_eq!(output_name("return/process.toml"), "return/process.html");
    }

    #[test]
    fn relative_hrefs_climb_to_the_root() {
        assert_eq!(relative_href("th/a/b.html", "th/c.html"), "../../th/c.html");
        assert_eq!(
            relative_href("index.html", "th/index.html"),
            "th/index.html"
        );
    }
}
