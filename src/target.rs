//! 指标值 as typed values, parsed from how forms write them, and how each
//! kind is judged against the year's 实际完成值.
//!
//! ```
//! use wenshu::target::{Target, Period};
//! assert!(matches!(Target::parse("每周至少5场次"), Target::PerPeriod { period: Period::Week, .. }));
//! assert!(matches!(Target::parse("专业化、国际化"), Target::Judged(_)));
//! ```

use crate::number::Number;

/// A measured value: `886个`, `95%`, `3年`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Number,
    /// The unit as written (`个`, `人次`, `%`); may be empty.
    pub unit: String,
}

impl Quantity {
    /// A number followed by a unit with no digits in it: `886个`, `95%`,
    /// `1,165 人次`. Anything else is not a quantity.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(text.len());
        let value = Number::parse(&text[..end])?;
        let unit = text[end..].trim().replace('％', "%");
        if unit.chars().any(|c| c.is_ascii_digit() || c.is_whitespace()) {
            return None;
        }
        Some(Quantity { value, unit })
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
}

impl Period {
    /// How many of these a year has, to turn a rate into the year's figure.
    pub fn per_year(self) -> i64 {
        match self {
            Period::Week => 52,
            Period::Month => 12,
            Period::Quarter => 4,
        }
    }
}

/// A 指标值.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The actual must reach it: `200户`, `100%`, `≥90%`, `至少10节次`, `3年及以上`.
    AtLeast(Quantity),
    /// The actual must not exceed it: `≤0次`, `不超过2次`, and a bare `0`.
    AtMost(Quantity),
    /// At least `amount` every period; the year is compared with amount × periods.
    PerPeriod { amount: Quantity, period: Period },
    /// Within bounds: `5-8人`.
    Range { low: Quantity, high: Quantity },
    /// A target judged by people, not divided: `常态化`, `专业化、国际化`, `示范点`.
    Judged(String),
    /// `不适用`: not scored.
    NotApplicable,
    /// No target, or `暂无要求` (协议对参与人次暂无要求): reported, not scored.
    None,
}

impl Target {
    pub fn parse(text: &str) -> Target {
        let text = text.trim();
        if text.is_empty() || text == "暂无要求" || text == "无要求" {
            return Target::None;
        }
        if text == "不适用" || text == "无" {
            return Target::NotApplicable;
        }
        for (prefix, period) in [("每周", Period::Week), ("每月", Period::Month), ("每季度", Period::Quarter)] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let rest = rest.trim_start_matches("至少").trim_start_matches("不少于");
                if let Some(amount) = Quantity::parse(rest) {
                    return Target::PerPeriod { amount, period };
                }
            }
        }
        const AT_LEAST: [&str; 6] = ["≥", ">=", "＞＝", "不低于", "不少于", "至少"];
        const AT_MOST: [&str; 5] = ["≤", "<=", "不超过", "不高于", "至多"];
        for prefix in AT_LEAST {
            if let Some(q) = text.strip_prefix(prefix).and_then(Quantity::parse) {
                return Target::AtLeast(q);
            }
        }
        for prefix in AT_MOST {
            if let Some(q) = text.strip_prefix(prefix).and_then(Quantity::parse) {
                return Target::AtMost(q);
            }
        }
        for suffix in ["及以上", "以上"] {
            if let Some(q) = text.strip_suffix(suffix).and_then(Quantity::parse) {
                return Target::AtLeast(q);
            }
        }
        for suffix in ["及以下", "以下"] {
            if let Some(q) = text.strip_suffix(suffix).and_then(Quantity::parse) {
                return Target::AtMost(q);
            }
        }
        if let Some((low, high)) = split_range(text) {
            return Target::Range { low, high };
        }
        match Quantity::parse(text) {
            Some(q) if q.value.is_zero() => Target::AtMost(q),
            Some(q) => Target::AtLeast(q),
            None => Target::Judged(text.to_owned()),
        }
    }

    /// The unit the actual should be written in, for numeric targets.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Target::AtLeast(q) | Target::AtMost(q) => Some(&q.unit),
            Target::PerPeriod { amount, .. } => Some(&amount.unit),
            Target::Range { high, .. } => Some(&high.unit),
            _ => None,
        }
    }

    /// Whether the target carries points at all.
    pub fn is_scored(&self) -> bool {
        !matches!(self, Target::None | Target::NotApplicable)
    }

    /// The figure the year's actual is divided by for the completion rate.
    pub fn yearly_figure(&self) -> Option<Number> {
        match self {
            Target::AtLeast(q) => Some(q.value),
            Target::PerPeriod { amount, period } => Some(amount.value.times(period.per_year())),
            Target::Range { low, .. } => Some(low.value),
            _ => None,
        }
    }

    /// 完成率 in hundredths of a percent: actual ÷ the year's figure.
    pub fn completion(&self, actual: &Quantity) -> Option<i64> {
        actual.value.percent_of(self.yearly_figure()?)
    }

    /// 得分 of a numeric target by the national method: reaching a "≥"
    /// target scores actual ÷ target × points, capped at the points; a "≤"
    /// target, target ÷ actual × points once exceeded; a range, the nearer
    /// bound ÷ actual (or actual ÷ bound) outside it. `None` for targets
    /// that are judged or not scored.
    pub fn score(&self, actual: &Quantity, points: Number) -> Option<Number> {
        let capped = |part: Number, whole: Number| {
            if part >= whole { points } else { points.scaled(part, whole) }
        };
        match self {
            Target::AtLeast(_) | Target::PerPeriod { .. } => Some(capped(actual.value, self.yearly_figure()?)),
            Target::AtMost(q) => Some(capped(q.value, actual.value)),
            Target::Range { low, high } if actual.value < low.value => Some(capped(actual.value, low.value)),
            Target::Range { high, .. } => Some(capped(high.value, actual.value)),
            _ => None,
        }
    }
}

