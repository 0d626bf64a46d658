//! Naming the blanks of an imported form: each becomes a field with the
//! Chinese label the form prints beside or above it, an ASCII key (from a
//! table of the labels forms use, else of its words (see `names`), else its place: `field_3_2`), and a type
//! its label implies (金额、元 → money, 日期 → date).

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    /// Paragraphs written under a prompt (`（400字以内）`).
    Prose,
    Money(Unit),
    /// A rate printed with its % (完成率, 执行率, a column headed （%）).
    Rate,
    Date,
    Choice(Vec<String>),
    /// Rows of a list (a header and blank rows below it).
    Table(Vec<Field>),
}

impl Kind {
    /// The word `form.yaml` writes for it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Prose => "prose",
            Kind::Money(_) => "money",
            Kind::Rate => "rate",
            Kind::Date => "date",
            Kind::Choice(_) => "choice",
            Kind::Table(_) => "table",
        }
    }
}

/// The unit a form prints an amount in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    Wan,
}

/// A field of the imported form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub kind: Kind,
    /// A table's rows in the original (printed at least, blank).
    pub rows: usize,
    /// The value wenshu prints when the project leaves it out (`project.name`).
    pub from: Option<String>,
}

/// Labels forms use, and the keys wenshu gives them.
pub(super) const KEYS: &[(&str, &str)] = &[
    ("项目名称", "project_name"),
    ("项目编号", "project_no"),
    ("申报单位", "applicant"),
    ("项目申报单位", "applicant"),
    ("申请单位", "applicant"),
    ("申报单位类型", "applicant_type"),
    ("单位名称", "organization"),
    ("机构名称", "organization"),
    ("执行机构名称", "organization"),
    ("承接单位", "contractor"),
    ("联系人", "contact"),
    ("项目联系人", "contact"),
    ("联系电话", "phone"),
    ("电话", "phone"),
    ("办公电话", "office_phone"),
    ("手机", "mobile"),
    ("电子邮箱", "email"),
    ("邮箱", "email"),
    ("通讯地址", "address"),
    ("地址", "address"),
    ("邮政编码", "postcode"),
    ("法定代表人", "legal_representative"),
    ("项目负责人", "leader"),
    ("负责人", "leader"),
    ("财务联系人", "finance_contact"),
    ("登记证号", "registration_no"),
    ("组织机构代码", "organization_code"),
    ("统一社会信用代码", "credit_code"),
    ("评估等级", "rating"),
    ("最近一年年检结论", "inspection"),
    ("年检结论", "inspection"),
    ("全职员工人数", "full_time_staff"),
    ("开户单位名称", "account_name"),
    ("开户银行", "bank"),
    ("开户行", "bank"),
    ("银行账号", "bank_account"),
    ("账号", "bank_account"),
    ("开具税务发票情况", "invoice"),
    ("资产总额", "total_assets"),
    ("收入总额", "total_income"),
    ("申请金额", "amount_requested"),
    ("核定金额", "amount_approved"),
    ("金额", "amount"),
    ("项目时间", "project_time"),
    ("项目类型", "project_type"),
    ("资金来源", "fund_source"),
    ("服务内容", "services"),
    ("人次", "person_times"),
    ("人数", "persons"),
    ("负责人签字日期", "leader_signature_date"),
    ("项目周期", "period"),
    ("起止时间", "period"),
    ("实施期限", "period"),
    ("项目实施地域", "area"),
    ("服务地点", "place"),
    ("服务领域", "service_field"),
    ("服务对象", "beneficiaries"),
    ("项目概述", "overview"),
    ("姓名", "name"),
    ("职务", "position"),
    ("任务分工", "tasks"),
    ("备注", "remarks"),
    ("单位", "unit"),
    ("计量单位", "unit"),
    ("数量", "quantity"),
    ("单价", "unit_price"),
    ("小计", "subtotal"),
    ("合计", "total"),
    ("日期", "date"),
    ("填报日期", "fill_date"),
    ("提交时间", "submitted"),
    ("申请日期", "apply_date"),
    ("财政代码", "finance_code"),
    ("收款人", "payee"),
    ("全称", "full_name"),
    ("资金性质", "fund_type"),
    ("预算科目", "budget_item"),
    ("编码", "code"),
    ("名称", "name"),
    ("设备名称", "equipment"),
    ("型号或规格", "model"),
    ("活动时间", "activity_time"),
    ("活动内容", "activity"),
    ("对应产出", "output"),
    ("支出项目名称", "expense_item"),
    ("差额", "difference"),
    ("购买方", "purchaser"),
    ("购买金额", "purchase_amount"),
    ("执行过的项目名称", "past_project"),
    ("相关经验描述", "experience"),
    ("项目中承担的工作内容", "role"),
    ("项目团队成员信息", "team_members"),
    ("外部支持团队信息", "external_team"),
    ("项目负责人信息", "leader_info"),
    ("项目预算", "budget_items"),
    ("项目活动计划和对应的产出", "activities"),
    ("本单位曾获政府购买的公益服务项目有哪些", "past_projects"),
    ("项目需求分析", "needs_analysis"),
    ("受益群体描述", "beneficiary_groups"),
    ("项目目标", "goals"),
    ("风险分析及应对预案", "risks"),
    ("项目创新性和推广性", "innovation"),
    ("机构愿景与使命", "mission"),
    ("序号", "no"),
    ("时间", "time"),
    ("内容", "content"),
    ("产出", "output"),
    ("项目变更情况", "changes"),
    ("改进计划", "improvements"),
    ("培训次数", "trainings"),
    ("直接受益人数", "direct_beneficiaries"),
    ("间接受益人数", "indirect_beneficiaries"),
    ("媒体报道次数", "media_reports"),
    ("媒体报道链接", "media_links"),
    ("年度", "year"),
    ("月份", "month"),
];

