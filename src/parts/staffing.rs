//! A team against the staffing rules of a 用户需求书 or 采购需求: who counts
//! as qualified, who leads, the shares and counts the rules ask for, the
//! years of experience, and each role's own requirements (人数, 资格, 年限,
//! 学历, 全职, 外聘). Every rule is a setting: the form's manifest gives
//! the defaults (seed 003's rules for the 中山 用户需求书), a project may
//! write its own, and a rule left out is not checked.

mod words;

use serde::Serialize;

use crate::project::model::{Count, Education, FullTime, Member, RoleRule, ShareBase, StaffingRules, Text};
use crate::project::tree::{Place, Spanned};
use crate::units::money::Percent;
use crate::units::number::Number;
pub use words::{Vocabulary, education_level};

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
    /// The team's size, external members left out.
    pub team_size: Option<Count>,
    /// The least education of every member not external.
    pub education: Option<Education>,
    pub full_time: Option<FullTime>,
    pub roles: Vec<Role>,
    /// What counts as a required qualification.
    pub words: Vocabulary,
}

/// One role's requirements, lists filled in.
#[derive(Debug, Clone, Default)]
pub struct Role {
    /// The role as messages name it (主任, 外聘督导).
    pub name: String,
    /// Words any of which, in a member's role, make it this role.
    pub words: Vec<String>,
    pub count: Option<Count>,
    pub qualifications: Vec<String>,
    pub years: Option<Number>,
    /// The kinds of experience the years are counted from, any one enough.
    pub years_from: Vec<String>,
    pub education: Option<Education>,
    pub full_time: Option<FullTime>,
    /// Listed in the team, not counted in its size or shares (外聘督导).
    pub external: bool,
}

fn words(list: &Option<Vec<Spanned<Text>>>) -> Option<Vec<String>> {
    list.as_ref().map(|l| l.iter().map(|t| t.value.as_str().trim().to_owned()).filter(|t| !t.is_empty()).collect())
}

impl Role {
    fn of(rule: &RoleRule) -> Role {
        let name = rule.role.value.as_str().trim().to_owned();
        Role {
            words: words(&rule.words).filter(|w| !w.is_empty()).unwrap_or_else(|| vec![name.clone()]),
            count: rule.count.as_ref().map(|c| c.value),
            qualifications: words(&rule.qualifications).unwrap_or_default(),
            years: rule.years.as_ref().map(|y| y.value),
            years_from: words(&rule.years_from)
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| vec!["社会工作".to_owned()]),
            education: rule.education.as_ref().map(|e| e.value),
            full_time: rule.full_time.as_ref().map(|f| f.value),
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
        let roles = chosen.roles.as_ref().or(form.roles.as_ref());
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
            team_size: chosen.team_size.as_ref().map(|s| s.value),
            education: chosen.education.as_ref().map(|s| s.value),
            full_time: chosen.full_time.as_ref().map(|s| s.value),
            roles: roles.map(|r| r.iter().map(Role::of).collect()).unwrap_or_default(),
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

    /// The role a member holds: the one whose word in the member's role is
    /// longest (外聘督导 before 督导), the first listed on a tie.
    pub fn role_of(&self, member: &Member) -> Option<&Role> {
        let text = member.role.value.as_str();
        let mut best: Option<(&Role, usize)> = None;
        for role in &self.roles {
            for word in role.words.iter().filter(|w| !w.is_empty() && text.contains(w.as_str())) {
                if best.is_none_or(|(_, length)| word.len() > length) {
                    best = Some((role, word.len()));
                }
            }
        }
        best.map(|(role, _)| role)
    }

    /// The members the team's size and shares count: all but the external.
    pub fn counted<'a>(&self, team: &'a [Member]) -> Vec<&'a Member> {
        team.iter().filter(|m| !self.role_of(m).is_some_and(|r| r.external)).collect()
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
    /// The members counted: all but the external ones.
    pub size: i64,
    /// The external members listed beside them (外聘督导).
    pub external: i64,
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

fn base_of<'a>(team: &[&'a Member], rules: &Rules) -> Vec<&'a Member> {
    match rules.share_base {
        ShareBase::Everyone => team.to_vec(),
        ShareBase::OthersThanSupervisors => team.iter().copied().filter(|m| !rules.is_supervisor(m)).collect(),
    }
}

