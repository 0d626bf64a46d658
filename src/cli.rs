//! The commands. Each returns the process exit code: 0 when everything
//! asked for was done, 1 when a project had problems, 2 for usage errors.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Parser;

use crate::args::{BuildArgs, CheckArgs, Cli, Command, CommonArgs, Emit, Standard};
use crate::error::{Error, ErrorKind};
use crate::load::load;
use crate::pipeline::{DOCUMENTS, Workspace, output_dir, write_atomically};

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Watch(args) => crate::watch::watch(&args),
        Command::Init(args) => crate::init::init(&args),
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&crate::model::schema()).unwrap_or_default());
            Ok(0)
        }
        Command::Fonts(args) => fonts(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            if error.kind == ErrorKind::Usage { 2 } else { 1 }
        }
    }
}

pub(crate) fn report(error: &Error) {
    eprintln!("错误：{error}");
}

/// `wenshu check`: every problem of every project, no PDF.
fn check(args: &CheckArgs) -> Result<i32, Error> {
    let projects = find_projects(&args.common.paths)?;
    let workspace = open_workspace(&args.common)?;
    let mut problems = 0;
    for ProjectPath { path, .. } in &projects {
        let errors = match load(path) {
            Ok(loaded) => workspace.check(&loaded),
            Err(error) => vec![error],
        };
        errors.iter().for_each(report);
        problems += errors.len();
    }
    if problems == 0 {
        println!("已检查 {} 个项目，没有发现问题", projects.len());
        Ok(0)
    } else {
        eprintln!("已检查 {} 个项目，发现 {problems} 个问题", projects.len());
        Ok(1)
    }
}

/// What building one project gave: the PDFs written, or its problems.
pub(crate) struct Outcome {
    pub written: Vec<PathBuf>,
    /// Why nothing was asked of this project (`--only` a document it lacks).
    pub skipped: Option<String>,
    pub errors: Vec<Error>,
}

impl Outcome {
    fn failed(errors: Vec<Error>) -> Outcome {
        Outcome { written: Vec::new(), skipped: None, errors }
    }

    /// What `build` and `watch` print of a project: its PDFs, why it was
    /// skipped, and its problems.
    pub(crate) fn print(&self, path: &Path) {
        for pdf in &self.written {
            println!("已生成 {}", pdf.display());
        }
        if let Some(reason) = &self.skipped {
            println!("跳过 {}：{reason}", path.display());
        }
        self.errors.iter().for_each(report);
    }
}

/// `wenshu build`: every document of every project, projects in parallel.
/// A project with problems writes nothing and does not stop the others.
fn build(args: &BuildArgs) -> Result<i32, Error> {
    let start = Instant::now();
    if let Some(only) = &args.only
        && !DOCUMENTS.iter().any(|d| d.matches(only))
    {
        let known: Vec<&str> = DOCUMENTS.iter().map(|d| d.name).collect();
        let message = format!("--only {only}：没有这种文书，可选：{}、report", known.join("、"));
        return Err(Error::new(ErrorKind::Usage, message));
    }
    let mut projects = find_projects(&args.common.paths)?;
    if let Some((shard, shards)) = args.shard {
        // Sorted paths, every N-th from the I-th: the same split on every machine.
        projects = projects.into_iter().enumerate().filter(|(i, _)| i % shards == shard - 1).map(|(_, p)| p).collect();
    }
    refuse_shared_output(&projects, &args.out)?;
    let workspace = open_build_workspace(args)?;
    let progress = Progress::new(projects.len());
    let outcomes = parallel_map(&projects, |ProjectPath { path, named }| {
        // A bug must cost one project, not the whole batch.
        let build = || {
            let outcome = build_project(&workspace, path, *named, args);
            // Typst memoizes layouts across documents; drop what no recent
            // document used, so a batch of hundreds keeps a flat memory.
            typst::comemo::evict(EVICT_AFTER);
            progress.advance(path);
            outcome
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)).unwrap_or_else(|_| {
            let message = "wenshu 内部错误，请把这个项目文件发给开发者";
            Outcome::failed(vec![Error::new(ErrorKind::Typst, message).with_path(path)])
        })
    });
    let mut documents = 0;
    let mut failed = Vec::new();
    for (ProjectPath { path, .. }, outcome) in projects.iter().zip(&outcomes) {
        outcome.print(path);
        documents += outcome.written.len();
        if !outcome.errors.is_empty() {
            failed.push(path.display().to_string());
        }
    }
    progress.finish();
    let seconds = start.elapsed().as_secs_f64();
    let built = outcomes.iter().filter(|o| !o.written.is_empty()).count();
    println!("已生成 {documents} 份文书（{built} 个项目），用时 {seconds:.2} 秒");
    if failed.is_empty() {
        Ok(0)
    } else {
        eprintln!("以下 {} 个项目未能生成：{}", failed.len(), failed.join("、"));
        Ok(1)
    }
}

