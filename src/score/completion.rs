//! 完成率 / 完成进度 of every indicator that has a target and an actual,
//! with or without a year-end evaluation: a 完成进度公示 or a mid-term table
//! prints them with no 年初预算数 and no scores. The evaluation scores
//! with the same readings, so a rate is computed in one place.

use serde::Serialize;

use crate::error::Error;
use crate::project::model::{Completion, Project};
use crate::score::indicator::{self, Reading};
use crate::score::target::Target;
use crate::score::tree::{ItemNode, Tree};
use crate::units::number::Number;

/// One measured part of a target against its actual.
#[derive(Debug, Clone, Serialize)]
pub struct PartRate {
    /// The part's label in a compound target (`个案`); empty for one quantity.
    pub label: String,
    /// The figure read from the actual, in the unit the part is compared in.
    pub actual: Number,
    /// 完成率 in hundredths of a percent, capped at 100% for 完成进度;
    /// `None` for an upper bound (≤), which does not divide.
    pub rate: Option<i64>,
}

/// An actual read against its target.
#[derive(Debug, Clone, Serialize)]
pub struct Completed {
    /// What was read from the actual (`774人次`, `个案 5个 + 个案服务 22人次`).
    pub actual_reading: String,
    /// The rates as printed (`103.02%`, `个案 125.00%；个案服务 110.00%`).
    pub rate: Option<String>,
    pub parts: Vec<PartRate>,
}

/// An actual already read ([`indicator::read`]) as the completion table
/// prints it.
pub fn completed(target: &Target, reading: &Reading, capped: bool) -> Option<Completed> {
    if matches!(reading, Reading::Nothing) {
        return None;
    }
    let scored = indicator::score_reading(target, reading, Number::ZERO, capped);
    let compound = scored.parts.len() > 1;
    let parts = scored
        .parts
        .iter()
        .map(|p| PartRate {
            label: if compound { p.label.clone() } else { String::new() },
            actual: p.actual,
            rate: p.rate.map(|r| if capped { r.min(10_000) } else { r }),
        })
        .collect();
    Some(Completed { actual_reading: scored.actual_reading, rate: scored.rate, parts })
}

/// Whether rates are capped at 100%: the project's `completion`, or the
/// evaluation's; the two may not disagree.
pub fn capped(project: &Project) -> Result<bool, Error> {
    let outside = project.completion.as_ref();
    let inside = project.evaluation.as_ref().and_then(|e| e.completion.as_ref());
    if let (Some(a), Some(b)) = (outside, inside)
        && a.value != b.value
    {
        return Err(super::invalid_at(b.at, "completion 与 evaluation.completion 写法不一致：只写一处即可".to_owned()));
    }
    Ok(outside.or(inside).is_some_and(|c| c.value == Completion::Progress))
}

/// Every indicator's completion, as templates and spreadsheets see it.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// `完成率` or `完成进度`.
    pub rate_name: Completion,
    pub categories: Vec<ProgressCategory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressCategory {
    pub level1: String,
    pub groups: Vec<ProgressGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressGroup {
    pub level2: String,
    pub items: Vec<ProgressItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressItem {
    pub indicator: String,
    pub target: String,
    pub actual: String,
    /// How the target was read (`≥700人次`).
    pub reading: String,
    pub actual_reading: String,
    /// The rate as printed; `None` where nothing divides.
    pub rate: Option<String>,
    pub parts: Vec<PartRate>,
}

/// The completion of every indicator of a project that has an actual.
/// `None` when no indicator has one yet.
pub fn progress(project: &Project, tree: &Tree) -> Result<Option<Progress>, Vec<Error>> {
    if !tree.has_actuals() {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let capped = capped(project).unwrap_or_else(|e| {
        errors.push(e);
        false
    });
    let mut categories = Vec::new();
    for category in &tree.categories {
        let mut groups = Vec::new();
        for group in &category.groups {
            let rows = group.items.iter().map(|node| progress_row(node, capped, &mut errors)).collect();
            groups.push(ProgressGroup { level2: group.level2.to_owned(), items: rows });
        }
        categories.push(ProgressCategory { level1: category.level1.to_owned(), groups });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Some(Progress { rate_name: if capped { Completion::Progress } else { Completion::Rate }, categories }))
}

/// One indicator's row of the completion table; its problems into `errors`.
fn progress_row(node: &ItemNode, capped: bool, errors: &mut Vec<Error>) -> ProgressItem {
    let item = node.item;
    let name = item.indicator.value.as_str();
    let actual = item.actual.as_ref().map_or("", |a| a.value.as_str());
    let mut row = ProgressItem {
        indicator: name.to_owned(),
        target: item.target.as_ref().map_or("", |t| t.value.as_str()).to_owned(),
        actual: actual.to_owned(),
        reading: String::new(),
        actual_reading: actual.to_owned(),
        rate: None,
        parts: Vec::new(),
    };
    match (&node.target, &node.actual) {
        (Err(problem), Some(_)) => {
            let place = item.target.as_ref().map_or(item.indicator.at, |t| t.at);
            errors.push(super::invalid_at(place, format!("指标“{name}”：{problem}")));
        }
        (Err(_), None) => {}
        (Ok(target), actual_read) => {
            row.reading = target.describe();
            match actual_read {
                Some(Ok(reading)) => {
                    if let Some(done) = completed(target, reading, capped) {
                        row.actual_reading = done.actual_reading;
                        row.rate = done.rate;
                        row.parts = done.parts;
                    }
                }
                Some(Err(problem)) => {
                    let at = item.actual.as_ref().map_or(item.indicator.at, |a| a.at);
                    errors.push(super::invalid_at(at, format!("指标“{name}”的实际完成值“{actual}”{problem}")))
                }
                None => {}
            }
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An actual read against `target`, as the completion table prints it.
    fn complete(target: &Target, actual: &str, capped: bool) -> Result<Option<Completed>, String> {
        Ok(completed(target, &indicator::read(target, actual)?, capped))
    }

    #[test]
    fn completion_rates_are_printed_capped_for_progress() {
        let target = Target::parse("探访700人次").unwrap();
        let done = complete(&target, "探访774人次", false).unwrap().unwrap();
        assert_eq!(done.rate.as_deref(), Some("110.57%"));
        let capped = complete(&target, "探访774人次", true).unwrap().unwrap();
        assert_eq!(capped.rate.as_deref(), Some("100.00%"));
        assert_eq!(capped.parts[0].rate, Some(10_000));
        assert_eq!(capped.actual_reading, "探访 774人次");
        let compound = Target::parse("个案≥4个、个案服务≥20人次").unwrap();
        let done = complete(&compound, "完成个案服务5个，服务22人次", false).unwrap().unwrap();
        assert_eq!(done.rate.as_deref(), Some("个案 125.00%；个案服务 110.00%"));
        assert_eq!(complete(&Target::Judged("示范点".into()), "已完成", false).unwrap().map(|c| c.rate), None);
    }
}
