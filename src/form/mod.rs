//! Annex forms (`forms/<id>.toml`): model and loading. (Placeholder model: the full field model,
//! validation and show_if come with the forms work.)

use crate::config::Config;
use crate::diagnostics::{from_toml_error, Diagnostics};
use crate::localised::Localised;
use serde::Deserialize;
use std::path::PathBuf;

pub const FORMS_DIR: &str = "forms";

#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub path: PathBuf,
    pub code: Option<String>,
    pub title: Localised,
    pub purpose: Option<Localised>,
    pub version: Option<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawForm {
    code: Option<String>,
    title: Localised,
    purpose: Option<Localised>,
    version: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

pub fn load_all(config: &Config) -> (Vec<Form>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut forms = Vec::new();
    let dir = config.root.join(FORMS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (forms, diagnostics);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let shown = crate::content::shown_path(config, &path);
        let source = match crate::fs::read_to_string(&path, &shown) {
            Ok(source) => source,
            Err(error) => {
                diagnostics.push(error);
                continue;
            }
        };
        match toml::from_str::<RawForm>(&source) {
            Ok(raw) => forms.push(Form {
                id: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default(),
                path: shown,
                code: raw.code,
                title: raw.title,
                purpose: raw.purpose,
                version: raw.version,
                roles: raw.roles,
            }),
            Err(error) => diagnostics.push(from_toml_error(&shown, &source, 0, &error)),
        }
    }
    (forms, diagnostics)
}
