//! Builds what templates see of an annex form in one language: numbered sections and questions,
//! `show_if` as JSON and in words, Markdown intros and notes. (The paper page CSS is in
//! form_paper.rs.)

use super::form_text::{first_sentence, question_numbers, summary};
use super::views::{ChoiceView, ConditionView, FieldView, FormSectionView, FormView, PartyView};
use super::{MarkdownRequest, Renderer};
use crate::diagnostics::Diagnostics;
use crate::form::show_if::Condition;
use crate::form::{Field, FieldKind, Form, Section, ShowIf, OTHER};
use crate::localised::Localised;
use crate::site::Site;
use std::collections::BTreeMap;

/// One form rendered for one page (`output_path`) in one language.
pub struct FormRequest<'a> {
    pub renderer: &'a Renderer,
    pub site: &'a Site,
    pub form: &'a Form,
    pub lang: &'a str,
    pub output_path: &'a str,
    /// Element ids are `<id_prefix><field id>`: `f-` on a form's own page, `f-<form id>-` where
    /// several forms share a page, so ids stay unique.
    pub id_prefix: String,
}

impl FormRequest<'_> {
    fn text(&self, text: &Localised) -> String {
        text.get(self.lang, self.site.default_language())
            .to_string()
    }

    fn string(&self, key: &str) -> String {
        self.renderer.string(self.lang, key)
    }

    fn markdown(&self, text: &Localised, at: usize, diagnostics: &mut Diagnostics) -> String {
        let markdown = self.text(text);
        self.renderer
            .markdown(
                self.site,
                MarkdownRequest {
                    entry: self.site.tree().entry,
                    lang: self.lang,
                    output_path: self.output_path,
                    markdown: &markdown,
                    heading_offset: 2,
                    path: &self.form.path,
                    source: &self.form.source,
                    offset: at,
                    markdown_is_slice: false,
                    id_prefix: "",
                },
                diagnostics,
            )
            .html
    }
}

pub fn form_view(request: &FormRequest, diagnostics: &mut Diagnostics) -> FormView {
    let form = request.form;
    let numbers = question_numbers(form);
    let sections = form
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| FormSectionView {
            number: index + 1,
            anchor: format!("{}-part-{}", form.id, index + 1),
            title: request.text(&section.title),
            intro: section
                .intro
                .as_ref()
                .map(|(intro, at)| request.markdown(intro, *at, diagnostics))
                .unwrap_or_default(),
            condition: section
                .show_if
                .as_ref()
                .map(|show_if| condition_view(request, show_if, &numbers)),
            fields: share_sensitive_notices(
                section,
                section
                    .fields
                    .iter()
                    .map(|field| field_view(request, field, &numbers, diagnostics))
                    .collect(),
            ),
            keep_together: false,
        })
        .map(|mut section: FormSectionView| {
            section.keep_together =
                super::form_paper::paper_height_mm(&section) <= super::form_paper::KEEP_TOGETHER_MM;
            section
        })
        .collect();
    let messages: BTreeMap<&String, &String> = request
        .renderer
        .strings(request.lang)
        .iter()
        .filter(|(key, _)| key.starts_with("form_"))
        .collect();
    FormView {
        id: form.id.clone(),
        code: form.code.clone().unwrap_or_default(),
        title: request.text(&form.title),
        purpose: form
            .purpose
            .as_ref()
            .map(|p| request.markdown(p, form.purpose_at, diagnostics))
            .unwrap_or_default(),
        summary: form
            .purpose
            .as_ref()
            .map(|p| summary(&request.text(p)))
            .unwrap_or_default(),
        lead: form
            .purpose
            .as_ref()
            .map(|p| first_sentence(&summary(&request.text(p))))
            .unwrap_or_default(),
        version: form.version.clone().unwrap_or_default(),
        file_stem: file_stem(form),
        used_by: super::page_parts::steps_using_form(
            request.site,
            &form.id,
            request.lang,
            request.output_path,
        ),
        sections,
        messages: serde_json::to_string(&messages).unwrap_or_default(),
    }
}

/// A form's blank paper markup for a page other than its own (a role's printable pack): ids are
/// prefixed with the form id. Link problems were reported on the form's own page.
pub fn blank_form_html(
    renderer: &Renderer,
    site: &Site,
    form: &Form,
    lang: &str,
    output_path: &str,
) -> Result<String, crate::diagnostics::Diagnostic> {
    #[derive(serde::Serialize)]
    struct BlankView<'a> {
        form: FormView,
        strings: &'a BTreeMap<String, String>,
        lang: &'a str,
    }
    impl super::views::View for BlankView<'_> {}
    let request = FormRequest {
        renderer,
        site,
        form,
        lang,
        output_path,
        id_prefix: format!("f-{}-", form.id),
    };
    let view = form_view(&request, &mut Diagnostics::default());
    renderer.template(
        "form-blank.html",
        &BlankView {
            form: view,
            strings: renderer.template_strings(lang),
            lang,
        },
    )
}

