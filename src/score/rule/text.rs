//! Lexing a 评分细则: the many ways tables write the same thing brought to
//! one form, and numbers read together with the unit that follows them.

use crate::units::number::Number;

/// Units a count is written in. Longer names come first so `人次` is not
/// read as `人`.
const COUNT_UNITS: &[&str] = &[
    "个工作日",
    "工作日",
    "个月",
    "人次",
    "户次",
    "周岁",
    "小时",
    "课时",
    "学时",
    "分钟",
    "批次",
    "万元",
    "元",
    "个",
    "人",
    "户",
    "次",
    "场",
    "项",
    "件",
    "条",
    "名",
    "家",
    "所",
    "天",
    "日",
    "岁",
    "份",
    "例",
    "起",
    "处",
    "期",
    "篇",
    "批",
    "位",
    "台",
    "套",
    "座",
    "辆",
    "张",
    "本",
    "册",
    "节",
    "笔",
    "类",
    "间",
    "道",
    "周",
];

/// Characters after which a small Chinese numeral is a quantity (`一个百分点`,
/// `扣两分`, `每少一次`) rather than part of a word (`三公经费`, `一级指标`).
const NUMERAL_FOLLOWERS: &str = "个分次人户天日项条件名位场岁例起处份点%笔类篇倍学周";

/// What follows a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// `%`, `个百分点`, `个点`.
    Percent,
    /// `分`: a score, not a measure.
    Score,
    /// `倍`: a multiple of something else (`注册资金的2倍`).
    Times,
    /// A count unit: `人次`, `户`, `天` …
    Word(String),
    /// Nothing: `=0`, `0-10%` (the `0`).
    Bare,
}

/// Units that count the same thing.
const SAME_UNITS: &[&[&str]] = &[&["人", "名", "位"], &["天", "日"], &["个工作日", "工作日"], &["项", "个", "条"]];

/// Whether a figure in `held` can be read as `wanted`.
pub(super) fn same_unit(wanted: &Unit, held: &Unit) -> bool {
    match (wanted, held) {
        (Unit::Word(a), Unit::Word(b)) => {
            a == b || SAME_UNITS.iter().any(|set| set.contains(&a.as_str()) && set.contains(&b.as_str()))
        }
        (a, b) => a == b,
    }
}

/// A number in a rule, with the unit that follows it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tok {
    pub value: Number,
    pub start: usize,
    /// Index just past the number.
    pub num_end: usize,
    /// Index just past the unit.
    pub end: usize,
    pub unit: Unit,
}

/// Brings a rule to one written form: ASCII digits, `%` and brackets, one
/// separator set (`,` `;` `:`), comparison signs `≥ ≤ > < =`, no spaces or
/// quotes, and small Chinese numerals before a unit turned into digits.
pub(super) fn normalize(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for &ch in &chars {
        let mapped = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '％' => '%',
            '．' => '.',
            '，' => ',',
            '；' | '。' | '！' | '？' => ';',
            '：' => ':',
            '（' | '【' | '[' | '［' | '〔' => '(',
            '）' | '】' | ']' | '］' | '〕' => ')',
            '≧' | '≥' => '≥',
            '≦' | '≤' => '≤',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '－' | '—' | '–' | '～' | '~' | '〜' | '―' => '-',
            '＊' | '*' | '✕' => '×',
            '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '《' | '》' | '〈' | '〉' => continue,
            c if c.is_whitespace() => continue,
            c => c,
        };
        // `>=` and `<=` are one sign.
        if mapped == '=' {
            match out.last() {
                Some('>') => {
                    out.pop();
                    out.push('≥');
                    continue;
                }
                Some('<') => {
                    out.pop();
                    out.push('≤');
                    continue;
                }
                _ => {}
            }
        }
        out.push(mapped);
    }
    // Scans read a digit as a letter beside 分: `得l分`, `减至O分为止`.
    for i in 1..out.len().saturating_sub(1) {
        if out[i + 1] == '分' && "得计至扣".contains(out[i - 1]) {
            match out[i] {
                'l' | 'I' => out[i] = '1',
                'O' | 'o' => out[i] = '0',
                _ => {}
            }
        }
    }
    // A full stop that is not a decimal point ends a sentence.
    let len = out.len();
    for i in 0..len {
        if out[i] == '.' {
            let digit_before = i > 0 && out[i - 1].is_ascii_digit();
            let digit_after = i + 1 < len && out[i + 1].is_ascii_digit();
            if !(digit_before && digit_after) {
                out[i] = ';';
            }
        }
    }
    numerals(&out)
}

fn numeral_value(ch: char) -> Option<u32> {
    match ch {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        '十' => Some(10),
        _ => None,
    }
}

