//! What an imported form prints where: its title, paragraphs and tables,
//! each table cell a label or the blanks of fields; rows of blanks under a
//! header become a list (a `table` field, printed at least as many rows as
//! the original has), and a block of 一级/二级/三级指标 rows the project's
//! own indicators.

use std::ops::Range;

use super::fields::{self, Field, Kind, Unit};
use super::grid::{Align, Block, Cell, Document, Grid, Paragraph, Sides};
use super::text::{self, Slot, Token};

/// The form, read.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub parts: Vec<Part>,
    pub fields: Vec<Field>,
    /// The title, blanks left out: the form's default name.
    pub title: Option<String>,
    pub landscape: bool,
    /// Whether a block prints the project's indicators.
    pub indicators: bool,
    /// The texts printed as they are.
    pub labels: Vec<String>,
    /// Fields labelled beside them, which a blank of the same label and key
    /// shares (the 项目名称 of a cover page and of the table after it).
    shared: Vec<usize>,
}

#[derive(Debug, Clone)]
pub enum Part {
    Title(Vec<Line>),
    /// A line of text; its size in points when the original sets one apart.
    Paragraph {
        line: Line,
        align: Align,
        size: Option<f32>,
        bold: bool,
    },
    /// Blank lines the original leaves (a cover page's spacing).
    Gap(usize),
    /// The space under a prompt, where a prose field prints.
    Area(usize),
    Table(Table),
    PageBreak,
}

pub type Line = Vec<Piece>;

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// Spacing kept from the original, in em.
    Space(f32),
    /// A field's value; `empty` is printed when it has none.
    Value {
        field: Ref,
        empty: String,
        width: f32,
    },
    /// `□value`, printed ■ when the field holds `value`.
    Option {
        field: Ref,
        value: String,
        after: bool,
    },
    /// The number of a list's row.
    Number,
}

/// A field, or a column of a list's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Field(usize),
    Column(usize, usize),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub widths: Vec<f32>,
    pub heights: Vec<Option<f32>>,
    /// The cells printed as they are: every cell but a list's or an
    /// indicator block's rows.
    pub cells: Vec<TableCell>,
    /// Whether every line is drawn; else each cell has its own sides.
    pub ruled: bool,
    pub lists: Vec<List>,
    pub indicators: Option<Indicators>,
}

#[derive(Debug, Clone)]
pub struct TableCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub align: Align,
    /// The lines drawn around it.
    pub sides: Sides,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Text printed as it is, line by line.
    Label(Vec<String>),
    /// Text with blanks.
    Lines(Vec<Line>),
    /// Nothing: a cell nobody fills (unruled, or outside the form).
    Empty,
}

/// Rows of blanks under a header: a `table` field's rows, at least as
/// many as the original has.
#[derive(Debug, Clone)]
pub struct List {
    pub rows: Range<usize>,
    pub field: usize,
    /// The cells of one row (`row` 0), their blanks the field's columns.
    pub cells: Vec<TableCell>,
}

