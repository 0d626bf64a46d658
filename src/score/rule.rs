//! 评分细则: reads the scoring rule a 绩效目标表 or 绩效评价指标体系 writes
//! for an indicator ("达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止")
//! and scores the indicator by it, step by step, in exact decimals.
//!
//! A rule is read with certainty or refused: whatever the reader cannot
//! settle from the words (酌情, 视情况, one rule for two measures the actual
//! does not both state, a difference from an average) is an error that
//! quotes the rule and says what to write instead, never a guess. A branch
//! that needs a person (`否则酌情扣分`) is refused only when the actual
//! lands in it.
//!
//! A rule is read in three steps, each in its own file: `text` brings the
//! words to one form and lexes numbers with their units; `clause` reads
//! each clause into a [`Part`] — a condition with what it earns, a change
//! per unit, a formula, a limit; `assemble` puts the parts together into
//! one [`Scheme`]. The actual is read by `actual`, words matched by
//! `words`, and `score` scores a scheme with every step written out.
//!
//! ```
//! use wenshu::score::rule::{Rule, Subject};
//! use wenshu::units::number::Number;
//! let rule = Rule::parse("每迟报一天扣1分；迟报四天及以上不得分").unwrap();
//! let late = rule.score(&Subject::actual("迟报2天"), Number::from_int(5)).unwrap();
//! assert_eq!(late.score.fixed2(), "3.00");
//! ```
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
//!   a rule counting what went wrong (`每发现一处扣1分`, `迟报一天扣1分`)
//!   counts from none;
//! - `以上`/`以下` alone include their number, unless a band list gives it
//!   to the neighbouring band;
//! - a count measured against a rule in % is read as a completion rate
//!   (actual ÷ target) when the rule speaks of 完成;
//! - the direction of a proportion is the rule's or the target's: a
//!   proportional rule on a ceiling target (`≤9%`) is refused unless the
//!   rule says which way.

use crate::units::number::Number;

mod actual;
mod assemble;
mod clause;
mod cond;
mod describe;
mod formula;
mod parse;
mod points;
mod score;
#[cfg(test)]
mod shapes;
mod tally;
#[cfg(test)]
mod tests;
mod text;
mod words;

use cond::Interval;

/// A 评分细则 as the table writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule as written, quoted in messages.
    text: String,
    scheme: Scheme,
    /// The full marks the rule itself states, if any.
    full: Option<Number>,
    /// Whether the rule speaks of completing (完成率, 完成比例, 完成任务): a
    /// count actual is then read as a completion rate against the target.
    completion: bool,
}

/// What a rule is scored against: the 实际完成值 as written, and the
/// indicator's 指标值 where it has one figure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subject {
    /// The 实际完成值 as written: `85%`, `迟报2天`, `2处`, `已建立`,
    /// `错0笔、漏填1项、迟报2天`.
    pub text: String,
    pub target: Option<Standard>,
}

/// The figure of an indicator's 指标值: `≥90%` → 90 %, at least.
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    /// The year's figure (a weekly rate already times 52).
    pub value: Number,
    pub unit: String,
    /// Whether the target is a ceiling (`≤9%`, a cost under 成本指标).
    pub ceiling: bool,
}

impl Subject {
    /// An actual with no target.
    pub fn actual(text: &str) -> Subject {
        Subject { text: text.to_owned(), target: None }
    }

    /// An actual against a target figure.
    pub fn against(text: &str, value: Number, unit: &str, ceiling: bool) -> Subject {
        Subject { text: text.to_owned(), target: Some(Standard { value, unit: unit.to_owned(), ceiling }) }
    }
}

/// A score and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Rounded half-up to 0.01, never below 0, never above `points`.
    pub score: Number,
    /// The rule applied step by step, in Chinese, for `wenshu explain`.
    pub steps: Vec<String>,
}

/// A rule put together from its parts.
#[derive(Debug, Clone, PartialEq)]
enum Scheme {
    /// One measure: conditions on it (thresholds, bands, cut-offs), a
    /// change per step beyond a threshold, and what scores otherwise.
    Scale(Scale),
    /// Conditions in words, one of which the actual meets: 有/无,
    /// 健全/基本健全/不健全, 充分/一般/没有.
    Words(Vec<Level>),
    /// Items scored each from its own statement in the actual: deductions
    /// from full marks (`错一笔扣1分，迟报一天扣1分`), or points for each
    /// item met (`有办公场地1分，有办公设备1分`).
    Tally(Tally),
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
    /// Closest to the standard, either side (`每相差3%扣1分`).
    Nearer,
}

