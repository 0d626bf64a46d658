//! The year-end evaluation: completion rates, points, scores, grades and the
//! sentences of the report — what staff compute by hand today. Pure
//! functions of a project; the problems they meet (a missing actual, a
//! score below its points with no reason given) come back as errors.

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::model::{Evaluation, Indicator, Project, Spanned, SpendingLine};
use crate::money::{Money, Percent};
use crate::number::{Number, percent_fixed};
use crate::target::{Quantity, Target};

/// Everything computed for the evaluation documents, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluated {
    pub execution: Execution,
    pub categories: Vec<ScoredCategory>,
    /// Sum of the indicators' and the execution rate's scores.
    pub total: String,
    /// Sum of all points (100 with the default weights).
    pub max: String,
    /// The grade of `total` on the funder's scale.
    pub grade: String,
    /// The grade of `total` on the national self-evaluation form (优/良/中/差).
    pub national_grade: String,
    /// The weighted party scores, where the funder evaluates that way.
    pub parties: Option<PartyScores>,
    /// The score and grade the report states: the parties' where given.
    pub final_score: String,
    pub final_grade: String,
    /// 资金来源属于…，年初预算240万元，执行数为240万元，完成预算的100%。
    pub funding_sentence: String,
    /// 社工站2022年度完成电访886个，探访810个，分别完成协议指标量的103.02%、100.25%；…
    pub completion_sentence: String,
    /// 评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，…
    pub grading_sentence: String,
    /// Indicators with a completion rate, for the chart.
    pub chart: Vec<ChartBar>,
    /// The rate at the right end of the chart's axis: the highest rate
    /// rounded up to 50%, at least 150% so the 100% line stands inside.
    pub chart_scale: i64,
    /// Indicators below their points, with their reasons.
    pub shortfalls: Vec<Scored>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Execution {
    pub rows: Vec<ExecutionRow>,
    pub initial: String,
    pub adjusted: String,
    pub spent: String,
    pub points: String,
    pub rate: String,
    pub score: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExecutionRow {
    pub label: &'static str,
    pub initial: String,
    pub adjusted: String,
    pub spent: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredCategory {
    pub level1: String,
    pub groups: Vec<ScoredGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredGroup {
    pub level2: String,
    pub items: Vec<Scored>,
}

/// One indicator at year end.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub indicator: String,
    pub target: String,
    pub actual: String,
    /// 完成率 (`103.02%`), for targets that divide.
    pub rate: Option<String>,
    pub points: String,
    pub score: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyScores {
    pub rows: Vec<PartyRow>,
    pub total: String,
    pub grade: String,
    /// 其中，项目监督方评估分值占比10%，…
    pub weights_sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyRow {
    pub party: String,
    pub weight: String,
    pub score: String,
    pub weighted: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartBar {
    pub label: String,
    /// Hundredths of a percent.
    pub rate: i64,
    pub text: String,
}

/// The four levels that share the default points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Output,
    Benefit,
    Satisfaction,
}

/// Where an error found here points: a value's place in the file.
fn error_at<T>(place: &Spanned<T>, message: String) -> Error {
    let mut error = Error::new(ErrorKind::Invalid, message);
    error.line = place.referenced.line() as usize;
    error.column = place.referenced.column() as usize;
    error
}

/// Evaluates a project with an `evaluation` section.
pub fn evaluate(project: &Project, evaluation: &Evaluation) -> Result<Evaluated, Vec<Error>> {
    let mut errors = Vec::new();
    let weights = weights(evaluation);
    let execution = execution(project, evaluation, weights[0], &mut errors);
    let points = assign_points(project, &weights, &mut errors);
    let mut categories = Vec::new();
    let mut chart = Vec::new();
    let mut total = Number::from_hundredths(0) + execution.1;
    let mut max = weights[0];
    let mut index = 0;
    for category in &project.indicators.value {
        let mut groups = Vec::new();
        for group in &category.groups.value {
            let mut items = Vec::new();
            for item in &group.items.value {
                let scored = score(item, points[index], &mut errors);
                index += 1;
                total = total + scored.1;
                max = max + points[index - 1];
                if let Some(rate) = scored.2 {
                    let label = item.indicator.value.as_str().to_owned();
                    chart.push(ChartBar { label, rate, text: percent_fixed(rate) });
                }
                items.push(scored.0);
            }
            groups.push(ScoredGroup { level2: group.level2.value.as_str().to_owned(), items });
        }
        categories.push(ScoredCategory { level1: category.level1.value.as_str().to_owned(), groups });
    }
    let grades = grades(evaluation, &mut errors);
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
        None => (total.fixed2(), grade.clone()),
    };
    Ok(Evaluated {
        funding_sentence: funding_sentence(evaluation, &execution.0),
        completion_sentence: completion_sentence(project, evaluation),
        grading_sentence: grading_sentence(&grades),
        execution: execution.0,
        categories,
        total: total.fixed2(),
        max: max.fixed2(),
        national_grade: grade_of(&national_grades(), total),
        grade,
        parties,
        final_score,
        final_grade,
        chart,
        chart_scale,
        shortfalls,
    })
}

/// 预算执行率, 产出, 效益, 满意度 points.
fn weights(evaluation: &Evaluation) -> [Number; 4] {
    match &evaluation.weights {
        Some(w) => [w.execution.value, w.output.value, w.benefit.value, w.satisfaction.value],
        None => [10, 50, 30, 10].map(Number::from_int),
    }
}

/// The money table of the self-evaluation form and the execution score.
fn execution(
    project: &Project,
    evaluation: &Evaluation,
    points: Number,
    errors: &mut Vec<Error>,
) -> (Execution, Number) {
    let spending = &evaluation.spending;
    let lines: [(&'static str, Option<&SpendingLine>); 3] = [
        ("本年财政拨款", Some(&spending.fiscal)),
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
    let rate = Number::from_int(spent.fen()).percent_of(Number::from_int(adjusted_total.fen()));
    let rate = rate.unwrap_or(0);
    let score = points.scaled(Number::from_hundredths(rate.min(10_000)), Number::from_int(100));
    let rows = lines
        .iter()
        .map(|(label, line)| ExecutionRow {
            label,
            initial: line.map(|l| l.initial.value.wan_fixed()).unwrap_or_default(),
            adjusted: line.map(|l| adjusted(l).wan_fixed()).unwrap_or_default(),
            spent: line.map(|l| l.spent.value.wan_fixed()).unwrap_or_default(),
        })
        .collect();
    let execution = Execution {
        rows,
        initial: initial.wan_fixed(),
        adjusted: adjusted_total.wan_fixed(),
        spent: spent.wan_fixed(),
        points: points.fixed2(),
        rate: Percent::from_hundredths(rate).to_string(),
        score: score.fixed2(),
    };
    (execution, score)
}

fn level_of(level1: &str, level2: &str) -> Option<Level> {
    if level1.contains("满意度") || level2.contains("满意度") {
        Some(Level::Satisfaction)
    } else if level1.contains("产出") {
        Some(Level::Output)
    } else if level1.contains("效益") {
        Some(Level::Benefit)
    } else {
        None
    }
}

/// Points of every indicator, in order: the stated ones, and each level's
/// remaining weight spread evenly (to the hundredth, remainders to the
/// first) over the scored indicators that state none.
fn assign_points(project: &Project, weights: &[Number; 4], errors: &mut Vec<Error>) -> Vec<Number> {
    let mut slots = Vec::new();
    for category in &project.indicators.value {
        for group in &category.groups.value {
            for item in &group.items.value {
                let level = level_of(category.level1.value.as_str(), group.level2.value.as_str());
                let scored = Target::parse(item.target.as_ref().map_or("", |t| t.value.as_str())).is_scored();
                if level.is_none() && scored && item.points.is_none() {
                    let message = format!(
                        "一级指标“{}”不是产出、效益或满意度指标，无法自动分配分值：请为指标“{}”写 points（分值）",
                        category.level1.value.as_str(),
                        item.indicator.value.as_str()
                    );
                    errors.push(error_at(&item.indicator, message));
                }
                slots.push((level, scored, item.points.as_ref().map(|p| p.value)));
            }
        }
    }
    let mut points: Vec<Number> = slots.iter().map(|(_, _, p)| p.unwrap_or_default()).collect();
    for (level, weight) in
        [(Level::Output, weights[1]), (Level::Benefit, weights[2]), (Level::Satisfaction, weights[3])]
    {
        let in_level = |s: &&(Option<Level>, bool, Option<Number>)| s.0 == Some(level) && s.1;
        let stated: Number = slots.iter().filter(in_level).filter_map(|s| s.2).sum();
        let open: Vec<usize> = (0..slots.len()).filter(|&i| in_level(&&slots[i]) && slots[i].2.is_none()).collect();
        if stated > weight {
            let message = format!("指标写明的分值之和 {stated} 超过了该级指标的分值 {weight}");
            errors.push(error_at(&project.indicators, message));
            continue;
        }
        if open.is_empty() {
            continue;
        }
        let remaining = (weight - stated).raw() / 100;
        let n = open.len() as i64;
        for (k, i) in open.into_iter().enumerate() {
            let extra = i64::from((k as i64) < remaining % n);
            points[i] = Number::from_hundredths(remaining / n + extra);
        }
    }
    points
}

/// One indicator's row: rate, points and score. Returns the row, the
/// score, and the completion rate for the chart.
fn score(item: &Indicator, points: Number, errors: &mut Vec<Error>) -> (Scored, Number, Option<i64>) {
    let target_text = item.target.as_ref().map_or("", |t| t.value.as_str());
    let target = Target::parse(target_text);
    let actual_text = item.actual.as_ref().map_or("", |a| a.value.as_str());
    let name = item.indicator.value.as_str();
    let mut rate = None;
    let mut score = Number::ZERO;
    let errors_before = errors.len();
    match (&target, &item.actual) {
        (Target::NotApplicable, _) | (Target::None, None) => {}
        (_, None) => errors.push(error_at(&item.indicator, format!("指标“{name}”缺少 actual（实际完成值）"))),
        (Target::Judged(_), Some(_)) => {
            score = item.score.as_ref().map_or(points, |s| s.value);
            if score > points {
                let message = format!("指标“{name}”的得分 {score} 超过分值 {}", points.fixed2());
                errors.push(match &item.score {
                    Some(place) => error_at(place, message),
                    None => error_at(&item.indicator, message),
                });
            }
        }
        (_, Some(actual)) => match Quantity::parse(actual_text) {
            None if matches!(target, Target::None) => {}
            None => errors.push(error_at(
                actual,
                format!("指标“{name}”的实际完成值“{actual_text}”不是数量，应写成 886个 或 95% 这样的形式"),
            )),
            Some(quantity) => {
                let expected = target.unit().unwrap_or("");
                if !quantity.unit.is_empty() && !expected.is_empty() && quantity.unit != expected {
                    let message = format!(
                        "指标“{name}”的实际完成值单位“{}”与指标值“{target_text}”的单位“{expected}”不一致",
                        quantity.unit
                    );
                    errors.push(error_at(actual, message));
                }
                rate = target.completion(&quantity);
                score = target.score(&quantity, points).unwrap_or_default();
            }
        },
    }
    let reason = item.reason.as_ref().map(|r| r.as_str().trim()).unwrap_or("");
    // An actual that could not be judged has its own error; no reason is owed yet.
    let judged = errors.len() == errors_before;
    if judged && target.is_scored() && item.actual.is_some() && score < points && reason.is_empty() {
        let message = format!(
            "指标“{name}”得分 {} 低于分值 {}，请填写 reason（偏差原因分析及改进措施）",
            score.fixed2(),
            points.fixed2()
        );
        errors.push(error_at(item.actual.as_ref().unwrap_or(&item.indicator), message));
    }
    let row = Scored {
        indicator: name.to_owned(),
        target: target_text.to_owned(),
        actual: actual_text.to_owned(),
        rate: rate.map(percent_fixed),
        points: if target.is_scored() { points.fixed2() } else { String::new() },
        score: if target.is_scored() { score.fixed2() } else { String::new() },
        reason: reason.to_owned(),
    };
    (row, score, rate)
}

/// The funder's grades, best first; checked to be in order and to end at 0.
fn grades(evaluation: &Evaluation, errors: &mut Vec<Error>) -> Vec<(String, Number)> {
    let Some(grades) = &evaluation.grades else {
        return [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]
            .map(|(g, m)| (g.to_owned(), Number::from_int(m)))
            .to_vec();
    };
    let list: Vec<(String, Number)> =
        grades.value.iter().map(|g| (g.grade.value.as_str().to_owned(), g.min.value)).collect();
    let ordered = list.windows(2).all(|w| w[0].1 > w[1].1);
    if list.is_empty() || !ordered || list.last().is_some_and(|g| !g.1.is_zero()) {
        let message = "评价等级应从高到低排列，最低分依次递减，最后一个等级的最低分为 0".to_owned();
        errors.push(error_at(grades, message));
    }
    list
}

fn national_grades() -> Vec<(String, Number)> {
    [("优", 90), ("良", 80), ("中", 60), ("差", 0)].map(|(g, m)| (g.to_owned(), Number::from_int(m))).to_vec()
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
            weight: p.weight.value.to_string(),
            score: p.score.value.fixed2(),
            weighted: weighted.fixed2(),
        });
    }
    let clauses: Vec<String> = rows.iter().map(|r| format!("{}评估分值占比{}", r.party, r.weight)).collect();
    Some(PartyScores {
        total: total.fixed2(),
        grade: grade_of(grades, total),
        weights_sentence: format!("其中，{}。", clauses.join("，")),
        rows,
    })
}

fn funding_sentence(evaluation: &Evaluation, execution: &Execution) -> String {
    let wan = |fixed: &str| fixed.trim_end_matches('0').trim_end_matches('.').to_owned();
    format!(
        "资金来源属于{}，年初预算{}万元，执行数为{}万元，完成预算的{}。",
        evaluation.spending.source.value.as_str(),
        wan(&execution.initial),
        wan(&execution.spent),
        execution.rate
    )
}

/// One clause per 二级指标 of the 产出指标 with numeric actuals: what was done, then the
/// completion rates, then the indicators the agreement sets no figure for.
fn completion_sentence(project: &Project, evaluation: &Evaluation) -> String {
    let performer = evaluation.report.as_ref().map_or("项目", |r| r.performer.value.as_str());
    let mut clauses = Vec::new();
    let output = project.indicators.value.iter().filter(|c| c.level1.value.as_str().contains("产出"));
    for group in output.flat_map(|c| &c.groups.value) {
        let mut done = Vec::new();
        let mut rates = Vec::new();
        let mut no_figure = Vec::new();
        for item in &group.items.value {
            let target_text = item.target.as_ref().map_or("", |t| t.value.as_str());
            let target = Target::parse(target_text);
            let Some(actual) = item.actual.as_ref().and_then(|a| Quantity::parse(a.value.as_str())) else {
                continue;
            };
            if matches!(target, Target::Judged(_) | Target::NotApplicable | Target::AtMost(_)) {
                continue;
            }
            let wording = item.wording.as_ref().unwrap_or(&item.indicator.value).as_str();
            done.push(format!("{wording}{actual}"));
            if let Some(rate) = target.completion(&actual) {
                rates.push(percent_fixed(rate));
            } else if !target_text.is_empty() {
                no_figure.push(format!("协议对{}{target_text}", item.indicator.value.as_str()));
            }
        }
        if done.is_empty() {
            continue;
        }
        let mut clause = done.join("，");
        match rates.len() {
            0 => {}
            1 => clause.push_str(&format!("，完成协议指标量的{}", rates[0])),
            _ => clause.push_str(&format!("，分别完成协议指标量的{}", rates.join("、"))),
        }
        for note in no_figure {
            clause.push_str(&format!("，{note}"));
        }
        clauses.push(clause);
    }
    format!("{performer}{}年度{}。", project.year.value, clauses.join("；"))
}

/// 评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，80分至90分（不含90分）为良好，…
fn grading_sentence(grades: &[(String, Number)]) -> String {
    const COUNTS: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let names: Vec<&str> = grades.iter().map(|g| g.0.as_str()).collect();
    let count = COUNTS.get(grades.len()).copied().unwrap_or("多");
    let mut bands = Vec::new();
    for (i, (name, min)) in grades.iter().enumerate() {
        let band = match i {
            0 => format!("{min}分以上为{name}"),
            _ if i + 1 == grades.len() => {
                let upper = grades[i - 1].1;
                format!("{upper}分以下（不含{upper}分）为{name}")
            }
            _ => {
                let upper = grades[i - 1].1;
                format!("{min}分至{upper}分（不含{upper}分）为{name}")
            }
        };
        bands.push(band);
    }
    format!("评估等级分为{}{count}个等级。评估分值{}。", names.join("、"), bands.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_grades() -> Vec<(String, Number)> {
        [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]
            .map(|(g, m)| (g.to_owned(), Number::from_int(m)))
            .to_vec()
    }

    #[test]
    fn grade_boundaries() {
        let grade = |score: &str| grade_of(&default_grades(), Number::parse(score).unwrap());
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
        assert_eq!(grade_of(&national_grades(), Number::parse("79.99").unwrap()), "中");
    }

    #[test]
    fn grading_sentence_reads_like_seed_002() {
        assert_eq!(
            grading_sentence(&default_grades()),
            "评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，80分至90分（不含90分）为良好，60分至80分（不含80分）为合格，60分以下（不含60分）为不合格。"
        );
    }
}
