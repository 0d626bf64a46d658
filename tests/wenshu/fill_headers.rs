//! Indicator blocks that are a header alone, filled in the original
//! (`build --xlsx` / `--docx`, #30): the project's indicators go in one a
//! row right under the header, as the PDF prints them — the PKU
//! workbook's three 绩效 sheets, generated form 11 (a header over a
//! sample's rows) and a Word table with a header row only.

use std::path::Path;

use crate::fill_sheets::{build_xlsx, libreoffice_converts};
use crate::national::{generated, import, national_yantian, repository};
use crate::*;

const PKU: &str = "tests/fixtures/forms-national/pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx";

const SAID: &str = "原件的指标区只有表头：填写原件时按项目的指标在表头下逐行插入";

/// openpyxl's check of a filled sheet: the header at row `header`, the
/// project's first and last indicators in the rows under it, those cells
/// bordered and not bold, and `below` the first text under the rows.
fn check_sheet(file: &Path, sheet: &str, header: usize, below: &str) {
    let script = format!(
        "import openpyxl,sys\n\
         ws=openpyxl.load_workbook(sys.argv[1])['{sheet}']\n\
         h={header}\n\
         row=lambda r: [c.value for c in ws[r]]\n\
         assert '三级指标' in row(h)+row(h-1), row(h)\n\
         first=row(h+1)\n\
         assert '产出指标' in first and '数量指标' in first, first\n\
         d=first.index('产出指标')+2\n\
         assert first[d].startswith('项目管理制度'), first\n\
         hd=ws.row_dimensions\n\
         assert hd[h+1].height and hd[h+1].height>=3*9*1.3, ('a five-line 三级指标 grows its row', hd[h+1].height)\n\
         last=row(h+20)\n\
         assert last[d]=='服务对象的投诉次数', last\n\
         for c in ws[h+1]:\n\
         \x20   assert not c.font.b and c.fill.fill_type in (None,'none'), (c.coordinate, c.font.b, c.fill.fill_type)\n\
         assert ws.cell(row=h+1, column=d+1).border.left.style=='thin'\n\
         assert any(str(m)=='B{b}:B{e}' for m in ws.merged_cells.ranges), sorted(map(str, ws.merged_cells.ranges))\n\
         after=[v for v in row(h+21) if v is not None]\n\
         assert after and str(after[0])=='{below}', after\n",
        b = header + 1,
        e = header + 10,
    );
    python(&script, &[file]);
}

#[test]
fn the_pku_sheets_take_a_row_an_indicator_under_their_header() {
    let dir = repository(&national_yantian());
    let pku = root().join(PKU);
    let sheets = [("项目支出绩效目标申报表", 14, None), ("项目支出绩效自评表", 9, Some("总分"))];
    for (k, (sheet, header, below)) in sheets.into_iter().enumerate() {
        let id = format!("pku{}", k + 1);
        let said = import(dir.path(), &pku, &id, &["--sheet", sheet]);
        assert!(said.contains(SAID), "{sheet}: {said}");
        let manifest = std::fs::read_to_string(dir.path().join(format!("forms/{id}/form.yaml"))).unwrap();
        let rows = format!("rows: [{}, {header}]   # 只有表头（第 {header} 行）", header + 1);
        assert!(manifest.contains(&rows), "{manifest}");
        let file = build_xlsx(dir.path(), &id);
        let original = std::fs::read(dir.path().join(format!("forms/{id}/original.xlsx"))).unwrap();
        let part = manifest.lines().find_map(|l| l.trim().strip_prefix("part: ")).unwrap().to_owned();
        crate::fill::other_entries_unchanged(&original, &std::fs::read(&file).unwrap(), &part);
        match below {
            Some(below) => check_sheet(&file, sheet, header, below),
            // The sheet ends at its header: nothing under the rows.
            None => {
                let script = format!(
                    "import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1])['{sheet}']\nassert ws.max_row=={}, ws.max_row",
                    header + 20
                );
                python(&script, &[&file]);
                check_sheet_rows(&file, sheet, header);
            }
        }
        libreoffice_converts(&file);
    }
}

