//! The staffing corpus (`tests/fixtures/staffing-passages.yaml`): thirty
//! real passages, each written as staffing rules with a team that meets
//! them and one that fails. Every team goes through what `wenshu check`
//! does (the shape, the rules, the document laid out): the one that meets
//! has no problem, the one that fails has exactly the problems written.

use serde_json::Value as Json;

use crate::*;

const PASSAGES: &str = "tests/fixtures/staffing-passages.yaml";

fn passages() -> Vec<Json> {
    serde_saphyr::from_str(&source_of(PASSAGES)).unwrap_or_else(|e| panic!("{PASSAGES}: {e}"))
}

/// A 采购需求 project holding one passage and one team, as a user writes
/// it: the passage as the requirement's text, the team inserted after it,
/// the passage's rules with the team's own (its `staffing_rules`) over them.
fn project(passage: &Json, case: &Json) -> String {
    let mut rules = passage["staffing_rules"].clone();
    for (key, value) in case.get("staffing_rules").and_then(Json::as_object).into_iter().flatten() {
        rules[key] = value.clone();
    }
    // JSON is YAML: each value is written as one flow value.
    let json = |value: &Json| serde_json::to_string(value).unwrap();
    format!(
        "version: 1\nyear: 2025\nname: {name}\nprocurement:\n  title: {title}\n  outline:\n    - title: 人员配备要求\n      text: {text}\n      insert: team\n  team: {team}\n  staffing_rules: {rules}\n",
        name = json(&Json::from(format!("人员配备要求第{}段", passage["passage"]))),
        title = json(&passage["title"]),
        text = json(&passage["text"]),
        team = json(&case["team"]),
        rules = json(&rules),
    )
}

/// The problems `check` finds, without the file and place each starts with.
fn found(passage: &Json, case: &Json) -> Vec<String> {
    let path = format!("staffing-passage-{}.yaml", passage["passage"]);
    let lines = problems(&project(passage, case), &path);
    lines.iter().map(|line| line.split_once(": ").map_or(line.as_str(), |(_, m)| m).to_owned()).collect()
}

fn sorted(mut lines: Vec<String>) -> Vec<String> {
    lines.sort();
    lines
}

#[test]
fn every_passage_is_read_as_a_finance_officer_reads_it() {
    let passages = passages();
    assert_eq!(passages.len(), 30, "the corpus has thirty passages");
    let mut wrong = Vec::new();
    for passage in &passages {
        let number = &passage["passage"];
        for key in ["passage", "title", "source", "text", "staffing_rules", "meets", "fails"] {
            assert!(passage.get(key).is_some_and(|v| !v.is_null()), "passage {number} has no {key}");
        }
        let meets = found(passage, &passage["meets"]);
        if !meets.is_empty() {
            wrong.push(format!("第{number}段 符合的团队被报了问题：\n  {}", meets.join("\n  ")));
        }
        let expected: Vec<String> = passage["fails"]["problems"]
            .as_array()
            .unwrap_or_else(|| panic!("passage {number}: fails.problems"))
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        assert!(!expected.is_empty(), "passage {number}: a failing team fails for a reason");
        let fails = found(passage, &passage["fails"]);
        if sorted(fails.clone()) != sorted(expected.clone()) {
            wrong.push(format!(
                "第{number}段 不符合的团队：\n  应为：\n    {}\n  实为：\n    {}",
                expected.join("\n    "),
                fails.join("\n    ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
