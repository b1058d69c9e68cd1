//! The sidebar written once per branch, in a browser: its script puts the list in place, marks the
//! page and opens its branch, at 360 and 1280 pixels, by keyboard, and without JavaScript the page
//! still links on.

use crate::sites::fixture_site;
use crate::support::{browser, protocol, Page};
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument;

const SITE: &str = "browser-site";

fn texts(page: &Page, css: &str) -> Vec<String> {
    serde_json::from_value(page.eval(&format!(
        "Array.from(document.querySelectorAll({})).map(e => e.textContent.trim())",
        serde_json::json!(css)
    )))
    .unwrap_or_default()
}

/// What every page of the branch shows, whatever the width: the list in place, the page marked.
fn assert_branch_listed(page: &Page) {
    // Inserted where its script stands, inside the sidebar, before the page went on.
    assert!(page.eval_bool(
        "document.querySelector('#sidebar > script').previousElementSibling.matches('#sidebar > ul')"
    ));
    assert_eq!(texts(page, "#sidebar > ul > li > a"), ["บทนำ"]);
    assert_eq!(
        texts(page, "#sidebar li.open > ul > li > a"),
        ["ความยินยอม", "ขั้นตอนการส่งกลับ"]
    );
    assert_eq!(texts(page, "#sidebar [aria-current=page]"), ["ความยินยอม"]);
    assert!(page.eval_bool(
        "(a => a.href === location.href && a.parentElement.matches('li.current.open'))(document.querySelector('#sidebar [aria-current=page]'))"
    ));
    // Links start from this page's place, two folders down.
    assert_eq!(
        page.eval_string("document.querySelector('#sidebar > ul > li > a').getAttribute('href')"),
        "../../th/guide/index.html"
    );
}

#[test]
fn the_sidebar_lists_the_branch_and_marks_the_page_on_a_wide_screen_and_by_keyboard() {
    let Some(browser) = browser() else { return };
    let page = browser.new_page();
    // Watches the page being parsed: when <main> first exists, is the sidebar's list there?
    page.call(protocol::<AddScriptToEvaluateOnNewDocument>(
        serde_json::json!({
            "source": "window.sidebarBeforeMain = null;
          new MutationObserver(function () {
            if (window.sidebarBeforeMain === null && document.querySelector('main'))
              window.sidebarBeforeMain = !!document.querySelector('#sidebar > ul');
          }).observe(document, { childList: true, subtree: true });"
        }),
    ));
    page.goto(&crate::sites::file_url(
        &fixture_site(SITE).join("th/guide/consent.html"),
    ));
    assert!(page.eval_bool("innerWidth === 1280"));
    assert!(page.is_visible("#sidebar li.open > ul"));
    assert_branch_listed(&page);
    // Inserted while the page was parsed: the list was there before the page's text was, so
    // nothing moves when it comes (a layout-shift check is upset by web fonts under load).
    assert_eq!(
        page.eval("window.sidebarBeforeMain"),
        serde_json::json!(true),
        "the sidebar's list came after the page's main text"
    );
    // By keyboard: after the home link comes the list, and Enter follows a link.
    page.eval("document.querySelector('#sidebar .sidebar-home a').focus()");
    page.press("Tab");
    assert_eq!(
        page.eval_string("document.activeElement.textContent.trim()"),
        "บทนำ"
    );
    page.press("Tab");
    page.press("Tab");
    assert_eq!(
        page.eval_string("document.activeElement.textContent.trim()"),
        "ขั้นตอนการส่งกลับ"
    );
    page.press("Enter");
    page.wait_for(
        "location.pathname.endsWith('/th/guide/process.html') && document.readyState === 'complete'",
        "the procedure page",
    );
    assert_eq!(
        texts(&page, "#sidebar [aria-current=page]"),
        ["ขั้นตอนการส่งกลับ"]
    );
    page.assert_clean();
}

#[test]
fn on_a_phone_the_menu_button_opens_the_sidebar_by_keyboard() {
    let Some(browser) = browser() else { return };
    let page = browser.new_page();
    page.call(protocol::<Emulation::SetDeviceMetricsOverride>(
        serde_json::json!({ "width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true }),
    ));
    let site = fixture_site(SITE);
    page.goto(&crate::sites::file_url(&site.join("th/guide/consent.html")));
    page.wait_for("document.documentElement.clientWidth === 360", "a phone");
    assert!(!page.is_visible("#sidebar"), "the drawer starts closed");
    assert!(page.is_visible(".nav-toggle"));
    page.eval("document.querySelector('.nav-toggle').focus()");
    page.press("Enter");
    assert!(page.is_visible("#sidebar li.open > ul"));
    assert_eq!(
        page.eval_string("document.querySelector('.nav-toggle').getAttribute('aria-expanded')"),
        "true"
    );
    assert_branch_listed(&page);
    assert!(page.eval_bool("document.documentElement.scrollWidth <= 360"));
    page.assert_clean();
}

#[test]
fn without_javascript_the_sidebar_still_links_to_the_chapter() {
    let Some(browser) = browser() else { return };
    let page = browser.new_page();
    page.call(protocol::<Emulation::SetScriptExecutionDisabled>(
        serde_json::json!({ "value": true }),
    ));
    let site = fixture_site(SITE);
    page.goto(&crate::sites::file_url(&site.join("en/guide/consent.html")));
    // No list, but the home link and, from <noscript>, the page listing this chapter's pages.
    assert!(page.eval_bool("!document.querySelector('#sidebar ul')"));
    assert!(page.is_visible("#sidebar .sidebar-home a"));
    assert!(page.is_visible("#sidebar .sidebar-no-script a"));
    assert_eq!(
        page.eval_string("document.querySelector('#sidebar .sidebar-no-script a').textContent"),
        "Introduction"
    );
    // (Clicking needs the page's scripts in headless_chrome: go where the link leads.)
    let chapter = page.eval_string("document.querySelector('#sidebar .sidebar-no-script a').href");
    assert!(chapter.ends_with("/en/guide/index.html"), "{chapter}");
    page.goto(&chapter);
    assert!(page.is_visible(".chapter-contents a"));
}
