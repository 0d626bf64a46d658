//! Numeric conditions: `≥90%`, `80%(含)-90%`, `达到90%以上(含90%)`,
//! `低于60%`, `=0`, `少于3件`.

use super::Measure;
use super::text::{Tok, Unit, number_at, starts, string, tokens};
use crate::units::number::Number;

/// Whether a bound belongs to its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Incl {
    Yes,
    No,
    /// Unsaid (`以上`, `以下`, the ends of `80%-90%`): settled once all bands
    /// of a rule are known, see `resolve`.
    Default,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bound {
    pub value: Number,
    pub incl: Incl,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Interval {
    pub lo: Option<Bound>,
    pub hi: Option<Bound>,
}

impl Interval {
    /// Whether `v` lies in the interval; an unsettled bound counts as included.
    pub(super) fn contains(&self, v: Number) -> bool {
        let lo_ok = self.lo.is_none_or(|b| if b.incl == Incl::No { v > b.value } else { v >= b.value });
        let hi_ok = self.hi.is_none_or(|b| if b.incl == Incl::No { v < b.value } else { v <= b.value });
        lo_ok && hi_ok
    }
}

/// How a condition is shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// `80%-90%`.
    Range,
    /// `≥90%`, `90%以上`: a lower bound.
    Lower,
    /// `≤1%`, `低于60%`: an upper bound.
    Upper,
    /// `=0`.
    Point,
    /// `100%` with no comparison: the direction comes from elsewhere.
    Bare,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cond {
    pub interval: Interval,
    pub shape: Shape,
    /// The one number of a single-number condition (the lower end of a range).
    pub value: Number,
    pub unit: Unit,
}

impl Cond {
    /// The condition on a share written as a fraction (`>0.1`), as a percentage (`>10%`).
    pub(super) fn times_hundred(mut self) -> Cond {
        let scale = |n: Number| n.times(100);
        for b in [self.interval.lo.as_mut(), self.interval.hi.as_mut()].into_iter().flatten() {
            b.value = scale(b.value);
        }
        self.value = scale(self.value);
        self.unit = Unit::Percent;
        self
    }
}

/// Comparison words before a number. Matching picks the one ending nearest
/// the number, the longer on a tie, so `不低于` wins over `低于`.
const COMPARATORS: &[(&str, Shape, Incl)] = &[
    ("≥", Shape::Lower, Incl::Yes),
    ("不低于", Shape::Lower, Incl::Yes),
    ("不少于", Shape::Lower, Incl::Yes),
    ("不小于", Shape::Lower, Incl::Yes),
    ("大于或等于", Shape::Lower, Incl::Yes),
    ("大于等于", Shape::Lower, Incl::Yes),
    ("高于或等于", Shape::Lower, Incl::Yes),
    ("达到", Shape::Lower, Incl::Yes),
    ("完成", Shape::Lower, Incl::Yes),
    (">", Shape::Lower, Incl::No),
    ("大于", Shape::Lower, Incl::No),
    ("高于", Shape::Lower, Incl::No),
    ("超过", Shape::Lower, Incl::No),
    ("超出", Shape::Lower, Incl::No),
    ("多于", Shape::Lower, Incl::No),
    ("≤", Shape::Upper, Incl::Yes),
    ("不高于", Shape::Upper, Incl::Yes),
    ("不超过", Shape::Upper, Incl::Yes),
    ("不大于", Shape::Upper, Incl::Yes),
    ("不多于", Shape::Upper, Incl::Yes),
    ("小于或等于", Shape::Upper, Incl::Yes),
    ("小于等于", Shape::Upper, Incl::Yes),
    ("低于或等于", Shape::Upper, Incl::Yes),
    ("控制在", Shape::Upper, Incl::Yes),
    ("<", Shape::Upper, Incl::No),
    ("低于", Shape::Upper, Incl::No),
    ("小于", Shape::Upper, Incl::No),
    ("少于", Shape::Upper, Incl::No),
    ("不足", Shape::Upper, Incl::No),
    ("不到", Shape::Upper, Incl::No),
    ("未达到", Shape::Upper, Incl::No),
    ("=", Shape::Point, Incl::Yes),
    ("等于", Shape::Point, Incl::Yes),
];

/// Words after a number. `以上`/`以下` alone leave the boundary unsaid.
const AFTER: &[(&str, Shape, Incl)] = &[
    ("及以上", Shape::Lower, Incl::Yes),
    ("或以上", Shape::Lower, Incl::Yes),
    ("以上", Shape::Lower, Incl::Default),
    ("及以下", Shape::Upper, Incl::Yes),
    ("或以下", Shape::Upper, Incl::Yes),
    ("及以内", Shape::Upper, Incl::Yes),
    ("以下", Shape::Upper, Incl::Default),
    // `5%以内扣1分，5%-10%扣3分`: 以内 includes its number.
    ("以内", Shape::Upper, Incl::Yes),
];

/// Words that make a number a difference from something else (an average,
/// last year), which the rule alone cannot settle.
const RELATIVE: &[&str] =
    &["平均", "目标", "指标", "基准", "标准", "上年", "同期", "相比", "全省", "全市", "全国", "前三年"];

/// How far (in characters) a comparison word may stand before its number:
/// `不低于总数的20%`.
const GAP: usize = 6;

/// Reads the numeric condition in `c`, a clause without its score. `want` is
/// the measure the rule deducts in, when known: numbers in other units only
/// say who is counted (`35岁及以下的不低于总数的20%`) and are passed over.
/// `Ok(None)` when the condition has no number.
pub(super) fn read(c: &[char], want: Option<&Measure>) -> Result<Option<Cond>, String> {
    let (c, marked) = strip_marked(c)?;
    let toks: Vec<Tok> = tokens(&c)?
        .into_iter()
        .filter(|t| match (&t.unit, want) {
            (Unit::Score, _) => false,
            (Unit::Bare, _) | (_, None) => true,
            (_, Some(Measure::AsWritten)) => true,
            (Unit::Percent, Some(m)) => *m == Measure::Percent,
            (Unit::Times, Some(m)) => *m == Measure::Times,
            (Unit::Word(u), Some(Measure::Count(want))) => {
                super::text::same_unit(&Unit::Word(want.clone()), &Unit::Word(u.clone()))
            }
            (Unit::Word(_), Some(_)) => false,
        })
        .collect();
    let incl_of = |t: &Tok| -> (Incl, usize) {
        if starts(&c, t.end, "(含)") {
            (Incl::Yes, t.end + 3)
        } else if starts(&c, t.end, "(不含)") {
            (Incl::No, t.end + 4)
        } else if marked.contains(&t.value) {
            (Incl::Yes, t.end)
        } else {
            (Incl::Default, t.end)
        }
    };
    match toks.as_slice() {
        [] => Ok(None),
        [a, b] => {
            let (mut a_incl, after_a) = incl_of(a);
            let between = string(&c[after_a.min(b.start)..b.start]);
            let mut b_incl = incl_of(b).0;
            // `80%及以上100%以下`, `90%以上、不到100%`: a lower bound, then an upper.
            if let Some((lower, upper)) = bounded_pair(&c, a, b, after_a) {
                (a_incl, b_incl) = (pick(a_incl, lower), pick(b_incl, upper));
            } else if !["-", "至", "到"].contains(&between.trim_end_matches("之间").to_string().as_str()) {
                return Err(format!("条件“{}”里有两个数，读不出是哪一档", string(&c)));
            }
            // `低于5至10个百分点`: a range right after a comparison is a difference.
            // `低于5至10个百分点`: a range right after a word of difference is a
            // difference; `达到60%-85%` is a range reached.
            let adjacent = ["低于", "高于", "超过", "超出", "少于", "多于", "不足", "差"]
                .iter()
                .any(|w| a.start >= w.chars().count() && starts(&c, a.start - w.chars().count(), w));
            if adjacent || relative(&c[..a.start]) {
                return Err(format!("条件“{}”是与别的数相比的差，读不准", string(&c)));
            }
            if b.value < a.value {
                return Err(format!("条件“{}”的下限大于上限", string(&c)));
            }
            let unit = if a.unit == Unit::Bare { b.unit.clone() } else { a.unit.clone() };
            let interval = Interval {
                lo: Some(Bound { value: a.value, incl: a_incl }),
                hi: Some(Bound { value: b.value, incl: b_incl }),
            };
            Ok(Some(Cond { interval, shape: Shape::Range, value: a.value, unit }))
        }
        [t] => single(&c, t, incl_of(t)).map(Some),
        _ => Err(format!("条件“{}”里数字太多，读不出是哪一档", string(&c))),
    }
}

/// An inclusion mark written beside the number wins over the one a word implies.
fn pick(marked: Incl, word: Incl) -> Incl {
    if marked == Incl::Default { word } else { marked }
}

/// `a` bounded from below by the word after it (`及以上`, `以上、`) and `b`
/// from above (`以下`, `不到`, `低于`): the inclusions the words give.
fn bounded_pair(c: &[char], a: &Tok, b: &Tok, after_a: usize) -> Option<(Incl, Incl)> {
    let (lower_shape, lower) = AFTER.iter().find(|(w, _, _)| starts(c, after_a, w)).map(|&(_, s, i)| (s, i))?;
    if lower_shape != Shape::Lower {
        return None;
    }
    let upper_after = AFTER.iter().find(|(w, _, _)| starts(c, b.end, w)).map(|&(_, s, i)| (s, i));
    let upper_before = comparator(c, a.end, b.start).map(|(s, i, _)| (s, i));
    match (upper_after, upper_before) {
        (Some((Shape::Upper, incl)), _) => Some((lower, incl)),
        (None, Some((Shape::Upper, incl))) => Some((lower, incl)),
        _ => None,
    }
}

/// A condition on one number: the comparison before it and the word after.
fn single(c: &[char], t: &Tok, (marker, after_at): (Incl, usize)) -> Result<Cond, String> {
    let before = comparator(c, t.start.saturating_sub(GAP + 4), t.start);
    let gap_from = before.map_or(0, |(_, _, end)| end);
    if relative(&c[gap_from..t.start]) {
        return Err(format!("条件“{}”是与别的数相比的差，读不准", string(c)));
    }
    let after = AFTER.iter().find(|(w, _, _)| starts(c, after_at, w)).map(|&(w, shape, incl)| {
        let past = after_at + w.chars().count();
        // `90%以上(含)`: the mark may follow the word instead of the number.
        let incl = if starts(c, past, "(含)") {
            Incl::Yes
        } else if starts(c, past, "(不含)") {
            Incl::No
        } else {
            incl
        };
        (shape, incl)
    });
    let pick = |incl: Incl| if marker == Incl::Default { incl } else { marker };
    let (shape, incl) = match (before.map(|(s, i, _)| (s, i)), after) {
        (None, None) => (Shape::Bare, marker),
        (Some((Shape::Point, _)), None) => (Shape::Point, Incl::Yes),
        (Some((s, i)), None) => (s, pick(i)),
        (None, Some((s, i))) => (s, pick(i)),
        (Some((s1, i1)), Some((s2, i2))) if s1 == s2 => (s1, if i2 == Incl::Yes { Incl::Yes } else { pick(i1) }),
        _ => return Err(format!("条件“{}”前后矛盾，读不准", string(c))),
    };
    let bound = Some(Bound { value: t.value, incl });
    let interval = match shape {
        Shape::Lower => Interval { lo: bound, hi: None },
        Shape::Upper => Interval { lo: None, hi: bound },
        Shape::Point => Interval { lo: bound, hi: bound },
        Shape::Bare | Shape::Range => Interval { lo: None, hi: None },
    };
    Ok(Cond { interval, shape, value: t.value, unit: t.unit.clone() })
}

/// The comparison word ending nearest `to` (within `GAP` characters of it)
/// in `c[from..to]`: its shape, inclusivity and end index.
fn comparator(c: &[char], from: usize, to: usize) -> Option<(Shape, Incl, usize)> {
    let mut best: Option<(Shape, Incl, usize, usize)> = None;
    for &(word, shape, incl) in COMPARATORS {
        let n = word.chars().count();
        for i in from..to {
            if i + n <= to && starts(c, i, word) {
                let end = i + n;
                let better = best.is_none_or(|(_, _, e, len)| end > e || (end == e && n > len));
                if better {
                    best = Some((shape, incl, end, n));
                }
            }
        }
    }
    best.filter(|&(_, _, end, _)| to - end <= GAP).map(|(s, i, e, _)| (s, i, e))
}

fn relative(c: &[char]) -> bool {
    RELATIVE.iter().any(|w| super::text::contains(c, w))
}

/// Removes `(含90%)` notes, returning the values they mark as included.
fn strip_marked(c: &[char]) -> Result<(Vec<char>, Vec<Number>), String> {
    let mut out = Vec::with_capacity(c.len());
    let mut marked = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if starts(c, i, "(含")
            && let Some((n, j)) = number_at(c, i + 2)?
            && let Some(k) = (j..c.len()).find(|&k| c[k] == ')')
        {
            marked.push(n);
            i = k + 1;
            continue;
        }
        out.push(c[i]);
        i += 1;
    }
    Ok((out, marked))
}

/// Settles unsaid boundaries across a band list: a value shared by two bands
/// belongs to the band that marks it `(含)`; when neither does, to the band
/// it is the lower end of. An unshared unsaid end is included.
pub(super) fn resolve(bands: &mut [Interval]) {
    let snapshot: Vec<Interval> = bands.to_vec();
    for (k, band) in bands.iter_mut().enumerate() {
        let others = || snapshot.iter().enumerate().filter(move |(j, _)| *j != k).map(|(_, b)| b);
        if let Some(lo) = band.lo.as_mut().filter(|b| b.incl == Incl::Default) {
            let claimed = others().any(|o| o.hi.is_some_and(|h| h.value == lo.value && h.incl == Incl::Yes));
            lo.incl = if claimed { Incl::No } else { Incl::Yes };
        }
        if let Some(hi) = band.hi.as_mut().filter(|b| b.incl == Incl::Default) {
            let shared = others().any(|o| o.lo.is_some_and(|l| l.value == hi.value && l.incl != Incl::No));
            hi.incl = if shared { Incl::No } else { Incl::Yes };
        }
    }
}
