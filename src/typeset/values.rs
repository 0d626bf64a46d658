//! What templates see. Data that serializes (the project's model, the
//! evaluation, the parts' figures) becomes template values with [`data`]:
//! money and percentages typed values that print as forms print them,
//! numbers plain numbers. A form's section is read by its fields' types:
//! outlines numbered, defaults filled in — so a template reads
//! `form.period` or `project.application.period`.

use std::collections::BTreeMap;

use minijinja::value::Value;
use serde_json::Value as Json;

use crate::forms::{Field, FieldType};
use crate::typeset::typed::Typed;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;
use crate::units::numbering::{heading_number, styled_number};
use crate::units::templates::{self, ForTemplates};
use crate::yaml::tree::{Node, node_of};

/// What templates see of data that serializes: figures as typed values.
pub fn data<T: serde::Serialize + ?Sized>(data: &T) -> Value {
    let _figures = ForTemplates::begin();
    serde_json::to_value(data).map_or(Value::from(()), from_json)
}

/// Serialized data as template values, tagged figures typed.
pub fn from_json(json: Json) -> Value {
    match json {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(u)) => Value::from(u),
            _ => Value::from(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::from(s),
        Json::Array(items) => Value::from(items.into_iter().map(from_json).collect::<Vec<_>>()),
        Json::Object(map) => match figure(&map) {
            Some(value) => value,
            None => Value::from(map.into_iter().map(|(k, v)| (k, from_json(v))).collect::<BTreeMap<String, Value>>()),
        },
    }
}

/// A figure [`templates`] tagged: `{"\u{1}money": 5640000}` → money.
fn figure(map: &serde_json::Map<String, Json>) -> Option<Value> {
    let [(tag, value)] = map.iter().collect::<Vec<_>>()[..] else { return None };
    match tag.as_str() {
        templates::MONEY => value.as_i64().map(|fen| Typed::Money(Money::from_fen(fen)).value()),
        templates::PERCENT => value.as_i64().map(|h| Typed::Percent(Percent::from_hundredths(h)).value()),
        templates::NUMBER => value.as_str().and_then(Number::parse).map(crate::typeset::typed::number),
        _ => None,
    }
}

/// The value of a section holding `fields`, read from `node` (`None` when
/// the project has no such section).
pub fn section(fields: &[Field], node: Option<&Node>) -> Value {
    let map: BTreeMap<String, Value> =
        fields.iter().map(|f| (f.key.clone(), field(f, node.and_then(|n| n.get(&f.key))))).collect();
    Value::from(map)
}

/// One field's value: what the project wrote, else its default, else none.
pub fn field(field: &Field, node: Option<&Node>) -> Value {
    let default = field.default.as_ref().map(node_of);
    match node.filter(|n| !n.is_null()).or(default.as_ref()) {
        Some(node) => typed(&field.kind, node),
        None => empty(&field.kind),
    }
}

/// What a template sees of a field left out: an empty list for a list,
/// none otherwise.
fn empty(kind: &FieldType) -> Value {
    match kind {
        FieldType::List { .. } | FieldType::Table(_) | FieldType::Outline(_) => Value::from(Vec::<Value>::new()),
        FieldType::Group(fields) => section(fields, None),
        _ => Value::from(()),
    }
}

fn typed(kind: &FieldType, node: &Node) -> Value {
    let text = node.text().unwrap_or("");
    match kind {
        FieldType::Text(_) | FieldType::Prose(_) | FieldType::Phone | FieldType::Choice(_) => Value::from(text),
        FieldType::Date => match crate::units::date::parse(text) {
            Ok(date) => Value::from(date.to_string()),
            Err(_) => Value::from(text),
        },
        FieldType::Money => Money::parse(text).map_or(Value::from(()), |m| Typed::Money(m).value()),
        FieldType::Percent => Percent::parse(text).map_or(Value::from(()), |p| Typed::Percent(p).value()),
        FieldType::Rate => crate::units::rate::parse(text).map_or(Value::from(()), Value::from),
        FieldType::Number => Number::parse(text).map_or(Value::from(()), crate::typeset::typed::number),
        FieldType::Integer { .. } | FieldType::Year => text.trim().parse::<i64>().map_or(Value::from(()), Value::from),
        FieldType::Bool => Value::from(text.trim().eq_ignore_ascii_case("true")),
        FieldType::List { of, .. } => {
            Value::from(node.items().iter().map(|item| typed(&of.kind, item)).collect::<Vec<_>>())
        }
        FieldType::Table(columns) => {
            Value::from(node.items().iter().map(|row| section(columns, Some(row))).collect::<Vec<_>>())
        }
        FieldType::Group(fields) => section(fields, Some(node)),
        FieldType::Outline(styles) => Value::from(outline(node.items(), 1, styles)),
        FieldType::Part(part) => {
            let _figures = ForTemplates::begin();
            crate::parts::part(part).map_or(Value::from(()), |p| from_json(p.value(node)))
        }
    }
}

