//! Templates → Typst source.
//!
//! Templates are minijinja files (a form folder's `template.typ.j2`) that
//! write Typst markup; each is known as `<form id>/<file>`, so one form's
//! template may `{% extends %}` or `{% include %}` another's. Escaping happens here and only here: the environment's formatter
//! escapes every interpolated value for Typst markup, so user text prints
//! literally whatever it contains; `|safe` is the only way around it.
//!
//! ```
//! let env = wenshu::typeset::render::Templates::from_sources([("t.typ.j2", "= {{ name }}")]).unwrap();
//! let typst = env.render("t.typ.j2", minijinja::context! { name => "#1 *项目*" }).unwrap();
//! assert_eq!(typst, r"= \#1 \*项目\*");
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, State, UndefinedBehavior};

use crate::error::{Error, ErrorKind};
use crate::typeset::filters;
pub use crate::typeset::filters::typst_string;
use crate::typeset::lines::{self, TemplateLines};
use crate::units::money::Money;
pub use crate::units::numbering::chinese_number;

/// The name of our auto-escape mode; templates may switch it off with
/// `{% autoescape false %}` around hand-written Typst.
const TYPST: &str = "typst";

/// The fuel one rendering of a template may use: minijinja charges one for
/// each instruction and one for about 64 bytes of data built. The heaviest
/// document measured (2026-11-27, `hostile::the_fuel_budget_is_far_above…`:
/// the examples and 20 generated heavy projects) is a 绩效评价报告 of 48
/// indicators and a long report, at 5,682; two nested `range(99999)` loops
/// would take ten billion. Ten million is 1,700 times the heaviest, room for
/// a project file at its 4 MB limit, and stops a runaway loop in a third of
/// a second.
pub const FUEL: u64 = 10_000_000;

/// The loaded templates, ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Each template's file, as messages name it.
    paths: HashMap<String, PathBuf>,
    /// Each template's number in its line markers ([`lines`]), and by
    /// number its file and unmarked text.
    numbers: HashMap<String, usize>,
    sources: Arc<Vec<(String, String)>>,
}

