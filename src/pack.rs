//! `handbook pack`: the built site as one zip for offline copies (e-mail, USB stick), with a
//! START-HERE.html and a SHA256SUMS file; the same input gives a byte-identical zip.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::Site;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const START_HERE: &str = "START-HERE.html";
pub const CHECKSUMS: &str = "SHA256SUMS";

/// Zip folder names stay short enough for Windows paths and for e-mail attachment names.
const MAX_NAME_LENGTH: usize = 60;

/// What `pack` wrote.
#[derive(Debug)]
pub struct Packed {
    pub zip: PathBuf,
    /// Files in the zip, START-HERE.html and SHA256SUMS included.
    pub files: usize,
    pub bytes: u64,
    pub warnings: Diagnostics,
}

/// Builds the handbook at `root` in memory (its output folder is left alone) and writes the zip to
/// `output`, or to `<name>.zip` in the current folder.
pub fn pack(root: &Path, output: Option<&Path>) -> Result<Packed, Diagnostics> {
    let mut built = crate::render(root, false)?;
    if crate::pdf::wanted(&built.site) {
        let renderer = crate::render::Renderer::new(&built.site)?;
        let (pdfs, warnings) = crate::pdf::documents(&built.site, &renderer)?;
        built.files.extend(pdfs);
        built.warnings.extend(warnings);
    }
    let (name, files) = packed_files(&built.site, built.files)?;
    let bytes = zip_bytes(&name, &files, built.site.config.version.as_deref())?;
    let zip = output.map_or_else(|| PathBuf::from(format!("{name}.zip")), Path::to_path_buf);
    write_atomically(&zip, &bytes)?;
    Ok(Packed {
        zip,
        files: files.len(),
        bytes: bytes.len() as u64,
        warnings: built.warnings,
    })
}

/// The zip's top folder: the handbook's title as a slug, and its version (edition date).
pub fn folder_name(site: &Site) -> String {
    // An ASCII name where the handbook has one (it survives every unzip tool); else the default title.
    let slugs = site
        .languages()
        .iter()
        .map(|lang| crate::slug::slugify(site.config.title.get(lang, site.default_language())));
    let all: Vec<String> = slugs.filter(|slug| !slug.is_empty()).collect();
    let title = all
        .iter()
        .find(|slug| slug.is_ascii())
        .or(all.first())
        .cloned()
        .unwrap_or_else(|| "handbook".to_string());
    let name = shortened(&title);
    match &site.config.version {
        Some(version) => format!("{name}-{}", crate::slug::slugify(version)),
        None => name,
    }
}

/// A slug cut at a word to at most MAX_NAME_LENGTH characters, never ending on a word that needs
/// the next one ("...victims-of").
fn shortened(slug: &str) -> String {
    const NEEDS_NEXT: [&str; 9] = ["a", "an", "and", "for", "in", "of", "on", "the", "to"];
    let mut words: Vec<&str> = Vec::new();
    let mut length = 0;
    for word in slug.split('-') {
        if !words.is_empty() && length + word.chars().count() + 1 > MAX_NAME_LENGTH {
            while words.len() > 1 && words.last().is_some_and(|last| NEEDS_NEXT.contains(last)) {
                words.pop();
            }
            break;
        }
        length += word.chars().count() + usize::from(!words.is_empty());
        words.push(word);
    }
    words.join("-")
}

