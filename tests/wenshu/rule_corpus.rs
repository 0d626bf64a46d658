//! Every row of `scoring-rules.tsv` — real 评分细则 from public documents,
//! each with a score worked out by hand — must come out exactly.

use wenshu::score::rule::{Rule, Subject};
use wenshu::units::number::Number;

const CORPUS: &str = include_str!("../fixtures/scoring-rules.tsv");

fn number(field: &str, line: usize) -> Option<Number> {
    if field.is_empty() {
        return None;
    }
    Some(Number::parse(field).unwrap_or_else(|| panic!("line {line}: “{field}” is not a number")))
}

#[test]
fn every_corpus_row_scores_as_worked_out_by_hand() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for (index, line) in CORPUS.lines().enumerate().skip(1) {
        let line_no = index + 1;
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 8, "line {line_no} does not have 8 columns");
        let [rule, points, actual, unit, target, text, expected, source] = fields[..] else { unreachable!() };
        assert!(!source.is_empty(), "line {line_no} has no source");
        rows += 1;
        let subject = Subject {
            actual: number(actual, line_no),
            unit: unit.to_owned(),
            target: number(target, line_no),
            text: text.to_owned(),
        };
        let points = number(points, line_no).expect("points");
        let got = Rule::parse(rule).and_then(|r| r.score(&subject, points));
        let ok = match (&got, expected) {
            (Err(_), "ERR") => true,
            (Ok(s), want) => s.score.fixed2() == want,
            (Err(_), _) => false,
        };
        if !ok {
            let got = got.map(|s| format!("{} {:?}", s.score.fixed2(), s.steps));
            failures.push(format!(
                "line {line_no}: {rule} | actual {actual}{unit} target {target} text {text} → {got:?}, want {expected}"
            ));
        }
    }
    assert!(rows >= 100, "the corpus shrank to {rows} rows");
    assert!(failures.is_empty(), "{} of {rows} rows differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn refusals_quote_the_rule_and_say_what_to_write() {
    for line in CORPUS.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[6] != "ERR" {
            continue;
        }
        if let Err(message) = Rule::parse(fields[0]) {
            assert!(message.contains(fields[0].trim()), "{message}");
            assert!(message.contains("或写 score 由人评定"), "{message}");
        }
    }
}
