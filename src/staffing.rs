//! A team against the staffing rules of a 用户需求书 or 采购需求: who counts
//! as qualified, who leads, the shares and counts the rules ask for, and the
//! years of experience. Every rule is a setting: the form's manifest gives
//! the defaults (seed 003's rules for the 中山 用户需求书), a project may
//! write its own, and a rule left out is not checked.

mod words;

use serde::Serialize;

use crate::model::{Member, ShareBase, StaffingRules, Text};
use crate::money::Percent;
use crate::number::Number;
use crate::tree::{Place, Spanned};
pub use words::Vocabulary;

/// The rules a team is checked against, lists filled in.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Words any of which, in a qualification or the education, qualify a member.
    pub qualifications: Vec<String>,
    pub qualified_share: Option<Percent>,
    pub qualified_count: Option<u32>,
    /// Words any of which, in a role, make a member a 项目主管.
    pub supervisor_roles: Vec<String>,
    pub supervisor_share: Option<Percent>,
    /// Qualifications each 项目主管 needs one of; empty, none.
    pub supervisor_qualifications: Vec<String>,
    pub share_base: ShareBase,
    pub member_years: Option<Number>,
    pub member_years_or_management: bool,
    pub supervisor_years: Option<Number>,
    /// What counts as a required qualification.
    pub words: Vocabulary,
}

fn words(list: &Option<Vec<Spanned<Text>>>) -> Option<Vec<String>> {
    list.as_ref().map(|l| l.iter().map(|t| t.value.as_str().trim().to_owned()).filter(|t| !t.is_empty()).collect())
}

/// A rule's synonyms, as the vocabulary takes them.
fn synonyms(rules: &StaffingRules) -> Vec<(String, Vec<String>)> {
    let Some(map) = &rules.synonyms else { return Vec::new() };
    map.iter().map(|(k, v)| (k.clone(), v.iter().map(|w| w.value.as_str().to_owned()).collect())).collect()
}

impl Rules {
    /// The project's rules, or the form's where the project has none. Lists
    /// the project leaves out are the form's; the project's numeric rules
    /// replace the form's, and one it leaves out is not checked. Synonyms
    /// add up: built in, the form's, the project's.
    pub fn resolve(project: Option<&StaffingRules>, form: &StaffingRules) -> Rules {
        let chosen = project.unwrap_or(form);
        let list = |own: &Option<Vec<Spanned<Text>>>, fallback: &Option<Vec<Spanned<Text>>>| {
            words(own).or_else(|| words(fallback)).unwrap_or_default()
        };
        Rules {
            qualifications: list(&chosen.qualifications, &form.qualifications),
            qualified_share: chosen.qualified_share.as_ref().map(|s| s.value),
            qualified_count: chosen.qualified_count.as_ref().map(|s| s.value),
            supervisor_roles: list(&chosen.supervisor_roles, &form.supervisor_roles),
            supervisor_share: chosen.supervisor_share.as_ref().map(|s| s.value),
            supervisor_qualifications: list(&chosen.supervisor_qualifications, &form.supervisor_qualifications),
            share_base: chosen.share_base.as_ref().map(|s| s.value).unwrap_or_default(),
            member_years: chosen.member_years.as_ref().map(|s| s.value),
            member_years_or_management: chosen.member_years_or_management.as_ref().is_some_and(|s| s.value),
            supervisor_years: chosen.supervisor_years.as_ref().map(|s| s.value),
            words: Vocabulary::new(synonyms(form).into_iter().chain(project.map(synonyms).unwrap_or_default())),
        }
    }

    pub fn is_supervisor(&self, member: &Member) -> bool {
        let role = member.role.value.as_str();
        self.supervisor_roles.iter().any(|w| role.contains(w.as_str()))
    }

    pub fn is_qualified(&self, member: &Member) -> bool {
        self.holds(member, &self.qualifications)
    }

    /// Whether a member's qualifications or education meet one of `list`.
    fn holds(&self, member: &Member, list: &[String]) -> bool {
        held(member).any(|h| list.iter().any(|w| self.words.meets(h, w)))
    }

    /// How the 项目主管 are named in messages.
    fn supervisor_name(&self) -> String {
        match self.supervisor_roles.as_slice() {
            [only] if only == "主管" => "项目主管".to_owned(),
            roles => format!("项目负责人（岗位含“{}”）", roles.join("”或“")),
        }
    }
}

/// A member's qualifications, then education.
fn held(member: &Member) -> impl Iterator<Item = &str> {
    let education = member.education.iter().map(|e| e.value.as_str());
    member.qualifications.iter().map(|q| q.value.as_str()).chain(education)
}

/// Who in a team counts for the rules, as templates print it.
#[derive(Debug, Clone, Serialize)]
pub struct TeamCounts {
    pub size: i64,
    /// The members the qualified share is counted over, and what they are called.
    pub base: i64,
    pub base_label: String,
    pub qualified: i64,
    pub qualified_share: String,
    pub supervisors: i64,
    pub supervisor_share: String,
    /// What counts as qualified, for the sentence under the table (`社会工作、心理咨询…`).
    pub qualifications: String,
}

