//! A choice nested in an option of another stays nested (#29): 能（□有税控机
//! □税务代开）　不能□ imports as two choices, the second with `when: { invoice:
//! 能 }`, and `check` refuses 有税控机 chosen while 开具税务发票情况 is not 能.

use crate::import_print::{fixture, imported};
use crate::*;

#[test]
fn a_nested_option_is_refused_while_the_option_it_belongs_to_is_not_chosen() {
    let dir = imported(&[]);
    let file = fixture("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx");
    let output = wenshu(&["form", "import", file.to_str().unwrap(), "--id", "info", "--name", "info"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join("forms/info/form.yaml")).unwrap();
    for line in [
        "- { key: invoice, label: 开具税务发票情况, type: choice, values: [能, 不能], required: false }",
        "- { key: invoice_2, label: 开具税务发票情况 / 能, when: { invoice: '能' }, type: choice, values: [有税控机, 税务代开], required: false }",
    ] {
        assert!(manifest.contains(line), "{line}\n{manifest}");
    }
    let project = dir.path().join("projects/t/project.yaml");
    let head = "version: 1\nyear: 2025\nname: 测试\ndocuments: [info]\ninfo:\n";
    std::fs::write(&project, format!("{head}  invoice: 不能\n  invoice_2: 有税控机\n")).unwrap();
    let output = wenshu(&["check", "projects/t"], dir.path());
    assert!(!output.status.success());
    let message = "错误：projects/t/project.yaml:7:14: 开具税务发票情况 / 能 选了“有税控机”，它属于 开具税务发票情况 的“能”，\
                   但 开具税务发票情况 选的是“不能”：请把 开具税务发票情况 改为“能”，或删去 开具税务发票情况 / 能";
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
    std::fs::write(&project, format!("{head}  invoice_2: 税务代开\n")).unwrap();
    let output = wenshu(&["check", "projects/t"], dir.path());
    assert!(stderr(&output).contains("但 开具税务发票情况 没有选："), "{}", stderr(&output));
    std::fs::write(&project, format!("{head}  invoice: 能\n  invoice_2: 有税控机\n")).unwrap();
    let output = wenshu(&["check", "projects/t"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // A `when` naming an option the choice does not have is the manifest's error, at its place.
    let edited = manifest.replace("when: { invoice: '能' }", "when: { invoice: '也许' }");
    std::fs::write(dir.path().join("forms/info/form.yaml"), &edited).unwrap();
    let output = wenshu(&["check", "projects/t"], dir.path());
    let line = edited.lines().position(|l| l.contains("也许")).unwrap() + 1;
    let column = edited.lines().nth(line - 1).unwrap().find("{ invoice: '也许'").unwrap();
    let column = edited.lines().nth(line - 1).unwrap()[..column].chars().count() + 1;
    let message = format!("forms/info/form.yaml:{line}:{column}: `invoice` 的选项中没有“也许”（可选：能、不能）");
    assert!(stderr(&output).contains(&message), "{message}\n{}", stderr(&output));
}
