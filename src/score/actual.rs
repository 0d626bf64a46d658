//! 实际完成值 read against its 指标值, as a finance officer reads it: each
//! measure's figure found by unit and name (`完成个案服务5个，服务22人次`),
//! `万` converted (`0.06万人` against `≥500人`), bounds the actual repeats
//! read past (`≥266米`, `88.32%及以上`); a deadline's actual compared as a
//! date (`2022年1月10日到位` against `12月底到位`) or read from its words
//! (`按时完成`, `未能及时`). What cannot be read is an error naming both the
//! actual and the target, never a guess.

use chrono::{Datelike, NaiveDate};

use crate::score::target::dates::{self, Span};
use crate::score::target::scan::{self, Figure};
use crate::score::target::units::{self, common};
use crate::score::target::{Bound, Deadline, Measure};
use crate::units::number::Number;

/// One measure with its actual, both in a common unit (`≥2.5万人` and
/// `26800人` → 25000人 and 26800人).
#[derive(Debug, Clone)]
pub struct Matched {
    /// The measure, its figures brought to the common unit.
    pub measure: Measure,
    /// The actual for the year, in that unit (brought over a fraction's
    /// denominator for `≥2/3`).
    pub value: Number,
    /// What was read, for `wenshu explain`: `26800人`, `每月5场 → 全年 60场`.
    pub shown: String,
}

/// The measures of a target with their actuals, and the lateness when the
/// target is due by a date the actual says was missed.
#[derive(Debug, Clone)]
pub struct MeasuresRead {
    pub matched: Vec<Matched>,
    pub late: Option<String>,
}

/// A deadline's actual: kept or missed, how it was read, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub met: bool,
    /// `2025年11月28日，按期`, `逾期`.
    pub shown: String,
    /// Why it was missed: `逾期 10 天（截止 2021年12月31日）`.
    pub why: String,
}

/// Words of an actual that say a deadline was kept, or missed (read first:
/// `未能及时` holds `及时`).
const KEPT: &[&str] = &[
    "按时",
    "按期",
    "如期",
    "及时",
    "准时",
    "规定时间",
    "规定时限",
    "规定期限",
    "约定时间",
    "约定期限",
    "计划时间",
    "时限内",
    "按计划",
    "按进度",
    "按约定",
    "提前",
    "达成预期",
    "达到预期",
];
const MISSED: [&str; 18] = [
    "未按时",
    "未能按时",
    "未及时",
    "未能及时",
    "不及时",
    "未按期",
    "未能按期",
    "未如期",
    "未按计划",
    "逾期",
    "延期",
    "推迟",
    "延迟",
    "滞后",
    "超期",
    "超时",
    "拖延",
    "晚于",
];
/// Words of an actual that say a cost standard was kept (`按该标准发放`).
const AT_STANDARD: [&str; 9] =
    ["按该标准", "按此标准", "按照标准", "按标准", "未超标准", "未超出标准", "未超过标准", "未超预算", "未超出预算"];

/// Reads an actual against the measures of a target.
pub fn read_measures(text: &str, measures: &[Measure]) -> Result<MeasuresRead, String> {
    let normal = scan::normalize(text);
    let chars: Vec<char> = normal.chars().collect();
    let by = measures.iter().find_map(|m| m.by);
    let spans = dates::find(&chars, Some(by.map_or(2000, |d| d.year()))).unwrap_or_default();
    let rest: String = without(&chars, &spans);
    let found = scan::figures(&rest);
    let late = by.and_then(|by| spans.iter().filter(|s| s.first > by).max_by_key(|s| s.last).map(|s| late_by(s, by)));
    if found.is_empty() {
        if let [measure] = measures
            && measure.bound == Bound::AtMost
            && let Some(word) = AT_STANDARD.iter().find(|w| normal.contains(*w))
        {
            let shown = format!("{word}（即 {}{}）", measure.figure, measure.unit);
            return Ok(MeasuresRead {
                matched: vec![Matched { measure: measure.clone(), value: measure.figure, shown }],
                late,
            });
        }
        return Err("中没有数量：应写成 886个、95%，或 探访774人次 这样的形式".to_owned());
    }
    let chosen = match measures {
        [measure] => vec![one(&found, measure)?],
        _ => several(&found, measures)?,
    };
    let matched = measures.iter().zip(chosen).map(|(m, f)| matched(m, f)).collect::<Result<_, _>>()?;
    Ok(MeasuresRead { matched, late })
}

