//! Rules as data: a table's own categories and weights, its 评分细则, and
//! completion rates for tables that have no year-end evaluation. Each test
//! here failed on the code before (a 投入/过程 table printed 124.17 / 125
//! and 优秀 without a word).

use crate::*;

const BASE: &str = "tests/bad/base.yaml";

/// The base project's header and evaluation around `indicators`.
fn with_indicators(indicators: &str, evaluation_extra: &str) -> String {
    let base = source_of(BASE);
    let start = base.find("indicators:\n").unwrap();
    let end = base.find("evaluation:\n").unwrap();
    format!("{}indicators:\n{indicators}evaluation:\n{evaluation_extra}{}", &base[..start], &base[end + 12..])
}

/// A 广西-style table: 投入 and 过程 beside 产出, 效益 and 满意度, each
/// indicator with its own 分值 and 评分细则.
const GUANGXI: &str = "  - level1: 投入指标
    groups:
      - level2: 资金投入
        items:
          - indicator: 资金到位率
            target: 100%
            actual: 85%
            rule: 到位率100%得5分，每少10个百分点扣1分，扣完为止
            reason: 配套资金下半年才到位。
          - indicator: 预算支出进度
            target: ≥90%
            actual: 85%
            rule: 预算支出进度达到90%以上(含90%)得10分，每少1个百分点扣1分，扣完为止
            reason: 年末部分款项未支付。
  - level1: 过程指标
    groups:
      - level2: 资金管理
        items:
          - indicator: 资金专项核算
            target: 专项核算
            actual: 有
            rule: 有得10分，无不得分
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - indicator: 个案
            target: 10个
            actual: 12个
            points: 40
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - indicator: 服务对象问题改善率
            target: ≥80%
            actual: 85%
            points: 15
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - indicator: 满意度
            target: ≥90%
            actual: 95%
            points: 10
";

const GUANGXI_WEIGHTS: &str =
    "  weights: { 预算执行率: 10, 投入指标: 15, 过程指标: 10, 产出指标: 40, 效益指标: 15, 满意度指标: 10 }\n";

fn evaluated_of_text(source: &str) -> wenshu::score::evaluate::Evaluated {
    let loaded = loaded(source, BASE);
    let prepared = workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    prepared.evaluated.unwrap()
}

#[test]
fn a_table_with_input_and_process_indicators_is_not_graded_without_its_weights() {
    // Before: 总分 124.17 / 125.00, 优秀 — points of categories the
    // national form does not know were added on top of its 100.
    let refused = problems(&with_indicators(GUANGXI, ""), BASE);
    assert!(
        refused.iter().any(|e| e.contains("一级指标“投入指标”“过程指标”不在默认的分值（预算执行率10分、产出指标50分、效益指标30分、满意度指标10分）之中，wenshu 不会猜它的分值")),
        "{refused:?}"
    );
    let auto = problems(&with_indicators(GUANGXI, "  weights: auto\n"), BASE);
    assert!(auto.iter().any(|e| e.contains("一级指标“投入指标”“过程指标”不在默认的分值")), "{auto:?}");
}

