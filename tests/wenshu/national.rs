//! Imported national 绩效 forms (财预〔2020〕10号 and provincial copies):
//! the generated forms in `tests/fixtures/forms-generated` (vertical 绩效指标
//! column, pre-printed merged 一级/二级 labels, two-level 指标值 headers,
//! notes beside the form) and the PKU workbook's three 绩效 sheets. Their
//! indicator blocks are found, keep their printed labels, and take the
//! project's indicators under them.

use std::path::{Path, PathBuf};

use crate::*;

/// A generated form by its number (`01`).
pub(crate) fn generated(number: &str) -> PathBuf {
    let dir = root().join("tests/fixtures/forms-generated");
    let mut found = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path());
    found.find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{number}-"))).unwrap()
}

const PKU: &str = "tests/fixtures/forms-national/pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx";

/// A repository holding one project, `project` its file.
pub(crate) fn repository(project: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/t")).unwrap();
    std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
    dir
}

/// Imports `file` as form `id` (named the same), returning what it said.
pub(crate) fn import(dir: &Path, file: &Path, id: &str, extra: &[&str]) -> String {
    let mut args = vec!["form", "import", file.to_str().unwrap(), "--id", id, "--name", id];
    args.extend(extra);
    let output = wenshu(&args, dir);
    assert!(output.status.success(), "{id}: {}", stderr(&output));
    stdout(&output)
}

/// Builds form `id` for the project, returning the PDF's text.
fn build(dir: &Path, id: &str) -> String {
    let output = wenshu(&["build", "--only", id], dir);
    assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
    pdf_text(&dir.join(format!("out/t/{id}.pdf")))
}

fn file(dir: &Path, id: &str, name: &str) -> String {
    std::fs::read_to_string(dir.join("forms").join(id).join(name)).unwrap()
}

#[test]
fn national_indicator_blocks_are_found_with_their_printed_labels() {
    let dir = repository("version: 1\n");
    // (form, 二级 labels the layout must keep, text beside the form that must not print)
    let cases: [(&str, &[&str], Option<&str>); 6] = [
        ("01", &["数量指标", "可持续影响指标", "服务对象满意度指标"], None),
        ("02", &["数量指标", "社会效益指标"], Some("说明")),
        ("03", &["数量指标", "成本指标"], None),
        ("05", &["数量指标", "质量指标"], None),
        ("06", &["经济成本指标", "数量指标"], None),
        ("13", &["数量指标", "社会效益指标"], None),
    ];
    for (number, labels, outside) in cases {
        let id = format!("f{number}");
        let said = import(dir.path(), &generated(number), &id, &[]);
        assert!(said.contains("绩效指标表按项目的 indicators"), "{number}: {said}");
        assert!(said.contains("印在表上原有的指标下：") && said.contains("产出指标（数量指标"), "{number}: {said}");
        let template = file(dir.path(), &id, "template.typ.j2");
        assert!(template.contains("preprinted(\"indicators1\""), "{number}: {template}");
        for label in labels {
            assert!(template.contains(&format!("{{\"level2\": \"{label}\", \"rows\": ")), "{number}: {label}");
        }
        // The rows are the project's, not anonymous fields.
        let manifest = file(dir.path(), &id, "form.yaml");
        assert!(!manifest.contains("label: 三级指标"), "{number}: {manifest}");
        assert!(!manifest.contains("needs:"), "{number}: {manifest}");
        let text = build(dir.path(), &id);
        for expected in ["产出指标", "效益指标", "满意度指标"].iter().chain(labels.iter()) {
            assert!(text.contains(expected), "{number}: {expected} in {text}");
        }
        if let Some(outside) = outside {
            assert!(!text.contains(outside) && !template.contains(outside), "{number}: {outside} printed");
        }
    }
    // The vertical label and the two-level header.
    let template = file(dir.path(), "f02", "template.typ.j2");
    // The block's header repeats on each page (a subheader of one row holding its two); 绩效指标 is cut at
    // its foot and goes on with （续）.
    let header = "table.header(level: 2,\n  table.cell(colspan: 6, inset: 0pt)[#table(columns: (";
    assert!(template.contains(header), "{template}");
    assert!(
        template.contains("stroke: none, table.cell(rowspan: 2, stroke: (top: ruled, right: ruled, left: ruled)"),
        "{template}"
    );
    let label = "term(rowspan: {{ indicators1 | length }}, stroke: (right: ruled, bottom: ruled, left: ruled))[#continued(\"import-frame-1\")[绩效指标]]";
    assert!(template.contains(label), "{template}");
    let template = file(dir.path(), "f03", "template.typ.j2");
    assert!(template.contains("term(colspan: 4)[指标值]"), "{template}");
    // 自评表: the year-end figures, from the evaluation where there is one.
    let template = file(dir.path(), "f05", "template.typ.j2");
    assert!(template.contains("(evaluated.categories if evaluated else project.indicators)"), "{template}");
    for key in ["target", "actual", "points", "score", "reason"] {
        assert!(template.contains(&format!("{{{{ row.item.{key} }}}}")), "{key}: {template}");
    }
}

