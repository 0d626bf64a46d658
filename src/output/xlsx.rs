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

/// Points a cell needs to show `text` wrapped at `width` points (the
/// column's, or the merged columns', see [`column_points`]) in a font of
/// `size` points: the lines a greedy wrap gives, a CJK character taking one
/// em and a Latin letter or digit half of one, at 1.5 em a line, plus
/// padding. Generous on purpose: fallback CJK fonts (LibreOffice without
/// 仿宋) set lines up to 1.45 em apart and Latin wider than half an em, and
/// a row a little too tall costs nothing, while one too short overprints
/// the row below it when printed. One estimate for every suite: no office
/// suite fits rows of merged cells, and rows of known height print alike
/// in all of them.
fn text_points(text: &str, width: f64, size: f64) -> f64 {
    // Cell margins (LibreOffice ~1 pt, Excel 2–3 px each side), the grid
    // line, and half an em for a line that breaks early (a closing mark
    // may not start a line, a number does not split).
    let line = ((width - 6.0) / size - 0.5).max(1.0);
    let lines: usize = text.split('\n').map(|paragraph| wrapped_lines(paragraph, line)).sum();
    lines.max(1) as f64 * 1.5 * size + 4.0
}

/// Width of a column set `chars` wide, in points, as Excel lays it out:
/// 7 pixels a character of the default font (Calibri 11) and 5 of padding.
fn column_points(chars: f64) -> f64 {
    (chars * 7.0 + 5.0).floor() * 0.75
}

/// A character's width in ems: ASCII and Latin half, all else (CJK,
/// full-width punctuation, ≥, —, “”) one.
fn char_ems(c: char) -> f64 {
    if u32::from(c) < 0x300 { 0.5 } else { 1.0 }
}

/// Lines a paragraph takes, wrapped greedily at `line` ems: between any two
/// CJK characters, at a space, never inside a Latin word or a number, never
/// before a closing mark (，。）) nor after an opening one (（“), as
/// LibreOffice, WPS and Excel break Chinese text.
fn wrapped_lines(paragraph: &str, line: f64) -> usize {
    const CLOSING: &str = "，。、；：！？）》」』】〉”’%,.;:!?)]}";
    const OPENING: &str = "（《「『【〈“‘([{";
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '%' || c == '-';
    // Units that cannot be broken, each with its width.
    let mut units: Vec<f64> = Vec::new();
    let mut glue = false; // the next character joins the last unit
    let mut previous: Option<char> = None;
    for c in paragraph.chars() {
        let joins = glue
            || CLOSING.contains(c)
            || previous
                .is_some_and(|p| latin(p) && latin(c) && (c.is_ascii_alphanumeric() || p.is_ascii_alphanumeric()));
        match units.last_mut() {
            Some(width) if joins => *width += char_ems(c),
            _ => units.push(char_ems(c)),
        }
        glue = OPENING.contains(c);
        previous = Some(c);
    }
    let mut lines = 1;
    let mut used = 0.0;
    for unit in units {
        if used > 0.0 && used + unit > line {
            lines += 1;
            used = 0.0;
        }
        used += unit;
        // A unit longer than a line (a long number) breaks where it must.
        while used > line {
            lines += 1;
            used -= line;
        }
    }
    lines
}

/// The page: A4, its margins in inches (the sides, the top and the bottom).
const PAPER: (f64, f64) = (595.28, 841.89);
const SIDE_MARGIN: f64 = 0.6;
const END_MARGIN: f64 = 0.75;

/// A part of a [`Block`] on one page: first and last row, first and last
/// column, its text, and the block's index.
type Piece = (u32, u32, (u16, u16), String, usize);

/// A label merged over several rows, written by [`Sheet::finish`] once the
/// page breaks are known.
struct Block {
    first: (u32, u16),
    last: (u32, u16),
    text: String,
    format: Format,
}

/// A worksheet being written. Text written through it (the inherent
/// `write_string_with_format` and `merge_range` below, which shadow the
/// worksheet's) is noted with the height its (merged) cell needs; numbers and
/// formulas, one line each, go straight to the worksheet. [`Sheet::finish`]
/// then gives every row its height, breaks the pages and sets up the print.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    widths: Vec<f64>,
    /// The points each cell of one row needs.
    needs: Vec<(u32, f64)>,
    /// Labels merged over several rows.
    blocks: Vec<Block>,
    /// Rows written.
    rows: u32,
}

impl Deref for Sheet<'_> {
    type Target = Worksheet;
    fn deref(&self) -> &Worksheet {
        self.sheet
    }
}

impl DerefMut for Sheet<'_> {
    fn deref_mut(&mut self) -> &mut Worksheet {
        self.sheet
    }
}

