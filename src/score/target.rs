//! 指标值 as typed values, read the way real 绩效 tables write them, and the
//! 实际完成值 read against them. Nothing is guessed: a 指标值 that holds a
//! number and cannot be read is an error, never a judged target that would
//! score full points.
//!
//! What a 指标值 may be:
//! - a quantity, with a bound before or after it: `200户`, `≥90%`, `至少10节次`,
//!   `不少于6次`, `不低于90%`, `6次以上`, `3年及以上`, `≤0次`, `不超过2次`;
//! - a rate: `每周至少5场次`, `每月4场次` (compared with 52 or 12 times it);
//! - a range: `5-8人`;
//! - any of these after a label: `社区社会组织2`, `个案≥4个`;
//! - several of these in one cell (compound): `个案≥4个、个案服务≥20人次`,
//!   `社区≥12场，服务人数≥1000人次` — each part scored on its own share;
//! - words with no number (`常态化`, `示范点`): judged by people;
//! - `不适用` (not scored) or nothing / `暂无要求` (reported, not scored).
//!
//! ```
//! use wenshu::score::target::Target;
//! let target = Target::parse("个案≥4个、个案服务≥20人次").unwrap();
//! assert_eq!(target.describe(), "复合：个案 ≥4个 + 个案服务 ≥20人次");
//! assert!(Target::parse("各1套或一批次").is_err(), "a number it cannot read is an error");
//! ```

use crate::units::number::Number;

/// A measured value: `886个`, `95%`, `3年`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Number,
    /// The unit as written (`个`, `人次`, `%`); may be empty.
    pub unit: String,
}

impl Quantity {
    /// A number followed by a unit: `886个`, `95%`, `1,165 人次`. A unit
    /// is a short word (at most four characters, `个百分点`) with no digit
    /// and no connective (`1套或一批次` is not a quantity). Anything else is
    /// not a quantity.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(text.len());
        let value = Number::parse(&text[..end])?;
        let unit = text[end..].trim().replace('％', "%");
        is_unit(&unit).then_some(Quantity { value, unit })
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}{}", self.value, self.unit)
    }
}

/// The period of a rate target (`每周至少5场次`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    /// How many of these a year has, to turn a rate into the year's figure.
    pub fn per_year(self) -> i64 {
        match self {
            Period::Week => 52,
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Period::Week => "每周",
            Period::Month => "每月",
            Period::Quarter => "每季度",
            Period::Year => "每年",
        }
    }
}

/// Which side of its figure a measure must land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The actual must reach the figure.
    AtLeast,
    /// The actual must not exceed it.
    AtMost,
    /// Within `low`..=figure.
    Range { low: Number },
}

/// One quantity a target asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The words before the figure (`个案`, `社区社会组织`); may be empty.
    pub label: String,
    pub bound: Bound,
    /// The figure (a range's upper end), per period for a rate.
    pub figure: Number,
    /// The unit (`个`, `%`); may be empty (`≥20`).
    pub unit: String,
    pub period: Option<Period>,
}

/// A 指标值.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One quantity.
    Measured(Measure),
    /// Several quantities in one cell, each scored on its share of the points.
    Compound(Vec<Measure>),
    /// Words with no number: judged by people.
    Judged(String),
    /// `不适用`: not scored.
    NotApplicable,
    /// No target, or `暂无要求`: reported, not scored.
    None,
}

/// Words before a figure that bound it from below or above.
const AT_LEAST: [&str; 10] = ["≥", ">=", "＞＝", "≧", "大于等于", "不低于", "不少于", "至少", "达到", "不小于"];
const AT_MOST: [&str; 8] = ["≤", "<=", "＜＝", "≦", "小于等于", "不超过", "不高于", "至多"];
const PERIODS: [(&str, Period); 4] =
    [("每周", Period::Week), ("每月", Period::Month), ("每季度", Period::Quarter), ("每年", Period::Year)];
