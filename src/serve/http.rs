//! The HTTP side of `handbook serve`: binds the port, maps request paths onto the built site
//! (refusing anything that could reach outside it), and answers with the right content type.

use super::reload::{self, ReloadEvent};
use super::{ServeError, Shared};
use std::io::Cursor;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Requests for files are answered by a few workers; each live-reload stream gets its own thread.
const WORKERS: usize = 4;

/// How many ports after the asked one are tried when it is taken and `next_free` is on.
const PORTS_TO_TRY: u16 = 10;

/// Binds `port` on `address`; when it is taken and `next_free` is set, the next free one.
pub fn bind(address: IpAddr, port: u16, next_free: bool) -> Result<TcpListener, ServeError> {
    let tries = if next_free && port != 0 {
        PORTS_TO_TRY
    } else {
        1
    };
    let mut last_error = None;
    for offset in 0..tries {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match listen(SocketAddr::new(address, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                last_error = Some(error);
            }
            Err(error) => {
                return Err(ServeError::Bind {
                    address: SocketAddr::new(address, candidate),
                    error,
                    tried: 1,
                })
            }
        }
    }
    Err(ServeError::Bind {
        address: SocketAddr::new(address, port),
        error: last_error.unwrap_or_else(|| std::io::ErrorKind::AddrInUse.into()),
        tried: tries,
    })
}

/// A listening socket whose connections send small writes at once. Without TCP_NODELAY (which
/// Linux passes from the listener to accepted sockets) a kept-alive browser connection waits
/// ~40 ms on every response for the delayed ACK of the header packet.
fn listen(address: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(
        Domain::for_address(address),
        Type::STREAM,
        Some(Protocol::TCP),
    )?;
    // Lets a restarted server take its port back while old connections linger in TIME_WAIT;
    // it never lets two servers listen on one port.
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// The running HTTP server and its workers.
pub struct HttpServer {
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    stopping: Arc<AtomicBool>,
}

impl HttpServer {
    pub fn start(listener: TcpListener, shared: Arc<Shared>) -> Result<HttpServer, ServeError> {
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|error| ServeError::Start(error.to_string()))?;
        let server = Arc::new(server);
        let stopping = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for number in 0..WORKERS {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            let stopping = Arc::clone(&stopping);
            let worker = std::thread::Builder::new()
                .name(format!("handbook-http-{number}"))
                .spawn(move || loop {
                    match server.recv() {
                        Ok(request) => respond(request, &shared),
                        // An accept error is the client's problem; `unblock` is ours: stop.
                        Err(_) if stopping.load(Ordering::SeqCst) => return,
                        Err(_) => continue,
                    }
                })
                .map_err(|error| ServeError::Start(error.to_string()))?;
            workers.push(worker);
        }
        Ok(HttpServer {
            server,
            workers,
            stopping,
        })
    }

    /// Stops accepting requests and waits for the workers to finish the ones they have.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

fn respond(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_headers(
            Response::from_string("only GET and HEAD are served\n").with_status_code(405),
            &[("Allow", "GET, HEAD")],
        );
        let _ = request.respond(response);
        return;
    }
    let Some(path) = site_path(request.url()) else {
        return not_found(request);
    };
    match path.as_str() {
        reload::EVENTS_PATH => {
            // Subscribe before reading the state, so no event falls between the two.
            let events = shared.broadcaster.subscribe();
            let first = shared.served.error().map(ReloadEvent::Failed);
            let writer = request.into_writer();
            let _ = std::thread::Builder::new()
                .name("handbook-reload".into())
                .spawn(move || reload::stream(writer, events, first));
        }
        reload::SCRIPT_PATH => send(request, reload::SCRIPT.as_bytes().to_vec(), &path, 200),
        reload::STATUS_PATH => {
            let body = serde_json::to_vec(&shared.served.status()).unwrap_or_default();
            send(request, body, "status.json", 200);
        }
        _ if shared.served.is_empty() => {
            // The first build failed: there is no good build to fall back on, so every page
            // shows the errors (and reloads when they are fixed).
            let message = shared.served.error().unwrap_or_default();
            send(request, error_page(&message), "error.html", 503);
        }
        _ if shared.served.is_stale(&path) => {
            shared.refresh_stale_pages();
            serve_file(request, shared, &path);
        }
        _ => serve_file(request, shared, &path),
    }
}

