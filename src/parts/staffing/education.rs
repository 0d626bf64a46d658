//! The education a member's text states: the highest level completed, a
//! level started and not completed (本科肄业, 在读本科, 结业: not that
//! level, nor any below it unless the text states one), and whether it was
//! 全日制. 专升本 is a full 本科.

use super::text::{fold, occurs, pieces};
use crate::project::model::Education;

/// The words that state each level of education, highest level first.
const LEVELS: &[(Education, &[&str])] = &[
    (Education::Doctor, &["博士"]),
    (Education::Master, &["硕士", "研究生", "msw"]),
    (Education::Bachelor, &["本科", "学士", "专升本"]),
    (Education::Associate, &["大专", "专科", "高职", "高等职业"]),
    (Education::Secondary, &["中专", "中职", "职高", "技校", "高中", "中等专业"]),
];

/// Words that say a level was started and not completed.
const UNFINISHED: &[&str] = &["肄业", "在读", "结业", "就读", "在校", "未毕业", "辍学", "退学"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The highest level completed.
    pub level: Option<Education>,
    /// The highest level started and not completed, and the word saying so.
    pub unfinished: Option<(Education, &'static str)>,
    /// 全日制 (true), 非全日制 (false), or not said.
    pub full_time: Option<bool>,
}

/// The levels a piece of text names, highest first, denied ones left out
/// (`无大专学历`).
fn levels_in(piece: &str) -> Vec<Education> {
    LEVELS.iter().filter(|(_, words)| words.iter().any(|w| occurs(piece, w))).map(|(level, _)| *level).collect()
}

/// How `text` reads as education, piece by piece: `大专，本科在读` is a
/// completed 大专 and an unfinished 本科.
pub fn read(text: &str) -> Reading {
    let mut reading = Reading { level: None, unfinished: None, full_time: None };
    for piece in pieces(text) {
        let Some(highest) = levels_in(piece).first().copied() else { continue };
        match UNFINISHED.iter().find(|w| fold(piece).contains(*w)) {
            Some(word) => {
                if reading.unfinished.is_none_or(|(level, _)| highest > level) {
                    reading.unfinished = Some((highest, word));
                }
            }
            None => reading.level = reading.level.max(Some(highest)),
        }
    }
    if fold(text).contains("非全日制") {
        reading.full_time = Some(false);
    } else if occurs(text, "全日制") {
        reading.full_time = Some(true);
    }
    reading
}

/// The level a requirement word names: `本科`, `大专及以上`, `专科以上`.
pub fn required_level(word: &str) -> Option<Education> {
    let word = word.trim();
    let word = word.strip_suffix("学历").unwrap_or(word);
    let word = word.strip_prefix("大学").unwrap_or(word);
    let bare = word.strip_suffix("及以上").or_else(|| word.strip_suffix("以上")).unwrap_or(word);
    LEVELS.iter().find(|(_, words)| words.contains(&bare)).map(|(level, _)| *level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn education_level(text: &str) -> Option<Education> {
        read(text).level
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
            ("专升本", Some(Education::Bachelor)),
            ("本科（专升本，社会学）", Some(Education::Bachelor)),
            ("心理学", None),
        ];
        for (text, level) in cases {
            assert_eq!(education_level(text), level, "{text}");
        }
        assert!(Education::Associate < Education::Bachelor && Education::Secondary < Education::Associate);
    }

    #[test]
    fn a_level_not_completed_is_not_held() {
        for text in ["本科肄业", "在读本科", "本科在读", "本科（在读）", "本科结业", "在读本科（社会工作，大四）"]
        {
            let reading = read(text);
            assert_eq!(reading.level, None, "{text}");
            assert_eq!(reading.unfinished.map(|(l, _)| l), Some(Education::Bachelor), "{text}");
        }
        assert_eq!(read("本科肄业").unfinished, Some((Education::Bachelor, "肄业")));
        // A denied level is not read either.
        assert_eq!(read("在读本科（函授，无大专学历）").level, None);
        let both = read("大专，本科在读");
        assert_eq!(
            (both.level, both.unfinished.map(|(l, _)| l)),
            (Some(Education::Associate), Some(Education::Bachelor))
        );
    }

    #[test]
    fn full_time_study_is_read_when_written() {
        assert_eq!(read("全日制本科（社会工作，2018届）").full_time, Some(true));
        assert_eq!(read("本科（非全日制，2018届）").full_time, Some(false));
        assert_eq!(read("本科").full_time, None);
    }

    #[test]
    fn requirement_words_name_a_level() {
        assert_eq!(required_level("本科"), Some(Education::Bachelor));
        assert_eq!(required_level("大专及以上"), Some(Education::Associate));
        assert_eq!(required_level("专科以上学历"), Some(Education::Associate));
        assert_eq!(required_level("专科以上"), Some(Education::Associate));
        assert_eq!(required_level("社会工作本科"), None);
        assert_eq!(required_level("大学本科以上学历"), Some(Education::Bachelor));
    }
}
