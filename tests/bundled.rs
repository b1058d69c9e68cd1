//! The bundled handbook: complete in both languages, substantial, following the outline, every link resolving.

mod support;

use support::TestSite;

/// The bundled handbook, built once for this file's tests.
fn built() -> &'static TestSite {
    TestSite::bundled()
}

#[test]
fn bundled_handbook_builds_and_every_link_resolves() {
    let site = built();
    support::assert_links_resolve(site);
}

#[test]
fn every_page_exists_in_thai_and_english_with_substance() {
    let site = built();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut thin = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".md") || name.ends_with(".en.md") {
            continue;
        }
        let english = path.with_file_name(name.replace(".md", ".en.md"));
        assert!(
            english.is_file(),
            "{} has no English version",
            path.display()
        );
        let relative = path
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace("_index.md", "index.md")
            .replace(".md", ".html");
        for lang in ["th", "en"] {
            let page = site.page(&format!("{lang}/{relative}"));
            assert!(
                page.select(".missing-translation").is_empty(),
                "{lang}/{relative} shows a fallback"
            );
            let words: usize = page
                .select("article .content")
                .iter()
                .map(|c| c.text().collect::<String>().chars().count())
                .sum();
            let is_data_page = !page.select(".glossary, .directory").is_empty();
            if words < 600 && !is_data_page {
                thin.push(format!("{lang}/{relative}: {words} characters"));
            }
        }
    }
    assert!(
        thin.is_empty(),
        "pages with too little text:\n{}",
        thin.join("\n")
    );
}

#[test]
fn the_outline_headings_are_all_there() {
    let site = built();
    let titles: Vec<String> = site.page("en/print.html").texts(".print-toc li");
    let expected = [
        "Introduction",
        "Definition of return",
        "Key components of the return process",
        "referral mechanism",
        "embassy",
        "Duties of MSDHS",
        "Return process",
        "Rights-based approach",
        "Victim-centred approach",
        "Best interest determination",
        "Trauma-informed care",
        "individual needs",
        "Survivor empowerment",
        "Safe return",
        "children",
        "Gender sensitivity",
        "Confidentiality",
        "Informed consent",
        "Definition and framework of social reintegration",
        "Who are the victims",
        "Scope of social reintegration",
        "Case manager",
        "MDT working committee",
        "Supporting",
        "Case management",
        "Operational principles",
        "10 steps of social reintegration",
        "Legal rights",
        "Education and vocational training",
        "Empowerment",
        "Fund",
        "health",
        "Legal assistance",
        "Follow-up",
        "evaluation",
        "Termination of service",
        "Data collection",
        "Directory",
        "Glossary",
        "Forms",
    ];
    let lower: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|want| !lower.iter().any(|t| t.contains(&want.to_lowercase())))
        .collect();
    assert!(
        missing.is_empty(),
        "outline headings missing: {missing:?}\ntitles: {titles:#?}"
    );
}

#[test]
fn directory_and_glossary_render_in_both_languages() {
    let site = built();
    for lang in ["th", "en"] {
        let directory = site.page(&format!("{lang}/annex/directory.html"));
        assert!(
            directory.select(".directory-table tbody tr").len() >= 15,
            "{lang} directory too small"
        );
        assert!(directory.select("select[data-filter=level] option").len() >= 5);
        let glossary = site.page(&format!("{lang}/annex/glossary.html"));
        assert!(
            glossary.select(".glossary dfn").len() >= 30,
            "{lang} glossary too small"
        );
    }
    let english = site.page("en/annex/glossary.html");
    assert!(english.texts(".glossary abbr").iter().any(|a| a == "MDT"));
}

#[test]
fn both_procedures_and_all_roles_are_published() {
    let site = built();
    assert_eq!(
        site.page("en/return/process.html")
            .select("section.step")
            .len(),
        11
    );
    assert_eq!(
        site.page("th/reintegration/process.html")
            .select("section.step")
            .len(),
        10
    );
    let roles = site.page("en/roles/index.html");
    assert!(roles.select(".role-group li").len() >= 25);
    let case_manager = site.page("th/roles/case-manager.html");
    assert!(
        case_manager.select("section.step").len() >= 8,
        "the case manager leads most reintegration steps"
    );
}