/// `k` of `n` as a percentage, rounded half up to 0.01%.
fn share(k: i64, n: i64) -> Percent {
    Percent::from_hundredths(if n == 0 { 0 } else { (k * 10_000 + n / 2) / n })
}

fn base_of<'a>(team: &'a [Member], rules: &Rules) -> Vec<&'a Member> {
    match rules.share_base {
        ShareBase::Everyone => team.iter().collect(),
        ShareBase::OthersThanSupervisors => team.iter().filter(|m| !rules.is_supervisor(m)).collect(),
    }
}

pub fn counts(team: &[Member], rules: &Rules) -> TeamCounts {
    let size = team.len() as i64;
    let base = base_of(team, rules);
    let qualified = base.iter().filter(|m| rules.is_qualified(m)).count() as i64;
    let supervisors = team.iter().filter(|m| rules.is_supervisor(m)).count() as i64;
    TeamCounts {
        size,
        base: base.len() as i64,
        base_label: match rules.share_base {
            ShareBase::Everyone => "团队成员".to_owned(),
            ShareBase::OthersThanSupervisors => format!("{}以外的成员", rules.supervisor_name()),
        },
        qualified,
        qualified_share: share(qualified, base.len() as i64).to_string(),
        supervisors,
        supervisor_share: share(supervisors, size).to_string(),
        qualifications: rules.qualifications.join("、"),
    }
}

/// Every rule the team breaks: where, and what, in the user's words.
pub fn check(team: &Spanned<Vec<Member>>, rules: &Rules) -> Vec<(Place, String)> {
    let members = &team.value;
    let mut found = Vec::new();
    if members.is_empty() {
        return found;
    }
    let base = base_of(members, rules);
    let n = base.len() as i64;
    let qualified = base.iter().filter(|m| rules.is_qualified(m)).count() as i64;
    let over = match rules.share_base {
        ShareBase::Everyone => format!("共 {n} 人"),
        ShareBase::OthersThanSupervisors => format!("{}以外共 {n} 人", rules.supervisor_name()),
    };
    let which = rules.qualifications.join("、");
    if let Some(min) = rules.qualified_share
        && share(qualified, n) < min
    {
        let message = format!(
            "团队中具备认可资格（{which}）的有 {qualified} 人，占 {}（{over}），低于要求的 {min}",
            share(qualified, n)
        );
        found.push((team.at, message));
    }
    if let Some(min) = rules.qualified_count
        && qualified < i64::from(min)
    {
        let message = format!("团队中具备认可资格（{which}）的有 {qualified} 人（{over}），少于要求的 {min} 人");
        found.push((team.at, message));
    }
    let supervisors: Vec<&Member> = members.iter().filter(|m| rules.is_supervisor(m)).collect();
    let size = members.len() as i64;
    if let Some(min) = rules.supervisor_share
        && share(supervisors.len() as i64, size) < min
    {
        let message = format!(
            "{}有 {} 人，占 {}（共 {size} 人），低于要求的 {min}",
            rules.supervisor_name(),
            supervisors.len(),
            share(supervisors.len() as i64, size)
        );
        found.push((team.at, message));
    }
    if let Some(years) = rules.member_years {
        for member in members {
            let name = member.member.value.as_str();
            let management = member.management_years.as_ref().map(|y| y.value).unwrap_or_default();
            let enough = member.years.value >= years || (rules.member_years_or_management && management >= years);
            if !enough {
                let message = if rules.member_years_or_management {
                    format!(
                        "{name}从事社会工作 {} 年、项目管理 {management} 年，要求其中之一满 {years} 年",
                        member.years.value
                    )
                } else {
                    format!("{name}从事社会工作 {} 年，要求 {years} 年以上", member.years.value)
                };
                found.push((member.years.at, message));
            }
        }
    }
    for supervisor in supervisors {
        let name = supervisor.member.value.as_str();
        let title = rules.supervisor_name();
        if !rules.supervisor_qualifications.is_empty() && !rules.holds(supervisor, &rules.supervisor_qualifications) {
            let message = format!("{title}{name}须持有{}之一", rules.supervisor_qualifications.join("、"));
            found.push((supervisor.member.at, message));
        }
        let Some(required) = rules.supervisor_years else { continue };
        match &supervisor.management_years {
            Some(years) if years.value >= required => {}
            Some(years) => {
                let message = format!("{title}{name}有 {} 年项目运营经验，要求至少 {required} 年", years.value);
                found.push((years.at, message));
            }
            None => {
                let message = format!("{title}{name}须写明 management_years（项目运营年限），要求至少 {required} 年");
                found.push((supervisor.member.at, message));
            }
        }
    }
    found
}
