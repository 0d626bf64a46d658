//! Rows put into a sheet the way Excel inserts them: the rows below move
//! down (their numbers, their cells' references, the merged ranges, the
//! formulas and ranges that point at them), and the new rows are copies
//! of the row they are put in above, with its style, height and merges —
//! inside a range that ends at that row (`SUM(F8:F13)` becomes
//! `SUM(F8:F15)`), as Excel grows a range rows are inserted into.

use super::spans;

/// The sheet with `n` copies of row `at` (from 0) put right above it.
pub fn insert_rows(xml: &str, at: usize, n: usize) -> Result<String, String> {
    let after = at;
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let sheet = root.children.iter().find(|c| c.local() == "worksheet").ok_or("原件的工作表中没有 worksheet")?;
    let data = sheet.child("sheetData").ok_or("原件的工作表中没有 sheetData")?;
    let mut edits = moved_below(xml, sheet, after, n);
    // The copies of row `after`, and of the ranges merged in it alone.
    let template = data
        .children
        .iter()
        .find(|r| r.local() == "row" && r.attr(xml, "r").as_deref() == Some(&(after + 1).to_string()));
    let mut copies = String::new();
    let mut merges = String::new();
    for k in 1..=n {
        let to = |row: usize| if row == after + 1 { row + k - 1 } else { row };
        if let Some(row) = template {
            let source = row.source(xml);
            let copy = spans::parse(source)?;
            let mut inner_edits = Vec::new();
            for e in copy.descendants(&[]) {
                let tag = &source[e.start..e.open];
                let new = if e.local() == "row" {
                    attribute(tag, "r", |_| (after + k).to_string())
                } else {
                    attribute(tag, "r", |v| shift(v, &to))
                };
                if new != tag {
                    inner_edits.push((e.start..e.open, new));
                }
                if e.local() == "f" && e.open < e.end {
                    let inner = e.inner(source);
                    inner_edits.push((e.open..e.open + inner.len(), shift(inner, &|r| r + k - 1)));
                }
            }
            copies.push_str(&spans::splice(source, inner_edits));
        }
        for merge in sheet.child("mergeCells").iter().flat_map(|m| m.children.iter()) {
            let Some(range) = merge.attr(xml, "ref") else { continue };
            let rows: Vec<usize> =
                range.split(':').filter_map(|a| crate::forms::original::cell_of(a).map(|(r, _)| r + 1)).collect();
            if !rows.is_empty() && rows.iter().all(|&r| r == after + 1) {
                let tag = merge.source(xml);
                merges.push_str(&attribute(tag, "ref", |v| shift(v, &to)));
            }
        }
    }
    edits.extend(placed(xml, sheet, data, after, template.map(|r| r.start), copies, merges));
    Ok(spans::splice(xml, edits))
}

/// The edits that put `rows` (XML) in at row `after` (from 0), before the
/// row found there (`at`) or the first below it, and add `merges` to the
/// sheet's merged ranges, its count with them.
pub fn placed(
    xml: &str,
    sheet: &spans::Span,
    data: &spans::Span,
    after: usize,
    at: Option<usize>,
    rows: String,
    merges: String,
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut edits = Vec::new();
    let number = |r: &spans::Span| r.attr(xml, "r").and_then(|v| v.parse::<usize>().ok());
    let below = at.unwrap_or_else(|| {
        data.children
            .iter()
            .filter(|r| r.local() == "row")
            .find(|r| number(r).is_some_and(|v| v > after))
            .map_or(data.end - data.name.len() - 3, |r| r.start)
    });
    let below = if data.open == data.end { data.start } else { below };
    if data.open == data.end {
        edits.push((data.start..data.end, format!("<{}>{rows}</{}>", data.name, data.name)));
    } else {
        edits.push((below..below, rows));
    }
    if let Some(list) = sheet.child("mergeCells").filter(|m| m.open < m.end && !merges.is_empty()) {
        let at = list.end - list.name.len() - 3;
        let added = merges.matches("<").count();
        edits.push((at..at, merges));
        // The count it states.
        let tag = &xml[list.start..list.open];
        let counted = attribute(tag, "count", |v| v.parse::<usize>().map_or(v.to_owned(), |c| (c + added).to_string()));
        edits.push((list.start..list.open, counted));
    }
    edits
}

/// The edits that move every row from `after` (from 0) down by `n`: the
/// rows' numbers, the cells', the ranges' and the formulas' references.
pub fn moved_below(xml: &str, sheet: &spans::Span, after: usize, n: usize) -> Vec<(std::ops::Range<usize>, String)> {
    let moved = |row: usize| if row > after { row + n } else { row };
    let mut edits = Vec::new();
    for e in sheet.descendants(&[]) {
        let tag = &xml[e.start..e.open];
        let mut new = tag.to_owned();
        if e.local() == "row" {
            new = attribute(&new, "r", |v| v.parse::<usize>().map_or(v.to_owned(), |r| moved(r).to_string()));
        } else {
            for name in ["r", "ref", "sqref"] {
                new = attribute(&new, name, |v| shift(v, &moved));
            }
        }
        if new != tag {
            edits.push((e.start..e.open, new));
        }
        if e.local() == "f" && e.open < e.end {
            let inner = e.inner(xml);
            let start = e.open;
            edits.push((start..start + inner.len(), shift(inner, &moved)));
        }
    }
    edits
}

