//! `handbook check`: every validation of a build without writing anything, plus warnings that help
//! editors and translators (missing or stale translations, unused forms, idle roles, images without
//! alt text, skipped heading levels, empty chapters, very long pages).

use crate::config::CONFIG_FILE;
use crate::content::PageVersion;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::edition::history;
use crate::site::{Entry, Site, HOME_ID};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::Path;

/// A page body longer than this many characters gets a warning: about ten printed pages of Thai,
/// more than a reader takes in at once on a screen.
pub const LONG_PAGE_CHARACTERS: usize = 20_000;

/// What `check` found: errors (the build would fail) and warnings, in one list.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
}

impl CheckReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.error_count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.warning_count()
    }

    /// Whether the handbook passes: no errors, and with `strict`, no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        self.error_count() == 0 && (!strict || self.warning_count() == 0)
    }
}

/// Checks the handbook at `root` as `build` would, without writing, and adds the warnings.
pub fn check(root: &Path, include_drafts: bool) -> CheckReport {
    let built = match crate::render(root, include_drafts) {
        Ok(built) => built,
        Err(diagnostics) => return CheckReport { diagnostics },
    };
    let site = &built.site;
    let mut diagnostics = built.warnings;
    diagnostics.extend(stale_translations(site));
    diagnostics.extend(unused_forms(site));
    diagnostics.extend(idle_roles(site));
    diagnostics.extend(empty_chapters(site));
    diagnostics.extend(crate::terminology::warnings(site));
    diagnostics.extend(crate::link_titles::warnings(site));
    for page in &site.pages {
        for version in page.versions.values() {
            diagnostics.extend(page_body_warnings(version));
        }
    }
    CheckReport { diagnostics }
}

/// Translations whose default-language original has a newer commit: the translator has work to do.
/// Quietly nothing when the handbook is not in a git repository or git is not installed.
fn stale_translations(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let Some(committed) = history::last_commits(&site.config.root) else {
        return diagnostics;
    };
    let default_lang = site.default_language();
    for stale in history::stale_translations(&site.pages, default_lang, &committed) {
        let (Some(original), Some(translation)) = (
            stale.page.versions.get(default_lang),
            stale.page.versions.get(stale.lang),
        ) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::warning(
                &translation.path,
                format!(
                    "the {} translation may be out of date: {} changed on {}, this file last on {}",
                    stale.lang,
                    original.path.display(),
                    history::date_time(stale.original.time),
                    history::date_time(stale.translation.time)
                ),
            )
            .with_hint(format!(
                "see what changed since: git diff {} -- {}",
                stale.translation.hash,
                original.path.display()
            )),
        );
    }
    diagnostics
}

fn unused_forms(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for form in &site.forms {
        let used = site.procedures.iter().any(|procedure| {
            procedure
                .steps
                .iter()
                .any(|step| step.forms.iter().any(|used| used.id == form.id))
        });
        if !used {
            diagnostics.push(
                Diagnostic::warning(
                    &form.path,
                    format!("no procedure step uses the form \"{}\"", form.id),
                )
                .with_hint(format!(
                    "add it to a step: forms = [\"{}\"], or remove the file if it is obsolete",
                    form.id
                )),
            );
        }
    }
    diagnostics
}

/// Roles declared in handbook.toml that nothing uses: no step names them as lead or support, and
/// no page lists them in its `roles`. (A role that only supports steps still has a guide.)
fn idle_roles(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let source = std::fs::read_to_string(site.config.root.join(CONFIG_FILE)).unwrap_or_default();
    for role in &site.config.roles {
        let in_a_step = site.procedures.iter().any(|procedure| {
            procedure
                .steps
                .iter()
                .any(|step| step.roles().any(|id| id == role.id))
        });
        let on_a_page = site.pages.iter().any(|page| {
            page.versions.values().any(|version| {
                version
                    .front_matter
                    .roles
                    .iter()
                    .any(|id| id.get_ref() == &role.id)
            })
        });
        if in_a_step || on_a_page {
            continue;
        }
        let mut warning = Diagnostic::warning(
            CONFIG_FILE,
            format!(
                "the role \"{}\" takes part in no step and no page is written for it",
                role.id
            ),
        )
        .with_hint(
            "name it as lead or support of its steps, or in the roles of its pages; or remove it",
        );
        if let Some(offset) = source.find(&format!("\"{}\"", role.id)) {
            warning = warning.at_offset(&source, offset);
        }
        diagnostics.push(warning);
    }
    diagnostics
}

