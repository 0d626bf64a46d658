//! One indicator scored by the national method, for each defect issue #26
//! names and each shape of 指标值 it asks for: the reading, 完成率 and 得分,
//! or the exact refusal.

use super::*;

/// An indicator under `level2`, worth 10 points, in `year`.
fn inputs<'a>(level2: &'a str, target: &'a str, actual: &'a str, year: Option<i32>) -> Inputs<'a> {
    Inputs {
        level1: "产出指标",
        level2,
        indicator: "指标",
        target,
        actual,
        points: Number::from_int(10),
        year,
        capped: false,
        rule: None,
    }
}

/// (reading, rate or —, score, why) of an indicator that scores.
fn scored(level2: &str, target: &str, actual: &str, year: Option<i32>) -> (String, String, String, String) {
    let scored =
        indicator(&inputs(level2, target, actual, year)).unwrap_or_else(|e| panic!("{target} | {actual}: {e}"));
    let rate = scored.rate.clone().unwrap_or_else(|| "—".to_owned());
    (scored.reading, rate, scored.score.map(Number::fixed2).unwrap_or_default(), scored.why)
}

fn refused(level2: &str, target: &str, actual: &str, year: Option<i32>) -> String {
    match indicator(&inputs(level2, target, actual, year)) {
        Err(refusal) => refusal.message,
        Ok(scored) => panic!("{target} | {actual} was read: {} {:?}", scored.reading, scored.score),
    }
}

fn s(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned())
}

#[test]
fn a_bare_amount_under_cost_is_a_ceiling_never_a_floor() {
    // Before: 22万元 against 20万元 scored 110% and full marks.
    assert_eq!(
        scored("成本指标", "项目计划总投资 20万元", "22万元", None),
        s("项目计划总投资 ≤20万元（成本指标：上限）", "—", "9.09", "超过上限 20万元（实际 22万元）")
    );
    assert_eq!(
        scored("成本指标", "5万", "6万", None),
        s("≤5万（成本指标：上限）", "—", "8.33", "超过上限 5万（实际 6万）")
    );
    assert_eq!(scored("成本指标", "100万", "98.5万", None), s("≤100万（成本指标：上限）", "—", "10.00", ""));
    assert_eq!(scored("成本指标", "1600元/亩", "1580元/亩", None).2, "10.00");
    assert_eq!(scored("成本指标", "71.86元/平方米", "71.86元/平方米", None).2, "10.00");
    assert_eq!(scored("成本指标", "50万元", "480000元", None), s("≤50万元（成本指标：上限）", "—", "10.00", ""));
    // Elsewhere a bare figure is a floor: the national method.
    assert_eq!(scored("数量指标", "50万元", "480000元", None), s("≥50万元", "96.00%", "9.60", "完成率 96.00%"));
    // A cost figure that is no amount has no direction to read.
    assert_eq!(
        refused("成本指标", "470", "470", None),
        "指标值“470”在“成本指标”下，但没有单位，看不出是金额还是别的数，也看不出是上限还是下限：金额写上单位（如 20万元，读作上限），其他写明单位和 ≤ 或 ≥"
    );
}

#[test]
fn a_year_is_a_deadline_never_a_count_of_years() {
    // Before: 2021 against 2020年 scored 100.05% and full marks.
    assert_eq!(
        scored("时效指标", "2020年", "2021年", None),
        s("截止 2020年12月31日", "—", "0.00", "逾期 1 年（截止 2020年12月31日）")
    );
    assert_eq!(scored("时效指标", "2020年", "2020年11月", None).2, "10.00");
    assert_eq!(
        scored("时效指标", "2025年年底前", "2026年1月8日", None),
        s("截止 2025年12月31日", "—", "0.00", "逾期 8 天（截止 2025年12月31日）")
    );
    assert_eq!(scored("时效指标", "2025年年底前", "2025年10月12日", None), s("截止 2025年12月31日", "—", "10.00", ""));
    // A month is a month: 2021年1月 is not the year 2021.
    assert_eq!(scored("时效指标", "2021年1月", "2021年1月20日", None).0, "截止 2021年1月31日");
    assert_eq!(scored("时效指标", "2021年1月", "2021年12月", None).3, "逾期 11 个月（截止 2021年1月31日）");
    assert_eq!(scored("时效指标", "2025年12月", "2026年1月", None).3, "逾期 1 个月（截止 2025年12月31日）");
    // A count of years stays a count.
    assert_eq!(scored("可持续影响指标", "3年及以上", "3年", None), s("≥3年", "100.00%", "10.00", ""));
}

