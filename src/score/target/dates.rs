//! Dates and periods as 时效指标 write them, in a 指标值 (`2020年`,
//! `2025年年底前`, `2023年12月前`, `12月底前`, `2020.1.1-2020.12.31`,
//! `2023年4月-2024年2月`) and in an actual (`2020年11月`, `2022年1月10日到位`,
//! `2020.12`). A date is held to the precision written: `2021年1月` is the
//! whole of January 2021, never the year 2021. A deadline is the last day
//! of the period it names (`2023年12月前` → 2023年12月31日).

use chrono::{Datelike, NaiveDate};

/// A date or period found in a text, to the precision written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The first and the last day it covers (the same day for a day).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Where it sits in the text, in characters, with the words that
    /// belong to it (`到`, `年底前`).
    pub start: usize,
    pub end: usize,
    /// As written.
    pub text: String,
}

/// Words before a date that belong to it.
const BEFORE: [&str; 6] = ["截至", "截止", "到", "至", "于", "在"];
/// Words after a date that belong to it, longest first; all of them name
/// the end of the period (`年底前`, `底`, `前`, `内`).
const AFTER: [&str; 20] = [
    "年年底前",
    "年年底",
    "年底前",
    "年末前",
    "年度内",
    "年底",
    "年末",
    "年内",
    "全年",
    "底前",
    "末前",
    "之前",
    "以前",
    "以内",
    "之内",
    "底",
    "末",
    "份",
    "前",
    "内",
];
const RANGE: [char; 7] = ['-', '~', '至', '到', '—', '–', '―'];

/// Every date in `chars`; a date written without its year (`12月底前`)
/// takes `year`, and is an error without one.
pub fn find(chars: &[char], year: Option<i32>) -> Result<Vec<Span>, String> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit() && chars[i - 1] != '.');
        if !starts_number {
            i += 1;
            continue;
        }
        match span_at(chars, i, year)? {
            Some(span) => {
                i = span.end;
                spans.push(span);
            }
            None => {
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
            }
        }
    }
    Ok(spans)
}

/// A date or period starting at `at`, with its words.
fn span_at(chars: &[char], at: usize, year: Option<i32>) -> Result<Option<Span>, String> {
    let Some((mut first, mut last, explicit, mut end)) = point(chars, at, None, year)? else {
        return Ok(None);
    };
    end = words_after(chars, end);
    // A period: a second date after a dash, its year taken from the first.
    if let Some(&c) = chars.get(end)
        && RANGE.contains(&c)
        && let Some((_, to, _, after)) = point(chars, end + 1, Some(first.year()), year)?
        && to >= first
    {
        last = to;
        end = words_after(chars, after);
    }
    if !explicit && year.is_none() {
        let text: String = chars[at..end].iter().collect();
        return Err(format!("“{text}”没有写年份：写成 2024年{text} 这样的形式，或在项目文件中写 year（年度）"));
    }
    let mut start = at;
    for word in BEFORE {
        let n = word.chars().count();
        if start >= n && super::units::starts_with(chars, start - n, word) {
            start -= n;
            break;
        }
    }
    if first > last {
        std::mem::swap(&mut first, &mut last);
    }
    let text = chars[start..end].iter().collect();
    Ok(Some(Span { first, last, start, end, text }))
}

/// The words after a date that belong to it.
fn words_after(chars: &[char], at: usize) -> usize {
    AFTER.iter().find(|w| super::units::starts_with(chars, at, w)).map_or(at, |w| at + w.chars().count())
}

