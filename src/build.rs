//! Building projects: which project files a path names, the documents of one
//! project, and a batch of projects on all cores. Used by `build` and
//! `watch`; takes plain [`BuildOptions`], not the command line.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, ErrorKind};
use crate::forms::Catalog;
use crate::pipeline::Workspace;
use crate::term;

/// What a build is asked for, beyond the projects.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output folder: one subfolder per project.
    pub out: PathBuf,
    /// One kind of document only (`申报表`, or an alias such as `report`).
    pub only: Option<String>,
    /// Also write the generated Typst beside each PDF.
    pub emit_typst: bool,
    /// The I-th of N shards of the sorted project list (I counts from 1).
    pub shard: Option<(usize, usize)>,
    /// Projects built at once; 0 for one per core.
    pub jobs: usize,
}

impl BuildOptions {
    /// The usage error of an `--only` that names no document.
    pub fn check_only(&self, catalog: &Catalog) -> Result<(), Error> {
        match &self.only {
            Some(only) if !catalog.forms.iter().any(|f| f.matches(only)) => {
                let message = format!("--only {only}：没有这种文书，可选：{}、report", catalog.names().join("、"));
                Err(Error::new(ErrorKind::Usage, message))
            }
            _ => Ok(()),
        }
    }

    /// The threads a batch uses: `jobs`, or one per core.
    pub fn workers(&self) -> usize {
        match self.jobs {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }
}

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
    done: &(dyn Fn(&Path) + Sync),
) -> Vec<Outcome> {
    parallel_map(projects, options.workers(), |project| {
        let build = || {
            let outcome = build_project(workspace, project, options);
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
/// synthetic projects: 8 peaks at 397 MB, 2 at 245 MB, 1 at 203 MB and is
/// no slower (20.7 s against 22.5 s), since projects share little layout.
const EVICT_AFTER: usize = 1;

/// Builds the documents of one project. A project found in a folder that
/// lacks the `--only` document is skipped; one the user named fails.
pub fn build_project(workspace: &Workspace, project: &ProjectPath, options: &BuildOptions) -> Outcome {
    let path = &project.path;
    let loaded = match workspace.load(path) {
        Ok(loaded) => loaded,
        Err(errors) => return Outcome::failed(errors),
    };
    let prepared = match workspace.prepare(&loaded) {
        Ok(prepared) => prepared,
        Err(errors) => return Outcome::failed(errors),
    };
    let mut forms = workspace.documents_for(&loaded);
    if let Some(only) = &options.only {
        forms.retain(|f| f.matches(only));
        if forms.is_empty() {
            let wanted = workspace.catalog().forms.iter().filter(|f| f.matches(only));
            let reasons: Vec<String> = wanted
                .filter_map(|f| {
                    crate::validate::missing_part(f, &loaded, workspace.schema())
                        .map(|m| format!("生成{}需要 {m}", f.name))
                })
                .collect();
            let reason = if reasons.is_empty() {
                format!("项目文件的 documents 中没有 {only}")
            } else {
                reasons.join("；")
            };
            if project.named {
                return Outcome::failed(vec![Error::new(ErrorKind::Invalid, reason).with_path(path)]);
            }
            return Outcome { skipped: Some(reason), ..Outcome::default() };
        }
    }
    // Build every document first and write only if all succeeded, so a
    // project's PDFs never mix two versions of the YAML.
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let dir = output_dir(&options.out, path);
    let parallel = options.workers() > 1;
    for (form, built) in forms.iter().zip(workspace.build_all(&prepared, &loaded, &forms, parallel)) {
        match built {
            Ok((bytes, source)) => {
                if options.emit_typst {
                    files.push((dir.join(&source.name), source.text.into_bytes()));
                    let support = workspace.typst_support_files(form);
                    files.extend(support.into_iter().map(|(name, bytes)| (dir.join(name), bytes)));
                }
                files.push((dir.join(format!("{}.pdf", form.name)), bytes));
            }
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if !errors.is_empty() {
        return Outcome::failed(errors);
    }
    let mut written = Vec::new();
    for (file, bytes) in files {
        match write_atomically(&file, &bytes) {
            Ok(()) if file.extension().is_some_and(|e| e == "pdf") => written.push(file),
            Ok(()) => {}
            Err(error) => errors.push(error),
        }
    }
    Outcome { written, skipped: None, errors }
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
    let result = std::fs::write(&temp, bytes).and_then(|()| {
        pause_before_rename();
        std::fs::rename(&temp, path)
    });
    result.map_err(|err| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, "写入文件", &err)
    })
}

/// For the durability tests only: `WENSHU_PAUSE_BEFORE_RENAME_MS` holds a
/// written temporary file that long before it replaces the PDF, so a test
/// can kill wenshu while a PDF is being written, and prove it did.
fn pause_before_rename() {
    if let Some(ms) = std::env::var("WENSHU_PAUSE_BEFORE_RENAME_MS").ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
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
