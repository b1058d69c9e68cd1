//! Annex forms end to end: a fixture form with every field type is built, and its on-screen and
//! paper markup is checked by parsing the HTML; every kind of form error is checked for its
//! file:line:col. (What only a browser proves is in the browser tests.)

mod support;

use scraper::{ElementRef, Html, Selector};
use support::TestSite;

const FIXTURE: &str = "forms-all-types";

/// The fixture handbook, built once per test into its own temporary folder.
fn build() -> TestSite {
    let site = TestSite::fixture(FIXTURE);
    site.build_ok();
    site
}

fn page(site: &TestSite, path: &str) -> Html {
    site.page(path).html
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector).collect()
}

fn one<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

fn attr<'a>(element: ElementRef<'a>, name: &str) -> Option<&'a str> {
    element.value().attr(name)
}

fn text(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn in_template(element: ElementRef) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "template")
}

fn in_tools(element: ElementRef) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().attr("data-form-tools").is_some())
}

/// The form's own controls (not the page's search box or the tools), outside row templates.
fn controls(html: &Html) -> Vec<ElementRef<'_>> {
    select(
        html,
        "form.paper-form input, form.paper-form select, form.paper-form textarea",
    )
    .into_iter()
    .filter(|c| !in_template(*c) && !in_tools(*c))
    .collect()
}

#[test]
fn every_control_has_a_label_bound_to_it_and_a_name() {
    let site = build();
    for lang in ["th", "en"] {
        let html = page(&site, &format!("{lang}/forms/every-field.html"));
        let found = controls(&html);
        assert!(found.len() > 30, "only {} controls", found.len());
        for control in found {
            let id = attr(control, "id").expect("every control has an id");
            assert!(
                !select(&html, &format!("label[for=\"{id}\"]")).is_empty(),
                "{lang}: no <label for=\"{id}\">"
            );
            assert!(attr(control, "name").is_some(), "{id} has no name");
        }
    }
}

#[test]
fn names_are_field_ids() {
    let html = page(&build(), "en/forms/every-field.html");
    let name = |css: &str| attr(one(&html, css), "name").map(str::to_string);
    assert_eq!(name("#f-case_code").as_deref(), Some("case_code"));
    assert_eq!(name("textarea#f-story").as_deref(), Some("story"));
    assert_eq!(name("#f-place-home").as_deref(), Some("place"));
    assert_eq!(name("#f-needs-legal").as_deref(), Some("needs"));
    assert_eq!(name("#f-is_child-yes").as_deref(), Some("is_child"));
    assert_eq!(name("#f-consent").as_deref(), Some("consent"));
    assert_eq!(name("#f-place-other-text").as_deref(), Some("place.other"));
    assert_eq!(name("#f-services-cost-1").as_deref(), Some("services.cost"));
    assert_eq!(
        name("#f-person_signature-name").as_deref(),
        Some("person_signature.name")
    );
    assert_eq!(
        name("#f-officers-2-position").as_deref(),
        Some("officers.2.position")
    );
    for wrapper in select(&html, "[data-field]") {
        let id = attr(wrapper, "data-field").unwrap_or_default();
        let kind = attr(wrapper, "data-type").unwrap_or_default();
        if kind != "note" {
            assert!(
                controls(&html).iter().any(|c| attr(*c, "name")
                    .is_some_and(|n| n == id || n.starts_with(&format!("{id}.")))),
                "no control named after field {id}"
            );
        }
    }
}

