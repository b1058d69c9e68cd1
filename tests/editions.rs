//! Editions: a handbook built as edition A, its record saved, then built as edition B says what
//! changed by meaning, in both languages, on the change page and on the changed steps; a form
//! whose questions changed without its version raised is an error; a translation older than its
//! original in git carries a notice.

mod support;

use std::collections::BTreeSet;
use support::{assert_links_resolve, Page, TestSite};

/// Edition A built, its record saved to `editions/2026-06-01.json`.
fn edition_a() -> TestSite {
    let site = TestSite::fixture("editions");
    site.build_ok();
    let saved = handbook::edition::save(site.root()).expect("edition save");
    assert_eq!(saved, std::path::Path::new("editions/2026-06-01.json"));
    let read = |path: std::path::PathBuf| {
        let text = std::fs::read_to_string(&path).expect("record");
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON")
    };
    let saved_record = read(site.root().join(&saved));
    assert_eq!(saved_record, read(site.output().join("edition.json")));
    assert_eq!(saved_record["format"], 1);
    assert_eq!(saved_record["version"], "2026-06-01");
    site
}

/// Replaces `from` by `to` in a file of the handbook, which must contain it.
fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let full = site.root().join(path);
    let text = std::fs::read_to_string(&full).expect("read");
    assert!(text.contains(from), "{path} does not contain {from:?}");
    std::fs::write(full, text.replacen(from, to, 1)).expect("write");
}

/// Edition B: the lead of `assess` changed, a checklist item added to `plan`, a question added to
/// the form (its version raised when `raise_version`), a page section edited in both languages,
/// the step `close` removed.
fn edition_b(site: &TestSite, raise_version: bool) {
    edit(
        site,
        "handbook.toml",
        "version = \"2026-06-01\"",
        "version = \"2026-11-28\"\n\n[edition]\nprevious = \"editions/2026-06-01.json\"",
    );
    let process = "content/guide/process.toml";
    edit(
        site,
        process,
        "lead = \"social-worker\"",
        "lead = \"supervisor\"",
    );
    edit(
        site,
        process,
        "  { th = \"เขียนแผน\", en = \"Write the plan\" },\n",
        "  { th = \"เขียนแผน\", en = \"Write the plan\" },\n  { th = \"ทบทวนแผนกับผู้เสียหาย\", en = \"Review the plan with the survivor\" },\n",
    );
    edit(
        site,
        process,
        "\n[[step]]\nid = \"close\"\ntitle = { th = \"ปิดกรณี\", en = \"Close the case\" }\nlead = \"supervisor\"\nnext = []\n",
        "",
    );
    let form = "forms/consent.toml";
    edit(
        site,
        form,
        "required = true\n",
        "required = true\n\n[[section.field]]\nid = \"phone\"\ntype = \"phone\"\nlabel = { th = \"เบอร์โทรศัพท์\", en = \"Phone number\" }\n",
    );
    if raise_version {
        edit(site, form, "version = \"2026-06\"", "version = \"2026-11\"");
    }
    edit(
        site,
        "content/guide/page.md",
        "ข้อความส่วนที่สอง",
        "ข้อความส่วนที่สองที่แก้ไขแล้ว",
    );
    edit(
        site,
        "content/guide/page.en.md",
        "Text of the second part.",
        "Text of the second part, revised.",
    );
}

/// Every change listed in the "By procedure", "Forms" and "Pages" parts, as (kind, target).
fn listed(page: &Page) -> BTreeSet<(String, String)> {
    page.select(".changes-procedures li.change, .changes-forms li.change, .changes-pages li.change")
        .iter()
        .map(|item| {
            let attr = |name| item.value().attr(name).unwrap_or_default().to_string();
            (attr("data-change"), attr("data-target"))
        })
        .collect()
}

fn item_text(page: &Page, kind: &str, target: &str) -> String {
    page.text(&format!(
        ".changes-procedures li.change[data-change=\"{kind}\"][data-target=\"{target}\"], \
         .changes-forms li.change[data-change=\"{kind}\"][data-target=\"{target}\"]"
    ))
}

