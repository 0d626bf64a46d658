//! End-to-end tests: the example projects, the CLI on edited copies of them,
//! and hostile text through the real templates and Typst.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use wenshu::compile::document_text;
use wenshu::{DOCUMENTS, Workspace};

const YANTIAN: &str = "projects/yantian-2020/project.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One workspace for all tests, as in a real process: fonts load once.
fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE
        .get_or_init(|| Workspace::open(&root().join("templates"), &root().join("fonts")).unwrap())
}

fn example_source() -> String {
    std::fs::read_to_string(root().join(YANTIAN)).unwrap()
}

/// Loads YAML text as if it were a file at `path`.
fn loaded(source: &str, path: &str) -> wenshu::Loaded {
    let project = wenshu::parse(source).unwrap_or_else(|e| panic!("{e}"));
    wenshu::Loaded {
        path: PathBuf::from(path),
        source: source.to_owned(),
        project,
    }
}

/// The text of the compiled 申报表 of a project.
fn application_text(loaded: &wenshu::Loaded) -> String {
    let errors = workspace().check(loaded);
    assert!(errors.is_empty(), "{errors:#?}");
    let source = workspace().render(loaded, &DOCUMENTS[0]).unwrap();
    let document = workspace()
        .compile(&source)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    document_text(&document)
}

/// The seed_coverage.py normalisation: letters, digits and % only,
/// full-width forms folded to ASCII.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .collect()
}

/// The seed's segments, split the way seed_coverage.py splits them.
fn seed_segments(seed: &str) -> Vec<String> {
    seed.lines()
        .flat_map(|line| line.split(['。', '；', ';', '！', '？', '\t']))
        .map(str::trim)
        .filter(|part| normalize(part).chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn application_carries_every_segment_of_seed_000() {
    let text = normalize(&application_text(&loaded(&example_source(), YANTIAN)));
    let seed = std::fs::read_to_string(root().join("tests/fixtures/seed-000.txt")).unwrap();
    let segments = seed_segments(&seed);
    assert!(
        segments.len() > 80,
        "the seed has {} segments",
        segments.len()
    );
    let missing: Vec<&String> = segments
        .iter()
        .filter(|s| !text.contains(&normalize(s)))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the PDF text: {missing:#?}"
    );
}

#[test]
fn application_prints_the_generated_budget_sentences() {
    let text = application_text(&loaded(&example_source(), YANTIAN));
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.contains("1.项目包含4名社工人员经费54万元，定级分别约为：3级1名20万、6级1名12万、7级2名22万。2.项目运营经费在2.4万元。"), "{flat}");
    assert!(
        flat.contains("第一季度支出70%；第四季度支出30%。"),
        "{flat}"
    );
    assert!(flat.contains("56.40"));
}

#[test]
fn generated_typst_of_seed_000() {
    let source = workspace()
        .render(&loaded(&example_source(), YANTIAN), &DOCUMENTS[0])
        .unwrap();
    insta::assert_snapshot!(source.text);
}

#[test]
fn hostile_text_prints_literally() {
    let hostile = [
        "#set page(width: 1cm)",
        "*粗体* _斜体_ $x^2$",
        "@ref <label> \\ 反斜杠",
        "[方括号] `代码` ~ 波浪",
        "// 注释 /* 块注释 */",
        "= 标题",
        "- 列表",
        "+ 编号",
        "1. 编号",
        "{{ project.name }}{% if true %}x{% endif %}",
        "#{ panic() }",
        "https://example.com",
        "'单引号' \"双引号\"",
        "a--b---c...",
    ];
    let source = example_source();
    for text in hostile {
        let quoted = format!("'{}'", text.replace('\'', "''"));
        let edited = source.replacen("name: 阳光家庭服务项目", &format!("name: {quoted}"), 1);
        let printed = application_text(&loaded(&edited, YANTIAN));
        let flat: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            flat.contains(&expected),
            "{text:?} did not print literally:\n{printed}"
        );
    }
}

