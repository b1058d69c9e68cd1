//! Estimating text width and wrapping lines for SVG, where the browser does not wrap text for us.
//! Thai is written without spaces between words, so lines break at the writer's own spaces first,
//! then between dictionary words (ICU4X), and only for a word longer than a line between grapheme
//! clusters, never inside one (a consonant with its vowel and tone marks).

use crate::line_breaks::{is_thai_leading_vowel, must_not_start_line, words};
use unicode_segmentation::UnicodeSegmentation;

/// Estimated advance of a piece of text, in pixels at `font_size`. Deliberately generous (the site's
/// font stack falls back to wider fonts than Sarabun on some systems), so that text stays inside its box.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.graphemes(true).map(grapheme_em).sum::<f64>() * font_size
}

/// Width of one grapheme cluster in em, judged by its first character: combining marks in the same
/// cluster take no room of their own.
fn grapheme_em(grapheme: &str) -> f64 {
    let Some(first) = grapheme.chars().next() else {
        return 0.0;
    };
    match first {
        ' ' | '\u{a0}' => 0.27,
        'i' | 'j' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.4,
        'm' | 'w' => 0.85,
        'M' | 'W' => 0.95,
        'a'..='z' => 0.52,
        'A'..='Z' => 0.66,
        '0'..='9' => 0.58,
        // Sarabun measures 0.53 per Thai cluster; fallback fonts run wider.
        '\u{0e00}'..='\u{0e7f}' => 0.58,
        c if c.is_ascii() => 0.5,
        // CJK, Hangul, full-width forms and the like.
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 1.0,
        '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ff60}' => 1.0,
        _ => 0.65,
    }
}

/// A word split into the smallest pieces a line may break between.
fn break_units(word: &str) -> Vec<&str> {
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut join_next = false;
    for (start, grapheme) in word.grapheme_indices(true) {
        let end = start + grapheme.len();
        let first = grapheme.chars().next().unwrap_or(' ');
        let last = grapheme.chars().last().unwrap_or(' ');
        match units.last_mut() {
            Some(unit) if join_next || must_not_start_line(first) => unit.1 = end,
            _ => units.push((start, end)),
        }
        join_next = is_thai_leading_vowel(last) || matches!(last, '(' | '[');
    }
    units
        .into_iter()
        .map(|(start, end)| &word[start..end])
        .collect()
}

/// A step number such as `10.` at the start of a title stays on the line of the title's first word.
fn is_list_number(token: &str) -> bool {
    token
        .strip_suffix('.')
        .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
}

/// Pieces of text between break opportunities that need no space: after a slash or a hyphen.
/// Each piece says whether a space came before it. A leading list number is glued to the piece
/// after it (the space between them is kept).
fn tokens(text: &str) -> Vec<(bool, &str)> {
    let mut tokens = plain_tokens(text);
    if tokens.len() > 1 && is_list_number(tokens[0].1) {
        let (number, first) = (tokens[0].1, tokens[1].1);
        // Both are slices of `text`: the glued piece runs from the number to the word's end.
        let start = number.as_ptr() as usize - text.as_ptr() as usize;
        let end = first.as_ptr() as usize - text.as_ptr() as usize + first.len();
        tokens.splice(0..2, [(true, &text[start..end])]);
    }
    tokens
}

fn plain_tokens(text: &str) -> Vec<(bool, &str)> {
    let mut tokens = Vec::new();
    for word in text.split_whitespace() {
        let mut rest = word;
        let mut first = true;
        while !rest.is_empty() {
            let cut = rest
                .char_indices()
                .find(|(index, c)| (*c == '/' || *c == '-') && *index > 0)
                .map_or(rest.len(), |(index, c)| index + c.len_utf8());
            tokens.push((first, &rest[..cut]));
            rest = &rest[cut..];
            first = false;
        }
    }
    tokens
}

