//! Items tallied one by one: each statement of the actual (`错0笔`,
//! `迟报2天`, `有场地`, `其余齐全`) assigned to the item it speaks of, each
//! item scored from its statements, deductions taken from full marks or
//! points added from none. An item the actual does not speak of is an
//! error — unless the score is at its floor already, or the actual states
//! the condition for full marks and nothing against it.

use super::actual;
use super::cond;
use super::points::{award_points, deduct, taken};
use super::text::{Unit, normalize};
use super::words::{self, Fit};
use super::{Award, Effect, Item, Otherwise, Partial, Rule, Step, Subject, Tally};
use crate::units::number::Number;

/// What the actual says of the items.
struct Said<'a> {
    /// The statements about each item.
    of: Vec<Vec<&'a str>>,
    /// `其余齐全` (true) / `其余不齐全` (false).
    rest: Option<bool>,
    /// `均符合` (true) / `均不符合` (false).
    all: Option<bool>,
    /// `仅X`: only this item holds.
    only: Option<usize>,
}

pub(super) fn score(rule: &Rule, tally: &Tally, s: &Subject, points: Number) -> Result<(Number, Vec<String>), String> {
    let statements = actual::statements(&s.text);
    if statements.is_empty() {
        return Err(format!("实际完成值是空的，细则“{}”要逐项写明：请写实际完成值，或写 score 由人评定", rule.text));
    }
    let texts: Vec<&str> = statements.iter().map(|st| st.text.as_str()).collect();
    let said = assign(rule, tally, &texts)?;
    let mut steps = Vec::new();
    let mut total = if tally.additive { Number::ZERO } else { points };
    let (mut zeroed, mut unsaid) = (false, Vec::new());
    // Full marks stated and nothing against them: the deductions did not happen.
    let mut full_stated = false;
    for (k, item) in tally.items.iter().enumerate() {
        let standard = matches!(item.effect, Effect::Once(Award::Full | Award::Points(_)));
        full_stated |= !tally.additive && standard && holds(item, &said.of[k])? == Some(true);
    }
    for (k, item) in tally.items.iter().enumerate() {
        match &item.effect {
            Effect::Once(award) => {
                let good = matches!(award, Award::Points(_) | Award::Full);
                if good && !tally.additive {
                    // The standard of full marks: it takes nothing.
                    continue;
                }
                let state = match holds(item, &said.of[k])? {
                    Some(h) => Some(h),
                    // A judgement the actual does not speak of is not settled by full marks.
                    None if said.only.is_some() || (full_stated && *award != Award::Judged) => Some(false),
                    None => said.all.or(said.rest).map(|met| met == good),
                };
                let Some(happened) = state else {
                    unsaid.push(item.key.clone());
                    continue;
                };
                if !happened {
                    continue;
                }
                match award {
                    Award::Points(n) => {
                        total = total + *n;
                        steps.push(format!("“{}”：得 {n} 分", item.key));
                    }
                    Award::Deduct(n) => {
                        total = total - *n;
                        steps.push(format!("“{}”：扣 {n} 分", item.key));
                    }
                    Award::Zero => {
                        zeroed = true;
                        steps.push(format!("“{}”：不得分", item.key));
                    }
                    Award::Judged => {
                        let _ = award_points(rule, Award::Judged, points)?;
                    }
                    Award::Full => {}
                }
            }
            Effect::PerUnit { size, amount, add, unit } => {
                let count = match count_of(&said.of[k], &item.key, unit)? {
                    Some(count) => count,
                    None if said.of[k].is_empty()
                        && (full_stated || said.rest == Some(true) || said.all == Some(true)) =>
                    {
                        Number::ZERO
                    }
                    None => {
                        unsaid.push(item.key.clone());
                        continue;
                    }
                };
                if count.is_zero() {
                    continue;
                }
                let step =
                    Step { size: *size, amount: *amount, add: add.then_some(Number::ZERO), partial: Partial::Ignore };
                let u = super::describe::unit_name(unit);
                let (n, how) = taken(&step, count, &u);
                let verb = if *add { "得" } else { "扣" };
                steps.push(format!("“{}” {count} {u}：每 {size} {u}{verb} {amount} 分，{how}", item.key));
                total = if *add { total + n } else { total - n };
            }
        }
    }
    let floor = tally.floor.min(points);
    let at_floor = zeroed || (!tally.additive && total.raw() <= floor.raw());
    if !unsaid.is_empty() && !at_floor {
        let named: Vec<String> = unsaid.iter().map(|k| format!("“{k}”")).collect();
        return Err(format!(
            "实际完成值“{}”没有说到细则“{}”中的{}：请逐项写明（如“{}”），或写 score 由人评定",
            s.text.trim(),
            rule.text,
            named.join("、"),
            example(tally)
        ));
    }
    if zeroed {
        return Ok((Number::ZERO, steps));
    }
    if tally.otherwise == Some(Otherwise::Judged) && total < points {
        return Err(format!("细则“{}”说未达到时要人来判断（酌情）：请写 score 由人评定", rule.text));
    }
    let score = if tally.additive {
        let score = total.min(points);
        steps.push(format!("合计 {score} 分"));
        score
    } else {
        let took = if total.raw() < 0 { points + Number::from_raw(-total.raw()) } else { points - total };
        let took = tally.cap.map_or(took, |c| took.min(c));
        if took.is_zero() {
            steps.push(format!("没有扣分的情形，得满分 {points} 分"));
            points
        } else {
            deduct(points, took, floor, &mut steps)
        }
    };
    Ok((score, steps))
}

