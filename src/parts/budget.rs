//! The budget by 社工等级 (`type: budget`): 人员经费 by grade, other costs
//! and the 资金支出进度, checked to add up and computed into the
//! [`compute::Figures`] templates print.

use serde_json::{Value as Json, json};

use super::{Section, TypedPart, compute, field_value, serialized};
use crate::forms::Form;
use crate::project::model::{Budget, Project, StaffLine};
use crate::units::money::{Money, Percent};
use crate::yaml::de::{DeError, from_node};
use crate::yaml::tree::{Node, Place};

pub(crate) struct BudgetPart;

impl TypedPart for BudgetPart {
    fn name(&self) -> &'static str {
        "budget"
    }

    fn define(&self, generator: &mut schemars::SchemaGenerator) {
        let _ = generator.subschema_for::<crate::project::model::Budget>();
    }

    fn schema(&self) -> Json {
        json!({ "$ref": "#/$defs/Budget" })
    }

    fn read(&self, node: &Node) -> Result<(), DeError> {
        from_node::<Budget>(node).map(drop)
    }

    fn value(&self, node: &Node) -> Json {
        serialized::<Budget>(node)
    }

    fn validate(&self, section: &Section, value: &Node) -> Vec<(Place, String)> {
        let mut found = Vec::new();
        check_budget(section.project, value, &mut found);
        found
    }

    fn context(&self, form: &Form, section: Option<&Node>) -> Option<(&'static str, Json)> {
        let figures = field_value(form, "budget", section)
            .and_then(|n| from_node::<Budget>(n).ok())
            .map(|b| compute::figures(&b));
        Some(("figures", serde_json::to_value(figures).unwrap_or(Json::Null)))
    }

    fn scaffold(&self) -> Option<&'static str> {
        Some(BUDGET)
    }
}

/// A budget by 社工等级: lines that add up, to 项目资金, spent by quarter to 100%.
fn check_budget(project: &Project, node: &Node, problems: &mut Vec<(Place, String)>) {
    let Ok(budget) = from_node::<Budget>(node) else { return };
    let mut staff_sum = Money::ZERO;
    for line in &budget.staff.value {
        if let Some(subtotal) = staff_line_total(line, problems) {
            if subtotal == Money::ZERO {
                let grade = line.grade.value;
                let at = line.amount.as_ref().or(line.per_person.as_ref()).map_or(line.grade.at, |m| m.at);
                problems.push((at, format!("社工等级 {grade}级：人员经费不能为 0")));
            }
            staff_sum = staff_sum + subtotal;
        }
    }
    if let Some(declared) = &budget.staff_total
        && declared.value != staff_sum
    {
        let message = format!("人员经费合计 {} ≠ 各社工等级小计之和 {staff_sum}", declared.value);
        problems.push((declared.at, message));
    }
    for cost in &budget.costs {
        if cost.amount.value == Money::ZERO {
            problems.push((
                cost.amount.at,
                format!("{}的金额不能为 0：不需要这项费用就删去这一行", cost.item.value.as_str()),
            ));
        }
    }
    let costs: Money = budget.costs.iter().map(|c| c.amount.value).sum();
    match &project.funding {
        Some(funding) => {
            let parts = staff_sum + costs;
            if funding.total.value != parts {
                let message = format!("项目资金 {} ≠ 各预算明细之和 {parts}", funding.total.value);
                problems.push((funding.total.at, message));
            }
        }
        None => problems.push((budget.staff.at, "有预算明细就要填写 funding（项目资金），以便核对合计".to_owned())),
    }
    let mut seen = [false; 5];
    for share in &budget.schedule.value {
        let quarter = share.quarter.value as usize;
        if let Some(slot) = seen.get_mut(quarter) {
            if *slot {
                problems.push((share.quarter.at, format!("资金支出进度：第{quarter}季度写了两次")));
            }
            *slot = true;
        }
    }
    let total: Percent = budget.schedule.value.iter().map(|s| s.share.value).sum();
    if !budget.schedule.value.is_empty() && total != Percent::HUNDRED {
        problems.push((budget.schedule.at, format!("资金支出进度各季度之和为 {total}，应为 100%")));
    }
}

/// The 小计 of one staff line: the stated one, or 每人经费 × 人数; both
/// stated must agree.
fn staff_line_total(line: &StaffLine, problems: &mut Vec<(Place, String)>) -> Option<Money> {
    let grade = line.grade.value;
    let count = line.count.value;
    let from_rate = line.per_person.as_ref().map(|rate| (rate, rate.value.times(count)));
    match (&line.amount, from_rate) {
        (Some(amount), Some((rate, Some(product)))) if amount.value != product => {
            let message =
                format!("社工等级 {grade}级：小计 {} ≠ 每人 {} × {count}名 = {product}", amount.value, rate.value);
            problems.push((amount.at, message));
            Some(amount.value)
        }
        (Some(amount), _) => Some(amount.value),
        (None, Some((_, Some(product)))) => Some(product),
        (None, Some((rate, None))) => {
            problems.push((rate.at, format!("社工等级 {grade}级：每人经费 × 人数 过大")));
            None
        }
        (None, None) => {
            problems
                .push((line.grade.at, format!("社工等级 {grade}级：请填写 amount（小计）或 per_person（每人经费）")));
            None
        }
    }
}

const BUDGET: &str = "  staff: # 人员经费，按社工等级逐行填写
    - grade: # 社工等级，如 3
      count: # 人数
      per_person: # 每人经费，如 6万元（或写 amount: 这一等级的小计）
  # costs: # 其他费用，每项写 item 名称和 amount 金额，如 - { item: 运营经费, amount: 2.4万元 }
  schedule: # 资金支出进度，各季度之和须为 100%
    - quarter: # 季度，1 到 4
      share: # 这一季度的支出比例，如 70%";
