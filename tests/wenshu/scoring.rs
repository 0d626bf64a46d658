//! Scores a finance bureau can trust: targets as real tables write them,
//! weights that never vanish, narrative actuals, capped 完成进度, and
//! `wenshu explain` showing how each figure was reached.

use std::process::Command;

use crate::*;

const BASE: &str = "tests/bad/base.yaml";

fn explain(project: &str) -> String {
    let output =
        Command::new(env!("CARGO_BIN_EXE_wenshu")).args(["explain", project]).current_dir(root()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn explain_shows_how_every_figure_of_the_examples_was_reached() {
    insta::assert_snapshot!("explain-wenchong", explain(WENCHONG));
    insta::assert_snapshot!("explain-yantian", explain(YANTIAN));
}

/// The corpus base with only its 产出指标: all met, nothing else.
fn output_only(weights: &str) -> String {
    let base = source_of(BASE);
    let start = base.find("  - level1: 效益指标").unwrap();
    let end = base.find("evaluation:").unwrap();
    let mut source = format!("{}{}", &base[..start], &base[end..]);
    source = source.replacen("evaluation:\n", &format!("evaluation:\n{weights}"), 1);
    source
}

fn evaluated(source: &str) -> wenshu::score::evaluate::Evaluated {
    let loaded = loaded(source, BASE);
    let prepared = workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    prepared.evaluated.unwrap()
}

#[test]
fn a_table_with_only_output_indicators_is_refused_until_its_weights_say_so() {
    // With the default weights 效益 and 满意度 would silently lose 40 points.
    let refused = problems(&output_only(""), BASE);
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused[0].contains("年度绩效指标中没有效益指标，而效益指标默认占 30 分，这些分会凭空丢失"), "{refused:?}");
    assert!(refused[1].contains("或写 weights: auto"), "{refused:?}");
    // Said explicitly, every target met scores 100.
    let explicit = evaluated(&output_only("  weights: { execution: 10, output: 90, benefit: 0, satisfaction: 0 }\n"));
    assert_eq!((explicit.total.fixed2().as_str(), explicit.grade.as_str()), ("100.00", "优秀"));
    let auto_source = output_only("  weights: auto\n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("output-only.yaml");
    std::fs::write(&file, &auto_source).unwrap();
    let shown = explain(file.to_str().unwrap()).replace(&file.display().to_string(), "output-only.yaml");
    insta::assert_snapshot!("explain-auto-weights", shown);
    let auto = evaluated(&auto_source);
    assert_eq!((auto.total.fixed2(), auto.max.fixed2()), ("100.00".to_owned(), "100.00".to_owned()));
    assert!(auto.weights_sentence.contains("产出指标90分"), "{}", auto.weights_sentence);
    assert!(auto.weights_sentence.contains("项目没有效益指标、满意度指标"), "{}", auto.weights_sentence);
    // Weights that do not add up to 100 are refused.
    let wrong = problems(&output_only("  weights: { execution: 10, output: 80, benefit: 0, satisfaction: 0 }\n"), BASE);
    assert!(wrong.iter().any(|e| e.contains("各级指标分值之和为 90，应为 100")), "{wrong:?}");
}

/// The base with 个案's target and actual replaced.
fn with_target(target: &str, actual: &str) -> String {
    source_of(BASE).replacen(
        "            target: 10个\n            actual: 12个",
        &format!("            target: {target}\n            actual: {actual}\n            reason: 测试"),
        1,
    )
}

fn first_item(source: &str) -> wenshu::score::evaluate::Scored {
    evaluated(source).categories[0].groups[0].items[0].clone()
}

#[test]
fn a_compound_target_at_half_its_parts_scores_half_its_points() {
    let half = first_item(&with_target("个案≥4个、个案服务≥20人次", "个案2个，个案服务10人次"));
    assert_eq!((shown(half.points), shown(half.score)), ("25.00".to_owned(), "12.50".to_owned()));
    assert_eq!(half.reading, "复合：个案 ≥4个 + 个案服务 ≥20人次");
    assert_eq!(half.actual_reading, "个案 2个 + 个案服务 10人次");
    assert_eq!(half.rate.as_deref(), Some("个案 50.00%；个案服务 50.00%"));
    // Each part is capped at its share: over-doing one does not make up for the other.
    let lopsided = first_item(&with_target("个案≥4个、个案服务≥20人次", "个案40个，个案服务10人次"));
    assert_eq!(shown(lopsided.score), "18.75");
    // The actual written the way tables write it.
    let narrative = first_item(&with_target("个案≥4个、个案服务≥20", "完成个案服务5个，服务22人次"));
    assert_eq!(
        (shown(narrative.score).as_str(), narrative.actual_reading.as_str()),
        ("25.00", "个案 5个 + 个案服务 22")
    );
}

#[test]
fn labelled_suffixed_and_prefixed_targets() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("社区社会组织2个", "社区社会组织3个", "社区社会组织 ≥2个", "150.00%"),
        ("探访700人次", "探访774人次", "探访 ≥700人次", "110.57%"),
        ("6次以上", "完成6次", "≥6次", "100.00%"),
        ("不少于6次", "3次", "≥6次", "50.00%"),
        ("≥20", "21", "≥20", "105.00%"),
    ];
    for (target, actual, reading, rate) in cases {
        let item = first_item(&with_target(target, actual));
        assert_eq!((item.reading.as_str(), item.rate.as_deref()), (*reading, Some(*rate)), "{target} / {actual}");
    }
    // The narrative stays as written on the form.
    assert_eq!(first_item(&with_target("探访700人次", "探访774人次")).actual, "探访774人次");
}

