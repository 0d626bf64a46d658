//! The commands about forms: `wenshu forms` lists them with where each came
//! from (as `hugo config` shows what it resolved), `wenshu form new` copies
//! one to edit, and the `init` scaffold of a form is written from its
//! manifest, so a new form gets a commented project file with no code.

use std::fmt::Write;
use std::path::Path;

use super::{ImportForm, NewForm};
use crate::error::Exit;
use crate::error::{Error, ErrorKind};
use crate::forms::{Field, FieldType, Form, MANIFEST};
use crate::term;

/// `wenshu forms`: each form, where it comes from, what it needs, its fields.
pub fn list(forms: Option<&Path>) -> Exit {
    let catalog = crate::parts::catalog(forms)?;
    catalog.refused.iter().for_each(term::problem);
    for form in &catalog.forms {
        let mut names = vec![form.id.clone()];
        names.extend(form.aliases.iter().cloned());
        term::data(format_args!("{}（{}）  --only {}", form.name, form.title, names.join(" 或 ")));
        if !form.region.is_empty() || !form.document.is_empty() {
            term::data(format_args!("  样表：{} {}", form.region, form.document));
        }
        if !form.description.is_empty() {
            term::data(format_args!("  {}", form.description));
        }
        term::data(format_args!("  来源：{}", form.origin.describe()));
        if let Some(reason) = &form.refused {
            term::data(format_args!("  不能使用：{reason}"));
        }
        let mut parts: Vec<String> = form.needs.clone();
        if let Some(section) = &form.section {
            parts.insert(0, section.clone());
        }
        term::data(format_args!("  需要：{}", parts.join("、")));
        if let Some(funds) = &form.funds {
            term::data(format_args!("  汇总表的项目资金取自：{funds}"));
        }
        let fields: Vec<String> = form.fields.iter().map(describe_field).collect();
        if !fields.is_empty() {
            term::data(format_args!("  栏目：{}", fields.join("、")));
        }
    }
    if let Some(dir) = &catalog.user_dir {
        term::data(format_args!("本仓库的表格在 {}；与内置表格同名（文件夹名相同）的会取代内置的。", dir.display()));
    }
    Ok(0)
}

fn describe_field(field: &Field) -> String {
    let optional = if field.required { "" } else { "，可不写" };
    format!("{}（{}{optional}）", field.key, field.label)
}

/// `wenshu form new ID [--from NAME]`: the form's folder copied to
/// `forms/ID`, ready to edit; without `--from`, a blank form that builds.
pub fn new(args: &NewForm) -> Exit {
    let usage = |message: String| vec![Error::new(ErrorKind::Usage, message)];
    let valid =
        !args.id.is_empty() && args.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(usage(format!("表格的文件夹名“{}”只能用小写英文字母、数字和 -，如 futian-application", args.id)));
    }
    let dir = args.forms.clone();
    let catalog = crate::parts::catalog(dir.is_dir().then_some(dir.as_path()))?;
    let target = dir.join(&args.id);
    if target.exists() {
        return Err(vec![Error::new(ErrorKind::Usage, "这个表格文件夹已经存在，不会覆盖").with_path(&target)]);
    }
    let Some(from) = &args.from else {
        return blank(&args.id, &target);
    };
    let Some(form) = catalog.find(from) else {
        return Err(usage(format!("没有名为“{from}”的表格，可选：{}", catalog.names().join("、"))));
    };
    std::fs::create_dir_all(&target).map_err(|err| vec![Error::io(&target, "创建表格文件夹", &err)])?;
    // The same id replaces the built-in form; another id is a second form,
    // which needs a document name of its own.
    let replaces = form.id == args.id;
    for (name, file) in &form.files {
        let path = target.join(name);
        let from = form.origin.file_path(&form.id, name);
        let bytes = file.bytes().map_err(|reason| vec![Error::new(ErrorKind::Form, reason).with_path(from)])?;
        let bytes = if name == MANIFEST && !replaces {
            renamed_manifest(&bytes, &format!("{}（{}）", form.name, args.id)).into_bytes()
        } else {
            bytes.to_vec()
        };
        std::fs::write(&path, bytes).map_err(|err| vec![Error::io(&path, "写入表格文件", &err)])?;
    }
    term::say(format_args!("已把“{}”复制到 {}", form.name, target.display()));
    if replaces {
        term::say(format_args!("文件夹名与内置表格相同，这份会取代内置的“{}”。", form.name));
    } else {
        term::say(format_args!(
            "请在 {} 中把 name（文书名，也是 PDF 文件名）和 title 改成这份表格的，再改栏目和模板",
            target.join(MANIFEST).display()
        ));
    }
    Ok(0)
}

