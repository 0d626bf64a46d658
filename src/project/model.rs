//! The project file, version 1: the data every form shares and wenshu
//! computes with — the project header, funding, the indicators with their
//! targets and actuals, the year-end evaluation — and the typed parts a
//! form may carry in its own section (a budget by 社工等级, a 工时测算, in
//! [`crate::project::parts`]; a team and its staffing rules, in
//! [`crate::project::staffing`]); the scalars
//! a user types are in [`crate::project::scalars`].
//!
//! What a single form prints and nothing computes with (a 申报表's
//! 项目属性, a report's chapters) is not here: it is declared by the form's
//! manifest ([`crate::forms`]) and read from the project's tree.
//!
//! Keys are English snake_case; each field's `title` is the label the forms
//! print, and is what messages, the JSON Schema and `init` show. Its
//! `description` is the help an editor shows, written for a social worker.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

pub use crate::project::kinds::*;
pub use crate::project::parts::*;
pub use crate::project::scalars::*;
pub use crate::project::staffing::*;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;
pub use crate::yaml::tree::Spanned;

/// One project: everything its documents print, and nothing they compute.
/// Only `version` is required of every project: a part is required by the
/// documents that print it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "wenshu 项目文件（第 1 版）")]
pub struct Project {
    #[schemars(with = "u32", title = "文件格式版本", description = "目前固定写 1", extend("const" = 1))]
    pub version: Spanned<u32>,
    /// Required by the documents that print it (their forms' `needs`);
    /// written, it may not be blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        with = "i32",
        title = "年度",
        description = "项目的预算年度（自然年），如 2024；印有年度的文书（申报表、自评表……）必填",
        range(min = 2000, max = 2100)
    )]
    pub year: Option<Spanned<i32>>,
    /// Left out of what templates see when absent, so that a template
    /// printing it fails rather than printing nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        with = "Text",
        title = "项目名称",
        description = "与合同、申报文件一致的项目全称，如：阳光家庭服务项目；印有项目名称的文书必填",
        extend("minLength" = 1)
    )]
    pub name: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "填报单位",
        description = "填表的单位；表上印在“填报单位（盖章）：”之后。不写则留空，盖章即可"
    )]
    pub filing_unit: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "项目主管部门",
        description = "出资购买服务的单位，如：盐田区妇联、文冲街道办事处",
        extend("minLength" = 1)
    )]
    pub department: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "项目实施单位",
        description = "承接项目的社工机构，如：广州市洋城社会工作服务中心",
        extend("minLength" = 1)
    )]
    pub implementer: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(title = "项目资金", description = "项目资金（万元）及来源：项目资金 = 财政拨款 + 其他资金")]
    pub funding: Option<Funding>,
    /// The documents to build; left out, they follow from the sections present.
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<Text>>",
        title = "生成的文书",
        description = "只生成列出的文书，如 [申报表, 绩效自评表]；不写则生成项目具备条件的全部文书"
    )]
    pub documents: Option<Spanned<Vec<Spanned<Text>>>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<IndicatorCategory>",
        title = "年度绩效指标",
        description = "一级指标（产出、效益、满意度……）→ 二级指标 → 三级指标，每个指标写指标值，年底补实际完成值"
    )]
    pub indicators: Spanned<Vec<IndicatorCategory>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Completion>",
        title = "完成率的算法",
        description = "有实际完成值就计算每个指标的完成率。完成率（默认）：实际 ÷ 指标值，可超过 100%；完成进度：超过 100% 的按 100% 印出（完成进度公示的写法）"
    )]
    pub completion: Option<Spanned<Completion>>,
    #[serde(default)]
    #[schemars(
        title = "年终绩效评价",
        description = "年底填写：资金执行情况、年度总体目标完成情况；有这一节就生成绩效自评表"
    )]
    pub evaluation: Option<Evaluation>,
}

impl Project {
    /// The year, where the file gives one.
    pub fn year(&self) -> Option<i32> {
        self.year.as_ref().map(|y| y.value)
    }

    /// The project's name, where the file gives one (trimmed, never blank).
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str().trim()).filter(|n| !n.is_empty())
    }
}

/// 项目资金 (万元) = 财政拨款 + 其他资金.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    #[schemars(
        with = "Money",
        title = "项目资金",
        description = "项目总金额，如 56.40万元；须等于财政拨款 + 其他资金"
    )]
    pub total: Spanned<Money>,
    #[schemars(with = "Money", title = "财政拨款", description = "财政资金金额，如 56.40万元")]
    pub fiscal: Spanned<Money>,
    #[serde(default)]
    #[schemars(with = "Option<Money>", title = "其他资金", description = "财政以外的资金；不写则表上留空")]
    pub other_funds: Option<Spanned<Money>>,
}

