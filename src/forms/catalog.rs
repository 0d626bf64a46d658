//! The catalog of forms: the built-in ones, and the user's `forms/` folder
//! over them (a folder with a built-in form's id replaces it), with the
//! shared Typst files (`style.typ`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind};

use super::*;

/// Every form available, and the Typst files they share.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub forms: Vec<Form>,
    /// Shared files (`style.typ`) by name: the user's over the built-in ones.
    pub shared: BTreeMap<String, (Origin, Bytes)>,
    /// The user's forms folder, if any.
    pub user_dir: Option<PathBuf>,
}

impl Catalog {
    /// The built-in forms, and the forms of `user_dir` over them.
    pub fn load(user_dir: Option<&Path>) -> Result<Catalog, Vec<Error>> {
        let mut by_id: BTreeMap<String, BTreeMap<String, Bytes>> = BTreeMap::new();
        let mut shared: BTreeMap<String, (Origin, Bytes)> = BTreeMap::new();
        for (path, bytes) in builtin::FILES {
            match path.split_once('/') {
                Some((id, file)) => {
                    by_id.entry(id.to_owned()).or_default().insert(file.to_owned(), Arc::from(*bytes));
                }
                None => {
                    shared.insert((*path).to_owned(), (Origin::Builtin, Arc::from(*bytes)));
                }
            }
        }
        let mut forms: BTreeMap<String, Form> = BTreeMap::new();
        let mut errors = Vec::new();
        for (id, files) in by_id {
            match Form::from_files(&id, Origin::Builtin, files) {
                Ok(form) => {
                    forms.insert(id, form);
                }
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        if let Some(dir) = user_dir {
            let (user_forms, user_shared) = read_user_dir(dir).map_err(|e| vec![e])?;
            for (id, folder, files) in user_forms {
                match Form::from_files(&id, Origin::Folder(folder), files) {
                    Ok(form) => {
                        forms.insert(id, form);
                    }
                    Err(mut errs) => errors.append(&mut errs),
                }
            }
            shared.extend(user_shared);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let catalog = Catalog { forms: forms.into_values().collect(), shared, user_dir: user_dir.map(Path::to_owned) };
        catalog.check_names()?;
        Ok(catalog)
    }

    /// Two forms may not print the same document name.
    fn check_names(&self) -> Result<(), Vec<Error>> {
        let mut errors = Vec::new();
        for (i, form) in self.forms.iter().enumerate() {
            if let Some(other) = self.forms[..i].iter().find(|f| f.name == form.name) {
                let message = format!(
                    "表格 {} 与 {} 的文书名都是“{}”：每种文书的名称（也是 PDF 的文件名）须不同",
                    other.id, form.id, form.name
                );
                let path = form.origin.file_path(&form.id, MANIFEST);
                errors.push(Error::new(ErrorKind::Form, message).with_path(path));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The form named `name` (document name, id or alias).
    pub fn find(&self, name: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.name == name).or_else(|| self.forms.iter().find(|f| f.matches(name)))
    }

    /// The document names, for messages.
    pub fn names(&self) -> Vec<&str> {
        self.forms.iter().map(|f| f.name.as_str()).collect()
    }

    /// The forms whose own fields sit at `section`, the repository's own
    /// first: their labels are the ones its users chose.
    pub fn sharing<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Form> + 'a {
        let own = self.forms.iter().filter(|f| f.origin != Origin::Builtin);
        let builtin = self.forms.iter().filter(|f| f.origin == Origin::Builtin);
        own.chain(builtin).filter(move |f| f.section.as_deref() == Some(section))
    }

    /// The fields of a section: each key once, as the first form sharing
    /// it has it, required only where every form sharing it requires it.
    pub fn section_fields(&self, section: &str) -> Vec<Field> {
        let sharing: Vec<&Form> = self.sharing(section).collect();
        let mut fields: Vec<Field> = Vec::new();
        for form in &sharing {
            for field in &form.fields {
                if fields.iter().any(|f| f.key == field.key) {
                    continue;
                }
                let same: Vec<&Field> =
                    sharing.iter().filter_map(|f| f.fields.iter().find(|g| g.key == field.key)).collect();
                let required = same.len() == sharing.len() && same.iter().all(|g| g.required);
                // A limit on a text's length holds where every form sharing it sets one.
                let kind = match &field.kind {
                    FieldType::Text(chars) | FieldType::Prose(chars) => {
                        let limits = same.iter().map(|g| match g.kind {
                            FieldType::Text(c) | FieldType::Prose(c) => c,
                            _ => Chars::default(),
                        });
                        let chars = if same.len() == sharing.len() {
                            limits.fold(*chars, Chars::loosest)
                        } else {
                            Chars::default()
                        };
                        match field.kind {
                            FieldType::Text(_) => FieldType::Text(chars),
                            _ => FieldType::Prose(chars),
                        }
                    }
                    other => other.clone(),
                };
                fields.push(Field { required, kind, ..field.clone() });
            }
        }
        fields
    }

    /// Every section forms declare, each once, in the order of the forms.
    pub fn sections(&self) -> Vec<&str> {
        let mut sections: Vec<&str> = Vec::new();
        for section in self.forms.iter().filter_map(|f| f.section.as_deref()) {
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
        sections
    }

    /// A file a form's Typst may import: the form's own, else a shared one.
    pub fn typst_file(&self, form: &Form, name: &str) -> Option<Bytes> {
        form.files.get(name).cloned().or_else(|| self.shared.get(name).map(|(_, b)| b.clone()))
    }

    /// The shared Typst files and the form's own `.typ` files, to write
    /// beside an emitted source.
    pub fn typst_support_files(&self, form: &Form) -> Vec<(String, Bytes)> {
        let shared = self.shared.iter().map(|(n, (_, b))| (n, b));
        let own = form.files.iter();
        let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
        for (name, bytes) in shared.chain(own) {
            if name.ends_with(".typ") {
                files.insert(name.clone(), bytes.clone());
            }
        }
        files.into_iter().collect()
    }
}

/// The form folders and shared files of a user's `forms/`.
type UserDir = (Vec<(String, PathBuf, BTreeMap<String, Bytes>)>, Vec<(String, (Origin, Bytes))>);

fn read_user_dir(dir: &Path) -> Result<UserDir, Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, "读取表格文件夹", &err))?;
    let mut forms = Vec::new();
    let mut shared = Vec::new();
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if !path.join(MANIFEST).is_file() {
                continue;
            }
            forms.push((name, path.clone(), read_folder(&path)?));
        } else if path.is_file() {
            let bytes = read_confined(dir, &path)?;
            shared.push((name, (Origin::Folder(path.clone()), bytes)));
        }
    }
    Ok((forms, shared))
}

/// The files of one form folder (not its subfolders).
fn read_folder(folder: &Path) -> Result<BTreeMap<String, Bytes>, Error> {
    let entries = std::fs::read_dir(folder).map_err(|err| Error::io(folder, "读取表格文件夹", &err))?;
    let mut files = BTreeMap::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if name.starts_with('.') || !path.is_file() {
            continue;
        }
        files.insert(name, read_confined(folder, &path)?);
    }
    Ok(files)
}

/// A file of `folder`, refusing one that is a link to somewhere outside it.
fn read_confined(folder: &Path, path: &Path) -> Result<Bytes, Error> {
    let real = path.canonicalize().map_err(|err| Error::io(path, "读取表格文件", &err))?;
    let root = folder.canonicalize().map_err(|err| Error::io(folder, "读取表格文件夹", &err))?;
    if !real.starts_with(&root) {
        let message = "这个文件是指向表格文件夹以外的链接，wenshu 不读取它";
        return Err(Error::new(ErrorKind::Form, message).with_path(path));
    }
    std::fs::read(&real).map(Arc::from).map_err(|err| Error::io(path, "读取表格文件", &err))
}
