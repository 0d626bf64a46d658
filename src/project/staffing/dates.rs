//! Dates of birth and the age limits of staffing rules. A birth date is
//! written as precisely as the roster knows it (`1988`, `1985-03`,
//! `1981年10月14日`): it stands for every day it may be, and a limit it
//! may or may not meet is not guessed.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::project::scalars::Text;
use crate::yaml::tree::Spanned;

/// A year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// `1985`, `1985年`, `1985-03`, `1985.3`, `1985/03/14`, `1985年3月14日`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let wrong = || format!("日期“{}”应写成 1985、1985-03 或 1985-03-14（也可写 1985年3月14日）", text.trim());
        let cleaned = text.trim().trim_end_matches(['日', '号']);
        let parts: Vec<&str> =
            cleaned.split(['-', '.', '/', '年', '月']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let number = |p: &str| p.parse::<u32>().ok();
        let year = parts.first().and_then(|p| number(p)).filter(|y| (1900..=2100).contains(y)).ok_or_else(wrong)?;
        let month = parts.get(1).map(|p| number(p).filter(|m| (1..=12).contains(m)).ok_or_else(wrong)).transpose()?;
        let day = parts.get(2).map(|p| number(p).ok_or_else(wrong)).transpose()?;
        if parts.len() > 3 {
            return Err(wrong());
        }
        let date = PartialDate { year: year as i32, month, day };
        if day.is_some() && NaiveDate::from_ymd_opt(date.year, month.unwrap_or(1), day.unwrap_or(1)).is_none() {
            return Err(wrong());
        }
        Ok(date)
    }

    pub fn is_day(self) -> bool {
        self.day.is_some()
    }

    /// The first day it may be.
    pub fn first(self) -> NaiveDate {
        let date = NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        date.unwrap_or(NaiveDate::MIN)
    }

    /// The last day it may be.
    pub fn last(self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(month), Some(day)) => NaiveDate::from_ymd_opt(self.year, month, day),
            (Some(month), None) => NaiveDate::from_ymd_opt(self.year, month, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt()),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// `1985年3月14日`, `1985年3月`, `1985年`: as messages say a date.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}年", self.year)?;
        if let Some(month) = self.month {
            write!(f, "{month}月")?;
        }
        if let Some(day) = self.day {
            write!(f, "{day}日")?;
        }
        Ok(())
    }
}

/// A day as messages say it.
pub fn day_text(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(deserializer)?;
        PartialDate::parse(text.as_str()).map_err(de::Error::custom)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["integer", "string"],
            "minimum": 1900,
            "maximum": 2100,
            "pattern": r"^\s*[0-9]{4}\s*(年|[-./]\s*[0-9]{1,2}|年\s*[0-9]{1,2}\s*月)?"
        })
    }
}

/// An age limit in 周岁: at least `min`, at most `max`, on the day `on`
/// (needed when a member gives a birth date rather than an age).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeLimit {
    #[serde(default)]
    #[schemars(with = "Option<u32>", title = "最小年龄", description = "至少几周岁，如 23", range(max = 150))]
    pub min: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<u32>", title = "最大年龄", description = "不超过几周岁（含），如 45", range(max = 150))]
    pub max: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(
        with = "Option<PartialDate>",
        title = "计算年龄的日期",
        description = "按哪一天计算年龄，如 2025-06-30；成员只写出生年月（born）而不写年龄（age）时须写"
    )]
    pub on: Option<Spanned<PartialDate>>,
}

/// Born between two dates, both counted (`1981年10月14日至1993年10月14日期间出生`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BornRange {
    #[serde(default)]
    #[schemars(
        with = "Option<PartialDate>",
        title = "最早出生日期",
        description = "在这一天或以后出生（含），如 1983-01-01"
    )]
    pub from: Option<Spanned<PartialDate>>,
    #[serde(default)]
    #[schemars(
        with = "Option<PartialDate>",
        title = "最晚出生日期",
        description = "在这一天或以前出生（含），如 1993-10-14"
    )]
    pub to: Option<Spanned<PartialDate>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birth_date_stands_for_every_day_it_may_be() {
        let month = PartialDate::parse("1993年5月").unwrap();
        assert_eq!((day_text(month.first()), day_text(month.last())), ("1993年5月1日".into(), "1993年5月31日".into()));
        let year = PartialDate::parse("1988").unwrap();
        assert_eq!((day_text(year.first()), day_text(year.last())), ("1988年1月1日".into(), "1988年12月31日".into()));
        let day = PartialDate::parse("1981-10-14").unwrap();
        assert_eq!((day.first(), day.last()), (day.last(), day.first()));
        assert_eq!(PartialDate::parse("2024.2").unwrap().last(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(PartialDate::parse("1985年3月14日").unwrap().to_string(), "1985年3月14日");
        for wrong in ["85", "1985-13", "1985-02-30", "三月", "1985-1-1-1"] {
            assert!(PartialDate::parse(wrong).is_err(), "{wrong}");
        }
    }
}
