//! The PDF edition of the bundled handbook, read back with poppler's tools: page sizes, embedded
//! fonts, bookmarks, Thai text, contents page numbers, identical bytes, no browser needed.

use std::path::Path;

mod pdf_edition;

use pdf_edition::{info, info_field, pages, repo, text_of, tool, xml_of};

fn edition() -> &'static Path {
    pdf_edition::edition("pdf-edition")
}

#[test]
fn the_whole_handbook_is_a4_tagged_titled_and_of_sane_length_in_both_languages() {
    for (lang, title) in [
        ("th", "คู่มือการส่งกลับและการคืนสู่สังคม"),
        ("en", "Return and Social Reintegration Handbook"),
    ] {
        let file = edition().join(lang).join("handbook.pdf");
        let info = info(&file);
        assert!(
            info_field(&info, "Page size").starts_with("595.276 x 841.89"),
            "{lang}: not A4:\n{info}"
        );
        let count = pages(&file);
        assert!((40..=800).contains(&count), "{lang}: {count} pages");
        assert_eq!(info_field(&info, "Tagged"), "yes", "{lang}");
        assert!(
            info_field(&info, "Title").contains(title),
            "{lang}:\n{info}"
        );
    }
}

#[test]
fn every_font_is_embedded_sarabun() {
    let file = edition().join("th").join("handbook.pdf");
    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("Sarabun"), "not Sarabun: {row}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: "emb" is the fourth column from the right
        // after the two of the object id.
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}");
    }
}

#[test]
fn thai_terms_extract_whole_and_the_outline_lists_every_chapter() {
    let file = edition().join("th").join("handbook.pdf");
    let text = text_of(&file, None);
    assert!(
        text.contains("ผู้เสียหายจากการค้ามนุษย์"),
        "the key term is not whole"
    );
    // Bookmarks: pdftohtml -xml writes the outline.
    let xml = xml_of(&file, &["-l", "1"]);
    assert!(xml.contains("<outline"), "no outline:\n{xml}");
    let outline = &xml[xml.find("<outline").unwrap_or(0)..];
    let mut chapters = 0;
    for entry in std::fs::read_dir(repo().join("content")).expect("content") {
        let index = entry.expect("entry").path().join("_index.md");
        let Ok(source) = std::fs::read_to_string(&index) else {
            continue;
        };
        let title = source
            .lines()
            .find_map(|line| line.strip_prefix("title = \""))
            .and_then(|rest| rest.strip_suffix('"'))
            .expect("a chapter title");
        assert!(
            outline.contains(title),
            "the outline has no chapter {title}"
        );
        chapters += 1;
    }
    assert!(chapters >= 5);
}