/// One date at `at`: `2021年`, `2021年1月`, `2021年1月5日`, `2021.1.5`,
/// `2023.07`, or without a year `12月底`, `12月31日` (and, after a dash,
/// `12月`, `12.31`). Returns its first and last day, whether the year was
/// written, and where it ends.
fn point(
    chars: &[char],
    at: usize,
    inherited: Option<i32>,
    year: Option<i32>,
) -> Result<Option<(NaiveDate, NaiveDate, bool, usize)>, String> {
    let Some((a, len_a)) = digits(chars, at) else { return Ok(None) };
    let after_a = at + len_a;
    let is_year = len_a == 4 && (1900..=2200).contains(&a);
    let sep = chars.get(after_a).copied();
    if is_year && sep == Some('年') {
        let y = a as i32;
        // `2024年1-12月`: months of one year.
        if let Some((m, len_m)) = digits(chars, after_a + 1)
            && chars.get(after_a + 1 + len_m).is_some_and(|c| RANGE.contains(c))
            && let Some((n, len_n)) = digits(chars, after_a + 2 + len_m)
            && chars.get(after_a + 2 + len_m + len_n) == Some(&'月')
            && (1..=12).contains(&m)
            && (m..=12).contains(&n)
            && let (Some((first, _)), Some((_, last))) = (month(y, m), month(y, n))
        {
            return Ok(Some((first, last, true, after_a + 3 + len_m + len_n)));
        }
        if let Some((first_month, months, end)) = part_of_year(chars, after_a + 1)
            && let (Some((first, _)), Some((_, last))) = (month(y, first_month), month(y, first_month + months - 1))
        {
            return Ok(Some((first, last, true, end)));
        }
        if let Some((m, len_m)) = digits(chars, after_a + 1)
            && chars.get(after_a + 1 + len_m) == Some(&'月')
        {
            let after_m = after_a + 2 + len_m;
            if let Some((d, len_d)) = digits(chars, after_m)
                && matches!(chars.get(after_m + len_d), Some('日' | '号'))
            {
                return day(y, m, d, after_m + len_d + 1, chars, at).map(|p| p.map(|(f, l, e)| (f, l, true, e)));
            }
            return Ok(month(y, m).map(|(f, l)| (f, l, true, after_m)));
        }
        let first = NaiveDate::from_ymd_opt(y, 1, 1);
        let last = NaiveDate::from_ymd_opt(y, 12, 31);
        return Ok(first.zip(last).map(|(f, l)| (f, l, true, after_a + 1)));
    }
    // `2024-2025年`: the first year of a period of years.
    if is_year
        && sep.is_some_and(|c| RANGE.contains(&c))
        && let Some((b, 4)) = digits(chars, after_a + 1)
        && chars.get(after_a + 5) == Some(&'年')
        && (a..=2200).contains(&b)
    {
        let first = NaiveDate::from_ymd_opt(a as i32, 1, 1);
        let last = NaiveDate::from_ymd_opt(a as i32, 12, 31);
        return Ok(first.zip(last).map(|(f, l)| (f, l, true, after_a)));
    }
    if is_year && matches!(sep, Some('.' | '-' | '/')) {
        let sep = sep.unwrap_or('.');
        let Some((m, len_m)) = digits(chars, after_a + 1) else { return Ok(None) };
        let after_m = after_a + 1 + len_m;
        if len_m > 2 || !(1..=12).contains(&m) {
            return Ok(None);
        }
        if chars.get(after_m) == Some(&sep)
            && let Some((d, len_d)) = digits(chars, after_m + 1)
            && len_d <= 2
            && ends_cleanly(chars, after_m + 1 + len_d)
        {
            return day(a as i32, m, d, after_m + 1 + len_d, chars, at).map(|p| p.map(|(f, l, e)| (f, l, true, e)));
        }
        if !ends_cleanly(chars, after_m) {
            return Ok(None);
        }
        return Ok(month(a as i32, m).map(|(f, l)| (f, l, true, after_m)));
    }
    // No year written: a month (and day) of the given year.
    let y = inherited.or(year).unwrap_or(2000);
    if len_a <= 2 && (1..=12).contains(&a) {
        if sep == Some('月') {
            let after_m = after_a + 1;
            if let Some((d, len_d)) = digits(chars, after_m)
                && matches!(chars.get(after_m + len_d), Some('日' | '号'))
            {
                return day(y, a, d, after_m + len_d + 1, chars, at).map(|p| p.map(|(f, l, e)| (f, l, false, e)));
            }
            // Alone, `3月` may count months; a date says 底, 末, 前 or 份, or
            // ends a period.
            let dated =
                ["底", "末", "前", "份", "之前", "以前"].iter().any(|w| super::units::starts_with(chars, after_m, w));
            if dated || inherited.is_some() {
                return Ok(month(y, a).map(|(f, l)| (f, l, false, after_m)));
            }
        }
        // `2024.1-12`: a month after a dotted month.
        if inherited.is_some() && sep != Some('.') && ends_cleanly(chars, after_a) && len_a <= 2 {
            return Ok(month(y, a).map(|(f, l)| (f, l, false, after_a)));
        }
        if inherited.is_some()
            && sep == Some('.')
            && let Some((d, len_d)) = digits(chars, after_a + 1)
            && len_d <= 2
            && ends_cleanly(chars, after_a + 1 + len_d)
        {
            return day(y, a, d, after_a + 1 + len_d, chars, at).map(|p| p.map(|(f, l, e)| (f, l, false, e)));
        }
    }
    Ok(None)
}

/// A quarter or half of a year after `年`: `第三季度`, `3季度`, `上半年`.
/// Returns its first month, how many months, and where it ends.
fn part_of_year(chars: &[char], at: usize) -> Option<(u32, u32, usize)> {
    for (word, first, months) in [("上半年", 1, 6), ("下半年", 7, 6)] {
        if super::units::starts_with(chars, at, word) {
            return Some((first, months, at + word.chars().count()));
        }
    }
    let mut i = at;
    if chars.get(i) == Some(&'第') {
        i += 1;
    }
    let quarter = match chars.get(i)? {
        '1' | '一' => 1,
        '2' | '二' => 2,
        '3' | '三' => 3,
        '4' | '四' => 4,
        _ => return None,
    };
    for word in ["季度", "季"] {
        if super::units::starts_with(chars, i + 1, word) {
            return Some((quarter * 3 - 2, 3, i + 1 + word.chars().count()));
        }
    }
    None
}

/// A day, which must exist.
fn day(
    y: i32,
    m: u32,
    d: u32,
    end: usize,
    chars: &[char],
    at: usize,
) -> Result<Option<(NaiveDate, NaiveDate, usize)>, String> {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(Some((date, date, end))),
        None => {
            let text: String = chars[at..end].iter().collect();
            Err(format!("日期“{text}”不存在"))
        }
    }
}

