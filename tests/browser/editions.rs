//! Editions in a browser: the change page and the marks on changed steps, in both languages, are
//! accessible (axe), load nothing from outside, and the change page prints on A4.

use crate::sites::file_url;
use crate::support::{browser, pdf_info};
use crate::test_site::TestSite;

/// The `editions` fixture as edition A (record saved), then B with the lead of a step changed.
fn edition_b() -> TestSite {
    let site = TestSite::fixture("editions");
    site.build_ok();
    if let Err(errors) = handbook::edition::save(site.root()) {
        panic!("edition save: {:?}", errors.sorted());
    }
    let replace = |path: &str, from: &str, to: &str| {
        let full = site.root().join(path);
        let text = std::fs::read_to_string(&full).expect("read");
        assert!(text.contains(from), "{path} lacks {from:?}");
        std::fs::write(&full, text.replacen(from, to, 1)).expect("write");
    };
    replace(
        "handbook.toml",
        "version = \"2026-06-01\"",
        "version = \"2026-11-28\"\n\n[edition]\nprevious = \"editions/2026-06-01.json\"",
    );
    replace(
        "content/guide/process.toml",
        "lead = \"social-worker\"",
        "lead = \"supervisor\"",
    );
    site.build_ok();
    site
}

#[test]
fn the_change_page_and_the_marked_steps_are_accessible_and_print_on_a4() {
    let Some(browser) = browser() else { return };
    let site = edition_b();
    let mut failures = Vec::new();
    for lang in ["th", "en"] {
        for page in [
            format!("{lang}/changes.html"),
            format!("{lang}/guide/process.html"),
            format!("{lang}/roles/supervisor.html"),
            format!("{lang}/index.html"),
        ] {
            let opened = browser.new_page();
            opened.goto(&file_url(&site.output().join(&page)));
            opened.assert_clean();
            failures.extend(
                opened
                    .serious_axe_violations()
                    .into_iter()
                    .map(|v| format!("{page}: {} ({})", v.id, v.targets.join(", "))),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let page = browser.open(&site.output().join("en/changes.html"));
    let pdf = page.print_to_pdf();
    if let Some(info) = pdf_info(&pdf) {
        assert!(info.is_a4(), "the change page prints on A4");
    }
}
