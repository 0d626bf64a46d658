//! The funder's summary (汇总表): one row per project, grouped by 主管部门
//! (or 实施单位), with exact money subtotals, average scores and the
//! figures a director reads first: grades, projects below 合格, and the
//! indicators most often missed.
//!
//! Pure: it takes projects already checked and evaluated, and gives the
//! figures both the PDF template and the spreadsheet print.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use crate::units::shown;

use crate::project::model::Project;
use crate::score::evaluate::{Evaluated, Method};
use crate::units::money::{Money, Percent};
use crate::units::number::Number;

/// What the rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Department,
    Implementer,
}

impl GroupBy {
    /// The column's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Department => "主管部门",
            GroupBy::Implementer => "实施单位",
        }
    }
}

/// One checked project, and its evaluation where it has year-end data.
pub struct SummaryEntry<'a> {
    pub project: &'a Project,
    pub evaluated: Option<&'a Evaluated>,
    /// Its 项目资金, where a form it builds says where they are (`funds:`).
    pub funds: Option<Money>,
}

/// What the summary prints for a project without a name.
const NO_NAME: &str = "—";

/// How many of the most often missed indicators the first page lists.
const MISSED_SHOWN: usize = 10;

/// The whole summary, as the template and the spreadsheet see it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// `2024年度`, or `2020—2024年度` for several years; empty when no
    /// project gives its year.
    pub years: String,
    /// The day the summary is dated: `2026年11月24日`.
    pub date: String,
    /// `主管部门` or `实施单位`: the group column.
    pub by: String,
    /// The other of the two: a column of each row.
    pub other: String,
    pub groups: Vec<Group>,
    pub total: Totals,
    /// Projects without year-end data, listed rather than dropped.
    pub pending: Vec<Row>,
    /// How many projects have each grade, best grade first.
    pub grades: Vec<GradeCount>,
    /// Projects whose grade is the lowest of their funder's scale.
    pub below: Vec<Row>,
    /// The indicators most projects fell short of.
    pub missed: Vec<Missed>,
    /// Whether any project has a weighted score of several evaluating parties.
    pub has_parties: bool,
    /// Projects whose file gives no 项目资金 (not in the money totals).
    pub unfunded: Vec<String>,
}

/// One project's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The year, where the file gives one; printed “—” otherwise.
    pub year: Option<i32>,
    /// The name, or “—” where the file gives none.
    pub name: String,
    pub department: String,
    pub implementer: String,
    /// The group's value and the other column's, per `by`.
    pub group: String,
    pub other: String,
    /// 项目资金, 全年预算数, 全年执行数 in 分; printed in 万元 with two decimals.
    pub funding_fen: Option<i64>,
    pub funding: String,
    pub adjusted_fen: Option<i64>,
    pub spent_fen: Option<i64>,
    pub spent: String,
    pub rate: String,
    pub indicators: Option<usize>,
    pub met: Option<usize>,
    /// 自评总分, the 评估方 weighted score, and the grade the report states.
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub total: Option<Number>,
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub weighted: Option<Number>,
    pub grade: String,
    pub evaluated: bool,
    pub passed: bool,
}

/// The rows of one 主管部门 (or 实施单位), and their subtotal.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub rows: Vec<Row>,
    pub subtotal: Totals,
}

/// Sums and averages over a set of rows: money exact to the 分, scores
/// averaged over the projects that have them, rounded half up.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Totals {
    pub projects: usize,
    pub evaluated: usize,
    /// Projects with a 项目资金 in the sum.
    pub funded: usize,
    pub funding_fen: i64,
    pub funding: String,
    pub adjusted_fen: i64,
    pub spent_fen: i64,
    pub spent: String,
    /// Spending of the evaluated projects ÷ their 全年预算数.
    pub rate: String,
    pub indicators: usize,
    pub met: usize,
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub average: Option<Number>,
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub weighted_average: Option<Number>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub grade: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Missed {
    pub indicator: String,
    pub count: usize,
    pub projects: Vec<String>,
}

/// The grouped table as a template's `spans()` takes it: each group a
/// merged cell over its rows and its subtotal.
#[derive(Debug, Serialize)]
pub struct TableGroup<'a> {
    level1: &'a str,
    groups: [TableRows<'a>; 1],
}

#[derive(Debug, Serialize)]
struct TableRows<'a> {
    level2: &'static str,
    items: Vec<TableItem<'a>>,
}

/// A project's row (numbered through the table), or a group's subtotal.
#[derive(Debug, Serialize)]
struct TableItem<'a> {
    serial: usize,
    row: Option<&'a Row>,
    subtotal: Option<&'a Totals>,
}

