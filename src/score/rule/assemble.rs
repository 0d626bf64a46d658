//! Putting the parts of a rule together into one [`Scheme`]: a scale on one
//! measure (thresholds, bands, a step, what scores otherwise), conditions
//! in words, or items tallied one by one — or a refusal when the parts do
//! not fit one reading.

use super::clause::{Kind, Part, StepPart};
use super::cond::{self, Cond, Incl, Interval, Shape};
use super::text::{Unit, contains, string};
use super::{Award, Better, Effect, Item, Level, Measure, Otherwise, Partial, Scale, Scheme, Step, Tally};
use crate::units::number::Number;

/// What the limit phrases say: 扣完为止, 最低得X分, 最多扣X分, 满分X分.
#[derive(Default)]
pub(super) struct Limits {
    pub floor: Option<Number>,
    pub cap: Option<Number>,
    pub full: Option<Number>,
    pub standard: Option<Number>,
}

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
    "达到预期",
    "达标",
    "完成指标",
    "达到指标",
    "完成任务",
    "完成年度任务",
    "完成年度计划",
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

pub(super) fn measure_of(unit: &Unit) -> Option<Measure> {
    match unit {
        Unit::Percent => Some(Measure::Percent),
        Unit::Times => Some(Measure::Times),
        Unit::Word(u) => Some(Measure::Count(u.clone())),
        Unit::Bare | Unit::Score => None,
    }
}

/// A level's condition: numeric (`≥90%`, `80%-90%`, `2倍以上`) or words
/// (`有`, `发现有1个对象未公示` — a lone count of one is words).
fn numeric(cond: &[char], want: Option<&Measure>) -> Result<Option<Cond>, String> {
    match cond::read(cond, want)? {
        Some(c) if c.shape == Shape::Bare && c.unit != Unit::Percent && c.unit != Unit::Times => {
            // `有1人得3分`, `1个对象未公示`: a count without a comparison is a word condition,
            // unless it is all the condition says (`=0`, `100%` handled above).
            let only_number = cond.iter().filter(|ch| !ch.is_ascii_digit() && **ch != '.').count() <= 2;
            Ok(only_number.then_some(c))
        }
        other => Ok(other),
    }
}

/// Puts the parts together; also returns the full marks they state.
pub(super) fn assemble(
    parts: Vec<Part>,
    partial: Option<Partial>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let mut full = Vec::new();
    let (mut steps, mut levels, mut formulas, mut otherwise) = (Vec::new(), Vec::new(), Vec::new(), None);
    for part in parts {
        match part {
            Part::Full(n) => full.push(n),
            Part::Formula(f) => formulas.push(f),
            Part::Step(s) => steps.push(s),
            Part::Level { cond, award } => levels.push((cond, award)),
            Part::Otherwise(o) => {
                if otherwise.is_some() {
                    return Err("写了两个“否则”".into());
                }
                otherwise = Some(o);
            }
        }
    }
    if let Some(f) = formulas.pop() {
        if !formulas.is_empty() || !steps.is_empty() {
            return Err("一句里有几种计分办法，读不出以哪个为准".into());
        }
        if otherwise.is_some() {
            return Err("公式之外又写了“否则”，读不出以哪个为准".into());
        }
        otherwise = Some(Otherwise::Formula(f));
    }
    let (scheme, stated) = match (steps.len(), &otherwise) {
        (0, Some(Otherwise::Formula(_))) => scale_of_levels(levels, otherwise, limits)?,
        (1, _) if single_measure(&levels, &steps[0])? => {
            let step = steps.remove(0);
            stepped(step, levels, otherwise, partial, limits)?
        }
        (0, _) => levels_only(levels, otherwise, limits)?,
        _ => tally(steps, levels, otherwise, limits)?,
    };
    full.extend(stated);
    if full.windows(2).any(|w| w[0] != w[1]) {
        return Err("细则里写的满分前后不一致".into());
    }
    Ok((scheme, full.first().copied()))
}

