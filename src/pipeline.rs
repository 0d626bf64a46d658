//! From a loaded project to PDF bytes: check → compute → render → compile.
//!
//! A [`Workspace`] holds what every build shares (templates, fonts, the
//! Typst library) and is loaded once per process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use minijinja::value::{Serde, Value};
use typst::foundations::Datetime;

use crate::compile::{Compiler, Document, TypstSource};
use crate::error::{Error, ErrorKind};
use crate::evaluate::evaluate;
use crate::fonts::{Fonts, is_invisible};
use crate::load::Loaded;
use crate::model::Project;
use crate::model::label;
use crate::render::Templates;
use crate::{compute, validate};

/// A kind of document wenshu produces.
#[derive(Debug, Clone, Copy)]
pub struct DocumentKind {
    /// The document's name, which is also its PDF's file name: `申报表`.
    pub name: &'static str,
    /// Names `--only` also accepts for it (`report` for the year-end pair).
    pub aliases: &'static [&'static str],
    /// Its template in the template folder.
    pub template: &'static str,
    /// The file name of the generated Typst source.
    pub typst_name: &'static str,
    /// The section of the project file it needs, as a key path, or `None`
    /// when the project has it.
    needs: fn(&Project) -> Option<&'static str>,
}

impl DocumentKind {
    /// The section this document needs that the project lacks, in the
    /// user's words (`evaluation（年终绩效评价）`).
    pub fn missing_section(&self, project: &Project) -> Option<&'static str> {
        (self.needs)(project)
    }

    /// Whether `--only NAME` selects this document.
    pub fn matches(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// Every document wenshu knows. A new district's form is a new entry here
/// and a new template.
pub const DOCUMENTS: &[DocumentKind] = &[
    DocumentKind {
        name: "申报表",
        aliases: &["application"],
        template: "application.typ.j2",
        typst_name: "application.typ",
        needs: |p| {
            first_missing(&[
                (p.application.is_none(), "application（申报表各栏）"),
                (p.funding.is_none(), "funding（项目资金）"),
                (p.department.is_none(), "department（项目主管部门）"),
                (p.implementer.is_none(), "implementer（项目实施单位）"),
            ])
        },
    },
    DocumentKind {
        name: "绩效评价报告",
        aliases: &["report"],
        template: "evaluation_report.typ.j2",
        typst_name: "evaluation_report.typ",
        needs: |p| {
            first_missing(&[
                (p.evaluation.is_none(), "evaluation（年终绩效评价）"),
                (p.evaluation.as_ref().is_some_and(|e| e.report.is_none()), "evaluation.report（绩效评价报告正文）"),
                (p.implementer.is_none(), "implementer（项目实施单位）"),
            ])
        },
    },
    DocumentKind {
        name: "绩效自评表",
        aliases: &["report", "self-evaluation"],
        template: "self_evaluation.typ.j2",
        typst_name: "self_evaluation.typ",
        needs: |p| {
            first_missing(&[
                (p.evaluation.is_none(), "evaluation（年终绩效评价）"),
                (p.department.is_none(), "department（项目主管部门）"),
                (p.implementer.is_none(), "implementer（项目实施单位）"),
            ])
        },
    },
    DocumentKind {
        name: "服务分项目标及指标",
        aliases: &["service-plan"],
        template: "service_plan.typ.j2",
        typst_name: "service_plan.typ",
        needs: |p| first_missing(&[(p.service_plan.is_none(), "service_plan（服务分项目标及指标）")]),
    },
    DocumentKind {
        name: "用户需求书",
        aliases: &["requirements"],
        template: "requirements.typ.j2",
        typst_name: "requirements.typ",
        needs: |p| first_missing(&[(p.requirements.is_none(), "requirements（用户需求书）")]),
    },
    DocumentKind {
        name: "湖里区申报表",
        aliases: &["huli"],
        template: "huli_application.typ.j2",
        typst_name: "huli_application.typ",
        needs: |p| {
            first_missing(&[
                (p.huli_application.is_none(), "huli_application（湖里区申报表各栏）"),
                (p.funding.is_none(), "funding（项目资金）"),
            ])
        },
    },
];

/// The first section marked missing.
fn first_missing(checks: &[(bool, &'static str)]) -> Option<&'static str> {
    checks.iter().find(|(missing, _)| *missing).map(|(_, section)| *section)
}

/// Templates, fonts and the Typst library, loaded once.
pub struct Workspace {
    templates: Templates,
    compiler: Compiler,
    template_dir: PathBuf,
    /// The `fonts` dictionary every template gets; fixed by the font folder.
    font_roles: String,
}

impl Workspace {
    pub fn open(template_dir: &Path, font_dir: &Path) -> Result<Workspace, Error> {
        let templates = Templates::load(template_dir)?;
        let fonts = Fonts::load(font_dir)?;
        let font_roles = fonts.roles();
        let compiler = Compiler::new(template_dir, fonts);
        Ok(Workspace { templates, compiler, template_dir: template_dir.to_owned(), font_roles })
    }

    pub fn fonts(&self) -> &Fonts {
        self.compiler.fonts()
    }

    /// Every problem of a loaded project: the form's rules, then characters
    /// that no font can draw. Errors name the project file.
    pub fn check(&self, loaded: &Loaded) -> Vec<Error> {
        let mut errors = validate::validate(&loaded.project, &loaded.source);
        errors.extend(self.missing_glyphs(loaded));
        errors.into_iter().map(|e| e.with_path(&loaded.path)).collect()
    }

    /// The documents this project produces: those it names, or else every
    /// document whose sections it has.
    pub fn documents_for(&self, loaded: &Loaded) -> Vec<DocumentKind> {
        let project = &loaded.project;
        match &project.documents {
            Some(names) => {
                DOCUMENTS.iter().filter(|d| names.value.iter().any(|n| n.value.as_str() == d.name)).copied().collect()
            }
            None => DOCUMENTS.iter().filter(|d| d.missing_section(project).is_none()).copied().collect(),
        }
    }

    /// The Typst source of one document of a checked project.
    pub fn render(&self, loaded: &Loaded, kind: &DocumentKind) -> Result<TypstSource, Error> {
        self.render_in(&self.context(loaded)?, loaded, kind)
    }

    /// What templates see of a project: the project and everything computed
    /// from it. The same for all of a project's documents, so built once.
    fn context(&self, loaded: &Loaded) -> Result<Value, Error> {
        let project = &loaded.project;
        let figures = project.application.as_ref().map(compute::figures);
        let team = project.requirements.as_ref().and_then(|r| r.team.as_ref()).map(|t| {
            let counts = compute::team_counts(&t.value);
            minijinja::context! {
                size => counts.size,
                qualified => counts.qualified,
                qualified_share => counts.qualified_share.to_string(),
                supervisors => counts.supervisors,
                supervisor_share => counts.supervisor_share.to_string(),
            }
        });
        let evaluated = match &project.evaluation {
            Some(evaluation) => Some(evaluate(project, evaluation).map_err(|mut errors| errors.remove(0))?),
            None => None,
        };
        Ok(minijinja::context! {
            project => Value::from(Serde(project)),
            figures => Value::from(Serde(figures)),
            service_areas => Value::from(Serde(compute::service_areas(project))),
            workload => Value::from(Serde(project.requirements.as_ref().map(compute::workload))),
            team => Value::from(Serde(team)),
            evaluated => Value::from(Serde(evaluated)),
            fonts => Value::from_safe_string(self.font_roles.clone()),
        })
    }

    /// Renders one document with a project's context.
    fn render_in(&self, context: &Value, loaded: &Loaded, kind: &DocumentKind) -> Result<TypstSource, Error> {
        let context = minijinja::context! { document => minijinja::context! { name => kind.name }, ..context.clone() };
        let text = self.templates.render(kind.template, context)?;
        let year = loaded.project.year.value;
        let today = Datetime::from_ymd(year, 1, 1).unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"));
        Ok(TypstSource { name: kind.typst_name.to_owned(), template: kind.template.to_owned(), text, today })
    }

    /// Lays out a generated source.
    pub fn compile(&self, source: &TypstSource) -> Result<Document, Vec<Error>> {
        self.compiler.compile(source)
    }

    /// Renders, compiles and exports one document of a checked project;
    /// returns the PDF and the Typst it was compiled from.
    pub fn build(&self, loaded: &Loaded, kind: &DocumentKind) -> Result<(Vec<u8>, TypstSource), Vec<Error>> {
        let context = self.context(loaded).map_err(|e| vec![e])?;
        self.build_in(&context, loaded, kind)
    }

    fn build_in(
        &self,
        context: &Value,
        loaded: &Loaded,
        kind: &DocumentKind,
    ) -> Result<(Vec<u8>, TypstSource), Vec<Error>> {
        let source = self.render_in(context, loaded, kind).map_err(|e| vec![e])?;
        let document = self.compile(&source)?;
        let ident = format!("{}#{}", loaded.path.display(), kind.name);
        let pdf = self.pdf(&document, &ident, source.today).map_err(|e| vec![e])?;
        Ok((pdf, source))
    }

    /// Builds several documents of one project at once, one thread each:
    /// a project's documents share nothing but the workspace, and on a
    /// rebuild the slowest document sets the time, not their sum.
    pub fn build_all(
        &self,
        loaded: &Loaded,
        kinds: &[DocumentKind],
    ) -> Vec<Result<(Vec<u8>, TypstSource), Vec<Error>>> {
        let context = match self.context(loaded) {
            Ok(context) => context,
            Err(error) => return kinds.iter().map(|_| Err(vec![error.clone()])).collect(),
        };
        let context = &context;
        std::thread::scope(|scope| {
            let handles: Vec<_> =
                kinds.iter().map(|kind| scope.spawn(move || self.build_in(context, loaded, kind))).collect();
            handles
                .into_iter()
                .zip(kinds)
                .map(|(handle, kind)| {
                    handle.join().unwrap_or_else(|_| {
                        let message = format!("生成{}时 wenshu 内部出错，请把这个项目文件发给开发者", kind.name);
                        Err(vec![Error::new(ErrorKind::Typst, message)])
                    })
                })
                .collect()
        })
    }

    /// Exports a laid-out document; `ident` names it stably across builds.
    pub fn pdf(&self, document: &Document, ident: &str, today: Datetime) -> Result<Vec<u8>, Error> {
        self.compiler.pdf(document, ident, today)
    }

    /// Makes every PDF conform to `standards` (PDF/A for archives).
    pub fn set_pdf_standards(&mut self, standards: Vec<typst_pdf::PdfStandard>) {
        self.compiler.set_standards(standards);
    }

    /// The Typst files of the template folder (`style.typ` …) that generated
    /// sources import, to write beside emitted sources.
    pub fn typst_support_files(&self) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let dir = &self.template_dir;
        let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, "读取模板文件夹", &err))?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".typ") && path.is_file() {
                let bytes = std::fs::read(&path).map_err(|err| Error::io(&path, "读取模板", &err))?;
                files.push((name, bytes));
            }
        }
        files.sort();
        Ok(files)
    }

    /// Characters of the project's text that no font has: each would print
    /// as an empty box, so each is an error naming the character and field.
    fn missing_glyphs(&self, loaded: &Loaded) -> Vec<Error> {
        let mut errors = Vec::new();
        let value = Value::from(Serde(&loaded.project));
        // A project repeats a few thousand distinct characters many times.
        let mut covered: HashMap<char, bool> = HashMap::new();
        walk_text(&value, "", &mut |field, text| {
            let mut drawable = |c: char| *covered.entry(c).or_insert_with(|| is_invisible(c) || self.fonts().covers(c));
            for c in text.chars().filter(|c| !drawable(*c)) {
                let name = field.rsplit('.').find(|k| label(k).is_some()).and_then(label).unwrap_or(field);
                let message = format!(
                    "{name}中的字“{c}”（U+{:04X}）在所有字体中都没有，会印成空白方框：请换用常用字，或把含有这个字的字体放进 fonts/",
                    c as u32
                );
                let mut error = Error::new(ErrorKind::MissingGlyph, message);
                if let Some((line, column)) = find_char(&loaded.source, c) {
                    error = error.at(&loaded.source, line, column);
                }
                if !errors.contains(&error) {
                    errors.push(error);
                }
            }
        });
        errors
    }
}

