//! The indicator block of an Excel original filled: one indicator a row,
//! its columns written into the cells of the block's columns. A block of
//! the project's rows takes them from its first row, rows inserted above
//! its last when it has fewer (as a list's); a block whose form prints its
//! own 一级/二级 takes each indicator in a row of its 二级, rows inserted
//! above that 二级's last when it has more. Where rows went in, the 一级 and
//! 二级 cells are merged down again over their rows (`mergeCells`), as the
//! PDF merges them; the frame's merge (绩效指标) grows as Excel grows it.

use std::collections::BTreeMap;

use crate::forms::original::{Original, Place, cell_of, reference};

use super::spans;
use super::values::{Item, Values};

/// A block of the sheet: its rows (from 0), each column's first sheet
/// column and what it prints.
struct Block<'a> {
    place: &'a Place,
    first: usize,
    last: usize,
    columns: Vec<(usize, &'a str)>,
    /// Each column's width and text size in points, where the form records them.
    rooms: Vec<Option<(f32, f32)>>,
}

/// One run of rows of the filled block: the rows it had in the original
/// (`[first, last]`, from 0), its items, and its 一级/二级 names.
struct Run {
    first: usize,
    last: usize,
    items: Vec<Item>,
    level1: String,
    level2: String,
}

fn blocks(original: &Original) -> Vec<(usize, Block<'_>)> {
    let mut out = Vec::new();
    for (k, place) in original.places.iter().enumerate().filter(|(_, p)| p.indicators) {
        let [first, last] = place.rows[..] else { continue };
        if first == 0 || last < first {
            continue;
        }
        let (columns, rooms): (Vec<_>, Vec<_>) = place
            .cells
            .iter()
            .zip(&place.columns)
            .filter_map(|(cell, role)| {
                let room = cell.width.zip(cell.size).filter(|(w, s)| *w > 0.0 && *s > 0.0);
                Some(((cell_of(cell.reference.as_deref()?)?.1, role.as_str()), room))
            })
            .unzip();
        // A block recorded before sheets named their columns: left as printed.
        if columns.is_empty() {
            continue;
        }
        out.push((k, Block { place, first: first - 1, last: last - 1, columns, rooms }));
    }
    out
}

/// The runs of a block: each 二级 label's rows, or the project's rows
/// all in one.
fn runs(k: usize, block: &Block, values: &Values) -> Vec<Run> {
    let Some(groups) = values.preprinted.get(&k) else {
        let items = values
            .indicators
            .iter()
            .map(|row| {
                let mut item = row.columns.clone();
                item.insert("indicator".to_owned(), row.indicator.clone());
                item.insert("target".to_owned(), row.target.clone());
                item
            })
            .collect();
        return vec![Run { first: block.first, last: block.last, items, level1: String::new(), level2: String::new() }];
    };
    let mut at = block.first;
    let mut out = Vec::new();
    for ((level1, level2, rows), items) in block.place.labels.iter().zip(groups) {
        let rows = (*rows).max(1);
        out.push(Run {
            first: at,
            last: at + rows - 1,
            items: items.clone(),
            level1: level1.clone(),
            level2: level2.clone(),
        });
        at += rows;
    }
    out
}

/// The rows to put in: `(at, n)`, `n` copies of row `at` above it.
pub fn insertions(original: &Original, values: &Values) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, block) in blocks(original) {
        for run in runs(k, &block, values) {
            let had = run.last + 1 - run.first;
            if run.items.len() > had {
                out.push((run.last, run.items.len() - had));
            }
        }
    }
    out
}

/// A cell's text, and whether it is written as a number.
pub type Written = (String, bool);

/// The cells the blocks write, at their rows once `shifted`, and the
/// merges of their 一级/二级 columns where a block grew: the ranges to
/// drop (inside the block, in those columns) and those to add.
pub struct Filled {
    pub contents: BTreeMap<(usize, usize), Written>,
    pub merges: Vec<Merges>,
    /// The height each written row needs for its text, in points.
    pub heights: BTreeMap<usize, f32>,
    /// The block's other cells: what a filled sample wrote there last year
    /// (a 偏差原因, a ✔) must not stand beside this year's indicators.
    pub cleared: Vec<(usize, usize)>,
}

/// One grown block's merges: its rows and level columns, and the new
/// ranges.
pub struct Merges {
    rows: (usize, usize),
    columns: Vec<(usize, usize)>,
    add: Vec<String>,
}

