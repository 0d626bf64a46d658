//! Building projects: which project files a path names, the documents of one
//! project, and a batch of projects on all cores. Used by `build` and
//! `watch`; takes plain [`BuildOptions`], not the command line.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, ErrorKind};
use crate::forms::Catalog;
use crate::output::cache::{self, Inputs, Record};
use crate::output::formats::{Document, FORMATS, Format};
pub use crate::output::options::BuildOptions;
pub use crate::output::write::{output_dir, write_atomically};
use crate::pipeline::Workspace;
use crate::term;

/// A project file to build, and whether the user named it (rather than a
/// folder holding it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPath {
    pub path: PathBuf,
    pub named: bool,
}

/// The project files named by `paths`: files as given, folders searched
/// for `*.yaml` / `*.yml`, in a stable order.
pub fn find_projects(paths: &[PathBuf]) -> Result<Vec<ProjectPath>, Error> {
    let mut projects = Vec::new();
    for path in paths {
        if path.is_file() {
            projects.push(ProjectPath { path: path.clone(), named: true });
            continue;
        }
        if !path.is_dir() {
            return Err(Error::new(ErrorKind::Usage, "找不到这个项目文件或文件夹").with_path(path));
        }
        let found = project_files_in(path);
        if found.is_empty() {
            return Err(Error::new(ErrorKind::Usage, "这个文件夹里没有项目文件（*.yaml）").with_path(path));
        }
        projects.extend(found.into_iter().map(|path| ProjectPath { path, named: false }));
    }
    Ok(projects)
}

/// The `*.yaml` / `*.yml` files below `dir`, sorted.
pub fn project_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .filter(|p| is_project_file(p))
        .collect();
    found.sort();
    found
}

/// Whether `path` has a project file's extension.
pub fn is_project_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// The I-th of N shards: every N-th project from the I-th of the sorted
/// list, so every machine splits the same way.
pub fn shard(projects: Vec<ProjectPath>, shard: Option<(usize, usize)>) -> Vec<ProjectPath> {
    let Some((i, n)) = shard else { return projects };
    projects.into_iter().enumerate().filter(|(k, _)| k % n == i - 1).map(|(_, p)| p).collect()
}

/// Two projects whose documents would land in the same folder would
/// overwrite each other: a usage error, before anything is built.
pub fn refuse_shared_output(projects: &[ProjectPath], out: &Path) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<PathBuf, &Path> = std::collections::HashMap::new();
    for ProjectPath { path, .. } in projects {
        if let Some(first) = seen.insert(output_dir(out, path), path) {
            let message = format!(
                "{} 与 {} 会输出到同一个文件夹 {}：请给其中一个项目换个文件夹名",
                first.display(),
                path.display(),
                output_dir(out, path).display()
            );
            return Err(Error::new(ErrorKind::Usage, message));
        }
    }
    Ok(())
}

/// What building one project gave: the PDFs written, or its problems.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    /// Documents already up to date, not rebuilt.
    pub unchanged: usize,
    /// Why nothing was asked of this project (`--only` a document it lacks).
    pub skipped: Option<String>,
    pub errors: Vec<Error>,
}

impl Outcome {
    fn failed(errors: Vec<Error>) -> Outcome {
        Outcome { errors, ..Outcome::default() }
    }

    /// What `build` and `watch` print of a project: its PDFs, why it was
    /// skipped, and its problems.
    pub fn print(&self, path: &Path) {
        for pdf in &self.written {
            term::say(format_args!("已生成 {}", pdf.display()));
        }
        if let Some(reason) = &self.skipped {
            term::say(format_args!("跳过 {}：{reason}", path.display()));
        }
        self.errors.iter().for_each(term::problem);
    }
}

