//! The team (`type: team`): its members, checked against the section's
//! staffing rules ([`staffing`]) and counted for templates.

use serde_json::{Value as Json, json};

use super::staffing::{self, Rules};
use super::{Section, TypedPart, field_value, serialized};
use crate::forms::Form;
use crate::project::model::{Member, StaffingRules};
use crate::yaml::de::{DeError, from_node};
use crate::yaml::tree::{Node, Place, Spanned};

pub(crate) struct TeamPart;

impl TypedPart for TeamPart {
    fn name(&self) -> &'static str {
        "team"
    }

    fn define(&self, generator: &mut schemars::SchemaGenerator) {
        let _ = generator.subschema_for::<crate::project::model::Member>();
    }

    fn schema(&self) -> Json {
        json!({ "type": "array", "items": { "$ref": "#/$defs/Member" }, "minItems": 1 })
    }

    fn read(&self, node: &Node) -> Result<(), DeError> {
        from_node::<Vec<Member>>(node).map(drop)
    }

    fn value(&self, node: &Node) -> Json {
        serialized::<Vec<Member>>(node)
    }

    fn validate(&self, section: &Section, value: &Node) -> Vec<(Place, String)> {
        let mut found = Vec::new();
        check_team(section.form, section.node, value, &mut found);
        found
    }

    fn context(&self, form: &Form, section: Option<&Node>) -> Option<(&'static str, Json)> {
        let team = field_value(form, "team", section).and_then(|n| from_node::<Vec<Member>>(n).ok()).map(|members| {
            let rules = section.map(|s| team_rules(form, s)).unwrap_or_default();
            staffing::counts(&members, &rules)
        });
        Some(("team", serde_json::to_value(team).unwrap_or(Json::Null)))
    }

    fn scaffold(&self) -> Option<&'static str> {
        Some(TEAM)
    }
}

/// The team of a section against its staffing rules: the section's own, or
/// the form's.
fn check_team(form: &Form, section: &Node, node: &Node, problems: &mut Vec<(Place, String)>) {
    let Ok(team) = from_node::<Spanned<Vec<Member>>>(node) else { return };
    let rules = team_rules(form, section);
    problems.extend(staffing::check(&team, &rules));
}

/// The staffing rules a section's team is held to.
pub(crate) fn team_rules(form: &Form, section: &Node) -> Rules {
    let Some(field) = form.part_field("staffing") else { return Rules::default() };
    let defaults: StaffingRules =
        field.default.as_ref().and_then(|d| from_node(&crate::yaml::tree::node_of(d)).ok()).unwrap_or_default();
    let own: Option<StaffingRules> = section.get(&field.key).filter(|n| !n.is_null()).and_then(|n| from_node(n).ok());
    Rules::resolve(own.as_ref(), &defaults)
}

const TEAM: &str = "  - member: # 姓名
    role: # 岗位，如 项目主管、社工
    years: # 从事社会工作年限
    # qualifications: # 资格证书，如 [中级社会工作师]
    # management_years: # 项目运营年限（主管须写）";
