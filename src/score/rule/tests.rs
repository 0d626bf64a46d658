//! One test per rule form, with the readings the module settles spelled out.

use super::*;

fn n(text: &str) -> Number {
    Number::parse(text).unwrap()
}

fn subject(actual: &str, unit: &str, target: &str) -> Subject {
    let text = format!("{actual}{unit}");
    match Number::parse(target) {
        Some(t) => Subject::against(&text, t, unit, false),
        None => Subject::actual(&text),
    }
}

fn words(text: &str) -> Subject {
    Subject::actual(text)
}

/// The score of `subject` by `rule` out of `points`, with two decimals.
fn score(rule: &str, s: &Subject, points: &str) -> String {
    let rule = Rule::parse(rule).unwrap_or_else(|e| panic!("{e}"));
    rule.score(s, n(points)).unwrap_or_else(|e| panic!("{e}")).score.fixed2()
}

fn pct(rule: &str, actual: &str, points: &str) -> String {
    score(rule, &subject(actual, "%", ""), points)
}

#[test]
fn full_marks_at_a_threshold_less_one_point_per_point_short() {
    let rule = "预算支出进度达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止";
    let read = Rule::parse(rule).unwrap();
    assert_eq!(read.full_marks(), Some(n("15")));
    let scoring = read.score(&subject("85", "%", ""), n("15")).unwrap();
    assert_eq!(scoring.score.fixed2(), "10.00");
    assert_eq!(
        scoring.steps,
        ["实际 85%，低于 90% 共 5 个百分点", "每少 1 个百分点扣 1 分：扣 5 分", "15 − 5 = 10 分"]
    );
    assert_eq!(pct(rule, "90", "15"), "15.00");
    assert_eq!(pct(rule, "95", "15"), "15.00");
    assert_eq!(pct(rule, "70", "15"), "0.00");
    assert_eq!(read.describe(), "达到90%得满分；每少1个百分点扣1分（不足一档不扣）；扣完为止");
}

#[test]
fn a_partial_step_deducts_nothing_unless_the_rule_says_otherwise() {
    // 15 points short of 100% with steps of 10: one whole step and a half.
    assert_eq!(pct("到位率100%得5分，每少10个百分点扣1分", "85", "5"), "4.00");
    // `以内` and `不足…按…计` count the half step as a whole one.
    assert_eq!(pct("到位率100%得5分，每少10个百分点以内扣1分", "85", "5"), "3.00");
    assert_eq!(pct("到位率100%得5分，每少10个百分点扣1分，不足10个百分点的按10个百分点计", "85", "5"), "3.00");
    // `按比例` takes its share.
    assert_eq!(pct("到位率100%得5分，每少10个百分点扣1分（不足10个百分点按比例扣分）", "85", "5"), "3.50");
    // Exact multiples are the same under every reading.
    assert_eq!(pct("到位率100%得5分，每少10个百分点以内扣1分", "80", "5"), "3.00");
    // No standard in the rule: the target is the standard, and is needed.
    assert_eq!(score("每降低10个百分点扣1分", &subject("70", "%", "100"), "5"), "2.00");
    assert!(Rule::parse("每降低10个百分点扣1分").unwrap().score(&subject("70", "%", ""), n("5")).is_err());
}

#[test]
fn yes_no_rules_score_by_the_words_of_the_actual() {
    let rule = "有得5分，无不得分";
    assert_eq!(score(rule, &words("有"), "5"), "5.00");
    assert_eq!(score(rule, &words("无"), "5"), "0.00");
    let built = "已建立得5分，未建立不得分";
    assert_eq!(score(built, &words("已建立"), "5"), "5.00");
    assert_eq!(score(built, &words("建立"), "5"), "5.00");
    assert_eq!(score(built, &words("未建立"), "5"), "0.00");
    // Between one yes and one no, 是/否 name them.
    assert_eq!(score(built, &words("是"), "5"), "5.00");
    assert_eq!(score(built, &words("否"), "5"), "0.00");
    assert_eq!(score("是得3分，否得0分", &words("否"), "3"), "0.00");
    let err = Rule::parse(built).unwrap().score(&words("部分建立"), n("5")).unwrap_err();
    assert!(err.contains("“已建立”、“未建立”"), "{err}");
}

