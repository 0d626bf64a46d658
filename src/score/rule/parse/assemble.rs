//! Putting classified clauses together into one `Form`: a threshold with a
//! step, a band list, yes/no words or a proportion — or a refusal when the
//! clauses do not fit one reading.

use super::super::cond::{self, Incl, Interval, Shape};
use super::super::text::{Unit, contains, starts, string};
use super::super::{Award, Bands, Better, Form, Level, Linear, Measure, Partial, Step};
use super::{Limits, NEGATIONS, Piece};
use crate::units::number::Number;

/// Words that make a clause a requirement of its own (`有日常使用记录`),
/// which a numeric condition beside it would silently drop.
const REQUIREMENTS: &[&str] = &["有", "无", "未", "并", "且", "是否", "要求", "符合"];

/// Phrases that make the indicator's target the standard.
const TARGET_PHRASES: &[&str] = &[
    "完成指标值",
    "达到指标值",
    "达到目标值",
    "完成目标值",
    "完成年度目标",
    "完成绩效目标",
    "完成目标",
    "达到目标",
    "达标",
    "完成指标",
    "达到指标",
    "完成任务",
];

/// Refuses a numeric condition that has another, wordy requirement in a
/// clause of its own: `有日常使用记录,坏损率不超过30%`.
fn lone_number(cond: &[char]) -> Result<(), String> {
    let parts: Vec<&[char]> = cond.split(|ch| *ch == ',').collect();
    let wordy = |p: &&[char]| !p.iter().any(char::is_ascii_digit) && REQUIREMENTS.iter().any(|w| contains(p, w));
    if parts.len() > 1 && parts.iter().any(wordy) {
        return Err(format!("条件“{}”除了数字还有一项文字要求，一个实际完成值判断不了", string(cond)));
    }
    Ok(())
}

fn measure_of(unit: &Unit) -> Option<Measure> {
    match unit {
        Unit::Percent => Some(Measure::Percent),
        Unit::Word(u) => Some(Measure::Count(u.clone())),
        Unit::Bare | Unit::Score => None,
    }
}

/// Puts the clauses together; also returns the full marks the clauses state.
pub(super) fn assemble(
    pieces: Vec<Piece>,
    partial: Option<Partial>,
    limits: &Limits,
) -> Result<(Form, Option<Number>), String> {
    let mut full = Vec::new();
    let (mut steps, mut levels, mut proportional) = (Vec::new(), Vec::new(), false);
    for piece in pieces {
        match piece {
            Piece::Full(n) => full.push(n),
            Piece::Proportional => proportional = true,
            Piece::Step { .. } => steps.push(piece),
            Piece::Level { .. } => levels.push(piece),
        }
    }
    let (form, stated) = match (steps.len(), proportional) {
        (0, true) if levels.is_empty() => (Form::Proportional, None),
        (0, true) => return Err("按比例得分又另写了分档，读不出以哪个为准".into()),
        (1, false) => linear(steps.remove(0), levels, partial, limits)?,
        (0, false) if !levels.is_empty() => levels_form(levels, limits)?,
        (0, false) => return Err("没写达到什么得几分".into()),
        _ => return Err("一句里有两种扣分办法，读不出以哪个为准".into()),
    };
    full.extend(stated);
    if full.windows(2).any(|w| w[0] != w[1]) {
        return Err("细则里写的满分前后不一致".into());
    }
    Ok((form, full.first().copied()))
}

