//! Reading project files: a pure parser and a loader that does the IO.

use std::path::{Path, PathBuf};

use serde_saphyr::{Budget, DuplicateKeyPolicy, Options};

use crate::error::{Error, ErrorKind};
use crate::model::{Project, describe_key, label};

/// A project file as read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
    pub project: Project,
}

/// Project files are small; anything larger is a mistake or an attack.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses the text of a project file. Errors carry line and column but no path.
pub fn parse(source: &str) -> Result<Project, Error> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let content = |line: &&str| !(line.trim().is_empty() || line.trim_start().starts_with('#'));
    if !source.lines().any(|line| content(&line)) {
        return Err(Error::new(ErrorKind::Syntax, "项目文件是空的"));
    }
    // A second `---` starts a second document, which would be ignored.
    let mut seen_content = false;
    for (i, line) in source.lines().enumerate() {
        if (line == "---" || line.starts_with("--- ")) && seen_content {
            let message = "一个项目文件只能有一个 YAML 文档：请删除多余的 ---，每个项目单独存一个文件";
            return Err(Error::new(ErrorKind::Syntax, message).at(source, i + 1, 1));
        }
        seen_content |= content(&line) && !line.starts_with('%') && line != "---";
    }
    serde_saphyr::from_str_with_options(source, options()).map_err(|err| yaml_error(&err, source))
}

/// Reads and parses a project file; the errors name the file.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let bytes = std::fs::read(path).map_err(|err| Error::io(path, "读取项目文件", &err))?;
    if bytes.len() > MAX_FILE_BYTES {
        let message = format!("项目文件有 {} 字节，超过上限 {} 字节", bytes.len(), MAX_FILE_BYTES);
        return Err(Error::new(ErrorKind::Syntax, message).with_path(path));
    }
    let source = String::from_utf8(bytes).map_err(|_| {
        Error::new(ErrorKind::Syntax, "项目文件不是 UTF-8 编码（可能是 GBK）：请在编辑器中另存为 UTF-8").with_path(path)
    })?;
    let project = parse(&source).map_err(|err| err.with_path(path))?;
    Ok(Loaded { path: path.to_owned(), source, project })
}

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 64;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.strict_booleans = true;
    options.budget = Some(budget);
    options
}

/// Turns a YAML or serde error into a message in the user's words.
fn yaml_error(err: &serde_saphyr::Error, source: &str) -> Error {
    let raw = err.without_snippet().to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw).trim().to_owned();
    let message = translate(&raw, key_on_line(err, source));
    let error = Error::new(ErrorKind::Syntax, message);
    match err.location() {
        Some(loc) if loc.line() > 0 => error.at(source, loc.line() as usize, loc.column() as usize),
        _ => error,
    }
}

/// The key written on the line of the error (`  total: abc` → `total`), to
/// name the field whose value is wrong.
fn key_on_line(err: &serde_saphyr::Error, source: &str) -> Option<String> {
    let line = err.location()?.line().checked_sub(1)?;
    let text = source.lines().nth(line as usize)?.trim_start();
    let text = text.trim_start_matches("- ");
    let (key, _) = text.split_once(':')?;
    let key = key.trim();
    key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then(|| key.to_owned())
}

fn translate(raw: &str, key: Option<String>) -> String {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = word_list(expected);
        let mut message = format!("未知字段 `{field}`");
        if let Some(best) = closest(field, &candidates) {
            message.push_str(&format!("，是否想写 `{}`？", describe_key(best)));
        } else if !candidates.is_empty() {
            message.push_str(&format!("，这里可以写的字段：{}", candidates.join("、")));
        }
        return message;
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("缺少必填字段 `{}`", describe_key(field));
    }
    if let Some(field) = raw.strip_prefix("duplicate mapping key: ") {
        let field = field.split(',').next().unwrap_or(field).trim();
        return format!("字段 `{}` 写了两次：同一层里每个字段只能写一次", describe_key(field));
    }
    let field = key.map(|k| match label(&k) {
        Some(label) => format!("{label}（{k}）"),
        None => k,
    });
    let prefix = field.map(|f| format!("{f}：")).unwrap_or_default();
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        return format!("{prefix}“{value}”不是可选的值，应为 {}", word_list(expected).join(" 或 "));
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("{prefix}类型不对：应为{}，实际是{}", type_name(expected), type_name(found));
    }
    if raw.starts_with("invalid boolean") {
        return format!("{prefix}类型不对：应为 true（是）或 false（否）");
    }
    if raw.starts_with("expected string scalar") {
        return format!("{prefix}类型不对：应为文字，不能是列表或键值表");
    }
    if let Some(number) = raw.strip_prefix("invalid ")
        && matches!(number, "u8" | "u16" | "u32" | "u64" | "i32" | "i64")
    {
        return format!("{prefix}类型不对：应为整数");
    }
    if raw.starts_with("cannot deserialize null") {
        return format!("{prefix}不能为空");
    }
    if let Some(hint) = syntax_hint(raw) {
        return format!("{prefix}YAML 格式错误：{hint}（{raw}）");
    }
    if raw.is_ascii() { format!("{prefix}YAML 格式错误：{raw}") } else { format!("{prefix}{raw}") }
}

