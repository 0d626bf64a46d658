//! From a project's data to a laid-out document: what templates see is
//! built from the data ([`values`]); minijinja renders a
//! form's template into Typst, escaping every value in one place
//! ([`render`]); Typst lays it out in-process in a confined world
//! ([`compile`], [`world`]) with the embedded and the user's fonts
//! ([`fonts`]). Forms from a folder are rendered and compiled in a worker
//! process under time and memory budgets ([`worker`], [`limits`]).

pub mod compile;
pub mod context;
pub mod filters;
pub(crate) mod fonts;
pub mod limits;
pub mod lines;
pub mod preprinted;
pub mod render;
pub mod typed;
mod typst_words;
pub mod values;
pub mod worker;
mod world;
