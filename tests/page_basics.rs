//! Lighthouse-style basics on every page of the fixture and bundled handbooks, read from the built
//! HTML (no browser needed): title, description, viewport, one h1, language, image alt text, unique
//! ids and the Content-Security-Policy. (Links and anchors are checked by tests/build.rs and tests/bundled.rs.)

#[allow(dead_code)]
#[path = "browser/sites.rs"]
mod sites;

use scraper::Html;
use sites::{bundled_site, fixture_site, html_pages, parse, selector};
use std::collections::BTreeMap;
use std::path::Path;

/// What is wrong with one page, as sentences a reviewer can act on.
fn basics_problems(html: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    let text_of = |css: &str| {
        html.select(&selector(css))
            .next()
            .map(|element| element.text().collect::<String>().trim().to_string())
    };
    let attr_of = |css: &str, attr: &str| {
        html.select(&selector(css))
            .next()
            .and_then(|element| element.value().attr(attr))
            .map(str::to_string)
    };
    if text_of("head > title").unwrap_or_default().is_empty() {
        problems.push("no <title>".to_string());
    }
    let description = attr_of("meta[name=description]", "content").unwrap_or_default();
    if description.trim().is_empty() {
        problems.push("no meta description".to_string());
    } else if description.contains('<') {
        problems.push(format!("markup in the meta description: {description:?}"));
    }
    if !attr_of("meta[name=viewport]", "content")
        .unwrap_or_default()
        .contains("width=device-width")
    {
        problems.push("no viewport meta with width=device-width".to_string());
    }
    let h1s = html.select(&selector("h1")).count();
    // Printable bundles (every blank form; a role's pack) hold several paper documents, each
    // headed by its own h1 as when printed alone: at least one there, exactly one elsewhere.
    let bundle = matches!(
        sites::page_kind(html).as_deref(),
        Some("forms-print" | "role-print")
    );
    if h1s == 0 || (h1s > 1 && !bundle) {
        problems.push(format!("{h1s} <h1> elements, not one"));
    }
    if !matches!(attr_of("html", "lang").as_deref(), Some("th" | "en")) {
        problems.push(format!("html lang is {:?}", attr_of("html", "lang")));
    }
    for image in html.select(&selector("img")) {
        if image.value().attr("alt").is_none() {
            problems.push(format!(
                "image without alt text: {}",
                image.value().attr("src").unwrap_or("?")
            ));
        }
    }
    // Ids are unique in a document, even one holding many pages (print view, role packs): a
    // repeated id sends a link or a screen reader's label to the wrong section.
    let mut ids = std::collections::BTreeSet::new();
    for element in html.select(&selector("[id]")) {
        let id = element.value().attr("id").unwrap_or_default();
        if !ids.insert(id) {
            problems.push(format!("id {id:?} is used more than once"));
        }
    }
    let csp = attr_of("meta[http-equiv=Content-Security-Policy]", "content").unwrap_or_default();
    let forbids_remote_and_inline = csp.contains("default-src 'self'")
        && csp.contains("script-src 'self'")
        && !csp.contains("unsafe-inline")
        && !csp.contains("http:")
        && !csp.contains("https:")
        && !csp.contains('*');
    if !forbids_remote_and_inline {
        problems.push(format!(
            "the Content-Security-Policy does not forbid remote origins and inline script: {csp:?}"
        ));
    }
    problems
}

fn assert_basics(site: &Path) {
    let mut failures = BTreeMap::new();
    for page in html_pages(site) {
        let problems = basics_problems(&parse(site, &page));
        if !problems.is_empty() {
            failures.insert(page, problems);
        }
    }
    assert!(
        failures.is_empty(),
        "pages missing the basics: {failures:#?}"
    );
}

#[test]
fn every_fixture_page_has_the_basics() {
    assert_basics(&fixture_site("browser-site"));
}

#[test]
fn every_bundled_page_has_the_basics() {
    assert_basics(&bundled_site());
}
