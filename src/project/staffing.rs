//! The team of a project and the staffing rules it is held to, as a
//! project file writes them (`type: team`, `type: staffing`). What wenshu
//! reads and checks with them is in [`crate::parts::staffing`].

mod condition;
mod dates;
mod values;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use condition::Condition;
pub use dates::{AgeLimit, BornRange, PartialDate, day_text};
pub use values::{Clients, Count, Education, FullTime, Ratio, ShareBase};

use crate::project::scalars::Text;
use crate::units::money::Percent;
use crate::units::number::Number;
use crate::yaml::tree::Spanned;

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
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        title = "年龄",
        description = "周岁，如 36；人员配备要求有年龄限制时据此核对",
        range(max = 150)
    )]
    pub age: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(
        with = "Option<PartialDate>",
        title = "出生年月",
        description = "如 1985-03 或 1985-03-14（只知年份写 1985）；没写年龄（age）时按它核对年龄限制"
    )]
    pub born: Option<Spanned<PartialDate>>,
    #[serde(default)]
    #[schemars(
        title = "其他情况",
        description = "证书和学历以外、人员配备要求提到的情况，如 [精通粤语, 本地户籍, 机构正式聘用, 男]；要求中的字样按这里的字样核对"
    )]
    pub notes: Vec<Spanned<Text>>,
}

/// The staffing rules of a 用户需求书. Each rule left out is not checked;
/// the lists left out are the form's.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffingRules {
    #[serde(default)]
    #[schemars(
        title = "认可的资格",
        description = "哪些证书或学历算作具备资格（具备其中之一即可），如 [社会工作者职业水平证书, 心理咨询师, 社会工作专业]；证书按等级核对"
    )]
    pub qualifications: Option<Vec<Spanned<Condition>>>,
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
        description = "项目主管须持有其中之一，如 [中级社会工作师, 心理咨询师二级]（写出的等级或更高的等级都算）；不写则不查"
    )]
    pub supervisor_qualifications: Option<Vec<Spanned<Condition>>>,
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
        title = "每名成员须具备",
        description = "每名成员（外聘人员除外）须逐条具备的条件，如 [精通普通话, 精通粤语]；一条写成列表即其中之一，如 [[社会工作专业, 社会工作者职业水平证书]]"
    )]
    pub member_requires: Option<Vec<Spanned<Condition>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<AgeLimit>",
        title = "年龄限制",
        description = "每名成员（外聘人员除外）的年龄，如 { max: 45 }、{ min: 23, max: 35, on: 2025-06-30 }；按成员的 age 或 born 核对"
    )]
    pub age: Option<Spanned<AgeLimit>>,
    #[serde(default)]
    #[schemars(
        with = "Option<BornRange>",
        title = "出生日期范围",
        description = "照原文的出生日期写，如 { from: 1981-10-14, to: 1993-10-14 }（两端都含）"
    )]
    pub born: Option<Spanned<BornRange>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Clients>",
        title = "服务对象数量",
        description = "配备比例所按的服务对象数量，如 120，或照原文写 150名实有吸毒人员、300张床位"
    )]
    pub clients: Option<Spanned<Clients>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Ratio>",
        title = "配备比例",
        description = "人员:服务对象，如 1:30 即每 30 名服务对象至少 1 名人员（向上取整）；按团队人数（外聘人员不计）和 clients 核对"
    )]
    pub ratio: Option<Spanned<Ratio>>,
    #[serde(default)]
    #[schemars(
        title = "人员类别",
        description = "按条件而不按岗位数的人（如 男性、周六轮值人员、中级社工师），每类写名称、条件和人数或比例，如 { group: 男性, who: [男], count: { min: 1 } }"
    )]
    pub groups: Option<Vec<GroupRule>>,
    #[serde(default)]
    #[schemars(
        title = "优先条件",
        description = "“同等条件下优先”的条件，如 [社会工作专业毕业, 本地户籍]：印在文书中，不核对、不计分"
    )]
    pub preferred: Option<Vec<Spanned<Text>>>,
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
        description = "要求中的字样 → 也算作它的写法，在内置的写法之外追加，如 { 社会工作者职业水平证书: [社工资格证] }；证书等级的同义词只增加这一等级的写法，不能改变等级（读作助理级的写法仍是助理级）"
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
        description = "这一岗位每人须持有其中之一（证书或学历专业），如 [社会工作者职业水平证书]、[社会工作专业, 心理学]、[助理社会工作师, { all: [社会工作专业, 本科, 应届] }]"
    )]
    pub qualifications: Option<Vec<Spanned<Condition>>>,
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
        title = "每人须具备",
        description = "这一岗位每人须逐条具备的条件，如 [东莞市督导资质]；一条写成列表即其中之一"
    )]
    pub requires: Option<Vec<Spanned<Condition>>>,
    #[serde(default)]
    #[schemars(with = "Option<AgeLimit>", title = "年龄限制", description = "这一岗位每人的年龄，如 { max: 45 }")]
    pub age: Option<Spanned<AgeLimit>>,
    #[serde(default)]
    #[schemars(
        with = "Option<BornRange>",
        title = "出生日期范围",
        description = "这一岗位每人的出生日期，照原文写，如“1983年1月1日及以后出生”写 { from: 1983-01-01 }"
    )]
    pub born: Option<Spanned<BornRange>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Percent>",
        title = "占团队的比例",
        description = "这一岗位至少占团队（外聘人员不计）的多少，如 30%"
    )]
    pub share: Option<Spanned<Percent>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Ratio>",
        title = "配备比例",
        description = "这一岗位的人员:服务对象，如 1:30（服务对象数量写在 clients）"
    )]
    pub ratio: Option<Spanned<Ratio>>,
    #[serde(default)]
    #[schemars(
        with = "Option<bool>",
        title = "可兼任",
        description = "true：兼任其他岗位的人也计入这一岗位。不写时一人只占一个岗位：岗位写了两个岗位（如 主任兼督导）或同一人列了两次，只计入先写的岗位"
    )]
    pub shared: Option<Spanned<bool>>,
    #[serde(default)]
    #[schemars(title = "优先条件", description = "这一岗位“优先”的条件，如 [村（居）委女性委员]：印在文书中，不核对")]
    pub preferred: Option<Vec<Spanned<Text>>>,
    #[serde(default)]
    #[schemars(
        with = "Option<bool>",
        title = "外聘",
        description = "true：外聘人员（如 外聘督导），列在团队中，但不计入团队人数和各项比例"
    )]
    pub external: Option<Spanned<bool>>,
}

/// People counted by what they are rather than their role: men on a home
/// visit, those on the weekend rota.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupRule {
    #[schemars(with = "Text", title = "类别", description = "消息中的名称，如 男性、周六轮值人员", extend("minLength" = 1))]
    pub group: Spanned<Text>,
    #[schemars(title = "条件", description = "具备其中之一即属于这一类别，如 [男]", length(min = 1))]
    pub who: Vec<Spanned<Condition>>,
    #[serde(default)]
    #[schemars(
        with = "Option<Text>",
        title = "岗位",
        description = "只数岗位含这一字样的人，如 社工（“女性社工不少于2名”）；比例也按这一岗位的人数算"
    )]
    pub role: Option<Spanned<Text>>,
    #[serde(default)]
    #[schemars(with = "Option<Count>", title = "人数", description = "写 { min: 1 } 即至少 1 人")]
    pub count: Option<Spanned<Count>>,
    #[serde(default)]
    #[schemars(with = "Option<Percent>", title = "比例", description = "至少占团队（外聘人员不计）的多少，如 80%")]
    pub share: Option<Spanned<Percent>>,
}
