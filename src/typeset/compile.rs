//! Typst source → laid-out document → PDF, in-process.

use std::path::PathBuf;
use std::sync::Arc;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::{Library, LibraryExt, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, ErrorKind};
use crate::forms::Catalog;
use crate::typeset::fonts::Fonts;
use crate::typeset::lines::TemplateLines;
use crate::typeset::world::{Assets, DocumentWorld};

pub use typst_layout::PagedDocument as Document;

/// No form or report runs this long; a document that does comes from runaway
/// input, and writing it would only waste the user's time and disk.
pub const MAX_PAGES: usize = 500;

/// Compiles documents; holds what all documents share, so fonts and
/// form files are read once per process.
pub struct Compiler {
    assets: Assets,
    standards: Vec<PdfStandard>,
}

/// A generated Typst source, ready to compile.
pub struct TypstSource {
    /// The id of the form it was rendered from: its files are the ones the
    /// source imports.
    pub form: String,
    /// Its file name, e.g. `申报表.typ`; one id per form and name, reused
    /// by every document of that kind.
    pub name: String,
    /// The template it was rendered from, as messages name it.
    pub template: String,
    pub text: String,
    /// Which template line printed each part of `text`, for messages.
    pub lines: TemplateLines,
    /// The date `datetime.today()` returns.
    pub today: Datetime,
}

impl Compiler {
    pub fn new(catalog: Arc<Catalog>, fonts: Fonts) -> Compiler {
        let assets = Assets::new(Library::builder().build(), fonts, catalog);
        Compiler { assets, standards: Vec::new() }
    }

    /// PDF standards every exported PDF must conform to (PDF/A for archives).
    pub fn set_standards(&mut self, standards: Vec<PdfStandard>) {
        self.standards = standards;
    }

    pub fn fonts(&self) -> &Fonts {
        &self.assets.fonts
    }

    /// Lays out `source`. Warnings are errors too: an unknown font or a
    /// missing glyph must never slip into a form.
    pub fn compile(&self, source: &TypstSource) -> Result<PagedDocument, Vec<Error>> {
        // A form's document sits in its form's folder, to import its files;
        // the summary, of no form, at the root beside the shared files.
        let path =
            if source.form.is_empty() { source.name.clone() } else { format!("{}/{}", source.form, source.name) };
        let vpath = VirtualPath::new(path)
            .map_err(|_| vec![Error::new(ErrorKind::Usage, format!("文书名“{}”不能用作文件名", source.name))])?;
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
        let world = DocumentWorld::new(&self.assets, Source::new(id, source.text.clone()), source.today);
        let result = typst::compile::<PagedDocument>(&world);
        let warnings = result.warnings.iter().filter(|w| w.severity == Severity::Warning);
        match result.output {
            Ok(_) if result.warnings.is_empty() => {}
            Ok(_) => {
                return Err(warnings.map(|d| self.diagnostic(&world, source, d)).collect());
            }
            Err(errors) => {
                return Err(errors.iter().chain(warnings).map(|d| self.diagnostic(&world, source, d)).collect());
            }
        }
        let document = result.output.map_err(|_| Vec::new())?;
        if document.pages().len() > MAX_PAGES {
            let message = format!(
                "{} 共有 {} 页，超过上限 {MAX_PAGES} 页：请检查项目文件中是否有异常长的文字或列表",
                source.name,
                document.pages().len()
            );
            return Err(vec![Error::new(ErrorKind::Typst, message)]);
        }
        Ok(document)
    }

    /// Writes the PDF of a laid-out document. No timestamp: the same
    /// project gives the same bytes.
    ///
    /// Archival standards need a creation date; it is `today`, which comes
    /// from the project, so archival PDFs are reproducible too.
    pub fn pdf(&self, document: &PagedDocument, ident: &str, today: Datetime) -> Result<Vec<u8>, Error> {
        let standards = PdfStandards::new(&self.standards)
            .map_err(|err| Error::new(ErrorKind::Usage, format!("PDF 标准不能同时满足：{}", err.message())))?;
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some(format!("wenshu {}", env!("CARGO_PKG_VERSION")))),
            timestamp: (!self.standards.is_empty()).then(|| Timestamp::new_utc(today)),
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(document, &options).map_err(|diags| {
            let messages: Vec<String> = diags.iter().map(|d| d.message.to_string()).collect();
            Error::new(ErrorKind::Typst, format!("PDF 导出失败：{}", messages.join("；")))
        })
    }

    /// A Typst diagnostic as our error: in a template-folder file it points
    /// at that file; in the generated source it names the template.
    fn diagnostic(&self, world: &DocumentWorld, source: &TypstSource, diag: &SourceDiagnostic) -> Error {
        let mut message = explain(&diag.message, diag.severity == Severity::Warning);
        // Hints about the typst command line (`--root`) do not apply here.
        for hint in diag.hints.iter().filter(|h| !h.v.contains("--root")) {
            message.push_str(&format!("（提示：{}）", hint.v));
        }
        let mut error = Error::new(ErrorKind::Typst, message);
        let Some(id) = diag.span.id() else {
            return error;
        };
        let Ok(file) = typst::World::source(world, id) else {
            return error;
        };
        let is_main = id == typst::World::main(world);
        let range = world.range(diag.span);
        if is_main && let Some(place) = range.clone().and_then(|r| source.lines.at(r.start)) {
            let printed = range.and_then(|r| file.text().get(r)).unwrap_or("");
            let column = template_column(place.source, place.line, printed);
            return error.with_path(place.path).at(place.source, place.line, column);
        }
        let path = if is_main {
            PathBuf::from(format!("{}（由模板 {} 生成）", source.name, source.template))
        } else {
            self.file_path(id.vpath().get_without_slash())
        };
        error = error.with_path(path);
        if let Some((line, column)) = range.and_then(|r| file.lines().byte_to_line_column(r.start)) {
            error = error.at(file.text(), line + 1, column + 1);
        }
        error
    }
}

