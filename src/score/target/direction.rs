//! Which side of its figure a measure must land on, read and never
//! assumed: from the words of the cell (`不超过`, `以内`, `≥`); from the
//! table's 二级 (or 一级) category where the cell writes no direction
//! (under 成本指标 an amount of money is a ceiling, under 时效指标 a
//! duration is a time limit); otherwise a bare figure is a floor, the
//! national method's reading. Where the indicator's own name says lower is
//! better (`死亡率`, `间距`) a bare figure is refused, and a written bound
//! that contradicts the name (`逾期发放率 ≥100%`) is refused too: either
//! reading could score a figure backwards.

use super::scan::{Figure, Side};
use super::units;
use crate::units::number::Number;

/// Where a 指标值 sits in its table, which its reading may depend on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// 一级指标 (`产出指标`).
    pub level1: &'a str,
    /// 二级指标 (`成本指标`, `时效指标`).
    pub level2: &'a str,
    /// 三级指标: its name may carry the unit (`满意度(%)`).
    pub indicator: &'a str,
    /// The project's year, for dates written without one (`12月底前`).
    pub year: Option<i32>,
}

impl Context<'_> {
    /// The 二级 (or 一级) category the cell is under, when it decides a
    /// bare figure's direction.
    pub fn cost(&self) -> Option<&str> {
        [self.level2, self.level1].into_iter().find(|l| l.contains("成本"))
    }

    pub fn timeliness(&self) -> Option<&str> {
        [self.level2, self.level1].into_iter().find(|l| l.contains("时效") || l.contains("時效"))
    }

    /// The unit an indicator's name gives its figures: `满意度(%)`,
    /// `扶持发展新型农业经营主体 (个)`, `种植作物成活率(≥**%)`, `(≤**元/株)`.
    pub fn unit_in_name(&self) -> Option<String> {
        let name = super::scan::normalize(self.indicator);
        let inner = name.strip_suffix(')')?;
        let open = inner.rfind('(')?;
        let inside = inner[open + 1..].trim_start_matches(['≥', '≤', '>', '<', '=', '*']);
        let chars: Vec<char> = inside.chars().collect();
        let (unit, end) = units::read_unit(&chars, 0);
        // `(元/年)`: a year's figure, as `235人/年` is.
        let unit = unit.strip_suffix("/年").filter(|u| !u.is_empty()).map_or(unit.clone(), str::to_owned);
        (!unit.is_empty() && end == chars.len()).then_some(unit)
    }
}

/// Names of measures where less is better, and words that turn one around
/// (`事故处理率` is a rate of handling, higher is better).
const LOWER: &[&str] = &[
    "死亡率",
    "死亡人数",
    "死亡数",
    "成本控制率",
    "发病率",
    "患病率",
    "感染率",
    "复发率",
    "再犯率",
    "发案率",
    "犯罪率",
    "逾期",
    "延误",
    "事故发生",
    "事故率",
    "事故数",
    "事故次数",
    "事故起数",
    "发生率",
    "发生数",
    "发生起数",
    "发生次数",
    "差错",
    "失误",
    "故障率",
    "返修率",
    "漏检率",
    "误报率",
    "伤亡",
    "不合格率",
    "不良率",
    "次品率",
    "超标",
    "空置率",
    "闲置率",
    "流失率",
    "辍学率",
    "失业率",
    "返贫",
    "超支",
    "损耗",
    "欠薪",
    "拖欠",
    "上访",
    "间距",
    "距离",
    "施用强度",
    "排放",
    "浓度",
    "噪音",
    "噪声",
    "能耗",
    "投诉率",
    "投诉次数",
    "投诉量",
    "有效投诉",
    "平均住院日",
    "平均住院天数",
    "误差",
    "等候时间",
    "等待时间",
    "等候时长",
    "等待时长",
    "响应时间",
    "反应时间",
    "到达时间",
    "办理时长",
    "平均用时",
    "耗时",
];
const TURNED: &[&str] = &[
    "处理",
    "处置",
    "查处",
    "查办",
    "办结",
    "整改",
    "解决",
    "化解",
    "纠正",
    "调处",
    "回复",
    "下降",
    "降低",
    "减少",
    "防止",
    "预防",
    "达标",
    "合格率",
    "减排",
];
/// Names of measures where more is better.
const HIGHER: &[&str] = &[
    "满意度",
    "满意率",
    "好评率",
    "合格率",
    "优良率",
    "达标率",
    "正确率",
    "准确率",
    "覆盖率",
    "完成率",
    "及时率",
    "运行率",
    "知晓率",
    "到位率",
    "通过率",
    "就业率",
    "完好率",
    "签约率",
    "接种率",
    "出勤率",
    "入学率",
    "巩固率",
    "参保率",
    "普及率",
    "回收率",
    "办结率",
    "结案率",
    "受理率",
    "响应率",
    "救治率",
    "治愈率",
    "康复率",
    "成活率",
    "存活率",
    "兑现率",
    "兑付率",
    "拨付率",
];
const NOT_HIGHER: [&str; 6] = ["控制", "不合格", "未", "逾期", "差错", "误"];

