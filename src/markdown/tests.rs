//! Tests of the Markdown passes, through the rendering they serve.

use super::*;

struct NoLinks;
impl LinkResolver for NoLinks {
    fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
        if destination.starts_with("@/missing") {
            Err(("no such page".into(), None))
        } else {
            Ok(LinkTarget::Internal(destination.to_string()))
        }
    }
    fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
        Ok(source.to_string())
    }
}

fn render_plain(markdown: &str, marks: &TextMarks) -> (Rendered, Vec<LinkProblem>) {
    render(
        markdown,
        &RenderContext {
            links: &NoLinks,
            marks,
            heading_offset: 0,
            id_prefix: "",
        },
    )
}

#[test]
fn headings_get_unique_ids_and_custom_ids_win() {
    let found = headings("## Overview\n\n## Overview\n\n## Named {#chosen}\n\n## ภาพรวม\n");
    let ids: Vec<&str> = found.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["overview", "overview-1", "chosen", "ภาพรวม"]);
}

#[test]
fn sections_carry_their_heading_and_text() {
    let (rendered, _) = render_plain(
        "Intro text.\n\n## Consent\n\nAsk *first*.\n",
        &TextMarks::none(),
    );
    assert_eq!(rendered.sections.len(), 2);
    assert_eq!(rendered.sections[1].anchor.as_deref(), Some("consent"));
    assert_eq!(rendered.sections[1].heading, "Consent");
    // "Ask first." without its space: the text itself is the print body's (search/body_text.rs).
    assert_eq!(rendered.sections[1].words, 9);
    assert!(rendered.sections[0].has_text());
}

#[test]
fn a_section_of_links_only_is_told_from_one_with_links_in_its_text() {
    let markdown = "## Related pages\n\n- [Consent](@/a.md)\n- [Referral](@/b.md)\n\n## Consent\n\nAsk first, and see [referral](@/b.md).\n";
    let (rendered, _) = render_plain(markdown, &TextMarks::none());
    assert!(rendered.sections[0].is_links_only());
    assert!(!rendered.sections[1].is_links_only());
}

#[test]
fn plain_text_keeps_a_link_s_words_and_drops_its_target() {
    assert_eq!(
        plain_text("See [the **MDT**](@/reintegration/mdt.md).\n\nThen `F-07`."),
        "See the MDT. Then F-07."
    );
}

#[test]
fn a_table_cell_s_column_label_counts_among_its_section_s_words() {
    let markdown = "## Interpreters\n\n| Do | Avoid |\n|---|---|\n| Use a trained interpreter | Use relatives |\n\n| Only |\n|---|\n| one column |\n";
    let (rendered, _) = render_plain(markdown, &TextMarks::none());
    // Labelled in a table that compares ("Do:", "Avoid:", each between the two marks, which
    // search excerpts show and the index skips); not in a table of a single column.
    let cells = "Do Avoid Use a trained interpreter Use relatives Only one column";
    let labels = ["Do:", "Avoid:"].map(|label| label.len() + 2 * SHOWN_ONLY_START.len_utf8());
    assert_eq!(
        rendered.sections[0].words,
        cells.replace(' ', "").len() + labels.iter().sum::<usize>()
    );
    assert!(!rendered.html.contains("Avoid:"), "{}", rendered.html);
}

#[test]
fn rendered_heading_ids_match_the_ones_links_are_checked_against() {
    let markdown = "## A\n\n## A {#b}\n\n## B\n\n## `code` and *more*\n\n## A\n";
    let (rendered, _) = render_plain(markdown, &TextMarks::none());
    assert_eq!(rendered.headings, headings(markdown));
    let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "b-1", "code-and-more", "a-1"]);
    assert!(
        rendered.html.contains("<h2 id=\"b-1\">B</h2>"),
        "{}",
        rendered.html
    );
}

struct PrefixLinks(&'static str);
impl LinkResolver for PrefixLinks {
    fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
        Ok(LinkTarget::Internal(format!("{}{destination}", self.0)))
    }
    fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
        Ok(format!("{}{source}", self.0))
    }
}

struct AnchorsAsIs;
impl LinkResolver for AnchorsAsIs {
    fn link(&self, destination: &str) -> Result<LinkTarget, (String, Option<String>)> {
        Ok(LinkTarget::Internal(destination.to_string()))
    }
    fn image(&self, source: &str) -> Result<String, (String, Option<String>)> {
        Ok(source.to_string())
    }
}

