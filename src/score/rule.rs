//! 评分细则: reads the scoring rule a 绩效目标表 or 绩效评价指标体系 writes
//! for an indicator ("达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止")
//! and scores the indicator by it, step by step, in exact decimals.
//!
//! A rule is read with certainty or refused: whatever the reader cannot
//! settle from the words (酌情, 视情况, one rule for two measures, a
//! difference from an average) is an error that quotes the rule and says
//! what to write instead, never a guess.
//!
//! The work is split so each file stays readable on its own: `text`
//! (normalizing and lexing), `cond` (numeric conditions), `parse` and
//! `parse/assemble` (clauses into a `Form`), `score` (scoring, steps,
//! `describe`) and `tests` (one test per rule form).
//!
//! Readings this module settles, as the tests spell out:
//! - a partial step deducts nothing (`每少10个百分点扣1分`, 15 short → 1
//!   step), unless the rule says `以内` or `不足…按…计` (→ 2 steps) or
//!   `不足…按比例` (→ 1.5 steps);
//! - a band list gives a shared boundary to the band marked `(含)`, else to
//!   the band it is the lower end of; an unshared unsaid end is included;
//!   a value in no band scores 0 (or full marks when every band scores 0);
//! - a lone threshold (`≥90%得满分`) scores 0 when not met; a lone cut-off
//!   (`超过1%不得分`) scores full marks when not reached;
//! - a rule naming no standard (`每少1人次扣0.5分`) takes the target as one;
//! - `以上`/`以下` alone include their number, unless a band list gives it
//!   to the neighbouring band;
//! - a count measured against a rule in % is read as a completion rate
//!   (actual ÷ target) when the rule speaks of 完成.

use crate::units::number::Number;

mod cond;
mod parse;
mod score;
#[cfg(test)]
mod tests;
mod text;

use cond::Interval;

/// A 评分细则 as the table writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule as written, quoted in messages.
    text: String,
    form: Form,
    /// The full marks the rule itself states, if any.
    full: Option<Number>,
    /// Whether the rule speaks of completing (完成率, 完成比例, 完成任务): a
    /// count actual is then read as a completion rate against the target.
    completion: bool,
}

/// What a rule is scored against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subject {
    /// The actual figure read from 实际完成值 (e.g. 85 for "85%", 774 for
    /// "774人次"); None when the actual has no number (e.g. "有", "已建立").
    pub actual: Option<Number>,
    /// Its unit as written: "%", "人次", "个", "" …
    pub unit: String,
    /// The indicator's target figure for the year (指标值), where it has one,
    /// e.g. 90 for "≥90%", 700 for "700人次".
    pub target: Option<Number>,
    /// The 实际完成值 as written, for yes/no rules ("有", "无", "已建立", "是", "否").
    pub text: String,
}

/// A score and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Rounded half-up to 0.01, never below 0, never above `points`.
    pub score: Number,
    /// The rule applied step by step, in Chinese, for `wenshu explain`.
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Form {
    /// A threshold, optionally with a deduction per step short of it.
    Linear(Linear),
    /// A list of bands, each with its score.
    Bands(Bands),
    /// 按完成比例得分.
    Proportional,
    /// Scores by what the actual says: 有/无, 已建立/未建立.
    Levels(Vec<Level>),
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
}

/// What a rule measures in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Measure {
    /// Percentages (and 百分点).
    Percent,
    /// A count in this unit: 人次, 户, 天 …
    Count(String),
    /// The actual's own unit, against the target (完成指标值得满分).
    AsWritten,
}

#[derive(Debug, Clone, PartialEq)]
struct Linear {
    better: Better,
    measure: Measure,
    /// The standard for full marks; `None`: the indicator's target (or 100%
    /// for a completion rate).
    threshold: Option<Number>,
    /// Whether meeting the threshold exactly fails (`高于90%得满分`).
    strict: bool,
    step: Option<Step>,
    /// Values in it score 0 (`低于80%得零分`).
    cutoff: Option<Interval>,
    /// 最低得X分.
    floor: Number,
    /// 最多扣X分.
    max_deduction: Option<Number>,
}

#[derive(Debug, Clone, PartialEq)]
struct Step {
    size: Number,
    deduct: Number,
    partial: Partial,
}

/// What a partial step deducts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partial {
    /// Nothing: only whole steps count.
    Ignore,
    /// A whole step (以内, 不足…按…计).
    Whole,
    /// Its share (不足…按比例扣).
    Proportional,
}

#[derive(Debug, Clone, PartialEq)]
struct Bands {
    measure: Measure,
    bands: Vec<(Interval, Award)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Level {
    /// The words the actual is matched against: 有, 未建立, 项目档案资料齐全.
    key: String,
    award: Award,
    /// Whether the rule leaves it unsaid (`未公示的扣0.5分` implies 公示).
    implied: bool,
}

/// What a condition earns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Award {
    Full,
    Points(Number),
    Zero,
    /// Full marks less this.
    Deduct(Number),
}

/// The forms a rule can be written in, for messages.
const READABLE: &str = "“达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止”、\
“≤1%得满分，每超过1个百分点扣1分”、“每少1人次扣0.5分”、\
“90%(含)-100%得10分，80%(含)-90%得8分，80%以下不得分”、“有得5分，无不得分”、“按完成比例得分”";

/// The message for a rule that cannot be read with certainty.
fn unreadable(text: &str, why: &str) -> String {
    format!("评分细则“{text}”读不准：{why}。请改写成能确定计分的写法，如{READABLE}；或写 score 由人评定")
}

impl Rule {
    /// Reads a rule; a rule that cannot be read with certainty is an error
    /// quoting the rule and saying what to write instead.
    pub fn parse(text: &str) -> Result<Rule, String> {
        parse::parse(text)
    }

    /// The full marks the rule itself states ("得15分" → 15), if it states one.
    pub fn full_marks(&self) -> Option<Number> {
        self.full
    }

    /// Scores `subject` out of `points`; an error when the subject does not
    /// fit the rule (another unit, a needed target absent).
    pub fn score(&self, subject: &Subject, points: Number) -> Result<Scoring, String> {
        score::score(self, subject, points)
    }

    /// How the rule was read, in one line.
    pub fn describe(&self) -> String {
        score::describe(self)
    }
}
