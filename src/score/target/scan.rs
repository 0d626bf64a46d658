//! Figures in a cell's text, read the same way in a 指标值 and in an
//! actual: each number with its unit, the bound words around it (`不少于`,
//! `以上`), its range (`5-8人`) or fraction (`2/3`), the period before it
//! (`每月`), and the words that name it (`个案服务`). A number that only
//! qualifies the next figure (`15分钟到达率92.5%`, `3岁以下婴幼儿…200个`) is
//! part of that figure's label, not a figure of its own.

use super::Period;
use super::units::{self, read_unit};
use crate::units::number::Number;

/// Which side of a figure a bound word puts the actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    AtLeast,
    AtMost,
}

/// One figure of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: Number,
    /// A range's lower end (`5-8人` → 5), in the same unit.
    pub low: Option<Number>,
    /// A fraction's denominator (`2/3` → 3).
    pub per: Option<Number>,
    pub unit: String,
    /// The bound the words write, before or after the figure.
    pub side: Option<Side>,
    /// Written with `=` or `为`: no direction, but no doubt either.
    pub equals: bool,
    /// `左右`, `约`: about, neither a floor nor a ceiling.
    pub approx: bool,
    /// The words before the figure in its clause (bound and period words
    /// taken out): `个案服务`, `15分钟到达率`.
    pub label: String,
    /// The words between the previous figure and this one, as written, for
    /// checks on what they say (`提升`, `各`, `或`).
    pub before: String,
    pub period: Option<Period>,
    /// Which clause (between `、，；。`) it is in.
    pub clause: usize,
    /// Where the figure (number to suffix) sits, in characters.
    pub start: usize,
    pub end: usize,
}

/// Separators between the clauses of a cell. `\u{E000}` stands where a
/// date was taken out.
const SEPARATORS: &str = "、，,；;。\u{E000}";
const RANGE: [char; 8] = ['-', '~', '至', '到', '—', '–', '―', '～'];

/// Bound words before a figure, with the side they put the actual on.
const BEFORE: &[(&str, Side)] = &[
    ("大于或等于", Side::AtLeast),
    ("小于或等于", Side::AtMost),
    ("大于等于", Side::AtLeast),
    ("小于等于", Side::AtMost),
    ("不少于", Side::AtLeast),
    ("不低于", Side::AtLeast),
    ("不小于", Side::AtLeast),
    ("不超过", Side::AtMost),
    ("不超出", Side::AtMost),
    ("不高于", Side::AtMost),
    ("不大于", Side::AtMost),
    ("不多于", Side::AtMost),
    ("提升至", Side::AtLeast),
    ("提升到", Side::AtLeast),
    ("提高至", Side::AtLeast),
    ("提高到", Side::AtLeast),
    ("增加至", Side::AtLeast),
    ("增加到", Side::AtLeast),
    ("增长至", Side::AtLeast),
    ("增长到", Side::AtLeast),
    ("上升至", Side::AtLeast),
    ("上升到", Side::AtLeast),
    ("降低至", Side::AtMost),
    ("降低到", Side::AtMost),
    ("下降至", Side::AtMost),
    ("下降到", Side::AtMost),
    ("减少至", Side::AtMost),
    ("减少到", Side::AtMost),
    ("控制在", Side::AtMost),
    ("控制到", Side::AtMost),
    ("不超", Side::AtMost),
    ("至少", Side::AtLeast),
    ("最少", Side::AtLeast),
    ("达到", Side::AtLeast),
    ("超过", Side::AtLeast),
    ("高于", Side::AtLeast),
    ("大于", Side::AtLeast),
    ("多于", Side::AtLeast),
    ("至多", Side::AtMost),
    ("最多", Side::AtMost),
    ("低于", Side::AtMost),
    ("小于", Side::AtMost),
    ("少于", Side::AtMost),
    ("达", Side::AtLeast),
    ("超", Side::AtLeast),
    ("≥", Side::AtLeast),
    (">", Side::AtLeast),
    ("≤", Side::AtMost),
    ("<", Side::AtMost),
];
/// Bound words after a figure.
const AFTER: [(&str, Side); 11] = [
    ("及以上", Side::AtLeast),
    ("或以上", Side::AtLeast),
    ("以上", Side::AtLeast),
    ("及以下", Side::AtMost),
    ("或以下", Side::AtMost),
    ("以下", Side::AtMost),
    ("以内", Side::AtMost),
    ("之内", Side::AtMost),
    ("为限", Side::AtMost),
    ("封顶", Side::AtMost),
    ("内", Side::AtMost),
];
const APPROX_BEFORE: [&str; 5] = ["大约", "约为", "接近", "约", "近"];
const APPROX_AFTER: [&str; 3] = ["左右", "上下", "许"];
const PERIODS: [(&str, Period); 6] = [
    ("每季度", Period::Quarter),
    ("每半年", Period::HalfYear),
    ("每周", Period::Week),
    ("每月", Period::Month),
    ("每季", Period::Quarter),
    ("每年", Period::Year),
];
/// Units per period (`次/月`): the count and its period.
const PER_PERIOD: [(&str, Option<Period>); 5] = [
    ("/周", Some(Period::Week)),
    ("/月", Some(Period::Month)),
    ("/季度", Some(Period::Quarter)),
    ("/季", Some(Period::Quarter)),
    ("/年", None),
];
/// Units of a number that qualifies the figure after it (`3岁以下婴幼儿`).
const QUALIFYING: [&str; 5] = ["岁", "周岁", "月龄", "分钟", "小时"];

