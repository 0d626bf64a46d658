//! `wenshu init`: a new project file to fill in, never over an existing one.

use std::path::Path;

use chrono::Datelike;

use crate::args::InitArgs;
use crate::error::{Error, ErrorKind};

/// The commented skeleton of a project file; `{year}` becomes this year.
const SCAFFOLD: &str = include_str!("scaffold.yaml");

/// Where the JSON Schema lives in the repository, for editors.
pub const SCHEMA_PATH: &str = "schema/project.schema.json";

pub fn init(args: &InitArgs) -> Result<i32, Error> {
    let target = args.dir.join("project.yaml");
    if target.exists() {
        let message = "这里已经有项目文件，wenshu init 不会覆盖它：请换一个文件夹";
        return Err(Error::new(ErrorKind::Usage, message).with_path(&target));
    }
    let text = match &args.from {
        Some(example) => from_example(example)?,
        None => scaffold(chrono::Local::now().year(), &args.dir),
    };
    std::fs::create_dir_all(&args.dir).map_err(|err| Error::io(&args.dir, "创建项目文件夹", &err))?;
    std::fs::write(&target, text).map_err(|err| Error::io(&target, "写入项目文件", &err))?;
    println!("已新建 {}：填好必填栏目后运行 wenshu check {} 检查", target.display(), target.display());
    Ok(0)
}

/// The skeleton for `year`, pointing editors at the schema from `dir`.
pub fn scaffold(year: i32, dir: &Path) -> String {
    let depth = dir.components().filter(|c| matches!(c, std::path::Component::Normal(_))).count();
    let schema = format!("{}{SCHEMA_PATH}", "../".repeat(depth));
    SCAFFOLD.replace("{year}", &year.to_string()).replace("https://wenshu.invalid/schema/project.schema.json", &schema)
}

/// An example project (`projects/<name>/project.yaml`, or a path) as the start.
fn from_example(example: &str) -> Result<String, Error> {
    let named = Path::new("projects").join(example).join("project.yaml");
    let path = if named.is_file() { named } else { Path::new(example).to_owned() };
    std::fs::read_to_string(&path).map_err(|err| Error::io(&path, "读取示例项目", &err))
}
