//! Daily use as a person at a terminal meets it: `watch` left idle and fed
//! saves, pipes closed early, the progress bar, `--quiet`, `--jobs`,
//! colours, shell completions and the users' CI workflow.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::*;

fn wenshu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wenshu"))
}

/// A repository in a temporary folder with copies of some examples.
fn repository(examples: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for example in examples {
        let target = dir.path().join(example);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, source_of(example)).unwrap();
    }
    dir
}

/// `wenshu watch` in `dir`, its stdout lines arriving on a channel.
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = wenshu()
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let watching = Watching { child, lines };
        watching.wait_for("正在监视");
        watching
    }

    /// The first line containing `needle`, within a minute.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Ok(line) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if line.contains(needle) {
                return line;
            }
        }
        panic!("no line with {needle}");
    }

    /// Every line printed during `quiet`.
    fn lines_during(&self, quiet: Duration) -> Vec<String> {
        let deadline = Instant::now() + quiet;
        let mut got = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            got.push(line);
        }
        got
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn watch_stays_idle_and_rebuilds_once_per_save() {
    let dir = repository(&[JINHAI]);
    let watching = Watching::start(dir.path(), &["projects"]);
    let pdf = dir.path().join("out/jinhai-huli/湖里区申报表.pdf");
    let built = modified(&pdf);
    // Reading the project to build it is not an edit: nothing more happens.
    let idle = watching.lines_during(Duration::from_secs(4));
    assert_eq!(idle, Vec::<String>::new(), "rebuilt while idle");
    assert_eq!(modified(&pdf), built, "a PDF was rewritten while idle");

    // One save, one rebuild.
    let project = dir.path().join(JINHAI);
    std::fs::write(&project, source_of(JINHAI).replacen("project_year: 2", "project_year: 3", 1)).unwrap();
    let after = watching.lines_during(Duration::from_secs(4));
    let rebuilds: Vec<&String> = after.iter().filter(|l| l.contains("jinhai-huli/project.yaml：")).collect();
    assert_eq!(rebuilds.len(), 1, "{after:?}");
    assert!(rebuilds[0].contains("完成"), "{after:?}");
    assert_ne!(modified(&pdf), built);

    // Saving the same bytes again changes nothing, so builds nothing.
    std::fs::write(&project, source_of(JINHAI).replacen("project_year: 2", "project_year: 3", 1)).unwrap();
    assert_eq!(watching.lines_during(Duration::from_secs(2)), Vec::<String>::new());

    // A broken edit is reported and watching goes on.
    std::fs::write(&project, source_of(JINHAI).replacen("total: 19万元", "total: 18万元", 1)).unwrap();
    assert!(watching.wait_for("jinhai-huli/project.yaml：").contains("个问题"));
}

#[test]
fn watch_starts_from_what_is_up_to_date() {
    let dir = repository(&[JINHAI]);
    let built = wenshu().args(["build"]).current_dir(dir.path()).output().unwrap();
    assert!(built.status.success());
    let pdf = dir.path().join("out/jinhai-huli/湖里区申报表.pdf");
    let before = modified(&pdf);
    std::thread::sleep(Duration::from_millis(20));
    let watching = Watching::start(dir.path(), &["projects"]);
    drop(watching);
    assert_eq!(modified(&pdf), before, "watch rewrote a PDF that was up to date");
}

