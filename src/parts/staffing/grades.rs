//! Certificates read as grades on an ordered scale, not as strings: the
//! 社会工作者职业水平证书 (初级/助理 < 中级 < 高级), the 心理咨询师 and the
//! 婚姻家庭咨询师 (三级 < 二级 < 一级). A text names a certificate by one
//! of its scale's words (社工师, 社工证, 职业资格证书 …) and its grade by a
//! marker anywhere in it (`社会工作师（初级）` is 初级, whatever 社会工作师
//! alone would mean); without a marker, a title that implies a grade
//! (社会工作师 is 中级) gives it, and otherwise the grade is unknown (a bare
//! 社工证 proves the certificate, not which grade).
//!
//! A requirement is read the same way: `中级社会工作师` asks for 中级 or
//! higher, `社会工作者职业水平证书` for any grade.

use super::text::{occurs, pieces};

/// One grade: its name, the title it is known by, and the markers that
/// name it in a text.
pub struct Grade {
    pub name: &'static str,
    pub title: Option<&'static str>,
    markers: &'static [&'static str],
}

/// A certificate with ordered grades, lowest first.
pub struct Scale {
    pub name: &'static str,
    /// Words any of which make a text name this certificate.
    family: &'static [&'static str],
    pub grades: &'static [Grade],
    /// Words naming the certificate at a grade when no marker says
    /// otherwise: 社会工作师 alone is the 中级 title.
    titles: &'static [(&'static str, usize)],
}

const NUMBERED: &[Grade] = &[
    Grade { name: "三级", title: None, markers: &["三级", "3级"] },
    Grade { name: "二级", title: None, markers: &["二级", "2级"] },
    Grade { name: "一级", title: None, markers: &["一级", "1级"] },
];

pub const SCALES: &[Scale] = &[
    Scale {
        name: "社会工作者职业水平证书",
        family: &[
            "社会工作师",
            "社工师",
            "社工证",
            "社会工作者职业水平",
            "社会工作者职业资格",
            "社会工作职业水平",
            "社会工作职业资格",
            "社会工作者资格",
            "社会工作者证",
            "社工资格",
            "社工职业资格",
            "社工职业水平",
            "助理社工",
            "初级社工",
            "中级社工",
            "高级社工",
            "社工初级",
            "社工中级",
            "社工高级",
            "助理社会工作者",
            "初级社会工作者",
            "中级社会工作者",
            "高级社会工作者",
            "社会工作者（初级）",
            "社会工作者（助理",
            "社会工作者（中级）",
            "社会工作者（高级）",
            "社会工作者(初级)",
            "社会工作者(助理",
            "社会工作者(中级)",
            "社会工作者(高级)",
        ],
        grades: &[
            Grade { name: "初级", title: Some("助理社会工作师"), markers: &["初级", "助理"] },
            // 中、高级 asks for 中级 or higher: 中级 is the least it names.
            Grade {
                name: "中级", title: Some("社会工作师"), markers: &["中级", "中、高级", "中高级", "中/高级"]
            },
            Grade { name: "高级", title: Some("高级社会工作师"), markers: &["高级"] },
        ],
        titles: &[("社会工作师", 1), ("社工师", 1)],
    },
    Scale { name: "心理咨询师", family: &["心理咨询师"], grades: NUMBERED, titles: &[] },
    Scale { name: "婚姻家庭咨询师", family: &["婚姻家庭咨询师"], grades: NUMBERED, titles: &[] },
];

/// A certificate as a text names it: which scale, and which grade if the
/// text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certificate {
    pub scale: usize,
    pub grade: Option<usize>,
}

