//! The project file, version 1: serde types of what a project declares.
//!
//! Keys are English snake_case; every key has the Chinese label of the form
//! field it fills ([`label`]), which is what error messages show. Values the
//! rules check carry their place in the file ([`Spanned`]).

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::money::{Money, Percent};
use crate::number::Number;

pub use serde_saphyr::Spanned;

/// One project: everything its documents print, and nothing they compute.
///
/// What every document needs is at the top; what only one kind of
/// document prints lives in its own section (`application`, `evaluation`),
/// so a project has exactly the sections of the documents it produces.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 文件格式版本: always 1 for now.
    #[schemars(with = "u32")]
    pub version: Spanned<u32>,
    /// 年度
    #[schemars(with = "i32")]
    pub year: Spanned<i32>,
    /// 项目名称
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    /// 填报单位; the form prints （盖章） after it, for the stamp.
    #[serde(default)]
    pub filing_unit: Option<Text>,
    /// 项目主管部门
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub department: Option<Spanned<Text>>,
    /// 项目实施单位
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub implementer: Option<Spanned<Text>>,
    /// 项目资金 and where it comes from.
    #[serde(default)]
    pub funding: Option<Funding>,
    /// The documents to build; left out, they follow from the sections present.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Text>>")]
    pub documents: Option<Spanned<Vec<Spanned<Text>>>>,
    /// What only the 申报表 prints.
    #[serde(default)]
    pub application: Option<Application>,
    /// 年度绩效指标 (targets, and at year end the actuals).
    #[serde(default = "no_indicators")]
    #[schemars(with = "Vec<IndicatorCategory>")]
    pub indicators: Spanned<Vec<IndicatorCategory>>,
    /// The year-end evaluation: spending, scores and the report's text.
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    /// 服务分项目标及指标: the document around the indicators' service areas.
    #[serde(default)]
    pub service_plan: Option<ServicePlan>,
    /// 用户需求书: service needs, content, the 工时测算 and the team.
    #[serde(default)]
    pub requirements: Option<Requirements>,
    /// 湖里区购买社会工作服务项目申报表.
    #[serde(default)]
    pub huli_application: Option<HuliApplication>,
}

/// 服务分项目标及指标 (seed 001): each 一级指标 is a service area with its
/// goal; its 二级指标 are the table's 项目.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePlan {
    /// The heading (`社工服务分项目标及指标`).
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// The heading's number (`1` prints `1、`); left out, none.
    #[serde(default)]
    pub number: Option<u32>,
    /// 备注 at the end of the document.
    #[serde(default)]
    pub note: Option<Text>,
}

/// 用户需求书 (seed 003).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The title (`2024年…社工服务项目用户需求书`).
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// 一、服务需求: numbered paragraphs (staffing, hours, period).
    #[schemars(with = "Vec<Text>")]
    pub needs: Spanned<Vec<Text>>,
    /// 服务时间, e.g. `2024年1月1日至12月31日`.
    #[schemars(with = "Text")]
    pub service_period: Spanned<Text>,
    /// 二、服务对象
    #[schemars(with = "Text")]
    pub beneficiaries: Spanned<Text>,
    /// 三、服务内容, numbered （一）…
    #[schemars(with = "Vec<Text>")]
    pub content: Spanned<Vec<Text>>,
    /// 四、服务指标: the sentence before the 工时测算 table.
    #[serde(default)]
    pub workload_caption: Option<Text>,
    /// The 工时测算 table, by 类型 (专业性工作, 行政性工作).
    #[schemars(with = "Vec<WorkType>")]
    pub workload: Spanned<Vec<WorkType>>,
    /// 每周服务时间 of one full-time worker, in hours (40).
    #[schemars(with = "Number")]
    pub weekly_hours: Spanned<Number>,
    /// The team that will do the work, checked against the staffing rules.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Member>>")]
    pub team: Option<Spanned<Vec<Member>>>,
    /// The staffing rules; left out, those of seed 003.
    #[serde(default)]
    pub staffing_rules: Option<StaffingRules>,
}

/// One 类型 of work and its rows.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkType {
    /// 类型
    #[serde(rename = "type")]
    #[schemars(with = "Text")]
    pub kind: Spanned<Text>,
    #[schemars(with = "Vec<WorkTask>")]
    pub tasks: Spanned<Vec<WorkTask>>,
}

