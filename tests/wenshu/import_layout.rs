//! Imported forms keep the original's questions and labels (#29): options
//! nested in brackets are a choice of their own, belonging to the option
//! before them; a cell of options names no neighbour; filled in, the PDF
//! shows ■ and the original's .docx ☑ where the project chose.

use std::io::Read;
use std::path::Path;

use crate::import_print::{fixture, imported};
use crate::*;

/// Imports a fixture as `id` into a fresh repository whose project writes
/// `section` (YAML lines under the form's section) and builds it with its
/// original. The repository, the PDF's text and the filled .docx's text.
fn filled(name: &str, id: &str, section: &str) -> (tempfile::TempDir, String, String) {
    let dir = imported(&[]);
    let file = fixture(name);
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", id, "--name", id], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join(format!("forms/{id}/form.yaml"))).unwrap();
    let key = manifest.lines().find_map(|l| l.strip_prefix("section: ")).unwrap().to_owned();
    let project = format!("version: 1\nyear: 2025\nname: 测试\ndocuments: [{id}]\n{key}:\n{section}");
    std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
    let output = wenshu(&["build", "--only", id, "--docx"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let pdf = pdf_text(&dir.path().join(format!("out/t/{id}.pdf")));
    let docx = docx_text(&dir.path().join(format!("out/t/{id}.docx")));
    (dir, pdf, docx)
}

/// The text of a .docx's body, without whitespace.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut text = String::new();
    for part in xml.split("<w:t").skip(1) {
        let Some(open) = part.find('>') else { continue };
        if part[..open].ends_with('/') {
            continue;
        }
        let body = &part[open + 1..];
        text.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
    }
    flat(&text)
}

fn manifest_of(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("forms/{id}/form.yaml"))).unwrap()
}

#[test]
fn options_in_brackets_are_a_choice_of_the_option_before_them() {
    let section = "  invoice: 能\n  invoice_2: 税务代开\n  change: 期限变更\n";
    let (dir, pdf, docx) = filled("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx", "nested", section);
    let manifest = manifest_of(dir.path(), "nested");
    for field in [
        "{ key: invoice, label: 开具税务发票情况, type: choice, values: [能, 不能], required: false }",
        "{ key: invoice_2, label: 开具税务发票情况 / 能, when: { invoice: '能' }, type: choice, values: [有税控机, 税务代开], required: false }",
        // Options under a label in their own cell are named by it, not by the row above.
        "{ key: change, label: 变更事项, type: choice, values: [内容变更, 期限变更], required: false }",
        "{ key: change_2, label: 变更事项, type: text, required: false }",
        // An options cell above is no column header.
        "{ key: amount_requested, label: 申请金额, type: money, required: false }",
    ] {
        assert!(manifest.contains(field), "{field}:\n{manifest}");
    }
    assert!(pdf.contains("能（□有税控机■税务代开）不能□"), "{pdf}");
    assert!(pdf.contains("变更事项□内容变更■期限变更"), "{pdf}");
    assert!(docx.contains("能（□有税控机☑税务代开）不能□"), "{docx}");
    assert!(docx.contains("变更事项□内容变更☑期限变更"), "{docx}");
}

#[test]
fn a_real_forms_nested_options_and_hints_keep_their_questions() {
    let section = "  invoice: 否\n";
    let name = "beijing-2017-canlian-goumai-zhucan-fuwu-shenbaoshu-xxqu.docx";
    let (dir, pdf, docx) = filled(name, "canlian", section);
    let manifest = manifest_of(dir.path(), "canlian");
    for field in [
        "{ key: invoice, label: 开具税务发票情况, type: choice, values: [是, 否], required: false }",
        "{ key: invoice_2, label: 开具税务发票情况 / 是, when: { invoice: '是' }, type: choice, values: [有税控机, 税务代开], required: false }",
        // A bracketed hint after an option starts no question, and a line's number names none.
        "label: 残疾人, type: choice, values: [视力, 听力, 语言, 肢体, 智力, 精神, 多重],",
        "label: 非残疾人, type: choice, values: [其他],",
    ] {
        assert!(manifest.contains(field), "{field}:\n{manifest}");
    }
    assert!(pdf.contains("□是（□有税控机□税务代开）■否"), "{pdf}");
    assert!(docx.contains("□是（□有税控机□税务代开）☑否"), "{docx}");
}

