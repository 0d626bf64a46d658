//! `wenshu explain --target …`: how one 指标值 is read, and with `--actual`
//! how it scores, without a project file — the same code the year-end
//! evaluation runs ([`crate::score::indicator()`]).

use crate::cli::args::ExplainOneArgs;
use crate::error::{Error, ErrorKind, Exit};
use crate::score::evaluate::PartBound;
use crate::score::indicator::{Inputs, indicator};
use crate::score::target::Target;
use crate::term;
use crate::units::number::Number;

pub fn explain_one(args: &ExplainOneArgs) -> Exit {
    let inputs = Inputs {
        level1: &args.level1,
        level2: &args.level2,
        indicator: &args.indicator,
        target: args.target.as_deref().unwrap_or(""),
        actual: args.actual.as_deref().unwrap_or(""),
        points: args.points.unwrap_or(Number::from_int(10)),
        year: args.year,
        capped: false,
    };
    let reading = crate::score::target::Target::read(inputs.target, &context(&inputs));
    let reading = reading.map_err(|message| vec![Error::new(ErrorKind::Invalid, message)])?;
    term::data(format!("指标值读作：{}", reading.describe()));
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
    term::data(format!("完成率：{}", scored.rate.as_deref().unwrap_or(no_rate)));
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