#[test]
fn dates_and_periods_are_compared_as_dates() {
    assert_eq!(scored("时效指标", "2023年12月前", "2023年12月20日", None).0, "截止 2023年12月31日");
    assert_eq!(scored("时效指标", "2021年12月31日", "2021年12月31日", None).2, "10.00");
    assert_eq!(scored("时效指标", "2020.1.1-2020.12.31", "2020年12月", None).2, "10.00");
    assert_eq!(scored("时效指标", "2020.1.1-2020.12.31", "2020.12", None).2, "10.00");
    assert_eq!(scored("时效指标", "2023年4月-2024年2月", "2024年3月20日竣工", None).2, "0.00");
    // 12月底前 takes the project's year; without one it says to write it.
    assert_eq!(scored("时效指标", "12月底到位", "2022年1月10日到位", Some(2021)).2, "0.00");
    assert_eq!(
        refused("时效指标", "12月底前", "12月20日", None),
        "指标值“12月底前”中“12月底前”没有写年份：写成 2024年12月底前 这样的形式，或在项目文件中写 year（年度）"
    );
    // A deadline with a figure: the figure is scored, a late date scores nothing.
    assert_eq!(
        scored("时效指标", "12月底前100%到位", "100%", Some(2023)),
        s("≥100%，截止 2023年12月31日", "100.00%", "10.00", "")
    );
    assert_eq!(
        scored("时效指标", "12月底前100%到位", "2024年1月5日到位100%", Some(2023)).3,
        "逾期 5 天（截止 2023年12月31日）"
    );
}

#[test]
fn an_actual_that_cannot_be_compared_with_a_deadline_names_both() {
    assert_eq!(
        refused("时效指标", "2025年年底前", "已完成", None),
        "实际完成值“已完成”中没有完成日期，也没有写是否按时，而指标值“2025年年底前”是截止 2025年12月31日 的期限：请写成 2025年12月20日完成 或 按时完成"
    );
    assert_eq!(
        refused("时效指标", "2021年12月15日", "2021年12月", None),
        "实际完成值“2021年12月”的日期“2021年12月”只写到月，看不出是否在截止日期 2021年12月15日 之前：请写出完成的日子，如 2021年12月15日"
    );
    // The actual is read as a date, never as 774 of a unit 年年底前.
    let message = refused("时效指标", "2025年年底前", "探访774人次", None);
    assert!(!message.contains("774年"), "{message}");
}

#[test]
fn timeliness_in_words_is_kept_or_missed_by_the_actual_words() {
    assert_eq!(scored("时效指标", "及时", "按时完成", None), s("按时：及时", "—", "10.00", ""));
    assert_eq!(scored("时效指标", "及时发放", "2023年12月按时发放", None).2, "10.00");
    assert_eq!(scored("时效指标", "2023年12月底", "在规定时间内完成", None).2, "10.00");
    assert_eq!(
        scored("时效指标", "1-6期培训结束后及时考核", "1-2期未能及时培训", None).3,
        "未能及时（1-2期未能及时培训）"
    );
    assert_eq!(
        refused("时效指标", "及时", "已完成", None),
        "实际完成值“已完成”没有写是否按时：指标值“及时”要看是否按时，请写成 按时完成，或 逾期（并写 reason）"
    );
    // A rate of timeliness is a quantity.
    assert_eq!(scored("时效指标", "及时率≥90%", "95%", None).1, "105.56%");
}

