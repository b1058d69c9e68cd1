//! A chapter's PDF, whose layout is shared with the whole handbook's: its own page numbers,
//! bookmarks and links, read back with poppler's tools.

use std::path::Path;
use std::process::Command;

mod pdf_edition;

use pdf_edition::{pages, text_of, xml_of};

/// The PDF edition of the bundled handbook, made once for these tests.
fn edition() -> &'static Path {
    pdf_edition::edition("pdf-chapters-edition")
}

fn page_text(file: &Path, page: usize) -> String {
    text_of(file, Some(page))
}

/// The bookmarks of `file` as (page, title), from `pdftohtml -xml`.
fn outline(file: &Path) -> Vec<(usize, String)> {
    let xml = xml_of(file, &["-l", "1"]);
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
