//! Last year's filled form as this year's project (#28): `form import
//! FILLED --values projects/X/project.yaml` writes the blank form and a
//! project file of the filled values (the year, name and units at the top,
//! the form's own fields under its section, the indicator rows as
//! `indicators`, money as money), which passes `check` and reprints the
//! filled form; without `--values` the values are fields all the same.

use std::path::{Path, PathBuf};

use crate::*;

fn generated(number: &str) -> PathBuf {
    let dir = root().join("tests/fixtures/forms-generated");
    let mut found = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path());
    found.find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{number}-"))).unwrap()
}

/// Imports `file` as form `id` with its values into projects/p/project.yaml,
/// checks and builds it: what the import said, the project file, the PDF's text.
fn reprinted(dir: &Path, file: &Path, id: &str) -> (String, String, String) {
    let args =
        ["form", "import", file.to_str().unwrap(), "--id", id, "--name", id, "--values", "projects/p/project.yaml"];
    let output = wenshu(&args, dir);
    assert!(output.status.success(), "{id}: {}", stderr(&output));
    let project = std::fs::read_to_string(dir.join("projects/p/project.yaml")).unwrap();
    let check = wenshu(&["check"], dir);
    assert!(check.status.success(), "{id}: {}{}\n{project}", stdout(&check), stderr(&check));
    let build = wenshu(&["build", "--only", id], dir);
    assert!(build.status.success(), "{id}: {}{}", stdout(&build), stderr(&build));
    (stdout(&output), project, pdf_text(&dir.join(format!("out/p/{id}.pdf"))))
}

/// The share of the original's cell texts the reprint prints.
fn share_printed(file: &Path, text: &str) -> (f64, Vec<String>) {
    let texts = crate::import::labels_of(file);
    let missing: Vec<String> = texts.iter().filter(|t| !text.contains(t.as_str())).cloned().collect();
    let name = file.file_name().unwrap().to_string_lossy();
    eprintln!("{name}: {} of {} texts reprinted; missing {missing:?}", texts.len() - missing.len(), texts.len());
    ((texts.len() - missing.len()) as f64 / texts.len() as f64, missing)
}

#[test]
fn a_filled_word_form_becomes_a_project_file_that_reprints_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated("04");
    let (said, project, text) = reprinted(dir.path(), &file, "f04");
    assert!(said.contains("已填写的 22 个值写入 projects/p/project.yaml"), "{said}");
    assert!(said.contains("项目名称 → name") && said.contains("10 行绩效指标 → indicators"), "{said}");
    for line in [
        "year: 2021\n",
        // 填报单位（盖章）：某街道办事处 — a paragraph's value, blank in the form.
        "filing_unit: 某街道办事处\n",
        "name: 2021年某街道社工站服务项目\n",
        "department: 某区民政局\n",
        "implementer: 某街道办事处\n",
        "documents: [f04]\n",
        "f04:\n  leader: 王某某\n  phone: 020-81234567\n  annual_funds_total: 56.40万元\n",
        "  of_which: 56.40万元\n  other_funds: 0.00万元\n",
        "      - level2: 数量指标\n        items:\n          - { indicator: 个案服务, target: ≥45个 }\n",
        "          - { indicator: 社工站服务机制持续运行, target: 长期 }\n",
    ] {
        assert!(project.contains(line), "{line}\n{project}");
    }
    // The values are the form's fields, never its labels.
    let manifest = std::fs::read_to_string(dir.path().join("forms/f04/form.yaml")).unwrap();
    assert!(!manifest.contains("王某某") && manifest.contains("key: leader, label: 项目负责人"), "{manifest}");
    let template = std::fs::read_to_string(dir.path().join("forms/f04/template.typ.j2")).unwrap();
    assert!(!template.contains("某区民政局") && !template.contains("56\\.40"), "{template}");
    assert!(template.contains("填报单位（盖章）：#blank-line(8em)[{{ f.filing_unit }}]"), "{template}");
    assert!(manifest.contains("{ key: filing_unit, label: 填报单位, from: project.filing_unit"), "{manifest}");
    // Its tab before the right-aligned 金额单位 stays one in the filled original.
    assert!(
        manifest.contains("{ paragraph: 4, line: 1, text: '填报单位（盖章）：{filing_unit}\t金额单位：万元' }"),
        "{manifest}"
    );
    let build = wenshu(&["build", "--only", "f04", "--docx"], dir.path());
    assert!(build.status.success(), "{}{}", stdout(&build), stderr(&build));
    let mut filled = zip::ZipArchive::new(std::fs::File::open(dir.path().join("out/p/f04.docx")).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut filled.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(
        xml.contains("填报单位（盖章）：某街道办事处</w:t><w:tab/><w:t xml:space=\"preserve\">金额单位：万元"),
        "{xml}"
    );
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for value in
        ["（2021年度）", "2021年某街道社工站服务项目", "王某某", "020-81234567", "56.40", "个案服务≥45个", "长期"]
    {
        assert!(flat.contains(value), "{value} in {flat}");
    }
    let (share, missing) = share_printed(&file, &flat);
    assert!(share >= 0.95, "{:.1}% printed; missing {missing:?}", share * 100.0);
}

