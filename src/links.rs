//! Resolves the links and images of one page in one language against the whole site.

use crate::markdown::{LinkResolver, LinkTarget};
use crate::site::{relative_href, Entry, Site};
use crate::urls;
use std::path::Path;

pub use crate::urls::ASSETS_DIR;

type Problem = (String, Option<String>);

pub struct PageLinks<'a> {
    pub site: &'a Site,
    /// The page whose links are resolved, and its language.
    pub entry: Entry,
    pub lang: &'a str,
    /// Where the rendered file is written, relative to the site root (for relative hrefs).
    pub output_path: &'a str,
}

impl PageLinks<'_> {
    fn source_dir(&self) -> &str {
        crate::content::parent_dir(self.site.source_id(self.entry))
    }

    fn href(&self, to: &str) -> String {
        relative_href(self.output_path, to)
    }

    fn resolve_entry(&self, id: &str, anchor: Option<&str>) -> Result<String, Problem> {
        let Some(entry) = self.site.entry(id) else {
            let hint = crate::diagnostics::did_you_mean(
                id,
                self.site
                    .pages
                    .iter()
                    .map(|p| p.id.as_str())
                    .chain(self.site.procedures.iter().map(|p| p.id.as_str())),
            );
            return Err((format!("link to a page that does not exist: {id}"), hint));
        };
        let target = self.href(&self.site.url(entry, self.lang));
        match anchor {
            None | Some("") => Ok(target),
            Some(anchor) => {
                self.check_anchor(entry, anchor)?;
                Ok(format!("{target}#{anchor}"))
            }
        }
    }

    fn check_anchor(&self, entry: Entry, anchor: &str) -> Result<(), Problem> {
        let anchors = self.site.anchors(entry, self.lang);
        if anchors.contains(anchor) {
            return Ok(());
        }
        let ids = self.site.anchor_ids(entry, self.lang);
        let hint = crate::diagnostics::did_you_mean(anchor, ids.iter().map(String::as_str))
            .or_else(|| Some(format!("anchors there: {}", ids.join(", "))));
        Err((
            format!(
                "no heading #{anchor} in {} ({})",
                self.site.source_id(entry),
                self.lang
            ),
            hint,
        ))
    }

    /// `../a/b.md` from `c/d.md` -> `a/b.md`; None when it climbs out of `content/`.
    fn normalise(&self, relative: &str) -> Option<String> {
        normalise_from(self.source_dir(), relative)
    }

    fn asset(&self, relative: &str) -> Result<String, Problem> {
        let (path, fragment) = split_fragment(relative);
        // `my%20form.pdf` is the file `my form.pdf`, as a browser reads it.
        let path = percent_decode(path);
        let Some(normalised) = self.normalise(&path) else {
            return Err((
                format!("{relative} points outside content/"),
                Some("keep linked files inside content/".into()),
            ));
        };
        let on_disk = self
            .site
            .config
            .root
            .join(crate::content::CONTENT_DIR)
            .join(&normalised);
        if !Path::new(&on_disk).is_file() {
            return Err((
                format!("linked file does not exist: content/{normalised}"),
                Some("check the path, relative to this page's folder".into()),
            ));
        }
        let mut href = self.href(&format!("{ASSETS_DIR}/{normalised}"));
        if let Some(fragment) = fragment {
            href.push('#');
            href.push_str(fragment);
        }
        Ok(href)
    }
}

/// `relative` read from the folder `dir` of `content/`: `../a/b.md` from `c` -> `a/b.md`;
/// None when it climbs out of `content/`.
pub(crate) fn normalise_from(dir: &str, relative: &str) -> Option<String> {
    // Most links go down from the page's folder (`s01/_index.md`): nothing to resolve.
    let plain = |part: &str| !matches!(part, "" | "." | "..");
    if (dir.is_empty() || dir.split('/').all(plain)) && relative.split('/').all(plain) {
        return Some(crate::content::join(dir, relative));
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What a link written in the content file `from` (a source id such as `return/process.toml`)
/// points at, when it names a whole page, procedure, form or role (not a heading, file or
/// address): for `check`'s look at link texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    Entry(String),
    Form(String),
    Role(String),
}

pub fn named_target(from: &str, destination: &str, languages: &[String]) -> Option<Named> {
    if destination.contains('#') {
        return None;
    }
    if let Some(id) = destination.strip_prefix("@/") {
        return Some(Named::Entry(id.to_string()));
    }
    if let Some(id) = destination.strip_prefix("@form/") {
        return Some(Named::Form(id.to_string()));
    }
    if let Some(id) = destination.strip_prefix("@role/") {
        return Some(Named::Role(id.to_string()));
    }
    if destination.contains(':') || destination.starts_with('/') {
        return None;
    }
    if destination.ends_with(".md") || destination.ends_with(".toml") {
        let id = normalise_from(crate::content::parent_dir(from), destination)?;
        return Some(Named::Entry(strip_language_suffix(&id, languages)));
    }
    None
}

fn split_fragment(text: &str) -> (&str, Option<&str>) {
    match text.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (text, None),
    }
}