#[test]
fn a_variant_has_its_own_links_heading_levels_and_prefixed_ids() {
    let page_links = PrefixLinks("../../");
    let print_links = PrefixLinks("../");
    let context = RenderContext {
        links: &page_links,
        marks: &TextMarks::none(),
        heading_offset: 0,
        id_prefix: "",
    };
    let variant = Variant {
        links: &print_links,
        heading_offset: 1,
        id_prefix: "p1-",
    };
    let markdown = "Intro.\n\n## Steps\n\nSee [x](a.html) and ![i](p.png).\n";
    let (rendered, print, _) = render_with_variant(markdown, &context, Some(&variant));
    let print = print.unwrap_or_default();
    // The serialiser tells where each heading's tag starts, after the newline before it.
    let steps = print.html.find("<h3").expect("the heading");
    assert_eq!(print.heading_starts, [steps]);
    let print = print.html;
    assert!(
        rendered.html.contains("<h2 id=\"steps\">Steps</h2>"),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains("href=\"../../a.html\""));
    assert!(rendered.html.contains("src=\"../../p.png\""));
    assert!(print.contains("<h3 id=\"p1-steps\">Steps</h3>"), "{print}");
    assert!(print.contains("href=\"../a.html\""), "{print}");
    assert!(print.contains("src=\"../p.png\""), "{print}");
    assert_eq!(
        rendered
            .html
            .replace("../../", "../")
            .replace("h2", "h3")
            .replace("id=\"steps\"", "id=\"p1-steps\""),
        print
    );
}

#[test]
fn a_link_to_a_heading_of_the_same_page_follows_the_variant_ids() {
    let context = RenderContext {
        links: &AnchorsAsIs,
        marks: &TextMarks::none(),
        heading_offset: 0,
        id_prefix: "",
    };
    let variant = Variant {
        links: &AnchorsAsIs,
        heading_offset: 1,
        id_prefix: "print-3-",
    };
    let markdown = "## Steps\n\nBack to [the steps](#steps) or [elsewhere](b.html#steps).\n";
    let (rendered, print, _) = render_with_variant(markdown, &context, Some(&variant));
    let print = print.unwrap_or_default().html;
    assert!(
        rendered.html.contains("href=\"#steps\""),
        "{}",
        rendered.html
    );
    assert!(print.contains("href=\"#print-3-steps\""), "{print}");
    assert!(print.contains("href=\"b.html#steps\""), "{print}");
}

#[test]
fn whitespace_collapses_to_single_spaces() {
    assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b c");
    assert_eq!(collapse_whitespace(" \n "), "");
    assert_eq!(collapse_whitespace("ไทย  คำ"), "ไทย คำ");
}

#[test]
fn whitespace_collapses_like_a_character_at_a_time_on_random_text() {
    // The byte-reading version against the plain definition, over every whitespace character
    // and neighbours that share their first byte (Thai, U+00A9, U+2010, U+3001), and characters
    // of two and four bytes.
    fn by_characters(text: &str) -> String {
        let mut collapsed = String::new();
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = !collapsed.is_empty();
            } else {
                if space {
                    collapsed.push(' ');
                    space = false;
                }
                collapsed.push(c);
            }
        }
        collapsed
    }
    let pieces: Vec<char> = "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1c}\u{a9}\u{2010}\u{3001}\u{180e}\u{200b}aZ.ไทยคำé\u{1F600}"
        .chars()
        .collect();
    let mut random = crate::test_random::random_below(0xC011_A95E);
    for _ in 0..20_000 {
        // Up to 40 characters: the scan reads blocks of sixteen bytes.
        let length = random(40);
        let text: String = (0..length).map(|_| pieces[random(pieces.len())]).collect();
        let collapsed = collapse_whitespace(&text);
        assert_eq!(collapsed, by_characters(&text), "{text:?}");
        // What the edition record's fingerprints hash (`sections::fingerprint`).
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(collapsed, words.join(" "), "{text:?}");
        // What a section counts of it: the collapsed text but its spaces.
        let spaces = collapsed.bytes().filter(|byte| *byte == b' ').count();
        assert_eq!(
            sections::visible_bytes(&text),
            collapsed.len() - spaces,
            "{text:?}"
        );
    }
}

#[test]
fn a_broken_link_is_reported_with_its_position() {
    let (_, problems) = render_plain("See [x](@/missing.md).", &TextMarks::none());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].range.start, 4);
}

#[test]
fn task_lists_print_boxes_not_unlabelled_inputs() {
    let (rendered, _) = render_plain(
        "- [ ] destroy paper copies\n- [x] inform the person\n",
        &TextMarks::none(),
    );
    assert!(!rendered.html.contains("<input"), "{}", rendered.html);
    assert!(
        rendered.html.contains("☐</span> destroy"),
        "{}",
        rendered.html
    );
    assert!(
        rendered.html.contains("☑</span> inform"),
        "{}",
        rendered.html
    );
}

