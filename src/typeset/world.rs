//! The Typst `World` of one document: its generated source, the files of
//! its form's folder and the shared Typst files (all read once, when the
//! forms were loaded), and the shared fonts. Nothing else is reachable: no
//! file on disk, no package, no network, no clock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::forms::Catalog;
use crate::typeset::fonts::Fonts;

/// What every document shares: the standard library, the fonts and the
/// forms' files.
pub struct Assets {
    pub library: LazyHash<Library>,
    pub fonts: Fonts,
    pub catalog: Arc<Catalog>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl Assets {
    pub fn new(library: Library, fonts: Fonts, catalog: Arc<Catalog>) -> Assets {
        Assets { library: LazyHash::new(library), fonts, catalog, files: Mutex::default() }
    }

    /// A file a document of `form` imports: `<form>/<name>` is the form's own
    /// file (or a shared one of that name), a bare `<name>` a shared one.
    /// Packages are refused.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            let message = format!("不支持 Typst 包（{spec}）：wenshu 不联网，模板只能引用表格文件夹里的文件");
            return Err(FileError::Package(PackageError::Other(Some(message.into()))));
        }
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.entry(id).or_insert_with(|| self.find(id)).clone()
    }

    fn find(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_without_slash().to_owned();
        let not_found = || FileError::NotFound(PathBuf::from(&path));
        let bytes = match path.split_once('/') {
            Some((form, name)) => {
                let form = self.catalog.forms.iter().find(|f| f.id == form).ok_or_else(not_found)?;
                self.catalog.typst_file(form, name)
            }
            None => self.catalog.shared.get(&path).map(|(_, bytes)| bytes.clone()),
        };
        bytes.map(Bytes::new).ok_or_else(not_found)
    }
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
