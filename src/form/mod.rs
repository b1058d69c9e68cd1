//! Annex forms (`forms/<id>.toml`): one file per form, the single source of the on-screen form
//! and the printed paper form in every language.

mod check;
mod fields;
mod load;
pub mod model;
mod pattern;
mod raw;
pub mod show_if;

pub use load::{load_all, parse, FORMS_DIR};
pub use model::*;
pub use raw::json_schema;
