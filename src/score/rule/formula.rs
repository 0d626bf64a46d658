//! Formulas: `按完成比例得分`, `得分=实际完成率×分值`, `得分值=完成率（超过
//! 100%以100%计算）×20`, `…的比例*3`, `…的次数/7*2`, `(1-10×调剂金额/预算数)
//! ×指标分值`. One measured quantity (the actual) in a small arithmetic
//! expression, evaluated exactly in fractions and rounded once at the end.

use super::text::{contains, find, number_at, string};
use crate::units::number::Number;

/// A formula read from a rule.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Formula {
    pub expr: Expr,
    /// What the quantity is called in the rule (`完成率`, `比例`, `次数`).
    pub name: String,
    /// The quantity is a share (率, 比例, 比值): a percentage, or a count
    /// over the target.
    pub share: bool,
    /// `(超过100%以100%计算)`: the share counts at most 100%.
    pub capped: bool,
    /// Written as `按…比例`: points × share, no expression.
    pub proportional: bool,
}

/// An arithmetic expression over the quantity `x` and the points `p`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    /// A number as a fraction (numerator, denominator).
    Num(i128, i128),
    X,
    Points,
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
}

/// Words that name the points of the indicator in a formula.
const POINTS: &[&str] = &["指标分值", "该项分值", "该指标分值", "本项分值", "权重分", "分值", "满分", "标准分"];

/// Reads a formula clause; `Ok(None)` when the clause is not one.
pub(super) fn read(m: &[char]) -> Result<Option<Formula>, String> {
    if proportional(m) {
        let expr = Expr::Mul(Box::new(Expr::X), Box::new(Expr::Points));
        return Ok(Some(Formula { expr, name: "完成比例".into(), share: true, capped: true, proportional: true }));
    }
    let operators = m.iter().any(|c| matches!(c, '×' | '÷' | '/'));
    if !operators || !(contains(m, "=") || contains(m, "计算方法") || m.iter().any(|c| *c == '×')) {
        return Ok(None);
    }
    // The expression: after `=` or `为:`; a clause of words before it only names the item.
    let mut from =
        [find(m, "=", 0).map(|i| i + 1), find(m, "为:", 0).map(|i| i + 2)].into_iter().flatten().max().unwrap_or(0);
    // `按照《…》要求,6-12月…次数/7*2`: the expression is the last clause.
    if let Some(comma) = (from..m.len()).rev().find(|&i| m[i] == ',') {
        from = comma + 1;
    }
    let mut text: Vec<char> = m[from..].to_vec();
    let capped = strip_cap(&mut text);
    while matches!(text.last(), Some(';' | ',' | '。' | '分')) {
        text.pop();
    }
    let mut tokens = lex(&text)?;
    // `1-10×调剂金额/预算数))×分值`: a closing bracket with no opening one
    // closes from the start.
    let depth = tokens.iter().fold(0i32, |d, t| match t {
        Tok::Op('(') => d + 1,
        Tok::Op(')') => d - 1,
        _ => d,
    });
    if depth < 0 {
        let open = std::iter::repeat_n(Tok::Op('('), depth.unsigned_abs() as usize);
        tokens.splice(0..0, open);
    }
    let mut names = Vec::new();
    let expr = Parser { tokens: &tokens, at: 0, names: &mut names }.parse()?;
    let distinct: Vec<&String> = names.iter().fold(Vec::new(), |mut v, n| {
        if !v.contains(&n) {
            v.push(n);
        }
        v
    });
    let name = match distinct.as_slice() {
        [] => return Err("公式里没有要代入的实际值".into()),
        [one] => (*one).clone(),
        _ => return Err(format!("公式里有几个不同的量（{}），一个实际完成值代不进去", join(&distinct))),
    };
    let share = ["率", "比例", "比值", "比重", "占比"].iter().any(|w| name.contains(w)) || name.contains('/');
    Ok(Some(Formula { expr, name, share, capped, proportional: false }))
}

fn join(names: &[&String]) -> String {
    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、")
}

/// Whether a clause is an expression to compute (`…的比例×3`, `次数/7×2`),
/// though it has no `分`.
pub(super) fn is_formula(m: &[char]) -> bool {
    let digit_after = |op: char| m.windows(2).any(|w| w[0] == op && w[1].is_ascii_digit());
    let scored = ["扣", "得", "加"].iter().any(|w| contains(m, w));
    (digit_after('×') || (digit_after('/') && m.contains(&'×'))) && !scored
}

