//! The 执行监控表 read and printed whole (#28): its monitoring columns (1-7月执行数,
//! 全年预计执行数, the ticks under 偏差原因分析 and 完成目标可能性, 原因说明, 备注)
//! are the indicators' `to_date`, `expected`, `causes`, `reason`,
//! `likelihood` and `note`; `--values` reads them from a filled form, the
//! PDF prints them (✔ in its column), `--docx`/`--xlsx` write them into the
//! original, and `check` refuses a word not on the form.

use std::path::Path;

use crate::fill_sheets::{cell, first_table, row};
use crate::*;

const PKU: &str = "tests/fixtures/forms-national/pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx";
const SHEET: &str = "项目支出绩效目标执行监控";
const F13: &str = "tests/fixtures/forms-generated/13-jixiao-mubiao-zhixing-jiankong-biao.docx";

/// Imports `file` (one sheet of it) as form `id` with its values into
/// projects/p/project.yaml and checks it: what the import said, the form.yaml, the project file.
fn imported(dir: &Path, file: &str, sheet: Option<&str>, id: &str) -> (String, String, String) {
    let file = root().join(file);
    let mut args = vec!["form", "import", file.to_str().unwrap(), "--id", id, "--name", id];
    args.extend(sheet.map(|s| ["--sheet", s]).into_iter().flatten());
    args.extend(["--values", "projects/p/project.yaml"]);
    let output = wenshu(&args, dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let check = wenshu(&["check"], dir);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let manifest = std::fs::read_to_string(dir.join(format!("forms/{id}/form.yaml"))).unwrap();
    let project = std::fs::read_to_string(dir.join("projects/p/project.yaml")).unwrap();
    (stdout(&output), manifest, project)
}

fn built(dir: &Path, args: &[&str]) {
    let build = wenshu(args, dir);
    assert!(build.status.success(), "{}{}", stdout(&build), stderr(&build));
}

/// The texts of one sheet's cells, formulas left out, without spaces.
fn sheet_texts(file: &Path, sheet: &str) -> Vec<String> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(file).unwrap();
    let values = book.worksheet_range(sheet).unwrap();
    let formulas = book.worksheet_formula(sheet).unwrap();
    let start = values.start().unwrap();
    let mut texts = Vec::new();
    for (row, col, value) in values.used_cells() {
        let at = (row as u32 + start.0, col as u32 + start.1);
        if formulas.get_value(at).is_some_and(|f| !f.is_empty()) {
            continue;
        }
        let text = match value {
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            _ => String::new(),
        };
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !text.is_empty() {
            texts.push(text);
        }
    }
    texts
}

/// The words pdftotext finds, each with its page and box: (text, page, x
/// from, x to, y from, y to).
fn words(pdf: &Path) -> Vec<(String, usize, f64, f64, f64, f64)> {
    let output = tool("pdftotext").args(["-bbox", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let from = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[from..from + line[from..].find('"').unwrap()].parse().unwrap()
    };
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines().map(str::trim_start) {
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            let (x0, x1, y0, y1) = (attr(line, "xMin"), attr(line, "xMax"), attr(line, "yMin"), attr(line, "yMax"));
            out.push((text.to_owned(), page, x0, x1, y0, y1));
        }
    }
    out
}

/// The columns (by the header word over each) of the ✔ on the row of `indicator`.
fn ticked_under(pdf: &Path, indicator: &str, headers: &[&str]) -> Vec<String> {
    let words = words(pdf);
    let row = words.iter().find(|w| w.0 == indicator).unwrap_or_else(|| panic!("{indicator} in the PDF"));
    let mut under = Vec::new();
    for tick in words.iter().filter(|w| w.0 == "✔" && w.1 == row.1 && w.4 < row.5 && w.5 > row.4) {
        let centre = (tick.2 + tick.3) / 2.0;
        let header = words.iter().find(|w| headers.contains(&w.0.as_str()) && w.2 <= centre && centre <= w.3);
        under.push(header.map_or("?".to_owned(), |h| h.0.clone()));
    }
    under
}