/// The text without its dates, each left as a separator.
fn without(chars: &[char], spans: &[Span]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        out.extend(&chars[at..span.start]);
        out.push('\u{E000}');
        at = span.end;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

/// Whether a figure's unit can be compared with the measure's.
fn fits(measure: &Measure, unit: &str) -> bool {
    common(&measure.unit, unit).is_some()
}

/// Both units written and comparable.
fn same_unit(measure: &Measure, unit: &str) -> bool {
    !measure.unit.is_empty() && !unit.is_empty() && fits(measure, unit)
}

/// Whether a figure's words name the measure (`服务22人次` for `个案服务`).
fn names(measure: &Measure, figure: &Figure) -> bool {
    let (m, f) = (measure.label.trim_start_matches("其中"), figure.label.trim_start_matches("其中"));
    !m.is_empty() && !f.is_empty() && (m.contains(f) || f.contains(m))
}

/// The one figure of an actual for a one-measure target: the only one, or
/// the only one in its unit, or the only one of those its words name.
fn one<'a>(found: &'a [Figure], measure: &Measure) -> Result<&'a Figure, String> {
    let fitting: Vec<&Figure> = found.iter().filter(|f| same_unit(measure, &f.unit)).collect();
    match (found, fitting.as_slice()) {
        ([only], _) if fits(measure, &only.unit) => Ok(only),
        ([only], _) => Err(format!("的单位“{}”与指标值的单位“{}”不一致", only.unit, measure.unit)),
        (_, [one]) => Ok(one),
        (_, [_, _, ..]) => {
            let named: Vec<&&Figure> = fitting.iter().filter(|f| names(measure, f)).collect();
            match named.as_slice() {
                [one] => Ok(one),
                _ => Err(format!(
                    "中有 {} 个以“{}”计的数，不知道哪个是指标值要的：请只写一个，或写明名称，如 {}{}{}",
                    fitting.len(),
                    measure.unit,
                    measure.label,
                    fitting[0].value,
                    measure.unit
                )),
            }
        }
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
    }
}

