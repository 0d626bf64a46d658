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
//! let catalog = wenshu::forms::Catalog::load(None).unwrap();
//! let form = catalog.find("申报表").unwrap();
//! assert_eq!(form.id, "application");
//! assert_eq!(form.section.as_deref(), Some("application"));
//! assert!(form.fields.iter().any(|f| f.label == "项目周期"));
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value as Json, json};

use crate::error::{Error, ErrorKind};
use crate::project::tree::{Node, Spanned};

pub mod scaffold;

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
    /// The folder's files by name, read once.
    pub files: BTreeMap<String, Bytes>,
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
}

/// A rule between fields of a form's section, checked with the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `field` ≤ `limit` (both money, or both numbers / years).
    AtMost { field: String, limit: String },
    /// The `column` of table `table`, summed, equals `field` (money).
    SumEquals { table: String, column: String, field: String },
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// One line of text.
    Text(Chars),
    /// Paragraphs: a blank line starts a new one.
    Prose(Chars),
    /// Headings with paragraphs and lists, numbered 一、（一）1.（1）.
    Outline,
    Money,
    Percent,
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
    /// A part wenshu computes with (a budget, a 工时测算 …).
    Core(Core),
}

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

/// The typed parts of the model a form's section may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Core {
    /// 人员经费 by 社工等级, other costs, 资金支出进度.
    Budget,
    /// The 工时测算 rows, by 类型.
    Workload,
    /// 每周服务时间 of a full-time worker, to turn hours into staff.
    WeeklyHours,
    /// The team, checked against the staffing rules.
    Team,
    /// The staffing rules.
    Staffing,
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

impl Core {
    const ALL: [(&'static str, Core); 5] = [
        ("budget", Core::Budget),
        ("workload", Core::Workload),
        ("weekly_hours", Core::WeeklyHours),
        ("team", Core::Team),
        ("staffing", Core::Staffing),
    ];

    pub fn name(self) -> &'static str {
        Core::ALL.iter().find(|(_, c)| *c == self).map_or("", |(n, _)| n)
    }
}

/// The type names a manifest may use, for its messages.
const TYPE_NAMES: &str = "text、prose、outline、money、percent、integer、number、year、date、bool、choice、phone、list、table、group、budget、workload、weekly_hours、team、staffing";

impl FieldType {
    /// The word manifests write for it.
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text(_) => "text",
            FieldType::Prose(_) => "prose",
            FieldType::Outline => "outline",
            FieldType::Money => "money",
            FieldType::Percent => "percent",
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
            FieldType::Core(core) => core.name(),
        }
    }

    /// What a user writes for it, in their words (for `init` and the schema).
    pub fn hint(&self) -> String {
        match self {
            FieldType::Text(chars) => format!("文字{}", chars.hint()),
            FieldType::Prose(chars) => format!("多段文字，空一行另起一段{}", chars.hint()),
            FieldType::Outline => "提纲：每项 title 标题，可有 text 段落、items 列表、children 下级".to_owned(),
            FieldType::Money => "金额，如 56.40万元".to_owned(),
            FieldType::Percent => "百分比，如 70%".to_owned(),
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
            FieldType::Core(_) => "见 README".to_owned(),
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

    /// The fields of a given core type.
    pub fn core_field(&self, core: Core) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == FieldType::Core(core))
    }
}

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

// ---------------------------------------------------------------------------
// The manifest.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    title: Spanned<String>,
    #[serde(default)]
    source: Option<SourceSpec>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    template: Option<Spanned<String>>,
    #[serde(default)]
    section: Option<Spanned<String>>,
    #[serde(default)]
    needs: Vec<Spanned<String>>,
    #[serde(default)]
    funds: Option<Spanned<String>>,
    #[serde(default)]
    fields: Vec<FieldSpec>,
    #[serde(default)]
    checks: Vec<CheckSpec>,
}