/// Rows that print the project's indicators.
#[derive(Debug, Clone)]
pub struct Indicators {
    pub rows: Range<usize>,
    /// Each column of the header: what it prints, and its span.
    pub columns: Vec<(Role, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Level1,
    Level2,
    Indicator,
    Target,
    Other,
}

/// Words before a prompt's blank space.
const PROMPTS: [&str; 3] = ["字以内", "字左右", "字以上"];

/// Reads a tidied document.
pub fn plan(document: &Document) -> Plan {
    let mut plan = Plan { landscape: document.landscape, ..Plan::default() };
    let title = title_lines(&document.blocks);
    let (mut tables, mut paragraphs) = (0, 0);
    let mut i = 0;
    while i < document.blocks.len() {
        match &document.blocks[i] {
            Block::PageBreak => plan.parts.push(Part::PageBreak),
            Block::Table(grid) => {
                tables += 1;
                let heading = heading_before(&document.blocks[..i]).filter(|_| !title.contains(&i.saturating_sub(1)));
                let table = read_table(grid, tables, heading.as_deref(), &mut plan);
                plan.parts.push(Part::Table(table));
            }
            Block::Paragraph(p) if title.contains(&i) => {
                let mut lines = Vec::new();
                let mut j = i;
                while j < document.blocks.len() && title.contains(&j) {
                    if let Block::Paragraph(p) = &document.blocks[j] {
                        lines.extend(paragraph_lines(p, &format!("p{}", paragraphs + 1), &mut plan));
                        paragraphs += 1;
                    }
                    j += 1;
                }
                // The last line names the document (`2017年XX区残联` / `申请购买助残服务项目申报书`).
                let name = lines.last().map(|l| close_brackets(&plain(l))).unwrap_or_default();
                plan.title = Some(name).filter(|t| !t.is_empty());
                plan.labels.extend(lines.iter().map(plain));
                plan.parts.push(Part::Title(lines));
                i = j;
                continue;
            }
            Block::Paragraph(p) if p.text.trim_matches(text::is_space).is_empty() => {
                // Two or more blank lines are the original's spacing.
                let run = document.blocks[i..]
                    .iter()
                    .take_while(|b| matches!(b, Block::Paragraph(p) if p.text.trim_matches(text::is_space).is_empty()))
                    .count();
                let inside = i > 0 && i + run < document.blocks.len();
                if run >= 2 && inside && !matches!(plan.parts.last(), Some(Part::Area(_))) {
                    plan.parts.push(Part::Gap(run));
                }
                i += run;
                continue;
            }
            Block::Paragraph(p) => {
                paragraphs += 1;
                let before = plan.fields.len();
                let lines = paragraph_lines(p, &format!("p{paragraphs}"), &mut plan);
                let blank_follows = matches!(document.blocks.get(i + 1),
                    Some(Block::Paragraph(next)) if next.text.trim_matches(text::is_space).is_empty());
                let prompt = plan.fields.len() == before
                    && blank_follows
                    && (PROMPTS.iter().any(|w| p.text.contains(w)) || p.text.trim_end().ends_with(['：', ':']));
                plan.labels.extend(lines.iter().map(plain).filter(|t| !t.trim().is_empty()));
                // A size set apart from the body's (a heading's 14pt) is kept.
                let size = p.size.filter(|s| (s - 11.0).abs() >= 2.0).map(|s| s.clamp(8.0, 16.0));
                for line in lines {
                    plan.parts.push(Part::Paragraph { line, align: p.align, size, bold: p.bold });
                }
                if prompt {
                    let label = fields::tidy_label(&fields::clean(&p.text));
                    let key = fields::key_of(&p.text).unwrap_or_else(|| format!("text_{paragraphs}"));
                    let field = add(&mut plan, key, label, Kind::Prose);
                    plan.parts.push(Part::Area(field));
                }
            }
        }
        i += 1;
    }
    plan.indicators = plan.parts.iter().any(|p| matches!(p, Part::Table(t) if t.indicators.is_some()));
    fields::dedupe(&mut plan.fields);
    plan
}

/// The indices of the title's paragraphs: before the first table, the
/// run of lines in the largest type (14pt or more), else the first
/// centred line.
fn title_lines(blocks: &[Block]) -> Vec<usize> {
    let leading: Vec<(usize, &Paragraph)> = blocks
        .iter()
        .enumerate()
        .take_while(|(_, b)| !matches!(b, Block::Table(_) | Block::PageBreak))
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if !p.text.trim_matches(text::is_space).is_empty() => Some((i, p)),
            _ => None,
        })
        .collect();
    let largest = leading.iter().filter_map(|(_, p)| p.size).fold(0.0f32, f32::max);
    if largest >= 14.0 {
        let first = leading.iter().position(|(_, p)| p.size == Some(largest)).unwrap_or(0);
        let run = leading[first..].iter().take_while(|(_, p)| p.size == Some(largest) && p.text.chars().count() <= 60);
        return run.map(|(i, _)| *i).collect();
    }
    let centred = leading.iter().find(|(_, p)| p.align == Align::Center && p.text.chars().count() <= 60);
    centred.map(|(i, _)| vec![*i]).unwrap_or_default()
}

/// The heading just before a table (`六、项目预算`), for a list's label.
fn heading_before(blocks: &[Block]) -> Option<String> {
    match blocks.iter().rev().find(|b| !matches!(b, Block::Paragraph(p) if p.text.trim().is_empty()))? {
        Block::Paragraph(p) if p.text.chars().count() <= 30 => Some(fields::clean(&p.text)),
        _ => None,
    }
}