/// Builds every project, `options.workers()` at a time, calling `done` as
/// each finishes; outcomes in the order of `projects`. A bug costs one
/// project, never the batch.
pub fn build_projects(
    workspace: &Workspace,
    projects: &[ProjectPath],
    options: &BuildOptions,
    inputs: &Inputs,
    done: &(dyn Fn(&Path) + Sync),
) -> Vec<Outcome> {
    parallel_map(projects, options.workers(), |project| {
        let build = || {
            let outcome = build_project(workspace, project, options, inputs);
            // Typst memoizes layouts across documents; drop what no recent
            // document used, so a batch of hundreds keeps a flat memory.
            typst::comemo::evict(EVICT_AFTER);
            done(&project.path);
            outcome
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)).unwrap_or_else(|_| {
            let message = "wenshu 内部错误，请把这个项目文件发给开发者";
            Outcome::failed(vec![Error::new(ErrorKind::Typst, message).with_path(&project.path)])
        })
    })
}

/// How many builds a memoized result survives unused. Measured on 200
/// synthetic projects: 8 peaks at 397 MB, 2 at 245 MB, 1 at 203 MB; since
/// every document is laid out twice to label merged cells that cross a page
/// （续）, 1 peaks at 318–338 MB and 0 at 300 MB, no slower (2026-11-24):
/// projects share little layout.
const EVICT_AFTER: usize = 0;

/// The documents of a project already built from exactly these inputs,
/// found without parsing it: its file, the forms, fonts and options are
/// those its record holds, and every file the record lists is on disk as
/// written. `None` when anything is to be built.
pub fn up_to_date(project: &ProjectPath, options: &BuildOptions, catalog: &Catalog, inputs: &Inputs) -> Option<usize> {
    if options.force {
        return None;
    }
    let dir = output_dir(&options.out, &project.path);
    let record = Record::read(&dir)?;
    let bytes = std::fs::read(&project.path).ok()?;
    if record.inputs != inputs.shared() || record.project != cache::hash(&[&bytes]) {
        return None;
    }
    let project_outputs: Vec<&str> =
        FORMATS.iter().filter(|f| f.project_layout().is_some()).map(|f| f.name()).collect();
    let wanted: Vec<&String> = match &options.only {
        Some(only) => {
            let names: Vec<&str> = catalog.forms.iter().filter(|f| f.matches(only)).map(|f| f.name.as_str()).collect();
            record.documents.keys().filter(|name| names.contains(&name.as_str())).collect()
        }
        // What formats write for the project as a whole is no document: asked
        // for by its option, checked below.
        None => record.documents.keys().filter(|name| !project_outputs.contains(&name.as_str())).collect(),
    };
    let mut outputs = 0;
    for format in FORMATS.iter().filter(|f| f.wanted(options)) {
        if let Some(layout) = format.project_layout() {
            let fingerprint = inputs.project_output(format.name(), &asked(layout, options), &bytes);
            outputs += record.project_output_current(&dir, format.name(), &fingerprint)?;
        }
    }
    let current = !wanted.is_empty() && wanted.iter().all(|name| record.files_intact(&dir, name));
    current.then_some(wanted.len() + outputs)
}

/// The documents to build for a project: those it gives, less those
/// `--only` leaves out. A project that gives none is skipped when found in
/// a folder, and fails when named on the command line.
fn forms_to_build<'w>(
    workspace: &'w Workspace,
    loaded: &crate::project::load::Loaded,
    project: &ProjectPath,
    options: &BuildOptions,
) -> Result<Vec<&'w crate::forms::Form>, Outcome> {
    let refuse = |reason: String| {
        if project.named {
            Outcome::failed(vec![Error::new(ErrorKind::Invalid, reason).with_path(&project.path)])
        } else {
            Outcome { skipped: Some(reason), ..Outcome::default() }
        }
    };
    let mut forms = workspace.documents_for(loaded);
    if let Some(only) = &options.only {
        forms = crate::check::validate::documents_only(loaded, workspace.catalog(), workspace.schema(), only);
        if forms.is_empty() {
            let wanted = workspace.catalog().forms.iter().filter(|f| f.matches(only));
            let reasons: Vec<String> = wanted
                .filter_map(|f| {
                    let missing = crate::check::validate::missing_parts(f, loaded, workspace.schema());
                    (!missing.is_empty()).then(|| format!("生成{}需要 {}", f.name, missing.join("、")))
                })
                .collect();
            let reason = if reasons.is_empty() {
                format!("项目文件的 documents 中没有 {only}")
            } else {
                reasons.join("；")
            };
            return Err(refuse(reason));
        }
    } else if let Some(reason) =
        crate::check::validate::nothing_to_build(loaded, workspace.catalog(), workspace.schema())
    {
        return Err(refuse(reason));
    }
    Ok(forms)
}