/// A threshold with a deduction per step.
fn linear(
    step: Piece,
    levels: Vec<Piece>,
    partial: Option<Partial>,
    limits: &Limits,
) -> Result<(Form, Option<Number>), String> {
    let Piece::Step { prefix, better, size, unit, deduct, whole } = step else {
        return Err("扣分办法读不出".into());
    };
    let measure = measure_of(&unit).ok_or("扣分的单位读不出")?;
    let mut thresholds: Vec<Number> = limits.standard.into_iter().collect();
    if let Some(c) = cond::read(&prefix, Some(&measure))? {
        if c.shape == Shape::Range {
            return Err("扣分的起点是一个区间，读不准".into());
        }
        thresholds.push(c.value);
    }
    let (mut cutoff, mut stated, mut seen_full) = (None, None, false);
    for level in levels {
        let Piece::Level { cond, award, .. } = level else { continue };
        let read = cond::read(&cond, Some(&measure))?;
        match award {
            Award::Zero => {
                let c = read.ok_or("不得分的条件读不出")?;
                if cutoff.is_some() || matches!(c.shape, Shape::Bare) {
                    return Err("不得分的条件读不准".into());
                }
                let mut iv = c.interval;
                for b in [iv.lo.as_mut(), iv.hi.as_mut()].into_iter().flatten() {
                    if b.incl == Incl::Default {
                        b.incl = Incl::Yes;
                    }
                }
                cutoff = Some(iv);
            }
            Award::Full | Award::Points(_) => {
                if seen_full {
                    return Err("写了两个得满分的条件".into());
                }
                seen_full = true;
                if let Award::Points(n) = award {
                    stated = Some(n);
                }
                if let Some(c) = read {
                    lone_number(&cond)?;
                    let fits = match c.shape {
                        Shape::Lower => better == Better::Higher,
                        Shape::Upper => better == Better::Lower,
                        Shape::Bare | Shape::Point => true,
                        Shape::Range => false,
                    };
                    if !fits {
                        return Err("得满分的条件与扣分方向相反".into());
                    }
                    thresholds.push(c.value);
                }
            }
            Award::Deduct(_) => return Err("扣分办法与另一条扣分写法并存，读不出以哪个为准".into()),
        }
    }
    if thresholds.windows(2).any(|w| w[0] != w[1]) {
        return Err("得满分的标准前后写得不一样".into());
    }
    let partial = if whole { Partial::Whole } else { partial.unwrap_or(Partial::Ignore) };
    let linear = Linear {
        better,
        measure,
        threshold: thresholds.first().copied(),
        strict: false,
        step: Some(Step { size, deduct, partial }),
        cutoff,
        floor: limits.floor.unwrap_or(Number::ZERO),
        max_deduction: limits.cap,
    };
    Ok((Form::Linear(linear), stated))
}

/// Rules of levels only: one threshold, a band list, or yes/no words.
fn levels_form(levels: Vec<Piece>, limits: &Limits) -> Result<(Form, Option<Number>), String> {
    let mut read = Vec::new();
    for level in levels {
        let Piece::Level { cond, award, bare } = level else { continue };
        let c = cond::read(&cond, None)?;
        if c.is_some() {
            lone_number(&cond)?;
        }
        read.push((cond, award, bare, c));
    }
    let numeric = read.iter().filter(|r| r.3.is_some()).count();
    if numeric == 0 {
        return text_levels(read, limits);
    }
    if numeric != read.len() {
        return Err("数字条件与文字条件混在一起，读不准".into());
    }
    if read.iter().any(|r| matches!(r.1, Award::Deduct(_))) {
        return Err("分档里写了扣分，读不出从几分扣起".into());
    }
    let units: Vec<Unit> = read.iter().filter_map(|r| r.3.as_ref()).map(|c| c.unit.clone()).collect();
    let mut named = units.iter().filter(|u| **u != Unit::Bare);
    let unit = named.next().cloned().unwrap_or(Unit::Percent);
    if named.any(|u| *u != unit) {
        return Err("各档的单位不一致".into());
    }
    let measure = measure_of(&unit).ok_or("分档的单位读不出")?;
    let stated = points_max(read.iter().map(|r| r.1));
    if read.len() == 1 {
        let (_, award, _, c) = read.remove(0);
        let c = c.ok_or("条件读不出")?;
        let threshold = |better, strict| {
            let floor = limits.floor.unwrap_or(Number::ZERO);
            let l = Linear {
                better,
                measure: measure.clone(),
                threshold: Some(c.value),
                strict,
                step: None,
                cutoff: None,
                floor,
                max_deduction: None,
            };
            Ok((Form::Linear(l), stated))
        };
        let incl = c.interval.lo.or(c.interval.hi).map(|b| b.incl);
        match (award, c.shape) {
            (Award::Zero, Shape::Lower) => return threshold(Better::Lower, incl != Some(Incl::No)),
            (Award::Zero, Shape::Upper) => return threshold(Better::Higher, incl != Some(Incl::No)),
            (_, Shape::Lower) => return threshold(Better::Higher, incl == Some(Incl::No)),
            (_, Shape::Upper) => return threshold(Better::Lower, incl == Some(Incl::No)),
            (Award::Zero, Shape::Bare) => return Err("只写了不得分的数，没写是以上还是以下".into()),
            (_, Shape::Bare) if c.value.is_zero() => return Err("“0”得满分，读不出是上限还是下限".into()),
            (_, Shape::Bare) => return threshold(Better::Higher, false),
            _ => read.push((Vec::new(), award, false, Some(c))),
        }
    }
    if read.iter().any(|r| r.3.as_ref().is_some_and(|c| c.shape == Shape::Bare)) {
        return Err("分档里有的数没写是以上还是以下".into());
    }
    let mut intervals: Vec<Interval> = read.iter().filter_map(|r| r.3.as_ref()).map(|c| c.interval.clone()).collect();
    cond::resolve(&mut intervals);
    let bands = intervals.into_iter().zip(read.iter().map(|r| r.1)).collect();
    Ok((Form::Bands(Bands { measure, bands }), stated))
}

