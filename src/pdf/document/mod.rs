//! One PDF document being written as Typst source: its settings, labels for links, diagrams, and the
//! pieces every kind of document shares (cover, pages' bodies, procedures).

use super::markup::{self, BodyContext, KeptTerms};

mod annex;
mod links;
mod sharing;
pub use sharing::ChapterModule;
pub(super) mod steps;
use crate::render::Renderer;
use crate::site::{Entry, Site};
use std::collections::{BTreeMap, BTreeSet};

/// Paper and type size of a document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A5,
}

/// Everything a document is made of, ready to typeset.
pub struct DocumentSource {
    /// Where it is written in the site, e.g. `th/pdf/handbook.pdf`.
    pub path: String,
    pub source: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// Typst modules beside the main source, (absolute path such as `/style.typ`, text): the
    /// style, the document's settings and links, and the chapters the document includes.
    pub modules: Vec<(String, String)>,
    /// The PDF's title, set on the laid-out document (not in the source, see `style.typ`).
    pub title: String,
    pub lang: String,
}

pub struct Document<'a> {
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub lang: &'a str,
    pub terms: &'a KeptTerms,
    pub paper: Paper,
    /// The way from this document to the edition's folder: "" for the whole handbook, "../" for
    /// the documents in its subfolders (chapters, roles, forms). Links to a form or a role's
    /// pocket guide are relative to it, so they work from the site and from a copied folder.
    pub to_edition: &'static str,
    pub out: String,
    files: Vec<(String, Vec<u8>)>,
    /// Label of each entry of the handbook, and of its headings and steps by anchor: the same
    /// in every document (a chapter's module is shared by the book and the chapter's PDF).
    entry_labels: BTreeMap<Entry, String>,
    anchor_labels: BTreeMap<(Entry, String), String>,
    /// The entries set in this document (or module); a link to another goes to `places`.
    scope: BTreeSet<Entry>,
    /// Where each entry set in another PDF is, relative to the edition's folder (e.g.
    /// `chapters/return.pdf`): links from a chapter's module to other chapters go there.
    pub places: BTreeMap<Entry, String>,
    /// `/meta.typ`, the document's settings, written by the preamble.
    meta: String,
    title: String,
    modules: Vec<(String, String)>,
    /// The depth of the contents, when the document has them.
    contents_depth: usize,
}

/// Where `contents` leaves room for what `reserve_contents_pages` writes once the headings are known.
const CONTENTS_RESERVE: &str = "// contents reserve\n";

impl<'a> Document<'a> {
    pub fn new(
        site: &'a Site,
        renderer: &'a Renderer,
        lang: &'a str,
        terms: &'a KeptTerms,
        paper: Paper,
    ) -> Self {
        Document {
            site,
            renderer,
            lang,
            terms,
            paper,
            to_edition: "../",
            out: String::with_capacity(64 * 1024),
            files: Vec::new(),
            entry_labels: BTreeMap::new(),
            anchor_labels: BTreeMap::new(),
            scope: BTreeSet::new(),
            places: BTreeMap::new(),
            meta: String::new(),
            title: String::new(),
            modules: Vec::new(),
            contents_depth: 0,
        }
    }

    pub fn string(&self, key: &str) -> String {
        self.renderer.string(self.lang, key)
    }

    fn default_lang(&self) -> &str {
        self.site.default_language()
    }

    /// Gives labels to the handbook's entries (`all`, in the book's order, so that they are the
    /// same in every document) and notes those this document sets (`scope`), so links work.
    pub fn claim(&mut self, all: &[Entry], scope: &[Entry]) {
        self.scope.extend(scope.iter().copied());
        for entry in all {
            let n = self.entry_labels.len();
            let label = format!("e{n}");
            {
                for (k, heading) in self
                    .site
                    .anchor_ids(*entry, self.lang)
                    .into_iter()
                    .enumerate()
                {
                    self.anchor_labels
                        .insert((*entry, heading), format!("{label}-h{k}"));
                }
            }
            if let Entry::Procedure(i) = entry {
                for (k, step) in self.site.procedures[*i].steps.iter().enumerate() {
                    self.anchor_labels
                        .insert((*entry, step.anchor()), format!("{label}-s{k}"));
                }
            }
            self.entry_labels.insert(*entry, label);
        }
    }

    /// The settings `style.typ` reads, then the style itself; the running header is the
    /// chapter's title and the footer the handbook's title and edition.
    pub fn preamble(&mut self, title: &str, running: bool) {
        let edition = self
            .site
            .config
            .version
            .as_deref()
            .map(|version| format!("{} {version}", self.string("edition")))
            .unwrap_or_default();
        let footer = format!(
            "{} · {}",
            self.site.config.title.get(self.lang, self.default_lang()),
            edition
        );
        let footer = self.terms.text(footer.trim_end_matches([' ', '·']));
        self.write_preamble(title, running, "none", &footer);
    }

    /// A form's preamble: its own header (code, title, CONFIDENTIAL) and footer (case code).
    pub fn form_preamble(&mut self, title: &str, header: &str, footer: &str) {
        self.write_preamble(title, false, &format!("[{header}]"), footer);
    }

