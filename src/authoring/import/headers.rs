//! Fields in a Word original's headers and footers (`word/header1.xml`,
//! `word/footer2.xml`): a blank there (`＿＿`, `XX`, `{{项目名称}}`) after
//! a label the form's body asks for too (`项目名称：＿＿＿`) is a place of
//! that field in that part, filled by `build --docx` as the body's. A blank
//! whose label the body does not ask for is left as printed, and said.

use std::io::Read;

use super::fields::{Field, Kind, Unit};
use super::model::Plan;
use crate::output::fill::paragraph::runs;
use crate::output::fill::spans;

/// Wrappers Word puts around paragraphs.
const WRAPPERS: [&str; 4] = ["sdt", "sdtContent", "customXml", "smartTag"];

/// The manifest with the places of the headers' and footers' fields added
/// to its `original:` block (which ends it), and the blanks left as
/// printed: `(part, label)`.
pub fn with_places(manifest: &str, bytes: &[u8], plan: &Plan) -> (String, Vec<(String, String)>) {
    let mut lines = Vec::new();
    let mut left = Vec::new();
    for (part, xml) in parts(bytes) {
        let Ok(root) = spans::parse(&xml) else { continue };
        let Some(top) = root.children.iter().find(|c| matches!(c.local(), "hdr" | "ftr")) else { continue };
        let paragraphs = top.unwrapped(&["p", "tbl"], &WRAPPERS).into_iter().filter(|b| b.local() == "p");
        for (n, p) in paragraphs.enumerate() {
            for (k, line) in text(&xml, p).split('\n').enumerate() {
                let (text, unknown) = placed(line, &plan.fields);
                left.extend(unknown.into_iter().map(|label| (part.clone(), label)));
                if let Some(text) = text {
                    let text = format!("'{}'", text.replace('\'', "''"));
                    lines.push(format!(
                        "    - {{ part: {part}, paragraph: {}, line: {}, text: {text} }}\n",
                        n + 1,
                        k + 1
                    ));
                }
            }
        }
    }
    if lines.is_empty() {
        return (manifest.to_owned(), left);
    }
    let mut out = manifest.trim_end_matches('\n').to_owned();
    out.push('\n');
    if !manifest.contains("\n  places:\n") {
        out.push_str("  places:\n");
    }
    out.push_str(&lines.concat());
    (out, left)
}

/// The headers and footers of the package, in their names' order.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return Vec::new() };
    let mut names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            (n.starts_with("word/header") || n.starts_with("word/footer"))
                && n.ends_with(".xml")
                && !n.contains("/_rels")
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let Ok(file) = archive.by_name(&name) else { continue };
        let mut text = String::new();
        // A part is at most 20 MB, as the filler reads it.
        if file.take(20 * 1024 * 1024).read_to_string(&mut text).is_ok() {
            out.push((name, text));
        }
    }
    out
}

/// A paragraph's text as the filler counts its lines: `w:br` breaks one.
fn text(xml: &str, p: &spans::Span) -> String {
    let mut out = String::new();
    for run in runs(p) {
        for part in &run.children {
            match part.local() {
                "t" => out.push_str(&spans::unescape(part.inner(xml))),
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                _ => {}
            }
        }
    }
    out
}

/// A line as a place's `text` when a blank of it follows a label the
/// body asks for, and the labels of its blanks the body does not.
fn placed(line: &str, fields: &[Field]) -> (Option<String>, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut unknown = Vec::new();
    let mut any = false;
    let (mut i, mut from) = (0, 0);
    while i < chars.len() {
        let Some((end, inner)) = blank(&chars, i) else {
            i += 1;
            continue;
        };
        let before: String = chars[from..i].iter().collect();
        let label = inner.unwrap_or_else(|| before.clone());
        let label: String = label.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
        let label = label.trim_end_matches(['：', ':']).to_owned();
        let blank: String = chars[i..end].iter().collect();
        out.push_str(&crate::forms::original::literal(&before));
        match fields.iter().find(|f| !matches!(f.kind, Kind::Table(_)) && (f.label == label || f.key == label)) {
            Some(field) => {
                let unit = match field.kind {
                    Kind::Money(Unit::Wan) => ":wan",
                    Kind::Money(Unit::Yuan) => ":yuan",
                    _ => "",
                };
                out.push_str(&format!("{{{}{unit}}}", field.key));
                any = true;
            }
            None => {
                out.push_str(&crate::forms::original::literal(&blank));
                if !label.is_empty() {
                    unknown.push(label);
                }
            }
        }
        i = end;
        from = end;
    }
    let rest: String = chars[from..].iter().collect();
    out.push_str(&crate::forms::original::literal(&rest));
    (any.then_some(out), unknown)
}

/// The blank starting at `i`: where it ends, and the label inside it
/// (`{{项目名称}}`); two or more of ＿, _, X or × in a row.
fn blank(chars: &[char], i: usize) -> Option<(usize, Option<String>)> {
    if chars[i] == '{' && chars.get(i + 1) == Some(&'{') {
        let close = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == '}' && chars[j + 1] == '}')?;
        return Some((close + 2, Some(chars[i + 2..close].iter().collect())));
    }
    let filler = |c: char| matches!(c, '＿' | '_' | 'X' | '×');
    if !filler(chars[i]) || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let end = (i..chars.len()).find(|&j| chars[j] != chars[i]).unwrap_or(chars.len());
    (end - i >= 2 && chars.get(end).is_none_or(|c| !c.is_ascii_alphanumeric())).then_some((end, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str, label: &str) -> Field {
        Field { key: key.into(), label: label.into(), kind: Kind::Text, rows: 0, from: None }
    }

    #[test]
    fn a_blank_after_a_label_the_body_asks_for_is_its_place() {
        let fields = [field("project_name", "项目名称"), field("org", "申报单位")];
        assert_eq!(
            placed("项目名称：＿＿＿＿　申报单位：XX　编号：__", &fields),
            (Some("项目名称：{project_name}　申报单位：{org}　编号：__".to_owned()), vec!["编号".to_owned()])
        );
        assert_eq!(placed("{{项目名称}} 第 1 页", &fields), (Some("{project_name} 第 1 页".to_owned()), vec![]));
        assert_eq!(placed("XXL 尺码、Box", &fields), (None, vec![]));
    }
}
