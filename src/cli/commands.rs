//! The commands. Each returns the process exit code: 0 when everything
//! asked for was done, 1 when a project had problems, 2 for usage errors.

use std::path::Path;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::args::{BuildArgs, CheckArgs, Cli, ColorChoice, Command, FormCommand, SummaryArgs};
use crate::error::{Error, ErrorKind, Exit};
use crate::output::batch::{self, ProjectPath};
use crate::output::cache::Inputs;
use crate::pipeline::Workspace;
use crate::term::{self, Color};

pub fn main() -> i32 {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err, &command_path()),
    };
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Summary(args) => summary(&args),
        Command::Explain(args) => crate::cli::explain::explain(&args),
        Command::Watch(args) => crate::cli::watch::watch(&args),
        Command::Init(args) => crate::cli::init::init(&args),
        Command::Forms(args) => crate::authoring::scaffold::list(args.folder().as_deref()),
        Command::Form(args) => match args.command {
            FormCommand::New(args) => crate::authoring::scaffold::new(&args.request()),
            FormCommand::Import(args) => crate::authoring::import(&args.request()),
            FormCommand::Doc(args) => crate::authoring::doc::show(args.forms.folder().as_deref(), args.form.as_deref()),
        },
        Command::Schema(args) => schema(&args),
        Command::Fonts(args) => fonts(&args),
        Command::Worker => {
            let mut served = crate::pipeline::Served::default();
            Ok(crate::typeset::worker::serve(&mut |request| served.answer(request)))
        }
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command(), "wenshu", &mut out);
            term::data(String::from_utf8_lossy(&out).trim_end());
            Ok(0)
        }
    };
    match result {
        Ok(code) => code,
        Err(errors) => {
            errors.iter().for_each(term::problem);
            if errors.iter().any(|e| e.kind == ErrorKind::Usage) { 2 } else { 1 }
        }
    }
}

/// Parses the command line, after setting up colour and quiet from it, so
/// clap's own help and errors follow `--color` and `NO_COLOR` too.
fn parse_args() -> Result<Cli, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let choice = color_from_args(&args);
    term::configure(choice, false);
    let color = if term::colored() { clap::ColorChoice::Always } else { clap::ColorChoice::Never };
    let matches = command().color(color).try_get_matches_from(&args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    term::configure(cli.color.into(), cli.quiet);
    Ok(cli)
}

/// The command line's definition, its help in Chinese.
pub fn command() -> clap::Command {
    crate::cli::help::localize(Cli::command())
}

/// The command the command line runs (`wenshu build`), for usage errors.
fn command_path() -> String {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    crate::cli::help::command_path(&command(), &args)
}

/// Prints help or the version (exit 0), or a usage error in Chinese (exit 2).
fn usage_error(err: &clap::Error, command: &str) -> i32 {
    use clap::error::ErrorKind as K;
    match err.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let text = if term::colored() { err.render().ansi().to_string() } else { err.render().to_string() };
            term::data(crate::cli::help::chinese(text.trim_end()));
            0
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand => {
            term::note(crate::cli::help::chinese(err.render().to_string().trim_end()));
            2
        }
        _ => {
            term::problem(&Error::new(ErrorKind::Usage, crate::cli::help::error_message(err, command)));
            2
        }
    }
}

/// The `--color` of the command line, read before clap so that clap's own
/// messages follow it.
fn color_from_args(args: &[std::ffi::OsString]) -> Color {
    let mut chosen = Color::Auto;
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        chosen = match value {
            Some("always") => Color::Always,
            Some("never") => Color::Never,
            Some(_) => Color::Auto,
            None => chosen,
        };
    }
    chosen
}

impl From<ColorChoice> for Color {
    fn from(choice: ColorChoice) -> Color {
        match choice {
            ColorChoice::Auto => Color::Auto,
            ColorChoice::Always => Color::Always,
            ColorChoice::Never => Color::Never,
        }
    }
}

