//! The funder's own file filled in (`build --docx`, `--xlsx`): every Word
//! and Excel form of `tests/fixtures/forms-real` and `forms-generated`
//! imported, a project filling every field written, built; the filled file
//! read back (wenshu's own reader and python-docx / openpyxl) with each
//! value in its cell, every other entry of the package byte-identical to
//! the original's, and LibreOffice converting it to PDF.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use wenshu::authoring::import::grid::{Block, Origin};
use wenshu::forms::original::{Piece, Place, pieces};
use wenshu::forms::{FieldType, Form};
use wenshu::output::fill::values::Value;

use crate::*;

fn fixtures(folder: &str, extension: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// A value for every field, each its own: text `值3`, money, dates, the
/// first option of a choice, and a list two rows longer than the original's.
fn project_for(form: &Form, section: &str) -> (String, BTreeMap<String, Value>) {
    let mut yaml = format!("version: 1\nyear: 2024\nname: 测试项目\n{section}:\n");
    let mut expected = BTreeMap::new();
    for (n, field) in form.fields.iter().enumerate() {
        let (text, value) = match &field.kind {
            FieldType::Money => {
                let text = format!("{}.{:02}万元", n + 1, n % 100);
                let money = wenshu::Money::parse(&text).unwrap();
                (text, Value::Money(money))
            }
            FieldType::Date => ("2024年1月2日".to_owned(), Value::Text("2024年1月2日".to_owned())),
            // A rate (执行率, 完成率) written bare takes its %, as the PDF prints it.
            FieldType::Rate => (format!("{}", n + 2), Value::Text(format!("{}%", n + 2))),
            FieldType::Choice(values) if !values.is_empty() => (values[0].clone(), Value::Text(values[0].clone())),
            FieldType::Table(columns) => {
                let rows = form_rows(field) + 2;
                yaml.push_str(&format!("  {}:\n", field.key));
                for i in 0..rows {
                    for (j, column) in columns.iter().enumerate() {
                        let lead = if j == 0 { "    - " } else { "      " };
                        let cell = match column.kind {
                            FieldType::Money => format!("{}元", (i + 1) * 100 + j),
                            FieldType::Rate => format!("{}%", (i + 1) * 10 + j),
                            _ => format!("行{}列{}", i + 1, j + 1),
                        };
                        yaml.push_str(&format!("{lead}{}: '{cell}'\n", column.key));
                    }
                    if columns.is_empty() {
                        yaml.push_str("    - {}\n");
                    }
                }
                continue;
            }
            _ => (format!("值{}", n + 1), Value::Text(format!("值{}", n + 1))),
        };
        yaml.push_str(&format!("  {}: '{}'\n", field.key, text));
        expected.insert(field.key.clone(), value);
    }
    // An imported indicator block no longer makes indicators required (#28):
    // the original's places say the form prints them.
    if form.original.as_ref().is_some_and(|o| o.places.iter().any(|p| p.indicators)) {
        yaml.push_str(INDICATORS);
    }
    (yaml, expected)
}

/// The rows a list has in the original (its help says).
fn form_rows(field: &wenshu::forms::Field) -> usize {
    field.help.chars().filter(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap_or(1)
}

const INDICATORS: &str = "indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - { indicator: 个案服务人次, target: 200人次 }
          - { indicator: 小组活动, target: 10个 }
      - level2: 质量指标
        items:
          - { indicator: 服务对象满意度, target: ≥90% }
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - { indicator: 社区参与率, target: ≥60% }
";

/// Imports `file` into a fresh repository, fills every field and builds
/// with `flag`; the repository, the form and the filled file.
fn filled(file: &Path, flag: &str) -> (tempfile::TempDir, Form, PathBuf, BTreeMap<String, Value>) {
    let dir = tempfile::tempdir().unwrap();
    let output =
        wenshu(&["form", "import", file.to_str().unwrap(), "--id", "funder", "--name", "资助方表格"], dir.path());
    assert!(output.status.success(), "{}: {}", file.display(), stderr(&output));
    let catalog = wenshu::parts::catalog(Some(&dir.path().join("forms"))).unwrap();
    let form = catalog.forms.iter().find(|f| f.id == "funder").unwrap().clone();
    assert!(form.original.is_some(), "{}: no original kept", file.display());
    let section = form.section.clone().unwrap_or_default();
    let (yaml, expected) = project_for(&form, &section);
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    std::fs::write(dir.path().join("projects/t/project.yaml"), &yaml).unwrap();
    let output = wenshu(&["build", "--only", &form.name, flag], dir.path());
    assert!(output.status.success(), "{}: {}\n{yaml}", file.display(), stderr(&output));
    let extension = flag.trim_start_matches("--");
    let out = dir.path().join("out/t").join(format!("{}.{extension}", form.name));
    assert!(stdout(&output).contains(&format!("已生成 out/t/{}.{extension}", form.name)), "{}", stdout(&output));
    (dir, form, out, expected)
}

/// Every entry of `filled` but `part` is the original's, byte for byte, in
/// the same order.
pub(crate) fn other_entries_unchanged(original: &[u8], filled: &[u8], part: &str) {
    // The workbook's names move with rows put into a sheet: it may change too.
    let part = [part, "xl/workbook.xml"];
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut b = zip::ZipArchive::new(std::io::Cursor::new(filled)).unwrap();
    let names = |z: &zip::ZipArchive<_>| z.file_names().map(|n| n.unwrap().into_owned()).collect::<Vec<_>>();
    let (na, nb) = (names(&a), names(&b));
    assert_eq!(na, nb, "the same entries in the same order");
    for name in na.iter().filter(|n| !part.contains(&n.as_str())) {
        let raw = |z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>| {
            let mut bytes = Vec::new();
            z.by_name_raw(name.as_bytes()).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        };
        assert!(raw(&mut a) == raw(&mut b), "{name} changed");
    }
}

/// Rows the filled file has more than the original above `row` of
/// `table`: the lists grown past their rows, the indicator block remade.
/// An indicator block is remade with one row per indicator (4 here), so
/// it can also shrink; a list only grows.
fn grown(form: &Form, table: usize, row: usize) -> isize {
    let places = &form.original.as_ref().unwrap().places;
    let above = places.iter().filter(|p| p.table == Some(table) && p.rows.len() == 2 && p.rows[1] < row);
    above
        .map(|p| {
            let had = (p.rows[1] + 1) as isize - p.rows[0] as isize;
            match &p.list {
                Some(key) => {
                    let has = form.fields.iter().find(|f| &f.key == key).map_or(0, |f| form_rows(f) + 2) as isize;
                    has.max(had) - had
                }
                // Under the form's own 一级/二级: rows added past a label's.
                None if !p.labels.is_empty() => p
                    .labels
                    .iter()
                    .map(|(level1, level2, rows)| (placed_under(level1, level2) - *rows as isize).max(0))
                    .sum(),
                None => 4 - had.max(0),
            }
        })
        .sum()
}

/// The indicators of [`INDICATORS`] under a 一级/二级 a form prints.
fn placed_under(level1: &str, level2: &str) -> isize {
    match (level1, level2.trim_end_matches("指标")) {
        ("产出指标", "数量") => 2,
        ("产出指标", "质量") | ("效益指标", "社会效益") => 1,
        _ => 0,
    }
}

/// The text of the cell or paragraph a place names, in the filled file.
fn text_at(
    document: &wenshu::authoring::import::grid::SourceDocument,
    form: &Form,
    place: &Place,
    row: Option<(usize, usize)>,
) -> String {
    let wanted = match (place.paragraph, place.table) {
        (Some(p), _) => Origin::Paragraph(p - 1),
        (None, Some(t)) => {
            // A list's row `i`: its first row and `i` more.
            let (base, more) = row.unwrap_or((place.row.unwrap(), 0));
            Origin::Word {
                table: t - 1,
                row: ((base + more) as isize + grown(form, t, base) - 1) as usize,
                cell: place.cell.unwrap() - 1,
            }
        }
        _ => return String::new(),
    };
    for block in &document.blocks {
        match block {
            Block::Paragraph(p) if p.origin == Some(wanted) => return p.text.clone(),
            Block::Table(grid) => {
                if let Some(cell) = grid.cells.iter().find(|c| c.origin == Some(wanted)) {
                    return cell.text.clone();
                }
            }
            _ => {}
        }
    }
    panic!("no {wanted:?} in the filled {}", form.name)
}

/// What a line of a place must show, given the values.
fn shown(pieces: &[Piece], values: &dyn Fn(&str) -> Option<Value>) -> Vec<String> {
    pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Value { key, unit } => values(key).map(|v| v.print(unit.as_deref())),
            Piece::Option { key, value, after } if values(key).is_some_and(|v| v.print(None) == *value) => {
                Some(if *after { format!("{value}☑") } else { format!("☑{value}") })
            }
            _ => None,
        })
        .collect()
}

