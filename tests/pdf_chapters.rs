//! A chapter's PDF, whose layout is shared with the whole handbook's: its own page numbers,
//! bookmarks and links, read back with poppler's tools.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The PDF edition of the bundled handbook, made once for these tests.
fn edition() -> &'static Path {
    static EDITION: OnceLock<PathBuf> = OnceLock::new();
    EDITION.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-chapters-edition");
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .arg("pdf")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("-o")
            .arg(&dir)
            .env("PATH", "/usr/bin:/bin")
            .status()
            .expect("handbook runs");
        assert!(status.success(), "handbook pdf failed");
        dir
    })
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|_| panic!("{name} (poppler-utils) is needed"));
    assert!(
        output.status.success(),
        "{name} failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pages(file: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(file).output().expect("pdfinfo");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

fn page_text(file: &Path, page: usize) -> String {
    let page = page.to_string();
    tool("pdftotext", &["-layout", "-f", &page, "-l", &page], file)
}

/// The bookmarks of `file` as (page, title), from `pdftohtml -xml`.
fn outline(file: &Path) -> Vec<(usize, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-l", "1"])
        .arg(file)
        .arg(dir.path().join("out"))
        .status()
        .expect("pdftohtml (poppler-utils) is needed");
    assert!(status.success());
    let xml = std::fs::read_to_string(dir.path().join("out.xml")).expect("xml");
    xml.split("<item page=\"")
        .skip(1)
        .filter_map(|rest| {
            let (page, rest) = rest.split_once("\">")?;
            let title = rest.split("</item>").next()?;
            Some((page.parse().ok()?, title.replace("&amp;", "&")))
        })
        .collect()
}

#[test]
fn a_chapter_pdf_numbers_its_own_pages_and_its_bookmarks_point_into_it() {
    for lang in ["en", "th"] {
        let file = edition()
            .join(lang)
            .join("chapters")
            .join("reintegration.pdf");
        let total = pages(&file);
        assert!(total > 5, "{}: {total} pages", file.display());
        // The cover has no footer; every other page says "page x of y" of this PDF alone.
        let (page_word, of_word) = if lang == "en" {
            ("Page", "of")
        } else {
            ("หน้า", "จาก")
        };
        for page in 2..=total {
            let text = page_text(&file, page);
            let footer = format!("{page_word} {page} {of_word} {total}");
            assert!(
                text.contains(&footer),
                "{} page {page}: no \"{footer}\" in\n{text}",
                file.display()
            );
        }
        // The bookmarks list the chapter and its sections, each on the page that shows it.
        let items = outline(&file);
        assert!(items.len() > 10, "{}: {items:?}", file.display());
        let mut checked = 0;
        for (page, title) in &items {
            assert!(*page <= total, "{title} on page {page} of {total}");
            let words: String = title
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let shown = page_text(&file, *page)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if words.chars().count() >= 6 && title.is_ascii() {
                assert!(
                    shown.contains(&words),
                    "{}: the bookmark \"{title}\" points at page {page}, which does not show it",
                    file.display()
                );
                checked += 1;
            }
        }
        assert!(lang == "th" || checked > 10, "{checked} bookmarks checked");
    }
}

#[test]
fn a_chapter_links_to_the_other_chapters_pdfs() {
    let chapters = edition().join("en").join("chapters");
    let file = chapters.join("introduction.pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("pdftohtml")
        .args(["-xml", "-i", "-q"])
        .arg(&file)
        .arg(dir.path().join("out"))
        .status()
        .expect("pdftohtml");
    assert!(status.success());
    let xml = std::fs::read_to_string(dir.path().join("out.xml")).expect("xml");
    let links: Vec<&str> = xml
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("chapters/"))
        .collect();
    // The introduction's overview of the handbook names every other chapter.
    assert!(links.len() >= 5, "{links:?}");
    for link in links {
        assert!(chapters.join(link).is_file(), "{link} leads to no file");
    }
}
