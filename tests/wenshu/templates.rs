//! Templates that go wrong: errors name the template, and nothing escapes the template folder.

use crate::*;

/// A template folder holding the real style and one template of our own.
fn workspace_with_template(template: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("templates/style.typ"), dir.path().join("style.typ")).unwrap();
    std::fs::write(dir.path().join("application.typ.j2"), template).unwrap();
    let workspace = Workspace::open(dir.path(), &root().join("fonts")).unwrap();
    (dir, workspace)
}

fn template_errors(template: &str) -> Vec<String> {
    let (_dir, workspace) = workspace_with_template(template);
    let project = loaded(&example_source(), YANTIAN);
    let source = workspace.render(&project, kind("申报表")).unwrap();
    let errors = workspace.compile(&source).expect_err("the template must fail");
    errors.iter().map(|e| e.to_string().lines().next().unwrap().to_owned()).collect()
}

#[test]
fn typst_errors_name_the_template_and_the_line() {
    assert_eq!(
        template_errors("= {{ project.name }}\n#let x = (1, 2\n"),
        ["application.typ（由模板 application.typ.j2 生成）:2:10: Typst 错误：unclosed delimiter"]
    );
}

#[test]
fn templates_cannot_reach_packages_or_files_outside_their_folder() {
    let package = template_errors("#import \"@preview/cetz:0.3.0\"\n");
    assert_eq!(package.len(), 1, "{package:?}");
    assert!(package[0].contains("不支持 Typst 包（@preview/cetz:0.3.0）"), "{package:?}");
    let outside = template_errors("#read(\"../../../../../etc/passwd\")\n");
    assert!(outside[0].contains("Typst 错误"), "{outside:?}");
    let absolute = template_errors("#read(\"/etc/passwd\")\n");
    assert!(absolute[0].contains("Typst 错误"), "{absolute:?}");
}

#[test]
fn unknown_fonts_are_errors_not_warnings() {
    let errors = template_errors("#text(font: \"No Such Font\")[x]\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("Typst 警告：unknown font family: no such font"), "{errors:?}");
}

#[test]
fn a_runaway_document_is_refused() {
    let errors = template_errors("#for i in range(600) [#i #pagebreak()]\n");
    assert_eq!(errors, ["application.typ 共有 601 页，超过上限 500 页：请检查项目文件中是否有异常长的文字或列表"]);
}

#[test]
fn a_symlink_out_of_the_template_folder_is_refused() {
    let (dir, _) = workspace_with_template("");
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("evil.typ")).unwrap();
    std::fs::write(dir.path().join("application.typ.j2"), "#read(\"evil.typ\")\n").unwrap();
    let workspace = Workspace::open(dir.path(), &root().join("fonts")).unwrap();
    let source = workspace.render(&loaded(&example_source(), YANTIAN), kind("申报表")).unwrap();
    let errors = first_lines(&workspace.compile(&source).expect_err("a symlink out must fail"));
    assert_eq!(
        errors,
        ["application.typ（由模板 application.typ.j2 生成）:1:7: Typst 错误：failed to load file (access denied)"]
    );
}

/// A user's own licensed font dropped into `fonts/` (here a tiny stand-in
/// named FangSong, one of the 仿宋 names templates prefer) takes its role
/// without any template edit.
#[test]
fn a_users_own_font_is_preferred_for_its_role() {
    let fonts = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("fonts")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, fonts.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(root().join("tests/fixtures/FangSong-test.ttf"), fonts.path().join("FangSong-test.ttf")).unwrap();
    let workspace = Workspace::open(&root().join("templates"), fonts.path()).unwrap();
    let roles = workspace.fonts().roles();
    assert!(roles.starts_with(r#"(body: ("FangSong", "FandolFang R", "Noto Serif CJK SC",), "#), "{roles}");
    let source = workspace.render(&loaded(&example_source(), YANTIAN), kind("申报表")).unwrap();
    assert!(source.text.contains(r#"body: ("FangSong", "FandolFang R""#));
    assert!(workspace.compile(&source).is_ok());
}
