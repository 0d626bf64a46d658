//! From a project's data to a laid-out document: what templates see is
//! built from the data ([`values`]); minijinja renders a
//! form's template into Typst, escaping every value in one place
//! ([`render`]); Typst lays it out in-process in a confined world
//! ([`compile`], [`world`]) with the embedded and the user's fonts
//! ([`fonts`]). Forms from a folder are rendered and compiled in worker
//! processes under time and memory budgets ([`worker`], [`pool`],
//! [`confine`], [`limits`]).

pub mod compile;
pub(crate) mod confine;
pub(crate) mod context;
pub(crate) mod filters;
pub(crate) mod fonts;
pub(crate) mod limits;
pub(crate) mod lines;
pub(crate) mod pool;
pub(crate) mod preprinted;
pub mod render;
pub(crate) mod typed;
mod typst_words;
pub(crate) mod values;
pub mod worker;
mod world;
