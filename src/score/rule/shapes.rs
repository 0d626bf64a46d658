//! The shapes of 评分细则 real tables write, one test each, with the
//! figure a finance officer computes by hand — and the backwards readings
//! that must never come back.

use super::*;

fn n(text: &str) -> Number {
    Number::parse(text).unwrap()
}

/// The score of `actual` by `rule` out of `points`, with two decimals.
fn score(rule: &str, actual: &str, points: &str) -> String {
    let read = Rule::parse(rule).unwrap_or_else(|e| panic!("{e}"));
    read.score(&Subject::actual(actual), n(points)).unwrap_or_else(|e| panic!("{rule} / {actual}: {e}")).score.fixed2()
}

fn against(rule: &str, actual: &str, target: (&str, &str, bool), points: &str) -> Result<String, String> {
    let subject = Subject::against(actual, n(target.0), target.1, target.2);
    Rule::parse(rule)?.score(&subject, n(points)).map(|s| s.score.fixed2())
}

#[test]
fn a_proportion_on_a_ceiling_is_refused_not_scored_backwards() {
    // ≤9%: 12% is worse than 6%, a proportion would give it more.
    for rule in ["按完成比例计算得分", "得分=实际完成率×分值"] {
        for actual in ["12%", "6%"] {
            let err = against(rule, actual, ("9", "%", true), "20").unwrap_err();
            assert!(err.contains("上限（越低越好）"), "{err}");
        }
    }
    // The same rule on a floor is proportional.
    assert_eq!(against("按完成比例计算得分", "6%", ("9", "%", false), "20").unwrap(), "13.33");
    // A rule that says which way: a ceiling scored as it says.
    assert_eq!(against("≤9%得满分，每超过1个百分点扣5分", "12%", ("9", "%", true), "20").unwrap(), "5.00");
    // A step short of a ceiling target is the wrong way round.
    assert!(against("每少1个百分点扣1分", "8%", ("9", "%", true), "20").unwrap_err().contains("方向相反"));
}

#[test]
fn occurrences_are_counted_from_none() {
    assert_eq!(score("每发现一处问题扣1分，扣完为止", "2处", "5"), "3.00");
    assert_eq!(score("每发现一起违规扣2分", "1起", "5"), "3.00");
    assert_eq!(score("每发现一起违规扣2分", "未发现", "5"), "5.00");
    assert_eq!(score("出现1例未处理扣2分", "2例", "6"), "2.00");
    assert_eq!(score("1处不合格扣0.5分，扣完为止", "3处", "2"), "0.50");
    // A unit the rule does not count in is no occurrence.
    assert!(Rule::parse("每发现一处扣1分").unwrap().score(&Subject::actual("2人"), n("5")).is_err());
}

#[test]
fn days_late_deduct_per_day_and_a_cut_off_takes_all() {
    let rule = "每迟报一天扣1分；迟报四天及以上不得分";
    assert_eq!(score(rule, "迟报2天", "5"), "3.00");
    assert_eq!(score(rule, "2天", "5"), "3.00");
    assert_eq!(score(rule, "按时", "5"), "5.00");
    assert_eq!(score(rule, "未迟报", "5"), "5.00");
    assert_eq!(score(rule, "迟报4天", "5"), "0.00");
    assert_eq!(score("每延迟1天扣0.2分", "3天", "2"), "1.40");
    assert_eq!(
        Rule::parse(rule).unwrap().describe(),
        "≥4天不得分；没有发生得满分；每迟报1天扣1分（不足一档不扣）；扣完为止"
    );
}

#[test]
fn a_deviation_counts_both_ways() {
    let rule = "实际完成情况与计划每相差3%，扣1分，扣满15分为止";
    assert_eq!(against(rule, "91%", ("100", "%", false), "15").unwrap(), "12.00");
    assert_eq!(against(rule, "106%", ("100", "%", false), "15").unwrap(), "13.00");
    let band = "偏差率在±5%以内得满分，超出部分每1%扣0.8分";
    assert_eq!(score(band, "8%", "10"), "7.60");
    assert_eq!(score(band, "4%", "10"), "10.00");
    let stated = "占比上下相差在5个百分点内得10分，上下相差在5个百分点外，每增加或降低2个百分点扣1分，扣完为止";
    assert_eq!(score(stated, "高出9个百分点", "10"), "8.00");
    assert_eq!(score(stated, "低7个百分点", "10"), "9.00");
}

#[test]
fn levels_in_words_with_a_bare_score_or_a_named_full_mark() {
    let rule = "充分：3分；一般：1.5分；没有：0分";
    assert_eq!(score(rule, "充分", "3"), "3.00");
    assert_eq!(score(rule, "一般", "3"), "1.50");
    assert_eq!(score(rule, "没有", "3"), "0.00");
    assert_eq!(score("达到要求的得基本分，未达到的不得分", "达到要求", "4"), "4.00");
    assert_eq!(score("符合规定得标准分，不符合不得分", "不符合", "4"), "0.00");
}

#[test]
fn formulas_with_a_cap() {
    let rule = "得分值=完成率（超过100%以100%计算）×20";
    assert_eq!(score(rule, "85%", "20"), "17.00");
    assert_eq!(score(rule, "120%", "20"), "20.00");
    assert_eq!(score("此项分值计算方法为：完成上传的次数/7*2", "5次", "2"), "1.43");
    assert_eq!(score("实行长期公示的乡镇的比例*3", "90%", "3"), "2.70");
    // A formula whose figure the actual does not give is refused.
    assert!(
        Rule::parse("最低报价/该申报单位的报价*10").unwrap().score(&Subject::actual("报价45万元"), n("10")).is_err()
    );
}

