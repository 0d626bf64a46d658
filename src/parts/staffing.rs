//! A team against the staffing rules of a 用户需求书 or 采购需求: who counts
//! as qualified, who leads, the shares, counts and ratios the rules ask
//! for, the years of experience, ages, and each role's own requirements
//! (人数, 资格, 年限, 学历, 全职, 外聘). Every rule is a setting: the form's
//! manifest gives the defaults (seed 003's rules for the 中山 用户需求书), a
//! project may write its own, and a rule left out is not checked.
//!
//! Certificates are read as grades ([`grades`]), education with what was
//! not completed ([`education`]), each person counted once and in one place
//! ([`people`]). Preferences (`preferred`) are printed, never checked.

mod conditions;
mod counts;
mod education;
mod experience;
mod grades;
mod members;
mod people;
mod text;
mod words;

use serde::Serialize;

use crate::project::model::{
    AgeLimit, BornRange, Clients, Condition, Count, Education, FullTime, GroupRule, Member, Ratio, RoleRule, ShareBase,
    StaffingRules, Text,
};
use crate::units::money::Percent;
use crate::units::number::Number;
use crate::yaml::tree::{Place, Spanned};
use people::Person;
pub use words::Vocabulary;

/// The rules a team is checked against, lists filled in.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Conditions any of which, held, make a member qualified.
    pub qualifications: Vec<Condition>,
    pub qualified_share: Option<Percent>,
    pub qualified_count: Option<u32>,
    /// Words any of which, in a role, make a member a 项目主管.
    pub supervisor_roles: Vec<String>,
    pub supervisor_share: Option<Percent>,
    /// Conditions each 项目主管 needs one of; empty, none.
    pub supervisor_qualifications: Vec<Condition>,
    pub share_base: ShareBase,
    pub member_years: Option<Number>,
    pub member_years_or_management: bool,
    pub supervisor_years: Option<Number>,
    /// The team's size, external members left out.
    pub team_size: Option<Count>,
    /// The least education of every member not external.
    pub education: Option<Education>,
    pub full_time: Option<FullTime>,
    /// Conditions every member not external meets, each of them.
    pub member_requires: Vec<Condition>,
    pub age: Option<AgeLimit>,
    pub born: Option<BornRange>,
    pub clients: Option<Clients>,
    pub ratio: Option<Spanned<Ratio>>,
    pub groups: Vec<GroupRule>,
    /// Printed as the document's preferences, never checked.
    pub preferred: Vec<String>,
    pub roles: Vec<Role>,
    /// What counts as a required qualification.
    pub words: Vocabulary,
    /// Synonyms that would change a grade: refused, with where they are
    /// (nowhere, for a form's own).
    pub problems: Vec<(Place, String)>,
}

/// One role's requirements, lists filled in.
#[derive(Debug, Clone, Default)]
pub struct Role {
    /// The role as messages name it (主任, 外聘督导).
    pub name: String,
    /// Words any of which, in a member's role, make it this role.
    pub words: Vec<String>,
    pub count: Option<Count>,
    pub qualifications: Vec<Condition>,
    pub requires: Vec<Condition>,
    pub years: Option<Number>,
    /// The kinds of experience the years are counted from, any one enough.
    pub years_from: Vec<String>,
    pub education: Option<Education>,
    pub full_time: Option<FullTime>,
    pub age: Option<AgeLimit>,
    pub born: Option<BornRange>,
    pub share: Option<Percent>,
    pub ratio: Option<Spanned<Ratio>>,
    /// Counted here though the person holds another role too.
    pub shared: bool,
    pub preferred: Vec<String>,
    /// Listed in the team, not counted in its size or shares (外聘督导).
    pub external: bool,
}

fn words(list: &Option<Vec<Spanned<Text>>>) -> Option<Vec<String>> {
    list.as_ref().map(|l| l.iter().map(|t| t.value.as_str().trim().to_owned()).filter(|t| !t.is_empty()).collect())
}

fn conditions(list: &Option<Vec<Spanned<Condition>>>) -> Option<Vec<Condition>> {
    list.as_ref().map(|l| l.iter().map(|c| c.value.clone()).collect())
}

