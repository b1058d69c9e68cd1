//! `handbook serve` end to end: a server on a free loopback port serving a temporary copy of a
//! fixture handbook, edited while it runs, read with a plain HTTP client over TcpStream.

mod support;

use handbook::serve::{ServeOptions, Server};
use scraper::{Html, Selector};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a test waits for a rebuild to show; generous, since the machine is shared.
const PATIENCE: Duration = Duration::from_secs(10);

/// A served copy of a fixture handbook, stopped when dropped.
struct Preview {
    folder: tempfile::TempDir,
    server: Option<Server>,
}

impl Preview {
    fn of(fixture: &str) -> Preview {
        let folder = copy_fixture(fixture);
        let mut options = ServeOptions::new(folder.path());
        options.port = 0;
        options.next_free_port = false;
        options.log = false;
        let server = Server::start(options).expect("the server starts");
        Preview {
            folder,
            server: Some(server),
        }
    }

    fn address(&self) -> SocketAddr {
        self.server.as_ref().expect("running").address()
    }

    fn get(&self, target: &str) -> Reply {
        get(self.address(), target)
    }

    fn events(&self) -> EventStream {
        EventStream::open(self.address())
    }

    fn source(&self, relative: &str) -> PathBuf {
        self.folder.path().join(relative)
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.source(relative);
        let text = std::fs::read_to_string(&path).expect("fixture file");
        assert!(text.contains(from), "{relative} contains {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
    }
}

fn copy_fixture(name: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let to = tempfile::tempdir().expect("temporary folder");
    support::copy_dir(&from, to.path());
    to
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }
}

/// One request on its own connection, sent byte for byte as given (no client-side clean-up of
/// the path, so traversal attempts reach the server as written).
fn get(address: SocketAddr, target: &str) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// A live-reload subscription, as the injected script makes.
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    fn open(address: SocketAddr) -> EventStream {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        let deadline = Instant::now() + PATIENCE;
        while status.is_empty() && Instant::now() < deadline {
            let _ = reader.read_line(&mut status);
        }
        assert!(status.contains(" 200 "), "event stream answered {status:?}");
        EventStream { reader }
    }

    /// The data of the next event named `name`, skipping others; panics after `PATIENCE`.
    fn wait_for(&mut self, name: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut event = String::new();
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed while waiting for {name}"),
                Ok(_) => {}
                Err(_) => continue, // read timeout: keep waiting until the deadline
            }
            let line = line.trim_end();
            if let Some(found) = line.strip_prefix("event: ") {
                event = found.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == name {
                    return data.to_string();
                }
            } else if line.is_empty() {
                event.clear();
            }
        }
        panic!("no {name} event within {PATIENCE:?}");
    }
}

fn main_text(reply: &Reply) -> String {
    main_text_of(&reply.html())
}

fn main_text_of(html: &Html) -> String {
    let selector = Selector::parse("main").expect("selector");
    html.select(&selector)
        .next()
        .map(|main| main.text().collect::<String>())
        .unwrap_or_default()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn pages_are_served_with_their_content_types_and_the_reload_script() {
    let preview = Preview::of("serve");
    let page = preview.get("/th/guide/first.html");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(main_text(&page).contains("ข้อความเดิมของหน้าแรก"));
    let scripts =
        Selector::parse("body script[src='/__handbook/livereload.js']").expect("selector");
    assert_eq!(page.html().select(&scripts).count(), 1);

    let expected = [
        ("/static/css/site.css", "text/css; charset=utf-8"),
        (
            "/static/js/site.js",
            "application/javascript; charset=utf-8",
        ),
        ("/static/fonts/sarabun-thai-400-normal.woff2", "font/woff2"),
        ("/assets/guide/map.svg", "image/svg+xml"),
        (
            "/__handbook/livereload.js",
            "application/javascript; charset=utf-8",
        ),
        ("/__handbook/status", "application/json"),
    ];
    for (path, content_type) in expected {
        let reply = preview.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(content_type), "{path}");
    }
}

#[test]
fn folders_serve_their_index_and_need_their_slash() {
    let preview = Preview::of("serve");
    let home = preview.get("/");
    assert_eq!(home.status, 200);
    let chapter = preview.get("/th/guide/");
    assert_eq!(chapter.status, 200);
    assert!(main_text(&chapter).contains("บทนี้มีสองหน้า"));
    // Pages link relatively, so `/th/guide` must become `/th/guide/` before it is read.
    let bare = preview.get("/th/guide");
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("Location"), Some("/th/guide/"));
}

