//! `wenshu form import FILLED --values projects/X/project.yaml`: besides
//! the blank form, a project file holding what the filled form writes
//! (see [`super::import::values`]), never over a file that exists.
//! Without `--values` a filled form's values are fields all the same, and
//! the import says how to keep them.

use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::term;

/// Refuses a project file that exists, before anything is written.
pub(super) fn refuse_existing(values: Option<&Path>) -> Result<(), Vec<Error>> {
    match values {
        Some(path) if path.exists() => Err(vec![
            Error::new(
                ErrorKind::Usage,
                "项目文件已经存在，不会覆盖：--values 请写一个新的项目文件，如 projects/新项目/project.yaml",
            )
            .with_path(path),
        ]),
        _ => Ok(()),
    }
}

/// What the import does with a filled form's values: writes them to
/// `values` when given, else says how many it read and how to keep them.
pub(super) fn write(
    plan: &super::import::Plan,
    values: Option<&Path>,
    section: &str,
    name: &str,
    file: &str,
) -> Result<(), Vec<Error>> {
    let written = super::import::values::project_file(plan, section, name, file);
    let Some(path) = values else {
        if written.filled {
            term::say(format_args!(
                "  这份表格已填写：{} 个值读作栏目（不作标签文字）；加 --values projects/某项目/project.yaml 把它们写进项目文件",
                written.count
            ));
        }
        return Ok(());
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|err| vec![Error::io(parent, "创建项目文件夹", &err)])?;
    }
    std::fs::write(path, &written.text).map_err(|err| vec![Error::io(path, "写入项目文件", &err)])?;
    match written.count {
        0 => term::say(format_args!(
            "  没有认出填写的值（认不准的格仍印作标签）：{} 只写了 version 和 documents",
            path.display()
        )),
        n => term::say(format_args!("  已填写的 {n} 个值写入 {}：{}", path.display(), written.places.join("、"))),
    }
    term::say(format_args!("  改成今年的值后 wenshu build 生成“{name}”"));
    Ok(())
}
