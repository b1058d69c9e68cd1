//! Print: the whole-handbook print view printed to PDF by Chromium is A4 and runs to many pages.

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
