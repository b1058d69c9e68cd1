//! Live reload: the script injected into served pages, and the server-sent events that tell
//! open pages to reload after a rebuild or to show the build's errors.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

// Everything the server adds lives under `/__handbook/`, which no handbook output uses.
pub const SCRIPT_PATH: &str = "__handbook/livereload.js";
pub const EVENTS_PATH: &str = "__handbook/events";
pub const STATUS_PATH: &str = "__handbook/status";

/// A classic script (the pages' CSP allows scripts from 'self'; no inline code).
pub const SCRIPT: &str = include_str!("livereload.js");

const SCRIPT_TAG: &str = "<script src=\"/__handbook/livereload.js\"></script>";

/// An SSE comment every so often: it keeps proxies from closing the stream and finds clients
/// that went away, whose threads then end.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReloadEvent {
    /// A good build of this generation is being served: reload.
    Reload(u64),
    /// The build failed: show these errors over the page (the last good build is still served).
    Failed(String),
}

impl ReloadEvent {
    /// The event in the text/event-stream format. The data is JSON so that it is one line.
    pub fn to_sse(&self) -> String {
        match self {
            ReloadEvent::Reload(generation) => {
                format!("event: reload\ndata: {{\"generation\":{generation}}}\n\n")
            }
            ReloadEvent::Failed(message) => {
                let data = serde_json::json!({ "message": message });
                // `build-error`, not `error`: EventSource uses `error` for its own connection errors.
                format!("event: build-error\ndata: {data}\n\n")
            }
        }
    }
}

/// Hands each event to every open page's stream.
#[derive(Default)]
pub struct Broadcaster {
    subscribers: Mutex<Vec<Sender<ReloadEvent>>>,
}

impl Broadcaster {
    pub fn subscribe(&self) -> Receiver<ReloadEvent> {
        let (sender, receiver) = channel();
        self.lock().push(sender);
        receiver
    }

    pub fn send(&self, event: &ReloadEvent) {
        // A closed page's receiver is gone; forget its sender.
        self.lock()
            .retain(|subscriber| subscriber.send(event.clone()).is_ok());
    }

    /// Ends every stream (the server is stopping).
    pub fn close(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<ReloadEvent>>> {
        // The list stays valid even if a thread panicked while holding it.
        self.subscribers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Streams events to one page until the page goes away or the server stops.
/// `first` is sent at once: a page opened while the build is broken shows the errors straight away.
pub fn stream(
    mut writer: Box<dyn Write + Send>,
    events: Receiver<ReloadEvent>,
    first: Option<ReloadEvent>,
) {
    let head = "HTTP/1.1 200 OK\r\n\
        Content-Type: text/event-stream; charset=utf-8\r\n\
        Cache-Control: no-store\r\n\
        Connection: close\r\n\r\n\
        retry: 1000\n\n";
    if send_text(&mut writer, head).is_err() {
        return;
    }
    if let Some(event) = first {
        if send_text(&mut writer, &event.to_sse()).is_err() {
            return;
        }
    }
    loop {
        let text = match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => event.to_sse(),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send_text(&mut writer, &text).is_err() {
            return;
        }
    }
}

fn send_text(writer: &mut Box<dyn Write + Send>, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}

/// Adds the live-reload script before the page's last `</body>` (or at the end, if it has none).
pub fn inject_script(html: Vec<u8>) -> Vec<u8> {
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    let mut injected = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    injected.extend_from_slice(&html[..at]);
    injected.extend_from_slice(SCRIPT_TAG.as_bytes());
    injected.extend_from_slice(&html[at..]);
    injected
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></body></html>".to_vec();
        let injected = String::from_utf8(inject_script(html)).unwrap_or_default();
        assert_eq!(
            injected,
            format!("<html><body><p>x</p>{SCRIPT_TAG}</body></html>")
        );
    }

    #[test]
    fn error_events_are_one_line_of_json() {
        let event = ReloadEvent::Failed("content/a.md:3:1: error\n<b>".into()).to_sse();
        let data = event.lines().nth(1).unwrap_or_default();
        assert!(data.starts_with("data: {"));
        assert_eq!(event.lines().filter(|l| l.starts_with("data:")).count(), 1);
        let value: serde_json::Value =
            serde_json::from_str(data.trim_start_matches("data: ")).unwrap_or_default();
        assert_eq!(value["message"], "content/a.md:3:1: error\n<b>");
    }

    #[test]
    fn closed_pages_are_forgotten() {
        let broadcaster = Broadcaster::default();
        let open = broadcaster.subscribe();
        drop(broadcaster.subscribe());
        broadcaster.send(&ReloadEvent::Reload(1));
        assert_eq!(open.try_recv(), Ok(ReloadEvent::Reload(1)));
        assert_eq!(broadcaster.lock().len(), 1);
    }
}
