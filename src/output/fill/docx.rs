//! A Word original filled: `word/document.xml` edited where its places
//! say — a line of a body paragraph or of a table's cell rewritten with
//! its values, the boxes of chosen options ticked, a list's rows filled
//! and, past the original's, repeated from its last row, and the indicator
//! rows made from the block's first row (its borders, shading, height and
//! widths), 一级/二级 merged down with `w:vMerge` as the PDF merges them.

use std::collections::BTreeMap;

use crate::forms::original::{Original, Piece, Place, pieces};

use super::cells::{Edit, Merge, WRAPPERS, cell_with, cells_of, rows_of};
use super::paragraph::{Lines, line_count, printed, rewrite, ticks};
use super::spans::{self, Span};
use super::values::{IndicatorRow, Value, Values};

/// `word/document.xml` with the values of `values` in their places.
pub fn fill(xml: &str, original: &Original, values: &Values) -> Result<String, String> {
    fill_part(xml, original, values, &original.part)
}

/// A part of the document (`word/document.xml`, or a header or footer,
/// `word/header1.xml`) with the values of the places in it.
pub fn fill_part(xml: &str, original: &Original, values: &Values, part: &str) -> Result<String, String> {
    let root = spans::parse(xml).map_err(|err| format!("原件的 {part} 不是有效的 XML：{err}"))?;
    let body = root
        .children
        .iter()
        .find_map(|c| match c.local() {
            "document" => c.child("body"),
            "hdr" | "ftr" => Some(c),
            _ => None,
        })
        .ok_or_else(|| format!("原件的 {part} 中没有正文（w:body、w:hdr 或 w:ftr）"))?;
    let blocks = body.unwrapped(&["p", "tbl"], &WRAPPERS);
    let paragraphs: Vec<&Span> = blocks.iter().copied().filter(|b| b.local() == "p").collect();
    let tables: Vec<&Span> = blocks.iter().copied().filter(|b| b.local() == "tbl").collect();
    let lookup = |key: &str| values.fields.get(key).cloned();
    let mut edits: Vec<Edit> = Vec::new();
    let mut lines: BTreeMap<usize, (&Span, Lines)> = BTreeMap::new();
    for (k, place) in original.places.iter().enumerate() {
        if place.part.as_deref().unwrap_or(&original.part) != part {
            continue;
        }
        if let Some(groups) = values.preprinted.get(&k) {
            let table = table_of(&tables, place)?;
            edits.extend(super::labels::rows(xml, table, place, groups)?);
        } else if place.indicators {
            let table = table_of(&tables, place)?;
            edits.extend(indicator_rows(xml, table, place, &values.indicators)?);
        } else if let Some(key) = &place.list {
            let table = table_of(&tables, place)?;
            let rows = values.lists.get(key).map(Vec::as_slice).unwrap_or(&[]);
            edits.extend(list_rows(xml, table, place, rows)?);
        } else {
            let (p, line) = line_of(xml, &paragraphs, &tables, place)?;
            lines.entry(p.start).or_insert((p, Vec::new())).1.push((line, pieces(place.text.as_deref().unwrap_or(""))));
        }
    }
    for (p, placed) in lines.values() {
        edits.extend(fill_paragraph(xml, p, placed, &lookup, None));
    }
    Ok(spans::splice(xml, edits))
}

/// The edits that fill a paragraph's lines: values rewrite it, boxes are
/// ticked in place.
fn fill_paragraph(
    xml: &str,
    p: &Span,
    placed: &[(usize, Vec<Piece>)],
    value: &dyn Fn(&str) -> Option<Value>,
    number: Option<usize>,
) -> Vec<Edit> {
    let with_values = |pieces: &[Piece]| pieces.iter().any(|p| matches!(p, Piece::Value { .. } | Piece::Number));
    let replaced: Vec<(usize, String)> = placed
        .iter()
        .filter(|(_, pieces)| with_values(pieces))
        .filter_map(|(line, pieces)| Some((*line, printed(pieces, value, number)?)))
        .collect();
    if !replaced.is_empty() {
        return vec![(p.start..p.end, rewrite(xml, p, &replaced))];
    }
    placed.iter().flat_map(|(line, pieces)| ticks(xml, p, *line, pieces, value)).collect()
}