#[test]
fn six_categories_weighted_to_100_with_rules_that_decide_the_score() {
    let source = with_indicators(
        GUANGXI,
        &GUANGXI_WEIGHTS.replace("满意度指标: 15", "满意度指标: 10").replace("预算执行率: 5", "预算执行率: 10"),
    );
    let e = evaluated_of_text(&source);
    let level1: Vec<(&str, String, String)> =
        e.categories.iter().map(|c| (c.level1.as_str(), c.points.fixed2(), c.score.fixed2())).collect();
    // 到位率 85%: 15 points short, one full step and a part of one ("以内"
    // is not written, so only whole steps count) → 5 − 1 = 4; 预算支出进度
    // 85%: 5 points short of 90% → 10 − 5 = 5 (proportionally it was 9.44).
    let input = e.categories[0].groups[0].items.iter().map(|i| shown(i.score)).collect::<Vec<_>>();
    assert_eq!(input, ["4.00", "5.00"], "{:?}", e.categories[0].groups[0].items);
    assert_eq!(level1[0], ("投入指标", "15.00".to_owned(), "9.00".to_owned()));
    assert_eq!((e.total.fixed2().as_str(), e.grade.as_str()), ("94.00", "优秀"));
    assert_eq!(level1[1], ("过程指标", "10.00".to_owned(), "10.00".to_owned()));
    assert_eq!(level1[2], ("产出指标", "40.00".to_owned(), "40.00".to_owned()));
    assert_eq!((e.max.fixed2(), e.execution.points.fixed2()), ("100.00".to_owned(), "10.00".to_owned()));
    assert!(
        e.weights_sentence
            .contains("预算执行率10分、投入指标15分、过程指标10分、产出指标40分、效益指标15分、满意度指标10分")
    );
    // The grade is on the table's 100, and the report says how it was made.
    let total = e.total;
    assert!(
        total < wenshu::units::number::Number::from_int(100) && total > wenshu::units::number::Number::from_int(90),
        "{}",
        e.total
    );
    // `wenshu explain` shows each rule applied.
    let explained = wenshu::cli::explain::table("guangxi", &e);
    assert!(
        explained.contains(
            "评分细则 预算支出进度：实际 85%，低于 90% 共 5 个百分点；每少 1 个百分点扣 1 分：扣 5 分；10 − 5 = 5 分"
        ),
        "{explained}"
    );
}

#[test]
fn the_report_states_the_weights_it_scored_with() {
    // Stated weights follow the table's own 一级指标: 盐田's 满意度 is a
    // 二级指标 under 效益, so it is scored with 效益.
    let weights = "evaluation:\n  weights: { 预算执行率: 10, 产出指标: 55, 效益指标: 35 }\n";
    let project = edited(YANTIAN, "evaluation:\n", weights);
    let report = flat(&document_text_of(&project, "绩效评价报告"));
    assert!(report.contains("各级分值按项目文件：预算执行率10分、产出指标55分、效益指标35分，满分100分。"), "{report}");
    assert!(!report.contains("产出指标50分"), "{report}");
    // With the national points, the report says them too.
    let national = flat(&document_text_of(&loaded(&source_of(YANTIAN), YANTIAN), "绩效评价报告"));
    assert!(national.contains("各级分值：预算执行率10分、产出指标50分、效益指标30分、满意度指标10分。"), "{national}");
}

#[test]
fn weights_that_do_not_add_up_or_name_no_category_are_refused_with_the_figures() {
    let wrong = problems(&with_indicators(GUANGXI, &GUANGXI_WEIGHTS.replace("满意度指标: 10", "满意度指标: 15")), BASE);
    assert!(
        wrong.iter().any(|e| e.contains("各级指标分值之和为 105，应为 100（满分）：预算执行率10分、投入指标15分、过程指标10分、产出指标40分、效益指标15分、满意度指标15分")),
        "{wrong:?}"
    );
    // The 满意度 category has one indicator of 10 points against its 15.
    assert!(wrong.iter().any(|e| e.contains("满意度指标写明的分值之和 10 少于该级指标的分值 15")), "{wrong:?}");
    let unknown = problems(
        &with_indicators(
            GUANGXI,
            "  weights: { 预算执行率: 10, 决策指标: 15, 过程指标: 10, 产出指标: 40, 效益指标: 15, 满意度指标: 10 }\n",
        ),
        BASE,
    );
    assert!(
        unknown.iter().any(|e| e.contains("weights 给了“决策指标” 15 分，但年度绩效指标中没有这个一级指标（表上的一级指标：投入指标、过程指标、产出指标、效益指标、满意度指标）")),
        "{unknown:?}"
    );
    assert!(
        unknown.iter().any(|e| e.contains(
            "一级指标“投入指标”有 2 个计分的指标，但 weights 没有给它分值：请在 weights 中写 投入指标: 分值"
        )),
        "{unknown:?}"
    );
}