/// A format's files for the project as a whole: still current (how many),
/// or to write.
enum Written {
    Current(usize),
    Files(Vec<(String, PathBuf, Vec<u8>)>),
}

/// A format's version with what the build was asked for: the files of the
/// documents `--only` names are not those of all the project's.
fn asked(layout: &str, options: &BuildOptions) -> String {
    format!("{layout}|{}", options.only.as_deref().unwrap_or(""))
}

/// A format's files for the project as a whole, unless the record says they
/// are current; the record learns what is written.
#[allow(clippy::too_many_arguments)]
fn project_output(
    format: &dyn Format,
    layout: &str,
    (built, forms): (&crate::pipeline::Session, &[&crate::forms::Form]),
    options: &BuildOptions,
    inputs: &Inputs,
    old: Option<&Record>,
    record: &mut Record,
    dir: &Path,
) -> Result<Written, Error> {
    let fingerprint = inputs.project_output(format.name(), &asked(layout, options), built.loaded.source.as_bytes());
    if let Some(count) = old.and_then(|r| r.project_output_current(dir, format.name(), &fingerprint)) {
        return Ok(Written::Current(count));
    }
    let files = format.project(built, forms)?;
    let entry = record.documents.entry(format.name().to_owned()).or_default();
    entry.fingerprint = fingerprint;
    entry.files = files.iter().map(|(name, bytes)| (name.clone(), cache::hash(&[bytes]))).collect();
    let key = format.name().to_owned();
    Ok(Written::Files(files.into_iter().map(|(name, bytes)| (key.clone(), dir.join(name), bytes)).collect()))
}

