//! A page's Markdown body as a build holds it: in memory, or read again from its file when rendered.
//!
//! A `build` keeps of each page only what the whole site needs (front matter, headings, the
//! edition's section fingerprints) and reads the body again in the render job, so that its
//! memory does not grow with the handbook's text. The file is checked against a hash taken at
//! load: a file saved during the build is an error, never a page rendered from other text.

use crate::diagnostics::Diagnostic;
use std::borrow::Cow;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

/// Whether loading keeps the pages' bodies in memory (`serve`, `check`, `pack`, the PDF edition)
/// or reads them again when they are rendered (`build`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Held,
    Reread,
}

/// Where a body that is not held is read again, and what it was at load.
#[derive(Debug, Clone)]
pub struct OnDisk {
    /// The handbook's folder, shared by every page: the file is `shown` (its path in messages,
    /// relative to this folder, or whole when outside it) under it.
    root: Arc<Path>,
    length: usize,
    hash: u64,
}

impl OnDisk {
    /// Remembers the file of the handbook at `root` whose text at load was `source`.
    pub fn of(root: &Arc<Path>, source: &str) -> OnDisk {
        OnDisk {
            root: Arc::clone(root),
            length: source.len(),
            hash: hash(source),
        }
    }

    /// The text of the file shown as `shown`, read again; an error naming it when it cannot
    /// be read or is not the text loaded.
    pub fn read(&self, shown: &Path) -> Result<Cow<'static, str>, Diagnostic> {
        let source = crate::fs::read_to_string(&self.root.join(shown), shown)?;
        if source.len() != self.length || hash(&source) != self.hash {
            return Err(
                Diagnostic::error(shown, "the file changed during the build")
                    .with_hint("build again once the file is saved"),
            );
        }
        Ok(Cow::Owned(source))
    }
}

thread_local! {
    /// The text of the page file being loaded on this thread, its memory kept from file to file.
    static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Calls `read` with the text of the file at `full_path` (an error naming `shown` when it cannot
/// be read), held in a buffer this thread reuses.
pub fn with_buffer<T>(
    full_path: &Path,
    shown: &Path,
    read: impl FnOnce(&str) -> T,
) -> Result<T, Diagnostic> {
    use std::io::Read;
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        let read_whole =
            std::fs::File::open(full_path).and_then(|mut file| file.read_to_string(&mut buffer));
        match read_whole {
            Ok(_) => Ok(read(&buffer)),
            // The same message as every other file read.
            Err(_) => crate::fs::read_to_string(full_path, shown).map(|source| read(&source)),
        }
    })
}

fn hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_read_again_is_the_text_loaded_or_an_error_saying_the_file_changed() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(folder.path().join("content")).expect("a content folder");
        let file = folder.path().join("content/page.md");
        let shown = Path::new("content/page.md");
        std::fs::write(&file, "+++\ntitle = \"A\"\n+++\nBody.\n").expect("written");
        let root: Arc<Path> = Arc::from(folder.path());
        let on_disk = OnDisk::of(&root, "+++\ntitle = \"A\"\n+++\nBody.\n");
        assert_eq!(
            on_disk.read(shown).expect("unchanged"),
            "+++\ntitle = \"A\"\n+++\nBody.\n"
        );
        std::fs::write(&file, "+++\ntitle = \"A\"\n+++\nBodx.\n").expect("written");
        let error = on_disk.read(shown).expect_err("changed");
        assert!(
            error.to_string().contains("changed during the build"),
            "{error}"
        );
        assert!(error.to_string().contains("content/page.md"), "{error}");
        std::fs::remove_file(&file).expect("removed");
        assert!(on_disk.read(shown).is_err());
    }
}
