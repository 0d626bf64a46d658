//! Numbering as Chinese documents write it: 一、（一）1.（1）① by GB/T 9704,
//! or in the style a form writes (`第一章`, `1、`); numbers in Chinese
//! numerals (1 → 一, 12 → 十二).

/// 1 → 一, 12 → 十二, 20 → 二十: for （一） headings.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[(n - 10) as usize] }),
        20..=99 => {
            format!("{}十{}", DIGITS[(n / 10) as usize], if n % 10 == 0 { "" } else { DIGITS[(n % 10) as usize] })
        }
        _ => n.to_string(),
    }
}

/// The numerals a numbering style may hold: 一 (Chinese), 1 (Arabic), ①
/// (circled); returns the style's text before and after it and its kind.
pub fn numbering_style(style: &str) -> Option<(&str, char, &str)> {
    let at = style.find(['一', '1', '①'])?;
    let numeral = style[at..].chars().next()?;
    Some((&style[..at], numeral, &style[at + numeral.len_utf8()..]))
}

/// The `n`-th number in `style`: `（一）` → （三）, `1、` → 3、, `①` → ③.
pub fn styled_number(style: &str, n: usize) -> Option<String> {
    let (before, numeral, after) = numbering_style(style)?;
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let shown = match numeral {
        '一' => chinese_number(n32),
        '①' if n <= 20 => char::from_u32(0x2460 + n32 - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    };
    Some(format!("{before}{shown}{after}"))
}

/// The GB/T 9704 numbering of the `n`-th heading at `depth`: 一、（一）1.（1）,
/// then ① ② ….
pub fn heading_number(depth: usize, n: usize) -> String {
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    match depth {
        1 => format!("{}、", chinese_number(n32)),
        2 => format!("（{}）", chinese_number(n32)),
        3 => format!("{n}."),
        4 => format!("（{n}）"),
        _ => char::from_u32(0x2460 + n32.saturating_sub(1)).filter(|_| n <= 20).map_or(format!("{n})"), String::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_numbered_the_gb_way() {
        let numbers: Vec<String> = [(1, 1), (1, 12), (2, 3), (3, 4), (4, 2), (5, 1)]
            .into_iter()
            .map(|(depth, n)| heading_number(depth, n))
            .collect();
        assert_eq!(numbers, ["一、", "十二、", "（三）", "4.", "（2）", "①"]);
    }

    #[test]
    fn headings_are_numbered_as_the_form_writes_them() {
        let styled: Vec<String> = [("一、", 3), ("（一）", 11), ("1、", 12), ("（1）", 2), ("①", 4), ("第一章", 2)]
            .into_iter()
            .filter_map(|(style, n)| styled_number(style, n))
            .collect();
        assert_eq!(styled, ["三、", "（十一）", "12、", "（2）", "④", "第二章"]);
        assert_eq!(styled_number("、", 1), None);
    }
}