#[test]
fn the_change_page_lists_exactly_what_changed_in_both_languages() {
    let site = edition_a();
    assert!(
        !site.exists("en/changes.html"),
        "a first edition has nothing to compare with"
    );
    edition_b(&site, true);
    site.build_ok();

    let expected: BTreeSet<(String, String)> = [
        ("step-lead", "guide/process.toml#assess"),
        ("checklist-added", "guide/process.toml#plan"),
        ("step-removed", "guide/process.toml#close"),
        ("form-version", "consent"),
        ("question-added", "consent#phone"),
        ("section-changed", "guide/page.md#second@th"),
        ("section-changed", "guide/page.md#second@en"),
    ]
    .iter()
    .map(|(kind, target)| (kind.to_string(), target.to_string()))
    .collect();
    for lang in ["th", "en"] {
        let page = site.page(&format!("{lang}/changes.html"));
        assert_eq!(listed(&page), expected, "{lang}/changes.html");
        assert_eq!(page.attr("html", "lang"), lang);
    }

    let en = site.page("en/changes.html");
    assert_eq!(
        item_text(&en, "step-lead", "guide/process.toml#assess"),
        "lead is now Supervisor"
    );
    assert_eq!(
        item_text(&en, "checklist-added", "guide/process.toml#plan"),
        "checklist item added: Review the plan with the survivor"
    );
    assert_eq!(
        item_text(&en, "question-added", "consent#phone"),
        "question added: Phone number"
    );
    assert_eq!(
        item_text(&en, "form-version", "consent"),
        "form version raised from 2026-06 to 2026-11"
    );
    let th = site.page("th/changes.html");
    assert_eq!(
        item_text(&th, "step-lead", "guide/process.toml#assess"),
        "ผู้รับผิดชอบหลักเปลี่ยนเป็น ผู้บังคับบัญชา"
    );
    assert_eq!(
        item_text(&th, "checklist-added", "guide/process.toml#plan"),
        "เพิ่มรายการตรวจสอบ: ทบทวนแผนกับผู้เสียหาย"
    );
    // A section of the other language's page is quoted in its own language.
    let thai_section = "li.change[data-target=\"guide/page.md#second@th\"]";
    assert_eq!(en.text(thai_section), "section revised: ส่วนที่สอง (Thai)");
    assert_eq!(en.text(&format!("{thai_section} span[lang=th]")), "ส่วนที่สอง");
    assert!(en.text(".changes-intro").contains("2026-11-28"));
    assert!(en.text(".changes-intro").contains("2026-06-01"));

    // By role: the old and the new lead of `assess` both find it; nobody finds `intake`.
    for role in ["social-worker", "supervisor"] {
        let steps = en.select(&format!("#role-{role} .change-step"));
        assert!(!steps.is_empty(), "{role} has no changes listed");
    }
    assert!(en
        .select(".changes-by-role li.change")
        .iter()
        .all(|item| item.value().attr("data-target") != Some("guide/process.toml#intake")));
    assert_links_resolve(&site);
}

#[test]
fn changed_steps_are_marked_on_procedure_and_role_pages_and_unchanged_ones_are_not() {
    let site = edition_a();
    edition_b(&site, true);
    site.build_ok();
    for (lang, lead_sentence) in [
        ("en", "lead is now Supervisor"),
        ("th", "ผู้รับผิดชอบหลักเปลี่ยนเป็น ผู้บังคับบัญชา"),
    ] {
        let procedure = site.page(&format!("{lang}/guide/process.html"));
        assert!(procedure.select("#step-intake .step-changed").is_empty());
        let assess = procedure.text("#step-assess .step-changed");
        assert!(assess.contains("2026-11-28"), "{assess}");
        assert!(assess.contains(lead_sentence), "{assess}");
        assert!(procedure
            .text("#step-plan .step-changed")
            .contains(if lang == "en" {
                "Review the plan with the survivor"
            } else {
                "ทบทวนแผนกับผู้เสียหาย"
            }));
        let link = procedure.attr("#step-assess .step-changed a", "href");
        assert_eq!(procedure.resolve(&link), format!("{lang}/changes.html"));
        assert!(link.ends_with("#change-guide-process-assess"), "{link}");

        // The new lead's guide marks the step; the case manager's unchanged intake has no mark,
        // but its changed plan has one.
        let supervisor = site.page(&format!("{lang}/roles/supervisor.html"));
        assert!(supervisor
            .text("#step-assess .step-changed")
            .contains(lead_sentence));
        let own = supervisor.attr(".role-changes-link a", "href");
        assert!(own.ends_with("changes.html#role-supervisor"), "{own}");
        let case_manager = site.page(&format!("{lang}/roles/case-manager.html"));
        assert!(case_manager.select("#step-intake .step-changed").is_empty());
        assert_eq!(case_manager.select("#step-plan .step-changed").len(), 1);

        // Every page's footer names the edition and links the change page; so does the home page.
        let home = site.page(&format!("{lang}/index.html"));
        assert!(home.text(".site-footer").contains("2026-11-28"));
        let footer_link = home.attr(".site-footer a", "href");
        assert_eq!(home.resolve(&footer_link), format!("{lang}/changes.html"));
        assert_eq!(
            home.resolve(&home.attr(".edition-changes a", "href")),
            format!("{lang}/changes.html")
        );
    }
}

