//! The 绩效目标表: the indicators and their targets; with actuals, their
//! completion (and at year end their points and scores).

use super::*;

/// 项目绩效目标表: 一级/二级/三级指标 and 指标值; at year end, each measured
/// part on its own row with its actual, rate, points and score.
pub fn targets(
    project: &Project,
    evaluated: Option<&Evaluated>,
    progress: Option<&Progress>,
) -> Result<Vec<u8>, Error> {
    write_targets(project, evaluated, progress).map_err(|e| failed("绩效目标表.xlsx", &e))
}

pub(super) fn write_targets(
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
        (None, Some(p)) => p.rate_name.name(),
        (None, None) => "完成率",
    };
    let labels = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", rate_name, "分值", "得分"];
    for (col, label) in labels.into_iter().take(columns).enumerate() {
        sheet.write_string_with_format(2, col as u16, label, &s.label)?;
    }
    match evaluated {
        None => write_planned(sheet, &s, project, progress)?,
        Some(e) => write_scored(sheet, &s, e)?,
    }
    sheet.finish(false, (2, 2))?;
    book.save_to_buffer()
}

/// Rows an indicator takes in the targets table: one per measured part.
pub(super) fn height(item: &Scored) -> u32 {
    match &item.method {
        Method::Measured(parts) if parts.len() > 1 => parts.len() as u32,
        _ => 1,
    }
}

/// One indicator of the year-end targets table; the row after it.
pub(super) fn write_target_item(
    sheet: &mut Sheet,
    s: &Styles,
    row: u32,
    item: &Scored,
    capped: bool,
) -> Result<u32, XlsxError> {
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
        Method::Judged | Method::Rule | Method::Deadline | Method::None => {
            sheet.write_string_with_format(row, 3, &item.target, &s.text)?;
            sheet.write_string_with_format(row, 4, &item.actual, &s.text)?;
            sheet.write_string_with_format(row, 5, item.rate.as_deref().unwrap_or("—"), &s.text)?;
            number(sheet, row, 6, &blank_or(item.points), &s.score)?;
            number(sheet, row, 7, &blank_or(item.score), &s.score)?;
        }
    }
    Ok(row + rows)
}

/// The first row of indicators, under the title, name and header rows.
const FIRST: u32 = 3;

/// Before year end: the targets, and with actuals their completion.
fn write_planned(
    sheet: &mut Sheet,
    s: &Styles,
    project: &Project,
    progress: Option<&Progress>,
) -> Result<(), XlsxError> {
    let first = FIRST;
    let mut row = first;
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
    Ok(())
}

/// At year end: every measured part a row, with its completion, points and
/// score as formulas, and their sums.
fn write_scored(sheet: &mut Sheet, s: &Styles, e: &Evaluated) -> Result<(), XlsxError> {
    let first = FIRST;
    let mut row = first;
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
    Ok(())
}