#[test]
fn the_contents_page_numbers_point_at_the_chapters() {
    let file = edition().join("en").join("handbook.pdf");
    let contents = text_of(&file, Some(2));
    let mut checked = 0;
    for line in contents.lines() {
        let line = line.trim();
        let Some((title, number)) = line.rsplit_once(' ') else {
            continue;
        };
        let title = title.trim_end_matches(['.', ' ']).trim();
        // Typst puts a word joiner before the page number.
        let number = number.trim_start_matches(|c: char| !c.is_ascii_digit());
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        if title.len() < 8 || checked >= 4 {
            continue;
        }
        let page = text_of(&file, Some(number));
        let first_words: String = title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            page.contains(&first_words),
            "contents say \"{title}\" is on page {number}, which does not show it:\n{page}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "too few contents entries read:\n{contents}");
}

#[test]
fn a_link_to_a_step_leads_to_the_page_that_shows_the_step() {
    // "Next step: 3. Title" in a procedure links to step 3's heading: its destination is put in
    // after layout (vendor/README.md, typst-layout's second change), from the pages themselves.
    for lang in ["en", "th"] {
        let file = edition().join(lang).join("handbook.pdf");
        let xml = xml_of(&file, &[]);
        let mut pages: Vec<(usize, String)> = Vec::new();
        for page in xml.split("<page number=\"").skip(1) {
            let number = page.split('"').next().and_then(|n| n.parse().ok());
            pages.push((number.expect("page number"), page.to_string()));
        }
        let shown = |number: usize| -> String {
            let page = pages
                .iter()
                .find(|(n, _)| *n == number)
                .map(|(_, p)| p.as_str());
            let page = page.unwrap_or_else(|| {
                panic!("{lang}: a link leads to page {number}, which is not in the book")
            });
            // The page's text without its markup.
            let mut text = String::new();
            for piece in page.split('<') {
                text.push_str(piece.split_once('>').map_or("", |(_, after)| after));
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let mut checked = 0;
        for (number, page) in &pages {
            // pdftohtml writes a link inside the document as `<a href="out.html#page">`.
            for link in page.split("<a href=\"").skip(1) {
                let Some((href, rest)) = link.split_once("\">") else {
                    continue;
                };
                let Some((_, target)) = href.split_once(".html#") else {
                    continue;
                };
                // A step's link is a whole text line of its own: "3. Title".
                let Some((text, after)) = rest.split_once("</a>") else {
                    continue;
                };
                let text = text.trim();
                let is_step = text
                    .split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
                if !is_step || !after.starts_with("</text>") {
                    continue;
                }
                let target: usize = target.parse().expect("target page");
                assert!(
                    shown(target).contains(text),
                    "{lang}: the link \"{text}\" on page {number} leads to page {target}, which does not show it"
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "{lang}: only {checked} links to steps found");
    }
}

#[test]
fn chapters_pocket_guides_and_forms_are_made_at_their_sizes() {
    let edition = edition();
    let chapter = edition.join("en").join("chapters").join("return.pdf");
    assert!(pages(&chapter) < pages(&edition.join("en").join("handbook.pdf")));
    let guide = edition.join("th").join("roles").join("case-manager.pdf");
    assert!(
        info_field(&info(&guide), "Page size").starts_with("419.528 x 595.276"),
        "the pocket guide is not A5"
    );
    let form = edition.join("en").join("forms").join("screening.pdf");
    let guided = edition
        .join("en")
        .join("forms")
        .join("screening-guidance.pdf");
    let blank_text = text_of(&form, None);
    assert!(blank_text.contains("CONFIDENTIAL"), "{blank_text}");
    assert!(blank_text.contains("Page 1 of"), "{blank_text}");
    assert!(blank_text.contains("Case code"), "{blank_text}");
    let guided_text = text_of(&guided, None);
    assert!(guided_text.contains("Guidance for the interviewer"));
    assert!(!blank_text.contains("Guidance for the interviewer"));
}

#[test]
fn two_runs_give_identical_bytes() {
    let again = tempfile::tempdir().expect("temp dir");
    let summary = handbook::pdf::edition(repo(), Some(again.path().join("pdf"))).expect("pdf");
    assert!(summary.files > 20);
    for entry in walkdir::WalkDir::new(edition())
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(edition()).expect("inside");
        let first = std::fs::read(entry.path()).expect("read");
        let second = std::fs::read(again.path().join("pdf").join(relative)).expect("read again");
        assert!(
            first == second,
            "{} differs between two runs",
            relative.display()
        );
    }
}

/// The number printed before a question's label in a form's text ("1.6" before "Was an
/// interpreter used?").
fn number_before(text: &str, label: &str) -> String {
    let line = text
        .lines()
        .find(|line| line.contains(label))
        .unwrap_or_else(|| panic!("no question \"{label}\" in:\n{text}"));
    let before = &line[..line.find(label).expect("found")];
    before
        .split_whitespace()
        .last()
        .unwrap_or_else(|| panic!("no number before \"{label}\": {line}"))
        .to_string()
}

#[test]
fn a_conditional_question_is_numbered_as_on_the_site_by_the_question_it_follows() {
    let text = text_of(
        &edition().join("en").join("forms").join("screening.pdf"),
        None,
    );
    // forms/screening.toml: "Interpreting language" is asked only if an interpreter was used;
    // the three guardian questions only if a guardian is present.
    let interpreter = number_before(&text, "Was an interpreter used?");
    assert!(
        interpreter.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "{interpreter}"
    );
    assert_eq!(
        number_before(&text, "Interpreting language"),
        format!("{interpreter}a")
    );
    let guardian = number_before(&text, "Is a guardian present at the interview?");
    for (label, letter) in [
        ("Guardian's full name", 'a'),
        ("Relationship to the child", 'b'),
        ("Guardian's phone number", 'c'),
    ] {
        assert_eq!(number_before(&text, label), format!("{guardian}{letter}"));
    }
}

/// F-01's seven sensitive questions come in runs (the means used and their details; health and
/// its details): the PDF prints the sensitive-data notice once for each run, as the site does.
#[test]
fn a_run_of_sensitive_questions_prints_the_notice_once() {
    let text = text_of(
        &edition().join("en").join("forms").join("screening.pdf"),
        None,
    );
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let notices = squeezed
        .matches("Sensitive personal data (PDPA s.26)")
        .count();
    assert!(
        (1..7).contains(&notices),
        "{notices} notices for F-01's seven sensitive questions"
    );
}

/// The targets of the links to other files in `file` (pdftohtml -xml writes each link as an
/// `<a href>`), without web addresses and links inside the document.
fn file_links(file: &Path) -> Vec<String> {
    let xml = xml_of(file, &[]);
    let mut links: Vec<String> = xml
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with(".pdf"))
        .map(str::to_string)
        .collect();
    links.sort();
    links.dedup();
    links
}

#[test]
fn form_and_role_links_open_their_pdfs_beside_the_book_and_the_chapters() {
    let book = edition().join("en").join("handbook.pdf");
    let chapter = edition()
        .join("en")
        .join("chapters")
        .join("reintegration.pdf");
    for file in [&book, &chapter] {
        let links = file_links(file);
        let folder = file.parent().expect("a folder");
        assert!(
            links.iter().any(|link| link.contains("forms/consent.pdf")),
            "{}: no link to the consent form: {links:?}",
            file.display()
        );
        assert!(
            links.iter().any(|link| link.contains("roles/")),
            "{}: no link to a pocket guide: {links:?}",
            file.display()
        );
        for link in &links {
            assert!(
                folder.join(link).is_file(),
                "{}: the link {link} leads to no file",
                file.display()
            );
        }
    }
    // A step's forms, each a link, are still separated by "; " in the text.
    let text = text_of(&book, None);
    let several: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("Forms used:") && line.matches("F-").count() > 1)
        .collect();
    assert!(!several.is_empty(), "no step uses two forms");
    for line in several {
        assert_eq!(
            line.matches("; F-").count() + 1,
            line.matches("F-").count(),
            "{line}"
        );
    }
}

#[test]
fn no_pocket_guide_page_is_left_nearly_blank_before_a_procedure() {
    for lang in ["en", "th"] {
        let folder = edition().join(lang).join("roles");
        for entry in std::fs::read_dir(&folder).expect("roles folder") {
            let file = entry.expect("entry").path();
            // pdftotext ends each page with a form feed; the first page is the cover, and the
            // last may be short.
            let text = text_of(&file, None);
            let pages: Vec<&str> = text.split('\u{c}').collect();
            let inner = pages.len().saturating_sub(2);
            for (n, page) in pages
                .iter()
                .enumerate()
                .skip(1)
                .take(inner.saturating_sub(1))
            {
                let lines = page.lines().filter(|l| !l.trim().is_empty()).count();
                assert!(
                    lines > 8,
                    "{}: page {} has {lines} lines of text:\n{page}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

/// A line of `pdftotext -layout` text as the words it shows: trimmed, its runs of spaces one
/// space.
fn shown_words(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The word with its first cluster written twice, as a PDF reader gave a syllable whose tone
/// mark sits above an upper vowel when each of its glyphs carried the whole syllable's text
/// (ทั้ทั้ง for ทั้ง).
fn first_cluster_twice(word: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let first = word.graphemes(true).next().unwrap_or_default();
    format!("{first}{word}")
}

#[test]
fn thai_syllables_with_stacked_marks_extract_once() {
    let pages = [
        ("handbook.pdf", &["ทั้ง", "ซึ่ง", "ขั้นตอน", "นั้น", "มั่นคง"][..]),
        ("forms/consent.pdf", &["ทั่วไป", "หนึ่ง", "ขึ้นไป"][..]),
    ];
    for (file, words) in pages {
        let text = text_of(&edition().join("th").join(file), None);
        for word in words {
            assert!(
                text.contains(word),
                "{file}: {word} is not in the text read back"
            );
            let doubled = first_cluster_twice(word);
            assert!(
                !text.contains(&doubled),
                "{file}: {word} reads back as {doubled}"
            );
        }
    }
}

/// Readers that take text only from the font's map and ignore `/ActualText` (poppler's
/// `pdftohtml`, and viewers like it) find the handbook's Thai terms as often as `pdftotext`,
/// which reads `/ActualText`: a Thai consonant, vowel or tone mark is mapped to itself, not to
/// the first syllable it was seen in (ก to กั), which garbled nearly every Thai line for them.
#[test]
fn thai_terms_read_back_from_the_fonts_own_map() {
    let thai = [
        "ผู้เสียหายจากการค้ามนุษย์",
        "การส่งกลับ",
        "พระราชบัญญัติ",
        "ผู้จัดการรายกรณี",
        "สถานเอกอัครราชทูต",
        // A tone mark above an upper vowel, drawn with a variant glyph of its own.
        "ซึ่ง",
        "ทั้ง",
        "เกี่ยวข้อง",
    ];
    // A ligature's one glyph stands for its letters, not for the ligature sign ﬁ.
    let english = ["trafficking", "officer", "identification"];
    for (lang, terms) in [("th", &thai[..]), ("en", &english[..])] {
        let file = edition().join(lang).join("handbook.pdf");
        let by_map = xml_of(&file, &[]);
        let by_actual_text = text_of(&file, None);
        for term in terms {
            let wanted = by_actual_text.matches(term).count();
            let found = by_map.matches(term).count();
            assert!(
                wanted >= 10,
                "{lang}: {term}: only {wanted} times in pdftotext's text"
            );
            assert!(
                found * 10 >= wanted * 9,
                "{lang}: {term}: {found} times by the font's map alone, {wanted} by pdftotext"
            );
        }
    }
}

/// Every place where a line of `text` ends inside a term the handbook keeps whole (by the site's
/// own rule, on the words read back from the PDF) and the next line goes on with it: inside a
/// short term, or inside one of a long term's words. "…ต้น | ปลาย… (term)".
fn kept_terms_split(text: &str, terms: &handbook::kept_terms::TermFinder) -> Vec<String> {
    use handbook::kept_terms::Segment;
    let mut found = Vec::new();
    for (number, page) in text.split('\u{c}').enumerate() {
        let lines: Vec<String> = page
            .lines()
            .map(shown_words)
            .filter(|line| !line.is_empty())
            .collect();
        for pair in lines.windows(2) {
            // The end of one line and the start of the next, as one text without the break.
            let tail: String = {
                let chars: Vec<char> = pair[0].chars().collect();
                chars[chars.len().saturating_sub(60)..].iter().collect()
            };
            let head: String = pair[1].chars().take(60).collect();
            let joined = format!("{tail}{head}");
            let at = tail.len();
            let mut start = 0;
            for segment in terms.segments(&joined, false) {
                let (length, allowed, name) = match &segment {
                    Segment::Plain(text) | Segment::Abbreviation { text, .. } => {
                        (text.len(), vec![], String::new())
                    }
                    Segment::Term(term) => (term.len(), vec![], term.to_string()),
                    Segment::LongTerm { open, words, close } => {
                        let mut allowed = Vec::new();
                        let mut end = start + open.len();
                        for word in words.iter() {
                            if word.after_space {
                                end += 1;
                            }
                            allowed.push(end);
                            end += word.text.len();
                        }
                        let names: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                        (end + close.len() - start, allowed, names.join("·"))
                    }
                };
                let inside = start < at && at < start + length;
                if inside && !name.is_empty() && !allowed.contains(&at) {
                    found.push(format!(
                        "page {}: …{} | {}… ({name})",
                        number + 1,
                        &joined[start..at],
                        &joined[at..start + length]
                    ));
                }
                start += length;
            }
        }
    }
    found
}

#[test]
fn no_kept_thai_term_is_split_across_lines_but_between_its_own_words() {
    let site = handbook::load(repo(), false).expect("the bundled handbook loads");
    let terms = handbook::kept_terms::TermFinder::new(Vec::new(), &site.kept_words());
    // The whole handbook (A4, tables with narrow columns), every pocket guide (A5) and every
    // blank form (labels beside their answer boxes).
    let thai = edition().join("th");
    let mut files = vec![thai.join("handbook.pdf")];
    for folder in ["roles", "forms"] {
        for entry in std::fs::read_dir(thai.join(folder)).expect("a folder of PDFs") {
            files.push(entry.expect("a PDF").path());
        }
    }
    let mut splits = Vec::new();
    let mut lines = 0;
    for file in files {
        let text = text_of(&file, None);
        lines += text.lines().count();
        splits.extend(
            kept_terms_split(&text, &terms)
                .into_iter()
                .map(|split| format!("{}: {split}", file.display())),
        );
    }
    assert!(lines > 1000, "too little text read back: {lines} lines");
    assert!(splits.is_empty(), "{}", splits.join("\n"));
}

#[test]
fn every_role_a_step_names_finds_its_checklist_in_its_pocket_guide() {
    // A step is set once for the guides of its lead and of each supporting role (one shared
    // module): each of those guides must still show it, with its checklist.
    let site = handbook::load(repo(), false).expect("the bundled handbook loads");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut checked = 0;
    for procedure in &site.procedures {
        for step in &procedure.steps {
            let Some(item) = step.checklist.first() else {
                continue;
            };
            let item = words(item.get("en", site.default_language()));
            let start: String = item.split(' ').take(4).collect::<Vec<_>>().join(" ");
            for role in std::iter::once(&step.lead).chain(&step.support) {
                let guide = edition()
                    .join("en")
                    .join("roles")
                    .join(format!("{role}.pdf"));
                let text = words(&text_of(&guide, None));
                assert!(
                    text.contains(&start),
                    "{}: step {} ({}) does not show {start:?}",
                    guide.display(),
                    step.number,
                    procedure.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} steps checked");
}
