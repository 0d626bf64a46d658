//! A 执行监控表's tick columns in a filled original: ✔ in the column of
//! each category of 偏差原因分析 an indicator's `causes` names and in that
//! of its 完成目标可能性, as the PDF prints them; the column's name in
//! form.yaml is the key and word (`causes.经费保障`, `likelihood.确定能`).

use minijinja::Value;

use crate::project::model::{CAUSES, LIKELIHOODS};

/// What a ticked cell holds.
pub const TICK: &str = "✔";

/// Every tick column of an item, ✔ or empty.
pub fn of(item: &Value) -> Vec<(String, String)> {
    let text = |v: Value| if v.is_none() || v.is_undefined() { String::new() } else { v.to_string() };
    let causes: Vec<String> =
        item.get_attr("causes").ok().and_then(|c| c.try_iter().ok().map(|i| i.map(text).collect())).unwrap_or_default();
    let likelihood = item.get_attr("likelihood").map(text).unwrap_or_default();
    let tick = |on: bool| if on { TICK.to_owned() } else { String::new() };
    let causes = CAUSES.iter().map(|w| (format!("causes.{w}"), tick(causes.iter().any(|c| c == w))));
    let likely = LIKELIHOODS.iter().map(|w| (format!("likelihood.{w}"), tick(likelihood == *w)));
    causes.chain(likely).collect()
}

/// Whether a column of an indicator block is one the project fills
/// (a tick column), not one the form prints.
pub fn is_tick(role: &str) -> bool {
    role.starts_with("causes.") || role.starts_with("likelihood.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_follow_the_items_causes_and_likelihood() {
        let item = minijinja::context! { causes => vec!["人员保障"], likelihood => "有可能" };
        let ticks = of(&item);
        let ticked: Vec<&str> = ticks.iter().filter(|(_, t)| t == TICK).map(|(k, _)| k.as_str()).collect();
        assert_eq!(ticked, ["causes.人员保障", "likelihood.有可能"]);
        assert_eq!(ticks.len(), 8);
        assert!(of(&minijinja::context! {}).iter().all(|(_, t)| t.is_empty()));
    }
}
