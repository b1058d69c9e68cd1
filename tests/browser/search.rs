//! Search in a real browser from file://: `window.handbook.search` and the header's search box
//! find Thai and English terms, and lead to pages that exist.

use crate::sites::{bundled_site, file_url, fixture_site};
use crate::support::browser;
use serde_json::Value;

/// `handbook.search(query)` on `page`, as `[url, title]` pairs.
fn search(page: &crate::support::Page, query: &str) -> Vec<(String, String)> {
    let found = page.eval(&format!(
        "handbook.search({}, {{ limit: 10 }}).then(results => results.map(r => [r.url, r.title]))",
        serde_json::json!(query)
    ));
    serde_json::from_value(found).unwrap_or_else(|error| panic!("search results: {error}"))
}

/// Opens `<lang>/search.html?q=<query>` of `site` (the query percent-encoded, as a link would).
fn open_results(page: &crate::support::Page, site: &std::path::Path, lang: &str, query: &str) {
    let search_page = site.join(lang).join("search.html");
    let mut url = url::Url::parse(&file_url(&search_page)).expect("file URL");
    url.query_pairs_mut().append_pair("q", query);
    page.goto(url.as_str());
}

/// On a results page that found nothing: waits for `link` in its status line, follows it, and
/// waits for results.
fn follow_from_no_results(page: &crate::support::Page, link: &str, what: &str) {
    page.wait_for(
        &format!(
            "document.querySelector({}) !== null",
            serde_json::json!(link)
        ),
        what,
    );
    assert!(
        page.eval_bool("document.querySelectorAll('[data-search-page-results] li').length === 0")
    );
    page.click(link);
    page.wait_for(
        "document.querySelectorAll('[data-search-page-results] li').length > 0",
        &format!("results after following {what}"),
    );
}

#[test]
fn the_search_function_finds_thai_and_english_terms_offline() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for (lang, query) in [
        ("th", "ผู้เสียหาย"),
        ("th", "การส่งกลับ"),
        ("en", "victim"),
        ("en", "reintegration"),
    ] {
        let page = browser.open(&site.join(lang).join("index.html"));
        let results = search(&page, query);
        assert!(!results.is_empty(), "{lang}: nothing found for {query}");
        for (url, title) in &results {
            assert!(
                url.starts_with(&format!("{lang}/")),
                "{query}: {url} is not in {lang}"
            );
            let file = url.split('#').next().unwrap_or_default();
            assert!(
                site.join(file).is_file(),
                "{query}: result {url} ({title}) leads nowhere"
            );
        }
        page.assert_clean();
    }
}

#[test]
fn the_search_box_shows_results_as_you_type_and_enter_opens_one() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("browser-site");
    let page = browser.open(&site.join("th/index.html"));
    page.type_text("[data-search-box]", "ความยินยอม");
    page.wait_for(
        "!document.querySelector('[data-search-results]').hidden && document.querySelectorAll('[data-search-results] [role=option]').length > 0",
        "results under the search box",
    );
    let first: Value =
        page.eval("document.querySelector('[data-search-results] [role=option] a').textContent");
    assert!(
        first
            .as_str()
            .is_some_and(|title| title.contains("ความยินยอม")),
        "first result: {first}"
    );
    page.press("ArrowDown");
    page.press("Enter");
    page.wait_for(
        "!location.pathname.endsWith('/th/index.html') && document.readyState === 'complete'",
        "Enter to open the chosen result",
    );
    page.wait_until_loaded();
    assert!(page.url().contains("/th/"), "{}", page.url());
    page.assert_clean();
}

#[test]
fn the_results_page_lists_english_results_from_the_address() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("browser-site");
    let page = browser.new_page();
    open_results(&page, &site, "en", "consent");
    page.wait_for(
        "document.querySelectorAll('[data-search-page-results] li a').length > 0",
        "results on the results page",
    );
    let hrefs: Vec<String> = serde_json::from_value(page.eval(
        "Array.from(document.querySelectorAll('[data-search-page-results] li a')).map(a => a.getAttribute('href'))",
    ))
    .unwrap_or_default();
    assert!(
        hrefs.iter().any(|href| href.contains("guide/consent.html")),
        "{hrefs:?}"
    );
    page.assert_clean();
}