/// `{ field: this_year, at_most: total }` or `{ sum: allocation.amount, equals: this_year }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckSpec {
    #[serde(default)]
    field: Option<Spanned<String>>,
    #[serde(default)]
    at_most: Option<Spanned<String>>,
    #[serde(default)]
    sum: Option<Spanned<String>>,
    #[serde(default)]
    equals: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSpec {
    #[serde(default)]
    region: String,
    #[serde(default)]
    document: String,
}

/// A field as a manifest writes it. Which of the type's own keys (`min`,
/// `values` …) a field may write depends on its type: [`check_field_keys`]
/// checks that on the manifest's tree, before it is read into this.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSpec {
    key: Spanned<String>,
    label: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    default: Option<Json>,
    #[serde(default)]
    help: Option<String>,
    /// A list's item: a type name, or a field of its own (`of: {type: group, …}`).
    #[serde(default)]
    of: Option<Spanned<ItemSpec>>,
    #[serde(default)]
    fields: Vec<FieldSpec>,
    #[serde(default)]
    columns: Vec<FieldSpec>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    min_chars: Option<usize>,
    #[serde(default)]
    max_chars: Option<usize>,
}

impl FieldSpec {
    /// The field each item of a list is: keyed `item`, always present.
    fn item(kind: Spanned<String>, label: Spanned<String>) -> FieldSpec {
        FieldSpec {
            key: Spanned::new("item".to_owned(), kind.at),
            label,
            kind,
            required: Some(true),
            values: Vec::new(),
            default: None,
            help: None,
            of: None,
            fields: Vec::new(),
            columns: Vec::new(),
            min: None,
            max: None,
            min_chars: None,
            max_chars: None,
        }
    }
}

/// What a list holds.
#[derive(Debug)]
enum ItemSpec {
    Type(String),
    Field(Box<FieldSpec>),
}

