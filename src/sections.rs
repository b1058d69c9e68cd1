//! A page body cut at its headings, each section with a fingerprint of its text: what the edition
//! record keeps of a page, found as the page is read (`content::load`), and held or written out.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRecord {
    /// The heading's `{#custom-id}` or text, unique in the page (empty for the text before the
    /// first heading).
    pub id: String,
    /// The heading's text, when it is not the id (which it is, unless the id is custom or was
    /// made unique): most records would otherwise say each heading twice.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    pub fingerprint: String,
}

impl SectionRecord {
    /// The section's heading as written.
    pub fn heading(&self) -> &str {
        if self.heading.is_empty() {
            &self.id
        } else {
            &self.heading
        }
    }
}

/// Where a page's sections are kept until the edition record is written: in memory, or (a
/// `build` that compares with no previous edition, which reads them only to write
/// `edition.json`) as their JSON in the build's [`SectionSpill`], by byte range.
#[derive(Debug, Clone, PartialEq)]
pub enum PageSections {
    Held(Vec<SectionRecord>),
    Spilled(std::ops::Range<u64>),
}

impl Default for PageSections {
    fn default() -> PageSections {
        PageSections::Held(Vec::new())
    }
}

/// A temporary file holding every page's sections as the JSON `edition.json` gives them, so
/// that a large handbook's fingerprints and section ids are not held in memory through the build.
#[derive(Debug)]
pub struct SectionSpill {
    /// The file, and how many bytes it has.
    file: std::sync::Mutex<(std::fs::File, u64)>,
}

impl SectionSpill {
    /// An empty spill in a new anonymous temporary file (removed when it is closed).
    pub fn new() -> std::io::Result<SectionSpill> {
        Ok(SectionSpill {
            file: std::sync::Mutex::new((tempfile::tempfile()?, 0)),
        })
    }

    /// Writes `sections` at the end of the file; where they are, or them back when they could
    /// not be written (they are then held).
    pub fn put(&self, sections: Vec<SectionRecord>) -> PageSections {
        use std::io::Write;
        let Ok(json) = serde_json::to_vec(&sections) else {
            return PageSections::Held(sections);
        };
        let Ok(mut file) = self.file.lock() else {
            return PageSections::Held(sections);
        };
        let (file, len) = &mut *file;
        let start = *len;
        match file.write_all(&json) {
            Ok(()) => {
                *len += json.len() as u64;
                PageSections::Spilled(start..*len)
            }
            // A short write left bytes nobody reads: the next page starts after them.
            Err(_) => {
                *len = file.metadata().map_or(*len, |meta| meta.len());
                PageSections::Held(sections)
            }
        }
    }

    /// Appends to `out` the JSON of the sections written at `at`.
    pub fn read(&self, at: &std::ops::Range<u64>, out: &mut Vec<u8>) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("the section spill's lock was poisoned"))?;
        let file = &mut file.0;
        file.seek(SeekFrom::Start(at.start))?;
        let start = out.len();
        out.resize(start + (at.end - at.start) as usize, 0);
        let read = file.read_exact(&mut out[start..]);
        file.seek(SeekFrom::End(0))?;
        read
    }
}

/// A short, stable fingerprint of a text, blind to how its lines are wrapped and indented.
pub fn fingerprint(text: &str) -> String {
    thread_local! {
        /// The words of the section being fingerprinted on this thread, its memory kept.
        static WORDS: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    // One digest of the words joined by single spaces: feeding the hasher word by word was most
    // of the record's time. Joining them is what collapsing the whitespace does (the same
    // `char::is_whitespace`), a stretch at a time rather than a word at a time.
    let digest = WORDS.with(|words| {
        let mut words = words.borrow_mut();
        words.clear();
        crate::markdown::collapse_whitespace_into(text, &mut words);
        Sha256::digest(words.as_bytes())
    });
    // The first eight bytes in hexadecimal (no `format!` per byte: ten sections a page).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(16);
    for byte in digest.iter().take(8) {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xF)]));
    }
    hex
}

/// A Markdown body cut at its headings (outside code blocks): the text before the first heading,
/// then one section per heading, each with its fingerprint. A section's id is its heading's
/// `{#custom-id}`, or else the heading's text (made unique in the page).
pub fn sections(body: &str) -> Vec<SectionRecord> {
    let mut sections = Vec::new();
    let mut ids = crate::slug::UniqueIds::default();
    // The section being read: its id, heading and where its text starts in `body`.
    let mut current: (String, String, usize) = (String::new(), String::new(), 0);
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    let close =
        |current: &(String, String, usize), end: usize, sections: &mut Vec<SectionRecord>| {
            let text = &body[current.2..end];
            if !text.trim().is_empty() || !current.0.is_empty() {
                sections.push(SectionRecord {
                    id: current.0.clone(),
                    heading: current.1.clone(),
                    fingerprint: fingerprint(text),
                });
            }
        };
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(title) = atx_heading(trimmed.trim_end()) {
            close(&current, line_start, &mut sections);
            let (title, custom) = match title.rsplit_once("{#") {
                Some((title, rest)) if rest.ends_with('}') => {
                    (title.trim(), Some(rest.trim_end_matches('}')))
                }
                _ => (title, None),
            };
            let id = ids.unique(custom.unwrap_or(title));
            let heading = if id == title {
                String::new()
            } else {
                title.to_string()
            };
            current = (id, heading, offset);
        }
    }
    close(&current, body.len(), &mut sections);
    sections
}

/// The title of an ATX heading line (`## Title ##`), or `None`.
fn atx_heading(line: &str) -> Option<&str> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with('\t') {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_the_first_eight_bytes_of_the_words_digest_in_hex() {
        for text in ["", "a b\n  c", "  ผู้เสียหาย\tได้รับ  ความช่วยเหลือ ", "x"]
        {
            let words: Vec<&str> = text.split_whitespace().collect();
            let expected: String = Sha256::digest(words.join(" ").as_bytes())
                .iter()
                .take(8)
                .map(|byte| format!("{byte:02x}"))
                .collect();
            assert_eq!(fingerprint(text), expected, "{text:?}");
        }
    }

    #[test]
    fn sections_spilled_read_back_as_their_json() {
        let spill = SectionSpill::new().expect("a temporary file");
        let first = sections("Intro.\n## One\nText.\n");
        let second = sections("## ข้อ {#two}\nอื่น\n");
        let at_first = spill.put(first.clone());
        let at_second = spill.put(second.clone());
        let read = |at: &PageSections| match at {
            PageSections::Spilled(range) => {
                let mut out = b"x".to_vec();
                spill.read(range, &mut out).expect("read back");
                out[1..].to_vec()
            }
            PageSections::Held(_) => panic!("not spilled: {at:?}"),
        };
        // Read out of order, as the record is written in page order.
        assert_eq!(read(&at_second), serde_json::to_vec(&second).expect("JSON"));
        assert_eq!(read(&at_first), serde_json::to_vec(&first).expect("JSON"));
        let back: Vec<SectionRecord> = serde_json::from_slice(&read(&at_first)).expect("JSON");
        assert_eq!(back, first);
    }
}
