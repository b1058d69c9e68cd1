//! The site's URL scheme: where every output file is written, relative to the site root, and
//! the relative href from one page to another. Render, links, serve, pack and the PDF edition
//! ask here, so a path is spelt in one place.

use crate::content::{file_name, parent_dir};

/// Content pages and procedures: `a/b.md` -> `a/b.html`; `a/_index.md` -> `a/index.html`;
/// `a/p.toml` -> `a/p.html` (under the language's folder, see `Site::url`).
pub fn output_name(source_id: &str) -> String {
    let mut name = String::with_capacity(source_id.len() + ".html".len());
    push_output_name(&mut name, source_id);
    name
}

/// `output_name` appended to `out`: a page's URL is built in one allocation (`Site::url` is
/// asked tens of times a page, and `format!` through `join` was 1% of a build).
pub fn push_output_name(out: &mut String, source_id: &str) {
    let dir = parent_dir(source_id);
    let name = file_name(source_id);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem == "_index" { "index" } else { stem };
    if !dir.is_empty() {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(stem);
    out.push_str(".html");
}

/// The href from the page at `from` (a path relative to the site root) to `to` (same).
pub fn relative_href(from: &str, to: &str) -> String {
    let depth = from.bytes().filter(|byte| *byte == b'/').count();
    let mut href = String::with_capacity(depth * "../".len() + to.len());
    for _ in 0..depth {
        href.push_str("../");
    }
    href.push_str(to);
    href
}

/// The language chooser at the site's root.
pub const CHOOSER: &str = "index.html";

pub fn home(lang: &str) -> String {
    format!("{lang}/index.html")
}

pub fn search(lang: &str) -> String {
    format!("{lang}/search.html")
}

/// The sidebar of the pages under a branch (see `render::sidebar`), beside the branch's page:
/// `th/a/index.html` -> `th/a/index.sidebar.js`. Pages are `.html` files, so no page has its name.
pub fn sidebar_script(branch_url: &str) -> String {
    let stem = branch_url.strip_suffix(".html").unwrap_or(branch_url);
    format!("{stem}.sidebar.js")
}

/// The search box's words in one language, loaded by every page of that language.
pub fn search_strings(lang: &str) -> String {
    format!("{lang}/search-strings.js")
}

/// The whole handbook as one printable page.
pub fn print(lang: &str) -> String {
    format!("{lang}/print.html")
}

pub fn roles_index(lang: &str) -> String {
    format!("{lang}/roles/index.html")
}

/// A role's page: who it is and its step-by-step guide.
pub fn role(lang: &str, role_id: &str) -> String {
    format!("{lang}/roles/{role_id}.html")
}

/// A role's printable pack: its pocket guide.
pub fn role_pack(lang: &str, role_id: &str) -> String {
    format!("{lang}/roles/{role_id}-print.html")
}

/// The pocket guide's companion with the blank forms the role uses.
pub fn role_pack_forms(lang: &str, role_id: &str) -> String {
    format!("{lang}/roles/{role_id}-forms-print.html")
}

/// The pocket guide's companion with the pages that name the role.
pub fn role_pack_pages(lang: &str, role_id: &str) -> String {
    format!("{lang}/roles/{role_id}-pages-print.html")
}

/// Every document of a role's pack (a role without forms or pages has no such companion).
pub fn role_pack_documents(lang: &str, role_id: &str) -> Vec<String> {
    vec![
        role_pack(lang, role_id),
        role_pack_forms(lang, role_id),
        role_pack_pages(lang, role_id),
    ]
}

/// The words printed in the page margins (a stylesheet per language).
pub fn print_pages_css(lang: &str) -> String {
    format!("{lang}/print-pages.css")
}

pub fn forms_index(lang: &str) -> String {
    format!("{lang}/forms/index.html")
}

/// An annex form's page.
pub fn form(lang: &str, form_id: &str) -> String {
    format!("{lang}/forms/{form_id}.html")
}

/// Every blank form on one page, for trainers.
pub fn forms_print_all(lang: &str) -> String {
    format!("{lang}/forms/print-all.html")
}

/// The printed forms' page headers and footers (a stylesheet per language).
pub fn forms_paper_css(lang: &str) -> String {
    format!("{lang}/forms/{FORMS_PAPER_CSS}")
}

/// The name of that stylesheet, as the form pages beside it link it.
pub const FORMS_PAPER_CSS: &str = "paper.css";

/// "What changed in this edition" (written when handbook.toml names the previous edition).
pub fn changes(lang: &str) -> String {
    format!("{lang}/changes.html")
}

/// The record of the edition, at the site's root (see src/edition/).
pub const EDITION_RECORD: &str = "edition.json";

/// The `data-print-page` of a chapter's print document (`print-return.html` -> `print-return`):
/// the name its page margins are styled by.
pub fn print_page_name(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".html").unwrap_or(name).to_string()
}

/// Images and other files copied from `content/`.
pub const ASSETS_DIR: &str = "assets";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_climb_out_of_the_page_s_folder() {
        assert_eq!(
            relative_href("th/index.html", "th/forms/a.html"),
            "../th/forms/a.html"
        );
        assert_eq!(relative_href(CHOOSER, &form("en", "a")), "en/forms/a.html");
    }

    #[test]
    fn a_chapter_document_is_named_by_its_file() {
        assert_eq!(print_page_name("th/print-return.html"), "print-return");
    }
}
