//! The authors' guide (`docs/`) is a handbook of its own, built by handbook: it passes a strict
//! check, and its reference pages keep their code blocks and its procedure its steps.

mod support;

use std::path::Path;
use support::TestSite;

fn docs() -> TestSite {
    let site = TestSite::empty();
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let copied = copy_folder(&docs, site.root());
    assert!(copied > 10, "only {copied} files copied");
    site
}

/// Copies the folder `from` into `to`; returns how many files were copied.
fn copy_folder(from: &Path, to: &Path) -> usize {
    let mut copied = 0;
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("read docs/");
        let target = to.join(entry.path().strip_prefix(from).expect("under docs/"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
            copied += 1;
        }
    }
    copied
}

#[test]
fn the_authors_guide_passes_a_strict_check_and_builds() {
    let site = docs();
    let report = handbook::check::check(site.root(), false);
    assert!(report.passes(true), "{:#?}", report.diagnostics);
    site.build_ok();

    let forms = site.page("en/reference/forms.html");
    assert!(!forms.select("main pre code").is_empty());
    assert!(forms.text("h1").contains("Forms"));
    let reference = site.page("en/reference/index.html");
    let listed = reference.texts("main a");
    for title in ["Pages", "Procedures", "Forms", "Glossary", "Commands"] {
        assert!(
            listed.iter().any(|text| text == title),
            "{title} not in {listed:?}"
        );
    }
    let first = site.page("en/start/first-handbook.html");
    let steps = first.texts("main h2, main h3");
    assert!(
        steps.iter().any(|step| step.contains("Edit a procedure")),
        "{steps:?}"
    );
}
