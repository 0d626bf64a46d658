//! The spreadsheets, read back with an independent reader (calamine): cell
//! values, merged ranges, and every formula recalculated by a small
//! evaluator here against the value wenshu cached, which must be the
//! figure the PDF prints. Then a finance officer's edit: an actual changed
//! in Excel moves the rate, the score and the total.

use std::collections::HashMap;
use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

use super::*;

mod office;

/// A workbook as calamine reads it: cached values, formulas, merged cells.
struct Book {
    values: HashMap<String, calamine::Range<Data>>,
    formulas: HashMap<String, calamine::Range<String>>,
    merged: HashMap<String, Vec<((u32, u32), (u32, u32))>>,
    /// Cells a test changed, as an officer would in Excel.
    edits: HashMap<(String, u32, u32), f64>,
}

impl Book {
    fn read(bytes: &[u8]) -> Book {
        let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid xlsx");
        let mut book =
            Book { values: HashMap::new(), formulas: HashMap::new(), merged: HashMap::new(), edits: HashMap::new() };
        for name in xlsx.sheet_names() {
            let regions = xlsx.merge_cells_by_sheet_name(&name).unwrap().iter().map(|d| (d.start, d.end)).collect();
            book.merged.insert(name.clone(), regions);
            book.values.insert(name.clone(), xlsx.worksheet_range(&name).unwrap());
            book.formulas.insert(name.clone(), xlsx.worksheet_formula(&name).unwrap());
        }
        book
    }

    fn sheets(&self) -> Vec<&String> {
        let mut names: Vec<&String> = self.values.keys().collect();
        names.sort();
        names
    }

    /// The cached value of a cell, as text (numbers as Excel shows them in General).
    fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.values[sheet].get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => format!("{f}"),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    fn formula(&self, sheet: &str, row: u32, col: u32) -> Option<String> {
        self.formulas[sheet].get_value((row, col)).filter(|f| !f.is_empty()).cloned()
    }

    /// The row and column of the first cell holding exactly `text`.
    fn find(&self, sheet: &str, text: &str) -> (u32, u32) {
        let range = &self.values[sheet];
        let (r0, c0) = range.start().unwrap();
        for (r, c, value) in range.cells() {
            if matches!(value, Data::String(s) if s == text) {
                return (r0 + r as u32, c0 + c as u32);
            }
        }
        panic!("no cell “{text}” in {sheet}");
    }

    /// Every formula cell, recalculated, against its cached value.
    fn recalculated_mismatches(&self) -> Vec<String> {
        let mut wrong = Vec::new();
        for sheet in self.sheets() {
            let (r0, c0) = self.formulas[sheet].start().unwrap_or((0, 0));
            for (r, c, formula) in self.formulas[sheet].cells() {
                if formula.is_empty() {
                    continue;
                }
                let (row, col) = (r0 + r as u32, c0 + c as u32);
                let computed = self.eval_cell(sheet, row, col);
                let cached = self.values[sheet].get_value((row, col)).cloned().unwrap_or(Data::Empty);
                let same = match (&computed, &cached) {
                    (V::N(a), Data::Float(b)) => (a - b).abs() < 1e-9,
                    (V::N(a), Data::Int(b)) => (a - *b as f64).abs() < 1e-9,
                    (V::S(a), Data::String(b)) => a == b,
                    _ => false,
                };
                if !same {
                    wrong.push(format!("{sheet}!{row},{col} = {formula}: computed {computed:?}, cached {cached:?}"));
                }
            }
        }
        wrong
    }

    fn eval_cell(&self, sheet: &str, row: u32, col: u32) -> V {
        if let Some(value) = self.edits.get(&(sheet.to_owned(), row, col)) {
            return V::N(*value);
        }
        if let Some(formula) = self.formula(sheet, row, col) {
            let mut parser = Parser { book: self, sheet, text: formula.chars().collect(), at: 0 };
            let value = parser.expr();
            assert_eq!(parser.at, parser.text.len(), "unparsed rest of {formula}");
            return value;
        }
        match self.values[sheet].get_value((row, col)) {
            Some(Data::Float(f)) => V::N(*f),
            Some(Data::Int(i)) => V::N(*i as f64),
            Some(Data::String(s)) => V::S(s.clone()),
            _ => V::Empty,
        }
    }

