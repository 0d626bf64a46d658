//! The kinds of file a build writes, behind one registry, as mdBook's
//! renderers are: the PDF of every document, its Typst source (`--emit
//! typst`), the project's spreadsheets (`--xlsx`). A format writes files
//! beside each document it is given, or for the project as a whole; the
//! build asks every format the options want and records what each wrote.
//! A new format is a type here and a line in [`FORMATS`] — the build does
//! not change.

use crate::error::Error;
use crate::forms::Form;
use crate::output::options::BuildOptions;
use crate::pipeline::{Prepared, Session};
use crate::project::load::Loaded;
use crate::typeset::compile::TypstSource;

/// A file to write in the project's output folder: its name, its bytes.
pub type File = (String, Vec<u8>);

/// One project as built: what a format writes from.
pub type Built<'a> = Session<'a>;

/// One document as built: its form, its PDF and the Typst it came from.
pub struct Document<'a> {
    pub form: &'a Form,
    pub pdf: &'a [u8],
    pub source: &'a TypstSource,
}

/// A kind of file a build writes.
pub trait Format: Sync {
    /// Its name: the option that asks for it, and the record's key for the
    /// files it writes for the project as a whole.
    fn name(&self) -> &'static str;
    /// Whether the options ask for it.
    fn wanted(&self, options: &BuildOptions) -> bool;
    /// Whether the build lists its files as made (`已生成 …`): the ones a
    /// user opens, not sources.
    fn reported(&self) -> bool {
        true
    }
    /// The files written beside one document.
    fn document(&self, _built: &Built, _document: &Document) -> Result<Vec<File>, Error> {
        Ok(Vec::new())
    }
    /// The files of the project as a whole, which follow from the project
    /// file alone (so a build can find them current without parsing it):
    /// `Some(layout)` names the version of the code that writes them.
    fn project_layout(&self) -> Option<&'static str> {
        None
    }
    /// `forms` are the documents this build makes (the project's, or those
    /// `--only` asks for).
    fn project(&self, _built: &Built, _forms: &[&Form]) -> Result<Vec<File>, Error> {
        Ok(Vec::new())
    }
}

/// Every format, in the order their files are written.
pub const FORMATS: &[&dyn Format] = &[&Pdf, &Typst, &Xlsx, &Docx];

/// The PDF of every document: always written.
pub struct Pdf;

impl Format for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }
    fn wanted(&self, _: &BuildOptions) -> bool {
        true
    }
    fn document(&self, _: &Built, document: &Document) -> Result<Vec<File>, Error> {
        Ok(vec![(format!("{}.pdf", document.form.name), document.pdf.to_vec())])
    }
}

/// The Typst source of every document, with the shared files it imports,
/// so it compiles on its own with the typst command.
pub struct Typst;

impl Format for Typst {
    fn name(&self) -> &'static str {
        "typst"
    }
    fn wanted(&self, options: &BuildOptions) -> bool {
        options.emit_typst
    }
    fn reported(&self) -> bool {
        false
    }
    fn document(&self, built: &Built, document: &Document) -> Result<Vec<File>, Error> {
        let mut files = vec![(document.source.name.clone(), document.source.text.clone().into_bytes())];
        files.extend(built.workspace.typst_support_files(document.form)?);
        Ok(files)
    }
}

/// The project's spreadsheets: 绩效自评表.xlsx once it has its year-end
/// evaluation, 绩效目标表.xlsx once it has indicators.
pub struct Xlsx;

impl Format for Xlsx {
    fn name(&self) -> &'static str {
        "xlsx"
    }
    fn wanted(&self, options: &BuildOptions) -> bool {
        options.xlsx
    }
    fn project_layout(&self) -> Option<&'static str> {
        Some(crate::output::xlsx::LAYOUT)
    }
    fn project(&self, built: &Built, forms: &[&Form]) -> Result<Vec<File>, Error> {
        let mut files = spreadsheets(built.loaded, built.prepared)?;
        files.extend(originals(built, forms, crate::output::fill::Kind::Excel)?);
        Ok(files)
    }
}

/// The funder's own Word file of each form imported from one, filled in
/// (`<文书>.docx`): written for the project as a whole, from its file and
/// the forms'.
pub struct Docx;

impl Format for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn wanted(&self, options: &BuildOptions) -> bool {
        options.docx
    }
    fn project_layout(&self) -> Option<&'static str> {
        Some("docx 1")
    }
    fn project(&self, built: &Built, forms: &[&Form]) -> Result<Vec<File>, Error> {
        originals(built, forms, crate::output::fill::Kind::Word)
    }
}

/// `--docx` names the documents it wrote as PDF only: their forms have no
/// Word original. Read from what was written, so a form no project builds
/// is not named.
pub fn say_without_original(written: &[std::path::PathBuf]) {
    let has_docx = |pdf: &std::path::Path| written.iter().any(|w| w.as_path() == pdf.with_extension("docx"));
    let mut none: Vec<&str> = written
        .iter()
        .filter(|w| w.extension().is_some_and(|e| e == "pdf") && !has_docx(w))
        .filter_map(|w| w.file_stem().and_then(|s| s.to_str()))
        .collect();
    none.sort_unstable();
    none.dedup();
    if !none.is_empty() {
        crate::term::say(format_args!(
            "--docx：{} 没有原件（不是从 Word 导入的，如内置表格和 form new 新建的表格），只生成 PDF",
            none.join("、")
        ));
    }
}

/// The originals of this kind of the documents built, filled.
fn originals(built: &Built, forms: &[&Form], kind: crate::output::fill::Kind) -> Result<Vec<File>, Error> {
    let with_original = forms.iter().copied().filter(|f| crate::output::fill::kind(f) == Some(kind));
    with_original
        .map(|form| {
            crate::output::fill::fit::warnings(form, built.loaded).iter().for_each(crate::term::warning);
            crate::output::fill::fill(form, built.loaded, &built.context(form))
        })
        .collect()
}

/// The spreadsheets of a checked project.
pub fn spreadsheets(loaded: &Loaded, prepared: &Prepared) -> Result<Vec<File>, Error> {
    let project = &loaded.project;
    let mut files = Vec::new();
    if let Some(evaluated) = &prepared.evaluated {
        files.push(("绩效自评表.xlsx".to_owned(), crate::output::xlsx::self_evaluation(project, evaluated)?));
    }
    if project.indicators.value.iter().any(|c| c.groups.value.iter().any(|g| !g.items.value.is_empty())) {
        files.push((
            "绩效目标表.xlsx".to_owned(),
            crate::output::xlsx::targets(project, prepared.evaluated.as_ref(), prepared.progress.as_ref())?,
        ));
    }
    Ok(files)
}