#[test]
fn a_filled_excel_self_evaluation_becomes_a_project_file_that_reprints_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated("07");
    let (said, project, text) = reprinted(dir.path(), &file, "f07");
    assert!(said.contains("个值写入 projects/p/project.yaml"), "{said}");
    for line in [
        "year: 2022\n",
        "name: 2022年某社区居家养老服务项目\n",
        "implementer: 某社会工作服务中心\n",
        "  annual_funds_total_budgeted: 48万元\n",
        "  annual_funds_total_full_year_executed: 47.15万元\n",
        "  annual_funds_total_execution_rate: '98.23%'\n",
        "          - { indicator: 上门探访服务, target: ≥2000人次, actual: 2186人次, points: 15 }\n",
    ] {
        assert!(project.contains(line), "{line}\n{project}");
    }
    // The sample's stale 总分 0 is no value.
    assert!(!project.contains("points: '0'") && !project.contains("points: 0\n"), "{project}");
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for value in
        ["（2022年）", "48.00", "47.15", "98.23%", "9.82", "上门探访服务≥2000人次2186人次15", "某社会工作服务中心"]
    {
        assert!(flat.contains(value), "{value} in {flat}");
    }
    let (share, missing) = share_printed(&file, &flat);
    assert!(share >= 0.95, "{:.1}% printed; missing {missing:?}", share * 100.0);
}

#[test]
fn without_values_a_filled_form_keeps_its_values_as_fields_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated("04");
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", "f04", "--name", "f04"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("这份表格已填写：22 个值读作栏目（不作标签文字）；加 --values"),
        "{}",
        stdout(&output)
    );
    // The blank form is the blank original's: the same fields as form 01's.
    let blank =
        wenshu(&["form", "import", generated("01").to_str().unwrap(), "--id", "f01", "--name", "f01"], dir.path());
    assert!(blank.status.success());
    let keys = |id: &str| -> Vec<String> {
        let manifest = std::fs::read_to_string(dir.path().join(format!("forms/{id}/form.yaml"))).unwrap();
        manifest.lines().filter(|l| l.contains("{ key: ")).map(str::to_owned).collect()
    };
    assert_eq!(keys("f04"), keys("f01"));
    assert!(!stdout(&blank).contains("已填写"), "{}", stdout(&blank));
}

