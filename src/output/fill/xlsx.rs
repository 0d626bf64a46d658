//! An Excel original filled: the sheet's part edited where its places say,
//! each value written into its cell (a number as a number, in the cell's
//! own style and number format; text as an inline string), a cell or row
//! the sheet does not write yet added in its order. A cell holding a
//! formula is left to compute; the other sheets and parts are untouched.

use std::collections::BTreeMap;

use crate::forms::original::{Original, Piece, pieces};

use super::paragraph::{Lines, printed};
use super::spans::{self, Span};
use super::values::{Value, Values};

/// The sheet's XML with the values of `values` in their cells; `shared`
/// is the workbook's shared strings, for the text a cell already holds.
/// The rows put in: `(at, n)`, `n` rows above row `at` (from 0).
pub fn fill(
    xml: &str,
    original: &Original,
    values: &Values,
    shared: &[String],
) -> Result<(String, Vec<(usize, usize)>), String> {
    // A list longer than the original's rows gets rows, copied from its
    // last, from the bottom up; what lies below moves down.
    let mut inserted: Vec<(usize, usize)> = Vec::new();
    for place in original.places.iter().filter(|p| p.list.is_some()) {
        let (Some(key), &[first, last]) = (place.list.as_deref(), place.rows.as_slice()) else { continue };
        let count = values.lists.get(key).map_or(0, Vec::len);
        let had = (last + 1).saturating_sub(first);
        if count > had && last > 0 {
            // Above the list's last row, so ranges ending there grow.
            inserted.push((last - 1, count - had));
        }
    }
    // The indicator blocks' rows, likewise.
    inserted.extend(super::sheet_indicators::insertions(original, values));
    inserted.sort_by(|a, b| b.cmp(a));
    let mut xml = xml.to_owned();
    for &(after, n) in &inserted {
        xml = super::rows::insert_rows(&xml, after, n)?;
    }
    let shifted = |r: usize| r + inserted.iter().filter(|(at, _)| r >= *at).map(|(_, n)| n).sum::<usize>();
    let at = |text: Option<&str>| text.and_then(crate::forms::original::cell_of).map(|(r, c)| (shifted(r), c));
    let xml = xml.as_str();
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let sheet = root.children.iter().find(|c| c.local() == "worksheet").ok_or("原件的工作表中没有 worksheet")?;
    let data = sheet.child("sheetData").ok_or("原件的工作表中没有 sheetData")?;
    // Each cell's lines to write, by (row, column), with the list row it is of.
    let mut cells: BTreeMap<(usize, usize), (Lines, ListRow)> = BTreeMap::new();
    for place in original.places.iter().filter(|p| !p.indicators) {
        let line = |p: &crate::forms::original::Place| {
            (p.line.unwrap_or(1).saturating_sub(1), pieces(p.text.as_deref().unwrap_or("")))
        };
        match place.list.as_deref() {
            None => {
                let Some(at) = at(place.reference.as_deref()) else { continue };
                cells.entry(at).or_default().0.push(line(place));
            }
            Some(key) => {
                let rows = values.lists.get(key).map_or(0, Vec::len);
                for cell in &place.cells {
                    let Some((r, c)) = at(cell.reference.as_deref()) else { continue };
                    for i in 0..rows {
                        let entry = cells.entry((r + i, c)).or_default();
                        entry.0.push(line(cell));
                        entry.1 = Some((key, i));
                    }
                }
            }
        }
    }
    let mut contents: BTreeMap<(usize, usize), Content> = BTreeMap::new();
    for (&(r, c), (lines, row)) in &cells {
        let fields = |key: &str| values.fields.get(key).cloned();
        let in_row = |key: &str| row.and_then(|(list, i)| values.lists.get(list)?.get(i)?.get(key).cloned());
        let lookup: &dyn Fn(&str) -> Option<Value> = if row.is_some() { &in_row } else { &fields };
        let number = row.map(|(_, i)| i + 1);
        let existing = find_cell(xml, data, r, c);
        if existing.is_some_and(|cell| cell.child("f").is_some()) {
            continue;
        }
        let old = existing.map(|cell| cell_text(xml, cell, shared)).unwrap_or_default();
        let mut text: Vec<String> = old.split('\n').map(str::to_owned).collect();
        let mut changed = false;
        let mut single = None;
        for (line, pieces) in lines {
            let Some(new) = printed(pieces, lookup, number) else { continue };
            if text.len() <= *line {
                text.resize(line + 1, String::new());
            }
            text[*line] = new;
            changed = true;
            if let [Piece::Value { key, unit }] = &pieces[..] {
                single = lookup(key).map(|v| (v, unit.clone()));
            }
        }
        if !changed {
            continue;
        }
        let number = match (&single, lines.len(), text.len()) {
            (Some((v @ (Value::Money(_) | Value::Number(_)), unit)), 1, 1) => {
                let printed = v.print(unit.as_deref()).replace(',', "");
                printed.parse::<f64>().is_ok().then_some(printed)
            }
            _ => None,
        };
        contents.insert(
            (r, c),
            match number {
                Some(n) => Content::Number(n),
                None => Content::Text(text.join("\n")),
            },
        );
    }
    let indicators = super::sheet_indicators::fill(original, values, &shifted);
    for (at, (text, number)) in indicators.contents {
        if !find_cell(xml, data, at.0, at.1).is_some_and(|cell| cell.child("f").is_some()) {
            contents.insert(at, if number { Content::Number(text) } else { Content::Text(text) });
        }
    }
    for at in indicators.cleared {
        let old = find_cell(xml, data, at.0, at.1).filter(|cell| cell.child("f").is_none());
        if old.is_some_and(|cell| !cell_text(xml, cell, shared).is_empty()) {
            contents.entry(at).or_insert(Content::Empty);
        }
    }
    let written = write_cells(xml, data, &contents);
    let merged = super::sheet_indicators::merge(&written, &indicators.merges)?;
    Ok((super::row_heights::grow(&merged, &indicators.heights)?, inserted))
}

