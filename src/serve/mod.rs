//! `handbook serve`: builds the handbook into memory, serves it over HTTP on the loopback address,
//! rebuilds what a saved file affects and tells open pages to reload, or to show the errors.
//! Nothing is written to the handbook's output folder.

mod http;
mod incremental;
mod reload;
mod served;
mod stored_docs;
mod watch;

pub use http::{content_type, site_path};
pub use watch::{classify_path, is_editor_scratch, Change};

use crate::diagnostics::Diagnostics;
use incremental::{LiveSite, Rebuilt};
use reload::{Broadcaster, ReloadEvent};
use served::Served;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use watch::{Burst, Message, SourceWatcher};

/// The port `handbook serve` asks for first.
pub const DEFAULT_PORT: u16 = 1111;

/// The search index is rebuilt (in the background) once the author has paused this long after
/// an incremental rebuild.
const IDLE_WORK_AFTER: Duration = Duration::from_millis(300);

/// How long a request for a stale page (the print view) waits for it to be rendered again.
const REFRESH_PATIENCE: Duration = Duration::from_secs(120);

/// What `handbook serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The handbook folder (with handbook.toml).
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// When the port is taken, use one of the next few instead of failing.
    pub next_free_port: bool,
    pub include_drafts: bool,
    /// How long to wait for an editor's burst of file events to end before rebuilding.
    pub debounce: Duration,
    /// Print builds and errors to the terminal (the command line does; tests do not).
    pub log: bool,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            next_free_port: true,
            include_drafts: false,
            // Editors write, rename and delete within a millisecond or two; longer would only
            // delay every preview.
            debounce: Duration::from_millis(5),
            log: true,
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    NotAHandbook(PathBuf),
    Bind {
        address: SocketAddr,
        error: std::io::Error,
        /// How many ports were tried, from `address`'s up.
        tried: u16,
    },
    Start(String),
    Watch(String),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NotAHandbook(root) => write!(
                f,
                "{}: error: no handbook.toml here\n  = hint: run `handbook serve` in a handbook folder, or give its path: handbook serve path/to/handbook",
                root.display()
            ),
            ServeError::Bind {
                address,
                error,
                tried,
            } if error.kind() == std::io::ErrorKind::AddrInUse => {
                let port = address.port();
                if *tried > 1 {
                    write!(
                        f,
                        "error: ports {port} to {} on {} are all in use\n  = hint: choose a free one with --port",
                        port.saturating_add(tried - 1),
                        address.ip()
                    )
                } else {
                    write!(
                        f,
                        "error: port {port} on {} is already in use (another `handbook serve`?)\n  = hint: choose another, e.g. --port {}",
                        address.ip(),
                        port.saturating_add(1)
                    )
                }
            }
            ServeError::Bind { address, error, .. } => {
                write!(f, "error: cannot listen on {address}: {error}")
            }
            ServeError::Start(error) => write!(f, "error: cannot start the server: {error}"),
            ServeError::Watch(error) => write!(f, "error: cannot watch the handbook's files: {error}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// What the HTTP workers and the rebuild thread share.
pub(crate) struct Shared {
    served: Served,
    broadcaster: Broadcaster,
    /// To the rebuild thread, which alone holds the model.
    rebuild: Sender<Message>,
}

impl Shared {
    /// Has the rebuild thread render stale pages again, and waits until it has.
    fn refresh_stale_pages(&self) {
        let (reply, done) = channel();
        if self.rebuild.send(Message::Refresh(reply)).is_ok() {
            let _ = done.recv_timeout(REFRESH_PATIENCE);
        }
    }
}

/// A running `handbook serve`.
pub struct Server {
    address: SocketAddr,
    http: http::HttpServer,
    shared: Arc<Shared>,
    stop: Sender<Message>,
    rebuilder: JoinHandle<()>,
}

impl Server {
    /// Binds the port, builds the handbook, and starts serving and watching. A build that fails
    /// does not stop the server: its errors are served until a save fixes them.
    pub fn start(options: ServeOptions) -> Result<Server, ServeError> {
        let root = std::fs::canonicalize(&options.root)
            .map_err(|_| ServeError::NotAHandbook(options.root.clone()))?;
        if !root.join(crate::config::CONFIG_FILE).is_file() {
            return Err(ServeError::NotAHandbook(options.root.clone()));
        }
        let listener = http::bind(options.bind, options.port, options.next_free_port)?;
        let address = listener
            .local_addr()
            .map_err(|error| ServeError::Start(error.to_string()))?;
        let (sender, receiver) = channel();
        let shared = Arc::new(Shared {
            served: Served::default(),
            broadcaster: Broadcaster::default(),
            rebuild: sender.clone(),
        });
        let mut rebuilder = Rebuilder {
            root: root.clone(),
            options: options.clone(),
            live: None,
            pending: None,
            shared: Arc::clone(&shared),
            search_running: Arc::new(AtomicBool::new(false)),
        };
        rebuilder.build_first();
        let watcher = SourceWatcher::start(&root, sender.clone())?;
        let http = http::HttpServer::start(listener, Arc::clone(&shared))?;
        let rebuilder = std::thread::Builder::new()
            .name("handbook-rebuild".into())
            .spawn(move || rebuilder.run(watcher, receiver))
            .map_err(|error| ServeError::Start(error.to_string()))?;
        Ok(Server {
            address,
            http,
            shared,
            stop: sender,
            rebuilder,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The site's address for a browser, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Stops watching, ends the live-reload streams and waits for requests in flight.
    pub fn stop(self) {
        let _ = self.stop.send(Message::Stop);
        let _ = self.rebuilder.join();
        self.shared.broadcaster.close();
        self.http.stop();
    }
}

/// The rebuild thread: turns bursts of file events into rebuilds and tells the open pages.
struct Rebuilder {
    root: PathBuf,
    options: ServeOptions,
    /// `None` while no build has succeeded yet.
    live: Option<LiveSite>,
    /// A change whose rebuild failed: retried, merged with the next change, until it succeeds.
    pending: Option<Change>,
    shared: Arc<Shared>,
    /// Whether a search index is being built in the background.
    search_running: Arc<AtomicBool>,
}

impl Rebuilder {
    fn build_first(&mut self) {
        let started = Instant::now();
        match LiveSite::build(&self.root, self.options.include_drafts) {
            Ok((live, rebuilt)) => {
                self.live = Some(live);
                if let Rebuilt::Everything { warnings, .. } = &rebuilt {
                    self.print_diagnostics(warnings);
                }
                self.publish(rebuilt, started);
            }
            Err(diagnostics) => {
                self.pending = Some(Change::Everything);
                self.fail(diagnostics);
            }
        }
    }

    fn run(mut self, mut watcher: SourceWatcher, receiver: Receiver<Message>) {
        loop {
            let idle_work = self.live.as_ref().is_some_and(LiveSite::has_idle_work);
            let idle = idle_work.then_some(IDLE_WORK_AFTER);
            match watch::next_burst(&receiver, self.options.debounce, idle) {
                Burst::Stopped => return,
                Burst::Idle => self.do_idle_work(),
                Burst::Events { events, refresh } => {
                    if !events.is_empty() {
                        watcher.watch_new_folders();
                    }
                    if let Some(change) = watch::classify(&self.root, &events) {
                        self.rebuild(change);
                    }
                    if !refresh.is_empty() {
                        self.render_stale_pages();
                        for reply in refresh {
                            let _ = reply.send(());
                        }
                    }
                }
            }
        }
    }

    fn rebuild(&mut self, change: Change) {
        let started = Instant::now();
        let change = match self.pending.take() {
            Some(pending) => pending.merge(change),
            None => change,
        };
        let result = match &mut self.live {
            Some(live) => live.rebuild(&change),
            None => {
                LiveSite::build(&self.root, self.options.include_drafts).map(|(live, rebuilt)| {
                    self.live = Some(live);
                    rebuilt
                })
            }
        };
        match result {
            Ok(rebuilt) => self.publish(rebuilt, started),
            Err(diagnostics) => {
                self.pending = Some(change);
                self.fail(diagnostics);
            }
        }
    }

    /// Serves a good build and tells the open pages to reload.
    fn publish(&self, rebuilt: Rebuilt, started: Instant) {
        let served = &self.shared.served;
        let generation = match rebuilt {
            Rebuilt::Everything { files, .. } => {
                let count = files.len();
                let generation = served.replace_all(files);
                self.say(format!(
                    "built the whole site ({count} files) in {}",
                    elapsed(started)
                ));
                generation
            }
            Rebuilt::Pages(files) => {
                let pages: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
                if let Some(live) = &self.live {
                    served.mark_stale(live.stale_pages());
                }
                let generation = served.update(files);
                self.say(format!("rebuilt {} in {}", list(&pages), elapsed(started)));
                generation
            }
            // Saved without a change; but if it undid a broken edit, the errors must go.
            Rebuilt::Nothing if served.error().is_some() => {
                self.say("the errors are fixed".into());
                served.update(Vec::new())
            }
            Rebuilt::Nothing => return,
        };
        self.shared
            .broadcaster
            .send(&ReloadEvent::Reload(generation));
    }

    /// Keeps serving the last good build and shows why the new one failed.
    fn fail(&self, diagnostics: Diagnostics) {
        let count = diagnostics.error_count();
        let message = diagnostics
            .sorted()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n\n");
        if self.options.log {
            eprintln!("{message}\n");
        }
        let still = if self.live.is_some() {
            "still serving the last good build"
        } else {
            "serving the errors until they are fixed"
        };
        self.say(format!(
            "build failed with {count} error{}; {still}",
            if count == 1 { "" } else { "s" }
        ));
        self.shared.served.fail(message.clone());
        self.shared.broadcaster.send(&ReloadEvent::Failed(message));
    }

    /// Starts rebuilding the search index on its own thread, one at a time (a later pause
    /// starts the next).
    fn do_idle_work(&mut self) {
        if self.search_running.load(Ordering::SeqCst) {
            return;
        }
        let Some(job) = self.live.as_mut().and_then(LiveSite::take_search_job) else {
            return;
        };
        let ticket = self.shared.served.issue_search_ticket();
        let shared = Arc::clone(&self.shared);
        let running = Arc::clone(&self.search_running);
        running.store(true, Ordering::SeqCst);
        let started = std::thread::Builder::new()
            .name("handbook-search".into())
            .spawn(move || {
                lower_priority();
                let files = job.run();
                shared.served.refresh_search(ticket, files);
                running.store(false, Ordering::SeqCst);
            });
        if started.is_err() {
            self.search_running.store(false, Ordering::SeqCst);
        }
    }

    fn render_stale_pages(&mut self) {
        let Some(live) = &mut self.live else { return };
        let started = Instant::now();
        match live.render_stale_pages() {
            Ok(files) => {
                let pages: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
                if !pages.is_empty() {
                    self.say(format!("rendered {} in {}", list(&pages), elapsed(started)));
                }
                self.shared.served.refresh(files);
            }
            // The pages themselves rendered; only the print view did not. Say so; the last
            // print view is served meanwhile.
            Err(diagnostics) => self.print_diagnostics(&diagnostics),
        }
    }

    fn print_diagnostics(&self, diagnostics: &Diagnostics) {
        if self.options.log {
            for diagnostic in diagnostics.iter() {
                eprintln!("{diagnostic}\n");
            }
        }
    }

    fn say(&self, line: String) {
        if self.options.log {
            eprintln!("{line}");
        }
    }
}

/// Makes the calling thread (and threads it starts) yield the CPU to the rest of the server:
/// on a two-core laptop the index being rebuilt in the background must not slow the next save.
fn lower_priority() {
    // SAFETY: setpriority takes no pointers; on Linux, PRIO_PROCESS with who = 0 changes the
    // nice value of the calling thread only. A failure leaves the priority as it was.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

/// A few paths, and how many more: a new title re-renders several pages and sidebar scripts.
fn list(paths: &[String]) -> String {
    const SHOWN: usize = 4;
    if paths.len() <= SHOWN {
        return paths.join(", ");
    }
    format!(
        "{} and {} more",
        paths[..SHOWN].join(", "),
        paths.len() - SHOWN
    )
}

fn elapsed(started: Instant) -> String {
    format!("{:.1} ms", started.elapsed().as_secs_f64() * 1000.0)
}