/// One row of the 工时测算.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkTask {
    /// 指标
    #[schemars(with = "Text")]
    pub task: Spanned<Text>,
    /// 单位
    #[schemars(with = "Text")]
    pub unit: Spanned<Text>,
    /// 工作指标量
    #[schemars(with = "Number")]
    pub quantity: Spanned<Number>,
    /// 单指标所需时间（小时）
    #[schemars(with = "Number")]
    pub hours_each: Spanned<Number>,
    /// 备注
    #[serde(default)]
    pub note: Option<Text>,
}

/// A member of the project team.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// 姓名
    #[schemars(with = "Text")]
    pub member: Spanned<Text>,
    /// 岗位 (`项目主管`, `社工`)
    #[schemars(with = "Text")]
    pub role: Spanned<Text>,
    /// 资格证书 (`中级社会工作师`, `心理咨询师二级` …)
    #[serde(default)]
    pub qualifications: Vec<Text>,
    /// 从事社会工作年限
    #[schemars(with = "Number")]
    pub years: Spanned<Number>,
    /// 项目运营年限 (主管)
    #[serde(default)]
    #[schemars(with = "Option<Number>")]
    pub management_years: Option<Spanned<Number>>,
}

/// The staffing rules of a 用户需求书.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffingRules {
    /// Share of the team holding a social-work, counselling or family-counselling qualification.
    #[schemars(with = "Percent")]
    pub qualified_share: Spanned<Percent>,
    /// Share of the team that are 项目主管.
    #[schemars(with = "Percent")]
    pub supervisor_share: Spanned<Percent>,
    /// Years of social work every member needs.
    #[schemars(with = "Number")]
    pub member_years: Spanned<Number>,
    /// Years of project management a 项目主管 needs.
    #[schemars(with = "Number")]
    pub supervisor_years: Spanned<Number>,
}

/// 湖里区购买社会工作服务项目申报表 (seed 004).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HuliApplication {
    /// The community in the title (`金海社区`).
    #[schemars(with = "Text")]
    pub community: Spanned<Text>,
    /// 申报社区, as the form writes it (`金山街道金海社区居委会`).
    #[schemars(with = "Text")]
    pub applicant: Spanned<Text>,
    /// 第几年项目 (2 prints 第二年项目).
    #[schemars(with = "u32")]
    pub project_year: Spanned<u32>,
    /// 项目类型: 综合 or 单项.
    pub project_type: ProjectType,
    /// 是否续约项目
    pub renewal: bool,
    /// 申报理由: on the form when it fits, else on the attached page.
    #[schemars(with = "Text")]
    pub reasons: Spanned<Text>,
    /// 备注
    #[serde(default)]
    pub note: Option<Text>,
}

/// 项目类型 of the 湖里区 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ProjectType {
    #[serde(rename = "综合")]
    Comprehensive,
    #[serde(rename = "单项")]
    Single,
}

/// The fields of the 项目支出绩效目标申报表 besides the common ones.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// 项目属性
    pub attribute: Attribute,
    /// 项目周期, as the form writes it (`1年`, `2018年10月16日至2023年6月30日`).
    #[schemars(with = "Text")]
    pub period: Spanned<Text>,
    /// 项目类别
    #[schemars(with = "Text")]
    pub category: Spanned<Text>,
    /// 是否重点项目
    pub key_project: bool,
    /// 项目联系人
    #[schemars(with = "Text")]
    pub contact: Spanned<Text>,
    /// 联系电话: one or more numbers.
    #[schemars(with = "Vec<Text>")]
    pub phones: Spanned<Vec<Spanned<Text>>>,
    /// How the money is spent.
    pub budget: Budget,
    /// 项目立项情况
    pub rationale: Rationale,
    /// 项目中长期目标, one entry a numbered item.
    #[schemars(with = "Vec<Text>")]
    pub long_term_goals: Spanned<Vec<Text>>,
    /// 项目年度目标, one entry a numbered item.
    #[schemars(with = "Vec<Text>")]
    pub annual_goals: Spanned<Vec<Text>>,
}

fn no_indicators() -> Spanned<Vec<IndicatorCategory>> {
    Spanned::new(Vec::new(), serde_saphyr::Location::UNKNOWN, serde_saphyr::Location::UNKNOWN)
}

/// 项目属性
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Attribute {
    #[serde(rename = "新增")]
    New,
    #[serde(rename = "延续性")]
    Continuing,
}