#[test]
fn abbreviations_are_marked_only_where_they_stand_alone() {
    let abbreviations = TextMarks::new(vec![("MDT".into(), "Multidisciplinary team".into())], &[]);
    let (rendered, _) = render_plain("The MDT meets. MDTs differ.", &abbreviations);
    assert_eq!(
        rendered
            .html
            .matches("<abbr title=\"Multidisciplinary team\">MDT</abbr>")
            .count(),
        1
    );
}

/// The words of each long kept term in `html`: its text between two `<wbr>`.
fn long_term_words(html: &str) -> Vec<Vec<String>> {
    let fragment = scraper::Html::parse_fragment(html);
    let keep = scraper::Selector::parse("span.keep").unwrap();
    fragment
        .select(&keep)
        .map(|term| {
            let mut words = vec![String::new()];
            for node in term.descendants() {
                match node.value() {
                    scraper::Node::Element(element) if element.name() == "wbr" => {
                        words.push(String::new())
                    }
                    scraper::Node::Text(text) => words.last_mut().unwrap().push_str(text),
                    _ => {}
                }
            }
            words
        })
        .collect()
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    scraper::Html::parse_fragment(html)
        .select(&scraper::Selector::parse(selector).unwrap())
        .map(|element| element.text().collect())
        .collect()
}

#[test]
fn short_thai_terms_are_kept_on_one_line_long_ones_between_their_words_english_not() {
    let terms = [
        "ผู้เสียหาย".to_string(),
        "การค้ามนุษย์".to_string(),
        "ผู้เสียหายจากการค้ามนุษย์".to_string(),
        "Case manager".to_string(),
    ];
    let marks = TextMarks::new(Vec::new(), &terms);
    let (rendered, _) = render_plain(
        "ติดตามผู้เสียหายจากการค้ามนุษย์กลับบ้าน with the Case manager ผู้เสียหาย",
        &marks,
    );
    // The long term is one inline block, breakable only between its words, the short terms
    // inside it first: never ผู้เสีย|หาย nor การค้า|มนุษย์.
    assert_eq!(
        texts(&rendered.html, "span.keep"),
        ["ผู้เสียหายจากการค้ามนุษย์"],
        "{}",
        rendered.html
    );
    assert_eq!(
        long_term_words(&rendered.html),
        [["ผู้เสียหาย", "จาก", "การค้ามนุษย์"]],
        "{}",
        rendered.html
    );
    // Its kept words are spans; จาก, one dictionary word, needs none.
    assert_eq!(
        texts(&rendered.html, "span.keep > k-w"),
        ["ผู้เสียหาย", "การค้ามนุษย์"],
        "{}",
        rendered.html
    );
    assert_eq!(
        rendered.html.matches("<wbr>").count(),
        2,
        "{}",
        rendered.html
    );
    assert_eq!(
        texts(&rendered.html, "p > k-w"),
        ["ผู้เสียหาย"],
        "{}",
        rendered.html
    );
    assert!(
        !rendered.html.contains(">Case manager<"),
        "{}",
        rendered.html
    );
    // Not inside a longer word: กระบวนการส่งกลับ would become one unbreakable run.
    let marks = TextMarks::new(Vec::new(), &["การส่งกลับ".to_string()]);
    let (inside, _) = render_plain("กระบวนการส่งกลับ", &marks);
    assert!(!inside.html.contains("<k-w>"), "{}", inside.html);
    // A term that starts inside one not kept there is still found: ส่งกลับ in the same words.
    let marks = TextMarks::new(Vec::new(), &["การส่งกลับ".to_string(), "ส่งกลับ".to_string()]);
    let (overlapped, _) = render_plain("กระบวนการส่งกลับ", &marks);
    assert_eq!(
        texts(&overlapped.html, "k-w"),
        ["ส่งกลับ"],
        "{}",
        overlapped.html
    );
    // But where the dictionary's word it cuts into leaves a letter or two (ตัวผู้|เสีย|หาย),
    // browsers would cut the term: it is kept.
    let marks = TextMarks::new(Vec::new(), &["ผู้เสียหาย".to_string()]);
    let (glued, _) = render_plain("รับตัวผู้เสียหายกลับ", &marks);
    assert_eq!(texts(&glued.html, "k-w"), ["ผู้เสียหาย"], "{}", glued.html);
}