impl<'a> Sheet<'a> {
    /// A sheet named `name` with columns `widths` characters wide.
    fn new(sheet: &'a mut Worksheet, styles: &'a Styles, name: &str, widths: &[f64]) -> Result<Self, XlsxError> {
        sheet.set_name(name)?;
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }
        Ok(Sheet { sheet, styles, widths: widths.to_vec(), needs: Vec::new(), blocks: Vec::new(), rows: 0 })
    }

    /// The points `text` needs in columns `cols` in `format`.
    fn points(&self, text: &str, (col, last_col): (u16, u16), format: &Format) -> f64 {
        let width = (col..=last_col).map(|c| column_points(self.widths.get(usize::from(c)).copied().unwrap_or(8.43)));
        text_points(text, width.sum(), self.styles.size(format))
    }

    fn write_string_with_format(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
        self.needs.push((row, self.points(text, (col, col), format)));
        self.rows = self.rows.max(row + 1);
        self.sheet.write_string_with_format(row, col, text, format)?;
        Ok(())
    }

    /// Merges a range; one over several rows waits for the page breaks.
    fn merge_range(
        &mut self,
        row: u32,
        col: u16,
        last_row: u32,
        last_col: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.rows = self.rows.max(last_row + 1);
        if row == last_row {
            self.needs.push((row, self.points(text, (col, last_col), format)));
            self.sheet.merge_range(row, col, last_row, last_col, text, format)?;
        } else {
            let block =
                Block { first: (row, col), last: (last_row, last_col), text: text.to_owned(), format: format.clone() };
            self.blocks.push(block);
        }
        Ok(())
    }

    /// The parts of the merged labels between page breaks: first and last
    /// row, columns, text (（续） after the first part), and its block.
    fn pieces(&self, breaks: &[u32]) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            let mut starts = vec![block.first.0];
            starts.extend(breaks.iter().copied().filter(|b| block.first.0 < *b && *b <= block.last.0));
            for (k, start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(block.last.0, |next| next - 1);
                let text = if k == 0 { block.text.clone() } else { continued(&block.text) };
                pieces.push((*start, end, (block.first.1, block.last.1), text, b));
            }
        }
        // Inner ones first, so that an outer one sees the rows they grew.
        pieces.sort_by_key(|(first, last, ..)| last - first);
        pieces
    }

    /// Row heights: each row as tall as its tallest cell, and each merged
    /// label's rows together as tall as it, what they lack added to the
    /// last of them.
    fn heights(&self, pieces: &[Piece]) -> Vec<f64> {
        let mut heights = vec![whole_pixels(text_points("", f64::MAX, CELL_PT)); self.rows as usize];
        for (row, need) in &self.needs {
            heights[*row as usize] = heights[*row as usize].max(whole_pixels(*need));
        }
        for (first, last, cols, text, block) in pieces {
            let need = self.points(text, *cols, &self.blocks[*block].format);
            let have: f64 = heights[*first as usize..=*last as usize].iter().sum();
            if have < need {
                heights[*last as usize] = whole_pixels(heights[*last as usize] + need - have);
            }
        }
        heights
    }

    /// Sets each row's height; breaks the pages so that no merged label
    /// runs over a break, the PDF's way: the part on the next page is a
    /// cell of its own, labelled （续）(a suite prints a label merged over
    /// a break at the middle of its rows, wherever the break cuts it). Then
    /// the page: A4 (`landscape` or not), fitted to one page wide, the print
    /// area every row written, the rows `repeat` printed again atop each page.
    fn finish(&mut self, landscape: bool, repeat: (u32, u32)) -> Result<(), XlsxError> {
        // Breaks split labels, and a split label's parts may need taller
        // rows, which may move a break: again until none moves.
        let mut breaks = Vec::new();
        let mut heights = self.heights(&self.pieces(&breaks));
        for _ in 0..8 {
            let again = page_breaks(&heights, &self.widths, landscape, repeat);
            if again == breaks {
                break;
            }
            breaks = again;
            heights = self.heights(&self.pieces(&breaks));
        }
        for (first, last, (col, last_col), text, block) in self.pieces(&breaks) {
            let format = &self.blocks[block].format;
            if first == last && col == last_col {
                self.sheet.write_string_with_format(first, col, &text, format)?;
            } else {
                self.sheet.merge_range(first, col, last, last_col, &text, format)?;
            }
        }
        for (row, points) in heights.iter().enumerate() {
            self.sheet.set_row_height_pixels(row as u32, (points * 4.0 / 3.0).round() as u32)?;
        }
        let last_col = self.widths.len().saturating_sub(1) as u16;
        let sheet = &mut *self.sheet;
        sheet.set_paper_size(9);
        if landscape {
            sheet.set_landscape();
        }
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_print_center_horizontally(true);
        sheet.set_margins(SIDE_MARGIN, SIDE_MARGIN, END_MARGIN, END_MARGIN, 0.3, 0.3);
        sheet.set_print_area(0, 0, self.rows.saturating_sub(1), last_col)?;
        sheet.set_repeat_rows(repeat.0, repeat.1)?;
        if !breaks.is_empty() {
            sheet.set_page_breaks(&breaks)?;
        }
        Ok(())
    }
}

/// A label continued on the next page, as the PDF prints it.
fn continued(text: &str) -> String {
    format!("{text}（续）")
}

/// Points in whole pixels (0.75 pt), rounded up, as spreadsheets store
/// heights, and no more than 409, the tallest row any suite has.
fn whole_pixels(points: f64) -> f64 {
    ((points / 0.75).ceil() * 0.75).min(409.0)
}

/// The rows that begin a printed page, rows of `heights` points filling
/// each page, the rows `repeat` atop each after the first. The page is the
/// A4 page less its margins, scaled as the suites fit the columns to its
/// width; a page is filled to nine tenths only, so that no suite, its page
/// a little shorter than this one, breaks it again before our break.
fn page_breaks(heights: &[f64], widths: &[f64], landscape: bool, repeat: (u32, u32)) -> Vec<u32> {
    let (paper_width, paper_height) = if landscape { (PAPER.1, PAPER.0) } else { PAPER };
    let width: f64 = widths.iter().map(|w| column_points(*w)).sum();
    let scale = ((paper_width - 2.0 * 72.0 * SIDE_MARGIN) / width).min(1.0);
    let page = (paper_height - 2.0 * 72.0 * END_MARGIN) / scale * 0.9;
    let header: f64 = heights.get(repeat.0 as usize..=repeat.1 as usize).map_or(0.0, |h| h.iter().sum());
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (row, height) in heights.iter().enumerate() {
        let row = row as u32;
        // Not before the first row under the repeated header.
        if used + height > page && row > repeat.1 + 1 {
            breaks.push(row);
            used = header;
        }
        used += height;
    }
    breaks
}

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