fn value<T: Clone>(setting: &Option<Spanned<T>>) -> Option<T> {
    setting.as_ref().map(|s| s.value.clone())
}

impl Role {
    fn of(rule: &RoleRule) -> Role {
        let name = rule.role.value.as_str().trim().to_owned();
        Role {
            words: words(&rule.words).filter(|w| !w.is_empty()).unwrap_or_else(|| vec![name.clone()]),
            count: value(&rule.count),
            qualifications: conditions(&rule.qualifications).unwrap_or_default(),
            requires: conditions(&rule.requires).unwrap_or_default(),
            years: value(&rule.years),
            years_from: words(&rule.years_from)
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| vec!["社会工作".to_owned()]),
            education: value(&rule.education),
            full_time: value(&rule.full_time),
            age: value(&rule.age),
            born: value(&rule.born),
            share: value(&rule.share),
            ratio: rule.ratio.clone(),
            shared: rule.shared.as_ref().is_some_and(|s| s.value),
            preferred: words(&rule.preferred).unwrap_or_default(),
            external: rule.external.as_ref().is_some_and(|e| e.value),
            name,
        }
    }

    /// `主任`, or `主任（岗位含“主任”或“负责人”）` when other words name it.
    fn title(&self) -> String {
        match self.words.as_slice() {
            [only] if *only == self.name => self.name.clone(),
            words => format!("{}（岗位含“{}”）", self.name, words.join("”或“")),
        }
    }
}

/// A rule's synonyms, as the vocabulary takes them; `placed` keeps where
/// they are written (a project's), else they are placed nowhere (a form's).
fn synonyms(rules: &StaffingRules, placed: bool) -> Vec<(String, Vec<Spanned<Text>>)> {
    let Some(map) = &rules.synonyms else { return Vec::new() };
    let at = |w: &Spanned<Text>| if placed { w.clone() } else { Spanned::new(w.value.clone(), Place::NONE) };
    map.iter().map(|(k, v)| (k.clone(), v.iter().map(at).collect())).collect()
}

impl Rules {
    /// The project's rules, or the form's where the project has none. Lists
    /// the project leaves out are the form's; the project's other rules
    /// replace the form's, and one it leaves out is not checked. Synonyms
    /// add up: the form's, then the project's.
    pub fn resolve(project: Option<&StaffingRules>, form: &StaffingRules) -> Rules {
        let chosen = project.unwrap_or(form);
        let list = |own: &Option<Vec<Spanned<Text>>>, fallback: &Option<Vec<Spanned<Text>>>| {
            words(own).or_else(|| words(fallback)).unwrap_or_default()
        };
        let accepted = |own: &Option<Vec<Spanned<Condition>>>, fallback: &Option<Vec<Spanned<Condition>>>| {
            conditions(own).or_else(|| conditions(fallback)).unwrap_or_default()
        };
        let roles = chosen.roles.as_ref().or(form.roles.as_ref());
        let all_synonyms =
            synonyms(form, false).into_iter().chain(project.map(|p| synonyms(p, true)).unwrap_or_default());
        let (vocabulary, problems) = Vocabulary::new(all_synonyms);
        Rules {
            qualifications: accepted(&chosen.qualifications, &form.qualifications),
            qualified_share: value(&chosen.qualified_share),
            qualified_count: value(&chosen.qualified_count),
            supervisor_roles: list(&chosen.supervisor_roles, &form.supervisor_roles),
            supervisor_share: value(&chosen.supervisor_share),
            supervisor_qualifications: accepted(&chosen.supervisor_qualifications, &form.supervisor_qualifications),
            share_base: value(&chosen.share_base).unwrap_or_default(),
            member_years: value(&chosen.member_years),
            member_years_or_management: chosen.member_years_or_management.as_ref().is_some_and(|s| s.value),
            supervisor_years: value(&chosen.supervisor_years),
            team_size: value(&chosen.team_size),
            education: value(&chosen.education),
            full_time: value(&chosen.full_time),
            member_requires: conditions(&chosen.member_requires).unwrap_or_default(),
            age: value(&chosen.age),
            born: value(&chosen.born),
            clients: value(&chosen.clients),
            ratio: chosen.ratio.clone(),
            groups: chosen.groups.clone().unwrap_or_default(),
            preferred: words(&chosen.preferred).unwrap_or_default(),
            roles: roles.map(|r| r.iter().map(Role::of).collect()).unwrap_or_default(),
            words: vocabulary,
            problems,
        }
    }