/// Separators between the parts of a compound cell.
const SEPARATORS: [char; 7] = ['、', '，', ',', '；', ';', '/', '／'];

/// Why a 指标值 could not be read, and the ways to write one.
pub fn unreadable(text: &str) -> String {
    format!(
        "指标值“{text}”含有数字，但 wenshu 读不懂它，不会猜测它的得分。请改写成能计算的形式：\
         200户、≥90%、至少10节次、6次以上、每周至少5场次、5-8人，几个数量写在一格的如 个案≥4个、个案服务≥20人次；\
         或者这个指标由人评定时，写 kind: 定性 并写得分 score"
    )
}

impl Target {
    /// Reads a 指标值; a text with a number that cannot be read is an error.
    pub fn parse(text: &str) -> Result<Target, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == "暂无要求" || trimmed == "无要求" || trimmed == "无" {
            return Ok(Target::None);
        }
        if trimmed == "不适用" {
            return Ok(Target::NotApplicable);
        }
        if !trimmed.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return Ok(Target::Judged(trimmed.to_owned()));
        }
        let parts = split_parts(trimmed);
        let mut measures = Vec::new();
        for part in &parts {
            match Measure::parse(part) {
                Some(measure) => measures.push(measure),
                None => return Err(unreadable(trimmed)),
            }
        }
        match measures.len() {
            1 => Ok(Target::Measured(measures.remove(0))),
            _ => Ok(Target::Compound(measures)),
        }
    }

    /// The measures of a numeric target, one or several.
    pub fn measures(&self) -> &[Measure] {
        match self {
            Target::Measured(m) => std::slice::from_ref(m),
            Target::Compound(ms) => ms,
            _ => &[],
        }
    }

    /// Whether the target carries points at all.
    pub fn is_scored(&self) -> bool {
        !matches!(self, Target::None | Target::NotApplicable)
    }

    /// How the target was read, for `wenshu explain`: `≥ 4个`,
    /// `每周至少5场次 → 全年 260场次`, `复合：个案 ≥4个 + 个案服务 ≥20人次`.
    pub fn describe(&self) -> String {
        match self {
            Target::Measured(m) => m.describe(),
            Target::Compound(ms) => {
                let parts: Vec<String> = ms.iter().map(Measure::describe).collect();
                format!("复合：{}", parts.join(" + "))
            }
            Target::Judged(words) => format!("定性：{words}"),
            Target::NotApplicable => "不适用，不计分".to_owned(),
            Target::None => "无指标值，不计分".to_owned(),
        }
    }
}

/// The parts of a cell: split at separators, a piece with no number (a
/// label written with a separator, `咨询/探访≥1000人次`) joined to the next.
fn split_parts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        // A comma between digits groups thousands (1,165).
        let thousands =
            c == ',' && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if SEPARATORS.contains(&c) && !thousands {
            pieces.push(std::mem::take(&mut current));
            pieces.last_mut().expect("just pushed").push(c);
        } else {
            current.push(c);
        }
    }
    pieces.push(current);
    let mut parts: Vec<String> = Vec::new();
    let mut carry = String::new();
    for piece in pieces {
        carry.push_str(&piece);
        if carry.chars().any(|c| c.is_ascii_digit()) {
            let part = carry.trim().trim_end_matches(SEPARATORS).trim().to_owned();
            parts.push(part);
            carry.clear();
        }
    }
    if !carry.trim().trim_end_matches(SEPARATORS).is_empty() {
        match parts.last_mut() {
            Some(last) => last.push_str(carry.trim_end_matches(SEPARATORS)),
            None => parts.push(carry.trim().to_owned()),
        }
    }
    parts
}

