//! Row heights and page breaks: the same estimate of a text's lines for
//! every cell, and pages that break where a merged label can go on as （续）.

use super::*;

/// Points a cell needs to show `text` wrapped at `width` points (the
/// column's, or the merged columns', see [`column_points`]) in a font of
/// `size` points: the lines a greedy wrap gives, a CJK character taking one
/// em and a Latin letter or digit half of one, at 1.5 em a line, plus
/// padding. Generous on purpose: fallback CJK fonts (LibreOffice without
/// 仿宋) set lines up to 1.45 em apart and Latin wider than half an em, and
/// a row a little too tall costs nothing, while one too short overprints
/// the row below it when printed. One estimate for every suite: no office
/// suite fits rows of merged cells, and rows of known height print alike
/// in all of them.
pub(super) fn text_points(text: &str, width: f64, size: f64) -> f64 {
    // Cell margins (LibreOffice ~1 pt, Excel 2–3 px each side), the grid
    // line, and half an em for a line that breaks early (a closing mark
    // may not start a line, a number does not split).
    let line = ((width - 6.0) / size - 0.5).max(1.0);
    let lines: usize = text.split('\n').map(|paragraph| wrapped_lines(paragraph, line)).sum();
    lines.max(1) as f64 * 1.5 * size + 4.0
}

/// Width of a column set `chars` wide, in points, as Excel lays it out:
/// 7 pixels a character of the default font (Calibri 11) and 5 of padding.
pub(super) fn column_points(chars: f64) -> f64 {
    (chars * 7.0 + 5.0).floor() * 0.75
}

/// A character's width in ems: ASCII and Latin half, all else (CJK,
/// full-width punctuation, ≥, —, “”) one.
pub(super) fn char_ems(c: char) -> f64 {
    if u32::from(c) < 0x300 { 0.5 } else { 1.0 }
}

/// Lines a paragraph takes, wrapped greedily at `line` ems: between any two
/// CJK characters, at a space, never inside a Latin word or a number, never
/// before a closing mark (，。）) nor after an opening one (（“), as
/// LibreOffice, WPS and Excel break Chinese text.
pub(super) fn wrapped_lines(paragraph: &str, line: f64) -> usize {
    const CLOSING: &str = "，。、；：！？）》」』】〉”’%,.;:!?)]}";
    const OPENING: &str = "（《「『【〈“‘([{";
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '%' || c == '-';
    // Units that cannot be broken, each with its width.
    let mut units: Vec<f64> = Vec::new();
    let mut glue = false; // the next character joins the last unit
    let mut previous: Option<char> = None;
    for c in paragraph.chars() {
        let joins = glue
            || CLOSING.contains(c)
            || previous
                .is_some_and(|p| latin(p) && latin(c) && (c.is_ascii_alphanumeric() || p.is_ascii_alphanumeric()));
        match units.last_mut() {
            Some(width) if joins => *width += char_ems(c),
            _ => units.push(char_ems(c)),
        }
        glue = OPENING.contains(c);
        previous = Some(c);
    }
    let mut lines = 1;
    let mut used = 0.0;
    for unit in units {
        if used > 0.0 && used + unit > line {
            lines += 1;
            used = 0.0;
        }
        used += unit;
        // A unit longer than a line (a long number) breaks where it must.
        while used > line {
            lines += 1;
            used -= line;
        }
    }
    lines
}

/// The page: A4, its margins in inches (the sides, the top and the bottom).
pub(super) const PAPER: (f64, f64) = (595.28, 841.89);
pub(super) const SIDE_MARGIN: f64 = 0.6;
pub(super) const END_MARGIN: f64 = 0.75;

/// A part of a [`Block`] on one page: first and last row, first and last
/// column, its text, and the block's index.
pub(super) type Piece = (u32, u32, (u16, u16), String, usize);

/// A label merged over several rows, written by [`Sheet::finish`] once the
/// page breaks are known.
pub(super) struct Block {
    pub(super) first: (u32, u16),
    pub(super) last: (u32, u16),
    pub(super) text: String,
    pub(super) format: Format,
}

