//! A filled form's values: last year's filled 申报表 read as this year's
//! project. A cell whose text answers the label beside it (项目名称 |
//! 2021年某街道社工站服务项目), an amount in a funds block under its
//! column (年初预算数) and the year in the title become fields like the
//! blank form's, their texts kept in [`Plan::values`]; filled indicator
//! rows are read by [`super::indicators`]. [`project_file`] writes them
//! as a project file (`wenshu form import --values`). A cell that cannot
//! be told a value for certain stays a label.

use std::fmt::Write as _;
use std::ops::Range;

use super::fields::{self, Kind, Unit};
use super::filled::scalar;
use super::grid::Grid;
use super::model::{Content, Indicators, List, Piece, Plan, Ref, Role, Taken};
use super::text;

/// The year a title line gives (`（2021年度）`), as the year field's value.
pub(super) fn year(plan: &mut Plan, field: usize, line: &str) {
    let digits: String = line.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        plan.values.push(Taken { field: Ref::Field(field), row: 0, text: digits });
    }
}

/// What a table of a filled form holds: each cell's value, the label
/// before the value of a cell holding both (`项目名称：`), and the rows
/// read elsewhere (lists, the indicator block).
pub(super) struct Filled {
    pub taken: Vec<Option<String>>,
    pub heads: Vec<Option<String>>,
    pub skip: Vec<Range<usize>>,
}

/// Reads a table's values: `lists` (of blank rows) gains the filled ones.
pub(super) fn read(
    grid: &Grid,
    written: &[Option<String>],
    labels: &[bool],
    lists: &mut Vec<Range<usize>>,
    block: Option<&Indicators>,
) -> Filled {
    let block_rows = block.map_or(0..0, |b| b.rows.clone());
    let filled_lists = self::lists(grid, written, labels, lists, &block_rows);
    lists.extend(filled_lists.iter().cloned());
    lists.sort_by_key(|l| l.start);
    let skip: Vec<Range<usize>> = lists.iter().cloned().chain([block_rows]).collect();
    let mut taken = cells(grid, written, labels, &skip, block);
    in_rows(grid, written, &filled_lists, &mut taken);
    let mut heads = vec![None; taken.len()];
    for (i, _) in grid.cells.iter().enumerate().filter(|(_, c)| !skip.iter().any(|r| r.contains(&c.row))) {
        if let Some((head, value)) = written[i].as_deref().filter(|_| taken[i].is_none()).and_then(inline) {
            (heads[i], taken[i]) = (Some(head), Some(value));
        }
    }
    Filled { taken, heads, skip }
}

