//! Every example project against its seed document, and the Typst it generates.

use crate::*;

/// Each example, the document that reproduces its seed, and the seed
/// segments it words differently on purpose.
const EXAMPLES: &[(&str, &str, &str, &[&str])] = &[
    (YANTIAN, "申报表", "seed-000.txt", &[]),
    (XINGTAN, "服务分项目标及指标", "seed-001.txt", &[]),
    (
        WENCHONG,
        "绩效评价报告",
        "seed-002.txt",
        // The weights sentence is generated from the parties (the seed writes
        // 占 once and 占比 twice); section 六 is headed 相关建议 (the seed's
        // 相关建议资金 is a stray word).
        &[
            "其中,项目监督方(区民政局)评估分值占比 10%,项目购买方(镇人民政府、街道办事处)评估分值占比 20%,第三方专业服务评估分值占 70%",
            "六、相关建议资金",
        ],
    ),
    (ZHONGSHAN, "用户需求书", "seed-003.txt", &[]),
    (JINHAI, "湖里区申报表", "seed-004.txt", &[]),
];

#[test]
fn every_example_carries_every_segment_of_its_seed() {
    for (project, document, seed, expected_missing) in EXAMPLES {
        let text = document_text_of(&loaded(&source_of(project), project), document);
        let text = normalize(&without_page_numbers(&text));
        let seed = std::fs::read_to_string(root().join("tests/fixtures").join(seed)).unwrap();
        let segments = seed_segments(&seed);
        assert!(segments.len() > 40, "{seed}: only {} segments", segments.len());
        let missing: Vec<&String> = segments.iter().filter(|s| !text.contains(&normalize(s))).collect();
        assert_eq!(missing, expected_missing.to_vec(), "{project} {document}");
    }
}

#[test]
fn every_example_builds_exactly_its_documents() {
    let expected: &[(&str, &[&str])] = &[
        (YANTIAN, &["申报表", "绩效评价报告", "绩效自评表"]),
        (XINGTAN, &["服务分项目标及指标"]),
        (WENCHONG, &["绩效评价报告", "绩效自评表"]),
        (ZHONGSHAN, &["用户需求书"]),
        (JINHAI, &["湖里区申报表"]),
    ];
    for (project, documents) in expected {
        let loaded = loaded(&source_of(project), project);
        let names: Vec<&str> = workspace().documents_for(&loaded).iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, documents.to_vec(), "{project}");
    }
}

#[test]
fn generated_typst_of_every_example() {
    for (project, document, _, _) in EXAMPLES.iter().chain([
        &(YANTIAN, "绩效自评表", "", &[][..]),
        &(YANTIAN, "绩效评价报告", "", &[][..]),
        &(WENCHONG, "绩效自评表", "", &[][..]),
        // The two forms written only as folders, no Rust behind them.
        &(QINGYUAN, "项目支出绩效目标表", "", &[][..]),
        &(DONGPU, "采购需求", "", &[][..]),
    ]) {
        let source = workspace().render(&loaded(&source_of(project), project), kind(document)).unwrap();
        let folder = project.split('/').nth(1).unwrap();
        insta::assert_snapshot!(format!("{folder}-{document}"), source.text);
    }
}
