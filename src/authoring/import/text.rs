//! One line of a form's text read as what it asks for: plain text, spacing,
//! blanks to fill (a run of spaces after “金额：”, `XXX`, `{{name}}`,
//! “　年　月　日”, a space before 元) and `□` options. Pure string
//! analysis; where the blanks sit in the form is [`super::plan`]'s business.

/// A piece of a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Text(String),
    /// Spacing kept from the original, in em.
    Space(f32),
    /// Something to fill in.
    Slot(Slot),
    /// `□value` (or `value□`, `after`): one option of the line's choice.
    Choice {
        value: String,
        after: bool,
    },
}

/// A blank of a line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Slot {
    /// The label just before it, when it ends in a colon: `金额` of `金额：　　元`.
    pub label: Option<String>,
    /// The line around it, the blank taken out: a label of last resort.
    pub context: String,
    /// The unit printed after it: `元`, `万元`, `小时`.
    pub unit: Option<String>,
    /// A date (`　年　月　日`, `X年X月X日`).
    pub date: bool,
    /// The name a `{{name}}` placeholder gives.
    pub name: Option<String>,
    /// What the original prints where the value goes, for a blank form: the
    /// skeleton of a date, else nothing.
    pub empty: String,
    /// The blank's width in the original, in em.
    pub width: f32,
}

/// Words after which a blank is for a hand, a seal or a stamp, not a value.
pub const SIGNATURES: [&str; 6] = ["签字", "签名", "签章", "盖章", "公章", "印章"];

/// Units a blank may be followed by.
pub const UNITS: [&str; 9] = ["万元", "元", "小时", "人次", "人", "次", "个", "％", "%"];

/// A box of a choice, empty (`□`, `☐`) or, on a line with an empty box,
/// already ticked in the original (`■`, `☑`, `☒`): the filled file ticks
/// the chosen one and clears the others.
pub fn is_box(c: char) -> bool {
    matches!(c, '□' | '☐' | '■' | '☑' | '☒')
}

/// Reads a line.
pub fn tokens(line: &str) -> Vec<Token> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.contains(['□', '☐']) {
        return choice_tokens(line);
    }
    if let Some(slot) = whole_line_slot(line) {
        return slot;
    }
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Token>| {
        if !text.is_empty() {
            out.push(Token::Text(std::mem::take(text)));
        }
    };
    while i < chars.len() {
        if let Some((end, date)) = date_at(&chars, i) {
            flush(&mut text, &mut out);
            out.push(Token::Slot(date));
            i = end;
            continue;
        }
        if let Some((end, name)) = named_at(&chars, i) {
            flush(&mut text, &mut out);
            out.push(Token::Slot(Slot { name: Some(name), ..Slot::default() }));
            i = end;
            continue;
        }
        if let Some(end) = placeholder_at(&chars, i) {
            flush(&mut text, &mut out);
            out.push(Token::Slot(Slot::default()));
            i = end;
            continue;
        }
        let (end, width) = gap_at(&chars, i);
        if end > i {
            flush(&mut text, &mut out);
            out.push(Token::Space(width));
            i = end;
            continue;
        }
        text.push(chars[i]);
        i += 1;
    }
    flush(&mut text, &mut out);
    blanks_from_gaps(out)
}

