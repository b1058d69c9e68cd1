//! Every class of input error: each names file:line:col and says what to do, and all are reported together.

mod support;

use support::TestSite;

fn error_containing(errors: &[String], needle: &str) -> String {
    errors
        .iter()
        .find(|e| e.contains(needle))
        .unwrap_or_else(|| panic!("no error containing {needle:?} in:\n{}", errors.join("\n")))
        .clone()
}

#[test]
fn unknown_front_matter_key_suggests_the_closest() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.md", "+++\ntitel = \"x\"\n+++\n");
    let errors = site.build_errors();
    let error = error_containing(&errors, "unknown key \"titel\"");
    assert!(
        error.starts_with("content/guide/consent.md:2:1:"),
        "{error}"
    );
    assert!(error.contains("did you mean \"title\"?"), "{error}");
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("handbook.toml")).unwrap();
    site.file("handbook.toml", &format!("{config}\n[extra]\n"));
    site.file("handbook.toml", &config.replace("version =", "versoin ="));
    let errors = site.build_errors();
    let error = error_containing(&errors, "unknown key \"versoin\"");
    assert!(error.starts_with("handbook.toml:4:1:"), "{error}");
    assert!(error.contains("did you mean \"version\"?"), "{error}");
}

#[test]
fn toml_syntax_error_points_at_the_line() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.md", "+++\ntitle = \"x\n+++\n");
    let errors = site.build_errors();
    assert!(
        errors[0].starts_with("content/guide/consent.md:2:"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_home_page_that_cannot_be_read_is_reported_not_a_crash() {
    // The home page alone, its front matter broken: no page is loaded at all, and the build
    // still reports what is wrong (it used to panic assembling the chapter tree).
    let site = TestSite::empty();
    site.file("handbook.toml", "title = \"T\"\nlanguages = [\"en\"]\n");
    site.file("content/_index.md", "+++\ntitle = \n+++\nHello.\n");
    let errors = site.build_errors();
    let error = error_containing(&errors, "invalid string");
    assert!(error.starts_with("content/_index.md:2:"), "{error}");
    error_containing(&errors, "no home page");
}

#[test]
fn missing_title_is_an_error() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.md", "+++\nweight = 1\n+++\nbody\n");
    let error = error_containing(&site.build_errors(), "missing required key \"title\"");
    assert!(error.starts_with("content/guide/consent.md:"), "{error}");
}

#[test]
fn missing_front_matter_is_an_error_with_a_template() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.md", "# Just markdown\n");
    let error = error_containing(&site.build_errors(), "must start with front matter");
    assert!(
        error.starts_with("content/guide/consent.md:1:1:"),
        "{error}"
    );
    assert!(error.contains("title = "), "{error}");
}

#[test]
fn link_to_a_missing_page_points_at_the_link() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/consent.md",
        "+++\ntitle = \"x\"\n+++\n\nline one\n\nsee [here](@/guide/nope.md)\n",
    );
    let error = error_containing(
        &site.build_errors(),
        "link to a page that does not exist: guide/nope.md",
    );
    assert!(
        error.starts_with("content/guide/consent.md:7:5:"),
        "{error}"
    );
}

#[test]
fn link_to_a_missing_anchor_lists_the_anchors() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/consent.md",
        "+++\ntitle = \"x\"\n+++\n[x](@/guide/privacy.md#nope)\n",
    );
    let error = error_containing(&site.build_errors(), "no heading #nope");
    assert!(
        error.starts_with("content/guide/consent.md:4:1:"),
        "{error}"
    );
    assert!(error.contains("protecting-personal-data"), "{error}");
}

#[test]
fn remote_images_are_refused() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/consent.md",
        "+++\ntitle = \"x\"\n+++\n![x](https://example.org/a.png)\n",
    );
    let error = error_containing(&site.build_errors(), "remote image");
    assert!(error.contains("offline"), "{error}");
}

#[test]
fn unknown_language_suffix_is_an_error() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.fr.md", "+++\ntitle = \"x\"\n+++\n");
    let error = error_containing(&site.build_errors(), "unknown language suffix \".fr\"");
    assert!(error.starts_with("content/guide/consent.fr.md"), "{error}");
}

#[test]
fn two_files_for_the_same_output_are_an_error() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.th.md", "+++\ntitle = \"x\"\n+++\n");
    error_containing(
        &site.build_errors(),
        "both give the th version of guide/consent.md",
    );
}