/// Each line of a PDF page with its left and top, in points.
fn lines_of(pdf: &Path, page: usize) -> Vec<(f64, f64, String)> {
    let page = page.to_string();
    let output = tool("pdftotext").args(["-bbox-layout", "-f", &page, "-l", &page]).arg(pdf).arg("-").output().unwrap();
    let xml = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).map(|i| i + name.len() + 2).unwrap_or(0);
        tag[start..].split('"').next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
    };
    let mut out = Vec::new();
    for line in xml.split("<line ").skip(1) {
        let words: String = line
            .split("<word ")
            .skip(1)
            .filter_map(|w| w.split('>').nth(1)?.split('<').next().map(str::to_owned))
            .collect();
        out.push((number(line, "xMin"), number(line, "yMin"), words));
    }
    out
}

#[test]
fn a_cover_keeps_its_paragraphs_size_indentation_and_spacing() {
    let (dir, _, _) =
        filled("09-sheng-e-fucai-gongyijin-xiangmu-shenbaoshu-fengmian.docx", "cover", "  phone: '010-1'\n");
    let template = std::fs::read_to_string(dir.path().join("forms/cover/template.typ.j2")).unwrap();
    assert!(template.contains("left: 63pt))[#set text(size: 16pt"), "{template}");
    // The title keeps its 22pt (二号), bold, in the title's font, 6pt between its lines (w:before="120").
    let title = "inset: (top: 9.3pt, bottom: 3.3pt))[#set text(size: 22pt, top-edge: \"ascender\", bottom-edge: \"descender\"); #set par(leading: 6.6pt, justify: false); #align(center)[#par[#text(font: fonts.title, weight: \"bold\")[社会组织参与社区服务项目申报书]]]]";
    assert!(template.contains(title), "{template}");
    let pdf = dir.path().join("out/t/cover.pdf");
    let lines = lines_of(&pdf, 1);
    let at = |start: &str| {
        lines.iter().find(|l| l.2.starts_with(start)).cloned().unwrap_or_else(|| panic!("{start}: {lines:?}"))
    };
    let (number, unit, name, leader) = (at("项目编号"), at("申报单位"), at("项目名称"), at("项目负责人"));
    // w:ind w:left="1260": 63pt further in than the unindented 项目编号.
    assert!((unit.0 - number.0 - 63.0).abs() < 1.0, "{number:?} {unit:?}");
    assert!((name.0 - unit.0).abs() < 0.5, "{unit:?} {name:?}");
    // 16pt at 1.5 lines (w:line="360"): Word's lines 31.2pt apart.
    for (a, b) in [(&unit, &name), (&name, &leader)] {
        assert!((b.1 - a.1 - 31.2).abs() < 1.5, "{a:?} {b:?}");
    }
    // The cover is its own page: the 填表说明 starts page 2.
    assert!(crate::import_print::page_text(&pdf, 2).starts_with("填表说明"));
}