/// Text that stands where a value goes in a blank form: `XXX`, `＿＿`, a
/// bracketed hint (（示例：…）).
fn placeholder(text: &str) -> bool {
    let t = text.trim_matches(text::is_space);
    t.contains("XX")
        || t.contains("xx")
        || t.contains(['＿', '_', '…'])
        || (t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
}

/// Text that asks for a value: a label wenshu knows, or one ending in a colon.
fn asks(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    t.ends_with(['：', ':']) || fields::key_of(&t).is_some() || super::bind::asks(&t, None, None)
}

/// An amount or a rate as a filled form writes it: `56.40`, `98.23%`.
fn figure(text: &str) -> bool {
    let t = text.trim_matches(text::is_space);
    fields::is_number(t.trim_end_matches(['%', '％']))
}

/// Prose: a sentence, not a name.
fn prose(text: &str) -> bool {
    text.chars().count() >= 20 && text.contains(['，', '。', '；', ','])
}

/// A goal as a filled 年度总体目标 writes it (beside that label, or under
/// 预期目标 or 实际完成情况):
/// often one clause with no punctuation (完成校园足球运动技术动画20集的设计
/// 制作与播出), never a label of its own.
fn goal(head: &str, text: &str) -> bool {
    let head: String = head.chars().filter(|c| !text::is_space(*c)).collect();
    let heading = ["预期目标", "实际完成情况", "总体目标"].iter().any(|w| head.contains(w));
    heading && text.chars().count() >= 8 && !asks(text)
}

/// A column under a 年度总体目标 row title asking the goal or its progress:
/// `年度目标`, `1-7月执行情况`.
fn goal_column(head: &str) -> bool {
    let head: String = head.chars().filter(|c| !text::is_space(*c)).collect();
    head.ends_with("目标") || (head.contains('月') && (head.ends_with("执行情况") || head.ends_with("完成情况")))
}

/// Which cells of a table hold values: `written` is each cell's text when
/// it prints text only, `labels` whether that text labels others; rows of
/// `skip` (the indicator block, lists) are read elsewhere. `filled` says
/// the table is known filled already (its indicator rows are): only then
/// are figures under a column heading taken.
fn cells(
    grid: &Grid,
    written: &[Option<String>],
    labels: &[bool],
    skip: &[Range<usize>],
    block: Option<&Indicators>,
) -> Vec<Option<String>> {
    let filled = block.is_some_and(|b| {
        b.filled.iter().any(|r| r.values.iter().any(|(role, t)| *role == Role::Indicator && !t.trim().is_empty()))
    });
    let at = grid.occupancy();
    let cells = &grid.cells;
    let mut taken: Vec<Option<String>> = vec![None; cells.len()];
    let label = |i: usize, taken: &[Option<String>]| labels[i] && taken[i].is_none();
    // A row of column headings (序号 | 设备名称 | 金额 | 国别厂家 …) answers nothing.
    let header_row = |r: usize| {
        let row: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].row == r).collect();
        row.iter().filter(|&&i| written[i].as_deref().is_some_and(asks)).count() * 2 > row.len()
    };
    // A label over a column of data (序号 over ①②③) heads it: what is beside it is another heading.
    // An indicator block's header (一级指标 …) below a row of answers heads nothing of it.
    let heads = |j: usize| {
        let below = at.get(cells[j].row + cells[j].rowspan).and_then(|r| r[cells[j].col]);
        below.is_some_and(|b| {
            let text = cells[b].text.trim_matches(text::is_space);
            let data = !text.is_empty() && !asks(text) && super::indicators::role(text, None) == Role::Other;
            cells[b].col == cells[j].col && cells[b].colspan == cells[j].colspan && data
        })
    };
    let text_of = |i: usize| written[i].as_deref().map(|t| t.replace('\n', "")).unwrap_or_default();
    // Two passes: text answering a label, then (in a filled table) figures.
    for figures in [false, true] {
        if figures && !filled && taken.iter().flatten().count() < 2 {
            break;
        }
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by_key(|&i| (cells[i].row, cells[i].col));
        for i in order {
            let cell = &cells[i];
            let Some(value) = written[i].as_deref().map(|t| t.trim_matches(text::is_space)) else { continue };
            if value.is_empty()
                || placeholder(value)
                || taken[i].is_some()
                || skip.iter().any(|r| r.contains(&cell.row))
            {
                continue;
            }
            let left = cell.col.checked_sub(1).and_then(|c| at[cell.row][c]);
            let left =
                left.filter(|&j| cells[j].row == cell.row && cells[j].rowspan == cell.rowspan && label(j, &taken));
            let above = cell.row.checked_sub(1).and_then(|r| at[r][cell.col]);
            let header =
                above.filter(|&k| label(k, &taken) && cells[k].col == cell.col && cells[k].colspan == cell.colspan);
            let take = match (left, header) {
                _ if figures => figure(value) && figure_asked(i, grid, &at, written, &|j| label(j, &taken)),
                // Beside its label: 项目名称 | 2021年某街道社工站服务项目.
                (Some(j), None) => {
                    let answers = asks(&text_of(j)) || prose(value) || goal(&text_of(j), value);
                    answers && !asks(value) && !labels_blank(i, grid, &at) && !header_row(cell.row) && !heads(j)
                }
                // Under a heading naming what wenshu has: a goal's text.
                (_, Some(k)) => {
                    let title = (0..cell.col).filter_map(|c| at[cell.row][c]).find(|&j| label(j, &taken));
                    let row = title.filter(|&j| cells[j].row == cell.row).map(text_of);
                    let head = text_of(k);
                    // 年度总体目标 over its 年度目标 | 1-7月执行情况 (a 执行监控表): the goal and its progress.
                    let goals = title.is_some_and(|j| text_of(j).contains("总体目标"));
                    let asked = super::bind::asks(&head, row.as_deref(), Some(&head)) || goals && goal_column(&head);
                    asked && (prose(value) || goal(&head, value))
                }
                (None, None) => false,
            };
            if take {
                taken[i] = Some(written[i].clone().unwrap_or_default());
            }
        }
    }
    taken
}

