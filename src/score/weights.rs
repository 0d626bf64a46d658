//! The scoring model of a year-end evaluation: which categories carry
//! points, how many, and how a category's points reach its indicators.
//!
//! The categories are the table's own 一级指标, as printed (产出指标, or
//! 投入指标 and 过程指标 on 广西's form, or 决策/过程/产出/效益 in the 财政部
//! 2020 共性指标体系), plus 预算执行率 where the table scores it. Their points
//! are the project's `weights`, keyed by those names, and must add up to
//! the declared full score. The national self-evaluation form's points
//! (预算执行率 10, 产出 50, 效益 30, 满意度 10) are used only for a table whose
//! categories are among those four; any other category without points is
//! an error, never a guess.

use crate::error::Error;
use crate::project::model::{CategoryPoints, Evaluation, Spanned, Weights};
use crate::units::number::Number;
use crate::yaml::tree::Place;

/// The category the money table scores.
pub const EXECUTION: &str = "预算执行率";

/// The national self-evaluation form's points (财预〔2020〕10号).
const DEFAULTS: [(&str, i64); 4] = [(EXECUTION, 10), ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)];

/// A 一级指标 of the table, in the order it first appears.
#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    /// How many of its indicators carry points.
    pub scored: usize,
}

/// The points of 预算执行率 and of each category.
#[derive(Debug, Clone)]
pub struct Model {
    pub execution: Number,
    /// In the order of the categories.
    pub points: Vec<Number>,
    pub full: Number,
    /// How the points were set, for the report and `explain`.
    pub sentence: String,
    /// Whether `weights: auto` gave a missing category's points to others.
    pub spread: bool,
}

/// Whether `key` names `category`: as printed, or without its trailing
/// 指标 (`产出` names 产出指标).
pub fn names(key: &str, category: &str) -> bool {
    let bare = |s: &str| s.trim().trim_end_matches("指标").trim().to_owned();
    bare(key) == bare(category)
}

/// `预算执行率10分、产出指标50分`: the categories that carry points.
fn describe(execution: Number, categories: &[Category], points: &[Number]) -> String {
    let execution = (!execution.is_zero()).then(|| format!("{EXECUTION}{execution}分"));
    let rest = categories.iter().zip(points).map(|(c, p)| format!("{}{p}分", c.name));
    execution.into_iter().chain(rest).collect::<Vec<_>>().join("、")
}

/// The scoring model of a table: its categories' points as the project
/// states them, or the national defaults where they fit. `indicators` is
/// where errors about the table itself point.
pub fn model(categories: &[Category], evaluation: &Evaluation, indicators: Place, errors: &mut Vec<Error>) -> Model {
    let full = evaluation.full_score.as_ref().map_or(Number::from_int(100), |f| f.value);
    if let Some(given) = &evaluation.full_score
        && given.value.is_zero()
    {
        errors.push(super::invalid_at(given.at, "满分（full_score）不能为 0".to_owned()));
    }
    match evaluation.weights.as_ref() {
        Some(Spanned { value: Weights::Points(points), at }) => stated(categories, points, full, *at, errors),
        Some(Spanned { value: Weights::Auto(_), at }) => defaults(categories, full, *at, true, errors),
        None => defaults(categories, full, indicators, false, errors),
    }
}

/// The points the project writes, checked against the table.
fn stated(
    categories: &[Category],
    weights: &CategoryPoints,
    full: Number,
    at: Place,
    errors: &mut Vec<Error>,
) -> Model {
    let mut execution = Number::ZERO;
    let mut points = vec![Number::ZERO; categories.len()];
    let mut given = vec![false; categories.len()];
    let table: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    for (name, value) in &weights.0 {
        if names(name, EXECUTION) {
            execution = value.value;
            continue;
        }
        match categories.iter().position(|c| names(name, &c.name)) {
            Some(k) => (points[k], given[k]) = (value.value, true),
            None if value.value.is_zero() => {}
            None => errors.push(super::invalid_at(
                value.at,
                format!(
                    "weights 给了“{name}” {} 分，但年度绩效指标中没有这个一级指标（表上的一级指标：{}）：\
                     请照表上的名称写，或去掉它",
                    value.value,
                    table.join("、")
                ),
            )),
        }
    }
    for (k, category) in categories.iter().enumerate() {
        if category.scored > 0 && !given[k] {
            let message = format!(
                "一级指标“{}”有 {} 个计分的指标，但 weights 没有给它分值：请在 weights 中写 {}: 分值",
                category.name, category.scored, category.name
            );
            errors.push(super::invalid_at(at, message));
        } else if category.scored == 0 && !points[k].is_zero() {
            let message = format!(
                "weights 给了“{}” {} 分，但它没有计分的指标（都不适用或没有指标值），这些分会凭空丢失：请写 0",
                category.name, points[k]
            );
            errors.push(super::invalid_at(at, message));
        }
    }
    let sum: Number = execution + points.iter().copied().sum();
    if sum != full {
        let message =
            format!("各级指标分值之和为 {sum}，应为 {full}（满分）：{}", describe(execution, categories, &points));
        errors.push(super::invalid_at(at, message));
    }
    let sentence = format!("各级分值按项目文件：{}，满分{full}分。", describe(execution, categories, &points));
    Model { execution, points, full, sentence, spread: false }
}