/// How many builds a memoized result survives unused. Measured on 200
/// synthetic projects: 8 peaks at 397 MB, 2 at 245 MB, 1 at 203 MB and is
/// no slower (20.7 s against 22.5 s), since projects share little layout.
const EVICT_AFTER: usize = 1;

/// Builds the documents of one project. A project found in a folder that
/// lacks the `--only` document is skipped; one the user named fails.
pub(crate) fn build_project(workspace: &Workspace, path: &Path, named: bool, args: &BuildArgs) -> Outcome {
    let loaded = match load(path) {
        Ok(loaded) => loaded,
        Err(error) => return Outcome::failed(vec![error]),
    };
    let errors = workspace.check(&loaded);
    if !errors.is_empty() {
        return Outcome::failed(errors);
    }
    let mut kinds = workspace.documents_for(&loaded);
    if let Some(only) = &args.only {
        kinds.retain(|d| d.matches(only));
        if kinds.is_empty() {
            let wanted = DOCUMENTS.iter().filter(|d| d.matches(only));
            let reasons: Vec<String> = wanted
                .filter_map(|d| d.missing_section(&loaded.project).map(|m| format!("生成{}需要 {m}", d.name)))
                .collect();
            let reason = if reasons.is_empty() {
                format!("项目文件的 documents 中没有 {only}")
            } else {
                reasons.join("；")
            };
            if named {
                return Outcome::failed(vec![Error::new(ErrorKind::Invalid, reason).with_path(path)]);
            }
            return Outcome { written: Vec::new(), skipped: Some(reason), errors: Vec::new() };
        }
    }
    // Build every document first and write only if all succeeded, so a
    // project's PDFs never mix two versions of the YAML.
    let mut pdfs = Vec::new();
    let mut errors = Vec::new();
    let dir = output_dir(&args.out, path);
    for (kind, built) in kinds.iter().zip(workspace.build_all(&loaded, &kinds)) {
        match built {
            Ok((bytes, source)) => {
                if args.emit.contains(&Emit::Typst) {
                    pdfs.push((dir.join(format!("{}.typ", kind.name)), source.text.into_bytes()));
                }
                pdfs.push((dir.join(format!("{}.pdf", kind.name)), bytes));
            }
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if !errors.is_empty() {
        return Outcome::failed(errors);
    }
    if args.emit.contains(&Emit::Typst) {
        match workspace.typst_support_files() {
            Ok(files) => {
                let dir = output_dir(&args.out, path);
                pdfs.extend(files.into_iter().map(|(name, bytes)| (dir.join(name), bytes)));
            }
            Err(error) => return Outcome::failed(vec![error]),
        }
    }
    let mut written = Vec::new();
    for (file, bytes) in pdfs {
        match write_atomically(&file, &bytes) {
            Ok(()) if file.extension().is_some_and(|e| e == "pdf") => written.push(file),
            Ok(()) => {}
            Err(error) => errors.push(error),
        }
    }
    Outcome { written, skipped: None, errors }
}

/// Two projects whose documents would land in the same folder would
/// overwrite each other: a usage error, before anything is built.
fn refuse_shared_output(projects: &[ProjectPath], out: &Path) -> Result<(), Error> {
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

/// The workspace of a build, with the PDF standard it asks for.
pub(crate) fn open_build_workspace(args: &BuildArgs) -> Result<Workspace, Error> {
    let mut workspace = open_workspace(&args.common)?;
    if let Some(standard) = args.pdf_standard {
        workspace.set_pdf_standards(vec![standard.into()]);
    }
    Ok(workspace)
}

impl From<Standard> for typst_pdf::PdfStandard {
    fn from(standard: Standard) -> Self {
        match standard {
            Standard::A2b => typst_pdf::PdfStandard::A_2b,
            Standard::A2u => typst_pdf::PdfStandard::A_2u,
            Standard::A3b => typst_pdf::PdfStandard::A_3b,
            Standard::A4 => typst_pdf::PdfStandard::A_4,
            Standard::V17 => typst_pdf::PdfStandard::V_1_7,
        }
    }
}

/// A progress bar on a terminal when a build has several projects; nothing
/// otherwise, so CI logs keep their plain lines.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(projects: usize) -> Progress {
        use std::io::IsTerminal;
        let show = projects > 3 && std::io::stderr().is_terminal();
        Progress(show.then(|| {
            let bar = indicatif::ProgressBar::new(projects as u64);
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 个项目 {msg}");
            bar.set_style(style.unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
            bar
        }))
    }

    fn advance(&self, path: &Path) {
        if let Some(bar) = &self.0 {
            bar.set_message(path.display().to_string());
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// `wenshu fonts`: the families of the font folder and the roles they fill.
fn fonts(args: &crate::args::FontsArgs) -> Result<i32, Error> {
    let fonts = crate::fonts::Fonts::load(&args.fonts)?;
    println!("字体角色（模板按顺序选用，前面的优先）：");
    for (role, families) in fonts.role_families() {
        println!("  {role}：{}", families.join(" → "));
    }
    println!("{} 中的字体族：", args.fonts.display());
    for family in fonts.families() {
        println!("  {family}");
    }
    Ok(0)
}

pub(crate) fn open_workspace(args: &CommonArgs) -> Result<Workspace, Error> {
    if !args.templates.is_dir() {
        let message = "找不到模板文件夹：请在 wenshu 仓库根目录运行，或用 --templates 指定";
        return Err(Error::new(ErrorKind::Usage, message).with_path(&args.templates));
    }
    if !args.fonts.is_dir() {
        let message = "找不到字体文件夹：请在 wenshu 仓库根目录运行，或用 --fonts 指定";
        return Err(Error::new(ErrorKind::Usage, message).with_path(&args.fonts));
    }
    Workspace::open(&args.templates, &args.fonts)
}

/// A project file to build, and whether the user named it (rather than a
/// folder holding it).
struct ProjectPath {
    path: PathBuf,
    named: bool,
}

/// The project files named by `paths`: files as given, folders searched
/// for `*.yaml` / `*.yml`, in a stable order.
fn find_projects(paths: &[PathBuf]) -> Result<Vec<ProjectPath>, Error> {
    let mut projects = Vec::new();
    for path in paths {
        if path.is_file() {
            projects.push(ProjectPath { path: path.clone(), named: true });
            continue;
        }
        if !path.is_dir() {
            return Err(Error::new(ErrorKind::Usage, "找不到这个项目文件或文件夹").with_path(path));
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.into_path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
            .collect();
        if found.is_empty() {
            return Err(Error::new(ErrorKind::Usage, "这个文件夹里没有项目文件（*.yaml）").with_path(path));
        }
        found.sort();
        projects.extend(found.into_iter().map(|path| ProjectPath { path, named: false }));
    }
    Ok(projects)
}

/// `f` over `items` on all cores, results in input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
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
