//! Moving around a handbook opened from a disk: the language chooser, the sidebar, previous/next,
//! the language switcher, links between pages and anchors within them.

use crate::sites::fixture_site;
use crate::support::{browser, Page};

const SITE: &str = "browser-site";

/// The page's address relative to the site folder, e.g. `th/guide/consent.html#x`.
fn where_am_i(page: &Page) -> String {
    let url = page.url();
    let root = crate::sites::file_url(&fixture_site(SITE));
    url.strip_prefix(&format!("{}/", root.trim_end_matches('/')))
        .unwrap_or(&url)
        .to_string()
}

fn heading(page: &Page) -> String {
    page.eval_string("document.querySelector('h1').textContent.trim()")
}

#[test]
fn the_language_chooser_opens_each_language() {
    let Some(browser) = browser() else { return };
    let site = fixture_site(SITE);
    for (lang, home) in [("th", "หน้าแรก"), ("en", "Home")] {
        let page = browser.open(&site.join("index.html"));
        page.follow(&format!(".chooser-languages a[hreflang={lang}]"));
        assert_eq!(where_am_i(&page), format!("{lang}/index.html"));
        assert_eq!(page.eval_string("document.documentElement.lang"), lang);
        assert_eq!(heading(&page), home);
        page.assert_clean();
    }
}

#[test]
fn a_sidebar_link_opens_its_page_and_marks_it_current() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site(SITE).join("th/index.html"));
    page.follow("#sidebar a[href$='guide/index.html']");
    assert_eq!(where_am_i(&page), "th/guide/index.html");
    page.follow("#sidebar a[href$='guide/consent.html']");
    assert_eq!(where_am_i(&page), "th/guide/consent.html");
    assert_eq!(heading(&page), "ความยินยอม");
    assert_eq!(
        page.eval_string(
            "document.querySelector('#sidebar [aria-current=page]').textContent.trim()"
        ),
        "ความยินยอม"
    );
    page.assert_clean();
}

#[test]
fn next_and_previous_walk_the_reading_order_both_ways() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site(SITE).join("en/index.html"));
    let mut forward = vec![where_am_i(&page)];
    while page.eval_bool("!!document.querySelector('.prev-next a[rel=next]')") {
        page.follow(".prev-next a[rel=next]");
        forward.push(where_am_i(&page));
        assert!(
            forward.len() < 20,
            "next links go round in circles: {forward:?}"
        );
    }
    assert_eq!(
        forward,
        [
            "en/index.html",
            "en/guide/index.html",
            "en/guide/consent.html",
            "en/guide/process.html"
        ]
    );
    let mut backward = vec![where_am_i(&page)];
    while page.eval_bool("!!document.querySelector('.prev-next a[rel=prev]')") {
        page.follow(".prev-next a[rel=prev]");
        backward.push(where_am_i(&page));
        assert!(backward.len() < 20, "previous links go round in circles");
    }
    backward.reverse();
    assert_eq!(backward, forward);
    page.assert_clean();
}

#[test]
fn the_language_switcher_keeps_the_reader_on_the_same_page() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site(SITE).join("th/guide/consent.html"));
    page.follow(".languages a[hreflang=en]");
    assert_eq!(where_am_i(&page), "en/guide/consent.html");
    assert_eq!(heading(&page), "Informed consent");
    page.follow(".languages a[hreflang=th]");
    assert_eq!(where_am_i(&page), "th/guide/consent.html");
    page.assert_clean();
}

/// The element the address's #fragment names: it must exist and be scrolled to the top of the
/// window (or as far as a short page can scroll).
fn assert_anchor_shown(page: &Page) {
    let found = page.eval(
        "(() => { const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
                  if (!target) return null;
                  const top = target.getBoundingClientRect().top;
                  const atBottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
                  return top >= -5 && (top < 200 || (atBottom && top < innerHeight)); })()",
    );
    match found {
        serde_json::Value::Bool(true) => {}
        serde_json::Value::Null => panic!("{}: no element with that id", page.url()),
        _ => panic!("{}: the target is not scrolled into view", page.url()),
    }
}

#[test]
fn links_between_pages_land_on_the_heading_or_step_they_name() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site(SITE).join("th/guide/index.html"));
    page.follow(".content a[href*='consent.html#']");
    assert_eq!(
        where_am_i(&page),
        "th/guide/consent.html#%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%84%E0%B8%B8%E0%B9%89%E0%B8%A1%E0%B8%84%E0%B8%A3%E0%B8%AD%E0%B8%87%E0%B8%82%E0%B9%89%E0%B8%AD%E0%B8%A1%E0%B8%B9%E0%B8%A5"
    );
    assert_anchor_shown(&page);

    page.follow(".content a[href*='process.html#step-intake']");
    assert_eq!(where_am_i(&page), "th/guide/process.html#step-intake");
    assert_anchor_shown(&page);

    page.follow("a[href$='roles/case-manager.html']");
    assert_eq!(where_am_i(&page), "th/roles/case-manager.html");
    page.assert_clean();
}

#[test]
fn the_table_of_contents_jumps_within_the_page() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site(SITE).join("en/guide/consent.html"));
    page.follow(".toc a[href='#next']");
    assert_eq!(where_am_i(&page), "en/guide/consent.html#next");
    assert_anchor_shown(&page);
    page.assert_clean();
}

#[test]
fn the_handbooks_thai_terms_never_break_across_lines_in_a_narrow_column() {
    let Some(browser) = browser() else { return };
    let site = crate::sites::bundled_site();
    for path in ["th/return/process.html", "th/reintegration/process.html"] {
        let page = browser.open(&site.join(path));
        // A phone-wide text column puts many terms at the end of a line.
        page.eval("document.querySelector('main').style.maxWidth = '300px'");
        let lines_of_kept_terms = |white_space: &str| -> Vec<usize> {
            serde_json::from_value(page.eval(&format!(
                "Array.from(document.querySelectorAll('main k-w')).map(span => {{
                   span.style.whiteSpace = '{white_space}';
                   return new Set(Array.from(span.getClientRects()).map(r => Math.round(r.top))).size;
                 }})"
            )))
            .unwrap_or_default()
        };
        let kept = lines_of_kept_terms("");
        assert!(
            kept.len() > 5,
            "{path}: too few kept terms to tell: {kept:?}"
        );
        assert!(kept.iter().all(|lines| *lines == 1), "{path}: {kept:?}");
        // Keeping terms whole never makes the title wider than the column.
        assert!(
            page.eval_bool(
                "(h => h.scrollWidth <= h.clientWidth + 1)(document.querySelector('main h1'))"
            ),
            "{path}: the title overflows"
        );
        if path == "th/return/process.html" {
            // Its title names ผู้เสียหาย, which the template marks too.
            assert!(page.eval_bool("document.querySelectorAll('main h1 k-w').length > 0"));
        }
        // The same terms do break without the rule, so the check above is not empty.
        let free = lines_of_kept_terms("normal");
        assert!(free.iter().any(|lines| *lines > 1), "{path}: {free:?}");
        page.assert_clean();
    }
}
