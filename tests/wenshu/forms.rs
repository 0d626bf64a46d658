//! Forms as data: a region's form added as a folder, with the compiled
//! binary and no rebuild; the two forms written only as folders; staffing
//! rules and a form's own checks as settings.

use crate::*;

const MANIFEST: &str = "\
name: 完成进度公示
title: 项目完成进度公示
source: { region: 某区, document: 社工服务项目完成进度公示 }
section: notice
needs: [indicators]
fields:
  - { key: place, label: 实施地点, type: text, help: 如 某街道 }
  - { key: period, label: 实施期限, type: text }
  - { key: contractor, label: 项目承接单位, type: text }
  - { key: amount, label: 资金金额, type: money }
";

const TEMPLATE: &str = "\
#import \"style.typ\": form, form-title, term
#let fonts = {{ fonts }}
#show: form.with(fonts, title: {{ document.title | typst_str }})
#form-title(fonts, [{{ document.title }}], [{{ project.year }}年度])
一、项目名称：{{ project.name }}

二、资金金额：{{ form.amount | wan_fixed }}万元（{{ form.amount | daxie }}）

三、实施地点：{{ form.place }}

四、实施期限：{{ form.period }}

五、项目承接单位：{{ form.contractor }}
";

/// A repository holding one project and a form of its own, written here.
fn repository_with_own_form(notice: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/progress-notice");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::write(form.join("form.yaml"), MANIFEST).unwrap();
    std::fs::write(form.join("template.typ.j2"), TEMPLATE).unwrap();
    let project = source_of(XINGTAN).replace("service_plan:", &format!("{notice}\nservice_plan:"));
    std::fs::create_dir_all(dir.path().join("projects/notice")).unwrap();
    std::fs::write(dir.path().join("projects/notice/project.yaml"), project).unwrap();
    dir
}

