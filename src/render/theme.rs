//! The theme: the built-in `themes/default` compiled into the binary, overridden file by file by the
//! handbook's own `themes/default/`.

use crate::diagnostics::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::Path;

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const THEME_DIR: &str = "themes/default";

/// Every theme file by its path inside the theme (`templates/page.html`, `static/css/site.css`).
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn load(root: &Path) -> Result<Theme, Diagnostics> {
        let mut files = BTreeMap::new();
        collect_built_in(&BUILT_IN, &mut files);
        let overrides = root.join(THEME_DIR);
        if overrides.is_dir() {
            for entry in walkdir::WalkDir::new(&overrides).sort_by_file_name() {
                let entry = entry.map_err(|error| {
                    Diagnostic::error(THEME_DIR, format!("cannot read theme: {error}"))
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(&overrides) else {
                    continue;
                };
                let key = relative.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path()).map_err(|error| {
                    Diagnostic::error(
                        Path::new(THEME_DIR).join(&key),
                        format!("cannot read: {error}"),
                    )
                })?;
                files.insert(key, bytes);
            }
        }
        Ok(Theme { files })
    }

    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, bytes)| {
            path.strip_prefix("templates/")
                .map(|name| (name, bytes.as_slice()))
        })
    }

    /// Static files copied as they are into the output's `static/` folder.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, bytes)| {
            path.strip_prefix("static/")
                .map(|name| (name, bytes.as_slice()))
        })
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }
}

fn collect_built_in(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        files.insert(
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        );
    }
    for sub in dir.dirs() {
        collect_built_in(sub, files);
    }
}
