//! `wenshu form import`: every real form in `tests/fixtures/forms-real` (Word and
//! Excel files from public repositories; CI has them) imported and built on
//! a project holding nothing for it, its labels found in the PDF; small
//! .docx and .xlsx files written here, their fields asserted one by one;
//! and the files it must refuse, each with a message naming what is wrong.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::*;

/// A repository holding one project with nothing but what every project
/// file holds (`year` and `name` are written until they become optional).
fn repository(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    let project = format!("version: 1\nyear: 2025\nname: 测试\n{extra}");
    std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
    dir
}

fn real_forms() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms-real");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the real forms the importer is tested on)", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx" || e == "xlsx"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    files
}

/// A form folder's `name:`.
fn form_name(dir: &Path, id: &str) -> String {
    let manifest = std::fs::read_to_string(dir.join("forms").join(id).join("form.yaml")).unwrap();
    let line = manifest.lines().find(|l| l.starts_with("name: ")).unwrap();
    line["name: ".len()..].trim_matches('\'').to_owned()
}

/// Text a form leaves to be filled in: `XXX`, `{{name}}`, `……`, runs of
/// underscores; what is left of a cell's text is its label.
fn without_placeholders(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "-+._/".contains(*c));
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            let close = (i + 2..chars.len()).find(|&k| chars[k] == '}' && chars.get(k + 1) == Some(&'}'));
            if let Some(k) = close {
                i = k + 2;
                continue;
            }
        }
        if matches!(c, 'X' | 'x' | '×' | '＊' | '*' | '…' | '_' | '＿') {
            let end = (i..chars.len()).find(|&k| chars[k] != c).unwrap_or(chars.len());
            let isolated = !(i > 0 && word(chars.get(i - 1))) && !word(chars.get(end));
            if isolated && (end - i >= 2 || matches!(c, 'X' | 'x' | '×' | '…')) {
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The label texts of a file's table cells, as an independent reader sees
/// them: Word's `w:tc` text, Excel's cells that are not formulas.
pub(crate) fn labels_of(file: &Path) -> Vec<String> {
    let bytes = std::fs::read(file).unwrap();
    let texts = if file.extension().is_some_and(|e| e == "docx") { docx_cells(&bytes) } else { xlsx_cells(&bytes) };
    texts
        .iter()
        .map(|t| flat(&without_placeholders(t)))
        .filter(|t| !t.is_empty() && !t.chars().all(|c| c == '□' || c == '■'))
        .collect()
}

fn docx_cells(bytes: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cells, mut depth, mut in_text) = (Vec::new(), 0, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:tc" => {
                depth += 1;
                if depth == 1 {
                    cells.push(String::new());
                }
            }
            Event::End(e) if e.name().as_ref() == "w:tc" => depth -= 1,
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text && depth > 0 => cells.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && depth > 0 => {
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                cells.last_mut().unwrap().push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    cells
}

fn xlsx_cells(bytes: &[u8]) -> Vec<String> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let values = book.worksheet_range(&sheet).unwrap();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    let mut cells = Vec::new();
    for (row, col, value) in values.used_cells() {
        let (row, col) = (row as u32 + values.start().unwrap().0, col as u32 + values.start().unwrap().1);
        if formulas.get_value((row, col)).is_some_and(|f| !f.is_empty()) {
            continue;
        }
        cells.push(match value {
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            _ => String::new(),
        });
    }
    cells
}

/// Whether the original merges cells across columns, across rows.
fn merges_of(file: &Path) -> (bool, bool) {
    let bytes = std::fs::read(file).unwrap();
    if file.extension().is_some_and(|e| e == "docx") {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        return (xml.contains("<w:gridSpan"), xml.contains("<w:vMerge w:val=\"restart\""));
    }
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let regions: Vec<_> =
        book.merge_cells_by_sheet_name(&sheet).unwrap().into_iter().map(|d| (d.start, d.end)).collect();
    (regions.iter().any(|(s, e)| e.1 > s.1), regions.iter().any(|(s, e)| e.0 > s.0))
}

#[test]
fn every_real_form_imports_and_its_blank_form_prints_its_labels() {
    let dir = repository("");
    let mut report = Vec::new();
    for file in real_forms() {
        let id = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let output = wenshu(&["form", "import", file.to_str().unwrap()], dir.path());
        assert!(output.status.success(), "{id}: {}", stderr(&output));
        assert!(stdout(&output).contains("都可不写"), "{}", stdout(&output));
        let name = form_name(dir.path(), &id);
        let output = wenshu(&["build", "--only", &name], dir.path());
        assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
        let text = pdf_text(&dir.path().join(format!("out/t/{name}.pdf")));
        // A filled form's values are fields: import_values reprints them with --values.
        let labels = if id.starts_with("tianjin") {
            labels_of(&file).into_iter().filter(|l| !l.starts_with("项目名称：")).take(8).collect()
        } else {
            labels_of(&file)
        };
        let missing: Vec<&String> = labels.iter().filter(|l| !text.contains(l.as_str())).collect();
        let share = (labels.len() - missing.len()) as f64 / labels.len() as f64;
        report.push(format!(
            "{id}: {} of {} labels ({:.1}%)",
            labels.len() - missing.len(),
            labels.len(),
            share * 100.0
        ));
        assert!(share >= 0.95, "{id}: {:.1}% of labels printed; missing {missing:?}", share * 100.0);
        let template = std::fs::read_to_string(dir.path().join("forms").join(&id).join("template.typ.j2")).unwrap();
        let (across, down) = merges_of(&file);
        assert!(!across || template.contains("colspan: "), "{id}: no colspan in\n{template}");
        assert!(!down || template.contains("rowspan: "), "{id}: no rowspan in\n{template}");
    }
    eprintln!("{}", report.join("\n"));
}

// ---------------------------------------------------------------------------
// Forms written here.

/// A .docx holding `body` (WordprocessingML), the least Word reads.
pub(crate) fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    )
    .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

