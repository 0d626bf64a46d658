//! The blanks of the national 绩效 forms bound to what wenshu has: a blank
//! the form labels 项目名称, 主管部门, 实施单位, a 项目资金 amount (年初预算数 /
//! 全年预算数 / 全年执行数 of 年度资金总额 or 其中：财政拨款 …), 分值 / 执行率 /
//! 得分, 预期目标 / 实际完成情况, 总分 or 评价等级 gets a `from`: the key path
//! of the value the built-in forms print there. The manifest says so, where
//! a user reads and changes it; a value the project writes comes first.

use super::fields::{Field, Kind, Unit};
use super::text;

/// Where a blank is: the label starting its row (its row's title), the
/// label over its column, and the unit its amounts are in (`万元`, `元`).
pub(super) struct Place<'a> {
    pub row: Option<&'a str>,
    pub header: Option<&'a str>,
    pub unit: Option<Unit>,
}

fn squeeze(text: Option<&str>) -> String {
    text.unwrap_or("").chars().filter(|c| !text::is_space(*c)).collect()
}

/// The key path a blank prints, and its kind when that is money.
fn path_of(label: &str, place: &Place) -> Option<(String, bool)> {
    let (row, header, label) = (squeeze(place.row), squeeze(place.header), squeeze(Some(label)));
    let in_any = |w: &str| row.contains(w) || header.contains(w) || label.contains(w);
    // The funds block: its lines and its columns.
    let line = if in_any("财政") {
        Some("rows.0.")
    } else if in_any("结转") {
        Some("rows.1.")
    } else if in_any("其他资金") {
        Some("rows.2.")
    } else if in_any("资金总额") || in_any("合计") {
        Some("")
    } else {
        None
    };
    let column = |h: &str| {
        if h.contains("年初预算") {
            Some(("initial", true))
        } else if h.contains("全年预算") {
            Some(("adjusted", true))
        } else if h.contains("执行数") && !h.contains("预计") && !h.contains("月") {
            Some(("spent", true))
        } else if h.contains("执行率") && !h.contains("月") {
            Some(("rate", false))
        } else if h.contains("分值") {
            Some(("points", false))
        } else if h.contains("得分") {
            Some(("score", false))
        } else {
            None
        }
    };
    let in_column = column(&header).or_else(|| column(&label));
    if row.contains("总分") || label.starts_with("总分") {
        return match in_column {
            Some(("score", _)) => Some(("evaluated.total".to_owned(), false)),
            Some(("points", _)) => Some(("evaluated.max".to_owned(), false)),
            _ => None,
        };
    }
    if let (Some(line), Some((key, money))) = (line, in_column) {
        // Lines print amounts; 分值, 执行率 and 得分 are the total's.
        return (line.is_empty() || money).then(|| (format!("evaluated.execution.{line}{key}"), money));
    }
    if label.contains("评价等级") || label.contains("自评等级") {
        return Some(("evaluated.national_grade".to_owned(), false));
    }
    if header.contains("预期目标") || label == "预期目标" {
        return Some(("project.evaluation.overall.expected".to_owned(), false));
    }
    if (header.contains("实际完成情况") || label == "实际完成情况") && !row.contains("指标") {
        return Some(("project.evaluation.overall.achieved".to_owned(), false));
    }
    // 项目资金 of a 目标表: the amounts themselves.
    let amount_column = header.is_empty() || (header.contains("年度金额") || header == "金额");
    if in_column.is_none()
        && amount_column
        && (row.contains("项目资金") || label.contains("资金") || label.contains("拨款"))
    {
        let funding = match line {
            Some("") => Some("project.funding.total"),
            None if label.starts_with("项目资金") || label.starts_with("项目金额") => {
                Some("project.funding.total")
            }
            Some("rows.0.") => Some("project.funding.fiscal"),
            Some("rows.2.") => Some("project.funding.other_funds"),
            _ => None,
        };
        return funding.map(|p| (p.to_owned(), true));
    }
    let basic = match label.as_str() {
        "项目名称" => "project.name",
        l if l.starts_with("主管部门") => "project.department",
        "实施单位" | "项目单位" | "用款单位" | "项目实施单位" | "承担单位" => {
            "project.implementer"
        }
        "年度" | "年份" | "（年份）" => "project.year",
        _ => return None,
    };
    Some((basic.to_owned(), false))
}

/// Whether a funds line's figure under `header` is one a 执行监控表 asks
/// mid-year (1-7月执行数, 1-7月执行率, 全年预计执行数): a value the project
/// writes (wenshu computes none of them), a plain field.
pub(super) fn monitored(header: &str, row: &str) -> bool {
    let (header, row) = (squeeze(Some(header)), squeeze(Some(row)));
    let line = ["资金总额", "财政", "结转", "其他资金", "合计"].iter().any(|w| row.contains(w));
    let to_date = header.contains('月') && (header.ends_with("执行数") || header.ends_with("执行率"));
    let expected = header.starts_with("全年预计") || header.starts_with("预计全年");
    line && (to_date || expected)
}

