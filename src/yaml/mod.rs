//! YAML read with the place of every value: a spanned node tree ([`tree`])
//! and serde deserialization from it ([`de`]), so every later stage can
//! point a problem at its file, line and column. Nothing here knows what a
//! project or a form is: both are read through it.

pub mod de;
pub mod tree;
