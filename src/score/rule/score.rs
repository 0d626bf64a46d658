//! Scoring a subject by a read rule, with each step written out: a scale
//! (bands, then a step beyond the threshold, then what scores otherwise),
//! conditions in words, or items tallied one by one.

use super::actual::{self, Figure};
use super::clause::Kind;
use super::describe::{award_text, interval_text};
use super::formula::Formula;
use super::points::{award_points, deduct, taken};
use super::text::Unit;
use super::words::{self, Fit};
use super::{Award, Better, Effect, Level, Measure, Otherwise, Rule, Scale, Scheme, Scoring, Step, Subject, Tally};
use crate::units::number::Number;

pub(super) fn score(rule: &Rule, s: &Subject, points: Number) -> Result<Scoring, String> {
    if let Some(full) = rule.full.filter(|f| *f != points) {
        return Err(format!("细则“{}”写明满分 {full} 分，但指标分值是 {points} 分，请核对", rule.text));
    }
    let (score, steps) = match &rule.scheme {
        Scheme::Scale(scale) => scale_score(rule, scale, s, points)?,
        Scheme::Words(levels) => words_score(rule, levels, s, points)?,
        Scheme::Tally(tally) => super::tally::score(rule, tally, s, points)?,
    };
    let score = if score.raw() < 0 { Number::ZERO } else { score };
    Ok(Scoring { score: score.min(points).round2(), steps })
}

/// The subject as a scale measures it.
struct Value {
    v: Number,
    /// Written after a value: `%`, `人次`.
    unit: String,
    /// Written after a difference: `个百分点`, `人次`.
    gap_unit: String,
    /// A difference the actual states itself (`少2个`, `迟报2天`).
    gap: Option<Number>,
    /// The standard when the rule names none.
    default: Option<Number>,
    steps: Vec<String>,
}

fn unit_text(unit: &Unit) -> String {
    match unit {
        Unit::Percent => "%".into(),
        Unit::Times => "倍".into(),
        Unit::Word(u) => u.clone(),
        Unit::Bare | Unit::Score => String::new(),
    }
}

fn no_number(rule: &Rule, s: &Subject) -> String {
    format!("实际完成值“{}”没有数字，细则“{}”要按数字计分；请写出数字，或写 score 由人评定", s.text.trim(), rule.text)
}

fn value(rule: &Rule, scale: &Scale, s: &Subject) -> Result<Value, String> {
    let kind = if scale.events { Kind::Event } else { Kind::Gap(scale.better) };
    let plain = |v: Number, unit: String, gap_unit: &str, gap: Option<Number>| Value {
        v,
        unit,
        gap_unit: gap_unit.to_owned(),
        gap,
        default: if scale.events { Some(Number::ZERO) } else { s.target.as_ref().map(|t| t.value) },
        steps: Vec::new(),
    };
    if scale.events && words::says_none(&s.text, &scale.counted) && actual::figures(&s.text)?.is_empty() {
        let unit = match &scale.measure {
            Measure::Count(u) => u.clone(),
            _ => String::new(),
        };
        return Ok(plain(Number::ZERO, unit.clone(), &unit, None));
    }
    match &scale.measure {
        Measure::Percent => {
            if let Some(f) = actual::one_figure(&s.text, Some(&Unit::Percent))?.filter(|f| f.unit == Unit::Percent) {
                return Ok(plain(f.value, "%".into(), "个百分点", actual::stated_gap(&f, kind)));
            }
            let f = actual::one_figure(&s.text, None)?.ok_or_else(|| no_number(rule, s))?;
            let unit = unit_text(&f.unit);
            // A share formula divides by the target itself.
            if matches!(scale.otherwise, Otherwise::Formula(Formula { share: true, .. })) && scale.bands.is_empty() {
                return Ok(plain(f.value, unit.clone(), &unit, None));
            }
            if !rule.completion && !matches!(scale.otherwise, Otherwise::Formula(Formula { share: true, .. })) {
                return Err(format!(
                    "细则“{}”按百分比计分，实际完成值的单位是“{unit}”，对不上；请把实际完成值写成百分比",
                    rule.text
                ));
            }
            rate(rule, s, &f, &unit)
        }
        Measure::Count(u) => {
            let wanted = Unit::Word(u.clone());
            let f =
                actual::one_figure(&s.text, Some(&wanted))?.ok_or_else(|| match actual::one_figure(&s.text, None) {
                    Ok(Some(other)) => format!(
                        "细则“{}”按“{u}”计分，实际完成值的单位是“{}”，对不上：请写成以“{u}”计的数，或写 score 由人评定",
                        rule.text,
                        unit_text(&other.unit)
                    ),
                    _ => no_number(rule, s),
                })?;
            Ok(plain(f.value, u.clone(), u, actual::stated_gap(&f, kind)))
        }
        Measure::Times => {
            let f = actual::one_figure(&s.text, Some(&Unit::Times))?.filter(|f| f.unit == Unit::Times).ok_or_else(
                || format!("细则“{}”按倍数计分，实际完成值“{}”没写几倍：请写成如 1.5倍", rule.text, s.text.trim()),
            )?;
            Ok(plain(f.value, "倍".into(), "倍", None))
        }
        Measure::AsWritten => {
            let f = actual::one_figure(&s.text, None)?.ok_or_else(|| no_number(rule, s))?;
            let unit = unit_text(&f.unit);
            if let Some(t) = &s.target
                && !t.unit.is_empty()
                && !unit.is_empty()
                && t.unit != unit
            {
                return Err(format!(
                    "实际完成值的单位“{unit}”与指标值的单位“{}”不一致：请用指标值的单位写实际完成值",
                    t.unit
                ));
            }
            Ok(plain(f.value, unit.clone(), &unit, actual::stated_gap(&f, kind)))
        }
    }
}