    fn merged_at(&self, sheet: &str, row: u32, col: u32) -> Option<((u32, u32), (u32, u32))> {
        self.merged[sheet].iter().copied().find(|(start, _)| *start == (row, col))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum V {
    N(f64),
    S(String),
    Empty,
    /// A range's cells, each with whether it is itself a SUBTOTAL.
    Cells(Vec<(V, bool)>),
}

impl V {
    fn num(&self) -> f64 {
        match self {
            V::N(n) => *n,
            V::Empty => 0.0,
            other => panic!("not a number: {other:?}"),
        }
    }
}

/// Excel's ROUND: half away from zero, on the decimal the cell shows
/// (Excel works to 15 significant digits, so 2.675 rounds to 2.68).
fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let shifted = (x * scale * 1e6).round() / 1e6;
    shifted.round() / scale
}

/// A recursive-descent reader of the formulas wenshu writes: numbers,
/// strings, cell references and ranges (on this or a quoted sheet),
/// + - * / & and comparisons, ROUND, MIN, IF, SUM and SUBTOTAL(1|9).
struct Parser<'a> {
    book: &'a Book,
    sheet: &'a str,
    text: Vec<char>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        if self.text[self.at..].starts_with(&chars) {
            self.at += chars.len();
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> V {
        let left = self.concat();
        for op in [">=", "<=", "<>", "=", "<", ">"] {
            if self.eat(op) {
                let right = self.concat();
                let (a, b) = (left.num(), right.num());
                let truth = match op {
                    ">=" => a >= b,
                    "<=" => a <= b,
                    "<>" => a != b,
                    "=" => a == b,
                    "<" => a < b,
                    _ => a > b,
                };
                return V::N(f64::from(u8::from(truth)));
            }
        }
        left
    }

    fn concat(&mut self) -> V {
        let mut value = self.add();
        while self.eat("&") {
            let right = self.add();
            let text = |v: &V| match v {
                V::S(s) => s.clone(),
                V::N(n) => format!("{n}"),
                _ => String::new(),
            };
            value = V::S(text(&value) + &text(&right));
        }
        value
    }

    fn add(&mut self) -> V {
        let mut value = self.mul();
        loop {
            if self.eat("+") {
                value = V::N(value.num() + self.mul().num());
            } else if self.eat("-") {
                value = V::N(value.num() - self.mul().num());
            } else {
                return value;
            }
        }
    }

    fn mul(&mut self) -> V {
        let mut value = self.unary();
        loop {
            if self.eat("*") {
                value = V::N(value.num() * self.unary().num());
            } else if self.eat("/") {
                value = V::N(value.num() / self.unary().num());
            } else {
                return value;
            }
        }
    }

    fn unary(&mut self) -> V {
        if self.eat("-") { V::N(-self.unary().num()) } else { self.primary() }
    }

    fn primary(&mut self) -> V {
        if self.eat("(") {
            let value = self.expr();
            assert!(self.eat(")"));
            return value;
        }
        if self.eat("\"") {
            let start = self.at;
            while self.peek() != Some('"') {
                self.at += 1;
            }
            let text: String = self.text[start..self.at].iter().collect();
            self.at += 1;
            return V::S(text);
        }
        if self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            let start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                self.at += 1;
            }
            return V::N(self.text[start..self.at].iter().collect::<String>().parse().unwrap());
        }
        let sheet = if self.eat("'") {
            let start = self.at;
            while self.peek() != Some('\'') {
                self.at += 1;
            }
            let name: String = self.text[start..self.at].iter().collect();
            self.at += 1;
            assert!(self.eat("!"));
            Some(name)
        } else {
            None
        };
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            self.at += 1;
        }
        let word: String = self.text[start..self.at].iter().collect();
        if self.eat("(") {
            let mut args = Vec::new();
            while !self.eat(")") {
                args.push(self.expr());
                self.eat(",");
            }
            return call(&word, args);
        }
        let sheet = sheet.unwrap_or_else(|| self.sheet.to_owned());
        let first = cell(&word);
        if self.eat(":") {
            let start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                self.at += 1;
            }
            let last = cell(&self.text[start..self.at].iter().collect::<String>());
            let mut cells = Vec::new();
            for row in first.0..=last.0 {
                for col in first.1..=last.1 {
                    let subtotal = self.book.formula(&sheet, row, col).is_some_and(|f| f.contains("SUBTOTAL"));
                    cells.push((self.book.eval_cell(&sheet, row, col), subtotal));
                }
            }
            return V::Cells(cells);
        }
        self.book.eval_cell(&sheet, first.0, first.1)
    }
}

