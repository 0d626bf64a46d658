//! The rules a person checks before signing a form: sums to the 分, shares
//! that make 100%, amounts and counts that cannot be nought, a team that
//! meets the staffing rules. Every broken rule is reported, not just the
//! first, each at its place in the file.
//!
//! The shape of the file (types, required fields, allowed values) is checked
//! before, by [`crate::project::shape`]; the rules here are those on figures. Rules
//! on a form's typed parts (a budget, a 工时测算, a team) run where a form's
//! section holds one.

use crate::check::fields::has_path;
use crate::error::{Error, ErrorKind};
use crate::forms::{Catalog, Chars, Check, Field, FieldType, Form, count_chars};
use crate::parts::{Section, part};
use crate::project::load::Loaded;
use crate::project::model::Project;
use crate::units::money::Money;
use crate::units::number::Number;
use crate::yaml::tree::{Node, Place};

/// Every problem of the figures of a loaded project.
pub fn validate(loaded: &Loaded, catalog: &Catalog, schema: &serde_json::Value) -> Vec<Error> {
    let mut problems = Problems { source: &loaded.source, found: Vec::new() };
    let project = &loaded.project;
    check_funding(project, &mut problems);
    for section in catalog.sections() {
        let Some(node) = loaded.tree.at_path(section).filter(|n| !n.is_null()) else { continue };
        let mut seen: Vec<&str> = Vec::new();
        for form in catalog.sharing(section) {
            for check in &form.checks {
                check_rule(form, check, node, &mut problems);
            }
            for field in &form.fields {
                if seen.contains(&field.key.as_str()) {
                    continue;
                }
                seen.push(&field.key);
                let Some(value) = node.get(&field.key).filter(|v| !v.is_null()) else { continue };
                if let FieldType::Part(name) = field.kind
                    && let Some(part) = part(name)
                {
                    let section = Section { project, form, node };
                    for (at, message) in part.validate(&section, value) {
                        problems.report(at, message);
                    }
                }
            }
        }
    }
    check_documents(loaded, catalog, schema, &mut problems);
    for form in documents(loaded, catalog, schema) {
        let Some(node) = form.section.as_deref().and_then(|s| loaded.tree.at_path(s)).filter(|n| !n.is_null()) else {
            continue;
        };
        check_lengths(form, &form.fields, node, &mut problems);
    }
    problems.found.sort_by_key(|e| (e.line, e.column));
    problems.found
}

struct Problems<'a> {
    source: &'a str,
    found: Vec<Error>,
}

impl Problems<'_> {
    fn report(&mut self, at: Place, message: String) {
        let error = Error::new(ErrorKind::Invalid, message);
        self.found.push(error.at(self.source, at.line as usize, at.column as usize));
    }
}

/// 项目资金 = 财政拨款 + 其他资金, and none of it nought.
fn check_funding(project: &Project, problems: &mut Problems) {
    let Some(funding) = &project.funding else { return };
    if funding.total.value == Money::ZERO {
        problems.report(funding.total.at, "项目资金不能为 0：请填写项目的总金额，如 56.40万元".to_owned());
    }
    let other = funding.other_funds.as_ref().map_or(Money::ZERO, |m| m.value);
    let sources = funding.fiscal.value + other;
    if funding.total.value != sources {
        let message = format!(
            "项目资金 {} ≠ 财政拨款 {} + 其他资金 {other} = {sources}",
            funding.total.value, funding.fiscal.value
        );
        problems.report(funding.fiscal.at, message);
    }
}