/// `wenshu schema`: the project file's JSON Schema, with the forms' fields.
fn schema(args: &crate::cli::args::FormsArgs) -> Exit {
    let workspace = Workspace::open(args.folder().as_deref(), None)?;
    term::data(serde_json::to_string_pretty(workspace.schema()).unwrap_or_default());
    Ok(0)
}

/// `wenshu check`: every problem of every project, no PDF.
fn check(args: &CheckArgs) -> Exit {
    let projects = batch::find_projects(&args.common.paths).map_err(|e| vec![e])?;
    let workspace = args.common.open_workspace()?;
    let mut problems = 0;
    for ProjectPath { path, .. } in &projects {
        let errors = match workspace.load(path) {
            Ok(loaded) => {
                // Values that will not fit their original's fixed cells.
                for form in workspace.documents_for(&loaded) {
                    crate::output::fill::fit::warnings(form, &loaded).iter().for_each(term::warning);
                }
                workspace.check(&loaded)
            }
            Err(errors) => errors,
        };
        errors.iter().for_each(term::problem);
        problems += errors.len();
    }
    problems += workspace.catalog().refused.len();
    if problems == 0 {
        term::say(format_args!("已检查 {} 个项目，没有发现问题", projects.len()));
        Ok(0)
    } else {
        term::note(format_args!("已检查 {} 个项目，发现 {problems} 个问题", projects.len()));
        Ok(1)
    }
}

/// `wenshu build`: every document of every project that is not up to date,
/// projects in parallel. A project with problems writes nothing and does
/// not stop the others.
fn build(args: &BuildArgs) -> Exit {
    let start = Instant::now();
    let options = args.options();
    let catalog = args.common.catalog()?;
    let refused = catalog.refused.len();
    options.check_only(&catalog).map_err(|e| vec![e])?;
    let projects = batch::shard(batch::find_projects(&args.common.paths).map_err(|e| vec![e])?, options.shard);
    batch::refuse_shared_output(&projects, &options.out).map_err(|e| vec![e])?;
    let inputs = Inputs::new(&catalog, args.common.fonts.folder().as_deref(), &options.cache_key());
    // What is up to date is found without the fonts or Typst: a build with
    // nothing to do never loads them.
    let mut outcomes: Vec<Option<batch::Outcome>> = projects
        .iter()
        .map(|p| {
            batch::up_to_date(p, &options, &catalog, &inputs)
                .map(|n| batch::Outcome { unchanged: n, ..Default::default() })
        })
        .collect();
    let todo: Vec<ProjectPath> =
        projects.iter().zip(&outcomes).filter(|(_, o)| o.is_none()).map(|(p, _)| p.clone()).collect();
    if !todo.is_empty() {
        let workspace = args.workspace_with(catalog)?;
        let progress = Progress::new(todo.len());
        let built = batch::build_projects(&workspace, &todo, &options, &inputs, &|path| progress.advance(path));
        // The bar goes before the results are printed: clearing it afterwards
        // would erase the last result line on a narrow terminal.
        progress.finish();
        let mut built = built.into_iter();
        for outcome in outcomes.iter_mut().filter(|o| o.is_none()) {
            *outcome = built.next();
        }
    }
    let outcomes: Vec<batch::Outcome> = outcomes.into_iter().map(Option::unwrap_or_default).collect();
    let mut failed = Vec::new();
    for (ProjectPath { path, .. }, outcome) in projects.iter().zip(&outcomes) {
        outcome.print(path);
        if !outcome.errors.is_empty() {
            failed.push(path.display().to_string());
        }
    }
    if options.docx {
        let written: Vec<std::path::PathBuf> = outcomes.iter().flat_map(|o| o.written.iter().cloned()).collect();
        crate::output::formats::say_without_original(&written);
    }
    let seconds = start.elapsed().as_secs_f64();
    let written: usize = outcomes.iter().map(|o| o.written.len()).sum();
    let unchanged: usize = outcomes.iter().map(|o| o.unchanged).sum();
    let built = outcomes.iter().filter(|o| !o.written.is_empty() || o.unchanged > 0).count();
    term::say(format_args!("已生成 {written} 份文书，{unchanged} 份未变（{built} 个项目），用时 {seconds:.2} 秒"));
    if refused > 0 {
        term::note(format_args!("有 {refused} 个表格文件夹未能读取（见上），用到它们的文书没有生成"));
    }
    if failed.is_empty() {
        Ok(if refused > 0 { 1 } else { 0 })
    } else {
        term::note(format_args!("以下 {} 个项目未能生成：{}", failed.len(), failed.join("、")));
        Ok(1)
    }
}

