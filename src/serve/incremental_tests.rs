//! Tests of the incremental rebuild's decisions, on a temporary copy of the serve fixture.

use super::*;
use std::collections::BTreeMap;

/// A temporary copy of the serve fixture, built once.
fn live_fixture() -> (tempfile::TempDir, LiveSite) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
    let folder = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = folder
            .path()
            .join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let (live, _) = LiveSite::build(folder.path(), false).unwrap();
    (folder, live)
}

fn edit(live: &mut LiveSite, folder: &Path, page: &str, from: &str, to: &str) -> Rebuilt {
    let path = folder.join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    live.rebuild(&Change::Pages(BTreeSet::from([path])))
        .unwrap()
}

fn paths(rebuilt: &Rebuilt) -> Vec<&str> {
    match rebuilt {
        Rebuilt::Pages(files) => files.iter().map(|file| file.path.as_str()).collect(),
        Rebuilt::Everything { .. } => vec!["everything"],
        Rebuilt::Nothing => Vec::new(),
    }
}

#[test]
fn a_body_edit_re_renders_only_that_page_and_leaves_print_and_search_for_later() {
    let (folder, mut live) = live_fixture();
    let rebuilt = edit(
        &mut live,
        folder.path(),
        "content/guide/first.md",
        "เดิม",
        "ใหม่",
    );
    // The page, and the chunk of stored documents holding its text, which its print documents
    // show (no document moved, so no other chunk changed).
    assert_eq!(
        paths(&rebuilt),
        ["th/guide/first.html", "search/th/docs-0.js"]
    );
    let Rebuilt::Pages(files) = &rebuilt else {
        panic!()
    };
    let chunk = String::from_utf8_lossy(&files[1].bytes);
    let data: serde_json::Value =
        serde_json::from_str(&chunk[chunk.find('[').unwrap()..=chunk.rfind(']').unwrap()]).unwrap();
    let bodies: String = crate::search::stored_text::decode_chunk(&data)
        .unwrap()
        .iter()
        .map(|doc| doc.body.to_string())
        .collect();
    assert!(bodies.contains("ใหม่ของหน้าแรก"), "{bodies}");
    assert!(live.has_idle_work());
    assert!(live
        .take_search_job()
        .is_some_and(|job| !job.run().is_empty()));
    assert!(!live.has_idle_work());
    assert_eq!(
        live.stale_pages(),
        [
            "th/print.html",
            "th/print-guide.html",
            "th/roles/case-manager-print.html",
            "th/roles/case-manager-forms-print.html",
            "th/roles/case-manager-pages-print.html"
        ]
    );
    let collections = live.render_stale_pages().unwrap();
    // The role's pages document holds the page's new text; the print documents show it from
    // the stored documents.
    let holding: Vec<&str> = collections
        .iter()
        .filter(|file| String::from_utf8_lossy(&file.bytes).contains("ใหม่ของหน้าแรก"))
        .map(|file| file.path.as_str())
        .collect();
    assert_eq!(holding, ["th/roles/case-manager-pages-print.html"]);
    for print in ["th/print.html", "th/print-guide.html"] {
        let document = collections
            .iter()
            .find(|file| file.path == print)
            .expect("the print document is rendered again");
        let html = String::from_utf8_lossy(&document.bytes);
        assert!(html.contains("search/th/docs-0.js"), "{print}");
    }
    assert!(live.stale_pages().is_empty());
}

#[test]
fn an_untranslated_page_is_re_rendered_in_each_language_showing_it() {
    let (folder, mut live) = live_fixture();
    let rebuilt = edit(
        &mut live,
        folder.path(),
        "content/guide/second.md",
        "เดิม",
        "ใหม่",
    );
    let mut pages = paths(&rebuilt);
    pages.sort();
    assert_eq!(
        pages,
        [
            "en/guide/second.html",
            "search/en/docs-0.js",
            "search/th/docs-0.js",
            "th/guide/second.html"
        ]
    );
}