/// The largest form file `import` reads.
const IMPORT_LIMIT: u64 = 50 * 1024 * 1024;

/// `wenshu form import FILE`: the funder's Word or Excel form made a form
/// folder, `forms/ID/form.yaml` and `template.typ.j2`, never over one
/// that exists. The folder is loaded back before the command ends: a form
/// it cannot build is removed again and reported.
pub fn import(args: &ImportForm) -> Exit {
    let file = &args.file;
    let problem = |message: String| vec![Error::new(ErrorKind::Invalid, message).with_path(file)];
    let usage = |message: String| vec![Error::new(ErrorKind::Usage, message)];
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("表格").to_owned();
    let known =
        matches!(extension.as_str(), "doc" | "xls") || crate::authoring::import::Format::of(&extension).is_some();
    if !known {
        return Err(problem(
            "只能导入 Word 或 Excel 表格：.docx、.xlsx（.doc、.xls 请先另存为 .docx、.xlsx）".to_owned(),
        ));
    }
    if args.sheet.is_some() && !matches!(extension.as_str(), "xlsx" | "xlsm" | "xls") {
        return Err(usage("--sheet 只用于 Excel 文件（.xlsx）".to_owned()));
    }
    let dir = args.forms.clone();
    let catalog = crate::parts::catalog(dir.is_dir().then_some(dir.as_path()))?;
    // A folder that exists is refused before any conversion; a sheet's
    // default folder name needs the workbook's sheets, so it waits for them.
    let early = match (&args.id, &args.sheet) {
        (Some(id), _) => Some(id.clone()),
        (None, None) => Some(crate::authoring::import::default_id(&stem)),
        (None, Some(_)) => None,
    };
    if let Some(id) = &early {
        super::folder::folder_for(id, &dir, &catalog)?;
    }
    let (bytes, format) = match (extension.as_str(), crate::authoring::import::Format::of(&extension)) {
        ("doc" | "xls", _) => converted(file, &extension)?,
        (_, Some(format)) => (read_limited(file)?, format),
        (_, None) => return Err(problem("只能导入 Word 或 Excel 表格".to_owned())),
    };
    let id = match (early, &args.sheet) {
        (Some(id), _) => id,
        (None, sheet) => {
            let sheet = sheet.as_deref().unwrap_or("");
            let names = crate::authoring::import::xlsx::sheet_names(&bytes).unwrap_or_default();
            let position = names.iter().position(|n| n == sheet).map_or(1, |p| p + 1);
            crate::authoring::import::sheet_id(&stem, sheet, position)
        }
    };
    let target = super::folder::folder_for(&id, &dir, &catalog)?;
    let plan = crate::authoring::import::read(&bytes, format, args.sheet.as_deref()).map_err(problem)?;
    let name = args.name.clone().unwrap_or_else(|| crate::authoring::import::default_name(&plan, &stem));
    let name = name.trim().to_owned();
    if name.is_empty() || name.contains(['/', '\\']) {
        return Err(usage("文书名也是 PDF 的文件名：不能为空，不能含 / 或 \\".to_owned()));
    }
    if let Some(other) = catalog.forms.iter().find(|f| f.matches(&name)) {
        let message = format!("已有名为“{name}”的表格（{}）：请用 --name 另起一个文书名", other.id);
        return Err(usage(message));
    }
    let schema = crate::check::schema::project_schema(&catalog);
    let taken: Vec<String> = schema["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default();
    let section = crate::authoring::import::section_key(&id, &taken);
    let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("表格").to_owned();
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let names =
        crate::authoring::import::write::Names { name: &name, section: &section, file: &file_name, date: &date };
    // The original is kept beside the form, to be filled itself (build --docx / --xlsx).
    let original = crate::authoring::import::original_name(format);
    let unkeepable = crate::authoring::import::locate::unkeepable(&bytes, crate::forms::files::MAX_FILE);
    let mut files = crate::authoring::import::files(&plan, &names, unkeepable.is_none().then_some(original));
    // The fields in a Word original's headers and footers.
    let mut left_in_headers = Vec::new();
    if format == crate::authoring::import::Format::Docx && unkeepable.is_none() {
        let (manifest, left) = crate::authoring::import::headers::with_places(&files.manifest, &bytes, &plan);
        files.manifest = manifest;
        left_in_headers = left;
    }
    std::fs::create_dir_all(&target).map_err(|err| vec![Error::io(&target, "创建表格文件夹", &err)])?;
    let kept: &[u8] = if unkeepable.is_none() { &bytes } else { &[] };
    let written =
        [(MANIFEST, files.manifest.as_bytes()), ("template.typ.j2", files.template.as_bytes()), (original, kept)];
    for (file, bytes) in written.into_iter().filter(|(_, b)| !b.is_empty()) {
        let path = target.join(file);
        std::fs::write(&path, bytes).map_err(|err| vec![Error::io(&path, "写入表格文件", &err)])?;
    }
    // What was written must load and its template parse: else it is wenshu's bug.
    let check = crate::parts::catalog(Some(&dir))
        .and_then(|c| crate::typeset::render::Templates::for_catalog(&c).map_err(|e| vec![e]));
    if let Err(mut errors) = check {
        let _ = std::fs::remove_dir_all(&target);
        errors.push(Error::new(
            ErrorKind::Form,
            format!("wenshu 导入 {file_name} 时生成的表格有误（已删除），请把这个文件发给开发者"),
        ));
        return Err(errors);
    }
    report(&plan, &name, &target, &file_name);
    super::folder::unprintable(&files.template, &target.join("template.typ.j2"), &dir);
    match &unkeepable {
        Some(reason) => term::say(format_args!("  没有保存原件：{reason}；这种表格只生成 PDF")),
        None => {
            let flag = if format == crate::authoring::import::Format::Docx { "--docx" } else { "--xlsx" };
            term::say(format_args!("  原件存为 {original}：wenshu build {flag} 把值填进原件本身"));
            for (part, label) in &left_in_headers {
                term::say(format_args!("  原件 {part} 中“{label}”后的空白正文里没有同名的栏目：填写原件时照原样留着"));
            }
            if crate::authoring::import::header_only_indicators(&plan) {
                term::say(
                    "  原件的指标区只有表头：填写原件时按项目的指标在表头下逐行插入（格式照表头，不加粗、无底色）",
                );
            } else if crate::authoring::import::preprinted_indicators(&plan) {
                term::say(
                    "  原件的指标区印有一级、二级指标（或竖排的“绩效指标”），但有的标签留空：填写原件时这一区按项目的指标逐行填写，一级、二级由项目写",
                );
            }
        }
    }
    Ok(0)
}

/// What `import` made, and what to do next.
fn report(plan: &crate::authoring::import::Plan, name: &str, target: &Path, file: &str) {
    use crate::authoring::import::fields::Kind;
    use crate::authoring::import::model::Part;
    let tables = plan.parts.iter().filter(|p| matches!(p, Part::Table(_))).count();
    let lists = plan.fields.iter().filter(|f| matches!(f.kind, Kind::Table(_))).count();
    term::say(format_args!("已从 {file} 导入“{name}”：{}", target.display()));
    term::say(format_args!(
        "  {tables} 张表格，{} 处标签文字，{} 个栏目（都可不写）{}",
        plan.labels.len(),
        plan.fields.len(),
        if lists > 0 { format!("，其中 {lists} 个明细表") } else { String::new() }
    ));
    for block in plan.parts.iter().filter_map(|p| match p {
        Part::Table(t) => t.indicators.as_ref(),
        _ => None,
    }) {
        let printed: Vec<String> = block
            .layout
            .iter()
            .filter(|(level1, _)| !level1.is_empty())
            .map(|(level1, groups)| {
                let names: Vec<&str> = groups.iter().map(|g| g.0.as_str()).filter(|n| !n.is_empty()).collect();
                if names.is_empty() { level1.clone() } else { format!("{level1}（{}）", names.join("、")) }
            })
            .collect();
        let source = if block.columns.iter().any(|(role, _)| role.scored()) {
            "indicators，年终评价后印 wenshu 算出的实际完成值、分值、得分"
        } else {
            "indicators"
        };
        match printed.is_empty() {
            true => term::say(format_args!("  绩效指标表按项目的 {source} 印出")),
            false => {
                term::say(format_args!("  绩效指标表按项目的 {source} 印在表上原有的指标下：{}", printed.join("；")))
            }
        }
    }
    let bound: Vec<String> =
        plan.fields.iter().filter_map(|f| f.from.as_ref().map(|from| format!("{} → {from}", f.label))).collect();
    if !bound.is_empty() {
        term::say(format_args!(
            "  不用填、由 wenshu 印出的栏目（form.yaml 的 from，项目文件写了的优先）：{}",
            bound.join("、")
        ));
    }
    let fields: Vec<String> = plan.fields.iter().take(12).map(|f| format!("{}（{}）", f.key, f.label)).collect();
    if !fields.is_empty() {
        let more = if plan.fields.len() > 12 { format!("……（全部见 {MANIFEST}）") } else { String::new() };
        term::say(format_args!("  栏目：{}{more}", fields.join("、")));
    }
    term::say(format_args!(
        "下一步：在 {} 中把必填的栏目改为 required: true；wenshu init projects/某项目 --form {name} 新建项目，\
         wenshu build --only {name} 生成 PDF",
        target.join(MANIFEST).display()
    ));
}

/// A file's bytes, refusing one too large to be a form.
fn read_limited(file: &Path) -> Result<Vec<u8>, Vec<Error>> {
    let size = std::fs::metadata(file).map_err(|err| vec![Error::io(file, "读取表格文件", &err)])?.len();
    if size > IMPORT_LIMIT {
        let message = format!("文件超过 {} MB，不像是一份表格", IMPORT_LIMIT / 1024 / 1024);
        return Err(vec![Error::new(ErrorKind::Invalid, message).with_path(file)]);
    }
    std::fs::read(file).map_err(|err| vec![Error::io(file, "读取表格文件", &err)])
}

/// An old .doc or .xls, converted by LibreOffice when it is installed.
fn converted(file: &Path, extension: &str) -> Result<(Vec<u8>, crate::authoring::import::Format), Vec<Error>> {
    let (to, format, what) = match extension {
        "doc" => ("docx", crate::authoring::import::Format::Docx, "Word"),
        _ => ("xlsx", crate::authoring::import::Format::Xlsx, "Excel"),
    };
    let soffice = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|p| p.join("soffice")).find(|p| p.is_file()))
        .unwrap_or_default();
    let Some(soffice) = soffice else {
        let message = format!(
            "这是旧版 {what} 格式（.{extension}），wenshu 只读 .{to}：请先转换，\
             如 soffice --headless --convert-to {to} {}（或用 {what}、WPS 另存为 .{to}）；\
             装有 LibreOffice（soffice）时 wenshu 会自动转换",
            file.display()
        );
        return Err(vec![Error::new(ErrorKind::Invalid, message).with_path(file)]);
    };
    let temp = std::env::temp_dir().join(format!("wenshu-import-{}", std::process::id()));
    let profile = format!("-env:UserInstallation=file://{}", temp.join("profile").display());
    let output = std::process::Command::new(&soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&temp)
        .arg(file)
        .output();
    let stem = file.file_stem().map(|s| s.to_os_string()).unwrap_or_default();
    let result = std::fs::read(temp.join(&stem).with_extension(to));
    let _ = std::fs::remove_dir_all(&temp);
    match (output, result) {
        (Ok(_), Ok(bytes)) => {
            term::say(format_args!("已用 LibreOffice 把 {} 转换为 .{to}", file.display()));
            Ok((bytes, format))
        }
        _ => {
            let message = format!("LibreOffice 未能把它转换为 .{to}：请用 {what} 或 WPS 另存为 .{to} 后再导入");
            Err(vec![Error::new(ErrorKind::Invalid, message).with_path(file)])
        }
    }
}

