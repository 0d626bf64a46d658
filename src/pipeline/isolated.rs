//! The documents of forms from a folder: shared between organisations, their
//! templates are code, rendered and compiled in a worker process under the
//! workspace's budgets ([`crate::typeset::worker`]). Every budget exceeded
//! is an error naming the form, what was not built and the budget.

use minijinja::value::Value;

use crate::error::{Error, ErrorKind};
use crate::forms::{Form, Origin};
use crate::project::load::Loaded;
use crate::typeset::compile::TypstSource;
use crate::typeset::worker::{self, Built, Failure, ProjectSource, Request};
use typst::foundations::Datetime;

use super::{Prepared, Workspace};

/// What a worker renders from: a project (it computes the context as
/// this process does), or a context given whole (the summary's).
pub(super) enum Input<'a> {
    Project(ProjectSource),
    Context(&'a Value),
}

/// The worker's side: one workspace (forms, templates, fonts, the Typst
/// library), opened for the first request and kept while requests name the
/// same folders, budgets and standards, so each document costs only its own
/// rendering and layout. A project's document is computed from its file as
/// the parent computes it (typed values included); the summary from the
/// context sent.
#[derive(Default)]
pub struct Served {
    opened: Option<(String, Workspace)>,
}

impl Served {
    pub fn answer(&mut self, request: &Request) -> Result<Built, Vec<Error>> {
        let key = serde_json::to_string(&(&request.forms, &request.fonts, &request.standards, request.fuel))
            .map_err(|err| vec![Error::new(ErrorKind::Usage, format!("生成进程收到的请求无法读取：{err}"))])?;
        if self.opened.as_ref().is_none_or(|(opened, _)| *opened != key) {
            self.opened = None;
            let mut workspace = Workspace::open(request.forms.as_deref(), request.fonts.as_deref())?;
            workspace.set_limits(crate::typeset::limits::Limits { fuel: request.fuel, ..Default::default() });
            workspace.set_pdf_standards(request.standards.clone());
            self.opened = Some((key, workspace));
        }
        let Some((_, workspace)) = &self.opened else { return Err(Vec::new()) };
        match &request.project {
            Some(project) => workspace.build_requested(request, project),
            None => workspace.build_context(request),
        }
    }
}

impl Workspace {
    /// A project's document as a worker builds it.
    fn build_requested(&self, request: &Request, project: &ProjectSource) -> Result<Built, Vec<Error>> {
        let loaded = self.parse(&project.text, &project.path)?;
        let prepared = self.prepare(&loaded)?;
        let Some(form) = self.catalog().forms.iter().find(|f| f.id == request.form) else {
            return Err(vec![Error::new(ErrorKind::Usage, format!("生成进程找不到表格 {}", request.form))]);
        };
        let source = self.session(&loaded, &prepared).render(form).map_err(|e| vec![e])?;
        let document = self.compile(&source)?;
        let pdf = if request.pdf { self.pdf(&document, &request.ident, &source)? } else { Vec::new() };
        Ok((pdf, source.text))
    }

    /// A document from a context given whole (the summary) as a worker
    /// builds it.
    fn build_context(&self, request: &Request) -> Result<Built, Vec<Error>> {
        let context = Value::from(minijinja::value::Serde(&request.context));
        let context = minijinja::context! { fonts => Value::from_safe_string(self.font_roles.clone()), ..context };
        let (text, lines) = self.templates.render_lines(&request.template, context).map_err(|e| vec![e])?;
        let (year, month, day) = request.today;
        let today = Datetime::from_ymd(year, month, day).unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"));
        let source = TypstSource {
            form: request.form.clone(),
            name: request.name.clone(),
            template: request.display.clone(),
            text,
            lines,
            today,
        };
        let document = self.compile(&source)?;
        let pdf = if request.pdf { self.pdf(&document, &request.ident, &source)? } else { Vec::new() };
        Ok((pdf, source.text))
    }

    /// Whether `form`'s documents are built in a worker: it, or a shared
    /// Typst file it imports, comes from a folder, and a worker is set.
    pub fn runs_in_worker(&self, form: &Form) -> bool {
        self.worker.is_some() && self.catalog.is_shared_code(form)
    }

    /// A form refused when the forms were loaded (a link, a file too large)
    /// builds no document.
    pub(super) fn usable(&self, form: &Form, loaded: &Loaded) -> Result<(), Error> {
        let Some(reason) = &form.refused else { return Ok(()) };
        let message = format!("表格“{}”不能使用：{reason}。{} 的文书未生成", form.name, loaded.path.display());
        let error = Error::new(ErrorKind::Form, message);
        Err(match &form.origin {
            Origin::Folder(folder) => error.with_path(folder),
            Origin::Builtin => error,
        })
    }

