//! The project's indicators against the 一级/二级 labels a form prints
//! (an imported national 绩效目标表 or 自评表, [`crate::forms::printed`]):
//! an indicator under a label the form does not print is an error at the
//! project file's line, before anything is rendered, so `check`, the PDF
//! and `--docx`/`--xlsx` all say the same. The labels are matched as the
//! template function `preprinted` places them: a blank label takes what
//! the printed ones do not.

use crate::error::{Error, ErrorKind};
use crate::forms::Form;
use crate::forms::printed::{Printed, blocks, listed, takes};
use crate::project::load::Loaded;

/// Every indicator group of the project a block of `form` has no label
/// for, one error each, at its 一级 (when the form prints no such 一级) or
/// its 二级.
pub fn placement(loaded: &Loaded, form: &Form) -> Vec<Error> {
    let mut layouts = Vec::new();
    for (name, file) in &form.files {
        let Some(bytes) = file.loaded().filter(|_| name.ends_with(".j2")) else { continue };
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        layouts.extend(blocks(text));
    }
    let mut errors: Vec<Error> = Vec::new();
    for layout in &layouts {
        let named: Vec<&str> = layout.iter().map(|l| l.level1.as_str()).filter(|n| !n.is_empty()).collect();
        for category in &loaded.project.indicators.value {
            let level1 = category.level1.value.as_str();
            let taking: Vec<&Printed> = layout.iter().filter(|l| takes(&l.level1, &named, level1)).collect();
            for group in &category.groups.value {
                let level2 = group.level2.value.as_str();
                let Some(first) = group.items.value.first() else { continue };
                if taking.iter().any(|l| places(l, level2)) {
                    continue;
                }
                let at = if taking.is_empty() { category.level1.at } else { group.level2.at };
                let (line, column) = (at.line as usize, at.column as usize);
                if errors.iter().any(|e| (e.line, e.column) == (line, column)) {
                    continue;
                }
                let message = format!(
                    "指标“{}”的一级指标“{level1}”/二级指标“{level2}”在“{}”上没有印（表上有：{}）：把它改成表上印的一级/二级指标，或在表格的模板中加上",
                    first.indicator.value.as_str(),
                    form.name,
                    listed(layout)
                );
                let error = Error::new(ErrorKind::Invalid, message).at(&loaded.source, line, column);
                errors.push(error.with_path(&loaded.path));
            }
        }
    }
    errors
}

/// Whether a 一级 label has a place for the project's `level2`: one of its
/// 二级 by name, a blank 二级 when none is named so, or, with no label
/// named at all, the project's own.
fn places(label: &Printed, level2: &str) -> bool {
    let named: Vec<&str> = label.groups.iter().map(|(n, _)| n.as_str()).filter(|n| !n.is_empty()).collect();
    if label.level1.is_empty() && named.is_empty() {
        return true;
    }
    label.groups.iter().any(|(name, _)| takes(name, &named, level2))
}