/// A blank form in `target`: a title page that builds for any project,
/// with comments saying how to add fields and print them.
fn blank(id: &str, target: &Path) -> Exit {
    std::fs::create_dir_all(target).map_err(|err| vec![Error::io(target, "创建表格文件夹", &err)])?;
    let name = format!("新表格（{id}）");
    for (file, text) in [(MANIFEST, BLANK_MANIFEST), ("template.typ.j2", BLANK_TEMPLATE)] {
        let path = target.join(file);
        let text = text.replace("{name}", &name).replace("{id}", id);
        std::fs::write(&path, text).map_err(|err| vec![Error::io(&path, "写入表格文件", &err)])?;
    }
    term::say(format_args!("已新建空白表格“{name}”：{}", target.display()));
    term::say(format_args!(
        "wenshu build --only {name} 即可生成；改 form.yaml 的栏目和 template.typ.j2，wenshu form doc 列出模板可用的一切"
    ));
    Ok(0)
}

const BLANK_MANIFEST: &str = "\
# 表格清单（wenshu form doc 列出模板可用的变量、过滤器和排版函数）。
name: {name}                     # 文书名，也是 PDF 的文件名
title: 新表格                    # 表上印的标题，模板中是 document.title
# source: { region: 深圳市福田区, document: 某某申报表 }   # 样表的地区和文件
# 栏目：写在项目文件的哪一节（section），每个栏目的键、标签和类型。写了 section，
# 项目文件有这一节才生成这种文书；needs 写还要项目文件的哪些部分（如 [year, name]）。
# section: {id}
# fields:
#   - { key: amount, label: 资金金额, type: money, help: 如 56.40万元 }
#   - { key: rate, label: 完成进度, type: percent, required: false }
#   - { key: kind, label: 项目类别, type: choice, values: [新项目, 续期项目] }
";

