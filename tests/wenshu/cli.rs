//! The command line on copies of the examples.

use std::process::Command;

use crate::*;

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
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("已生成 out/yantian-2020/申报表.pdf"), "{stdout}");
    assert!(stdout.contains("已生成 out/yantian-2020/绩效评价报告.pdf"), "{stdout}");
    assert!(stdout.contains("已生成 out/yantian-2020/绩效自评表.pdf"), "{stdout}");
    assert!(stdout.contains("已生成 3 份文书，0 份未变（1 个项目）"), "{stdout}");
    let pdf_path = dir.path().join("out/yantian-2020/申报表.pdf");
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);
    let pdf_text = String::from_utf8_lossy(&pdf);
    assert!(!pdf_text.contains("/CreationDate"), "a timestamp would break reproducible builds");

    let second = wenshu(&["build", "--force"], dir.path());
    assert!(second.status.success());
    assert_eq!(std::fs::read(&pdf_path).unwrap(), pdf, "rebuilding changed the bytes");
    let mut left: Vec<String> = std::fs::read_dir(pdf_path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [".wenshu-build.json", "申报表.pdf", "绩效自评表.pdf", "绩效评价报告.pdf"],
        "temporary files left behind"
    );
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
            stderr.contains(
                "错误：projects/yantian-2020/project.yaml:16:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元"
            ),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("\n16 |   total: 56.40万元 "), "{stderr}");
        assert!(stderr.contains("\n   |          ^"), "{stderr}");
    }
    assert_eq!(std::fs::read(&pdf_path).unwrap(), good, "a failed build touched the old PDF");
}

#[test]
fn cli_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["build", "no-such-project.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "错误：no-such-project.yaml: 找不到这个项目文件或文件夹\n");
    let output = Command::new(env!("CARGO_BIN_EXE_wenshu")).arg("frobnicate").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn help_and_usage_errors_are_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["build", "--help"], &["check", "-h"], &["init", "--help"]] {
        let output = wenshu(args, dir.path());
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("用法：wenshu"), "{args:?}: {help}");
        assert!(help.contains("选项：") && help.contains("-h, --help") && help.contains("显示帮助"), "{help}");
        for english in ["Usage", "Print help", "Print version", "Possible values", "possible values", "[default:"] {
            assert!(!help.contains(english), "{args:?} shows {english}: {help}");
        }
    }
    let top = String::from_utf8_lossy(&wenshu(&["--help"], dir.path()).stdout).into_owned();
    assert!(top.contains("命令：") && top.contains("-V, --version       显示版本"), "{top}");
    assert!(top.contains("check        检查项目文件：计算、排版全部做一遍，只是不写文件"), "{top}");
    assert!(!top.contains("everything build does, but writing"), "{top}");
    let build = String::from_utf8_lossy(&wenshu(&["build", "--help"], dir.path()).stdout).into_owned();
    assert!(build.contains("参数：") && build.contains("[默认：projects]") && build.contains("[默认：out]"), "{build}");
    assert!(build.contains("[可选：a-2b、a-2u、a-3b、a-4、1.7]"), "{build}");
    assert!(build.contains("（build one kind of document only"), "{build}");

    let wrong = wenshu(&["build", "--frobnicate"], dir.path());
    assert_eq!(wrong.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&wrong.stderr),
        "错误：没有选项 --frobnicate\n\n用法：wenshu build [选项] [PATH]...\n\n运行 wenshu build --help 查看帮助\n"
    );
    let value = wenshu(&["summary", "--by", "区"], dir.path());
    let stderr = String::from_utf8_lossy(&value.stderr);
    assert!(stderr.starts_with("错误：--by <COLUMN> 不能是“区”，可选：主管部门、实施单位"), "{stderr}");
    for english in ["error:", "Usage:", "For more information", "invalid value"] {
        assert!(!stderr.contains(english), "{english}: {stderr}");
    }
}

#[test]
fn cli_check_passes_the_examples() {
    let output = wenshu(&["check", "projects"], root());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("没有发现问题"));
}

/// The example without its year-end section.
fn without_evaluation(source: String) -> String {
    let cut = source.find("\n# 年终绩效评价").expect("the example has an evaluation section");
    source[..cut].to_owned() + "\n"
}

#[test]
fn cli_report_says_which_year_end_data_is_missing() {
    let dir = project_copy(without_evaluation);
    let named = wenshu(&["build", "--only", "report", YANTIAN], dir.path());
    assert_eq!(named.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&named.stderr),
        format!(
            "错误：{YANTIAN}: 生成绩效评价报告需要 evaluation（年终绩效评价）；生成绩效自评表需要 evaluation（年终绩效评价）\n\
             以下 1 个项目未能生成：{YANTIAN}\n"
        )
    );
    // Searching a folder, a project without year-end data is skipped, not failed.
    let folder = wenshu(&["build", "--only", "report"], dir.path());
    assert!(folder.status.success(), "{}", String::from_utf8_lossy(&folder.stderr));
    let stdout = String::from_utf8_lossy(&folder.stdout);
    assert!(stdout.contains(&format!("跳过 {YANTIAN}：生成绩效评价报告需要 evaluation（年终绩效评价）")), "{stdout}");
    assert!(!dir.path().join("out").exists());
    // The 申报表 still builds.
    assert!(wenshu(&["build", "--only", "申报表"], dir.path()).status.success());
    assert!(dir.path().join("out/yantian-2020/申报表.pdf").exists());
}

#[test]
fn cli_report_refuses_a_shortfall_without_a_reason() {
    let dir = project_copy(|s| {
        s.replacen("            reason: 2020年2月至3月因疫情暂停开放；已恢复预约开放并增加周末时段。\n", "", 1)
    });
    let output = wenshu(&["build", "--only", "report"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("指标“服务场地使用率”得分 5.33 低于分值 5.55，请填写 reason（偏差原因分析及改进措施）"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "no PDF may be written");
}

#[test]
fn init_prints_paths_as_the_user_typed_them() {
    let dir = tempfile::tempdir().unwrap();
    let output = wenshu(&["init", "projects/我的项目"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "已写入 schema/project.schema.json，供编辑器补全和检查项目文件\n\
         已新建 projects/我的项目/project.yaml：填好必填栏目后运行 wenshu check projects/我的项目/project.yaml 检查\n"
    );
}