/// 项目资金 (万元) = 财政拨款 + 其他资金.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// 项目资金
    #[schemars(with = "Money")]
    pub total: Spanned<Money>,
    /// 财政拨款
    #[schemars(with = "Money")]
    pub fiscal: Spanned<Money>,
    /// 其他资金; left out, the form's cell stays blank.
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub other_funds: Option<Spanned<Money>>,
}

/// The budget behind 项目资金: staff by 社工等级, other costs, and when it is spent.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 人员经费, one line per 社工等级.
    #[schemars(with = "Vec<StaffLine>")]
    pub staff: Spanned<Vec<StaffLine>>,
    /// 人员经费合计, if the project states it; checked against the lines.
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub staff_total: Option<Spanned<Money>>,
    /// Other costs (运营经费 …).
    #[serde(default)]
    pub costs: Vec<CostLine>,
    /// 资金支出进度, by quarter.
    #[schemars(with = "Vec<QuarterShare>")]
    pub schedule: Spanned<Vec<QuarterShare>>,
}

/// Social workers of one 社工等级.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffLine {
    /// 社工等级 (3 for 3级).
    #[schemars(with = "u32")]
    pub grade: Spanned<u32>,
    /// 人数
    #[schemars(with = "u32")]
    pub count: Spanned<u32>,
    /// 每人经费; give this, or the 小计, or both.
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub per_person: Option<Spanned<Money>>,
    /// 小计 for all of this grade.
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub amount: Option<Spanned<Money>>,
}

/// A cost that is not staff (运营经费 …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    /// 费用名称
    #[schemars(with = "Text")]
    pub item: Spanned<Text>,
    /// 金额
    #[schemars(with = "Money")]
    pub amount: Spanned<Money>,
}

/// The share of the budget spent in one quarter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterShare {
    /// 季度, 1 to 4.
    #[schemars(with = "u32")]
    pub quarter: Spanned<u32>,
    /// 支出比例
    #[schemars(with = "Percent")]
    pub share: Spanned<Percent>,
}

/// 项目立项情况: three text blocks; a blank line starts a new paragraph.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rationale {
    /// 项目设立的依据
    #[schemars(with = "Text")]
    pub basis: Spanned<Text>,
    /// 项目申报的必要性
    #[schemars(with = "Text")]
    pub necessity: Spanned<Text>,
    /// 项目申报的可行性
    #[schemars(with = "Text")]
    pub feasibility: Spanned<Text>,
}

/// 一级指标 (产出指标, 效益指标 …) and its 二级指标.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCategory {
    /// 一级指标 (in a service plan: the area's table, `五社联动示范点工作指标`)
    #[schemars(with = "Text")]
    pub level1: Spanned<Text>,
    /// A service plan's heading of the area (`五社联动项目工作目标`).
    #[serde(default)]
    pub goal_title: Option<Text>,
    /// A service plan's goal paragraph of the area.
    #[serde(default)]
    pub goal: Option<Text>,
    /// The caption over the area's table; left out, the 一级指标.
    #[serde(default)]
    pub caption: Option<Text>,
    #[schemars(with = "Vec<IndicatorGroup>")]
    pub groups: Spanned<Vec<IndicatorGroup>>,
}

/// 二级指标 (数量指标, 质量指标 …) and its indicators.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    /// 二级指标
    #[schemars(with = "Text")]
    pub level2: Spanned<Text>,
    #[schemars(with = "Vec<Indicator>")]
    pub items: Spanned<Vec<Indicator>>,
}

/// One performance indicator.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 指标内容
    #[schemars(with = "Text")]
    pub indicator: Spanned<Text>,
    /// 指标值, as the form writes it (`200户`, `≥90%`, `每周至少5场次`); may be left out.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub target: Option<Spanned<Text>>,
    /// 实际完成值 at year end: a quantity (`886个`, `95%`) or, for a judged
    /// target, what was achieved (`已建成示范点`).
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub actual: Option<Spanned<Text>>,
    /// 偏差原因分析及改进措施: required when the indicator scores below its points.
    #[serde(default)]
    pub reason: Option<Text>,
    /// 分值; left out, the level's default weight is spread over its indicators.
    #[serde(default)]
    #[schemars(with = "Option<Number>")]
    pub points: Option<Spanned<Number>>,
    /// 得分 of a judged indicator; left out, a judged indicator with an
    /// actual scores its full points.
    #[serde(default)]
    #[schemars(with = "Option<Number>")]
    pub score: Option<Spanned<Number>>,
    /// How the report's completion sentence names it (`完成电访`); defaults to 指标内容.
    #[serde(default)]
    pub wording: Option<Text>,
    /// 单位, where a table prints it apart from the 指标值 (`人次` for `常态化`).
    #[serde(default)]
    pub unit: Option<Text>,
    /// 备注
    #[serde(default)]
    pub note: Option<Text>,
    /// 服务指标: the service a quantity measures, in three-level tables
    /// (consecutive indicators with the same service share one cell).
    #[serde(default)]
    pub service: Option<Text>,
}