/// Each statement to the item it speaks of.
fn assign<'a>(rule: &Rule, tally: &Tally, texts: &[&'a str]) -> Result<Said<'a>, String> {
    let mut said = Said { of: vec![Vec::new(); tally.items.len()], rest: None, all: None, only: None };
    for text in texts {
        if let Some(met) = words::rest_met(text) {
            said.rest = Some(met);
            continue;
        }
        if let Some(met) = all_or_none(text) {
            said.all = Some(met);
            continue;
        }
        let (stripped, exclusive) = match text.strip_prefix('仅').or_else(|| text.strip_prefix('只')) {
            Some(rest) => (rest, true),
            None => (*text, false),
        };
        match item_of(tally, stripped) {
            Some(k) => {
                said.of[k].push(if exclusive { stripped } else { text });
                if exclusive {
                    said.only = Some(k);
                }
            }
            None if tally.items.len() == 1 => said.of[0].push(text),
            None => {
                return Err(format!(
                    "实际完成值中的“{text}”对不上细则“{}”的任何一项：请逐项写明，如“{}”",
                    rule.text,
                    example(tally)
                ));
            }
        }
    }
    Ok(said)
}

/// Whether the statements about an item say it holds; `None` when none
/// speak of it. A key with a number is held by the number (`入户率100%`
/// against `入户率95%`).
fn holds(item: &Item, texts: &[&str]) -> Result<Option<bool>, String> {
    let mut answers = Vec::new();
    for text in texts {
        answers.push(one_holds(item, text).ok_or_else(|| {
            format!(
                "实际完成值中的“{text}”读不出是否符合“{}”：请照细则的说法写，如“{}”或“未{}”",
                item.key, item.key, item.key
            )
        })?);
    }
    Ok(match answers.as_slice() {
        [] => None,
        [first, rest @ ..] if rest.iter().all(|a| a == first) => Some(*first),
        _ => Some(false),
    })
}

/// Whether one statement says the item holds; `None` when it cannot be told.
fn one_holds(item: &Item, text: &str) -> Option<bool> {
    let key: Vec<char> = normalize(&item.key);
    if let Ok(Some(c)) = cond::read(&key, None)
        && let Ok(Some(f)) = actual::one_figure(text, Some(&c.unit))
    {
        let bounded = c.interval.lo.is_some() || c.interval.hi.is_some();
        return Some(if bounded { c.interval.contains(f.value) } else { f.value == c.value });
    }
    match words::fit(&item.key, text) {
        Fit::Same => Some(true),
        Fit::Opposite => Some(false),
        Fit::None => None,
    }
}

/// `两项均符合`, `均符合`, `全部符合` → all met; `均不符合` → none.
fn all_or_none(text: &str) -> Option<bool> {
    let t = words::canonical(text);
    if ["均不符合", "都不符合", "全部不符合", "均未", "都没有", "均无"].iter().any(|w| t.contains(w))
    {
        return Some(false);
    }
    let all = ["均符合", "都符合", "全部符合", "全部达标", "均达标", "均具备", "全部具备", "齐全且规范"];
    all.iter().any(|w| t.ends_with(w) && t.chars().count() <= w.chars().count() + 3).then_some(true)
}

