//! `preprinted(table, categories, layout)`: the rows of an indicator block
//! whose 一级/二级 labels the form prints (an imported 绩效目标表 or
//! 自评表). The project's indicators go under their matching labels, in the
//! form's order; a label's rows the project does not fill print empty, as
//! the funder expects; an indicator under a 一级/二级 the form does not
//! print is an error naming both. Rows as [`super::render`]'s `spans` gives
//! them, each `item` holding every column an indicator block prints.

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};

use crate::forms::printed::{same, takes};

/// One 一级 with its 二级 and their items, as [`span_rows`] lays them out.
pub type Category = (Value, Vec<(Value, Vec<Value>)>);

/// The rows of `spans`: each item with the 一级 and 二级 cells that start
/// on its row and its marker.
pub fn span_rows(table: &str, tree: Vec<Category>) -> Vec<Value> {
    let mut rows = Vec::new();
    let end = |row: i64| format!("wenshu-end-{table}-{row}");
    for (level1, groups) in tree {
        let first = rows.len() as i64;
        let total: i64 = groups.iter().map(|(_, items)| items.len() as i64).sum();
        let mut start = first;
        for (level2, items) in groups {
            let count = items.len() as i64;
            for (k, item) in items.into_iter().enumerate() {
                let row = start + k as i64;
                // A group of two or three rows stays on one page; a longer
                // one breaks where the page does and is continued.
                let cell = |text: Value, begin: i64, span: i64| -> Option<Value> {
                    (row == begin).then(|| {
                        // As Typst writes it: minijinja prints a bool as `True`.
                        let breakable = Value::from_safe_string((span > 3).to_string());
                        let end = end(begin + span - 1);
                        minijinja::context! { text => text, span => span, breakable => breakable, end => end, cont => false }
                    })
                };
                rows.push(minijinja::context! {
                    level1 => cell(level1.clone(), first, total),
                    level2 => cell(level2.clone(), start, count),
                    item => item,
                    marker => Value::from_safe_string(format!("#metadata(none)<{}>", end(row))),
                });
            }
            start += count;
        }
    }
    rows
}

/// The columns an indicator row prints; what an item lacks is empty.
pub const COLUMNS: [&str; 12] = [
    "indicator",
    "target",
    "actual",
    "points",
    "score",
    "reason",
    "rate",
    "note",
    "to_date",
    "expected",
    "causes",
    "likelihood",
];

fn text(value: &Value, key: &str) -> String {
    value.get_attr(key).ok().filter(|v| !v.is_undefined() && !v.is_none()).map(|v| v.to_string()).unwrap_or_default()
}

/// An item with every column: the project's values, empty for the rest.
fn item(of: Option<&Value>) -> Value {
    let map: std::collections::BTreeMap<&str, Value> = COLUMNS
        .iter()
        .map(|key| {
            let value = of.and_then(|v| v.get_attr(key).ok()).filter(|v| !v.is_undefined());
            (*key, value.unwrap_or(Value::from(())))
        })
        .collect();
    Value::from(map)
}

/// A project's indicators: each 一级 with its 二级 and their items.
struct Group {
    level2: Value,
    items: Vec<Value>,
    placed: bool,
}

struct Level1 {
    level1: Value,
    groups: Vec<Group>,
}

fn project(categories: &Value) -> Result<Vec<Level1>, Error> {
    let mut tree = Vec::new();
    if categories.is_none() || categories.is_undefined() {
        return Ok(tree);
    }
    for category in categories.try_iter()? {
        let mut groups = Vec::new();
        for group in category.get_attr("groups")?.try_iter()? {
            let items: Vec<Value> =
                group.get_item(&Value::from("items"))?.try_iter()?.map(|i| item(Some(&i))).collect();
            groups.push(Group { level2: group.get_attr("level2")?, items, placed: false });
        }
        tree.push(Level1 { level1: category.get_attr("level1")?, groups });
    }
    Ok(tree)
}