/// A count read as a completion rate against the target.
fn rate(rule: &Rule, s: &Subject, f: &Figure, unit: &str) -> Result<Value, String> {
    let actual = f.value;
    let target = s.target.as_ref().ok_or_else(|| {
        format!(
            "细则“{}”按完成率计分，实际完成值是 {actual}{unit}，要有指标值才算得出完成率：请写指标值（target），或把实际完成值写成百分比",
            rule.text
        )
    })?;
    let rate = actual.percent_of(target.value).ok_or("指标值是 0，算不出完成率")?;
    let v = Number::from_hundredths(rate);
    let step = format!("完成率 = {actual}{unit} ÷ {}{unit} = {v}%", target.value);
    Ok(Value {
        v,
        unit: "%".into(),
        gap_unit: "个百分点".into(),
        gap: None,
        default: Some(Number::from_int(100)),
        steps: vec![step],
    })
}

fn scale_score(rule: &Rule, scale: &Scale, s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let val = match value(rule, scale, s) {
        Ok(val) => val,
        // `完成年度目标任务的得0.8分` and `已完成` / `未完成`.
        Err(_) if scale.measure == Measure::AsWritten && scale.threshold.is_none() && scale.bands.is_empty() => {
            let said = words::canonical(&s.text);
            if ["完成", "达到", "达成", "完成任务", "完成目标"].contains(&said.as_str()) {
                return Ok((points, vec![format!("实际完成值“{}”：达到指标值，得满分 {points} 分", s.text.trim())]));
            }
            if ["未完成", "未达到", "没有完成", "未达成"].contains(&said.as_str()) {
                return Ok((Number::ZERO, vec![format!("实际完成值“{}”：未达到指标值，不得分", s.text.trim())]));
            }
            return Err(no_number(rule, s));
        }
        Err(e) => return Err(e),
    };
    let mut steps = val.steps.clone();
    let (u, g) = (val.unit.clone(), val.gap_unit.clone());
    // A deviation is scored as a distance from the standard, lower better.
    let (v, better, u) = if scale.better == Better::Nearer {
        let d = match (val.gap, scale.window) {
            (Some(d), _) => d,
            (None, Some((lo, hi))) => {
                let d = if val.v < lo {
                    lo - val.v
                } else if val.v > hi {
                    val.v - hi
                } else {
                    Number::ZERO
                };
                steps.push(format!("实际 {}{u}，离 {lo}{u}–{hi}{u} 相差 {d} {g}", val.v));
                d
            }
            (None, None) => {
                let center = scale.standard.or(val.default).ok_or_else(|| {
                    format!("细则“{}”按与计划的差计分，要有指标值（计划数）才算得出差：请写指标值（target），或把差写进实际完成值（如 高出3个百分点）", rule.text)
                })?;
                let d = if val.v >= center { val.v - center } else { center - val.v };
                steps.push(format!("实际 {}{u}，与 {center}{u} 相差 {d} {g}", val.v));
                d
            }
        };
        (d, Better::Lower, g.clone())
    } else {
        (val.v, scale.better, u)
    };
    if let Some((band, award)) = scale.bands.iter().find(|(band, _)| band.contains(v)) {
        let score = award_points(rule, *award, points)?;
        let earned = match award {
            Award::Full => format!("得满分 {score} 分"),
            _ => award_text(*award),
        };
        steps.push(format!("实际 {v}{u}，在“{}”一档，{earned}", interval_text(band, &u)));
        return Ok((score, steps));
    }
    if let Some(step) = &scale.step {
        return stepped(rule, scale, step, s, &val, v, better, (&u, &g), points, steps);
    }
    if let Some(t) = scale.threshold {
        let met = match better {
            Better::Higher => v > t || (v == t && !scale.strict),
            _ => v < t || (v == t && !scale.strict),
        };
        if met {
            let word = if better == Better::Higher { "达到" } else { "不超过" };
            steps.push(format!("实际 {v}{u}，{word} {t}{u}，得满分 {points} 分"));
            return Ok((points, steps));
        }
    }
    if scale.threshold.is_none() && scale.bands.is_empty() && matches!(scale.otherwise, Otherwise::Zero) {
        // 完成指标值得满分: the target is the threshold.
        let t = val.default.ok_or_else(|| {
            format!(
                "细则“{}”以指标值为标准，但这个指标没有指标值：请写指标值（target），或写 score 由人评定",
                rule.text
            )
        })?;
        if v >= t {
            steps.push(format!("实际 {v}{u}，达到指标值 {t}{u}，得满分 {points} 分"));
            return Ok((points, steps));
        }
        steps.push(format!("实际 {v}{u}，未达到指标值 {t}{u}，不得分"));
        return Ok((Number::ZERO, steps));
    }
    otherwise(rule, &scale.otherwise, s, &val, v, (&u, scale.threshold), points, steps, scale.floor)
}

