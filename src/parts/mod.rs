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

use crate::forms::{Core, Form};
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
    /// The JSON Schema of the part's value.
    fn schema(&self) -> Json;
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

/// The registry: the part of a core type (the word manifests write for it
/// is [`Core`]'s).
pub(crate) fn part(core: Core) -> &'static dyn TypedPart {
    match core {
        Core::Budget => &budget::BudgetPart,
        Core::Workload => &workload::WorkloadPart,
        Core::WeeklyHours => &weekly_hours::WeeklyHoursPart,
        Core::Team => &team::TeamPart,
        Core::Staffing => &staffing::StaffingPart,
    }
}

/// The forms of the built-in catalog and `user_dir`, every manifest's
/// typed defaults read by their parts.
pub fn catalog(user_dir: Option<&std::path::Path>) -> Result<crate::forms::Catalog, Vec<crate::error::Error>> {
    crate::forms::Catalog::load(user_dir, |core, node| part(core).read(node))
}

/// A typed part's value as its Rust type serializes (money in 分 …).
fn serialized<T: serde::de::DeserializeOwned + serde::Serialize>(node: &Node) -> Json {
    crate::yaml::de::from_node::<T>(node).ok().and_then(|v| serde_json::to_value(&v).ok()).unwrap_or(Json::Null)
}

/// A form's field of a core type, read from its section.
fn field_value<'a>(form: &Form, core: Core, section: Option<&'a Node>) -> Option<&'a Node> {
    form.core_field(core).and_then(|f| section.and_then(|s| s.get(&f.key)))
}