#[test]
fn titles_written_by_the_templates_keep_the_handbooks_thai_terms_whole() {
    let site = built();
    // Each place a template writes a title: the file, and the elements holding the titles.
    let places = [
        ("index.html", "h1"),
        ("th/index.html", "main h1"),
        (
            "th/print.html",
            "h1, section.print-entry > h2, nav.print-toc a",
        ),
        ("th/print-reintegration.html", "section.print-entry > h2"),
        ("th/roles/case-manager-print.html", "h1"),
        (
            "th/roles/case-manager-pages-print.html",
            "h1, .pack-page > h3",
        ),
        ("th/roles/index.html", ".role-list a"),
        ("th/forms/index.html", "td a"),
        (
            "th/forms/reintegration-plan.html",
            "h1.paper-title, h2.section-title",
        ),
        (
            "th/reintegration/process.html",
            ".step-facts a, .step-next a",
        ),
        ("th/print-reintegration.html", ".step-facts a"),
        ("th/roles/case-manager.html", ".step-facts a"),
    ];
    // Terms that stand as words of their own wherever these titles use them (a term inside a
    // longer word, such as การคืนสู่สังคม in กระบวนการคืนสู่สังคม, is rightly left alone).
    let terms = ["ผู้เสียหาย", "ผู้จัดการรายกรณี"];
    let kept = scraper::Selector::parse("k-w").unwrap();
    for (path, titles) in places {
        let page = site.page(path);
        let with_terms: Vec<_> = page
            .select(titles)
            .into_iter()
            .filter(|title| {
                let text: String = title.text().collect();
                terms.iter().any(|term| text.contains(term))
            })
            .collect();
        assert!(
            !with_terms.is_empty(),
            "{path}: no title with a term to check in {titles}"
        );
        for title in with_terms {
            assert!(
                title.select(&kept).next().is_some(),
                "{path}: {:?} keeps none of its terms whole",
                title.text().collect::<String>()
            );
        }
    }
}

/// Whether a form part shows for these answers, by the condition the page itself carries
/// (`data-show-if`, the JSON `forms.js` evaluates); unanswered questions count as empty.
fn shows(condition: &serde_json::Value, answers: &[(&str, &str)]) -> bool {
    if let Some(all) = condition.get("all").and_then(|all| all.as_array()) {
        return all.iter().all(|part| shows(part, answers));
    }
    if let Some(any) = condition.get("any").and_then(|any| any.as_array()) {
        return any.iter().any(|part| shows(part, answers));
    }
    let field = condition["field"]
        .as_str()
        .expect("a condition names a field");
    let answer = answers
        .iter()
        .find(|(name, _)| *name == field)
        .map_or("", |(_, answer)| *answer);
    match (condition.get("is"), condition.get("not")) {
        (Some(is), _) => is.as_str() == Some(answer),
        (_, Some(not)) => not.as_str() != Some(answer),
        _ => panic!("unexpected condition {condition}"),
    }
}

