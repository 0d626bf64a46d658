//! What an imported form prints where: its title, paragraphs and tables,
//! each table cell a label or the blanks of fields; rows of blanks under a
//! header become a list (a `table` field, printed at least as many rows as
//! the original has), and a block of 一级/二级/三级指标 rows the project's
//! own indicators.

use super::fields::{self, Kind};
use super::grid::{Align, Block, Paragraph, SourceDocument};
use super::look::Look;
use super::model::{
    Line, PROMPTS, Part, Piece, Plan, Ref, add, add_option, choice_label, shared, slot_field, slot_label, value_piece,
};
use super::text::{self, Token};

/// Reads a tidied document.
pub fn plan(document: &SourceDocument) -> Plan {
    let mut plan = Plan { landscape: document.landscape, margins: document.margins, ..Plan::default() };
    let title = title_lines(&document.blocks);
    // A cover: the paragraphs before a first page break that no table precedes.
    let first_break = document.blocks.iter().position(|b| matches!(b, Block::PageBreak | Block::Table(_)));
    let cover = first_break.filter(|&b| matches!(document.blocks[b], Block::PageBreak)).unwrap_or(0);
    let (mut tables, mut paragraphs) = (0, 0);
    let mut i = 0;
    while i < document.blocks.len() {
        match &document.blocks[i] {
            Block::PageBreak => plan.parts.push(Part::PageBreak),
            Block::Table(grid) => {
                tables += 1;
                let heading = heading_before(&document.blocks[..i]).filter(|_| !title.contains(&i.saturating_sub(1)));
                let table = super::table::read_table(grid, tables, heading.as_deref(), &mut plan);
                plan.parts.push(Part::Table(table));
            }
            Block::Paragraph(p) if title.contains(&i) => {
                let (mut lines, mut cover_title) = (Vec::new(), Vec::new());
                let mut j = i;
                while j < document.blocks.len() && title.contains(&j) {
                    if let Block::Paragraph(p) = &document.blocks[j] {
                        let read = paragraph_lines(p, &format!("p{}", paragraphs + 1), &mut plan);
                        super::locate::paragraph(&mut plan, p, &read);
                        // A Word title keeps its size and spacing, in the title's font.
                        let look = p.look.map(|look| Look { title: true, ..look });
                        let size = p.size.map(|s| s.clamp(6.0, 36.0));
                        cover_title.extend(read.iter().map(|line| Part::Paragraph {
                            line: line.clone(),
                            align: p.align,
                            size,
                            bold: p.bold,
                            look,
                        }));
                        lines.extend(read);
                        paragraphs += 1;
                    }
                    j += 1;
                }
                // The last line names the document (`2017年XX区残联` / `申请购买助残服务项目申报书`).
                let name = lines.last().map(|l| named(l)).unwrap_or_default();
                plan.title = Some(name).filter(|t| !t.is_empty());
                plan.labels.extend(lines.iter().map(plain));
                match cover_title.iter().all(|p| matches!(p, Part::Paragraph { look: Some(_), .. })) {
                    true if !cover_title.is_empty() => plan.parts.extend(cover_title),
                    _ => plan.parts.push(Part::Title(lines)),
                }
                i = j;
                continue;
            }
            Block::Paragraph(p) if p.text.trim_matches(text::is_space).is_empty() => {
                // Two or more blank lines are the original's spacing.
                let run = document.blocks[i..]
                    .iter()
                    .take_while(|b| matches!(b, Block::Paragraph(p) if p.text.trim_matches(text::is_space).is_empty()))
                    .count();
                let inside = i > 0 && i + run < document.blocks.len();
                // Word's paragraphs keep their own spacing: one blank line is a line too.
                let least = if p.look.is_some() { 1 } else { 2 };
                if run >= least && inside && !matches!(plan.parts.last(), Some(Part::Area(_))) {
                    let height = document.blocks[i..i + run].iter().map(blank_height).sum();
                    plan.parts.push(Part::Gap(run, height));
                }
                i += run;
                continue;
            }
            Block::Paragraph(p) => {
                paragraphs += 1;
                let before = plan.fields.len();
                let lines = paragraph_lines(p, &format!("p{paragraphs}"), &mut plan);
                super::locate::paragraph(&mut plan, p, &lines);
                let blank_follows = matches!(document.blocks.get(i + 1),
                    Some(Block::Paragraph(next)) if next.text.trim_matches(text::is_space).is_empty());
                let prompt = plan.fields.len() == before
                    && blank_follows
                    && (PROMPTS.iter().any(|w| p.text.contains(w)) || p.text.trim_end().ends_with(['：', ':']));
                plan.labels.extend(lines.iter().map(plain).filter(|t| !t.trim().is_empty()));
                // A size set apart from the body's (a heading's 14pt) is kept; a
                // cover's paragraphs keep their size, indentation and spacing.
                let size = p.size.filter(|s| (s - 11.0).abs() >= 2.0).map(|s| s.clamp(8.0, 16.0));
                let (size, look) = match i < cover {
                    true => (p.size.map(|s| s.clamp(6.0, 36.0)), p.look),
                    false => (size, p.look),
                };
                for line in lines {
                    plan.parts.push(Part::Paragraph { line, align: p.align, size, bold: p.bold, look });
                }
                if prompt {
                    let label = fields::tidy_label(&fields::clean(&p.text));
                    let key = super::names::key_of(&p.text).unwrap_or_else(|| format!("text_{paragraphs}"));
                    let field = add(&mut plan, key, label, Kind::Prose);
                    super::locate::area(&mut plan, field, document.blocks.get(i + 1));
                    plan.parts.push(Part::Area(field));
                }
            }
        }
        i += 1;
    }
    plan.indicators = plan.parts.iter().any(|p| matches!(p, Part::Table(t) if t.indicators.is_some()));
    fields::dedupe(&mut plan.fields);
    plan
}