/// Whether a cell has an empty cell right of it or under it: a label
/// of that blank, not a value.
fn labels_blank(i: usize, grid: &Grid, at: &[Vec<Option<usize>>]) -> bool {
    let cell = &grid.cells[i];
    let right = at[cell.row].get(cell.col + cell.colspan).copied().flatten();
    let below = at.get(cell.row + cell.rowspan).and_then(|r| r[cell.col]);
    let empty = |j: usize| grid.cells[j].text.trim_matches(text::is_space).is_empty();
    // Under it, a blank of its own width: a blank of another (the blank
    // corner of the funds block under 主管部门 | [105]教育部) is not its.
    let under = |j: usize| grid.cells[j].col == cell.col && grid.cells[j].colspan == cell.colspan;
    right.is_some_and(empty) || below.is_some_and(|j| empty(j) && under(j))
}

/// Whether a figure stands where a blank form asks for one: under a
/// heading (through other figures and dashes) naming, with its row's
/// title, a figure wenshu has (年度资金总额 / 年初预算数), or beside a label
/// in a row with no heading over it (上年结转 | 0.00).
fn figure_asked(
    i: usize,
    grid: &Grid,
    at: &[Vec<Option<usize>>],
    written: &[Option<String>],
    label: &dyn Fn(usize) -> bool,
) -> bool {
    let cell = &grid.cells[i];
    let text_of = |j: usize| written[j].as_deref().unwrap_or("").replace('\n', "");
    let passed = |j: usize| {
        let t = grid.cells[j].text.trim_matches(text::is_space).to_owned();
        t.is_empty() || t == "—" || t == "-" || figure(&t)
    };
    let header = (0..cell.row).rev().filter_map(|r| at[r][cell.col]).find(|&j| !passed(j));
    let header = header.filter(|&j| label(j) && grid.cells[j].col == cell.col).map(text_of);
    let row = (0..cell.col).rev().filter_map(|c| at[cell.row][c]).find(|&j| !passed(j));
    let row = row.filter(|&j| label(j) && grid.cells[j].row == cell.row).map(text_of);
    match (row, header) {
        (Some(row), Some(head)) => {
            super::bind::asks(&head, Some(&row), Some(&head)) || super::bind::monitored(&head, &row)
        }
        (Some(_), None) => true,
        _ => false,
    }
}

/// The row number a cell prints (`1`, `12`), if that is all it prints.
fn number_of(text: &str) -> Option<usize> {
    text.trim_matches(text::is_space).parse::<usize>().ok().filter(|&n| n > 0 && n < 1000)
}