fn word_forms() -> Vec<PathBuf> {
    let mut files = fixtures("forms-real", "docx");
    files.extend(fixtures("forms-generated", "docx"));
    files
}

#[test]
fn every_word_form_is_filled_in_its_own_file() {
    let mut made = Vec::new();
    let mut checked = 0;
    for file in word_forms() {
        let (dir, form, out, expected) = filled(&file, "--docx");
        let original = form.original.as_ref().unwrap();
        let bytes = std::fs::read(&out).unwrap();
        other_entries_unchanged(&std::fs::read(&file).unwrap(), &bytes, "word/document.xml");
        let document = wenshu::authoring::import::docx::parse(&bytes).unwrap();
        let values = |key: &str| expected.get(key).cloned();
        for place in &original.places {
            if place.indicators || place.list.is_some() {
                continue;
            }
            let text = text_at(&document, &form, place, None);
            for value in shown(&pieces(place.text.as_deref().unwrap_or("")), &values) {
                // A Wingdings box ticked reads back as ■.
                let text = if value.contains('☑') { text.replace('■', "☑") } else { text.clone() };
                assert!(text.contains(&value), "{}: {place:?} shows {text:?}, not {value:?}", file.display());
                checked += 1;
            }
        }
        for place in original.places.iter().filter(|p| p.list.is_some()) {
            // Every row of the list, those past the original's too.
            let field = form.fields.iter().find(|f| Some(&f.key) == place.list.as_ref()).unwrap();
            for i in 0..form_rows(field) + 2 {
                for cell in place.cells.iter().filter(|c| c.text.as_deref().is_some_and(|t| t.contains('{'))) {
                    let text = text_at(&document, &form, cell, Some((place.rows[0], i)));
                    let column = pieces(cell.text.as_deref().unwrap());
                    if column.iter().any(|p| matches!(p, Piece::Number)) {
                        assert!(text.contains(&(i + 1).to_string()), "{}: row {i} numbered {text:?}", file.display());
                    } else {
                        let FieldType::Table(columns) = &field.kind else { panic!() };
                        let (key, unit) = column
                            .iter()
                            .find_map(|p| match p {
                                Piece::Value { key, unit } => Some((key.clone(), unit.clone())),
                                _ => None,
                            })
                            .unwrap();
                        let key = Some(key);
                        let j = columns.iter().position(|c| Some(&c.key) == key.as_ref()).unwrap();
                        let value = match columns[j].kind {
                            FieldType::Money => {
                                let money = wenshu::Money::parse(&format!("{}元", (i + 1) * 100 + j)).unwrap();
                                Value::Money(money).print(unit.as_deref())
                            }
                            _ => format!("行{}列{}", i + 1, j + 1),
                        };
                        assert!(text.contains(&value), "{}: list row {i} shows {text:?}, not {value}", file.display());
                    }
                    checked += 1;
                }
            }
        }
        let target = dir.path().join(format!("{}.docx", made.len()));
        std::fs::copy(&out, &target).unwrap();
        made.push((dir, target));
    }
    assert!(checked >= 100, "only {checked} values checked");
    converts_with_libreoffice_and_python(&made.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>(), "docx");
}