/// Calls `f(field path, text)` for every string in `value`.
fn walk_text(value: &Value, path: &str, f: &mut dyn FnMut(&str, &str)) {
    if let Some(text) = value.as_str() {
        f(path, text);
    } else if value.kind() == minijinja::value::ValueKind::Map {
        for key in value.try_iter().into_iter().flatten() {
            if let Ok(item) = value.get_item(&key) {
                walk_text(&item, &format!("{path}.{key}"), f);
            }
        }
    } else if value.kind() == minijinja::value::ValueKind::Seq {
        for item in value.try_iter().into_iter().flatten() {
            walk_text(&item, path, f);
        }
    }
}

/// 1-based line and column of the first `c` in `source`.
fn find_char(source: &str, c: char) -> Option<(usize, usize)> {
    source.lines().enumerate().find_map(|(i, line)| line.chars().position(|x| x == c).map(|col| (i + 1, col + 1)))
}

/// Where the documents of a project go: `out/<project>/`, where `<project>`
/// is the project's folder for `…/<project>/project.yaml`, else the file stem.
pub fn output_dir(out: &Path, project_path: &Path) -> PathBuf {
    let stem = project_path.file_stem().and_then(|s| s.to_str()).unwrap_or("project");
    let name = if stem == "project" {
        project_path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or(stem)
    } else {
        stem
    };
    out.join(name)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so `path` is always either the old file or the complete new one.
///
/// Two processes writing the same file each use their own temporary file,
/// so the last rename wins with a complete file. Temporary files left by a
/// process that was killed are removed on the next write.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, "创建输出文件夹", &err))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    remove_stale_temporaries(dir, file_name);
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|err| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, "写入文件", &err)
    })
}

/// Removes `.<file_name>.<pid>.tmp` files whose process is gone. Where
/// there is no /proc to ask, nothing is removed.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let alive = pid.parse::<u32>().is_ok_and(|pid| Path::new("/proc").join(pid.to_string()).exists());
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
