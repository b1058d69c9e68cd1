//! Search index end to end: the fixture handbook's index files, and search.js run in node on them.

#[path = "search/body_text.rs"]
mod body_text;
mod support;

use handbook::output::OutputFile;
use handbook::search::body_text::body_text;
use handbook::search::stored_text::{self, StoredDocument};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/search";

fn index_files() -> BTreeMap<String, Vec<u8>> {
    let built = match handbook::render(Path::new(FIXTURE), false) {
        Ok(built) => built,
        Err(problems) => panic!("fixture does not build: {problems:?}"),
    };
    built
        .files
        .into_iter()
        .filter(|file| file.path.starts_with("search/"))
        .map(|OutputFile { path, bytes }| (path, bytes))
        .collect()
}

const SCRIPT: &str = "static/js/search.js";

/// One file of the built fixture site.
fn built_file(path: &str) -> Vec<u8> {
    let built = handbook::render(Path::new(FIXTURE), false).expect("the fixture builds");
    built
        .files
        .into_iter()
        .find(|file| file.path == path)
        .map(|file| file.bytes)
        .unwrap_or_else(|| panic!("no {path} in the built site"))
}

/// Constants the index and search.js must agree on are written once in Rust; the script's
/// copies are checked against them here.
#[test]
fn search_js_has_the_index_format_s_constants() {
    let script = String::from_utf8(built_file(SCRIPT)).expect("UTF-8");
    let value = |name: &str| -> String {
        let start = script
            .find(&format!("var {name} = "))
            .unwrap_or_else(|| panic!("search.js defines {name}"));
        let rest = &script[start + name.len() + 7..];
        rest[..rest.find(';').expect("a statement")].to_string()
    };
    let constants = handbook::search::script_constants();
    assert_eq!(
        value("FORMAT_VERSION"),
        constants.format_version.to_string()
    );
    assert_eq!(value("DIGITS"), format!("\"{}\"", constants.digits));
    // The alphabet has a `;`, where `value` would stop.
    let letters = serde_json::to_string(constants.thai_letters).expect("a string");
    assert!(script.contains(&format!("var THAI_LETTERS = {letters};")));
    let plurals: Vec<String> = constants
        .irregular_plurals
        .iter()
        .map(|(plural, singular)| format!("{plural}: \"{singular}\""))
        .collect();
    assert_eq!(
        value("IRREGULAR_PLURALS"),
        format!("{{ {} }}", plurals.join(", "))
    );
}

/// The JSON argument of a data file's call: `window.handbook._meta("th",{...});`.
fn data(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    let text = String::from_utf8(files[path].clone()).expect("UTF-8");
    let start = text.find(",").expect("a call with arguments") + 1;
    let mut args = &text[start..text.len() - 3];
    // Shard and chunk files have a number before the data.
    if let Some(rest) = args.strip_prefix(|c: char| c.is_ascii_digit()) {
        args = rest
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(',');
    }
    serde_json::from_str(args).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Every data file of a kind in one language (`shard`, `docs`, `thai`, ...), in no particular order.
fn data_files<'a>(
    files: &'a BTreeMap<String, Vec<u8>>,
    lang: &'a str,
    kind: &'a str,
) -> impl Iterator<Item = serde_json::Value> + 'a {
    let prefix = format!("search/{lang}/{kind}-");
    files
        .keys()
        .filter(move |path| path.starts_with(&prefix))
        .map(|path| data(files, path))
}

/// The stored documents of each `docs-<n>.js` file of `lang`, read through the index's decoder.
fn stored_chunks<'a>(
    files: &'a BTreeMap<String, Vec<u8>>,
    lang: &'a str,
) -> impl Iterator<Item = Vec<StoredDocument<'static>>> + 'a {
    data_files(files, lang, "docs").map(|chunk| {
        stored_text::decode_chunk(&chunk).unwrap_or_else(|| panic!("not a chunk: {chunk}"))
    })
}

