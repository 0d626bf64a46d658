//! What a build is asked for, as the library takes it (the command line is
//! turned into this by the commands).

use std::path::PathBuf;

use crate::error::{Error, ErrorKind};
use crate::forms::Catalog;

/// What a build is asked for, beyond the projects.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output folder: one subfolder per project.
    pub out: PathBuf,
    /// One kind of document only (`申报表`, or an alias such as `report`).
    pub only: Option<String>,
    /// Also write the generated Typst beside each PDF.
    pub emit_typst: bool,
    /// The I-th of N shards of the sorted project list (I counts from 1).
    pub shard: Option<(usize, usize)>,
    /// Projects built at once; 0 for one per core.
    pub jobs: usize,
    /// Build every document, whatever the build records say.
    pub force: bool,
    /// Also write the project's spreadsheets (绩效自评表.xlsx, 绩效目标表.xlsx).
    pub xlsx: bool,
    /// Also fill the funder's own Word file of each form imported from one.
    pub docx: bool,
    /// What else changes the bytes written (the PDF standard), for the records.
    pub variant: String,
}

impl BuildOptions {
    /// The usage error of an `--only` that names no document.
    pub fn check_only(&self, catalog: &Catalog) -> Result<(), Error> {
        match &self.only {
            Some(only) if !catalog.forms.iter().any(|f| f.matches(only)) => {
                let message = format!("--only {only}：没有这种文书，可选：{}、report", catalog.names().join("、"));
                Err(Error::new(ErrorKind::Usage, message))
            }
            _ => Ok(()),
        }
    }

    /// What of these options changes the files written, for the records.
    pub fn cache_key(&self) -> String {
        format!("{};typst={}", self.variant, self.emit_typst)
    }

    /// The threads a batch uses: `jobs`, or one per core.
    pub fn workers(&self) -> usize {
        match self.jobs {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }
}