impl<'de> Deserialize<'de> for ItemSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> serde::de::Visitor<'de> for ItemVisitor {
            type Value = ItemSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("类型名，或带 type 的栏目")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ItemSpec, E> {
                Ok(ItemSpec::Type(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ItemSpec, A::Error> {
                let spec = ItemFieldSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let label = Spanned::new(spec.label.unwrap_or_default(), spec.kind.at);
                Ok(ItemSpec::Field(Box::new(FieldSpec {
                    values: spec.values,
                    help: spec.help,
                    fields: spec.fields,
                    columns: spec.columns,
                    min: spec.min,
                    max: spec.max,
                    min_chars: spec.min_chars,
                    max_chars: spec.max_chars,
                    ..FieldSpec::item(spec.kind, label)
                })))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// A list item written as a field: like a field, without key or default.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFieldSpec {
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    fields: Vec<FieldSpec>,
    #[serde(default)]
    columns: Vec<FieldSpec>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    min_chars: Option<usize>,
    #[serde(default)]
    max_chars: Option<usize>,
}

/// The keys every field may write, and every list item written as a field.
const FIELD_KEYS: &[&str] = &["key", "label", "type", "required", "help", "default"];
const ITEM_KEYS: &[&str] = &["type", "label", "help"];

/// The keys of its own a field of type `kind` may write; a list whose items
/// are a type name (`of: choice`) also takes that type's keys for them.
fn own_keys(kind: &str, of: Option<&str>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = match kind {
        "text" | "prose" => vec!["max_chars", "min_chars"],
        "integer" => vec!["min", "max"],
        "choice" => vec!["values"],
        "list" => vec!["of", "min"],
        "table" => vec!["columns"],
        "group" => vec!["fields"],
        _ => Vec::new(),
    };
    if kind == "list" {
        // What `type_of` hands on to the items.
        let handed_on = ["values", "min_chars", "max_chars"];
        keys.extend(own_keys(of.unwrap_or(""), None).into_iter().filter(|k| handed_on.contains(k)));
    }
    keys
}

/// The types whose fields may write `key`, for messages: `integer`, or
/// `choice（或 of: choice 的 list）`.
fn types_with_key(key: &str) -> String {
    let types: Vec<String> = TYPE_NAMES
        .split('、')
        .filter(|t| own_keys(t, None).contains(&key))
        .map(|t| {
            let listed = t != "list" && t != "integer" && own_keys("list", Some(t)).contains(&key);
            if listed { format!("{t}（或 of: {t} 的 list）") } else { t.to_owned() }
        })
        .collect();
    types.join("、")
}

/// Each field of a manifest's tree writes only the keys its type reads:
/// `max: 150` on a text field would be ignored, so it is an error. Checked
/// on the tree, so every such key is reported at its place.
fn check_field_keys(node: &Node, item: bool, problems: &mut ManifestProblems) {
    let Some(kind) = node.get("type").and_then(Node::text) else { return };
    let known = TYPE_NAMES.split('、').any(|t| t == kind);
    let of = node.get("of").and_then(Node::text);
    let own = own_keys(kind, of);
    let common = if item { ITEM_KEYS } else { FIELD_KEYS };
    for entry in node.entries() {
        if !known || common.contains(&entry.key.as_str()) || own.contains(&entry.key.as_str()) {
            continue;
        }
        let key = entry.key.as_str();
        let holders = types_with_key(key);
        let message = if !holders.is_empty() {
            let mut message = format!("{kind} 类型的栏目不能写 {key}（只有 {holders} 可以）");
            if matches!(kind, "text" | "prose") && matches!(key, "min" | "max") {
                message.push_str(&format!("；字数限制请写 {key}_chars"));
            } else if kind == "integer" && matches!(key, "min_chars" | "max_chars") {
                message.push_str("；数值范围请写 min、max");
            }
            message
        } else if common.contains(&key) || FIELD_KEYS.contains(&key) {
            format!("列表的每项不能写 {key}（只能写 type、label、help 和所属类型的键）")
        } else {
            let allowed: Vec<&str> = common.iter().copied().chain(own.iter().copied()).collect();
            format!("不认识的键 `{key}`（{kind} 类型的栏目可以写的键：{}）", allowed.join("、"))
        };
        problems.report(entry.key_at, message);
    }
    for nested in ["fields", "columns"] {
        for child in node.get(nested).map(Node::items).unwrap_or(&[]) {
            check_field_keys(child, false, problems);
        }
    }
    if let Some(item) = node.get("of").filter(|n| matches!(n.kind, crate::project::tree::NodeKind::Map(_))) {
        check_field_keys(item, true, problems);
    }
    // A typed part's default is read as the part: an unknown rule in a
    // staffing default would otherwise be no rule at all.
    if let (Some(default), Some((_, core))) =
        (node.get("default").filter(|d| !d.is_null()), Core::ALL.iter().find(|(n, _)| *n == kind))
    {
        use crate::project::de::from_node;
        use crate::project::model::{Budget, Member, StaffingRules, WorkType};
        let read = match core {
            Core::Budget => from_node::<Budget>(default).map(drop),
            Core::Workload => from_node::<Vec<WorkType>>(default).map(drop),
            Core::WeeklyHours => from_node::<crate::units::number::Number>(default).map(drop),
            Core::Team => from_node::<Vec<Member>>(default).map(drop),
            Core::Staffing => from_node::<StaffingRules>(default).map(drop),
        };
        if let Err(err) = read {
            let at = if err.at.is_known() { err.at } else { default.at };
            problems.report(at, format!("default 写法有误：{}", manifest_words(&err.message)));
        }
    }
}

/// Problems of a manifest, placed in its file.
struct ManifestProblems<'a> {
    path: PathBuf,
    source: &'a str,
    found: Vec<Error>,
}

impl ManifestProblems<'_> {
    fn report(&mut self, at: crate::project::tree::Place, message: String) {
        let error = Error::new(ErrorKind::Form, message).with_path(&self.path);
        self.found.push(error.at(self.source, at.line as usize, at.column as usize));
    }
}

/// The project's own fields a template may print, and what it writes to print them.
const PROJECT_FIELDS: [(&str, &str); 2] = [("year", "project.year"), ("name", "project.name")];

/// Whether a template's text reads `project.year` (as a whole word: not
/// `project.year_end`).
fn reads(text: &str, path: &str) -> bool {
    text.match_indices(path).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + path.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after) && before != Some('.')
    })
}