impl Templates {
    /// Every template of every form of `catalog`.
    pub fn for_catalog(catalog: &crate::forms::Catalog) -> Result<Templates, Error> {
        let mut sources = Vec::new();
        let mut paths = HashMap::new();
        for form in &catalog.forms {
            for (file, bytes) in form.files.iter().filter_map(|(name, f)| Some((name, f.loaded()?))) {
                if !file.ends_with(".j2") {
                    continue;
                }
                let name = format!("{}/{file}", form.id);
                let path = form.origin.file_path(&form.id, file);
                let source = String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::new(ErrorKind::Template, "模板不是 UTF-8 编码").with_path(&path))?;
                paths.insert(name.clone(), path);
                sources.push((name, source));
            }
        }
        // Shared templates (the summary's) by their own name.
        for (file, (origin, bytes)) in catalog.shared.iter().filter(|(name, _)| name.ends_with(".j2")) {
            let path = match origin {
                crate::forms::Origin::Folder(path) => path.clone(),
                crate::forms::Origin::Builtin => PathBuf::from("<内置表格>").join(file),
            };
            let source = String::from_utf8(bytes.to_vec())
                .map_err(|_| Error::new(ErrorKind::Template, "模板不是 UTF-8 编码").with_path(&path))?;
            paths.insert(file.clone(), path);
            sources.push((file.clone(), source));
        }
        let mut templates = Templates::from_sources_with_paths(sources, paths.clone())?;
        templates.paths = paths;
        Ok(templates)
    }

    /// Builds the environment from in-memory `(name, source)` pairs (the
    /// module's example; tests).
    pub fn from_sources<N, S>(sources: impl IntoIterator<Item = (N, S)>) -> Result<Templates, Error>
    where
        N: Into<String>,
        S: Into<String>,
    {
        Templates::from_sources_with_paths(sources, HashMap::new())
    }

    fn from_sources_with_paths<N, S>(
        sources: impl IntoIterator<Item = (N, S)>,
        paths: HashMap<String, PathBuf>,
    ) -> Result<Templates, Error>
    where
        N: Into<String>,
        S: Into<String>,
    {
        let mut env = Environment::new();
        // Errors quote the template's line, which minijinja keeps only in
        // debug mode; its default follows minijinja's own debug assertions,
        // so an optimised build would silently lose the line.
        env.set_debug(true);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A form's template is code that travels between organisations: its
        // loops and the data it builds are paid for with fuel.
        env.set_fuel(Some(FUEL));
        env.set_auto_escape_callback(|_| AutoEscape::Custom(TYPST.into()));
        env.set_formatter(format_value);
        // Each is documented in docs/forms.md; a test checks that.
        env.add_filter("wan_fixed", filters::money_filter("wan_fixed", Money::wan_fixed));
        env.add_filter("wan", filters::money_filter("wan", Money::wan));
        env.add_filter("yuan", filters::money_filter("yuan", Money::yuan));
        env.add_filter("daxie", filters::money_filter("daxie", Money::daxie));
        env.add_filter("percent", filters::percent);
        env.add_filter("cn_number", filters::cn_number);
        env.add_filter("typst_str", filters::typst_str);
        env.add_filter("sum", filters::sum);
        env.add_function("spans", spans);
        env.add_function("runs", filters::runs);
        env.add_function("preprinted", crate::typeset::preprinted::preprinted);
        let sources: Vec<(String, String)> = sources.into_iter().map(|(n, s)| (n.into(), s.into())).collect();
        let numbers = sources.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();
        let shown = |name: &String| paths.get(name).map_or_else(|| name.clone(), |p| p.display().to_string());
        let originals = sources.iter().map(|(name, source)| (shown(name), source.clone())).collect();
        let mut templates = Templates { env, paths, numbers, sources: Arc::new(originals) };
        for (i, (name, source)) in sources.into_iter().enumerate() {
            let marked = lines::mark(&source, i);
            templates.env.add_template_owned(name, marked).map_err(|err| templates.error(&err))?;
        }
        Ok(templates)
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: Value) -> Result<String, Error> {
        self.render_lines(name, context).map(|(text, _)| text)
    }

    /// Renders template `name` with `context`; also which template line
    /// printed each part of the text.
    pub fn render_lines(&self, name: &str, context: Value) -> Result<(String, TemplateLines), Error> {
        let template = self.env.get_template(name).map_err(|err| self.error(&err))?;
        let marked = template.render(context).map_err(|err| self.error(&err))?;
        let (text, marks) = lines::strip(&marked);
        Ok((text, TemplateLines::new(marks, self.sources.clone())))
    }

    /// Renders template `name` with `context`, and says how much fuel it used.
    pub fn render_measured(&self, name: &str, context: Value) -> Result<(String, u64), Error> {
        let template = self.env.get_template(name).map_err(|err| self.error(&err))?;
        let captured = template.render_captured(context).map_err(|err| self.error(&err))?;
        let used = captured.state().fuel_levels().map_or(0, |(used, _)| used);
        Ok((captured.output().to_owned(), used))
    }

    /// The fuel each rendering may use.
    pub fn set_fuel(&mut self, fuel: u64) {
        self.env.set_fuel(Some(fuel));
    }

    pub fn fuel(&self) -> u64 {
        self.env.fuel().unwrap_or(0)
    }

    /// How messages name template `name`: its file.
    pub fn display_path(&self, name: &str) -> String {
        self.paths.get(name).map_or_else(|| name.to_owned(), |p| p.display().to_string())
    }

    /// A template error points into the template file: it is a bug in the
    /// template, never in the project data.
    fn error(&self, err: &minijinja::Error) -> Error {
        let kind = if is_out_of_fuel(err) { ErrorKind::Limit } else { ErrorKind::Template };
        let mut error = Error::new(kind, format!("模板错误：{}", filters::explain(err)));
        if let Some(name) = err.name() {
            let path = self.paths.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
            error = error.with_path(path);
            let original = self.numbers.get(name).and_then(|&i| self.sources.get(i)).map(|(_, text)| text.as_str());
            if let (Some(line), Some(marked), Some(source)) = (err.line(), err.template_source(), original) {
                // The column in the template as written: without its line's marker.
                let column = err
                    .range()
                    .and_then(|r| marked.get(..r.start))
                    .map_or(1, |before| lines::strip(before.rsplit('\n').next().unwrap_or("")).0.chars().count() + 1);
                error = error.at(source, line, column);
            }
        }
        error
    }
}