/// Whether the figure's unit comes from the indicator's name (`时限(月)`).
fn written_in_name(context: &Context) -> bool {
    context.unit_in_name().is_some()
}

fn lower_is_better(name: &str) -> bool {
    LOWER.iter().any(|w| name.contains(w)) && !TURNED.iter().any(|w| name.contains(w))
}

fn higher_is_better(name: &str) -> bool {
    HIGHER.iter().any(|w| name.contains(w)) && !NOT_HIGHER.iter().any(|w| name.contains(w))
}

/// How a measure's direction was settled, when the cell does not write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The cell writes it (`≥`, `不超过`, `以内`), or a zero (`0次`) that can
    /// only be a ceiling.
    Written,
    /// A bare figure, read as a floor by the national method.
    Bare,
    /// The category: `成本指标：上限`, `时效指标：时限`.
    Category(String),
}

/// The direction of one figure, or why it cannot be read. `unit` is the
/// figure's unit after the name's has been applied.
pub fn direction(figure: &Figure, unit: &str, context: &Context) -> Result<(Side, Reason), String> {
    // A figure's own words name what it measures (`15分钟到达率92.5%` under
    // 院前急救平均反应时间): they decide, else the indicator's name does.
    let name = if figure.label.contains('率') { figure.label.as_str() } else { context.indicator };
    if let Some(side) = figure.side {
        if side == Side::AtLeast && figure.value.is_zero() {
            return Err("的下限是 0，谁都达得到，也算不出完成率".to_owned());
        }
        let ratio = matches!(unit, "%" | "‰" | "") || unit.starts_with('/');
        if side == Side::AtLeast && ratio && lower_is_better(name) {
            return Err(format!("是下限（不低于），而“{name}”越低越好：请核对，上限写成 ≤ 或 不超过"));
        }
        if side == Side::AtMost && ratio && higher_is_better(name) {
            return Err(format!("是上限（不超过），而“{name}”越高越好：请核对，下限写成 ≥ 或 不低于"));
        }
        return Ok((side, Reason::Written));
    }
    if figure.value.is_zero() {
        let rate = ["率", "比例", "占比", "比重"].iter().any(|w| name.contains(w));
        if unit.is_empty() && rate {
            return Err(format!("只有一个 0，没有单位：“{name}”是比率，请写成 ≤0%（或 0‰、≤0/10万）这样带单位的上限"));
        }
        return Ok((Side::AtMost, Reason::Written));
    }
    if let Some(category) = context.cost() {
        if units::is_money(unit) {
            return Ok((Side::AtMost, Reason::Category(format!("{category}：上限"))));
        }
        if unit.is_empty() {
            return Err(format!(
                "在“{category}”下，但没有单位，看不出是金额还是别的数，也看不出是上限还是下限：\
                 金额写上单位（如 20万元，读作上限），其他写明单位和 ≤ 或 ≥"
            ));
        }
    }
    if let Some(category) = context.timeliness() {
        if unit == "月" && figure.value <= Number::from_int(12) && !written_in_name(context) {
            return Err(format!(
                "在“{category}”下，看不出是{}月份还是{}个月：月份写成 2024年{}月底前，时长写成 ≤{}个月",
                figure.value, figure.value, figure.value, figure.value
            ));
        }
        if units::is_duration(unit) {
            return Ok((Side::AtMost, Reason::Category(format!("{category}：时限"))));
        }
        if unit.is_empty() && !name.contains('率') {
            return Err(format!(
                "在“{category}”下却没有单位，看不出是多少天、几个月还是比率：写成 ≤10天、≤3个月 或 ≥95%"
            ));
        }
    }
    if lower_is_better(name) {
        return Err(format!(
            "没有写是上限还是下限，而“{name}”通常越低越好：请写成 ≤{}{unit}（不超过）或 ≥{}{unit}",
            figure.value, figure.value
        ));
    }
    Ok((Side::AtLeast, Reason::Bare))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_may_carry_the_unit() {
        let unit = |name: &str| Context { indicator: name, ..Context::default() }.unit_in_name();
        assert_eq!(unit("满意度(%)").as_deref(), Some("%"));
        assert_eq!(unit("扶持发展新型农业经营主体 (个)").as_deref(), Some("个"));
        assert_eq!(unit("种植作物成活率(≥**%)").as_deref(), Some("%"));
        assert_eq!(unit("黄金蜜(葡萄)补助成本(≤**元/株)").as_deref(), Some("元/株"));
        assert_eq!(unit("农民人均纯收入(元/年)").as_deref(), Some("元"));
        assert_eq!(unit("建设项目个数(含续建)"), None);
        assert_eq!(unit("任务完成时限(月)").as_deref(), Some("月"));
    }

    #[test]
    fn names_that_say_which_way_is_better() {
        assert!(lower_is_better("孕产妇死亡率(户籍人口)"));
        assert!(lower_is_better("逾期发放率"));
        assert!(!lower_is_better("事故处理率"));
        assert!(higher_is_better("档案存储设施稳定运行率"));
        assert!(!higher_is_better("全年档案存储成本控制率"));
        assert!(!higher_is_better("违法案件查办率"));
    }
}
