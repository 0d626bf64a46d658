//! The Typst `World` of one document: its generated source, the files of
//! the template folder, and the shared fonts. Nothing else is reachable: no
//! file outside the template folder, no package, no network, no clock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::fonts::Fonts;

/// What every document shares: the standard library, the fonts and the
/// files of the template folder (read once, then served from memory).
pub struct Assets {
    pub library: LazyHash<Library>,
    pub fonts: Fonts,
    root: PathBuf,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl Assets {
    pub fn new(library: Library, fonts: Fonts, template_dir: &Path) -> Assets {
        // Canonical, so confinement checks compare like with like.
        let root = template_dir.canonicalize().unwrap_or_else(|_| template_dir.to_owned());
        Assets { library: LazyHash::new(library), fonts, root, files: Mutex::default() }
    }

    /// The bytes of a file of the template folder, refusing packages and
    /// anything that resolves outside the folder (`..`, symlinks).
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            let message = format!("不支持 Typst 包（{spec}）：wenshu 不联网，模板只能引用模板文件夹里的文件");
            return Err(FileError::Package(PackageError::Other(Some(message.into()))));
        }
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.entry(id).or_insert_with(|| read_confined(&self.root, id)).clone()
    }
}

fn read_confined(root: &Path, id: FileId) -> FileResult<Bytes> {
    let path = id.vpath().realize(root).map_err(FileError::Realize)?;
    let real = path.canonicalize().map_err(|err| FileError::from_io(err, &path))?;
    if !real.starts_with(root) {
        return Err(FileError::AccessDenied);
    }
    if real.is_dir() {
        return Err(FileError::IsDirectory);
    }
    std::fs::read(&real).map(Bytes::new).map_err(|err| FileError::from_io(err, &path))
}

/// One document being compiled.
pub struct DocumentWorld<'a> {
    assets: &'a Assets,
    main: Source,
    today: Datetime,
}

impl<'a> DocumentWorld<'a> {
    pub fn new(assets: &'a Assets, main: Source, today: Datetime) -> Self {
        DocumentWorld { assets, main, today }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.assets.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.assets.read(id)?;
        let text = bytes.as_str().map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.assets.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.font(index)
    }

    /// Fixed by the project, so a rebuild gives the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
