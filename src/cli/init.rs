//! `wenshu init`: a new project file to fill in, never over an existing one,
//! whose first line points editors at the project schema — wherever the
//! file is written.

use std::path::{Path, PathBuf};

use crate::cli::args::InitArgs;
use crate::error::Exit;
use crate::error::{Error, ErrorKind};
use crate::pipeline::Workspace;
use crate::term;

/// The form a blank project is for when `--form` names none.
const DEFAULT_FORM: &str = "申报表";

/// Where a repository keeps the JSON Schema, relative to its root.
pub const SCHEMA_PATH: &str = "schema/project.schema.json";

/// The first line of a project file: the yaml-language-server modeline.
const MODELINE: &str = "# yaml-language-server: $schema=";

pub fn init(args: &InitArgs) -> Exit {
    let target = args.dir.join("project.yaml");
    if target.exists() {
        let message = "这里已经有项目文件，wenshu init 不会覆盖它：请换一个文件夹";
        return Err(vec![Error::new(ErrorKind::Usage, message).with_path(&target)]);
    }
    let workspace = Workspace::open(args.forms.folder().as_deref(), None)?;
    let text = match &args.from {
        Some(example) => from_example(example).map_err(|e| vec![e])?,
        None => {
            let name = args.form.as_deref().unwrap_or(DEFAULT_FORM);
            let catalog = workspace.catalog();
            let Some(form) = catalog.find(name) else {
                let message = format!("没有名为“{name}”的表格，可选：{}", catalog.names().join("、"));
                return Err(vec![Error::new(ErrorKind::Usage, message)]);
            };
            crate::authoring::scaffold::scaffold(form)
        }
    };
    std::fs::create_dir_all(&args.dir).map_err(|err| vec![Error::io(&args.dir, "创建项目文件夹", &err)])?;
    let dir = args.dir.canonicalize().map_err(|err| vec![Error::io(&args.dir, "读取项目文件夹", &err)])?;
    let schema = repository_root(&dir).join(SCHEMA_PATH);
    if !schema.exists() {
        write_schema(&schema, workspace.schema()).map_err(|e| vec![e])?;
        term::say(format_args!("已写入 {}，供编辑器补全和检查项目文件", shown(&schema)));
    }
    let text = with_modeline(&text, &relative_path(&text_of(&dir), &text_of(&schema)));
    std::fs::write(&target, text).map_err(|err| vec![Error::io(&target, "写入项目文件", &err)])?;
    term::say(format_args!("已新建 {}：填好必填栏目后运行 wenshu check {} 检查", target.display(), target.display()));
    Ok(0)
}

/// A path wenshu found, as the user would type it: relative to the current
/// folder (never absolute, never `\\?\C:\…` on Windows).
fn shown(path: &Path) -> String {
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).map(|d| text_of(&d));
    match here {
        Ok(here) => relative_path(&here, &text_of(path)),
        Err(_) => plain(&text_of(path)).to_owned(),
    }
}

fn text_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A Windows path without its verbatim prefix (`\\?\C:\repo` → `C:\repo`).
fn plain(path: &str) -> &str {
    path.strip_prefix(r"\\?\UNC\").or_else(|| path.strip_prefix(r"\\?\")).unwrap_or(path)
}

/// The repository a project folder belongs to: the nearest folder above it
/// holding `projects/` or `schema/`, else the nearest holding `.git`, else
/// the project's own parent folder.
pub fn repository_root(project_dir: &Path) -> PathBuf {
    let above = || project_dir.ancestors().skip(1);
    above()
        .find(|dir| dir.join("projects").is_dir() || dir.join("schema").is_dir())
        .or_else(|| above().find(|dir| dir.join(".git").exists()))
        .or_else(|| project_dir.parent())
        .unwrap_or(project_dir)
        .to_owned()
}

fn write_schema(path: &Path, schema: &serde_json::Value) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, "创建 schema 文件夹", &err))?;
    let text = serde_json::to_string_pretty(schema).unwrap_or_default() + "\n";
    std::fs::write(path, text).map_err(|err| Error::io(path, "写入 JSON Schema", &err))
}

/// `text` whose first line is the modeline pointing at `schema`: an existing
/// modeline (an example's, written for its own folder) is replaced.
pub fn with_modeline(text: &str, schema: &str) -> String {
    let line = format!("{MODELINE}{schema}");
    match text.split_once('\n') {
        Some((first, rest)) if first.starts_with(MODELINE) => format!("{line}\n{rest}"),
        _ if text.starts_with(MODELINE) => format!("{line}\n"),
        _ => format!("{line}\n{text}"),
    }
}

