//! Writing a form of one's own (issue #20): what a template receives is
//! documented and typed, a blank form builds as it is, and errors point
//! into the template.

use std::path::PathBuf;

use crate::*;

const MANIFEST: &str = "\
name: 公示
title: 项目公示
section: notice
fields:
  - { key: total, label: 资金金额, type: money }
  - { key: spent, label: 已支出, type: money }
  - { key: rate, label: 完成进度, type: percent }
  - { key: bonus, label: 加分, type: percent, required: false }
  - { key: sessions, label: 节数, type: number }
  - { key: people, label: 人数, type: integer }
  - { key: kind, label: 类别, type: choice, values: [新项目, 续期项目] }
";

const PROJECT: &str = "\
version: 1
notice:
  total: 56.40万元
  spent: 14.1万元
  rate: 70%
  sessions: 12.5
  people: 5
  kind: 新项目
";

/// A workspace with the built-in forms and one more, `notice`, whose
/// template is `template`; its folder is kept for the workspace's life.
fn with_own_form(template: &str) -> (tempfile::TempDir, Workspace, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/notice");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::write(form.join("form.yaml"), MANIFEST).unwrap();
    std::fs::write(form.join("template.typ.j2"), template).unwrap();
    let workspace = Workspace::open(Some(&dir.path().join("forms")), None).unwrap();
    (dir, workspace, form.join("template.typ.j2"))
}

/// `template` rendered for [`PROJECT`], or its errors' first lines.
fn rendered(template: &str) -> Result<String, Vec<String>> {
    let (_dir, workspace, _) = with_own_form(template);
    let loaded = workspace.parse(PROJECT, "p.yaml").unwrap();
    let form = workspace.catalog().find("公示").unwrap();
    workspace.render(&loaded, form).map(|s| s.text).map_err(|e| first_lines(&e))
}

#[test]
fn money_percentages_and_numbers_print_as_forms_print_them_and_compute() {
    let out = rendered("{{ form.total }}|{{ form.rate }}|{{ form.sessions }}|{{ form.people }}").unwrap();
    assert_eq!(out, r"56\.40|70%|12\.5|5");
    let out =
        rendered("{{ form.sessions / form.people }}|{{ (form.spent.wan / form.total.wan * 100) | round(1) }}").unwrap();
    assert_eq!(out, r"2\.5|25\.0");
    let out = rendered("{{ form.total.fen }}|{{ form.rate.value }}|{{ form.rate.ratio }}|{% if form.spent < form.total %}less{% endif %}").unwrap();
    assert_eq!(out, r"56400000|70\.0|0\.7|less");
    let out =
        rendered("{{ [form.total, form.spent] | sum }}|{{ form.total | daxie }}|{{ form.rate | percent }}").unwrap();
    assert_eq!(out, r"70\.50|伍拾陆万肆仟元整|70%");
}

#[test]
fn every_filter_takes_an_empty_value() {
    let filters = ["wan_fixed", "wan", "yuan", "daxie", "percent", "cn_number"];
    let template: Vec<String> = filters.iter().map(|f| format!("[{{{{ form.bonus | {f} }}}}]")).collect();
    assert_eq!(rendered(&template.concat()).unwrap(), "[]".repeat(filters.len()));
    assert_eq!(rendered("{{ form.bonus | typst_str }}").unwrap(), r#""""#);
}

#[test]
fn template_errors_are_explained_in_chinese() {
    let errors = rendered("a\n{{ form.total / form.spent }}").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("template.typ.j2:2:"), "{errors:?}");
    assert!(errors[0].contains("模板错误：金额、百分比不能直接计算：金额写 .wan"), "{errors:?}");
    assert!(
        errors[0].contains("（tried to use / operator on unsupported types plain object and plain object）"),
        "{errors:?}"
    );
    let errors = rendered("{{ form.total | no_such_filter }}").unwrap_err();
    assert!(errors[0].contains("模板错误：没有这个过滤器"), "{errors:?}");
    let errors = rendered("{{ form.rate | wan_fixed }}").unwrap_err();
    assert!(errors[0].contains("过滤器 wan_fixed 要金额，得到的是百分比“70%”"), "{errors:?}");
}

#[test]
fn a_template_sees_each_fields_definition() {
    let out = rendered("{{ document.fields.kind.values | join(\"/\") }}|{{ document.fields.rate.label }}").unwrap();
    assert_eq!(out, r"新项目\/续期项目|完成进度");
}

#[test]
fn form_doc_prints_the_template_reference_and_a_forms_fields() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["form", "doc"], dir.path());
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(text.trim_end(), wenshu::authoring::doc::REFERENCE.trim_end());
    let output = wenshu(&["form", "doc", "采购需求"], dir.path());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("  form.services  服务内容及指标：表格：{% for row in form.services %}"), "{text}");
    assert!(text.contains("    row.quantity  数量："), "{text}");
}

#[test]
fn a_blank_form_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["form", "new", "x"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let template = std::fs::read_to_string(dir.path().join("forms/x/template.typ.j2")).unwrap();
    assert!(template.contains("wenshu form doc 列出模板收到的变量"), "Chinese comments: {template}");
    std::fs::create_dir_all(dir.path().join("projects/p")).unwrap();
    std::fs::write(dir.path().join("projects/p/project.yaml"), "version: 1\n").unwrap();
    let output = wenshu(&["build", "--only", "新表格（x）"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = std::fs::read(dir.path().join("out/p/新表格（x）.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}