/// Whether a blank labelled `label` would print a value wenshu has.
pub(super) fn asks(label: &str, row: Option<&str>, header: Option<&str>) -> bool {
    path_of(label, &Place { row, header, unit: None }).is_some()
}

/// Gives `field` its `from`, and money its unit, where the form's labels
/// name a value wenshu has.
pub(super) fn bind(field: &mut Field, place: &Place) {
    if field.from.is_some() || matches!(field.kind, Kind::Table(_)) {
        return;
    }
    // An amount is in the unit its heading declares.
    if let (Kind::Money(unit), Some(declared)) = (&mut field.kind, place.unit) {
        *unit = declared;
    }
    let label = field.label.clone();
    let year = field.key == "year" || field.key.ends_with("_year") && label.ends_with("（年份）");
    if year && label.trim_end_matches("（年份）").chars().count() <= 2 {
        field.from = Some("project.year".to_owned());
        return;
    }
    // A 执行监控表's mid-year figure: the project's, in its heading's unit.
    if let (Some(header), Some(row)) = (place.header, place.row)
        && monitored(header, row)
    {
        if !squeeze(Some(header)).ends_with("执行率") {
            field.kind = Kind::Money(place.unit.unwrap_or(Unit::Wan));
        }
        by_line(field, place);
        return;
    }
    let Some((path, money)) = path_of(&label, place) else { return };
    if money {
        field.kind = Kind::Money(place.unit.unwrap_or(Unit::Wan));
    } else if matches!(field.kind, Kind::Money(_)) {
        field.kind = Kind::Text;
    }
    if path.contains(".rows.") {
        by_line(field, place);
    }
    field.from = Some(path);
}

/// A funds line's amount is named by its line too (其中：财政拨款 / 执行率).
fn by_line(field: &mut Field, place: &Place) {
    let label = &field.label;
    let row = place.row.map(|r| super::fields::tidy_label(r)).filter(|r| !r.is_empty() && !label.contains(r.as_str()));
    if let Some(row) = row {
        field.label = format!("{row}{}{label}", super::names::JOIN);
    }
}

/// The unit a text declares: `（万元）`, `单位：元`.
pub(super) fn unit_in(text: &str) -> Option<Unit> {
    let text: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    if text.contains("万元") {
        Some(Unit::Wan)
    } else if text.contains("（元）") || text.contains("(元)") || text.contains("单位：元") || text.ends_with("元）")
    {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// The unit a cell's amounts are in: declared by a label left of it in
/// its row (项目资金（万元）) or over its column.
pub(super) fn unit_of(index: usize, grid: &super::grid::Grid, at: &[Vec<Option<usize>>]) -> Option<Unit> {
    let cell = &grid.cells[index];
    let left = (0..cell.col).rev().filter_map(|c| at[cell.row][c]);
    let above = (0..cell.row).rev().filter_map(|r| at[r][cell.col]);
    left.chain(above).find_map(|i| unit_in(&grid.cells[i].text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(label: &str, row: Option<&str>, header: Option<&str>) -> Option<String> {
        path_of(label, &Place { row, header, unit: None }).map(|p| p.0)
    }

    #[test]
    fn the_national_labels_name_what_wenshu_computes() {
        assert_eq!(
            path("年度资金总额年初预算数", Some("年度资金总额"), Some("年初预算数")).unwrap(),
            "evaluated.execution.initial"
        );
        assert_eq!(
            path("年初预算数", Some("其中：当年财政拨款"), Some("年初预算数")).unwrap(),
            "evaluated.execution.rows.0.initial"
        );
        assert_eq!(
            path("全年执行数", Some("上年结转资金"), Some("全年执行数")).unwrap(),
            "evaluated.execution.rows.1.spent"
        );
        assert_eq!(path("执行率", Some("年度资金总额"), Some("执行率")).unwrap(), "evaluated.execution.rate");
        assert_eq!(path("总分得分", Some("总分"), Some("得分")).unwrap(), "evaluated.total");
        assert_eq!(path("评价等级", None, None).unwrap(), "evaluated.national_grade");
        assert_eq!(path("年度资金总额：", Some("年度资金总额："), None).unwrap(), "project.funding.total");
        assert_eq!(path("主管部门", None, None).unwrap(), "project.department");
        assert_eq!(path("其中：财政拨款", Some("其中：财政拨款"), Some("1-7月执行数")), None);
        assert!(monitored("1-7月执行数", "其中：财政拨款") && monitored("1-7月执行率", "年度资金总额："));
        assert!(monitored("全年预计执行数", "上年结转资金") && !monitored("年初预算数", "其他资金"));
        assert!(!monitored("1-7月执行数", "项目名称"));
    }
}
