//! Staffing requirements of a real 采购需求 written as settings: the 荔湾
//! 禁毒 project's head counts per role, an external 督导, a minimum
//! education, years from either kind of experience, full-time staff, and
//! the grades of the 社会工作者职业水平证书.

mod corpus;

use std::process::Command;

use crate::*;

const LIWAN: &str = "tests/fixtures/liwan-drug-procurement.yaml";

#[test]
fn the_liwan_team_passes_wenshu_check() {
    let output =
        Command::new(env!("CARGO_BIN_EXE_wenshu")).args(["check", LIWAN]).current_dir(root()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn each_broken_staffing_rule_says_what_it_compared() {
    let cases: &[(&str, &str, &[&str])] = &[
        // 助理社会工作师 contains 社会工作师, but is not 中级.
        (
            "role: 项目主任, qualifications: [社会工作师]",
            "role: 项目主任, qualifications: [助理社会工作师]",
            &[
                "20:17: 主任梁敏须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）；梁敏 持有 助理社会工作师（读作 社会工作者职业水平证书初级），学历为 社会工作专业本科",
            ],
        ),
        (
            "qualifications: [中级社会工作师], education: 法学本科",
            "qualifications: [心理咨询师三级], education: 法学本科",
            &[
                "25:17: 社工吴昊须持有认可的资格之一：社会工作者职业水平证书（任一等级）；吴昊 持有 心理咨询师三级，学历为 法学本科",
            ],
        ),
        // Either kind of experience is enough; here neither is.
        (
            "years: 4, management_years: 6",
            "years: 4, management_years: 3",
            &["20:17: 主任梁敏的经验：社会工作 4 年、项目管理 3 年，要求其中之一满 5 年"],
        ),
        (
            "    - { member: 罗清",
            "    - { member: 林峰, role: 社工, qualifications: [助理社会工作师], education: 大专, years: 1, full_time: true }\n    - { member: 罗清",
            &["20:5: 团队共 10 人（外聘的 1 人不计），要求 9 人", "20:5: 社工有 9 人，要求 8 人"],
        ),
        (
            "role: 社工, qualifications: [助理社会工作师], education: 大专, years: 2",
            "role: 主任, qualifications: [社会工作师], education: 大专, years: 8",
            &["20:5: 主任有 2 人，要求 1 人", "20:5: 社工有 7 人，要求 8 人"],
        ),
        (
            "education: 大专（社会工作）",
            "education: 中专（社会工作）",
            &["21:69: 陈雅的学历“中专（社会工作）”是中专，要求大专及以上"],
        ),
        (
            "education: 大专（社会工作）",
            "education: 社会工作",
            &["21:69: 陈雅的学历“社会工作”看不出层次（中专、大专、本科、硕士、博士），要求大专及以上"],
        ),
        ("    - { member: 罗清", "    # - { member: 罗清", &["20:5: 外聘督导有 0 人，要求至少 1 人"]),
        // Fifteen years of social work are not three of 禁毒.
        (
            "experience: { 禁毒: 6 }",
            "experience: { 社区矫正: 6 }",
            &["29:17: 外聘督导罗清的经验：禁毒 未写，要求至少 3 年（只计禁毒经验；experience 中写有 社区矫正 6 年）"],
        ),
        (
            ", experience: { 禁毒: 6 }",
            "",
            &["29:17: 外聘督导罗清的经验：禁毒 未写，要求至少 3 年（写在 experience 中，如 experience: { 禁毒: 3 }）"],
        ),
        (
            "experience: { 禁毒: 6 }",
            "experience: { 禁毒: 2 }",
            &["29:107: 外聘督导罗清的经验：禁毒 2 年，要求至少 3 年"],
        ),
        ("years: 1, full_time: true }", "years: 1 }", &["24:17: 周敏须为全职，未写 full_time: true（全职）"]),
    ];
    let mut wrong = Vec::new();
    for (find, replace, expected) in cases {
        let source = source_of(LIWAN);
        assert!(source.contains(find), "{find}");
        let expected: Vec<String> = expected.iter().map(|e| format!("{LIWAN}:{e}")).collect();
        let found = problems(&source.replacen(find, replace, 1), LIWAN);
        if found != expected {
            wrong.push(format!("{find} → {replace}:\n  {}", found.join("\n  ")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
