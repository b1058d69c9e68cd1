//! A print document as a reader gets it: each entry's body put in from the stored documents the document loads, as print.js does.
//!
//! A page's print body is stored once, in its language's search documents (`docs-<n>.js`); the
//! print document names the chunk files it needs with `<script src>` and marks each entry with
//! `data-doc` (its first document) and `data-docs` (how many). print.js puts the documents'
//! bodies, in order, after the entry's `<h2>`; this does the same with the library's decoder,
//! and `tests/browser/print.rs` holds print.js to the same result in Chromium.

use handbook::search::stored_text::decode_chunk;
use std::collections::BTreeMap;

/// `html`, the print document at `path` (from the site's root), with every entry's body put in;
/// `read` gives a file of the site by its path from the root. A chunk that cannot be read or
/// parsed leaves its entries' bodies empty, as in a browser.
pub fn filled(html: &str, path: &str, read: impl Fn(&str) -> Option<String>) -> String {
    let per_chunk = attribute(html, "<main ", "data-chunk")
        .and_then(|value| value.parse::<usize>().ok())
        .unwrap_or(8);
    let mut bodies: BTreeMap<usize, String> = BTreeMap::new();
    for src in script_sources(html) {
        let Some(chunk) = chunk_number(&src) else {
            continue;
        };
        let Some(file) = read(&super::resolve_href(path, &src)) else {
            continue;
        };
        let (start, end) = (file.find('[').unwrap_or(0), file.rfind(']').unwrap_or(0));
        let Ok(data) = serde_json::from_str::<serde_json::Value>(&file[start..=end]) else {
            continue;
        };
        for (at, doc) in decode_chunk(&data)
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            bodies.insert(chunk * per_chunk + at, doc.body.into_owned());
        }
    }
    let mut out =
        String::with_capacity(html.len() + bodies.values().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(at) = rest.find("<section ") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end + 1);
        let tag = &rest[at..tag_end];
        let (Some(first), Some(count)) = (
            attribute(tag, "", "data-doc"),
            attribute(tag, "", "data-docs"),
        ) else {
            out.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
            continue;
        };
        let (first, count): (usize, usize) =
            (first.parse().unwrap_or(0), count.parse().unwrap_or(0));
        let title_end = rest[tag_end..]
            .find("</h2>")
            .map_or(tag_end, |end| tag_end + end + "</h2>".len());
        out.push_str(&rest[..title_end]);
        for n in first..first + count {
            out.push_str(bodies.get(&n).map_or("", String::as_str));
        }
        rest = &rest[title_end..];
    }
    out.push_str(rest);
    out
}

/// The value of `name` in the first tag after `after` (the whole text when empty).
fn attribute(html: &str, after: &str, name: &str) -> Option<String> {
    let from = html.find(after)?;
    let tag_end = html[from..].find('>').map_or(html.len(), |end| from + end);
    let tag = &html[from..tag_end];
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn script_sources(html: &str) -> Vec<String> {
    html.split("<script src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// n for `.../search/<lang>/docs-<n>.js`.
fn chunk_number(src: &str) -> Option<usize> {
    let name = src.rsplit('/').next()?;
    name.strip_prefix("docs-")?
        .strip_suffix(".js")?
        .parse()
        .ok()
}