    /// Whether any line of a person names a supervisor's role.
    pub fn is_supervisor(&self, person: &Person) -> bool {
        let named = |m: &&Member| self.supervisor_roles.iter().any(|w| people::names_role(m.role.value.as_str(), w));
        person.lines.iter().any(named)
    }

    pub fn is_qualified(&self, member: &Member) -> bool {
        self.qualifications.iter().any(|c| conditions::meets(c, member, &self.words))
    }

    /// What counts as qualified, as the sentence under the table says it.
    pub fn qualifications_said(&self) -> String {
        let said: Vec<String> = self.qualifications.iter().map(conditions::written).collect();
        said.join("、")
    }

    /// How the 项目主管 are named in messages.
    fn supervisor_name(&self) -> String {
        match self.supervisor_roles.as_slice() {
            [only] if only == "主管" => "项目主管".to_owned(),
            roles => format!("项目负责人（岗位含“{}”）", roles.join("”或“")),
        }
    }

    /// The preferences as the document prints them: the team's, then each
    /// role's (`儿童主任：村（居）委女性委员`).
    fn preferences(&self) -> Vec<String> {
        let roles = self.roles.iter().filter(|r| !r.preferred.is_empty());
        let own = roles.map(|r| format!("{}：{}", r.name, r.preferred.join("、")));
        self.preferred.iter().cloned().chain(own).collect()
    }
}

/// Who in a team counts for the rules, as templates print it.
#[derive(Debug, Clone, Serialize)]
pub struct TeamCounts {
    /// The people counted: all but the external ones, each once.
    pub size: i64,
    /// The external people listed beside them (外聘督导).
    pub external: i64,
    /// The people the qualified share is counted over, and what they are called.
    pub base: i64,
    pub base_label: String,
    pub qualified: i64,
    pub qualified_share: String,
    pub supervisors: i64,
    pub supervisor_share: String,
    /// What counts as qualified, for the sentence under the table (`社会工作、心理咨询…`).
    pub qualifications: String,
    /// 同等条件下优先: printed, never checked.
    pub preferred: Vec<String>,
}

/// `k` of `n` as a percentage, rounded half up to 0.01%.
fn share(k: i64, n: i64) -> Percent {
    Percent::from_hundredths(if n == 0 { 0 } else { (k * 10_000 + n / 2) / n })
}

pub fn counts(team: &[Member], rules: &Rules) -> TeamCounts {
    let people = people::people(team, rules);
    let counted = people::counted(&people);
    let size = counted.len() as i64;
    let base: Vec<&&Person> = match rules.share_base {
        ShareBase::Everyone => counted.iter().collect(),
        ShareBase::OthersThanSupervisors => counted.iter().filter(|p| !rules.is_supervisor(p)).collect(),
    };
    let qualified = base.iter().filter(|p| rules.is_qualified(p.first())).count() as i64;
    let supervisors = counted.iter().filter(|p| rules.is_supervisor(p)).count() as i64;
    TeamCounts {
        size,
        external: people.len() as i64 - size,
        base: base.len() as i64,
        base_label: match rules.share_base {
            ShareBase::Everyone => "团队成员".to_owned(),
            ShareBase::OthersThanSupervisors => format!("{}以外的成员", rules.supervisor_name()),
        },
        qualified,
        qualified_share: share(qualified, base.len() as i64).to_string(),
        supervisors,
        supervisor_share: share(supervisors, size).to_string(),
        qualifications: rules.qualifications_said(),
        preferred: rules.preferences(),
    }
}

