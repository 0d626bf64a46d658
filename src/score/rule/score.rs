//! Scoring a subject by a read rule, with each step written out, and the
//! one-line description of how a rule was read.

use super::cond::{Incl, Interval};
use super::parse::NEGATIONS;
use super::text::normalize;
use super::{Award, Bands, Better, Form, Level, Linear, Measure, Partial, Rule, Scoring, Step, Subject};
use crate::units::number::Number;

pub(super) fn score(rule: &Rule, s: &Subject, points: Number) -> Result<Scoring, String> {
    if let Some(full) = rule.full.filter(|f| *f != points) {
        return Err(format!("细则“{}”写明满分 {full} 分，但指标分值是 {points} 分，请核对", rule.text));
    }
    let (score, steps) = match &rule.form {
        Form::Linear(l) => linear(rule, l, s, points)?,
        Form::Bands(b) => bands(rule, b, s, points)?,
        Form::Proportional => proportional(rule, s, points)?,
        Form::Levels(levels) => text_levels(rule, levels, s, points)?,
    };
    Ok(Scoring { score: score.min(points).round2(), steps })
}

/// The subject as the rule measures it.
struct Value {
    v: Number,
    /// Written after a value: `%`, `人次`.
    unit: String,
    /// Written after a difference: `个百分点`, `人次`.
    gap_unit: String,
    /// The standard when the rule names none.
    default: Option<Number>,
    steps: Vec<String>,
}

fn value(rule: &Rule, measure: &Measure, s: &Subject) -> Result<Value, String> {
    let actual = s.actual.ok_or_else(|| {
        format!("实际完成值“{}”没有数字，细则“{}”要按数字计分；请写出数字，或写 score 由人评定", s.text, rule.text)
    })?;
    let unit = s.unit.trim().replace('％', "%");
    let plain = |gap_unit: &str| Value {
        v: actual,
        unit: unit.clone(),
        gap_unit: gap_unit.to_owned(),
        default: s.target,
        steps: Vec::new(),
    };
    match measure {
        Measure::Percent if unit == "%" => Ok(plain("个百分点")),
        Measure::Percent if rule.completion => {
            let target = s.target.ok_or_else(|| {
                format!("细则“{}”按完成率计分，实际完成值是 {actual}{unit}，要有指标值才算得出完成率", rule.text)
            })?;
            let rate = actual.percent_of(target).ok_or("指标值是 0，算不出完成率")?;
            let v = Number::from_hundredths(rate);
            let step = format!("完成率 = {actual}{unit} ÷ {target}{unit} = {v}%");
            Ok(Value {
                v,
                unit: "%".into(),
                gap_unit: "个百分点".into(),
                default: Some(Number::from_int(100)),
                steps: vec![step],
            })
        }
        Measure::Percent => Err(format!(
            "细则“{}”按百分比计分，实际完成值的单位是“{unit}”，对不上；请把实际完成值写成百分比",
            rule.text
        )),
        Measure::Count(u) if *u == unit => Ok(plain(u)),
        Measure::Count(u) => Err(format!("细则“{}”按“{u}”计分，实际完成值的单位是“{unit}”，对不上", rule.text)),
        Measure::AsWritten => Ok(plain(&unit)),
    }
}