/// Turns runs of small Chinese numerals (up to 九十九) into digits where a
/// unit follows. A lone `十` before `分` stays: `十分` is "very" far more
/// often than "ten points".
fn numerals(c: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(c.len());
    let mut i = 0;
    while i < c.len() {
        if numeral_value(c[i]).is_none() {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < c.len() && numeral_value(c[i]).is_some() {
            i += 1;
        }
        let run = &c[start..i];
        // 零点五分: a decimal, one numeral per digit after 点.
        let fraction_end = (i + 1..c.len()).take_while(|&k| numeral_value(c[k]).is_some_and(|v| v < 10)).last();
        if let (true, Some(end)) = (i < c.len() && c[i] == '点', fraction_end) {
            let follows_unit = end + 1 < c.len() && NUMERAL_FOLLOWERS.contains(c[end + 1]);
            if let (true, Some(whole)) = (follows_unit, numeral_run(run)) {
                out.extend(whole.to_string().chars());
                out.push('.');
                out.extend(
                    c[i + 1..=end].iter().filter_map(|&ch| numeral_value(ch)).filter_map(|d| char::from_digit(d, 10)),
                );
                i = end + 1;
                continue;
            }
        }
        let follows_unit = i < c.len() && NUMERAL_FOLLOWERS.contains(c[i]);
        let lone_ten_points = run == ['十'] && i < c.len() && c[i] == '分';
        match (follows_unit && !lone_ten_points).then(|| numeral_run(run)).flatten() {
            Some(n) => out.extend(n.to_string().chars()),
            None => out.extend_from_slice(run),
        }
    }
    out
}

/// The value of `二十五`, `十`, `两`; `None` for runs that are not a number.
fn numeral_run(run: &[char]) -> Option<u32> {
    let (mut total, mut current, mut seen_ten) = (0u32, None::<u32>, false);
    for &ch in run {
        let v = numeral_value(ch)?;
        if v == 10 {
            if seen_ten {
                return None;
            }
            seen_ten = true;
            total += current.take().unwrap_or(1) * 10;
        } else {
            if current.is_some() {
                return None;
            }
            current = Some(v);
        }
    }
    Some(total + current.unwrap_or(0))
}

pub(super) fn starts(c: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(k, ch)| c.get(k) == Some(&ch))
}

pub(super) fn find(c: &[char], s: &str, from: usize) -> Option<usize> {
    (from..c.len()).find(|&i| starts(c, i, s))
}

pub(super) fn contains(c: &[char], s: &str) -> bool {
    find(c, s, 0).is_some()
}

pub(super) fn ends(c: &[char], s: &str) -> bool {
    let n = s.chars().count();
    n <= c.len() && starts(c, c.len() - n, s)
}

pub(super) fn string(c: &[char]) -> String {
    c.iter().collect()
}

/// Reads the number starting at `i` (digits, at most one decimal point).
pub(super) fn number_at(c: &[char], i: usize) -> Result<Option<(Number, usize)>, String> {
    if i >= c.len() || !c[i].is_ascii_digit() {
        return Ok(None);
    }
    let mut j = i;
    let mut dot = false;
    while j < c.len()
        && (c[j].is_ascii_digit() || (c[j] == '.' && !dot && j + 1 < c.len() && c[j + 1].is_ascii_digit()))
    {
        dot |= c[j] == '.';
        j += 1;
    }
    let written = string(&c[i..j]);
    match Number::parse(&written) {
        Some(n) => Ok(Some((n, j))),
        None => Err(format!("数字“{written}”读不出（最多四位小数）")),
    }
}

/// The unit written at `i`, and the index past it.
pub(super) fn unit_at(c: &[char], i: usize) -> (Unit, usize) {
    for percent in ["%", "个百分点", "百分点", "个点"] {
        if starts(c, i, percent) {
            return (Unit::Percent, i + percent.chars().count());
        }
    }
    if starts(c, i, "分") && !starts(c, i, "分钟") && !starts(c, i, "分之") {
        return (Unit::Score, i + 1);
    }
    if starts(c, i, "倍") {
        return (Unit::Times, i + 1);
    }
    for unit in COUNT_UNITS {
        if starts(c, i, unit) {
            return (Unit::Word((*unit).to_owned()), i + unit.chars().count());
        }
    }
    (Unit::Bare, i)
}

/// Every number in `c` with its unit; `2/3` is one share (66.6666%).
pub(super) fn tokens(c: &[char]) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match number_at(c, i)? {
            Some((a, slash)) if c.get(slash) == Some(&'/') && c.get(slash + 1).is_some_and(char::is_ascii_digit) => {
                let (b, num_end) = number_at(c, slash + 1)?.ok_or("分数读不出")?;
                if b.is_zero() {
                    return Err("分数的分母是 0".into());
                }
                let value = Number::from_raw(a.raw() * 1_000_000 / b.raw());
                let end = if starts(c, num_end, "%") { num_end + 1 } else { num_end };
                toks.push(Tok { value, start: i, num_end, end, unit: Unit::Percent });
                i = end;
            }
            Some((value, num_end)) => {
                let (unit, end) = unit_at(c, num_end);
                toks.push(Tok { value, start: i, num_end, end, unit });
                i = end.max(num_end);
            }
            None => i += 1,
        }
    }
    Ok(toks)
}

/// Whether `c` says how many points are given or taken: a `分` that is not
/// part of 百分点, 分钟, 分别, 分配, 进行评分 and the like.
pub(super) fn has_score(c: &[char]) -> bool {
    // `扣除…的全部分值`: 部 before 分 is not 部分 here.
    if contains(c, "全部分值") || contains(c, "全部分数") {
        return true;
    }
    (0..c.len()).any(|i| {
        c[i] == '分'
            && !(i > 0 && "百部区充划评".contains(c[i - 1]))
            && !(i + 1 < c.len() && "钟别配析类布解之数".contains(c[i + 1]))
    })
}
