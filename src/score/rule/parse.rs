//! Reading a rule: the text split into clauses, each clause classified
//! (a threshold, a deduction per step, a band, a yes/no level, a proportion)
//! and the clauses assembled into one `Form`, or refused.

use super::text::{Unit, contains, ends, has_score, normalize, number_at, starts, string, unit_at};
use super::{Award, Better, Partial, Rule, unreadable};
use crate::units::number::Number;
use assemble::assemble;

mod assemble;

/// Words no reader can settle from the rule alone, with why.
const UNSETTLED: &[(&str, &str)] = &[
    ("酌情", "“酌情”要人来判断"),
    ("视情况", "“视情况”要人来判断"),
    ("具体情况", "要看具体情况，由人判断"),
    ("综合评定", "“综合评定”要人来判断"),
    ("综合评价", "“综合评价”要人来判断"),
    ("评价组", "由评价组判断"),
    ("专家", "由专家判断"),
    ("符合程度", "按符合程度给分要人来判断"),
    ("根据考核情况", "按考核情况给分要人来判断"),
    ("根据完成情况", "按完成情况给分要人来判断"),
    ("根据实际情况", "按实际情况给分要人来判断"),
    ("分别", "“分别”把几个数放在一句里，对不上是哪一个"),
    ("加扣", "“加扣”叠加在别的扣分上"),
    ("奖励", "有奖励分"),
    ("奖分", "有奖励分"),
    ("一票否", "一票否决要人来判断"),
    ("排名", "按排名计分，单个指标读不出名次"),
    ("每出现", "按出现的次数扣分，实际完成值读不出次数"),
    ("每发现", "按发现的次数扣分，实际完成值读不出次数"),
    ("每例", "按例数扣分，实际完成值读不出例数"),
    ("每起", "按起数扣分，实际完成值读不出起数"),
    ("每处", "按处数扣分，实际完成值读不出处数"),
    ("每项", "按项扣分，实际完成值读不出缺了几项"),
    ("减半", "有减半扣分的情形"),
    ("②", "几项要求合在一句里"),
    ("组合分", "几项要求合在一句里"),
    ("程度分", "按程度给分要人来判断"),
];

/// The verbs of a step (`每少`, `每超过`) and the way they make better, the
/// longer first so `低于` is not read as `低`.
const VERBS: &[(&str, Better)] = &[
    ("低于", Better::Higher),
    ("下降", Better::Higher),
    ("降低", Better::Higher),
    ("减少", Better::Higher),
    ("超过", Better::Lower),
    ("超出", Better::Lower),
    ("高于", Better::Lower),
    ("高出", Better::Lower),
    ("增加", Better::Lower),
    ("上升", Better::Lower),
    ("提高", Better::Lower),
    ("少", Better::Higher),
    ("低", Better::Higher),
    ("减", Better::Higher),
    ("缺", Better::Higher),
    ("差", Better::Higher),
    ("超", Better::Lower),
    ("高", Better::Lower),
    ("增", Better::Lower),
    ("多", Better::Lower),
];

/// Negation at the start of a level's words: 未建立, 无, 不齐全.
pub(super) const NEGATIONS: &[&str] = &["未", "无", "不", "没", "非", "否"];

/// A classified clause.
enum Piece {
    /// `(prefix)每少1个百分点扣1分`.
    Step { prefix: Vec<char>, better: Better, size: Number, unit: Unit, deduct: Number, whole: bool },
    /// `(condition)得15分` / `不得分` / `扣2分`.
    Level { cond: Vec<char>, award: Award, bare: bool },
    /// 按完成比例得分.
    Proportional,
    /// 满分10分.
    Full(Number),
}

/// What the limit phrases say: 扣完为止, 最低得X分, 最多扣X分, 扣完X分为止.
#[derive(Default)]
struct Limits {
    floor: Option<Number>,
    cap: Option<Number>,
    full: Option<Number>,
    standard: Option<Number>,
}