/// The height of a blank paragraph as Word sets it: its own line spacing
/// (a style's `exact` 30pt line, or 1.5 lines of its size) and the space
/// before and after it. `None` when its spacing is not known.
fn blank_height(block: &Block) -> Option<f32> {
    let Block::Paragraph(p) = block else { return None };
    let look = p.look?;
    Some(look.before + look.after + super::cover::line_height(&look, p.size.unwrap_or(10.5)))
}

/// The indices of the title's paragraphs: before the first table, the
/// run of lines in the largest type (14pt or more), else the first
/// centred line.
fn title_lines(blocks: &[Block]) -> Vec<usize> {
    let leading: Vec<(usize, &Paragraph)> = blocks
        .iter()
        .enumerate()
        .take_while(|(_, b)| !matches!(b, Block::Table(_) | Block::PageBreak))
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if !p.text.trim_matches(text::is_space).is_empty() => Some((i, p)),
            _ => None,
        })
        .collect();
    let largest = leading.iter().filter_map(|(_, p)| p.size).fold(0.0f32, f32::max);
    if largest >= 14.0 {
        let first = leading.iter().position(|(_, p)| p.size == Some(largest)).unwrap_or(0);
        let run = leading[first..].iter().take_while(|(_, p)| p.size == Some(largest) && p.text.chars().count() <= 60);
        return run.map(|(i, _)| *i).collect();
    }
    let centred = leading.iter().find(|(_, p)| p.align == Align::Center && p.text.chars().count() <= 60);
    centred.map(|(i, _)| vec![*i]).unwrap_or_default()
}

/// The heading just before a table (`六、项目预算`), for a list's label.
fn heading_before(blocks: &[Block]) -> Option<String> {
    match blocks.iter().rev().find(|b| !matches!(b, Block::Paragraph(p) if p.text.trim().is_empty()))? {
        Block::Paragraph(p) if p.text.chars().count() <= 30 => Some(fields::clean(&p.text)),
        _ => None,
    }
}

