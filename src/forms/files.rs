//! Reading a repository's `forms/` folder as shared code: form folders
//! travel between organisations, so nothing in one is trusted.
//!
//! - Only a form's manifest and templates are read when the forms are
//!   loaded; its other files (images, data, `.typ` files) when a document
//!   uses them, so a huge file costs nothing until a template reads it.
//! - Each file may hold at most [`MAX_FILE`] bytes, a form folder
//!   [`MAX_FOLDER`] in [`MAX_FILES`] files: a form is text and a few images.
//! - Links are never followed: a form folder that is a symbolic link, or a
//!   link inside one, could point anywhere on the machine.
//!
//! A folder that cannot be read safely is refused: when its manifest or a
//! template is at fault the whole folder is left out (with an error to
//! print); otherwise the form is loaded, so its name and section are known,
//! and every document of it fails with the reason.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind};

use super::{Bytes, MANIFEST, Origin};

/// The most bytes one file of a form folder may hold: 5 MB.
pub const MAX_FILE: u64 = 5 * 1024 * 1024;
/// The most bytes all files of one form folder may hold together: 20 MB.
pub const MAX_FOLDER: u64 = 20 * 1024 * 1024;
/// The most files one form folder may hold.
pub const MAX_FILES: usize = 1000;

/// Why wenshu never follows a link in a forms folder, as messages say it.
const LINKS: &str = "从别处拷来的表格文件夹里的链接可能指向这台电脑上的任何文件，wenshu 不跟随链接";

/// A file of a form.
#[derive(Debug, Clone)]
pub enum FormFile {
    /// Its bytes: a built-in file, or the manifest or a template of a
    /// folder, read when the forms were loaded.
    Read(Bytes),
    /// A file on disk, read when a document uses it.
    OnDisk { path: PathBuf, len: u64, modified: u128 },
}

impl FormFile {
    /// Its bytes, read now if they are on disk; the error says why not, in
    /// Chinese, for Typst to report.
    pub fn bytes(&self) -> Result<Bytes, String> {
        match self {
            FormFile::Read(bytes) => Ok(bytes.clone()),
            FormFile::OnDisk { path, .. } => read_capped(path),
        }
    }

    /// What identifies its contents for the build records: the bytes of a
    /// file read, the size and time of change of one on disk (hashing a
    /// form's images on every build would read them all).
    pub fn identity(&self) -> Vec<u8> {
        match self {
            FormFile::Read(bytes) => bytes.to_vec(),
            FormFile::OnDisk { len, modified, .. } => format!("{len}:{modified}").into_bytes(),
        }
    }

    /// Its bytes when they were read with the forms.
    pub fn loaded(&self) -> Option<&Bytes> {
        match self {
            FormFile::Read(bytes) => Some(bytes),
            FormFile::OnDisk { .. } => None,
        }
    }
}

/// One form folder of a user's `forms/`.
pub struct UserForm {
    pub id: String,
    pub folder: PathBuf,
    pub files: BTreeMap<String, FormFile>,
    /// Why none of its documents may be built.
    pub refused: Option<String>,
}

/// What a user's `forms/` holds: its form folders, its shared files
/// (`style.typ`, `summary.typ.j2`), and the folders left out, with why.
#[derive(Default)]
pub struct UserForms {
    pub forms: Vec<UserForm>,
    pub shared: Vec<(String, (Origin, Bytes))>,
    pub refused: Vec<Error>,
}

/// Reads the form folders and shared files of `dir`.
pub fn read_user_dir(dir: &Path) -> Result<UserForms, Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, "读取表格文件夹", &err))?;
    let mut found = UserForms::default();
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if name.starts_with('.') {
            continue;
        }
        if meta.file_type().is_symlink() {
            let message = format!("这是一个链接，wenshu 不读取它：{LINKS}（请把真正的文件夹或文件放进表格文件夹）");
            found.refused.push(Error::new(ErrorKind::Form, message).with_path(&path));
        } else if meta.is_dir() {
            if !path.join(MANIFEST).exists() {
                continue;
            }
            match read_form(&name, &path) {
                Ok(form) => found.forms.push(form),
                Err(error) => found.refused.push(error),
            }
        } else if meta.is_file() && (name.ends_with(".typ") || name.ends_with(".j2")) {
            let bytes = read_capped(&path).map_err(|reason| Error::new(ErrorKind::Form, reason).with_path(&path))?;
            found.shared.push((name, (Origin::Folder(path.clone()), bytes)));
        }
    }
    Ok(found)
}

