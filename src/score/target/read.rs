//! Reading one 指标值 cell: words, brackets, dates, then figures, each
//! step either settling what the cell says or refusing it with the cell
//! quoted and the real reason named.

use super::dates::{self, Span};
use super::direction::{Context, Reason, direction};
use super::scan::{self, Figure, Side};
use super::{Bound, Deadline, Measure, Target};
use crate::units::number::Number;

/// Words of a deadline kept without a date (`及时`, `按计划实施`).
pub const ON_TIME: &[&str] = &[
    "计划完成时间",
    "规定时间",
    "规定时限",
    "规定期限",
    "约定时间",
    "约定期限",
    "计划时间",
    "时限内",
    "按计划",
    "按进度",
    "按约定",
    "及时",
    "按时",
    "按期",
    "如期",
    "准时",
];
/// The longest 指标值 read: real cells run to a hundred characters or so.
pub const MAX_CHARS: usize = 300;
/// Words naming the end of the project's year (`年底前完成`).
const YEAR_END: [&str; 6] = ["本年度内", "年度内", "年底前", "年底", "年末", "年内"];
/// Words of a change from a level the cell does not give.
const RELATIVE: [&str; 12] =
    ["提高", "提升", "增加", "增长", "延长", "降低", "下降", "减少", "缩小", "上升", "扩大", "缩短"];
/// Words of degree that make a change a judged level (`显著提升`).
const DEGREE: [&str; 8] = ["显著", "明显", "有所", "基本", "有效", "大幅", "大大", "较大"];
const CEILING_WORDS: [&str; 9] = ["不超过", "不超", "不高于", "不大于", "控制在", "以内", "之内", "低于", "少于"];
const FLOOR_WORDS: [&str; 6] = ["不低于", "不少于", "不小于", "高于", "超过", "多于"];
const NUMERALS: &str = "一二三四五六七八九十两零〇";
/// One-character words that may stand before a figure (`共10场`, `达90%`).
const SHORT_LABELS: &str = "共计为达超满新增年月周日";

/// Reads a 指标值 in its place in the table.
pub fn read(text: &str, context: &Context) -> Result<Target, String> {
    let written = text.trim();
    if written.is_empty() || matches!(written, "暂无要求" | "无要求" | "无") {
        return Ok(Target::None);
    }
    if written == "不适用" {
        return Ok(Target::NotApplicable);
    }
    let length = written.chars().count();
    if length > MAX_CHARS {
        let start: String = written.chars().take(20).collect();
        return Err(format!(
            "指标值“{start}…”有 {length} 个字，超过 {MAX_CHARS} 字：一格只写指标值，说明写在备注（note）里"
        ));
    }
    let refuse = |why: String| format!("指标值“{written}”{why}");
    let normal = scan::normalize(written);
    if !normal.chars().any(|c| c.is_ascii_digit()) {
        return words(written, &normal, context).map_err(refuse);
    }
    let (text, conditions) = brackets(&normal).map_err(refuse)?;
    let chars: Vec<char> = text.chars().collect();
    let spans = dates::find(&chars, context.year).map_err(|e| refuse(format!("中{e}")))?;
    if spans.len() > 1 {
        let list: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        return Err(refuse(format!(
            "中有 {} 个日期（{}），不知道以哪个为准：一个指标只写一个截止日期，其余写在备注（note）里",
            spans.len(),
            list.join("、")
        )));
    }
    let by = spans.first();
    let rest: String = match by {
        Some(span) => chars[..span.start].iter().chain(['\u{E000}'].iter()).chain(&chars[span.end..]).collect(),
        None => text.clone(),
    };
    if let Some(span) = by
        && !rest.chars().any(|c| c.is_ascii_digit())
    {
        return Ok(Target::Deadline(Deadline { due: Some(span.last), written: written.to_owned() }));
    }
    if by.is_none() && on_time_in_one_clause(&rest) {
        return Ok(Target::Deadline(Deadline { due: None, written: written.to_owned() }));
    }
    if let Some(sentence) = direction_without_figure(&rest) {
        return Err(refuse(format!(
            "中“{sentence}”只写了方向，没有数，不知道怎样计分：一个指标只写要考核的数，其余写在备注（note）里"
        )));
    }
    let figures = scan::figures(&rest);
    if figures.is_empty() {
        return Err(refuse(
            "含有数字，但读不出数量（数字都只是名称的一部分）：请写成 200户、≥90% 这样的形式".to_owned(),
        ));
    }
    let mut measures: Vec<Measure> = Vec::new();
    let mut conditions = conditions;
    let mut owners = Vec::new();
    for figure in &figures {
        check(figure, &rest).map_err(refuse)?;
        // `每个小组不少于6节` beside `开展小组3个`: a condition on each, as in
        // brackets, not a figure of its own.
        if figures.len() > 1 && per_item(&figure.label) {
            let text: String = rest
                .chars()
                .skip(figure.start - figure.before.chars().count())
                .take(figure.end - figure.start + figure.before.chars().count())
                .collect();
            conditions.push((figure.start, text.trim_matches(|c: char| "，,、；;。".contains(c)).to_owned()));
            continue;
        }
        measures.push(measure(figure, by, context).map_err(refuse)?);
        owners.push(figure.end);
    }
    if measures.is_empty() {
        return Err(refuse("只写了每一项的条件（“每…”），没有写共要多少：请写出总数".to_owned()));
    }
    for (at, condition) in conditions {
        let owner = owners.iter().rposition(|end| *end <= at).unwrap_or(0);
        measures[owner].conditions.push(condition);
    }
    breakdown(&measures).map_err(refuse)?;
    Ok(match measures.len() {
        1 => Target::Measured(measures.remove(0)),
        _ => Target::Compound(measures),
    })
}