#[test]
fn types_become_the_right_controls_with_their_rules() {
    let html = page(&build(), "en/forms/every-field.html");
    let case_code = one(&html, "#f-case_code");
    assert_eq!(attr(case_code, "maxlength"), Some("12"));
    assert_eq!(attr(case_code, "pattern"), Some("^[A-Z0-9\\-]+$"));
    assert_eq!(
        attr(case_code, "data-pattern-message"),
        Some("Capitals, digits and hyphens.")
    );
    let age = one(&html, "#f-age");
    assert_eq!(
        (
            attr(age, "type"),
            attr(age, "min"),
            attr(age, "max"),
            attr(age, "step")
        ),
        (Some("number"), Some("0"), Some("120"), Some("1"))
    );
    // Dates are typed as the language writes them (forms-dates.js), so a text box marked data-date.
    let date = one(&html, "#f-visit_date");
    assert_eq!(attr(date, "type"), Some("text"));
    assert!(attr(date, "data-date").is_some());
    assert_eq!(
        attr(date, "aria-describedby"),
        Some("f-visit_date-date-hint")
    );
    assert!(text(one(&html, "#f-visit_date-date-hint")).contains("28 Nov 2026"));
    assert_eq!(attr(one(&html, "#f-visit_time"), "type"), Some("time"));
    assert_eq!(attr(one(&html, "#f-phone"), "type"), Some("tel"));
    assert_eq!(attr(one(&html, "#f-email"), "type"), Some("email"));
    assert_eq!(attr(one(&html, "textarea#f-story"), "rows"), Some("6"));
    assert_eq!(
        select(&html, "input[type=radio][name=place]").len(),
        3,
        "two options and Other"
    );
    assert_eq!(select(&html, "input[type=checkbox][name=needs]").len(), 2);
    assert_eq!(select(&html, "input[type=radio][name=is_child]").len(), 2);
    let total = one(&html, "#f-amount_total");
    assert!(attr(total, "readonly").is_some());
    assert_eq!(
        attr(total, "data-total-of"),
        Some(r#"["amount_a","amount_b"]"#)
    );
    let note = one(&html, "[data-field=about] .note-text");
    assert_eq!(one_html(note, "strong"), "aloud");
}

fn one_html(element: ElementRef, css: &str) -> String {
    let selector = Selector::parse(css).unwrap();
    element.select(&selector).map(text).collect()
}

#[test]
fn required_fields_are_required_and_others_are_not() {
    let html = page(&build(), "en/forms/every-field.html");
    let required = |css: &str| attr(one(&html, css), "required").is_some();
    assert!(required("#f-case_code"));
    assert!(required("#f-visit_date"));
    assert!(required("#f-place-home"));
    assert!(required("#f-is_child-no"));
    assert!(required("#f-consent"));
    assert!(required("#f-person_signature-name"));
    assert!(!required("#f-full_name"));
    assert!(
        !required("#f-needs-health"),
        "a multiselect is checked by forms.js"
    );
    assert!(!required("#f-amount_total"));
    assert!(attr(one(&html, "[data-field=place]"), "data-required").is_some());
}

#[test]
fn identifying_fields_are_never_remembered_by_the_browser() {
    let html = page(&build(), "en/forms/every-field.html");
    for id in [
        "f-full_name",
        "f-phone",
        "f-guardian",
        "f-person_signature-name",
        "f-officers-1-name",
    ] {
        assert_eq!(
            attr(one(&html, &format!("#{id}")), "autocomplete"),
            Some("off"),
            "{id}"
        );
    }
    assert_eq!(
        attr(one(&html, "form.paper-form"), "autocomplete"),
        Some("off")
    );
    let title = text(one(&html, "title"));
    assert_eq!(title, "T-01 Every field type – Forms test handbook");
    assert_eq!(
        attr(one(&html, "form.paper-form"), "data-file-stem"),
        Some("T-01")
    );
}

#[test]
fn sensitive_fields_carry_a_consent_notice_read_with_the_field() {
    let html = page(&build(), "en/forms/every-field.html");
    let notice = one(&html, "#f-health_details-sensitive");
    assert!(text(notice).contains("PDPA s.26"), "{}", text(notice));
    let described = attr(one(&html, "#f-health_details"), "aria-describedby").unwrap_or_default();
    assert!(described
        .split(' ')
        .any(|id| id == "f-health_details-sensitive"));
    assert!(select(&html, "#f-story-sensitive").is_empty());
}

#[test]
fn show_if_is_emitted_as_json_and_in_words() {
    let site = build();
    let html = page(&site, "en/forms/every-field.html");
    let health = one(&html, "[data-field=health_details]");
    let json: serde_json::Value =
        serde_json::from_str(attr(health, "data-show-if").unwrap_or_default()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "field": "needs", "is": "health" })
    );
    assert_eq!(
        one_html(health, ".form-condition"),
        "Answer only if “1.10 Needs” includes “Health”"
    );
    let child = one(&html, "section[data-section='2']");
    let json: serde_json::Value =
        serde_json::from_str(attr(child, "data-show-if").unwrap_or_default()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "all": [
            { "field": "is_child", "is": "yes" },
            { "any": [ { "field": "place", "is": "home" }, { "field": "place", "is": "other" } ] }
        ] })
    );
    assert_eq!(
        one_html(child, ".form-condition"),
        "Answer only if “1.11 Under 18?” is “Yes” and (“1.9 Place” is “Home” or “1.9 Place” is “Other (please specify)”)"
    );
    let thai = page(&site, "th/forms/every-field.html");
    assert_eq!(
        one_html(one(&thai, "[data-field=health_details]"), ".form-condition"),
        "ตอบเฉพาะกรณีที่ “1.10 ความต้องการ” มีการเลือก “สุขภาพ”"
    );
}