/// `E12` → (11, 4).
fn cell(name: &str) -> (u32, u32) {
    let letters: String = name.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters.chars().fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1)) - 1;
    let row: u32 = name[letters.len()..].parse().unwrap();
    (row - 1, col)
}

fn numbers(args: &[V], skip_subtotals: bool) -> Vec<f64> {
    let mut out = Vec::new();
    for arg in args {
        match arg {
            V::Cells(cells) => {
                out.extend(cells.iter().filter(|(_, s)| !(skip_subtotals && *s)).filter_map(|(v, _)| match v {
                    V::N(n) => Some(*n),
                    _ => None,
                }))
            }
            V::N(n) => out.push(*n),
            _ => {}
        }
    }
    out
}

fn call(name: &str, args: Vec<V>) -> V {
    match name {
        "ROUND" => V::N(round(args[0].num(), args[1].num() as i32)),
        "MIN" => V::N(numbers(&args, false).into_iter().fold(f64::INFINITY, f64::min)),
        "SUM" => V::N(numbers(&args, false).iter().sum()),
        "IF" => {
            if args[0].num() != 0.0 {
                args[1].clone()
            } else {
                args[2].clone()
            }
        }
        "SUBTOTAL" => {
            let values = numbers(&args[1..], true);
            match args[0].num() as i32 {
                9 => V::N(values.iter().sum()),
                1 => V::N(values.iter().sum::<f64>() / values.len() as f64),
                other => panic!("SUBTOTAL({other}) is not written by wenshu"),
            }
        }
        other => panic!("function {other} is not written by wenshu"),
    }
}

fn prepared(loaded: &wenshu::Loaded) -> wenshu::Prepared {
    workspace().prepare(loaded).unwrap_or_else(|e| panic!("{}", lines(&e)))
}

fn self_evaluation_of(loaded: &wenshu::Loaded) -> (Book, wenshu::score::evaluate::Evaluated) {
    let evaluated = prepared(loaded).evaluated.expect("evaluated");
    let bytes = wenshu::output::xlsx::self_evaluation(&loaded.project, &evaluated).unwrap();
    (Book::read(&bytes), evaluated)
}

#[test]
fn the_self_evaluation_sheet_carries_the_printed_figures_as_formulas() {
    let (book, evaluated) = self_evaluation_of(&loaded(&source_of(YANTIAN), YANTIAN));
    let sheet = "绩效自评表";
    assert_eq!(book.sheets(), ["绩效自评表"], "no compound indicator, no parts sheet");
    // The execution row: sums of the lines, the rate and the score as seed 001 prints them.
    let (row, _) = book.find(sheet, "年度资金总额");
    assert_eq!(book.text(sheet, row, 4), "54.9");
    assert_eq!(book.formula(sheet, row, 4).as_deref(), Some("SUM(E7:E9)"));
    assert_eq!(book.text(sheet, row, 6), "0.9734");
    assert_eq!(evaluated.execution.rate.to_string(), "97.34%");
    assert_eq!(book.text(sheet, row, 7), evaluated.execution.score.fixed2());
    // The total and the national grade, as on the PDF: 96.96 / 优.
    let (total_row, _) = book.find(sheet, &format!("总分（含预算执行率 {} 分）", evaluated.execution.score));
    assert_eq!(book.text(sheet, total_row, 6), "96.96");
    assert!(book.formula(sheet, total_row, 6).unwrap().starts_with("ROUND(H6+SUM(G"));
    assert_eq!(book.text(sheet, total_row, 7), "自评等级：优");
    // Every indicator's score as printed, and every formula recalculates to its cached value.
    let scores: Vec<String> =
        evaluated.categories.iter().flat_map(|c| &c.groups).flat_map(|g| &g.items).map(|i| shown(i.score)).collect();
    let (header, _) = book.find(sheet, "偏差原因分析及改进措施");
    for (k, score) in scores.iter().enumerate() {
        let shown = book.text(sheet, header + 1 + k as u32, 6);
        assert_eq!(shown.parse::<f64>().ok(), score.parse::<f64>().ok(), "row {k}: {shown} against {score}");
    }
    assert_eq!(book.recalculated_mismatches(), Vec::<String>::new());
}