/// `5-8人`, `5～8人`, `5至8人` → (5人, 8人).
fn split_range(text: &str) -> Option<(Quantity, Quantity)> {
    for separator in ['-', '－', '~', '～', '至', '—'] {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    #[test]
    fn parses_every_kind_forms_use() {
        assert_eq!(Target::parse("200户"), Target::AtLeast(q("200户")));
        assert_eq!(Target::parse("100%"), Target::AtLeast(q("100%")));
        assert_eq!(Target::parse("≥90%"), Target::AtLeast(q("90%")));
        assert_eq!(Target::parse("至少10节次"), Target::AtLeast(q("10节次")));
        assert_eq!(Target::parse("3年及以上"), Target::AtLeast(q("3年")));
        assert_eq!(Target::parse("≤0次"), Target::AtMost(q("0次")));
        assert_eq!(Target::parse("0"), Target::AtMost(q("0")));
        assert_eq!(Target::parse("每周至少5场次"), Target::PerPeriod { amount: q("5场次"), period: Period::Week });
        assert_eq!(Target::parse("每月至少4场次"), Target::PerPeriod { amount: q("4场次"), period: Period::Month });
        assert_eq!(Target::parse("5-8人"), Target::Range { low: q("5人"), high: q("8人") });
        assert_eq!(Target::parse("常态化"), Target::Judged("常态化".into()));
        assert_eq!(Target::parse("专业化、国际化"), Target::Judged("专业化、国际化".into()));
        assert_eq!(Target::parse("各1套或一批次"), Target::Judged("各1套或一批次".into()));
        assert_eq!(Target::parse("合格及以上"), Target::Judged("合格及以上".into()));
        assert_eq!(Target::parse("不适用"), Target::NotApplicable);
        assert_eq!(Target::parse(""), Target::None);
        assert_eq!(Target::parse("暂无要求"), Target::None);
    }

    #[test]
    fn judges_and_scores_by_the_national_method() {
        let five = Number::from_int(5);
        let at_least = Target::parse("45个");
        assert_eq!(at_least.completion(&q("35个")), Some(7778));
        assert_eq!(at_least.score(&q("35个"), five).unwrap().fixed2(), "3.89");
        assert_eq!(at_least.score(&q("55个"), five), Some(five), "capped at the points");

        let at_most = Target::parse("≤2次");
        assert_eq!(at_most.score(&q("1次"), five), Some(five));
        assert_eq!(at_most.score(&q("4次"), five).unwrap().fixed2(), "2.50");
        assert_eq!(Target::parse("0").score(&q("0"), five), Some(five));
        assert_eq!(Target::parse("0").score(&q("3"), five), Some(Number::ZERO));

        let weekly = Target::parse("每周至少5场次");
        assert_eq!(weekly.yearly_figure(), Some(Number::from_int(260)));
        assert_eq!(weekly.completion(&q("273场次")), Some(10500));

        let range = Target::parse("5-8人");
        assert_eq!(range.score(&q("6人"), five), Some(five));
        assert_eq!(range.score(&q("4人"), five).unwrap().fixed2(), "4.00");
        assert_eq!(range.score(&q("10人"), five).unwrap().fixed2(), "4.00");

        assert_eq!(Target::parse("示范点").score(&q("1个"), five), None);
        assert!(!Target::parse("不适用").is_scored());
    }
}