impl Compiler {
    /// Where a file a document imported comes from, as messages name it.
    fn file_path(&self, vpath: &str) -> PathBuf {
        let catalog = &self.assets.catalog;
        let (form, name) = vpath.split_once('/').unwrap_or(("", vpath));
        if let Some(form) = catalog.forms.iter().find(|f| f.id == form)
            && form.files.contains_key(name)
        {
            return form.origin.file_path(&form.id, name);
        }
        match catalog.shared.get(name) {
            Some((crate::forms::Origin::Folder(path), _)) => path.clone(),
            _ => std::path::Path::new("<内置表格>").join(name),
        }
    }
}

/// The column of template line `line` where the text Typst objects to was
/// written; else where the line's output starts.
fn template_column(source: &str, line: usize, printed: &str) -> usize {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let printed = printed.lines().next().unwrap_or("").trim();
    let found = (!printed.is_empty()).then(|| text.find(printed)).flatten();
    let at = found.unwrap_or_else(|| text.len() - text.trim_start().len());
    text[..at].chars().count() + 1
}

/// Typst's message in a form author's words, its own in parentheses.
fn explain(message: &str, warning: bool) -> String {
    let kind = if warning { "警告" } else { "错误" };
    if message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return format!("Typst {kind}：{message}");
    }
    match typst_words(message) {
        Some(words) => format!("Typst {kind}：{words}（{message}）"),
        None => format!("Typst 报{kind}（{message}）"),
    }
}

/// The common Typst messages, explained.
fn typst_words(message: &str) -> Option<String> {
    let after = |prefix: &str| message.strip_prefix(prefix).map(|rest| rest.trim().trim_matches('`').to_owned());
    if let Some(name) = after("unknown variable:") {
        return Some(format!("未定义的变量 {name}：Typst 代码里用到的名字要先用 #let 定义或从 style.typ 导入"));
    }
    if let Some(font) = after("unknown font family:") {
        return Some(format!("没有字体 {font}：wenshu fonts 列出可用的字体，模板用 fonts.body 等"));
    }
    if let Some(name) = after("missing argument:") {
        return Some(format!("缺少参数 {name}"));
    }
    if let Some(rest) = after("expected") {
        if let Some((wanted, found)) = rest.split_once(", found ") {
            return Some(format!("这里要 {wanted}，却是 {found}"));
        }
    }
    const WORDS: [(&str, &str); 14] = [
        ("unclosed delimiter", "括号没有闭合"),
        ("unclosed string", "字符串的引号没有闭合"),
        ("unclosed raw text", "代码块的反引号没有闭合"),
        ("unexpected closing delimiter", "多余的右括号"),
        ("expected expression", "这里缺少表达式"),
        ("expected comma", "缺少逗号"),
        ("expected semicolon or line break", "一行里写了两条语句：请用分号或换行隔开"),
        ("unexpected argument", "多余的参数"),
        ("file not found", "找不到文件"),
        ("would escape the project root", "路径超出了表格文件夹"),
        ("does not contain key", "没有这个键"),
        ("index out of bounds", "下标超出范围"),
        ("cannot divide by zero", "除数为零"),
        ("label does not exist", "引用的标签不存在"),
    ];
    WORDS.iter().find(|(english, _)| message.contains(english)).map(|(_, words)| (*words).to_owned())
}

/// The text a document shows, in the order of its frames, one line per
/// run of text: what tests compare with the seeds.
pub fn document_text(document: &PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                typst::layout::FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push('\n');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
        out.push('\n');
    }
    out
}
