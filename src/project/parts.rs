//! The typed parts a form may carry in its own section (`type: budget` …),
//! as a project file writes them: a budget by 社工等级 and its schedule, a
//! 工时测算, a team and its staffing rules. What wenshu computes from them
//! is in [`crate::parts`].

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

use crate::project::scalars::Text;
use crate::project::tree::Spanned;
use crate::units::money::{Money, Percent};
use crate::units::number::Number;

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

/// A member of the project team.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    #[schemars(with = "Text", title = "姓名", description = "团队成员的姓名", extend("minLength" = 1))]
    pub member: Spanned<Text>,
    #[schemars(with = "Text", title = "岗位", description = "如 项目主管、项目主任、社工", extend("minLength" = 1))]
    pub role: Spanned<Text>,
    #[serde(default)]
    #[schemars(title = "资格证书", description = "如 [中级社会工作师, 心理咨询师二级]")]
    pub qualifications: Vec<Spanned<Text>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "学历与专业",
        description = "如 社会工作专业本科；人员配备要求认可学历时据此核对"
    )]
    pub education: Option<Spanned<Text>>,
    #[schemars(with = "Number", title = "从事社会工作年限", description = "从事社会工作的年数，如 5")]
    pub years: Spanned<Number>,
    #[serde(default)]
    #[schemars(with = "Option<Number>", title = "项目运营年限", description = "项目运营或管理经验的年数（主管须写）")]
    pub management_years: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        with = "Option<BTreeMap<String, Number>>",
        title = "其他经验年限",
        description = "社会工作、项目管理以外的经验年数，如 { 禁毒: 3 }；人员配备要求按经验种类（years_from）核对年限时据此核对"
    )]
    pub experience: Option<BTreeMap<String, Spanned<Number>>>,
    #[serde(default)]
    #[schemars(with = "Option<bool>", title = "全职", description = "专职（全职）在本项目工作写 true")]
    pub full_time: Option<Spanned<bool>>,
}

/// The staffing rules of a 用户需求书. Each rule left out is not checked;
/// the lists left out are the form's.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffingRules {
    #[serde(default)]
    #[schemars(
        title = "认可的资格",
        description = "哪些证书或学历算作具备资格（写出其中的字样即可），如 [社会工作师, 心理咨询师, 社会工作专业]"
    )]
    pub qualifications: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(with = "Option<Percent>", title = "持证人员比例", description = "具备资格的成员至少占多少，如 80%")]
    pub qualified_share: Option<Spanned<Percent>>,
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        title = "持证人员人数",
        description = "具备资格的成员至少几人，如 7（8 名社工中至少 7 名）"
    )]
    pub qualified_count: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(title = "主管岗位", description = "哪些岗位是项目负责人（岗位中含这些字样），如 [主管, 主任, 负责人]")]
    pub supervisor_roles: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(with = "Option<Percent>", title = "项目主管比例", description = "项目主管至少占团队的多少，如 20%")]
    pub supervisor_share: Option<Spanned<Percent>>,
    #[serde(default)]
    #[schemars(
        title = "主管须持有的资格",
        description = "项目主管须持有其中之一，如 [中级社会工作师, 心理咨询师二级]；不写则不查"
    )]
    pub supervisor_qualifications: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(with = "Option<ShareBase>", title = "比例的基数", description = "全体成员（默认），或 主管以外的成员")]
    pub share_base: Option<Spanned<ShareBase>>,
    #[serde(default)]
    #[schemars(with = "Option<Number>", title = "成员从业年限", description = "每名成员至少从事社会工作几年，如 3")]
    pub member_years: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        with = "Option<bool>",
        title = "从业年限可含项目管理",
        description = "true：社会工作或项目管理经验满年限即可（“5年以上社会工作或项目管理经验”）"
    )]
    pub member_years_or_management: Option<Spanned<bool>>,
    #[serde(default)]
    #[schemars(with = "Option<Number>", title = "主管运营年限", description = "项目主管至少有几年项目运营经验，如 3")]
    pub supervisor_years: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Count>",
        title = "团队人数",
        description = "团队（外聘人员不计）的人数：写 9 即须 9 人，写 { min: 9 } 即至少 9 人"
    )]
    pub team_size: Option<Spanned<Count>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Education>",
        title = "最低学历",
        description = "每名成员（外聘人员除外）至少具备的学历：中专、大专、本科、硕士或博士，按成员的学历与专业核对"
    )]
    pub education: Option<Spanned<Education>>,
    #[serde(default)]
    #[schemars(
        with = "Option<FullTime>",
        title = "全职要求",
        description = "true：成员（外聘人员除外）均须全职；写数字 N：至少 N 名全职。成员写 full_time: true 即全职"
    )]
    pub full_time: Option<Spanned<FullTime>>,
    #[serde(default)]
    #[schemars(
        title = "各岗位的要求",
        description = "每个岗位一项：岗位名称、人数，以及这一岗位每人须具备的资格、年限、学历、全职；外聘的岗位（如 外聘督导）写 external: true"
    )]
    pub roles: Option<Vec<RoleRule>>,
    #[serde(default)]
    #[schemars(
        with = "Option<BTreeMap<String, Vec<Text>>>",
        title = "同义词",
        description = "要求中的字样 → 也算作它的写法，在内置的同义词之外追加，如 { 社会工作者职业水平证书: [社工资格证] }"
    )]
    pub synonyms: Option<BTreeMap<String, Vec<Spanned<Text>>>>,
}

