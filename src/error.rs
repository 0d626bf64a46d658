//! The one error type: what went wrong, in the user's words, and where.
//!
//! Every problem wenshu reports — a YAML typo, a budget that does not add
//! up, a character no font has, a template bug — is an [`Error`] with a
//! kind, the file, and a 1-based line and column when the problem has a
//! place. Printed, it reads like a compiler diagnostic:
//!
//! ```text
//! 错误：projects/yantian/project.yaml:14:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元
//!    |
//! 14 |   total: 56.40万元
//!    |          ^
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// What stage of the pipeline found the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    Io,
    /// The project file is not valid YAML, or a value has the wrong type or name.
    Syntax,
    /// The project parses but breaks a rule of the form (sums, required fields …).
    Invalid,
    /// A character of the project's text is in none of the fonts.
    MissingGlyph,
    /// A form's manifest is wrong (a bug in the form, not in the project).
    Form,
    /// A template failed to render (a bug in the template, not in the data).
    Template,
    /// Typst rejected the generated document.
    Typst,
    /// A form's template went over a budget (fuel, time, memory, pages).
    Limit,
    /// The command line asked for something impossible.
    Usage,
}

/// One problem, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The file the problem is in; `None` for problems with no file.
    pub path: Option<PathBuf>,
    /// 1-based line and column; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// The source line the problem is on, to print under the message.
    pub source_line: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), path: None, line: 0, column: 0, source_line: None }
    }

    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// Places the error at a 1-based line and column of `source`, keeping
    /// that line of the source to show under the message.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Error {
        self.line = line;
        self.column = column;
        self.source_line = line.checked_sub(1).and_then(|i| source.lines().nth(i)).map(str::to_owned);
        self
    }

    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Error {
        let reason = match err.kind() {
            std::io::ErrorKind::NotFound => "文件或文件夹不存在".to_owned(),
            std::io::ErrorKind::PermissionDenied => "没有权限".to_owned(),
            _ => err.to_string(),
        };
        Error::new(ErrorKind::Io, format!("无法{action}：{reason}")).with_path(path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}:", path.display())?;
            if self.line > 0 {
                write!(f, "{}:{}:", self.line, self.column.max(1))?;
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)?;
        if let Some(line) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // The caret goes under the column's character; CJK characters
            // take two terminal cells.
            let before: String = line.chars().take(self.column.saturating_sub(1)).collect();
            let indent: usize = before.chars().map(display_width).sum();
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {}^", " ".repeat(indent))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Terminal cells a character takes: two for CJK, one otherwise.
pub fn display_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// What a command gives: its exit code, or the problems that stopped it.
pub type Exit = std::result::Result<i32, Vec<Error>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_place_source_line_and_caret() {
        let source = "name: x\n  total: 56.40万元\n";
        let err = Error::new(ErrorKind::Invalid, "项目资金 56.40万元 ≠ 各预算明细之和 55.40万元")
            .with_path("p.yaml")
            .at(source, 2, 10);
        assert_eq!(
            err.to_string(),
            "p.yaml:2:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元\n  |\n2 |   total: 56.40万元\n  |          ^"
        );
    }

    #[test]
    fn caret_counts_cjk_as_two_cells() {
        let err = Error::new(ErrorKind::Invalid, "m").with_path("p").at("名称: 〇", 1, 5);
        assert!(err.to_string().ends_with("\n  |       ^"), "{err}");
    }
}
