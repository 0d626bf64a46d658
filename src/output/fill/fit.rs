//! Whether a value fits where the original leaves room for it: a cell of
//! fixed height (Word's exact row height) holds so many lines of its text
//! size and no more, and the value is cut off past them. `check` and
//! `build --docx` / `--xlsx` warn — the file is still written; the fix is
//! a shorter value or a form without the fixed height.
//!
//! The lines are an estimate, as Word would wrap the value: a CJK or
//! full-width character takes one em, any other half, in the cell's width
//! less Word's default cell margins; a line is 1.3 em high (单倍行距).

use crate::error::{Error, ErrorKind};
use crate::forms::original::{Piece, Place, pieces};
use crate::forms::{Field, FieldType, Form};
use crate::project::load::Loaded;
use crate::project::model::Indicator;
use crate::yaml::tree::Node;

use super::paragraph::printed;
use super::values::Values;

/// Word's default left and right cell margins together, in points.
const MARGINS: f32 = 10.8;
/// A line's height, in ems of the text's size.
const LINE: f32 = 1.3;

/// A warning for each value of the form that will not fit its cell of
/// fixed height in the original, at the value in the project file: a
/// single field's, a list's cell in each row, an indicator block's column
/// for each indicator.
pub fn warnings(form: &Form, loaded: &Loaded) -> Vec<Error> {
    let Some(original) = &form.original else { return Vec::new() };
    let values = Values::of(form, loaded);
    let lookup = |key: &str| values.fields.get(key).cloned();
    let section = form.section.as_deref().and_then(|s| loaded.tree.at_path(s));
    let mut out = Vec::new();
    let mut warn = |place: &Place, label: &str, text: &str, at: Option<crate::yaml::tree::Place>| {
        let (Some(height), Some(width)) = (place.height, place.width) else { return };
        let size = place.size.filter(|s| *s > 0.0).unwrap_or(10.5);
        let needed = lines(text, width, size);
        let room = ((height / (size * LINE)).floor() as usize).max(1);
        if needed <= room {
            return;
        }
        let message = format!(
            "提醒：{label}（{}）在原件中放不下（约 {needed} 行，格高只容 {room} 行）：请写短些，或在原件中把这一行改为最小行高",
            form.name
        );
        let mut warning = Error::new(ErrorKind::Invalid, message).with_path(&loaded.path);
        if let Some(at) = at.filter(|at| at.is_known()) {
            warning = warning.at(&loaded.source, at.line as usize, at.column as usize);
        }
        out.push(warning);
    };
    let label_of =
        |fields: &[Field], key: &str| fields.iter().find(|f| f.key == key).map_or(key.to_owned(), |f| f.label.clone());
    // A sheet's indicator rows grow to their text when filled (sheet_indicators): they always fit.
    let grown = super::kind(form) == Some(super::Kind::Excel);
    for place in &original.places {
        if place.indicators && grown {
            continue;
        } else if place.indicators {
            // A 执行监控表's reason is its 原因说明, a 自评表's its 偏差原因.
            let monitored = super::indicators::monitors(place);
            for (k, cell) in place.cells.iter().enumerate() {
                let column = cell.cell.map_or(k, |n| n.saturating_sub(1));
                let Some(role) = place.columns.get(column) else { continue };
                for item in indicators(loaded) {
                    let (name, text) = match role.as_str() {
                        "indicator" => ("三级指标", Some(&item.indicator)),
                        "target" => ("指标值", item.target.as_ref()),
                        "actual" => ("实际完成值", item.actual.as_ref()),
                        "reason" if monitored => ("原因说明", item.reason.as_ref()),
                        "reason" => ("偏差原因", item.reason.as_ref()),
                        "to_date" => ("执行数", item.to_date.as_ref()),
                        "expected" => ("全年预计执行数", item.expected.as_ref()),
                        "note" => ("备注", item.note.as_ref()),
                        _ => continue,
                    };
                    let Some(text) = text else { continue };
                    let label = format!("指标“{}”的“{name}”", item.indicator.value.as_str());
                    warn(cell, &label, text.value.as_str(), Some(text.at));
                }
            }
        } else if let Some(key) = &place.list {
            let Some(field) = form.fields.iter().find(|f| &f.key == key) else { continue };
            let FieldType::Table(columns) = &field.kind else { continue };
            let rows = values.lists.get(key).map(Vec::as_slice).unwrap_or(&[]);
            let nodes = section.and_then(|s| s.get(key)).map(Node::items).unwrap_or(&[]);
            for cell in &place.cells {
                let pieces = pieces(cell.text.as_deref().unwrap_or(""));
                let Some(column) = first_key(&pieces) else { continue };
                for (i, row) in rows.iter().enumerate() {
                    let Some(text) = printed(&pieces, &|k: &str| row.get(k).cloned(), Some(i + 1)) else { continue };
                    let label = format!("“{}”第 {} 行的“{}”", field.label, i + 1, label_of(columns, column));
                    let at = nodes.get(i).and_then(|n| n.get(column)).map(|n| n.at);
                    warn(cell, &label, &text, at);
                }
            }
        } else {
            let pieces = pieces(place.text.as_deref().unwrap_or(""));
            let Some(text) = printed(&pieces, &lookup, None) else { continue };
            let Some(key) = first_key(&pieces) else { continue };
            let at = section.and_then(|s| s.get(key)).map(|n| n.at);
            warn(place, &format!("“{}”", label_of(&form.fields, key)), &text, at);
        }
    }
    out
}

/// The key of a line's first value.
fn first_key(pieces: &[Piece]) -> Option<&str> {
    pieces.iter().find_map(|p| match p {
        Piece::Value { key, .. } => Some(key.as_str()),
        _ => None,
    })
}

/// The project's indicators in order.
fn indicators(loaded: &Loaded) -> impl Iterator<Item = &Indicator> {
    loaded.project.indicators.value.iter().flat_map(|c| c.groups.value.iter().flat_map(|g| g.items.value.iter()))
}

/// The lines `text` wraps to in a cell `width` points wide at `size`.
pub fn lines(text: &str, width: f32, size: f32) -> usize {
    let usable = (width - MARGINS).max(size);
    text.split('\n')
        .map(|line| {
            let ems: f32 = line.chars().map(|c| if crate::error::display_width(c) > 1 { 1.0 } else { 0.5 }).sum();
            ((ems * size / usable).ceil() as usize).max(1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_wrap_at_the_cells_width() {
        // 100pt less margins at 10pt: 8.9 CJK characters a line.
        assert_eq!(super::lines("一二三四五六七八", 100.0, 10.0), 1);
        assert_eq!(super::lines("一二三四五六七八九十", 100.0, 10.0), 2);
        assert_eq!(super::lines("abcdefghijklmnop", 100.0, 10.0), 1);
        assert_eq!(super::lines("一\n二", 100.0, 10.0), 2);
    }
}
