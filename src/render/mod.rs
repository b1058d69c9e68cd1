//! Turns the site model into output files: Markdown bodies through Tera templates, one page at a time, in parallel.

mod batches;
pub mod changes_page;
mod content_page;
pub mod diagram;
mod form_pages;
pub mod form_paper;
pub(crate) mod form_text;
pub mod form_view;
pub mod nav;
pub mod page_parts;
pub mod pages;
pub mod print_pages;
mod print_parts;
pub mod print_view;
pub(crate) mod procedure_page;

pub mod role_pack;
pub mod roles;
pub mod sidebar;
pub mod strings;
pub mod theme;
pub mod views;
mod wrap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::PageLinks;
use crate::markdown::{self, RenderContext, Rendered, TextMarks};
use crate::output::OutputFile;
pub use crate::search::doc::SearchDoc;
use crate::site::{Entry, Site};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use strings::Strings;
use theme::Theme;
use views::View;

/// Everything rendering needs that is built once per build: templates, strings, text marks.
pub struct Renderer {
    tera: tera::Tera,
    pub theme: Theme,
    strings: BTreeMap<String, BTreeMap<String, String>>,
    /// The strings templates read (see `strings::named_in_templates`), per language.
    template_strings: BTreeMap<String, BTreeMap<String, String>>,
    /// `template_strings` as template values, copied into each page's context.
    strings_values: BTreeMap<String, serde_json::Value>,
    language_names: BTreeMap<String, String>,
    marks: Arc<BTreeMap<String, TextMarks>>,
    /// The largest page rendered so far, up to `PAGE_BUFFER_MAX` bytes: the next page's buffer
    /// starts that large (see `template_bytes`).
    page_bytes: AtomicUsize,
}

/// A page is rendered into a buffer as large as the largest page so far, up to this: grown by
/// doubling from Tera's 2 KB, a 60 KB page was copied five times, and once more to trim it
/// (`OutputFile::new`); a trimmed tail is given back in place.
const PAGE_BUFFER_MAX: usize = 256 * 1024;

/// The output of rendering: files, and documents for the search index.
#[derive(Default)]
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub search_docs: Vec<SearchDoc>,
}

/// The theme with its templates compiled and its strings read: what rendering needs that does
/// not depend on the content, so that `build` makes it while the content loads (compiling the
/// templates is about 200 M instructions, alone on one core after loading before).
pub struct Templates {
    tera: tera::Tera,
    theme: Theme,
    /// The strings the templates name (`strings::named_in_templates`).
    named: Option<std::collections::BTreeSet<String>>,
    strings: Strings,
}

impl Templates {
    /// The theme of the handbook at `root` (its own files over the built-in ones), compiled.
    pub fn load(root: &Path) -> Result<Templates, Diagnostics> {
        let theme = Theme::load(root)?;
        let mut tera = tera::Tera::default();
        let templates: Vec<(String, String)> = theme
            .templates()
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let named =
            strings::named_in_templates(templates.iter().map(|(_, source)| source.as_str()));
        tera.add_raw_templates(templates)
            .map_err(|error| template_error(&error))?;
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        let strings_source = theme
            .file(strings::STRINGS_FILE)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let strings = Strings::parse(&strings_source)?;
        Ok(Templates {
            tera,
            theme,
            named,
            strings,
        })
    }
}

impl Renderer {
    pub fn new(site: &Site) -> Result<Renderer, Diagnostics> {
        Renderer::with_templates(site, Templates::load(&site.config.root)?)
    }

    /// The renderer of `site` with its theme's `templates`, compiled already.
    pub fn with_templates(site: &Site, templates: Templates) -> Result<Renderer, Diagnostics> {
        let Templates {
            mut tera,
            theme,
            named,
            strings: all_strings,
        } = templates;
        let default_lang = site.default_language().to_string();
        let mut strings = BTreeMap::new();
        let mut template_strings = BTreeMap::new();
        let mut language_names = BTreeMap::new();
        let mut marks = BTreeMap::new();
        let own_words = site.kept_words();
        for lang in site.languages() {
            let all = all_strings.for_language(lang);
            let read = match &named {
                Some(keys) => all
                    .iter()
                    .filter(|(key, _)| keys.contains(*key))
                    .map(|(key, text)| (key.clone(), text.clone()))
                    .collect(),
                None => all.clone(),
            };
            template_strings.insert(lang.clone(), read);
            strings.insert(lang.clone(), all);
            language_names.insert(lang.clone(), all_strings.language_name(lang));
            marks.insert(
                lang.clone(),
                TextMarks::new(site.glossary.abbreviations(lang, &default_lang), &own_words),
            );
        }
        let marks = Arc::new(marks);
        tera.register_filter("keep_terms", KeepTerms(Arc::clone(&marks)));
        let strings_values = template_strings
            .iter()
            .map(|(lang, strings)| (lang.clone(), serde_json::to_value(strings)))
            .filter_map(|(lang, value)| Some((lang, value.ok()?)))
            .collect();
        Ok(Renderer {
            tera,
            theme,
            strings,
            template_strings,
            strings_values,
            language_names,
            marks,
            page_bytes: AtomicUsize::new(0),
        })
    }

