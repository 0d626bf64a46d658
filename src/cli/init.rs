//! `wenshu init`: a new project file to fill in, never over an existing one,
//! whose first line points editors at the project schema — wherever the
//! file is written.

use std::path::{Component, Path, PathBuf};

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
            crate::forms::scaffold::scaffold(form)
        }
    };
    std::fs::create_dir_all(&args.dir).map_err(|err| vec![Error::io(&args.dir, "创建项目文件夹", &err)])?;
    let dir = args.dir.canonicalize().map_err(|err| vec![Error::io(&args.dir, "读取项目文件夹", &err)])?;
    let schema = repository_root(&dir).join(SCHEMA_PATH);
    if !schema.exists() {
        write_schema(&schema, workspace.schema()).map_err(|e| vec![e])?;
        term::say(format_args!("已写入 {}，供编辑器补全和检查项目文件", schema.display()));
    }
    let text = with_modeline(&text, &relative_path(&dir, &schema));
    std::fs::write(&target, text).map_err(|err| vec![Error::io(&target, "写入项目文件", &err)])?;
    term::say(format_args!("已新建 {}：填好必填栏目后运行 wenshu check {} 检查", target.display(), target.display()));
    Ok(0)
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
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// An example project (`projects/<name>/project.yaml`, or a path) as the start.
fn from_example(example: &str) -> Result<String, Error> {
    let named = Path::new("projects").join(example).join("project.yaml");
    let path = if named.is_file() { named } else { Path::new(example).to_owned() };
    std::fs::read_to_string(&path).map_err(|err| Error::io(&path, "读取示例项目", &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_then_descend() {
        let schema = Path::new("/r/schema/project.schema.json");
        assert_eq!(relative_path(Path::new("/r/projects/a"), schema), "../../schema/project.schema.json");
        assert_eq!(relative_path(Path::new("/r/projects/2024/a"), schema), "../../../schema/project.schema.json");
        assert_eq!(relative_path(Path::new("/r"), schema), "schema/project.schema.json");
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
