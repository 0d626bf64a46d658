//! Matching the words of an actual against the words of a rule: `已建立`
//! is `建立`; `有同级财政部门公章` is the opposite of `报表无同级财政部门公章`;
//! `有场地` is `有办公场地`; `基本健全` is not `健全`.
//!
//! A match is found or refused: two conditions the words fit equally well
//! are no answer.

use super::text::normalize;

/// Characters written two ways: `专帐` is `专账`.
const VARIANTS: &[(char, char)] = &[('帐', '账'), ('敍', '叙'), ('製', '制')];

/// Words that turn a condition into its opposite, the longer first.
const NEGATIONS: &[&str] = &["没有", "不能", "未能", "无", "未", "不", "没", "非", "缺", "否"];

/// Words that only say a thing is there or done: `已建立` ≡ `建立`, `有计划` ≡ `计划`.
const AFFIRMATIONS: &[&str] = &["已经", "已", "有", "具备", "具有", "存在", "均"];

/// Qualifiers that make a level of its own: `基本健全` is not `健全`.
const QUALIFIERS: &[&str] = &["基本", "较为", "较", "部分", "尚", "相对", "一般", "不够", "不太", "不完全", "完全"];

/// How a statement stands to a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// It says the condition holds.
    Same,
    /// It says the condition does not hold.
    Opposite,
    None,
}

/// The words compared: normalized, without separators, 已 in front or 的 behind.
pub(super) fn canonical(text: &str) -> String {
    let s: String = normalize(text)
        .into_iter()
        .filter(|c| !matches!(c, ',' | ';' | ':' | '、' | '.'))
        .map(|c| VARIANTS.iter().find(|(v, _)| *v == c).map_or(c, |(_, to)| *to))
        .collect();
    let s = s.trim_end_matches('的').trim_end_matches('了');
    s.strip_prefix("已经").or_else(|| s.strip_prefix('已')).unwrap_or(s).to_owned()
}

/// Whether a condition is negated: it starts with a negation, or a
/// negation stands before its verb (`报表无…`, `资料不全`, `未按时上报`).
pub(super) fn negated(s: &str) -> bool {
    negation_at(s).is_some()
}

/// Where the first negation word stands, and its length in bytes.
fn negation_at(s: &str) -> Option<(usize, usize)> {
    // `不仅`, `无论`, `非常` are not negations.
    // `不良影响`, `不当`, `违法`: words for a bad thing, not a thing denied.
    let skip = [
        "不仅",
        "无论",
        "非常",
        "不断",
        "不少于",
        "不低于",
        "不超过",
        "不高于",
        "无误",
        "不良",
        "不利",
        "不当",
        "不法",
        "不正当",
        "不稳定",
        "非法",
    ];
    let mut best: Option<(usize, usize)> = None;
    for w in NEGATIONS {
        for (at, _) in s.match_indices(w) {
            if skip.iter().any(|k| s[at..].starts_with(k)) {
                continue;
            }
            if best.is_none_or(|(b, _)| at < b) {
                best = Some((at, w.len()));
            }
        }
    }
    best
}

/// The condition without its negation or affirmation: the thing itself.
pub(super) fn core(s: &str) -> String {
    let mut s = s.to_owned();
    if let Some((at, len)) = negation_at(&s) {
        s.replace_range(at..at + len, "");
    }
    for w in AFFIRMATIONS {
        if let Some(rest) = s.strip_prefix(w) {
            s = rest.to_owned();
        }
    }
    s
}

/// The positive a negative condition implies: `未公示` → `公示`,
/// `报表无公章` → `报表有公章`, `资料不全` → `资料全`.
pub(super) fn implied_positive(key: &str) -> Option<String> {
    let (at, len) = negation_at(key)?;
    // `无章程或有但未经讨论通过`: two negatives, or alternatives, have no one opposite.
    let rest = &key[at + len..];
    if negation_at(rest).is_some() || key.contains('或') {
        return None;
    }
    let word = &key[at..at + len];
    let replacement = if ["无", "没有", "没", "缺"].contains(&word) { "有" } else { "" };
    let mut out = key.to_owned();
    out.replace_range(at..at + len, replacement);
    Some(out)
}

fn qualified(s: &str) -> bool {
    QUALIFIERS.iter().any(|q| s.contains(q))
}

/// Whether the characters of `short` stand in `long` in order: `有场地`
/// in `有办公场地`, `悬挂于门厅处` in `悬挂于办公场所外或门厅处`.
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// How much of `short` stands in `long`, in order: the share of its characters.
fn coverage(short: &str, long: &str) -> f64 {
    let n = short.chars().count();
    if n == 0 {
        return 0.0;
    }
    // The longest run of `short`'s characters found in order in `long`.
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    let mut table = vec![vec![0usize; l.len() + 1]; s.len() + 1];
    for i in 0..s.len() {
        for j in 0..l.len() {
            table[i + 1][j + 1] = if s[i] == l[j] { table[i][j] + 1 } else { table[i][j + 1].max(table[i + 1][j]) };
        }
    }
    table[s.len()][l.len()] as f64 / n as f64
}

