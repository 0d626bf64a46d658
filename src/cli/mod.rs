//! The command line: its arguments ([`args`]), the commands ([`commands`]),
//! and the ones with a module of their own: `watch`, `init`, `explain`.

pub(crate) mod args;
pub mod commands;
pub mod explain;
mod explain_one;
pub(crate) mod help;
mod init;
mod watch;