#[test]
fn compound_units_compare_whole_and_wan_converts() {
    assert_eq!(scored("数量指标", "2批次/千人", "2.1批次/千人", None).1, "105.00%");
    assert_eq!(scored("数量指标", "235人/年", "241人/年", None).1, "102.55%");
    assert_eq!(scored("数量指标", "≥2.5万人", "26800人", None), s("≥2.5万人", "107.20%", "10.00", ""));
    assert_eq!(scored("数量指标", ">=60000人", "6.3万人", None).1, "105.00%");
    assert_eq!(scored("数量指标", "超13万元/年", "13.6万元/年", None).1, "104.62%");
    assert_eq!(
        scored("数量指标", "控制在15/10万以内", "16.4/10万", None),
        s("≤15/10万", "—", "9.15", "超过上限 15/10万（实际 16.4/10万）")
    );
    assert_eq!(refused("数量指标", "10个", "12人", None), "实际完成值“12人”的单位“人”与指标值的单位“个”不一致");
}

#[test]
fn a_figure_without_the_unit_that_decides_it_is_refused() {
    assert_eq!(
        refused("满意度指标", "≥95%", "0.98", None),
        "实际完成值“0.98”没有单位，而指标值是百分数：0.98 是 0.98% 还是 98%？请写上 %，如 98%"
    );
    assert_eq!(
        refused("成本指标", "≤50万元", "480000", None),
        "实际完成值“480000”没有单位，而指标值以“万元”计：480000 是万元还是元？请写上单位，如 480000元"
    );
    // Read in the target's unit where nothing is in doubt.
    assert_eq!(scored("成本指标", "≤202.6万元", "132.9", None).2, "10.00");
    assert_eq!(scored("质量指标", "≥100百分比", "100", None).1, "100.00%");
}

#[test]
fn fractions_annotations_and_repeated_bounds_are_one_figure() {
    assert_eq!(scored("质量指标", "≥2/3", "75%", None), s("≥2/3", "112.50%", "10.00", ""));
    assert_eq!(scored("质量指标", "≥2/3", "3/5", None).1, "90.00%");
    assert_eq!(scored("质量指标", ">= 98 %(百分比)", "100%", None), s("≥98%", "102.04%", "10.00", ""));
    assert_eq!(scored("质量指标", "≥100百分比", "100", None).1, "100.00%");
    assert_eq!(scored("质量指标", "100%（1.0）", "100%", None).1, "100.00%");
    assert_eq!(scored("质量指标", "90%以上", "92%以上", None).1, "102.22%");
    assert_eq!(scored("数量指标", "≥266米", "≥266米", None).1, "100.00%");
    assert_eq!(scored("满意度指标", "95%及以上", "88.32%及以上", None), s("≥95%", "92.97%", "9.30", "完成率 92.97%"));
}

