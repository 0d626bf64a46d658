//! Forms whose templates go wrong: errors name the template, and nothing
//! escapes the forms folder.

use std::path::PathBuf;

use crate::*;

/// A user forms folder whose 申报表 has our own template.
fn forms_with_template(template: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("forms/application");
    std::fs::create_dir_all(&form).unwrap();
    std::fs::copy(root().join("forms/application/form.yaml"), form.join("form.yaml")).unwrap();
    std::fs::write(form.join("template.typ.j2"), template).unwrap();
    let template_path = form.join("template.typ.j2");
    (dir, template_path)
}

fn template_errors(template: &str) -> (Vec<String>, String) {
    let (dir, template_path) = forms_with_template(template);
    let workspace = Workspace::open(Some(&dir.path().join("forms")), None).unwrap();
    let project = workspace.parse(&example_source(), YANTIAN).unwrap();
    let form = workspace.catalog().find("申报表").unwrap();
    let source = workspace.render(&project, form).unwrap();
    let errors = workspace.compile(&source).expect_err("the template must fail");
    (first_lines(&errors), template_path.display().to_string())
}

#[test]
fn typst_errors_name_the_template_and_the_line() {
    let (errors, template) = template_errors("= {{ project.name }}\n#let x = (1, 2\n");
    assert_eq!(errors, [format!("{template}:2:10: Typst 错误：括号或引号没有闭合（unclosed delimiter）")]);
}

/// The built-in 申报表's template, copied, with a mistake put on line 40:
/// the error names that line of the template, quotes it and explains
/// Typst's message, though loops and tags before it printed other lines.
#[test]
fn a_typst_error_in_a_copied_template_points_at_its_line() {
    let original = std::fs::read_to_string(root().join("forms/application/template.typ.j2")).unwrap();
    let mut lines: Vec<&str> = original.lines().collect();
    lines.insert(39, "  [#foo], [{{ project.name }}],");
    let (dir, template) = forms_with_template(&lines.join("\n"));
    let workspace = Workspace::open(Some(&dir.path().join("forms")), None).unwrap();
    let project = workspace.parse(&example_source(), YANTIAN).unwrap();
    let source = workspace.render(&project, workspace.catalog().find("申报表").unwrap()).unwrap();
    let errors = workspace.compile(&source).expect_err("the template must fail");
    let printed = lines_of(&errors);
    let expected = format!("{}:40:5: Typst 错误：未定义的变量 foo", template.display());
    assert!(printed.starts_with(&expected), "{printed}");
    assert!(printed.contains("（unknown variable: foo）"), "{printed}");
    assert!(printed.ends_with("40 |   [#foo], [{{ project.name }}],\n   |     ^"), "{printed}");
}

fn lines_of(errors: &[wenshu::Error]) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn templates_cannot_reach_packages_or_files_outside_their_forms() {
    let (package, _) = template_errors("#import \"@preview/cetz:0.3.0\"\n");
    assert_eq!(package.len(), 1, "{package:?}");
    assert!(package[0].contains("不支持 Typst 包（@preview/cetz:0.3.0）"), "{package:?}");
    let (outside, _) = template_errors("#read(\"../../../../../etc/passwd\")\n");
    assert!(
        outside[0].contains("Typst 错误：路径超出了表格文件夹（path `\"../../../../../etc/passwd\"` would escape"),
        "{outside:?}"
    );
    assert!(!outside[0].contains("--root"), "a hint for the typst command line: {outside:?}");
    let (absolute, _) = template_errors("#read(\"/etc/passwd\")\n");
    assert!(absolute[0].contains("Typst 错误：模板只能读取本表格文件夹里的文件和共用的 style.typ"), "{absolute:?}");
}

#[test]
fn unknown_fonts_are_errors_not_warnings() {
    let (errors, _) = template_errors("#text(font: \"No Such Font\")[x]\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("Typst 警告：没有这种字体（unknown font family: no such font）"), "{errors:?}");
}

#[test]
fn a_runaway_document_is_refused() {
    let (errors, _) = template_errors("#for i in range(600) [#i #pagebreak()]\n");
    assert_eq!(errors, ["申报表.typ 共有 601 页，超过上限 500 页：请检查项目文件中是否有异常长的文字或列表"]);
}

// Symbolic links as unix makes them (Windows needs a privilege for them).
#[cfg(unix)]
#[test]
fn a_symlink_in_a_form_folder_is_refused() {
    let (dir, template) = forms_with_template("#read(\"evil.typ\")\n");
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "secret").unwrap();
    let evil = template.parent().unwrap().join("evil.typ");
    std::os::unix::fs::symlink(outside.path(), &evil).unwrap();
    // The form is known, so a project's documents of it say why they fail.
    let workspace = Workspace::open(Some(&dir.path().join("forms")), None).unwrap();
    let project = workspace.parse(&example_source(), YANTIAN).unwrap();
    let errors = workspace.render(&project, workspace.catalog().find("申报表").unwrap()).err().unwrap();
    assert_eq!(
        first_lines(&errors),
        [format!(
            "{}: 表格“申报表”不能使用：表格文件夹里的 evil.typ 是一个链接：\
             从别处拷来的表格文件夹里的链接可能指向这台电脑上的任何文件，wenshu 不跟随链接。{YANTIAN} 的文书未生成",
            template.parent().unwrap().display()
        )]
    );
}

/// A user's own licensed font dropped into `fonts/` (here a tiny stand-in
/// named FangSong, one of the 仿宋 names templates prefer) takes its role
/// without any template edit.
#[test]
fn a_users_own_font_is_preferred_for_its_role() {
    let fonts = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("tests/fixtures/FangSong-test.ttf"), fonts.path().join("FangSong-test.ttf")).unwrap();
    let workspace = Workspace::open(None, Some(fonts.path())).unwrap();
    let roles = workspace.fonts().roles();
    assert!(roles.starts_with(r#"(body: ("FangSong", "FandolFang R", "Noto Serif CJK SC",), "#), "{roles}");
    let form = workspace.catalog().find("申报表").unwrap();
    let source = workspace.render(&workspace.parse(&example_source(), YANTIAN).unwrap(), form).unwrap();
    assert!(source.text.contains(r#"body: ("FangSong", "FandolFang R""#));
    assert!(workspace.compile(&source).is_ok());
}
