//! How a Word paragraph is set — its size, weight, alignment, indentation
//! and spacing — from its own properties, else its style's (following
//! `w:basedOn`), else the document's defaults (`w:docDefaults`). A cover
//! page's paragraphs print so ([`super::cover`]).

use super::xml::Element;

/// Twentieths of a point.
const TWIPS: f32 = 20.0;

/// A single line's height in Word, as a multiple of the font size: CJK
/// fonts (宋体, 仿宋) set single spacing at about 1.3 of their size.
pub const SINGLE: f32 = 1.3;

/// The space a paragraph takes beyond its text, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Look {
    /// Indentation from the left margin.
    pub left: f32,
    /// The first line's indentation beyond `left` (negative: hanging).
    pub first: f32,
    pub before: f32,
    pub after: f32,
    /// Line spacing: `Some(points)` exact or at least, else a multiple.
    pub exact: Option<f32>,
    /// A multiple of single spacing (1.5 for `w:line="360"`); 0 for 1.
    pub multiple: f32,
    /// A line of the form's title: printed in the title's font.
    pub title: bool,
}

/// A paragraph's properties in order of precedence: its own `w:pPr`, its
/// style's and the styles it is based on, the default paragraph style's,
/// the document's defaults.
pub struct Chain<'a> {
    levels: Vec<&'a Element>,
    runs: Vec<&'a Element>,
}

impl<'a> Chain<'a> {
    pub fn of(p: &'a Element, styles: Option<&'a Element>) -> Chain<'a> {
        let mut levels: Vec<&Element> = p.child("pPr").into_iter().collect();
        let mut runs: Vec<&Element> = p.path(&["pPr", "rPr"]).into_iter().collect();
        let style_of = |id: &str| {
            styles?
                .children_named("style")
                .find(|s| s.attr("type") == Some("paragraph") && s.attr("styleId") == Some(id))
        };
        let own = p.path(&["pPr", "pStyle"]).and_then(|s| s.attr("val")).and_then(style_of);
        let default = || {
            styles?
                .children_named("style")
                .find(|s| s.attr("type") == Some("paragraph") && s.attr("default") == Some("1"))
        };
        let mut style = own.or_else(default);
        let mut seen = 0;
        while let Some(s) = style {
            levels.extend(s.child("pPr"));
            runs.extend(s.child("rPr"));
            seen += 1;
            let based = s.child("basedOn").and_then(|b| b.attr("val"));
            style = based.and_then(style_of).filter(|_| seen < 16);
        }
        if let Some(defaults) = styles.and_then(|s| s.child("docDefaults")) {
            levels.extend(defaults.path(&["pPrDefault", "pPr"]));
            runs.extend(defaults.path(&["rPrDefault", "rPr"]));
        }
        Chain { levels, runs }
    }

    /// The first value of `attr` on the child `name` of a level.
    fn para(&self, name: &str, attr: &str) -> Option<&'a str> {
        self.levels.iter().find_map(|l| l.child(name)?.attr(attr))
    }

    /// The font size the paragraph's text falls back on.
    pub fn size(&self) -> Option<f32> {
        let sz = self.runs.iter().find_map(|r| r.child("sz")?.attr("val"));
        sz.and_then(|v| v.parse::<f32>().ok()).map(|v| v / 2.0).filter(|s| s.is_finite() && *s > 0.0)
    }

    /// Whether the paragraph's text falls back on bold.
    pub fn bold(&self) -> bool {
        self.runs
            .iter()
            .find_map(|r| r.child("b"))
            .is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")))
    }

    /// The alignment (`w:jc`) the paragraph falls back on.
    pub fn align(&self) -> Option<&'a str> {
        self.para("jc", "val")
    }

    /// Indentation and spacing, at `size` points (for those in characters or lines).
    pub fn look(&self, size: f32) -> Look {
        let number = |name: &str, attr: &str| self.para(name, attr).and_then(|v| v.parse::<f32>().ok());
        let twips = |name: &str, attr: &str| number(name, attr).map(|v| v / TWIPS);
        // Hundredths of a character or of a line, which Word prefers when given.
        let chars = |attr: &str| number("ind", attr).map(|v| v / 100.0 * size);
        let lines = |attr: &str| number("spacing", attr).map(|v| v / 100.0 * size * SINGLE);
        let left = chars("leftChars").or_else(|| chars("startChars"));
        let left = left.or_else(|| twips("ind", "left")).or_else(|| twips("ind", "start")).unwrap_or(0.0);
        let hanging = chars("hangingChars").or_else(|| twips("ind", "hanging"));
        let first = chars("firstLineChars").or_else(|| twips("ind", "firstLine"));
        let first = match (hanging, first) {
            (Some(h), _) if h > 0.0 => -h,
            (_, Some(f)) => f,
            _ => 0.0,
        };
        let before = lines("beforeLines").or_else(|| twips("spacing", "before")).unwrap_or(0.0);
        let after = lines("afterLines").or_else(|| twips("spacing", "after")).unwrap_or(0.0);
        let line = number("spacing", "line").filter(|v| *v > 0.0);
        let (exact, multiple) = match (self.para("spacing", "lineRule"), line) {
            (Some("exact"), Some(v)) => (Some(v / TWIPS), 0.0),
            (Some("atLeast"), Some(v)) => (Some((v / TWIPS).max(size * SINGLE)), 0.0),
            (_, Some(v)) => (None, v / 240.0),
            _ => (None, 0.0),
        };
        let clamp = |v: f32| if v.is_finite() { v.clamp(-200.0, 400.0) } else { 0.0 };
        Look {
            left: clamp(left),
            first: clamp(first),
            before: clamp(before).max(0.0),
            after: clamp(after).max(0.0),
            exact: exact.map(|e| clamp(e).max(1.0)),
            multiple: clamp(multiple).max(0.0),
            title: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_look(p: &str, styles: &str) -> (Option<f32>, bool, String, Look) {
        let p = super::super::xml::parse(p.as_bytes()).unwrap();
        let styles = super::super::xml::parse(styles.as_bytes()).unwrap();
        let chain = Chain::of(&p, Some(&styles));
        let size = chain.size();
        (size, chain.bold(), chain.align().unwrap_or_default().to_owned(), chain.look(size.unwrap_or(10.5)))
    }

    #[test]
    fn a_paragraph_falls_back_on_its_style_and_the_documents_defaults() {
        let styles = r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:pPr><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="cover"><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/><w:spacing w:line="360" w:lineRule="auto"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style></w:styles>"#;
        let (size, bold, align, look) = chain_look(
            r#"<w:p xmlns:w="w"><w:pPr><w:pStyle w:val="cover"/><w:ind w:left="1260" w:firstLineChars="200"/></w:pPr></w:p>"#,
            styles,
        );
        assert_eq!((size, bold, align), (Some(16.0), true, "center".to_owned()));
        assert_eq!(
            look,
            Look { left: 63.0, first: 32.0, before: 0.0, after: 3.0, exact: None, multiple: 1.5, title: false }
        );
        let (size, bold, align, look) = chain_look(
            r#"<w:p xmlns:w="w"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:hanging="420"/></w:pPr></w:p>"#,
            styles,
        );
        assert_eq!((size, bold, align), (Some(10.5), false, "both".to_owned()));
        assert_eq!(
            look,
            Look { left: 0.0, first: -21.0, before: 0.0, after: 3.0, exact: Some(28.0), multiple: 0.0, title: false }
        );
    }
}
