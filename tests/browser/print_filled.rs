//! The print documents as print.js fills them in Chromium: every entry's body from the stored documents (the same as the tests' `print::filled`), the chapter filter, the printed PDF's text, and the notice without JavaScript.

use crate::print_paper::pdf_pages;
use crate::sites::{bundled_site, file_url};
use crate::support::{browser, protocol, Page};
use crate::test_site::print::filled;
use headless_chrome::protocol::cdp::Emulation;
use scraper::{Html, Selector};
use std::path::Path;

/// Each print entry's id and text (whitespace collapsed), as Chromium shows the document.
fn shown_entries(page: &Page) -> Vec<(String, String)> {
    let json = page.eval_string(
        "JSON.stringify(Array.from(document.querySelectorAll('section.print-entry')).map(s => \
         [s.id, s.textContent.replace(/\\s+/g, ' ').trim()]))",
    );
    serde_json::from_str(&json).expect("the entries as JSON")
}

/// The same from the document as the tests' helper fills it, from the files of `site`.
fn expected_entries(site: &Path, path: &str) -> Vec<(String, String)> {
    let html = std::fs::read_to_string(site.join(path)).expect("read the print document");
    let document = Html::parse_document(&filled(&html, path, |file| {
        std::fs::read_to_string(site.join(file)).ok()
    }));
    let sections = Selector::parse("section.print-entry").expect("selector");
    document
        .select(&sections)
        .map(|section| {
            let text: String = section.text().collect();
            let words: Vec<&str> = text.split_whitespace().collect();
            (
                section.value().id().unwrap_or("").to_string(),
                words.join(" "),
            )
        })
        .collect()
}

#[test]
fn print_js_fills_every_entry_with_its_stored_body_and_the_pdf_has_the_text() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for lang in ["th", "en"] {
        for name in ["print.html", "print-return.html"] {
            let path = format!("{lang}/{name}");
            let page = browser.open(&site.join(&path));
            let shown = shown_entries(&page);
            let expected = expected_entries(&site, &path);
            assert_eq!(shown.len(), expected.len(), "{path}: entries");
            for ((id, text), (_, wanted)) in shown.iter().zip(&expected) {
                assert_eq!(text, wanted, "{path}#{id}");
            }
            // Every page's entry has its body after its title (not the title alone).
            let empty = page.eval_string(
                "Array.from(document.querySelectorAll('section.print-entry[data-docs]'))\
                 .filter(s => !s.querySelector('h2 + *')).map(s => s.id).join(' ')",
            );
            assert_eq!(empty, "", "{path}: entries left without a body");
            assert!(
                page.eval_bool("document.querySelectorAll('section.print-entry p').length > 20"),
                "{path}"
            );
            page.assert_clean();
            if name == "print-return.html" {
                // The printed chapter has its last page's words, as the helper's document has them.
                let (_, last) = expected.last().expect("an entry");
                let words: Vec<&str> = last.split(' ').skip(8).take(6).collect();
                let pages = pdf_pages(&page.print_to_pdf(), 20.0).expect("pdftotext reads it");
                assert!(
                    pages
                        .iter()
                        .any(|printed| printed.text_contains(&words.join(" "))),
                    "{path}: the PDF lacks \"{}\"",
                    words.join(" ")
                );
            }
        }
    }
}

#[test]
fn one_chapter_of_the_whole_book_is_shown_alone_with_its_pages_filled() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for lang in ["th", "en"] {
        let path = format!("{lang}/print.html");
        let page = browser.open(&site.join(&path));
        // The first chapter (after the home page's entry): an entry with entries under it.
        let id = page.eval_string(
            "(() => { const s = Array.from(document.querySelectorAll('section.print-entry')); \
             const depth = e => Number(/depth-(\\d+)/.exec(e.className)[1]); \
             const i = s.findIndex((e, n) => n > 0 && s[n + 1] && depth(s[n + 1]) > depth(e)); \
             return i < 0 ? '' : s[i].id; })()",
        );
        assert!(!id.is_empty(), "{path}: no sub-chapter");
        page.goto(&format!("{}?chapter={id}", file_url(&site.join(&path))));
        let shown = page.eval_string(
            "Array.from(document.querySelectorAll('section.print-entry')).filter(s => !s.hidden).map(s => s.id).join(' ')",
        );
        let shown: Vec<&str> = shown.split(' ').collect();
        assert_eq!(shown.first(), Some(&id.as_str()), "{path}");
        assert!(shown.len() > 1, "{path}: {shown:?}");
        let all =
            page.eval_string("String(document.querySelectorAll('section.print-entry').length)");
        assert!(
            shown.len() < all.parse().unwrap_or(0),
            "{path}: nothing hidden"
        );
        assert!(
            page.eval_bool(
                "Array.from(document.querySelectorAll('section.print-entry[data-docs]')).filter(s => !s.hidden).every(s => s.querySelector('h2 + *'))"
            ),
            "{path}: a shown entry has no body"
        );
        assert!(page.is_visible("[data-print-filter]"));
        page.assert_clean();
    }
}

#[test]
fn without_javascript_a_print_document_says_it_needs_it() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for (lang, needs) in [("th", "ต้องเปิด JavaScript"), ("en", "needs JavaScript")]
    {
        let page = browser.new_page();
        page.call(protocol::<Emulation::SetScriptExecutionDisabled>(
            serde_json::json!({ "value": true }),
        ));
        page.goto(&file_url(&site.join(lang).join("print-return.html")));
        assert!(page.is_visible(".print-noscript"), "{lang}");
        let notice = page.eval_string("document.querySelector('.print-noscript').textContent");
        assert!(notice.contains(needs), "{lang}: {notice}");
        // The contents and titles are there; the bodies are not.
        assert!(page.eval_bool("document.querySelectorAll('.print-toc li').length > 3"));
        assert!(page.eval_bool("!document.querySelector('section.print-entry h2 + p')"));
    }
}