/// 一级指标 (产出指标, 效益指标 …) and its 二级指标.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCategory {
    #[schemars(
        with = "Text",
        title = "一级指标",
        description = "如 产出指标、效益指标、满意度指标；服务分项表中是一个服务领域的表名",
        extend("minLength" = 1)
    )]
    pub level1: Spanned<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "服务领域标题",
        description = "服务分项表中该领域的标题，如：五社联动项目工作目标"
    )]
    pub goal_title: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(with = "Option<Text>", title = "工作目标", description = "服务分项表中该领域的工作目标段落")]
    pub goal: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(with = "Option<Text>", title = "表题", description = "表格上方的标题；不写则用一级指标")]
    pub caption: Option<Spanned<Text>>,
    #[schemars(
        with = "Vec<IndicatorGroup>",
        title = "二级指标列表",
        description = "这个一级指标下的二级指标，至少一项",
        length(min = 1)
    )]
    pub groups: Spanned<Vec<IndicatorGroup>>,
}

/// 二级指标 (数量指标, 质量指标 …) and its indicators.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    #[schemars(
        with = "Text",
        title = "二级指标",
        description = "如 数量指标、质量指标、社会效益指标；服务分项表中是“项目”一栏",
        extend("minLength" = 1)
    )]
    pub level2: Spanned<Text>,
    #[schemars(
        with = "Vec<Indicator>",
        title = "三级指标列表",
        description = "这个二级指标下的指标，至少一项",
        length(min = 1)
    )]
    pub items: Spanned<Vec<Indicator>>,
}

/// One performance indicator (三级指标).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[schemars(
        with = "Text",
        title = "三级指标",
        description = "指标的名称或内容，如：个案服务人次、服务对象满意度",
        extend("minLength" = 1)
    )]
    pub indicator: Spanned<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "指标值",
        description = "照表上的写法：200户、≥90%、每周至少5场次、5-8人、6次以上、个案≥4个、个案服务≥20人次；没有数字的（常态化、示范点）由人评定"
    )]
    pub target: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "实际完成值",
        description = "年底填写，如 886个、95%；可以带说明文字，如 探访774人次；复合指标值逐项写：完成个案服务5个，服务22人次"
    )]
    pub actual: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<IndicatorKind>",
        title = "指标类型",
        description = "写 定性 表示由人评定（须同时写得分 score）；不写则按指标值自动判断"
    )]
    pub kind: Option<Spanned<IndicatorKind>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "偏差原因分析及改进措施",
        description = "得分低于分值时必填：说明未完成的原因和改进措施"
    )]
    pub reason: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Number>",
        title = "分值",
        description = "这个指标的满分；不写则把所在一级指标的分值平均分给各指标"
    )]
    pub points: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "评分细则",
        description = "照表上的写法，得分按它计算，如：预算支出进度达到90%以上(含90%)得15分，每少1个百分点扣1分，扣完为止；有得5分，无不得分；按完成比例得分。wenshu 读不懂的细则是错误，不会按比例代替"
    )]
    pub rule: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Score>",
        title = "得分",
        description = "定性指标的评定得分（不超过分值），满分可写 满分；定量指标的得分由 wenshu 计算，不必写"
    )]
    pub score: Option<Spanned<Score>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "完成情况句中的说法",
        description = "报告“完成情况”一句中对这个指标的说法，如 完成电访；不写则用指标名称"
    )]
    pub wording: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "单位",
        description = "表上单独印出的单位，如 人次；不写则取指标值中的单位"
    )]
    pub unit: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(with = "Option<Text>", title = "备注", description = "表上备注栏的内容")]
    pub note: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "截至填表时的执行数",
        description = "执行监控表的“1-7月执行数”“1-6月执行情况”“截至X月执行数”一栏：到填表时完成了多少，如 26个、按进度；哪几个月由表上的栏目名写明"
    )]
    pub to_date: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "全年预计执行数",
        description = "执行监控表的“全年预计执行数”“全年预计完成情况”一栏，如 46个、100%"
    )]
    pub expected: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<Cause>>",
        title = "偏差原因分类",
        description = "执行监控表“偏差原因分析”下打钩的几栏：经费保障、制度保障、人员保障、硬件条件保障、其他；原因说明写在 reason"
    )]
    pub causes: Option<Spanned<Vec<Cause>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Likelihood>",
        title = "完成目标可能性",
        description = "执行监控表“完成目标可能性”下打钩的一栏：确定能、有可能、完全不可能"
    )]
    pub likelihood: Option<Spanned<Likelihood>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "服务指标",
        description = "三级表中这个数量所属的服务，如 外展服务；相邻且相同的合并为一格"
    )]
    pub service: Option<Spanned<Text>>,
}

