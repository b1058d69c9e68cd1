//! Heading ids and sort keys that respect Thai: letters, vowels and tone marks are kept as written.

use unicode_normalization::UnicodeNormalization;

/// `## Protecting personal data` -> `protecting-personal-data`; `## การคุ้มครองข้อมูล` -> `การคุ้มครองข้อมูล`.
/// Lowercase, whitespace to hyphens, punctuation dropped, hyphens collapsed.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut push = |c: char| {
        // The cheap range test first: `is_alphanumeric` is a table search for every Thai letter.
        if is_kept_mark(c) || c.is_alphanumeric() || c == '_' {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-') && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    };
    for c in composed(text) {
        // `to_lowercase` searches a table for every character outside ASCII; ASCII lowercases
        // by itself and the Thai block has no case (every heading's id: 1% of a build).
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
            push(c);
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The characters of `text` in NFC. Composing is slow and almost never needed (typed text is
/// already NFC): check first.
fn composed(text: &str) -> Box<dyn Iterator<Item = char> + '_> {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => Box::new(text.chars()),
        _ => Box::new(text.nfc()),
    }
}

/// `char::is_alphanumeric` is false for combining vowel and tone marks (Unicode category M), which
/// carry meaning in Thai and its neighbours: dropping them turns `คู่มือ` into `คมอ`.
/// std has no general-category lookup, so keep the marks of the scripts this tool serves
/// (Thai, Lao, Khmer, Myanmar) and the generic combining diacritics; their punctuation is dropped.
fn is_kept_mark(c: char) -> bool {
    const THAI_PUNCTUATION: [char; 5] =
        ['\u{0E2F}', '\u{0E46}', '\u{0E4F}', '\u{0E5A}', '\u{0E5B}'];
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0E00}'..='\u{0E7F}'
        | '\u{0E80}'..='\u{0EFF}'
        | '\u{1000}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}')
        && !THAI_PUNCTUATION.contains(&c)
}

/// Makes ids unique within one page: the second `overview` becomes `overview-1`.
#[derive(Default)]
pub struct UniqueIds {
    used: std::collections::HashSet<String>,
}

impl UniqueIds {
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut candidate = base.to_string();
        let mut n = 1;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// A key that sorts Thai titles the way a Thai dictionary does: a leading vowel (เ แ โ ใ ไ) is
/// written before its consonant but sorts after it, so `เด็ก` sorts under `ด`.
pub fn sort_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    // `serve` sorts every title again after a title edit: composing them was most of that.
    let mut chars = composed(title).flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        if ('\u{0E40}'..='\u{0E44}').contains(&c) {
            if let Some(consonant) = chars.next() {
                key.push(consonant);
            }
        }
        key.push(c);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_heading_follows_the_usual_convention() {
        assert_eq!(
            slugify("Protecting personal data"),
            "protecting-personal-data"
        );
        assert_eq!(
            slugify("Step 1: Intake & referral (FAQ)"),
            "step-1-intake-referral-faq"
        );
    }

    #[test]
    fn thai_heading_keeps_vowels_and_tone_marks() {
        assert_eq!(slugify("คู่มือการคืนสู่สังคม"), "คู่มือการคืนสู่สังคม");
        assert_eq!(slugify("การคุ้มครองข้อมูล ส่วนบุคคล"), "การคุ้มครองข้อมูล-ส่วนบุคคล");
    }

    #[test]
    fn decomposed_text_gets_the_same_id_as_composed_text() {
        assert_eq!(slugify("Cafe\u{301} notes"), slugify("Caf\u{e9} notes"));
        assert_eq!(slugify("Cafe\u{301} notes"), "caf\u{e9}-notes");
    }

    #[test]
    fn ids_are_lowercased_as_character_by_character() {
        let by_characters = |text: &str| -> String {
            let mut slug = String::new();
            for c in composed(text).flat_map(char::to_lowercase) {
                if is_kept_mark(c) || c.is_alphanumeric() || c == '_' {
                    slug.push(c);
                } else if (c.is_whitespace() || c == '-')
                    && !slug.is_empty()
                    && !slug.ends_with('-')
                {
                    slug.push('-');
                }
            }
            slug.trim_end_matches('-').to_string()
        };
        let pieces = [
            "A",
            "z",
            " ",
            "-",
            "ผู้",
            "ไทย",
            "İ",
            "Σ",
            "É",
            "e\u{301}",
            "ພ",
            "_",
            "(",
            "1",
        ];
        let mut random = crate::test_random::random_below(0x2545_F491);
        for _ in 0..2_000 {
            let text: String = (0..random(8))
                .map(|_| pieces[random(pieces.len())])
                .collect();
            assert_eq!(slugify(&text), by_characters(&text), "{text:?}");
        }
    }

    #[test]
    fn mixed_thai_and_english() {
        assert_eq!(slugify("ทีมสหวิชาชีพ (MDT)"), "ทีมสหวิชาชีพ-mdt");
    }

    #[test]
    fn repeated_ids_get_numbered_suffixes() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("overview"), "overview");
        assert_eq!(ids.unique("overview"), "overview-1");
        assert_eq!(ids.unique("overview"), "overview-2");
        assert_eq!(ids.unique(""), "section");
    }

    #[test]
    fn thai_leading_vowels_sort_after_their_consonant() {
        let mut titles = vec!["เด็ก", "ดนตรี", "กฎหมาย"];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(titles, vec!["กฎหมาย", "ดนตรี", "เด็ก"]);
    }

    #[test]
    fn titles_sort_the_same_composed_or_not() {
        // "É" typed as E and a combining acute accent.
        assert_eq!(sort_key("E\u{301}tude"), sort_key("\u{c9}tude"));
        assert_eq!(sort_key("\u{c9}tude"), "\u{e9}tude");
        assert_eq!(sort_key("เด็ก"), "ดเ็ก");
    }
}