/// "F-03" from the code, or the id: the only part of a saved file's name that names the form.
fn file_stem(form: &Form) -> String {
    let stem: String = form
        .code
        .as_deref()
        .unwrap_or(&form.id)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if stem.trim_matches('-').is_empty() {
        form.id.clone()
    } else {
        stem
    }
}

fn condition_view(
    request: &FormRequest,
    show_if: &ShowIf,
    numbers: &BTreeMap<&str, String>,
) -> ConditionView {
    ConditionView {
        json: show_if.condition.to_json().to_string(),
        words: words(request, &show_if.condition, numbers),
    }
}

/// The condition in the page's language, from the labels: “2.1 Is the person a child?” is “Yes”.
fn words(request: &FormRequest, condition: &Condition, numbers: &BTreeMap<&str, String>) -> String {
    match condition {
        Condition::Compare(comparison) => {
            let field = request.form.field(&comparison.field);
            let label = field.map_or(comparison.field.clone(), |f| request.text(&f.label));
            let number = numbers
                .get(comparison.field.as_str())
                .cloned()
                .unwrap_or_default();
            let multiple = matches!(field.map(|f| &f.kind), Some(FieldKind::Multiselect { .. }));
            let operator = match (multiple, comparison.equal) {
                (true, true) => "form_cond_includes",
                (true, false) => "form_cond_excludes",
                (false, true) => "form_cond_is",
                (false, false) => "form_cond_is_not",
            };
            let value = field.map_or(comparison.value.clone(), |f| {
                value_label(request, &f.kind, &comparison.value)
            });
            format!(
                "“{}” {} “{value}”",
                format!("{number} {label}").trim(),
                request.string(operator)
            )
        }
        Condition::All(parts) => join(request, parts, "form_cond_and", numbers),
        Condition::Any(parts) => join(request, parts, "form_cond_or", numbers),
    }
}

fn join(
    request: &FormRequest,
    parts: &[Condition],
    word: &str,
    numbers: &BTreeMap<&str, String>,
) -> String {
    let word = format!(" {} ", request.string(word));
    parts
        .iter()
        .map(|part| match part {
            Condition::Any(_) | Condition::All(_) => format!("({})", words(request, part, numbers)),
            Condition::Compare(_) => words(request, part, numbers),
        })
        .collect::<Vec<_>>()
        .join(&word)
}

fn value_label(request: &FormRequest, kind: &FieldKind, value: &str) -> String {
    match kind {
        FieldKind::Select { options, .. } | FieldKind::Multiselect { options, .. } => options
            .iter()
            .find(|o| o.value == value)
            .map(|o| request.text(&o.label))
            .unwrap_or_else(|| {
                if value == OTHER {
                    request.string("form_other")
                } else {
                    value.to_string()
                }
            }),
        FieldKind::YesNo | FieldKind::Checkbox => match value {
            "yes" => request.string("form_yes"),
            "no" => request.string("form_no"),
            _ => value.to_string(),
        },
        _ => value.to_string(),
    }
}