/// The year-end evaluation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    #[schemars(title = "项目资金执行情况", description = "年初预算数、全年预算数和全年执行数，按资金来源填写")]
    pub spending: Spending,
    #[schemars(title = "年度总体目标", description = "预期目标与实际完成情况")]
    pub overall: Overall,
    #[serde(default)]
    #[schemars(
        title = "各级指标分值",
        description = "按表上的一级指标名称写各占多少分（预算执行率也是一项，可不写），合计等于满分，如 { 预算执行率: 10, 投入指标: 15, 过程指标: 10, 产出指标: 40, 效益指标: 15, 满意度指标: 10 }；不写则为 预算执行率 10、产出指标 50、效益指标 30、满意度指标 10。写 auto 则把缺少的这几项的分值按比例分给已有的"
    )]
    pub weights: Option<Spanned<Weights>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Number>",
        title = "满分",
        description = "总分的满分，各一级指标分值之和须等于它；不写则为 100。不写评价等级时，等级按满分的 90%、80%、60% 划分"
    )]
    pub full_score: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<Grade>>",
        title = "评价等级",
        description = "从高到低，每项写等级名称和最低分，最后一项最低分为 0；不写则为 优秀 ≥90、良好 ≥80、合格 ≥60、不合格"
    )]
    pub grades: Option<Spanned<Vec<Grade>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<Party>>",
        title = "多方评估",
        description = "由几方评估打分时填写：评估方、占比、评估分值；占比之和须为 100%，报告按加权分定等级"
    )]
    pub parties: Option<Spanned<Vec<Party>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Completion>",
        title = "完成率的算法",
        description = "完成率（默认）：实际 ÷ 指标值，可超过 100%；完成进度：超过 100% 的按 100% 印出和计分"
    )]
    pub completion: Option<Spanned<Completion>>,
    /// The 绩效评价报告's own text: its form's section, read by the form.
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub report: Option<de::IgnoredAny>,
}

/// How completion rates are printed and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum Completion {
    /// 完成率: actual ÷ target, uncapped (seed 002 prints 164.71%).
    #[default]
    #[serde(rename = "完成率")]
    Rate,
    /// 完成进度: capped at 100%, as 完成进度公示 print it.
    #[serde(rename = "完成进度")]
    Progress,
}

impl Completion {
    /// `完成率` or `完成进度`, as forms head the column.
    pub fn name(self) -> &'static str {
        match self {
            Completion::Rate => "完成率",
            Completion::Progress => "完成进度",
        }
    }
}

/// 项目资金: 年初预算数, 全年预算数 and 全年执行数 by source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    #[schemars(
        with = "Text",
        title = "资金来源",
        description = "照实际写，如 一般公共预算财政拨款、中央彩票公益金、省级福彩公益金",
        extend("minLength" = 1)
    )]
    pub source: Spanned<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "本年资金的栏目名",
        description = "自评表“其中”第一行的栏目名；不写则为 本年财政拨款。彩票公益金等请照实写，如 本年彩票公益金"
    )]
    pub label: Option<Spanned<Text>>,
    #[schemars(title = "本年财政拨款", description = "本年资金的年初预算数、全年预算数、全年执行数")]
    pub fiscal: SpendingLine,
    #[serde(default)]
    #[schemars(title = "上年结转资金", description = "上年结转到本年的资金；没有则不写")]
    pub carryover: Option<SpendingLine>,
    #[serde(default)]
    #[schemars(title = "其他资金", description = "其他来源的资金；没有则不写")]
    pub other: Option<SpendingLine>,
}

/// One source's money over the year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendingLine {
    #[schemars(with = "Money", title = "年初预算数", description = "年初批复的预算，如 240万元")]
    pub initial: Spanned<Money>,
    #[serde(default)]
    #[schemars(with = "Option<Money>", title = "全年预算数", description = "调整后的全年预算；不写则等于年初预算数")]
    pub adjusted: Option<Spanned<Money>>,
    #[schemars(with = "Money", title = "全年执行数", description = "全年实际支出，如 216万元")]
    pub spent: Spanned<Money>,
}

