//! The year-end evaluation: seed 002's report and the national self-evaluation form.

use crate::*;

/// The ten completion rates seed 002 prints, in its order.
const SEED_002_RATES: [&str; 10] =
    ["103.02%", "100.25%", "122.22%", "77.78%", "80.56%", "91.67%", "75.00%", "80.00%", "164.71%", "388.33%"];

#[test]
fn report_of_seed_002_prints_its_ten_completion_rates() {
    let text = flat(&document_text_of(&loaded(&source_of(WENCHONG), WENCHONG), "绩效评价报告"));
    let sentence = "社工站2022年度完成电访886个，探访810个，分别完成协议指标量的103.02%、100.25%；\
个案接案55个，完成35个，服务290节，分别完成协议指标量的122.22%、77.78%、80.56%；\
完成专业小组11个，开展54节，服务510人次，分别完成协议指标量的91.67%、75.00%，协议对参与人次暂无要求；\
完成大型社区活动4个，服务1885人次，完成协议指标量的80.00%；\
完成中小型社区活动28个，服务1165人次，分别完成协议指标量的164.71%、388.33%。";
    assert!(text.contains(sentence), "{text}");
    let mut from = 0;
    for rate in SEED_002_RATES {
        let at = text[from..].find(rate).unwrap_or_else(|| panic!("{rate} missing after byte {from}"));
        from += at + rate.len();
    }
    assert!(
        text.contains("资金来源属于一般公共预算财政拨款，年初预算240万元，执行数为240万元，完成预算的100%。"),
        "{text}"
    );
    assert!(text.contains(
        "评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，80分至90分（不含90分）为良好"
    ));
    // 92 × 10% + 94 × 20% + 91.6 × 70% = 9.20 + 18.80 + 64.12
    assert!(text.contains("评估分值为92.12分，评价等级为“优秀”"), "{text}");
}

#[test]
fn self_evaluation_form_scores_every_indicator() {
    let text = flat(&document_text_of(&loaded(&source_of(WENCHONG), WENCHONG), "绩效自评表"));
    // 预算执行率: 240 ÷ 240 → 10 of 10 points.
    assert!(text.contains("年度资金总额240.00240.00240.0010.00100%10.00"), "{text}");
    // 产出 50 points over 11 scored indicators: 4.55 for the first six, 4.54 after.
    // 个案完成 35 of 45: 4.55 × 35 ÷ 45 = 3.54.
    assert!(text.contains("个案完成45个35个4.553.54"), "{text}");
    assert!(text.contains("小组节数72节54节4.543.41"), "{text}");
    assert!(text.contains("总分（含预算执行率10.00分）100.0095.69自评等级：优"), "{text}");
}

#[test]
fn one_actual_changes_its_rate_score_total_and_bar() {
    let edited = edited(WENCHONG, "actual: 886个", "actual: 430个\n            reason: 电话线路检修停访两月");
    let report = flat(&document_text_of(&edited, "绩效评价报告"));
    // 430 ÷ 860 = 50.00%; 4.55 × 50% = 2.275 → 2.28; total 95.69 − 4.55 + 2.28 = 93.42.
    assert!(report.contains("完成电访430个，探访810个，分别完成协议指标量的50.00%、100.25%"), "{report}");
    assert!(report.contains("电访860个430个50.00%4.552.28"), "{report}");
    assert!(report.contains("总分100.0093.42"), "{report}");
    assert!(report.contains("电访50.00%探访100.25%个案接案122.22%"), "the chart follows the new rate: {report}");
    let form = flat(&document_text_of(&edited, "绩效自评表"));
    assert!(form.contains("电访860个430个4.552.28电话线路检修停访两月"), "{form}");
}

#[test]
fn a_shortfall_without_a_reason_is_an_error() {
    let source = source_of(WENCHONG);
    let edited = source.replacen("            reason: *epidemic\n", "", 1);
    assert_ne!(edited, source);
    let errors = workspace().check(&loaded(&edited, WENCHONG));
    assert_eq!(
        first_lines(&errors),
        [format!(
            "{WENCHONG}:46:21: 指标“个案服务节数”得分 3.67 低于分值 4.55，请填写 reason（偏差原因分析及改进措施）"
        )]
    );
}

#[test]
fn evaluation_rules_are_checked_with_the_forms_words() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "actual: 886个",
            "actual: 八百个",
            "29:21: 指标“电访”的实际完成值“八百个”中没有数量：应写成 886个、95%，或 探访774人次 这样的形式",
        ),
        ("actual: 886个", "actual: 886人", "29:21: 指标“电访”的实际完成值“886人”的单位“人”与指标值的单位“个”不一致"),
        ("            actual: 886个\n", "", "26:24: 指标“电访”缺少 actual（实际完成值）"),
        ("weight: 70%", "weight: 60%", "118:5: 多方评估的占比之和为 90%，应为 100%"),
        ("spent: 240万元", "spent: 216万元", ""),
    ];
    for (find, replace, expected) in cases {
        let errors = workspace().check(&edited(WENCHONG, find, replace));
        let expected: Vec<String> =
            [expected].iter().filter(|e| !e.is_empty()).map(|e| format!("{WENCHONG}:{e}")).collect();
        assert_eq!(first_lines(&errors), expected, "{find} → {replace}");
    }
    // 216 ÷ 240 = 90%: the execution score is 9 of 10.
    let form = flat(&document_text_of(&edited(WENCHONG, "spent: 240万元", "spent: 216万元"), "绩效自评表"));
    assert!(form.contains("年度资金总额240.00240.00216.0010.0090%9.00"), "{form}");
}

