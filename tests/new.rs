//! `handbook new`: the starter handbook builds and passes `check --strict` in the languages asked
//! for, shows each feature once, and a folder that is not empty is refused with nothing written.

use std::path::Path;
use std::process::{Command, Output};

fn handbook(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .arg(dir)
        .output()
        .expect("run handbook")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_new_handbook_builds_and_passes_a_strict_check_and_says_what_to_do_next() {
    let parent = tempfile::tempdir().expect("temporary folder");
    let dir = parent.path().join("my-handbook");
    let created = handbook(&["new"], &dir);
    assert!(created.status.success(), "{}", stderr(&created));
    let said = stderr(&created);
    let dir_shown = dir.display().to_string();
    assert!(
        said.contains(&format!("handbook serve {dir_shown}")),
        "{said}"
    );
    assert!(
        said.contains(&format!("handbook build {dir_shown}")),
        "{said}"
    );
    let checked = handbook(&["check", "--strict"], &dir);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("0 errors, 0 warnings"));
    let built = handbook(&["build"], &dir);
    assert!(built.status.success(), "{}", stderr(&built));

    // Each feature once: a chapter page, a procedure of three steps with a branch, two roles, a
    // form with a conditional question, a glossary term, a directory entry, .gitignore.
    let public = dir.join("public");
    for page in [
        "th/index.html",
        "en/index.html",
        "th/basics/writing.html",
        "en/basics/request.html",
        "en/roles/intake-officer.html",
        "en/roles/case-worker.html",
        "th/forms/request.html",
        "en/glossary.html",
        "en/directory.html",
    ] {
        assert!(public.join(page).is_file(), "{page} was not built");
    }
    let procedure = std::fs::read_to_string(dir.join("content/basics/request.toml")).unwrap();
    assert_eq!(procedure.matches("[[step]]").count(), 3);
    assert!(procedure.contains("[[step.branch]]"));
    let form = std::fs::read_to_string(dir.join("forms/request.toml")).unwrap();
    assert!(form.contains("show_if"));
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|line| line == "/public/"));
}

#[test]
fn a_new_handbook_in_one_language_or_another_order_passes_too() {
    for languages in ["en", "en,th", "th"] {
        let parent = tempfile::tempdir().expect("temporary folder");
        let dir = parent.path().join("h");
        let created = handbook(
            &["new", "--languages", languages, "--title", "Team \"A\""],
            &dir,
        );
        assert!(created.status.success(), "{}", stderr(&created));
        let checked = handbook(&["check", "--strict"], &dir);
        assert!(
            checked.status.success(),
            "{languages}: {}",
            stderr(&checked)
        );
        let default = languages.split(',').next().unwrap();
        let home = dir.join("public").join(default).join("index.html");
        let built = handbook(&["build"], &dir);
        assert!(built.status.success(), "{}", stderr(&built));
        let html = std::fs::read_to_string(home).unwrap();
        assert!(
            html.contains("Team &quot;A&quot;") || html.contains("Team \"A\""),
            "{languages}"
        );
    }
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let refused = handbook(&["new"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("not empty"),
        "{}",
        stderr(&refused)
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}

#[test]
fn a_bad_language_code_is_refused_before_anything_is_written() {
    let parent = tempfile::tempdir().expect("temporary folder");
    let dir = parent.path().join("h");
    let refused = handbook(&["new", "--languages", "th,English"], &dir);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("\"English\" is not a language code"));
    assert!(!dir.exists());
}