/// LibreOffice converts every filled file to PDF, and python-docx or
/// openpyxl opens it.
fn converts_with_libreoffice_and_python(files: &[PathBuf], kind: &str) {
    let out = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("profile").display());
    let mut command = tool("soffice");
    command.arg(profile).args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(out.path());
    let status = command.args(files).output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for file in files {
        let pdf = out.path().join(file.file_stem().unwrap()).with_extension("pdf");
        assert!(pdf.exists(), "LibreOffice did not convert {}", file.display());
    }
    let reader = if kind == "docx" {
        "import docx,sys\nfor f in sys.argv[1:]: docx.Document(f)"
    } else {
        "import openpyxl,sys\nfor f in sys.argv[1:]: openpyxl.load_workbook(f)"
    };
    let files: Vec<&Path> = files.iter().map(|f| f.as_ref()).collect();
    python(reader, &files);
}

/// A value as a sheet's cell reads back: numbers without trailing zeros.
fn same_value(cell: &str, value: &str) -> bool {
    let number = |t: &str| t.replace(',', "").parse::<f64>().ok();
    match (number(cell), number(value)) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => cell.contains(value),
    }
}

#[test]
fn every_excel_form_is_filled_in_its_own_file() {
    let mut files = fixtures("forms-real", "xlsx");
    files.extend(fixtures("forms-generated", "xlsx"));
    let mut made = Vec::new();
    let mut checked = 0;
    for file in files {
        let (dir, form, out, expected) = filled(&file, "--xlsx");
        let original = form.original.as_ref().unwrap();
        let bytes = std::fs::read(&out).unwrap();
        other_entries_unchanged(&std::fs::read(&file).unwrap(), &bytes, &original.part);
        let (document, _) = wenshu::authoring::import::xlsx::parse_sheet(&bytes, None).unwrap();
        let cells: Vec<&wenshu::authoring::import::grid::Cell> = document
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Table(grid) => grid.cells.iter().collect(),
                _ => Vec::new(),
            })
            .collect();
        // Rows put in above a row of the original, by the lists above it.
        let grown = |row: usize| -> usize {
            let lists = original.places.iter().filter(|p| p.list.is_some() && p.rows.len() == 2 && p.rows[1] < row);
            lists
                .map(|p| {
                    let field = form.fields.iter().find(|f| Some(&f.key) == p.list.as_ref()).unwrap();
                    (form_rows(field) + 2).saturating_sub(p.rows[1] + 1 - p.rows[0])
                })
                .sum()
        };
        let text_at = |reference: &str, more: usize| {
            let (r, c) = wenshu::forms::original::cell_of(reference).unwrap();
            let wanted = Origin::Sheet { row: r + more + grown(r + 1), col: c };
            cells.iter().find(|cell| cell.origin == Some(wanted)).map(|c| c.text.clone()).unwrap_or_default()
        };
        let values = |key: &str| expected.get(key).cloned();
        let sheet = {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&file).unwrap())).unwrap();
            let mut text = String::new();
            zip.by_name(&original.part).unwrap().read_to_string(&mut text).unwrap();
            text
        };
        // A cell holding a formula computes its value: it is not written.
        let formula = |reference: &str| {
            let Some(at) = sheet.find(&format!("<c r=\"{reference}\"")) else { return false };
            let cell = &sheet[at..];
            let end = cell.find("</c>").unwrap_or(0).min(cell.find("<c ").filter(|&i| i > 0).unwrap_or(usize::MAX));
            cell[..end].contains("<f")
        };
        for place in original.places.iter().filter(|p| p.list.is_none() && !p.indicators) {
            if formula(place.reference.as_deref().unwrap()) {
                continue;
            }
            let text = text_at(place.reference.as_deref().unwrap(), 0);
            for value in shown(&pieces(place.text.as_deref().unwrap_or("")), &values) {
                assert!(same_value(&text, &value), "{}: {place:?} shows {text:?}, not {value:?}", file.display());
                checked += 1;
            }
        }
        for place in original.places.iter().filter(|p| p.list.is_some()) {
            let field = form.fields.iter().find(|f| Some(&f.key) == place.list.as_ref()).unwrap();
            for i in 0..form_rows(field) + 2 {
                for cell in place.cells.iter().filter(|c| !formula(c.reference.as_deref().unwrap())) {
                    let text = text_at(cell.reference.as_deref().unwrap(), i);
                    assert!(!text.is_empty(), "{}: list row {i} of {cell:?} is empty", file.display());
                    checked += 1;
                }
            }
        }
        let target = dir.path().join(format!("{}.xlsx", made.len()));
        std::fs::copy(&out, &target).unwrap();
        made.push((dir, target));
    }
    assert!(checked >= 50, "only {checked} values checked");
    converts_with_libreoffice_and_python(&made.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>(), "xlsx");
}