#[test]
fn watch_honours_shard_and_only_and_watches_the_forms() {
    let dir = repository(&[JINHAI, YANTIAN]);
    let watching = Watching::start(dir.path(), &["projects", "--shard", "1/2", "--only", "湖里区申报表"]);
    assert!(dir.path().join("out/jinhai-huli/湖里区申报表.pdf").exists());
    assert!(!dir.path().join("out/yantian-2020").exists(), "the other shard was built");
    // A project of the other shard changes: not this watcher's business.
    let yantian = dir.path().join(YANTIAN);
    std::fs::write(&yantian, source_of(YANTIAN).replacen("period: 1年", "period: 2年", 1)).unwrap();
    assert_eq!(watching.lines_during(Duration::from_secs(2)), Vec::<String>::new());
    drop(watching);

    // A form of the repository is edited: its documents are rebuilt.
    let form = dir.path().join("forms/huli-application");
    std::fs::create_dir_all(&form).unwrap();
    for file in ["form.yaml", "template.typ.j2"] {
        std::fs::copy(root().join("forms/huli-application").join(file), form.join(file)).unwrap();
    }
    let watching = Watching::start(dir.path(), &["projects", "--only", "huli"]);
    let pdf = dir.path().join("out/jinhai-huli/湖里区申报表.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let template = std::fs::read_to_string(form.join("template.typ.j2")).unwrap();
    std::fs::write(form.join("template.typ.j2"), template.replace("附件：", "附件一：")).unwrap();
    assert!(watching.wait_for("jinhai-huli/project.yaml：").contains("完成"));
    assert_ne!(std::fs::read(&pdf).unwrap(), before);
}

/// Runs `args` with a stdout whose reader is already gone, as `| head -1`
/// leaves it once head has exited.
fn with_closed_stdout(args: &[&str], dir: &Path) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    wenshu().args(args).current_dir(dir).stdout(writer).stderr(Stdio::piped()).output().unwrap()
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().display().to_string();
    let cases: &[(&[&str], i32)] = &[
        (&["fonts"], 0),
        (&["forms"], 0),
        (&["schema"], 0),
        (&["completions", "bash"], 0),
        (&["check", "projects"], 0),
        (&["explain", "projects"], 0),
        (&["build", "projects", "--out", &out], 0),
        (&["--help"], 0),
    ];
    for (args, code) in cases {
        let output = with_closed_stdout(args, root());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {stderr}");
    }
    // The build still wrote its PDFs.
    assert!(Path::new(&out).join("wenchong-2022/绩效评价报告.pdf").exists());
}

#[test]
fn the_progress_bar_is_gone_before_the_results_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let mut script = tool("script");
    let command =
        format!("stty cols 80; {} build projects --out {}", env!("CARGO_BIN_EXE_wenshu"), dir.path().display());
    let output = script.args(["-qec", &command, "/dev/null"]).current_dir(root()).output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    let projects = std::fs::read_dir(root().join("projects")).unwrap().count();
    assert!(shown.contains(&format!("{projects}/{projects} 个项目")), "the bar was not shown: {shown}");
    // Every escape sequence (drawing and clearing the bar) comes before the
    // first result, so no result line can be erased.
    let last_escape = shown.rfind('\u{1b}').unwrap();
    let first_result = shown.find("已生成").unwrap();
    assert!(last_escape < first_result, "{shown:?}");
    assert!(shown.contains(&format!("个项目），用时")), "{shown}");
    // At 80 columns the bar fits on one line: clearing it never moves up a line.
    assert!(!shown.contains("\u{1b}[1A"), "the bar wrapped: {shown:?}");
    // Piped, there is no bar at all.
    let piped = wenshu().args(["build", "projects", "--out"]).arg(dir.path()).current_dir(root()).output().unwrap();
    assert!(!String::from_utf8_lossy(&piped.stderr).contains('\u{1b}'), "escape codes in a log");
}