/// A cell's text as the readers expect it: ASCII digits and signs, `%` for
/// `百分比`, no spaces, `(` `)` for full-width brackets.
pub fn normalize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '¥' | '￥'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' | '﹪' => '%',
            '（' => '(',
            '）' => ')',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '～' => '~',
            '－' => '-',
            '／' => '/',
            '≧' => '≥',
            '≦' => '≤',
            '：' => ':',
            _ => c,
        })
        .collect();
    for (from, to) in [(">=", "≥"), ("<=", "≤"), ("=>", "≥"), ("=<", "≤"), ("百分比", "%"), ("%(%)", "%"), ("%%", "%")]
    {
        out = out.replace(from, to);
    }
    // `%=99百分比`: the unit printed before the sign as well as after it.
    if let Some(rest) = out.strip_prefix('%')
        && rest.starts_with(['=', '≥', '≤', '>', '<'])
    {
        out = rest.to_owned();
    }
    without_alternate_units(&out)
}

/// `100件(套)` → `100件`: a unit with another name for it in brackets;
/// `≥95(%)`, `3(场)` → `≥95%`, `3场`: the unit itself in brackets.
fn without_alternate_units(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '('
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && let Some(close) = chars[i..].iter().take(6).position(|c| *c == ')').map(|k| i + k)
            && close > i + 1
            && units::read_unit(&chars[..close], i + 1).1 == close
        {
            out.extend(&chars[i + 1..close]);
            i = close + 1;
            continue;
        }
        if chars[i] == '('
            && i > 0
            && let Some(close) = chars[i..].iter().position(|c| *c == ')').map(|k| i + k)
            && (2..=3).contains(&(close - i))
            && chars[i + 1..close].iter().all(|c| units::is_cjk(*c))
            && (chars[i - 1] == '%' || (i.saturating_sub(4)..i).any(|k| units::word_ending_at(&chars, k, i)))
        {
            i = close + 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Every figure of `text` (normalized), qualifiers folded into labels.
pub fn figures(text: &str) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    let raw = numbers(&chars);
    // A number is a qualifier when another figure follows in its clause and
    // it names that figure's kind: `15分钟到达率`, `3岁以下婴幼儿`, `第3季度`.
    let kept: Vec<&Raw> = raw
        .iter()
        .enumerate()
        .filter(|(k, r)| {
            let Some(next) = raw.get(k + 1).filter(|n| n.clause == r.clause) else { return true };
            let between: String = chars[r.end..next.start].iter().collect();
            let ordinal = r.start > 0 && chars[r.start - 1] == '第';
            let rate = ["率", "比例", "占比"].iter().any(|w| between.contains(w));
            !(rate || ordinal || (QUALIFYING.contains(&r.unit.as_str()) && !between.is_empty()))
        })
        .map(|(_, r)| r)
        .collect();
    let mut out = Vec::new();
    let mut previous: Option<&Raw> = None;
    for r in kept {
        let from = match previous {
            Some(p) if p.clause == r.clause => p.end,
            _ => r.clause_start,
        };
        let before: String = chars[from..r.start].iter().collect();
        out.push(figure(r, &before));
        previous = Some(r);
    }
    out
}

/// A number as found, before its words are read.
#[derive(Debug, Clone)]
struct Raw {
    value: Number,
    low: Option<Number>,
    per: Option<Number>,
    unit: String,
    side: Option<Side>,
    approx: bool,
    period: Option<Period>,
    clause: usize,
    clause_start: usize,
    start: usize,
    end: usize,
}

/// The numbers of a text with their units, ranges and words after.
fn numbers(chars: &[char]) -> Vec<Raw> {
    let mut found: Vec<Raw> = Vec::new();
    let (mut clause, mut clause_start) = (0, 0);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let figure_in_clause = found.last().is_some_and(|f| f.clause == clause);
        if SEPARATORS.contains(c) || (c == '/' && figure_in_clause) {
            clause += 1;
            clause_start = i + 1;
            i += 1;
            continue;
        }
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let (Some(mut value), mut end) = number(chars, i) else {
            // Too long for a figure: skip it whole, never read a part of it.
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
                i += 1;
            }
            continue;
        };
        let mut per = None;
        if chars.get(end) == Some(&'/')
            && let (Some(d), after) = number(chars, end + 1)
            && !chars.get(after).is_some_and(|c| "十百千万亿".contains(*c))
            && !d.is_zero()
        {
            per = Some(d);
            end = after;
        }
        let (mut unit, mut after_unit) = read_unit(chars, end);
        let mut low = None;
        if let Some(&dash) = chars.get(after_unit)
            && RANGE.contains(&dash)
            && let (Some(high), after_high) = number(chars, after_unit + 1)
            && per.is_none()
        {
            let (high_unit, after) = read_unit(chars, after_high);
            if (unit.is_empty() || high_unit.is_empty() || unit == high_unit) && value <= high {
                low = Some(value);
                value = high;
                if !high_unit.is_empty() {
                    unit = high_unit;
                }
                after_unit = after;
            }
        }
        let mut side = None;
        let mut approx = false;
        let mut period = None;
        // `2场/月`: a rate, as 每月2场; `235人/年` is a year's figure.
        for (word, p) in PER_PERIOD {
            if let Some(rest) = unit.strip_suffix(word).filter(|r| !r.is_empty()) {
                unit = rest.to_owned();
                period = p;
                break;
            }
        }
        for (word, s) in AFTER {
            if units::starts_with(chars, after_unit, word) {
                side = Some(s);
                after_unit += word.chars().count();
                break;
            }
        }
        for word in APPROX_AFTER {
            if units::starts_with(chars, after_unit, word) {
                approx = true;
                after_unit += word.chars().count();
                break;
            }
        }
        found.push(Raw { value, low, per, unit, side, approx, period, clause, clause_start, start, end: after_unit });
        i = after_unit.max(start + 1);
    }
    found
}

