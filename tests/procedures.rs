//! Procedures and roles as a reader meets them: the flow diagram's structure, role guides listing
//! exactly their steps, printable role packs, guide-mode markup, and errors that name file:line.

mod support;

use handbook::diagnostics::Diagnostic;
use scraper::ElementRef;
use std::path::Path;
use support::{Page, TestSite};

/// The flow fixture, built.
fn built() -> TestSite {
    let site = TestSite::fixture("procedures-flow");
    site.build_ok();
    site
}

/// The errors a broken fixture produces, sorted by file and line.
fn errors(name: &str) -> Vec<Diagnostic> {
    match TestSite::fixture(name).build() {
        Ok(_) => panic!("{name} should fail to build"),
        Err(found) => found.into_iter().filter(|d| d.is_error()).collect(),
    }
}

fn attrs(elements: &[ElementRef], name: &str) -> Vec<String> {
    elements
        .iter()
        .map(|e| e.value().attr(name).unwrap_or_default().to_string())
        .collect()
}

fn text(element: &ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn select<'a>(page: &'a Page, css: &str) -> Vec<ElementRef<'a>> {
    page.select(css)
}

#[test]
fn diagram_has_a_box_per_step_a_lane_per_lead_role_and_an_arrow_per_edge() {
    let built = built();
    let page = built.page("en/care/process.html");
    let svgs = select(&page, "figure.diagram svg.flow-diagram");
    assert_eq!(svgs.len(), 1, "one diagram on the procedure page");

    let boxes = select(&page, "svg.flow-diagram a.flow-step");
    assert_eq!(
        attrs(&boxes, "data-step"),
        ["intake", "assess", "child-care", "plan", "review", "close"]
    );
    // Every box links to its step's section on the page.
    for href in attrs(&boxes, "href") {
        let id = href.trim_start_matches('#');
        assert_eq!(select(&page, &format!("section.step[id='{id}']")).len(), 1);
    }

    // Lanes only for roles that lead a step (the interpreter only supports), in order of appearance.
    let lanes = select(&page, "svg.flow-diagram g.flow-lane");
    assert_eq!(
        attrs(&lanes, "data-role"),
        ["officer", "case-manager", "mdt"]
    );
    let lane_names: Vec<String> = lanes.iter().map(text).collect();
    assert_eq!(
        lane_names,
        ["Central officer", "Case manager", "Multidisciplinary team"]
    );

    // intake->assess, assess->plan, assess->child-care, child-care->plan, plan->review,
    // review->plan, review->close, review->review; close ends the procedure.
    let edges = select(&page, "svg.flow-diagram path.flow-edge");
    assert_eq!(edges.len(), 8);
    let branches = select(&page, "svg.flow-diagram path.flow-edge-branch");
    assert_eq!(branches.len(), 3);
    for branch in &branches {
        assert!(
            branch.value().attr("stroke-dasharray").is_some(),
            "branches differ by line style, not colour alone"
        );
    }
    let labels: Vec<String> = select(&page, "svg.flow-diagram .flow-edge-label")
        .iter()
        .map(|label| text(label).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        labels,
        ["The person is under 18", "Goals are met", "Not due yet"]
    );
}

#[test]
fn diagram_still_draws_loops_back_and_a_step_that_repeats_itself() {
    let built = built();
    let page = built.page("th/care/process.html");
    let edge = |from: &str, to: &str| {
        select(
            &page,
            &format!("path.flow-edge[data-from='{from}'][data-to='{to}']"),
        )
        .len()
    };
    assert_eq!(edge("review", "plan"), 1, "the loop back in `next`");
    assert_eq!(edge("review", "review"), 1, "the self-loop");
    for path in attrs(&select(&page, "path.flow-edge"), "d") {
        assert!(path.starts_with('M') && !path.contains("NaN"), "{path}");
    }
}