/// What a value no band holds and no step reaches scores.
#[allow(clippy::too_many_arguments)]
fn otherwise(
    rule: &Rule,
    o: &Otherwise,
    s: &Subject,
    val: &Value,
    v: Number,
    (u, threshold): (&str, Option<Number>),
    points: Number,
    mut steps: Vec<String>,
    floor: Number,
) -> Result<(Number, Vec<String>), String> {
    let missed = match threshold {
        Some(t) => format!("实际 {v}{u}，未达到 {t}{u}"),
        None => format!("实际 {v}{u}，不在所列各档"),
    };
    match o {
        Otherwise::Zero => {
            steps.push(format!("{missed}，不得分"));
            Ok((floor.min(points), steps))
        }
        Otherwise::Full => {
            steps.push(format!("实际 {v}{u}，不在扣分的各档，得满分 {points} 分"));
            Ok((points, steps))
        }
        Otherwise::Judged => Err(format!("{missed}，细则“{}”说这时要人来判断（酌情）：请写 score 由人评定", rule.text)),
        Otherwise::Unsaid => Err(format!("{missed}，细则“{}”没说这时怎样计分：请写 score 由人评定", rule.text)),
        Otherwise::Formula(f) => formula(rule, f, s, val, points, steps),
    }
}

#[allow(clippy::too_many_arguments)]
fn stepped(
    rule: &Rule,
    scale: &Scale,
    step: &Step,
    s: &Subject,
    val: &Value,
    v: Number,
    better: Better,
    (u, g): (&str, &str),
    points: Number,
    mut steps: Vec<String>,
) -> Result<(Number, Vec<String>), String> {
    // A difference the actual states needs no standard: `缺2人次`.
    let stated = val.gap.is_some() && step.add.is_none() && scale.better != Better::Nearer;
    let t = match (scale.better, scale.threshold.or(val.default)) {
        (Better::Nearer, _) => scale.threshold.unwrap_or(Number::ZERO),
        (_, Some(t)) => t,
        (_, None) if stated => Number::ZERO,
        (_, None) => {
            return Err(format!(
                "细则“{}”没写标准，要以指标值为准，但这个指标没有指标值：请写指标值（target），或写 score 由人评定",
                rule.text
            ));
        }
    };
    if scale.threshold.is_none()
        && !scale.events
        && scale.better != Better::Nearer
        && s.target.as_ref().is_some_and(|t| t.ceiling)
        && better == Better::Higher
    {
        return Err(format!(
            "细则“{}”以指标值为标准、少了扣分，但指标值是上限（越低越好），方向相反：请核对细则和指标值",
            rule.text
        ));
    }
    if let Some(base) = step.add {
        let beyond = match better {
            Better::Higher if v >= t => v - t,
            Better::Lower if v <= t => t - v,
            _ => {
                return Err(format!(
                    "实际 {v}{u}，未达到 {t}{u}，细则“{}”没说这时怎样计分：请写 score 由人评定",
                    rule.text
                ));
            }
        };
        let (added, how) = taken(step, beyond, g);
        let score = base + added;
        let from = if base.is_zero() { String::new() } else { format!("{base} + ") };
        steps.push(format!("实际 {v}{u}，比 {t}{u} 多 {beyond} {g}；每 {} {g}加 {} 分：{how}", step.size, step.amount));
        if score > points {
            steps.push(format!("{from}{added} = {score} 分，超过分值，按满分 {points} 分计"));
        } else {
            steps.push(format!("{from}{added} = {score} 分"));
        }
        return Ok((score.min(points), steps));
    }
    let gap = match val.gap {
        Some(gap) if scale.better != Better::Nearer => gap,
        _ => match better {
            Better::Higher if v < t => t - v,
            Better::Lower if v > t => v - t,
            _ => Number::ZERO,
        },
    };
    if gap.is_zero() && !(scale.strict && v == t) {
        let met = if scale.events {
            format!("实际 {v}{u}")
        } else if better == Better::Higher {
            format!("实际 {v}{u}，达到 {t}{u}")
        } else {
            format!("实际 {v}{u}，不超过 {t}{u}")
        };
        steps.push(format!("{met}，得满分 {points} 分"));
        return Ok((points, steps));
    }
    let counted =
        if scale.counted.chars().count() <= 3 && !scale.counted.is_empty() { scale.counted.as_str() } else { "有" };
    let (short, verb) = match (scale.events, better) {
        (true, _) => ("", counted),
        (false, Better::Higher) => ("低于", "少"),
        (false, _) => ("超过", "超"),
    };
    if scale.events {
        steps.push(format!("实际 {gap} {g}"));
    } else if stated {
        steps.push(format!("实际完成值写明{} {gap} {g}", if better == Better::Higher { "少" } else { "超出" }));
    } else {
        steps.push(format!("实际 {v}{u}，{short} {t}{u} 共 {gap} {g}"));
    }
    let (mut took, how) = taken(step, gap, g);
    steps.push(format!("每{verb} {} {g}扣 {} 分：{how}", step.size, step.amount));
    if let Some(cap) = scale.cap.filter(|c| took > *c) {
        steps.push(format!("最多扣 {cap} 分"));
        took = cap;
    }
    Ok((deduct(points, took, scale.floor, &mut steps), steps))
}

