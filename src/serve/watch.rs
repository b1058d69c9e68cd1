//! Watches the handbook's sources, gathers an editor's burst of events into one change, and
//! classifies it: pages edited in place, the content reloaded, or everything rebuilt.

use super::ServeError;
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Folders of the handbook watched with everything in them.
const WATCHED_FOLDERS: [&str; 3] = ["content", "forms", "themes"];

/// A burst never holds a rebuild back longer than this, even if events keep coming.
const LONGEST_BURST: Duration = Duration::from_millis(250);

/// How long a burst goes on after an editor has closed the file it wrote.
const AFTER_CLOSE: Duration = Duration::from_millis(1);

/// How often the fallback watcher looks at the files, where the system's notifications fail.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What a burst of file events asks for, from least to most work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown pages that may have been edited in place (full paths).
    Pages(BTreeSet<PathBuf>),
    /// Pages added or removed, procedures, forms, the directory, images: reload the model,
    /// keep the compiled templates.
    Content,
    /// handbook.toml, glossary.toml (abbreviations) or the theme: rebuild everything.
    Everything,
}

impl Change {
    /// One change that covers both.
    pub fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Everything, _) | (_, Change::Everything) => Change::Everything,
            (Change::Content, _) | (_, Change::Content) => Change::Content,
            (Change::Pages(mut mine), Change::Pages(theirs)) => {
                mine.extend(theirs);
                Change::Pages(mine)
            }
        }
    }
}

/// What the rebuild thread receives.
pub enum Message {
    File(notify::Result<Event>),
    /// A page left stale by an incremental rebuild (the print view) is wanted: render the
    /// stale pages, then answer.
    Refresh(Sender<()>),
    Stop,
}

/// What waiting for events ended with.
pub enum Burst {
    /// File events, and requests for stale pages that came while they were gathered.
    Events {
        events: Vec<Event>,
        refresh: Vec<Sender<()>>,
    },
    /// Nothing happened for the idle time asked for.
    Idle,
    Stopped,
}

/// The file watcher; dropping it stops the notifications.
pub struct SourceWatcher {
    root: PathBuf,
    watcher: Box<dyn Watcher + Send>,
    watched: BTreeSet<PathBuf>,
}

impl SourceWatcher {
    /// Watches `root` (its own files) and its content, forms and themes folders.
    /// Falls back to polling where the system's notifications cannot be had.
    pub fn start(root: &Path, sender: Sender<Message>) -> Result<SourceWatcher, ServeError> {
        let to_message = |sender: Sender<Message>| {
            move |event: notify::Result<Event>| {
                let _ = sender.send(Message::File(event));
            }
        };
        let native = notify::recommended_watcher(to_message(sender.clone()))
            .map(|watcher| Box::new(watcher) as Box<dyn Watcher + Send>);
        let mut watcher = match native {
            Ok(watcher) => SourceWatcher::new(root, watcher),
            Err(_) => SourceWatcher::polling(root, to_message(sender.clone()))?,
        };
        if watcher.watch_sources().is_err() {
            // inotify watches can run out on big trees; polling always works.
            watcher = SourceWatcher::polling(root, to_message(sender))?;
            watcher.watch_sources()?;
        }
        Ok(watcher)
    }

    fn new(root: &Path, watcher: Box<dyn Watcher + Send>) -> SourceWatcher {
        SourceWatcher {
            root: root.to_path_buf(),
            watcher,
            watched: BTreeSet::new(),
        }
    }

    fn polling(
        root: &Path,
        handler: impl notify::EventHandler,
    ) -> Result<SourceWatcher, ServeError> {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let watcher = notify::PollWatcher::new(handler, config)
            .map_err(|error| ServeError::Watch(error.to_string()))?;
        Ok(SourceWatcher::new(root, Box::new(watcher)))
    }

    fn watch_sources(&mut self) -> Result<(), ServeError> {
        self.watcher
            .watch(&self.root, RecursiveMode::NonRecursive)
            .map_err(|error| ServeError::Watch(format!("{}: {error}", self.root.display())))?;
        for folder in WATCHED_FOLDERS {
            self.watch_folder(&self.root.join(folder))?;
        }
        Ok(())
    }

    fn watch_folder(&mut self, folder: &Path) -> Result<(), ServeError> {
        if !folder.is_dir() || self.watched.contains(folder) {
            return Ok(());
        }
        self.watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|error| ServeError::Watch(format!("{}: {error}", folder.display())))?;
        self.watched.insert(folder.to_path_buf());
        Ok(())
    }

    /// Starts watching content/, forms/ or themes/ when the author creates one while serving.
    pub fn watch_new_folders(&mut self) {
        for folder in WATCHED_FOLDERS {
            let _ = self.watch_folder(&self.root.join(folder));
        }
    }
}

