//! `handbook pack`: one zip under a top folder named after the handbook and its edition, with
//! START-HERE.html and a SHA256SUMS that `sha256sum -c` accepts; the same input gives the same bytes.

mod support;

use scraper::{Html, Selector};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use support::TestSite;

const TOP: &str = "test-handbook-2026-01-15";

fn pack(site: &TestSite, zip: &Path) {
    if let Err(errors) = handbook::pack::pack(site.root(), Some(zip)) {
        panic!("pack failed: {:#?}", errors.sorted());
    }
}

fn extract(zip: &Path, into: &Path) {
    let file = std::fs::File::open(zip).expect("open zip");
    let mut archive = zip::ZipArchive::new(file).expect("read zip");
    archive.extract(into).expect("extract zip");
}

fn entry_names(zip: &Path) -> Vec<String> {
    let file = std::fs::File::open(zip).expect("open zip");
    let mut archive = zip::ZipArchive::new(file).expect("read zip");
    (0..archive.len())
        .map(|index| {
            archive
                .by_index(index)
                .expect("entry")
                .name()
                .expect("a UTF-8 name")
                .to_string()
        })
        .collect()
}

#[test]
fn the_same_handbook_packs_to_identical_bytes_wherever_and_whenever_it_is() {
    let first = TestSite::fixture("browser-site");
    let zips = tempfile::tempdir().expect("temp");
    pack(&first, &zips.path().join("a.zip"));
    // Another copy, at another path, with newer file times.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = TestSite::fixture("browser-site");
    pack(&second, &zips.path().join("b.zip"));
    let a = std::fs::read(zips.path().join("a.zip")).expect("read");
    let b = std::fs::read(zips.path().join("b.zip")).expect("read");
    assert!(a == b, "two packs of the same handbook differ");
}

#[test]
fn everything_sits_in_one_folder_named_after_the_handbook_and_edition() {
    let site = TestSite::fixture("browser-site");
    let zips = tempfile::tempdir().expect("temp");
    let zip = zips.path().join("out.zip");
    pack(&site, &zip);
    let names = entry_names(&zip);
    assert!(
        names
            .iter()
            .all(|name| name.starts_with(&format!("{TOP}/"))),
        "{names:#?}"
    );
    for expected in [
        "START-HERE.html",
        "SHA256SUMS",
        "index.html",
        "th/index.html",
        "en/guide/consent.html",
        "static/css/site.css",
    ] {
        assert!(
            names.contains(&format!("{TOP}/{expected}")),
            "no {expected} in {names:#?}"
        );
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are not in path order");
    assert!(
        !site.output().exists(),
        "pack wrote the handbook's output folder"
    );
}

#[test]
fn sha256sums_lists_every_file_and_verifies() {
    let site = TestSite::fixture("browser-site");
    let work = tempfile::tempdir().expect("temp");
    let zip = work.path().join("out.zip");
    pack(&site, &zip);
    extract(&zip, work.path());
    let top = work.path().join(TOP);
    let sums = std::fs::read_to_string(top.join("SHA256SUMS")).expect("SHA256SUMS");

    let listed: Vec<(String, String)> = sums
        .lines()
        .map(|line| {
            let (hash, path) = line.split_once("  ").expect("<hash>  <path>");
            (hash.to_string(), path.to_string())
        })
        .collect();
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&top)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&top)
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .filter(|path| path != "SHA256SUMS")
        .collect();
    on_disk.sort();
    let paths: Vec<String> = listed.iter().map(|(_, path)| path.clone()).collect();
    assert_eq!(paths, on_disk, "SHA256SUMS does not list exactly the files");
    for (hash, path) in &listed {
        let bytes = std::fs::read(top.join(path)).expect("read listed file");
        assert_eq!(&format!("{:x}", Sha256::digest(&bytes)), hash, "{path}");
    }

    // And as a receiving embassy would check it.
    let output = std::process::Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(&top)
        .output()
        .expect("run sha256sum (coreutils)");
    assert!(
        output.status.success(),
        "sha256sum -c failed:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn start_here_leads_to_the_language_chooser_and_each_language() {
    let site = TestSite::fixture("browser-site");
    let work = tempfile::tempdir().expect("temp");
    let zip = work.path().join("out.zip");
    pack(&site, &zip);
    extract(&zip, work.path());
    let top: PathBuf = work.path().join(TOP);
    let html = Html::parse_document(
        &std::fs::read_to_string(top.join("START-HERE.html")).expect("START-HERE.html"),
    );
    let select = |css: &str| Selector::parse(css).expect("selector");
    let refresh = html
        .select(&select("meta[http-equiv=refresh]"))
        .next()
        .and_then(|meta| meta.value().attr("content"))
        .expect("a meta refresh");
    assert_eq!(refresh, "0; url=index.html");
    assert!(top.join("index.html").is_file());
    let links: Vec<String> = html
        .select(&select("main a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(links, ["th/index.html", "en/index.html"]);
    for link in &links {
        assert!(top.join(link).is_file(), "{link} is not in the pack");
    }
}

#[test]
fn the_command_names_the_zip_after_the_handbook_by_default() {
    let site = TestSite::fixture("browser-site");
    let cwd = tempfile::tempdir().expect("temp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("pack")
        .arg(site.root())
        .current_dir(cwd.path())
        .output()
        .expect("run handbook pack");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(cwd.path().join(format!("{TOP}.zip")).is_file());
}

#[test]
fn a_handbook_with_errors_is_not_packed() {
    let site = TestSite::fixture("browser-site");
    site.remove("content/_index.md");
    let zips = tempfile::tempdir().expect("temp");
    let zip = zips.path().join("out.zip");
    assert!(handbook::pack::pack(site.root(), Some(&zip)).is_err());
    assert!(!zip.exists());
}
