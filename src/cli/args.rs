//! Command-line arguments.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::{Error, ErrorKind};
use crate::forms::Catalog;
use crate::output::batch::BuildOptions;
use crate::pipeline::Workspace;

/// 文书：把社工服务项目的 YAML 生成为申报表等 PDF 文书。
/// （wenshu: social-work project YAML → print-ready PDF forms.）
#[derive(Debug, Parser)]
#[command(name = "wenshu", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 只显示错误，不显示“已生成”等进度信息（print problems only）
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// 何时用颜色显示信息：auto（终端上，且未设置 NO_COLOR）、always、never（when to colour messages）
    #[arg(long, value_enum, default_value = "auto", global = true, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// When to colour wenshu's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// 在终端上使用颜色，除非设置了 NO_COLOR
    Auto,
    /// 总是使用颜色
    Always,
    /// 从不使用颜色
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成 PDF 文书（build the documents of each project）
    Build(BuildArgs),
    /// 检查项目文件：计算、排版全部做一遍，只是不写文件（check the projects; nothing is written）
    Check(CheckArgs),
    /// 生成多个项目的绩效评价汇总表（PDF 和 Excel），供出资方使用（the funder's summary over projects）
    Summary(SummaryArgs),
    /// 逐个指标列出指标值怎样读、完成率和得分怎样算；--rule 只看一条评分细则（how every score was computed）
    Explain(ExplainArgs),
    /// 监视项目文件、表格和字体，有改动就重新生成（rebuild on every change）
    Watch(BuildArgs),
    /// 新建一个项目文件（scaffold a new project file）
    Init(InitArgs),
    /// 列出可用的表格（文书）及其来源和栏目（list the forms）
    Forms(FormsArgs),
    /// 管理表格：wenshu form new 新表格 --from 申报表（复制），wenshu form import 表格.docx（从 Word/Excel 导入）
    Form(FormArgs),
    /// 输出项目文件的 JSON Schema，供编辑器补全和检查（print the project file's JSON Schema）
    Schema(FormsArgs),
    /// 列出可用的字体及其用途（list the fonts and the roles they fill）
    Fonts(FontsArgs),
    /// 输出命令行补全脚本，如 wenshu completions bash > /etc/bash_completion.d/wenshu（shell completions）
    Completions(CompletionsArgs),
    /// 生成进程：在受限的子进程中生成共享表格的一份文书（internal）
    #[command(name = "__worker", hide = true)]
    Worker,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 命令行类型（the shell）
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新项目的文件夹，将在其中写入 project.yaml（folder of the new project）
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// 以示例项目为底稿，如 yantian-2020（start from an example project in projects/）
    #[arg(long, value_name = "EXAMPLE", conflicts_with = "form")]
    pub from: Option<String>,
    /// 按某种表格的栏目生成空白项目，如 --form 项目支出绩效目标表（a blank project for that form）
    #[arg(long, value_name = "NAME")]
    pub form: Option<String>,
    #[command(flatten)]
    pub forms: FormsArgs,
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// 本仓库自己的表格文件夹，默认 forms/（存在时）（the repository's own forms）
    #[arg(long = "forms", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl FormsArgs {
    /// The forms folder: the one given, else `forms/` where it exists.
    pub fn folder(&self) -> Option<PathBuf> {
        given_or_present(&self.dir, "forms")
    }
}

/// The folder given on the command line, else `name` where it exists.
fn given_or_present(given: &Option<PathBuf>, name: &str) -> Option<PathBuf> {
    given.clone().or_else(|| Path::new(name).is_dir().then(|| PathBuf::from(name)))
}

#[derive(Debug, Args)]
pub struct FormArgs {
    #[command(subcommand)]
    pub command: FormCommand,
}

#[derive(Debug, Subcommand)]
pub enum FormCommand {
    /// 新建表格 forms/ID/：空白的（能直接生成），或 --from 复制一种来改（a new form, blank or copied）
    New(FormNewArgs),
    /// 从资助方的 Word/Excel 表格（.docx、.xlsx）生成一种表格：forms/ID/ 下的 form.yaml 和模板
    /// (make a form folder from a funder's .docx or .xlsx form)
    Import(FormImportArgs),
    /// 模板参考：模板收到的变量、过滤器和 style.typ 的函数；加表格名列出它的栏目（the template reference）
    Doc(FormDocArgs),
}