#[test]
fn an_unreadable_rule_is_refused_quoting_it() {
    let source = with_indicators(&GUANGXI.replace("有得10分，无不得分", "视情况酌情扣分"), GUANGXI_WEIGHTS);
    let refused = problems(&source, BASE);
    assert!(refused.iter().any(|e| e.contains("视情况酌情扣分")), "{refused:?}");
}

#[test]
fn the_full_score_is_declared_and_grades_apply_to_it() {
    let source = with_indicators(
        GUANGXI,
        "  full_score: 120\n  weights: { 预算执行率: 10, 投入指标: 15, 过程指标: 10, 产出指标: 40, 效益指标: 15, 满意度指标: 30 }\n",
    )
    .replace("            points: 10\n", "            points: 30\n");
    let e = evaluated_of_text(&source);
    assert_eq!(e.max.fixed2(), "120.00");
    // 90% of 120 is 108: the grade is on the declared scale.
    let total = e.total;
    let expected = if total >= wenshu::units::number::Number::from_int(108) { "优秀" } else { "良好" };
    assert_eq!(e.grade, expected, "{}", e.total);
    assert!(e.grading_sentence.contains("108分以上为优秀"), "{}", e.grading_sentence);
}

/// A 完成进度公示: targets and actuals, no evaluation.
fn notice() -> String {
    let base = source_of(BASE);
    let end = base.find("evaluation:\n").unwrap();
    format!("{}completion: 完成进度\n", &base[..end])
        .replace("actual: 12个", "actual: 探访12个")
        .replace("actual: 4个", "actual: 3个")
}

#[test]
fn completion_rates_without_a_year_end_evaluation() {
    let loaded = loaded(&notice(), BASE);
    let prepared = workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    assert!(prepared.evaluated.is_none());
    let progress = prepared.progress.expect("rates are computed from targets and actuals alone");
    let rates: Vec<Option<String>> =
        progress.categories.iter().flat_map(|c| &c.groups).flat_map(|g| &g.items).map(|i| i.rate.clone()).collect();
    // 12 of 10 is capped at 100% for 完成进度; 3 of 4 is 75%.
    assert_eq!(rates[..2], [Some("100.00%".to_owned()), Some("75.00%".to_owned())]);
    let explained = wenshu::cli::explain::progress_table("notice", &progress);
    assert!(explained.contains("没有年终评价（evaluation）：只计算完成进度，不计分"), "{explained}");
    assert!(explained.contains("75.00%"), "{explained}");
    // An actual that cannot be read is an error even with no evaluation.
    let bad = problems(&notice().replace("actual: 3个", "actual: 三个"), BASE);
    assert!(bad.iter().any(|e| e.contains("指标“小组”的实际完成值“三个”中没有数量")), "{bad:?}");
}

#[test]
fn a_procurement_without_year_or_name_checks_its_assistants_against_the_certificate() {
    // A 采购需求 prints neither a year nor a project name; its 社工 hold
    // 助理社会工作师, a grade of the 社会工作者职业水平证书 the rule names.
    const LIWAN: &str = "tests/fixtures/liwan-drug-procurement.yaml";
    let source =
        source_of(LIWAN).replacen("year: 2025\n", "", 1).replacen("name: 2025年荔湾区禁毒社会工作服务项目\n", "", 1);
    assert!(!source.contains("\nyear:") && !source.contains("\nname:"));
    assert!(source.contains("qualifications: [助理社会工作师]") && source.contains("[社会工作者职业水平证书]"));
    assert_eq!(problems(&source, LIWAN), Vec::<String>::new());
    let text = flat(&document_text_of(&loaded(&source, LIWAN), "采购需求"));
    assert!(text.contains("2025年荔湾区禁毒社会工作服务项目采购需求"), "{text}");
}
