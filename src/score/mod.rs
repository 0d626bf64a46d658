//! Completion and scores, as a person computes them by hand: targets read
//! as tables write them ([`target`]), completion rates with or without a
//! year-end evaluation ([`completion`]), the table's categories and their
//! points ([`weights`]), 评分细则 ([`rule`]), the evaluation itself with its
//! grades and sentences ([`evaluate`]), and the funders' summary
//! ([`summary`]).

pub mod completion;
pub mod evaluate;
pub(crate) mod evaluated;
pub mod rule;
pub mod summary;
pub mod target;
pub(crate) mod weights;