/// A worksheet being written. Text written through it (the inherent
/// `write_string_with_format` and `merge_range` below, which shadow the
/// worksheet's) is noted with the height its (merged) cell needs; numbers and
/// formulas, one line each, go straight to the worksheet. [`Sheet::finish`]
/// then gives every row its height, breaks the pages and sets up the print.
pub(super) struct Sheet<'a> {
    pub(super) sheet: &'a mut Worksheet,
    pub(super) styles: &'a Styles,
    pub(super) widths: Vec<f64>,
    /// The points each cell of one row needs.
    pub(super) needs: Vec<(u32, f64)>,
    /// Labels merged over several rows.
    pub(super) blocks: Vec<Block>,
    /// Rows written.
    pub(super) rows: u32,
}

impl Deref for Sheet<'_> {
    type Target = Worksheet;
    fn deref(&self) -> &Worksheet {
        self.sheet
    }
}

impl DerefMut for Sheet<'_> {
    fn deref_mut(&mut self) -> &mut Worksheet {
        self.sheet
    }
}

impl<'a> Sheet<'a> {
    /// A sheet named `name` with columns `widths` characters wide.
    pub(super) fn new(
        sheet: &'a mut Worksheet,
        styles: &'a Styles,
        name: &str,
        widths: &[f64],
    ) -> Result<Self, XlsxError> {
        sheet.set_name(name)?;
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }
        Ok(Sheet { sheet, styles, widths: widths.to_vec(), needs: Vec::new(), blocks: Vec::new(), rows: 0 })
    }

    /// The points `text` needs in columns `cols` in `format`.
    pub(super) fn points(&self, text: &str, (col, last_col): (u16, u16), format: &Format) -> f64 {
        let width = (col..=last_col).map(|c| column_points(self.widths.get(usize::from(c)).copied().unwrap_or(8.43)));
        text_points(text, width.sum(), self.styles.size(format))
    }

    pub(super) fn write_string_with_format(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.needs.push((row, self.points(text, (col, col), format)));
        self.rows = self.rows.max(row + 1);
        self.sheet.write_string_with_format(row, col, text, format)?;
        Ok(())
    }

    /// Merges a range; one over several rows waits for the page breaks.
    pub(super) fn merge_range(
        &mut self,
        row: u32,
        col: u16,
        last_row: u32,
        last_col: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.rows = self.rows.max(last_row + 1);
        if row == last_row {
            self.needs.push((row, self.points(text, (col, last_col), format)));
            self.sheet.merge_range(row, col, last_row, last_col, text, format)?;
        } else {
            let block =
                Block { first: (row, col), last: (last_row, last_col), text: text.to_owned(), format: format.clone() };
            self.blocks.push(block);
        }
        Ok(())
    }

    /// The parts of the merged labels between page breaks: first and last
    /// row, columns, text (（续） after the first part), and its block.
    pub(super) fn pieces(&self, breaks: &[u32]) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            let mut starts = vec![block.first.0];
            starts.extend(breaks.iter().copied().filter(|b| block.first.0 < *b && *b <= block.last.0));
            for (k, start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(block.last.0, |next| next - 1);
                let text = if k == 0 { block.text.clone() } else { continued(&block.text) };
                pieces.push((*start, end, (block.first.1, block.last.1), text, b));
            }
        }
        // Inner ones first, so that an outer one sees the rows they grew.
        pieces.sort_by_key(|(first, last, ..)| last - first);
        pieces
    }

    /// Row heights: each row as tall as its tallest cell, and each merged
    /// label's rows together as tall as it, what they lack added to the
    /// last of them.
    pub(super) fn heights(&self, pieces: &[Piece]) -> Vec<f64> {
        let mut heights = vec![whole_pixels(text_points("", f64::MAX, CELL_PT)); self.rows as usize];
        for (row, need) in &self.needs {
            heights[*row as usize] = heights[*row as usize].max(whole_pixels(*need));
        }
        for (first, last, cols, text, block) in pieces {
            let need = self.points(text, *cols, &self.blocks[*block].format);
            let have: f64 = heights[*first as usize..=*last as usize].iter().sum();
            if have < need {
                heights[*last as usize] = whole_pixels(heights[*last as usize] + need - have);
            }
        }
        heights
    }

    /// Sets each row's height; breaks the pages so that no merged label
    /// runs over a break, the PDF's way: the part on the next page is a
    /// cell of its own, labelled （续）(a suite prints a label merged over
    /// a break at the middle of its rows, wherever the break cuts it). Then
    /// the page: A4 (`landscape` or not), fitted to one page wide, the print
    /// area every row written, the rows `repeat` printed again atop each page.
    pub(super) fn finish(&mut self, landscape: bool, repeat: (u32, u32)) -> Result<(), XlsxError> {
        // Breaks split labels, and a split label's parts may need taller
        // rows, which may move a break: again until none moves.
        let mut breaks = Vec::new();
        let mut heights = self.heights(&self.pieces(&breaks));
        for _ in 0..8 {
            let again = page_breaks(&heights, &self.widths, landscape, repeat);
            if again == breaks {
                break;
            }
            breaks = again;
            heights = self.heights(&self.pieces(&breaks));
        }
        for (first, last, (col, last_col), text, block) in self.pieces(&breaks) {
            let format = &self.blocks[block].format;
            if first == last && col == last_col {
                self.sheet.write_string_with_format(first, col, &text, format)?;
            } else {
                self.sheet.merge_range(first, col, last, last_col, &text, format)?;
            }
        }
        for (row, points) in heights.iter().enumerate() {
            self.sheet.set_row_height_pixels(row as u32, (points * 4.0 / 3.0).round() as u32)?;
        }
        let last_col = self.widths.len().saturating_sub(1) as u16;
        let sheet = &mut *self.sheet;
        sheet.set_paper_size(9);
        if landscape {
            sheet.set_landscape();
        }
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_print_center_horizontally(true);
        sheet.set_margins(SIDE_MARGIN, SIDE_MARGIN, END_MARGIN, END_MARGIN, 0.3, 0.3);
        sheet.set_print_area(0, 0, self.rows.saturating_sub(1), last_col)?;
        sheet.set_repeat_rows(repeat.0, repeat.1)?;
        if !breaks.is_empty() {
            sheet.set_page_breaks(&breaks)?;
        }
        Ok(())
    }
}

