//! An imported form written out: its manifest (`form.yaml`, every field
//! optional) and its template (`template.typ.j2`), Typst tables with the
//! original's column widths, merged cells and lines, labels as `term[…]`,
//! blanks as the fields' values.

use std::fmt::Write;

use super::fields::{Field, Kind, Unit};
use super::grid::Align;
use super::model::{Content, Indicators, Line, List, Part, Piece, Plan, Ref, Role, Table, TableCell};
use super::print::trim_float;

/// What the manifest says of the form beyond its fields.
pub struct Names<'a> {
    pub name: &'a str,
    pub section: &'a str,
    /// The file it was imported from, as the user named it.
    pub file: &'a str,
    /// The day of the import, `2026-11-27`.
    pub date: &'a str,
}

/// Rows at least this tall in the original (points) keep their height:
/// the room a form leaves for writing.
const TALL_ROW: f32 = 28.0;

/// The least height of a row of blanks: a line of text.
const MIN_ROW: f32 = 20.0;

/// `form.yaml`.
pub fn manifest(plan: &Plan, names: &Names) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 由 wenshu form import 从 {} 导入（{}）。", names.file, names.date);
    out.push_str(
        "# 栏目都可不写（required: false）：没写的印成空白，只有 version: 1 的项目也能印出空白表格，与原表对照。\n\
         # 必须填写的栏目把 required 改为 true；label 是表上的栏目名，可改；改 key 时模板中的 form.键 一并改。\n",
    );
    let _ = writeln!(out, "name: {}", yaml(names.name));
    let _ = writeln!(out, "title: {}", yaml(names.name));
    let _ = writeln!(out, "source:\n  region: ''\n  document: {}", yaml(names.file));
    let _ = writeln!(out, "description: {}", yaml(&format!("从 {} 导入的表格", names.file)));
    let _ = writeln!(out, "section: {}", names.section);
    if plan.fields.is_empty() {
        return out;
    }
    out.push_str("fields:\n");
    for (i, field) in plan.fields.iter().enumerate() {
        write_field(&mut out, field, "  ", &super::choices::when(plan, i));
    }
    out
}

fn write_field(out: &mut String, field: &Field, indent: &str, when: &str) {
    let mut head = format!("key: {}, label: {}{when}", field.key, yaml(&field.label));
    if let Some(from) = &field.from {
        head.push_str(&format!(", from: {from}"));
    }
    match &field.kind {
        Kind::Table(columns) => {
            let _ = writeln!(out, "{indent}- key: {}", field.key);
            let _ = writeln!(out, "{indent}  label: {}", yaml(&field.label));
            let _ = writeln!(out, "{indent}  type: table");
            let _ = writeln!(out, "{indent}  required: false");
            let _ = writeln!(
                out,
                "{indent}  help: {}",
                yaml(&format!("每行一项；原表有 {} 行，不足时印空行补足", field.rows))
            );
            let _ = writeln!(out, "{indent}  columns:");
            for column in columns {
                write_field(out, column, &format!("{indent}    "), "");
            }
        }
        Kind::Choice(values) => {
            let values: Vec<String> = values.iter().map(|v| yaml(v)).collect();
            let values = values.join(", ");
            let _ = writeln!(out, "{indent}- {{ {head}, type: choice, values: [{values}], required: false }}");
        }
        kind => {
            let _ = writeln!(out, "{indent}- {{ {head}, type: {}, required: false }}", kind.type_name());
        }
    }
}

/// A YAML scalar: plain when that reads back as the same string, else
/// single-quoted.
pub(super) fn yaml(text: &str) -> String {
    let special = |c: char| ":#{}[],&*!|>'\"%@`\\".contains(c) || c.is_control();
    let reserved = ["true", "false", "yes", "no", "null", "on", "off", "~"];
    let plain = !text.is_empty()
        && !text.chars().any(special)
        && !text.starts_with(['-', '?', ' '])
        && !text.ends_with(' ')
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err();
    if plain { text.to_owned() } else { format!("'{}'", text.replace('\'', "''")) }
}