/// Filled rows of a list (a 明细表): under a row of labels naming the
/// columns, rows alike, numbered from 1 in their first column, each
/// writing something, that no cell from outside cuts across; not in
/// `lists` or `block` (found already).
fn lists(
    grid: &Grid,
    written: &[Option<String>],
    labels: &[bool],
    lists: &[Range<usize>],
    block: &Range<usize>,
) -> Vec<Range<usize>> {
    let cells = &grid.cells;
    let row_cells = |r: usize| -> Vec<usize> {
        let mut row: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].row == r).collect();
        row.sort_by_key(|&i| cells[i].col);
        row
    };
    let shape =
        |r: usize| -> Vec<(usize, usize)> { row_cells(r).iter().map(|&i| (cells[i].col, cells[i].colspan)).collect() };
    let free = |r: usize| !block.contains(&r) && !lists.iter().any(|l| l.contains(&r));
    let numbered = |r: usize, n: usize| {
        let row = row_cells(r);
        let first = row.first().and_then(|&i| written[i].as_deref()).and_then(number_of);
        first == Some(n)
            && row.iter().all(|&i| cells[i].rowspan == 1)
            && row.iter().skip(1).any(|&i| written[i].as_deref().is_some_and(|t| !t.trim().is_empty()))
    };
    let header = |r: usize| {
        let row = row_cells(r);
        row.len() >= 3 && row.iter().all(|&i| labels[i] && cells[i].rowspan == 1) && shape(r) == shape(r + 1)
    };
    let mut runs = Vec::new();
    let mut r = 1;
    while r < grid.rows() {
        if !free(r) || !numbered(r, 1) || !header(r - 1) {
            r += 1;
            continue;
        }
        let mut end = r + 1;
        while end < grid.rows() && free(end) && numbered(end, end - r + 1) && shape(end) == shape(r) {
            end += 1;
        }
        let rows = r..end;
        let cut = cells.iter().any(|c| {
            let crosses = c.row < rows.start && c.row + c.rowspan > rows.start;
            crosses || (rows.contains(&c.row) && c.row + c.rowspan > rows.end)
        });
        // Mostly written: a blank list with a sample mark or two (✔) stays the blank form's.
        let (mut all, mut full) = (0, 0);
        for r in rows.clone() {
            for &i in row_cells(r).iter().skip(1) {
                all += 1;
                full += usize::from(written[i].as_deref().is_some_and(|t| !t.trim().is_empty()));
            }
        }
        if rows.len() >= 2 && !cut && full * 2 >= all {
            runs.push(rows);
        }
        r = end;
    }
    runs
}

/// A filled list's numbers: its first column counting from 1, whatever
/// numbers the other columns hold (单价 1, 数量 2).
pub(super) fn counting_column(grid: &Grid, rows: &Range<usize>) -> Option<usize> {
    let lead = grid.cells.iter().filter(|c| rows.contains(&c.row)).map(|c| c.col).min()?;
    let mut leads = grid.cells.iter().filter(|c| rows.contains(&c.row) && c.col == lead);
    leads.all(|c| number_of(&c.text) == Some(c.row - rows.start + 1)).then_some(lead)
}

/// Takes the texts of filled list rows (their numbers left to the list).
fn in_rows(grid: &Grid, written: &[Option<String>], runs: &[Range<usize>], taken: &mut [Option<String>]) {
    for (i, cell) in grid.cells.iter().enumerate() {
        let first = grid.cells.iter().filter(|c| c.row == cell.row).map(|c| c.col).min();
        if runs.iter().any(|r| r.contains(&cell.row)) && Some(cell.col) != first {
            taken[i] = Some(written[i].clone().unwrap_or_default());
        }
    }
}

/// Keeps the values of a filled list's rows, by row and column.
pub(super) fn record_rows(plan: &mut Plan, grid: &Grid, list: &List, taken: &[Option<String>]) {
    for (i, cell) in grid.cells.iter().enumerate().filter(|(_, c)| list.rows.contains(&c.row)) {
        let Some(text) = taken[i].as_deref().filter(|t| !t.trim().is_empty()) else { continue };
        let column = list.cells.iter().find(|c| c.col == cell.col).and_then(|c| match &c.content {
            Content::Lines(lines) => lines.first().and_then(|l| l.first()).cloned(),
            _ => None,
        });
        if let Some(Piece::Value { field: Ref::Column(f, c), .. }) = column {
            // Amounts in the unit the table declares (金额单位：万元).
            let declared =
                grid.cells.iter().filter(|c| c.text.contains("单位")).find_map(|c| super::bind::unit_in(&c.text));
            if let (Some(unit), Some(Kind::Table(columns))) = (declared, plan.fields.get_mut(f).map(|f| &mut f.kind))
                && let Some(Kind::Money(own)) = columns.get_mut(c).map(|c| &mut c.kind)
            {
                *own = unit;
            }
        }
        if let Some(Piece::Value { field, .. }) = column {
            plan.values.push(Taken { field, row: cell.row - list.rows.start, text: text.to_owned() });
        }
    }
}