/// Wraps `text` into lines no wider than `max_width` pixels at `font_size` (as estimated). A single
/// unbreakable piece wider than the line is kept whole on its own line.
///
/// Lines are balanced: of the widths that need no more lines and no more breaks inside words than
/// the plain greedy fill, the narrowest is used, so a Thai title does not end in a lone letter.
pub fn wrap(text: &str, max_width: f64, font_size: f64, keep_whole: &[String]) -> Vec<String> {
    let greedy = fill(text, max_width, font_size, keep_whole);
    if greedy.lines.len() < 2 {
        return greedy.lines;
    }
    let acceptable = |filled: &Filled| {
        filled.lines.len() <= greedy.lines.len()
            && filled.inside_words <= greedy.inside_words
            && filled.between_words <= greedy.between_words
    };
    let (mut narrow, mut wide) = (0.0, max_width);
    let mut best = greedy.lines.clone();
    for _ in 0..14 {
        let middle = (narrow + wide) / 2.0;
        let filled = fill(text, middle, font_size, keep_whole);
        if acceptable(&filled) {
            wide = middle;
            best = filled.lines;
        } else {
            narrow = middle;
        }
    }
    best
}

/// A word cut into pieces that fit, where it has to be: a kept term longer than a line (a long
/// organisation name in a lane header) is cut at its own dictionary words, not letter by letter,
/// keeping the shorter terms inside it whole, and so on down while a piece still does not fit
/// (สถานคุ้มครองสวัสดิภาพผู้เสียหายจากการค้ามนุษย์ keeps ผู้เสียหาย whole). Each piece says
/// whether a break before it would cut a word.
fn cut<'w>(
    word: &'w str,
    cuts_word: bool,
    keep_whole: &[String],
    fits: &dyn Fn(&str) -> bool,
    pieces: &mut Vec<(&'w str, bool)>,
) {
    if fits(word) || keep_whole.is_empty() {
        pieces.push((word, cuts_word));
        return;
    }
    let shorter: Vec<String> = keep_whole
        .iter()
        .filter(|term| term.len() < word.len())
        .cloned()
        .collect();
    let parts = words(word, &shorter);
    if parts.len() < 2 {
        pieces.push((word, cuts_word));
        return;
    }
    for (n, part) in parts.into_iter().enumerate() {
        cut(part, cuts_word || n > 0, &shorter, fits, pieces);
    }
}

struct Filled {
    lines: Vec<String>,
    /// Line breaks between grapheme clusters of one word (rather than at a space, slash or hyphen).
    inside_words: usize,
    /// Line breaks between two words written together (Thai), rather than at a writer's space.
    between_words: usize,
}

