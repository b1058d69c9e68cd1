//! Browser-test support: drives headless Chromium and offers the small API the browser tests share
//! (open a page, run JS, wait, console and request logs, print to PDF, run axe).
//!
//! Why `headless_chrome`: it is synchronous, so browser tests stay plain `#[test]` functions with no
//! async runtime, and it speaks the DevTools protocol directly, which gives what these tests need
//! and WebDriver does not: every request a page makes (to prove nothing leaves `file://`), console
//! and CSP messages, print-to-PDF honouring the page's CSS page size, and running a script
//! (axe-core) in a page whose CSP forbids injected script. `chromiumoxide` offers the same protocol
//! but needs tokio; `fantoccini` needs chromedriver running as a second program.

use crate::sites::file_url;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Log, Network, Page as Cdp, Runtime};
use headless_chrome::{LaunchOptions, Tab};
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any single wait may take before the test fails (page loads, conditions, axe runs).
const WAIT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

/// Where Chromium is: `$HANDBOOK_CHROMIUM`, else Debian's `/usr/bin/chromium`, else on `PATH`.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HANDBOOK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome", "chrome"];
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    std::iter::once(PathBuf::from("/usr/bin/chromium"))
        .chain(
            on_path
                .iter()
                .flat_map(|dir| names.iter().map(move |name| dir.join(name))),
        )
        .find(|path| path.is_file())
}

/// Whether a tool the browser tests need is missing: in CI that fails the test with an install
/// hint; elsewhere the test is skipped with a loud message (returns true: the caller returns).
pub fn missing(what: &str, install: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is needed by the browser tests but was not found; install it: {install}");
    }
    eprintln!(
        "\n**************************************************************\n\
         SKIPPED: {what} not found, so this browser test did not run.\n\
         Install it to run the browser tests: {install}\n\
         **************************************************************\n"
    );
    true
}

/// A headless Chromium with a fresh profile; closed (and its profile deleted) when dropped.
pub struct Browser {
    browser: Option<headless_chrome::Browser>,
    profile: PathBuf,
}

impl Drop for Browser {
    /// Chromium's helper processes may still be writing to the profile for a moment after the
    /// browser is killed, so a single removal used to leave a profile folder behind per run.
    fn drop(&mut self) {
        drop(self.browser.take());
        for _ in 0..50 {
            match std::fs::remove_dir_all(&self.profile) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                _ => return,
            }
        }
    }
}

/// Starts Chromium, or returns `None` when it is not installed (see [`missing`]).
pub fn browser() -> Option<Browser> {
    let Some(path) = chromium_path() else {
        missing("Chromium", "apt-get install -y chromium");
        return None;
    };
    let profile = match tempfile::Builder::new()
        .prefix("handbook-chromium-")
        .tempdir()
    {
        Ok(dir) => dir,
        Err(error) => panic!("cannot create a Chromium profile folder: {error}"),
    };
    // Quiet and self-contained: no sandbox (tests run as root in CI), no GPU, and nothing of
    // Chromium's own that would reach the network while the tests watch for requests.
    let args: Vec<&OsStr> = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-domain-reliability",
        "--lang=en-GB",
        "--font-render-hinting=none",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(path.clone()),
        user_data_dir: Some(profile.path().to_path_buf()),
        window_size: Some((1280, 900)),
        idle_browser_timeout: Duration::from_secs(300),
        args,
        ..LaunchOptions::default()
    };
    match headless_chrome::Browser::new(options) {
        Ok(browser) => Some(Browser {
            browser: Some(browser),
            profile: profile.keep(),
        }),
        Err(error) => panic!("cannot start Chromium at {}: {error:#}", path.display()),
    }
}

impl Browser {
    /// A new tab that records requests and problems from the start, showing `about:blank`.
    pub fn new_page(&self) -> Page {
        let tab = self
            .browser
            .as_ref()
            .expect("the browser is only taken when dropped")
            .new_tab()
            .unwrap_or_else(|error| panic!("cannot open a tab: {error:#}"));
        tab.set_default_timeout(WAIT);
        Page::watch(tab)
    }

