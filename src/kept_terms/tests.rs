//! Tests of where kept terms are found: the ASCII path against the whole automaton, the Thai fast path against ICU.

use super::*;

/// An ASCII text is searched for the ASCII patterns alone: the pieces are those the whole
/// automaton finds.
#[test]
fn an_ascii_text_is_cut_as_by_every_pattern() {
    let abbreviations = vec![
        ("MDT".to_string(), "Multidisciplinary team".to_string()),
        ("NRM".to_string(), "National Referral Mechanism".to_string()),
        ("พมจ.".to_string(), "สำนักงานพัฒนาสังคมฯ".to_string()),
        ("MD".to_string(), "Doctor".to_string()),
    ];
    let terms = vec!["ผู้เสียหาย".to_string(), "การค้ามนุษย์".to_string()];
    let finder = TermFinder::new(abbreviations, &terms);
    let thai_only = TermFinder::new(Vec::new(), &terms);
    let pieces = ["MDT", "NRM", "MD", " ", "s", "A", "(", ".", "NRMs", "x"];
    let mut random = crate::test_random::random_below(0x9E37_79B9_7F4A_7C15);
    let mut marked = 0;
    for _ in 0..2_000 {
        let text: String = (0..1 + random(10))
            .map(|_| pieces[random(pieces.len())])
            .collect();
        for abbreviations in [false, true] {
            let fast = finder.segments(&text, abbreviations);
            let whole = finder.segments_by(&text, abbreviations, finder.matcher.as_ref(), None);
            assert_eq!(fast, whole, "{text:?}");
            marked += fast.len();
            assert_eq!(
                thai_only.segments(&text, abbreviations),
                [Segment::Plain(text.as_str())]
            );
        }
    }
    assert!(marked > 4_000, "{marked}");
}

/// Wherever the fast path answers, it finds what ICU's boundaries of the whole text give;
/// and it answers for most terms in ordinary text.
#[test]
fn boundaries_around_a_term_are_the_whole_texts() {
    let pieces = [
        "ผู้เสียหาย",
        "จาก",
        "การค้ามนุษย์",
        " ",
        "MDT",
        "ก",
        "\u{0E31}",
        "๑",
        "(",
        ")",
        "เจ้าหน้าที่",
        "a",
        "é",
        "ส่งกลับ",
        "กระบวนการ",
        "ๆ",
        "ฯ",
        "ค่ะ",
        "“",
        "\u{200B}",
        "3",
        "รับตัว",
        "ทุกขั้นตอน",
        ".",
    ];
    let mut random = crate::test_random::random_below(0x2545_F491_4F6C_DD1D);
    let (mut answered, mut asked) = (0, 0);
    for _ in 0..3_000 {
        let text: String = (0..1 + random(8))
            .map(|_| pieces[random(pieces.len())])
            .collect();
        let cuts = crate::thai_words::word_boundaries(&text);
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // One cache for the whole text, as in `segments`, asked about runs in any order.
        let mut last_run = RunCuts::default();
        for &start in &starts {
            for end in starts
                .iter()
                .copied()
                .chain([text.len()])
                .filter(|&e| e > start)
            {
                asked += 1;
                if let Some(found) = boundaries_around(&text, start, end, &mut last_run) {
                    answered += 1;
                    assert_eq!(
                        found,
                        around(&cuts, text.len(), start, end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }
    assert!(answered * 5 > asked, "{answered} of {asked}");
}
