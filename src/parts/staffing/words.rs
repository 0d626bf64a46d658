//! The words of staffing rules a form or project adds (`synonyms`), and
//! what a requirement word asks for.
//!
//! A synonym of a certificate's word (`社会工作师: [社工师]`) adds a word
//! for that grade: a text naming it, and stating no grade of its own, reads
//! as that grade. It can never change a grade: a synonym that itself reads
//! as another grade (`社会工作师: [助理社工师]`) or as a certificate whose
//! grade is not stated (`社会工作师: [社工证]`) is an error, not a rule.
//! A synonym of any other word (`社会工作专业: [社工系]`) is one more
//! word that counts as it.

use std::collections::BTreeMap;

use super::grades::{self, Certificate, GradeWords};
use super::text::fold;
use crate::project::model::{Spanned, Text};
use crate::yaml::tree::Place;

/// Words followed through at most this many synonyms, so a project's own
/// synonyms cannot make a requirement expand without end.
const MOST_WORDS: usize = 200;

/// Requirement words that stand for a certificate without naming it as
/// the certificate's own words do: 社工 in `qualifications: [社工]` is the
/// social workers' certificate (a 社工专业 degree is not).
const ALIASES: &[(&str, &str)] = &[("社工", "社会工作者职业水平证书"), ("持证社工", "社会工作者职业水平证书")];

/// The synonyms a team is checked with: the form's and the project's.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    synonyms: BTreeMap<String, Vec<String>>,
    pub grades: GradeWords,
}

impl Vocabulary {
    /// The synonyms of `extra`, and the problems of those that would change
    /// a grade (at the synonym, or at `fallback` for a form's).
    pub fn new(extra: impl IntoIterator<Item = (String, Vec<Spanned<Text>>)>) -> (Vocabulary, Vec<(Place, String)>) {
        let mut words = Vocabulary::default();
        let mut problems = Vec::new();
        for (key, list) in extra {
            let key = key.trim().to_owned();
            if key.is_empty() {
                continue;
            }
            let certificate = certificate_word(&key).and_then(grades::built_in);
            for synonym in list.iter().filter(|s| !s.value.is_blank()) {
                let word = synonym.value.as_str().trim().to_owned();
                match certificate {
                    Some(certificate) => match grade_synonym(&key, certificate, &word) {
                        Ok(true) => words.grades.0.push((word, certificate)),
                        Ok(false) => {}
                        Err(message) => problems.push((synonym.at, message)),
                    },
                    None => {
                        let entry = words.synonyms.entry(key.clone()).or_default();
                        if !entry.contains(&word) {
                            entry.push(word);
                        }
                    }
                }
            }
        }
        (words, problems)
    }

    /// `required` and every word that counts as it, `required` first.
    pub fn accepted(&self, required: &str) -> Vec<String> {
        let mut words = vec![required.trim().to_owned()];
        let mut next = 0;
        while next < words.len() && words.len() < MOST_WORDS {
            let word = fold(&words[next]);
            next += 1;
            let Some((_, list)) = self.synonyms.iter().find(|(k, _)| fold(k) == word) else { continue };
            for other in list {
                if !words.iter().any(|w| fold(w) == fold(other)) {
                    words.push(other.clone());
                }
            }
        }
        words
    }

    /// The certificate a requirement word asks for, if it names one.
    pub fn certificate(&self, word: &str) -> Option<Certificate> {
        self.grades.read(certificate_word(word).unwrap_or(word.trim()))
    }

    /// `心理学`, or `社会工作专业（含 社工系）` when synonyms count as it too.
    pub fn describe_plain(&self, word: &str) -> String {
        let words = self.accepted(word);
        match words.split_first() {
            Some((word, rest)) if !rest.is_empty() => format!("{word}（含 {}）", rest.join("、")),
            _ => word.trim().to_owned(),
        }
    }
}

/// The certificate's own words for a requirement word (an alias replaced).
fn certificate_word(word: &str) -> Option<&str> {
    let word = word.trim();
    let aliased = ALIASES.iter().find(|(alias, _)| *alias == word).map(|(_, meant)| *meant);
    Some(aliased.unwrap_or(word)).filter(|w| grades::built_in(w).is_some())
}

