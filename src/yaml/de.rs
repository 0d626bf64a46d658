//! Typed values read from the tree ([`crate::yaml::tree`]), places kept.
//!
//! A serde `Deserializer` over a [`Node`]: the model's types derive
//! `Deserialize` as usual, [`Spanned`] fields get the place of their node,
//! and a failure names the place of the node it happened at. Scalars are
//! handed over as written, so text fields get `56.40`, not `56.4`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::yaml::tree::{Node, NodeKind, Place, Spanned, Tag};

/// Reads a `T` from `node`.
pub fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node))
}

/// A value that could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    pub message: String,
    pub at: Place,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError { message: message.to_string(), at: Place::NONE }
    }
}

/// The struct name [`Spanned`] asks for: its fields are the place and the value.
const SPANNED: &str = "$wenshu::Spanned";
const SPANNED_FIELDS: &[&str] = &["line", "column", "value"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a located value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
                let mut at = Place::NONE;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "line" => at.line = map.next_value()?,
                        "column" => at.column = map.next_value()?,
                        _ => return Ok(Spanned { value: map.next_value()?, at }),
                    }
                }
                Err(de::Error::missing_field("value"))
            }
        }
        deserializer.deserialize_struct(SPANNED, SPANNED_FIELDS, SpannedVisitor(std::marker::PhantomData))
    }
}

/// A located value serializes as its value: templates never see places.
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// A located value has the schema of its value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// Places an error that has none at `node`.
fn placed(node: &Node) -> impl Fn(DeError) -> DeError + '_ {
    move |mut error| {
        if !error.at.is_known() {
            error.at = node.at;
        }
        error
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'a>(&'a Node);

impl<'a> NodeDe<'a> {
    fn invalid(self, expected: &str) -> DeError {
        DeError { message: format!("应为{expected}，实际是{}", self.0.kind_name()), at: self.0.at }
    }

    fn integer<T: std::str::FromStr>(self) -> Result<T, DeError> {
        match &self.0.kind {
            NodeKind::Scalar(s) if s.tag == Tag::Int => s.text.trim().parse().map_err(|_| self.invalid("整数")),
            _ => Err(self.invalid("整数")),
        }
    }
}

macro_rules! integers {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
            let n: $t = self.integer()?;
            visitor.$visit(n).map_err(placed(self.0))
        }
    )*};
}

impl<'a> Deserializer<'a> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Scalar(s) => match s.tag {
                Tag::Bool => visitor.visit_bool(s.text.trim().eq_ignore_ascii_case("true")),
                Tag::Int => match s.text.trim().parse::<i64>() {
                    Ok(n) => visitor.visit_i64(n),
                    Err(_) => visitor.visit_str(&s.text),
                },
                Tag::Float | Tag::Str => visitor.visit_str(&s.text),
            },
            NodeKind::List(items) => visitor.visit_seq(Items { items: items.iter() }),
            NodeKind::Map(map) => visitor.visit_map(Entries { entries: map.entries.iter(), value: None }),
        };
        result.map_err(placed(node))
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Scalar(s) if s.tag == Tag::Bool => {
                visitor.visit_bool(s.text.trim().eq_ignore_ascii_case("true")).map_err(placed(self.0))
            }
            _ => Err(self.invalid(" true（是）或 false（否）")),
        }
    }

    integers!(
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16, deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64, deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64
    );

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Scalar(s) => visitor.visit_str(&s.text).map_err(placed(self.0)),
            _ => Err(self.invalid("文字")),
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::List(items) => visitor.visit_seq(Items { items: items.iter() }).map_err(placed(self.0)),
            _ => Err(self.invalid("列表")),
        }
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Map(map) => {
                visitor.visit_map(Entries { entries: map.entries.iter(), value: None }).map_err(placed(self.0))
            }
            _ => Err(self.invalid("键值表")),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED {
            return visitor.visit_map(Located { node: self.0, field: 0 });
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Scalar(s) => {
                let variant: de::value::StrDeserializer<DeError> = s.text.as_str().into_deserializer();
                visitor.visit_enum(variant).map_err(placed(self.0))
            }
            _ => Err(self.invalid("文字")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'a>>
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

struct Items<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'a> SeqAccess<'a> for Items<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        self.items.next().map(|node| seed.deserialize(NodeDe(node))).transpose()
    }
}

struct Entries<'a> {
    entries: std::slice::Iter<'a, crate::yaml::tree::Entry>,
    value: Option<&'a Node>,
}

impl<'a> MapAccess<'a> for Entries<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.value = Some(&entry.value);
        let key: de::value::StrDeserializer<DeError> = entry.key.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(|mut e| {
            e.at = entry.key_at;
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe(node)),
            None => Err(de::Error::custom("value before key")),
        }
    }
}

/// The fields of a [`Spanned`]: the node's line, column, then the node.
struct Located<'a> {
    node: &'a Node,
    field: usize,
}

impl<'a> MapAccess<'a> for Located<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(name) = SPANNED_FIELDS.get(self.field) else { return Ok(None) };
        let key: de::value::StrDeserializer<DeError> = (*name).into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.field += 1;
        match self.field {
            1 => seed.deserialize(self.node.at.line.into_deserializer()),
            2 => seed.deserialize(self.node.at.column.into_deserializer()),
            _ => seed.deserialize(NodeDe(self.node)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: Spanned<String>,
        count: u32,
        #[serde(default)]
        note: Option<Spanned<String>>,
        tags: Vec<Spanned<String>>,
    }

    #[test]
    fn reads_typed_values_with_their_places() {
        let tree = crate::yaml::tree::parse("name: 56.40\ncount: 3\ntags:\n  - a\n  - 007\n").unwrap();
        let sample: Sample = from_node(&tree).unwrap();
        assert_eq!(sample.name.value, "56.40");
        assert_eq!(sample.name.at, Place { line: 1, column: 7 });
        assert_eq!(sample.count, 3);
        assert!(sample.note.is_none());
        assert_eq!(sample.tags[1].value, "007");
        assert_eq!(sample.tags[1].at, Place { line: 5, column: 5 });
    }

    #[test]
    fn errors_name_the_place_of_the_bad_value() {
        let tree = crate::yaml::tree::parse("name: x\ncount: many\ntags: []\n").unwrap();
        let error = from_node::<Sample>(&tree).unwrap_err();
        assert_eq!(error.at, Place { line: 2, column: 8 });
        assert_eq!(error.message, "应为整数，实际是文字");
    }
}
