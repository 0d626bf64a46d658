//! An Excel file (.xlsx) read into a [`SourceDocument`]: one sheet, as one grid
//! (the tidying in [`super::grid`] takes out its title and notes and
//! splits it where a blank row separates two tables). Column widths are
//! `<col width>`, merged cells `<mergeCell ref>`, lines each cell's border
//! style; hidden rows and columns are left out, as Excel prints them.

use super::grid::{Align, Block, Cell, Grid, MAX_COLS, MAX_ROWS, Origin, Sides, SourceDocument};
use super::xml::{Element, Package};

/// The names of the sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut package = Package::open(bytes)?;
    Ok(sheets(&mut package)?.into_iter().map(|s| s.name).collect())
}

struct Sheet {
    name: String,
    part: String,
    hidden: bool,
    /// Its print area: first row, column, last row, column.
    print: Option<(usize, usize, usize, usize)>,
}

fn sheets(package: &mut Package) -> Result<Vec<Sheet>, String> {
    let Some(workbook) = package.part("xl/workbook.xml")? else {
        let what = if package.has("word/document.xml") {
            "这是 Word 文件，请把扩展名改为 .docx"
        } else {
            "不是 Excel 工作簿"
        };
        return Err(format!("压缩包中没有 xl/workbook.xml：{what}"));
    };
    let rels = package.part("xl/_rels/workbook.xml.rels")?;
    let target = |id: &str| {
        let rel = rels.as_ref()?.children_named("Relationship").find(|r| r.attr("Id") == Some(id))?;
        let target = rel.attr("Target")?;
        Some(match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        })
    };
    let list = workbook.child("sheets").ok_or("xl/workbook.xml 中没有工作表")?;
    // The print area of sheet `i` (its index in the list): what Excel prints.
    let print = |i: usize| {
        let names = workbook.child("definedNames")?;
        let name = names.children_named("definedName").find(|n| {
            n.attr("name") == Some("_xlnm.Print_Area") && n.attr("localSheetId") == Some(i.to_string().as_str())
        })?;
        let text = name.own_text();
        let area = text.rsplit('!').next()?.split(',').next()?.replace('$', "");
        range(&area)
    };
    Ok(list
        .children_named("sheet")
        .enumerate()
        .map(|(i, s)| Sheet {
            name: s.attr("name").unwrap_or("").to_owned(),
            part: s.attr("id").and_then(target).unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1)),
            hidden: s.attr("state").is_some_and(|state| state != "visible"),
            print: print(i),
        })
        .collect())
}

/// Reads the sheet named `sheet`, or else the first visible sheet with
/// text; and the part of the package that sheet is in.
pub fn parse_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<(SourceDocument, String), String> {
    let mut package = Package::open(bytes)?;
    let sheets = sheets(&mut package)?;
    let names = || sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、");
    let strings = shared_strings(&mut package)?;
    let styles = Styles::read(&mut package)?;
    let chosen = match sheet {
        Some(name) => {
            let found = sheets.iter().find(|s| s.name == name);
            let found = found.ok_or_else(|| format!("没有名为“{name}”的工作表，这个文件的工作表：{}", names()))?;
            (read_sheet(&mut package, found, &strings, &styles)?, found.part.clone())
        }
        None => {
            let mut first = None;
            let mut with_text = None;
            for s in sheets.iter().filter(|s| !s.hidden) {
                let read = read_sheet(&mut package, s, &strings, &styles)?;
                if read.0.cells.iter().any(|c| !c.is_empty()) {
                    with_text = Some((read, s.part.clone()));
                    break;
                }
                first.get_or_insert((read, s.part.clone()));
            }
            with_text.or(first).ok_or_else(|| "工作簿中没有可见的工作表".to_owned())?
        }
    };
    let ((grid, (landscape, margins)), part) = chosen;
    Ok((SourceDocument { blocks: vec![Block::Table(grid)], landscape, margins }, part))
}

fn shared_strings(package: &mut Package) -> Result<Vec<String>, String> {
    let Some(table) = package.part("xl/sharedStrings.xml")? else { return Ok(Vec::new()) };
    Ok(table.children_named("si").map(rich_text).collect())
}

