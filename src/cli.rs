//! The commands. Each returns the process exit code: 0 when everything
//! asked for was done, 1 when a project had problems, 2 for usage errors.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Parser;

use crate::args::{BuildArgs, CheckArgs, Cli, Command, CommonArgs};
use crate::error::{Error, ErrorKind};
use crate::load::load;
use crate::pipeline::{Workspace, output_dir, write_atomically};

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
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            if error.kind == ErrorKind::Usage { 2 } else { 1 }
        }
    }
}

fn report(error: &Error) {
    eprintln!("错误：{error}");
}

/// `wenshu check`: every problem of every project, no PDF.
fn check(args: &CheckArgs) -> Result<i32, Error> {
    let projects = find_projects(&args.common.paths)?;
    let workspace = open_workspace(&args.common)?;
    let mut problems = 0;
    for path in &projects {
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
struct Outcome {
    written: Vec<PathBuf>,
    errors: Vec<Error>,
}

/// `wenshu build`: every document of every project, projects in parallel.
/// A project with problems writes nothing and does not stop the others.
fn build(args: &BuildArgs) -> Result<i32, Error> {
    let start = Instant::now();
    let projects = find_projects(&args.common.paths)?;
    let workspace = open_workspace(&args.common)?;
    let outcomes = parallel_map(&projects, |path| {
        // A bug must cost one project, not the whole batch.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            build_project(&workspace, path, &args.out)
        }))
        .unwrap_or_else(|_| Outcome {
            written: Vec::new(),
            errors: vec![
                Error::new(
                    ErrorKind::Typst,
                    "wenshu 内部错误，请把这个项目文件发给开发者",
                )
                .with_path(path),
            ],
        })
    });
    let mut documents = 0;
    let mut failed = Vec::new();
    for (path, outcome) in projects.iter().zip(&outcomes) {
        for pdf in &outcome.written {
            println!("已生成 {}", pdf.display());
        }
        outcome.errors.iter().for_each(report);
        documents += outcome.written.len();
        if !outcome.errors.is_empty() {
            failed.push(path.display().to_string());
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "已生成 {documents} 份文书（{} 个项目），用时 {seconds:.2} 秒",
        projects.len() - failed.len()
    );
    if failed.is_empty() {
        Ok(0)
    } else {
        eprintln!(
            "以下 {} 个项目未能生成：{}",
            failed.len(),
            failed.join("、")
        );
        Ok(1)
    }
}

fn build_project(workspace: &Workspace, path: &Path, out: &Path) -> Outcome {
    let loaded = match load(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            return Outcome {
                written: Vec::new(),
                errors: vec![error],
            };
        }
    };
    let errors = workspace.check(&loaded);
    if !errors.is_empty() {
        return Outcome {
            written: Vec::new(),
            errors,
        };
    }
    // Build every document first and write only if all succeeded, so a
    // project's PDFs never mix two versions of the YAML.
    let mut pdfs = Vec::new();
    let mut errors = Vec::new();
    for kind in workspace.documents_for(&loaded) {
        match workspace.build(&loaded, &kind) {
            Ok(bytes) => pdfs.push((
                output_dir(out, path).join(format!("{}.pdf", kind.name)),
                bytes,
            )),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if !errors.is_empty() {
        return Outcome {
            written: Vec::new(),
            errors,
        };
    }
    let mut written = Vec::new();
    for (pdf, bytes) in pdfs {
        match write_atomically(&pdf, &bytes) {
            Ok(()) => written.push(pdf),
            Err(error) => errors.push(error),
        }
    }
    Outcome { written, errors }
}

fn open_workspace(args: &CommonArgs) -> Result<Workspace, Error> {
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

/// The project files named by `paths`: files as given, folders searched
/// for `*.yaml` / `*.yml`, in a stable order.
fn find_projects(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut projects = Vec::new();
    for path in paths {
        if path.is_file() {
            projects.push(path.clone());
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
            return Err(
                Error::new(ErrorKind::Usage, "这个文件夹里没有项目文件（*.yaml）").with_path(path),
            );
        }
        found.sort();
        projects.append(&mut found);
    }
    Ok(projects)
}

/// `f` over `items` on all cores, results in input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
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
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