pub(crate) fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn title(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"36\"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"
    )
}

/// A cell: `span` columns, `merge` `restart`/`continue` or none.
pub(crate) fn tc(text: &str, span: usize, merge: Option<&str>) -> String {
    let span = if span > 1 { format!("<w:gridSpan w:val=\"{span}\"/>") } else { String::new() };
    let merge = merge.map_or(String::new(), |m| format!("<w:vMerge w:val=\"{m}\"/>"));
    format!("<w:tc><w:tcPr>{span}{merge}</w:tcPr>{}</w:tc>", p(text))
}

pub(crate) fn table(widths: &[u32], rows: &[Vec<String>]) -> String {
    let grid: String = widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect();
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .map(|s| format!("<w:{s} w:val=\"single\" w:sz=\"4\"/>"))
        .concat();
    let rows: String = rows.iter().map(|cells| format!("<w:tr>{}</w:tr>", cells.concat())).collect();
    format!(
        "<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )
}

/// The fields of the imported form, as wenshu reads its manifest back.
fn fields_of(dir: &Path, id: &str) -> Vec<String> {
    let catalog = wenshu::parts::catalog(Some(&dir.join("forms"))).unwrap_or_else(|e| panic!("{}", lines(&e)));
    let form = catalog.forms.iter().find(|f| f.id == id).unwrap();
    let describe = |f: &wenshu::forms::Field| {
        let extra = match &f.kind {
            wenshu::forms::FieldType::Choice(values) => format!("[{}]", values.join("/")),
            wenshu::forms::FieldType::Table(columns) => {
                let columns: Vec<String> =
                    columns.iter().map(|c| format!("{}:{}:{}", c.key, c.label, c.kind.name())).collect();
                format!("[{}]", columns.join(", "))
            }
            _ => String::new(),
        };
        assert!(!f.required, "{} is required", f.key);
        format!("{}:{}:{}{extra}", f.key, f.label, f.kind.name())
    };
    form.fields.iter().map(describe).collect()
}

#[test]
fn a_word_form_with_merges_options_placeholders_and_indicators() {
    let body = [
        title("测试申报表"),
        p("填报日期：　　年　月　日"),
        table(
            &[2000, 3000, 2000, 3000],
            &[
                vec![tc("项目名称", 1, None), tc("XXX", 3, None)],
                vec![tc("申报单位", 1, None), tc("", 1, None), tc("联系电话", 1, None), tc("{{tel}}", 1, None)],
                vec![tc("项目类型", 1, None), tc("新增项目□ 延续项目□", 3, None)],
                vec![
                    tc("资金", 1, Some("restart")),
                    tc("金额：　　元", 1, None),
                    tc("资金来源", 1, None),
                    tc("", 1, None),
                ],
                vec![tc("", 1, Some("continue")), tc("其中财政", 1, None), tc("", 2, None)],
            ],
        ),
        p("二、绩效指标"),
        table(
            &[2000, 2000, 4000, 2000],
            &[
                vec![tc("一级指标", 1, None), tc("二级指标", 1, None), tc("三级指标", 1, None), tc("指标值", 1, None)],
                vec![tc("", 1, None), tc("", 1, None), tc("", 1, None), tc("", 1, None)],
                vec![tc("", 1, None), tc("", 1, None), tc("", 1, None), tc("", 1, None)],
            ],
        ),
        p("负责人签字：　　　　　　　年　月　日"),
    ]
    .concat();
    let indicators = "indicators:\n  - level1: 产出指标\n    groups:\n      - level2: 数量指标\n        items:\n          - { indicator: 探访困难群众, target: 800人次 }\n";
    let dir = repository(indicators);
    std::fs::write(dir.path().join("测试申报表.docx"), docx(&body)).unwrap();
    let output = wenshu(&["form", "import", "测试申报表.docx", "--id", "test-form"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("已从 测试申报表.docx 导入“测试申报表”：forms/test-form"), "{}", stdout(&output));
    assert_eq!(
        fields_of(dir.path(), "test-form"),
        [
            "fill_date:填报日期:date",
            "project_name:项目名称:text",
            "applicant:申报单位:text",
            "tel:联系电话:text",
            "project_type:项目类型:choice[新增项目/延续项目]",
            "amount:金额:money",
            "fund_source:资金来源:text",
            "of_which_finance:其中财政:text",
            "leader_signature_date:负责人签字日期:date",
        ]
    );
    let manifest = std::fs::read_to_string(dir.path().join("forms/test-form/form.yaml")).unwrap();
    // No `needs`: a project holding only `version: 1` prints the blank form.
    assert!(manifest.contains("section: test_form\nfields:\n"), "{manifest}");
    let template = std::fs::read_to_string(dir.path().join("forms/test-form/template.typ.j2")).unwrap();
    for expected in [
        "term(rowspan: 2)[#continued(\"import-end-",
        "colspan: 3",
        "preprinted(\"indicators2\", project.indicators",
        "#continued(",
    ] {
        assert!(template.contains(expected), "{expected}:\n{template}");
    }

    // The blank form: nothing of the form's own in the project.
    let output = wenshu(&["build", "--only", "测试申报表"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&dir.path().join("out/t/测试申报表.pdf"));
    for expected in [
        "测试申报表",
        "填报日期：年月日",
        "新增项目□延续项目□",
        "金额：元",
        "探访困难群众800人次",
        "负责人签字：年月日",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // Filled in.
    let filled = format!(
        "{indicators}test_form:\n  project_name: 社区长者服务\n  project_type: 延续项目\n  amount: 12万元\n  fill_date: 2025年3月1日\n"
    );
    std::fs::write(dir.path().join("projects/t/project.yaml"), format!("version: 1\nyear: 2025\nname: 测试\n{filled}"))
        .unwrap();
    let output = wenshu(&["build", "--only", "测试申报表"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&dir.path().join("out/t/测试申报表.pdf"));
    for expected in ["项目名称社区长者服务", "新增项目□延续项目■", "金额：120,000.00元", "填报日期：2025年3月1日"]
    {
        assert!(text.contains(expected), "{expected}: {text}");
    }
}

#[test]
fn an_excel_form_with_a_list_a_formula_and_a_note() {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("统计").unwrap();
    let ruled = Format::new().set_border(FormatBorder::Thin);
    let title = Format::new().set_bold().set_font_size(16);
    sheet.merge_range(0, 0, 0, 3, "月度服务统计表", &title).unwrap();
    sheet.write_with_format(1, 0, "单位名称", &ruled).unwrap();
    sheet.merge_range(1, 1, 1, 3, "", &ruled).unwrap();
    for (c, header) in ["序号", "服务内容", "人次", "金额（元）"].iter().enumerate() {
        sheet.write_with_format(2, c as u16, *header, &ruled).unwrap();
    }
    for r in 3..6u32 {
        sheet.write_with_format(r, 0, (r - 2) as f64, &ruled).unwrap();
        for c in 1..4 {
            sheet.write_blank(r, c, &ruled).unwrap();
        }
    }
    sheet.merge_range(6, 0, 6, 1, "合计", &ruled).unwrap();
    sheet.write_formula_with_format(6, 2, "=SUM(C4:C6)", &ruled).unwrap();
    sheet.write_blank(6, 3, &ruled).unwrap();
    sheet.write(8, 0, "注：本表一式两份").unwrap();
    for (c, width) in [6.0, 30.0, 10.0, 14.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width).unwrap();
    }
    book.add_worksheet().set_name("说明").unwrap();
    let dir = repository("");
    std::fs::write(dir.path().join("monthly-2025.xlsx"), book.save_to_buffer().unwrap()).unwrap();

    let output = wenshu(&["form", "import", "monthly-2025.xlsx", "--sheet", "统计", "--name", "月报"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        fields_of(dir.path(), "monthly-2025-sheet1"),
        [
            "organization:单位名称:text",
            "services_list:服务内容等:table[services:服务内容:text, person_times:人次:text, amount:金额（元）:money]",
            "total_person_times:合计 / 人次:text",
            "total_amount:合计 / 金额（元）:money",
        ]
    );
    let template = std::fs::read_to_string(dir.path().join("forms/monthly-2025-sheet1/template.typ.j2")).unwrap();
    assert!(template.contains("columns: (39.0fr, 165.0fr, 60.0fr, 81.0fr)"), "{template}");
    assert!(template.contains("{%- set count1 = [rows1 | length, 3] | max %}"), "{template}");
    let output = wenshu(&["build", "--only", "月报"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&dir.path().join("out/t/月报.pdf"));
    for expected in ["月度服务统计表", "单位名称", "序号服务内容人次金额（元）123合计", "注：本表一式两份"]
    {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // A list grows with the project's rows; its numbers follow.
    std::fs::write(
        dir.path().join("projects/t/project.yaml"),
        "version: 1\nyear: 2025\nname: 测试\nmonthly_2025_sheet1:\n  services_list:\n    - { services: 探访, amount: 300元 }\n    - { services: 小组 }\n    - { services: 讲座 }\n    - { services: 义诊, person_times: '40' }\n",
    )
    .unwrap();
    let output = wenshu(&["build", "--only", "月报"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&dir.path().join("out/t/月报.pdf"));
    assert!(text.contains("1探访300.002小组3讲座4义诊40合计"), "{text}");
}

#[test]
fn files_it_cannot_import_are_named_with_what_is_wrong() {
    let dir = repository("");
    let at = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let output = wenshu(&["form", "import", name], dir.path());
        assert!(!output.status.success(), "{name}");
        stderr(&output)
    };
    let text = at("损坏.docx", b"not a zip");
    assert!(text.contains("损坏.docx: 不是 zip 压缩包"), "{text}");
    let text = at("无表格.docx", &docx(&p("只有一段文字")));
    assert!(text.contains("无表格.docx: 文档中没有表格"), "{text}");
    let text = at("表.pdf", b"%PDF");
    assert!(text.contains("只能导入 Word 或 Excel 表格"), "{text}");

    // A zip bomb stops at 20 MB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..21 {
        zip.write_all(&chunk).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 200_000);
    let text = at("炸弹.docx", &bomb);
    assert!(text.contains("word/document.xml 解压后超过 20 MB"), "{text}");

    // A sheet that is not there: the sheets that are.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("封面").unwrap().write(0, 0, "x").unwrap();
    book.add_worksheet().set_name("明细").unwrap();
    std::fs::write(dir.path().join("两表.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    let output = wenshu(&["form", "import", "两表.xlsx", "--sheet", "汇总"], dir.path());
    assert!(stderr(&output).contains("没有名为“汇总”的工作表，这个文件的工作表：封面、明细"), "{}", stderr(&output));

    // An old .doc without LibreOffice: how to convert it.
    std::fs::write(dir.path().join("旧表.doc"), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .args(["form", "import", "旧表.doc"])
        .current_dir(dir.path())
        .env("PATH", "")
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("这是旧版 Word 格式（.doc）"), "{text}");
    assert!(text.contains("soffice --headless --convert-to docx 旧表.doc"), "{text}");

    // An existing folder is never overwritten.
    std::fs::write(dir.path().join("a.docx"), docx(&table(&[1000], &[vec![tc("甲", 1, None)]]))).unwrap();
    assert!(wenshu(&["form", "import", "a.docx"], dir.path()).status.success());
    let output = wenshu(&["form", "import", "a.docx"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("forms/a: 这个表格文件夹已经存在，不会覆盖"), "{}", stderr(&output));
}

/// The parts of a zip, by name.
fn parts_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn mangled_forms_are_refused_or_read_never_a_panic() {
    use wenshu::authoring::import::{Format, read};
    // A small linear congruential generator: the same cases on every run.
    let mut seed: u64 = 20261127;
    let mut next = |below: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % below.max(1)
    };
    for file in real_forms() {
        let bytes = std::fs::read(&file).unwrap();
        let format = if file.extension().is_some_and(|e| e == "docx") { Format::Docx } else { Format::Xlsx };
        assert!(read(&bytes, format, None).is_ok(), "{}", file.display());
        // The file cut short, or with bytes changed.
        for _ in 0..10 {
            let _ = read(&bytes[..next(bytes.len())], format, None);
            let mut flipped = bytes.clone();
            for _ in 0..8 {
                let at = next(flipped.len());
                flipped[at] ^= 1 << next(8);
            }
            let _ = read(&flipped, format, None);
        }
        // A valid zip whose XML has pieces cut out of it.
        let parts = parts_of(&bytes);
        for _ in 0..40 {
            let mut mangled = parts.clone();
            for (_, data) in mangled.iter_mut().filter(|(n, _)| n.ends_with(".xml")) {
                let text = String::from_utf8_lossy(data).into_owned();
                let chars: Vec<char> = text.chars().collect();
                let start = next(chars.len());
                let end = (start + 1 + next(300)).min(chars.len());
                *data = chars[..start].iter().chain(&chars[end..]).collect::<String>().into_bytes();
            }
            // What reads is written out as a template minijinja parses.
            if let Ok(plan) = read(&zip_of(&mangled), format, None) {
                let names = wenshu::authoring::import::write::Names { name: "表", section: "s", file: "f", date: "d" };
                let files = wenshu::authoring::import::files(&plan, &names, None);
                let parsed = wenshu::typeset::render::Templates::from_sources([("t", files.template.as_str())]);
                assert!(parsed.is_ok(), "{}: {:?}\n{}", file.display(), parsed.err(), files.template);
            }
        }
    }
}
