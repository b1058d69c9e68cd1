//! Phones first: every page of the bundled handbook fits a 360 x 740 screen in both languages
//! (and loads offline, checked in the same pass),
//! the flow diagram switches to its one-column layout with readable text, guide mode stays small
//! and is remembered, and the home page's role chooser remembers the reader's role.

use crate::sites::{bundled_site, fixture_site, html_pages};
use crate::support::{browser, protocol, Page};
use headless_chrome::protocol::cdp::Emulation;

const WIDTH: u32 = 360;
const HEIGHT: u32 = 740;

/// Makes the tab a 360 x 740 phone (the override stays for later navigations in the tab).
fn phone(page: &Page) {
    page.call(protocol::<Emulation::SetDeviceMetricsOverride>(
        serde_json::json!({
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": true
        }),
    ));
}

/// Opens `url` in a phone tab and waits until the page is laid out at the phone's width.
fn goto(page: &Page, url: &str) {
    page.goto(url);
    page.wait_for(
        &format!("document.documentElement.clientWidth === {WIDTH}"),
        "a 360-pixel screen",
    );
}

/// One pass over every page of the bundled handbook (the slowest thing the browser suite does),
/// checking two things of each: it fits a 360-pixel screen, and, opened from a disk, it requests
/// nothing but local files and logs no error (the offline check of `offline.rs`, folded in here).
#[test]
fn every_page_fits_a_360_pixel_screen_and_loads_offline_in_both_languages() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    phone(&page);
    let mut too_wide = Vec::new();
    let pages = html_pages(&site);
    assert!(pages.len() > 100, "only {} pages", pages.len());
    for path in &pages {
        page.forget();
        goto(&page, &crate::sites::file_url(&site.join(path)));
        page.assert_clean();
        let width = page
            .eval("document.documentElement.scrollWidth")
            .as_u64()
            .unwrap_or(u64::MAX);
        if width > u64::from(WIDTH) {
            too_wide.push(format!("{path}: {width} px"));
        }
    }
    assert!(
        too_wide.is_empty(),
        "{} pages are wider than a {WIDTH}-pixel screen:\n{}",
        too_wide.len(),
        too_wide.join("\n")
    );
}

#[test]
fn the_diagram_on_a_phone_is_one_column_with_text_of_at_least_12_pixels() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for path in ["th/return/process.html", "en/return/process.html"] {
        let page = browser.new_page();
        phone(&page);
        goto(&page, &crate::sites::file_url(&site.join(path)));
        assert!(
            page.is_visible("svg.flow-narrow"),
            "{path}: no phone layout"
        );
        assert!(
            !page.is_visible("svg.flow-diagram"),
            "{path}: the swimlanes show on a phone"
        );
        assert!(page.eval_bool("document.documentElement.scrollWidth <= 360"));
        // Every box names its lane and its step.
        assert_eq!(
            page.eval(
                "document.querySelectorAll('svg.flow-narrow a.flow-card .flow-card-lane').length"
            ),
            11
        );
        // Rendered size of the smallest text: font size times the SVG's scale on screen.
        let smallest = page
            .eval(
                "(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                   return Math.min(...Array.from(svg.querySelectorAll('text'))
                     .map(t => parseFloat(t.getAttribute('font-size')) * scale)); })
                 (document.querySelector('svg.flow-narrow'))",
            )
            .as_f64()
            .unwrap_or(0.0);
        assert!(smallest >= 12.0, "{path}: text at {smallest:.1} px");
        // No line of a box is wider than the box.
        assert!(
            page.eval_bool(
                "Array.from(document.querySelectorAll('svg.flow-narrow a.flow-card')).every(card => {
                   const box = card.querySelector('rect').getBoundingClientRect();
                   return Array.from(card.querySelectorAll('tspan')).every(line => {
                     const r = line.getBoundingClientRect();
                     return r.left >= box.left - 0.5 && r.right <= box.right + 0.5; }); })"
            ),
            "{path}: a line runs out of its box"
        );
        page.assert_clean();
    }
    // On a desktop, the swimlanes: an 11-step procedure well under 1,300 pixels tall.
    let page = browser.open(&site.join("th/return/process.html"));
    assert!(page.is_visible("svg.flow-diagram") && !page.is_visible("svg.flow-narrow"));
    let height = page
        .eval("document.querySelector('svg.flow-diagram').getBoundingClientRect().height")
        .as_f64()
        .unwrap_or(f64::MAX);
    assert!(height < 1000.0, "the diagram is {height:.0} px tall");
}

