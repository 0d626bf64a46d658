//! An imported form keeps the original's page margins and its body
//! paragraphs' indentation and spacing (#29): measured on the PDF, where
//! the words sit (pdftotext -bbox).

use std::path::Path;

use crate::import_print::{fixture, imported};
use crate::*;

/// Each word of a PDF page: its left, its top, its text.
fn words(pdf: &Path, page: usize) -> Vec<(f64, f64, String)> {
    let page = page.to_string();
    let output = crate::tool("pdftotext").args(["-bbox", "-f", &page, "-l", &page]).arg(pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    text.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let word = l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned();
            (number(l, "xMin"), number(l, "yMin"), word)
        })
        .collect()
}

/// Imports `name` as `id` and builds its blank form; the repository and the PDF.
fn built(name: &str, id: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = imported(&[]);
    let project = format!("version: 1\nyear: 2025\nname: 测试\ndocuments: [{id}]\n");
    std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
    let file = fixture(name);
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", id, "--name", id], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let output = wenshu(&["build", "--force", "--only", id], dir.path());
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let pdf = dir.path().join(format!("out/t/{id}.pdf"));
    (dir, pdf)
}

#[test]
fn a_sheets_margins_are_the_pages_and_move_its_table() {
    let (dir, pdf) = built("14-jixiao-mubiao-zhixing-jiankong-biao-zhongjian-biaotou.xlsx", "margins");
    let path = dir.path().join("forms/margins/template.typ.j2");
    let template = std::fs::read_to_string(&path).unwrap();
    // pageMargins left="1" right="0.5" top="0.75" bottom="0.6" (inches).
    let margins = "#set page(margin: (top: 54pt, right: 36pt, bottom: 43.2pt, left: 72pt))\n";
    assert!(template.contains(margins), "{template}");
    let left = |pdf: &Path| words(pdf, 1).iter().map(|w| w.0).fold(f64::MAX, f64::min);
    let with = left(&pdf);
    assert!((72.0..90.0).contains(&with), "{with}");
    // Without them the page's are style.typ's (22mm left): the table moves left by 72 − 62.4pt.
    std::fs::write(&path, template.replace(margins, "")).unwrap();
    let output = wenshu(&["build", "--force", "--only", "margins"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let moved = with - left(&pdf);
    assert!((moved - 9.6).abs() < 1.0, "moved {moved:.1}pt");
}

#[test]
fn a_body_paragraph_keeps_its_indent_and_line_spacing_on_a_word_page() {
    let (dir, pdf) = built("08-shequ-gongyi-xiangmu-shishi-fangan.docx", "plan");
    let template = std::fs::read_to_string(dir.path().join("forms/plan/template.typ.j2")).unwrap();
    // The template's A4 w:pgMar: 1440 twips top and bottom, 1800 left and right.
    assert!(template.contains("#set page(margin: (top: 72pt, right: 90pt, bottom: 72pt, left: 90pt))"), "{template}");
    // The promise: 三号 (16pt), w:firstLineChars="200", exactly 28pt a line.
    let promise = template.lines().find(|l| l.contains("本单位承诺")).unwrap();
    assert!(promise.contains("first-line-indent: (amount: 32pt, all: true)"), "{promise}");
    let page = (1..=4).find(|&n| words(&pdf, n).iter().any(|w| w.2.starts_with("本单位承诺"))).unwrap();
    let words = words(&pdf, page);
    let first = words.iter().position(|w| w.2.starts_with("本单位承诺")).unwrap();
    let (x, y, _) = &words[first];
    let (x2, y2, _) = &words[first + 1];
    // Indented two characters from the 90pt margin; the next line starts at the margin, 28pt lower.
    assert_eq!((*x, *x2), (122.0, 90.0), "{words:?}");
    assert!((y2 - y - 28.0).abs() < 0.1, "{y} {y2}");
}

#[test]
fn blank_paragraphs_keep_their_own_height_and_a_heading_stays_with_its_table() {
    let (dir, pdf) = built("beijing-2017-canlian-goumai-zhucan-fuwu-shenbaoshu-xxqu.docx", "cover");
    let template = std::fs::read_to_string(dir.path().join("forms/cover/template.typ.j2")).unwrap();
    // Under the title, three blank paragraphs of the Normal style (exact 30pt lines) and two
    // of 1.5 lines at 16pt (3 × 30 + 2 × 16 × 1.3 × 1.5): the cover's room, not 5 × 1.2em.
    let title = template.find("申请购买助残服务项目申报书").unwrap();
    let gap = &template[title..template[title..].find("项目名称").unwrap() + title];
    assert!(gap.contains("\n#v(152.4pt)\n"), "{gap}");
    // The cover fills page 1: 一、机构信息 opens page 2 with its table, not alone at page 1's foot.
    let page = |n: usize| -> String { words(&pdf, n).into_iter().map(|w| w.2).collect() };
    let (first, second) = (page(1), page(2));
    assert!(first.contains("填报日期") && !first.contains("机构信息"), "{first}");
    assert!(second.starts_with("一、机构信息项目名称"), "{second}");
}
