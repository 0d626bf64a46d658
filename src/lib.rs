//! wenshu (文书): a social-work project described in YAML → the Chinese
//! documents its funders ask for, as print-ready PDFs.
//!
//! The pipeline, one module a stage:
//! [`load`] (YAML → [`tree`] → [`shape`] check → [`model`]) → [`validate`] →
//! [`compute`] and [`evaluate`] → [`render`] (minijinja → Typst, escaping in
//! one place) → [`compile`] (Typst → PDF). Which documents exist, and what
//! each one's own fields are, is data: [`forms`]. [`pipeline::Workspace`]
//! ties them together; [`build`] builds projects; [`cli`] is the command line.
//!
//! ```no_run
//! use std::path::Path;
//! let workspace = wenshu::Workspace::open(None, None).unwrap();
//! let loaded = workspace.load(Path::new("projects/yantian-2020/project.yaml")).unwrap();
//! let prepared = workspace.prepare(&loaded).unwrap();
//! let form = workspace.catalog().find("申报表").unwrap();
//! let (pdf, _typst) = workspace.build_in(&prepared, &loaded, form).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

mod args;
pub mod build;
pub mod cache;
pub mod cli;
pub mod compile;
pub mod completion;
pub mod compute;
pub mod date;
pub mod de;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod fonts;
pub mod forms;
mod formtool;
pub mod import;
mod init;
pub mod load;
pub mod model;
pub mod money;
pub mod number;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod rule;
pub mod schema;
pub mod shape;
pub mod staffing;
pub mod summary;
pub mod target;
pub mod term;
pub mod tree;
pub mod validate;
pub mod values;
mod watch;
pub mod weights;
mod world;
pub mod xlsx;

pub use error::{Error, ErrorKind};
pub use forms::{Catalog, Form};
pub use load::Loaded;
pub use money::{Money, Percent};
pub use pipeline::{Prepared, Workspace};
