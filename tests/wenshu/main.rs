//! End-to-end tests, one binary: the example projects against their seeds,
//! edited copies of them through the real pipeline and the CLI, and hostile
//! text and templates through Typst.

mod application;
mod authoring;
mod cli;
mod corpus;
mod daily;
mod durability;
mod evaluation;
mod examples;
mod fill;
mod fill_blank_labels;
mod fill_headers;
mod fill_labels;
mod fill_room;
mod fill_sheets;
mod formats;
mod forms;
mod hostile;
mod import;
mod import_choices;
mod import_heights;
mod import_layout;
mod import_monitor;
mod import_page;
mod import_print;
mod import_rates;
mod import_repeat;
mod import_values;
mod incremental;
mod indicator_corpus;
mod injection;
mod invariants;
mod labels;
mod layout;
mod modules;
mod national;
mod needs;
mod rule_corpus;
mod rules;
mod scoring;
mod spreadsheets;
mod staffing;
mod templates;
mod texts;
mod tools;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wenshu::typeset::compile::document_text;
use wenshu::{Form, Workspace};

const YANTIAN: &str = "projects/yantian-2020/project.yaml";
const WENCHONG: &str = "projects/wenchong-2022/project.yaml";
const XINGTAN: &str = "projects/xingtan-services/project.yaml";
const ZHONGSHAN: &str = "projects/zhongshan-2024/project.yaml";
const JINHAI: &str = "projects/jinhai-huli/project.yaml";
const QINGYUAN: &str = "projects/qingyuan-welfare-2025/project.yaml";
const DONGPU: &str = "projects/dongpu-procurement-2025/project.yaml";

/// Every example project.
const EXAMPLES: [&str; 7] = [YANTIAN, WENCHONG, XINGTAN, ZHONGSHAN, JINHAI, QINGYUAN, DONGPU];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One workspace for all tests, as in a real process: fonts load once. It
/// has the forms and fonts built into wenshu, as an installed copy has.
fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| Workspace::open(None, None).unwrap_or_else(|e| panic!("{e:?}")))
}

fn example_source() -> String {
    source_of(YANTIAN)
}

fn source_of(project: &str) -> String {
    std::fs::read_to_string(root().join(project)).unwrap()
}

/// Loads YAML text as if it were a file at `path`.
fn loaded(source: &str, path: &str) -> wenshu::Loaded {
    workspace().parse(source, PathBuf::from(path)).unwrap_or_else(|e| panic!("{}", lines(&e)))
}

/// The first line of every problem of a project's text: its shape's when
/// it does not parse, else its rules'.
fn problems(source: &str, path: &str) -> Vec<String> {
    match workspace().parse(source, PathBuf::from(path)) {
        Ok(loaded) => first_lines(&workspace().check(&loaded)),
        Err(errors) => first_lines(&errors),
    }
}

/// Errors as printed, one after another.
fn lines(errors: &[wenshu::Error]) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

/// The text of the compiled 申报表 of a project.
fn application_text(loaded: &wenshu::Loaded) -> String {
    document_text_of(loaded, "申报表")
}

/// The text of one compiled document of a checked project.
fn document_text_of(loaded: &wenshu::Loaded, name: &str) -> String {
    document_text(&document_of(loaded, name))
}

/// One document of a checked project, laid out.
fn document_of(loaded: &wenshu::Loaded, name: &str) -> wenshu::typeset::compile::Document {
    let source = workspace().render(loaded, kind(name)).unwrap_or_else(|e| panic!("{}", lines(&e)));
    workspace().compile(&source).unwrap_or_else(|e| panic!("{}", lines(&e)))
}

/// `text` less its page numbers (`— 3 —`), which fall inside paragraphs
/// that run over a page break.
fn without_page_numbers(text: &str) -> String {
    let is_page_number = |line: &str| {
        let inner = line.trim().strip_prefix('—').and_then(|l| l.strip_suffix('—')).map(str::trim);
        inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    text.lines().filter(|l| !is_page_number(l)).collect()
}

/// The form that prints the document `name`.
fn kind(name: &str) -> &'static Form {
    workspace().catalog().find(name).unwrap_or_else(|| panic!("no form {name}"))
}

/// The first line of each error, as printed.
fn first_lines(errors: &[wenshu::Error]) -> Vec<String> {
    errors.iter().map(|e| e.to_string().lines().next().unwrap().to_owned()).collect()
}

/// The seed_coverage.py normalisation: letters, digits and % only,
/// full-width forms folded to ASCII.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .collect()
}

/// The seed's segments, split the way seed_coverage.py splits them.
fn seed_segments(seed: &str) -> Vec<String> {
    seed.lines()
        // A Word artefact in one seed, skipped by seed_coverage.py too.
        .filter(|line| !line.contains("bookmark"))
        .flat_map(|line| line.split(['。', '；', ';', '！', '？', '\t']))
        .map(str::trim)
        .filter(|part| normalize(part).chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

/// Text without its whitespace: line breaks in a table cell or a page
/// fall anywhere, so comparisons ignore them.
fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A copy of an example project with one edit, which must apply.
fn edited(project: &str, find: &str, replace: &str) -> wenshu::Loaded {
    let source = source_of(project);
    assert!(source.contains(find), "{find}");
    loaded(&source.replacen(find, replace, 1), project)
}

/// Runs wenshu with `args` in `dir`.
fn wenshu(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_wenshu")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of a PDF, as pdftotext reads it, without whitespace.
fn pdf_text(pdf: &Path) -> String {
    let output = tool("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    flat(&String::from_utf8_lossy(&output.stdout))
}

/// Points or a score as the forms print them (blank for none).
fn shown(points: Option<wenshu::units::number::Number>) -> String {
    points.map(|p| p.fixed2()).unwrap_or_default()
}

/// A tool the test needs. Its absence fails the test with the command
/// Runs a python3 script with `args` (python-docx and openpyxl write the
/// test forms and read filled ones back); its error fails the test.
fn python(script: &str, args: &[&Path]) {
    let output = tool("python3").arg("-c").arg(script).args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// that installs it: a test that cannot check must not pass.
fn tool(name: &str) -> std::process::Command {
    let found =
        std::process::Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap().status.success();
    if !found {
        let package = match name {
            "pdftotext" | "pdftoppm" => "poppler-utils",
            "script" => "bsdutils",
            "soffice" => "libreoffice-calc-nogui",
            other => other,
        };
        panic!("{name} is not installed; install it with `apt-get install {package}` (or `make tools`)");
    }
    std::process::Command::new(name)
}
