//! `handbook check`: a link whose text names its page, procedure, form or role by another title
//! than the target's own in that language ("แบบคัดกรอง" for the form titled "แบบคัดแยก...").
//!
//! A link text may shorten the title: it passes when each of its words (Thai cut as search cuts
//! it, English stemmed) is a word of the title, of the form's code, or a word any link may add
//! ("the", "form").

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::{named_target, Named};
use crate::localised::Localised;
use crate::search::normalise::normalise;
use crate::search::thai::is_thai;
use crate::search::tokenise::Tokeniser;
use crate::site::Site;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::Path;

/// Words any link text may add to a title (English as the tokeniser stems them).
const ANY_LINK_MAY_SAY: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "for",
    "in",
    "on",
    "to",
    "และ",
    "หรือ",
    "ของ",
];
const A_FORM_LINK_MAY_SAY: &[&str] = &["form", "แบบฟอร์ม", "ฟอร์ม"];
const A_ROLE_LINK_MAY_SAY: &[&str] = &["role", "guid", "คู่มือ", "ตาม", "บทบาท"];
const A_PAGE_LINK_MAY_SAY: &[&str] = &["page", "หน้า"];

/// A link in Markdown: where it starts (bytes), its destination and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    at: usize,
    destination: String,
    text: String,
}

/// The links of a Markdown text that have text of their own (not autolinks).
fn links_in(markdown: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut open: Option<Link> = None;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::Autolink | LinkType::Email) => {
                open = Some(Link {
                    at: range.start,
                    destination: dest_url.to_string(),
                    text: String::new(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(link) = open.as_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(link) = open.as_mut() {
                    link.text.push(' ');
                }
            }
            Event::End(TagEnd::Link) => links.extend(open.take()),
            _ => {}
        }
    }
    links
}

/// What a link points at and the names it goes by.
struct Titles {
    what: String,
    here: Vec<String>,
    elsewhere: Vec<String>,
    may_say: &'static [&'static str],
}

struct Checker<'a> {
    site: &'a Site,
    tokeniser: Tokeniser,
    diagnostics: Diagnostics,
}

