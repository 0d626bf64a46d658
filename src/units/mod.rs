//! Units a form writes figures in, exact: money in 分, counts, hours,
//! scores and rates in ten-thousandths, Chinese dates.

pub(crate) mod date;
pub mod money;
pub mod number;
pub(crate) mod shown;
