//! How a rule was read, in one line for `wenshu explain`: `达到90%得满分；
//! 每少1个百分点扣1分（不足一档不扣）；扣完为止`.

use super::cond::{Incl, Interval};
use super::text::Unit;
use super::{Award, Better, Effect, Measure, Otherwise, Partial, Rule, Scale, Scheme};
use crate::units::number::Number;

pub(super) fn describe(rule: &Rule) -> String {
    match &rule.scheme {
        Scheme::Scale(scale) => describe_scale(scale),
        Scheme::Words(levels) => {
            let parts: Vec<String> = levels
                .iter()
                .map(|l| {
                    let key = if l.key.is_empty() { "否则".to_owned() } else { format!("“{}”", l.key) };
                    let implied =
                        if l.implied && !l.key.is_empty() { "（细则未写，按反面推出）" } else { "" };
                    format!("{key}{}{implied}", award_text(l.award))
                })
                .collect();
            format!("按实际完成值的文字计分：{}", parts.join("；"))
        }
        Scheme::Tally(tally) => {
            let parts: Vec<String> = tally
                .items
                .iter()
                .map(|item| match &item.effect {
                    Effect::Once(award) => format!("“{}”{}", item.key, award_text(*award)),
                    Effect::PerUnit { size, amount, add, unit } => {
                        let verb = if *add { "得" } else { "扣" };
                        format!("“{}”每 {size} {}{verb} {amount} 分", item.key, unit_name(unit))
                    }
                })
                .collect();
            let how = if tally.additive { "逐项得分相加" } else { "从满分起逐项扣分" };
            format!("{how}（每项按实际完成值中的说明计）：{}", parts.join("；"))
        }
    }
}

pub(super) fn award_text(award: Award) -> String {
    match award {
        Award::Full => "得满分".into(),
        Award::Points(n) => format!("得 {n} 分"),
        Award::Zero => "不得分".into(),
        Award::Deduct(n) => format!("扣 {n} 分"),
        Award::Judged => "由人评定".into(),
    }
}

pub(super) fn unit_name(unit: &Unit) -> String {
    match unit {
        Unit::Percent => "个百分点".into(),
        Unit::Times => "倍".into(),
        Unit::Word(u) => u.clone(),
        Unit::Bare | Unit::Score => String::new(),
    }
}

fn bound_text(n: Number, incl: Incl, u: &str) -> String {
    let mark = if incl == Incl::No { "（不含）" } else { "（含）" };
    format!("{n}{u}{mark}")
}

pub(super) fn interval_text(iv: &Interval, u: &str) -> String {
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
        Measure::Times => ("倍".into(), "倍".into()),
        Measure::Count(u) => (u.clone(), u.clone()),
        Measure::AsWritten => (String::new(), String::new()),
    }
}

fn describe_scale(s: &Scale) -> String {
    let (u, g) = measure_unit(&s.measure);
    let mut parts = Vec::new();
    let nearer = s.better == Better::Nearer;
    let higher = s.better == Better::Higher;
    let standard = match (s.threshold, nearer) {
        (Some(t), true) => format!("与标准相差不超过{t}{g}"),
        (Some(t), false) => format!("{t}{u}"),
        (None, true) => "与指标值相同".into(),
        (None, false) if s.events => "没有发生".into(),
        (None, false) => "指标值".into(),
    };
    for (band, award) in &s.bands {
        let on = if nearer { "相差" } else { "" };
        parts.push(format!("{on}{}{}", interval_text(band, if nearer { &g } else { &u }), award_text(*award)));
    }
    match &s.step {
        Some(step) => {
            let met = match (s.events, nearer, higher, s.strict) {
                (true, _, _, _) => "",
                (_, true, _, _) => "",
                (_, _, true, false) => "达到",
                (_, _, true, true) => "高于",
                (_, _, false, false) => "不超过",
                (_, _, false, true) => "低于",
            };
            match step.add {
                Some(base) => {
                    let from = if base.is_zero() { String::new() } else { format!("得{base}分，") };
                    parts.push(format!("{met}{standard}{from}每多{}{g}加{}分", step.size, step.amount));
                }
                None => {
                    let counted = if s.counted.chars().count() <= 3 { s.counted.as_str() } else { "" };
                    let verb = match (s.events, nearer, higher) {
                        (true, _, _) if !counted.is_empty() => counted,
                        (true, _, _) => "有",
                        (_, true, _) => "相差",
                        (_, _, true) => "少",
                        _ => "超",
                    };
                    let mut text = format!("{met}{standard}得满分；每{verb}{}{g}扣{}分", step.size, step.amount);
                    text.push_str(match step.partial {
                        Partial::Ignore => "（不足一档不扣）",
                        Partial::Whole => "（不足一档按一档扣）",
                        Partial::Proportional => "（不足一档按比例扣）",
                    });
                    parts.push(text);
                }
            }
        }
        None => {
            if let Some(t) = s.threshold {
                let met = match (higher, s.strict) {
                    (true, false) => "达到",
                    (true, true) => "高于",
                    (false, false) => "不超过",
                    (false, true) => "低于",
                };
                parts.push(format!("{met}{t}{u}得满分"));
            } else if s.bands.is_empty() && matches!(s.otherwise, Otherwise::Zero) {
                parts.push("达到指标值得满分".into());
            }
        }
    }
    match &s.otherwise {
        Otherwise::Zero if s.step.is_none() && !s.bands.is_empty() => parts.push("不在各档不得分".into()),
        Otherwise::Zero if s.step.is_none() => parts.push("否则不得分".into()),
        Otherwise::Full if !s.bands.is_empty() => parts.push("不在各档得满分".into()),
        Otherwise::Judged => parts.push("否则由人评定".into()),
        Otherwise::Formula(f) if f.proportional => {
            parts.push("按完成比例得分：分值 × 实际 ÷ 指标值（无指标值的百分比按实际 ÷ 100%），满分为止".into())
        }
        Otherwise::Formula(f) => parts.push(format!("得分 = {}", f.expr.show(&f.name))),
        _ => {}
    }
    if let Some(cap) = s.cap {
        parts.push(format!("最多扣{cap}分"));
    }
    if !s.floor.is_zero() {
        parts.push(format!("最低{}分", s.floor));
    } else if s.step.as_ref().is_some_and(|st| st.add.is_none()) {
        parts.push("扣完为止".into());
    }
    parts.join("；")
}
