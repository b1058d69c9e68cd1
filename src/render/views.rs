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

#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// False when that language shows the default-language text.
    pub translated: bool,
}

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
    pub strings: &'a BTreeMap<String, String>,
    pub nav: Vec<NavItem>,
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
    pub layout: String,
    pub glossary: Vec<TermView>,
    pub directory: Option<DirectoryView>,
}

/// A link to a step, with the role that leads it: who a step hands over to, or receives from.
#[derive(Debug, Serialize)]
pub struct StepLink {
    pub title: String,
    pub href: String,
    pub lead: RoleLink,
}

#[derive(Debug, Serialize)]
pub struct BranchView {
    pub condition: String,
    pub target: StepLink,
}

#[derive(Debug, Serialize)]
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
}

#[derive(Debug, Serialize)]
pub struct ProcedureView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub id: String,
    pub summary: String,
    pub diagram: String,
    pub steps: Vec<StepView>,
    /// Names the page for guide mode's saved ticks; the same in every language.
    pub guide_page: String,
}

#[derive(Debug, Serialize)]
pub struct PrintEntry {
    pub anchor: String,
    pub title: String,
    pub depth: usize,
    pub chapter: bool,
    pub body: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Serialize)]
pub struct PrintView<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub entries: Vec<PrintEntry>,
}

impl PrintView<'_> {
    /// The view as the template context, each entry's body moved in rather than copied: the print
    /// view holds the whole handbook, and serde's copy of it was ~120 MB at 10,000 pages.
    pub fn into_value(self) -> Result<serde_json::Value, serde_json::Error> {
        let entries = self
            .entries
            .into_iter()
            .map(|mut entry| {
                let body = std::mem::take(&mut entry.body);
                let mut value = serde_json::to_value(&entry)?;
                value["body"] = serde_json::Value::String(body);
                Ok(value)
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        let mut value = serde_json::to_value(PrintView {
            common: self.common,
            entries: Vec::new(),
        })?;
        value["entries"] = serde_json::Value::Array(entries);
        Ok(value)
    }
}

#[derive(Debug, Serialize)]
pub struct ChooserView {
    pub site_title: String,
    pub languages: Vec<LanguageLink>,
    pub default_href: String,
    pub description: String,
}
