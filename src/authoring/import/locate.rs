//! Where each field of an imported form sits in the funder's own file,
//! recorded as the importer reads it and written into `form.yaml` as its
//! `original:` block (read back by `forms::original`): the lines with
//! fields (a body paragraph, a Word table's cell, a sheet's cell), a
//! list's rows and the indicator rows, each in the file's own counting.
//! `build --docx` / `--xlsx` fill the file there.

use std::fmt::Write;

use super::fields::{Kind, Unit};
use super::grid::{Block, Cell, Grid, Origin, Paragraph};
use super::model::{Content, Indicators, Line, List, Piece, Placed, Plan, Ref, Role, Room};

fn holds_values(line: &Line) -> bool {
    line.iter().any(|p| matches!(p, Piece::Value { .. } | Piece::Option { .. }))
}

/// A table cell's lines with fields (its content's lines are the cell's).
pub(super) fn cell(plan: &mut Plan, grid: &Grid, cell: &Cell, content: &Content) {
    let (Some(origin), Content::Lines(lines)) = (cell.origin, content) else { return };
    let room = room(grid, cell);
    for (line, pieces) in lines.iter().enumerate().filter(|(_, l)| holds_values(l)) {
        plan.places.push(Placed::Line { origin, line, pieces: pieces.clone(), room });
    }
}

/// The room of a cell whose rows all have a fixed height; its text's size
/// where the original gives one, else Word's default 五号 (10.5pt).
fn room(grid: &Grid, cell: &Cell) -> Option<Room> {
    let mut height = 0.0;
    for r in cell.rows() {
        if grid.fixed.get(r) != Some(&true) {
            return None;
        }
        height += grid.heights.get(r).copied().flatten()?;
    }
    let width = cell.cols().map(|c| grid.widths.get(c).copied().unwrap_or(0.0)).sum();
    Some(Room { height, width, size: cell.size.unwrap_or(10.5) })
}

/// A sheet's cell's width and text size with no height: what the filler
/// needs to grow a row it writes (Excel keeps a row's stored height).
fn reach(grid: &Grid, cell: &Cell, origin: Origin) -> Option<Room> {
    matches!(origin, Origin::Sheet { .. }).then(|| {
        let width = cell.cols().map(|c| grid.widths.get(c).copied().unwrap_or(0.0)).sum();
        Room { height: 0.0, width, size: cell.size.unwrap_or(11.0) }
    })
}

/// A body paragraph's lines with fields: `lines` are its lines with text.
pub(super) fn paragraph(plan: &mut Plan, p: &Paragraph, lines: &[Line]) {
    let Some(origin) = p.origin else { return };
    let with_text = p.text.split('\n').enumerate().filter(|(_, l)| !l.trim_matches(super::text::is_space).is_empty());
    for ((line, original), pieces) in with_text.zip(lines).filter(|(_, l)| holds_values(l)) {
        plan.places.push(Placed::Line { origin, line, pieces: with_tabs(pieces, original), room: None });
    }
}

/// A line's pieces with each spacing that is a tab in the original (a
/// right-aligned `金额单位：万元` after `填报单位（盖章）：`) written as one:
/// the filled paragraph keeps its tab stop. Pieces of text are found in
/// the original in turn; a value's text (a filled form's) is passed over.
fn with_tabs(pieces: &Line, original: &str) -> Line {
    let mut rest = original;
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                if let Some(at) = rest.find(t.as_str()) {
                    rest = &rest[at + t.len()..];
                }
                out.push(piece.clone());
            }
            Piece::Space(_) => {
                let start = rest.find(super::text::is_space).unwrap_or(rest.len());
                let run = &rest[start..];
                let end = run.find(|c| !super::text::is_space(c)).unwrap_or(run.len());
                let tab = run[..end].contains('\t');
                rest = &run[end..];
                out.push(if tab { Piece::Text("\t".to_owned()) } else { piece.clone() });
            }
            _ => out.push(piece.clone()),
        }
    }
    out
}

/// The blank paragraph under a prompt, where its prose field goes.
pub(super) fn area(plan: &mut Plan, field: usize, next: Option<&Block>) {
    if let Some(Block::Paragraph(Paragraph { origin: Some(origin), .. })) = next {
        let pieces = vec![Piece::Value { field: Ref::Field(field), empty: String::new(), width: 0.0 }];
        plan.places.push(Placed::Line { origin: *origin, line: 0, pieces, room: None });
    }
}

