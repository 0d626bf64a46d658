//! A filled form's indicator rows as the project's `indicators`: each
//! row's 三级指标 and its columns (指标值, 实际完成值, a 执行监控表's 1-7月执行数,
//! 全年预计执行数, 原因说明, 备注, points), under the 一级/二级 it writes, and
//! the ticks of a 执行监控表 (✔ √ ☑ ■ in a column under 偏差原因分析 or
//! 完成目标可能性) as `causes` and `likelihood`. A tick column holding
//! anything else, or more than one 完成目标可能性 ticked, is not read: the
//! row's value is left for the person to write, never guessed.

use std::fmt::Write as _;

use super::fields;
use super::model::{Part, Plan, Role};
use super::text;

/// A YAML scalar for a value: lines kept.
pub(super) fn scalar(text: &str) -> String {
    if text.contains('\n') { serde_json::to_string(text).unwrap_or_default() } else { super::write::yaml(text) }
}

/// What a filled tick cell holds.
const TICKS: [&str; 5] = ["✔", "√", "☑", "■", "✓"];

fn ticked(text: &str) -> bool {
    TICKS.contains(&text.trim_matches(text::is_space))
}

/// A row's tick columns, read: `causes` and `likelihood` as the project
/// writes them, and what is not read (a word where a tick goes, more than
/// one 完成目标可能性 ticked), said beside the row for the person to write.
struct Ticks {
    causes: Option<String>,
    likelihood: Option<String>,
    unread: Vec<String>,
}

fn ticks(values: &[(Role, String)]) -> Ticks {
    let (mut causes, mut likely, mut unread) = (Vec::new(), Vec::new(), Vec::new());
    for (role, t) in values {
        let t = t.trim_matches(text::is_space);
        let (key, word, ticks) = match role {
            Role::Cause(word) => ("causes", *word, &mut causes),
            Role::Likelihood(word) => ("likelihood", *word, &mut likely),
            _ => continue,
        };
        if ticked(t) {
            ticks.push(word);
        } else if !t.is_empty() {
            unread.push(format!("“{word}”格写着“{t}”，不是钩，没有读作 {key}"));
        }
    }
    if likely.len() > 1 {
        unread.push(format!("完成目标可能性钩了 {}，没有读：likelihood 只写一项", likely.join("、")));
    }
    Ticks {
        causes: (!causes.is_empty()).then(|| format!("causes: [{}]", causes.join(", "))),
        likelihood: (likely.len() == 1).then(|| format!("likelihood: {}", likely[0])),
        unread,
    }
}

