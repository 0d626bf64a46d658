//! The budgets of a form's template: a form folder is code that travels
//! between organisations, so what one document may spend is bounded.
//!
//! - fuel: minijinja's count of instructions and data, for every template
//!   (built-in or not), in-process or not;
//! - time and memory: for documents of forms from a folder, which are
//!   rendered and compiled in a worker process ([`super::worker`]) that
//!   is killed at the deadline and, on unix, limited in address space and
//!   CPU time by the kernel;
//! - pages: [`super::compile::MAX_PAGES`], counted after each layout pass.

use std::time::Duration;

/// The budgets of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// minijinja fuel per rendering.
    pub fuel: u64,
    /// Wall-clock time per document.
    pub timeout: Duration,
    /// Address space per worker process, in bytes.
    pub memory: u64,
}

/// 60 seconds: a real document takes well under one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// 2 GB: a real document needs about 100 MB.
pub const DEFAULT_MEMORY: u64 = 2 * 1024 * 1024 * 1024;

/// The environment variables that set the budgets when the command line
/// does not.
pub const TIMEOUT_VAR: &str = "WENSHU_TIMEOUT";
pub const MEMORY_VAR: &str = "WENSHU_MEMORY";

impl Default for Limits {
    fn default() -> Limits {
        Limits { fuel: super::render::FUEL, timeout: DEFAULT_TIMEOUT, memory: DEFAULT_MEMORY }
    }
}

impl Limits {
    /// The budgets given on the command line, else in the environment, else
    /// the defaults. An unreadable value in the environment is an error.
    pub fn from(timeout: Option<Duration>, memory: Option<u64>) -> Result<Limits, String> {
        let from_env = |name: &str, parse: fn(&str) -> Result<u64, String>| match std::env::var(name) {
            Ok(text) if !text.trim().is_empty() => parse(&text).map(Some).map_err(|e| format!("环境变量 {name}：{e}")),
            _ => Ok(None),
        };
        let timeout = match timeout {
            Some(timeout) => timeout,
            None => from_env(TIMEOUT_VAR, |t| parse_seconds(t).map(|d| d.as_secs()))?
                .map_or(DEFAULT_TIMEOUT, Duration::from_secs),
        };
        let memory = match memory {
            Some(memory) => memory,
            None => from_env(MEMORY_VAR, parse_memory)?.unwrap_or(DEFAULT_MEMORY),
        };
        Ok(Limits { timeout, memory, ..Limits::default() })
    }

    /// The time budget as messages say it: `60 秒`.
    pub fn timeout_words(&self) -> String {
        format!("{} 秒", self.timeout.as_secs())
    }

    /// The memory budget as messages say it: `2048 MB`.
    pub fn memory_words(&self) -> String {
        format!("{} MB", self.memory / (1024 * 1024))
    }
}

/// `60`, `60s`, `60秒` → 60 seconds (1 to 86400).
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let number = text.trim().trim_end_matches(['s', 'S', '秒']).trim();
    match number.parse::<u64>() {
        Ok(n @ 1..=86_400) => Ok(Duration::from_secs(n)),
        _ => Err(format!("“{text}”不是秒数，应写成 1 到 86400 之间的整数，如 60")),
    }
}

/// `500`, `500M`, `500MB`, `2G`, `2GB` → bytes; a bare number is in MB
/// (at least 100 MB: less cannot lay out a form).
pub fn parse_memory(text: &str) -> Result<u64, String> {
    let upper = text.trim().to_ascii_uppercase();
    let upper = upper.trim_end_matches('B');
    let (number, unit) = match upper.strip_suffix('G') {
        Some(number) => (number, 1024 * 1024 * 1024),
        None => (upper.strip_suffix('M').unwrap_or(upper), 1024 * 1024),
    };
    let bad = || format!("“{text}”不是内存大小，应写成如 2GB、500MB 或 500（单位 MB），至少 100MB");
    let bytes = number.trim().parse::<u64>().ok().and_then(|n| n.checked_mul(unit)).ok_or_else(bad)?;
    if bytes < 100 * 1024 * 1024 {
        return Err(bad());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_read_as_people_write_them() {
        assert_eq!(parse_seconds("5"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_seconds("90秒"), Ok(Duration::from_secs(90)));
        assert!(parse_seconds("0").is_err() && parse_seconds("1分钟").is_err());
        assert_eq!(parse_memory("500"), Ok(500 * 1024 * 1024));
        assert_eq!(parse_memory("2GB"), Ok(2 * 1024 * 1024 * 1024));
        assert_eq!(parse_memory("500m"), Ok(500 * 1024 * 1024));
        assert!(parse_memory("50MB").is_err() && parse_memory("很多").is_err());
    }
}
