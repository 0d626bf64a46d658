//! Writing what was built: projects built in parallel ([`batch`]), only
//! what changed ([`cache`]), files replaced atomically ([`write`]), and the
//! spreadsheets beside the PDFs ([`xlsx`]).

pub mod batch;
pub(crate) mod cache;
pub(crate) mod write;
pub mod xlsx;
