//! Reading project files: a pure parser (text → tree → shape check → typed
//! project) and a loader that does the IO.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::error::{Error, ErrorKind};
use crate::project::model::Project;
use crate::yaml::tree::{self, Node};

/// A project file as read: its text, its tree, and the typed project.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
    pub tree: Node,
    pub project: Project,
}

/// Project files are small; anything larger is a mistake or an attack.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses the text of a project file against the project `schema`. Every
/// problem of its shape comes back at once; errors carry line and column
/// but no path.
pub fn parse(source: &str, schema: &Json) -> Result<(Node, Project), Vec<Error>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let content = |line: &&str| !(line.trim().is_empty() || line.trim_start().starts_with('#'));
    if !source.lines().any(|line| content(&line)) {
        return Err(vec![Error::new(ErrorKind::Syntax, "项目文件是空的")]);
    }
    // A second `---` starts a second document, which would be ignored.
    let mut seen_content = false;
    for (i, line) in source.lines().enumerate() {
        if (line == "---" || line.starts_with("--- ")) && seen_content {
            let message = "一个项目文件只能有一个 YAML 文档：请删除多余的 ---，每个项目单独存一个文件";
            return Err(vec![Error::new(ErrorKind::Syntax, message).at(source, i + 1, 1)]);
        }
        seen_content |= content(&line) && !line.starts_with('%') && line != "---";
    }
    let tree = tree::parse(source).map_err(|err| vec![tree::yaml_error(&err, source)])?;
    if !matches!(tree.kind, tree::NodeKind::Map(_)) {
        let message = format!("项目文件应为“键: 值”的键值表，实际是{}", tree.kind_name());
        return Err(vec![Error::new(ErrorKind::Syntax, message).at(source, 1, 1)]);
    }
    let problems = crate::project::shape::check(&tree, schema, source);
    if !problems.is_empty() {
        return Err(problems);
    }
    let project = crate::yaml::de::from_node::<Project>(&tree).map_err(|err| {
        let error = Error::new(ErrorKind::Syntax, err.message);
        vec![error.at(source, err.at.line as usize, err.at.column as usize)]
    })?;
    Ok((tree, project))
}

/// Reads a project file's text; the errors name the file.
pub fn read(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|err| Error::io(path, "读取项目文件", &err))?;
    if bytes.len() > MAX_FILE_BYTES {
        let message = format!("项目文件有 {} 字节，超过上限 {} 字节", bytes.len(), MAX_FILE_BYTES);
        return Err(Error::new(ErrorKind::Syntax, message).with_path(path));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::new(ErrorKind::Syntax, "项目文件不是 UTF-8 编码（可能是 GBK）：请在编辑器中另存为 UTF-8").with_path(path)
    })
}

/// Reads and parses a project file; the errors name the file.
pub fn load(path: &Path, schema: &Json) -> Result<Loaded, Vec<Error>> {
    let source = read(path).map_err(|e| vec![e])?;
    loaded(source, path, schema)
}

/// A project from its text, as if read from `path`.
pub fn loaded(source: String, path: &Path, schema: &Json) -> Result<Loaded, Vec<Error>> {
    let (tree, project) =
        parse(&source, schema).map_err(|errors| errors.into_iter().map(|e| e.with_path(path)).collect::<Vec<_>>())?;
    Ok(Loaded { path: path.to_owned(), source, tree, project })
}
