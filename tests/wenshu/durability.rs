//! Nothing already built is lost: a build killed mid-way leaves every PDF
//! either old or new and complete, two builds at once leave complete PDFs,
//! and one bad project fails alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::*;

/// `copies` copies of every example project under `dir/projects`, each with
/// `marker` in its name so rebuilt PDFs differ from earlier ones.
fn many_projects(dir: &Path, copies: usize, marker: &str) {
    for (i, example) in [YANTIAN, XINGTAN, WENCHONG, ZHONGSHAN, JINHAI].iter().cycle().take(copies).enumerate() {
        let folder = dir.join(format!("projects/p{i:02}"));
        std::fs::create_dir_all(&folder).unwrap();
        let source = source_of(example);
        let name_line = source.lines().find(|l| l.starts_with("name: ")).unwrap().to_owned();
        let renamed = source.replacen(&name_line, &format!("{name_line}{marker}"), 1);
        std::fs::write(folder.join("project.yaml"), renamed).unwrap();
    }
}

fn build_command(dir: &Path, out: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wenshu"));
    command.args(["build", "projects", "--out", out]).current_dir(dir);
    command
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    found.sort();
    found
}

fn is_complete_pdf(bytes: &[u8]) -> bool {
    let end = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).trim_end().to_owned();
    bytes.starts_with(b"%PDF-") && end.ends_with("%%EOF")
}

#[test]
fn a_killed_build_leaves_old_or_new_pdfs_never_partial_ones() {
    let dir = tempfile::tempdir().unwrap();
    many_projects(dir.path(), 20, "");
    assert!(build_command(dir.path(), "out").stdout(Stdio::null()).status().unwrap().success());
    let old: Vec<(PathBuf, Vec<u8>)> = pdfs(&dir.path().join("out"))
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    assert!(old.len() >= 30);

    // The same projects, renamed: every PDF will change.
    many_projects(dir.path(), 20, "（新）");
    assert!(build_command(dir.path(), "expected").stdout(Stdio::null()).status().unwrap().success());
    for kill in 0..3 {
        // Every written file waits 200 ms before it replaces the PDF: the kill
        // lands while the first temporary file exists, never between writes.
        let mut child = build_command(dir.path(), "out")
            .env("WENSHU_PAUSE_BEFORE_RENAME_MS", "200")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while temporaries(&dir.path().join("out")).is_empty() {
            assert!(std::time::Instant::now() < deadline, "no PDF was being written");
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(!temporaries(&dir.path().join("out")).is_empty(), "the kill did not land during a write");
        for (path, old_bytes) in &old {
            let now = std::fs::read(path).unwrap();
            let relative = path.strip_prefix(dir.path().join("out")).unwrap();
            let new_bytes = std::fs::read(dir.path().join("expected").join(relative)).unwrap();
            assert!(is_complete_pdf(&now), "{} is partial after kill {kill}", path.display());
            assert!(now == *old_bytes || now == new_bytes, "{} is neither old nor new", path.display());
        }
    }
    // A later build finishes the job and sweeps the killed build's temporary files.
    assert!(build_command(dir.path(), "out").stdout(Stdio::null()).status().unwrap().success());
    let leftovers = temporaries(&dir.path().join("out"));
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The temporary files below `dir`: PDFs being written.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

#[test]
fn two_builds_at_once_leave_complete_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    many_projects(dir.path(), 10, "");
    let mut first = build_command(dir.path(), "out").stdout(Stdio::null()).spawn().unwrap();
    let mut second = build_command(dir.path(), "out").stdout(Stdio::null()).spawn().unwrap();
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    assert!(build_command(dir.path(), "expected").stdout(Stdio::null()).status().unwrap().success());
    let built = pdfs(&dir.path().join("out"));
    assert_eq!(built.len(), pdfs(&dir.path().join("expected")).len());
    for path in built {
        let relative = path.strip_prefix(dir.path().join("out")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(dir.path().join("expected").join(relative)).unwrap());
    }
}

#[test]
fn one_bad_project_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    many_projects(dir.path(), 3, "");
    let bad = dir.path().join("projects/p01/project.yaml");
    let source = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, source.replacen("version: 1", "version: 1\nnmae: x", 1)).unwrap();
    let output = build_command(dir.path(), "out").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("以下 1 个项目未能生成：projects/p01/project.yaml"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("已生成 5 份文书，0 份未变（2 个项目）"), "{stdout}");
    assert!(!dir.path().join("out/p01").exists());
}

#[test]
fn two_projects_for_one_output_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["a/same", "b/same"] {
        std::fs::create_dir_all(dir.path().join("projects").join(folder)).unwrap();
        std::fs::write(dir.path().join("projects").join(folder).join("project.yaml"), source_of(JINHAI)).unwrap();
    }
    let output = build_command(dir.path(), "out").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "错误：projects/a/same/project.yaml 与 projects/b/same/project.yaml 会输出到同一个文件夹 out/same：请给其中一个项目换个文件夹名\n"
    );
}