pub(super) fn table_of<'s>(tables: &[&'s Span], place: &Place) -> Result<&'s Span, String> {
    let n = place.table.unwrap_or(0);
    n.checked_sub(1)
        .and_then(|i| tables.get(i))
        .copied()
        .ok_or_else(|| format!("原件中没有第 {n} 个表格（form.yaml 的 original.places 与原件不符）"))
}

/// The paragraph a place's line is in, and the line within it.
fn line_of<'s>(
    xml: &str,
    paragraphs: &[&'s Span],
    tables: &[&'s Span],
    place: &Place,
) -> Result<(&'s Span, usize), String> {
    let line = place.line.unwrap_or(1).saturating_sub(1);
    if let Some(n) = place.paragraph {
        let p = n.checked_sub(1).and_then(|i| paragraphs.get(i)).copied();
        return p
            .map(|p| (p, line))
            .ok_or_else(|| format!("原件中没有第 {n} 段（form.yaml 的 original.places 与原件不符）"));
    }
    let table = table_of(tables, place)?;
    let (r, c) = (place.row.unwrap_or(0), place.cell.unwrap_or(0));
    let missing = || {
        format!(
            "原件第 {} 个表格中没有第 {r} 行第 {c} 格（form.yaml 的 original.places 与原件不符）",
            place.table.unwrap_or(0)
        )
    };
    let row = r.checked_sub(1).and_then(|i| rows_of(table).get(i).copied()).ok_or_else(missing)?;
    let cell = c.checked_sub(1).and_then(|i| cells_of(row).get(i).copied()).ok_or_else(missing)?;
    cell_line(xml, cell, line).ok_or_else(|| format!("原件中第 {r} 行第 {c} 格没有第 {} 行文字", line + 1))
}

/// The paragraph of a cell holding its `line`-th line, and the line in it.
fn cell_line<'s>(xml: &str, cell: &'s Span, line: usize) -> Option<(&'s Span, usize)> {
    let mut first = 0;
    for p in cell.descendants(&["Fallback"]).into_iter().filter(|e| e.local() == "p") {
        let count = line_count(xml, p);
        if line < first + count {
            return Some((p, line - first));
        }
        first += count;
    }
    None
}

/// A list's rows filled: the original's first, then copies of its last.
fn list_rows(xml: &str, table: &Span, place: &Place, rows: &[BTreeMap<String, Value>]) -> Result<Vec<Edit>, String> {
    let all = rows_of(table);
    let [first, last] = place.rows[..] else {
        return Err("form.yaml 中明细表的 rows 应写成 [首行, 末行]".to_owned());
    };
    let span = |n: usize| n.checked_sub(1).and_then(|i| all.get(i).copied());
    let (Some(_), Some(last_row)) = (span(first), span(last)) else {
        return Err(format!("原件第 {} 个表格中没有第 {first}–{last} 行", place.table.unwrap_or(0)));
    };
    let count = last + 1 - first;
    // Each cell's lines, by the cell's place in the row.
    let mut cells: BTreeMap<usize, Lines> = BTreeMap::new();
    for cell in &place.cells {
        let line = cell.line.unwrap_or(1).saturating_sub(1);
        cells.entry(cell.cell.unwrap_or(0)).or_default().push((line, pieces(cell.text.as_deref().unwrap_or(""))));
    }
    let fill_row = |source: &str, row: &Span, values: &BTreeMap<String, Value>, number: usize| -> Vec<Edit> {
        let lookup = |key: &str| values.get(key).cloned();
        let tcs = cells_of(row);
        let mut edits = Vec::new();
        for (c, placed) in &cells {
            let Some(tc) = c.checked_sub(1).and_then(|i| tcs.get(i)) else { continue };
            let mut by_paragraph: BTreeMap<usize, (&Span, Lines)> = BTreeMap::new();
            for (line, pieces) in placed {
                if let Some((p, k)) = cell_line(source, tc, *line) {
                    by_paragraph.entry(p.start).or_insert((p, Vec::new())).1.push((k, pieces.clone()));
                }
            }
            for (p, lines) in by_paragraph.values() {
                edits.extend(fill_paragraph(source, p, lines, &lookup, Some(number)));
            }
        }
        edits
    };
    let mut edits = Vec::new();
    for (i, values) in rows.iter().enumerate().take(count) {
        let Some(row) = span(first + i) else { continue };
        edits.extend(fill_row(xml, row, values, i + 1));
    }
    // Rows past the original's: its last row again, filled.
    let template = last_row.source(xml);
    let mut more = String::new();
    for (i, values) in rows.iter().enumerate().skip(count) {
        let root = spans::parse(template)?;
        let Some(row) = root.children.first() else { continue };
        more.push_str(&spans::splice(template, fill_row(template, row, values, i + 1)));
    }
    if !more.is_empty() {
        edits.push((last_row.end..last_row.end, more));
    }
    Ok(edits)
}