/// What a rule measures in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Measure {
    /// Percentages (and 百分点).
    Percent,
    /// A count in this unit: 人次, 户, 天, 处 …
    Count(String),
    /// A multiple (`2倍以上`).
    Times,
    /// The actual's own unit, against the target (完成指标值得满分).
    AsWritten,
}

/// A measure's scale: conditions in order, a step, and what else scores.
#[derive(Debug, Clone, PartialEq)]
struct Scale {
    measure: Measure,
    better: Better,
    /// Conditions on the value, each with its award; the first that holds
    /// decides (a cut-off before the step it cuts short).
    bands: Vec<(Interval, Award)>,
    /// The standard for full marks (`None`: the target, 100% for a rate,
    /// none for a count of what went wrong); for `Nearer`, how far from
    /// the standard still earns full marks.
    threshold: Option<Number>,
    /// For `Nearer`: the standard a deviation is measured from, when the
    /// rule names one (`以100%为标准`); else the target.
    standard: Option<Number>,
    /// For `Nearer`: the span of full marks (`在90%-110%之间得满分`); a
    /// value outside it deviates by its distance to the nearer end.
    window: Option<(Number, Number)>,
    /// Whether meeting the threshold exactly fails (`高于90%得满分`).
    strict: bool,
    step: Option<Step>,
    /// What a value no band holds and no step reaches scores.
    otherwise: Otherwise,
    /// 最低得X分.
    floor: Number,
    /// 最多扣X分 / 最高得X分.
    cap: Option<Number>,
    /// The rule counts what went wrong (迟报, 每处): it starts from none.
    events: bool,
    /// What a step counts, in the rule's words (`迟报`), for actuals that
    /// say none of it happened (`未迟报`).
    counted: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    size: Number,
    amount: Number,
    /// Points added per step past the threshold (`每增加1人加1分`), from
    /// the points earned at the threshold; `None`: points taken.
    add: Option<Number>,
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

/// What a value outside every band scores.
#[derive(Debug, Clone, PartialEq)]
enum Otherwise {
    Zero,
    Full,
    /// 否则酌情扣分: a person decides.
    Judged,
    /// A formula: `按完成比例得分`, `否则按完成比例计分`, `次数/7*2`.
    Formula(formula::Formula),
    /// The rule does not say: an error when a value lands there.
    Unsaid,
}

#[derive(Debug, Clone, PartialEq)]
struct Level {
    /// The words the actual is matched against: 有, 未建立, 项目档案资料齐全.
    key: String,
    award: Award,
    /// Whether the rule leaves it unsaid (`未公示的扣0.5分` implies 公示).
    implied: bool,
}

/// Independent items, each scored from the actual's own statement of it.
#[derive(Debug, Clone, PartialEq)]
struct Tally {
    items: Vec<Item>,
    /// Points for each item met, from none; else deductions from full marks.
    additive: bool,
    floor: Number,
    cap: Option<Number>,
    /// `否则酌情扣分` beside the items.
    otherwise: Option<Otherwise>,
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    /// What the item says, as written: `表内项目错一笔`, `无同级财政部门公章`.
    key: String,
    effect: Effect,
}

/// What an item does.
#[derive(Debug, Clone, PartialEq)]
enum Effect {
    /// Once, when the actual says it holds.
    Once(Award),
    /// So many points per unit the actual counts (`每迟报一天扣1分`).
    PerUnit { size: Number, amount: Number, add: bool, unit: text::Unit },
}

/// What a condition earns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Award {
    Full,
    Points(Number),
    Zero,
    /// Full marks less this.
    Deduct(Number),
    /// A person decides (`酌情扣分`, `8-10分`).
    Judged,
}

/// The forms a rule can be written in, for messages.
const READABLE: &str = "“达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止”、\
“≤1%得满分，每超过1个百分点扣1分”、“每少1人次扣0.5分”、“每发现一处扣1分”、“每迟报一天扣1分”、\
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
    /// fit the rule (another unit, a needed target absent, an item the
    /// actual does not state).
    pub fn score(&self, subject: &Subject, points: Number) -> Result<Scoring, String> {
        score::score(self, subject, points)
    }

    /// How the rule was read, in one line.
    pub fn describe(&self) -> String {
        describe::describe(self)
    }
}
