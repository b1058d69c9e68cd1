//! Plain data the templates see. Templates never reach into the model; the model can change freely.

use crate::markdown::Heading;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
    /// The current page is this item or below it.
    pub open: bool,
    pub has_children: bool,
    pub children: Vec<NavItem>,
}

/// What a page's template needs of its sidebar: the script to load (from the page), and, for
/// readers without JavaScript, the page that lists the branch (none when it is the page itself,
/// which lists its own children, or the home page, which the sidebar always links to).
#[derive(Debug, Clone, Serialize)]
pub struct SidebarView {
    pub script: String,
    pub contents: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// False when that language shows the default-language text.
    pub translated: bool,
}

/// What a template is rendered with (`Renderer::template`): a view of plain data.
pub trait View: Serialize {
    /// The language and interface strings of a view that holds a [`Common`], which the renderer
    /// adds to the context as `strings` from a template value made once per language: serialised
    /// with every page's view, some 200 strings were 2.7% of a build's instructions.
    fn interface_strings(&self) -> Option<(&str, &BTreeMap<String, String>)> {
        None
    }
}

/// [`View`] for views holding a [`Common`] as `common`.
macro_rules! view_with_common {
    ($($view:ident),* $(,)?) => {
        $(impl $crate::render::views::View for $view<'_> {
            fn interface_strings(
                &self,
            ) -> Option<(&str, &std::collections::BTreeMap<String, String>)> {
                Some((&self.common.lang, self.common.strings))
            }
        })*
    };
}
pub(crate) use view_with_common;

view_with_common!(
    PageView,
    ProcedureView,
    PrintView,
    FormPageView,
    FormsPrintView
);

/// The plain JSON views of generated files (`pack`'s start-here page).
impl View for serde_json::Value {}

/// What every page of the site carries: language, navigation, interface strings.
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    pub lang: String,
    /// The language of the text shown (the default language where a translation is missing).
    pub content_lang: String,
    pub missing_translation: bool,
    pub site_title: String,
    pub page_title: String,
    pub description: String,
    /// Prefix from this page to the site root: `""`, `"../"`, `"../../"`.
    pub root: String,
    /// The interface strings the templates read as `strings`. Not serialised with the view:
    /// the renderer adds them to the context from its copy of them as a template value, made
    /// once per language ([`View::interface_strings`]).
    #[serde(skip)]
    pub strings: &'a BTreeMap<String, String>,
    /// The sidebar's script (its list is written once per branch) and, for readers without
    /// JavaScript, the page that lists the branch.
    pub sidebar: SidebarView,
    /// The search box's words (`search-strings.js`), from this page.
    pub search_strings_href: String,
    pub home: Link,
    pub languages: Vec<LanguageLink>,
    pub breadcrumbs: Vec<Link>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    pub toc: Vec<Heading>,
    /// Links in the header: roles, forms, print, search.
    pub roles_href: String,
    pub forms_href: String,
    pub print_href: String,
    pub search_href: String,
    /// Page kind, for the body class: page, chapter, procedure, role, roles, form, forms, print, search.
    pub kind: &'static str,
    pub version: String,
    /// The PDF edition: the language's PDF folder from this page (`../pdf/`), empty when the
    /// handbook makes no PDFs; and this page's chapter PDF, empty when there is none.
    pub pdf_root: String,
    /// The whole-handbook PDF's address, empty when it is not made (no `[pdf]`, or above its
    /// `max_book_entries`).
    pub pdf_book: String,
    pub pdf_chapter: String,
    /// The edition's date, when it is not the `version` itself.
    pub edition_date: String,
    /// The page "What changed in this edition"; empty when there is no previous edition.
    pub changes_href: String,
    /// On a translation older than its original: when the original changed, and where it is.
    pub stale_translation: Option<StaleTranslation>,
}

