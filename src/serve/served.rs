//! What the server currently serves: the last good build's files in memory (live-reload script
//! injected), and the errors of the last build when it failed.

use super::reload;
use crate::output::OutputFile;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

/// The served site; the rebuild thread writes it, the HTTP workers read it.
#[derive(Default)]
pub struct Served {
    state: RwLock<State>,
}

#[derive(Default)]
struct State {
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Files left out of date by an incremental rebuild, rendered again when requested.
    stale: HashSet<String>,
    /// The last build's errors, as printed in the terminal; `None` after a good build.
    error: Option<String>,
    /// Counts good builds, so a client can tell one reload from the next.
    generation: u64,
    /// The last search index started in the background; an older one that finishes later is
    /// out of date and dropped.
    search_ticket: u64,
}

/// A snapshot for `/__handbook/status`.
#[derive(serde::Serialize)]
pub struct Status {
    pub generation: u64,
    pub error: Option<String>,
    pub files: usize,
}

impl Served {
    /// Serves a whole new build in place of the old one.
    pub fn replace_all(&self, files: Vec<OutputFile>) -> u64 {
        let prepared: HashMap<_, _> = files.into_iter().map(prepare).collect();
        let mut state = self.write();
        state.files = prepared;
        state.stale.clear();
        state.search_ticket += 1; // the new build has its own index
        state.error = None;
        state.generation += 1;
        state.generation
    }

    /// Serves some re-rendered files beside the rest of the build.
    pub fn update(&self, files: Vec<OutputFile>) -> u64 {
        let prepared: Vec<_> = files.into_iter().map(prepare).collect();
        let mut state = self.write();
        state.files.extend(prepared);
        state.error = None;
        state.generation += 1;
        state.generation
    }

    /// Replaces files produced after the page itself (print view, search index) without a
    /// reload: they were not what the author was looking at.
    pub fn refresh(&self, files: Vec<OutputFile>) {
        let prepared: Vec<_> = files.into_iter().map(prepare).collect();
        let mut state = self.write();
        for (path, _) in &prepared {
            state.stale.remove(path);
        }
        state.files.extend(prepared);
    }

    /// A number for a search index about to be built in the background.
    pub fn issue_search_ticket(&self) -> u64 {
        let mut state = self.write();
        state.search_ticket += 1;
        state.search_ticket
    }

    /// Serves a search index built in the background, unless a newer one was started since.
    pub fn refresh_search(&self, ticket: u64, files: Vec<OutputFile>) {
        let prepared: Vec<_> = files.into_iter().map(prepare).collect();
        let mut state = self.write();
        if state.search_ticket == ticket {
            state.files.extend(prepared);
        }
    }

    pub fn mark_stale(&self, paths: Vec<String>) {
        self.write().stale.extend(paths);
    }

    pub fn is_stale(&self, path: &str) -> bool {
        self.read().stale.contains(path)
    }

    /// Keeps serving the last good build, and remembers why the new one failed.
    pub fn fail(&self, error: String) {
        self.write().error = Some(error);
    }

    pub fn file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.read().files.get(path).cloned()
    }

    pub fn has(&self, path: &str) -> bool {
        self.read().files.contains_key(path)
    }

    /// Whether there is no good build to serve yet (the first build failed).
    pub fn is_empty(&self) -> bool {
        self.read().files.is_empty()
    }

    pub fn error(&self) -> Option<String> {
        self.read().error.clone()
    }

    pub fn status(&self) -> Status {
        let state = self.read();
        Status {
            generation: state.generation,
            error: state.error.clone(),
            files: state.files.len(),
        }
    }

    // A panic while holding the lock cannot leave the map half-written (every write is one
    // `extend` or assignment), so a poisoned lock is still safe to use.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn prepare(file: OutputFile) -> (String, Arc<Vec<u8>>) {
    let bytes = if file.path.ends_with(".html") {
        reload::inject_script(file.bytes)
    } else {
        file.bytes
    };
    (file.path, Arc::new(bytes))
}