/// A cell with no number: a deadline in words, a change without a level
/// (refused), a bound without its figure (refused), or words people judge.
fn words(written: &str, normal: &str, context: &Context) -> Result<Target, String> {
    if on_time_in_one_clause(normal) {
        return Ok(Target::Deadline(Deadline { due: None, written: written.to_owned() }));
    }
    let year_end = YEAR_END.iter().find(|w| {
        normal.match_indices(*w).any(|(at, _)| !normal[..at].ends_with(|c: char| NUMERALS.contains(c) || c == '每'))
    });
    let this_year = context.timeliness().is_some() && ["当年", "本年"].iter().any(|w| normal.contains(w));
    if let Some(word) = year_end.or(this_year.then_some(&"当年")) {
        let Some(year) = context.year else {
            return Err(format!(
                "说的是年底，但不知道是哪一年：写成 2024年{word} 这样的形式，或在项目文件中写 year（年度）"
            ));
        };
        let due = chrono::NaiveDate::from_ymd_opt(year, 12, 31);
        return Ok(Target::Deadline(Deadline { due, written: written.to_owned() }));
    }
    for verb in RELATIVE {
        for (at, _) in normal.match_indices(verb) {
            let before: String = normal[..at].chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
            if !DEGREE.iter().any(|d| before.ends_with(d)) {
                return Err(format!(
                    "只写了方向（“{verb}”），没有写{verb}到多少，也没有原来的数，算不出完成率：\
                     请写出要达到的数（如 ≥63%），或写 kind: 定性 由人评定并写得分 score"
                ));
            }
        }
    }
    if let Some(word) = CEILING_WORDS.iter().chain(FLOOR_WORDS.iter()).find(|w| normal.contains(*w)) {
        let which = if CEILING_WORDS.contains(word) { "上限" } else { "下限" };
        return Err(format!(
            "有{which}的说法（“{word}”），却没有写出数：请写出{which}，如 {}814万元，或写 kind: 定性 由人评定并写得分 score",
            if which == "上限" { "≤" } else { "≥" }
        ));
    }
    Ok(Target::Judged(written.to_owned()))
}

/// Whether a label asks something of each item (`每个小组`, `每场`), not a
/// rate (`每月`, taken out as a period) or a share (`每百户`, `每千人`).
fn per_item(label: &str) -> bool {
    let label = label.trim_start_matches(|c: char| "，,、；;。".contains(c));
    label.starts_with('每') && !["每百", "每千", "每万", "每十"].iter().any(|w| label.starts_with(w))
}

/// A sentence of a cell with figures that asks for a change without one
/// (`逐步缩小城乡、区域差距`): the cell holds more than its figures say.
fn direction_without_figure(text: &str) -> Option<String> {
    text.split(['。', '；', ';', '!', '！', '?', '？'])
        .map(|s| s.trim_matches(|c: char| "—-–，,、 \u{E000}".contains(c)))
        .filter(|s| !s.is_empty() && !s.chars().any(|c| c.is_ascii_digit()))
        .find(|s| {
            RELATIVE
                .iter()
                .any(|verb| s.match_indices(verb).any(|(at, _)| !DEGREE.iter().any(|d| s[..at].ends_with(d))))
        })
        .map(str::to_owned)
}

