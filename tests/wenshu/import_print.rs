//! Imported forms print like the funder's original (#29): every real and
//! generated form imported, every field filled with long values (IDs,
//! e-mails, phone numbers, `${…}`), laid out, and checked from Typst's own
//! frames — no word crosses a cell's border, none overlaps another, none
//! leaves the page; and the form's own symbols have glyphs.

use std::path::PathBuf;

use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::Geometry;
use wenshu::forms::{Field, FieldType};

use crate::*;

/// What a person may write in a form that cannot break at a space.
const LONG: &str = "52110105MJ0123456X xmsb2022@example.org.cn 010-64281234 ${2022-1.1.1ownerScore}";

/// The form files the importer is tested on: the real ones and the
/// generated variants.
fn form_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures/forms-real", "tests/fixtures/forms-generated"] {
        let dir = root().join(dir);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx" || e == "xlsx") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    files
}

/// Every form file imported into one repository, each under its stem as id
/// and name.
pub(crate) fn imported(files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    for file in files {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", stem, "--name", stem], dir.path());
        assert!(output.status.success(), "{stem}: {}", stderr(&output));
    }
    dir
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A long value of a field's type, as YAML (flow style).
fn long_value(field: &Field) -> Option<String> {
    Some(match &field.kind {
        FieldType::Text(_) | FieldType::Prose(_) => quoted(&format!("社区服务{LONG}")),
        FieldType::Phone => "'010-64281234'".to_owned(),
        FieldType::Money => "123456.78万元".to_owned(),
        FieldType::Percent => "98.23%".to_owned(),
        FieldType::Rate => "1234.56%".to_owned(),
        FieldType::Number => "12345.678".to_owned(),
        FieldType::Year => "2025".to_owned(),
        FieldType::Integer { min, max } => (*max).or(*min).unwrap_or(1234567).to_string(),
        FieldType::Date => "2025年12月31日".to_owned(),
        FieldType::Bool => "true".to_owned(),
        FieldType::Choice(values) => quoted(values.last()?),
        FieldType::List { of, .. } => format!("[{v}, {v}]", v = long_value(of)?),
        FieldType::Table(columns) | FieldType::Group(columns) => {
            let map: Vec<String> =
                columns.iter().filter_map(|c| Some(format!("{}: {}", c.key, long_value(c)?))).collect();
            let map = format!("{{ {} }}", map.join(", "));
            if matches!(field.kind, FieldType::Table(_)) { format!("[{map}, {map}]") } else { map }
        }
        FieldType::Outline(_) | FieldType::Part(_) => return None,
    })
}

/// A run of text on a page, and the vertical lines drawn (a table's
/// borders), in points from the page's top left.
struct Page {
    runs: Vec<(f64, f64, f64, f64, String)>,
    /// `(x, y0, y1)`.
    verticals: Vec<(f64, f64, f64)>,
}

fn collect(frame: &Frame, origin: Point, page: &mut Page) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let offset = Point::new(group.transform.tx, group.transform.ty);
                collect(&group.frame, at + offset - Point::zero(), page)
            }
            FrameItem::Text(text) => {
                let size = text.size.to_pt();
                let (x, y) = (at.x.to_pt(), at.y.to_pt());
                let run = (x, y - 0.85 * size, x + text.width().to_pt(), y + 0.15 * size, text.text.to_string());
                page.runs.push(run);
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry
                    && to.x.to_pt().abs() < 0.01
                    && shape.stroke.is_some()
                {
                    let (y0, y1) = (at.y.to_pt(), at.y.to_pt() + to.y.to_pt());
                    page.verticals.push((at.x.to_pt(), y0.min(y1), y0.max(y1)));
                }
            }
            _ => {}
        }
    }
}

/// Words across a vertical border, words over each other, words off the page.
fn misplaced(document: &wenshu::typeset::compile::Document) -> Vec<String> {
    let mut found = Vec::new();
    for (n, page) in document.pages().iter().enumerate() {
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        let mut laid = Page { runs: Vec::new(), verticals: Vec::new() };
        collect(&page.frame, Point::zero(), &mut laid);
        for (x0, y0, x1, y1, text) in &laid.runs {
            if *x0 < -1.0 || *y0 < -1.0 || *x1 > width + 1.0 || *y1 > height + 1.0 {
                found.push(format!("p{}: “{text}” leaves the page ({x0:.0}, {y0:.0})–({x1:.0}, {y1:.0})", n + 1));
            }
            let crossed = laid
                .verticals
                .iter()
                .find(|(x, v0, v1)| *x > x0 + 0.5 && *x < x1 - 0.5 && v1.min(*y1) - v0.max(*y0) > 1.0);
            if let Some((x, _, _)) = crossed {
                found.push(format!("p{}: “{text}” ({x0:.1}–{x1:.1}) crosses the border at x = {x:.1}", n + 1));
            }
        }
        for (i, a) in laid.runs.iter().enumerate() {
            for b in &laid.runs[i + 1..] {
                let dx = a.2.min(b.2) - a.0.max(b.0);
                let dy = a.3.min(b.3) - a.1.max(b.1);
                let smaller = ((a.2 - a.0) * (a.3 - a.1)).min((b.2 - b.0) * (b.3 - b.1)).max(1.0);
                if dx > 0.5 && dy > 0.5 && dx * dy > 0.3 * smaller {
                    found.push(format!("p{}: “{}” overlaps “{}”", n + 1, a.4, b.4));
                }
            }
        }
    }
    found
}

