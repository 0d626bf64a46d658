//! Dates as forms write them: `2024年1月1日`, `2024-01-01`, `2024.1.1`.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Reads a date, checking that it exists (no 2月30日).
pub fn parse(text: &str) -> Result<Date, String> {
    let bad = || format!("“{text}”不是日期，应写成 2024年1月1日 或 2024-01-01");
    let trimmed = text.trim();
    let parts: Vec<&str> = if let Some(rest) = trimmed.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        trimmed.split(['-', '.', '/']).collect()
    };
    let [year, month, day] = parts.as_slice() else { return Err(bad()) };
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else {
        return Err(bad());
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    if chrono::NaiveDate::from_ymd_opt(year, month, day).is_none() || !(1900..=2200).contains(&year) {
        return Err(format!("日期“{text}”不存在"));
    }
    Ok(Date { year, month, day })
}

impl std::fmt::Display for Date {
    /// As forms print it: `2024年1月1日`.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_forms_write_dates() {
        let date = Date { year: 2024, month: 1, day: 1 };
        assert_eq!(parse("2024年1月1日"), Ok(date));
        assert_eq!(parse("2024-01-01"), Ok(date));
        assert_eq!(parse("2024.1.1"), Ok(date));
        assert_eq!(parse("2024年2月30日"), Err("日期“2024年2月30日”不存在".to_owned()));
        assert!(parse("明年").is_err());
        assert_eq!(date.to_string(), "2024年1月1日");
    }
}
