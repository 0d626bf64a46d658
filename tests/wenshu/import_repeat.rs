//! A long indicator block's header repeats on every page its rows reach and
//! never ends a page (#29), also when it sits in the middle of one big table
//! with no 绩效指标 label down its left (the PKU 执行监控表): printed as one
//! row, it cannot make Typst's PDF export panic.

use crate::import_print::{fixture, imported, page_text};
use crate::*;

/// A project of 35 indicators (7 二级 of 5 each) that prints `form`.
fn many_indicators(form: &str) -> String {
    let mut out = format!("version: 1\nyear: 2025\nname: 测试\ndocuments: [{form}]\nindicators:\n");
    let levels = [
        ("产出指标", &["数量指标", "质量指标", "时效指标", "成本指标"][..]),
        ("效益指标", &["社会效益指标", "可持续影响指标"]),
        ("满意度指标", &["服务对象满意度指标"]),
    ];
    for (level1, groups) in levels {
        out.push_str(&format!("  - level1: {level1}\n    groups:\n"));
        for level2 in groups {
            out.push_str(&format!("      - level2: {level2}\n        items:\n"));
            for k in 1..=5 {
                out.push_str(&format!("          - {{ indicator: {level2}第{k}项, target: '≥{}%' }}\n", 90 + k));
            }
        }
    }
    out
}

#[test]
fn an_indicator_header_in_the_middle_of_a_table_repeats_and_never_ends_a_page() {
    let pku = fixture("pku-2019-xiangmuku-jixiao-shenbao-jiankong-ziping.xlsx");
    let generated = fixture("14-jixiao-mubiao-zhixing-jiankong-biao-zhongjian-biaotou.xlsx");
    for (file, sheet, id) in [(&pku, Some("项目支出绩效目标执行监控"), "pku"), (&generated, None, "generated")]
    {
        let dir = imported(&[]);
        let mut args = vec!["form", "import", file.to_str().unwrap(), "--id", id, "--name", id];
        if let Some(sheet) = sheet {
            args.extend(["--sheet", sheet]);
        }
        let output = wenshu(&args, dir.path());
        assert!(output.status.success(), "{id}: {}", stderr(&output));
        std::fs::write(dir.path().join("projects/t/project.yaml"), many_indicators(id)).unwrap();
        let output = wenshu(&["build", "--only", id], dir.path());
        assert!(output.status.success(), "{id}: {}{}", stdout(&output), stderr(&output));
        let pdf = dir.path().join(format!("out/t/{id}.pdf"));
        let pages: Vec<String> = (1..=8).map(|n| page_text(&pdf, n)).take_while(|t| !t.is_empty()).collect();
        assert!(pages.len() >= 3, "{id}: {} pages", pages.len());
        let mut rows = 0;
        for (n, text) in pages.iter().enumerate() {
            let items = text.matches("项≥").count();
            rows += items;
            if items == 0 {
                continue;
            }
            // The header over the rows of each page, a row after it on the page.
            let header = text.find("三级指标").unwrap_or_else(|| panic!("{id} page {}: no header: {text}", n + 1));
            assert!(text[header..].contains("项≥"), "{id} page {}: the header ends the page: {text}", n + 1);
            for label in ["一级指标", "二级指标", "偏差原因分析", "完全不可能", "备注"] {
                assert!(text.contains(label), "{id} page {}: {label}: {text}", n + 1);
            }
        }
        assert_eq!(rows, 35, "{id}");
        // Each header row keeps the original's height (the PKU sheet's are 20pt in Typst's measure).
        if id == "pku" {
            let template = std::fs::read_to_string(dir.path().join("forms/pku/template.typ.j2")).unwrap();
            let header = &template[template.find("table.header(").unwrap()..];
            let header = &header[..header.find("\n  ),").unwrap()];
            for row in ["#tall(20pt)[偏差原因分析]", "#tall(20pt)[经费保障]"] {
                assert!(header.contains(row), "{row} in {header}");
            }
        }
        // No page ends with the header's labels: a page's last row is an indicator's.
        for (n, text) in pages.iter().enumerate() {
            let last_header = text.rfind("完全不可能");
            let last_row = text.rfind("项≥");
            assert!(last_header <= last_row, "{id} page {}: the header is stranded: {text}", n + 1);
        }
    }
}
