//! How a manifest writes a field (`FieldSpec`), and which keys each type
//! of field may write: checked on the tree, so each stray key is reported
//! at its place.

use serde::Deserialize;
use serde_json::Value as Json;

use crate::yaml::tree::{Node, Spanned};

use super::super::TYPE_NAMES;
use super::{ManifestProblems, manifest_words};

/// A field as a manifest writes it. Which of the type's own keys (`min`,
/// `values` …) a field may write depends on its type: [`check_field_keys`]
/// checks that on the manifest's tree, before it is read into this.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldSpec {
    pub(super) key: Spanned<String>,
    pub(super) label: Spanned<String>,
    #[serde(rename = "type")]
    pub(super) kind: Spanned<String>,
    #[serde(default)]
    pub(super) required: Option<bool>,
    #[serde(default)]
    pub(super) values: Vec<String>,
    #[serde(default)]
    pub(super) default: Option<Json>,
    #[serde(default)]
    pub(super) help: Option<String>,
    /// The value printed when the project leaves the field out (`project.name`).
    #[serde(default)]
    pub(super) from: Option<Spanned<String>>,
    /// A list's item: a type name, or a field of its own (`of: {type: group, …}`).
    #[serde(default)]
    pub(super) of: Option<Spanned<ItemSpec>>,
    #[serde(default)]
    pub(super) fields: Vec<FieldSpec>,
    #[serde(default)]
    pub(super) columns: Vec<FieldSpec>,
    #[serde(default)]
    pub(super) min: Option<i64>,
    #[serde(default)]
    pub(super) max: Option<i64>,
    #[serde(default)]
    pub(super) min_chars: Option<usize>,
    #[serde(default)]
    pub(super) max_chars: Option<usize>,
    /// An outline's numbering, one style a level: `[一、, （一）, 1、]`.
    #[serde(default)]
    pub(super) numbering: Vec<Spanned<String>>,
    /// A choice nested in an option of another: `{ invoice: 能 }` ([`super::when`]).
    #[serde(default)]
    pub(super) when: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

impl FieldSpec {
    /// The field each item of a list is: keyed `item`, always present.
    pub(super) fn item(kind: Spanned<String>, label: Spanned<String>) -> FieldSpec {
        FieldSpec {
            key: Spanned::new("item".to_owned(), kind.at),
            label,
            kind,
            required: Some(true),
            values: Vec::new(),
            default: None,
            help: None,
            from: None,
            of: None,
            fields: Vec::new(),
            columns: Vec::new(),
            min: None,
            max: None,
            min_chars: None,
            max_chars: None,
            numbering: Vec::new(),
            when: None,
        }
    }
}

/// What a list holds.
#[derive(Debug)]
pub(super) enum ItemSpec {
    Type(String),
    Field(Box<FieldSpec>),
}

