//! A table of an imported form read cell by cell: each cell a label, a
//! prompt with room under it, blanks (its fields) or nothing; rows of
//! blanks under a header a list (a `table` field); a block under
//! 一级/二级/三级指标 the project's indicators. Blanks are named from the
//! labels around them (`Around`).

use std::ops::Range;

use super::fields::{self, Field, Kind};
use super::grid::{Cell, Grid};
use super::model::{
    Content, Line, List, PROMPTS, Piece, Plan, Ref, Table, TableCell, add, shared, slot_field, slot_label, value_piece,
};
use super::text::{self, Token};

/// What a cell of the grid is, before its fields are made.
#[derive(Debug, Clone)]
enum Read {
    /// Text only.
    Label(Vec<String>),
    /// Text with blanks or options, line by line.
    Tokens(Vec<Vec<Token>>),
    /// A prompt and the space under it for writing.
    Prompt(Vec<String>),
    /// A blank cell with lines around it: something to fill.
    Blank,
    /// A blank cell nobody fills.
    Empty,
}

impl Read {
    /// The text a neighbour takes as its label.
    fn label_text(&self) -> Option<String> {
        let text = match self {
            Read::Label(lines) | Read::Prompt(lines) => lines.join(""),
            Read::Tokens(lines) => lines
                .iter()
                .flatten()
                .filter_map(|t| match t {
                    Token::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect(),
            Read::Blank | Read::Empty => return None,
        };
        let text = text.trim_matches(text::is_space).to_owned();
        (!text.is_empty()).then_some(text)
    }

    /// Text that labels the cells around it: not a number (data), not
    /// where a signature goes.
    fn labels(&self) -> bool {
        match self {
            Read::Label(_) | Read::Prompt(_) | Read::Tokens(_) if !self.is_blank() => {
                self.naming_text().is_some_and(|t| {
                    !fields::is_number(&t) && !text::SIGNATURES.iter().any(|s| t.contains(s)) && !hint(&t) && !mark(&t)
                })
            }
            _ => false,
        }
    }

    /// The text that names a neighbour: a cell of options names one only
    /// by its lines without options (变更事项 over □内容变更 □期限变更);
    /// “调整类型：□内容变更 □期限变更” or “能（□…）不能□” is a question, no label.
    fn naming_text(&self) -> Option<String> {
        let choice = |line: &Vec<Token>| line.iter().any(|t| matches!(t, Token::Choice { .. }));
        match self {
            Read::Tokens(lines) if lines.iter().any(choice) => {
                let own: Vec<Vec<Token>> = lines.iter().filter(|l| !choice(l)).cloned().collect();
                Read::Tokens(own).label_text()
            }
            _ => self.label_text(),
        }
    }

    /// A cell with nothing of its own to print but blanks (and their unit).
    fn is_blank(&self) -> bool {
        match self {
            Read::Blank | Read::Empty => true,
            Read::Tokens(lines) => lines.iter().flatten().all(|t| match t {
                Token::Slot(_) | Token::Space(_) => true,
                Token::Text(t) => text::UNITS.contains(&t.trim_matches(text::is_space)),
                Token::Choice { .. } => false,
            }),
            _ => false,
        }
    }
}

/// A mark a form prints in a cell (✓, ☐, ■, ※): no words, so no label.
fn mark(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !text.chars().any(char::is_alphanumeric)
}

/// Text that names nothing: a hint in brackets (（由主办方填写）), or the
/// numbers of lines to write on (1、2、).
fn hint(text: &str) -> bool {
    let bracketed = text.starts_with(['（', '(']) && text.ends_with(['）', ')']);
    bracketed || text.chars().all(|c| c.is_ascii_digit() || "、.．".contains(c))
}

fn read_cell(cell: &Cell, grid: &Grid) -> Read {
    let lines: Vec<&str> = cell.text.split('\n').map(|l| l.trim_start_matches(text::is_space)).collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.trim_end_matches(text::is_space)).collect();
    if texts.iter().all(|t| t.is_empty()) {
        // A grey empty cell is one not to fill (由主办方填写); a coloured one
        // may mark where to write.
        let grey = cell.fill.is_some_and(|rgb| {
            let [r, g, b] = [(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF].map(|c| c as i32);
            (r - g).abs() < 16 && (g - b).abs() < 16 && r < 0xF8
        });
        let ruled = grid.sides_of(cell).count() >= 3 && !grey;
        return if ruled { Read::Blank } else { Read::Empty };
    }
    // Numbered lines with nothing after them (合作机构 “1、” “2、”): one blank each.
    let numbered = |t: &str| {
        let number = t.trim_end_matches(['、', '.', '．']);
        number.len() < t.len() && !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
    };
    let written: Vec<&str> = texts.iter().copied().filter(|t| !t.is_empty()).collect();
    if written.len() >= 2 && written.iter().all(|t| numbered(t)) {
        let lines = written.iter().map(|t| vec![Token::Text((*t).to_owned()), Token::Slot(text::Slot::default())]);
        return Read::Tokens(lines.collect());
    }
    let tokens: Vec<Vec<Token>> = lines.iter().map(|l| text::tokens(l)).collect();
    if tokens.iter().flatten().any(|t| matches!(t, Token::Slot(_) | Token::Choice { .. })) {
        return Read::Tokens(tokens);
    }
    let last_text = texts.iter().rposition(|t| !t.is_empty()).unwrap_or(0);
    let room_below = last_text + 1 < texts.len();
    let joined: String = texts.concat();
    let tall = cell.rows().filter_map(|r| grid.heights.get(r).copied().flatten()).sum::<f32>() >= 40.0;
    let wide = cell.colspan * 2 > grid.cols() || grid.cols() == 1;
    let prompt = room_below && wide && (tall || PROMPTS.iter().any(|w| joined.contains(w))) && !joined.contains("下表");
    if prompt {
        Read::Prompt(texts[..=last_text].iter().map(|t| (*t).to_owned()).collect())
    } else {
        Read::Label(texts.iter().map(|t| (*t).to_owned()).collect())
    }
}

/// The labels around a cell: the label just left of it, the nearest label
/// above it (through blanks, no wider than it), and the nearest label left
/// of it in its row that is not itself under a label (a row's title:
/// 项目负责人, 合计).
struct Around {
    left: Option<String>,
    above: Option<String>,
    row: Option<String>,
}

impl Around {
    fn of(index: usize, cells: &[Cell], reads: &[Read], at: &[Vec<Option<usize>>], lists: &[Range<usize>]) -> Around {
        let cell = &cells[index];
        let label = |i: usize| reads[i].labels().then(|| reads[i].naming_text()).flatten();
        let left = cell.col.checked_sub(1).and_then(|c| at[cell.row][c]).filter(|&i| i != index).and_then(label);
        let mut above = None;
        for r in (0..cell.row).rev() {
            let Some(i) = at[r][cell.col] else { continue };
            if i == index || lists.iter().any(|l| l.contains(&r)) {
                continue;
            }
            // A label with a blank to its right labels that blank, not a column.
            let labels_right = || {
                let right = at[r].get(cells[i].col + cells[i].colspan).copied().flatten();
                right.is_some_and(|j| reads[j].is_blank() && !matches!(reads[j], Read::Empty))
            };
            match &reads[i] {
                _ if reads[i].labels() && labels_right() => break,
                _ if reads[i].labels() && cells[i].colspan <= cell.colspan && cells[i].col >= cell.col => {
                    // A blank labelled just left of it takes a label above only from a
                    // column's header, not from a neighbouring row's label or value.
                    if left.is_none() || heads_columns(i, cells, reads, at) {
                        above = label(i);
                    }
                    break;
                }
                _ if reads[i].is_blank() || fields::is_number(&cells[i].text) || mark(&cells[i].text) => continue,
                _ => break,
            }
        }
        let titled = |i: usize| {
            let c = &cells[i];
            let over = c.row.checked_sub(1).and_then(|r| at[r][c.col]);
            c.row == cell.row && c.rowspan == cell.rowspan && (c.col == 0 || !over.is_some_and(|j| reads[j].labels()))
        };
        let row = (0..cell.col)
            .rev()
            .filter_map(|c| at[cell.row][c])
            .find(|&i| reads[i].labels())
            .filter(|&i| titled(i))
            .and_then(label);
        Around { left, above, row }
    }

    /// The label of a blank: the column's header (after the row's title,
    /// in a table of rows), else the label beside it.
    fn label(&self) -> Option<String> {
        let tidy = |t: &String| fields::tidy_label(t);
        match (&self.above, &self.row, &self.left) {
            (Some(a), Some(r), _) if tidy(r) != tidy(a) => {
                Some(format!("{}{}{}", tidy(r), super::names::JOIN, tidy(a)))
            }
            (Some(a), _, _) => Some(tidy(a)),
            (None, _, Some(l)) => Some(tidy(l)),
            (None, Some(r), None) => Some(tidy(r)),
            (None, None, None) => None,
        }
    }
}

/// Whether the label `index` heads a column of blanks: two or more blanks
/// (or figures) under it, or a row of labels each over a blank.
fn heads_columns(index: usize, cells: &[Cell], reads: &[Read], at: &[Vec<Option<usize>>]) -> bool {
    let written =
        |j: usize| !matches!(reads[j], Read::Empty) && (reads[j].is_blank() || fields::is_number(&cells[j].text));
    let below = |c: &Cell| at.get(c.row + c.rowspan).and_then(|row| row.get(c.col).copied().flatten());
    let x = &cells[index];
    let mut run = 0;
    let mut next = below(x);
    while let Some(j) = next.filter(|&j| written(j)) {
        run += 1;
        next = below(&cells[j]).filter(|&k| k != j);
    }
    let row = (0..cells.len()).filter(|&j| cells[j].row == x.row && reads[j].labels());
    run >= 2 || row.filter(|&j| below(&cells[j]).is_some_and(written)).count() >= 2
}

pub(super) fn read_table(grid: &Grid, number: usize, heading: Option<&str>, plan: &mut Plan) -> Table {
    let reads: Vec<Read> = grid.cells.iter().map(|c| read_cell(c, grid)).collect();
    let at = grid.occupancy();
    let texts: Vec<Option<String>> = reads.iter().map(|r| r.label_text().filter(|_| !r.is_blank())).collect();
    let indicators = super::indicators::find(grid, &texts);
    let indicator_rows = indicators.as_ref().map_or(0..0, |b| b.rows.clone());
    let mut lists = find_lists(grid, &reads, &indicator_rows);
    // A filled form's values (cells answering their labels, filled rows) read as blanks: see values.
    let written: Vec<Option<String>> =
        reads.iter().map(|r| if let Read::Label(l) = r { Some(l.join("\n")) } else { None }).collect();
    let labelling: Vec<bool> = reads.iter().map(Read::labels).collect();
    let filled = super::values::read(grid, &written, &labelling, &mut lists, indicators.as_ref());
    let (taken, skip) = (filled.taken, filled.skip);
    let in_list = |r: usize| lists.iter().any(|l| l.contains(&r));
    let original = reads.clone();
    let slot =
        |head: &str| text::Slot { label: Some(head.trim_end_matches(['：', ':']).to_owned()), ..Default::default() };
    let reads: Vec<Read> = (reads.into_iter().zip(&taken).zip(&filled.heads))
        .map(|((read, value), head)| match (value, head) {
            (_, Some(head)) => Read::Tokens(vec![vec![Token::Text(head.clone()), Token::Slot(slot(head))]]),
            (Some(_), None) => Read::Blank,
            (None, None) => read,
        })
        .collect();

    if let Some(block) = &indicators {
        super::locate::indicators(plan, grid, block);
    }
    let mut table = Table {
        widths: grid.widths.clone(),
        heights: grid.heights.clone(),
        cells: Vec::new(),
        ruled: grid.fully_ruled(),
        lists: Vec::new(),
        indicators,
    };
    // The unit a line before the table declares (金额单位：万元).
    let document_unit = plan.labels.iter().rev().find_map(|l| super::bind::unit_in(l).filter(|_| l.contains("单位")));
    let mut r = 0;
    while r < grid.rows() {
        if let Some(rows) = lists.iter().find(|l| l.start == r) {
            let list = read_list(grid, &reads, &at, rows.clone(), number, heading, plan);
            super::locate::list(plan, grid, &list);
            super::values::record_rows(plan, grid, &list, &taken);
            table.lists.push(list);
            r = rows.end;
            continue;
        }
        if indicator_rows.contains(&r) || in_list(r) {
            r += 1;
            continue;
        }
        // The blank corner of a header row is no field: first in its row, or
        // before a run of column headings (项目资金（万元）| ␣ | 年初预算数 |
        // 全年预算数 | 全年执行数 …), where nothing is asked.
        let in_row = || grid.cells.iter().zip(&reads).filter(|(c, _)| c.row == r);
        let blank_col = in_row().find(|(_, read)| read.is_blank()).map(|(c, _)| c.col);
        let headings_after = |col: usize| in_row().filter(|(c, read)| c.col > col && read.labels()).count();
        let header = in_row().filter(|(_, read)| read.is_blank()).count() == 1
            && in_row().all(|(_, read)| read.labels() || read.is_blank())
            && blank_col.is_some_and(|col| col == 0 || headings_after(col) >= 3);
        // The row under a list (合计) leaves its numbers' column blank.
        let numbered = |col: usize| lists.iter().any(|l| l.end == r && numbers_in(grid, l).flatten() == Some(col));
        for (i, cell) in grid.cells.iter().enumerate().filter(|(_, c)| c.row == r) {
            let around = Around::of(i, &grid.cells, &reads, &at, &skip);
            let place = format!("field_{number}_{}_{}", cell.row + 1, cell.col + 1);
            let read = match &reads[i] {
                Read::Blank if header || around.label().is_none() || numbered(cell.col) => match taken[i] {
                    Some(_) => &original[i],
                    None => &Read::Empty,
                },
                read => read,
            };
            let before = plan.fields.len();
            let content = cell_content(read, cell, grid, &around, place, plan, None);
            if plan.fields.len() > before {
                let (row, header) = (row_title(i, grid, &reads, &at), header_of(i, grid, &reads, &at));
                let unit = super::bind::unit_of(i, grid, &at).or(document_unit);
                let place = super::bind::Place { row: row.as_deref(), header: header.as_deref(), unit };
                plan.fields[before..].iter_mut().for_each(|f| super::bind::bind(f, &place));
            }
            super::values::record(plan, taken[i].as_deref(), &content);
            super::locate::cell(plan, grid, cell, &content);
            table.cells.push(TableCell {
                row: cell.row,
                col: cell.col,
                rowspan: cell.rowspan,
                colspan: cell.colspan,
                align: cell.align,
                sides: grid.sides_of(cell),
                fill: cell.fill,
                content,
            });
        }
        r += 1;
    }
    table
}

/// A cell's content, its blanks made fields of the plan (or, in a list's
/// row, columns of `list`).
// Long on purpose: one match over what a cell can hold (label, blank,
// placeholder, options, label and blank together), each arm a few lines.
fn cell_content(
    read: &Read,
    cell: &Cell,
    grid: &Grid,
    around: &Around,
    place: String,
    plan: &mut Plan,
    list: Option<usize>,
) -> Content {
    // Labelled beside it (not by its column's header), a blank may share
    // the field of another blank of the same label.
    let beside = around.above.is_none();
    let new_field = |plan: &mut Plan, key: String, label: String, kind: Kind, beside: bool| -> Ref {
        match list {
            Some(table) => {
                let Some(Field { kind: Kind::Table(columns), .. }) = plan.fields.get_mut(table) else {
                    return Ref::Field(0);
                };
                columns.push(Field { key, label, kind, rows: 0, from: None });
                Ref::Column(table, columns.len() - 1)
            }
            None if beside => Ref::Field(shared(plan, key, label, kind)),
            None => Ref::Field(add(plan, key, label, kind)),
        }
    };
    match read {
        Read::Label(lines) => {
            plan.labels.push(lines.concat());
            Content::Label(lines.clone())
        }
        Read::Empty => Content::Empty,
        Read::Blank => {
            let label = around.label().unwrap_or_else(|| place.clone());
            let key = super::names::key_of(&label).unwrap_or(place);
            let height: f32 = cell.rows().filter_map(|r| grid.heights.get(r).copied().flatten()).sum();
            let kind = match fields::kind_of(&label) {
                Kind::Text if height >= 60.0 && cell.colspan * 2 >= grid.cols() => Kind::Prose,
                kind => kind,
            };
            let field = new_field(plan, key, label, kind, beside);
            Content::Lines(vec![vec![Piece::Value { field, empty: String::new(), width: 0.0 }]])
        }
        Read::Prompt(lines) => {
            plan.labels.push(lines.concat());
            let label = fields::tidy_label(&fields::clean(&lines.concat()));
            let key = super::names::key_of(&label).unwrap_or(place);
            let field = new_field(plan, key, label, Kind::Prose, false);
            let mut out: Vec<Line> = lines.iter().map(|l| vec![Piece::Text(l.clone())]).collect();
            out.push(vec![Piece::Value { field, empty: String::new(), width: 0.0 }]);
            Content::Lines(out)
        }
        Read::Tokens(lines) => {
            let around_label = around.label();
            let groups = super::choices::groups(lines);
            let mut choices: Vec<Option<Ref>> = vec![None; groups.values.len()];
            let mut labels: Vec<String> = vec![String::new(); groups.values.len()];
            let mut slots = 0;
            let mut out = Vec::new();
            let options = !groups.values.is_empty();
            for (line, tokens) in lines.iter().enumerate() {
                let mut pieces = Vec::new();
                for (k, token) in tokens.iter().enumerate() {
                    match token {
                        Token::Text(t) => pieces.push(Piece::Text(t.clone())),
                        Token::Space(w) => pieces.push(Piece::Space(*w)),
                        // Beside options, a blank is the space for “其他”: kept as space.
                        Token::Slot(slot) if options => pieces.push(Piece::Space(slot.width.max(1.0))),
                        Token::Choice { value, after } => {
                            let g = groups.of(line, k);
                            // A nested question's field comes after the one it belongs to.
                            for q in groups.lineage(g) {
                                if choices[q].is_none() {
                                    let beside = around.left.as_deref().or(around.above.as_deref());
                                    let label = super::choices::name(&groups, q, &labels, beside, &place);
                                    let fallback = if q == 0 { place.clone() } else { format!("{place}_{}", q + 1) };
                                    let key = super::names::key_of(&label).unwrap_or(fallback);
                                    let kind = Kind::Choice(groups.values[q].clone());
                                    choices[q] = Some(new_field(plan, key, label.clone(), kind, false));
                                    labels[q] = super::choices::nest(plan, &groups, q, &choices, label);
                                }
                            }
                            let Some(field) = choices[g] else { continue };
                            pieces.push(Piece::Option { field, value: value.clone(), after: *after });
                        }
                        Token::Slot(slot) => {
                            slots += 1;
                            let label = slot_label(slot, &tokens[k + 1..], around_label.as_deref());
                            let fallback = if slots == 1 { place.clone() } else { format!("{place}_{slots}") };
                            let own = slot.label.is_some() || beside;
                            let (key, label, kind) = slot_field(slot, &label, fallback);
                            let field = new_field(plan, key, label, kind, own);
                            pieces.push(value_piece(field, slot));
                        }
                    }
                }
                out.push(pieces);
            }
            if let Some(text) = read.label_text().filter(|_| !read.is_blank()) {
                plan.labels.push(text);
            }
            Content::Lines(out)
        }
    }
}

/// Runs of two or more rows of blanks, alike, right under a row of labels
/// naming their columns, that no cell from outside cuts across: a list's rows.
fn find_lists(grid: &Grid, reads: &[Read], claimed: &Range<usize>) -> Vec<Range<usize>> {
    let at = grid.occupancy();
    let row_cells = |r: usize| -> Vec<usize> { (0..grid.cells.len()).filter(|&i| grid.cells[i].row == r).collect() };
    let shape = |r: usize| -> Vec<(usize, usize, usize)> {
        row_cells(r).iter().map(|&i| (grid.cells[i].col, grid.cells[i].colspan, grid.cells[i].rowspan)).collect()
    };
    // A row of blanks (and row numbers) whose cells span one row.
    let blank_row = |r: usize| {
        let cells = row_cells(r);
        !cells.is_empty()
            && cells.iter().all(|&i| grid.cells[i].rowspan == 1)
            && cells.iter().any(|&i| reads[i].is_blank() && !matches!(reads[i], Read::Empty))
            && cells.iter().all(|&i| reads[i].is_blank() || number_of(&grid.cells[i]).is_some())
    };
    // Right under labels: each cell of the row has a label just above it.
    let headed = |r: usize| {
        r > 0
            && row_cells(r).iter().filter(|&&i| !matches!(reads[i], Read::Empty)).all(|&i| {
                let c = &grid.cells[i];
                at[r - 1][c.col].is_some_and(|j| reads[j].labels() || number_of(&grid.cells[j]).is_some())
            })
            && row_cells(r).iter().any(|&i| at[r - 1][grid.cells[i].col].is_some_and(|j| reads[j].labels()))
    };
    let mut runs = Vec::new();
    let mut r = 0;
    while r < grid.rows() {
        if claimed.contains(&r) || !blank_row(r) || !headed(r) {
            r += 1;
            continue;
        }
        let mut end = r + 1;
        while end < grid.rows() && !claimed.contains(&end) && blank_row(end) && shape(end) == shape(r) {
            end += 1;
        }
        let rows = r..end;
        // Cells from outside must cover the whole run.
        let cut = grid.cells.iter().any(|c| {
            let crosses = c.row < rows.start && c.row + c.rowspan > rows.start;
            (crosses && c.row + c.rowspan < rows.end) || (rows.contains(&c.row) && c.row + c.rowspan > rows.end)
        });
        if rows.len() >= 2 && !cut && numbers_in(grid, &rows).is_some() {
            runs.push(rows);
        }
        r = end;
    }
    runs
}

/// The row number a cell prints (`1`, `12`), if that is all it prints.
fn number_of(cell: &Cell) -> Option<usize> {
    cell.text.trim_matches(text::is_space).parse::<usize>().ok().filter(|&n| n > 0 && n < 1000)
}

/// Whether the numbers in a run's cells count its rows from 1 (cells left
/// blank allowed): `Some(column)` of the numbers, `Some(None)` for none.
fn numbers_in(grid: &Grid, rows: &Range<usize>) -> Option<Option<usize>> {
    if let Some(lead) = super::values::counting_column(grid, rows) {
        return Some(Some(lead));
    }
    let numbered: Vec<&Cell> = grid.cells.iter().filter(|c| rows.contains(&c.row) && number_of(c).is_some()).collect();
    let Some(first) = numbered.first() else { return Some(None) };
    let same_column = numbered.iter().all(|c| c.col == first.col);
    let counting = numbered.iter().all(|c| number_of(c) == Some(c.row - rows.start + 1));
    (same_column && counting).then_some(Some(first.col))
}

fn read_list(
    grid: &Grid,
    reads: &[Read],
    at: &[Vec<Option<usize>>],
    rows: Range<usize>,
    number: usize,
    heading: Option<&str>,
    plan: &mut Plan,
) -> List {
    let numbers = numbers_in(grid, &rows).flatten();
    let header = rows.start - 1;
    // Its label: a full-width label over its header, else the heading
    // before the table, else its first column's.
    let title = (0..header).rev().find_map(|r| {
        let i = at[r][0]?;
        let c = &grid.cells[i];
        (c.row == r && c.colspan == grid.cols() && reads[i].labels()).then(|| reads[i].label_text()).flatten()
    });
    let columns: Vec<usize> = (0..grid.cells.len()).filter(|&i| grid.cells[i].row == rows.start).collect();
    let first_header = columns
        .iter()
        .filter(|&&i| Some(grid.cells[i].col) != numbers)
        .find_map(|&i| at[header][grid.cells[i].col].and_then(|j| reads[j].label_text()));
    let label = title.or(heading.map(str::to_owned)).map(|l| fields::tidy_label(&fields::clean(&l)));
    let label = label.filter(|l| !l.is_empty());
    let key = label.as_deref().and_then(super::names::key_of).or_else(|| {
        let column = first_header.as_deref().and_then(super::names::key_of)?;
        Some(format!("{column}_list"))
    });
    let label = label.or_else(|| first_header.map(|h| format!("{}等", fields::tidy_label(&h))));
    let label = label.unwrap_or_else(|| format!("第{number}个表格的明细"));
    let key = key.unwrap_or_else(|| format!("table_{number}_{}", rows.start + 1));
    let field = add(plan, key, label, Kind::Table(Vec::new()));
    plan.fields[field].rows = rows.len();
    let mut cells = Vec::new();
    for &i in &columns {
        let cell = &grid.cells[i];
        let content = if Some(cell.col) == numbers {
            Content::Lines(vec![vec![Piece::Number]])
        } else {
            let around = Around::of(i, &grid.cells, reads, at, &[]);
            let around = Around { left: None, row: None, ..around };
            let place = format!("col_{}", cell.col + 1);
            let read = match &reads[i] {
                Read::Empty => Read::Empty,
                read if read.is_blank() => Read::Blank,
                read => read.clone(),
            };
            cell_content(&read, cell, grid, &around, place, plan, Some(field))
        };
        let sides = grid.sides_of(cell);
        cells.push(TableCell {
            row: 0,
            col: cell.col,
            rowspan: 1,
            colspan: cell.colspan,
            align: cell.align,
            sides,
            fill: cell.fill,
            content,
        });
    }
    List { rows, field, cells }
}

/// The label starting a cell's row: the nearest label left of it that
/// starts in its row, else any label left of it.
fn row_title(index: usize, grid: &Grid, reads: &[Read], at: &[Vec<Option<usize>>]) -> Option<String> {
    let cell = &grid.cells[index];
    let left = (0..cell.col).rev().filter_map(|c| at[cell.row][c]).filter(|&i| reads[i].labels());
    let own = left.clone().find(|&i| grid.cells[i].row == cell.row);
    own.or_else(|| left.clone().next()).and_then(|i| reads[i].naming_text())
}

/// The nearest label over a cell's column, through blanks and dashes.
fn header_of(index: usize, grid: &Grid, reads: &[Read], at: &[Vec<Option<usize>>]) -> Option<String> {
    let cell = &grid.cells[index];
    for r in (0..cell.row).rev() {
        let Some(i) = at[r][cell.col] else { continue };
        let text = reads[i].label_text().unwrap_or_default();
        if reads[i].is_blank() || text.trim() == "—" || fields::is_number(&text) {
            continue;
        }
        return reads[i].labels().then(|| reads[i].naming_text()).flatten();
    }
    None
}