/// A formula on the actual: `按完成比例得分`, `次数/7*2`.
fn formula(
    rule: &Rule,
    f: &Formula,
    s: &Subject,
    val: &Value,
    points: Number,
    mut steps: Vec<String>,
) -> Result<(Number, Vec<String>), String> {
    let ceiling = s.target.as_ref().is_some_and(|t| t.ceiling);
    if ceiling && f.proportional {
        return Err(format!(
            "细则“{}”按完成比例计分，而指标值是上限（越低越好）：按比例算会让越差的实际得分越高。\
             请改写细则，写明超过上限时怎样扣分（如“≤9%得满分，每超过1个百分点扣1分”），或写 score 由人评定",
            rule.text
        ));
    }
    // x: a share as a fraction of one, or the count itself.
    let (x, shown) = if f.share {
        // 按完成比例: the actual over the target; a formula's 完成率 written as a
        // percentage is that rate itself.
        let over_target = f.proportional && s.target.is_some();
        let percent = if val.unit == "%" && !over_target {
            val.v
        } else {
            let t = s
                .target
                .as_ref()
                .filter(|t| !t.value.is_zero())
                .ok_or_else(|| format!("细则“{}”按完成比例计分，要有指标值", rule.text))?;
            let r = Number::from_hundredths(val.v.percent_of(t.value).unwrap_or(0));
            steps.push(format!("{} = {}{} ÷ {}{} = {r}%", f.name, val.v, val.unit, t.value, t.unit));
            r
        };
        let capped = if f.capped && percent > Number::from_int(100) {
            steps.push(format!("{} {percent}% 超过 100%，按 100% 计", f.name));
            Number::from_int(100)
        } else {
            percent
        };
        ((capped.raw(), 1_000_000), format!("{capped}%"))
    } else {
        ((val.v.raw(), 10_000), format!("{}{}", val.v, val.unit))
    };
    let raw = f.expr.eval(x, points)?;
    let result = Number::from_raw(raw);
    let written = f.expr.show(&f.name);
    if f.proportional {
        steps.push(format!("{points} × {shown} = {} 分", result.round2()));
    } else {
        steps.push(format!("{written}：{} = {shown}，得 {} 分", f.name, result.round2()));
    }
    if raw < 0 {
        steps.push("不足 0 分，按 0 分计".into());
    } else if result > points {
        steps.push(format!("超过分值，按满分 {points} 分计"));
    }
    Ok((result.min(points), steps))
}