impl Form {
    /// A form from the files of its folder.
    fn from_files(id: &str, origin: Origin, files: BTreeMap<String, Bytes>) -> Result<Form, Vec<Error>> {
        let path = origin.file_path(id, MANIFEST);
        let Some(bytes) = files.get(MANIFEST) else {
            return Err(vec![Error::new(ErrorKind::Form, "表格文件夹里没有 form.yaml").with_path(&path)]);
        };
        let source = std::str::from_utf8(bytes)
            .map_err(|_| vec![Error::new(ErrorKind::Form, "form.yaml 不是 UTF-8 编码").with_path(&path)])?;
        let tree = crate::project::tree::parse(source)
            .map_err(|err| vec![crate::project::tree::yaml_error(&err, source).with_path(&path)])?;
        let mut problems = ManifestProblems { path, source, found: Vec::new() };
        for field in tree.get("fields").map(Node::items).unwrap_or(&[]) {
            check_field_keys(field, false, &mut problems);
        }
        if !problems.found.is_empty() {
            return Err(problems.found);
        }
        let manifest: Manifest = crate::project::de::from_node(&tree).map_err(|err| {
            let message = format!("表格清单写法有误：{}", manifest_words(&err.message));
            vec![Error::new(ErrorKind::Form, message).with_path(&problems.path).at(
                source,
                err.at.line as usize,
                err.at.column as usize,
            )]
        })?;
        let fields = fields_of(&manifest.fields, &mut problems);
        let checks = manifest.checks.iter().filter_map(|c| check_of(c, &fields, &mut problems)).collect();
        let template = manifest.template.map_or_else(|| "template.typ.j2".to_owned(), |t| t.value);
        if !files.contains_key(&template) {
            let message = format!("找不到模板文件 {template}：请把它放在表格文件夹里，或改正 template");
            problems.found.push(Error::new(ErrorKind::Form, message).with_path(origin.file_path(id, &template)));
        }
        let section = manifest.section.map(|s| s.value);
        if section.is_none() && !fields.is_empty() {
            problems.report(Default::default(), "写了 fields 就要写 section（这些栏目在项目文件中的位置）".to_owned());
        }
        let name = manifest.name.value.trim().to_owned();
        if name.is_empty() || name.contains(['/', '\\']) {
            problems.report(manifest.name.at, "name 是文书名，也是 PDF 的文件名：不能为空，不能含 / 或 \\".to_owned());
        }
        let funds = manifest.funds.and_then(|funds| funds_of(funds, section.as_deref(), &fields, &mut problems));
        if !problems.found.is_empty() {
            return Err(problems.found);
        }
        // The project's year and name are needed where a template prints
        // them; declared or not, a template that reads them gets them.
        let mut needs: Vec<String> = manifest.needs.into_iter().map(|n| n.value).collect();
        let templates: Vec<&str> = files
            .iter()
            .filter(|(name, _)| name.ends_with(".j2"))
            .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
            .collect();
        let mut first = 0;
        for (field, path) in PROJECT_FIELDS {
            if !needs.iter().any(|n| n == field) && templates.iter().any(|t| reads(t, path)) {
                needs.insert(first, field.to_owned());
                first += 1;
            }
        }
        let (region, document) = manifest.source.map_or((String::new(), String::new()), |s| (s.region, s.document));
        Ok(Form {
            id: id.to_owned(),
            name,
            aliases: manifest.aliases.into_iter().map(|a| a.value).collect(),
            title: manifest.title.value,
            region,
            document,
            description: manifest.description.unwrap_or_default(),
            template,
            section,
            needs,
            funds,
            fields,
            checks,
            origin,
            files,
        })
    }
}

