//! The core generator end to end: output paths, navigation, anchors, languages, links, determinism, atomicity.

mod support;

use support::TestSite;

#[test]
fn pages_land_at_the_documented_paths() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    for path in [
        "index.html",
        "th/index.html",
        "en/index.html",
        "th/guide/index.html",
        "th/guide/consent.html",
        "en/guide/consent.html",
        "th/guide/privacy.html",
        "en/guide/privacy.html",
        "th/print.html",
        "en/print.html",
        "assets/guide/diagram.svg",
    ] {
        assert!(site.exists(path), "missing {path}");
    }
}

#[test]
fn every_page_declares_its_language() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    assert_eq!(
        site.page("th/guide/consent.html").attr("html", "lang"),
        "th"
    );
    assert_eq!(
        site.page("en/guide/consent.html").attr("html", "lang"),
        "en"
    );
}

#[test]
fn breadcrumbs_and_previous_next_follow_reading_order() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    assert_eq!(page.texts(".breadcrumbs li a"), ["Home", "Guide"]);
    let previous = page.attr("a[rel=prev]", "href");
    let next = page.attr("a[rel=next]", "href");
    assert_eq!(page.resolve(&previous), "en/guide/privacy.html");
    assert_eq!(page.resolve(&next), "en/annex/index.html");
}

#[test]
fn thai_headings_keep_their_letters_and_repeats_are_numbered() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("th/guide/consent.html");
    let ids: Vec<String> = page
        .select("article h2[id]")
        .iter()
        .filter_map(|h| h.value().attr("id").map(str::to_string))
        .collect();
    assert!(ids.contains(&"การขอความยินยอม".to_string()), "{ids:?}");
    assert!(
        ids.contains(&"ภาพรวม".to_string()) && ids.contains(&"ภาพรวม-1".to_string()),
        "{ids:?}"
    );
    let english = site.page("en/guide/consent.html");
    assert_eq!(english.select("h2#asking-for-consent").len(), 1);
    assert_eq!(english.select("h2#overview-1").len(), 1);
}

#[test]
fn on_page_contents_lists_the_headings() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    let targets: Vec<String> = page
        .select(".toc a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(targets, ["#asking-for-consent", "#overview", "#overview-1"]);
}

#[test]
fn language_switcher_links_the_same_page_and_flags_missing_translations() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let thai = site.page("th/guide/privacy.html");
    let english_link = thai.attr(".languages a[hreflang=en]", "href");
    assert_eq!(thai.resolve(&english_link), "en/guide/privacy.html");
    assert_eq!(
        thai.select(".languages a[hreflang=en] .untranslated").len(),
        1
    );
    assert!(site
        .page("th/guide/consent.html")
        .select(".languages .untranslated")
        .is_empty());

    let fallback = site.page("en/guide/privacy.html");
    assert_eq!(
        fallback.attr("html", "lang"),
        "en",
        "interface stays English"
    );
    assert_eq!(
        fallback.attr("article", "lang"),
        "th",
        "the Thai text is marked as Thai"
    );
    assert!(fallback
        .text(".missing-translation")
        .contains("not been translated"));
}

#[test]
fn internal_links_resolve_in_the_readers_language() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/index.html");
    let hrefs: Vec<String> = page
        .select(".content a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        hrefs,
        ["guide/index.html", "guide/consent.html#asking-for-consent"].map(|h| format!("../en/{h}"))
    );
    let consent = site.page("en/guide/consent.html");
    let relative = consent
        .select(".content a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(|h| consent.resolve(h))
        .collect::<Vec<_>>();
    assert!(
        relative.contains(&"en/guide/privacy.html".to_string()),
        "{relative:?}"
    );
}

#[test]
fn external_links_are_marked() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    assert_eq!(page.attr("a.external", "href"), "https://example.org/");
}

#[test]
fn abbreviations_from_the_glossary_are_marked_up() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    assert_eq!(
        page.attr(".content abbr", "title"),
        "Multidisciplinary team"
    );
    let glossary = site.page("en/annex/glossary.html");
    assert_eq!(glossary.texts(".glossary dfn"), ["Multidisciplinary team"]);
}

#[test]
fn toml_code_is_highlighted_at_build_time() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("th/guide/consent.html");
    assert!(!page
        .select("pre.highlight code.language-toml span.hl-entity")
        .is_empty());
}

#[test]
fn every_href_and_src_resolves_to_a_file_in_the_site() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    support::assert_links_resolve(&site);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let first = snapshot(&site.output());
    site.build_ok();
    assert_eq!(first, snapshot(&site.output()));
}

fn snapshot(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = snapshot(&site.output());
    site.file("content/guide/consent.md", "+++\ntitel = \"x\"\n+++\n");
    assert!(site.build().is_err());
    assert_eq!(before, snapshot(&site.output()));
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn the_output_folder_may_not_be_the_handbook_itself() {
    let site = TestSite::fixture("basic");
    let options = handbook::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(site.root().to_path_buf()),
        include_drafts: false,
    };
    let errors = handbook::build(&options).expect_err("refused").sorted();
    assert!(
        errors[0]
            .message
            .contains("refusing to write the site here"),
        "{}",
        errors[0]
    );
    assert!(site.root().join("content/_index.md").exists());
}