/// The national points, for a table whose categories are among 产出、效益
/// and 满意度. A missing category's points are an error, or with
/// `weights: auto` (`spread`) go to the present ones in proportion.
fn defaults(categories: &[Category], full: Number, at: Place, spread: bool, errors: &mut Vec<Error>) -> Model {
    let default_of = |name: &str| DEFAULTS.iter().find(|(d, _)| names(name, d)).map(|(_, p)| Number::from_int(*p));
    let all = describe(Number::from_int(10), &default_categories(), &[50, 30, 10].map(Number::from_int));
    let unknown: Vec<&str> =
        categories.iter().filter(|c| c.scored > 0 && default_of(&c.name).is_none()).map(|c| c.name.as_str()).collect();
    let example = categories.iter().map(|c| format!("{}: …", c.name)).collect::<Vec<_>>().join(", ");
    if !unknown.is_empty() {
        let message = format!(
            "一级指标“{}”不在默认的分值（{all}）之中，wenshu 不会猜它的分值：请在 evaluation 中按表写出各一级指标的分值，\
             合计 {full}，如 weights: {{ 预算执行率: …, {example} }}",
            unknown.join("”“")
        );
        errors.push(super::invalid_at(at, message));
    }
    if full != Number::from_int(100) {
        let message =
            format!("满分为 {full} 时没有默认的分值：请在 evaluation 中写 weights，各一级指标的分值合计 {full}");
        errors.push(super::invalid_at(at, message));
    }
    let present = |name: &str| categories.iter().any(|c| c.scored > 0 && names(&c.name, name));
    let missing: Vec<(&str, Number)> =
        DEFAULTS[1..].iter().filter(|(d, _)| !present(d)).map(|(d, p)| (*d, Number::from_int(*p))).collect();
    let mut points: Vec<Number> = categories.iter().map(|c| default_of(&c.name).unwrap_or_default()).collect();
    for (k, category) in categories.iter().enumerate() {
        if category.scored == 0 {
            points[k] = Number::ZERO;
        }
    }
    let execution = Number::from_int(10);
    if missing.is_empty() {
        let sentence = format!("各级分值：{}。", describe(execution, categories, &points));
        return Model { execution, points, full, sentence, spread: false };
    }
    if !spread {
        for (name, default) in &missing {
            let message = format!(
                "年度绩效指标中没有{name}，而{name}默认占 {default} 分，这些分会凭空丢失：请补上{name}；\
                 或在 evaluation 中写 weights，按表写出各一级指标的分值、合计 100；\
                 或写 weights: auto，把缺少的分值按比例计入其余一级指标"
            );
            errors.push(super::invalid_at(at, message));
        }
        let sentence = format!("各级分值：{}。", describe(execution, categories, &points));
        return Model { execution, points, full, sentence, spread: false };
    }
    // Missing points go to the present categories in proportion, to the
    // hundredth; what rounding leaves goes to the first.
    let lost: Number = missing.iter().map(|(_, p)| *p).sum();
    let base: Number = points.iter().copied().sum();
    if base.is_zero() {
        errors.push(super::invalid_at(
            at,
            "weights: auto 无处可分：年度绩效指标中没有计分的产出、效益或满意度指标".to_owned(),
        ));
        return Model { execution, points, full, sentence: String::new(), spread: false };
    }
    let shares: Vec<Number> = points.iter().map(|p| lost.scaled(*p, base)).collect();
    let given: Number = shares.iter().copied().sum();
    for (k, share) in shares.iter().enumerate() {
        points[k] = points[k] + *share;
    }
    if let Some(k) = points.iter().position(|p| !p.is_zero()) {
        points[k] = points[k] + (lost - given);
    }
    let names: Vec<&str> = missing.iter().map(|(n, _)| *n).collect();
    let sentence = format!(
        "各级分值：{}（项目没有{}，其默认分值按比例计入其余一级指标）。",
        describe(execution, categories, &points),
        names.join("、")
    );
    Model { execution, points, full, sentence, spread: true }
}

