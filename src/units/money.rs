//! Exact amounts of money and percentages.
//!
//! Money is an integer count of 分 (0.01 元). Forms write amounts in 万元
//! (`56.40`), prose writes them in 元 (`465,884.37元`) and finance forms add
//! the uppercase amount (`伍拾陆万肆仟元整`); all of these are formatting of
//! the same integer, so sums can be checked to the 分.
//!
//! ```
//! use wenshu::Money;
//! let total = Money::parse("56.40万元").unwrap();
//! assert_eq!(total, Money::parse("564,000.00元").unwrap());
//! assert_eq!(total.wan_fixed(), "56.40");
//! assert_eq!(total.daxie(), "伍拾陆万肆仟元整");
//! ```

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use crate::units::number::Number;

const FEN_PER_YUAN: i64 = 100;
const FEN_PER_WAN: i64 = 1_000_000;
/// 1万亿元: far above any project budget, and it keeps 大写 within 亿.
const MAX_FEN: i64 = 1_000_000_000_000 * FEN_PER_YUAN;

/// An amount of money in 分.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// Parses `56.40万元`, `56.4万`, `564000元`, `564,000.00元` or a bare
    /// number, which is read in 万元 — the unit every form header declares
    /// (`项目资金（万元）`).
    pub fn parse(text: &str) -> Result<Money, String> {
        let trimmed = text.trim();
        let (number, fen_per_unit, unit) = if let Some(n) = trimmed.strip_suffix("万元") {
            (n, FEN_PER_WAN, "万元")
        } else if let Some(n) = trimmed.strip_suffix('万') {
            (n, FEN_PER_WAN, "万元")
        } else if let Some(n) = trimmed.strip_suffix('元') {
            (n, FEN_PER_YUAN, "元")
        } else {
            (trimmed, FEN_PER_WAN, "万元")
        };
        let number: String = number.trim().chars().filter(|c| *c != ',').collect();
        if number.starts_with('-') {
            return Err(format!("金额不能为负数：“{trimmed}”"));
        }
        let not_a_number = || format!("“{trimmed}”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）");
        let (int_part, frac_part) = number.split_once('.').unwrap_or((&number, ""));
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_number());
        }
        if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_number());
        }
        // How many decimal places of this unit are still whole 分.
        let places = if fen_per_unit == FEN_PER_WAN { 6 } else { 2 };
        let frac_digits = frac_part.trim_end_matches('0');
        if frac_digits.len() > places {
            return Err(format!("金额“{trimmed}”超出了分的精度（{unit}最多 {places} 位小数）"));
        }
        let too_large = || format!("金额“{trimmed}”过大");
        let int: i64 = int_part.parse().map_err(|_| too_large())?;
        let mut frac: i64 = 0;
        let mut scale = fen_per_unit;
        for digit in frac_digits.bytes() {
            scale /= 10;
            frac += i64::from(digit - b'0') * scale;
        }
        let fen = int
            .checked_mul(fen_per_unit)
            .and_then(|f| f.checked_add(frac))
            .filter(|f| *f <= MAX_FEN)
            .ok_or_else(too_large)?;
        Ok(Money(fen))
    }

    /// `checked` multiplication by a headcount.
    pub fn times(self, count: u32) -> Option<Money> {
        self.0.checked_mul(i64::from(count)).filter(|f| *f <= MAX_FEN).map(Money)
    }

    /// In 万元 with two decimals, rounded half up, as form cells print it: `56.40`.
    pub fn wan_fixed(self) -> String {
        let hundredths = (self.0 + FEN_PER_WAN / 200) / (FEN_PER_WAN / 100);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }

    /// In 万 with only the decimals it needs, as prose writes it: `54`, `2.4`, `56.4`.
    pub fn wan(self) -> String {
        let int = self.0 / FEN_PER_WAN;
        let frac = self.0 % FEN_PER_WAN;
        if frac == 0 {
            return int.to_string();
        }
        let digits = format!("{frac:06}");
        format!("{int}.{}", digits.trim_end_matches('0'))
    }

    /// In 元 with thousands separators and two decimals: `465,884.37`.
    pub fn yuan(self) -> String {
        let int = (self.0 / FEN_PER_YUAN).to_string();
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{grouped}.{:02}", self.0 % FEN_PER_YUAN)
    }

    /// The uppercase amount of finance forms: `伍拾陆万肆仟元整`.
    pub fn daxie(self) -> String {
        const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        let yuan = self.0 / FEN_PER_YUAN;
        let jiao = (self.0 / 10 % 10) as usize;
        let fen = (self.0 % 10) as usize;
        let mut out = String::new();
        if yuan > 0 {
            out.push_str(&integer_daxie(yuan));
            out.push('元');
        }
        if jiao > 0 {
            out.push(DIGITS[jiao]);
            out.push('角');
        }
        if fen > 0 {
            if jiao == 0 && yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS[fen]);
            out.push('分');
        } else if out.is_empty() {
            out.push_str("零元整");
        } else {
            out.push('整');
        }
        out
    }
}

