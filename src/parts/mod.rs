//! The typed parts a form may carry in its section and wenshu computes:
//! the budget by 社工等级 and the 工时测算 ([`compute`]), the team against
//! its staffing requirements ([`staffing`]).
//!
//! Each typed part is one file implementing [`TypedPart`]; [`part`] is the
//! one place that maps a manifest's `type:` to its part.

mod budget;
pub mod compute;
pub(crate) mod staffing;
mod team;
mod weekly_hours;
mod workload;

use serde_json::Value as Json;

use crate::forms::Form;
use crate::project::model::Project;
use crate::yaml::de::DeError;
use crate::yaml::tree::{Node, Place};

/// Where a typed part's value sits when a project is checked.
pub(crate) struct Section<'a> {
    pub project: &'a Project,
    pub form: &'a Form,
    pub node: &'a Node,
}

/// One typed part: everything wenshu does with a field of its type.
pub(crate) trait TypedPart: Sync {
    /// The word a manifest's `type:` writes for it.
    fn name(&self) -> &'static str;
    /// The JSON Schema of the part's value (a `$ref` to its definitions).
    fn schema(&self) -> Json;
    /// Puts the definitions its schema refers to into the project schema.
    fn define(&self, _generator: &mut schemars::SchemaGenerator) {}
    /// Reads a value as the part (a manifest's `default`), for its errors.
    fn read(&self, node: &Node) -> Result<(), DeError>;
    /// The value templates see under `form.KEY`, as data (figures tagged
    /// while the typesetting stage asks: [`crate::units::templates`]).
    fn value(&self, node: &Node) -> Json;
    /// Problems of the part's value in a project section (place, message).
    fn validate(&self, _section: &Section, _value: &Node) -> Vec<(Place, String)> {
        Vec::new()
    }
    /// What templates see under the part's own name (`figures`, `workload`,
    /// `team`), given the form and its section.
    fn context(&self, _form: &Form, _section: Option<&Node>) -> Option<(&'static str, Json)> {
        None
    }
    /// The skeleton `init` writes for a required part, its values blank.
    fn scaffold(&self) -> Option<&'static str> {
        None
    }
}

/// The registry: every typed part, the one place that names them. A new
/// part is a file of this folder and a line here.
pub(crate) const PARTS: &[&dyn TypedPart] = &[
    &budget::BudgetPart,
    &workload::WorkloadPart,
    &weekly_hours::WeeklyHoursPart,
    &team::TeamPart,
    &staffing::StaffingPart,
];

/// The part a manifest's `type:` word names.
pub(crate) fn part(name: &str) -> Option<&'static dyn TypedPart> {
    PARTS.iter().copied().find(|p| p.name() == name)
}

/// What the forms stage needs to know of the parts to read a manifest.
fn parts() -> crate::forms::Parts {
    crate::forms::Parts {
        find: |name| part(name).map(|p| p.name()),
        names: || PARTS.iter().map(|p| p.name()).collect(),
        read: |name, node| part(name).map_or(Ok(()), |p| p.read(node)),
    }
}

/// The forms of the built-in catalog and `user_dir`, every manifest's
/// typed parts known and their defaults read by their parts.
pub fn catalog(user_dir: Option<&std::path::Path>) -> Result<crate::forms::Catalog, Vec<crate::error::Error>> {
    crate::forms::Catalog::load(user_dir, parts())
}

/// A typed part's value as its Rust type serializes (money in 分 …).
fn serialized<T: serde::de::DeserializeOwned + serde::Serialize>(node: &Node) -> Json {
    crate::yaml::de::from_node::<T>(node).ok().and_then(|v| serde_json::to_value(&v).ok()).unwrap_or(Json::Null)
}

/// A form's field of a typed part, read from its section.
fn field_value<'a>(form: &Form, part: &str, section: Option<&'a Node>) -> Option<&'a Node> {
    form.part_field(part).and_then(|f| section.and_then(|s| s.get(&f.key)))
}
