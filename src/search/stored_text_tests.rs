//! Tests of `stored_text.rs`: every string round-trips, Thai costs a byte a letter.
use super::*;

/// The encoding character by character, as the module's comment says it: `encode_into` reads
/// bytes and copies stretches, and must write exactly this.
fn encode_by_characters(text: &str) -> String {
    let mut out = String::new();
    let mut thai = false;
    for c in text.chars() {
        if let Some(letter) = stand_in(c) {
            if !thai {
                out.push(THAI_SHIFT);
                thai = true;
            }
            out.push(char::from(letter));
        } else if c == ' ' {
            out.push(' ');
        } else {
            if thai && (c == THAI_SHIFT || is_letter_stand_in(c)) {
                out.push(THAI_SHIFT);
            }
            thai = false;
            if c == THAI_SHIFT {
                out.push(THAI_SHIFT);
            }
            out.push(c);
        }
    }
    out
}

fn round_trips(text: &str) {
    assert_eq!(encode(text), encode_by_characters(text), "{text:?}");
    let encoded = encode(text);
    assert_eq!(decode(&encoded), text, "{text:?} was written {encoded:?}");
}

#[test]
fn the_alphabet_has_a_distinct_printable_stand_in_for_each_thai_code_point() {
    let thai = (0x0E01..=0x0E3A).chain(0x0E3F..=0x0E5B).count();
    assert_eq!(THAI_LETTERS.len(), thai);
    let mut seen = std::collections::BTreeSet::new();
    for c in THAI_LETTERS.chars() {
        assert!(c.is_ascii_graphic(), "{c:?}");
        assert!(
            !"~\"\\:.()".contains(c),
            "{c:?} must stay out of the alphabet"
        );
        assert!(seen.insert(c), "{c:?} twice");
    }
    assert_eq!(decode("~!"), "ก");
    assert_eq!(decode("~}"), "\u{0E5B}");
    // The two blocks meet without a gap in the alphabet.
    let letters = THAI_LETTERS.as_bytes();
    let expected = format!("~{}{}", char::from(letters[57]), char::from(letters[58]));
    assert_eq!(encode("\u{0E3A}\u{0E3F}"), expected);
}

#[test]
fn thai_is_a_byte_a_letter_and_spaces_stay_inside_a_run() {
    let text = "ผู้เสียหาย ได้รับการคุ้มครอง";
    let encoded = encode(text);
    assert_eq!(encoded.len(), 1 + text.chars().count(), "{encoded}");
    assert!(encoded.is_ascii());
    round_trips(text);
}

#[test]
fn edge_cases_round_trip() {
    for text in [
        "",
        " ",
        "~",
        "~~",
        "~~~",
        "ก",
        "กก~",
        "~ก",
        "ก~ก",
        "ก ~ ก",
        "ก ",
        " ก",
        "กA",
        "ก A",
        "ก:",
        "ก.ก",
        "(ก)",
        "ก\"ข\\ค",
        // A Thai run at the start and at the end of a string.
        "ผู้เสียหาย victim",
        "victim ผู้เสียหาย",
        // Thai digits, the baht sign, ๆ, ฯ and the marks on their own.
        "๐๑๒๓๔๕๖๗๘๙ 2551",
        "฿500 ๕๐๐ บาท",
        "ๆ ฯ ฯลฯ",
        "\u{0E31}",
        "\u{0E48}\u{0E49}\u{0E4A}\u{0E4B}\u{0E4C}\u{0E4D}\u{0E4E}",
        "A\u{0E47}B",
        // The unassigned code points of the block, and its edges.
        "\u{0E00}\u{0E3B}\u{0E3C}\u{0E3D}\u{0E3E}\u{0E5C}\u{0E7F}",
        "ก\u{0E3B}ข",
        // Characters search stores: the table cells' label marks, arrows, emoji.
        "\u{FDD0}ทำ\u{FDD1} ขอ\u{FDD0}Avoid\u{FDD1} ไม่",
        "กรม › ศูนย์ → 👩‍👧 ✓",
        "line\nbreak\tทาบ\u{0}\u{1F}",
    ] {
        round_trips(text);
    }
}

#[test]
fn characters_that_often_follow_thai_end_a_run_without_a_mark() {
    assert_eq!(encode("ก: ข. (ค)"), "~!: ~#. (~%)");
    assert_eq!(encode("กA"), "~!~A");
    assert_eq!(encode("ก ~"), "~! ~~~");
}

