//! The indicator rows a filled original prints, read from the template's
//! context as the PDF reads them: at year end (`evaluated`) each row with
//! its 实际完成值, 分值, 得分, 偏差原因 and 完成率, and for a block whose form
//! prints its own 一级/二级 the project's indicators under each of those
//! labels, placed by the same `preprinted` the template calls (so an
//! indicator under a label the form does not print is the PDF's error).

use minijinja::Value;

use crate::forms::Form;
use crate::forms::original::Place;
use crate::typeset::preprinted::{COLUMNS, preprinted};

use super::values::{IndicatorRow, Item, Values};

/// The columns a block scores, which it prints from the evaluation.
const SCORED: [&str; 4] = ["points", "score", "reason", "rate"];

/// `values` with the indicator rows as the PDF prints them from the
/// template's context: at year end with their scored columns, and those
/// of each block that prints its own 一级/二级 under its labels (an
/// indicator under a label the form does not print is the PDF's error).
pub fn with_indicators(mut values: Values, form: &Form, context: &Value) -> Result<Values, String> {
    let Some(original) = &form.original else { return Ok(values) };
    // A scored block prints the evaluation's rows; a 执行监控表's, the
    // project's with their mid-year columns (1-7月执行数, ticks).
    let simple = original.places.iter().filter(|p| p.indicators && p.labels.is_empty());
    let scores = simple.clone().any(scored);
    if (scores || simple.clone().any(monitors))
        && let Some(rows) = scored_rows(context, scores)
    {
        values.indicators = rows;
    }
    for (k, place) in original.places.iter().enumerate() {
        if place.indicators && !place.labels.is_empty() {
            values.preprinted.insert(k, under_labels(place, context)?);
        }
    }
    Ok(values)
}

/// A value as the PDF's template prints it: none is empty.
fn printed(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    let text = value.to_string();
    if text.contains(crate::typeset::lines::is_marker_char) { crate::typeset::lines::strip(&text).0 } else { text }
}

/// An item of the context's indicators, every column the block may print.
fn item_of(item: &Value) -> Item {
    let column = |key: &str| item.get_attr(key).map(|v| printed(&v)).unwrap_or_default();
    let mut out: Item = COLUMNS.iter().map(|key| ((*key).to_owned(), column(key))).collect();
    out.extend(super::ticks::of(item));
    out
}

fn evaluated(context: &Value) -> Option<Value> {
    context.get_attr("evaluated").ok().filter(|v| v.is_true())
}

/// The indicators a block prints: at year end the evaluation's (with the
/// scored columns) when the block prints them, else the project's.
fn source(context: &Value, scored: bool) -> Value {
    match evaluated(context).filter(|_| scored) {
        Some(evaluated) => evaluated.get_attr("categories").unwrap_or_default(),
        None => context.get_attr("project").and_then(|p| p.get_attr("indicators")).unwrap_or_default(),
    }
}

/// Whether a block's columns print what only the evaluation has (a
/// 执行监控表's 原因说明 is the project's own, written mid-year).
pub fn scored(place: &Place) -> bool {
    place.columns.iter().any(|c| SCORED.contains(&c.as_str())) && !monitors(place)
}

/// Whether a block is a 执行监控表's, with columns only the project fills.
pub(super) fn monitors(place: &Place) -> bool {
    let monitoring = |c: &String| matches!(c.as_str(), "to_date" | "expected") || super::ticks::is_tick(c);
    place.indicators && place.columns.iter().any(monitoring)
}

/// The rows of a block with no labels of its own, as its template prints
/// them: a scored block's the year-end evaluation's, before it (and a
/// 执行监控表's always) the project's own (what it wrote of `actual`,
/// `score`, `reason`, `to_date` …).
pub fn scored_rows(context: &Value, scored: bool) -> Option<Vec<IndicatorRow>> {
    let categories = source(context, scored);
    let mut rows = Vec::new();
    for category in categories.try_iter().ok()? {
        let groups: Vec<Value> = category.get_attr("groups").ok()?.try_iter().ok()?.collect();
        let items = |g: &Value| -> Vec<Value> {
            g.get_item(&Value::from("items"))
                .ok()
                .and_then(|i| i.try_iter().ok())
                .map_or_else(Vec::new, |i| i.collect())
        };
        let count: usize = groups.iter().map(|g| items(g).len()).sum();
        let mut first_in_category = true;
        for group in &groups {
            let items = items(group);
            for (k, item) in items.iter().enumerate() {
                let mut columns = item_of(item);
                let level1 = category.get_attr("level1").map(|v| printed(&v)).unwrap_or_default();
                let level2 = group.get_attr("level2").map(|v| printed(&v)).unwrap_or_default();
                rows.push(IndicatorRow {
                    level1: first_in_category.then(|| (level1, count)),
                    level2: (k == 0).then(|| (level2, items.len())),
                    indicator: columns.remove("indicator").unwrap_or_default(),
                    target: columns.remove("target").unwrap_or_default(),
                    columns,
                });
                first_in_category = false;
            }
        }
    }
    Some(rows)
}

/// The project's indicators under each label of `place`, in its order:
/// one list a 二级 label, empty items dropped (those rows stay blank).
pub fn under_labels(place: &Place, context: &Value) -> Result<Vec<Vec<Item>>, String> {
    // The layout as the template writes it: each 一级 with its 二级.
    let mut layout: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for (level1, level2, rows) in &place.labels {
        match layout.last_mut() {
            Some((last, groups)) if last == level1 => groups.push((level2.clone(), *rows)),
            _ => layout.push((level1.clone(), vec![(level2.clone(), *rows)])),
        }
    }
    let layout: Vec<Value> = layout
        .into_iter()
        .map(|(level1, groups)| {
            let groups: Vec<Value> = groups
                .into_iter()
                .map(|(level2, rows)| minijinja::context! { level2 => level2, rows => rows })
                .collect();
            minijinja::context! { level1 => level1, groups => groups }
        })
        .collect();
    let rows = preprinted("original".to_owned(), source(context, scored(place)), Value::from(layout))
        .map_err(|err| err.detail().map_or_else(|| err.to_string(), str::to_owned))?;
    let mut groups: Vec<Vec<Item>> = Vec::new();
    for row in rows.try_iter().map_err(|err| err.to_string())? {
        let starts = row.get_attr("level2").is_ok_and(|v| !v.is_none() && !v.is_undefined());
        if starts || groups.is_empty() {
            groups.push(Vec::new());
        }
        let item = item_of(&row.get_attr("item").unwrap_or_default());
        if let Some(group) = groups.last_mut().filter(|_| item.values().any(|v| !v.is_empty())) {
            group.push(item);
        }
    }
    if groups.len() != place.labels.len() {
        return Err(format!(
            "form.yaml 中指标区的 labels（{} 个二级指标）与表格的模板不符：请重新导入原件",
            place.labels.len()
        ));
    }
    Ok(groups)
}
