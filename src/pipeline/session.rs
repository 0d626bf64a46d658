//! One project on its way to its documents: checked and computed once
//! ([`Workspace::prepare`]), then rendered, laid out and exported form by
//! form. A [`Session`] is what the build, `check` and every output format
//! hold of a project; the [`Workspace`] stays what all projects share.

use minijinja::value::Value;

use crate::error::{Error, ErrorKind};
use crate::forms::Form;
use crate::project::load::Loaded;
use crate::typeset::compile::{Document, TypstSource};

use super::{Prepared, Workspace, document_ident};

/// A project checked and computed, with the workspace that builds it.
#[derive(Clone, Copy)]
pub struct Session<'a> {
    pub workspace: &'a Workspace,
    pub loaded: &'a Loaded,
    pub prepared: &'a Prepared,
}

impl<'a> Session<'a> {
    /// What one form's template sees.
    pub(crate) fn context(&self, form: &Form) -> Value {
        let section = form.section.as_deref().and_then(|s| self.loaded.tree.at_path(s)).filter(|n| !n.is_null());
        crate::typeset::context::for_form(&self.prepared.context, form, section)
    }

    /// The Typst source of one document.
    pub fn render(&self, form: &Form) -> Result<TypstSource, Error> {
        let workspace = self.workspace;
        workspace.usable(form, self.loaded)?;
        let (text, lines) = workspace
            .templates
            .render_lines(&form.template_name(), self.context(form))
            .map_err(|e| workspace.over_budget(e, &form.name, &self.whose()))?;
        Ok(TypstSource { text, lines, ..workspace.source_of(self.loaded, form) })
    }

    /// Renders and lays out one document, in one compile: merged cells that
    /// run onto a new page print their label there too (（续）) from inside
    /// Typst's layout (`continued()`).
    pub fn lay_out(&self, form: &Form) -> Result<(TypstSource, Document), Vec<Error>> {
        let source = self.render(form).map_err(|e| vec![e])?;
        let whose = self.whose();
        let document = self.workspace.compile(&source).map_err(|errors| {
            errors.into_iter().map(|e| self.workspace.over_budget(e, &form.name, &whose)).collect::<Vec<_>>()
        })?;
        Ok((source, document))
    }

    /// Renders and lays out one document, as a build would, without
    /// exporting it: what `check` does for each document.
    pub fn check_document(&self, form: &Form) -> Result<(), Vec<Error>> {
        self.placed(form)?;
        if self.workspace.runs_in_worker(form) {
            return self.workspace.build_in_worker(self.prepared, self.loaded, form, false).map(|_| ());
        }
        self.lay_out(form).map(|_| ())
    }

    /// Renders, compiles and exports one document; the PDF and the Typst it
    /// was compiled from.
    pub fn build(&self, form: &Form) -> Result<(Vec<u8>, TypstSource), Vec<Error>> {
        self.placed(form)?;
        if self.workspace.runs_in_worker(form) {
            return self.workspace.build_in_worker(self.prepared, self.loaded, form, true);
        }
        let (source, document) = self.lay_out(form)?;
        let ident = document_ident(self.loaded, form);
        let pdf = self.workspace.pdf(&document, &ident, &source)?;
        Ok((pdf, source))
    }

    /// Builds several documents, with `parallel` one thread each: a
    /// project's documents share nothing but the workspace, and on a
    /// rebuild the slowest document sets the time.
    pub fn build_all(&self, forms: &[&Form], parallel: bool) -> Vec<Result<(Vec<u8>, TypstSource), Vec<Error>>> {
        if !parallel {
            return forms.iter().map(|form| self.build(form)).collect();
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = forms.iter().map(|form| scope.spawn(move || self.build(form))).collect();
            handles
                .into_iter()
                .zip(forms)
                .map(|(handle, form)| {
                    handle.join().unwrap_or_else(|_| {
                        let message = format!("生成{}时 wenshu 内部出错，请把这个项目文件发给开发者", form.name);
                        Err(vec![Error::new(ErrorKind::Typst, message)])
                    })
                })
                .collect()
        })
    }

    /// The fuel rendering one document uses, in-process: to check that the
    /// budget stays far above what real documents need.
    pub fn fuel_used(&self, form: &Form) -> Result<u64, Error> {
        self.workspace.templates.render_measured(&form.template_name(), self.context(form)).map(|(_, used)| used)
    }

    /// The project's indicators each under a 一级/二级 the form prints:
    /// else errors at the project file's lines, before rendering.
    fn placed(&self, form: &Form) -> Result<(), Vec<Error>> {
        let errors = crate::check::placement::placement(self.loaded, form);
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// How messages name what a failed document leaves unbuilt.
    fn whose(&self) -> String {
        format!("{} 的文书", self.loaded.path.display())
    }
}
