//! A blank annex form on A4, as the site prints it: code, title, version and CONFIDENTIAL on every
//! page, a case-code box, page x of y, numbered questions with room to write, their conditions in
//! words, and (in the version with guidance) the interviewer's guidance.

use super::document::{Document, DocumentSource, Paper};
use super::markup::{self, KeptTerms};
use super::paths::{form_path, FormPdf};
use crate::form::show_if::Condition;
use crate::form::{Field, FieldKind, Form};
use crate::render::form_text::question_numbers;
use crate::render::Renderer;
use crate::site::Site;
use std::collections::BTreeMap;

struct FormWriter<'d, 'a> {
    document: &'d mut Document<'a>,
    form: &'a Form,
    numbers: BTreeMap<&'a str, String>,
}

pub fn form(
    site: &Site,
    renderer: &Renderer,
    form: &Form,
    kind: FormPdf,
    lang: &str,
    terms: &KeptTerms,
) -> DocumentSource {
    let default_lang = site.default_language();
    let mut document = Document::new(site, renderer, lang, terms, Paper::A4);
    let title = form.title.get(lang, default_lang).to_string();
    let code = form.code.clone().unwrap_or_default();
    let version = form
        .version
        .as_deref()
        .map(|v| format!("{} {v}", document.string("form_version")))
        .unwrap_or_default();
    let header = format!(
        "#grid(columns: (1fr, auto), [{} {}], strong[{}])",
        markup::escape(&code),
        terms.text(&title),
        markup::escape(&document.string("form_confidential"))
    );
    let footer = format!(
        "#box(stroke: 0.5pt, inset: 4pt)[{}: #box(width: 3.5cm)] #h(1em) {}",
        markup::escape(&document.string("form_case_code")),
        markup::escape(&version)
    );
    document.form_preamble(format!("{code} {title}").trim(), &header, &footer);
    // The blank form and the form with guidance have the same source, the guidance shown
    // `#if guidance`: the same text gives the same spans, so Typst's memo cache lays out the
    // second one's questions as it did the first one's (the paragraphs, answer lines, ticks).
    document
        .out
        .push_str("#import \"/links.typ\": guidance\n\n");
    document.out.push_str(&format!(
        "#block(below: 1em)[#text(size: 1.6em, weight: \"bold\")[{} {}]]\n\n",
        markup::escape(&code),
        terms.text(&title)
    ));
    if let Some(purpose) = &form.purpose {
        let purpose = purpose.get(lang, default_lang).to_string();
        document.markdown(site.tree().entry, &purpose, 3, false);
    }
    let mut writer = FormWriter {
        numbers: question_numbers(form),
        document: &mut document,
        form,
    };
    for (index, section) in form.sections.iter().enumerate() {
        let heading = format!("{}. {}", index + 1, section.title.get(lang, default_lang));
        writer.document.heading(2, &heading, None);
        if let Some(show_if) = &section.show_if {
            writer.condition(&show_if.condition);
        }
        if let Some((intro, _)) = &section.intro {
            let intro = intro.get(lang, default_lang).to_string();
            writer
                .document
                .markdown(site.tree().entry, &intro, 3, false);
        }
        let notices = section.sensitive_notices();
        for (index, field) in section.fields.iter().enumerate() {
            writer.field(field, notices[index] == Some(index));
        }
    }
    let mut source = document.finish(form_path(&form.id, kind, lang));
    let guidance = format!("#let guidance = {}\n", kind == FormPdf::WithGuidance);
    for (path, text) in &mut source.modules {
        if path == "/links.typ" {
            text.push_str(&guidance);
        }
    }
    source
}

impl FormWriter<'_, '_> {
    fn text(&self, localised: &crate::localised::Localised) -> String {
        self.document
            .terms
            .text(localised.get(self.document.lang, self.document.site.default_language()))
    }

    fn push(&mut self, markup: &str) {
        self.document.out.push_str(markup);
    }