/// A paragraph's lines, its blanks made fields keyed by `place`.
fn paragraph_lines(p: &Paragraph, place: &str, plan: &mut Plan) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut slots = 0;
    let lines_of = p.text.split('\n').filter(|l| !l.trim_matches(text::is_space).is_empty());
    for line in lines_of.map(|l| l.trim_start_matches(text::is_space)) {
        if let Some((open, close)) = year_line(line) {
            // The year under a 绩效 form's title, blank or a sample's: the project's.
            let field = shared(plan, "year".to_owned(), "年度".to_owned(), Kind::Text);
            plan.fields[field].from = Some("project.year".to_owned());
            super::values::year(plan, field, line.split('年').next().unwrap_or_default());
            let value = Piece::Value { field: Ref::Field(field), empty: String::new(), width: 0.0 };
            lines.push(vec![Piece::Text(open), value, Piece::Text(close)]);
            continue;
        }
        let tokens = text::tokens(line);
        let mut pieces = Vec::new();
        let mut choice: Option<usize> = None;
        for (k, token) in tokens.iter().enumerate() {
            match token {
                Token::Text(t) => match super::filing::pieces(t, plan) {
                    Some(filing) => pieces.extend(filing),
                    None => pieces.push(Piece::Text(t.clone())),
                },
                Token::Space(w) => pieces.push(Piece::Space(*w)),
                Token::Choice { value, after } => {
                    let field = *choice.get_or_insert_with(|| {
                        let label = choice_label(&tokens, "");
                        let key = super::names::key_of(&label).unwrap_or_else(|| format!("field_{place}"));
                        add(plan, key, fields::tidy_label(&label), Kind::Choice(Vec::new()))
                    });
                    add_option(plan, field, value);
                    pieces.push(Piece::Option { field: Ref::Field(field), value: value.clone(), after: *after });
                }
                Token::Slot(slot) => {
                    slots += 1;
                    let label = slot_label(slot, &tokens[k + 1..], None);
                    let fallback = if slots == 1 { format!("field_{place}") } else { format!("field_{place}_{slots}") };
                    let (key, label, kind) = slot_field(slot, &label, fallback);
                    let field = shared(plan, key, label, kind);
                    pieces.push(value_piece(Ref::Field(field), slot));
                }
            }
        }
        lines.push(pieces);
    }
    lines
}

/// A line that says the year: alone, `（    年度）` or a sample's `（2021年）`,
/// or leading a title, `2021年度项目支出绩效自评表` or `＿＿年度……表`: the
/// text before the year and after it.
fn year_line(line: &str) -> Option<(String, String)> {
    bracketed_year(line).or_else(|| leading_year(line))
}

/// `2021年度项目支出绩效自评表`, `＿＿年度部门整体支出绩效自评表`: a year (or a
/// blank for it) and 年度 before the name of a form. A title that only starts
/// with 年度 (`年度绩效目标表`) has no blank for a year.
fn leading_year(line: &str) -> Option<(String, String)> {
    let text: String = line.chars().filter(|c| !text::is_space(*c)).collect();
    let rest = text.trim_start_matches(['_', '＿']);
    let blank = rest.len() < text.len();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let after = &rest[digits..];
    let year = digits == 4 || (digits == 0 && blank);
    // `2021年支持地方高校改革发展资金…明细表`: a year naming a fund, not the form's year.
    let named = after.starts_with("年度") && after.ends_with(['表', '书']) && after.chars().count() >= 6;
    (year && named).then(|| (String::new(), after.to_owned()))
}

fn bracketed_year(line: &str) -> Option<(String, String)> {
    let text: String = line.chars().filter(|c| !text::is_space(*c)).collect();
    let inner = text.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    let digits = inner.trim_end_matches("年度").trim_end_matches('年');
    let after = &inner[digits.len()..];
    let year = digits.is_empty() || (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()));
    let (open, close) = (text.chars().next()?, text.chars().next_back()?);
    (year && !after.is_empty()).then(|| (open.to_string(), format!("{after}{close}")))
}

/// A line's text, its blanks left out.
fn plain(line: &Line) -> String {
    line.iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Option { value, .. } => value.clone(),
            _ => String::new(),
        })
        .collect()
}

/// What a title line names: a leading year's `年度` goes with the year
/// (`2021年度项目支出绩效自评表` names 项目支出绩效自评表).
fn named(line: &Line) -> String {
    let name = close_brackets(&plain(line));
    match line.as_slice() {
        [Piece::Text(open), Piece::Value { .. }, ..] if open.is_empty() => {
            name.trim_start_matches("年度").trim_start_matches('年').to_owned()
        }
        _ => name,
    }
}