/// A line that is nothing but a blank: `XXX`, `……`, `{{x}}`,
/// `xxxx年xx月 - xxxx年xx月`, or a unit with space before it (` 元`).
fn whole_line_slot(line: &str) -> Option<Vec<Token>> {
    let trimmed = line.trim_matches(is_space);
    if trimmed.is_empty() {
        return None;
    }
    // A cell holding only 元 is the blank before it (`　　元`).
    if let Some(unit) = ["元", "万元"].iter().find(|u| trimmed == **u) {
        let slot = Slot { unit: Some((*unit).to_owned()), width: 3.0, ..Slot::default() };
        return Some(vec![Token::Slot(slot), Token::Text((*unit).to_owned())]);
    }
    let chars: Vec<char> = trimmed.chars().collect();
    let mut placeholders = 0;
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = placeholder_at(&chars, i) {
            placeholders += 1;
            i = end;
        } else if chars[i] == '…' || chars[i] == '.' && chars[i..].starts_with(&['.', '.', '.']) {
            placeholders += 1;
            i += 1;
        } else if "年月日-—~～至到:：/. ".contains(chars[i]) || is_space(chars[i]) {
            i += 1;
        } else {
            return None;
        }
    }
    let years = trimmed.matches('年').count();
    // A period left blank, `　　年　月至　　年　月`: its words are all it prints.
    let period = placeholders == 0
        && trimmed.contains('年')
        && trimmed.contains('月')
        && line.chars().any(is_space)
        && trimmed.chars().all(|c| "年月日至到-—~～".contains(c) || is_space(c));
    if period {
        let empty = format!("\u{3000}\u{3000}{trimmed}");
        return Some(vec![Token::Slot(Slot { empty, width: 8.0, ..Slot::default() })]);
    }
    let date = years == 1 && trimmed.contains('日');
    // A blank form prints a date's skeleton: `　　年　　月　　日`.
    let empty = if trimmed.contains(['年', '月', '日']) { skeleton(trimmed) } else { String::new() };
    (placeholders > 0).then(|| vec![Token::Slot(Slot { date, empty, width: 6.0, ..Slot::default() })])
}

