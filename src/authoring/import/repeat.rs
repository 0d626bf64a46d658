//! A header that repeats after a page break, printed as one row of the
//! table: one cell over all its columns holding a table of the header's
//! rows, cut into the same columns, its lines on the outer table's. Inside
//! it the labels keep their spans (一级指标 down two rows, 偏差原因分析 over
//! six columns); no cell of the outer table's header spans rows.
//!
//! Typst's tagged-PDF export panics on a repeated header with a cell that
//! spans rows when the header is moved whole to the next page (never left
//! at a page's foot): the PKU 执行监控表's header, in the middle of its table,
//! made the whole build fail (#29). A header of one row cannot trigger it.

use std::fmt::Write;

use super::model::{Content, Table, TableCell};

/// The header of `headers` (its rows, and how `table.header` is opened)
/// that starts at row `r`, written whole as one row; the row after it.
/// The label down an indicator block's left (绩效指标) is cut at the
/// header's foot ([`frame`]): its lower part follows.
/// `source` gives a cell's source with the rowspan it is given.
pub(super) fn header_at(
    out: &mut String,
    r: usize,
    headers: [(Option<(usize, usize)>, &str); 2],
    table: &Table,
    number: usize,
    source: &dyn Fn(&TableCell, &str) -> String,
) -> Option<usize> {
    let (at, level) = headers.into_iter().find_map(|(at, level)| at.filter(|a| a.0 == r).map(|a| (a, level)))?;
    let framed = table.indicators.as_ref().and_then(|b| b.frame).filter(|f| (r..r + at.1).contains(&f.0));
    let cut = |c: &TableCell| frame(c, at.1, number, table.ruled, source);
    let cell_of = |c: &TableCell, span: &str| match Some((c.row, c.col)) == framed {
        true => cut(c).0,
        false => source(c, span),
    };
    let _ = writeln!(out, "  table.header({level}\n  {},\n  ),", one_row(table, at, &cell_of));
    if let Some(cell) = framed.and_then(|f| table.cells.iter().find(|c| (c.row, c.col) == f)) {
        let _ = writeln!(out, "{}", cut(cell).1);
    }
    Some(at.0 + at.1)
}

/// The label down an indicator block's left, cut in two at its header's
/// foot: an empty part in the header (`count` rows, open below) and the
/// part beside the rows, open above, with the words; their sources are
/// made by `source(cell, rowspan)`. The second part goes on with （续） on
/// each page the rows reach (the marker follows the table) and is left out
/// when there are no rows.
pub(super) fn frame(
    cell: &TableCell,
    count: usize,
    n: usize,
    ruled: bool,
    source: impl Fn(&TableCell, &str) -> String,
) -> (String, String) {
    let open = |source: String, side: &str| match (ruled, source.find('(')) {
        (true, Some(at)) => format!("{}stroke: ({side}: none), {}", &source[..=at], &source[at + 1..]),
        _ => source,
    };
    let mut head = TableCell { rowspan: count, content: Content::Empty, ..cell.clone() };
    head.sides.bottom = false;
    let head = open(source(&head, &count.to_string()).replacen("term[", "table.cell()[", 1), "bottom");
    let mut body = cell.clone();
    body.sides.top = false;
    let mut body = open(source(&body, &format!("{{{{ indicators{n} | length }}}}")), "top");
    if let Some(at) = body.find('[')
        && body.ends_with(']')
    {
        body.insert_str(at + 1, &format!("#continued(\"import-frame-{n}\")["));
        body.push(']');
    }
    (head, format!("{{%- if indicators{n} | length > 0 %}}\n  {body},\n  {{%- endif %}}"))
}

/// The header rows `first..first + count` of `table` as one cell over all
/// its columns holding a table of those rows, cut into the same columns
/// (its lines fall on the outer table's): its cells keep their spans, but
/// no cell of the outer table spans rows. `source` gives a cell's source
/// with the rowspan it is given.
pub(super) fn one_row(
    table: &Table,
    (first, count): (usize, usize),
    source: &dyn Fn(&TableCell, &str) -> String,
) -> String {
    let cells: Vec<String> = table
        .cells
        .iter()
        .filter(|c| (first..first + count).contains(&c.row))
        .map(|c| source(c, &c.rowspan.min(first + count - c.row).to_string()))
        .collect();
    let widths: Vec<String> = table.widths.iter().map(|w| format!("{:.1}fr", w.max(1.0))).collect();
    let trailing = if widths.len() == 1 { "," } else { "" };
    let stroke = if table.ruled { "" } else { "stroke: none, " };
    format!(
        "table.cell(colspan: {}, inset: 0pt)[#table(columns: ({}{trailing}), {stroke}{})]",
        widths.len(),
        widths.join(", "),
        cells.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::import::grid::{Align, Sides};

    fn cell(row: usize, col: usize, rowspan: usize, colspan: usize, text: &str) -> TableCell {
        let content = Content::Label(vec![text.to_owned()]);
        TableCell { row, col, rowspan, colspan, align: Align::Center, sides: Sides::ALL, fill: None, content }
    }

    #[test]
    fn a_header_is_one_cell_holding_its_rows_in_the_same_columns() {
        let table = Table {
            widths: vec![20.0, 40.0, 40.0, 30.0],
            heights: vec![None; 3],
            cells: vec![
                cell(0, 0, 2, 1, "一级指标"),
                cell(0, 1, 1, 2, "偏差原因分析"),
                cell(0, 3, 2, 1, "备注"),
                cell(1, 1, 1, 1, "经费保障"),
                cell(1, 2, 1, 1, "原因说明"),
                cell(2, 0, 1, 4, "x"),
            ],
            ruled: true,
            lists: Vec::new(),
            indicators: None,
        };
        let source = |c: &TableCell, span: &str| match &c.content {
            Content::Label(l) => format!("term(rowspan: {span}, colspan: {})[{}]", c.colspan, l[0]),
            _ => String::new(),
        };
        let mut out = String::new();
        assert_eq!(header_at(&mut out, 0, [(None, ""), (Some((0, 2)), "level: 2,")], &table, 1, &source), Some(2));
        assert_eq!(
            out,
            "  table.header(level: 2,\n  table.cell(colspan: 4, inset: 0pt)[#table(columns: (20.0fr, 40.0fr, 40.0fr, 30.0fr), \
             term(rowspan: 2, colspan: 1)[一级指标], term(rowspan: 1, colspan: 2)[偏差原因分析], term(rowspan: 2, colspan: 1)[备注], \
             term(rowspan: 1, colspan: 1)[经费保障], term(rowspan: 1, colspan: 1)[原因说明])],\n  ),\n"
        );
        assert_eq!(header_at(&mut out, 1, [(None, ""), (Some((0, 2)), "level: 2,")], &table, 1, &source), None);
    }
}