/// A title with its blanks taken out: no empty brackets, no spaces.
fn close_brackets(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !text::is_space(*c)).collect();
    for empty in ["（）", "()", "“”"] {
        out = out.replace(empty, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::import::fields::Unit;
    use crate::authoring::import::grid::{Cell, Grid};

    fn ruled(widths: &[f32], rows: usize, cells: Vec<Cell>) -> Grid {
        let mut grid = Grid::new(widths.to_vec(), rows);
        for line in grid.h.iter_mut().chain(grid.v.iter_mut()) {
            line.iter_mut().for_each(|d| *d = true);
        }
        grid.cells = cells;
        grid
    }

    fn keys(plan: &Plan) -> Vec<String> {
        plan.fields.iter().map(|f| format!("{}:{}", f.key, f.label)).collect()
    }

    #[test]
    fn a_year_alone_or_leading_a_title_is_the_year_field() {
        let pair = |open: &str, close: &str| Some((open.to_owned(), close.to_owned()));
        assert_eq!(year_line("（    年度）"), pair("（", "年度）"));
        assert_eq!(year_line("( 2019年度)"), pair("(", "年度)"));
        assert_eq!(year_line("2021年度项目支出绩效自评表"), pair("", "年度项目支出绩效自评表"));
        assert_eq!(year_line("＿＿＿年度部门整体支出绩效自评表"), pair("", "年度部门整体支出绩效自评表"));
        // No blank for a year, or not a form's name: a plain title.
        assert_eq!(year_line("年度绩效目标表"), None);
        assert_eq!(year_line("2021年社区服务总结"), None);
        assert_eq!(year_line("2021年支持地方高校改革发展资金设备购置明细表"), None);
        assert_eq!(year_line("20215年度项目支出绩效自评表"), None);
    }

    #[test]
    fn labels_name_the_blanks_beside_and_below_them() {
        let grid = ruled(
            &[100.0; 4],
            3,
            vec![
                Cell::new(0, 0, "项目名称"),
                Cell { colspan: 3, ..Cell::new(0, 1, "") },
                Cell::new(1, 0, ""),
                Cell::new(1, 1, "姓名"),
                Cell::new(1, 2, "手机"),
                Cell::new(1, 3, "某某栏目"),
                Cell::new(2, 0, "项目负责人"),
                Cell::new(2, 1, ""),
                Cell::new(2, 2, ""),
                Cell::new(2, 3, ""),
            ],
        );
        let plan = plan(&SourceDocument { blocks: vec![Block::Table(grid)], landscape: false, margins: None });
        assert_eq!(
            keys(&plan),
            [
                "project_name:项目名称",
                "leader_name:项目负责人 / 姓名",
                "leader_mobile:项目负责人 / 手机",
                "leader:项目负责人 / 某某栏目"
            ]
        );
    }

    #[test]
    fn rows_of_blanks_under_a_header_are_a_list() {
        let mut cells = vec![Cell::new(0, 0, "序号"), Cell::new(0, 1, "姓名"), Cell::new(0, 2, "金额（元）")];
        for r in 1..4 {
            cells.extend([Cell::new(r, 0, r.to_string()), Cell::new(r, 1, ""), Cell::new(r, 2, "")]);
        }
        let grid = ruled(&[50.0, 100.0, 100.0], 4, cells);
        let blocks =
            vec![Block::Paragraph(Paragraph { text: "五、项目团队".into(), ..Default::default() }), Block::Table(grid)];
        let plan = plan(&SourceDocument { blocks, landscape: false, margins: None });
        assert_eq!(plan.fields.len(), 1);
        let field = &plan.fields[0];
        assert_eq!((field.key.as_str(), field.label.as_str(), field.rows), ("project_team", "项目团队", 3));
        let Kind::Table(columns) = &field.kind else { panic!() };
        let columns: Vec<(&str, &Kind)> = columns.iter().map(|c| (c.key.as_str(), &c.kind)).collect();
        assert_eq!(columns, [("name", &Kind::Text), ("amount", &Kind::Money(Unit::Yuan))]);
    }

    #[test]
    fn a_cover_page_blank_and_a_table_blank_of_one_label_are_one_field() {
        let grid = ruled(&[100.0, 300.0], 1, vec![Cell::new(0, 0, "项目名称"), Cell::new(0, 1, "")]);
        let cover = Paragraph { text: "项目名称：　　　　".into(), ..Default::default() };
        let plan = plan(&SourceDocument {
            blocks: vec![Block::Paragraph(cover), Block::Table(grid)],
            landscape: false,
            margins: None,
        });
        assert_eq!(keys(&plan), ["project_name:项目名称"]);
    }
}
