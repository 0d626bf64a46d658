//! A page's margins as the original sets them: Word's `w:pgMar`
//! (twentieths of a point), Excel's `<pageMargins>` (inches).

use super::xml::Element;

/// A page's margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    /// Word's `w:pgMar`: its `w:top` may be negative (text may not push
    /// it down), which is its size all the same.
    pub fn word(pg_mar: Option<&Element>) -> Option<Margins> {
        Margins::read(pg_mar?, 1.0 / 20.0)
    }

    /// Excel's `<pageMargins left= right= top= bottom=>`.
    pub fn excel(page_margins: Option<&Element>) -> Option<Margins> {
        Margins::read(page_margins?, 72.0)
    }

    fn read(e: &Element, points: f32) -> Option<Margins> {
        // A margin outside 5pt–200pt is no page anyone prints.
        let side = |name: &str| {
            let value = e.attr(name)?.parse::<f32>().ok()?.abs() * points;
            value.is_finite().then(|| value.clamp(5.0, 200.0))
        };
        Some(Margins { top: side("top")?, right: side("right")?, bottom: side("bottom")?, left: side("left")? })
    }
}