/// The rows: `layout` is the form's 一级 in order, each
/// `{level1, groups: [{level2, rows}]}`; an empty name is a label the
/// form leaves blank, which takes the project's indicators not placed
/// under a printed one.
pub fn preprinted(table: String, categories: Value, layout: Value) -> Result<Value, Error> {
    let mut tree = project(&categories)?;
    let mut rows: Vec<Category> = Vec::new();
    let printed: Vec<String> = layout.try_iter()?.map(|l| text(&l, "level1")).filter(|t| !t.is_empty()).collect();
    for level in layout.try_iter()? {
        let name = text(&level, "level1");
        let groups: Vec<Value> = level.get_attr("groups")?.try_iter()?.collect();
        let mut out: Vec<(Value, Vec<Value>)> = Vec::new();
        let named1: Vec<&str> = printed.iter().map(String::as_str).collect();
        let ours: Vec<usize> = (0..tree.len()).filter(|&k| takes(&name, &named1, &text_of(&tree[k].level1))).collect();
        let names2: Vec<String> = groups.iter().map(|g| text(g, "level2")).filter(|t| !t.is_empty()).collect();
        let named2: Vec<&str> = names2.iter().map(String::as_str).collect();
        if name.is_empty() && names2.is_empty() {
            // Nothing printed: the project's own 一级 and 二级, then empty rows.
            let least: usize = groups.iter().map(rows_of).sum();
            let mut placed = 0;
            for &k in &ours {
                let groups: Vec<(Value, Vec<Value>)> = tree[k]
                    .groups
                    .iter_mut()
                    .map(|g| {
                        g.placed = true;
                        (g.level2.clone(), std::mem::take(&mut g.items))
                    })
                    .collect();
                placed += groups.iter().map(|(_, items)| items.len()).sum::<usize>();
                rows.push((tree[k].level1.clone(), groups));
            }
            // Each empty row its own 一级 and 二级 cell, as the form rules them.
            for _ in placed..least {
                rows.push((Value::from(""), vec![(Value::from(""), vec![item(None)])]));
            }
            continue;
        }
        for group in &groups {
            let level2 = text(group, "level2");
            let least = rows_of(group);
            let mut placed = 0;
            for &k in &ours {
                for g in tree[k].groups.iter_mut().filter(|g| !g.placed) {
                    let this = text_of(&g.level2);
                    if takes(&level2, &named2, &this) {
                        g.placed = true;
                        placed += g.items.len();
                        // A blank label prints the project's own name.
                        let shown = if level2.is_empty() { g.level2.clone() } else { Value::from(level2.as_str()) };
                        match out.last_mut() {
                            Some((last, items)) if text_of(last) == text_of(&shown) => items.append(&mut g.items),
                            _ => out.push((shown, std::mem::take(&mut g.items))),
                        }
                    }
                }
            }
            if placed < least {
                let blanks = vec![item(None); least - placed];
                match out.last_mut() {
                    Some((last, items)) if text_of(last) == level2 && !level2.is_empty() => items.extend(blanks),
                    _ => out.push((Value::from(level2.as_str()), blanks)),
                }
            }
        }
        // A blank 一级 label shows the project's own name where it has one.
        let shown = match (name.is_empty(), ours.first()) {
            (true, Some(&k)) if ours.len() == 1 => tree[k].level1.clone(),
            _ => Value::from(name.as_str()),
        };
        rows.push((shown, out));
    }
    for level in &tree {
        if let Some(group) = level.groups.iter().find(|g| !g.placed && !g.items.is_empty()) {
            let (l1, l2) = (text_of(&level.level1), text_of(&group.level2));
            let first = text(&group.items[0], "indicator");
            let known = layout
                .try_iter()?
                .find(|l| same(&text(l, "level1"), &l1))
                .map(|l| -> Result<Vec<String>, Error> {
                    Ok(l.get_attr("groups")?
                        .try_iter()?
                        .map(|g| text(&g, "level2"))
                        .filter(|t| !t.is_empty())
                        .collect())
                })
                .transpose()?;
            let message = match known {
                Some(names) => format!(
                    "指标“{first}”在一级指标“{l1}”、二级指标“{l2}”下，表上的“{l1}”只印二级指标 {}：把它的二级指标改成其中之一，或改表格的模板",
                    names.join("、")
                ),
                None => format!(
                    "指标“{first}”在一级指标“{l1}”、二级指标“{l2}”下，表上没有一级指标“{l1}”（表上印的是 {}）：把它的一级指标改成其中之一，或改表格的模板",
                    printed.join("、")
                ),
            };
            return Err(Error::new(ErrorKind::InvalidOperation, message));
        }
    }
    Ok(Value::from(span_rows(&table, rows)))
}

