//! A condition of a staffing rule held against a member: what each word
//! asks for, whether the member has it, and how both are said in messages.
//!
//! A word is read, in this order, as a certificate and its grade
//! ([`grades`]), a level of education (`本科` is 本科 or higher, completed;
//! `全日制本科` also full-time), `全日制`, a major (`社会工作专业` is met by
//! an education in 社会工作 or a text that says 社会工作专业), or else a
//! word looked for in the member's certificates, education and notes.

use super::education::{self, required_level};
use super::experience::{stated, years_of};
use super::grades::Certificate;
use super::text::occurs;
use super::words::Vocabulary;
use crate::project::model::{Condition, Education, Member, Spanned, Text};

/// What one word of a condition asks for.
enum Asks {
    Certificate(Certificate),
    Level { level: Education, full_time: bool },
    FullTimeStudy,
    Major(String),
    Word,
}

fn asks(word: &str, words: &Vocabulary) -> Asks {
    let word = word.trim();
    if let Some(certificate) = words.certificate(word) {
        return Asks::Certificate(certificate);
    }
    if word == "全日制" {
        return Asks::FullTimeStudy;
    }
    let (full_time, rest) = match word.strip_prefix("全日制") {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    if let Some(level) = required_level(rest) {
        return Asks::Level { level, full_time };
    }
    match word.strip_suffix("专业") {
        Some(stem) if !stem.is_empty() => Asks::Major(stem.to_owned()),
        _ => Asks::Word,
    }
}

/// Everything a member wrote that a word may be found in.
fn texts(member: &Member) -> impl Iterator<Item = &str> {
    let certificates = member.qualifications.iter().map(|q| q.value.as_str());
    let notes = member.notes.iter().map(|n| n.value.as_str());
    certificates.chain(member.education.iter().map(|e| e.value.as_str())).chain(notes)
}

fn education_text(member: &Member) -> &str {
    member.education.as_ref().map_or("", |e| e.value.as_str())
}

/// Whether `member` meets `condition`.
pub fn meets(condition: &Condition, member: &Member, words: &Vocabulary) -> bool {
    match condition {
        Condition::Word(word) => words.accepted(word).iter().any(|w| match asks(w, words) {
            Asks::Word => texts(member).any(|t| occurs(t, w)),
            asked => meets_word(&asked, w, member, words),
        }),
        Condition::AnyOf(items) => items.iter().any(|c| meets(c, member, words)),
        Condition::AllOf(items) => items.iter().all(|c| meets(c, member, words)),
        Condition::Years { at_least, below, from } => {
            let kinds = kinds(from);
            let most = kinds.iter().filter_map(|k| years_of(member, k)).map(|y| y.value).max();
            let Some(most) = most else { return false };
            at_least.is_none_or(|n| most >= n) && below.is_none_or(|n| most < n)
        }
    }
}

fn meets_word(asked: &Asks, word: &str, member: &Member, words: &Vocabulary) -> bool {
    match asked {
        Asks::Certificate(required) => {
            texts(member).flat_map(|t| words.grades.certificates(t)).any(|held| held.meets(*required))
        }
        Asks::Level { level, full_time } => {
            let reading = education::read(education_text(member));
            reading.level.is_some_and(|held| held >= *level) && (!full_time || reading.full_time == Some(true))
        }
        Asks::FullTimeStudy => education::read(education_text(member)).full_time == Some(true),
        Asks::Major(stem) => {
            let education = education_text(member);
            let social_work = ["社会工作", "社工"].contains(&stem.as_str());
            texts(member).any(|t| occurs(t, word))
                || occurs(education, stem)
                || (social_work && ["社会工作", "社工", "msw"].iter().any(|w| occurs(education, w)))
        }
        Asks::Word => texts(member).any(|t| occurs(t, word)),
    }
}

/// The kinds of experience years are counted from: social work unless named.
fn kinds(from: &[String]) -> Vec<String> {
    if from.is_empty() { vec!["社会工作".to_owned()] } else { from.to_vec() }
}

/// A condition as messages say it.
pub fn describe(condition: &Condition, words: &Vocabulary) -> String {
    match condition {
        Condition::Word(word) => match asks(word, words) {
            Asks::Certificate(certificate) => certificate.requirement(),
            Asks::Level { level, full_time } => {
                let above = if level == Education::Doctor { "" } else { "及以上" };
                format!("{}{}{above}学历", if full_time { "全日制" } else { "" }, level.name())
            }
            Asks::FullTimeStudy => "全日制学历".to_owned(),
            Asks::Major(_) | Asks::Word => words.describe_plain(word),
        },
        Condition::AnyOf(items) => joined(items, "或", words),
        Condition::AllOf(items) => joined(items, "且", words),
        Condition::Years { at_least, below, from } => {
            let kinds = kinds(from).join("或");
            match (at_least, below) {
                (Some(least), Some(below)) => format!("{kinds}满 {least} 年、不满 {below} 年"),
                (Some(least), None) => format!("{kinds}满 {least} 年"),
                (None, Some(below)) => format!("{kinds}不满 {below} 年"),
                (None, None) => kinds,
            }
        }
    }
}

/// The certificate a condition asks for, when it is one word naming one.
fn certificate_asked(condition: &Condition, words: &Vocabulary) -> Option<Certificate> {
    match condition {
        Condition::Word(word) => match asks(word, words) {
            Asks::Certificate(certificate) => Some(certificate),
            _ => None,
        },
        _ => None,
    }
}

/// One of `accepted` as messages list them, a certificate's grade left out
/// where a lower grade of it is listed too (中级 covers 高级).
pub fn describe_any(accepted: &[Condition], words: &Vocabulary) -> Vec<String> {
    let asked: Vec<Option<Certificate>> = accepted.iter().map(|c| certificate_asked(c, words)).collect();
    let covered = |i: usize| {
        let Some(mine) = asked[i] else { return false };
        asked
            .iter()
            .enumerate()
            .any(|(j, other)| other.is_some_and(|other| j != i && mine.meets(other) && (!other.meets(mine) || j < i)))
    };
    let kept = accepted.iter().enumerate().filter(|(i, _)| !covered(*i));
    let mut said: Vec<String> = kept.map(|(_, c)| describe(c, words)).collect();
    said.dedup();
    said
}

/// A condition as the rule writes it (`社会工作师`, `社会工作专业或心理学`):
/// for the sentence a form prints, and the shares' messages.
pub fn written(condition: &Condition) -> String {
    let item = |c: &Condition| match c {
        Condition::AnyOf(list) | Condition::AllOf(list) if list.len() > 1 => format!("（{}）", written(c)),
        _ => written(c),
    };
    match condition {
        Condition::Word(word) => word.clone(),
        Condition::AnyOf(items) => items.iter().map(item).collect::<Vec<_>>().join("或"),
        Condition::AllOf(items) => items.iter().map(item).collect::<Vec<_>>().join("且"),
        Condition::Years { .. } => describe(condition, &Vocabulary::default()),
    }
}

/// Items joined by `or` or `and`, a composite item in brackets.
fn joined(items: &[Condition], by: &str, words: &Vocabulary) -> String {
    let item = |c: &Condition| match c {
        Condition::AnyOf(list) | Condition::AllOf(list) if list.len() > 1 => format!("（{}）", describe(c, words)),
        _ => describe(c, words),
    };
    items.iter().map(item).collect::<Vec<_>>().join(by)
}

/// A condition made only of words looked for as written (not a
/// certificate, level, major or years): its first word, for the hint
/// where such words go.
pub fn plain_word(condition: &Condition, words: &Vocabulary) -> Option<String> {
    let plain = |c: &Condition| matches!(c, Condition::Word(w) if matches!(asks(w, words), Asks::Word));
    match condition {
        Condition::Word(word) if plain(condition) => Some(word.clone()),
        Condition::AnyOf(items) if items.iter().all(plain) => items.first().and_then(|c| plain_word(c, words)),
        _ => None,
    }
}

/// The kinds of experience a condition counts, for messages.
pub fn years_asked(condition: &Condition) -> Vec<String> {
    match condition {
        Condition::Word(_) => Vec::new(),
        Condition::AnyOf(items) | Condition::AllOf(items) => {
            let mut all: Vec<String> = items.iter().flat_map(years_asked).collect();
            all.dedup();
            all
        }
        Condition::Years { from, .. } => kinds(from),
    }
}

/// `张三 持有 心理咨询师三级（读作 心理咨询师三级），学历为 心理学本科`:
/// what a member's conditions were compared with, and the years of the
/// kinds `years` names.
pub fn holdings(member: &Member, years: &[String], words: &Vocabulary) -> String {
    let name = member.member.value.as_str();
    let certificate = |text: &str| {
        let read: Vec<String> = words.grades.certificates(text).into_iter().map(Certificate::name).collect();
        match read.as_slice() {
            [] => text.to_owned(),
            [only] if only == text.trim() => text.to_owned(),
            _ => format!("{text}（读作 {}）", read.join("、")),
        }
    };
    // `无` written for no certificate is none, said as such.
    let none = |q: &&Spanned<Text>| ["无", "暂无", "没有", "—", "-", "/"].contains(&q.value.as_str().trim());
    let certificates: Vec<String> =
        member.qualifications.iter().filter(|q| !none(q)).map(|q| certificate(q.value.as_str())).collect();
    let missing = if member.qualifications.iter().any(|q| none(&q)) { "无资格证书" } else { "未写资格证书" };
    let education = member.education.as_ref().map(|e| e.value.as_str().trim()).filter(|e| !e.is_empty());
    let mut said = match (certificates.is_empty(), education) {
        (true, None) => format!("{name} {missing}，未写学历"),
        (true, Some(education)) => format!("{name} {missing}，学历为 {}", education_said(education)),
        (false, None) => format!("{name} 持有 {}", certificates.join("、")),
        (false, Some(education)) => {
            format!("{name} 持有 {}，学历为 {}", certificates.join("、"), education_said(education))
        }
    };
    let notes: Vec<&str> = member.notes.iter().map(|n| n.value.as_str()).collect();
    if !notes.is_empty() {
        said.push_str(&format!("，其他情况：{}", notes.join("、")));
    }
    if !years.is_empty() {
        said.push_str(&format!("，经验：{}", stated(member, years).join("、")));
    }
    said
}

/// An education as messages say it: `本科肄业（未取得本科学历）` when a
/// level was not completed.
pub fn education_said(text: &str) -> String {
    match education::read(text).unfinished {
        Some((level, _)) if education::read(text).level.is_none_or(|held| held < level) => {
            format!("{text}（未取得{}学历）", level.name())
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::number::Number;
    use crate::yaml::tree::Place;

    fn member(qualifications: &[&str], education: &str, years: i64) -> Member {
        let text = |t: &str| Spanned::new(Text(t.to_owned()), Place::NONE);
        Member {
            member: text("张三"),
            role: text("社工"),
            qualifications: qualifications.iter().map(|q| text(q)).collect(),
            education: Some(text(education)),
            years: Spanned::new(Number::from_int(years), Place::NONE),
            management_years: None,
            experience: None,
            full_time: None,
            age: None,
            born: None,
            notes: Vec::new(),
        }
    }

    fn word(w: &str) -> Condition {
        Condition::Word(w.to_owned())
    }

    #[test]
    fn words_are_read_as_what_they_ask_for() {
        let words = Vocabulary::default();
        let held = |q: &[&str], e: &str, c: &str| meets(&word(c), &member(q, e, 3), &words);
        assert!(held(&["中级社工证"], "大专", "中级社会工作师"));
        assert!(!held(&["助理社工师"], "大专", "社会工作师"));
        assert!(held(&["助理社工师"], "大专", "社会工作者职业水平证书"));
        assert!(!held(&[], "本科肄业", "大专"));
        assert!(held(&[], "本科（专升本）", "本科"));
        assert!(!held(&[], "本科（非全日制）", "全日制本科"));
        assert!(held(&[], "全日制本科", "全日制本科"));
        assert!(held(&[], "本科（社会工作，应届）", "社会工作专业"));
        assert!(held(&["无（社会工作专业毕业）"], "本科", "社会工作专业"));
        assert!(!held(&["高级社会工作师"], "心理学本科", "社会工作专业"), "a certificate is not a major");
        assert!(held(&[], "心理学硕士", "心理学专业"));
        assert!(!held(&["无社工证"], "大专", "社工证"));
    }

    #[test]
    fn lists_are_one_of_and_all_is_every_one() {
        let words = Vocabulary::default();
        let route = Condition::AllOf(vec![word("社会工作专业"), word("本科"), word("应届")]);
        let either = Condition::AnyOf(vec![word("助理社会工作师"), route]);
        assert!(meets(&either, &member(&[], "社会工作本科（2025届应届）", 0), &words));
        assert!(!meets(&either, &member(&[], "社会工作专业大专应届", 0), &words));
        assert!(!meets(&either, &member(&[], "在读本科（社会工作，应届）", 0), &words));
        assert_eq!(
            describe(&either, &words),
            "社会工作者职业水平证书初级及以上（助理社会工作师、社会工作师、高级社会工作师）或（社会工作专业且本科及以上学历且应届）"
        );
        let years = Condition::Years { at_least: None, below: Some(Number::from_int(2)), from: Vec::new() };
        assert!(meets(&years, &member(&[], "大专", 1), &words) && !meets(&years, &member(&[], "大专", 2), &words));
        assert_eq!(describe(&years, &words), "社会工作不满 2 年");
    }

    #[test]
    fn holdings_say_how_certificates_and_education_were_read() {
        let words = Vocabulary::default();
        assert_eq!(
            holdings(&member(&["社会工作师（初级）"], "本科肄业", 4), &["社会工作".to_owned()], &words),
            "张三 持有 社会工作师（初级）（读作 社会工作者职业水平证书初级），学历为 本科肄业（未取得本科学历），经验：社会工作 4 年"
        );
    }
}
