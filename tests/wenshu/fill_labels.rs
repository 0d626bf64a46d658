//! The national 绩效目标表 and 自评表 filled in the funder's own Word file
//! (#30): their indicator blocks print 一级/二级 labels of their own, and
//! each project indicator goes in a row of its 二级 — rows copied when a
//! 二级 has more indicators than the form prints, the merges down the block
//! grown over them — read back by wenshu's reader and python-docx, and
//! converted by LibreOffice.

use std::path::{Path, PathBuf};

use wenshu::authoring::import::grid::Grid;

use crate::fill_sheets::{cell, first_table, libreoffice_converts, row};
use crate::national::{INDICATORS, generated, import, national_yantian, repository};
use crate::*;

/// Builds form `id` with `--docx`: the filled file's path.
fn build_docx(dir: &Path, id: &str) -> PathBuf {
    let output = wenshu(&["build", "--only", id, "--docx"], dir);
    assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
    dir.join(format!("out/t/{id}.docx"))
}

/// The first table of a Word file, as wenshu reads it back.
fn table(file: &Path) -> Grid {
    first_table(wenshu::authoring::import::docx::parse(&std::fs::read(file).unwrap()).unwrap().blocks)
}

/// Every entry but `word/document.xml` is the original's, byte for byte.
fn others_unchanged(original: &Path, filled: &Path) {
    let read = |p: &Path| std::fs::read(p).unwrap();
    crate::fill::other_entries_unchanged(&read(original), &read(filled), "word/document.xml");
}

#[test]
fn indicators_fill_the_rows_of_their_printed_labels_and_grow_them() {
    let dir = repository(INDICATORS);
    import(dir.path(), &generated("01"), "f01", &[]);
    let manifest = std::fs::read_to_string(dir.path().join("forms/f01/form.yaml")).unwrap();
    assert!(manifest.contains("- ['产出指标', '数量指标', 2]"), "{manifest}");
    let before = table(&dir.path().join("forms/f01/original.docx"));
    let file = build_docx(dir.path(), "f01");
    let grid = table(&file);
    // 数量指标 prints two rows, the project has three: one row more.
    assert_eq!(grid.rows(), before.rows() + 1);
    let quantity = cell(&grid, "数量指标");
    assert_eq!(quantity.rowspan, 3);
    assert_eq!(row(&grid, quantity.row)[2..], ["个案服务", "≥45个"]);
    assert_eq!(row(&grid, quantity.row + 1), ["小组活动", "≥12个"]);
    assert_eq!(row(&grid, quantity.row + 2), ["社区活动", "≥6场"]);
    // The merges down the block grew: 产出指标 over 3+2+1+1 rows, the
    // vertical 绩效指标 over the header and every row.
    assert_eq!((cell(&grid, "产出指标").row, cell(&grid, "产出指标").rowspan), (quantity.row, 7));
    assert_eq!(cell(&grid, "绩效指标").rowspan, cell(&before, "绩效指标").rowspan + 1);
    // The form's 质量指标 rows stay blank; 服务对象满意度 goes under the
    // form's 服务对象满意度指标, its second row blank.
    let quality = cell(&grid, "质量指标");
    assert_eq!((quality.row, quality.rowspan), (quantity.row + 3, 2));
    assert_eq!(row(&grid, quality.row)[1..], ["", ""]);
    let satisfaction = cell(&grid, "服务对象满意度指标");
    assert_eq!(row(&grid, satisfaction.row)[2..], ["服务对象满意度", "≥90%"]);
    assert_eq!(row(&grid, satisfaction.row + 1), ["", ""]);
    others_unchanged(&dir.path().join("forms/f01/original.docx"), &file);
    // python-docx reads the same rows (merged cells repeat their text).
    let script = "import docx,sys\n\
        rows=[[c.text for c in r.cells] for r in docx.Document(sys.argv[1]).tables[0].rows]\n\
        got=[r for r in rows if '社区活动' in r]\n\
        assert len(got)==1 and got[0][1:3]==['产出指标','数量指标'] and got[0][-1]=='≥6场', got\n\
        assert rows.index(got[0])==[r[3] for r in rows].index('个案服务')+2, rows";
    python(script, &[&file]);
    libreoffice_converts(&file);
    // An indicator under a 二级 the form does not print: the PDF's error,
    // and no file written.
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    let moved = INDICATORS.replace("level2: 数量指标", "level2: 效率指标");
    std::fs::write(dir.path().join("projects/t/project.yaml"), moved).unwrap();
    let output = wenshu(&["build", "--only", "f01", "--docx"], dir.path());
    assert!(!output.status.success());
    // Said once, at the project file's line, as for the PDF.
    let said = stderr(&output);
    assert!(
        said.contains(
            "projects/t/project.yaml:5:17: 指标“个案服务”的一级指标“产出指标”/二级指标“效率指标”在“f01”上没有印"
        ),
        "{said}"
    );
    assert!(!said.contains("original.docx"), "{said}");
    assert!(!file.exists());
}

