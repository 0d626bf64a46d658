//! Points given and taken: an award out of the indicator's points, a
//! difference counted in steps, a deduction floored — what the scale and
//! the tally of items both score with.

use super::{Award, Partial, Rule, Step};
use crate::units::number::Number;

pub(super) fn award_points(rule: &Rule, award: Award, points: Number) -> Result<Number, String> {
    Ok(match award {
        Award::Full => points,
        Award::Points(n) => n.min(points),
        Award::Zero => Number::ZERO,
        Award::Deduct(n) if n >= points => Number::ZERO,
        Award::Deduct(n) => points - n,
        Award::Judged => {
            return Err(format!("细则“{}”说这种情形要人来判断（酌情）：请写 score 由人评定", rule.text));
        }
    })
}

/// `points − took`, never below the floor, with the step written out.
pub(super) fn deduct(points: Number, took: Number, floor: Number, steps: &mut Vec<String>) -> Number {
    let floor = floor.min(points);
    let left = if took >= points { Number::ZERO } else { points - took };
    if took <= points && left >= floor {
        steps.push(format!("{points} − {took} = {left} 分"));
        left
    } else if floor.is_zero() {
        steps.push(format!("{points} − {took} 不足 0 分，扣完为止：0 分"));
        floor
    } else {
        steps.push(format!("{points} − {took} 低于最低分，按最低 {floor} 分计"));
        floor
    }
}

/// Points for a difference of `gap`, and how, in words.
pub(super) fn taken(step: &Step, gap: Number, g: &str) -> (Number, String) {
    let verb = if step.add.is_some() { "加" } else { "扣" };
    let (size, whole, rem) = (step.size, gap.raw() / step.size.raw(), gap.raw() % step.size.raw());
    let count = |n: i128| i64::try_from(n).unwrap_or(i64::MAX);
    match step.partial {
        Partial::Proportional if rem != 0 => {
            let took = step.amount.scaled(gap, size);
            (took, format!("按比例{verb} {took} 分"))
        }
        Partial::Whole if rem != 0 => {
            let took = step.amount.times(count(whole + 1));
            (took, format!("{gap} {g}按 {} 档计（不足一档按一档计），{verb} {took} 分", whole + 1))
        }
        Partial::Ignore if rem != 0 => {
            let took = step.amount.times(count(whole));
            (took, format!("满 {size} {g}的有 {whole} 档（不足一档的部分不计），{verb} {took} 分"))
        }
        _ => {
            let took = step.amount.times(count(whole));
            (took, format!("{verb} {took} 分"))
        }
    }
}