fn default_categories() -> Vec<Category> {
    DEFAULTS[1..].iter().map(|(name, _)| Category { name: (*name).to_owned(), scored: 1 }).collect()
}

/// One indicator, as the points are spread.
#[derive(Debug, Clone)]
pub struct Slot {
    pub category: usize,
    /// Whether it carries points at all.
    pub scored: bool,
    /// Its points as the file states them (`points`, or its 评分细则's full marks).
    pub stated: Option<Number>,
}

/// The points of every indicator, in order: the stated ones, and each
/// category's remaining points spread evenly (to the hundredth, remainders
/// to the first) over its scored indicators that state none.
pub fn assign(
    slots: &[Slot],
    model: &Model,
    categories: &[Category],
    at: Place,
    errors: &mut Vec<Error>,
) -> Vec<Number> {
    let mut points: Vec<Number> = slots.iter().map(|s| s.stated.unwrap_or_default()).collect();
    for (k, category) in categories.iter().enumerate() {
        let weight = model.points[k];
        let name = &category.name;
        let members: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].category == k && slots[i].scored).collect();
        let stated: Number = members.iter().filter_map(|&i| slots[i].stated).sum();
        let open: Vec<usize> = members.iter().copied().filter(|&i| slots[i].stated.is_none()).collect();
        if stated > weight {
            let message = format!(
                "{name}写明的分值之和 {stated} 超过了该级指标的分值 {weight}：请调整各指标的 points，或修改 weights"
            );
            errors.push(super::invalid_at(at, message));
            continue;
        }
        if open.is_empty() {
            if !members.is_empty() && stated < weight {
                let message = format!(
                    "{name}写明的分值之和 {stated} 少于该级指标的分值 {weight}，差的分会凭空丢失：请调整各指标的 points，或修改 weights"
                );
                errors.push(super::invalid_at(at, message));
            }
            continue;
        }
        for (i, share) in open.iter().zip(even_shares(weight - stated, open.len())) {
            points[*i] = share;
        }
    }
    points
}

/// `total` in `n` shares to the hundredth, the remainder to the first
/// ones: 10 in 3 → 3.34, 3.33, 3.33.
pub fn even_shares(total: Number, n: usize) -> Vec<Number> {
    let hundredths = total.raw() / 100;
    let n = n.max(1) as i128;
    (0..n)
        .map(|j| {
            let extra = i128::from(j < hundredths % n);
            Number::from_hundredths(i64::try_from(hundredths / n + extra).unwrap_or(0))
        })
        .collect()
}

/// The grades of the national self-evaluation form (优 90–100 …).
pub(crate) const NATIONAL_GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// The funder's default grades on a full score: 90%, 80% and 60% of it.
pub fn default_grades(full: Number, names: [&str; 4]) -> Vec<(String, Number)> {
    let hundred = Number::from_int(100);
    names
        .iter()
        .zip([90, 80, 60, 0])
        .map(|(g, share)| ((*g).to_owned(), full.scaled(Number::from_int(share), hundred)))
        .collect()
}

/// The grades and floors seed 002 prints (优秀 90, 良好 80, 合格 60,
/// 不合格 0), for tests of grading.
#[cfg(test)]
pub(crate) fn seed_grades() -> Vec<(String, Number)> {
    [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)].map(|(g, m)| (g.to_owned(), Number::from_int(m))).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_names_a_category_with_or_without_its_suffix() {
        assert!(names("产出", "产出指标"));
        assert!(names("产出指标", "产出指标"));
        assert!(!names("产出", "效益指标"));
    }

    #[test]
    fn points_spread_evenly_to_the_hundredth() {
        let shares: Vec<String> = even_shares(Number::from_int(10), 3).iter().map(|n| n.fixed2()).collect();
        assert_eq!(shares, ["3.34", "3.33", "3.33"]);
    }

    #[test]
    fn default_grades_scale_with_the_full_score() {
        let grades = default_grades(Number::from_int(120), ["优秀", "良好", "合格", "不合格"]);
        let mins: Vec<String> = grades.iter().map(|g| g.1.to_string()).collect();
        assert_eq!(mins, ["108", "96", "72", "0"]);
    }
}