/// Waits for the next burst of events: blocks for the first (or gives up after `idle`), then
/// gathers until `quiet` passes without one, because editors save in several steps.
pub fn next_burst(receiver: &Receiver<Message>, quiet: Duration, idle: Option<Duration>) -> Burst {
    let first = match idle {
        Some(idle) => match receiver.recv_timeout(idle) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => return Burst::Idle,
            Err(RecvTimeoutError::Disconnected) => return Burst::Stopped,
        },
        None => match receiver.recv() {
            Ok(message) => message,
            Err(_) => return Burst::Stopped,
        },
    };
    let mut events = Vec::new();
    let mut refresh = Vec::new();
    let deadline = Instant::now() + LONGEST_BURST;
    let mut message = first;
    loop {
        let mut wait = quiet;
        match message {
            Message::Stop => return Burst::Stopped,
            Message::Refresh(reply) if events.is_empty() => {
                // Not a save: answer at once, without waiting for a quiet moment.
                return Burst::Events {
                    events,
                    refresh: vec![reply],
                };
            }
            Message::Refresh(reply) => refresh.push(reply),
            Message::File(Ok(event)) => {
                // A closed written file is finished (Linux says so): wait only for what the
                // same save does right after, such as removing a backup.
                if event.kind == EventKind::Access(AccessKind::Close(AccessMode::Write)) {
                    wait = wait.min(AFTER_CLOSE);
                }
                events.push(event);
            }
            // A watcher error usually means events were lost: rebuild everything to be sure.
            Message::File(Err(_)) => {
                events.push(Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan))
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        message = match receiver.recv_timeout(wait.min(left)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => return Burst::Events { events, refresh },
            Err(RecvTimeoutError::Disconnected) => return Burst::Stopped,
        };
    }
}

/// The change a burst of events asks for, or `None` when it touched nothing the site is built from.
pub fn classify(root: &Path, events: &[Event]) -> Option<Change> {
    let mut change: Option<Change> = None;
    for event in events {
        let found = if event.need_rescan() {
            Some(Change::Everything)
        } else if !is_relevant(&event.kind) {
            None
        } else {
            event
                .paths
                .iter()
                .filter_map(|path| classify_path(root, path))
                .reduce(Change::merge)
        };
        if let Some(found) = found {
            change = Some(match change {
                Some(change) => change.merge(found),
                None => found,
            });
        }
    }
    change
}

/// Reads and attribute changes do not change the site; closing a written file does (on Linux the
/// write may be reported before the editor has finished it).
fn is_relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// What a change to one file asks for.
pub fn classify_path(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|part| is_editor_scratch(part)) {
        return None;
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["handbook.toml"] | ["glossary.toml"] => Some(Change::Everything),
        ["directory.toml"] => Some(Change::Content),
        ["themes", ..] => Some(Change::Everything),
        ["forms", ..] => Some(Change::Content),
        // `sed -i` and some editors save through a temporary file with a made-up name, gone
        // by now; it is no source (a removed page or procedure has its extension).
        ["content", .., name] if !name.contains('.') && !path.exists() => None,
        ["content", .., name] if name.ends_with(".md") => {
            Some(Change::Pages(BTreeSet::from([path.to_path_buf()])))
        }
        ["content", ..] => Some(Change::Content),
        _ => None,
    }
}

/// Files editors write beside the real one while saving (and hidden files, which builds skip too).
pub fn is_editor_scratch(name: &str) -> bool {
    name.starts_with('.') // .file.swp (vim), .#file (emacs lock), .git
        || name.starts_with('#') // #file# (emacs autosave)
        || name.ends_with('~') // file~ (backups)
        || name == "4913" // vim's probe for whether it may write the folder
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___") // JetBrains safe write
        || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str) -> Option<Change> {
        classify_path(Path::new("/h"), &Path::new("/h").join(path))
    }

    #[test]
    fn sources_are_classified_by_what_they_feed() {
        assert_eq!(
            change("content/a/b.en.md"),
            Some(Change::Pages(BTreeSet::from([PathBuf::from(
                "/h/content/a/b.en.md"
            )])))
        );
        assert_eq!(change("content/a/process.toml"), Some(Change::Content));
        assert_eq!(change("content/a/map.png"), Some(Change::Content));
        assert_eq!(change("content/a/sedX1b2c3"), None);
        assert_eq!(change("forms/f1.toml"), Some(Change::Content));
        assert_eq!(change("directory.toml"), Some(Change::Content));
        assert_eq!(change("handbook.toml"), Some(Change::Everything));
        assert_eq!(change("glossary.toml"), Some(Change::Everything));
        assert_eq!(
            change("themes/default/templates/page.html"),
            Some(Change::Everything)
        );
        assert_eq!(change("public/th/index.html"), None);
        assert_eq!(change("README.md"), None);
    }

    #[test]
    fn editor_scratch_files_are_ignored() {
        for name in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/#a.md#",
            "content/4913",
            "content/a.md.tmp",
            "content/a.md___jb_tmp___",
            "content/.git/HEAD",
            ".handbook.toml.swp",
        ] {
            assert_eq!(change(name), None, "{name}");
        }
    }

    #[test]
    fn merged_changes_keep_the_larger_work() {
        let page = |p: &str| Change::Pages(BTreeSet::from([PathBuf::from(p)]));
        assert_eq!(
            page("a").merge(page("b")),
            Change::Pages(BTreeSet::from([PathBuf::from("a"), PathBuf::from("b")]))
        );
        assert_eq!(page("a").merge(Change::Content), Change::Content);
        assert_eq!(
            Change::Content.merge(Change::Everything),
            Change::Everything
        );
    }
}
