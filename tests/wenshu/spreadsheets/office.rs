//! The spreadsheets as users' software prints and calculates them.
//! LibreOffice converts every spreadsheet the examples produce, those of two
//! heavy bench projects (long reasons, long names, forty indicators) and
//! the summaries of them all:
//!
//! - to PDF, twice: with the fonts of wenshu's own PDFs standing in for 仿宋
//!   and 宋体, and with only a fallback CJK font (Noto Serif CJK, Latin in
//!   DejaVu Sans, both wider than the em the row heights count with). On
//!   every page no two words overlap, no word leaves the page, and no word
//!   crosses a cell's border: every line of every cell is inside its cell.
//! - to CSV, the file as written (its cached values, LibreOffice told never
//!   to recalculate) against the file with every cached value removed and
//!   LibreOffice told always to recalculate: the same text, cell by cell.
//!
//! Column widths count in characters of the workbook's font, Calibri; in
//! LibreOffice Carlito (its metric twin) gives the columns Excel's widths.
//! In CI a missing LibreOffice or Carlito fails; elsewhere the tests skip.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use super::*;

/// What CI installs for these tests.
const INSTALL: &str = "apt-get install libreoffice-calc-nogui fonts-crosextra-carlito";

/// LibreOffice, with Carlito for Calibri; `None` (a note printed) outside CI.
fn libreoffice() {
    let found = |check: &str| Command::new("sh").arg("-c").arg(check).output().is_ok_and(|o| o.status.success());
    let missing: Vec<&str> = [("command -v soffice", "soffice"), ("fc-list Carlito | grep -q .", "Carlito")]
        .into_iter()
        .filter(|(check, _)| !found(check))
        .map(|(_, name)| name)
        .collect();
    // A check that cannot run must not pass.
    assert!(missing.is_empty(), "{} missing: {INSTALL} (or `make tools`; .ci/run does)", missing.join(" and "));
}

/// Writes every spreadsheet under test into `dir`; their paths.
fn write_spreadsheets(dir: &Path) -> Vec<PathBuf> {
    let mut projects: Vec<(String, wenshu::Loaded)> = EXAMPLES
        .iter()
        .map(|p| (p.split('/').nth(1).unwrap().to_owned(), workspace().load(&root().join(p)).unwrap()))
        .collect();
    // 文冲 with a compound indicator: a second sheet, 分项计分.
    let compound = edited(
        WENCHONG,
        "target: 45个\n            actual: 55个",
        "target: 个案≥4个、个案服务≥20人次\n            actual: 完成个案服务3个，服务22人次\n            reason: 个案少于指标值",
    );
    projects.push(("wenchong-compound".to_owned(), compound));
    let bench = tempfile::tempdir().unwrap();
    {
        let mut python = tool("python3");
        let generated = bench.path().join("projects");
        let status = python.arg(root().join("bench/generate.py")).arg("2").arg(&generated).status().unwrap();
        assert!(status.success(), "bench/generate.py failed");
        for name in ["p001", "p002"] {
            let loaded = workspace().load(&generated.join(name).join("project.yaml")).unwrap();
            projects.push((format!("bench-{name}"), loaded));
        }
    }
    let prepared: Vec<wenshu::Prepared> = projects.iter().map(|(_, loaded)| super::prepared(loaded)).collect();
    let mut written = Vec::new();
    let mut write = |name: String, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        written.push(path);
    };
    for ((name, loaded), prepared) in projects.iter().zip(&prepared) {
        for (file, bytes) in wenshu::output::formats::spreadsheets(loaded, prepared).unwrap() {
            write(format!("{name}-{file}"), bytes);
        }
    }
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let entries: Vec<wenshu::score::summary::SummaryEntry> = projects
        .iter()
        .zip(&prepared)
        .filter(|((name, _), _)| name != "wenchong-compound")
        .map(|((_, loaded), prepared)| wenshu::score::summary::SummaryEntry {
            project: &loaded.project,
            evaluated: prepared.evaluated.as_ref(),
            funds: workspace().funds(loaded),
        })
        .collect();
    let by = wenshu::score::summary::GroupBy::Department;
    let examples = wenshu::score::summary::summarize(&entries[..EXAMPLES.len()], by, date);
    write("汇总表.xlsx".to_owned(), wenshu::output::xlsx::summary(&examples).unwrap());
    let all = wenshu::score::summary::summarize(&entries, wenshu::score::summary::GroupBy::Implementer, date);
    write("汇总表-全部按实施单位.xlsx".to_owned(), wenshu::output::xlsx::summary(&all).unwrap());
    written
}

