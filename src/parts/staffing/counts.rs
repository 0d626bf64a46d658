//! The rules that count people: the team's size, a role's head count,
//! share and staff-to-client ratio, the qualified and the supervisors'
//! shares, and groups counted by a condition. People are counted once
//! ([`people`]); each message says how many were counted, of what, and
//! what was required.

use super::conditions::{self, describe};
use super::people::Person;
use super::{Role, Rules, share};
use crate::project::model::{Clients, Count, GroupRule, Ratio, ShareBase, Spanned};
use crate::units::money::Percent;
use crate::yaml::tree::Place;

/// `要求 9 人`, `要求至少 1 人`.
pub fn wanted(count: Count) -> String {
    match count {
        Count::Exactly(_) | Count::Between { min: Some(_), max: Some(_) } => format!("要求 {count}"),
        Count::Between { .. } => format!("要求{count}"),
    }
}

/// The team's size, its staff-to-client ratio.
pub fn check_team(at: Place, people: &[Person], counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let mut apart = Vec::new();
    let external = people.len() - counted.len();
    if external > 0 {
        apart.push(format!("外聘的 {external} 人不计"));
    }
    for person in counted.iter().filter(|p| p.lines.len() > 1) {
        apart.push(format!("{}列了 {} 次，只计 1 人", person.name, person.lines.len()));
    }
    let apart = if apart.is_empty() { String::new() } else { format!("（{}）", apart.join("；")) };
    let size = counted.len();
    if let Some(count) = rules.team_size
        && !count.allows(size)
    {
        found.push((at, format!("团队共 {size} 人{apart}，{}", wanted(count))));
    }
    if let Some(ratio) = &rules.ratio {
        found.extend(short_of_ratio(ratio, rules.clients.as_ref(), size, &format!("团队共 {size} 人{apart}")));
    }
}

/// Fewer people than a ratio asks for the clients: the message (or that
/// the clients are not written), at the ratio.
fn short_of_ratio(
    ratio: &Spanned<Ratio>,
    clients: Option<&Clients>,
    have: usize,
    who: &str,
) -> Option<(Place, String)> {
    let Some(clients) = clients else {
        let message = format!("按 {} 配备须写明服务对象数量（clients），如 clients: 120", ratio.value);
        return Some((ratio.at, message));
    };
    let needed = ratio.value.staff_for(clients.count);
    ((have as u64) < needed)
        .then(|| (ratio.at, format!("{who}，按 {} 配备，{}须至少 {needed} 人", ratio.value, clients.text)))
}

/// One role: how many fill it, their share of the team, the ratio.
pub fn check_role(
    at: Place,
    index: usize,
    role: &Role,
    people: &[Person],
    size: usize,
    rules: &Rules,
    found: &mut Vec<(Place, String)>,
) {
    let holders = people.iter().filter(|p| p.fills(index)).count();
    // Listed under the role, counted in another: one person, one place.
    let elsewhere: Vec<String> = people
        .iter()
        .filter(|p| p.names(index).is_some() && !p.fills(index))
        .map(|p| {
            let other: Vec<&str> = p.fills.iter().map(|r| rules.roles[*r].name.as_str()).collect();
            format!("{}已计入{}", p.name, other.join("、"))
        })
        .collect();
    let why = if elsewhere.is_empty() {
        String::new()
    } else {
        format!("（{}，一人只占一个岗位）", elsewhere.join("、"))
    };
    let title = role.title();
    if let Some(count) = role.count
        && !count.allows(holders)
    {
        found.push((at, format!("{title}有 {holders} 人{why}，{}", wanted(count))));
    }
    if let Some(min) = role.share {
        found.extend(short_share(at, &format!("{title}有 {holders} 人"), holders, size, min));
    }
    if let Some(ratio) = &role.ratio {
        found.extend(short_of_ratio(ratio, rules.clients.as_ref(), holders, &format!("{title}有 {holders} 人{why}")));
    }
}

/// `k` of `n` below `min`: `{who}，占 25.00%（共 4 人），低于要求的 30%`.
fn short_share(at: Place, who: &str, k: usize, n: usize, min: Percent) -> Option<(Place, String)> {
    let got = share(k as i64, n as i64);
    (got < min).then(|| (at, format!("{who}，占 {got}（共 {n} 人），低于要求的 {min}")))
}

/// The qualified share and count, and the supervisors' share.
pub fn check_shares(at: Place, counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let base: Vec<&&Person> = match rules.share_base {
        ShareBase::Everyone => counted.iter().collect(),
        ShareBase::OthersThanSupervisors => counted.iter().filter(|p| !rules.is_supervisor(p)).collect(),
    };
    let n = base.len();
    let qualified = base.iter().filter(|p| rules.is_qualified(p.first())).count();
    let over = match rules.share_base {
        ShareBase::Everyone => format!("共 {n} 人"),
        ShareBase::OthersThanSupervisors => format!("{}以外共 {n} 人", rules.supervisor_name()),
    };
    let which = rules.qualifications_said();
    if let Some(min) = rules.qualified_share
        && share(qualified as i64, n as i64) < min
    {
        let message = format!(
            "团队中具备认可资格（{which}）的有 {qualified} 人，占 {}（{over}），低于要求的 {min}",
            share(qualified as i64, n as i64)
        );
        found.push((at, message));
    }
    if let Some(min) = rules.qualified_count
        && qualified < min as usize
    {
        let message = format!("团队中具备认可资格（{which}）的有 {qualified} 人（{over}），少于要求的 {min} 人");
        found.push((at, message));
    }
    let supervisors = counted.iter().filter(|p| rules.is_supervisor(p)).count();
    if let Some(min) = rules.supervisor_share {
        let who = format!("{}有 {supervisors} 人", rules.supervisor_name());
        found.extend(short_share(at, &who, supervisors, counted.len(), min));
    }
}

/// Groups counted by a condition (men on a visit, the weekend rota).
pub fn check_groups(at: Place, counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    for group in &rules.groups {
        check_group(at, group, counted, rules, found);
    }
}

/// A group: the people (of a role, when it names one) meeting one of its
/// conditions, counted and as a share of those it is counted among.
fn check_group(at: Place, group: &GroupRule, counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let role = group.role.as_ref().map(|r| r.value.as_str().trim()).filter(|r| !r.is_empty());
    let listed =
        |p: &&&Person| role.is_none_or(|r| p.lines.iter().any(|m| super::people::names_role(m.role.value.as_str(), r)));
    let among: Vec<&&Person> = counted.iter().filter(listed).collect();
    let who: Vec<crate::project::model::Condition> = group.who.iter().map(|c| c.value.clone()).collect();
    let k = among.iter().filter(|p| who.iter().any(|c| conditions::meets(c, p.first(), &rules.words))).count();
    let said: Vec<String> = who.iter().map(|c| describe(c, &rules.words)).collect();
    let of = role.map_or(String::new(), |r| format!("岗位含“{r}”且"));
    let name = format!("{}（{of}{}）有 {k} 人", group.group.value.as_str().trim(), said.join("或"));
    if let Some(count) = &group.count
        && !count.value.allows(k)
    {
        found.push((at, format!("{name}，{}", wanted(count.value))));
    }
    if let Some(min) = &group.share {
        found.extend(short_share(at, &name, k, among.len(), min.value));
    }
}