/// `template.typ.j2`.
pub fn template(plan: &Plan, names: &Names) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{{#- {}：由 wenshu form import 从 {} 导入（{}）。", names.name, names.file, names.date);
    out.push_str(
        "    表格的列宽、合并单元格和框线照原表；标签用 term[…]，空白处印 form 中的栏目。 -#}\n\
         {%- set f = form -%}\n\
         #import \"style.typ\": form, form-title, term, prose, continued, break-anywhere\n\
         #let fonts = {{ fonts }}\n\
         #show: form.with(fonts, title: {{ document.title | typst_str }})\n\
         // Long IDs, e-mails and numbers break inside their cells.\n\
         #show: break-anywhere\n",
    );
    let available = super::page::setup(&mut out, plan);
    out.push_str(
        "// A blank as wide as the original's, holding the value when there is one;\n\
         // a longer value runs on in its line and breaks where the line ends.\n\
         #let blank(width, body) = context if measure(body).width < width.to-absolute() { box(width: width, body) } else { body }\n\
         // The same, underlined: a blank in a line of text.\n\
         #let blank-line(width, body) = context if measure(body).width < width.to-absolute() {\n  box(width: width, stroke: (bottom: 0.5pt), outset: (bottom: 2pt), body)\n} else { underline(offset: 2pt, body) }\n\
         // A cell at least as tall as the original's row, its room to write on one page (if it fits on one).\n\
         #let tall(height, body) = grid(columns: (0pt, 1fr), align: horizon, block(height: height, breakable: height.abs > 400pt), body)\n\
         // The lines of a table whose cells draw their own.\n\
         #let ruled = 0.6pt + black\n",
    );
    let (mut lists, mut tables) = (0, 0);
    for (k, part) in plan.parts.iter().enumerate() {
        out.push('\n');
        match part {
            Part::Title(lines) => {
                let text: Vec<String> = lines.iter().map(|l| line(l, plan, Context::Paragraph)).collect();
                let _ = writeln!(out, "#form-title(fonts, [{}], [])", text.join(" \\ "));
            }
            Part::Gap(_, Some(points)) => {
                let _ = writeln!(out, "#v({}pt)", trim_float(points.min(600.0)));
            }
            Part::Gap(lines, None) => {
                let _ = writeln!(out, "#v({}em)", trim_float((*lines as f32 * 1.2).min(16.0)));
            }
            Part::Paragraph { line: pieces, align, size, bold, look } => {
                let text = line(pieces, plan, Context::Paragraph);
                let source = super::cover::paragraph(text, *align, *size, *bold, look.as_ref());
                // A heading never ends a page without the table it heads.
                let heads = matches!(plan.parts.get(k + 1), Some(Part::Table(_)));
                let _ = match (heads, look.is_some()) {
                    (true, true) => {
                        writeln!(out, "#block(sticky: true, width: 100%, above: 0pt, below: 0pt)[{source}]")
                    }
                    (true, false) => writeln!(out, "#block(sticky: true, width: 100%)[{source}]"),
                    (false, _) => writeln!(out, "{source}"),
                };
            }
            Part::Area(field) => {
                let _ = writeln!(out, "#tall(6em, prose[{}])", value(&Ref::Field(*field), plan));
            }
            Part::PageBreak => out.push_str("#pagebreak()\n"),
            Part::Table(table) => {
                tables += 1;
                write_table(&mut out, table, plan, available, &mut lists, tables)
            }
        }
    }
    out
}

/// Where a line is printed: a blank in running text is underlined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    Cell,
}

