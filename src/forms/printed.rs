//! The 一级/二级 labels a form prints over its indicator rows, as its
//! template states them: the third argument of each `preprinted(…)` call
//! (`[{"level1": "产出指标", "groups": [{"level2": "数量指标", "rows": 2}]}]`).
//! The template is the one source of truth: `check` compares the project's
//! indicators with what it prints, and the template function places them
//! by the same [`same`] names.

use minijinja::value::Value;

/// One 一级 label of a block and its 二级 labels, each with the rows the
/// form prints for it; an empty name is a label the form leaves blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub level1: String,
    pub groups: Vec<(String, usize)>,
}

/// A name as the form and the project may both write it: no spaces, no
/// trailing 指标 (`服务对象满意度指标` = `服务对象满意度`).
pub fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
        s.trim_end_matches("指标").to_owned()
    };
    norm(a) == norm(b)
}

/// Whether a label the form prints takes the project's `name` at its level
/// (一级 or 二级): by the same name, or, left blank, when none of the
/// level's `named` labels does. The one rule `check` and the template
/// function `preprinted` both place indicators by.
pub fn takes(label: &str, named: &[&str], name: &str) -> bool {
    if label.is_empty() { !named.iter().any(|n| same(n, name)) } else { same(label, name) }
}

/// The labels of every `preprinted` call of a template whose labels are
/// written out; a call whose labels come from elsewhere is left out (the
/// template function still checks it when it prints).
pub fn blocks(template: &str) -> Vec<Vec<Printed>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(k) = rest.find("preprinted(") {
        rest = &rest[k + "preprinted(".len()..];
        let args = arguments(rest);
        if let Some(layout) = args.get(2).and_then(|a| labels(a)) {
            out.push(layout);
        }
    }
    out
}

/// The arguments of a call whose `(` is just before `text`, split at the
/// commas outside brackets and strings; none when the call does not close.
fn arguments(text: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut start, mut quote, mut escaped) = (0usize, 0usize, None, false);
    for (k, c) in text.char_indices() {
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => {
                args.push(text[start..k].trim());
                return args;
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(text[start..k].trim());
                start = k + 1;
            }
            _ => {}
        }
    }
    Vec::new()
}

/// A layout written as a literal, read as minijinja reads it.
fn labels(expression: &str) -> Option<Vec<Printed>> {
    let mut env = minijinja::Environment::new();
    // A name (a layout set elsewhere) is no literal: not read here.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let value = env.compile_expression(expression).ok()?.eval(()).ok()?;
    if value.kind() != minijinja::value::ValueKind::Seq {
        return None;
    }
    let text = |v: &Value, key: &str| -> Option<String> {
        let v = v.get_attr(key).ok()?;
        if v.is_none() || v.is_undefined() { Some(String::new()) } else { v.as_str().map(str::to_owned) }
    };
    let mut out = Vec::new();
    for level in value.try_iter().ok()? {
        let mut groups = Vec::new();
        for group in level.get_attr("groups").ok()?.try_iter().ok()? {
            let rows = group.get_attr("rows").ok().and_then(|r| usize::try_from(r).ok()).unwrap_or(0);
            groups.push((text(&group, "level2")?, rows));
        }
        out.push(Printed { level1: text(&level, "level1")?, groups });
    }
    Some(out)
}

/// The labels as a message lists them: `产出指标（数量指标、质量指标）、满意度指标（…）`.
pub fn listed(layout: &[Printed]) -> String {
    let named = layout.iter().filter(|l| !l.level1.is_empty()).map(|l| {
        let names: Vec<&str> = l.groups.iter().map(|(n, _)| n.as_str()).filter(|n| !n.is_empty()).collect();
        if names.is_empty() { l.level1.clone() } else { format!("{}（{}）", l.level1, names.join("、")) }
    });
    named.collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_of_a_call_are_read_from_the_template() {
        let template = r#"{%- set indicators1 = preprinted("indicators1", (evaluated.categories if evaluated else project.indicators), [{"level1": "产出指标", "groups": [{"level2": "数量指标", "rows": 2}, {"level2": "质\"量, (指标", "rows": 1}]}, {"level1": "", "groups": []}]) %}
{%- set other = preprinted("x", project.indicators, layout) %}"#;
        let found = blocks(template);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0][0].groups, vec![("数量指标".to_owned(), 2), ("质\"量, (指标".to_owned(), 1)]);
        assert_eq!(found[0][1].level1, "");
        assert_eq!(listed(&found[0]), "产出指标（数量指标、质\"量, (指标）");
        assert!(blocks("preprinted(\"x\", [").is_empty());
    }
}