    fn condition(&mut self, condition: &Condition) {
        let words = self.words(condition);
        let line = format!(
            "#block(above: 0.4em, below: 0.4em)[#emph[{} {}]]\n",
            markup::escape(&self.document.string("form_answer_only_if")),
            words
        );
        self.push(&line);
    }

    /// The condition in words: “2.1 Is the person a child?” is “Yes”.
    fn words(&self, condition: &Condition) -> String {
        match condition {
            Condition::Compare(comparison) => {
                let field = self.form.field(&comparison.field);
                let label =
                    field.map_or(markup::escape(&comparison.field), |f| self.text(&f.label));
                let number = self
                    .numbers
                    .get(comparison.field.as_str())
                    .cloned()
                    .unwrap_or_default();
                let multiple =
                    matches!(field.map(|f| &f.kind), Some(FieldKind::Multiselect { .. }));
                let operator = match (multiple, comparison.equal) {
                    (true, true) => "form_cond_includes",
                    (true, false) => "form_cond_excludes",
                    (false, true) => "form_cond_is",
                    (false, false) => "form_cond_is_not",
                };
                let value = match field.map(|f| &f.kind) {
                    Some(
                        FieldKind::Select { options, .. } | FieldKind::Multiselect { options, .. },
                    ) => options
                        .iter()
                        .find(|o| o.value == comparison.value)
                        .map_or(markup::escape(&comparison.value), |o| self.text(&o.label)),
                    Some(FieldKind::YesNo | FieldKind::Checkbox) => {
                        markup::escape(&self.document.string(if comparison.value == "yes" {
                            "form_yes"
                        } else {
                            "form_no"
                        }))
                    }
                    _ => markup::escape(&comparison.value),
                };
                format!(
                    "“{} {label}” {} “{value}”",
                    markup::escape(&number),
                    markup::escape(&self.document.string(operator))
                )
            }
            Condition::All(parts) | Condition::Any(parts) => {
                let word = if matches!(condition, Condition::All(_)) {
                    "form_cond_and"
                } else {
                    "form_cond_or"
                };
                let word = format!(" {} ", markup::escape(&self.document.string(word)));
                parts
                    .iter()
                    .map(|part| match part {
                        Condition::Compare(_) => self.words(part),
                        _ => format!("({})", self.words(part)),
                    })
                    .collect::<Vec<_>>()
                    .join(&word)
            }
        }
    }

    /// One question; `notice`: whether it prints the sensitive-data notice (the first of a
    /// run of sensitive questions: `Section::sensitive_notices`).
    fn field(&mut self, field: &Field, notice: bool) {
        let lang = self.document.lang;
        let default_lang = self.document.site.default_language();
        if let FieldKind::Note { text } = &field.kind {
            if let Some((text, _)) = text {
                let text = text.get(lang, default_lang).to_string();
                let home = self.document.site.tree().entry;
                self.document.markdown(home, &text, 3, false);
            }
            return;
        }
        self.push("#block(breakable: false, above: 1.1em)[\n");
        if let Some(show_if) = &field.show_if {
            self.condition(&show_if.condition);
        }
        let number = self
            .numbers
            .get(field.id.as_str())
            .cloned()
            .unwrap_or_default();
        let required = if field.required { " \\*" } else { "" };
        let label = format!(
            "#strong[{} {}{required}]",
            markup::escape(&number),
            self.text(&field.label)
        );
        self.push(&label);
        match &field.kind {
            FieldKind::Select { .. } => self.push(&format!(
                " ({})",
                markup::escape(&self.document.string("form_choose_one"))
            )),
            FieldKind::Multiselect { .. } => self.push(&format!(
                " ({})",
                markup::escape(&self.document.string("form_choose_any"))
            )),
            _ => {}
        }
        self.push("\n\n");
        if let Some(help) = &field.help {
            let help = format!(
                "#text(size: 0.9em, fill: luma(60))[{}]\n\n",
                self.text(help)
            );
            self.push(&help);
        }
        if notice {
            let notice = format!(
                "#text(size: 0.85em)[#emph[{}]]\n\n",
                markup::escape(&self.document.string("form_sensitive_notice"))
            );
            self.push(&notice);
        }
        self.answer(field);
        if let Some(guidance) = &field.guidance {
            let block = format!(
                "#if guidance [#block(fill: luma(235), inset: 6pt, width: 100%, above: 0.6em)[#strong[{}:] {}]]\n",
                markup::escape(&self.document.string("form_guidance")),
                self.text(guidance)
            );
            self.push(&block);
        }
        self.push("]\n\n");
    }