/// A translation older than its original (from git), told to readers in their language.
#[derive(Debug, Clone, Serialize)]
pub struct StaleTranslation {
    /// The day the original last changed.
    pub date: String,
    pub original_href: String,
    pub original_lang: String,
    pub original_language: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleLink {
    pub id: String,
    pub title: String,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct TermView {
    pub id: String,
    pub term: String,
    pub abbr: String,
    pub other_term: String,
    pub definition: String,
}

#[derive(Debug, Serialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub abbr: String,
    pub level: String,
    pub level_label: String,
    pub kind: String,
    pub kind_label: String,
    pub services: Vec<FilterOption>,
    pub description: String,
    pub contact: String,
}

#[derive(Debug, Serialize)]
pub struct DirectoryView {
    pub levels: Vec<FilterOption>,
    pub types: Vec<FilterOption>,
    pub services: Vec<FilterOption>,
    pub organisations: Vec<OrganisationView>,
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub body: String,
    pub roles: Vec<RoleLink>,
    pub children: Vec<Link>,
    /// A chapter's own print edition: the print view showing only this chapter.
    pub print_chapter_href: Option<String>,
    pub layout: String,
    pub glossary: Vec<TermView>,
    pub directory: Option<DirectoryView>,
    /// The home page's "start with your role": every role, by level.
    pub role_chooser: Vec<ChooserGroup>,
}

/// A link to a step, with the role that leads it: who a step hands over to, or receives from.
#[derive(Debug, Clone, Serialize)]
pub struct StepLink {
    pub title: String,
    pub href: String,
    pub lead: RoleLink,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchView {
    pub condition: String,
    pub target: StepLink,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub id: String,
    pub anchor: String,
    pub number: usize,
    pub title: String,
    pub lead: RoleLink,
    pub support: Vec<RoleLink>,
    pub duration: String,
    pub body: String,
    pub checklist: Vec<String>,
    pub forms: Vec<Link>,
    pub next: Vec<StepLink>,
    pub branches: Vec<BranchView>,
    pub from: Vec<StepLink>,
    /// Set on role pages: the procedure the step belongs to.
    pub procedure: Option<Link>,
    /// Names the step across pages for guide mode's saved ticks: `return/process.toml#intake`.
    pub guide_key: String,
    /// On a role's guide: "lead" or "support"; empty elsewhere.
    pub part: &'static str,
    /// What changed in this step since the previous edition, in words; empty when nothing did.
    pub changes: Vec<String>,
    /// "Changed in edition 2026-11-28:", before `changes`.
    pub changes_heading: String,
    /// The step's entry on the page "What changed in this edition".
    pub changes_href: String,
}

#[derive(Debug, Serialize)]
pub struct ProcedureView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub id: String,
    pub summary: String,
    pub diagram: String,
    /// The diagram is wider than tall: it prints on a landscape page.
    pub diagram_wide: bool,
    pub steps: Vec<StepView>,
    /// Names the page for guide mode's saved ticks; the same in every language.
    pub guide_page: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintEntry {
    pub anchor: String,
    pub title: String,
    pub depth: usize,
    pub chapter: bool,
    /// A page's body is stored in its language's search documents `doc`.. (`docs` of them),
    /// which print.js puts in the entry; none for a procedure.
    pub doc: usize,
    pub docs: usize,
    /// The bytes of the body's HTML (whether the whole book fits in `print.html`).
    #[serde(skip)]
    pub bytes: usize,
    /// A procedure's summary and flow diagram (SVG); empty for a page.
    pub summary: String,
    pub diagram: String,
    pub diagram_wide: bool,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Serialize)]
pub struct PrintView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Names the document's printed pages in `print-pages.css` (its title in their margins).
    pub print_page: String,
    pub entries: Vec<PrintEntry>,
    /// The chunk files of stored search documents (`search/<lang>/docs-<n>.js`) holding the
    /// entries' bodies, which the document loads.
    pub chunks: Vec<usize>,
    /// Documents per chunk file (`search::shard::DOCS_PER_CHUNK`): print.js finds a document's
    /// chunk by division.
    pub docs_per_chunk: usize,
    /// In one chapter's print document, the chapter's title.
    pub chapter_title: Option<String>,
    /// The print documents of the chapters (in `print.html` only).
    pub chapters: Vec<Link>,
    /// `print.html` lists `chapters` instead of holding every page.
    pub whole_too_large: bool,
}

