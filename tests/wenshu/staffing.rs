//! Staffing requirements of a real 采购需求 written as settings: the 荔湾
//! 禁毒 project's head counts per role, an external 督导, a minimum
//! education, years from either kind of experience, full-time staff, the
//! grades of the 社会工作者职业水平证书 (never raised by a synonym), one
//! person in one place, education not completed, ratios, shares, ages and
//! printed preferences; and the thirty real passages of the corpus
//! ([`corpus`]).

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

/// The project's source with each `(find, replace)` applied once.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut source = source_of(LIWAN);
    for (find, replace) in edits {
        assert!(source.contains(find), "{find}");
        source = source.replacen(find, replace, 1);
    }
    source
}

/// Every case: the edits, and the problems `check` then reports (none: the
/// wording is read as meant).
fn check_cases(cases: &[(&[(&str, &str)], &[&str])]) {
    let mut wrong = Vec::new();
    for (edits, expected) in cases {
        let expected: Vec<String> = expected.iter().map(|e| format!("{LIWAN}:{e}")).collect();
        let found = problems(&edited(edits), LIWAN);
        if found != expected {
            wrong.push(format!("{edits:?}:\n  {}", found.join("\n  ")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

const RULES: &str = "  staffing_rules:                  # 照采购文件的人员要求写成设置\n";
const LEAD: &str = "role: 项目主任, qualifications: [社会工作师]";

#[test]
fn a_grade_is_read_wherever_it_is_written_and_never_raised() {
    let with_rules = |extra: &'static str| -> (&'static str, String) { (RULES, format!("{RULES}{extra}")) };
    let synonym = with_rules("    synonyms: { 社会工作师: [社工师] }\n");
    let raising = with_rules("    synonyms: { 社会工作师: [助理社工师] }\n");
    let cases: &[(&[(&str, &str)], &[&str])] = &[
        // A synonym adds a word for 中级; 助理社工师 says 初级 itself.
        (
            &[(synonym.0, synonym.1.as_str()), (LEAD, "role: 项目主任, qualifications: [助理社工师]")],
            &[
                "20:17: 主任梁敏须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）；梁敏 持有 助理社工师（读作 社会工作者职业水平证书初级），学历为 社会工作专业本科",
            ],
        ),
        (
            &[(raising.0, raising.1.as_str())],
            &[
                "32:25: 同义词“助理社工师”读作社会工作者职业水平证书初级，不能算作“社会工作师”（社会工作者职业水平证书中级）：同义词不能改变证书的等级",
            ],
        ),
        (
            &[(LEAD, "role: 项目主任, qualifications: [社会工作师（初级）]")],
            &[
                "20:17: 主任梁敏须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）；梁敏 持有 社会工作师（初级）（读作 社会工作者职业水平证书初级），学历为 社会工作专业本科",
            ],
        ),
        // A bare 社工证 proves the certificate, not its grade.
        (
            &[(LEAD, "role: 项目主任, qualifications: [社工证]")],
            &[
                "20:17: 主任梁敏须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）；梁敏 持有 社工证（读作 社会工作者职业水平证书（看不出等级）），学历为 社会工作专业本科",
            ],
        ),
    ];
    check_cases(cases);
    // The wordings real rosters use, each read as its grade: nothing to report.
    for held in ["中级社工师", "中级社工证", "社会工作者职业资格证书（中级）", "高级社工师", "社会工作师（2020年取得）"]
    {
        let lead = format!("role: 项目主任, qualifications: [{held}]");
        check_cases(&[(&[(LEAD, lead.as_str())], &[])]);
    }
    for held in ["助理社工师", "社会工作师（初级）", "初级社工", "社工证"] {
        let member = format!("role: 社工, qualifications: [{held}], education: 大专（社会工作）");
        check_cases(&[(
            &[("role: 社工, qualifications: [助理社会工作师], education: 大专（社会工作）", member.as_str())],
            &[],
        )]);
    }
}

#[test]
fn one_person_fills_one_place() {
    // 郑琳 leaves; the 主任 is listed again as a 社工.
    let again = "    - { member: 梁敏, role: 社工（兼任）, qualifications: [社会工作师], education: 社会工作专业本科, years: 4, full_time: true }";
    let zheng = "    - { member: 郑琳, role: 社工, qualifications: [助理社会工作师], education: 大专, years: 2, full_time: true }";
    let cases: &[(&[(&str, &str)], &[&str])] = &[
        (
            &[(zheng, again)],
            &[
                "20:5: 团队共 8 人（外聘的 1 人不计；梁敏列了 2 次，只计 1 人），要求 9 人",
                "20:5: 社工有 7 人（梁敏已计入主任，一人只占一个岗位），要求 8 人",
            ],
        ),
        // An assistant to the 社工 is not a 社工.
        (&[("member: 郑琳, role: 社工,", "member: 郑琳, role: 社工助理,")], &["20:5: 社工有 7 人，要求 8 人"]),
        // One line naming two roles is the same.
        (
            &[(zheng, ""), ("role: 项目主任,", "role: 项目主任兼社工,")],
            &[
                "20:5: 团队共 8 人（外聘的 1 人不计），要求 9 人",
                "20:5: 社工有 7 人（梁敏已计入主任，一人只占一个岗位），要求 8 人",
            ],
        ),
        // A role the rule lets be held with another counts them, but the
        // team still has eight people.
        (
            &[
                (zheng, ""),
                ("role: 项目主任,", "role: 项目主任兼社工,"),
                ("{ role: 社工, count: 8,", "{ role: 社工, count: 8, shared: true,"),
            ],
            &["20:5: 团队共 8 人（外聘的 1 人不计），要求 9 人"],
        ),
        // The 主任 as the 督导 is not an external 督导.
        (
            &[("role: 项目主任,", "role: 项目主任兼外聘督导,"), ("    - { member: 罗清", "    # - { member: 罗清")],
            &[
                "20:5: 外聘督导有 0 人（梁敏已计入主任，一人只占一个岗位），要求至少 1 人",
                "20:17: 外聘督导梁敏的经验：禁毒 未写，要求至少 3 年（写在 experience 中，如 experience: { 禁毒: 3 }）",
            ],
        ),
    ];
    check_cases(cases);
}

#[test]
fn a_level_started_is_not_a_level_held() {
    let chen = "education: 大专（社会工作）";
    let cases: &[(&[(&str, &str)], &[&str])] = &[
        (&[(chen, "education: 本科肄业")], &["21:69: 陈雅的学历“本科肄业”：本科肄业，未取得本科学历，要求大专及以上"]),
        (&[(chen, "education: 在读本科")], &["21:69: 陈雅的学历“在读本科”：本科在读，未取得本科学历，要求大专及以上"]),
        (&[(chen, "education: 本科结业")], &["21:69: 陈雅的学历“本科结业”：本科结业，未取得本科学历，要求大专及以上"]),
        (
            &[(chen, "education: 中专，本科在读")],
            &["21:69: 陈雅的学历“中专，本科在读”：本科在读，未取得本科学历，已完成的是中专，要求大专及以上"],
        ),
        (&[(chen, "education: 大专，本科在读")], &[]),
        (&[(chen, "education: 专升本")], &[]),
        (&[(chen, "education: 本科（专升本）")], &[]),
    ];
    check_cases(cases);
}

const WORKERS: &str = "{ role: 社工, count: 8,";
const HEAD: &str = "{ role: 主任, count: 1,";

#[test]
fn ratios_shares_and_ages_are_stated_and_checked() {
    let clients = (RULES, "  staffing_rules:\n    clients: 300名吸毒人员\n");
    let cases: &[(&[(&str, &str)], &[&str])] = &[
        // 300 clients at one 社工 to 30: ten are needed, rounded up.
        (
            &[clients, (WORKERS, r#"{ role: 社工, count: 8, ratio: "1:30","#)],
            &["38:38: 社工有 8 人，按 1:30 配备，300名吸毒人员须至少 10 人"],
        ),
        (&[clients, (WORKERS, r#"{ role: 社工, count: 8, ratio: "1:38","#)], &[]),
        (
            &[clients, (WORKERS, r#"{ role: 社工, count: 8, ratio: "1:37","#)],
            &["38:38: 社工有 8 人，按 1:37 配备，300名吸毒人员须至少 9 人"],
        ),
        (
            &[(WORKERS, r#"{ role: 社工, count: 8, ratio: "1:30","#)],
            &["37:38: 按 1:30 配备须写明服务对象数量（clients），如 clients: 120"],
        ),
        (
            &[(RULES, "  staffing_rules:\n    clients: 400\n    ratio: 1:40\n")],
            &["33:12: 团队共 9 人（外聘的 1 人不计），按 1:40 配备，服务对象 400 人须至少 10 人"],
        ),
        (
            &[(HEAD, "{ role: 主任, count: 1, share: 20%,")],
            &["20:5: 主任有 1 人，占 11.11%（共 9 人），低于要求的 20%"],
        ),
        // Counted by a condition, among one role: 何欣 and 吴昊 of the eight 社工.
        (
            &[(
                RULES,
                "  staffing_rules:\n    groups: [{ group: 中级社工师, role: 社工, who: [中级社会工作师], count: { min: 3 }, share: 30% }]\n",
            )],
            &[
                "20:5: 中级社工师（岗位含“社工”且社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师））有 2 人，要求至少 3 人",
                "20:5: 中级社工师（岗位含“社工”且社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师））有 2 人，占 25%（共 8 人），低于要求的 30%",
            ],
        ),
        // An age, or a birth date on the day the rule names.
        (
            &[
                (HEAD, "{ role: 主任, count: 1, age: { max: 35 },"),
                ("years: 4, management_years: 6", "years: 4, management_years: 6, age: 38"),
            ],
            &["20:115: 主任梁敏 38 岁，要求不超过 35 周岁"],
        ),
        (
            &[(HEAD, "{ role: 主任, count: 1, age: { max: 35 },")],
            &["20:17: 主任梁敏未写年龄（age）或出生年月（born），要求不超过 35 周岁"],
        ),
        (
            &[
                (HEAD, "{ role: 主任, count: 1, age: { max: 35, on: 2025-06-30 },"),
                ("management_years: 6", "management_years: 6, born: 1988"),
            ],
            &["20:116: 主任梁敏1988年出生，按2025年6月30日计要求不超过 35 周岁（1989年7月1日及以后出生）"],
        ),
        (
            &[
                (HEAD, "{ role: 主任, count: 1, age: { max: 35, on: 2025-06-30 },"),
                ("management_years: 6", "management_years: 6, born: 1989"),
            ],
            &[
                "20:116: 主任梁敏出生于1989年，看不出是否符合：按2025年6月30日计要求不超过 35 周岁（1989年7月1日及以后出生），请把出生日期写到日",
            ],
        ),
        (
            &[
                (HEAD, "{ role: 主任, count: 1, age: { max: 35, on: 2025-06-30 },"),
                ("management_years: 6", "management_years: 6, born: 1989-08"),
            ],
            &[],
        ),
        (
            &[
                (HEAD, "{ role: 主任, count: 1, age: { max: 35 },"),
                ("management_years: 6", "management_years: 6, born: 1989-08"),
            ],
            &[
                "20:116: 主任梁敏只写了出生年月（1989年8月），要求不超过 35 周岁须写明按哪天计算年龄，如 age: { max: 45, on: 2025-06-30 }，或写成员的年龄 age",
            ],
        ),
    ];
    check_cases(cases);
}

#[test]
fn preferences_are_printed_and_never_checked() {
    let source = edited(&[
        (RULES, "  staffing_rules:\n    preferred: [本地户籍人员]\n"),
        (HEAD, "{ role: 主任, count: 1, preferred: [社会工作专业硕士],"),
    ]);
    assert_eq!(problems(&source, LIWAN), Vec::<String>::new());
    let text: String = document_text_of(&loaded(&source, LIWAN), "采购需求").split_whitespace().collect();
    assert!(text.contains("同等条件下优先：本地户籍人员；主任：社会工作专业硕士。"), "{text}");
    let plain: String = document_text_of(&loaded(&source_of(LIWAN), LIWAN), "采购需求").split_whitespace().collect();
    assert!(!plain.contains("优先"), "{plain}");
}
