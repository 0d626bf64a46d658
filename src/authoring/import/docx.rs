//! A Word file (.docx) read into a [`SourceDocument`]: the body's paragraphs and
//! tables in order. A table's columns are its `w:tblGrid`; a cell spans
//! `w:gridSpan` columns and, with `w:vMerge restart` … `continue`, rows.
//! Lines are the table's borders (its own, else its style's) with each
//! cell's `w:tcBorders` over them.

use super::grid::{Align, Block, Cell, Grid, MAX_COLS, MAX_ROWS, Origin, Paragraph, Sides, SourceDocument};
use super::numbering::Numbering;
use super::xml::{Element, Package};

/// Twentieths of a point, Word's unit for widths and heights.
const TWIPS_PER_POINT: f32 = 20.0;

/// Wrappers Word puts around paragraphs, rows and cells (content controls,
/// custom XML, smart tags): their content counts as if unwrapped.
const WRAPPERS: [&str; 4] = ["sdt", "sdtContent", "customXml", "smartTag"];

/// Reads a .docx.
pub fn parse(bytes: &[u8]) -> Result<SourceDocument, String> {
    let mut package = Package::open(bytes)?;
    let Some(document) = package.part("word/document.xml")? else {
        let what = if package.has("xl/workbook.xml") {
            "这是 Excel 文件，请把扩展名改为 .xlsx"
        } else {
            "不是 Word 文档"
        };
        return Err(format!("压缩包中没有 word/document.xml：{what}"));
    };
    let styles = package.part("word/styles.xml")?;
    let mut numbering = Numbering::read(package.part("word/numbering.xml")?.as_ref(), styles.as_ref());
    let body = document.child("body").ok_or("word/document.xml 中没有正文（w:body）")?;
    let mut blocks = Vec::new();
    let (mut paragraphs, mut tables) = (0, 0);
    for element in unwrapped(body, &["p", "tbl"]) {
        if element.name == "p" {
            paragraph_blocks(element, paragraphs, &mut blocks, &mut numbering, styles.as_ref());
            paragraphs += 1;
        } else {
            let mut grid = table(element, styles.as_ref())?;
            for cell in &mut grid.cells {
                if let Some(Origin::Word { table, .. }) = &mut cell.origin {
                    *table = tables;
                }
            }
            blocks.push(Block::Table(grid));
            tables += 1;
        }
    }
    // A document ending in a page break (and empty lines) prints no blank page after.
    while matches!(blocks.last(), Some(Block::PageBreak))
        || matches!(blocks.last(), Some(Block::Paragraph(p)) if p.text.trim().is_empty())
    {
        blocks.pop();
    }
    let landscape = body.path(&["sectPr", "pgSz"]).is_some_and(|size| {
        let number = |name| size.attr(name).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
        size.attr("orient") == Some("landscape") || number("w") > number("h")
    });
    let margins = super::margins::Margins::word(body.path(&["sectPr", "pgMar"]));
    Ok(SourceDocument { blocks, landscape, margins })
}

/// The children of `parent` named in `names`, looking inside wrappers.
fn unwrapped<'a>(parent: &'a Element, names: &[&str]) -> Vec<&'a Element> {
    let mut found = Vec::new();
    let mut stack: Vec<&Element> = parent.elements().collect::<Vec<_>>().into_iter().rev().collect();
    while let Some(e) = stack.pop() {
        if names.contains(&e.name.as_str()) {
            found.push(e);
        } else if WRAPPERS.contains(&e.name.as_str()) {
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
    }
    found
}

/// A body paragraph, with the page break before or in it (before its
/// text when it comes first), and the one a section break after it makes.
fn paragraph_blocks(
    p: &Element,
    index: usize,
    blocks: &mut Vec<Block>,
    numbering: &mut Numbering,
    styles: Option<&Element>,
) {
    let mut breaks_before = p.path(&["pPr", "pageBreakBefore"]).is_some_and(on);
    let mut breaks_after = p.path(&["pPr", "sectPr"]).is_some();
    let mut text_seen = false;
    for e in p.descendants(&["txbxContent", "Fallback"]) {
        match e.name.as_str() {
            "t" if !e.own_text().trim().is_empty() => text_seen = true,
            "br" if e.attr("type") == Some("page") => {
                if text_seen {
                    breaks_after = true;
                } else {
                    breaks_before = true;
                }
            }
            _ => {}
        }
    }
    if breaks_before {
        blocks.push(Block::PageBreak);
    }
    let mut read = Paragraph { origin: Some(Origin::Paragraph(index)), ..styled(p, styles) };
    // Word's automatic numbering, printed as text (一、, （六）).
    if !read.text.trim().is_empty()
        && let Some(number) = numbering.prefix(p)
    {
        read.text = format!("{number}{}", read.text.trim_start());
    }
    blocks.push(Block::Paragraph(read));
    if breaks_after {
        blocks.push(Block::PageBreak);
    }
}