#[test]
fn unknown_role_in_front_matter_suggests_a_declared_one() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/consent.md",
        "+++\ntitle = \"x\"\nroles = [\"case-manger\"]\n+++\n",
    );
    let error = error_containing(&site.build_errors(), "unknown role \"case-manger\"");
    assert!(
        error.starts_with("content/guide/consent.md:3:10:"),
        "{error}"
    );
    assert!(error.contains("did you mean \"case-manager\"?"), "{error}");
}

#[test]
fn all_errors_are_reported_together_sorted_by_file() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/privacy.md",
        "+++\ntitle = \"x\"\n+++\n## Protecting personal data\n[a](@/a.md) [b](@/b.md)\n",
    );
    site.file(
        "content/annex/glossary.md",
        "+++\ntitle = \"x\"\n+++\n[c](@/c.md)\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("content/annex/glossary.md:4:1"));
    assert!(errors[1].starts_with("content/guide/privacy.md:5:1"));
    assert!(errors[2].starts_with("content/guide/privacy.md:5:13"));
}

#[test]
fn a_binary_file_is_an_error_not_a_crash() {
    let site = TestSite::fixture("basic");
    std::fs::write(
        site.root().join("content/guide/consent.md"),
        [0xff, 0xfe, 0x00, 0x80],
    )
    .unwrap();
    let error = error_containing(&site.build_errors(), "cannot read file");
    assert!(error.contains("UTF-8"), "{error}");
}

#[test]
fn the_command_line_exits_1_on_content_errors_and_2_on_usage_errors() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/consent.md", "+++\ntitel = \"x\"\n+++\n");
    let binary = env!("CARGO_BIN_EXE_handbook");
    let failed = std::process::Command::new(binary)
        .arg("build")
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("consent.md:2:1: error: unknown key \"titel\""),
        "{stderr}"
    );
    let usage = std::process::Command::new(binary)
        .arg("build")
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_synonym_for_an_unknown_language_points_at_its_line() {
    let site = TestSite::fixture("basic");
    site.file(
        "glossary.toml",
        "[[term]]\nid = \"act\"\nterm = \"Act\"\n\n[[synonym]]\nlang = \"fr\"\nword = \"loi\"\nmeans = \"Act\"\n",
    );
    let errors = site.build_errors();
    let error = error_containing(&errors, "synonym \"loi\"");
    assert!(error.starts_with("glossary.toml:6:8:"), "{error}");
    assert!(error.contains("use one of"), "{error}");
}

#[test]
fn one_run_reports_every_kind_of_error_each_once() {
    let site = TestSite::fixture("procedures-unknown-form");
    site.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\nroles = [\"oficer\"]\n+++\n[gone](@/gone.md)\n",
    );
    site.file(
        "content/about.md",
        "+++\ntitle = \"About\"\ncolour = \"red\"\n+++\n## Steps\n[home](@/_index.md#nowhere)\n",
    );
    let errors = site.build_errors();
    let wanted = [
        ("content/_index.md:3:", "unknown role"),
        (
            "content/_index.md:5:1:",
            "link to a page that does not exist: gone.md",
        ),
        ("content/about.md:3:1:", "unknown key \"colour\""),
        ("content/about.md:6:1:", "no heading #nowhere"),
        ("content/process.toml:", "unknown form \"consnt\""),
    ];
    for (place, message) in wanted {
        let found: Vec<&String> = errors
            .iter()
            .filter(|e| e.starts_with(place) && e.contains(message))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{place} {message} in:\n{}",
            errors.join("\n")
        );
    }
    assert_eq!(errors.len(), wanted.len(), "{}", errors.join("\n"));
}

#[test]
fn check_counts_the_errors_it_lists() {
    let site = TestSite::fixture("basic");
    // An untranslated page is shown in both languages; its broken link is one error.
    site.file(
        "content/guide/privacy.md",
        "+++\ntitle = \"x\"\n+++\n## Protecting personal data\n[a](@/a.md)\n",
    );
    let binary = env!("CARGO_BIN_EXE_handbook");
    let output = std::process::Command::new(binary)
        .args(["check", "--format", "json"])
        .arg(site.root())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(listed, 1, "{report:#}");
    assert_eq!(report["errors"], 1, "{report:#}");
}
