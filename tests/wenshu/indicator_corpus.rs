//! Every row of `indicator-values.tsv` — real 指标值 cells from public
//! documents, each with the 完成率 and 得分 a finance officer computes by the
//! national method — must come out exactly: ERR rows refused (with the cell
//! or the actual quoted), JUDGED rows read as judged (a person scores them).

use wenshu::score::indicator::{Field, Inputs, indicator};
use wenshu::score::target::Target;
use wenshu::units::number::{Number, percent_fixed};

const CORPUS: &str = include_str!("../fixtures/indicator-values.tsv");

/// One row: the cell, its actual and what they must come to.
struct Row<'a> {
    line: usize,
    level1: &'a str,
    level2: &'a str,
    indicator: &'a str,
    target: &'a str,
    actual: &'a str,
    points: Number,
    rate: &'a str,
    score: &'a str,
    year: Option<i32>,
}

fn rows() -> Vec<Row<'static>> {
    let mut lines = CORPUS.lines().enumerate();
    let (_, header) = lines.next().expect("header");
    assert!(header.starts_with("level1\tlevel2\tindicator\ttarget\tactual\tpoints"), "{header}");
    lines
        .map(|(index, line)| {
            let line_no = index + 1;
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() == 10 || f.len() == 11, "line {line_no} has {} columns", f.len());
            assert!(!f[8].is_empty(), "line {line_no} has no source");
            Row {
                line: line_no,
                level1: f[0],
                level2: f[1],
                indicator: f[2],
                target: f[3],
                actual: f[4],
                points: Number::parse(f[5]).unwrap_or_else(|| panic!("line {line_no}: points “{}”", f[5])),
                rate: f[6],
                score: f[7],
                year: f.get(10).filter(|y| !y.is_empty()).map(|y| y.parse().expect("year")),
            }
        })
        .collect()
}

/// What wenshu makes of a row, in the corpus's terms: `ERR`, `JUDGED`, or
/// the rates (parts joined by `；`, `—` where nothing divides) and score.
fn outcome(row: &Row) -> (String, String) {
    let inputs = Inputs {
        level1: row.level1,
        level2: row.level2,
        indicator: row.indicator,
        target: row.target,
        actual: row.actual,
        points: row.points,
        year: row.year,
        capped: false,
        rule: None,
    };
    match indicator(&inputs) {
        Err(_) => ("ERR".to_owned(), "ERR".to_owned()),
        Ok(scored) if matches!(scored.target, Target::Judged(_)) => ("—".to_owned(), "JUDGED".to_owned()),
        Ok(scored) => {
            let rates: Vec<String> =
                scored.parts.iter().map(|p| p.rate.map_or("—".to_owned(), percent_fixed)).collect();
            let rate = if rates.is_empty() { "—".to_owned() } else { rates.join("；") };
            (rate, scored.score.map_or("none".to_owned(), Number::fixed2))
        }
    }
}

#[test]
fn every_indicator_value_scores_as_worked_out_by_hand() {
    let rows = rows();
    let mut failures = Vec::new();
    let (mut clear, mut clear_exact, mut ambiguous, mut refused) = (0, 0, 0, 0);
    for row in &rows {
        let (rate, score) = outcome(row);
        let exact = rate == row.rate && score == row.score;
        if row.score == "ERR" {
            ambiguous += 1;
            refused += usize::from(exact);
        } else {
            clear += 1;
            clear_exact += usize::from(exact);
        }
        if !exact {
            failures.push(format!(
                "line {}: {} | {} → {rate} {score}, want {} {}",
                row.line, row.target, row.actual, row.rate, row.score
            ));
        }
    }
    println!("clear rows exact: {clear_exact} of {clear}; ambiguous rows refused: {refused} of {ambiguous}");
    assert!(rows.len() >= 280, "the corpus shrank to {} rows", rows.len());
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

#[test]
fn refusals_quote_the_value_they_refuse() {
    for row in rows().iter().filter(|r| r.score == "ERR") {
        let inputs = Inputs {
            level1: row.level1,
            level2: row.level2,
            indicator: row.indicator,
            target: row.target,
            actual: row.actual,
            points: row.points,
            year: row.year,
            capped: false,
            rule: None,
        };
        if let Err(refusal) = indicator(&inputs) {
            let quoted = match refusal.field {
                Field::Target => format!("指标值“{}”", row.target.trim()),
                Field::Actual => format!("实际完成值“{}”", row.actual.trim()),
                Field::Rule => unreachable!("the corpus has no 评分细则"),
            };
            assert!(refusal.message.starts_with(&quoted), "line {}: {}", row.line, refusal.message);
        }
    }
}
