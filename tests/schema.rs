//! The JSON Schemas `handbook schema` writes accept every TOML file of the bundled handbook and of
//! a new one, checked by an independent validator (boon), and reject a misspelt key as the
//! loader does.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::TestSite;

/// The generated schemas, compiled by boon, by file name.
struct Validator {
    schemas: boon::Schemas,
    compiled: Vec<(&'static str, boon::SchemaIndex)>,
}

impl Validator {
    fn new() -> Validator {
        let mut compiler = boon::Compiler::new();
        let mut schemas = boon::Schemas::new();
        let mut compiled = Vec::new();
        for (name, schema) in handbook::schema::schemas() {
            let url = format!("urn:handbook:{name}");
            compiler.add_resource(&url, schema).expect("add schema");
            let index = compiler
                .compile(&url, &mut schemas)
                .unwrap_or_else(|error| panic!("{name} is not a valid schema: {error:#}"));
            compiled.push((name, index));
        }
        Validator { schemas, compiled }
    }

    /// The validation errors of `toml` (a file's text) against the schema `name`.
    fn errors(&self, name: &str, toml: &str) -> Option<String> {
        let value: toml::Value = toml::from_str(toml).expect("valid TOML");
        let json: Value = serde_json::to_value(value).expect("TOML as JSON");
        let index = self
            .compiled
            .iter()
            .find(|(schema, _)| *schema == name)
            .map(|(_, index)| *index)
            .expect("a schema of that name");
        self.schemas
            .validate(&json, index)
            .err()
            .map(|error| format!("{error:#}"))
    }
}

/// The schema a handbook file is checked against, and the TOML in it (a page's front matter).
fn toml_of(root: &Path, path: &Path) -> Option<(&'static str, String)> {
    let relative = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).ok()?;
    let schema = match relative.as_str() {
        "handbook.toml" => "handbook.json",
        "glossary.toml" => "glossary.json",
        "directory.toml" => "directory.json",
        _ if relative.starts_with("forms/") && relative.ends_with(".toml") => "form.json",
        _ if relative.starts_with("content/") && relative.ends_with(".toml") => "procedure.json",
        _ if relative.starts_with("content/") && relative.ends_with(".md") => {
            let rest = text.strip_prefix("+++")?;
            let end = rest.find("\n+++")?;
            return Some(("page.json", rest[..end].to_string()));
        }
        _ => return None,
    };
    Some((schema, text))
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Checks every TOML file of the handbook at `root`; returns how many were checked.
fn every_file_passes(root: &Path) -> usize {
    let validator = Validator::new();
    let mut files = Vec::new();
    for top in ["handbook.toml", "glossary.toml", "directory.toml"] {
        files.push(root.join(top));
    }
    files_under(&root.join("forms"), &mut files);
    files_under(&root.join("content"), &mut files);
    let mut checked = 0;
    for path in files {
        let Some((schema, toml)) = toml_of(root, &path) else {
            continue;
        };
        if let Some(errors) = validator.errors(schema, &toml) {
            panic!("{} fails {schema}:\n{errors}", path.display());
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_toml_file_of_the_bundled_handbook_passes_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = every_file_passes(root);
    assert!(checked > 50, "only {checked} files checked");
}

#[test]
fn every_toml_file_of_a_new_handbook_passes_its_schema_and_names_it() {
    let parent = tempfile::tempdir().expect("temporary folder");
    let root = parent.path().join("h");
    let options = handbook::scaffold::NewOptions {
        dir: root.clone(),
        languages: vec!["th".into(), "en".into()],
        title: None,
    };
    handbook::scaffold::create(&options).expect("new handbook");
    assert!(every_file_passes(&root) >= 10);
    // The #:schema directive at the top of each TOML file names a schema that was written.
    for (file, schema) in [
        ("handbook.toml", "./schemas/handbook.json"),
        ("forms/request.toml", "../schemas/form.json"),
        (
            "content/basics/request.toml",
            "../../schemas/procedure.json",
        ),
        ("glossary.toml", "./schemas/glossary.json"),
        ("directory.toml", "./schemas/directory.json"),
    ] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some(format!("#:schema {schema}").as_str())
        );
        let target = path.parent().unwrap().join(schema);
        assert!(target.is_file(), "{file}: {} missing", target.display());
    }
}

#[test]
fn a_misspelt_key_is_rejected_by_the_schema_and_by_the_loader() {
    let validator = Validator::new();
    let form = "title = \"Consent\"\n\n[[section]]\ntitle = \"A\"\n\n[[section.field]]\nid = \"name\"\ntype = \"text\"\nlable = \"Name\"\n";
    let schema_says = validator
        .errors("form.json", form)
        .expect("schema rejects lable");
    assert!(schema_says.contains("lable"), "{schema_says}");

    let site = TestSite::fixture("check");
    site.file("forms/consent.toml", form);
    let errors = site.build().expect_err("the loader rejects lable");
    assert!(
        errors
            .iter()
            .any(|error| error.to_string().contains("lable")),
        "{errors:#?}"
    );

    // A key of another field type, as the loader says.
    let lines_on_text = form
        .replace("lable", "label")
        .replace("type = \"text\"", "type = \"text\"\nlines = 4");
    assert!(validator.errors("form.json", &lines_on_text).is_some());
    let site = TestSite::fixture("check");
    site.file("forms/consent.toml", &lines_on_text);
    let errors = site
        .build()
        .expect_err("the loader rejects lines on a text field");
    assert!(errors
        .iter()
        .any(|error| error.to_string().contains("`lines` does not apply")));
    let lines_on_textarea = lines_on_text.replace("type = \"text\"", "type = \"textarea\"");
    assert_eq!(validator.errors("form.json", &lines_on_textarea), None);

    let config = "title = \"H\"\nlanguages = [\"th\"]\nlangauges = [\"en\"]\n";
    assert!(validator.errors("handbook.json", config).is_some());
    let site = TestSite::fixture("check");
    site.file("handbook.toml", config);
    assert!(site.build().is_err());
}

#[test]
fn localised_strings_are_plain_or_per_language_and_nothing_else() {
    let validator = Validator::new();
    let glossary = |term: &str| format!("[[term]]\nid = \"x\"\nterm = {term}\n");
    assert_eq!(
        validator.errors("glossary.json", &glossary("\"Victim\"")),
        None
    );
    assert_eq!(
        validator.errors(
            "glossary.json",
            &glossary("{ th = \"ผู้เสียหาย\", en = \"Victim\" }")
        ),
        None
    );
    assert!(validator.errors("glossary.json", &glossary("3")).is_some());
    assert!(validator.errors("glossary.json", &glossary("{}")).is_some());
    assert!(validator
        .errors("glossary.json", &glossary("{ Thai = \"ผู้เสียหาย\" }"))
        .is_some());
}
