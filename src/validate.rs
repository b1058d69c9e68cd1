//! Checks every reference across the handbook before rendering (roles, forms, layouts, the home
//! page), and gives the warnings that do not stop a build.

use crate::content::front_matter::LAYOUTS;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::site::{Site, HOME_ID};
use std::collections::BTreeSet;

/// Every reference between parts of the handbook that rendering relies on. A reference to a
/// file in `unreadable` (whose own errors are reported) is not reported again.
pub fn references(site: &Site, unreadable: &BTreeSet<String>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    if site.entry(HOME_ID).is_none() {
        diagnostics.push(
            Diagnostic::error("content/_index.md", "the handbook has no home page")
                .with_hint("create content/_index.md with a title in its front matter"),
        );
    }
    for page in &site.pages {
        for version in page.versions.values() {
            let front_matter = &version.front_matter;
            for role in &front_matter.roles {
                if let Some(problem) = site.config.check_role(
                    role.get_ref(),
                    &version.path,
                    &version.source,
                    offset_in_file(version, role.span().start),
                ) {
                    diagnostics.push(problem);
                }
            }
            if let Some(layout) = &front_matter.layout {
                if !LAYOUTS.contains(&layout.get_ref().as_str()) {
                    let mut problem = Diagnostic::error(
                        &version.path,
                        format!("unknown layout \"{}\"", layout.get_ref()),
                    )
                    .at_offset(
                        &version.source,
                        offset_in_file(version, layout.span().start),
                    );
                    problem = problem.with_hint(
                        did_you_mean(layout.get_ref(), LAYOUTS)
                            .unwrap_or_else(|| format!("layouts: {}", LAYOUTS.join(", "))),
                    );
                    diagnostics.push(problem);
                }
            }
        }
    }
    for procedure in &site.procedures {
        for step in &procedure.steps {
            for form in &step.forms {
                if !site.forms.iter().any(|f| f.id == form.id) && !unreadable.contains(&form.id) {
                    let hint = did_you_mean(&form.id, site.forms.iter().map(|f| f.id.as_str()))
                        .unwrap_or_else(|| {
                            format!(
                                "forms are files forms/<id>.toml; there is no forms/{}.toml",
                                form.id
                            )
                        });
                    diagnostics.push(
                        Diagnostic::error(&procedure.path, format!("unknown form \"{}\"", form.id))
                            .at_offset(&procedure.source, form.offset)
                            .with_hint(hint),
                    );
                }
            }
        }
    }
    // Form roles and signing parties are checked when forms are loaded, with their positions.
    diagnostics
}

/// Front-matter spans are relative to the TOML text; make them relative to the file.
fn offset_in_file(version: &crate::content::PageVersion, toml_offset: usize) -> usize {
    // The TOML starts after the first line (`+++\n`), plus a BOM if there is one.
    let bom = if version.source.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    bom + version.source[bom..].find('\n').map_or(0, |i| i + 1) + toml_offset
}

/// Problems that do not stop a build: missing translations.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for page in &site.pages {
        let Some(original) = page.versions.get(site.default_language()) else {
            continue;
        };
        for lang in site.languages().iter().skip(1) {
            if !page.versions.contains_key(lang) {
                diagnostics.push(
                    Diagnostic::warning(&original.path, format!("no {lang} translation"))
                        .with_hint(format!("add {}", translation_path(&page.id, lang))),
                );
            }
        }
    }
    diagnostics
}

fn translation_path(id: &str, lang: &str) -> String {
    format!("content/{}.{lang}.md", id.trim_end_matches(".md"))
}
