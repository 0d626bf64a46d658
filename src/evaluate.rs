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

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::model::{
    Completion, Evaluation, Indicator, IndicatorKind, Project, Score, Spanned, SpendingLine, Text, Weights,
};
use crate::money::{Money, Percent};
use crate::number::{Number, fraction_fixed, percent_fixed};
use crate::target::{self, Bound, DONE, Measure, Target, quantities};

/// Everything computed for the evaluation documents, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluated {
    pub execution: Execution,
    pub categories: Vec<ScoredCategory>,
    /// Sum of the indicators' and the execution rate's scores.
    pub total: String,
    /// Sum of all points (100).
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
    /// The funder's grades, best first: the last is the failing one.
    pub grade_names: Vec<String>,
    /// Whether `final_grade` is above the lowest grade (合格 or better).
    pub passed: bool,
    /// How rates are named and printed: `完成率` (uncapped) or `完成进度` (capped at 100%).
    pub rate_name: String,
    /// The points of each level, and how they were set.
    pub weights_sentence: String,
    /// Whether `weights: auto` spread a missing level's points, which the
    /// report says.
    pub weights_spread: bool,
    /// 资金来源属于…，年初预算240万元，执行数为240万元，完成预算的100%。
    pub funding_sentence: String,
    /// 2022年度完成电访886个，探访810个，分别完成协议指标量的103.02%、100.25%；…
    /// (the report puts who did it before: 社工站).
    pub completion_sentence: String,
    /// 评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，…
    pub grading_sentence: String,
    /// Measured indicators' completion rates, for the chart.
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
    /// The money itself, in 分, for sums and spreadsheets.
    pub initial_fen: i64,
    pub adjusted_fen: i64,
    pub spent_fen: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExecutionRow {
    pub label: String,
    pub initial: String,
    pub adjusted: String,
    pub spent: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredCategory {
    pub level1: String,
    /// The points of the category and what its indicators scored.
    pub points: String,
    pub score: String,
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
    /// The 指标值 and 实际完成值 as the project wrote them.
    pub target: String,
    pub actual: String,
    /// How the 指标值 was read (`≥ 4个`, `定性：score 3`).
    pub reading: String,
    /// What was read from the actual (`774人次`, `个案 5个 + 个案服务 22人次`).
    pub actual_reading: String,
    /// 完成率 (`103.02%`), for targets that divide; a compound's parts joined.
    pub rate: Option<String>,
    pub points: String,
    pub score: String,
    pub reason: String,
    /// Why the score is below full, in a few words (`完成率 77.78%`).
    pub why: String,
    /// How it was scored, for spreadsheets that recompute it.
    pub method: Method,
}

/// How an indicator's score came about.
#[derive(Debug, Clone, Serialize, Default)]
pub enum Method {
    /// Not scored (不适用, no 指标值), or not yet read.
    #[default]
    None,
    /// Scored by people: the score is as written.
    Judged,
    /// Measured, each part against its figure for its share of the points.
    Measured(Vec<Part>),
}

/// One measured quantity of an indicator, as scored.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub label: String,
    /// `≥`, `≤` or `区间`.
    pub bound: &'static str,
    /// The year's figure the actual is held to (a range's upper end).
    pub figure: String,
    /// A range's lower end, for the year.
    pub low: Option<String>,
    pub unit: String,
    pub actual: String,
    /// The points this part carries and what it scored.
    pub points: String,
    pub score: String,
    /// 完成率 as a fraction with four decimals (`0.7778`), where it divides.
    pub rate: Option<String>,
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

/// The levels that share the default points, after 预算执行率.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Output,
    Benefit,
    Satisfaction,
}

const LEVELS: [(Level, &str); 3] =
    [(Level::Output, "产出指标"), (Level::Benefit, "效益指标"), (Level::Satisfaction, "满意度指标")];

/// Where an error found here points: a value's place in the file.
fn error_at<T>(place: &Spanned<T>, message: String) -> Error {
    let mut error = Error::new(ErrorKind::Invalid, message);
    error.line = place.at.line as usize;
    error.column = place.at.column as usize;
    error
}