#[test]
fn an_existing_project_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/p")).unwrap();
    std::fs::write(dir.path().join("projects/p/project.yaml"), "version: 1\n").unwrap();
    let file = generated("04");
    let args = ["form", "import", file.to_str().unwrap(), "--id", "f04", "--values", "projects/p/project.yaml"];
    let output = wenshu(&args, dir.path());
    assert!(!output.status.success());
    assert!(stderr(&output).contains("项目文件已经存在，不会覆盖"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(dir.path().join("projects/p/project.yaml")).unwrap(), "version: 1\n");
    assert!(!dir.path().join("forms/f04").exists());
}

#[test]
fn a_filled_real_list_becomes_table_rows_that_reprint_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("tests/fixtures/forms-real/tianjin-2021-gaoxiao-shebei-gouzhi-mingxibiao.docx");
    let (said, project, text) = reprinted(dir.path(), &file, "tj");
    assert!(said.contains("项目名称 → name、设备名称等 18 行 → tj.equipment_list"), "{said}");
    // 项目名称：摄影实验室 in one cell: the label stays, the name is the project's.
    assert!(project.contains("\nname: 摄影实验室\n"), "{project}");
    // Numbers stay the list's own; amounts are money in the table's 万元.
    let first = "  equipment_list:\n    - { equipment: 微单相机套机, model: XT30+XF 18-55mm F2.8-4, unit_price: '1', \
                 quantity: '2', amount: 2万元, col_7: 中国 富士 }\n";
    assert!(project.contains(first), "{project}");
    assert!(
        project.contains(
            "model: X-RITE爱色丽孟塞尔国际标准经典色卡, unit_price: '0.099', quantity: '1', amount: 0.099万元"
        )
    );
    let manifest = std::fs::read_to_string(dir.path().join("forms/tj/form.yaml")).unwrap();
    assert!(!manifest.contains("微单相机套机") && manifest.contains("type: money"), "{manifest}");
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for value in ["1微单相机套机XT30+XF18-55mmF2.8-4122.00中国富士", "18LED灯具配套用具", "合计5724.569"]
    {
        assert!(flat.contains(value), "{value} in {flat}");
    }
    // 0.099万元 prints 0.10 as every 万元 amount prints two decimals: the one text not reprinted as written.
    let (share, missing) = share_printed(&file, &flat);
    assert!(share >= 0.95, "{:.1}% printed; missing {missing:?}", share * 100.0);
}

#[test]
fn a_funds_line_binding_is_named_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated("05");
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", "f05", "--name", "f05"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    for binding in [
        "其中：当年财政拨款 / 年初预算数 → evaluated.execution.rows.0.initial",
        "上年结转资金 / 全年执行数 → evaluated.execution.rows.1.spent",
        "年度资金总额 / 执行率 → evaluated.execution.rate",
    ] {
        assert!(said.contains(binding), "{binding}: {said}");
    }
}

#[test]
fn blank_preprinted_indicator_rows_keep_the_original_height() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["form", "import", generated("01").to_str().unwrap(), "--id", "f01"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let template = std::fs::read_to_string(dir.path().join("forms/f01/template.typ.j2")).unwrap();
    // The original's indicator rows are 23pt: 13pt of text room and the cell's padding.
    let row = "[#tall(13pt)[{{ row.marker }}{{ row.item.indicator }}{{ row.marker }}]]";
    assert!(template.contains(row), "{template}");
}