#[test]
fn bands_that_deduct_and_ranges_written_with_words() {
    let rule = "5%以内扣1分，5%-10%之间扣3分，10%以上不得分";
    assert_eq!(score(rule, "3%", "5"), "4.00");
    assert_eq!(score(rule, "5%", "5"), "4.00");
    assert_eq!(score(rule, "7%", "5"), "2.00");
    assert_eq!(score(rule, "12%", "5"), "0.00");
    let words = "90%及以上100%以下得8分，100%及以上得10分，90%以下不得分";
    assert_eq!(score(words, "95%", "10"), "8.00");
    assert_eq!(score(words, "100%", "10"), "10.00");
    assert_eq!(score(words, "89%", "10"), "0.00");
    let graded = "项目执行与计划的符合程度，100%符合：5分，80%符合：4分，60%符合：3分，低于60%不得分";
    assert_eq!(score(graded, "85%", "5"), "4.00");
    assert_eq!(score(graded, "59%", "5"), "0.00");
}

#[test]
fn steps_without_each() {
    assert_eq!(against("召开会议不少于4次，少一次扣1分", "3次", ("4", "次", false), "5").unwrap(), "4.00");
    assert_eq!(score("缺1人次扣1分", "缺2人次", "5"), "3.00");
    assert_eq!(score("虚报一次扣1分，上报不及时一次扣0.5分", "虚报0次、上报不及时3次", "4"), "2.50");
}

#[test]
fn a_threshold_then_a_proportion() {
    let rule = "完成率达到100%得满分，否则按完成比例计分";
    assert_eq!(score(rule, "100%", "10"), "10.00");
    assert_eq!(score(rule, "80%", "10"), "8.00");
}

#[test]
fn conditions_counted_and_items_added() {
    let two = "两条指标均符合计2分；满足一条计1分；均不符合计0分";
    assert_eq!(score(two, "两条均符合", "2"), "2.00");
    assert_eq!(score(two, "满足一条", "2"), "1.00");
    assert_eq!(score(two, "均不符合", "2"), "0.00");
    let items = "有组织领导计0.5分，有宣传窗计0.5分，有公开栏计0.5分，有电脑设备并联网计0.5分";
    assert_eq!(score(items, "无公开栏，其余齐全", "2"), "1.50");
    // Added up, or one of them: the indicator's points decide, or the rule is refused.
    let offices = "(1)有独立办公用房15分(2)与其他单位共用办公用房9分(3)无办公用房 0分";
    assert_eq!(score(offices, "与其他单位共用", "15"), "9.00");
    assert!(Rule::parse(items).unwrap().score(&Subject::actual("有宣传窗"), n("3")).is_err());
}

#[test]
fn the_actual_in_the_rules_own_words_or_their_opposite() {
    assert_eq!(score("完成得5分，未完成不得分", "已完成", "5"), "5.00");
    assert_eq!(score("已建立得5分，未建立不得分", "已建立", "5"), "5.00");
    assert_eq!(score("纳入计划的得1分，未纳入的不得分", "未纳入", "1"), "0.00");
    let seal = "报表无同级财政部门公章，扣3分";
    assert_eq!(score(seal, "有同级财政部门公章", "5"), "5.00");
    assert_eq!(score(seal, "无同级财政部门公章", "5"), "2.00");
    assert_eq!(score("延期换届的扣1分；资料不全、不规范扣0.5分", "按期换届、资料不全", "3"), "2.50");
    // Words that fit no level are refused, never taken for the better one.
    let err = Rule::parse(seal).unwrap().score(&Subject::actual("公章模糊"), n("5")).unwrap_err();
    assert!(err.contains("公章模糊"), "{err}");
}

#[test]
fn several_items_each_stated_in_the_actual() {
    let rule = "每月报表计5分，表内项目错一笔扣1分，漏填一个项目扣1分，迟报一天扣1分，扣完为止";
    assert_eq!(score(rule, "错0笔、漏填0项、迟报2天", "5"), "3.00");
    // An item the actual leaves out is asked for, not taken as fine.
    let err = Rule::parse(rule).unwrap().score(&Subject::actual("迟报2天"), n("5")).unwrap_err();
    assert!(err.contains("没有说到") && err.contains("错"), "{err}");
}

#[test]
fn a_judged_branch_is_refused_only_when_reached() {
    let rule = "绩效目标编制要素完整的，得5分，否则酌情扣分";
    assert_eq!(score(rule, "要素完整", "5"), "5.00");
    let err = Rule::parse(rule).unwrap().score(&Subject::actual("要素不完整"), n("5")).unwrap_err();
    assert!(err.contains("酌情"), "{err}");
    assert!(Rule::parse("视情况酌情扣分").is_err());
}

#[test]
fn wordings_from_other_regions() {
    // Weeks late, complaints counted from none, a span of full marks either way.
    assert_eq!(score("按时提交季度报告得满分，每延迟一周扣1分", "延迟2周", "4"), "2.00");
    assert_eq!(score("投诉每发生1起扣2分", "无投诉", "6"), "6.00");
    assert_eq!(score("投诉每发生1起扣2分", "投诉2起", "6"), "2.00");
    let span = "预算执行率在90%-110%之间得满分，每偏离1个百分点扣0.5分";
    assert_eq!(score(span, "85%", "10"), "7.50");
    assert_eq!(score(span, "115%", "10"), "7.50");
    assert_eq!(score(span, "100%", "10"), "10.00");
    // A definition before the formula names the measure; 得分 alone is the points.
    assert_eq!(score("服务覆盖率=实际服务人数/目标人数×100%，覆盖率×分值", "85%", "10"), "8.50");
    assert_eq!(score("按计划完成得分，未按计划完成的视情况扣分", "按计划完成", "5"), "5.00");
}