/// The largest stated points, unless some level says 满分 (then it is unsaid).
fn points_max(awards: impl Iterator<Item = Award>) -> Option<Number> {
    let mut max = None;
    for award in awards {
        match award {
            Award::Full => return None,
            Award::Points(n) => max = Some(max.map_or(n, |m: Number| m.max(n))),
            Award::Zero | Award::Deduct(_) => {}
        }
    }
    max
}

/// Yes/no words: 有得5分，无不得分; or 完成指标值得满分 (the target as threshold).
fn text_levels(
    read: Vec<(Vec<char>, Award, bool, Option<cond::Cond>)>,
    limits: &Limits,
) -> Result<(Form, Option<Number>), String> {
    let negative = |c: &[char]| NEGATIONS.iter().any(|w| starts(c, 0, w));
    let target_level = |c: &[char]| TARGET_PHRASES.iter().any(|w| contains(c, w)) && !negative(c);
    let positives: Vec<_> = read.iter().filter(|r| !matches!(r.1, Award::Zero)).collect();
    let others_fail = read.iter().filter(|r| matches!(r.1, Award::Zero)).all(|r| negative(&r.0));
    if positives.len() == 1
        && target_level(&positives[0].0)
        && others_fail
        && !matches!(positives[0].1, Award::Deduct(_))
    {
        let stated = points_max(std::iter::once(positives[0].1));
        let floor = limits.floor.unwrap_or(Number::ZERO);
        let l = Linear {
            better: Better::Higher,
            measure: Measure::AsWritten,
            threshold: None,
            strict: false,
            step: None,
            cutoff: None,
            floor,
            max_deduction: None,
        };
        return Ok((Form::Linear(l), stated));
    }
    if read.iter().any(|r| r.2) {
        return Err("有一档只写了分数，没写“得”还是“扣”".into());
    }
    let mut levels: Vec<Level> = Vec::new();
    for (cond, award, _, _) in &read {
        let key = string(cond);
        if key.is_empty() {
            return Err("有一档没写条件".into());
        }
        levels.push(Level { key, award: *award, implied: false });
    }
    if levels.iter().all(|l| negative(&l.key.chars().collect::<Vec<_>>())) {
        // `未公示的扣0.5分`: the rule only says what loses points.
        let implied: Vec<Level> = levels
            .iter()
            .map(|l| Level { key: l.key.chars().skip(1).collect(), award: Award::Full, implied: true })
            .collect();
        levels.extend(implied);
    }
    let stated = points_max(levels.iter().filter(|l| !l.implied).map(|l| l.award));
    Ok((Form::Levels(levels), stated))
}