#[test]
fn diagram_is_a_named_group_whose_text_alternative_is_the_ordered_step_list() {
    let built = built();
    let page = built.page("th/care/process.html");
    let svg = select(&page, "svg.flow-diagram")[0];
    // A named group, not role="img": its step boxes are links (see diagram/draw.rs).
    assert_eq!(svg.value().attr("role"), Some("group"));
    let labelled_by = svg.value().attr("aria-labelledby").unwrap_or_default();
    let title = select(&page, &format!("svg.flow-diagram title#{labelled_by}"));
    assert!(text(&title[0]).contains("กระบวนการดูแล"));
    let described_by: Vec<&str> = svg
        .value()
        .attr("aria-describedby")
        .unwrap_or_default()
        .split(' ')
        .collect();
    assert_eq!(select(&page, &format!("desc#{}", described_by[0])).len(), 1);
    let list = select(&page, &format!("ol#{} > li", described_by[1]));
    assert_eq!(list.len(), 6, "the step list has every step, in order");
    // Thai lane names, in the page's font stack (no font is written into the SVG).
    let lanes: Vec<String> = select(&page, "g.flow-lane").iter().map(text).collect();
    assert_eq!(lanes[0], "เจ้าหน้าที่ส่วนกลาง");
    assert!(select(&page, "[font-family], [style]").is_empty());
    // Boxes are not extra tab stops: the step list carries the same links for keyboards.
    for tabindex in attrs(&select(&page, "a.flow-step"), "tabindex") {
        assert_eq!(tabindex, "-1");
    }
}

