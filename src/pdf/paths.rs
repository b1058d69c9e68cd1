//! Where each PDF of the edition goes in the site, for the documents, their links to each other and the site's pages.

pub use crate::render::nav::{pdf_chapter_path as chapter_path, pdf_dir};

/// A form's two PDFs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FormPdf {
    Blank,
    WithGuidance,
}

pub fn book_path(lang: &str) -> String {
    format!("{}/handbook.pdf", pdf_dir(lang))
}

pub fn form_path(form_id: &str, kind: FormPdf, lang: &str) -> String {
    let suffix = match kind {
        FormPdf::Blank => "",
        FormPdf::WithGuidance => "-guidance",
    };
    format!("{}/forms/{form_id}{suffix}.pdf", pdf_dir(lang))
}

pub fn role_path(role_id: &str, lang: &str) -> String {
    format!("{}/roles/{role_id}.pdf", pdf_dir(lang))
}