#[test]
fn guide_mode_is_small_on_a_phone_and_remembered_with_its_step() {
    let Some(browser) = browser() else { return };
    let page = browser.new_page();
    phone(&page);
    goto(
        &page,
        &crate::sites::file_url(&fixture_site("browser-site").join("en/guide/process.html")),
    );
    page.click("[data-guide-toggle]");
    page.click("[data-guide-next]");
    let current =
        |page: &Page| page.eval_string("document.querySelector('.step.guide-current').id");
    assert_eq!(current(&page), "step-return");
    page.reload();
    assert_eq!(
        page.eval_string(
            "document.querySelector('[data-guide-toggle]').getAttribute('aria-pressed')"
        ),
        "true",
        "guide mode was forgotten on reload"
    );
    assert_eq!(
        current(&page),
        "step-return",
        "the step shown was forgotten"
    );

    // The list of steps is in a drawer, closed until asked for.
    assert!(!page.is_visible("[data-guide-drawer]"));
    page.click("[data-guide-drawer-toggle]");
    assert!(page.is_visible("[data-guide-drawer]"));
    page.click("[data-guide-step-list] li:first-child a");
    assert_eq!(current(&page), "step-intake");
    assert!(!page.is_visible("[data-guide-drawer]"));
    // Escape closes it too, back on its button.
    page.click("[data-guide-drawer-toggle]");
    page.press("Escape");
    assert!(!page.is_visible("[data-guide-drawer]"));
    assert!(page.eval_bool("document.activeElement.matches('[data-guide-drawer-toggle]')"));

    page.click("[data-guide-toggle]");
    page.reload();
    assert!(page.eval_bool("!document.body.classList.contains('guide-on')"));
    page.assert_clean();

    // On the bundled handbook's longest pages, in Thai, the sticky bar is at most 15% of the screen.
    let site = bundled_site();
    for path in [
        "th/return/process.html",
        "th/roles/case-manager.html",
        "en/roles/social-worker.html",
    ] {
        goto(&page, &crate::sites::file_url(&site.join(path)));
        if !page.eval_bool("document.body.classList.contains('guide-on')") {
            page.click("[data-guide-toggle]");
        }
        let height = page
            .eval("document.querySelector('[data-guide-bar]').getBoundingClientRect().height")
            .as_f64()
            .unwrap_or(f64::MAX);
        if let Some(folder) = std::env::var_os("HANDBOOK_SCREENSHOTS") {
            let name = path.replace('/', "-").replace(".html", "-guide.png");
            page.screenshot(&std::path::Path::new(&folder).join(name));
        }
        assert!(
            height <= 0.15 * f64::from(HEIGHT),
            "{path}: the guide bar is {height:.0} px of {HEIGHT}"
        );
        assert!(
            page.eval_bool("document.documentElement.scrollWidth <= 360"),
            "{path}"
        );
        page.click("[data-guide-toggle]");
    }
}

#[test]
fn the_home_page_remembers_the_role_chosen_until_not_me() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    phone(&page);
    let home = crate::sites::file_url(&site.join("en/index.html"));
    goto(&page, &home);
    assert!(
        !page.is_visible("[data-role-mine]"),
        "a role is offered before any was chosen"
    );
    // Two taps: the level, then the role.
    page.click("details[data-level='provincial'] summary");
    let chosen =
        page.follow("details[data-level='provincial'] a[data-role-choice='social-worker']");
    assert!(chosen.ends_with("en/roles/social-worker.html"), "{chosen}");
    goto(&page, &home);
    assert!(
        page.is_visible("[data-role-mine]"),
        "the role chosen is not offered again"
    );
    assert_eq!(
        page.eval_string("document.querySelector('[data-role-mine-link]').textContent"),
        "Social worker"
    );
    page.click("[data-role-not-me]");
    assert!(!page.is_visible("[data-role-mine]"));
    page.reload();
    assert!(
        !page.is_visible("[data-role-mine]"),
        "\"not me\" did not forget the role"
    );
    page.assert_clean();
}

#[test]
fn a_wide_table_scrolls_in_its_own_named_focusable_region() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    phone(&page);
    let mut regions_seen = 0;
    for path in [
        "en/index.html",
        "th/index.html",
        "en/annex/directory.html",
        "th/annex/directory.html",
        "th/follow-up/data-reporting.html",
    ] {
        goto(&page, &crate::sites::file_url(&site.join(path)));
        assert!(
            page.eval_bool("Array.from(document.querySelectorAll('main table')).every(t => t.parentNode.classList.contains('table-scroll'))"),
            "{path}: a table outside a scroll region"
        );
        // A region that scrolls is named and focusable; one that fits is neither (no extra tab stop).
        let regions = page.eval(
            "Array.from(document.querySelectorAll('main .table-scroll')).map(r =>
               [r.scrollWidth > r.clientWidth + 1, r.getAttribute('role'), r.tabIndex, r.getAttribute('aria-label') || '',
                !r.previousElementSibling.hidden && r.previousElementSibling.classList.contains('table-scroll-hint')])",
        );
        for region in regions.as_array().cloned().unwrap_or_default() {
            if region[0] == true {
                regions_seen += 1;
                assert_eq!(region[1], "region", "{path}: {region}");
                assert_eq!(region[2], 0, "{path}: not keyboard-focusable: {region}");
                assert_ne!(region[3], "", "{path}: no name: {region}");
                assert_eq!(
                    region[4], true,
                    "{path}: no written cue that it scrolls: {region}"
                );
            } else {
                assert!(region[1].is_null(), "{path}: {region}");
                assert_eq!(
                    region[4], false,
                    "{path}: a cue on a table that fits: {region}"
                );
            }
        }
        assert!(
            page.eval_bool("document.documentElement.scrollWidth <= 360"),
            "{path}"
        );
        if page.eval_bool("document.querySelector('main .table-scroll[role=region]') !== null") {
            // Keyboard: focus the region and the arrow key scrolls it.
            page.eval("document.querySelector('main .table-scroll[role=region]').focus()");
            page.press("ArrowRight");
            page.wait_for(
                "document.querySelector('main .table-scroll[role=region]').scrollLeft > 0",
                "the arrow key to scroll the table",
            );
        }
        let serious: Vec<String> = page
            .axe()
            .iter()
            .filter(|v| matches!(v.impact.as_deref(), Some("serious" | "critical")))
            .map(|v| format!("{v:?}"))
            .collect();
        assert!(serious.is_empty(), "{path}: {serious:?}");
    }
    assert!(
        regions_seen > 0,
        "no table was wide enough to scroll: the check above is empty"
    );
}