/// A label as a key looks it up: spaces, bracketed notes, what follows a
/// colon and a leading number (`（一）`, `1.`, `一、`) left out.
pub fn clean(label: &str) -> String {
    let mut text: String = label.chars().filter(|c| !super::text::is_space(*c)).collect();
    text = text.trim_end_matches(['：', ':']).to_owned();
    let numbering = |t: &str| -> Option<usize> {
        let chars: Vec<char> = t.chars().collect();
        let numerals = "一二三四五六七八九十0123456789";
        if chars.first() == Some(&'（') || chars.first() == Some(&'(') {
            let close = chars.iter().position(|&c| c == '）' || c == ')')?;
            return (close > 1 && chars[1..close].iter().all(|c| numerals.contains(*c))).then_some(close + 1);
        }
        let digits = chars.iter().take_while(|c| numerals.contains(**c)).count();
        (digits > 0 && matches!(chars.get(digits), Some('、' | '.' | '．'))).then_some(digits + 1)
    };
    if let Some(skip) = numbering(&text) {
        text = text.chars().skip(skip).collect();
    }
    // What follows a colon or a question mark explains the label.
    if let Some(end) = text.find(['：', ':', '？', '?']).filter(|&e| e >= 6) {
        text.truncate(end);
    }
    // Notes in brackets (`（万元）`, `（请填写下表）`) are not the label.
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_matches(['，', '、', '。', '；', ';', ','].as_slice()).to_owned()
}

/// The key of a label, when the table knows it: the label itself, a
/// known head and tail (`项目负责人` + `办公电话`), or a long known start
/// (`机构愿景与使命、业务范围…`).
pub fn key_of(label: &str) -> Option<String> {
    let label = clean(label);
    let label = label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
    let exact = |l: &str| KEYS.iter().find(|(k, _)| *k == l).map(|(_, v)| (*v).to_owned());
    if let Some(key) = exact(label) {
        return Some(key);
    }
    let chars: Vec<char> = label.chars().collect();
    let composed = (2..chars.len().saturating_sub(1)).find_map(|split| {
        let (head, tail): (String, String) = (chars[..split].iter().collect(), chars[split..].iter().collect());
        Some(format!("{}_{}", exact(&head)?, exact(&tail)?))
    });
    // A known label that a list of more follows: `机构愿景与使命、业务范围…`.
    composed.or_else(|| {
        let start = KEYS.iter().filter(|(k, _)| {
            label.strip_prefix(k).is_some_and(|rest| rest.starts_with(['、', '，', ',', '；', '及', '和']))
        });
        start.max_by_key(|(k, _)| k.len()).map(|(_, v)| (*v).to_owned())
    })
}

/// The key of a `{{name}}` placeholder: `upperMoney` → `upper_money`.
pub fn key_of_name(name: &str) -> Option<String> {
    let mut key = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
            key.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_matches('_').to_owned();
    key.starts_with(|c: char| c.is_ascii_lowercase()).then_some(key)
}

/// The type a label implies for a blank that says nothing itself.
pub fn kind_of(label: &str) -> Kind {
    let label: String = label.chars().filter(|c| !super::text::is_space(*c)).collect();
    if label.contains("大写") {
        Kind::Text
    } else if ["完成率", "执行率", "百分比", "（%）", "(%)", "（％）", "(％)"].iter().any(|w| label.contains(w))
    {
        Kind::Rate
    } else if label.contains("万元") {
        Kind::Money(Unit::Wan)
    } else if label.contains("金额") || label.contains("（元）") || label.contains("(元)") {
        Kind::Money(Unit::Yuan)
    } else if label.contains("日期") {
        Kind::Date
    } else {
        Kind::Text
    }
}