/// A paragraph's lines, its blanks made fields keyed by `place`.
fn paragraph_lines(p: &Paragraph, place: &str, plan: &mut Plan) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut slots = 0;
    let lines_of = p.text.split('\n').filter(|l| !l.trim_matches(text::is_space).is_empty());
    for line in lines_of.map(|l| l.trim_start_matches(text::is_space)) {
        let tokens = text::tokens(line);
        let mut pieces = Vec::new();
        let mut choice: Option<usize> = None;
        for (k, token) in tokens.iter().enumerate() {
            match token {
                Token::Text(t) => pieces.push(Piece::Text(t.clone())),
                Token::Space(w) => pieces.push(Piece::Space(*w)),
                Token::Choice { value, after } => {
                    let field = *choice.get_or_insert_with(|| {
                        let label = choice_label(&tokens, "");
                        let key = fields::key_of(&label).unwrap_or_else(|| format!("field_{place}"));
                        add(plan, key, fields::tidy_label(&label), Kind::Choice(Vec::new()))
                    });
                    add_option(plan, field, value);
                    pieces.push(Piece::Option { field: Ref::Field(field), value: value.clone(), after: *after });
                }
                Token::Slot(slot) => {
                    slots += 1;
                    let label = slot_label(slot, &tokens[k + 1..], None);
                    let fallback = if slots == 1 { format!("field_{place}") } else { format!("field_{place}_{slots}") };
                    let (key, label, kind) = slot_field(slot, &label, fallback);
                    let field = shared(plan, key, label, kind);
                    pieces.push(value_piece(Ref::Field(field), slot));
                }
            }
        }
        lines.push(pieces);
    }
    lines
}

fn value_piece(field: Ref, slot: &Slot) -> Piece {
    Piece::Value { field, empty: slot.empty.clone(), width: slot.width }
}

/// The label of a blank: its own (`金额：`), the name of a `{{name}}`
/// beside its line, what its neighbours say, or its line.
fn slot_label(slot: &Slot, after: &[Token], around: Option<&str>) -> String {
    if let Some(label) = &slot.label {
        return label.clone();
    }
    let next = after.iter().find_map(|t| match t {
        Token::Text(t) => t.chars().find(|c| !text::is_space(*c) && !"（()）".contains(*c)),
        _ => None,
    });
    match next {
        Some('年') => return format!("{}（年份）", fields::tidy_label(&slot.context)),
        Some('月') => return "月份".to_owned(),
        _ => {}
    }
    around.map(str::to_owned).filter(|a| !a.is_empty()).unwrap_or_else(|| slot.context.clone())
}

/// A blank's key, label and type.
fn slot_field(slot: &Slot, label: &str, fallback: String) -> (String, String, Kind) {
    let kind = if slot.date {
        Kind::Date
    } else {
        match slot.unit.as_deref() {
            Some("万元") => Kind::Money(Unit::Wan),
            Some("元") => Kind::Money(Unit::Yuan),
            _ => fields::kind_of(label),
        }
    };
    let year = label.ends_with("（年份）");
    let key = slot
        .name
        .as_deref()
        .and_then(fields::key_of_name)
        .or_else(|| match year {
            true => Some(fields::key_of(label).map_or_else(|| "year".to_owned(), |k| format!("{k}_year"))),
            false => fields::key_of(label),
        })
        .unwrap_or(fallback);
    let label = if year { label.to_owned() } else { fields::tidy_label(label) };
    let (key, label) = match label.is_empty() {
        true if slot.date => (if key.starts_with("field_") { "date".to_owned() } else { key }, "日期".to_owned()),
        true => (key.clone(), key),
        false => (key, label),
    };
    (key, label, kind)
}

