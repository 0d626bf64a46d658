//! The 申报表 of seed 000 and the rules of its form.

use crate::*;

#[test]
fn application_prints_the_generated_budget_sentences() {
    let text = application_text(&loaded(&example_source(), YANTIAN));
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.contains("1.项目包含4名社工人员经费54万元，定级分别约为：3级1名20万、6级1名12万、7级2名22万。2.项目运营经费在2.4万元。"), "{flat}");
    assert!(flat.contains("第一季度支出70%；第四季度支出30%。"), "{flat}");
    assert!(flat.contains("56.40"));
}

#[test]
fn hostile_text_prints_literally() {
    let hostile = [
        "#set page(width: 1cm)",
        "*粗体* _斜体_ $x^2$",
        "@ref <label> \\ 反斜杠",
        "[方括号] `代码` ~ 波浪",
        "// 注释 /* 块注释 */",
        "= 标题",
        "- 列表",
        "+ 编号",
        "1. 编号",
        "{{ project.name }}{% if true %}x{% endif %}",
        "#{ panic() }",
        "https://example.com",
        "'单引号' \"双引号\"",
        "a--b---c...",
    ];
    let source = example_source();
    for text in hostile {
        let quoted = format!("'{}'", text.replace('\'', "''"));
        let edited = source.replacen("name: 阳光家庭服务项目", &format!("name: {quoted}"), 1);
        let printed = application_text(&loaded(&edited, YANTIAN));
        let flat: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(&expected), "{text:?} did not print literally:\n{printed}");
    }
}

#[test]
fn line_breaks_between_chinese_characters_do_not_become_spaces() {
    let edited = example_source().replacen("name: 阳光家庭服务项目", "name: \"阳光家庭\\n服务项目\"", 1);
    let text = application_text(&loaded(&edited, YANTIAN));
    assert!(text.contains("阳光家庭服务项目"), "{text}");
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it_and_the_field() {
    let edited = example_source().replacen("contact: 韩翠萍", "contact: 韩翠萍\u{10FFFD}", 1);
    let errors = workspace().check(&loaded(&edited, YANTIAN));
    let messages: Vec<String> = errors.iter().map(|e| e.to_string().lines().next().unwrap().to_owned()).collect();
    assert_eq!(
        messages,
        [format!(
            "{YANTIAN}:26:15: 项目联系人中的字“\u{10FFFD}”（U+10FFFD）在所有字体中都没有，会印成空白方框：请换用常用字，或把含有这个字的字体放进 fonts/"
        )]
    );
}

#[test]
fn rare_characters_of_names_are_covered() {
    let edited = example_source().replacen("contact: 韩翠萍", "contact: 韩喆、王堃、李玥、张彧、陈昇、刘珺、赵祎", 1);
    let text = application_text(&loaded(&edited, YANTIAN));
    assert!(text.replace('\n', "").contains("韩喆、王堃、李玥、张彧、陈昇、刘珺、赵祎"), "{text}");
}

/// Each rule of the form, broken in a copy of the example: the exact message.
#[test]
fn validation_messages_name_the_place_the_field_and_both_figures() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "total: 56.40万元",
            "total: 55.40万元",
            &[
                "16:10: 项目资金 55.40万元 ≠ 各预算明细之和 56.40万元",
                "17:11: 项目资金 55.40万元 ≠ 财政拨款 56.40万元 + 其他资金 0.00万元 = 56.40万元",
                "177:16: 年初预算数之和 56.40万元 ≠ 项目资金 55.40万元",
            ],
        ),
        (
            "fiscal: 56.40万元",
            "fiscal: 50万元",
            &["17:11: 项目资金 56.40万元 ≠ 财政拨款 50.00万元 + 其他资金 0.00万元 = 50.00万元"],
        ),
        (
            "# other_funds: 0 ",
            "other_funds: 1元",
            &["17:11: 项目资金 56.40万元 ≠ 财政拨款 56.40万元 + 其他资金 0.0001万元 = 56.4001万元"],
        ),
        (
            "staff_total: 54万元",
            "staff_total: 53万元",
            &["42:18: 人员经费合计 53.00万元 ≠ 各社工等级小计之和 54.00万元"],
        ),
        (
            "per_person: 11万元",
            "per_person: 11万元\n        amount: 21万元",
            &[
                "16:10: 项目资金 56.40万元 ≠ 各预算明细之和 55.40万元",
                "42:17: 社工等级 7级：小计 21.00万元 ≠ 每人 11.00万元 × 2名 = 22.00万元",
                "43:18: 人员经费合计 54.00万元 ≠ 各社工等级小计之和 53.00万元",
            ],
        ),
        ("share: 30%", "share: 20%", &["47:7: 资金支出进度各季度之和为 90%，应为 100%"]),
        ("quarter: 4", "quarter: 1", &["49:18: 资金支出进度：第1季度写了两次"]),
        ("quarter: 4", "quarter: 5", &["49:18: 季度（quarter）：5 不合要求：应在 1 到 4 之间"]),
        ("contact: 韩翠萍", "contact: ''", &["26:3: 项目联系人不能为空"]),
        ("year: 2020", "year: 1999", &["9:7: 年度（year）：1999 不合要求：应在 2000 到 2100 之间"]),
        ("count: 1", "count: 0", &["34:16: 人数（count）：0 不合要求：至少为 1"]),
        (
            "    - 13510432330",
            "    - 135-1043 转 2330 x",
            &["29:7: 联系电话（phones）：“135-1043 转 2330 x”只能包含数字、-、+、括号和“转”"],
        ),
    ];
    for (find, replace, expected) in cases {
        let source = example_source();
        assert!(source.contains(find), "{find}");
        let edited = source.replacen(find, replace, 1);
        let expected: Vec<String> = expected.iter().map(|e| format!("{YANTIAN}:{e}")).collect();
        assert_eq!(problems(&edited, YANTIAN), expected, "{find} → {replace}");
    }
}

#[test]
fn yaml_mistakes_are_reported_in_the_users_words() {
    let cases: &[(&str, &str, &str)] = &[
        ("name: 阳光家庭服务项目", "nmae: 阳光家庭服务项目", "未知字段 `nmae`，是否想写 `name（项目名称）`？"),
        (
            "  total: 56.40万元",
            "  total: 五十六万",
            "“五十六万”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）",
        ),
        ("attribute: 延续性", "attribute: 延续", "项目属性（attribute）：“延续”不是可选的值，应为 新增 或 延续性"),
        ("contact: 韩翠萍", "", "缺少必填字段 `contact（项目联系人）`"),
        (
            "key_project: true",
            "key_project: 是",
            "是否重点项目（key_project）：应为 true（是）或 false（否），实际是文字",
        ),
        ("year: 2020", "year: 2020\nyear: 2021", "字段 `year` 写了两次"),
        ("  - 22320188", "  - [1]", "联系电话（phones）：应为文字，实际是列表"),
        ("version: 1", "version: 一", "文件格式版本（version）：应为整数，实际是文字"),
        ("share: 70%", "share: 70", "“70”不是百分比，应写成 70% 这样的形式"),
    ];
    for (find, replace, expected) in cases {
        let edited = example_source().replacen(find, replace, 1);
        let errors = workspace().parse(&edited, YANTIAN).expect_err(replace);
        let err = errors.iter().find(|e| e.message.contains(expected));
        let err = err.unwrap_or_else(|| panic!("{find} → {replace}: {}", lines(&errors)));
        assert!(err.line > 0, "{err}");
    }
}