    /// Room for the answer, as the paper form gives it.
    fn answer(&mut self, field: &Field) {
        let markup = match &field.kind {
            FieldKind::Textarea { lines, .. } => format!("#answer-lines({})\n", (*lines).max(1)),
            FieldKind::Date => format!(
                "#answer-lines(1) #text(size: 0.8em, fill: luma(90))[{}]\n",
                markup::escape(&self.document.string("form_date_hint"))
            ),
            FieldKind::Time => format!(
                "#answer-lines(1) #text(size: 0.8em, fill: luma(90))[{}]\n",
                markup::escape(&self.document.string("form_time_hint"))
            ),
            FieldKind::Select { options, other } | FieldKind::Multiselect { options, other } => {
                let mut items: Vec<String> = options
                    .iter()
                    .map(|o| format!("[#tick #h(0.3em) {}]", self.text(&o.label)))
                    .collect();
                if *other {
                    items.push(format!(
                        "[#tick #h(0.3em) {} #box(width: 5cm, stroke: (bottom: 0.4pt))]",
                        markup::escape(&self.document.string("form_other"))
                    ));
                }
                format!(
                    "#grid(columns: 2, column-gutter: 1.2em, row-gutter: 0.6em, {})\n",
                    items.join(", ")
                )
            }
            FieldKind::YesNo => format!(
                "#tick #h(0.3em) {} #h(2em) #tick #h(0.3em) {}\n",
                markup::escape(&self.document.string("form_yes")),
                markup::escape(&self.document.string("form_no"))
            ),
            FieldKind::Checkbox => "#tick\n".to_string(),
            FieldKind::Table { columns, rows, .. } => {
                let headers: Vec<String> = columns
                    .iter()
                    .map(|c| format!("[*{}*]", self.text(&c.label)))
                    .collect();
                let empty = (0..(*rows).max(1) as usize * columns.len())
                    .map(|_| "[#v(1.2em)]")
                    .collect::<Vec<_>>();
                format!(
                    "#table(columns: {}, table.header({}), {})\n",
                    columns.len().max(1),
                    headers.join(", "),
                    empty.join(", ")
                )
            }
            FieldKind::Signature => self.signature_block(None),
            FieldKind::Signatures { parties } => parties
                .iter()
                .map(|party| self.signature_block(Some(self.text(&party.label))))
                .collect::<Vec<_>>()
                .join("\n"),
            FieldKind::Note { .. } => String::new(),
            _ => "#answer-lines(1)\n".to_string(),
        };
        self.push(&markup);
    }

    fn signature_block(&self, party: Option<String>) -> String {
        let line = |key: &str| {
            format!(
                "[{}: #box(width: 1fr, stroke: (bottom: 0.4pt))[#v(1.2em)]]",
                markup::escape(&self.document.string(key))
            )
        };
        format!(
            "#block(breakable: false, above: 0.8em)[{}#grid(columns: 1, row-gutter: 0.7em, {}, {}, {}, {})]\n",
            party.map(|p| format!("#strong[{p}]\n\n")).unwrap_or_default(),
            line("form_signature"),
            line("form_sign_name"),
            line("form_sign_position"),
            line("form_sign_date"),
        )
    }
}