/// A part's rate and score as formulas over its actual and points cells:
/// the national method of [`crate::score::target::Measure::score`].
fn part_formulas(part: &Part, actual: &str, points: &str, capped: bool) -> (Option<String>, String) {
    let figure = &part.figure;
    let ratio = |over: &str| format!("ROUND({points}*{over},2)");
    let over_figure = format!("IF({figure}>={actual},{points},{})", ratio(&format!("{figure}/{actual}")));
    let score = match (part.bound, &part.low) {
        (PartBound::AtMost, _) => over_figure,
        (PartBound::Range, Some(low)) => {
            format!("IF({actual}<{low},{},{over_figure})", ratio(&format!("{actual}/{low}")))
        }
        _ => format!("IF({actual}>={figure},{points},{})", ratio(&format!("{actual}/{figure}"))),
    };
    let divisor = match (part.bound, &part.low) {
        (PartBound::AtMost, _) => None,
        (PartBound::Range, Some(low)) => Some(*low),
        _ => Some(*figure),
    };
    let rate = part.rate.as_ref().zip(divisor).map(|(_, d)| {
        let rate = format!("ROUND({actual}/{d},4)");
        if capped { format!("MIN(1,{rate})") } else { rate }
    });
    (rate, score)
}

/// A part's cached rate: as computed, capped at 100% for 完成进度.
fn cached_rate(part: &Part, capped: bool) -> String {
    match part.rate {
        Some(rate) if capped && rate > 10_000 => "1".to_owned(),
        Some(rate) => fraction_fixed(rate),
        None => String::new(),
    }
}

/// `个案 ≥4个`, as the parts sheet describes a part.
fn part_target(part: &Part) -> String {
    let figure = match (&part.low, part.bound) {
        (Some(low), PartBound::Range) => format!("{low}–{}{}", part.figure, part.unit),
        _ => format!("{}{}{}", part.bound.symbol(), part.figure, part.unit),
    };
    if part.label.is_empty() { figure } else { format!("{} {figure}", part.label) }
}

/// The rows of indicators, 一级 and 二级 with how many rows each spans.
fn indicator_rows(evaluated: &Evaluated) -> Vec<(Option<(&str, usize)>, Option<(&str, usize)>, &Scored)> {
    let mut rows = Vec::new();
    for category in &evaluated.categories {
        let total: usize = category.groups.iter().map(|g| g.items.len()).sum();
        for (g, group) in category.groups.iter().enumerate() {
            for (k, item) in group.items.iter().enumerate() {
                let level1 = (g == 0 && k == 0).then_some((category.level1.as_str(), total));
                let level2 = (k == 0).then_some((group.level2.as_str(), group.items.len()));
                rows.push((level1, level2, item));
            }
        }
    }
    rows
}

/// 项目支出绩效自评表 in the national layout, as the PDF prints it.
pub fn self_evaluation(project: &Project, evaluated: &Evaluated) -> Result<Vec<u8>, Error> {
    write_self_evaluation(project, evaluated).map_err(|e| failed("绩效自评表.xlsx", &e))
}