/// Chapters (folders with an `_index.md`) that hold no page or procedure.
fn empty_chapters(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for (index, page) in site.pages.iter().enumerate() {
        if !page.is_chapter_index() || page.id == HOME_ID {
            continue;
        }
        let empty = site
            .node(Entry::Page(index))
            .is_some_and(|node| node.children.is_empty());
        let Some(original) = page.versions.get(site.default_language()) else {
            continue;
        };
        if empty {
            diagnostics.push(
                Diagnostic::warning(&original.path, "this chapter has no pages").with_hint(
                    format!(
                        "add pages to content/{}/, or make it a page of its own",
                        page.dir()
                    ),
                ),
            );
        }
    }
    diagnostics
}

/// Warnings read from a page's Markdown: images without alt text, headings that skip a level,
/// and length.
fn page_body_warnings(version: &PageVersion) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let body = version.body();
    let at = |offset: usize| version.body_start + offset;
    // The page title is the h1, so the body's headings start at h2.
    let mut previous_level = 1;
    let mut image: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as usize;
                if level > previous_level + 1 {
                    diagnostics.push(
                        Diagnostic::warning(
                            &version.path,
                            format!("heading level skips from h{previous_level} to h{level}"),
                        )
                        .at_offset(&version.source, at(range.start))
                        .with_hint(format!(
                            "use {} here: screen readers and the contents list rely on the outline",
                            "#".repeat(previous_level + 1)
                        )),
                    );
                }
                previous_level = level;
            }
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        diagnostics.push(missing_alt(version, at(start)));
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (offset, _) in html.match_indices("<img") {
                    let tag = html[offset..].split('>').next().unwrap_or_default();
                    if !tag.contains("alt=") {
                        diagnostics.push(missing_alt(version, at(range.start + offset)));
                    }
                }
            }
            _ => {}
        }
    }
    let length = body.chars().count();
    if length > LONG_PAGE_CHARACTERS {
        diagnostics.push(
            Diagnostic::warning(
                &version.path,
                format!("very long page: {length} characters (more than {LONG_PAGE_CHARACTERS})"),
            )
            .with_hint("split it into several pages in a chapter folder"),
        );
    }
    diagnostics
}

fn missing_alt(version: &PageVersion, offset: usize) -> Diagnostic {
    Diagnostic::warning(&version.path, "image without alt text")
        .at_offset(&version.source, offset)
        .with_hint("describe the image for readers who cannot see it: ![what it shows](file.png)")
}

#[cfg(test)]
mod tests {
    use super::history::{date, date_time, parse_git_log};
    use std::path::Path;

    #[test]
    fn dates_from_unix_times() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_795_000_000), "2026-11-18");
        assert_eq!(date(951_782_400), "2000-02-29");
    }

    #[test]
    fn git_log_keeps_each_file_s_newest_commit() {
        let log = "@300 c3\n\ncontent/a.md\n@200 c2\n\ncontent/a.md\ncontent/b.en.md\n";
        let commits = parse_git_log(log);
        assert_eq!(commits[Path::new("content/a.md")].time, 300);
        assert_eq!(commits[Path::new("content/a.md")].hash, "c3");
        assert_eq!(commits[Path::new("content/b.en.md")].hash, "c2");
        assert_eq!(date_time(1_795_000_000), "2026-11-18 11:06 UTC");
    }
}