fn linear(rule: &Rule, l: &Linear, s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let val = value(rule, &l.measure, s)?;
    let mut steps = val.steps.clone();
    let t = l
        .threshold
        .or(val.default)
        .ok_or_else(|| format!("细则“{}”没写标准，要以指标值为准，但这个指标没有指标值", rule.text))?;
    let (v, u) = (val.v, &val.unit);
    if let Some(cut) = l.cutoff.as_ref().filter(|c| c.contains(v)) {
        steps.push(format!("实际 {v}{u}，属于“{}”，不得分", interval_text(cut, u)));
        return Ok((Number::ZERO, steps));
    }
    let higher = l.better == Better::Higher;
    let gap = match (higher, v < t, v > t) {
        (true, true, _) => t - v,
        (false, _, true) => v - t,
        _ => Number::ZERO,
    };
    if gap.is_zero() && !(l.strict && v == t) {
        let met = if higher { "达到" } else { "不超过" };
        steps.push(format!("实际 {v}{u}，{met} {t}{u}，得满分 {points} 分"));
        return Ok((points, steps));
    }
    let Some(step) = &l.step else {
        let missed = match (higher, l.strict) {
            (true, false) => "未达到",
            (true, true) => "未高于",
            (false, false) => "超过",
            (false, true) => "未低于",
        };
        steps.push(format!("实际 {v}{u}，{missed} {t}{u}，不得分"));
        return Ok((l.floor.min(points), steps));
    };
    let (short, verb) = if higher { ("低于", "少") } else { ("超过", "超") };
    let g = &val.gap_unit;
    steps.push(format!("实际 {v}{u}，{short} {t}{u} 共 {gap} {g}"));
    let (mut taken, how) = deduction(step, gap, g);
    steps.push(format!("每{verb} {} {g}扣 {} 分：{how}", step.size, step.deduct));
    if let Some(cap) = l.max_deduction.filter(|c| taken > *c) {
        steps.push(format!("最多扣 {cap} 分"));
        taken = cap;
    }
    let floor = l.floor.min(points);
    let left = if taken >= points { Number::ZERO } else { points - taken };
    let score = if taken <= points && left >= floor {
        steps.push(format!("{points} − {taken} = {left} 分"));
        left
    } else if floor.is_zero() {
        steps.push(format!("{points} − {taken} 不足 0 分，扣完为止：0 分"));
        floor
    } else {
        steps.push(format!("{points} − {taken} 低于最低分，按最低 {floor} 分计"));
        floor
    };
    Ok((score, steps))
}

/// Points taken for a difference of `gap`, and how, in words.
fn deduction(step: &Step, gap: Number, g: &str) -> (Number, String) {
    let (size, whole, rem) = (step.size, gap.raw() / step.size.raw(), gap.raw() % step.size.raw());
    let count = |n: i128| i64::try_from(n).unwrap_or(i64::MAX);
    let (taken, how) = match step.partial {
        Partial::Proportional if rem != 0 => {
            let taken = step.deduct.scaled(gap, size);
            (taken, format!("按比例扣 {taken} 分"))
        }
        Partial::Whole if rem != 0 => {
            let taken = step.deduct.times(count(whole + 1));
            (taken, format!("{gap} {g}按 {} 档计（不足一档按一档计），扣 {taken} 分", whole + 1))
        }
        Partial::Ignore if rem != 0 => {
            let taken = step.deduct.times(count(whole));
            (taken, format!("满 {size} {g}的有 {whole} 档（不足一档的部分不扣），扣 {taken} 分"))
        }
        _ => {
            let taken = step.deduct.times(count(whole));
            (taken, format!("扣 {taken} 分"))
        }
    };
    (taken, how)
}

fn award_points(award: Award, points: Number) -> Number {
    match award {
        Award::Full => points,
        Award::Points(n) => n.min(points),
        Award::Zero => Number::ZERO,
        Award::Deduct(n) if n >= points => Number::ZERO,
        Award::Deduct(n) => points - n,
    }
}

fn award_text(award: Award) -> String {
    match award {
        Award::Full => "得满分".into(),
        Award::Points(n) => format!("得 {n} 分"),
        Award::Zero => "不得分".into(),
        Award::Deduct(n) => format!("扣 {n} 分"),
    }
}

fn bands(rule: &Rule, b: &Bands, s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let val = value(rule, &b.measure, s)?;
    let mut steps = val.steps.clone();
    let (v, u) = (val.v, &val.unit);
    if let Some((iv, award)) = b.bands.iter().find(|(iv, _)| iv.contains(v)) {
        let score = award_points(*award, points);
        let earned = match award {
            Award::Full => format!("得满分 {score} 分"),
            _ => award_text(*award),
        };
        steps.push(format!("实际 {v}{u}，在“{}”一档，{earned}", interval_text(iv, u)));
        return Ok((score, steps));
    }
    if b.bands.iter().all(|(_, a)| *a == Award::Zero) {
        steps.push(format!("实际 {v}{u}，不在不得分的各档，得满分 {points} 分"));
        return Ok((points, steps));
    }
    steps.push(format!("实际 {v}{u}，不在所列各档，不得分"));
    Ok((Number::ZERO, steps))
}

