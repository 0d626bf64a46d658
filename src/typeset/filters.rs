//! The filters templates format values with, and minijinja's errors in a
//! form author's words. Registered, with the escaping formatter, in
//! [`crate::typeset::render`]; every filter takes an empty value (none
//! prints nothing), a typed value ([`Typed`]), or the whole numbers the
//! model gives (分, hundredths of a percent).

use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind, State};

use crate::typeset::typed::Typed;
use crate::units::money::{Money, Percent};
use crate::units::numbering::chinese_number;

fn is_empty(value: &Value) -> bool {
    value.is_none() || value.is_undefined() || value.as_str().is_some_and(|s| s.trim().is_empty())
}

fn wrong(filter: &str, wanted: &str, value: &Value) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("过滤器 {filter} 要{wanted}，得到的是{}“{value}”", kind_name(value)),
    )
}

/// The amount `value` holds: a money value, a whole number of 分, or text
/// such as `56.40万元`; `None` for an empty value.
fn money(filter: &str, value: &Value) -> Result<Option<Money>, Error> {
    if is_empty(value) {
        return Ok(None);
    }
    match Typed::of(value) {
        Some(Typed::Money(money)) => return Ok(Some(money)),
        Some(Typed::Percent(_)) => return Err(wrong(filter, "金额", value)),
        None => {}
    }
    if value.is_integer() {
        return i64::try_from(value.clone()).map(|fen| Some(Money::from_fen(fen)));
    }
    value.as_str().and_then(|text| Money::parse(text).ok()).map(Some).ok_or_else(|| wrong(filter, "金额", value))
}

/// A money filter: `format` applied to the amount, nothing for an empty value.
pub fn money_filter(name: &'static str, format: fn(Money) -> String) -> impl Fn(Value) -> Result<String, Error> {
    move |value: Value| Ok(money(name, &value)?.map(format).unwrap_or_default())
}

/// `percent`: a percentage value, or whole hundredths of a percent, as `70%`.
pub fn percent(value: Value) -> Result<String, Error> {
    if is_empty(&value) {
        return Ok(String::new());
    }
    match Typed::of(&value) {
        Some(Typed::Percent(p)) => Ok(p.to_string()),
        Some(Typed::Money(_)) => Err(wrong("percent", "百分比", &value)),
        None if value.is_integer() => i64::try_from(value).map(|h| Percent::from_hundredths(h).to_string()),
        None => {
            let text = value.as_str().ok_or_else(|| wrong("percent", "百分比", &value))?;
            Percent::parse(text).map(|p| p.to_string()).map_err(|_| wrong("percent", "百分比", &value))
        }
    }
}

/// `cn_number`: 1 → 一, for （一） headings.
pub fn cn_number(value: Value) -> Result<String, Error> {
    if is_empty(&value) {
        return Ok(String::new());
    }
    let n = u32::try_from(value.clone()).map_err(|_| wrong("cn_number", "不小于 0 的整数", &value))?;
    Ok(chinese_number(n))
}

/// `typst_str`: a Typst string literal, `""` for an empty value.
pub fn typst_str(value: Value) -> Value {
    let text = if is_empty(&value) { String::new() } else { value.to_string() };
    Value::from_safe_string(typst_string(&text))
}

/// `sum`, minijinja's, except that money sums to money and percentages to
/// a percentage (empty values left out): `rows | sum(attribute="amount")`.
pub fn sum(
    state: &State,
    values: Value,
    attribute: Option<String>,
    start: Option<Value>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let attribute = match attribute {
        Some(attribute) => Some(attribute),
        None => kwargs.get::<Option<String>>("attribute")?,
    };
    let start = match start {
        Some(start) => Some(start),
        None => kwargs.get::<Option<Value>>("start")?,
    };
    kwargs.assert_all_used()?;
    let mut items = Vec::new();
    for item in values.try_iter()? {
        let item = match &attribute {
            Some(path) => path.split('.').try_fold(item, |v, key| v.get_attr(key))?,
            None => item,
        };
        items.push(item);
    }
    let typed: Vec<Typed> = items.iter().filter_map(Typed::of).collect();
    if typed.is_empty() {
        let plain = Kwargs::from_iter(start.map(|s| ("start".to_owned(), s)));
        return minijinja::filters::sum(state, Value::from(items), None, None, plain);
    }
    let total = match typed[0] {
        Typed::Money(_) => items
            .iter()
            .try_fold(Money::ZERO, |total, item| Ok(total + money("sum", item)?.unwrap_or_default()))
            .map(Typed::Money),
        Typed::Percent(_) => items
            .iter()
            .try_fold(Percent::default(), |total, item| match Typed::of(item) {
                Some(Typed::Percent(p)) => Ok(total + p),
                _ if is_empty(item) => Ok(total),
                _ => Err(wrong("sum", "百分比", item)),
            })
            .map(Typed::Percent),
    }?;
    Ok(total.value())
}

