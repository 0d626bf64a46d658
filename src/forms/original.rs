//! The funder's own file kept in an imported form's folder
//! (`original.docx` / `original.xlsx`), and where in it each field sits:
//! the manifest's `original:` block, written by `wenshu form import` and
//! read by `build --docx` / `--xlsx`, which fill that file itself.
//!
//! A place names a paragraph of the body, a cell of a Word table (table,
//! row and cell counted from 1 in the file's own order) or a cell of the
//! sheet (`ref: B3`), and the line there to write: its `text` is the line
//! as the form prints it, `{key}` where a field's value goes (`{key:wan}`,
//! `{key:yuan}` for money in that unit, `{key=□value}` (or
//! `{key=value□}`) for one box of a choice and the value beside it, `{#}` for a list's row number, `{{`/`}}` for braces).

use serde::Deserialize;

/// The `original:` block of a manifest.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Original {
    /// The file in the form's folder: `original.docx`.
    pub file: String,
    /// The part of the package the places are in: `word/document.xml`,
    /// `xl/worksheets/sheet1.xml`.
    pub part: String,
    #[serde(default)]
    pub places: Vec<Place>,
}

/// Where one line of fields, a list's rows or the indicator block sits.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The part the place is in when not the original's `part`: a Word
    /// header or footer, `word/header1.xml`.
    #[serde(default)]
    pub part: Option<String>,
    /// A Word table, its row and the cell in that row (each from 1).
    #[serde(default)]
    pub table: Option<usize>,
    #[serde(default)]
    pub row: Option<usize>,
    #[serde(default)]
    pub cell: Option<usize>,
    /// A paragraph of the body outside tables (from 1).
    #[serde(default)]
    pub paragraph: Option<usize>,
    /// A cell of the sheet: `B3`.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    /// The line of the cell or paragraph (from 1).
    #[serde(default)]
    pub line: Option<usize>,
    /// The line as printed, with its fields (see the module's comment).
    #[serde(default)]
    pub text: Option<String>,
    /// A list: the `table` field's key, its rows `[first, last]` and each
    /// cell of its row.
    #[serde(default)]
    pub list: Option<String>,
    #[serde(default)]
    pub rows: Vec<usize>,
    #[serde(default)]
    pub cells: Vec<Place>,
    /// The indicator block: its rows, and what each cell of a row prints
    /// (`level1`, `level2`, `indicator`, `target`, `other`).
    #[serde(default)]
    pub indicators: bool,
    #[serde(default)]
    pub columns: Vec<String>,
    /// The 一级/二级 names the block prints, in order, each 二级 with its
    /// rows: `[产出指标, 数量指标, 2]`. The project's indicators are filled
    /// under them; none for a block whose rows are all the project's.
    #[serde(default)]
    pub labels: Vec<(String, String, usize)>,
    /// The row's fixed height in the original, in points, where it leaves
    /// no more room (`check` warns when a value will not fit).
    #[serde(default, deserialize_with = "points")]
    pub height: Option<f32>,
    /// The cell's width in points, for the same warning.
    #[serde(default, deserialize_with = "points")]
    pub width: Option<f32>,
    /// The size of the cell's text in points (五号 10.5 when not given).
    #[serde(default, deserialize_with = "points")]
    pub size: Option<f32>,
}

/// Points as the manifest writes them (`18`, `10.5`): a number, or its text.
fn points<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<f32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Points {
        Number(f32),
        Text(String),
    }
    match Option::<Points>::deserialize(de)? {
        None => Ok(None),
        Some(Points::Number(n)) => Ok(Some(n)),
        Some(Points::Text(t)) => {
            t.trim().parse::<f32>().map(Some).map_err(|_| serde::de::Error::custom(format!("“{t}”不是磅数")))
        }
    }
}

/// One piece of a place's `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A field's value, money in a unit (`wan`, `yuan`) when it says.
    Value {
        key: String,
        unit: Option<String>,
    },
    /// One box of a choice and its value, the box `after` it or before:
    /// ticked when the field holds `value`.
    Option {
        key: String,
        value: String,
        after: bool,
    },
    /// The number of a list's row.
    Number,
}

/// Reads a place's `text` into pieces.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let inner: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if !literal.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut literal)));
                }
                out.push(if inner == "#" {
                    Piece::Number
                } else if let Some((key, value)) = inner.split_once('=') {
                    let after = value.ends_with('□');
                    let value = value.trim_start_matches('□').trim_end_matches('□').to_owned();
                    Piece::Option { key: key.to_owned(), value, after }
                } else if let Some((key, unit)) = inner.split_once(':') {
                    Piece::Value { key: key.to_owned(), unit: Some(unit.to_owned()) }
                } else {
                    Piece::Value { key: inner, unit: None }
                });
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    out
}

/// A sheet's cell as Excel names it: row 2, column 1 (from 0) → `B3`.
pub fn reference(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// `B12` → (11, 1): a cell reference read back, rows and columns from 0.
pub fn cell_of(text: &str) -> Option<(usize, usize)> {
    let letters: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.chars().fold(0usize, |n, c| n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1));
    let row: usize = text[letters.len()..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Text for a place's `text`: braces doubled.
pub fn literal(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_into_text_values_and_boxes() {
        assert_eq!(
            pieces("金额：{amount:wan}万元 {kind=□新项目}{kind=续期□}{{x}}{#}"),
            [
                Piece::Text("金额：".into()),
                Piece::Value { key: "amount".into(), unit: Some("wan".into()) },
                Piece::Text("万元 ".into()),
                Piece::Option { key: "kind".into(), value: "新项目".into(), after: false },
                Piece::Option { key: "kind".into(), value: "续期".into(), after: true },
                Piece::Text("{x}".into()),
                Piece::Number,
            ]
        );
        assert_eq!(pieces(&literal("{a}")), [Piece::Text("{a}".into())]);
        assert_eq!((reference(2, 1), reference(0, 27)), ("B3".to_owned(), "AB1".to_owned()));
    }
}