#[test]
fn a_long_name_breaks_after_its_slash_and_keeps_its_short_terms_whole() {
    let terms = [
        "สถานกงสุลใหญ่".to_string(),
        "สถานเอกอัครราชทูต".to_string(),
        "เจ้าหน้าที่สถานเอกอัครราชทูต/สถานกงสุลใหญ่".to_string(),
    ];
    let marks = TextMarks::new(Vec::new(), &terms);
    let html = marks.keep_terms("ติดต่อเจ้าหน้าที่สถานเอกอัครราชทูต/สถานกงสุลใหญ่ & ญาติ");
    assert_eq!(
        long_term_words(&html),
        [["เจ้าหน้าที่", "สถานเอกอัครราชทูต/", "สถานกงสุลใหญ่"]],
        "{html}"
    );
    assert!(html.contains("&amp; ญาติ"), "{html}");
    // Brackets around it stay with it: an inline block may be broken before and after.
    let html = marks.keep_terms("ผู้นำ (เจ้าหน้าที่สถานเอกอัครราชทูต/สถานกงสุลใหญ่),");
    assert_eq!(
        texts(&html, "span.keep"),
        ["(เจ้าหน้าที่สถานเอกอัครราชทูต/สถานกงสุลใหญ่)"],
        "{html}"
    );
    assert!(html.starts_with("ผู้นำ <span"), "{html}");
    assert!(html.ends_with(")</span>,"), "{html}");
}

#[test]
fn link_text_keeps_its_terms_but_not_abbreviations_and_image_text_neither() {
    let marks = TextMarks::new(
        vec![("MDT".into(), "Multidisciplinary team".into())],
        &["การค้ามนุษย์".to_string()],
    );
    let (rendered, _) = render_plain("[การค้ามนุษย์ MDT](#a) ![การค้ามนุษย์](x.png)", &marks);
    assert_eq!(
        texts(&rendered.html, "a k-w"),
        ["การค้ามนุษย์"],
        "{}",
        rendered.html
    );
    assert!(!rendered.html.contains("<abbr"), "{}", rendered.html);
    assert!(
        rendered.html.contains("alt=\"การค้ามนุษย์\""),
        "{}",
        rendered.html
    );
}

#[test]
fn abbreviation_text_is_escaped() {
    let abbreviations = TextMarks::new(vec![("MDT".into(), "a \"team\"".into())], &[]);
    let (rendered, _) = render_plain("MDT & co", &abbreviations);
    assert!(
        rendered.html.contains("title=\"a &quot;team&quot;\""),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains("&amp; co"));
}

#[test]
fn one_parsed_body_is_serialised_for_each_place_it_is_shown() {
    let body = Body::parse("# A\n\n[x](#a)\n", &TextMarks::none());
    let page = body.to_html(&NoLinks, 1, "", None);
    let print = body.to_html(&NoLinks, 2, "p1-", None);
    assert!(page.contains("<h2 id=\"a\">A</h2>"), "{page}");
    assert!(page.contains("href=\"#a\""), "{page}");
    assert!(print.contains("<h3 id=\"p1-a\">A</h3>"), "{print}");
    assert!(print.contains("href=\"#p1-a\""), "{print}");
}

#[test]
fn a_code_block_is_one_highlighted_block_and_searchable_text() {
    let body = Body::parse("## Run\n\n```toml\nkey = 1\n```\n", &TextMarks::none());
    let html = body.to_html(&NoLinks, 0, "", None);
    assert_eq!(html.matches("<pre").count(), 1, "{html}");
    assert_eq!(body.sections[0].words, "key=1".len());
    assert_eq!(body.sections[0].anchor.as_deref(), Some("run"));
}

#[test]
fn text_is_escaped_wherever_its_markup_characters_are() {
    let marks = TextMarks::new(Vec::new(), &["ผู้เสียหาย".to_string()]);
    let long = format!("{}&", "ก".repeat(40));
    for text in ["a < b", long.as_str(), "x > y ผู้เสียหาย <i>", "plain", ""] {
        let html = marks.keep_terms(text);
        let unmarked = html.replace("<k-w>", "").replace("</k-w>", "");
        assert_eq!(unmarked, html_escape::encode_text(text), "{text:?}");
    }
    assert!(marks
        .keep_terms("x > ผู้เสียหาย")
        .contains("<k-w>ผู้เสียหาย</k-w>"));
}

#[test]
fn text_written_as_html_is_what_the_writer_makes_of_the_text() {
    // No link, image or heading, which the passes change: only the text pass's conversion of
    // plain text, which the writer must write exactly as it would the text.
    let markdown = "He said \"hi\" & left.\nNext line  \nhard break.\n\n- *one* two\n- `code` <b>x</b>\n\n| a | b |\n|---|---|\n| x & y | z > 1 |\n\n> quoted\n> text\n\n1. a\n\n   b\n";
    let body = Body::parse(markdown, &TextMarks::none());
    let mut expected = String::new();
    pulldown_cmark::html::push_html(&mut expected, Parser::new_ext(markdown, options()));
    assert_eq!(body.to_html(&NoLinks, 0, "", None), expected);
}