#[derive(Debug, Args)]
pub struct FormImportArgs {
    /// 表格文件：.docx 或 .xlsx（.doc、.xls 在装有 LibreOffice 时自动转换）（the Word or Excel form）
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 表格的文件夹名，小写英文字母、数字和 -；默认取文件名中的英文和数字（the form's id）
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// 文书名，也是 PDF 的文件名；默认取表格的标题或文件名（the document's name）
    #[arg(long, value_name = "名称")]
    pub name: Option<String>,
    /// Excel 文件中要导入的工作表；默认第一个有内容的（the sheet to import）
    #[arg(long, value_name = "名称")]
    pub sheet: Option<String>,
    /// 已填写的表格：把填写的值写进这个新的项目文件，如 projects/X/project.yaml（the filled values as a project file）
    #[arg(long, value_name = "FILE")]
    pub values: Option<PathBuf>,
    #[command(flatten)]
    pub forms: FormsArgs,
}

#[derive(Debug, Args)]
pub struct FormDocArgs {
    /// 只列出这种表格的栏目在模板中的写法，如 采购需求（one form's fields as templates see them）
    #[arg(value_name = "NAME")]
    pub form: Option<String>,
    #[command(flatten)]
    pub forms: FormsArgs,
}

#[derive(Debug, Args)]
pub struct FormNewArgs {
    /// 新表格的文件夹名，用小写英文字母、数字和 -，如 futian-application（the new form's id）
    #[arg(value_name = "ID")]
    pub id: String,
    /// 以哪种表格为底稿，如 申报表；不写则新建空白表格（the form to copy; blank without it）
    #[arg(long, value_name = "NAME")]
    pub from: Option<String>,
    #[command(flatten)]
    pub forms: FormsArgs,
}

impl FormsArgs {
    /// The forms folder a new form goes into: the one given, else `forms/`.
    fn target(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| PathBuf::from("forms"))
    }
}

impl FormNewArgs {
    pub fn request(&self) -> crate::authoring::NewForm {
        crate::authoring::NewForm { id: self.id.clone(), from: self.from.clone(), forms: self.forms.target() }
    }
}

