//! One clause of a rule read into a [`Part`]: a condition and what it
//! earns (`达到90%得15分`, `未建立的扣2分`, `充分：3分`), a change per unit
//! (`每少1个百分点扣1分`, `迟报一天扣1分`, `每处扣1分`, `每增加1人加1分`),
//! a formula, a stated full mark, or what scores otherwise.

use super::formula::{self, Formula};
use super::text::{Unit, contains, ends, number_at, starts, string, unit_at};
use super::{Award, Better, Otherwise};
use crate::units::number::Number;

/// A clause, read.
#[derive(Debug, Clone)]
pub(super) enum Part {
    /// `(condition)得15分`, `不得分`, `扣2分`, `酌情扣分`, `充分：3分`.
    Level { cond: Vec<char>, award: Award },
    /// So many points per unit: `(prefix)每少1个百分点扣1分`.
    Step(StepPart),
    /// `按完成比例得分`, `得分=完成率×分值`, `次数/7*2`.
    Formula(Formula),
    /// `满分10分`.
    Full(Number),
    /// `否则不得分`, `其他不得分`, `否则酌情扣分` (a proportion is a formula).
    Otherwise(Otherwise),
}

#[derive(Debug, Clone)]
pub(super) struct StepPart {
    /// What stands before the step: a standard (`达到90%以上得满分`) or the
    /// thing that goes wrong (`表内项目`).
    pub prefix: Vec<char>,
    /// The words of what is counted: `迟报`, `错`, `漏填项目`, `逻辑审核错误`.
    pub event: Vec<char>,
    pub kind: Kind,
    pub size: Number,
    pub unit: Unit,
    pub amount: Number,
    /// Points added per step (`加1分`, `每篇计2分`), not taken.
    pub add: bool,
    /// `以内`: a partial step counts whole.
    pub whole: bool,
}

/// What a step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A shortfall or an excess against a standard.
    Gap(Better),
    /// Something that went wrong, from none: 迟报一天, 每发现一处, 错一笔.
    Event,
}

/// Verbs of a step and the way they make better, the longer first so
/// `低于` is not read as `低`.
const VERBS: &[(&str, Kind)] = &[
    ("增加或降低", Kind::Gap(Better::Nearer)),
    ("增加或减少", Kind::Gap(Better::Nearer)),
    ("上下浮动", Kind::Gap(Better::Nearer)),
    ("相差", Kind::Gap(Better::Nearer)),
    ("偏离", Kind::Gap(Better::Nearer)),
    ("偏差", Kind::Gap(Better::Nearer)),
    ("迟报", Kind::Event),
    ("迟交", Kind::Event),
    ("迟到", Kind::Event),
    ("延迟", Kind::Event),
    ("延期", Kind::Event),
    ("逾期", Kind::Event),
    ("推迟", Kind::Event),
    ("滞后", Kind::Event),
    ("迟", Kind::Event),
    ("发现", Kind::Event),
    ("出现", Kind::Event),
    ("查实", Kind::Event),
    ("发生", Kind::Event),
    ("低于", Kind::Gap(Better::Higher)),
    ("下降", Kind::Gap(Better::Higher)),
    ("降低", Kind::Gap(Better::Higher)),
    ("减少", Kind::Gap(Better::Higher)),
    ("缺少", Kind::Gap(Better::Higher)),
    ("超过", Kind::Gap(Better::Lower)),
    ("超出", Kind::Gap(Better::Lower)),
    ("高于", Kind::Gap(Better::Lower)),
    ("高出", Kind::Gap(Better::Lower)),
    ("增加", Kind::Gap(Better::Lower)),
    ("上升", Kind::Gap(Better::Lower)),
    ("提高", Kind::Gap(Better::Lower)),
    ("少", Kind::Gap(Better::Higher)),
    ("低", Kind::Gap(Better::Higher)),
    ("减", Kind::Gap(Better::Higher)),
    ("缺", Kind::Gap(Better::Higher)),
    ("差", Kind::Gap(Better::Higher)),
    ("超", Kind::Gap(Better::Lower)),
    ("高", Kind::Gap(Better::Lower)),
    ("增", Kind::Gap(Better::Lower)),
    ("多", Kind::Gap(Better::Lower)),
];