#[test]
fn a_question_asked_only_sometimes_is_lettered_after_the_one_before_it() {
    let html = page(&build(), "en/forms/every-field.html");
    let number = |field: &str| {
        one_html(
            one(&html, &format!("[data-field={field}]")),
            ".question-number",
        )
    };
    assert_eq!(number("needs"), "1.10");
    assert_eq!(number("health_details"), "1.10a");
    assert_eq!(number("is_child"), "1.11", "no number is lost to 1.10a");
}

#[test]
fn the_index_is_sorted_by_code_with_the_steps_using_a_form_folded() {
    let site = TestSite::fixture(FIXTURE);
    // Last in file-name order, first by code.
    site.file(
        "forms/zz-first.toml",
        "code = \"A-9\"\ntitle = \"First by code\"\n[[section]]\ntitle = \"S\"\n[[section.field]]\nid = \"x\"\ntype = \"text\"\nlabel = \"X\"\n",
    );
    site.build_ok();
    let index = page(&site, "en/forms/index.html");
    let codes: Vec<String> = select(&index, "tr[data-form-row] td.form-code")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(codes, ["A-9", "T-01", "T-02"]);
    for details in select(&index, "tr[data-form-row] details.form-used-by") {
        let links = details.select(&Selector::parse("li a").unwrap()).count();
        let summary = one_html(details, "summary");
        assert!(
            summary == format!("Used in {links} steps")
                || (links == 1 && summary == "Used in 1 step"),
            "{summary} for {links} links"
        );
    }
}

#[test]
fn tables_have_screen_rows_paper_rows_and_a_total() {
    let html = page(&build(), "en/forms/every-field.html");
    let table = one(&html, "table[data-table=services]");
    let rows = |css: &str| table.select(&Selector::parse(css).unwrap()).count();
    assert_eq!(rows("tbody[data-table-rows] tr[data-row]"), 1);
    assert_eq!(rows("tbody.paper-rows tr"), 4);
    assert_eq!(rows("tfoot output[data-total-column=cost]"), 1);
    assert_eq!(
        one_html(table, "thead th .column-choices"),
        "(Planned / Done)"
    );
    assert_eq!(
        select(&html, "[data-field=services] template[data-row-template]").len(),
        1
    );
    assert!(!select(&html, "[data-field=services] button[data-action=add-row]").is_empty());
    assert_eq!(
        select(&html, "#f-services-status-1 option").len(),
        3,
        "an empty choice and two options"
    );
}