#[derive(Debug, Serialize)]
pub struct ChooserView {
    pub site_title: String,
    pub languages: Vec<LanguageLink>,
    pub default_href: String,
    pub description: String,
}

impl View for ChooserView {}

/// An annex form as the templates see it: the on-screen form and its paper form are one markup.
#[derive(Debug, Serialize)]
pub struct FormView {
    pub id: String,
    pub code: String,
    pub title: String,
    /// Markdown rendered to HTML.
    pub purpose: String,
    /// The purpose's first paragraph as plain text, for descriptions and the search index.
    pub summary: String,
    /// The purpose's first sentence: the short purpose under a form's title.
    pub lead: String,
    pub version: String,
    /// Safe for a file name: the code (or the id), never anything typed into the form.
    pub file_stem: String,
    pub used_by: Vec<Link>,
    pub sections: Vec<FormSectionView>,
    /// Interface strings forms.js needs (messages, button texts), as JSON.
    pub messages: String,
}

#[derive(Debug, Serialize)]
pub struct FormSectionView {
    pub number: usize,
    pub anchor: String,
    pub title: String,
    pub intro: String,
    pub condition: Option<ConditionView>,
    pub fields: Vec<FieldView>,
    /// Short enough to be kept on one printed page (a longer part would leave a blank page).
    pub keep_together: bool,
}

/// A `show_if`: the tree forms.js evaluates, and the same condition in words for paper.
#[derive(Debug, Serialize)]
pub struct ConditionView {
    pub json: String,
    pub words: String,
}

#[derive(Debug, Default, Serialize)]
pub struct FieldView {
    pub id: String,
    /// The element id of the input (or of the group): `f-<id>`.
    pub dom_id: String,
    /// "2.3"; empty for notes.
    pub number: String,
    pub kind: &'static str,
    /// `type` of the `<input>` for one-line fields.
    pub input_type: &'static str,
    pub label: String,
    pub help: String,
    pub guidance: String,
    pub required: bool,
    pub identifying: bool,
    pub sensitive: bool,
    /// Whether this field shows the sensitive-data notice: the first of a run of sensitive
    /// fields does, the others point to it (`described_by`).
    pub sensitive_notice: bool,
    pub condition: Option<ConditionView>,
    /// Ids of help, consent notice and condition, for `aria-describedby`.
    pub described_by: String,
    /// Width on screen and paper: xs, s, m, l or full.
    pub size: &'static str,
    pub max_length: Option<u32>,
    pub pattern: String,
    pub pattern_message: String,
    pub min: String,
    pub max: String,
    pub step: String,
    /// JSON list of the field ids a computed total adds up; empty when typed.
    pub total_of: String,
    pub lines: u32,
    pub options: Vec<ChoiceView>,
    pub other: bool,
    pub columns: Vec<FieldView>,
    /// Empty ruled rows on paper.
    pub paper_rows: Vec<usize>,
    pub has_total: bool,
    /// For a table column: summed in the table's total row.
    pub in_total: bool,
    pub note: String,
    pub parties: Vec<PartyView>,
}

#[derive(Debug, Serialize)]
pub struct ChoiceView {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct PartyView {
    pub index: usize,
    pub label: String,
    pub role: String,
}

#[derive(Debug, Serialize)]
pub struct FormPageView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub form: FormView,
    /// The same form's paper page-box CSS for this language (`paper.css` next to the page).
    pub paper_css: String,
}

/// Every blank form of one language, one after another, for trainers to print.
#[derive(Debug, Serialize)]
pub struct FormsPrintView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub forms: Vec<FormView>,
    pub paper_css: String,
}

/// One level of the home page's role chooser: every role at that level.
#[derive(Debug, Serialize)]
pub struct ChooserGroup {
    pub level: String,
    pub label: String,
    pub roles: Vec<RoleLink>,
}
