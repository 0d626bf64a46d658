//! What an imported form is made of, once read: its fields, and its title,
//! paragraphs and tables as lines of pieces (text, a field's value, an
//! option of a choice) — and the small steps every reader uses to add a
//! field or name a blank. The paragraph reader ([`super::plan`]) and the
//! table reader ([`super::table`]) both build a [`Plan`] with them.

use std::ops::Range;

use super::fields::{self, Field, Kind, Unit};
use super::grid::{Align, Origin, Sides};
use super::text::{self, Slot, Token};

/// The form, read.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub parts: Vec<Part>,
    pub fields: Vec<Field>,
    /// The title, blanks left out: the form's default name.
    pub title: Option<String>,
    pub landscape: bool,
    /// The original's page margins, when it sets them.
    pub margins: Option<super::margins::Margins>,
    /// Whether a block prints the project's indicators.
    pub indicators: bool,
    /// The texts printed as they are.
    pub labels: Vec<String>,
    /// Fields labelled beside them, which a blank of the same label and key
    /// shares (the 项目名称 of a cover page and of the table after it).
    pub(super) shared: Vec<usize>,
    /// Where the lines with fields, the lists and the indicator rows sit
    /// in the original file (recorded by `locate`).
    pub places: Vec<Placed>,
    /// The part of the original file the places are in.
    pub part: String,
    /// What a filled form writes in its fields (`--values`).
    pub values: Vec<Taken>,
    /// Choices nested in an option of another (能（□有税控机 □税务代开）):
    /// the nested field, the field and the option it belongs to.
    pub within: Vec<(usize, usize, String)>,
}

/// A value a filled form writes: in a field, or in a column of a list's
/// row (`row`, from 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    pub field: Ref,
    pub row: usize,
    pub text: String,
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
        /// A cover page's paragraph: indented and spaced as the original.
        look: Option<super::look::Look>,
    },
    /// Blank lines the original leaves (a cover page's spacing): how many,
    /// and their height in points when each paragraph's spacing is known.
    Gap(usize, Option<f32>),
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
    /// Its shading, as RGB.
    pub fill: Option<u32>,
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
    /// Each column of the rows (right of the frame): what it prints, and its span.
    pub columns: Vec<(Role, usize)>,
    /// The label merged down the block's left (绩效指标), by its row and
    /// column: its rowspan grows with the rows printed.
    pub frame: Option<(usize, usize)>,
    /// The 一级 the form prints, in order, each with its 二级 and their
    /// rows; an empty name is a label left blank.
    pub layout: Vec<(String, Vec<(String, usize)>)>,
    /// What a filled form writes in each row.
    pub filled: Vec<FilledRow>,
}

impl Indicators {
    /// Whether the form prints labels of its own in the block: a 一级 or
    /// 二级 name, or a 绩效指标 column down its left.
    pub fn prints_labels(&self) -> bool {
        self.frame.is_some() || names_printed(&self.layout)
    }

    /// Whether the block prints what the year-end evaluation computes: a
    /// 执行监控表's 原因说明 is the project's own, written mid-year.
    pub fn scored(&self) -> bool {
        let any = |f: fn(Role) -> bool| self.columns.iter().any(|(role, _)| f(*role));
        any(Role::scored) && !any(Role::monitoring)
    }
}

/// Whether a block's layout names any 一级 or 二级.
pub fn names_printed(layout: &[(String, Vec<(String, usize)>)]) -> bool {
    layout.iter().any(|(level1, groups)| !level1.is_empty() || groups.iter().any(|(level2, _)| !level2.is_empty()))
}