/// The `funds` of a manifest: `funding.total`, or a money field of the
/// form's own section (`gd_target.total`, through groups `x.budget.total`).
fn funds_of(
    funds: Spanned<String>,
    section: Option<&str>,
    fields: &[Field],
    problems: &mut ManifestProblems,
) -> Option<String> {
    if funds.value == "funding.total" {
        return Some(funds.value);
    }
    let own = section.and_then(|s| funds.value.strip_prefix(s)).and_then(|rest| rest.strip_prefix('.'));
    let mut found: Option<&Field> = None;
    let mut within = fields;
    for key in own.map(|o| o.split('.')).into_iter().flatten() {
        found = within.iter().find(|f| f.key == key);
        within = match found.map(|f| &f.kind) {
            Some(FieldType::Group(inner)) => inner,
            _ => &[],
        };
    }
    if found.is_some_and(|f| f.kind == FieldType::Money) {
        return Some(funds.value);
    }
    let example = section.map_or_else(|| "funding.total".to_owned(), |s| format!("{s}.total"));
    problems.report(
        funds.at,
        format!("funds 写项目资金所在的金额栏目，如 {example} 或 funding.total；“{}”不是本表格的金额栏目", funds.value),
    );
    None
}

/// serde's words about a manifest, in a form author's.
fn manifest_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        // serde lists them as `a`, as `a` or `b`, or as one of `a`, `b`, `c`.
        let keys: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return if keys.is_empty() {
            format!("不认识的键 `{field}`")
        } else {
            format!("不认识的键 `{field}`（可以写的键：{}）", keys.join("、"))
        };
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        return format!("缺少 `{}`", field.trim_end_matches('`'));
    }
    message.to_owned()
}

/// A check of the manifest, its fields looked up: they must exist and be
/// of types that compare.
fn check_of(spec: &CheckSpec, fields: &[Field], problems: &mut ManifestProblems) -> Option<Check> {
    let comparable = |f: &Field| {
        matches!(f.kind, FieldType::Money | FieldType::Number | FieldType::Integer { .. } | FieldType::Year)
    };
    let field = |name: &Spanned<String>, problems: &mut ManifestProblems| {
        let found = fields.iter().find(|f| f.key == name.value).filter(|f| comparable(f));
        if found.is_none() {
            let message = format!("检查中的 `{}` 不是本表格的金额、数字或年份栏目", name.value);
            problems.report(name.at, message);
        }
        found
    };
    match (&spec.field, &spec.at_most, &spec.sum, &spec.equals) {
        (Some(a), Some(b), None, None) => {
            let (left, right) = (field(a, problems)?, field(b, problems)?);
            if std::mem::discriminant(&left.kind) != std::mem::discriminant(&right.kind) {
                problems.report(a.at, format!("`{}` 与 `{}` 的类型不同，不能比较", a.value, b.value));
                return None;
            }
            Some(Check::AtMost { field: a.value.clone(), limit: b.value.clone() })
        }
        (None, None, Some(sum), Some(total)) => {
            let (table, column) = sum.value.split_once('.').unwrap_or((&sum.value, ""));
            let columns = fields.iter().find(|f| f.key == table).and_then(|f| match &f.kind {
                FieldType::Table(columns) => Some(columns),
                _ => None,
            });
            let money =
                columns.and_then(|c| c.iter().find(|c| c.key == column)).is_some_and(|c| c.kind == FieldType::Money);
            if !money {
                problems
                    .report(sum.at, format!("sum 应写成 表格栏目.金额列，如 allocation.amount；“{}”不是", sum.value));
                return None;
            }
            let total_field = field(total, problems)?;
            (total_field.kind == FieldType::Money).then(|| Check::SumEquals {
                table: table.to_owned(),
                column: column.to_owned(),
                field: total.value.clone(),
            })
        }
        _ => {
            let at = spec.field.as_ref().or(spec.sum.as_ref()).map_or(Default::default(), |s| s.at);
            problems.report(
                at,
                "检查应写成 { field: 栏目, at_most: 栏目 } 或 { sum: 表格.金额列, equals: 栏目 }".to_owned(),
            );
            None
        }
    }
}

