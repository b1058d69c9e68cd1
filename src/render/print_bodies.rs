//! The page bodies a print document is waiting for, kept in a temporary file until the document is made, then put straight into it.
//!
//! A chapter's print document needs every body of the chapter (1,140 pages a chapter at 40,000
//! pages); holding them until the last one was rendered, and then the document made of them, was
//! twice a chapter's text in memory. Where no temporary file can be made, bodies are held.

use crate::site::Entry;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;

/// One page's print body: held, or where it is in the file.
#[derive(Debug, Clone)]
pub enum Body {
    Held(String),
    Spilled(Range<u64>),
}

impl Body {
    pub fn len(&self) -> usize {
        match self {
            Body::Held(text) => text.len(),
            Body::Spilled(range) => (range.end - range.start) as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One language's page bodies as the print view shows them, rendered by the page jobs.
#[derive(Debug, Default)]
pub struct PrintBodies {
    bodies: BTreeMap<Entry, Body>,
    /// The file the bodies go to, made with the first; `None` where it could not be made.
    file: Option<File>,
    /// Bytes in the file.
    len: u64,
    /// The file could not be made or written: bodies are held.
    held: bool,
}

impl PrintBodies {
    /// Keeps `body` as `entry`'s: written to the file, or held if it cannot be.
    pub fn insert(&mut self, entry: Entry, body: String) {
        if !self.held && self.file.is_none() {
            self.file = tempfile::tempfile().ok();
            self.held = self.file.is_none();
        }
        let body = match self.file.as_mut() {
            Some(file) if !self.held => match file.write_all(body.as_bytes()) {
                Ok(()) => {
                    let start = self.len;
                    self.len += body.len() as u64;
                    Body::Spilled(start..self.len)
                }
                Err(_) => {
                    // What was written of it is never read: hold this body and every next one.
                    self.held = true;
                    Body::Held(body)
                }
            },
            _ => Body::Held(body),
        };
        self.bodies.insert(entry, body);
    }

    /// `entry`'s body, which leaves the waiting bodies (it may still be read from the file).
    pub fn remove(&mut self, entry: &Entry) -> Option<Body> {
        self.bodies.remove(entry)
    }

    /// Appends `body`'s text to `out`.
    pub fn read_into(&mut self, body: &Body, out: &mut Vec<u8>) -> std::io::Result<()> {
        match body {
            Body::Held(text) => out.extend_from_slice(text.as_bytes()),
            Body::Spilled(range) => {
                let file = self
                    .file
                    .as_mut()
                    .ok_or_else(|| std::io::Error::other("no file of print bodies"))?;
                file.seek(SeekFrom::Start(range.start))?;
                let start = out.len();
                out.resize(start + body.len(), 0);
                let read = file.read_exact(&mut out[start..]);
                file.seek(SeekFrom::End(0))?;
                read?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_come_back_as_they_went_in_in_any_order() {
        let mut bodies = PrintBodies::default();
        bodies.insert(Entry::Page(2), "<p>สอง</p>".to_string());
        bodies.insert(Entry::Page(1), "<p>one</p>".to_string());
        bodies.insert(Entry::Page(3), String::new());
        let mut out = Vec::new();
        for page in [1, 3, 2] {
            let body = bodies.remove(&Entry::Page(page)).expect("a body");
            bodies.read_into(&body, &mut out).expect("read");
            out.push(b'|');
        }
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "<p>one</p>||<p>สอง</p>|"
        );
        assert!(bodies.remove(&Entry::Page(1)).is_none());
    }
}
