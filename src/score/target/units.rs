//! Units as 指标值 and 实际完成值 write them: a word after the figure
//! (`人次`, `元/亩`, `批次/千人`, `/10万`, `%`, `‰`), read the same way on
//! both sides so that a compound unit is compared whole, and `万`/`亿`
//! converted when two figures differ only by it (`2.5万人` against
//! `26800人`). Conversion always goes to the smaller unit, by multiplying,
//! so money stays exact to the 分.

use crate::units::number::Number;

/// Unit words, longest first where one begins another (`人次` before `人`).
/// A unit not listed is still read when it is one character (`畝`, `盏`);
/// the list is what lets a unit be followed by more words
/// (`1000元/人给补助对象兑付补助`).
const WORDS: &[&str] = &[
    "个百分点",
    "平方公里",
    "个工作日",
    "百分点",
    "平方米",
    "立方米",
    "工作日",
    "个月",
    "小时",
    "分钟",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公顷",
    "公斤",
    "千克",
    "周岁",
    "月龄",
    "标箱",
    "人次",
    "户次",
    "场次",
    "节次",
    "批次",
    "课时",
    "学时",
    "人日",
    "人天",
    "家次",
    "村次",
    "校次",
    "季度",
    "万元",
    "亿元",
    "千元",
    "元",
    "人",
    "个",
    "户",
    "次",
    "场",
    "节",
    "篇",
    "份",
    "件",
    "套",
    "批",
    "所",
    "村",
    "亩",
    "畝",
    "米",
    "吨",
    "只",
    "头",
    "座",
    "辆",
    "台",
    "本",
    "册",
    "期",
    "项",
    "家",
    "支",
    "名",
    "位",
    "例",
    "天",
    "日",
    "月",
    "年",
    "周",
    "岁",
    "集",
    "条",
    "处",
    "起",
    "组",
    "间",
    "棵",
    "株",
    "粒",
    "袋",
    "张",
    "幅",
    "部",
    "栋",
    "层",
    "床",
    "盏",
    "块",
    "片",
    "门",
    "班",
    "届",
    "轮",
    "趟",
    "宗",
    "笔",
    "种",
    "类",
    "口",
    "道",
    "根",
    "段",
    "克",
    "升",
    "度",
    "倍",
    "箱",
    "包",
    "瓶",
    "盒",
    "首",
    "卷",
    "堂",
    "回",
];

/// Characters that end a unit read by the one-character fallback: words
/// that bound, connect or describe rather than count.
const NOT_UNIT: &str = "以及或和与等的左上下内前后至到为是共其中在并且达不每各约近超满需、，,；;。：:()=≥≤<>~-—–/";

/// Words for durations: under 时效指标 a bare duration is a time limit.
pub const DURATIONS: [&str; 10] = ["天", "日", "工作日", "个工作日", "小时", "分钟", "月", "个月", "周", "年"];

/// Reads the unit starting at `at`: a 万/亿 multiplier, then `%`/`‰`/`℃`,
/// a listed word, Latin letters or one other character, then `/` and a
/// second listed word (`元/亩`, `批次/千人`, `/10万`). Returns the unit and
/// where it ends; an empty unit when none is there.
pub fn read_unit(chars: &[char], at: usize) -> (String, usize) {
    let mut unit = String::new();
    let mut i = at;
    if let Some(&c) = chars.get(i)
        && (c == '万' || c == '亿')
    {
        unit.push(c);
        i += 1;
    }
    match chars.get(i) {
        Some(&c) if "%‰℃㎡㎥".contains(c) => {
            unit.push(c);
            return (unit, i + 1);
        }
        Some(_) => {
            if let Some(word) = word_at(chars, i) {
                unit.push_str(word);
                i += word.chars().count();
            } else if chars[i].is_ascii_alphabetic() {
                while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic() || *c == '²' || *c == '³') {
                    unit.push(chars[i]);
                    i += 1;
                }
            } else if is_cjk(chars[i]) && !NOT_UNIT.contains(chars[i]) && unit.is_empty() {
                unit.push(chars[i]);
                i += 1;
            }
        }
        None => return (unit, i),
    }
    if chars.get(i) == Some(&'/')
        && let Some((per, end)) = per_unit(chars, i + 1)
    {
        unit.push('/');
        unit.push_str(&per);
        i = end;
    }
    (unit, i)
}

/// What follows the `/` of a compound unit: `亩`, `千人`, `百户`, `10万`.
fn per_unit(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut i = at;
    let mut per = String::new();
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        per.push(chars[i]);
        i += 1;
    }
    if let Some(&c) = chars.get(i)
        && "十百千万亿".contains(c)
    {
        per.push(c);
        i += 1;
        if per.chars().all(|c| !c.is_ascii_digit()) || word_at(chars, i).is_some() {
            // 千人, 百户: a multiplier before a word.
        } else {
            return Some((per, i)); // 10万: per so many people.
        }
    } else if !per.is_empty() {
        return None; // 2/3 is a fraction, read elsewhere.
    }
    let word = word_at(chars, i)?;
    per.push_str(word);
    Some((per, i + word.chars().count()))
}