/// 按完成比例得分, 按实际完成比例计分, 完成率×分值.
fn proportional(m: &[char]) -> bool {
    if m.iter().any(char::is_ascii_digit) || ["÷", "/", "最高", "同类"].iter().any(|w| contains(m, w)) {
        return false;
    }
    let by_share =
        contains(m, "按") && contains(m, "比例") && ["得分", "计分", "给分", "计算"].iter().any(|w| contains(m, w));
    let formula = contains(m, "×") && POINTS.iter().any(|w| contains(m, w)) && contains(m, "率");
    let ratio = contains(m, "比率") && (contains(m, "做为") || contains(m, "作为")) && contains(m, "分值");
    by_share || formula || ratio
}

/// Removes `(超过100%以100%计算)`, `(最高100%)`; whether it was there.
fn strip_cap(text: &mut Vec<char>) -> bool {
    let Some(open) = (0..text.len()).find(|&i| text[i] == '(') else { return false };
    let Some(close) = (open..text.len()).find(|&i| text[i] == ')') else { return false };
    let inner = &text[open + 1..close];
    let cap = (contains(inner, "超过100%") && contains(inner, "以100%")) || contains(inner, "最高100%");
    if cap {
        text.drain(open..=close);
    }
    cap
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(i128, i128),
    Name(String),
    Op(char),
}

fn lex(c: &[char]) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if matches!(ch, '+' | '-' | '×' | '÷' | '/' | '(' | ')') {
            out.push(Tok::Op(if ch == '÷' { '/' } else { ch }));
            i += 1;
        } else if ch.is_ascii_digit() {
            let (n, end) = number_at(c, i)?.ok_or("公式里的数读不出")?;
            // `100%` in a formula is the share 1.
            if c.get(end) == Some(&'%') {
                out.push(Tok::Num(n.raw(), 1_000_000));
                i = end + 1;
            } else {
                out.push(Tok::Num(n.raw(), 10_000));
                i = end;
            }
        } else {
            let start = i;
            while i < c.len() && !matches!(c[i], '+' | '-' | '×' | '÷' | '/' | '(' | ')') && !c[i].is_ascii_digit() {
                i += 1;
            }
            let word: String = string(&c[start..i]).trim_matches(|ch| ch == ',' || ch == ';').to_owned();
            if !word.is_empty() {
                out.push(Tok::Name(word));
            }
        }
    }
    // `A/B` of two names is one share (`数据量/台账数据量`).
    let mut merged: Vec<Tok> = Vec::new();
    for tok in out {
        if let (Tok::Name(b), [.., Tok::Name(a), Tok::Op('/')]) = (&tok, merged.as_slice()) {
            let name = format!("{a}/{b}");
            merged.truncate(merged.len() - 2);
            merged.push(Tok::Name(name));
        } else {
            merged.push(tok);
        }
    }
    Ok(merged)
}

/// A recursive-descent parser: sums of products of factors.
struct Parser<'a> {
    tokens: &'a [Tok],
    at: usize,
    names: &'a mut Vec<String>,
}

