//! Chapters as Typst modules shared by the whole handbook and the chapters' PDFs, and a document's
//! finished source with the modules it imports (style, settings, links) and includes.

use super::super::markup;
use super::{Document, DocumentSource};
use crate::site::Entry;

/// A top-level chapter as a Typst module of its own, `#include`d by the whole handbook and by the
/// chapter's PDF: the same file in both, so the same spans, labels and styles, and Typst's memo
/// cache lays the chapter out once for both documents.
pub struct ChapterModule {
    /// e.g. `/chapters/return.typ`.
    pub path: String,
    pub text: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// The entries the chapter sets.
    pub entries: Vec<Entry>,
}

/// What a chapter module imports: it is evaluated on its own, not in the including document.
const MODULE_PRELUDE: &str = "#import \"/meta.typ\": meta\n\
     #import \"/style.typ\": fact, tick, ticked, answer-lines\n\
     #import \"/links.typ\": edition, elsewhere\n\n";

impl Document<'_> {
    /// Starts the text of a chapter module instead of a document (no preamble: the including
    /// document's applies).
    pub fn module_prelude(&mut self) {
        self.out.push_str(MODULE_PRELUDE);
    }

    /// The chapter module this document (made with `module_prelude`) has written.
    pub fn into_module(self, path: String) -> ChapterModule {
        ChapterModule {
            path,
            text: self.out,
            files: self.files,
            entries: self.scope.into_iter().collect(),
        }
    }

    /// Sets a chapter module here.
    pub fn include(&mut self, module: &ChapterModule) {
        self.out
            .push_str(&format!("#include {}\n\n", markup::string(&module.path)));
        self.files.extend(module.files.iter().cloned());
        self.modules
            .push((module.path.clone(), module.text.clone()));
    }

    /// The document's text and its modules' texts.
    pub(super) fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.out.as_str()).chain(self.modules.iter().map(|(_, text)| text.as_str()))
    }

    pub fn finish(mut self, path: String) -> DocumentSource {
        self.reserve_contents_pages();
        // A link may point at an anchor this document set claimed but did not set (a heading
        // the PDF leaves out): give each such label a place, so the link resolves instead of failing.
        let in_scope = |entry: &Entry| self.scope.contains(entry);
        let mut missing: Vec<&String> = self
            .entry_labels
            .iter()
            .filter(|(entry, _)| in_scope(entry))
            .map(|(_, label)| label)
            .chain(
                self.anchor_labels
                    .iter()
                    .filter(|((entry, _), _)| in_scope(entry))
                    .map(|(_, label)| label),
            )
            .filter(|label| {
                let set = format!(" <{label}>");
                !self.texts().any(|text| text.contains(&set))
            })
            .collect();
        missing.sort();
        missing.dedup();
        let placeholders: String = missing
            .iter()
            .map(|label| format!("#metadata(none) <{label}>\n"))
            .collect();
        self.out.push_str(&placeholders);
        // The way to the edition's folder, and where a link to a part of the handbook set in
        // another PDF goes: the whole handbook links to its own labels.
        let links = if self.to_edition.is_empty() {
            "#let edition = \"\"\n#let elsewhere(target, file, body) = link(target, body)\n"
                .to_string()
        } else {
            format!(
                "#let edition = {}\n\
                 #let elsewhere(target, file, body) = if file == none {{ body }} else {{ link(edition + file, body) }}\n",
                markup::string(self.to_edition)
            )
        };
        let mut modules = vec![
            ("/meta.typ".to_string(), self.meta),
            (
                "/style.typ".to_string(),
                include_str!("../style.typ").to_string(),
            ),
            (
                "/marks.typ".to_string(),
                include_str!("../marks.typ").to_string(),
            ),
            ("/links.typ".to_string(), links),
        ];
        modules.extend(self.modules);
        DocumentSource {
            path,
            source: self.out,
            files: self.files,
            modules,
            title: self.title,
            lang: self.lang.to_string(),
        }
    }
}
