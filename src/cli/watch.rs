//! `wenshu watch`: build, then rebuild what an edit touches — a project file
//! rebuilds its project, a template or a font rebuilds everything — printing
//! each result as `build` does, and carrying on through errors.
//!
//! Only edits count: notify also reports opens and reads, and wenshu reads
//! every project it builds, so reacting to those would rebuild forever. A
//! project whose bytes did not change is not rebuilt either (an editor that
//! saves without changes, a `touch`).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::cli::args::BuildArgs;
use crate::error::Exit;
use crate::error::{Error, ErrorKind};
use crate::output::batch::{self, BuildOptions, ProjectPath};
use crate::output::cache::Inputs;
use crate::pipeline::Workspace;
use crate::term;

/// Editors save in bursts (truncate, write, rename): an edit is over once
/// no event has come for this long.
const SETTLE: Duration = Duration::from_millis(25);

pub fn watch(args: &BuildArgs) -> Exit {
    let options = args.options();
    let mut workspace = args.open_workspace()?;
    options.check_only(workspace.catalog()).map_err(|e| vec![e])?;
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_edit(&event.kind)
        {
            let _ = sender.send(event.paths);
        }
    })
    .map_err(|err| vec![Error::new(ErrorKind::Io, format!("无法监视文件：{err}"))])?;
    let common = &args.common;
    let shared: Vec<PathBuf> = [common.forms.folder(), common.fonts.folder()].into_iter().flatten().collect();
    for path in common.paths.iter().chain(&shared) {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|err| vec![Error::new(ErrorKind::Usage, format!("无法监视：{err}")).with_path(path)])?;
    }
    let roots = Roots { shared: shared.iter().map(|p| absolute(p)).collect(), out: absolute(&options.out) };
    let mut built = Built::default();
    let fonts = common.fonts.folder();
    let inputs_of = |workspace: &Workspace| Inputs::new(workspace.catalog(), fonts.as_deref(), &options.cache_key());
    let mut inputs = inputs_of(&workspace);
    rebuild(&workspace, &project_files(args, &options), &options, &inputs, &mut built);
    term::say(format_args!("正在监视 {}，按 Ctrl-C 结束", watched(args)));
    while let Ok(first) = events.recv() {
        let mut changed: Vec<PathBuf> = first;
        while let Ok(more) = events.recv_timeout(SETTLE) {
            changed.extend(more);
        }
        changed.retain(|path| !roots.is_output(path));
        if changed.is_empty() {
            continue;
        }
        let projects = project_files(args, &options);
        if changed.iter().any(|p| roots.is_shared(p)) {
            match args.open_workspace() {
                Ok(fresh) => {
                    inputs = inputs_of(&fresh);
                    workspace = fresh;
                }
                Err(errors) => {
                    errors.iter().for_each(term::problem);
                    continue;
                }
            }
            built = Built::default();
            rebuild(&workspace, &projects, &options, &inputs, &mut built);
        } else {
            let touched: Vec<ProjectPath> =
                projects.into_iter().filter(|p| changed.iter().any(|c| same_file(c, &p.path))).collect();
            rebuild(&workspace, &touched, &options, &inputs, &mut built);
        }
        if term::stdout_closed() {
            break;
        }
    }
    Ok(0)
}

/// Whether an event is an edit of a file's contents or of which files
/// exist, rather than an open, a read or a change of permissions.
fn is_edit(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    )
}

/// The folders whose edits mean something other than a project edit.
struct Roots {
    /// The forms and fonts folders.
    shared: Vec<PathBuf>,
    out: PathBuf,
}

impl Roots {
    /// A form or a font: every project's documents may depend on it.
    fn is_shared(&self, path: &Path) -> bool {
        let path = absolute(path);
        self.shared.iter().any(|root| path.starts_with(root))
    }

    /// wenshu's own output (when `out/` lies inside a watched folder).
    fn is_output(&self, path: &Path) -> bool {
        absolute(path).starts_with(&self.out)
    }
}

/// The bytes each project was last built from, by a hash: a save that
/// changes nothing rebuilds nothing.
#[derive(Default)]
struct Built(HashMap<PathBuf, u64>);

fn rebuild(
    workspace: &Workspace,
    projects: &[ProjectPath],
    options: &BuildOptions,
    inputs: &Inputs,
    built: &mut Built,
) {
    for project in projects {
        let Ok(bytes) = std::fs::read(&project.path) else { continue };
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let hash = hasher.finish();
        if built.0.insert(project.path.clone(), hash) == Some(hash) {
            continue;
        }
        let start = Instant::now();
        let outcome = batch::build_project(workspace, project, options, inputs);
        outcome.print(&project.path);
        let ms = start.elapsed().as_millis();
        let path = project.path.display();
        match outcome.errors.len() {
            0 => term::say(format_args!("{path}：完成，用时 {ms} 毫秒")),
            n => term::say(format_args!("{path}：有 {n} 个问题，用时 {ms} 毫秒")),
        }
        typst::comemo::evict(10);
    }
}

/// The project files under the watched paths now, in the build's shard.
fn project_files(args: &BuildArgs, options: &BuildOptions) -> Vec<ProjectPath> {
    let mut files = Vec::new();
    for path in &args.common.paths {
        if path.is_file() {
            files.push(ProjectPath { path: path.clone(), named: true });
        } else {
            files.extend(batch::project_files_in(path).into_iter().map(|path| ProjectPath { path, named: false }));
        }
    }
    batch::shard(files, options.shard)
}

/// `path` made absolute and, where it exists, free of symlinks, so paths
/// from notify and from the command line compare.
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    absolute(a) == absolute(b)
}

fn watched(args: &BuildArgs) -> String {
    let common = &args.common;
    let mut paths: Vec<String> = common.paths.iter().map(|p| p.display().to_string()).collect();
    if let Some(forms) = common.forms.folder() {
        paths.push(format!("表格 {}", forms.display()));
    }
    if let Some(fonts) = common.fonts.folder() {
        paths.push(format!("字体 {}", fonts.display()));
    }
    paths.join("、")
}
