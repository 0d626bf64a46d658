//! Held-out check of #29's "write-in rows at least 80% of the original's
//! height": for every Word form of the fixtures, each tall cell left to
//! write in (a field alone in its cell, in a row the original makes 40pt or
//! more tall by `w:trHeight` or by its empty paragraphs) is measured in
//! Typst's layout — the ruled lines above and below the field's value —
//! and compared with the height Word gives it, computed here from the
//! .docx itself, not from what the importer recorded.

use std::io::Read;
use std::path::{Path, PathBuf};

use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::Geometry;
use wenshu::forms::FieldType;

use crate::import_print::imported;
use crate::*;

/// A single line's height in Word, as a multiple of the font size.
const SINGLE: f64 = 1.3;

/// A cell of a Word form: its table, row and place in the row, from 1.
type Place = (usize, usize, usize);

/// Text runs `(x0, y, x1, text)` and horizontal lines `(y, x0, x1)` of a page.
#[derive(Default)]
struct Laid {
    runs: Vec<(f64, f64, f64, String)>,
    rules: Vec<(f64, f64, f64)>,
}

fn collect(frame: &Frame, origin: Point, laid: &mut Laid) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let offset = Point::new(group.transform.tx, group.transform.ty);
                collect(&group.frame, at + offset - Point::zero(), laid)
            }
            FrameItem::Text(text) => {
                let (x, y) = (at.x.to_pt(), at.y.to_pt());
                laid.runs.push((x, y, x + text.width().to_pt(), text.text.to_string()));
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry
                    && to.y.to_pt().abs() < 0.01
                    && shape.stroke.is_some()
                {
                    let (x0, x1) = (at.x.to_pt(), at.x.to_pt() + to.x.to_pt());
                    laid.rules.push((at.y.to_pt(), x0.min(x1), x0.max(x1)));
                }
            }
            _ => {}
        }
    }
}

/// The height Word gives each cell `(table, row, cell)` (1-based, body
/// tables in order, cells in their row), when the cell spans one row: the
/// row's `w:trHeight` or its paragraphs at their size, whichever is more.
fn word_heights(file: &Path) -> Vec<(Place, f64)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        if let Ok(mut part) = zip.by_name(name) {
            part.read_to_string(&mut text).unwrap();
        }
        text
    };
    let (xml, styles) = (read("word/document.xml"), read("word/styles.xml"));
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[at..].split('"').next()?.parse().ok()
    };
    let default = styles
        .split("<w:rPrDefault>")
        .nth(1)
        .and_then(|d| d.split("<w:sz ").nth(1))
        .and_then(|sz| attr(sz, "w:val"))
        .map_or(10.5, |v| v / 2.0);
    // Each cell: its place, its row's w:trHeight, its paragraphs' height, whether merged down.
    let mut out: Vec<(Place, f64, f64, bool)> = Vec::new();
    // Body tables only: a table inside a cell is part of that cell.
    let (mut depth, mut table, mut row, mut cell, mut tr_height) = (0, 0, 0, 0, 0.0);
    for (at, _) in xml.match_indices('<') {
        let tag = xml[at + 1..].split('>').next().unwrap_or("");
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        match (tag.starts_with('/'), name) {
            (false, "w:tbl") => {
                depth += 1;
                if depth == 1 {
                    (table, row) = (table + 1, 0);
                }
            }
            (true, "w:tbl") => depth -= 1,
            (false, "w:tr") if depth == 1 => (row, cell, tr_height) = (row + 1, 0, 0.0),
            (false, "w:trHeight") if depth == 1 => tr_height = attr(tag, "w:val").unwrap_or(0.0) / 20.0,
            (false, "w:tc") if depth == 1 => {
                cell += 1;
                out.push(((table, row, cell), tr_height, 0.0, false));
            }
            (false, "w:vMerge") if depth == 1 => {
                if let Some(last) = out.last_mut() {
                    last.3 = true;
                }
            }
            (false, "w:p") if depth == 1 => {
                // A paragraph's height at its first size, else the document's.
                let end = if tag.ends_with('/') { at } else { xml[at..].find("</w:p>").map_or(xml.len(), |e| at + e) };
                let size =
                    xml[at..end].split("<w:sz ").nth(1).and_then(|sz| attr(sz, "w:val")).map_or(default, |v| v / 2.0);
                if let Some(last) = out.last_mut().filter(|l| l.0.0 == table && l.0.1 == row) {
                    last.2 += size * SINGLE;
                }
            }
            _ => {}
        }
    }
    out.into_iter().filter(|c| !c.3).map(|(place, tr, paragraphs, _)| (place, f64::max(tr, paragraphs))).collect()
}