    /// Opens a file of a built site in a new tab and waits until it has loaded (fonts included).
    pub fn open(&self, path: &Path) -> Page {
        let page = self.new_page();
        page.goto(&file_url(path));
        page
    }
}

// ---------------------------------------------------------------------------------------------
// A page
// ---------------------------------------------------------------------------------------------

/// What a tab saw: every request URL, and every console error, exception or failed load.
#[derive(Default)]
struct Record {
    requests: Vec<String>,
    /// Request id to URL, to name the URL of a failed load.
    urls: std::collections::BTreeMap<String, String>,
    problems: Vec<String>,
    /// How many times a document finished loading (the `load` event) in this tab.
    loads: usize,
}

/// One tab. Every assertion helper panics with a message that says what the reader would see.
pub struct Page {
    tab: Arc<Tab>,
    record: Arc<Mutex<Record>>,
}

impl Page {
    fn watch(tab: Arc<Tab>) -> Page {
        let record = Arc::new(Mutex::new(Record::default()));
        let sink = Arc::clone(&record);
        let listener = move |event: &Event| {
            let mut record = sink.lock().unwrap_or_else(|p| p.into_inner());
            match event {
                // Chromium reports a request before the CSP blocks it: blocked attempts count too.
                Event::NetworkRequestWillBeSent(sent) => {
                    let url = sent.params.request.url.clone();
                    record.requests.push(url.clone());
                    record.urls.insert(sent.params.request_id.clone(), url);
                }
                Event::NetworkLoadingFailed(failed) => {
                    let url = record.urls.get(&failed.params.request_id).cloned();
                    let blocked = failed
                        .params
                        .blocked_reason
                        .as_ref()
                        .map(|reason| format!(" (blocked: {reason:?})"))
                        .unwrap_or_default();
                    record.problems.push(format!(
                        "could not load {}: {}{blocked}",
                        url.unwrap_or_default(),
                        failed.params.error_text
                    ));
                }
                Event::LogEntryAdded(added) => {
                    let entry = &added.params.entry;
                    if matches!(entry.level, Log::LogEntryLevel::Error) {
                        let url = entry.url.clone().unwrap_or_default();
                        record.problems.push(format!("{} {url}", entry.text));
                    }
                }
                Event::PageLoadEventFired(_) => record.loads += 1,
                Event::RuntimeExceptionThrown(thrown) => {
                    let details = &thrown.params.exception_details;
                    let description = details
                        .exception
                        .as_ref()
                        .and_then(|e| e.description.clone())
                        .unwrap_or_else(|| details.text.clone());
                    record.problems.push(format!(
                        "uncaught exception at {}:{}: {description}",
                        details.url.clone().unwrap_or_default(),
                        details.line_number + 1
                    ));
                }
                Event::RuntimeConsoleAPICalled(called) => {
                    let kind = format!("{:?}", called.params.Type);
                    if kind == "Error" || kind == "Assert" {
                        let text: Vec<String> = called
                            .params
                            .args
                            .iter()
                            .map(|arg| match &arg.value {
                                Some(Value::String(text)) => text.clone(),
                                Some(other) => other.to_string(),
                                None => arg.description.clone().unwrap_or_default(),
                            })
                            .collect();
                        record
                            .problems
                            .push(format!("console.{}: {}", kind, text.join(" ")));
                    }
                }
                _ => {}
            }
        };
        if let Err(error) = tab.add_event_listener(Arc::new(listener)) {
            panic!("cannot listen to the tab: {error:#}");
        }
        let page = Page { tab, record };
        page.call(protocol::<Network::Enable>(json!({})));
        page.call(Log::Enable(None));
        page.call(Runtime::Enable(None));
        page.call(protocol::<Cdp::Enable>(json!({})));
        page
    }

    /// Calls a DevTools protocol method on this tab; panics with the method's error.
    pub fn call<C>(&self, method: C) -> C::ReturnObject
    where
        C: headless_chrome::protocol::cdp::types::Method + serde::Serialize + std::fmt::Debug,
    {
        let name = format!("{method:?}");
        let short: String = name.chars().take(80).collect();
        self.tab
            .call_method(method)
            .unwrap_or_else(|error| panic!("DevTools call {short} failed: {error:#}"))
    }

