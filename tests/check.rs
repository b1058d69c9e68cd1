//! `handbook check`: a clean fixture has nothing to say; each kind of warning is found at its
//! file:line:col; errors and --strict set the exit code; --format json is machine-readable.

mod support;

use handbook::diagnostics::Diagnostic;
use std::process::Command;
use support::TestSite;

fn warnings(site: &TestSite) -> Vec<Diagnostic> {
    let report = handbook::check::check(site.root(), false);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    report.diagnostics.sorted()
}

/// The one warning the fixture now has, as printed (first line only: file:line:col: message).
fn only_warning(site: &TestSite) -> String {
    let found = warnings(site);
    assert_eq!(found.len(), 1, "expected one warning, got {found:#?}");
    found[0]
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn handbook_command(site: &TestSite, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("check")
        .arg(site.root())
        .args(args)
        .output()
        .expect("run handbook")
}

#[test]
fn a_clean_handbook_passes_even_strictly_and_writes_nothing() {
    let site = TestSite::fixture("check");
    assert!(warnings(&site).is_empty());
    let output = handbook_command(&site, &["--strict"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("0 errors, 0 warnings"));
    assert!(!site.output().exists(), "check wrote an output folder");
}

#[test]
fn a_missing_translation_is_a_warning_that_fails_only_strict_checks() {
    let site = TestSite::fixture("check");
    site.remove("content/guide/page.en.md");
    assert_eq!(
        only_warning(&site),
        "content/guide/page.md: warning: no en translation"
    );
    assert!(handbook_command(&site, &[]).status.success());
    assert_eq!(
        handbook_command(&site, &["--strict"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_translation_older_than_its_original_in_git_is_stale() {
    let site = TestSite::fixture("check");
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    site.git(&["add", "."], "2026-01-01T10:00:00Z");
    site.git(&["commit", "-qm", "first"], "2026-01-01T10:00:00Z");
    assert!(
        warnings(&site).is_empty(),
        "fresh translations are not stale"
    );

    site.file(
        "content/guide/page.md",
        "+++\ntitle = \"หน้า\"\n+++\n\n## ส่วนแรก\n\nข้อความใหม่\n",
    );
    site.git(&["commit", "-qam", "update"], "2026-03-05T09:30:00Z");
    let warning = only_warning(&site);
    assert_eq!(
        warning,
        "content/guide/page.en.md: warning: the en translation may be out of date: \
         content/guide/page.md changed on 2026-03-05 09:30 UTC, this file last on 2026-01-01 10:00 UTC"
    );
    let hint = warnings(&site)[0].hint.clone().unwrap_or_default();
    assert!(
        hint.starts_with("see what changed since: git diff "),
        "{hint}"
    );
}

#[test]
fn a_form_no_procedure_uses_is_reported() {
    let site = TestSite::fixture("check");
    site.file("forms/unused.toml", "title = \"Unused\"\n");
    assert_eq!(
        only_warning(&site),
        "forms/unused.toml: warning: no procedure step uses the form \"unused\""
    );
}

#[test]
fn a_role_nothing_uses_is_reported_where_it_is_declared() {
    let site = TestSite::fixture("check");
    let config = std::fs::read_to_string(site.root().join("handbook.toml")).expect("read");
    site.file(
        "handbook.toml",
        &format!("{config}\n[[role]]\nid = \"observer\"\nname = \"Observer\"\nlevel = \"local\"\n"),
    );
    assert_eq!(
        only_warning(&site),
        "handbook.toml:12:6: warning: the role \"observer\" takes part in no step and no page is written for it"
    );
}

#[test]
fn a_role_that_only_supports_a_step_or_has_a_page_is_not_idle() {
    let site = TestSite::fixture("check");
    let config = std::fs::read_to_string(site.root().join("handbook.toml")).expect("read");
    let roles = ["observer", "interpreter"]
        .map(|id| format!("\n[[role]]\nid = \"{id}\"\nname = \"{id}\"\nlevel = \"local\"\n"));
    site.file("handbook.toml", &format!("{config}{}", roles.concat()));
    let process =
        std::fs::read_to_string(site.root().join("content/guide/process.toml")).expect("read");
    site.file(
        "content/guide/process.toml",
        &process.replace(
            "lead = \"case-manager\"",
            "lead = \"case-manager\"\nsupport = [\"observer\"]",
        ),
    );
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\nroles = [\"interpreter\"]\n+++\n\n## First part\n\nText.\n",
    );
    assert_eq!(warnings(&site), Vec::new());
}

#[test]
fn images_without_alt_text_are_reported_at_the_image() {
    let site = TestSite::fixture("check");
    site.file(
        "content/guide/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
    );
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\n+++\n\n## First part\n\nSee ![](diagram.svg) and\n<img src=\"diagram.svg\">\n\n### Sub-part\n\n![A diagram](diagram.svg)\n",
    );
    let found: Vec<String> = warnings(&site)
        .iter()
        .map(|w| w.to_string().lines().next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        found,
        [
            "content/guide/page.en.md:7:5: warning: image without alt text",
            "content/guide/page.en.md:8:1: warning: image without alt text",
        ]
    );
}

#[test]
fn a_heading_that_skips_a_level_is_reported() {
    let site = TestSite::fixture("check");
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\n+++\n\n## First part\n\n#### Too deep\n\nText.\n",
    );
    assert_eq!(
        only_warning(&site),
        "content/guide/page.en.md:7:1: warning: heading level skips from h2 to h4"
    );
}

#[test]
fn a_chapter_without_pages_is_reported() {
    let site = TestSite::fixture("check");
    site.file(
        "content/empty/_index.md",
        "+++\ntitle = \"ว่าง\"\n+++\n\nข้อความ\n",
    );
    site.file(
        "content/empty/_index.en.md",
        "+++\ntitle = \"Empty\"\n+++\n\nText.\n",
    );
    assert_eq!(
        only_warning(&site),
        "content/empty/_index.md: warning: this chapter has no pages"
    );
}

#[test]
fn a_very_long_page_is_reported() {
    let site = TestSite::fixture("check");
    let long = "ข้อความยาว ".repeat(2_000);
    site.file(
        "content/guide/page.md",
        &format!("+++\ntitle = \"หน้า\"\n+++\n\n{long}\n"),
    );
    let warning = only_warning(&site);
    assert!(
        warning.starts_with("content/guide/page.md: warning: very long page: 2200"),
        "{warning}"
    );
}

#[test]
fn errors_fail_the_check_and_json_reports_them_with_their_position() {
    let site = TestSite::fixture("check");
    site.file(
        "content/guide/process.toml",
        "title = \"Process\"\n\n[[step]]\nid = \"start\"\ntitle = \"Start\"\nlead = \"case-manager\"\nforms = [\"consnet\"]\n",
    );
    site.remove("content/guide/page.en.md");
    let output = handbook_command(&site, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("check prints JSON");
    assert_eq!(report["errors"], 1);
    let diagnostics = report["diagnostics"].as_array().expect("a list");
    let error = diagnostics
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("the error");
    assert_eq!(error["path"], "content/guide/process.toml");
    assert_eq!(error["line"], 7);
    assert_eq!(error["column"], 10);
    assert_eq!(error["message"], "unknown form \"consnet\"");
    assert_eq!(error["hint"], "did you mean \"consent\"?");
}

#[test]
fn json_lists_warnings_without_failing() {
    let site = TestSite::fixture("check");
    site.remove("content/guide/page.en.md");
    let output = handbook_command(&site, &["--format", "json"]);
    assert!(output.status.success());
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("check prints JSON");
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    assert_eq!(report["diagnostics"][0]["path"], "content/guide/page.md");
    assert_eq!(report["diagnostics"][0]["message"], "no en translation");
}
