//! Annex forms in a real browser: show_if, the required-field check, saving to a file and opening
//! it back (plain and with a passphrase), and the blank form printed on A4.

use crate::sites::fixture_site;
use crate::support::{browser, pdf_info, Page};

const FORM: &str = "en/forms/every-field.html";

fn value(page: &Page, name: &str) -> String {
    page.eval_string(&format!("document.querySelector('[name={name}]').value"))
}

#[test]
fn a_part_with_show_if_appears_only_when_its_condition_holds() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("forms-all-types").join(FORM));
    let shown = |page: &Page| page.is_visible("[name=health_details]");
    assert!(
        !shown(&page),
        "health details are shown before 'Health' is chosen"
    );
    page.click("input[name=needs][value=health]");
    page.wait_for(
        "document.querySelector('[name=health_details]').getClientRects().length > 0",
        "the health details to appear",
    );
    page.click("input[name=needs][value=health]");
    page.wait_for(
        "document.querySelector('[name=health_details]').getClientRects().length === 0",
        "the health details to hide again",
    );
    page.assert_clean();
}

#[test]
fn check_marks_a_missing_required_answer_until_it_is_given() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("forms-all-types").join(FORM));
    let invalid = |page: &Page| {
        page.eval_string(
            "document.querySelector('[name=case_code]').getAttribute('aria-invalid') || ''",
        )
    };
    page.click("[data-action=check]");
    assert_eq!(
        invalid(&page),
        "true",
        "an empty required field is not marked"
    );
    assert!(
        !page
            .eval_string("document.querySelector('[data-form-status]').textContent")
            .is_empty(),
        "check said nothing"
    );
    page.type_text("[name=case_code]", "C-2026-001");
    page.click("[data-action=check]");
    assert_ne!(
        invalid(&page),
        "true",
        "a filled required field is still marked"
    );
    page.assert_clean();
}

/// Saves the form through the passphrase dialog (empty passphrase: a plain file) and returns the file.
fn save(
    page: &Page,
    downloads: &std::path::Path,
    passphrase: &str,
    suffix: &str,
) -> std::path::PathBuf {
    page.download_into(downloads);
    page.click("[data-action=save]");
    page.wait_for(
        "document.querySelector('[data-passphrase-dialog]').open",
        "the save dialog",
    );
    if !passphrase.is_empty() {
        page.type_text("[data-passphrase]", passphrase);
        page.type_text("[data-passphrase-again]", passphrase);
    }
    page.click("[data-passphrase-ok]");
    page.wait_for_download(downloads, suffix)
}

#[test]
fn a_form_saved_to_a_file_opens_back_in_a_fresh_page() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("forms-all-types");
    let downloads = tempfile::tempdir().expect("temporary folder");
    let page = browser.open(&site.join(FORM));
    page.type_text("[name=case_code]", "C-2026-001");
    page.type_text("[name=full_name]", "สมชาย ใจดี");
    let saved = save(&page, downloads.path(), "", ".json");
    let text = std::fs::read_to_string(&saved).expect("read the saved file");
    assert!(text.contains("C-2026-001"), "{text}");

    let fresh = browser.open(&site.join(FORM));
    assert_eq!(value(&fresh, "case_code"), "");
    fresh.choose_file("[data-open-file]", &saved);
    fresh.wait_for(
        "document.querySelector('[name=case_code]').value === 'C-2026-001'",
        "the saved answers to come back",
    );
    assert_eq!(value(&fresh, "full_name"), "สมชาย ใจดี");
    page.assert_clean();
    fresh.assert_clean();
}

#[test]
fn a_form_saved_with_a_passphrase_is_unreadable_without_it_and_opens_with_it() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("forms-all-types");
    let downloads = tempfile::tempdir().expect("temporary folder");
    let page = browser.open(&site.join(FORM));
    page.type_text("[name=full_name]", "สมชาย ใจดี");
    let saved = save(
        &page,
        downloads.path(),
        "correct horse battery",
        ".encrypted.json",
    );
    let text = std::fs::read_to_string(&saved).expect("read the saved file");
    assert!(
        !text.contains("สมชาย"),
        "the encrypted file holds the name in clear"
    );

    let fresh = browser.open(&site.join(FORM));
    fresh.choose_file("[data-open-file]", &saved);
    fresh.wait_for(
        "document.querySelector('[data-passphrase-dialog]').open",
        "the passphrase dialog",
    );
    fresh.type_text("[data-passphrase]", "correct horse battery");
    fresh.click("[data-passphrase-ok]");
    fresh.wait_for(
        "document.querySelector('[name=full_name]').value === 'สมชาย ใจดี'",
        "the decrypted answers",
    );
    page.assert_clean();
    fresh.assert_clean();
}

#[test]
fn a_blank_form_prints_on_a4() {
    let Some(browser) = browser() else { return };
    let page = browser.open(&fixture_site("forms-all-types").join(FORM));
    let pdf = page.print_to_pdf();
    let Some(info) = pdf_info(&pdf) else { return };
    assert!(
        info.is_a4(),
        "the blank form is not printed on A4: {info:?}"
    );
    // Two parts with a field of every type, a table and signature blocks: two pages since
    // one-line answers sit on their question's line and one signer's block beside another
    // (three before; a change means the paper layout changed: look at the PDF).
    assert_eq!(info.pages, 2, "{info:?}");
    page.assert_clean();
}
