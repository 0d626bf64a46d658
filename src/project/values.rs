//! A form's section as templates see it: each field's value converted by
//! its type — money and percentages to typed values that print as forms
//! print them, numbers to plain numbers, outlines numbered, defaults filled
//! in — so a template reads `form.period` or `project.application.period`.

use std::collections::BTreeMap;

use minijinja::value::Value;

use crate::forms::{Field, FieldType};
use crate::project::tree::{Node, node_of};
use crate::typeset::typed::Typed;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;

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
        FieldType::Core(core) => crate::parts::part(*core).value(node),
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
        ("default", field.default.as_ref().map_or(Value::from(()), |d| Value::from(minijinja::value::Serde(d)))),
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

/// The numerals a numbering style may hold: 一 (Chinese), 1 (Arabic), ①
/// (circled); returns the style's text before and after it and its kind.
pub fn numbering_style(style: &str) -> Option<(&str, char, &str)> {
    let at = style.find(['一', '1', '①'])?;
    let numeral = style[at..].chars().next()?;
    Some((&style[..at], numeral, &style[at + numeral.len_utf8()..]))
}

/// The `n`-th number in `style`: `（一）` → （三）, `1、` → 3、, `①` → ③.
fn styled_number(style: &str, n: usize) -> Option<String> {
    let (before, numeral, after) = numbering_style(style)?;
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let shown = match numeral {
        '一' => crate::typeset::render::chinese_number(n32),
        '①' if n <= 20 => char::from_u32(0x2460 + n32 - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    };
    Some(format!("{before}{shown}{after}"))
}

/// The GB/T 9704 numbering of the `n`-th heading at `depth`: 一、（一）1.（1）,
/// then ① ② ….
pub fn heading_number(depth: usize, n: usize) -> String {
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    match depth {
        1 => format!("{}、", crate::typeset::render::chinese_number(n32)),
        2 => format!("（{}）", crate::typeset::render::chinese_number(n32)),
        3 => format!("{n}."),
        4 => format!("（{n}）"),
        _ => char::from_u32(0x2460 + n32.saturating_sub(1)).filter(|_| n <= 20).map_or(format!("{n})"), String::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_numbered_the_gb_way() {
        let numbers: Vec<String> = [(1, 1), (1, 12), (2, 3), (3, 4), (4, 2), (5, 1)]
            .into_iter()
            .map(|(depth, n)| heading_number(depth, n))
            .collect();
        assert_eq!(numbers, ["一、", "十二、", "（三）", "4.", "（2）", "①"]);
    }

    #[test]
    fn headings_are_numbered_as_the_form_writes_them() {
        let styled: Vec<String> = [("一、", 3), ("（一）", 11), ("1、", 12), ("（1）", 2), ("①", 4), ("第一章", 2)]
            .into_iter()
            .filter_map(|(style, n)| styled_number(style, n))
            .collect();
        assert_eq!(styled, ["三、", "（十一）", "12、", "（2）", "④", "第二章"]);
        assert_eq!(styled_number("、", 1), None);
    }
}