/// Each field alone in its cell of a Word table: (table, row, cell) → key.
fn write_ins(manifest: &str) -> Vec<(Place, String)> {
    let number = |line: &str, name: &str| -> Option<usize> {
        line.split(&format!("{name}: ")).nth(1)?.split([',', ' ']).next()?.parse().ok()
    };
    manifest
        .lines()
        .filter_map(|line| {
            let key = line.split("text: '{").nth(1)?.strip_suffix("}' }")?;
            let key = key.split(':').next()?;
            (!key.contains(['{', '}', '='])).then_some(())?;
            Some(((number(line, "table")?, number(line, "row")?, number(line, "cell")?), key.to_owned()))
        })
        .collect()
}

#[test]
fn write_in_rows_keep_at_least_four_fifths_of_the_originals_height() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures/forms-real", "tests/fixtures/forms-generated"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                files.push(path);
            }
        }
    }
    files.sort();
    let dir = imported(&files);
    let workspace = wenshu::Workspace::open(Some(&dir.path().join("forms")), None).unwrap_or_else(|e| panic!("{e:?}"));
    let mut source = "version: 1\nyear: 2025\nname: 测试\n".to_owned();
    let mut checks = Vec::new();
    for file in &files {
        let id = file.file_stem().unwrap().to_str().unwrap();
        let form = workspace.catalog().forms.iter().find(|f| f.id == id).unwrap();
        let manifest = std::fs::read_to_string(dir.path().join("forms").join(id).join("form.yaml")).unwrap();
        let heights = word_heights(file);
        source.push_str(&format!("{}:\n", form.section.as_deref().unwrap()));
        for (n, (place, key)) in write_ins(&manifest).into_iter().enumerate() {
            let Some(field) = form.fields.iter().find(|f| f.key == key) else { continue };
            if !matches!(field.kind, FieldType::Text(_) | FieldType::Prose(_)) {
                continue;
            }
            let Some(&(_, height)) = heights.iter().find(|(p, _)| *p == place) else { continue };
            if height < 40.0 {
                continue;
            }
            // A short mark at the top of the cell, found again in the layout.
            // In Chinese characters: a run of four ASCII characters prints boxed one by one.
            let digits: String =
                n.to_string().chars().filter_map(|d| "〇一二三四五六七八九".chars().nth(d as usize - 48)).collect();
            let mark = format!("记{digits}号");
            source.push_str(&format!("  {key}: {mark}\n"));
            checks.push((id.to_owned(), place, key, mark, height));
        }
    }
    assert!(checks.len() >= 8, "{checks:?}");
    let loaded =
        workspace.parse(&source, "projects/t/project.yaml").unwrap_or_else(|e| panic!("{}\n{source}", lines(&e)));
    let prepared = workspace.prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    let mut short = Vec::new();
    let mut measured = 0;
    for id in checks.iter().map(|c| c.0.clone()).collect::<std::collections::BTreeSet<_>>() {
        let form = workspace.catalog().forms.iter().find(|f| f.id == id).unwrap();
        let (_, document) =
            workspace.session(&loaded, &prepared).lay_out(form).unwrap_or_else(|e| panic!("{}", lines(&e)));
        let pages: Vec<Laid> = document
            .pages()
            .iter()
            .map(|p| {
                let mut laid = Laid::default();
                collect(&p.frame, Point::zero(), &mut laid);
                laid
            })
            .collect();
        for (_, place, key, mark, height) in checks.iter().filter(|c| c.0 == id) {
            let found = pages.iter().find_map(|laid| {
                let (x0, y, x1, _) = laid.runs.iter().find(|r| r.3.contains(mark.as_str()))?;
                let spans = |r: &&(f64, f64, f64)| r.1 <= x0 + 0.5 && r.2 >= x1 - 0.5;
                let above = laid.rules.iter().filter(spans).filter(|r| r.0 < *y).map(|r| r.0).fold(f64::NAN, f64::max);
                let below = laid.rules.iter().filter(spans).filter(|r| r.0 > *y).map(|r| r.0).fold(f64::NAN, f64::min);
                Some(below - above)
            });
            let Some(printed) = found.filter(|h| h.is_finite()) else { continue };
            measured += 1;
            if printed < 0.8 * height {
                short.push(format!("{id} {place:?} {key}: printed {printed:.0}pt, the original {height:.0}pt"));
            }
        }
    }
    assert!(measured >= 8, "only {measured} of {} measured", checks.len());
    assert!(short.is_empty(), "{} of {measured} write-in rows under 80%:\n{}", short.len(), short.join("\n"));
}