/// Text of `document` that lies below the bottom margin, other than the
/// page numbers printed there: what ran off the page body.
fn text_below_body(document: &wenshu::typeset::compile::Document, bottom_margin_mm: f64) -> Vec<String> {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, origin: Point, limit: f64, out: &mut Vec<String>) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => walk(&group.frame, at, limit, out),
                FrameItem::Text(text) if at.y.to_mm() > limit => {
                    let footer = text.text.chars().all(|c| c == '—' || c.is_ascii_digit() || c.is_whitespace());
                    if !footer {
                        out.push(format!("{} at {:.1} mm", text.text, at.y.to_mm()));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for page in document.pages() {
        let limit = page.frame.height().to_mm() - bottom_margin_mm;
        walk(&page.frame, Point::zero(), limit, &mut out);
    }
    out
}

#[test]
fn a_long_indicator_table_breaks_across_pages_instead_of_running_off_them() {
    // 29 more indicators give the chart 40 bars, the most it keeps whole on
    // one page; 60 more are far more than a page of table and of chart.
    for extra in [29, 60] {
        let items: String = (1..=extra)
            .map(|i| {
                format!("          - indicator: 入户走访{i}\n            target: 10户\n            actual: 10户\n")
            })
            .collect();
        let edited =
            edited(WENCHONG, "          - indicator: 探访\n", &format!("{items}          - indicator: 探访\n"));
        for (name, bottom_margin_mm) in [("绩效评价报告", 35.0), ("绩效自评表", 22.0)] {
            let document = document_of(&edited, name);
            if extra == 60 {
                assert!(document.pages().len() >= 3, "{name}: {} pages", document.pages().len());
            }
            assert_eq!(text_below_body(&document, bottom_margin_mm), Vec::<String>::new(), "{name}, {extra} more");
            let text = flat(&document_text(&document));
            assert!(text.contains(&format!("入户走访{extra}10户10户")), "{name}: the last row is printed: {text}");
        }
    }
}

/// The text of each page of `document`, without whitespace.
fn page_texts(document: &wenshu::typeset::compile::Document) -> Vec<String> {
    use typst::layout::{Frame, FrameItem};
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }
    document
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            walk(&page.frame, &mut text);
            flat(&text)
        })
        .collect()
}

#[test]
fn a_merged_cell_that_runs_onto_a_new_page_prints_its_label_there_in_one_compile() {
    let items: String = (1..=60)
        .map(|i| format!("          - indicator: 入户走访{i}\n            target: 10户\n            actual: 10户\n"))
        .collect();
    let edited = edited(WENCHONG, "          - indicator: 探访\n", &format!("{items}          - indicator: 探访\n"));
    let form = kind("绩效自评表");
    let source = workspace().render(&edited, form).unwrap_or_else(|e| panic!("{}", lines(&e)));
    // The source is complete as it is: compiled once, alone, it continues
    // the labels (no page breaks read back, no second render).
    let document = workspace().compile(&source).unwrap_or_else(|e| panic!("{}", lines(&e)));
    let pages = page_texts(&document);
    let table_pages: Vec<usize> = (0..pages.len()).filter(|&p| pages[p].contains("入户走访")).collect();
    assert!(table_pages.len() >= 2, "the 62-row group runs over pages: {table_pages:?}");
    assert!(!pages[table_pages[0]].contains("产出指标（续）"), "the first piece prints the label alone");
    for &page in &table_pages[1..] {
        assert!(pages[page].contains("产出指标（续）"), "page {}: {}", page + 1, pages[page]);
        assert!(pages[page].contains("探访服务（续）"), "page {}: {}", page + 1, pages[page]);
    }
    // A group that ends on its first page is never marked continued.
    assert!(!pages.iter().any(|p| p.contains("满意度指标（续）")));
    // And the build lays it out the same way: the same pages.
    let prepared = workspace().prepare(&edited).unwrap();
    let (_, built) = workspace().session(&edited, &prepared).lay_out(form).unwrap();
    assert_eq!(page_texts(&built), pages);
}

/// Wenchong's indicators replaced by ones that have no 完成率 at all: a
/// cost ceiling, a deadline, a zero ceiling and judged ones.
const NO_RATES: &str = "indicators:
  - level1: 产出指标
    groups:
      - level2: 成本指标
        items:
          - indicator: 项目总成本
            target: 240万元
            actual: 240万元
      - level2: 时效指标
        items:
          - indicator: 完成时间
            target: 2022年年底前
            actual: 2022年12月20日
      - level2: 质量指标
        items:
          - indicator: 项目中期、末期评估结果
            target: 合格及以上
            actual: 优秀
            score: 满分
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
            target: 满意
            actual: 已达到

evaluation:";

#[test]
fn a_report_without_any_completion_rate_is_checked_and_printed() {
    let source = source_of(WENCHONG);
    let (start, end) = (source.find("indicators:").unwrap(), source.find("evaluation:").unwrap());
    let edited = format!("{}{NO_RATES}{}", &source[..start], &source[end + "evaluation:".len()..]);
    let project = loaded(&edited, WENCHONG);
    assert_eq!(lines(&workspace().check(&project)), "", "check never fails inside a template");
    let report = flat(&document_text_of(&project, "绩效评价报告"));
    assert!(report.contains("各指标均无完成率（都是上限、期限或定性指标），不作完成率图。"), "{report}");
    assert!(!report.contains("红线为 100%"), "{report}");
    // 240万元 under 成本指标 is a ceiling met; the deadline kept: full points, no rate.
    assert!(report.contains("项目总成本240万元240万元—"), "{report}");
    assert!(report.contains("完成时间2022年年底前2022年12月20日—"), "{report}");
}
