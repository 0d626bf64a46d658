//! A paragraph outside the tables as Typst; a cover page's as Word sets
//! it: its lines as far apart as Word's, the space before and after it,
//! its indentation (#29: "cover paragraphs keep their size, spacing and
//! own page").

use std::fmt::Write;

use super::grid::Align;
use super::look::{Look, SINGLE};
use super::print::trim_float;

/// A paragraph outside the tables as Typst: bold, at its size, aligned;
/// a cover's as Word sets it ([`typst`]).
pub(super) fn paragraph(text: String, align: Align, size: Option<f32>, bold: bool, look: Option<&Look>) -> String {
    if let Some(look) = look {
        // A title's bold is its own weight: strong text is set in 黑体.
        let text = match (look.title, bold) {
            (true, true) => format!("#text(font: fonts.title, weight: \"bold\")[{text}]"),
            (true, false) => format!("#text(font: fonts.title)[{text}]"),
            (false, true) => format!("*{text}*"),
            (false, false) => text,
        };
        return typst(look, &text, size.unwrap_or(11.0), align);
    }
    let text = if bold { format!("*{text}*") } else { text };
    let text = match size {
        Some(size) => format!("#text(size: {}pt)[{text}]", trim_float(size)),
        None => text,
    };
    match align {
        Align::Center => format!("#align(center)[{text}]"),
        Align::Right => format!("#align(right)[{text}]"),
        Align::Left => text,
    }
}

/// One line's height at `size` points, as Word sets it.
pub(super) fn line_height(look: &Look, size: f32) -> f32 {
    match look.exact {
        Some(points) => points,
        None if look.multiple > 0.0 => size * SINGLE * look.multiple,
        None => size * SINGLE,
    }
}

/// Typst that prints `text` (already at its size and weight) as Word
/// sets the paragraph: its lines as far apart as Word's, the space
/// before and after it, its indentation. Nothing collapses: Word adds
/// the space after one paragraph to the space before the next.
fn typst(look: &Look, text: &str, size: f32, align: Align) -> String {
    let line = line_height(look, size);
    // Text runs from ascender to descender (about its size); the rest of the line is space.
    let gap = (line - size).max(0.0);
    let top = look.before + gap / 2.0;
    let bottom = look.after + gap / 2.0;
    let align = match align {
        Align::Center => "center",
        Align::Right => "right",
        Align::Left => "left",
    };
    let mut inset = format!("top: {}pt, bottom: {}pt", trim_float(top), trim_float(bottom));
    let left = (look.left + look.first.min(0.0)).max(0.0);
    if left > 0.0 {
        let _ = write!(inset, ", left: {}pt", trim_float(left));
    }
    let mut par = format!("leading: {}pt, justify: false", trim_float(gap));
    if look.first > 0.0 {
        let _ = write!(par, ", first-line-indent: (amount: {}pt, all: true)", trim_float(look.first));
    } else if look.first < 0.0 {
        let _ = write!(par, ", hanging-indent: {}pt", trim_float(-look.first));
    }
    let edges = "top-edge: \"ascender\", bottom-edge: \"descender\"";
    format!(
        "#block(above: 0pt, below: 0pt, width: 100%, inset: ({inset}))[#set text(size: {}pt, {edges}); #set par({par}); #align({align})[#par[{text}]]]",
        trim_float(size)
    )
}