pub fn counts(team: &[Member], rules: &Rules) -> TeamCounts {
    let counted = rules.counted(team);
    let size = counted.len() as i64;
    let base = base_of(&counted, rules);
    let qualified = base.iter().filter(|m| rules.is_qualified(m)).count() as i64;
    let supervisors = counted.iter().filter(|m| rules.is_supervisor(m)).count() as i64;
    TeamCounts {
        size,
        external: team.len() as i64 - size,
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
    let mut found = Vec::new();
    if team.value.is_empty() {
        return found;
    }
    let counted = rules.counted(&team.value);
    check_shares(team.at, &counted, rules, &mut found);
    check_member_years(&counted, rules, &mut found);
    check_supervisors(&counted, rules, &mut found);
    check_team(team, &counted, rules, &mut found);
    for role in &rules.roles {
        let holders: Vec<&Member> =
            team.value.iter().filter(|m| rules.role_of(m).is_some_and(|r| std::ptr::eq(r, role))).collect();
        check_role(team.at, role, &holders, rules, &mut found);
    }
    for member in &team.value {
        found.extend(misplaced_years(member));
    }
    found
}

/// The qualified share and count, and the supervisors' share.
fn check_shares(at: Place, counted: &[&Member], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let base = base_of(counted, rules);
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
        found.push((at, message));
    }
    if let Some(min) = rules.qualified_count
        && qualified < i64::from(min)
    {
        let message = format!("团队中具备认可资格（{which}）的有 {qualified} 人（{over}），少于要求的 {min} 人");
        found.push((at, message));
    }
    let supervisors = counted.iter().filter(|m| rules.is_supervisor(m)).count() as i64;
    let size = counted.len() as i64;
    if let Some(min) = rules.supervisor_share
        && share(supervisors, size) < min
    {
        let message = format!(
            "{}有 {supervisors} 人，占 {}（共 {size} 人），低于要求的 {min}",
            rules.supervisor_name(),
            share(supervisors, size)
        );
        found.push((at, message));
    }
}

