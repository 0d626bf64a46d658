//! A Word original's indicator block whose form prints its own 一级/二级
//! labels (the national 绩效目标表 and 自评表): each project indicator goes
//! in a pre-printed row of its 二级, its columns filled in their cells'
//! formatting; a 二级 with more indicators than rows gets copies of its
//! last row (borders, height, shading) right under it, and the merges down
//! the block (绩效指标, 一级, 二级, `w:vMerge`) grow over the copies. Rows the
//! project does not use are emptied (a filled sample's old values go).

use crate::forms::original::Place;

use super::cells::{Edit, Merge, cell_with, cells_of, props, rows_of};
use super::spans::{self, Span};
use super::values::Item;

/// The columns a row's cells are filled with; the others are the form's.
const FILLED: [&str; 10] =
    ["indicator", "target", "actual", "points", "score", "reason", "rate", "note", "to_date", "expected"];

fn fills(role: &str) -> bool {
    FILLED.contains(&role) || super::ticks::is_tick(role)
}

fn is_level(role: &str) -> bool {
    matches!(role, "level1" | "level2")
}

/// Whether a cell prints any text.
fn has_text(xml: &str, tc: &Span) -> bool {
    tc.descendants(&[]).iter().any(|e| e.local() == "t" && !e.inner(xml).trim().is_empty())
}

/// Whether a cell is merged with the one above or below (`w:vMerge`).
fn merged(tc: &Span) -> bool {
    tc.child("tcPr").and_then(|p| p.child("vMerge")).is_some()
}

/// The edits that fill the block of `place` in `table` with `groups`,
/// the indicators under each of its 二级 labels.
pub fn rows(xml: &str, table: &Span, place: &Place, groups: &[Vec<Item>]) -> Result<Vec<Edit>, String> {
    let all = rows_of(table);
    let n = place.table.unwrap_or(0);
    let [first, last] = place.rows[..] else {
        return Err("form.yaml 中指标表的 rows 应写成 [首行, 末行]".to_owned());
    };
    let printed: usize = place.labels.iter().map(|(_, _, rows)| rows).sum();
    if first == 0 || last + 1 != first + printed || all.len() < last {
        return Err(format!(
            "原件第 {n} 个表格的第 {first}–{last} 行与 form.yaml 中指标区的 labels（共 {printed} 行）不符：请重新导入原件"
        ));
    }
    let role = |j: usize| place.columns.get(j).map_or("other", String::as_str);
    let mut edits = Vec::new();
    let mut at = first - 1;
    // The row each 一级 starts on and the rows it spans, once filled.
    let mut level1: Option<(String, usize, usize)> = None;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for ((name1, _, count), items) in place.labels.iter().zip(groups) {
        let rows = &all[at..at + count];
        let filled = (*count).max(items.len());
        match &mut level1 {
            Some((name, _, span)) if name == name1 => *span += filled,
            _ => {
                runs.extend(level1.take().map(|(_, row, span)| (row, span)));
                level1 = Some((name1.clone(), at, filled));
            }
        }
        // The pre-printed rows, filled in order; what a filled sample wrote
        // in a row this project leaves unused (last year's 小组活动 ≥12个)
        // is cleared, never printed beside this year's indicators.
        for (i, row) in rows.iter().enumerate() {
            for (j, tc) in cells_of(row).into_iter().enumerate() {
                if is_level(role(j)) || merged(tc) {
                    continue;
                }
                let text = items.get(i).and_then(|item| item.get(role(j))).filter(|_| fills(role(j)));
                match text {
                    Some(text) => edits.push((tc.start..tc.end, cell_with(xml, tc, text, Merge::None))),
                    None if has_text(xml, tc) => edits.push((tc.start..tc.end, cell_with(xml, tc, "", Merge::None))),
                    None => {}
                }
            }
        }
        // More indicators than rows: the last row again, merged down.
        if items.len() > *count {
            let template = rows[count - 1].source(xml);
            let mut more = String::new();
            for item in &items[*count..] {
                let root = spans::parse(template)?;
                let Some(row) = root.children.first() else { continue };
                let mut cells = Vec::new();
                for (j, tc) in cells_of(row).into_iter().enumerate() {
                    let made = if is_level(role(j)) || merged(tc) {
                        cell_with(template, tc, "", Merge::Continue)
                    } else {
                        let text = item.get(role(j)).filter(|_| fills(role(j)));
                        cell_with(template, tc, text.map_or("", String::as_str), Merge::None)
                    };
                    cells.push((tc.start - row.start..tc.end - row.start, made));
                }
                more.push_str(&spans::splice(row.source(template), cells));
            }
            let end = rows[count - 1].end;
            edits.push((end..end, more));
            // Its 二级 now spans rows: merged down from its first.
            edits.extend(restart(xml, &rows[0], "level2", &place.columns));
        }
        at += count;
    }
    runs.extend(level1.map(|(_, row, span)| (row, span)));
    for (row, span) in runs {
        if span > 1 {
            edits.extend(restart(xml, &all[row], "level1", &place.columns));
        }
    }
    Ok(edits)
}

/// The cell of `row` printing `level`, made the start of a merge down
/// when it is not merged yet.
fn restart(xml: &str, row: &Span, level: &str, columns: &[String]) -> Option<Edit> {
    let cells = cells_of(row);
    let (_, tc) = cells.into_iter().enumerate().find(|(j, _)| columns.get(*j).is_some_and(|r| r == level))?;
    if merged(tc) {
        return None;
    }
    let props = props(xml, tc, &Merge::Restart)?;
    Some(match tc.child("tcPr") {
        Some(pr) => (pr.start..pr.end, props),
        None => (tc.open..tc.open, props),
    })
}
