//! 指标值 as typed values, read the way real 绩效 tables write them and the
//! way a finance officer reads them. Nothing is guessed: a 指标值 that holds
//! a number and cannot be read with certainty is an error naming the real
//! reason, never a judged target that would score full points, and never
//! a figure read the wrong way round.
//!
//! What a 指标值 may be:
//! - a quantity, with a bound before or after it: `200户`, `≥90%`, `至少10节次`,
//!   `不少于6次`, `6次以上`, `≤0次`, `不超过2次`, `控制在15/10万以内`, `≥2/3`;
//!   units are compared whole (`元/亩`, `批次/千人`, `‰`) and `万` converted
//!   (`≥2.5万人` against `26800人`);
//! - a bare figure, whose direction comes from its place: under 成本指标 an
//!   amount is a ceiling (`20万元`), under 时效指标 a duration is a time limit,
//!   elsewhere a floor (the national method) — unless the name says lower is
//!   better (`死亡率`), which is refused;
//! - a rate (`每周至少5场次`, compared with 52 times it), a range (`5-8人`);
//! - a deadline: a date or period (`2020年`, `2025年年底前`, `12月底前`,
//!   `2020.1.1-2020.12.31`) or words (`及时`, `按计划实施`);
//! - several of these in one cell (compound), each scored on its share;
//! - words with no number (`常态化`, `示范点`): judged by people;
//! - `不适用` (not scored) or nothing / `暂无要求` (reported, not scored).
//!
//! ```
//! use wenshu::score::target::{Context, Target};
//! let target = Target::parse("个案≥4个、个案服务≥20人次").unwrap();
//! assert_eq!(target.describe(), "复合：个案 ≥4个 + 个案服务 ≥20人次");
//! let cost = Context { level2: "成本指标", ..Context::default() };
//! assert_eq!(Target::read("20万元", &cost).unwrap().describe(), "≤20万元（成本指标：上限）");
//! assert!(Target::parse("各1套或一批次").is_err(), "a number it cannot read is an error");
//! ```

use chrono::NaiveDate;

use crate::units::number::Number;

pub(crate) mod dates;
mod direction;
mod read;
pub(crate) mod scan;
#[cfg(test)]
mod tests;
pub(crate) mod units;

pub use direction::Context;

/// A measured value: `886个`, `95%`, `3年`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Number,
    /// The unit as written (`个`, `人次`, `%`); may be empty.
    pub unit: String,
}

impl Quantity {
    /// A number followed by a unit and nothing else: `886个`, `95%`,
    /// `1,165 人次`. Anything else is not a quantity.
    pub fn parse(text: &str) -> Option<Quantity> {
        let normal = scan::normalize(text);
        let chars: Vec<char> = normal.chars().collect();
        let (value, end) = scan::number(&chars, 0);
        let (unit, after) = units::read_unit(&chars, end);
        (after == chars.len()).then_some(Quantity { value: value?, unit })
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
    HalfYear,
    Year,
}

impl Period {
    /// How many of these a year has, to turn a rate into the year's figure.
    pub fn per_year(self) -> i64 {
        match self {
            Period::Week => 52,
            Period::Month => 12,
            Period::Quarter => 4,
            Period::HalfYear => 2,
            Period::Year => 1,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Period::Week => "每周",
            Period::Month => "每月",
            Period::Quarter => "每季度",
            Period::HalfYear => "每半年",
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
    /// The figure (a range's upper end), per period for a rate; for a
    /// fraction (`2/3`) its numerator.
    pub figure: Number,
    /// The unit (`个`, `%`, `元/亩`); may be empty (`≥20`).
    pub unit: String,
    pub period: Option<Period>,
    /// A fraction's denominator: `≥2/3` is 2 over 3. Actuals are brought
    /// to it (75% → 2.25 over 3), so rates stay exact.
    pub over: Option<Number>,
    /// How a direction the cell does not write was read from its place
    /// (`成本指标：上限`, `时效指标：时限`).
    pub read_as: Option<String>,
    /// The last day the figure is due by, where the cell gives a date
    /// (`到2020年，…80%以上`, `12月底前100%到位`).
    pub by: Option<NaiveDate>,
    /// Conditions written in brackets (`每场不少于1小时`): printed, not scored.
    pub conditions: Vec<String>,
}

/// A deadline: a date or period (`2025年年底前`), or words (`及时`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The last day allowed; `None` for a deadline in words, which the
    /// actual must say was kept (`按时完成`) or missed (`逾期`).
    pub due: Option<NaiveDate>,
    /// The 指标值 as written.
    pub written: String,
}

/// A 指标值.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One quantity.
    Measured(Measure),
    /// Several quantities in one cell, each scored on its share of the points.
    Compound(Vec<Measure>),
    /// Done by a date, or on time in words: met scores full points, late none.
    Deadline(Deadline),
    /// Words with no number: judged by people.
    Judged(String),
    /// `不适用`: not scored.
    NotApplicable,
    /// No target, or `暂无要求`: reported, not scored.
    None,
}

impl Target {
    /// Reads a 指标值 in its place in the table (its 二级 category, the
    /// indicator's name, the project's year); a text with a number that
    /// cannot be read with certainty is an error that quotes it and says why.
    pub fn read(text: &str, context: &Context) -> Result<Target, String> {
        read::read(text, context)
    }