/// The year-end evaluation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 项目资金 budgeted and spent, by source.
    pub spending: Spending,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    pub overall: Overall,
    /// Default points of each level; left out, 10 / 50 / 30 / 10.
    #[serde(default)]
    pub weights: Option<Weights>,
    /// Grades, best first, each with its lowest score; left out, 优秀 ≥ 90,
    /// 良好 ≥ 80, 合格 ≥ 60, 不合格 below.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Grade>>")]
    pub grades: Option<Spanned<Vec<Grade>>>,
    /// 评估分值 by party (监督方 / 购买方 / 第三方), where the funder scores so.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Party>>")]
    pub parties: Option<Spanned<Vec<Party>>>,
    /// The text of the 绩效评价报告.
    #[serde(default)]
    pub report: Option<ReportText>,
}

/// 项目资金: 年初预算数, 全年预算数 and 全年执行数 by source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    /// 资金来源, as the report words it (`一般公共预算财政拨款`).
    #[schemars(with = "Text")]
    pub source: Spanned<Text>,
    /// 本年财政拨款
    pub fiscal: SpendingLine,
    /// 上年结转资金
    #[serde(default)]
    pub carryover: Option<SpendingLine>,
    /// 其他资金
    #[serde(default)]
    pub other: Option<SpendingLine>,
}

/// One source's money over the year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendingLine {
    /// 年初预算数
    #[schemars(with = "Money")]
    pub initial: Spanned<Money>,
    /// 全年预算数 (after adjustments); left out, the 年初预算数.
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub adjusted: Option<Spanned<Money>>,
    /// 全年执行数
    #[schemars(with = "Money")]
    pub spent: Spanned<Money>,
}

/// 年度总体目标.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overall {
    /// 预期目标
    #[schemars(with = "Text")]
    pub expected: Spanned<Text>,
    /// 实际完成情况
    #[schemars(with = "Text")]
    pub achieved: Spanned<Text>,
}

/// Default points of each level of indicators.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// 预算执行率
    #[schemars(with = "Number")]
    pub execution: Spanned<Number>,
    /// 产出指标
    #[schemars(with = "Number")]
    pub output: Spanned<Number>,
    /// 效益指标
    #[schemars(with = "Number")]
    pub benefit: Spanned<Number>,
    /// 满意度指标
    #[schemars(with = "Number")]
    pub satisfaction: Spanned<Number>,
}

/// A grade and the lowest score that earns it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// 等级
    #[schemars(with = "Text")]
    pub grade: Spanned<Text>,
    /// 最低分
    #[schemars(with = "Number")]
    pub min: Spanned<Number>,
}

/// One party's evaluation score and its weight.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// 评估方 (`项目监督方（区民政局）`)
    #[schemars(with = "Text")]
    pub party: Spanned<Text>,
    /// 占比
    #[schemars(with = "Percent")]
    pub weight: Spanned<Percent>,
    /// 评估分值
    #[schemars(with = "Number")]
    pub score: Spanned<Number>,
}

/// The narrative of a 绩效评价报告, section by section (seed 002's outline).
/// Text fields take paragraphs separated by blank lines.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportText {
    /// The report's title.
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// Who did the work, as the completion sentence starts (`社工站`).
    #[schemars(with = "Text")]
    pub performer: Spanned<Text>,
    /// 一（一）项目背景
    #[schemars(with = "Text")]
    pub background: Spanned<Text>,
    /// 一（二）项目立项依据
    #[schemars(with = "Text")]
    pub basis: Spanned<Text>,
    /// 一（三）项目绩效目标
    #[schemars(with = "Text")]
    pub goal: Spanned<Text>,
    /// 一（五）项目实施情况
    #[schemars(with = "Text")]
    pub implementation: Spanned<Text>,
    /// 二（一）评价目的
    #[schemars(with = "Text")]
    pub purpose: Spanned<Text>,
    /// 二（二）评价设计与实施
    #[schemars(with = "Text")]
    pub design: Spanned<Text>,
    /// 二（三）绩效评价指标体系和评分标准方法: the opening paragraph…
    #[schemars(with = "Text")]
    pub method: Spanned<Text>,
    /// …its numbered methods…
    #[serde(default)]
    pub method_items: Vec<Text>,
    /// …and the sentence on how the grade is set, before the computed weights.
    #[serde(default)]
    pub grading_basis: Option<Text>,
    /// 三（一）总体结论
    #[schemars(with = "Text")]
    pub conclusion: Spanned<Text>,
    /// 三（二）项目绩效分析, numbered.
    #[serde(default)]
    pub analysis: Vec<Text>,
    /// 四（一）: text after the computed completion sentence.
    #[serde(default)]
    pub completion_note: Option<Text>,
    /// 四（二）项目成功经验
    #[serde(default)]
    pub experiences: Vec<Topic>,
    /// 五、存在问题或不足
    #[serde(default)]
    pub problems: Vec<Topic>,
    /// 六、相关建议
    #[serde(default)]
    pub suggestions: Vec<Topic>,
}

