//! What a filled original prints: each field's value by key (`f.key` of
//! the PDF's template), a list's rows, and the indicator rows as the PDF's
//! `spans("indicators", …)` prints them. Other values (computed ones bound
//! to a cell) plug in as more keys of the same map.

use std::collections::BTreeMap;

use crate::forms::{Field, FieldType, Form};
use crate::project::load::Loaded;
use crate::units::money::{Money, Percent};
use crate::yaml::tree::Node;

/// One value to print.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// Printed in the unit of the place it goes to (万元 or 元).
    Money(Money),
    /// A number: written as a number into a spreadsheet's cell.
    Number(String),
}

impl Value {
    /// As the place prints it: money in its unit (`wan`: `56.40`, `yuan`:
    /// `564,000.00`; else as the PDF's default, 万元 with two decimals).
    pub fn print(&self, unit: Option<&str>) -> String {
        match self {
            Value::Text(t) | Value::Number(t) => t.clone(),
            Value::Money(m) if unit == Some("yuan") => m.yuan(),
            Value::Money(m) => m.wan_fixed(),
        }
    }
}

/// An indicator's columns as printed, by what the column prints
/// (`indicator`, `target`, `actual`, `points`, `score`, `reason`, `rate`).
pub type Item = BTreeMap<String, String>;

/// One row of the indicator block: the 一级 and 二级 names on the first
/// row of their run, with how many rows they span.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub level1: Option<(String, usize)>,
    pub level2: Option<(String, usize)>,
    pub indicator: String,
    pub target: String,
    /// At year end, the scored columns: `actual`, `points`, `score`,
    /// `reason`, `rate`.
    pub columns: BTreeMap<String, String>,
}

/// Everything a filled original prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    pub fields: BTreeMap<String, Value>,
    pub lists: BTreeMap<String, Vec<BTreeMap<String, Value>>>,
    pub indicators: Vec<IndicatorRow>,
    /// For each block whose form prints its own 一级/二级 (by its place's
    /// index), the indicators under each 二级 label.
    pub preprinted: BTreeMap<usize, Vec<Vec<Item>>>,
}

impl Values {
    /// The values of `form`'s section in a project, and its indicators.
    pub fn of(form: &Form, loaded: &Loaded) -> Values {
        let section = form.section.as_deref().and_then(|s| loaded.tree.at_path(s)).filter(|n| !n.is_null());
        let mut values = Values::default();
        for field in &form.fields {
            let node = section.and_then(|s| s.get(&field.key));
            match &field.kind {
                FieldType::Table(columns) => {
                    let rows = node.map(Node::items).unwrap_or(&[]);
                    values.lists.insert(field.key.clone(), rows.iter().map(|row| row_values(columns, row)).collect());
                }
                _ => {
                    if let Some(value) = value_of(field, node) {
                        values.fields.insert(field.key.clone(), value);
                    }
                }
            }
        }
        values.indicators = indicator_rows(loaded);
        values
    }

    /// With the values of fields bound to what wenshu computes (`from:`)
    /// that the project leaves out: the same the PDF's `form.KEY` prints,
    /// read from the template's context, money kept as money so it prints
    /// in the unit of its place.
    pub fn with_bound(mut self, form: &Form, context: &minijinja::Value) -> Values {
        let Ok(own) = context.get_attr("form") else { return self };
        for field in form.fields.iter().filter(|f| f.from.is_some()) {
            if self.fields.contains_key(&field.key) {
                continue;
            }
            let Ok(value) = own.get_attr(&field.key) else { continue };
            if let Some(value) = bound_value(&value) {
                self.fields.insert(field.key.clone(), value);
            }
        }
        self
    }
}

/// A computed value as the filled file prints it.
fn bound_value(value: &minijinja::Value) -> Option<Value> {
    use crate::typeset::typed::Typed;
    if value.is_none() || value.is_undefined() {
        return None;
    }
    Some(match Typed::of(value) {
        Some(Typed::Money(money)) => Value::Money(money),
        Some(Typed::Percent(percent)) => Value::Text(percent.to_string()),
        None if value.is_number() => Value::Number(value.to_string()),
        None => {
            let text = value.to_string();
            if text.trim().is_empty() {
                return None;
            }
            Value::Text(text)
        }
    })
}

fn row_values(columns: &[Field], row: &Node) -> BTreeMap<String, Value> {
    columns.iter().filter_map(|c| Some((c.key.clone(), value_of(c, row.get(&c.key))?))).collect()
}

/// A field's value as its template prints `{{ f.key }}`: the project's, else
/// the field's default.
fn value_of(field: &Field, node: Option<&Node>) -> Option<Value> {
    let default = field.default.as_ref().map(crate::yaml::tree::node_of);
    let node = node.filter(|n| !n.is_null()).or(default.as_ref())?;
    let text = node.text()?.trim();
    if text.is_empty() {
        return None;
    }
    Some(match &field.kind {
        FieldType::Money => Value::Money(Money::parse(text).ok()?),
        FieldType::Percent => Value::Text(Percent::parse(text).ok()?.to_string()),
        // A rate prints as the PDF prints it: `98.23` written is `98.23%`.
        FieldType::Rate => Value::Text(crate::units::rate::parse(text).ok()?),
        FieldType::Date => {
            Value::Text(crate::units::date::parse(text).map_or_else(|_| text.to_owned(), |d| d.to_string()))
        }
        FieldType::Number | FieldType::Integer { .. } | FieldType::Year => Value::Number(text.to_owned()),
        FieldType::Bool => Value::Text(if text.eq_ignore_ascii_case("true") { "是" } else { "否" }.to_owned()),
        _ => Value::Text(text.to_owned()),
    })
}

/// The project's indicators row by row, 一级 and 二级 merged down.
fn indicator_rows(loaded: &Loaded) -> Vec<IndicatorRow> {
    let mut rows = Vec::new();
    for category in &loaded.project.indicators.value {
        let count: usize = category.groups.value.iter().map(|g| g.items.value.len()).sum();
        let mut first_in_category = true;
        for group in &category.groups.value {
            for (k, item) in group.items.value.iter().enumerate() {
                rows.push(IndicatorRow {
                    level1: first_in_category.then(|| (category.level1.value.as_str().to_owned(), count)),
                    level2: (k == 0).then(|| (group.level2.value.as_str().to_owned(), group.items.value.len())),
                    indicator: item.indicator.value.as_str().to_owned(),
                    target: item.target.as_ref().map(|t| t.value.as_str().to_owned()).unwrap_or_default(),
                    columns: BTreeMap::new(),
                });
                first_in_category = false;
            }
        }
    }
    rows
}