#[test]
fn a_blank_form_with_values_says_it_found_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated("05");
    let args = ["form", "import", file.to_str().unwrap(), "--id", "f05", "--values", "projects/p/project.yaml"];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("没有认出填写的值（认不准的格仍印作标签）：projects/p/project.yaml 只写了 version 和 documents")
    );
    let check = wenshu(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

/// The PKU workbook's 自评表 writes its goal as one clause with no
/// punctuation under 预期目标: it is the goal's value, not a label, and the
/// blank under 实际完成情况 beside it is named by its own heading.
#[test]
fn a_goal_written_as_one_clause_is_a_value_under_its_heading() {
    let dir = tempfile::tempdir().unwrap();
    let pku = root().join("tests/fixtures/forms-real/pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx");
    let args = [
        "form",
        "import",
        pku.to_str().unwrap(),
        "--sheet",
        "项目支出绩效自评表",
        "--id",
        "pku",
        "--name",
        "pku",
        "--values",
        "projects/p/project.yaml",
    ];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("预期目标 → pku.goal"), "{}", stdout(&output));
    let manifest = std::fs::read_to_string(dir.path().join("forms/pku/form.yaml")).unwrap();
    assert!(manifest.contains("label: 预期目标, from: project.evaluation.overall.expected"), "{manifest}");
    assert!(manifest.contains("label: 实际完成情况, from: project.evaluation.overall.achieved"), "{manifest}");
    assert!(!manifest.contains("label: 完成校园足球"), "{manifest}");
    let project = std::fs::read_to_string(dir.path().join("projects/p/project.yaml")).unwrap();
    assert!(project.contains("pku:\n  goal: 完成校园足球运动技术动画20集的设计制作与播出\n"), "{project}");
    let build = wenshu(&["build", "--only", "pku"], dir.path());
    assert!(build.status.success(), "{}{}", stdout(&build), stderr(&build));
    let flat: String = pdf_text(&dir.path().join("out/p/pku.pdf")).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.contains("完成校园足球运动技术动画20集的设计制作与播出"), "{flat}");
}

/// A workbook's 自评表 whose title leads with its year, as provincial
/// exports print it: `2021年度项目支出绩效自评表`.
const TITLED_BY_YEAR: &str = r#"
import sys, openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "自评表"
side = Side(style="thin")
ws.merge_cells("A1:E1"); ws["A1"] = "2021年度项目支出绩效自评表"
ws["A1"].font = Font(name="黑体", size=16); ws["A1"].alignment = Alignment(horizontal="center")
rows = [["项目名称", "2021年某社区长者服务项目", None, None, None],
        ["主管部门", "某区民政局", "实施单位", "某社会工作服务中心", None],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "个案服务", "≥20个", "20个"], [None] * 5, [None] * 5]
for r, row in enumerate(rows, start=2):
    for c, value in enumerate(row, start=1):
        cell = ws.cell(row=r, column=c, value=value)
        cell.border = Border(left=side, right=side, top=side, bottom=side)
ws.merge_cells("B2:E2"); ws.merge_cells("D3:E3")
wb.save(sys.argv[1])
"#;

#[test]
fn a_year_leading_the_title_is_the_year_of_the_filled_form() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ziping.xlsx");
    crate::python(TITLED_BY_YEAR, &[&file]);
    let (said, project, text) = reprinted(dir.path(), &file, "zp");
    assert!(said.contains("年度 → year"), "{said}");
    assert!(project.contains("\nyear: 2021\nname: 2021年某社区长者服务项目\ndepartment: 某区民政局\n"), "{project}");
    let manifest = std::fs::read_to_string(dir.path().join("forms/zp/form.yaml")).unwrap();
    assert!(manifest.contains("{ key: year, label: 年度, from: project.year"), "{manifest}");
    // The year goes with 年度: the form is named by the rest of its title.
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", "named"], dir.path());
    assert!(stdout(&output).starts_with("已从 ziping.xlsx 导入“项目支出绩效自评表”"), "{}", stdout(&output));
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.starts_with("2021年度项目支出绩效自评表项目名称2021年某社区长者服务项目"), "{flat}");
    // The blank form asks for the year: a project of 2022 prints its own.
    std::fs::write(dir.path().join("projects/p/project.yaml"), "version: 1\nyear: 2022\n").unwrap();
    let build = wenshu(&["build", "--only", "zp"], dir.path());
    assert!(build.status.success(), "{}{}", stdout(&build), stderr(&build));
    let flat: String = pdf_text(&dir.path().join("out/p/zp.pdf")).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.starts_with("2022年度项目支出绩效自评表"), "{flat}");
}
