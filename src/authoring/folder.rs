//! Where `wenshu form import` writes, and what it tells before writing:
//! the folder `forms/ID` (refused when it exists or is a built-in form's,
//! before any conversion), and the form's own characters no font has.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};
use crate::term;

/// The folder an import writes, `forms/ID`: refused when the name is not
/// one, when it exists (never overwritten) or is a built-in form's.
pub(super) fn folder_for(id: &str, dir: &Path, catalog: &crate::forms::Catalog) -> Result<PathBuf, Vec<Error>> {
    let usage = |message: String| vec![Error::new(ErrorKind::Usage, message)];
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(usage(format!("表格的文件夹名“{id}”只能用小写英文字母、数字和 -，如 --id beijing-application")));
    }
    let target = dir.join(id);
    if target.exists() {
        let message = "这个表格文件夹已经存在，不会覆盖：请用 --id 另起一个文件夹名，或先删除它";
        return Err(vec![Error::new(ErrorKind::Usage, message).with_path(&target)]);
    }
    if let Some(builtin) = catalog.forms.iter().find(|f| f.id == id) {
        return Err(usage(format!(
            "“{id}”是内置表格“{}”的文件夹名，导入的表格会取代它：请用 --id 另起一个",
            builtin.name
        )));
    }
    Ok(target)
}

/// The form's own characters no font has (the fonts built in and the
/// repository's `fonts/` beside `forms/`): told now, as `check` and `build`
/// will refuse them.
pub(super) fn unprintable(template: &str, path: &Path, forms: &Path) {
    let fonts_dir = forms.parent().unwrap_or(Path::new("")).join("fonts");
    let Ok(fonts) = crate::typeset::fonts::Fonts::load(fonts_dir.is_dir().then_some(fonts_dir.as_path())) else {
        return;
    };
    for error in crate::pipeline::template_glyphs(&fonts, template, path) {
        term::note(format_args!("注意：{error}"));
    }
}
