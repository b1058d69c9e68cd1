//! Printed pages read back with poppler: each page's text (`pdftotext -raw`, in the order it was drawn), its header (the
//! words in its top margin) and the glyphs at the top of its bottom margin (`pdftotext -bbox`).

use crate::support::missing;
use std::process::Command;

const MM: f64 = 72.0 / 25.4;

/// One printed page.
#[derive(Debug)]
pub struct PrintedPage {
    pub width_pt: f64,
    pub height_pt: f64,
    /// The page's text in the order it was drawn (`pdftotext -raw`): a figure's labels together.
    pub text: String,
    /// The words printed from the top 15 mm on (the page header, in the top margin).
    pub header: String,
    /// Glyphs whose box starts between 2 pt above and 8 pt below the top of the bottom margin:
    /// only the marks of the next page's first line land there (a last line of text ends above
    /// it, the footer's words start 3 mm or more below it).
    pub stray_marks: Vec<String>,
    /// How far down its text area the page's text goes, from 0 (empty) to 1 (to its foot).
    pub filled: f64,
}

/// Text compared without white space: margin boxes and table cells wrap lines anywhere.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

impl PrintedPage {
    pub fn text_contains(&self, words: &str) -> bool {
        squeeze(&self.text).contains(&squeeze(words))
    }

    pub fn header_contains(&self, words: &str) -> bool {
        squeeze(&self.header).contains(&squeeze(words))
    }

    pub fn is_a4(&self) -> bool {
        (self.width_pt - 595.28).abs() < 2.0 && (self.height_pt - 841.89).abs() < 2.0
    }

    pub fn is_a5(&self) -> bool {
        (self.width_pt - 419.53).abs() < 2.0 && (self.height_pt - 595.28).abs() < 2.0
    }
}

fn run(args: &[&str], pdf: &std::path::Path) -> Option<String> {
    let output = match Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            missing("pdftotext", "apt-get install -y poppler-utils");
            return None;
        }
    };
    assert!(
        output.status.success(),
        "pdftotext could not read the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The value of `name="..."` in a tag of `pdftotext -bbox` output.
fn attribute(tag: &str, name: &str) -> f64 {
    let start = format!(" {name}=\"");
    format!(" {tag}")
        .split(&start)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
}

/// The decoded text of a `<word ...>text</word>` element.
fn word_text(element: &str) -> String {
    let inner = element.split('>').nth(1).unwrap_or("");
    let inner = inner.split("</word").next().unwrap_or("");
    inner
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every page of the PDF, whose pages have a bottom margin of `bottom_mm`; `None` (after a loud
/// message) without poppler.
pub fn pdf_pages(pdf: &[u8], bottom_mm: f64) -> Option<Vec<PrintedPage>> {
    let mut file = match tempfile::Builder::new().suffix(".pdf").tempfile() {
        Ok(file) => file,
        Err(error) => panic!("cannot create a temporary PDF: {error}"),
    };
    if let Err(error) = std::io::Write::write_all(&mut file, pdf) {
        panic!("cannot write a temporary PDF: {error}");
    }
    let texts = run(&["-raw"], file.path())?;
    let boxes = run(&["-bbox"], file.path())?;
    let mut texts = texts.split('\u{c}');
    let mut pages = Vec::new();
    for page in boxes.split("<page ").skip(1) {
        let tag = page.split('>').next().unwrap_or("");
        let (width_pt, height_pt) = (attribute(tag, "width"), attribute(tag, "height"));
        let edge = height_pt - bottom_mm * MM;
        let mut header = Vec::new();
        let mut stray_marks = Vec::new();
        let mut lowest: f64 = 0.0;
        for element in page.split("<word ").skip(1) {
            let y_min = attribute(element, "yMin");
            let text = word_text(element);
            if y_min < 15.0 * MM {
                header.push(text.clone());
            }
            let y_max = attribute(element, "yMax");
            if y_min >= 15.0 * MM && y_max <= edge + 2.0 {
                lowest = lowest.max(y_max);
            }
            if (edge - 2.0..edge + 8.0).contains(&y_min) {
                stray_marks.push(format!(
                    "{text} at {y_min:.1} pt (margin from {edge:.1} pt)"
                ));
            }
        }
        pages.push(PrintedPage {
            width_pt,
            height_pt,
            text: texts.next().unwrap_or("").to_string(),
            header: header.join(" "),
            stray_marks,
            filled: (lowest / edge).clamp(0.0, 1.0),
        });
    }
    Some(pages)
}