fn fields_of(specs: &[FieldSpec], problems: &mut ManifestProblems) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    for spec in specs {
        let Some(field) = field_of(spec, problems) else { continue };
        if fields.iter().any(|f| f.key == field.key) {
            problems.report(spec.key.at, format!("栏目 `{}` 写了两次", field.key));
        }
        let key_ok = field.key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && field.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            problems
                .report(spec.key.at, format!("栏目的键 `{}` 只能用小写英文字母、数字和下划线，以字母开头", field.key));
        }
        fields.push(field);
    }
    fields
}

fn field_of(spec: &FieldSpec, problems: &mut ManifestProblems) -> Option<Field> {
    let kind = type_of(&spec.kind, spec, problems)?;
    let required = spec.required.unwrap_or(spec.default.is_none());
    Some(Field {
        key: spec.key.value.clone(),
        label: spec.label.value.clone(),
        kind,
        required,
        default: spec.default.clone(),
        help: spec.help.clone().unwrap_or_default(),
    })
}

/// The 字数 limits of a text field, which must leave room for a text.
fn chars_of(name: &Spanned<String>, spec: &FieldSpec, problems: &mut ManifestProblems) -> Chars {
    let chars = Chars { min: spec.min_chars, max: spec.max_chars };
    if chars.max == Some(0) {
        problems.report(name.at, "max_chars 是最多几个字，不能为 0".to_owned());
    }
    if let (Some(min), Some(max)) = (chars.min, chars.max)
        && min > max
    {
        problems.report(name.at, format!("min_chars {min} 大于 max_chars {max}"));
    }
    chars
}

fn type_of(name: &Spanned<String>, spec: &FieldSpec, problems: &mut ManifestProblems) -> Option<FieldType> {
    let kind = match name.value.as_str() {
        "text" => FieldType::Text(chars_of(name, spec, problems)),
        "prose" => FieldType::Prose(chars_of(name, spec, problems)),
        "outline" => FieldType::Outline,
        "money" => FieldType::Money,
        "percent" => FieldType::Percent,
        "integer" => {
            if let (Some(min), Some(max)) = (spec.min, spec.max)
                && min > max
            {
                problems.report(name.at, format!("min {min} 大于 max {max}"));
            }
            FieldType::Integer { min: spec.min, max: spec.max }
        }
        "number" => FieldType::Number,
        "year" => FieldType::Year,
        "date" => FieldType::Date,
        "bool" => FieldType::Bool,
        "phone" => FieldType::Phone,
        "choice" if spec.values.is_empty() => {
            problems.report(name.at, "choice 类型要用 values 列出可选的值".to_owned());
            return None;
        }
        "choice" => FieldType::Choice(spec.values.clone()),
        "list" => {
            let Some(of) = &spec.of else {
                problems.report(name.at, "list 类型要用 of 写明每项的类型，如 of: text".to_owned());
                return None;
            };
            let item = match &of.value {
                // The item's own keys are written on the list (`of: choice` with `values`).
                ItemSpec::Type(type_name) => {
                    let item = FieldSpec {
                        values: spec.values.clone(),
                        min_chars: spec.min_chars,
                        max_chars: spec.max_chars,
                        ..FieldSpec::item(Spanned::new(type_name.clone(), of.at), spec.label.clone())
                    };
                    field_of(&item, problems)?
                }
                ItemSpec::Field(item) => field_of(item, problems)?,
            };
            let min =
                spec.min.map_or(usize::from(spec.required.unwrap_or(spec.default.is_none())), |m| m.max(0) as usize);
            FieldType::List { of: Box::new(item), min }
        }
        "table" if spec.columns.is_empty() => {
            problems.report(name.at, "table 类型要用 columns 列出各栏".to_owned());
            return None;
        }
        "table" => FieldType::Table(fields_of(&spec.columns, problems)),
        "group" if spec.fields.is_empty() => {
            problems.report(name.at, "group 类型要用 fields 列出其中的栏目".to_owned());
            return None;
        }
        "group" => FieldType::Group(fields_of(&spec.fields, problems)),
        other => match Core::ALL.iter().find(|(n, _)| *n == other) {
            Some((_, core)) => FieldType::Core(*core),
            None => {
                problems.report(name.at, format!("不认识的类型 `{other}`，可以用：{TYPE_NAMES}"));
                return None;
            }
        },
    };
    Some(kind)
}

