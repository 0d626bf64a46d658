//! `check` passes ⇒ `build` succeeds, and nothing panics: projects with
//! extreme numbers and long texts, generated, through both.

use proptest::prelude::*;

use crate::*;

/// A number as a project might write it, from nought to past every limit.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (1u64..20).prop_map(|n| n.to_string()),
        4 => (0u64..100_000).prop_map(|n| n.to_string()),
        2 => (999_999_000u64..1_000_001_000).prop_map(|n| n.to_string()),
        1 => (0u64..u64::MAX).prop_map(|n| n.to_string()),
        1 => (0u32..10_000, 0u32..10_000).prop_map(|(a, b)| format!("{a}.{b}")),
    ]
}

/// A text from one character to some thousands.
fn text() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!["社工", "服务项目", "a", "测试#*_$@<[//", "很长的文字。"]), 1usize..800)
        .prop_map(|(piece, times)| piece.repeat(times))
}

/// The corpus base, with a 用户需求书 section to stress too.
fn project(staff: u64, values: &[String; 7]) -> String {
    let [count, quantity, hours, weekly, target, actual, long] = values;
    // The staff line and 项目资金 move together, so the sums still agree.
    let total = staff + 2;
    let base = source_of("tests/bad/base.yaml")
        .replacen("        amount: 18万元", &format!("        amount: {staff}万元"), 1)
        .replacen("  total: 20万元\n  fiscal: 20万元", &format!("  total: {total}万元\n  fiscal: {total}万元"), 1)
        .replacen(
            "      initial: 20万元\n      spent: 20万元",
            &format!("      initial: {total}万元\n      spent: {total}万元"),
            1,
        )
        .replacen("        count: 1", &format!("        count: {count}"), 1)
        .replacen(
            "            target: 10个\n            actual: 12个",
            &format!("            target: {target}个\n            actual: {actual}个\n            reason: 原因"),
            1,
        )
        .replacen("name: 测试项目", &format!("name: '{long}'"), 1);
    format!(
        "{base}requirements:\n  title: '{long}'\n  needs:\n    - '{long}'\n  service_period: 全年\n  beneficiaries: '{long}'\n  content:\n    - '{long}'\n  workload:\n    - type: 专业性工作\n      tasks:\n        - {{ task: '{long}', unit: 人次, quantity: {quantity}, hours_each: {hours} }}\n  weekly_hours: {weekly}\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_project_that_passes_check_builds_and_nothing_panics(
        staff in prop_oneof![0u64..100, 0u64..200_000_000], count in number(), quantity in number(), hours in number(),
        weekly in number(), target in number(), actual in number(), long in text(),
    ) {
        let long = long.replace('\'', "");
        let source = project(staff, &[count, quantity, hours, weekly, target, actual, long]);
        let Ok(loaded) = workspace().parse(&source, "stress.yaml") else { return Ok(()) };
        let problems = workspace().check(&loaded);
        if !problems.is_empty() {
            return Ok(());
        }
        let prepared = workspace().prepare(&loaded).unwrap();
        for form in workspace().documents_for(&loaded) {
            let built = workspace().session(&loaded, &prepared).build(form);
            prop_assert!(built.is_ok(), "check passed but {} failed: {:?}", form.name, built.err());
        }
    }
}

#[test]
fn the_generator_makes_projects_that_pass_check() {
    // Mild values, as the generator often picks: the base of the property.
    let long = "长文字".repeat(300);
    let source = project(18, &["1", "100", "2", "40", "10", "12", &long].map(str::to_owned));
    let loaded = workspace().parse(&source, "stress.yaml").unwrap_or_else(|e| panic!("{}", lines(&e)));
    assert_eq!(first_lines(&workspace().check(&loaded)), Vec::<String>::new());
}