fn number_text(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The sensitive-data notice once per run of sensitive questions (`Section::sensitive_notices`):
/// a question that shares an earlier one's notice points its `aria-describedby` at it instead of
/// printing its own.
fn share_sensitive_notices(section: &Section, mut views: Vec<FieldView>) -> Vec<FieldView> {
    let notices = section.sensitive_notices();
    let dom_ids: Vec<String> = views.iter().map(|view| view.dom_id.clone()).collect();
    for (index, view) in views.iter_mut().enumerate() {
        match notices[index] {
            Some(at) if at == index => view.sensitive_notice = true,
            Some(at) => {
                let own = format!("{}-sensitive", view.dom_id);
                let shared = format!("{}-sensitive", dom_ids[at]);
                view.described_by = view
                    .described_by
                    .split(' ')
                    .map(|id| if id == own { shared.as_str() } else { id })
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            None => {}
        }
    }
    views
}

fn size_for(max_length: Option<u32>) -> &'static str {
    match max_length {
        Some(0..=6) => "xs",
        Some(7..=15) => "s",
        Some(16..=40) => "m",
        Some(41..=80) => "l",
        _ => "full",
    }
}

fn field_view(
    request: &FormRequest,
    field: &Field,
    numbers: &BTreeMap<&str, String>,
    diagnostics: &mut Diagnostics,
) -> FieldView {
    let dom_id = format!("{}{}", request.id_prefix, field.id);
    let optional =
        |text: &Option<Localised>| text.as_ref().map(|t| request.text(t)).unwrap_or_default();
    let mut view = FieldView {
        id: field.id.clone(),
        number: numbers.get(field.id.as_str()).cloned().unwrap_or_default(),
        kind: field.kind.name(),
        label: request.text(&field.label),
        help: optional(&field.help),
        guidance: optional(&field.guidance),
        required: field.required,
        identifying: field.identifying,
        sensitive: field.sensitive,
        condition: field
            .show_if
            .as_ref()
            .map(|show_if| condition_view(request, show_if, numbers)),
        size: "full",
        lines: 1,
        ..FieldView::default()
    };
    let mut described = Vec::new();
    if !view.help.is_empty() {
        described.push(format!("{dom_id}-help"));
    }
    if view.sensitive {
        described.push(format!("{dom_id}-sensitive"));
    }
    if !view.guidance.is_empty() {
        described.push(format!("{dom_id}-guidance"));
    }
    if matches!(field.kind, FieldKind::Date) {
        described.push(format!("{dom_id}-date-hint"));
    }
    view.described_by = described.join(" ");
    view.dom_id = dom_id;
    fill_kind(request, field, &mut view, diagnostics);
    view
}

/// The type-specific part of a field's view; also used for table columns.
fn fill_kind(
    request: &FormRequest,
    field: &Field,
    view: &mut FieldView,
    diagnostics: &mut Diagnostics,
) {
    let yes_no = || {
        vec![
            ChoiceView {
                value: "yes".into(),
                label: request.string("form_yes"),
            },
            ChoiceView {
                value: "no".into(),
                label: request.string("form_no"),
            },
        ]
    };
    match &field.kind {
        FieldKind::Text {
            max_length,
            pattern,
            pattern_message,
        } => {
            view.input_type = "text";
            view.max_length = *max_length;
            view.size = size_for(*max_length);
            view.pattern = pattern.clone().unwrap_or_default();
            view.pattern_message = pattern_message
                .as_ref()
                .map(|m| request.text(m))
                .unwrap_or_default();
        }
        FieldKind::Textarea { lines, max_length } => {
            view.lines = *lines;
            view.max_length = *max_length;
        }
        FieldKind::Number {
            min,
            max,
            step,
            total,
            ..
        } => {
            view.input_type = "number";
            view.size = "s";
            view.min = number_text(*min);
            view.max = number_text(*max);
            view.step = step.map_or_else(|| "any".to_string(), |s| s.to_string());
            if !total.is_empty() {
                view.total_of = serde_json::to_string(total).unwrap_or_default();
            }
        }
        // A text box: the date is typed as the page's language writes it (forms.js).
        FieldKind::Date => (view.input_type, view.size) = ("text", "s"),
        FieldKind::Time => (view.input_type, view.size) = ("time", "xs"),
        FieldKind::Phone => (view.input_type, view.size) = ("tel", "m"),
        FieldKind::Email => (view.input_type, view.size) = ("email", "l"),
        FieldKind::Select { options, other } | FieldKind::Multiselect { options, other } => {
            view.options = options
                .iter()
                .map(|o| ChoiceView {
                    value: o.value.clone(),
                    label: request.text(&o.label),
                })
                .collect();
            view.other = *other;
        }
        FieldKind::YesNo => view.options = yes_no(),
        FieldKind::Checkbox | FieldKind::Signature => {}
        FieldKind::Table {
            columns,
            rows,
            total,
        } => {
            view.columns = columns
                .iter()
                .map(|column| {
                    let mut cell = FieldView {
                        id: column.id.clone(),
                        dom_id: format!("{}-{}", view.dom_id, column.id),
                        kind: column.kind.name(),
                        label: request.text(&column.label),
                        help: column
                            .help
                            .as_ref()
                            .map(|h| request.text(h))
                            .unwrap_or_default(),
                        required: column.required,
                        identifying: column.identifying,
                        sensitive: column.sensitive,
                        in_total: total.contains(&column.id),
                        size: "full",
                        lines: 1,
                        ..FieldView::default()
                    };
                    fill_kind(request, column, &mut cell, diagnostics);
                    cell
                })
                .collect();
            view.paper_rows = (1..=*rows as usize).collect();
            view.has_total = !total.is_empty();
        }
        FieldKind::Note { text } => {
            view.note = text
                .as_ref()
                .map(|(text, at)| request.markdown(text, *at, diagnostics))
                .unwrap_or_default();
        }
        FieldKind::Signatures { parties } => {
            view.parties = parties
                .iter()
                .enumerate()
                .map(|(index, party)| PartyView {
                    index: index + 1,
                    label: request.text(&party.label),
                    role: party
                        .role
                        .as_deref()
                        .and_then(|id| request.site.config.role(id))
                        .map(|role| request.text(&role.name))
                        .unwrap_or_default(),
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn widths_follow_max_length() {
        assert_eq!(size_for(Some(5)), "xs");
        assert_eq!(size_for(Some(30)), "m");
        assert_eq!(size_for(None), "full");
    }
}