#[test]
fn only_files_of_the_built_site_are_served() {
    let preview = Preview::of("serve");
    for target in [
        "/../handbook.toml",
        "/th/../../handbook.toml",
        "/%2e%2e/handbook.toml",
        "/%2E%2E%2Fhandbook.toml",
        "/th/..%2f..%2fhandbook.toml",
        "/th/%5c..%5chandbook.toml",
        "/..\\handbook.toml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/./index.html",
        "/handbook.toml",
        "/content/guide/first.md",
        "/th/nowhere.html",
    ] {
        assert_eq!(preview.get(target).status, 404, "{target}");
    }
}

#[test]
fn live_reload_is_never_part_of_a_build() {
    let folder = copy_fixture("serve");
    let output = folder.path().join("public");
    let options = handbook::BuildOptions {
        root: folder.path().to_path_buf(),
        output_dir: Some(output.clone()),
        include_drafts: false,
    };
    handbook::build(&options).expect("the fixture builds");
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("__handbook"), "{}", entry.path().display());
        }
    }
}

#[test]
fn a_saved_page_is_served_anew_and_open_pages_reload() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit(
        "content/guide/first.md",
        "ข้อความเดิมของหน้าแรก",
        "ข้อความใหม่ของหน้าแรก",
    );
    events.wait_for("reload");
    let page = preview.get("/th/guide/first.html");
    assert!(main_text(&page).contains("ข้อความใหม่ของหน้าแรก"));
    // The English page has its own file and is untouched.
    let english = preview.get("/en/guide/first.html");
    assert!(main_text(&english).contains("original text"));
    // The print view and the pack of the page's role (its pages document) hold the page too;
    // they are rendered again when they are asked for.
    for path in ["/th/print.html", "/th/roles/case-manager-pages-print.html"] {
        let reply = preview.get(path);
        let document = support::print::filled(&reply.text(), &path[1..], |file| {
            Some(preview.get(&format!("/{file}")).text())
        });
        let collection = main_text_of(&Html::parse_document(&document));
        assert!(collection.contains("ข้อความใหม่ของหน้าแรก"), "{path}");
        assert!(!collection.contains("ข้อความเดิมของหน้าแรก"), "{path}");
    }
}

/// The texts of a stored-document chunk file (`_docs("th",0,[...]);`), read through the index's
/// decoder: Thai is stored one byte a letter.
fn stored_texts(file: &str) -> String {
    let start = file.find('[').unwrap_or(0);
    let end = file.rfind(']').map_or(file.len(), |end| end + 1);
    let chunk: serde_json::Value = serde_json::from_str(&file[start..end]).unwrap_or_default();
    let docs = handbook::search::stored_text::decode_chunk(&chunk).unwrap_or_default();
    let texts: Vec<String> = docs
        .iter()
        .map(|doc| handbook::search::body_text::body_text(&doc.body))
        .collect();
    texts.join("\n")
}