fn is_remote(destination: &str) -> bool {
    let lower = destination.to_ascii_lowercase();
    lower.starts_with("//") || lower.contains("://") || lower.starts_with("data:")
}

impl LinkResolver for PageLinks<'_> {
    fn link(&self, destination: &str) -> Result<LinkTarget, Problem> {
        self.target(destination).map(|target| match target {
            LinkTarget::Internal(href) => LinkTarget::Internal(percent_encoded(href)),
            LinkTarget::External(href) => LinkTarget::External(percent_encoded(href)),
        })
    }

    fn image(&self, source: &str) -> Result<String, Problem> {
        if is_remote(source) {
            return Err((
                format!("remote image {source}: the site must work offline"),
                Some("download the image into content/ and link it with a relative path".into()),
            ));
        }
        self.asset(source).map(percent_encoded)
    }
}

impl PageLinks<'_> {
    /// Where a link goes, before percent-encoding.
    fn target(&self, destination: &str) -> Result<LinkTarget, Problem> {
        if let Some(scheme) = scheme(destination) {
            let scheme = scheme.to_ascii_lowercase();
            if ["javascript", "vbscript", "data", "file"].contains(&scheme.as_str()) {
                return Err((
                    format!("a {scheme}: link does not open from the handbook"),
                    Some("link to a page, a file in content/, or a web address".into()),
                ));
            }
            // http, https, mailto, tel (how officials call a hotline from a phone), irc and any
            // other scheme: the reader's browser or phone opens it.
            return Ok(LinkTarget::External(destination.to_string()));
        }
        if let Some(rest) = destination.strip_prefix("@/") {
            let (id, anchor) = split_fragment(rest);
            return self.resolve_entry(id, anchor).map(LinkTarget::Internal);
        }
        if let Some(id) = destination.strip_prefix("@form/") {
            if self.site.forms.iter().any(|form| form.id == id) {
                return Ok(LinkTarget::Internal(self.href(&urls::form(self.lang, id))));
            }
            let hint =
                crate::diagnostics::did_you_mean(id, self.site.forms.iter().map(|f| f.id.as_str()));
            return Err((
                format!("link to a form that does not exist: {id}"),
                hint.or_else(|| Some("forms are files forms/<id>.toml".into())),
            ));
        }
        if let Some(id) = destination.strip_prefix("@role/") {
            if self.site.config.role(id).is_some() {
                return Ok(LinkTarget::Internal(self.href(&urls::role(self.lang, id))));
            }
            let hint = crate::diagnostics::did_you_mean(id, self.site.config.role_ids());
            return Err((
                format!("link to a role that does not exist: {id}"),
                hint.or_else(|| Some("roles are declared in handbook.toml".into())),
            ));
        }
        if destination.starts_with('@') {
            return Err((
                format!("unknown link prefix in {destination}"),
                Some("use @/path.md, @form/<id> or @role/<id>".into()),
            ));
        }
        if let Some(anchor) = destination.strip_prefix('#') {
            self.check_anchor(self.entry, anchor)?;
            return Ok(LinkTarget::Internal(destination.to_string()));
        }
        if destination.starts_with('/') {
            return Err((
                format!("absolute link {destination} breaks when the site is opened from a disk"),
                Some(
                    "write @/path/to/page.md for a page, a path relative to this page for a file, or a full address such as https://..."
                        .into(),
                ),
            ));
        }
        let (path, anchor) = split_fragment(destination);
        if path.ends_with(".md") || path.ends_with(".toml") {
            let Some(id) = self.normalise(path) else {
                return Err((format!("{destination} points outside content/"), None));
            };
            let id = strip_language_suffix(&id, self.site.languages());
            return self.resolve_entry(&id, anchor).map(LinkTarget::Internal);
        }
        self.asset(destination).map(LinkTarget::Internal)
    }
}

/// The URI scheme of an absolute URI as CommonMark defines it (`https`, `mailto`, `tel`,
/// `irc`, `made-up-scheme`): 2 to 32 characters, a letter then letters, digits, `+`, `.` or
/// `-`, before a `:`. Not a Windows drive (`C:`), not a path.
pub fn scheme(destination: &str) -> Option<&str> {
    let (scheme, _) = destination.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    ((2..=32).contains(&scheme.len()) && starts_with_letter && rest_ok).then_some(scheme)
}