/// A label and its value in one cell, `项目名称：摄影实验室`: the label
/// with its colon, and the value.
fn inline(text: &str) -> Option<(String, String)> {
    let t = text.trim_matches(text::is_space);
    let (head, value) = t.split_once(['：', ':'])?;
    let value = value.trim_matches(text::is_space);
    let unit = value.contains('元') || text::UNITS.contains(&value);
    let known = fields::key_of(head).is_some() || super::bind::asks(head, None, None);
    let plain = !t.contains(['\n', '□']) && t.matches(['：', ':']).count() == 1;
    let ok = known && plain && !value.is_empty() && !unit && !placeholder(value) && !asks(value);
    ok.then(|| (t[..t.len() - value.len()].trim_end_matches(text::is_space).to_owned(), value.to_owned()))
}

/// Keeps the value a cell held, once its field is made.
pub(super) fn record(plan: &mut Plan, taken: Option<&str>, content: &Content) {
    if let (Some(text), Content::Lines(lines)) = (taken, content)
        && let Some(Piece::Value { field, .. }) = lines.iter().flatten().find(|p| matches!(p, Piece::Value { .. }))
    {
        plan.values.push(Taken { field: *field, row: 0, text: text.to_owned() });
    }
}

/// What `--values` writes: the project file's text, how many values it
/// holds, and where they went.
pub struct Written {
    pub text: String,
    pub count: usize,
    pub places: Vec<String>,
    /// Whether the form is filled: it holds a value besides the title's year.
    pub filled: bool,
}

/// Top-level keys of a project file that a field bound to them fills.
const PROJECT_KEYS: [(&str, &str); 5] = [
    ("project.year", "year"),
    ("project.name", "name"),
    ("project.filing_unit", "filing_unit"),
    ("project.department", "department"),
    ("project.implementer", "implementer"),
];

/// The value a field's text becomes: money in the unit the form prints
/// it (`56.40` under 万元 → `56.40万元`), else the text.
fn value_of(kind: &Kind, text: &str) -> String {
    let t = text.trim_matches(text::is_space);
    match kind {
        Kind::Money(unit) if fields::is_number(t) => {
            let unit = if *unit == Unit::Wan { "万元" } else { "元" };
            scalar(&format!("{}{unit}", t.replace(',', "")))
        }
        Kind::Rate => scalar(&percent(t)),
        _ => scalar(t),
    }
}

/// A rate as the form prints it: Excel keeps `98.23%` as 0.9823, shown
/// by its cell's format; a rate written with its % stays as written.
fn percent(text: &str) -> String {
    let t = text.trim_matches(text::is_space);
    let Some((whole, fraction)) = t.split_once('.').or(Some((t, ""))).filter(|_| fields::is_number(t)) else {
        return t.to_owned();
    };
    // The decimal point moved two places, exactly: 0.9823 → 98.23.
    let digits = format!("{whole}{fraction:0<2}");
    let (int, dec) = digits.split_at(whole.len() + 2);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if dec.is_empty() { format!("{int}%") } else { format!("{int}.{dec}%") }
}

