//! The project file, version 1: serde types of what a project declares.
//!
//! Keys are English snake_case; every key has the Chinese label of the form
//! field it fills ([`label`]), which is what error messages show. Values the
//! rules check carry their place in the file ([`Spanned`]).

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::money::{Money, Percent};

pub use serde_saphyr::Spanned;

/// One project: everything its documents print, and nothing they compute.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 文件格式版本: always 1 for now.
    pub version: Spanned<u32>,
    /// 年度
    pub year: Spanned<i32>,
    /// 填报单位; the form prints （盖章） after it, for the stamp.
    #[serde(default)]
    pub filing_unit: Option<Text>,
    /// 项目名称
    pub name: Spanned<Text>,
    /// 项目属性
    pub attribute: Attribute,
    /// 项目周期, as the form writes it (`1年`, `2018年10月16日至2023年6月30日`).
    pub period: Spanned<Text>,
    /// 项目主管部门
    pub department: Spanned<Text>,
    /// 项目类别
    pub category: Spanned<Text>,
    /// 是否重点项目
    pub key_project: bool,
    /// 项目实施单位
    pub implementer: Spanned<Text>,
    /// 项目联系人
    pub contact: Spanned<Text>,
    /// 联系电话: one or more numbers.
    pub phones: Spanned<Vec<Spanned<Text>>>,
    /// 项目资金 and where it comes from.
    pub funding: Funding,
    /// How the money is spent.
    pub budget: Budget,
    /// 项目立项情况
    pub rationale: Rationale,
    /// 项目中长期目标, one entry a numbered item.
    pub long_term_goals: Spanned<Vec<Text>>,
    /// 项目年度目标, one entry a numbered item.
    pub annual_goals: Spanned<Vec<Text>>,
    /// 年度绩效指标 besides the 投入指标 generated from the budget.
    pub indicators: Spanned<Vec<IndicatorCategory>>,
}

/// 项目属性
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Attribute {
    #[serde(rename = "新增")]
    New,
    #[serde(rename = "延续性")]
    Continuing,
}

/// 项目资金 (万元) = 财政拨款 + 其他资金.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// 项目资金
    pub total: Spanned<Money>,
    /// 财政拨款
    pub fiscal: Spanned<Money>,
    /// 其他资金; left out, the form's cell stays blank.
    #[serde(default)]
    pub other_funds: Option<Spanned<Money>>,
}

/// The budget behind 项目资金: staff by 社工等级, other costs, and when it is spent.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 人员经费, one line per 社工等级.
    pub staff: Spanned<Vec<StaffLine>>,
    /// 人员经费合计, if the project states it; checked against the lines.
    #[serde(default)]
    pub staff_total: Option<Spanned<Money>>,
    /// Other costs (运营经费 …).
    #[serde(default)]
    pub costs: Vec<CostLine>,
    /// 资金支出进度, by quarter.
    pub schedule: Spanned<Vec<QuarterShare>>,
}

/// Social workers of one 社工等级.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StaffLine {
    /// 社工等级 (3 for 3级).
    pub grade: Spanned<u32>,
    /// 人数
    pub count: Spanned<u32>,
    /// 每人经费; give this, or the 小计, or both.
    #[serde(default)]
    pub per_person: Option<Spanned<Money>>,
    /// 小计 for all of this grade.
    #[serde(default)]
    pub amount: Option<Spanned<Money>>,
}

/// A cost that is not staff (运营经费 …).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    /// 费用名称
    pub item: Spanned<Text>,
    /// 金额
    pub amount: Spanned<Money>,
}

/// The share of the budget spent in one quarter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuarterShare {
    /// 季度, 1 to 4.
    pub quarter: Spanned<u32>,
    /// 支出比例
    pub share: Spanned<Percent>,
}

/// 项目立项情况: three text blocks; a blank line starts a new paragraph.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rationale {
    /// 项目设立的依据
    pub basis: Spanned<Text>,
    /// 项目申报的必要性
    pub necessity: Spanned<Text>,
    /// 项目申报的可行性
    pub feasibility: Spanned<Text>,
}

/// 一级指标 (产出指标, 效益指标 …) and its 二级指标.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCategory {
    /// 一级指标
    pub level1: Spanned<Text>,
    pub groups: Spanned<Vec<IndicatorGroup>>,
}

/// 二级指标 (数量指标, 质量指标 …) and its indicators.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    /// 二级指标
    pub level2: Spanned<Text>,
    pub items: Spanned<Vec<Indicator>>,
}

/// One performance indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 指标内容
    pub indicator: Spanned<Text>,
    /// 指标值, as the form writes it (`200户`, `≥90%`, `每周至少5场次`); may be left out.
    #[serde(default)]
    pub target: Option<Text>,
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
fn deserialize_parsed<'de, D, T>(
    deserializer: D,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
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
