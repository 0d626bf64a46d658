//! Fuzz target: bytes → parse → validate → render, for every document the
//! project asks for. Nothing may panic, and memory must stay bounded.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wenshu::{Loaded, Workspace};

fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        Workspace::open(&root.join("templates"), &root.join("fonts")).expect("templates and fonts")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    if source.len() > wenshu::load::MAX_FILE_BYTES {
        return;
    }
    let Ok(project) = wenshu::parse(source) else { return };
    let loaded = Loaded { path: PathBuf::from("fuzz.yaml"), source: source.to_owned(), project };
    if !workspace().check(&loaded).is_empty() {
        return;
    }
    for kind in workspace().documents_for(&loaded) {
        let _ = workspace().render(&loaded, &kind);
    }
});
