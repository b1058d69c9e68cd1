//! The paper side of a form: the CSS that puts each form's code, title, version, CONFIDENTIAL,
//! a case-code box and page x of y in the margins of every printed page, and which parts are
//! short enough to be kept on one page.

use super::views::FormSectionView;
use super::Renderer;
use crate::site::Site;

/// A part estimated taller than this is allowed to break across pages. A4 with the paper margins
/// leaves about 255 mm; the estimate is rough, so the limit stays well below.
pub const KEEP_TOGETHER_MM: u32 = 80;

/// A rough printed height of a part, in millimetres, from what it holds (blank, with guidance).
pub fn paper_height_mm(section: &FormSectionView) -> u32 {
    let text = |text: &str, per_line: usize, line_mm: u32| {
        if text.is_empty() {
            0
        } else {
            (text.chars().count() / per_line + 1) as u32 * line_mm
        }
    };
    let mut height = 14 + text(&section.intro, 100, 5);
    for field in &section.fields {
        height += 9 + text(&field.help, 110, 4) + text(&field.guidance, 100, 5);
        height += if field.sensitive_notice { 6 } else { 0 };
        height += if field.condition.is_some() { 5 } else { 0 };
        height += match field.kind {
            "textarea" => field.lines * 8 + 2,
            "select" | "multiselect" => {
                (field.options.len() as u32).div_ceil(2) * 6 + if field.other { 6 } else { 0 }
            }
            "yes_no" | "checkbox" => 6,
            "table" => 22 + field.paper_rows.len() as u32 * 9 + if field.has_total { 8 } else { 0 },
            "signature" => 42,
            "signatures" => (field.parties.len() as u32).div_ceil(2) * 50,
            "note" => text(&field.note, 100, 5) + 6,
            _ => 8,
        };
    }
    height
}

/// The margin boxes' font (the page's own font does not reach them).
const FONT: &str = "font-family: \"Sarabun\", sans-serif;";

/// CSS for the printed page boxes of every form in one language: each form is a named page
/// whose margins carry its code, title, version, CONFIDENTIAL, a case-code box and page x of y.
/// Generated because page margin boxes can only show text written into the stylesheet, and the
/// pages' CSP forbids inline styles. Each form being its own named A4 page, forms keep their size
/// and margins inside other printed pages (a role's A5 pack).
pub fn paper_css(renderer: &Renderer, site: &Site, lang: &str) -> String {
    let default_lang = site.default_language();
    let string = |key: &str| css_string(&renderer.string(lang, key));
    let mut css = String::from(
        "/* Generated: the page size and margins of each printed form (src/render/form_paper.rs). */\n",
    );
    for form in &site.forms {
        let mut heading = Vec::new();
        if let Some(code) = &form.code {
            heading.push(code.clone());
        }
        heading.push(form.title.get(lang, default_lang).to_string());
        if let Some(version) = &form.version {
            heading.push(format!(
                "{} {version}",
                renderer.string(lang, "form_version")
            ));
        }
        css.push_str(&format!(
            ".paper-form[data-form=\"{id}\"] {{ page: form-{id}; }}\n\
             @page form-{id} {{\n\
             \x20 size: A4;\n\
             \x20 margin: 20mm 15mm 22mm;\n\
             \x20 @top-left {{ content: {heading}; {FONT} font-size: 8.5pt; vertical-align: bottom; padding-bottom: 3mm; }}\n\
             \x20 @top-right {{ content: {confidential}; {FONT} font-size: 10pt; font-weight: 700; letter-spacing: 0.08em; vertical-align: bottom; padding-bottom: 3mm; }}\n\
             \x20 @bottom-left {{ content: {case_code} \":\"; {FONT} font-size: 8.5pt; vertical-align: top; text-align: left; border: 0.8pt solid #000; margin: 3mm 0 7mm; padding: 0.5mm 2mm; width: 70mm; }}\n\
             \x20 @bottom-right {{ content: {page} \" \" counter(page) \" \" {of} \" \" counter(pages); {FONT} font-size: 9pt; vertical-align: top; padding-top: 3mm; }}\n\
             }}\n\
             @page form-{id}:first {{ @bottom-left {{ content: none; border: 0; }} }}\n",
            id = form.id,
            heading = css_string(&heading.join(" · ")),
            confidential = string("form_confidential"),
            case_code = string("form_case_code"),
            page = string("form_page"),
            of = string("form_page_of"),
        ));
    }
    css
}

/// A CSS string literal: quotes and backslashes escaped, line breaks as `\A`.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_quotes_and_backslashes() {
        assert_eq!(css_string("a \"b\" \\ ไทย"), "\"a \\\"b\\\" \\\\ ไทย\"");
    }
}
