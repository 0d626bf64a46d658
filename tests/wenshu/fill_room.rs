//! A value longer than the original's cell of fixed height (Word's exact
//! row height) holds: `check` and `build --docx` warn, naming the project
//! file, the value's line and the field's label, and still succeed.

use std::path::Path;

use crate::*;

/// A Word form written with python-docx: a table whose rows are exactly
/// 18pt high, a label and an empty cell 4cm wide on each.
fn fixed_form(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("固定行高.docx");
    let script = r#"
import docx, sys
from docx.shared import Pt, Cm
from docx.enum.table import WD_ROW_HEIGHT_RULE
d = docx.Document()
d.add_paragraph('项目申报表')
t = d.add_table(rows=2, cols=2)
t.style = 'Table Grid'
for row, label in zip(t.rows, ['项目名称', '负责人']):
    row.height = Pt(18)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    row.cells[0].text = label
    row.cells[0].width = Cm(3)
    row.cells[1].width = Cm(4)
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_value_too_long_for_a_fixed_cell_is_a_warning_at_its_line() {
    let made = tempfile::tempdir().unwrap();
    let file = fixed_form(made.path());
    let (dir, manifest) = imported_funder(&file);
    assert!(manifest.contains("height: 18,"), "{manifest}");
    // 48 characters: 3 lines of the table grid's 3-inch column at 五号; the row holds one.
    long_name_project(&dir);
    let warning = "提醒：“项目名称”（资助方表格）在原件中放不下（约 3 行，格高只容 1 行）";
    let checked = wenshu(&["check"], dir.path());
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("project.yaml:6:"), "{}", stderr(&checked));
    assert!(stderr(&checked).contains(warning), "{}", stderr(&checked));
    assert_eq!(stderr(&checked).matches("提醒").count(), 1, "张三 fits: {}", stderr(&checked));
    let built = wenshu(&["build", "--only", "资助方表格", "--docx"], dir.path());
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stderr(&built).contains(warning), "{}", stderr(&built));
    assert!(dir.path().join("out/t/资助方表格.docx").exists());
}

/// An Excel form written with openpyxl: a label and a cell to fill on each
/// row, the rows 15pt high of their own (`customHeight`).
fn fixed_sheet(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("固定行高.xlsx");
    let script = r#"
import openpyxl, sys
from openpyxl.styles import Border, Side
wb = openpyxl.Workbook()
ws = wb.active
thin = Side(style='thin')
ws['A1'] = '项目申报表'
for r, label in [(2, '项目名称'), (3, '负责人')]:
    ws.cell(r, 1, label)
    for c in (1, 2):
        ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.row_dimensions[r].height = 15
ws.column_dimensions['A'].width = 12
ws.column_dimensions['B'].width = 30
wb.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn an_excel_row_of_its_own_height_warns_too() {
    let made = tempfile::tempdir().unwrap();
    let file = fixed_sheet(made.path());
    let (dir, manifest) = imported_funder(&file);
    assert!(manifest.contains("ref: B2") && manifest.contains("height: 15,"), "{manifest}");
    long_name_project(&dir);
    let built = wenshu(&["build", "--only", "资助方表格", "--xlsx"], dir.path());
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stderr(&built).contains("project.yaml:6:"), "{}", stderr(&built));
    assert!(stderr(&built).contains("“项目名称”（资助方表格）在原件中放不下"), "{}", stderr(&built));
    assert_eq!(stderr(&built).matches("提醒").count(), 1, "张三 fits: {}", stderr(&built));
}

/// `file` imported as 资助方表格 into a fresh repository, and its form.yaml.
fn imported_funder(file: &Path) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let output =
        wenshu(&["form", "import", file.to_str().unwrap(), "--id", "funder", "--name", "资助方表格"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join("forms/funder/form.yaml")).unwrap();
    (dir, manifest)
}

/// A project whose 负责人 (张三) fits its cell and whose 项目名称 (48
/// characters) does not.
fn long_name_project(dir: &tempfile::TempDir) {
    let catalog = wenshu::parts::catalog(Some(&dir.path().join("forms"))).unwrap();
    let form = catalog.forms.iter().find(|f| f.id == "funder").unwrap();
    let key = |label: &str| form.fields.iter().find(|f| f.label == label).map(|f| f.key.clone()).unwrap();
    let section = form.section.clone().unwrap();
    let long = "社区老年人居家养老服务与邻里互助网络建设项目第二期".repeat(2);
    let yaml = format!(
        "version: 1\nyear: 2024\nname: 测试项目\n{section}:\n  {}: 张三\n  {}: {long}\n",
        key("负责人"),
        key("项目名称")
    );
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    std::fs::write(dir.path().join("projects/t/project.yaml"), &yaml).unwrap();
}

