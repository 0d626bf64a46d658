//! The unit a form is filed by, in a paragraph: `填报单位（盖章）：` — a
//! blank for the unit's name (the seal goes over it), bound to the
//! project's `filing_unit`; a filled form's `填报单位（盖章）：某街道办事处`
//! writes the name there, a value `--values` reads, not a label the blank
//! form prints.

use super::fields::Kind;
use super::model::{Piece, Plan, Ref, Taken, shared};
use super::text;

/// The label, with its colon, and the value after it (empty in a blank
/// form) of a paragraph's text that names the filing unit with its seal.
pub(super) fn split(t: &str) -> Option<(String, String)> {
    let (head, value) = t.split_once(['：', ':'])?;
    let clause = head.rsplit(['，', '；', ',', ';', '。']).next().unwrap_or(head);
    let squeezed: String = clause.chars().filter(|c| !text::is_space(*c)).collect();
    let unit = ["填报单位", "申报单位", "项目单位", "填表单位"].iter().any(|w| squeezed.starts_with(w));
    let sealed = text::SIGNATURES.iter().any(|s| squeezed.contains(s));
    let value = value.trim_matches(text::is_space);
    let plain = !value.contains(['：', ':', '□', '_', '＿']) && !value.contains("XX");
    (unit && sealed && plain)
        .then(|| (t[..t.len() - value.len()].trim_end_matches(text::is_space).to_owned(), value.to_owned()))
}

/// The pieces of `t` when it names the filing unit: its label and the
/// unit's field, whose value a filled form's text is.
pub(super) fn pieces(t: &str, plan: &mut Plan) -> Option<Vec<Piece>> {
    let (label, value) = split(t)?;
    let field = shared(plan, "filing_unit".to_owned(), "填报单位".to_owned(), Kind::Text);
    plan.fields[field].from = Some("project.filing_unit".to_owned());
    if !value.is_empty() {
        plan.values.push(Taken { field: Ref::Field(field), row: 0, text: value });
    }
    Some(vec![Piece::Text(label), Piece::Value { field: Ref::Field(field), empty: String::new(), width: 8.0 }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filing_unit_is_a_blank_and_a_filled_one_its_value() {
        assert_eq!(split("填报单位（盖章）："), Some(("填报单位（盖章）：".to_owned(), String::new())));
        assert_eq!(
            split("填报单位（盖章）：某街道办事处"),
            Some(("填报单位（盖章）：".to_owned(), "某街道办事处".to_owned()))
        );
        assert_eq!(split("金额单位：万元"), None);
        assert_eq!(split("填报单位：某街道办事处"), None, "no seal: not the unit's blank");
        assert_eq!(split("填报单位（盖章）：XX街道"), None, "a placeholder is the blank form's");
    }
}
