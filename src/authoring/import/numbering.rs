//! Word's automatic numbering (`word/numbering.xml`) as the text it prints:
//! a heading whose 一、 or （六） Word adds is read with it, as the printed
//! original shows it. A paragraph's `w:numPr` (its own, else its style's)
//! names a list and a level; each level has a start, a format and a text
//! (`%1、`, `（%2）`); counters run per list definition, a level's count
//! restarting under each new item of the level above.

use std::collections::HashMap;

use super::xml::Element;
use crate::units::numbering::chinese_number;

/// The numbering definitions of a document, and the counts so far.
#[derive(Default)]
pub struct Numbering {
    /// `numId` → its abstract definition's id.
    lists: HashMap<String, String>,
    /// (abstract id, level) → level.
    levels: HashMap<(String, usize), Level>,
    /// Paragraph style id → its (numId, level).
    styles: HashMap<String, (String, usize)>,
    counts: HashMap<String, Vec<u32>>,
}

struct Level {
    start: u32,
    format: String,
    text: String,
}

impl Numbering {
    pub fn read(numbering: Option<&Element>, styles: Option<&Element>) -> Numbering {
        let mut read = Numbering::default();
        let val = |e: &Element, name: &str| e.child(name).and_then(|c| c.attr("val")).map(str::to_owned);
        if let Some(numbering) = numbering {
            for abstract_num in numbering.children_named("abstractNum") {
                let Some(id) = abstract_num.attr("abstractNumId") else { continue };
                for lvl in abstract_num.children_named("lvl") {
                    let Some(level) = lvl.attr("ilvl").and_then(|l| l.parse::<usize>().ok()) else { continue };
                    let start = val(lvl, "start").and_then(|s| s.parse().ok()).unwrap_or(1);
                    let format = val(lvl, "numFmt").unwrap_or_else(|| "decimal".to_owned());
                    let text = val(lvl, "lvlText").unwrap_or_default();
                    read.levels.insert((id.to_owned(), level.min(8)), Level { start, format, text });
                }
            }
            for num in numbering.children_named("num") {
                if let (Some(id), Some(abstract_id)) = (num.attr("numId"), val(num, "abstractNumId")) {
                    read.lists.insert(id.to_owned(), abstract_id);
                }
            }
        }
        for style in styles.into_iter().flat_map(|s| s.children_named("style")) {
            if let (Some(id), Some(num)) = (style.attr("styleId"), style.path(&["pPr", "numPr"])) {
                let level = val(num, "ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
                if let Some(list) = val(num, "numId") {
                    read.styles.insert(id.to_owned(), (list, level));
                }
            }
        }
        read
    }

    /// The number Word prints before paragraph `p`, counting it; `None` for
    /// a paragraph outside any list.
    pub fn prefix(&mut self, p: &Element) -> Option<String> {
        let style = p.path(&["pPr", "pStyle"]).and_then(|s| s.attr("val")).and_then(|s| self.styles.get(s)).cloned();
        let own = p.path(&["pPr", "numPr"]);
        let list = own.and_then(|n| n.child("numId")).and_then(|n| n.attr("val")).map(str::to_owned);
        let level = own.and_then(|n| n.child("ilvl")).and_then(|l| l.attr("val")).and_then(|l| l.parse().ok());
        let (list, level) = match (list, style) {
            (Some(list), style) => (list, level.or(style.map(|s| s.1)).unwrap_or(0)),
            (None, Some((list, style_level))) => (list, level.unwrap_or(style_level)),
            (None, None) => return None,
        };
        let level: usize = level.min(8);
        let abstract_id = self.lists.get(&list)?.clone();
        let levels = &self.levels;
        let start = |l: usize| levels.get(&(abstract_id.clone(), l)).map_or(1, |l| l.start);
        let counts = self.counts.entry(abstract_id.clone()).or_default();
        if counts.len() <= level {
            let from = counts.len();
            counts.extend((from..=level).map(|l| start(l).saturating_sub(1)));
        }
        counts[level] += 1;
        counts.truncate(level + 1);
        let counts = counts.clone();
        let text = &self.levels.get(&(abstract_id.clone(), level))?.text;
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let n = counts.get(l).copied().unwrap_or_else(|| start(l));
                    let format = self.levels.get(&(abstract_id.clone(), l)).map_or("decimal", |l| l.format.as_str());
                    out.push_str(&shown(format, n));
                }
                _ => out.push(c),
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

/// A count in a level's format.
fn shown(format: &str, n: u32) -> String {
    let letter =
        |base: u8| if (1..=26).contains(&n) { char::from(base + (n - 1) as u8).to_string() } else { n.to_string() };
    match format {
        f if f.starts_with("chinese") || f.starts_with("ideograph") || f.starts_with("japaneseCounting") => {
            chinese_number(n)
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "upperLetter" => letter(b'A'),
        "lowerLetter" => letter(b'a'),
        "upperRoman" | "lowerRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" { roman.to_lowercase() } else { roman }
        }
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_word_prints_them() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let numbering = super::super::xml::parse(xml.as_bytes()).unwrap();
        let mut read = Numbering::read(Some(&numbering), None);
        let p = |level: usize| {
            let xml = format!(
                r#"<w:p xmlns:w="w"><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#
            );
            super::super::xml::parse(xml.as_bytes()).unwrap()
        };
        let shown: Vec<String> = [0, 1, 1, 0, 1, 1, 1, 1, 1, 1].iter().filter_map(|&l| read.prefix(&p(l))).collect();
        assert_eq!(
            shown,
            ["一、", "（一）", "（二）", "二、", "（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
        );
        let plain = super::super::xml::parse(br#"<w:p xmlns:w="w"/>"#).unwrap();
        assert_eq!(read.prefix(&plain), None);
        assert_eq!(shown_roman(), "xiv");
    }

    fn shown_roman() -> String {
        shown("lowerRoman", 14)
    }
}