/// What a filled cell holds.
pub enum Content {
    Number(String),
    Text(String),
    /// Emptied, its style kept.
    Empty,
}

/// The sheet with `contents` written into their cells.
pub fn write_cells(xml: &str, data: &Span, contents: &BTreeMap<(usize, usize), Content>) -> String {
    let mut edits = Vec::new();
    let mut by_row: BTreeMap<usize, Vec<(usize, &Content)>> = BTreeMap::new();
    for (&(r, c), content) in contents {
        by_row.entry(r).or_default().push((c, content));
    }
    let rows: Vec<(usize, &Span)> = data
        .children
        .iter()
        .filter(|c| c.local() == "row")
        .filter_map(|row| Some((row_number(xml, row)?, row)))
        .collect();
    let prefix = super::paragraph::prefix(&data.name);
    for (r, written) in by_row {
        match rows.iter().find(|(n, _)| *n == r) {
            Some((_, row)) => {
                let cells: Vec<(usize, &Span)> = row
                    .children
                    .iter()
                    .filter(|c| c.local() == "c")
                    .filter_map(|c| Some((crate::forms::original::cell_of(&c.attr(xml, "r")?)?.1, c)))
                    .collect();
                let mut inserted: BTreeMap<usize, String> = BTreeMap::new();
                for (c, content) in written {
                    match cells.iter().find(|(n, _)| *n == c) {
                        Some((_, cell)) => {
                            let style = cell.attr(xml, "s");
                            edits.push((cell.start..cell.end, cell_xml(&prefix, r, c, style.as_deref(), content)));
                        }
                        None => {
                            let at = cells
                                .iter()
                                .find(|(n, _)| *n > c)
                                .map_or(row.end - row.name.len() - 3, |(_, s)| s.start);
                            let at = if row.open == row.end { row.end } else { at };
                            inserted.entry(at).or_default().push_str(&cell_xml(&prefix, r, c, None, content));
                        }
                    }
                }
                for (at, text) in inserted {
                    if row.open == row.end {
                        // `<row …/>`: opened to hold its cells.
                        let open = row.source(xml).trim_end_matches("/>").trim_end().to_owned();
                        edits.push((row.start..row.end, format!("{open}>{text}</{}>", row.name)));
                    } else {
                        edits.push((at..at, text));
                    }
                }
            }
            None => {
                let at = rows.iter().find(|(n, _)| *n > r).map_or(data.end - data.name.len() - 3, |(_, s)| s.start);
                let at = if data.open == data.end { data.start } else { at };
                let cells: String =
                    written.iter().map(|(c, content)| cell_xml(&prefix, r, *c, None, content)).collect();
                let row = format!("<{prefix}row r=\"{}\">{cells}</{prefix}row>", r + 1);
                if data.open == data.end {
                    edits.push((data.start..data.end, format!("<{}>{row}</{}>", data.name, data.name)));
                } else {
                    edits.push((at..at, row));
                }
            }
        }
    }
    spans::splice(xml, edits)
}

