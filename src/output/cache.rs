//! Rebuild only what changed, the way cargo and make treat unchanged inputs.
//!
//! Beside each project's PDFs, `out/<project>/.wenshu-build.json` records
//! what they were built from: a hash of the project file, of everything
//! every document shares (the forms, the fonts, the options, wenshu's
//! version), and for each document a fingerprint of its own inputs (its
//! Typst source as first rendered, its form's files, the fonts, the
//! options) with the hash of each file written.
//!
//! - A project whose file and shared inputs are unchanged, and whose files
//!   are all on disk with the recorded hashes, is skipped without parsing.
//! - Otherwise it is parsed and rendered (milliseconds), and only the
//!   documents whose fingerprint changed are laid out and written: an edit
//!   to one form's template rebuilds that form's documents only.
//! - A file edited or deleted by hand no longer has its recorded hash, so
//!   it is rebuilt. The record is written atomically after the files; two
//!   builds into one `out/` can only lose an update, which costs a rebuild,
//!   never a wrong skip.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::forms::{Catalog, Form};

/// The record's file name, in a project's output folder.
pub const RECORD: &str = ".wenshu-build.json";

/// A stable 128-bit hash of `parts`, as hex: the same on every machine.
pub fn hash(parts: &[&[u8]]) -> String {
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    for part in parts {
        hasher.write_u64(part.len() as u64);
        hasher.write(part);
    }
    format!("{:032x}", hasher.finish128().as_u128())
}

/// What every document of a build shares: wenshu's version, the fonts, the
/// options that change the bytes, and the forms.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The fonts and options, hashed.
    base: String,
    /// `base` and every form's files.
    all: String,
}

impl Inputs {
    /// `options` is what of the command line changes the bytes written
    /// (the PDF standard, emitted sources); `fonts_dir` the user's fonts.
    pub fn new(catalog: &Catalog, fonts_dir: Option<&Path>, options: &str) -> Inputs {
        let fonts = fonts_identity(fonts_dir);
        let base = hash(&[env!("CARGO_PKG_VERSION").as_bytes(), fonts.as_bytes(), options.as_bytes()]);
        let mut parts: Vec<Vec<u8>> = vec![base.as_bytes().to_vec()];
        for (name, (_, bytes)) in &catalog.shared {
            parts.push(name.as_bytes().to_vec());
            parts.push(bytes.to_vec());
        }
        for form in &catalog.forms {
            parts.push(form_hash(catalog, form).into_bytes());
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Inputs { all: hash(&refs), base }
    }

    /// The hash of everything shared, as records keep it.
    pub fn shared(&self) -> &str {
        &self.all
    }

    /// The fingerprint of what a format writes for a project as a whole
    /// (its spreadsheets): it follows from the project file alone (and
    /// wenshu's version and the format's layout), so it can be found up to
    /// date without parsing the project.
    /// The forms count too: a filled original follows from its form's files.
    pub fn project_output(&self, format: &str, layout: &str, project: &[u8]) -> String {
        hash(&[self.all.as_bytes(), format.as_bytes(), layout.as_bytes(), project])
    }

    /// The fingerprint of one document: its first rendered Typst source and
    /// its form's files, over the fonts and options.
    pub fn fingerprint(&self, catalog: &Catalog, form: &Form, typst: &str) -> String {
        hash(&[self.base.as_bytes(), form_hash(catalog, form).as_bytes(), typst.as_bytes()])
    }
}

/// A form's files and the shared files its Typst may import.
fn form_hash(catalog: &Catalog, form: &Form) -> String {
    let identities: Vec<(&String, Vec<u8>)> = form.files.iter().map(|(name, file)| (name, file.identity())).collect();
    let mut parts: Vec<&[u8]> = vec![form.id.as_bytes()];
    for (name, identity) in &identities {
        parts.push(name.as_bytes());
        parts.push(identity);
    }
    for (name, (_, bytes)) in &catalog.shared {
        parts.push(name.as_bytes());
        parts.push(bytes);
    }
    hash(&parts)
}

/// The user's fonts by name, size and time of change (hashing fonts of
/// tens of megabytes on every build would cost more than it saves); the
/// built-in ones are fixed by wenshu's version.
fn fonts_identity(dir: Option<&Path>) -> String {
    let Some(dir) = dir else { return String::new() };
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            let name = e.path().strip_prefix(dir).unwrap_or(e.path()).display().to_string();
            format!("{name}:{}:{}", meta.map_or(0, |m| m.len()), modified.map_or(0, |d| d.as_nanos()))
        })
        .collect();
    files.sort();
    files.join("\n")
}

/// What a project's files were built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// wenshu's version, for people reading the file.
    pub wenshu: String,
    /// The inputs every document shares.
    pub inputs: String,
    /// The project file's bytes.
    pub project: String,
    /// Each document: its fingerprint and the files written for it.
    pub documents: BTreeMap<String, DocumentRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub fingerprint: String,
    /// File name in the project's output folder → hash of its bytes.
    pub files: BTreeMap<String, String>,
}

impl Record {
    /// The record of an output folder; an unreadable one is no record.
    pub fn read(dir: &Path) -> Option<Record> {
        let text = std::fs::read_to_string(dir.join(RECORD)).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn write(&self, dir: &Path) -> Result<(), crate::Error> {
        let text = serde_json::to_string_pretty(self).unwrap_or_default() + "\n";
        crate::output::write::write_atomically(&dir.join(RECORD), text.as_bytes())
    }

    /// Whether every file of `document` is on disk with its recorded hash.
    pub fn files_intact(&self, dir: &Path, document: &str) -> bool {
        self.documents.get(document).is_some_and(|d| !d.files.is_empty()) && self.all_on_disk(dir, document)
    }

    /// Whether `document` is recorded and each of its files (maybe none:
    /// a project with nothing to put in a spreadsheet) is as written.
    pub fn all_on_disk(&self, dir: &Path, document: &str) -> bool {
        self.documents.get(document).is_some_and(|d| {
            d.files.iter().all(|(name, recorded)| file_hash(&dir.join(name)).as_ref() == Some(recorded))
        })
    }

    /// Whether a format's files for the project as a whole (recorded under
    /// its name) were written from `fingerprint` and are all as written (a
    /// project may have none); how many there are.
    pub fn project_output_current(&self, dir: &Path, format: &str, fingerprint: &str) -> Option<usize> {
        let output = self.documents.get(format).filter(|d| d.fingerprint == fingerprint)?;
        self.all_on_disk(dir, format).then_some(output.files.len())
    }

    /// Whether `document` was built from `fingerprint` and its files are intact.
    pub fn is_current(&self, dir: &Path, document: &str, fingerprint: &str) -> bool {
        self.documents.get(document).is_some_and(|d| d.fingerprint == fingerprint) && self.files_intact(dir, document)
    }
}

/// The hash of a file's bytes, if it can be read.
pub fn file_hash(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| hash(&[&bytes]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_processes_and_machines() {
        // Fixed keys: this value must never change, or every record goes stale.
        assert_eq!(hash(&[b"wenshu"]), "70ede3f510d600cce419e49af2dc49e2");
        assert_ne!(hash(&[b"ab", b"c"]), hash(&[b"a", b"bc"]), "parts are delimited");
        assert_eq!(hash(&[b"wenshu"]).len(), 32);
    }
}
