//! Which template line wrote each part of a generated Typst source, so a
//! Typst error names `template.typ.j2:LINE` rather than the generated file.
//!
//! minijinja keeps no map from output to template. Before a template is
//! loaded, every line of its text that starts with output (not a blank
//! line, not a tag that trims the whitespace before it) gets a marker
//! after its indentation: a private-use character, the template's number
//! and the line, another private-use character. Markers are template text,
//! so they print where the line's output starts; after rendering they are
//! taken out and their places kept. A marker sits after the indentation, so
//! a `-%}` before it trims exactly what it trimmed without the marker.
//! (`strip(&mark("a\n  b\n", 0))` gives the text back and the marks
//! `(0, 0, 1), (4, 0, 2)`: offset in the text, template, line.)

use std::sync::Arc;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// `source` with a marker at the start of each line that prints.
pub fn mark(source: &str, template: usize) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut state = State::Text;
    let mut line = 1;
    let mut at_line_start = true;
    let mut rest = source;
    while !rest.is_empty() {
        if at_line_start {
            let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            out.push_str(&rest[..indent]);
            rest = &rest[indent..];
            let trims_before = ["{%-", "{{-", "{#-"].iter().any(|t| rest.starts_with(t));
            if !(rest.is_empty() || rest.starts_with(['\n', '\r']) || trims_before) {
                out.push_str(&format!("{OPEN}{template}:{line}{CLOSE}"));
            }
            at_line_start = false;
            continue;
        }
        let taken = step(rest, &mut state);
        let (text, after) = rest.split_at(taken);
        out.push_str(text);
        line += text.matches('\n').count();
        at_line_start = text.ends_with('\n');
        rest = after;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Template text.
    Text,
    /// The inside of `{% raw %}`, which prints too.
    Raw,
}

/// How many bytes of `rest` the scan takes next: a whole tag (its lines are
/// not line starts), a newline, or text up to either; `state` is updated.
fn step(rest: &str, state: &mut State) -> usize {
    match *state {
        State::Text if rest.starts_with("{{") || rest.starts_with("{%") || rest.starts_with("{#") => {
            let close = match &rest[1..2] {
                "{" => "}}",
                "%" => "%}",
                _ => "#}",
            };
            let end = tag_end(rest, close);
            let inner = rest[2..end].trim_start_matches('-').trim_start();
            if close == "%}" && inner.split(|c: char| !c.is_alphanumeric()).next() == Some("raw") {
                *state = State::Raw;
            }
            end
        }
        State::Raw if rest.starts_with("{%") => {
            let end = tag_end(rest, "%}");
            let inner = rest[2..end].trim_start_matches('-').trim_start();
            if inner.starts_with("endraw") {
                *state = State::Text;
            }
            end
        }
        _ if rest.starts_with('\n') => 1,
        _ => {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            rest[first..].find(['{', '\n']).map_or(rest.len(), |i| i + first)
        }
    }
}

/// The end of the tag `rest` starts with, quotes inside it skipped.
fn tag_end(rest: &str, close: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') if close != "#}" => quote = Some(bytes[i]),
            (None, _) if bytes[i..].starts_with(close.as_bytes()) => return i + close.len(),
            _ => {}
        }
        i += 1;
    }
    rest.len()
}

/// The rendered text without its markers, and each marker's place: (byte
/// offset in the text, template, line).
pub fn strip(rendered: &str) -> (String, Vec<(usize, u32, u32)>) {
    let mut text = String::with_capacity(rendered.len());
    let mut marks = Vec::new();
    let mut rest = rendered;
    while let Some(open) = rest.find(OPEN) {
        text.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        let (template, line) = after[..close].split_once(':').unwrap_or(("", ""));
        if let (Ok(template), Ok(line)) = (template.parse(), line.parse()) {
            marks.push((text.len(), template, line));
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    text.push_str(rest);
    (text, marks)
}

/// Takes markers out of text a template prints as data (a value never
/// holds them: the formatter drops the two characters).
pub fn is_marker_char(c: char) -> bool {
    c == OPEN || c == CLOSE
}

/// Where the lines of one generated source came from.
#[derive(Debug, Clone, Default)]
pub struct TemplateLines {
    /// (byte offset in the generated text, template, 1-based line), in order.
    marks: Vec<(usize, u32, u32)>,
    /// Each template's file as messages name it, and its text.
    templates: Arc<Vec<(String, String)>>,
}

/// A template line a part of the generated source came from.
pub struct TemplateLine<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub line: usize,
}

impl TemplateLines {
    pub fn new(marks: Vec<(usize, u32, u32)>, templates: Arc<Vec<(String, String)>>) -> TemplateLines {
        TemplateLines { marks, templates }
    }

    /// The template line that printed the byte at `offset`.
    pub fn at(&self, offset: usize) -> Option<TemplateLine<'_>> {
        let index = self.marks.partition_point(|(start, _, _)| *start <= offset).checked_sub(1)?;
        let (_, template, line) = self.marks[index];
        let (path, source) = self.templates.get(template as usize)?;
        Some(TemplateLine { path, source, line: line as usize })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_come_out_with_their_places() {
        let (text, marks) = strip(&mark("a\n  b\n", 0));
        assert_eq!(text, "a\n  b\n");
        assert_eq!(marks, [(0, 0, 1), (4, 0, 2)], "(offset in the text, template, line)");
    }

    #[test]
    fn only_lines_that_print_are_marked() {
        let m = |line: usize| format!("{OPEN}3:{line}{CLOSE}");
        let source =
            "a\n\n  {%- if x %}\n  {% if y -%}\n  b {{ \"%}\" }}\n{#\nc\n#}d\n{% raw %}\n{{ e }}\n{% endraw %}";
        let expected = format!(
            "{}a\n\n  {{%- if x %}}\n  {}{{% if y -%}}\n  {}b {{{{ \"%}}\" }}}}\n{}{{#\nc\n#}}d\n{}{{% raw %}}\n{}{{{{ e }}}}\n{}{{% endraw %}}",
            m(1),
            m(4),
            m(5),
            m(6),
            m(9),
            m(10),
            m(11)
        );
        assert_eq!(mark(source, 3), expected);
    }

    #[test]
    fn any_text_is_scanned() {
        let (text, _) = strip(&mark("项目{{ '名称」' }}\n  中文{# 注 #}\n{% raw %}{{ 文 }}{% endraw %}", 0));
        assert_eq!(text, "项目{{ '名称」' }}\n  中文{# 注 #}\n{% raw %}{{ 文 }}{% endraw %}");
    }

    #[test]
    fn stripping_gives_the_text_and_where_each_line_starts() {
        let (text, marks) = strip(&format!("{OPEN}0:1{CLOSE}ab\n  {OPEN}1:7{CLOSE}c"));
        assert_eq!(text, "ab\n  c");
        assert_eq!(marks, [(0, 0, 1), (5, 1, 7)]);
        let lines = TemplateLines::new(marks, Arc::new(vec![("a".into(), "x".into()), ("b".into(), "y".into())]));
        assert_eq!(lines.at(4).map(|l| (l.path, l.line)), Some(("a", 1)));
        assert_eq!(lines.at(5).map(|l| (l.path, l.line)), Some(("b", 7)));
    }
}
