//! Reading a rule: the limits taken out (扣完为止, 最低得X分, 满分10分), the
//! rest split into clauses at separators and item numbers, each clause
//! read into a [`Part`], and the parts assembled into one scheme — or the
//! rule refused with the reason.

use super::assemble::{Limits, assemble};
use super::clause::{self, Part};
use super::text::{contains, ends, normalize, number_at, starts, string};
use super::{Award, Partial, Rule, unreadable};
use crate::units::number::Number;

/// Words no reader can settle from the rule alone, with why. A clause
/// left to a person (`酌情扣分`) is read as such and refused only when the
/// actual lands in it.
const UNSETTLED: &[(&str, &str)] = &[
    ("综合评定", "“综合评定”要人来判断"),
    ("综合评价", "“综合评价”要人来判断"),
    ("评价组", "由评价组判断"),
    ("专家", "由专家判断"),
    ("分别", "“分别”把几个数放在一句里，对不上是哪一个"),
    ("加扣", "“加扣”叠加在别的扣分上"),
    ("倒扣", "有倒扣分，扣到本指标以外"),
    ("追加扣除", "有追加扣分，扣到本指标以外"),
    ("奖励", "有奖励分"),
    ("奖分", "有奖励分"),
    ("一票否", "一票否决要人来判断"),
    ("排名", "按排名计分，单个指标读不出名次"),
    ("名次", "按名次计分，单个指标读不出名次"),
    ("减半", "有减半扣分的情形"),
    ("程度分", "按程度给分要人来判断"),
    ("非产区", "产区和非产区分值不同，读不出按哪一种"),
    ("据实得分", "“据实得分”要人来判断"),
    ("除政策性原因", "有例外情形，要人来判断是否适用"),
    ("特殊原因外", "有例外情形，要人来判断是否适用"),
];

pub(super) fn parse(text: &str) -> Result<Rule, String> {
    let fail = |why: &str| unreadable(text.trim(), why);
    let mut c = normalize(text);
    mark_items(&mut c);
    if c.iter().all(|ch| matches!(ch, ',' | ';' | ':')) {
        return Err(fail("细则是空的"));
    }
    if let Some((_, why)) = UNSETTLED.iter().find(|(w, _)| contains(&c, w)) {
        return Err(fail(why));
    }
    if let Some(why) = alternatives_or_bonus(&c) {
        return Err(fail(why));
    }
    let completion = ["完成", "比值", "计划数", "与计划", "任务数", "占年度计划"].iter().any(|w| contains(&c, w))
        && !contains(&c, "完成时间");
    let limits = take_limits(&mut c).map_err(|why| fail(&why))?;
    let mut partial = None;
    let mut pending: Vec<char> = Vec::new();
    // A sentence that scores nothing, before one that takes points for
    // failing it (`法定代表人征信无不良记录。有失信记录得0分`): the standard.
    let mut standard: Option<Vec<char>> = None;
    let mut parts = Vec::new();
    for (clause, end) in split(&c) {
        if let Some(p) = rounding(&clause) {
            partial = Some(p);
            continue;
        }
        if pending.is_empty() && aside(&clause, end) {
            continue;
        }
        // `项目执行与计划的符合程度，100%符合：5分`: words before a clause that
        // starts with its number only name the measure.
        let leading = clause.iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
        let names_the_measure = leading > 0
            && clause.get(leading).is_some_and(|c| *c != '分')
            && !pending.is_empty()
            && !pending.iter().any(char::is_ascii_digit)
            && standard.is_none()
            && parts.is_empty();
        if names_the_measure {
            pending.clear();
        }
        if !pending.is_empty() {
            pending.push(',');
        }
        pending.extend_from_slice(&clause);
        if super::text::has_score(&pending) || clause::judged_end(&pending) || super::formula::is_formula(&pending) {
            if let Some(std) = standard.take() {
                match clause::classify(&pending) {
                    Ok(part @ Part::Level { award: Award::Zero | Award::Deduct(_), .. }) => {
                        parts.push(Part::Level { cond: std, award: Award::Full });
                        parts.push(part);
                        pending.clear();
                        continue;
                    }
                    // `出台…的政策。(2分, …)`: the sentence names what is assessed.
                    Ok(part @ Part::Level { .. }) if matches!(&part, Part::Level { cond, .. } if cond.is_empty()) => {
                        parts.push(part);
                        pending.clear();
                        continue;
                    }
                    _ => {
                        let mut joined = std;
                        joined.push(',');
                        joined.extend_from_slice(&pending);
                        pending = joined;
                    }
                }
            }
            match each_item(&pending) {
                Some(items) => parts.extend(items),
                None => parts.push(clause::classify(&pending).map_err(|why| fail(&why))?),
            }
            pending.clear();
        } else if end == ';' && standard.is_none() && !pending.iter().any(char::is_ascii_digit) {
            standard = Some(std::mem::take(&mut pending));
        }
    }
    if let Some(std) = standard {
        pending.extend(std);
    }
    if !pending.is_empty() {
        let rest = string(&pending);
        // A trailing note that scores nothing (`(特殊情况除外)`) is no clause.
        if !rest.chars().all(|ch| matches!(ch, ',' | ';' | ':' | '(' | ')')) {
            return Err(fail(&format!("“{rest}”没说怎么计分")));
        }
    }
    if parts.iter().all(|p| matches!(p, Part::Level { award: Award::Judged, .. })) {
        return Err(fail("每一档都要人来判断"));
    }
    let (scheme, full) = assemble(parts, partial, &limits).map_err(|why| fail(&why))?;
    let stated = [limits.full, full].into_iter().flatten().collect::<Vec<_>>();
    if stated.windows(2).any(|w| w[0] != w[1]) {
        return Err(fail("细则里写的满分前后不一致"));
    }
    Ok(Rule { text: text.trim().to_owned(), scheme, full: stated.first().copied(), completion })
}

