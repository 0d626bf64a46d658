//! Money and percentages as templates see them: values that print the way
//! forms print them (`{{ f.total }}` → `56.40`, `{{ f.rate }}` → `70%`),
//! compare with each other, and give plain numbers for arithmetic
//! (`f.total.wan`, `f.rate.value`). Every filter takes them; the one
//! formatter in [`crate::typeset::render`] escapes what they print.
//!
//! minijinja's operators work on plain numbers only, so `+ - * /` on a
//! typed value needs one of its numeric attributes; numbers (`number`,
//! `integer`, `year` fields) are plain numbers already.
//! (`Typed::Money(56.4万元)` prints `56.40`; its `fen` is `56400000`.)

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use minijinja::value::{DynObject, Enumerator, Object, ObjectRepr, Value};

use crate::units::money::{Money, Percent};
use crate::units::number::Number;

/// A typed value of a form: money or a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Money(Money),
    Percent(Percent),
}

impl Typed {
    /// The typed value held by a template value, if it holds one.
    pub fn of(value: &Value) -> Option<Typed> {
        value.downcast_object_ref::<Typed>().copied()
    }

    pub fn value(self) -> Value {
        Value::from_object(self)
    }

    /// The whole number the filters format (分, hundredths of a percent).
    pub fn units(self) -> i64 {
        match self {
            Typed::Money(money) => money.fen(),
            Typed::Percent(percent) => percent.hundredths(),
        }
    }
}

impl Object for Typed {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let units = self.units();
        let value = match (**self, key.as_str()?) {
            (Typed::Money(_), "fen") => Value::from(units),
            (Typed::Money(_), "yuan") => Value::from(units as f64 / 100.0),
            (Typed::Money(_), "wan") => Value::from(units as f64 / 1_000_000.0),
            (Typed::Percent(_), "hundredths") => Value::from(units),
            (Typed::Percent(_), "value") => Value::from(units as f64 / 100.0),
            (Typed::Percent(_), "ratio") => Value::from(units as f64 / 10_000.0),
            _ => return None,
        };
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match **self {
            Typed::Money(_) => Enumerator::Str(&["fen", "yuan", "wan"]),
            Typed::Percent(_) => Enumerator::Str(&["value", "ratio", "hundredths"]),
        }
    }

    /// Zero is false, as the whole numbers templates had before were.
    fn is_true(self: &Arc<Self>) -> bool {
        self.units() != 0
    }

    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<Ordering> {
        match (**self, *other.downcast_ref::<Typed>()?) {
            (Typed::Money(a), Typed::Money(b)) => Some(a.cmp(&b)),
            (Typed::Percent(a), Typed::Percent(b)) => Some(a.cmp(&b)),
            _ => None,
        }
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match **self {
            Typed::Money(money) => f.write_str(&money.wan_fixed()),
            Typed::Percent(percent) => write!(f, "{percent}"),
        }
    }
}

/// A number as a template value: a whole number where it is one (`886`),
/// else a float (`95.5`), so it prints as written and `+ - * /` work.
pub fn number(n: Number) -> Value {
    if n.raw() % 10_000 == 0 {
        Value::from(i64::try_from(n.raw() / 10_000).unwrap_or(i64::MAX))
    } else {
        Value::from(n.raw() as f64 / 10_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_as_forms_print_it_and_gives_its_fen() {
        let total = Value::from_object(Typed::Money(Money::parse("56.4万元").unwrap()));
        assert_eq!(total.to_string(), "56.40");
        assert_eq!(total.get_attr("fen").unwrap(), Value::from(564_000_00));
    }

    #[test]
    fn typed_values_print_as_forms_print_them_and_compare() {
        let money = |t: &str| Typed::Money(Money::parse(t).unwrap()).value();
        let rate = Typed::Percent(Percent::parse("12.5%").unwrap()).value();
        assert_eq!(money("56.4万元").to_string(), "56.40");
        assert_eq!(rate.to_string(), "12.5%");
        assert_eq!(rate.get_attr("ratio").unwrap(), Value::from(0.125));
        assert!(money("1万元") < money("2万元"));
        assert!(!money("0元").is_true());
        assert_eq!(number(Number::parse("95.50").unwrap()).to_string(), "95.5");
        assert_eq!(number(Number::parse("886").unwrap()), Value::from(886));
    }
}