#[test]
fn focusing_the_search_box_loads_the_index_before_the_first_word_is_typed() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("browser-site");
    let page = browser.open(&site.join("en/index.html"));
    let loaded_meta = |page: &crate::support::Page| {
        page.requests()
            .iter()
            .any(|url| url.ends_with("/search/en/meta.js"))
    };
    assert!(!loaded_meta(&page), "a page view alone loads no index file");
    page.eval("document.querySelector('[data-search-box]').focus()");
    page.wait_for(
        "Array.from(document.scripts).some(s => s.src.endsWith('/search/en/meta.js'))",
        "the meta file requested on focus",
    );
    page.wait_for(
        "handbook.search('consent').then(r => r.length > 0)",
        "a query answered from the loaded index",
    );
    assert!(loaded_meta(&page));
    page.assert_clean();
}

#[test]
fn the_thai_results_page_labels_results_by_kind_and_marks_the_words() {
    let Some(browser) = browser() else { return };
    let site = fixture_site("search");
    let page = browser.new_page();
    let query = "ค่าตอบแทน";
    open_results(&page, &site, "th", query);
    page.wait_for(
        "document.querySelectorAll('[data-search-page-results] li a').length > 0",
        "results on the results page",
    );
    let texts = |css: &str| -> Vec<String> {
        serde_json::from_value(page.eval(&format!(
            "Array.from(document.querySelectorAll({})).map(e => e.textContent)",
            serde_json::json!(css)
        )))
        .unwrap_or_default()
    };
    let status = texts("[data-search-status]").concat();
    assert!(status.starts_with("พบ"), "status: {status}");
    let hrefs: Vec<String> = serde_json::from_value(page.eval(
        "Array.from(document.querySelectorAll('[data-search-page-results] li a')).map(a => a.getAttribute('href'))",
    ))
    .unwrap_or_default();
    assert!(
        hrefs
            .iter()
            .any(|href| href.starts_with("../th/help/contact.html#")),
        "{hrefs:?}"
    );
    let marked = texts("[data-search-page-results] mark");
    assert!(marked.iter().any(|text| text == query), "{marked:?}");
    let kinds = texts(".search-result-kind");
    assert!(
        !kinds.is_empty()
            && kinds
                .iter()
                .all(|kind| ["หน้า", "ขั้นตอน", "แบบฟอร์ม", "บทบาท"].contains(&kind.as_str())),
        "{kinds:?}"
    );
    page.assert_clean();
}

#[test]
fn the_results_page_counts_every_match_and_shows_more_on_request() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    open_results(&page, &site, "en", "victim");
    let count = "document.querySelectorAll('[data-search-page-results] li').length";
    page.wait_for(&format!("{count} > 0"), "results on the results page");
    let shown: u64 = page.eval(count).as_u64().unwrap_or(0);
    let status = page.eval_string("document.querySelector('[data-search-status]').textContent");
    // "50 of 124 results": the bundled handbook has more matches than a page shows.
    let total: u64 = status
        .split_whitespace()
        .nth(2)
        .and_then(|word| word.parse().ok())
        .unwrap_or_else(|| panic!("no total in {status:?}"));
    assert_eq!(shown, 50, "{status}");
    assert!(total > shown, "{status}");
    assert!(page.is_visible("[data-search-more]"));
    page.click("[data-search-more]");
    page.wait_for(&format!("{count} > {shown}"), "more results");
    let more: u64 = page.eval(count).as_u64().unwrap_or(0);
    assert_eq!(more, total.min(100));
    // The keyboard goes on from the first new result, not from a button that went away.
    assert!(page.eval_bool(&format!(
        "document.activeElement === document.querySelectorAll('[data-search-page-results] li a')[{shown}]"
    )));
    // The header box says how many there are in all, on its link to this page.
    page.type_text("[data-search-box]", "victim");
    page.wait_for(
        "document.querySelectorAll('#search-listbox li').length > 0",
        "results under the box",
    );
    page.wait_for(
        "/[0-9]/.test(document.querySelector('.search-more a').textContent)",
        "the count of every match on the box's link",
    );
    let see_all = page.eval_string("document.querySelector('.search-more a').textContent");
    assert!(see_all.contains(&total.to_string()), "{see_all}");
    page.assert_clean();
}

