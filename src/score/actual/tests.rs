//! Actuals read against their targets.

use super::*;
use crate::score::target::Target;

/// The actual read for each measure of `target`, as `value unit`.
fn read(actual: &str, target: &str) -> Result<Vec<String>, String> {
    let target = Target::parse(target).unwrap();
    read_measures(actual, target.measures())
        .map(|r| r.matched.iter().map(|m| format!("{}{}", m.value, m.measure.unit)).collect())
}

#[test]
fn actuals_are_read_the_way_tables_write_them() {
    assert_eq!(read("探访774人次", "700人次"), Ok(vec!["774人次".into()]));
    assert_eq!(read("886个", "860个"), Ok(vec!["886个".into()]));
    assert_eq!(read("21", "≥20"), Ok(vec!["21".into()]));
    assert!(read("886人", "860个").unwrap_err().contains("单位“人”与指标值的单位“个”不一致"));
    assert!(read("电访400个、探访300个", "≥20").unwrap_err().contains("指标值没有单位"));
    assert_eq!(read("完成个案服务5个，服务22人次", "个案≥4个、个案服务≥20"), Ok(vec!["5个".into(), "22".into()]));
    assert_eq!(
        read("社区12场，服务1200人次", "社区≥12场、服务人数≥1000人次"),
        Ok(vec!["12场".into(), "1200人次".into()])
    );
    assert!(read("个案5个", "个案≥4个、个案服务≥20人次").unwrap_err().contains("找不到复合指标的一项"));
}