/// A Word form written with python-docx: a cover line with a blank and
/// choices, and a 绩效指标 table whose blank rows are 18pt high and shaded.
fn indicator_form(dir: &Path) -> PathBuf {
    let path = dir.join("指标表.docx");
    let script = r#"
import docx, sys
from docx.shared import Pt
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
d = docx.Document()
d.add_paragraph('绩效目标申报表').runs[0].font.size = Pt(18)
d.add_paragraph('项目名称：＿＿＿＿＿＿＿＿')
d.add_paragraph('项目类型：□新项目　☑续期项目')
t = d.add_table(rows=5, cols=4)
t.style = 'Table Grid'
for i, h in enumerate(['一级指标', '二级指标', '三级指标', '指标值']):
    t.rows[0].cells[i].text = h
for row in t.rows[1:]:
    row.height = Pt(18)
    shd = OxmlElement('w:shd'); shd.set(qn('w:fill'), 'DDEEFF'); shd.set(qn('w:val'), 'clear')
    row.cells[3]._tc.get_or_add_tcPr().append(shd)
d.sections[0].header.paragraphs[0].text = '页眉：某某基金会'
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn indicator_rows_repeat_the_original_row_merged_down_as_the_pdf() {
    let made = tempfile::tempdir().unwrap();
    let file = indicator_form(made.path());
    let (dir, form, out, _) = filled(&file, "--docx");
    let original = form.original.as_ref().unwrap();
    assert!(original.places.iter().any(|p| p.indicators), "{:?}", original.places);
    let bytes = std::fs::read(&out).unwrap();
    other_entries_unchanged(&std::fs::read(&file).unwrap(), &bytes, "word/document.xml");
    let document = wenshu::authoring::import::docx::parse(&bytes).unwrap();
    let grid = document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(g) => Some(g),
            _ => None,
        })
        .unwrap();
    let cell = |text: &str| grid.cells.iter().find(|c| c.text == text).unwrap_or_else(|| panic!("no {text}"));
    assert_eq!(grid.rows(), 5, "a header and one row an indicator");
    assert_eq!((cell("产出指标").row, cell("产出指标").rowspan), (1, 3));
    assert_eq!((cell("数量指标").rowspan, cell("质量指标").rowspan, cell("效益指标").rowspan), (2, 1, 1));
    assert_eq!((cell("服务对象满意度").row, cell("≥90%").row, cell("≥90%").col), (3, 3, 3));
    // Each made row is the original's: its height and its shading.
    let xml = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut text = String::new();
        zip.by_name("word/document.xml").unwrap().read_to_string(&mut text).unwrap();
        text
    };
    assert_eq!(xml.matches("<w:trHeight").count(), 4, "{xml}");
    assert_eq!(xml.matches("w:fill=\"DDEEFF\"").count(), 4);
    // The blank on the cover and the choice (the form's first option chosen,
    // the box the original ticked cleared).
    let texts: Vec<&str> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("项目名称：值")), "{texts:?}");
    assert!(texts.contains(&"项目类型：☑新项目　□续期项目"), "{texts:?}");
    drop(dir);
}