/// Uppercase digits of a whole number of 元 below 1万亿, with the zero rules
/// of financial writing: one 零 for any run of zeros between digits, none at
/// the end, and 壹拾 rather than 拾.
fn integer_daxie(mut n: i64) -> String {
    const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const PLACES: [&str; 4] = ["仟", "佰", "拾", ""];
    const SECTIONS: [&str; 3] = ["亿", "万", ""];
    let mut groups = [0i64; 3];
    for g in groups.iter_mut().rev() {
        *g = n % 10_000;
        n /= 10_000;
    }
    let mut out = String::new();
    for (group, section) in groups.iter().zip(SECTIONS) {
        if *group == 0 {
            continue;
        }
        // A gap before this group (e.g. 1,0001,0000) is read as one 零.
        let mut pending_zero = !out.is_empty() && *group < 1000;
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut started = false;
        for (digit, place) in digits.iter().zip(PLACES) {
            if *digit == 0 {
                pending_zero |= started;
                continue;
            }
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push(DIGITS[*digit as usize]);
            out.push_str(place);
            started = true;
        }
        out.push_str(section);
    }
    out
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    /// `56.40万元` as forms write it, with more decimals only where the
    /// amount needs them (`56.4001万元`): messages must never hide a 分.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let exact = self.wan();
        match exact.split_once('.') {
            Some((_, decimals)) if decimals.len() > 2 => write!(f, "{exact}万元"),
            _ => write!(f, "{}万元", self.wan_fixed()),
        }
    }
}

/// A percentage, exact to 0.01% (stored in hundredths of a percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(i64);

impl Percent {
    pub const HUNDRED: Percent = Percent(10_000);

    pub fn from_hundredths(hundredths: i64) -> Percent {
        Percent(hundredths)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// Parses `70%`, `70％`, `12.5%`: a share, so 0% to 100%.
    pub fn parse(text: &str) -> Result<Percent, String> {
        let trimmed = text.trim();
        let bad = || format!("“{trimmed}”不是百分比，应写成 70% 这样的形式");
        let number = trimmed.strip_suffix('%').or_else(|| trimmed.strip_suffix('％')).ok_or_else(bad)?.trim();
        // Ten-thousandths of a percent point; a percentage keeps two decimals.
        let value = Number::parse(number).ok_or_else(bad)?;
        if value.raw() % 100 != 0 {
            return Err(format!("百分比“{trimmed}”最多保留两位小数"));
        }
        if value > Number::from_int(100) {
            return Err(format!("百分比“{trimmed}”超过了 100%"));
        }
        Ok(Percent(i64::try_from(value.raw() / 100).unwrap_or(i64::MAX)))
    }
}

impl Add for Percent {
    type Output = Percent;
    fn add(self, other: Percent) -> Percent {
        Percent(self.0.saturating_add(other.0))
    }
}

impl Sum for Percent {
    fn sum<I: Iterator<Item = Percent>>(iter: I) -> Percent {
        iter.fold(Percent::default(), Add::add)
    }
}

impl fmt::Display for Percent {
    /// `70%`, `12.5%`, `77.78%`: only the decimals it needs.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (int, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{int}%"),
            _ if frac % 10 == 0 => write!(f, "{int}.{}%", frac / 10),
            _ => write!(f, "{int}.{frac:02}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn parses_every_way_forms_write_money() {
        let expected = Money::from_fen(56_400_000);
        for text in ["56.40万元", "56.4万", "564000元", "564,000.00元", "56.40", "56.4", " 56.40 万元 "] {
            assert_eq!(Money::parse(text), Ok(expected), "{text}");
        }
        assert_eq!(wan("2.4万元").fen(), 2_400_000);
        assert_eq!(wan("465,884.37元").fen(), 46_588_437);
        assert_eq!(wan("0.000001万").fen(), 1);
        assert_eq!(wan("0").fen(), 0);
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        assert_eq!(Money::parse("-5万元"), Err("金额不能为负数：“-5万元”".into()));
        assert_eq!(Money::parse("1.001元"), Err("金额“1.001元”超出了分的精度（元最多 2 位小数）".into()));
        assert_eq!(
            Money::parse("五十万"),
            Err("“五十万”不是金额，应写成 56.40万元、564000元 或 56.40（单位万元）".into())
        );
        assert!(Money::parse("1e30").is_err());
        assert!(Money::parse("").is_err());
        assert!(Money::parse(".5万").is_err());
        assert_eq!(Money::parse("99999999999999999999万"), Err("金额“99999999999999999999万”过大".into()));
        assert_eq!(Money::parse("100000001万"), Err("金额“100000001万”过大".into()));
    }