// ---------------------------------------------------------------------------
// Fields as JSON Schema: what the project schema says of a form's section.

/// The JSON Schema of a section holding `fields`.
pub fn section_schema(fields: &[Field], title: &str, description: &str) -> Json {
    let mut schema = group_schema(fields);
    schema["title"] = json!(title);
    schema["description"] = json!(description);
    schema
}

fn group_schema(fields: &[Field]) -> Json {
    let properties: serde_json::Map<String, Json> = fields.iter().map(|f| (f.key.clone(), field_schema(f))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.key.as_str()).collect();
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

/// The schema of one field: its type's, titled with its label and help.
pub fn field_schema(field: &Field) -> Json {
    let mut schema = type_schema(&field.kind, field.required);
    let Json::Object(map) = &mut schema else { return schema };
    map.insert("title".into(), json!(field.label));
    let help = match (&field.help, field.required) {
        (help, _) if !help.is_empty() => match &field.kind {
            FieldType::Text(chars) | FieldType::Prose(chars) => format!("{help}{}", chars.hint()),
            _ => help.clone(),
        },
        (_, true) => format!("{}（必填）", field.kind.hint()),
        (_, false) => field.kind.hint(),
    };
    map.insert("description".into(), json!(help));
    if let Some(default) = &field.default {
        map.insert("default".into(), default.clone());
    }
    schema
}

fn type_schema(kind: &FieldType, required: bool) -> Json {
    let text = |def: &str| {
        let mut schema = json!({ "$ref": format!("#/$defs/{def}") });
        if required {
            schema["minLength"] = json!(1);
        }
        schema
    };
    match kind {
        // JSON Schema counts every character, whitespace too: a lower limit
        // holds as the form counts, an upper one only on one line of text.
        FieldType::Text(chars) | FieldType::Prose(chars) => {
            let mut schema = text("Text");
            if let Some(min) = chars.min.filter(|m| required && *m > 1) {
                schema["minLength"] = json!(min);
            }
            if let (FieldType::Text(_), Some(max)) = (kind, chars.max) {
                schema["maxLength"] = json!(max);
            }
            schema
        }
        FieldType::Phone => text("Phone"),
        FieldType::Date => text("Date"),
        FieldType::Outline => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/OutlineItem" }, "minItems": usize::from(required) })
        }
        FieldType::Money => json!({ "$ref": "#/$defs/Money" }),
        FieldType::Percent => json!({ "$ref": "#/$defs/Percent" }),
        FieldType::Number => json!({ "$ref": "#/$defs/Number" }),
        FieldType::Core(Core::WeeklyHours) => json!({ "$ref": "#/$defs/Number", "exclusiveMinimum": 0 }),
        FieldType::Integer { min, max } => {
            let mut schema = json!({ "type": "integer" });
            if let Some(min) = min {
                schema["minimum"] = json!(min);
            }
            if let Some(max) = max {
                schema["maximum"] = json!(max);
            }
            schema
        }
        FieldType::Year => json!({ "type": "integer", "minimum": 2000, "maximum": 2100 }),
        FieldType::Bool => json!({ "type": "boolean" }),
        FieldType::Choice(values) => json!({ "type": "string", "enum": values }),
        FieldType::List { of, min } => json!({ "type": "array", "items": field_schema(of), "minItems": min }),
        FieldType::Table(columns) => {
            json!({ "type": "array", "items": group_schema(columns), "minItems": usize::from(required) })
        }
        FieldType::Group(fields) => group_schema(fields),
        FieldType::Core(Core::Budget) => json!({ "$ref": "#/$defs/Budget" }),
        FieldType::Core(Core::Workload) => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/WorkType" }, "minItems": 1 })
        }
        FieldType::Core(Core::Team) => json!({ "type": "array", "items": { "$ref": "#/$defs/Member" }, "minItems": 1 }),
        FieldType::Core(Core::Staffing) => json!({ "$ref": "#/$defs/StaffingRules" }),
    }
}