/// The project file holding a filled form's values: the year, name and
/// units the form binds at the top, the form's own fields under its
/// `section`, filled indicator rows as `indicators`.
pub fn project_file(plan: &Plan, section: &str, name: &str, file: &str) -> Written {
    let mut top: Vec<String> = Vec::new();
    let mut own: Vec<String> = Vec::new();
    let mut places: Vec<String> = Vec::new();
    let mut count = 0;
    let mut lists: Vec<(usize, Vec<Vec<(String, String)>>)> = Vec::new();
    let mut done = std::collections::HashSet::new();
    for taken in &plan.values {
        match taken.field {
            Ref::Field(f) => {
                // A field printed in two places holds one value: the first.
                if !done.insert(f) {
                    continue;
                }
                let Some(field) = plan.fields.get(f) else { continue };
                // A computed figure left at 0 in a sample (总分 0) is stale, not a value.
                let stale = matches!(field.from.as_deref(), Some("evaluated.total" | "evaluated.max"))
                    && taken.text.trim().parse::<f64>().is_ok_and(|n| n == 0.0);
                if stale {
                    continue;
                }
                let bound = field.from.as_deref().and_then(|from| PROJECT_KEYS.iter().find(|(p, _)| *p == from));
                match bound {
                    Some((_, "year")) => top.push(format!("year: {}", taken.text.trim())),
                    Some((_, key)) => top.push(format!("{key}: {}", value_of(&field.kind, &taken.text))),
                    None if field.kind == Kind::Rate || field.from.as_deref().is_some_and(|p| p.ends_with(".rate")) => {
                        own.push(format!("  {}: {}", field.key, scalar(&percent(&taken.text))))
                    }
                    None => own.push(format!("  {}: {}", field.key, value_of(&field.kind, &taken.text))),
                }
                let whither = bound.map_or_else(|| format!("{section}.{}", field.key), |(_, k)| (*k).to_owned());
                places.push(format!("{} → {whither}", field.label));
                count += 1;
            }
            Ref::Column(f, c) => {
                let Some(Kind::Table(columns)) = plan.fields.get(f).map(|f| &f.kind) else { continue };
                let Some(column) = columns.get(c) else { continue };
                let p = match lists.iter().position(|(l, _)| *l == f) {
                    Some(p) => p,
                    None => {
                        lists.push((f, Vec::new()));
                        lists.len() - 1
                    }
                };
                let list = &mut lists[p].1;
                while list.len() <= taken.row {
                    list.push(Vec::new());
                }
                list[taken.row].push((column.key.clone(), value_of(&column.kind, &taken.text)));
                count += 1;
            }
        }
    }
    for (f, rows) in &lists {
        let field = &plan.fields[*f];
        own.push(format!("  {}:", field.key));
        for row in rows.iter().filter(|r| !r.is_empty()) {
            let cells: Vec<String> = row.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            own.push(format!("    - {{ {} }}", cells.join(", ")));
        }
        places.push(format!("{} {} 行 → {section}.{}", field.label, rows.len(), field.key));
    }
    let (indicators, rows) = super::filled::indicators(plan);
    if rows > 0 {
        places.push(format!("{rows} 行绩效指标 → indicators"));
        count += rows;
    }
    let mut out = String::new();
    let _ = writeln!(out, "# 由 wenshu form import --values 从已填写的 {file} 读出：去年的值，改成今年的再生成。");
    let _ = writeln!(out, "version: 1");
    for line in &top {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "documents: [{}]", scalar(name));
    if !own.is_empty() {
        let _ = writeln!(out, "{section}:");
        for line in &own {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str(&indicators);
    let years = top.iter().filter(|l| l.starts_with("year: ")).count();
    Written { text: out, filled: count > years, count, places }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_print_as_the_form_shows_them() {
        assert_eq!(percent("0.9823"), "98.23%");
        assert_eq!(percent("1"), "100%");
        assert_eq!(percent("0.5"), "50%");
        assert_eq!(percent("58.16%"), "58.16%");
        assert!(placeholder("XX市XX区") && placeholder("（示例：010-64281234）") && !placeholder("王某某"));
        assert!(asks("联系电话") && asks("主管部门") && !asks("某区民政局"));
    }

    #[test]
    fn a_goal_is_a_clause_under_or_beside_a_goal_heading() {
        let clause = "完成校园足球运动技术动画20集的设计制作与播出";
        assert!(goal("年度总体目标", clause) && goal("预期目标", clause) && goal("实际 完成情况", clause));
        assert!(!goal("项目名称", clause), "only under a goal's heading");
        assert!(!goal("年度总体目标", "项目负责人"), "a label is not a goal");
        assert!(!goal("年度总体目标", "见附件"), "too short to be sure");
    }
}