#[test]
fn random_mixed_strings_round_trip() {
    // Thai letters, marks and digits, the block's gaps, the alphabet's own characters, the
    // shift mark, quotes, backslashes, control characters, spaces and characters outside the
    // Basic Multilingual Plane.
    let pool: Vec<char> = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮฯะัาำิีึืฺุู฿เแโใไๅๆ็่้๊๋์ํ๎๏๐๑๒๓๔๕๖๗๘๙๚๛"
        .chars()
        .chain(THAI_LETTERS.chars())
        .chain("~~~   \"\\'\n\t\r\u{0}\u{1}\u{7F}\u{0E00}\u{0E3B}\u{0E3E}\u{0E5C}\u{FDD0}\u{FDD1}éÉ€—›→👩🏽‍🤝😀".chars())
        .collect();
    let mut random = crate::test_random::random_below(0x5EED_7E47);
    for _ in 0..20_000 {
        let length = random(24);
        let text: String = (0..length).map(|_| pool[random(pool.len())]).collect();
        round_trips(&text);
    }
}

#[test]
fn a_chunk_writes_each_page_once_and_decodes_to_its_documents() {
    let doc = |url: &str, title: &str, heading: &str, kind: &str, text: &str| StoredDocument {
        url: Cow::Owned(url.to_string()),
        title: Cow::Owned(title.to_string()),
        heading: Cow::Owned(heading.to_string()),
        kind: Cow::Owned(kind.to_string()),
        body: Cow::Owned(text.to_string()),
    };
    let docs = vec![
        doc("th/help/contact.html", "การติดต่อ", "", "page", "ข้อความ"),
        doc(
            "th/help/contact.html#เด็ก",
            "การติดต่อ",
            "เด็ก",
            "page",
            "ผู้เสียหาย~ \"ที่\" \\",
        ),
        doc("th/help/contact.html#", "การติดต่อ", "", "page", ""),
        doc("th/procedures/p.html#step-1", "P", "1", "step", "A"),
        doc("th/procedures/p.html#step-2", "P", "2", "step", "B"),
        doc("th/help/contact.html#x", "การติดต่อ", "x", "page", "C"),
    ];
    let json = chunk_json(&docs);
    assert_eq!(json.matches("contact.html").count(), 2, "{json}");
    assert_eq!(json.matches("step").count(), 3, "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(decode_chunk(&value), Some(docs));
    assert_eq!(decode_chunk(&serde_json::json!([[1, 2]])), None);
    assert_eq!(
        decode_chunk(&serde_json::json!([])),
        Some(Vec::new()),
        "an empty chunk"
    );
}

/// A chunk as serde_json writes the structure the module's comment describes: what
/// `chunk_json`, which writes it in one pass, must write byte for byte.
fn chunk_json_by_serde(docs: &[StoredDocument]) -> String {
    type Page = (String, String, String, Vec<(String, String, String)>);
    let mut pages: Vec<Page> = Vec::new();
    let mut last: Option<(String, String, String)> = None;
    for doc in docs {
        let (page, rest) = doc.url.split_at(doc.url.find('#').unwrap_or(doc.url.len()));
        let key = (
            page.to_string(),
            doc.title.to_string(),
            doc.kind.to_string(),
        );
        if last.as_ref() != Some(&key) {
            pages.push((encode(page), encode(&doc.title), key.2.clone(), Vec::new()));
            last = Some(key);
        }
        if let Some(page) = pages.last_mut() {
            page.3
                .push((encode(rest), encode(&doc.heading), encode(&doc.body)));
        }
    }
    serde_json::to_string(&pages).expect("JSON")
}

#[test]
fn a_chunk_is_written_as_serde_json_writes_it() {
    let pool: Vec<char> =
        "aZ ~\"\\\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}:.()กขุ่\u{0E5B}\u{0E3F}\u{2028}é😀<>&#"
            .chars()
            .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut text = |length: u64| -> String {
        (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                pool[(state % pool.len() as u64) as usize]
            })
            .collect()
    };
    for round in 0..2_000u64 {
        let page = format!("th/{}.html", text(round % 5));
        let docs: Vec<StoredDocument> = (0..round % 4)
            .map(|n| StoredDocument {
                url: Cow::Owned(if n % 2 == 0 {
                    page.clone()
                } else {
                    format!("{page}#{}", text(3))
                }),
                title: Cow::Owned(if n == 2 {
                    text(4)
                } else {
                    "ชื่อ \"t\"".into()
                }),
                heading: Cow::Owned(text(round % 6)),
                kind: Cow::Owned(["page", "step\"\\\n"][(n % 2) as usize].into()),
                body: Cow::Owned(text(round % 40)),
            })
            .collect();
        assert_eq!(chunk_json(&docs), chunk_json_by_serde(&docs), "{docs:?}");
    }
}

#[test]
fn the_stand_in_table_is_the_alphabet() {
    for offset in 0..128u32 {
        let c = char::from_u32(0x0E00 + offset).expect("a code point");
        let mut utf8 = [0; 4];
        c.encode_utf8(&mut utf8);
        assert_eq!(stand_in_at(&utf8[..3], 0), stand_in(c), "{c:?}");
    }
}
