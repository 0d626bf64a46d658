//! The cells of a Word table as the filler edits them: rows and cells
//! found through Word's wrappers, a cell made anew holding one line in its
//! first paragraph's formatting, and merged down (`w:vMerge`) as a block
//! of rows needs.

use std::ops::Range;

use super::paragraph::{self, prefix, rewrite};
use super::spans::{self, Span};

/// Wrappers Word puts around paragraphs, rows and cells.
pub(super) const WRAPPERS: [&str; 4] = ["sdt", "sdtContent", "customXml", "smartTag"];

pub(super) type Edit = (Range<usize>, String);

pub(super) fn rows_of(table: &Span) -> Vec<&Span> {
    table.unwrapped(&["tr"], &WRAPPERS)
}

pub(super) fn cells_of(row: &Span) -> Vec<&Span> {
    row.unwrapped(&["tc"], &WRAPPERS)
}

/// What a cell of a made row holds, and how it merges with the cell above.
pub(super) enum Merge {
    None,
    Restart,
    Continue,
}

/// A cell of the template row holding `text` alone, in its first
/// paragraph's formatting, merged as `merge` says.
pub(super) fn cell_with(source: &str, tc: &Span, text: &str, merge: Merge) -> String {
    let w = prefix(&tc.name);
    let props = props(source, tc, &merge).unwrap_or_default();
    let paragraph = match tc.children.iter().find(|c| c.local() == "p") {
        Some(p) if text.is_empty() => rewrite(source, p, &[(0, String::new())]),
        Some(p) => rewrite(source, p, &[(0, text.to_owned())]),
        None => format!("<{w}p><{w}r><{w}t xml:space=\"preserve\">{}</{w}t></{w}r></{w}p>", spans::escape(text)),
    };
    // Only the first line is kept: the others belonged to the original's text.
    let paragraph = keep_first_line(&paragraph);
    let open = &source[tc.start..tc.open];
    format!("{open}{props}{paragraph}</{}>", tc.name)
}

/// A cell's properties merged as `merge` says (its own `w:vMerge` dropped),
/// `None` for a cell without properties that merges with nothing.
pub(super) fn props(source: &str, tc: &Span, merge: &Merge) -> Option<String> {
    let w = prefix(&tc.name);
    match tc.child("tcPr") {
        Some(pr) => {
            let (before, after): (Vec<&Span>, Vec<&Span>) = pr
                .children
                .iter()
                .filter(|c| c.local() != "vMerge")
                .partition(|c| matches!(c.local(), "cnfStyle" | "tcW" | "gridSpan" | "hMerge"));
            let before: String = before.iter().map(|c| c.source(source)).collect();
            let after: String = after.iter().map(|c| c.source(source)).collect();
            Some(format!("<{w}tcPr>{before}{}{after}</{w}tcPr>", merge_tag(&w, merge)))
        }
        None => match merge {
            Merge::None => None,
            _ => Some(format!("<{w}tcPr>{}</{w}tcPr>", merge_tag(&w, merge))),
        },
    }
}

fn merge_tag(w: &str, merge: &Merge) -> String {
    match merge {
        Merge::None => String::new(),
        Merge::Restart => format!("<{w}vMerge {w}val=\"restart\"/>"),
        Merge::Continue => format!("<{w}vMerge/>"),
    }
}

/// A rewritten paragraph holds its lines separated by `w:br`; a made cell
/// keeps only its new first line.
fn keep_first_line(paragraph: &str) -> String {
    let Ok(root) = spans::parse(paragraph) else { return paragraph.to_owned() };
    let Some(p) = root.children.first() else { return paragraph.to_owned() };
    let mut edits = Vec::new();
    for run in paragraph::runs(p) {
        let mut after_break = false;
        for part in &run.children {
            if part.local() == "br" {
                after_break = true;
            }
            if after_break {
                edits.push((part.start..part.end, String::new()));
            }
        }
    }
    spans::splice(paragraph, edits)
}
