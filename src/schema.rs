//! `handbook schema`: JSON Schemas of every TOML file, derived from the types that load them, so
//! that editors (Taplo, Even Better TOML) complete keys and flag mistakes as the author types.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::localised::Localised;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Where `handbook new` puts the schemas, and where `handbook schema` writes them by default.
pub const SCHEMA_DIR: &str = "schemas";

/// The schema of a root type, in JSON Schema draft 7 (what Taplo's validator reads).
pub fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

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

/// The schema files, as `dir/<name>.json` with pretty-printed JSON.
pub fn files(dir: &Path) -> Vec<crate::scaffold::NewFile> {
    schemas()
        .into_iter()
        .map(|(name, schema)| crate::scaffold::NewFile {
            path: dir.join(name),
            text: format!(
                "{}\n",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            ),
        })
        .collect()
}

/// Writes the schemas into `dir` (created if need be); returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for file in files(dir) {
        let result =
            std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&file.path, &file.text));
        if let Err(error) = result {
            return Err(
                Diagnostic::error(&file.path, format!("cannot write this file: {error}")).into(),
            );
        }
        written.push(file.path);
    }
    Ok(written)
}

impl JsonSchema for Localised {
    fn schema_name() -> Cow<'static, str> {
        "Localised".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A plain string for every language, or a table of strings keyed by language code such as { th = \"...\", en = \"...\" }",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                    "additionalProperties": { "type": "string" }
                }
            ]
        })
    }
}

/// Declares a string type for schemas only, described by `$schema`.
macro_rules! string_schema {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

string_schema!(
    /// A language code: two or three lowercase letters.
    LanguageCode,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z]{2,3}$",
        "description": "A language code such as th or en"
    })
);

string_schema!(
    /// An id in kebab-case.
    Id,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "description": "kebab-case: lowercase letters, digits and single hyphens"
    })
);

string_schema!(
    /// Where a role or organisation sits in the referral mechanism.
    Level,
    json_schema!({
        "type": "string",
        "enum": crate::config::Level::ALL.iter().map(|level| level.id()).collect::<Vec<_>>()
    })
);

string_schema!(
    /// A form field's type.
    FieldType,
    json_schema!({
        "type": "string",
        "enum": crate::form::model::TYPES
    })
);

string_schema!(
    /// A page layout that appends a data table.
    Layout,
    json_schema!({
        "type": "string",
        "enum": crate::content::front_matter::LAYOUTS
    })
);