fn write_table(out: &mut String, table: &Table, plan: &Plan, available: f32, lists: &mut usize, number: usize) {
    let natural: f32 = table.widths.iter().sum();
    let size = if natural > available { (11.0 * available / natural * 2.0).floor() / 2.0 } else { 11.0 };
    let scoped = size < 11.0;
    if scoped {
        out.push_str(&super::print::narrow_table(size));
    }
    // Each list's rows, its blank row and how many rows it prints, before the table.
    let first = *lists;
    for (k, list) in table.lists.iter().enumerate() {
        let n = first + k + 1;
        let field = &plan.fields[list.field];
        let Kind::Table(columns) = &field.kind else { continue };
        let blank: Vec<String> = columns.iter().map(|c| format!("\"{}\": none", c.key)).collect();
        let _ = writeln!(out, "{{%- set rows{n} = f.{} %}}", field.key);
        let _ = writeln!(out, "{{%- set blank{n} = {{{}}} %}}", blank.join(", "));
        let _ = writeln!(out, "{{%- set count{n} = [rows{n} | length, {}] | max %}}", list.rows.len());
    }
    if let Some(block) = &table.indicators {
        set_indicators(out, block, number);
    }
    let columns: Vec<String> = table.widths.iter().map(|w| format!("{:.1}fr", w.max(1.0))).collect();
    let trailing = if columns.len() == 1 { "," } else { "" };
    let _ = writeln!(out, "#table(\n  columns: ({}{trailing}),", columns.join(", "));
    if !table.ruled {
        // Not every line is drawn: each cell says which of its sides are.
        out.push_str("  stroke: none,\n");
    }
    let rows = table.heights.len();
    let header = super::print::header_rows(table);
    // A block's header under its 绩效指标 label: a subheader, the label cut at its foot.
    let sub = super::print::indicator_header(table);
    let continued = super::print::continued_labels(table, number, &[header, sub]);
    let (mut r, mut written) = (0, false);
    // A header row keeps the original's height as other rows do.
    let source =
        |c: &TableCell, span: &str| cell_source(c, span, tall_of(table, c).filter(|_| span == "1"), table.ruled, plan);
    while r < rows {
        // A header, repeated after a page break, as one row.
        if let Some(end) = super::repeat::header_at(out, r, [(header, ""), (sub, "level: 2,")], table, number, &source)
        {
            r = end;
            continue;
        }
        if let Some((k, list)) = table.lists.iter().enumerate().find(|(_, l)| l.rows.start == r) {
            write_list(out, list, first + k + 1, table, plan);
            r = list.rows.end;
            continue;
        }
        if let Some(block) = table.indicators.as_ref().filter(|b| b.rows.start == r && !written) {
            write_indicators(out, block, number, table);
            written = true;
            // A block with no rows of its own (a header the project's rows
            // go under) comes before row `r`, which is printed as it is.
            if !block.rows.is_empty() {
                r = block.rows.end;
                continue;
            }
        }
        let mut row = Vec::new();
        for cell in table.cells.iter().filter(|c| c.row == r) {
            let tall = tall_of(table, cell);
            let rowspan = match &table.indicators {
                // The label down the block's left spans the rows printed.
                Some(block) if block.frame == Some((cell.row, cell.col)) => {
                    format!("{{{{ {} + indicators{number} | length }}}}", block.rows.start - cell.row)
                }
                _ => rowspan_of(cell, table, first),
            };
            let source = cell_source(cell, &rowspan, tall, table.ruled, plan);
            row.push(super::print::with_continuation(source, cell, &continued));
        }
        if !row.is_empty() {
            let _ = writeln!(out, "  {},", row.join(", "));
        }
        r += 1;
    }
    // A block whose rows the original leaves to be added, at the table's end.
    if let Some(block) = table.indicators.as_ref().filter(|_| !written) {
        write_indicators(out, block, number, table);
    }
    out.push_str(")\n");
    if sub.is_some() {
        let _ = writeln!(out, "#metadata(none)<import-frame-{number}>");
    }
    if scoped {
        out.push_str("]\n");
    }
    *lists += table.lists.len();
}

/// The height a row keeps: the original's, when it leaves room to write
/// or its cells print nothing (they would shrink to a sliver).
/// The height a cell keeps its row at: the row's, on its first cell that
/// spans that row alone; the others follow it.
fn tall_of(table: &Table, cell: &TableCell) -> Option<f32> {
    let cells: Vec<&TableCell> = table.cells.iter().filter(|c| c.row == cell.row).collect();
    let first = cells.iter().find(|c| c.rowspan == 1).is_some_and(|c| c.col == cell.col);
    row_height(table.heights[cell.row], &cells).filter(|_| first)
}

