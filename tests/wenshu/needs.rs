//! What a project must hold is what the documents it builds print (issue
//! #19, item 5): the year and name only where a form prints them, a form's
//! 字数 limits, manifests that say nothing they do not mean, scaffolds with
//! no invented values, and the summary's 项目资金 where a form says it is.

use crate::*;

/// `source` without its top-level `year:` and `name:` lines.
fn without_year_and_name(source: &str) -> String {
    source.lines().filter(|l| !l.starts_with("year:") && !l.starts_with("name:")).map(|l| format!("{l}\n")).collect()
}

/// A folder holding `projects/<name>/project.yaml` with `text`.
fn repository(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects").join(name)).unwrap();
    std::fs::write(dir.path().join("projects").join(name).join("project.yaml"), text).unwrap();
    dir
}

// ---------------------------------------------------------------------------
// The year and the name: required by the documents that print them.

#[test]
fn the_forms_need_the_year_and_name_they_print_and_no_other() {
    let needs = |name: &str| kind(name).needs.clone();
    for printed in ["申报表", "绩效自评表", "项目支出绩效目标表"] {
        assert!(needs(printed).starts_with(&["year".to_owned(), "name".to_owned()]), "{printed}: {:?}", needs(printed));
    }
    assert!(needs("湖里区申报表").contains(&"name".to_owned()));
    assert!(!needs("湖里区申报表").contains(&"year".to_owned()), "the 湖里 form prints no year");
    assert!(needs("绩效评价报告").contains(&"year".to_owned()));
    for neither in ["采购需求", "用户需求书", "服务分项目标及指标"] {
        let needs = needs(neither);
        assert!(!needs.iter().any(|n| n == "year" || n == "name"), "{neither}: {needs:?}");
    }
}

