//! Annex forms on a phone and a desktop: the header order, the action bar and the quick exit, the
//! error summary, stable question numbers, dates as each language writes them, encrypted drafts,
//! table rows reflowed into cards, and no form page wider than a 360-pixel screen.

use crate::sites::{bundled_site, fixture_site, html_pages, page_kind, parse};
use crate::support::{browser, protocol, Page};
use headless_chrome::protocol::cdp::Emulation;
use serde_json::json;

const FORM: &str = "forms/every-field.html";

fn every_field(lang: &str) -> std::path::PathBuf {
    fixture_site("forms-all-types").join(format!("{lang}/{FORM}"))
}

/// Makes the page as wide as a phone (or a desktop) and waits for its layout to follow. Not in
/// "mobile" mode: a phone browser zooms out of a page wider than the screen, which would hide the
/// very overflow the tests look for.
fn viewport(page: &Page, width: u32, height: u32) {
    page.call(protocol::<Emulation::SetDeviceMetricsOverride>(json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false
    })));
    page.wait_for(
        &format!("window.innerWidth === {width}"),
        "the viewport to change",
    );
}

/// The top of the first element matching `selector`, in page coordinates.
fn top(page: &Page, selector: &str) -> f64 {
    page.eval(&format!(
        "document.querySelector({}).getBoundingClientRect().top + window.scrollY",
        json!(selector)
    ))
    .as_f64()
    .unwrap_or_else(|| panic!("no element {selector}"))
}

#[test]
fn a_form_opens_with_breadcrumbs_code_and_title_then_its_purpose_then_the_actions() {
    let Some(browser) = browser() else { return };
    for width in [360, 1280] {
        let page = browser.open(&every_field("en"));
        viewport(&page, width, 800);
        let order = [
            ".breadcrumbs",
            ".paper-code",
            "h1",
            ".form-summary",
            "[data-action=check]",
            ".form-section",
        ];
        let tops: Vec<f64> = order.iter().map(|s| top(&page, s)).collect();
        for pair in 0..order.len() - 1 {
            assert!(
                tops[pair] < tops[pair + 1],
                "at {width} px, {} ({}) is not above {} ({})",
                order[pair],
                tops[pair],
                order[pair + 1],
                tops[pair + 1]
            );
        }
        assert!(
            page.eval_bool(
                "!!document.querySelector('.breadcrumbs a[href$=\"forms/index.html\"]')"
            ),
            "the breadcrumbs do not lead to the forms index"
        );
        // The actions, grouped: fill, file, then print (folded).
        let groups = page.eval_string(
            "[...document.querySelectorAll('.action-group')].map(g => [...g.querySelectorAll('[data-action]')].map(b => b.dataset.action).join(' ')).join(' | ')",
        );
        assert_eq!(
            groups,
            "check | save open clear | print-filled print-blank print-blank-guidance"
        );
        page.assert_clean();
    }
}

#[test]
fn the_quick_exit_is_apart_from_check_answers_and_empties_everything_as_it_leaves() {
    let Some(browser) = browser() else { return };
    for width in [360, 1280] {
        let page = browser.open(&every_field("en"));
        viewport(&page, width, 740);
        // The gap between the two boxes, 0 when they touch or overlap.
        let gap = page
            .eval(
                "(() => { const a = document.querySelector('[data-quick-exit]').getBoundingClientRect();
                  const b = document.querySelector('[data-action=check]').getBoundingClientRect();
                  const dx = Math.max(0, b.left - a.right, a.left - b.right);
                  const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
                  return Math.hypot(dx, dy); })()",
            )
            .as_f64()
            .unwrap_or_default();
        assert!(
            gap >= 48.0,
            "at {width} px Check answers is {gap} px from the quick exit"
        );
    }

    // One press: the answers and every draft go, and the page leaves for the home page.
    let page = browser.open(&every_field("en"));
    page.eval("localStorage.setItem('handbook-form-draft:other:1', 'x'); true");
    page.type_text("[name=full_name]", "Somchai");
    page.click("[data-quick-exit]");
    page.wait_for(
        "location.pathname.endsWith('/en/index.html') && document.readyState === 'complete'",
        "the quick exit to leave for the home page",
    );
    assert!(
        page.eval_bool(
            "Object.keys(localStorage).every(k => !k.startsWith('handbook-form-draft:'))"
        ),
        "a draft survived the quick exit"
    );

    // The keyboard shortcut: Shift three times.
    let page = browser.open(&every_field("th"));
    page.type_text("[name=full_name]", "สมชาย");
    page.eval("document.activeElement.blur(); true");
    for _ in 0..3 {
        page.press("Shift");
    }
    page.wait_for(
        "location.pathname.endsWith('/th/index.html')",
        "Shift three times to leave",
    );
}

