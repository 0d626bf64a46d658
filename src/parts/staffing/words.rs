//! The words of staffing rules: which certificates and degrees count as a
//! required one, and the level of education a member's text states.
//!
//! A required word is met by a held text that contains it or one of its
//! synonyms (followed through: 社工证 → 社会工作者职业水平证书 → 社会工作师 …).
//! A word the vocabulary knows does not count inside a longer known word
//! that is not accepted: a rule naming 社会工作师 is not met by
//! 助理社会工作师, though the one contains the other.

use std::collections::BTreeMap;

use crate::project::model::Education;

/// Built in: a required word → the words that count as it too. The
/// 社会工作者职业水平证书 has three grades (初级 助理社会工作师, 中级
/// 社会工作师, 高级社会工作师); a grade is met by itself and the grades
/// above it.
const BUILT_IN: &[(&str, &[&str])] = &[
    (
        "社会工作者职业水平证书",
        &["助理社会工作师", "社会工作师", "中级社会工作师", "高级社会工作师", "初级社会工作师", "社工证"],
    ),
    ("社工证", &["社会工作者职业水平证书"]),
    ("社工", &["社会工作者职业水平证书"]),
    ("助理社会工作师", &["初级社会工作师", "社会工作师", "中级社会工作师", "高级社会工作师"]),
    ("初级社会工作师", &["助理社会工作师"]),
    ("社会工作师", &["中级社会工作师", "高级社会工作师"]),
    ("中级社会工作师", &["社会工作师", "高级社会工作师"]),
    (
        "社会工作专业",
        &[
            "社工专业",
            "社会工作本科",
            "社会工作大专",
            "社会工作专科",
            "社会工作学士",
            "社会工作硕士",
            "社会工作博士",
            "MSW",
            "（社会工作）",
            "(社会工作)",
        ],
    ),
    ("心理咨询师三级", &["三级心理咨询师", "心理咨询师二级"]),
    ("心理咨询师二级", &["二级心理咨询师", "心理咨询师一级"]),
    ("心理咨询师一级", &["一级心理咨询师"]),
];

/// Words followed through at most this many synonyms, so a project's own
/// synonyms cannot make a requirement expand without end.
const MOST_WORDS: usize = 200;

/// The synonyms a team is checked with: the built-in ones and a form's or
/// project's own, merged.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    synonyms: BTreeMap<String, Vec<String>>,
    /// Every word of the vocabulary, lower case: the known words.
    known: Vec<String>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new(std::iter::empty())
    }
}

impl Vocabulary {
    /// The built-in synonyms with `extra` added: a word's own list grows,
    /// nothing built in is taken away.
    pub fn new(extra: impl IntoIterator<Item = (String, Vec<String>)>) -> Vocabulary {
        let mut synonyms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let built_in = BUILT_IN.iter().map(|(k, v)| ((*k).to_owned(), v.iter().map(|w| (*w).to_owned()).collect()));
        for (word, list) in built_in.chain(extra) {
            let word = word.trim().to_owned();
            if word.is_empty() {
                continue;
            }
            let entry = synonyms.entry(word).or_default();
            for other in list.into_iter().map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()) {
                if !entry.contains(&other) {
                    entry.push(other);
                }
            }
        }
        let mut known: Vec<String> =
            synonyms.iter().flat_map(|(k, v)| std::iter::once(k).chain(v)).map(|w| fold(w)).collect();
        known.sort();
        known.dedup();
        Vocabulary { synonyms, known }
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

    /// Whether the held certificate or education `held` meets `required`.
    pub fn meets(&self, held: &str, required: &str) -> bool {
        let held = fold(held);
        let accepted: Vec<String> = self.accepted(required).iter().map(|w| fold(w)).collect();
        accepted.iter().filter(|w| !w.is_empty()).any(|word| self.stands_in(&held, word, &accepted))
    }

    /// Whether `word` occurs in `held` other than inside a longer known
    /// word that is not accepted (社会工作师 inside 助理社会工作师).
    fn stands_in(&self, held: &str, word: &str, accepted: &[String]) -> bool {
        if !self.known.iter().any(|k| k == word) {
            return held.contains(word);
        }
        let longer: Vec<&String> =
            self.known.iter().filter(|k| k.len() > word.len() && k.contains(word) && !accepted.contains(k)).collect();
        held.match_indices(word).any(|(at, _)| {
            !longer.iter().any(|k| {
                held.match_indices(k.as_str()).any(|(from, _)| from <= at && at + word.len() <= from + k.len())
            })
        })
    }

    /// `社会工作者职业水平证书（含 助理社会工作师、社会工作师…）`, or the
    /// word alone when nothing else counts as it.
    pub fn describe(&self, required: &str) -> String {
        let words = self.accepted(required);
        match words.split_first() {
            Some((word, rest)) if !rest.is_empty() => format!("{word}（含 {}）", rest.join("、")),
            _ => required.trim().to_owned(),
        }
    }
}

/// Lower case for Latin letters (MSW, msw), trimmed.
fn fold(word: &str) -> String {
    word.trim().to_lowercase()
}

