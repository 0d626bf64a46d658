//! A form's manifest, `form.yaml`: read with the place of every key, each
//! field's spec checked against its type (a key the type does not read is
//! an error), and made into a [`Form`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};
use crate::yaml::tree::{Node, Spanned};

use super::*;

mod fields;
mod spec;
mod when;

use fields::fields_of;
use spec::{FieldSpec, check_field_keys};

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
        let mut checks: Vec<Check> =
            manifest.checks.iter().filter_map(|c| check_of(c, &fields, &mut problems)).collect();
        checks.extend(when::checks_of(&manifest.fields, &fields, &mut problems));
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
}