/// Where the quick-exit strip ends: what is above it on screen is hidden under it.
fn exit_strip_bottom(page: &Page) -> f64 {
    page.eval("document.querySelector('.quick-exit-bar').getBoundingClientRect().bottom")
        .as_f64()
        .unwrap_or_default()
}

#[test]
fn check_answers_lists_the_questions_to_fix_at_the_top_with_links_and_focus() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&every_field("en"));
    viewport(&page, 360, 740);
    page.type_text("[name=age]", "300");
    page.click("[data-action=check]");
    page.wait_for(
        "!document.querySelector('[data-error-summary]').hidden",
        "the error summary",
    );
    assert!(
        page.eval_bool("document.activeElement === document.querySelector('[data-error-summary]')"),
        "focus did not move to the error summary"
    );
    let on_screen = page.eval_string(
        "(() => { const r = document.querySelector('[data-error-summary]').getBoundingClientRect(); return r.top + ' ' + innerHeight; })()",
    );
    let (at, height) = on_screen.split_once(' ').unwrap_or_default();
    let (at, height): (f64, f64) = (at.parse().unwrap_or(-1.0), height.parse().unwrap_or(0.0));
    assert!(
        at >= exit_strip_bottom(&page) && at < height,
        "the error summary is not on screen, below the quick exit: its top is at {at} of {height}"
    );
    let items = page.eval_string(
        "[...document.querySelectorAll('[data-error-list] a')].map(a => a.textContent + ' -> ' + a.getAttribute('href')).join('\\n')",
    );
    assert!(
        items.contains("1.1 Case code: Please answer this question. -> #f-case_code"),
        "{items}"
    );
    assert!(
        items.contains("1.4 Age: The number must be at most 120."),
        "{items}"
    );
    // Every link leads to a box of the form.
    assert!(page.eval_bool(
        "[...document.querySelectorAll('[data-error-list] a')].every(a => document.getElementById(a.getAttribute('href').slice(1)))"
    ));
    page.click("[data-error-list] a[href='#f-age']");
    assert_eq!(page.eval_string("document.activeElement.id"), "f-age");

    page.type_text("[name=case_code]", "C-1");
    page.eval("document.querySelector('[name=age]').value = '30'; true");
    page.click("[data-action=check]");
    let items = page.eval_string("document.querySelector('[data-error-list]').textContent");
    assert!(
        !items.contains("Case code") && !items.contains("Age"),
        "answered questions are still listed: {items}"
    );
    page.assert_clean();
}

#[test]
fn question_numbers_are_stable_and_the_visible_ones_have_no_gap() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&every_field("en"));
    // The numbers shown in part 1, in order.
    let shown = |page: &Page| -> Vec<String> {
        let text = page.eval_string(
            "[...document.querySelectorAll('[data-section=\"1\"] .question-number')].filter(n => n.getClientRects().length).map(n => n.textContent).join(' ')",
        );
        text.split(' ').map(str::to_string).collect()
    };
    let no_gap = |numbers: &[String]| {
        let main: Vec<u32> = numbers
            .iter()
            .filter(|n| !n.ends_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|n| n.strip_prefix("1.").and_then(|n| n.parse().ok()))
            .collect();
        assert_eq!(
            main,
            (1..=main.len() as u32).collect::<Vec<_>>(),
            "{numbers:?}"
        );
    };
    let hidden = shown(&page);
    no_gap(&hidden);
    // Part 2 is asked only for a child at home: while it is not asked, a line says so.
    assert!(!page.is_visible("[data-section='2']"));
    let skipped = page.eval_string("document.querySelector('[data-part-skipped]').innerText");
    assert!(
        page.is_visible("[data-part-skipped]") && skipped.contains("not asked"),
        "a part not asked leaves no word: {skipped:?}"
    );
    assert!(!hidden.contains(&"1.10a".to_string()), "{hidden:?}");
    page.click("input[name=needs][value=health]");
    page.wait_for(
        "document.querySelector('[name=health_details]').getClientRects().length > 0",
        "the health details",
    );
    let visible = shown(&page);
    no_gap(&visible);
    let at = |numbers: &[String], n: &str| numbers.iter().position(|x| x == n);
    assert_eq!(
        at(&visible, "1.10a").map(|i| i - 1),
        at(&visible, "1.10"),
        "the conditional question follows the one it depends on: {visible:?}"
    );
    assert_eq!(
        hidden
            .iter()
            .filter(|n| !n.ends_with('a'))
            .collect::<Vec<_>>(),
        visible
            .iter()
            .filter(|n| !n.ends_with('a'))
            .collect::<Vec<_>>(),
        "showing a question renumbered the others"
    );
}

