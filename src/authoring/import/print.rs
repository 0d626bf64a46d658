//! How an imported form keeps to its page like the original: a table wider
//! than the page is printed smaller, text and padding alike, so each column
//! still holds a character; a long table repeats its header rows after a
//! page break, and a merged label that runs over a page break goes on with
//! （续）, as the built-in forms do (`continued` in style.typ).

use super::grid::Sides;
use super::model::{Content, Role, Table, TableCell};

/// The least text size of a table shrunk to the page's width: below it a
/// form cannot be read, and the original could not be printed either.
const SMALLEST: f32 = 4.0;

/// Opens the scope of a table printed at `size` points instead of 11: its
/// text and its cells' padding shrink together (a column a seventh of its
/// width in the original keeps room for a character). The caller closes it
/// with `]`.
pub(super) fn narrow_table(size: f32) -> String {
    let size = size.max(SMALLEST);
    let scale = size / 11.0;
    format!(
        "#[\n#set text(size: {}pt)\n#set table(inset: (x: {}pt, y: {}pt))\n",
        trim_float(size),
        trim_float(4.0 * scale),
        trim_float(5.0 * scale)
    )
}

/// The rows that head a table's columns, repeated after a page break: the
/// first rows of labels (or nothing) at its top or under its first row (a
/// line such as 项目名称 over a long table), at most three, no merged cell
/// reaching into or out of them, and at least three rows under them.
/// `(first row, rows)`; none when the table is short or starts with blanks.
pub(super) fn header_rows(table: &Table) -> Option<(usize, usize)> {
    let rows = table.heights.len();
    let in_block = |r: usize| {
        table.lists.iter().any(|l| l.rows.start <= r) || table.indicators.as_ref().is_some_and(|b| b.rows.start <= r)
    };
    let labels = |r: usize| {
        let cells: Vec<&TableCell> = table.cells.iter().filter(|c| c.row == r).collect();
        cells.len() >= 2
            && !in_block(r)
            && cells.iter().all(|c| matches!(&c.content, Content::Label(_) | Content::Empty))
            && cells.iter().any(|c| matches!(&c.content, Content::Label(l) if l.iter().any(|l| !l.trim().is_empty())))
    };
    let first = (0..rows.min(2)).find(|&r| labels(r))?;
    let mut end = first;
    while end < rows && end < first + 3 && labels(end) {
        end += 1;
    }
    // No merged cell may cross the header's top or bottom edge.
    let crosses = |edge: usize| table.cells.iter().any(|c| c.row < edge && c.row + c.rowspan > edge);
    while end > first && crosses(end) {
        end -= 1;
    }
    // The rows under a header are cut into the same columns as its last row
    // (a 项目名称 row over a funds block is no header).
    let columns = |r: usize| -> Vec<usize> {
        if let Some(list) = table.lists.iter().find(|l| l.rows.contains(&r)) {
            return list.cells.iter().map(|c| c.col).collect();
        }
        let mut cols: Vec<usize> =
            table.cells.iter().filter(|c| c.row <= r && r < c.row + c.rowspan).map(|c| c.col).collect();
        cols.sort_unstable();
        cols
    };
    let heads = end > first && columns(end - 1).len() >= 3;
    let same = heads && rows >= end + 3 && (end..end + 3).all(|r| columns(r) == columns(end - 1));
    (same && !crosses(first)).then_some((first, end - first))
}

/// The rows heading an indicator block whose label merged down its left
/// (a vertical 绩效指标) spans them too: `(first row, rows)`. They repeat on
/// each page the block runs over, as a Typst subheader (never left alone at
/// a page's foot); the label's cell is cut at the header's foot ([`frame`]).
/// Without such a label (the PKU 执行监控表: the header in the middle of one
/// big table), the header is the rows just above the block from the first
/// that names a level (一级指标, 二级指标, 三级指标) down.
pub(super) fn indicator_header(table: &Table) -> Option<(usize, usize)> {
    let block = table.indicators.as_ref()?;
    let frame = block.frame;
    let row = match frame {
        Some((row, _)) => row,
        None => (block.rows.start.saturating_sub(3)..block.rows.start).find(|&r| names_levels(table, r))?,
    };
    let count = block.rows.start.checked_sub(row).filter(|c| (1..=3).contains(c))?;
    let crosses = |edge: usize| {
        table.cells.iter().any(|c| Some((c.row, c.col)) != frame && c.row < edge && c.row + c.rowspan > edge)
    };
    (!crosses(row) && !crosses(row + count)).then_some((row, count))
}

