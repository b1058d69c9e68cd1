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

/// One page's print body: held, or where it is in the file of its group (a chapter's pages).
#[derive(Debug, Clone)]
pub enum Body {
    Held(String),
    Spilled(usize, Range<u64>),
}

impl Body {
    pub fn len(&self) -> usize {
        match self {
            Body::Held(text) => text.len(),
            Body::Spilled(_, range) => (range.end - range.start) as usize,
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
    /// A file for each group of pages whose document is not made yet, with its length: two
    /// chapters' bodies at most are on disk at once.
    files: BTreeMap<usize, (File, u64)>,
    /// A file could not be made or written: bodies are held.
    held: bool,
}

impl PrintBodies {
    /// Keeps `body` as `entry`'s, in the file of `group`, or held if it cannot be written.
    pub fn insert(&mut self, entry: Entry, body: String, group: usize) {
        let body = match self.held {
            true => Body::Held(body),
            false => self.write(group, body),
        };
        self.bodies.insert(entry, body);
    }

    fn write(&mut self, group: usize, body: String) -> Body {
        if let std::collections::btree_map::Entry::Vacant(slot) = self.files.entry(group) {
            match tempfile::tempfile() {
                Ok(file) => {
                    slot.insert((file, 0));
                }
                Err(_) => {
                    self.held = true;
                    return Body::Held(body);
                }
            }
        }
        let Some((file, len)) = self.files.get_mut(&group) else {
            return Body::Held(body);
        };
        match file.write_all(body.as_bytes()) {
            Ok(()) => {
                let start = *len;
                *len += body.len() as u64;
                Body::Spilled(group, start..*len)
            }
            Err(_) => {
                // What was written of it is never read: hold this body and every next one.
                self.held = true;
                Body::Held(body)
            }
        }
    }

    /// `entry`'s body, which leaves the waiting bodies (it may still be read from its file).
    pub fn remove(&mut self, entry: &Entry) -> Option<Body> {
        self.bodies.remove(entry)
    }

    /// Closes (and so deletes) the file of `group`, whose document is made.
    pub fn forget(&mut self, group: usize) {
        self.files.remove(&group);
    }

    /// `body` held in memory.
    pub fn hold(&mut self, body: Body) -> std::io::Result<Body> {
        if let Body::Held(_) = body {
            return Ok(body);
        }
        let mut text = Vec::new();
        self.read_into(&body, &mut text)?;
        String::from_utf8(text)
            .map(Body::Held)
            .map_err(std::io::Error::other)
    }

    /// Appends `body`'s text to `out`.
    pub fn read_into(&mut self, body: &Body, out: &mut Vec<u8>) -> std::io::Result<()> {
        match body {
            Body::Held(text) => out.extend_from_slice(text.as_bytes()),
            Body::Spilled(group, range) => {
                let (file, _) = self
                    .files
                    .get_mut(group)
                    .ok_or_else(|| std::io::Error::other("the print bodies' file is closed"))?;
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
        bodies.insert(Entry::Page(2), "<p>สอง</p>".to_string(), 0);
        bodies.insert(Entry::Page(1), "<p>one</p>".to_string(), 1);
        bodies.insert(Entry::Page(3), String::new(), 0);
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
        bodies.insert(Entry::Page(4), "<p>four</p>".to_string(), 0);
        let four = bodies.remove(&Entry::Page(4)).expect("a body");
        let held = bodies.hold(four.clone()).expect("read");
        bodies.forget(0);
        assert!(bodies.read_into(&four, &mut Vec::new()).is_err());
        let mut out = Vec::new();
        bodies.read_into(&held, &mut out).expect("held");
        assert_eq!(out, b"<p>four</p>");
    }
}