#[test]
fn a_filled_self_evaluation_has_each_indicator_scored_in_its_row() {
    let dir = repository(&national_yantian());
    import(dir.path(), &generated("05"), "f05", &[]);
    let file = build_docx(dir.path(), "f05");
    let grid = table(&file);
    // (indicator, 年度指标值, 实际完成值, 分值, 得分, 偏差原因) as the PDF prints them.
    let rows = [
        ("专业化、主题性的社工服务场次", "每月至少4场次", "52场次", "5.56", "5.56", ""),
        (
            "阳光妈妈合唱团水平",
            "专业化、国际化",
            "获市级合唱比赛银奖，尚未参加国际交流",
            "5.55",
            "3.00",
            "国际交流因疫情取消；2021年争取参加粤港澳大湾区合唱交流。",
        ),
        (
            "服务场地使用率",
            "100%",
            "96%",
            "5.55",
            "5.33",
            "2020年2月至3月因疫情暂停开放；已恢复预约开放并增加周末时段。",
        ),
        ("服务对象的投诉次数", "0", "0", "3.33", "3.33", ""),
    ];
    for (indicator, target, actual, points, score, reason) in rows {
        let r = cell(&grid, indicator).row;
        let texts = row(&grid, r);
        let at = texts.iter().position(|t| *t == indicator).unwrap();
        assert_eq!(texts[at..], [indicator, target, actual, points, score, reason], "{texts:?}");
    }
    // Six 数量指标 where the form prints two, under one merged label.
    assert_eq!(cell(&grid, "数量指标").rowspan, 6);
    assert_eq!(cell(&grid, "满意度指标").rowspan, 3);
    let pdf = pdf_text(&dir.path().join("out/t/f05.pdf"));
    assert!(pdf.contains("获市级合唱比赛银奖，尚未参加国际交流5.553.00"), "{pdf}");
    libreoffice_converts(&file);
}

/// A Word 自评表 whose indicator rows are all the project's: python-docx
/// writes a header and three blank rows.
fn scored_form(dir: &Path) -> PathBuf {
    let path = dir.join("自评表.docx");
    let script = r#"
import docx, sys
d = docx.Document()
d.add_paragraph('项目自评表')
heads = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']
t = d.add_table(rows=4, cols=len(heads))
t.style = 'Table Grid'
for i, h in enumerate(heads):
    t.rows[0].cells[i].text = h
d.save(sys.argv[1])
"#;
    python(script, &[&path]);
    path
}

#[test]
fn a_simple_indicator_block_carries_the_year_end_figures() {
    let dir = repository(&national_yantian());
    let form = scored_form(dir.path());
    import(dir.path(), &form, "self", &[]);
    let manifest = std::fs::read_to_string(dir.path().join("forms/self/form.yaml")).unwrap();
    assert!(
        manifest.contains("columns: [level1, level2, indicator, target, actual, points, score, reason]"),
        "{manifest}"
    );
    let file = build_docx(dir.path(), "self");
    let grid = table(&file);
    let r = cell(&grid, "阳光妈妈合唱团水平").row;
    assert_eq!(
        row(&grid, r)[row(&grid, r).len() - 6..],
        [
            "阳光妈妈合唱团水平",
            "专业化、国际化",
            "获市级合唱比赛银奖，尚未参加国际交流",
            "5.55",
            "3.00",
            "国际交流因疫情取消；2021年争取参加粤港澳大湾区合唱交流。"
        ]
    );
    let r = cell(&grid, "服务对象的投诉次数").row;
    assert_eq!(row(&grid, r), ["服务对象的投诉次数", "0", "0", "3.33", "3.33", ""]);
    // Before the year-end evaluation, what the project wrote: as the PDF.
    let planned = national_yantian();
    let planned = &planned[..planned.find("\nevaluation:").expect("the example evaluates")];
    std::fs::write(dir.path().join("projects/t/project.yaml"), planned).unwrap();
    let grid = table(&build_docx(dir.path(), "self"));
    let r = cell(&grid, "服务对象的投诉次数").row;
    assert_eq!(row(&grid, r), ["服务对象的投诉次数", "0", "0", "", "", ""]);
    let pdf = pdf_text(&dir.path().join("out/t/self.pdf"));
    assert!(pdf.contains("服务对象的投诉次数00"), "{pdf}");
    libreoffice_converts(&file);
}

/// A filled sample (form 04) kept as the original: this year's project has
/// dropped last year's 小组活动, so its pre-printed row is emptied, never
/// left printing last year's indicator beside this year's.
#[test]
fn a_filled_samples_unused_rows_are_emptied() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &generated("04"), "f04", &["--values", "projects/p/project.yaml"]);
    let project = dir.path().join("projects/p/project.yaml");
    let text = std::fs::read_to_string(&project).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("indicator: 小组活动")).collect();
    assert_eq!(kept.len() + 1, text.lines().count(), "{text}");
    std::fs::write(&project, kept.join("\n") + "\n").unwrap();
    let output = wenshu(&["build", "projects/p", "--docx"], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let grid = table(&dir.path().join("out/p/f04.docx"));
    let first = cell(&grid, "个案服务");
    let next: Vec<&str> = row(&grid, first.row + 1).into_iter().filter(|t| !t.is_empty()).collect();
    assert!(!next.iter().any(|t| t.contains("小组活动") || t.contains("≥12")), "{next:?}");
    assert!(grid.cells.iter().all(|c| c.text != "小组活动"), "last year's indicator left in the file");
}
