//! What the year-end evaluation computes, as results: figures stay exact
//! numbers, money and enums; templates see them as the forms print them
//! (formatted at the edge, [`crate::units::shown`]), spreadsheets and the
//! summary use the numbers.

use serde::Serialize;

use crate::project::model::Completion;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;
use crate::units::shown;

/// Everything computed for the evaluation documents, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluated {
    pub execution: Execution,
    pub categories: Vec<ScoredCategory>,
    /// Sum of the indicators' and the execution rate's scores.
    #[serde(serialize_with = "shown::fixed2")]
    pub total: Number,
    /// Sum of all points: the full score.
    #[serde(serialize_with = "shown::fixed2")]
    pub max: Number,
    /// The grade of `total` on the funder's scale.
    pub grade: String,
    /// The grade of `total` on the national self-evaluation form (优/良/中/差).
    pub national_grade: String,
    /// The weighted party scores, where the funder evaluates that way.
    pub parties: Option<PartyScores>,
    /// The score and grade the report states: the parties' where given.
    #[serde(serialize_with = "shown::fixed2")]
    pub final_score: Number,
    pub final_grade: String,
    /// The funder's grades, best first: the last is the failing one.
    pub grade_names: Vec<String>,
    /// Whether `final_grade` is above the lowest grade (合格 or better).
    pub passed: bool,
    /// How rates are named and printed: `完成率` (uncapped) or `完成进度` (capped at 100%).
    pub rate_name: Completion,
    /// The points of each level, and how they were set.
    pub weights_sentence: String,
    /// Whether `weights: auto` spread a missing level's points, which the
    /// report says.
    pub weights_spread: bool,
    /// 资金来源属于…，年初预算240万元，执行数为240万元，完成预算的100%。
    pub funding_sentence: String,
    /// 2022年度完成电访886个，探访810个，分别完成协议指标量的103.02%、100.25%；…
    /// (the report puts who did it before: 社工站).
    pub completion_sentence: String,
    /// 评估等级分为优秀、良好、合格、不合格四个等级。评估分值90分以上为优秀，…
    pub grading_sentence: String,
    /// Measured indicators' completion rates, for the chart.
    pub chart: Vec<ChartBar>,
    /// The rate at the right end of the chart's axis: the highest rate
    /// rounded up to 50%, at least 150% so the 100% line stands inside.
    pub chart_scale: i64,
    /// Indicators below their points, with their reasons.
    pub shortfalls: Vec<Scored>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Execution {
    pub rows: Vec<ExecutionRow>,
    #[serde(serialize_with = "shown::wan")]
    pub initial: Money,
    #[serde(serialize_with = "shown::wan")]
    pub adjusted: Money,
    #[serde(serialize_with = "shown::wan")]
    pub spent: Money,
    #[serde(serialize_with = "shown::fixed2")]
    pub points: Number,
    /// 全年执行数 ÷ 全年预算数, as forms print it (`100%`, `97.34%`).
    #[serde(serialize_with = "shown::text")]
    pub rate: Percent,
    #[serde(serialize_with = "shown::fixed2")]
    pub score: Number,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExecutionRow {
    pub label: String,
    /// None for a line the project lacks: the form leaves it blank.
    #[serde(serialize_with = "shown::wan_or_blank")]
    pub initial: Option<Money>,
    #[serde(serialize_with = "shown::wan_or_blank")]
    pub adjusted: Option<Money>,
    #[serde(serialize_with = "shown::wan_or_blank")]
    pub spent: Option<Money>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredCategory {
    pub level1: String,
    /// The points of the category and what its indicators scored.
    #[serde(serialize_with = "shown::fixed2")]
    pub points: Number,
    #[serde(serialize_with = "shown::fixed2")]
    pub score: Number,
    pub groups: Vec<ScoredGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredGroup {
    pub level2: String,
    pub items: Vec<Scored>,
}

/// One indicator at year end.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub indicator: String,
    /// The 指标值 and 实际完成值 as the project wrote them.
    pub target: String,
    pub actual: String,
    /// How the 指标值 was read (`≥ 4个`, `定性：score 3`).
    pub reading: String,
    /// What was read from the actual (`774人次`, `个案 5个 + 个案服务 22人次`).
    pub actual_reading: String,
    /// 完成率 (`103.02%`), for targets that divide; a compound's parts joined.
    pub rate: Option<String>,
    /// None for an indicator that carries no points (不适用, no 指标值).
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub points: Option<Number>,
    #[serde(serialize_with = "shown::fixed2_or_blank")]
    pub score: Option<Number>,
    pub reason: String,
    /// Why the score is below full, in a few words (`完成率 77.78%`).
    pub why: String,
    /// A 评分细则 applied step by step, for `wenshu explain`.
    pub steps: Vec<String>,
    /// How it was scored, for spreadsheets that recompute it.
    pub method: Method,
}

/// How an indicator's score came about.
#[derive(Debug, Clone, Serialize, Default)]
pub enum Method {
    /// Not scored (不适用, no 指标值), or not yet read.
    #[default]
    None,
    /// Scored by people: the score is as written.
    Judged,
    /// Measured, each part against its figure for its share of the points.
    Measured(Vec<Part>),
    /// By the indicator's own 评分细则: the score is as the rule gives it.
    Rule,
    /// A deadline: full points when kept, none when missed.
    Deadline,
}

/// One measured quantity of an indicator, as scored.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub label: String,
    pub bound: PartBound,
    /// The year's figure the actual is held to (a range's upper end).
    pub figure: Number,
    /// A range's lower end, for the year.
    pub low: Option<Number>,
    pub unit: String,
    pub actual: Number,
    /// The points this part carries and what it scored.
    #[serde(serialize_with = "shown::fixed2")]
    pub points: Number,
    #[serde(serialize_with = "shown::fixed2")]
    pub score: Number,
    /// 完成率 in hundredths of a percent, uncapped, where it divides.
    #[serde(serialize_with = "shown::fraction_or_none")]
    pub rate: Option<i64>,
}

/// Which side of its figure a part's actual must land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartBound {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = "区间")]
    Range,
}

impl PartBound {
    /// `≥`, `≤` or `区间`, as the parts sheet writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            PartBound::AtLeast => "≥",
            PartBound::AtMost => "≤",
            PartBound::Range => "区间",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyScores {
    pub rows: Vec<PartyRow>,
    #[serde(serialize_with = "shown::fixed2")]
    pub total: Number,
    pub grade: String,
    /// 其中，项目监督方评估分值占比10%，…
    pub weights_sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyRow {
    pub party: String,
    #[serde(serialize_with = "shown::text")]
    pub weight: Percent,
    #[serde(serialize_with = "shown::fixed2")]
    pub score: Number,
    #[serde(serialize_with = "shown::fixed2")]
    pub weighted: Number,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartBar {
    pub label: String,
    /// Hundredths of a percent.
    pub rate: i64,
    pub text: String,
}
