//! wenshu (文书): a social-work project described in YAML → the Chinese
//! documents its funders ask for, as print-ready PDFs.
//!
//! The stages, lowest first, are listed in [`STAGES`]; a module imports
//! only its own stage and those below it. A project goes: [`yaml`] (YAML
//! with places) → [`project`] (shape checked, typed model) → [`score`]
//! (one indicator tree: targets, actuals, 评分细则, the evaluation) and
//! [`parts`] (budget, work hours, staffing) → [`typeset`] (minijinja →
//! Typst, escaping in one place; Typst → PDF in-process) → [`output`]
//! (batch builds, records, the formats registry). [`pipeline::Workspace`]
//! holds what every project shares; [`pipeline::Session`] builds one.
//!
//! The public surface is what the `wenshu` binary, the tests, the benches
//! and the fuzz target use; every other module is private to the crate:
//!
//! - building: [`Workspace`], [`Session`], [`Prepared`], [`Loaded`], [`Form`],
//!   [`Catalog`], [`Error`]; `typeset::compile` (`TypstSource`, `Document`,
//!   `document_text`), `typeset::render` (the template environment),
//!   `typeset::worker` (the worker protocol; tests count workers by its log);
//! - figures: [`Money`], [`Percent`], `units::number`; `score::target`,
//!   `score::indicator`, `score::rule` (one indicator or one 评分细则 read
//!   and scored without a project file), `score::evaluate`, `score::summary`;
//! - input: `yaml::tree`, `yaml::de`, `project::load`, `project::shape`,
//!   `check::schema`, `parts::compute`, `parts::catalog`;
//! - output: `output::batch`, `output::formats`, `output::xlsx`;
//! - authoring: `authoring::import` (`read`, `write`, and the Word and Excel
//!   readers `docx`, `xlsx` into the `grid` model, which tests read filled
//!   files back with), `authoring::doc`;
//! - the commands: `cli::commands::main`, `cli::explain`.
//!
//! ```no_run
//! use std::path::Path;
//! let workspace = wenshu::Workspace::open(None, None).unwrap();
//! let loaded = workspace.load(Path::new("projects/yantian-2020/project.yaml")).unwrap();
//! let prepared = workspace.prepare(&loaded).unwrap();
//! let form = workspace.catalog().find("申报表").unwrap();
//! let (pdf, _typst) = workspace.session(&loaded, &prepared).build(form).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

/// The stages of the library, lowest first: a module names only modules of
/// its own stage or of stages below it (the test `modules` holds the code
/// to this table, `super::` paths included).
pub const STAGES: &[(&str, &str)] = &[
    ("error", "the one error type: kind, message, file, line, column"),
    ("term", "the one place problems and results are printed"),
    ("units", "exact figures: money in 分, numbers, dates, numbering"),
    ("yaml", "YAML with the place of every value"),
    ("forms", "the catalog of forms: manifests and files, as data"),
    ("project", "the project file: its model, its shape checked, loaded"),
    ("score", "targets, 评分细则, completion and the evaluation"),
    ("parts", "the typed parts a form carries: budget, work hours, staffing"),
    ("check", "the project's schema and what its documents need"),
    ("typeset", "what templates see, minijinja → Typst → laid out"),
    ("pipeline", "a build session: a project checked, computed, rendered, compiled"),
    ("output", "builds of many projects, their records, written files"),
    ("authoring", "import, new forms and the template reference"),
    ("cli", "the commands"),
];

pub mod authoring;
pub mod check;
pub mod cli;
pub mod error;
pub mod forms;
pub mod output;
pub mod parts;
pub mod pipeline;
pub mod project;
pub mod score;
pub mod term;
pub mod typeset;
pub mod units;
pub mod yaml;

pub use error::{Error, ErrorKind};
pub use forms::{Catalog, Form};
pub use pipeline::{Prepared, Session, Workspace};
pub use project::load::Loaded;
pub use units::money::{Money, Percent};