/// Item numbers become separators: `(1)`, `①`, `□`, and `1;`, `2、` where a
/// clause starts.
fn mark_items(c: &mut Vec<char>) {
    let mut out: Vec<char> = Vec::with_capacity(c.len());
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let at_start = out.last().is_none_or(|p| matches!(p, ';' | ',' | ':'));
        if ('①'..='⑳').contains(&ch) || ch == '□' {
            out.push(';');
            i += 1;
            continue;
        }
        // `(1)`, `(12)`: an item number; `(1分)`, `(含)` are not.
        if ch == '(' {
            let digits = c[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if (1..=2).contains(&digits) && c.get(i + 1 + digits) == Some(&')') {
                out.push(';');
                i += digits + 2;
                continue;
            }
        }
        if at_start && ch.is_ascii_digit() {
            let digits = c[i..].iter().take_while(|d| d.is_ascii_digit()).count();
            if digits <= 2 && matches!(c.get(i + digits), Some(';' | '、')) {
                out.push(';');
                i += digits + 1;
                continue;
            }
        }
        out.push(ch);
        i += 1;
    }
    *c = out;
}

/// A clause that scores nothing and is no condition: a heading before
/// `:`, what the rule measures (`根据报表数据采集未到县数占…的比例`), a
/// note (`由一处错误造成两个以上错误的累计扣分`, `(特殊情况除外)`).
fn aside(clause: &[char], end: char) -> bool {
    let digits = clause.iter().any(char::is_ascii_digit);
    // `此项分值计算方法为:`, `…的省份:`; not `充分:3分`, a level.
    let names_a_method = ["方法", "标准", "如下", "办法", "细则", "规定"].iter().any(|w| contains(clause, w));
    let heading = end == ':' && !digits && (names_a_method || clause.len() >= 10);
    let basis =
        ["根据", "按照", "依据"].iter().any(|w| starts(clause, 0, w)) && !digits && !super::text::has_score(clause);
    let note = ["累计扣分", "不重复扣分", "不重复统计", "除外", "查资料", "查阅资料", "现场查看"]
        .iter()
        .any(|w| contains(clause, w))
        && !clause.iter().any(|c| *c == '每');
    // `服务覆盖率=实际服务人数/目标人数×100%`: the measure defined, not scored.
    let equals = super::text::find(clause, "=", 0);
    let definition = equals.is_some_and(|at| {
        !super::text::has_score(&clause[..at]) && clause[at..].iter().any(|c| matches!(c, '×' | '/' | '÷'))
    }) && !["分值", "满分", "得分"].iter().any(|w| contains(clause, w));
    heading || basis || note || definition
}

