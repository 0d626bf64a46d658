//! The bad-input corpus (tests/bad/cases, written by tests/bad/make.py):
//! every mistake gets exit code 1 (2 for usage), a message in the user's
//! words with its place, no panic, and no PDF.

use std::path::Path;
use std::process::{Command, Output};

use crate::*;

fn build(project: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .arg("build")
        .arg(project)
        .arg("--out")
        .arg(out)
        .current_dir(root())
        .output()
        .unwrap()
}

/// What the user sees: the exit code and the messages.
fn shown(output: &Output) -> String {
    format!("exit: {:?}\n{}", output.status.code(), String::from_utf8_lossy(&output.stderr))
}

fn pdfs_in(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

#[test]
fn the_corpus_base_is_valid() {
    let out = tempfile::tempdir().unwrap();
    let output = build(Path::new("tests/bad/base.yaml"), out.path());
    assert!(output.status.success(), "{}", shown(&output));
    assert_eq!(pdfs_in(out.path()).len(), 2, "申报表 and 绩效自评表");
}

#[test]
fn every_bad_input_is_refused_with_a_message() {
    let mut count = 0;
    insta::glob!("../bad/cases", "*.yaml", |path| {
        count += 1;
        let relative = path.strip_prefix(root()).unwrap();
        let out = tempfile::tempdir().unwrap();
        let output = build(relative, out.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.starts_with(&format!("错误：{}", relative.display())), "{stderr}");
        assert!(pdfs_in(out.path()).is_empty(), "a PDF was written for {}", relative.display());
        insta::assert_snapshot!(shown(&output));
    });
    assert!(count >= 150, "the corpus has {count} cases");
}

#[test]
fn a_ten_megabyte_field_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("tests/bad/base.yaml")).unwrap();
    let huge = base.replacen("    basis: 依据。", &format!("    basis: {}", "依据".repeat(1_750_000)), 1);
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, huge).unwrap();
    let output = build(&path, &dir.path().join("out"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let size = std::fs::metadata(&path).unwrap().len();
    let expected = format!("错误：{}: 项目文件有 {size} 字节，超过上限 4194304 字节\n", path.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn paths_that_are_not_project_files_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let output = build(&dir.path().join("empty"), &dir.path().join("out"));
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("这个文件夹里没有项目文件（*.yaml）"));
    let output = build(&dir.path().join("missing.yaml"), &dir.path().join("out"));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("找不到这个项目文件或文件夹"));
}

#[test]
fn an_output_folder_that_cannot_be_written_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("out");
    std::fs::write(&blocker, "a file where the output folder should be").unwrap();
    let output = build(Path::new("tests/bad/base.yaml"), &blocker);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("无法创建输出文件夹"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}
