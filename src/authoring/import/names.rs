//! Keys for labels the table of [`super::fields`] does not know whole:
//! a label joined from its row's and its column's header
//! (`支出明细 / 金额（万元）`) is keyed part by part (`spending_amount`), and
//! a label of words wenshu knows (`对子活动的描述`) by those words, longest
//! first (`sub_activity_description`). Pinyin is not at hand: a label with
//! no known word gets no key here, and its place is its key.

use super::fields;

/// What joins a row's header and a column's header in a label.
pub const JOIN: &str = " / ";

/// Words labels are made of, and their keys (whole labels are in
/// [`super::fields`]'s table, which is searched too).
const WORDS: &[(&str, &str)] = &[
    ("项目", "project"),
    ("活动", "activity"),
    ("团队", "team"),
    ("子活动", "sub_activity"),
    ("描述", "description"),
    ("说明", "note"),
    ("支出", "spending"),
    ("支出明细", "spending"),
    ("分项支出", "item_spending"),
    ("明细", "details"),
    ("频率", "frequency"),
    ("价格", "price"),
    ("标准", "standard"),
    ("费用", "cost"),
    ("费", "cost"),
    ("交通", "transport"),
    ("其他", "other"),
    ("其中", "of_which"),
    ("财政", "finance"),
    ("财政拨款", "appropriation"),
    ("资金", "funds"),
    ("地方", "local"),
    ("中央", "central"),
    ("省级", "provincial"),
    ("市级", "city"),
    ("区级", "district"),
    ("主管部门", "department"),
    ("部门", "department"),
    ("政府", "government"),
    ("预算", "budget"),
    ("决算", "final_accounts"),
    ("经济分类", "economic_class"),
    ("科目", "item"),
    ("年初数", "initial"),
    ("调整数", "adjusted"),
    ("已调整数", "adjusted"),
    ("执行数", "executed"),
    ("执行率", "execution_rate"),
    ("全年", "full_year"),
    ("预算数", "budgeted"),
    ("得分", "score"),
    ("分值", "points"),
    ("权重", "weight"),
    ("目标", "goal"),
    ("中期", "midterm"),
    ("年度", "annual"),
    ("长期", "long_term"),
    ("短期", "short_term"),
    ("属性", "attribute"),
    ("代码", "code"),
    ("审核", "review"),
    ("状态", "status"),
    ("意见", "opinion"),
    ("评审", "review"),
    ("结论", "conclusion"),
    ("原因", "reason"),
    ("偏差", "deviation"),
    ("措施", "measures"),
    ("完成", "completed"),
    ("情况", "status"),
    ("实际", "actual"),
    ("计划", "plan"),
    ("实施", "implementation"),
    ("方案", "scheme"),
    ("依据", "basis"),
    ("立项", "approval"),
    ("绩效", "performance"),
    ("指标", "indicator"),
    ("指标值", "target"),
    ("实际值", "actual_value"),
    ("一级", "level1"),
    ("二级", "level2"),
    ("三级", "level3"),
    ("总额", "total"),
    ("总计", "total"),
    ("本年", "this_year"),
    ("上年", "last_year"),
    ("累计", "cumulative"),
    ("收入", "income"),
    ("人员", "staff"),
    ("志愿者", "volunteers"),
    ("培训", "training"),
    ("服务", "service"),
    ("机构", "organization"),
    ("社区", "community"),
    ("街道", "subdistrict"),
    ("签字", "signature"),
    ("盖章", "seal"),
    ("设备", "equipment"),
    ("购置", "purchase"),
    ("用途", "purpose"),
    ("品牌", "brand"),
    ("规格", "spec"),
    ("型号", "model"),
    ("顺序", "order"),
    ("列", "column"),
    ("满意度", "satisfaction"),
    ("效益", "benefit"),
    ("成本", "cost"),
    ("质量", "quality"),
    ("时效", "timeliness"),
    ("数量", "quantity"),
    ("变更", "change"),
    ("期限", "term"),
    ("调整", "adjustment"),
];

/// The key of a label: the whole-label table's, else each part of a
/// joined label keyed on its own, or the words of the label. `None` when
/// no word is known.
pub fn key_of(label: &str) -> Option<String> {
    let whole = fields::key_of;
    if !label.contains(JOIN)
        && let Some(key) = whole(label)
    {
        return Some(key);
    }
    let mut words: Vec<String> = Vec::new();
    let parts: Vec<&str> = label.split(JOIN.trim()).map(str::trim).filter(|p| !p.is_empty()).collect();
    // Of several parts each gives three words at most: a long row title leaves room for its column.
    let most = if parts.len() > 1 { 3 } else { 6 };
    for part in parts {
        let key = whole(part).or_else(|| words_key(&fields::clean(part)));
        for word in key.iter().flat_map(|k| k.split('_')).take(most) {
            if words.last().is_none_or(|w| w != word) && !words.iter().any(|w| w == word) {
                words.push(word.to_owned());
            }
        }
    }
    words.truncate(6);
    (!words.is_empty()).then(|| words.join("_"))
}

/// The words of a label, longest known first, joined: `对项目活动的描述` →
/// `project_activity_description`. Characters no word starts are passed.
fn words_key(label: &str) -> Option<String> {
    let chars: Vec<char> = label.chars().collect();
    let known = fields::KEYS.iter().chain(WORDS);
    let mut keys: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let best = known.clone().filter(|(w, _)| rest.starts_with(w)).max_by_key(|(w, _)| w.chars().count());
        match best {
            Some((word, key)) => {
                if keys.last() != Some(key) {
                    keys.push(key);
                }
                i += word.chars().count();
            }
            None => i += 1,
        }
    }
    (!keys.is_empty()).then(|| keys.join("_"))
}

#[cfg(test)]
mod tests {
    fn key(label: &str) -> Option<String> {
        super::key_of(label)
    }

    #[test]
    fn labels_are_keyed_by_their_words_and_headers() {
        assert_eq!(key("对项目活动的描述").as_deref(), Some("project_activity_description"));
        assert_eq!(key("对子活动的描述").as_deref(), Some("sub_activity_description"));
        assert_eq!(key("支出明细 / 金额（万元）").as_deref(), Some("spending_amount"));
        assert_eq!(key("地方资金 / 金额（万元）").as_deref(), Some("local_funds_amount"));
        assert_eq!(key("其中财政").as_deref(), Some("of_which_finance"));
        assert_eq!(key("年初数").as_deref(), Some("initial"));
        assert_eq!(
            key("其他交通费 / 对子活动的描述").as_deref(),
            Some("other_transport_cost_sub_activity_description")
        );
        assert_eq!(key("某某某"), None);
    }
}
