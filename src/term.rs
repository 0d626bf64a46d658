//! What wenshu prints, and how: results on stdout, problems on stderr,
//! colour only where a person reads it, and a closed pipe is not a crash.
//!
//! `wenshu fonts | head -1` closes stdout after one line; Rust's `println!`
//! would panic on the next. Every line goes through [`say`] or [`data`]
//! instead, which stop writing once the reader is gone and let the command
//! finish its work (PDFs are still written) with its normal exit code.

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

static QUIET: AtomicBool = AtomicBool::new(false);
static COLOR: AtomicBool = AtomicBool::new(false);
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// When to colour wenshu's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// On a terminal, unless `NO_COLOR` is set or the terminal is dumb.
    #[default]
    Auto,
    Always,
    Never,
}

/// Sets, once per process, whether status lines are shown and errors coloured.
pub fn configure(color: Color, quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
    COLOR.store(color_enabled(color), Ordering::Relaxed);
}

fn color_enabled(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && std::io::stderr().is_terminal()
        }
    }
}

/// Whether messages are coloured (for clap's own help and errors too).
pub fn colored() -> bool {
    COLOR.load(Ordering::Relaxed)
}

/// A status line on stdout (`已生成 …`); left out with `--quiet`.
pub fn say(line: impl Display) {
    if !QUIET.load(Ordering::Relaxed) {
        data(line);
    }
}

/// A line of a command's output proper (`schema`, `fonts`, `explain`):
/// printed even with `--quiet`.
pub fn data(line: impl Display) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Whether whoever read stdout has gone (`| head -1` has exited).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// A problem, on stderr: `错误：` and the error with its place and caret.
pub fn problem(error: &Error) {
    let prefix = if colored() { "\x1b[1;31m错误：\x1b[0m" } else { "错误：" };
    note(format_args!("{prefix}{error}"));
}

/// A warning: the command goes on (`check` still exits 0).
pub fn warning(error: &Error) {
    note(format_args!("{error}"));
}

/// A line on stderr that is not a result (a summary of failures).
pub fn note(line: impl Display) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
