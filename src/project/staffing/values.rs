//! The values staffing rules are written with: head counts, full-time
//! rules, levels of education, the base of shares, staff-to-client ratios
//! and the number of clients they are counted against.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A head count a rule asks for: exactly `n`, or within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exactly(u32),
    Between { min: Option<u32>, max: Option<u32> },
}

impl Count {
    pub fn allows(self, n: usize) -> bool {
        let n = n as u64;
        match self {
            Count::Exactly(k) => n == u64::from(k),
            Count::Between { min, max } => {
                min.is_none_or(|m| n >= u64::from(m)) && max.is_none_or(|m| n <= u64::from(m))
            }
        }
    }
}

/// `9 人`, `至少 9 人`, `9 到 10 人`, as messages say it.
impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            Count::Exactly(n) => write!(f, "{n} 人"),
            Count::Between { min: Some(min), max: Some(max) } => write!(f, "{min} 到 {max} 人"),
            Count::Between { min: Some(min), max: None } => write!(f, "至少 {min} 人"),
            Count::Between { min: None, max: Some(max) } => write!(f, "至多 {max} 人"),
            Count::Between { min: None, max: None } => f.write_str("人数不限"),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Count::Exactly(n) => serializer.serialize_u32(n),
            Count::Between { min, max } => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(min) = min {
                    map.serialize_entry("min", &min)?;
                }
                if let Some(max) = max {
                    map.serialize_entry("max", &max)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("人数（如 9）或 { min: 9 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                u32::try_from(v).map(Count::Exactly).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v).map(Count::Exactly).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Count, A::Error> {
                let (mut min, mut max) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "min" => min = Some(map.next_value::<u32>()?),
                        "max" => max = Some(map.next_value::<u32>()?),
                        other => return Err(de::Error::unknown_field(other, &["min", "max"])),
                    }
                }
                Ok(Count::Between { min, max })
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

impl JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 100_000 },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "min": { "type": "integer", "title": "至少", "minimum": 0, "maximum": 100_000 },
                        "max": { "type": "integer", "title": "至多", "minimum": 0, "maximum": 100_000 }
                    }
                }
            ]
        })
    }
}

/// Who must work full time: everyone the rule covers, at least `n` of
/// them, or (`false`) no one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullTime {
    Everyone,
    AtLeast(u32),
    NotRequired,
}

impl Serialize for FullTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            FullTime::Everyone => serializer.serialize_bool(true),
            FullTime::AtLeast(n) => serializer.serialize_u32(n),
            FullTime::NotRequired => serializer.serialize_bool(false),
        }
    }
}

impl<'de> Deserialize<'de> for FullTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FullTimeVisitor;
        impl Visitor<'_> for FullTimeVisitor {
            type Value = FullTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true（均须全职）或人数")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FullTime, E> {
                Ok(if v { FullTime::Everyone } else { FullTime::NotRequired })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FullTime, E> {
                u32::try_from(v).map(FullTime::AtLeast).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FullTime, E> {
                u32::try_from(v).map(FullTime::AtLeast).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
        }
        deserializer.deserialize_any(FullTimeVisitor)
    }
}

impl JsonSchema for FullTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FullTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["boolean", "integer"], "minimum": 0, "maximum": 100_000 })
    }
}

/// A level of education, lowest first: the order a minimum is checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
pub enum Education {
    #[serde(rename = "中专")]
    Secondary,
    #[serde(rename = "大专")]
    Associate,
    #[serde(rename = "本科")]
    Bachelor,
    #[serde(rename = "硕士")]
    Master,
    #[serde(rename = "博士")]
    Doctor,
}

impl Education {
    pub const ALL: [Education; 5] =
        [Education::Secondary, Education::Associate, Education::Bachelor, Education::Master, Education::Doctor];

    pub fn name(self) -> &'static str {
        match self {
            Education::Secondary => "中专",
            Education::Associate => "大专",
            Education::Bachelor => "本科",
            Education::Master => "硕士",
            Education::Doctor => "博士",
        }
    }
}

