//! The scalars a user types — text, money, percentages, numbers, a judged
//! score — read from YAML as text and parsed, with the JSON Schema an editor
//! checks them by. Money and percentages reach templates as typed values
//! that print as forms print them ([`crate::typeset::typed`]), numbers as
//! plain numbers; elsewhere they serialize as whole numbers (分, hundredths
//! of a percent) and text.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::units::money::{Money, Percent};
use crate::units::number::Number;
use crate::units::templates;

/// Text typed by the user. Any YAML scalar is accepted as text, so a phone
/// number or a target of `0` need no quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Reads a scalar as text, then parses it with `parse`.
fn deserialize_parsed<'de, D, T>(deserializer: D, parse: fn(&str) -> Result<T, String>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = Text::deserialize(deserializer)?;
    parse(text.as_str()).map_err(de::Error::custom)
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Money::parse)
    }
}

/// Money reaches templates as a typed value printing `56.40`; elsewhere
/// it is a whole number of 分.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if templates::for_templates() {
            return tagged(serializer, templates::MONEY, self.fen());
        }
        serializer.serialize_i64(self.fen())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Percent::parse)
    }
}

/// Percentages reach templates as typed values printing `70%`; elsewhere
/// they are hundredths of a percent.
impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if templates::for_templates() {
            return tagged(serializer, templates::PERCENT, self.hundredths());
        }
        serializer.serialize_i64(self.hundredths())
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Number::parse_checked)
    }
}

/// Numbers reach templates as plain numbers, for arithmetic; elsewhere as
/// text written with the decimals they need.
impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if templates::for_templates() {
            return tagged(serializer, templates::NUMBER, self.to_string());
        }
        serializer.serialize_str(&self.to_string())
    }
}

/// A figure as a one-entry map `{tag: value}`, for the typesetting stage.
fn tagged<S: Serializer, T: Serialize>(serializer: S, tag: &str, value: T) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(tag, &value)?;
    map.end()
}

/// The JSON Schema of a scalar: what a user may write for it, as text or
/// as a bare number up to `maximum`.
fn scalar_schema(types: serde_json::Value, pattern: &str, maximum: i64) -> schemars::Schema {
    schemars::json_schema!({ "type": types, "pattern": pattern, "minimum": 0, "maximum": maximum })
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// The score of a judged indicator: a number, or `满分`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Full,
    Points(Number),
}

impl Score {
    pub fn parse(text: &str) -> Result<Score, String> {
        match text.trim() {
            "满分" => Ok(Score::Full),
            other => Number::parse_checked(other)
                .map(Score::Points)
                .map_err(|_| format!("“{other}”不是得分：写数字，如 3.5，或写 满分")),
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Score::Full => f.write_str("满分"),
            Score::Points(n) => write!(f, "{n}"),
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Score::parse)
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["number", "string"], "pattern": r"^\s*(满分|[0-9]+(\.[0-9]{1,4})?)\s*$", "minimum": 0 })
    }
}

/// What [`Money::parse`] reads, as a JSON Schema pattern for editors: 万元
/// to the 分 (six decimals), 元 with two.
pub const MONEY_PATTERN: &str = r"^\s*([0-9][0-9,]*(\.[0-9]{1,6})?\s*(万元|万)?|[0-9][0-9,]*(\.[0-9]{1,2})?\s*元)\s*$";
/// What [`Percent::parse`] reads: 0% to 100%, two decimals.
pub const PERCENT_PATTERN: &str = r"^\s*(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)\s*[%％]\s*$";
/// What [`Number::parse`] reads.
pub const NUMBER_PATTERN: &str = r"^\s*[0-9][0-9,]*(\.[0-9]{1,4})?\s*$";

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A bare number is in 万元: at most 1万亿元.
        scalar_schema(serde_json::json!(["string", "number"]), MONEY_PATTERN, 100_000_000)
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": PERCENT_PATTERN })
    }
}

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        scalar_schema(serde_json::json!(["number", "string"]), NUMBER_PATTERN, 1_000_000_000)
    }
}
