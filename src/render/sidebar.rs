//! The sidebar, written once per branch instead of once per page: every page whose deepest open
//! node is the same shows the same list, so the list is a classic script beside the pages
//! (`urls::sidebar_script`) that the page's `<nav id="sidebar">` loads; the script inserts it
//! where it stands and marks the current page. Also the search box's words, once per language.

use super::views::{Link, NavItem, SidebarView, View};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::site::{Entry, Node, Site};
use crate::urls;
use serde::Serialize;

/// The node whose sidebar a page shows: the page itself when it has children (its list is
/// open), its parent otherwise; the home page for pages outside the chapter tree (roles, forms,
/// search), whose sidebar opens no chapter.
pub fn branch(site: &Site, entry: Option<Entry>) -> Entry {
    let home = site.tree().entry;
    let Some(entry) = entry else {
        return home;
    };
    if site
        .node(entry)
        .is_some_and(|node| !node.children.is_empty())
    {
        return entry;
    }
    site.parent(entry).unwrap_or(home)
}

/// Every branch of the chapter tree: the home page and every node with children.
pub fn branches(site: &Site) -> Vec<Entry> {
    let mut found = vec![site.tree().entry];
    for child in &site.tree().children {
        collect_branches(child, &mut found);
    }
    found
}

/// Branches whose list shows an entry's title: its parent's (it is listed among its siblings),
/// its own and every branch below it (it is listed as an open ancestor); every branch for a
/// top-level chapter, which every list shows.
pub fn branches_listing(site: &Site, entry: Entry) -> Vec<Entry> {
    let home = site.tree().entry;
    if entry == home || site.parent(entry) == Some(home) {
        return branches(site);
    }
    let mut found: Vec<Entry> = site.parent(entry).into_iter().collect();
    if let Some(node) = site.node(entry) {
        collect_branches(node, &mut found);
    }
    found
}

/// A node and the nodes below it that have children.
fn collect_branches(node: &Node, found: &mut Vec<Entry>) {
    if !node.children.is_empty() {
        found.push(node.entry);
        for child in &node.children {
            collect_branches(child, found);
        }
    }
}

pub fn sidebar_view(
    site: &Site,
    entry: Option<Entry>,
    lang: &str,
    href: &dyn Fn(&str) -> String,
) -> SidebarView {
    let branch = branch(site, entry);
    let url = site.url(branch, lang);
    // The home page's list is the sidebar's home link, there with or without script.
    let elsewhere = entry != Some(branch) && branch != site.tree().entry;
    SidebarView {
        script: href(&urls::sidebar_script(&url)),
        contents: elsewhere.then(|| Link {
            title: site.title(branch, lang).to_string(),
            href: href(&url),
        }),
    }
}

/// The list of a branch: the top-level chapters, and under each open node (the branch and its
/// ancestors) its children; links from the site root (the script puts the page's `data-root`
/// before them), none marked current (the script marks the page that loads it).
fn branch_items(site: &Site, branch: Entry, lang: &str) -> Vec<NavItem> {
    let mut open = site.ancestors(branch);
    open.push(branch);
    site.tree()
        .children
        .iter()
        .map(|node| item(site, node, lang, &open))
        .collect()
}

fn item(site: &Site, node: &Node, lang: &str, open: &[Entry]) -> NavItem {
    let is_open = open.contains(&node.entry);
    NavItem {
        title: site.title(node.entry, lang).to_string(),
        href: site.url(node.entry, lang),
        current: false,
        open: is_open,
        has_children: !node.children.is_empty(),
        children: if is_open {
            node.children
                .iter()
                .map(|child| item(site, child, lang, open))
                .collect()
        } else {
            Vec::new()
        },
    }
}

#[derive(Serialize)]
struct ListView<'a> {
    lang: &'a str,
    nav: Vec<NavItem>,
}

impl View for ListView<'_> {}

#[derive(Serialize)]
struct ScriptView<'a> {
    lang: &'a str,
    /// The list's HTML, rendered by the theme's `sidebar.html`.
    list: String,
}

impl View for ScriptView<'_> {}

/// The script of one branch in one language: the theme's `sidebar.html` renders the list, its
/// `sidebar.js` the script that inserts it.
pub fn sidebar_script(
    renderer: &Renderer,
    site: &Site,
    branch: Entry,
    lang: &str,
) -> Result<OutputFile, Diagnostic> {
    let list = renderer.template(
        "sidebar.html",
        &ListView {
            lang,
            nav: branch_items(site, branch, lang),
        },
    )?;
    let script = renderer.template("sidebar.js", &ScriptView { lang, list })?;
    let path = urls::sidebar_script(&site.url(branch, lang));
    Ok(OutputFile::new(path, script.into_bytes()))
}

#[derive(Serialize)]
struct StringsView<'a> {
    lang: &'a str,
    strings: &'a std::collections::BTreeMap<String, String>,
}

impl View for StringsView<'_> {}

/// The search box's words in one language (`search-strings.js`), which every page loaded as
/// twenty attributes of its header before.
pub fn search_strings(renderer: &Renderer, lang: &str) -> Result<OutputFile, Diagnostic> {
    let script = renderer.template(
        "search-strings.js",
        &StringsView {
            lang,
            strings: renderer.template_strings(lang),
        },
    )?;
    Ok(OutputFile::new(
        urls::search_strings(lang),
        script.into_bytes(),
    ))
}
