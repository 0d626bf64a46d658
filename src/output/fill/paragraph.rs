//! One Word paragraph filled in place: its lines read as the importer read
//! them (runs' text, a `w:br` a new line, Wingdings boxes as `□`), a line
//! with values rewritten in the paragraph's own run formatting, and the
//! `□` of a chosen option ticked where it stands, every other run kept.

use crate::forms::original::Piece;

use super::spans::{self, Span};
use super::values::Value;

/// What the importer leaves out of a paragraph's text.
const SKIPPED: [&str; 3] = ["Fallback", "del", "moveFrom"];

/// Lines of a paragraph or cell (from 0) and what each prints.
pub type Lines = Vec<(usize, Vec<Piece>)>;

/// The box a chosen option gets.
pub const TICKED: char = '☑';

/// The runs of a paragraph, as the importer reads them.
pub fn runs(p: &Span) -> Vec<&Span> {
    p.descendants(&SKIPPED).into_iter().filter(|e| e.local() == "r").collect()
}

fn breaks(e: &Span, xml: &str) -> bool {
    matches!(e.local(), "br" | "cr") && e.attr(xml, "type").as_deref() != Some("page")
}

/// How many lines the importer read in a paragraph.
pub fn line_count(xml: &str, p: &Span) -> usize {
    1 + runs(p).iter().flat_map(|r| r.children.iter()).filter(|e| breaks(e, xml)).count()
}

/// A character of the paragraph's text and where it comes from.
#[derive(Clone, Copy)]
enum Source<'s> {
    /// The `k`-th character of a `w:t`.
    Text(&'s Span, usize),
    /// A symbol (`w:sym`).
    Symbol(&'s Span),
    Other,
}

/// The paragraph's lines, each a list of characters and their sources.
fn lines<'s>(xml: &str, p: &'s Span) -> Vec<Vec<(char, Source<'s>)>> {
    let mut lines = vec![Vec::new()];
    for run in runs(p) {
        for part in &run.children {
            let line = lines.last_mut().expect("one line at least");
            match part.local() {
                "t" => {
                    let text = spans::unescape(part.inner(xml));
                    line.extend(text.chars().enumerate().map(|(k, c)| (c, Source::Text(part, k))));
                }
                "tab" | "ptab" => line.push(('\t', Source::Other)),
                "noBreakHyphen" => line.push(('-', Source::Other)),
                "sym" => {
                    let code = part.attr(xml, "char").unwrap_or_default().to_ascii_uppercase();
                    if matches!(code.as_str(), "F0A8" | "F06F" | "F0A3" | "F071" | "F0A1") {
                        line.push(('□', Source::Symbol(part)));
                    } else if matches!(code.as_str(), "F0FE" | "F0FD" | "F052" | "F053" | "F0FC") {
                        line.push(('■', Source::Symbol(part)));
                    }
                }
                _ if breaks(part, xml) => lines.push(Vec::new()),
                _ => {}
            }
        }
    }
    lines
}

/// A paragraph's line printed with values and boxes; `None` when no value
/// of it is given (the line stays as the original prints it).
pub fn printed(pieces: &[Piece], value: &dyn Fn(&str) -> Option<Value>, number: Option<usize>) -> Option<String> {
    let mut out = String::new();
    let mut any = false;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Number => {
                if let Some(n) = number {
                    out.push_str(&n.to_string());
                    any = true;
                }
            }
            Piece::Value { key, unit } => {
                if let Some(v) = value(key) {
                    out.push_str(&v.print(unit.as_deref()));
                    any = true;
                }
            }
            Piece::Option { key, value: option, after } => {
                let chosen = value(key).is_some_and(|v| v.print(None) == *option);
                any |= chosen;
                let mark = if chosen { TICKED } else { '□' };
                if *after {
                    out.push_str(option);
                    out.push(mark);
                } else {
                    out.push(mark);
                    out.push_str(option);
                }
            }
        }
    }
    any.then_some(out)
}