/// Whether a one-clause cell asks for timeliness in words (`及时发放`,
/// `1-6期培训结束后及时考核`) rather than a rate of it (`及时率≥90%`).
fn on_time_in_one_clause(text: &str) -> bool {
    if text.contains('%') {
        return false; // `100%按时拨付` is a rate.
    }
    let clauses = text.split(['、', '，', ',', '；', ';', '。']).filter(|c| !c.is_empty()).count();
    let last_digit = text.rfind(|c: char| c.is_ascii_digit()).map_or(0, |at| at + 1);
    clauses <= 1
        && ON_TIME
            .iter()
            .any(|w| text.find(w).is_some_and(|at| at >= last_digit && !text[at + w.len()..].contains('率')))
}

/// Brackets in a cell: another name for a unit (dropped when normalizing),
/// words with no number (dropped: `(不包括输入病例)`), the same value again
/// (`100%(1.0)`, dropped), conditions (`(每场不少于1小时)`, kept to print,
/// not scored), a part of the total (`(其中…50家)`, read as parts so a
/// total and its part are refused below), or the only figure of the cell
/// (`开展街头巡查活动(其中街头救助活动不少于6次)`, read). Returns the text
/// and the conditions with where they stood.
fn brackets(text: &str) -> Result<(String, Vec<(usize, String)>), String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::new();
    let mut conditions = Vec::new();
    let outside_digits = {
        let mut depth = 0;
        chars.iter().any(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth == 0 && c.is_ascii_digit()
        })
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '(' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let Some(close) = closing(&chars, i) else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let inside: String = chars[i + 1..close].iter().collect();
        i = close + 1;
        if !inside.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(value) = Number::parse(&inside)
            && same_value(&out, value)
        {
            continue;
        }
        // `≥95%(含95%)`: the bound includes its figure, as ≥ says already.
        if let Some(same) = ["含", "包含"].iter().find_map(|w| inside.strip_prefix(w))
            && let Some(last) = scan::figures(&out.iter().collect::<String>()).pop()
            && let [again] = scan::figures(same).as_slice()
            && again.value == last.value
        {
            continue;
        }
        let part = ["其中", "包括", "包含", "含"].iter().find_map(|w| inside.strip_prefix(w));
        if let Some(part) = part {
            out.push('，');
            out.extend(if outside_digits { "其中" } else { "" }.chars());
            out.extend(part.chars());
            continue;
        }
        if inside.starts_with('每')
            || inside.split([',', '，', '、']).any(|c| c.starts_with('每'))
            || inside.contains('各')
        {
            conditions.push((out.len(), inside));
            continue;
        }
        if !outside_digits {
            out.push('，');
            out.extend(inside.chars());
            continue;
        }
        return Err(format!(
            "的括号里也有数（“{inside}”），看不出是条件还是要计分的数：要计分的写在括号外，条件写在备注（note）里"
        ));
    }
    Ok((out.into_iter().collect(), conditions))
}

