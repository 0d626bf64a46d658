//! What a Word or Excel form is, once read: paragraphs and tables, each
//! table a grid of columns with merged cells and the lines drawn between
//! them. [`super::docx`] and [`super::xlsx`] read into it; the rest of the
//! importer reads only it.
//!
//! [`SourceDocument::tidy`] does what both formats need after reading: empty
//! edges trimmed, hairline columns that only pad a row folded away, title
//! and note rows without borders taken out as paragraphs, and a sheet
//! holding two tables split at the blank row between them.

/// A form: its blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceDocument {
    pub blocks: Vec<Block>,
    /// Whether the original is printed on a landscape page.
    pub landscape: bool,
    pub margins: Option<super::margins::Margins>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Grid),
    PageBreak,
}

/// A line of text outside the tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub align: Align,
    /// The largest font size of its text, in points, when the file says.
    pub size: Option<f32>,
    pub bold: bool,
    /// Where it is in the original file.
    pub origin: Option<Origin>,
    /// Its indentation and spacing, when the file says (Word).
    pub look: Option<super::look::Look>,
}

/// Where a paragraph or cell is in the original file, for filling that
/// file itself (counted from 0, in the file's own order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A paragraph of a Word body, outside tables.
    Paragraph(usize),
    /// A Word table's cell: its table, row, and place in the row.
    Word { table: usize, row: usize, cell: usize },
    /// A cell of the sheet.
    Sheet { row: usize, col: usize },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A table: column widths, minimum row heights, the cells (each where it
/// starts, with its spans) and which grid lines are drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// Column widths in points.
    pub widths: Vec<f32>,
    /// Row heights in points, where the file gives one.
    pub heights: Vec<Option<f32>>,
    /// Rows whose height the original fixes (Word's exact height, an Excel
    /// row's own height): no room grows there, so a value longer than the
    /// row is cut off.
    pub fixed: Vec<bool>,
    pub cells: Vec<Cell>,
    /// `h[r][c]`: the line above row `r` (below row `r - 1`) in column `c`;
    /// `rows + 1` lines of `cols` segments.
    pub h: Vec<Vec<bool>>,
    /// `v[r][c]`: the line left of column `c` in row `r`; `rows` lines of
    /// `cols + 1` segments.
    pub v: Vec<Vec<bool>>,
}

/// A cell, at the row and column where it starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    /// Its text, lines separated by `\n`.
    pub text: String,
    pub align: Align,
    pub bold: bool,
    pub size: Option<f32>,
    /// Where it is in the original file.
    pub origin: Option<Origin>,
    /// Its shading, as RGB, when the original shades it: a grey cell the
    /// funder fills, or one not to fill.
    pub fill: Option<u32>,
}

