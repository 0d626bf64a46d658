//! A choice nested in an option of another (开具税务发票情况：能（□有税控机
//! □税务代开）　不能□): its field says so with `when: { invoice: 能 }`, and
//! `check` refuses it chosen while that option is not ([`Check::Within`]).

use super::super::*;
use super::ManifestProblems;
use super::spec::FieldSpec;

/// The `when` of each field, looked up: the field it names must be a
/// choice of the form with that option.
pub(super) fn checks_of(specs: &[FieldSpec], fields: &[Field], problems: &mut ManifestProblems) -> Vec<Check> {
    let mut out = Vec::new();
    for spec in specs {
        let Some(when) = &spec.when else { continue };
        let mut entries = when.value.iter();
        let (Some((parent, value)), None) = (entries.next(), entries.next()) else {
            let message = "when 写成 { 栏目: 选项 }，如 when: { invoice: 能 }：这一栏只在那一栏选了那个选项时才能填";
            problems.report(when.at, message.to_owned());
            continue;
        };
        let values = fields.iter().find(|f| &f.key == parent).and_then(|f| match &f.kind {
            FieldType::Choice(values) => Some(values),
            _ => None,
        });
        match values {
            None => problems.report(when.at, format!("when 中的 `{parent}` 不是本表格的选择栏目（type: choice）")),
            Some(values) if !values.contains(value) => {
                let message = format!("`{parent}` 的选项中没有“{value}”（可选：{}）", values.join("、"));
                problems.report(when.at, message);
            }
            Some(_) => {
                out.push(Check::Within { field: spec.key.value.clone(), parent: parent.clone(), value: value.clone() })
            }
        }
    }
    refuse_nested(specs, problems);
    out
}

/// A `when` inside a group or a table's columns: no rule reads it there.
fn refuse_nested(specs: &[FieldSpec], problems: &mut ManifestProblems) {
    for inner in specs.iter().flat_map(|s| s.fields.iter().chain(&s.columns)) {
        if let Some(when) = &inner.when {
            let message = "when 只能写在 fields 第一层的选择栏目上，表格的列和一组栏目中的栏目不能写";
            problems.report(when.at, message.to_owned());
        }
        refuse_nested(std::slice::from_ref(inner), problems);
    }
}
