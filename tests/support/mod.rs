//! `TestSite`: copies a fixture handbook (or writes files) into a temporary folder, builds it, and
//! parses output pages as HTML for assertions.

#![allow(dead_code)]

pub mod print;

use handbook::diagnostics::Diagnostic;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

pub struct TestSite {
    root: PathBuf,
    /// The temporary folder `root` is in, removed when the site is dropped (none for shared sites).
    _temp: Option<tempfile::TempDir>,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            site.root(),
        );
        site
    }

    pub fn empty() -> TestSite {
        let temp = tempfile::tempdir().expect("temporary folder");
        TestSite {
            root: temp.path().to_path_buf(),
            _temp: Some(temp),
        }
    }

    /// A copy of the bundled handbook (the repository root), without its PDF edition, built once
    /// per test process and shared by the tests of that process, which only read it. It lives in
    /// cargo's scratch folder (one per test binary, replaced by the next run), since a static is
    /// never dropped.
    pub fn bundled() -> &'static TestSite {
        static SITE: std::sync::OnceLock<TestSite> = std::sync::OnceLock::new();
        SITE.get_or_init(|| {
            let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("bundled-{}", env!("CARGO_CRATE_NAME")));
            if root.exists() {
                std::fs::remove_dir_all(&root).expect("remove the last run's copy");
            }
            std::fs::create_dir_all(&root).expect("create the copy's folder");
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            for item in ["glossary.toml", "directory.toml"] {
                std::fs::copy(repo.join(item), root.join(item)).expect("copy");
            }
            // Without its PDF edition (tests/pdf.rs reads that), which is most of a debug build's
            // time; the site's download links go with it, so every link still resolves.
            let config = std::fs::read_to_string(repo.join("handbook.toml")).expect("read");
            assert!(
                config.contains("\n[pdf]\n"),
                "the bundled handbook has a [pdf] table"
            );
            let config = config.replace("\n[pdf]\n", "\n[pdf]\nenabled = false\n");
            std::fs::write(root.join("handbook.toml"), config).expect("write handbook.toml");
            for folder in ["content", "forms"] {
                copy_dir(&repo.join(folder), &root.join(folder));
            }
            let site = TestSite { root, _temp: None };
            site.build_ok();
            site
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes (or replaces) a file of the handbook.
    pub fn file(&self, path: &str, text: &str) -> &TestSite {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("create folder");
        std::fs::write(full, text).expect("write file");
        self
    }

    pub fn remove(&self, path: &str) -> &TestSite {
        std::fs::remove_file(self.root().join(path)).expect("remove file");
        self
    }

    pub fn build(&self) -> Result<handbook::BuildSummary, Vec<Diagnostic>> {
        let options = handbook::BuildOptions {
            root: self.root().to_path_buf(),
            output_dir: None,
            include_drafts: false,
        };
        handbook::build(&options).map_err(|d| d.sorted())
    }

    pub fn build_ok(&self) -> handbook::BuildSummary {
        match self.build() {
            Ok(summary) => summary,
            Err(errors) => panic!(
                "build failed:\n{}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }

    /// The build's errors, each printed as the user sees it.
    pub fn build_errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("build succeeded, errors were expected"),
            Err(errors) => errors
                .iter()
                .filter(|e| e.is_error())
                .map(|e| e.to_string())
                .collect(),
        }
    }

    /// An output page, parsed; a print document as a reader gets it, its entries' bodies put in
    /// from the stored documents as print.js does (`print::filled`; `raw_page` for the file).
    pub fn page(&self, path: &str) -> Page {
        let output = self.output();
        let full = output.join(path);
        let text =
            std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
        let text = match text.contains(" data-docs=\"") {
            true => print::filled(&text, path, |file| {
                std::fs::read_to_string(output.join(file)).ok()
            }),
            false => text,
        };
        Page {
            path: path.to_string(),
            html: Html::parse_document(&text),
        }
    }

    /// An output page, parsed as the file is.
    pub fn raw_page(&self, path: &str) -> Page {
        let full = self.output().join(path);
        let text =
            std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
        Page {
            path: path.to_string(),
            html: Html::parse_document(&text),
        }
    }

    /// Runs git in the handbook's folder as a test author, with `date` as the commit's date (for
    /// the checks that read a page's history: stale translations, editions).
    pub fn git(&self, args: &[&str], date: &str) {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(self.root())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run git");
        assert!(status.success(), "git {args:?} failed");
    }

    pub fn exists(&self, path: &str) -> bool {
        self.output().join(path).is_file()
    }
}

pub struct Page {
    pub path: String,
    pub html: Html,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&selector).collect()
    }

    pub fn one(&self, css: &str) -> scraper::ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one {css} in {}",
            self.path
        );
        found[0]
    }

    pub fn text(&self, css: &str) -> String {
        self.one(css)
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("{css} has no {name} in {}", self.path))
            .to_string()
    }

    /// Resolves an href of this page to a path relative to the site root (without #fragment).
    pub fn resolve(&self, href: &str) -> String {
        resolve_href(&self.path, href.split('#').next().unwrap_or(""))
    }
}

/// `href` (without its #fragment) from the page at `path`, as a path from the site's root.
pub fn resolve_href(path: &str, href: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Walks every HTML file of the output and checks every local href/src (and #anchor) exists.
pub fn assert_links_resolve(site: &TestSite) {
    let root = site.output();
    let mut problems = Vec::new();
    let mut ids_of: std::collections::HashMap<String, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("walk output");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let path = entry
            .path()
            .strip_prefix(&root)
            .expect("inside output")
            .to_string_lossy()
            .replace('\\', "/");
        let page = site.page(&path);
        for element in page.select("[href], [src]") {
            let value = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap_or("");
            if value.starts_with("http")
                || value.starts_with("mailto:")
                || value.starts_with("data:")
                || value.is_empty()
            {
                continue;
            }
            if value.ends_with('/') {
                problems.push(format!("{path}: link to a folder {value}"));
            }
            let (file, anchor) = match value.split_once('#') {
                Some((file, anchor)) => (file, Some(anchor)),
                None => (value, None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                page.resolve(file)
            };
            let target = target.split('?').next().unwrap_or("").to_string();
            if !root.join(&target).is_file() {
                problems.push(format!("{path}: {value} -> {target} does not exist"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                if target.ends_with(".html") {
                    let ids = ids_of.entry(target.clone()).or_insert_with(|| {
                        let linked = site.page(&target);
                        let ids = linked.html.tree.nodes().filter_map(|node| {
                            node.value().as_element().and_then(|e| e.attr("id"))
                        });
                        ids.map(str::to_string).collect()
                    });
                    if !ids.contains(anchor) {
                        problems.push(format!("{path}: {value} -> no #{anchor} in {target}"));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