#[test]
fn signatures_print_a_block_per_party_with_name_position_date_and_signature() {
    let html = page(&build(), "en/forms/every-field.html");
    let parties = select(&html, "[data-field=officers] .signature-party");
    assert_eq!(parties.len(), 2);
    assert_eq!(one_html(parties[1], "legend"), "Supervisor");
    for part in [
        ".sign-line",
        "input[name='officers.2.name']",
        "input[name='officers.2.position']",
        "input[data-date][name='officers.2.date']",
    ] {
        assert_eq!(
            parties[1].select(&Selector::parse(part).unwrap()).count(),
            1,
            "{part}"
        );
    }
    assert!(
        one_html(one(&html, "[data-field=person_signature]"), ".sign-line").contains("thumbprint")
    );
}

#[test]
fn the_page_has_the_tools_the_privacy_sentence_and_a_paper_header() {
    let site = build();
    let html = page(&site, "en/forms/every-field.html");
    let actions: Vec<&str> = select(&html, "[data-form-tools] button[data-action]")
        .into_iter()
        .filter_map(|b| attr(b, "data-action"))
        .collect();
    assert_eq!(
        actions,
        [
            "check",
            "save",
            "open",
            "clear",
            "print-filled",
            "print-blank",
            "print-blank-guidance",
            "draft-open",
            "draft-delete"
        ]
    );
    // The quick exit is apart from the tools, outside the form.
    let exit = one(&html, "[data-quick-exit]");
    assert_eq!(attr(exit, "href"), Some("../../en/index.html"));
    assert!(select(&html, "[data-form-tools] [data-quick-exit]").is_empty());
    assert!(select(&html, "form [data-quick-exit]").is_empty());
    assert!(text(one(&html, "#form-privacy")).contains("not sent anywhere"));
    assert_eq!(select(&html, "[data-draft-toggle]").len(), 1);
    let header = one(&html, ".paper-header");
    assert_eq!(one_html(header, ".paper-code"), "T-01");
    assert_eq!(one_html(header, "h1"), "Every field type");
    assert_eq!(one_html(header, ".paper-version"), "Version 2026-01");
    assert_eq!(one_html(header, ".paper-confidential"), "CONFIDENTIAL");
    assert_eq!(select(&html, ".form-section .section-number").len(), 4);
    assert_eq!(
        one_html(one(&html, "[data-field=story]"), ".field-guidance"),
        "Guidance for the interviewer: Listen without interrupting."
    );
    assert!(site.exists("static/js/forms.js"));
    assert!(site.exists("static/js/forms-store.js"));
    assert!(site.exists("static/css/forms.css"));
    let paper = std::fs::read_to_string(site.output().join("en/forms/paper.css")).unwrap();
    assert!(paper.contains("@page form-every-field"), "{paper}");
    support::assert_links_resolve(&site);
    assert!(
        paper.contains("\"T-01 · Every field type · Version 2026-01\""),
        "{paper}"
    );
    assert!(paper.contains("counter(page)") && paper.contains("counter(pages)"));
}

#[test]
fn the_index_and_the_print_all_page_list_every_form() {
    let site = build();
    for lang in ["th", "en"] {
        let index = page(&site, &format!("{lang}/forms/index.html"));
        let row = one(&index, "tr[data-form-row=every-field]");
        assert_eq!(one_html(row, "td:first-child"), "T-01");
        assert_eq!(
            attr(one(&index, ".forms-print-all a"), "href"),
            Some("print-all.html")
        );
        let all = page(&site, &format!("{lang}/forms/print-all.html"));
        assert_eq!(
            select(&all, ".printed-form form.paper-form[data-form=every-field]").len(),
            1
        );
        assert!(
            select(&all, "[data-form-tools]").is_empty(),
            "blank forms only"
        );
        assert_eq!(select(&all, "form.paper-form").len(), 2);
        let mut ids: Vec<&str> = select(&all, "[id]")
            .into_iter()
            .filter_map(|e| attr(e, "id"))
            .collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            count,
            "ids are unique when several forms share a page"
        );
        assert_eq!(select(&all, "#f-short-case_code").len(), 1);
    }
    let index = page(&site, "en/forms/index.html");
    assert_eq!(
        one_html(
            one(&index, "tr[data-form-row=every-field]"),
            ".form-purpose"
        ),
        "Tests every kind of field."
    );
}