impl<'de> Deserialize<'de> for ItemSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> serde::de::Visitor<'de> for ItemVisitor {
            type Value = ItemSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("类型名，或带 type 的栏目")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ItemSpec, E> {
                Ok(ItemSpec::Type(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ItemSpec, A::Error> {
                let spec = ItemFieldSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let label = Spanned::new(spec.label.unwrap_or_default(), spec.kind.at);
                Ok(ItemSpec::Field(Box::new(FieldSpec {
                    values: spec.values,
                    help: spec.help,
                    fields: spec.fields,
                    columns: spec.columns,
                    min: spec.min,
                    max: spec.max,
                    min_chars: spec.min_chars,
                    max_chars: spec.max_chars,
                    ..FieldSpec::item(spec.kind, label)
                })))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// A list item written as a field: like a field, without key or default.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFieldSpec {
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    fields: Vec<FieldSpec>,
    #[serde(default)]
    columns: Vec<FieldSpec>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    min_chars: Option<usize>,
    #[serde(default)]
    max_chars: Option<usize>,
}

/// The keys every field may write, and every list item written as a field.
const FIELD_KEYS: &[&str] = &["key", "label", "type", "required", "help", "default", "from"];
const ITEM_KEYS: &[&str] = &["type", "label", "help"];

/// The keys of its own a field of type `kind` may write; a list whose items
/// are a type name (`of: choice`) also takes that type's keys for them.
fn own_keys(kind: &str, of: Option<&str>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = match kind {
        "text" | "prose" => vec!["max_chars", "min_chars"],
        "integer" => vec!["min", "max"],
        "choice" => vec!["values", "when"],
        "list" => vec!["of", "min"],
        "table" => vec!["columns"],
        "group" => vec!["fields"],
        "outline" => vec!["numbering"],
        _ => Vec::new(),
    };
    if kind == "list" {
        // What `type_of` hands on to the items.
        let handed_on = ["values", "min_chars", "max_chars"];
        keys.extend(own_keys(of.unwrap_or(""), None).into_iter().filter(|k| handed_on.contains(k)));
    }
    keys
}

/// The types whose fields may write `key`, for messages: `integer`, or
/// `choice（或 of: choice 的 list）`.
fn types_with_key(key: &str) -> String {
    let types: Vec<String> = TYPE_NAMES
        .split('、')
        .filter(|t| own_keys(t, None).contains(&key))
        .map(|t| {
            let listed = t != "list" && t != "integer" && own_keys("list", Some(t)).contains(&key);
            if listed { format!("{t}（或 of: {t} 的 list）") } else { t.to_owned() }
        })
        .collect();
    types.join("、")
}

/// Each field of a manifest's tree writes only the keys its type reads:
/// `max: 150` on a text field would be ignored, so it is an error. Checked
/// on the tree, so every such key is reported at its place.
pub(super) fn check_field_keys(node: &Node, item: bool, problems: &mut ManifestProblems) {
    let Some(kind) = node.get("type").and_then(Node::text) else { return };
    let known = TYPE_NAMES.split('、').any(|t| t == kind);
    let of = node.get("of").and_then(Node::text);
    let own = own_keys(kind, of);
    let common = if item { ITEM_KEYS } else { FIELD_KEYS };
    for entry in node.entries() {
        if !known || common.contains(&entry.key.as_str()) || own.contains(&entry.key.as_str()) {
            continue;
        }
        let key = entry.key.as_str();
        let holders = types_with_key(key);
        let message = if !holders.is_empty() {
            let mut message = format!("{kind} 类型的栏目不能写 {key}（只有 {holders} 可以）");
            if matches!(kind, "text" | "prose") && matches!(key, "min" | "max") {
                message.push_str(&format!("；字数限制请写 {key}_chars"));
            } else if kind == "integer" && matches!(key, "min_chars" | "max_chars") {
                message.push_str("；数值范围请写 min、max");
            }
            message
        } else if common.contains(&key) || FIELD_KEYS.contains(&key) {
            format!("列表的每项不能写 {key}（只能写 type、label、help 和所属类型的键）")
        } else {
            let allowed: Vec<&str> = common.iter().copied().chain(own.iter().copied()).collect();
            format!("不认识的键 `{key}`（{kind} 类型的栏目可以写的键：{}）", allowed.join("、"))
        };
        problems.report(entry.key_at, message);
    }
    for nested in ["fields", "columns"] {
        for child in node.get(nested).map(Node::items).unwrap_or(&[]) {
            check_field_keys(child, false, problems);
        }
    }
    if let Some(item) = node.get("of").filter(|n| matches!(n.kind, crate::yaml::tree::NodeKind::Map(_))) {
        check_field_keys(item, true, problems);
    }
    // A typed part's default is read as the part: an unknown rule in a
    // staffing default would otherwise be no rule at all.
    if let (Some(default), Some(part)) = (node.get("default").filter(|d| !d.is_null()), (problems.parts.find)(kind))
        && let Err(err) = (problems.parts.read)(part, default)
    {
        let at = if err.at.is_known() { err.at } else { default.at };
        problems.report(at, format!("default 写法有误：{}", manifest_words(&err.message)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_held_by_the_types_that_read_it() {
        assert_eq!(types_with_key("max"), "integer");
        assert_eq!(types_with_key("values"), "choice（或 of: choice 的 list）");
        assert_eq!(types_with_key("fields"), "group");
        assert_eq!(types_with_key("nothing"), "");
    }
}
