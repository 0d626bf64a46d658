//! How 指标值 cells are read: one test per shape.

use super::*;

fn n(text: &str) -> Number {
    Number::parse(text).unwrap()
}

fn one(text: &str) -> Measure {
    match Target::parse(text) {
        Ok(Target::Measured(m)) => m,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn reads_every_single_form_tables_use() {
    let cases: &[(&str, &str)] = &[
        ("200户", "≥200户"),
        ("100%", "≥100%"),
        ("≥90%", "≥90%"),
        ("至少10节次", "≥10节次"),
        ("不少于6次", "≥6次"),
        ("不低于90%", "≥90%"),
        ("6次以上", "≥6次"),
        ("5篇以上", "≥5篇"),
        ("3年及以上", "≥3年"),
        ("≤0次", "≤0次"),
        ("不超过2次", "≤2次"),
        ("0", "≤0"),
        ("≥20", "≥20"),
        ("5-8人", "5–8人"),
        ("每周至少5场次", "每周≥5场次 → 全年 260场次"),
        ("每月至少4场次", "每月≥4场次 → 全年 48场次"),
        ("每月4场", "每月≥4场 → 全年 48场"),
        ("社区社会组织2", "社区社会组织 ≥2"),
        ("探访774人次", "探访 ≥774人次"),
        ("个案服务每月至少2人次", "个案服务 每月≥2人次 → 全年 24人次"),
        ("1,165人次", "≥1165人次"),
    ];
    for (text, read) in cases {
        assert_eq!(one(text).describe(), *read, "{text}");
    }
}

#[test]
fn compound_cells_split_into_parts() {
    let target = Target::parse("社区≥12场、服务人数≥1000人次").unwrap();
    assert_eq!(target.describe(), "复合：社区 ≥12场 + 服务人数 ≥1000人次");
    let target = Target::parse("个案≥4个；小组2个，活动6次以上").unwrap();
    assert_eq!(target.measures().len(), 3);
    // A separator inside a label does not split it.
    assert_eq!(Target::parse("咨询/探访≥1000人次").unwrap().describe(), "咨询/探访 ≥1000人次");
}

#[test]
fn words_are_judged_and_unreadable_numbers_refused() {
    assert_eq!(Target::parse("常态化"), Ok(Target::Judged("常态化".into())));
    assert_eq!(Target::parse("专业化、国际化"), Ok(Target::Judged("专业化、国际化".into())));
    assert_eq!(Target::parse("合格及以上"), Ok(Target::Judged("合格及以上".into())));
    assert_eq!(Target::parse("不适用"), Ok(Target::NotApplicable));
    assert_eq!(Target::parse(""), Ok(Target::None));
    assert_eq!(Target::parse("暂无要求"), Ok(Target::None));
    for unreadable in ["各1套或一批次", "第3季度", "1到2次或更多", "≥2次或3次"] {
        assert!(Target::parse(unreadable).is_err(), "{unreadable}");
    }
}

#[test]
fn scores_by_the_national_method() {
    let five = n("5");
    let at_least = one("45个");
    assert_eq!(at_least.completion(n("35")), Some(7778));
    assert_eq!(at_least.score(n("35"), five).fixed2(), "3.89");
    assert_eq!(at_least.score(n("55"), five), five, "capped at the points");
    let at_most = one("≤2次");
    assert_eq!(at_most.score(n("1"), five), five);
    assert_eq!(at_most.score(n("4"), five).fixed2(), "2.50");
    assert_eq!(one("0").score(n("0"), five), five);
    assert_eq!(one("0").score(n("3"), five), Number::ZERO);
    let weekly = one("每周至少5场次");
    assert_eq!(weekly.completion(n("273")), Some(10500));
    let range = one("5-8人");
    assert_eq!(range.score(n("6"), five), five);
    assert_eq!(range.score(n("4"), five).fixed2(), "4.00");
    assert_eq!(range.score(n("10"), five).fixed2(), "4.00");
}

#[test]
fn finds_the_quantities_of_narrative_actuals() {
    let found = quantities("完成个案服务5个，服务22人次");
    let read: Vec<(String, String)> = found.iter().map(|f| (f.label.clone(), f.quantity.to_string())).collect();
    assert_eq!(read, [("完成个案服务".to_owned(), "5个".to_owned()), ("服务".to_owned(), "22人次".to_owned())]);
    assert_eq!(quantities("探访774人次")[0].quantity.to_string(), "774人次");
    assert_eq!(quantities("1,165人次")[0].quantity.to_string(), "1165人次");
    assert_eq!(quantities("95%")[0].quantity.unit, "%");
    assert!(quantities("已建成示范点").is_empty());
}