#[test]
fn a_filled_file_is_the_same_bytes_every_build_and_rests_until_its_inputs_change() {
    let made = tempfile::tempdir().unwrap();
    let file = indicator_form(made.path());
    let (one, form, first, _) = filled(&file, "--docx");
    let (_two, _, second, _) = filled(&file, "--docx");
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(), "the same bytes in two builds");
    // The same request again finds it current; asked for all the project's
    // documents, its originals are written once for that request, then rest.
    let again = wenshu(&["build", "--only", &form.name, "--docx"], one.path());
    assert!(stdout(&again).contains("0 份"), "{}", stdout(&again));
    assert!(!stdout(&again).contains(".docx"), "nothing rebuilt: {}", stdout(&again));
    wenshu(&["build", "--docx"], one.path());
    let again = wenshu(&["build", "--docx"], one.path());
    assert!(!stdout(&again).contains(".docx"), "nothing rebuilt: {}", stdout(&again));
    // A project that fails its check writes nothing.
    let project = one.path().join("projects/t/project.yaml");
    let text = std::fs::read_to_string(&project).unwrap();
    std::fs::write(&project, text.replace("year: 2024", "year: 二〇二四")).unwrap();
    std::fs::remove_file(&first).unwrap();
    let failed = wenshu(&["build", "--docx"], one.path());
    assert!(!failed.status.success());
    assert!(!first.exists(), "no .docx written for a project that fails its check");
    // A form made with `form new` has no original: --docx says so.
    let output = wenshu(&["form", "new", "plain-form"], one.path());
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::write(&project, text).unwrap();
    let built = wenshu(&["build", "--docx"], one.path());
    assert!(stdout(&built).contains("没有原件"), "{}", stdout(&built));
    assert!(stdout(&built).contains(&format!("已生成 out/t/{}.docx", form.name)), "{}", stdout(&built));
}

#[test]
fn an_original_with_macros_is_not_kept_nor_filled() {
    let made = tempfile::tempdir().unwrap();
    let file = indicator_form(made.path());
    let macros = made.path().join("宏.docm");
    let script = "import shutil,sys,zipfile\nshutil.copy(sys.argv[1], sys.argv[2])\n\
                  zipfile.ZipFile(sys.argv[2], 'a').writestr('word/vbaProject.bin', b'macro')";
    python(script, &[&file, &macros]);
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["form", "import", macros.to_str().unwrap(), "--id", "m", "--name", "宏表格"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("没有保存原件：原件含宏"), "{}", stdout(&output));
    assert!(!dir.path().join("forms/m/original.docm").exists() && !dir.path().join("forms/m/original.docx").exists());
    let manifest = std::fs::read_to_string(dir.path().join("forms/m/form.yaml")).unwrap();
    assert!(!manifest.contains("original:"), "{manifest}");
    // Brought back by hand, it is refused when filled.
    let bytes = std::fs::read(&macros).unwrap();
    assert!(wenshu::output::fill::package::Package::open(&bytes).err().unwrap().contains("含宏"));
}
