//! `wenshu form doc`: the template reference (docs/forms.md, built in),
//! or one form's fields as its template reads them, from its manifest.
//! Tests hold the reference to the code: every filter and function the
//! template environment registers and every function of style.typ must
//! be in it.

use crate::error::{Error, ErrorKind, Exit};
use crate::forms::{Field, FieldType};
use crate::term;

/// The template reference, docs/forms.md.
pub const REFERENCE: &str = include_str!("../../docs/forms.md");

/// `wenshu form doc [NAME]`.
pub fn show(forms: Option<&std::path::Path>, form: Option<&str>) -> Exit {
    let Some(name) = form else {
        term::data(format_args!("{}", REFERENCE.trim_end()));
        return Ok(0);
    };
    let catalog = crate::parts::catalog(forms)?;
    let Some(form) = catalog.find(name) else {
        let message = format!("没有名为“{name}”的表格，可选：{}", catalog.names().join("、"));
        return Err(vec![Error::new(ErrorKind::Usage, message)]);
    };
    term::data(format_args!("{}（{}）的模板收到：", form.name, form.template_name()));
    term::data(format_args!("  document.title = {}，document.name = {}", form.title, form.name));
    let section = form.section.as_deref().unwrap_or("");
    if !section.is_empty() {
        term::data(format_args!("  form = project.{section}，其中："));
    }
    for line in field_lines(&form.fields, "form", 2) {
        term::data(format_args!("{line}"));
    }
    term::data(format_args!("其余变量（project、fonts、evaluated …）、过滤器和排版函数见 wenshu form doc。"));
    Ok(0)
}

/// One line a field: its path in the template, label, type and how it
/// prints; a table's columns and a group's fields below it.
fn field_lines(fields: &[Field], prefix: &str, indent: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for field in fields {
        let path = format!("{prefix}.{}", field.key);
        let optional = if field.required { "" } else { "，可不写（没写时为 none）" };
        let printed = match &field.kind {
            FieldType::Money => "金额，印出 56.40；.wan .yuan .fen 用于计算".to_owned(),
            FieldType::Percent => "百分比，印出 70%；.value .ratio 用于计算".to_owned(),
            FieldType::Rate => "百分数，照项目的写法印出，带 %（98.23%、120%）".to_owned(),
            FieldType::Number | FieldType::Integer { .. } | FieldType::Year => "数字".to_owned(),
            FieldType::Choice(values) => format!("文字，{} 之一", values.join("、")),
            FieldType::Table(_) => format!("表格：{{% for row in {path} %}}"),
            FieldType::List { .. } => format!("列表：{{% for x in {path} %}}"),
            FieldType::Outline(_) => format!("提纲：{{% for item in {path} recursive %}}"),
            kind => kind.hint(),
        };
        lines.push(format!("{}{path}  {}：{printed}{optional}", " ".repeat(indent), field.label));
        match &field.kind {
            FieldType::Table(columns) => lines.extend(field_lines(columns, "row", indent + 2)),
            FieldType::Group(inner) => lines.extend(field_lines(inner, &path, indent + 2)),
            _ => {}
        }
    }
    lines
}

