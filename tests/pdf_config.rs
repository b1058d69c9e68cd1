//! The `[pdf]` table of handbook.toml on a small fixture: the PDF edition made and linked by `build`,
//! bad values reported at their place, the whole-handbook size limit, and output kept on failure.

mod support;

use support::TestSite;

/// The `basic` fixture with `table` appended to its handbook.toml.
fn with_pdf_table(table: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("handbook.toml")).expect("config");
    site.file("handbook.toml", &format!("{config}\n{table}"));
    site
}

/// The line of handbook.toml (1-based) where `needle` is written.
fn line_of(site: &TestSite, needle: &str) -> usize {
    let config = std::fs::read_to_string(site.root().join("handbook.toml")).expect("config");
    config
        .lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("{needle} is not in handbook.toml"))
}

fn pages(file: &std::path::Path) -> usize {
    let output = std::process::Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    assert!(
        output.status.success(),
        "pdfinfo failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

#[test]
fn a_pdf_table_makes_build_write_and_link_the_pdf_edition() {
    let site = with_pdf_table("[pdf]\n");
    site.build_ok();
    for lang in ["th", "en"] {
        let book = site.output().join(lang).join("pdf").join("handbook.pdf");
        assert!(book.is_file(), "no {}", book.display());
        assert!(
            pages(&book) >= 3,
            "{lang}: cover, contents and a chapter at least"
        );
        let chapter = site
            .output()
            .join(lang)
            .join("pdf")
            .join("chapters")
            .join("guide.pdf");
        assert!(chapter.is_file(), "no {}", chapter.display());
    }
    support::assert_links_resolve(&site);
    let home = std::fs::read_to_string(site.output().join("en").join("index.html")).expect("home");
    assert!(
        home.contains("handbook.pdf"),
        "no download link on the home page"
    );
    let without = TestSite::fixture("basic");
    without.build_ok();
    assert!(
        !without.output().join("en").join("pdf").exists(),
        "no [pdf] table, no PDF edition"
    );
}

#[test]
fn bad_pdf_values_are_errors_at_their_line_never_a_panic() {
    for (table, needle) in [
        ("[pdf]\npaper = \"a4\"\n", "paper"),
        ("[pdf]\nenabled = \"yes\"\n", "enabled"),
        ("[pdf]\nmax_book_entries = -5\n", "max_book_entries"),
        ("[pdf]\nmax_book_entries = \"many\"\n", "max_book_entries"),
    ] {
        let site = with_pdf_table(table);
        let line = line_of(&site, needle);
        let errors = site.build_errors();
        assert_eq!(errors.len(), 1, "{table}: {errors:?}");
        assert!(
            errors[0].contains(&format!("handbook.toml:{line}:")),
            "{table}: not at line {line}: {errors:?}"
        );
        assert!(
            !site.output().exists(),
            "{table}: a failed build wrote output"
        );
    }
}

#[test]
fn above_the_size_limit_the_whole_handbook_is_skipped_with_a_warning_and_chapters_are_made() {
    let site = with_pdf_table("[pdf]\nmax_book_entries = 2\n");
    let summary = site.build_ok();
    let warnings: Vec<String> = summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("max_book_entries") && w.contains("handbook.toml")),
        "{warnings:?}"
    );
    for lang in ["th", "en"] {
        let pdf = site.output().join(lang).join("pdf");
        assert!(!pdf.join("handbook.pdf").exists(), "{lang}: book made");
        assert!(pdf.join("chapters").join("guide.pdf").is_file(), "{lang}");
    }
    // The site does not link the PDF that was not made.
    support::assert_links_resolve(&site);
    let home = std::fs::read_to_string(site.output().join("en").join("index.html")).expect("home");
    assert!(!home.contains("handbook.pdf"), "a link to the skipped PDF");
}

/// Every file of the output folder with its bytes.
fn snapshot(site: &TestSite) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(site.output())
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("read");
            (entry.path().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_pdf_that_cannot_be_made_is_an_error_naming_it_and_the_previous_output_stays() {
    let site = with_pdf_table(
        "[pdf]
",
    );
    site.build_ok();
    let before = snapshot(&site);
    assert!(before
        .iter()
        .any(|(path, _)| path.ends_with("handbook.pdf")));
    // Quotes nested deeper than the typesetter parses: the site can show them, the PDF cannot.
    let page = std::fs::read_to_string(site.root().join("content/guide/privacy.md")).expect("page");
    site.file(
        "content/guide/privacy.md",
        &format!("{page}\n\n{}deep\n", "> ".repeat(300)),
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("pdf/handbook.pdf") && e.contains("cannot make this PDF")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.matches("maximum parsing depth").count() <= 1),
        "a message said more than once: {errors:?}"
    );
    // The page is in a chapter, whose text is a module of its own: the message names it and
    // the line there.
    assert!(
        errors
            .iter()
            .any(|e| e.contains("generated source chapters/guide.typ, line ")
                && !e.contains("line 0")),
        "{errors:?}"
    );
    assert!(snapshot(&site) == before, "the previous output changed");
}