    fn write_preamble(&mut self, title: &str, running: bool, header: &str, footer: &str) {
        self.title = title.to_string();
        let (paper_name, size, margin) = match self.paper {
            Paper::A4 => ("a4", "10.5pt", "(x: 2cm, top: 2.3cm, bottom: 2.2cm)"),
            Paper::A5 => ("a5", "9pt", "(x: 1.3cm, top: 1.5cm, bottom: 1.6cm)"),
        };
        self.meta = format!(
            "#import \"/marks.typ\": tick, ticked\n\
             #let meta = (lang: {lang}, paper: {paper_name:?}, size: {size}, \
             margin: {margin}, date: {date}, running: {running}, header: {header}, \
             footer: [{footer}], page-of: {page_of}, chapter-pages: {chapter_pages})\n",
            lang = markup::string(self.lang),
            date = edition_date(self.site.config.version.as_deref()),
            page_of = markup::string(&self.string("pdf_page_of")),
            // An A4 book starts each chapter on a new page; an A5 pocket guide runs its
            // procedures on, or a short one would leave most of a page blank before the next.
            chapter_pages = self.paper == Paper::A4,
        );
        self.out.push_str(
            "#import \"/meta.typ\": meta\n\
             #import \"/style.typ\": template, fact, tick, ticked, answer-lines\n\
             #import \"/links.typ\": edition, elsewhere\n\
             #show: template\n\n",
        );
    }

    /// A title page: the handbook's title, what this document is, the edition and language.
    pub fn cover(&mut self, kind: &str) {
        let config = &self.site.config;
        let title = self
            .terms
            .text(config.title.get(self.lang, self.default_lang()));
        let description = config
            .description
            .as_ref()
            .map(|d| self.terms.text(d.get(self.lang, self.default_lang())))
            .unwrap_or_default();
        let edition = config
            .version
            .as_deref()
            .map(|v| format!("{} {}", self.string("edition"), markup::escape(v)))
            .unwrap_or_default();
        let language = markup::escape(&self.renderer.language_name(self.lang));
        self.out.push_str(&format!(
            "#page(header: none, footer: none)[\n#v(18%)\n\
             #block(text(size: meta.size * 2.2, weight: \"bold\")[{title}])\n\
             #v(1em)\n#block(text(size: meta.size * 1.4)[{kind}])\n#v(1.5em)\n\
             #block(text(size: meta.size * 1.05)[{description}])\n#v(1fr)\n\
             #block[{edition} #h(1em) {language}]\n]\n\n",
            kind = self.terms.text(kind),
        ));
    }

    /// The contents with page numbers, down to headings of `depth` (1 or 2, on A4).
    pub fn contents(&mut self, depth: usize) {
        let title = markup::escape(&self.string("contents"));
        self.out.push_str(&format!(
            "#outline(title: [{title}], depth: {depth}, indent: 1.2em)\n{CONTENTS_RESERVE}\n\n"
        ));
        self.contents_depth = depth;
    }

    /// Typst's first layout pass knows no headings, so it sets the contents as one empty page;
    /// when the real contents take more, every later page moves in the second pass, and a third
    /// is needed to settle the page numbers (a whole layout of the book). In the first pass only,
    /// as many pages as the contents will probably take are kept free instead: a wrong estimate
    /// costs that third pass again, never a different document.
    fn reserve_contents_pages(&mut self) {
        let Some(at) = self.out.find(CONTENTS_RESERVE) else {
            return;
        };
        // An A4 contents page holds about 52 lines: chapters (with space above them) count
        // 1.5 lines, sections one, the title 3 (measured on the bundled handbook).
        let count =
            |pattern: &str| -> usize { self.texts().map(|t| t.matches(pattern).count()).sum() };
        let chapters = count("#heading(level: 1)[") as f64;
        let sections = if self.contents_depth >= 2 {
            count("#heading(level: 2)[") as f64
        } else {
            0.0
        };
        let pages = ((chapters * 1.5 + sections + 3.0) / 52.0).ceil().max(1.0) as usize;
        // The empty contents take one page; column breaks add the others inside the same page
        // run (page breaks would start new runs, which moves the locations of everything after
        // them and costs the pass again: the footers' page numbers are asked at them).
        let reserve = if pages > 1 {
            format!(
                "#context if query(heading).len() == 0 {{ for _ in range({}) {{ colbreak() }} }}",
                pages - 1
            )
        } else {
            String::new()
        };
        self.out
            .replace_range(at..at + CONTENTS_RESERVE.len(), &reserve);
    }

    /// A heading of this document, with the entry's label when it is an entry's own.
    pub fn heading(&mut self, level: usize, text: &str, label: Option<&str>) {
        // An A4 chapter starts a new page. The empty weak spacing after the break is the first
        // element of the chapter's page run: Typst keys the run's locations on it, so they are
        // the same in the book and in the chapter's PDF (a heading's own key is not unique).
        if level == 1 && self.paper == Paper::A4 {
            self.out
                .push_str("#pagebreak(weak: true)\n#v(0pt, weak: true)\n");
        }
        self.out.push_str(&format!(
            "#heading(level: {level})[{}]",
            self.terms.text(text)
        ));
        if let Some(label) = label {
            self.out.push_str(&format!(" <{label}>"));
        }
        self.out.push_str("\n\n");
    }

