//! The git history of `content/`, read with one `git log` for the whole tree: the last commit of
//! every file, for stale-translation warnings (`check`) and notices (every build). Quietly nothing
//! outside a git repository or where git is not installed.

use crate::content::Page;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The last commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Unix time (committer date).
    pub time: i64,
    pub hash: String,
}

/// The last commit of every file under `content/`, by path relative to `root`, from one
/// `git log` run; `None` outside a git repository.
pub fn last_commits(root: &Path) -> Option<BTreeMap<PathBuf, Commit>> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--format=@%ct %h",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            crate::content::CONTENT_DIR,
        ])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(parse_git_log(&String::from_utf8_lossy(&output.stdout)))
}

/// Newest commit first, so the first time a file appears is its last change.
pub fn parse_git_log(log: &str) -> BTreeMap<PathBuf, Commit> {
    let mut commits = BTreeMap::new();
    let mut current: Option<Commit> = None;
    for line in log.lines() {
        if let Some(header) = line.strip_prefix('@') {
            let (time, hash) = header.split_once(' ').unwrap_or((header, ""));
            current = time.trim().parse::<i64>().ok().map(|time| Commit {
                time,
                hash: hash.trim().to_string(),
            });
        } else if let (Some(commit), false) = (&current, line.trim().is_empty()) {
            commits
                .entry(PathBuf::from(line.trim()))
                .or_insert_with(|| commit.clone());
        }
    }
    commits
}

/// A translation whose original changed after the translation's last commit.
#[derive(Debug, Clone)]
pub struct Stale<'a> {
    pub page: &'a Page,
    pub lang: &'a str,
    pub original: &'a Commit,
    pub translation: &'a Commit,
}

/// Every stale translation among `pages`, given the last commits of their files.
pub fn stale_translations<'a>(
    pages: &'a [Page],
    default_lang: &str,
    committed: &'a BTreeMap<PathBuf, Commit>,
) -> Vec<Stale<'a>> {
    let mut stale = Vec::new();
    for page in pages {
        let Some(original) = page
            .versions
            .get(default_lang)
            .and_then(|version| committed.get(&version.path))
        else {
            continue;
        };
        for (lang, translation) in &page.versions {
            if lang == default_lang {
                continue;
            }
            let Some(translation) = committed.get(&translation.path) else {
                continue;
            };
            if original.time > translation.time {
                stale.push(Stale {
                    page,
                    lang,
                    original,
                    translation,
                });
            }
        }
    }
    stale
}

/// `YYYY-MM-DD HH:MM UTC` of a Unix time, without a date crate.
pub fn date_time(unix: i64) -> String {
    let minutes = unix.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02} UTC", date(unix), minutes / 60, minutes % 60)
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
pub fn date(unix: i64) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let days = unix.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