/// A label short enough for messages and the schema: its lines joined,
/// spaces between Chinese characters (`联 系 人`) closed up, a long note in
/// brackets at its end left out.
pub fn tidy_label(label: &str) -> String {
    let joined: String = label.split('\n').map(str::trim).collect::<Vec<_>>().join("");
    let chars: Vec<char> = joined.chars().collect();
    let mut text = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if super::text::is_space(c) {
            let prev = chars[..i].iter().rev().find(|c| !super::text::is_space(**c));
            let next = chars[i..].iter().find(|c| !super::text::is_space(**c));
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if (wide(prev) && wide(next)) || text.ends_with(' ') {
                continue;
            }
            text.push(' ');
        } else {
            text.push(c);
        }
    }
    let mut text = text.trim().trim_end_matches(['：', ':', '；', ';', '，', ',']).to_owned();
    if text.ends_with(['）', ')'])
        && let Some(start) = text.rfind(['（', '('])
        && start > 0
        && text[start..].chars().count() > 8
    {
        text.truncate(start);
    }
    let cut: String = text.chars().take(40).collect();
    cut.trim().to_owned()
}

/// Whether a cell's text is a number (`12`, `0.099`): data, not a label.
pub fn is_number(text: &str) -> bool {
    let t = text.trim_matches(super::text::is_space);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Makes every key of `fields` (and of each table's columns) unique:
/// `name`, `name_2` …
pub fn dedupe(fields: &mut [Field]) {
    let mut seen: Vec<String> = Vec::new();
    for field in fields.iter_mut() {
        field.key = unique(&field.key, &seen);
        seen.push(field.key.clone());
        if let Kind::Table(columns) = &mut field.kind {
            let mut seen_columns: Vec<String> = Vec::new();
            for column in columns.iter_mut() {
                column.key = unique(&column.key, &seen_columns);
                seen_columns.push(column.key.clone());
            }
        }
    }
}

fn unique(key: &str, seen: &[String]) -> String {
    if !seen.iter().any(|k| k == key) {
        return key.to_owned();
    }
    (2..).map(|n| format!("{key}_{n}")).find(|k| !seen.contains(k)).unwrap_or_else(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_common_labels() {
        assert_eq!(key_of("项目名称："), Some("project_name".to_owned()));
        assert_eq!(key_of("联 系 人："), Some("contact".to_owned()));
        assert_eq!(key_of("申请金额（万元）"), Some("amount_requested".to_owned()));
        assert_eq!(key_of("项目负责人办公电话"), Some("leader_office_phone".to_owned()));
        assert_eq!(key_of("（一）项目需求分析（400字以内）"), Some("needs_analysis".to_owned()));
        assert_eq!(key_of("年资产总额"), Some("total_assets".to_owned()));
        assert_eq!(key_of("某某特别栏目"), None);
        assert_eq!(key_of("合计（人民币）数量"), Some("total_quantity".to_owned()));
        assert_eq!(key_of("项目目标：项目实现后期望达成的具体成效"), Some("goals".to_owned()));
        assert_eq!(key_of("机构愿景与使命、业务范围、市级荣誉"), Some("mission".to_owned()));
        assert_eq!(key_of_name("upperMoney"), Some("upper_money".to_owned()));
        assert_eq!(key_of_name("中文"), None);
    }

    #[test]
    fn kinds_and_labels() {
        assert_eq!(kind_of("购买金额（元）"), Kind::Money(Unit::Yuan));
        assert_eq!(kind_of("申请金额（万元）"), Kind::Money(Unit::Wan));
        assert_eq!(kind_of("填报日期"), Kind::Date);
        assert_eq!(kind_of("执行率"), Kind::Rate);
        assert_eq!(kind_of("完成率（%）"), Kind::Rate);
        assert_eq!(kind_of("资金到位率（%）"), Kind::Rate);
        assert_eq!(kind_of("姓名"), Kind::Text);
        assert_eq!(tidy_label("联 系 人："), "联系人");
        assert_eq!(tidy_label("项目实施地域（区、街道、社区名称，尽量详细）"), "项目实施地域");
        assert_eq!(tidy_label("申请金额（万元）"), "申请金额（万元）");
        assert_eq!(tidy_label("志愿者（长期/短期）人数"), "志愿者（长期/短期）人数");
        assert_eq!(tidy_label("姓  名"), "姓名");
        assert_eq!(tidy_label("联系电话；"), "联系电话");
        assert!(is_number("0.099") && is_number("12") && !is_number("1项目定位"));
    }

    #[test]
    fn duplicate_keys_are_numbered() {
        let field =
            |key: &str| Field { key: key.to_owned(), label: String::new(), kind: Kind::Text, rows: 0, from: None };
        let mut fields = vec![field("name"), field("name"), field("name")];
        dedupe(&mut fields);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["name", "name_2", "name_3"]);
    }
}
