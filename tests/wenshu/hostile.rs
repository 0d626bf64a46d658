//! Form folders shared between organisations are code: hostile ones, each
//! stopped by a budget or a rule with a Chinese error naming the form, while
//! another project of the same build builds and the hostile project's
//! earlier PDF stays intact.

use crate::*;

/// The fuel of the heaviest real document, against the budget: the
/// examples' documents and 20 generated heavy projects.
#[test]
fn the_fuel_budget_is_far_above_what_real_documents_use() {
    let generated = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(root().join("bench/generate.py"))
        .args(["20"])
        .arg(generated.path())
        .args(["--seed", "7"])
        .status()
        .unwrap();
    assert!(status.success(), "bench/generate.py failed");
    let mut projects: Vec<std::path::PathBuf> = EXAMPLES.iter().map(|p| root().join(p)).collect();
    projects.extend(wenshu::output::batch::project_files_in(generated.path()));
    let (mut most, mut which) = (0, String::new());
    for path in &projects {
        let loaded = workspace().load(path).unwrap_or_else(|e| panic!("{}", lines(&e)));
        let prepared = workspace().prepare(&loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
        for form in workspace().documents_for(&loaded) {
            let used = workspace().session(&loaded, &prepared).fuel_used(form).unwrap();
            if used > most {
                (most, which) = (used, format!("{} {}", path.display(), form.name));
            }
        }
    }
    eprintln!("most fuel: {most} ({which})");
    assert!(most * 100 < wenshu::typeset::render::FUEL, "{most} ({which})");
}

const MANIFEST: &str =
    "name: 恶意表\ntitle: 恶意表\nsection: evil\nfields:\n  - { key: note, label: 备注, type: text }\n";
const BENIGN: &str = "= {{ form.note }}\n";
const GOOD_PDF: &str = "out/good/申报表.pdf";
const BAD_PDF: &str = "out/bad/恶意表.pdf";

/// A repository with a shared form `forms/evil` (恶意表), a project of it
/// (`projects/bad`) and an example project (`projects/good`), built once
/// with a harmless template: both have their PDFs.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::create_dir_all(path.join("forms/evil")).unwrap();
    std::fs::write(path.join("forms/evil/form.yaml"), MANIFEST).unwrap();
    std::fs::write(path.join("forms/evil/template.typ.j2"), BENIGN).unwrap();
    for project in ["good", "bad"] {
        std::fs::create_dir_all(path.join("projects").join(project)).unwrap();
    }
    std::fs::write(path.join("projects/good/project.yaml"), example_source()).unwrap();
    std::fs::write(path.join("projects/bad/project.yaml"), "version: 1\nevil:\n  note: 你好\n").unwrap();
    let first = wenshu(&["build"], path);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(path.join(BAD_PDF).exists() && path.join(GOOD_PDF).exists());
    dir
}