impl Cell {
    pub fn new(row: usize, col: usize, text: impl Into<String>) -> Cell {
        Cell { row, col, rowspan: 1, colspan: 1, text: text.into(), ..Cell::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn rows(&self) -> std::ops::Range<usize> {
        self.row..self.row + self.rowspan
    }

    pub fn cols(&self) -> std::ops::Range<usize> {
        self.col..self.col + self.colspan
    }
}

impl Grid {
    /// An empty grid of these column widths and `rows` rows, no lines drawn.
    pub fn new(widths: Vec<f32>, rows: usize) -> Grid {
        let cols = widths.len();
        Grid {
            widths,
            heights: vec![None; rows],
            fixed: vec![false; rows],
            cells: Vec::new(),
            h: vec![vec![false; cols]; rows + 1],
            v: vec![vec![false; cols + 1]; rows],
        }
    }

    pub fn rows(&self) -> usize {
        self.heights.len()
    }

    pub fn cols(&self) -> usize {
        self.widths.len()
    }

    /// Draws the sides of the area a cell covers.
    pub fn draw(&mut self, rows: std::ops::Range<usize>, cols: std::ops::Range<usize>, sides: Sides) {
        let (rows_n, cols_n) = (self.rows(), self.cols());
        let (r0, r1) = (rows.start.min(rows_n), rows.end.min(rows_n));
        let (c0, c1) = (cols.start.min(cols_n), cols.end.min(cols_n));
        for c in c0..c1 {
            if sides.top {
                self.h[r0][c] = true;
            }
            if sides.bottom {
                self.h[r1][c] = true;
            }
        }
        for r in r0..r1 {
            if sides.left {
                self.v[r][c0] = true;
            }
            if sides.right {
                self.v[r][c1] = true;
            }
        }
    }

    /// The index of the cell covering each slot.
    pub fn occupancy(&self) -> Vec<Vec<Option<usize>>> {
        let mut at = vec![vec![None; self.cols()]; self.rows()];
        for (i, cell) in self.cells.iter().enumerate() {
            for r in cell.rows().filter(|&r| r < self.rows()) {
                for c in cell.cols().filter(|&c| c < self.cols()) {
                    at[r][c] = Some(i);
                }
            }
        }
        at
    }

    /// Whether any line is drawn around the area of a cell.
    pub fn sides_of(&self, cell: &Cell) -> Sides {
        let rows = cell.row.min(self.rows())..(cell.row + cell.rowspan).min(self.rows());
        let cols = cell.col.min(self.cols())..(cell.col + cell.colspan).min(self.cols());
        Sides {
            top: cols.clone().any(|c| self.h[rows.start][c]),
            bottom: cols.clone().any(|c| self.h[rows.end][c]),
            left: rows.clone().any(|r| self.v[r][cols.start]),
            right: rows.clone().any(|r| self.v[r][cols.end]),
        }
    }

    /// Whether every line of the grid, except those inside merged cells,
    /// is drawn: the usual form, printed with the table's own stroke.
    pub fn fully_ruled(&self) -> bool {
        let at = self.occupancy();
        let same = |a: Option<usize>, b: Option<usize>| a.is_some() && a == b;
        for r in 0..=self.rows() {
            for c in 0..self.cols() {
                let inside = r > 0 && r < self.rows() && same(at[r - 1][c], at[r][c]);
                if !inside && !self.h[r][c] {
                    return false;
                }
            }
        }
        for r in 0..self.rows() {
            for c in 0..=self.cols() {
                let inside = c > 0 && c < self.cols() && same(at[r][c - 1], at[r][c]);
                if !inside && !self.v[r][c] {
                    return false;
                }
            }
        }
        true
    }

    /// Gives every slot no cell covers an empty cell of its own (a row
    /// Word or Excel wrote short).
    pub fn fill_holes(&mut self) {
        let at = self.occupancy();
        for (r, row) in at.iter().enumerate() {
            for (c, slot) in row.iter().enumerate() {
                if slot.is_none() {
                    self.cells.push(Cell::new(r, c, ""));
                }
            }
        }
        self.cells.sort_by_key(|c| (c.row, c.col));
    }

    /// Removes column `c`: cells spanning it lose a column, a cell only
    /// in it goes; the lines on either side of it become one.
    pub fn remove_column(&mut self, c: usize) {
        if c >= self.cols() {
            return;
        }
        self.cells.retain(|cell| !(cell.col == c && cell.colspan == 1));
        for cell in &mut self.cells {
            if cell.cols().contains(&c) {
                cell.colspan -= 1;
            } else if cell.col > c {
                cell.col -= 1;
            }
        }
        self.widths.remove(c);
        for line in &mut self.h {
            line.remove(c);
        }
        for line in &mut self.v {
            let right = line.remove(c + 1);
            line[c] |= right;
        }
    }

    /// Removes row `r`, as [`Grid::remove_column`] removes a column.
    pub fn remove_row(&mut self, r: usize) {
        if r >= self.rows() {
            return;
        }
        self.cells.retain(|cell| !(cell.row == r && cell.rowspan == 1));
        for cell in &mut self.cells {
            if cell.rows().contains(&r) {
                cell.rowspan -= 1;
            } else if cell.row > r {
                cell.row -= 1;
            }
        }
        self.heights.remove(r);
        if r < self.fixed.len() {
            self.fixed.remove(r);
        }
        self.v.remove(r);
        let below = self.h.remove(r + 1);
        for (c, drawn) in below.into_iter().enumerate() {
            self.h[r][c] |= drawn;
        }
    }

    /// Rows `range` as a grid of their own (no cell may cross its edges).
    fn slice(&self, range: std::ops::Range<usize>) -> Grid {
        let mut grid = Grid::new(self.widths.clone(), range.len());
        grid.heights = self.heights[range.clone()].to_vec();
        grid.fixed = self.fixed.get(range.clone()).map_or_else(|| vec![false; range.len()], <[bool]>::to_vec);
        grid.h = self.h[range.start..=range.end].to_vec();
        grid.v = self.v[range.clone()].to_vec();
        grid.cells = self
            .cells
            .iter()
            .filter(|c| range.contains(&c.row))
            .map(|c| Cell { row: c.row - range.start, ..c.clone() })
            .collect();
        grid
    }

    /// Whether row `r` has a vertical line, or the horizontal line on the
    /// given side.
    fn row_ruled(&self, r: usize, top: bool) -> bool {
        let line = if top { &self.h[r] } else { &self.h[r + 1] };
        self.v[r].iter().any(|&d| d) || line.iter().any(|&d| d)
    }

    /// The cells starting in row `r` that hold text.
    fn texts_in_row(&self, r: usize) -> Vec<&Cell> {
        self.cells.iter().filter(|c| c.row == r && !c.is_empty()).collect()
    }

    fn crossed(&self, r: usize) -> bool {
        self.cells.iter().any(|c| c.row < r && c.row + c.rowspan > r)
    }
}

/// Which sides of a cell have a line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    pub top: bool,
    pub right: bool,
    pub bottom: bool,
    pub left: bool,
}

impl Sides {
    pub const ALL: Sides = Sides { top: true, right: true, bottom: true, left: true };