#[test]
fn a_procurement_without_year_or_name_builds() {
    let dir = repository("dongpu", &without_year_and_name(&source_of(DONGPU)));
    let output = wenshu(&["build", "projects/dongpu/project.yaml"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("out/dongpu/采购需求.pdf").is_file());
    let check = wenshu(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn an_application_without_a_year_fails_naming_the_year() {
    let base = std::fs::read_to_string(root().join("tests/bad/base.yaml")).unwrap();
    let dir = repository("base", &base.replacen("year: 2024\n", "", 1));
    // Named, it fails; in a folder, it is skipped saying why; check reports it.
    let named = wenshu(&["build", "projects/base/project.yaml"], dir.path());
    assert_eq!(named.status.code(), Some(1));
    assert!(
        stderr(&named).starts_with(
            "错误：projects/base/project.yaml: 这个项目还不能生成任何文书：生成申报表需要 year（年度）；生成绩效自评表需要 year（年度）\n"
        ),
        "{}",
        stderr(&named)
    );
    let folder = wenshu(&["build", "--only", "申报表"], dir.path());
    assert!(folder.status.success(), "{}", stderr(&folder));
    assert!(
        stdout(&folder).contains("跳过 projects/base/project.yaml：生成申报表需要 year（年度）"),
        "{}",
        stdout(&folder)
    );
    let check = wenshu(&["check"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("生成申报表需要 year（年度）"), "{}", stderr(&check));
    assert!(!dir.path().join("out").exists());

    // Named in `documents`, the error is at its name.
    let listed = base.replacen("year: 2024\n", "documents: [申报表]\n", 1);
    let errors = problems(&listed, "p.yaml");
    assert_eq!(errors, ["p.yaml:2:13: 生成申报表需要填写 year（年度）"]);
    // Written but left blank, the year is asked for at its line.
    let blank = base.replacen("year: 2024", "year:", 1);
    assert_eq!(problems(&blank, "p.yaml"), ["p.yaml:2:1: 年度不能为空"]);
}

#[test]
fn a_form_printing_the_year_needs_it_though_its_manifest_does_not_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/notice");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::write(
        form.join("form.yaml"),
        "name: 公示\ntitle: 项目公示\nsection: notice\nfields:\n  - { key: place, label: 实施地点, type: text }\n",
    )
    .unwrap();
    let template = "#import \"style.typ\": form\n#let fonts = {{ fonts }}\n#show: form.with(fonts)\n= {{ project.year }}年度公示：{{ form.place }}\n";
    std::fs::write(form.join("template.typ.j2"), template).unwrap();
    let project = "version: 1\nnotice:\n  place: 杏坛镇\n";
    std::fs::create_dir_all(dir.path().join("projects/a")).unwrap();
    std::fs::write(dir.path().join("projects/a/project.yaml"), project).unwrap();
    let output = wenshu(&["build", "projects/a/project.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("这个项目还不能生成任何文书：生成公示需要 year（年度）"), "{}", stderr(&output));
    // Given the year, it prints it.
    std::fs::write(dir.path().join("projects/a/project.yaml"), format!("{project}year: 2025\n")).unwrap();
    let output = wenshu(&["build", "projects/a/project.yaml"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_project_without_year_or_name_gets_its_spreadsheet_and_a_summary_row_with_no_guess() {
    // 服务分项目标及指标 prints neither: the project builds, and its 绩效目标表.xlsx too.
    let dir = repository("xingtan", &without_year_and_name(&source_of(XINGTAN)));
    let output = wenshu(&["build", "--xlsx"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("out/xingtan/服务分项目标及指标.pdf").is_file());
    let sheet = dir.path().join("out/xingtan/绩效目标表.xlsx");
    let book = std::fs::read(&sheet).unwrap();
    let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(book)).unwrap();
    let range = calamine::Reader::worksheet_range(&mut xlsx, "绩效目标表").unwrap();
    assert_eq!(range.get_value((0, 0)).map(|v| v.to_string()), Some("项目绩效目标表".to_owned()), "no year made up");

    // In the summary its year and name print “—”, and the other years stand.
    std::fs::create_dir_all(dir.path().join("projects/yantian")).unwrap();
    std::fs::write(dir.path().join("projects/yantian/project.yaml"), source_of(YANTIAN)).unwrap();
    let output = wenshu(&["summary", "--date", "2026-11-24"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let book = std::fs::read(dir.path().join("out/汇总表.xlsx")).unwrap();
    let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(book)).unwrap();
    let range = calamine::Reader::worksheet_range(&mut xlsx, "汇总表").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert!(rows[0][0].starts_with("2020年度"), "{:?}", rows[0]);
    assert!(rows.iter().any(|r| r.get(2).is_some_and(|c| c == "—") && r.get(3).is_some_and(|c| c == "—")), "{rows:?}");
}

// ---------------------------------------------------------------------------
// 字数: a form's limits on its texts.

/// A repository with a form whose texts have 字数 limits, and a project.
fn form_with_limits(project: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/gx-application");
    std::fs::create_dir_all(&form).unwrap();
    let manifest = "\
name: 广西申报书
title: 项目申报书
section: gx
fields:
  - { key: summary, label: 项目简介, type: text, max_chars: 10 }
  - { key: reasons, label: 申报理由, type: prose, min_chars: 4, max_chars: 12, help: 450字内 }
  - { key: goals, label: 项目目标, type: list, of: text, max_chars: 5 }
  - { key: note, label: 备注, type: text, required: false, min_chars: 3 }
";
    std::fs::write(form.join("form.yaml"), manifest).unwrap();
    let template = "#import \"style.typ\": form\n#let fonts = {{ fonts }}\n#show: form.with(fonts)\n{{ form.summary }} {{ form.reasons }}\n";
    std::fs::write(form.join("template.typ.j2"), template).unwrap();
    std::fs::create_dir_all(dir.path().join("projects/a")).unwrap();
    std::fs::write(dir.path().join("projects/a/project.yaml"), project).unwrap();
    dir
}

#[test]
fn texts_are_held_to_the_forms_character_limits_as_the_form_counts() {
    // Punctuation counts; spaces, full-width spaces and line breaks do not.
    let within = "version: 1\ngx:\n  summary: 社区　长者 服务，好。\n  reasons: |-\n    一二三四五六\n\n    七八九十。\n  goals: [一二三四五]\n";
    let dir = form_with_limits(within);
    let output = wenshu(&["build"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));

    let over = "version: 1\ngx:\n  summary: 社区长者服务项目，好好好。\n  reasons: 一二三\n  goals: [一二三, 一二三四五六]\n  note: ''\n";
    let dir = form_with_limits(over);
    let output = wenshu(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let errors: Vec<String> = stderr(&output).lines().filter(|l| l.starts_with("错误")).map(str::to_owned).collect();
    assert_eq!(
        errors,
        [
            "错误：projects/a/project.yaml:3:12: 项目简介 共 13 字，超过广西申报书规定的 10 字（请删减 3 字）",
            "错误：projects/a/project.yaml:4:12: 申报理由 共 3 字，少于广西申报书规定的 4 字（请补充 1 字）",
            "错误：projects/a/project.yaml:5:16: 项目目标第2项 共 6 字，超过广西申报书规定的 5 字（请删减 1 字）",
        ]
    );
}

#[test]
fn character_limits_reach_the_schema_where_an_editor_counts_alike() {
    let dir = form_with_limits("version: 1\n");
    let schema: serde_json::Value = serde_json::from_slice(&wenshu(&["schema"], dir.path()).stdout).unwrap();
    let gx = &schema["properties"]["gx"]["properties"];
    // One line of text: JSON Schema's maxLength; a prose's line breaks would count there.
    assert_eq!(gx["summary"]["maxLength"], 10);
    assert!(gx["reasons"].get("maxLength").is_none(), "{}", gx["reasons"]);
    assert_eq!(gx["reasons"]["minLength"], 4);
    assert_eq!(gx["reasons"]["description"], "450字内（4至12字）");
    assert_eq!(gx["goals"]["items"]["maxLength"], 5);
    assert!(gx["note"].get("minLength").is_none(), "an optional text may be left out");
}

// ---------------------------------------------------------------------------
// Manifests: every key means something.

/// The errors of loading a form whose manifest is `manifest`.
fn manifest_errors(manifest: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/x");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::write(form.join("form.yaml"), manifest).unwrap();
    std::fs::write(form.join("template.typ.j2"), "x\n").unwrap();
    let output = wenshu(&["forms"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    stderr(&output)
        .lines()
        .filter(|l| l.starts_with("错误"))
        .map(|l| l.replacen("错误：forms/x/form.yaml:", "", 1))
        .collect()
}

const HEAD: &str = "name: 公示\ntitle: 项目公示\nsection: notice\n";

#[test]
fn a_key_a_fields_type_does_not_read_is_an_error_at_its_place() {
    let fields = "\
fields:
  - { key: reasons, label: 申报理由, type: text, max: 150 }
  - { key: count, label: 人数, type: integer, max_chars: 3, min: 1 }
  - { key: kind, label: 类别, type: text, values: [甲, 乙] }
  - { key: size, label: 规模, type: choice, values: [大, 小], maxx: 1 }
  - key: area
    label: 服务领域
    type: group
    fields:
      - { key: title, label: 标题, type: money, min: 0 }
  - key: goals
    label: 目标
    type: list
    of: { type: text, label: 目标, key: goal, max_chars: 20 }
  - { key: rows, label: 分配表, type: table, columns: [{ key: amount, label: 金额, type: money }], fields: [] }
";
    assert_eq!(
        manifest_errors(&format!("{HEAD}{fields}")),
        [
            "5:46: text 类型的栏目不能写 max（只有 integer 可以）；字数限制请写 max_chars",
            "6:45: integer 类型的栏目不能写 max_chars（只有 text（或 of: text 的 list）、prose（或 of: prose 的 list） 可以）；数值范围请写 min、max",
            "7:41: text 类型的栏目不能写 values（只有 choice（或 of: choice 的 list） 可以）",
            "8:59: 不认识的键 `maxx`（choice 类型的栏目可以写的键：key、label、type、required、help、default、from、values、when）",
            "13:47: money 类型的栏目不能写 min（只有 integer、list 可以）",
            "17:34: 列表的每项不能写 key（只能写 type、label、help 和所属类型的键）",
            "18:95: table 类型的栏目不能写 fields（只有 group 可以）",
        ]
    );
}

#[test]
fn unknown_keys_elsewhere_in_a_manifest_are_errors_listing_the_keys_it_may_write() {
    let field = "fields:\n  - { key: a, label: 甲, type: money }\n  - { key: b, label: 乙, type: money }\n";
    let check = format!("{HEAD}{field}checks:\n  - {{ field: a, at_most: b, less: 1 }}\n");
    assert_eq!(
        manifest_errors(&check),
        ["8:29: 表格清单写法有误：不认识的键 `less`（可以写的键：field、at_most、sum、equals）"]
    );
    let source = "name: 公示\ntitle: 项目公示\nsource: { region: 某区, town: 某镇 }\n";
    assert_eq!(manifest_errors(source), ["3:23: 表格清单写法有误：不认识的键 `town`（可以写的键：region、document）"]);
    let top = format!("{HEAD}needz: [indicators]\n");
    let errors = manifest_errors(&top);
    assert!(
        errors[0].starts_with("4:1: 表格清单写法有误：不认识的键 `needz`（可以写的键：name、aliases、title"),
        "{errors:?}"
    );
    // A typed part's default is read as the part: an unknown rule is no rule at all.
    let staffing = format!(
        "{HEAD}fields:\n  - key: rules\n    label: 人员配备要求\n    type: staffing\n    default:\n      qualified_shar: 80%\n"
    );
    let errors = manifest_errors(&staffing);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("9:7: default 写法有误：不认识的键 `qualified_shar`（可以写的键：qualifications、"),
        "{errors:?}"
    );
}

// ---------------------------------------------------------------------------
// init: no value the user did not give.

/// `scaffold` with each blank value filled as a user would.
fn filled(scaffold: &str) -> String {
    let mut level1 = ["产出指标", "效益指标", "满意度指标"].into_iter();
    let mut level2 = ["数量指标", "社会效益指标", "服务对象满意度指标"].into_iter();
    let mut phones = 0;
    scaffold
        .lines()
        .map(|line| {
            let (text, comment) = line.split_once(" #").unwrap_or((line, ""));
            let key = text.trim().trim_start_matches("- ").trim_end_matches(':');
            let value = match key {
                "''" if comment.contains("电话") && {
                    phones += 1;
                    phones == 1
                } =>
                {
                    return line.replacen("''", "0755-12345678", 1);
                }
                "''" => return line.replacen("''", "一项目标。", 1),
                _ if !text.trim_end().ends_with(':') || text.trim_start().starts_with('#') => return line.to_owned(),
                "year" => "2024",
                "total" | "fiscal" | "per_person" => "20万元",
                "attribute" => "新增",
                "key_project" => "false",
                "grade" => "5",
                "count" => "1",
                "quarter" => "1",
                "share" => "100%",
                "level1" => level1.next().unwrap(),
                "level2" => level2.next().unwrap(),
                "target" => "10个",
                // Left for the second round of check.
                "department" | "implementer" => return line.to_owned(),
                "funding" | "application" | "budget" | "staff" | "schedule" | "rationale" | "phones"
                | "long_term_goals" | "annual_goals" | "indicators" | "groups" | "items" => return line.to_owned(),
                _ => "已填写。",
            };
            format!("{text} {value}")
        })
        .map(|l| l + "\n")
        .collect()
}

#[test]
fn init_writes_no_value_the_user_did_not_give_and_check_asks_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["init", "projects/新项目"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let path = dir.path().join("projects/新项目/project.yaml");
    let scaffold = std::fs::read_to_string(&path).unwrap();
    // Every value is blank but the format version: no year, no ≥90%, no 0万元.
    for line in scaffold.lines().filter(|l| !l.trim_start().starts_with('#') && !l.starts_with("version: 1")) {
        let text = line.split_once(" #").map_or(line, |(t, _)| t).trim();
        let text = text.trim_start_matches("- ");
        let value = text.split_once(':').map_or(text, |(_, v)| v).trim();
        assert!(value.is_empty() || value == "''", "a value init made up: {line}");
    }
    assert!(scaffold.contains("year:                           # 年度，如 2024（必填）\n"), "{scaffold}");

    // check fails, listing what to fill in: the year and name among them.
    let check = wenshu(&["check"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    let line = |key: &str| scaffold.lines().position(|l| l.trim_start().starts_with(key)).unwrap() + 1;
    for expected in [
        format!("projects/新项目/project.yaml:{}:1: 年度不能为空", line("year:")),
        format!("projects/新项目/project.yaml:{}:1: 项目名称不能为空", line("name:")),
        format!("projects/新项目/project.yaml:{}:3: 项目资金不能为空", line("total:")),
        format!("projects/新项目/project.yaml:{}:5: 一级指标不能为空", line("- level1:")),
        format!("projects/新项目/project.yaml:{}:13: 三级指标不能为空", line("- indicator:")),
    ] {
        assert!(stderr(&check).contains(&expected), "{expected}\n{}", stderr(&check));
    }
    // Filled in, what the form needs besides is asked for, then it builds.
    let mut text = filled(&scaffold);
    let errors = problems(&text, "p.yaml");
    assert_eq!(
        errors,
        ["p.yaml: 这个项目还不能生成任何文书：生成申报表需要 department（项目主管部门）、implementer（项目实施单位）"]
    );
    text = text.replace("department:", "department: 某区妇联").replace("implementer:", "implementer: 某社工中心");
    assert_eq!(problems(&text, "p.yaml"), Vec::<String>::new(), "{text}");
}

#[test]
fn init_for_a_form_without_year_or_name_leaves_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["init", "projects/采购", "--form", "采购需求"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let scaffold = std::fs::read_to_string(dir.path().join("projects/采购/project.yaml")).unwrap();
    assert!(
        scaffold.contains("\n# year:                         # 年度，如 2024（采购需求不印出，可不写）\n"),
        "{scaffold}"
    );
    assert!(
        scaffold.contains("\n# name:                         # 项目名称（采购需求不印出，可不写）\n"),
        "{scaffold}"
    );
    let text =
        scaffold.replace("  title:  ", "  title: 某街道社工服务采购需求").replace("- title:", "- title: 服务要求");
    assert_eq!(problems(&text, "p.yaml"), Vec::<String>::new(), "{text}");
}

// ---------------------------------------------------------------------------
// The summary's 项目资金: a setting of the form.

#[test]
fn funds_name_a_money_field_of_the_form_and_the_summary_reads_them_there() {
    let fields =
        "fields:\n  - { key: total, label: 总金额, type: money }\n  - { key: payee, label: 用款单位, type: text }\n";
    for (funds, place) in [("notice.payee", "4:8"), ("other.total", "4:8"), ("notice.missing", "4:8")] {
        assert_eq!(
            manifest_errors(&format!("{HEAD}funds: {funds}\n{fields}")),
            [format!(
                "{place}: funds 写项目资金所在的金额栏目，如 notice.total 或 funding.total；“{funds}”不是本表格的金额栏目"
            )]
        );
    }
    // A form of the repository's own says where its funds are; the summary takes them.
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/notice");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::write(form.join("form.yaml"), format!("{HEAD}funds: notice.total\n{fields}")).unwrap();
    std::fs::write(
        form.join("template.typ.j2"),
        "#import \"style.typ\": form\n#let fonts = {{ fonts }}\n#show: form.with(fonts)\n= {{ form.payee }}\n",
    )
    .unwrap();
    let forms = wenshu(&["forms"], dir.path());
    assert!(stdout(&forms).contains("汇总表的项目资金取自：notice.total"), "{}", stdout(&forms));
    std::fs::create_dir_all(dir.path().join("projects/a")).unwrap();
    let project = "version: 1\nyear: 2025\nname: 公示项目\nnotice:\n  total: 12.5万元\n  payee: 某街道\n";
    std::fs::write(dir.path().join("projects/a/project.yaml"), project).unwrap();
    let output = wenshu(&["summary", "--date", "2026-11-24"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("项目资金合计 12.50 万元"), "{}", stdout(&output));
}

#[test]
fn a_when_names_an_option_of_a_choice_of_the_form_and_sits_on_a_field_of_it() {
    let fields = "\
fields:
  - { key: invoice, label: 发票, type: choice, values: [能, 不能] }
  - { key: how, label: 方式, type: choice, values: [甲], when: { invoice: 也许 } }
  - { key: other, label: 其他, type: choice, values: [甲], when: { count: 能 } }
  - { key: rows, label: 表, type: table, columns: [{ key: c, label: 列, type: choice, values: [甲], when: { invoice: 能 } }] }
";
    assert_eq!(
        manifest_errors(&format!("{HEAD}{fields}")),
        [
            "6:61: `invoice` 的选项中没有“也许”（可选：能、不能）",
            "7:63: when 中的 `count` 不是本表格的选择栏目（type: choice）",
            "8:104: when 只能写在 fields 第一层的选择栏目上，表格的列和一组栏目中的栏目不能写",
        ]
    );
}
