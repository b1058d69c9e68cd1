//! Pieces of JSON Schema the loaders share: draft-7 generation, localised strings, language
//! codes and kebab-case ids. `handbook schema` (src/schema.rs) puts the loaders' schemas together.

use crate::localised::Localised;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema of a root type, in JSON Schema draft 7 (what Taplo's validator reads).
pub fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
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
#[macro_export]
macro_rules! string_schema {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
}

crate::string_schema!(
    /// A language code: two or three lowercase letters.
    LanguageCode,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z]{2,3}$",
        "description": "A language code such as th or en"
    })
);

crate::string_schema!(
    /// An id in kebab-case.
    Id,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "description": "kebab-case: lowercase letters, digits and single hyphens"
    })
);
