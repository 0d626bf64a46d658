//! What a project must hold is what the documents it builds print (issue
//! #19, item 5): a form's 字数 limits, and manifests that say nothing they
//! do not mean.

use std::path::Path;
use std::process::{Command, Output};

fn wenshu(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenshu")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
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
    // Every project has a year and a name, for now.
    let project = format!("{project}year: 2024\nname: 测试项目\n");
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
            "8:59: 不认识的键 `maxx`（choice 类型的栏目可以写的键：key、label、type、required、help、default、values）",
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
    let source = format!("name: 公示\ntitle: 项目公示\nsource: {{ region: 某区, town: 某镇 }}\n");
    assert_eq!(manifest_errors(&source), ["3:23: 表格清单写法有误：不认识的键 `town`（可以写的键：region、document）"]);
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