/// The label of a line's choice: the words before its first box.
fn choice_label(tokens: &[Token], around: &str) -> String {
    let head: String = tokens
        .iter()
        .take_while(|t| !matches!(t, Token::Choice { .. }))
        .filter_map(|t| match t {
            Token::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let head = fields::tidy_label(head.trim_end_matches(['：', ':']));
    if !around.is_empty() { around.to_owned() } else { head }
}

/// A field labelled beside it: the one already made for the same label,
/// key and type, else a new one. Keys of place (`field_3_2`) are never shared.
fn shared(plan: &mut Plan, key: String, label: String, kind: Kind) -> usize {
    let placed = key.starts_with("field_") || key.starts_with("text_");
    let same = |f: &Field| f.key == key && f.label == label && f.kind == kind;
    if let Some(i) = plan.shared.iter().copied().find(|&i| !placed && same(&plan.fields[i])) {
        return i;
    }
    let i = add(plan, key, label, kind);
    plan.shared.push(i);
    i
}

fn add(plan: &mut Plan, key: String, label: String, kind: Kind) -> usize {
    plan.fields.push(Field { key, label, kind, rows: 0 });
    plan.fields.len() - 1
}

fn add_option(plan: &mut Plan, field: usize, value: &str) {
    if let Some(Field { kind: Kind::Choice(values), .. }) = plan.fields.get_mut(field)
        && !values.iter().any(|v| v == value)
    {
        values.push(value.to_owned());
    }
}

/// A line's text, its blanks left out.
fn plain(line: &Line) -> String {
    line.iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Option { value, .. } => value.clone(),
            _ => String::new(),
        })
        .collect()
}

/// A title with its blanks taken out: no empty brackets, no spaces.
fn close_brackets(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    for empty in ["（）", "()", "“”"] {
        out = out.replace(empty, "");
    }
    out
}

// ---------------------------------------------------------------------------
// Tables.

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
            Read::Label(_) | Read::Prompt(_) | Read::Tokens(_) if !self.is_blank() => self
                .label_text()
                .is_some_and(|t| !fields::is_number(&t) && !text::SIGNATURES.iter().any(|s| t.contains(s))),
            _ => false,
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

fn read_cell(cell: &Cell, grid: &Grid) -> Read {
    let lines: Vec<&str> = cell.text.split('\n').map(|l| l.trim_start_matches(text::is_space)).collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.trim_end_matches(text::is_space)).collect();
    if texts.iter().all(|t| t.is_empty()) {
        let ruled = grid.sides_of(cell).count() >= 3;
        return if ruled { Read::Blank } else { Read::Empty };
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
        let label = |i: usize| reads[i].labels().then(|| reads[i].label_text()).flatten();
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
                    above = label(i);
                    break;
                }
                _ if reads[i].is_blank() || fields::is_number(&cells[i].text) => continue,
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
            (Some(a), Some(r), _) if tidy(r) != tidy(a) => Some(format!("{}{}", tidy(r), tidy(a))),
            (Some(a), _, _) => Some(tidy(a)),
            (None, _, Some(l)) => Some(tidy(l)),
            (None, Some(r), None) => Some(tidy(r)),
            (None, None, None) => None,
        }
    }
}

fn read_table(grid: &Grid, number: usize, heading: Option<&str>, plan: &mut Plan) -> Table {
    let reads: Vec<Read> = grid.cells.iter().map(|c| read_cell(c, grid)).collect();
    let at = grid.occupancy();
    let indicators = find_indicators(grid, &reads);
    let indicator_rows = indicators.as_ref().map_or(0..0, |b| b.rows.clone());
    let lists = find_lists(grid, &reads, &indicator_rows);
    let in_list = |r: usize| lists.iter().any(|l| l.contains(&r));

    let mut table = Table {
        widths: grid.widths.clone(),
        heights: grid.heights.clone(),
        cells: Vec::new(),
        ruled: grid.fully_ruled(),
        lists: Vec::new(),
        indicators,
    };
    let mut r = 0;
    while r < grid.rows() {
        if let Some(rows) = lists.iter().find(|l| l.start == r) {
            let list = read_list(grid, &reads, &at, rows.clone(), number, heading, plan);
            table.lists.push(list);
            r = rows.end;
            continue;
        }
        if indicator_rows.contains(&r) || in_list(r) {
            r += 1;
            continue;
        }
        // The blank corner of a header row is no field.
        let in_row = || grid.cells.iter().zip(&reads).filter(|(c, _)| c.row == r);
        let header = in_row().filter(|(_, read)| read.is_blank()).count() == 1
            && in_row().all(|(c, read)| read.labels() || (c.col == 0 && read.is_blank()));
        // The row under a list (合计) leaves its numbers' column blank.
        let numbered = |col: usize| lists.iter().any(|l| l.end == r && numbers_in(grid, l).flatten() == Some(col));
        for (i, cell) in grid.cells.iter().enumerate().filter(|(_, c)| c.row == r) {
            let around = Around::of(i, &grid.cells, &reads, &at, &lists);
            let place = format!("field_{number}_{}_{}", cell.row + 1, cell.col + 1);
            let read = match &reads[i] {
                Read::Blank if header || around.label().is_none() || numbered(cell.col) => &Read::Empty,
                read => read,
            };
            let content = cell_content(read, cell, grid, &around, place, plan, None);
            table.cells.push(TableCell {
                row: cell.row,
                col: cell.col,
                rowspan: cell.rowspan,
                colspan: cell.colspan,
                align: cell.align,
                sides: grid.sides_of(cell),
                content,
            });
        }
        r += 1;
    }
    table
}