/// A date's words with its placeholders as blank space.
fn skeleton(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = placeholder_at(&chars, i) {
            out.push_str("\u{3000}\u{3000}");
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `□新增项目 □延续项目` or `新增项目□ 延续项目□`: options, the words
/// between kept as text.
fn choice_tokens(line: &str) -> Vec<Token> {
    let stop = |c: char| is_space(c) || "（()）,，;；:：_＿".contains(c) || is_box(c);
    let chars: Vec<char> = line.chars().collect();
    let starts_with_box = chars.iter().find(|&&c| !is_space(c)).is_some_and(|&c| is_box(c));
    let boxes_after = !starts_with_box
        && chars
            .iter()
            .enumerate()
            .filter(|(_, c)| is_box(**c))
            .all(|(i, _)| chars.get(i + 1).is_none_or(|&c| stop(c)));
    let mut out = Vec::new();
    let mut segment = String::new();
    if boxes_after {
        for &c in &chars {
            if !is_box(c) {
                segment.push(c);
                continue;
            }
            let value: String = {
                let tail: Vec<char> = segment.chars().rev().take_while(|&c| !stop(c)).collect();
                tail.into_iter().rev().collect()
            };
            push_text(&mut out, &segment[..segment.len() - value.len()]);
            out.push(if value.is_empty() { Token::Text(c.to_string()) } else { Token::Choice { value, after: true } });
            segment.clear();
        }
        push_text(&mut out, &segment);
        return out;
    }
    // Each part after the first follows a box, the boxes in their order.
    let mut boxes = line.chars().filter(|&c| is_box(c));
    let mut parts = line.split(is_box);
    push_text(&mut out, parts.next().unwrap_or(""));
    for part in parts {
        let box_char = boxes.next().unwrap_or('□');
        let value: String = part.chars().take_while(|&c| !stop(c)).collect();
        // A box after a word among boxes before words: `（…）　不能□`.
        let word = match out.last_mut() {
            Some(Token::Text(t)) if value.is_empty() => {
                let tail: String = t.chars().rev().take_while(|&c| !stop(c)).collect();
                t.truncate(t.len() - tail.len());
                tail.chars().rev().collect()
            }
            _ => String::new(),
        };
        if matches!(out.last(), Some(Token::Text(t)) if t.is_empty()) {
            out.pop();
        }
        out.push(match (value.is_empty(), word.is_empty()) {
            (true, true) => Token::Text(box_char.to_string()),
            (true, false) => Token::Choice { value: word, after: true },
            (false, _) => Token::Choice { value: value.clone(), after: false },
        });
        push_text(&mut out, &part[value.len()..]);
    }
    out
}

/// Text with its wide gaps as spacing.
fn push_text(out: &mut Vec<Token>, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut run = String::new();
    while i < chars.len() {
        let (end, width) = gap_at(&chars, i);
        if end > i {
            if !run.is_empty() {
                out.push(Token::Text(std::mem::take(&mut run)));
            }
            out.push(Token::Space(width.abs()));
            i = end;
        } else {
            run.push(chars[i]);
            i += 1;
        }
    }
    if !run.is_empty() {
        out.push(Token::Text(run));
    }
}

/// Gaps that are blanks: right after a label ending in a colon (unless what
/// it labels is a signature), before a unit, or a run of underscores. Each
/// blank takes the label before it; a date after a signature is its date.
fn blanks_from_gaps(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    // The text since the last blank, spacing left out: `合 计:` labels 合计.
    let mut before = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(t) => {
                before.push_str(t);
                out.push(token.clone());
            }
            Token::Choice { .. } => {
                before.clear();
                out.push(token.clone());
            }
            Token::Slot(slot) => {
                let mut slot = slot.clone();
                if slot.label.is_none() {
                    slot.label = label_of(&before, slot.date);
                }
                before.clear();
                out.push(Token::Slot(slot));
            }
            Token::Space(width) => {
                let after_colon = matches!(out.last(), Some(Token::Text(t)) if colon_label(t).is_some());
                let label = label_of(&before, false);
                let signature = SIGNATURES.iter().any(|s| before.contains(s));
                let after = match tokens.get(i + 1) {
                    Some(Token::Text(t)) => Some(t.as_str()),
                    _ => None,
                };
                let unit = after.and_then(|t| UNITS.iter().find(|u| t.trim_start_matches(is_space).starts_with(**u)));
                let underscores = *width < 0.0;
                let width = width.abs();
                let at_end = i + 1 == tokens.len();
                let blank = !signature
                    && (underscores
                        || (after_colon && (at_end || width >= 2.0 || unit.is_some()))
                        || (unit.is_some() && (out.is_empty() || after_colon)));
                if blank {
                    let unit = unit.map(|u| (*u).to_owned());
                    out.push(Token::Slot(Slot { label, unit, width, ..Slot::default() }));
                    before.clear();
                } else {
                    out.push(Token::Space(width));
                }
            }
        }
    }
    let context: String = out
        .iter()
        .filter_map(|t| match t {
            Token::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    for token in &mut out {
        if let Token::Slot(slot) = token {
            slot.context = context.trim_matches(is_space).to_owned();
        }
    }
    out
}

/// The label text before a blank gives it: its last clause before a
/// colon. A date after a signature is the signature's date.
fn label_of(before: &str, date: bool) -> Option<String> {
    let label = colon_label(before)?;
    if SIGNATURES.iter().any(|s| label.contains(s)) {
        return date.then(|| format!("{label}日期"));
    }
    Some(label.to_owned())
}

/// The label of text ending in a colon: its last clause, colon left off.
fn colon_label(text: &str) -> Option<&str> {
    let text = text.trim_end_matches(is_space);
    let body = text.strip_suffix('：').or_else(|| text.strip_suffix(':'))?;
    let start = body
        .rfind(['，', '。', '；', ',', ';', '、'])
        .map_or(0, |i| i + body[i..].chars().next().map_or(1, char::len_utf8));
    let label = body[start..].trim_matches(is_space);
    (!label.is_empty()).then_some(label)
}

/// A run of spacing at `i`: its end and width in em (negative for a run of
/// underscores, which is always a blank). Single spaces are text.
fn gap_at(chars: &[char], i: usize) -> (usize, f32) {
    let underscore = |c: char| c == '_' || c == '＿';
    if chars.get(i).copied().is_some_and(underscore) {
        let end = chars[i..].iter().position(|&c| !underscore(c)).map_or(chars.len(), |p| i + p);
        let width: f32 = chars[i..end].iter().map(|&c| if c == '_' { 0.5 } else { 1.0 }).sum();
        return if end - i >= 2 { (end, -width) } else { (i, 0.0) };
    }
    let end = chars[i..].iter().position(|&c| !is_space(c)).map_or(chars.len(), |p| i + p);
    let width: f32 = chars[i..end]
        .iter()
        .map(|&c| match c {
            '\u{3000}' => 1.0,
            '\t' => 2.0,
            _ => 0.5,
        })
        .sum();
    if width >= 1.0 { (end, width) } else { (i, 0.0) }
}

/// Whether a character is spacing in a form's text.
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
}

/// A named placeholder at `i`, `{{name}}` or `${name}`: where it ends, and
/// the name. Only the whole token is one: a lone `{` or `$` is text.
fn named_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let close: &[char] = match (chars.get(i), chars.get(i + 1)) {
        (Some('{'), Some('{')) => &['}', '}'],
        (Some('$'), Some('{')) => &['}'],
        _ => return None,
    };
    let from = i + 2;
    let end = (from..chars.len()).find(|&k| chars[k..].starts_with(close))?;
    let name: String = chars[from..end].iter().collect();
    Some((end + close.len(), name.trim().to_owned()))
}