/// Whether some term shard of `lang` has `term`.
fn has_term(files: &BTreeMap<String, Vec<u8>>, lang: &str, term: &str) -> bool {
    data_files(files, lang, "shard").any(|shard| shard.get(term).is_some())
}

/// The Thai vocabulary of `lang`, decoded from the meta file: words grouped by first character,
/// each the digit of how many characters it shares with the word before, then the rest of it.
fn thai_vocabulary(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> Vec<String> {
    let meta = data(files, &format!("search/{lang}/meta.js"));
    let digits = handbook::search::shard::DIGITS;
    let mut words: Vec<String> = Vec::new();
    for (first, coded) in meta["thai"].as_object().into_iter().flatten() {
        let coded = coded.as_str().unwrap_or_default();
        let mut previous = String::new();
        let mut chars = coded.chars().peekable();
        while let Some(digit) = chars.next() {
            let shared = digits.iter().position(|d| char::from(*d) == digit);
            let shared = shared.unwrap_or_else(|| panic!("{digit} is not a digit in {coded}"));
            let mut rest: String = previous.chars().take(shared).collect();
            while let Some(c) = chars.next_if(|c| !c.is_ascii()) {
                rest.push(c);
            }
            words.push(format!("{first}{rest}"));
            previous = rest;
        }
    }
    assert!(
        words.windows(2).all(|pair| pair[0] < pair[1]),
        "sorted, no repeats"
    );
    words
}

#[test]
fn every_language_gets_a_meta_file_shards_and_document_chunks() {
    let files = index_files();
    for lang in ["th", "en"] {
        for file in [
            "meta.js",
            "shard-0.js",
            "docs-0.js",
            "pairs-0.js",
            "roles.js",
        ] {
            let path = format!("search/{lang}/{file}");
            assert!(files.contains_key(&path), "missing {path}");
            let text = String::from_utf8_lossy(&files[&path]);
            assert!(text.starts_with("window.handbook._"), "{path} is one call");
        }
        let meta = data(&files, &format!("search/{lang}/meta.js"));
        assert_eq!(meta["version"], handbook::search::shard::FORMAT_VERSION);
        assert_eq!(meta["shards"][0], "");
        // Chunks hold `chunk` documents each (the last may hold fewer) and, together, every document.
        let per_chunk = meta["chunk"].as_u64().unwrap_or(0) as usize;
        let sizes: Vec<usize> = stored_chunks(&files, lang)
            .map(|chunk| chunk.len())
            .collect();
        assert!(per_chunk > 0 && sizes.len() > 1, "{sizes:?}");
        assert!(sizes.iter().all(|size| *size <= per_chunk));
        assert!(sizes.iter().filter(|size| **size != per_chunk).count() <= 1);
        assert_eq!(
            meta["docs"].as_u64(),
            Some(sizes.iter().sum::<usize>() as u64)
        );
    }
}

#[test]
fn thai_is_indexed_as_words_with_the_handbook_vocabulary_kept_whole() {
    let files = index_files();
    let thai = thai_vocabulary(&files, "th");
    for word in ["พระราชบัญญัติ", "ผู้", "เด็ก", "ปคม"]
    {
        assert!(
            thai.iter().any(|w| w == word),
            "{word} not in the Thai vocabulary"
        );
    }
    // Abbreviations never match inside ordinary words: รับการส่งต่อ is not cut รั|บก|าร.
    assert!(!thai.iter().any(|w| w == "รั"), "{thai:?}");
    assert!(has_term(&files, "th", "พระราชบัญญัติ"));
    // Thai digits are indexed as ASCII digits.
    assert!(has_term(&files, "th", "2551"));
}

#[test]
fn synonyms_and_form_codes_without_punctuation_are_indexed() {
    let files = index_files();
    // glossary.toml: พรบ means พระราชบัญญัติ, written in full in the Thai text.
    assert!(has_term(&files, "th", "พรบ"));
    assert!(thai_vocabulary(&files, "th").iter().any(|w| w == "พรบ"));
    // The form F-01 is also found as readers type it: f01, and f1 or F-1 without the zero.
    for lang in ["th", "en"] {
        assert!(has_term(&files, lang, "f01"), "{lang}");
        assert!(has_term(&files, lang, "f1"), "{lang}");
        assert!(has_term(&files, lang, "1"), "{lang}");
    }
}

#[test]
fn english_terms_are_stemmed_and_thai_inside_english_is_indexed() {
    let files = index_files();
    assert!(has_term(&files, "en", "victim"));
    assert!(!has_term(&files, "en", "victims"));
    assert!(has_term(&files, "en", "พระราชบัญญัติ"));
    assert!(thai_vocabulary(&files, "en")
        .iter()
        .any(|word| word == "พระราชบัญญัติ"));
}

#[test]
fn stored_documents_carry_url_title_heading_kind_and_text() {
    let files = index_files();
    let child = stored_chunks(&files, "en")
        .flatten()
        .find(|doc| doc.url == "en/help/contact.html#child-victims")
        .expect("the Child victims section is a document");
    assert_eq!(child.title, "Contacting the victim");
    assert_eq!(child.heading, "Child victims");
    assert_eq!(child.kind, "page");
    assert!(body_text(&child.body).contains("special protection"));
    let roles = data(&files, "search/en/roles.js");
    assert!(roles.get("case-manager").is_some());
    // A role's description is Markdown: its link's words are stored, not the link's syntax.
    let role = stored_chunks(&files, "en")
        .flatten()
        .find(|doc| doc.url == "en/roles/case-manager.html")
        .expect("the case manager's role is a document");
    let text = &body_text(&role.body);
    assert!(
        text.contains("Coordinates help for child victims."),
        "{text}"
    );
}

#[test]
fn the_index_is_byte_for_byte_deterministic() {
    assert_eq!(index_files(), index_files());
}

/// A repeatable random number below the one asked for (xorshift64), for generated test inputs.
fn random_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}

