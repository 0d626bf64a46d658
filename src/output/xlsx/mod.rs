//! Spreadsheets for the finance system: a project's 绩效自评表 and 绩效目标表,
//! and the funder's 汇总表, as XLSX.
//!
//! Every rate, score and total is an Excel formula over the cells it comes
//! from, with the value wenshu computed cached in it: a finance officer who
//! changes an actual sees the rate and the score follow, and a reader that
//! does not calculate (or a system that imports the cached values) gets
//! exactly the figures of the PDF. Formulas round as wenshu does: ROUND to
//! the hundredth for scores, to four decimals (0.01%) for rates.
//!
//! Printed, they look like the PDFs in LibreOffice, WPS and Excel alike:
//! every row has the height its text needs at its columns' width (no suite
//! fits the rows of merged cells itself), pages break where a merged label
//! can go on as （续）, as in the PDF, and each sheet is A4, one page wide,
//! its header repeated atop each page.

use std::ops::{Deref, DerefMut};

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, ErrorKind};
use crate::project::model::Completion;
use crate::project::model::Project;
use crate::score::completion::Progress;
use crate::score::evaluate::{Evaluated, Method, Part, PartBound, Scored};
use crate::score::summary::{Row, Summary, Totals};
use crate::units::number::{Number, fraction_fixed};

/// The spreadsheets' layout, in their fingerprint: one written by a wenshu
/// of an earlier layout is written again, though its project is unchanged.
/// 2: row heights, page breaks, money to the fen.
pub const LAYOUT: &str = "2";

/// The sheet that scores each part of a compound indicator.
const PARTS_SHEET: &str = "分项计分";

/// The font sizes of the cells, the title and the line under it, in points.
const CELL_PT: f64 = 10.5;
const TITLE_PT: f64 = 16.0;
const SUBTITLE_PT: f64 = 11.0;

/// The cell styles of the forms: 仿宋 for entries, 宋体 for labels and titles.
/// Every style wraps its text: rows are as tall as their text needs (see [`Sheet`]).
struct Styles {
    title: Format,
    subtitle: Format,
    /// A sentence under a table, across its width.
    note: Format,
    label: Format,
    text: Format,
    left: Format,
    money: Format,
    percent: Format,
    score: Format,
    count: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_font_name("仿宋")
            .set_font_size(CELL_PT)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Styles {
            title: Format::new()
                .set_font_name("宋体")
                .set_font_size(TITLE_PT)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: Format::new()
                .set_font_name("仿宋")
                .set_font_size(SUBTITLE_PT)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            note: Format::new()
                .set_font_name("仿宋")
                .set_font_size(CELL_PT)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            label: cell.clone().set_font_name("宋体").set_bold(),
            left: cell.clone().set_align(FormatAlign::Left),
            money: cell.clone().set_num_format("0.00"),
            percent: cell.clone().set_num_format("0.00%"),
            score: cell.clone().set_num_format("0.00"),
            count: cell.clone().set_num_format("0"),
            text: cell,
        }
    }

    /// The font size of a style, in points.
    fn size(&self, format: &Format) -> f64 {
        if *format == self.title {
            TITLE_PT
        } else if *format == self.subtitle {
            SUBTITLE_PT
        } else {
            CELL_PT
        }
    }

    /// A number shown with its unit (`774人次`), still a number to formulas.
    fn with_unit(&self, unit: &str) -> Format {
        let unit: String = unit.chars().filter(|c| *c != '"' && *c != '\\').collect();
        if unit.is_empty() { self.text.clone() } else { self.text.clone().set_num_format(format!("General\"{unit}\"")) }
    }
}

/// A cell's A1 name, relative (`E12`), from 0-based row and column.
fn at(row: u32, col: u16) -> String {
    row_col_to_cell(row, col)
}

fn failed(what: &str, err: &XlsxError) -> Error {
    Error::new(ErrorKind::Io, format!("生成{what}时出错：{err}"))
}

/// A workbook with fixed document properties, so the same project gives
/// the same bytes on every build.
/// A workbook dated 1 January of the project's year (of 2000 without one),
/// never the day it was written: rebuilds are byte-identical.
fn workbook(title: &str, year: Option<i32>) -> Workbook {
    let mut workbook = Workbook::new();
    let year = year.unwrap_or(2000);
    let created = ExcelDateTime::from_ymd(u16::try_from(year.clamp(1900, 9999)).unwrap_or(2000), 1, 1)
        .unwrap_or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date"));
    let properties = DocProperties::new().set_title(title).set_author("wenshu").set_creation_datetime(&created);
    workbook.set_properties(&properties);
    workbook
}

mod layout;
mod self_evaluation;
mod summary;
mod targets;

use layout::*;
pub use self_evaluation::self_evaluation;
use self_evaluation::*;
pub use summary::summary;
pub use targets::targets;

/// Points or a score as the form prints it; blank for none.
fn blank_or(n: Option<Number>) -> String {
    n.map(Number::fixed2).unwrap_or_default()
}

/// Writes a number given as wenshu prints it (`56.40`), or the text itself
/// where it is not one (`—`).
fn number(sheet: &mut Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    match text.trim().parse::<f64>() {
        Ok(value) => sheet.write_number_with_format(row, col, value, format)?,
        Err(_) => sheet.write_string_with_format(row, col, text, format)?,
    };
    Ok(())
}

fn formula(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    cached: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_formula_with_format(row, col, Formula::new(text).set_result(cached), format)?;
    Ok(())
}

/// Writes `text` over `first..=last` columns (and rows), merged when more than one cell.
fn span(
    sheet: &mut Sheet,
    (row, col): (u32, u16),
    (last_row, last_col): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if row == last_row && col == last_col {
        sheet.write_string_with_format(row, col, text, format)?;
    } else {
        sheet.merge_range(row, col, last_row, last_col, text, format)?;
    }
    Ok(())
}

/// Money in 万元 exact to the 分 (`29.476543`), as a money cell holds it: it
/// shows two decimals, as the PDF prints it, and sums and rates over it are
/// those of the money itself, not of its rounded print.
fn wan(fen: i64) -> String {
    crate::units::money::Money::from_fen(fen).wan()
}

/// `77.78` (percent) → `0.7778`, the fraction a percent cell holds.
fn fraction(percent: &str) -> String {
    // The percent in hundredths: Number keeps ten-thousandths.
    crate::units::number::Number::parse(percent).map_or_else(
        || "0".to_owned(),
        |n| crate::units::number::fraction_fixed(i64::try_from(n.raw() / 100).unwrap_or(0)),
    )
}
