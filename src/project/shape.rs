//! The shape check: a project's tree against the project's JSON Schema,
//! every problem at once — unknown keys, missing fields, values of the
//! wrong type, amounts and percentages that do not read — each placed at
//! its value and named by the field's label from the schema.
//!
//! The schema is the one the editors get ([`crate::check::schema`]), so what an
//! editor underlines and what `check` reports come from one source. Only
//! the subset of JSON Schema that wenshu generates is read: `$ref`,
//! `anyOf`, `type`, `properties`, `required`, `additionalProperties`,
//! `items`, `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`,
//! `minItems` and `minLength`; the scalar types (`Text`, `Money`,
//! `Percent`, `Number`, `Phone`, `Date`) are read with wenshu's own
//! parsers, whose messages say how to write the value.

use serde_json::Value as Json;

use crate::error::{Error, ErrorKind};
use crate::units::money::{Money, Percent};
use crate::units::number::Number;
use crate::yaml::tree::{Entry, Node, NodeKind, Place, Tag};

/// Every problem of the shape of `tree` against `schema` (a whole schema
/// with its `$defs`), placed in `source`.
pub fn check(tree: &Node, schema: &Json, source: &str) -> Vec<Error> {
    let mut walker = Walker { root: schema, source, found: Vec::new() };
    let context = Context { label: String::new(), key: String::new(), key_at: Place::NONE };
    walker.walk(tree, schema, &context);
    walker.found.sort_by_key(|e| (e.line, e.column));
    walker.found
}

struct Walker<'a> {
    root: &'a Json,
    source: &'a str,
    found: Vec<Error>,
}

/// What the value being checked is, for messages: its field's label and
/// key, and where the key is written.
#[derive(Clone)]
struct Context {
    label: String,
    key: String,
    key_at: Place,
}

impl Context {
    /// `项目资金（total）：`, or nothing at the top.
    fn field(&self) -> String {
        match (self.label.is_empty(), self.key.is_empty()) {
            (false, false) => format!("{}（{}）：", self.label, self.key),
            (false, true) => format!("{}：", self.label),
            (true, false) => format!("{}：", self.key),
            (true, true) => String::new(),
        }
    }

    fn name(&self) -> &str {
        if self.label.is_empty() { &self.key } else { &self.label }
    }
}

impl<'a> Walker<'a> {
    fn report(&mut self, at: Place, message: String) {
        let error = Error::new(ErrorKind::Syntax, message);
        self.found.push(if at.is_known() {
            error.at(self.source, at.line as usize, at.column as usize)
        } else {
            error
        });
    }