fn row_height(height: Option<f32>, cells: &[&TableCell]) -> Option<f32> {
    let printless = cells.iter().all(|c| match &c.content {
        Content::Label(lines) => lines.iter().all(|l| l.trim().is_empty()),
        Content::Lines(lines) => {
            lines.iter().flatten().all(|p| matches!(p, Piece::Value { empty, .. } if empty.is_empty()))
        }
        Content::Empty => true,
    });
    match height {
        Some(h) if h >= TALL_ROW => Some(h),
        _ if printless => Some(height.unwrap_or(0.0).max(MIN_ROW)),
        _ => None,
    }
}

/// A cell's rowspan: as in the original, or grown with the lists it spans.
fn rowspan_of(cell: &TableCell, table: &Table, first: usize) -> String {
    let crossed: Vec<String> = table
        .lists
        .iter()
        .enumerate()
        .filter(|(_, l)| cell.row < l.rows.start && cell.row + cell.rowspan >= l.rows.end)
        .map(|(k, l)| format!(" + count{} - {}", first + k + 1, l.rows.len()))
        .collect();
    if crossed.is_empty() {
        cell.rowspan.to_string()
    } else {
        format!("{{{{ {}{} }}}}", cell.rowspan, crossed.concat())
    }
}

fn write_list(out: &mut String, list: &List, n: usize, table: &Table, plan: &Plan) {
    let cells: Vec<&TableCell> = list.cells.iter().collect();
    let height = row_height(table.heights.get(list.rows.start).copied().flatten(), &cells);
    let _ = writeln!(out, "{{%- for i in range(count{n}) %}}");
    let _ = writeln!(out, "{{%- set row = rows{n}[i] if i < rows{n} | length else blank{n} %}}");
    let cells: Vec<String> = list
        .cells
        .iter()
        .enumerate()
        .map(|(k, cell)| cell_source(cell, "1", height.filter(|_| k == 0), table.ruled, plan))
        .collect();
    let _ = writeln!(out, "  {},", cells.join(", "));
    out.push_str("{%- endfor %}\n");
}

/// The rows of an indicator block, set before its table: the project's
/// indicators (at year end, as evaluated) under the labels the form prints.
fn set_indicators(out: &mut String, block: &Indicators, n: usize) {
    let scored = block.scored();
    let source =
        if scored { "(evaluated.categories if evaluated else project.indicators)" } else { "project.indicators" };
    let layout: Vec<String> = block
        .layout
        .iter()
        .map(|(level1, groups)| {
            let groups: Vec<String> = groups
                .iter()
                .map(|(level2, rows)| format!("{{\"level2\": {}, \"rows\": {rows}}}", jinja_string(level2)))
                .collect();
            format!("{{\"level1\": {}, \"groups\": [{}]}}", jinja_string(level1), groups.join(", "))
        })
        .collect();
    let (call, layout) = (format!("preprinted(\"indicators{n}\", {source}"), layout.join(", "));
    let _ = writeln!(out, "{{%- set indicators{n} = {call}, [{layout}]) %}}");
}