/// `runs(rows, "service")`: each row with the number of rows its `key`
/// cell spans — the rows after it with the same value merge into it — or 0
/// where the cell above covers it: `{row, span}` for a table's rowspans.
pub fn runs(rows: Value, key: String) -> Result<Value, Error> {
    let rows: Vec<Value> = rows.try_iter()?.collect();
    let cells: Vec<Value> = rows.iter().map(|row| row.get_attr(&key)).collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let starts = i == 0 || cells[i - 1] != cells[i] || is_empty(&cells[i]);
        let span =
            if starts { 1 + cells[i + 1..].iter().take_while(|c| **c == cells[i] && !is_empty(c)).count() } else { 0 };
        out.push(minijinja::context! { row => row.clone(), span => span });
    }
    Ok(Value::from(out))
}

/// What kind of value this is, in a form author's words.
fn kind_name(value: &Value) -> &'static str {
    use minijinja::value::ValueKind;
    match Typed::of(value) {
        Some(Typed::Money(_)) => return "金额",
        Some(Typed::Percent(_)) => return "百分比",
        None => {}
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => "空值",
        ValueKind::Bool => "是/否",
        ValueKind::Number => "数字",
        ValueKind::String => "文字",
        ValueKind::Seq | ValueKind::Iterable => "列表",
        ValueKind::Map => "键值表",
        _ => "值",
    }
}

/// A minijinja error in a form author's words, its own words in parentheses.
pub fn explain(err: &minijinja::Error) -> String {
    let detail = err.detail().map(str::to_owned).unwrap_or_else(|| err.kind().to_string());
    if detail.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return detail;
    }
    let words = match err.kind() {
        ErrorKind::UndefinedError => "使用了未定义的变量",
        ErrorKind::SyntaxError => "模板语法错误",
        ErrorKind::UnknownFilter => "没有这个过滤器（wenshu form doc 列出全部）",
        ErrorKind::UnknownFunction => "没有这个函数（wenshu form doc 列出全部）",
        ErrorKind::UnknownTest => "没有这个测试（is 之后的词）",
        ErrorKind::UnknownMethod => "这个值没有这个方法",
        ErrorKind::TemplateNotFound => "找不到模板（extends、include 的文件名写错了？）",
        ErrorKind::TooManyArguments => "参数太多",
        ErrorKind::MissingArgument => "缺少参数",
        ErrorKind::CannotUnpack => "列表的项数与要拆开的变量数不同",
        ErrorKind::InvalidOperation if detail.contains("operator") && detail.contains("plain") => {
            "金额、百分比不能直接计算：金额写 .wan、.yuan 或 .fen，百分比写 .value 或 .ratio，如 f.spent.wan / f.total.wan"
        }
        ErrorKind::InvalidOperation if detail.contains("operator") => "这两个值不能这样计算",
        ErrorKind::InvalidOperation if detail.starts_with("cannot convert") => "值的类型不对",
        ErrorKind::InvalidOperation => "不能这样使用这个值",
        ErrorKind::NonKey => "不能用这个值做键",
        ErrorKind::BadEscape => "字符串里的转义写错了",
        ErrorKind::BadInclude => "include 的不是模板名",
        ErrorKind::OutOfFuel => "模板运行超出限制（fuel），可能有过大的循环",
        _ => "模板出错",
    };
    format!("{words}（{detail}）")
}

/// A Typst string literal holding `text`, for code positions
/// (`#set document(title: ...)`).
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_for_headings() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23].into_iter().map(chinese_number).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十三"]);
    }

    #[test]
    fn string_literals() {
        assert_eq!(typst_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
    }
}
