//! The `□` options of a cell, grouped by question: “是否新增 是□ 否□　是否延续
//! 是□ 否□” is two choices, each named by the words before it, not one
//! choice of 是, 否, 是, 否. Words between two options (other than spacing,
//! brackets and a bracketed hint) start a new question.
//!
//! Options in brackets right after an option (“□是（□有税控机 □税务代开）
//! □否”) or after a word (“能（□有税控机 □税务代开）　不能□”, 能 printed
//! without a box) are a second choice belonging to it: the question's
//! options are 是/否 (能/不能), the bracketed ones its own choice.

use super::fields::tidy_label;
use super::model::{Plan, Ref};
use super::text::{Token, is_space};

/// The questions of a cell's lines.
#[derive(Debug, Default)]
pub struct Groups {
    /// Each question's options, in order, each once.
    pub values: Vec<Vec<String>>,
    /// The words before each question's first option; for a nested
    /// question, the option it belongs to.
    pub heads: Vec<String>,
    /// The question each question is nested in.
    pub parents: Vec<Option<usize>>,
    /// (line, token) of each option → its question.
    at: Vec<((usize, usize), usize)>,
}

impl Groups {
    /// The question of the option at token `k` of line `line`.
    pub fn of(&self, line: usize, k: usize) -> usize {
        self.at.iter().find(|(place, _)| *place == (line, k)).map_or(0, |(_, g)| *g)
    }

    /// The questions from the outermost to `g`: those to make first.
    pub fn lineage(&self, g: usize) -> Vec<usize> {
        let mut out = vec![g];
        while let Some(Some(p)) = self.parents.get(out[0]) {
            if out.contains(p) {
                break;
            }
            out.insert(0, *p);
        }
        out
    }

    fn push(&mut self, head: &str, parent: Option<usize>) -> usize {
        self.heads.push(head_of(head));
        self.values.push(Vec::new());
        self.parents.push(parent);
        self.values.len() - 1
    }

    fn add(&mut self, g: usize, value: &str) {
        if !self.values[g].iter().any(|v| v == value) {
            self.values[g].push(value.to_owned());
        }
    }
}