pub(super) fn parse(text: &str) -> Result<Rule, String> {
    let fail = |why: &str| unreadable(text.trim(), why);
    let mut c = normalize(text);
    strip_enumeration(&mut c);
    if c.iter().all(|ch| matches!(ch, ',' | ';' | ':')) {
        return Err(fail("细则是空的"));
    }
    if let Some((_, why)) = UNSETTLED.iter().find(|(w, _)| contains(&c, w)) {
        return Err(fail(why));
    }
    if let Some(why) = alternatives_or_bonus(&c) {
        return Err(fail(why));
    }
    let completion = contains(&c, "完成");
    let limits = take_limits(&mut c).map_err(|why| fail(&why))?;
    let mut partial = None;
    let mut pending: Vec<char> = Vec::new();
    let mut pieces = Vec::new();
    for clause in split(&c) {
        if let Some(p) = rounding(&clause) {
            partial = Some(p);
            continue;
        }
        if !pending.is_empty() {
            pending.push(',');
        }
        pending.extend_from_slice(&clause);
        if has_score(&pending) {
            pieces.push(classify(&pending).map_err(|why| fail(&why))?);
            pending.clear();
        }
    }
    if !pending.is_empty() {
        return Err(fail(&format!("“{}”没说怎么计分", string(&pending))));
    }
    let (form, full) = assemble(pieces, partial, &limits).map_err(|why| fail(&why))?;
    let stated = [limits.full, full].into_iter().flatten().collect::<Vec<_>>();
    if stated.windows(2).any(|w| w[0] != w[1]) {
        return Err(fail("细则里写的满分前后不一致"));
    }
    Ok(Rule { text: text.trim().to_owned(), form, full: stated.first().copied(), completion })
}

/// Drops a leading item number: `1.`, `(1)`, `①` (when it is the only one).
fn strip_enumeration(c: &mut Vec<char>) {
    let digits = c.iter().take_while(|ch| ch.is_ascii_digit()).count();
    if digits > 0 && digits < c.len() && matches!(c[digits], ';' | '、') {
        c.drain(..=digits);
    } else if c.first() == Some(&'①') {
        c.remove(0);
    } else if c.len() > 3 && c[0] == '(' && c[1].is_ascii_digit() && c[2] == ')' {
        c.drain(..3);
    }
}

/// `或` joining two conditions, and added points, cannot be scored from one
/// actual. `或以上`, `低于或等于` and `增加` are fine.
fn alternatives_or_bonus(c: &[char]) -> Option<&'static str> {
    for i in 0..c.len() {
        // 第1名: a rank.
        if c[i] == '第' {
            let digits = c[i + 1..].iter().take_while(|ch| ch.is_ascii_digit()).count();
            if digits > 0 && c.get(i + 1 + digits) == Some(&'名') {
                return Some("按名次计分，单个指标读不出名次");
            }
        }
        if c[i] == '或' && !["以上", "以下", "等于"].iter().any(|w| starts(c, i + 1, w)) {
            return Some("“或”把两种情形放在一句里");
        }
        let prev = if i > 0 { c[i - 1] } else { ' ' };
        if c[i] == '加' && !"增参追添施".contains(prev) {
            let next = c.get(i + 1).copied().unwrap_or(' ');
            if next.is_ascii_digit() || next == '分' {
                return Some("有加分");
            }
        }
    }
    None
}

/// Removes the limit phrases, recording what they say.
fn take_limits(c: &mut Vec<char>) -> Result<Limits, String> {
    let mut limits = Limits::default();
    let one = |found: Vec<Option<Number>>, what: &str| -> Result<Option<Number>, String> {
        let values: Vec<Number> = found.into_iter().flatten().collect();
        if values.windows(2).any(|w| w[0] != w[1]) {
            return Err(format!("细则写了两个不同的{what}"));
        }
        Ok(values.first().copied())
    };
    let mut full = Vec::new();
    for pat in ["扣完#分为止", "扣完#分即止"] {
        full.extend(take(c, pat));
    }
    limits.full = one(full, "满分")?;
    for pat in [
        "扣完本项分值为止",
        "扣完该项分值为止",
        "扣完本项分为止",
        "扣完本项为止",
        "扣完该项为止",
        "扣完为止",
        "扣完即止",
        "直至扣完",
        "最多扣完",
        "可累计扣完",
        "扣至0分为止",
        "不得倒扣",
        "不倒扣",
        "满分为止",
        "以满分为限",
        "最高不超过满分",
        "不超过满分",
        "最高得满分",
    ] {
        take(c, pat);
    }
    let mut floor = Vec::new();
    for pat in ["最低得#分", "最低计#分", "最低为#分", "最低#分"] {
        floor.extend(take(c, pat));
    }
    limits.floor = one(floor, "最低分")?;
    let mut cap = Vec::new();
    for pat in ["最高扣除#分", "最多扣除#分", "最高扣#分", "最多扣#分", "扣分不超过#分"] {
        cap.extend(take(c, pat));
    }
    limits.cap = one(cap, "最多扣分")?;
    let mut standard = Vec::new();
    for pat in ["以#%为标准", "以#为标准", "以#%为基准", "以#为基准"] {
        standard.extend(take(c, pat));
    }
    limits.standard = one(standard, "标准")?;
    Ok(limits)
}

