//! Navigation for one page: where its sidebar is (the list itself is written once per branch, see
//! sidebar.rs), breadcrumbs, previous/next and the language switcher.

use super::sidebar::sidebar_view;
use super::views::{Common, LanguageLink, Link, StaleTranslation};
use super::Renderer;
use crate::markdown::Heading;
use crate::site::{relative_href, Entry, Site};
use crate::urls;

/// Where a page sits: which entry it shows (if any) and its output path.
pub struct Place<'a> {
    pub lang: &'a str,
    pub output_path: &'a str,
    pub entry: Option<Entry>,
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    /// The same page in another language: output path per language code.
    pub other_language_path: &'a dyn Fn(&str) -> String,
    pub translated: &'a dyn Fn(&str) -> bool,
    pub toc: Vec<Heading>,
}

pub fn common<'r>(renderer: &'r Renderer, site: &Site, place: &Place) -> Common<'r> {
    let lang = place.lang;
    let default_lang = site.default_language();
    let href = |to: &str| relative_href(place.output_path, to);
    let link = |entry: Entry| Link {
        title: site.title(entry, lang).to_string(),
        href: href(&site.url(entry, lang)),
    };
    let ancestors = place
        .entry
        .map(|entry| site.ancestors(entry))
        .unwrap_or_default();

    let breadcrumbs = place
        .entry
        .map(|_| ancestors.iter().map(|entry| link(*entry)).collect())
        .unwrap_or_default();
    let (previous, next) = match place.entry.and_then(|entry| site.position(entry)) {
        Some(index) => (
            index.checked_sub(1).map(|i| link(site.reading_order()[i])),
            site.reading_order()
                .get(index + 1)
                .map(|entry| link(*entry)),
        ),
        None => (None, None),
    };
    let languages = site
        .languages()
        .iter()
        .map(|code| LanguageLink {
            code: code.clone(),
            name: renderer.language_name(code),
            href: href(&(place.other_language_path)(code)),
            current: code == lang,
            translated: (place.translated)(code),
        })
        .collect();
    let missing_translation = !(place.translated)(lang);
    let home_entry = site.tree().entry;
    Common {
        lang: lang.to_string(),
        content_lang: if missing_translation {
            default_lang.to_string()
        } else {
            lang.to_string()
        },
        missing_translation,
        site_title: site.config.title.get(lang, default_lang).to_string(),
        page_title: place.title.clone(),
        description: if place.description.is_empty() {
            site.config
                .description
                .as_ref()
                .map(|d| d.get(lang, default_lang).to_string())
                .unwrap_or_default()
        } else {
            place.description.clone()
        },
        root: "../".repeat(place.output_path.matches('/').count()),
        strings: renderer.template_strings(lang),
        sidebar: sidebar_view(site, place.entry, lang, &href),
        search_strings_href: href(&urls::search_strings(lang)),
        home: link(home_entry),
        languages,
        breadcrumbs,
        previous,
        next,
        toc: place
            .toc
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .cloned()
            .collect(),
        roles_href: href(&urls::roles_index(lang)),
        forms_href: href(&urls::forms_index(lang)),
        print_href: href(&urls::print(lang)),
        search_href: href(&urls::search(lang)),
        kind: place.kind,
        version: site.config.version.clone().unwrap_or_default(),
        edition_date: site
            .config
            .edition
            .date
            .clone()
            .filter(|date| Some(date) != site.config.version.as_ref())
            .unwrap_or_default(),
        changes_href: if site.edition.changes.is_some() {
            href(&crate::urls::changes(lang))
        } else {
            String::new()
        },
        stale_translation: stale_translation(renderer, site, place, &href),
        pdf_root: if site.config.pdf.as_ref().is_some_and(|pdf| pdf.enabled) {
            href(&format!("{}/", pdf_dir(lang)))
        } else {
            String::new()
        },
        pdf_book: site
            .config
            .pdf
            .as_ref()
            .filter(|pdf| pdf.makes_book(site.reading_order().len()))
            .map(|_| href(&format!("{}/handbook.pdf", pdf_dir(lang))))
            .unwrap_or_default(),
        pdf_chapter: place
            .entry
            .and_then(|entry| {
                // The top-level chapter the page is in (or is).
                let top = ancestors.get(1).copied().unwrap_or(entry);
                pdf_chapter_path(site, top, lang)
            })
            .filter(|_| site.config.pdf.as_ref().is_some_and(|pdf| pdf.enabled))
            .map(|path| href(&path))
            .unwrap_or_default(),
    }
}

/// Where a language's PDF edition goes in the site (see src/pdf/).
pub fn pdf_dir(lang: &str) -> String {
    format!("{lang}/pdf")
}

/// A top-level chapter's PDF, named by its folder; None for other entries.
pub fn pdf_chapter_path(site: &Site, chapter: Entry, lang: &str) -> Option<String> {
    let Entry::Page(index) = chapter else {
        return None;
    };
    let page = &site.pages[index];
    let top_level = site.parent(chapter) == Some(site.tree().entry);
    if !page.is_chapter_index() || page.dir().is_empty() || !top_level {
        return None;
    }
    Some(format!("{}/chapters/{}.pdf", pdf_dir(lang), page.dir()))
}

/// The notice of a translation older than its original, when the page shows one.
fn stale_translation(
    renderer: &Renderer,
    site: &Site,
    place: &Place,
    href: &dyn Fn(&str) -> String,
) -> Option<StaleTranslation> {
    let Some(entry @ Entry::Page(index)) = place.entry else {
        return None;
    };
    let original_lang = site.default_language();
    let key = (site.pages[index].id.clone(), place.lang.to_string());
    let date = site.edition.stale.get(&key)?;
    Some(StaleTranslation {
        date: date.clone(),
        original_href: href(&site.url(entry, original_lang)),
        original_lang: original_lang.to_string(),
        // The original's language named in the reader's: "Thai", not "ไทย".
        original_language: renderer.language_in(place.lang, original_lang),
    })
}
