//! Completion and scores, as a person computes them by hand: targets read
//! as tables write them ([`target`]), actuals read against them
//! ([`actual`]), one indicator scored by the national method without a
//! project file ([`indicator()`]), completion rates with or without a
//! year-end evaluation ([`completion`]), the table's categories and their
//! points ([`weights`]), 评分细则 ([`rule`]), the evaluation itself with its
//! grades and sentences ([`evaluate`]), and the funders' summary
//! ([`summary`]).

use crate::error::{Error, ErrorKind};
use crate::yaml::tree::Place;

/// A problem with a project's figures, at the value's place in the file:
/// what every stage of scoring reports.
pub(crate) fn invalid_at(place: Place, message: String) -> Error {
    let mut error = Error::new(ErrorKind::Invalid, message);
    (error.line, error.column) = (place.line as usize, place.column as usize);
    error
}

pub(crate) mod actual;
pub(crate) mod completion;
pub mod evaluate;
pub(crate) mod evaluated;
pub mod indicator;
pub(crate) mod report;
pub mod rule;
pub mod summary;
pub mod target;
pub(crate) mod tree;
pub(crate) mod weights;

pub use indicator::indicator;