// ---------- Errors: each points at file:line:col ----------

/// The build's errors when `forms/bad.toml` holds `source`, as the user sees them.
fn error_of(source: &str) -> String {
    let site = TestSite::fixture(FIXTURE);
    site.file("forms/bad.toml", source);
    site.build_errors().join("\n")
}

const HEAD: &str = "title = \"Bad\"\n[[section]]\ntitle = \"S\"\n";

fn field(id: &str, rest: &str) -> String {
    format!("[[section.field]]\nid = \"{id}\"\n{rest}\n")
}

fn assert_error(source: &str, location: &str, message: &str, hint: Option<&str>) {
    let shown = error_of(source);
    let first = shown.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!("forms/bad.toml:{location}: error: {message}"),
        "\n{shown}"
    );
    if let Some(hint) = hint {
        assert!(shown.contains(&format!("= hint: {hint}")), "\n{shown}");
    }
}

#[test]
fn unknown_type_suggests_the_closest() {
    let source = format!(
        "{HEAD}{}",
        field("a", "type = \"multi_select\"\nlabel = \"A\"")
    );
    assert_error(
        &source,
        "6:8",
        "unknown field type \"multi_select\"",
        Some("did you mean \"multiselect\"?"),
    );
}

#[test]
fn unknown_key_is_an_error() {
    let source = format!(
        "{HEAD}{}",
        field("a", "type = \"text\"\nlabel = \"A\"\nrequierd = true")
    );
    assert_error(
        &source,
        "8:1",
        "unknown key \"requierd\"",
        Some("did you mean \"required\"?"),
    );
}

#[test]
fn a_key_of_another_type_is_an_error() {
    let source = format!("{HEAD}{}", field("a", "type = \"select\"\nlabel = \"A\"\nlines = 3\noptions = [{ value = \"x\", label = \"X\" }]"));
    assert_error(
        &source,
        "8:9",
        "`lines` does not apply to a select field",
        Some("keys for select: options, other"),
    );
}

#[test]
fn duplicate_id_points_at_the_second() {
    let source = format!(
        "{HEAD}{}{}",
        field("a", "type = \"text\"\nlabel = \"A\""),
        field("a", "type = \"date\"\nlabel = \"B\"")
    );
    assert_error(
        &source,
        "9:6",
        "field id \"a\" is used twice in this form",
        Some("it is first used on line 5"),
    );
}

#[test]
fn show_if_with_an_unknown_field() {
    let source = format!(
        "{HEAD}{}{}",
        field("is_child", "type = \"yes_no\"\nlabel = \"A\""),
        field(
            "b",
            "type = \"text\"\nlabel = \"B\"\nshow_if = \"is_chld == 'yes'\""
        )
    );
    assert_error(
        &source,
        "12:12",
        "show_if: no field \"is_chld\" in this form",
        Some("did you mean \"is_child\"?"),
    );
}

#[test]
fn show_if_with_a_value_that_is_not_an_option() {
    let source = format!(
        "{HEAD}{}{}",
        field("place", "type = \"select\"\nlabel = \"P\"\noptions = [{ value = \"home\", label = \"Home\" }, { value = \"office\", label = \"Office\" }]"),
        field("b", "type = \"text\"\nlabel = \"B\"\nshow_if = \"place == 'hom'\"")
    );
    assert_error(
        &source,
        "13:22",
        "show_if: \"hom\" is not a value of \"place\"",
        Some("did you mean \"home\"?"),
    );
    let yes_no = format!(
        "{HEAD}{}{}",
        field("child", "type = \"yes_no\"\nlabel = \"C\""),
        field(
            "b",
            "type = \"text\"\nlabel = \"B\"\nshow_if = \"child == 'true'\""
        )
    );
    assert_error(
        &yes_no,
        "12:22",
        "show_if: \"true\" is not a value of \"child\"",
        Some("values of \"child\": yes, no"),
    );
}