/// A titled part of a section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[serde(default)]
    pub text: Option<Text>,
}

/// Text typed by the user. Any YAML scalar is accepted as text, so a phone
/// number or a target of `0` need no quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(if v { "是" } else { "否" }.to_owned()))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Reads a scalar as text, then parses it with `parse`; a bare YAML number
/// arrives as its shortest decimal form, which parses exactly.
fn deserialize_parsed<'de, D, T>(deserializer: D, parse: fn(&str) -> Result<T, String>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = Text::deserialize(deserializer)?;
    parse(text.as_str()).map_err(de::Error::custom)
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Money::parse)
    }
}

/// Money reaches templates as a whole number of 分; filters format it.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.fen())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, Percent::parse)
    }
}

/// Percentages reach templates as hundredths of a percent; filters format them.
impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.hundredths())
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_parsed(deserializer, |text| {
            Number::parse(text).ok_or_else(|| format!("“{text}”不是数字（最多四位小数，不能为负）"))
        })
    }
}

/// Numbers reach templates as text, written with the decimals they need.
impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

/// Schemas of the scalar types: what a user may write for each.
fn scalar_schema(description: &str, types: serde_json::Value, example: &str) -> schemars::Schema {
    schemars::json_schema!({ "type": types, "description": description, "examples": [example] })
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        scalar_schema(
            "文字（数字、是/否也按文字读）",
            serde_json::json!(["string", "number", "boolean"]),
            "阳光家庭服务项目",
        )
    }
}

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let description = "金额：56.40万元、56.4万、564000元、564,000.00元，或只写数字（单位万元）";
        scalar_schema(description, serde_json::json!(["string", "number"]), "56.40万元")
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*[%％]\\s*$",
            "description": "百分比，如 70%",
            "examples": ["70%"]
        })
    }
}

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        scalar_schema("数字，最多四位小数，不能为负", serde_json::json!(["number", "string"]), "4.5")
    }
}

/// The JSON Schema of the project file, generated from these types (so it
/// cannot drift from them), with each key titled by its form label.
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Project)).unwrap_or_default();
    add_titles(&mut schema);
    schema["title"] = serde_json::json!("wenshu 项目文件（第 1 版）");
    schema
}

/// Titles every property with its form label (`name` → 项目名称).
fn add_titles(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(properties)) = map.get_mut("properties") {
                for (key, property) in properties.iter_mut() {
                    if let (Some(label), serde_json::Value::Object(p)) = (label(key), &mut *property) {
                        p.entry("title").or_insert_with(|| serde_json::json!(label));
                        // Doc comments in English are for developers; editors show the label.
                        let english = p.get("description").and_then(|d| d.as_str()).is_some_and(|d| {
                            d.chars().filter(|c| c.is_ascii_alphabetic()).count()
                                > d.chars().filter(|c| !c.is_ascii()).count()
                        });
                        if english || !p.contains_key("description") {
                            p.insert("description".into(), serde_json::json!(label));
                        }
                    }
                }
            }
            map.values_mut().for_each(add_titles);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(add_titles),
        _ => {}
    }
}