/// Types `text` into a date box and leaves it, as a user does.
fn enter_date(page: &Page, selector: &str, text: &str) {
    page.eval(&format!(
        "document.querySelector({}).value = ''; true",
        json!(selector)
    ));
    page.type_text(selector, text);
    page.eval("document.activeElement.blur(); true");
}

#[test]
fn dates_are_entered_and_shown_as_each_language_writes_them_and_saved_as_iso() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("forms-all-types");
    let page = browser.open(&every_field("th"));
    let date = "[name=visit_date]";
    let value = |page: &Page| page.eval_string(&format!("document.querySelector('{date}').value"));
    enter_date(&page, date, "2026-11-28");
    assert_eq!(value(&page), "28/11/2569", "day/month/Buddhist-Era year");
    enter_date(&page, date, "๕/๑/๒๕๖๙");
    assert_eq!(value(&page), "05/01/2569", "Thai digits");
    enter_date(&page, date, "31/2/2569");
    page.click("[data-action=check]");
    assert!(
        page.eval_string("document.querySelector('[data-error-list]').textContent")
            .contains("28/11/2569"),
        "no date-format message for 31 February"
    );
    enter_date(&page, date, "28/11/2569");
    let downloads = tempfile::tempdir().expect("temporary folder");
    page.download_into(downloads.path());
    page.click("[data-action=save]");
    page.wait_for(
        "document.querySelector('[data-passphrase-dialog]').open",
        "the save dialog",
    );
    page.click("[data-passphrase-ok]");
    let saved = page.wait_for_download(downloads.path(), ".json");
    let text = std::fs::read_to_string(&saved).expect("read the saved file");
    assert!(text.contains("\"visit_date\": \"2026-11-28\""), "{text}");

    // The same file opened on the English page shows the English way; printed filled, too.
    let english = browser.open(&site.join(format!("en/{FORM}")));
    english.choose_file("[data-open-file]", &saved);
    english.wait_for(
        "document.querySelector('[name=visit_date]').value === '28 Nov 2026'",
        "the date shown the English way",
    );
    enter_date(&english, date, "5/1/2026");
    assert_eq!(value(&english), "5 Jan 2026");
    english.eval("document.documentElement.classList.add('print-filled'); true");
    let pdf = english.print_to_pdf();
    if let Some(pdf_text) = pdf_text(&pdf) {
        assert!(pdf_text.contains("5 Jan 2026"), "{pdf_text}");
    }
    page.assert_clean();
}

/// The text of a PDF (pdftotext), or None when poppler is missing (browser() already said so).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let folder = tempfile::tempdir().ok()?;
    let file = folder.path().join("form.pdf");
    std::fs::write(&file, pdf).ok()?;
    let output = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_draft_is_kept_encrypted_and_opens_with_its_passphrase() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&every_field("en"));
    page.eval("localStorage.clear(); true");
    page.click("[data-draft-toggle]");
    page.wait_for(
        "document.querySelector('[data-passphrase-dialog]').open",
        "the draft passphrase dialog",
    );
    page.type_text("[data-passphrase]", "correct horse battery");
    page.type_text("[data-passphrase-again]", "correct horse battery");
    page.click("[data-passphrase-ok]");
    page.wait_for(
        "document.querySelector('[data-draft-toggle]').checked",
        "the draft to be on",
    );
    page.type_text("[name=full_name]", "Somchai Jaidee");
    page.wait_for(
        "Object.keys(localStorage).some(k => k.startsWith('handbook-form-draft:') && localStorage.getItem(k).includes('\"encrypted\":true'))",
        "the encrypted draft",
    );
    page.wait_for("(() => { const k = Object.keys(localStorage).find(k => k.startsWith('handbook-form-draft:')); return JSON.parse(localStorage.getItem(k)).saved > '' && !localStorage.getItem(k).includes('Somchai'); })()", "the draft to be stored");
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert!(
        page.eval_bool("Object.values(localStorage).every(v => !v.includes('Somchai'))"),
        "the draft holds the name in clear"
    );

    let fresh = browser.open(&every_field("en"));
    assert_eq!(
        fresh.eval_string("document.querySelector('[name=full_name]').value"),
        ""
    );
    assert!(
        fresh.is_visible("[data-draft-found]"),
        "the kept draft is not offered"
    );
    fresh.click("[data-action=draft-open]");
    fresh.wait_for(
        "document.querySelector('[data-passphrase-dialog]').open",
        "the passphrase dialog",
    );
    fresh.type_text("[data-passphrase]", "correct horse battery");
    fresh.click("[data-passphrase-ok]");
    fresh.wait_for(
        "document.querySelector('[name=full_name]').value === 'Somchai Jaidee'",
        "the draft's answers",
    );
    fresh.eval("localStorage.clear(); true");
    page.assert_clean();
    fresh.assert_clean();
}

