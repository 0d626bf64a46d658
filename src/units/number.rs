//! Exact decimal numbers for counts, hours, scores and rates: an `i128` in
//! ten-thousandths, so `886`, `95.5` and `4.1667` are held exactly and every
//! rounding is an explicit, half-up step.
//!
//! A number a user writes is at most [`MAX_WHOLE`] (10 亿) with at most four
//! decimals. Every computation multiplies at most two such numbers before it
//! divides, so an `i128` cannot overflow; the operations saturate all the
//! same, so no input can make one panic or wrap.

use std::fmt;
use std::ops::{Add, Sub};

/// Ten-thousandths in one.
const SCALE: i128 = 10_000;

/// The largest whole part a project may write: far above any count, hour
/// total or score a project has.
pub const MAX_WHOLE: i128 = 1_000_000_000;

/// A non-negative decimal with up to four places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Number(i128);

impl Number {
    pub const ZERO: Number = Number(0);

    pub fn from_int(n: i64) -> Number {
        Number(i128::from(n).saturating_mul(SCALE))
    }

    /// From hundredths (`10325` → 103.25).
    pub fn from_hundredths(n: i64) -> Number {
        Number(i128::from(n).saturating_mul(100))
    }

    /// From ten-thousandths (`7500` → 0.75): a ratio as
    /// [`Number::percent_of`] gives it.
    pub fn from_ten_thousandths(n: i64) -> Number {
        Number(i128::from(n))
    }

    /// The value in ten-thousandths.
    pub fn raw(self) -> i128 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses `886`, `95.5`, `1,165`; at most four decimals; no sign.
    pub fn parse(text: &str) -> Option<Number> {
        Number::parse_checked(text).ok()
    }

    /// Like [`Number::parse`], saying what is wrong with `text`.
    pub fn parse_checked(text: &str) -> Result<Number, String> {
        let bad = || format!("“{text}”不是数字（最多四位小数，不能为负）");
        let digits: String = text.trim().chars().filter(|c| *c != ',').collect();
        let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let frac = frac.trim_end_matches('0');
        if int.is_empty() || !all_digits(int) || !all_digits(frac) || frac.len() > 4 {
            return Err(bad());
        }
        let whole: i128 = int.parse().map_err(|_| bad())?;
        if whole > MAX_WHOLE {
            return Err(format!("“{text}”超过上限 {MAX_WHOLE}"));
        }
        let frac_value: i128 = format!("{frac:0<4}").parse().map_err(|_| bad())?;
        Ok(Number(whole * SCALE + frac_value))
    }

    /// `self ÷ other` as a percentage in hundredths of a percent, rounded
    /// half up: 886 ÷ 860 → 10302 (103.02%). `None` when dividing by zero.
    pub fn percent_of(self, other: Number) -> Option<i64> {
        if other.0 == 0 {
            return None;
        }
        Some(clamp(div_half_up(self.0.saturating_mul(10_000), other.0)))
    }

    /// `self × numerator ÷ denominator`, rounded half up to hundredths.
    pub fn scaled(self, numerator: Number, denominator: Number) -> Number {
        if denominator.0 == 0 {
            return Number::ZERO;
        }
        let hundredths = div_half_up(self.0.saturating_mul(numerator.0), denominator.0.saturating_mul(100));
        Number(hundredths.saturating_mul(100))
    }

    /// `self × other`, exact.
    pub fn product(self, other: Number) -> Number {
        Number(self.0.saturating_mul(other.0) / SCALE)
    }

    /// Multiplies by a whole number.
    pub fn times(self, n: i64) -> Number {
        Number(self.0.saturating_mul(i128::from(n)))
    }

    /// `self ÷ other` rounded up to a whole number (5.11 → 6): staff needed.
    pub fn div_ceil(self, other: Number) -> i64 {
        if other.0 <= 0 {
            return 0;
        }
        clamp((self.0 + other.0 - 1) / other.0)
    }

    /// Rounds half up to hundredths.
    pub fn round2(self) -> Number {
        Number(div_half_up(self.0, 100).saturating_mul(100))
    }

