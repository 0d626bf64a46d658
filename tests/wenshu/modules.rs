//! The library's modules depend on each other in one direction only: no
//! two modules import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};

use crate::*;

/// Each module of src/ (a file, named by its folder and file: `score::evaluate`;
/// a file under a module's own folder counts as that module) and the modules
/// its code, not its comments, names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let module_of = |path: &std::path::Path| -> String {
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        parts.truncate(2);
        parts.join("::")
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let module = module_of(path);
        if ["main", "lib"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let named = deps.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + 7..];
                let path_of = |text: &str| -> Vec<String> {
                    text.split("::")
                        .map(|s| {
                            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("").to_owned()
                        })
                        .take(2)
                        .collect()
                };
                let mut paths = Vec::new();
                if let Some(group) = rest.strip_prefix('{') {
                    let inner = &group[..group.find('}').unwrap_or(group.len())];
                    paths.extend(inner.split(',').map(|s| path_of(s.trim())));
                } else {
                    paths.push(path_of(rest));
                }
                for parts in paths {
                    // `crate::score::evaluate::X` names score::evaluate; `crate::term::say` names term.
                    let two = parts.join("::");
                    let one = parts.first().cloned().unwrap_or_default();
                    let target = if modules.contains(&two) { two } else { one };
                    if !target.is_empty() && target != module && modules.contains(&target) {
                        named.insert(target);
                    }
                }
            }
        }
    }
    deps
}

#[test]
fn modules_have_no_cycles() {
    let deps = dependencies();
    assert!(deps.contains_key("pipeline") && deps["score::evaluate"].contains("score::completion"), "{deps:?}");
    assert!(deps.len() > 30, "every file of every folder is walked: {deps:?}");
    let mut cycles = Vec::new();
    for start in deps.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((module, path)) = stack.pop() {
            for next in deps.get(&module).into_iter().flatten() {
                if next == start {
                    cycles.push(format!("{} → {start}", path.join(" → ")));
                } else if deps.contains_key(next) && seen.insert(next.clone()) {
                    stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
                }
            }
        }
    }
    assert_eq!(cycles, Vec::<String>::new());
}
