//! wenshu (文书): a social-work project described in YAML → the Chinese
//! documents its funders ask for, as print-ready PDFs.
//!
//! The pipeline, one module a stage:
//! [`load`] (YAML → [`model`]) → [`validate`] → [`compute`] and [`evaluate`] → [`render`]
//! (minijinja → Typst, escaping in one place) → [`compile`] (Typst → PDF).
//! [`pipeline::Workspace`] ties them together; [`cli`] is the command line.
//!
//! ```no_run
//! use std::path::Path;
//! let workspace = wenshu::Workspace::open(Path::new("templates"), Path::new("fonts")).unwrap();
//! let loaded = wenshu::load(Path::new("projects/yantian-2020/project.yaml")).unwrap();
//! assert!(workspace.check(&loaded).is_empty());
//! let (pdf, _typst) = workspace.build(&loaded, &wenshu::DOCUMENTS[0]).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

mod args;
pub mod cli;
pub mod compile;
pub mod compute;
pub mod error;
pub mod evaluate;
pub mod fonts;
mod init;
pub mod load;
pub mod model;
pub mod money;
pub mod number;
pub mod pipeline;
pub mod render;
pub mod target;
pub mod validate;
mod watch;
mod world;

pub use error::{Error, ErrorKind};
pub use load::{Loaded, load, parse};
pub use money::{Money, Percent};
pub use pipeline::{DOCUMENTS, DocumentKind, Workspace};