/// Whether `word` may be a synonym of the certificate `key` reads as:
/// `Ok(true)` to add it as a word for that grade, `Ok(false)` when the
/// built-in reading already gives the same, an error when it would change
/// a grade.
fn grade_synonym(key: &str, certificate: Certificate, word: &str) -> Result<bool, String> {
    let Some(read) = grades::built_in(word) else { return Ok(true) };
    let same_scale = read.scale == certificate.scale;
    match (read.grade, certificate.grade) {
        _ if !same_scale => Err(format!(
            "同义词“{word}”读作{}，不能算作“{key}”（{}）：同义词不能把一种证书算作另一种",
            read.name(),
            certificate.name()
        )),
        (Some(held), Some(meant)) if held != meant => Err(format!(
            "同义词“{word}”读作{}，不能算作“{key}”（{}）：同义词不能改变证书的等级",
            read.name(),
            certificate.name()
        )),
        (None, Some(_)) => Err(format!(
            "同义词“{word}”看不出等级，不能算作“{key}”（{}）：同义词不能给证书定等级，请在成员的资格证书中写明等级，如 中级{word}",
            certificate.name()
        )),
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synonyms(pairs: &[(&str, &[&str])]) -> (Vocabulary, Vec<String>) {
        let extra = pairs.iter().map(|(k, v)| {
            let list = v.iter().map(|w| Spanned::new(Text((*w).to_owned()), Place::NONE)).collect();
            ((*k).to_owned(), list)
        });
        let (words, problems) = Vocabulary::new(extra);
        (words, problems.into_iter().map(|(_, m)| m).collect())
    }

    #[test]
    fn a_synonym_never_changes_a_grade() {
        let (words, problems) = synonyms(&[("社会工作师", &["社工师", "社会工作资质"])]);
        assert!(problems.is_empty(), "{problems:?}");
        let middle = words.certificate("社会工作师").unwrap();
        let held = |t: &str| words.grades.certificates(t);
        assert!(!held("助理社工师").iter().any(|c| c.meets(middle)), "助理社工师 stays 初级");
        assert!(held("社会工作资质").iter().any(|c| c.meets(middle)));
        let (_, problems) = synonyms(&[
            ("社会工作师", &["助理社工师", "社工证", "心理咨询师二级"]),
            ("助理社会工作师", &["社会工作师"]),
        ]);
        assert_eq!(
            problems,
            [
                "同义词“助理社工师”读作社会工作者职业水平证书初级，不能算作“社会工作师”（社会工作者职业水平证书中级）：同义词不能改变证书的等级",
                "同义词“社工证”看不出等级，不能算作“社会工作师”（社会工作者职业水平证书中级）：同义词不能给证书定等级，请在成员的资格证书中写明等级，如 中级社工证",
                "同义词“心理咨询师二级”读作心理咨询师二级，不能算作“社会工作师”（社会工作者职业水平证书中级）：同义词不能把一种证书算作另一种",
                "同义词“社会工作师”读作社会工作者职业水平证书中级，不能算作“助理社会工作师”（社会工作者职业水平证书初级）：同义词不能改变证书的等级",
            ]
        );
    }

    #[test]
    fn other_synonyms_add_words_followed_through() {
        let (words, problems) = synonyms(&[("社会工作专业", &["社工系"]), ("社工系", &["社工学系"])]);
        assert!(problems.is_empty());
        assert_eq!(words.accepted("社会工作专业"), ["社会工作专业", "社工系", "社工学系"]);
        assert_eq!(words.describe_plain("社会工作专业"), "社会工作专业（含 社工系、社工学系）");
        let (cycle, _) = synonyms(&[("甲", &["乙"]), ("乙", &["甲"])]);
        assert_eq!(cycle.accepted("甲"), ["甲", "乙"]);
    }

    #[test]
    fn the_social_workers_word_asks_for_the_certificate() {
        let words = Vocabulary::default();
        assert_eq!(
            words.certificate("社工").map(|c| c.requirement()).as_deref(),
            Some("社会工作者职业水平证书（任一等级）")
        );
        assert_eq!(words.certificate("心理学"), None);
    }
}
