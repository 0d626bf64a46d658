//! From a loaded project to PDF bytes: check → compute → render → compile.
//!
//! A [`Workspace`] holds what every build shares (the forms, the project
//! schema, the templates, the fonts and the Typst library) and is opened
//! once per process.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::Value;
use serde_json::Value as Json;
use typst::foundations::Datetime;

use crate::error::{Error, ErrorKind};
use crate::forms::{Catalog, Form};
use crate::project::load::Loaded;
use crate::score::completion::{self, Progress};
use crate::score::evaluate::{Evaluated, evaluate};
use crate::score::summary::Summary;
use crate::score::tree::Tree;
use crate::typeset::compile::{Compiler, Document, TypstSource};
use crate::typeset::context;
use crate::typeset::fonts::Fonts;
use crate::typeset::limits::Limits;
use crate::typeset::render::Templates;
use crate::yaml::tree::Node;
use crate::{check::schema, check::validate, parts::compute};

/// The summary's template: a shared file of the forms folder, so a
/// repository can print its own by putting one in its `forms/`.
pub const SUMMARY_TEMPLATE: &str = "summary.typ.j2";

mod glyphs;
pub use glyphs::template_glyphs;
mod isolated;
mod session;
pub use isolated::Served;
pub use session::Session;

/// Forms, schema, templates, fonts and the Typst library, loaded once.
pub struct Workspace {
    catalog: Arc<Catalog>,
    schema: Json,
    templates: Templates,
    compiler: Compiler,
    /// The `fonts` dictionary every template gets; fixed by the fonts.
    font_roles: String,
    /// The user's fonts folder, for workers to load the same fonts.
    fonts_dir: Option<PathBuf>,
    /// The PDF standards every PDF conforms to.
    standards: Vec<typst_pdf::PdfStandard>,
    /// What one document may spend.
    limits: Limits,
    /// The worker processes (a program's `__worker` subcommand) that build
    /// documents of forms from a folder; without them (the library's
    /// default) those are built in-process, under fuel only.
    worker: Option<crate::typeset::pool::Pool>,
}

/// What a checked project gives every one of its documents: the context
/// all its templates share, computed once.
pub struct Prepared {
    context: Value,
    pub evaluated: Option<Evaluated>,
    /// Every indicator's 完成率 once any has an actual, evaluation or not.
    pub progress: Option<Progress>,
}

impl Workspace {
    /// The built-in forms with the user's `forms_dir` over them, and the
    /// built-in fonts with those of `fonts_dir`.
    pub fn open(forms_dir: Option<&Path>, fonts_dir: Option<&Path>) -> Result<Workspace, Vec<Error>> {
        Workspace::with_catalog(crate::parts::catalog(forms_dir)?, fonts_dir)
    }

    /// A workspace for forms already loaded.
    pub fn with_catalog(catalog: Catalog, fonts_dir: Option<&Path>) -> Result<Workspace, Vec<Error>> {
        let catalog = Arc::new(catalog);
        let templates = Templates::for_catalog(&catalog).map_err(|e| vec![e])?;
        let fonts = Fonts::load(fonts_dir).map_err(|e| vec![e])?;
        let font_roles = fonts.roles();
        let schema = schema::project_schema(&catalog);
        let compiler = Compiler::new(catalog.clone(), fonts);
        Ok(Workspace {
            catalog,
            schema,
            templates,
            compiler,
            font_roles,
            fonts_dir: fonts_dir.map(Path::to_owned),
            standards: Vec::new(),
            limits: Limits::default(),
            worker: None,
        })
    }

    /// Sets what one document may spend.
    pub fn set_limits(&mut self, limits: Limits) {
        self.templates.set_fuel(limits.fuel);
        self.limits = limits;
    }

