//! `wenshu explain`: how every figure of a project's year-end evaluation was
//! computed, one row per indicator, for a finance officer checking a report
//! by hand.

use crate::args::CheckArgs;
use crate::build;
use crate::cli::{Outcome, open_workspace};
use crate::evaluate::Evaluated;
use crate::term;

pub fn explain(args: &CheckArgs) -> Outcome {
    let projects = build::find_projects(&args.common.paths).map_err(|e| vec![e])?;
    let workspace = open_workspace(&args.common)?;
    let mut failed = false;
    for project in &projects {
        let prepared = workspace.load(&project.path).and_then(|loaded| workspace.prepare(&loaded));
        match prepared {
            Ok(prepared) => match &prepared.evaluated {
                Some(evaluated) => term::data(table(&project.path.display().to_string(), evaluated)),
                None => {
                    term::data(format_args!("{}：没有年终评价（evaluation），无可解释的得分\n", project.path.display()))
                }
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
        execution.spent, execution.adjusted, execution.rate, execution.points, execution.score
    ));
    for category in &evaluated.categories {
        out.push_str(&format!("{}（{} 分，得 {} 分）\n", category.level1, category.points, category.score));
        for group in &category.groups {
            for item in &group.items {
                out.push_str(&format!(
                    "  {} / {}：指标值 {}（{}）；实际 {}；完成率 {}；分值 {}；得分 {}{}\n",
                    group.level2,
                    item.indicator,
                    item.target,
                    item.reading,
                    item.actual,
                    item.rate.as_deref().unwrap_or("—"),
                    item.points,
                    item.score,
                    if item.why.is_empty() { String::new() } else { format!("（{}）", item.why) }
                ));
            }
        }
    }
    out.push_str(&format!("总分 {} / {}，{}\n", evaluated.total, evaluated.max, evaluated.grade));
    out
}
