//! Embeds the built-in forms (`forms/`), fonts (`fonts/`) and example
//! projects (`projects/*/project.yaml`) in the binary,
//! so an installed wenshu runs from any folder with nothing beside it.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=forms");
    println!("cargo:rerun-if-changed=fonts");
    let forms = files(&root.join("forms"), |_| true);
    write_table(&out.join("builtin_forms.rs"), &root.join("forms"), &forms);
    let fonts = files(&root.join("fonts"), |path| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        matches!(ext.as_str(), "otf" | "ttf" | "otc" | "ttc" | "txt")
    });
    write_table(&out.join("builtin_fonts.rs"), &root.join("fonts"), &fonts);
    // The example projects, so `init --from yantian-2020` works anywhere.
    println!("cargo:rerun-if-changed=projects");
    let examples = files(&root.join("projects"), |path| path.file_name().is_some_and(|n| n == "project.yaml"));
    write_table(&out.join("builtin_examples.rs"), &root.join("projects"), &examples);
}

/// The files below `dir` that `keep` accepts, sorted, hidden ones left out.
fn files(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if keep(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `pub static FILES: &[(&str, &[u8])]`: each file's path below `dir`, with
/// `/` separators, and its bytes.
fn write_table(target: &Path, dir: &Path, files: &[PathBuf]) {
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for path in files {
        let relative = path.strip_prefix(dir).expect("found below dir");
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        // Relative to the crate being compiled, not to this checkout: clones
        // sharing one CARGO_TARGET_DIR reuse this table, each with its own files.
        let below_root: Vec<String> = path
            .strip_prefix(dir.parent().expect("forms/ and fonts/ are in the crate"))
            .expect("found below dir")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let file = format!("/{}", below_root.join("/"));
        writeln!(code, "    ({:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {file:?}))),", name.join("/"))
            .expect("writing to a string");
    }
    code.push_str("];\n");
    std::fs::write(target, code).expect("OUT_DIR is writable");
}