/// The schema of an outline item, for `$defs`.
pub fn outline_item_schema() -> Json {
    json!({
        "type": "object",
        "title": "提纲的一项",
        "properties": {
            "title": { "$ref": "#/$defs/Text", "title": "标题", "description": "这一项的标题，编号由 wenshu 按 一、（一）1.（1）加上", "minLength": 1 },
            "number": { "$ref": "#/$defs/Text", "title": "编号", "description": "照原文写的编号，如 第一条；写了就不自动编号" },
            "text": { "$ref": "#/$defs/Text", "title": "正文", "description": "标题下的段落，空一行另起一段" },
            "items": { "type": "array", "title": "列表", "description": "标题下按 1. 2. 编号的各条", "items": { "$ref": "#/$defs/Text" } },
            "children": { "type": "array", "title": "下级标题", "description": "下一级的各项", "items": { "$ref": "#/$defs/OutlineItem" } },
            "insert": { "type": "string", "title": "插入的表格", "description": "在这一项的正文后印出本节的一张表：写表格栏目的键，如 services、workload、team" }
        },
        "required": ["title"],
        "additionalProperties": false
    })
}

/// Whether a project's tree has a value at a key path.
pub fn has_path(tree: &Node, path: &str) -> bool {
    tree.at_path(path).is_some_and(|n| !n.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_as_a_form_counts_them() {
        assert_eq!(count_chars("社区长者服务。"), 7, "punctuation counts");
        assert_eq!(count_chars("社区 长者\n服务　项目\r\n"), 8, "spaces, full-width spaces and line breaks do not");
        assert_eq!(count_chars("ABC 123"), 6);
        assert_eq!(count_chars(""), 0);
    }

    #[test]
    fn a_template_reads_the_year_only_as_a_whole_word() {
        assert!(reads("[{{ project.year }}年度]", "project.year"));
        assert!(reads("{{ (project.name ~ \"表\") }}", "project.name"));
        assert!(!reads("{{ project.year_end }}", "project.year"));
        assert!(!reads("{{ form.project.year }}", "project.year"));
        assert!(!reads("{{ myproject.name }}", "project.name"));
    }

    #[test]
    fn serdes_list_of_keys_reads_without_a_leading_comma() {
        assert_eq!(
            manifest_words("unknown field `less`, expected one of `field`, `at_most`, `sum`, `equals`"),
            "不认识的键 `less`（可以写的键：field、at_most、sum、equals）"
        );
        assert_eq!(
            manifest_words("unknown field `town`, expected `region` or `document`"),
            "不认识的键 `town`（可以写的键：region、document）"
        );
        assert_eq!(manifest_words("unknown field `a`, there are no fields"), "不认识的键 `a`");
    }

    #[test]
    fn a_key_is_held_by_the_types_that_read_it() {
        assert_eq!(types_with_key("max"), "integer");
        assert_eq!(types_with_key("values"), "choice（或 of: choice 的 list）");
        assert_eq!(types_with_key("fields"), "group");
        assert_eq!(types_with_key("nothing"), "");
    }
}
