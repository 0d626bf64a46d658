//! Units a form writes figures in, exact: money in 分, counts, hours,
//! scores and rates in ten-thousandths, Chinese dates, numbering.

pub(crate) mod date;
pub(crate) mod money;
pub mod number;
pub(crate) mod numbering;
pub(crate) mod rate;
pub(crate) mod shown;
pub(crate) mod templates;