    pub fn count(self) -> usize {
        [self.top, self.right, self.bottom, self.left].iter().filter(|&&s| s).count()
    }
}

/// The most rows and columns a table may have: a form is a page or two,
/// and the importer's passes over a grid are quadratic in its size.
pub const MAX_ROWS: usize = 1000;
pub const MAX_COLS: usize = 100;

/// A column this much narrower than the table is a spacer when nothing
/// starts in it alone.
const HAIRLINE: f32 = 0.025;

impl SourceDocument {
    /// Tidies every table (see the module's comment).
    pub fn tidy(self) -> SourceDocument {
        let mut blocks = Vec::new();
        for block in self.blocks {
            match block {
                Block::Table(grid) => blocks.extend(tidy_grid(grid)),
                other => blocks.push(other),
            }
        }
        SourceDocument { blocks, ..self }
    }
}

fn tidy_grid(mut grid: Grid) -> Vec<Block> {
    grid.fill_holes();
    trim(&mut grid);
    fold_hairlines(&mut grid);
    if grid.rows() == 0 || grid.cols() == 0 {
        return Vec::new();
    }
    // A blank, unruled row no cell crosses separates two tables.
    let split = (1..grid.rows().saturating_sub(1)).find(|&r| {
        grid.texts_in_row(r).is_empty()
            && !grid.v[r].iter().any(|&d| d)
            && !grid.crossed(r)
            && !grid.crossed(r + 1)
            && grid.cells.iter().all(|c| c.row != r || c.rowspan == 1)
    });
    if let Some(r) = split {
        let (above, below) = (grid.slice(0..r), grid.slice(r + 1..grid.rows()));
        let mut blocks = tidy_grid(above);
        blocks.extend(tidy_grid(below));
        return blocks;
    }
    let (before, after) = peel(&mut grid);
    let mut blocks: Vec<Block> = before.into_iter().map(Block::Paragraph).collect();
    trim(&mut grid);
    if grid.rows() > 0 && grid.cols() > 0 {
        blocks.push(Block::Table(grid));
    }
    blocks.extend(after.into_iter().map(Block::Paragraph));
    blocks
}

/// Removes leading and trailing rows and columns with no text and no lines.
fn trim(grid: &mut Grid) {
    let row_blank = |g: &Grid, r: usize| {
        g.texts_in_row(r).is_empty()
            && !g.v[r].iter().any(|&d| d)
            && !g.h[r].iter().any(|&d| d)
            && !g.h[r + 1].iter().any(|&d| d)
            && !g.crossed(r)
            && g.cells.iter().all(|c| c.row != r || c.rowspan == 1)
    };
    // A column's outer edge is its own; the inner one is its neighbour's too.
    let col_blank = |g: &Grid, c: usize, last: bool| {
        let outer = if last { c + 1 } else { c };
        g.cells.iter().all(|cell| !cell.cols().contains(&c) || (cell.is_empty() && cell.colspan == 1))
            && g.h.iter().all(|line| !line[c])
            && g.v.iter().all(|line| !line[outer])
    };
    while grid.rows() > 0 && row_blank(grid, grid.rows() - 1) {
        grid.remove_row(grid.rows() - 1);
    }
    while grid.rows() > 0 && row_blank(grid, 0) {
        grid.remove_row(0);
    }
    while grid.cols() > 0 && col_blank(grid, grid.cols() - 1, true) {
        grid.remove_column(grid.cols() - 1);
    }
    while grid.cols() > 0 && col_blank(grid, 0, false) {
        grid.remove_column(0);
    }
}

/// Folds away hairline columns: narrower than [`HAIRLINE`] of the table,
/// and no cell with text lies in them alone (Word leaves them where a
/// row's cells did not line up with the others').
fn fold_hairlines(grid: &mut Grid) {
    let mut c = 0;
    while c < grid.cols() {
        let total: f32 = grid.widths.iter().sum();
        let alone = grid.cells.iter().any(|cell| cell.col == c && cell.colspan == 1 && !cell.is_empty());
        if grid.cols() > 1 && grid.widths[c] < total * HAIRLINE && !alone {
            grid.remove_column(c);
        } else {
            c += 1;
        }
    }
}

/// Takes out the unruled rows above and below the table that hold at
/// most one text (a title, a note): they are paragraphs.
fn peel(grid: &mut Grid) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let as_paragraph = |grid: &Grid, r: usize| {
        grid.texts_in_row(r).first().map(|cell| Paragraph {
            text: cell.text.clone(),
            align: cell.align,
            size: cell.size,
            bold: cell.bold,
            origin: cell.origin,
            look: None,
        })
    };
    let peelable = |grid: &Grid, r: usize, top: bool| {
        grid.texts_in_row(r).len() <= 1
            && !grid.row_ruled(r, top)
            && grid.cells.iter().all(|c| c.row != r || c.rowspan == 1)
            && !grid.crossed(r)
    };
    let mut before = Vec::new();
    while grid.rows() > 0 && peelable(grid, 0, true) {
        before.extend(as_paragraph(grid, 0));
        grid.remove_row(0);
    }
    let mut after = Vec::new();
    while grid.rows() > 0 && peelable(grid, grid.rows() - 1, false) {
        after.extend(as_paragraph(grid, grid.rows() - 1));
        grid.remove_row(grid.rows() - 1);
    }
    after.reverse();
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruled(widths: &[f32], rows: usize) -> Grid {
        let mut grid = Grid::new(widths.to_vec(), rows);
        grid.draw(0..rows, 0..widths.len(), Sides::ALL);
        for line in grid.h.iter_mut().chain(grid.v.iter_mut()) {
            line.iter_mut().for_each(|d| *d = true);
        }
        grid
    }