/// A number at `at`: digits, one decimal point, thousands commas (`1,165`).
/// Returns it (None when too long for a [`Number`]) and where it ends.
pub fn number(chars: &[char], at: usize) -> (Option<Number>, usize) {
    let mut end = at;
    let mut text = String::new();
    while let Some(&c) = chars.get(end) {
        let grouping = c == ','
            && !text.contains('.')
            && (1..=3).contains(&text.chars().rev().take_while(char::is_ascii_digit).count())
            && (1..=3).all(|k| chars.get(end + k).is_some_and(char::is_ascii_digit))
            && !chars.get(end + 4).is_some_and(char::is_ascii_digit);
        let point = c == '.' && !text.contains('.') && chars.get(end + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || point {
            text.push(c);
        } else if !grouping {
            break;
        }
        end += 1;
    }
    if text.is_empty() {
        return (None, at);
    }
    (Number::parse(&text), end)
}

/// A found number read with the words before it.
fn figure(raw: &Raw, before: &str) -> Figure {
    let mut rest = before.trim_start_matches(|c: char| SEPARATORS.contains(c) || "/:—-–·".contains(c)).to_owned();
    let mut side = raw.side;
    let mut equals = false;
    let mut approx = raw.approx;
    // The words right before the number: a bound, `=`, `约`, a period.
    loop {
        if let Some((word, s)) = BEFORE.iter().find(|(w, _)| rest.ends_with(w)) {
            side = side.or(Some(*s));
            rest.truncate(rest.len() - word.len());
        } else if let Some(word) = ["=", "为"].iter().find(|w| rest.ends_with(*w)) {
            equals = true;
            rest.truncate(rest.len() - word.len());
        } else if let Some(word) = APPROX_BEFORE.iter().find(|w| rest.ends_with(*w)) {
            approx = true;
            rest.truncate(rest.len() - word.len());
        } else {
            break;
        }
    }
    let mut period = raw.period;
    for (word, p) in PERIODS {
        if let Some(at) = rest.find(word) {
            period = Some(p);
            rest.replace_range(at..at + word.len(), "");
            break;
        }
    }
    let label = rest.trim().trim_end_matches([':', '：']).to_owned();
    Figure {
        value: raw.value,
        low: raw.low,
        per: raw.per,
        unit: raw.unit.clone(),
        side,
        equals,
        approx,
        label,
        before: before.to_owned(),
        period,
        clause: raw.clause,
        start: raw.start,
        end: raw.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        figures(&normalize(text))
            .iter()
            .map(|f| {
                let side = match (f.side, f.equals, f.approx) {
                    (_, _, true) => "≈",
                    (Some(Side::AtLeast), _, _) => "≥",
                    (Some(Side::AtMost), _, _) => "≤",
                    (None, true, _) => "=",
                    (None, false, _) => "",
                };
                let low = f.low.map(|l| format!("{l}-")).unwrap_or_default();
                let per = f.per.map(|p| format!("/{p}")).unwrap_or_default();
                format!("{}|{side}{low}{}{per}{}", f.label, f.value, f.unit)
            })
            .collect()
    }

    #[test]
    fn figures_carry_their_words() {
        assert_eq!(read("个案≥4个、个案服务≥20人次"), ["个案|≥4个", "个案服务|≥20人次"]);
        assert_eq!(read(">= 98 %(百分比)"), ["|≥98%"]);
        assert_eq!(read("征集展品藏品100件(套)以上"), ["征集展品藏品|≥100件"]);
        assert_eq!(read("≥95(%)"), ["|≥95%"]);
        assert_eq!(read("3（场）"), ["|3场"]);
        assert_eq!(read("%=99百分比"), ["|=99%"]);
        assert_eq!(read("区级以上媒体报道5篇以上"), ["区级以上媒体报道|≥5篇"]);
        assert_eq!(read("稳定在 85%左右"), ["稳定在|≈85%"]);
        assert_eq!(read("控制在15/10万以内"), ["|≤15/10万"]);
        assert_eq!(read("≥2/3"), ["|≥2/3"]);
        assert_eq!(read("1,165人次"), ["|1165人次"]);
        assert_eq!(read("温度14-24℃、湿度45%-60%"), ["温度|14-24℃", "湿度|45-60%"]);
        assert_eq!(read("个案服务每月至少2人次"), ["个案服务|≥2人次"]);
        assert_eq!(read("咨询/探访≥1000人次"), ["咨询/探访|≥1000人次"]);
        assert_eq!(read("严格按照预算标准1000元/人给补助对象兑付补助"), ["严格按照预算标准|1000元/人"]);
    }

    #[test]
    fn numbers_that_qualify_the_next_figure_are_its_label() {
        assert_eq!(read("15分钟到达率92.5%、20分钟到达率98%"), ["15分钟到达率|92.5%", "20分钟到达率|98%"]);
        assert_eq!(read("3岁以下婴幼儿托位≥200个"), ["3岁以下婴幼儿托位|≥200个"]);
        assert_eq!(
            read("项目建成后能够带动当地20名群众务工增收5000元/年"),
            ["项目建成后能够带动当地|20名", "群众务工增收|5000元"]
        );
        assert_eq!(read("第3季度完成60%"), ["第3季度完成|60%"]);
    }
}