/// Which members the staffing shares count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum ShareBase {
    #[default]
    #[serde(rename = "全体成员")]
    Everyone,
    #[serde(rename = "主管以外的成员")]
    OthersThanSupervisors,
}

/// Staff to clients, as `1:30` (one worker for every 30 clients) or `5:1`
/// (five workers for each 社区): the first number is always the staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub staff: u32,
    pub clients: u32,
}

impl Ratio {
    /// `1:30`, `1∶30`, `1：30`, spaces allowed.
    pub fn parse(text: &str) -> Result<Ratio, String> {
        let wrong = || format!("配备比例“{}”应写成 人员:服务对象，如 1:30（1 名人员对 30 名服务对象）", text.trim());
        let (staff, clients) = text.split_once([':', '：', '∶']).ok_or_else(wrong)?;
        let number = |t: &str| t.trim().parse::<u32>().ok().filter(|n| *n > 0);
        match (number(staff), number(clients)) {
            (Some(staff), Some(clients)) => Ok(Ratio { staff, clients }),
            _ => Err(wrong()),
        }
    }

    /// The least staff `clients` need: rounded up, so 61 clients at 1:20 need 4.
    pub fn staff_for(self, clients: u64) -> u64 {
        // u128: no count a user writes overflows it.
        let needed = (u128::from(clients) * u128::from(self.staff)).div_ceil(u128::from(self.clients));
        u64::try_from(needed).unwrap_or(u64::MAX)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}:{}", self.staff, self.clients)
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::project::scalars::Text::deserialize(deserializer)?;
        Ratio::parse(text.as_str()).map_err(de::Error::custom)
    }
}

impl JsonSchema for Ratio {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ratio".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": r"^\s*[0-9]+\s*[:：∶]\s*[0-9]+\s*$" })
    }
}

/// The clients a ratio is counted against: a number, or the number with
/// what it counts as the document says it (`150名实有吸毒人员`, `300张床位`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clients {
    pub count: u64,
    /// As messages say it: `服务对象 150 人`, or the words as written.
    pub text: String,
}

impl Clients {
    pub fn parse(text: &str) -> Result<Clients, String> {
        let text = text.trim();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let count = text[..digits]
            .parse::<u64>()
            .map_err(|_| format!("服务对象数量“{text}”应以数字开头，如 120 或 120名实有吸毒人员"))?;
        let rest = text[digits..].trim();
        let text = if rest.is_empty() { format!("服务对象 {count} 人") } else { format!("{count}{rest}") };
        Ok(Clients { count, text })
    }
}

impl Serialize for Clients {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Clients {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::project::scalars::Text::deserialize(deserializer)?;
        Clients::parse(text.as_str()).map_err(de::Error::custom)
    }
}

impl JsonSchema for Clients {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Clients".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["integer", "string"], "minimum": 0, "pattern": "^\\s*[0-9]" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_read_staff_first_and_round_up() {
        let ratio = Ratio::parse("1:20").unwrap();
        assert_eq!((ratio.staff_for(60), ratio.staff_for(61)), (3, 4));
        assert_eq!(Ratio::parse(" 1 ： 30 ").unwrap(), Ratio { staff: 1, clients: 30 });
        assert_eq!(Ratio::parse("5∶1").unwrap().staff_for(2), 10);
        assert_eq!(Ratio::parse("4000000000:1").unwrap().staff_for(u64::MAX), u64::MAX);
        for wrong in ["30", "1:0", "0:30", "a:b", "1:30:2"] {
            assert!(Ratio::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn clients_keep_the_words_they_are_counted_in() {
        assert_eq!(Clients::parse("150").unwrap(), Clients { count: 150, text: "服务对象 150 人".into() });
        assert_eq!(Clients::parse("300张床位").unwrap(), Clients { count: 300, text: "300张床位".into() });
        assert!(Clients::parse("一百人").is_err());
    }
}