/// Whether rendering stopped because the template used up its fuel.
pub fn is_out_of_fuel(err: &minijinja::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = cause {
        if current.downcast_ref::<minijinja::Error>().is_some_and(|e| e.kind() == minijinja::ErrorKind::OutOfFuel) {
            return true;
        }
        cause = current.source();
    }
    false
}

/// The rows of a table whose first two columns merge cells, 一级 over its
/// 二级 over their items: `spans("indicators", categories)` gives, for
/// each item, the 一级 and 二级 cells that start on its row (text, rows
/// spanned, whether the rows may break across pages, and the label of its
/// last row) and the row's `marker`.
///
/// Typst prints a merged cell only on its first page piece; `continued()`
/// in style.typ prints the label on every piece, with （续）, counting the
/// pieces from where the group's last row was laid out (its markers), in
/// one compile: Typst's own layout loop places them.
fn spans(table: String, categories: Value) -> Result<Value, minijinja::Error> {
    let mut tree = Vec::new();
    for category in categories.try_iter()? {
        let mut groups = Vec::new();
        for group in category.get_attr("groups")?.try_iter()? {
            let items: Vec<Value> = group.get_item(&Value::from("items"))?.try_iter()?.collect();
            groups.push((group.get_attr("level2")?, items));
        }
        tree.push((category.get_attr("level1")?, groups));
    }
    Ok(Value::from(crate::typeset::preprinted::span_rows(&table, tree)))
}

/// The formatter: every value that is not marked safe is escaped for Typst
/// markup (unless the template switched auto-escaping off).
fn format_value(out: &mut minijinja::Output, state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    let mut text = if value.is_none() { String::new() } else { value.to_string() };
    // Text a template captured (`{% set %}` blocks, macros) carries its line
    // markers; escaped text must be escaped as if it had none.
    if text.contains(lines::is_marker_char) && !value.is_safe() {
        text = lines::strip(&text).0;
    }
    let escaped = if value.is_safe() || *state.auto_escape() == AutoEscape::None { text } else { escape_markup(&text) };
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

/// Escapes user text for Typst markup, so it prints exactly as written.
///
/// Whitespace follows Chinese typesetting rather than Typst's:
/// - a line break between two Chinese characters disappears (a YAML `>`
///   block or a line break in a `|` block would print as a space), and so
///   does a space beside full-width punctuation (`体系， 朝着`); a space
///   typed between two Chinese words stays (`第二章 采购需求`); any other
///   run of spaces and line breaks becomes one space;
/// - a blank line starts a new paragraph;
/// - every character Typst markup gives a meaning to is backslash-escaped.
pub fn escape_markup(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 16);
    for (i, paragraph) in paragraphs(&text).iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let chars: Vec<char> = paragraph.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if c == ' ' || c == '\t' || c == '\n' {
                let run_end =
                    chars[k..].iter().position(|c| !matches!(c, ' ' | '\t' | '\n')).map_or(chars.len(), |p| k + p);
                let between_wide = k > 0 && run_end < chars.len() && is_wide(chars[k - 1]) && is_wide(chars[run_end]);
                // A space typed between two Chinese words is meant (第二章 采购需求);
                // a line break, or a space beside full-width punctuation, is not.
                let typed_space = !chars[k..run_end].contains(&'\n')
                    && chars[k - k.min(1)].is_alphanumeric()
                    && chars.get(run_end).is_some_and(|c| c.is_alphanumeric());
                if !between_wide || typed_space {
                    out.push(' ');
                }
                k = run_end;
                continue;
            }
            match c {
                '\\' | '#' | '*' | '_' | '$' | '@' | '<' | '>' | '[' | ']' | '`' | '~' | '\'' | '"' | '/' | '-'
                | '+' | '=' | '.' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => {}
                c => out.push(c),
            }
            k += 1;
        }
    }
    out
}

