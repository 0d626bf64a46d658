//! 每周服务时间 (`type: weekly_hours`): the hours a full-time worker
//! serves a week, which turn the 工时测算's hours into staff.

use serde_json::{Value as Json, json};

use super::TypedPart;
use crate::units::number::Number;
use crate::yaml::de::{DeError, from_node};
use crate::yaml::tree::Node;

pub(crate) struct WeeklyHoursPart;

impl TypedPart for WeeklyHoursPart {
    fn name(&self) -> &'static str {
        "weekly_hours"
    }

    fn schema(&self) -> Json {
        json!({ "$ref": "#/$defs/Number", "exclusiveMinimum": 0 })
    }

    fn read(&self, node: &Node) -> Result<(), DeError> {
        from_node::<Number>(node).map(drop)
    }

    /// A plain number, as a `number` field's.
    fn value(&self, node: &Node) -> Json {
        Number::parse(node.text().unwrap_or("")).and_then(|n| serde_json::to_value(n).ok()).unwrap_or(Json::Null)
    }
}