impl Summary {
    pub fn table(&self) -> Vec<TableGroup<'_>> {
        let mut serial = 0;
        self.groups
            .iter()
            .map(|group| {
                let mut items: Vec<TableItem> = group
                    .rows
                    .iter()
                    .map(|row| {
                        serial += 1;
                        TableItem { serial, row: Some(row), subtotal: None }
                    })
                    .collect();
                items.push(TableItem { serial: 0, row: None, subtotal: Some(&group.subtotal) });
                TableGroup { level1: &group.name, groups: [TableRows { level2: "", items }] }
            })
            .collect()
    }
}

/// The summary of `entries`, in their order within each group.
pub fn summarize(entries: &[SummaryEntry], by: GroupBy, date: chrono::NaiveDate) -> Summary {
    let rows: Vec<Row> = entries.iter().map(|e| row(e, by)).collect();
    let mut groups: BTreeMap<(bool, String), Vec<Row>> = BTreeMap::new();
    for row in &rows {
        // Rows with the group left blank go last.
        groups.entry((row.group.is_empty(), row.group.clone())).or_default().push(row.clone());
    }
    let groups: Vec<Group> = groups
        .into_iter()
        .map(|((_, name), rows)| Group {
            name: if name.is_empty() { format!("（未填{}）", by.label()) } else { name },
            subtotal: totals(&rows),
            rows,
        })
        .collect();
    let years: Vec<i32> = entries.iter().filter_map(|e| e.project.year()).collect();
    let years = match (years.iter().min(), years.iter().max()) {
        (Some(first), Some(last)) if first == last => format!("{first}年度"),
        (Some(first), Some(last)) => format!("{first}—{last}年度"),
        _ => String::new(),
    };
    Summary {
        years,
        date: crate::units::date::Date { year: date.year(), month: date.month(), day: date.day() }.to_string(),
        by: by.label().to_owned(),
        other: match by {
            GroupBy::Department => GroupBy::Implementer.label(),
            GroupBy::Implementer => GroupBy::Department.label(),
        }
        .to_owned(),
        total: totals(&rows),
        groups,
        pending: rows.iter().filter(|r| !r.evaluated).cloned().collect(),
        grades: grade_counts(entries),
        below: rows.iter().filter(|r| r.evaluated && !r.passed).cloned().collect(),
        missed: missed(entries),
        has_parties: entries.iter().any(|e| e.evaluated.is_some_and(|v| v.parties.is_some())),
        unfunded: rows.iter().filter(|r| r.funding_fen.is_none()).map(|r| r.name.clone()).collect(),
    }
}

fn text(value: Option<&crate::project::model::Spanned<crate::project::model::Text>>) -> String {
    value.map(|t| t.value.as_str().trim().to_owned()).unwrap_or_default()
}

fn row(entry: &SummaryEntry, by: GroupBy) -> Row {
    let project = entry.project;
    let department = text(project.department.as_ref());
    let implementer = text(project.implementer.as_ref());
    let (group, other) = match by {
        GroupBy::Department => (department.clone(), implementer.clone()),
        GroupBy::Implementer => (implementer.clone(), department.clone()),
    };
    // 项目资金 where the forms the project builds say they are (`funds:`),
    // else its funding.total; at year end the 年初预算数 equals them
    // (evaluate checks that), so it stands in where neither is given.
    let funding_fen = entry.funds.map(Money::fen).or(entry.evaluated.map(|e| e.execution.initial.fen()));
    let mut row = Row {
        year: project.year(),
        name: project.name().unwrap_or(NO_NAME).to_owned(),
        department,
        implementer,
        group,
        other,
        funding_fen,
        funding: funding_fen.map(|f| Money::from_fen(f).wan_fixed()).unwrap_or_default(),
        adjusted_fen: None,
        spent_fen: None,
        spent: String::new(),
        rate: String::new(),
        indicators: None,
        met: None,
        total: None,
        weighted: None,
        grade: String::new(),
        evaluated: false,
        passed: true,
    };
    let Some(evaluated) = entry.evaluated else { return row };
    let scored: Vec<_> = evaluated
        .categories
        .iter()
        .flat_map(|c| &c.groups)
        .flat_map(|g| &g.items)
        .filter(|i| !matches!(i.method, Method::None))
        .collect();
    row.adjusted_fen = Some(evaluated.execution.adjusted.fen());
    row.spent_fen = Some(evaluated.execution.spent.fen());
    row.spent = evaluated.execution.spent.wan_fixed();
    row.rate = evaluated.execution.rate.to_string();
    row.indicators = Some(scored.len());
    row.met = Some(scored.iter().filter(|i| i.score == i.points).count());
    row.total = Some(evaluated.total);
    row.weighted = evaluated.parties.as_ref().map(|p| p.total);
    row.grade = evaluated.final_grade.clone();
    row.evaluated = true;
    row.passed = evaluated.passed;
    row
}