#[test]
fn drafts_are_built_only_on_request() {
    let site = TestSite::fixture("basic");
    site.file(
        "content/guide/draft.md",
        "+++\ntitle = \"Draft\"\ndraft = true\n+++\nnot yet\n",
    );
    site.build_ok();
    assert!(!site.exists("th/guide/draft.html"));
    let options = handbook::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        include_drafts: true,
    };
    handbook::build(&options).expect("build with drafts");
    assert!(site.exists("th/guide/draft.html"));
}

#[test]
fn no_page_refers_to_anything_outside_the_site() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("th/guide/consent.html");
    for element in page.select("script[src], link[href], img[src]") {
        let value = element
            .value()
            .attr("src")
            .or_else(|| element.value().attr("href"))
            .unwrap_or("");
        assert!(
            !value.contains("://") && !value.starts_with("//"),
            "remote reference {value}"
        );
    }
    let csp = page.attr("meta[http-equiv=Content-Security-Policy]", "content");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
}

#[test]
fn a_chapter_page_lists_its_pages_in_order() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let chapter = site.page("en/guide/index.html");
    assert_eq!(
        chapter.texts(".chapter-contents li a"),
        ["ข้อมูลส่วนบุคคล", "Consent"]
    );
}

#[test]
fn a_top_level_chapter_prints_as_a_document_of_its_own_that_its_page_links_to() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    for lang in ["th", "en"] {
        let chapter_page = site.page(&format!("{lang}/guide/index.html"));
        let href = chapter_page.attr("main a[href$='print-guide.html']", "href");
        assert_eq!(
            chapter_page.resolve(&href),
            format!("{lang}/print-guide.html")
        );
        // The chapter's document holds the chapter and its pages, and nothing else.
        let print = site.page(&format!("{lang}/print-guide.html"));
        let sections = print.texts("section.print-entry > h2");
        let mut expected = vec![chapter_page.text("main h1")];
        expected.extend(chapter_page.texts(".chapter-contents li a"));
        assert_eq!(sections, expected, "{lang}");
        assert_eq!(print.texts(".print-toc li"), expected, "{lang}: contents");
        assert_eq!(print.text(".print-chapter-title"), expected[0], "{lang}");
        // The whole handbook still holds every page, and lists the chapters' documents.
        let whole = site.page(&format!("{lang}/print.html"));
        assert!(whole.texts("section.print-entry > h2").len() > sections.len());
        let listed = whole.attr(".print-chapters a[href$='print-guide.html']", "href");
        assert_eq!(whole.resolve(&listed), format!("{lang}/print-guide.html"));
    }
}

#[test]
fn a_chapter_print_document_never_takes_the_path_of_a_page_or_of_another_one() {
    // A page named like the guide chapter's print document, and a folder without a chapter
    // page whose page would get the same name as a page at the top.
    let site = TestSite::fixture("basic");
    site.file(
        "content/print-guide.md",
        "+++\ntitle = \"หน้าชื่อซ้ำ\"\n+++\n\nข้อความ\n",
    )
    .file("content/a/b.md", "+++\ntitle = \"บี\"\n+++\n\nบีบี\n")
    .file("content/a-b.md", "+++\ntitle = \"เอบี\"\n+++\n\nเอบีเอบี\n");
    site.build_ok();
    assert_eq!(site.page("th/print-guide.html").text("main h1"), "หน้าชื่อซ้ำ");
    let chapter_page = site.page("th/guide/index.html");
    let href = chapter_page.attr("main a[href*='print-guide']", "href");
    let document = site.page(&chapter_page.resolve(&href));
    assert_eq!(
        document.text(".print-chapter-title"),
        chapter_page.text("main h1")
    );
    // Each top-level entry has a document of its own, listed once in print.html.
    let whole = site.page("th/print.html");
    let listed = whole.texts(".print-chapters a");
    for title in ["บี", "เอบี"] {
        assert_eq!(
            listed.iter().filter(|t| *t == title).count(),
            1,
            "{listed:?}"
        );
    }
    let hrefs: Vec<String> = whole
        .select(".print-chapters a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    let mut unique = hrefs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), hrefs.len(), "{hrefs:?}");
}

#[test]
fn the_print_view_shows_each_page_body_under_its_title_with_links_from_the_print_page() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let print = site.page("en/print.html");
    // Every page is in one document: its heading ids start with its section's id, so that two
    // pages' headings never share one.
    let section = print.one("section.print-entry:has(h3[id$='-asking-for-consent'])");
    assert_eq!(
        section
            .select(&scraper::Selector::parse("h2").unwrap())
            .count(),
        1
    );
    let section_id = section.value().attr("id").unwrap_or_default();
    let heading = print.attr("h3[id$='-asking-for-consent']", "id");
    assert_eq!(heading, format!("{section_id}-asking-for-consent"));
    let href = print.attr("section.print-entry a[href*='privacy.html']", "href");
    assert_eq!(print.resolve(&href), "en/guide/privacy.html");
    assert!(href.ends_with("#protecting-personal-data"), "{href}");
}
