//! Indicator blocks that are a header alone (the PKU workbook's 绩效指标
//! sheets, a 明细表 whose rows are added as needed): the project's rows go
//! right under the header, as the PDF prints them. The form records such a
//! block as the empty run under the header's last row (`rows: [15, 14]`).
//!
//! In a sheet one blank row is put in under the header first, as Excel
//! inserts a row (what lies below moves down: cells, merges, formulas, the
//! print area), each cell styled like the header's cell above it but not
//! bold and without fill; the block is then that one row, filled as any
//! block of the project's rows (more rows copied from it). In a Word table
//! the header row is the template: copied without bold, shading or the
//! repeat-as-header mark, its text cleared.

use crate::forms::original::{Original, Place, cell_of, reference};

use super::spans::{self, Span};

/// The header's last row (from 1) of a block that is a header alone.
pub fn header_row(place: &Place) -> Option<usize> {
    match place.rows[..] {
        [first, last] if place.indicators && last >= 1 && first == last + 1 => Some(last),
        _ => None,
    }
}

/// A Word header row as the template of the rows under it: without bold,
/// shading, vertical merges or the repeated-header mark.
pub fn plain_row(source: &str) -> Result<String, String> {
    let root = spans::parse(source)?;
    let edits = root
        .descendants(&[])
        .into_iter()
        .filter(|e| matches!(e.local(), "b" | "bCs" | "shd" | "tblHeader" | "vMerge"))
        .map(|e| (e.start..e.end, String::new()))
        .collect();
    Ok(spans::splice(source, edits))
}

/// A sheet readied for its header-only blocks: one blank row under each
/// header, the places moved with the rows, the styles the new cells take.
pub struct Prepared {
    pub xml: String,
    /// `xl/styles.xml` when a style had to be added.
    pub styles: Option<String>,
    pub original: Original,
    /// The rows put in: `(at, 1)`, a row at `at` (from 0), the others
    /// from there down moved.
    pub inserted: Vec<(usize, usize)>,
}

pub fn prepare_sheet(xml: &str, styles: &str, original: &Original) -> Result<Prepared, String> {
    let mut headers: Vec<usize> = original.places.iter().filter_map(header_row).collect();
    headers.sort_unstable_by(|a, b| b.cmp(a));
    headers.dedup();
    let mut prepared = Prepared { xml: xml.to_owned(), styles: None, original: original.clone(), inserted: Vec::new() };
    let mut book = Styles::read(styles);
    for header in headers {
        // Row `header` (from 1) is the header's last: the new row is `header` from 0.
        prepared.xml = blank_row(&prepared.xml, header - 1, &mut book)?;
        move_places(&mut prepared.original, header);
        prepared.inserted.push((header, 1));
    }
    if book.added {
        prepared.styles = Some(book.written());
    }
    Ok(prepared)
}

/// The places below row `header` (from 1) moved down one row; the blocks
/// under it take the new row.
fn move_places(original: &mut Original, header: usize) {
    let moved = |text: &mut Option<String>| {
        if let Some((r, c)) = text.as_deref().and_then(cell_of)
            && r >= header
        {
            *text = Some(reference(r + 1, c));
        }
    };
    for place in &mut original.places {
        if header_row(place) == Some(header) {
            place.rows = vec![header + 1, header + 1];
            for cell in &mut place.cells {
                if let Some((_, c)) = cell.reference.as_deref().and_then(cell_of) {
                    cell.reference = Some(reference(header, c));
                }
            }
            continue;
        }
        moved(&mut place.reference);
        for cell in &mut place.cells {
            moved(&mut cell.reference);
        }
        for row in &mut place.rows {
            if *row > header {
                *row += 1;
            }
        }
    }
}

/// The sheet with a blank row under row `header` (from 0): a cell under
/// each of the header row's, in its plain style, its ranges merged in that
/// row alone merged alike; the rows below moved down.
fn blank_row(xml: &str, header: usize, book: &mut Styles) -> Result<String, String> {
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let sheet = root.children.iter().find(|c| c.local() == "worksheet").ok_or("原件的工作表中没有 worksheet")?;
    let data = sheet.child("sheetData").ok_or("原件的工作表中没有 sheetData")?;
    let at = header + 1;
    let mut edits = super::rows::moved_below(xml, sheet, at, 1);
    let w = super::paragraph::prefix(&data.name);
    let row = data.children.iter().find(|r| r.local() == "row" && r.attr(xml, "r") == Some((header + 1).to_string()));
    let mut cells = String::new();
    for c in row.iter().flat_map(|r| r.children.iter()).filter(|c| c.local() == "c") {
        let Some((_, col)) = c.attr(xml, "r").as_deref().and_then(cell_of) else { continue };
        let style = c.attr(xml, "s").and_then(|s| s.parse::<usize>().ok()).map(|s| book.plain(s));
        let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
        cells.push_str(&format!("<{w}c r=\"{}\"{style}/>", reference(at, col)));
    }
    let new_row = format!("<{w}row r=\"{}\">{cells}</{w}row>", at + 1);
    let mut merges = String::new();
    for merge in sheet.child("mergeCells").iter().flat_map(|m| m.children.iter()) {
        let Some(range) = merge.attr(xml, "ref") else { continue };
        let ends: Vec<(usize, usize)> = range.split(':').filter_map(cell_of).collect();
        if ends.len() == 2 && ends.iter().all(|&(r, _)| r == header) {
            let (a, b) = (ends[0].1, ends[1].1);
            merges.push_str(&format!("<{w}mergeCell ref=\"{}:{}\"/>", reference(at, a), reference(at, b)));
        }
    }
    edits.extend(super::rows::placed(xml, sheet, data, at, None, new_row, merges));
    Ok(spans::splice(xml, edits))
}

