//! Writes the built site atomically: everything goes to a temporary folder beside the output folder,
//! which replaces the old output only when the whole build succeeded.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// One file of the built site, by its path relative to the site root (always with `/`).
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: String, mut bytes: Vec<u8>) -> OutputFile {
        // Rendered pages arrive in buffers grown by doubling, and the whole site is held until it
        // is written: their unused tails were ~60 MB of peak memory at 10,000 pages.
        bytes.shrink_to_fit();
        OutputFile { path, bytes }
    }
}

/// Refuses output folders whose replacement would destroy the user's work.
pub fn check_output_dir(root: &Path, output_dir: &Path) -> Result<(), Diagnostic> {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let output = absolute(output_dir);
    let root = absolute(root);
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|home| absolute(&home));
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            output_dir,
            format!("refusing to write the site here: {why}"),
        )
        .with_hint("choose an output folder of its own, e.g. -o public"))
    };
    if output.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if Some(&output) == home.as_ref() {
        return refuse("it is your home folder");
    }
    if output == root || root.starts_with(&output) {
        return refuse("it is the handbook folder or contains it");
    }
    if output.join(crate::content::CONTENT_DIR).exists()
        || output.join(crate::config::CONFIG_FILE).exists()
    {
        return refuse("it contains a handbook's content/ or handbook.toml");
    }
    Ok(())
}

/// Writes every file under `staging`: folders first, once each, then the files in parallel.
/// Creating thousands of files is mostly kernel time (inode allocation) that a second core
/// halves; asking for each file's folder again cost a `stat` per parent per file.
fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), Diagnostics> {
    use rayon::prelude::*;
    let mut folders = std::collections::BTreeSet::new();
    for file in files {
        if file
            .path
            .split('/')
            .any(|part| part == ".." || part.is_empty())
        {
            return Err(
                Diagnostic::error(&file.path, "output path escapes the output folder").into(),
            );
        }
        if let Some((folder, _)) = file.path.rsplit_once('/') {
            folders.insert(folder);
        }
    }
    for folder in folders {
        crate::fs::create_dir_all(&staging.join(folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        std::fs::write(&target, &file.bytes)
            .map_err(|error| Diagnostic::error(&target, format!("cannot write file: {error}")))
    })?;
    Ok(())
}

/// Writes `files` as the new content of `output_dir`. Files are checked for duplicates first.
pub fn write_atomically(output_dir: &Path, files: Vec<OutputFile>) -> Result<usize, Diagnostics> {
    let mut staging = Staging::new(output_dir)?;
    staging.write(files)?;
    staging.commit()
}

/// A build's output written in batches to a temporary folder beside `output_dir`, which replaces
/// the old output only on `commit`. Written files are dropped from memory: a large site's pages
/// need not be held while its search index is built. Dropped without a commit, the folder is
/// removed and the old output stays as it was.
pub struct Staging {
    output_dir: PathBuf,
    parent: PathBuf,
    name: String,
    folder: tempfile::TempDir,
    written: std::collections::HashSet<String>,
}

impl Staging {
    pub fn new(output_dir: &Path) -> Result<Staging, Diagnostics> {
        let parent = match output_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        crate::fs::create_dir_all(&parent)?;
        let name = output_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let folder = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .map_err(|error| {
                Diagnostic::error(
                    &parent,
                    format!("cannot create a temporary folder: {error}"),
                )
            })?;
        Ok(Staging {
            output_dir: output_dir.to_path_buf(),
            parent,
            name,
            folder,
            written: Default::default(),
        })
    }

    /// Writes one batch. Two files with the same path, in this batch or an earlier one, are an error.
    pub fn write(&mut self, mut files: Vec<OutputFile>) -> Result<(), Diagnostics> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut duplicates = Diagnostics::default();
        for file in &files {
            if !self.written.insert(file.path.clone()) {
                duplicates.push(
                    Diagnostic::error(&file.path, "two sources produce the same output file")
                        .with_hint("rename one of the pages or procedures that map to this path"),
                );
            }
        }
        if duplicates.has_errors() {
            return Err(duplicates);
        }
        write_all(self.folder.path(), &files)
    }

    /// Writes the file at `path` with the bytes `write` makes, as they are made. The same checks
    /// as [`Staging::write`].
    pub fn write_streamed(
        &mut self,
        path: &str,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostics> {
        use std::io::Write;
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(Diagnostic::error(path, "output path escapes the output folder").into());
        }
        if !self.written.insert(path.to_string()) {
            return Err(
                Diagnostic::error(path, "two sources produce the same output file")
                    .with_hint("rename one of the pages or procedures that map to this path")
                    .into(),
            );
        }
        let target = self.folder.path().join(path);
        if let Some(folder) = target.parent() {
            crate::fs::create_dir_all(folder)?;
        }
        let cannot = |error: std::io::Error| {
            Diagnostic::error(&target, format!("cannot write file: {error}"))
        };
        let file = std::fs::File::create(&target).map_err(cannot)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out).map_err(cannot)?;
        out.flush().map_err(cannot)?;
        Ok(())
    }

    /// Puts the staged site in place of `output_dir`; returns how many files it has.
    pub fn commit(self) -> Result<usize, Diagnostics> {
        let staging_path = self.folder.keep();
        let output_dir = &self.output_dir;
        if output_dir.exists() {
            let old = self
                .parent
                .join(format!(".{}.old-{}", self.name, std::process::id()));
            crate::fs::rename(output_dir, &old)?;
            if let Err(error) = crate::fs::rename(&staging_path, output_dir) {
                // Put the previous output back: a failed build never loses it.
                let _ = std::fs::rename(&old, output_dir);
                let _ = std::fs::remove_dir_all(&staging_path);
                return Err(error.into());
            }
            crate::fs::remove_dir_all(&old)?;
        } else if let Err(error) = crate::fs::rename(&staging_path, output_dir) {
            let _ = std::fs::remove_dir_all(&staging_path);
            return Err(error.into());
        }
        Ok(self.written.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(path.to_string(), text.as_bytes().to_vec())
    }

    fn leftovers(parent: &Path) -> Vec<String> {
        std::fs::read_dir(parent)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok())
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn batches_are_committed_together_and_replace_the_old_output() {
        let parent = tempfile::tempdir().expect("temporary folder");
        let out = parent.path().join("public");
        write_atomically(&out, vec![file("old.html", "old")]).expect("first build");
        let mut staging = Staging::new(&out).expect("staging");
        staging
            .write(vec![file("a/page.html", "page")])
            .expect("pages");
        // Not in place until the commit.
        assert!(out.join("old.html").is_file());
        staging
            .write(vec![file("search/th/meta.js", "meta")])
            .expect("index");
        assert_eq!(staging.commit().expect("commit"), 2);
        assert!(out.join("a/page.html").is_file() && out.join("search/th/meta.js").is_file());
        assert!(!out.join("old.html").exists());
        assert_eq!(leftovers(parent.path()), Vec::<String>::new());
    }

    #[test]
    fn a_path_written_twice_across_batches_is_an_error_and_the_old_output_stays() {
        let parent = tempfile::tempdir().expect("temporary folder");
        let out = parent.path().join("public");
        write_atomically(&out, vec![file("old.html", "old")]).expect("first build");
        let mut staging = Staging::new(&out).expect("staging");
        staging
            .write(vec![file("x.html", "one")])
            .expect("first batch");
        let problems = staging.write(vec![file("x.html", "two")]);
        assert!(problems.is_err());
        drop(staging);
        assert!(out.join("old.html").is_file());
        assert_eq!(leftovers(parent.path()), Vec::<String>::new());
    }
}
