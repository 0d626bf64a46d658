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
            let used = workspace().fuel_used(&prepared, &loaded, form).unwrap();
            if used > most {
                (most, which) = (used, format!("{} {}", path.display(), form.name));
            }
        }
    }
    eprintln!("most fuel: {most} ({which})");
    assert!(most * 100 < wenshu::typeset::render::FUEL, "{most} ({which})");
}
