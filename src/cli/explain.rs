//! `wenshu explain`: how every figure of a project's year-end evaluation was
//! computed — one row per indicator: how its 指标值 was read, the actual
//! read, 完成率, 分值, 得分 and why a score is below full; then the category
//! sums, 预算执行率, the total, the weighting by 评估方 and the grade. A
//! finance officer checking a report by hand reads this, not the source.

use crate::cli::args::ExplainArgs;
use crate::error::Exit;
use crate::output::batch;
use crate::score::completion::Progress;
use crate::score::evaluate::Evaluated;
use crate::term;
use crate::units::number::Number;

pub fn explain(args: &ExplainArgs) -> Exit {
    if args.one.target.is_some() || args.one.rule.is_some() {
        return crate::cli::explain_one::explain_one(&args.one);
    }
    let args = &args.check;
    let projects = batch::find_projects(&args.common.paths).map_err(|e| vec![e])?;
    let workspace = args.common.open_workspace()?;
    let mut failed = false;
    for project in &projects {
        let prepared = workspace.load(&project.path).and_then(|loaded| workspace.prepare(&loaded));
        match prepared {
            Ok(prepared) => match (&prepared.evaluated, &prepared.progress) {
                (Some(evaluated), _) => term::data(table(&project.path.display().to_string(), evaluated)),
                (None, Some(progress)) => term::data(progress_table(&project.path.display().to_string(), progress)),
                (None, None) => term::data(format_args!(
                    "{}：没有实际完成值（actual），也没有年终评价（evaluation），无可解释的数\n",
                    project.path.display()
                )),
            },
            Err(errors) => {
                errors.iter().for_each(term::problem);
                failed = true;
            }
        }
    }
    Ok(i32::from(failed))
}

/// The explanation of one project's evaluation, as text.
pub fn table(title: &str, evaluated: &Evaluated) -> String {
    let mut out = format!("{title}\n");
    let execution = &evaluated.execution;
    out.push_str(&format!(
        "预算执行率：全年执行数 {} ÷ 全年预算数 {} = {}，分值 {}，得分 {}\n",
        execution.spent.wan_fixed(),
        execution.adjusted.wan_fixed(),
        execution.rate,
        execution.points.fixed2(),
        execution.score.fixed2()
    ));
    out.push_str(&format!("{}\n", evaluated.weights_sentence));
    let rate = evaluated.rate_name.name();
    let mut rows = vec![vec![
        "一级 / 二级 / 指标".to_owned(),
        "指标值读作".to_owned(),
        "实际读作".to_owned(),
        rate.to_owned(),
        "分值".to_owned(),
        "得分".to_owned(),
        "未得满分的原因".to_owned(),
    ]];
    for category in &evaluated.categories {
        for group in &category.groups {
            for item in &group.items {
                rows.push(vec![
                    shorten(&format!("{} / {} / {}", category.level1, group.level2, item.indicator), 36),
                    item.reading.clone(),
                    item.actual_reading.clone(),
                    item.rate.clone().unwrap_or_else(|| "—".to_owned()),
                    item.points.map(Number::fixed2).unwrap_or_default(),
                    item.score.map(Number::fixed2).unwrap_or_default(),
                    item.why.clone(),
                ]);
            }
        }
        rows.push(vec![
            format!("{} 小计", category.level1),
            String::new(),
            String::new(),
            String::new(),
            category.points.fixed2(),
            category.score.fixed2(),
            String::new(),
        ]);
    }
    out.push_str(&aligned(&rows));
    for category in &evaluated.categories {
        for item in category.groups.iter().flat_map(|g| &g.items).filter(|i| !i.steps.is_empty()) {
            out.push_str(&format!("评分细则 {}：{}\n", item.indicator, item.steps.join("；")));
        }
    }
    out.push_str(&format!(
        "总分 {} / {}（预算执行率 {} + 各指标得分），评价等级 {}；自评表等级 {}\n",
        evaluated.total.fixed2(),
        evaluated.max.fixed2(),
        execution.score.fixed2(),
        evaluated.grade,
        evaluated.national_grade
    ));
    if let Some(parties) = &evaluated.parties {
        for row in &parties.rows {
            let (score, weighted) = (row.score.fixed2(), row.weighted.fixed2());
            out.push_str(&format!("  {}：{score} × {} = {weighted}\n", row.party, row.weight));
        }
        out.push_str(&format!("多方评估加权分 {}，评价等级 {}\n", parties.total.fixed2(), parties.grade));
    }
    out
}

/// The completion rates of a project without a year-end evaluation: how
/// each 指标值 and actual was read, and the rate (capped for 完成进度).
pub fn progress_table(title: &str, progress: &Progress) -> String {
    let mut out = format!("{title}\n没有年终评价（evaluation）：只计算{}，不计分\n", progress.rate_name.name());
    let mut rows =
        vec![["一级 / 二级 / 指标", "指标值读作", "实际读作", progress.rate_name.name()].map(str::to_owned).to_vec()];
    for category in &progress.categories {
        for group in &category.groups {
            for item in &group.items {
                rows.push(vec![
                    shorten(&format!("{} / {} / {}", category.level1, group.level2, item.indicator), 36),
                    item.reading.clone(),
                    item.actual_reading.clone(),
                    item.rate.clone().unwrap_or_else(|| "—".to_owned()),
                ]);
            }
        }
    }
    out.push_str(&aligned(&rows));
    out
}

/// `text` cut to `width` terminal cells, with an ellipsis.
fn shorten(text: &str, width: usize) -> String {
    if cells(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if cells(&out) + cells(&c.to_string()) > width - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Terminal cells of `text`: a CJK character takes two.
fn cells(text: &str) -> usize {
    text.chars().map(crate::error::display_width).sum()
}

/// Rows as columns padded to their widest cell, the last left ragged.
fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns).map(|k| rows.iter().map(|r| cells(&r[k])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (k, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if k + 1 < columns {
                line.push_str(&" ".repeat(widths[k] - cells(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