impl Certificate {
    pub fn scale(self) -> &'static Scale {
        &SCALES[self.scale]
    }

    /// `社会工作者职业水平证书初级`, `心理咨询师（看不出等级）`.
    pub fn name(self) -> String {
        let scale = self.scale();
        match self.grade {
            Some(grade) => format!("{}{}", scale.name, scale.grades[grade].name),
            None => format!("{}（看不出等级）", scale.name),
        }
    }

    /// Whether holding `self` meets a requirement for `required`: the same
    /// certificate, at the grade asked for or higher (any grade when the
    /// requirement names none).
    pub fn meets(self, required: Certificate) -> bool {
        self.scale == required.scale
            && match required.grade {
                None => true,
                Some(wanted) => self.grade.is_some_and(|held| held >= wanted),
            }
    }

    /// A requirement as messages say it: `社会工作者职业水平证书中级及以上
    /// （社会工作师、高级社会工作师）`, `心理咨询师（任一等级）`.
    pub fn requirement(self) -> String {
        let scale = self.scale();
        let Some(grade) = self.grade else { return format!("{}（任一等级）", scale.name) };
        let above = if grade + 1 < scale.grades.len() { "及以上" } else { "" };
        let titles: Vec<&str> = scale.grades[grade..].iter().filter_map(|g| g.title).collect();
        let titles = if titles.is_empty() { String::new() } else { format!("（{}）", titles.join("、")) };
        format!("{}{}{above}{titles}", scale.name, scale.grades[grade].name)
    }
}

/// The scale a piece of text names by its built-in words.
fn scale_of(piece: &str) -> Option<usize> {
    SCALES.iter().position(|s| s.family.iter().any(|w| occurs(piece, w)))
}

/// The grade a piece of text states for `scale`: a marker, or a title
/// that implies one. Where markers disagree (rare, and a mistake) the
/// lowest is read: a failing member is never passed on a guess.
fn stated_grade(piece: &str, scale: usize) -> Option<usize> {
    let marked = SCALES[scale].grades.iter().position(|g| g.markers.iter().any(|m| occurs(piece, m)));
    marked.or_else(|| SCALES[scale].titles.iter().find(|(w, _)| occurs(piece, w)).map(|(_, g)| *g))
}

/// Grade words a project adds (a synonym of a certificate's word): each
/// is the certificate its key reads as.
#[derive(Debug, Clone, Default)]
pub struct GradeWords(pub Vec<(String, Certificate)>);

impl GradeWords {
    /// The certificates a held text names, piece by piece (`助理社会工作师、
    /// 心理咨询师二级` names two).
    pub fn certificates(&self, text: &str) -> Vec<Certificate> {
        pieces(text).into_iter().filter_map(|piece| self.read(piece)).collect()
    }

    /// The certificate a requirement or a held piece names. What the text
    /// itself states comes first: a project's word gives a grade only to a
    /// text that states none, so it never changes one (`社会工作资质（初级）`
    /// stays 初级 however 社会工作资质 is defined).
    pub fn read(&self, piece: &str) -> Option<Certificate> {
        let own: Vec<Certificate> = self.0.iter().filter(|(w, _)| occurs(piece, w)).map(|(_, c)| *c).collect();
        let scale = scale_of(piece).or_else(|| own.first().map(|c| c.scale))?;
        let own_grade = own.iter().filter(|c| c.scale == scale).filter_map(|c| c.grade).min();
        Some(Certificate { scale, grade: stated_grade(piece, scale).or(own_grade) })
    }
}