/// The figures of an actual for a compound target: matched by unit and
/// words, best pairs first, by order only when nothing else tells them
/// apart.
fn several<'a>(found: &'a [Figure], measures: &[Measure]) -> Result<Vec<&'a Figure>, String> {
    let mut pairs: Vec<(i32, usize, usize)> = Vec::new();
    for (m, measure) in measures.iter().enumerate() {
        for (f, figure) in found.iter().enumerate() {
            if !fits(measure, &figure.unit) {
                continue;
            }
            let unit = i32::from(same_unit(measure, &figure.unit)) * 2;
            let label = i32::from(names(measure, figure));
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
    if found.len() == measures.len() {
        for m in 0..measures.len() {
            if chosen[m].is_none() && !used[m] && fits(&measures[m], &found[m].unit) {
                chosen[m] = Some(m);
                used[m] = true;
            }
        }
    }
    measures
        .iter()
        .zip(&chosen)
        .map(|(measure, f)| {
            f.map(|f| &found[f]).ok_or_else(|| {
                format!(
                    "中找不到复合指标的一项“{}”：请按各项写出，每项写名称和数量，如 个案5个、个案服务22人次",
                    measure.describe()
                )
            })
        })
        .collect()
}

/// A measure and its figure brought to one unit: `万` multiplied out, a
/// rate written per period made yearly, a fraction's actual put over its
/// denominator.
fn matched(measure: &Measure, figure: &Figure) -> Result<Matched, String> {
    unit_in_doubt(measure, figure)?;
    let (to_common, actual_to_common, mut unit) =
        common(&measure.unit, &figure.unit).unwrap_or((1, 1, measure.unit.clone()));
    if measure.unit.is_empty() || (to_common == 1 && actual_to_common == 1) {
        // Compared in the target's unit as written (`名` stays `名`); a target
        // without one takes none.
        unit = measure.unit.clone();
    }
    let mut measure = measure.clone();
    measure.figure = units::scale(measure.figure, to_common);
    if let Bound::Range { low } = measure.bound {
        measure.bound = Bound::Range { low: units::scale(low, to_common) };
    }
    measure.unit = unit;
    let mut value = units::scale(figure.value, actual_to_common);
    let mut shown = format!("{value}{}", measure.unit);
    if let Some(period) = figure.period.filter(|p| Some(*p) == measure.period) {
        value = value.times(period.per_year());
        shown = format!("{}{shown} → 全年 {value}{}", period.word(), measure.unit);
    }
    if let Some(over) = measure.over {
        value = match (figure.per, figure.unit.as_str()) {
            (Some(per), _) => ratio(value.product(over), per),
            (None, "%") => ratio(value.product(over), Number::from_int(100)),
            (None, "‰") => ratio(value.product(over), Number::from_int(1000)),
            (None, "") => value.product(over),
            (None, other) => return Err(format!("的单位“{other}”不是比例，不能与分数指标值比较")),
        };
        shown = match figure.per {
            Some(per) => format!("{}/{per}", figure.value),
            None => format!("{}{}", figure.value, figure.unit),
        };
    }
    Ok(Matched { measure, value, shown })
}

/// A figure written without a unit where the unit decides how it reads:
/// `0.98` against `≥95%` (0.98% or 98%?), `480000` against `≤50万元` (元 or
/// 万元?). Read the wrong way it would score backwards or by the thousand.
fn unit_in_doubt(measure: &Measure, figure: &Figure) -> Result<(), String> {
    let one = Number::from_int(1);
    let (bare, other, value) = match (measure.unit.is_empty(), figure.unit.is_empty()) {
        (false, true) => (figure.value, measure.unit.as_str(), measure.figure),
        (true, false) if measure.over.is_none() => (measure.figure, figure.unit.as_str(), figure.value),
        _ => return Ok(()),
    };
    let fraction = other == "%" && !bare.is_zero() && bare <= one && value > one;
    let by_thousands = units::is_money(other)
        && other.starts_with(['万', '亿'])
        && !value.is_zero()
        && bare.percent_of(value).is_some_and(|ratio| ratio >= 10_000_000);
    let hundred = bare.times(100);
    match (fraction, by_thousands, measure.unit.is_empty()) {
        (true, _, false) => {
            Err(format!("没有单位，而指标值是百分数：{bare} 是 {bare}% 还是 {hundred}%？请写上 %，如 {hundred}%"))
        }
        (true, _, true) => {
            Err(format!("是百分数，而指标值 {bare} 没有单位：是 {bare}% 还是 {hundred}%？请把指标值写成 {hundred}%"))
        }
        (_, true, _) => {
            Err(format!("没有单位，而指标值以“{other}”计：{bare} 是{other}还是元？请写上单位，如 {bare}元"))
        }
        _ => Ok(()),
    }
}

/// `a ÷ b` to four decimals, half up.
fn ratio(a: Number, b: Number) -> Number {
    a.percent_of(b).map_or(Number::ZERO, |r| Number::from_raw(i128::from(r)))
}

/// Why a figure due by a date is late: its actual's date is after it.
fn late_by(span: &Span, by: NaiveDate) -> String {
    format!("{}（截止 {}）", dates::lateness(span, by), dates::shown(by))
}

/// Reads a deadline's actual: a date compared with the due date, or words
/// that say it was kept or missed.
pub fn read_deadline(text: &str, deadline: &Deadline) -> Result<Kept, String> {
    let written = text.trim();
    let normal = scan::normalize(written);
    if let Some(word) = MISSED.iter().find(|w| normal.contains(*w)) {
        let why = match deadline.due {
            Some(due) => format!("{word}（截止 {}）", dates::shown(due)),
            None => format!("{word}（{written}）"),
        };
        return Ok(Kept { met: false, shown: format!("{written}，{word}"), why });
    }
    let kept_word = KEPT.iter().find(|w| normal.contains(*w));
    let Some(due) = deadline.due else {
        return match kept_word {
            Some(word) => Ok(Kept { met: true, shown: format!("{written}，{word}"), why: String::new() }),
            None => Err(format!(
                "没有写是否按时：指标值“{}”要看是否按时，请写成 按时完成，或 逾期（并写 reason）",
                deadline.written
            )),
        };
    };
    let chars: Vec<char> = normal.chars().collect();
    let spans = dates::find(&chars, Some(due.year()))?;
    let Some(done) = spans.iter().max_by_key(|s| s.last) else {
        return match kept_word {
            Some(word) => Ok(Kept { met: true, shown: format!("{written}，{word}"), why: String::new() }),
            None => Err(format!(
                "中没有完成日期，也没有写是否按时，而指标值“{}”是截止 {} 的期限：请写成 {}年{}月20日完成 或 按时完成",
                deadline.written,
                dates::shown(due),
                due.year(),
                due.month()
            )),
        };
    };
    if done.last <= due {
        return Ok(Kept {
            met: true,
            shown: format!("{}，按期（截止 {}）", done.text, dates::shown(due)),
            why: String::new(),
        });
    }
    if done.first > due {
        if let Some(word) = kept_word {
            return Err(format!(
                "写了“{word}”，但日期 {} 晚于指标值“{}”的截止日期 {}：请核对",
                done.text,
                deadline.written,
                dates::shown(due)
            ));
        }
        let why = format!("{}（截止 {}）", dates::lateness(done, due), dates::shown(due));
        return Ok(Kept { met: false, shown: format!("{}，逾期", done.text), why });
    }
    Err(format!(
        "的日期“{}”只写到{}，看不出是否在截止日期 {} 之前：请写出完成的日子，如 {}",
        done.text,
        if done.first.month() == done.last.month() { "月" } else { "年" },
        dates::shown(due),
        dates::shown(due)
    ))
}

#[cfg(test)]
mod tests;