#[test]
fn a_whole_thai_query_from_the_address_ranks_the_word_itself_first() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    // Without a space after it, ต่อ was also completed (ต่อตาม, ...), and pages that only
    // said ส่งต่อตาม came first.
    open_results(&page, &site, "th", "การส่งต่อ");
    page.wait_for(
        "document.querySelectorAll('[data-search-page-results] li').length > 2",
        "results on the results page",
    );
    let first_three: Vec<String> = serde_json::from_value(page.eval(
        "Array.from(document.querySelectorAll('[data-search-page-results] li')).slice(0, 3).map(li => li.textContent)",
    ))
    .unwrap_or_default();
    for result in &first_three {
        assert!(result.contains("ส่งต่อ"), "{first_three:?}");
        assert!(!result.contains("ส่งต่อตาม"), "{first_three:?}");
    }
    page.assert_clean();
}

#[test]
fn a_query_with_no_results_offers_the_same_search_in_the_other_language() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    // Thai typed on the English results page: the English pages never write it.
    open_results(&page, &site, "en", "สถานทูต");
    follow_from_no_results(
        &page,
        "[data-search-status] a[hreflang=\"th\"]",
        "a link to the Thai search",
    );
    assert!(page.url().contains("/th/search.html"), "{}", page.url());
    page.assert_clean();
}

#[test]
fn slash_focuses_the_search_field_and_on_the_results_page_its_own() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.open(&site.join("th/index.html"));
    page.press("/");
    assert!(
        page.eval_bool("document.activeElement === document.querySelector('[data-search-box]')")
    );
    // Typed into the box, "/" is a character, not a shortcut.
    page.press("/");
    assert_eq!(
        page.eval_string("document.querySelector('[data-search-box]').value"),
        "/"
    );
    // With a Thai keyboard layout the same key types ฝ: it is the key that counts.
    page.eval("document.activeElement.blur(), true");
    page.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ฝ', code: 'Slash', bubbles: true })), true");
    assert!(
        page.eval_bool("document.activeElement === document.querySelector('[data-search-box]')")
    );
    open_results(&page, &site, "th", "ล่าม");
    page.eval("document.activeElement.blur(), true");
    page.press("/");
    assert!(page.eval_bool(
        "document.activeElement === document.querySelector('[data-search-page-input]')"
    ));
    page.assert_clean();
}

#[test]
fn back_from_a_result_found_after_show_more_returns_to_it() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    open_results(&page, &site, "en", "victim");
    let links = "document.querySelectorAll('[data-search-page-results] li a')";
    page.wait_for(&format!("{links}.length === 50"), "the first 50 results");
    page.click("[data-search-more]");
    page.wait_for(&format!("{links}.length > 50"), "more results");
    let shown = page.eval(&format!("{links}.length")).as_u64().unwrap_or(0);
    page.follow("[data-search-page-results] li:nth-child(70) a");
    page.eval("history.back()");
    page.wait_for(
        &format!("location.pathname.endsWith('/search.html') && {links}.length === {shown}"),
        "as many results as before, back on the results page",
    );
    page.wait_for(
        &format!("document.activeElement === {links}[69]"),
        "the result followed, focused",
    );
    assert!(page.eval_bool(&format!(
        "(() => {{ const box = {links}[69].getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }})()"
    )));
    page.assert_clean();
}

/// The largest number in `text` ("33 results", "50 of 124 results").
fn largest_number(text: &str) -> u64 {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|number| number.parse().ok())
        .max()
        .unwrap_or_else(|| panic!("no number in {text:?}"))
}

#[test]
fn the_search_box_counts_a_query_as_its_results_page_will() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    // While typed, "form" is also completed (format, formal); on the results page it is not;
    // and "trafficing", found only as the start of a word, is found the same way on both.
    for query in ["referral form", "trafficing"] {
        let page = browser.open(&site.join("en/index.html"));
        page.type_text("[data-search-box]", query);
        page.wait_for(
            "/[0-9]/.test(document.querySelector('.search-more a').textContent)",
            "the count of every match on the box's link",
        );
        let see_all = page.eval_string("document.querySelector('.search-more a').textContent");
        page.press("Enter");
        page.wait_for(
            "document.querySelectorAll('[data-search-page-results] li').length > 0",
            "results on the results page",
        );
        let status = page.eval_string("document.querySelector('[data-search-status]').textContent");
        assert_eq!(
            largest_number(&see_all),
            largest_number(&status),
            "{query}: box {see_all:?}, page {status:?}"
        );
        page.assert_clean();
    }
}

