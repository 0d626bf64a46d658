//! Forms as data: a form is a folder, `forms/<id>/form.yaml` (its manifest)
//! beside its template. The manifest says what the document is called, where
//! the form comes from, which parts of the project it prints, and the form's
//! own fields — each with its Chinese label, type and help — so that adding a
//! region's form is copying a folder and editing it, with no Rust.
//!
//! Forms are found on a search path, like Hugo's template lookup: the user's
//! `forms/` folder first, then the forms built into wenshu. A user form with
//! the id of a built-in one replaces it.
//!
//! ```
//! let catalog = wenshu::parts::catalog(None).unwrap();
//! let form = catalog.find("申报表").unwrap();
//! assert_eq!(form.id, "application");
//! assert_eq!(form.section.as_deref(), Some("application"));
//! assert!(form.fields.iter().any(|f| f.label == "项目周期"));
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value as Json;

mod catalog;
pub(crate) mod files;
mod manifest;
pub mod original;
pub mod printed;

pub use catalog::Catalog;
pub use files::FormFile;
pub use manifest::Parts;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_forms.rs"));
}

/// The file a form folder's manifest is in.
pub const MANIFEST: &str = "form.yaml";

/// A file's bytes, shared between the catalog and every compile.
pub type Bytes = Arc<[u8]>;

/// Where a form (or a shared file) came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into wenshu.
    Builtin,
    /// A folder on disk.
    Folder(PathBuf),
}

impl Origin {
    /// How `wenshu forms` and messages name it.
    pub fn describe(&self) -> String {
        match self {
            Origin::Builtin => "内置".to_owned(),
            Origin::Folder(path) => path.display().to_string(),
        }
    }

    /// The path messages give for a file of this origin.
    pub fn file_path(&self, id: &str, file: &str) -> PathBuf {
        match self {
            Origin::Builtin => Path::new("<内置表格>").join(id).join(file),
            Origin::Folder(path) => path.join(file),
        }
    }
}

/// One form.
#[derive(Debug, Clone)]
pub struct Form {
    /// The folder's name: `application`.
    pub id: String,
    /// The document's name, also its PDF's file name: `申报表`.
    pub name: String,
    /// Other names `--only` accepts (`report` for the year-end pair).
    pub aliases: Vec<String>,
    /// The form's printed title: `项目支出绩效目标申报表`.
    pub title: String,
    /// Where the form comes from: region and document.
    pub region: String,
    pub document: String,
    /// A sentence on what the form is for, shown by `wenshu forms`.
    pub description: String,
    /// The template file, in the form's folder.
    pub template: String,
    /// Where the form's own fields sit in a project file (`application`,
    /// `evaluation.report`); `None` when it has none.
    pub section: Option<String>,
    /// The parts of the project it prints, as key paths (`funding`, `evaluation`):
    /// those its manifest lists, and the project's `year` and `name` where
    /// its templates print them.
    pub needs: Vec<String>,
    /// Where a project's funds (项目资金) are, as a money field's key path
    /// (`gd_target.total`, `funding.total`); the summary reads them there.
    pub funds: Option<String>,
    /// The form's own fields.
    pub fields: Vec<Field>,
    /// Arithmetic the form states between its fields (当年度金额 ≤ 总金额).
    pub checks: Vec<Check>,
    pub origin: Origin,
    /// The folder's files by name: the manifest and templates read, the
    /// others read when a document uses them.
    pub files: BTreeMap<String, FormFile>,
    /// Why no document of this form may be built (a file too large, a
    /// link), for a folder that was loaded all the same.
    pub refused: Option<String>,
    /// The funder's own file, for a form imported from one, and where its
    /// fields sit in it (`build --docx` fills it).
    pub original: Option<original::Original>,
}

/// One field of a form's section.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    /// The label the form prints; used in messages, the schema and `init`.
    pub label: String,
    pub kind: FieldType,
    pub required: bool,
    /// A default value, as the YAML would write it.
    pub default: Option<Json>,
    /// One line of help, written for whoever fills the form in.
    pub help: String,
    /// What the field prints when the project leaves it out: a value wenshu
    /// has (`project.name`, `evaluated.execution.rate`), by its key path.
    pub from: Option<String>,
}

