//! What a person computes by hand from a project: totals, and the sentences
//! the forms build out of them. Pure functions of a validated project.

use serde::Serialize;

use crate::model::{Application, StaffLine};
use crate::money::Money;

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

/// The figures of a project's 申报表.
pub fn figures(application: &Application) -> Figures {
    let staff = &application.budget.staff.value;
    let staff_count = staff.iter().map(|l| l.count.value).sum();
    let staff_total = staff.iter().map(staff_subtotal).sum();
    let costs_total = application.budget.costs.iter().map(|c| c.amount.value).sum();
    Figures {
        staff_count,
        staff_total,
        costs_total,
        budget_breakdown: budget_breakdown(application, staff_count, staff_total),
        spending_schedule: spending_schedule(application),
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
fn budget_breakdown(application: &Application, staff_count: u32, staff_total: Money) -> String {
    let grades: Vec<String> = application
        .budget
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
    for (n, cost) in application.budget.costs.iter().enumerate() {
        text.push_str(&format!("{}.项目{}在{}万元。", n + 2, cost.item.value.as_str(), cost.amount.value.wan()));
    }
    text
}

/// `第一季度支出70%；第四季度支出30%。`, in quarter order.
fn spending_schedule(application: &Application) -> String {
    const NAMES: [&str; 5] = ["", "第一季度", "第二季度", "第三季度", "第四季度"];
    let mut shares: Vec<_> = application.budget.schedule.value.iter().collect();
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