/// What one role of the team must have: how many hold it, and what each
/// of them needs.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    #[schemars(
        with = "Text",
        title = "岗位",
        description = "如 主任、社工、外聘督导；岗位含这一名称（或 words 中的字样）的成员属于这一岗位",
        extend("minLength" = 1)
    )]
    pub role: Spanned<Text>,
    #[serde(default)]
    #[schemars(
        title = "岗位字样",
        description = "岗位含其中之一的成员属于这一岗位，如 [主任, 负责人]；不写即岗位名称"
    )]
    pub words: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(with = "Option<Count>", title = "人数", description = "写 1 即须 1 人，写 { min: 1 } 即至少 1 人")]
    pub count: Option<Spanned<Count>>,
    #[serde(default)]
    #[schemars(
        title = "须持有的资格",
        description = "这一岗位每人须持有其中之一（证书或学历专业），如 [社会工作者职业水平证书]、[社会工作专业, 心理学]"
    )]
    pub qualifications: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Number>",
        title = "经验年限",
        description = "这一岗位每人至少有几年经验（按 years_from 的种类），如 5"
    )]
    pub years: Option<Spanned<Number>>,
    #[serde(default)]
    #[schemars(
        title = "计入年限的经验",
        description = "哪些经验计入年限，满其中之一即可，如 [社会工作, 项目管理]、[禁毒]；不写即社会工作"
    )]
    pub years_from: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(with = "Option<Education>", title = "最低学历", description = "这一岗位每人至少具备的学历，如 大专")]
    pub education: Option<Spanned<Education>>,
    #[serde(default)]
    #[schemars(
        with = "Option<FullTime>",
        title = "全职要求",
        description = "true：这一岗位均须全职；写数字 N：至少 N 名全职"
    )]
    pub full_time: Option<Spanned<FullTime>>,
    #[serde(default)]
    #[schemars(
        with = "Option<bool>",
        title = "外聘",
        description = "true：外聘人员（如 外聘督导），列在团队中，但不计入团队人数和各项比例"
    )]
    pub external: Option<Spanned<bool>>,
}

/// A head count a rule asks for: exactly `n`, or within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exactly(u32),
    Between { min: Option<u32>, max: Option<u32> },
}

