//! The words in the margins of every printed page of a language (`<lang>/print-pages.css`): the
//! handbook's title and the document's title at the top, the edition and "page x of y" at the foot.
//! Generated because page margin boxes can only show text written into the stylesheet, and the
//! pages' CSP forbids inline styles.

use super::form_paper::css_string;
use super::print_view::chapter_print_paths;
use super::Renderer;
use crate::site::Site;

/// The margin boxes' font (the page's own font does not reach them).
const FONT: &str = "font-family: \"Sarabun\", sans-serif; font-size: 8.5pt; line-height: 1.7;";

/// The `data-print-page` of a role's pocket guide.
pub fn pocket_page_name(role_id: &str) -> String {
    format!("pocket-{role_id}")
}

/// "Page x of y" as CSS content, from the language's `print_page_of` ("Page {page} of {pages}").
fn page_of(renderer: &Renderer, lang: &str) -> String {
    let template = renderer.string(lang, "print_page_of");
    let mut content = Vec::new();
    let mut rest = template.as_str();
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            content.push(css_string(&rest[..start]));
        }
        match &rest[start + 1..start + end] {
            "page" => content.push("counter(page)".to_string()),
            "pages" => content.push("counter(pages)".to_string()),
            other => content.push(css_string(&format!("{{{other}}}"))),
        }
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        content.push(css_string(rest));
    }
    content.join(" ")
}

/// Where a named page shows its document's title: at the top right of A4 pages; at the foot of
/// narrow A5 pages, between the edition and the page number, so that neither title wraps.
#[derive(Clone, Copy)]
enum TitleAt {
    TopRight,
    BottomCentre,
}

/// One named page for the documents whose `<main>` has `data-print-page="{name}"`, showing
/// `title`; `size` adds its page size and margins.
fn named_page(css: &mut String, number: usize, name: &str, title: &str, size: &str, at: TitleAt) {
    let title_box = match at {
        TitleAt::TopRight => format!(
            "@top-right {{ content: {}; {FONT} vertical-align: bottom; text-align: right; padding-bottom: 3mm; font-weight: 700; }}",
            css_string(title)
        ),
        TitleAt::BottomCentre => format!(
            "@bottom-center {{ content: {}; {FONT} vertical-align: top; text-align: center; padding-top: 4mm; font-weight: 700; }}",
            css_string(title)
        ),
    };
    css.push_str(&format!(
        "main[data-print-page={name}] {{ page: doc-{number}; }}\n\
         @page doc-{number} {{ {size}{title_box} }}\n",
        name = css_string(name),
    ));
}

/// The stylesheet: every printed page gets the handbook's title, the edition and its number; each
/// chapter document and pocket guide gets its own title too.
pub fn print_pages_css(renderer: &Renderer, site: &Site, lang: &str) -> String {
    let default_lang = site.default_language();
    let title = site.config.title.get(lang, default_lang);
    let edition = site
        .config
        .version
        .as_ref()
        .map(|version| format!("{} {version}", renderer.string(lang, "edition")))
        .unwrap_or_default();
    let mut css = format!(
        "/* Generated: the words in the margins of printed pages (src/render/print_pages.rs). */\n\
         @page {{\n\
         \x20 @top-left {{ content: {title}; {FONT} vertical-align: bottom; padding-bottom: 3mm; }}\n\
         \x20 @bottom-left {{ content: {edition}; {FONT} vertical-align: top; padding-top: 4mm; }}\n\
         \x20 @bottom-right {{ content: {page_of}; {FONT} vertical-align: top; text-align: right; padding-top: 4mm; }}\n\
         }}\n",
        title = css_string(title),
        edition = css_string(&edition),
        page_of = page_of(renderer, lang),
    );
    let mut number = 0;
    for (entry, path) in chapter_print_paths(site, lang) {
        number += 1;
        let name = crate::urls::print_page_name(&path);
        named_page(
            &mut css,
            number,
            &name,
            site.title(entry, lang),
            "",
            TitleAt::TopRight,
        );
    }
    for role in &site.config.roles {
        number += 1;
        let name = role.name.get(lang, default_lang);
        named_page(
            &mut css,
            number,
            &pocket_page_name(&role.id),
            name,
            "size: A5; margin: 12mm 10mm 16mm; ",
            TitleAt::BottomCentre,
        );
    }
    css
}
