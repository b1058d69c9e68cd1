//! `handbook schema`: JSON Schemas of every TOML file, derived from the types that load them, so
//! that editors (Taplo, Even Better TOML) complete keys and flag mistakes as the author types.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// Where `handbook new` puts the schemas, and where `handbook schema` writes them by default.
pub const SCHEMA_DIR: &str = "schemas";

/// Each schema's file name and the schema.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    let schemas = vec![
        ("handbook.json", crate::config::json_schema()),
        ("procedure.json", crate::procedure::json_schema()),
        ("form.json", crate::form::json_schema()),
        ("glossary.json", crate::glossary::json_schema()),
        ("directory.json", crate::directory::json_schema()),
        ("page.json", crate::content::front_matter::json_schema()),
    ];
    schemas
        .into_iter()
        .map(|(name, schema)| {
            let mut value = schema.to_value();
            without_null(&mut value);
            (name, value)
        })
        .collect()
}

/// The schema without the `null` that Rust's `Option` adds: TOML has no null, and an editor
/// should not offer one.
fn without_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|kind| kind != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    object.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any_of)) = object.get_mut("anyOf") {
                any_of.retain(|option| option.get("type").is_none_or(|kind| kind != "null"));
                if any_of.len() == 1 {
                    if let Some(Value::Object(only)) = any_of.pop() {
                        object.remove("anyOf");
                        for (key, value) in only {
                            object.entry(key).or_insert(value);
                        }
                    }
                }
            }
            object.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// The schema files, as (`dir/<name>.json`, pretty-printed JSON).
pub fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    schemas()
        .into_iter()
        .map(|(name, schema)| {
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            (dir.join(name), format!("{text}\n"))
        })
        .collect()
}

/// Writes the schemas into `dir` (created if need be); returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for (path, text) in files(dir) {
        let result = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, &text));
        if let Err(error) = result {
            let problem = Diagnostic::error(&path, format!("cannot write this file: {error}"));
            return Err(problem.into());
        }
        written.push(path);
    }
    Ok(written)
}