/// A rule between fields of a form's section, checked with the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `field` ≤ `limit` (both money, or both numbers / years).
    AtMost { field: String, limit: String },
    /// The `column` of table `table`, summed, equals `field` (money).
    SumEquals { table: String, column: String, field: String },
    /// `field` (a choice nested in an option of another) is chosen only
    /// when `parent` holds `value`.
    Within { field: String, parent: String, value: String },
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// One line of text.
    Text(Chars),
    /// Paragraphs: a blank line starts a new one.
    Prose(Chars),
    /// Headings with paragraphs and lists, numbered 一、（一）1.（1）, or
    /// by the styles the form gives, one a level (`[一、, 1、]`).
    Outline(Vec<String>),
    Money,
    Percent,
    /// A rate printed with its % (完成率, 执行率), which may pass 100%.
    Rate,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number,
    Year,
    Date,
    Bool,
    Choice(Vec<String>),
    Phone,
    List {
        of: Box<Field>,
        min: usize,
    },
    Table(Vec<Field>),
    Group(Vec<Field>),
    /// A part wenshu computes with (a budget, a 工时测算 …): its name,
    /// as the parts stage's registry knows it ([`crate::parts::PARTS`]).
    Part(PartName),
}

/// A typed part's name, the word a manifest's `type:` writes (`budget`,
/// `staffing`). Which parts exist, and what each does, is the parts
/// stage's one registry; forms only carry the name.
pub type PartName = &'static str;

/// The number of characters a form allows in a text (450字内): counted as
/// [`count_chars`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chars {
    pub min: Option<usize>,
    pub max: Option<usize>,
}

/// The characters of a text as a form's 字数 counts them: every character,
/// punctuation included, but no whitespace (spaces, full-width spaces, line
/// breaks), which wenshu's typesetting drops or a 申报 system never sees.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

impl Chars {
    /// The limit in the words forms print it: `（450字内）`.
    pub fn hint(self) -> String {
        match (self.min, self.max) {
            (None, None) => String::new(),
            (None, Some(max)) => format!("（{max}字内）"),
            (Some(min), None) => format!("（不少于{min}字）"),
            (Some(min), Some(max)) => format!("（{min}至{max}字）"),
        }
    }

    /// The limits both of two forms sharing a field accept: the looser.
    fn loosest(self, other: Chars) -> Chars {
        Chars {
            min: self.min.zip(other.min).map(|(a, b)| a.min(b)),
            max: self.max.zip(other.max).map(|(a, b)| a.max(b)),
        }
    }
}

/// The type names a manifest may use besides the typed parts', for its messages.
const TYPE_NAMES: &str =
    "text、prose、outline、money、percent、integer、number、year、date、bool、choice、phone、list、table、group";

impl FieldType {
    /// The word manifests write for it.
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text(_) => "text",
            FieldType::Prose(_) => "prose",
            FieldType::Outline(_) => "outline",
            FieldType::Money => "money",
            FieldType::Percent => "percent",
            FieldType::Rate => "rate",
            FieldType::Integer { .. } => "integer",
            FieldType::Number => "number",
            FieldType::Year => "year",
            FieldType::Date => "date",
            FieldType::Bool => "bool",
            FieldType::Choice(_) => "choice",
            FieldType::Phone => "phone",
            FieldType::List { .. } => "list",
            FieldType::Table(_) => "table",
            FieldType::Group(_) => "group",
            FieldType::Part(name) => name,
        }
    }

    /// What a user writes for it, in their words (for `init` and the schema).
    pub fn hint(&self) -> String {
        match self {
            FieldType::Text(chars) => format!("文字{}", chars.hint()),
            FieldType::Prose(chars) => format!("多段文字，空一行另起一段{}", chars.hint()),
            FieldType::Outline(_) => {
                "提纲：每项 title 标题，可有 text 段落、items 列表、after 其后的段落、children 下级".to_owned()
            }
            FieldType::Money => "金额，如 56.40万元".to_owned(),
            FieldType::Percent => "百分比，如 70%".to_owned(),
            FieldType::Rate => "百分数，如 98.23%，可以超过 100%".to_owned(),
            FieldType::Integer { .. } => "整数".to_owned(),
            FieldType::Number => "数字".to_owned(),
            FieldType::Year => "年份，如 2024".to_owned(),
            FieldType::Date => "日期，如 2024年1月1日".to_owned(),
            FieldType::Bool => "true（是）或 false（否）".to_owned(),
            FieldType::Choice(values) => format!("{} 之一", values.join("、")),
            FieldType::Phone => "电话号码".to_owned(),
            FieldType::List { of, .. } => format!("列表，每项为{}", of.kind.hint()),
            FieldType::Table(_) => "表格，每行一项".to_owned(),
            FieldType::Group(_) => "一组栏目".to_owned(),
            FieldType::Part(_) => "见 README".to_owned(),
        }
    }
}

impl Form {
    /// Whether `--only NAME` or `documents: [NAME]` selects this form.
    pub fn matches(&self, name: &str) -> bool {
        self.name == name || self.id == name || self.aliases.iter().any(|a| a == name)
    }

    /// The template's name in the template environment.
    pub fn template_name(&self) -> String {
        format!("{}/{}", self.id, self.template)
    }

    /// The field of a given typed part.
    pub fn part_field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| matches!(f.kind, FieldType::Part(n) if n == name))
    }
}
