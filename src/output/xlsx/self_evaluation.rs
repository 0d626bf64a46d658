//! The 绩效自评表: the money table, the year's goals, and every indicator
//! with its score as a formula; compound indicators on a sheet of parts.

use super::*;

/// A part's rate and score as formulas over its actual and points cells:
/// the national method of [`crate::score::target::Measure::score`].
pub(super) fn part_formulas(part: &Part, actual: &str, points: &str, capped: bool) -> (Option<String>, String) {
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
pub(super) fn cached_rate(part: &Part, capped: bool) -> String {
    match part.rate {
        Some(rate) if capped && rate > 10_000 => "1".to_owned(),
        Some(rate) => fraction_fixed(rate),
        None => String::new(),
    }
}

/// `个案 ≥4个`, as the parts sheet describes a part.
pub(super) fn part_target(part: &Part) -> String {
    let figure = match (&part.low, part.bound) {
        (Some(low), PartBound::Range) => format!("{low}–{}{}", part.figure, part.unit),
        _ => format!("{}{}{}", part.bound.symbol(), part.figure, part.unit),
    };
    if part.label.is_empty() { figure } else { format!("{} {figure}", part.label) }
}

/// The rows of indicators, 一级 and 二级 with how many rows each spans.
pub(super) fn indicator_rows(evaluated: &Evaluated) -> Vec<(Option<(&str, usize)>, Option<(&str, usize)>, &Scored)> {
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

pub(super) fn write_self_evaluation(project: &Project, e: &Evaluated) -> Result<Vec<u8>, XlsxError> {
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

    let lines = write_money(sheet, &s, &e.execution)?;

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
    let parts = (&mut parts_sheet, &mut parts_row);
    write_indicator_rows(sheet, &s, first, &rows, parts, capped)?;
    let last = first + rows.len() as u32;
    let scores = if rows.is_empty() { String::new() } else { format!("+SUM({}:{})", at(first, 6), at(last - 1, 6)) };
    span(sheet, (last, 0), (last, 4), &format!("总分（含预算执行率 {} 分）", e.execution.score.fixed2()), &s.label)?;
    number(sheet, last, 5, &e.max.fixed2(), &s.score)?;
    formula(sheet, last, 6, &format!("=ROUND({}{scores},2)", at(5, 7)), &e.total.fixed2(), &s.score)?;
    let total = at(last, 6);
    // The national grades sit at 90%, 80% and 60% of the full score.
    let grades = crate::score::weights::default_grades(e.max, crate::score::weights::NATIONAL_GRADES);
    let [(g1, a), (g2, b), (g3, c), (g4, _)] = [0, 1, 2, 3].map(|k| grades[k].clone());
    let grade = format!(
        "=\"自评等级：\"&IF({total}>={a},\"{g1}\",IF({total}>={b},\"{g2}\",IF({total}>={c},\"{g3}\",\"{g4}\")))"
    );
    formula(sheet, last, 7, &grade, &format!("自评等级：{}", e.national_grade), &s.label)?;
    // The indicators' header repeats on every page, as in the PDF.
    sheet.finish(false, (header, header + 1))?;
    parts_sheet.finish(false, (2, 2))?;
    if parts_row > PARTS_FIRST_ROW {
        book.push_worksheet(parts_worksheet);
    }
    book.save_to_buffer()
}

pub(super) const PARTS_FIRST_ROW: u32 = 3;

/// The parts sheet's title and header; the first row to write parts on.
pub(super) fn parts_header(sheet: &mut Sheet, s: &Styles, name: &str, capped: bool) -> Result<u32, XlsxError> {
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
pub(super) fn write_parts(
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
pub(super) fn write_part_figures(
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

/// The money table of the form: one row per source of funds under the
/// total, whose sums, rate and score are formulas. How many source rows.
fn write_money(sheet: &mut Sheet, s: &Styles, x: &crate::score::evaluate::Execution) -> Result<u32, XlsxError> {
    // 项目资金: the total row sums the lines below it; the rate and the
    // score follow the total.
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

    Ok(lines)
}

/// One row per indicator: a single measure's score is a formula over its
/// actual; a compound's sums its parts on the parts sheet.
fn write_indicator_rows(
    sheet: &mut Sheet,
    s: &Styles,
    first: u32,
    rows: &[(Option<(&str, usize)>, Option<(&str, usize)>, &Scored)],
    (parts_sheet, parts_row): (&mut Sheet, &mut u32),
    capped: bool,
) -> Result<(), XlsxError> {
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
                let start = *parts_row;
                *parts_row = write_parts(parts_sheet, s, *parts_row, &item.indicator, parts, capped)?;
                let sum = format!("=ROUND(SUM('{PARTS_SHEET}'!{}:{}),2)", at(start, 6), at(*parts_row - 1, 6));
                formula(sheet, row, 6, &sum, &blank_or(item.score), &s.score)?;
            }
            Method::Judged | Method::Rule | Method::Deadline | Method::None => {
                sheet.write_string_with_format(row, 4, &item.actual, &s.text)?;
                number(sheet, row, 6, &blank_or(item.score), &s.score)?;
            }
        }
    }
    Ok(())
}
