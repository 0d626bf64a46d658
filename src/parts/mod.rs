//! The typed parts a form may carry in its section and wenshu computes:
//! the budget by 社工等级 and the 工时测算 ([`compute`]), the team against
//! its staffing requirements ([`staffing`]).

pub mod compute;
pub(crate) mod staffing;