/// The words that take points, and those that give them.
const TAKE: &[&str] = &["扣除", "扣", "减"];
const GIVE: &[&str] = &["加", "计", "得", "记"];

pub(super) fn classify(m: &[char]) -> Result<Part, String> {
    let clause = string(m);
    let m = &strip_note(m);
    if let Some(full) = full_statement(m) {
        return Ok(Part::Full(full));
    }
    if let Some(otherwise) = otherwise(m) {
        return Ok(Part::Otherwise(otherwise));
    }
    if let Some(formula) = formula::read(m)? {
        return Ok(Part::Formula(formula));
    }
    if let Some(step) = step(m)? {
        return Ok(Part::Step(step));
    }
    if each_at(m).is_some() && TAKE.iter().any(|w| contains(m, w)) && !judged_end(m) {
        return Err(format!("“{clause}”的扣分办法读不出"));
    }
    let (cond, award) = split_score(m).ok_or_else(|| format!("“{clause}”读不出得几分"))?;
    Ok(Part::Level { cond, award })
}

/// `满分10分`, `满分为10分`, `此项满分5分` with nothing numeric before it.
fn full_statement(m: &[char]) -> Option<Number> {
    let at = (0..m.len()).rev().find(|&i| starts(m, i, "满分"))?;
    if m[..at].iter().any(char::is_ascii_digit) {
        return None;
    }
    let mut k = at + 2;
    if starts(m, k, "为") {
        k += 1;
    }
    let (n, end) = number_at(m, k).ok().flatten()?;
    (end + 1 == m.len() && m[end] == '分').then_some(n)
}

/// `否则不得分`, `其他不得分`, `否则按完成比例计分`, `否则酌情扣分`.
fn otherwise(m: &[char]) -> Option<Otherwise> {
    let rest = ["否则", "其他的", "其他", "其余的", "其余", "以下的"].iter().find(|w| starts(m, 0, w))?;
    let rest = &m[rest.chars().count()..];
    let rest = if starts(rest, 0, ",") { &rest[1..] } else { rest };
    if judged_end(rest) {
        Some(Otherwise::Judged)
    } else if let Ok(Some(formula)) = formula::read(rest) {
        Some(Otherwise::Formula(formula))
    } else if ZERO.iter().any(|w| ends(rest, w)) {
        Some(Otherwise::Zero)
    } else if FULL.iter().any(|w| ends(rest, w)) {
        Some(Otherwise::Full)
    } else {
        None
    }
}

/// Whether a clause ends in a person's judgement: `酌情扣分`, `视情况扣分`.
pub(super) fn judged_end(m: &[char]) -> bool {
    let judged = ["酌情", "视情况", "视情", "视具体情况", "适当扣分", "据实"];
    judged.iter().any(|w| contains(m, w)) && ends(m, "分")
}

/// The verb of a step at `i`, if any.
fn verb_at(m: &[char], i: usize) -> Option<(&'static str, Kind)> {
    VERBS.iter().find(|(v, _)| starts(m, i, v)).copied()
}

