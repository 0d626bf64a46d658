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
    /// The user's form folders left out, and why (a link, a manifest or a
    /// template too large): printed by every command that builds.
    pub refused: Vec<Error>,
}

impl Catalog {
    /// The built-in forms, and the forms of `user_dir` over them. A user
    /// folder that cannot be read safely is left out, its error kept in
    /// [`Catalog::refused`] for the commands to print. `parts` knows each
    /// typed part named in a manifest: [`crate::parts::catalog`] loads a
    /// catalog with the parts' own registry.
    pub fn load(user_dir: Option<&Path>, parts: super::Parts) -> Result<Catalog, Vec<Error>> {
        let mut by_id: BTreeMap<String, BTreeMap<String, FormFile>> = BTreeMap::new();
        let mut shared: BTreeMap<String, (Origin, Bytes)> = BTreeMap::new();
        for (path, bytes) in builtin::FILES {
            match path.split_once('/') {
                Some((id, file)) => {
                    let file_bytes = FormFile::Read(Arc::from(*bytes));
                    by_id.entry(id.to_owned()).or_default().insert(file.to_owned(), file_bytes);
                }
                None => {
                    shared.insert((*path).to_owned(), (Origin::Builtin, Arc::from(*bytes)));
                }
            }
        }
        let mut forms: BTreeMap<String, Form> = BTreeMap::new();
        let mut errors = Vec::new();
        for (id, files) in by_id {
            match Form::from_files(&id, Origin::Builtin, files, parts) {
                Ok(form) => {
                    forms.insert(id, form);
                }
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        let mut refused = Vec::new();
        if let Some(dir) = user_dir {
            let user = files::read_user_dir(dir).map_err(|e| vec![e])?;
            for form in user.forms {
                match Form::from_files(&form.id, Origin::Folder(form.folder), form.files, parts) {
                    Ok(loaded) => {
                        forms.insert(form.id, Form { refused: form.refused, ..loaded });
                    }
                    Err(mut errs) => errors.append(&mut errs),
                }
            }
            shared.extend(user.shared);
            refused = user.refused;
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let user_dir = user_dir.map(Path::to_owned);
        let catalog = Catalog { forms: forms.into_values().collect(), shared, user_dir, refused };
        catalog.check_names()?;
        Ok(catalog)
    }

    /// Whether a form's documents run code from a folder (its own files, or
    /// a shared Typst file its template imports): those are compiled in a
    /// worker process, under the time and memory budgets.
    pub fn is_shared_code(&self, form: &Form) -> bool {
        form.origin != Origin::Builtin || self.has_own_typst()
    }

    /// Whether the repository has its own shared Typst files (`style.typ`).
    pub fn has_own_typst(&self) -> bool {
        self.shared.iter().any(|(name, (origin, _))| name.ends_with(".typ") && *origin != Origin::Builtin)
    }

    /// Whether the summary's template or its Typst comes from a folder.
    pub fn is_summary_shared_code(&self, template: &str) -> bool {
        self.has_own_typst() || self.shared.get(template).is_some_and(|(origin, _)| *origin != Origin::Builtin)
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

    /// A file a form's Typst may import: the form's own, else a shared
    /// Typst file. Read now if it is on disk; the error says why not.
    pub fn typst_file(&self, form: &Form, name: &str) -> Option<Result<Bytes, String>> {
        match form.files.get(name) {
            Some(file) => Some(file.bytes()),
            None => self.shared_typst(name).map(Ok),
        }
    }

    /// A shared Typst file (`style.typ`) by name.
    pub fn shared_typst(&self, name: &str) -> Option<Bytes> {
        self.shared.get(name).filter(|_| name.ends_with(".typ")).map(|(_, bytes)| bytes.clone())
    }

    /// The shared Typst files and the form's own `.typ` files, to write
    /// beside an emitted source.
    pub fn typst_support_files(&self, form: &Form) -> Result<Vec<(String, Bytes)>, String> {
        let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
        for (name, (_, bytes)) in self.shared.iter().filter(|(name, _)| name.ends_with(".typ")) {
            files.insert(name.clone(), bytes.clone());
        }
        for (name, file) in form.files.iter().filter(|(name, _)| name.ends_with(".typ")) {
            files.insert(name.clone(), file.bytes()?);
        }
        Ok(files.into_iter().collect())
    }
}