#[test]
fn the_search_index_follows_an_edit_in_the_background() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit(
        "content/guide/first.md",
        "ข้อความเดิมของหน้าแรก",
        "ข้อความใหม่ของหน้าแรก",
    );
    events.wait_for("reload");
    let deadline = Instant::now() + PATIENCE;
    loop {
        let docs = stored_texts(&preview.get("/search/th/docs-0.js").text());
        if docs.contains("ข้อความใหม่ของหน้าแรก") {
            assert!(!docs.contains("ข้อความเดิมของหน้าแรก"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the index still has the old text"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_untranslated_page_is_rebuilt_in_every_language_that_shows_it() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit(
        "content/guide/second.md",
        "ข้อความเดิมของหน้าที่สอง",
        "ข้อความใหม่ของหน้าที่สอง",
    );
    events.wait_for("reload");
    for path in ["/th/guide/second.html", "/en/guide/second.html"] {
        assert!(
            main_text(&preview.get(path)).contains("ข้อความใหม่ของหน้าที่สอง"),
            "{path}"
        );
    }
}

#[test]
fn a_new_title_reaches_the_other_pages() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit("content/guide/first.md", "หน้าแรกของบท", "บทนำใหม่");
    events.wait_for("reload");
    let sibling = preview.html_of("/th/guide/second.html");
    let previous = Selector::parse("a[rel=prev]").expect("selector");
    let previous: String = sibling.select(&previous).flat_map(|a| a.text()).collect();
    assert!(previous.contains("บทนำใหม่"), "{previous}");
    // The sidebar is the chapter's script, which the page loads from beside the chapter page.
    let script = Selector::parse("#sidebar script[src]").expect("selector");
    let src = sibling
        .select(&script)
        .next()
        .and_then(|script| script.value().attr("src"))
        .expect("the sidebar loads its script")
        .to_string();
    assert_eq!(src, "../../th/guide/index.sidebar.js");
    let list = preview.get("/th/guide/index.sidebar.js").text();
    assert!(list.contains("บทนำใหม่"), "{list}");
}

#[test]
fn a_new_page_is_served_after_it_is_saved() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    std::fs::write(
        preview.source("content/guide/third.md"),
        "+++\ntitle = \"หน้าที่สาม\"\nweight = 3\n+++\n\nหน้าใหม่\n",
    )
    .expect("write");
    events.wait_for("reload");
    let page = preview.get("/th/guide/third.html");
    assert_eq!(page.status, 200);
    assert!(main_text(&page).contains("หน้าใหม่"));
}

#[test]
fn a_broken_save_shows_its_errors_until_it_is_fixed() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit(
        "content/guide/first.md",
        "ข้อความเดิมของหน้าแรก",
        "ข้อความเสีย [ลิงก์](@/guide/nowhere.md)",
    );
    let error = json(&events.wait_for("build-error"));
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("content/guide/first.md:7:"),
        "the error names the file and line: {message}"
    );
    assert!(message.contains("guide/nowhere.md"), "{message}");

    // The last good build is still served, and a page opened now is told about the errors.
    let page = preview.get("/th/guide/first.html");
    assert!(main_text(&page).contains("ข้อความเดิมของหน้าแรก"));
    let status = json(&preview.get("/__handbook/status").text());
    assert!(status["error"]
        .as_str()
        .is_some_and(|e| e.contains("nowhere.md")));
    preview.events().wait_for("build-error");

    preview.edit(
        "content/guide/first.md",
        "ข้อความเสีย [ลิงก์](@/guide/nowhere.md)",
        "ข้อความแก้แล้ว",
    );
    events.wait_for("reload");
    let status = json(&preview.get("/__handbook/status").text());
    assert!(status["error"].is_null(), "{status}");
    assert!(main_text(&preview.get("/th/guide/first.html")).contains("ข้อความแก้แล้ว"));
}

#[test]
fn broken_front_matter_points_at_the_line() {
    let preview = Preview::of("serve");
    let mut events = preview.events();
    preview.edit("content/guide/second.md", "weight = 2", "weight = two");
    let error = json(&events.wait_for("build-error"));
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains("content/guide/second.md:3:"), "{message}");
    preview.edit("content/guide/second.md", "weight = two", "weight = 2");
    events.wait_for("reload");
    assert!(json(&preview.get("/__handbook/status").text())["error"].is_null());
}

#[test]
fn a_taken_port_is_a_clear_error_or_the_next_one_is_used() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("address").port();
    let folder = copy_fixture("serve");
    let mut options = ServeOptions::new(folder.path());
    options.port = port;
    options.next_free_port = false;
    options.log = false;
    let error = Server::start(options.clone())
        .err()
        .expect("the port is taken")
        .to_string();
    assert!(error.contains(&format!("port {port}")), "{error}");
    assert!(error.contains("already in use"), "{error}");

    options.next_free_port = true;
    let server = Server::start(options).expect("a later port is free");
    assert_ne!(server.address().port(), port);
    server.stop();
}

#[cfg(unix)]
#[test]
fn the_command_prints_its_address_and_stops_on_ctrl_c() {
    let folder = copy_fixture("serve");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", "0"])
        .arg(folder.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            line.strip_prefix("serving the handbook at ")
                .and_then(|rest| rest.split(' ').next())
                .map(str::to_string)
        })
        .expect("the address is printed");
    let address: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("an address");
    assert_eq!(get(address, "/th/").status, 200);

    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not stop on Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}

impl Preview {
    fn html_of(&self, target: &str) -> Html {
        self.get(target).html()
    }
}
