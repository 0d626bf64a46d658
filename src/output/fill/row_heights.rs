//! Rows of an Excel original grown to hold what was written in them. An
//! indicator row copied from the form keeps the form's height, often one
//! line; Excel does not grow a row of stored height when it opens the
//! file, so a three-line 三级指标 would print over the next row. The height
//! a row needs is estimated as `check` estimates a fixed cell's lines
//! ([`super::fit::lines`]) and only ever raised.

use std::collections::BTreeMap;

use super::rows::attribute;
use super::spans;

/// Excel's row height when a row states none, in points.
const DEFAULT_HEIGHT: f32 = 13.5;
/// Room above and below the text of a row, in points.
const PADDING: f32 = 4.0;

/// The height, in points, that `text` needs in a cell `width` points wide
/// at `size` points.
pub fn needed(text: &str, width: f32, size: f32) -> f32 {
    super::fit::lines(text, width, size) as f32 * size * 1.3 + PADDING
}

/// The sheet with each row of `heights` (from 0) at least that high.
pub fn grow(xml: &str, heights: &BTreeMap<usize, f32>) -> Result<String, String> {
    if heights.is_empty() {
        return Ok(xml.to_owned());
    }
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let Some(sheet) = root.children.iter().find(|c| c.local() == "worksheet") else { return Ok(xml.to_owned()) };
    let Some(data) = sheet.child("sheetData") else { return Ok(xml.to_owned()) };
    let mut edits = Vec::new();
    for row in data.children.iter().filter(|c| c.local() == "row") {
        let Some(r) = row.attr(xml, "r").and_then(|r| r.parse::<usize>().ok()) else { continue };
        let Some(&want) = r.checked_sub(1).and_then(|r| heights.get(&r)) else { continue };
        let has = row.attr(xml, "ht").and_then(|h| h.parse::<f32>().ok());
        if want <= has.unwrap_or(DEFAULT_HEIGHT) {
            continue;
        }
        let want = format!("{}", (want * 4.0).ceil() / 4.0);
        let tag = set(&xml[row.start..row.open], "ht", &want);
        let new = set(&tag, "customHeight", "1");
        edits.push((row.start..row.open, new));
    }
    Ok(spans::splice(xml, edits))
}

/// A start tag with attribute `name` set to `value`, added when absent.
fn set(tag: &str, name: &str, value: &str) -> String {
    if tag.contains(&format!(" {name}=\"")) {
        return attribute(tag, name, |_| value.to_owned());
    }
    let cut = tag.len() - if tag.ends_with("/>") { 2 } else { 1 };
    format!("{} {name}=\"{value}\"{}", &tag[..cut], &tag[cut..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_raised_to_its_text_never_lowered() {
        let xml = r#"<worksheet><sheetData><row r="2" ht="19" customHeight="1" s="3"><c r="A2"/></row><row r="3"><c r="A3"/></row><row r="4" ht="80"/></sheetData></worksheet>"#;
        let heights = BTreeMap::from([(1, 30.0), (2, 20.1), (3, 30.0)]);
        let out = grow(xml, &heights).unwrap();
        assert!(out.contains(r#"<row r="2" ht="30" customHeight="1" s="3">"#), "{out}");
        assert!(out.contains(r#"<row r="3" ht="20.25" customHeight="1">"#), "{out}");
        assert!(out.contains(r#"<row r="4" ht="80"/>"#), "taller already: {out}");
        // Three lines of 9pt CJK in a 60pt cell.
        assert_eq!(needed("一二三四五六七八九十一二三四五", 60.0, 9.0), 3.0 * 9.0 * 1.3 + PADDING);
    }
}