fn write_self_evaluation(project: &Project, e: &Evaluated) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let name = project.name().unwrap_or("");
    let mut book = workbook(format!("{name} 项目支出绩效自评表").trim(), project.year());
    let capped = e.rate_name == Completion::Progress;
    let mut parts_worksheet = Worksheet::new();
    let mut parts_sheet = Sheet::new(&mut parts_worksheet, &s, PARTS_SHEET, &[24.0, 14.0, 16.0, 14.0, 11.0, 8.0, 9.0])?;
    let mut parts_row = parts_header(&mut parts_sheet, &s, name, capped)?;

    let sheet =
        &mut Sheet::new(book.add_worksheet(), &s, "绩效自评表", &[7.0, 11.0, 24.0, 14.0, 14.0, 8.0, 9.0, 30.0])?;
    sheet.merge_range(0, 0, 0, 7, "项目支出绩效自评表", &s.title)?;
    // No year in the file: the line stays blank rather than showing a guess.
    let subtitle = project.year().map(|y| format!("（{y}年度）")).unwrap_or_default();
    sheet.merge_range(1, 0, 1, 7, &subtitle, &s.subtitle)?;
    let text = |v: Option<&crate::project::model::Spanned<crate::project::model::Text>>| {
        v.map(|t| t.value.as_str().to_owned()).unwrap_or_default()
    };
    span(sheet, (2, 0), (2, 1), "项目名称", &s.label)?;
    span(sheet, (2, 2), (2, 7), name, &s.left)?;
    span(sheet, (3, 0), (3, 1), "主管部门", &s.label)?;
    span(sheet, (3, 2), (3, 3), &text(project.department.as_ref()), &s.left)?;
    span(sheet, (3, 4), (3, 4), "实施单位", &s.label)?;
    span(sheet, (3, 5), (3, 7), &text(project.implementer.as_ref()), &s.left)?;

    // 项目资金: the total row sums the lines below it; the rate and the
    // score follow the total.
    let x = &e.execution;
    let lines = x.rows.len() as u32;
    span(sheet, (4, 0), (5 + lines, 0), "项目资金（万元）", &s.label)?;
    sheet.write_blank(4, 1, &s.label)?;
    for (col, label) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].into_iter().enumerate()
    {
        sheet.write_string_with_format(4, 2 + col as u16, label, &s.label)?;
    }
    sheet.write_string_with_format(5, 1, "年度资金总额", &s.label)?;
    for (k, line) in x.rows.iter().enumerate() {
        let row = 6 + k as u32;
        let label = if k == 0 { format!("其中：{}", line.label) } else { line.label.clone() };
        sheet.write_string_with_format(row, 1, &label, &s.text)?;
        for (col, money) in [line.initial, line.adjusted, line.spent].into_iter().enumerate() {
            number(sheet, row, 2 + col as u16, &money.map(|m| wan(m.fen())).unwrap_or_default(), &s.money)?;
        }
        for col in 5..8 {
            sheet.write_string_with_format(row, col, "—", &s.text)?;
        }
    }
    for (col, total) in [x.initial.fen(), x.adjusted.fen(), x.spent.fen()].into_iter().enumerate() {
        let col = 2 + col as u16;
        let sum = format!("=SUM({}:{})", at(6, col), at(5 + lines, col));
        formula(sheet, 5, col, &sum, &wan(total), &s.money)?;
    }
    number(sheet, 5, 5, &x.points.fixed2(), &s.score)?;
    let rate = format!("=IF({adjusted}=0,0,ROUND({spent}/{adjusted},4))", adjusted = at(5, 3), spent = at(5, 4));
    formula(sheet, 5, 6, &rate, &fraction_fixed(x.rate.hundredths()), &s.percent)?;
    let execution_score = format!("=ROUND({}*MIN(1,{}),2)", at(5, 5), at(5, 6));
    formula(sheet, 5, 7, &execution_score, &x.score.fixed2(), &s.score)?;

    let goal = 6 + lines;
    span(sheet, (goal, 0), (goal + 1, 0), "年度总体目标", &s.label)?;
    span(sheet, (goal, 1), (goal, 3), "预期目标", &s.label)?;
    span(sheet, (goal, 4), (goal, 7), "实际完成情况", &s.label)?;
    let overall = project.evaluation.as_ref().map(|v| &v.overall);
    let expected = overall.map(|o| o.expected.value.as_str()).unwrap_or_default();
    let achieved = overall.map(|o| o.achieved.value.as_str()).unwrap_or_default();
    span(sheet, (goal + 1, 1), (goal + 1, 3), expected, &s.left)?;
    span(sheet, (goal + 1, 4), (goal + 1, 7), achieved, &s.left)?;

    let header = goal + 2;
    span(sheet, (header, 0), (header, 7), "绩效指标", &s.label)?;
    let labels =
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
    for (col, label) in labels.into_iter().enumerate() {
        sheet.write_string_with_format(header + 1, col as u16, label, &s.label)?;
    }
    let first = header + 2;
    let rows = indicator_rows(e);
    for (k, (level1, level2, item)) in rows.iter().enumerate() {
        let row = first + k as u32;
        if let Some((text, n)) = level1 {
            span(sheet, (row, 0), (row + *n as u32 - 1, 0), text, &s.label)?;
        }
        if let Some((text, n)) = level2 {
            span(sheet, (row, 1), (row + *n as u32 - 1, 1), text, &s.label)?;
        }
        sheet.write_string_with_format(row, 2, &item.indicator, &s.left)?;
        sheet.write_string_with_format(row, 3, &item.target, &s.text)?;
        number(sheet, row, 5, &blank_or(item.points), &s.score)?;
        sheet.write_string_with_format(row, 7, &item.reason, &s.left)?;
        match &item.method {
            Method::Measured(parts) if parts.len() == 1 => {
                let part = &parts[0];
                number(sheet, row, 4, &part.actual.to_string(), &s.with_unit(&part.unit))?;
                let (_, score) = part_formulas(part, &at(row, 4), &at(row, 5), capped);
                formula(sheet, row, 6, &format!("={score}"), &blank_or(item.score), &s.score)?;
            }
            Method::Measured(parts) => {
                sheet.write_string_with_format(row, 4, &item.actual, &s.text)?;
                let start = parts_row;
                parts_row = write_parts(&mut parts_sheet, &s, parts_row, &item.indicator, parts, capped)?;
                let sum = format!("=ROUND(SUM('{PARTS_SHEET}'!{}:{}),2)", at(start, 6), at(parts_row - 1, 6));
                formula(sheet, row, 6, &sum, &blank_or(item.score), &s.score)?;
            }
            Method::Judged | Method::Rule | Method::None => {
                sheet.write_string_with_format(row, 4, &item.actual, &s.text)?;
                number(sheet, row, 6, &blank_or(item.score), &s.score)?;
            }
        }
    }
    let last = first + rows.len() as u32;
    let scores = if rows.is_empty() { String::new() } else { format!("+SUM({}:{})", at(first, 6), at(last - 1, 6)) };
    span(sheet, (last, 0), (last, 4), &format!("总分（含预算执行率 {} 分）", x.score.fixed2()), &s.label)?;
    number(sheet, last, 5, &e.max.fixed2(), &s.score)?;
    formula(sheet, last, 6, &format!("=ROUND({}{scores},2)", at(5, 7)), &e.total.fixed2(), &s.score)?;
    let total = at(last, 6);
    // The national grades sit at 90%, 80% and 60% of the full score.
    let full = e.max;
    let grades = crate::score::weights::default_grades(full, ["优", "良", "中", "差"]);
    let (a, b, c) = (grades[0].1, grades[1].1, grades[2].1);
    let grade =
        format!("=\"自评等级：\"&IF({total}>={a},\"优\",IF({total}>={b},\"良\",IF({total}>={c},\"中\",\"差\")))");
    formula(sheet, last, 7, &grade, &format!("自评等级：{}", e.national_grade), &s.label)?;
    // The indicators' header repeats on every page, as in the PDF.
    sheet.finish(false, (header, header + 1))?;
    parts_sheet.finish(false, (2, 2))?;
    if parts_row > PARTS_FIRST_ROW {
        book.push_worksheet(parts_worksheet);
    }
    book.save_to_buffer()
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

