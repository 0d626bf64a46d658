//! The funder's own file filled in: for a form imported from Word or
//! Excel, the original kept in its folder with every field's value in its
//! cell or paragraph (`build --docx`, `build --xlsx`). Only the parts that
//! hold values are edited, in place ([`spans`]); every other part of the
//! package is copied byte for byte ([`package`]).
//!
//! What is printed comes from [`values::Values`]: a field's value by key,
//! a list's rows, the indicator rows — the same the PDF's template prints.

pub mod cells;
pub mod docx;
pub mod fit;
pub mod indicators;
pub mod labels;
pub mod package;
pub mod paragraph;
pub mod row_heights;
pub mod rows;
pub mod sheet_indicators;
pub mod spans;
pub mod ticks;
pub mod under_header;
pub mod values;
pub mod xlsx;

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind};
use crate::forms::Form;
use crate::project::load::Loaded;

pub use values::Values;

/// What kind of file an original is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Excel,
}

/// The kind of a form's original, if it has one.
pub fn kind(form: &Form) -> Option<Kind> {
    let original = form.original.as_ref()?;
    let name = original.file.to_ascii_lowercase();
    if name.ends_with(".docx") {
        Some(Kind::Word)
    } else if name.ends_with(".xlsx") {
        Some(Kind::Excel)
    } else {
        None
    }
}

/// The form's original filled with a project's values: the file's name in
/// the output folder (`<文书>.docx`) and its bytes. `context` is what the
/// form's template sees: a field bound to a computed value (`from:`) that
/// the project leaves out prints that value, as in the PDF.
pub fn fill(form: &Form, loaded: &Loaded, context: &minijinja::Value) -> Result<(String, Vec<u8>), Error> {
    let fail = |message: String| {
        let path = form.origin.file_path(&form.id, form.original.as_ref().map_or("", |o| o.file.as_str()));
        Error::new(ErrorKind::Form, message).with_path(path)
    };
    let (Some(original), Some(kind)) = (form.original.as_ref(), kind(form)) else {
        return Err(fail(format!("“{}”没有原件（不是从 Word 或 Excel 导入的）", form.name)));
    };
    let file = form.files.get(&original.file).ok_or_else(|| fail("表格文件夹里没有原件".to_owned()))?;
    let bytes = file.bytes().map_err(fail)?;
    let values = Values::of(form, loaded).with_bound(form, context);
    let values = indicators::with_indicators(values, form, context).map_err(fail)?;
    let mut package = package::Package::open(&bytes).map_err(fail)?;
    let part = package
        .text(&original.part)
        .map_err(fail)?
        .ok_or_else(|| fail(format!("原件中没有 {}（form.yaml 的 original.part）", original.part)))?;
    let mut replaced = BTreeMap::new();
    let filled = match kind {
        Kind::Word => {
            // The headers and footers with places of their own.
            let mut others: Vec<&str> = original.places.iter().filter_map(|p| p.part.as_deref()).collect();
            others.sort_unstable();
            others.dedup();
            for other in others.into_iter().filter(|p| *p != original.part) {
                let text = package
                    .text(other)
                    .map_err(fail)?
                    .ok_or_else(|| fail(format!("原件中没有 {other}（form.yaml 的 original.places 中的 part）")))?;
                let filled = docx::fill_part(&text, original, &values, other).map_err(fail)?;
                if filled != text {
                    replaced.insert(other.to_owned(), filled);
                }
            }
            docx::fill(&part, original, &values).map_err(fail)?
        }
        Kind::Excel => {
            if let Some(other) = original.places.iter().filter_map(|p| p.part.as_deref()).find(|p| *p != original.part)
            {
                return Err(fail(format!(
                    "Excel 原件的栏目都在 {}：form.yaml 的 original.places 中的 part: {other} 请删去",
                    original.part
                )));
            }
            let shared = package.text("xl/sharedStrings.xml").map_err(fail)?.unwrap_or_default();
            // A block that is a header alone takes a blank row under it first.
            let styles = package.text("xl/styles.xml").map_err(fail)?.unwrap_or_default();
            let prepared = under_header::prepare_sheet(&part, &styles, original).map_err(fail)?;
            if let Some(styles) = prepared.styles {
                replaced.insert("xl/styles.xml".to_owned(), styles);
            }
            let (filled, inserted) =
                xlsx::fill(&prepared.xml, &prepared.original, &values, &xlsx::shared_strings(&shared)).map_err(fail)?;
            // The print area and other names of ranges move with the rows.
            if !inserted.is_empty() || !prepared.inserted.is_empty() {
                let mut workbook = package.text("xl/workbook.xml").map_err(fail)?.unwrap_or_default();
                let rels = package.text("xl/_rels/workbook.xml.rels").map_err(fail)?.unwrap_or_default();
                let mut moved = false;
                for rows in [&prepared.inserted, &inserted] {
                    if let Some(names) = rows::defined_names(&workbook, &rels, &original.part, rows) {
                        workbook = names;
                        moved = true;
                    }
                }
                if moved {
                    replaced.insert("xl/workbook.xml".to_owned(), workbook);
                }
            }
            filled
        }
    };
    if filled != part {
        replaced.insert(original.part.clone(), filled);
    }
    let bytes = package.repack(&replaced).map_err(fail)?;
    let extension = if kind == Kind::Word { "docx" } else { "xlsx" };
    Ok((format!("{}.{extension}", form.name), bytes))
}