/// Builds the repository again, everything forced, after `harm` changed it,
/// with a time budget of `seconds` and 500 MB of memory: the build fails
/// for the hostile project only, within 60 seconds, the other project's
/// PDF is built again and the hostile project's earlier PDF is intact.
/// Returns what it printed as errors.
fn build_after(harm: impl FnOnce(&std::path::Path), seconds: u64) -> String {
    let dir = repository();
    let path = dir.path();
    let earlier = std::fs::read(path.join(BAD_PDF)).unwrap();
    harm(path);
    let start = std::time::Instant::now();
    let timeout = seconds.to_string();
    let output = wenshu(&["build", "--force", "--timeout", &timeout, "--memory", "500MB"], path);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    let stdout = printed(&output.stdout);
    let stderr = printed(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains(&format!("已生成 {GOOD_PDF}")), "the other project was not built:\n{stdout}\n{stderr}");
    assert_eq!(std::fs::read(path.join(BAD_PDF)).unwrap(), earlier, "the earlier PDF changed");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// What wenshu printed, with `/` between the parts of a path as on unix
/// (Windows prints `projects\bad\project.yaml`): the release workflow runs
/// these tests on Windows too.
fn printed(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if cfg!(windows) { text.replace('\\', "/") } else { text }
}

/// [`build_after`] with `template` as the shared form's template.
fn build_with_template(template: &str, seconds: u64) -> String {
    build_after(|path| std::fs::write(path.join("forms/evil/template.typ.j2"), template).unwrap(), seconds)
}

/// What every budget's error says: the form, the project, the budget.
fn assert_over(stderr: &str, budget: &str) {
    let expected = format!("表格“恶意表”的{budget}");
    assert!(stderr.contains(&expected), "expected “{expected}”:\n{stderr}");
    assert!(stderr.contains("projects/bad/project.yaml 的文书未生成"), "{stderr}");
}

#[test]
fn minijinja_nested_loops_run_out_of_fuel() {
    let stderr =
        build_with_template("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}", 5);
    assert_over(&stderr, "模板运行超出限制（fuel，10000000 步）");
    assert!(stderr.contains("模板中可能有过大的循环"), "{stderr}");
}

#[test]
fn a_minijinja_string_bomb_is_refused_before_it_is_built() {
    let stderr = build_with_template("{{ 'x' * 10**10 }}", 5);
    assert_over(&stderr, "模板运行超出限制（fuel");
}

#[test]
fn a_typst_array_of_200_million_runs_out_of_memory() {
    let stderr = build_with_template("#let a = range(200000000)\n#a.len()\n", 30);
    assert_over(&stderr, "文书生成超出内存限制（500 MB）");
}

#[test]
fn a_typst_string_of_9_gb_runs_out_of_memory() {
    let stderr = build_with_template("#let s = \"字\" * 3000000000\n#s.len()\n", 30);
    assert_over(&stderr, "文书生成超出内存限制（500 MB）");
}

#[test]
fn typst_exponential_recursion_is_stopped() {
    // Each call's arguments differ, so Typst's memoisation cannot save it:
    // it fills memory with memoised calls, or runs out of time.
    let template = "#let f(n, p) = if n == 0 { 1 } else { f(n - 1, p + \"a\") + f(n - 1, p + \"b\") }\n#f(60, \"\")\n";
    let stderr = build_with_template(template, 5);
    assert!(
        stderr.contains("表格“恶意表”的文书生成超出内存限制") || stderr.contains("表格“恶意表”的文书生成超出时间限制"),
        "{stderr}"
    );
    assert!(stderr.contains("projects/bad/project.yaml 的文书未生成"), "{stderr}");
}

#[test]
fn a_typst_loop_without_end_runs_out_of_time() {
    let template = "#for i in range(10000) { for j in range(10000) { for k in range(10000) { } } }\n";
    let stderr = build_with_template(template, 5);
    assert_over(&stderr, "文书生成超出时间限制（5 秒）");
    assert!(stderr.contains("--timeout"), "{stderr}");
}

#[test]
fn check_is_bounded_as_build_is() {
    let dir = repository();
    let template = "#for i in range(10000) { for j in range(10000) { for k in range(10000) { } } }\n";
    std::fs::write(dir.path().join("forms/evil/template.typ.j2"), template).unwrap();
    let start = std::time::Instant::now();
    let output = wenshu(&["check", "--timeout", "5", "--memory", "500MB"], dir.path());
    assert!(start.elapsed().as_secs() < 60);
    assert_eq!(output.status.code(), Some(1));
    assert_over(&printed(&output.stderr), "文书生成超出时间限制（5 秒）");
}

#[test]
fn a_runaway_document_stops_at_the_page_limit() {
    let stderr = build_with_template("#for i in range(600) [#i #pagebreak()]\n", 30);
    assert_over(&stderr, "文书共有 601 页，超出页数限制（500 页）");
}

#[test]
fn a_template_cannot_read_another_forms_files() {
    let stderr = build_after(
        |path| {
            std::fs::create_dir_all(path.join("forms/other")).unwrap();
            let manifest = MANIFEST.replace("恶意表", "另一表").replace("section: evil", "section: other");
            std::fs::write(path.join("forms/other/form.yaml"), manifest).unwrap();
            std::fs::write(path.join("forms/other/template.typ.j2"), BENIGN).unwrap();
            std::fs::write(path.join("forms/other/secret.txt"), "机密").unwrap();
            std::fs::write(path.join("forms/evil/template.typ.j2"), "#read(\"../other/secret.txt\")\n").unwrap();
        },
        5,
    );
    assert!(
        stderr.contains(
            "forms/evil/template.typ.j2:1:7: Typst 错误：\
             模板只能读取本表格文件夹里的文件和共用的 style.typ，不能读取 other/secret.txt"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("机密"), "{stderr}");
}

#[test]
fn wasm_plugins_are_refused() {
    for template in ["#plugin(\"x.wasm\")\n", "#plugin(bytes((0, 97, 115, 109, 1, 0, 0, 0)))\n"] {
        let stderr = build_after(
            |path| {
                std::fs::write(path.join("forms/evil/x.wasm"), b"\0asm\x01\0\0\0").unwrap();
                std::fs::write(path.join("forms/evil/template.typ.j2"), template).unwrap();
            },
            5,
        );
        assert!(stderr.contains("forms/evil/template.typ.j2:1:"), "{stderr}");
        assert!(stderr.contains("表格不能使用 WebAssembly 插件（plugin）"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_linked_form_folder_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    let stderr = build_after(
        |path| {
            let real = elsewhere.path().join("evil");
            std::fs::rename(path.join("forms/evil"), &real).unwrap();
            std::os::unix::fs::symlink(&real, path.join("forms/evil")).unwrap();
        },
        5,
    );
    assert!(
        stderr.contains(
            "错误：forms/evil: 这是一个链接，wenshu 不读取它：\
             从别处拷来的表格文件夹里的链接可能指向这台电脑上的任何文件"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("有 1 个表格文件夹未能读取"), "{stderr}");
}

#[test]
fn a_300_mb_file_in_a_form_folder_is_never_read() {
    let stderr = build_after(
        |path| {
            // Sparse: the test writes nothing, and wenshu must read nothing.
            let file = std::fs::File::create(path.join("forms/evil/big.bin")).unwrap();
            file.set_len(300 * 1024 * 1024).unwrap();
        },
        5,
    );
    assert!(
        stderr.contains(
            "错误：forms/evil: 表格“恶意表”不能使用：表格文件夹里的 big.bin 有 300 MB，\
             超过每个文件 5 MB 的上限（表格只应有文字和少量图片）。projects/bad/project.yaml 的文书未生成"
        ),
        "{stderr}"
    );
}

/// The worker renders from the context the parent serialised: a copy of
/// every built-in form in `forms/` must build byte-identical PDFs there.
#[test]
fn copies_of_the_built_in_forms_build_the_same_pdfs_in_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    for project in EXAMPLES {
        let target = dir.path().join(project);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(root().join(project), target).unwrap();
    }
    let built_in = wenshu(&["build", "--out", "in-process"], dir.path());
    assert!(built_in.status.success(), "{}", String::from_utf8_lossy(&built_in.stderr));
    for form in workspace().catalog().forms.iter() {
        let copied = wenshu(&["form", "new", &form.id, "--from", &form.name], dir.path());
        assert!(copied.status.success(), "{}", String::from_utf8_lossy(&copied.stderr));
    }
    let isolated = wenshu(&["build", "--out", "worker"], dir.path());
    assert!(isolated.status.success(), "{}", String::from_utf8_lossy(&isolated.stderr));
    let pdfs: Vec<std::path::PathBuf> = walk_pdfs(&dir.path().join("in-process"));
    assert!(pdfs.len() >= 10, "{pdfs:?}");
    for pdf in pdfs {
        let relative = pdf.strip_prefix(dir.path().join("in-process")).unwrap();
        let other = std::fs::read(dir.path().join("worker").join(relative)).unwrap();
        assert!(std::fs::read(&pdf).unwrap() == other, "{} differs", relative.display());
    }
}

fn walk_pdfs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk_pdfs(&path));
        } else if path.extension().is_some_and(|e| e == "pdf") {
            found.push(path);
        }
    }
    found
}

/// Copies the built-in forms folder of this checkout into `dir/forms`:
/// every form becomes the user's, built in worker processes.
fn copy_forms(dir: &std::path::Path) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                copy(&path, &to.join(entry.file_name()));
            } else {
                std::fs::copy(&path, to.join(entry.file_name())).unwrap();
            }
        }
    }
    copy(&root().join("forms"), &dir.join("forms"));
}

