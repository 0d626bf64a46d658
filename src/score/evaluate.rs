//! The year-end evaluation: completion rates, points, scores, grades and the
//! sentences of the report — what staff compute by hand today. Pure
//! functions of a project; every figure is either provably right or refused
//! with a message that says how to fix the file:
//!
//! - a 指标值 with a number wenshu cannot read is an error, never full points;
//! - a judged (定性) indicator scores what the file says (`score`, or an
//!   actual of `已完成`), never full points by default;
//! - a 一级指标 that carries points but has no indicators is an error, as are
//!   weights that do not add up to 100;
//! - a shortfall needs its reason.

use crate::error::Error;
use crate::project::model::{Completion, Evaluation, Indicator, Project, Score, Spanned, SpendingLine, Text, Weights};
use crate::score::indicator::{self, Reading};
use crate::score::report;
use crate::score::rule::Rule;
use crate::score::target::{DONE, Target};
use crate::score::tree::{ItemNode, Tree};
use crate::score::weights::{self, Category, NATIONAL_GRADES, Slot};
use crate::units::money::{Money, Percent};
use crate::units::number::{Number, percent_fixed};

pub use crate::score::evaluated::*;

/// Where an error found here points: a value's place in the file.
fn error_at<T>(place: &Spanned<T>, message: String) -> Error {
    super::invalid_at(place.at, message)
}