/// The form label of a key, for messages in the user's words.
pub fn label(key: &str) -> Option<&'static str> {
    Some(match key {
        "version" => "文件格式版本",
        "year" => "年度",
        "filing_unit" => "填报单位",
        "name" => "项目名称",
        "attribute" => "项目属性",
        "period" => "项目周期",
        "department" => "项目主管部门",
        "category" => "项目类别",
        "key_project" => "是否重点项目",
        "implementer" => "项目实施单位",
        "contact" => "项目联系人",
        "phones" => "联系电话",
        "funding" => "项目资金",
        "total" => "项目资金",
        "fiscal" => "财政拨款",
        "other_funds" => "其他资金",
        "budget" => "预算明细",
        "staff" => "人员经费",
        "staff_total" => "人员经费合计",
        "costs" => "其他费用",
        "schedule" => "资金支出进度",
        "grade" => "社工等级",
        "count" => "人数",
        "per_person" => "每人经费",
        "amount" => "金额",
        "item" => "费用名称",
        "quarter" => "季度",
        "share" => "支出比例",
        "rationale" => "项目立项情况",
        "basis" => "项目设立的依据",
        "necessity" => "项目申报的必要性",
        "feasibility" => "项目申报的可行性",
        "long_term_goals" => "项目中长期目标",
        "annual_goals" => "项目年度目标",
        "indicators" => "年度绩效指标",
        "level1" => "一级指标",
        "groups" => "二级指标列表",
        "level2" => "二级指标",
        "items" => "指标列表",
        "indicator" => "指标内容",
        "target" => "指标值",
        "actual" => "实际完成值",
        "reason" => "偏差原因分析及改进措施",
        "points" => "分值",
        "score" => "得分",
        "wording" => "完成情况句中的说法",
        "documents" => "生成的文书",
        "application" => "申报表",
        "evaluation" => "年终绩效评价",
        "spending" => "项目资金执行情况",
        "source" => "资金来源",
        "carryover" => "上年结转资金",
        "other" => "其他资金",
        "initial" => "年初预算数",
        "adjusted" => "全年预算数",
        "spent" => "全年执行数",
        "overall" => "年度总体目标",
        "expected" => "预期目标",
        "achieved" => "实际完成情况",
        "weights" => "默认分值",
        "execution" => "预算执行率分值",
        "output" => "产出指标分值",
        "benefit" => "效益指标分值",
        "satisfaction" => "满意度指标分值",
        "grades" => "评价等级",
        "min" => "最低分",
        "parties" => "多方评估",
        "party" => "评估方",
        "weight" => "占比",
        "report" => "绩效评价报告",
        "title" => "标题",
        "performer" => "承接方简称",
        "background" => "项目背景",
        "goal" => "项目绩效目标",
        "implementation" => "项目实施情况",
        "purpose" => "评价目的",
        "design" => "评价设计与实施",
        "method" => "绩效评价指标体系和评分标准方法",
        "method_items" => "评价方法",
        "grading_basis" => "评价等级构成",
        "conclusion" => "总体结论",
        "analysis" => "项目绩效分析",
        "completion_note" => "绩效指标完成情况说明",
        "experiences" => "项目成功经验",
        "problems" => "存在问题或不足",
        "suggestions" => "相关建议",
        "text" => "正文",
        "unit" => "单位",
        "note" => "备注",
        "service" => "服务指标",
        "goal_title" => "服务领域标题",
        "caption" => "表题",
        "service_plan" => "服务分项目标及指标",
        "number" => "编号",
        "requirements" => "用户需求书",
        "needs" => "服务需求",
        "service_period" => "服务时间",
        "beneficiaries" => "服务对象",
        "content" => "服务内容",
        "workload_caption" => "服务指标说明",
        "workload" => "工时测算",
        "weekly_hours" => "每周服务时间",
        "type" => "类型",
        "tasks" => "指标列表",
        "task" => "指标",
        "quantity" => "工作指标量",
        "hours_each" => "单指标所需时间",
        "team" => "项目团队",
        "member" => "姓名",
        "role" => "岗位",
        "qualifications" => "资格证书",
        "years" => "从事社会工作年限",
        "management_years" => "项目运营年限",
        "staffing_rules" => "人员配备要求",
        "qualified_share" => "持证人员比例",
        "supervisor_share" => "项目主管比例",
        "member_years" => "成员从业年限",
        "supervisor_years" => "主管运营年限",
        "huli_application" => "湖里区申报表",
        "community" => "社区",
        "applicant" => "申报社区",
        "project_year" => "第几年项目",
        "project_type" => "项目类型",
        "renewal" => "是否续约项目",
        "reasons" => "申报理由",
        _ => return None,
    })
}

/// `name（项目名称）`, or the bare key when it has no label.
pub fn describe_key(key: &str) -> String {
    match label(key) {
        Some(label) => format!("{key}（{label}）"),
        None => key.to_owned(),
    }
}