#[test]
fn money_is_held_to_the_fen_so_that_rates_recalculate_as_printed() {
    // 548,014元 prints 54.80万元: of 56.40万元 it is 97.17%, where 54.80 of
    // 56.40 would be 97.16%. The cell holds the money, the format rounds it.
    let loaded = edited(YANTIAN, "spent: 54.90万元", "spent: 548,014.00元");
    let (book, evaluated) = self_evaluation_of(&loaded);
    assert_eq!(evaluated.execution.rate.to_string(), "97.17%");
    let sheet = "绩效自评表";
    let (row, _) = book.find(sheet, "年度资金总额");
    assert_eq!(book.text(sheet, row + 1, 4), "54.8014");
    assert_eq!(book.text(sheet, row, 6), "0.9717");
    assert_eq!(book.recalculated_mismatches(), Vec::<String>::new());
}

#[test]
fn merged_cells_are_those_of_the_printed_form() {
    let (book, evaluated) = self_evaluation_of(&loaded(&source_of(YANTIAN), YANTIAN));
    let sheet = "绩效自评表";
    let (money, _) = book.find(sheet, "项目资金（万元）");
    // 项目资金 spans its header, the total and each line of money.
    let lines = evaluated.execution.rows.len() as u32;
    assert_eq!(book.merged_at(sheet, money, 0), Some(((money, 0), (money + 1 + lines, 0))));
    assert_eq!(book.merged_at(sheet, 2, 2), Some(((2, 2), (2, 7))), "项目名称 across the row");
    // Each 一级指标 spans its indicators: one merged cell, or, where a page
    // breaks among them, one a page, the later ones labelled （续）, as the
    // PDF prints them. 盐田's 产出指标 runs onto the second page.
    let (header, _) = book.find(sheet, "偏差原因分析及改进措施");
    let mut row = header + 1;
    let mut continued = Vec::new();
    for category in &evaluated.categories {
        let n: u32 = category.groups.iter().map(|g| g.items.len() as u32).sum();
        let end = row + n - 1;
        let mut label = category.level1.clone();
        while row <= end {
            assert_eq!(book.text(sheet, row, 0), label);
            let last = book.merged_at(sheet, row, 0).map_or(row, |(_, (last, _))| last);
            assert!(last <= end, "{label} runs past its indicators");
            if label != category.level1 {
                continued.push(label.clone());
            }
            (row, label) = (last + 1, format!("{}（续）", category.level1));
        }
    }
    assert_eq!(continued, ["产出指标（续）"]);
}

#[test]
fn an_actual_changed_in_excel_moves_the_score_and_the_total() {
    let (mut book, _) = self_evaluation_of(&loaded(&source_of(YANTIAN), YANTIAN));
    let sheet = "绩效自评表";
    // 小组服务（专业性团体服务）节次: 至少10节次, done 12: full points. Halve it.
    let (row, _) = book.find(sheet, "小组服务（专业性团体服务）节次");
    assert_eq!(book.text(sheet, row, 4), "12");
    let points = book.eval_cell(sheet, row, 5).num();
    let before = book.eval_cell(sheet, row, 6).num();
    assert_eq!(before, points);
    let (total_row, _) = book.find(sheet, "自评等级：优");
    let total_before = book.eval_cell(sheet, total_row, 6).num();
    book.edits.insert((sheet.to_owned(), row, 4), 5.0);
    let after = book.eval_cell(sheet, row, 6).num();
    assert_eq!(after, round(points * 5.0 / 10.0, 2));
    assert!((book.eval_cell(sheet, total_row, 6).num() - (total_before - (points - after))).abs() < 1e-9);
}

