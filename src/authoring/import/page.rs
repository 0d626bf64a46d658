//! The page an imported form prints on: A4 like the original, landscape
//! when the original is (or its widest table would not fit upright), and
//! the original's margins — Word's `w:pgMar` (twentieths of a point),
//! Excel's `<pageMargins>` (inches) — where it sets them; else those of
//! style.typ's `form` (25, 20, 22 and 22 mm).

use std::fmt::Write;

use super::model::{Part, Plan};
use super::print::trim_float;

/// A4, in points.
const A4: (f32, f32) = (595.3, 841.9);

/// The text width of style.typ's page, upright and landscape (22mm and
/// 20mm margins).
const WIDTHS: (f32, f32) = (476.0, 723.0);

/// Writes the page's orientation and margins into the template; gives the
/// width a table may take.
pub(super) fn setup(out: &mut String, plan: &Plan) -> f32 {
    let widest = plan.parts.iter().filter_map(|p| match p {
        Part::Table(t) => Some(t.widths.iter().sum::<f32>()),
        _ => None,
    });
    let widest = widest.fold(0.0f32, f32::max);
    let width = |page: f32, default: f32| plan.margins.map_or(default, |m| page - m.left - m.right);
    let (upright, flipped) = (width(A4.0, WIDTHS.0), width(A4.1, WIDTHS.1));
    let landscape = plan.landscape || widest > upright * 1.15;
    if landscape {
        out.push_str("#set page(flipped: true)\n");
    }
    if let Some(m) = plan.margins {
        let _ = writeln!(
            out,
            "// The original's margins.\n#set page(margin: (top: {}pt, right: {}pt, bottom: {}pt, left: {}pt))",
            trim_float(m.top),
            trim_float(m.right),
            trim_float(m.bottom),
            trim_float(m.left)
        );
    }
    if landscape { flipped } else { upright }
}

#[cfg(test)]
mod tests {
    use super::super::margins::Margins;
    use super::*;

    #[test]
    fn word_margins_are_in_twips_and_excel_margins_in_inches() {
        let word = super::super::xml::parse(br#"<pgMar top="-1440" right="1800" bottom="1440" left="1800"/>"#).unwrap();
        let m = Margins::word(Some(&word)).unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (72.0, 90.0, 72.0, 90.0));
        let excel =
            super::super::xml::parse(br#"<pageMargins left="1" right="0.5" top="0.75" bottom="0.6"/>"#).unwrap();
        let m = Margins::excel(Some(&excel)).unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (54.0, 36.0, 43.2, 72.0));
        let mut out = String::new();
        let plan = Plan { margins: Some(m), ..Plan::default() };
        assert_eq!(setup(&mut out, &plan), 595.3 - 108.0);
        assert_eq!(
            out,
            "// The original's margins.\n#set page(margin: (top: 54pt, right: 36pt, bottom: 43.2pt, left: 72pt))\n"
        );
        assert!(Margins::word(None).is_none());
    }
}
