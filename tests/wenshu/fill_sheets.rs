//! The indicator blocks of Excel originals filled (`build --xlsx`, #30):
//! the national 自评表 sheet, whose block prints its own 一级/二级, and a
//! sheet whose rows are all the project's; rows inserted as Excel inserts
//! them, the 一级/二级 merged down over them (`mergeCells`), the formulas
//! below moved; read back by wenshu's reader and openpyxl, converted by
//! LibreOffice.

use std::path::{Path, PathBuf};

use wenshu::authoring::import::grid::{Block, Cell, Grid};

use crate::national::{generated, import, national_yantian, repository};
use crate::*;

/// Builds form `id` with `--xlsx`: the filled file's path.
pub(crate) fn build_xlsx(dir: &Path, id: &str) -> PathBuf {
    let output = wenshu(&["build", "--only", id, "--xlsx"], dir);
    assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
    dir.join(format!("out/t/{id}.xlsx"))
}

fn sheet(file: &Path) -> Grid {
    let (document, _) = wenshu::authoring::import::xlsx::parse_sheet(&std::fs::read(file).unwrap(), None).unwrap();
    first_table(document.blocks)
}

/// The first table of a document wenshu read back.
pub(crate) fn first_table(blocks: Vec<Block>) -> Grid {
    blocks
        .into_iter()
        .find_map(|b| match b {
            Block::Table(g) => Some(g),
            _ => None,
        })
        .unwrap()
}

pub(crate) fn cell<'g>(grid: &'g Grid, text: &str) -> &'g Cell {
    grid.cells.iter().find(|c| c.text == text).unwrap_or_else(|| panic!("no cell “{text}”"))
}

/// The texts of the cells starting on a row, left to right.
pub(crate) fn row(grid: &Grid, r: usize) -> Vec<&str> {
    let mut cells: Vec<&Cell> = grid.cells.iter().filter(|c| c.row == r).collect();
    cells.sort_by_key(|c| c.col);
    cells.iter().map(|c| c.text.as_str()).collect()
}

pub(crate) fn libreoffice_converts(file: &Path) {
    let out = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("profile").display());
    let mut command = tool("soffice");
    command.arg(profile).args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(out.path()).arg(file);
    let status = command.output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pdf = out.path().join(file.file_stem().unwrap()).with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice did not convert {}", file.display());
}

#[test]
fn a_self_evaluation_sheet_takes_each_indicator_under_its_printed_labels() {
    let dir = repository(&national_yantian());
    import(dir.path(), &generated("06"), "f06", &[]);
    let original = dir.path().join("forms/f06/original.xlsx");
    let before = sheet(&original);
    let file = build_xlsx(dir.path(), "f06");
    let grid = sheet(&file);
    // 数量指标 prints two rows and takes six; 质量指标 two, three; 社会效益指标
    // two, three; 可持续影响 one, two; 服务对象满意度 two, three.
    assert_eq!(grid.rows(), before.rows() + 4 + 1 + 1 + 1 + 1);
    assert_eq!(cell(&grid, "数量指标").rowspan, 6);
    assert_eq!(cell(&grid, "产出指标").rowspan, 6 + 3 + 1);
    assert_eq!(cell(&grid, "绩效指标").rowspan, cell(&before, "绩效指标").rowspan + 8);
    // Points and scores are numbers, shown in the cell's own format.
    let r = cell(&grid, "阳光妈妈合唱团水平").row;
    assert_eq!(
        row(&grid, r),
        [
            "阳光妈妈合唱团水平",
            "专业化、国际化",
            "获市级合唱比赛银奖，尚未参加国际交流",
            "5.55",
            "3",
            "国际交流因疫情取消；2021年争取参加粤港澳大湾区合唱交流。"
        ]
    );
    let r = cell(&grid, "服务对象的投诉次数").row;
    assert_eq!(cell(&grid, "服务对象满意度指标").rowspan, 3);
    assert_eq!(row(&grid, r + 1)[0], "总分");
    // The rows the project leaves alone: 成本指标's three, as printed.
    assert_eq!(row(&grid, cell(&grid, "社会成本指标").row), ["社会成本指标", "", "", "", "", "", ""]);
    crate::fill::other_entries_unchanged(
        &std::fs::read(&original).unwrap(),
        &std::fs::read(&file).unwrap(),
        "xl/worksheets/sheet1.xml",
    );
    let script = "import openpyxl,sys\n\
        ws=openpyxl.load_workbook(sys.argv[1]).active\n\
        rows=[[c.value for c in r] for r in ws.iter_rows()]\n\
        got=[r for r in rows if r[3]=='服务场地使用率']\n\
        assert len(got)==1 and got[0][4:8]==['100%','96%',5.55,5.33], got\n\
        assert any(str(m)=='C16:C21' for m in ws.merged_cells.ranges), ws.merged_cells.ranges";
    python(script, &[&file]);
    libreoffice_converts(&file);
}

/// A sheet whose indicator rows are all the project's: openpyxl writes a
/// header, three blank rows, a total under them and a print area.
fn simple_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("自评表.xlsx");
    let script = r#"
import openpyxl, sys
from openpyxl.styles import Border, Side
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '自评表'
ws['A1'] = '项目自评表'
heads = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']
thin = Side(style='thin')
for r in range(2, 7):
    for c in range(1, 8):
        ws.cell(row=r, column=c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
for c, h in enumerate(heads, 1):
    ws.cell(row=2, column=c, value=h)
ws['A6'] = '合计'
ws.merge_cells('A6:F6')
ws['G6'] = '=SUM(G3:G5)'
ws.print_area = 'A1:G6'
wb.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_sheet_of_the_projects_rows_takes_one_row_an_indicator_merged_down() {
    let dir = repository(&national_yantian());
    let form = simple_sheet(dir.path());
    import(dir.path(), &form, "self", &[]);
    let manifest = std::fs::read_to_string(dir.path().join("forms/self/form.yaml")).unwrap();
    assert!(manifest.contains("cells: [{ ref: A3, width: 49.5, size: 11 }, { ref: B3, "), "{manifest}");
    let file = build_xlsx(dir.path(), "self");
    let grid = sheet(&file);
    // Twenty indicators: the three rows and seventeen more.
    let first = cell(&grid, "产出指标");
    assert_eq!((first.row, first.rowspan), (2, 10));
    assert_eq!(cell(&grid, "数量指标").rowspan, 6);
    assert_eq!(cell(&grid, "满意度指标").row, 2 + 17);
    let r = cell(&grid, "服务场地使用率").row;
    assert_eq!(row(&grid, r), ["服务场地使用率", "100%", "96%", "5.55", "5.33"]);
    assert_eq!(row(&grid, 2 + 20)[0], "合计");
    let script = "import openpyxl,sys\n\
        wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active\n\
        assert ws['G23'].value=='=SUM(G3:G22)', ws['G23'].value\n\
        assert ws.print_area==\"'自评表'!$A$1:$G$23\", ws.print_area\n\
        assert ws['A3'].value=='产出指标' and ws['C22'].value=='服务对象的投诉次数', [c.value for c in ws['C']]";
    python(script, &[&file]);
    libreoffice_converts(&file);
}