#[test]
fn a_compound_indicator_is_scored_part_by_part_on_its_own_sheet() {
    let loaded = edited(
        WENCHONG,
        "target: 45个\n            actual: 55个",
        "target: 个案≥4个、个案服务≥20人次\n            actual: 完成个案服务3个，服务22人次\n            reason: 个案少于指标值",
    );
    let (book, evaluated) = self_evaluation_of(&loaded);
    assert_eq!(book.sheets(), ["分项计分", "绩效自评表"]);
    let item = evaluated
        .categories
        .iter()
        .flat_map(|c| &c.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.target.contains("个案服务≥20"))
        .unwrap();
    let (part_row, _) = book.find("分项计分", "个案服务");
    assert_eq!(book.text("分项计分", part_row, 3), "22");
    assert_eq!(book.text("分项计分", part_row, 4), "1.1", "22 of 20: 110%");
    let (row, _) = book.find("绩效自评表", &item.indicator);
    assert!(book.formula("绩效自评表", row, 6).unwrap().contains("'分项计分'!"));
    assert_eq!(book.text("绩效自评表", row, 6).parse::<f64>().ok(), shown(item.score).parse::<f64>().ok());
    assert_eq!(
        book.merged_at("分项计分", part_row - 1, 0).map(|(_, end)| end.0),
        Some(part_row),
        "the indicator spans its two parts"
    );
    assert_eq!(book.recalculated_mismatches(), Vec::<String>::new());
}

#[test]
fn the_targets_sheet_has_a_row_per_part_with_rates_capped_for_progress() {
    let source = source_of(WENCHONG).replacen("evaluation:\n", "evaluation:\n  completion: 完成进度\n", 1);
    let loaded = loaded(&source, WENCHONG);
    let evaluated = prepared(&loaded).evaluated.unwrap();
    let book = Book::read(&wenshu::output::xlsx::targets(&loaded.project, Some(&evaluated), None).unwrap());
    let sheet = "绩效目标表";
    assert_eq!(book.text(sheet, 2, 5), "完成进度");
    // 探访 above its target: 完成进度 stops at 100%.
    let rates: Vec<f64> =
        (3..60).filter_map(|r| book.formula(sheet, r, 5).map(|_| book.eval_cell(sheet, r, 5).num())).collect();
    assert!(!rates.is_empty() && rates.iter().all(|r| *r <= 1.0), "{rates:?}");
    let (total, _) = book.find(sheet, "合计（不含预算执行率）");
    let indicators: f64 = evaluated.categories.iter().map(|c| c.score.fixed2().parse::<f64>().unwrap()).sum();
    assert!((book.eval_cell(sheet, total, 7).num() - indicators).abs() < 1e-9);
    assert_eq!(book.recalculated_mismatches(), Vec::<String>::new());
}

#[test]
fn before_year_end_the_targets_sheet_lists_the_targets_only() {
    let loaded = loaded(&source_of(XINGTAN), XINGTAN);
    assert!(loaded.project.evaluation.is_none());
    let book = Book::read(&wenshu::output::xlsx::targets(&loaded.project, None, None).unwrap());
    let sheet = "绩效目标表";
    let header: Vec<String> = (0..4).map(|c| book.text(sheet, 2, c)).collect();
    assert_eq!(header, ["一级指标", "二级指标", "三级指标", "指标值"]);
    assert_eq!(book.values[sheet].end().unwrap().1, 3, "four columns, no actuals yet");
    let first = &loaded.project.indicators.value[0].groups.value[0].items.value[0];
    assert_eq!(book.text(sheet, 3, 2), first.indicator.value.as_str());
}

#[test]
fn a_progress_table_without_evaluation_shows_actuals_and_capped_progress() {
    let base = source_of("tests/bad/base.yaml");
    let end = base.find("evaluation:\n").unwrap();
    let source = format!("{}completion: 完成进度\n", &base[..end]).replace("actual: 4个", "actual: 3个");
    let loaded = loaded(&source, "tests/bad/base.yaml");
    let prepared = workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    let book = Book::read(&wenshu::output::xlsx::targets(&loaded.project, None, prepared.progress.as_ref()).unwrap());
    let sheet = "绩效目标表";
    let header: Vec<String> = (0..6).map(|c| book.text(sheet, 2, c)).collect();
    assert_eq!(header, ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "完成进度"]);
    // 个案 12 of 10 capped at 100%; 小组 3 of 4.
    assert_eq!((book.text(sheet, 3, 4), book.text(sheet, 3, 5)), ("12个".to_owned(), "100.00%".to_owned()));
    assert_eq!(book.text(sheet, 4, 5), "75.00%");
}