impl Measure {
    /// One quantity with its label, period and bound.
    fn parse(text: &str) -> Option<Measure> {
        let text = text.trim();
        // The label runs up to a period word, a bound word or a digit.
        let starts: Vec<&str> = PERIODS.iter().map(|(w, _)| *w).chain(AT_LEAST).chain(AT_MOST).collect();
        let start = text
            .char_indices()
            .find(|(i, c)| c.is_ascii_digit() || starts.iter().any(|w| text[*i..].starts_with(w)))
            .map(|(i, _)| i)?;
        let label = text[..start].trim().trim_end_matches(['：', ':']).trim().to_owned();
        // `第3季度` is an ordinal, not a count of anything.
        if label.ends_with('第') {
            return None;
        }
        let mut rest = text[start..].trim();
        let mut period = None;
        for (word, p) in PERIODS {
            if let Some(after) = rest.strip_prefix(word) {
                period = Some(p);
                rest = after.trim();
            }
        }
        let mut bound = None;
        for word in AT_LEAST {
            if let Some(after) = rest.strip_prefix(word) {
                bound = Some(Bound::AtLeast);
                rest = after.trim();
            }
        }
        for word in AT_MOST {
            if let Some(after) = rest.strip_prefix(word) {
                bound = Some(Bound::AtMost);
                rest = after.trim();
            }
        }
        for (suffix, after) in [
            ("及以上", Bound::AtLeast),
            ("以上", Bound::AtLeast),
            ("及以下", Bound::AtMost),
            ("以下", Bound::AtMost),
            ("以内", Bound::AtMost),
        ] {
            if bound.is_none()
                && let Some(before) = rest.strip_suffix(suffix)
            {
                bound = Some(after);
                rest = before.trim();
            }
        }
        if let Some((low, high)) = split_range(rest) {
            let low_bound = bound.is_none();
            return low_bound.then_some(Measure {
                label,
                bound: Bound::Range { low: low.value },
                figure: high.value,
                unit: high.unit,
                period,
            });
        }
        let quantity = Quantity::parse(rest)?;
        let bound = bound.unwrap_or(if quantity.value.is_zero() { Bound::AtMost } else { Bound::AtLeast });
        Some(Measure { label, bound, figure: quantity.value, unit: quantity.unit, period })
    }

    /// The figure the year's actual is compared with: a rate times the
    /// periods of a year.
    pub fn yearly(&self) -> Number {
        match self.period {
            Some(period) => self.figure.times(period.per_year()),
            None => self.figure,
        }
    }

    /// The figure completion rates divide by: the yearly figure, a range's
    /// lower end; none for an upper bound.
    pub fn divisor(&self) -> Option<Number> {
        match self.bound {
            Bound::AtLeast => Some(self.yearly()),
            Bound::Range { low } => Some(match self.period {
                Some(period) => low.times(period.per_year()),
                None => low,
            }),
            Bound::AtMost => None,
        }
    }

    /// 完成率 in hundredths of a percent: actual ÷ the divisor.
    pub fn completion(&self, actual: Number) -> Option<i64> {
        actual.percent_of(self.divisor()?)
    }

    /// 得分 by the national method: reaching a "≥" figure scores actual ÷
    /// figure × points, capped at the points; a "≤" figure, figure ÷ actual
    /// × points once exceeded; a range, the nearer end ÷ actual (or actual
    /// ÷ end) outside it.
    pub fn score(&self, actual: Number, points: Number) -> Number {
        let capped = |part: Number, whole: Number| if part >= whole { points } else { points.scaled(part, whole) };
        match self.bound {
            Bound::AtLeast => capped(actual, self.yearly()),
            Bound::AtMost => capped(self.yearly(), actual),
            Bound::Range { .. } => {
                let low = self.divisor().unwrap_or(Number::ZERO);
                if actual < low { capped(actual, low) } else { capped(self.yearly(), actual) }
            }
        }
    }