/// A cell's content, its blanks made fields of the plan (or, in a list's
/// row, columns of `list`).
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
                columns.push(Field { key, label, kind, rows: 0 });
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
            let key = fields::key_of(&label).unwrap_or(place);
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
            let key = fields::key_of(&label).unwrap_or(place);
            let field = new_field(plan, key, label, Kind::Prose, false);
            let mut out: Vec<Line> = lines.iter().map(|l| vec![Piece::Text(l.clone())]).collect();
            out.push(vec![Piece::Value { field, empty: String::new(), width: 0.0 }]);
            Content::Lines(out)
        }
        Read::Tokens(lines) => {
            let around_label = around.label();
            let mut choice: Option<Ref> = None;
            let mut slots = 0;
            let mut out = Vec::new();
            let options: Vec<String> = lines
                .iter()
                .flatten()
                .filter_map(|t| match t {
                    Token::Choice { value, .. } => Some(value.clone()),
                    _ => None,
                })
                .collect();
            for tokens in lines {
                let mut pieces = Vec::new();
                for (k, token) in tokens.iter().enumerate() {
                    match token {
                        Token::Text(t) => pieces.push(Piece::Text(t.clone())),
                        Token::Space(w) => pieces.push(Piece::Space(*w)),
                        // Beside options, a blank is the space for “其他”: kept as space.
                        Token::Slot(slot) if !options.is_empty() => pieces.push(Piece::Space(slot.width.max(1.0))),
                        Token::Choice { value, after } => {
                            let field = *choice.get_or_insert_with(|| {
                                let label = around.left.clone().or(around.above.clone()).unwrap_or_default();
                                let label = choice_label(tokens, &fields::tidy_label(&label));
                                let label = if label.is_empty() { place.clone() } else { label };
                                let key = fields::key_of(&label).unwrap_or_else(|| place.clone());
                                new_field(plan, key, label, Kind::Choice(options.clone()), false)
                            });
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
    let key = label.as_deref().and_then(fields::key_of).or_else(|| {
        let column = first_header.as_deref().and_then(fields::key_of)?;
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
            content,
        });
    }
    List { rows, field, cells }
}

/// A header row naming indicator levels, over rows left blank but for
/// the 一级/二级 names: the rows the project's indicators print in.
fn find_indicators(grid: &Grid, reads: &[Read]) -> Option<Indicators> {
    let role = |text: &str| {
        let t: String = text.chars().filter(|c| !text::is_space(*c)).collect();
        if t.contains("一级指标") || t == "一级" {
            Role::Level1
        } else if t.contains("二级指标") || t == "二级" {
            Role::Level2
        } else if t.contains("三级指标") || t.contains("指标内容") || t.contains("指标名称") || t == "具体指标"
        {
            Role::Indicator
        } else if t.contains("指标值") || t.contains("目标值") {
            Role::Target
        } else {
            Role::Other
        }
    };
    for header in 0..grid.rows() {
        let cells: Vec<usize> = (0..grid.cells.len()).filter(|&i| grid.cells[i].row == header).collect();
        let columns: Vec<(Role, usize, usize)> = cells
            .iter()
            .map(|&i| {
                let c = &grid.cells[i];
                (reads[i].label_text().map_or(Role::Other, |t| role(&t)), c.col, c.colspan)
            })
            .collect();
        let roles: Vec<Role> = columns.iter().map(|c| c.0).filter(|r| *r != Role::Other).collect();
        let levels = roles.iter().any(|r| matches!(r, Role::Level1 | Role::Level2 | Role::Indicator));
        let whole = columns.iter().map(|c| c.2).sum::<usize>() == grid.cols();
        if roles.len() < 2 || !levels || !whole || cells.iter().any(|&i| grid.cells[i].rowspan > 1) {
            continue;
        }
        let level_cols: Vec<usize> =
            columns.iter().filter(|c| matches!(c.0, Role::Level1 | Role::Level2)).map(|c| c.1).collect();
        let body_row = |r: usize| {
            grid.cells.iter().enumerate().filter(|(_, c)| c.row == r).all(|(i, c)| {
                reads[i].is_blank() || (level_cols.contains(&c.col) && matches!(reads[i], Read::Label(_)))
            })
        };
        let end = (header + 1..grid.rows()).find(|&r| !body_row(r)).unwrap_or(grid.rows());
        let rows = header + 1..end;
        let cut = grid.cells.iter().any(|c| {
            let inside = rows.contains(&c.row);
            (c.row < rows.start && c.row + c.rowspan > rows.start) || (inside && c.row + c.rowspan > rows.end)
        });
        if rows.is_empty() || cut {
            continue;
        }
        return Some(Indicators { rows, columns: columns.into_iter().map(|(role, _, span)| (role, span)).collect() });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Sides;

    fn ruled(widths: &[f32], rows: usize, cells: Vec<Cell>) -> Grid {
        let mut grid = Grid::new(widths.to_vec(), rows);
        for line in grid.h.iter_mut().chain(grid.v.iter_mut()) {
            line.iter_mut().for_each(|d| *d = true);
        }
        grid.cells = cells;
        let _ = Sides::ALL;
        grid
    }

    fn keys(plan: &Plan) -> Vec<String> {
        plan.fields.iter().map(|f| format!("{}:{}", f.key, f.label)).collect()
    }

    #[test]
    fn labels_name_the_blanks_beside_and_below_them() {
        let grid = ruled(
            &[100.0; 4],
            3,
            vec![
                Cell::new(0, 0, "项目名称"),
                Cell { colspan: 3, ..Cell::new(0, 1, "") },
                Cell::new(1, 0, ""),
                Cell::new(1, 1, "姓名"),
                Cell::new(1, 2, "手机"),
                Cell::new(1, 3, "某某栏目"),
                Cell::new(2, 0, "项目负责人"),
                Cell::new(2, 1, ""),
                Cell::new(2, 2, ""),
                Cell::new(2, 3, ""),
            ],
        );
        let plan = plan(&Document { blocks: vec![Block::Table(grid)], landscape: false });
        assert_eq!(
            keys(&plan),
            [
                "project_name:项目名称",
                "project_leader_name:项目负责人姓名",
                "project_leader_mobile:项目负责人手机",
                "field_1_3_4:项目负责人某某栏目"
            ]
        );
    }

    #[test]
    fn rows_of_blanks_under_a_header_are_a_list() {
        let mut cells = vec![Cell::new(0, 0, "序号"), Cell::new(0, 1, "姓名"), Cell::new(0, 2, "金额（元）")];
        for r in 1..4 {
            cells.extend([Cell::new(r, 0, r.to_string()), Cell::new(r, 1, ""), Cell::new(r, 2, "")]);
        }
        let grid = ruled(&[50.0, 100.0, 100.0], 4, cells);
        let blocks =
            vec![Block::Paragraph(Paragraph { text: "五、项目团队".into(), ..Default::default() }), Block::Table(grid)];
        let plan = plan(&Document { blocks, landscape: false });
        assert_eq!(plan.fields.len(), 1);
        let field = &plan.fields[0];
        assert_eq!((field.key.as_str(), field.label.as_str(), field.rows), ("name_list", "项目团队", 3));
        let Kind::Table(columns) = &field.kind else { panic!() };
        let columns: Vec<(&str, &Kind)> = columns.iter().map(|c| (c.key.as_str(), &c.kind)).collect();
        assert_eq!(columns, [("name", &Kind::Text), ("amount", &Kind::Money(Unit::Yuan))]);
    }

    #[test]
    fn a_cover_page_blank_and_a_table_blank_of_one_label_are_one_field() {
        let grid = ruled(&[100.0, 300.0], 1, vec![Cell::new(0, 0, "项目名称"), Cell::new(0, 1, "")]);
        let cover = Paragraph { text: "项目名称：　　　　".into(), ..Default::default() };
        let plan = plan(&Document { blocks: vec![Block::Paragraph(cover), Block::Table(grid)], landscape: false });
        assert_eq!(keys(&plan), ["project_name:项目名称"]);
    }
}
