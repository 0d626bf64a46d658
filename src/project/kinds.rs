//! The words a project picks from a fixed list for an indicator: how it
//! is judged (定性/定量) and, on a 执行监控表, the ticked categories of
//! 偏差原因分析 and the 完成目标可能性. Each is written in Chinese as the form
//! prints it; any other word is refused by `check` with the allowed ones.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How an indicator is judged, where the project says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum IndicatorKind {
    /// Judged by people: scored by its `score`.
    #[serde(rename = "定性")]
    Judged,
    /// Measured: its target must be read as a quantity.
    #[serde(rename = "定量")]
    Measured,
}

/// A ticked category of 偏差原因分析 on a 执行监控表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Cause {
    #[serde(rename = "经费保障")]
    Funds,
    #[serde(rename = "制度保障")]
    Rules,
    #[serde(rename = "人员保障")]
    Staff,
    #[serde(rename = "硬件条件保障")]
    Equipment,
    #[serde(rename = "其他")]
    Other,
}

/// 完成目标可能性 on a 执行监控表: the one ticked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Likelihood {
    #[serde(rename = "确定能")]
    Certain,
    #[serde(rename = "有可能")]
    Possible,
    #[serde(rename = "完全不可能")]
    Impossible,
}

/// The categories of 偏差原因分析, as a 执行监控表 heads its tick columns.
pub const CAUSES: [&str; 5] = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];

/// The answers of 完成目标可能性, as a 执行监控表 heads its tick columns.
pub const LIKELIHOODS: [&str; 3] = ["确定能", "有可能", "完全不可能"];
