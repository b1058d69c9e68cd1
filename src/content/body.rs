//! A page's Markdown body as a build holds it: in memory, or read again from its file when rendered.
//!
//! A `build` keeps of each page only what the whole site needs (front matter, headings, the
//! edition's section fingerprints) and reads the body again in the render job, so that its
//! memory does not grow with the handbook's text. The file is checked against a hash taken at
//! load: a file saved during the build is an error, never a page rendered from other text.

use crate::diagnostics::Diagnostic;
use std::borrow::Cow;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

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
    full_path: PathBuf,
    length: usize,
    hash: u64,
}

impl OnDisk {
    /// Remembers the file at `full_path` whose text at load was `source`.
    pub fn of(full_path: &Path, source: &str) -> OnDisk {
        OnDisk {
            full_path: full_path.to_path_buf(),
            length: source.len(),
            hash: hash(source),
        }
    }

    /// The file's text, read again; an error naming `shown` when it cannot be read or is not
    /// the text loaded.
    pub fn read(&self, shown: &Path) -> Result<Cow<'static, str>, Diagnostic> {
        let source = crate::fs::read_to_string(&self.full_path, shown)?;
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
        let file = folder.path().join("page.md");
        let shown = Path::new("content/page.md");
        std::fs::write(&file, "+++\ntitle = \"A\"\n+++\nBody.\n").expect("written");
        let on_disk = OnDisk::of(&file, "+++\ntitle = \"A\"\n+++\nBody.\n");
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