/// The certificate a text names, by the built-in words alone.
pub fn built_in(text: &str) -> Option<Certificate> {
    let scale = scale_of(text)?;
    Some(Certificate { scale, grade: stated_grade(text, scale) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(text: &str) -> Option<String> {
        GradeWords::default().read(text).map(Certificate::name)
    }

    #[test]
    fn every_colloquial_wording_reads_as_its_grade() {
        let cases = [
            ("助理社会工作师", "社会工作者职业水平证书初级"),
            ("助理社工师", "社会工作者职业水平证书初级"),
            ("助理级社工师", "社会工作者职业水平证书初级"),
            ("社会工作师（初级）", "社会工作者职业水平证书初级"),
            ("初级社工", "社会工作者职业水平证书初级"),
            ("社工证（助理社会工作师）", "社会工作者职业水平证书初级"),
            ("社会工作师", "社会工作者职业水平证书中级"),
            ("社工师", "社会工作者职业水平证书中级"),
            ("中级社工师", "社会工作者职业水平证书中级"),
            ("中级社工证", "社会工作者职业水平证书中级"),
            ("中级社工", "社会工作者职业水平证书中级"),
            ("社会工作者职业资格证书（中级）", "社会工作者职业水平证书中级"),
            ("社会工作师（2020年取得）", "社会工作者职业水平证书中级"),
            ("社会工作者（中级）", "社会工作者职业水平证书中级"),
            ("社会工作者(助理级)", "社会工作者职业水平证书初级"),
            ("社工中级证", "社会工作者职业水平证书中级"),
            ("社会工作者职业水平证书（助理级）", "社会工作者职业水平证书初级"),
            ("高级社会工作师", "社会工作者职业水平证书高级"),
            ("高级社工师", "社会工作者职业水平证书高级"),
            ("社工证", "社会工作者职业水平证书（看不出等级）"),
            ("社会工作者职业水平证书", "社会工作者职业水平证书（看不出等级）"),
            ("心理咨询师三级", "心理咨询师三级"),
            ("国家二级心理咨询师", "心理咨询师二级"),
            ("心理咨询师（一级）", "心理咨询师一级"),
            ("婚姻家庭咨询师", "婚姻家庭咨询师（看不出等级）"),
        ];
        for (text, expected) in cases {
            assert_eq!(grade(text).as_deref(), Some(expected), "{text}");
        }
        for text in ["法律职业资格", "社会工作专业本科", "无", "无社工证", "未取得社工证", "3级社工", "心理学硕士"]
        {
            assert_eq!(grade(text), None, "{text}");
        }
    }

    #[test]
    fn a_grade_is_met_by_itself_and_the_grades_above() {
        let read = |t: &str| GradeWords::default().read(t).unwrap();
        let middle = read("中级社会工作师");
        assert!(read("社会工作师").meets(middle) && read("高级社工师").meets(middle));
        assert!(!read("助理社会工作师").meets(middle) && !read("社会工作师（初级）").meets(middle));
        assert!(!read("社工证").meets(middle), "a grade not stated is not 中级");
        assert!(read("社工证").meets(read("社会工作者职业水平证书")));
        assert!(read("助理社工师").meets(read("社会工作者职业水平证书")));
        assert!(read("心理咨询师二级").meets(read("心理咨询师三级")));
        assert!(!read("心理咨询师三级").meets(read("心理咨询师二级")));
        assert!(!read("婚姻家庭咨询师二级").meets(read("心理咨询师三级")));
    }

    #[test]
    fn a_projects_word_names_a_grade_only_where_the_text_states_none() {
        let middle = built_in("社会工作师").unwrap();
        let words = GradeWords(vec![("社工师".into(), middle), ("社会工作资质".into(), middle)]);
        assert_eq!(words.read("助理社工师").map(Certificate::name).as_deref(), Some("社会工作者职业水平证书初级"));
        assert_eq!(words.read("社会工作资质").map(Certificate::name).as_deref(), Some("社会工作者职业水平证书中级"));
        assert_eq!(
            words.read("社会工作资质（初级）").map(Certificate::name).as_deref(),
            Some("社会工作者职业水平证书初级")
        );
    }

    #[test]
    fn requirements_name_the_grades_that_meet_them() {
        assert_eq!(
            built_in("中级社会工作师").unwrap().requirement(),
            "社会工作者职业水平证书中级及以上（社会工作师、高级社会工作师）"
        );
        assert_eq!(built_in("高级社工师").unwrap().requirement(), "社会工作者职业水平证书高级（高级社会工作师）");
        assert_eq!(built_in("心理咨询师二级").unwrap().requirement(), "心理咨询师二级及以上");
        assert_eq!(
            built_in("社会工作师中、高级资格证书").unwrap().requirement(),
            built_in("中级社工师").unwrap().requirement()
        );
        assert_eq!(built_in("社工证").unwrap().requirement(), "社会工作者职业水平证书（任一等级）");
    }
}