const PARTS_FIRST_ROW: u32 = 3;

/// The parts sheet's title and header; the first row to write parts on.
fn parts_header(sheet: &mut Sheet, s: &Styles, name: &str, capped: bool) -> Result<u32, XlsxError> {
    sheet.merge_range(0, 0, 0, 6, "复合指标分项计分", &s.title)?;
    let note = format!(
        "{name}：一个指标值含几个数量时，分值平均分给各分项，各分项按国家评分方法计分，指标得分为各分项得分之和"
    );
    sheet.merge_range(1, 0, 1, 6, &note, &s.subtitle)?;
    let rate = if capped { "完成进度" } else { "完成率" };
    for (col, label) in ["三级指标", "分项", "指标值", "实际完成值", rate, "分值", "得分"].into_iter().enumerate()
    {
        sheet.write_string_with_format(2, col as u16, label, &s.label)?;
    }
    Ok(PARTS_FIRST_ROW)
}

/// One indicator's parts, from `row`; the row after them.
fn write_parts(
    sheet: &mut Sheet,
    s: &Styles,
    row: u32,
    indicator: &str,
    parts: &[Part],
    capped: bool,
) -> Result<u32, XlsxError> {
    span(sheet, (row, 0), (row + parts.len() as u32 - 1, 0), indicator, &s.left)?;
    for (k, part) in parts.iter().enumerate() {
        let r = row + k as u32;
        sheet.write_string_with_format(r, 1, &part.label, &s.text)?;
        sheet.write_string_with_format(r, 2, &part_target(part), &s.text)?;
        write_part_figures(sheet, s, r, (3, 4, 5, 6), part, capped)?;
    }
    Ok(row + parts.len() as u32)
}

/// A part's actual, rate, points and score at the columns given.
fn write_part_figures(
    sheet: &mut Sheet,
    s: &Styles,
    row: u32,
    (actual, rate, points, score): (u16, u16, u16, u16),
    part: &Part,
    capped: bool,
) -> Result<(), XlsxError> {
    number(sheet, row, actual, &part.actual.to_string(), &s.with_unit(&part.unit))?;
    number(sheet, row, points, &part.points.fixed2(), &s.score)?;
    let (rate_formula, score_formula) = part_formulas(part, &at(row, actual), &at(row, points), capped);
    match rate_formula {
        Some(f) => formula(sheet, row, rate, &format!("={f}"), &cached_rate(part, capped), &s.percent)?,
        None => {
            sheet.write_string_with_format(row, rate, "—", &s.text)?;
        }
    }
    formula(sheet, row, score, &format!("={score_formula}"), &part.score.fixed2(), &s.score)
}

/// 项目绩效目标表: 一级/二级/三级指标 and 指标值; at year end, each measured
/// part on its own row with its actual, rate, points and score.
pub fn targets(
    project: &Project,
    evaluated: Option<&Evaluated>,
    progress: Option<&Progress>,
) -> Result<Vec<u8>, Error> {
    write_targets(project, evaluated, progress).map_err(|e| failed("绩效目标表.xlsx", &e))
}

