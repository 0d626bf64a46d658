//! `wenshu form import`: a funder's form, as Word or Excel, made a form
//! folder: `form.yaml` (its blanks as optional fields) and
//! `template.typ.j2` (its tables as Typst, with the original's grid).
//!
//! One file a stage, each pure: [`docx`] and [`xlsx`] read the file into a
//! [`grid::SourceDocument`] (tidied by [`grid`]); [`text`] reads a line into
//! text, blanks and `□` options; [`plan`] reads the document and `table`
//! each table's cells, making blanks fields named by [`fields`]; [`write`] writes the two
//! files. Reading and writing files is the command's, in `formtool`.

mod bind;
mod choices;
mod cover;
pub mod docx;
pub(crate) mod fields;
mod filing;
mod filled;
pub mod grid;
pub mod headers;
mod indicators;
pub(crate) mod locate;
mod look;
mod margins;
pub(crate) mod model;
mod names;
mod numbering;
mod page;
pub(crate) mod plan;
mod print;
mod repeat;
mod table;
pub(crate) mod text;
pub mod values;
pub mod write;
pub mod xlsx;
mod xml;

pub use model::Plan;

/// Whether a table of the plan has an indicator block with pre-printed
/// labels, one left blank (the project's own name goes there): filling the
/// original writes the project's rows over it.
pub fn preprinted_indicators(plan: &Plan) -> bool {
    plan.parts.iter().any(|p| {
        matches!(p, model::Part::Table(t) if t.indicators.as_ref().is_some_and(|b| {
            b.prints_labels() && locate::preprinted_labels(b).is_none()
        }))
    })
}

/// Whether a table of the plan has an indicator block that is a header
/// alone: filling the original puts the project's rows in under it.
pub fn header_only_indicators(plan: &Plan) -> bool {
    plan.parts
        .iter()
        .any(|p| matches!(p, model::Part::Table(t) if t.indicators.as_ref().is_some_and(|b| b.rows.is_empty())))
}

/// The formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
}

impl Format {
    /// The format of a file name's extension.
    pub fn of(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "docx" | "docm" => Some(Format::Docx),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// A form file read and planned: what the importer makes of `bytes`.
pub fn read(bytes: &[u8], format: Format, sheet: Option<&str>) -> Result<Plan, String> {
    let (document, part) = match format {
        Format::Docx => (docx::parse(bytes)?, "word/document.xml".to_owned()),
        Format::Xlsx => xlsx::parse_sheet(bytes, sheet)?,
    };
    let document = document.tidy();
    if !document.blocks.iter().any(|b| matches!(b, grid::Block::Table(_))) {
        let what = match format {
            Format::Docx => "文档中没有表格",
            Format::Xlsx => "工作表中没有表格（没有带文字或框线的单元格）",
        };
        return Err(format!("{what}：wenshu form import 导入的是带框线的表格"));
    }
    Ok(Plan { part, ..plan::plan(&document) })
}

/// The two files of the form folder.
pub struct Files {
    pub manifest: String,
    pub template: String,
}

/// The manifest and template of a planned form; `original`, the name of
/// the original file kept beside them, adds its places to the manifest.
pub fn files(plan: &Plan, names: &write::Names, original: Option<&str>) -> Files {
    let mut manifest = write::manifest(plan, names);
    if let Some(file) = original {
        manifest.push_str(&locate::manifest_block(plan, file, &plan.part));
    }
    Files { manifest, template: write::template(plan, names) }
}

/// The name the original is kept under in the form's folder.
pub fn original_name(format: Format) -> &'static str {
    match format {
        Format::Docx => "original.docx",
        Format::Xlsx => "original.xlsx",
    }
}

/// The form's default name: its title, else the file's stem.
pub fn default_name(plan: &Plan, stem: &str) -> String {
    let title = plan.title.as_deref().map(|t| t.replace(['/', '\\'], "、")).filter(|t| t.chars().count() >= 2);
    title.unwrap_or_else(|| stem.replace(['/', '\\'], "、"))
}

/// A folder name from a file's stem: its ASCII words in lower case,
/// joined by `-` (`Beijing 2017 申报书` → `beijing-2017`); `imported-form`
/// when it has none.
pub fn default_id(stem: &str) -> String {
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    // Whole words, up to 60 characters: never one cut short.
    let mut id = String::new();
    for word in &words {
        let word: String = word.chars().take(60).collect();
        if !id.is_empty() && id.len() + 1 + word.len() > 60 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word);
    }
    if id.is_empty() { "imported-form".to_owned() } else { id }
}

/// The folder name of one sheet of a workbook: the file's id and the
/// sheet's ASCII words, or its place among the sheets (`sheet2`) when its
/// name has none.
pub fn sheet_id(stem: &str, sheet: &str, position: usize) -> String {
    let own = default_id(sheet);
    let own = if own == "imported-form" { format!("sheet{position}") } else { own };
    let stem = default_id(stem);
    let stem = if stem == "imported-form" { "imported".to_owned() } else { stem };
    default_id(&format!("{stem} {own}"))
}

/// The key of the form's section in a project file: the id in snake case,
/// not one a project already uses (`taken`).
pub fn section_key(id: &str, taken: &[String]) -> String {
    let mut key = id.replace('-', "_");
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        key = format!("form_{key}");
    }
    while taken.contains(&key) {
        key.push_str("_form");
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_section_keys() {
        assert_eq!(default_id("tianjin-2021-gaoxiao 设备"), "tianjin-2021-gaoxiao");
        assert_eq!(default_id("某某申报表"), "imported-form");
        let long = "pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping-and-some-more-words";
        assert_eq!(default_id(long), "pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping-and-some");
        assert_eq!(sheet_id("12-fucai-liangge", "绩效目标表", 2), "12-fucai-liangge-sheet2");
        assert_eq!(sheet_id("某表", "Sheet3", 3), "imported-sheet3");
        assert_eq!(section_key("2017-form", &[]), "form_2017_form");
        assert_eq!(section_key("application", &["application".to_owned()]), "application_form");
    }
}