#[test]
fn a_band_list_gives_shared_boundaries_to_the_upper_band() {
    let rule = "90%-100%得10分，80%-90%得8分，80%以下不得分";
    assert_eq!(Rule::parse(rule).unwrap().full_marks(), Some(n("10")));
    for (actual, want) in
        [("100", "10.00"), ("95", "10.00"), ("90", "10.00"), ("89.99", "8.00"), ("80", "8.00"), ("79.99", "0.00")]
    {
        assert_eq!(pct(rule, actual, "10"), want, "at {actual}%");
    }
    // `(含)` on an upper end claims the boundary for that band.
    let adjust = "预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;大于20%不得分";
    assert_eq!(pct(adjust, "10", "3"), "2.00");
    assert_eq!(pct(adjust, "10.01", "3"), "1.00");
    // A list of lower bounds: a value under them all earns nothing.
    let floors = "95%(含)以上得10分，90%(含)以上得8分，85%(含)以上得6分";
    assert_eq!(pct(floors, "92", "10"), "8.00");
    assert_eq!(pct(floors, "80", "10"), "0.00");
}

#[test]
fn proportional_rules_scale_the_points_by_completion() {
    let s = subject("35", "个", "45");
    assert_eq!(score("按完成比例得分", &s, "5"), "3.89");
    assert_eq!(score("按实际完成比例计分", &s, "5"), "3.89");
    assert_eq!(score("得分=实际完成率×分值", &subject("85", "%", ""), "10"), "8.50");
    assert_eq!(score("完成率×分值", &subject("85", "%", ""), "10"), "8.50");
    assert_eq!(score("按完成比例得分", &subject("60", "个", "45"), "5"), "5.00");
    // A share written as a percentage against a target: the actual over the target.
    assert_eq!(score("按完成比例得分", &subject("85", "%", "90"), "10"), "9.44");
    let err = Rule::parse("按完成比例得分").unwrap().score(&subject("35", "个", ""), n("5")).unwrap_err();
    assert!(err.contains("要有指标值"), "{err}");
}

#[test]
fn a_count_against_a_rule_in_percent_is_a_completion_rate() {
    // 40 ÷ 45 = 88.89%: short of 100%, and a lone threshold scores 0.
    assert_eq!(score("完成率100%得5分", &subject("45", "个", "45"), "5"), "5.00");
    assert_eq!(score("完成率100%得5分", &subject("40", "个", "45"), "5"), "0.00");
    assert_eq!(score("完成率达到90%以上得满分，每低1个百分点扣1分", &subject("40", "个", "45"), "5"), "4.00");
    // Without 完成 the rule does not say the count is a rate.
    let err = Rule::parse("到位率100%得5分").unwrap().score(&subject("40", "个", "45"), n("5")).unwrap_err();
    assert!(err.contains("百分比"), "{err}");
    // 完成指标值: the target is the threshold, in the actual's own unit.
    assert_eq!(score("完成指标值得满分", &subject("700", "人次", "700"), "10"), "10.00");
    assert_eq!(score("达到指标值得满分", &subject("690", "人次", "700"), "10"), "0.00");
}

#[test]
fn count_rules_deduct_per_unit_short_of_the_target() {
    let rule = "每少1人次扣0.5分";
    assert_eq!(score(rule, &subject("774", "人次", "780"), "5"), "2.00");
    assert_eq!(score(rule, &subject("800", "人次", "780"), "5"), "5.00");
    assert_eq!(score("每减少1户扣1分", &subject("18", "户", "20"), "5"), "3.00");
    let read = Rule::parse(rule).unwrap();
    assert!(read.score(&subject("85", "%", "90"), n("5")).unwrap_err().contains("人次"));
    assert!(read.score(&subject("774", "人次", ""), n("5")).unwrap_err().contains("指标值"));
    assert!(read.score(&words("有"), n("5")).unwrap_err().contains("没有数字"));
}

#[test]
fn every_year_is_a_condition_and_every_item_is_refused() {
    let rule = "每年开展服务不少于12次得满分";
    assert_eq!(score(rule, &subject("12", "次", ""), "5"), "5.00");
    assert_eq!(score(rule, &subject("11", "次", ""), "5"), "0.00");
    // `每一项扣1分` counts what went wrong, from none.
    assert_eq!(score("每一项扣1分", &words("2项"), "5"), "3.00");
}

