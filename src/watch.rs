//! `wenshu watch`: build, then rebuild what a change touches — a project
//! file rebuilds its project, a template rebuilds everything — printing each
//! result as `build` does, and carrying on through errors.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::args::BuildArgs;
use crate::cli::{build_project, open_build_workspace, report};
use crate::error::{Error, ErrorKind};

/// Editors save in bursts (write, rename, chmod): wait this long for quiet.
const DEBOUNCE: Duration = Duration::from_millis(200);

pub fn watch(args: &BuildArgs) -> Result<i32, Error> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event.paths);
        }
    })
    .map_err(|err| Error::new(ErrorKind::Io, format!("无法监视文件：{err}")))?;
    for path in args.common.paths.iter().chain([&args.common.templates]) {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|err| Error::new(ErrorKind::Usage, format!("无法监视：{err}")).with_path(path))?;
    }
    let mut workspace = open_build_workspace(args)?;
    rebuild(&workspace, &project_files(args), args);
    println!("正在监视 {}，按 Ctrl-C 结束", watched(args));
    while let Ok(first) = events.recv() {
        let mut changed: Vec<PathBuf> = first;
        while let Ok(more) = events.recv_timeout(DEBOUNCE) {
            changed.extend(more);
        }
        let templates = args.common.templates.canonicalize().unwrap_or_else(|_| args.common.templates.clone());
        let template_changed =
            changed.iter().any(|p| p.starts_with(&templates) || p.starts_with(&args.common.templates));
        let projects = if template_changed {
            match open_build_workspace(args) {
                Ok(fresh) => workspace = fresh,
                Err(error) => {
                    report(&error);
                    continue;
                }
            }
            project_files(args)
        } else {
            let all = project_files(args);
            all.into_iter().filter(|p| changed.iter().any(|c| same_file(c, p))).collect()
        };
        rebuild(&workspace, &projects, args);
    }
    Ok(0)
}

fn rebuild(workspace: &crate::Workspace, projects: &[PathBuf], args: &BuildArgs) {
    for path in projects {
        let start = Instant::now();
        let outcome = build_project(workspace, path, false, args);
        outcome.print(path);
        let ms = start.elapsed().as_millis();
        match outcome.errors.is_empty() {
            true => println!("{}：完成，用时 {ms} 毫秒", path.display()),
            false => println!("{}：有 {} 个问题，用时 {ms} 毫秒", path.display(), outcome.errors.len()),
        }
        typst::comemo::evict(10);
    }
}

/// The project files under the watched paths, now.
fn project_files(args: &BuildArgs) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = args
        .common
        .paths
        .iter()
        .flat_map(|path| walkdir::WalkDir::new(path).into_iter().filter_map(Result::ok))
        .map(|entry| entry.into_path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.ends_with(b),
    }
}

fn watched(args: &BuildArgs) -> String {
    let paths: Vec<String> = args.common.paths.iter().map(|p| p.display().to_string()).collect();
    format!("{} 与模板 {}", paths.join("、"), args.common.templates.display())
}
