//! A form's manifest, `form.yaml`: read with the place of every key, each
//! field's spec checked against its type (a key the type does not read is
//! an error), and made into a [`Form`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::error::{Error, ErrorKind};
use crate::yaml::tree::{Node, Spanned};

use super::*;

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
    #[serde(default)]
    original: Option<super::original::Original>,
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
    /// The value printed when the project leaves the field out (`project.name`).
    #[serde(default)]
    from: Option<Spanned<String>>,
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
    /// An outline's numbering, one style a level: `[一、, （一）, 1、]`.
    #[serde(default)]
    numbering: Vec<Spanned<String>>,
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
            from: None,
            of: None,
            fields: Vec::new(),
            columns: Vec::new(),
            min: None,
            max: None,
            min_chars: None,
            max_chars: None,
            numbering: Vec::new(),
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
const FIELD_KEYS: &[&str] = &["key", "label", "type", "required", "help", "default", "from"];
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
        "outline" => vec!["numbering"],
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
    if let Some(item) = node.get("of").filter(|n| matches!(n.kind, crate::yaml::tree::NodeKind::Map(_))) {
        check_field_keys(item, true, problems);
    }
    // A typed part's default is read as the part: an unknown rule in a
    // staffing default would otherwise be no rule at all.
    if let (Some(default), Some(part)) = (node.get("default").filter(|d| !d.is_null()), (problems.parts.find)(kind))
        && let Err(err) = (problems.parts.read)(part, default)
    {
        let at = if err.at.is_known() { err.at } else { default.at };
        problems.report(at, format!("default 写法有误：{}", manifest_words(&err.message)));
    }
}

/// Problems of a manifest, placed in its file.
struct ManifestProblems<'a> {
    path: PathBuf,
    source: &'a str,
    found: Vec<Error>,
    parts: Parts,
}

/// The typed parts a manifest may name, as the parts stage gives them
/// ([`crate::parts::catalog`]): which names there are, and how each reads
/// its value, so a manifest's `default` for a budget or staffing rules is
/// checked where it is written.
#[derive(Clone, Copy)]
pub struct Parts {
    /// The part a `type:` word names.
    pub find: fn(&str) -> Option<PartName>,
    /// The names, for messages.
    pub names: fn() -> Vec<PartName>,
    /// Reads a value as the part does.
    pub read: fn(PartName, &Node) -> Result<(), crate::yaml::de::DeError>,
}

impl ManifestProblems<'_> {
    fn report(&mut self, at: crate::yaml::tree::Place, message: String) {
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
    pub(super) fn from_files(
        id: &str,
        origin: Origin,
        files: BTreeMap<String, FormFile>,
        parts: Parts,
    ) -> Result<Form, Vec<Error>> {
        let path = origin.file_path(id, MANIFEST);
        let Some(bytes) = files.get(MANIFEST).and_then(FormFile::loaded) else {
            return Err(vec![Error::new(ErrorKind::Form, "表格文件夹里没有 form.yaml").with_path(&path)]);
        };
        let source = std::str::from_utf8(bytes)
            .map_err(|_| vec![Error::new(ErrorKind::Form, "form.yaml 不是 UTF-8 编码").with_path(&path)])?;
        let tree = crate::yaml::tree::parse(source)
            .map_err(|err| vec![crate::yaml::tree::yaml_error(&err, source).with_path(&path)])?;
        let mut problems = ManifestProblems { path, source, found: Vec::new(), parts };
        for field in tree.get("fields").map(Node::items).unwrap_or(&[]) {
            check_field_keys(field, false, &mut problems);
        }
        if !problems.found.is_empty() {
            return Err(problems.found);
        }
        let manifest: Manifest = crate::yaml::de::from_node(&tree).map_err(|err| {
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
        if let Some(original) = manifest.original.as_ref().filter(|o| !files.contains_key(&o.file)) {
            let message =
                format!("original 写的原件 {} 不在表格文件夹里：请把原件放回，或删去 original 一节", original.file);
            problems.report(Default::default(), message);
        }
        if !problems.found.is_empty() {
            return Err(problems.found);
        }
        // The project's year and name are needed where a template prints
        // them; declared or not, a template that reads them gets them.
        let mut needs: Vec<String> = manifest.needs.into_iter().map(|n| n.value).collect();
        let templates: Vec<&str> = files
            .iter()
            .filter(|(name, _)| name.ends_with(".j2"))
            .filter_map(|(_, file)| file.loaded().and_then(|bytes| std::str::from_utf8(bytes).ok()))
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
            refused: None,
            original: manifest.original,
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
        from: spec.from.as_ref().and_then(|from| from_of(from, problems)),
    })
}

/// The roots a field's `from` may name: what every template sees.
const FROM_ROOTS: [&str; 3] = ["project", "evaluated", "completion"];

/// A field's `from`: a key path under one of [`FROM_ROOTS`].
fn from_of(from: &Spanned<String>, problems: &mut ManifestProblems) -> Option<String> {
    let path = from.value.trim();
    let words = path.split('.').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let root = path.split('.').next().unwrap_or("");
    if !words || !FROM_ROOTS.contains(&root) || !path.contains('.') {
        let message = format!(
            "from 写的是 wenshu 已有的值的位置，如 project.name、evaluated.execution.rate、evaluated.total（以 {} 开头，用 . 分隔），不是“{path}”",
            FROM_ROOTS.join("、")
        );
        problems.report(from.at, message);
        return None;
    }
    Some(path.to_owned())
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
        "outline" => {
            for style in spec.numbering.iter().filter(|s| crate::units::numbering::numbering_style(&s.value).is_none())
            {
                let message = format!("编号样式“{}”要含一个 一、1 或 ①，如 一、 （一） 1、 1. （1） ①", style.value);
                problems.report(style.at, message);
            }
            FieldType::Outline(spec.numbering.iter().map(|s| s.value.clone()).collect())
        }
        "money" => FieldType::Money,
        "percent" => FieldType::Percent,
        "rate" => FieldType::Rate,
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
        other => match (problems.parts.find)(other) {
            Some(part) => FieldType::Part(part),
            None => {
                let parts = (problems.parts.names)().join("、");
                problems.report(name.at, format!("不认识的类型 `{other}`，可以用：{TYPE_NAMES}、{parts}"));
                return None;
            }
        },
    };
    Some(kind)
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
