//! One term for one thing: `check` warns at file:line:col where a page, procedure, form or role
//! writes a variant the glossary avoids (Thai on search's word boundaries, English in any case),
//! and where a link names its target by another title.

mod support;

use support::TestSite;

/// The check fixture with a glossary that avoids variants of two terms.
fn site_with_glossary() -> TestSite {
    let site = TestSite::fixture("check");
    site.file(
        "glossary.toml",
        r#"
[[term]]
id = "victim"
term = { th = "ผู้เสียหาย", en = "Victim" }
avoid = { th = ["เหยื่อ"], en = ["prey", "injured party"] }

[[term]]
id = "trauma-informed"
term = { th = "การดูแลที่คำนึงถึงบาดแผลทางใจ", en = "Trauma-informed care" }
avoid = ["การบำบัดบาดแผล"]
"#,
    );
    site
}

/// Each warning's first line (file:line:col: message) and hint.
fn warnings(site: &TestSite) -> Vec<(String, String)> {
    let report = handbook::check::check(site.root(), false);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    report
        .diagnostics
        .sorted()
        .iter()
        .map(|diagnostic| {
            let text = diagnostic.to_string();
            let mut lines = text.lines();
            let first = lines.next().unwrap_or_default().to_string();
            let hint = lines.collect::<Vec<_>>().join("\n");
            (first, hint)
        })
        .collect()
}

#[test]
fn a_glossary_with_avoided_variants_no_text_uses_passes() {
    assert_eq!(warnings(&site_with_glossary()), Vec::new());
}

#[test]
fn a_thai_variant_is_found_as_a_word_with_the_preferred_term_in_the_hint() {
    let site = site_with_glossary();
    site.file(
        "content/guide/page.md",
        "+++\ntitle = \"หน้า\"\n+++\n\n## ส่วนแรก\n\nช่วยเหลือเหยื่อทุกคน\n\n### ส่วนย่อย\n\nข้อความ\n",
    );
    let found = warnings(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .0
            .starts_with("content/guide/page.md:7:10: warning: \"เหยื่อ\""),
        "{found:#?}"
    );
    assert!(found[0].1.contains("\"ผู้เสียหาย\""), "{found:#?}");
}

#[test]
fn a_variant_in_quotation_marks_is_mentioned_not_used() {
    let site = site_with_glossary();
    site.file(
        "content/guide/page.md",
        "+++\ntitle = \"หน้า\"\n+++\n\n## ส่วนแรก\n\nคู่มือนี้ไม่ใช้คำว่า \"เหยื่อ\" หรือ “เหยื่อ” และ `เหยื่อ`\n\n### ส่วนย่อย\n\nข้อความ\n",
    );
    assert_eq!(warnings(&site), Vec::new());
}

#[test]
fn a_thai_variant_inside_another_word_is_not_a_use_of_it() {
    let site = site_with_glossary();
    // เสียหาย is avoided, but ผู้เสียหาย, a glossary term, is kept whole as search keeps it.
    site.file(
        "glossary.toml",
        r#"
[[term]]
id = "victim"
term = { th = "ผู้เสียหาย", en = "Victim" }
avoid = { th = ["เสียหาย"] }
"#,
    );
    site.file(
        "content/guide/page.md",
        "+++\ntitle = \"หน้า\"\n+++\n\n## ส่วนแรก\n\nช่วยผู้เสียหาย\n\n### ส่วนย่อย\n\nข้อความ\n",
    );
    assert_eq!(warnings(&site), Vec::new());
}

#[test]
fn an_english_variant_is_found_in_any_case_across_a_line_break_but_not_inside_a_word() {
    let site = site_with_glossary();
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\n+++\n\n## First part\n\nAn Injured\nparty and a preying bird.\n\n### Sub-part\n\nText `prey`.\n",
    );
    let found = warnings(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .0
            .starts_with("content/guide/page.en.md:7:4: warning: \"Injured party\""),
        "{found:#?}"
    );
    assert!(found[0].1.contains("\"Victim\""), "{found:#?}");
}