/// Removes every `pat` (`#` stands for a number) from `c`, leaving a
/// separator, and returns the numbers they held.
fn take(c: &mut Vec<char>, pat: &str) -> Vec<Option<Number>> {
    let pat: Vec<char> = pat.chars().collect();
    let (mut out, mut found, mut i) = (Vec::with_capacity(c.len()), Vec::new(), 0);
    while i < c.len() {
        match match_at(c, i, &pat) {
            Some((end, n)) => {
                found.push(n);
                out.push(';');
                i = end;
            }
            None => {
                out.push(c[i]);
                i += 1;
            }
        }
    }
    *c = out;
    found
}

fn match_at(c: &[char], i: usize, pat: &[char]) -> Option<(usize, Option<Number>)> {
    let (mut k, mut n) = (i, None);
    for &p in pat {
        if p == '#' {
            let (v, j) = number_at(c, k).ok().flatten()?;
            n = Some(v);
            k = j;
        } else if k < c.len() && c[k] == p {
            k += 1;
        } else {
            return None;
        }
    }
    Some((k, n))
}

/// Splits at separators outside brackets; a bracketed `(不足…)` note is a
/// clause of its own.
fn split(c: &[char]) -> Vec<Vec<char>> {
    let mut c = c.to_vec();
    for i in 0..c.len() {
        if c[i] == '(' && starts(&c, i + 1, "不足") {
            c[i] = ';';
            if let Some(k) = (i..c.len()).find(|&k| c[k] == ')') {
                c[k] = ';';
            }
        }
    }
    let (mut clauses, mut current, mut depth) = (Vec::new(), Vec::new(), 0i32);
    for ch in c {
        match ch {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && matches!(ch, ',' | ';' | ':') {
            if !current.is_empty() {
                clauses.push(std::mem::take(&mut current));
            }
        } else {
            current.push(ch);
        }
    }
    if !current.is_empty() {
        clauses.push(current);
    }
    clauses
}

/// `不足10个百分点的按10个百分点计`: how a partial step counts.
fn rounding(c: &[char]) -> Option<Partial> {
    if !starts(c, 0, "不足") {
        return None;
    }
    if contains(c, "按比例") {
        Some(Partial::Proportional)
    } else if contains(c, "按") && (ends(c, "计") || ends(c, "计算") || contains(c, "计扣")) {
        Some(Partial::Whole)
    } else if contains(c, "不扣") || ends(c, "不计") {
        Some(Partial::Ignore)
    } else {
        None
    }
}

fn classify(m: &[char]) -> Result<Piece, String> {
    let clause = string(m);
    if let Some(full) = full_statement(m) {
        return Ok(Piece::Full(full));
    }
    // `每少…扣` is a step; `每年开展…不少于12次得满分` is a condition; `每一项扣1分` counts items the actual does not hold.
    let verbs = |k: usize| VERBS.iter().any(|(v, _)| starts(m, k + 1, v));
    if let Some(k) = (0..m.len()).find(|&k| m[k] == '每' && verbs(k)) {
        return step(m, k).ok_or_else(|| format!("“{clause}”的扣分办法读不出"));
    }
    if contains(m, "每") && contains(m, "扣") {
        return Err(format!("“{clause}”按件数扣分，实际完成值读不出件数"));
    }
    if proportional(m) {
        return Ok(Piece::Proportional);
    }
    let (cond, award, bare) = split_score(m).ok_or_else(|| format!("“{clause}”读不出得几分"))?;
    Ok(Piece::Level { cond, award, bare })
}

/// `满分10分`, `满分为10分` with nothing numeric before it.
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

/// `每少1个百分点扣1分`, `每超过1天扣0.5分`, `每少10个百分点以内扣1分`.
fn step(m: &[char], k: usize) -> Option<Piece> {
    let &(verb, better) = VERBS.iter().find(|(v, _)| starts(m, k + 1, v))?;
    let mut i = k + 1 + verb.chars().count();
    // `每超平均年龄1岁`: the standard may be named before the number.
    let digit = (i..m.len()).find(|&j| m[j].is_ascii_digit())?;
    if m[i..digit].iter().any(|ch| "扣分每,;".contains(*ch)) {
        return None;
    }
    let (size, after) = number_at(m, digit).ok().flatten()?;
    let (unit, past) = unit_at(m, after);
    if matches!(unit, Unit::Bare | Unit::Score) || size.is_zero() {
        return None;
    }
    i = past;
    let whole = ["以内", "及以内"].iter().find(|w| starts(m, i, w)).map(|w| i += w.chars().count()).is_some();
    while i < m.len() && matches!(m[i], '的' | ',') {
        i += 1;
    }
    let word = ["扣除", "扣", "减"].iter().find(|w| starts(m, i, w))?;
    i += word.chars().count();
    let (deduct, end) = number_at(m, i).ok().flatten()?;
    if end >= m.len() || m[end] != '分' || m[end + 1..].iter().any(|ch| !matches!(ch, ',' | '的')) {
        return None;
    }
    Some(Piece::Step { prefix: m[..k].to_vec(), better, size, unit, deduct, whole })
}

/// 按完成比例得分, 按实际完成比例计分, 得分=实际完成率×分值.
fn proportional(m: &[char]) -> bool {
    if m.iter().any(char::is_ascii_digit) || ["÷", "/", "最高", "同类"].iter().any(|w| contains(m, w)) {
        return false;
    }
    let by_share =
        contains(m, "按") && contains(m, "比例") && ["得分", "计分", "给分", "计算"].iter().any(|w| contains(m, w));
    let formula = contains(m, "×") && (contains(m, "分值") || contains(m, "满分")) && contains(m, "率");
    by_share || formula
}

/// Splits `(condition)得N分` into its condition and award; `bare` when the
/// score has no 得/计 before it (`无结余,3分`).
fn split_score(m: &[char]) -> Option<(Vec<char>, Award, bool)> {
    let mut m = m.to_vec();
    while matches!(m.last(), Some(',' | '的')) {
        m.pop();
    }
    let cut = |m: &[char], n: usize| trim_cond(&m[..m.len() - n]);
    for w in ["不得分", "不计分", "不给分"] {
        if ends(&m, w) {
            return Some((cut(&m, 3), Award::Zero, false));
        }
    }
    for w in ["得满分", "计满分", "记满分", "给满分", "不扣分", "满分"] {
        if ends(&m, w) {
            return Some((cut(&m, w.chars().count()), Award::Full, false));
        }
    }
    if m.last() != Some(&'分') {
        return None;
    }
    let end = m.len() - 1;
    let start = (0..end).rev().take_while(|&j| m[j].is_ascii_digit() || m[j] == '.').last()?;
    let (n, past) = number_at(&m, start).ok().flatten()?;
    if past != end {
        return None;
    }
    let word = ["扣除", "得到", "计算", "扣", "减", "得", "计", "记", "给", "赋", "为"]
        .iter()
        .find(|w| start >= w.chars().count() && starts(&m, start - w.chars().count(), w));
    let cond_end = start - word.map_or(0, |w| w.chars().count());
    let cond = trim_cond(&m[..cond_end]);
    let award = match word {
        Some(&"扣") | Some(&"扣除") | Some(&"减") => Award::Deduct(n),
        _ if n.is_zero() => Award::Zero,
        _ => Award::Points(n),
    };
    Some((cond, award, word.is_none()))
}

fn trim_cond(c: &[char]) -> Vec<char> {
    let mut c = c.to_vec();
    while matches!(c.last(), Some(',' | '的' | ':')) {
        c.pop();
    }
    c
}