/// Random text over the characters normalisation treats specially, with the Rust fold of each,
/// as JSON pairs: search.js must fold every one the same way, or a query would miss the index.
fn random_folds() -> String {
    let alphabet: Vec<char> = "aZ1 กขบเแโไ\u{0E48}\u{0E49}\u{0E4A}\u{0E4B}\u{0E34}\u{0E31}\u{0E38}\u{0E39}\u{0E3A}\u{0E4D}\u{0E32}\u{0E33}\u{0E40}\u{0E41}\u{0E46}\u{0E51}\u{0E47}\u{0E4C}éÉ\u{0301}\u{212B}ǅΣİẞⅫⒶ\u{200B}\u{00AD}\u{FEFF}😀"
        .chars()
        .collect();
    let mut random = random_below(0x2545_F491_4F6C_DD1D);
    let pairs: Vec<(String, String)> = (0..20_000)
        .map(|_| {
            let text: String = (0..1 + random(8))
                .map(|_| alphabet[random(alphabet.len())])
                .collect();
            let folded = handbook::search::normalise::normalise(&text);
            (text, folded)
        })
        .collect();
    serde_json::to_string(&pairs).expect("pairs of strings serialise")
}

/// Random normalised text over word characters of several scripts, apostrophes, marks and
/// punctuation, with the index's non-Thai terms of each (Thai runs are cut by dictionary on
/// one side and by the index's vocabulary on the other, so only their boundaries are shared).
fn random_words() -> String {
    let alphabet: Vec<char> =
        "ab zZ19'’-., ก้éñßжЯ\u{0301}\u{0915}\u{093F}\u{0663}字ー_@#\u{00B2}\u{2167}"
            .chars()
            .collect();
    let tokeniser = handbook::search::tokenise::Tokeniser::new(&[]);
    let mut random = random_below(0x9E37_79B9_7F4A_7C15);
    let pairs: Vec<(String, Vec<String>)> = (0..20_000)
        .map(|_| {
            let text: String = (0..1 + random(12))
                .map(|_| alphabet[random(alphabet.len())])
                .collect();
            let text = handbook::search::normalise::normalise(&text);
            let mut terms = Vec::new();
            tokeniser.terms(&text, &mut |term| {
                if !term.starts_with(handbook::search::thai::is_thai) {
                    terms.push(term.into_owned());
                }
            });
            (text, terms)
        })
        .collect();
    serde_json::to_string(&pairs).expect("texts and terms serialise")
}

