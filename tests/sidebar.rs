//! The sidebar written once per branch: which script a page loads, what its list holds, the way
//! on without JavaScript, and the search box's words once per language (browser tests check the
//! list in place: tests/browser/navigation.rs).

mod support;

use scraper::{Html, Selector};
use support::{Page, TestSite};

/// The sidebar script a page loads, as a path from the site root.
fn script_of(page: &Page) -> String {
    page.resolve(&page.attr("#sidebar script[src]", "src"))
}

/// The list a sidebar script inserts: the JSON string it passes to its function, parsed.
fn list_in(site: &TestSite, script: &str) -> Html {
    let source = std::fs::read_to_string(site.output().join(script))
        .unwrap_or_else(|error| panic!("{script}: {error}"));
    let start = source.rfind("})(").expect("the script calls its function") + 3;
    let end = source.rfind(");").expect("and closes the call");
    let list: String = serde_json::from_str(&source[start..end]).expect("the list is a string");
    Html::parse_fragment(&list)
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|element| {
            let text: String = element.text().collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn a_pages_sidebar_script_lists_its_siblings_and_ancestors() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    assert_eq!(script_of(&page), "en/guide/index.sidebar.js");
    let list = list_in(&site, &script_of(&page));
    let top = texts(&list, "html > ul > li > a");
    assert_eq!(top, ["Guide", "Annex"]);
    // Only the page's branch is open; privacy (weight 10) comes before consent (weight 20).
    assert_eq!(
        texts(&list, "li.open > ul > li > a"),
        ["ข้อมูลส่วนบุคคล", "Consent"]
    );
    assert_eq!(texts(&list, "li:not(.open) ul"), Vec::<String>::new());
    // No page is marked in the list: the script marks the page that loads it.
    assert_eq!(
        texts(&list, "[aria-current], .current"),
        Vec::<String>::new()
    );
    // Links start at the site root (the script puts the page's data-root before them).
    let links = Selector::parse("a").expect("selector");
    for link in list.select(&links) {
        let href = link.value().attr("href").unwrap_or_default();
        assert!(href.starts_with("en/"), "{href}");
        assert!(site.exists(href), "{href} in the sidebar");
    }
}

#[test]
fn pages_of_one_branch_share_one_script_and_others_have_their_own() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let script = |path: &str| script_of(&site.page(path));
    // The chapter page and its pages show the chapter's list.
    for path in [
        "th/guide/index.html",
        "th/guide/consent.html",
        "th/guide/privacy.html",
    ] {
        assert_eq!(script(path), "th/guide/index.sidebar.js", "{path}");
    }
    assert_eq!(
        script("th/annex/glossary.html"),
        "th/annex/index.sidebar.js"
    );
    // The home page and pages outside the chapters (roles, forms, search) open no chapter.
    for path in ["th/index.html", "th/roles/index.html", "th/search.html"] {
        assert_eq!(script(path), "th/index.sidebar.js", "{path}");
    }
    let home = list_in(&site, "th/index.sidebar.js");
    assert_eq!(texts(&home, "li.open"), Vec::<String>::new());
    assert_eq!(texts(&home, "ul ul"), Vec::<String>::new());
    // Each language has its own lists.
    let english = list_in(&site, "en/index.sidebar.js");
    assert_eq!(texts(&english, "ul > li > a"), ["Guide", "Annex"]);
}

#[test]
fn without_javascript_a_page_links_to_the_page_listing_its_branch() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("en/guide/consent.html");
    // The parser reads <noscript> as text, as a browser running scripts does.
    let fallback = Html::parse_fragment(&page.text("#sidebar noscript"));
    let links = Selector::parse("a").expect("selector");
    let link = fallback
        .select(&links)
        .next()
        .expect("a link without script");
    assert_eq!(
        page.resolve(link.value().attr("href").unwrap_or_default()),
        "en/guide/index.html"
    );
    assert_eq!(link.text().collect::<String>(), "Guide");
    // The chapter page lists its own pages, and the home page is the sidebar's own link: pages
    // showing those lists need no such link, only the home link.
    for path in [
        "en/guide/index.html",
        "en/roles/index.html",
        "en/index.html",
    ] {
        let page = site.page(path);
        assert!(page.select("#sidebar noscript").is_empty(), "{path}");
        assert_eq!(page.select("#sidebar .sidebar-home a").len(), 1, "{path}");
    }
}

#[test]
fn every_link_of_every_sidebar_script_leads_to_a_page() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let mut scripts = 0;
    for entry in walkdir::WalkDir::new(site.output()) {
        let entry = entry.expect("walk the output");
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".sidebar.js") {
            continue;
        }
        scripts += 1;
        let script = entry
            .path()
            .strip_prefix(site.output())
            .expect("inside the output")
            .to_string_lossy()
            .replace('\\', "/");
        let list = list_in(&site, &script);
        let links = Selector::parse("a").expect("selector");
        for link in list.select(&links) {
            let href = link.value().attr("href").unwrap_or_default();
            assert!(site.exists(href), "{href} in {script}");
        }
    }
    // The home page's and each chapter's (guide, annex), in two languages.
    assert_eq!(scripts, 6);
}

#[test]
fn the_search_boxs_words_are_written_once_per_language() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.page("th/guide/consent.html");
    let panel = page.one("[data-search-results]");
    assert_eq!(panel.value().attr("data-no-results"), None);
    let strings = page.resolve(&page.attr("script[src$='search-strings.js']", "src"));
    assert_eq!(strings, "th/search-strings.js");
    let thai = std::fs::read_to_string(site.output().join("th/search-strings.js")).unwrap();
    let english = std::fs::read_to_string(site.output().join("en/search-strings.js")).unwrap();
    assert!(thai.contains("\"no-results\": \"ไม่พบผลลัพธ์\""), "{thai}");
    assert!(
        english.contains("\"no-results\": \"No results"),
        "{english}"
    );
}