    /// Builds the documents of forms from a folder in worker processes of
    /// program `exe` (the running wenshu, for the command line), at most
    /// one per core, each kept for the next document.
    pub fn use_worker(&mut self, exe: PathBuf) {
        self.worker = Some(crate::typeset::pool::Pool::new(exe));
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The project file's JSON Schema, with every form's fields.
    pub fn schema(&self) -> &Json {
        &self.schema
    }

    pub fn fonts(&self) -> &Fonts {
        self.compiler.fonts()
    }

    /// Reads and parses a project file.
    pub fn load(&self, path: &Path) -> Result<Loaded, Vec<Error>> {
        crate::project::load::load(path, &self.schema)
    }

    /// Parses a project's text as if it were the file at `path`.
    pub fn parse(&self, source: &str, path: impl AsRef<Path>) -> Result<Loaded, Vec<Error>> {
        crate::project::load::loaded(source.to_owned(), path.as_ref(), &self.schema)
    }

    /// Every problem of a loaded project that a build would meet: the rules
    /// on its figures, its year-end evaluation, characters no font can
    /// draw, and the rendering and layout of each of its documents. Only
    /// writing the PDFs is left out, so a project that passes builds.
    pub fn check(&self, loaded: &Loaded) -> Vec<Error> {
        let prepared = match self.prepare(loaded) {
            Ok(prepared) => prepared,
            Err(errors) => return errors,
        };
        let mut errors = Vec::new();
        if let Some(reason) = validate::nothing_to_build(loaded, &self.catalog, &self.schema) {
            errors.push(Error::new(ErrorKind::Invalid, reason).with_path(&loaded.path));
        }
        let session = self.session(loaded, &prepared);
        for form in self.documents_for(loaded) {
            if let Err(found) = session.check_document(form) {
                errors.extend(found.into_iter().map(|e| if e.path.is_none() { e.with_path(&loaded.path) } else { e }));
            }
        }
        errors
    }

    /// Checks a project and computes what its documents share; the errors
    /// name the project file.
    pub fn prepare(&self, loaded: &Loaded) -> Result<Prepared, Vec<Error>> {
        let mut errors = validate::validate(loaded, &self.catalog, &self.schema);
        let indicators = Tree::read(&loaded.project);
        let evaluated = match &loaded.project.evaluation {
            Some(evaluation) => match evaluate(&loaded.project, evaluation, &indicators) {
                Ok(evaluated) => Some(evaluated),
                Err(found) => {
                    errors.extend(found.into_iter().map(|e| {
                        let (line, column) = (e.line, e.column);
                        e.at(&loaded.source, line, column)
                    }));
                    None
                }
            },
            None => None,
        };
        // With an evaluation, its errors already name every actual that
        // cannot be read; the rates alone report their own.
        let progress = match completion::progress(&loaded.project, &indicators) {
            Ok(progress) => progress,
            Err(found) => {
                if loaded.project.evaluation.is_none() {
                    errors.extend(found.into_iter().map(|e| {
                        let (line, column) = (e.line, e.column);
                        e.at(&loaded.source, line, column)
                    }));
                }
                None
            }
        };
        errors.extend(self.missing_glyphs(loaded));
        // The forms' own text, named by its template.
        let forms: Vec<Error> = self.documents_for(loaded).into_iter().flat_map(|f| self.form_glyphs(f)).collect();
        if !errors.is_empty() || !forms.is_empty() {
            errors.sort_by_key(|e| (e.line, e.column));
            let errors = errors.into_iter().map(|e| e.with_path(&loaded.path));
            return Err(errors.chain(forms).collect());
        }
        let project = context::project(&loaded.project, &loaded.tree, &self.catalog);
        let areas = compute::service_areas(&loaded.project);
        let context = context::shared(project, &evaluated, &progress, &areas, &self.font_roles);
        Ok(Prepared { context, evaluated, progress })
    }

    /// The documents a project produces: those it names, or else every
    /// form whose section and needs it has.
    pub fn documents_for(&self, loaded: &Loaded) -> Vec<&Form> {
        validate::documents(loaded, &self.catalog, &self.schema)
    }

    /// A project's 项目资金: where the first form it builds that says where
    /// they are (`funds: gd_target.total`) finds them; else its own
    /// `funding.total`, the project file's 项目资金.
    pub fn funds(&self, loaded: &Loaded) -> Option<crate::units::money::Money> {
        let declared = self.documents_for(loaded).into_iter().find_map(|f| f.funds.as_deref());
        let path = declared.unwrap_or("funding.total");
        loaded.tree.at_path(path).and_then(Node::text).and_then(|t| crate::units::money::Money::parse(t).ok())
    }

    /// A prepared project with this workspace: what builds its documents.
    pub fn session<'a>(&'a self, loaded: &'a Loaded, prepared: &'a Prepared) -> Session<'a> {
        Session { workspace: self, loaded, prepared }
    }

    /// The Typst source of one document of a project, checked and computed
    /// first: for a single document, as tests and the template reference
    /// ask.
    pub fn render(&self, loaded: &Loaded, form: &Form) -> Result<TypstSource, Vec<Error>> {
        let prepared = self.prepare(loaded)?;
        self.session(loaded, &prepared).render(form).map_err(|e| vec![e])
    }

    /// A document's Typst source, but its text.
    fn source_of(&self, loaded: &Loaded, form: &Form) -> TypstSource {
        // Typst's `today` is fixed, so rebuilds are byte-identical: 1 January
        // of the project's year, or of 2000 for a project without one.
        let year = loaded.project.year().unwrap_or(2000);
        let today = Datetime::from_ymd(year, 1, 1).unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"));
        TypstSource {
            form: form.id.clone(),
            name: format!("{}.typ", form.name),
            template: self.templates.display_path(&form.template_name()),
            text: String::new(),
            lines: Default::default(),
            today,
        }
    }

    /// Lays out a generated source.
    pub fn compile(&self, source: &TypstSource) -> Result<Document, Vec<Error>> {
        self.compiler.compile(source)
    }

    /// The funders' summary (汇总表) as a PDF, from the shared template
    /// `summary.typ.j2` of the forms folder; also its Typst source.
    pub fn summary_pdf(
        &self,
        summary: &Summary,
        date: chrono::NaiveDate,
    ) -> Result<(Vec<u8>, TypstSource), Vec<Error>> {
        use chrono::Datelike;
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"));
        let context = context::summary(summary, &summary.table(), &self.font_roles);
        let mut source = TypstSource {
            form: String::new(),
            name: "汇总表.typ".to_owned(),
            template: self.templates.display_path(SUMMARY_TEMPLATE),
            text: String::new(),
            lines: Default::default(),
            today,
        };
        let ident = format!("汇总表#{}", summary.years);
        if self.worker.is_some() && self.catalog.is_summary_shared_code(SUMMARY_TEMPLATE) {
            let (pdf, text) = self.in_worker(
                &source,
                SUMMARY_TEMPLATE,
                isolated::Input::Context(&context),
                &ident,
                true,
                ("汇总表", "汇总表"),
            )?;
            return Ok((pdf, TypstSource { text, ..source }));
        }
        (source.text, source.lines) = self
            .templates
            .render_lines(SUMMARY_TEMPLATE, context)
            .map_err(|e| vec![self.over_budget(e, "汇总表", "汇总表")])?;
        let document = self.compile(&source)?;
        let pdf = self.pdf(&document, &ident, &source)?;
        Ok((pdf, source))
    }

    /// Exports a document laid out from `source`; `ident` names it stably
    /// across builds. An error names the source's template, as `compile`'s do.
    pub fn pdf(&self, document: &Document, ident: &str, source: &TypstSource) -> Result<Vec<u8>, Vec<Error>> {
        self.compiler.pdf(document, ident, source.today).map_err(|e| vec![e.with_path(&source.template)])
    }

    /// Makes every PDF conform to `standards` (PDF/A for archives).
    pub fn set_pdf_standards(&mut self, standards: Vec<typst_pdf::PdfStandard>) {
        self.compiler.set_standards(standards.clone());
        self.standards = standards;
    }

    /// The Typst files a form's generated source imports, to write beside it.
    pub fn typst_support_files(&self, form: &Form) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let files = self.catalog.typst_support_files(form).map_err(|reason| Error::new(ErrorKind::Form, reason))?;
        Ok(files.into_iter().map(|(name, bytes)| (name, bytes.to_vec())).collect())
    }
}

/// A stable name for a document's PDF identifier: from what it is, never
/// from where its file happens to be.
fn document_ident(loaded: &Loaded, form: &Form) -> String {
    let project = &loaded.project;
    let year = project.year().map(|y| y.to_string()).unwrap_or_default();
    format!("{}#{year}#{}", project.name().unwrap_or(""), form.name)
}
