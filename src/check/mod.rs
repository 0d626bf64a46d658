//! What is checked of a project against its forms: the project file's
//! JSON Schema, from the model and every form's fields and typed parts
//! ([`schema`], [`fields`]), and the checks of what the documents need —
//! required parts, sums, lengths, the forms' own `checks` ([`validate`]).
//! It sits above the forms, the project and the typed parts it reads.

pub(crate) mod fields;
pub(crate) mod placement;
pub mod schema;
pub(crate) mod validate;