    #[test]
    fn formats_as_the_forms_do() {
        assert_eq!(wan("56.4万").wan_fixed(), "56.40");
        assert_eq!(wan("54万").wan(), "54");
        assert_eq!(wan("2.4万").wan(), "2.4");
        assert_eq!(wan("0.123456万").wan(), "0.123456");
        assert_eq!(wan("465884.37元").yuan(), "465,884.37");
        assert_eq!(wan("999元").yuan(), "999.00");
        assert_eq!(wan("1000元").yuan(), "1,000.00");
        // Two decimals of 万元 round half up.
        assert_eq!(wan("564050元").wan_fixed(), "56.41");
        assert_eq!(wan("564049.99元").wan_fixed(), "56.40");
        assert_eq!(wan("56.4万").to_string(), "56.40万元");
        assert_eq!(wan("1元").to_string(), "0.0001万元");
        assert_eq!(wan("564000.01元").to_string(), "56.400001万元");
    }

    #[test]
    fn writes_uppercase_amounts() {
        let cases = [
            ("564000元", "伍拾陆万肆仟元整"),
            ("190000元", "壹拾玖万元整"),
            ("0元", "零元整"),
            ("0.05元", "伍分"),
            ("0.5元", "伍角整"),
            ("100.05元", "壹佰元零伍分"),
            ("100.50元", "壹佰元伍角整"),
            ("1005元", "壹仟零伍元整"),
            ("100010元", "壹拾万零壹拾元整"),
            ("100000001元", "壹亿零壹元整"),
            ("100010000元", "壹亿零壹万元整"),
            ("465884.37元", "肆拾陆万伍仟捌佰捌拾肆元叁角柒分"),
            ("2400000元", "贰佰肆拾万元整"),
            ("10000元", "壹万元整"),
        ];
        for (text, expected) in cases {
            assert_eq!(wan(text).daxie(), expected, "{text}");
        }
    }

    #[test]
    fn sums_exactly() {
        let parts = ["20万", "12万", "22万", "2.4万"].map(wan);
        assert_eq!(parts.into_iter().sum::<Money>(), wan("56.40万元"));
        // 0.1 + 0.2 in 万: what f64 gets wrong.
        assert_eq!(wan("0.1万") + wan("0.2万"), wan("0.3万"));
        assert_eq!(wan("11万").times(2), Some(wan("22万")));
    }

    #[test]
    fn percentages() {
        assert_eq!(Percent::parse("70%").unwrap().hundredths(), 7000);
        assert_eq!(Percent::parse("12.5％").unwrap().to_string(), "12.5%");
        assert_eq!(Percent::parse("77.78%").unwrap().to_string(), "77.78%");
        assert_eq!(Percent::parse("70").unwrap_err(), "“70”不是百分比，应写成 70% 这样的形式");
        assert_eq!(Percent::parse("1.234%").unwrap_err(), "百分比“1.234%”最多保留两位小数");
        let quarters = ["70%", "30%"].map(|p| Percent::parse(p).unwrap());
        assert_eq!(quarters.into_iter().sum::<Percent>(), Percent::HUNDRED);
    }
}