#[test]
fn procedures_forms_and_roles_are_checked_in_each_language() {
    let site = site_with_glossary();
    site.file(
        "content/guide/process.toml",
        "title = { th = \"ขั้นตอน\", en = \"Process\" }\n\n[[step]]\nid = \"start\"\ntitle = { th = \"เริ่ม\", en = \"Start\" }\nlead = \"case-manager\"\nforms = [\"consent\"]\nbody = { th = \"พบเหยื่อ\", en = \"Meet the prey.\" }\n",
    );
    site.file(
        "forms/consent.toml",
        "title = { th = \"ความยินยอมของเหยื่อ\", en = \"Consent\" }\n",
    );
    site.file(
        "handbook.toml",
        "title = { th = \"คู่มือตรวจสอบ\", en = \"Check handbook\" }\nlanguages = [\"th\", \"en\"]\nversion = \"2026-02-01\"\n\n[[role]]\nid = \"case-manager\"\nname = { th = \"ผู้จัดการรายกรณี\", en = \"Case manager\" }\nlevel = \"provincial\"\ndescription = \"ดูแลการบำบัดบาดแผล\"\n",
    );
    let found: Vec<String> = warnings(&site)
        .into_iter()
        .map(|(first, _)| first)
        .collect();
    let expected = [
        "content/guide/process.toml:8:18: warning: \"เหยื่อ\"",
        "content/guide/process.toml:8:42: warning: \"prey\"",
        "forms/consent.toml:1:30: warning: \"เหยื่อ\"",
        "handbook.toml:9:20: warning: \"การบำบัดบาดแผล\"",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (found, expected) in found.iter().zip(expected) {
        assert!(found.starts_with(expected), "{found} is not {expected}");
    }
}

#[test]
fn an_avoided_variant_in_a_language_the_handbook_lacks_is_an_error() {
    let site = site_with_glossary();
    site.file(
        "glossary.toml",
        "[[term]]\nid = \"victim\"\nterm = \"Victim\"\navoid = { fr = [\"proie\"] }\n",
    );
    let report = handbook::check::check(site.root(), false);
    assert_eq!(report.error_count(), 1, "{:#?}", report.diagnostics);
    let text = report.diagnostics.sorted()[0].to_string();
    assert!(text.starts_with("glossary.toml:2:6: error:"), "{text}");
}

/// The check fixture's Thai page with `paragraph` as its first section's text.
fn thai_page_saying(site: &TestSite, paragraph: &str) {
    site.file(
        "content/guide/page.md",
        &format!("+++\ntitle = \"หน้า\"\n+++\n\n## ส่วนแรก\n\n{paragraph}\n\n### ส่วนย่อย\n\nข้อความ\n"),
    );
}

#[test]
fn a_link_naming_a_form_by_another_title_is_reported_at_the_link() {
    let site = TestSite::fixture("check");
    site.file(
        "forms/consent.toml",
        "title = { th = \"แบบคัดแยกเบื้องต้น\", en = \"Initial screening\" }\ncode = \"F-01\"\n",
    );
    thai_page_saying(&site, "ใช้[แบบคัดกรอง](@form/consent)ก่อน");
    let found = warnings(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].0,
        "content/guide/page.md:7:4: warning: the link text \"แบบคัดกรอง\" is not the title of the form \"consent\" in th"
    );
    assert!(found[0].1.contains("\"แบบคัดแยกเบื้องต้น\""), "{found:#?}");
}

#[test]
fn a_link_may_shorten_its_target_s_title_or_use_its_code() {
    let site = TestSite::fixture("check");
    site.file(
        "forms/consent.toml",
        "title = { th = \"แบบคัดแยกเบื้องต้น\", en = \"Initial screening\" }\ncode = \"F-01\"\n",
    );
    thai_page_saying(
        &site,
        "ใช้[แบบคัดแยก](@form/consent) หรือ [F-01](@form/consent) ของ[ผู้จัดการรายกรณี](@role/case-manager) ดู[ขั้นตอน](process.toml)",
    );
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\n+++\n\n## First part\n\nUse the [screening form](@form/consent), see [the page](@/guide/page.md#first-part).\n\n### Sub-part\n\nText.\n",
    );
    assert_eq!(warnings(&site), Vec::new());
}

#[test]
fn a_link_naming_a_page_or_role_by_another_name_is_reported_in_english_too() {
    let site = TestSite::fixture("check");
    site.file(
        "content/guide/page.en.md",
        "+++\ntitle = \"Page\"\n+++\n\n## First part\n\nAsk the [case worker](@role/case-manager), see [the steps](process.toml).\n\n### Sub-part\n\nText.\n",
    );
    let found: Vec<String> = warnings(&site)
        .into_iter()
        .map(|(first, _)| first)
        .collect();
    assert_eq!(
        found,
        [
            "content/guide/page.en.md:7:9: warning: the link text \"case worker\" is not the title of the role \"case-manager\" in en",
            "content/guide/page.en.md:7:48: warning: the link text \"the steps\" is not the title of \"guide/process.toml\" in en",
        ]
    );
}

#[test]
fn the_bundled_handbook_writes_one_term_for_one_thing_and_links_by_title() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = std::fs::read_to_string(root.join("glossary.toml")).unwrap();
    assert!(
        glossary.contains("avoid"),
        "the bundled glossary lists no variant to avoid"
    );
    let report = handbook::check::check(root, false);
    let found: Vec<String> = report
        .diagnostics
        .sorted()
        .iter()
        .map(ToString::to_string)
        .filter(|text| text.contains("the glossary avoids") || text.contains("the link text"))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