pub(crate) const INDICATORS: &str = "version: 1
indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - { indicator: 个案服务, target: ≥45个 }
          - { indicator: 小组活动, target: ≥12个 }
          - { indicator: 社区活动, target: ≥6场 }
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度
        items:
          - { indicator: 服务对象满意度, target: ≥90% }
";

#[test]
fn project_indicators_go_under_the_printed_labels_and_others_are_errors() {
    let dir = repository(INDICATORS);
    import(dir.path(), &generated("01"), "f01", &[]);
    let text = build(dir.path(), "f01");
    // Three rows under 数量指标 (the form prints two), 质量指标 left empty,
    // 服务对象满意度 under the form's 服务对象满意度指标.
    for expected in ["个案服务≥45个", "小组活动≥12个", "社区活动≥6场", "服务对象满意度≥90%", "质量指标"]
    {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // An indicator under a label the form does not print: an error at the
    // project file's line, from check and from every build, no file written.
    let before = std::fs::read(dir.path().join("out/t/f01.pdf")).unwrap();
    let moved = INDICATORS
        .replace("version: 1\n", "version: 1\ndocuments: [f01]\n")
        .replace("level2: 数量指标", "level2: 效率指标")
        .replace("level1: 满意度指标", "level1: 过程指标");
    std::fs::write(dir.path().join("projects/t/project.yaml"), moved).unwrap();
    let labels = "表上有：产出指标（数量指标、质量指标、时效指标、成本指标）、效益指标（经济效益指标、社会效益指标、生态效益指标、可持续影响指标）、满意度指标（服务对象满意度指标）";
    let expected = [
        format!(
            "projects/t/project.yaml:6:17: 指标“个案服务”的一级指标“产出指标”/二级指标“效率指标”在“f01”上没有印（{labels}）：把它改成表上印的一级/二级指标，或在表格的模板中加上"
        ),
        format!(
            "projects/t/project.yaml:11:13: 指标“服务对象满意度”的一级指标“过程指标”/二级指标“服务对象满意度”在“f01”上没有印（{labels}）：把它改成表上印的一级/二级指标，或在表格的模板中加上"
        ),
    ];
    for args in [&["check"][..], &["build"], &["build", "--only", "f01"], &["build", "--docx"]] {
        let output = wenshu(args, dir.path());
        assert!(!output.status.success(), "{args:?}");
        let said = stderr(&output);
        for message in &expected {
            assert_eq!(said.matches(message.as_str()).count(), 1, "{args:?}: {message}\n{said}");
        }
        assert!(!said.contains("template.typ.j2"), "{args:?}: {said}");
        assert_eq!(std::fs::read(dir.path().join("out/t/f01.pdf")).unwrap(), before, "{args:?}");
        assert!(!dir.path().join("out/t/f01.docx").exists(), "{args:?}");
    }
}

#[test]
fn the_pku_workbook_sheets_print_the_project_indicators() {
    let dir = repository(INDICATORS);
    let pku = root().join(PKU);
    for (k, sheet) in ["项目支出绩效目标申报表", "项目支出绩效目标执行监控", "项目支出绩效自评表"].iter().enumerate()
    {
        let id = format!("pku{}", k + 1);
        let said = import(dir.path(), &pku, &id, &["--sheet", sheet]);
        assert!(said.contains("绩效指标表按项目的 indicators"), "{sheet}: {said}");
        let text = build(dir.path(), &id);
        assert!(text.contains("个案服务") && text.contains("服务对象满意度"), "{sheet}: {text}");
    }
}

/// The Yantian example with its indicators under the national 一级/二级
/// (时效指标, 满意度指标 of its own), as the 2020 自评表 prints them.
pub(crate) fn national_yantian() -> String {
    source_of(YANTIAN).replace("level2: 工作时效", "level2: 时效指标").replacen(
        "      - level2: 服务对象满意度指标",
        "  - level1: 满意度指标\n    groups:\n      - level2: 服务对象满意度指标",
        1,
    )
}

#[test]
fn an_imported_self_evaluation_prints_what_explain_computes_without_template_code() {
    let dir = repository(&national_yantian());
    let output = wenshu(&["explain", "projects/t"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let explained = stdout(&output);
    let total = explained.lines().find_map(|l| l.strip_prefix("总分 ")).unwrap();
    let (total, rest) = total.split_once(" / ").unwrap();
    let score = rest.split("预算执行率 ").nth(1).unwrap().split(' ').next().unwrap();
    assert_eq!((total, score), ("96.96", "9.73"), "{explained}");
    for (number, id) in [("05", "f05"), ("06", "f06")] {
        let said = import(dir.path(), &generated(number), id, &[]);
        for expected in
            ["年度资金总额 / 执行率 → evaluated.execution.rate", "总分 / 得分 → evaluated.total", "→ project.name"]
        {
            assert!(said.contains(expected), "{number}: {expected} in {said}");
        }
        // The blank corner before the funds' column headings asks nothing.
        assert!(!said.contains("项目资金（万元） →"), "{number}: {said}");
        let manifest = file(dir.path(), id, "form.yaml");
        assert!(manifest.contains("from: evaluated.execution.rows.0.initial, type: money"), "{manifest}");
        // 执行率 is a rate: the computed one prints with its % (97.34% below).
        assert!(manifest.contains("from: evaluated.execution.rate, type: rate"), "{manifest}");
        // No template code: the template prints the form's own fields.
        let template = file(dir.path(), id, "template.typ.j2");
        assert!(!template.contains("evaluated.execution"), "{template}");
        let text = build(dir.path(), id);
        for expected in [
            "阳光家庭服务项目".to_owned(),
            "（2020年".to_owned(),
            format!("年度资金总额56.4056.4054.901097.34%{score}"),
            format!("100{total}"),
            "5.565.56".to_owned(),
        ] {
            assert!(text.contains(&expected), "{number}: {expected} in {text}");
        }
    }
    assert!(build(dir.path(), "f05").contains("■优□良"));
}

/// The funder's own Word and Excel 自评表, filled (`build --docx`, `--xlsx`,
/// #30): the bound cells carry the figures `explain` computes, as the PDF.
#[test]
fn a_filled_self_evaluation_original_carries_the_computed_figures() {
    let dir = repository(&national_yantian());
    let mut texts = Vec::new();
    for (number, id, flag, extension) in [("05", "f05", "--docx", "docx"), ("06", "f06", "--xlsx", "xlsx")] {
        import(dir.path(), &generated(number), id, &[]);
        let output = wenshu(&["build", "--only", id, flag], dir.path());
        assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
        let name = wenshu::parts::catalog(Some(&dir.path().join("forms")))
            .unwrap()
            .forms
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
            .unwrap();
        let bytes = std::fs::read(dir.path().join(format!("out/t/{name}.{extension}"))).unwrap();
        let document = if extension == "docx" {
            wenshu::authoring::import::docx::parse(&bytes).unwrap()
        } else {
            wenshu::authoring::import::xlsx::parse_sheet(&bytes, None).unwrap().0
        };
        let mut text = String::new();
        for block in &document.blocks {
            match block {
                wenshu::authoring::import::grid::Block::Table(grid) => {
                    grid.cells.iter().for_each(|c| text.push_str(&format!("{}|", c.text)))
                }
                wenshu::authoring::import::grid::Block::Paragraph(p) => text.push_str(&format!("{}|", p.text)),
                _ => {}
            }
        }
        texts.push((id, text));
    }
    // The Word original's indicator block keeps the labels the funder
    // printed (产出指标, 数量指标 …) and takes the indicators under them,
    // with the year-end figures (tests/wenshu/fill_labels.rs has the rows).
    let (_, word) = &texts[0];
    assert!(word.contains("|产出指标|") && word.contains("|数量指标|"), "{word}");
    assert!(
        word.contains("|阳光妈妈合唱团水平|专业化、国际化|获市级合唱比赛银奖，尚未参加国际交流|5.55|3.00|"),
        "{word}"
    );
    for (id, text) in &texts {
        for expected in ["|阳光家庭服务项目|", "|97.34%|", "|9.73|", "|96.96|", "|56.40|", "|54.90|"] {
            assert!(text.contains(expected), "{id}: {expected} in {text}");
        }
    }
}

#[test]
fn amounts_print_in_the_unit_of_their_heading() {
    use crate::import::{docx, p, table, tc};
    let body = [
        p("项目资金表"),
        table(
            &[3000, 3000],
            &[
                vec![tc("项目名称", 1, None), tc("", 1, None)],
                vec![tc("项目资金（万元）", 1, None), tc("", 1, None)],
                vec![tc("其中：财政拨款（元）", 1, None), tc("", 1, None)],
            ],
        ),
    ]
    .concat();
    let project =
        "version: 1\nname: 社区服务\nfunding:\n  total: 50万元\n  fiscal: 12.5万元\n  other_funds: 37.5万元\n";
    let dir = repository(project);
    std::fs::write(dir.path().join("units.docx"), docx(&body)).unwrap();
    let said = import(dir.path(), &dir.path().join("units.docx"), "units", &[]);
    assert!(said.contains("项目资金（万元） → project.funding.total"), "{said}");
    let text = build(dir.path(), "units");
    // 50万元 under 万元 is 50.00, not 500,000.00; 12.5万元 under 元 is 125,000.00.
    assert!(text.contains("项目资金（万元）50.00"), "{text}");
    assert!(text.contains("其中：财政拨款（元）125,000.00"), "{text}");
    assert!(text.contains("项目名称社区服务"), "{text}");
}

#[test]
fn an_imported_form_is_built_for_the_projects_that_begin_it() {
    let dir = repository("version: 1\nname: 社区服务\nf01:\n  phone: 020-81234567\n");
    import(dir.path(), &generated("01"), "f01", &[]);
    import(dir.path(), &generated("05"), "f05", &[]);
    let output = wenshu(&["build"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("out/t/f01.pdf").exists());
    assert!(!dir.path().join("out/t/f05.pdf").exists(), "{}", stdout(&output));
    // The blank preview of the other, asked for by name.
    assert!(build(dir.path(), "f05").contains("项目支出绩效自评表"));
    // Named in documents.
    let named = "version: 1\nname: 社区服务\ndocuments: [f05]\n";
    std::fs::write(dir.path().join("projects/t/project.yaml"), named).unwrap();
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    let output = wenshu(&["build"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("out/t/f05.pdf").exists() && !dir.path().join("out/t/f01.pdf").exists());
}