    /// The schema a `$ref` points to.
    fn resolve(&self, reference: &str) -> Option<&'a Json> {
        let name = reference.strip_prefix("#/$defs/")?;
        self.root.get("$defs")?.get(name)
    }

    fn walk(&mut self, node: &Node, schema: &'a Json, context: &Context) {
        if let Some(words) = const_words(schema) {
            return self.choice(node, &words, context);
        }
        if let Some(branches) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Json::as_array) {
            return self.walk_any_of(node, schema, branches, context);
        }
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            if is_scalar(name) {
                return self.scalar(node, name, schema, context);
            }
            let Some(target) = self.resolve(reference) else { return };
            if schema.get("minItems").is_some() || schema.get("minLength").is_some() {
                // Keywords beside a `$ref` apply too.
                self.walk(node, target, context);
                return self.walk_keywords(node, schema, context);
            }
            return self.walk(node, target, context);
        }
        self.walk_keywords(node, schema, context);
    }

    /// `anyOf`: null where a branch allows it, else the branch for the
    /// node's kind (a map for an object, a scalar for a word).
    fn walk_any_of(&mut self, node: &Node, schema: &'a Json, branches: &'a [Json], context: &Context) {
        let allows_null = branches.iter().any(|b| b.get("type").and_then(Json::as_str) == Some("null"));
        if node.is_null() && allows_null {
            return;
        }
        let candidates: Vec<&Json> =
            branches.iter().filter(|b| b.get("type").and_then(Json::as_str) != Some("null")).collect();
        let fits = |branch: &&&Json| {
            let branch: &Json = branch;
            let target = branch.get("$ref").and_then(Json::as_str).and_then(|r| self.resolve(r)).unwrap_or(branch);
            let is_object = target.get("type").and_then(Json::as_str) == Some("object");
            matches!(node.kind, NodeKind::Map(_)) == is_object
        };
        let branch = candidates.iter().find(fits).or(candidates.first()).copied();
        if let Some(branch) = branch {
            self.walk(node, branch, context);
            if schema.get("minLength").is_some() {
                self.walk_keywords(node, schema, context);
            }
        }
    }

    fn walk_keywords(&mut self, node: &Node, schema: &'a Json, context: &Context) {
        let types = types_of(schema);
        if node.is_null() {
            if !types.contains(&"null") && !types.is_empty() {
                self.report(context.key_at, format!("{}不能为空", context.name()));
            } else if schema.get("minLength").is_some() {
                self.report(context.key_at, format!("{}不能为空", context.name()));
            }
            return;
        }
        if let Some(min) = schema.get("minLength").and_then(Json::as_u64)
            && min > 0
            && node.text().is_some_and(|t| t.trim().is_empty())
        {
            self.report(context.key_at, format!("{}不能为空", context.name()));
        }
        if types.is_empty() {
            return;
        }
        match &node.kind {
            NodeKind::Map(_) if types.contains(&"object") => self.object(node, schema, context),
            NodeKind::List(items) if types.contains(&"array") => {
                let min = schema.get("minItems").and_then(Json::as_u64).unwrap_or(0);
                if (items.len() as u64) < min {
                    let at = if context.key_at.is_known() { context.key_at } else { node.at };
                    self.report(at, format!("{}至少要有 {min} 项", context.name()));
                }
                if let Some(item_schema) = schema.get("items") {
                    for item in items {
                        let item_context = Context { key_at: item.at, ..context.clone() };
                        self.walk(item, item_schema, &item_context);
                    }
                }
            }
            NodeKind::Scalar(scalar) if types.contains(&"integer") && scalar.tag == Tag::Int => {
                self.integer(node, &scalar.text, schema, context)
            }
            NodeKind::Scalar(scalar) if types.contains(&"boolean") && scalar.tag == Tag::Bool => {}
            NodeKind::Scalar(scalar) if types.contains(&"string") => self.word(node, &scalar.text, schema, context),
            _ => {
                let expected = expected_words(&types);
                let found = match node.text() {
                    Some(text) => format!("{}“{text}”", node.kind_name()),
                    None => node.kind_name().to_owned(),
                };
                let message = format!("{}应为{expected}，实际是{found}", context.field());
                self.report(node.at, message);
            }
        }
    }

    fn object(&mut self, node: &Node, schema: &'a Json, context: &Context) {
        let NodeKind::Map(map) = &node.kind else { return };
        // A map of any keys (`{ 禁毒: 3 }`): each value as `additionalProperties` says.
        let any_key = schema.get("additionalProperties").filter(|s| s.is_object());
        let Some(properties) = schema.get("properties").and_then(Json::as_object) else {
            if let Some(each) = any_key {
                for entry in &map.entries {
                    let child = Context { key: entry.key.clone(), key_at: entry.key_at, ..context.clone() };
                    self.walk(&entry.value, each, &child);
                }
            }
            return;
        };
        let closed = schema.get("additionalProperties") == Some(&Json::Bool(false));
        // A key the user misspelled is reported once, as a typo, not also as missing.
        let mut meant: Vec<&str> = Vec::new();
        for entry in &map.entries {
            match properties.get(&entry.key) {
                Some(property) => {
                    let label = property.get("title").and_then(Json::as_str).unwrap_or("").to_owned();
                    let child = Context { label, key: entry.key.clone(), key_at: entry.key_at };
                    self.walk(&entry.value, property, &child);
                }
                None if closed => meant.extend(self.unknown(entry, map.flow, properties)),
                None => {}
            }
        }
        let required = schema.get("required").and_then(Json::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for key in required.iter().filter_map(Json::as_str) {
            if map.entries.iter().any(|e| e.key == key) || meant.contains(&key) {
                continue;
            }
            let label = properties.get(key).and_then(|p| p.get("title")).and_then(Json::as_str);
            let named = label.map_or_else(|| format!("`{key}`"), |l| format!("`{key}（{l}）`"));
            let (at, message) = if context.key_at.is_known() {
                (context.key_at, format!("{}中缺少必填字段 {named}", context.name()))
            } else {
                (Place::NONE, format!("缺少必填字段 {named}"))
            };
            self.report(at, message);
        }
    }

    /// A key the schema does not know: a typo, or a comma that split a
    /// one-line `{…}` value into a bogus key.
    /// Returns the key the user most likely meant.
    fn unknown<'p>(
        &mut self,
        entry: &Entry,
        flow: bool,
        properties: &'p serde_json::Map<String, Json>,
    ) -> Option<&'p str> {
        if flow && entry.value.is_null() {
            let message = format!(
                "`{{…}}` 中的英文逗号把值拆开了：“{}”成了一个字段。请给整个值加引号，如 task: '咨询, 探访'（引号里的文字原样印出）",
                entry.key
            );
            self.report(entry.key_at, message);
            return None;
        }
        let candidates: Vec<&str> = properties.keys().map(String::as_str).collect();
        let describe = |key: &str| match properties.get(key).and_then(|p| p.get("title")).and_then(Json::as_str) {
            Some(label) => format!("{key}（{label}）"),
            None => key.to_owned(),
        };
        let by_label = properties
            .iter()
            .find(|(_, p)| p.get("title").and_then(Json::as_str) == Some(entry.key.as_str()))
            .map(|(k, _)| k.as_str());
        let mut message = format!("未知字段 `{}`", entry.key);
        let best = by_label.or_else(|| closest(&entry.key, &candidates));
        if let Some(key) = by_label {
            message.push_str(&format!("：键名用英文，这一栏应写 `{}`", describe(key)));
        } else if let Some(best) = best {
            message.push_str(&format!("，是否想写 `{}`？", describe(best)));
        } else if !candidates.is_empty() {
            let all: Vec<String> = candidates.iter().map(|k| describe(k)).collect();
            message.push_str(&format!("，这里可以写的字段：{}", all.join("、")));
        }
        self.report(entry.key_at, message);
        best
    }

    fn integer(&mut self, node: &Node, text: &str, schema: &Json, context: &Context) {
        let Ok(value) = text.trim().parse::<i64>() else {
            return self.report(node.at, format!("{}“{text}”过大", context.field()));
        };
        if let Some(expected) = schema.get("const").and_then(Json::as_i64)
            && value != expected
        {
            let message = format!("{}{value} 不受支持，应为 {expected}", context.field());
            return self.report(node.at, message);
        }
        let min = schema.get("minimum").and_then(Json::as_i64);
        let max = schema.get("maximum").and_then(Json::as_i64);
        let out_of_range = min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m);
        if out_of_range {
            let range = match (min, max) {
                (Some(min), Some(max)) => format!("应在 {min} 到 {max} 之间"),
                (Some(min), None) => format!("至少为 {min}"),
                (None, Some(max)) => format!("至多为 {max}"),
                (None, None) => String::new(),
            };
            self.report(node.at, format!("{}{value} 不合要求：{range}", context.field()));
        }
    }

    /// A scalar where the schema wants a word: one of `enum`, else any text.
    fn word(&mut self, node: &Node, text: &str, schema: &Json, context: &Context) {
        let allowed = schema
            .get("enum")
            .and_then(Json::as_array)
            .map(Vec::as_slice)
            .or_else(|| schema.get("const").map(std::slice::from_ref).filter(|c| c.iter().all(Json::is_string)));
        let Some(allowed) = allowed else { return };
        let words: Vec<String> = allowed.iter().filter_map(Json::as_str).map(str::to_owned).collect();
        if !words.iter().any(|w| w == text.trim()) {
            let message = format!("{}“{text}”不是可选的值，应为 {}", context.field(), words.join(" 或 "));
            self.report(node.at, message);
        }
    }

    /// A value that must be one of `words` (an enum written as `oneOf` of
    /// `const`s, as schemars writes enums whose variants have docs).
    fn choice(&mut self, node: &Node, words: &[String], context: &Context) {
        match node.text() {
            Some(text) if words.iter().any(|w| w == text.trim()) => {}
            Some(text) => {
                let message = format!("{}“{text}”不是可选的值，应为 {}", context.field(), words.join(" 或 "));
                self.report(node.at, message);
            }
            None if node.is_null() => self.report(context.key_at, format!("{}不能为空", context.name())),
            None => {
                let message = format!("{}应为 {} 之一，实际是{}", context.field(), words.join("、"), node.kind_name());
                self.report(node.at, message);
            }
        }
    }

    /// A value of one of wenshu's scalar types, read by its own parser.
    fn scalar(&mut self, node: &Node, def: &str, schema: &Json, context: &Context) {
        let text = match &node.kind {
            NodeKind::Scalar(scalar) => scalar.text.as_str(),
            NodeKind::Null => {
                let blank_allowed = def == "Text" && schema.get("minLength").is_none();
                if !blank_allowed {
                    self.report(context.key_at, format!("{}不能为空", context.name()));
                }
                return;
            }
            _ => {
                let expected = match def {
                    "Money" => "金额",
                    "Percent" | "Rate" => "百分比",
                    "Number" | "Score" => "数字",
                    _ => "文字",
                };
                let hint = if matches!(node.kind, NodeKind::Map(_)) {
                    "（值里有冒号时请给整个值加引号）"
                } else {
                    ""
                };
                let message = format!("{}应为{expected}，实际是{}{hint}", context.field(), node.kind_name());
                return self.report(node.at, message);
            }
        };
        let required = schema.get("minLength").is_some();
        if text.trim().is_empty() && def != "Text" {
            return self.report(context.key_at, format!("{}不能为空", context.name()));
        }
        let problem = match def {
            "Text" if required && text.trim().is_empty() => {
                return self.report(context.key_at, format!("{}不能为空", context.name()));
            }
            "Text" => None,
            "Money" => Money::parse(text).err(),
            "Percent" => Percent::parse(text).err(),
            "Rate" => crate::units::rate::parse(text).err(),
            "Number" => match Number::parse_checked(text) {
                Err(problem) => Some(problem),
                Ok(n) if n.is_zero() && schema.get("exclusiveMinimum").is_some() => Some("须大于 0".to_owned()),
                Ok(n) => match schema.get("maximum").and_then(Json::as_i64) {
                    Some(max) if n > Number::from_int(max) => Some(format!("{n} 超过了 {max}")),
                    _ => None,
                },
            },
            "Score" => crate::project::model::Score::parse(text).err(),
            "Phone" => (!is_phone(text)).then(|| format!("“{text}”只能包含数字、-、+、括号和“转”")),
            "Date" => crate::units::date::parse(text).err(),
            _ => None,
        };
        if let Some(problem) = problem {
            self.report(node.at, format!("{}{problem}", context.field()));
        }
    }
}

