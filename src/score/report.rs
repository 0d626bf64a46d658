//! The sentences of the 绩效评价报告, built from the evaluation in one
//! place: how the funds were spent, what each 二级指标 of the 产出指标
//! achieved against its target (from the indicator tree's one reading),
//! and how scores are graded. Templates print them as they are.

use crate::project::model::{Evaluation, Project};
use crate::score::evaluated::Execution;
use crate::score::indicator;
use crate::score::target::{Bound, Target, quantities};
use crate::score::tree::Tree;
use crate::units::money::Money;
use crate::units::number::{Number, percent_fixed};

pub(crate) fn funding_sentence(evaluation: &Evaluation, execution: &Execution) -> String {
    // To the 分, as the report writes it: 240万元, 236.5万元.
    let wan = |money: &Money| money.wan_fixed().trim_end_matches('0').trim_end_matches('.').to_owned();
    format!(
        "资金来源属于{}，年初预算{}万元，执行数为{}万元，完成预算的{}。",
        evaluation.spending.source.value.as_str(),
        wan(&execution.initial),
        wan(&execution.spent),
        execution.rate
    )
}

/// One clause per 二级指标 of the 产出指标 with numeric actuals: what was done,
/// then the completion rates, then the indicators the agreement sets no
/// figure for.
pub(crate) fn completion_sentence(project: &Project, tree: &Tree, capped: bool) -> String {
    let mut clauses = Vec::new();
    let output = tree.categories.iter().filter(|c| c.level1.contains("产出"));
    for group in output.flat_map(|c| &c.groups) {
        let mut done = Vec::new();
        let mut rates = Vec::new();
        let mut no_figure = Vec::new();
        for node in &group.items {
            let item = node.item;
            let Some(actual) = &item.actual else { continue };
            let wording = item.wording.as_ref().map_or(&item.indicator.value, |w| &w.value).as_str();
            match &node.target {
                Ok(Target::None) => {
                    if let [only] = quantities(actual.value.as_str()).as_slice() {
                        done.push(format!("{wording}{}", only.quantity));
                        if let Some(text) = &item.target {
                            no_figure.push(format!("协议对{}{}", item.indicator.value.as_str(), text.value.as_str()));
                        }
                    }
                }
                Ok(target @ Target::Measured(_)) if target.measures()[0].bound != Bound::AtMost => {
                    let Some(Ok(reading)) = &node.actual else { continue };
                    let scored = indicator::score_reading(target, reading, Number::ZERO, capped);
                    let Some(part) = scored.parts.first() else { continue };
                    let quantity = crate::score::target::Quantity { value: part.actual, unit: part.unit.clone() };
                    done.push(format!("{wording}{quantity}"));
                    if let Some(rate) = part.rate {
                        rates.push(percent_fixed(if capped { rate.min(10_000) } else { rate }));
                    }
                }
                _ => {}
            }
        }
        if done.is_empty() {
            continue;
        }
        let mut clause = done.join("，");
        match rates.len() {
            0 => {}
            1 => clause.push_str(&format!("，完成协议指标量的{}", rates[0])),
            _ => clause.push_str(&format!("，分别完成协议指标量的{}", rates.join("、"))),
        }
        for note in no_figure {
            clause.push_str(&format!("，{note}"));
        }
        clauses.push(clause);
    }
    let year = project.year().map(|y| format!("{y}年度")).unwrap_or_default();
    format!("{year}{}。", clauses.join("；"))
}

/// 评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，80分至90分（不含90分）为良好，…
pub(crate) fn grading_sentence(grades: &[(String, Number)]) -> String {
    const COUNTS: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let names: Vec<&str> = grades.iter().map(|g| g.0.as_str()).collect();
    let count = COUNTS.get(grades.len()).copied().unwrap_or("多");
    let mut bands = Vec::new();
    for (i, (name, min)) in grades.iter().enumerate() {
        let band = match i {
            0 => format!("{min}分以上为{name}"),
            _ if i + 1 == grades.len() => {
                let upper = grades[i - 1].1;
                format!("{upper}分以下（不含{upper}分）为{name}")
            }
            _ => {
                let upper = grades[i - 1].1;
                format!("{min}分至{upper}分（不含{upper}分）为{name}")
            }
        };
        bands.push(band);
    }
    format!("评估等级分为{}{count}个等级。评估分值{}。", names.join("、"), bands.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grading_sentence_reads_like_seed_002() {
        assert_eq!(
            grading_sentence(&crate::score::weights::seed_grades()),
            "评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，80分至90分（不含90分）为良好，60分至80分（不含80分）为合格，60分以下（不含60分）为不合格。"
        );
    }
}
