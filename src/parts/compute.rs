//! What a person computes by hand from a project: totals, and the sentences
//! the forms build out of them. Pure functions of a validated project.

use serde::Serialize;

use crate::project::model::{Budget, StaffLine, WorkType};
use crate::units::money::Money;
use crate::units::number::Number;

/// Figures and generated text of a project, as templates see them.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Number of social workers over all grades.
    pub staff_count: u32,
    /// 人员经费: the sum of the staff lines.
    pub staff_total: Money,
    /// The sum of the other cost lines.
    pub costs_total: Money,
    /// 投入指标 / 测算明细: one numbered sentence per budget part.
    pub budget_breakdown: String,
    /// 投入指标 / 资金支出进度: `第一季度支出70%；第四季度支出30%。`
    pub spending_schedule: String,
}

/// The figures of a budget by 社工等级.
pub fn figures(budget: &Budget) -> Figures {
    let staff = &budget.staff.value;
    let staff_count = staff.iter().map(|l| l.count.value).fold(0u32, u32::saturating_add);
    let staff_total = staff.iter().map(staff_subtotal).sum();
    let costs_total = budget.costs.iter().map(|c| c.amount.value).sum();
    Figures {
        staff_count,
        staff_total,
        costs_total,
        budget_breakdown: budget_breakdown(budget, staff_count, staff_total),
        spending_schedule: spending_schedule(budget),
    }
}

/// A staff line's 小计, stated or computed (validation has checked they agree).
pub fn staff_subtotal(line: &StaffLine) -> Money {
    match (&line.amount, &line.per_person) {
        (Some(amount), _) => amount.value,
        (None, Some(rate)) => rate.value.times(line.count.value).unwrap_or_default(),
        (None, None) => Money::ZERO,
    }
}

/// `1.项目包含4名社工人员经费54万元，定级分别约为：3级1名20万、6级1名12万、7级2名22万。2.项目运营经费在2.4万元。`
fn budget_breakdown(budget: &Budget, staff_count: u32, staff_total: Money) -> String {
    let grades: Vec<String> = budget
        .staff
        .value
        .iter()
        .map(|line| format!("{}级{}名{}万", line.grade.value, line.count.value, staff_subtotal(line).wan()))
        .collect();
    let mut text = format!(
        "1.项目包含{staff_count}名社工人员经费{}万元，定级分别约为：{}。",
        staff_total.wan(),
        grades.join("、")
    );
    for (n, cost) in budget.costs.iter().enumerate() {
        text.push_str(&format!("{}.项目{}在{}万元。", n + 2, cost.item.value.as_str(), cost.amount.value.wan()));
    }
    text
}

/// `第一季度支出70%；第四季度支出30%。`, in quarter order.
fn spending_schedule(budget: &Budget) -> String {
    const NAMES: [&str; 5] = ["", "第一季度", "第二季度", "第三季度", "第四季度"];
    let mut shares: Vec<_> = budget.schedule.value.iter().collect();
    shares.sort_by_key(|s| s.quarter.value);
    let parts: Vec<String> = shares
        .iter()
        .map(|s| {
            let name = NAMES.get(s.quarter.value as usize).copied().unwrap_or("");
            format!("{name}支出{}", s.share.value)
        })
        .collect();
    format!("{}。", parts.join("；"))
}

/// A service area of a 服务分项目标及指标 (seed 001), ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceArea {
    pub goal_title: String,
    pub goal: String,
    pub caption: String,
    /// Three-level table (项目 / 服务指标 / 指标量) when any indicator names
    /// the service it measures; else 项目 / 量化标准 / 单位 / 指标量 / 备注.
    pub three_level: bool,
    pub projects: Vec<ServiceProject>,
}

/// One 项目 of an area's table: its rows, so the template can merge its cell.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceProject {
    pub project: String,
    pub rows: Vec<ServiceRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    /// The 服务指标 cell and how many rows it spans, on the first row of a run.
    pub service: Option<(String, usize)>,
    /// Whether the row measures a named service (three-level tables).
    pub in_service: bool,
    pub indicator: String,
    pub unit: String,
    /// 指标量: the number of a count, else the target as written.
    pub amount: String,
    /// The target as written (three-level tables print it whole).
    pub target: String,
    pub note: String,
}

/// A 指标值 split into the 单位 and 指标量 columns: `5篇以上` → 篇, `5以上`;
/// `100%` → 百分比, `100`. A unit written on the row wins; a target that is
/// not one quantity prints whole.
pub fn unit_and_amount(target: &str, written_unit: Option<&str>) -> (String, String) {
    let written = written_unit.map(str::to_owned);
    let measure = match crate::score::target::Target::parse(target) {
        Ok(crate::score::target::Target::Measured(m)) if !m.unit.is_empty() => m,
        _ => return (written.unwrap_or_default(), target.to_owned()),
    };
    if written.as_deref().is_some_and(|w| w != measure.unit && measure.unit != "%") {
        return (written.unwrap_or_default(), target.to_owned());
    }
    // The unit follows the last digit of the figure.
    let after_digits = target.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
    let amount = match target[after_digits..].find(measure.unit.as_str()) {
        Some(at) => {
            let at = after_digits + at;
            format!("{}{}", &target[..at], &target[at + measure.unit.len()..])
        }
        None => target.to_owned(),
    };
    let unit = written.unwrap_or_else(|| if measure.unit == "%" { "百分比".to_owned() } else { measure.unit.clone() });
    (unit, amount.trim().to_owned())
}

