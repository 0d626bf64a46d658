//! The stages run one way. Every folder (or root file) of src/ is a stage
//! in [`wenshu::STAGES`], lowest first; a module may name only modules of
//! its own stage or of stages below it — `crate::` and `super::` paths
//! alike — and no modules name each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::*;

/// A module's path: `score::rule::parse` for src/score/rule/parse.rs or
/// src/score/rule/parse/mod.rs.
type Module = Vec<String>;

/// Each module of src/, its file, and the lines of its code (not its
/// comments or tests).
fn modules() -> BTreeMap<Module, (String, Vec<String>)> {
    let src = root().join("src");
    let mut out = BTreeMap::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&src).unwrap().with_extension("");
                let mut module: Module = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if module.last().is_some_and(|p| p == "mod") {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap();
                let lines =
                    code.lines().map(|l| if l.trim_start().starts_with("//") { String::new() } else { l.to_owned() });
                out.insert(module, (relative.display().to_string(), lines.collect()));
            }
        }
    }
    out
}

/// The paths a line names after `crate::`, `super::` or `self::`, as
/// module paths relative to the crate root.
fn named(module: &Module, line: &str) -> Vec<Module> {
    let mut found = Vec::new();
    // `a::b::C(x) + …` → a, b, C: identifiers joined by `::`, up to the first
    // one not followed by `::`.
    let words = |text: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = text;
        loop {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            out.push(rest[..end].to_owned());
            match rest[end..].strip_prefix("::") {
                Some(after) => rest = after,
                None => break,
            }
        }
        out
    };
    for (start, _) in line.match_indices(|c: char| c.is_ascii_alphabetic() || c == '_') {
        let rest = &line[start..];
        // Only at the start of a path: not `foo::crate`, not inside a word.
        if start > 0
            && line[..start].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        {
            continue;
        }
        let (base, rest): (Module, &str) = if let Some(r) = rest.strip_prefix("crate::") {
            (Vec::new(), r)
        } else if rest.starts_with("super::") || rest.starts_with("self::") {
            // A file's own module is its path; `super` is its parent.
            let mut base = module.clone();
            let mut r = rest;
            if let Some(after) = r.strip_prefix("self::") {
                r = after;
            }
            while let Some(after) = r.strip_prefix("super::") {
                base.pop();
                r = after;
            }
            (base, r)
        } else {
            continue;
        };
        let groups: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())].split(',').collect(),
            None => vec![rest],
        };
        for group in groups {
            let mut path = base.clone();
            path.extend(words(group.trim()));
            found.push(path);
        }
    }
    found
}

/// Each module and the modules it names (the longest known prefix of each
/// path), with the line that names it.
fn dependencies() -> BTreeMap<Module, BTreeMap<Module, String>> {
    let modules = modules();
    let mut deps: BTreeMap<Module, BTreeMap<Module, String>> = BTreeMap::new();
    for (module, (file, lines)) in &modules {
        let entry = deps.entry(module.clone()).or_default();
        for (n, line) in lines.iter().enumerate() {
            for mut path in named(module, line) {
                while !path.is_empty() && !modules.contains_key(&path) {
                    path.pop();
                }
                // A module naming its own items, or its parent's (the types a
                // folder's files share), is no dependency between modules.
                if path.is_empty() || path == *module || module.starts_with(&path) {
                    continue;
                }
                entry.entry(path).or_insert_with(|| format!("src/{file}.rs:{}: {}", n + 1, line.trim()));
            }
        }
    }
    deps
}

fn stage_of(module: &Module) -> String {
    module.first().cloned().unwrap_or_default()
}

#[test]
fn every_stage_is_in_the_table() {
    let stages: BTreeSet<String> = wenshu::STAGES.iter().map(|(s, _)| (*s).to_owned()).collect();
    let found: BTreeSet<String> =
        modules().keys().map(stage_of).filter(|s| !["lib", "main"].contains(&s.as_str())).collect();
    assert_eq!(found, stages, "src/ and wenshu::STAGES must list the same stages");
}

#[test]
fn stages_import_only_downward() {
    let rank: BTreeMap<&str, usize> = wenshu::STAGES.iter().enumerate().map(|(i, (s, _))| (*s, i)).collect();
    let deps = dependencies();
    assert!(deps.len() > 100, "every file of every folder is walked: {}", deps.len());
    let mut upward = Vec::new();
    for (module, named) in &deps {
        let Some(&from) = rank.get(stage_of(module).as_str()) else { continue };
        for (target, line) in named {
            let to = rank.get(stage_of(target).as_str()).copied().unwrap_or(usize::MAX);
            if to > from {
                upward.push(format!("{} → {}: {line}", module.join("::"), target.join("::")));
            }
        }
    }
    assert_eq!(upward, Vec::<String>::new());
}

#[test]
fn no_modules_import_each_other() {
    let deps = dependencies();
    let mut cycles = BTreeSet::new();
    for start in deps.keys() {
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((module, path)) = stack.pop() {
            for next in deps.get(&module).into_iter().flat_map(|n| n.keys()) {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.join("::"));
                    cycles.insert(cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    stack.push((next.clone(), [path.clone(), vec![next.join("::")]].concat()));
                }
            }
        }
    }
    assert_eq!(cycles, BTreeSet::new());
}

/// The test reads what the stages say: a `super::` import against the
/// order is seen, as is one inside a folder.
#[test]
fn the_reader_sees_super_paths() {
    let module: Module = vec!["score".into(), "rule".into(), "parse".into()];
    assert_eq!(named(&module, "use super::text::{Unit, starts};"), [vec!["score", "rule", "text"]]);
    assert_eq!(named(&module, "use super::super::target::Target;"), [vec!["score", "target", "Target"]]);
    assert_eq!(
        named(&module, "let x = crate::typeset::render::escape(a) + crate::units::money::Money::ZERO;"),
        [vec!["typeset", "render", "escape"], vec!["units", "money", "Money", "ZERO"]]
    );
    assert!(named(&module, "let a = b::super_fast;").is_empty());
    let _ = Path::new("");
}
