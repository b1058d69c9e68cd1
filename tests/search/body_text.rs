//! The one rule for a stored body's text, held in node: search.js's `bodyText` against Rust's `body_text` (part of tests/search.rs).

use super::{
    built_file, index_files, node_available, random_below, run_node, stored_chunks, write_files,
    SCRIPT,
};
use handbook::output::OutputFile;
use handbook::search::body_text::body_text;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Random HTML fragments over the markup the rule reads: headings first, block and inline tags,
/// tables of two to four columns, entities (good and bad), Thai, whitespace and invisible
/// characters, unclosed tags.
fn random_fragments(count: usize) -> Vec<String> {
    let pieces = [
        "<h3 id=\"a\">หัวข้อ</h3>",
        "<h4>Sub</h4>\n",
        "<p>",
        "</p>\n",
        "<li>",
        "</li>",
        "<ul>\n",
        "</ul>",
        "<k-w>",
        "</k-w>",
        "<em>",
        "</em>",
        "<br>",
        "<table><thead><tr><th>ทำ</th><th>Avoid</th></tr></thead><tbody>",
        "<table><thead><tr><th>a</th><th>b</th><th>c</th><th>d</th></tr></thead><tbody>",
        "<table><thead><tr><th> A very long column heading indeed </th><th>x</th></tr></thead><tbody>",
        "<tr>",
        "<td>",
        "</td>",
        "</tr>",
        "</tbody></table>",
        "&amp;",
        "&lt;",
        "&#x27;",
        "&#39;",
        "&#+65;",
        "&#x110000;",
        "&bogus;",
        "&",
        ";",
        "<",
        ">",
        " ",
        "\n\t",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{3000}",
        "e\u{301}",
        "เจ้าหน้าที่",
        "ผู้เสียหาย",
        "word",
        "😀",
    ];
    let mut random = random_below(0x5DEE_CE66_D1B5_4A32);
    (0..count)
        .map(|_| {
            (0..random(24))
                .map(|_| pieces[random(pieces.len())])
                .collect()
        })
        .collect()
}

/// The text of a stored body is one rule (`body_text`, search.js's `bodyText`): the index is
/// built from Rust's, excerpts and the phrase check read search.js's. Checked on every stored
/// body of the search fixture and the bundled handbook, on random fragments, and on the built
/// site in `BODY_TEXT_SITE` when set (a generated corpus: `bench/gen_corpus.py`, then `handbook build`).
#[test]
fn search_js_takes_the_text_of_a_stored_body_as_the_index_did() {
    if !node_available() {
        return;
    }
    let mut bodies: Vec<String> = random_fragments(5_000);
    let mut sites = vec![index_files()];
    let bundled = handbook::render(Path::new("."), false).expect("the bundled handbook builds");
    sites.push(
        bundled
            .files
            .into_iter()
            .filter(|file| file.path.starts_with("search/"))
            .map(|OutputFile { path, bytes }| (path, bytes))
            .collect(),
    );
    if let Ok(site) = std::env::var("BODY_TEXT_SITE") {
        let mut files = BTreeMap::new();
        for lang in ["th", "en"] {
            let dir = Path::new(&site).join("search").join(lang);
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with("docs-") {
                    let bytes = std::fs::read(entry.path()).expect("read a chunk");
                    files.insert(format!("search/{lang}/{name}"), bytes);
                }
            }
        }
        assert!(!files.is_empty(), "no chunks in {site}");
        sites.push(files);
    }
    for files in &sites {
        for lang in ["th", "en"] {
            bodies.extend(
                stored_chunks(files, lang)
                    .flatten()
                    .map(|doc| doc.body.into_owned()),
            );
        }
    }
    let pairs: Vec<(String, String)> = bodies
        .into_iter()
        .map(|html| {
            let text = body_text(&html);
            (html, text)
        })
        .collect();
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = BTreeMap::from([(SCRIPT.to_string(), built_file(SCRIPT))]);
    write_files(dir.path(), &files);
    let pairs_path = dir.path().join("bodies.json");
    std::fs::write(
        &pairs_path,
        serde_json::to_string(&pairs).expect("pairs serialise"),
    )
    .expect("write bodies");
    run_node(
        Command::new("node")
            .arg("tests/search/body-text.test.js")
            .arg(dir.path())
            .arg(&pairs_path),
    );
}
