//! Characters no font can draw: each would print as an empty box, so each
//! is an error naming the character, the field it is in (by its label) and
//! its place.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value as Json;

use crate::check::schema;
use crate::error::{Error, ErrorKind};
use crate::forms::Form;
use crate::project::load::Loaded;
use crate::typeset::fonts::{Fonts, is_invisible};
use crate::yaml::tree::{Node, NodeKind};

use super::Workspace;

impl Workspace {
    /// Characters of the project's text that no font has: each would print
    /// as an empty box, so each is an error naming the character, the field
    /// it is in (by its label) and the place.
    pub(super) fn missing_glyphs(&self, loaded: &Loaded) -> Vec<Error> {
        let mut errors = Vec::new();
        // A project repeats a few thousand distinct characters many times.
        let mut covered: HashMap<char, bool> = HashMap::new();
        let mut visit = |node: &Node, label: &str| {
            let Some(text) = node.text() else { return };
            let mut drawable = |c: char| *covered.entry(c).or_insert_with(|| is_invisible(c) || self.fonts().covers(c));
            let mut seen: Vec<char> = Vec::new();
            for c in text.chars().filter(|c| !drawable(*c)) {
                if seen.contains(&c) {
                    continue;
                }
                seen.push(c);
                let message = format!(
                    "{label}中的字“{c}”（U+{:04X}）在所有字体中都没有，会印成空白方框：请换用常用字，或把含有这个字的字体放进 fonts/",
                    c as u32
                );
                let (line, column) = find_in_scalar(&loaded.source, node, c);
                errors.push(Error::new(ErrorKind::MissingGlyph, message).at(&loaded.source, line, column));
            }
        };
        walk_labelled(&loaded.tree, Some(&self.schema), &self.schema, "", &mut visit);
        errors
    }
}

impl Workspace {
    /// Characters of a form's own text (its templates) that no font has:
    /// the same check as the project's text, each an error at its place in
    /// the template.
    pub(super) fn form_glyphs(&self, form: &Form) -> Vec<Error> {
        let mut errors = Vec::new();
        for (file, bytes) in form.files.iter().filter_map(|(name, f)| Some((name, f.loaded()?))) {
            if file.ends_with(".j2") {
                let text = String::from_utf8_lossy(bytes);
                errors.extend(template_glyphs(self.fonts(), &text, &form.origin.file_path(&form.id, file)));
            }
        }
        errors
    }
}

/// Characters of a template's text that no font has, each once, as errors
/// at the place it is first written in `path`. Comments (`{# … #}`, and
/// Typst's `//` lines) are not printed and not checked.
pub fn template_glyphs(fonts: &Fonts, source: &str, path: &Path) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    let mut in_comment = false;
    for (i, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") && !in_comment {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            if in_comment {
                in_comment = !(c == '}' && k > 0 && chars[k - 1] == '#');
                continue;
            }
            if c == '#' && k > 0 && chars[k - 1] == '{' {
                in_comment = true;
                continue;
            }
            if c.is_ascii() || seen.contains(&c) || is_invisible(c) || fonts.covers(c) {
                continue;
            }
            seen.push(c);
            let message = format!(
                "表格的字“{c}”（U+{:04X}）在所有字体中都没有，会印成空白方框：请在表格模板中换用常用字，或把含有这个字的字体放进 fonts/",
                c as u32
            );
            errors.push(Error::new(ErrorKind::MissingGlyph, message).at(source, i + 1, k + 1).with_path(path));
        }
    }
    errors
}

/// Where character `c` of a scalar is written: searched from the scalar's
/// place over as many lines as it has; the scalar's place if not found.
fn find_in_scalar(source: &str, node: &Node, c: char) -> (usize, usize) {
    let (line, column) = (node.at.line as usize, node.at.column as usize);
    let span = node.text().map_or(1, |t| t.lines().count() + 2);
    for (i, text) in source.lines().enumerate().skip(line.saturating_sub(1)).take(span) {
        let skip = if i + 1 == line { column.saturating_sub(1) } else { 0 };
        if let Some(k) = text.chars().skip(skip).position(|x| x == c) {
            return (i + 1, skip + k + 1);
        }
    }
    (line, column)
}

/// Calls `visit(node, label)` for every scalar of `node`, `label` being
/// the title its place has in the schema (or its key).
fn walk_labelled(
    node: &Node,
    schema_node: Option<&Json>,
    root: &Json,
    label: &str,
    visit: &mut dyn FnMut(&Node, &str),
) {
    match &node.kind {
        NodeKind::Scalar(_) => visit(node, label),
        NodeKind::Null => {}
        NodeKind::List(items) => {
            let item_schema = schema_node.and_then(|s| schema::items(root, s));
            for item in items {
                walk_labelled(item, item_schema, root, label, visit);
            }
        }
        NodeKind::Map(map) => {
            for entry in &map.entries {
                let child = schema_node.and_then(|s| schema::property(root, s, &entry.key));
                let title = child.and_then(|c| c.get("title")).and_then(Json::as_str).unwrap_or(&entry.key);
                walk_labelled(&entry.value, child, root, title, visit);
            }
        }
    }
}