/// A change per unit. With `每`: `每少1个百分点扣1分`, `每处扣1分`,
/// `每一处逻辑审核错误扣1分`, `每增加1人加1分`, `每篇计2分`. Without, a
/// count of one: `迟报一天扣1分`, `少一次扣2.5分`, `出现1例未处理扣2分`,
/// `1处不合格扣0.5分`, `1个部门0.5分`. `Ok(None)` when the clause is not one.
fn step(m: &[char]) -> Result<Option<StepPart>, String> {
    let Some((amount_at, amount, word)) = trailing_amount(m) else { return Ok(None) };
    let body = &m[..amount_at];
    let each = each_at(body);
    // `(3分)` after a condition is what the condition earns.
    let bracketed = m.iter().rev().find(|c| !matches!(c, ',' | '的')) == Some(&')');
    let add = word.is_none_or(|w| !TAKE.contains(&w));
    match (each, word) {
        // `有1人得3分` is a condition; `1个部门0.5分` counts.
        (None, Some(w)) if !TAKE.contains(&w) => return Ok(None),
        (None, None) if bracketed => return Ok(None),
        // `每降低10%5分`: neither 扣 nor 加.
        (Some(_), None) => return Ok(None),
        _ => {}
    }
    let count = match each {
        Some(k) => count_after(body, k + 1),
        None => lone_one(body),
    };
    let Some(Counted { verb_at: v, number_at: at, size, unit, end }) = count else { return Ok(None) };
    if !is_measure(&unit) || size.is_zero() {
        return Ok(None);
    }
    // A bound or another number after the count makes it a condition:
    // `1人以上得1分`, `每个社区服务项目不少于15个`.
    let bounded = ["以上", "以下", "以外", "不足", "不到"].iter().any(|w| starts(body, end, w))
        || (each.is_none() && starts(body, end, "以内"));
    if bounded || body[end..].iter().any(char::is_ascii_digit) {
        return Ok(None);
    }
    // `每篇计2分` counts; `每个社区…工作开展良好得3分` is a condition.
    if add && word.is_some_and(|w| w != "加") && body.len() - end > 4 {
        return Ok(None);
    }
    let whole = each.is_some() && ["以内", "及以内"].iter().any(|w| starts(body, end, w));
    let verb = v.and_then(|i| verb_at(body, i));
    let start = each.unwrap_or(v.unwrap_or(at));
    let prefix = trim(&body[..start]);
    let after: Vec<char> = body[end..].iter().copied().skip_while(|c| "以内及".contains(*c)).collect();
    let kind = verb.map_or(Kind::Event, |(_, kind)| kind);
    let mut event: Vec<char> = verb.map(|(w, _)| w.chars().collect()).unwrap_or_default();
    event.extend(trim(&after));
    if event.is_empty() {
        event = prefix.clone();
    }
    Ok(Some(StepPart { prefix, event, kind, size, unit, amount, add, whole }))
}

/// The last `每` that counts (`每处`, `每少1人`), not one of a period
/// (`每季度`, `每月`).
fn each_at(m: &[char]) -> Option<usize> {
    (0..m.len()).rev().find(|&k| m[k] == '每' && !PERIODS.iter().any(|p| starts(m, k + 1, p)))
}

/// A bracketed note at the end of a clause that scores nothing:
/// `每次扣1分(特殊情况除外)`.
fn strip_note(m: &[char]) -> Vec<char> {
    let mut m = m.to_vec();
    if m.last() == Some(&')')
        && let Some(open) = m.iter().rposition(|c| *c == '(')
        && !m[open..].iter().any(|c| c.is_ascii_digit() || *c == '分')
        && open > 0
    {
        m.truncate(open);
    }
    m
}

/// Words after `每` that make it "every period": `每季度`, `每月`, `每年`.
const PERIODS: &[&str] = &["季度", "月", "年", "周", "学期", "半年"];

/// A counted quantity in a step.
struct Counted {
    /// Where the verb starts, if any.
    verb_at: Option<usize>,
    number_at: usize,
    size: Number,
    unit: Unit,
    /// Past the unit.
    end: usize,
}

/// After `每`: an optional verb, then the size (1 when unwritten: `每处`)
/// and its unit; `每超平均年龄1岁` may name what it counts from.
fn count_after(m: &[char], from: usize) -> Option<Counted> {
    let mut i = from;
    let verb = verb_at(m, i).map(|(w, _)| {
        let at = i;
        i += w.chars().count();
        at
    });
    if starts(m, i, "有") {
        i += 1;
    }
    match number_at(m, i).ok().flatten() {
        Some((size, after)) => {
            let (unit, end) = unit_at(m, after);
            Some(Counted { verb_at: verb, number_at: i, size, unit, end })
        }
        None => {
            // `每处`, `每人次`, or `每超平均年龄1岁`.
            let (unit, end) = unit_at(m, i);
            if let Unit::Word(_) = unit {
                return Some(Counted { verb_at: verb, number_at: i, size: Number::from_int(1), unit, end });
            }
            let digit = (i..m.len()).find(|&j| m[j].is_ascii_digit())?;
            if verb.is_none() || m[i..digit].iter().any(|ch| "扣分每,;".contains(*ch)) {
                return None;
            }
            let (size, after) = number_at(m, digit).ok().flatten()?;
            let (unit, end) = unit_at(m, after);
            Some(Counted { verb_at: verb, number_at: digit, size, unit, end })
        }
    }
}