/// A body paragraph, with what its style and the document's defaults give
/// it where it says nothing itself, and its indentation and spacing.
fn styled(p: &Element, styles: Option<&Element>) -> Paragraph {
    let mut read = paragraph(p);
    let chain = super::look::Chain::of(p, styles);
    read.size = read.size.or_else(|| chain.size());
    read.bold |= !read.text.trim().is_empty() && chain.bold();
    if p.path(&["pPr", "jc"]).is_none() {
        read.align = align_of(chain.align());
    }
    read.look = Some(chain.look(read.size.unwrap_or(10.5)));
    read
}

fn paragraph(p: &Element) -> Paragraph {
    let runs = runs(p);
    let sizes = runs.iter().filter(|r| !r.text.trim().is_empty()).filter_map(|r| r.size);
    let size = sizes.fold(None, |max: Option<f32>, s| Some(max.map_or(s, |m| m.max(s))));
    let size = size.or_else(|| p.path(&["pPr", "rPr", "sz"]).and_then(half_points));
    let texts: Vec<&Run> = runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
    Paragraph {
        text: runs.iter().map(|r| r.text.as_str()).collect(),
        align: alignment(p),
        size,
        bold: !texts.is_empty() && texts.iter().all(|r| r.bold),
        origin: None,
        look: None,
    }
}

/// A run of text with its size and weight.
struct Run {
    text: String,
    size: Option<f32>,
    bold: bool,
}

/// The runs of a paragraph, text boxes' fallbacks and deleted text left out.
fn runs(p: &Element) -> Vec<Run> {
    let mut found = Vec::new();
    for r in p.descendants(&["Fallback", "del", "moveFrom"]).into_iter().filter(|e| e.name == "r") {
        let props = r.child("rPr");
        let mut text = String::new();
        for part in r.elements() {
            match part.name.as_str() {
                "t" => text.push_str(&part.own_text()),
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr" if part.attr("type") != Some("page") => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                "sym" => text.extend(symbol(part.attr("char").unwrap_or(""))),
                _ => {}
            }
        }
        found.push(Run {
            text,
            size: props.and_then(|p| p.child("sz")).and_then(half_points),
            bold: props.and_then(|p| p.child("b")).is_some_and(on),
        });
    }
    found
}

/// Word's symbol-font check boxes (Wingdings, Wingdings 2) as the
/// characters forms print; other symbols are left out.
fn symbol(code: &str) -> Option<char> {
    match code.to_ascii_uppercase().as_str() {
        "F0A8" | "F06F" | "F0A3" | "F071" | "F0A1" => Some('□'),
        "F0FE" | "F0FD" | "F052" | "F053" | "F0FC" => Some('■'),
        _ => None,
    }
}

fn half_points(sz: &Element) -> Option<f32> {
    sz.attr("val").and_then(|v| v.parse::<f32>().ok()).map(|v| v / 2.0)
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off"))
}

fn alignment(p: &Element) -> Align {
    align_of(p.path(&["pPr", "jc"]).and_then(|jc| jc.attr("val")))
}

fn align_of(jc: Option<&str>) -> Align {
    match jc {
        Some("center") => Align::Center,
        Some("right" | "end") => Align::Right,
        _ => Align::Left,
    }
}

/// A border side: `Some(true)` drawn, `Some(false)` explicitly none.
fn border(sides: Option<&Element>, names: &[&str]) -> Option<bool> {
    let side = names.iter().find_map(|name| sides?.child(name))?;
    Some(!matches!(side.attr("val"), Some("nil" | "none") | None))
}

/// The borders a table's style gives it, following `basedOn`.
fn style_borders<'a>(styles: Option<&'a Element>, id: Option<&str>) -> Option<&'a Element> {
    let styles = styles?;
    let tables = || styles.children_named("style").filter(|s| s.attr("type") == Some("table"));
    let mut style = match id {
        Some(id) => tables().find(|s| s.attr("styleId") == Some(id)),
        None => tables().find(|s| s.attr("default").is_some_and(|d| d == "1" || d == "true")),
    };
    for _ in 0..8 {
        let current = style?;
        if let Some(borders) = current.path(&["tblPr", "tblBorders"]) {
            return Some(borders);
        }
        let based = current.child("basedOn").and_then(|b| b.attr("val"));
        style = based.and_then(|id| tables().find(|s| s.attr("styleId") == Some(id)));
    }
    None
}

