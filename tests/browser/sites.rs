//! The handbooks under test, built once per test process into cargo's scratch folder, and ways
//! to find their pages. Shared by the browser tests and the page-basics test.

use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

// ---------------------------------------------------------------------------------------------
// Sites under test
// ---------------------------------------------------------------------------------------------

/// The repository root, which is also the bundled handbook.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture handbook `tests/fixtures/<case>/`, built once per test run; returns the site folder.
pub fn fixture_site(case: &str) -> PathBuf {
    built_site(&repo_root().join("tests/fixtures").join(case), case)
}

/// The bundled handbook (the repository root), built once per test run. `HANDBOOK_UNDER_TEST`
/// names another handbook folder to run the same tests on (your own handbook, or a work copy).
pub fn bundled_site() -> PathBuf {
    let root = std::env::var_os("HANDBOOK_UNDER_TEST").map_or_else(repo_root, PathBuf::from);
    built_site(&root, "bundled")
}

/// Builds `root` with the library (as `handbook build` does) into a folder under cargo's test
/// scratch space, once per test process: tests running in parallel share it. Each test binary
/// has its own folder; a later run replaces it (the build writes atomically).
fn built_site(root: &Path, name: &str) -> PathBuf {
    static SITES: OnceLock<Mutex<BTreeMap<String, Arc<OnceLock<PathBuf>>>>> = OnceLock::new();
    let slot = {
        let mut sites = SITES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(sites.entry(name.to_string()).or_default())
    };
    slot.get_or_init(|| {
        let output = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("browser-sites")
            .join(format!("{}-{name}", env!("CARGO_CRATE_NAME")));
        build_into(root, &output);
        output
    })
    .clone()
}

/// Builds the handbook at `root` into `output` with the library, as `handbook build` does;
/// panics with every diagnostic if it does not build.
pub fn build_into(root: &Path, output: &Path) {
    let options = handbook::BuildOptions {
        root: root.to_path_buf(),
        output_dir: Some(output.to_path_buf()),
        include_drafts: false,
    };
    if let Err(diagnostics) = handbook::build(&options) {
        let shown: Vec<String> = diagnostics
            .sorted()
            .iter()
            .map(ToString::to_string)
            .collect();
        panic!(
            "the handbook at {} does not build:\n{}",
            root.display(),
            shown.join("\n\n")
        );
    }
}

/// `file:///...` for a file of a built site.
pub fn file_url(path: &Path) -> String {
    match url::Url::from_file_path(path) {
        Ok(url) => url.to_string(),
        Err(()) => panic!("not an absolute path: {}", path.display()),
    }
}

/// Every HTML file of a built site, sorted, as paths relative to the site folder (with `/`).
pub fn html_pages(site: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .filter_map(|entry| {
            entry
                .path()
                .strip_prefix(site)
                .ok()
                .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    pages.sort();
    pages
}

/// Reads and parses a page of a built site.
pub fn parse(site: &Path, page: &str) -> Html {
    let path = site.join(page);
    match std::fs::read_to_string(&path) {
        Ok(text) => Html::parse_document(&text),
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}

/// The kind of page (`chapter`, `page`, `procedure`, `role`, `form`, `search`, `print`...), from
/// the `kind-*` class the theme puts on `<body>`.
pub fn page_kind(html: &Html) -> Option<String> {
    let body = selector("body");
    html.select(&body).next().and_then(|body| {
        body.value()
            .classes()
            .find_map(|class| class.strip_prefix("kind-"))
            .map(str::to_string)
    })
}

/// The first page (in path order) of `lang` whose kind is `kind`, e.g. `("en", "procedure")`.
pub fn first_page_of_kind(site: &Path, lang: &str, kind: &str) -> Option<String> {
    html_pages(site)
        .into_iter()
        .filter(|page| page.starts_with(&format!("{lang}/")))
        .find(|page| page_kind(&parse(site, page)).as_deref() == Some(kind))
}

/// A CSS selector known to be valid (written in the test source).
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|error| panic!("bad selector {css}: {error}"))
}