/// A list's rows.
pub(super) fn list(plan: &mut Plan, grid: &Grid, list: &List) {
    let row_cells = |r: usize| grid.cells.iter().filter(move |c| c.row == r);
    let (Some(first), Some(last)) =
        (row_cells(list.rows.start).find_map(|c| c.origin), row_cells(list.rows.end - 1).find_map(|c| c.origin))
    else {
        return;
    };
    let mut cells = Vec::new();
    for (cell, printed) in row_cells(list.rows.start).zip(&list.cells) {
        let (Some(origin), Content::Lines(lines)) = (cell.origin, &printed.content) else { continue };
        let lines = lines.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(k, l)| (k, l.clone())).collect();
        cells.push((origin, lines, room(grid, cell)));
    }
    plan.places.push(Placed::List { field: list.field, first, last, cells });
}

/// The indicator rows: each cell of the first takes its column's role.
/// A block whose form prints its own 一级/二级 names records them with
/// their rows: the project's indicators are filled under them. One with a
/// label left blank (the project's own name goes there) takes the
/// project's rows, 一级/二级 and all, as a block that prints none.
pub(super) fn indicators(plan: &mut Plan, grid: &Grid, block: &Indicators) {
    // A block with a label left blank (the project names it) is filled as
    // one of the project's rows.
    let labels = preprinted_labels(block).unwrap_or_default();
    let mut spans = Vec::new();
    let mut col = block.frame.map_or(0, |(_, c)| c + 1);
    for (role, span) in &block.columns {
        spans.push((col..col + span, *role));
        col += span;
    }
    let role_of = |c: &Cell| spans.iter().find(|(cols, _)| cols.contains(&c.col)).map_or(Role::Other, |(_, r)| *r);
    if block.rows.is_empty() {
        header_only(plan, grid, block.rows.start, &role_of);
        return;
    }
    // Every cell over the first row, those merged down from above (the
    // frame) too: a Word row has a cell for each.
    let mut first_row: Vec<&Cell> = grid.cells.iter().filter(|c| c.rows().contains(&block.rows.start)).collect();
    first_row.sort_by_key(|c| c.col);
    let starts = |r: usize| grid.cells.iter().filter(move |c| c.row == r).find_map(|c| c.origin);
    let Some(first) = starts(block.rows.start) else { return };
    let last = starts(block.rows.end - 1).unwrap_or(match first {
        Origin::Word { table, row, cell } => Origin::Word { table, row: row + block.rows.len() - 1, cell },
        Origin::Sheet { row, col } => Origin::Sheet { row: row + block.rows.len() - 1, col },
        other => other,
    });
    let columns = first_row
        .iter()
        .map(|c| {
            let role = role_of(c);
            // A cell of the first row of fixed height (not the frame's); a
            // sheet's cell records its width all the same.
            let room = (c.row == block.rows.start).then(|| room(grid, c).or_else(|| reach(grid, c, first))).flatten();
            (c.origin.unwrap_or(first), role, room)
        })
        .collect();
    plan.places.push(Placed::Indicators { first, last, columns, labels });
}

/// A block that is a header alone, its rows to be put in under it: its
/// rows recorded as the empty run under the header's last row (`rows:
/// [5, 4]` under row 4), each column by its cell in that row.
fn header_only(plan: &mut Plan, grid: &Grid, start: usize, role_of: &dyn Fn(&Cell) -> Role) {
    let Some(header) = start.checked_sub(1) else { return };
    let mut cells: Vec<&Cell> = grid.cells.iter().filter(|c| c.rows().contains(&header)).collect();
    cells.sort_by_key(|c| c.col);
    // Each cell's origin on the header's last row.
    let on_header = |c: &Cell| match c.origin? {
        Origin::Sheet { row, col } => Some(Origin::Sheet { row: row + header - c.row, col }),
        Origin::Word { table, row, cell } => Some(Origin::Word { table, row: row + header - c.row, cell }),
        Origin::Paragraph(_) => None,
    };
    let Some(last) = cells.iter().find_map(|c| on_header(c)) else { return };
    let first = match last {
        Origin::Sheet { row, col } => Origin::Sheet { row: row + 1, col },
        Origin::Word { table, row, cell } => Origin::Word { table, row: row + 1, cell },
        other => other,
    };
    let columns = cells.iter().map(|c| (on_header(c).unwrap_or(last), role_of(c), reach(grid, c, last))).collect();
    plan.places.push(Placed::Indicators { first, last, columns, labels: Vec::new() });
}