#[test]
fn bad_show_if_syntax_points_at_the_column() {
    let source = format!(
        "{HEAD}{}{}",
        field("a", "type = \"yes_no\"\nlabel = \"A\""),
        field(
            "b",
            "type = \"text\"\nlabel = \"B\"\nshow_if = \"a == 'yes' && a != 'no'\""
        )
    );
    assert_error(
        &source,
        "12:23",
        "bad show_if: `&` is not an operator here",
        Some("write `and`"),
    );
    let section = format!(
        "{HEAD}show_if = \"(a == 'yes'\"\n{}",
        field("a", "type = \"yes_no\"\nlabel = \"A\"")
    );
    assert_error(
        &section,
        "4:12",
        "bad show_if: this `(` is not closed",
        None,
    );
}

#[test]
fn show_if_loops_and_self_references_are_errors() {
    let own = format!(
        "{HEAD}{}",
        field(
            "a",
            "type = \"yes_no\"\nlabel = \"A\"\nshow_if = \"a == 'yes'\""
        )
    );
    assert_error(
        &own,
        "8:12",
        "show_if of \"a\" refers to the field itself",
        None,
    );
    let looped = format!(
        "{HEAD}{}{}",
        field(
            "a",
            "type = \"yes_no\"\nlabel = \"A\"\nshow_if = \"b == 'yes'\""
        ),
        field(
            "b",
            "type = \"yes_no\"\nlabel = \"B\"\nshow_if = \"a == 'yes'\""
        )
    );
    assert_error(
        &looped,
        "8:12",
        "show_if conditions go round in a circle: a -> b -> a",
        None,
    );
}

#[test]
fn bad_patterns_are_errors() {
    let rust = format!(
        "{HEAD}{}",
        field(
            "a",
            "type = \"text\"\nlabel = \"A\"\npattern = \"^[0-9{13}$\""
        )
    );
    let shown = error_of(&rust);
    assert!(
        shown.starts_with("forms/bad.toml:8:12: error: bad pattern:"),
        "{shown}"
    );
    let browser = format!(
        "{HEAD}{}",
        field(
            "a",
            "type = \"text\"\nlabel = \"A\"\npattern = \"^[0-9+()]+$\""
        )
    );
    assert_error(
        &browser,
        "8:18",
        "`(` inside a character class must be escaped for browsers",
        Some("write \\("),
    );
}

#[test]
fn references_to_roles_and_totals_are_checked() {
    let party = format!("{HEAD}{}", field("s", "type = \"signatures\"\nlabel = \"S\"\nparties = [{ role = \"case-manger\", label = \"CM\" }]"));
    assert_error(
        &party,
        "8:21",
        "unknown role \"case-manger\"",
        Some("did you mean \"case-manager\"?"),
    );
    let total = format!(
        "{HEAD}{}{}",
        field("a", "type = \"text\"\nlabel = \"A\""),
        field("t", "type = \"number\"\nlabel = \"T\"\ntotal = [\"a\"]")
    );
    assert_error(
        &total,
        "12:9",
        "total: \"a\" is a text field, not a number",
        None,
    );
    let column = format!("{HEAD}{}", field("t", "type = \"table\"\nlabel = \"T\"\ncolumns = [{ id = \"x\", type = \"signature\", label = \"X\" }]"));
    assert_error(
        &column,
        "8:31",
        "a table column cannot be a \"signature\" field",
        None,
    );
    let options = format!("{HEAD}{}", field("s", "type = \"select\"\nlabel = \"S\""));
    assert_error(&options, "5:6", "field \"s\" needs options", None);
}
