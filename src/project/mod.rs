//! A project file: read with the place of every value ([`crate::yaml`]),
//! its shape checked against the JSON Schema ([`schema`], [`shape`]) with
//! every problem at once, typed ([`model`]), loaded ([`load`]), and its
//! figures checked ([`validate`]).

pub mod load;
pub(crate) mod model;
pub(crate) mod parts;
pub(crate) mod scalars;
pub mod schema;
pub mod shape;
pub(crate) mod staffing;
pub(crate) mod validate;