fn proportional(rule: &Rule, s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let actual =
        s.actual.ok_or_else(|| format!("实际完成值“{}”没有数字，细则“{}”要按完成比例计分", s.text, rule.text))?;
    let unit = s.unit.trim().replace('％', "%");
    let (den, share) = match s.target.filter(|t| !t.is_zero()) {
        Some(t) => (t, format!("{actual}{unit} ÷ {t}{unit}")),
        None if unit == "%" => (Number::from_int(100), format!("{actual}%")),
        None => return Err(format!("细则“{}”按完成比例计分，要有指标值", rule.text)),
    };
    let rate = Number::from_hundredths(actual.percent_of(den).unwrap_or(0));
    let mut steps = vec![if s.target.is_some() {
        format!("完成比例 = {share} = {rate}%")
    } else {
        format!("完成比例 = {rate}%")
    }];
    if actual >= den {
        steps.push(format!("完成比例不低于 100%，满分为止：{points} 分"));
        return Ok((points, steps));
    }
    let score = points.scaled(actual, den);
    steps.push(format!("{points} × {share} = {score} 分"));
    Ok((score, steps))
}

fn text_levels(rule: &Rule, levels: &[Level], s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let written = canonical(&s.text);
    let level = matching(levels, &written).ok_or_else(|| {
        let keys: Vec<String> = levels.iter().map(|l| format!("“{}”", l.key)).collect();
        format!("实际完成值“{}”对不上细则“{}”所列的{}，请写成其中之一", s.text.trim(), rule.text, keys.join("、"))
    })?;
    let score = award_points(level.award, points);
    let said = if level.implied {
        "细则只写了反面的扣分，按满分计".to_owned()
    } else {
        format!("对应“{}”，{}", level.key, award_text(level.award))
    };
    let mut steps = vec![format!("实际完成值“{}”，{said}", s.text.trim())];
    match level.award {
        Award::Deduct(n) => steps.push(format!("{points} − {n} = {score} 分")),
        Award::Full => steps.push(format!("满分 {score} 分")),
        Award::Points(_) | Award::Zero => {}
    }
    Ok((score, steps))
}

/// Words compared without `已` in front or `的` behind: 已建立 ≡ 建立.
fn canonical(text: &str) -> String {
    let s: String = normalize(text).into_iter().filter(|c| !matches!(c, ',' | ';' | ':')).collect();
    let s = s.trim_end_matches('的');
    s.strip_prefix('已').unwrap_or(s).to_owned()
}

fn negative(s: &str) -> bool {
    NEGATIONS.iter().any(|n| s.starts_with(n))
}

/// The level the actual's words name: the same words, or words one ends with
/// when what goes before is no negation or qualifier (健全 ≠ 基本健全); or,
/// between one positive and one negative level, 是/有 and 否/无.
fn matching<'a>(levels: &'a [Level], t: &str) -> Option<&'a Level> {
    if t.is_empty() {
        return None;
    }
    let keys: Vec<(String, &Level)> = levels.iter().map(|l| (canonical(&l.key), l)).collect();
    if let Some((_, l)) = keys.iter().find(|(k, _)| k == t) {
        return Some(l);
    }
    let qualified =
        |prefix: &str| ["不", "未", "无", "没", "非", "基本", "较", "部分", "尚"].iter().any(|q| prefix.ends_with(q));
    let fits = |k: &str| {
        (k.ends_with(t) && !qualified(&k[..k.len() - t.len()]))
            || (t.ends_with(k) && !qualified(&t[..t.len() - k.len()]))
            || (k.starts_with(t) && negative(k) == negative(t))
    };
    let found: Vec<&Level> = keys.iter().filter(|(k, _)| fits(k)).map(|(_, l)| *l).collect();
    if let [one] = found.as_slice() {
        return Some(one);
    }
    let (pos, neg): (Vec<_>, Vec<_>) = keys.iter().partition(|(k, _)| !negative(k));
    match (pos.as_slice(), neg.as_slice()) {
        ([(_, p)], [_]) if ["是", "有"].contains(&t) => Some(p),
        ([_], [(_, n)]) if ["否", "无", "没有"].contains(&t) => Some(n),
        _ => None,
    }
}