fn write_targets(
    project: &Project,
    evaluated: Option<&Evaluated>,
    progress: Option<&Progress>,
) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let name = project.name().unwrap_or("");
    let mut book = workbook(format!("{name} 项目绩效目标表").trim(), project.year());
    let columns = match (evaluated, progress) {
        (Some(_), _) => 8,
        (None, Some(_)) => 6,
        (None, None) => 4,
    };
    let widths = [11.0, 12.0, 24.0, 22.0, 14.0, 11.0, 8.0, 9.0];
    let sheet = &mut Sheet::new(book.add_worksheet(), &s, "绩效目标表", &widths[..columns])?;
    let last_col = columns as u16 - 1;
    let title = project.year().map(|y| format!("{y}年度项目绩效目标表")).unwrap_or_else(|| "项目绩效目标表".to_owned());
    sheet.merge_range(0, 0, 0, last_col, &title, &s.title)?;
    sheet.merge_range(1, 0, 1, last_col, &format!("项目名称：{name}"), &s.subtitle)?;
    let rate_name = match (evaluated, progress) {
        (Some(e), _) => e.rate_name.name(),
        (None, Some(p)) => p.rate_name.as_str(),
        (None, None) => "完成率",
    };
    let labels = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", rate_name, "分值", "得分"];
    for (col, label) in labels.into_iter().take(columns).enumerate() {
        sheet.write_string_with_format(2, col as u16, label, &s.label)?;
    }
    let first = 3;
    let mut row = first;
    match evaluated {
        None => {
            for category in &project.indicators.value {
                let total: usize = category.groups.value.iter().map(|g| g.items.value.len()).sum();
                if total > 0 {
                    span(sheet, (row, 0), (row + total as u32 - 1, 0), category.level1.value.as_str(), &s.label)?;
                }
                for group in &category.groups.value {
                    let n = group.items.value.len() as u32;
                    if n > 0 {
                        span(sheet, (row, 1), (row + n - 1, 1), group.level2.value.as_str(), &s.label)?;
                    }
                    for item in &group.items.value {
                        sheet.write_string_with_format(row, 2, item.indicator.value.as_str(), &s.left)?;
                        let target = item.target.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
                        sheet.write_string_with_format(row, 3, target, &s.text)?;
                        row += 1;
                    }
                }
            }
            if let Some(progress) = progress {
                let items = progress.categories.iter().flat_map(|c| &c.groups).flat_map(|g| &g.items);
                for (k, item) in items.enumerate() {
                    let at_row = first + k as u32;
                    sheet.write_string_with_format(at_row, 4, &item.actual, &s.text)?;
                    sheet.write_string_with_format(at_row, 5, item.rate.as_deref().unwrap_or("—"), &s.text)?;
                }
            }
        }
        Some(e) => {
            let capped = e.rate_name == Completion::Progress;
            for category in &e.categories {
                let heights: Vec<u32> = category.groups.iter().flat_map(|g| &g.items).map(height).collect();
                let total: u32 = heights.iter().sum();
                if total > 0 {
                    span(sheet, (row, 0), (row + total - 1, 0), &category.level1, &s.label)?;
                }
                for group in &category.groups {
                    let n: u32 = group.items.iter().map(height).sum();
                    if n > 0 {
                        span(sheet, (row, 1), (row + n - 1, 1), &group.level2, &s.label)?;
                    }
                    for item in &group.items {
                        row = write_target_item(sheet, &s, row, item, capped)?;
                    }
                }
            }
            span(sheet, (row, 0), (row, 5), "合计（不含预算执行率）", &s.label)?;
            let indicators_points: crate::units::number::Number = e.categories.iter().map(|c| c.points).sum();
            let indicators_score: crate::units::number::Number = e.categories.iter().map(|c| c.score).sum();
            let (a, b) = (first, row.saturating_sub(1).max(first));
            let sum = |col: u16| format!("=ROUND(SUM({}:{}),2)", at(a, col), at(b, col));
            formula(sheet, row, 6, &sum(6), &indicators_points.fixed2(), &s.score)?;
            formula(sheet, row, 7, &sum(7), &indicators_score.fixed2(), &s.score)?;
        }
    }
    sheet.finish(false, (2, 2))?;
    book.save_to_buffer()
}

/// Rows an indicator takes in the targets table: one per measured part.
fn height(item: &Scored) -> u32 {
    match &item.method {
        Method::Measured(parts) if parts.len() > 1 => parts.len() as u32,
        _ => 1,
    }
}

/// One indicator of the year-end targets table; the row after it.
fn write_target_item(sheet: &mut Sheet, s: &Styles, row: u32, item: &Scored, capped: bool) -> Result<u32, XlsxError> {
    let rows = height(item);
    span(sheet, (row, 2), (row + rows - 1, 2), &item.indicator, &s.left)?;
    match &item.method {
        Method::Measured(parts) => {
            for (k, part) in parts.iter().enumerate() {
                let r = row + k as u32;
                let target = if parts.len() == 1 { item.target.clone() } else { part_target(part) };
                sheet.write_string_with_format(r, 3, &target, &s.text)?;
                write_part_figures(sheet, s, r, (4, 5, 6, 7), part, capped)?;
            }
        }
        Method::Judged | Method::Rule | Method::None => {
            sheet.write_string_with_format(row, 3, &item.target, &s.text)?;
            sheet.write_string_with_format(row, 4, &item.actual, &s.text)?;
            sheet.write_string_with_format(row, 5, item.rate.as_deref().unwrap_or("—"), &s.text)?;
            number(sheet, row, 6, &blank_or(item.points), &s.score)?;
            number(sheet, row, 7, &blank_or(item.score), &s.score)?;
        }
    }
    Ok(row + rows)
}

/// The columns of the summary, after the group's.
const SUMMARY_COLUMNS: [&str; 13] = [
    "序号",
    "年度",
    "项目名称",
    "",
    "项目资金（万元）",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "预算执行率",
    "指标数",
    "达标指标数",
    "自评总分",
    "评估方加权分",
    "等级",
];

/// The 汇总表: one row per project, grouped, with subtotals and a total.
/// Subtotals use SUBTOTAL, which leaves other subtotals out of the total.
pub fn summary(summary: &Summary) -> Result<Vec<u8>, Error> {
    write_summary(summary).map_err(|e| failed("汇总表.xlsx", &e))
}

