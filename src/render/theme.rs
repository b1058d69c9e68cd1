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
        join_parts(&mut files);
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

/// A script kept as parts: a folder `x.js.parts/` becomes one file `x.js`, its files joined in
/// name order. The site loads one classic script (no modules from `file://`), while its source
/// stays in files of one concern each; a handbook's theme may override a single part.
const PARTS_SUFFIX: &str = ".parts/";

fn join_parts(files: &mut BTreeMap<String, Vec<u8>>) {
    let parts: Vec<String> = files
        .keys()
        .filter(|key| key.contains(PARTS_SUFFIX))
        .cloned()
        .collect();
    for key in parts {
        let Some(bytes) = files.remove(&key) else {
            continue;
        };
        let Some((joined, _)) = key.split_once(PARTS_SUFFIX) else {
            continue;
        };
        // Keys are in name order, so each part is appended after the ones before it.
        files.entry(joined.to_string()).or_default().extend(bytes);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parts_folder_is_one_file_joined_in_name_order() {
        let mut files = BTreeMap::new();
        files.insert("static/js/a.js.parts/20-b.js".to_string(), b"b\n".to_vec());
        files.insert("static/js/a.js.parts/10-a.js".to_string(), b"a\n".to_vec());
        files.insert("static/js/other.js".to_string(), b"o".to_vec());
        join_parts(&mut files);
        let keys: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(keys, ["static/js/a.js", "static/js/other.js"]);
        assert_eq!(files["static/js/a.js"], b"a\nb\n");
    }
}