/// The workbook's cell styles (`cellXfs`), with the plain style of each
/// header style found or added.
struct Styles {
    xml: String,
    /// Each `xf`: its source, border, font and fill.
    xfs: Vec<(String, Option<String>, usize, usize)>,
    bold: Vec<bool>,
    filled: Vec<bool>,
    /// Where the cell styles' list closes, and its count's place.
    list: Option<Span>,
    added: bool,
    new: Vec<String>,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let mut book = Styles {
            xml: xml.to_owned(),
            xfs: Vec::new(),
            bold: Vec::new(),
            filled: Vec::new(),
            list: None,
            added: false,
            new: Vec::new(),
        };
        let Ok(root) = spans::parse(xml) else { return book };
        let Some(sheet) = root.children.iter().find(|c| c.local() == "styleSheet") else { return book };
        let number = |e: &Span, name: &str| e.attr(xml, name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        if let Some(fonts) = sheet.child("fonts") {
            book.bold = fonts
                .children
                .iter()
                .map(|f| f.child("b").is_some_and(|b| !matches!(b.attr(xml, "val").as_deref(), Some("0" | "false"))))
                .collect();
        }
        if let Some(fills) = sheet.child("fills") {
            book.filled = fills
                .children
                .iter()
                .map(|f| {
                    f.child("patternFill").is_some_and(|p| p.attr(xml, "patternType").is_some_and(|t| t != "none"))
                        || f.child("gradientFill").is_some()
                })
                .collect();
        }
        if let Some(list) = sheet.child("cellXfs") {
            book.xfs = list
                .children
                .iter()
                .filter(|x| x.local() == "xf")
                .map(|x| (x.source(xml).to_owned(), x.attr(xml, "borderId"), number(x, "fontId"), number(x, "fillId")))
                .collect();
            book.list = Some(list.clone());
        }
        book
    }

    fn is_plain(&self, font: usize, fill: usize) -> bool {
        !self.bold.get(font).copied().unwrap_or(false) && !self.filled.get(fill).copied().unwrap_or(false)
    }

    /// The style of a cell under one of style `s`: `s` itself when neither
    /// bold nor filled, else a style with its border that is neither, added
    /// when the workbook has none.
    fn plain(&mut self, s: usize) -> usize {
        let Some((source, border, font, fill)) = self.xfs.get(s).cloned() else { return s };
        if self.is_plain(font, fill) {
            return s;
        }
        let same = self.xfs.iter().position(|(_, b, f, fl)| *b == border && self.is_plain(*f, *fl));
        if let Some(found) = same {
            return found;
        }
        let font = self.bold.iter().position(|b| !b).unwrap_or(0);
        let tag = with_attribute(&with_attribute(&source, "fontId", &font.to_string()), "fillId", "0");
        self.xfs.push((tag.clone(), border, font, 0));
        self.new.push(tag);
        self.added = true;
        self.xfs.len() - 1
    }

    fn written(&self) -> String {
        let Some(list) = &self.list else { return self.xml.clone() };
        let xml = &self.xml;
        let at = list.end - list.name.len() - 3;
        let tag = &xml[list.start..list.open];
        let counted = with_attribute(tag, "count", &self.xfs.len().to_string());
        spans::splice(xml, vec![(list.start..list.open, counted), (at..at, self.new.concat())])
    }
}

/// An element's start tag with attribute `name` set to `value`.
fn with_attribute(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    if let Some(i) = tag.find(&key) {
        let start = i + key.len();
        let len = tag[start..].find('"').unwrap_or(0);
        return format!("{}{value}{}", &tag[..start], &tag[start + len..]);
    }
    let Some(end) = tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/') else { return tag.to_owned() };
    format!("{} {name}=\"{value}\"{}", &tag[..end], &tag[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bold_filled_header_style_gets_a_plain_one_with_its_border() {
        let styles = r#"<styleSheet><fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"/></fill></fills><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyFont="1"><alignment horizontal="center"/></xf></cellXfs></styleSheet>"#;
        let mut book = Styles::read(styles);
        assert_eq!(book.plain(0), 0);
        assert_eq!(book.plain(1), 2);
        let written = book.written();
        assert!(
            written.contains(r#"<cellXfs count="3">"#)
                && written.contains(r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" applyFont="1"><alignment horizontal="center"/></xf></cellXfs>"#),
            "{written}"
        );
        let sheet = r#"<worksheet><dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"/></row><row r="2"><c r="A2"><f>SUM(A3:A3)</f></c></row><row r="3"><c r="A3"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
        let mut book = Styles::read(styles);
        let out = blank_row(sheet, 0, &mut book).unwrap();
        assert!(
            out.contains(
                r#"</row><row r="2"><c r="A2" s="2"/><c r="B2" s="2"/></row><row r="3"><c r="A3"><f>SUM(A4:A4)</f>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/>"#), "{out}");
        assert!(out.contains(r#"<dimension ref="A1:B4"/>"#), "{out}");
    }
}