/// Runs wenshu in `dir`.
fn wenshu_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wenshu")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn the_summary_adds_up_to_its_projects_and_shows_seed_002() {
    let out = tempfile::tempdir().unwrap();
    let output =
        wenshu_in(root(), &["summary", "projects", "--date", "2026-11-24", "--out", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let book = Book::read(&std::fs::read(out.path().join("汇总表.xlsx")).unwrap());
    let sheet = "汇总表";
    assert_eq!(book.text(sheet, 1, 0), "汇总日期：2026年11月24日");
    // 文冲's row: its own 自评 95.69, the parties' 92.12, graded 优秀 (seed 002).
    let (row, _) = book.find(sheet, "文冲街道社工服务站（家庭综合服务中心）项目");
    let cells: Vec<String> = (5..14).map(|c| book.text(sheet, row, c)).collect();
    assert_eq!(cells, ["240", "240", "240", "1", "13", "8", "95.69", "92.12", "优秀"]);
    // 清远's 项目支出绩效目标表 says where its funds are (`funds: gd_target.total`): its 总金额.
    let (row, _) = book.find(sheet, "2025年省级福彩公益金资助清远市困境儿童关爱社会工作服务项目");
    assert_eq!(book.text(sheet, row, 5), "270");
    // The grand total is the sum of every project's own figures, to the 分.
    let (total, _) = book.find(sheet, "合计（7个项目，2个已评价）");
    let mut funding_fen = 0i64;
    let mut spent_fen = 0i64;
    for entry in std::fs::read_dir(root().join("projects")).unwrap() {
        let path = entry.unwrap().path().join("project.yaml");
        let loaded = workspace().load(&path).unwrap();
        let prepared = prepared(&loaded);
        let evaluated = prepared.evaluated.as_ref();
        let gd_total = loaded
            .tree
            .at_path("gd_target.total")
            .and_then(|n| n.text())
            .map(|t| wenshu::Money::parse(t).unwrap().fen());
        let funding = loaded
            .project
            .funding
            .as_ref()
            .map(|f| f.total.value.fen())
            .or(gd_total)
            .or(evaluated.map(|e| e.execution.initial.fen()));
        funding_fen += funding.unwrap_or(0);
        spent_fen += evaluated.map_or(0, |e| e.execution.spent.fen());
    }
    let wan = |fen: i64| wenshu::Money::from_fen(fen).wan_fixed().parse::<f64>().unwrap();
    assert_eq!(book.eval_cell(sheet, total, 5).num(), wan(funding_fen));
    assert_eq!(book.eval_cell(sheet, total, 7).num(), wan(spent_fen));
    assert_eq!(book.text(sheet, total, 11), "96.33", "mean of 95.69 and 96.96, half up");
    assert_eq!(book.recalculated_mismatches(), Vec::<String>::new());
    // Merged: each group's cell spans its projects and its subtotal.
    let (group, _) = book.find(sheet, "广州市黄埔区人民政府文冲街道办事处");
    assert_eq!(book.merged_at(sheet, group, 0), Some(((group, 0), (group + 1, 0))));
    // The PDF says the same, and lists the projects without year-end data.
    let text = pdf_text(&out.path().join("汇总表.pdf"));
    for expected in [
        "2019—2025年度项目绩效评价汇总表",
        "汇总日期：2026年11月24日",
        "92.12",
        "优秀",
        "585.40",
        "270.00",
        "尚未做年终评价的项目",
        "阳光家庭服务项目",
    ] {
        assert!(flat(&text).contains(&flat(expected)), "{expected} not in the summary PDF:\n{text}");
    }
}

/// The text of a PDF, by poppler's pdftotext (in CI a missing tool fails).
fn pdf_text(path: &Path) -> String {
    let mut pdftotext = tool("pdftotext");
    let output = pdftotext.arg(path).arg("-").output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_project_with_problems_stops_the_summary_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["yantian-2020", "wenchong-2022"] {
        let folder = dir.path().join("projects").join(name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(root().join("projects").join(name).join("project.yaml"), folder.join("project.yaml")).unwrap();
    }
    assert!(wenshu_in(dir.path(), &["summary", "--date", "2026-11-24"]).status.success());
    let old = std::fs::read(dir.path().join("out/汇总表.xlsx")).unwrap();
    let broken = dir.path().join("projects/wenchong-2022/project.yaml");
    let source = std::fs::read_to_string(&broken).unwrap().replacen("actual: 35个", "actual: 三十五", 1);
    std::fs::write(&broken, source).unwrap();
    let output = wenshu_in(dir.path(), &["summary", "--date", "2026-11-25"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "汇总表未生成：以下 1 个项目有问题，汇总数会不完整，请先改正：projects/wenchong-2022/project.yaml"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(dir.path().join("out/汇总表.xlsx")).unwrap(), old, "the old summary stays");
}

#[test]
fn summary_groups_by_implementer_when_asked() {
    let out = tempfile::tempdir().unwrap();
    let args =
        ["summary", "projects", "--by", "实施单位", "--date", "2026-11-24", "--out", out.path().to_str().unwrap()];
    assert!(wenshu_in(root(), &args).status.success());
    let book = Book::read(&std::fs::read(out.path().join("汇总表.xlsx")).unwrap());
    assert_eq!(book.text("汇总表", 2, 0), "实施单位");
    assert_eq!(book.text("汇总表", 2, 4), "主管部门");
    book.find("汇总表", "广州市洋城社会工作服务中心");
}

#[test]
fn build_xlsx_writes_the_spreadsheets_beside_the_pdfs_and_then_rests() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let build = |extra: &[&str]| {
        let mut args = vec!["build", YANTIAN, "--only", "report", "--out", out_dir];
        args.extend_from_slice(extra);
        wenshu_in(root(), &args)
    };
    let first = build(&["--xlsx"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let folder = out.path().join("yantian-2020");
    for name in ["绩效自评表.pdf", "绩效自评表.xlsx", "绩效目标表.xlsx"] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    let bytes = std::fs::read(folder.join("绩效自评表.xlsx")).unwrap();
    // Again: nothing to do. Without --xlsx: nothing either, the PDFs being current.
    let again = build(&["--xlsx"]);
    let said = String::from_utf8_lossy(&again.stdout).into_owned();
    assert!(said.contains("已生成 0 份文书，4 份未变"), "{said}");
    assert!(String::from_utf8_lossy(&build(&[]).stdout).contains("已生成 0 份文书，2 份未变"));
    // A spreadsheet deleted by hand comes back, the same bytes.
    std::fs::remove_file(folder.join("绩效自评表.xlsx")).unwrap();
    let rebuilt = build(&["--xlsx"]);
    let said = String::from_utf8_lossy(&rebuilt.stdout).into_owned();
    assert!(said.contains("绩效自评表.xlsx") && said.contains("已生成 2 份文书，2 份未变"), "{said}");
    assert_eq!(std::fs::read(folder.join("绩效自评表.xlsx")).unwrap(), bytes, "reproducible");
}

#[test]
fn a_repository_prints_its_own_summary_from_its_forms_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("projects/yantian-2020");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(root().join(YANTIAN), folder.join("project.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("forms")).unwrap();
    let template = "#import \"style.typ\": form\n#let fonts = {{ fonts }}\n#show: form.with(fonts)\n= 本区汇总：{{ summary.total.projects }} 个项目，{{ summary.total.average }} 分\n";
    std::fs::write(dir.path().join("forms/summary.typ.j2"), template).unwrap();
    let output = wenshu_in(dir.path(), &["summary", "--date", "2026-11-24"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = pdf_text(&dir.path().join("out/汇总表.pdf"));
    assert!(flat(&text).contains("本区汇总：1个项目，96.96分"), "{text}");
    // A mistake in it is reported in that file, at its line.
    std::fs::write(dir.path().join("forms/summary.typ.j2"), "{{ summary.nothing.here }}\n").unwrap();
    let output = wenshu_in(dir.path(), &["summary", "--date", "2026-11-24"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("forms/summary.typ.j2:1:"), "{stderr}");
}

#[test]
fn a_rebuild_with_xlsx_counts_each_file_once_and_rests_without_spreadsheets_too() {
    let out = tempfile::tempdir().unwrap();
    let args = ["build", YANTIAN, JINHAI, "--xlsx", "--out", out.path().to_str().unwrap()];
    let first = String::from_utf8_lossy(&wenshu_in(root(), &args).stdout).into_owned();
    // 湖里 has neither indicators nor an evaluation: no spreadsheet, and none expected.
    assert!(first.contains("已生成 6 份文书，0 份未变"), "{first}");
    assert!(!out.path().join("jinhai-huli/绩效目标表.xlsx").exists());
    let again = String::from_utf8_lossy(&wenshu_in(root(), &args).stdout).into_owned();
    assert!(again.contains("已生成 0 份文书，6 份未变"), "{again}");
}
