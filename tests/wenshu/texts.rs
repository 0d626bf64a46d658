//! Texts printed as the source documents write them (issue #20): outline
//! numbering per level, paragraphs after a list or table, spaces typed
//! between words, merged 服务项目 cells, and the Guangdong form's optional
//! parts.

use crate::*;

/// The Typst the 采购需求 of the Dongpu example gives with `edits` applied.
fn procurement(edits: &[(&str, &str)]) -> String {
    let mut source = source_of(DONGPU);
    for (find, replace) in edits {
        assert!(source.contains(find), "{find}");
        source = source.replacen(find, replace, 1);
    }
    let source =
        workspace().render(&loaded(&source, DONGPU), kind("采购需求")).unwrap_or_else(|e| panic!("{}", lines(&e)));
    source.text
}

#[test]
fn outline_items_are_numbered_as_written_per_level() {
    let text = procurement(&[("    - title: 服务要求\n", "    - title: 服务要求\n      numbering: [1、, ①]\n")]);
    assert!(text.contains("[1、受益对象]"), "{text}");
    assert!(text.contains("[3、服务内容及指标]"), "{text}");
    assert!(text.contains("①困难群众探访不少于800人次"), "{text}");
    assert!(text.contains("[二、采购标的的其他技术、服务等要求]"), "the next top level keeps 一、: {text}");
}

#[test]
fn a_paragraph_follows_a_list_and_its_table() {
    let after = "          insert: services\n          after: 以上为最低要求，可视情况增加。\n";
    let text = procurement(&[("          insert: services\n", after)]);
    let table = text.find("table.header(term[服务项目]").unwrap();
    let paragraph = text.find("#body-text[以上为最低要求，可视情况增加。]").expect(&text);
    assert!(paragraph > table && paragraph < text.find("人员配备要求").unwrap(), "{text}");
}

#[test]
fn spaces_typed_between_words_are_kept_and_line_breaks_joined() {
    let text = procurement(&[("  title: 2025年东圃街道社会工作服务站项目采购需求", "  title: 第二章 采购需求")]);
    assert!(text.contains("[第二章 采购需求]"), "{text}");
    assert!(text.contains("提供个案、小组和社区服务；培育社区"), "a line break in prose is joined: {text}");
}

#[test]
fn services_rows_without_quantity_merge_their_repeated_service() {
    let extra = "不少于10, unit: 万元 }\n    - { service: 资源链接, indicator: 爱心企业结对 }\n";
    let text = procurement(&[("不少于10, unit: 万元 }\n", extra)]);
    assert!(text.contains("table.cell(rowspan: 2)[资源链接], table.cell(align: left)[慈善资源折合价值]"), "{text}");
    assert!(text.contains("\n  table.cell(align: left)[爱心企业结对], [], [], table.cell(align: left)[],"), "{text}");
    let document = workspace().compile(&wenshu::typeset::compile::TypstSource { text, ..source_for_dongpu() });
    assert!(document.is_ok(), "the merged table lays out");
}

fn source_for_dongpu() -> wenshu::typeset::compile::TypstSource {
    workspace().render(&loaded(&source_of(DONGPU), DONGPU), kind("采购需求")).unwrap()
}

/// The Typst of the Qingyuan example's 项目支出绩效目标表 with `edits`.
fn gd_target(edits: &[(&str, &str)]) -> String {
    let mut source = source_of(QINGYUAN);
    for (find, replace) in edits {
        assert!(source.contains(find), "{find}");
        source = source.replacen(find, replace, 1);
    }
    let project = loaded(&source, QINGYUAN);
    let typst = workspace().render(&project, kind("项目支出绩效目标表")).unwrap_or_else(|e| panic!("{}", lines(&e)));
    workspace().compile(&typst).unwrap_or_else(|e| panic!("{}", lines(&e)));
    typst.text
}

#[test]
fn the_guangdong_forms_fund_source_caption_and_document_are_optional() {
    let text = gd_target(&[("  fund_source: 省级福彩公益金\n", "")]);
    assert!(!text.contains("资金来源"), "{text}");
    assert!(text.contains("[当年度金额大写："), "{text}");
    assert!(!text.contains("肇财社"), "{text}");
    let given = "  fund_source: 省级福彩公益金\n  document_title: 关于下达2024年省级福彩公益金的通知\n  \
                 document_number: 肇财社〔2024〕116号\n  allocation_caption: 2024年省级福彩公益金资金分配表\n";
    let text = gd_target(&[("  fund_source: 省级福彩公益金\n", given)]);
    assert!(text.contains("[关于下达2024年省级福彩公益金的通知（肇财社〔2024〕116号）]"), "{text}");
    assert!(text.contains("#form-title(fonts, [2024年省级福彩公益金资金分配表], [单位：万元])"), "{text}");
    assert!(text.contains("[资金来源：省级福彩公益金；当年度金额大写："), "{text}");
}
