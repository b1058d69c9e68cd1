//! `directory.toml`: the organisations that provide assistance, rendered as a filterable table.

use crate::config::{Config, Level};
use crate::diagnostics::{did_you_mean, from_toml_error, Diagnostic, Diagnostics};
use crate::localised::Localised;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use toml::Spanned;

pub const DIRECTORY_FILE: &str = "directory.toml";

/// `directory.toml`: organisations readers can turn to.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "directory.toml")]
struct RawDirectory {
    #[serde(default)]
    types: BTreeMap<String, Localised>,
    #[serde(default)]
    services: BTreeMap<String, Localised>,
    #[serde(default)]
    organisation: Vec<RawOrganisation>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawOrganisation {
    id: String,
    name: Localised,
    abbr: Option<Localised>,
    #[schemars(with = "crate::config::LevelName")]
    level: Spanned<String>,
    /// A key of [types].
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    kind: Spanned<String>,
    /// Keys of [services].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    services: Vec<Spanned<String>>,
    description: Option<Localised>,
    contact: Option<Localised>,
}

/// The JSON Schema of `directory.toml`, from the type that loads it.
pub fn json_schema() -> schemars::Schema {
    crate::json_schema::root::<RawDirectory>()
}

#[derive(Debug, Default)]
pub struct Directory {
    pub types: BTreeMap<String, Localised>,
    pub services: BTreeMap<String, Localised>,
    pub organisations: Vec<Organisation>,
}

#[derive(Debug)]
pub struct Organisation {
    pub id: String,
    pub name: Localised,
    pub abbr: Option<Localised>,
    pub level: Level,
    pub kind: String,
    pub services: Vec<String>,
    pub description: Option<Localised>,
    pub contact: Option<Localised>,
}

pub fn load(config: &Config) -> Result<Directory, Diagnostics> {
    let path = config.root.join(DIRECTORY_FILE);
    if !path.exists() {
        return Ok(Directory::default());
    }
    let shown = PathBuf::from(DIRECTORY_FILE);
    let source = crate::fs::read_to_string(&path, &shown)?;
    let raw: RawDirectory =
        toml::from_str(&source).map_err(|error| from_toml_error(&shown, &source, 0, &error))?;
    let mut diagnostics = Diagnostics::default();
    let mut organisations = Vec::new();
    for organisation in raw.organisation {
        let level = Level::parse(organisation.level.get_ref()).unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("unknown level \"{}\"", organisation.level.get_ref()),
                )
                .at_offset(&source, organisation.level.span().start)
                .with_hint("use one of international, national, provincial, local"),
            );
            Level::Local
        });
        let mut check =
            |value: &Spanned<String>, known: &BTreeMap<String, Localised>, table: &str| {
                if !known.contains_key(value.get_ref()) {
                    let hint = did_you_mean(value.get_ref(), known.keys().map(String::as_str))
                        .unwrap_or_else(|| format!("declare it under [{table}]"));
                    diagnostics.push(
                        Diagnostic::error(
                            &shown,
                            format!("\"{}\" is not declared in [{table}]", value.get_ref()),
                        )
                        .at_offset(&source, value.span().start)
                        .with_hint(hint),
                    );
                }
            };
        check(&organisation.kind, &raw.types, "types");
        organisation
            .services
            .iter()
            .for_each(|service| check(service, &raw.services, "services"));
        organisations.push(Organisation {
            id: organisation.id,
            name: organisation.name,
            abbr: organisation.abbr,
            level,
            kind: organisation.kind.into_inner(),
            services: organisation
                .services
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            description: organisation.description,
            contact: organisation.contact,
        });
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Directory {
        types: raw.types,
        services: raw.services,
        organisations,
    })
}