/// Every rule the team breaks: where, and what, in the user's words.
pub fn check(team: &Spanned<Vec<Member>>, rules: &Rules) -> Vec<(Place, String)> {
    let mut found = Vec::new();
    if team.value.is_empty() {
        return found;
    }
    found.extend(rules.problems.iter().map(|(at, m)| (if at.is_known() { *at } else { team.at }, m.clone())));
    let people = people::people(&team.value, rules);
    let counted = people::counted(&people);
    counts::check_shares(team.at, &counted, rules, &mut found);
    counts::check_team(team.at, &people, &counted, rules, &mut found);
    counts::check_groups(team.at, &counted, rules, &mut found);
    check_member_years(&counted, rules, &mut found);
    check_supervisors(&counted, rules, &mut found);
    check_members(team.at, &counted, rules, &mut found);
    for (index, role) in rules.roles.iter().enumerate() {
        counts::check_role(team.at, index, role, &people, counted.len(), rules, &mut found);
        check_role_members(team.at, index, role, &people, rules, &mut found);
    }
    for member in &team.value {
        found.extend(experience::misplaced_years(member));
    }
    found
}

/// `member_years`: every member's years of social work (or management).
fn check_member_years(counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let Some(years) = rules.member_years else { return };
    for member in counted.iter().map(|p| p.first()) {
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

/// The 项目主管's qualifications and years of running projects.
fn check_supervisors(counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let title = rules.supervisor_name();
    for supervisor in counted.iter().filter(|p| rules.is_supervisor(p)).map(|p| p.first()) {
        let name = supervisor.member.value.as_str();
        found.extend(members::without_any(
            supervisor,
            &format!("{title}{name}"),
            &rules.supervisor_qualifications,
            &rules.words,
        ));
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
}

/// What every member not external must have: education, full-time work,
/// conditions, age and birth date.
fn check_members(at: Place, counted: &[&Person], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let firsts: Vec<&Member> = counted.iter().map(|p| p.first()).collect();
    for member in &firsts {
        let name = member.member.value.as_str();
        found.extend(rules.education.and_then(|min| members::below_education(member, name, min)));
        found.extend(members::unmet(member, name, &rules.member_requires, &rules.words));
        found.extend(rules.age.as_ref().and_then(|limit| members::outside_age(member, name, limit)));
        found.extend(rules.born.as_ref().and_then(|range| members::outside_born(member, name, range)));
    }
    if let Some(rule) = rules.full_time {
        found.extend(members::full_time_problems(at, "团队", "", &firsts, rule));
    }
}

/// What each person listed under a role must have, on the line naming it.
fn check_role_members(
    at: Place,
    index: usize,
    role: &Role,
    people: &[Person],
    rules: &Rules,
    found: &mut Vec<(Place, String)>,
) {
    let listed: Vec<&Member> = people.iter().filter_map(|p| p.names(index)).collect();
    for member in &listed {
        let who = format!("{}{}", role.name, member.member.value.as_str());
        found.extend(members::without_any(member, &who, &role.qualifications, &rules.words));
        found.extend(members::unmet(member, &who, &role.requires, &rules.words));
        if let Some(required) = role.years {
            found.extend(experience::too_few_years(member, &who, required, &role.years_from));
        }
        found.extend(role.education.and_then(|min| members::below_education(member, &who, min)));
        found.extend(role.age.as_ref().and_then(|limit| members::outside_age(member, &who, limit)));
        found.extend(role.born.as_ref().and_then(|range| members::outside_born(member, &who, range)));
    }
    if let Some(rule) = role.full_time {
        found.extend(members::full_time_problems(at, &role.title(), &role.name, &listed, rule));
    }
}

/// The staffing rules (`type: staffing`) as a typed part: read, and held
/// against the section's team by the team part.
pub(crate) struct StaffingPart;

impl super::TypedPart for StaffingPart {
    fn name(&self) -> &'static str {
        "staffing"
    }

    fn define(&self, generator: &mut schemars::SchemaGenerator) {
        let _ = generator.subschema_for::<crate::project::model::StaffingRules>();
    }

    fn schema(&self) -> serde_json::Value {
        serde_json::json!({ "$ref": "#/$defs/StaffingRules" })
    }

    fn read(&self, node: &crate::yaml::tree::Node) -> Result<(), crate::yaml::de::DeError> {
        crate::yaml::de::from_node::<StaffingRules>(node).map(drop)
    }

    fn value(&self, node: &crate::yaml::tree::Node) -> serde_json::Value {
        super::serialized::<StaffingRules>(node)
    }
}