/// The fields (`- { key: … }` lines) of a form file imported as it is.
fn fields_of(name: &str, sheet: Option<&str>) -> String {
    let dir = imported(&[]);
    let file = fixture(name);
    let mut args = vec!["form", "import", file.to_str().unwrap(), "--id", "f", "--name", "f"];
    if let Some(sheet) = sheet {
        args.extend(["--sheet", sheet]);
    }
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    manifest_of(dir.path(), "f")
        .lines()
        .filter(|l| l.trim_start().starts_with("- { key:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_blank_takes_its_own_rows_label_not_a_neighbouring_cells() {
    // The cell above is the answer to 主管部门及代码 (a filled value), not a column's header.
    let pku = fields_of("pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx", Some("项目支出绩效目标申报表"));
    assert!(pku.contains("{ key: project_attribute, label: 项目属性, type: text"), "{pku}");
    // The cells above hold a date and an amount of other rows.
    let cover = fields_of("09-sheng-e-fucai-gongyijin-xiangmu-shenbaoshu-fengmian.docx", None);
    assert!(cover.contains("label: 实施期限, type: date"), "{cover}");
    assert!(cover.contains("label: 受益对象及人数, type: text"), "{cover}");
    // The amount in words is the row's amount's: 申请金额 … 万元（大写：＿＿）.
    assert!(cover.contains("label: 申请金额（大写）, type: text") && !cover.contains("万元（大写"), "{cover}");
    // Marks (✓, ☐) name nothing: the column's header does.
    let symbols = fields_of("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx", None);
    assert!(symbols.contains("{ key: review, label: 审核, type: text"), "{symbols}");
    assert!(!symbols.contains("label: ✓") && !symbols.contains("label: ☐"), "{symbols}");
}

/// The text of each page of a PDF, without whitespace, page numbers left out.
fn pages_of(pdf: &Path) -> Vec<String> {
    let pages = (1..=6).map(|n| crate::import_print::page_text(pdf, n)).take_while(|t| !t.is_empty());
    pages.map(|t| t.trim_end_matches(|c: char| "—0123456789".contains(c)).to_owned()).collect()
}

#[test]
fn an_indicator_blocks_header_under_its_vertical_label_repeats_and_never_ends_a_page() {
    // 13: the header's two rows under 绩效指标 repeat on page 2, the label goes on with （续）.
    let (dir, _, _) = filled("13-jixiao-mubiao-zhixing-jiankong-biao.docx", "monitor", "  {}\n");
    let pages = pages_of(&dir.path().join("out/t/monitor.pdf"));
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[1].starts_with("偏差原因分析完成目标可能性一级指标二级指标三级指标年度指标值"), "{}", pages[1]);
    assert!(pages[1].contains("（续）"), "{}", pages[1]);
    // 01: wherever a longer 年度总体目标 pushes the block, its header starts
    // each page the rows reach and is never the last thing on a page.
    let (dir, _, _) = filled("01-sheng-a-2021-jixiao-mubiao-shenbaobiao.docx", "target", "  {}\n");
    let manifest = manifest_of(dir.path(), "target");
    let section = manifest.lines().find_map(|l| l.strip_prefix("section: ")).unwrap().to_owned();
    let header = "一级指标二级指标三级指标指标值";
    let items: String =
        (1..=30).map(|i| format!("          - {{ indicator: 第{i}项服务场次, target: ≥{i}场 }}\n")).collect();
    for lines in [0, 52, 56, 60, 64] {
        let goal = "全年完成个案服务不少于45个。".repeat(lines);
        let project = format!(
            "version: 1\nyear: 2025\nname: 测试\ndocuments: [target]\n{section}:\n  annual_goal: '{goal}'\n\
             indicators:\n  - level1: 产出指标\n    groups:\n      - level2: 数量指标\n        items:\n{items}"
        );
        std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
        let output = wenshu(&["build", "--only", "target"], dir.path());
        assert!(output.status.success(), "{}", stderr(&output));
        let pages = pages_of(&dir.path().join("out/t/target.pdf"));
        assert!(pages.len() >= 2, "{lines}: {pages:?}");
        for (n, page) in pages.iter().enumerate() {
            if let Some(at) = page.rfind(header) {
                let after = &page[at + header.len()..];
                let row = ["服务场次", "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "满意度指标"];
                assert!(row.iter().any(|r| after.contains(r)), "{lines}: page {} ends with the header: {page}", n + 1);
            }
            let rows_before = page.find("服务场次").is_some_and(|row| page.find(header).is_none_or(|h| row < h));
            assert!(n == 0 || !rows_before, "{lines}: page {} has rows before its header: {page}", n + 1);
        }
    }
}