/// The words of a `oneOf` whose branches are all string `const`s.
fn const_words(schema: &Json) -> Option<Vec<String>> {
    let branches = schema.get("oneOf")?.as_array()?;
    branches.iter().map(|b| b.get("const").and_then(Json::as_str).map(str::to_owned)).collect()
}

/// The `$defs` wenshu reads with its own parsers.
fn is_scalar(def: &str) -> bool {
    matches!(def, "Text" | "Money" | "Percent" | "Rate" | "Number" | "Score" | "Phone" | "Date")
}

/// What a phone number may hold: digits and `-+() 转`.
pub fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || "-+() 转".contains(c))
}

fn types_of(schema: &Json) -> Vec<&str> {
    match schema.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

fn expected_words(types: &[&str]) -> String {
    let words: Vec<&str> = types
        .iter()
        .filter_map(|t| match *t {
            "object" => Some("键值表（“键: 值”）"),
            "array" => Some("列表（每项以“- ”开头）"),
            "integer" => Some("整数"),
            "number" => Some("数字"),
            "boolean" => Some(" true（是）或 false（否）"),
            "string" => Some("文字"),
            _ => None,
        })
        .collect();
    words.join("或")
}

/// The candidate nearest to `word` by edit distance, if near enough to be
/// a typo of it.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(yaml: &str, schema: Json) -> Vec<String> {
        let tree = crate::yaml::tree::parse(yaml).unwrap();
        let placed = |e: &Error| match e.line {
            0 => e.message.clone(),
            line => format!("{line}:{}: {}", e.column, e.message),
        };
        check(&tree, &schema, yaml).iter().map(placed).collect()
    }

    #[test]
    fn every_problem_at_once() {
        let schema = json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "count"],
            "properties": {
                "name": { "$ref": "#/$defs/Text", "title": "项目名称", "minLength": 1 },
                "count": { "type": "integer", "title": "人数", "minimum": 1 },
                "total": { "$ref": "#/$defs/Money", "title": "项目资金" }
            },
            "$defs": { "Text": {}, "Money": {} }
        });
        let found = problems("nmae: x\ntotal: abc\ncount: 0\n", schema.clone());
        assert_eq!(problems("total: 1\n", schema), ["缺少必填字段 `name（项目名称）`", "缺少必填字段 `count（人数）`"]);
        assert_eq!(
            found,
            [
                // The misspelt `nmae` is not also reported as a missing `name`.
                "1:1: 未知字段 `nmae`，是否想写 `name（项目名称）`？",
                "2:8: 项目资金（total）：“abc”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）",
                "3:8: 人数（count）：0 不合要求：至少为 1",
            ]
        );
    }

    #[test]
    fn a_comma_in_a_flow_map_is_explained() {
        let schema = json!({
            "type": "object", "additionalProperties": false,
            "properties": { "task": { "$ref": "#/$defs/Text" }, "unit": { "$ref": "#/$defs/Text" } },
            "$defs": { "Text": {} }
        });
        let found = problems("{ task: 咨询, 探访, unit: 人次 }\n", schema);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("1:13: `{…}` 中的英文逗号把值拆开了：“探访”成了一个字段"), "{found:?}");
    }

    #[test]
    fn typos_are_matched_to_the_nearest_key() {
        assert_eq!(closest("nmae", &["name", "year", "version"]), Some("name"));
        assert_eq!(closest("budgte", &["budget", "funding"]), Some("budget"));
        assert_eq!(closest("zzzzzz", &["name", "year"]), None);
    }
}