/// The path from folder `from` to file `to`, both absolute, with `/`
/// separators as the modeline wants: `../../schema/project.schema.json`.
/// Paths are data here: a Windows path (`C:\\repo\\projects\\a`, a verbatim
/// `\\\\?\\C:\\…`) is split on both separators, its drive compared without
/// case; on another drive there is no relative path, and `to` is given
/// whole, with `/`.
pub fn relative_path(from: &str, to: &str) -> String {
    let (from, to) = (parts(plain(from)), parts(plain(to)));
    let same = |a: &str, b: &str| if is_drive(a) { a.eq_ignore_ascii_case(b) } else { a == b };
    if from.first().zip(to.first()).is_some_and(|(a, b)| (is_drive(a) || is_drive(b)) && !same(a, b)) {
        return to.join("/");
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| same(a, b)).count();
    let mut path: Vec<&str> = vec![".."; from.len() - common];
    path.extend(&to[common..]);
    path.join("/")
}

/// A path's names: split on `/`, and on `\\` too for a Windows path.
fn parts(path: &str) -> Vec<&str> {
    let windows = path.starts_with('\\') || path.get(1..2) == Some(":");
    let split: Vec<&str> = if windows { path.split(['/', '\\']).collect() } else { path.split('/').collect() };
    split.into_iter().filter(|p| !p.is_empty() && *p != ".").collect()
}

fn is_drive(part: &str) -> bool {
    part.len() == 2 && part.ends_with(':') && part.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// An example project (`projects/<name>/project.yaml`, or a path) as the start.
/// The repository's own example first, then one built into wenshu (so it
/// works in any folder), then a path.
fn from_example(example: &str) -> Result<String, Error> {
    let named = Path::new("projects").join(example).join("project.yaml");
    if named.is_file() {
        return std::fs::read_to_string(&named).map_err(|err| Error::io(&named, "读取示例项目", &err));
    }
    let built_in = format!("{example}/project.yaml");
    if let Some((_, bytes)) = examples::FILES.iter().find(|(name, _)| *name == built_in) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let path = Path::new(example);
    std::fs::read_to_string(path).map_err(|err| {
        let names: Vec<&str> =
            examples::FILES.iter().filter_map(|(name, _)| name.split_once('/')).map(|(n, _)| n).collect();
        let mut error = Error::io(path, "读取示例项目", &err);
        error.message.push_str(&format!("；内置的示例：{}", names.join("、")));
        error
    })
}

mod examples {
    include!(concat!(env!("OUT_DIR"), "/builtin_examples.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_then_descend() {
        let schema = "/r/schema/project.schema.json";
        assert_eq!(relative_path("/r/projects/a", schema), "../../schema/project.schema.json");
        assert_eq!(relative_path("/r/projects/2024/a", schema), "../../../schema/project.schema.json");
        assert_eq!(relative_path("/r", schema), "schema/project.schema.json");
        assert_eq!(relative_path("/r/projects/a\\b", "/r/x"), "../../x", "a unix name may hold a backslash");
    }

    #[test]
    fn windows_paths_are_data_too() {
        let schema = r"C:\repo\schema\project.schema.json";
        assert_eq!(relative_path(r"C:\repo\projects\a", schema), "../../schema/project.schema.json");
        assert_eq!(relative_path(r"c:\repo\projects\a", schema), "../../schema/project.schema.json");
        assert_eq!(
            relative_path(r"\\?\C:\repo\projects\a", r"\\?\C:\repo\schema\project.schema.json"),
            "../../schema/project.schema.json"
        );
        assert_eq!(relative_path(r"C:\repo", "C:/repo/schema/project.schema.json"), "schema/project.schema.json");
        assert_eq!(relative_path(r"D:\work\a", schema), "C:/repo/schema/project.schema.json");
        assert_eq!(plain(r"\\?\C:\repo"), r"C:\repo");
    }

    #[test]
    fn the_modeline_is_replaced_or_added() {
        assert_eq!(
            with_modeline("# yaml-language-server: $schema=x\nname: a\n", "y"),
            "# yaml-language-server: $schema=y\nname: a\n"
        );
        assert_eq!(with_modeline("name: a\n", "y"), "# yaml-language-server: $schema=y\nname: a\n");
    }
}