fn write_indicators(out: &mut String, block: &Indicators, n: usize, table: &Table) {
    // Every row, a blank one too, at least as tall as the original's first.
    let tall = table.heights.get(block.rows.start).copied().flatten().map(|h| (h - 10.0).max(8.0));
    let marker_column = block
        .columns
        .iter()
        .position(|(role, _)| *role == Role::Indicator)
        .or_else(|| block.columns.iter().position(|(role, _)| !matches!(role, Role::Level1 | Role::Level2)));
    let stroke = if table.ruled { "" } else { "stroke: ruled, " };
    let _ = writeln!(out, "{{%- for row in indicators{n} %}}");
    let mut cells = Vec::new();
    for (k, (role, span)) in block.columns.iter().enumerate() {
        let wrap = |body: String| tall.map_or(body.clone(), |h| format!("#tall({h:.0}pt)[{body}]"));
        let marked = |body: &str| match Some(k) == marker_column {
            true => wrap(format!("{{{{ row.marker }}}}{body}{{{{ row.marker }}}}")),
            false => body.to_owned(),
        };
        let colspan = if *span > 1 { format!("colspan: {span}, ") } else { String::new() };
        let align = if matches!(role, Role::Indicator | Role::Reason | Role::Note) { "left" } else { "center" };
        let open = format!("table.cell({colspan}{stroke}align: {align} + horizon)");
        match role {
            Role::Level1 | Role::Level2 => {
                let level = if *role == Role::Level1 { "level1" } else { "level2" };
                if !cells.is_empty() {
                    let _ = writeln!(out, "  {},", cells.join(", "));
                    cells.clear();
                }
                let _ = writeln!(out, "  {{%- if row.{level} %}}");
                let _ = writeln!(
                    out,
                    "  term({colspan}{stroke}rowspan: {{{{ row.{level}.span }}}}, breakable: {{{{ row.{level}.breakable }}}})\
                     [#continued({{{{ row.{level}.end | typst_str }}}})[{{{{ row.{level}.text }}}}]],"
                );
                let _ = writeln!(out, "  {{%- endif %}}");
            }
            role => {
                let body = role.body();
                cells.push(format!("{open}[{}]", marked(&body)));
            }
        }
    }
    if !cells.is_empty() {
        let _ = writeln!(out, "  {},", cells.join(", "));
    }
    out.push_str("{%- endfor %}\n");
}

/// A cell as Typst: `term[…]` for a short label in a ruled cell, else
/// `table.cell(…)[…]`.
fn cell_source(cell: &TableCell, rowspan: &str, tall: Option<f32>, ruled: bool, plan: &Plan) -> String {
    let mut args = Vec::new();
    if cell.colspan > 1 {
        args.push(format!("colspan: {}", cell.colspan));
    }
    if rowspan != "1" {
        args.push(format!("rowspan: {rowspan}"));
    }
    if !ruled {
        args.push(super::print::stroke_of(cell.sides));
    }
    if let Some(rgb) = cell.fill {
        args.push(format!("fill: rgb(\"#{rgb:06X}\")"));
    }
    let wrap = |body: String| match tall {
        Some(h) => format!("#tall({:.0}pt)[{body}]", (h - 10.0).max(8.0)),
        None => body,
    };
    let boxed = cell.sides.count() >= 3;
    match &cell.content {
        Content::Label(lines) if boxed && is_term(lines) => {
            // Its lines as the original breaks them (合作机构 “1、” over “2、”).
            let kept: Vec<String> = lines.iter().map(|l| literal(l.trim())).filter(|l| !l.is_empty()).collect();
            let body = wrap(kept.join(" \\ "));
            if args.is_empty() { format!("term[{body}]") } else { format!("term({})[{body}]", args.join(", ")) }
        }
        content => {
            let body = match content {
                Content::Label(lines) => lines.iter().map(|l| literal_line(l)).collect::<Vec<_>>().join(" \\ "),
                Content::Lines(lines) => {
                    lines.iter().map(|l| line(l, plan, Context::Cell)).collect::<Vec<_>>().join(" \\ ")
                }
                Content::Empty => String::new(),
            };
            match cell.align {
                Align::Center => args.push("align: center + horizon".to_owned()),
                Align::Right => args.push("align: right + horizon".to_owned()),
                Align::Left => {}
            }
            let body = wrap(body);
            if args.is_empty() { format!("[{body}]") } else { format!("table.cell({})[{body}]", args.join(", ")) }
        }
    }
}

/// A label printed in 黑体, centred: one short line.
fn is_term(lines: &[String]) -> bool {
    let text: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    text.len() <= 2 && text.iter().map(|l| l.chars().count()).sum::<usize>() <= 24
}