/// Random text over Thai, the stored-text alphabet and its marks, quotes, backslashes, control
/// characters and emoji, with the Rust encoding of each: search.js must decode each back.
fn random_stored_texts() -> String {
    let alphabet: Vec<char> = "กขฃคฮฯะัาำิฺ฿เๅๆ็่๋์ํ๎๏๐๙๚๛\u{0E00}\u{0E3B}\u{0E5C}"
        .chars()
        .chain(stored_text::THAI_LETTERS.chars())
        .chain("~~~   \"\\\n\t\u{0}\u{1F}\u{FDD0}\u{FDD1}é›😀👩🏽".chars())
        .collect();
    let mut random = random_below(0xD1B5_4A32_D192_ED03);
    let pairs: Vec<(String, String)> = (0..20_000)
        .map(|_| {
            let text: String = (0..random(16))
                .map(|_| alphabet[random(alphabet.len())])
                .collect();
            let encoded = stored_text::encode(&text);
            (text, encoded)
        })
        .collect();
    serde_json::to_string(&pairs).expect("pairs of strings serialise")
}

/// search.js in node: normalisation vectors and random text against the Rust side, the stemmer
/// against rust-stemmers, and queries.
#[test]
fn search_js_finds_thai_and_english_in_the_built_fixture() {
    if !node_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut files = index_files();
    // The script as the site has it: the theme's parts joined.
    files.insert(SCRIPT.to_string(), built_file(SCRIPT));
    write_files(dir.path(), &files);
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let words = std::fs::read_to_string("tests/search/english-words.txt").expect("word list");
    let stems: String = words
        .lines()
        .filter(|word| !word.is_empty())
        .map(|word| format!("{word}\t{}\n", stemmer.stem(word)))
        .collect();
    let stems_path = dir.path().join("stems.tsv");
    std::fs::write(&stems_path, stems).expect("write stems");
    let folds_path = dir.path().join("folds.json");
    std::fs::write(&folds_path, random_folds()).expect("write folds");
    let words_path = dir.path().join("words.json");
    std::fs::write(&words_path, random_words()).expect("write words");
    let stored_path = dir.path().join("stored.json");
    std::fs::write(&stored_path, random_stored_texts()).expect("write stored texts");
    run_node(
        Command::new("node")
            .arg("tests/search/search.test.js")
            .arg(dir.path())
            .arg(&stems_path)
            .arg(&folds_path)
            .arg(&words_path)
            .arg(&stored_path),
    );
}

/// Phrases in search.js (tests/search/phrase.test.js, on the fixture's help/phrases pages): the
/// phrase as typed first, then its words near, then apart; quoted phrases required; the excerpt
/// marks the phrase whole.
#[test]
fn search_js_ranks_a_phrase_as_typed_first() {
    if !node_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut files = index_files();
    files.insert(SCRIPT.to_string(), built_file(SCRIPT));
    write_files(dir.path(), &files);
    run_node(
        Command::new("node")
            .arg("tests/search/phrase.test.js")
            .arg(dir.path()),
    );
}