/// A destination as CommonMark writes it into HTML: what a URL cannot hold as written (space,
/// `"`, `<`, `>`, `\`, `^`, backtick, `{`, `|`, `}`, `[`, `]`, control characters, and a `%`
/// that starts no escape) percent-encoded, so that the browser follows the link that was
/// written. Escapes already there, the URL's own punctuation and letters of every script are
/// kept (browsers encode Thai themselves, and Thai heading anchors stay readable).
pub fn percent_encode(destination: &str) -> String {
    if !needs_encoding(destination) {
        return destination.to_string();
    }
    let bytes = destination.as_bytes();
    let mut out = String::with_capacity(destination.len());
    for (index, c) in destination.char_indices() {
        let escape_follows = c == '%'
            && bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit);
        let unsafe_ascii = c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '[' | ']'
            )
            || (c == '%' && !escape_follows);
        if unsafe_ascii {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `percent_encode` of an owned href, given back as it is when nothing in it needs encoding
/// (almost every link: it is asked twice for every link of every page).
fn percent_encoded(href: String) -> String {
    if needs_encoding(&href) {
        percent_encode(&href)
    } else {
        href
    }
}

/// Whether `percent_encode` changes `destination`: a byte it encodes, or a `%` (which it keeps
/// only before two hexadecimal digits). Every such character is ASCII.
fn needs_encoding(destination: &str) -> bool {
    destination.bytes().any(|byte| {
        byte.is_ascii_control()
            || matches!(
                byte,
                b' ' | b'"'
                    | b'<'
                    | b'>'
                    | b'\\'
                    | b'^'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'['
                    | b']'
                    | b'%'
            )
    })
}

/// `%XX` escapes decoded (as UTF-8; anything else is kept as written).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        });
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A relative link may name a translation file (`b.en.md`); it means the page `b.md`.
fn strip_language_suffix(id: &str, languages: &[String]) -> String {
    if let Some(stem) = id.strip_suffix(".md") {
        for lang in languages {
            if let Some(base) = stem
                .strip_suffix(lang.as_str())
                .and_then(|rest| rest.strip_suffix('.'))
            {
                return format!("{base}.md");
            }
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_are_read_from_the_page_folder() {
        assert_eq!(
            normalise_from("a/b", "c/d.md").as_deref(),
            Some("a/b/c/d.md")
        );
        assert_eq!(normalise_from("", "c/d.md").as_deref(), Some("c/d.md"));
        assert_eq!(normalise_from("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise_from("a", "./c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise_from("a", "../../c.md"), None);
        let languages = ["th".to_string(), "en".to_string()];
        assert_eq!(strip_language_suffix("a/b.en.md", &languages), "a/b.md");
        assert_eq!(strip_language_suffix("a/b.md", &languages), "a/b.md");
        assert_eq!(strip_language_suffix("a/ben.md", &languages), "a/ben.md");
        assert_eq!(strip_language_suffix("a/b.fr.md", &languages), "a/b.fr.md");
    }

    #[test]
    fn schemes_are_found_as_commonmark_defines_them() {
        assert_eq!(scheme("tel:1300"), Some("tel"));
        assert_eq!(scheme("irc://foo.bar:2233/baz"), Some("irc"));
        assert_eq!(scheme("made-up-scheme://foo,bar"), Some("made-up-scheme"));
        assert_eq!(scheme("localhost:5001/foo"), Some("localhost"));
        assert_eq!(scheme("c:/x"), None);
        assert_eq!(scheme("files/a.pdf"), None);
        assert_eq!(scheme("@form/consent"), None);
        assert_eq!(scheme("1tel:1300"), None);
    }

    #[test]
    fn destinations_are_percent_encoded_as_commonmark_writes_them() {
        assert_eq!(percent_encode("foo\\bar"), "foo%5Cbar");
        assert_eq!(percent_encode("a b`c[1]"), "a%20b%60c%5B1%5D");
        assert_eq!(percent_encode("foo%20b%zz"), "foo%20b%25zz");
        assert_eq!(
            percent_encode("../th/a.html#การยินยอม"),
            "../th/a.html#การยินยอม"
        );
        for href in [
            "../th/a.html",
            "a b",
            "x%20y",
            "100%",
            "#การยินยอม",
            "a\u{7f}b",
            "",
        ] {
            assert_eq!(
                percent_encoded(href.to_string()),
                percent_encode(href),
                "{href:?}"
            );
        }
        assert_eq!(percent_decode("my%20form%2Epdf"), "my form.pdf");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