#[test]
fn a_form_folder_written_here_builds_with_the_compiled_binary() {
    let notice = "notice:\n  place: 杏坛镇\n  period: 2024年1月1日至12月31日\n  contractor: 顺德区某社工中心\n  amount: 56.4万元\n";
    let dir = repository_with_own_form(notice);
    let output = wenshu(&["build", "--only", "完成进度公示"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = dir.path().join("out/notice/完成进度公示.pdf");
    assert!(pdf.exists());
    let text = pdf_text(&pdf);
    assert!(text.contains("三、实施地点：杏坛镇"), "{text}");
    assert!(text.contains("二、资金金额：56.40万元（伍拾陆万肆仟元整）"), "{text}");
    // wenshu forms says where it came from; the schema knows its fields.
    let forms = String::from_utf8_lossy(&wenshu(&["forms"], dir.path()).stdout).into_owned();
    assert!(forms.contains("完成进度公示（项目完成进度公示）"), "{forms}");
    assert!(forms.contains("来源：forms/progress-notice"), "{forms}");
    let schema: serde_json::Value = serde_json::from_slice(&wenshu(&["schema"], dir.path()).stdout).unwrap();
    assert_eq!(schema["properties"]["notice"]["properties"]["place"]["title"], "实施地点");
}

#[test]
fn a_missing_and_a_mistyped_field_of_a_new_form_are_named_by_its_labels() {
    let notice = "notice:\n  place: 杏坛镇\n  period: 2024年\n  contractr: 顺德区某社工中心\n  amount: 很多\n";
    let dir = repository_with_own_form(notice);
    let output = wenshu(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<String> = stderr(&output).lines().filter(|l| l.starts_with("错误")).map(str::to_owned).collect();
    let line = |key: &str| {
        let source = std::fs::read_to_string(dir.path().join("projects/notice/project.yaml")).unwrap();
        source.lines().position(|l| l.trim_start().starts_with(key)).unwrap() + 1
    };
    assert_eq!(
        lines,
        [
            format!(
                "错误：projects/notice/project.yaml:{}:3: 未知字段 `contractr`，是否想写 `contractor（项目承接单位）`？",
                line("contractr")
            ),
            format!(
                "错误：projects/notice/project.yaml:{}:11: 资金金额（amount）：“很多”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）",
                line("amount")
            ),
        ]
    );
}

#[test]
fn a_broken_manifest_is_reported_in_the_manifest() {
    let dir = repository_with_own_form("");
    let manifest = dir.path().join("forms/progress-notice/form.yaml");
    std::fs::write(&manifest, MANIFEST.replace("type: money", "type: 金额").replace("title: 项目完成进度公示\n", ""))
        .unwrap();
    let output = wenshu(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("forms/progress-notice/form.yaml:1:1: 表格清单写法有误：缺少 `title`"), "{text}");
    std::fs::write(&manifest, MANIFEST.replace("type: money", "type: 金额")).unwrap();
    let text = stderr(&wenshu(&["check"], dir.path()));
    assert!(text.contains("forms/progress-notice/form.yaml:10:39: 不认识的类型 `金额`，可以用：text、prose"), "{text}");
}

#[test]
fn wenshu_runs_from_a_folder_holding_only_projects() {
    // No forms/, no fonts/, no templates: what is built in is enough.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/yantian")).unwrap();
    std::fs::write(dir.path().join("projects/yantian/project.yaml"), source_of(YANTIAN)).unwrap();
    let output = wenshu(&["build"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    for pdf in ["申报表", "绩效评价报告", "绩效自评表"] {
        assert!(dir.path().join(format!("out/yantian/{pdf}.pdf")).exists(), "{pdf}");
    }
}

#[test]
fn form_new_copies_a_form_to_edit_and_init_writes_its_scaffold() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["form", "new", "futian-application", "--from", "申报表"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join("forms/futian-application/form.yaml")).unwrap();
    assert!(manifest.contains("name: 申报表（futian-application）"), "{manifest}");
    assert!(!manifest.contains("aliases"), "the aliases belong to the original: {manifest}");
    // Edited as a user would: a label renamed; the copy builds beside the original.
    let renamed = manifest.replace("label: 项目联系人", "label: 联系人姓名");
    std::fs::write(dir.path().join("forms/futian-application/form.yaml"), renamed).unwrap();
    std::fs::create_dir_all(dir.path().join("projects/a")).unwrap();
    std::fs::write(
        dir.path().join("projects/a/project.yaml"),
        source_of(YANTIAN).replacen("contact: 韩翠萍", "contact: ''", 1),
    )
    .unwrap();
    let text = stderr(&wenshu(&["check"], dir.path()));
    assert!(text.contains("26:3: 联系人姓名不能为空"), "the copy's own label: {text}");

    // A scaffold for a form written from its manifest checks once filled.
    let output = wenshu(&["init", "projects/gd", "--form", "项目支出绩效目标表"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let scaffold = std::fs::read_to_string(dir.path().join("projects/gd/project.yaml")).unwrap();
    assert!(scaffold.contains("gd_target:"), "{scaffold}");
    assert!(scaffold.contains("# 用款单位（必填）：实际使用资金的单位"), "{scaffold}");
    let errors = problems(&scaffold, "p.yaml");
    assert!(errors.iter().any(|e| e.ends_with("用款单位不能为空")), "{errors:?}");
}

#[test]
fn the_two_forms_written_only_as_folders_build_their_examples() {
    let gd = flat(&document_text_of(&loaded(&source_of(QINGYUAN), QINGYUAN), "项目支出绩效目标表"));
    for expected in [
        "项目类型专项资金项目项目等级二级项目",
        "主管部门清远市民政局用款单位清远市民政局",
        "起始年度到期年度实施期限2025年2027年",
        "总金额当年度金额270.0090.00",
        "资金来源：省级福彩公益金；当年度金额大写：玖拾万元整",
        "合计90.00",
        "个案服务个案≥40个、个案服务≥200人次",
    ] {
        assert!(gd.contains(expected), "{expected}: {gd}");
    }
    let procurement = flat(&document_text_of(&loaded(&source_of(DONGPU), DONGPU), "采购需求"));
    for expected in [
        "一、服务要求（一）受益对象",
        "（三）服务内容及指标服务期内须完成以下服务，数量为最低要求：1.困难群众探访不少于800人次",
        "7.链接慈善资源折合价值不少于10万元。服务项目指标数量单位备注探访服务困难群众探访不少于800人次",
        "二、采购标的的其他技术、服务等要求（一）服务场地由采购人提供",
        "项目负责人（岗位含“主任”）以外的成员8人中，具备认可资格（社会工作者职业水平证书、社会工作专业）的7人",
    ] {
        assert!(procurement.contains(expected), "{expected}: {procurement}");
    }
    assert!(!procurement.contains("工时测算"), "no 工时测算 when none is given");
}

#[test]
fn a_forms_own_checks_hold_its_figures() {
    let cases: &[(&str, &str, &str)] = &[
        ("this_year: 90万元", "this_year: 300万元", "当年度金额 300.00万元 大于 总金额 270.00万元"),
        ("end_year: 2027", "end_year: 2024", "起始年度 2025 大于 到期年度 2024"),
        ("amount: 25万元", "amount: 20万元", "资金分配表各行金额之和 85.00万元 ≠ 当年度金额 90.00万元"),
    ];
    for (find, replace, expected) in cases {
        let errors = problems(&source_of(QINGYUAN).replacen(find, replace, 1), QINGYUAN);
        assert_eq!(errors.len(), 1 + usize::from(find.starts_with("this_year")), "{errors:?}");
        assert!(errors[0].contains(expected), "{find} → {replace}: {errors:?}");
    }
}

#[test]
fn staffing_rules_are_settings_of_the_form_and_the_project() {
    // The 采购需求's rules: 主任 leads, shares over the others, 7 of 8,
    // education counts, years of social work or management.
    assert_eq!(problems(&source_of(DONGPU), DONGPU), Vec::<String>::new());
    let cases: &[(&str, &str, &str)] = &[
        (
            "education: 社会工作专业本科",
            "education: 汉语言文学本科",
            "团队中具备认可资格（社会工作者职业水平证书、社会工作专业）的有 6 人（项目负责人（岗位含“主任”）以外共 8 人），少于要求的 7 人",
        ),
        (
            "years: 2, management_years: 6",
            "years: 2, management_years: 3",
            "吴昊从事社会工作 2 年、项目管理 3 年，要求其中之一满 5 年",
        ),
        (
            "qualifications: [中级社会工作师], years: 9",
            "qualifications: [助理社会工作师], years: 9",
            "项目负责人（岗位含“主任”）林晓须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）；林晓 持有 助理社会工作师（读作 社会工作者职业水平证书初级）",
        ),
    ];
    for (find, replace, expected) in cases {
        let errors = problems(&source_of(DONGPU).replacen(find, replace, 1), DONGPU);
        assert_eq!(errors.len(), 1, "{find} → {replace}: {errors:?}");
        assert!(errors[0].contains(expected), "{find} → {replace}: {errors:?}");
    }
    // A rule the project leaves out is not checked.
    let without_count = source_of(DONGPU).replacen("    qualified_count: 7\n", "", 1).replacen(
        "education: 社会工作专业本科",
        "education: 汉语言文学本科",
        1,
    );
    assert_eq!(problems(&without_count, DONGPU), Vec::<String>::new());
    // The 用户需求书's defaults are seed 003's: a project may lower one.
    let lowered = source_of(ZHONGSHAN)
        .replacen("qualifications: [心理咨询师三级]", "qualifications: [教师资格]", 1)
        .replacen("  team:", "  staffing_rules:\n    qualified_share: 60%\n  team:", 1);
    assert_eq!(problems(&lowered, ZHONGSHAN), Vec::<String>::new());
}