/// `wenshu args` in `dir`, each worker it starts writing its id to a log:
/// the output and how many workers started.
fn counting_workers(args: &[&str], dir: &std::path::Path) -> (std::process::Output, usize) {
    let log = dir.join("workers.log");
    let _ = std::fs::remove_file(&log);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .args(args)
        .current_dir(dir)
        .env(wenshu::typeset::worker::LOG_VAR, &log)
        .output()
        .unwrap();
    let started = std::fs::read_to_string(&log).unwrap_or_default().lines().count();
    (output, started)
}

/// Worker processes live for many documents: a build of every example with
/// the forms in `forms/` starts at most one per core, not one a document.
#[test]
fn a_build_starts_at_most_one_worker_per_core() {
    let dir = tempfile::tempdir().unwrap();
    for project in EXAMPLES {
        let target = dir.path().join(project);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(root().join(project), target).unwrap();
    }
    copy_forms(dir.path());
    let (output, started) = counting_workers(&["build"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let documents = printed(&output.stdout).matches(".pdf\n").count();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert!(documents >= 10, "{documents} documents");
    assert!(
        (1..=cores.min(documents)).contains(&started),
        "{started} workers for {documents} documents, {cores} cores"
    );
}

/// A worker killed at its document's deadline costs that document only:
/// the documents after it, of another project, build in a fresh worker.
#[test]
fn a_worker_killed_mid_build_costs_only_its_document() {
    let dir = repository();
    let path = dir.path();
    copy_forms(path);
    let template = "#for i in range(10000) { for j in range(10000) { for k in range(10000) { } } }\n";
    std::fs::write(path.join("forms/evil/template.typ.j2"), template).unwrap();
    // One project at a time: `bad` (its worker killed), then `good`.
    let (output, started) = counting_workers(&["build", "--force", "--jobs", "1", "--timeout", "3"], path);
    let stdout = printed(&output.stdout);
    let stderr = printed(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_over(&stderr, "文书生成超出时间限制（3 秒）");
    let good: Vec<&str> = stdout.lines().filter(|l| l.starts_with("已生成 out/good/")).collect();
    assert!(good.len() >= 2, "{stdout}\n{stderr}");
    assert_eq!(started, 2, "one worker killed, one after it:\n{stdout}\n{stderr}");
}