/// The site's files plus START-HERE.html and SHA256SUMS, sorted by path, and the folder name.
fn packed_files(
    site: &Site,
    mut files: Vec<OutputFile>,
) -> Result<(String, Vec<OutputFile>), Diagnostics> {
    files.push(OutputFile::new(
        START_HERE.to_string(),
        start_here(site)?.into_bytes(),
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.push(OutputFile::new(
        CHECKSUMS.to_string(),
        checksums(&files).into_bytes(),
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((folder_name(site), files))
}

/// A page that sends the reader to the language chooser (meta refresh, no script), with a link
/// per language in case refresh is turned off, and how to verify the copy.
fn start_here(site: &Site) -> Result<String, Diagnostics> {
    let renderer = crate::render::Renderer::new(site)?;
    let default_lang = site.default_language();
    let languages: Vec<serde_json::Value> = site
        .languages()
        .iter()
        .map(|lang| {
            serde_json::json!({
                "code": lang,
                "name": renderer.language_name(lang),
                "href": site.url(site.tree().entry, lang),
                "title": renderer.string(lang, "start_here_title"),
                "open": renderer.string(lang, "start_here_open"),
                "verify": renderer.string(lang, "start_here_verify"),
            })
        })
        .collect();
    let view = serde_json::json!({
        "site_title": site.config.title.get(default_lang, default_lang),
        "description": site
            .config
            .description
            .as_ref()
            .map(|d| d.get(default_lang, default_lang))
            .unwrap_or_default(),
        "version": site.config.version,
        "languages": languages,
    });
    Ok(renderer.template("start-here.html", &view)?)
}

/// `sha256sum` format: `<hex>  <path>` per line, paths relative to the top folder, sorted.
pub fn checksums(files: &[OutputFile]) -> String {
    let mut text = String::new();
    for file in files {
        let digest = Sha256::digest(&file.bytes);
        text.push_str(&format!("{digest:x}  {}\n", file.path));
    }
    text
}

/// The zip: entries in path order under one top folder, every timestamp the edition date (or
/// 1980-01-01), fixed permissions; already-compressed files are stored as they are.
fn zip_bytes(
    folder: &str,
    files: &[OutputFile],
    version: Option<&str>,
) -> Result<Vec<u8>, Diagnostic> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let failed = |error: zip::result::ZipError| {
        Diagnostic::error(
            format!("{folder}.zip"),
            format!("cannot write the zip: {error}"),
        )
    };
    let timestamp = edition_timestamp(version);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for file in files {
        let compressed_already = [".woff2", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".pdf"]
            .iter()
            .any(|ext| file.path.ends_with(ext));
        let options = SimpleFileOptions::default()
            .compression_method(if compressed_already {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .last_modified_time(timestamp)
            .unix_permissions(0o644);
        writer
            .start_file(format!("{folder}/{}", file.path), options)
            .map_err(failed)?;
        writer.write_all(&file.bytes).map_err(|error| {
            Diagnostic::error(
                format!("{folder}.zip"),
                format!("cannot write the zip: {error}"),
            )
        })?;
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// Midnight of the edition date `YYYY-MM-DD...`, else the zip epoch: never the clock.
fn edition_timestamp(version: Option<&str>) -> zip::DateTime {
    let parts: Vec<u16> = version
        .unwrap_or_default()
        .split('-')
        .take(3)
        .map_while(|part| part.parse().ok())
        .collect();
    let (year, month, day) = match parts.as_slice() {
        [year, month, day] => (*year, *month, *day),
        [year, month] => (*year, *month, 1),
        _ => (1980, 1, 1),
    };
    let narrow = |value: u16| u8::try_from(value).unwrap_or(1);
    zip::DateTime::from_date_and_time(year, narrow(month), narrow(day), 0, 0, 0).unwrap_or_default()
}

/// Writes beside the target first, so a failed pack never leaves half a zip.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let failed = |error: std::io::Error| {
        Diagnostic::error(path, format!("cannot write the zip: {error}"))
            .with_hint("check that the folder exists and is writable")
    };
    let mut temporary = tempfile::NamedTempFile::new_in(&parent).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    // A zip is made to be shared: readable by all, like any file the user saves (not 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temporary.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(failed)?;
    }
    temporary
        .persist(path)
        .map_err(|error| failed(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_use_the_sha256sum_format() {
        let files = vec![OutputFile::new("a.txt".into(), b"abc".to_vec())];
        assert_eq!(
            checksums(&files),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word_that_does_not_need_the_next() {
        assert_eq!(
            shortened("return-and-social-reintegration-handbook-for-thai-victims-of-trafficking-in-persons"),
            "return-and-social-reintegration-handbook-for-thai-victims"
        );
        assert_eq!(shortened("test-handbook"), "test-handbook");
    }

    #[test]
    fn timestamps_come_from_the_edition_date() {
        let stamp = edition_timestamp(Some("2026-11-28"));
        assert_eq!((stamp.year(), stamp.month(), stamp.day()), (2026, 11, 28));
        let stamp = edition_timestamp(Some("next year"));
        assert_eq!((stamp.year(), stamp.month(), stamp.day()), (1980, 1, 1));
    }
}
