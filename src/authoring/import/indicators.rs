//! The indicator block of an imported form, as the national 绩效目标表 and
//! 自评表 print it: a header naming the levels (一级/二级/三级指标, 指标值,
//! 实际完成值, 分值, 得分, 偏差原因 …), one row or two (指标值 over 年度 /
//! 中期, or 总体 / 第一年度 / 第二年度); often a label merged down its
//! left (绩效指标, 年度绩效指标), which grows with the rows printed; and
//! the 一级/二级 labels pre-printed and merged down the rows they hold,
//! which stay: the project's indicators go under them ([`Indicators::layout`]).
//! A filled form's rows are read too, for `--values`.

use super::grid::Grid;
use super::model::{FilledRow, Indicators, Role};
use super::text;

/// What a header cell's text names.
pub(super) fn role(text: &str, parent: Option<&str>) -> Role {
    let t: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    let parent: String = parent.unwrap_or("").chars().filter(|c| !text::is_space(*c)).collect();
    let target_word = |t: &str| t.contains("指标值") || t.contains("目标值");
    if let Some(role) = monitoring(&t, &parent) {
        return role;
    }
    if t.contains("一级指标") || t == "一级" {
        Role::Level1
    } else if t.contains("二级指标") || t == "二级" {
        Role::Level2
    } else if t.contains("三级指标") || t.contains("指标内容") || t.contains("指标名称") || t == "具体指标"
    {
        Role::Indicator
    } else if t.contains("偏差原因") {
        Role::Reason
    } else if t.contains("实际完成值")
        || t == "实际值"
        || t == "完成值"
        || t.contains("实际完成情况") && target_word(&parent)
    {
        Role::Actual
    } else if t.contains("得分") {
        Role::Score
    } else if t.contains("分值") || t == "权重" {
        Role::Points
    } else if t.contains("完成率") {
        Role::Rate
    } else if ["中期", "第二", "第三", "总体"].iter().any(|w| t.contains(w)) {
        Role::Other
    } else if target_word(&t) || (target_word(&parent) && (t.contains("年度") || t.contains("当年"))) {
        Role::Target
    } else {
        Role::Other
    }
}

/// A 执行监控表's columns: the value to date (`1-7月执行数`, `1-6月执行情况`,
/// `截至6月执行数`), the expected full-year value (`全年预计执行数`), the
/// tick columns under 偏差原因分析 and 完成目标可能性, 原因说明 (the
/// project's reason) and 备注. `t` and `parent` without spaces.
fn monitoring(t: &str, parent: &str) -> Option<Role> {
    use crate::project::model::{CAUSES, LIKELIHOODS};
    let done = ["执行数", "执行情况", "完成情况", "完成数"].iter().any(|w| t.ends_with(w));
    if parent.contains("偏差原因") {
        if let Some(word) = CAUSES.iter().find(|w| **w == t) {
            return Some(Role::Cause(word));
        }
        if t == "原因说明" {
            return Some(Role::Reason);
        }
    }
    if parent.contains("可能性")
        && let Some(word) = LIKELIHOODS.iter().find(|w| **w == t)
    {
        return Some(Role::Likelihood(word));
    }
    if (t.starts_with("全年预计") || t.starts_with("预计全年")) && done {
        Some(Role::Expected)
    } else if done && t.contains('月') && !t.contains("全年") {
        Some(Role::ToDate)
    } else if t == "备注" {
        Some(Role::Note)
    } else {
        None
    }
}

/// A label merged down the left of the block: `绩效指标`, `年度绩效指标`.
fn is_frame(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    (t.ends_with("绩效指标") || t == "指标" || t == "绩效目标") && t.chars().count() <= 8
}

