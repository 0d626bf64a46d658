//! Reading the 实际完成值 the way a rule needs it: one figure in the rule's
//! unit (`85%`, `迟报2天`, `2处`, `3/4`), a difference the actual states
//! itself (`高出3个百分点`, `少2个`), or statements one per item
//! (`错0笔、漏填1项、迟报2天`, `有计划、有总结，未按时上报`).

use super::clause::Kind;
use super::text::{Unit, normalize, string, tokens};
use super::{Better, words};
use crate::units::number::Number;

/// A figure read from an actual.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    pub value: Number,
    pub unit: Unit,
    /// The actual states a difference, not a value: `少2个` (short),
    /// `超3个百分点` (over), `迟报2天` (late).
    pub gap: Option<Direction>,
}

/// Which way a stated difference goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Short,
    Over,
    /// Something went wrong this many times (迟报, 出现, 发现).
    Event,
}

/// Verbs before a number in an actual that make it a difference.
const GAP_VERBS: &[(&str, Direction)] = &[
    ("低于", Direction::Short),
    ("少于", Direction::Short),
    ("减少", Direction::Short),
    ("下降", Direction::Short),
    ("降低", Direction::Short),
    ("缺少", Direction::Short),
    ("少", Direction::Short),
    ("缺", Direction::Short),
    ("低", Direction::Short),
    ("差", Direction::Short),
    ("超过", Direction::Over),
    ("超出", Direction::Over),
    ("高出", Direction::Over),
    ("高于", Direction::Over),
    ("增加", Direction::Over),
    ("多", Direction::Over),
    ("超", Direction::Over),
    ("高", Direction::Over),
    ("迟报", Direction::Event),
    ("迟交", Direction::Event),
    ("延迟", Direction::Event),
    ("延期", Direction::Event),
    ("逾期", Direction::Event),
    ("推迟", Direction::Event),
    ("滞后", Direction::Event),
    ("迟", Direction::Event),
];

pub(super) use super::text::same_unit;

/// The figures of an actual with the verb each follows.
pub(super) fn figures(text: &str) -> Result<Vec<Figure>, String> {
    let c = normalize(text);
    let toks = tokens(&c)?;
    Ok(toks
        .into_iter()
        .map(|t| {
            let gap = GAP_VERBS
                .iter()
                .find(|(w, _)| {
                    let n = w.chars().count();
                    t.start >= n && string(&c[t.start - n..t.start]) == *w
                })
                .map(|(_, d)| *d);
            Figure { value: t.value, unit: t.unit, gap }
        })
        .collect())
}

/// The one figure of an actual in `unit` (any unit when `None`), or why not.
pub(super) fn one_figure(text: &str, unit: Option<&Unit>) -> Result<Option<Figure>, String> {
    let all = figures(text)?;
    let fitting: Vec<&Figure> = all
        .iter()
        .filter(|f| f.unit != Unit::Score)
        .filter(|f| unit.is_none_or(|u| same_unit(u, &f.unit) || f.unit == Unit::Bare))
        .collect();
    match fitting.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).clone())),
        many => {
            let named: Vec<&&Figure> = many.iter().filter(|f| f.unit != Unit::Bare).collect();
            match named.as_slice() {
                [one] => Ok(Some((**one).clone())),
                _ => Err(format!("实际完成值“{text}”里有 {} 个数，读不出按哪一个计分", many.len())),
            }
        }
    }
}

/// Whether the direction an actual states fits the way a step counts.
pub(super) fn stated_gap(figure: &Figure, kind: Kind) -> Option<Number> {
    let gap = figure.gap?;
    match (kind, gap) {
        (Kind::Event, _) => Some(figure.value),
        (Kind::Gap(Better::Nearer), Direction::Short | Direction::Over) => Some(figure.value),
        (Kind::Gap(Better::Higher), Direction::Short) | (Kind::Gap(Better::Lower), Direction::Over) => {
            Some(figure.value)
        }
        // Over a floor, or under a ceiling: no shortfall at all.
        (Kind::Gap(Better::Higher), Direction::Over) | (Kind::Gap(Better::Lower), Direction::Short) => {
            Some(Number::ZERO)
        }
        (Kind::Gap(_), Direction::Event) => None,
    }
}

/// One statement of an actual: `迟报2天`, `有场地`, `其余齐全`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Statement {
    pub text: String,
}

/// The statements of an actual, split at `、` `，` `；` and `但`; a bare
/// noun after `有…、` shares its `有` (`有场地、设备` → `有场地`, `有设备`;
/// `无办公场地和设备` → `无办公场地`, `无设备`).
pub(super) fn statements(text: &str) -> Vec<Statement> {
    let mut pieces: Vec<(String, char)> = Vec::new();
    let (mut current, mut before) = (String::new(), ',');
    let chars = normalize(text);
    for &ch in chars.iter() {
        // `和`/`及` join two nouns under one `有`/`无`: `无办公场地和设备`.
        let joins = ch == '和' && words::leading_marker(current.trim()).is_some() && current.trim().chars().count() > 2;
        if matches!(ch, '、' | ',' | ';' | ':' | '但') || joins {
            if !current.trim().is_empty() {
                pieces.push((current.trim().to_owned(), before));
            }
            current.clear();
            before = if joins { '、' } else { ch };
        } else {
            current.push(ch);
        }
    }
    if !current.trim().is_empty() {
        pieces.push((current.trim().to_owned(), before));
    }
    let mut out: Vec<Statement> = Vec::new();
    for (piece, separator) in pieces {
        // Only a bare noun shares: `设施齐全` says its own thing.
        let bare = piece.chars().count() <= 3 && !piece.chars().any(|c| c.is_ascii_digit()) && !predicate(&piece);
        let shared = match out.last() {
            Some(prev) if separator == '、' && bare && !words::has_marker(&piece) => words::leading_marker(&prev.text),
            _ => None,
        };
        out.push(Statement { text: shared.map_or(piece.clone(), |m| format!("{m}{piece}")) });
    }
    out
}

/// Whether a piece says something of its own (`齐全`, `规范`, `到位`).
fn predicate(piece: &str) -> bool {
    ["齐全", "完善", "规范", "合格", "健全", "到位", "达标", "明确", "及时", "正常", "符合", "完成", "不"]
        .iter()
        .any(|w| piece.contains(w))
}