/// `check_sheet` for a sheet with nothing under the block.
fn check_sheet_rows(file: &Path, sheet: &str, header: usize) {
    let script = format!(
        "import openpyxl,sys\n\
         ws=openpyxl.load_workbook(sys.argv[1])['{sheet}']\n\
         first=[c.value for c in ws[{header}+1]]\n\
         assert first[1:5]==['产出指标','数量指标',first[3],'各1套或一批次'] and first[3].startswith('项目管理制度'), first\n\
         assert [c.value for c in ws[{header}+20]][3]=='服务对象的投诉次数'\n\
         assert all(not c.font.b for c in ws[{header}+1])\n"
    );
    python(&script, &[file]);
}

#[test]
fn a_header_over_a_samples_rows_takes_the_projects_rows_above_them() {
    let dir = repository(&national_yantian());
    let said = import(dir.path(), &generated("11"), "f11", &[]);
    assert!(said.contains(SAID), "{said}");
    let file = build_xlsx(dir.path(), "f11");
    check_sheet(&file, "绩效指标明细表", 4, "1");
    // The sample's rows moved down twenty, the total, its merges and the
    // print area with them.
    let script = "import openpyxl,sys\n\
        ws=openpyxl.load_workbook(sys.argv[1]).active\n\
        assert ws['A91'].value=='合\u{3000}\u{3000}计' and ws['H91'].value==100, ws['A91'].value\n\
        assert ws.print_area==\"'绩效指标明细表'!$A$1:$J$91\", ws.print_area\n\
        ranges=set(map(str, ws.merged_cells.ranges))\n\
        assert 'A91:G91' in ranges and 'B25:B30' in ranges and 'A3:A4' in ranges, sorted(ranges)";
    python(script, &[&file]);
    libreoffice_converts(&file);
}