#[test]
fn quiet_jobs_and_colour() {
    let out = tempfile::tempdir().unwrap();
    let quiet = wenshu()
        .args(["build", "projects", "-q", "-j", "1", "--out"])
        .arg(out.path())
        .current_dir(root())
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stdout), "", "--quiet prints no status lines");
    assert!(out.path().join("yantian-2020/申报表.pdf").exists());
    assert_eq!(wenshu().args(["build", "-j", "0"]).output().unwrap().status.code(), Some(2));

    let dir = repository(&[JINHAI]);
    let project = dir.path().join(JINHAI);
    std::fs::write(&project, source_of(JINHAI).replacen("total: 19万元", "total: 18万元", 1)).unwrap();
    let check = |args: &[&str], no_color: bool| {
        let mut command = wenshu();
        command.arg("check").args(args).current_dir(dir.path());
        if no_color {
            command.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&command.output().unwrap().stderr).into_owned()
    };
    assert!(check(&["--color", "always"], false).contains("\u{1b}[1;31m错误：\u{1b}[0m"));
    assert!(!check(&["--color", "never"], false).contains('\u{1b}'));
    assert!(!check(&[], false).contains('\u{1b}'), "auto: stderr is not a terminal");
    tool("script");
    let at_terminal = |no_color: bool| {
        let command = format!("{} check", env!("CARGO_BIN_EXE_wenshu"));
        let mut run = Command::new("script");
        run.args(["-qec", &command, "/dev/null"]).current_dir(dir.path());
        if no_color {
            run.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&run.output().unwrap().stdout).into_owned()
    };
    assert!(at_terminal(false).contains("\u{1b}[1;31m错误："), "auto colours a terminal");
    assert!(!at_terminal(true).contains("\u{1b}[1;31m"), "NO_COLOR is honoured");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = wenshu().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for subcommand in ["build", "check", "watch", "explain", "forms"] {
            assert!(script.contains(subcommand), "{shell}: {subcommand}");
        }
    }
}

#[test]
fn the_workflow_names_artifacts_for_both_project_layouts() {
    let workflow = std::fs::read_to_string(root().join(".github/workflows/documents.yml")).unwrap();
    let parsed: serde_json::Value = serde_saphyr::from_str(&workflow).unwrap();
    let steps = parsed["jobs"]["build"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == "Name the artifacts by project and year").unwrap();
    let script = step["run"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("projects/folder-layout/project.yaml", "version: 1\nyear: 2024    # 年度\n"),
        ("projects/file-layout.yaml", "version: 1\nyear: 2023\n"),
        ("projects/deeper/2022/nested/project.yaml", "year: 2022\n"),
        // A 采购需求 prints no year: its project may have none, or a blank one.
        ("projects/no-year/project.yaml", "version: 1\n# year:\n"),
        ("projects/blank-year/project.yaml", "version: 1\nyear:          # 年度\n"),
    ];
    for (file, text) in files {
        std::fs::create_dir_all(dir.path().join(file).parent().unwrap()).unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    for name in ["folder-layout", "file-layout", "nested", "no-year", "blank-year"] {
        std::fs::create_dir_all(dir.path().join("out").join(name)).unwrap();
        std::fs::write(dir.path().join("out").join(name).join("申报表.pdf"), "%PDF-").unwrap();
    }
    std::fs::write(dir.path().join("out/nested/绩效自评表.xlsx"), "PK").unwrap();
    let output = Command::new("bash").arg("-c").arg(script).current_dir(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let artifacts = [
        "wenshu-folder-layout-2024",
        "wenshu-file-layout-2023",
        "wenshu-nested-2022",
        "wenshu-no-year",
        "wenshu-blank-year",
    ];
    for artifact in artifacts {
        assert!(dir.path().join("artifacts").join(artifact).join("申报表.pdf").exists(), "{artifact}");
    }
    assert!(dir.path().join("artifacts/wenshu-nested-2022/绩效自评表.xlsx").exists(), "spreadsheets go along");
    assert!(!dir.path().join("artifacts/wenshu-file-layout-2023/*.xlsx").exists(), "no literal glob");
    // An output folder whose project cannot be found is an error, not a folder named wenshu-x-.
    std::fs::create_dir_all(dir.path().join("out/orphan")).unwrap();
    let output = Command::new("bash").arg("-c").arg(script).current_dir(dir.path()).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("找不到 orphan 的项目文件"));
}
