//! The tools around the build: JSON Schema, init, watch, shards, PDF/A,
//! the fonts listing and the users' CI workflow.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::*;

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wenshu")).args(args).current_dir(dir).output().unwrap()
}

fn yaml_as_json(source: &str) -> serde_json::Value {
    serde_saphyr::from_str(source).unwrap()
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let shipped = std::fs::read_to_string(root().join("schema/project.schema.json")).unwrap();
    let generated = run(&["schema"], root());
    assert_eq!(String::from_utf8_lossy(&generated.stdout), shipped, "run: wenshu schema > schema/project.schema.json");
}

#[test]
fn every_example_validates_against_the_schema_and_unknown_keys_do_not() {
    let schema = workspace().schema().clone();
    assert_eq!(schema["properties"]["name"]["title"], "项目名称");
    let attribute = &schema["properties"]["application"]["properties"]["attribute"];
    assert_eq!(attribute["enum"], serde_json::json!(["新增", "延续性"]));
    let validator = jsonschema::validator_for(&schema).unwrap();
    for project in [YANTIAN, WENCHONG, XINGTAN, ZHONGSHAN, JINHAI, "tests/bad/base.yaml"] {
        let source = source_of(project);
        assert!(source.starts_with("# yaml-language-server: $schema=") || project.starts_with("tests"), "{project}");
        let errors: Vec<String> = validator.iter_errors(&yaml_as_json(&source)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{project}: {errors:?}");
    }
    let typo = source_of(YANTIAN).replacen("name: ", "nmae: ", 1);
    assert!(!validator.is_valid(&yaml_as_json(&typo)), "an unknown key must fail the schema");
    let bad_attribute = source_of(YANTIAN).replacen("attribute: 延续性", "attribute: 延续", 1);
    assert!(!validator.is_valid(&yaml_as_json(&bad_attribute)));
}

#[test]
fn init_scaffolds_a_project_whose_blanks_check_names() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&["init", "projects/新项目"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let path = dir.path().join("projects/新项目/project.yaml");
    let scaffold = std::fs::read_to_string(&path).unwrap();
    assert!(scaffold.starts_with("# yaml-language-server: $schema=../../schema/project.schema.json"));

    // Unfilled, check names what to fill, with the caret on the field's own key
    // (filled in, it passes: tests/wenshu/needs.rs).
    let errors = problems(&scaffold, "p.yaml");
    let line = |start: &str| scaffold.lines().position(|l| l.trim_start().starts_with(start)).unwrap() + 1;
    assert!(errors.contains(&format!("p.yaml:{}:1: 项目名称不能为空", line("name:"))), "{errors:?}");
    assert!(errors.contains(&format!("p.yaml:{}:5: 项目设立的依据不能为空", line("basis:"))), "{errors:?}");
    assert!(errors.contains(&format!("p.yaml:{}:7: 联系电话不能为空", line("- ''"))), "{errors:?}");

    // Never over an existing file.
    let again = run(&["init", "projects/新项目"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("这里已经有项目文件，wenshu init 不会覆盖它"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), scaffold);
}

/// The schema the first line of a project file points editors at, read
/// from the file's own folder as yaml-language-server reads it.
fn modeline_schema(project: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(project).unwrap();
    let first = text.lines().next().unwrap();
    let relative = first.strip_prefix("# yaml-language-server: $schema=").unwrap_or_else(|| panic!("{first}"));
    assert!(!relative.starts_with('/'), "a relative path travels with the repository: {relative}");
    let schema = project.parent().unwrap().join(relative);
    let text = std::fs::read_to_string(&schema).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_modeline_of_init_resolves_wherever_the_file_is_written() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join("projects/2024")).unwrap();
    let absolute = repo.path().join("projects/绝对路径");
    let cases: Vec<(Vec<String>, &str, PathBuf)> = vec![
        (vec!["projects/一层".into()], ".", repo.path().join("projects/一层")),
        (vec![absolute.display().to_string()], ".", absolute.clone()),
        (vec!["../projects/上一层".into()], "projects", repo.path().join("projects/上一层")),
        (vec!["在项目文件夹里".into()], "projects", repo.path().join("projects/在项目文件夹里")),
        (vec!["projects/2024/两层".into()], ".", repo.path().join("projects/2024/两层")),
        (
            vec!["projects/示例".into(), "--from".into(), root().join(JINHAI).display().to_string()],
            ".",
            repo.path().join("projects/示例"),
        ),
    ];
    let expected = workspace().schema().clone();
    for (args, from, folder) in cases {
        let args: Vec<&str> = std::iter::once("init").chain(args.iter().map(String::as_str)).collect();
        let output = run(&args, &repo.path().join(from));
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(modeline_schema(&folder.join("project.yaml")), expected, "{args:?} from {from}");
    }
    // The schema is written once, at the repository's root.
    assert!(repo.path().join("schema/project.schema.json").is_file());
    assert!(!repo.path().join("projects/schema").exists());
    // An example keeps its text; only its first line points to the new place.
    let copied = std::fs::read_to_string(repo.path().join("projects/示例/project.yaml")).unwrap();
    assert_eq!(copied.split_once('\n').unwrap().1, source_of(JINHAI).split_once('\n').unwrap().1);

    // Outside any repository, the schema is written beside the new folder.
    let elsewhere = tempfile::tempdir().unwrap();
    let output = run(&["init", "单独的项目"], elsewhere.path());
    assert!(output.status.success());
    assert_eq!(modeline_schema(&elsewhere.path().join("单独的项目/project.yaml")), expected);
    assert!(String::from_utf8_lossy(&output.stdout).contains("schema/project.schema.json，供编辑器补全"));
}

#[test]
fn shards_split_the_projects_without_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for shard in ["1/2", "2/2"] {
        let out = format!("out-{}", &shard[..1]);
        let output = Command::new(env!("CARGO_BIN_EXE_wenshu"))
            .args(["build", "projects", "--only", "湖里区申报表", "--shard", shard, "--out"])
            .arg(dir.path().join(&out))
            .current_dir(root())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        all.push(stdout);
    }
    // The examples, sorted: shard 1 takes the 1st, 3rd, 5th …; shard 2 the 2nd, 4th ….
    let mut examples: Vec<String> = std::fs::read_dir(root().join("projects"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    examples.sort();
    assert!(examples.len() >= 5, "{examples:?}");
    for (i, example) in examples.iter().enumerate() {
        let (mine, other) = (&all[i % 2], &all[1 - i % 2]);
        assert!(
            mine.contains(&format!("projects/{example}")) || mine.contains(&format!("{example}/")),
            "{example}: {mine}"
        );
        assert!(!other.contains(example.as_str()), "{example} in both shards: {other}");
    }
    let huli = examples.iter().position(|e| e == "jinhai-huli").unwrap();
    assert!(all[huli % 2].contains("jinhai-huli/湖里区申报表.pdf"), "{}", all[huli % 2]);
    let bad = run(&["build", "--shard", "3/2"], root());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("“3/2”不是分片"));
}

#[test]
fn pdf_a_output_declares_the_standard_and_keeps_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_wenshu"))
        .args(["build", JINHAI, "--pdf-standard", "a-2b", "--out"])
        .arg(dir.path())
        .current_dir(root())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = std::fs::read(dir.path().join("jinhai-huli/湖里区申报表.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A part in the XMP");
    assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    // The text checks still hold: every segment of seed 004 is in the PDF/A
    // file's text (read with pdftotext, which CI installs).
    let mut pdftotext = tool("pdftotext");
    let extracted = pdftotext
        .args(["-raw", "-enc", "UTF-8"])
        .arg(dir.path().join("jinhai-huli/湖里区申报表.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = normalize(&String::from_utf8_lossy(&extracted.stdout));
    let seed = std::fs::read_to_string(root().join("tests/fixtures/seed-004.txt")).unwrap();
    let missing: Vec<String> = seed_segments(&seed).into_iter().filter(|s| !text.contains(&normalize(s))).collect();
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn fonts_lists_the_roles() {
    let output = run(&["fonts"], root());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("正文（仿宋）：FandolFang R → Noto Serif CJK SC"), "{stdout}");
    assert!(stdout.contains("标题（小标宋）：Noto Serif CJK SC"), "{stdout}");
}

#[test]
fn the_users_workflow_is_valid_yaml_running_the_ci_commands() {
    let workflow = std::fs::read_to_string(root().join(".github/workflows/documents.yml")).unwrap();
    let parsed = yaml_as_json(&workflow);
    let steps = parsed["jobs"]["build"]["steps"].as_array().unwrap();
    let commands: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(commands.contains(&"make check"), "{commands:?}");
    let cache = steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@"))).unwrap();
    assert_eq!(cache["with"]["path"], "out", "the build records live in out/");
    assert!(commands.iter().any(|c| c.starts_with("cargo run --quiet -- build projects --out out --xlsx --shard")));
    let summary = parsed["jobs"]["summary"]["steps"].as_array().unwrap();
    assert!(summary.iter().any(|s| s["run"] == "cargo run --quiet -- summary projects --out out"));
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let makefile = std::fs::read_to_string(root().join("Makefile")).unwrap();
    assert!(ci.contains("\nmake\n") && makefile.contains("$(WENSHU) build projects --out out"));
    assert!(makefile.contains("check:\n\t$(WENSHU) check projects"));
}

/// What an editor shows is written for a social worker: every field has a
/// Chinese title and a description of its own, not a developer's note, not
/// the title again, and no example inherited from a shared type.
#[test]
fn editor_help_is_chinese_and_specific_to_each_field() {
    fn walk(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        if let Some(properties) = value.get("properties").and_then(|p| p.as_object()) {
            for (key, property) in properties {
                let title = property["title"].as_str().unwrap_or("");
                let description = property["description"].as_str().unwrap_or("");
                if title.is_empty() || description.is_empty() {
                    found.push(format!("{path}.{key}: no title or description"));
                } else if description == title {
                    found.push(format!("{path}.{key}: the description repeats the title"));
                } else if wenshu::check::schema::is_english(description) {
                    found.push(format!("{path}.{key}: {description}"));
                }
            }
        }
        if let Some(map) = value.as_object() {
            for (key, child) in map {
                walk(child, &format!("{path}/{key}"), found);
            }
        }
    }
    let schema = workspace().schema();
    let mut found = Vec::new();
    walk(schema, "", &mut found);
    assert_eq!(found, Vec::<String>::new());
    let text = serde_json::to_string(schema).unwrap();
    assert!(!text.contains("\"examples\""), "an example inherited by every field of a type");
    assert!(!text.contains("阳光家庭服务项目\"]"), "the old inherited example");
}

/// The bad-input corpus through a JSON Schema validator, as an editor
/// would check it: the cases the schema cannot see are the rules that stay
/// wenshu's own (sums, targets, scores…), listed so a new one is noticed.
#[test]
fn the_schema_carries_every_rule_json_schema_can_express() {
    let validator = jsonschema::validator_for(workspace().schema()).unwrap();
    let mut wenshu_only = Vec::new();
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(root().join("tests/bad/cases")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(&case) else { continue };
        // YAML that does not parse is refused by every tool; not a schema rule.
        let Ok(json) = serde_saphyr::from_str_with_options::<serde_json::Value>(&text, wenshu::yaml::tree::options())
        else {
            continue;
        };
        if validator.is_valid(&json) {
            wenshu_only.push(name);
        }
    }
    insta::assert_snapshot!(wenshu_only.join("\n"));
}