/// The listed unit word starting at `at`, longest first.
fn word_at(chars: &[char], at: usize) -> Option<&'static str> {
    WORDS.iter().copied().filter(|w| starts_with(chars, at, w)).max_by_key(|w| w.chars().count())
}

/// Whether a listed unit word runs from `from` to just before `to`.
pub fn word_ending_at(chars: &[char], from: usize, to: usize) -> bool {
    let word: String = chars[from..to].iter().collect();
    WORDS.contains(&word.as_str()) && from > 0 && chars[from - 1].is_ascii_digit()
}

/// Whether a listed unit word starts at `at`.
pub fn is_word_at(chars: &[char], at: usize) -> bool {
    word_at(chars, at).is_some()
}

pub fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..).zip(word.chars()).all(|(i, c)| chars.get(i) == Some(&c))
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// A unit split into its multiplier and its base: `万人` → (10⁴, `人`),
/// `万元/年` → (10⁴, `元/年`), `万` → (10⁴, ``), `人次` → (1, `人次`).
pub fn base(unit: &str) -> (i64, &str) {
    if let Some(rest) = unit.strip_prefix('万') {
        return (10_000, rest);
    }
    if let Some(rest) = unit.strip_prefix('亿') {
        return (100_000_000, rest);
    }
    (1, unit)
}

/// How two units compare: the factors that bring a figure in each to a
/// common unit, and that unit; `None` when they measure different things.
/// An empty unit fits any (a bare `≥20` against `21个`).
pub fn common(a: &str, b: &str) -> Option<(i64, i64, String)> {
    let (a, b) = (&same_word(a), &same_word(b));
    if a == b {
        return Some((1, 1, a.to_owned()));
    }
    if a.is_empty() || b.is_empty() {
        return Some((1, 1, if a.is_empty() { b } else { a }.to_owned()));
    }
    let ((fa, ba), (fb, bb)) = (base(a), base(b));
    // `万` alone against `人`: ten thousand of whatever the other counts.
    if ba != bb && !(ba.is_empty() && fa > 1) && !(bb.is_empty() && fb > 1) {
        return None;
    }
    let base_unit = if !ba.is_empty() { ba } else { bb };
    let smaller = fa.min(fb);
    let prefix = match smaller {
        1 => "",
        10_000 => "万",
        _ => "亿",
    };
    Some((fa / smaller, fb / smaller, format!("{prefix}{base_unit}")))
}

/// A unit with other spellings of the same count made one: `周岁` is `岁`,
/// `畝` is `亩`, `名` (people) is `人`.
fn same_word(unit: &str) -> String {
    let mut unit = unit.to_owned();
    for (other, word) in [("周岁", "岁"), ("畝", "亩"), ("名", "人")] {
        unit = unit.replace(other, word);
    }
    unit
}

/// Whether a unit is an amount of money: `元`, `万元`, `万`, `元/亩`.
pub fn is_money(unit: &str) -> bool {
    let (_, rest) = base(unit);
    rest.starts_with('元') || unit == "万" || unit == "亿"
}

/// Whether a unit is a span of time (`天`, `工作日`, `个月`).
pub fn is_duration(unit: &str) -> bool {
    DURATIONS.contains(&unit)
}

/// `value × factor`, exact.
pub fn scale(value: Number, factor: i64) -> Number {
    value.times(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> (String, usize) {
        let chars: Vec<char> = text.chars().collect();
        read_unit(&chars, 0)
    }

    #[test]
    fn units_are_read_whole_and_stop_before_words() {
        assert_eq!(unit("元/亩").0, "元/亩");
        assert_eq!(unit("元/平方米").0, "元/平方米");
        assert_eq!(unit("批次/千人").0, "批次/千人");
        assert_eq!(unit("个/百户").0, "个/百户");
        assert_eq!(unit("/10万").0, "/10万");
        assert_eq!(unit("万元/年").0, "万元/年");
        assert_eq!(unit("元/人给补助对象兑付补助").0, "元/人");
        assert_eq!(unit("%覆盖").0, "%");
        assert_eq!(unit("人次以上").0, "人次");
        assert_eq!(unit("万粒").0, "万粒");
        assert_eq!(unit("TB").0, "TB");
        assert_eq!(unit("畝").0, "畝");
        assert_eq!(unit("以上").0, "");
        // A slash before words that are no unit separates two figures.
        assert_eq!(unit("个/小组≥2个").0, "个");
    }

    #[test]
    fn units_differing_by_wan_convert_to_the_smaller() {
        assert_eq!(common("万人", "人"), Some((10_000, 1, "人".to_owned())));
        assert_eq!(common("元", "万元"), Some((1, 10_000, "元".to_owned())));
        assert_eq!(common("万元/年", "万元/年"), Some((1, 1, "万元/年".to_owned())));
        assert_eq!(common("万", "万元"), Some((1, 1, "万元".to_owned())));
        assert_eq!(common("万人次", "人次"), Some((10_000, 1, "人次".to_owned())));
        assert_eq!(common("人", "个"), None);
        assert_eq!(common("元/亩", "元"), None);
        assert_eq!(common("周岁", "岁"), Some((1, 1, "岁".to_owned())));
    }
}
