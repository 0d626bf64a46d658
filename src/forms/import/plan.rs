//! What an imported form prints where: its title, paragraphs and tables,
//! each table cell a label or the blanks of fields; rows of blanks under a
//! header become a list (a `table` field, printed at least as many rows as
//! the original has), and a block of 一级/二级/三级指标 rows the project's
//! own indicators.

use std::ops::Range;

use super::fields::{self, Field, Kind, Unit};
use super::grid::{Align, Block, Paragraph, Sides, SourceDocument};
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
pub(super) const PROMPTS: [&str; 3] = ["字以内", "字左右", "字以上"];

/// Reads a tidied document.
pub fn plan(document: &SourceDocument) -> Plan {
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
                let table = super::table::read_table(grid, tables, heading.as_deref(), &mut plan);
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

pub(super) fn value_piece(field: Ref, slot: &Slot) -> Piece {
    Piece::Value { field, empty: slot.empty.clone(), width: slot.width }
}

/// The label of a blank: its own (`金额：`), the name of a `{{name}}`
/// beside its line, what its neighbours say, or its line.
pub(super) fn slot_label(slot: &Slot, after: &[Token], around: Option<&str>) -> String {
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
pub(super) fn slot_field(slot: &Slot, label: &str, fallback: String) -> (String, String, Kind) {
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
pub(super) fn choice_label(tokens: &[Token], around: &str) -> String {
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
pub(super) fn shared(plan: &mut Plan, key: String, label: String, kind: Kind) -> usize {
    let placed = key.starts_with("field_") || key.starts_with("text_");
    let same = |f: &Field| f.key == key && f.label == label && f.kind == kind;
    if let Some(i) = plan.shared.iter().copied().find(|&i| !placed && same(&plan.fields[i])) {
        return i;
    }
    let i = add(plan, key, label, kind);
    plan.shared.push(i);
    i
}

pub(super) fn add(plan: &mut Plan, key: String, label: String, kind: Kind) -> usize {
    plan.fields.push(Field { key, label, kind, rows: 0 });
    plan.fields.len() - 1
}

pub(super) fn add_option(plan: &mut Plan, field: usize, value: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::import::grid::{Cell, Grid};

    fn ruled(widths: &[f32], rows: usize, cells: Vec<Cell>) -> Grid {
        let mut grid = Grid::new(widths.to_vec(), rows);
        for line in grid.h.iter_mut().chain(grid.v.iter_mut()) {
            line.iter_mut().for_each(|d| *d = true);
        }
        grid.cells = cells;
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
        let plan = plan(&SourceDocument { blocks: vec![Block::Table(grid)], landscape: false });
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
        let plan = plan(&SourceDocument { blocks, landscape: false });
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
        let plan =
            plan(&SourceDocument { blocks: vec![Block::Paragraph(cover), Block::Table(grid)], landscape: false });
        assert_eq!(keys(&plan), ["project_name:项目名称"]);
    }
}
