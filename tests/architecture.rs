//! The shape of the code: files small enough to read in one sitting, and imports that run one way
//! (no module imports one that imports it back), checked on the source so they stay that way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// "Files under ~500 lines": a little room, so that a file is split by responsibility, not by
/// a count.
const MOST_LINES: usize = 550;

/// Every `.rs` file under `src/`, as (module path, text without its tests).
fn modules() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new("src").sort_by_file_name() {
        let entry = entry.expect("read src/");
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        found.insert(module_path(path), code);
    }
    found
}

/// `src/render/pages.rs` -> `render::pages`; `src/render/mod.rs` -> `render`.
fn module_path(path: &Path) -> String {
    let relative = path.strip_prefix("src").expect("under src/");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The modules `code` (of module `module`) names, by `crate::` and `super::` paths, resolved to
/// the longest module path that exists.
fn imports(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map_or("", |(parent, _)| parent);
    let mut found = BTreeSet::new();
    let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'));
    for word in words {
        let path = if let Some(rest) = word.strip_prefix("crate::") {
            rest.to_string()
        } else if let Some(rest) = word.strip_prefix("super::") {
            if parent.is_empty() {
                rest.to_string()
            } else {
                format!("{parent}::{rest}")
            }
        } else {
            continue;
        };
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let target = (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|candidate| known.contains(candidate));
        if let Some(target) = target {
            if target != module {
                found.insert(target);
            }
        }
    }
    found
}

#[test]
fn no_source_file_is_longer_than_one_sitting() {
    let long: Vec<String> = walkdir::WalkDir::new("src")
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|entry| {
            let lines = std::fs::read_to_string(entry.path()).ok()?.lines().count();
            (lines > MOST_LINES).then(|| format!("{} ({lines} lines)", entry.path().display()))
        })
        .collect();
    assert!(long.is_empty(), "split by responsibility: {long:?}");
}

/// Top-level modules, and files in the same folder, never import each other both ways (a
/// module and its own submodules are one unit: `render` and `render::pages` may).
#[test]
fn imports_run_one_way() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let unit = |module: &str, of: &str| -> String {
        // The module `module` belongs to, seen from `of`: the top-level module, or the file
        // itself when both are in the same folder.
        let same_folder =
            module.rsplit_once("::").map(|(p, _)| p) == of.rsplit_once("::").map(|(p, _)| p);
        if same_folder {
            module.to_string()
        } else {
            module.split("::").next().unwrap_or(module).to_string()
        }
    };
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for (module, code) in &modules {
        for target in imports(module, code, &known) {
            let (from, to) = (unit(module, &target), unit(&target, module));
            let nested =
                from.starts_with(&format!("{to}::")) || to.starts_with(&format!("{from}::"));
            if from != to && !nested {
                edges.insert((from, to));
            }
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(at) = stack.pop() {
            for (a, b) in &edges {
                if a == &at && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        seen.contains(to)
    };
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| reaches(b, a))
        .map(|(a, b)| format!("{a} -> {b}"))
        .collect();
    assert!(circles.is_empty(), "imports that come back: {circles:#?}");
}
