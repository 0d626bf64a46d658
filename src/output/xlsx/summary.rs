//! The funder's 汇总表: one row per project, grouped, with subtotals (SUBTOTAL,
//! so the total does not count them twice) and a total.

use super::*;

/// The columns of the summary, after the group's.
pub(super) const SUMMARY_COLUMNS: [&str; 13] = [
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

pub(super) fn write_summary(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
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

pub(super) fn write_summary_row(
    sheet: &mut Sheet,
    s: &Styles,
    row: u32,
    serial: u32,
    r: &Row,
) -> Result<(), XlsxError> {
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
pub(super) fn write_totals(
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
