//! How exact figures are shown where they leave wenshu: to templates, as
//! the forms print them. Results keep their numbers (fixed-point) and enums;
//! these functions format them at the edge, for `#[serde(serialize_with)]`.

use serde::Serializer;

use crate::units::money::Money;
use crate::units::number::{Number, fraction_fixed};

/// Points and scores with two decimals: `95.69`.
pub fn fixed2<S: Serializer>(n: &Number, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&n.fixed2())
}

/// Points of an indicator that may carry none: empty when it does not.
pub fn fixed2_or_blank<S: Serializer>(n: &Option<Number>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&n.map(Number::fixed2).unwrap_or_default())
}

/// Money in 万元 with two decimals: `240.00`.
pub fn wan<S: Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.wan_fixed())
}

/// Money a line may lack: empty when it does.
pub fn wan_or_blank<S: Serializer>(m: &Option<Money>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.map(Money::wan_fixed).unwrap_or_default())
}

/// A rate in hundredths of a percent as a spreadsheet's fraction: `0.7778`.
pub fn fraction_or_none<S: Serializer>(rate: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match rate {
        Some(rate) => s.serialize_str(&fraction_fixed(*rate)),
        None => s.serialize_none(),
    }
}

/// Anything as it displays itself (`70%`).
pub fn text<T: std::fmt::Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}