#[test]
fn a_new_title_re_renders_the_pages_that_show_it() {
    let (folder, mut live) = live_fixture();
    let first = "content/guide/first.md";
    let rebuilt = edit(&mut live, folder.path(), first, "หน้าแรกของบท", "ชื่อใหม่");
    let pages = paths(&rebuilt);
    for shown in [
        "th/guide/first.html",
        "th/guide/second.html",       // the sidebar, previous/next
        "th/guide/index.html",        // the chapter's list of pages
        "th/roles/case-manager.html", // the role guide lists its pages
    ] {
        assert!(pages.contains(&shown), "{shown} in {pages:?}");
    }
    assert!(!pages.contains(&"th/index.html"), "{pages:?}");
    assert!(
        !pages.iter().any(|page| page.starts_with("en/")),
        "{pages:?}"
    );
    let sibling = pages
        .iter()
        .position(|page| *page == "th/guide/second.html");
    let Rebuilt::Pages(files) = rebuilt else {
        panic!()
    };
    let html = String::from_utf8_lossy(&files[sibling.unwrap()].bytes).into_owned();
    assert!(html.contains("ชื่อใหม่"));
    // The chapter's sidebar script lists it; the home page's lists only the top chapters.
    let script = files
        .iter()
        .find(|file| file.path == "th/guide/index.sidebar.js")
        .expect("the chapter's sidebar script is rebuilt");
    assert!(String::from_utf8_lossy(&script.bytes).contains("ชื่อใหม่"));
    assert!(!files.iter().any(|file| file.path == "th/index.sidebar.js"));
}

#[test]
fn a_top_chapters_new_title_re_renders_every_sidebar_and_its_pages_not_the_site() {
    let (folder, mut live) = live_fixture();
    let chapter = "content/guide/_index.md";
    let rebuilt = edit(&mut live, folder.path(), chapter, "แนวทาง", "บทใหม่");
    let mut pages = paths(&rebuilt);
    pages.sort_unstable();
    // guide/_index.md has no English version: English shows the Thai title too.
    assert_eq!(
        pages,
        [
            "en/guide/first.html",
            "en/guide/index.html",
            "en/guide/index.sidebar.js",
            "en/guide/second.html",
            "en/index.html",
            "en/index.sidebar.js",
            "search/en/docs-0.js",
            "search/th/docs-0.js",
            "th/guide/first.html",
            "th/guide/index.html",
            "th/guide/index.sidebar.js",
            "th/guide/second.html",
            "th/index.html",
            "th/index.sidebar.js",
        ]
    );
}

#[test]
fn what_every_page_or_the_structure_shows_rebuilds_everything() {
    let (folder, mut live) = live_fixture();
    let first = "content/guide/first.md";
    for (page, from, to) in [
        ("content/_index.md", "หน้าแรก", "บ้าน"), // the home page: in every page
        (first, "weight = 1", "weight = 5"),    // order
        (first, "จำเป็น", "จำเป็น\n\n## หัวข้อใหม่"), // a new anchor other pages may link to
        (first, "roles = [\"case-manager\"]", ""), // role guides list pages by role
    ] {
        let rebuilt = edit(&mut live, folder.path(), page, from, to);
        assert_eq!(paths(&rebuilt), ["everything"], "{to}");
    }
}

#[test]
fn saving_without_a_change_does_nothing() {
    let (folder, mut live) = live_fixture();
    let rebuilt = edit(&mut live, folder.path(), "content/guide/first.md", "", "");
    assert!(matches!(rebuilt, Rebuilt::Nothing));
}