/// A Word form written with python-docx whose 绩效指标 table is a header
/// row alone: bold, shaded, repeated on each page; a line under the table.
fn word_header_only(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("表头.docx");
    let script = r#"
import docx, sys
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
d = docx.Document()
d.add_paragraph('绩效目标表')
t = d.add_table(rows=1, cols=4)
t.style = 'Table Grid'
for i, h in enumerate(['一级指标', '二级指标', '三级指标', '指标值']):
    cell = t.rows[0].cells[i]
    cell.paragraphs[0].add_run(h).bold = True
    shd = OxmlElement('w:shd'); shd.set(qn('w:fill'), 'D9D9D9'); shd.set(qn('w:val'), 'clear')
    cell._tc.get_or_add_tcPr().append(shd)
t.rows[0]._tr.get_or_add_trPr().append(OxmlElement('w:tblHeader'))
d.add_paragraph('填表说明：指标按项目填写。')
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_word_header_row_alone_takes_a_plain_row_an_indicator_under_it() {
    let dir = repository(&national_yantian());
    let form = word_header_only(dir.path());
    let said = import(dir.path(), &form, "wh", &[]);
    assert!(said.contains(SAID), "{said}");
    let output = wenshu(&["build", "--only", "wh", "--docx"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let file = dir.path().join("out/t/wh.docx");
    let original = std::fs::read(dir.path().join("forms/wh/original.docx")).unwrap();
    crate::fill::other_entries_unchanged(&original, &std::fs::read(&file).unwrap(), "word/document.xml");
    let script = "import docx,sys\n\
        from docx.oxml.ns import qn\n\
        d=docx.Document(sys.argv[1]); t=d.tables[0]\n\
        assert len(t.rows)==21, len(t.rows)\n\
        head=[c.text for c in t.rows[0].cells]\n\
        assert head==['一级指标','二级指标','三级指标','指标值'], head\n\
        first=[c.text for c in t.rows[1].cells]\n\
        assert first[:2]==['产出指标','数量指标'] and first[2].startswith('项目管理制度') and first[3]=='各1套或一批次', first\n\
        last=[c.text for c in t.rows[20].cells]\n\
        assert last[2:]==['服务对象的投诉次数','0'], last\n\
        for row in t.rows[1:]:\n\
        \x20   tr=row._tr\n\
        \x20   assert not tr.findall('.//'+qn('w:shd')) and not tr.findall('.//'+qn('w:b')) and not tr.findall('.//'+qn('w:tblHeader')), tr.xml\n\
        assert t.rows[0]._tr.findall('.//'+qn('w:b')), 'the header stays bold'\n\
        assert d.paragraphs[-1].text=='填表说明：指标按项目填写。'\n";
    python(script, &[&file]);
    crate::fill_sheets::libreoffice_converts(&file);
}

/// A Word form with its project's name in the page header too, and a
/// number in the footer the body does not ask for.
fn word_with_header(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("页眉.docx");
    let script = r#"
import docx, sys
d = docx.Document()
d.add_paragraph('申报表')
t = d.add_table(rows=2, cols=2)
t.style = 'Table Grid'
t.cell(0, 0).text = '项目名称'
t.cell(1, 0).text = '申报单位'
d.sections[0].header.paragraphs[0].text = '项目名称：＿＿＿＿＿＿'
d.sections[0].footer.paragraphs[0].text = '编号：XX'
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_blank_in_the_page_header_is_filled_with_the_bodys_field() {
    let dir = repository(&national_yantian());
    let form = word_with_header(dir.path());
    let said = import(dir.path(), &form, "hf", &[]);
    assert!(
        said.contains("原件 word/footer1.xml 中“编号”后的空白正文里没有同名的栏目：填写原件时照原样留着"),
        "{said}"
    );
    let manifest = std::fs::read_to_string(dir.path().join("forms/hf/form.yaml")).unwrap();
    assert!(
        manifest.contains("- { part: word/header1.xml, paragraph: 1, line: 1, text: '项目名称：{project_name}' }"),
        "{manifest}"
    );
    let output = wenshu(&["build", "--only", "hf", "--docx"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let file = dir.path().join("out/t/hf.docx");
    let script = "import docx,sys\n\
        d=docx.Document(sys.argv[1]); s=d.sections[0]\n\
        assert s.header.paragraphs[0].text=='项目名称：阳光家庭服务项目', s.header.paragraphs[0].text\n\
        assert s.footer.paragraphs[0].text=='编号：XX', s.footer.paragraphs[0].text\n\
        assert d.tables[0].cell(0,1).text=='阳光家庭服务项目'\n";
    python(script, &[&file]);
    // Only the body and the header changed.
    let read = |path: &Path| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(path).unwrap())).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        names
            .into_iter()
            .map(|name| {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut zip.by_name_raw(name.as_bytes()).unwrap(), &mut bytes).unwrap();
                (name, bytes)
            })
            .collect::<Vec<_>>()
    };
    let (before, after) = (read(&dir.path().join("forms/hf/original.docx")), read(&file));
    let changed: Vec<&str> = before.iter().zip(&after).filter(|(a, b)| a != b).map(|(a, _)| a.0.as_str()).collect();
    assert_eq!(changed, ["word/document.xml", "word/header1.xml"]);
    assert_eq!(before.len(), after.len());
    crate::fill_sheets::libreoffice_converts(&file);
}

/// The PKU 执行监控 sheet is a filled sample: its indicator rows hold last
/// year's indicators, 1-7月执行数, 偏差原因 and ✔ marks. Filled with this
/// year's project, the rows hold this year's indicators and nothing of
/// last year's is left beside them.
#[test]
fn a_filled_samples_indicator_rows_keep_nothing_of_last_year() {
    let dir = repository(&national_yantian());
    let pku = root().join(PKU);
    import(dir.path(), &pku, "jk", &["--sheet", "项目支出绩效目标执行监控"]);
    let file = build_xlsx(dir.path(), "jk");
    let script = "import openpyxl,sys\n\
         ws=openpyxl.load_workbook(sys.argv[1])['项目支出绩效目标执行监控']\n\
         rows=[[c.value for c in r] for r in ws.iter_rows(min_row=22, max_row=41)]\n\
         assert rows[0][1]=='产出指标' and str(rows[0][3]).startswith('项目管理制度'), rows[0]\n\
         left=[v for r in rows for v in r if v is not None and ('样片' in str(v) or v=='✔' or v=='一般')]\n\
         assert not left, left\n";
    python(script, &[&file]);
    libreoffice_converts(&file);
}