/// Every index file a meta file can send the browser to exists, also for a handbook with no Thai
/// text at all: a Thai query there still looks its character pairs up in pairs-0.js.
#[test]
fn every_file_the_meta_file_names_exists_even_without_thai_text() {
    let site = support::TestSite::empty();
    site.file(
        "handbook.toml",
        "title = \"English only\"\nlanguages = [\"en\"]\nversion = \"2026-01-01\"\n",
    );
    site.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\n\nPlain English text about referral.\n",
    );
    let built = match handbook::render(site.root(), false) {
        Ok(built) => built,
        Err(problems) => panic!("does not build: {problems:?}"),
    };
    let files: BTreeMap<String, Vec<u8>> = built
        .files
        .into_iter()
        .filter(|file| file.path.starts_with("search/"))
        .map(|OutputFile { path, bytes }| (path, bytes))
        .collect();
    let meta = data(&files, "search/en/meta.js");
    for (kind, starts) in [("shard", "shards"), ("pairs", "pairs")] {
        let count = meta[starts].as_array().map_or(0, Vec::len);
        assert!(count >= 1, "{starts}: {meta}");
        for n in 0..count {
            let path = format!("search/en/{kind}-{n}.js");
            assert!(
                files.contains_key(&path),
                "meta.js names {path}, which is missing"
            );
        }
    }
}

/// The Rust index builder writes the commonest words of a large index as bitsets; search.js run
/// in node must find exactly the documents the builder put in them.
#[test]
fn search_js_decodes_the_bitsets_of_a_large_index() {
    if !node_available() {
        return;
    }
    const DOCUMENTS: usize = 1200;
    const RARE: usize = 777;
    let mut docs = Vec::new();
    for n in 0..DOCUMENTS {
        for (lang, common, every_other, rare) in [
            ("en", "harbour", "tide", "lighthouse"),
            ("th", "ท่าเรือ", "น้ำขึ้น", "ประภาคาร"),
        ] {
            let mut text = format!("{common} {n}");
            if n % 2 == 0 {
                text.push_str(&format!(" {every_other}"));
            }
            if n == RARE {
                text.push_str(&format!(" {rare}"));
            }
            docs.push(handbook::search::SearchDoc {
                lang: lang.to_string(),
                url: format!("{lang}/p{n}.html"),
                title: format!("{n}"),
                heading: String::new(),
                text,
                text_weight: 1.0,
                kind: "page",
                roles: Vec::new(),
                html: None,
            });
        }
    }
    let languages = ["en".to_string(), "th".to_string()];
    let files = handbook::search::build_index(&docs, &languages, &Default::default());
    let dir = tempfile::tempdir().expect("temporary folder");
    // Common words as bitsets (`"b":`, in term shards and Thai character pairs), else this test
    // would not test them.
    let bitsets = files
        .iter()
        .filter(|file| String::from_utf8_lossy(&file.bytes).contains("\"b\":"))
        .count();
    assert!(bitsets >= 2, "no bitsets written");
    let mut written: BTreeMap<String, Vec<u8>> = files
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect();
    written.insert(SCRIPT.to_string(), built_file(SCRIPT));
    write_files(dir.path(), &written);
    run_node(
        Command::new("node")
            .arg("tests/search/dense.test.js")
            .arg(dir.path())
            .arg(DOCUMENTS.to_string())
            .arg(RARE.to_string()),
    );
}

/// Whether node is here to run the JavaScript tests; without it they are skipped, except under
/// CI, where a missing node is a missing install step, not a reason to pass.
fn node_available() -> bool {
    if Command::new("node").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "node is not installed, and CI is set: apt-get install -y nodejs"
    );
    eprintln!("SKIPPED: node is not installed: the JavaScript search tests did not run (apt-get install -y nodejs)");
    false
}

/// Writes `files` (path relative to `dir`, bytes) under `dir`.
fn write_files<'a>(dir: &Path, files: impl IntoIterator<Item = (&'a String, &'a Vec<u8>)>) {
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("create folder");
        std::fs::write(target, bytes).expect("write a file");
    }
}

/// Runs a node test script and fails with its output unless all its tests passed.
fn run_node(command: &mut Command) {
    let output = command.output().expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
