//! A member's years of one kind of experience, and where they are written:
//! 社会工作 is `years`, 项目管理 `management_years`, any other kind the
//! most years of `experience` whose name contains it (禁毒 in 禁毒社工).

use crate::project::model::{Member, Spanned};
use crate::units::number::Number;
use crate::yaml::tree::Place;

pub fn years_of(member: &Member, kind: &str) -> Option<Spanned<Number>> {
    match experience_kind(kind) {
        Kind::SocialWork => Some(member.years.clone()),
        Kind::Management => member.management_years.clone(),
        Kind::Other(kind) => {
            let entries = member.experience.iter().flatten();
            let named = |name: &str| matches!(experience_kind(name), Kind::Other(n) if n.contains(kind));
            entries.filter(|(name, _)| named(name)).map(|(_, y)| y.clone()).max_by_key(|y| y.value)
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Kind<'a> {
    SocialWork,
    Management,
    Other(&'a str),
}

/// What a kind of experience names, `经验` or `年限` after it or not.
pub fn experience_kind(name: &str) -> Kind<'_> {
    let name = name.trim();
    let name = name.strip_suffix("经验").or_else(|| name.strip_suffix("年限")).unwrap_or(name).trim();
    match name {
        "社会工作" | "社工" => Kind::SocialWork,
        "项目管理" | "项目运营" | "管理" | "运营" => Kind::Management,
        other => Kind::Other(other),
    }
}

/// `社会工作 3 年、禁毒 未写`: the years of each kind, as messages list them.
pub fn stated(member: &Member, kinds: &[String]) -> Vec<String> {
    let said = |kind: &String| match years_of(member, kind) {
        Some(years) => format!("{kind} {} 年", years.value),
        None => format!("{kind} 未写"),
    };
    kinds.iter().map(said).collect()
}

/// Fewer years than `required` of every kind in `kinds`: the message, at
/// the years when one kind is asked for and written, else at the member.
pub fn too_few_years(member: &Member, who: &str, required: Number, kinds: &[String]) -> Option<(Place, String)> {
    let found: Vec<(&str, Option<Spanned<Number>>)> = kinds.iter().map(|k| (k.as_str(), years_of(member, k))).collect();
    if found.iter().any(|(_, y)| y.as_ref().is_some_and(|y| y.value >= required)) {
        return None;
    }
    let wanted = if found.len() == 1 {
        format!("要求至少 {required} 年")
    } else {
        format!("要求其中之一满 {required} 年")
    };
    let mut message = format!("{who}的经验：{}，{wanted}", stated(member, kinds).join("、"));
    if let [(kind, None)] = found.as_slice()
        && let Kind::Other(kind) = experience_kind(kind)
    {
        let other: Vec<String> =
            member.experience.iter().flatten().map(|(name, years)| format!("{name} {} 年", years.value)).collect();
        message.push_str(&if other.is_empty() {
            format!("（写在 experience 中，如 experience: {{ {kind}: 3 }}）")
        } else {
            format!("（只计{kind}经验；experience 中写有 {}）", other.join("、"))
        });
    }
    let at = match found.as_slice() {
        [(_, Some(years))] => years.at,
        _ => member.member.at,
    };
    Some((at, message))
}

/// An `experience` entry for 社会工作 or 项目管理, which have their own keys.
pub fn misplaced_years(member: &Member) -> Vec<(Place, String)> {
    let name = member.member.value.as_str();
    let entries = member.experience.iter().flatten();
    let misplaced = entries.filter_map(|(kind, years)| match experience_kind(kind) {
        Kind::SocialWork => {
            Some((years.at, format!("{name}的社会工作年限请写在 years（从事社会工作年限），不写在 experience 中")))
        }
        Kind::Management => Some((
            years.at,
            format!("{name}的项目管理年限请写在 management_years（项目运营年限），不写在 experience 中"),
        )),
        Kind::Other(_) => None,
    });
    misplaced.collect()
}