/// 年度总体目标.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overall {
    #[schemars(with = "Text", title = "预期目标", description = "申报时的年度总体目标", extend("minLength" = 1))]
    pub expected: Spanned<Text>,
    #[schemars(with = "Text", title = "实际完成情况", description = "年底实际完成的情况，概括主要数字", extend("minLength" = 1))]
    pub achieved: Spanned<Text>,
}

/// Points of each 一级指标 category, or `auto`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(untagged)]
pub enum Weights {
    /// Each category's points, keyed by its name as the table prints it.
    Points(CategoryPoints),
    /// `auto`: the default points, a missing category's spread over the present ones.
    Auto(AutoWeights),
}

/// The word `auto`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum AutoWeights {
    #[serde(rename = "auto")]
    Auto,
}

/// `{ 预算执行率: 10, 投入指标: 15, 产出指标: 40 … }`, in the order written.
/// The English keys of version 1 (`execution`, `output`, `benefit`,
/// `satisfaction`) are read as the four categories they always named.
#[derive(Debug, Clone, Default)]
pub struct CategoryPoints(pub Vec<(String, Spanned<Number>)>);

/// The English keys earlier project files use, and the categories they mean.
pub const WEIGHT_ALIASES: [(&str, &str); 4] =
    [("execution", "预算执行率"), ("output", "产出指标"), ("benefit", "效益指标"), ("satisfaction", "满意度指标")];

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WeightsVisitor;
        impl<'de> Visitor<'de> for WeightsVisitor {
            type Value = Weights;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("各一级指标的分值，或 auto")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Weights, E> {
                match v.trim() {
                    "auto" | "自动" => Ok(Weights::Auto(AutoWeights::Auto)),
                    other => Err(E::custom(format!(
                        "“{other}”不是分值：写 auto，或按表上的名称写各一级指标的分值，如 {{ 预算执行率: 10, 产出指标: 50 }}"
                    ))),
                }
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Weights, A::Error> {
                let mut points: Vec<(String, Spanned<Number>)> = Vec::new();
                while let Some(key) = map.next_key::<Text>()? {
                    let name = key.as_str().trim();
                    let name = WEIGHT_ALIASES.iter().find(|(alias, _)| *alias == name).map_or(name, |(_, full)| full);
                    let value = map.next_value::<Spanned<Number>>()?;
                    if points.iter().any(|(seen, _)| seen == name) {
                        return Err(de::Error::custom(format!("weights 中“{name}”写了两次")));
                    }
                    points.push((name.to_owned(), value));
                }
                Ok(Weights::Points(CategoryPoints(points)))
            }
        }
        deserializer.deserialize_any(WeightsVisitor)
    }
}

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Weights::Auto(auto) => auto.serialize(serializer),
            Weights::Points(CategoryPoints(points)) => {
                let mut map = serializer.serialize_map(Some(points.len()))?;
                for (name, value) in points {
                    map.serialize_entry(name, &value.value)?;
                }
                map.end()
            }
        }
    }
}

impl JsonSchema for CategoryPoints {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CategoryPoints".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = generator.subschema_for::<Number>();
        schemars::json_schema!({
            "type": "object",
            "title": "各一级指标分值",
            "description": "键是表上的一级指标名称（另有 预算执行率），值是它的分值，合计等于满分，如 { 预算执行率: 10, 投入指标: 15, 产出指标: 40, 效益指标: 25, 满意度指标: 10 }",
            "additionalProperties": number,
            "minProperties": 1
        })
    }
}

/// A grade and the lowest score that earns it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    #[schemars(with = "Text", title = "等级", description = "等级名称，如 优秀", extend("minLength" = 1))]
    pub grade: Spanned<Text>,
    #[schemars(with = "Number", title = "最低分", description = "得到这个等级的最低分，如 90")]
    pub min: Spanned<Number>,
}

/// One party's evaluation score and its weight.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    #[schemars(with = "Text", title = "评估方", description = "如 项目监督方（区民政局）", extend("minLength" = 1))]
    pub party: Spanned<Text>,
    #[schemars(with = "Percent", title = "占比", description = "这一方分数的权重，如 70%")]
    pub weight: Spanned<Percent>,
    #[schemars(with = "Number", title = "评估分值", description = "这一方给出的分数，0–100", extend("maximum" = 100))]
    pub score: Spanned<Number>,
}
