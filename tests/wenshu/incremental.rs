//! Rebuild only what changed, and the same bytes on every machine: records
//! beside the PDFs let a build skip what is up to date, and nothing in a
//! PDF depends on the path a project was reached by.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

use crate::*;

fn wenshu(args: &[&str], dir: &Path) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_wenshu")).args(args).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// A repository with copies of the examples.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for example in [YANTIAN, WENCHONG, JINHAI] {
        let target = dir.path().join(example);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, source_of(example)).unwrap();
    }
    dir
}

/// Every file below `out` with the time it was last written.
fn times(out: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), e.metadata().unwrap().modified().unwrap()))
        .collect()
}

/// The files of `out` that changed between two snapshots of times.
fn rewritten(before: &BTreeMap<PathBuf, SystemTime>, after: &BTreeMap<PathBuf, SystemTime>, out: &Path) -> Vec<String> {
    let mut names: Vec<String> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(*time) && path.extension().is_some_and(|e| e == "pdf"))
        .map(|(path, _)| path.strip_prefix(out).unwrap().display().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn an_unchanged_repository_builds_and_writes_nothing() {
    let dir = repository();
    let first = stdout(&wenshu(&["build"], dir.path()));
    assert!(first.contains("已生成 6 份文书，0 份未变（3 个项目）"), "{first}");
    let out = dir.path().join("out");
    let before = times(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = stdout(&wenshu(&["build"], dir.path()));
    assert!(second.contains("已生成 0 份文书，6 份未变（3 个项目）"), "{second}");
    assert_eq!(times(&out), before, "a file was rewritten, its record included");
}

#[test]
fn an_edit_rebuilds_exactly_the_documents_it_touches() {
    let dir = repository();
    wenshu(&["build"], dir.path());
    let out = dir.path().join("out");
    let edits: &[(&str, &str, &str, &[&str])] = &[
        // 项目周期 is printed by the 申报表 only.
        (YANTIAN, "period: 1年", "period: 2年", &["yantian-2020/申报表.pdf"]),
        // An actual changes both year-end documents, not the 申报表.
        (YANTIAN, "actual: 206户", "actual: 207户", &["yantian-2020/绩效自评表.pdf", "yantian-2020/绩效评价报告.pdf"]),
        (JINHAI, "project_year: 2", "project_year: 3", &["jinhai-huli/湖里区申报表.pdf"]),
    ];
    for (project, find, replace, expected) in edits {
        let before = times(&out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let path = dir.path().join(project);
        let source = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, source.replacen(find, replace, 1)).unwrap();
        let output = stdout(&wenshu(&["build"], dir.path()));
        assert_eq!(rewritten(&before, &times(&out), &out), expected.to_vec(), "{find} → {replace}: {output}");
    }
}

#[test]
fn a_template_edit_rebuilds_the_documents_of_its_form_only() {
    let dir = repository();
    let form = dir.path().join("forms/huli-application");
    std::fs::create_dir_all(&form).unwrap();
    for file in ["form.yaml", "template.typ.j2"] {
        std::fs::copy(root().join("forms/huli-application").join(file), form.join(file)).unwrap();
    }
    wenshu(&["build"], dir.path());
    let out = dir.path().join("out");
    let before = times(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let template = std::fs::read_to_string(form.join("template.typ.j2")).unwrap();
    std::fs::write(form.join("template.typ.j2"), template.replace("附件：", "附件一：")).unwrap();
    let output = stdout(&wenshu(&["build"], dir.path()));
    assert_eq!(rewritten(&before, &times(&out), &out), ["jinhai-huli/湖里区申报表.pdf"], "{output}");
    assert!(output.contains("已生成 1 份文书，5 份未变"), "{output}");
}

#[test]
fn a_pdf_deleted_or_edited_by_hand_is_rebuilt_and_force_rebuilds_all() {
    let dir = repository();
    wenshu(&["build"], dir.path());
    let out = dir.path().join("out");
    std::fs::remove_file(out.join("jinhai-huli/湖里区申报表.pdf")).unwrap();
    let mut edited = std::fs::read(out.join("wenchong-2022/绩效自评表.pdf")).unwrap();
    edited.extend_from_slice(b"% edited by hand\n");
    std::fs::write(out.join("wenchong-2022/绩效自评表.pdf"), &edited).unwrap();
    let before = times(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = stdout(&wenshu(&["build"], dir.path()));
    // The deleted PDF is new since the snapshot; the edited one rewritten.
    assert_eq!(
        rewritten(&before, &times(&out), &out),
        ["jinhai-huli/湖里区申报表.pdf", "wenchong-2022/绩效自评表.pdf"],
        "{output}"
    );
    assert!(out.join("jinhai-huli/湖里区申报表.pdf").exists());
    assert_ne!(std::fs::read(out.join("wenchong-2022/绩效自评表.pdf")).unwrap(), edited);

    let before = times(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let forced = stdout(&wenshu(&["build", "--force"], dir.path()));
    assert!(forced.contains("已生成 6 份文书，0 份未变"), "{forced}");
    assert_eq!(rewritten(&before, &times(&out), &out).len(), 6);
}

/// The PDFs below `out`, by their path below it, with their bytes.
#[cfg(unix)]
fn pdfs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    times(out)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| (p.strip_prefix(out).unwrap().display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

// Symbolic links as unix makes them (Windows needs a privilege for them).
#[cfg(unix)]
#[test]
fn the_same_bytes_whatever_the_path_or_the_checkout() {
    let dir = repository();
    let root_dir = dir.path().canonicalize().unwrap();
    let absolute = root_dir.join(YANTIAN);
    let link = root_dir.join("linked");
    std::os::unix::fs::symlink(root_dir.join("projects"), &link).unwrap();
    let ways: [(&str, String, &Path); 4] = [
        ("a", "projects/yantian-2020".to_owned(), dir.path()),
        ("b", format!("./{YANTIAN}"), dir.path()),
        ("c", absolute.display().to_string(), Path::new("/")),
        ("d", "linked/yantian-2020/project.yaml".to_owned(), dir.path()),
    ];
    let mut built = Vec::new();
    for (name, project, from) in ways {
        let out = root_dir.join("outs").join(name);
        wenshu(&["build", &project, "--out", out.to_str().unwrap()], from);
        built.push(pdfs(&out));
    }
    // A checkout in another folder, as a CI runner has.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("另一个/检出");
    std::fs::create_dir_all(copy.join("projects/yantian-2020")).unwrap();
    std::fs::copy(root_dir.join(YANTIAN), copy.join(YANTIAN)).unwrap();
    wenshu(&["build"], &copy);
    built.push(pdfs(&copy.join("out")));
    assert_eq!(built[0].len(), 3);
    for other in &built[1..] {
        assert_eq!(other.keys().collect::<Vec<_>>(), built[0].keys().collect::<Vec<_>>());
        for (name, bytes) in other {
            assert!(bytes == &built[0][name], "{name} differs between two ways of building it");
        }
    }
}