/// The 一级/二级 names a block prints, each 二级 with its rows, when every
/// label of it has a name; `None` for a block that prints none.
pub(super) fn preprinted_labels(block: &Indicators) -> Option<Vec<(String, String, usize)>> {
    if !block.prints_labels() || block.rows.is_empty() {
        return None;
    }
    let mut labels = Vec::new();
    for (level1, groups) in &block.layout {
        for (level2, rows) in groups {
            if level1.is_empty() || level2.is_empty() {
                return None;
            }
            labels.push((level1.clone(), level2.clone(), *rows));
        }
    }
    Some(labels)
}

/// The `original:` block of `form.yaml`: the file kept beside it, the
/// part of it the places are in, and the places.
pub fn manifest_block(plan: &Plan, file: &str, part: &str) -> String {
    let mut out = String::new();
    out.push_str(
        "# 原件：build --docx（Excel 原件为 --xlsx）把值填进这份文件本身；places 是每个栏目在原件中的位置\n\
         # （表格、行、单元格、段落都从 1 数；text 中 {键} 处填栏目的值，□ 处按所选打钩）。\n",
    );
    let _ = writeln!(out, "original:\n  file: {file}\n  part: {part}");
    if plan.places.is_empty() {
        return out;
    }
    out.push_str("  places:\n");
    for placed in &plan.places {
        match placed {
            Placed::Line { origin, line, pieces, room } => {
                let room = room_of(room);
                let _ =
                    writeln!(out, "    - {{ {}, line: {}, text: {}{room} }}", at(origin), line + 1, text(pieces, plan));
            }
            Placed::List { field, first, last, cells } => {
                let key = plan.fields.get(*field).map_or("", |f| f.key.as_str());
                let _ = writeln!(out, "    - list: {key}");
                let _ = writeln!(out, "      {}", rows(first, last));
                out.push_str("      cells:\n");
                for (origin, lines, room) in cells {
                    for (line, pieces) in lines {
                        let _ = writeln!(
                            out,
                            "        - {{ {}, line: {}, text: {}{} }}",
                            at(origin),
                            line + 1,
                            text(pieces, plan),
                            room_of(room)
                        );
                    }
                }
            }
            Placed::Indicators { first, last, columns, labels } => {
                let roles: Vec<String> = columns.iter().map(|(_, role, _)| role.name()).collect();
                let _ = writeln!(out, "    - indicators: true");
                let under = match (first, last) {
                    (Origin::Sheet { row: a, .. }, Origin::Sheet { row: b, .. })
                    | (Origin::Word { row: a, .. }, Origin::Word { row: b, .. })
                        if a > b =>
                    {
                        format!("   # 只有表头（第 {} 行）：指标逐行插在它下面", b + 1)
                    }
                    _ => String::new(),
                };
                let _ = writeln!(out, "      {}{under}", rows(first, last));
                let _ = writeln!(out, "      columns: [{}]", roles.join(", "));
                // A sheet's columns by their letters: the first row's cells;
                // a Word row's cells of fixed height, by their number.
                let refs: Vec<String> = columns
                    .iter()
                    .enumerate()
                    .filter_map(|(k, (origin, _, room))| match origin {
                        Origin::Sheet { .. } => Some(format!("{{ {}{} }}", at(origin), room_of(room))),
                        _ => room.map(|_| format!("{{ cell: {}{} }}", k + 1, room_of(room))),
                    })
                    .collect();
                if !refs.is_empty() {
                    let _ = writeln!(out, "      cells: [{}]", refs.join(", "));
                }
                if !labels.is_empty() {
                    out.push_str("      labels:                   # 表上印的一级、二级指标和各自的行数\n");
                }
                for (level1, level2, count) in labels {
                    let quote = |t: &str| format!("'{}'", t.replace('\'', "''"));
                    let _ = writeln!(out, "        - [{}, {}, {count}]", quote(level1), quote(level2));
                }
            }
        }
    }
    out
}

