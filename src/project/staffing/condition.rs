//! A condition a member must meet, as a staffing rule writes it: a word
//! (a certificate and its grade, a level of education, a major, or any
//! word of what the member holds), one of several (a list), all of several
//! (`{ all: [...] }`) or years of experience (`{ years: 2 }`). Reading one
//! against a member is [`crate::parts::staffing`]'s.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::project::scalars::Text;
use crate::units::number::Number;

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `中级社会工作师`, `本科`, `社会工作专业`, `粤语`.
    Word(String),
    /// `[社会工作专业, 社工证]`: one of them is enough.
    AnyOf(Vec<Condition>),
    /// `{ all: [社会工作专业, 本科, 应届] }`: every one of them.
    AllOf(Vec<Condition>),
    /// `{ years: 2 }`, `{ years_below: 2 }`, `{ years: 6, years_from: [取证后] }`:
    /// years of the kinds named (social work when none), at least or fewer than.
    Years { at_least: Option<Number>, below: Option<Number>, from: Vec<String> },
}

const KEYS: &[&str] = &["all", "years", "years_below", "years_from"];

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Condition::Word(word) => serializer.serialize_str(word),
            Condition::AnyOf(items) => items.serialize(serializer),
            Condition::AllOf(items) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("all", items)?;
                map.end()
            }
            Condition::Years { at_least, below, from } => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(years) = at_least {
                    map.serialize_entry("years", years)?;
                }
                if let Some(years) = below {
                    map.serialize_entry("years_below", years)?;
                }
                if !from.is_empty() {
                    map.serialize_entry("years_from", from)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ConditionVisitor)
    }
}

struct ConditionVisitor;

impl<'de> Visitor<'de> for ConditionVisitor {
    type Value = Condition;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("条件：字样（如 中级社会工作师、本科）、列表（其中之一）或 { all: [...] }、{ years: 3 }")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
        match v.trim() {
            "" => Err(E::custom("条件不能为空")),
            word => Ok(Condition::Word(word.to_owned())),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Condition, E> {
        Ok(Condition::Word(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Condition, E> {
        Ok(Condition::Word(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Condition, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Condition>()? {
            items.push(item);
        }
        if items.is_empty() {
            return Err(de::Error::custom("条件列表不能为空"));
        }
        Ok(Condition::AnyOf(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Condition, A::Error> {
        let (mut all, mut at_least, mut below, mut from) = (None, None, None, Vec::new());
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "all" => all = Some(map.next_value::<Vec<Condition>>()?),
                "years" => at_least = Some(map.next_value::<Number>()?),
                "years_below" => below = Some(map.next_value::<Number>()?),
                "years_from" => {
                    from = map.next_value::<Vec<Text>>()?.into_iter().map(|t| t.0.trim().to_owned()).collect()
                }
                other => return Err(de::Error::unknown_field(other, KEYS)),
            }
        }
        match all {
            Some(_) if at_least.is_some() || below.is_some() || !from.is_empty() => Err(de::Error::custom(
                "all 与 years 不能写在同一个条件中：把年限写成 all 中的一项，如 { all: [本科, { years: 2 }] }",
            )),
            Some(items) if items.is_empty() => Err(de::Error::custom("all 的列表不能为空")),
            Some(items) => Ok(Condition::AllOf(items)),
            None if at_least.is_none() && below.is_none() => {
                Err(de::Error::custom("条件须写 all（同时具备）或 years / years_below（经验年限）"))
            }
            None => Ok(Condition::Years { at_least, below, from }),
        }
    }
}

/// One schema for every shape a condition takes: a word, a list of
/// conditions, or a map of `all` and the years keys. (The shape check
/// picks a branch of `anyOf` by map or not, so lists and words share one.)
impl JsonSchema for Condition {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Condition".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The scalars' definitions, which the properties refer to.
        let _ = generator.subschema_for::<Number>();
        let _ = generator.subschema_for::<Text>();
        schemars::json_schema!({
            "type": ["string", "number", "array", "object"],
            "description": "字样（证书及等级、学历、专业或成员所写的任何字样，如 中级社会工作师、本科、社会工作专业、粤语）；列表即其中之一；{ all: [...] } 即同时具备；{ years: 3 } 即经验满 3 年",
            "minItems": 1,
            "items": { "$ref": "#/$defs/Condition" },
            "additionalProperties": false,
            "properties": {
                "all": {
                    "type": "array",
                    "title": "同时具备",
                    "description": "列出的条件须全部具备，如 [社会工作专业, 本科, 应届]",
                    "minItems": 1,
                    "items": { "$ref": "#/$defs/Condition" }
                },
                "years": {
                    "$ref": "#/$defs/Number",
                    "title": "经验至少几年",
                    "description": "按 years_from 的经验种类（不写即社会工作）至少几年，如 2"
                },
                "years_below": {
                    "$ref": "#/$defs/Number",
                    "title": "经验不满几年",
                    "description": "经验少于几年，如“未取得证书的须在入职 2 年内考取”写 { years_below: 2 }"
                },
                "years_from": {
                    "type": "array",
                    "title": "计入年限的经验",
                    "description": "哪些经验计入年限，满其中之一即可，如 [禁毒]、[取证后]；不写即社会工作",
                    "items": { "$ref": "#/$defs/Text" }
                }
            }
        })
    }
}
