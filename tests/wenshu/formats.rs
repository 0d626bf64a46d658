//! The service plan (seed 001), the 用户需求书 with its 工时测算 (seed 003)
//! and the 湖里区 form (seed 004): computed figures and the rules they check.

use crate::*;

#[test]
fn work_hours_add_up_to_the_seeds_total() {
    let text = flat(&document_text_of(&loaded(&source_of(ZHONGSHAN), ZHONGSHAN), "用户需求书"));
    assert!(text.contains("咨询/探访人次100022000"), "{text}");
    assert!(text.contains("服务督导工作次928736"), "{text}");
    assert!(text.contains("项目合计工作总时数10632"), "{text}");
    // 10632 ÷ (40 × 52) = 5.11: at least 6 full-time staff.
    assert!(
        text.contains("每人每年可提供2080小时；项目合计工作总时数10632小时，需全职人员5.11人，即至少配备6名全职人员"),
        "{text}"
    );
}

#[test]
fn one_rows_quantity_changes_its_hours_and_the_total() {
    let changed = edited(ZHONGSHAN, "quantity: 92, hours_each: 8", "quantity: 100, hours_each: 8");
    let text = flat(&document_text_of(&changed, "用户需求书"));
    // 100 × 8 = 800, 64 more hours than the seed's 736: 10696 in all.
    assert!(text.contains("服务督导工作次1008800"), "{text}");
    assert!(text.contains("项目合计工作总时数10696"), "{text}");
    assert!(text.contains("需全职人员5.14人"), "{text}");
}

#[test]
fn the_team_is_checked_against_each_staffing_rule() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "qualifications: [心理咨询师三级]",
            "qualifications: [教师资格]",
            "54:5: 团队中具备认可资格（社会工作师、社工、心理咨询师、婚姻家庭咨询师）的有 3 人，占 60%（共 5 人），低于要求的 80%",
        ),
        ("role: 项目主管", "role: 社工", "54:5: 项目主管有 0 人，占 0%（共 5 人），低于要求的 20%"),
        (
            "qualifications: [中级社会工作师], years: 8",
            "qualifications: [助理社会工作师], years: 8",
            "54:17: 项目主管李敏须持有认可的资格之一：社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）、心理咨询师二级及以上、婚姻家庭咨询师（任一等级）；李敏 持有 助理社会工作师（读作 社会工作者职业水平证书初级）",
        ),
        ("management_years: 5", "management_years: 2", "54:88: 项目主管李敏有 2 年项目运营经验，要求至少 3 年"),
        ("years: 3 }", "years: 2 }", "57:65: 吴芳从事社会工作 2 年，要求 3 年以上"),
    ];
    for (find, replace, expected) in cases {
        let errors = workspace().check(&edited(ZHONGSHAN, find, replace));
        assert_eq!(first_lines(&errors), [format!("{ZHONGSHAN}:{expected}")], "{find} → {replace}");
    }
}

#[test]
fn three_level_tables_merge_the_service_of_two_quantities() {
    let source = workspace().render(&loaded(&source_of(XINGTAN), XINGTAN), kind("服务分项目标及指标")).unwrap();
    // 外展服务: one 服务指标 cell over its two quantities.
    assert!(source.text.contains("term(rowspan: 2)[外展服务],\n  table.cell(rowspan: 2, align: left)[走进企业普法宣传，传播心理知识、现场咨询等], [开展次数], [6次],\n  [服务人次], [380人次],"), "{}", source.text);
    // The five-column shape prints the unit apart from the number.
    assert!(source.text.contains("[建档率], [百分比], [100], table.cell(align: left)[],"), "{}", source.text);
    assert!(source.text.contains("[干预人次], [人次], [常态化],"), "{}", source.text);
}

#[test]
fn huli_reasons_stay_in_the_box_when_they_fit() {
    let source = source_of(JINHAI);
    let start = source.find("  reasons: |-").unwrap();
    let short_source = format!("{}  reasons: 社区儿童服务需求大，居民支持续约。\n", &source[..start]);
    let project = loaded(&short_source, JINHAI);
    let document = workspace().compile(&workspace().render(&project, kind("湖里区申报表")).unwrap()).unwrap();
    assert_eq!(document.pages().len(), 1, "a short reason needs no attached page");
    let text = flat(&wenshu::typeset::compile::document_text(&document));
    assert!(text.contains("申报理由社区儿童服务需求大，居民支持续约。"), "{text}");
    assert!(!text.contains("详见附件"));

    let long =
        workspace().compile(&workspace().render(&loaded(&source, JINHAI), kind("湖里区申报表")).unwrap()).unwrap();
    assert_eq!(long.pages().len(), 2, "the long reason goes on the attached page");
    let text = flat(&wenshu::typeset::compile::document_text(&long));
    assert!(text.contains("申报理由（申报理由详见附件）"), "{text}");
    assert!(text.contains("附件：金海社区自2018年8月引进"), "{text}");
}