#[test]
fn a_misspelt_word_in_the_search_box_is_offered_its_spelling_and_enter_searches_it() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.open(&site.join("en/index.html"));
    page.type_text("[data-search-box]", "traficking victm");
    page.wait_for(
        "document.querySelector('[data-search-results] [role=option][data-suggestion]') !== null",
        "a spelling offered under the search box",
    );
    let offered = page.eval_string(
        "document.querySelector('[data-search-results] [role=option][data-suggestion] a').textContent",
    );
    assert_eq!(offered, "trafficking victim");
    assert!(page.eval_bool(
        "document.querySelectorAll('[data-search-results] [role=option]').length === 1"
    ));
    // The keyboard chooses it like any result; Enter searches for it in the box.
    page.press("ArrowDown");
    page.press("Enter");
    page.wait_for(
        "document.querySelector('[data-search-box]').value === 'trafficking victim' && document.querySelectorAll('[data-search-results] [role=option]:not([data-suggestion])').length > 0",
        "results for the offered spelling",
    );
    assert!(page.url().ends_with("/en/index.html"), "{}", page.url());
    page.assert_clean();
}

#[test]
fn the_thai_results_page_offers_the_spelling_of_a_word_typed_without_its_vowel() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.new_page();
    // ผู้เสียหาย with its vowel า left out: nothing is found as typed.
    open_results(&page, &site, "th", "ผู้เสียหย");
    let offer = "[data-search-status] .search-suggestion a";
    page.wait_for(
        &format!(
            "document.querySelector({}) !== null",
            serde_json::json!(offer)
        ),
        "a spelling offered on the results page",
    );
    assert_eq!(
        page.eval_string(&format!(
            "document.querySelector({}).textContent",
            serde_json::json!(offer)
        )),
        "ผู้เสียหาย"
    );
    follow_from_no_results(&page, offer, "the offered spelling");
    assert_eq!(
        page.eval_string("document.querySelector('[data-search-page-input]').value"),
        "ผู้เสียหาย"
    );
    page.assert_clean();
}

#[test]
fn the_header_with_its_search_box_fits_a_320_pixel_screen() {
    use headless_chrome::protocol::cdp::Emulation;
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    for path in ["en/index.html", "th/index.html", "en/search.html"] {
        let page = browser.open(&site.join(path));
        page.call(crate::support::protocol::<Emulation::SetDeviceMetricsOverride>(
            serde_json::json!({ "width": 320, "height": 700, "deviceScaleFactor": 1, "mobile": true }),
        ));
        page.wait_for(
            "document.documentElement.clientWidth === 320",
            "a 320-pixel screen",
        );
        assert!(
            page.eval_bool("document.documentElement.scrollWidth <= 320"),
            "{path}: {} pixels wide",
            page.eval("document.documentElement.scrollWidth")
        );
        page.assert_clean();
    }
}

#[test]
fn a_thai_term_missing_its_last_mark_is_offered_beside_what_its_pieces_found() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let page = browser.open(&site.join("th/index.html"));
    // การค้ามนุษย์ without its ์: its pieces การ|ค้า|มนุษย find other pages (สิทธิมนุษยชน).
    page.type_text("[data-search-box]", "การค้ามนุษย");
    page.wait_for(
        "document.querySelector('[data-search-results] [role=option][data-suggestion]') !== null",
        "a spelling offered above the results",
    );
    assert_eq!(
        page.eval_string(
            "document.querySelector('#search-listbox li:first-child').getAttribute('data-suggestion')"
        ),
        "การค้ามนุษย์"
    );
    assert!(page.eval_bool(
        "document.querySelectorAll('[data-search-results] [role=option]:not([data-suggestion])').length > 0"
    ));
    // With its mark typed, the handbook's word gets no offer.
    page.type_text("[data-search-box]", "\u{0E4C}");
    page.wait_for(
        "document.querySelector('[data-search-box]').value === 'การค้ามนุษย์' && document.querySelectorAll('[data-search-results] [role=option]').length > 0",
        "results for the whole word",
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(page.eval_bool(
        "document.querySelector('[data-search-results] [role=option][data-suggestion]') === null"
    ));
    page.assert_clean();
}
