//! The `□` options of a cell, grouped by question: “是否新增 是□ 否□　是否延续
//! 是□ 否□” is two choices, each named by the words before it, not one
//! choice of 是, 否, 是, 否. Words between two options (other than spacing
//! and brackets) start a new question.

use super::text::{Token, is_space};

/// The questions of a cell's lines.
#[derive(Debug, Default)]
pub struct Groups {
    /// Each question's options, in order, each once.
    pub values: Vec<Vec<String>>,
    /// The words before each question's first option.
    pub heads: Vec<String>,
    /// (line, token) of each option → its question.
    at: Vec<((usize, usize), usize)>,
}

impl Groups {
    /// The question of the option at token `k` of line `line`.
    pub fn of(&self, line: usize, k: usize) -> usize {
        self.at.iter().find(|(place, _)| *place == (line, k)).map_or(0, |(_, g)| *g)
    }
}

pub fn groups(lines: &[Vec<Token>]) -> Groups {
    let mut groups = Groups::default();
    let mut words = String::new();
    for (line, tokens) in lines.iter().enumerate() {
        for (k, token) in tokens.iter().enumerate() {
            match token {
                Token::Text(text) => words.push_str(text),
                Token::Choice { value, .. } => {
                    let asks = words.chars().any(|c| !is_space(c) && !"（()）、，,;；:：/／".contains(c));
                    if groups.values.is_empty() || asks {
                        groups.heads.push(words.trim_matches(|c: char| is_space(c) || "（()）".contains(c)).to_owned());
                        groups.values.push(Vec::new());
                    }
                    words.clear();
                    let g = groups.values.len() - 1;
                    if !groups.values[g].contains(value) {
                        groups.values[g].push(value.clone());
                    }
                    groups.at.push(((line, k), g));
                }
                _ => {}
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn shape(line: &str) -> Vec<String> {
        let g = groups(&[tokens(line)]);
        g.heads.iter().zip(&g.values).map(|(h, v)| format!("{h}:{}", v.join("/"))).collect()
    }

    #[test]
    fn each_question_has_its_own_options() {
        assert_eq!(shape("是否新增　是□　否□　　　　是否延续　是□　否□"), ["是否新增:是/否", "是否延续:是/否"]);
        assert_eq!(shape("□内容变更　　□期限变更　　□预算调整"), [":内容变更/期限变更/预算调整"]);
        assert_eq!(shape("新增项目□ 延续项目□"), [":新增项目/延续项目"]);
    }
}
