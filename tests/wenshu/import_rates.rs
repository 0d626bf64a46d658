//! Rates print with their %: an imported field or column headed 完成率,
//! 执行率, （%） or 百分比 is a `rate` (it may pass 100%); the project's value
//! prints as written, its % added where the project leaves it out, and a
//! bare fraction (0.9823) is refused at its line rather than guessed.

use crate::import::{docx, p, table, tc};
use crate::national::{import, repository};
use crate::*;

fn form() -> Vec<u8> {
    let blank = || tc("", 1, None);
    let rows = vec![
        vec![tc("项目名称", 1, None), tc("", 2, None)],
        vec![tc("资金到位率（%）", 1, None), tc("", 2, None)],
        vec![tc("服务内容", 1, None), tc("服务人数", 1, None), tc("完成率", 1, None)],
        vec![blank(), blank(), blank()],
        vec![blank(), blank(), blank()],
    ];
    docx(&format!("{}{}", p("服务完成情况表"), table(&[3000, 3000, 3000], &rows)))
}

#[test]
fn a_rate_prints_with_its_percent_and_may_pass_a_hundred() {
    let dir = repository("version: 1\n");
    std::fs::write(dir.path().join("完成表.docx"), form()).unwrap();
    let said = import(dir.path(), &dir.path().join("完成表.docx"), "wc", &[]);
    assert!(said.contains("funds（资金到位率（%））"), "{said}");
    let manifest = std::fs::read_to_string(dir.path().join("forms/wc/form.yaml")).unwrap();
    assert!(manifest.contains("{ key: funds, label: '资金到位率（%）', type: rate, required: false }"), "{manifest}");
    assert!(manifest.contains("{ key: completed, label: 完成率, type: rate, required: false }"), "{manifest}");
    let project = "version: 1\nname: 社区服务\nwc:\n  funds: 98.23\n  service_completed_status:\n    \
                   - { services: 个案服务, service_persons: '45', completed: 120% }\n    \
                   - { services: 小组活动, service_persons: '12', completed: 87.5％ }\n";
    std::fs::write(dir.path().join("projects/t/project.yaml"), project).unwrap();
    let output = wenshu(&["build", "--only", "wc"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text: String = pdf_text(&dir.path().join("out/t/wc.pdf")).chars().filter(|c| !c.is_whitespace()).collect();
    for expected in ["资金到位率（%）98.23%", "个案服务45120%", "小组活动1287.5%"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // A bare fraction could be 98.23% or 0.9823%: refused at its line.
    std::fs::write(dir.path().join("projects/t/project.yaml"), project.replace("funds: 98.23", "funds: 0.9823"))
        .unwrap();
    let output = wenshu(&["check"], dir.path());
    assert!(!output.status.success());
    let expected =
        "projects/t/project.yaml:4:10: 资金到位率（%）（funds）：“0.9823”是小数还是百分数？请带上 %：98.23% 或 0.9823%";
    assert!(stderr(&output).contains(expected), "{}", stderr(&output));
}
