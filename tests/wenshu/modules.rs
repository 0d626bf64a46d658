//! The library's modules depend on each other in one direction only: no
//! two modules import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};

use crate::*;

/// Each module of src/ and the modules its code (not its comments) names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut deps = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs") || ["main", "lib"].contains(&module.as_str()) {
            continue;
        }
        let mut named = BTreeSet::new();
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + 7..];
                if let Some(group) = rest.strip_prefix('{') {
                    let inner = &group[..group.find('}').unwrap_or(group.len())];
                    named.extend(inner.split(',').map(|s| s.trim().split("::").next().unwrap_or("").to_owned()));
                } else {
                    named.insert(
                        rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap().to_owned(),
                    );
                }
            }
        }
        named.retain(|m| {
            !m.is_empty() && *m != module && m.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && m != "self"
        });
        deps.insert(module, named);
    }
    deps
}

#[test]
fn modules_have_no_cycles() {
    let deps = dependencies();
    assert!(deps.contains_key("pipeline") && deps["validate"].contains("staffing"), "{deps:?}");
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