/// An indicator's target, read as the project says it should be.
pub fn target_of(item: &Indicator) -> Result<Target, String> {
    let text = item.target.as_ref().map_or("", |t| t.value.as_str());
    match item.kind.as_ref().map(|k| k.value) {
        Some(IndicatorKind::Judged) => Ok(match Target::parse(text) {
            Ok(Target::None) => Target::None,
            Ok(Target::NotApplicable) => Target::NotApplicable,
            _ => Target::Judged(text.trim().to_owned()),
        }),
        Some(IndicatorKind::Measured) => match Target::parse(text)? {
            Target::Judged(words) => {
                Err(format!("指标值“{words}”没有数字，不能按定量计分：请写出数量，或去掉 kind: 定量"))
            }
            target => Ok(target),
        },
        None => Target::parse(text),
    }
}

/// Evaluates a project with an `evaluation` section.
pub fn evaluate(project: &Project, evaluation: &Evaluation) -> Result<Evaluated, Vec<Error>> {
    let mut errors = Vec::new();
    let capped = evaluation.completion.as_ref().is_some_and(|c| c.value == Completion::Progress);
    let targets: Vec<Vec<Result<Target, String>>> = project
        .indicators
        .value
        .iter()
        .flat_map(|c| &c.groups.value)
        .map(|g| g.items.value.iter().map(target_of).collect())
        .collect();
    let flat_targets: Vec<&Result<Target, String>> = targets.iter().flatten().collect();
    let (weights, weights_sentence, weights_spread) = weights(project, evaluation, &flat_targets, &mut errors);
    let execution = execution(project, evaluation, weights[0], &mut errors);
    let points = assign_points(project, &weights, &flat_targets, &mut errors);
    let mut categories = Vec::new();
    let mut chart = Vec::new();
    let mut total = execution.1;
    let mut max = weights[0];
    let mut index = 0;
    for category in &project.indicators.value {
        let mut groups = Vec::new();
        let (mut category_points, mut category_score) = (Number::ZERO, Number::ZERO);
        for group in &category.groups.value {
            let mut items = Vec::new();
            for item in &group.items.value {
                let scored = score(item, flat_targets[index], points[index], capped, &mut errors);
                total = total + scored.score;
                max = max + points[index];
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
            groups.push(ScoredGroup { level2: group.level2.value.as_str().to_owned(), items });
        }
        categories.push(ScoredCategory {
            level1: category.level1.value.as_str().to_owned(),
            points: category_points.fixed2(),
            score: category_score.fixed2(),
            groups,
        });
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
        completion_sentence: completion_sentence(project, capped),
        grading_sentence: grading_sentence(&grades),
        rate_name: if capped { "完成进度" } else { "完成率" }.to_owned(),
        weights_spread,
        weights_sentence,
        execution: execution.0,
        categories,
        total: total.fixed2(),
        max: max.fixed2(),
        national_grade: grade_of(&national_grades(), total),
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

/// The points of 预算执行率, 产出, 效益 and 满意度, the sentence that says
/// how they were set, and whether missing levels' points were spread. A
/// level with points and no scored indicator is an error, unless
/// `weights: auto` spreads its points over the others.
fn weights(
    project: &Project,
    evaluation: &Evaluation,
    targets: &[&Result<Target, String>],
    errors: &mut Vec<Error>,
) -> ([Number; 4], String, bool) {
    let defaults = [10, 50, 30, 10].map(Number::from_int);
    let mut present = [false; 3];
    let mut index = 0;
    for category in &project.indicators.value {
        for group in &category.groups.value {
            for _ in &group.items.value {
                let scored = targets[index].as_ref().map_or(true, Target::is_scored);
                if let Some(level) = level_of(category.level1.value.as_str(), group.level2.value.as_str())
                    && scored
                {
                    present[LEVELS.iter().position(|(l, _)| *l == level).unwrap_or(0)] = true;
                }
                index += 1;
            }
        }
    }
    let describe =
        |w: &[Number; 4]| format!("预算执行率{}分、产出指标{}分、效益指标{}分、满意度指标{}分", w[0], w[1], w[2], w[3]);
    match evaluation.weights.as_ref() {
        Some(Spanned { value: Weights::Points(points), at }) => {
            let w = [points.execution.value, points.output.value, points.benefit.value, points.satisfaction.value];
            let sum: Number = w.iter().copied().sum();
            if sum != Number::from_int(100) {
                let message = format!("各级指标分值之和为 {sum}，应为 100：{}", describe(&w));
                errors.push(error_at(&Spanned::new((), *at), message));
            }
            for (k, (_, name)) in LEVELS.iter().enumerate() {
                if !present[k] && !w[k + 1].is_zero() {
                    let message = format!(
                        "年度绩效指标中没有{name}，但 weights 给了它 {} 分：没有{name}时请写 0，并让其余分值合计 100",
                        w[k + 1]
                    );
                    errors.push(error_at(&Spanned::new((), *at), message));
                }
            }
            (w, format!("各级分值按项目文件：{}。", describe(&w)), false)
        }
        Some(Spanned { value: Weights::Auto(_), .. }) => {
            let mut w = defaults;
            let missing: Number = (0..3).filter(|&k| !present[k]).map(|k| defaults[k + 1]).sum();
            let base: Number = (0..3).filter(|&k| present[k]).map(|k| defaults[k + 1]).sum();
            let names: Vec<&str> = (0..3).filter(|&k| !present[k]).map(|k| LEVELS[k].1).collect();
            if names.is_empty() || base.is_zero() {
                return (w, format!("各级分值：{}。", describe(&w)), false);
            }
            // Missing points go to the present levels in proportion, to the
            // hundredth; what rounding leaves goes to the first.
            let mut given = Number::ZERO;
            let mut first = None;
            for k in 0..3 {
                if present[k] {
                    let share = missing.scaled(defaults[k + 1], base);
                    w[k + 1] = defaults[k + 1] + share;
                    given = given + share;
                    first.get_or_insert(k);
                } else {
                    w[k + 1] = Number::ZERO;
                }
            }
            if let Some(k) = first {
                w[k + 1] = w[k + 1] + (missing - given);
            }
            let sentence = format!(
                "各级分值：{}（项目没有{}，其默认分值按比例计入其余一级指标）。",
                describe(&w),
                names.join("、")
            );
            (w, sentence, true)
        }
        None => {
            for (k, (_, name)) in LEVELS.iter().enumerate() {
                if !present[k] {
                    let message = format!(
                        "年度绩效指标中没有{name}，而{name}默认占 {} 分，这些分会凭空丢失：请补上{name}；\
                         或在 evaluation 中写 weights，没有的一级指标写 0、其余合计 100；\
                         或写 weights: auto，把缺少的分值按比例计入其余一级指标",
                        defaults[k + 1]
                    );
                    errors.push(error_at(&project.indicators, message));
                }
            }
            (defaults, format!("各级分值：{}。", describe(&defaults)), false)
        }
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
        initial_fen: initial.fen(),
        adjusted_fen: adjusted_total.fen(),
        spent_fen: spent.fen(),
    };
    (execution, score)
}

/// Points of every indicator, in order: the stated ones, and each level's
/// remaining weight spread evenly (to the hundredth, remainders to the
/// first) over the scored indicators that state none.
fn assign_points(
    project: &Project,
    weights: &[Number; 4],
    targets: &[&Result<Target, String>],
    errors: &mut Vec<Error>,
) -> Vec<Number> {
    let mut slots = Vec::new();
    let mut index = 0;
    for category in &project.indicators.value {
        for group in &category.groups.value {
            for item in &group.items.value {
                let level = level_of(category.level1.value.as_str(), group.level2.value.as_str());
                let scored = targets[index].as_ref().map_or(true, Target::is_scored);
                index += 1;
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
    for (k, (level, name)) in LEVELS.iter().enumerate() {
        let weight = weights[k + 1];
        let in_level = |s: &&(Option<Level>, bool, Option<Number>)| s.0 == Some(*level) && s.1;
        let stated: Number = slots.iter().filter(in_level).filter_map(|s| s.2).sum();
        let open: Vec<usize> = (0..slots.len()).filter(|&i| in_level(&&slots[i]) && slots[i].2.is_none()).collect();
        if stated > weight {
            let message = format!("{name}写明的分值之和 {stated} 超过了该级指标的分值 {weight}");
            errors.push(error_at(&project.indicators, message));
            continue;
        }
        if open.is_empty() {
            let any = slots.iter().any(|s| in_level(&s));
            if any && stated < weight {
                let message = format!(
                    "{name}写明的分值之和 {stated} 少于该级指标的分值 {weight}，差的分会凭空丢失：请调整各指标的 points，或修改 weights"
                );
                errors.push(error_at(&project.indicators, message));
            }
            continue;
        }
        let remaining = (weight - stated).raw() / 100;
        let n = open.len() as i128;
        for (j, i) in open.into_iter().enumerate() {
            let extra = i128::from((j as i128) < remaining % n);
            points[i] = Number::from_hundredths(i64::try_from(remaining / n + extra).unwrap_or(0));
        }
    }
    points
}

/// An indicator scored: its row, its score, and its bars (label of the
/// part, rate) for the chart.
struct ScoredItem {
    row: Scored,
    score: Number,
    bars: Vec<(String, i64)>,
}

/// One indicator's row: rate, points and score.
fn score(
    item: &Indicator,
    target: &Result<Target, String>,
    points: Number,
    capped: bool,
    errors: &mut Vec<Error>,
) -> ScoredItem {
    let name = item.indicator.value.as_str();
    let target_text = item.target.as_ref().map_or("", |t| t.value.as_str());
    let actual_text = item.actual.as_ref().map_or("", |a| a.value.as_str());
    let reason = item.reason.as_ref().map(|r| r.value.as_str().trim()).unwrap_or("");
    let errors_before = errors.len();
    let mut result = ScoredItem {
        row: Scored {
            indicator: name.to_owned(),
            target: target_text.to_owned(),
            actual: actual_text.to_owned(),
            reading: String::new(),
            actual_reading: String::new(),
            rate: None,
            points: String::new(),
            score: String::new(),
            reason: reason.to_owned(),
            why: String::new(),
            method: Method::None,
        },
        score: Number::ZERO,
        bars: Vec::new(),
    };
    let target = match target {
        Ok(target) => target,
        Err(message) => {
            let place = item.target.as_ref().map_or(&item.indicator, |t| t);
            errors.push(error_at(place, format!("指标“{name}”：{message}")));
            return result;
        }
    };
    result.row.reading = target.describe();
    if !target.is_scored() {
        return result;
    }
    result.row.points = points.fixed2();
    let Some(actual) = &item.actual else {
        errors.push(error_at(&item.indicator, format!("指标“{name}”缺少 actual（实际完成值）")));
        return result;
    };
    let mut score = Number::ZERO;
    match target {
        Target::Judged(_) => {
            result.row.method = Method::Judged;
            score = judged_score(item, points, actual, &mut result.row, errors);
        }
        Target::Measured(_) | Target::Compound(_) => {
            let measures = target.measures();
            match read_actual(actual_text, measures) {
                Err(problem) => {
                    errors.push(error_at(actual, format!("指标“{name}”的实际完成值“{actual_text}”{problem}")))
                }
                Ok(values) => {
                    // Points split evenly between the parts (to the hundredth,
                    // remainders to the first), each scored on its share.
                    let n = measures.len() as i128;
                    let hundredths = points.raw() / 100;
                    let mut rates = Vec::new();
                    let mut read = Vec::new();
                    let mut parts = Vec::new();
                    for (k, (measure, value)) in measures.iter().zip(&values).enumerate() {
                        let extra = i128::from((k as i128) < hundredths % n);
                        let share = Number::from_hundredths(i64::try_from(hundredths / n + extra).unwrap_or(0));
                        let part_score = measure.score(*value, share);
                        let completion = measure.completion(*value);
                        score = score + part_score;
                        parts.push(Part {
                            label: measure.label.clone(),
                            bound: match measure.bound {
                                Bound::AtLeast => "≥",
                                Bound::AtMost => "≤",
                                Bound::Range { .. } => "区间",
                            },
                            figure: measure.yearly().to_string(),
                            low: matches!(measure.bound, Bound::Range { .. })
                                .then(|| measure.divisor().unwrap_or_default().to_string()),
                            unit: measure.unit.clone(),
                            actual: value.to_string(),
                            points: share.fixed2(),
                            score: part_score.fixed2(),
                            rate: completion.map(fraction_fixed),
                        });
                        let shown = crate::target::Quantity { value: *value, unit: measure.unit.clone() };
                        read.push(if measure.label.is_empty() {
                            shown.to_string()
                        } else {
                            format!("{} {shown}", measure.label)
                        });
                        if let Some(rate) = completion {
                            let rate = if capped { rate.min(10_000) } else { rate };
                            let text = percent_fixed(rate);
                            rates.push(if n > 1 { format!("{} {text}", measure.label) } else { text });
                            result.bars.push((if n > 1 { measure.label.clone() } else { String::new() }, rate));
                        }
                    }
                    result.row.actual_reading = read.join(" + ");
                    result.row.method = Method::Measured(parts);
                    if !rates.is_empty() {
                        result.row.rate = Some(rates.join("；"));
                    }
                }
            }
        }
        Target::None | Target::NotApplicable => {}
    }
    result.score = score;
    result.row.score = score.fixed2();
    if score < points {
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

/// The actual's figure for each measure of a target. One quantity is
/// taken if its unit fits; several are matched to the measures by unit and
/// label (`完成个案服务5个，服务22人次` against `个案≥4个、个案服务≥20`), by
/// order only when nothing else tells them apart.
pub fn read_actual(text: &str, measures: &[Measure]) -> Result<Vec<crate::number::Number>, String> {
    let found = quantities(text);
    if found.is_empty() {
        return Err("中没有数量：应写成 886个、95%，或 探访774人次 这样的形式".to_owned());
    }
    let fits = |m: &Measure, unit: &str| m.unit.is_empty() || unit.is_empty() || m.unit == unit;
    if let [measure] = measures {
        let fitting: Vec<&target::Found> =
            found.iter().filter(|f| !f.quantity.unit.is_empty() && f.quantity.unit == measure.unit).collect();
        return match (found.as_slice(), fitting.as_slice()) {
            ([only], _) if fits(measure, &only.quantity.unit) => Ok(vec![only.quantity.value]),
            ([only], _) => Err(format!("的单位“{}”与指标值的单位“{}”不一致", only.quantity.unit, measure.unit)),
            (_, [one]) => Ok(vec![one.quantity.value]),
            _ if measure.unit.is_empty() => Err(format!(
                "中有 {} 个数，而指标值没有单位，不知道该用哪个：请给指标值写上单位（如 ≥20人次），或实际完成值只写一个数",
                found.len()
            )),
            _ => Err(format!(
                "中有 {} 个数，不知道哪个是“{}”：请只写一个，或写成 探访774{} 这样的形式",
                found.len(),
                measure.unit,
                measure.unit
            )),
        };
    }
    // Several measures: score each pair, assign the best first.
    let mut pairs: Vec<(i32, usize, usize)> = Vec::new();
    for (m, measure) in measures.iter().enumerate() {
        for (f, quantity) in found.iter().enumerate() {
            if !fits(measure, &quantity.quantity.unit) {
                continue;
            }
            let unit = i32::from(!measure.unit.is_empty() && measure.unit == quantity.quantity.unit) * 2;
            let label = i32::from(
                !measure.label.is_empty()
                    && !quantity.label.is_empty()
                    && (quantity.label.contains(&measure.label) || measure.label.contains(&quantity.label)),
            );
            // Of two labels found in the same words, the longer one fits better.
            let longer = if label > 0 { measure.label.chars().count() as i32 } else { 0 };
            pairs.push((unit * 100 + label * 10 + longer.min(9), m, f));
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut chosen: Vec<Option<usize>> = vec![None; measures.len()];
    let mut used = vec![false; found.len()];
    for (weight, m, f) in &pairs {
        if *weight > 0 && chosen[*m].is_none() && !used[*f] {
            chosen[*m] = Some(*f);
            used[*f] = true;
        }
    }
    // By order, as a last resort, when the counts agree.
    if found.len() == measures.len() {
        for m in 0..measures.len() {
            if chosen[m].is_none() && !used[m] && fits(&measures[m], &found[m].quantity.unit) {
                chosen[m] = Some(m);
                used[m] = true;
            }
        }
    }
    measures
        .iter()
        .zip(&chosen)
        .map(|(measure, f)| {
            f.map(|f| found[f].quantity.value).ok_or_else(|| {
                format!(
                    "中找不到复合指标的一项“{}”：请按各项写出，每项写名称和数量，如 个案5个、个案服务22人次",
                    measure.describe()
                )
            })
        })
        .collect()
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

/// One clause per 二级指标 of the 产出指标 with numeric actuals: what was done,
/// then the completion rates, then the indicators the agreement sets no
/// figure for.
fn completion_sentence(project: &Project, capped: bool) -> String {
    let mut clauses = Vec::new();
    let output = project.indicators.value.iter().filter(|c| c.level1.value.as_str().contains("产出"));
    for group in output.flat_map(|c| &c.groups.value) {
        let mut done = Vec::new();
        let mut rates = Vec::new();
        let mut no_figure = Vec::new();
        for item in &group.items.value {
            let Some(actual) = &item.actual else { continue };
            let wording = item.wording.as_ref().map_or(&item.indicator.value, |w| &w.value).as_str();
            match target_of(item) {
                Ok(Target::None) => {
                    if let [only] = quantities(actual.value.as_str()).as_slice() {
                        done.push(format!("{wording}{}", only.quantity));
                        if let Some(text) = &item.target {
                            no_figure.push(format!("协议对{}{}", item.indicator.value.as_str(), text.value.as_str()));
                        }
                    }
                }
                Ok(Target::Measured(measure)) if measure.bound != Bound::AtMost => {
                    let Ok(values) = read_actual(actual.value.as_str(), std::slice::from_ref(&measure)) else {
                        continue;
                    };
                    let quantity = crate::target::Quantity { value: values[0], unit: measure.unit.clone() };
                    done.push(format!("{wording}{quantity}"));
                    if let Some(rate) = measure.completion(values[0]) {
                        rates.push(percent_fixed(if capped { rate.min(10_000) } else { rate }));
                    }
                }
                _ => {}
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
    let year = project.year().map(|y| format!("{y}年度")).unwrap_or_default();
    format!("{year}{}。", clauses.join("；"))
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

    fn measures(text: &str) -> Vec<Measure> {
        Target::parse(text).unwrap().measures().to_vec()
    }

    fn read(actual: &str, target: &str) -> Result<Vec<String>, String> {
        read_actual(actual, &measures(target)).map(|v| v.iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn actuals_are_read_the_way_tables_write_them() {
        assert_eq!(read("探访774人次", "700人次"), Ok(vec!["774".into()]));
        assert_eq!(read("886个", "860个"), Ok(vec!["886".into()]));
        assert_eq!(read("21", "≥20"), Ok(vec!["21".into()]));
        assert!(read("886人", "860个").unwrap_err().contains("单位“人”与指标值的单位“个”不一致"));
        assert!(read("电访400个、探访300个", "≥20").unwrap_err().contains("指标值没有单位"));
        assert_eq!(read("完成个案服务5个，服务22人次", "个案≥4个、个案服务≥20"), Ok(vec!["5".into(), "22".into()]));
        assert_eq!(
            read("社区12场，服务1200人次", "社区≥12场、服务人数≥1000人次"),
            Ok(vec!["12".into(), "1200".into()])
        );
        assert!(read("个案5个", "个案≥4个、个案服务≥20人次").unwrap_err().contains("找不到复合指标的一项"));
    }
}