const BLANK_TEMPLATE: &str = "\
{#- 模板：minijinja 写 Typst 排版代码。{{ … }} 插入的值自动转义，原样印出；
    wenshu form doc 列出模板收到的变量、过滤器和 style.typ 的排版函数。 -#}
#import \"style.typ\": form, form-title, term
#let fonts = {{ fonts }}
#show: form.with(fonts, title: {{ document.title | typst_str }})

#form-title(fonts, [{{ document.title }}], [])

{#- 在 form.yaml 写了 section 和 fields 之后，用 form.栏目的键 印出，例如：
#table(
  columns: (32mm, 1fr),
  term[资金金额（万元）], [{{ form.amount }}],
  term[完成进度], [{{ form.rate or \"\" }}],
  term[项目类别], [{{ form.kind }}（可选：{{ document.fields.kind.values | join(\"、\") }}）],
)
#}
这是一份新表格，请修改 forms\\/{id}\\/template.typ.j2。
";

/// A manifest whose `name:` is `name` and which has no aliases (they
/// belong to the form it was copied from).
fn renamed_manifest(bytes: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut skipping_aliases = false;
    for line in text.lines() {
        if skipping_aliases && (line.starts_with("  ") || line.starts_with("- ")) {
            continue;
        }
        skipping_aliases = false;
        if line.starts_with("name:") {
            let _ = writeln!(out, "name: {name}");
        } else if line.starts_with("aliases:") {
            skipping_aliases = !line.contains('[');
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// A project file to fill in for `form`: the parts of the project it needs,
/// then its own fields, each commented with its label and help. It holds
/// no value the user did not give: every value is blank, so `check` asks
/// for each rather than accepting one wenshu made up.
pub fn scaffold(form: &Form) -> String {
    let mut out = String::new();
    let source = format!("{} {}", form.region, form.document).trim().to_owned();
    let _ = writeln!(
        out,
        "# wenshu 项目文件（格式版本 1）：{}{}",
        form.title,
        if source.is_empty() { String::new() } else { format!("（样表：{source}）") }
    );
    out.push_str(
        "# 在每个冒号后填写（# 之后是说明），运行 wenshu check 列出还缺什么，填好后 wenshu build 生成 PDF。\n\
         # 以 # 开头的键可不写；要写时删去 #。金额写成 56.40万元、564000元；长文字用 |- 块，空一行另起一段。\n\n",
    );
    let _ = writeln!(out, "version: 1");
    let uses = |part: &str| form.needs.iter().any(|n| n == part);
    let header = |out: &mut String, key: &str, comment: &str, used: bool| {
        let line = if used { format!("{key}:") } else { format!("# {key}:") };
        let note = if used { "（必填）".to_owned() } else { format!("（{}不印出，可不写）", form.name) };
        let _ = writeln!(out, "{line:<32}# {comment}{note}");
    };
    header(&mut out, "year", "年度，如 2024", uses("year"));
    header(&mut out, "name", "项目名称", uses("name"));
    if uses("filing_unit") || form.section.as_deref() == Some("application") {
        let _ = writeln!(out, "{:<32}# 填报单位：表上印在“填报单位（盖章）：”之后，可不写", "# filing_unit:");
    }
    if uses("department") {
        let _ = writeln!(out, "{:<32}# 项目主管部门（必填）", "department:");
    }
    if uses("implementer") {
        let _ = writeln!(out, "{:<32}# 项目实施单位（必填）", "implementer:");
    }
    if uses("funding") {
        out.push_str(FUNDING);
    }
    let section = form.section.as_deref();
    if let Some(section) = section.filter(|s| !s.contains('.')) {
        let _ = writeln!(out, "\n# {}的栏目。", form.title);
        let _ = writeln!(out, "{section}:");
        write_fields(&mut out, &form.fields, 1);
    }
    if uses("indicators") {
        out.push_str(INDICATORS);
    }
    if uses("evaluation") || section.is_some_and(|s| s.starts_with("evaluation.")) {
        out.push_str(EVALUATION);
        if let Some(rest) = section.and_then(|s| s.strip_prefix("evaluation.")) {
            let _ = writeln!(out, "  {:<30}# {}的栏目", format!("{rest}:"), form.title);
            write_fields(&mut out, &form.fields, 2);
        }
    }
    out
}

/// The lines of `fields` at `depth` (two spaces a level), values blank.
fn write_fields(out: &mut String, fields: &[Field], depth: usize) {
    let indent = "  ".repeat(depth);
    for field in fields {
        let comment = comment_of(field);
        let commented = if field.required { "" } else { "# " };
        let line = |value: &str| format!("{indent}{commented}{}:{value}", field.key);
        match &field.kind {
            FieldType::Group(inner) => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    write_fields(out, inner, depth + 1);
                }
            }
            FieldType::List { of, .. } => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    match &of.kind {
                        FieldType::Group(inner) | FieldType::Table(inner) => blank_item(out, inner, depth + 1),
                        kind => {
                            let _ = writeln!(out, "{:<32}# 每项一行：{}", format!("{indent}  - ''"), kind.hint());
                        }
                    }
                }
            }
            FieldType::Table(columns) => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    blank_item(out, columns, depth + 1);
                } else {
                    commented_item(out, columns, depth + 1);
                }
            }
            FieldType::Outline(_) => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    let _ = writeln!(out, "{:<32}# 一级标题，编号“一、”由 wenshu 加上", format!("{indent}  - title:"));
                    let _ = writeln!(out, "{:<32}# 标题下的段落（可不写）", format!("{indent}    # text:"));
                }
            }
            FieldType::Part(part) => typed_part(out, field, part, &indent, &comment),
            _ => {
                // A default is the form's, shown on the commented-out line.
                let value = field.default.as_ref().map(|d| format!(" {}", json_text(d))).unwrap_or_default();
                let _ = writeln!(out, "{:<32}# {comment}", line(&value));
            }
        }
    }
}

/// One blank row of a table (or item of a list of groups): its required
/// columns, each on its own line.
fn blank_item(out: &mut String, columns: &[Field], depth: usize) {
    let indent = "  ".repeat(depth);
    for (i, column) in columns.iter().filter(|c| c.required).enumerate() {
        let dash = if i == 0 { "- " } else { "  " };
        let _ = writeln!(out, "{:<32}# {}", format!("{indent}{dash}{}:", column.key), comment_of(column));
    }
}

/// One row of a table that may be left out, commented out: every column's
/// key, so the user sees what a row holds.
fn commented_item(out: &mut String, columns: &[Field], depth: usize) {
    let indent = "  ".repeat(depth);
    for (i, column) in columns.iter().enumerate() {
        let dash = if i == 0 { "- " } else { "  " };
        let _ = writeln!(out, "{:<32}# {}", format!("{indent}# {dash}{}:", column.key), comment_of(column));
    }
}

/// `label（必填）：help`.
fn comment_of(field: &Field) -> String {
    let required = if field.required { "（必填）" } else { "（可不写）" };
    let help = if field.help.is_empty() { field.kind.hint() } else { field.help.clone() };
    let chars = match field.kind {
        FieldType::Text(chars) | FieldType::Prose(chars) if !field.help.is_empty() => chars.hint(),
        _ => String::new(),
    };
    format!("{}{required}：{help}{chars}", field.label)
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The skeleton of a typed part, its values blank.
fn typed_part(out: &mut String, field: &Field, part: &str, indent: &str, comment: &str) {
    let key = &field.key;
    if !field.required || field.default.is_some() {
        let default = if field.default.is_some() { "（不写则用表格的默认值）" } else { "" };
        let _ = writeln!(out, "{:<32}# {comment}{default}", format!("{indent}# {key}:"));
        return;
    }
    let _ = writeln!(out, "{:<32}# {comment}", format!("{indent}{key}:"));
    let Some(body) = crate::parts::part(part).and_then(|p| p.scaffold()) else { return };
    for line in body.lines() {
        let (text, note) = line.rsplit_once(" # ").map_or((line, ""), |(text, note)| (text, note));
        let text = format!("{indent}{}", text.trim_end());
        if note.is_empty() {
            let _ = writeln!(out, "{text}");
        } else {
            let _ = writeln!(out, "{text:<32}# {note}");
        }
    }
}

const FUNDING: &str = "
funding:                        # 项目资金（万元）
  total:                        # 项目资金（必填）= 财政拨款 + 其他资金，如 56.40万元
  fiscal:                       # 财政拨款（必填），如 56.40万元
  # other_funds:                # 其他资金；不写则表上留空
";

const INDICATORS: &str = "
# 年度绩效指标：一级指标 → 二级指标 → 三级指标（指标内容、指标值），按表格逐项照写，可增删。
indicators:
  - level1:                     # 一级指标，如 产出指标
    groups:
      - level2:                 # 二级指标，如 数量指标、质量指标
        items:
          - indicator:          # 三级指标
            target:             # 指标值，如 200户、≥90%、每周至少5场次
  - level1:                     # 如 效益指标
    groups:
      - level2:                 # 如 社会效益指标
        items:
          - indicator:
            target:
  - level1:                     # 如 满意度指标
    groups:
      - level2:                 # 如 服务对象满意度指标
        items:
          - indicator:          # 如 服务对象满意度
            target:             # 如 ≥90%
";

const EVALUATION: &str = "
# 年终绩效评价：每个指标下还要补上 actual（实际完成值），得分低于分值的写 reason（偏差原因）。
evaluation:
  spending:
    source:                     # 资金来源，如 一般公共预算财政拨款
    fiscal:
      initial:                  # 年初预算数，如 20万元
      spent:                    # 全年执行数，如 19.5万元
  overall:
    expected:                   # 年度总体目标：预期目标
    achieved:                   # 实际完成情况
";
