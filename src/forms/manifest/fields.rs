//! A manifest's field specs made into [`Field`]s: each type's own keys
//! checked (a choice needs values, a list its item, …), `from` paths and
//! 字数 limits validated where they are written.

use crate::yaml::tree::Spanned;

use super::super::*;
use super::ManifestProblems;
use super::spec::{FieldSpec, ItemSpec};

pub(super) fn fields_of(specs: &[FieldSpec], problems: &mut ManifestProblems) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    for spec in specs {
        let Some(field) = field_of(spec, problems) else { continue };
        if fields.iter().any(|f| f.key == field.key) {
            problems.report(spec.key.at, format!("栏目 `{}` 写了两次", field.key));
        }
        let key_ok = field.key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && field.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            problems
                .report(spec.key.at, format!("栏目的键 `{}` 只能用小写英文字母、数字和下划线，以字母开头", field.key));
        }
        fields.push(field);
    }
    fields
}

fn field_of(spec: &FieldSpec, problems: &mut ManifestProblems) -> Option<Field> {
    let kind = type_of(&spec.kind, spec, problems)?;
    let required = spec.required.unwrap_or(spec.default.is_none());
    Some(Field {
        key: spec.key.value.clone(),
        label: spec.label.value.clone(),
        kind,
        required,
        default: spec.default.clone(),
        help: spec.help.clone().unwrap_or_default(),
        from: spec.from.as_ref().and_then(|from| from_of(from, problems)),
    })
}

/// The roots a field's `from` may name: what every template sees.
const FROM_ROOTS: [&str; 3] = ["project", "evaluated", "completion"];

/// A field's `from`: a key path under one of [`FROM_ROOTS`].
fn from_of(from: &Spanned<String>, problems: &mut ManifestProblems) -> Option<String> {
    let path = from.value.trim();
    let words = path.split('.').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let root = path.split('.').next().unwrap_or("");
    if !words || !FROM_ROOTS.contains(&root) || !path.contains('.') {
        let message = format!(
            "from 写的是 wenshu 已有的值的位置，如 project.name、evaluated.execution.rate、evaluated.total（以 {} 开头，用 . 分隔），不是“{path}”",
            FROM_ROOTS.join("、")
        );
        problems.report(from.at, message);
        return None;
    }
    Some(path.to_owned())
}

/// The 字数 limits of a text field, which must leave room for a text.
fn chars_of(name: &Spanned<String>, spec: &FieldSpec, problems: &mut ManifestProblems) -> Chars {
    let chars = Chars { min: spec.min_chars, max: spec.max_chars };
    if chars.max == Some(0) {
        problems.report(name.at, "max_chars 是最多几个字，不能为 0".to_owned());
    }
    if let (Some(min), Some(max)) = (chars.min, chars.max)
        && min > max
    {
        problems.report(name.at, format!("min_chars {min} 大于 max_chars {max}"));
    }
    chars
}

fn type_of(name: &Spanned<String>, spec: &FieldSpec, problems: &mut ManifestProblems) -> Option<FieldType> {
    let kind = match name.value.as_str() {
        "text" => FieldType::Text(chars_of(name, spec, problems)),
        "prose" => FieldType::Prose(chars_of(name, spec, problems)),
        "outline" => {
            for style in spec.numbering.iter().filter(|s| crate::units::numbering::numbering_style(&s.value).is_none())
            {
                let message = format!("编号样式“{}”要含一个 一、1 或 ①，如 一、 （一） 1、 1. （1） ①", style.value);
                problems.report(style.at, message);
            }
            FieldType::Outline(spec.numbering.iter().map(|s| s.value.clone()).collect())
        }
        "money" => FieldType::Money,
        "percent" => FieldType::Percent,
        "rate" => FieldType::Rate,
        "integer" => {
            if let (Some(min), Some(max)) = (spec.min, spec.max)
                && min > max
            {
                problems.report(name.at, format!("min {min} 大于 max {max}"));
            }
            FieldType::Integer { min: spec.min, max: spec.max }
        }
        "number" => FieldType::Number,
        "year" => FieldType::Year,
        "date" => FieldType::Date,
        "bool" => FieldType::Bool,
        "phone" => FieldType::Phone,
        "choice" if spec.values.is_empty() => {
            problems.report(name.at, "choice 类型要用 values 列出可选的值".to_owned());
            return None;
        }
        "choice" => FieldType::Choice(spec.values.clone()),
        "list" => {
            let Some(of) = &spec.of else {
                problems.report(name.at, "list 类型要用 of 写明每项的类型，如 of: text".to_owned());
                return None;
            };
            let item = match &of.value {
                // The item's own keys are written on the list (`of: choice` with `values`).
                ItemSpec::Type(type_name) => {
                    let item = FieldSpec {
                        values: spec.values.clone(),
                        min_chars: spec.min_chars,
                        max_chars: spec.max_chars,
                        ..FieldSpec::item(Spanned::new(type_name.clone(), of.at), spec.label.clone())
                    };
                    field_of(&item, problems)?
                }
                ItemSpec::Field(item) => field_of(item, problems)?,
            };
            let min =
                spec.min.map_or(usize::from(spec.required.unwrap_or(spec.default.is_none())), |m| m.max(0) as usize);
            FieldType::List { of: Box::new(item), min }
        }
        "table" if spec.columns.is_empty() => {
            problems.report(name.at, "table 类型要用 columns 列出各栏".to_owned());
            return None;
        }
        "table" => FieldType::Table(fields_of(&spec.columns, problems)),
        "group" if spec.fields.is_empty() => {
            problems.report(name.at, "group 类型要用 fields 列出其中的栏目".to_owned());
            return None;
        }
        "group" => FieldType::Group(fields_of(&spec.fields, problems)),
        other => match (problems.parts.find)(other) {
            Some(part) => FieldType::Part(part),
            None => {
                let parts = (problems.parts.names)().join("、");
                problems.report(name.at, format!("不认识的类型 `{other}`，可以用：{TYPE_NAMES}、{parts}"));
                return None;
            }
        },
    };
    Some(kind)
}
