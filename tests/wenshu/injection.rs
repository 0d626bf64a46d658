//! Typst injection is impossible through data: arbitrary text, weighted
//! towards Typst and Jinja syntax, goes into every kind of text field and
//! must come out of the compiled document exactly as written (up to the
//! documented whitespace rules: line breaks and spaces fold), and must
//! never make compilation fail.

use proptest::prelude::*;

use crate::*;

/// Pieces of text that mean something to Typst or minijinja, mixed with
/// ordinary Chinese and ASCII.
fn piece() -> impl Strategy<Value = String> {
    let syntax = prop::sample::select(vec![
        "#",
        "$",
        "*",
        "_",
        "`",
        "<",
        ">",
        "@",
        "\\",
        "[",
        "]",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "//",
        "/*",
        "*/",
        "=",
        "==",
        "- ",
        "+ ",
        "1. ",
        "\n",
        "\n\n",
        " ",
        "'",
        "\"",
        "~",
        "--",
        "...",
        "http://x.cn",
        "#set page(width: 1cm)",
        "#panic()",
        "\\u{41}",
        "<label>",
        "@ref",
        "$x^2$",
        "```",
        "/ term: x",
        ":",
        "；",
        "，",
        "。",
        "（",
        "）",
        "%",
    ])
    .prop_map(str::to_owned);
    let chinese = prop::sample::select(vec!["项目", "社工", "服务", "妇联", "家庭", "儿童", "满意度", "指标"])
        .prop_map(str::to_owned);
    let ascii = "[a-zA-Z0-9]{1,4}";
    prop_oneof![3 => syntax, 2 => chinese, 1 => ascii]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..12).prop_map(|pieces| pieces.concat())
}

/// A YAML double-quoted scalar holding `text` exactly.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the text goes: (the line to replace in the example, its document).
const FIELDS: [(&str, &str); 5] = [
    ("name: 阳光家庭服务项目", "申报表"),
    ("  contact: 韩翠萍", "申报表"),
    ("    basis: |-", "申报表"),
    ("          - indicator: 会员家庭户数", "申报表"),
    ("    performer: 中心", "绩效评价报告"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn data_prints_literally_and_never_breaks_compilation(input in text(), field in 0..FIELDS.len()) {
        prop_assume!(!input.trim().is_empty());
        let (line, document) = FIELDS[field];
        let key = line.trim_start().split(':').next().unwrap();
        let indent = &line[..line.len() - line.trim_start().len()];
        let replacement = format!("{indent}{key}: {}", yaml_quoted(&input));
        let mut source = example_source();
        prop_assert!(source.contains(line));
        if key == "basis" {
            // Replace the whole block scalar, not just its first line.
            let start = source.find(line).unwrap();
            let end = source[start..].find("    necessity:").unwrap() + start;
            source.replace_range(start..end, &format!("{replacement}\n"));
        } else {
            source = source.replacen(line, &replacement, 1);
        }
        let project = loaded(&source, YANTIAN);
        let errors = workspace().check(&project);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let typst = workspace().render(&project, kind(document)).unwrap();
        let compiled = workspace().compile(&typst);
        prop_assert!(compiled.is_ok(), "{:?}", compiled.err());
        // A blank line in the text may fall on a page break.
        let shown = flat(&without_page_numbers(&wenshu::typeset::compile::document_text(&compiled.unwrap())));
        prop_assert!(shown.contains(&flat(&input)), "{input:?} is not in the document");
    }
}