/// The first and last day of a month.
fn month(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) }?;
    Some((first, next.pred_opt()?))
}

/// Whether a dotted date ends here: not inside a longer number or before a
/// unit (`2021.5万元` is money).
fn ends_cleanly(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        None => true,
        Some(c) => !(c.is_ascii_digit() || *c == '.' || "万亿元%‰".contains(*c) || super::units::is_word_at(chars, at)),
    }
}

/// The number written with ASCII digits at `at`, and how many there are.
fn digits(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    let mut len = 0;
    while let Some(c) = chars.get(at + len).and_then(|c| c.to_digit(10)) {
        n = n.checked_mul(10)?.checked_add(c)?;
        len += 1;
        if len > 4 {
            return None;
        }
    }
    (len > 0).then_some((n, len))
}

/// `2025年12月31日`, as forms print a date.
pub fn shown(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// How late `done` is after `due`, in the precision the actual is written
/// in: `逾期 10 天`, `逾期 1 个月`, `逾期 1 年`, or the period itself.
pub fn lateness(done: &Span, due: NaiveDate) -> String {
    let months = |d: NaiveDate| d.year() * 12 + d.month() as i32;
    let whole_month = done.first.day() == 1 && done.last.succ_opt().is_some_and(|next| next.day() == 1);
    if done.first == done.last {
        format!("逾期 {} 天", (done.first - due).num_days())
    } else if whole_month && done.first.month() == done.last.month() && done.first.year() == done.last.year() {
        format!("逾期 {} 个月", months(done.first) - months(due))
    } else if whole_month
        && done.first.ordinal() == 1
        && done.last.month() == 12
        && done.first.year() == done.last.year()
    {
        format!("逾期 {} 年", done.first.year() - due.year())
    } else {
        format!("逾期：{}完成", done.text.trim_end_matches(['前', '内']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, year: Option<i32>) -> Result<Vec<(String, String, String)>, String> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, year).map(|s| s.into_iter().map(|s| (s.text, shown(s.first), shown(s.last))).collect())
    }

    fn one(text: &str, year: Option<i32>) -> (String, String) {
        let found = spans(text, year).unwrap();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].1.clone(), found[0].2.clone())
    }

    #[test]
    fn dates_are_held_to_the_precision_written() {
        let d = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(one("2020年", None), d("2020年1月1日", "2020年12月31日"));
        assert_eq!(one("2021年1月", None), d("2021年1月1日", "2021年1月31日"));
        assert_eq!(one("2024年2月", None), d("2024年2月1日", "2024年2月29日"));
        assert_eq!(one("2021年12月31日", None), d("2021年12月31日", "2021年12月31日"));
        assert_eq!(one("2025年年底前", None), d("2025年1月1日", "2025年12月31日"));
        assert_eq!(one("2023年12月前", None), d("2023年12月1日", "2023年12月31日"));
        assert_eq!(one("2020.12", None), d("2020年12月1日", "2020年12月31日"));
        assert_eq!(one("2020.1.1-2020.12.31", None), d("2020年1月1日", "2020年12月31日"));
        assert_eq!(one("2021.1.1-12.31", None), d("2021年1月1日", "2021年12月31日"));
        assert_eq!(one("2023.07-2024.01", None), d("2023年7月1日", "2024年1月31日"));
        assert_eq!(one("2021年1月-12月", None), d("2021年1月1日", "2021年12月31日"));
        assert_eq!(one("2024年1-12月", None), d("2024年1月1日", "2024年12月31日"));
        assert_eq!(one("2024.1-12", None), d("2024年1月1日", "2024年12月31日"));
        assert_eq!(one("2024年第三季度", None), d("2024年7月1日", "2024年9月30日"));
        assert_eq!(one("2024年上半年", None), d("2024年1月1日", "2024年6月30日"));
        assert_eq!(one("2024-2025年", None), d("2024年1月1日", "2025年12月31日"));
        assert_eq!(one("2023年4月-2024年2月", None), d("2023年4月1日", "2024年2月29日"));
        assert_eq!(one("12月底前100%到位", Some(2023)), d("2023年12月1日", "2023年12月31日"));
        assert_eq!(spans("到2020年,筛查率达到80%以上", None).unwrap()[0].0, "到2020年");
    }

    #[test]
    fn numbers_that_are_not_dates_stay_numbers() {
        for text in ["3年及以上", "2000人次", "2021.5万元", "≥360天", "10个月", "3月内", "1-6期", "15/10万"]
        {
            assert_eq!(spans(text, Some(2024)), Ok(vec![]), "{text}");
        }
    }

    #[test]
    fn a_date_without_its_year_needs_one() {
        assert_eq!(
            spans("12月底前", None),
            Err("“12月底前”没有写年份：写成 2024年12月底前 这样的形式，或在项目文件中写 year（年度）".to_owned())
        );
        assert_eq!(spans("2024年2月30日", None), Err("日期“2024年2月30日”不存在".to_owned()));
    }
}