    pub fn strings(&self, lang: &str) -> &BTreeMap<String, String> {
        static EMPTY: once_cell::sync::Lazy<BTreeMap<String, String>> =
            once_cell::sync::Lazy::new(BTreeMap::new);
        self.strings.get(lang).unwrap_or(&EMPTY)
    }

    /// The strings a template can read, for a view's `strings` (the rest are Rust's own).
    pub fn template_strings(&self, lang: &str) -> &BTreeMap<String, String> {
        match self.template_strings.get(lang) {
            Some(strings) => strings,
            None => self.strings(lang),
        }
    }

    pub fn string(&self, lang: &str, key: &str) -> String {
        self.strings(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn language_name(&self, lang: &str) -> String {
        self.language_names
            .get(lang)
            .cloned()
            .unwrap_or_else(|| lang.to_string())
    }

    /// The name of language `code` in language `lang` ("Thai" in English), from the strings
    /// `lang_<code>`; its own name where the theme has none.
    pub fn language_in(&self, lang: &str, code: &str) -> String {
        self.strings(lang)
            .get(&format!("lang_{code}"))
            .cloned()
            .unwrap_or_else(|| self.language_name(code))
    }

    /// Renders one template with a view.
    pub fn template(&self, name: &str, view: &impl View) -> Result<String, Diagnostic> {
        let context = self.context(view)?;
        self.tera
            .render(name, &context)
            .map_err(|error| template_error(&error))
    }

    /// The view as Tera's context, with the interface strings of a view that holds a `Common`
    /// copied from `strings_values` (or serialised, for a map that is not the language's).
    fn context(&self, view: &impl View) -> Result<tera::Context, Diagnostic> {
        let mut value = serde_json::to_value(view)
            .map_err(|error| template_error(&tera::Error::json(error)))?;
        if let (Some((lang, strings)), serde_json::Value::Object(fields)) =
            (view.interface_strings(), &mut value)
        {
            let strings = match self.strings_values.get(lang) {
                Some(copy) if std::ptr::eq(strings, self.template_strings(lang)) => copy.clone(),
                _ => serde_json::to_value(strings)
                    .map_err(|error| template_error(&tera::Error::json(error)))?,
            };
            fields.insert("strings".to_string(), strings);
        }
        tera::Context::from_value(value).map_err(|error| template_error(&error))
    }

    /// `template` as the bytes of a file: Tera's output is not checked again for UTF-8 (it
    /// is made of strings), and the buffer does not grow page by page (`PAGE_BUFFER_MAX`).
    pub fn template_bytes(&self, name: &str, view: &impl View) -> Result<Vec<u8>, Diagnostic> {
        let context = self.context(view)?;
        self.render_bytes(name, &context)
    }

    fn render_bytes(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(self.page_bytes.load(Ordering::Relaxed));
        self.tera
            .render_to(name, context, &mut bytes)
            .map_err(|error| template_error(&error))?;
        self.page_bytes
            .fetch_max(bytes.len().min(PAGE_BUFFER_MAX), Ordering::Relaxed);
        Ok(bytes)
    }

    /// The abbreviations and kept Thai terms of `lang`'s text.
    pub fn marks(&self, lang: &str) -> &TextMarks {
        self.marks.get(lang).unwrap_or(&NO_MARKS)
    }

    /// Markdown of one entry (or of a string belonging to it) rendered for the page at `output_path`.
    /// Link problems become diagnostics at `path`, positioned at `offset` + the problem's offset in `source`
    /// when the Markdown is a slice of that file, or at `offset` alone when it is not.
    pub fn markdown(
        &self,
        site: &Site,
        request: MarkdownRequest,
        diagnostics: &mut Diagnostics,
    ) -> Rendered {
        self.markdown_with_variant(site, request, None, diagnostics)
            .0
    }

    /// `markdown`, and the same body as the print view of `lang` shows it (headings one level
    /// down, links relative to the print page), from the same parse.
    pub fn markdown_and_print(
        &self,
        site: &Site,
        request: MarkdownRequest,
        diagnostics: &mut Diagnostics,
    ) -> (Rendered, markdown::VariantHtml) {
        let print_path = crate::urls::print(request.lang);
        let print_links = PageLinks {
            site,
            entry: request.entry,
            lang: request.lang,
            output_path: &print_path,
        };
        // A print document holds many pages (the whole book, or a chapter): heading ids get the
        // page's own prefix.
        let id_prefix = format!(
            "{}-",
            print_view::print_anchor(site.position(request.entry).unwrap_or_default())
        );
        let variant = markdown::Variant {
            links: &print_links,
            heading_offset: print_view::PRINT_HEADING_OFFSET,
            id_prefix: &id_prefix,
        };
        let (rendered, print) =
            self.markdown_with_variant(site, request, Some(&variant), diagnostics);
        (rendered, print.unwrap_or_default())
    }

    fn markdown_with_variant(
        &self,
        site: &Site,
        request: MarkdownRequest,
        variant: Option<&markdown::Variant>,
        diagnostics: &mut Diagnostics,
    ) -> (Rendered, Option<markdown::VariantHtml>) {
        let links = PageLinks {
            site,
            entry: request.entry,
            lang: request.lang,
            output_path: request.output_path,
        };
        let marks = self.marks(request.lang);
        let context = RenderContext {
            links: &links,
            marks,
            heading_offset: request.heading_offset,
            id_prefix: request.id_prefix,
        };
        let (rendered, variant_html, problems) =
            markdown::render_with_variant(request.markdown, &context, variant);
        for problem in problems {
            let offset = if request.markdown_is_slice {
                request.offset + problem.range.start
            } else {
                request.offset
            };
            let mut diagnostic =
                Diagnostic::error(request.path, problem.message).at_offset(request.source, offset);
            if let Some(hint) = problem.hint {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
        }
        (rendered, variant_html)
    }

    /// Renders every page of the site in every language into memory.
    pub fn render_site(&self, site: &Site) -> Result<RenderedSite, Diagnostics> {
        let mut rendered = RenderedSite::default();
        pages::render_all(self, site, &mut |files, docs| {
            rendered.files.extend(files);
            rendered.search_docs.extend(docs);
            Ok(())
        })?;
        Ok(rendered)
    }

    /// Renders every page of the site in every language, handing the files and their search
    /// documents to `sink` a batch at a time as they are made.
    pub fn render_site_into(
        &self,
        site: &Site,
        sink: &mut pages::BatchSink,
    ) -> Result<(), Diagnostics> {
        pages::render_all(self, site, sink)
    }

    /// Renders some pages again, for `serve`'s incremental rebuilds.
    pub fn render_selection(
        &self,
        site: &Site,
        selection: &pages::Selection,
    ) -> Result<RenderedSite, Diagnostics> {
        pages::render_selection(self, site, selection)
    }
}

/// `{{ title | keep_terms(lang=lang) }}`: a title, name or label escaped, with the handbook's
/// own Thai terms kept whole (see `TextMarks`), as the Markdown pass keeps them in bodies. Its output is HTML for element content (quotes are
/// not escaped: never use it inside an attribute), so Tera does not escape it again.
struct KeepTerms(Arc<BTreeMap<String, TextMarks>>);

impl tera::Filter for KeepTerms {
    fn filter(
        &self,
        value: &tera::Value,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("keep_terms: the value is not text"))?;
        let lang = args.get("lang").and_then(tera::Value::as_str).unwrap_or("");
        let marks = self.0.get(lang).unwrap_or(&NO_MARKS);
        Ok(tera::Value::String(marks.keep_terms(text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Tera's escaping without `/`: text and quoted attribute values need only `&`, `<`, `>` and
/// the quotes escaped, and every relative link written as `..&#x2F;..&#x2F;th&#x2F;` cost
/// about 2 KB a page.
///
/// It reads bytes (the five are ASCII, never inside another character) and copies the text
/// between them a stretch at a time: pushing a character at a time was 1% of a build.
fn escape_html(input: &str) -> String {
    let mut output = String::with_capacity(input.len() + input.len() / 8);
    let mut stretch = 0;
    for (at, byte) in input.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        output.push_str(&input[stretch..at]);
        output.push_str(escaped);
        stretch = at + 1;
    }
    output.push_str(&input[stretch..]);
    output
}

static NO_MARKS: once_cell::sync::Lazy<TextMarks> = once_cell::sync::Lazy::new(TextMarks::none);

/// Where a piece of Markdown comes from and where it is shown.
pub struct MarkdownRequest<'a> {
    pub entry: Entry,
    pub lang: &'a str,
    pub output_path: &'a str,
    pub markdown: &'a str,
    pub heading_offset: u8,
    pub path: &'a Path,
    pub source: &'a str,
    pub offset: usize,
    pub markdown_is_slice: bool,
    /// Before every heading id; empty unless several bodies share one document.
    pub id_prefix: &'a str,
}

fn template_error(error: &tera::Error) -> Diagnostic {
    use std::error::Error;
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    Diagnostic::error(theme::THEME_DIR, format!("template error: {message}")).with_hint(
        "check the theme's templates (a handbook's themes/default/ overrides the built-in files)",
    )
}

#[cfg(test)]
mod tests {
    /// The escaping templates get: each of the five characters as its entity, everything else
    /// as it is, Thai included.
    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_the_rest() {
        let pieces = [
            "&",
            "<",
            ">",
            "\"",
            "'",
            "a",
            "/",
            "ผู้เสียหาย",
            " ",
            "é",
            "&amp;",
        ];
        let mut random = crate::test_random::random_below(0x5851_F42D_4C95_7F2D);
        for _ in 0..2_000 {
            let text: String = (0..random(9))
                .map(|_| pieces[random(pieces.len())])
                .collect();
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#x27;".to_string(),
                    other => other.to_string(),
                })
                .collect();
            assert_eq!(super::escape_html(&text), expected, "{text:?}");
        }
    }
}