/// The words that state each level of education, highest level first.
const LEVELS: &[(Education, &[&str])] = &[
    (Education::Doctor, &["博士"]),
    (Education::Master, &["硕士", "研究生", "msw"]),
    (Education::Bachelor, &["本科", "学士"]),
    (Education::Associate, &["大专", "专科", "高职"]),
    (Education::Secondary, &["中专", "中职", "职高", "技校", "高中"]),
];

/// The highest level of education `text` states (`社会工作专业本科` →
/// 本科, `研究生/硕士` → 硕士); `None` when it names none.
pub fn education_level(text: &str) -> Option<Education> {
    let text = fold(text);
    LEVELS.iter().find(|(_, words)| words.iter().any(|w| text.contains(w))).map(|(level, _)| *level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meets(held: &str, required: &str) -> bool {
        Vocabulary::default().meets(held, required)
    }

    #[test]
    fn every_grade_is_the_certificate() {
        for grade in ["助理社会工作师", "社会工作师", "中级社会工作师", "高级社会工作师", "社工证"]
        {
            assert!(meets(grade, "社会工作者职业水平证书"), "{grade}");
            assert!(meets(grade, "社工证"), "{grade}");
        }
        assert!(meets("社会工作者职业水平证书（中级）", "社会工作者职业水平证书"));
        assert!(!meets("心理咨询师三级", "社会工作者职业水平证书"));
    }

    #[test]
    fn an_assistant_is_not_a_social_work_master() {
        // 助理社会工作师 contains 社会工作师: the trap of literal matching.
        assert!(!meets("助理社会工作师", "社会工作师"));
        assert!(!meets("助理社会工作师", "中级社会工作师"));
        assert!(!meets("助理社会工作师证书", "社会工作师"));
        for held in ["社会工作师", "中级社会工作师", "高级社会工作师", "社会工作师（中级）"]
        {
            assert!(meets(held, "社会工作师"), "{held}");
            assert!(meets(held, "中级社会工作师"), "{held}");
            assert!(meets(held, "助理社会工作师"), "a higher grade meets a lower: {held}");
        }
        assert!(!meets("社会工作师", "高级社会工作师"));
        // Both held in one text: the 社会工作师 standing alone counts.
        assert!(meets("助理社会工作师、社会工作师", "社会工作师"));
    }

    #[test]
    fn degrees_in_their_common_spellings() {
        for held in [
            "社会工作专业本科",
            "社工专业大专",
            "社会工作本科",
            "社会工作硕士",
            "MSW",
            "msw（香港大学）",
            "大专（社会工作）",
        ] {
            assert!(meets(held, "社会工作专业"), "{held}");
        }
        assert!(!meets("心理学本科", "社会工作专业"));
        assert!(!meets("社会工作师", "社会工作专业"));
    }

    #[test]
    fn words_the_vocabulary_does_not_know_match_as_written() {
        assert!(meets("心理咨询师三级", "心理咨询师"));
        assert!(meets("助理社会工作师", "社会工作"));
        assert!(meets("心理学硕士", "心理学"));
        assert!(!meets("法律职业资格", "心理学"));
        assert!(meets("二级心理咨询师", "心理咨询师二级"));
        assert!(!meets("心理咨询师三级", "心理咨询师二级"));
    }

    #[test]
    fn a_projects_synonyms_add_to_the_built_in_ones() {
        let words = Vocabulary::new([("社会工作者职业水平证书".to_owned(), vec!["社工资格证".to_owned()])]);
        assert!(words.meets("社工资格证", "社会工作者职业水平证书"));
        assert!(words.meets("社工资格证", "社工证"), "followed through");
        assert!(words.meets("助理社会工作师", "社会工作者职业水平证书"), "the built-in ones stay");
        assert!(!Vocabulary::default().meets("社工资格证", "社会工作者职业水平证书"));
        // A cycle ends.
        let cycle =
            Vocabulary::new([("甲".to_owned(), vec!["乙".to_owned()]), ("乙".to_owned(), vec!["甲".to_owned()])]);
        assert_eq!(cycle.accepted("甲"), ["甲", "乙"]);
    }

    #[test]
    fn a_failure_names_the_words_compared() {
        assert_eq!(
            Vocabulary::default().describe("社会工作者职业水平证书"),
            "社会工作者职业水平证书（含 助理社会工作师、社会工作师、中级社会工作师、高级社会工作师、初级社会工作师、社工证）"
        );
        assert_eq!(Vocabulary::default().describe("心理学"), "心理学");
    }

    #[test]
    fn levels_of_education_read_from_the_text() {
        let cases = [
            ("社会工作专业本科", Some(Education::Bachelor)),
            ("大专（社会工作）", Some(Education::Associate)),
            ("研究生/硕士", Some(Education::Master)),
            ("社会工作硕士（MSW）", Some(Education::Master)),
            ("博士研究生", Some(Education::Doctor)),
            ("中专", Some(Education::Secondary)),
            ("大学专科", Some(Education::Associate)),
            ("心理学", None),
        ];
        for (text, level) in cases {
            assert_eq!(education_level(text), level, "{text}");
        }
        assert!(Education::Associate < Education::Bachelor && Education::Secondary < Education::Associate);
    }
}
