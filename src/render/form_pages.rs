//! The forms index, one page per annex form (fillable, printing as the paper form), and every blank form on one page.

use super::nav::{common, Place};
use super::page_parts::{generated_page_common, same_path_in, steps_using_form, JobOutput};
use super::procedure_page::form_title;
use super::views::*;
use super::{Renderer, SearchDoc};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{relative_href, Site};
use crate::urls;

#[derive(serde::Serialize)]
struct FormLinkView {
    id: String,
    code: String,
    title: String,
    purpose: String,
    href: String,
    used_by: Vec<Link>,
}

#[derive(serde::Serialize)]
struct FormsView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    forms: Vec<FormLinkView>,
    print_all_href: String,
}

super::views::view_with_common!(FormsView);

pub(super) fn forms_index(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let output_path = urls::forms_index(lang);
    let mut forms: Vec<FormLinkView> = site
        .forms
        .iter()
        .map(|form| FormLinkView {
            id: form.id.clone(),
            code: form.code.clone().unwrap_or_default(),
            title: form.title.get(lang, default_lang).to_string(),
            purpose: form
                .purpose
                .as_ref()
                .map(|p| {
                    super::form_text::first_sentence(&super::form_text::summary(
                        p.get(lang, default_lang),
                    ))
                })
                .unwrap_or_default(),
            href: relative_href(&output_path, &urls::form(lang, &form.id)),
            used_by: steps_using_form(site, &form.id, lang, &output_path),
        })
        .collect();
    // By code, as readers look them up (F-2 before F-10); forms without a code last, by id.
    forms.sort_by_key(|form| code_order(&form.code, &form.id));
    let html = renderer.template(
        "forms.html",
        &FormsView {
            common: generated_page_common(renderer, site, lang, &output_path, "forms", "forms"),
            forms,
            print_all_href: "print-all.html".into(),
        },
    )?;
    let paper_css = super::form_paper::paper_css(renderer, site, lang);
    Ok((
        vec![
            OutputFile::new(output_path, html.into_bytes()),
            OutputFile::new(urls::forms_paper_css(lang), paper_css.into_bytes()),
        ],
        Vec::new(),
    ))
}

/// A sort key for a form code: its text with every run of digits compared as a number.
fn code_order(code: &str, id: &str) -> (bool, Vec<(String, u64)>, String) {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in code.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                parts.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    parts.push((text, digits.parse().unwrap_or(0)));
    (code.is_empty(), parts, id.to_string())
}

/// One annex form: the fillable on-screen form, which prints as the paper form.
pub(super) fn form_page(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let form = &site.forms[index];
    let output_path = urls::form(lang, &form.id);
    let request = super::form_view::FormRequest {
        renderer,
        site,
        form,
        lang,
        output_path: &output_path,
        id_prefix: "f-".into(),
    };
    let view_form = super::form_view::form_view(&request, diagnostics);
    let other = same_path_in(output_path.clone());
    let translated = |code: &str| form.title.has(code);
    let place = Place {
        lang,
        output_path: &output_path,
        entry: None,
        kind: "form",
        title: form_title(form, lang, default_lang),
        description: view_form.summary.clone(),
        other_language_path: &other,
        translated: &translated,
        toc: Vec::new(),
    };
    let doc = SearchDoc {
        text_weight: 1.0,
        lang: lang.to_string(),
        url: output_path.clone(),
        title: form_title(form, lang, default_lang),
        heading: String::new(),
        text: form_search_text(&view_form),
        kind: "form",
        roles: form.roles.clone(),
        html: None,
    };
    let mut page_common = common(renderer, site, &place);
    page_common.breadcrumbs = forms_breadcrumbs(renderer, site, lang, &output_path);
    let html = renderer.template(
        "form.html",
        &FormPageView {
            common: page_common,
            form: view_form,
            paper_css: urls::FORMS_PAPER_CSS.into(),
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        vec![doc],
    ))
}

/// Home › Forms: where a form page and the print-all page sit (they are not in the chapter tree).
fn forms_breadcrumbs(renderer: &Renderer, site: &Site, lang: &str, output_path: &str) -> Vec<Link> {
    let entry = site.tree().entry;
    vec![
        Link {
            title: site.title(entry, lang).to_string(),
            href: relative_href(output_path, &site.url(entry, lang)),
        },
        Link {
            title: renderer.string(lang, "forms"),
            href: relative_href(output_path, &urls::forms_index(lang)),
        },
    ]
}

/// Purpose, part titles and question labels: what a reader may search a form by.
fn form_search_text(form: &FormView) -> String {
    let mut text = form.summary.clone();
    for section in &form.sections {
        text.push(' ');
        text.push_str(&section.title);
        for field in &section.fields {
            text.push(' ');
            text.push_str(&field.label);
        }
    }
    text
}

/// Every blank form of one language on one page, for trainers to print in one go.
pub(super) fn forms_print(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
) -> Result<JobOutput, Diagnostic> {
    let output_path = urls::forms_print_all(lang);
    // Link problems in intros and notes were reported with each form's own page.
    let mut ignored = Diagnostics::default();
    // In the index's order, by code, so a trainer's stack of paper is in the order people look up.
    let mut by_code: Vec<_> = site.forms.iter().collect();
    by_code.sort_by_key(|form| code_order(form.code.as_deref().unwrap_or_default(), &form.id));
    let forms = by_code
        .into_iter()
        .map(|form| {
            let request = super::form_view::FormRequest {
                renderer,
                site,
                form,
                lang,
                output_path: &output_path,
                id_prefix: format!("f-{}-", form.id),
            };
            super::form_view::form_view(&request, &mut ignored)
        })
        .collect();
    let mut page_common = generated_page_common(
        renderer,
        site,
        lang,
        &output_path,
        "forms-print",
        "form_print_all",
    );
    page_common.breadcrumbs = forms_breadcrumbs(renderer, site, lang, &output_path);
    let html = renderer.template(
        "forms-print.html",
        &FormsPrintView {
            common: page_common,
            forms,
            paper_css: urls::FORMS_PAPER_CSS.into(),
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_by_their_numbers() {
        let mut codes = vec!["F-10", "", "F-2", "F-01", "A-3"];
        codes.sort_by_key(|c| code_order(c, c));
        assert_eq!(codes, ["A-3", "F-01", "F-2", "F-10", ""]);
    }
}