/// `member_years`: every member's years of social work (or management).
fn check_member_years(counted: &[&Member], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let Some(years) = rules.member_years else { return };
    for member in counted {
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
fn check_supervisors(counted: &[&Member], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let title = rules.supervisor_name();
    for supervisor in counted.iter().filter(|m| rules.is_supervisor(m)) {
        let name = supervisor.member.value.as_str();
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
}

/// The team's size, and the education and full-time work of its members.
fn check_team(team: &Spanned<Vec<Member>>, counted: &[&Member], rules: &Rules, found: &mut Vec<(Place, String)>) {
    let external = team.value.len() - counted.len();
    if let Some(size) = rules.team_size
        && !size.allows(counted.len())
    {
        let apart = if external > 0 { format!("（外聘的 {external} 人不计）") } else { String::new() };
        found.push((team.at, format!("团队共 {} 人{apart}，{}", counted.len(), wanted(size))));
    }
    for member in counted {
        let name = member.member.value.as_str();
        found.extend(rules.education.and_then(|min| below_education(member, name, min)));
    }
    if let Some(rule) = rules.full_time {
        found.extend(full_time_problems(team.at, "团队", "", counted, rule));
    }
}

/// `要求 9 人`, `要求至少 1 人`.
fn wanted(count: Count) -> String {
    match count {
        Count::Exactly(_) | Count::Between { min: Some(_), max: Some(_) } => format!("要求 {count}"),
        Count::Between { .. } => format!("要求{count}"),
    }
}

/// One role: how many hold it, and what each of them has.
fn check_role(at: Place, role: &Role, holders: &[&Member], rules: &Rules, found: &mut Vec<(Place, String)>) {
    if let Some(count) = role.count
        && !count.allows(holders.len())
    {
        found.push((at, format!("{}有 {} 人，{}", role.title(), holders.len(), wanted(count))));
    }
    for member in holders {
        let name = member.member.value.as_str();
        let who = format!("{}{name}", role.name);
        if !role.qualifications.is_empty() && !rules.holds(member, &role.qualifications) {
            let accepted: Vec<String> = role.qualifications.iter().map(|w| rules.words.describe(w)).collect();
            let message = format!("{who}须持有认可的资格之一：{}；{}", accepted.join("、"), holdings(member));
            found.push((member.member.at, message));
        }
        if let Some(required) = role.years {
            found.extend(too_few_years(member, &who, required, &role.years_from));
        }
        found.extend(role.education.and_then(|min| below_education(member, &who, min)));
    }
    if let Some(rule) = role.full_time {
        found.extend(full_time_problems(at, &role.title(), &role.name, holders, rule));
    }
}

/// `张三 持有 心理咨询师三级，学历为 心理学本科`: what a member's
/// qualifications were compared with.
fn holdings(member: &Member) -> String {
    let name = member.member.value.as_str();
    let certificates: Vec<&str> = member.qualifications.iter().map(|q| q.value.as_str()).collect();
    let education = member.education.as_ref().map(|e| e.value.as_str()).filter(|e| !e.trim().is_empty());
    match (certificates.is_empty(), education) {
        (true, None) => format!("{name} 未写资格证书和学历"),
        (true, Some(education)) => format!("{name} 未写资格证书，学历为 {education}"),
        (false, None) => format!("{name} 持有 {}", certificates.join("、")),
        (false, Some(education)) => format!("{name} 持有 {}，学历为 {education}", certificates.join("、")),
    }
}

/// A member's education below `min`, or not stated: the message, at the
/// education or the member.
fn below_education(member: &Member, who: &str, min: Education) -> Option<(Place, String)> {
    let wanted = format!("要求{}及以上", min.name());
    let Some(education) = member.education.as_ref().filter(|e| !e.value.is_blank()) else {
        return Some((member.member.at, format!("{who}未写学历（education），{wanted}")));
    };
    let text = education.value.as_str();
    match education_level(text) {
        Some(level) if level >= min => None,
        Some(level) if text.trim() == level.name() => Some((education.at, format!("{who}的学历为{text}，{wanted}"))),
        Some(level) => Some((education.at, format!("{who}的学历“{text}”是{}，{wanted}", level.name()))),
        None => {
            let levels: Vec<&str> = Education::ALL.iter().map(|l| l.name()).collect();
            let message = format!("{who}的学历“{text}”看不出层次（{}），{wanted}", levels.join("、"));
            Some((education.at, message))
        }
    }
}

/// Full-time work: every member of `group` full time, or at least `n` of
/// them; a member is named after `role`.
fn full_time_problems(at: Place, group: &str, role: &str, members: &[&Member], rule: FullTime) -> Vec<(Place, String)> {
    let full_time = |m: &&&Member| m.full_time.as_ref().is_some_and(|f| f.value);
    match rule {
        FullTime::NotRequired => Vec::new(),
        FullTime::Everyone => members
            .iter()
            .filter(|m| !full_time(m))
            .map(|m| (m.member.at, format!("{role}{}须为全职，未写 full_time: true（全职）", m.member.value.as_str())))
            .collect(),
        FullTime::AtLeast(n) => {
            let k = members.iter().filter(full_time).count();
            if k >= n as usize {
                return Vec::new();
            }
            vec![(at, format!("{group}中全职的有 {k} 人（共 {} 人），要求至少 {n} 人", members.len()))]
        }
    }
}

/// A member's years of one kind of experience, and where they are written:
/// 社会工作 is `years`, 项目管理 `management_years`, any other kind the
/// most years of `experience` whose name contains it (禁毒 in 禁毒社工).
fn years_of(member: &Member, kind: &str) -> Option<Spanned<Number>> {
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
enum Kind<'a> {
    SocialWork,
    Management,
    Other(&'a str),
}

/// What a kind of experience names, `经验` or `年限` after it or not.
fn experience_kind(name: &str) -> Kind<'_> {
    let name = name.trim();
    let name = name.strip_suffix("经验").or_else(|| name.strip_suffix("年限")).unwrap_or(name).trim();
    match name {
        "社会工作" | "社工" => Kind::SocialWork,
        "项目管理" | "项目运营" | "管理" | "运营" => Kind::Management,
        other => Kind::Other(other),
    }
}

/// Fewer years than `required` of every kind in `kinds`: the message, at
/// the years when one kind is asked for and written, else at the member.
fn too_few_years(member: &Member, who: &str, required: Number, kinds: &[String]) -> Option<(Place, String)> {
    let found: Vec<(&str, Option<Spanned<Number>>)> = kinds.iter().map(|k| (k.as_str(), years_of(member, k))).collect();
    if found.iter().any(|(_, y)| y.as_ref().is_some_and(|y| y.value >= required)) {
        return None;
    }
    let stated = |(kind, years): &(&str, Option<Spanned<Number>>)| match years {
        Some(years) => format!("{kind} {} 年", years.value),
        None => format!("{kind} 未写"),
    };
    let said: Vec<String> = found.iter().map(stated).collect();
    let wanted = if found.len() == 1 {
        format!("要求至少 {required} 年")
    } else {
        format!("要求其中之一满 {required} 年")
    };
    let mut message = format!("{who}的经验：{}，{wanted}", said.join("、"));
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
fn misplaced_years(member: &Member) -> Vec<(Place, String)> {
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

/// The staffing rules (`type: staffing`) as a typed part: read, and held
/// against the section's team by the team part.
pub(crate) struct StaffingPart;

impl super::TypedPart for StaffingPart {
    fn schema(&self) -> serde_json::Value {
        serde_json::json!({ "$ref": "#/$defs/StaffingRules" })
    }

    fn read(&self, node: &crate::project::tree::Node) -> Result<(), crate::project::de::DeError> {
        crate::project::de::from_node::<StaffingRules>(node).map(drop)
    }

    fn value(&self, node: &crate::project::tree::Node) -> minijinja::value::Value {
        super::serialized::<StaffingRules>(node)
    }
}