    /// Renders, compiles and (with `pdf`) exports one document in a worker.
    pub(super) fn build_in_worker(
        &self,
        // The worker prepares the project itself, from its file.
        _prepared: &Prepared,
        loaded: &Loaded,
        form: &Form,
        pdf: bool,
    ) -> Result<(Vec<u8>, TypstSource), Vec<Error>> {
        self.usable(form, loaded).map_err(|e| vec![e])?;
        let source = self.source_of(loaded, form);
        let ident = super::document_ident(loaded, form);
        let whose = format!("{} 的文书", loaded.path.display());
        let project = ProjectSource { path: loaded.path.clone(), text: loaded.source.clone() };
        let input = Input::Project(project);
        let (bytes, text) = self.in_worker(&source, &form.template_name(), input, &ident, pdf, (&form.name, &whose))?;
        Ok((bytes, TypstSource { text, ..source }))
    }

    /// Runs one template in a worker: `what` names the form and what is
    /// not built when it fails (`projects/x/project.yaml 的文书`).
    pub(super) fn in_worker(
        &self,
        source: &TypstSource,
        template: &str,
        input: Input,
        ident: &str,
        pdf: bool,
        what: (&str, &str),
    ) -> Result<(Vec<u8>, String), Vec<Error>> {
        let Some(pool) = &self.worker else {
            return Err(vec![Error::new(ErrorKind::Usage, "没有设置生成进程")]);
        };
        let today = &source.today;
        let request = Request {
            forms: self.catalog.user_dir.clone(),
            fonts: self.fonts_dir.clone(),
            standards: self.standards.clone(),
            fuel: self.limits.fuel,
            // Set by the pool, from the limits.
            cpu: 0,
            memory: 0,
            form: source.form.clone(),
            template: template.to_owned(),
            name: source.name.clone(),
            display: source.template.clone(),
            context: match &input {
                Input::Context(context) => worker::context_json(context).map_err(|e| vec![e])?,
                Input::Project(_) => serde_json::Value::Null,
            },
            project: match input {
                Input::Project(project) => Some(project),
                Input::Context(_) => None,
            },
            today: (today.year().unwrap_or(2000), today.month().unwrap_or(1), today.day().unwrap_or(1)),
            ident: ident.to_owned(),
            pdf,
        };
        let (form, whose) = what;
        let over = |budget: String, advice: &str| {
            let message = format!("表格“{form}”的文书生成超出{budget}：{whose}未生成。{advice}");
            vec![Error::new(ErrorKind::Limit, message).with_path(&source.template)]
        };
        match pool.run(&request, &self.limits) {
            Ok(built) => Ok(built),
            Err(Failure::Errors(errors)) => Err(errors.into_iter().map(|e| self.over_budget(e, form, whose)).collect()),
            Err(Failure::Timeout) => Err(over(
                format!("时间限制（{}）", self.limits.timeout_words()),
                "模板中可能有无尽的循环或递归；确需更长时间时，用 --timeout 秒数 放宽",
            )),
            Err(Failure::Memory) => Err(over(
                format!("内存限制（{}）", self.limits.memory_words()),
                "模板中可能有过大的数组、字符串或图片；确需更多内存时，用 --memory 放宽",
            )),
            Err(Failure::Died(how)) => {
                let message = format!("表格“{form}”的文书生成进程意外结束（{how}）：{whose}未生成");
                Err(vec![Error::new(ErrorKind::Limit, message).with_path(&source.template)])
            }
        }
    }

    /// An error of a budget, in its words: which form, what was not built,
    /// which budget. Other errors are left as they are.
    pub(super) fn over_budget(&self, error: Error, form: &str, whose: &str) -> Error {
        if error.kind != ErrorKind::Limit {
            return error;
        }
        let message = if error.message.starts_with("模板错误") {
            format!(
                "表格“{form}”的模板运行超出限制（fuel，{} 步）：{whose}未生成。模板中可能有过大的循环",
                self.limits.fuel
            )
        } else if let Some(pages) = error.message.split_once(" 共有 ").and_then(|(_, rest)| rest.split_once(" 页")) {
            format!(
                "表格“{form}”的文书共有 {} 页，超出页数限制（{} 页）：{whose}未生成。请检查项目文件中是否有异常长的文字或列表",
                pages.0,
                crate::typeset::compile::MAX_PAGES
            )
        } else {
            return error;
        };
        Error { message, ..error }
    }
}