    #[test]
    fn a_hairline_column_inside_merged_cells_is_folded_away() {
        // Tianjin: 国别厂家 spans a 104-twip column and the next.
        let mut grid = ruled(&[700.0, 2000.0, 100.0, 2000.0], 2);
        grid.cells = vec![
            Cell::new(0, 0, "序号"),
            Cell::new(0, 1, "设备名称"),
            Cell { colspan: 2, ..Cell::new(0, 2, "国别厂家") },
            Cell::new(1, 0, "1"),
            Cell::new(1, 1, ""),
            Cell { colspan: 2, ..Cell::new(1, 2, "") },
        ];
        fold_hairlines(&mut grid);
        assert_eq!(grid.widths, [700.0, 2000.0, 2000.0]);
        assert_eq!(grid.cells[2], Cell::new(0, 2, "国别厂家"));
        assert!(grid.fully_ruled());
    }

    #[test]
    fn unruled_title_and_note_rows_become_paragraphs() {
        let mut grid = Grid::new(vec![100.0, 100.0], 4);
        grid.cells = vec![
            Cell { colspan: 2, align: Align::Center, ..Cell::new(0, 0, "标题") },
            Cell::new(1, 0, "项目名称"),
            Cell::new(1, 1, ""),
            Cell::new(3, 0, "注：一式三份"),
        ];
        grid.draw(1..2, 0..1, Sides::ALL);
        grid.draw(1..2, 1..2, Sides::ALL);
        let blocks = tidy_grid(grid);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(matches!(&blocks[0], Block::Paragraph(p) if p.text == "标题" && p.align == Align::Center));
        assert!(matches!(&blocks[1], Block::Table(g) if g.rows() == 1 && g.cells.len() == 2));
        assert!(matches!(&blocks[2], Block::Paragraph(p) if p.text == "注：一式三份"));
    }

    #[test]
    fn a_blank_row_splits_two_tables() {
        let mut grid = ruled(&[100.0], 3);
        grid.cells = vec![Cell::new(0, 0, "甲"), Cell::new(2, 0, "乙")];
        grid.v[1][0] = false;
        grid.v[1][1] = false;
        let blocks = tidy_grid(grid);
        assert_eq!(blocks.iter().filter(|b| matches!(b, Block::Table(_))).count(), 2, "{blocks:?}");
    }
}