/// The indicator tree as the service plan's tables.
pub fn service_areas(project: &crate::project::model::Project) -> Vec<ServiceArea> {
    project
        .indicators
        .value
        .iter()
        .map(|category| {
            let items = category.groups.value.iter().flat_map(|g| &g.items.value);
            let three_level = items.clone().any(|i| i.service.is_some());
            let projects = category
                .groups
                .value
                .iter()
                .map(|group| {
                    let items = &group.items.value;
                    let rows = items
                        .iter()
                        .enumerate()
                        .map(|(k, item)| {
                            let service = item.service.as_ref().map(|s| s.value.as_str().to_owned());
                            let starts_run =
                                k == 0 || items[k - 1].service.as_ref().map(|s| s.value.as_str()) != service.as_deref();
                            let span = items[k..]
                                .iter()
                                .take_while(|i| i.service.as_ref().map(|s| s.value.as_str()) == service.as_deref())
                                .count();
                            let target = item.target.as_ref().map_or("", |t| t.value.as_str()).to_owned();
                            let written_unit = item.unit.as_ref().map(|u| u.value.as_str());
                            let (unit, amount) = unit_and_amount(&target, written_unit);
                            ServiceRow {
                                in_service: service.is_some(),
                                service: match service {
                                    Some(text) if starts_run => Some((text, span)),
                                    _ => None,
                                },
                                indicator: item.indicator.value.as_str().to_owned(),
                                unit,
                                amount,
                                target,
                                note: item.note.as_ref().map(|n| n.value.as_str().to_owned()).unwrap_or_default(),
                            }
                        })
                        .collect();
                    ServiceProject { project: group.level2.value.as_str().to_owned(), rows }
                })
                .collect();
            ServiceArea {
                goal_title: category.goal_title.as_ref().map(|t| t.value.as_str().to_owned()).unwrap_or_default(),
                goal: category.goal.as_ref().map(|t| t.value.as_str().to_owned()).unwrap_or_default(),
                caption: category.caption.as_ref().map_or(&category.level1.value, |c| &c.value).as_str().to_owned(),
                three_level,
                projects,
            }
        })
        .collect()
}

/// The 工时测算 of a 用户需求书 (seed 003), computed.
#[derive(Debug, Clone, Serialize)]
pub struct Workload {
    pub types: Vec<WorkloadType>,
    /// 项目合计工作总时数
    pub total: String,
    /// 每周服务时间, where the form gives it: then the staff the hours need.
    pub weekly_hours: Option<String>,
    /// Hours one full-time worker gives in a year: 每周服务时间 × 52.
    pub hours_per_person: Option<String>,
    /// Full-time staff the hours need, to two decimals, and rounded up.
    pub staff_needed: Option<String>,
    pub staff_needed_whole: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkloadType {
    pub kind: String,
    pub tasks: Vec<WorkloadRow>,
    pub subtotal: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkloadRow {
    pub task: String,
    pub unit: String,
    pub quantity: String,
    pub hours_each: String,
    /// 指标总工作时间 = 工作指标量 × 单指标所需时间.
    pub hours: String,
    pub note: String,
}

pub const WEEKS_PER_YEAR: i64 = 52;

pub fn workload(types: &[WorkType], weekly_hours: Option<Number>) -> Workload {
    let mut total = Number::ZERO;
    let types = types
        .iter()
        .map(|work| {
            let mut subtotal = Number::ZERO;
            let tasks = work
                .tasks
                .value
                .iter()
                .map(|t| {
                    let hours = t.quantity.value.product(t.hours_each.value);
                    subtotal = subtotal + hours;
                    WorkloadRow {
                        task: t.task.value.as_str().to_owned(),
                        unit: t.unit.value.as_str().to_owned(),
                        quantity: t.quantity.value.to_string(),
                        hours_each: t.hours_each.value.to_string(),
                        hours: hours.to_string(),
                        note: t.note.as_ref().map(|n| n.value.as_str().to_owned()).unwrap_or_default(),
                    }
                })
                .collect();
            total = total + subtotal;
            WorkloadType { kind: work.kind.value.as_str().to_owned(), tasks, subtotal: subtotal.to_string() }
        })
        .collect();
    let per_person = weekly_hours.filter(|w| !w.is_zero()).map(|w| w.times(WEEKS_PER_YEAR));
    Workload {
        types,
        total: total.to_string(),
        weekly_hours: weekly_hours.map(|w| w.to_string()),
        hours_per_person: per_person.map(|p| p.to_string()),
        staff_needed: per_person.map(|p| Number::from_int(1).scaled(total, p).fixed2()),
        staff_needed_whole: per_person.map(|p| total.div_ceil(p)),
    }
}