    pub fn entry_label(&self, entry: Entry) -> Option<String> {
        self.entry_labels.get(&entry).cloned()
    }

    /// A Markdown text of `entry` (its body, a summary) set with its own headings at `top_level`.
    pub fn markdown(&mut self, entry: Entry, markdown: &str, top_level: usize, with_labels: bool) {
        let heading_labels: Vec<Option<String>> = if with_labels {
            self.site
                .anchor_ids(entry, self.lang)
                .into_iter()
                .map(|h| self.anchor_labels.get(&(entry, h)).cloned())
                .collect()
        } else {
            Vec::new()
        };
        let link = |destination: &str| self.link(entry, destination);
        let context = BodyContext {
            terms: self.terms,
            top_level,
            heading_labels: &heading_labels,
            link: &link,
        };
        let mut out = String::new();
        markup::body_into(&mut out, markdown, &context);
        self.out.push_str(&out);
    }

    /// The body of a page, and the glossary or directory when the page is theirs.
    pub fn page(&mut self, entry: Entry, level: usize) {
        let Entry::Page(index) = entry else { return };
        let page = &self.site.pages[index];
        let Some(version) = page
            .versions
            .get(self.lang)
            .or_else(|| page.versions.get(self.default_lang()))
        else {
            return;
        };
        let label = self.entry_label(entry);
        self.heading(level, self.site.title(entry, self.lang), label.as_deref());
        self.markdown(entry, version.body(), level + 1, true);
        match version.front_matter.layout.as_ref() {
            Some(layout) if layout.get_ref() == "glossary" => annex::glossary(self, level + 1),
            Some(layout) if layout.get_ref() == "directory" => annex::directory(self, level + 1),
            _ => {}
        }
    }

    /// A procedure: summary, flow diagram (vector, kept whole on a page) and its steps.
    pub fn procedure(&mut self, entry: Entry, level: usize) {
        let Entry::Procedure(index) = entry else {
            return;
        };
        let site = self.site;
        let procedure = &site.procedures[index];
        let label = self.entry_label(entry);
        self.heading(level, site.title(entry, self.lang), label.as_deref());
        if let Some(summary) = &procedure.summary {
            let summary = summary.get(self.lang, self.default_lang()).to_string();
            self.markdown(entry, &summary, level + 1, false);
        }
        let svg = crate::render::procedure_page::procedure_paper_diagram(
            self.renderer,
            site,
            procedure,
            self.lang,
        );
        let key = label.clone().unwrap_or_else(|| format!("d{index}"));
        self.diagram(&svg, site.title(entry, self.lang), &key);
        self.out.push_str(&format!(
            "#heading(level: {}, outlined: false)[{}]\n\n",
            level + 1,
            markup::escape(&self.string("steps"))
        ));
        for step in &procedure.steps {
            steps::step(self, entry, step, level + 2);
        }
    }

    /// A diagram drawn by the site, embedded as vector art, scaled to the text width or to fit a page.
    pub fn diagram(&mut self, svg: &str, alt: &str, key: &str) {
        if svg.is_empty() {
            return;
        }
        let (width, height) = view_box(svg).unwrap_or((760.0, 500.0));
        let svg = svg.replacen("<svg ", "<svg font-family=\"Sarabun\" ", 1);
        // Named after the entry's label, so that a chapter module names its diagrams the same
        // in every document that includes it.
        let path = format!("/diagrams/{key}-{}.svg", self.files.len());
        self.files.push((path.clone(), svg.into_bytes()));
        // The text is 17 cm wide on A4 and 12.2 cm on A5; a picture taller than the page's
        // text area less room for a heading is scaled down to it, so it is never split or cut.
        let (text_width, max_height) = match self.paper {
            Paper::A4 => (170.0, 215.0),
            Paper::A5 => (122.0, 150.0),
        };
        let size = if height / width * text_width > max_height {
            format!("height: {max_height}mm")
        } else {
            "width: 100%".to_string()
        };
        self.out.push_str(&format!(
            "#block(breakable: false, width: 100%, height: auto)[#align(center, image({path:?}, {size}, alt: {alt}))]\n\n",
            alt = markup::string(alt),
        ));
    }
}

/// `typst` `datetime(...)` of the edition when the version is a date (YYYY-MM-DD), else none.
fn edition_date(version: Option<&str>) -> String {
    version
        .and_then(parse_date)
        .map_or("none".to_string(), |(y, m, d)| {
            format!("datetime(year: {y}, month: {m}, day: {d})")
        })
}

pub fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((year, month, day))
}

fn view_box(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let end = start + svg[start..].find('"')?;
    let numbers: Vec<f64> = svg[start..end]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}
