//! Making and documenting forms, beside the commands that ask for it:
//! `wenshu form import` reads a funder's Word or Excel form into a form
//! folder ([`import`]), `wenshu form new` and `wenshu forms` copy and list
//! forms and `init` writes a form's section as a commented skeleton
//! ([`scaffold`]), and `wenshu form doc` prints the template reference
//! ([`doc`]). What each needs from the command line comes as plain data,
//! so this stage does not know the command line.

use std::path::PathBuf;

pub mod doc;
mod folder;
pub mod import;
mod importing;
pub(crate) mod scaffold;
pub(crate) use importing::import;
mod values;

/// `wenshu form new ID [--from NAME]`.
#[derive(Debug, Clone)]
pub struct NewForm {
    /// The new folder's name under `forms`.
    pub id: String,
    /// The form to copy; a blank form without it.
    pub from: Option<String>,
    /// The repository's forms folder (`forms/` unless given).
    pub forms: PathBuf,
}

/// `wenshu form import FILE`.
#[derive(Debug, Clone)]
pub struct ImportForm {
    pub file: PathBuf,
    pub id: Option<String>,
    pub name: Option<String>,
    pub sheet: Option<String>,
    /// The repository's forms folder (`forms/` unless given).
    pub forms: PathBuf,
    /// A new project file for the filled form's values.
    pub values: Option<PathBuf>,
}