/// The edits that tick the boxes of the chosen options in a paragraph,
/// each box where it stands.
pub fn ticks(
    xml: &str,
    p: &Span,
    line: usize,
    pieces: &[Piece],
    value: &dyn Fn(&str) -> Option<Value>,
) -> Vec<(std::ops::Range<usize>, String)> {
    let Some(chars) = lines(xml, p).into_iter().nth(line) else { return Vec::new() };
    let text: Vec<char> = chars.iter().map(|(c, _)| *c).collect();
    // Each box of an option of a chosen field, and whether it is to be ticked.
    let mut boxes: Vec<(Source, bool)> = Vec::new();
    for piece in pieces {
        let Piece::Option { key, value: option, after } = piece else { continue };
        let Some(given) = value(key) else { continue };
        let chosen = given.print(None) == *option;
        let wanted: Vec<char> = option.chars().collect();
        for start in (0..text.len()).filter(|&i| text[i..].starts_with(&wanted)) {
            let found = if *after {
                (start + wanted.len()..text.len()).find(|&i| !text[i].is_whitespace() && text[i] != '\u{3000}')
            } else {
                (0..start).rev().find(|&i| !text[i].is_whitespace() && text[i] != '\u{3000}')
            };
            if let Some(i) = found.filter(|&i| is_box(text[i])) {
                // A box already as it should be is left alone.
                if chosen != is_ticked(text[i]) {
                    boxes.push((chars[i].1, chosen));
                }
                break;
            }
        }
    }
    // Each `w:t` rewritten once, with every box ticked in it.
    let mut by_text: Vec<(&Span, Vec<(usize, char)>)> = Vec::new();
    let mut edits = Vec::new();
    for (from, tick) in boxes {
        let mark = if tick { TICKED } else { '□' };
        match from {
            Source::Text(t, k) => match by_text.iter_mut().find(|(s, _)| s.start == t.start) {
                Some((_, ks)) => ks.push((k, mark)),
                None => by_text.push((t, vec![(k, mark)])),
            },
            Source::Symbol(sym) => {
                let font = sym.attr(xml, "font").unwrap_or_else(|| "Wingdings".to_owned());
                let code = match (font.contains('2'), tick) {
                    (true, true) => "F052",
                    (false, true) => "F0FE",
                    (true, false) => "F0A3",
                    (false, false) => "F0A8",
                };
                let prefix = prefix(&sym.name);
                edits.push((
                    sym.start..sym.end,
                    format!("<{} {prefix}font=\"{}\" {prefix}char=\"{code}\"/>", sym.name, spans::escape(&font)),
                ));
            }
            Source::Other => {}
        }
    }
    for (t, ks) in by_text {
        let text: String = spans::unescape(t.inner(xml))
            .chars()
            .enumerate()
            .map(|(k, c)| ks.iter().find(|(at, _)| *at == k).map_or(c, |(_, mark)| *mark))
            .collect();
        let open = &xml[t.start..t.open];
        let open = open.strip_suffix("/>").map_or_else(|| open.to_owned(), |o| format!("{o}>"));
        edits.push((t.start..t.end, format!("{open}{}</{}>", spans::escape(&text), t.name)));
    }
    edits
}

/// A box of a choice, empty or ticked (as the importer reads them).
fn is_box(c: char) -> bool {
    matches!(c, '□' | '☐' | '■' | '☑' | '☒')
}

fn is_ticked(c: char) -> bool {
    matches!(c, '■' | '☑' | '☒')
}

/// `w:` of `w:t`.
pub fn prefix(name: &str) -> String {
    name.split_once(':').map(|(p, _)| format!("{p}:")).unwrap_or_default()
}

/// The paragraph with line `k` of it replaced by `replaced[k]` where given,
/// in the formatting of its first run with text (else of its paragraph
/// mark); its other runs with text are taken out, everything else kept.
pub fn rewrite(xml: &str, p: &Span, replaced: &[(usize, String)]) -> String {
    let w = prefix(&p.name);
    let old: Vec<String> = lines(xml, p).iter().map(|l| l.iter().map(|(c, _)| *c).collect()).collect();
    let new: Vec<String> = (0..old.len().max(replaced.iter().map(|(k, _)| k + 1).max().unwrap_or(0)))
        .map(|k| {
            replaced
                .iter()
                .find(|(line, _)| *line == k)
                .map_or_else(|| old.get(k).cloned().unwrap_or_default(), |(_, t)| t.clone())
        })
        .collect();
    let holds_text = |r: &&Span| r.children.iter().any(|c| matches!(c.local(), "t" | "tab" | "sym") || breaks(c, xml));
    let text_runs: Vec<&Span> = runs(p).into_iter().filter(holds_text).collect();
    let props = text_runs
        .iter()
        .find(|r| r.child("t").is_some_and(|t| !t.inner(xml).is_empty()))
        .or(text_runs.first())
        .and_then(|r| r.child("rPr"))
        .map(|r| r.source(xml).to_owned())
        .or_else(|| p.child("pPr").and_then(|pp| pp.child("rPr")).map(|r| r.source(xml).to_owned()))
        .unwrap_or_default();
    let mut body = String::new();
    for (k, line) in new.iter().enumerate() {
        if k > 0 {
            body.push_str(&format!("<{w}br/>"));
        }
        for (j, part) in line.split('\n').enumerate() {
            if j > 0 {
                body.push_str(&format!("<{w}br/>"));
            }
            for (i, piece) in part.split('\t').enumerate() {
                if i > 0 {
                    body.push_str(&format!("<{w}tab/>"));
                }
                if !piece.is_empty() {
                    body.push_str(&format!("<{w}t xml:space=\"preserve\">{}</{w}t>", spans::escape(piece)));
                }
            }
        }
    }
    let run = format!("<{w}r>{props}{body}</{w}r>");
    let local = |at: usize| at - p.start;
    let source = p.source(xml);
    if p.open == p.end {
        // `<w:p/>`: opened, the run put in.
        let open = source.trim_end_matches("/>").trim_end();
        return format!("{open}>{run}</{}>", p.name);
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> =
        text_runs.iter().map(|r| (local(r.start)..local(r.end), String::new())).collect();
    match edits.first_mut() {
        Some(first) => first.1 = run,
        None => {
            let at = local(p.end) - p.name.len() - 3;
            edits.push((at..at, run));
        }
    }
    spans::splice(source, edits)
}