impl FormImportArgs {
    pub fn request(&self) -> crate::authoring::ImportForm {
        crate::authoring::ImportForm {
            file: self.file.clone(),
            id: self.id.clone(),
            name: self.name.clone(),
            sheet: self.sheet.clone(),
            forms: self.forms.target(),
            values: self.values.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct FontsArgs {
    /// 自有字体的文件夹，默认 fonts/（存在时）（a folder of your own fonts）
    #[arg(long, value_name = "DIR")]
    pub fonts: Option<PathBuf>,
}

impl FontsArgs {
    /// The fonts folder: the one given, else `fonts/` where it exists.
    pub fn folder(&self) -> Option<PathBuf> {
        given_or_present(&self.fonts, "fonts")
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// PDF 输出文件夹，每个项目一个子文件夹（output folder, one subfolder per project）
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// 只生成某一种文书，如 申报表、绩效评价报告，或 report（年终两种）；wenshu forms 列出全部
    /// （build one kind of document only; `report` = the year-end pair）
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
    /// 另外输出生成的 Typst 源码（.typ），可用 typst compile --font-path fonts --ignore-system-fonts 编译
    /// （also write the generated Typst beside each PDF）
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub emit: Vec<Emit>,
    /// 只生成第 I 份（共 N 份）项目，供 CI 分多台机器并行，如 --shard 2/4（build the I-th of N shards）
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// PDF 标准，如归档用的 a-2b（PDF standard to conform to, e.g. a-2b for archives）
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<Standard>,
    /// 同时生成的项目数，默认每个 CPU 核一个（projects built at once; default: one per core）
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// 全部重新生成，不管哪些文书没有变化（rebuild everything, ignoring what is up to date）
    #[arg(long)]
    pub force: bool,
    /// 另外生成 Excel 表格：有年终评价的项目写 绩效自评表.xlsx，有绩效指标的写 绩效目标表.xlsx
    /// （also write the spreadsheets: 绩效自评表.xlsx and 绩效目标表.xlsx）
    #[arg(long)]
    pub xlsx: bool,
    /// 另外把从 Word 导入的表格填进资助方的原件，写 <文书>.docx（也填 Excel 原件，见 --xlsx）
    /// （also fill the funder's own Word file of each imported form: <文书>.docx）
    #[arg(long)]
    pub docx: bool,
}

/// PDF standards a submission may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Standard {
    /// PDF/A-2b：长期归档
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u：长期归档，文字可检索
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-3b
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-4
    #[value(name = "a-4")]
    A4,
    /// PDF 1.7
    #[value(name = "1.7")]
    V17,
}

/// `2/4` → (2, 4): shards count from 1.
fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("“{text}”不是分片，应写成 I/N，如 2/4（1 ≤ I ≤ N）");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (usize, usize) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if i == 0 || n == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Extra outputs of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The generated Typst source, with the Typst files it imports beside it.
    Typst,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 输出文件夹，写入 汇总表.pdf 和 汇总表.xlsx（output folder）
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// 按什么分组小计：主管部门（默认）或 实施单位（group rows by department or implementer）
    #[arg(long, value_enum, default_value = "主管部门", value_name = "COLUMN")]
    pub by: By,
    /// 汇总日期，印在表头，如 2026-11-24；默认今天（the date printed on the summary; default today）
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
}

/// What the summary groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// 按项目主管部门（出资方）分组
    #[value(name = "主管部门", alias = "department")]
    Department,
    /// 按项目实施单位（社工机构）分组
    #[value(name = "实施单位", alias = "implementer")]
    Implementer,
}

impl From<By> for crate::score::summary::GroupBy {
    fn from(by: By) -> Self {
        match by {
            By::Department => crate::score::summary::GroupBy::Department,
            By::Implementer => crate::score::summary::GroupBy::Implementer,
        }
    }
}

/// `2026-11-24`, `2026年11月24日` → the date.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let date = crate::units::date::parse(text)?;
    chrono::NaiveDate::from_ymd_opt(date.year, date.month, date.day).ok_or_else(|| format!("日期“{text}”不存在"))
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    #[command(flatten)]
    pub one: ExplainOneArgs,
}

/// One indicator, or one 评分细则, explained without a project file.
#[derive(Debug, Args)]
pub struct ExplainOneArgs {
    /// 只看一个指标值怎样读，不用项目文件，如 --target "20万元" --level2 成本指标 --actual 22万元（read one 指标值）
    #[arg(long, value_name = "指标值")]
    pub target: Option<String>,
    /// 只看一条评分细则怎样读、怎样计分，如 --rule "每迟报一天扣1分；迟报四天及以上不得分" --points 5 --actual 2天（one 评分细则）
    #[arg(long, value_name = "评分细则")]
    pub rule: Option<String>,
    /// 实际完成值，如 22万元、2天、已建立（the actual to score）
    #[arg(long, value_name = "实际完成值")]
    pub actual: Option<String>,
    /// 分值，默认 10；有评分细则时默认取细则写明的满分（points）
    #[arg(long, value_name = "分值", value_parser = parse_points)]
    pub points: Option<crate::units::number::Number>,
    /// 一级指标，如 产出指标（level 1）
    #[arg(long, value_name = "一级指标", requires = "target", default_value = "")]
    pub level1: String,
    /// 二级指标：成本指标下的金额是上限，时效指标下的时长是时限（level 2）
    #[arg(long, value_name = "二级指标", requires = "target", default_value = "")]
    pub level2: String,
    /// 三级指标（指标名称），名称中的单位如 满意度(%) 也会读（level 3, the indicator's name）
    #[arg(long = "indicator", value_name = "三级指标", requires = "target", default_value = "")]
    pub indicator: String,
    /// 年度，用于没写年份的日期，如 12月底前（the project's year）
    #[arg(long, value_name = "年度", requires = "target")]
    pub year: Option<i32>,
}