    /// Reads a 指标值 with no table around it.
    pub fn parse(text: &str) -> Result<Target, String> {
        read::read(text, &Context::default())
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

    /// How the target was read, for `wenshu explain`: `≥4个`,
    /// `每周≥5场次 → 全年 260场次`, `≤20万元（成本指标：上限）`,
    /// `截止 2025年12月31日`, `复合：个案 ≥4个 + 个案服务 ≥20人次`.
    pub fn describe(&self) -> String {
        match self {
            Target::Measured(m) => m.describe(),
            Target::Compound(ms) => {
                let parts: Vec<String> = ms.iter().map(Measure::describe).collect();
                format!("复合：{}", parts.join(" + "))
            }
            Target::Deadline(Deadline { due: Some(due), .. }) => format!("截止 {}", dates::shown(*due)),
            Target::Deadline(Deadline { due: None, written }) => format!("按时：{written}"),
            Target::Judged(words) => format!("定性：{words}"),
            Target::NotApplicable => "不适用，不计分".to_owned(),
            Target::None => "无指标值，不计分".to_owned(),
        }
    }
}

impl Measure {
    /// The figure the year's actual is compared with: a rate times the
    /// periods of a year.
    pub fn yearly(&self) -> Number {
        match self.period {
            Some(period) => self.figure.times(period.per_year()),
            None => self.figure,
        }
    }

    /// A range's lower end for the year.
    fn low_yearly(&self) -> Option<Number> {
        match self.bound {
            Bound::Range { low } => Some(self.period.map_or(low, |p| low.times(p.per_year()))),
            _ => None,
        }
    }

    /// The figure completion rates divide by: the yearly figure, a range's
    /// lower end; none for an upper bound.
    pub fn divisor(&self) -> Option<Number> {
        match self.bound {
            Bound::AtLeast => Some(self.yearly()),
            Bound::Range { .. } => self.low_yearly(),
            Bound::AtMost => None,
        }
    }

    /// 完成率 in hundredths of a percent: actual ÷ the figure for a floor,
    /// actual ÷ the lower end for a range the actual falls short of; none
    /// for a ceiling or a range that is met or exceeded (nothing divides).
    pub fn completion(&self, actual: Number) -> Option<i64> {
        match self.bound {
            Bound::AtLeast => actual.percent_of(self.yearly()),
            Bound::Range { .. } => self.low_yearly().filter(|low| actual < *low).and_then(|low| actual.percent_of(low)),
            Bound::AtMost => None,
        }
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
                let low = self.low_yearly().unwrap_or(Number::ZERO);
                if actual < low { capped(actual, low) } else { capped(self.yearly(), actual) }
            }
        }
    }

    /// `个案 ≥4个`, `每周≥5场次 → 全年 260场次`, `≤20万元（成本指标：上限）`.
    pub fn describe(&self) -> String {
        let label = if self.label.is_empty() { String::new() } else { format!("{} ", self.label) };
        let unit = &self.unit;
        let number = match self.over {
            Some(over) => format!("{}/{over}", self.figure),
            None => self.figure.to_string(),
        };
        let figure = match self.bound {
            Bound::AtLeast => format!("≥{number}{unit}"),
            Bound::AtMost => format!("≤{number}{unit}"),
            Bound::Range { low } => format!("{low}–{number}{unit}"),
        };
        let mut text = match self.period {
            Some(period) => format!("{label}{}{figure} → 全年 {}{unit}", period.word(), self.yearly()),
            None => format!("{label}{figure}"),
        };
        if let Some(why) = &self.read_as {
            text.push_str(&format!("（{why}）"));
        }
        if let Some(by) = self.by {
            text.push_str(&format!("，截止 {}", dates::shown(by)));
        }
        if !self.conditions.is_empty() {
            text.push_str(&format!("（条件不计分：{}）", self.conditions.join("；")));
        }
        text
    }
}

/// A quantity found in an actual's text, with the words before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub label: String,
    pub quantity: Quantity,
}

/// Every quantity in an actual written the way tables write it:
/// `探访774人次` → (探访, 774人次); `完成个案服务5个，服务22人次` → two.
/// Bound words an actual repeats (`≥266米`, `90%以上`) are read past.
pub fn quantities(text: &str) -> Vec<Found> {
    scan::figures(&scan::normalize(text))
        .into_iter()
        .map(|f| Found { label: f.label, quantity: Quantity { value: f.value, unit: f.unit } })
        .collect()
}

/// Words in an actual that say a judged target was met in full.
pub const DONE: [&str; 7] = ["已完成", "完成", "已达到", "达到", "已达成", "达成", "是"];
