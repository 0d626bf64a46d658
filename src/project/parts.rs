//! The typed parts a form may carry in its own section (`type: budget` …),
//! as a project file writes them: a budget by 社工等级 and its schedule, a
//! 工时测算 (the team and its staffing rules are in
//! [`crate::project::staffing`]). What wenshu computes from them is in
//! [`crate::parts`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::project::scalars::Text;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;
use crate::yaml::tree::Spanned;

/// The budget behind 项目资金: staff by 社工等级, other costs, and when it is spent.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    #[schemars(
        with = "Vec<StaffLine>",
        title = "人员经费",
        description = "每个社工等级一行：社工等级、人数、小计或每人经费",
        length(min = 1)
    )]
    pub staff: Spanned<Vec<StaffLine>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>", title = "人员经费合计", description = "可不写；写了就与各行小计之和核对")]
    pub staff_total: Option<Spanned<Money>>,
    #[serde(default)]
    #[schemars(title = "其他费用", description = "人员经费以外的费用，如 运营经费 2.4万元")]
    pub costs: Vec<CostLine>,
    #[schemars(
        with = "Vec<QuarterShare>",
        title = "资金支出进度",
        description = "各季度支出比例，合计须为 100%，如 第1季度 70%、第4季度 30%",
        length(min = 1)
    )]
    pub schedule: Spanned<Vec<QuarterShare>>,
}

/// Social workers of one 社工等级.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffLine {
    #[schemars(with = "u32", title = "社工等级", description = "1 到 20，如 3 表示 3级社工", range(min = 1, max = 20))]
    pub grade: Spanned<u32>,
    #[schemars(with = "u32", title = "人数", description = "这一等级的社工人数，至少 1", range(min = 1))]
    pub count: Spanned<u32>,
    #[serde(default)]
    #[schemars(with = "Option<Money>", title = "每人经费", description = "每名社工的经费；写了它就不必写小计")]
    pub per_person: Option<Spanned<Money>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>", title = "小计", description = "这一等级的经费合计；与每人经费都写时须一致")]
    pub amount: Option<Spanned<Money>>,
}

/// A cost that is not staff (运营经费 …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    #[schemars(with = "Text", title = "费用名称", description = "如 运营经费", extend("minLength" = 1))]
    pub item: Spanned<Text>,
    #[schemars(with = "Money", title = "金额", description = "如 2.4万元")]
    pub amount: Spanned<Money>,
}

/// The share of the budget spent in one quarter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterShare {
    #[schemars(with = "u32", title = "季度", description = "1 到 4", range(min = 1, max = 4))]
    pub quarter: Spanned<u32>,
    #[schemars(with = "Percent", title = "支出比例", description = "这一季度支出的比例，如 70%")]
    pub share: Spanned<Percent>,
}

/// One 类型 of work and its rows (the 工时测算).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkType {
    #[serde(rename = "type")]
    #[schemars(with = "Text", title = "类型", description = "如 专业性工作、行政性工作", extend("minLength" = 1))]
    pub kind: Spanned<Text>,
    #[schemars(
        with = "Vec<WorkTask>",
        title = "工作指标",
        description = "这一类型下的各项工作，至少一项",
        length(min = 1)
    )]
    pub tasks: Spanned<Vec<WorkTask>>,
}

/// One row of the 工时测算.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkTask {
    #[schemars(with = "Text", title = "指标", description = "工作项目，如 个案、小组、社区活动", extend("minLength" = 1))]
    pub task: Spanned<Text>,
    #[schemars(with = "Text", title = "单位", description = "如 个、场、人次", extend("minLength" = 1))]
    pub unit: Spanned<Text>,
    #[schemars(with = "Number", title = "工作指标量", description = "全年的数量，如 35")]
    pub quantity: Spanned<Number>,
    #[schemars(with = "Number", title = "单指标所需时间", description = "完成一个单位所需的小时数，如 40")]
    pub hours_each: Spanned<Number>,
    #[serde(default)]
    #[schemars(with = "Option<Text>", title = "备注", description = "表上备注栏的内容")]
    pub note: Option<Spanned<Text>>,
}