/// The text of a string item: its `t`, or its runs' (`r/t`), without the
/// phonetic guides (`rPh`).
fn rich_text(si: &Element) -> String {
    si.descendants(&["rPh"]).into_iter().filter(|e| e.name == "t").map(Element::own_text).collect()
}

/// What a cell's style says: its lines, alignment and font.
#[derive(Clone, Copy, Default)]
struct Look {
    sides: Sides,
    align: Align,
    size: Option<f32>,
    bold: bool,
    fill: Option<u32>,
}

struct Styles {
    looks: Vec<Look>,
}

impl Styles {
    fn read(package: &mut Package) -> Result<Styles, String> {
        let Some(styles) = package.part("xl/styles.xml")? else { return Ok(Styles { looks: Vec::new() }) };
        let borders: Vec<Sides> = styles
            .child("borders")
            .map(|b| {
                b.children_named("border")
                    .map(|border| {
                        let drawn = |name: &str| {
                            border.child(name).and_then(|s| s.attr("style")).is_some_and(|style| style != "none")
                        };
                        Sides { top: drawn("top"), right: drawn("right"), bottom: drawn("bottom"), left: drawn("left") }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let fonts: Vec<(Option<f32>, bool)> = styles
            .child("fonts")
            .map(|f| {
                f.children_named("font")
                    .map(|font| {
                        let size = font.child("sz").and_then(|s| s.attr("val")).and_then(|v| v.parse().ok());
                        let bold = font.child("b").is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false")));
                        (size, bold)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Solid fills by their foreground colour (`FFD9D9D9`); theme colours are not read.
        let fills: Vec<Option<u32>> = styles
            .child("fills")
            .map(|f| {
                f.children_named("fill")
                    .map(|fill| {
                        let pattern = fill.child("patternFill")?;
                        (pattern.attr("patternType") == Some("solid")).then_some(())?;
                        super::docx::shading(pattern.child("fgColor")?.attr("rgb"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let index = |xf: &Element, name: &str| xf.attr(name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        let looks = styles
            .child("cellXfs")
            .map(|x| {
                x.children_named("xf")
                    .map(|xf| {
                        let (size, bold) = fonts.get(index(xf, "fontId")).copied().unwrap_or((None, false));
                        let align = match xf.child("alignment").and_then(|a| a.attr("horizontal")) {
                            Some("center" | "centerContinuous") => Align::Center,
                            Some("right") => Align::Right,
                            _ => Align::Left,
                        };
                        Look {
                            sides: borders.get(index(xf, "borderId")).copied().unwrap_or_default(),
                            align,
                            size,
                            bold,
                            fill: fills.get(index(xf, "fillId")).copied().flatten(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Styles { looks })
    }

    fn look(&self, style: Option<&str>) -> Look {
        let index = style.and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
        self.looks.get(index).copied().unwrap_or_default()
    }
}

/// A cell as the sheet writes it.
struct Written {
    row: usize,
    col: usize,
    text: String,
    look: Look,
}

/// Whether a sheet prints landscape, and its margins.
type Page = (bool, Option<super::margins::Margins>);

/// One sheet as a grid, and how its page is set.
// Long on purpose: one pass over the sheet's XML events (columns, rows,
// cells, merges, page setup) with the state they share.
fn read_sheet(package: &mut Package, of: &Sheet, strings: &[String], styles: &Styles) -> Result<(Grid, Page), String> {
    let part = &of.part;
    let sheet = package.part(part)?.ok_or_else(|| format!("压缩包中没有工作表 {part}"))?;
    let format = sheet.child("sheetFormatPr");
    let number = |e: Option<&Element>, name: &str| e.and_then(|e| e.attr(name)).and_then(|v| v.parse::<f32>().ok());
    let default_width = number(format, "defaultColWidth").or(number(format, "baseColWidth").map(|w| w + 0.71));
    let default_width = default_width.unwrap_or(8.43);
    let default_height = number(format, "defaultRowHeight").unwrap_or(15.0);

    let mut written = Vec::new();
    let mut row_heights: Vec<(usize, Option<f32>, bool, bool)> = Vec::new();
    let data = sheet.child("sheetData");
    let mut next_row = 0;
    for row in data.iter().flat_map(|d| d.children_named("row")) {
        let r = row.attr("r").and_then(|v| v.parse::<usize>().ok()).map_or(next_row, |r| r.saturating_sub(1));
        next_row = r + 1;
        if r >= MAX_ROWS {
            // Formatted but empty rows far down are common; text there is not.
            if row.children_named("c").any(|c| !cell_value(c, strings).trim().is_empty()) {
                return Err(format!("工作表超过 {MAX_ROWS} 行：wenshu 导入的是一两页的表格"));
            }
            continue;
        }
        let hidden = matches!(row.attr("hidden"), Some("1" | "true"));
        // A row of its own height does not grow with its text.
        let custom = matches!(row.attr("customHeight"), Some("1" | "true"));
        row_heights.push((r, number(Some(row), "ht"), hidden, custom));
        let mut next_col = 0;
        for c in row.children_named("c") {
            let col =
                c.attr("r").and_then(|a| crate::forms::original::cell_of(a).map(|(_, col)| col)).unwrap_or(next_col);
            next_col = col + 1;
            let text = cell_value(c, strings);
            if col >= MAX_COLS {
                if !text.trim().is_empty() {
                    return Err(format!("工作表超过 {MAX_COLS} 列：wenshu 导入的是一两页的表格"));
                }
                continue;
            }
            written.push(Written { row: r, col, text, look: styles.look(c.attr("s")) });
        }
    }
    let mut merges: Vec<(usize, usize, usize, usize)> = sheet
        .child("mergeCells")
        .iter()
        .flat_map(|m| m.children_named("mergeCell"))
        .filter_map(|m| range(m.attr("ref")?))
        .collect();
    // Ranges that overlap (a sheet written by a careless exporter merges
    // B12:Q19 and B13:Q19 … B19:Q19): the largest is the cell, those
    // inside it are part of it, whatever order the file lists them in.
    merges.sort_by_key(|&(r0, c0, r1, c1)| std::cmp::Reverse((r1 + 1 - r0) * (c1 + 1 - c0)));
    let rows = written.iter().map(|w| w.row + 1).chain(merges.iter().map(|m| m.2 + 1)).max().unwrap_or(0);
    let cols = written.iter().map(|w| w.col + 1).chain(merges.iter().map(|m| m.3 + 1)).max().unwrap_or(0);
    let (rows, cols) = (rows.min(MAX_ROWS), cols.min(MAX_COLS));

    let mut widths = vec![default_width; cols];
    let mut hidden_cols = vec![false; cols];
    for col in sheet.child("cols").iter().flat_map(|c| c.children_named("col")) {
        let bound = |name| col.attr(name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        let (min, max) = (bound("min").max(1), bound("max").min(cols));
        for c in min..=max {
            widths[c - 1] = number(Some(col), "width").unwrap_or(default_width);
            hidden_cols[c - 1] = matches!(col.attr("hidden"), Some("1" | "true")) || widths[c - 1] <= 0.0;
        }
    }
    // Excel's width is in characters of the default font: about 7 pixels
    // each and 5 of padding, at 96 pixels to 72 points.
    let points = |chars: f32| (chars * 7.0 + 5.0) * 0.75;
    let mut grid = Grid::new(widths.iter().map(|&w| points(w)).collect(), rows);
    let mut hidden_rows = vec![false; rows];
    for (r, height, hidden, custom) in row_heights.into_iter().filter(|(r, ..)| *r < rows) {
        grid.heights[r] = Some(height.unwrap_or(default_height));
        grid.fixed[r] = custom && height.is_some();
        hidden_rows[r] = hidden;
    }
    for w in &written {
        if w.row < rows && w.col < cols {
            grid.draw(w.row..w.row + 1, w.col..w.col + 1, w.look.sides);
        }
    }
    // Each merged range is one cell, its text the top-left cell's.
    let mut covered = vec![vec![false; cols]; rows];
    for &(r0, c0, r1, c1) in &merges {
        let (r1, c1) = (r1.min(rows - 1), c1.min(cols - 1));
        if (r0..=r1).any(|r| (c0..=c1).any(|c| covered[r][c])) {
            continue;
        }
        (r0..=r1).for_each(|r| (c0..=c1).for_each(|c| covered[r][c] = true));
        let origin = written.iter().find(|w| w.row == r0 && w.col == c0);
        let text = origin.map(|w| w.text.clone()).unwrap_or_default();
        let look = origin.map(|w| w.look).unwrap_or_default();
        grid.cells.push(Cell {
            rowspan: r1 + 1 - r0,
            colspan: c1 + 1 - c0,
            align: look.align,
            bold: look.bold,
            size: look.size,
            origin: Some(Origin::Sheet { row: r0, col: c0 }),
            fill: look.fill,
            ..Cell::new(r0, c0, text)
        });
    }
    for w in written.iter().filter(|w| w.row < rows && w.col < cols && !covered[w.row][w.col]) {
        let look = w.look;
        let cell = Cell {
            align: look.align,
            bold: look.bold,
            size: look.size,
            fill: look.fill,
            origin: Some(Origin::Sheet { row: w.row, col: w.col }),
            ..Cell::new(w.row, w.col, &w.text)
        };
        grid.cells.push(cell);
    }
    grid.cells.sort_by_key(|c| (c.row, c.col));
    // A slot no cell is written for is still a cell of the sheet, to fill.
    grid.fill_holes();
    for cell in grid.cells.iter_mut().filter(|c| c.origin.is_none()) {
        cell.origin = Some(Origin::Sheet { row: cell.row, col: cell.col });
    }
    // Outside the print area (notes beside the form) is not printed either.
    if let Some((r0, c0, r1, c1)) = of.print {
        (0..cols).filter(|&c| c < c0 || c > c1).for_each(|c| hidden_cols[c] = true);
        (0..rows).filter(|&r| r < r0 || r > r1).for_each(|r| hidden_rows[r] = true);
    }
    for c in (0..cols).rev().filter(|&c| hidden_cols[c]) {
        grid.remove_column(c);
    }
    for r in (0..rows).rev().filter(|&r| hidden_rows[r]) {
        grid.remove_row(r);
    }
    let landscape = sheet.child("pageSetup").and_then(|p| p.attr("orientation")) == Some("landscape");
    Ok((grid, (landscape, super::margins::Margins::excel(sheet.child("pageMargins")))))
}

/// A cell's text as Excel shows it, near enough for a form: strings as
/// written, numbers without float noise. A formula's cell is left blank:
/// its value is computed from the blanks of the form.
fn cell_value(c: &Element, strings: &[String]) -> String {
    if c.child("f").is_some() {
        return String::new();
    }
    let value = c.child("v").map(Element::own_text).unwrap_or_default();
    match c.attr("t") {
        Some("s") => value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).cloned().unwrap_or_default(),
        Some("inlineStr") => c.child("is").map(rich_text).unwrap_or_default(),
        Some("b") => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_owned(),
        Some("str" | "e") => value,
        _ => number_text(&value),
    }
}

fn number_text(value: &str) -> String {
    match value.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
        Ok(n) if n.is_finite() => {
            let text = format!("{n:.10}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        _ => value.to_owned(),
    }
}

/// `A1:C2` → (0, 0, 1, 2): first and last row and column.
fn range(text: &str) -> Option<(usize, usize, usize, usize)> {
    let (a, b) = text.split_once(':')?;
    let ((r0, c0), (r1, c1)) = (crate::forms::original::cell_of(a)?, crate::forms::original::cell_of(b)?);
    (r0 <= r1 && c0 <= c1 && r1 < MAX_ROWS && c1 < MAX_COLS).then_some((r0, c0, r1, c1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_ranges() {
        assert_eq!(crate::forms::original::cell_of("A1"), Some((0, 0)));
        assert_eq!(crate::forms::original::cell_of("AB12"), Some((11, 27)));
        assert_eq!(crate::forms::original::cell_of("1A"), None);
        assert_eq!(crate::forms::original::cell_of("A0"), None);
        assert_eq!(range("E1:O1"), Some((0, 4, 0, 14)));
        assert_eq!(range("B2:A1"), None);
    }

    #[test]
    fn numbers_print_without_float_noise() {
        assert_eq!(number_text("3"), "3");
        assert_eq!(number_text("0.30000000000000004"), "0.3");
        assert_eq!(number_text("24.569"), "24.569");
        assert_eq!(number_text("abc"), "abc");
    }
}