fn serve_file(request: Request, shared: &Shared, path: &str) {
    match shared.served.file(path) {
        Some(bytes) => send(request, bytes.to_vec(), path, 200),
        None if shared.served.has(&format!("{path}/index.html")) => {
            // `/th` -> `/th/`: pages link relatively, so the folder URL needs its slash.
            // The request's own (percent-encoded, so ASCII) path goes into the header.
            let raw_path = request.url().split(['?', '#']).next().unwrap_or("/");
            let location = format!("{raw_path}/");
            let response = with_headers(
                Response::empty(301),
                &[("Location", &location), ("Cache-Control", "no-store")],
            );
            let _ = request.respond(response);
        }
        None => not_found(request),
    }
}

fn send(request: Request, body: Vec<u8>, path: &str, status: u16) {
    let length = body.len();
    let response = Response::new(
        StatusCode(status),
        Vec::new(),
        Cursor::new(body),
        Some(length),
        None,
    );
    let response = with_headers(
        response,
        &[
            ("Content-Type", content_type(path)),
            // Authors reload constantly; a cached page would hide their last save.
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    );
    let _ = request.respond(response);
}

fn not_found(request: Request) {
    send(request, b"404 not found\n".to_vec(), "404.txt", 404);
}

/// Adds headers; our names and values are ASCII, and one that is not is left out, not a panic.
fn with_headers<R: std::io::Read>(
    mut response: Response<R>,
    headers: &[(&str, &str)],
) -> Response<R> {
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn error_page(message: &str) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head>\
         <body><h1>handbook serve: the build failed</h1><p>Fix the file and save; this page reloads by itself.</p>\
         <pre>{}</pre></body></html>\n",
        html_escape::encode_text(message)
    );
    reload::inject_script(html.into_bytes())
}

/// The site path that a request target names, or `None` (404) for anything that is not a plain
/// path inside the site: `..` and `.` segments, encoded slashes or dots, backslashes, absolute
/// and drive paths, empty segments. A folder (`/th/`) means its `index.html`.
pub fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let mut parts = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            if index == last {
                continue; // a trailing slash
            }
            return None;
        }
        let decoded = percent_decode(segment)?;
        let unsafe_char = |c: char| matches!(c, '/' | '\\' | ':' | '\0');
        if decoded == "." || decoded == ".." || decoded.contains(unsafe_char) {
            return None;
        }
        parts.push(decoded);
    }
    let mut site_path = parts.join("/");
    if rest.is_empty() || rest.ends_with('/') {
        if !site_path.is_empty() {
            site_path.push('/');
        }
        site_path.push_str("index.html");
    }
    Some(site_path)
}

/// Decodes `%XX` escapes; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(text, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The Content-Type for a site path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "application/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" | "toml" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_name_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/th/").as_deref(), Some("th/index.html"));
        assert_eq!(
            site_path("/th/a.html?x=1#top").as_deref(),
            Some("th/a.html")
        );
        assert_eq!(site_path("/th").as_deref(), Some("th"));
        assert_eq!(
            site_path("/th/%E0%B8%81.html").as_deref(),
            Some("th/\u{0e01}.html")
        );
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for target in [
            "/../etc/passwd",
            "/th/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/th/%2f..%2f",
            "/th\\..\\x",
            "/th/%5c..%5cx",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "http://example.org/th/",
            "etc/passwd",
            "/./index.html",
            "/th/%00",
            "/th/%zz",
            "/th/%e0%b8",
        ] {
            assert_eq!(site_path(target), None, "{target}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("th/a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/fonts/x.woff2"), "font/woff2");
        assert_eq!(content_type("assets/map.SVG"), "image/svg+xml");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