/// One form folder: its manifest and templates read, its other files
/// listed. An error when the manifest or a template cannot be read safely.
fn read_form(id: &str, folder: &Path) -> Result<UserForm, Error> {
    let entries = std::fs::read_dir(folder).map_err(|err| Error::io(folder, "读取表格文件夹", &err))?;
    let mut files = BTreeMap::new();
    let mut refused = None;
    let mut total: u64 = 0;
    let mut count = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if name.starts_with('.') || meta.is_dir() {
            continue;
        }
        let read_now = name == MANIFEST || name.ends_with(".j2");
        if meta.file_type().is_symlink() {
            let reason = format!("表格文件夹里的 {name} 是一个链接：{LINKS}");
            if read_now {
                return Err(Error::new(ErrorKind::Form, reason).with_path(&path));
            }
            refused.get_or_insert(reason);
            continue;
        }
        count += 1;
        total = total.saturating_add(meta.len());
        if read_now {
            let bytes = read_capped(&path).map_err(|reason| Error::new(ErrorKind::Form, reason).with_path(&path))?;
            files.insert(name, FormFile::Read(bytes));
            continue;
        }
        if meta.len() > MAX_FILE {
            refused.get_or_insert(too_big(&name, meta.len()));
        }
        let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let modified = modified.map_or(0, |d| d.as_nanos());
        files.insert(name, FormFile::OnDisk { path, len: meta.len(), modified });
    }
    if count > MAX_FILES {
        refused.get_or_insert(format!("表格文件夹里有 {count} 个文件，超过上限 {MAX_FILES} 个"));
    }
    if total > MAX_FOLDER {
        let message = format!("表格文件夹里的文件共 {}，超过每个表格文件夹 {} 的上限", size(total), size(MAX_FOLDER));
        refused.get_or_insert(message);
    }
    Ok(UserForm { id: id.to_owned(), folder: folder.to_owned(), files, refused })
}

/// The message for a file over [`MAX_FILE`].
fn too_big(name: &str, len: u64) -> String {
    format!(
        "表格文件夹里的 {name} 有 {}，超过每个文件 {} 的上限（表格只应有文字和少量图片）",
        size(len),
        size(MAX_FILE)
    )
}

/// A size as people read it: `300 MB`, `5 MB`, `12 KB`.
pub fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB { format!("{} MB", bytes.div_ceil(MB)) } else { format!("{} KB", bytes.div_ceil(1024)) }
}

/// A file's bytes, at most [`MAX_FILE`] of them, never through a link.
pub fn read_capped(path: &Path) -> Result<Bytes, String> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let meta = std::fs::symlink_metadata(path).map_err(|err| io_reason(&name, &err))?;
    if meta.file_type().is_symlink() {
        return Err(format!("表格文件夹里的 {name} 是一个链接：{LINKS}"));
    }
    if meta.len() > MAX_FILE {
        return Err(too_big(&name, meta.len()));
    }
    let file = open_no_follow(path).map_err(|err| io_reason(&name, &err))?;
    let mut bytes = Vec::new();
    // The file may have grown since it was listed: never read past the cap.
    file.take(MAX_FILE + 1).read_to_end(&mut bytes).map_err(|err| io_reason(&name, &err))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big(&name, bytes.len() as u64));
    }
    Ok(Arc::from(bytes))
}

fn io_reason(name: &str, err: &std::io::Error) -> String {
    Error::io(Path::new(name), "读取表格文件", err).message
}

/// Opens a file, failing if it has become a link since it was listed.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(300 * 1024 * 1024), "300 MB");
        assert_eq!(size(MAX_FILE), "5 MB");
        assert_eq!(size(12 * 1024 - 5), "12 KB");
    }
}
