//! `wenshu form import FILE`: the funder's file read within a size limit,
//! converted from .doc/.xls by LibreOffice when needed, planned by
//! [`super::import`], written as a form folder (never over one that
//! exists) and reported in the user's words.

use std::path::Path;

use super::ImportForm;
use crate::error::Exit;
use crate::error::{Error, ErrorKind};
use crate::forms::MANIFEST;
use crate::term;

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
        return Err(problem("只能导入 Word 或 Excel 表格：.docx、.xlsx（.doc、.xls 请先另存为 .docx、.xlsx）".into()));
    }
    if args.sheet.is_some() && !matches!(extension.as_str(), "xlsx" | "xlsm" | "xls") {
        return Err(usage("--sheet 只用于 Excel 文件（.xlsx）".to_owned()));
    }
    super::values::refuse_existing(args.values.as_deref())?;
    super::values::refuse_existing(args.values.as_deref())?;
    let dir = args.forms.clone();
    let catalog = crate::parts::catalog(dir.is_dir().then_some(dir.as_path()))?;
    // A folder that exists is refused before any conversion (a sheet's default name waits for the sheets).
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
        let message = format!("wenshu 导入 {file_name} 时生成的表格有误（已删除），请把这个文件发给开发者");
        errors.push(Error::new(ErrorKind::Form, message));
        return Err(errors);
    }
    report(&plan, &name, &target, &file_name);
    super::values::write(&plan, args.values.as_deref(), &section, &name, &file_name)?;
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
        let source = if block.scored() {
            "indicators，年终评价后印 wenshu 算出的实际完成值、分值、得分"
        } else if block.columns.iter().any(|(role, _)| role.monitoring()) {
            "indicators（执行监控：截至填表时 to_date、全年预计 expected、偏差原因 causes 和 reason、完成目标可能性 likelihood）"
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
