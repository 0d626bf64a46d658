//! Placeholder: the 评分细则 reader arrives in the next commit.
use crate::number::Number;

#[derive(Debug, Clone, PartialEq)]
pub struct Rule;
pub struct Subject {
    pub actual: Option<Number>,
    pub unit: String,
    pub target: Option<Number>,
    pub text: String,
}
pub struct Scoring {
    pub score: Number,
    pub steps: Vec<String>,
}
impl Rule {
    pub fn parse(text: &str) -> Result<Rule, String> {
        Err(format!("评分细则“{text}”读不懂"))
    }
    pub fn full_marks(&self) -> Option<Number> {
        None
    }
    pub fn describe(&self) -> String {
        String::new()
    }
    pub fn score(&self, _subject: &Subject, _points: Number) -> Result<Scoring, String> {
        Err(String::new())
    }
}