/// A cell's room as a place records it: `, height: 18, width: 100, size: 10.5`.
fn room_of(room: &Option<Room>) -> String {
    room.map_or_else(String::new, |r| {
        // A sheet's indicator cell records no height: its row grows.
        let height = if r.height > 0.0 { format!(", height: {}", points(r.height)) } else { String::new() };
        format!("{height}, width: {}, size: {}", points(r.width), points(r.size))
    })
}

/// Points with one decimal at most: `18`, `10.5`.
fn points(value: f32) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    format!("{tenths}")
}

fn at(origin: &Origin) -> String {
    match *origin {
        Origin::Paragraph(p) => format!("paragraph: {}", p + 1),
        Origin::Word { table, row, cell } => format!("table: {}, row: {}, cell: {}", table + 1, row + 1, cell + 1),
        Origin::Sheet { row, col } => format!("ref: {}", crate::forms::original::reference(row, col)),
    }
}

fn rows(first: &Origin, last: &Origin) -> String {
    match (*first, *last) {
        (Origin::Word { table, row, .. }, Origin::Word { row: end, .. }) => {
            format!("table: {}\n      rows: [{}, {}]", table + 1, row + 1, end + 1)
        }
        (Origin::Sheet { row, .. }, Origin::Sheet { row: end, .. }) => format!("rows: [{}, {}]", row + 1, end + 1),
        _ => String::new(),
    }
}

/// A line as a place's `text`, single-quoted for YAML.
fn text(pieces: &Line, plan: &Plan) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&crate::forms::original::literal(t)),
            Piece::Space(w) => out.push_str(&"\u{3000}".repeat(w.round().clamp(1.0, 12.0) as usize)),
            Piece::Number => out.push_str("{#}"),
            Piece::Value { field, .. } => {
                let (key, kind) = key_of(field, plan);
                let unit = match kind {
                    Some(Kind::Money(Unit::Wan)) => ":wan",
                    Some(Kind::Money(Unit::Yuan)) => ":yuan",
                    _ => "",
                };
                let _ = write!(out, "{{{key}{unit}}}");
            }
            Piece::Option { field, value, after } => {
                let (key, _) = key_of(field, plan);
                let value = value.replace(['{', '}'], "");
                if *after {
                    let _ = write!(out, "{{{key}={value}□}}");
                } else {
                    let _ = write!(out, "{{{key}=□{value}}}");
                }
            }
        }
    }
    format!("'{}'", out.replace('\'', "''"))
}

fn key_of<'p>(field: &Ref, plan: &'p Plan) -> (&'p str, Option<&'p Kind>) {
    match *field {
        Ref::Field(i) => plan.fields.get(i).map_or(("", None), |f| (f.key.as_str(), Some(&f.kind))),
        Ref::Column(t, c) => match plan.fields.get(t).map(|f| &f.kind) {
            Some(Kind::Table(columns)) => columns.get(c).map_or(("", None), |f| (f.key.as_str(), Some(&f.kind))),
            _ => ("", None),
        },
    }
}

/// The most entries a kept original may have, and the most it may
/// decompress to: a form is a few parts.
pub const MAX_ENTRIES: usize = 1000;
pub const MAX_UNPACKED: u64 = 100 * 1024 * 1024;

/// Why the original cannot be kept beside the form, if it cannot: too
/// large for a form folder, too many entries, or macros.
pub fn unkeepable(bytes: &[u8], max_file: u64) -> Option<String> {
    if bytes.len() as u64 > max_file {
        return Some(format!("原件超过 {} MB（表格文件夹里每个文件的上限）", max_file / 1024 / 1024));
    }
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if archive.len() > MAX_ENTRIES {
        return Some(format!("原件的压缩包里有 {} 项，超过 {MAX_ENTRIES} 项", archive.len()));
    }
    if archive.decompressed_size().is_some_and(|n| n > u128::from(MAX_UNPACKED)) {
        return Some(format!("原件解压后超过 {} MB", MAX_UNPACKED / 1024 / 1024));
    }
    let macros =
        archive.file_names().filter_map(Result::ok).any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"));
    macros.then(|| "原件含宏（.docm/.xlsm），wenshu 不保存、不填写含宏的文件：请另存为 .docx/.xlsx 后再导入".to_owned())
}