/// The workbook's defined names (the print area, named ranges) that point
/// into the sheet of `part`, moved as its rows were by `inserted`; `None`
/// when none changes.
pub fn defined_names(workbook: &str, rels: &str, part: &str, inserted: &[(usize, usize)]) -> Option<String> {
    let rels_root = spans::parse(rels).ok()?;
    let target = part.strip_prefix("xl/").unwrap_or(part);
    let relationships = rels_root.children.first()?;
    let id = relationships.children.iter().find_map(|r| {
        let to = r.attr(rels, "Target")?;
        (to == target || to == format!("/{part}")).then(|| r.attr(rels, "Id")).flatten()
    })?;
    let root = spans::parse(workbook).ok()?;
    let book = root.children.first()?;
    let sheet =
        book.child("sheets")?.children.iter().find(|s| s.attr(workbook, "id").as_deref() == Some(id.as_str()))?;
    let name = sheet.attr(workbook, "name")?;
    let prefixes = [format!("'{}'!", name.replace('\'', "''")), format!("{name}!")];
    let moved = |row: usize| row + inserted.iter().filter(|(at, _)| row > *at).map(|(_, n)| n).sum::<usize>();
    let mut edits = Vec::new();
    for defined in book.child("definedNames").iter().flat_map(|d| d.children.iter()) {
        let text = spans::unescape(defined.inner(workbook));
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some((at, prefix)) = prefixes.iter().filter_map(|p| rest.find(p.as_str()).map(|i| (i, p))).min() {
            out.push_str(&rest[..at + prefix.len()]);
            rest = &rest[at + prefix.len()..];
            let end = rest.find([',', ')', ' ']).unwrap_or(rest.len());
            out.push_str(&shift(&rest[..end], &moved));
            rest = &rest[end..];
        }
        out.push_str(rest);
        if out != text {
            let start = defined.open;
            edits.push((start..start + defined.inner(workbook).len(), spans::escape(&out)));
        }
    }
    (!edits.is_empty()).then(|| spans::splice(workbook, edits))
}

/// A start tag with attribute `name`'s value changed by `change`.
pub(super) fn attribute(tag: &str, name: &str, change: impl Fn(&str) -> String) -> String {
    let key = format!(" {name}=\"");
    let Some(at) = tag.find(&key) else { return tag.to_owned() };
    let start = at + key.len();
    let Some(len) = tag[start..].find('"') else { return tag.to_owned() };
    let value = &tag[start..start + len];
    format!("{}{}{}", &tag[..start], change(value), &tag[start + len..])
}

/// Cell references in `text` (`B12`, `$B$12`, `A1:C3`) with their rows
/// changed by `moved`; references after `!` (another sheet's) are kept.
pub fn shift(text: &str, moved: &dyn Fn(usize) -> usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut quoted = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            quoted = !quoted;
        }
        let boundary = i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || "_.!'$".contains(chars[i - 1]));
        if !quoted && boundary && (c == '$' || c.is_ascii_uppercase()) {
            let mut j = i;
            if chars[j] == '$' {
                j += 1;
            }
            let letters = (j..chars.len()).take_while(|&k| chars[k].is_ascii_uppercase()).count();
            let mut k = j + letters;
            if (1..=3).contains(&letters) {
                if chars.get(k) == Some(&'$') {
                    k += 1;
                }
                let digits = (k..chars.len()).take_while(|&m| chars[m].is_ascii_digit()).count();
                let after = chars.get(k + digits);
                let ends = after.is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == '(' || *c == '_'));
                if digits > 0 && ends {
                    let row: String = chars[k..k + digits].iter().collect();
                    if let Ok(row) = row.parse::<usize>() {
                        out.extend(&chars[i..k]);
                        out.push_str(&moved(row).to_string());
                        i = k + digits;
                        continue;
                    }
                }
            }
            let end = (j + letters).max(i + 1).min(chars.len());
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_below_move_down() {
        let moved = |r: usize| if r > 3 { r + 2 } else { r };
        assert_eq!(shift("SUM(B2:B5)+$C$7*A3", &moved), "SUM(B2:B7)+$C$9*A3");
        assert_eq!(shift("AB12:C1", &moved), "AB14:C1");
        assert_eq!(shift("Sheet2!B5+\"A9\"+LOG10(2)", &moved), "Sheet2!B5+\"A9\"+LOG10(2)");
    }

    #[test]
    fn the_print_area_moves_with_the_rows() {
        let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let book = r#"<workbook><sheets><sheet name="表 1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'表 1'!$A$1:$I$20</definedName></definedNames></workbook>"#;
        let moved = defined_names(book, rels, "xl/worksheets/sheet1.xml", &[(12, 2)]).unwrap();
        assert!(moved.contains("'表 1'!$A$1:$I$22"), "{moved}");
    }

    #[test]
    fn a_row_is_copied_above_itself() {
        let xml = r#"<worksheet><dimension ref="A1:B4"/><sheetData><row r="3" ht="20"><c r="A3" s="2"><v>1</v></c></row><row r="4"><c r="A4"><f>SUM(A1:A3)</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>"#;
        let out = insert_rows(xml, 2, 1).unwrap();
        assert!(out.contains(r#"<dimension ref="A1:B5"/>"#), "{out}");
        assert!(
            out.contains(r#"<row r="3" ht="20"><c r="A3" s="2"><v>1</v></c></row><row r="4" ht="20"><c r="A4" s="2">"#),
            "{out}"
        );
        assert!(out.contains(r#"<row r="5"><c r="A5"><f>SUM(A1:A4)</f>"#), "{out}");
        assert!(out.contains(r#"<mergeCells count="2"><mergeCell ref="A4:B4"/><mergeCell ref="A3:B3"/>"#), "{out}");
    }
}
