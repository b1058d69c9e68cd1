//! File-system calls that name the path in every error.

use crate::diagnostics::Diagnostic;
use std::path::Path;

pub fn read_to_string(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path).map_err(|error| {
        let hint = if error.kind() == std::io::ErrorKind::InvalidData {
            "save the file as UTF-8"
        } else {
            "check that the file exists and is readable"
        };
        Diagnostic::error(shown, format!("cannot read file: {error}")).with_hint(hint)
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
        .map_err(|error| Diagnostic::error(path, format!("cannot write file: {error}")))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path)
        .map_err(|error| Diagnostic::error(path, format!("cannot create folder: {error}")))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to).map_err(|error| {
        Diagnostic::error(from, format!("cannot move to {}: {error}", to.display()))
    })
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::remove_dir_all(path)
        .map_err(|error| Diagnostic::error(path, format!("cannot remove folder: {error}")))
}
