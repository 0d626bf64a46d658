//! One indicator scored without a project file: its 指标值 read in its
//! place in the table, its 实际完成值 read against it, and its 完成率 and 得分
//! by the national method (财预〔2020〕10号): a floor scores actual ÷ figure ×
//! points (at most the points), a ceiling figure ÷ actual × points once
//! exceeded, a range full points inside it, a deadline full points when
//! kept and none when missed. The year-end evaluation scores every measured
//! indicator through [`score`], so a project and the corpus test
//! (`tests/fixtures/indicator-values.tsv`) run the same code.
//!
//! ```
//! use wenshu::score::indicator::{Inputs, indicator};
//! use wenshu::units::number::Number;
//! let cost = Inputs {
//!     level2: "成本指标",
//!     indicator: "项目计划总投资",
//!     target: "20万元",
//!     actual: "22万元",
//!     points: Number::from_int(10),
//!     ..Inputs::default()
//! };
//! let scored = indicator(&cost).unwrap();
//! assert_eq!(scored.reading, "≤20万元（成本指标：上限）");
//! assert_eq!(scored.rate, None, "a ceiling does not divide");
//! assert_eq!(scored.score.unwrap().fixed2(), "9.09", "over budget: 20 ÷ 22 × 10");
//! ```

use crate::score::actual::{Kept, MeasuresRead, read_deadline, read_measures};
use crate::score::evaluated::{Method, Part, PartBound};
use crate::score::rule::{Rule, Subject};
use crate::score::target::{Bound, Context, Measure, Target};
use crate::score::weights;
use crate::units::number::{Number, percent_fixed};

/// The longest 实际完成值 read.
pub const MAX_ACTUAL_CHARS: usize = 1000;

/// What scoring one indicator needs. The 评分细则 reader will add its rule
/// here; a struct keeps every caller unchanged when it does.
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    /// 一级指标 and 二级指标: the category may decide a bare figure's
    /// direction (成本指标 amounts are ceilings).
    pub level1: &'a str,
    pub level2: &'a str,
    /// 三级指标: its name may carry the unit (`满意度(%)`).
    pub indicator: &'a str,
    pub target: &'a str,
    pub actual: &'a str,
    pub points: Number,
    /// The project's year, for dates written without one (`12月底前`).
    pub year: Option<i32>,
    /// 完成进度: rates printed capped at 100%.
    pub capped: bool,
    /// The indicator's 评分细则, when the table writes one: it decides the
    /// score instead of the national method.
    pub rule: Option<&'a str>,
}

/// Which value of the indicator a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Target,
    Actual,
    Rule,
}

/// Why an indicator cannot be scored: the value quoted and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: Field,
    /// `指标值“…”…` or `实际完成值“…”…`.
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// An indicator scored.
#[derive(Debug, Clone)]
pub struct IndicatorScore {
    pub target: Target,
    /// How the 指标值 was read (`≤20万元（成本指标：上限）`, `截止 2025年12月31日`).
    pub reading: String,
    /// How the actual was read (`26800人`, `2025年11月28日，按期（截止 …）`).
    pub actual_reading: String,
    /// 完成率 as printed (`107.20%`; a compound's parts `个案 125.00%；…`);
    /// `None` where nothing divides (a ceiling, a deadline, a range met).
    pub rate: Option<String>,
    /// The measured parts as scored; empty for a deadline or words.
    pub parts: Vec<Part>,
    /// 得分; `None` where people judge it (定性) or nothing is scored.
    pub score: Option<Number>,
    /// Why the score is below the points, in a few words; empty otherwise.
    pub why: String,
    pub method: Method,
    /// A 评分细则 applied step by step, for `wenshu explain`.
    pub steps: Vec<String>,
}