/// A count of one with no `每`: `迟报一天`, `少一次`, `出现1例`, `1处`,
/// `有1个乡镇`. The verb, when there is one, stands right before it.
fn lone_one(m: &[char]) -> Option<Counted> {
    // `召开2次以上专题会议,少一次扣2.5分`: the count is in the last clause.
    let from = m.iter().rposition(|c| *c == ',').map_or(0, |i| i + 1);
    let counted = lone_one_in(&m[from..])?;
    let shift = |i: usize| i + from;
    Some(Counted {
        verb_at: counted.verb_at.map(shift),
        number_at: shift(counted.number_at),
        size: counted.size,
        unit: counted.unit,
        end: shift(counted.end),
    })
}

fn lone_one_in(m: &[char]) -> Option<Counted> {
    let ones: Vec<usize> = (0..m.len())
        .filter(|&i| m[i] == '1' && (i == 0 || !m[i - 1].is_ascii_digit() && m[i - 1] != '.'))
        .filter(|&i| m.get(i + 1).is_none_or(|c| !c.is_ascii_digit() && *c != '.'))
        .collect();
    let &[at] = ones.as_slice() else { return None };
    if m.iter().filter(|c| c.is_ascii_digit()).count() != 1 {
        return None;
    }
    let (unit, end) = unit_at(m, at + 1);
    if !matches!(unit, Unit::Word(_)) {
        return None;
    }
    let verb = (0..at).rev().take(5).find(|&i| verb_at(m, i).is_some_and(|(w, _)| i + w.chars().count() == at));
    Some(Counted { verb_at: verb, number_at: at, size: Number::from_int(1), unit, end })
}

/// `扣1分`, `扣除0.5分`, `加1分`, `计2分`, `0.5分` at the end: where it
/// starts, the points, and the word before them.
fn trailing_amount(m: &[char]) -> Option<(usize, Number, Option<&'static str>)> {
    let mut m = m.to_vec();
    while matches!(m.last(), Some(',' | '的' | ')')) {
        m.pop();
    }
    if m.last() != Some(&'分') {
        return None;
    }
    let end = m.len() - 1;
    let start = (0..end).rev().take_while(|&j| m[j].is_ascii_digit() || m[j] == '.').last()?;
    let (n, past) = number_at(&m, start).ok().flatten()?;
    if past != end || n.is_zero() {
        return None;
    }
    let mut at = start;
    let word = TAKE.iter().chain(GIVE).find(|w| at >= w.chars().count() && starts(&m, at - w.chars().count(), w));
    if let Some(w) = word {
        at -= w.chars().count();
    }
    while at > 0 && matches!(m[at - 1], ',' | '的' | '(') {
        at -= 1;
    }
    Some((at, n, word.copied()))
}

/// Words that give full marks and none, at the end of a clause.
/// `按计划完成得分`: 得分 with no figure is the indicator's points.
const FULL: &[&str] =
    &["得满分", "计满分", "记满分", "给满分", "得基本分", "得标准分", "得全部分值", "得全分", "不扣分", "满分", "得分"];
const ZERO: &[&str] =
    &["不得分", "不计分", "不给分", "得零分", "零分", "得0分", "计0分", "为0分", "得分为0", "得分为0分", "分值为0"];