/// The steps a role page shows, as `procedure#step:part`.
fn guide(built: &TestSite, role: &str) -> Vec<String> {
    let page = built.page(&format!("en/roles/{role}.html"));
    select(&page, "[data-guide] section.step")
        .iter()
        .map(|step| {
            let class = step.value().attr("class").unwrap_or_default();
            let part = if class.contains("step-lead") {
                "lead"
            } else if class.contains("step-support") {
                "support"
            } else {
                "?"
            };
            format!(
                "{}:{part}",
                step.value().attr("data-guide-key").unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn role_pages_list_exactly_the_steps_the_role_leads_or_supports_in_procedure_order() {
    let built = built();
    assert_eq!(
        guide(&built, "case-manager"),
        [
            "care/process.toml#intake:support",
            "care/process.toml#assess:lead",
            "care/process.toml#child-care:lead",
            "care/process.toml#review:lead",
            "care/short.toml#brief:support",
        ]
    );
    assert_eq!(
        guide(&built, "mdt"),
        [
            "care/process.toml#child-care:support",
            "care/process.toml#plan:lead"
        ]
    );
    assert_eq!(
        guide(&built, "interpreter"),
        ["care/process.toml#plan:support"]
    );
    assert_eq!(
        guide(&built, "officer"),
        [
            "care/process.toml#intake:lead",
            "care/process.toml#close:lead"
        ]
    );
    assert_eq!(guide(&built, "volunteer"), ["care/short.toml#brief:lead"]);

    // Lead and support are said in words, not only shown by style.
    let page = built.page("en/roles/case-manager.html");
    let parts: Vec<String> = select(&page, "section.step .step-part")
        .iter()
        .map(text)
        .collect();
    assert_eq!(parts[0], "You support this step");
    assert_eq!(parts[1], "You lead this step");
}

#[test]
fn role_guide_says_who_hands_over_to_a_step_and_to_whom_it_hands_over() {
    let built = built();
    let page = built.page("en/roles/mdt.html");
    let plan = select(&page, "section.step[data-step='plan']")[0];
    let from = text(
        &plan
            .select(&scraper::Selector::parse(".step-from").unwrap())
            .next()
            .unwrap(),
    );
    // Plan is reached from assess, child care and the review loop, each led by the case manager.
    for expected in ["2. Assess needs", "3. Child care", "5. Review the plan"] {
        assert!(from.contains(expected), "{from}");
    }
    assert!(from.contains("(Case manager)"), "{from}");
    let next = text(
        &plan
            .select(&scraper::Selector::parse(".step-next").unwrap())
            .next()
            .unwrap(),
    );
    assert!(next.contains("Hands over to"), "{next}");
    assert!(next.contains("5. Review the plan"), "{next}");
}

#[test]
fn role_page_names_its_forms_and_the_pages_that_name_the_role() {
    let built = built();
    let page = built.page("th/roles/case-manager.html");
    let forms: Vec<String> = select(&page, ".role-forms a").iter().map(text).collect();
    assert_eq!(forms, ["F-02 แบบแสดงความยินยอม"]);
    let pages = select(&page, ".role-pages a");
    assert_eq!(attrs(&pages, "href"), ["../../th/care/notes.html"]);
    assert_eq!(
        attrs(&select(&page, ".role-pack-link a"), "href"),
        ["case-manager-print.html"]
    );
    // A role that names no page and uses no form shows neither list.
    let page = built.page("th/roles/volunteer.html");
    assert!(select(&page, ".role-pages, .role-forms").is_empty());
}

#[test]
fn role_pack_is_a_pocket_guide_with_its_forms_and_pages_printed_apart() {
    let built = built();
    let pack = built.page("en/roles/case-manager-print.html");
    assert!(
        select(&pack, ".site-header, .sidebar, script").is_empty(),
        "no navigation chrome or scripts"
    );
    assert_eq!(select(&pack, ".pack-guide section.step").len(), 5);
    assert_eq!(select(&pack, ".pack-procedure").len(), 2);
    // The guide names its forms by code; the blank forms and the pages are documents of their own.
    let forms = select(&pack, ".pack-form-list li");
    assert_eq!(attrs(&forms, "data-form"), ["consent"]);
    assert!(text(&forms[0]).contains("F-02"));
    assert!(select(&pack, ".pack-form, .pack-page").is_empty());
    assert_eq!(
        attrs(&select(&pack, ".pack-companions a"), "href"),
        [
            "case-manager-forms-print.html",
            "case-manager-pages-print.html"
        ]
    );
    let blank = built.page("en/roles/case-manager-forms-print.html");
    assert_eq!(
        attrs(&select(&blank, ".pack-form .paper-form"), "data-form"),
        ["consent"]
    );
    let pages_doc = built.page("en/roles/case-manager-pages-print.html");
    let pages: Vec<String> = select(&pages_doc, ".pack-page h3")
        .iter()
        .map(text)
        .collect();
    assert_eq!(pages, ["บันทึกสำหรับผู้จัดการรายกรณี"]);
    assert_eq!(
        select(&pages_doc, ".pack-page h4").len(),
        1,
        "page headings sit under the page title"
    );
    // Every role has a pack, even one with a single step; one with no forms or pages has no
    // companions.
    assert!(built.exists("th/roles/volunteer-print.html"));
    assert!(!built.exists("th/roles/volunteer-forms-print.html"));
    assert!(!built.exists("th/roles/volunteer-pages-print.html"));
}

#[test]
fn every_link_of_procedure_role_and_pack_pages_resolves() {
    support::assert_links_resolve(&built());
}

#[test]
fn roles_index_groups_roles_by_level() {
    let built = built();
    let page = built.page("en/roles/index.html");
    let groups = select(&page, "section.role-group");
    assert_eq!(
        attrs(&groups, "id"),
        ["level-national", "level-provincial", "level-local"]
    );
    let provincial = select(&page, "#level-provincial li");
    assert_eq!(attrs(&provincial, "data-role"), ["case-manager", "mdt"]);
}

#[test]
fn guide_mode_markup_is_hidden_until_the_script_runs_and_uses_no_inline_script() {
    let built = built();
    for path in ["th/care/process.html", "en/roles/case-manager.html"] {
        let page = built.page(path);
        let bar = select(&page, "[data-guide-bar]");
        assert_eq!(bar.len(), 1, "{path}");
        assert!(bar[0].value().attr("hidden").is_some(), "{path}");
        assert!(bar[0].value().attr("data-guide-page").is_some());
        for control in [
            "[data-guide-toggle][aria-pressed]",
            "[data-guide-prev]",
            "[data-guide-next]",
            "progress[data-guide-progress][aria-labelledby]",
            // Reset in the progress row, and (shown on a phone while guiding) in the drawer.
            ".guide-progress-row [data-guide-reset]",
            "[data-guide-drawer][hidden] [data-guide-reset]",
            "[data-guide-drawer-toggle][aria-expanded][aria-controls=guide-drawer]",
            "#guide-drawer [data-guide-step-list]",
            "[data-guide-storage-note]",
            "[data-guide-save]",
            "[data-guide-load]",
            "input[type=file][data-guide-file]",
            "[data-guide-status][role=status]",
        ] {
            assert_eq!(select(&page, control).len(), 1, "{path}: {control}");
        }
        let scripts = attrs(&select(&page, "script"), "src");
        assert!(scripts
            .iter()
            .any(|src| src.ends_with("static/js/guide.js")));
        assert!(
            scripts.iter().all(|src| !src.is_empty()),
            "no inline script"
        );
        assert!(select(&page, "[onclick], [onchange], [onload]").is_empty());
        // Every checklist item is a real checkbox named by its step, so ticks can be kept.
        for check in attrs(
            &select(&page, ".checklist input[type=checkbox]"),
            "data-check",
        ) {
            assert!(!check.is_empty());
        }
    }
    assert!(built.exists("static/js/guide.js"));
}

#[test]
fn draft_procedures_are_built_only_when_asked() {
    assert!(!built().exists("en/care/draft.html"));
    let with_drafts = TestSite::fixture("procedures-flow");
    let options = handbook::BuildOptions {
        root: with_drafts.root().to_path_buf(),
        output_dir: None,
        include_drafts: true,
    };
    if let Err(found) = handbook::build(&options) {
        panic!("{found:#?}");
    }
    assert!(with_drafts.exists("en/care/draft.html"));
    assert_eq!(
        guide(&with_drafts, "volunteer"),
        ["care/short.toml#brief:lead", "care/draft.toml#only:lead"]
    );
}

fn assert_error(found: &Diagnostic, line: usize, column: usize, message: &str) {
    assert_eq!(found.path, Path::new("content/process.toml"), "{found}");
    assert_eq!((found.line, found.column), (line, column), "{found}");
    assert!(found.message.contains(message), "{found}");
}

#[test]
fn unknown_role_is_an_error_at_its_line_with_a_suggestion() {
    let found = errors("procedures-unknown-role");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_error(&found[0], 7, 12, "unknown role \"oficer\"");
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("officer"));
    assert_error(&found[1], 12, 8, "unknown role \"nobody\"");
}

#[test]
fn unknown_form_is_an_error_at_its_line_with_a_suggestion() {
    let found = errors("procedures-unknown-form");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_error(&found[0], 7, 10, "unknown form \"consnt\"");
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("consent"));
}

#[test]
fn unknown_step_in_next_or_a_branch_is_an_error_at_its_line() {
    let found = errors("procedures-unknown-step");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_error(&found[0], 7, 9, "no step \"tw\"");
    assert!(found[0].hint.as_deref().unwrap_or_default().contains("two"));
    assert_error(&found[1], 16, 8, "no step \"nowhere\"");
}

#[test]
fn the_command_line_prints_file_line_and_column() {
    let site = TestSite::fixture("procedures-unknown-role");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("build")
        .arg(site.root())
        .output()
        .expect("run handbook");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("content/process.toml:7:12: error: unknown role \"oficer\""),
        "{stderr}"
    );
}
