//! Fuzz target: bytes → parse → check → render, for every document the
//! project asks for. Nothing may panic, and memory must stay bounded.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wenshu::Workspace;

fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| Workspace::open(None, None).expect("the built-in forms and fonts"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    if source.len() > wenshu::project::load::MAX_FILE_BYTES {
        return;
    }
    let Ok(loaded) = workspace().parse(source, "fuzz.yaml") else { return };
    let Ok(prepared) = workspace().prepare(&loaded) else { return };
    for form in workspace().documents_for(&loaded) {
        let _ = workspace().session(&loaded, &prepared).render(form);
    }
});