/// Words that say the opposite of a word a rule uses: `按期换届` is
/// `不延期换届`, `按时上报` is `不迟报`.
const ANTONYMS: &[(&str, &str)] = &[
    ("按期", "延期"),
    ("如期", "延期"),
    ("按时", "迟"),
    ("准时", "迟"),
    ("及时", "迟"),
    ("按期", "逾期"),
    ("按时", "逾期"),
    ("齐全", "不齐"),
    ("齐全", "不全"),
    ("齐全", "缺"),
];

/// How a statement of the actual stands to a condition of the rule.
pub(super) fn fit(condition: &str, statement: &str) -> Fit {
    let (k, t) = (canonical(condition), canonical(statement));
    // `无管理制度或管理制度不切合实际`: either alternative holding is enough.
    let alternatives: Vec<&str> = split_alternatives(&k);
    if alternatives.len() > 1 && alternatives.iter().any(|a| fit_one(a, &t) == Fit::Same) {
        return Fit::Same;
    }
    fit_one(&k, &t)
}

/// A condition's alternatives joined by `或` (not `或以上`, `或等于`).
fn split_alternatives(k: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (at, _) in k.match_indices('或') {
        let rest = &k[at + '或'.len_utf8()..];
        if ["以上", "以下", "等于", "以内"].iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        parts.push(&k[from..at]);
        from = at + '或'.len_utf8();
    }
    parts.push(&k[from..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

fn fit_one(k: &str, t: &str) -> Fit {
    let (k, t) = (k.to_owned(), t.to_owned());
    // `按期换届` against `延期换届`: the statement in the rule's word fits,
    // so the statement itself is the opposite.
    for (good, bad) in ANTONYMS {
        if k.contains(bad) && !k.contains(good) && t.contains(good) && !t.contains(bad) {
            return match plain_fit(&k, &t.replacen(good, bad, 1)) {
                Fit::Same => Fit::Opposite,
                Fit::Opposite => Fit::Same,
                Fit::None => Fit::None,
            };
        }
    }
    plain_fit(&k, &t)
}

fn plain_fit(k: &str, t: &str) -> Fit {
    // `发生业主投诉1起` against `发生业主投诉造成不良影响`: a count says it happened.
    let t = if k.chars().any(|c| c.is_ascii_digit()) { t.to_owned() } else { without_counts(t) };
    let k = k.to_owned();
    if k.is_empty() || t.is_empty() {
        return Fit::None;
    }
    if k == t {
        return Fit::Same;
    }
    let (kc, tc) = (core(&k), core(&t));
    if kc.is_empty() || tc.is_empty() {
        return Fit::None;
    }
    // A qualifier on one side only is another level (`基本健全`).
    if qualified(&kc) != qualified(&tc) {
        return Fit::None;
    }
    let (short, long) = if kc.chars().count() <= tc.chars().count() { (&kc, &tc) } else { (&tc, &kc) };
    // A short statement stands in the condition in order; a long one may
    // leave out a few characters of it (`资金使用规范` for `资金使用规范合理`).
    let close = in_order(short, long) && (short.chars().count() >= 2 || long.chars().count() <= 3);
    if !close {
        return Fit::None;
    }
    // Polarity where the two speak of the same thing: the negations in the
    // stretch of the condition the statement's words fall on (a few
    // characters before it included: `未进行备案`, `报表无公章`).
    let here = aligned_span(&k, &tc).map_or_else(|| negation_count(&k), |s| negation_count(&s));
    let _ = short;
    if here % 2 == negation_count(&t) % 2 { Fit::Same } else { Fit::Opposite }
}

/// The stretch of `k` that `thing`'s characters fall on, in order — the
/// most compact such stretch, the last of equals (`应当参与创建而未参与`:
/// the second 参与) — with up to three characters before it, not past a
/// separator.
fn aligned_span(k: &str, thing: &str) -> Option<String> {
    let kc: Vec<char> = k.chars().collect();
    let want: Vec<char> = thing.chars().collect();
    let head = *want.first()?;
    let mut best: Option<(usize, usize)> = None;
    for start in (0..kc.len()).filter(|&i| kc[i] == head) {
        let mut at = start + 1;
        let mut last = start;
        let mut whole = true;
        for ch in &want[1..] {
            match (at..kc.len()).find(|&i| kc[i] == *ch) {
                Some(found) => {
                    last = found;
                    at = found + 1;
                }
                None => {
                    whole = false;
                    break;
                }
            }
        }
        if whole && best.is_none_or(|(f, l)| last - start <= l - f) {
            best = Some((start, last));
        }
    }
    let (first, last) = best?;
    let from =
        (first.saturating_sub(3)..first).rev().take_while(|&i| !"或且,;、".contains(kc[i])).last().unwrap_or(first);
    Some(kc[from..=last].iter().collect())
}

/// How many negation words stand in a text.
fn negation_count(s: &str) -> usize {
    let mut count = 0;
    let mut rest = s;
    while let Some((at, len)) = negation_at(rest) {
        count += 1;
        rest = &rest[at + len..];
    }
    count
}

/// A statement without its counts: `发生业主投诉1起` → `发生业主投诉`.
fn without_counts(t: &str) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // The unit after it: one character (`起`, `次`, `处`) or 人次.
            if i < chars.len() && "起次处例件项个人份天".contains(chars[i]) {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// How close a statement is to a condition, for choosing between several
/// that fit: the share of the condition's pairs it covers.
pub(super) fn closeness(condition: &str, statement: &str) -> f64 {
    let (k, t) = (core(&canonical(condition)), core(&canonical(statement)));
    let (nk, nt) = (k.chars().count() as f64, t.chars().count() as f64);
    if nk + nt == 0.0 {
        return 0.0;
    }
    // Twice the characters shared in order, over both lengths.
    2.0 * coverage(&t, &k) * nt / (nk + nt)
}

/// Words in an actual that say nothing went wrong: `按时`, `未发现`, `无`.
/// `what` is what the rule counts (`迟报`): `未迟报`, `无迟报` say none too.
pub(super) fn says_none(text: &str, what: &str) -> bool {
    let t = canonical(text);
    let none = [
        "按时",
        "按期",
        "及时",
        "准时",
        "无",
        "没有",
        "零",
        "未发现",
        "没有发现",
        "未发生",
        "没有发生",
        "未出现",
        "没有出现",
        "无问题",
        "均符合",
        "全部符合",
        "按时完成",
        "按期完成",
        "按时上报",
        "按时报送",
    ];
    if none.contains(&t.as_str()) {
        return true;
    }
    // `未缺报` for `缺`, `无迟报` for `迟报`: the thing counted, denied.
    let what = canonical(what);
    // What the rule counts must itself be a happening (`缺`, `迟报`), not an
    // absence (`未达到要求`, `无领导小组`), which `未…` would only repeat.
    let absence = ["没有", "未", "无", "不"].iter().any(|n| what.starts_with(n));
    let denied = ["没有", "未", "无", "不"].iter().find_map(|n| t.strip_prefix(n));
    // `无投诉` for `投诉发生`: the thing denied is what is counted, or part of it.
    let part_of = |rest: &str| rest.chars().count() >= 2 && what.contains(rest);
    !what.is_empty() && !absence && denied.is_some_and(|rest| rest.contains(&what) || part_of(rest))
}

/// Words in an actual that the rest holds: `其余齐全`, `其余两项符合`, `其余均达标`.
pub(super) fn rest_met(text: &str) -> Option<bool> {
    let t = canonical(text);
    let rest = ["其余", "其他", "其它", "余下"].iter().find(|w| t.starts_with(*w))?;
    let tail = &t[rest.len()..];
    if negated(tail) {
        Some(false)
    } else if ["齐全", "符合", "达标", "正常", "具备", "完成", "到位", "规范", "合格", "均有"]
        .iter()
        .any(|w| tail.contains(w))
    {
        Some(true)
    } else {
        None
    }
}

/// The first word of a statement saying there is or is not (`有`, `无`),
/// which a following bare noun shares (`有场地、设备`).
pub(super) fn leading_marker(text: &str) -> Option<&'static str> {
    ["没有", "无", "未", "有", "已"].into_iter().find(|w| text.starts_with(w))
}

/// Whether a statement has a marker of its own.
pub(super) fn has_marker(text: &str) -> bool {
    leading_marker(text).is_some() || negated(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_fit_conditions_as_a_reader_would() {
        assert_eq!(fit("未实现集中供暖", "已实现集中供暖"), Fit::Opposite);
        assert_eq!(fit("未实现集中供暖", "未实现集中供暖"), Fit::Same);
        assert_eq!(fit("报表无同级财政部门公章", "有同级财政部门公章"), Fit::Opposite);
        assert_eq!(fit("有办公场地", "有场地"), Fit::Same);
        assert_eq!(fit("有专职工作人员1人以上", "无专职工作人员"), Fit::Opposite);
        assert_eq!(fit("按时上报", "未按时上报"), Fit::Opposite);
        assert_eq!(fit("健全", "基本健全"), Fit::None);
        assert_eq!(fit("年初有计划", "有计划"), Fit::Same);
        assert_eq!(fit("无违规违纪问题", "无违规违纪"), Fit::Same);
        assert_eq!(fit("资金使用规范合理", "资金使用规范"), Fit::Same);
        assert_eq!(fit("有宣传窗", "有公开栏"), Fit::None);
    }

    #[test]
    fn a_negative_implies_its_positive() {
        assert_eq!(implied_positive("未公示").as_deref(), Some("公示"));
        assert_eq!(implied_positive("报表无同级财政部门公章").as_deref(), Some("报表有同级财政部门公章"));
        assert_eq!(implied_positive("资料不全").as_deref(), Some("资料全"));
        assert_eq!(implied_positive("已建立"), None);
    }
}
