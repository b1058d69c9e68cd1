//! The page holding still while it loads: neither the theme's fonts arriving after the first paint
//! nor the scripts marking the page (the phone menu) may move the text under a reader's eyes,
//! even on a slow or busy machine.

use crate::sites::{bundled_site, file_url, first_page_of_kind};
use crate::support::{browser, protocol, Browser};
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument;

/// The sum of the layout shifts a page made while it loaded, as Chromium reports them (the
/// Cumulative Layout Shift of Core Web Vitals; 0.1 and under is "good"), with what moved.
fn layout_shift_while_loading(browser: &Browser, page_path: &str, width: u32) -> (f64, String) {
    let page = browser.new_page();
    page.call(protocol::<Emulation::SetDeviceMetricsOverride>(
        serde_json::json!({
            "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600
        }),
    ));
    // A machine twenty times slower than this one: what a busy laptop or a cheap phone gives a
    // page, so that the first paint comes before the fonts and the last script.
    page.call(protocol::<Emulation::SetCPUThrottlingRate>(
        serde_json::json!({ "rate": 20 }),
    ));
    page.call(protocol::<AddScriptToEvaluateOnNewDocument>(serde_json::json!({
        "source": "window.layoutShift = 0; window.moved = [];
          new PerformanceObserver(function (list) {
            list.getEntries().forEach(function (entry) {
              window.layoutShift += entry.value;
              (entry.sources || []).forEach(function (source) {
                if (source.node) window.moved.push(source.node.nodeName + '.' + source.node.className);
              });
            });
          }).observe({ type: 'layout-shift', buffered: true });"
    })));
    page.goto(&file_url(&bundled_site().join(page_path)));
    page.wait_for("document.fonts.status === 'loaded'", "the fonts to load");
    // Two frames after the fonts: any shift they cause has been reported by then.
    page.wait_for(
        "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))",
        "two frames",
    );
    let shift = page.eval("window.layoutShift").as_f64().unwrap_or(f64::MAX);
    (shift, page.eval_string("window.moved.join(', ')"))
}

#[test]
fn the_page_holds_still_while_its_fonts_and_scripts_arrive() {
    let Some(browser) = browser() else { return };
    let site = bundled_site();
    let Some(thai_page) = first_page_of_kind(&site, "th", "page") else {
        panic!("the bundled handbook has no Thai content page");
    };
    let Some(english_page) = first_page_of_kind(&site, "en", "page") else {
        panic!("the bundled handbook has no English content page");
    };
    // On a phone the sidebar folds into the menu button; on a wide screen the fonts alone.
    for (page, width) in [
        (thai_page.as_str(), 360),
        ("th/index.html", 1280),
        (english_page.as_str(), 1280),
    ] {
        let (shift, moved) = layout_shift_while_loading(&browser, page, width);
        // On a phone nothing may move (0.42 before the fix). On a wide screen the header can
        // still move a little when the machine is loaded (0.014 seen with the test suite
        // running beside it): held well under "good" (0.1), not at zero.
        let most = if width < 600 { 0.01 } else { 0.05 };
        assert!(
            shift < most,
            "{page} at {width} px moved by {shift:.3} while loading ({moved})"
        );
    }
}
