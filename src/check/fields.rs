//! A form's fields as JSON Schema: what the project schema says of a
//! form's section, so editors complete and check it.

use serde_json::{Value as Json, json};

use crate::yaml::tree::Node;

use crate::forms::{Field, FieldType};

/// The JSON Schema of a section holding `fields`.
pub fn section_schema(fields: &[Field], title: &str, description: &str) -> Json {
    let mut schema = group_schema(fields);
    schema["title"] = json!(title);
    schema["description"] = json!(description);
    schema
}

fn group_schema(fields: &[Field]) -> Json {
    let properties: serde_json::Map<String, Json> = fields.iter().map(|f| (f.key.clone(), field_schema(f))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.key.as_str()).collect();
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

/// The schema of one field: its type's, titled with its label and help.
pub fn field_schema(field: &Field) -> Json {
    let mut schema = type_schema(&field.kind, field.required);
    let Json::Object(map) = &mut schema else { return schema };
    map.insert("title".into(), json!(field.label));
    let help = match (&field.help, field.required) {
        (help, _) if !help.is_empty() => match &field.kind {
            FieldType::Text(chars) | FieldType::Prose(chars) => format!("{help}{}", chars.hint()),
            _ => help.clone(),
        },
        (_, true) => format!("{}（必填）", field.kind.hint()),
        (_, false) => field.kind.hint(),
    };
    map.insert("description".into(), json!(help));
    if let Some(default) = &field.default {
        map.insert("default".into(), default.clone());
    }
    schema
}

fn type_schema(kind: &FieldType, required: bool) -> Json {
    let text = |def: &str| {
        let mut schema = json!({ "$ref": format!("#/$defs/{def}") });
        if required {
            schema["minLength"] = json!(1);
        }
        schema
    };
    match kind {
        // JSON Schema counts every character, whitespace too: a lower limit
        // holds as the form counts, an upper one only on one line of text.
        FieldType::Text(chars) | FieldType::Prose(chars) => {
            let mut schema = text("Text");
            if let Some(min) = chars.min.filter(|m| required && *m > 1) {
                schema["minLength"] = json!(min);
            }
            if let (FieldType::Text(_), Some(max)) = (kind, chars.max) {
                schema["maxLength"] = json!(max);
            }
            schema
        }
        FieldType::Phone => text("Phone"),
        FieldType::Date => text("Date"),
        FieldType::Outline(_) => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/OutlineItem" }, "minItems": usize::from(required) })
        }
        FieldType::Money => json!({ "$ref": "#/$defs/Money" }),
        FieldType::Percent => json!({ "$ref": "#/$defs/Percent" }),
        FieldType::Rate => text("Rate"),
        FieldType::Number => json!({ "$ref": "#/$defs/Number" }),
        FieldType::Integer { min, max } => {
            let mut schema = json!({ "type": "integer" });
            if let Some(min) = min {
                schema["minimum"] = json!(min);
            }
            if let Some(max) = max {
                schema["maximum"] = json!(max);
            }
            schema
        }
        FieldType::Year => json!({ "type": "integer", "minimum": 2000, "maximum": 2100 }),
        FieldType::Bool => json!({ "type": "boolean" }),
        FieldType::Choice(values) => json!({ "type": "string", "enum": values }),
        FieldType::List { of, min } => json!({ "type": "array", "items": field_schema(of), "minItems": min }),
        FieldType::Table(columns) => {
            json!({ "type": "array", "items": group_schema(columns), "minItems": usize::from(required) })
        }
        FieldType::Group(fields) => group_schema(fields),
        FieldType::Part(part) => crate::parts::part(part).map_or(Json::Null, |p| p.schema()),
    }
}

/// The schema of an outline item, for `$defs`.
pub fn outline_item_schema() -> Json {
    json!({
        "type": "object",
        "title": "提纲的一项",
        "properties": {
            "title": { "$ref": "#/$defs/Text", "title": "标题", "description": "这一项的标题，编号由 wenshu 按 一、（一）1.（1）加上", "minLength": 1 },
            "number": { "$ref": "#/$defs/Text", "title": "编号", "description": "照原文写的编号，如 第一条；写了就不自动编号" },
            "text": { "$ref": "#/$defs/Text", "title": "正文", "description": "标题下的段落，空一行另起一段" },
            "items": { "type": "array", "title": "列表", "description": "标题下按 1. 2. 编号的各条", "items": { "$ref": "#/$defs/Text" } },
            "children": { "type": "array", "title": "下级标题", "description": "下一级的各项", "items": { "$ref": "#/$defs/OutlineItem" } },
            "insert": { "type": "string", "title": "插入的表格", "description": "在这一项的正文后印出本节的一张表：写表格栏目的键，如 services、workload、team" },
            "after": { "$ref": "#/$defs/Text", "title": "其后的正文", "description": "印在列表和插入的表格之后的段落，空一行另起一段" },
            "numbering": { "type": "array", "title": "下级编号", "description": "下级各层的编号样式，一层一个，如 [1、, （1）]；可用 一、（一）1、1.（1）① 等", "items": { "type": "string" } }
        },
        "required": ["title"],
        "additionalProperties": false
    })
}

/// Whether a project's tree has a value at a key path.
pub fn has_path(tree: &Node, path: &str) -> bool {
    tree.at_path(path).is_some_and(|n| !n.is_null())
}