#[test]
fn the_pku_monitoring_sheet_is_read_whole_and_reprinted() {
    let dir = tempfile::tempdir().unwrap();
    let (said, manifest, project) = imported(dir.path(), PKU, Some(SHEET), "jk");
    assert!(said.contains("、14 行绩效指标 → indicators"), "{said}");
    assert!(said.contains("绩效指标表按项目的 indicators（执行监控：截至填表时 to_date"), "{said}");
    assert!(
        manifest.contains(
            "columns: [other, level1, level2, indicator, target, to_date, expected, causes.经费保障, causes.制度保障, \
             causes.人员保障, causes.硬件条件保障, causes.其他, reason, likelihood.确定能, likelihood.有可能, \
             likelihood.完全不可能, note]"
        ),
        "{manifest}"
    );
    assert!(manifest.contains("{ key: annual_goal, label: 年度总体目标, type: prose"), "{manifest}");
    // The funds lines' mid-year figures are the project's: fields, money in 万元 and rates.
    for field in [
        "{ key: executed, label: 其中：财政拨款 / 1-7月执行数, type: money, required: false }",
        "{ key: execution_rate, label: 其中：财政拨款 / 1-7月执行率, type: rate, required: false }",
        "{ key: full_year_executed_3, label: 其他资金 / 全年预计执行数, type: money, required: false }",
        "{ ref: K9, line: 1, text: '{executed:wan}'",
    ] {
        assert!(manifest.contains(field), "{field} in {manifest}");
    }
    for line in ["  executed: 0.00万元\n  execution_rate: '0.00%'\n  full_year_executed: 0.00万元\n"] {
        assert!(project.contains(line), "{line} in {project}");
    }
    // 主管部门及代码 [105]教育部 answers its label (the blank corner under it is the funds block's).
    assert!(manifest.contains("{ key: department_code, label: 主管部门及代码, from: project.department"), "{manifest}");
    assert!(project.contains("\ndepartment: '[105]教育部'\n"), "{project}");
    let template = std::fs::read_to_string(dir.path().join("forms/jk/template.typ.j2")).unwrap();
    assert!(!template.contains("教育部"), "{template}");
    assert!(!template.contains("0.00") && !template.contains("0\\.00"), "{template}");
    // Its goal is merged B12:Q19 and again B13:Q19 … B19:Q19: the largest
    // range is the cell, the goal in it the value of 年度总体目标.
    assert!(project.contains("  annual_goal: 完成校园足球运动技术动画20集的设计制作与播出\n"), "{project}");
    let first = "  - level1: 产出指标\n    groups:\n      - level2: 成本指标\n        items:\n          \
                 - { indicator: 成本节约率, target: ≥0, to_date: 一般, expected: '100%', \
                 reason: 制作5集样片，下半年会集中出版, likelihood: 确定能, note: 前半年设计后半年开发审核出版。 }\n";
    assert!(project.contains(first), "{project}");
    assert!(project.contains("      - level2: 校园用户满意度\n        items:\n          - { indicator: 媒体播出满意度, target: 很满意, to_date: 一般"), "{project}");
    built(dir.path(), &["build", "--only", "jk"]);
    let pdf = dir.path().join("out/p/jk.pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "成本节约率≥0一般100%制作5集样片，下半年会集中出版✔前半年设计后半年开发审核出版。",
        "完成动画短剧的制作20集一般100%",
        "媒体播出满意度很满意一般100%",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert_eq!(text.matches('✔').count(), 14, "{text}");
    // Its ✔ under 确定能, on the row of 成本节约率 (whose name wraps; its 指标值 does not).
    assert_eq!(ticked_under(&pdf, "≥0", &["确定能", "有可能", "完全不"]), ["确定能"]);
    // The reprint prints the sheet's texts.
    let texts = sheet_texts(&root().join(PKU), SHEET);
    let missing: Vec<&String> = texts.iter().filter(|t| !text.contains(t.as_str())).collect();
    let share = (texts.len() - missing.len()) as f64 / texts.len() as f64;
    eprintln!("PKU 执行监控: {} of {} texts reprinted; missing {missing:?}", texts.len() - missing.len(), texts.len());
    assert!(share >= 0.95, "{:.1}% printed; missing {missing:?}", share * 100.0);
    // The original filled: the monitoring columns in their cells, ✔ in 确定能 (N).
    built(dir.path(), &["build", "--only", "jk", "--xlsx"]);
    let filled = dir.path().join("out/p/jk.xlsx");
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&filled).unwrap();
    let range = book.worksheet_range(SHEET).unwrap();
    let cell = |r: u32, c: u32| range.get_value((r - 1, c - 1)).map(|v| v.to_string()).unwrap_or_default();
    let row22: Vec<String> = (4..=17).map(|c| cell(22, c)).collect();
    assert_eq!(
        row22,
        [
            "成本节约率",
            "≥0",
            "一般",
            "100%",
            "",
            "",
            "",
            "",
            "",
            "制作5集样片，下半年会集中出版",
            "✔",
            "",
            "",
            "前半年设计后半年开发审核出版。"
        ]
    );
}