/// The `)` that closes the `(` at `open`.
fn closing(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the figure just before a bracket is `value` again (`100%(1.0)`).
fn same_value(before: &[char], value: Number) -> bool {
    let text: String = before.iter().collect();
    let Some(last) = scan::figures(&text).pop() else { return false };
    last.end == before.len() && (last.value == value || (last.unit == "%" && last.value == value.times(100)))
}

/// What a cell may not do around a figure: an approximate figure, a
/// numeral glued to digits (`二100`), an ordinal, alternatives (`或`),
/// `各` without a count, a change from a level not given.
fn check(figure: &Figure, text: &str) -> Result<(), String> {
    let shown = format!("{}{}", figure.value, figure.unit);
    let chars: Vec<char> = text.chars().collect();
    if chars.get(figure.end) == Some(&':') && chars.get(figure.end + 1).is_some_and(char::is_ascii_digit) {
        return Err(format!("中“{shown}:…”是一个比例，不是数量：请写成百分比，如 ≥50%"));
    }
    if figure.approx {
        return Err(format!(
            "写的是约数（“左右”或“约”），既不是下限也不是上限：请写成 ≥{shown}（不低于）或 ≤{shown}（不超过）"
        ));
    }
    let last = figure.before.chars().last();
    if last.is_some_and(|c| NUMERALS.contains(c)) {
        return Err(format!(
            "中“{}{shown}”读不懂：数字前多了一个汉字数字（可能是扫描识别的错误），请照原表改正",
            last.unwrap_or_default()
        ));
    }
    if last == Some('第') {
        return Err(format!("中“第{shown}”是序号，不是数量：请写出要完成多少，如 4次"));
    }
    let from_first_figure = text.find(|c: char| c.is_ascii_digit()).map_or("", |at| &text[at..]);
    if from_first_figure.replace("或以上", "").replace("或以下", "").replace("或等于", "").contains('或') {
        return Err("写了“或”——两种可选的数量，不知道按哪个计分：只写要考核的那一个".to_owned());
    }
    if figure.label.ends_with('各') || figure.before.ends_with('各') {
        return Err(format!("中“各{shown}”是每一种各多少，没有写共有几种，算不出总数：请写出总数"));
    }
    let before: Vec<char> = figure.before.chars().collect();
    if let [only] = before.as_slice()
        && figure.label == figure.before
        && super::units::is_cjk(*only)
        && !SHORT_LABELS.contains(*only)
    {
        return Err(format!("中“{only}{shown}”的“{only}”读不懂：请照原表改正，如 ≥{shown}"));
    }
    for verb in RELATIVE {
        if let Some(at) = figure.before.rfind(verb) {
            let after = &figure.before[at + verb.len()..];
            // `提升至40%` is a level; `提升率≥80%`, `增长幅度` name a rate.
            let to_level = ["至", "到", "为", "率", "幅"].iter().any(|w| after.starts_with(w));
            // `提高5个百分点` is a change the actual can state too; `提升2%` may
            // be points or percent, and a bare figure says neither.
            let change = matches!(figure.unit.as_str(), "%" | "");
            if !to_level && change {
                return Err(format!(
                    "写的是比原来{verb}多少（“{verb}…{shown}”），没有原来的数，算不出：\
                     请写出要达到的数，如 {verb}至93% 或 ≥93%"
                ));
            }
        }
    }
    Ok(())
}

/// One figure as a measure: its unit (or the name's), its direction.
fn measure(figure: &Figure, by: Option<&Span>, context: &Context) -> Result<Measure, String> {
    let mut unit = figure.unit.clone();
    if let Some(named) = context.unit_in_name()
        && (unit.is_empty() || (unit.starts_with('/') && named.ends_with(&unit)))
    {
        unit = named;
    }
    let (bound, read_as) = match figure.low {
        Some(_) if figure.side.is_some() => {
            return Err(format!(
                "是一个区间（{}-{}{unit}），又写了上限或下限，不知道按哪个计分：只写区间或只写一个数",
                figure.low.unwrap_or_default(),
                figure.value
            ));
        }
        Some(low) => (Bound::Range { low }, None),
        None => {
            let (side, reason) = direction(figure, &unit, context)?;
            let bound = if side == Side::AtLeast { Bound::AtLeast } else { Bound::AtMost };
            (bound, if let Reason::Category(why) = reason { Some(why) } else { None })
        }
    };
    Ok(Measure {
        label: figure.label.clone(),
        bound,
        figure: figure.value,
        unit,
        period: figure.period,
        over: figure.per,
        read_as,
        by: by.map(|s| s.last),
        conditions: Vec::new(),
    })
}

/// A total and a part of it in one cell (`总人口200人，其他…41人`,
/// `100家(其中新增孵化50家…)`): scoring both would count the part twice,
/// scoring one leaves the other out.
fn breakdown(measures: &[Measure]) -> Result<(), String> {
    let part = |m: &Measure| ["其中", "其他", "含"].iter().any(|w| m.label.starts_with(w));
    for m in measures.iter().filter(|m| part(m) && !matches!(m.unit.as_str(), "%" | "‰" | "")) {
        if let Some(total) = measures.iter().find(|t| !part(t) && t.unit == m.unit) {
            return Err(format!(
                "既有总数（{}{}{}）又有其中的一部分（{}{}{}），不知道按哪个计分：只写要考核的数，或拆成两个指标",
                total.label, total.figure, total.unit, m.label, m.figure, m.unit
            ));
        }
    }
    Ok(())
}