fn write_summary(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let title = format!("{}政府购买社会工作服务项目绩效评价汇总表", summary.years);
    let mut book = workbook(&title, None);
    let widths = [14.0, 5.0, 6.0, 28.0, 22.0, 10.0, 10.0, 10.0, 9.0, 6.0, 6.0, 8.0, 8.0, 8.0];
    let sheet = &mut Sheet::new(book.add_worksheet(), &s, "汇总表", &widths)?;
    let last_col = widths.len() as u16 - 1;
    sheet.merge_range(0, 0, 0, last_col, &title, &s.title)?;
    sheet.merge_range(1, 0, 1, last_col, &format!("汇总日期：{}", summary.date), &s.subtitle)?;
    sheet.write_string_with_format(2, 0, &summary.by, &s.label)?;
    for (col, label) in SUMMARY_COLUMNS.into_iter().enumerate() {
        let label = if label.is_empty() { summary.other.as_str() } else { label };
        sheet.write_string_with_format(2, 1 + col as u16, label, &s.label)?;
    }
    let first = 3;
    let mut row = first;
    let mut serial = 0;
    for group in &summary.groups {
        let start = row;
        let n = group.rows.len() as u32;
        span(sheet, (row, 0), (row + n, 0), &group.name, &s.label)?;
        for project in &group.rows {
            serial += 1;
            write_summary_row(sheet, &s, row, serial, project)?;
            row += 1;
        }
        let label = format!("小计（{}个项目）", group.subtotal.projects);
        span(sheet, (row, 1), (row, 4), &label, &s.label)?;
        write_totals(sheet, &s, row, (start, row - 1), &group.subtotal)?;
        row += 1;
    }
    let label = format!("合计（{}个项目，{}个已评价）", summary.total.projects, summary.total.evaluated);
    span(sheet, (row, 0), (row, 4), &label, &s.label)?;
    write_totals(sheet, &s, row, (first, row.saturating_sub(1).max(first)), &summary.total)?;
    let mut note = row + 2;
    if !summary.pending.is_empty() {
        let names: Vec<&str> = summary.pending.iter().map(|r| r.name.as_str()).collect();
        let text = format!("尚未做年终评价（不计入执行数、执行率和平均分）：{}", names.join("、"));
        sheet.merge_range(note, 0, note, last_col, &text, &s.note)?;
        note += 1;
    }
    if !summary.unfunded.is_empty() {
        let text = format!("未填项目资金（不计入项目资金合计）：{}", summary.unfunded.join("、"));
        sheet.merge_range(note, 0, note, last_col, &text, &s.note)?;
    }
    sheet.finish(true, (2, 2))?;
    book.save_to_buffer()
}

fn write_summary_row(sheet: &mut Sheet, s: &Styles, row: u32, serial: u32, r: &Row) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, 1, f64::from(serial), &s.count)?;
    match r.year {
        Some(year) => {
            sheet.write_number_with_format(row, 2, f64::from(year), &s.count)?;
        }
        None => sheet.write_string_with_format(row, 2, "—", &s.text)?,
    }
    sheet.write_string_with_format(row, 3, &r.name, &s.left)?;
    sheet.write_string_with_format(row, 4, &r.other, &s.left)?;
    number(sheet, row, 5, &r.funding_fen.map_or_else(|| r.funding.clone(), wan), &s.money)?;
    if !r.evaluated {
        for col in 6..13 {
            sheet.write_blank(row, col, &s.text)?;
        }
        sheet.write_string_with_format(row, 13, "未做年终评价", &s.text)?;
        return Ok(());
    }
    number(sheet, row, 6, &r.adjusted_fen.map(wan).unwrap_or_default(), &s.money)?;
    number(sheet, row, 7, &r.spent_fen.map_or_else(|| r.spent.clone(), wan), &s.money)?;
    let rate = format!("=IF({a}=0,0,ROUND({b}/{a},4))", a = at(row, 6), b = at(row, 7));
    formula(sheet, row, 8, &rate, &fraction(r.rate.trim_end_matches('%')), &s.percent)?;
    number(sheet, row, 9, &r.indicators.unwrap_or(0).to_string(), &s.count)?;
    number(sheet, row, 10, &r.met.unwrap_or(0).to_string(), &s.count)?;
    number(sheet, row, 11, &blank_or(r.total), &s.score)?;
    match r.weighted {
        None => {
            sheet.write_blank(row, 12, &s.text)?;
        }
        Some(weighted) => number(sheet, row, 12, &weighted.fixed2(), &s.score)?,
    }
    sheet.write_string_with_format(row, 13, &r.grade, &s.text)?;
    Ok(())
}

