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
        let assets = Assets::new(library(), fonts, catalog);
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
        let world = DocumentWorld::new(&self.assets, &source.form, Source::new(id, source.text.clone()), source.today);
        let result =
            guarded("排版", || typst::compile::<Bounded>(&world)).map_err(|e| vec![e.with_path(&source.template)])?;
        let warnings = result.warnings.iter().filter(|w| w.severity == Severity::Warning);
        match result.output {
            Ok(_) if result.warnings.is_empty() => {}
            Ok(_) => {
                return Err(warnings.map(|d| self.diagnostic(&world, source, d)).collect());
            }
            Err(errors) => {
                if let Some(pages) = errors.iter().find_map(|e| e.message.strip_prefix(TOO_MANY_PAGES)) {
                    let message = format!(
                        "{} 共有 {pages} 页，超过上限 {MAX_PAGES} 页：请检查项目文件中是否有异常长的文字或列表",
                        source.name
                    );
                    return Err(vec![Error::new(ErrorKind::Limit, message)]);
                }
                return Err(errors.iter().chain(warnings).map(|d| self.diagnostic(&world, source, d)).collect());
            }
        }
        result.output.map(|bounded| bounded.0).map_err(|_| Vec::new())
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
        guarded("导出 PDF ", || typst_pdf::pdf(document, &options))?.map_err(|diags| {
            let messages: Vec<String> = diags.iter().map(|d| d.message.to_string()).collect();
            Error::new(ErrorKind::Typst, format!("PDF 导出失败：{}", messages.join("；")))
        })
    }

    /// A Typst diagnostic as our error: in a template-folder file it points
    /// at that file; in the generated source it names the template.
    fn diagnostic(&self, world: &DocumentWorld, source: &TypstSource, diag: &SourceDiagnostic) -> Error {
        let mut message = explain(&diag.message, diag.severity == Severity::Warning);
        // Hints about the typst command line (`--root`) do not apply here.
        // Nor does the sandbox's, which the message already says.
        for hint in diag.hints.iter().filter(|h| !h.v.contains("--root") && !h.v.contains("project sandbox")) {
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

/// Typst's message in a form author's words, its own in parentheses
/// ([`super::typst_words`] holds the words).
fn explain(message: &str, warning: bool) -> String {
    let kind = if warning { "警告" } else { "错误" };
    format!("Typst {kind}：{}", super::typst_words::explain(message))
}

/// How [`Bounded`] says a document has too many pages; the number follows.
const TOO_MANY_PAGES: &str = "wenshu: too many pages: ";

/// A laid-out document whose pages are counted after each layout pass:
/// Typst lays a document out up to five times until its cross-references
/// settle, and a runaway document stops after the first.
struct Bounded(PagedDocument);

impl typst::foundations::Output for Bounded {
    fn target() -> typst::foundations::Target {
        typst::foundations::Target::Paged
    }

    fn create(
        engine: &mut typst::engine::Engine,
        content: &typst::foundations::Content,
        styles: typst::foundations::StyleChain,
    ) -> typst::diag::SourceResult<Self> {
        let document = typst_layout::layout_document(engine, content, styles)?;
        let pages = document.pages().len();
        if pages > MAX_PAGES {
            let message = format!("{TOO_MANY_PAGES}{pages}");
            return Err(typst::diag::EcoVec::from([SourceDiagnostic::error(typst::syntax::Span::detached(), message)]));
        }
        Ok(Bounded(document))
    }

    fn introspector(&self) -> &dyn typst::introspection::Introspector {
        typst::foundations::Output::introspector(&self.0)
    }
}

/// Typst's standard library less `plugin`: a WebAssembly plugin is a
/// program no budget of wenshu's reaches, and no form needs one.
fn library() -> Library {
    use typst::foundations::{Binding, Func, NativeFuncData, NativeFuncPtr, Scope};
    static REFUSED: NativeFuncData = NativeFuncData {
        function: NativeFuncPtr(&|_, _, args| {
            let message = "表格不能使用 WebAssembly 插件（plugin）：插件是不受 wenshu 限制的程序，共享的表格不能带有它";
            Err(typst::diag::EcoVec::from([SourceDiagnostic::error(args.span, message)]))
        }),
        name: "plugin",
        title: "Plugin",
        docs: "",
        def_site: None,
        keywords: &[],
        contextual: false,
        scope: std::sync::LazyLock::new(&|| Scope::new()),
        params: std::sync::LazyLock::new(&|| Vec::new()),
        returns: std::sync::LazyLock::new(&|| typst::foundations::CastInfo::Any),
    };
    let mut library = Library::builder().build();
    library.global.scope_mut().bind("plugin".into(), Binding::detached(Func::from(&REFUSED)));
    library.std = Binding::detached(library.global.clone());
    library
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

/// Runs a step of Typst's that may panic on input it did not foresee (a
/// bug of Typst's own, as its PDF tagging of some tables was): the panic is
/// an error naming the step, never the end of wenshu or of its worker. The
/// caller says which document it was.
fn guarded<T>(step: &str, run: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|payload| {
        let said = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message = format!("排版程序 Typst {step}时内部出错（{said}）：请把这个表格和项目文件发给开发者");
        Error::new(ErrorKind::Typst, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_typst_is_an_error_naming_the_step() {
        let error = guarded("导出 PDF ", || -> usize { panic!("assertion failed: x") }).unwrap_err();
        assert_eq!(
            error.message,
            "排版程序 Typst 导出 PDF 时内部出错（assertion failed: x）：请把这个表格和项目文件发给开发者"
        );
        assert_eq!(guarded("排版", || 3).unwrap(), 3);
    }
}
