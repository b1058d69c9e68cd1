//! Offline and Content-Security-Policy: pages opened from a disk request nothing but local files,
//! log no errors, run the site's own script and fonts, and refuse inline or remote code.

use crate::sites::file_url;
use crate::sites::{fixture_site, html_pages};
use crate::support::browser;
use std::path::Path;

/// Opens every page of a built site in turn, in one tab, and checks each on its own.
fn assert_every_page_clean(site: &Path) {
    let Some(browser) = browser() else { return };
    let tab = browser.new_page();
    for page in html_pages(site) {
        tab.forget();
        tab.goto(&file_url(&site.join(&page)));
        tab.assert_clean();
    }
}

#[test]
fn every_fixture_page_loads_offline_without_console_errors() {
    assert_every_page_clean(&fixture_site("browser-site"));
}

// Every page of the bundled handbook is checked the same way in `phones.rs`, in the same pass
// that measures its width at 360 pixels: one walk over the whole site instead of two.

#[test]
fn the_csp_lets_the_site_script_and_fonts_run_from_a_disk() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join("th/guide/consent.html"));
    assert!(
        page.eval_bool("document.documentElement.classList.contains('js')"),
        "site.js did not run under the Content-Security-Policy"
    );
    assert!(
        page.eval_bool("!document.querySelector('.nav-toggle').hidden"),
        "site.js did not set up the menu button"
    );
    let loaded = page.eval(
        "Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)",
    );
    let loaded: Vec<String> = serde_json::from_value(loaded).unwrap_or_default();
    assert!(
        loaded
            .iter()
            .any(|font| font.contains("Sarabun") && font.ends_with("400")),
        "the Sarabun web font did not load (loaded: {loaded:?})"
    );
    page.assert_clean();
}

#[test]
fn the_csp_refuses_inline_script_and_remote_resources() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join("en/index.html"));
    page.eval(
        "(() => { const s = document.createElement('script');
                  s.textContent = 'window.inlineRan = true';
                  document.body.appendChild(s); return true; })()",
    );
    assert!(
        !page.eval_bool("window.inlineRan === true"),
        "an inline script ran: the CSP does not forbid inline script"
    );
    // A loopback address: if the CSP let it through, nothing would leave the machine anyway.
    page.eval(
        "new Promise(done => { const img = new Image(); img.onload = img.onerror = () => done(true);
                               img.src = 'http://127.0.0.1:9/remote.png'; })",
    );
    let problems = page.problems();
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("Content Security Policy")
                && problem.contains("127.0.0.1")),
        "no CSP violation was reported for the remote image: {problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("127.0.0.1") && problem.contains("blocked: Csp")),
        "the remote image was not blocked by the CSP: {problems:#?}"
    );
}
