//! Tests of `index.rs`.
use super::*;

fn doc(title: &str, heading: &str, text: &str) -> SearchDoc {
    SearchDoc {
        text_weight: 1.0,
        lang: "en".into(),
        url: "en/x.html".into(),
        title: title.into(),
        heading: heading.into(),
        text: text.into(),
        kind: "page",
        roles: Vec::new(),
        html: None,
    }
}

fn impact(index: &LanguageIndex, term: &str, doc: u32) -> u16 {
    index.terms[term]
        .iter()
        .find(|p| p.doc == doc)
        .map(|p| p.impact)
        .unwrap_or(0)
}

#[test]
fn a_synonym_is_indexed_where_the_handbooks_word_stands() {
    let docs = [
        doc("สถานเอกอัครราชทูต", "", "ติดต่อสถานเอกอัครราชทูตไทย"),
        doc("Contact", "", "The Act of 2008 and a contact form"),
        doc("Nothing", "", "อื่น other"),
    ];
    let tokeniser = Tokeniser::new(&["สถานทูต".to_string(), "สถานเอกอัครราชทูต".to_string()]);
    let synonyms = [("สถานทูต", "สถานเอกอัครราชทูต"), ("law", "Act")];
    let index = build(docs.iter().collect(), &tokeniser, &synonyms);
    let docs_of = |term: &str| -> Vec<u32> {
        index.terms.get(term).map_or(Vec::new(), |postings| {
            postings.iter().map(|posting| posting.doc).collect()
        })
    };
    assert_eq!(docs_of("สถานทูต"), [0]);
    assert!(index.thai_words.contains("สถานทูต"), "queries cut it whole");
    // "Act" as a word, not inside "contact".
    assert_eq!(docs_of("law"), [1]);
    let without = build(docs.iter().collect(), &tokeniser, &[]);
    assert_eq!(
        impact(&index, "contact", 1),
        impact(&without, "contact", 1),
        "a synonym leaves the document's length as it was"
    );
}

#[test]
fn a_list_of_links_comes_after_the_page_s_own_sections_for_its_title() {
    let mut related = doc(
        "Trauma-informed care",
        "Related pages",
        "Victim-centred approach Health services",
    );
    related.text_weight = crate::search::doc::LINKS_ONLY_WEIGHT;
    let docs = [
        doc(
            "Trauma-informed care",
            "What it means",
            "Trauma changes how a person reacts to questions, places and people; \
             officials who know this avoid harm and build trust.",
        ),
        related,
    ];
    let index = build(docs.iter().collect(), &Tokeniser::new(&[]), &[]);
    assert!(impact(&index, "trauma", 0) > impact(&index, "trauma", 1));
    assert!(impact(&index, "victim", 1) > 0, "its words are still found");
}

#[test]
fn a_title_match_outweighs_a_body_match() {
    let docs = [
        doc("Referral", "", "How cases move between agencies."),
        doc(
            "Reception",
            "",
            "Officers complete the referral form on arrival.",
        ),
    ];
    let index = build(docs.iter().collect(), &Tokeniser::new(&[]), &[]);
    assert!(impact(&index, "referr", 0) > impact(&index, "referr", 1));
}

#[test]
fn a_heading_match_outweighs_the_same_word_in_the_body() {
    let docs = [
        doc("Return", "Travel documents", "Issue them before departure."),
        doc(
            "Return",
            "Departure",
            "Check the travel documents at the airport.",
        ),
    ];
    let index = build(docs.iter().collect(), &Tokeniser::new(&[]), &[]);
    assert!(impact(&index, "document", 0) > impact(&index, "document", 1));
}

#[test]
fn postings_are_sorted_by_document_and_thai_words_collected() {
    let docs = [
        doc("ผู้เสียหาย", "", "ช่วยเหลือผู้เสียหาย"),
        doc("victims", "", "ผู้เสียหาย victims"),
    ];
    let index = build(docs.iter().collect(), &Tokeniser::new(&[]), &[]);
    let docs_of: Vec<u32> = index.terms["ผู้"].iter().map(|p| p.doc).collect();
    assert_eq!(docs_of, [0, 1]);
    assert!(index.thai_words.contains("เสีย"));
    assert!(!index.thai_words.contains("victim"));
    assert_eq!(index.thai_pairs["ผู"], [0, 1]);
    assert_eq!(index.thai_pairs["ู้"], [0, 1]);
    assert_eq!(index.thai_pairs["ช่"], [0]);
}
