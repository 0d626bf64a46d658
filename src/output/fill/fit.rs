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
use crate::forms::Form;
use crate::forms::original::{Piece, pieces};
use crate::project::load::Loaded;

use super::paragraph::printed;
use super::values::Values;

/// Word's default left and right cell margins together, in points.
const MARGINS: f32 = 10.8;
/// A line's height, in ems of the text's size.
const LINE: f32 = 1.3;

/// A warning for each value of the form that will not fit its cell of
/// fixed height in the original, at the value in the project file.
pub fn warnings(form: &Form, loaded: &Loaded) -> Vec<Error> {
    let Some(original) = &form.original else { return Vec::new() };
    let values = Values::of(form, loaded);
    let lookup = |key: &str| values.fields.get(key).cloned();
    let section = form.section.as_deref().and_then(|s| loaded.tree.at_path(s));
    let mut out = Vec::new();
    for place in &original.places {
        let (Some(height), Some(width)) = (place.height, place.width) else { continue };
        let pieces = pieces(place.text.as_deref().unwrap_or(""));
        let Some(text) = printed(&pieces, &lookup, None) else { continue };
        let size = place.size.filter(|s| *s > 0.0).unwrap_or(10.5);
        let needed = lines(&text, width, size);
        let room = ((height / (size * LINE)).floor() as usize).max(1);
        if needed <= room {
            continue;
        }
        let Some(key) = pieces.iter().find_map(|p| match p {
            Piece::Value { key, .. } => Some(key.as_str()),
            _ => None,
        }) else {
            continue;
        };
        let label = form.fields.iter().find(|f| f.key == key).map_or(key, |f| f.label.as_str());
        let message = format!(
            "提醒：“{label}”（{}）在原件中放不下（约 {needed} 行，格高只容 {room} 行）：请写短些，或在原件中把这一行改为最小行高",
            form.name
        );
        let mut warning = Error::new(ErrorKind::Invalid, message).with_path(&loaded.path);
        if let Some(at) = section.and_then(|s| s.get(key)).map(|n| n.at).filter(|at| at.is_known()) {
            warning = warning.at(&loaded.source, at.line as usize, at.column as usize);
        }
        out.push(warning);
    }
    out
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
