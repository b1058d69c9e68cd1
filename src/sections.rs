//! A page body cut at its headings, each section with a fingerprint of its text: what the edition
//! record keeps of a page, found as the page is read (`content::load`).

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

/// A short, stable fingerprint of a text, blind to how its lines are wrapped and indented.
pub fn fingerprint(text: &str) -> String {
    // One digest of the words joined by single spaces: feeding the hasher word by word was most
    // of the record's time.
    let mut words = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    Sha256::digest(words.as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
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
