//! Finding your way on the bundled handbook: the home page's role chooser, a role page's "what you
//! do next" and the roles it is often assigned as, and diagram lines that never split a Thai word.

mod support;

use scraper::Selector;
use support::TestSite;

/// The bundled handbook, built once for this file's tests.
fn built() -> &'static TestSite {
    TestSite::bundled()
}

fn role_ids() -> Vec<String> {
    let config = handbook::config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|_| panic!("the bundled handbook.toml loads"));
    config.roles.iter().map(|role| role.id.clone()).collect()
}

#[test]
fn the_home_page_offers_every_role_grouped_by_level() {
    let site = built();
    let mut ids = role_ids();
    ids.sort();
    for lang in ["th", "en"] {
        let home = site.page(&format!("{lang}/index.html"));
        let chooser = home.one("main [data-role-chooser]");
        let levels = home.select("[data-role-chooser] details.role-chooser-level");
        assert!(levels.len() >= 3, "{lang}: roles are grouped by level");
        let mut offered: Vec<String> = home
            .select("[data-role-chooser] a[data-role-choice]")
            .iter()
            .map(|a| {
                a.value()
                    .attr("data-role-choice")
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        for link in home.select("[data-role-chooser] a[data-role-choice]") {
            let href = link.value().attr("href").unwrap_or_default();
            let id = link.value().attr("data-role-choice").unwrap_or_default();
            assert!(
                href.ends_with(&format!("{lang}/roles/{id}.html")),
                "{lang}: {href}"
            );
        }
        offered.sort();
        assert_eq!(offered, ids, "{lang}: every role, once");
        // Compact: folded by level, so the chooser opens as a few lines, not a 30-row list.
        assert!(chooser
            .select(&Selector::parse("details[open]").unwrap())
            .next()
            .is_none());
        assert!(home.select("script[src$='roles.js']").len() == 1);
    }
}

#[test]
fn a_role_page_opens_with_what_you_do_next() {
    let site = built();
    // The case manager leads steps: the first one it leads, linked to its place on the page.
    let page = site.page("en/roles/case-manager.html");
    let link = page.one(".role-next .role-next-step a[href^='#']");
    let anchor = link
        .value()
        .attr("href")
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string();
    let step = page.one(&format!("section.step[id='{anchor}']"));
    assert!(
        step.value().classes().any(|c| c == "step-lead"),
        "the first step named is one the case manager leads"
    );
    // The next step comes before the guide on the page.
    let html = page.html.html();
    assert!(html.find("role-next").unwrap_or(usize::MAX) < html.find("id=\"guide\"").unwrap_or(0));

    // The social worker leads nothing: the first step it supports, and who leads it.
    for lang in ["th", "en"] {
        let page = site.page(&format!("{lang}/roles/social-worker.html"));
        let link = page.one(".role-next .role-next-step a[href^='#']");
        let anchor = link
            .value()
            .attr("href")
            .unwrap_or_default()
            .trim_start_matches('#')
            .to_string();
        let step = page.one(&format!("section.step[id='{anchor}']"));
        assert!(step.value().classes().any(|c| c == "step-support"));
        assert_eq!(
            page.select(".role-next .role-next-where a[href$='.html']")
                .len(),
            1
        );
        // Often assigned as case manager: that guide is linked from the top of the page.
        let see_also = page.one(".role-next .role-see-also a");
        let href = see_also.value().attr("href").unwrap_or_default();
        assert!(
            href.ends_with(&format!("{lang}/roles/case-manager.html")),
            "{href}"
        );
    }
}

#[test]
fn see_also_must_name_another_role() {
    let site = TestSite::empty();
    site.file(
        "handbook.toml",
        "title = \"H\"\nlanguages = [\"en\"]\n\n[[role]]\nid = \"social-worker\"\nname = \"Social worker\"\nlevel = \"provincial\"\nsee_also = [\"case-manger\"]\n\n[[role]]\nid = \"case-manager\"\nname = \"Case manager\"\nlevel = \"provincial\"\n",
    );
    site.file("content/_index.md", "+++\ntitle = \"Home\"\n+++\n\nText.\n");
    let errors = site.build_errors().join("\n");
    assert!(errors.contains("handbook.toml:8:"), "{errors}");
    assert!(errors.contains("case-manger"), "{errors}");
    assert!(errors.contains("did you mean \"case-manager\""), "{errors}");
}

/// Every line of every diagram box on the Thai procedure pages ends between two dictionary words
/// (or at the writer's space): no Thai word is split across lines, in either layout.
#[test]
fn diagram_lines_never_split_a_thai_word() {
    let site = built();
    let mut checked = 0;
    for path in ["th/return/process.html", "th/reintegration/process.html"] {
        let page = site.page(path);
        for text in page.select("svg.flow-diagram a.flow-step text, svg.flow-narrow text") {
            let lines: Vec<String> = text
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|line| line.text().collect::<String>())
                .collect();
            let whole = lines.concat();
            let boundaries = handbook::thai_words::word_boundaries(&whole);
            let mut end = 0;
            for line in &lines[..lines.len().saturating_sub(1)] {
                end += line.len();
                let at_space = whole[end..].starts_with(' ') || whole[..end].ends_with(' ');
                assert!(
                    at_space || boundaries.contains(&end),
                    "{path}: {lines:?} breaks inside a word after {line:?}"
                );
                // Compounds the dictionary holds as two words, which readers read as one.
                for compound in ["คัดกรอง", "ส่งต่อ", "ส่งกลับ", "ช่วยเหลือ", "ค่าใช้จ่าย"]
                {
                    for (at, _) in compound.char_indices().skip(1) {
                        assert!(
                            !(whole[..end].ends_with(&compound[..at])
                                && whole[end..].starts_with(&compound[at..])),
                            "{path}: {lines:?} splits {compound}"
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "too few line breaks to tell: {checked}");
}
