//! Procedure pages in a real browser: checklist ticks survive a reload, guide mode walks the steps
//! with next/previous, and progress can be saved to a file and opened back.

use crate::sites::fixture_site;
use crate::support::{browser, Page};

const PROCEDURE: &str = "en/guide/process.html";

fn checked(page: &Page) -> Vec<bool> {
    serde_json::from_value(
        page.eval(
            "Array.from(document.querySelectorAll('input[data-check]')).map(box => box.checked)",
        ),
    )
    .unwrap_or_default()
}

#[test]
fn a_checklist_tick_survives_a_reload_until_reset() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join(PROCEDURE));
    assert!(
        page.is_visible("[data-guide-bar]"),
        "the guide bar is not shown"
    );
    assert_eq!(checked(&page), [false, false, false]);

    page.click("input[data-check='intake-2']");
    assert_eq!(checked(&page), [false, true, false]);
    assert_eq!(
        page.eval_string("document.querySelector('[data-guide-count]').textContent"),
        "1 of 3 items done"
    );

    page.reload();
    assert_eq!(
        checked(&page),
        [false, true, false],
        "the tick was lost on reload"
    );
    assert_eq!(
        page.eval("document.querySelector('[data-guide-progress]').value"),
        1
    );

    page.click("[data-guide-reset]");
    page.reload();
    assert_eq!(
        checked(&page),
        [false, false, false],
        "reset did not clear the ticks"
    );
    page.assert_clean();
}

#[test]
fn guide_mode_shows_one_step_at_a_time_with_next_and_previous() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join(PROCEDURE));
    let current =
        |page: &Page| page.eval_string("document.querySelector('.step.guide-current').id");
    let position = |page: &Page| {
        page.eval_string("document.querySelector('[data-guide-position]').textContent")
    };

    page.click("[data-guide-toggle]");
    assert_eq!(
        page.eval_string(
            "document.querySelector('[data-guide-toggle]').getAttribute('aria-pressed')"
        ),
        "true"
    );
    assert_eq!(current(&page), "step-intake");
    assert_eq!(position(&page), "Step 1 of 2");
    assert!(page.eval_bool("document.querySelector('[data-guide-prev]').disabled"));
    assert!(
        !page.is_visible("#step-return"),
        "guide mode shows more than the current step"
    );

    page.click("[data-guide-next]");
    assert_eq!(current(&page), "step-return");
    assert_eq!(position(&page), "Step 2 of 2");
    assert!(page.eval_bool("document.querySelector('[data-guide-next]').disabled"));
    assert!(
        page.eval_bool("document.querySelector('.guide-current').contains(document.activeElement)"),
        "focus did not move to the step shown"
    );

    page.click("[data-guide-prev]");
    assert_eq!(current(&page), "step-intake");
    page.assert_clean();
}

#[test]
fn progress_saved_to_a_file_opens_back() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("browser-site").join(PROCEDURE));
    let downloads = tempfile::tempdir().expect("temporary folder");
    page.download_into(downloads.path());
    page.click("input[data-check='intake-1']");
    page.click("input[data-check='return-1']");
    // The save button is shown only where storage is refused; it works the same everywhere.
    page.eval("document.querySelector('[data-guide-save]').click(), true");
    let saved = page.wait_for_download(downloads.path(), ".json");

    page.click("[data-guide-reset]");
    assert_eq!(checked(&page), [false, false, false]);
    page.choose_file("[data-guide-file]", &saved);
    page.wait_for(
        "document.querySelectorAll('input[data-check]:checked').length === 2",
        "the saved ticks to come back",
    );
    assert_eq!(checked(&page), [true, false, true]);
    page.assert_clean();
}