/// The filled indicator rows as the project's `indicators`, and how many.
pub(super) fn indicators(plan: &Plan) -> (String, usize) {
    // 一级 → 二级 → items, in the order the form prints them.
    let mut tree: Vec<(String, Vec<(String, Vec<String>)>)> = Vec::new();
    let mut count = 0;
    let blocks = plan.parts.iter().filter_map(|p| match p {
        Part::Table(t) => t.indicators.as_ref(),
        _ => None,
    });
    for block in blocks {
        let (mut level1, mut level2) = (String::new(), String::new());
        for row in &block.filled {
            if !row.level1.is_empty() {
                level1 = row.level1.clone();
            }
            if !row.level2.is_empty() {
                level2 = row.level2.clone();
            }
            let value = |role: Role| {
                row.values.iter().find(|(r, _)| *r == role).map(|(_, t)| t.trim_matches(text::is_space).to_owned())
            };
            let Some(indicator) = value(Role::Indicator).filter(|t| !t.is_empty()) else { continue };
            if level1.is_empty() || level2.is_empty() {
                continue;
            }
            let mut item = vec![format!("indicator: {}", scalar(&indicator))];
            let ticks = ticks(&row.values);
            let text = |role: Role| {
                let key = role.key()?;
                value(role).filter(|t| !t.is_empty()).map(|t| format!("{key}: {}", scalar(&t)))
            };
            let (simple, late) = ([Role::Target, Role::Actual, Role::ToDate, Role::Expected], [Role::Reason]);
            item.extend(simple.into_iter().filter_map(text));
            item.extend(ticks.causes);
            item.extend(late.into_iter().filter_map(text));
            item.extend(ticks.likelihood);
            item.extend(text(Role::Note));
            if let Some(points) = value(Role::Points).filter(|t| fields::is_number(t)) {
                item.push(format!("points: {points}"));
            }
            // Last year's score is not this year's: wenshu scores at year end.
            let mut unread = ticks.unread;
            if let Some(score) = value(Role::Score).filter(|t| !t.is_empty()) {
                unread.push(format!("表上的得分 {score} 未读：得分由 wenshu 年终评价时算出，定性指标写 score"));
            }
            let note = match unread.is_empty() {
                true => String::new(),
                false => format!("  # {}", unread.join("；")),
            };
            let item = format!("{{ {} }}{note}", item.join(", "));
            let at1 = match tree.iter().position(|(l, _)| *l == level1) {
                Some(p) => p,
                None => {
                    tree.push((level1.clone(), Vec::new()));
                    tree.len() - 1
                }
            };
            let groups = &mut tree[at1].1;
            match groups.iter_mut().find(|(l, _)| *l == level2) {
                Some(group) => group.1.push(item),
                None => groups.push((level2.clone(), vec![item])),
            }
            count += 1;
        }
    }
    let mut out = String::new();
    if !tree.is_empty() {
        out.push_str("indicators:\n");
        for (level1, groups) in &tree {
            let _ = writeln!(out, "  - level1: {}\n    groups:", scalar(level1));
            for (level2, items) in groups {
                let _ = writeln!(out, "      - level2: {}\n        items:", scalar(level2));
                for item in items {
                    let _ = writeln!(out, "          - {item}");
                }
            }
        }
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_read_and_nothing_else() {
        let row = |cells: &[(Role, &str)]| -> Vec<(Role, String)> {
            cells.iter().map(|(r, t)| (*r, (*t).to_owned())).collect()
        };
        let values = row(&[
            (Role::Cause("经费保障"), ""),
            (Role::Cause("人员保障"), " ✔ "),
            (Role::Cause("其他"), "√"),
            (Role::Likelihood("确定能"), ""),
            (Role::Likelihood("有可能"), "☑"),
        ]);
        let read = ticks(&values);
        assert_eq!(read.causes.as_deref(), Some("causes: [人员保障, 其他]"));
        assert_eq!(read.likelihood.as_deref(), Some("likelihood: 有可能"));
        assert!(read.unread.is_empty());
        // Two answers ticked, or a word in a tick column: not read, and said.
        let values = row(&[
            (Role::Cause("经费保障"), "是"),
            (Role::Likelihood("确定能"), "■"),
            (Role::Likelihood("有可能"), "✔"),
        ]);
        let read = ticks(&values);
        assert_eq!((read.causes, read.likelihood), (None, None));
        assert_eq!(
            read.unread,
            [
                "“经费保障”格写着“是”，不是钩，没有读作 causes",
                "完成目标可能性钩了 确定能、有可能，没有读：likelihood 只写一项"
            ]
        );
    }

    #[test]
    fn last_years_score_is_not_read_and_the_row_says_so() {
        use crate::authoring::import::model::{FilledRow, Indicators, Table};
        let filled = vec![FilledRow {
            level1: "产出指标".into(),
            level2: "质量指标".into(),
            values: vec![
                (Role::Indicator, "个案结案率".into()),
                (Role::Target, "≥85%".into()),
                (Role::Actual, "80%".into()),
                (Role::Points, "10".into()),
                (Role::Score, "9.41".into()),
            ],
        }];
        let block = Indicators { rows: 0..1, columns: Vec::new(), frame: None, layout: Vec::new(), filled };
        let table = Table {
            widths: Vec::new(),
            heights: Vec::new(),
            cells: Vec::new(),
            ruled: true,
            lists: Vec::new(),
            indicators: Some(block),
        };
        let plan = Plan { parts: vec![Part::Table(table)], ..Plan::default() };
        let (out, count) = indicators(&plan);
        assert_eq!(count, 1);
        assert!(
            out.contains(
                "- { indicator: 个案结案率, target: '≥85%', actual: '80%', points: 10 }  \
                 # 表上的得分 9.41 未读：得分由 wenshu 年终评价时算出，定性指标写 score\n"
            ),
            "{out}"
        );
    }
}