/// Converts `files` in one LibreOffice run, with a profile of its own,
/// `work/name`, that recalculates OOXML formulas on load never (1) or
/// always (0); the folder of the files converted.
fn convert(work: &Path, name: &str, to: &str, files: &[PathBuf], recalc: u8, fonts: Option<&Path>) -> PathBuf {
    let profile = work.join(name);
    std::fs::create_dir_all(profile.join("user")).unwrap();
    let settings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" \
         xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n\
         <item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"OOXMLRecalcMode\" \
         oor:op=\"fuse\"><value>{recalc}</value></prop></item>\n</oor:items>\n"
    );
    std::fs::write(profile.join("user/registrymodifications.xcu"), settings).unwrap();
    let out = profile.join("out");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&out)
        .args(files);
    if let Some(conf) = fonts {
        soffice.env("FONTCONFIG_FILE", conf);
    }
    let output = soffice.output().unwrap();
    assert!(output.status.success(), "soffice: {}", String::from_utf8_lossy(&output.stderr));
    out
}

/// A fontconfig setup in `work`: the system's fonts, and `fonts` (a folder)
/// with `aliases` (family → family present) for fonts it lacks.
fn fontconfig(work: &Path, name: &str, fonts: &Path, aliases: &[(&str, &str)]) -> PathBuf {
    let aliases: String = aliases
        .iter()
        .map(|(family, to)| {
            format!(
                "  <alias binding=\"same\"><family>{family}</family><prefer><family>{to}</family></prefer></alias>\n"
            )
        })
        .collect();
    let conf = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n  \
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  \
         <cachedir>{}</cachedir>\n{aliases}</fontconfig>\n",
        fonts.display(),
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("fontconfig").display()
    );
    let path = work.join(format!("{name}.conf"));
    std::fs::write(&path, conf).unwrap();
    path
}