#[test]
fn upper_bound_rules_deduct_per_unit_over() {
    let rule = "投诉率≤1%得满分，每超过1个百分点扣1分";
    assert_eq!(pct(rule, "0.5", "5"), "5.00");
    assert_eq!(pct(rule, "3", "5"), "3.00");
    assert_eq!(score("每超1天扣0.5分", &subject("12", "天", "10"), "5"), "4.00");
    assert_eq!(score("每超1天扣0.5分", &subject("9", "天", "10"), "5"), "5.00");
    // A lone cut-off: over it earns nothing, up to it full marks.
    assert_eq!(pct("超过1%不得分", "1", "2"), "2.00");
    assert_eq!(pct("超过1%不得分", "1.01", "2"), "0.00");
    assert_eq!(pct("低于60%不得分", "60", "2"), "2.00");
}

#[test]
fn floors_caps_and_cut_offs() {
    let floor = "达到90%得10分，每少1个百分点扣1分，最低得2分";
    assert_eq!(pct(floor, "70", "10"), "2.00");
    assert_eq!(pct(floor, "85", "10"), "5.00");
    assert_eq!(pct("达到90%得10分，每少1个百分点扣1分，最多扣3分", "70", "10"), "7.00");
    assert_eq!(pct("达到90%得10分，每少1个百分点扣1分，最低0分", "70", "10"), "0.00");
    let cut = "满意度100%得满分，满意度每下降2个点扣一分，满意度低于80%得零分";
    assert_eq!(pct(cut, "85", "10"), "3.00");
    assert_eq!(pct(cut, "79", "10"), "0.00");
}

#[test]
fn written_variants_read_the_same() {
    let plain = Rule::parse("达到90%以上(含90%)得15分,每少1个百分点扣1分,扣完为止").unwrap();
    for variant in [
        "达到９０％以上（含９０％）得１５分；每少１个百分点扣１分。扣完为止。",
        "达到90% 以上（含90%）得 15 分，每少一个百分点扣 1 分，扣完为止。",
        "达到90%以上(含90%)得15分，每少1%扣1分，扣完为止",
        "≥90%得15分，每低一个百分点扣一分，扣完为止",
        "达到90%以上得15分\n每下降1个百分点扣1分；扣完为止",
    ] {
        let read = Rule::parse(variant).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.describe(), plain.describe(), "{variant}");
        assert_eq!(read.score(&subject("85", "%", ""), n("15")).unwrap().score.fixed2(), "10.00", "{variant}");
    }
    assert_eq!(score("每少两个百分点扣一分", &subject("94", "%", "100"), "5"), "2.00");
    assert_eq!(score("每少一个百分点扣零点五分", &subject("96", "%", "100"), "5"), "3.00");
    assert_eq!(score("每少十个百分点扣二分", &subject("80", "%", "100"), "5"), "1.00");
    // `三公经费`, `一级指标` stay words; a lone `十分` is "very".
    assert_eq!(pct("三公经费变动率≤0得3分，每超过1个百分点扣0.5分", "2", "3"), "2.00");
    assert!(Rule::parse("工作十分到位的得5分").is_ok_and(|r| r.full_marks() == Some(n("5"))));
    assert_eq!(score("每少1个百分点扣0.5分", &subject("85", "％", "90"), "5"), "2.50");
}

#[test]
fn unreadable_rules_are_refused_with_the_rule_quoted() {
    for rule in ["视情况酌情扣分", "根据完成情况酌情打分", "由评价组综合评定", "完成较好", "", "得分"]
    {
        let err = Rule::parse(rule).unwrap_err();
        assert!(err.contains(&format!("“{rule}”")), "{err}");
        assert!(err.ends_with("或写 score 由人评定"), "{err}");
    }
}

#[test]
fn stated_full_marks_must_match_the_points() {
    assert_eq!(Rule::parse("达到90%以上得满分").unwrap().full_marks(), None);
    assert_eq!(Rule::parse("完成100%的得20分,每减少1个百分点扣1分,扣完20分为止").unwrap().full_marks(), Some(n("20")));
    let err = Rule::parse("达到90%得15分").unwrap().score(&subject("95", "%", ""), n("10")).unwrap_err();
    assert!(err.contains("满分 15 分") && err.contains("10 分"), "{err}");
    assert!(Rule::parse("满分10分，达到90%得15分").is_err());
}

