//! Where a project's files go, and how they are written: through a
//! temporary file and a rename, so a file is always either the old one or
//! the complete new one, whatever happens to the process.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where the documents of a project go: `out/<project>/`, where `<project>`
/// is the project's folder for `…/<project>/project.yaml`, else the file stem.
pub fn output_dir(out: &Path, project_path: &Path) -> PathBuf {
    let stem = project_path.file_stem().and_then(|s| s.to_str()).unwrap_or("project");
    let name = if stem == "project" {
        project_path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or(stem)
    } else {
        stem
    };
    out.join(name)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so `path` is always either the old file or the complete new one.
///
/// Two processes writing the same file each use their own temporary file,
/// so the last rename wins with a complete file. Temporary files left by a
/// process that was killed are removed on the next write.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, "创建输出文件夹", &err))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    remove_stale_temporaries(dir, file_name);
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| {
        pause_before_rename();
        std::fs::rename(&temp, path)
    });
    result.map_err(|err| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, "写入文件", &err)
    })
}

/// For the durability tests only: `WENSHU_PAUSE_BEFORE_RENAME_MS` holds a
/// written temporary file that long before it replaces the PDF, so a test
/// can kill wenshu while a PDF is being written, and prove it did.
fn pause_before_rename() {
    if let Some(ms) = std::env::var("WENSHU_PAUSE_BEFORE_RENAME_MS").ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Removes `.<file_name>.<pid>.tmp` files whose process is gone. Where
/// there is no /proc to ask, nothing is removed.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let alive = pid.parse::<u32>().is_ok_and(|pid| Path::new("/proc").join(pid.to_string()).exists());
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