/// A cell as read, before its lines are known.
struct Read {
    cell: Cell,
    /// The cell's own borders: top, right, bottom, left.
    own: [Option<bool>; 4],
}

// Long on purpose: one pass over the rows, resolving gridSpan and vMerge
// as Word lays them out; split up, the open merges would travel between
// functions.
fn table(tbl: &Element, styles: Option<&Element>) -> Result<Grid, String> {
    let too_large = || format!("文档中有超过 {MAX_ROWS} 行或 {MAX_COLS} 列的表格：wenshu 导入的是一两页的表格");
    let props = tbl.child("tblPr");
    let style = props.and_then(|p| p.child("tblStyle")).and_then(|s| s.attr("val"));
    let inherited = style_borders(styles, style);
    let own = props.and_then(|p| p.child("tblBorders"));
    let table_side = |names: &[&str]| border(own, names).or_else(|| border(inherited, names)).unwrap_or(false);
    let outer = Sides {
        top: table_side(&["top"]),
        right: table_side(&["right", "end"]),
        bottom: table_side(&["bottom"]),
        left: table_side(&["left", "start"]),
    };
    let (inside_h, inside_v) = (table_side(&["insideH"]), table_side(&["insideV"]));

    let mut widths: Vec<f32> = tbl
        .child("tblGrid")
        .map(|g| g.children_named("gridCol").map(|c| twips(c.attr("w")).unwrap_or(0.0)).collect())
        .unwrap_or_default();
    let mut read: Vec<Read> = Vec::new();
    let mut heights = Vec::new();
    let mut fixed = Vec::new();
    // The cell each column's vertical merge continues, by starting column.
    let mut open: Vec<Option<usize>> = Vec::new();
    let rows = unwrapped(tbl, &["tr"]);
    if rows.len() > MAX_ROWS || widths.len() > MAX_COLS {
        return Err(too_large());
    }
    for (r, tr) in rows.into_iter().enumerate() {
        let row_props = tr.child("trPr");
        let before = row_props.and_then(|p| p.child("gridBefore")).and_then(count).unwrap_or(0);
        let height = row_props.and_then(|p| p.child("trHeight"));
        heights.push(height.and_then(|h| twips(h.attr("val"))));
        fixed.push(height.is_some_and(|h| h.attr("hRule") == Some("exact")));
        let mut col = before;
        for (k, tc) in unwrapped(tr, &["tc"]).into_iter().enumerate() {
            let props = tc.child("tcPr");
            let span = props.and_then(|p| p.child("gridSpan")).and_then(count).unwrap_or(1).max(1);
            if col.saturating_add(span) > MAX_COLS {
                return Err(too_large());
            }
            let merge = props.and_then(|p| p.child("vMerge")).map(|m| m.attr("val").unwrap_or("continue"));
            let sides = props.and_then(|p| p.child("tcBorders"));
            let own_sides = [
                border(sides, &["top"]),
                border(sides, &["right", "end"]),
                border(sides, &["bottom"]),
                border(sides, &["left", "start"]),
            ];
            if open.len() < col + span {
                open.resize(col + span, None);
            }
            let continued = open[col].filter(|&i| merge == Some("continue") && read[i].cell.colspan == span);
            if let Some(i) = continued {
                read[i].cell.rowspan = r + 1 - read[i].cell.row;
                read[i].own[2] = own_sides[2];
            } else {
                let (text, align, bold, size) = cell_text(tc);
                let origin = Some(Origin::Word { table: 0, row: r, cell: k });
                let fill = props.and_then(|p| p.child("shd")).and_then(|s| shading(s.attr("fill")));
                let cell = Cell { row: r, col, rowspan: 1, colspan: span, text, align, bold, size, fill, origin };
                open[col] = (merge == Some("restart")).then_some(read.len());
                read.push(Read { cell, own: own_sides });
            }
            for slot in open.iter_mut().take(col + span).skip(col + 1) {
                *slot = None;
            }
            col += span;
        }
        // Unless its height is exact, the lines its cells leave (empty paragraphs
        // are room to write) keep the row at least as tall, 15pt a line.
        let lines = read.iter().filter(|x| x.cell.row == r).map(|x| x.cell.text.split('\n').count()).max();
        if let (false, Some(lines @ 3..)) = (fixed[r], lines) {
            heights[r] = Some(heights[r].unwrap_or(0.0).max(lines.min(40) as f32 * 15.0));
        }
    }
    let cols = read.iter().map(|r| r.cell.col + r.cell.colspan).max().unwrap_or(0).max(widths.len());
    if widths.len() < cols || widths.iter().all(|&w| w <= 0.0) {
        // No grid, or a short one: the missing columns share the average width.
        let known: Vec<f32> = widths.iter().copied().filter(|&w| w > 0.0).collect();
        let average = if known.is_empty() { 60.0 } else { known.iter().sum::<f32>() / known.len() as f32 };
        widths.resize(cols, average);
        widths.iter_mut().filter(|w| **w <= 0.0).for_each(|w| *w = average);
    }
    let rows = heights.len();
    let mut grid = Grid::new(widths, rows);
    grid.heights = heights;
    grid.fixed = fixed;
    for Read { cell, own } in &read {
        let last_row = cell.row + cell.rowspan == rows;
        let last_col = cell.col + cell.colspan == cols;
        let sides = Sides {
            top: own[0].unwrap_or(if cell.row == 0 { outer.top } else { inside_h }),
            right: own[1].unwrap_or(if last_col { outer.right } else { inside_v }),
            bottom: own[2].unwrap_or(if last_row { outer.bottom } else { inside_h }),
            left: own[3].unwrap_or(if cell.col == 0 { outer.left } else { inside_v }),
        };
        grid.draw(cell.rows(), cell.cols(), sides);
    }
    grid.cells = read.into_iter().map(|r| r.cell).collect();
    Ok(grid)
}

