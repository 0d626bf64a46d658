//! The commands about forms: `wenshu forms` lists them with where each came
//! from (as `hugo config` shows what it resolved), `wenshu form new` copies
//! one to edit, and the `init` scaffold of a form is written from its
//! manifest, so a new form gets a commented project file with no code.

use std::fmt::Write;
use std::path::Path;

use crate::args::{FormImportArgs, FormNewArgs, FormsArgs};
use crate::error::Exit;
use crate::error::{Error, ErrorKind};
use crate::forms::{Catalog, Core, Field, FieldType, Form, MANIFEST};
use crate::term;

/// `wenshu forms`: each form, where it comes from, what it needs, its fields.
pub fn list(args: &FormsArgs) -> Exit {
    let catalog = Catalog::load(args.folder().as_deref())?;
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
        let mut parts: Vec<String> = form.needs.clone();
        if let Some(section) = &form.section {
            parts.insert(0, section.clone());
        }
        term::data(format_args!("  需要：{}", parts.join("、")));
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

/// `wenshu form new ID --from NAME`: the form's folder copied to
/// `forms/ID`, ready to edit.
pub fn new(args: &FormNewArgs) -> Exit {
    let usage = |message: String| vec![Error::new(ErrorKind::Usage, message)];
    let valid =
        !args.id.is_empty() && args.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(usage(format!("表格的文件夹名“{}”只能用小写英文字母、数字和 -，如 futian-application", args.id)));
    }
    let dir = args.forms.folder().unwrap_or_else(|| Path::new("forms").to_owned());
    let catalog = Catalog::load(dir.is_dir().then_some(dir.as_path()))?;
    let Some(form) = catalog.find(&args.from) else {
        return Err(usage(format!("没有名为“{}”的表格，可选：{}", args.from, catalog.names().join("、"))));
    };
    let target = dir.join(&args.id);
    if target.exists() {
        return Err(vec![Error::new(ErrorKind::Usage, "这个表格文件夹已经存在，不会覆盖").with_path(&target)]);
    }
    std::fs::create_dir_all(&target).map_err(|err| vec![Error::io(&target, "创建表格文件夹", &err)])?;
    // The same id replaces the built-in form; another id is a second form,
    // which needs a document name of its own.
    let replaces = form.id == args.id;
    for (name, bytes) in &form.files {
        let path = target.join(name);
        let bytes = if name == MANIFEST && !replaces {
            renamed_manifest(bytes, &format!("{}（{}）", form.name, args.id)).into_bytes()
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
pub fn import(args: &FormImportArgs) -> Exit {
    let file = &args.file;
    let problem = |message: String| vec![Error::new(ErrorKind::Invalid, message).with_path(file)];
    let usage = |message: String| vec![Error::new(ErrorKind::Usage, message)];
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("表格").to_owned();
    let (bytes, format) = match (extension.as_str(), crate::import::Format::of(&extension)) {
        ("doc" | "xls", _) => converted(file, &extension)?,
        (_, Some(format)) => (read_limited(file)?, format),
        (_, None) => {
            return Err(problem(
                "只能导入 Word 或 Excel 表格：.docx、.xlsx（.doc、.xls 请先另存为 .docx、.xlsx）".to_owned(),
            ));
        }
    };
    if args.sheet.is_some() && format != crate::import::Format::Xlsx {
        return Err(usage("--sheet 只用于 Excel 文件（.xlsx）".to_owned()));
    }
    let id = args.id.clone().unwrap_or_else(|| crate::import::default_id(&stem));
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(usage(format!("表格的文件夹名“{id}”只能用小写英文字母、数字和 -，如 --id beijing-application")));
    }
    let dir = args.forms.folder().unwrap_or_else(|| Path::new("forms").to_owned());
    let catalog = Catalog::load(dir.is_dir().then_some(dir.as_path()))?;
    let target = dir.join(&id);
    if target.exists() {
        let message = "这个表格文件夹已经存在，不会覆盖：请用 --id 另起一个文件夹名，或先删除它";
        return Err(vec![Error::new(ErrorKind::Usage, message).with_path(&target)]);
    }
    if let Some(builtin) = catalog.forms.iter().find(|f| f.id == id) {
        return Err(usage(format!(
            "“{id}”是内置表格“{}”的文件夹名，导入的表格会取代它：请用 --id 另起一个",
            builtin.name
        )));
    }
    let plan = crate::import::read(&bytes, format, args.sheet.as_deref()).map_err(problem)?;
    let name = args.name.clone().unwrap_or_else(|| crate::import::default_name(&plan, &stem));
    let name = name.trim().to_owned();
    if name.is_empty() || name.contains(['/', '\\']) {
        return Err(usage("文书名也是 PDF 的文件名：不能为空，不能含 / 或 \\".to_owned()));
    }
    if let Some(other) = catalog.forms.iter().find(|f| f.matches(&name)) {
        let message = format!("已有名为“{name}”的表格（{}）：请用 --name 另起一个文书名", other.id);
        return Err(usage(message));
    }
    let schema = crate::schema::project_schema(&catalog);
    let taken: Vec<String> = schema["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default();
    let section = crate::import::section_key(&id, &taken);
    let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("表格").to_owned();
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let names = crate::import::write::Names { name: &name, section: &section, file: &file_name, date: &date };
    let files = crate::import::files(&plan, &names);
    std::fs::create_dir_all(&target).map_err(|err| vec![Error::io(&target, "创建表格文件夹", &err)])?;
    for (file, text) in [(MANIFEST, &files.manifest), ("template.typ.j2", &files.template)] {
        let path = target.join(file);
        std::fs::write(&path, text).map_err(|err| vec![Error::io(&path, "写入表格文件", &err)])?;
    }
    // What was written must load and its template parse: else it is wenshu's bug.
    let check = Catalog::load(Some(&dir)).and_then(|c| crate::render::Templates::for_catalog(&c).map_err(|e| vec![e]));
    if let Err(mut errors) = check {
        let _ = std::fs::remove_dir_all(&target);
        errors.push(Error::new(
            ErrorKind::Form,
            format!("wenshu 导入 {file_name} 时生成的表格有误（已删除），请把这个文件发给开发者"),
        ));
        return Err(errors);
    }
    report(&plan, &name, &target, &file_name);
    Ok(0)
}

/// What `import` made, and what to do next.
fn report(plan: &crate::import::Plan, name: &str, target: &Path, file: &str) {
    use crate::import::fields::Kind;
    use crate::import::plan::Part;
    let tables = plan.parts.iter().filter(|p| matches!(p, Part::Table(_))).count();
    let lists = plan.fields.iter().filter(|f| matches!(f.kind, Kind::Table(_))).count();
    term::say(format_args!("已从 {file} 导入“{name}”：{}", target.display()));
    term::say(format_args!(
        "  {tables} 张表格，{} 处标签文字，{} 个栏目（都可不写）{}",
        plan.labels.len(),
        plan.fields.len(),
        if lists > 0 { format!("，其中 {lists} 个明细表") } else { String::new() }
    ));
    if plan.indicators {
        term::say("  绩效指标表按项目的 indicators 印出（needs: [indicators]）");
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
fn converted(file: &Path, extension: &str) -> Result<(Vec<u8>, crate::import::Format), Vec<Error>> {
    let (to, format, what) = match extension {
        "doc" => ("docx", crate::import::Format::Docx, "Word"),
        _ => ("xlsx", crate::import::Format::Xlsx, "Excel"),
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
/// then its own fields, each commented with its label and help.
pub fn scaffold(form: &Form, year: i32) -> String {
    let mut out = String::new();
    let source = format!("{} {}", form.region, form.document).trim().to_owned();
    let _ = writeln!(
        out,
        "# wenshu 项目文件（格式版本 1）：{}{}",
        form.title,
        if source.is_empty() { String::new() } else { format!("（样表：{source}）") }
    );
    out.push_str(
        "# 填好带“必填”的栏目后运行 wenshu check 检查，wenshu build 生成 PDF；写错的键会报错并提示最接近的键名。\n\
         # 金额可以写成 56.40万元、56.4万、564000元；长文字用 |- 块，空一行表示另起一段。\n\n",
    );
    let _ = writeln!(out, "version: 1");
    let _ = writeln!(out, "year: {year:<27}# 年度");
    let _ = writeln!(out, "name: ''{:<24}# 项目名称（必填）", "");
    let uses = |part: &str| form.needs.iter().any(|n| n == part);
    if uses("filing_unit") || form.section.as_deref() == Some("application") {
        let _ = writeln!(out, "filing_unit: ''{:<17}# 填报单位：表上印在“填报单位（盖章）：”之后，可不写", "");
    }
    if uses("department") {
        let _ = writeln!(out, "department: ''{:<18}# 项目主管部门（必填）", "");
    }
    if uses("implementer") {
        let _ = writeln!(out, "implementer: ''{:<17}# 项目实施单位（必填）", "");
    }
    if uses("funding") {
        out.push_str(FUNDING);
    }
    let section = form.section.as_deref();
    if let Some(section) = section.filter(|s| !s.contains('.')) {
        let _ = writeln!(out, "\n# {}的栏目。", form.title);
        let _ = writeln!(out, "{section}:");
        write_fields(&mut out, &form.fields, 1, year);
    }
    if uses("indicators") {
        out.push_str(INDICATORS);
    }
    if uses("evaluation") || section.is_some_and(|s| s.starts_with("evaluation.")) {
        out.push_str(EVALUATION);
        if let Some(rest) = section.and_then(|s| s.strip_prefix("evaluation.")) {
            let _ = writeln!(out, "  {rest}:                        # {}的栏目", form.title);
            write_fields(&mut out, &form.fields, 2, year);
        }
    }
    out
}

/// The lines of `fields` at `depth` (two spaces a level).
fn write_fields(out: &mut String, fields: &[Field], depth: usize, year: i32) {
    let indent = "  ".repeat(depth);
    for field in fields {
        let comment = comment_of(field);
        let commented = if field.required { "" } else { "# " };
        let line = |value: &str| format!("{indent}{commented}{}: {value}", field.key);
        match &field.kind {
            FieldType::Group(inner) => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    write_fields(out, inner, depth + 1, year);
                }
            }
            FieldType::List { of, .. } => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    let _ = writeln!(out, "{indent}  - {}", placeholder(&of.kind, year));
                }
            }
            FieldType::Table(columns) => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    let cells: Vec<String> = columns
                        .iter()
                        .filter(|c| c.required)
                        .map(|c| format!("{}: {}", c.key, placeholder(&c.kind, year)))
                        .collect();
                    let _ = writeln!(out, "{indent}  - {{ {} }}", cells.join(", "));
                }
            }
            FieldType::Outline => {
                let _ = writeln!(out, "{:<32}# {comment}", line(""));
                if field.required {
                    let _ = writeln!(out, "{indent}  - title: ''               # 一级标题，编号“一、”由 wenshu 加上");
                    let _ = writeln!(out, "{indent}    text: ''                # 标题下的段落");
                }
            }
            FieldType::Prose if field.required => {
                let _ = writeln!(out, "{:<32}# {comment}", line("|-"));
                let _ = writeln!(out, "{indent}  ");
            }
            FieldType::Core(core) => core_part(out, field, *core, &indent, &comment),
            kind => {
                let value = field.default.as_ref().map_or_else(|| placeholder(kind, year), json_text);
                let _ = writeln!(out, "{:<32}# {comment}", line(&value));
            }
        }
    }
}

/// `label（必填）：help`.
fn comment_of(field: &Field) -> String {
    let required = if field.required { "（必填）" } else { "（可不写）" };
    let help = if field.help.is_empty() { field.kind.hint() } else { field.help.clone() };
    format!("{}{required}：{help}", field.label)
}

/// What a blank field holds in a scaffold: something `check` will ask about.
fn placeholder(kind: &FieldType, year: i32) -> String {
    match kind {
        FieldType::Money => "0万元".to_owned(),
        FieldType::Percent => "0%".to_owned(),
        FieldType::Integer { min, .. } => min.unwrap_or(0).to_string(),
        FieldType::Number => "0".to_owned(),
        FieldType::Year => year.to_string(),
        FieldType::Bool => "false".to_owned(),
        FieldType::Choice(values) => values.first().cloned().unwrap_or_default(),
        _ => "''".to_owned(),
    }
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The skeleton of a typed part.
fn core_part(out: &mut String, field: &Field, core: Core, indent: &str, comment: &str) {
    let key = &field.key;
    if !field.required || field.default.is_some() {
        let _ = writeln!(out, "{indent}# {key}:{:<20}# {comment}（不写则用表格的默认值）", "");
        return;
    }
    let body = match core {
        Core::WeeklyHours => {
            let _ = writeln!(out, "{indent}{key}: 40{:<20}# {comment}", "");
            return;
        }
        Core::Budget => BUDGET,
        Core::Workload => WORKLOAD,
        Core::Team => TEAM,
        Core::Staffing => "",
    };
    let _ = writeln!(out, "{indent}{key}:{:<24}# {comment}", "");
    for line in body.lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

const FUNDING: &str = "
funding:                       # 项目资金（万元）
  total: 0万元                  # 项目资金（必填）= 财政拨款 + 其他资金
  fiscal: 0万元                 # 财政拨款
  # other_funds: 0万元         # 其他资金；不写则表上留空
";

const BUDGET: &str = "  staff:                       # 人员经费，按社工等级逐行填写
    - grade: 1                 # 社工等级
      count: 1                 # 人数
      per_person: 0万元         # 每人经费（或写 amount: 小计）
  costs:                       # 其他费用
    - item: 运营经费
      amount: 0万元
  schedule:                    # 资金支出进度，各季度之和须为 100%
    - quarter: 1
      share: 100%";

const WORKLOAD: &str = "  - type: 专业性工作              # 工时测算：类型
    tasks:
      - { task: '', unit: 个, quantity: 0, hours_each: 0 }   # 指标、单位、工作指标量、单指标所需时间（小时）";

const TEAM: &str = "  - { member: '', role: 项目主管, qualifications: [], years: 0, management_years: 0 }";

const INDICATORS: &str = "
# 年度绩效指标：一级指标 → 二级指标 → 三级指标（指标内容、指标值）。
indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - indicator: ''        # 三级指标（必填）
            target: ''           # 指标值，如 200户、≥90%、每周至少5场次
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - indicator: ''
            target: ''
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - indicator: 服务对象满意度
            target: ≥90%
";

const EVALUATION: &str = "
# 年终绩效评价：每个指标下还要补上 actual（实际完成值），得分低于分值的写 reason（偏差原因）。
evaluation:
  spending:
    source: 一般公共预算财政拨款
    fiscal:
      initial: 0万元           # 年初预算数
      spent: 0万元             # 全年执行数
  overall:
    expected: ''              # 年度总体目标：预期目标
    achieved: ''              # 实际完成情况
";