/// Reads and scores one indicator, by its 评分细则 when it has one.
pub fn indicator(inputs: &Inputs) -> Result<IndicatorScore, Refusal> {
    let context =
        Context { level1: inputs.level1, level2: inputs.level2, indicator: inputs.indicator, year: inputs.year };
    let target = Target::read(inputs.target, &context).map_err(|message| Refusal { field: Field::Target, message })?;
    if let Some(text) = inputs.rule {
        let rule = Rule::parse(text).map_err(|message| Refusal { field: Field::Rule, message })?;
        return by_rule(&rule, &target, inputs.actual, inputs.points, inputs.capped)
            .map_err(|message| Refusal { field: Field::Actual, message });
    }
    score(&target, inputs.actual, inputs.points, inputs.capped).map_err(|problem| Refusal {
        field: Field::Actual,
        message: format!("实际完成值“{}”{problem}", inputs.actual.trim()),
    })
}

/// Scores an actual by a 评分细则: the rule reads the actual itself, against
/// the target's one figure where it has one (in the units without 万: the
/// rule counts 人, not 万人). The completion rate is printed beside the
/// rule's score where the actual reads against the target. The error
/// names the rule's problem.
pub fn by_rule(
    rule: &Rule,
    target: &Target,
    actual: &str,
    points: Number,
    capped: bool,
) -> Result<IndicatorScore, String> {
    let mut scored = IndicatorScore {
        target: target.clone(),
        reading: format!("{}；评分细则：{}", target.describe(), rule.describe()),
        actual_reading: String::new(),
        rate: None,
        parts: Vec::new(),
        score: None,
        why: String::new(),
        method: Method::Rule,
        steps: Vec::new(),
    };
    let subject = match target {
        Target::Compound(_) => {
            return Err("是复合指标，一条评分细则对不上几个数量：请把它拆成几个指标，各写评分细则".to_owned());
        }
        Target::Measured(measure) => {
            if let Ok(national) = score(target, actual, points, capped) {
                scored.actual_reading = national.actual_reading;
                scored.rate = national.rate;
                scored.parts = national.parts;
            }
            let (value, unit) = without_wan(measure.yearly(), &measure.unit);
            Subject::against(actual, value, &unit, measure.bound == Bound::AtMost)
        }
        _ => Subject::actual(actual),
    };
    let scoring = rule.score(&subject, points)?;
    scored.score = Some(scoring.score);
    scored.steps = scoring.steps;
    if scoring.score < points {
        scored.why = match &scored.rate {
            Some(rate) => format!("{} {rate}", if capped { "完成进度" } else { "完成率" }),
            None => scored.steps.last().cloned().unwrap_or_default(),
        };
    }
    Ok(scored)
}

/// `2.5万人` as `25000人`: a rule counts in the plain unit.
fn without_wan(value: Number, unit: &str) -> (Number, String) {
    match unit.strip_prefix('万') {
        Some(rest) if !rest.is_empty() && rest != "元" => (value.times(10_000), rest.to_owned()),
        _ => (value, unit.to_owned()),
    }
}

/// An actual read against its target, before any points are given: what
/// the project tree keeps so completion, evaluation and the report read
/// each actual once.
#[derive(Debug, Clone)]
pub enum Reading {
    /// A target with nothing to read an actual against (judged, none, 不适用).
    Nothing,
    Deadline(Kept),
    Measures(MeasuresRead),
}

/// Reads `actual` against a target already read. The error is what is
/// wrong with the actual, to follow `实际完成值“…”`.
pub fn read(target: &Target, actual: &str) -> Result<Reading, String> {
    let length = actual.chars().count();
    if length > MAX_ACTUAL_CHARS {
        return Err(format!(
            "有 {length} 个字，超过 {MAX_ACTUAL_CHARS} 字：实际完成值只写完成的数，说明写在 reason 或报告里"
        ));
    }
    Ok(match target {
        Target::None | Target::NotApplicable | Target::Judged(_) => Reading::Nothing,
        Target::Deadline(deadline) => Reading::Deadline(read_deadline(actual, deadline)?),
        Target::Measured(_) | Target::Compound(_) => Reading::Measures(read_measures(actual, target.measures())?),
    })
}

/// Scores an actual against a target already read: [`read`], then
/// [`score_reading`].
pub fn score(target: &Target, actual: &str, points: Number, capped: bool) -> Result<IndicatorScore, String> {
    Ok(score_reading(target, &read(target, actual)?, points, capped))
}