/// A row of a filled form's indicator block: its 一级, 二级 and the text of
/// each other column, by what the column prints.
#[derive(Debug, Clone)]
pub struct FilledRow {
    pub level1: String,
    pub level2: String,
    pub values: Vec<(Role, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Level1,
    Level2,
    Indicator,
    Target,
    Actual,
    Points,
    Score,
    Reason,
    Rate,
    /// A 执行监控表's value to date (`1-7月执行数`).
    ToDate,
    /// A 执行监控表's expected full-year value (`全年预计执行数`).
    Expected,
    /// A 执行监控表's tick column of 偏差原因分析: its category, one of
    /// [`CAUSES`](crate::project::model::CAUSES).
    Cause(&'static str),
    /// A 执行监控表's tick column of 完成目标可能性: its answer, one of
    /// [`LIKELIHOODS`](crate::project::model::LIKELIHOODS).
    Likelihood(&'static str),
    Note,
    Other,
}

impl Role {
    /// The key of an indicator row's item the column prints.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Role::Indicator => Some("indicator"),
            Role::Target => Some("target"),
            Role::Actual => Some("actual"),
            Role::Points => Some("points"),
            Role::Score => Some("score"),
            Role::Reason => Some("reason"),
            Role::Rate => Some("rate"),
            Role::ToDate => Some("to_date"),
            Role::Expected => Some("expected"),
            Role::Note => Some("note"),
            Role::Level1 | Role::Level2 | Role::Cause(_) | Role::Likelihood(_) | Role::Other => None,
        }
    }

    /// Whether the column prints what the year-end evaluation computes.
    pub fn scored(self) -> bool {
        matches!(self, Role::Points | Role::Score | Role::Reason | Role::Rate)
    }

    /// Whether the column is one a 执行监控表 prints mid-year (its 偏差原因
    /// is the project's own then, not the evaluation's).
    pub fn monitoring(self) -> bool {
        matches!(self, Role::ToDate | Role::Expected | Role::Cause(_) | Role::Likelihood(_))
    }

    /// What an indicator row's cell in the column prints, as template
    /// source: the item's value; ✔ in a tick column the item ticks.
    pub fn body(self) -> String {
        match self {
            Role::Cause(word) => format!("{{% if \"{word}\" in (row.item.causes or []) %}}✔{{% endif %}}"),
            Role::Likelihood(word) => format!("{{% if row.item.likelihood == \"{word}\" %}}✔{{% endif %}}"),
            role => role.key().map(|key| format!("{{{{ row.item.{key} }}}}")).unwrap_or_default(),
        }
    }

    /// The column's name in form.yaml: its item's key, a tick column's
    /// key and word (`causes.经费保障`).
    pub fn name(self) -> String {
        match self {
            Role::Level1 => "level1".to_owned(),
            Role::Level2 => "level2".to_owned(),
            Role::Cause(word) => format!("causes.{word}"),
            Role::Likelihood(word) => format!("likelihood.{word}"),
            role => role.key().unwrap_or("other").to_owned(),
        }
    }
}

/// Words before a prompt's blank space.
pub(super) const PROMPTS: [&str; 3] = ["字以内", "字左右", "字以上"];

pub(super) fn value_piece(field: Ref, slot: &Slot) -> Piece {
    Piece::Value { field, empty: slot.empty.clone(), width: slot.width }
}

/// The label of a blank: its own (`金额：`), the name of a `{{name}}`
/// beside its line, what its neighbours say, or its line.
pub(super) fn slot_label(slot: &Slot, after: &[Token], around: Option<&str>) -> String {
    if let Some(label) = &slot.label {
        // `＿＿万元（大写：＿＿）`: the amount of the row's label, in words.
        let around = around.map(fields::tidy_label).filter(|a| !a.is_empty());
        if let Some(around) = around.filter(|_| label.trim_start_matches(['元', '万', '（', '(']).starts_with("大写"))
        {
            return format!("{around}（大写）");
        }
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
            true => Some(super::names::key_of(label).map_or_else(|| "year".to_owned(), |k| format!("{k}_year"))),
            false => super::names::key_of(label),
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
    plan.fields.push(Field { key, label, kind, rows: 0, from: None });
    plan.fields.len() - 1
}

pub(super) fn add_option(plan: &mut Plan, field: usize, value: &str) {
    if let Some(Field { kind: Kind::Choice(values), .. }) = plan.fields.get_mut(field)
        && !values.iter().any(|v| v == value)
    {
        values.push(value.to_owned());
    }
}

/// A cell of fixed height: its height and width and its text's size, in
/// points (`check` warns when a value will not fit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    pub height: f32,
    pub width: f32,
    pub size: f32,
}

/// A place of the original that holds values.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// A line (from 0) of a paragraph or cell, and what it prints there.
    Line { origin: Origin, line: usize, pieces: Line, room: Option<Room> },
    /// A list's rows: the first and last row's first cell, and each cell of
    /// its first row with its lines.
    List { field: usize, first: Origin, last: Origin, cells: Vec<(Origin, Vec<(usize, Line)>, Option<Room>)> },
    /// The indicator rows: the first and last row, and what each cell of
    /// the first row prints; where the form prints its own 一级/二级, their
    /// names and rows in order (the rows filled under them).
    Indicators {
        first: Origin,
        last: Origin,
        columns: Vec<(Origin, Role, Option<Room>)>,
        labels: Vec<(String, String, usize)>,
    },
}