impl Checker<'_> {
    fn words(&self, text: &str) -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        self.tokeniser.terms(&normalise(text), &mut |term| {
            words.insert(term.into_owned());
        });
        words
    }

    /// What the link names, its titles in `lang` (the first is the title) and in the other
    /// languages, and the words a link to it may add.
    fn titles(&self, named: &Named, lang: &str) -> Option<Titles> {
        let localised = |texts: &[Option<&Localised>]| -> (Vec<String>, Vec<String>) {
            let default_lang = self.site.default_language();
            let mut here = Vec::new();
            let mut elsewhere = Vec::new();
            for text in texts.iter().flatten() {
                here.push(text.get(lang, default_lang).to_string());
                elsewhere.extend(text.texts().into_iter().map(str::to_string));
            }
            (here, elsewhere)
        };
        match named {
            Named::Entry(id) => {
                let entry = self.site.entry(id)?;
                let here = vec![self.site.title(entry, lang).to_string()];
                let elsewhere = self
                    .site
                    .languages()
                    .iter()
                    .map(|other| self.site.title(entry, other).to_string())
                    .collect();
                Some(Titles {
                    what: format!("\"{id}\""),
                    here,
                    elsewhere,
                    may_say: A_PAGE_LINK_MAY_SAY,
                })
            }
            Named::Form(id) => {
                let form = self.site.forms.iter().find(|form| &form.id == id)?;
                let (mut here, elsewhere) = localised(&[Some(&form.title)]);
                here.extend(form.code.clone());
                Some(Titles {
                    what: format!("the form \"{id}\""),
                    here,
                    elsewhere,
                    may_say: A_FORM_LINK_MAY_SAY,
                })
            }
            Named::Role(id) => {
                let role = self.site.config.role(id)?;
                let (here, elsewhere) = localised(&[Some(&role.name), role.agency.as_ref()]);
                Some(Titles {
                    what: format!("the role \"{id}\""),
                    here,
                    elsewhere,
                    may_say: A_ROLE_LINK_MAY_SAY,
                })
            }
        }
    }

    /// Whether `text` calls its target by its title or words of it: each word of it is a word
    /// of a title in this language (Thai: written in one, however search cuts the two), a
    /// word of another language's title written in another script than Thai (an abbreviation
    /// such as NRM in Thai text), or a word any such link may add.
    fn names_by_title(&self, text: &str, titles: &Titles) -> bool {
        let here: BTreeSet<String> = titles.here.iter().flat_map(|t| self.words(t)).collect();
        let elsewhere: BTreeSet<String> = titles
            .elsewhere
            .iter()
            .flat_map(|t| self.words(t))
            .collect();
        let written: Vec<String> = titles
            .here
            .iter()
            .map(|title| normalise(title).split_whitespace().collect())
            .collect();
        self.words(text).iter().all(|word| {
            let thai = word.chars().any(is_thai);
            here.contains(word)
                || ANY_LINK_MAY_SAY.contains(&word.as_str())
                || titles.may_say.contains(&word.as_str())
                || (thai && written.iter().any(|title| title.contains(word.as_str())))
                || (!thai && elsewhere.contains(word))
        })
    }

    /// Checks the links of `markdown`, written in `lang` in the file `from` (a source id under
    /// `content/`, or a form's path); `place` turns an offset in `markdown` into one in `source`.
    fn check(
        &mut self,
        from: &str,
        lang: &str,
        markdown: &str,
        (path, source): (&Path, &str),
        place: &dyn Fn(usize) -> usize,
    ) {
        for link in links_in(markdown) {
            let Some(named) = named_target(from, &link.destination, self.site.languages()) else {
                continue;
            };
            let Some(titles) = self.titles(&named, lang) else {
                continue;
            };
            if self.names_by_title(&link.text, &titles) {
                continue;
            }
            let text = link.text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "the link text \"{text}\" is not the title of {} in {lang}",
                        titles.what
                    ),
                )
                .at_offset(source, place(link.at))
                .with_hint(format!(
                    "its title is \"{}\": write it, or words of it, so readers know the name they will find",
                    titles.here[0]
                )),
            );
        }
    }

    /// Checks the Markdown strings of a TOML file, each where it is written in the file.
    fn check_localised(&mut self, from: &str, path: &Path, source: &str, texts: &[&Localised]) {
        for text in texts {
            for lang in self.site.languages() {
                if !text.has(lang) {
                    continue;
                }
                let markdown = text.get(lang, lang);
                let Some(at) = source.find(markdown).filter(|_| !markdown.is_empty()) else {
                    continue;
                };
                self.check(from, lang, markdown, (path, source), &|offset| at + offset);
            }
        }
    }
}

/// Every link in the handbook's pages, procedures and forms whose text calls its target by
/// another name.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut checker = Checker {
        site,
        tokeniser: Tokeniser::new(&site.own_words()),
        diagnostics: Diagnostics::default(),
    };
    for page in &site.pages {
        for (lang, version) in &page.versions {
            let start = version.body_start;
            let file = (version.path.as_path(), version.source.as_str());
            checker.check(&page.id, lang, version.body(), file, &|offset| {
                start + offset
            });
        }
    }
    for procedure in &site.procedures {
        let bodies: Vec<&Localised> = procedure
            .steps
            .iter()
            .filter_map(|step| step.body.as_ref())
            .collect();
        checker.check_localised(&procedure.id, &procedure.path, &procedure.source, &bodies);
    }
    for form in &site.forms {
        let mut texts: Vec<&Localised> = form.purpose.iter().collect();
        for section in &form.sections {
            texts.extend(section.intro.iter().map(|(intro, _)| intro));
        }
        checker.check_localised("", &form.path, &form.source, &texts);
    }
    checker.diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_with_their_text_and_autolinks_are_not() {
        let links =
            links_in("See [the *screening* form](@form/screening) or <https://example.org>.");
        assert_eq!(
            links,
            [Link {
                at: 4,
                destination: "@form/screening".into(),
                text: "the screening form".into()
            }]
        );
    }
}
