//! Typst's view of one PDF document: its generated source, its diagrams and the embedded fonts; nothing else.
//!
//! No system font is read and no package is fetched, so a PDF comes out the same on every machine:
//! an `@preview/...` import, or any file the document did not bring, is an error.

use once_cell::sync::Lazy;
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Sarabun (SIL Open Font License, see fonts/OFL-Sarabun.txt) for Thai and Latin alike.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("fonts/Sarabun-Regular.ttf"),
    include_bytes!("fonts/Sarabun-Bold.ttf"),
    include_bytes!("fonts/Sarabun-Italic.ttf"),
    include_bytes!("fonts/Sarabun-BoldItalic.ttf"),
];

/// What every document shares, made once per process: the standard library, the parsed fonts
/// and their book. Documents are typeset in parallel and read these at the same time.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The first font's coverage of the Basic Multilingual Plane, one bit a character: Typst's
    /// `Coverage` is a list of runs searched from the start, and every character of every
    /// document's text is looked up (Thai, past the Latin runs, took 1.5% of a Thai PDF's CPU).
    bmp_coverage: Vec<u64>,
}

static SHARED: Lazy<Shared> = Lazy::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let mut bmp_coverage = vec![0u64; 0x10000 / 64];
    if let Some(font) = fonts.first() {
        for c in font.info().coverage.iter().take_while(|&c| c < 0x10000) {
            bmp_coverage[c as usize / 64] |= 1 << (c % 64);
        }
    }
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        bmp_coverage,
    }
});

/// One document: a main source, the modules it imports or includes and the files (diagrams) it
/// refers to, by absolute path.
pub struct DocumentWorld {
    main: Source,
    modules: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    /// The edition date, the only date a document may know.
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Option<FileId> {
    let path = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, path)))
}

impl DocumentWorld {
    /// `modules` are (absolute path such as `/style.typ`, Typst source), `files` (absolute path
    /// such as `/diagrams/e3-0.svg`, bytes).
    pub fn new(
        source: String,
        modules: Vec<(String, String)>,
        files: Vec<(String, Vec<u8>)>,
        today: Option<Datetime>,
    ) -> Self {
        let main_id = file_id("/main.typ").expect("a constant, valid path");
        DocumentWorld {
            main: Source::new(main_id, source),
            modules: modules
                .into_iter()
                .filter_map(|(path, text)| {
                    let id = file_id(&path)?;
                    Some((id, Source::new(id, text)))
                })
                .collect(),
            files: files
                .into_iter()
                .filter_map(|(path, bytes)| Some((file_id(&path)?, Bytes::new(bytes))))
                .collect(),
            today,
        }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            self.modules.get(&id).cloned().ok_or_else(|| not_ours(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if let Some(module) = self.modules.get(&id) {
            return Ok(Bytes::from_string(module.clone()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_ours(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_ours(id: FileId) -> FileError {
    if matches!(id.root(), VirtualRoot::Package(_)) {
        FileError::Other(Some(
            "the PDF edition uses no Typst packages (nothing is downloaded)".into(),
        ))
    } else {
        FileError::NotFound(id.vpath().get_without_slash().into())
    }
}

/// Whether the embedded fonts have a glyph for `c`: PDF/A forbids a missing glyph, so text
/// falls back to a visible substitute for the few signs Sarabun lacks (⌘).
pub fn covers(c: char) -> bool {
    let c = c as u32;
    match SHARED.bmp_coverage.get(c as usize / 64) {
        Some(bits) => bits & (1 << (c % 64)) != 0,
        None => SHARED
            .fonts
            .first()
            .is_some_and(|font| font.info().coverage.contains(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_coverage_agrees_with_the_fonts_own_for_every_character() {
        let coverage = &SHARED.fonts[0].info().coverage;
        let mut covered = 0;
        for c in (0..0x11000).filter_map(char::from_u32) {
            assert_eq!(covers(c), coverage.contains(c as u32), "{c:?}");
            covered += usize::from(covers(c));
        }
        // Sarabun has Thai and Latin, and not the command sign the escaper replaces.
        assert!(covers('ผ') && covers('ู') && covers('้') && covers('A') && covers('é'));
        assert!(!covers('⌘'));
        assert!(covered > 300, "{covered} characters covered");
    }
}
