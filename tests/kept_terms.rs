//! Thai terms kept whole on the bundled handbook's pages: role and organisation names, form option labels and link text carry the keep-whole marking that print and screen both honour.

mod support;

use scraper::{ElementRef, Selector};
use support::TestSite;

/// The bundled handbook, built once for this file's tests.
fn built() -> &'static TestSite {
    TestSite::bundled()
}

fn text(element: &ElementRef) -> String {
    element.text().collect()
}

/// The kept terms inside `element`: each short term (`<k-w>`) and each long one (`.keep`, whose
/// words are `<k-w>` too), as their text.
fn kept_in(element: &ElementRef) -> Vec<String> {
    let kept = Selector::parse(".keep, k-w:not(.keep k-w)").unwrap();
    element.select(&kept).map(|term| text(&term)).collect()
}

/// A long term's words: its text between two `<wbr>`.
fn words_of(term: &ElementRef) -> Vec<String> {
    let mut words = vec![String::new()];
    for node in term.descendants() {
        match node.value() {
            scraper::Node::Element(element) if element.name() == "wbr" => words.push(String::new()),
            scraper::Node::Text(text) => words.last_mut().unwrap().push_str(text),
            _ => {}
        }
    }
    words
}

/// A long term's words, put back together, are the term: nothing is lost or doubled, it can
/// break somewhere, and no word starts with a mark (a word cut inside a grapheme cluster).
fn assert_long_terms_are_their_words(page: &support::Page, what: &str) {
    for keep in page.select(".keep") {
        let words = words_of(&keep);
        // (Or the writer's spaces break it: กลุ่ม LOL (Live Our Lives).)
        assert!(
            words.len() > 1 || text(&keep).contains(' '),
            "{what}: a long term that cannot break: {words:?}"
        );
        assert_eq!(words.concat(), text(&keep), "{what}");
        for word in &words {
            let first = word.chars().next().unwrap_or('\u{e31}');
            assert!(
                !('\u{0e31}'..='\u{0e3a}').contains(&first)
                    && !('\u{0e47}'..='\u{0e4e}').contains(&first),
                "{what}: an empty word or one starting with a mark: {words:?}"
            );
        }
    }
}

#[test]
fn role_and_organisation_names_option_labels_and_link_text_are_kept_whole() {
    let site = built();
    let config = handbook::config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|_| panic!("the bundled handbook.toml loads"));

    // Every Thai role name on the roles page is kept whole, long ones (เจ้าหน้าที่สถาน
    // เอกอัครราชทูต/สถานกงสุลใหญ่) as one term breakable only between its words.
    let roles = site.page("th/roles/index.html");
    let mut checked = 0;
    for role in &config.roles {
        let Some(name) = role
            .name
            .texts()
            .into_iter()
            .find(|name| name.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)))
        else {
            continue;
        };
        // A name holding an abbreviation keeps its <abbr> instead (กองบังคับการ... (บก.ปคม.)).
        if name.contains('.') {
            continue;
        }
        let link = roles.one(&format!("li[data-role=\"{}\"] > a", role.id));
        assert_eq!(
            kept_in(&link),
            [name.to_string()],
            "the role name {name} is not kept whole: {}",
            link.html()
        );
        checked += 1;
    }
    assert!(checked > 5, "{checked} roles checked");
    assert_long_terms_are_their_words(&roles, "th/roles/index.html");

    // A step names its lead role as a link: kept whole there too.
    let embassy = site.page("th/roles/embassy-officer.html");
    let lead = embassy.select("dl.step-facts dd a")[0];
    assert!(
        kept_in(&lead).contains(&text(&lead)),
        "the lead role of a step: {}",
        lead.html()
    );

    // A role's description (Markdown from handbook.toml) keeps the terms it names, as pages do:
    // the embassy officer's names ผู้เสียหายจากการค้ามนุษย์.
    let description = embassy.one(".role-description");
    assert!(
        kept_in(&description)
            .iter()
            .any(|term| term.contains("การค้ามนุษย์")),
        "the role's description: {}",
        description.html()
    );

    // Organisation names in the directory.
    let directory = site.page("th/annex/directory.html");
    let names = directory.select("span.org-name");
    assert!(names.len() > 10);
    for name in &names {
        let whole = text(name);
        let kept = kept_in(name);
        assert!(
            !kept.is_empty() && kept.iter().any(|term| whole.starts_with(term.as_str())),
            "the organisation {whole} is not kept whole: {}",
            name.html()
        );
    }

    // A form's option labels, on screen and on paper (one markup for both).
    let register = site.page("th/forms/case-register.html");
    let labels = register.select(".choice > label");
    let marked = labels
        .iter()
        .filter(|label| !kept_in(label).is_empty())
        .count();
    assert!(marked >= 3, "{marked} option labels hold a kept term");
    let datip = register.one("label[for=\"f-referral_source-datip_return\"]");
    assert!(
        kept_in(&datip).contains(&"กองต่อต้านการค้ามนุษย์".to_string()),
        "{}",
        datip.html()
    );
    assert_long_terms_are_their_words(&register, "th/forms/case-register.html");

    // Link text in Markdown bodies keeps its terms (การค้า|มนุษย์ broke in links before).
    let mut linked_terms = 0;
    for page in [
        "th/introduction/target-users.html",
        "th/reintegration/index.html",
        "th/return/reception.html",
    ] {
        let page = site.page(page);
        for link in page.select("main .content a") {
            linked_terms += kept_in(&link).len();
        }
    }
    assert!(
        linked_terms > 0,
        "no kept term in any link of a chapter page"
    );
}

/// Compounds the dictionary would split at a line's end (เจ้า|หน้าที่, ขั้น|ตอน) are kept whole in a
/// page's prose, where the browser breaks lines: a paragraph of the return process names both.
#[test]
fn thai_compounds_in_prose_are_kept_whole() {
    let site = built();
    let page = site.page("th/return/process.html");
    let paragraphs = page.select("main p");
    let kept: Vec<String> = paragraphs.iter().flat_map(kept_in).collect();
    for compound in ["ขั้นตอน", "ต่างประเทศ", "เดินทาง"]
    {
        assert!(
            kept.iter().any(|term| term == compound),
            "{compound} is not kept whole in the page's paragraphs: {kept:?}"
        );
    }
    // Not the whole text: words the dictionary keeps (ครอบครัว) are left to the browser.
    assert!(!kept.iter().any(|term| term == "ครอบครัว"), "{kept:?}");
}