    /// The smaller of two numbers.
    pub fn min(self, other: Number) -> Number {
        if self <= other { self } else { other }
    }

    /// With exactly two decimals: `4.17`, `100.00`.
    pub fn fixed2(self) -> String {
        let hundredths = div_half_up(self.0, 100);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

/// `a ÷ b` rounded half up, for non-negative `a` and positive `b`.
fn div_half_up(a: i128, b: i128) -> i128 {
    (a.saturating_mul(2).saturating_add(b)) / b.saturating_mul(2)
}

fn clamp(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Add for Number {
    type Output = Number;
    fn add(self, other: Number) -> Number {
        Number(self.0.saturating_add(other.0))
    }
}

impl Sub for Number {
    type Output = Number;
    fn sub(self, other: Number) -> Number {
        Number(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Number {
    fn sum<I: Iterator<Item = Number>>(iter: I) -> Number {
        iter.fold(Number::ZERO, Add::add)
    }
}

impl fmt::Display for Number {
    /// Only the decimals it needs: `886`, `95.5`, `4.1667`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (int, frac) = (self.0 / SCALE, self.0 % SCALE);
        if frac == 0 {
            write!(f, "{int}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{int}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// A percentage in hundredths written as forms do: `103.02%`, `75.00%`.
pub fn percent_fixed(hundredths: i64) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// A percentage in hundredths as the fraction a spreadsheet's percent cell
/// holds: 7778 (77.78%) → `0.7778`.
pub fn fraction_fixed(hundredths: i64) -> String {
    format!("{}.{:04}", hundredths / 10_000, hundredths % 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap()
    }

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(n("886").to_string(), "886");
        assert_eq!(n("95.50").to_string(), "95.5");
        assert_eq!(n("1,165").to_string(), "1165");
        assert_eq!(n("4.1667").to_string(), "4.1667");
        assert_eq!(Number::parse("4.16667"), None);
        assert_eq!(Number::parse("-1"), None);
        assert_eq!(Number::parse("1e3"), None);
        assert_eq!(Number::parse(""), None);
        assert_eq!(Number::parse_checked("1000000001"), Err("“1000000001”超过上限 1000000000".to_owned()));
    }

    #[test]
    fn completion_rates_round_half_up() {
        let rate = |a: &str, t: &str| percent_fixed(n(a).percent_of(n(t)).unwrap());
        assert_eq!(rate("886", "860"), "103.02%");
        assert_eq!(rate("810", "808"), "100.25%");
        assert_eq!(rate("55", "45"), "122.22%");
        assert_eq!(rate("35", "45"), "77.78%");
        assert_eq!(rate("290", "360"), "80.56%");
        assert_eq!(rate("11", "12"), "91.67%");
        assert_eq!(rate("54", "72"), "75.00%");
        assert_eq!(rate("4", "5"), "80.00%");
        assert_eq!(rate("28", "17"), "164.71%");
        assert_eq!(rate("1165", "300"), "388.33%");
        assert_eq!(rate("2", "3"), "66.67%");
        assert_eq!(rate("1", "8"), "12.50%");
        // Exactly half a hundredth rounds up: 1 ÷ 16 = 6.25%, 1 ÷ 32 = 3.125%.
        assert_eq!(rate("1", "32"), "3.13%");
        assert_eq!(n("1").percent_of(Number::ZERO), None);
    }

    #[test]
    fn scores_scale_and_round() {
        // 5 points × 35 ÷ 45 = 3.888… → 3.89
        assert_eq!(n("5").scaled(n("35"), n("45")).fixed2(), "3.89");
        assert_eq!(n("4.1667").round2().to_string(), "4.17");
        assert_eq!(n("89.995").fixed2(), "90.00");
    }

    #[test]
    fn the_largest_inputs_multiply_without_wrapping() {
        let most = n("1000000000");
        assert_eq!(most.product(most).to_string(), "1000000000000000000");
        assert_eq!(most.product(most).div_ceil(n("40").times(52)), 480_769_230_769_231);
        assert_eq!(n("10632").div_ceil(n("2080")), 6);
    }
}