impl Count {
    pub fn allows(self, n: usize) -> bool {
        let n = n as u64;
        match self {
            Count::Exactly(k) => n == u64::from(k),
            Count::Between { min, max } => {
                min.is_none_or(|m| n >= u64::from(m)) && max.is_none_or(|m| n <= u64::from(m))
            }
        }
    }
}

/// `9 人`, `至少 9 人`, `9 到 10 人`, as messages say it.
impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            Count::Exactly(n) => write!(f, "{n} 人"),
            Count::Between { min: Some(min), max: Some(max) } => write!(f, "{min} 到 {max} 人"),
            Count::Between { min: Some(min), max: None } => write!(f, "至少 {min} 人"),
            Count::Between { min: None, max: Some(max) } => write!(f, "至多 {max} 人"),
            Count::Between { min: None, max: None } => f.write_str("人数不限"),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Count::Exactly(n) => serializer.serialize_u32(n),
            Count::Between { min, max } => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(min) = min {
                    map.serialize_entry("min", &min)?;
                }
                if let Some(max) = max {
                    map.serialize_entry("max", &max)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("人数（如 9）或 { min: 9 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                u32::try_from(v).map(Count::Exactly).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v).map(Count::Exactly).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Count, A::Error> {
                let (mut min, mut max) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "min" => min = Some(map.next_value::<u32>()?),
                        "max" => max = Some(map.next_value::<u32>()?),
                        other => return Err(de::Error::unknown_field(other, &["min", "max"])),
                    }
                }
                Ok(Count::Between { min, max })
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

impl JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 100_000 },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "min": { "type": "integer", "title": "至少", "minimum": 0, "maximum": 100_000 },
                        "max": { "type": "integer", "title": "至多", "minimum": 0, "maximum": 100_000 }
                    }
                }
            ]
        })
    }
}

/// Who must work full time: everyone the rule covers, at least `n` of
/// them, or (`false`) no one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullTime {
    Everyone,
    AtLeast(u32),
    NotRequired,
}

impl Serialize for FullTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            FullTime::Everyone => serializer.serialize_bool(true),
            FullTime::AtLeast(n) => serializer.serialize_u32(n),
            FullTime::NotRequired => serializer.serialize_bool(false),
        }
    }
}

impl<'de> Deserialize<'de> for FullTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FullTimeVisitor;
        impl Visitor<'_> for FullTimeVisitor {
            type Value = FullTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true（均须全职）或人数")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FullTime, E> {
                Ok(if v { FullTime::Everyone } else { FullTime::NotRequired })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FullTime, E> {
                u32::try_from(v).map(FullTime::AtLeast).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FullTime, E> {
                u32::try_from(v).map(FullTime::AtLeast).map_err(|_| E::custom(format!("人数 {v} 不合要求")))
            }
        }
        deserializer.deserialize_any(FullTimeVisitor)
    }
}

impl JsonSchema for FullTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FullTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["boolean", "integer"], "minimum": 0, "maximum": 100_000 })
    }
}

/// A level of education, lowest first: the order a minimum is checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
pub enum Education {
    #[serde(rename = "中专")]
    Secondary,
    #[serde(rename = "大专")]
    Associate,
    #[serde(rename = "本科")]
    Bachelor,
    #[serde(rename = "硕士")]
    Master,
    #[serde(rename = "博士")]
    Doctor,
}

impl Education {
    pub const ALL: [Education; 5] =
        [Education::Secondary, Education::Associate, Education::Bachelor, Education::Master, Education::Doctor];

    pub fn name(self) -> &'static str {
        match self {
            Education::Secondary => "中专",
            Education::Associate => "大专",
            Education::Bachelor => "本科",
            Education::Master => "硕士",
            Education::Doctor => "博士",
        }
    }
}

/// Which members the staffing shares count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum ShareBase {
    #[default]
    #[serde(rename = "全体成员")]
    Everyone,
    #[serde(rename = "主管以外的成员")]
    OthersThanSupervisors,
}
