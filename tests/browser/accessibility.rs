//! Accessibility with axe-core: no "serious" or "critical" violation on each kind of page, in both
//! languages, of the fixture and the bundled handbooks.

use crate::sites::{bundled_site, file_url, fixture_site, html_pages, page_kind, parse};
use crate::support::{browser, Browser};
use std::path::Path;

/// The home page, then the first chapter, page, procedure, role and form a reader meets in `lang`
/// (in path order), then the search page.
fn pages_to_check(site: &Path, lang: &str) -> Vec<String> {
    let mut first_of_kind = std::collections::BTreeMap::new();
    for page in html_pages(site) {
        let home = format!("{lang}/index.html");
        if !page.starts_with(&format!("{lang}/")) || page == home {
            continue;
        }
        if let Some(kind) = page_kind(&parse(site, &page)) {
            first_of_kind.entry(kind).or_insert(page);
        }
    }
    let mut pages = vec![format!("{lang}/index.html")];
    for kind in ["chapter", "page", "procedure", "role", "form"] {
        match first_of_kind.remove(kind) {
            Some(page) => pages.push(page),
            None => panic!("{}: no {kind} page in {lang}", site.display()),
        }
    }
    pages.push(format!("{lang}/search.html"));
    pages
}

fn check(browser: &Browser, site: &Path, lang: &str, query: &str) {
    let mut failures = Vec::new();
    for page in pages_to_check(site, lang) {
        let path = site.join(&page);
        let opened = browser.new_page();
        if page.ends_with("search.html") {
            opened.goto(&format!("{}?q={query}", file_url(&path)));
        } else {
            opened.goto(&file_url(&path));
        }
        opened.assert_clean();
        failures.extend(opened.serious_axe_violations().into_iter().map(|v| {
            format!(
                "{page}: {} ({}): {}\n    {}",
                v.id,
                v.impact.unwrap_or_default(),
                v.help,
                v.targets.join("\n    ")
            )
        }));
    }
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fixture_pages_have_no_serious_accessibility_violations_in_thai() {
    let Some(browser) = browser() else { return };
    check(
        &browser,
        &fixture_site("browser-site"),
        "th",
        "%E0%B8%84%E0%B8%A7%E0%B8%B2%E0%B8%A1",
    );
}

#[test]
fn fixture_pages_have_no_serious_accessibility_violations_in_english() {
    let Some(browser) = browser() else { return };
    check(&browser, &fixture_site("browser-site"), "en", "consent");
}

#[test]
fn bundled_pages_have_no_serious_accessibility_violations_in_thai() {
    let Some(browser) = browser() else { return };
    check(&browser, &bundled_site(), "th", "%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B9%80%E0%B8%AA%E0%B8%B5%E0%B8%A2%E0%B8%AB%E0%B8%B2%E0%B8%A2");
}

#[test]
fn bundled_pages_have_no_serious_accessibility_violations_in_english() {
    let Some(browser) = browser() else { return };
    check(&browser, &bundled_site(), "en", "victim");
}

/// A control: axe, injected as these tests do, does report a real problem (so zero means zero).
#[test]
fn axe_reports_an_image_without_alt_text() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join("en/index.html"));
    page.eval(
        "(() => { const img = document.createElement('img');
                  img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
                  document.querySelector('main').appendChild(img); return true; })()",
    );
    let violations = page.axe();
    assert!(
        violations
            .iter()
            .any(|v| v.id == "image-alt" && v.impact.as_deref() == Some("critical")),
        "axe did not report the image without alt text: {violations:#?}"
    );
}
