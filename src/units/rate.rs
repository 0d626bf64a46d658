//! A rate a form prints with its %: 完成率, 执行率, a column headed （%）.
//! Unlike a share ([`super::money::Percent`], 0% to 100%) a rate may pass
//! 100% (a 完成率 of 120% is common) and is printed as the project writes
//! it. Users write `98.23%`; a bare number of percent points (`98.23`)
//! takes its %. A bare number from 0 to 1 (`0.9823`, `1`) is refused: it
//! may be a fraction as a spreadsheet keeps it or a rate under 1%, and
//! wenshu does not guess which.

use super::number::Number;

/// The rate as printed: `98.23%` for `98.23%`, `98.23％` or `98.23`.
pub fn parse(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let (number, marked) = match trimmed.strip_suffix('%').or_else(|| trimmed.strip_suffix('％')) {
        Some(number) => (number.trim(), true),
        None => (trimmed, false),
    };
    let bad = || format!("“{trimmed}”不是百分数，应写成 98.23% 这样的形式（可以超过 100%）");
    let value = Number::parse_checked(number).map_err(|_| bad())?;
    if !marked && !value.is_zero() && value <= Number::from_int(1) {
        return Err(format!(
            "“{trimmed}”是小数还是百分数？请带上 %：{} 或 {trimmed}%",
            fraction_as_percent(number).unwrap_or_else(|| "98.23%".to_owned())
        ));
    }
    Ok(format!("{number}%"))
}

/// `0.9823` as percent points, exactly: `98.23%`.
fn fraction_as_percent(number: &str) -> Option<String> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = format!("{whole}{fraction:0<2}");
    let (int, dec) = digits.split_at(whole.len() + 2);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if dec.is_empty() { format!("{int}%") } else { format!("{int}.{dec}%") })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_rate_keeps_its_writing_and_may_pass_a_hundred() {
        assert_eq!(parse("98.23%").unwrap(), "98.23%");
        assert_eq!(parse(" 120％ ").unwrap(), "120%");
        assert_eq!(parse("98.23").unwrap(), "98.23%");
        assert_eq!(parse("0").unwrap(), "0%");
        assert_eq!(parse("0.5%").unwrap(), "0.5%");
        assert_eq!(parse("0.9823").unwrap_err(), "“0.9823”是小数还是百分数？请带上 %：98.23% 或 0.9823%");
        assert_eq!(parse("约九成").unwrap_err(), "“约九成”不是百分数，应写成 98.23% 这样的形式（可以超过 100%）");
    }
}
