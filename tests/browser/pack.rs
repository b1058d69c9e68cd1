//! An offline copy as an embassy receives it: the zip from `handbook pack`, extracted, opened by
//! double-clicking START-HERE.html.

use crate::sites::repo_root;
use crate::support::browser;

#[test]
fn start_here_in_an_extracted_pack_opens_the_language_chooser() {
    let Some(browser) = browser() else { return };
    let work = tempfile::tempdir().expect("temporary folder");
    let zip = work.path().join("copy.zip");
    if let Err(errors) =
        handbook::pack::pack(&repo_root().join("tests/fixtures/browser-site"), Some(&zip))
    {
        panic!("pack failed: {:#?}", errors.sorted());
    }
    let file = std::fs::File::open(&zip).expect("open zip");
    zip::ZipArchive::new(file)
        .expect("read zip")
        .extract(work.path())
        .expect("extract zip");
    let top = work.path().join("test-handbook-2026-01-15");

    let page = browser.new_page();
    page.goto(&crate::sites::file_url(&top.join("START-HERE.html")));
    page.wait_for(
        "location.pathname.endsWith('/index.html') && document.body.classList.contains('kind-chooser')",
        "START-HERE.html to open the language chooser",
    );
    page.wait_until_loaded();
    page.assert_clean();
    page.follow(".chooser-languages a[hreflang=th]");
    assert!(page.url().ends_with("/th/index.html"), "{}", page.url());
    page.assert_clean();
}