/// Which documents changed since the record: each one's rendering, against
/// its fingerprint. The unchanged keep their records; how many they are.
#[allow(clippy::too_many_arguments)]
fn outdated<'f>(
    workspace: &Workspace,
    prepared: &crate::Prepared,
    loaded: &crate::project::load::Loaded,
    forms: &[&'f crate::forms::Form],
    inputs: &Inputs,
    old: Option<&Record>,
    record: &mut Record,
    dir: &Path,
) -> Result<(Vec<(&'f crate::forms::Form, String)>, usize), Error> {
    let mut outdated = Vec::new();
    let mut unchanged = 0;
    for form in forms {
        // A form from a folder is code no budget bounds in this process:
        // its documents follow from the project file, not from a rendering.
        let fingerprint = if workspace.runs_in_worker(form) {
            let project = format!("project {}", cache::hash(&[loaded.source.as_bytes()]));
            inputs.fingerprint(workspace.catalog(), form, &project)
        } else {
            let source = workspace.session(loaded, prepared).render(form)?;
            inputs.fingerprint(workspace.catalog(), form, &source.text)
        };
        if old.is_some_and(|r| r.is_current(dir, &form.name, &fingerprint)) {
            let kept = old.and_then(|r| r.documents.get(&form.name)).cloned().unwrap_or_default();
            record.documents.insert(form.name.clone(), kept);
            unchanged += 1;
        } else {
            outdated.push((*form, fingerprint));
        }
    }
    Ok((outdated, unchanged))
}

/// Builds the documents of one project that are not up to date.
// Long on purpose: the steps in their order are the build's contract
// (load, choose, compare with the record, build all, write all, record last);
// each is a call or a few lines.
pub fn build_project(workspace: &Workspace, project: &ProjectPath, options: &BuildOptions, inputs: &Inputs) -> Outcome {
    let path = &project.path;
    let loaded = match workspace.load(path) {
        Ok(loaded) => loaded,
        Err(errors) => return Outcome::failed(errors),
    };
    let prepared = match workspace.prepare(&loaded) {
        Ok(prepared) => prepared,
        Err(errors) => return Outcome::failed(errors),
    };
    let forms = match forms_to_build(workspace, &loaded, project, options) {
        Ok(forms) => forms,
        Err(outcome) => return outcome,
    };
    let dir = output_dir(&options.out, path);
    let old = Record::read(&dir);
    let mut record = Record {
        wenshu: env!("CARGO_PKG_VERSION").to_owned(),
        inputs: inputs.shared().to_owned(),
        project: cache::hash(&[loaded.source.as_bytes()]),
        // Documents not asked for this time (--only) keep their records.
        documents: match (&old, &options.only) {
            (Some(old), Some(_)) => old.documents.clone(),
            _ => Default::default(),
        },
    };
    // So do a format's project files not asked for: their fingerprint says
    // whether they are still current when they are asked for again.
    for format in FORMATS.iter().filter(|f| f.project_layout().is_some()) {
        if let Some(kept) = old.as_ref().and_then(|r| r.documents.get(format.name())) {
            record.documents.insert(format.name().to_owned(), kept.clone());
        }
    }
    let fresh = old.as_ref().filter(|_| !options.force);
    let (outdated, mut unchanged) =
        match outdated(workspace, &prepared, &loaded, &forms, inputs, fresh, &mut record, &dir) {
            Ok(found) => found,
            Err(error) => return Outcome::failed(vec![error]),
        };
    // Build every outdated document first and write only if all succeeded,
    // so a project's PDFs never mix two versions of the YAML.
    let mut files: Vec<(String, PathBuf, Vec<u8>)> = Vec::new();
    let mut errors = Vec::new();
    let parallel = options.workers() > 1;
    let to_build: Vec<&crate::forms::Form> = outdated.iter().map(|(form, _)| *form).collect();
    let built = workspace.session(&loaded, &prepared);
    // The files a user opens, listed when written; sources and the files they import are not.
    let mut reported: Vec<PathBuf> = Vec::new();
    let formats: Vec<&dyn Format> = FORMATS.iter().copied().filter(|f| f.wanted(options)).collect();
    for ((form, fingerprint), made) in outdated.iter().zip(built.build_all(&to_build, parallel)) {
        match made {
            Ok((pdf, source)) => {
                let document = Document { form, pdf: &pdf, source: &source };
                let mut written = Vec::new();
                for format in &formats {
                    match format.document(&built, &document) {
                        Ok(made) => {
                            if format.reported() {
                                reported.extend(made.iter().map(|(name, _)| dir.join(name)));
                            }
                            written.extend(made);
                        }
                        Err(error) => errors.push(error),
                    }
                }
                let entry = record.documents.entry(form.name.clone()).or_default();
                entry.fingerprint = fingerprint.clone();
                entry.files = written.iter().map(|(name, bytes)| (name.clone(), cache::hash(&[bytes]))).collect();
                files.extend(written.into_iter().map(|(name, bytes)| (form.name.clone(), dir.join(name), bytes)));
            }
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    // A project whose documents failed writes nothing: its filled originals
    // would only repeat the documents' errors.
    let documents_failed = !errors.is_empty();
    for format in formats.iter().filter(|_| !documents_failed) {
        let Some(layout) = format.project_layout() else { continue };
        let fresh = old.as_ref().filter(|_| !options.force);
        match project_output(*format, layout, (&built, &forms), options, inputs, fresh, &mut record, &dir) {
            Ok(Written::Current(count)) => unchanged += count,
            Ok(Written::Files(more)) => {
                reported.extend(more.iter().map(|(_, path, _)| path.clone()));
                files.extend(more);
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Outcome::failed(errors);
    }
    let mut written = Vec::new();
    for (_, file, bytes) in files {
        match write_atomically(&file, &bytes) {
            Ok(()) if reported.contains(&file) => written.push(file),
            Ok(()) => {}
            Err(error) => errors.push(error),
        }
    }
    // The record goes last: a build killed before it only costs a rebuild.
    if errors.is_empty() && old.as_ref() != Some(&record) {
        if let Err(error) = record.write(&dir) {
            errors.push(error);
        }
    }
    Outcome { written, unchanged, skipped: None, errors }
}

/// `f` over `items` on `workers` threads, results in input order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = workers.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