#[test]
fn on_a_phone_table_rows_are_cards_that_still_add_rows_and_totals() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&every_field("en"));
    viewport(&page, 360, 740);
    assert_eq!(
        page.eval_string(
            "getComputedStyle(document.querySelector('[data-table-rows] tr')).display"
        ),
        "block",
        "a row is not a card"
    );
    assert!(
        page.is_visible("[data-table-rows] tr .cell-label"),
        "a card does not show its column labels"
    );
    page.click("[data-action=add-row][data-table=services]");
    page.type_text("#f-services-cost-1", "100");
    page.type_text("#f-services-cost-2", "25.5");
    page.wait_for(
        "document.querySelector('[data-total-column=cost]').value === '125.5'",
        "the total of the two rows",
    );
    assert!(
        page.eval_bool("document.documentElement.scrollWidth <= 360"),
        "the form is wider than the phone"
    );
    page.assert_clean();
}

/// Every form page, the forms index, the print-all page and the role packs, in both languages.
fn form_pages(site: &std::path::Path) -> Vec<String> {
    html_pages(site)
        .into_iter()
        .filter(|page| {
            page.contains("/forms/") || {
                let kind = page_kind(&parse(site, page));
                kind.as_deref() == Some("role-print")
            }
        })
        .collect()
}

#[test]
fn no_form_page_print_all_or_role_pack_is_wider_than_a_phone() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let pages = form_pages(&site);
    assert!(pages.len() > 20, "{pages:?}");
    let page = browser.new_page();
    let mut wide = Vec::new();
    // Every page on a phone; the form pages on a desktop too, where wide tables scroll in place.
    let desktop = pages
        .iter()
        .filter(|p| p.contains("/forms/"))
        .map(|p| (p, 1280));
    for (path, screen) in pages.iter().map(|p| (p, 360)).chain(desktop) {
        page.goto(&crate::sites::file_url(&site.join(path)));
        viewport(&page, screen, 740);
        // Against the width left beside a vertical scrollbar, if there is one.
        let over = page
            .eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .as_f64()
            .unwrap_or_default();
        if over > 0.0 {
            wide.push(format!("{path} at {screen} px: {over} px too wide"));
        }
    }
    assert!(
        wide.is_empty(),
        "wider than the screen:\n{}",
        wide.join("\n")
    );
}

#[test]
fn the_forms_index_print_all_and_a_checked_form_have_no_serious_accessibility_problem() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for lang in ["th", "en"] {
        for path in ["forms/index.html", "forms/print-all.html"] {
            let page = browser.open(&site.join(format!("{lang}/{path}")));
            viewport(&page, 360, 740);
            page.assert_accessible();
        }
        // A form with its answers checked: the error summary, the messages and the open menus.
        let page = browser.open(&site.join(format!("{lang}/forms/reintegration-plan.html")));
        viewport(&page, 360, 740);
        page.eval("document.querySelectorAll('details').forEach(d => d.open = true); true");
        page.click("[data-action=check]");
        page.wait_for(
            "!document.querySelector('[data-error-summary]').hidden",
            "the error summary",
        );
        page.assert_accessible();
    }
}

#[test]
fn on_a_phone_the_forms_index_keeps_each_code_on_one_line_and_folds_the_steps() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for lang in ["th", "en"] {
        let page = browser.open(&site.join(format!("{lang}/forms/index.html")));
        viewport(&page, 360, 740);
        let codes = page.eval_string(
            "[...document.querySelectorAll('td.form-code')].map(td => { const r = document.createRange(); r.selectNodeContents(td); const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))); return td.textContent + '=' + lines.size; }).join(' ')",
        );
        assert!(!codes.is_empty());
        assert!(
            codes.split(' ').all(|code| code.ends_with("=1")),
            "{lang}: a code wraps: {codes}"
        );
        let sorted = page.eval_string(
            "[...document.querySelectorAll('td.form-code')].map(td => td.textContent).join(' ')",
        );
        let mut expected: Vec<&str> = sorted.split(' ').collect();
        expected.sort();
        assert_eq!(sorted, expected.join(" "), "{lang}: not sorted by code");
        assert!(
            page.eval_bool("[...document.querySelectorAll('details.form-used-by')].every(d => !d.open && !d.querySelector('ul').checkVisibility())"),
            "{lang}: the steps using a form are not folded"
        );
    }
}