#[test]
fn questions_changed_without_the_version_raised_is_an_error_at_the_version() {
    let site = edition_a();
    edition_b(&site, false);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let first_line = errors[0].lines().next().unwrap_or_default();
    assert_eq!(
        first_line,
        "forms/consent.toml:2:11: error: the questions of form \"consent\" changed since \
         edition 2026-06-01 (phone) but its version is still \"2026-06\""
    );
    assert!(errors[0].contains("hint: raise the form's version"));
    let report = handbook::check::check(site.root(), false);
    assert_eq!(report.error_count(), 1, "check reports it too");
}

#[test]
fn a_record_of_another_format_or_a_missing_one_is_a_clear_error() {
    let site = edition_a();
    edition_b(&site, true);
    site.file(
        "editions/2026-06-01.json",
        "{\"format\": 7, \"version\": \"x\"}\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("editions/2026-06-01.json: error: this edition record has format 7"),
        "{}",
        errors[0]
    );
    site.remove("editions/2026-06-01.json");
    let errors = site.build_errors();
    assert!(
        errors[0]
            .starts_with("handbook.toml:7:12: error: cannot read the previous edition's record"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_translation_older_than_its_original_in_git_tells_its_readers() {
    let site = TestSite::fixture("editions");
    site.build_ok();
    assert!(
        site.page("en/guide/page.html")
            .select(".stale-translation")
            .is_empty(),
        "outside git, no notice"
    );
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    site.git(&["add", "."], "2026-01-01T10:00:00Z");
    site.git(&["commit", "-qm", "first"], "2026-01-01T10:00:00Z");
    site.build_ok();
    assert!(site
        .page("en/guide/page.html")
        .select(".stale-translation")
        .is_empty());

    edit(&site, "content/guide/page.md", "ข้อความนำ", "ข้อความนำฉบับใหม่");
    site.git(&["commit", "-qam", "update"], "2026-03-05T09:30:00Z");
    site.build_ok();
    let page = site.page("en/guide/page.html");
    assert_eq!(
        page.text(".stale-translation"),
        "This page was translated before the Thai text was last changed on 2026-03-05; \
         the Thai version may be more recent. Read the Thai version"
    );
    let href = page.attr(".stale-translation a", "href");
    assert_eq!(page.resolve(&href), "th/guide/page.html");
    assert!(site
        .page("th/guide/page.html")
        .select(".stale-translation")
        .is_empty());
    assert!(site
        .page("en/guide/index.html")
        .select(".stale-translation")
        .is_empty());
}

#[test]
fn the_bundled_handbook_keeps_the_record_of_its_edition() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = handbook::config::load(root).expect("bundled handbook.toml");
    let date = config.edition.date.expect("the bundled edition has a date");
    let path = format!("editions/{date}.json");
    let text = std::fs::read_to_string(root.join(&path)).expect("the bundled edition's record");
    let record = handbook::edition::Record::parse(&text, std::path::Path::new(&path))
        .expect("a record this handbook reads");
    assert_eq!(Some(record.version), config.version);
    assert!(!record.procedures.is_empty() && !record.forms.is_empty());
}