/// Splits `(condition)得N分` into its condition and award.
fn split_score(m: &[char]) -> Option<(Vec<char>, Award)> {
    let m = trim(m);
    if judged_end(&m) {
        let at = ["酌情", "视情况", "视情", "视具体情况", "适当扣分", "据实"]
            .iter()
            .filter_map(|w| super::text::find(&m, w, 0))
            .min()
            .unwrap_or(m.len());
        return Some((trim(&m[..at]), Award::Judged));
    }
    for w in ZERO {
        if ends(&m, w) {
            let cond = cut_word(&m[..m.len() - w.chars().count()]);
            return Some((cond, Award::Zero));
        }
    }
    if contains(&m, "全部分值") && contains(&m, "扣") {
        let at = super::text::find(&m, "扣", 0).unwrap_or(m.len());
        return Some((trim(&m[..at]), Award::Zero));
    }
    for w in FULL {
        if ends(&m, w) {
            return Some((cut_word(&m[..m.len() - w.chars().count()]), Award::Full));
        }
    }
    let m = strip_bracketed_points(&m);
    if m.last() != Some(&'分') {
        return None;
    }
    let end = m.len() - 1;
    let start = (0..end).rev().take_while(|&j| m[j].is_ascii_digit() || m[j] == '.').last()?;
    let (n, past) = number_at(&m, start).ok().flatten()?;
    if past != end {
        return None;
    }
    // `8-10分`: a range of points is a person's choice.
    if start >= 2 && m[start - 1] == '-' && m[start - 2].is_ascii_digit() {
        let from = (0..start - 1).rev().take_while(|&j| m[j].is_ascii_digit() || m[j] == '.').last()?;
        return Some((trim(&m[..from]), Award::Judged));
    }
    let word = ["扣除", "得到", "计算", "扣", "减", "得", "计", "记", "给", "赋", "为"]
        .iter()
        .find(|w| start >= w.chars().count() && starts(&m, start - w.chars().count(), w));
    let cond_end = start - word.map_or(0, |w| w.chars().count());
    let cond = cut_word(&m[..cond_end]);
    // `较为丰富得11T5分`: a scan's garble is no condition.
    let garbled = cond.iter().any(char::is_ascii_alphabetic)
        || cond.windows(2).any(|w| matches!(w[0], '得' | '扣' | '计') && w[1].is_ascii_digit());
    if garbled {
        return None;
    }
    let award = match word {
        Some(&"扣") | Some(&"扣除") | Some(&"减") => Award::Deduct(n),
        _ if n.is_zero() => Award::Zero,
        _ => Award::Points(n),
    };
    Some((cond, award))
}

/// `牌匾悬挂于办公场所内(1分)` → `牌匾悬挂于办公场所内1分`.
fn strip_bracketed_points(m: &[char]) -> Vec<char> {
    let mut m = m.to_vec();
    if m.last() == Some(&')')
        && let Some(open) = m.iter().rposition(|c| *c == '(')
        && m[open + 1..m.len() - 1].iter().all(|c| c.is_ascii_digit() || *c == '.' || *c == '分')
        && ends(&m[..m.len() - 1], "分")
    {
        m.pop();
        m.remove(open);
    }
    m
}

/// A condition without the 的 and separators that end it, and without
/// `,本项`/`,此项`/`,该项` before the award.
fn cut_word(c: &[char]) -> Vec<char> {
    let mut c = trim(c);
    for tail in ["本项", "此项", "该项", "该项工作", "则该项工作", "的"] {
        if ends(&c, tail) {
            c.truncate(c.len() - tail.chars().count());
            c = trim(&c);
        }
    }
    c
}

pub(super) fn trim(c: &[char]) -> Vec<char> {
    let mut c = c.to_vec();
    while matches!(c.last(), Some(',' | '的' | ':' | '、' | ';')) {
        c.pop();
    }
    while matches!(c.first(), Some(',' | ':' | '、' | ';')) {
        c.remove(0);
    }
    c
}

/// The clause-level check that a unit is a percentage or a count.
pub(super) fn is_measure(unit: &Unit) -> bool {
    matches!(unit, Unit::Percent | Unit::Word(_) | Unit::Times)
}