#[test]
fn line_breaks_between_chinese_characters_do_not_become_spaces() {
    let edited =
        example_source().replacen("name: 阳光家庭服务项目", "name: \"阳光家庭\\n服务项目\"", 1);
    let text = application_text(&loaded(&edited, YANTIAN));
    assert!(text.contains("阳光家庭服务项目"), "{text}");
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it_and_the_field() {
    let edited = example_source().replacen("contact: 韩翠萍", "contact: 韩翠萍\u{10FFFD}", 1);
    let errors = workspace().check(&loaded(&edited, YANTIAN));
    let messages: Vec<String> = errors
        .iter()
        .map(|e| e.to_string().lines().next().unwrap().to_owned())
        .collect();
    assert_eq!(
        messages,
        [format!(
            "{YANTIAN}:18:13: 项目联系人中的字“\u{10FFFD}”（U+10FFFD）在所有字体中都没有，会印成空白方框：请换用常用字，或把含有这个字的字体放进 fonts/"
        )]
    );
}

#[test]
fn rare_characters_of_names_are_covered() {
    let edited = example_source().replacen(
        "contact: 韩翠萍",
        "contact: 韩喆、王堃、李玥、张彧、陈昇、刘珺、赵祎",
        1,
    );
    let text = application_text(&loaded(&edited, YANTIAN));
    assert!(
        text.contains("韩喆、王堃、李玥、张彧、陈昇、刘珺、赵祎"),
        "{text}"
    );
}

/// Each rule of the form, broken in a copy of the example: the exact message.
#[test]
fn validation_messages_name_the_place_the_field_and_both_figures() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "total: 56.40万元",
            "total: 55.40万元",
            &[
                "24:10: 项目资金 55.40万元 ≠ 各预算明细之和 56.40万元",
                "25:11: 项目资金 55.40万元 ≠ 财政拨款 56.40万元 + 其他资金 0.00万元 = 56.40万元",
            ],
        ),
        (
            "fiscal: 56.40万元",
            "fiscal: 50万元",
            &["25:11: 项目资金 56.40万元 ≠ 财政拨款 50.00万元 + 其他资金 0.00万元 = 50.00万元"],
        ),
        (
            "# other_funds: 0 ",
            "other_funds: 1元",
            &["25:11: 项目资金 56.40万元 ≠ 财政拨款 56.40万元 + 其他资金 0.0001万元 = 56.4001万元"],
        ),
        (
            "staff_total: 54万元",
            "staff_total: 53万元",
            &["39:16: 人员经费合计 53.00万元 ≠ 各社工等级小计之和 54.00万元"],
        ),
        (
            "per_person: 11万元",
            "per_person: 11万元\n      amount: 21万元",
            &[
                "24:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元",
                "39:15: 社工等级 7级：小计 21.00万元 ≠ 每人 11.00万元 × 2名 = 22.00万元",
                "40:16: 人员经费合计 54.00万元 ≠ 各社工等级小计之和 53.00万元",
            ],
        ),
        (
            "share: 30%",
            "share: 20%",
            &["44:5: 资金支出进度各季度之和为 90%，应为 100%"],
        ),
        (
            "quarter: 4",
            "quarter: 1",
            &["46:16: 资金支出进度：第1季度写了两次"],
        ),
        (
            "quarter: 4",
            "quarter: 5",
            &["46:16: 季度 5 不存在，应为 1 到 4"],
        ),
        (
            "contact: 韩翠萍",
            "contact: ''",
            &["18:10: 项目联系人不能为空"],
        ),
        (
            "year: 2020",
            "year: 1999",
            &["8:7: 年度 1999 不在 2000 到 2100 之间"],
        ),
        (
            "count: 1",
            "count: 0",
            &["31:14: 社工等级 3级：人数不能为 0"],
        ),
        (
            "  - 13510432330",
            "  - 135-1043 转 2330 x",
            &["21:5: 联系电话“135-1043 转 2330 x”只能包含数字、-、+、括号和“转”"],
        ),
    ];
    for (find, replace, expected) in cases {
        let source = example_source();
        assert!(source.contains(find), "{find}");
        let edited = source.replacen(find, replace, 1);
        let errors = workspace().check(&loaded(&edited, YANTIAN));
        let first_lines: Vec<String> = errors
            .iter()
            .map(|e| e.to_string().lines().next().unwrap().to_owned())
            .collect();
        let expected: Vec<String> = expected.iter().map(|e| format!("{YANTIAN}:{e}")).collect();
        assert_eq!(first_lines, expected, "{find} → {replace}");
    }
}

#[test]
fn yaml_mistakes_are_reported_in_the_users_words() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "name: 阳光家庭服务项目",
            "nmae: 阳光家庭服务项目",
            "未知字段 `nmae`，是否想写 `name（项目名称）`？",
        ),
        (
            "  total: 56.40万元",
            "  total: 五十六万",
            "“五十六万”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）",
        ),
        (
            "attribute: 延续性",
            "attribute: 延续",
            "项目属性（attribute）：“延续”不是可选的值，应为 新增 或 延续性",
        ),
        (
            "contact: 韩翠萍",
            "",
            "缺少必填字段 `contact（项目联系人）`",
        ),
        (
            "key_project: true",
            "key_project: 是",
            "是否重点项目（key_project）：类型不对：应为 true（是）或 false（否）",
        ),
        (
            "year: 2020",
            "year: 2020\nyear: 2021",
            "字段 `year（年度）` 写了两次",
        ),
        (
            "  - 22320188",
            "  - [1]",
            "类型不对：应为文字，不能是列表或键值表",
        ),
        (
            "version: 1",
            "version: 一",
            "文件格式版本（version）：类型不对：应为整数",
        ),
        (
            "share: 70%",
            "share: 70",
            "“70”不是百分比，应写成 70% 这样的形式",
        ),
    ];
    for (find, replace, expected) in cases {
        let edited = example_source().replacen(find, replace, 1);
        let err = wenshu::parse(&edited).expect_err(replace);
        assert!(err.line > 0, "{err}");
        assert!(err.message.contains(expected), "{find} → {replace}: {err}");
    }
}