impl Parser<'_> {
    fn parse(mut self) -> Result<Expr, String> {
        let expr = self.sum()?;
        // An unbalanced `)` at the end (`…预算数))*分值`) is a typo, not a second formula.
        while self.at < self.tokens.len() && self.tokens[self.at] == Tok::Op(')') {
            self.at += 1;
        }
        if self.at != self.tokens.len() {
            return Err("公式读不完整".into());
        }
        Ok(expr)
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut left = self.product()?;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.tokens.get(self.at) {
            self.at += 1;
            let right = self.product()?;
            left = if *op == '+' { Expr::Add(left.into(), right.into()) } else { Expr::Sub(left.into(), right.into()) };
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut left = self.factor()?;
        while let Some(Tok::Op(op @ ('×' | '/'))) = self.tokens.get(self.at) {
            self.at += 1;
            let right = self.factor()?;
            left =
                if *op == '×' { Expr::Mul(left.into(), right.into()) } else { Expr::Div(left.into(), right.into()) };
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, String> {
        let tok = self.tokens.get(self.at).cloned().ok_or("公式不完整")?;
        self.at += 1;
        match tok {
            Tok::Num(n, d) => Ok(Expr::Num(n, d)),
            Tok::Name(name) if POINTS.iter().any(|w| name.ends_with(w)) => Ok(Expr::Points),
            Tok::Name(name) => {
                self.names.push(name);
                Ok(Expr::X)
            }
            Tok::Op('(') => {
                let inner = self.sum()?;
                if self.tokens.get(self.at) == Some(&Tok::Op(')')) {
                    self.at += 1;
                }
                Ok(inner)
            }
            Tok::Op(op) => Err(format!("公式里“{op}”的位置不对")),
        }
    }
}

/// An exact fraction, for evaluating a formula without rounding on the way.
#[derive(Debug, Clone, Copy)]
struct Frac(i128, i128);

impl Frac {
    fn of(n: Number) -> Frac {
        Frac(n.raw(), 10_000)
    }
    fn checked(self) -> Result<Frac, String> {
        let g = gcd(self.0.abs(), self.1.abs()).max(1);
        let (n, d) = (self.0 / g, self.1 / g);
        if d == 0 {
            return Err("公式里除以 0".into());
        }
        if n.abs() > 1 << 100 || d.abs() > 1 << 100 {
            return Err("公式里的数太大".into());
        }
        Ok(if d < 0 { Frac(-n, -d) } else { Frac(n, d) })
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Expr {
    /// The value for quantity `x` and points `p`, in ten-thousandths
    /// rounded half up; negative results are kept for the caller to floor.
    pub(super) fn eval(&self, x: (i128, i128), p: Number) -> Result<i128, String> {
        let v = self.frac(Frac(x.0, x.1), Frac::of(p))?;
        let scaled = v.0.checked_mul(10_000).ok_or("公式里的数太大")?;
        let (q, r) = (scaled.div_euclid(v.1), scaled.rem_euclid(v.1));
        Ok(if r * 2 >= v.1 { q + 1 } else { q })
    }

    fn frac(&self, x: Frac, p: Frac) -> Result<Frac, String> {
        let op = |a: &Expr, b: &Expr| -> Result<(Frac, Frac), String> { Ok((a.frac(x, p)?, b.frac(x, p)?)) };
        let mul = |a: i128, b: i128| a.checked_mul(b).ok_or_else(|| "公式里的数太大".to_owned());
        match self {
            Expr::Num(n, d) => Frac(*n, *d).checked(),
            Expr::X => Ok(x),
            Expr::Points => Ok(p),
            Expr::Add(a, b) | Expr::Sub(a, b) => {
                let (a, b) = op(a, b)?;
                let right = if matches!(self, Expr::Add(..)) { mul(b.0, a.1)? } else { -mul(b.0, a.1)? };
                Frac(mul(a.0, b.1)? + right, mul(a.1, b.1)?).checked()
            }
            Expr::Mul(a, b) => {
                let (a, b) = op(a, b)?;
                Frac(mul(a.0, b.0)?, mul(a.1, b.1)?).checked()
            }
            Expr::Div(a, b) => {
                let (a, b) = op(a, b)?;
                Frac(mul(a.0, b.1)?, mul(a.1, b.0)?).checked()
            }
        }
    }

    /// The expression written out with the quantity named.
    pub(super) fn show(&self, name: &str) -> String {
        match self {
            Expr::Num(n, d) if *d == 1_000_000 => format!("{}%", Number::from_raw(*n)),
            Expr::Num(n, _) => Number::from_raw(*n).to_string(),
            Expr::X => name.to_owned(),
            Expr::Points => "分值".to_owned(),
            Expr::Add(a, b) => format!("{} + {}", a.show(name), b.show(name)),
            Expr::Sub(a, b) => format!("{} − ({})", a.show(name), b.show(name)),
            Expr::Mul(a, b) => format!("{} × {}", a.show(name), b.show(name)),
            Expr::Div(a, b) => format!("{} ÷ {}", a.show(name), b.show(name)),
        }
    }

    /// Whether the quantity stands in a denominator (lower is better).
    pub(super) fn x_below(&self) -> bool {
        match self {
            Expr::Div(_, b) => b.has_x() || self.children().iter().any(|e| e.x_below()),
            _ => self.children().iter().any(|e| e.x_below()),
        }
    }

    fn has_x(&self) -> bool {
        matches!(self, Expr::X) || self.children().iter().any(|e| e.has_x())
    }

    fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) => vec![a, b],
            _ => Vec::new(),
        }
    }

    /// Whether the quantity is subtracted (`1 − 10 × 调剂比例`): lower is better.
    pub(super) fn x_subtracted(&self) -> bool {
        match self {
            Expr::Sub(_, b) => b.has_x() || self.children().iter().any(|e| e.x_subtracted()),
            _ => self.children().iter().any(|e| e.x_subtracted()),
        }
    }
}
