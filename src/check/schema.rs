//! The JSON Schema of the project file: the model's types, every form's own
//! fields in its section, and the rules JSON Schema can say. Editors use it
//! for completion and hover help; the shape check ([`crate::project::shape`]) uses
//! the same schema, so both always agree.

use schemars::SchemaGenerator;
use serde_json::{Value as Json, json};

use crate::check::fields;
use crate::forms::Catalog;
use crate::project::model::Project;

/// The project schema for the forms of `catalog`.
pub fn project_schema(catalog: &Catalog) -> Json {
    let mut generator = SchemaGenerator::default();
    let root = generator.root_schema_for::<Project>();
    // The parts forms may carry, whether or not the project schema reaches them.
    for part in crate::parts::PARTS {
        part.define(&mut generator);
    }
    let mut schema = serde_json::to_value(root).unwrap_or_default();
    let defs: serde_json::Map<String, Json> =
        generator.definitions().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    schema["$defs"] = Json::Object(defs);
    schema["$defs"]["Phone"] =
        json!({ "type": ["string", "number"], "pattern": r"^[0-9()+\- 转]*[0-9][0-9()+\- 转]*$" });
    schema["$defs"]["Date"] = json!({ "type": "string", "pattern": r"^\s*[0-9]{4}(年[0-9]{1,2}月[0-9]{1,2}日|[-./][0-9]{1,2}[-./][0-9]{1,2})\s*$" });
    schema["$defs"]["Rate"] = json!({ "type": ["string", "number"], "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*[%％]?\s*$" });
    schema["$defs"]["OutlineItem"] = fields::outline_item_schema();
    schema["additionalProperties"] = json!(false);
    schema["properties"]["documents"]["items"] = json!({ "type": "string", "enum": catalog.names() });
    for section in catalog.sections() {
        let fields = catalog.section_fields(section);
        let forms: Vec<String> = catalog.sharing(section).map(|f| f.name.clone()).collect();
        let title = catalog.sharing(section).next().map_or(section.to_owned(), |f| f.title.clone());
        let description = format!("{}的栏目；有这一节才生成{}", title, forms.join("、"));
        let mut section_schema = fields::section_schema(&fields, &title, &description);
        section_schema["type"] = json!(["object", "null"]);
        insert_section(&mut schema, section, section_schema);
    }
    strip_developer_notes(&mut schema);
    require_visible_text(&mut schema);
    schema
}

/// Text that must be filled in must hold more than spaces: beside every
/// `minLength`, a pattern that wants one visible character.
fn require_visible_text(value: &mut Json) {
    match value {
        Json::Object(map) => {
            if map.get("minLength").and_then(Json::as_u64).is_some_and(|n| n > 0) && !map.contains_key("pattern") {
                map.insert("pattern".into(), json!(r"\S"));
            }
            map.values_mut().for_each(require_visible_text);
        }
        Json::Array(items) => items.iter_mut().for_each(require_visible_text),
        _ => {}
    }
}

/// Puts a section's schema at its key path: `application` at the top,
/// `evaluation.report` inside the evaluation's definition. A parent that
/// is not in the model becomes an object of its own.
fn insert_section(schema: &mut Json, path: &str, section: Json) {
    let keys: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = keys.split_last() else { return };
    // The object holding the next key: the root, or a definition it refers to.
    let mut holder: Vec<String> = Vec::new();
    for key in parents {
        let object = pointer_mut(schema, &holder);
        let property = &object["properties"][*key];
        let reference = property
            .get("$ref")
            .or_else(|| {
                property.get("anyOf").and_then(|a| a.as_array()).and_then(|a| a.iter().find_map(|b| b.get("$ref")))
            })
            .and_then(Json::as_str)
            .map(|r| r.trim_start_matches("#/$defs/").to_owned());
        match reference {
            Some(def) => holder = vec!["$defs".to_owned(), def],
            None => {
                if object["properties"].get(*key).is_none() {
                    object["properties"][*key] =
                        json!({ "type": "object", "properties": {}, "additionalProperties": false });
                }
                holder.extend(["properties".to_owned(), (*key).to_owned()]);
            }
        }
    }
    let object = pointer_mut(schema, &holder);
    object["properties"][*last] = section;
}

/// The value at a path of object keys.
fn pointer_mut<'a>(value: &'a mut Json, path: &[String]) -> &'a mut Json {
    path.iter().fold(value, |v, key| &mut v[key.as_str()])
}

/// Doc comments on the model's types are notes for developers; editors
/// show a field's own title and description instead.
fn strip_developer_notes(schema: &mut Json) {
    if let Some(Json::Object(defs)) = schema.get_mut("$defs") {
        for def in defs.values_mut() {
            if let Json::Object(map) = def {
                let english = map.get("description").and_then(Json::as_str).is_some_and(is_english);
                if english {
                    map.remove("description");
                }
            }
        }
    }
    fn walk(value: &mut Json) {
        match value {
            Json::Object(map) => {
                let english = map.get("description").and_then(Json::as_str).is_some_and(is_english);
                if english {
                    map.remove("description");
                }
                map.values_mut().for_each(walk);
            }
            Json::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(schema);
}

/// Whether a description is written for developers (mostly Latin letters).
pub fn is_english(text: &str) -> bool {
    text.chars().filter(|c| c.is_ascii_alphabetic()).count() > text.chars().filter(|c| !c.is_ascii()).count()
}

/// The schema a `$ref` points to, or `schema` itself; through an `anyOf`
/// with null (an optional value), its other branch.
pub fn resolve<'a>(root: &'a Json, schema: &'a Json) -> &'a Json {
    let mut current = schema;
    for _ in 0..8 {
        if let Some(reference) = current.get("$ref").and_then(Json::as_str) {
            match reference.strip_prefix("#/$defs/").and_then(|name| root.get("$defs")?.get(name)) {
                Some(target) => current = target,
                None => return current,
            }
        } else if let Some(branches) = current.get("anyOf").and_then(Json::as_array) {
            let branch = branches.iter().find(|b| b.get("type").and_then(Json::as_str) != Some("null"));
            match branch {
                Some(branch) => current = branch,
                None => return current,
            }
        } else {
            return current;
        }
    }
    current
}

/// The schema of property `key` of an object schema.
pub fn property<'a>(root: &'a Json, schema: &'a Json, key: &str) -> Option<&'a Json> {
    resolve(root, schema).get("properties")?.get(key)
}

/// The schema of the items of an array schema.
pub fn items<'a>(root: &'a Json, schema: &'a Json) -> Option<&'a Json> {
    resolve(root, schema).get("items")
}

/// The title of the field at a key path (`evaluation.report`).
pub fn title_at(root: &Json, path: &str) -> Option<String> {
    let mut current = root;
    for key in path.split('.') {
        current = property(root, current, key)?;
    }
    current.get("title").and_then(Json::as_str).map(str::to_owned)
}