fn bound_text(n: Number, incl: Incl, u: &str) -> String {
    let mark = if incl == Incl::No { "（不含）" } else { "（含）" };
    format!("{n}{u}{mark}")
}

fn interval_text(iv: &Interval, u: &str) -> String {
    match (iv.lo, iv.hi) {
        (Some(lo), Some(hi)) if lo.value == hi.value => format!("={}{u}", lo.value),
        (Some(lo), Some(hi)) => format!("{}至{}", bound_text(lo.value, lo.incl, u), bound_text(hi.value, hi.incl, u)),
        (Some(lo), None) => format!("{}{}{u}", if lo.incl == Incl::No { ">" } else { "≥" }, lo.value),
        (None, Some(hi)) => format!("{}{}{u}", if hi.incl == Incl::No { "<" } else { "≤" }, hi.value),
        (None, None) => "任意值".into(),
    }
}

fn measure_unit(m: &Measure) -> (String, String) {
    match m {
        Measure::Percent => ("%".into(), "个百分点".into()),
        Measure::Count(u) => (u.clone(), u.clone()),
        Measure::AsWritten => (String::new(), String::new()),
    }
}

pub(super) fn describe(rule: &Rule) -> String {
    match &rule.form {
        Form::Linear(l) => describe_linear(l),
        Form::Bands(b) => {
            let (u, _) = measure_unit(&b.measure);
            let parts: Vec<String> =
                b.bands.iter().map(|(iv, a)| format!("{}{}", interval_text(iv, &u), award_text(*a))).collect();
            let rest = if b.bands.iter().all(|(_, a)| *a == Award::Zero) { "得满分" } else { "不得分" };
            format!("分档计分：{}；不在各档{rest}", parts.join("；"))
        }
        Form::Proportional => "按完成比例得分：分值 × 实际 ÷ 指标值（无指标值的百分比按实际 ÷ 100%），满分为止".into(),
        Form::Levels(levels) => {
            let parts: Vec<String> = levels
                .iter()
                .map(|l| {
                    format!(
                        "“{}”{}{}",
                        l.key,
                        award_text(l.award),
                        if l.implied { "（细则未写，按反面推出）" } else { "" }
                    )
                })
                .collect();
            format!("按实际完成值的文字计分：{}", parts.join("；"))
        }
    }
}

fn describe_linear(l: &Linear) -> String {
    let (u, g) = measure_unit(&l.measure);
    let higher = l.better == Better::Higher;
    let standard = match l.threshold {
        Some(t) => format!("{t}{u}"),
        None => "指标值".into(),
    };
    let met = match (higher, l.strict) {
        (true, false) => "达到",
        (true, true) => "高于",
        (false, false) => "不超过",
        (false, true) => "低于",
    };
    let mut text = format!("{met}{standard}得满分");
    match &l.step {
        None => text.push_str("，否则不得分"),
        Some(step) => {
            let verb = if higher { "少" } else { "超" };
            text.push_str(&format!("；每{verb}{}{g}扣{}分", step.size, step.deduct));
            text.push_str(match step.partial {
                Partial::Ignore => "（不足一档不扣）",
                Partial::Whole => "（不足一档按一档扣）",
                Partial::Proportional => "（不足一档按比例扣）",
            });
        }
    }
    if let Some(cut) = &l.cutoff {
        text.push_str(&format!("；{}不得分", interval_text(cut, &u)));
    }
    if let Some(cap) = l.max_deduction {
        text.push_str(&format!("；最多扣{cap}分"));
    }
    if !l.floor.is_zero() {
        text.push_str(&format!("；最低{}分", l.floor));
    } else if l.step.is_some() {
        text.push_str("；扣完为止");
    }
    text
}
