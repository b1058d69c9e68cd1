//! Every page of the bundled handbook is valid HTML for the W3C Nu HTML Checker (vnu.jar, from the
//! `vnu-jar` npm package, run with Java). Skipped with a loud message when Java or vnu.jar is
//! missing, unless CI is set (then it fails with the install command, as the browser tests do).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const INSTALL: &str = "apt-get install default-jre-headless nodejs npm && npm install --no-save --prefix target/vnu vnu-jar (or set HANDBOOK_VNU_JAR)";

/// `$HANDBOOK_VNU_JAR`, else the copy `.ci/run` installs under `target/vnu`, else `node_modules`.
fn vnu_jar() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HANDBOOK_VNU_JAR") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "target/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
        "node_modules/vnu-jar/build/dist/vnu.jar",
    ]
    .iter()
    .map(|relative| root.join(relative))
    .find(|path| path.is_file())
}

fn java_works() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|output| output.status.success())
}

fn missing(what: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is needed to check the HTML but was not found; install it: {INSTALL}");
    }
    eprintln!(
        "\n**************************************************************\n\
         SKIPPED: {what} not found, so the HTML of the pages was not checked.\n\
         Install it to run this test: {INSTALL}\n\
         **************************************************************\n"
    );
    true
}

#[test]
fn every_page_of_the_bundled_handbook_is_valid_html() {
    if !java_works() && missing("Java") {
        return;
    }
    let Some(jar) = vnu_jar() else {
        missing("vnu.jar (the W3C Nu HTML Checker)");
        return;
    };
    let output_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("valid-html-bundled");
    let options = handbook::BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output_dir: Some(output_dir.clone()),
        include_drafts: false,
    };
    if let Err(diagnostics) = handbook::build(&options) {
        panic!("the bundled handbook does not build: {diagnostics:?}");
    }
    // The print documents as readers get them too (print.js puts each page's stored body in):
    // a copy of each, filled, beside it.
    for lang in ["th", "en"] {
        let folder = output_dir.join(lang);
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("print") && name.ends_with(".html")) || name.contains("filled") {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).expect("read a print document");
            let path = format!("{lang}/{name}");
            let filled = support::print::filled(&html, &path, |file| {
                std::fs::read_to_string(output_dir.join(file)).ok()
            });
            assert!(
                filled.len() > html.len() || !html.contains(" data-docs="),
                "{path} was not filled"
            );
            let copy = folder.join(name.replace(".html", ".filled.html"));
            std::fs::write(copy, filled).expect("write the filled copy");
        }
    }
    // One JVM for every page: the checker takes seconds to start.
    let result = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(&output_dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run java -jar {}: {error}", jar.display()));
    // vnu writes its report on stderr.
    let report: serde_json::Value =
        serde_json::from_slice(&result.stderr).unwrap_or_else(|error| {
            panic!(
                "vnu gave no JSON report ({error}):\n{}",
                String::from_utf8_lossy(&result.stderr)
            )
        });
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let page = url
                .split_once("valid-html-bundled/")
                .map_or(url, |(_, page)| page);
            format!(
                "{page}:{}: {}",
                m["lastLine"],
                m["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let pages = walkdir::WalkDir::new(&output_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 100, "only {pages} pages were built");
    assert!(
        errors.is_empty(),
        "{} HTML errors in the bundled handbook:\n{}",
        errors.len(),
        errors
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