/// The words of a key or statement without numbers or units, for
/// matching a measured item (`入户率100%`) by what it measures.
fn unmeasured(text: &str) -> String {
    let c = normalize(text);
    c.into_iter().filter(|ch| !ch.is_ascii_digit() && !matches!(ch, '.' | '%' | '≥' | '≤' | '>' | '<' | '=')).collect()
}

/// The item a statement speaks of: by unit and words for counted items,
/// by words for the others; none when two fit equally.
fn item_of(tally: &Tally, text: &str) -> Option<usize> {
    let figures = actual::figures(text).unwrap_or_default();
    let mut best: Vec<(f64, usize)> = Vec::new();
    for (k, item) in tally.items.iter().enumerate() {
        let closeness = words::closeness(&item.key, text);
        let score = match &item.effect {
            Effect::PerUnit { unit, .. } => {
                let unit_fits = figures.iter().any(|f| actual::same_unit(unit, &f.unit));
                let named = names_the_event(&item.key, text);
                match (unit_fits, figures.is_empty(), named || shares_a_word(&item.key, text)) {
                    (true, _, true) => 3.0 + closeness + f64::from(u8::from(named)),
                    (false, true, true) => 1.0 + closeness + f64::from(u8::from(named)),
                    _ => 0.0,
                }
            }
            Effect::Once(_) => {
                let measured = item.key.chars().any(|c| c.is_ascii_digit())
                    && !figures.is_empty()
                    && words::fit(&unmeasured(&item.key), &unmeasured(text)) != Fit::None;
                if measured || words::fit(&item.key, text) != Fit::None { 1.0 + closeness } else { 0.0 }
            }
        };
        if score > 0.0 {
            best.push((score, k));
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    match best.as_slice() {
        [] => None,
        [(_, k)] => Some(*k),
        [(a, k), (b, _), ..] if a > b => Some(*k),
        _ => None,
    }
}

/// Whether a statement names the verb an item counts (`迟报` in `迟报3次`).
fn names_the_event(key: &str, text: &str) -> bool {
    const VERBS: &[&str] = &["迟报", "瞒报", "虚报", "漏报", "缺报", "漏填", "错", "缺", "少", "延期", "逾期", "漏"];
    VERBS.iter().any(|v| key.contains(v) && text.contains(v))
}

/// Whether a statement names what an item counts: a shared character
/// outside numbers, units and small words (`错0笔` and `表内项目错一笔`).
fn shares_a_word(key: &str, text: &str) -> bool {
    const SMALL: &str = "的了已有无未不每一个次天项处人和及或与在为是按其中少多";
    let key: Vec<char> = words::canonical(key).chars().filter(|c| !c.is_ascii() && !SMALL.contains(*c)).collect();
    words::canonical(text).chars().filter(|c| !c.is_ascii() && !SMALL.contains(*c)).any(|c| key.contains(&c))
}

/// The count an item's statements give, summed: `迟报2天` → 2, `按时` →
/// 0, `漏保1人次、错保2人次` → 3; a statement naming one of the things a
/// key lists (`无领导小组` for `无领导小组、项目负责人…的，每一项`) → 1.
fn count_of(texts: &[&str], key: &str, unit: &Unit) -> Result<Option<Number>, String> {
    if texts.is_empty() {
        return Ok(None);
    }
    let mut total = Number::ZERO;
    for text in texts {
        let count = match actual::one_figure(text, Some(unit))? {
            Some(f) => f.value,
            None if words::says_none(text, key) => Number::ZERO,
            None => match words::fit(key, text) {
                Fit::Opposite => Number::ZERO,
                Fit::Same if key.contains('、') => Number::from_int(1),
                _ => return Ok(None),
            },
        };
        total = total + count;
    }
    Ok(Some(total))
}

/// How an actual for this tally is written: `错0笔、漏填1项、迟报2天`.
fn example(tally: &Tally) -> String {
    let parts: Vec<String> = tally
        .items
        .iter()
        .filter(|item| !matches!(item.effect, Effect::Once(Award::Full | Award::Points(_))) || tally.additive)
        .take(3)
        .map(|item| match &item.effect {
            Effect::PerUnit { unit, .. } => format!("{}0{}", short(&item.key), super::describe::unit_name(unit)),
            Effect::Once(_) => item.key.clone(),
        })
        .collect();
    parts.join("、")
}

fn short(key: &str) -> String {
    key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect()
}
