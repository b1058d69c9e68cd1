//! Plain text derived from an annex form for its pages: question numbers (stable, with letters for
//! questions asked only sometimes), and the purpose as one paragraph or one sentence.

use crate::form::{FieldKind, Form};
use std::collections::BTreeMap;

/// The first paragraph of a Markdown text as one line of plain text (emphasis marks dropped).
pub fn summary(markdown: &str) -> String {
    markdown
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|p| !p.is_empty())
        .unwrap_or_default()
        .replace("**", "")
        .replace('`', "")
}

/// The first sentence of a one-paragraph summary, for the forms index's one line per form and the
/// short purpose under a form's title: up to the first full stop, question mark or colon. Thai
/// uses no full stops (a dot there ends an abbreviation, as in พมจ.) and marks sentences with a
/// space: up to a colon not too far in, else up to the first space after a few words (never
/// before an abbreviation, which belongs with the words around it).
pub fn first_sentence(text: &str) -> String {
    let thai = text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
    let marks: &[&str] = if thai { &[": "] } else { &[". ", "? ", ": "] };
    let mut end = text.len();
    for mark in marks {
        // A full stop after an abbreviation (B.E., e.g., Mr.) does not end the sentence.
        let ends = |at: &usize| {
            let word = text[..*at].rsplit(' ').next().unwrap_or_default();
            *mark != ". "
                || !(word.contains('.')
                    || word.ends_with(|c: char| c.is_uppercase())
                    || word == "Mr"
                    || word == "Ms")
        };
        if let Some(at) = text.match_indices(mark).map(|(at, _)| at).find(ends) {
            end = end.min(at + if *mark == ": " { 0 } else { 1 });
        }
    }
    if thai && text[..end].chars().count() > 120 {
        let mut at = 0;
        let pieces: Vec<&str> = text.split(' ').collect();
        for (index, piece) in pieces.iter().enumerate() {
            at += piece.len();
            let next_is_abbreviation = pieces.get(index + 1).is_some_and(|next| next.contains('.'));
            if text[..at].chars().count() >= 30 && !next_is_abbreviation {
                end = end.min(at);
                break;
            }
            at += 1;
        }
    }
    text[..end].trim().to_string()
}

/// "2.3" for the third question of part 2; notes are not questions and get no number.
///
/// A question asked only sometimes (`show_if`) takes the number of the question before it and a
/// letter: 1.7, 1.7a, 1.8. Numbers stay the same whatever is shown, on screen and on paper (where
/// every question is printed and conditions cite them), and hiding a conditional question never
/// leaves a hole in the sequence a reader sees (1.7 is followed by 1.8, not 1.9). A conditional
/// question first in its part has no question to lean on and takes a plain number.
pub fn question_numbers(form: &Form) -> BTreeMap<&str, String> {
    let mut numbers = BTreeMap::new();
    for (index, section) in form.sections.iter().enumerate() {
        let mut question = 0;
        let mut letter = 0;
        for field in &section.fields {
            if matches!(field.kind, FieldKind::Note { .. }) {
                continue;
            }
            if field.show_if.is_some() && question > 0 {
                letter += 1;
                numbers.insert(
                    field.id.as_str(),
                    format!("{}.{question}{}", index + 1, letter_suffix(letter)),
                );
            } else {
                question += 1;
                letter = 0;
                numbers.insert(field.id.as_str(), format!("{}.{question}", index + 1));
            }
        }
    }
    numbers
}

/// a, b, ... z, then aa, ab: the letters of the conditional questions after one question.
fn letter_suffix(n: usize) -> String {
    let mut n = n;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_z_with_two_letters() {
        assert_eq!(letter_suffix(1), "a");
        assert_eq!(letter_suffix(26), "z");
        assert_eq!(letter_suffix(27), "aa");
    }

    #[test]
    fn the_first_sentence_ends_at_a_stop_or_a_thai_space() {
        assert_eq!(
            first_sentence("Records a visit. Then more."),
            "Records a visit."
        );
        assert_eq!(
            first_sentence("Records each visit: progress"),
            "Records each visit"
        );
        assert_eq!(
            first_sentence("Under the Act B.E. 2562 (2019), e.g. here. More."),
            "Under the Act B.E. 2562 (2019), e.g. here."
        );
        let long =
            "ใช้บันทึกการติดตามผลแต่ละครั้งของผู้จัดการรายกรณี ความก้าวหน้า".to_string() + &" ต่อ".repeat(40);
        assert_eq!(
            first_sentence(&long),
            "ใช้บันทึกการติดตามผลแต่ละครั้งของผู้จัดการรายกรณี"
        );
        assert_eq!(
            first_sentence("ใช้ลงทะเบียนกรณีเมื่อ พมจ. รับเรื่อง: กำหนดรหัสกรณี"),
            "ใช้ลงทะเบียนกรณีเมื่อ พมจ. รับเรื่อง"
        );
    }

    #[test]
    fn summary_is_the_first_paragraph_in_plain_text() {
        assert_eq!(summary("\na **b**\nc\n\nd\n"), "a b c");
    }
}
