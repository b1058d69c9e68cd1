//! Print: the whole-handbook print view printed to PDF by Chromium is A4 and runs to many pages;
//! one chapter prints alone from its link on the chapter page.

use crate::sites::{bundled_site, fixture_site};
use crate::support::{browser, pdf_info};
use std::path::Path;

fn assert_prints_on_a4(site: &Path, lang: &str, more_pages_than: usize) {
    let Some(browser) = browser() else { return };
    let page = browser.open(&site.join(lang).join("print.html"));
    page.assert_clean();
    let pdf = page.print_to_pdf();
    let Some(info) = pdf_info(&pdf) else { return };
    assert!(
        info.is_a4(),
        "{lang}/print.html is not printed on A4: {info:?}"
    );
    assert!(
        info.pages > more_pages_than,
        "{lang}/print.html printed on only {} pages, expected more than {more_pages_than}",
        info.pages
    );
}

#[test]
fn the_fixture_print_view_prints_on_a4_with_a_cover_contents_and_chapters() {
    // Cover, contents, home page, one chapter with its pages and procedure.
    for lang in ["th", "en"] {
        assert_prints_on_a4(&fixture_site("browser-site"), lang, 3);
    }
}

#[test]
fn the_bundled_print_view_prints_the_whole_handbook_on_a4() {
    for lang in ["th", "en"] {
        assert_prints_on_a4(&bundled_site(), lang, 40);
    }
}

#[test]
fn a_chapter_prints_alone_from_the_document_its_page_links_to() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for lang in ["th", "en"] {
        let whole = browser.open(&site.join(lang).join("print.html"));
        let whole_sections = whole.eval_string(
            "String(document.querySelectorAll('section.print-entry:not([hidden])').length)",
        );
        let whole_pages = pdf_info(&whole.print_to_pdf()).map(|info| info.pages);

        let chapter = browser.open(&site.join(lang).join("return/index.html"));
        let title = chapter.eval_string("document.querySelector('main h1').textContent.trim()");
        let href = chapter.follow(".chapter-contents a[href$='print-return.html']");
        assert!(href.ends_with("print-return.html"), "{href}");
        chapter.wait_until_loaded();
        // Only the chapter's own section and the ones under it show, and the contents follow.
        let shown: Vec<String> = serde_json::from_value(chapter.eval(
            "Array.from(document.querySelectorAll('section.print-entry:not([hidden]) > h2')).map(h => h.textContent.trim())",
        ))
        .unwrap_or_default();
        assert_eq!(shown.first(), Some(&title), "{lang}: {shown:?}");
        let total: usize = whole_sections.parse().unwrap_or(0);
        assert!(
            shown.len() > 2 && shown.len() < total,
            "{lang}: {} of {total} sections shown",
            shown.len()
        );
        let contents = chapter
            .eval_string("String(document.querySelectorAll('.print-toc li:not([hidden])').length)");
        assert_eq!(
            contents,
            shown.len().to_string(),
            "{lang}: contents entries"
        );
        assert!(
            chapter.is_visible("[data-print-chapter]"),
            "{lang}: the notice shows"
        );
        chapter.assert_clean();
        // And it prints on fewer A4 pages than the whole handbook.
        let Some(info) = pdf_info(&chapter.print_to_pdf()) else {
            return;
        };
        assert!(info.is_a4(), "{lang}: {info:?}");
        if let Some(whole_pages) = whole_pages {
            assert!(
                info.pages < whole_pages,
                "{lang}: chapter {} pages, whole {whole_pages}",
                info.pages
            );
        }
    }
}
