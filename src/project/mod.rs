//! A project file: read with the place of every value ([`crate::yaml`]),
//! its shape checked against the project's JSON Schema ([`shape`]; the
//! schema itself is [`crate::check::schema`]'s) with every problem at
//! once, typed ([`model`]) and loaded ([`load`]).

pub(crate) mod kinds;
pub mod load;
pub(crate) mod model;
pub(crate) mod parts;
pub(crate) mod scalars;
pub mod shape;
pub(crate) mod staffing;