/// The indicator block's rows replaced by one row a project indicator,
/// each made from the block's first row.
fn indicator_rows(xml: &str, table: &Span, place: &Place, indicators: &[IndicatorRow]) -> Result<Vec<Edit>, String> {
    if indicators.is_empty() {
        return Ok(Vec::new());
    }
    let all = rows_of(table);
    let [first, last] = place.rows[..] else {
        return Err("form.yaml 中指标表的 rows 应写成 [首行, 末行]".to_owned());
    };
    let span = |n: usize| n.checked_sub(1).and_then(|i| all.get(i).copied());
    let missing = || format!("原件第 {} 个表格中没有第 {first}–{last} 行", place.table.unwrap_or(0));
    // A block that is a header alone: its rows made from the header row,
    // plain, and put in under it.
    let (template, replaced) = if super::under_header::header_row(place).is_some() {
        let header = span(last).ok_or_else(missing)?;
        (super::under_header::plain_row(header.source(xml))?, header.end..header.end)
    } else {
        let (Some(first_row), Some(last_row)) = (span(first), span(last)) else { return Err(missing()) };
        (first_row.source(xml).to_owned(), first_row.start..last_row.end)
    };
    let template = template.as_str();
    let root = spans::parse(template)?;
    let row = root.children.first().ok_or("指标表的行是空的")?;
    let tcs = cells_of(row);
    let mut made = String::new();
    for (i, indicator) in indicators.iter().enumerate() {
        let mut edits = Vec::new();
        for (j, tc) in tcs.iter().enumerate() {
            let role = place.columns.get(j).map_or("other", String::as_str);
            let level = |level: &Option<(String, usize)>| match level {
                Some((text, span)) if *span > 1 => (text.clone(), Merge::Restart),
                Some((text, _)) => (text.clone(), Merge::None),
                None => (String::new(), Merge::Continue),
            };
            // A label merged down the block's left (绩效指标) goes on down.
            let frame = tc.child("tcPr").and_then(|pr| pr.child("vMerge"));
            let restart = frame.and_then(|v| v.attr(template, "val")).is_some_and(|v| v == "restart");
            let (text, merge) = match role {
                // Where it starts, the cell as the original has it.
                "other" if restart && i == 0 => continue,
                "other" if frame.is_some() => (String::new(), Merge::Continue),
                "level1" => level(&indicator.level1),
                "level2" => level(&indicator.level2),
                "indicator" => (indicator.indicator.clone(), Merge::None),
                "target" => (indicator.target.clone(), Merge::None),
                other => (indicator.columns.get(other).cloned().unwrap_or_default(), Merge::None),
            };
            edits.push((tc.start - row.start..tc.end - row.start, cell_with(template, tc, &text, merge)));
        }
        made.push_str(&spans::splice(row.source(template), edits));
    }
    Ok(vec![(replaced, made)])
}