/// The definitions of `fields` by key, as templates see them
/// (`document.fields.kind.values`): label, type, whether required, help,
/// default, and the type's own settings.
pub fn field_specs(fields: &[Field]) -> Value {
    let map: BTreeMap<String, Value> = fields.iter().map(|f| (f.key.clone(), field_spec(f))).collect();
    Value::from(map)
}

fn field_spec(field: &Field) -> Value {
    let mut spec: BTreeMap<&str, Value> = BTreeMap::from([
        ("key", Value::from(field.key.as_str())),
        ("label", Value::from(field.label.as_str())),
        ("type", Value::from(field.kind.name())),
        ("required", Value::from(field.required)),
        ("help", Value::from(field.help.as_str())),
        ("default", field.default.as_ref().map_or(Value::from(()), data)),
    ]);
    match &field.kind {
        FieldType::Choice(values) => drop(spec.insert("values", Value::from(values.clone()))),
        FieldType::Integer { min, max } => {
            spec.insert("min", Value::from(*min));
            spec.insert("max", Value::from(*max));
        }
        FieldType::Text(chars) | FieldType::Prose(chars) => {
            spec.insert("min_chars", Value::from(chars.min));
            spec.insert("max_chars", Value::from(chars.max));
        }
        FieldType::List { of, .. } => drop(spec.insert("of", field_spec(of))),
        FieldType::Table(columns) => drop(spec.insert("columns", field_specs(columns))),
        FieldType::Group(inner) => drop(spec.insert("fields", field_specs(inner))),
        _ => {}
    }
    Value::from(spec)
}

/// An outline's items at `depth` (1 for 一、), each with its number:
/// `styles[0]` numbers these items, the rest the levels below, each
/// level without one numbered the GB way; an item's own `numbering`
/// restyles the levels below it.
fn outline(items: &[Node], depth: usize, styles: &[String]) -> Vec<Value> {
    let number = |k: usize, style: Option<&String>, depth: usize| {
        style.and_then(|s| styled_number(s, k)).unwrap_or_else(|| heading_number(depth, k))
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let own = item.get("number").and_then(Node::text).map(str::to_owned);
            let below: Vec<String> = match item.get("numbering") {
                Some(list) => list.items().iter().filter_map(Node::text).map(str::to_owned).collect(),
                None => styles.get(1..).unwrap_or(&[]).to_vec(),
            };
            let entries: Vec<Value> = item
                .get("items")
                .map_or(&[][..], Node::items)
                .iter()
                .enumerate()
                .map(|(k, entry)| {
                    Value::from(BTreeMap::from([
                        ("number", Value::from(number(k + 1, below.first(), depth + 1))),
                        ("text", Value::from(entry.text().unwrap_or(""))),
                    ]))
                })
                .collect();
            let children = item.get("children").map_or_else(Vec::new, |c| outline(c.items(), depth + 1, &below));
            let text = |key: &str| Value::from(item.get(key).and_then(Node::text).unwrap_or(""));
            Value::from(BTreeMap::from([
                ("depth", Value::from(depth)),
                ("number", Value::from(own.unwrap_or_else(|| number(i + 1, styles.first(), depth)))),
                ("title", text("title")),
                ("text", text("text")),
                ("items", Value::from(entries)),
                ("after", text("after")),
                ("children", Value::from(children)),
                ("insert", text("insert")),
            ]))
        })
        .collect()
}
