//! The people of a roster, and the places they fill. A person is a name:
//! listed twice, they are still one person. One person fills one place: of
//! the roles a person is listed under (on two lines, or in one role such as
//! `主任兼督导`), they count in the first written, and in any other only
//! where that role says `shared: true`. This is how the passages read
//! ("9 名专职", "另行外聘督导"): a roster that names the 主任 again as a
//! 社工 has one 社工 fewer, and a 主任 who is also the 督导 is not an
//! external 督导.

use super::Rules;
use crate::project::model::Member;

pub struct Person<'a> {
    pub name: &'a str,
    /// Every line the person is listed on, in the roster's order.
    pub lines: Vec<&'a Member>,
    /// The roles the person is listed under (indices into `rules.roles`),
    /// first written first, each with the line naming it.
    pub named: Vec<(usize, &'a Member)>,
    /// The roles the person counts in.
    pub fills: Vec<usize>,
    /// Counted apart from the team: every role the person fills is external.
    pub external: bool,
}

impl<'a> Person<'a> {
    /// The first line: the one member-wide rules read.
    pub fn first(&self) -> &'a Member {
        self.lines[0]
    }

    pub fn names(&self, role: usize) -> Option<&'a Member> {
        self.named.iter().find(|(r, _)| *r == role).map(|(_, line)| *line)
    }

    pub fn fills(&self, role: usize) -> bool {
        self.fills.contains(&role)
    }
}

/// Where `word` names a role in a member's role text: not as the deputy
/// (副主任 is not the 主任) nor the assistant (社工助理 is not a 社工, 主管助理
/// not a 主管), unless the word itself says so.
pub fn role_matches(text: &str, word: &str) -> Vec<usize> {
    let deputy = word.starts_with('副');
    let assistant = word.ends_with("助理");
    let stands = |at: usize| {
        (deputy || !text[..at].ends_with('副')) && (assistant || !text[at + word.len()..].starts_with("助理"))
    };
    text.match_indices(word).map(|(at, _)| at).filter(|&at| stands(at)).collect()
}

/// Whether a member's role text names the role `word`.
pub fn names_role(text: &str, word: &str) -> bool {
    !word.is_empty() && !role_matches(text, word).is_empty()
}

/// The roles a member's role text names, in the order written: each role
/// word found, a word inside a longer one found there left out (督导 in
/// 外聘督导), a role named twice kept once.
pub fn roles_named(text: &str, rules: &Rules) -> Vec<usize> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, role)
    let mut candidates: Vec<(usize, usize, usize)> = rules
        .roles
        .iter()
        .enumerate()
        .flat_map(|(index, role)| {
            let words = role.words.iter().filter(|w| !w.is_empty());
            words.flat_map(move |w| role_matches(text, w).into_iter().map(move |at| (at, at + w.len(), index)))
        })
        .collect();
    // Longest first; on a tie, the role listed first.
    candidates.sort_by_key(|&(start, end, index)| (std::cmp::Reverse(end - start), index, start));
    for candidate in candidates {
        if !found.iter().any(|&(start, end, _)| candidate.0 < end && start < candidate.1) {
            found.push(candidate);
        }
    }
    found.sort_by_key(|&(start, _, _)| start);
    let mut roles: Vec<usize> = Vec::new();
    for (_, _, index) in found {
        if !roles.contains(&index) {
            roles.push(index);
        }
    }
    roles
}

/// The people of a team, in the order first listed.
pub fn people<'a>(team: &'a [Member], rules: &Rules) -> Vec<Person<'a>> {
    let mut people: Vec<Person<'a>> = Vec::new();
    for line in team {
        let name = line.member.value.as_str().trim();
        let index = match people.iter().position(|p| p.name == name) {
            Some(index) => index,
            None => {
                people.push(Person { name, lines: Vec::new(), named: Vec::new(), fills: Vec::new(), external: false });
                people.len() - 1
            }
        };
        let person = &mut people[index];
        person.lines.push(line);
        for role in roles_named(line.role.value.as_str(), rules) {
            if person.names(role).is_none() {
                person.named.push((role, line));
            }
        }
    }
    for person in &mut people {
        let shared = |role: &usize| rules.roles[*role].shared;
        let first = person.named.iter().map(|(r, _)| *r).find(|r| !shared(r));
        person.fills = person.named.iter().map(|(r, _)| *r).filter(|r| shared(r) || Some(*r) == first).collect();
        person.external = !person.fills.is_empty() && person.fills.iter().all(|r| rules.roles[*r].external);
    }
    people
}

/// The people counted in the team's size and shares: all but the external.
pub fn counted<'a, 'p>(people: &'p [Person<'a>]) -> Vec<&'p Person<'a>> {
    people.iter().filter(|p| !p.external).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deputy_or_an_assistant_does_not_hold_the_role() {
        assert!(names_role("项目主任", "主任") && names_role("禁毒社工", "社工"));
        assert!(!names_role("副主任", "主任") && !names_role("项目副主任", "主任"));
        assert!(!names_role("社工助理", "社工") && !names_role("主管助理", "主管"));
        assert!(names_role("社工助理", "社工助理") && names_role("副主任", "副主任"));
        // Named again elsewhere in the text, it counts.
        assert!(names_role("主任助理兼主任", "主任"));
    }
}