/// The levels of a words rule scored: one level, or items added up when
/// the points of all add up to the indicator's.
fn words_score(rule: &Rule, levels: &[Level], s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let each: Vec<Number> = levels
        .iter()
        .filter_map(|l| match l.award {
            Award::Points(n) if !l.implied => Some(n),
            _ => None,
        })
        .collect();
    let only_points_and_none = levels.iter().all(|l| l.implied || matches!(l.award, Award::Points(_) | Award::Zero));
    if each.len() > 1 && only_points_and_none {
        let sum: Number = each.iter().copied().sum();
        let max = each.iter().copied().max().unwrap_or_default();
        if sum == points && max != points {
            let items =
                levels.iter().map(|l| super::Item { key: l.key.clone(), effect: Effect::Once(l.award) }).collect();
            let tally = Tally { items, additive: true, floor: Number::ZERO, cap: None, otherwise: None };
            return super::tally::score(rule, &tally, s, points);
        }
        if max != points {
            return Err(format!(
                "细则“{}”各项分值之和 {sum} 分、最高一项 {max} 分都不等于指标分值 {points} 分，读不出是逐项相加还是择一计分：请核对分值，或写 score 由人评定",
                rule.text
            ));
        }
    }
    let level = matching(levels, &s.text).ok_or_else(|| {
        let keys: Vec<String> = levels.iter().filter(|l| !l.key.is_empty()).map(|l| format!("“{}”", l.key)).collect();
        format!("实际完成值“{}”对不上细则“{}”所列的{}，请写成其中之一", s.text.trim(), rule.text, keys.join("、"))
    })?;
    let score = award_points(rule, level.award, points)?;
    let said = if level.key.is_empty() {
        format!("不符合所列条件，{}", award_text(level.award))
    } else if level.implied {
        "细则只写了反面的扣分，按满分计".to_owned()
    } else {
        format!("对应“{}”，{}", level.key, award_text(level.award))
    };
    let mut steps = vec![format!("实际完成值“{}”，{said}", s.text.trim())];
    match level.award {
        Award::Deduct(n) => steps.push(format!("{points} − {n} = {score} 分")),
        Award::Full => steps.push(format!("满分 {score} 分")),
        Award::Points(_) | Award::Zero | Award::Judged => {}
    }
    Ok((score, steps))
}

/// The level the actual's words name: the same words; the one level the
/// words fit (closest when several); between one positive and one negative
/// level, 是/有 and 否/无; a negative actual that fits none takes the
/// `否则` level.
fn matching<'a>(levels: &'a [Level], text: &str) -> Option<&'a Level> {
    let t = words::canonical(text);
    if t.is_empty() {
        return None;
    }
    let named: Vec<&Level> = levels.iter().filter(|l| !l.key.is_empty()).collect();
    if let Some(l) = named.iter().find(|l| words::canonical(&l.key) == t) {
        return Some(l);
    }
    let same: Vec<&&Level> = named.iter().filter(|l| words::fit(&l.key, text) == Fit::Same).collect();
    match same.as_slice() {
        [one] => return Some(one),
        [] => {}
        several => {
            let mut scored: Vec<(f64, &&Level)> =
                several.iter().map(|l| (words::closeness(&l.key, text), *l)).collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            if scored.len() > 1 && scored[0].0 > scored[1].0 {
                return Some(scored[0].1);
            }
            return None;
        }
    }
    let (pos, neg): (Vec<&&Level>, Vec<&&Level>) = named.iter().partition(|l| !words::negated(&l.key));
    match (pos.as_slice(), neg.as_slice()) {
        ([p], [_]) if ["是", "有"].contains(&t.as_str()) => return Some(p),
        ([_], [n]) if ["否", "无", "没有"].contains(&t.as_str()) => return Some(n),
        _ => {}
    }
    // The opposite of the one positive level is its negative, or 否则.
    let opposite: Vec<&&Level> = named.iter().filter(|l| words::fit(&l.key, text) == Fit::Opposite).collect();
    let fallback = levels.iter().find(|l| l.key.is_empty());
    match (opposite.as_slice(), neg.as_slice(), fallback) {
        ([o], [n], _) if !words::negated(&o.key) => Some(n),
        ([o], _, Some(f)) if !words::negated(&o.key) => Some(f),
        ([], _, Some(f)) if words::negated(&t) => Some(f),
        _ => None,
    }
}
