//! The context a template receives, built from a project's data: the
//! project with every form section typed by its fields, what wenshu
//! computed (the evaluation, the completion rates, the service areas),
//! then for one form its own section, its definitions and what its typed
//! parts computed. The funders' summary has its own.

use std::collections::BTreeMap;

use minijinja::value::Value;
use serde::Serialize;

use crate::forms::{Catalog, Form};
use crate::project::model::Project;
use crate::typeset::values::{self, data};
use crate::yaml::tree::Node;

/// What every document of a project shares.
pub fn shared<E: Serialize, C: Serialize, S: Serialize>(
    project: Value,
    evaluated: &E,
    completion: &C,
    service_areas: &S,
    fonts: &str,
) -> Value {
    minijinja::context! {
        project => project,
        evaluated => data(evaluated),
        completion => data(completion),
        service_areas => data(service_areas),
        fonts => Value::from_safe_string(fonts.to_owned()),
    }
}

/// The project as templates see it: the model's parts (money in 分 …) and
/// every form section present, typed by its fields.
pub fn project(project: &Project, tree: &Node, catalog: &Catalog) -> Value {
    let mut sections: Vec<(&str, Value)> = Vec::new();
    for section in catalog.sections() {
        let Some(node) = tree.at_path(section).filter(|n| !n.is_null()) else { continue };
        let fields = catalog.section_fields(section);
        sections.push((section, values::section(&fields, Some(node))));
    }
    splice(data(project), "", &sections)
}

/// What one form's template sees: the shared context, the form's own
/// section, and what wenshu computes from its typed parts.
pub fn for_form(shared: &Value, form: &Form, section: Option<&Node>) -> Value {
    let parts: BTreeMap<&str, Value> = crate::parts::PARTS
        .iter()
        .filter_map(|part| {
            let _figures = crate::units::templates::ForTemplates::begin();
            part.context(form, section)
        })
        .map(|(name, json)| (name, values::from_json(json)))
        .collect();
    let own = minijinja::context! {
        document => minijinja::context! {
            name => &form.name,
            title => &form.title,
            region => &form.region,
            source => &form.document,
            fields => values::field_specs(&form.fields),
        },
        form => bound(shared, &form.fields, values::section(&form.fields, section)),
        ..shared.clone()
    };
    minijinja::value::merge_maps([own, Value::from(parts)])
}

/// A form's section with its fields' `from` filled in: a field the project
/// leaves out prints the value wenshu has at its key path (`project.name`,
/// `evaluated.execution.rate`), as the built-in forms print it.
fn bound(shared: &Value, fields: &[crate::forms::Field], own: Value) -> Value {
    if fields.iter().all(|f| f.from.is_none()) {
        return own;
    }
    let empty = |v: &Value| v.is_none() || v.is_undefined();
    let map: BTreeMap<String, Value> = fields
        .iter()
        .map(|f| {
            let value = own.get_attr(&f.key).unwrap_or_default();
            let value = match &f.from {
                Some(path) if empty(&value) => lookup(shared, path).unwrap_or(value),
                _ => value,
            };
            (f.key.clone(), value)
        })
        .collect();
    Value::from(map)
}

/// The value at a key path (`evaluated.execution.rows.0.initial`), if any.
pub fn lookup(root: &Value, path: &str) -> Option<Value> {
    let mut value = root.clone();
    for word in path.split('.') {
        value = match word.parse::<usize>() {
            Ok(index) => value.get_item(&Value::from(index)).ok()?,
            Err(_) => value.get_attr(word).ok()?,
        };
        if value.is_none() || value.is_undefined() {
            return None;
        }
    }
    Some(value)
}

/// The summary's context: the summary and its table.
pub fn summary<S: Serialize, T: Serialize>(summary: &S, table: &T, fonts: &str) -> Value {
    minijinja::context! {
        summary => data(summary),
        table => data(table),
        fonts => Value::from_safe_string(fonts.to_owned()),
    }
}

/// `value` (a map) with `sections` put in at their key paths below `prefix`.
fn splice(value: Value, prefix: &str, sections: &[(&str, Value)]) -> Value {
    let mut map: BTreeMap<String, Value> = BTreeMap::new();
    if let Ok(keys) = value.try_iter() {
        for key in keys {
            if let Some(name) = key.as_str() {
                map.insert(name.to_owned(), value.get_item(&key).unwrap_or_default());
            }
        }
    }
    let mut nested: Vec<String> = Vec::new();
    for (path, section) in sections {
        let rest =
            if prefix.is_empty() { Some(*path) } else { path.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) };
        match rest.map(|r| r.split_once('.')) {
            Some(None) => {
                map.insert(rest.unwrap_or_default().to_owned(), section.clone());
            }
            Some(Some((first, _))) if !nested.iter().any(|n| n == first) => nested.push(first.to_owned()),
            _ => {}
        }
    }
    for key in nested {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let child = map.remove(&key).unwrap_or_else(|| Value::from(BTreeMap::<String, Value>::new()));
        map.insert(key, splice(child, &path, sections));
    }
    Value::from(map)
}