#[test]
fn direction_the_cell_does_not_settle_is_refused() {
    let named = |name: &'static str, target: &'static str| Inputs {
        indicator: name,
        ..inputs("数量指标", target, "1", None)
    };
    let refusal = |name, target| indicator(&named(name, target)).map(|s| s.reading).unwrap_err().message;
    assert_eq!(
        refusal("平均急救站点间距离", "6公里"),
        "指标值“6公里”没有写是上限还是下限，而“平均急救站点间距离”通常越低越好：请写成 ≤6公里（不超过）或 ≥6公里"
    );
    assert_eq!(
        refusal("孕产妇死亡率", "0"),
        "指标值“0”只有一个 0，没有单位：“孕产妇死亡率”是比率，请写成 ≤0%（或 0‰、≤0/10万）这样带单位的上限"
    );
    assert_eq!(refusal("成本节约率", "≥0"), "指标值“≥0”的下限是 0，谁都达得到，也算不出完成率");
    assert_eq!(
        refusal("逾期发放率", ">=100%"),
        "指标值“>=100%”是下限（不低于），而“逾期发放率”越低越好：请核对，上限写成 ≤ 或 不超过"
    );
    assert_eq!(
        refusal("全市婚检率", "稳定在 85%左右"),
        "指标值“稳定在 85%左右”写的是约数（“左右”或“约”），既不是下限也不是上限：请写成 ≥85%（不低于）或 ≤85%（不超过）"
    );
    assert_eq!(
        refusal("就业率", "逐步提高"),
        "指标值“逐步提高”只写了方向（“提高”），没有写提高到多少，也没有原来的数，算不出完成率：请写出要达到的数（如 ≥63%），或写 kind: 定性 由人评定并写得分 score"
    );
    // The name may carry the unit, and with it the direction under 时效.
    let limit = Inputs { indicator: "任务完成时限(月)", ..inputs("时效指标", "10", "9", None) };
    assert_eq!(indicator(&limit).unwrap().reading, "≤10月（时效指标：时限）");
}

#[test]
fn words_are_judged_and_a_total_with_its_part_refused() {
    let judged = indicator(&inputs("社会效益指标", "显著提升", "显著提升", None)).unwrap();
    assert_eq!((judged.reading.as_str(), judged.score), ("定性：显著提升", None));
    assert_eq!(
        refused("社会效益指标", "带动受益总人口200人,其他脱贫人口和监测对象41人", "210人", None),
        "指标值“带动受益总人口200人,其他脱贫人口和监测对象41人”既有总数（带动受益总人口200人）又有其中的一部分（其他脱贫人口和监测对象41人），不知道按哪个计分：只写要考核的数，或拆成两个指标"
    );
}

/// Pieces real cells are made of, and some that break readers.
const PIECES: [&str; 40] = [
    "≥",
    "≤",
    ">=",
    "不少于",
    "不超过",
    "以上",
    "以内",
    "左右",
    "%",
    "万",
    "元",
    "/",
    "亩",
    "人次",
    "个",
    "年",
    "月",
    "日",
    "底前",
    "前",
    "-",
    "~",
    "至",
    "(",
    ")",
    "（其中",
    "每",
    "各",
    "或",
    "，",
    "、",
    "。",
    "2020",
    "12",
    "0",
    "3.5",
    "1,000",
    "及时",
    "提高",
    "第",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

    #[test]
    fn no_cell_panics_and_no_score_exceeds_its_points(
        target in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..12),
        actual in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..8),
        level2 in proptest::sample::select(vec!["数量指标", "成本指标", "时效指标", "社会效益指标"]),
        year in proptest::option::of(2000i32..2100),
    ) {
        let (target, actual) = (target.concat(), actual.concat());
        let input = Inputs { level2, target: &target, actual: &actual, year, ..inputs("", "", "", None) };
        if let Ok(scored) = indicator(&input) {
            proptest::prop_assert!(scored.score.is_none_or(|s| s <= input.points), "{target} | {actual}: {:?}", scored.score);
        }
    }
}

#[test]
fn a_cell_too_long_to_be_one_is_refused_quickly() {
    let long = "1、".repeat(100_000);
    let refusal = indicator(&inputs("数量指标", &long, "1", None)).unwrap_err();
    assert!(
        refusal.message.starts_with("指标值“1、1、1、1、1、1、1、1、1、1、…”有 200000 个字，超过 300 字"),
        "{}",
        refusal.message
    );
    let actual = "探访1人次，".repeat(1000);
    let refusal = indicator(&inputs("数量指标", "≥700人次", &actual, None)).unwrap_err();
    assert!(refusal.message.ends_with("有 6000 个字，超过 1000 字：实际完成值只写完成的数，说明写在 reason 或报告里"));
}
