//! From a project's context to a laid-out document: minijinja renders a
//! form's template into Typst, escaping every value in one place
//! ([`render`]); Typst lays it out in-process in a confined world
//! ([`compile`], [`world`]) with the embedded and the user's fonts
//! ([`fonts`]). Forms from a folder are rendered and compiled in a worker
//! process under time and memory budgets ([`worker`], [`limits`]).

pub mod compile;
pub mod filters;
pub(crate) mod fonts;
pub mod limits;
pub mod lines;
pub mod render;
pub mod typed;
mod typst_words;
pub mod worker;
mod world;