/// Evaluates a project with an `evaluation` section; `tree` is the
/// project's indicators read once ([`Tree::read`]).
pub fn evaluate(project: &Project, evaluation: &Evaluation, tree: &Tree) -> Result<Evaluated, Vec<Error>> {
    let mut errors = Vec::new();
    let capped = crate::score::completion::capped(project).unwrap_or_else(|e| {
        errors.push(e);
        false
    });
    let (model, points) = plan(project, evaluation, tree, &mut errors);
    let execution = execution(project, evaluation, model.execution, &mut errors);
    let (categories, chart) = score_categories(tree, &points, capped, &mut errors);
    let indicators: Number = categories.iter().map(|c| c.score).sum();
    let total = execution.1 + indicators;
    let max = model.execution + categories.iter().map(|c| c.points).sum();
    let grades = grades(evaluation, model.full, &mut errors);
    let parties = parties(evaluation, &grades, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let grade = grade_of(&grades, total);
    let highest = chart.iter().map(|b| b.rate).max().unwrap_or(0);
    let chart_scale = (highest.div_euclid(5000) + 1).clamp(3, 10) * 5000;
    let shortfalls = categories
        .iter()
        .flat_map(|c| &c.groups)
        .flat_map(|g| &g.items)
        .filter(|i| !i.reason.is_empty() && i.score != i.points)
        .cloned()
        .collect();
    let (final_score, final_grade) = match &parties {
        Some(p) => (p.total.clone(), p.grade.clone()),
        None => (total, grade.clone()),
    };
    Ok(Evaluated {
        funding_sentence: report::funding_sentence(evaluation, &execution.0),
        completion_sentence: report::completion_sentence(project, tree, capped),
        grading_sentence: report::grading_sentence(&grades),
        rate_name: if capped { Completion::Progress } else { Completion::Rate },
        weights_spread: model.spread,
        weights_sentence: model.sentence,
        execution: execution.0,
        categories,
        total,
        max,
        national_grade: grade_of(&weights::default_grades(model.full, NATIONAL_GRADES), total),
        grade,
        parties,
        passed: grades.last().is_none_or(|(lowest, _)| *lowest != final_grade),
        grade_names: grades.iter().map(|(name, _)| name.clone()).collect(),
        final_score,
        final_grade,
        chart,
        chart_scale,
        shortfalls,
    })
}

/// Every indicator scored, by category and group as the table has them,
/// and the chart's bars of their completion rates.
fn score_categories(
    tree: &Tree,
    points: &[Number],
    capped: bool,
    errors: &mut Vec<Error>,
) -> (Vec<ScoredCategory>, Vec<ChartBar>) {
    let mut categories = Vec::new();
    let mut chart = Vec::new();
    let mut index = 0;
    for category in &tree.categories {
        let mut groups = Vec::new();
        let (mut category_points, mut category_score) = (Number::ZERO, Number::ZERO);
        for group in &category.groups {
            let mut items = Vec::new();
            for node in &group.items {
                let item = node.item;
                let scored = score(node, points[index], capped, errors);
                category_score = category_score + scored.score;
                category_points = category_points + points[index];
                index += 1;
                let name = item.indicator.value.as_str();
                for (label, rate) in scored.bars {
                    let label = if label.is_empty() { name.to_owned() } else { format!("{name}（{label}）") };
                    chart.push(ChartBar { label, rate, text: percent_fixed(rate) });
                }
                items.push(scored.row);
            }
            groups.push(ScoredGroup { level2: group.level2.to_owned(), items });
        }
        categories.push(ScoredCategory {
            level1: category.level1.to_owned(),
            points: category_points,
            score: category_score,
            groups,
        });
    }
    (categories, chart)
}

/// The table's categories, their points, and each indicator's points.
fn plan(
    project: &Project,
    evaluation: &Evaluation,
    tree: &Tree,
    errors: &mut Vec<Error>,
) -> (weights::Model, Vec<Number>) {
    let mut categories: Vec<Category> = Vec::new();
    let mut slots = Vec::new();
    // The national form scores 满意度 as a category of its own; tables of
    // 2015 write 服务对象满意度 as a 二级指标 under 效益 (seed 000). Under the
    // national points it is scored as the form does; points the project
    // states follow the table's own 一级指标.
    let national = !matches!(evaluation.weights.as_ref().map(|w| &w.value), Some(Weights::Points(_)));
    for (category, group, node) in tree.items() {
        let (item, target, level2) = (node.item, &node.target, group.level2);
        let level1 = category.level1.trim();
        let name = if national && level2.contains("满意度") && !level1.contains("满意度") {
            "满意度指标"
        } else {
            level1
        };
        let k = match categories.iter().position(|c| weights::names(&c.name, name)) {
            Some(k) => k,
            None => {
                categories.push(Category { name: name.to_owned(), scored: 0 });
                categories.len() - 1
            }
        };
        let scored = target.as_ref().map_or(true, |t| is_scored(item, t));
        categories[k].scored += usize::from(scored);
        let stated = item
            .points
            .as_ref()
            .map(|p| p.value)
            .or_else(|| rule_of(item).and_then(|r| r.ok()).and_then(|r| r.full_marks()));
        slots.push(Slot { category: k, scored, stated });
    }
    let model = weights::model(&categories, evaluation, project.indicators.at, errors);
    let points = weights::assign(&slots, &model, &categories, project.indicators.at, errors);
    (model, points)
}

/// The money table of the self-evaluation form and the execution score.
fn execution(
    project: &Project,
    evaluation: &Evaluation,
    points: Number,
    errors: &mut Vec<Error>,
) -> (Execution, Number) {
    let spending = &evaluation.spending;
    let fiscal_label = spending.label.as_ref().map_or("本年财政拨款", |l| l.value.as_str());
    let lines: [(&str, Option<&SpendingLine>); 3] = [
        (fiscal_label, Some(&spending.fiscal)),
        ("上年结转资金", spending.carryover.as_ref()),
        ("其他资金", spending.other.as_ref()),
    ];
    let adjusted = |l: &SpendingLine| l.adjusted.as_ref().map_or(l.initial.value, |a| a.value);
    let present = lines.iter().filter_map(|(_, l)| *l);
    let initial: Money = present.clone().map(|l| l.initial.value).sum();
    let adjusted_total: Money = present.clone().map(adjusted).sum();
    let spent: Money = present.map(|l| l.spent.value).sum();
    if let Some(funding) = &project.funding
        && initial != funding.total.value
    {
        let message = format!("年初预算数之和 {initial} ≠ 项目资金 {}", funding.total.value);
        errors.push(error_at(&spending.fiscal.initial, message));
    }
    if adjusted_total == Money::ZERO {
        errors.push(error_at(&spending.fiscal.initial, "全年预算数为 0，无法计算预算执行率".to_owned()));
    }
    let rate = Number::from_int(spent.fen()).percent_of(Number::from_int(adjusted_total.fen())).unwrap_or(0);
    let score = points.scaled(Number::from_hundredths(rate.min(10_000)), Number::from_int(100));
    let rows = lines
        .iter()
        .map(|(label, line)| ExecutionRow {
            label: (*label).to_owned(),
            initial: line.map(|l| l.initial.value),
            adjusted: line.map(adjusted),
            spent: line.map(|l| l.spent.value),
        })
        .collect();
    let execution = Execution {
        rows,
        initial,
        adjusted: adjusted_total,
        spent,
        points,
        rate: Percent::from_hundredths(rate),
        score,
    };
    (execution, score)
}

/// An indicator scored: its row, its score, and its bars (label of the
/// part, rate) for the chart.
struct ScoredItem {
    row: Scored,
    score: Number,
    bars: Vec<(String, i64)>,
}

/// One indicator's row: rate, points and score.
fn score(node: &ItemNode, points: Number, capped: bool, errors: &mut Vec<Error>) -> ScoredItem {
    let (item, target) = (node.item, &node.target);
    let name = item.indicator.value.as_str();
    let reason = item.reason.as_ref().map(|r| r.value.as_str().trim()).unwrap_or("");
    let errors_before = errors.len();
    let mut result = ScoredItem { row: unscored(item), score: Number::ZERO, bars: Vec::new() };
    let target = match target {
        Ok(target) => target,
        Err(message) => {
            let place = item.target.as_ref().map_or(&item.indicator, |t| t);
            errors.push(error_at(place, format!("指标“{name}”：{message}")));
            return result;
        }
    };
    result.row.reading = target.describe();
    if !is_scored(item, target) {
        return result;
    }
    result.row.points = Some(points);
    let Some(actual) = &item.actual else {
        errors.push(error_at(&item.indicator, format!("指标“{name}”缺少 actual（实际完成值）")));
        return result;
    };
    let score = match (rule_of(item), target) {
        (Some(Err(problem)), _) => {
            let place = item.rule.as_ref().map_or(&item.indicator, |r| r);
            errors.push(error_at(place, format!("指标“{name}”：{problem}")));
            Number::ZERO
        }
        (Some(Ok(rule)), target) => rule_score(item, &rule, target, points, actual, &mut result, capped, errors),
        (None, Target::Judged(_)) => {
            result.row.method = Method::Judged;
            judged_score(item, points, actual, &mut result.row, errors)
        }
        (None, target) => match &node.actual {
            Some(Ok(reading)) => measured_score(target, reading, points, &mut result, capped),
            Some(Err(problem)) => {
                let text = actual.value.as_str();
                errors.push(error_at(actual, format!("指标“{name}”的实际完成值“{text}”{problem}")));
                Number::ZERO
            }
            None => Number::ZERO,
        },
    };
    result.score = score;
    result.row.score = Some(score);
    if score < points && result.row.why.is_empty() {
        result.row.why = match &result.row.rate {
            Some(rate) => format!("{} {rate}", if capped { "完成进度" } else { "完成率" }),
            None if !result.row.actual_reading.is_empty() => result.row.actual_reading.clone(),
            None => "未达指标值".to_owned(),
        };
    }
    // An actual that could not be judged has its own error; no reason is owed yet.
    let judged = errors.len() == errors_before;
    if judged && score < points && reason.is_empty() {
        let message = format!(
            "指标“{name}”得分 {} 低于分值 {}，请填写 reason（偏差原因分析及改进措施）",
            score.fixed2(),
            points.fixed2()
        );
        errors.push(error_at(actual, message));
    }
    result
}

/// An indicator's row as the project writes it, before it is scored.
fn unscored(item: &Indicator) -> Scored {
    let text = |t: &Option<Spanned<Text>>| t.as_ref().map_or("", |t| t.value.as_str()).to_owned();
    Scored {
        indicator: item.indicator.value.as_str().to_owned(),
        target: text(&item.target),
        actual: text(&item.actual),
        reading: String::new(),
        actual_reading: String::new(),
        rate: None,
        points: None,
        score: None,
        reason: text(&item.reason).trim().to_owned(),
        why: String::new(),
        steps: Vec::new(),
        method: Method::None,
    }
}

/// Whether an indicator carries points: a target that does, or a
/// 评分细则 (which states its own threshold) on anything but 不适用.
fn is_scored(item: &Indicator, target: &Target) -> bool {
    target.is_scored() || (item.rule.is_some() && *target != Target::NotApplicable)
}

/// The indicator's 评分细则, read.
fn rule_of(item: &Indicator) -> Option<Result<Rule, String>> {
    item.rule.as_ref().filter(|r| !r.value.is_blank()).map(|r| Rule::parse(r.value.as_str()))
}

/// A measured indicator or a deadline, scored by the national method in
/// [`indicator::score_reading`] (the same code the corpus test runs).
fn measured_score(target: &Target, reading: &Reading, points: Number, result: &mut ScoredItem, capped: bool) -> Number {
    let scored = indicator::score_reading(target, reading, points, capped);
    let compound = scored.parts.len() > 1;
    for part in &scored.parts {
        if let Some(rate) = part.rate {
            let label = if compound { part.label.clone() } else { String::new() };
            result.bars.push((label, if capped { rate.min(10_000) } else { rate }));
        }
    }
    result.row.actual_reading = scored.actual_reading;
    result.row.rate = scored.rate;
    result.row.why = scored.why;
    result.row.method = scored.method;
    scored.score.unwrap_or(Number::ZERO)
}

/// An indicator scored by its own 评分细则: the rule decides, with the
/// actual (and the target's figure, where the rule counts from it).
#[allow(clippy::too_many_arguments)]
fn rule_score(
    item: &Indicator,
    rule: &Rule,
    target: &Target,
    points: Number,
    actual: &Spanned<Text>,
    result: &mut ScoredItem,
    capped: bool,
    errors: &mut Vec<Error>,
) -> Number {
    let name = item.indicator.value.as_str();
    let text = actual.value.as_str();
    result.row.method = Method::Rule;
    result.row.reading = format!("{}；评分细则：{}", result.row.reading, rule.describe());
    if let (Some(full), Some(place)) = (rule.full_marks(), item.rule.as_ref())
        && full != points
    {
        let message = format!(
            "指标“{name}”的评分细则满分 {full} 分，与它的分值 {} 不一致：请让 points 与评分细则一致",
            points.fixed2()
        );
        errors.push(error_at(place, message));
        return Number::ZERO;
    }
    match crate::score::indicator::by_rule(rule, target, text, points, capped) {
        Ok(scored) => {
            if let [part] = scored.parts.as_slice()
                && let Some(rate) = part.rate
            {
                result.bars.push((String::new(), rate));
            }
            result.row.actual_reading = scored.actual_reading;
            result.row.rate = scored.rate;
            result.row.steps = scored.steps;
            scored.score.unwrap_or(Number::ZERO)
        }
        Err(problem) => {
            let place =
                if matches!(target, Target::Compound(_)) { item.rule.as_ref().unwrap_or(actual) } else { actual };
            let problem = match target {
                Target::Compound(_) => format!("指标“{name}”{problem}"),
                _ => format!("指标“{name}”按评分细则计分：{problem}"),
            };
            errors.push(error_at(place, problem));
            Number::ZERO
        }
    }
}

/// The score of a judged (定性) indicator: what the file says, or full
/// points for an actual that says it was done; otherwise an error.
fn judged_score(
    item: &Indicator,
    points: Number,
    actual: &Spanned<Text>,
    row: &mut Scored,
    errors: &mut Vec<Error>,
) -> Number {
    let name = item.indicator.value.as_str();
    let target_text = item.target.as_ref().map_or("", |t| t.value.as_str());
    let actual_text = actual.value.as_str();
    let mut score = Number::ZERO;
    match &item.score {
        Some(given) => {
            score = match given.value {
                Score::Full => points,
                Score::Points(n) => n,
            };
            row.actual_reading = format!("定性：score {}", given.value);
            if score > points {
                let message = format!("指标“{name}”的得分 {score} 超过分值 {}", points.fixed2());
                errors.push(error_at(given, message));
            }
        }
        None if DONE.contains(&actual_text.trim()) => {
            score = points;
            row.actual_reading = format!("定性：{}，得满分", actual_text.trim());
        }
        None => {
            let message = format!(
                "指标“{name}”的指标值“{target_text}”由人评定（定性），wenshu 不替人打分：\
                     请写得分 score（不超过 {} 分，满分写 score: 满分），或在实际完成值中写 已完成",
                points.fixed2()
            );
            errors.push(error_at(actual, message));
        }
    }
    score
}

/// The funder's grades, best first; checked to be in order and to end at 0.
fn grades(evaluation: &Evaluation, full: Number, errors: &mut Vec<Error>) -> Vec<(String, Number)> {
    let Some(grades) = &evaluation.grades else {
        return weights::default_grades(full, ["优秀", "良好", "合格", "不合格"]);
    };
    let list: Vec<(String, Number)> =
        grades.value.iter().map(|g| (g.grade.value.as_str().to_owned(), g.min.value)).collect();
    let ordered = list.windows(2).all(|w| w[0].1 > w[1].1);
    if list.is_empty() || !ordered || list.last().is_some_and(|g| !g.1.is_zero()) {
        let message = "评价等级应从高到低排列，最低分依次递减，最后一个等级的最低分为 0".to_owned();
        errors.push(error_at(grades, message));
    }
    if let Some((grade, min)) = list.first()
        && *min > full
    {
        let message = format!("评价等级“{grade}”的最低分 {min} 超过满分 {full}，谁也得不到它");
        errors.push(error_at(grades, message));
    }
    list
}

fn grade_of(grades: &[(String, Number)], score: Number) -> String {
    let score = score.round2();
    grades.iter().find(|(_, min)| score >= *min).or(grades.last()).map(|g| g.0.clone()).unwrap_or_default()
}

fn parties(evaluation: &Evaluation, grades: &[(String, Number)], errors: &mut Vec<Error>) -> Option<PartyScores> {
    let parties = evaluation.parties.as_ref()?;
    let weight_total: Percent = parties.value.iter().map(|p| p.weight.value).sum();
    if weight_total != Percent::HUNDRED {
        errors.push(error_at(parties, format!("多方评估的占比之和为 {weight_total}，应为 100%")));
    }
    let mut rows = Vec::new();
    let mut total = Number::ZERO;
    for p in &parties.value {
        if p.score.value > Number::from_int(100) {
            errors.push(error_at(&p.score, format!("评估分值 {} 超过 100 分", p.score.value)));
        }
        let weighted =
            p.score.value.scaled(Number::from_hundredths(p.weight.value.hundredths()), Number::from_int(100));
        total = total + weighted;
        rows.push(PartyRow {
            party: p.party.value.as_str().to_owned(),
            weight: p.weight.value,
            score: p.score.value,
            weighted,
        });
    }
    let clauses: Vec<String> = rows.iter().map(|r| format!("{}评估分值占比{}", r.party, r.weight)).collect();
    Some(PartyScores {
        total,
        grade: grade_of(grades, total),
        weights_sentence: format!("其中，{}。", clauses.join("，")),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_boundaries() {
        let grade = |score: &str| grade_of(&crate::score::weights::seed_grades(), Number::parse(score).unwrap());
        assert_eq!(grade("100"), "优秀");
        assert_eq!(grade("90.00"), "优秀");
        assert_eq!(grade("89.99"), "良好");
        assert_eq!(grade("80.00"), "良好");
        assert_eq!(grade("79.99"), "合格");
        assert_eq!(grade("60.00"), "合格");
        assert_eq!(grade("59.99"), "不合格");
        assert_eq!(grade("0"), "不合格");
        // Scores are graded as printed, to two decimals: 89.995 prints as 90.00.
        assert_eq!(grade("89.995"), "优秀");
        let national = weights::default_grades(Number::from_int(100), NATIONAL_GRADES);
        assert_eq!(grade_of(&national, Number::parse("79.99").unwrap()), "中");
    }
}