fn totals(rows: &[Row]) -> Totals {
    let evaluated: Vec<&Row> = rows.iter().filter(|r| r.evaluated).collect();
    let funding_fen: i64 = rows.iter().filter_map(|r| r.funding_fen).fold(0, i64::saturating_add);
    let adjusted_fen: i64 = evaluated.iter().filter_map(|r| r.adjusted_fen).fold(0, i64::saturating_add);
    let spent_fen: i64 = evaluated.iter().filter_map(|r| r.spent_fen).fold(0, i64::saturating_add);
    let rate = Number::from_int(spent_fen).percent_of(Number::from_int(adjusted_fen));
    Totals {
        projects: rows.len(),
        evaluated: evaluated.len(),
        funded: rows.iter().filter(|r| r.funding_fen.is_some()).count(),
        funding_fen,
        funding: Money::from_fen(funding_fen).wan_fixed(),
        adjusted_fen,
        spent_fen,
        spent: if evaluated.is_empty() { String::new() } else { Money::from_fen(spent_fen).wan_fixed() },
        rate: rate.map(|r| Percent::from_hundredths(r).to_string()).unwrap_or_default(),
        indicators: evaluated.iter().filter_map(|r| r.indicators).sum(),
        met: evaluated.iter().filter_map(|r| r.met).sum(),
        average: average(evaluated.iter().filter_map(|r| r.total)),
        weighted_average: average(evaluated.iter().filter_map(|r| r.weighted)),
    }
}

/// The mean of scores, each as printed (to the hundredth), rounded half
/// up to the hundredth; none for none.
pub fn average(scores: impl Iterator<Item = Number>) -> Option<Number> {
    let hundredths: Vec<i128> = scores.map(|n| n.round2().raw() / 100).collect();
    if hundredths.is_empty() {
        return None;
    }
    let n = hundredths.len() as i128;
    let sum: i128 = hundredths.iter().sum();
    let mean = (2 * sum + n) / (2 * n);
    Some(Number::from_hundredths(i64::try_from(mean).unwrap_or(0)))
}

/// Each grade of the funders' scales, best first, with its projects.
fn grade_counts(entries: &[SummaryEntry]) -> Vec<GradeCount> {
    let mut counts: Vec<GradeCount> = Vec::new();
    for evaluated in entries.iter().filter_map(|e| e.evaluated) {
        for name in &evaluated.grade_names {
            if !counts.iter().any(|c| &c.grade == name) {
                counts.push(GradeCount { grade: name.clone(), count: 0 });
            }
        }
        if let Some(count) = counts.iter_mut().find(|c| c.grade == evaluated.final_grade) {
            count.count += 1;
        }
    }
    counts
}

/// The 三级指标 scored below their points, by how many projects missed each.
fn missed(entries: &[SummaryEntry]) -> Vec<Missed> {
    let mut missed: Vec<Missed> = Vec::new();
    for entry in entries {
        let Some(evaluated) = entry.evaluated else { continue };
        let name = entry.project.name().unwrap_or(NO_NAME);
        let items = evaluated.categories.iter().flat_map(|c| &c.groups).flat_map(|g| &g.items);
        for item in items.filter(|i| !matches!(i.method, Method::None) && i.score != i.points) {
            match missed.iter_mut().find(|m| m.indicator == item.indicator) {
                Some(m) if !m.projects.iter().any(|p| p == name) => {
                    m.count += 1;
                    m.projects.push(name.to_owned());
                }
                Some(_) => {}
                None => {
                    missed.push(Missed { indicator: item.indicator.clone(), count: 1, projects: vec![name.to_owned()] })
                }
            }
        }
    }
    // Stable: equally missed indicators keep the order they were met in.
    missed.sort_by(|a, b| b.count.cmp(&a.count));
    missed.truncate(MISSED_SHOWN);
    missed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_round_half_up_to_the_hundredth() {
        let mean = |scores: &[&str]| average(scores.iter().map(|s| Number::parse(s).unwrap())).map(Number::fixed2);
        assert_eq!(mean(&["92.12", "95.69"]).as_deref(), Some("93.91")); // 93.905
        assert_eq!(mean(&["90.00", "80.01", "70.00"]).as_deref(), Some("80.00")); // 80.0033
        assert_eq!(mean(&[]), None);
    }
}
