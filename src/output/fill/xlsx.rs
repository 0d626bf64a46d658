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
pub fn fill(xml: &str, original: &Original, values: &Values, shared: &[String]) -> Result<String, String> {
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let sheet = root.children.iter().find(|c| c.local() == "worksheet").ok_or("原件的工作表中没有 worksheet")?;
    let data = sheet.child("sheetData").ok_or("原件的工作表中没有 sheetData")?;
    let lookup = |key: &str| values.fields.get(key).cloned();
    // Each cell's lines to write, by (row, column).
    let mut cells: BTreeMap<(usize, usize), Lines> = BTreeMap::new();
    for place in original.places.iter().filter(|p| p.list.is_none() && !p.indicators) {
        let Some(at) = place.reference.as_deref().and_then(reference) else { continue };
        let line = place.line.unwrap_or(1).saturating_sub(1);
        cells.entry(at).or_default().push((line, pieces(place.text.as_deref().unwrap_or(""))));
    }
    let mut contents: BTreeMap<(usize, usize), Content> = BTreeMap::new();
    for (&(r, c), lines) in &cells {
        let existing = find_cell(xml, data, r, c);
        if existing.is_some_and(|cell| cell.child("f").is_some()) {
            continue;
        }
        let old = existing.map(|cell| cell_text(xml, cell, shared)).unwrap_or_default();
        let mut text: Vec<String> = old.split('\n').map(str::to_owned).collect();
        let mut changed = false;
        let mut single = None;
        for (line, pieces) in lines {
            let Some(new) = printed(pieces, &lookup, None) else { continue };
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
    Ok(write_cells(xml, data, &contents))
}

/// What a filled cell holds.
pub enum Content {
    Number(String),
    Text(String),
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
                    .filter_map(|c| Some((reference(&c.attr(xml, "r")?)?.1, c)))
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
    row.children
        .iter()
        .find(|cell| cell.local() == "c" && cell.attr(xml, "r").and_then(|a| reference(&a)) == Some((r, c)))
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

/// `B12` → (11, 1).
pub fn reference(text: &str) -> Option<(usize, usize)> {
    let letters: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.chars().fold(0usize, |n, c| n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1));
    let row: usize = text[letters.len()..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}