#[test]
fn the_consent_form_asks_parental_consent_of_every_minor_and_assent_only_of_a_child() {
    // PDPA s.20 concerns minors (under 20 and unmarried); child protection starts below 18.
    let site = built();
    for lang in ["th", "en"] {
        let page = site.page(&format!("{lang}/forms/consent.html"));
        let part_holding = |field: &str| -> serde_json::Value {
            let selector = scraper::Selector::parse(&format!("[data-field={field}]")).unwrap();
            let part = page
                .select("section.form-section")
                .into_iter()
                .find(|part| part.select(&selector).next().is_some())
                .unwrap_or_else(|| panic!("{lang}: no part holds {field}"));
            let condition = part
                .value()
                .attr("data-show-if")
                .unwrap_or_else(|| panic!("{lang}: the part holding {field} always shows"));
            serde_json::from_str(condition).unwrap()
        };
        let parental = part_holding("guardian_name");
        let assent = part_holding("child_assent");
        let person =
            |age: &'static str, married: &'static str| [("age_group", age), ("married", married)];
        assert!(
            shows(&parental, &person("minor", "no")),
            "{lang}: a 19-year-old skips parental consent"
        );
        assert!(
            shows(&parental, &person("child", "no")),
            "{lang}: a child skips parental consent"
        );
        assert!(
            !shows(&parental, &person("minor", "yes")),
            "{lang}: a married minor is asked for parental consent"
        );
        assert!(
            !shows(&parental, &person("adult", "")),
            "{lang}: an adult is asked for parental consent"
        );
        assert!(
            shows(&assent, &person("child", "no")),
            "{lang}: a child is not asked for assent"
        );
        assert!(
            shows(&assent, &person("child", "yes")),
            "{lang}: a married child is not asked for assent"
        );
        assert!(
            !shows(&assent, &person("minor", "no")),
            "{lang}: a 19-year-old is asked for a child's assent"
        );
    }
}

#[test]
fn every_form_is_on_the_forms_index_with_the_steps_that_use_it() {
    let site = built();
    let forms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("forms");
    let ids: Vec<String> = std::fs::read_dir(&forms)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    // F-01 to F-10, and the six working records the steps ask for (F-11 to F-16).
    assert_eq!(ids.len(), 16, "forms: {ids:?}");
    for lang in ["th", "en"] {
        let index = site.page(&format!("{lang}/forms/index.html"));
        for id in &ids {
            let steps = index.select(&format!(
                "tr[data-form-row={id}] td:last-child a[href*='process.html#step-']"
            ));
            assert!(
                !steps.is_empty(),
                "{lang}: {id} is not on the forms index, or no step uses it"
            );
        }
    }
    for (form, step, page) in [
        ("case-register", "intake", "reintegration"),
        ("case-conference", "case-conference", "reintegration"),
        ("service-log", "services", "reintegration"),
        ("reintegration-report", "closure", "reintegration"),
        ("safe-return-plan", "consent-plan", "return"),
        ("reception-handover", "reception", "return"),
    ] {
        let procedure = site.page(&format!("en/{page}/process.html"));
        let links = procedure.select(&format!("section#step-{step} a[href$='forms/{form}.html']"));
        assert!(!links.is_empty(), "step {step} does not link {form}");
    }
}

/// F-01 asks about the means used, then for details, both sensitive: the notice on sensitive
/// data is shown once, at the first, and the second names it for screen readers.
#[test]
fn a_run_of_sensitive_questions_shows_the_sensitive_data_notice_once() {
    let site = built();
    for lang in ["th", "en"] {
        let page = site.page(&format!("{lang}/forms/screening.html"));
        let notices = page.select(".sensitive-notice");
        let first = page.select("#f-means_indicators-sensitive");
        assert_eq!(
            first.len(),
            1,
            "{lang}: the first sensitive question's notice"
        );
        assert!(
            page.select("#f-means_details-sensitive").is_empty(),
            "{lang}: the details repeat the notice"
        );
        let details = page.one("#f-means_details");
        let described = details.value().attr("aria-describedby").unwrap_or_default();
        assert!(
            described
                .split(' ')
                .any(|id| id == "f-means_indicators-sensitive"),
            "{lang}: the details are not described by the notice: {described}"
        );
        // Every id a question is described by is on the page.
        for id in page
            .select("[aria-describedby]")
            .iter()
            .flat_map(|element| {
                element
                    .value()
                    .attr("aria-describedby")
                    .unwrap_or_default()
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|id| !id.is_empty())
        {
            assert_eq!(
                page.select(&format!("#{id}")).len(),
                1,
                "{lang}: no element #{id}"
            );
        }
        assert!(
            notices.len() < 7,
            "{lang}: {} notices for 7 sensitive questions",
            notices.len()
        );
    }
}