pub fn fill(original: &Original, values: &Values, shifted: &dyn Fn(usize) -> usize) -> Filled {
    let mut filled =
        Filled { contents: BTreeMap::new(), merges: Vec::new(), heights: BTreeMap::new(), cleared: Vec::new() };
    for (k, block) in blocks(original) {
        let labelled = values.preprinted.contains_key(&k);
        let span = |j: usize| {
            let (col, _) = block.columns[j];
            let end = block.columns.get(j + 1).map_or(col, |(next, _)| next.saturating_sub(1).max(col));
            (col, end)
        };
        let level = |name: &str| block.columns.iter().position(|(_, role)| *role == name).map(span);
        let (level1, level2) = (level("level1"), level("level2"));
        let room_of =
            |name: &str| block.columns.iter().position(|(_, role)| *role == name).and_then(|j| block.rooms[j]);
        let (room1, room2) = (room_of("level1"), room_of("level2"));
        let mut grown = false;
        // The final rows of each run, and the names over them.
        let mut placed: Vec<(usize, usize, &Run)> = Vec::new();
        let runs = runs(k, &block, values);
        for run in &runs {
            let had = run.last + 1 - run.first;
            grown |= run.items.len() > had;
            let end = shifted(run.last);
            let start = end + 1 - had.max(run.items.len());
            for (i, item) in run.items.iter().enumerate() {
                for ((col, role), room) in block.columns.iter().zip(&block.rooms) {
                    let Some(text) = item.get(*role).filter(|t| !t.is_empty()) else { continue };
                    let number = matches!(*role, "points" | "score") && text.parse::<f64>().is_ok();
                    filled.contents.insert((start + i, *col), (text.clone(), number));
                    if let Some((width, size)) = room {
                        let needed = super::row_heights::needed(text, *width, *size);
                        let height = filled.heights.entry(start + i).or_insert(0.0);
                        *height = height.max(needed);
                    }
                }
            }
            placed.push((start, end, run));
        }
        // Every cell of the block's rows this fill does not write, but the
        // printed 一级/二级 of a labelled block.
        let printed = |col: usize| labelled && [level1, level2].iter().flatten().any(|&(a, b)| (a..=b).contains(&col));
        let (Some(&(from, _)), Some(&(to, _))) = (block.columns.first(), block.columns.last()) else { continue };
        for &(start, end, _) in &placed {
            for row in start..=end {
                let blank = (from..=to).filter(|&c| !printed(c) && !filled.contents.contains_key(&(row, c)));
                filled.cleared.extend(blank.map(|c| (row, c)));
            }
        }
        let mut add = Vec::new();
        let mut merge = |col: Option<(usize, usize)>, room: Option<(f32, f32)>, name: &str, from: usize, to: usize| {
            let Some((c0, c1)) = col else { return };
            if !name.is_empty() {
                filled.contents.insert((from, c0), (name.to_owned(), false));
            }
            // A name in one row grows that row as a cell's text does.
            if let (Some((width, size)), true) = (room, from == to && !name.is_empty()) {
                let height = filled.heights.entry(from).or_insert(0.0);
                *height = height.max(super::row_heights::needed(name, width, size));
            }
            if to > from || c1 > c0 {
                add.push(format!("{}:{}", reference(from, c0), reference(to, c1)));
            }
        };
        if labelled {
            if !grown {
                continue;
            }
            // Each 一级 over its runs, each 二级 over its own.
            let mut i = 0;
            while i < placed.len() {
                let j = (i..placed.len()).take_while(|&j| placed[j].2.level1 == placed[i].2.level1).last().unwrap_or(i);
                merge(level1, room1, &placed[i].2.level1, placed[i].0, placed[j].1);
                for (start, end, run) in &placed[i..=j] {
                    merge(level2, room2, &run.level2, *start, *end);
                }
                i = j + 1;
            }
        } else {
            // The project's own 一级/二级, merged down as the PDF does.
            let Some(&(start, _, _)) = placed.first().filter(|_| !values.indicators.is_empty()) else { continue };
            for (i, row) in values.indicators.iter().enumerate() {
                if let Some((name, n)) = &row.level1 {
                    merge(level1, room1, name, start + i, start + i + n.saturating_sub(1));
                }
                if let Some((name, n)) = &row.level2 {
                    merge(level2, room2, name, start + i, start + i + n.saturating_sub(1));
                }
            }
        }
        // The rows merged anew: a labelled block's all, else the project's
        // rows (the blank rows under them keep their own merges).
        let start = placed.first().map_or(0, |p| p.0);
        let end = if labelled { placed.last().map_or(0, |p| p.1) } else { start + values.indicators.len() - 1 };
        let rows = (start, end);
        filled.merges.push(Merges { rows, columns: level1.into_iter().chain(level2).collect(), add });
    }
    filled
}