    /// The underlying tab, for protocol calls this API does not wrap.
    pub fn tab(&self) -> &Arc<Tab> {
        &self.tab
    }

    /// Navigates to `url` and waits until the document and its fonts have loaded.
    /// (Waits for the page's `load` event rather than headless_chrome's `wait_until_navigated`,
    /// which waits for network idleness: half a second more per page, for nothing, from a disk.)
    pub fn goto(&self, url: &str) {
        let loads = self.lock().loads;
        if let Err(error) = self.tab.navigate_to(url) {
            panic!("cannot open {url}: {error:#}");
        }
        self.wait_for_load_after(loads, url);
    }

    fn wait_for_load_after(&self, loads: usize, what: &str) {
        let started = Instant::now();
        while self.lock().loads == loads {
            if started.elapsed() > WAIT {
                panic!("{what} did not finish loading in {} s", WAIT.as_secs());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.wait_until_loaded();
    }

    /// Waits for `readyState == complete` and for web fonts, so checks see the page as a reader does.
    pub fn wait_until_loaded(&self) {
        self.wait_for("document.readyState === 'complete'", "the page to load");
        self.eval("document.fonts.ready.then(() => true)");
    }

    /// Reloads the page (keeping its storage) and waits until it has loaded.
    pub fn reload(&self) {
        let loads = self.lock().loads;
        if let Err(error) = self.tab.reload(false, None) {
            panic!("cannot reload: {error:#}");
        }
        self.wait_for_load_after(loads, "the reloaded page");
    }

    /// The address of the page now shown.
    pub fn url(&self) -> String {
        self.eval_string("location.href")
    }

    /// Evaluates a JavaScript expression (promises are awaited) and returns its value as JSON.
    /// An exception fails the test with its message.
    pub fn eval(&self, expression: &str) -> Value {
        self.try_eval(expression)
            .unwrap_or_else(|error| panic!("JavaScript `{}` failed: {error}", shorten(expression)))
    }

    /// Like [`Page::eval`], but returns an exception (or a lost page during navigation) as `Err`.
    pub fn try_eval(&self, expression: &str) -> Result<Value, String> {
        let evaluate: Runtime::Evaluate = protocol(json!({
            "expression": expression,
            "returnByValue": true,
            "awaitPromise": true,
            "userGesture": true,
        }));
        let returned = self
            .tab
            .call_method(evaluate)
            .map_err(|error| format!("{error:#}"))?;
        if let Some(details) = returned.exception_details {
            let description = details
                .exception
                .and_then(|e| e.description)
                .unwrap_or(details.text);
            return Err(description);
        }
        Ok(returned.result.value.unwrap_or(Value::Null))
    }

    pub fn eval_bool(&self, expression: &str) -> bool {
        match self.eval(expression) {
            Value::Bool(value) => value,
            other => panic!("`{}` gave {other}, not true or false", shorten(expression)),
        }
    }

    pub fn eval_string(&self, expression: &str) -> String {
        match self.eval(expression) {
            Value::String(value) => value,
            other => panic!("`{}` gave {other}, not a string", shorten(expression)),
        }
    }

    /// Waits until the JavaScript `condition` is true; `what` names it in the failure message.
    /// Errors while a new page loads count as "not yet".
    pub fn wait_for(&self, condition: &str, what: &str) {
        let started = Instant::now();
        loop {
            if let Ok(Value::Bool(true)) = self.try_eval(condition) {
                return;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "timed out after {} s waiting for {what} (`{}`) on {}",
                    WAIT.as_secs(),
                    shorten(condition),
                    self.try_eval("location.href").unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the first element matching `selector` as a user would (mouse events at its centre).
    pub fn click(&self, selector: &str) {
        let element = self
            .tab
            .wait_for_element(selector)
            .unwrap_or_else(|error| panic!("no element `{selector}` to click: {error:#}"));
        if let Err(error) = element.click() {
            panic!("cannot click `{selector}`: {error:#}");
        }
    }

    /// Clicks a link and waits until the page it leads to has loaded; returns the new address.
    pub fn follow(&self, selector: &str) -> String {
        let before = self.url();
        self.click(selector);
        self.wait_for(
            &format!(
                "location.href !== {} && document.readyState === 'complete'",
                json!(before)
            ),
            &format!("`{selector}` to lead to another page"),
        );
        self.wait_until_loaded();
        self.url()
    }

    /// Presses a key (e.g. "Tab", "Enter", "/") in the focused element.
    pub fn press(&self, key: &str) {
        if let Err(error) = self.tab.press_key(key) {
            panic!("cannot press {key}: {error:#}");
        }
    }

    /// Forgets the requests and problems seen so far, to check the next page on its own in the same tab.
    pub fn forget(&self) {
        let mut record = self.lock();
        record.requests.clear();
        record.problems.clear();
    }

    /// Types `text` into the element matching `selector` as an input method would commit it
    /// (one `input` event; works for Thai, which has no key-by-key equivalent).
    pub fn type_text(&self, selector: &str, text: &str) {
        self.eval(&format!(
            "(() => {{ const el = document.querySelector({}); if (!el) throw new Error('no element'); el.focus(); return true; }})()",
            json!(selector)
        ));
        self.call(
            protocol::<headless_chrome::protocol::cdp::Input::InsertText>(json!({ "text": text })),
        );
    }

    /// Whether the element matching `selector` exists and is shown (not `hidden`, not display:none).
    pub fn is_visible(&self, selector: &str) -> bool {
        self.eval_bool(&format!(
            "(() => {{ const el = document.querySelector({}); return !!el && el.getClientRects().length > 0; }})()",
            json!(selector)
        ))
    }

    /// Lets the page download files (e.g. "save to file" buttons) into `folder`.
    pub fn download_into(&self, folder: &Path) {
        self.call(protocol::<Cdp::SetDownloadBehavior>(json!({
            "behavior": "allow",
            "downloadPath": folder.to_string_lossy(),
        })));
    }

    /// Waits until a file whose name ends with `suffix` has been fully downloaded into `folder`.
    pub fn wait_for_download(&self, folder: &Path, suffix: &str) -> PathBuf {
        let started = Instant::now();
        loop {
            let found = std::fs::read_dir(folder).ok().and_then(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .find(|path| path.to_string_lossy().ends_with(suffix))
            });
            if let Some(path) = found {
                return path;
            }
            if started.elapsed() > WAIT {
                panic!("no *{suffix} was downloaded into {}", folder.display());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Chooses `file` in the `<input type=file>` matching `selector`, as the file dialog would
    /// (the page gets its `change` event).
    pub fn choose_file(&self, selector: &str, file: &Path) {
        let element = self
            .tab
            .find_element(selector)
            .unwrap_or_else(|error| panic!("no file input `{selector}`: {error:#}"));
        self.call(protocol::<
            headless_chrome::protocol::cdp::DOM::SetFileInputFiles,
        >(json!({
            "files": [file.to_string_lossy()],
            "backendNodeId": element.backend_node_id,
        })));
    }

    /// Every URL the tab requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// Console errors, uncaught exceptions, CSP violations and failed loads seen so far.
    pub fn problems(&self) -> Vec<String> {
        self.lock().problems.clone()
    }

    /// Fails if the tab requested anything that is not a local file (`data:` URLs are fine too).
    pub fn assert_offline(&self) {
        let remote: Vec<String> = self
            .requests()
            .into_iter()
            .filter(|url| !(url.starts_with("file:") || url.starts_with("data:")))
            .collect();
        assert!(
            remote.is_empty(),
            "{} requested something other than local files: {remote:#?}",
            self.url()
        );
    }

    /// Fails on any console error, uncaught exception, CSP violation or failed load.
    pub fn assert_no_problems(&self) {
        let problems = self.problems();
        assert!(
            problems.is_empty(),
            "{} reported problems in the console: {problems:#?}",
            self.url()
        );
    }

    /// Both of the above: what every tested page must pass.
    pub fn assert_clean(&self) {
        self.assert_offline();
        self.assert_no_problems();
    }

    /// Prints the page as Chromium's "Save as PDF" does, honouring the page's CSS `@page` size.
    pub fn print_to_pdf(&self) -> Vec<u8> {
        let options = headless_chrome::types::PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            print_background: Some(true),
            ..Default::default()
        };
        self.tab
            .print_to_pdf(Some(options))
            .unwrap_or_else(|error| panic!("printing {} failed: {error:#}", self.url()))
    }

    /// Saves a PNG screenshot (for looking at a failure by eye).
    pub fn screenshot(&self, path: &Path) {
        let png = self
            .tab
            .capture_screenshot(Cdp::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap_or_else(|error| panic!("screenshot failed: {error:#}"));
        if let Err(error) = std::fs::write(path, png) {
            panic!("cannot write {}: {error}", path.display());
        }
    }

    /// Runs axe-core (vendored in tests/vendor/axe-core) on the page and returns its violations.
    /// The script is evaluated through the protocol, so the page's CSP does not block it.
    pub fn axe(&self) -> Vec<AxeViolation> {
        const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");
        if !self.eval_bool("typeof window.axe === 'object'") {
            self.eval(&format!("{AXE}\n;true"));
        }
        let found = self.eval(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)
            })))",
        );
        serde_json::from_value(found)
            .unwrap_or_else(|error| panic!("unexpected axe result: {error}"))
    }

    /// The axe violations of impact "serious" or "critical": what the accessibility tests forbid.
    pub fn serious_axe_violations(&self) -> Vec<AxeViolation> {
        self.axe()
            .into_iter()
            .filter(|v| matches!(v.impact.as_deref(), Some("serious" | "critical")))
            .collect()
    }

    /// Fails on any axe violation of impact "serious" or "critical".
    pub fn assert_accessible(&self) {
        let serious = self.serious_axe_violations();
        assert!(
            serious.is_empty(),
            "{}: {} serious or critical accessibility violations:\n{serious:#?}",
            self.url(),
            serious.len()
        );
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        self.record.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.tab.close(false);
    }
}

/// One axe rule broken on a page, with up to five of the elements that break it.
#[derive(Debug, serde::Deserialize)]
pub struct AxeViolation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub targets: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// PDFs
// ---------------------------------------------------------------------------------------------

/// Page count and size of a PDF, read with poppler's `pdfinfo`.
#[derive(Debug)]
pub struct PdfInfo {
    pub pages: usize,
    /// Width and height of the first page, in points (1/72 inch).
    pub width_pt: f64,
    pub height_pt: f64,
}

impl PdfInfo {
    /// A4 is 595.28 x 841.89 pt; Chromium rounds to whole CSS pixels.
    pub fn is_a4(&self) -> bool {
        (self.width_pt - 595.28).abs() < 2.0 && (self.height_pt - 841.89).abs() < 2.0
    }
}

/// Reads a PDF's page count and size, or `None` when `pdfinfo` is missing (see [`missing`]).
pub fn pdf_info(pdf: &[u8]) -> Option<PdfInfo> {
    let mut file = match tempfile::Builder::new().suffix(".pdf").tempfile() {
        Ok(file) => file,
        Err(error) => panic!("cannot create a temporary PDF: {error}"),
    };
    if let Err(error) = std::io::Write::write_all(&mut file, pdf) {
        panic!("cannot write a temporary PDF: {error}");
    }
    let output = match std::process::Command::new("pdfinfo")
        .arg(file.path())
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            missing("pdfinfo", "apt-get install -y poppler-utils");
            return None;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pdfinfo could not read the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo printed no {name}:\n{text}"))
    };
    let pages = field("Pages:")
        .parse()
        .unwrap_or_else(|_| panic!("bad page count in:\n{text}"));
    // "595.92 x 842.04 pts (A4)"
    let size: Vec<f64> = field("Page size:")
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    assert!(size.len() >= 2, "bad page size in:\n{text}");
    Some(PdfInfo {
        pages,
        width_pt: size[0],
        height_pt: size[1],
    })
}

/// A DevTools protocol call from its JSON parameters, as the protocol documents them (the generated
/// structs have many optional fields and no `Default`).
pub fn protocol<T: serde::de::DeserializeOwned>(params: Value) -> T {
    serde_json::from_value(params.clone())
        .unwrap_or_else(|error| panic!("bad DevTools parameters {params}: {error}"))
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(120).collect();
    if short.len() < text.len() {
        format!("{short}...")
    } else {
        short
    }
}