/// One of a form's own checks on a section's figures.
fn check_rule(form: &Form, check: &Check, section: &Node, problems: &mut Problems) {
    let label = |key: &str| form.fields.iter().find(|f| f.key == key).map_or(key.to_owned(), |f| f.label.clone());
    match check {
        Check::AtMost { field, limit } => {
            let (Some(a), Some(b)) = (section.get(field), section.get(limit)) else { return };
            let kind = form.fields.iter().find(|f| &f.key == field).map(|f| &f.kind);
            // Both sides have the field's type (the manifest was checked so).
            let read = |node: &Node| -> Option<(i128, String)> {
                let text = node.text()?;
                match kind {
                    Some(FieldType::Money) => Money::parse(text).ok().map(|m| (i128::from(m.fen()), m.to_string())),
                    _ => Number::parse(text).map(|n| (n.raw(), n.to_string())),
                }
            };
            if let (Some((x, shown_x)), Some((y, shown_y))) = (read(a), read(b))
                && x > y
            {
                let message = format!("{} {shown_x} 大于 {} {shown_y}", label(field), label(limit));
                problems.report(a.at, message);
            }
        }
        Check::Within { field, parent, value } => {
            if let Some((at, message)) = check_within(&label, (field, parent, value), section) {
                problems.report(at, message);
            }
        }
        Check::SumEquals { table, column, field } => {
            let (Some(rows), Some(total)) = (section.get(table), section.get(field)) else { return };
            let Some(expected) = total.text().and_then(|t| Money::parse(t).ok()) else { return };
            let sum: Money =
                rows.items().iter().filter_map(|r| r.get(column)?.text().and_then(|t| Money::parse(t).ok())).sum();
            if sum != expected {
                let column_label = form
                    .fields
                    .iter()
                    .find(|f| &f.key == table)
                    .and_then(|f| match &f.kind {
                        FieldType::Table(columns) => columns.iter().find(|c| &c.key == column).map(|c| c.label.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| column.clone());
                let message = format!("{}各行{column_label}之和 {sum} ≠ {} {expected}", label(table), label(field));
                problems.report(total.at, message);
            }
        }
    }
}

/// A nested choice chosen while the option it belongs to is not.
fn check_within(
    label: &dyn Fn(&str) -> String,
    (field, parent, value): (&str, &str, &str),
    section: &Node,
) -> Option<(Place, String)> {
    let chosen = section.get(field).filter(|n| !n.is_null())?;
    let held = section.get(parent).filter(|n| !n.is_null()).and_then(Node::text);
    if held == Some(value) {
        return None;
    }
    let now = held.map_or_else(|| "没有选".to_owned(), |h| format!("选的是“{h}”"));
    let picked = chosen.text().unwrap_or_default();
    let (field, parent) = (label(field), label(parent));
    let message = format!(
        "{field} 选了“{picked}”，它属于 {parent} 的“{value}”，但 {parent} {now}：请把 {parent} 改为“{value}”，或删去 {field}"
    );
    Some((chosen.at, message))
}

/// The 字数 of the texts of a form's section, against the limits the form
/// sets (`max_chars: 450`).
fn check_lengths(form: &Form, fields: &[Field], section: &Node, problems: &mut Problems) {
    for field in fields {
        let Some(value) = section.get(&field.key).filter(|v| !v.is_null()) else { continue };
        match &field.kind {
            FieldType::Text(chars) | FieldType::Prose(chars) => {
                check_length(form, &field.label, *chars, value, problems)
            }
            FieldType::Group(inner) => check_lengths(form, inner, value, problems),
            FieldType::Table(columns) => {
                for row in value.items() {
                    check_lengths(form, columns, row, problems);
                }
            }
            FieldType::List { of, .. } => {
                for (i, item) in value.items().iter().enumerate() {
                    match &of.kind {
                        FieldType::Text(chars) | FieldType::Prose(chars) => {
                            check_length(form, &format!("{}第{}项", field.label, i + 1), *chars, item, problems)
                        }
                        FieldType::Group(inner) => check_lengths(form, inner, item, problems),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// One text against a form's 字数 limits. A blank text is left to the
/// shape check, which knows whether it may be blank.
fn check_length(form: &Form, label: &str, chars: Chars, node: &Node, problems: &mut Problems) {
    let Some(text) = node.text() else { return };
    let count = count_chars(text);
    if count == 0 {
        return;
    }
    if let Some(max) = chars.max
        && count > max
    {
        let message = format!("{label} 共 {count} 字，超过{}规定的 {max} 字（请删减 {} 字）", form.name, count - max);
        problems.report(node.at, message);
    }
    if let Some(min) = chars.min
        && count < min
    {
        let message = format!("{label} 共 {count} 字，少于{}规定的 {min} 字（请补充 {} 字）", form.name, min - count);
        problems.report(node.at, message);
    }
}

/// The documents a project produces: those it names, or else every form
/// whose section and needs it has.
pub fn documents<'a>(loaded: &Loaded, catalog: &'a Catalog, schema: &serde_json::Value) -> Vec<&'a Form> {
    match &loaded.project.documents {
        Some(names) => {
            catalog.forms.iter().filter(|f| names.value.iter().any(|n| f.name == n.value.as_str())).collect()
        }
        // A form with a section of its own (an imported form, whose fields
        // may all be left out) is the project's when the project has begun it.
        None => catalog
            .forms
            .iter()
            .filter(|f| missing_parts(f, loaded, schema).is_empty())
            .filter(|f| f.section.as_deref().is_none_or(|s| has_path(&loaded.tree, s)))
            .collect(),
    }
}

/// The documents `--only` names for a project: among those it names in
/// `documents`, else any form it has what for (a blank imported form too).
pub fn documents_only<'a>(
    loaded: &Loaded,
    catalog: &'a Catalog,
    schema: &serde_json::Value,
    only: &str,
) -> Vec<&'a Form> {
    let named = loaded.project.documents.is_some();
    let forms: Vec<&Form> = if named { documents(loaded, catalog, schema) } else { catalog.forms.iter().collect() };
    forms.into_iter().filter(|f| f.matches(only) && (named || missing_parts(f, loaded, schema).is_empty())).collect()
}

/// The parts of a project every kind of document shares: having them says
/// nothing of which documents it is for.
const SHARED_PARTS: [&str; 6] = ["year", "name", "filing_unit", "department", "implementer", "indicators"];

/// Why a project that does not name its documents produces none: for each
/// form it has begun (written the form's section, or for a form without
/// one, its own parts), what it still lacks. `None` when it produces one.
pub fn nothing_to_build(loaded: &Loaded, catalog: &Catalog, schema: &serde_json::Value) -> Option<String> {
    if loaded.project.documents.is_some() || !documents(loaded, catalog, schema).is_empty() {
        return None;
    }
    let tree = &loaded.tree;
    let begun = |form: &&Form| match form.section.as_deref() {
        Some(section) => has_path(tree, section),
        None => {
            let own: Vec<&String> = form.needs.iter().filter(|n| !SHARED_PARTS.contains(&n.as_str())).collect();
            !own.is_empty() && own.iter().all(|n| has_path(tree, n))
        }
    };
    let reasons: Vec<String> = catalog
        .forms
        .iter()
        .filter(begun)
        .map(|f| format!("生成{}需要 {}", f.name, missing_parts(f, loaded, schema).join("、")))
        .collect();
    Some(if reasons.is_empty() {
        "这个项目还不能生成任何文书：项目文件中没有任何一种文书的栏目（wenshu forms 列出每种文书需要的部分）".to_owned()
    } else {
        format!("这个项目还不能生成任何文书：{}", reasons.join("；"))
    })
}

/// Documents named in `documents` must have what they need.
fn check_documents(loaded: &Loaded, catalog: &Catalog, schema: &serde_json::Value, problems: &mut Problems) {
    let Some(names) = &loaded.project.documents else { return };
    for name in &names.value {
        let Some(form) = catalog.find(name.value.as_str()) else { continue };
        let missing = missing_parts(form, loaded, schema);
        if !missing.is_empty() {
            problems.report(name.at, format!("生成{}需要填写 {}", form.name, missing.join("、")));
        }
    }
}

/// The parts a form needs that the project lacks, in the user's words
/// (`year（年度）`, `evaluation（年终绩效评价）`); empty when it has all.
pub fn missing_parts(form: &Form, loaded: &Loaded, schema: &serde_json::Value) -> Vec<String> {
    let tree = &loaded.tree;
    let section = form.section.as_deref().unwrap_or("");
    let named = |need: &String| {
        let label = crate::check::schema::title_at(schema, need).unwrap_or_else(|| need.clone());
        format!("{need}（{label}）")
    };
    // What holds the section (`evaluation` of `evaluation.report`) is named first.
    let holds = |n: &String| section.starts_with(&format!("{n}."));
    let mut missing: Vec<String> =
        form.needs.iter().filter(|n| holds(n)).filter(|n| !has_path(tree, n)).map(named).collect();
    // A missing holder says the section is missing too. A form that
    // requires nothing of its section (an imported form, until its author
    // marks fields required) prints blank without one.
    let requires = form.fields.iter().any(|f| f.required);
    if missing.is_empty() && !section.is_empty() && requires && !has_path(tree, section) {
        missing.push(format!("{section}（{}的栏目）", form.title));
    }
    missing.extend(form.needs.iter().filter(|n| !holds(n)).filter(|n| !has_path(tree, n)).map(named));
    if let Some(node) = form.section.as_deref().and_then(|s| tree.at_path(s)).filter(|n| !n.is_null()) {
        let lacking = form.fields.iter().filter(|f| f.required && node.get(&f.key).is_none_or(Node::is_null));
        missing.extend(lacking.map(|f| format!("{section}.{}（{}）", f.key, f.label)));
    }
    missing
}
