//! A project file as a tree of YAML nodes, each with its place in the file.
//!
//! Everything after the YAML parser works on this tree: the shape check
//! ([`crate::project::shape`]) walks it against the schema and reports every problem
//! at once; typed values are read from it ([`crate::yaml::de`]) with their places
//! kept; a form's own section stays a tree until its manifest reads it.
//!
//! ```
//! let tree = wenshu::yaml::tree::parse("name: 阳光家庭\nfunding:\n  total: 56.40\n").unwrap();
//! let total = tree.get("funding").and_then(|f| f.get("total")).unwrap();
//! assert_eq!(total.text(), Some("56.40"));
//! assert_eq!((total.at.line, total.at.column), (3, 10));
//! ```

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as Located;

use crate::error::{Error, ErrorKind};

/// A 1-based line and column; 0 where a value has no place (a default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Place {
    pub line: u32,
    pub column: u32,
}

impl Place {
    pub const NONE: Place = Place { line: 0, column: 0 };

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Place,
}

impl<T> Spanned<T> {
    pub fn new(value: T, at: Place) -> Spanned<T> {
        Spanned { value, at }
    }
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub at: Place,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null`, or a key with nothing after it.
    Null,
    Scalar(Scalar),
    List(Vec<Node>),
    Map(Map),
}

/// A scalar as written: its text (unquoted, unescaped, a plain number's
/// digits exactly as typed) and what YAML would read it as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub text: String,
    pub tag: Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Str,
    Int,
    Float,
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub entries: Vec<Entry>,
    /// Written on one line as `{ a: 1, b: 2 }`: a comma inside a value
    /// splits it, which messages explain.
    pub flow: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_at: Place,
    pub value: Node,
}

impl Node {
    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` of a map, with the key's place.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            NodeKind::Map(map) => map.entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The node at a dotted path of map keys (`evaluation.report`).
    pub fn at_path(&self, path: &str) -> Option<&Node> {
        path.split('.').try_fold(self, |node, key| node.get(key))
    }

    /// A scalar's text.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Map(map) => &map.entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::List(items) => items,
            _ => &[],
        }
    }

    /// What kind of value this is, in the user's words.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "空值",
            NodeKind::Scalar(s) if s.tag == Tag::Bool => "是/否",
            NodeKind::Scalar(s) if matches!(s.tag, Tag::Int | Tag::Float) => "数字",
            NodeKind::Scalar(_) => "文字",
            NodeKind::List(_) => "列表",
            NodeKind::Map(_) => "键值表",
        }
    }
}

/// Parses a YAML document into a tree. YAML errors (syntax, duplicate keys,
/// alias bombs) come back as serde-saphyr reports them, for the loader to
/// put into the user's words.
pub fn parse(source: &str) -> Result<Node, serde_saphyr::Error> {
    let raw: Located<Raw> = serde_saphyr::from_str_with_options(source, options())?;
    Ok(build(raw, source))
}

/// What YAML is allowed to do in a project file.
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    // `.nan` and `.inf` are read as the words they are, for the messages.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    options.budget = Some(budget);
    options
}

/// A node as serde-saphyr gives it: typed scalars, located children.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    List(Vec<Located<Raw>>),
    Map(Vec<(Located<String>, Located<Raw>)>),
}

fn place(location: &serde_saphyr::Location) -> Place {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Place { line: clamp(location.line()), column: clamp(location.column()) }
}

/// The text a plain scalar was written as, from its definition's span:
/// `56.40` stays `56.40`, not the float 56.4.
fn written(source: &str, location: &serde_saphyr::Location) -> Option<String> {
    let span = location.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let end = start.checked_add(usize::try_from(span.byte_len()?).ok()?)?;
    source.get(start..end).map(str::to_owned).filter(|s| !s.is_empty())
}

fn build(raw: Located<Raw>, source: &str) -> Node {
    let at = place(&raw.referenced);
    let scalar = |text: String, tag: Tag| NodeKind::Scalar(Scalar { text, tag });
    let from_source = |fallback: String| written(source, &raw.defined).unwrap_or(fallback);
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => scalar(from_source(b.to_string()), Tag::Bool),
        Raw::Int(n) => scalar(from_source(n.to_string()), Tag::Int),
        Raw::Float(x) => scalar(from_source(x.to_string()), Tag::Float),
        Raw::Str(text) => scalar(text, Tag::Str),
        Raw::List(items) => NodeKind::List(items.into_iter().map(|item| build(item, source)).collect()),
        Raw::Map(entries) => {
            let flow = written(source, &raw.defined).is_some_and(|t| t.starts_with('{'));
            let entries = entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key: key.value,
                    key_at: place(&key.referenced),
                    value: build(value, source),
                })
                .collect();
            NodeKind::Map(Map { entries, flow })
        }
    };
    Node { at, kind }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("YAML")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Located<KeyText>>()? {
            let value = map.next_value()?;
            entries.push((Located::new(key.value.0, key.referenced, key.defined), value));
        }
        Ok(Raw::Map(entries))
    }
}

/// A mapping key as text, whatever scalar it is (`2020:` is a key too).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText, D::Error> {
        match Raw::deserialize(deserializer)? {
            Raw::Str(s) => Ok(KeyText(s)),
            Raw::Int(n) => Ok(KeyText(n.to_string())),
            Raw::Float(x) => Ok(KeyText(x.to_string())),
            Raw::Bool(b) => Ok(KeyText(b.to_string())),
            Raw::Null => Ok(KeyText(String::new())),
            Raw::List(_) | Raw::Map(_) => Err(de::Error::custom("键不能是列表或键值表")),
        }
    }
}

