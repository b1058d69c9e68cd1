//! Lighthouse-style basics on every page of the fixture and bundled handbooks, read from the built
//! HTML (no browser needed): title, description, viewport, one h1, language, image alt text, the
//! Content-Security-Policy, and every internal link and #anchor leading somewhere.

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
    if h1s != 1 {
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

/// Every `href`/`src` that stays in the site must name an existing file, and its `#fragment` an
/// element id in that file.
fn assert_links_resolve(site: &Path) {
    let pages = html_pages(site);
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut parsed = BTreeMap::new();
    for page in &pages {
        let html = parse(site, page);
        ids.insert(
            page.clone(),
            html.select(&selector("[id]"))
                .filter_map(|element| element.value().attr("id").map(str::to_string))
                .collect(),
        );
        parsed.insert(page.clone(), html);
    }
    let mut broken = Vec::new();
    for (page, html) in &parsed {
        for element in html.select(&selector("a[href], link[href], script[src], img[src]")) {
            let value = element.value();
            let Some(target) = value.attr("href").or_else(|| value.attr("src")) else {
                continue;
            };
            if target.contains(':') && !target.starts_with('#') {
                continue; // external (https:, mailto:), marked as such by the theme
            }
            let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path = path.split_once('?').map_or(path, |(path, _)| path);
            let resolved = if path.is_empty() {
                page.clone()
            } else {
                resolve(page, path)
            };
            if !site.join(&resolved).is_file() {
                broken.push(format!("{page}: {target} -> missing file {resolved}"));
                continue;
            }
            let fragment = percent_decode(fragment);
            if !fragment.is_empty()
                && !ids
                    .get(&resolved)
                    .is_some_and(|found| found.contains(&fragment))
            {
                broken.push(format!("{page}: {target} -> no #{fragment} in {resolved}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

/// `th/a/b.html` + `../c.html` -> `th/c.html`.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

#[test]
fn every_fixture_link_and_anchor_resolves() {
    assert_links_resolve(&fixture_site("browser-site"));
}

#[test]
fn every_bundled_link_and_anchor_resolves() {
    assert_links_resolve(&bundled_site());
}

#[test]
fn link_resolution_follows_dot_dot() {
    assert_eq!(resolve("th/a/b.html", "../c.html"), "th/c.html");
    assert_eq!(resolve("index.html", "th/index.html"), "th/index.html");
    assert_eq!(percent_decode("%E0%B8%81"), "ก");
}