/// A line of pieces as template source.
fn line(pieces: &Line, plan: &Plan, context: Context) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&literal(t)),
            Piece::Space(w) => {
                // `;` ends the call: text after it may start with `(`.
                let _ = write!(out, "#h({}em);", trim_float(w.min(12.0)));
            }
            Piece::Number => out.push_str("{{ i + 1 }}"),
            Piece::Option { field, value, after } => {
                let check =
                    format!("{{% if {} == {} %}}■{{% else %}}□{{% endif %}}", expr(field, plan), jinja_string(value));
                let text = literal(value);
                if *after {
                    let _ = write!(out, "{text}{check}");
                } else {
                    let _ = write!(out, "{check}{text}");
                }
            }
            Piece::Value { field, empty, width } => {
                let mut shown = value(field, plan);
                if !empty.is_empty() {
                    shown =
                        format!("{{% if {} %}}{shown}{{% else %}}{}{{% endif %}}", expr(field, plan), literal(empty));
                }
                let width = trim_float(width.min(16.0));
                match context {
                    Context::Paragraph if empty.is_empty() => {
                        let width = if width == "0" { "4".to_owned() } else { width };
                        let _ = write!(out, "#blank-line({width}em)[{shown}];");
                    }
                    _ if width != "0" && empty.is_empty() => {
                        let _ = write!(out, "#blank({width}em)[{shown}];");
                    }
                    _ => out.push_str(&shown),
                }
            }
        }
    }
    out
}

/// A field's value as the template prints it.
fn value(field: &Ref, plan: &Plan) -> String {
    let expr = expr(field, plan);
    match kind_of(field, plan) {
        Some(Kind::Money(unit)) => {
            let filter = if *unit == Unit::Wan { "wan_fixed" } else { "yuan" };
            format!("{{% if {expr} is not none %}}{{{{ {expr} | {filter} }}}}{{% endif %}}")
        }
        _ => format!("{{{{ {expr} }}}}"),
    }
}

fn kind_of<'p>(field: &Ref, plan: &'p Plan) -> Option<&'p Kind> {
    match *field {
        Ref::Field(i) => plan.fields.get(i).map(|f| &f.kind),
        Ref::Column(t, c) => match &plan.fields.get(t)?.kind {
            Kind::Table(columns) => columns.get(c).map(|f| &f.kind),
            _ => None,
        },
    }
}

/// `f.key`, or `row.key` in a list's row.
fn expr(field: &Ref, plan: &Plan) -> String {
    match *field {
        Ref::Field(i) => format!("f.{}", plan.fields.get(i).map_or("", |f| f.key.as_str())),
        Ref::Column(t, c) => {
            let key = match plan.fields.get(t).map(|f| &f.kind) {
                Some(Kind::Table(columns)) => columns.get(c).map_or("", |f| f.key.as_str()),
                _ => "",
            };
            format!("row.{key}")
        }
    }
}

fn jinja_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Text printed as it is: escaped for Typst markup, and for minijinja
/// (`{{`, `{%`, `{#` would start a template tag).
fn literal(text: &str) -> String {
    let escaped = crate::typeset::render::escape_markup(text);
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && matches!(chars.peek(), Some('{' | '%' | '#')) {
            out.push_str("{{ \"{\" }}");
        } else {
            out.push(c);
        }
    }
    out
}

/// A label's line: its runs of spaces kept as spacing.
fn literal_line(text: &str) -> String {
    let tokens = super::text::tokens(text);
    let all_text = tokens.iter().all(|t| matches!(t, super::text::Token::Text(_) | super::text::Token::Space(_)));
    if !all_text {
        return literal(text);
    }
    tokens
        .iter()
        .map(|t| match t {
            super::text::Token::Text(t) => literal(t),
            super::text::Token::Space(w) => format!("#h({}em);", trim_float(w.min(12.0))),
            _ => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_read_back_as_written() {
        assert_eq!(yaml("项目名称"), "项目名称");
        assert_eq!(yaml("金额：元"), "金额：元");
        assert_eq!(yaml("a: b"), "'a: b'");
        assert_eq!(yaml("it's"), "'it''s'");
        assert_eq!(yaml("2017"), "'2017'");
        assert_eq!(yaml("- x"), "'- x'");
        assert_eq!(yaml(""), "''");
    }

    #[test]
    fn literal_text_cannot_open_a_template_tag() {
        assert_eq!(literal("a{{b}}"), "a{{ \"{\" }}{b}}");
        assert_eq!(literal("#1 *x*"), r"\#1 \*x\*");
    }
}