/// An error of the tree's YAML in the user's words, placed in `source`.
pub fn yaml_error(err: &serde_saphyr::Error, source: &str) -> Error {
    let raw = err.without_snippet().to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw).trim().to_owned();
    let message = match syntax_hint(&raw) {
        Some(hint) => format!("YAML 格式错误：{hint}（{raw}）"),
        None if raw.starts_with("duplicate mapping key: ") => {
            let field = raw.trim_start_matches("duplicate mapping key: ");
            let field = field.split(',').next().unwrap_or(field).trim();
            format!("字段 `{field}` 写了两次：同一层里每个字段只能写一次")
        }
        None if raw.is_ascii() => format!("YAML 格式错误：{raw}"),
        None => raw,
    };
    let error = Error::new(ErrorKind::Syntax, message);
    match err.location() {
        Some(loc) if loc.line() > 0 => error.at(source, loc.line() as usize, loc.column() as usize),
        _ => error,
    }
}

/// The YAML parser's messages, in the user's words.
fn syntax_hint(raw: &str) -> Option<&'static str> {
    const HINTS: [(&str, &str); 19] = [
        ("unclosed quote", "引号没有闭合"),
        ("mapping values are not allowed", "这里不能再写“键: 值”；值里有冒号时请给整个值加引号"),
        ("tabs disallowed", "不能用 Tab 键缩进，请改用空格"),
        ("alias references unknown anchor", "引用了不存在的锚点（*名称 之前要先有 &名称）"),
        ("unknown escape character", "双引号里有无效的转义（\\ 后面的字符）；请改用单引号，或写成 \\\\"),
        ("unexpected character: `\\u{0}'", "文件中有不可见的控制字符（U+0000），可能是从其他软件复制来的，请删除"),
        ("unexpected character", "值不能以 @ 或 ` 开头；请给整个值加引号"),
        ("did not find expected key", "缩进或格式不对：这里应为“键: 值”"),
        ("simple key expected ':'", "缺少冒号：应写成“键: 值”"),
        ("misplaced bracket", "多余的括号"),
        ("illegal placement of ':' indicator", "冒号的位置不对，可能是括号没有闭合"),
        ("is only valid inside a block", "列表项“- ”的位置不对，可能是括号没有闭合"),
        ("unsupported YAML major version", "不支持的 YAML 版本声明，请删除 %YAML 这一行"),
        ("unexpected end of input", "文件意外结束，可能是括号或引号没有闭合"),
        ("expected mapping start", "这里应为“键: 值”的键值表，不能是列表或单个值"),
        ("expected sequence start", "这里应为列表（每项以“- ”开头）"),
        ("budget", "文件的嵌套层数、锚点或别名过多，超过了安全上限"),
        ("recursion limit", "文件的嵌套层数过多，超过了安全上限"),
        ("too many", "文件的嵌套层数、锚点或别名过多，超过了安全上限"),
    ];
    HINTS.iter().find(|(english, _)| raw.contains(english)).map(|(_, chinese)| *chinese)
}

/// A default written in a manifest, as a node without a place.
pub fn node_of(json: &serde_json::Value) -> Node {
    let scalar = |text: String, tag: Tag| NodeKind::Scalar(Scalar { text, tag });
    let kind = match json {
        serde_json::Value::Null => NodeKind::Null,
        serde_json::Value::Bool(b) => scalar(b.to_string(), Tag::Bool),
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => scalar(n.to_string(), Tag::Int),
        serde_json::Value::Number(n) => scalar(n.to_string(), Tag::Float),
        serde_json::Value::String(s) => scalar(s.clone(), Tag::Str),
        serde_json::Value::Array(items) => NodeKind::List(items.iter().map(node_of).collect()),
        serde_json::Value::Object(map) => NodeKind::Map(Map {
            entries: map
                .iter()
                .map(|(key, value)| Entry { key: key.clone(), key_at: Place::NONE, value: node_of(value) })
                .collect(),
            flow: false,
        }),
    };
    Node { at: Place::NONE, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_written_text_and_place() {
        let tree = parse("a: 56.40\nb: 07550000000\nc: '06'\nd: true\ne: &x 1.50\nf: *x\n").unwrap();
        let text = |k: &str| tree.get(k).and_then(Node::text).unwrap().to_owned();
        assert_eq!(text("a"), "56.40");
        assert_eq!(text("b"), "07550000000");
        assert_eq!(text("c"), "06");
        assert_eq!(text("d"), "true");
        assert_eq!(text("f"), "1.50", "an alias reads the anchored text");
        assert_eq!(tree.get("f").unwrap().at, Place { line: 6, column: 4 }, "and is placed where it is used");
        assert_eq!(tree.entry("c").unwrap().key_at, Place { line: 3, column: 1 });
    }

    #[test]
    fn flow_maps_are_marked() {
        let tree = parse("a: { task: 咨询, 探访, unit: 人次 }\nb:\n  c: 1\n").unwrap();
        assert!(matches!(&tree.get("a").unwrap().kind, NodeKind::Map(m) if m.flow && m.entries.len() == 3));
        assert!(matches!(&tree.get("b").unwrap().kind, NodeKind::Map(m) if !m.flow));
        assert!(tree.get("a").unwrap().get("探访").unwrap().is_null());
    }
}