fn twips(value: Option<&str>) -> Option<f32> {
    value.and_then(|v| v.parse::<f32>().ok()).filter(|v| v.is_finite() && *v > 0.0).map(|v| v / TWIPS_PER_POINT)
}

/// A shading colour (`D9D9D9`), but not white or Word's `auto`.
pub(super) fn shading(fill: Option<&str>) -> Option<u32> {
    let hex = fill?.trim_start_matches('#');
    let hex = if hex.len() == 8 { &hex[2..] } else { hex };
    let rgb = u32::from_str_radix(hex, 16).ok().filter(|_| hex.len() == 6)?;
    (rgb != 0xFF_FF_FF).then_some(rgb)
}

fn count(e: &Element) -> Option<usize> {
    e.attr("val").and_then(|v| v.parse().ok())
}

/// A cell's text (its paragraphs as lines; a table inside it, row by
/// row), alignment, weight and size.
fn cell_text(tc: &Element) -> (String, Align, bool, Option<f32>) {
    let paragraphs: Vec<&Element> = tc.descendants(&["Fallback"]).into_iter().filter(|e| e.name == "p").collect();
    let mut lines = Vec::new();
    let mut align = None;
    let (mut bold, mut size) = (false, None::<f32>);
    for p in &paragraphs {
        let read = paragraph(p);
        if !read.text.trim().is_empty() {
            align.get_or_insert(read.align);
            bold |= read.bold;
            size = match (size, read.size) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        lines.push(read.text);
    }
    (lines.join("\n"), align.unwrap_or_default(), bold, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(xml: &str) -> Grid {
        let tbl = super::super::xml::parse(xml.as_bytes()).unwrap();
        table(&tbl, None).unwrap()
    }

    const BORDERS: &str = "<w:tblPr><w:tblBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/>\
        <w:bottom w:val=\"single\"/><w:right w:val=\"single\"/><w:insideH w:val=\"single\"/>\
        <w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr>";

    #[test]
    fn grid_span_and_vertical_merges() {
        let grid = table_of(&format!(
            "<w:tbl xmlns:w=\"w\">{BORDERS}<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"1000\"/>\
             <w:gridCol w:w=\"1000\"/></w:tblGrid>\
             <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>一级</w:t></w:r></w:p></w:tc>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p/></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>\
             </w:tbl>"
        ));
        assert_eq!(grid.widths, [100.0, 50.0, 50.0]);
        let spans: Vec<(usize, usize, usize, usize)> =
            grid.cells.iter().map(|c| (c.row, c.col, c.rowspan, c.colspan)).collect();
        assert_eq!(spans, [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)]);
        assert_eq!(grid.cells[0].text, "一级");
        assert!(grid.fully_ruled());
    }

    #[test]
    fn cell_borders_override_the_tables() {
        let grid = table_of(
            "<w:tbl xmlns:w=\"w\"><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>\
             <w:tr><w:tc><w:p><w:r><w:t>标题</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:tcBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/>\
             <w:bottom w:val=\"single\"/><w:right w:val=\"single\"/></w:tcBorders></w:tcPr><w:p/></w:tc>\
             <w:tc><w:tcPr><w:tcBorders><w:top w:val=\"single\"/><w:bottom w:val=\"single\"/>\
             <w:right w:val=\"nil\"/></w:tcBorders></w:tcPr><w:p/></w:tc></w:tr></w:tbl>",
        );
        assert_eq!(grid.h, [vec![false, false], vec![true, true], vec![true, true]]);
        assert_eq!(grid.v, [vec![false, false, false], vec![true, true, false]]);
    }
}
