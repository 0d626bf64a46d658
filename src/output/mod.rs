//! Writing what was built: projects built in parallel ([`batch`]), only
//! what changed ([`cache`]), files replaced atomically ([`write`]), every
//! kind of file behind one registry ([`formats`]: PDF, Typst source, the
//! spreadsheets of [`xlsx`]).

pub mod batch;
pub(crate) mod cache;
pub mod fill;
pub mod formats;
pub(crate) mod options;
pub(crate) mod write;
pub mod xlsx;