/// Finds the block: `texts` holds each cell's text (`None` for a blank).
pub(super) fn find(grid: &Grid, texts: &[Option<String>]) -> Option<Indicators> {
    let at = grid.occupancy();
    let cells = &grid.cells;
    for header in 0..grid.rows() {
        let row: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].row == header).collect();
        let Some(&first) = row.iter().min_by_key(|&&i| cells[i].col) else { continue };
        let frame = texts[first]
            .as_deref()
            .filter(|t| is_frame(t) && cells[first].rowspan > 1 && cells[first].colspan == 1)
            .map(|_| first);
        let start_col = frame.map_or(0, |f| cells[f].col + 1);
        let heads: Vec<usize> = row.iter().copied().filter(|&i| Some(i) != frame).collect();
        if heads.is_empty() || cells[first].col != 0 {
            continue;
        }
        let roles: Vec<Role> =
            heads.iter().map(|&i| texts[i].as_deref().map_or(Role::Other, |t| role(t, None))).collect();
        let levels = roles.iter().any(|r| matches!(r, Role::Level1 | Role::Level2 | Role::Indicator));
        if roles.iter().filter(|r| **r != Role::Other).count() < 2 || !levels {
            continue;
        }
        let end_header = heads.iter().map(|&i| header + cells[i].rowspan).max().unwrap_or(header + 1);
        if end_header - header > 2 || end_header > grid.rows() {
            continue;
        }
        // The leaf of each column: the lowest header cell over it.
        let mut columns: Vec<(Role, usize, usize)> = Vec::new();
        let mut whole = true;
        let mut c = start_col;
        while c < grid.cols() {
            let Some(leaf) = at[end_header - 1][c] else {
                whole = false;
                break;
            };
            let cell = &cells[leaf];
            if cell.row < header || cell.row + cell.rowspan > end_header || cell.col != c {
                whole = false;
                break;
            }
            let parent = at[header][c].filter(|&p| p != leaf).and_then(|p| texts[p].as_deref());
            columns.push((texts[leaf].as_deref().map_or(Role::Other, |t| role(t, parent)), c, cell.colspan));
            c += cell.colspan;
        }
        if !whole || columns.is_empty() {
            continue;
        }
        let col_of = |role: Role| columns.iter().find(|c| c.0 == role).map(|c| c.1);
        let (l1, l2) = (col_of(Role::Level1), col_of(Role::Level2));
        let level_col = |c: usize| Some(c) == l1 || Some(c) == l2;
        let fits = |r: usize, filled: bool| {
            cells.iter().enumerate().filter(|(_, c)| c.row == r).all(|(i, c)| {
                let lined_up = columns.iter().any(|col| col.1 == c.col && col.2 == c.colspan);
                lined_up && (texts[i].is_none() || level_col(c.col) || (filled && c.rowspan == 1))
            })
        };
        let end = match frame {
            Some(f) => {
                let end = cells[f].row + cells[f].rowspan;
                if !(end_header..end).all(|r| fits(r, true)) {
                    continue;
                }
                end
            }
            // Without a frame the block runs over its blank rows, and over
            // filled ones that write their own 一级, 二级 and indicator on
            // each row (a filled 执行监控表); a list whose 一级/二级 are
            // merged down its rows prints them (a 指标明细表).
            None => {
                let own = |r: usize, role: Role| {
                    let i = col_of(role).and_then(|c| at[r][c]);
                    i.is_some_and(|i| cells[i].row == r && cells[i].rowspan == 1 && texts[i].is_some())
                };
                let named =
                    |r: usize| [Role::Level1, Role::Level2, Role::Indicator].into_iter().all(|role| own(r, role));
                (end_header..grid.rows())
                    .find(|&r| !(fits(r, false) || fits(r, true) && named(r)))
                    .unwrap_or(grid.rows())
            }
        };
        // Filled rows without a frame write their 一级/二级 on every row:
        // values, not labels the blank form prints.
        let written = frame.is_none() && (end_header..end).any(|r| !fits(r, false));
        let rows = end_header..end;
        let cut = cells.iter().enumerate().any(|(i, c)| {
            let inside = rows.contains(&c.row);
            Some(i) != frame
                && ((c.row < rows.start && c.row + c.rowspan > rows.start) || (inside && c.row + c.rowspan > rows.end))
        });
        // A header with no rows under it (a form whose rows are added as
        // needed) is a block when it names the levels.
        let named = roles.contains(&Role::Indicator) && roles.iter().any(|r| matches!(r, Role::Level1 | Role::Level2));
        if (rows.is_empty() && !named) || cut {
            continue;
        }
        let name = |r: usize, col: Option<usize>| -> (String, usize, usize) {
            let Some(i) = col.and_then(|c| at[r][c]) else { return (String::new(), r, 1) };
            let text = texts[i].as_deref().map(|t| t.chars().filter(|c| !text::is_space(*c)).collect());
            (text.unwrap_or_default(), cells[i].row, cells[i].rowspan)
        };
        let mut layout: Vec<(String, Vec<(String, usize)>)> = Vec::new();
        let mut r = rows.start;
        while r < rows.end {
            let (level1, top, span) = name(r, l1);
            let bottom = (top + span).min(rows.end).max(r + 1);
            let mut groups: Vec<(String, usize)> = Vec::new();
            let mut k = r;
            while k < bottom {
                let (level2, top2, span2) = name(k, l2);
                let next = (top2 + span2).min(bottom).max(k + 1);
                groups.push((level2, next - k));
                k = next;
            }
            layout.push((level1, groups));
            r = bottom;
        }
        // Nothing pre-printed: the project's own levels, in as many rows.
        if written || !super::model::names_printed(&layout) {
            layout = vec![(String::new(), vec![(String::new(), rows.len())])];
        }
        let filled = rows
            .clone()
            .map(|r| FilledRow {
                level1: name(r, l1).0,
                level2: name(r, l2).0,
                values: columns
                    .iter()
                    .filter(|c| !level_col(c.1))
                    .filter_map(|c| {
                        let i = at[r][c.1]?;
                        (cells[i].row == r).then(|| (c.0, texts[i].clone().unwrap_or_default()))
                    })
                    .collect(),
            })
            .collect();
        return Some(Indicators {
            rows,
            columns: columns.into_iter().map(|(role, _, span)| (role, span)).collect(),
            frame: frame.map(|f| (cells[f].row, cells[f].col)),
            layout,
            filled,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_name_the_columns() {
        assert_eq!(role("一级指标", None), Role::Level1);
        assert_eq!(role("年度指标值", None), Role::Target);
        assert_eq!(role("中期指标值", None), Role::Other);
        assert_eq!(role("第一年度", Some("指标值")), Role::Target);
        assert_eq!(role("总体", Some("指标值")), Role::Other);
        assert_eq!(role("实际完成值", None), Role::Actual);
        assert_eq!(role("偏差原因分析及改进措施", None), Role::Reason);
        assert_eq!(role("得分", None), Role::Score);
        assert_eq!(role("分值", None), Role::Points);
        assert_eq!(role("1-7月执行数", None), Role::ToDate);
        assert_eq!(role("1-6月执行情况", None), Role::ToDate);
        assert_eq!(role("截至6月执行数", None), Role::ToDate);
        assert_eq!(role("全年预计执行数", None), Role::Expected);
        assert_eq!(role("全年预计完成情况", None), Role::Expected);
        assert_eq!(role("硬件条件保障", Some("偏差原因分析")), Role::Cause("硬件条件保障"));
        assert_eq!(role("原因说明", Some("偏差原因分析")), Role::Reason);
        assert_eq!(role("有可能", Some("完成目标可能性")), Role::Likelihood("有可能"));
        assert_eq!(role("备注", None), Role::Note);
        // Words of a tick column elsewhere are nothing of the kind.
        assert_eq!(role("其他", None), Role::Other);
        assert_eq!(role("有可能", None), Role::Other);
    }
}