    /// `个案 ≥4个`, `每周至少5场次 → 全年 260场次`.
    pub fn describe(&self) -> String {
        let label = if self.label.is_empty() { String::new() } else { format!("{} ", self.label) };
        let unit = &self.unit;
        let figure = match self.bound {
            Bound::AtLeast => format!("≥{}{unit}", self.figure),
            Bound::AtMost => format!("≤{}{unit}", self.figure),
            Bound::Range { low } => format!("{low}–{}{unit}", self.figure),
        };
        match self.period {
            Some(period) => format!("{label}{}{figure} → 全年 {}{unit}", period.word(), self.yearly()),
            None => format!("{label}{figure}"),
        }
    }
}

/// `5-8人`, `5～8人`, `5至8人` → (5人, 8人).
fn split_range(text: &str) -> Option<(Quantity, Quantity)> {
    for separator in ['-', '－', '~', '～', '至', '—', '–'] {
        if let Some((low, high)) = text.split_once(separator) {
            let high = Quantity::parse(high)?;
            let low = Quantity::parse(low).map(|q| Quantity { unit: high.unit.clone(), ..q })?;
            if low.value <= high.value {
                return Some((low, high));
            }
        }
    }
    None
}

/// Whether `word` can be a unit: short, no digit, space or connective.
fn is_unit(word: &str) -> bool {
    word.chars().count() <= 4
        && !word.chars().any(|c| c.is_ascii_digit() || c.is_whitespace() || "或和与及等各至到".contains(c))
}

/// A quantity found in an actual's text, with the words before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub label: String,
    pub quantity: Quantity,
}

/// Every quantity in an actual written the way tables write it:
/// `探访774人次` → (探访, 774人次); `完成个案服务5个，服务22人次` → two.
pub fn quantities(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    let mut label_start = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if SEPARATORS.contains(&c) && !(c == ',' && k > 0 && chars[k - 1].1.is_ascii_digit()) {
            label_start = at + c.len_utf8();
            k += 1;
            continue;
        }
        if !c.is_ascii_digit() {
            k += 1;
            continue;
        }
        // A number: digits, thousands commas and one point.
        let mut end = k;
        while end < chars.len() {
            let ch = chars[end].1;
            let grouping = ch == ',' && chars.get(end + 1).is_some_and(|n| n.1.is_ascii_digit());
            if ch.is_ascii_digit() || ch == '.' || grouping {
                end += 1;
            } else {
                break;
            }
        }
        // The unit: what follows, up to a digit, a separator or a space.
        let mut unit_end = end;
        while unit_end < chars.len() {
            let ch = chars[unit_end].1;
            if ch.is_ascii_digit() || ch.is_whitespace() || SEPARATORS.contains(&ch) || "。（(）)".contains(ch) {
                break;
            }
            unit_end += 1;
        }
        let byte = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
        let number = &text[at..byte(end)];
        let unit = text[byte(end)..byte(unit_end)].replace('％', "%");
        if let Some(value) = Number::parse(number) {
            let label = text[label_start..at].trim().to_owned();
            found.push(Found { label, quantity: Quantity { value, unit } });
        }
        label_start = byte(unit_end);
        k = unit_end.max(end).max(k + 1);
    }
    found
}