#[test]
fn libreoffice_prints_every_spreadsheet_with_each_line_inside_its_cell() {
    libreoffice();
    tool("pdftotext");
    tool("pdftocairo");
    let work = tempfile::tempdir().unwrap();
    let sheets = work.path().join("xlsx");
    std::fs::create_dir_all(&sheets).unwrap();
    let files = write_spreadsheets(&sheets);
    // Fonts as the PDFs have them; then a fallback CJK font alone.
    let own =
        fontconfig(work.path(), "own", &root().join("fonts"), &[("仿宋", "FandolFang"), ("宋体", "Noto Serif CJK SC")]);
    let fallback_fonts = work.path().join("fallback-fonts");
    std::fs::create_dir_all(&fallback_fonts).unwrap();
    for font in ["NotoSerifCJKsc-Regular-GBK.otf", "NotoSerifCJKsc-Bold-GBK.otf"] {
        std::fs::copy(root().join("fonts").join(font), fallback_fonts.join(font)).unwrap();
    }
    let fallback = fontconfig(work.path(), "fallback", &fallback_fonts, &[]);
    let mut problems = Vec::new();
    for conf in [own, fallback] {
        let fonts = conf.file_stem().unwrap().to_string_lossy().into_owned();
        let out = convert(work.path(), &fonts, "pdf", &files, 1, Some(&conf));
        for file in &files {
            let pdf = out.join(file.with_extension("pdf").file_name().unwrap());
            assert!(pdf.is_file(), "{} was not converted", file.display());
            let name = format!("{} ({fonts})", pdf.file_name().unwrap().to_string_lossy());
            problems.extend(print_problems(&pdf).into_iter().map(|p| format!("{name}: {p}")));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn libreoffice_recalculates_every_spreadsheet_to_the_figures_written() {
    libreoffice();
    let work = tempfile::tempdir().unwrap();
    let (written, stripped) = (work.path().join("written"), work.path().join("stripped"));
    std::fs::create_dir_all(&written).unwrap();
    std::fs::create_dir_all(&stripped).unwrap();
    let files = write_spreadsheets(&written);
    let mut removed = 0;
    let stripped_files: Vec<PathBuf> = files
        .iter()
        .map(|file| {
            let (bytes, n) = without_cached_values(&std::fs::read(file).unwrap());
            removed += n;
            let path = stripped.join(file.file_name().unwrap());
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    assert!(removed > 100, "only {removed} cached values");
    // Every sheet of every file, as shown (`97.34%`), one CSV a sheet.
    let csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    let cached = convert(work.path(), "never", csv, &files, 1, None);
    let recalculated = convert(work.path(), "always", csv, &stripped_files, 0, None);
    let read = |dir: &Path| -> Vec<(String, String)> {
        let mut sheets: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        sheets.sort();
        sheets
    };
    let (cached, recalculated) = (read(&cached), read(&recalculated));
    let names = |sheets: &[(String, String)]| sheets.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&recalculated), names(&cached));
    assert!(cached.len() > files.len(), "the 分项计分 sheet too: {:?}", names(&cached));
    let mut wrong = Vec::new();
    for ((name, recalc), (_, written)) in recalculated.iter().zip(&cached) {
        for (k, (a, b)) in recalc.lines().zip(written.lines()).enumerate() {
            if a != b {
                wrong.push(format!("{name} line {}:\n  recalculated {a}\n  written      {b}", k + 1));
            }
        }
        if recalc.lines().count() != written.lines().count() {
            wrong.push(format!("{name}: {} lines against {}", recalc.lines().count(), written.lines().count()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An xlsx with the cached value of every formula removed; how many.
fn without_cached_values(xlsx: &[u8]) -> (Vec<u8>, usize) {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut removed = 0;
    for k in 0..archive.len() {
        let mut entry = archive.by_index(k).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let xml = String::from_utf8(bytes).unwrap();
            // `<f>…</f><v>9.73</v>` → `<f>…</f>`
            let mut kept = String::with_capacity(xml.len());
            let mut rest = xml.as_str();
            while let Some(at) = rest.find("</f><v>") {
                kept.push_str(&rest[..at + 4]);
                let value = &rest[at + 4..];
                rest = &value[value.find("</v>").unwrap() + 4..];
                removed += 1;
            }
            kept.push_str(rest);
            bytes = kept.into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    (out.finish().unwrap().into_inner(), removed)
}

/// A word of a PDF page and its box, as poppler finds them.
#[derive(Debug)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// A page: its size, its words, and its ruled lines (x0, y0, x1, y1).
struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
    rules: Vec<(f64, f64, f64, f64)>,
}

/// What is wrong with a printed spreadsheet: words that overlap, that leave
/// the page, that cross a cell's border.
fn print_problems(pdf: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, page) in pages(pdf).iter().enumerate() {
        let at = |w: &Word| format!("p{} “{}”", n + 1, w.text);
        for w in &page.words {
            if w.x0 < -1.0 || w.y0 < -1.0 || w.x1 > page.width + 1.0 || w.y1 > page.height + 1.0 {
                problems.push(format!("{} leaves the page", at(w)));
            }
        }
        for (i, a) in page.words.iter().enumerate() {
            for b in &page.words[i + 1..] {
                if overlap(a, b) {
                    problems.push(format!("{} overlaps “{}”", at(a), b.text));
                }
            }
        }
        for w in &page.words {
            let height = w.y1 - w.y0;
            for &(x0, y0, x1, y1) in &page.rules {
                let across = if (y0 - y1).abs() < 0.5 {
                    // A horizontal rule through the middle of a line of text.
                    (x0.min(x1) < w.x1 - 1.0
                        && x0.max(x1) > w.x0 + 1.0
                        && y0 > w.y0 + 0.2 * height
                        && y0 < w.y1 - 0.2 * height)
                        .then(|| format!("y = {y0:.1}"))
                } else if (x0 - x1).abs() < 0.5 {
                    (y0.min(y1) < w.y1 - 0.5 * height
                        && y0.max(y1) > w.y0 + 0.5 * height
                        && x0 > w.x0 + 1.0
                        && x0 < w.x1 - 1.0)
                        .then(|| format!("x = {x0:.1}"))
                } else {
                    None
                };
                if let Some(line) = across {
                    problems.push(format!("{} crosses a cell border at {line}", at(w)));
                    break;
                }
            }
        }
    }
    problems
}

/// /work/shared/tools/text_overlap.py's test: boxes that share more than
/// 30% of the smaller one, save CJK punctuation that pdftotext boxes full
/// width beside its neighbour on a line.
fn overlap(a: &Word, b: &Word) -> bool {
    let ix = a.x1.min(b.x1) - a.x0.max(b.x0);
    let iy = a.y1.min(b.y1) - a.y0.max(b.y0);
    if ix <= 0.0 || iy <= 0.0 {
        return false;
    }
    let area = |w: &Word| (w.x1 - w.x0) * (w.y1 - w.y0);
    let small = area(a).min(area(b));
    let small = if small > 0.0 { small } else { 1.0 };
    if ix * iy <= 0.3 * small {
        return false;
    }
    const PUNCT: &str = "、，。；：！？）」』》〉”’（「『《〈“‘";
    let same_line = (a.y0 - b.y0).abs() < 1.0 && (a.y1 - b.y1).abs() < 1.0;
    let ends = |w: &Word| [w.text.chars().next(), w.text.chars().last()];
    let punctuated = ends(a).into_iter().chain(ends(b)).flatten().any(|c| PUNCT.contains(c));
    !(same_line && ix <= 0.6 * (a.y1 - a.y0) && punctuated)
}

/// The pages of a PDF: words by `pdftotext -bbox-layout`, ruled lines by
/// `pdftocairo -svg` (each cell border is a path of one segment).
fn pages(pdf: &Path) -> Vec<Page> {
    let run = |program: &str, args: &[&str]| {
        let output = Command::new(program).args(args).arg(pdf).arg("-").output().unwrap();
        assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let layout = run("pdftotext", &["-bbox-layout"]);
    let svg = run("pdftocairo", &["-svg"]);
    // One page is the whole SVG; several are each in a <page>.
    let svg_pages: Vec<&str> =
        if svg.contains("<pageSet>") { svg.split("<page>").skip(1).collect() } else { vec![&svg] };
    let mut pages = Vec::new();
    for (n, chunk) in layout.split("<page ").skip(1).enumerate() {
        let head = &chunk[..chunk.find('>').unwrap()];
        let words = chunk
            .split("<word ")
            .skip(1)
            .map(|w| {
                let (attrs, rest) = w.split_once('>').unwrap();
                let text = rest[..rest.find("</word>").unwrap()]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&");
                Word {
                    x0: attr(attrs, "xMin"),
                    y0: attr(attrs, "yMin"),
                    x1: attr(attrs, "xMax"),
                    y1: attr(attrs, "yMax"),
                    text,
                }
            })
            .collect();
        let rules = svg_pages.get(n).map(|page| rules(page)).unwrap_or_default();
        pages.push(Page { width: attr(head, "width"), height: attr(head, "height"), words, rules });
    }
    assert!(!pages.is_empty(), "no page in {}", pdf.display());
    pages
}

/// A number attribute of an XML tag: `xMin="12.5"`.
fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("no {name} in {tag}")) + name.len() + 2;
    tag[start..start + tag[start..].find('"').unwrap()].parse().unwrap()
}

/// The stroked one-segment paths of an SVG page (`d="M x y L x y "`), in
/// page coordinates through their `transform="matrix(a,b,c,d,e,f)"`.
fn rules(page: &str) -> Vec<(f64, f64, f64, f64)> {
    let mut rules = Vec::new();
    for path in page.split("<path ").skip(1) {
        let path = &path[..path.find("/>").unwrap_or(path.len())];
        if !path.contains("fill:none") {
            continue;
        }
        let quoted = |name: &str| {
            let start = path.find(&format!("{name}=\""))? + name.len() + 2;
            Some(&path[start..start + path[start..].find('"')?])
        };
        let Some(d) = quoted("d") else { continue };
        let parts: Vec<&str> = d.split_whitespace().collect();
        let [_, x0, y0, _, x1, y1] = parts[..] else { continue };
        let [x0, y0, x1, y1] = [x0, y0, x1, y1].map(|v| v.parse::<f64>().unwrap());
        let m: Vec<f64> = quoted("transform")
            .and_then(|t| t.strip_prefix("matrix(")?.strip_suffix(')'))
            .map_or(vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0], |m| m.split(',').map(|v| v.parse().unwrap()).collect());
        let at = |x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
        let ((a, b), (c, e)) = (at(x0, y0), at(x1, y1));
        rules.push((a, b, c, e));
    }
    rules
}
