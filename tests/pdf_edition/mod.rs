//! What the PDF test files share: the bundled handbook's PDF edition, made once per test file by `handbook pdf` with a PATH that holds no program (so no browser either), and poppler's tools to read it back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The PDF edition in cargo's scratch folder under `name` (one per test file, as test files run
/// at the same time), replaced by the next run: a static is never dropped, and a kept temporary
/// folder left 19 MB in /tmp after every run.
pub fn edition(name: &str) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove the last run's edition");
        }
        let empty_path = dir.join("empty-bin");
        std::fs::create_dir_all(&empty_path).expect("empty bin folder");
        let out = dir.join("pdf");
        let status = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .arg("pdf")
            .arg(repo())
            .arg("-o")
            .arg(&out)
            .env("PATH", &empty_path)
            .status()
            .expect("run handbook pdf");
        assert!(status.success(), "handbook pdf failed");
        out
    })
}

/// What poppler's `name` prints for `file`, given `args` before it.
pub fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|error| panic!("{name} (poppler-utils) is needed: {error}"));
    assert!(
        output.status.success(),
        "{name} failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn info(file: &Path) -> String {
    tool("pdfinfo", &[], file)
}

pub fn info_field<'a>(info: &'a str, field: &str) -> &'a str {
    info.lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {field} in pdfinfo:\n{info}"))
}

pub fn pages(file: &Path) -> usize {
    info_field(&info(file), "Pages")
        .parse()
        .expect("page count")
}

/// The text of `file`, or of one of its pages, as `pdftotext -layout` lays it out.
pub fn text_of(file: &Path, page: Option<usize>) -> String {
    let mut args: Vec<String> = vec!["-layout".into()];
    if let Some(page) = page {
        args.extend(["-f".into(), page.to_string(), "-l".into(), page.to_string()]);
    }
    let output = Command::new("pdftotext")
        .args(&args)
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What `pdftohtml -xml` writes for `file` (its outline and text, and each link as an
/// `<a href>`), given `args` before it.
pub fn xml_of(file: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("pdftohtml")
        .args(["-xml", "-i", "-q"])
        .args(args)
        .arg(file)
        .arg(dir.path().join("out"))
        .status()
        .expect("pdftohtml (poppler-utils) is needed");
    assert!(status.success());
    std::fs::read_to_string(dir.path().join("out.xml")).expect("xml")
}
