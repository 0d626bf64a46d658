//! 完成率 / 完成进度 of every indicator that has a target and an actual,
//! with or without a year-end evaluation: a 完成进度公示 or a mid-term table
//! prints them with no 年初预算数 and no scores. The evaluation scores
//! with the same readings, so a rate is computed in one place.
//!
//! ```
//! use wenshu::score::completion::complete;
//! use wenshu::score::target::Target;
//! let target = Target::parse("探访700人次").unwrap();
//! let done = complete(&target, "探访774人次", true).unwrap().unwrap();
//! assert_eq!(done.rate.as_deref(), Some("100.00%"), "完成进度 is capped at 100%");
//! ```

use serde::Serialize;

use crate::error::Error;
use crate::project::model::{Completion, Indicator, IndicatorKind, Project};
use crate::score::target::{self, Measure, Quantity, Target, quantities};
use crate::units::number::{Number, percent_fixed};

/// One measured part of a target against its actual.
#[derive(Debug, Clone, Serialize)]
pub struct PartRate {
    /// The part's label in a compound target (`个案`); empty for one quantity.
    pub label: String,
    /// The figure read from the actual.
    pub actual: Number,
    /// 完成率 in hundredths of a percent, capped at 100% for 完成进度;
    /// `None` for an upper bound (≤), which does not divide.
    pub rate: Option<i64>,
}

/// An actual read against its target.
#[derive(Debug, Clone, Serialize)]
pub struct Completed {
    /// What was read from the actual (`774人次`, `个案 5个 + 个案服务 22人次`).
    pub actual_reading: String,
    /// The rates as printed (`103.02%`, `个案 125.00%；个案服务 110.00%`).
    pub rate: Option<String>,
    pub parts: Vec<PartRate>,
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

/// The actual's figure for each measure of a target. One quantity is
/// taken if its unit fits; several are matched to the measures by unit and
/// label (`完成个案服务5个，服务22人次` against `个案≥4个、个案服务≥20`), by
/// order only when nothing else tells them apart.
pub fn read_actual(text: &str, measures: &[Measure]) -> Result<Vec<crate::units::number::Number>, String> {
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

/// Reads `actual` against a measured target. `Ok(None)` for targets that
/// do not divide (judged, none, 不适用); an actual that cannot be read
/// against the target is an error, never a guess.
pub fn complete(target: &Target, actual: &str, capped: bool) -> Result<Option<Completed>, String> {
    let measures = target.measures();
    if measures.is_empty() {
        return Ok(None);
    }
    let values = read_actual(actual, measures)?;
    let compound = measures.len() > 1;
    let mut parts = Vec::new();
    let mut read = Vec::new();
    let mut rates = Vec::new();
    for (measure, value) in measures.iter().zip(values) {
        let rate = measure.completion(value).map(|r| if capped { r.min(10_000) } else { r });
        let shown = Quantity { value, unit: measure.unit.clone() };
        read.push(if measure.label.is_empty() { shown.to_string() } else { format!("{} {shown}", measure.label) });
        if let Some(rate) = rate {
            rates.push(if compound {
                format!("{} {}", measure.label, percent_fixed(rate))
            } else {
                percent_fixed(rate)
            });
        }
        parts.push(PartRate {
            label: if compound { measure.label.clone() } else { String::new() },
            actual: value,
            rate,
        });
    }
    let rate = (!rates.is_empty()).then(|| rates.join("；"));
    Ok(Some(Completed { actual_reading: read.join(" + "), rate, parts }))
}

/// Whether rates are capped at 100%: the project's `completion`, or the
/// evaluation's; the two may not disagree.
pub fn capped(project: &Project) -> Result<bool, Error> {
    let outside = project.completion.as_ref();
    let inside = project.evaluation.as_ref().and_then(|e| e.completion.as_ref());
    if let (Some(a), Some(b)) = (outside, inside)
        && a.value != b.value
    {
        return Err(super::invalid_at(b.at, "completion 与 evaluation.completion 写法不一致：只写一处即可".to_owned()));
    }
    Ok(outside.or(inside).is_some_and(|c| c.value == Completion::Progress))
}

/// Every indicator's completion, as templates and spreadsheets see it.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// `完成率` or `完成进度`.
    pub rate_name: Completion,
    pub categories: Vec<ProgressCategory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressCategory {
    pub level1: String,
    pub groups: Vec<ProgressGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressGroup {
    pub level2: String,
    pub items: Vec<ProgressItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressItem {
    pub indicator: String,
    pub target: String,
    pub actual: String,
    /// How the target was read (`≥700人次`).
    pub reading: String,
    pub actual_reading: String,
    /// The rate as printed; `None` where nothing divides.
    pub rate: Option<String>,
    pub parts: Vec<PartRate>,
}

/// The completion of every indicator of a project that has an actual.
/// `None` when no indicator has one yet.
pub fn progress(project: &Project) -> Result<Option<Progress>, Vec<Error>> {
    let items = project.indicators.value.iter().flat_map(|c| &c.groups.value).flat_map(|g| &g.items.value);
    if !items.clone().any(|i| i.actual.is_some()) {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let capped = capped(project).unwrap_or_else(|e| {
        errors.push(e);
        false
    });
    let mut categories = Vec::new();
    for category in &project.indicators.value {
        let mut groups = Vec::new();
        for group in &category.groups.value {
            let mut rows = Vec::new();
            for item in &group.items.value {
                let name = item.indicator.value.as_str();
                let actual = item.actual.as_ref().map_or("", |a| a.value.as_str());
                let mut row = ProgressItem {
                    indicator: name.to_owned(),
                    target: item.target.as_ref().map_or("", |t| t.value.as_str()).to_owned(),
                    actual: actual.to_owned(),
                    reading: String::new(),
                    actual_reading: actual.to_owned(),
                    rate: None,
                    parts: Vec::new(),
                };
                match target_of(item) {
                    Err(problem) if item.actual.is_some() => {
                        let place = item.target.as_ref().map_or(item.indicator.at, |t| t.at);
                        errors.push(super::invalid_at(place, format!("指标“{name}”：{problem}")));
                    }
                    Err(_) => {}
                    Ok(target) => {
                        row.reading = target.describe();
                        if let Some(given) = &item.actual {
                            match complete(&target, actual, capped) {
                                Ok(Some(done)) => {
                                    row.actual_reading = done.actual_reading;
                                    row.rate = done.rate;
                                    row.parts = done.parts;
                                }
                                Ok(None) => {}
                                Err(problem) => errors.push(super::invalid_at(
                                    given.at,
                                    format!("指标“{name}”的实际完成值“{actual}”{problem}"),
                                )),
                            }
                        }
                    }
                }
                rows.push(row);
            }
            groups.push(ProgressGroup { level2: group.level2.value.as_str().to_owned(), items: rows });
        }
        categories.push(ProgressCategory { level1: category.level1.value.as_str().to_owned(), groups });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Some(Progress { rate_name: if capped { Completion::Progress } else { Completion::Rate }, categories }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