/// Whether a step and the levels beside it speak of one measure: no level
/// takes points on its own words (`无标识扣0.5分` beside `每处扣1分`).
fn single_measure(levels: &[(Vec<char>, Award)], step: &StepPart) -> Result<bool, String> {
    let measure = measure_of(&step.unit);
    for (cond, award) in levels {
        let is_numeric = numeric(cond, measure.as_ref())?.is_some();
        if !is_numeric && matches!(award, Award::Deduct(_) | Award::Judged | Award::Zero) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A measure with one step: a threshold and a change per unit beyond it,
/// cut-offs, the points at the threshold.
fn stepped(
    step: StepPart,
    levels: Vec<(Vec<char>, Award)>,
    otherwise: Option<Otherwise>,
    partial: Option<Partial>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let measure = measure_of(&step.unit).ok_or("扣分的单位读不出")?;
    let add = step.add;
    let (better, events) = match (step.kind, add) {
        (Kind::Event, false) => (Better::Lower, true),
        // Points per unit added: more is better (`每增加1人加1分`, `每篇计2分`).
        (Kind::Event, true) => (Better::Higher, true),
        (Kind::Gap(Better::Lower), true) => (Better::Higher, false),
        (Kind::Gap(b), _) => (b, false),
    };
    let nearer = better == Better::Nearer;
    let mut thresholds: Vec<Number> = if nearer { Vec::new() } else { limits.standard.into_iter().collect() };
    if !events
        && !nearer
        && let Some(c) = numeric(&step.prefix, Some(&measure))?
    {
        if c.shape == Shape::Range {
            return Err("扣分的起点是一个区间，读不准".into());
        }
        thresholds.push(c.value);
    }
    let (mut bands, mut stated, mut base, mut window) = (Vec::new(), None, None, None);
    for (cond, award) in levels {
        // `(2分, 1个部门0.5分)`: points with no condition are the full marks.
        if cond.is_empty() {
            match award {
                Award::Points(n) => stated = Some(n),
                Award::Full => {}
                _ => return Err("有一档没写条件".into()),
            }
            continue;
        }
        // `配备专职工作人员1名(3分)，每增加1人加1分`: the count the additions start from.
        let read = match cond::read(&cond, Some(&measure))? {
            Some(c) if add && c.shape == Shape::Bare => Some(c),
            _ => numeric(&cond, Some(&measure))?,
        };
        match (award, read) {
            (Award::Zero | Award::Judged | Award::Deduct(_), Some(c)) => {
                bands.push((included(c.interval), award));
            }
            (Award::Full | Award::Points(_), Some(c)) => {
                lone_number(&cond)?;
                // `在90%-110%之间得满分，每偏离1个百分点扣0.5分`: a span of full marks.
                if let (Shape::Range, Better::Nearer, Some(lo), Some(hi)) =
                    (c.shape, better, c.interval.lo, c.interval.hi)
                {
                    window = Some((lo.value, hi.value));
                    if let Award::Points(n) = award {
                        stated = Some(n);
                    }
                    continue;
                }
                let fits = match (c.shape, better) {
                    (Shape::Lower, Better::Higher) | (Shape::Upper, Better::Lower | Better::Nearer) => true,
                    (Shape::Bare | Shape::Point, _) => true,
                    _ => false,
                };
                if !fits {
                    return Err("得满分的条件与扣分方向相反".into());
                }
                let value = match c.interval.hi {
                    Some(hi) if better == Better::Nearer => hi.value,
                    _ => c.value,
                };
                thresholds.push(value);
                if let Award::Points(n) = award {
                    if add { base = Some(n) } else { stated = Some(n) }
                }
            }
            // A condition in words beside a step is the standard it states
            // (`两榜公示得1分，每发现1次未公示扣0.5分`): full marks when nothing is counted.
            (Award::Full | Award::Points(_), None) => {
                if let Award::Points(n) = award {
                    if add { base = Some(n) } else { stated = Some(n) }
                }
            }
            (_, None) => return Err(format!("“{}”与扣分办法并存，读不出以哪个为准", string(&cond))),
        }
    }
    if thresholds.windows(2).any(|w| w[0] != w[1]) {
        return Err("得满分的标准前后写得不一样".into());
    }
    let partial = if step.whole { Partial::Whole } else { partial.unwrap_or(Partial::Ignore) };
    let default_otherwise = if add { Otherwise::Unsaid } else { Otherwise::Zero };
    let scale = Scale {
        measure,
        better,
        bands,
        threshold: thresholds.first().copied(),
        standard: if nearer { limits.standard } else { None },
        window,
        strict: false,
        step: Some(Step {
            size: step.size,
            amount: step.amount,
            add: add.then(|| base.unwrap_or(Number::ZERO)),
            partial,
        }),
        otherwise: otherwise.unwrap_or(default_otherwise),
        floor: limits.floor.unwrap_or(Number::ZERO),
        cap: limits.cap,
        events,
        // What is counted, named in full: `投诉` and `发生` of `投诉每发生1起`.
        counted: if events {
            string(&[step.prefix.as_slice(), step.event.as_slice()].concat())
        } else {
            string(&step.event)
        },
    };
    Ok((Scheme::Scale(scale), stated))
}

/// An unsaid end of a cut-off includes its number: `迟报四天及以上不得分`.
fn included(mut iv: Interval) -> Interval {
    for b in [iv.lo.as_mut(), iv.hi.as_mut()].into_iter().flatten() {
        if b.incl == Incl::Default {
            b.incl = Incl::Yes;
        }
    }
    iv
}

/// Rules of levels only: a threshold, a band list, words, or items.
fn levels_only(
    levels: Vec<(Vec<char>, Award)>,
    otherwise: Option<Otherwise>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let mut read = Vec::new();
    for (cond, award) in levels {
        let c = numeric(&cond, None)?;
        if c.is_some() {
            lone_number(&cond)?;
        }
        read.push((cond, award, c));
    }
    let count = read.iter().filter(|r| r.2.is_some()).count();
    if count == 0 {
        return word_levels(read, otherwise, limits);
    }
    if count != read.len() {
        // `入户率100%计0.5分，按规定时间申报计0.5分`: items, some measured.
        if read.iter().all(|r| matches!(r.1, Award::Points(_))) {
            let items = read.into_iter().map(|(cond, award, _)| (cond, Effect::Once(award)));
            return Ok((Scheme::Tally(tally_of(items, true, limits)), None));
        }
        return Err("数字条件与文字条件混在一起，读不准".into());
    }
    scale_of_levels(read.into_iter().map(|(cond, award, _)| (cond, award)).collect(), otherwise, limits)
}

/// Numeric levels on one measure: a lone threshold or a band list, and
/// what scores otherwise (a formula, 0, full marks).
fn scale_of_levels(
    levels: Vec<(Vec<char>, Award)>,
    otherwise: Option<Otherwise>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let share = matches!(&otherwise, Some(Otherwise::Formula(f)) if f.share);
    let mut read = Vec::new();
    for (cond, award) in levels {
        let mut c = numeric(&cond, None)?.ok_or_else(|| format!("条件“{}”读不出数", string(&cond)))?;
        // `若调剂金额/预算数>0.1`: beside a share, a bare fraction is a percentage.
        if share && c.unit == Unit::Bare {
            if c.value > Number::from_int(1) {
                return Err(format!("条件“{}”的数没写单位，读不出是比例还是百分数", string(&cond)));
            }
            c = c.times_hundred();
        }
        read.push((award, c));
    }
    if read.iter().any(|r| r.0 == Award::Judged) && read.len() == 1 && otherwise.is_none() {
        return Err("唯一的一档要人来判断".into());
    }
    let units: Vec<Unit> = read.iter().map(|r| r.1.unit.clone()).collect();
    let mut named = units.iter().filter(|u| **u != Unit::Bare);
    let unit = named.next().cloned().unwrap_or(match &otherwise {
        Some(Otherwise::Formula(f)) if !f.share => Unit::Bare,
        _ => Unit::Percent,
    });
    if named.any(|u| *u != unit) {
        return Err("各档的单位不一致".into());
    }
    let measure = measure_of(&unit).unwrap_or(Measure::AsWritten);
    let stated = points_max(read.iter().map(|r| r.0));
    let floor = limits.floor.unwrap_or(Number::ZERO);
    let base = |better, threshold, strict, otherwise| Scale {
        measure: measure.clone(),
        better,
        bands: Vec::new(),
        threshold,
        standard: None,
        window: None,
        strict,
        step: None,
        otherwise,
        floor,
        cap: limits.cap,
        events: false,
        counted: String::new(),
    };
    if read.is_empty() {
        let otherwise = otherwise.unwrap_or(Otherwise::Unsaid);
        return Ok((Scheme::Scale(base(Better::Higher, None, false, otherwise)), None));
    }
    if let ([(award, c)], None) = (read.as_slice(), &otherwise) {
        let incl = c.interval.lo.or(c.interval.hi).map(|b| b.incl);
        let one =
            |better, strict, otherwise| Ok((Scheme::Scale(base(better, Some(c.value), strict, otherwise)), stated));
        match (award, c.shape) {
            (Award::Zero, Shape::Lower) => return one(Better::Lower, incl != Some(Incl::No), Otherwise::Zero),
            (Award::Zero, Shape::Upper) => return one(Better::Higher, incl != Some(Incl::No), Otherwise::Zero),
            (Award::Full | Award::Points(_), Shape::Lower) => {
                return one(Better::Higher, incl == Some(Incl::No), Otherwise::Zero);
            }
            (Award::Full | Award::Points(_), Shape::Upper) => {
                return one(Better::Lower, incl == Some(Incl::No), Otherwise::Zero);
            }
            (Award::Zero, Shape::Bare) => return Err("只写了不得分的数，没写是以上还是以下".into()),
            (_, Shape::Bare) if c.value.is_zero() => return Err("“0”得满分，读不出是上限还是下限".into()),
            (Award::Full | Award::Points(_), Shape::Bare) => return one(Better::Higher, false, Otherwise::Zero),
            _ => {}
        }
    }
    // `100%符合：5分，80%符合：4分，低于80%不得分`: bare numbers falling
    // from the top, closed by a cut-off below, are each a lower bound.
    let bare = read.iter().filter(|r| r.1.shape == Shape::Bare).count();
    let falling = read.windows(2).all(|w| w[0].1.value > w[1].1.value || w[1].1.shape == Shape::Upper);
    let closed_below = read.last().is_some_and(|r| r.1.shape == Shape::Upper);
    if bare > 0 && bare + 1 == read.len() && falling && closed_below {
        for r in read.iter_mut().filter(|r| r.1.shape == Shape::Bare) {
            r.1.shape = Shape::Lower;
            r.1.interval = Interval { lo: Some(cond::Bound { value: r.1.value, incl: Incl::Yes }), hi: None };
        }
    }
    if read.iter().any(|r| r.1.shape == Shape::Bare) {
        return Err("分档里有的数没写是以上还是以下".into());
    }
    let mut intervals: Vec<Interval> = read.iter().map(|r| r.1.interval.clone()).collect();
    cond::resolve(&mut intervals);
    let bands: Vec<(Interval, Award)> = intervals.into_iter().zip(read.iter().map(|r| r.0)).collect();
    let otherwise = otherwise.unwrap_or(if bands.iter().all(|(_, a)| *a == Award::Zero) {
        Otherwise::Full
    } else if bands.iter().any(|(_, a)| matches!(a, Award::Deduct(_))) {
        // `5%以内扣1分，5%-10%扣3分`: under every band nothing is taken.
        Otherwise::Full
    } else {
        Otherwise::Zero
    });
    let better = match &otherwise {
        Otherwise::Formula(f) if f.expr.x_below() || f.expr.x_subtracted() => Better::Lower,
        _ => Better::Higher,
    };
    let mut scale = base(better, None, false, otherwise);
    scale.bands = bands;
    Ok((Scheme::Scale(scale), stated))
}

/// The largest stated points, unless some level says 满分 (then it is unsaid).
fn points_max(awards: impl Iterator<Item = Award>) -> Option<Number> {
    let mut max = None;
    for award in awards {
        match award {
            Award::Full => return None,
            Award::Points(n) => max = Some(max.map_or(n, |m: Number| m.max(n))),
            Award::Zero | Award::Deduct(_) | Award::Judged => {}
        }
    }
    max
}

/// Conditions in words: 完成指标值得满分 (the target as threshold), 有/无
/// levels, or deductions one by one.
fn word_levels(
    read: Vec<(Vec<char>, Award, Option<Cond>)>,
    otherwise: Option<Otherwise>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let negative = |c: &[char]| super::words::negated(&string(c));
    // `完成年度高效节水灌溉面积目标任务的`: completing what was set.
    let reaches = |c: &[char]| {
        ["完成", "达到"].iter().any(|w| contains(c, w)) && ["任务", "目标", "指标"].iter().any(|w| contains(c, w))
    };
    let target_level = |c: &[char]| (TARGET_PHRASES.iter().any(|w| contains(c, w)) || reaches(c)) && !negative(c);
    let positives: Vec<_> = read.iter().filter(|r| matches!(r.1, Award::Full | Award::Points(_))).collect();
    let failing = read.iter().filter(|r| !matches!(r.1, Award::Full | Award::Points(_))).all(|r| negative(&r.0));
    if let [one] = positives.as_slice()
        && target_level(&one.0)
        && failing
        && matches!(otherwise, None | Some(Otherwise::Zero))
    {
        let stated = points_max(std::iter::once(one.1));
        let scale = Scale {
            measure: Measure::AsWritten,
            better: Better::Higher,
            bands: Vec::new(),
            threshold: None,
            standard: None,
            window: None,
            strict: false,
            step: None,
            otherwise: Otherwise::Zero,
            floor: limits.floor.unwrap_or(Number::ZERO),
            cap: None,
            events: false,
            counted: String::new(),
        };
        return Ok((Scheme::Scale(scale), stated));
    }
    if read.iter().any(|r| r.0.is_empty()) {
        return Err("有一档没写条件".into());
    }
    // Deductions beside no level they are the opposite of (`无标识扣0.5分`,
    // `延期换届扣1分`): each taken when the actual says it happened. A
    // deduction that is the opposite of a level (`齐全得2分，不齐全扣2分`)
    // is a level of its own.
    let opposite_of_a_level = |cond: &[char]| {
        let key = string(cond);
        read.iter()
            .filter(|r| matches!(r.1, Award::Full | Award::Points(_)))
            .any(|r| super::words::fit(&string(&r.0), &key) == super::words::Fit::Opposite)
    };
    let lone_deductions = read.iter().any(|r| matches!(r.1, Award::Deduct(_)) && !opposite_of_a_level(&r.0));
    if lone_deductions {
        let items = read.into_iter().map(|(cond, award, _)| (cond, Effect::Once(award)));
        let mut tally = tally_of(items, false, limits);
        tally.otherwise = otherwise;
        return Ok((Scheme::Tally(tally), None));
    }
    let mut levels: Vec<Level> =
        read.iter().map(|(cond, award, _)| Level { key: string(cond), award: *award, implied: false }).collect();
    match otherwise {
        None => {}
        Some(Otherwise::Zero) => levels.push(Level { key: String::new(), award: Award::Zero, implied: true }),
        Some(Otherwise::Judged) => levels.push(Level { key: String::new(), award: Award::Judged, implied: true }),
        Some(_) => return Err("“否则”的写法读不准".into()),
    }
    if levels.iter().all(|l| l.key.is_empty() || negative(&l.key.chars().collect::<Vec<_>>())) {
        // `未公示的不得分`: the rule only says what loses points.
        let implied: Vec<Level> = levels
            .iter()
            .filter_map(|l| super::words::implied_positive(&l.key))
            .map(|key| Level { key, award: Award::Full, implied: true })
            .collect();
        levels.extend(implied);
    }
    // Several levels of points only may be added up or be one of them: the
    // indicator's points decide when it is scored.
    let points: Vec<Number> = levels
        .iter()
        .filter_map(|l| match l.award {
            Award::Points(n) if !l.implied => Some(n),
            _ => None,
        })
        .collect();
    let undecided = points.len() > 1 && !levels.iter().any(|l| matches!(l.award, Award::Full | Award::Deduct(_)));
    let stated = if undecided { None } else { points_max(levels.iter().filter(|l| !l.implied).map(|l| l.award)) };
    Ok((Scheme::Words(levels), stated))
}

/// Several steps and deductions: each an item of its own.
fn tally(
    steps: Vec<StepPart>,
    levels: Vec<(Vec<char>, Award)>,
    otherwise: Option<Otherwise>,
    limits: &Limits,
) -> Result<(Scheme, Option<Number>), String> {
    let additive = steps.iter().all(|s| s.add) && levels.iter().all(|(_, a)| matches!(a, Award::Points(_)));
    let mut items: Vec<(Vec<char>, Effect)> = Vec::new();
    for s in steps {
        if let Kind::Gap(_) = s.kind
            && numeric(&s.prefix, measure_of(&s.unit).as_ref())?.is_some()
        {
            return Err("一句里有几种扣分办法，其中之一有自己的标准，读不准".into());
        }
        let mut key = s.prefix.clone();
        if s.event != s.prefix {
            key.extend(s.event.iter());
        }
        items.push((key, Effect::PerUnit { size: s.size, amount: s.amount, add: s.add, unit: s.unit.clone() }));
    }
    items.extend(levels.into_iter().map(|(cond, award)| (cond, Effect::Once(award))));
    let mut tally = tally_of(items.into_iter(), additive, limits);
    tally.otherwise = otherwise;
    Ok((Scheme::Tally(tally), None))
}

fn tally_of(items: impl Iterator<Item = (Vec<char>, Effect)>, additive: bool, limits: &Limits) -> Tally {
    Tally {
        items: items.map(|(key, effect)| Item { key: string(&key), effect }).collect(),
        additive,
        floor: limits.floor.unwrap_or(Number::ZERO),
        cap: limits.cap,
        otherwise: None,
    }
}
