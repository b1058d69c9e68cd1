//! Where a link in a document's text goes: a label set in this document, another PDF of the
//! edition (a form, a pocket guide, the chapter or book that sets a label), or a web address.

use super::super::markup::{self, LinkTo};
use super::super::paths::{form_path, pdf_dir, role_path, FormPdf};
use super::Document;
use crate::site::Entry;

impl Document<'_> {
    /// Where a link in `from`'s text goes in this document.
    pub(super) fn link(&self, from: Entry, destination: &str) -> LinkTo {
        let lower = destination.to_ascii_lowercase();
        if ["http://", "https://", "mailto:", "tel:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
        {
            return LinkTo::Url(destination.to_string());
        }
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (destination, None),
        };
        if let Some(link) = self.file_link(path) {
            return link;
        }
        let target = if let Some(id) = path.strip_prefix("@/") {
            self.site.entry(id)
        } else if path.is_empty() {
            Some(from)
        } else if path.starts_with('@') || path.starts_with('/') {
            None
        } else if path.ends_with(".md") || path.ends_with(".toml") {
            crate::links::normalise_from(
                crate::content::parent_dir(self.site.source_id(from)),
                path,
            )
            .and_then(|id| self.site.entry(&id))
        } else {
            None
        };
        let Some(target) = target else {
            return LinkTo::Nowhere;
        };
        let label = match anchor {
            Some(anchor) if !anchor.is_empty() => self
                .anchor_labels
                .get(&(target, anchor.to_string()))
                .cloned(),
            _ => self.entry_labels.get(&target).cloned(),
        };
        match label {
            None => LinkTo::Nowhere,
            Some(label) if self.scope.contains(&target) => LinkTo::Label(label),
            Some(label) => LinkTo::Elsewhere {
                label,
                file: self.places.get(&target).cloned(),
            },
        }
    }

    /// `@form/<id>` and `@role/<id>`: the form's blank PDF and the role's pocket guide, beside
    /// this document in the edition (None for other links; Nowhere for an unknown form or role).
    fn file_link(&self, path: &str) -> Option<LinkTo> {
        let file = if let Some(id) = path.strip_prefix("@form/") {
            self.site
                .forms
                .iter()
                .any(|form| form.id == id)
                .then(|| form_path(id, FormPdf::Blank, self.lang))
        } else if let Some(id) = path.strip_prefix("@role/") {
            self.site
                .config
                .role(id)
                .map(|role| role_path(&role.id, self.lang))
        } else {
            return None;
        };
        Some(file.map_or(LinkTo::Nowhere, |file| LinkTo::File(self.in_edition(&file))))
    }

    /// `file`, a path in the site such as `en/pdf/forms/consent.pdf`, relative to the edition's
    /// folder (`forms/consent.pdf`).
    pub fn in_edition(&self, file: &str) -> String {
        let edition = format!("{}/", pdf_dir(self.lang));
        file.strip_prefix(&edition).unwrap_or(file).to_string()
    }

    /// A Typst expression for `file` (a path in the site) from this document: `edition` (from
    /// `/links.typ`) is the way to the edition's folder, so that a chapter's module links the same
    /// in the book and in the chapter's PDF.
    pub fn relative(&self, file: &str) -> String {
        format!("edition + {}", markup::string(&self.in_edition(file)))
    }
}
