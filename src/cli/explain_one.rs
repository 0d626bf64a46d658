//! `wenshu explain --target …` / `--rule …`: how one 指标值 or one 评分细则
//! is read, and with `--actual` how it scores, without a project file — the
//! same code the year-end evaluation runs ([`crate::score::indicator()`]).

use crate::cli::args::ExplainOneArgs;
use crate::error::{Error, ErrorKind, Exit};
use crate::score::evaluate::PartBound;
use crate::score::indicator::{Inputs, indicator};
use crate::score::rule::Rule;
use crate::score::target::Target;
use crate::term;
use crate::units::number::Number;

pub fn explain_one(args: &ExplainOneArgs) -> Exit {
    let invalid = |message: String| vec![Error::new(ErrorKind::Invalid, message)];
    let rule = args.rule.as_deref().map(Rule::parse).transpose().map_err(invalid)?;
    if let (Some(rule), Some(text)) = (&rule, &args.rule) {
        term::data(format!("评分细则：{}\n读作：{}", text.trim(), rule.describe()));
        if let Some(full) = rule.full_marks() {
            term::data(format!("细则写明的满分：{full} 分"));
        }
    }
    let points = args.points.or(rule.as_ref().and_then(Rule::full_marks)).unwrap_or(Number::from_int(10));
    let inputs = Inputs {
        level1: &args.level1,
        level2: &args.level2,
        indicator: &args.indicator,
        target: args.target.as_deref().unwrap_or(""),
        actual: args.actual.as_deref().unwrap_or(""),
        points,
        year: args.year,
        capped: false,
        rule: args.rule.as_deref(),
    };
    if args.target.is_some() {
        let reading = crate::score::target::Target::read(inputs.target, &context(&inputs)).map_err(invalid)?;
        term::data(format!("指标值读作：{}", reading.describe()));
    }
    if args.actual.is_none() {
        return Ok(0);
    }
    let scored = indicator(&inputs).map_err(|refusal| vec![Error::new(ErrorKind::Invalid, refusal.message)])?;
    if !scored.actual_reading.is_empty() {
        term::data(format!("实际读作：{}", scored.actual_reading));
    }
    let no_rate = match &scored.target {
        Target::Deadline(_) => "—（期限：按期得满分，逾期得 0 分）",
        Target::Judged(_) => "—（定性）",
        _ if scored.parts.iter().all(|p| p.bound == PartBound::AtMost) => "—（上限不算完成率）",
        _ => "—（在区间内，不算完成率）",
    };
    if rule.is_none() || scored.rate.is_some() {
        term::data(format!("完成率：{}", scored.rate.as_deref().unwrap_or(no_rate)));
    }
    for (k, step) in scored.steps.iter().enumerate() {
        term::data(format!("{}. {step}", k + 1));
    }
    match scored.score {
        Some(score) => {
            let why = if scored.why.is_empty() { String::new() } else { format!("（{}）", scored.why) };
            term::data(format!("得分：{} / {}{why}", score.fixed2(), inputs.points.fixed2()));
        }
        None => term::data("得分：由人评定（定性），写 score"),
    }
    Ok(0)
}

fn context<'a>(inputs: &Inputs<'a>) -> crate::score::target::Context<'a> {
    crate::score::target::Context {
        level1: inputs.level1,
        level2: inputs.level2,
        indicator: inputs.indicator,
        year: inputs.year,
    }
}