/// The variables every template receives are documented: checked against
/// the context a form's template is rendered with.
pub fn undocumented(names: impl IntoIterator<Item = String>) -> Vec<String> {
    names.into_iter().filter(|name| !REFERENCE.contains(&format!("| `{name}` |"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variable a template receives is in docs/forms.md.
    #[test]
    fn every_template_variable_is_documented() {
        let workspace = crate::Workspace::open(None, None).unwrap_or_else(|e| panic!("{e:?}"));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/yantian-2020/project.yaml");
        let loaded = workspace.load(&path).unwrap_or_else(|e| panic!("{e:?}"));
        let prepared = workspace.prepare(&loaded).unwrap_or_else(|e| panic!("{e:?}"));
        let form = workspace.catalog().find("申报表").unwrap_or_else(|| panic!("no form"));
        let context = workspace.session(&loaded, &prepared).context(form);
        let names: Vec<String> =
            context.try_iter().into_iter().flatten().filter_map(|k| k.as_str().map(str::to_owned)).collect();
        assert!(names.len() >= 10, "{names:?}");
        assert_eq!(undocumented(names), Vec::<String>::new());
    }

    /// Every key of a value wenshu computes, as the key paths a template
    /// writes (`evaluated.execution.rows[].label`), with the value the
    /// example project gives it.
    fn key_paths(json: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        use serde_json::Value as Json;
        match json {
            Json::Object(map) if !map.is_empty() => {
                for (key, value) in map {
                    key_paths(value, &format!("{path}.{key}"), out);
                }
            }
            Json::Array(items) if items.iter().any(|i| i.is_object()) => {
                for item in items {
                    key_paths(item, &format!("{path}[]"), out);
                }
            }
            leaf => {
                if !out.iter().any(|(p, _)| p == path) {
                    let shown = leaf.to_string();
                    out.push((path.to_owned(), shown.chars().take(40).collect()));
                }
            }
        }
    }

    #[test]
    fn every_key_of_the_computed_values_is_documented() {
        let workspace = crate::Workspace::open(None, None).unwrap_or_else(|e| panic!("{e:?}"));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/yantian-2020/project.yaml");
        let loaded = workspace.load(&path).unwrap_or_else(|e| panic!("{e:?}"));
        let prepared = workspace.prepare(&loaded).unwrap_or_else(|e| panic!("{e:?}"));
        let json = serde_json::to_value(&prepared.evaluated).unwrap_or_default();
        let mut paths = Vec::new();
        key_paths(&json, "evaluated", &mut paths);
        // An indicator's scoring steps are `wenshu explain`'s, not a form's.
        paths.retain(|(p, _)| !p.contains(".method.") && !p.contains(".steps"));
        assert!(paths.len() >= 40, "{paths:?}");
        let missing: Vec<String> = paths
            .iter()
            .filter(|(p, _)| !REFERENCE.contains(&format!("| `{p}` |")))
            .map(|(p, example)| format!("| `{p}` | {example} |"))
            .collect();
        assert!(missing.is_empty(), "not in docs/forms.md:\n{}", missing.join("\n"));
    }

    /// The names a source registers with `call("name"`.
    fn registered<'a>(source: &'a str, call: &str) -> Vec<&'a str> {
        source.split(call).skip(1).filter_map(|rest| rest.split('"').next()).collect()
    }

    fn documented(name: &str) -> bool {
        REFERENCE.contains(&format!("| `{name}` |"))
    }

    #[test]
    fn every_filter_and_function_is_documented() {
        let render = include_str!("../typeset/render.rs");
        let names: Vec<&str> = [registered(render, "add_filter(\""), registered(render, "add_function(\"")].concat();
        assert!(names.len() >= 10, "{names:?}");
        let missing: Vec<&&str> = names.iter().filter(|n| !documented(n)).collect();
        assert!(missing.is_empty(), "not in docs/forms.md: {missing:?}");
    }

    #[test]
    fn every_function_of_style_typ_is_documented() {
        let style = include_str!("../../forms/style.typ");
        let names: Vec<&str> = style
            .lines()
            .filter_map(|line| line.strip_prefix("#let "))
            .filter_map(|rest| rest.split(['(', ' ', '=']).next())
            .collect();
        assert!(names.len() >= 15, "{names:?}");
        let missing: Vec<&&str> = names.iter().filter(|n| !documented(n)).collect();
        assert!(missing.is_empty(), "not in docs/forms.md: {missing:?}");
    }

    #[test]
    fn a_forms_fields_are_listed_by_their_template_paths() {
        let catalog = crate::parts::catalog(None).unwrap_or_else(|e| panic!("{e:?}"));
        let form = catalog.find("项目支出绩效目标表").unwrap_or_else(|| panic!("no form"));
        let lines = field_lines(&form.fields, "form", 2);
        assert!(
            lines.contains(&"  form.total  总金额：金额，印出 56.40；.wan .yuan .fen 用于计算".to_owned()),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.starts_with("    row.amount  金额：")), "{lines:?}");
    }
}