#[test]
fn scores_stay_within_zero_and_the_points() {
    let rule = Rule::parse("每少1个百分点扣3分").unwrap();
    let low = rule.score(&subject("1", "%", "100"), n("5")).unwrap();
    assert_eq!(low.score, Number::ZERO);
    assert_eq!(low.steps.last().unwrap(), "5 − 297 不足 0 分，扣完为止：0 分");
    let high = Rule::parse("按完成比例得分").unwrap().score(&subject("1000000000", "个", "1"), n("5")).unwrap();
    assert_eq!(high.score.fixed2(), "5.00");
}

/// Odd strings from a fixed pseudo-random walk over the characters rules are
/// made of: parsing, scoring and describing must never panic.
// Long on purpose: most of it is the table of characters rules are made of.
#[test]
fn odd_strings_never_panic() {
    const PIECES: &[&str] = &[
        "每",
        "少",
        "超过",
        "低于",
        "扣",
        "分",
        "得",
        "满分",
        "1",
        "0",
        "10",
        "0.5",
        "99999999999",
        ".",
        "%",
        "％",
        "个百分点",
        "以上",
        "以下",
        "(含)",
        "（含",
        "）",
        "-",
        "至",
        "≥",
        "≤",
        ">",
        "<",
        "=",
        "，",
        "；",
        "。",
        ",",
        "有",
        "无",
        "未",
        "已",
        "的",
        "人次",
        "天",
        "为止",
        "扣完",
        "最低",
        "最多扣",
        "按完成比例",
        "×",
        "分值",
        "不足",
        "按",
        "计",
        "一",
        "两",
        "十",
        "零",
        "①",
        "或",
        "以内",
        "完成",
        "指标值",
        "😀",
        "\u{0}",
        " ",
        "\n",
        "以",
        "为标准",
        "基本",
        "不",
        "率",
    ];
    // Whole rules cut, spliced and repeated reach deeper than random pieces.
    const SEEDS: &[&str] = &[
        "预算支出进度达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止",
        "90%-100%得10分，80%-90%得8分，80%以下不得分",
        "预算调整率=0,计3分;0-10%(含),计2分;大于30%不得分。",
        "有得5分，无不得分",
        "按完成比例得分",
        "每少10个百分点以内扣1分，不足10个百分点的按10个百分点计",
        "满分10分，违法发生率0%得满分，每增加一个百分点扣2.5分，违法发生率4%以上得0分。",
        "未建立综治实绩档案的，扣5分",
        "达到90%得10分，每少1个百分点扣1分，最低得2分，最多扣3分",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut texts: Vec<String> = Vec::new();
    for base in SEEDS {
        let chars: Vec<char> = base.chars().collect();
        for _ in 0..300 {
            let (a, b) = ((next() as usize) % (chars.len() + 1), (next() as usize) % (chars.len() + 1));
            let (lo, hi) = (a.min(b), a.max(b));
            let piece = PIECES[(next() as usize) % PIECES.len()];
            let mut text: String = chars[..lo].iter().collect();
            text.push_str(piece);
            text.extend(&chars[hi..]);
            texts.push(text);
        }
    }
    let subjects = [
        subject("85", "%", "90"),
        subject("0", "%", "0"),
        subject("1000000000", "人次", "1"),
        subject("3", "天", ""),
        words("有"),
        words(""),
    ];
    for _ in 0..4000 {
        let r = next();
        let text: String =
            (0..(r % 14) as u32).map(|k| PIECES[(r.rotate_left(k * 5) % PIECES.len() as u64) as usize]).collect();
        texts.push(text);
    }
    let mut read = 0;
    for text in &texts {
        if let Ok(rule) = Rule::parse(text) {
            read += 1;
            let _ = rule.describe();
            let _ = rule.full_marks();
            for s in &subjects {
                for points in ["0", "5", "100"] {
                    if let Ok(scoring) = rule.score(s, n(points)) {
                        assert!(scoring.score <= n(points), "{text}: {scoring:?}");
                        assert!(!scoring.steps.is_empty(), "{text}");
                    }
                }
            }
        }
    }
    // The walk must reach scoring, not only refusals.
    assert!(read > 500, "only {read} of {} odd strings were read", texts.len());
}