/// Words in an actual that say a judged target was met in full.
pub const DONE: [&str; 7] = ["已完成", "完成", "已达到", "达到", "已达成", "达成", "是"];

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap()
    }

    fn one(text: &str) -> Measure {
        match Target::parse(text) {
            Ok(Target::Measured(m)) => m,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_every_single_form_tables_use() {
        let cases: &[(&str, &str)] = &[
            ("200户", "≥200户"),
            ("100%", "≥100%"),
            ("≥90%", "≥90%"),
            ("至少10节次", "≥10节次"),
            ("不少于6次", "≥6次"),
            ("不低于90%", "≥90%"),
            ("6次以上", "≥6次"),
            ("5篇以上", "≥5篇"),
            ("3年及以上", "≥3年"),
            ("≤0次", "≤0次"),
            ("不超过2次", "≤2次"),
            ("0", "≤0"),
            ("≥20", "≥20"),
            ("5-8人", "5–8人"),
            ("每周至少5场次", "每周≥5场次 → 全年 260场次"),
            ("每月至少4场次", "每月≥4场次 → 全年 48场次"),
            ("每月4场", "每月≥4场 → 全年 48场"),
            ("社区社会组织2", "社区社会组织 ≥2"),
            ("探访774人次", "探访 ≥774人次"),
            ("个案服务每月至少2人次", "个案服务 每月≥2人次 → 全年 24人次"),
            ("1,165人次", "≥1165人次"),
        ];
        for (text, read) in cases {
            assert_eq!(one(text).describe(), *read, "{text}");
        }
    }

    #[test]
    fn compound_cells_split_into_parts() {
        let target = Target::parse("社区≥12场、服务人数≥1000人次").unwrap();
        assert_eq!(target.describe(), "复合：社区 ≥12场 + 服务人数 ≥1000人次");
        let target = Target::parse("个案≥4个；小组2个，活动6次以上").unwrap();
        assert_eq!(target.measures().len(), 3);
        // A separator inside a label does not split it.
        assert_eq!(Target::parse("咨询/探访≥1000人次").unwrap().describe(), "咨询/探访 ≥1000人次");
    }

    #[test]
    fn words_are_judged_and_unreadable_numbers_refused() {
        assert_eq!(Target::parse("常态化"), Ok(Target::Judged("常态化".into())));
        assert_eq!(Target::parse("专业化、国际化"), Ok(Target::Judged("专业化、国际化".into())));
        assert_eq!(Target::parse("合格及以上"), Ok(Target::Judged("合格及以上".into())));
        assert_eq!(Target::parse("不适用"), Ok(Target::NotApplicable));
        assert_eq!(Target::parse(""), Ok(Target::None));
        assert_eq!(Target::parse("暂无要求"), Ok(Target::None));
        for unreadable in ["各1套或一批次", "第3季度", "1到2次或更多", "≥2次或3次"] {
            assert!(Target::parse(unreadable).is_err(), "{unreadable}");
        }
    }

    #[test]
    fn scores_by_the_national_method() {
        let five = n("5");
        let at_least = one("45个");
        assert_eq!(at_least.completion(n("35")), Some(7778));
        assert_eq!(at_least.score(n("35"), five).fixed2(), "3.89");
        assert_eq!(at_least.score(n("55"), five), five, "capped at the points");
        let at_most = one("≤2次");
        assert_eq!(at_most.score(n("1"), five), five);
        assert_eq!(at_most.score(n("4"), five).fixed2(), "2.50");
        assert_eq!(one("0").score(n("0"), five), five);
        assert_eq!(one("0").score(n("3"), five), Number::ZERO);
        let weekly = one("每周至少5场次");
        assert_eq!(weekly.completion(n("273")), Some(10500));
        let range = one("5-8人");
        assert_eq!(range.score(n("6"), five), five);
        assert_eq!(range.score(n("4"), five).fixed2(), "4.00");
        assert_eq!(range.score(n("10"), five).fixed2(), "4.00");
    }

    #[test]
    fn finds_the_quantities_of_narrative_actuals() {
        let found = quantities("完成个案服务5个，服务22人次");
        let read: Vec<(String, String)> = found.iter().map(|f| (f.label.clone(), f.quantity.to_string())).collect();
        assert_eq!(read, [("完成个案服务".to_owned(), "5个".to_owned()), ("服务".to_owned(), "22人次".to_owned())]);
        assert_eq!(quantities("探访774人次")[0].quantity.to_string(), "774人次");
        assert_eq!(quantities("1,165人次")[0].quantity.to_string(), "1165人次");
        assert_eq!(quantities("95%")[0].quantity.unit, "%");
        assert!(quantities("已建成示范点").is_empty());
    }
}