fn wenshu(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .args(args)
        .arg("--templates")
        .arg(root().join("templates"))
        .arg("--fonts")
        .arg(root().join("fonts"))
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A temporary folder holding a copy of the example project.
fn project_copy(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("projects/yantian-2020")).unwrap();
    std::fs::write(dir.path().join(YANTIAN), edit(example_source())).unwrap();
    dir
}

#[test]
fn cli_builds_the_pdf_and_rebuilds_it_byte_identical() {
    let dir = project_copy(|s| s);
    let first = wenshu(&["build"], dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        stdout.contains("已生成 out/yantian-2020/申报表.pdf"),
        "{stdout}"
    );
    assert!(stdout.contains("已生成 1 份文书（1 个项目）"), "{stdout}");
    let pdf_path = dir.path().join("out/yantian-2020/申报表.pdf");
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);
    let pdf_text = String::from_utf8_lossy(&pdf);
    assert!(
        !pdf_text.contains("/CreationDate"),
        "a timestamp would break reproducible builds"
    );

    let second = wenshu(&["build"], dir.path());
    assert!(second.status.success());
    assert_eq!(
        std::fs::read(&pdf_path).unwrap(),
        pdf,
        "rebuilding changed the bytes"
    );
    let leftovers: Vec<_> = std::fs::read_dir(pdf_path.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
}

#[test]
fn cli_refuses_a_broken_budget_and_keeps_the_old_pdf() {
    let dir = project_copy(|s| s);
    assert!(wenshu(&["build"], dir.path()).status.success());
    let pdf_path = dir.path().join("out/yantian-2020/申报表.pdf");
    let good = std::fs::read(&pdf_path).unwrap();

    let broken = example_source().replacen("amount: 12万元", "amount: 11万元", 1);
    std::fs::write(dir.path().join(YANTIAN), broken).unwrap();
    for command in ["check", "build"] {
        let output = wenshu(&[command], dir.path());
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("错误：projects/yantian-2020/project.yaml:24:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("\n24 |   total: 56.40万元 "), "{stderr}");
        assert!(stderr.contains("\n   |          ^"), "{stderr}");
    }
    assert_eq!(
        std::fs::read(&pdf_path).unwrap(),
        good,
        "a failed build touched the old PDF"
    );
}

#[test]
fn cli_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["build", "no-such-project.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "错误：no-such-project.yaml: 找不到这个项目文件或文件夹\n"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn cli_check_passes_the_examples() {
    let output = wenshu(&["check", "projects"], root());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("没有发现问题"));
}

/// A template folder holding the real style and one template of our own.
fn workspace_with_template(template: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("templates/style.typ"),
        dir.path().join("style.typ"),
    )
    .unwrap();
    std::fs::write(dir.path().join("application.typ.j2"), template).unwrap();
    let workspace = Workspace::open(dir.path(), &root().join("fonts")).unwrap();
    (dir, workspace)
}

fn template_errors(template: &str) -> Vec<String> {
    let (_dir, workspace) = workspace_with_template(template);
    let project = loaded(&example_source(), YANTIAN);
    let source = workspace.render(&project, &DOCUMENTS[0]).unwrap();
    let errors = workspace
        .compile(&source)
        .expect_err("the template must fail");
    errors
        .iter()
        .map(|e| e.to_string().lines().next().unwrap().to_owned())
        .collect()
}

#[test]
fn typst_errors_name_the_template_and_the_line() {
    assert_eq!(
        template_errors("= {{ project.name }}\n#let x = (1, 2\n"),
        ["application.typ（由模板 application.typ.j2 生成）:2:10: Typst 错误：unclosed delimiter"]
    );
}

#[test]
fn templates_cannot_reach_packages_or_files_outside_their_folder() {
    let package = template_errors("#import \"@preview/cetz:0.3.0\"\n");
    assert_eq!(package.len(), 1, "{package:?}");
    assert!(
        package[0].contains("不支持 Typst 包（@preview/cetz:0.3.0）"),
        "{package:?}"
    );
    let outside = template_errors("#read(\"../../../../../etc/passwd\")\n");
    assert!(outside[0].contains("Typst 错误"), "{outside:?}");
    let absolute = template_errors("#read(\"/etc/passwd\")\n");
    assert!(absolute[0].contains("Typst 错误"), "{absolute:?}");
}

#[test]
fn unknown_fonts_are_errors_not_warnings() {
    let errors = template_errors("#text(font: \"No Such Font\")[x]\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("Typst 警告：unknown font family: no such font"),
        "{errors:?}"
    );
}