/// `…,…每项各2.5分` / `…各1分`: each item listed before earns the points.
fn each_item(c: &[char]) -> Option<Vec<Part>> {
    let tail = ["每项各", "每项", "各"].iter().find_map(|w| {
        let at = (0..c.len()).rev().find(|&i| starts(c, i, w))?;
        let (n, end) = number_at(c, at + w.chars().count()).ok().flatten()?;
        (end + 1 == c.len() && c[end] == '分').then_some((at, n))
    })?;
    let items: Vec<Vec<char>> =
        c[..tail.0].split(|ch| *ch == ',').map(clause::trim).filter(|item| !item.is_empty()).collect();
    (items.len() >= 2)
        .then(|| items.into_iter().map(|cond| Part::Level { cond, award: Award::Points(tail.1) }).collect())
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
        let prev = if i > 0 { c[i - 1] } else { ' ' };
        if c[i] == '加' && !"增参追添施".contains(prev) {
            let next = c.get(i + 1).copied().unwrap_or(' ');
            // `每增加1人加1分`, `加满5分为止` are steps of the rule, not a bonus
            // beside it; points added up to a stated cap stay within the indicator.
            let capped = ["最高得", "满分", "加满", "封顶"].iter().any(|w| contains(c, w));
            let stepped = (0..i).rev().take(12).any(|k| c[k] == '每') || starts(c, i + 1, "满") || capped;
            if (next.is_ascii_digit() || next == '分') && !stepped {
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
    for pat in [
        "扣完#分为止",
        "扣完#分即止",
        "扣满#分为止",
        "加满#分为止",
        "此项满分#分",
        "该项满分#分",
        "本项满分#分",
        "满分#分",
        "最高得#分",
        "#分封顶",
    ] {
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
        "减至0分为止",
        "至0分为止",
        "负分按0分计",
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
    standard.extend(take_basis(c));
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

/// `在40学时的基础上`: the standard additions count from.
fn take_basis(c: &mut Vec<char>) -> Vec<Option<Number>> {
    let mut found = Vec::new();
    while let Some(end) = super::text::find(c, "的基础上", 0) {
        let Some(at) = (0..end).rev().find(|&i| c[i] == '在') else { break };
        let number = number_at(c, at + 1).ok().flatten().map(|(n, _)| n);
        found.push(number);
        c.splice(at..end + 4, [';']);
    }
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
/// clause of its own, and a bracket that scores (`(2分,1个部门0.5分)`) is
/// opened.
fn split(c: &[char]) -> Vec<(Vec<char>, char)> {
    let mut c = c.to_vec();
    for i in 0..c.len() {
        if c[i] != '(' {
            continue;
        }
        let Some(k) = (i..c.len()).find(|&k| c[k] == ')') else { continue };
        let inner = &c[i + 1..k];
        let scores_inside = inner.iter().any(|ch| matches!(ch, ',' | ';')) && super::text::has_score(inner);
        if starts(&c, i + 1, "不足") || scores_inside {
            c[i] = ';';
            c[k] = ';';
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
                clauses.push((std::mem::take(&mut current), ch));
            }
        } else {
            current.push(ch);
        }
    }
    if !current.is_empty() {
        clauses.push((current, ';'));
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