#[test]
fn the_word_monitoring_form_ticks_its_causes_and_likelihood() {
    let dir = tempfile::tempdir().unwrap();
    let (_, manifest, project) = imported(dir.path(), F13, None, "f13");
    assert!(manifest.contains("to_date, expected, causes.经费保障"), "{manifest}");
    assert!(project.contains("\ndepartment: '[312]某区民政局'\n"), "{project}");
    assert!(project.contains("  executed: 32.80万元\n  execution_rate: '58.16%'\n"), "{project}");
    // 年度总体目标 over 年度目标 | 1-7月执行情况: the goal and its progress are values too.
    assert!(project.contains("  annual_goal: '全年完成个案服务不少于45个、"), "{project}");
    assert!(project.contains("  status: 完成个案服务26个、小组活动5个、社区活动13场；"), "{project}");
    assert!(manifest.contains("{ key: status, label: 1-7月执行情况, type: text"), "{manifest}");
    assert!(
        project.contains(
            "          - { indicator: 小组活动, target: ≥12个, to_date: 5个, expected: 12个, causes: [人员保障], \
             reason: 社工离职，岗位空缺两个月, likelihood: 有可能, note: 已补招 }\n"
        ),
        "{project}"
    );
    assert!(
        project.contains("causes: [硬件条件保障], reason: 活动场地维修，停用一个月, likelihood: 有可能"),
        "{project}"
    );
    built(dir.path(), &["build", "--only", "f13", "--docx"]);
    let pdf = dir.path().join("out/p/f13.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("小组活动≥12个5个12个✔社工离职，岗位空缺两个月✔已补招"), "{text}");
    let headers = ["人员", "有可", "确", "经", "硬件", "完全", "其", "制度"];
    assert_eq!(ticked_under(&pdf, "小组活动", &headers), ["人员", "有可"]);
    assert_eq!(ticked_under(&pdf, "个案服务", &headers), ["确"]);
    // The filled original: its cells as the sample's, ✔ in the same ones.
    let row_of = |file: &Path| -> Vec<String> {
        let bytes = std::fs::read(file).unwrap();
        let grid = first_table(wenshu::authoring::import::docx::parse(&bytes).unwrap().blocks);
        row(&grid, cell(&grid, "小组活动").row).into_iter().map(str::to_owned).collect()
    };
    let filled = row_of(&dir.path().join("out/p/f13.docx"));
    assert_eq!(filled.iter().filter(|c| *c == "✔").count(), 2, "{filled:?}");
    assert_eq!(filled, row_of(&root().join(F13)));
}

#[test]
fn check_refuses_a_likelihood_or_cause_not_on_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, project) = imported(dir.path(), F13, None, "f13");
    let edited = project.replacen("likelihood: 确定能", "likelihood: 肯定能", 1).replacen(
        "causes: [人员保障]",
        "causes: [人手不足]",
        1,
    );
    std::fs::write(dir.path().join("projects/p/project.yaml"), &edited).unwrap();
    let check = wenshu(&["check"], dir.path());
    assert!(!check.status.success());
    let said = stderr(&check) + &stdout(&check);
    // Where the word stands: its line, and its column counted in characters.
    let at = |word: &str| {
        let (n, line) = edited.lines().enumerate().find(|(_, l)| l.contains(word)).unwrap();
        format!("projects/p/project.yaml:{}:{}", n + 1, line[..line.find(word).unwrap()].chars().count() + 1)
    };
    for expected in [
        format!(
            "{}: 完成目标可能性（likelihood）：“肯定能”不是可选的值，应为 确定能 或 有可能 或 完全不可能",
            at("肯定能")
        ),
        format!(
            "{}: 偏差原因分类（causes）：“人手不足”不是可选的值，应为 经费保障 或 制度保障 或 人员保障 或 硬件条件保障 或 其他",
            at("人手不足")
        ),
    ] {
        assert!(said.contains(&expected), "{expected} in {said}");
    }
    assert!(said.contains("发现 2 个问题"), "{said}");
}

#[test]
fn a_word_in_a_tick_column_or_two_likelihoods_ticked_are_not_read_but_said() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.docx");
    // Form 13 with 是 under 经费保障 and 有可能 ticked beside 确定能 on the row of 个案服务.
    let script = r#"
import sys, docx
from docx.text.paragraph import Paragraph
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
d = docx.Document(sys.argv[1])
for row in d.tables[0].rows:
    tcs = row._tr.tc_lst
    texts = [''.join(t.text or '' for t in tc.iter(W + 't')) for tc in tcs]
    if '个案服务' in texts:
        i = texts.index('个案服务')
        for k, s in ((i + 4, '是'), (i + 11, '✔')):
            Paragraph(tcs[k].findall(W + 'p')[0], None).add_run(s)
d.save(sys.argv[2])
"#;
    python(script, &[&root().join(F13), &file]);
    let args = ["form", "import", file.to_str().unwrap(), "--id", "f13", "--values", "projects/p/project.yaml"];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let project = std::fs::read_to_string(dir.path().join("projects/p/project.yaml")).unwrap();
    let row = "          - { indicator: 个案服务, target: ≥45个, to_date: 26个, expected: 46个 }  \
               # “经费保障”格写着“是”，不是钩，没有读作 causes；完成目标可能性钩了 确定能、有可能，没有读：likelihood 只写一项\n";
    assert!(project.contains(row), "{project}");
    let check = wenshu(&["check"], dir.path());
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
}