/// Greedy line filling: as many pieces on each line as fit.
fn fill(text: &str, max_width: f64, font_size: f64, keep_whole: &[String]) -> Filled {
    let mut lines: Vec<String> = Vec::new();
    let mut inside_words = 0;
    let mut between_words = 0;
    let mut line = String::new();
    let fits = |candidate: &str| text_width(candidate, font_size) <= max_width;
    for (spaced, token) in tokens(text) {
        let joined = if line.is_empty() {
            token.to_string()
        } else if spaced {
            format!("{line} {token}")
        } else {
            format!("{line}{token}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() && fits(token) {
            lines.push(std::mem::take(&mut line));
            line = token.to_string();
            continue;
        }
        // The token does not fit on a line of its own: fill the current line word by word (Thai
        // has its words written together), and a word longer than a line unit by unit.
        if spaced && !line.is_empty() {
            line.push(' ');
        }
        let mut pieces: Vec<(&str, bool)> = Vec::new();
        for word in words(token, keep_whole) {
            cut(word, false, keep_whole, &fits, &mut pieces);
        }
        for (word, inside_a_term) in pieces {
            let candidate = format!("{line}{word}");
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.trim().is_empty() && fits(word) {
                if inside_a_term {
                    inside_words += 1;
                } else if !line.ends_with(' ') {
                    between_words += 1;
                }
                lines.push(line.trim_end().to_string());
                line = word.to_string();
                continue;
            }
            let mut first_unit = true;
            for unit in break_units(word) {
                let candidate = format!("{line}{unit}");
                if fits(&candidate) || line.trim().is_empty() {
                    line = candidate;
                } else {
                    if !first_unit {
                        inside_words += 1;
                    }
                    lines.push(line.trim_end().to_string());
                    line = unit.to_string();
                }
                first_unit = false;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Filled {
        lines,
        inside_words,
        between_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_breaks_at_spaces() {
        let lines = wrap(
            "Receive the referral and open a case file",
            120.0,
            13.0,
            &[],
        );
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "Receive the referral and open a case file");
        for line in &lines {
            assert!(text_width(line, 13.0) <= 120.0, "{line}");
        }
    }

    #[test]
    fn thai_without_spaces_breaks_between_clusters_only() {
        let text = "ทีมสหวิชาชีพคัดแยกผู้เสียหายตามกลไกการส่งต่อระดับชาติ";
        let lines = wrap(text, 90.0, 12.0, &[]);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for line in &lines {
            // No line starts with a combining mark or a following vowel, none ends with a leading vowel.
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(!('\u{0e31}'..='\u{0e3a}').contains(&first), "{line}");
            assert!(!('\u{0e47}'..='\u{0e4e}').contains(&first), "{line}");
            assert!(!must_not_start_line(first), "{line}");
            assert!(!is_thai_leading_vowel(last), "{line}");
        }
    }

    #[test]
    fn thai_breaks_between_dictionary_words_before_inside_one() {
        // ผู้เสียหาย|กลับ|ถึง|ประเทศไทย: a line never ends in the middle of one of these words.
        let text = "ผู้เสียหายกลับถึงประเทศไทย";
        let lines = wrap(text, 75.0, 12.0, &[]);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text);
        let words = words(text, &[]);
        assert!(words.len() >= 3, "{words:?}");
        let mut ends = Vec::new();
        let mut at = 0;
        for word in &words {
            at += word.len();
            ends.push(at);
        }
        let mut end = 0;
        for line in &lines[..lines.len() - 1] {
            end += line.len();
            assert!(
                ends.contains(&end),
                "{lines:?} breaks inside a word of {words:?}"
            );
        }
    }

    #[test]
    fn the_handbooks_own_terms_are_never_cut() {
        let keep = ["ผู้เสียหาย".to_string()];
        let text = "ติดตามผู้เสียหายกลับบ้าน";
        // Wide enough for the term itself (a term longer than a line still has to break).
        for width in [55.0, 70.0, 90.0, 110.0] {
            let lines = wrap(text, width, 12.0, &keep);
            assert_eq!(lines.concat(), text);
            assert!(
                lines.iter().any(|line| line.contains("ผู้เสียหาย")),
                "{width}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_kept_term_longer_than_a_line_breaks_at_its_own_words() {
        let name = "ทีมสหวิชาชีพคัดแยกผู้เสียหายตามกลไกการส่งต่อระดับชาติ";
        let kept = wrap(name, 110.0, 12.0, &[name.to_string()]);
        let plain = wrap(name, 110.0, 12.0, &[]);
        assert_eq!(kept, plain);
        // A shorter term inside it is still kept whole.
        let inner = wrap(
            name,
            110.0,
            12.0,
            &[name.to_string(), "ผู้เสียหาย".to_string()],
        );
        assert_eq!(inner.concat(), name);
        assert!(
            inner.iter().any(|line| line.contains("ผู้เสียหาย")),
            "{inner:?}"
        );
    }

    #[test]
    fn a_term_inside_a_term_inside_a_long_name_stays_whole() {
        let name = "สถานคุ้มครองสวัสดิภาพผู้เสียหายจากการค้ามนุษย์";
        let keep = [
            name.to_string(),
            "ผู้เสียหายจากการค้ามนุษย์".to_string(),
            "ผู้เสียหาย".to_string(),
        ];
        // Narrower than the inner term, wider than ผู้เสียหาย.
        for width in [60.0, 75.0, 90.0] {
            let lines = wrap(name, width, 12.0, &keep);
            assert_eq!(lines.concat(), name);
            assert!(
                lines.iter().any(|line| line.contains("ผู้เสียหาย")),
                "{width}: {lines:?}"
            );
        }
    }

    #[test]
    fn thai_prefers_the_writers_spaces() {
        let lines = wrap("รับแจ้ง คัดกรองเบื้องต้น", 110.0, 13.0, &[]);
        assert_eq!(lines, vec!["รับแจ้ง", "คัดกรองเบื้องต้น"]);
    }

    #[test]
    fn slashes_are_break_opportunities() {
        let lines = wrap("สถานเอกอัครราชทูต/สถานกงสุลใหญ่", 130.0, 12.0, &[]);
        assert_eq!(lines, vec!["สถานเอกอัครราชทูต/", "สถานกงสุลใหญ่"]);
    }

    #[test]
    fn thai_lines_are_balanced_without_a_lone_letter_at_the_end() {
        let text = "7. ค่าใช้จ่ายในการเดินทาง";
        let greedy = fill(text, 88.0, 14.0, &[]).lines;
        let balanced = wrap(text, 88.0, 14.0, &[]);
        assert_eq!(balanced.len(), greedy.len());
        assert_eq!(balanced.concat(), greedy.concat());
        let shortest = |lines: &[String]| {
            lines
                .iter()
                .map(|l| text_width(l, 14.0))
                .fold(f64::MAX, f64::min)
        };
        assert!(
            shortest(&balanced) >= shortest(&greedy),
            "{greedy:?} -> {balanced:?}"
        );
        assert!(
            balanced.iter().all(|line| line.graphemes(true).count() > 2),
            "{balanced:?}"
        );
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap("  ", 100.0, 12.0, &[]).is_empty());
    }

    #[test]
    fn a_tiny_width_still_makes_progress() {
        let lines = wrap("ab", 1.0, 12.0, &[]);
        assert_eq!(lines, vec!["a", "b"]);
    }

    #[test]
    fn a_step_number_stays_with_the_first_word_of_its_title() {
        let lines = wrap("10. ที่พักชั่วคราว", 60.0, 14.0, &[]);
        assert!(lines[0].starts_with("10. ที่"), "{lines:?}");
        let lines = wrap("10. Temporary shelter", 100.0, 14.0, &[]);
        assert_eq!(lines[0], "10. Temporary", "{lines:?}");
    }

    #[test]
    fn a_term_that_starts_inside_a_word_does_not_stop_the_run_breaking() {
        // การส่งกลับ is a kept term, but here การ ends the word แผนการ: the line must still break
        // between words (แผนการ|ส่งกลับ), never inside ส่ง.
        let keep = ["การส่งกลับ".to_string()];
        let text = "และแผนการส่งกลับอย่างปลอดภัย";
        let lines = wrap(text, 88.0, 14.0, &keep);
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(!line.ends_with("ส่"), "{lines:?}");
        }
    }

    #[test]
    fn compounds_the_dictionary_splits_stay_whole() {
        for (text, compound) in [
            ("สัมภาษณ์คัดกรองเบื้องต้น", "คัดกรอง"),
            ("กลไกการส่งต่อระดับชาติ", "ส่งต่อ"),
            ("ค่าใช้จ่ายในการเดินทาง", "ค่าใช้จ่าย"),
        ] {
            for width in [70.0, 90.0, 110.0] {
                let lines = wrap(text, width, 14.0, &[]);
                assert!(
                    lines.iter().any(|l| l.contains(compound)),
                    "{width}: {lines:?}"
                );
            }
        }
    }
}