/// Whether a row of a table has a label naming an indicator level.
fn names_levels(table: &Table, row: usize) -> bool {
    table.cells.iter().filter(|c| c.row == row).any(|c| match &c.content {
        Content::Label(lines) => {
            matches!(super::indicators::role(&lines.concat(), None), Role::Level1 | Role::Level2 | Role::Indicator)
        }
        _ => false,
    })
}

/// A merged label that goes on with （续） on each later page its rows reach:
/// the cell (row, column) and the row whose cell carries the end marker.
pub(super) struct Continued {
    pub cell: (usize, usize),
    pub label: String,
    pub marker: (usize, usize),
}

/// The merged labels of a table (`table_number` makes their markers
/// unique) whose last row has a cell of its own to mark where they end;
/// those crossing a list's rows (which grow) are left as they are, and so
/// are those of the headers (`header`, as [`header_rows`] and
/// [`indicator_header`] give them), which repeat whole.
pub(super) fn continued_labels(
    table: &Table,
    table_number: usize,
    header: &[Option<(usize, usize)>],
) -> Vec<Continued> {
    let mut out = Vec::new();
    let worded = |c: &&TableCell| matches!(&c.content, Content::Label(l) if l.iter().any(|l| !l.trim().is_empty()));
    let in_header =
        |c: &&TableCell| header.iter().flatten().any(|(first, count)| (*first..first + count).contains(&c.row));
    for cell in table.cells.iter().filter(|c| c.rowspan > 1).filter(worded).filter(|c| !in_header(c)) {
        let last = cell.row + cell.rowspan - 1;
        let crosses = table.lists.iter().any(|l| cell.row < l.rows.end && last >= l.rows.start)
            || table.indicators.as_ref().is_some_and(|b| cell.row < b.rows.end && last >= b.rows.start);
        let marker = table.cells.iter().find(|c| c.row == last && c.rowspan == 1);
        if let (false, Some(marker)) = (crosses, marker) {
            out.push(Continued {
                cell: (cell.row, cell.col),
                label: format!("import-end-{table_number}-{}-{}", cell.row, cell.col),
                marker: (marker.row, marker.col),
            });
        }
    }
    out
}

/// A cell's Typst source with the continued label and the end markers it
/// carries: `term(rowspan: 3)[X]` → `term(rowspan: 3)[#continued("…")[X]]`,
/// a marker just inside the closing bracket.
pub(super) fn with_continuation(source: String, cell: &TableCell, continued: &[Continued]) -> String {
    let mut source = source;
    if let Some(c) = continued.iter().find(|c| c.cell == (cell.row, cell.col))
        && let Some(open) = source.find('[')
        && source.ends_with(']')
    {
        source.insert_str(open + 1, &format!("#continued(\"{}\")[", c.label));
        source.push(']');
    }
    for c in continued.iter().filter(|c| c.marker == (cell.row, cell.col)) {
        if source.ends_with(']') {
            source.insert_str(source.len() - 1, &format!("#metadata(none)<{}>", c.label));
        }
    }
    source
}

/// The sides of a cell of a table not every line of which is drawn.
pub(super) fn stroke_of(sides: Sides) -> String {
    if sides == Sides::ALL {
        return "stroke: ruled".to_owned();
    }
    let drawn: Vec<&str> = [("top", sides.top), ("right", sides.right), ("bottom", sides.bottom), ("left", sides.left)]
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(name, _)| name)
        .collect();
    if drawn.is_empty() {
        return "stroke: none".to_owned();
    }
    let sides: Vec<String> = drawn.iter().map(|name| format!("{name}: ruled")).collect();
    format!("stroke: ({})", sides.join(", "))
}

/// A length in points or em as Typst source: one decimal, no trailing zeros.
pub(super) fn trim_float(x: f32) -> String {
    let text = format!("{:.1}", x.max(0.0));
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_table_shrinks_text_and_padding_together() {
        assert_eq!(narrow_table(5.5), "#[\n#set text(size: 5.5pt)\n#set table(inset: (x: 2pt, y: 2.5pt))\n");
        assert_eq!(narrow_table(2.0), "#[\n#set text(size: 4pt)\n#set table(inset: (x: 1.5pt, y: 1.8pt))\n");
    }
}