/// Scores an actual already read against its target.
pub fn score_reading(target: &Target, reading: &Reading, points: Number, capped: bool) -> IndicatorScore {
    let mut scored = IndicatorScore {
        target: target.clone(),
        reading: target.describe(),
        actual_reading: String::new(),
        rate: None,
        parts: Vec::new(),
        score: None,
        why: String::new(),
        method: Method::None,
        steps: Vec::new(),
    };
    match reading {
        Reading::Nothing => {
            if matches!(target, Target::Judged(_)) {
                scored.method = Method::Judged;
            }
        }
        Reading::Deadline(kept) => {
            scored.actual_reading = kept.shown.clone();
            scored.score = Some(if kept.met { points } else { Number::ZERO });
            scored.why = kept.why.clone();
            scored.method = Method::Deadline;
        }
        Reading::Measures(read) => measured(target.measures(), read, points, capped, &mut scored),
    }
    if scored.why.is_empty() && scored.score.is_some_and(|s| s < points) {
        scored.why = match &scored.rate {
            Some(rate) => format!("{} {rate}", if capped { "完成进度" } else { "完成率" }),
            None if !scored.actual_reading.is_empty() => scored.actual_reading.clone(),
            None => "未达指标值".to_owned(),
        };
    }
    scored
}

/// Each part against its figure, for its share of the points (split
/// evenly to the hundredth, remainders to the first); a part due by a date
/// the actual says was missed scores nothing.
fn measured(measures: &[Measure], read: &MeasuresRead, points: Number, capped: bool, scored: &mut IndicatorScore) {
    let compound = measures.len() > 1;
    let mut total = Number::ZERO;
    let mut shown = Vec::new();
    let mut rates = Vec::new();
    for (matched, share) in read.matched.iter().zip(weights::even_shares(points, measures.len())) {
        let measure = &matched.measure;
        let part_score = if read.late.is_some() { Number::ZERO } else { measure.score(matched.value, share) };
        total = total + part_score;
        let rate = measure.completion(matched.value);
        if let Some(rate) = rate {
            let printed = percent_fixed(if capped { rate.min(10_000) } else { rate });
            rates.push(if compound { format!("{} {printed}", measure.label) } else { printed });
        }
        shown.push(if measure.label.is_empty() {
            matched.shown.clone()
        } else {
            format!("{} {}", measure.label, matched.shown)
        });
        scored.parts.push(Part {
            label: measure.label.clone(),
            bound: match measure.bound {
                Bound::AtLeast => PartBound::AtLeast,
                Bound::AtMost => PartBound::AtMost,
                Bound::Range { .. } => PartBound::Range,
            },
            figure: measure.yearly(),
            low: matches!(measure.bound, Bound::Range { .. }).then(|| measure.divisor().unwrap_or_default()),
            unit: measure.unit.clone(),
            actual: matched.value,
            points: share,
            score: part_score,
            rate,
        });
    }
    scored.actual_reading = shown.join(" + ");
    scored.rate = (!rates.is_empty()).then(|| rates.join("；"));
    scored.score = Some(total);
    scored.why = read.late.clone().unwrap_or_else(|| over_ceiling(&scored.parts));
    scored.method = Method::Measured(scored.parts.clone());
}

/// Why parts lost points by exceeding their upper figure, the one shortfall
/// a rate does not show: `超过上限 20万元（实际 22万元）`.
fn over_ceiling(parts: &[Part]) -> String {
    let over: Vec<String> = parts
        .iter()
        .filter(|p| p.score < p.points && p.rate.is_none() && p.actual > p.figure)
        .map(|p| {
            let which = if p.bound == PartBound::Range { "区间上限" } else { "上限" };
            let label = if p.label.is_empty() || parts.len() == 1 { String::new() } else { format!("{} ", p.label) };
            format!("{label}超过{which} {}{}（实际 {}{}）", p.figure, p.unit, p.actual, p.unit)
        })
        .collect();
    over.join("；")
}

#[cfg(test)]
mod tests;