/// A subtotal or total row over the project rows `first..=last`.
fn write_totals(
    sheet: &mut Sheet,
    s: &Styles,
    row: u32,
    (first, last): (u32, u32),
    t: &Totals,
) -> Result<(), XlsxError> {
    let range = |col: u16| format!("{}:{}", at(first, col), at(last, col));
    let sum = |col: u16| format!("=SUBTOTAL(9,{})", range(col));
    formula(sheet, row, 5, &sum(5), &wan(t.funding_fen), &s.money)?;
    formula(sheet, row, 6, &sum(6), &wan(t.adjusted_fen), &s.money)?;
    formula(sheet, row, 7, &sum(7), &wan(t.spent_fen), &s.money)?;
    let rate = format!("=IF({a}=0,0,ROUND({b}/{a},4))", a = at(row, 6), b = at(row, 7));
    formula(sheet, row, 8, &rate, &fraction(t.rate.trim_end_matches('%')), &s.percent)?;
    formula(sheet, row, 9, &sum(9), &t.indicators.to_string(), &s.count)?;
    formula(sheet, row, 10, &sum(10), &t.met.to_string(), &s.count)?;
    for (col, average) in [(11, t.average), (12, t.weighted_average)] {
        match average {
            None => {
                sheet.write_blank(row, col, &s.text)?;
            }
            Some(average) => {
                let mean = format!("=ROUND(SUBTOTAL(1,{}),2)", range(col));
                formula(sheet, row, col, &mean, &average.fixed2(), &s.score)?;
            }
        }
    }
    sheet.write_string_with_format(row, 13, "平均分", &s.label)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_excel_lays_them_out() {
        // Excel's default column, 8.43 characters, is 64 pixels.
        assert_eq!(column_points(8.43), 48.0);
        assert_eq!(column_points(30.0), 161.25);
    }

    #[test]
    fn lines_count_a_cjk_character_as_an_em_and_latin_as_half() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十一", 10.0), 2);
        assert_eq!(wrapped_lines("12345678901234567890", 10.0), 1);
        assert_eq!(wrapped_lines("12345678901234567890一", 10.0), 2);
        // A number does not split, a closing mark stays on its line's
        // character, an opening one goes with the next.
        assert_eq!(wrapped_lines("一二三四五六七八 2021", 10.0), 2);
        assert_eq!(wrapped_lines("一二三四五六七八九十。", 10.0), 2);
        assert_eq!(wrapped_lines("一二三四五六七八九（十", 10.0), 2);
        // A number longer than a line breaks where it must.
        assert_eq!(wrapped_lines(&"1".repeat(50), 10.0), 3);
    }

    #[test]
    fn a_cell_needs_its_lines_at_one_and_a_half_em_and_padding() {
        assert_eq!(text_points("盐田区妇联", column_points(30.0), 10.5), 1.5 * 10.5 + 4.0);
        assert_eq!(text_points("", column_points(30.0), 10.5), 1.5 * 10.5 + 4.0);
        assert_eq!(text_points("一\n二", column_points(30.0), 10.0), 2.0 * 15.0 + 4.0);
        // 盐田's first 三级指标 in its 24-character column: LibreOffice sets
        // it in six lines.
        let text = "项目管理制度、专业服务表格、上墙制度及流程；财务报告、工作总结报告、外展宣传活动；\
                    印制服务宣传资料；年刊、服务成长手册等。";
        assert_eq!(text_points(text, column_points(24.0), 10.5), 6.0 * 15.75 + 4.0);
        // Wider columns, fewer lines.
        assert_eq!(text_points(text, column_points(30.0) + column_points(24.0), 10.5), 3.0 * 15.75 + 4.0);
    }

    /// A sheet of 盐田's 绩效自评表 columns.
    fn sheet<'a>(worksheet: &'a mut Worksheet, styles: &'a Styles) -> Sheet<'a> {
        Sheet::new(worksheet, styles, "表", &[7.0, 11.0, 24.0]).unwrap()
    }

    #[test]
    fn a_label_merged_over_rows_grows_the_last_of_them_if_they_lack_room() {
        let (mut worksheet, styles) = (Worksheet::new(), Styles::new());
        let mut sheet = sheet(&mut worksheet, &styles);
        // 服务对象满意度指标 in the 一级 column, two characters a line: five lines.
        sheet.merge_range(0, 0, 1, 0, "服务对象满意度指标", &styles.label).unwrap();
        sheet.write_string_with_format(0, 2, "一", &styles.text).unwrap();
        sheet.write_string_with_format(1, 2, "二", &styles.text).unwrap();
        let heights = sheet.heights(&sheet.pieces(&[]));
        let need = text_points("服务对象满意度指标", column_points(7.0), CELL_PT);
        assert_eq!(need, 5.0 * 15.75 + 4.0);
        let line = whole_pixels(text_points("一", f64::MAX, CELL_PT));
        assert_eq!(heights[0], line);
        assert_eq!(heights[0] + heights[1], whole_pixels(need));
        // A label with room enough leaves its rows alone.
        sheet.merge_range(2, 1, 4, 1, "数量指标", &styles.label).unwrap();
        let heights = sheet.heights(&sheet.pieces(&[]));
        assert_eq!(heights[2..5], [line, line, line]);
    }

    #[test]
    fn a_page_breaks_where_it_is_full_and_a_label_over_the_break_continues() {
        let (mut worksheet, styles) = (Worksheet::new(), Styles::new());
        let mut sheet = sheet(&mut worksheet, &styles);
        sheet.write_string_with_format(0, 0, "指标", &styles.label).unwrap();
        sheet.merge_range(1, 0, 200, 0, "产出指标", &styles.label).unwrap();
        for row in 1..=200 {
            sheet.write_string_with_format(row, 2, "指标", &styles.text).unwrap();
        }
        let heights = sheet.heights(&sheet.pieces(&[]));
        assert!(heights.iter().all(|h| *h == 20.25), "one line a row");
        let breaks = page_breaks(&heights, &sheet.widths, false, (0, 0));
        // The columns fit the page's width unscaled: rows fill nine tenths
        // of its height less the margins, the header row atop each page.
        let rows = ((841.89 - 108.0) * 0.9 / 20.25) as u32;
        assert_eq!(breaks[..2], [rows, 2 * rows - 1]);
        let pieces = sheet.pieces(&breaks);
        let mut labels: Vec<(u32, u32, &str)> =
            pieces.iter().map(|(a, b, _, text, _)| (*a, *b, text.as_str())).collect();
        labels.sort();
        assert_eq!(labels[0], (1, rows - 1, "产出指标"));
        assert_eq!(labels[1], (rows, 2 * rows - 2, "产出指标（续）"));
    }
}
