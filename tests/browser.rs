//! Browser tests: the fixture and bundled handbooks, built and opened from file:// in headless
//! Chromium. Skipped with a loud message when Chromium is missing, unless CI is set (then they fail).
//! Helpers live in browser/support.rs (the browser) and browser/sites.rs (the built handbooks).

// Shared APIs: not every test file uses every helper.
#[allow(dead_code)]
#[path = "browser/sites.rs"]
mod sites;
#[allow(dead_code)]
#[path = "browser/support.rs"]
mod support;
/// The TestSite builder of the other integration tests (copying fixtures).
#[path = "support/mod.rs"]
mod test_site;

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/editions.rs"]
mod editions;
#[path = "browser/fonts.rs"]
mod fonts;
#[path = "browser/form_pages.rs"]
mod form_pages;
#[path = "browser/forms.rs"]
mod forms;
#[path = "browser/navigation.rs"]
mod navigation;
#[path = "browser/offline.rs"]
mod offline;
#[path = "browser/pack.rs"]
mod pack;
#[path = "browser/phones.rs"]
mod phones;
#[path = "browser/print.rs"]
mod print;
#[path = "browser/print_paper.rs"]
mod print_paper;
#[path = "browser/print_terms.rs"]
mod print_terms;
#[path = "browser/procedures.rs"]
mod procedures;
#[path = "browser/search.rs"]
mod search;
#[path = "browser/serve.rs"]
mod serve;
#[path = "browser/sidebar.rs"]
mod sidebar;