fn parse_points(text: &str) -> Result<crate::units::number::Number, String> {
    crate::units::number::Number::parse_checked(text)
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// 项目文件（.yaml）或文件夹，文件夹会递归查找项目文件（project files or folders; default projects/）
    #[arg(value_name = "PATH", default_value = "projects")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub forms: FormsArgs,
    #[command(flatten)]
    pub fonts: FontsArgs,
    /// 每份文书最多用时（秒），超过即停止生成这份文书；默认 60，也可设环境变量 WENSHU_TIMEOUT（time budget per document）
    #[arg(long, value_name = "秒", value_parser = crate::typeset::limits::parse_seconds)]
    pub timeout: Option<std::time::Duration>,
    /// 每个生成进程（生成共享表格的文书）最多用的内存，如 2GB、500MB；默认 2GB，也可设环境变量 WENSHU_MEMORY（memory budget per worker process）
    #[arg(long, value_name = "大小", value_parser = crate::typeset::limits::parse_memory)]
    pub memory: Option<u64>,
}

impl BuildArgs {
    /// What the build is asked for, as the library takes it.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            out: self.out.clone(),
            only: self.only.clone(),
            emit_typst: self.emit.contains(&Emit::Typst),
            shard: self.shard,
            jobs: self.jobs.map_or(0, usize::from),
            force: self.force,
            xlsx: self.xlsx,
            docx: self.docx,
            variant: self.pdf_standard.map(|s| format!("{s:?}")).unwrap_or_default(),
        }
    }

    /// The workspace of a build, with the PDF standard it asks for.
    pub fn open_workspace(&self) -> Result<Workspace, Vec<Error>> {
        self.workspace_with(self.common.catalog()?)
    }

    /// The workspace of a build for forms already loaded.
    pub fn workspace_with(&self, catalog: Catalog) -> Result<Workspace, Vec<Error>> {
        let mut workspace = Workspace::with_catalog(catalog, self.common.fonts.folder().as_deref())?;
        self.common.guard(&mut workspace)?;
        if let Some(standard) = self.pdf_standard {
            workspace.set_pdf_standards(vec![standard.into()]);
        }
        Ok(workspace)
    }
}

impl CommonArgs {
    /// The built-in forms and fonts with the repository's own over them. A
    /// folder named on the command line must exist.
    pub fn open_workspace(&self) -> Result<Workspace, Vec<Error>> {
        let mut workspace = Workspace::with_catalog(self.catalog()?, self.fonts.folder().as_deref())?;
        self.guard(&mut workspace)?;
        Ok(workspace)
    }

    /// Sets the budgets of the command line (or the environment) and builds
    /// the documents of forms from a folder in worker processes of this
    /// very program.
    pub fn guard(&self, workspace: &mut Workspace) -> Result<(), Vec<Error>> {
        let limits = crate::typeset::limits::Limits::from(self.timeout, self.memory)
            .map_err(|message| vec![Error::new(ErrorKind::Usage, message)])?;
        workspace.set_limits(limits);
        let exe = std::env::current_exe().map_err(|err| {
            let message = format!("找不到 wenshu 程序本身（{err}），无法在受限的进程中生成共享表格的文书");
            vec![Error::new(ErrorKind::Io, message)]
        })?;
        workspace.use_worker(exe);
        Ok(())
    }

    /// The built-in forms with the repository's own over them; the form
    /// folders left out are printed.
    pub fn catalog(&self) -> Result<Catalog, Vec<Error>> {
        for (given, what) in [(&self.forms.dir, "表格"), (&self.fonts.fonts, "字体")] {
            if let Some(dir) = given
                && !dir.is_dir()
            {
                return Err(vec![Error::new(ErrorKind::Usage, format!("找不到{what}文件夹")).with_path(dir)]);
            }
        }
        let catalog = crate::parts::catalog(self.forms.folder().as_deref())?;
        catalog.refused.iter().for_each(crate::term::problem);
        Ok(catalog)
    }
}

impl From<Standard> for typst_pdf::PdfStandard {
    fn from(standard: Standard) -> Self {
        match standard {
            Standard::A2b => typst_pdf::PdfStandard::A_2b,
            Standard::A2u => typst_pdf::PdfStandard::A_2u,
            Standard::A3b => typst_pdf::PdfStandard::A_3b,
            Standard::A4 => typst_pdf::PdfStandard::A_4,
            Standard::V17 => typst_pdf::PdfStandard::V_1_7,
        }
    }
}