/// A label continued on the next page, as the PDF prints it.
pub(super) fn continued(text: &str) -> String {
    format!("{text}（续）")
}

/// Points in whole pixels (0.75 pt), rounded up, as spreadsheets store
/// heights, and no more than 409, the tallest row any suite has.
pub(super) fn whole_pixels(points: f64) -> f64 {
    ((points / 0.75).ceil() * 0.75).min(409.0)
}

/// The rows that begin a printed page, rows of `heights` points filling
/// each page, the rows `repeat` atop each after the first. The page is the
/// A4 page less its margins, scaled as the suites fit the columns to its
/// width; a page is filled to nine tenths only, so that no suite, its page
/// a little shorter than this one, breaks it again before our break.
pub(super) fn page_breaks(heights: &[f64], widths: &[f64], landscape: bool, repeat: (u32, u32)) -> Vec<u32> {
    let (paper_width, paper_height) = if landscape { (PAPER.1, PAPER.0) } else { PAPER };
    let width: f64 = widths.iter().map(|w| column_points(*w)).sum();
    let scale = ((paper_width - 2.0 * 72.0 * SIDE_MARGIN) / width).min(1.0);
    let page = (paper_height - 2.0 * 72.0 * END_MARGIN) / scale * 0.9;
    let header: f64 = heights.get(repeat.0 as usize..=repeat.1 as usize).map_or(0.0, |h| h.iter().sum());
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (row, height) in heights.iter().enumerate() {
        let row = row as u32;
        // Not before the first row under the repeated header.
        if used + height > page && row > repeat.1 + 1 {
            breaks.push(row);
            used = header;
        }
        used += height;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_excel_lays_them_out() {
        // Excel's default column, 8.43 characters, is 64 pixels.
        assert_eq!(column_points(8.43), 48.0);
        assert_eq!(column_points(30.0), 161.25);
    }

    #[test]
    fn lines_count_a_cjk_character_as_an_em_and_latin_as_half() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十一", 10.0), 2);
        assert_eq!(wrapped_lines("12345678901234567890", 10.0), 1);
        assert_eq!(wrapped_lines("12345678901234567890一", 10.0), 2);
        // A number does not split, a closing mark stays on its line's
        // character, an opening one goes with the next.
        assert_eq!(wrapped_lines("一二三四五六七八 2021", 10.0), 2);
        assert_eq!(wrapped_lines("一二三四五六七八九十。", 10.0), 2);
        assert_eq!(wrapped_lines("一二三四五六七八九（十", 10.0), 2);
        // A number longer than a line breaks where it must.
        assert_eq!(wrapped_lines(&"1".repeat(50), 10.0), 3);
    }

    #[test]
    fn a_cell_needs_its_lines_at_one_and_a_half_em_and_padding() {
        assert_eq!(text_points("盐田区妇联", column_points(30.0), 10.5), 1.5 * 10.5 + 4.0);
        assert_eq!(text_points("", column_points(30.0), 10.5), 1.5 * 10.5 + 4.0);
        assert_eq!(text_points("一\n二", column_points(30.0), 10.0), 2.0 * 15.0 + 4.0);
        // 盐田's first 三级指标 in its 24-character column: LibreOffice sets
        // it in six lines.
        let text = "项目管理制度、专业服务表格、上墙制度及流程；财务报告、工作总结报告、外展宣传活动；\
                    印制服务宣传资料；年刊、服务成长手册等。";
        assert_eq!(text_points(text, column_points(24.0), 10.5), 6.0 * 15.75 + 4.0);
        // Wider columns, fewer lines.
        assert_eq!(text_points(text, column_points(30.0) + column_points(24.0), 10.5), 3.0 * 15.75 + 4.0);
    }

    /// A sheet of 盐田's 绩效自评表 columns.
    fn sheet<'a>(worksheet: &'a mut Worksheet, styles: &'a Styles) -> Sheet<'a> {
        Sheet::new(worksheet, styles, "表", &[7.0, 11.0, 24.0]).unwrap()
    }

    #[test]
    fn a_label_merged_over_rows_grows_the_last_of_them_if_they_lack_room() {
        let (mut worksheet, styles) = (Worksheet::new(), Styles::new());
        let mut sheet = sheet(&mut worksheet, &styles);
        // 服务对象满意度指标 in the 一级 column, two characters a line: five lines.
        sheet.merge_range(0, 0, 1, 0, "服务对象满意度指标", &styles.label).unwrap();
        sheet.write_string_with_format(0, 2, "一", &styles.text).unwrap();
        sheet.write_string_with_format(1, 2, "二", &styles.text).unwrap();
        let heights = sheet.heights(&sheet.pieces(&[]));
        let need = text_points("服务对象满意度指标", column_points(7.0), CELL_PT);
        assert_eq!(need, 5.0 * 15.75 + 4.0);
        let line = whole_pixels(text_points("一", f64::MAX, CELL_PT));
        assert_eq!(heights[0], line);
        assert_eq!(heights[0] + heights[1], whole_pixels(need));
        // A label with room enough leaves its rows alone.
        sheet.merge_range(2, 1, 4, 1, "数量指标", &styles.label).unwrap();
        let heights = sheet.heights(&sheet.pieces(&[]));
        assert_eq!(heights[2..5], [line, line, line]);
    }

    #[test]
    fn a_page_breaks_where_it_is_full_and_a_label_over_the_break_continues() {
        let (mut worksheet, styles) = (Worksheet::new(), Styles::new());
        let mut sheet = sheet(&mut worksheet, &styles);
        sheet.write_string_with_format(0, 0, "指标", &styles.label).unwrap();
        sheet.merge_range(1, 0, 200, 0, "产出指标", &styles.label).unwrap();
        for row in 1..=200 {
            sheet.write_string_with_format(row, 2, "指标", &styles.text).unwrap();
        }
        let heights = sheet.heights(&sheet.pieces(&[]));
        assert!(heights.iter().all(|h| *h == 20.25), "one line a row");
        let breaks = page_breaks(&heights, &sheet.widths, false, (0, 0));
        // The columns fit the page's width unscaled: rows fill nine tenths
        // of its height less the margins, the header row atop each page.
        let rows = ((841.89 - 108.0) * 0.9 / 20.25) as u32;
        assert_eq!(breaks[..2], [rows, 2 * rows - 1]);
        let pieces = sheet.pieces(&breaks);
        let mut labels: Vec<(u32, u32, &str)> =
            pieces.iter().map(|(a, b, _, text, _)| (*a, *b, text.as_str())).collect();
        labels.sort();
        assert_eq!(labels[0], (1, rows - 1, "产出指标"));
        assert_eq!(labels[1], (rows, 2 * rows - 2, "产出指标（续）"));
    }
}