/// The YAML parser's messages, in the user's words.
fn syntax_hint(raw: &str) -> Option<&'static str> {
    const HINTS: [(&str, &str); 19] = [
        ("unclosed quote", "引号没有闭合"),
        ("mapping values are not allowed", "这里不能再写“键: 值”；值里有冒号时请给整个值加引号"),
        ("tabs disallowed", "不能用 Tab 键缩进，请改用空格"),
        ("alias references unknown anchor", "引用了不存在的锚点（*名称 之前要先有 &名称）"),
        ("unknown escape character", "双引号里有无效的转义（\\ 后面的字符）；请改用单引号，或写成 \\\\"),
        ("unexpected character: `\\u{0}'", "文件中有不可见的控制字符（U+0000），可能是从其他软件复制来的，请删除"),
        ("unexpected character", "值不能以 @ 或 ` 开头；请给整个值加引号"),
        ("did not find expected key", "缩进或格式不对：这里应为“键: 值”"),
        ("simple key expected ':'", "缺少冒号：应写成“键: 值”"),
        ("misplaced bracket", "多余的括号"),
        ("illegal placement of ':' indicator", "冒号的位置不对，可能是括号没有闭合"),
        ("is only valid inside a block", "列表项“- ”的位置不对，可能是括号没有闭合"),
        ("unsupported YAML major version", "不支持的 YAML 版本声明，请删除 %YAML 这一行"),
        ("unexpected end of input", "文件意外结束，可能是括号或引号没有闭合"),
        ("expected mapping start", "这里应为“键: 值”的键值表，不能是列表或单个值"),
        ("expected sequence start", "这里应为列表（每项以“- ”开头）"),
        ("budget", "文件的嵌套层数、锚点或别名过多，超过了安全上限"),
        ("recursion limit", "文件的嵌套层数过多，超过了安全上限"),
        ("too many", "文件的嵌套层数、锚点或别名过多，超过了安全上限"),
    ];
    HINTS.iter().find(|(english, _)| raw.contains(english)).map(|(_, chinese)| *chinese)
}

/// The choices of serde's "expected one of a, b" or "expected `a` or `b`".
fn word_list(expected: &str) -> Vec<&str> {
    expected
        .trim_start_matches([',', ' '])
        .trim_start_matches("expected one of ")
        .trim_start_matches("expected ")
        .split([',', ' ', '`'])
        .filter(|c| !c.is_empty() && *c != "or")
        .collect()
}

/// Serde's type words in Chinese.
fn type_name(serde_words: &str) -> String {
    let words = serde_words.trim();
    let name = match words.split_whitespace().next().unwrap_or("") {
        "u32" | "u64" | "i32" | "i64" | "u8" | "integer" => "整数",
        "a" if words.contains("sequence") => "列表",
        "sequence" => "列表",
        "map" | "struct" => "键值表",
        "a" if words.contains("map") => "键值表",
        "boolean" | "a" if words.contains("bool") => "是/否（true 或 false）",
        "string" => return format!("文字 {}", words.trim_start_matches("string ")),
        "floating" => "数字",
        "unit" | "null" => "空值",
        "文字" => "文字",
        _ => return words.to_owned(),
    };
    name.to_owned()
}

/// The candidate nearest to `word` by edit distance, if it is near enough to
/// be a typo of it.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(closest("nmae", &["name", "year", "version"]), Some("name"));
        assert_eq!(closest("budgte", &["budget", "funding"]), Some("budget"));
        assert_eq!(closest("zzzzzz", &["name", "year"]), None);
    }
}