/// `XXX`, `xx`, `××`, `＊＊` at `i`, not part of an ASCII word (`X-RITE`,
/// `XT30`); a lone `X` only standing alone (`（ X）月`), never the letter of
/// a word (`CT、X射线机`).
fn placeholder_at(chars: &[char], i: usize) -> Option<usize> {
    let mark = |c: char| matches!(c, 'X' | 'x' | '×' | '＊' | '*');
    if !chars.get(i).copied().is_some_and(mark) {
        return None;
    }
    let end = chars[i..].iter().position(|&c| !mark(c)).map_or(chars.len(), |p| i + p);
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "-+._/".contains(*c));
    if (i > 0 && word(chars.get(i - 1))) || word(chars.get(end)) {
        return None;
    }
    let run = &chars[i..end];
    let stars = run.iter().all(|&c| c == '*' || c == '＊');
    if stars && run.len() < 2 {
        return None;
    }
    let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    if run.len() == 1 && ((i > 0 && letter(chars.get(i - 1))) || letter(chars.get(end))) {
        return None;
    }
    Some(end)
}

/// A date to fill at `i`: `2017年  月  日`, `　　年　月　日`, `X年X月X日`, with
/// at least one part blank. Gives where it ends, and the slot.
fn date_at(chars: &[char], i: usize) -> Option<(usize, Slot)> {
    let part = |from: usize| {
        let end = chars[from..]
            .iter()
            .position(|&c| !(c.is_ascii_digit() || is_space(c) || matches!(c, 'X' | 'x' | '×')))
            .map_or(chars.len(), |p| from + p);
        (end, chars[from..end].iter().collect::<String>())
    };
    // The year part starts here: digits, blanks or X before 年.
    if i > 0 && (chars[i - 1].is_ascii_digit() || matches!(chars[i - 1], 'X' | 'x' | '×')) {
        return None;
    }
    let before = chars[..i].iter().rev().find(|c| !is_space(**c));
    if before.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year_end, year) = part(i);
    if chars.get(year_end) != Some(&'年') {
        return None;
    }
    let (month_end, month) = part(year_end + 1);
    if chars.get(month_end) != Some(&'月') {
        return None;
    }
    let (day_end, day) = part(month_end + 1);
    if chars.get(day_end) != Some(&'日') {
        return None;
    }
    let blank = |p: &str| {
        let t = p.trim_matches(is_space);
        t.is_empty() || t.chars().any(|c| matches!(c, 'X' | 'x' | '×'))
    };
    if !(blank(&year) || blank(&month) || blank(&day)) {
        return None;
    }
    let keep = |p: &str| {
        let t = p.trim_matches(is_space);
        if t.is_empty() || blank(t) { "\u{3000}\u{3000}".to_owned() } else { t.to_owned() }
    };
    let empty = format!("{}年{}月{}日", keep(&year), keep(&month), keep(&day));
    let width = chars[i..=day_end].len() as f32;
    Some((day_end + 1, Slot { date: true, empty, width, ..Slot::default() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(tokens: &[Token]) -> Vec<String> {
        tokens
            .iter()
            .map(|t| match t {
                Token::Text(t) => format!("T:{t}"),
                Token::Space(_) => "_".to_owned(),
                Token::Choice { value, after: false } => format!("□{value}"),
                Token::Choice { value, after: true } => format!("{value}□"),
                Token::Slot(s) => format!(
                    "S:{}{}{}{}",
                    s.label.as_deref().unwrap_or(""),
                    s.unit.as_deref().map(|u| format!("/{u}")).unwrap_or_default(),
                    if s.date { "/date" } else { "" },
                    s.name.as_deref().map(|n| format!("/{n}")).unwrap_or_default(),
                ),
            })
            .collect()
    }

    #[test]
    fn label_and_blank_in_one_line() {
        assert_eq!(shape(&tokens("金额：　　元")), ["T:金额：", "S:金额/元", "T:元"]);
        assert_eq!(shape(&tokens("项目名称：          ")), ["T:项目名称：", "S:项目名称"]);
        assert_eq!(shape(&tokens(" 元")), ["S:/元", "T:元"]);
        assert_eq!(shape(&tokens("合             计:{{money}}")), ["T:合", "_", "T:计:", "S:合计/money"]);
        assert_eq!(shape(&tokens("申请日期：{{date}}")), ["T:申请日期：", "S:申请日期/date"]);
    }

    #[test]
    fn signatures_are_not_blanks() {
        assert_eq!(shape(&tokens("负责人签字：　　　")), ["T:负责人签字：", "_"]);
        assert_eq!(shape(&tokens("负责人签字：　　　年　月　日")), ["T:负责人签字：", "S:负责人签字日期/date"]);
        assert_eq!(shape(&tokens("（单位盖章）")), ["T:（单位盖章）"]);
    }

    #[test]
    fn dates_with_blank_parts() {
        let t = tokens("填报日期：2017年  月  日");
        assert_eq!(shape(&t), ["T:填报日期：", "S:填报日期/date"]);
        let Token::Slot(s) = &t[1] else { panic!() };
        assert_eq!(s.empty, "2017年\u{3000}\u{3000}月\u{3000}\u{3000}日");
        assert_eq!(shape(&tokens("2016 年  03  月  06 日")), ["T:2016 年", "_", "T:03", "_", "T:月", "_", "T:06 日"]);
        assert_eq!(shape(&tokens("X年X月X日")), ["S:/date"]);
        let period = tokens("　　年　月至　　年　月");
        assert_eq!(shape(&period), ["S:"]);
        let Token::Slot(s) = &period[0] else { panic!() };
        assert_eq!(s.empty, "\u{3000}\u{3000}年　月至　　年　月");
        assert_eq!(shape(&tokens("年月")), ["T:年月"]);
    }

    #[test]
    fn placeholders_but_not_words() {
        assert_eq!(shape(&tokens("XXX")), ["S:"]);
        assert_eq!(shape(&tokens("XXX年资产总额")), ["S:", "T:年资产总额"]);
        assert_eq!(shape(&tokens("X-RITE爱色丽")), ["T:X-RITE爱色丽"]);
        assert_eq!(shape(&tokens("XT30+XF 18-55mm")), ["T:XT30+XF 18-55mm"]);
        assert_eq!(shape(&tokens("残联项目（ X）月度表")), ["T:残联项目（ ", "S:", "T:）月度表"]);
        assert_eq!(shape(&tokens("……")), ["S:"]);
        assert_eq!(shape(&tokens("xxxx年xx月 - xxxx年xx月")), ["S:"]);
        assert_eq!(shape(&tokens("＊＊小时")), ["S:", "T:小时"]);
        assert_eq!(shape(&tokens("CT、X射线机")), ["T:CT、X射线机"]);
        assert_eq!(shape(&tokens("XX市XX区XX街道XXX号")), ["S:", "T:市", "S:", "T:区", "S:", "T:街道", "S:", "T:号"]);
        assert_eq!(shape(&tokens("得分：${2022-1.1.1ownerScore}")), ["T:得分：", "S:得分/2022-1.1.1ownerScore"]);
        assert_eq!(shape(&tokens("${a} 与 {{b}}")), ["S:/a", "T: 与 ", "S:/b"]);
        assert_eq!(shape(&tokens("单价 $5 {元}")), ["T:单价 $5 {元}"]);
    }

    #[test]
    fn options() {
        assert_eq!(shape(&tokens("新增项目□ 延续项目□")), ["新增项目□", "T: ", "延续项目□"]);
        // A box the original already ticks is a box of the choice; alone, a mark.
        assert_eq!(shape(&tokens("■新项目　☑续期□其他")), ["□新项目", "_", "□续期", "□其他"]);
        assert_eq!(shape(&tokens("■ 必须 ☐ 未交")), ["T:■", "T: 必须 ", "T:☐", "T: 未交"]);
        assert_eq!(
            shape(&tokens("□是 （□有税控机  □税务代开）       □否")),
            ["□是", "T: （", "□有税控机", "_", "□税务代开", "T:）", "_", "□否"]
        );
    }
}
