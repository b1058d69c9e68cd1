//! `handbook serve` in a browser: a save reloads the open page where the reader was, a broken
//! save shows its errors over the page (as text, not markup), and fixing the file clears them.

use crate::support::browser;
use handbook::serve::{ServeOptions, Server};
use std::path::Path;

/// A temporary copy of the serve fixture, its first page made long enough to scroll.
fn long_fixture_copy() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
    let to = tempfile::tempdir().expect("temporary folder");
    crate::test_site::copy_dir(&from, to.path());
    let first = to.path().join("content/guide/first.md");
    let mut text = std::fs::read_to_string(&first).expect("read");
    for number in 0..80 {
        text.push_str(&format!("\nย่อหน้าเพิ่มเติมที่ {number}\n"));
    }
    std::fs::write(&first, text).expect("write");
    to
}

fn edit(folder: &Path, from: &str, to: &str) {
    let path = folder.join("content/guide/first.md");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "the page contains {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn saves_reload_the_page_in_place_and_errors_show_over_it_until_fixed() {
    let Some(browser) = browser() else { return };
    let folder = long_fixture_copy();
    let mut options = ServeOptions::new(folder.path());
    options.port = 0;
    options.next_free_port = false;
    options.log = false;
    let server = Server::start(options).expect("the server starts");
    let page = browser.new_page();
    page.goto(&format!("{}th/guide/first.html", server.url()));
    page.eval("window.scrollTo(0, 600)");
    page.wait_for("window.scrollY === 600", "the page to scroll");

    edit(folder.path(), "ข้อความเดิมของหน้าแรก", "ข้อความใหม่ของหน้าแรก");
    page.wait_for(
        "document.querySelector('main').textContent.includes('ข้อความใหม่ของหน้าแรก') \
         && window.scrollY === 600",
        "the page to reload with the new text, scrolled where it was",
    );

    edit(
        folder.path(),
        "ข้อความใหม่ของหน้าแรก",
        "ข้อความเสีย [ลิงก์](@/guide/nowhere.md) <b>ตัวหนา</b>",
    );
    page.wait_for(
        "document.getElementById('handbook-serve-errors') !== null",
        "the errors to show over the page",
    );
    let shown = page.eval_string("document.getElementById('handbook-serve-errors').textContent");
    assert!(shown.contains("content/guide/first.md:7:"), "{shown}");
    assert!(
        shown.contains("<b>ตัวหนา</b>"),
        "markup is shown as text: {shown}"
    );
    assert!(page.eval_bool("document.querySelector('#handbook-serve-errors b') === null"));
    assert!(
        page.eval_bool("document.querySelector('main').textContent.includes('ข้อความใหม่ของหน้าแรก')")
    );

    edit(
        folder.path(),
        "ข้อความเสีย [ลิงก์](@/guide/nowhere.md) <b>ตัวหนา</b>",
        "ข้อความแก้แล้ว",
    );
    page.wait_for(
        "document.getElementById('handbook-serve-errors') === null \
         && document.querySelector('main').textContent.includes('ข้อความแก้แล้ว')",
        "the fixed page, without the errors",
    );
    // The script and its event stream keep to the pages' CSP (a browser's own favicon request
    // is no page's problem).
    let problems: Vec<String> = page
        .problems()
        .into_iter()
        .filter(|problem| !problem.contains("favicon"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    drop(page);
    server.stop();
}