/// `wenshu summary`: the funder's 汇总表 over every project, as PDF and
/// XLSX. A project with problems would leave the totals wrong without
/// saying so: then nothing is written, and the problems are printed.
fn summary(args: &SummaryArgs) -> Exit {
    let projects = batch::find_projects(&args.common.paths).map_err(|e| vec![e])?;
    let workspace = args.common.open_workspace()?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let checked = batch::parallel_map(&projects, cores, |project| {
        let loaded = workspace.load(&project.path)?;
        let prepared = workspace.prepare(&loaded)?;
        Ok::<_, Vec<Error>>((loaded, prepared))
    });
    let mut failed = Vec::new();
    let mut ready = Vec::new();
    for (project, result) in projects.iter().zip(checked) {
        match result {
            Ok(pair) => ready.push(pair),
            Err(errors) => {
                errors.iter().for_each(term::problem);
                failed.push(project.path.display().to_string());
            }
        }
    }
    if !failed.is_empty() {
        let message = format!(
            "汇总表未生成：以下 {} 个项目有问题，汇总数会不完整，请先改正：{}",
            failed.len(),
            failed.join("、")
        );
        return Err(vec![Error::new(ErrorKind::Invalid, message)]);
    }
    let entries: Vec<crate::score::summary::SummaryEntry> = ready
        .iter()
        .map(|(loaded, prepared)| crate::score::summary::SummaryEntry {
            project: &loaded.project,
            evaluated: prepared.evaluated.as_ref(),
            funds: workspace.funds(loaded),
        })
        .collect();
    let date = args.date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let summary = crate::score::summary::summarize(&entries, args.by.into(), date);
    let (pdf, _) = workspace.summary_pdf(&summary, date)?;
    let xlsx = crate::output::xlsx::summary(&summary).map_err(|e| vec![e])?;
    for (name, bytes) in [("汇总表.pdf", pdf), ("汇总表.xlsx", xlsx)] {
        let path = args.out.join(name);
        batch::write_atomically(&path, &bytes).map_err(|e| vec![e])?;
        term::say(format_args!("已生成 {}", path.display()));
    }
    let t = &summary.total;
    term::say(format_args!(
        "汇总 {} 个项目（{} 个已做年终评价），项目资金合计 {} 万元",
        t.projects, t.evaluated, t.funding
    ));
    Ok(0)
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
            let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} 个项目 {wide_msg}");
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

/// `wenshu fonts`: the fonts, built in and the user's, and the roles they fill.
fn fonts(args: &crate::cli::args::FontsArgs) -> Exit {
    let folder = args.folder();
    if let Some(dir) = &folder
        && !dir.is_dir()
    {
        return Err(vec![Error::new(ErrorKind::Usage, "找不到字体文件夹").with_path(dir)]);
    }
    let fonts = crate::typeset::fonts::Fonts::load(folder.as_deref()).map_err(|e| vec![e])?;
    term::data("字体角色（模板按顺序选用，前面的优先）：");
    for (role, families) in fonts.role_families() {
        term::data(format_args!("  {role}：{}", families.join(" → ")));
    }
    match &folder {
        Some(dir) => term::data(format_args!("字体族（内置字体与 {} 中的字体）：", dir.display())),
        None => term::data("字体族（内置字体）："),
    }
    for family in fonts.families() {
        term::data(format_args!("  {family}"));
    }
    term::data(
        "内置字体的来源与许可证：wenshu 仓库 fonts/README.md（Fandol 字体 GPL-3 + 字体例外，Noto 字体 SIL OFL 1.1）",
    );
    Ok(0)
}