fn cell_xml(w: &str, r: usize, c: usize, style: Option<&str>, content: &Content) -> String {
    let at = crate::forms::original::reference(r, c);
    let style = style.map(|s| format!(" s=\"{}\"", spans::escape(s))).unwrap_or_default();
    match content {
        Content::Number(n) => format!("<{w}c r=\"{at}\"{style}><{w}v>{n}</{w}v></{w}c>"),
        Content::Empty => format!("<{w}c r=\"{at}\"{style}/>"),
        Content::Text(t) => format!(
            "<{w}c r=\"{at}\"{style} t=\"inlineStr\"><{w}is><{w}t xml:space=\"preserve\">{}</{w}t></{w}is></{w}c>",
            spans::escape(t)
        ),
    }
}

fn row_number(xml: &str, row: &Span) -> Option<usize> {
    row.attr(xml, "r")?.parse::<usize>().ok()?.checked_sub(1)
}

fn find_cell<'s>(xml: &str, data: &'s Span, r: usize, c: usize) -> Option<&'s Span> {
    let row = data.children.iter().find(|row| row.local() == "row" && row_number(xml, row) == Some(r))?;
    row.children.iter().find(|cell| {
        cell.local() == "c" && cell.attr(xml, "r").and_then(|a| crate::forms::original::cell_of(&a)) == Some((r, c))
    })
}

/// The text a cell shows (a shared string, an inline string or a value).
fn cell_text(xml: &str, cell: &Span, shared: &[String]) -> String {
    let value = cell.child("v").map(|v| spans::unescape(v.inner(xml))).unwrap_or_default();
    match cell.attr(xml, "t").as_deref() {
        Some("s") => value.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default(),
        Some("inlineStr") => cell
            .descendants(&["rPh"])
            .iter()
            .filter(|e| e.local() == "t")
            .map(|t| spans::unescape(t.inner(xml)))
            .collect(),
        _ => value,
    }
}

/// The workbook's shared strings, from `xl/sharedStrings.xml`.
pub fn shared_strings(xml: &str) -> Vec<String> {
    let Ok(root) = spans::parse(xml) else { return Vec::new() };
    let Some(table) = root.children.first() else { return Vec::new() };
    table
        .children
        .iter()
        .filter(|si| si.local() == "si")
        .map(|si| {
            si.descendants(&["rPh"])
                .iter()
                .filter(|e| e.local() == "t")
                .map(|t| spans::unescape(t.inner(xml)))
                .collect()
        })
        .collect()
}

/// The list and row (from 0) a cell's values come from.
type ListRow<'a> = Option<(&'a str, usize)>;
