//! Indicator blocks whose 一级 or 二级 label is left blank (the project
//! names it), filled in the original as blocks of the project's rows
//! (`build --xlsx` / `--docx`, #30): the project's 一级/二级 written and
//! merged down over the printed ones, the 绩效指标 label down the left
//! grown with the rows.

use std::path::{Path, PathBuf};

use crate::fill_sheets::{build_xlsx, libreoffice_converts};
use crate::national::{import, national_yantian, repository};
use crate::*;

const SAID: &str = "但有的标签留空：填写原件时这一区按项目的指标逐行填写";

/// A sheet written with openpyxl: 绩效指标 down the left of five rows,
/// 产出指标 printed over three of them, the last two's 一级 left blank.
fn blank_label_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("留空.xlsx");
    let script = r#"
import openpyxl, sys
from openpyxl.styles import Border, Side
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '目标表'
ws['A1'] = '绩效目标表'
thin = Side(style='thin')
for r in range(2, 9):
    for c in range(1, 6):
        ws.cell(row=r, column=c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
for c, h in enumerate(['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'], 1):
    ws.cell(row=2, column=c, value=h)
ws.merge_cells('A2:A7')
ws['B3'] = '产出指标'
ws.merge_cells('B3:B5')
ws.merge_cells('B6:B7')
ws['A8'] = '填表人'
wb.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_sheet_block_with_a_blank_label_takes_the_projects_rows() {
    let dir = repository(&national_yantian());
    let form = blank_label_sheet(dir.path());
    let said = import(dir.path(), &form, "blank", &[]);
    assert!(said.contains(SAID), "{said}");
    let file = build_xlsx(dir.path(), "blank");
    let original = std::fs::read(dir.path().join("forms/blank/original.xlsx")).unwrap();
    crate::fill::other_entries_unchanged(&original, &std::fs::read(&file).unwrap(), "xl/worksheets/sheet1.xml");
    // Twenty indicators in the five rows and fifteen more; no two merges overlap.
    let script = "import openpyxl,sys\n\
        ws=openpyxl.load_workbook(sys.argv[1]).active\n\
        row=lambda r: [c.value for c in ws[r]]\n\
        assert row(3)[1:3]==['产出指标','数量指标'] and row(3)[4]=='各1套或一批次', row(3)\n\
        assert row(22)[3]=='服务对象的投诉次数' and row(23)[0]=='填表人', (row(22), row(23))\n\
        ranges=sorted(map(str, ws.merged_cells.ranges))\n\
        assert 'A2:A22' in ranges and 'B3:B12' in ranges and 'B13:B19' in ranges and 'B20:B22' in ranges, ranges\n\
        cells=[set((r,c) for r in range(m.min_row,m.max_row+1) for c in range(m.min_col,m.max_col+1)) for m in ws.merged_cells.ranges]\n\
        assert all(not (a & b) for i,a in enumerate(cells) for b in cells[i+1:]), ranges";
    python(script, &[&file]);
    libreoffice_converts(&file);
}

/// The same table in Word, written with python-docx.
fn blank_label_table(dir: &Path) -> PathBuf {
    let path = dir.join("留空.docx");
    let script = r#"
import docx, sys
d = docx.Document()
d.add_paragraph('绩效目标表')
t = d.add_table(rows=6, cols=5)
t.style = 'Table Grid'
for i, h in enumerate(['绩效指标', '一级指标', '二级指标', '三级指标', '指标值']):
    t.rows[0].cells[i].text = h
t.cell(0, 0).merge(t.cell(5, 0))
t.cell(1, 1).merge(t.cell(3, 1)).text = '产出指标'
t.cell(4, 1).merge(t.cell(5, 1))
d.add_paragraph('填表人：')
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_word_block_with_a_blank_label_takes_the_projects_rows() {
    let dir = repository(&national_yantian());
    let form = blank_label_table(dir.path());
    let said = import(dir.path(), &form, "wblank", &[]);
    assert!(said.contains(SAID), "{said}");
    let output = wenshu(&["build", "--only", "wblank", "--docx"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let file = dir.path().join("out/t/wblank.docx");
    let original = std::fs::read(dir.path().join("forms/wblank/original.docx")).unwrap();
    crate::fill::other_entries_unchanged(&original, &std::fs::read(&file).unwrap(), "word/document.xml");
    let document = wenshu::authoring::import::docx::parse(&std::fs::read(&file).unwrap()).unwrap();
    let grid = document
        .blocks
        .iter()
        .find_map(|b| match b {
            wenshu::authoring::import::grid::Block::Table(g) => Some(g),
            _ => None,
        })
        .unwrap();
    let cell = |text: &str| grid.cells.iter().find(|c| c.text == text).unwrap_or_else(|| panic!("no {text}"));
    assert_eq!(grid.rows(), 21, "a header and one row an indicator");
    assert_eq!((cell("绩效指标").row, cell("绩效指标").rowspan), (0, 21));
    assert_eq!((cell("产出指标").row, cell("产出指标").rowspan), (1, 10));
    assert_eq!(cell("数量指标").rowspan, 6);
    assert_eq!(cell("服务对象的投诉次数").row, 20);
    libreoffice_converts(&file);
}