/// The paragraphs of `text`: runs of non-blank lines, each line trimmed.
fn paragraphs(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n').chain([""]) {
        if !line.trim().is_empty() {
            lines.push(line.trim_matches([' ', '\t']));
        } else if !lines.is_empty() {
            found.push(lines.join("\n"));
            lines.clear();
        }
    }
    found
}

/// Characters after which a line break is not a space: CJK ideographs,
/// kana, hangul and full-width punctuation.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape_markup("#a *b* _c_ $x$ @r <l>"), r"\#a \*b\* \_c\_ \$x\$ \@r \<l\>");
        assert_eq!(escape_markup(r"\ [x] `c` ~ // /* 'q' "), r"\\ \[x\] \`c\` \~ \/\/ \/\* \'q\'");
        assert_eq!(escape_markup("= 标题"), r"\= 标题");
        assert_eq!(escape_markup("- a\n+ b\n1. c"), r"\- a \+ b 1\. c");
        assert_eq!(escape_markup("https://x.cn"), r"https:\/\/x\.cn");
    }

    #[test]
    fn joins_lines_without_spaces_between_chinese() {
        assert_eq!(escape_markup("项目资金万元\n其中"), "项目资金万元其中");
        assert_eq!(escape_markup("共 5 场\nabout it"), "共 5 场 about it");
        assert_eq!(escape_markup("体系， 朝着"), "体系，朝着");
        assert_eq!(escape_markup("第二章 采购需求"), "第二章 采购需求");
        assert_eq!(escape_markup("第二章\n采购需求"), "第二章采购需求");
        assert_eq!(escape_markup("a  \t b"), "a b");
        assert_eq!(escape_markup("韩　喆"), "韩　喆");
        assert_eq!(escape_markup("one\ntwo"), "one two");
        assert_eq!(escape_markup("第一段。\r\n\r\n  第二段。\n"), "第一段。\n\n第二段。");
    }

    #[test]
    fn data_is_never_evaluated_as_a_template() {
        let t = Templates::from_sources_with_paths([("t", "{{ x }}|{{ x|safe }}")], HashMap::new()).unwrap();
        let out = t.render("t", minijinja::context! { x => "{{ 1 + 1 }}{% if true %}" }).unwrap();
        // Printed as text (escaped for Typst on the left, raw with |safe), never run.
        assert_eq!(out, r"{{ 1 \+ 1 }}{% if true %}|{{ 1 + 1 }}{% if true %}");
    }

    #[test]
    fn runaway_loops_run_out_of_fuel() {
        let t = Templates::from_sources([(
            "t",
            "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
        )])
        .unwrap();
        let err = t.render("t", minijinja::context! {}).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Limit, "{err}");
        assert!(err.message.starts_with("模板错误：模板运行超出限制（fuel）"), "{err}");
    }

    #[test]
    fn fuel_counts_every_iteration() {
        let t = Templates::from_sources([("t", "{% for i in range(1000) %}{{ i }}{% endfor %}")]).unwrap();
        let (_, used) = t.render_measured("t", minijinja::context! {}).unwrap();
        assert!((1000..20_000).contains(&used), "{used}");
    }

    #[test]
    fn undefined_variables_are_errors() {
        let t = Templates::from_sources_with_paths([("t.typ.j2", "a\n{{ projcet.name }}")], HashMap::new()).unwrap();
        let err = t.render("t.typ.j2", minijinja::context! {}).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Template);
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("t.typ.j2:2:4: 模板错误：使用了未定义的变量（"), "{err}");
    }
}
