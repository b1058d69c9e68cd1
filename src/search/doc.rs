//! What the search index is built from: one document per page section, step, form, role or
//! glossary entry, and the handbook's own words. Rendering makes these; search reads only them.

use crate::site::Site;

/// A document for the search index: one heading section of a page, a step, a form or a role.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SearchDoc {
    pub lang: String,
    /// Relative to the site root, with `#anchor` where it points into a page.
    pub url: String,
    /// Page title, and the heading of the section when it is not the page's start.
    pub title: String,
    pub heading: String,
    pub text: String,
    /// How much the words of `text` count, against 1 for a section that says something itself:
    /// [`LINKS_ONLY_WEIGHT`] for a list of links, whose words are other pages' titles.
    pub text_weight: f32,
    /// page, step, form or role.
    pub kind: &'static str,
    /// Role ids the document concerns, for the role filter.
    pub roles: Vec<String>,
    /// A page section's part of the page's print body, stored in place of `text`, which is
    /// taken from it (`body_text::body_text`); the print document shows it. `None` for the
    /// other documents, whose text is stored as it is.
    #[serde(skip)]
    pub html: Option<String>,
}

/// The weight of the words of a section that is a list of links ("Related pages"): a search for
/// a page's title finds that page before the lists that link to it.
pub const LINKS_ONLY_WEIGHT: f32 = 0.25;

/// The handbook's own words, as the index uses them.
#[derive(Debug, Clone, Default)]
pub struct OwnWords {
    /// Glossary terms and abbreviations, role and organisation names, in any language: matched
    /// before the general Thai segmenter, so they are never cut.
    pub dictionary: Vec<String>,
    /// Words readers type that the handbook writes otherwise, as (language, word, the handbook's
    /// word): a document with the handbook's word is also indexed under the reader's.
    pub synonyms: Vec<(String, String, String)>,
}

/// The handbook's own words for the search index: its vocabulary, the glossary's synonyms,
/// and each form code also as readers type it: without punctuation (F07 for F-07) and
/// without the zeros before its number (F-7, F7).
pub fn search_words(site: &Site) -> OwnWords {
    let mut synonyms: Vec<(String, String, String)> = site
        .glossary
        .synonyms
        .iter()
        .map(|synonym| {
            let (lang, word) = (synonym.lang.get_ref(), synonym.word.get_ref());
            (lang.clone(), word.clone(), synonym.means.clone())
        })
        .collect();
    for form in &site.forms {
        let Some(code) = &form.code else { continue };
        let unpadded = without_leading_zeros(code);
        let mut typed: Vec<String> = [code, &unpadded]
            .iter()
            .map(|code| code.chars().filter(|c| c.is_alphanumeric()).collect())
            .collect();
        typed.push(unpadded);
        typed.sort();
        typed.dedup();
        for word in typed {
            if !word.is_empty() && &word != code {
                for lang in site.languages() {
                    synonyms.push((lang.clone(), word.clone(), code.clone()));
                }
            }
        }
    }
    OwnWords {
        dictionary: site.own_words(),
        synonyms,
    }
}

/// `code` with the zeros dropped from the start of each number in it ("F-07" is "F-7").
fn without_leading_zeros(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    let mut in_number = false;
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        if c == '0' && !in_number && next_is_digit {
            continue;
        }
        in_number = c.is_ascii_digit();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_codes_lose_the_zeros_before_their_numbers() {
        assert_eq!(without_leading_zeros("F-07"), "F-7");
        assert_eq!(without_leading_zeros("F-10"), "F-10");
        assert_eq!(without_leading_zeros("F-007"), "F-7");
        assert_eq!(without_leading_zeros("F-0"), "F-0");
        assert_eq!(without_leading_zeros("A-01-02"), "A-1-2");
    }
}