/// Text without what is in brackets: `（请列出具体内容）2. 非残疾人` → `2. 非残疾人`.
fn unbracketed(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                // A closing bracket with no opening one ends a hint begun earlier.
                if depth == 0 {
                    out.clear();
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words that ask a question (not spacing, brackets, punctuation or a hint).
fn asks(words: &str) -> bool {
    unbracketed(words).chars().any(|c| !is_space(c) && !"（()）、，,;；:：/／".contains(c))
}

/// A question's name from the words before it: hints and a line's number
/// (`1. `, `2、`) left out.
fn head_of(words: &str) -> String {
    let text = unbracketed(words);
    let text = text.trim_matches(|c: char| is_space(c) || "（()）".contains(c));
    let digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let text = match digits.strip_prefix(['.', '．', '、']) {
        Some(rest) if digits.len() < text.len() => rest.trim_start_matches(is_space),
        _ => text,
    };
    text.trim_end_matches(|c: char| is_space(c) || "：:".contains(c)).to_owned()
}

/// The word just before an opening bracket at the end of `words`, and the
/// words before it: `是否能　能（` → (`是否能　`, `能`). None when the text
/// does not end in an opening bracket.
fn before_bracket(words: &str) -> Option<(&str, &str)> {
    let open = words.trim_end_matches(is_space).strip_suffix(['（', '('])?;
    let start = open
        .char_indices()
        .rev()
        .find(|(_, c)| is_space(*c) || "（()）、，,;；:：/／".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some((&open[..start], &open[start..]))
}

/// The label of question `q`: a nested one is named by its question and
/// the option it belongs to (开具税务发票情况 / 能), a question by its own
/// words, else by the label beside or above the cell (`beside`), else by
/// its place. `named` holds the labels of the questions made so far.
pub(super) fn name(groups: &Groups, q: usize, named: &[String], beside: Option<&str>, place: &str) -> String {
    let head = tidy_label(&groups.heads[q]);
    let label = match groups.parents[q] {
        Some(p) => format!("{}{}{head}", named.get(p).map_or("", String::as_str), super::names::JOIN),
        None if !head.is_empty() => head,
        None => tidy_label(beside.unwrap_or_default()),
    };
    let label = label.trim_start_matches(super::names::JOIN).to_owned();
    if label.is_empty() { place.to_owned() } else { label }
}

/// Records that question `q`'s field, when nested, belongs to an option of
/// its parent's (the manifest's `when`, which `check` holds a project to);
/// gives back its label. Only fields of the form, not a list's columns.
pub(super) fn nest(plan: &mut Plan, groups: &Groups, q: usize, fields: &[Option<Ref>], label: String) -> String {
    let parent = groups.parents[q].and_then(|p| fields.get(p).copied().flatten());
    if let (Some(Ref::Field(parent)), Some(Ref::Field(child))) = (parent, fields[q]) {
        plan.within.push((child, parent, groups.heads[q].clone()));
    }
    label
}

/// The manifest's `, when: { invoice: 能 }` of field `i` of the plan: the
/// field and option it is nested in; empty for a field nested in none.
pub(super) fn when(plan: &Plan, i: usize) -> String {
    let Some((_, parent, option)) = plan.within.iter().find(|(child, _, _)| *child == i) else { return String::new() };
    let key = plan.fields.get(*parent).map_or("", |f| f.key.as_str());
    format!(", when: {{ {key}: '{}' }}", option.replace('\'', "''"))
}

pub fn groups(lines: &[Vec<Token>]) -> Groups {
    let mut groups = Groups::default();
    let mut words = String::new();
    // The question options go to (not a nested one), the last option, and
    // the nested question open in brackets.
    let mut current: Option<usize> = None;
    let mut last: Option<(usize, String)> = None;
    let mut inside: Option<usize> = None;
    for (line, tokens) in lines.iter().enumerate() {
        for (k, token) in tokens.iter().enumerate() {
            match token {
                Token::Text(text) => {
                    if inside.is_some() && text.contains(['）', ')']) {
                        inside = None;
                        let closed = text
                            .rfind(['）', ')'])
                            .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
                        words.clear();
                        words.push_str(&text[closed..]);
                        continue;
                    }
                    words.push_str(text);
                }
                Token::Space(_) => words.push('\u{3000}'),
                Token::Choice { value, .. } => {
                    let g = match (inside, before_bracket(&words)) {
                        (Some(child), _) => child,
                        // Options in brackets after a word: the word is an option of the question.
                        (None, Some((head, word))) if !word.is_empty() => {
                            let parent = match current {
                                Some(g) if !asks(head) => g,
                                _ => groups.push(head, None),
                            };
                            current = Some(parent);
                            groups.add(parent, word);
                            let child = groups.push(word, Some(parent));
                            inside = Some(child);
                            child
                        }
                        // Options in brackets right after an option.
                        (None, Some((head, _))) if !asks(head) && last.is_some() => {
                            let (parent, option) = last.clone().unwrap_or_default();
                            let child = groups.push(&option, Some(parent));
                            inside = Some(child);
                            child
                        }
                        _ => match current {
                            Some(g) if !asks(&words) => g,
                            _ => {
                                let g = groups.push(&words, None);
                                current = Some(g);
                                g
                            }
                        },
                    };
                    words.clear();
                    groups.add(g, value);
                    groups.at.push(((line, k), g));
                    if inside.is_none() {
                        last = Some((g, value.clone()));
                    }
                }
                Token::Slot(_) => {}
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn shape_of(lines: &[&str]) -> Vec<String> {
        let g = groups(&lines.iter().map(|l| tokens(l)).collect::<Vec<_>>());
        let named = |i: usize| match g.parents[i] {
            Some(p) => format!("{}>{}", g.heads[p], g.heads[i]),
            None => g.heads[i].clone(),
        };
        (0..g.values.len()).map(|i| format!("{}:{}", named(i), g.values[i].join("/"))).collect()
    }

    fn shape(line: &str) -> Vec<String> {
        shape_of(&[line])
    }

    #[test]
    fn each_question_has_its_own_options() {
        assert_eq!(shape("是否新增　是□　否□　　　　是否延续　是□　否□"), ["是否新增:是/否", "是否延续:是/否"]);
        assert_eq!(shape("□内容变更　　□期限变更　　□预算调整"), [":内容变更/期限变更/预算调整"]);
        assert_eq!(shape("新增项目□ 延续项目□"), [":新增项目/延续项目"]);
        assert_eq!(shape("调整类型：□内容变更　□期限变更"), ["调整类型:内容变更/期限变更"]);
        assert_eq!(shape_of(&["变更事项", "□内容变更", "□期限变更"]), ["变更事项:内容变更/期限变更"]);
    }

    #[test]
    fn options_in_brackets_belong_to_the_option_before_them() {
        assert_eq!(shape("能（□有税控机　□税务代开）　　　不能□"), [":能/不能", ">能:有税控机/税务代开"]);
        assert_eq!(shape("□是 （□有税控机  □税务代开）       □否"), [":是/否", ">是:有税控机/税务代开"]);
        // A bracketed hint after an option is no question of its own.
        assert_eq!(
            shape_of(&["1. 残疾人", "□视力　□精神　□多重（列出所有类别）", "2. 非残疾人", "□其他（注明具体服务对象）"]),
            ["残疾人:视力/精神/多重", "非残疾人:其他"]
        );
        assert_eq!(shape("□否　　□是（请注明　　　　）"), [":否/是"]);
    }
}
