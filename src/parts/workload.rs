//! The 工时测算 (`type: workload`): rows of tasks by 类型, each taking
//! time, totalled into hours and staff ([`compute::workload`]).

use serde_json::{Value as Json, json};

use super::{Section, TypedPart, compute, field_value, serialized};
use crate::forms::Form;
use crate::project::model::WorkType;
use crate::units::number::Number;
use crate::yaml::de::{DeError, from_node};
use crate::yaml::tree::{Node, Place};

pub(crate) struct WorkloadPart;

impl TypedPart for WorkloadPart {
    fn name(&self) -> &'static str {
        "workload"
    }

    fn define(&self, generator: &mut schemars::SchemaGenerator) {
        let _ = generator.subschema_for::<crate::project::model::WorkType>();
    }

    fn schema(&self) -> Json {
        json!({ "type": "array", "items": { "$ref": "#/$defs/WorkType" }, "minItems": 1 })
    }

    fn read(&self, node: &Node) -> Result<(), DeError> {
        from_node::<Vec<WorkType>>(node).map(drop)
    }

    fn value(&self, node: &Node) -> Json {
        serialized::<Vec<WorkType>>(node)
    }

    fn validate(&self, _section: &Section, value: &Node) -> Vec<(Place, String)> {
        let mut found = Vec::new();
        check_workload(value, &mut found);
        found
    }

    /// The totals, staff counted by the section's 每周服务时间.
    fn context(&self, form: &Form, section: Option<&Node>) -> Option<(&'static str, Json)> {
        let weekly_hours = field_value(form, "weekly_hours", section).and_then(Node::text).and_then(Number::parse);
        let workload = field_value(form, "workload", section)
            .and_then(|n| from_node::<Vec<WorkType>>(n).ok())
            .map(|types| compute::workload(&types, weekly_hours));
        Some(("workload", serde_json::to_value(workload).unwrap_or(Json::Null)))
    }

    fn scaffold(&self) -> Option<&'static str> {
        Some(WORKLOAD)
    }
}

/// A 工时测算 whose rows all take time.
fn check_workload(node: &Node, problems: &mut Vec<(Place, String)>) {
    let Ok(types) = from_node::<Vec<WorkType>>(node) else { return };
    for task in types.iter().flat_map(|t| &t.tasks.value) {
        let name = task.task.value.as_str();
        if task.quantity.value.is_zero() {
            problems
                .push((task.quantity.at, format!("工时测算“{name}”的工作指标量不能为 0：不做这项工作就删去这一行")));
        }
        if task.hours_each.value.is_zero() {
            problems.push((task.hours_each.at, format!("工时测算“{name}”的单指标所需时间不能为 0")));
        }
    }
}

const WORKLOAD: &str = "  - type: # 类型，如 专业性工作、行政性工作
    tasks:
      - task: # 指标，如 个案
        unit: # 单位，如 个、场、人次
        quantity: # 工作指标量（全年）
        hours_each: # 单指标所需时间（小时）";