#[test]
fn a_failed_edit_leaves_the_model_as_it_was() {
    let (folder, mut live) = live_fixture();
    let path = folder.path().join("content/guide/first.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("เดิม", "[x](@/nowhere.md)")).unwrap();
    let change = Change::Pages(BTreeSet::from([path.clone()]));
    assert!(live.rebuild(&change).is_err());
    let entry = live.site.entry("guide/first.md").unwrap();
    let Entry::Page(index) = entry else { panic!() };
    assert_eq!(live.site.pages[index].versions["th"].source, text);
}

#[test]
fn a_pages_search_documents_are_replaced_where_they_were() {
    let doc = |url: &str| SearchDoc {
        lang: "th".into(),
        url: url.into(),
        title: String::new(),
        heading: String::new(),
        text: String::new(),
        text_weight: 1.0,
        kind: "page",
        roles: Vec::new(),
        html: None,
    };
    let mut docs = shared(
        [
            "th/a.html",
            "th/b.html",
            "th/b.html#steps",
            "th/bc.html",
            "th/c.html",
        ]
        .into_iter()
        .map(doc)
        .collect(),
    );
    let (placed, moved) = replace_docs(
        &mut docs,
        &["th/b.html".to_string(), "th/d.html".to_string()],
        shared(vec![doc("th/b.html"), doc("th/b.html#new")]),
    );
    // As many documents came as went: no other document moved, and the chunk holding these can
    // be written alone.
    assert_eq!((placed, moved), (vec![1, 2], None));
    let urls: Vec<&str> = docs.iter().map(|doc| doc.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "th/a.html",
            "th/b.html",
            "th/b.html#new",
            "th/bc.html",
            "th/c.html"
        ]
    );
    // A new section: the documents after it move.
    let (placed, moved) = replace_docs(
        &mut docs,
        &["th/a.html".to_string()],
        shared(vec![doc("th/a.html"), doc("th/a.html#more")]),
    );
    assert_eq!((placed, moved), (vec![0, 1], Some(0)));
    // Pages apart (a title edit's) each keep their own place, whatever order they come in.
    let mut docs = shared(
        ["th/a.html", "th/b.html", "th/c.html", "th/d.html"]
            .map(doc)
            .to_vec(),
    );
    let (placed, moved) = replace_docs(
        &mut docs,
        &["th/a.html".to_string(), "th/c.html".to_string()],
        shared(vec![doc("th/c.html"), doc("th/a.html")]),
    );
    assert_eq!((placed, moved), (vec![0, 2], None));
    let urls: Vec<&str> = docs.iter().map(|doc| doc.url.as_str()).collect();
    assert_eq!(urls, ["th/a.html", "th/b.html", "th/c.html", "th/d.html"]);
}

#[test]
fn an_edit_that_moves_other_pages_documents_writes_their_chunks_as_the_index_will() {
    let (folder, mut live) = live_fixture();
    // The page's text before its first heading was a search document of its own: without it,
    // every later document's number is one less, and print documents rendered from now on
    // point at the new numbers.
    let rebuilt = edit(
        &mut live,
        folder.path(),
        "content/guide/first.md",
        "ข้อความเดิมของหน้าแรก\n",
        "",
    );
    let Rebuilt::Pages(files) = &rebuilt else {
        panic!("expected an incremental rebuild, got {:?}", paths(&rebuilt))
    };
    let written: BTreeMap<&str, &[u8]> = files
        .iter()
        .filter(|file| file.path.starts_with("search/th/docs-"))
        .map(|file| (file.path.as_str(), file.bytes.as_slice()))
        .collect();
    assert!(!written.is_empty(), "{:?}", paths(&rebuilt));
    // What the edit wrote is what the index, rebuilt later, writes for those chunks.
    let job = live.take_search_job().expect("the index is stale");
    let indexed = job.run();
    let later: BTreeMap<&str, &[u8]> = indexed
        .iter()
        .filter(|file| file.path.starts_with("search/th/docs-"))
        .map(|file| (file.path.as_str(), file.bytes.as_slice()))
        .collect();
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        later.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &written {
        assert!(later[path] == *bytes, "{path} differs from the index's");
    }
}