/// The rows the form prints for a label.
fn rows_of(group: &Value) -> usize {
    group.get_attr("rows").ok().and_then(|r| i64::try_from(r).ok()).unwrap_or(0).clamp(0, 1000) as usize
}

fn text_of(value: &Value) -> String {
    if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Value {
        minijinja::context! {
            list => vec![minijinja::context! {
                level1 => "产出指标",
                groups => vec![minijinja::context! { level2 => "数量指标", items => vec![minijinja::context! { indicator => "个案", target => "45个" }] }],
            }],
        }
        .get_attr("list")
        .unwrap()
    }

    fn layout(json: &str) -> Value {
        crate::typeset::values::from_json(serde_json::from_str::<serde_json::Value>(json).unwrap())
    }

    #[test]
    fn indicators_go_under_their_printed_labels_and_empty_rows_stay() {
        let layout = layout(
            r#"[{"level1": "产出指标", "groups": [{"level2": "数量指标", "rows": 2}, {"level2": "质量指标", "rows": 1}]},
                {"level1": "满意度指标", "groups": [{"level2": "服务对象满意度指标", "rows": 1}]}]"#,
        );
        let rows = preprinted("t".into(), project(), layout).unwrap();
        let rows: Vec<Value> = rows.try_iter().unwrap().collect();
        assert_eq!(rows.len(), 4);
        let item = |k: usize, key: &str| text_of(&rows[k].get_attr("item").unwrap().get_attr(key).unwrap());
        assert_eq!(
            (item(0, "indicator"), item(0, "target"), item(1, "indicator")),
            ("个案".into(), "45个".into(), "".into())
        );
        assert_eq!(rows[0].get_attr("level1").unwrap().get_attr("span").unwrap().to_string(), "3");
        assert_eq!(rows[2].get_attr("level2").unwrap().get_attr("text").unwrap().to_string(), "质量指标");
        assert_eq!(rows[3].get_attr("level1").unwrap().get_attr("text").unwrap().to_string(), "满意度指标");
    }

    #[test]
    fn an_indicator_under_a_label_the_form_does_not_print_is_an_error() {
        let err = preprinted("t".into(), project(), layout(r#"[{"level1": "效益指标", "groups": []}]"#)).unwrap_err();
        assert!(err.to_string().contains("表上没有一级指标“产出指标”（表上印的是 效益指标）"), "{err}");
        let layout = layout(r#"[{"level1": "产出指标", "groups": [{"level2": "质量指标", "rows": 1}]}]"#);
        let err = preprinted("t".into(), project(), layout).unwrap_err();
        assert!(err.to_string().contains("二级指标“数量指标”下，表上的“产出指标”只印二级指标 质量指标"), "{err}");
    }

    #[test]
    fn a_form_printing_no_labels_keeps_each_empty_row_its_own_cells() {
        let rows =
            preprinted("t".into(), project(), layout(r#"[{"level1": "", "groups": [{"level2": "", "rows": 3}]}]"#));
        let rows: Vec<Value> = rows.unwrap().try_iter().unwrap().collect();
        let span = |k: usize, level: &str| rows[k].get_attr(level).unwrap().get_attr("span").unwrap().to_string();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].get_attr("level1").unwrap().get_attr("text").unwrap().to_string(), "产出指标");
        // Not one tall merged cell down the empty rows: the form rules each.
        assert_eq!((span(1, "level1"), span(1, "level2"), span(2, "level1")), ("1".into(), "1".into(), "1".into()));
    }
}