/// The sheet with each grown block's 一级/二级 merges made anew.
pub fn merge(xml: &str, merges: &[Merges]) -> Result<String, String> {
    if merges.iter().all(|m| m.add.is_empty() && m.columns.is_empty()) {
        return Ok(xml.to_owned());
    }
    let root = spans::parse(xml).map_err(|err| format!("原件的工作表不是有效的 XML：{err}"))?;
    let sheet = root.children.iter().find(|c| c.local() == "worksheet").ok_or("原件的工作表中没有 worksheet")?;
    let prefix = super::paragraph::prefix(&sheet.name);
    let list = sheet.child("mergeCells");
    let mut edits = Vec::new();
    let mut kept = 0;
    for cell in list.iter().flat_map(|m| m.children.iter()) {
        let Some(range) = cell.attr(xml, "ref") else { continue };
        let ends: Vec<(usize, usize)> = range.split(':').filter_map(cell_of).collect();
        // A range over the rows merged anew, in their level columns (one
        // reaching past them too: two merges must not overlap).
        let inside = |m: &Merges| {
            let (Some(&(r0, c0)), Some(&(r1, c1))) = (ends.first(), ends.last()) else { return false };
            r0 <= m.rows.1 && r1 >= m.rows.0 && m.columns.iter().any(|&(a, b)| c0 <= b && c1 >= a)
        };
        if !ends.is_empty() && merges.iter().any(inside) {
            edits.push((cell.start..cell.end, String::new()));
        } else {
            kept += 1;
        }
    }
    let added: Vec<&String> = merges.iter().flat_map(|m| &m.add).collect();
    let new: String = added.iter().map(|r| format!("<{prefix}mergeCell ref=\"{r}\"/>")).collect();
    let count = kept + added.len();
    match list {
        Some(list) if list.open < list.end => {
            let at = list.end - list.name.len() - 3;
            edits.push((at..at, new));
            let tag = &xml[list.start..list.open];
            let counted = match tag.find(" count=\"") {
                Some(i) => {
                    let start = i + 8;
                    let len = tag[start..].find('"').unwrap_or(0);
                    format!("{}{count}{}", &tag[..start], &tag[start + len..])
                }
                None => tag.to_owned(),
            };
            edits.push((list.start..list.open, counted));
        }
        _ if !added.is_empty() => {
            // After sheetData and what Excel puts before the merges.
            let before = [
                "sheetData",
                "sheetCalcPr",
                "sheetProtection",
                "protectedRanges",
                "scenarios",
                "autoFilter",
                "sortState",
                "dataConsolidate",
                "customSheetViews",
            ];
            let at = sheet.children.iter().filter(|c| before.contains(&c.local())).map(|c| c.end).max();
            let Some(at) = at else { return Ok(xml.to_owned()) };
            edits.push((at..at, format!("<{prefix}mergeCells count=\"{count}\">{new}</{prefix}mergeCells>")));
        }
        _ => {}
    }
    Ok(spans::splice(xml, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grown_blocks_level_merges_are_made_anew_and_the_others_kept() {
        let xml = r#"<worksheet><sheetData/><mergeCells count="3"><mergeCell ref="B3:B4"/><mergeCell ref="A3:A10"/><mergeCell ref="B8:C8"/></mergeCells></worksheet>"#;
        let merges = [Merges { rows: (2, 4), columns: vec![(1, 1)], add: vec!["B3:B5".to_owned()] }];
        let out = merge(xml, &merges).unwrap();
        assert_eq!(
            out,
            r#"<worksheet><sheetData/><mergeCells count="3"><mergeCell ref="A3:A10"/><mergeCell ref="B8:C8"/><mergeCell ref="B3:B5"/></mergeCells></worksheet>"#
        );
        // A sheet with no merges yet gets its list after sheetData.
        let out = merge("<worksheet><sheetData/><pageMargins/></worksheet>", &merges).unwrap();
        assert!(
            out.contains(r#"<sheetData/><mergeCells count="1"><mergeCell ref="B3:B5"/></mergeCells><pageMargins/>"#),
            "{out}"
        );
    }
}