#[test]
fn every_form_filled_with_long_values_keeps_each_word_in_its_cell() {
    let files = form_files();
    let dir = imported(&files);
    let workspace = wenshu::Workspace::open(Some(&dir.path().join("forms")), None).unwrap_or_else(|e| panic!("{e:?}"));
    let ids: Vec<String> = files.iter().map(|f| f.file_stem().unwrap().to_str().unwrap().to_owned()).collect();
    let forms: Vec<&wenshu::Form> = workspace.catalog().forms.iter().filter(|f| ids.contains(&f.id)).collect();
    assert_eq!(forms.len(), files.len());
    let mut source = "version: 1\nyear: 2025\nname: 测试\n".to_owned();
    for form in &forms {
        let section = form.section.as_deref().unwrap();
        source.push_str(&format!("{section}:\n"));
        // A choice nested in an option is filled with that option chosen.
        let within = |key: &str| {
            form.checks.iter().find_map(|c| match c {
                wenshu::forms::Check::Within { parent, value, .. } if parent == key => Some(quoted(value)),
                _ => None,
            })
        };
        for field in &form.fields {
            if let Some(value) = within(&field.key).or_else(|| long_value(field)) {
                source.push_str(&format!("  {}: {value}\n", field.key));
            }
        }
    }
    let loaded =
        workspace.parse(&source, "projects/t/project.yaml").unwrap_or_else(|e| panic!("{}\n{source}", lines(&e)));
    let prepared = workspace.prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    let mut report = Vec::new();
    for form in forms {
        let (_, document) =
            workspace.session(&loaded, &prepared).lay_out(form).unwrap_or_else(|e| panic!("{}", lines(&e)));
        let text = flat(&document_text(&document));
        assert!(text.contains("52110105MJ0123456X"), "{}: the long value is not printed: {text}", form.id);
        let found = misplaced(&document);
        if !found.is_empty() {
            report.push(format!("{}: {} misplaced, e.g. {:?}", form.id, found.len(), &found[..found.len().min(3)]));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// A form file of the fixtures, real or generated.
pub(crate) fn fixture(name: &str) -> PathBuf {
    let real = root().join("tests/fixtures/forms-real").join(name);
    if real.exists() { real } else { root().join("tests/fixtures/forms-generated").join(name) }
}

/// The text of one page of a PDF, without whitespace.
pub(crate) fn page_text(pdf: &std::path::Path, page: usize) -> String {
    let page = page.to_string();
    let output = crate::tool("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    flat(&String::from_utf8_lossy(&output.stdout))
}

/// Imports one fixture into a fresh repository as `id` and builds its blank form.
fn blank_form(name: &str, id: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = imported(&[]);
    std::fs::write(dir.path().join("projects/t/project.yaml"), "version: 1\nyear: 2025\nname: 测试\n").unwrap();
    let file = fixture(name);
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", id, "--name", id], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let imported = stdout(&output) + &stderr(&output);
    let output = wenshu(&["build", "--only", id], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    assert!(!stderr(&output).contains("converge"), "{}", stderr(&output));
    let pdf = dir.path().join(format!("out/t/{id}.pdf"));
    (dir, pdf, imported)
}

#[test]
fn the_forms_own_symbols_print_and_a_lone_x_is_a_letter() {
    let (dir, pdf, imported) = blank_form("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx", "symbols");
    assert!(!imported.contains("注意"), "{imported}");
    let text = pdf_text(&pdf);
    for expected in ["✓", "✗", "☑", "☐", "※", "①", "⑪", "⑳", "●", "○"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // The sample's 设备清单 rows are values (#28): printed from the project --values writes.
    let file = fixture("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx");
    let args = [
        "form",
        "import",
        file.to_str().unwrap(),
        "--id",
        "filled",
        "--name",
        "filled",
        "--values",
        "projects/v/project.yaml",
    ];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let project = std::fs::read_to_string(dir.path().join("projects/v/project.yaml")).unwrap();
    assert!(project.contains("equipment: CT、X射线机"), "{project}");
    let output = wenshu(&["build", "--only", "filled", "projects/v"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let filled = pdf_text(&dir.path().join("out/v/filled.pdf"));
    for expected in ["CT、X射线机", "✔", "※急需"] {
        assert!(filled.contains(expected), "{expected}: {filled}");
    }
    // `${…}` is a blank to fill, not text: the template prints a field there.
    let template = std::fs::read_to_string(dir.path().join("forms/symbols/template.typ.j2")).unwrap();
    assert!(!template.contains("ownerScore"), "{template}");
    // A project checks an imported form it names (#28: not every project gets every imported form).
    std::fs::write(
        dir.path().join("projects/t/project.yaml"),
        "version: 1\nyear: 2025\nname: 测试\ndocuments: [symbols]\n",
    )
    .unwrap();
    let output = wenshu(&["check", "projects/t/project.yaml"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_long_table_repeats_its_header_and_continues_its_merged_labels() {
    let (_dir, pdf, _) = blank_form("11-jixiao-zhibiao-mingxi-changbiao.xlsx", "long-table");
    let pages = (1..=5).map(|n| page_text(&pdf, n)).filter(|t| !t.is_empty()).count();
    assert!(pages >= 3, "{pages} pages");
    let mut continued = 0;
    for n in 2..=pages {
        let text = page_text(&pdf, n);
        let top: String = text.chars().take(60).collect();
        assert!(top.contains("序号一级指标二级指标三级指标指标解释"), "page {n}: {text}");
        assert!(top.contains("年度指标值中期指标值"), "page {n}: {text}");
        continued += text.matches("（续）").count();
    }
    // 产出指标 (26 rows) and 效益指标 (20 rows) each run over a page break.
    assert!(continued >= 2, "{continued} continued labels");
}

#[test]
fn a_character_no_font_has_in_the_forms_own_text_is_named_at_import_and_at_check() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let borders = "<w:tblBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/><w:bottom w:val=\"single\"/><w:right w:val=\"single\"/><w:insideH w:val=\"single\"/><w:insideV w:val=\"single\"/></w:tblBorders>";
    let body = format!(
        "<w:tbl><w:tblPr>{borders}</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>",
        cell("项目\u{20000}名称"),
        cell("")
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(document.as_bytes()).unwrap();
    let dir = imported(&[]);
    std::fs::write(
        dir.path().join("projects/t/project.yaml"),
        "version: 1\nyear: 2025\nname: 测试\ndocuments: [生僻字表]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("rare.docx"), zip.finish().unwrap().into_inner()).unwrap();
    let output = wenshu(&["form", "import", "rare.docx", "--name", "生僻字表"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let message = "表格的字“\u{20000}”（U+20000）在所有字体中都没有，会印成空白方框：请在表格模板中换用常用字，或把含有这个字的字体放进 fonts/";
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
    assert!(stderr(&output).contains("forms/rare/template.typ.j2:"), "{}", stderr(&output));
    let output = wenshu(&["check", "projects/t/project.yaml"], dir.path());
    assert!(!output.status.success());
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
}

#[test]
fn folders_are_named_before_any_conversion_and_by_sheet() {
    let dir = imported(&[]);
    // A second sheet of a workbook gets a folder of its own without --id.
    let file = fixture("12-sheng-f-fucai-xiangmu-liangge-gongzuobiao.xlsx");
    for sheet in ["项目基本信息表", "绩效目标表"] {
        let args = ["form", "import", file.to_str().unwrap(), "--sheet", sheet, "--name", sheet];
        let output = wenshu(&args, dir.path());
        assert!(output.status.success(), "{sheet}: {}", stderr(&output));
    }
    for id in
        ["12-sheng-f-fucai-xiangmu-liangge-gongzuobiao-sheet1", "12-sheng-f-fucai-xiangmu-liangge-gongzuobiao-sheet2"]
    {
        assert!(dir.path().join("forms").join(id).join("form.yaml").exists(), "{id}");
    }
    // An existing folder is refused before an old .doc is converted (no LibreOffice here).
    std::fs::create_dir_all(dir.path().join("forms/old-form")).unwrap();
    std::fs::write(dir.path().join("old-form.doc"), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .args(["form", "import", "old-form.doc"])
        .current_dir(dir.path())
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(stderr(&output).contains("forms/old-form: 这个表格文件夹已经存在，不会覆盖"), "{}", stderr(&output));
}

#[test]
fn grey_cells_numbering_and_room_to_write_are_kept_from_the_original() {
    let (dir, pdf, _) = blank_form("08-shequ-gongyi-xiangmu-shishi-fangan.docx", "plan");
    let manifest = std::fs::read_to_string(dir.path().join("forms/plan/form.yaml")).unwrap();
    assert!(!manifest.contains("受理日期"), "a grey cell to be filled by the funder became a field:\n{manifest}");
    let template = std::fs::read_to_string(dir.path().join("forms/plan/template.typ.j2")).unwrap();
    assert!(template.matches("fill: rgb(\"#D9D9D9\")").count() >= 3, "{template}");
    // Room to write: numbered lines, a blank period; a bracketed hint names nothing.
    assert!(template.contains("[1、{{ f."), "{template}");
    for label in ["label: 项目周期,", "label: 申报单位,", "label: 服务对象及人数,", "label: 调整依据, type: prose"]
    {
        assert!(manifest.contains(label), "{label}:\n{manifest}");
    }
    let text = pdf_text(&pdf);
    assert!(text.contains("受理日期"));
    // Word's automatic numbering prints as text.
    for heading in ["一、项目基本情况", "二、项目实施计划", "（一）社区需求分析", "（六）项目调整", "三、申报单位承诺"]
    {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    // The page break that ends the document leaves no blank page.
    let pages = (1..=8).take_while(|&n| !page_text(&pdf, n).is_empty()).count();
    let last = page_text(&pdf, pages);
    assert!(last.chars().filter(|c| !"—0123456789".contains(*c)).count() > 10, "blank last page {pages}: {last}");
}

#[test]
fn two_questions_in_one_cell_are_two_choices() {
    let (dir, _, _) = blank_form("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx", "questions");
    let manifest = std::fs::read_to_string(dir.path().join("forms/questions/form.yaml")).unwrap();
    for choice in ["label: 是否新增, type: choice, values: [是, 否]", "label: 是否延续, type: choice, values: [是, 否]"]
    {
        assert!(manifest.contains(choice), "{choice}:\n{manifest}");
    }
    assert!(!manifest.contains("values: [是, 否, 是, 否]"), "{manifest}");
}

#[test]
fn init_lists_the_column_keys_of_an_imported_table() {
    let (dir, _, _) = blank_form("beijing-canlian-zhenggou-xiangmu-yuebaobiao.xlsx", "monthly");
    let manifest = std::fs::read_to_string(dir.path().join("forms/monthly/form.yaml")).unwrap();
    let columns: Vec<String> = manifest
        .split("columns:")
        .nth(1)
        .unwrap_or_else(|| panic!("no table in\n{manifest}"))
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- { key: ").and_then(|k| k.split(',').next()).map(str::to_owned))
        .collect();
    assert!(columns.len() >= 2, "{manifest}");
    let output = wenshu(&["init", "projects/new", "--form", "monthly"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let project = std::fs::read_to_string(dir.path().join("projects/new/project.yaml")).unwrap();
    assert!(project.contains(&format!("# - {}:", columns[0])), "{project}");
    for column in &columns[1..] {
        assert!(project.contains(&format!("#   {column}:")), "{column}: {project}");
    }
}

#[test]
fn fields_are_named_by_their_row_and_column_headers_and_keyed_by_words() {
    let dir = imported(&[]);
    std::fs::write(dir.path().join("projects/t/project.yaml"), "version: 1\nyear: 2025\nname: 测试\n").unwrap();
    let file = fixture("pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx");
    let args =
        ["form", "import", file.to_str().unwrap(), "--sheet", "项目支出明细", "--id", "spending", "--name", "spending"];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join("forms/spending/form.yaml")).unwrap();
    for field in [
        "key: project_activity_description, label: 对项目活动的描述,",
        "key: sub_activity_description, label: 对子活动的描述,",
        "key: quantity_frequency, label: 数量/频率,",
        "key: other_transport_cost_sub_activity_description, label: 其他交通费 / 对子活动的描述,",
        "key: other_transport_cost_item_spending, label: 其他交通费 / 分项支出,",
        "key: project_activity_2, label: 项目活动,",
    ] {
        assert!(manifest.contains(field), "{field}:\n{manifest}");
    }
    assert!(!manifest.contains("key: field_"), "{manifest}");
    let output = wenshu(&["build", "--only", "spending"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let text = page_text(&dir.path().join("out/t/spending.pdf"), 1);
    assert!(text.contains("对项目活动的描述") && text.contains("其他交通费"), "{text}");
}
