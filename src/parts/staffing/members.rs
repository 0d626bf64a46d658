//! What each member must have: conditions, education, full-time work, an
//! age or a birth date within limits. Every message names the member, what
//! was compared and what was required.

use chrono::{Months, NaiveDate};

use super::conditions::{self, describe, education_said, holdings, years_asked};
use super::education;
use super::words::Vocabulary;
use crate::project::model::{AgeLimit, BornRange, Condition, Education, FullTime, Member, day_text};
use crate::yaml::tree::Place;

/// Each condition of `required` the member does not meet.
pub fn unmet(member: &Member, who: &str, required: &[Condition], words: &Vocabulary) -> Vec<(Place, String)> {
    let unmet = required.iter().filter(|c| !conditions::meets(c, member, words));
    let message = |c: &Condition| {
        let said = holdings(member, &years_asked(c), words);
        // A word such as 精通粤语 is looked for in `notes` too: say so when there are none.
        let hint = match conditions::plain_word(c, words) {
            Some(word) if member.notes.is_empty() => {
                format!("（证书和学历以外的情况写在 notes 中，如 notes: [{word}]）")
            }
            _ => String::new(),
        };
        (member.member.at, format!("{who}不符合要求：{}；{said}{hint}", describe(c, words)))
    };
    unmet.map(message).collect()
}

/// None of `accepted` held: the message listing them.
pub fn without_any(member: &Member, who: &str, accepted: &[Condition], words: &Vocabulary) -> Option<(Place, String)> {
    if accepted.is_empty() || accepted.iter().any(|c| conditions::meets(c, member, words)) {
        return None;
    }
    let listed = conditions::describe_any(accepted, words);
    let years: Vec<String> = accepted.iter().flat_map(years_asked).collect();
    let said = holdings(member, &years, words);
    Some((member.member.at, format!("{who}须持有认可的资格之一：{}；{said}", listed.join("、"))))
}

/// A member's education below `min`, not completed, or not stated: the
/// message, at the education or the member.
pub fn below_education(member: &Member, who: &str, min: Education) -> Option<(Place, String)> {
    let wanted = format!("要求{}及以上", min.name());
    let Some(education) = member.education.as_ref().filter(|e| !e.value.is_blank()) else {
        return Some((member.member.at, format!("{who}未写学历（education），{wanted}")));
    };
    let text = education.value.as_str();
    let reading = education::read(text);
    let message = match (reading.level, reading.unfinished) {
        (Some(level), _) if level >= min => return None,
        (held, Some((started, word))) if held.is_none_or(|h| h < started) => {
            let completed = held.map_or(String::new(), |h| format!("，已完成的是{}", h.name()));
            format!("{who}的学历“{text}”：{}{word}，未取得{}学历{completed}，{wanted}", started.name(), started.name())
        }
        (Some(level), _) if text.trim() == level.name() => format!("{who}的学历为{text}，{wanted}"),
        (Some(level), _) => format!("{who}的学历“{}”是{}，{wanted}", education_said(text), level.name()),
        (None, _) => {
            let levels: Vec<&str> = Education::ALL.iter().map(|l| l.name()).collect();
            format!("{who}的学历“{text}”看不出层次（{}），{wanted}", levels.join("、"))
        }
    };
    Some((education.at, message))
}

/// Full-time work: every member of `group` full time, or at least `n` of
/// them; a member is named after `role`.
pub fn full_time_problems(
    at: Place,
    group: &str,
    role: &str,
    members: &[&Member],
    rule: FullTime,
) -> Vec<(Place, String)> {
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

/// An age limit against a member's age, or their birth date on the day
/// the limit names.
pub fn outside_age(member: &Member, who: &str, limit: &AgeLimit) -> Option<(Place, String)> {
    let (min, max) = (limit.min.as_ref().map(|m| m.value), limit.max.as_ref().map(|m| m.value));
    let wanted = match (min, max) {
        (Some(min), Some(max)) => format!("要求 {min} 至 {max} 周岁"),
        (Some(min), None) => format!("要求至少 {min} 周岁"),
        (None, Some(max)) => format!("要求不超过 {max} 周岁"),
        (None, None) => return None,
    };
    if let Some(age) = &member.age {
        let inside = min.is_none_or(|m| age.value >= m) && max.is_none_or(|m| age.value <= m);
        return (!inside).then(|| (age.at, format!("{who} {} 岁，{wanted}", age.value)));
    }
    let Some(born) = &member.born else {
        return Some((member.member.at, format!("{who}未写年龄（age）或出生年月（born），{wanted}")));
    };
    let on = match &limit.on {
        Some(on) if on.value.is_day() => on.value.first(),
        Some(on) => return Some((on.at, format!("计算年龄的日期 {} 须写到日，如 2025-06-30", on.value))),
        None => {
            let message = format!(
                "{who}只写了出生年月（{}），{wanted}须写明按哪天计算年龄，如 age: {{ max: 45, on: 2025-06-30 }}，或写成员的年龄 age",
                born.value
            );
            return Some((born.at, message));
        }
    };
    // 45 or younger on `on`: born after the day 46 years before it.
    let years_before = |years: u32| years.checked_mul(12).and_then(|months| on.checked_sub_months(Months::new(months)));
    let earliest = max.and_then(|m| m.checked_add(1)).and_then(years_before).and_then(|d| d.succ_opt());
    let latest = min.and_then(years_before);
    let wanted = format!("按{}计{wanted}（{}）", day_text(on), born_between(earliest, latest));
    outside_dates(member, who, earliest, latest, &wanted)
}

/// A range of birth dates against a member's birth date.
pub fn outside_born(member: &Member, who: &str, range: &BornRange) -> Option<(Place, String)> {
    let earliest = range.from.as_ref().map(|d| d.value.first());
    let latest = range.to.as_ref().map(|d| d.value.last());
    let wanted = format!("要求{}", born_between(earliest, latest));
    if member.born.is_none() {
        return Some((member.member.at, format!("{who}未写出生年月（born），{wanted}")));
    }
    outside_dates(member, who, earliest, latest, &wanted)
}

/// `1981年10月14日至1993年10月14日之间出生`.
fn born_between(earliest: Option<NaiveDate>, latest: Option<NaiveDate>) -> String {
    match (earliest, latest) {
        (Some(from), Some(to)) => format!("{}至{}之间出生", day_text(from), day_text(to)),
        (Some(from), None) => format!("{}及以后出生", day_text(from)),
        (None, Some(to)) => format!("{}及以前出生", day_text(to)),
        (None, None) => "出生日期不限".to_owned(),
    }
}

/// A birth date outside the days allowed, or one that may or may not be:
/// a year alone does not say whether a person born in it is old enough.
fn outside_dates(
    member: &Member,
    who: &str,
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    wanted: &str,
) -> Option<(Place, String)> {
    let born = member.born.as_ref()?;
    let (first, last) = (born.value.first(), born.value.last());
    let inside = earliest.is_none_or(|e| first >= e) && latest.is_none_or(|l| last <= l);
    let outside = earliest.is_some_and(|e| last < e) || latest.is_some_and(|l| first > l);
    match (inside, outside) {
        (true, _) => None,
        (_, true) => Some((born.at, format!("{who}{}出生，{wanted}", born.value))),
        _ => Some((born.at, format!("{who}出生于{}，看不出是否符合：{wanted}，请把出生日期写到日", born.value))),
    }
}
