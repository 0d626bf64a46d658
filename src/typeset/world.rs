//! The Typst `World` of one document: its generated source, the files of
//! its own form's folder and the shared Typst files (`style.typ`), and the
//! shared fonts. Nothing else is reachable: no other form's files, no file
//! elsewhere on disk, no package, no WebAssembly plugin, no network, no
//! clock. A form folder's files other than its templates are read when a
//! document first uses them, each at most [`MAX_FILE`] bytes.
//!
//! [`MAX_FILE`]: crate::forms::files::MAX_FILE

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

    /// A file a document imports, by its path below the forms: cached
    /// for every document, so check what may be read before calling this.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.entry(id).or_insert_with(|| self.find(id)).clone()
    }

    fn find(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_without_slash().to_owned();
        let not_found = || FileError::NotFound(PathBuf::from(&path));
        let bytes = match path.split_once('/') {
            Some((form, name)) => {
                let form = self.catalog.forms.iter().find(|f| f.id == form).ok_or_else(not_found)?;
                self.catalog.typst_file(form, name).ok_or_else(not_found)?.map_err(|reason| other(&reason))?
            }
            None => self.catalog.shared_typst(&path).ok_or_else(not_found)?,
        };
        Ok(Bytes::new(bytes))
    }
}

/// A file error carrying our own words.
fn other(reason: &str) -> FileError {
    FileError::Other(Some(reason.into()))
}

/// Whether a document of form `own` (empty for the summary) may read the
/// file `id`: a file of its own folder (`<own>/<name>`, which falls back to a
/// shared file of that name) or a shared one (`<name>`). Packages and
/// WebAssembly are refused: a form folder is shared between organisations,
/// and a plugin would run code no budget stops.
fn may_read(own: &str, id: FileId) -> FileResult<()> {
    if let VirtualRoot::Package(spec) = id.root() {
        let message = format!("不支持 Typst 包（{spec}）：wenshu 不联网，模板只能引用表格文件夹里的文件");
        return Err(FileError::Package(PackageError::Other(Some(message.into()))));
    }
    let path = id.vpath().get_without_slash();
    if path.rsplit('.').next().is_some_and(|ext| ext.eq_ignore_ascii_case("wasm")) {
        return Err(other("表格不能使用 WebAssembly 插件（plugin）：插件是不受 wenshu 限制的程序"));
    }
    let allowed = match path.split_once('/') {
        Some((form, name)) => form == own && !own.is_empty() && !name.contains('/'),
        None => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(other(&format!("模板只能读取本表格文件夹里的文件和共用的 style.typ，不能读取 {path}")))
    }
}

/// One document being compiled.
pub struct DocumentWorld<'a> {
    assets: &'a Assets,
    /// The id of the document's form, whose folder it may read; empty for
    /// the summary.
    form: String,
    main: Source,
    today: Datetime,
}

impl<'a> DocumentWorld<'a> {
    pub fn new(assets: &'a Assets, form: &str, main: Source, today: Datetime) -> Self {
        DocumentWorld { assets, form: form.to_owned(), main, today }
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
        may_read(&self.form, id)?;
        let bytes = self.assets.read(id)?;
        let text = bytes.as_str().map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        may_read(&self.form, id)?;
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