/// A Word form whose list rows and indicator rows are exactly 18pt high:
/// 团队成员 (序号, 姓名, 职责) and 绩效指标 (一级, 二级, 三级, 指标值).
fn fixed_rows_form(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("固定行高的明细.docx");
    let script = r#"
import docx, sys
from docx.shared import Pt, Cm
from docx.enum.table import WD_ROW_HEIGHT_RULE
d = docx.Document()
d.add_paragraph('项目申报表')
for title, heads in [('团队成员', ['序号', '姓名', '职责']), ('绩效指标', ['一级指标', '二级指标', '三级指标', '指标值'])]:
    d.add_paragraph(title)
    t = d.add_table(rows=3, cols=len(heads))
    t.style = 'Table Grid'
    for i, h in enumerate(heads):
        t.rows[0].cells[i].text = h
    for row in t.rows[1:]:
        row.height = Pt(18)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        for cell in row.cells:
            cell.width = Cm(3)
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn list_and_indicator_cells_of_fixed_height_warn_for_each_row() {
    let made = tempfile::tempdir().unwrap();
    let file = fixed_rows_form(made.path());
    let (dir, manifest) = imported_funder(&file);
    assert!(manifest.contains("cells: [{ cell: 1, height: 18,"), "{manifest}");
    let catalog = wenshu::parts::catalog(Some(&dir.path().join("forms"))).unwrap();
    let form = catalog.forms.iter().find(|f| f.id == "funder").unwrap();
    let list = form.fields.iter().find(|f| matches!(f.kind, wenshu::forms::FieldType::Table(_))).unwrap();
    let wenshu::forms::FieldType::Table(columns) = &list.kind else { unreachable!() };
    let duty = columns.iter().find(|c| c.label == "职责").unwrap();
    let name = columns.iter().find(|c| c.label == "姓名").unwrap();
    let section = form.section.clone().unwrap();
    let long = "统筹项目执行、对接街道社区、督导一线社工并负责经费与档案管理".repeat(2);
    let yaml = format!(
        "version: 1\nyear: 2024\nname: 测试项目\n{section}:\n  {}:\n    - {{ {}: 张三, {}: 督导 }}\n    - {{ {}: 李四, {}: {long} }}\n\
         indicators:\n  - level1: 产出指标\n    groups:\n      - level2: 数量指标\n        items:\n\
         \x20         - {{ indicator: 个案服务, target: ≥45个 }}\n\
         \x20         - {{ indicator: {long}, target: ≥12个 }}\n",
        list.key, name.key, duty.key, name.key, duty.key
    );
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    std::fs::write(dir.path().join("projects/t/project.yaml"), &yaml).unwrap();
    let checked = wenshu(&["check"], dir.path());
    let said = stderr(&checked);
    assert_eq!(checked.status.code(), Some(0), "{said}");
    assert!(said.contains("project.yaml:7:"), "{said}");
    assert!(said.contains(&format!("提醒：“{}”第 2 行的“职责”（资助方表格）在原件中放不下", list.label)), "{said}");
    assert!(said.contains("project.yaml:14:"), "{said}");
    assert!(said.contains("提醒：指标“统筹项目执行"), "{said}");
    assert!(said.contains("”的“三级指标”（资助方表格）在原件中放不下"), "{said}");
    assert_eq!(said.matches("提醒").count(), 2, "张三, 督导 and 个案服务 fit: {said}");
}

/// A sheet's indicator rows grow to their text when filled, so none of
/// them is said not to fit: the PKU 执行监控表's rows are 30pt high in the
/// original and its 原因说明 and 备注 run to six lines, which the filled
/// sheet's rows hold.
#[test]
fn a_sheets_indicator_rows_grow_and_are_not_said_not_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("tests/fixtures/forms-national/pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx");
    let sheet = "项目支出绩效目标执行监控";
    let args = [
        "form",
        "import",
        file.to_str().unwrap(),
        "--sheet",
        sheet,
        "--id",
        "jk",
        "--values",
        "projects/p/project.yaml",
    ];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let built = wenshu(&["build", "--xlsx"], dir.path());
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!stderr(&built).contains("提醒"), "{}", stderr(&built));
    let mut sheet =
        zip::ZipArchive::new(std::fs::File::open(dir.path().join("out/p/项目支出绩效目标执行监控表.xlsx")).unwrap())
            .unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut sheet.by_name("xl/worksheets/sheet7.xml").unwrap(), &mut xml).unwrap();
    let row = &xml[xml.find("<row r=\"22\"").unwrap()..];
    let height: f32 = row.split("ht=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert!(height >= 60.0, "row 22 is {height}pt high: {}", &row[..80]);
}