#[test]
fn capped_progress_prints_and_scores_at_most_100_percent() {
    let capped = source_of(WENCHONG).replacen("evaluation:\n", "evaluation:\n  completion: 完成进度\n", 1);
    let evaluated = evaluated_of(&capped);
    let rates: Vec<String> =
        evaluated.categories[0].groups.iter().flat_map(|g| &g.items).filter_map(|i| i.rate.clone()).collect();
    assert_eq!(rates[..3], ["100.00%", "100.00%", "100.00%"]);
    assert!(rates.contains(&"77.78%".to_owned()));
    assert_eq!(evaluated.rate_name.name(), "完成进度");
    assert_eq!(evaluated.total.fixed2(), "95.69", "capping the printed rate does not change a score");
    let report = flat(&document_text_of(&loaded(&capped, WENCHONG), "绩效评价报告"));
    assert!(report.contains("分别完成协议指标量的100.00%、100.00%"), "{report}");
    assert!(!report.contains("164.71%"), "{report}");
}

fn evaluated_of(source: &str) -> wenshu::score::evaluate::Evaluated {
    let loaded = loaded(source, WENCHONG);
    workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e))).evaluated.unwrap()
}

#[test]
fn the_service_plan_splits_suffix_and_prefix_targets() {
    for (target, unit, amount) in [
        ("5篇以上", "篇", "5以上"),
        ("不少于6次", "次", "不少于6"),
        ("100%", "百分比", "100"),
        ("5-8人", "人", "5-8"),
        ("常态化", "", "常态化"),
        ("个案≥4个、个案服务≥20", "", "个案≥4个、个案服务≥20"),
    ] {
        assert_eq!(
            wenshu::parts::compute::unit_and_amount(target, None),
            (unit.to_owned(), amount.to_owned()),
            "{target}"
        );
    }
}

/// Wenchong with a cost ceiling exceeded and a deadline missed.
const CEILING_AND_DEADLINE: &str = "indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - indicator: 电访
            target: 860个
            actual: 886个
      - level2: 成本指标
        items:
          - indicator: 项目计划总投资
            target: 20万元
            actual: 22万元
            reason: 物价上涨
      - level2: 时效指标
        items:
          - indicator: 完成时间
            target: 2025年年底前
            actual: 2026年1月8日
            reason: 验收延期
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - indicator: 服务对象有效投诉
            target: 0次
            actual: 0次
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - indicator: 服务对象满意度
            target: ≥90%
            actual: 95%

evaluation:";

#[test]
fn explain_shows_ceilings_from_the_category_and_deadlines_as_dates() {
    let source = source_of(WENCHONG);
    let (start, end) = (source.find("indicators:").unwrap(), source.find("evaluation:").unwrap());
    let edited = format!("{}{CEILING_AND_DEADLINE}{}", &source[..start], &source[end + "evaluation:".len()..]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("project.yaml"), edited).unwrap();
    let output = wenshu(&["explain", "project.yaml"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let row = |start: &str| text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start}: {text}"));
    let words = |line: &str| line.split("  ").map(str::trim).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" | ");
    // 50 points over three: 16.67, 16.67, 16.66. 20 ÷ 22 × 16.67 = 15.15.
    assert_eq!(
        words(row("产出指标 / 成本指标")),
        "产出指标 / 成本指标 / 项目计划总投资 | ≤20万元（成本指标：上限） | 22万元 | — | 16.67 | 15.15 | 超过上限 20万元（实际 22万元）"
    );
    assert_eq!(
        words(row("产出指标 / 时效指标")),
        "产出指标 / 时效指标 / 完成时间 | 截止 2025年12月31日 | 2026年1月8日，逾期 | — | 16.66 | 0.00 | 逾期 8 天（截止 2025年12月31日）"
    );
}

#[test]
fn explain_reads_one_target_without_a_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["explain", "--target", "项目计划总投资 20万元", "--level2", "成本指标", "--actual", "22万元"];
    let output = wenshu(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "指标值读作：项目计划总投资 ≤20万元（成本指标：上限）\n实际读作：项目计划总投资 22万元\n\
         完成率：—（上限不算完成率）\n得分：9.09 / 10.00（超过上限 20万元（实际 22万元））\n"
    );
    let output = wenshu(&["explain", "--target", "12月底前", "--year", "2023", "--actual", "2024年1月5日"], dir.path());
    assert_eq!(
        stdout(&output),
        "指标值读作：截止 2023年12月31日\n实际读作：2024年1月5日，逾期\n完成率：—（期限：按期得满分，逾期得 0 分）\n\
         得分：0.00 / 10.00（逾期 5 天（截止 2023年12月31日））\n"
    );
    let output = wenshu(&["explain", "--target", "稳定在85%左右"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "错误：指标值“稳定在85%左右”写的是约数（“左右”或“约”），既不是下限也不是上限：请写成 ≥85%（不低于）或 ≤85%（不超过）\n"
    );
}
