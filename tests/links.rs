//! Links as CommonMark means them, in the built HTML: e-mail autolinks and other schemes (tel:,
//! irc:, any scheme) are links, destinations are percent-encoded, an absolute path is an error.

mod support;

use support::TestSite;

/// The check fixture's English page with `paragraph` as its first section's text.
fn english_page_saying(site: &TestSite, paragraph: &str) {
    site.file(
        "content/guide/page.en.md",
        &format!(
            "+++\ntitle = \"Page\"\n+++\n\n## First part\n\n{paragraph}\n\n### Sub-part\n\nText.\n"
        ),
    );
}

/// The hrefs of the links in the page body, in order.
fn hrefs(site: &TestSite) -> Vec<String> {
    let page = site.page("en/guide/page.html");
    page.select("main a[href]")
        .iter()
        .filter(|a| {
            a.ancestors()
                .any(|p| p.value().as_element().is_some_and(|e| e.name() == "p"))
        })
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn autolinks_with_any_scheme_and_e_mail_addresses_are_links() {
    let site = TestSite::fixture("check");
    english_page_saying(
        &site,
        "Write to <help@example.org>, call <tel:1300>, chat on <irc://irc.example.org/handbook>, \
         or open <made-up-scheme://foo,bar> and [the hotline](tel:1300).",
    );
    site.build_ok();
    assert_eq!(
        hrefs(&site),
        [
            "mailto:help@example.org",
            "tel:1300",
            "irc://irc.example.org/handbook",
            "made-up-scheme://foo,bar",
            "tel:1300",
        ]
    );
    let page = site.page("en/guide/page.html");
    let texts = page.texts("main p a");
    assert!(texts.contains(&"help@example.org".to_string()), "{texts:?}");
}

#[test]
fn destinations_are_percent_encoded_as_commonmark_requires() {
    let site = TestSite::fixture("check");
    site.file(
        "content/guide/my form.txt",
        "a file with a space in its name",
    );
    english_page_saying(
        &site,
        "[web](<https://example.org/a b\\c[1]`d`>) [file](<my form.txt>) [same file](my%20form.txt) [escape](https://example.org/100%25)",
    );
    site.build_ok();
    let found = hrefs(&site);
    assert_eq!(found[0], "https://example.org/a%20b%5Cc%5B1%5D%60d%60");
    assert!(
        found[1].ends_with("assets/guide/my%20form.txt"),
        "{found:?}"
    );
    assert_eq!(found[1], found[2]);
    assert_eq!(found[3], "https://example.org/100%25");
    assert!(site.output().join("assets/guide/my form.txt").is_file());
}

#[test]
fn an_absolute_path_and_a_script_link_are_errors_with_a_hint() {
    let site = TestSite::fixture("check");
    english_page_saying(&site, "[x](/guide/page.html) [y](javascript:alert(1))");
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("absolute link /guide/page.html"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("hint: write @/path/to/page.md"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("a javascript: link"), "{}", errors[1]);
}
