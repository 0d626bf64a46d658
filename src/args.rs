//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// 文书：把社工服务项目的 YAML 生成为申报表等 PDF 文书。
/// (wenshu: social-work project YAML → print-ready PDF forms.)
#[derive(Debug, Parser)]
#[command(name = "wenshu", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成 PDF 文书（build the documents of each project）
    Build(BuildArgs),
    /// 只检查项目文件，不生成 PDF（parse and validate only）
    Check(CheckArgs),
    /// 监视项目文件和模板，有改动就重新生成（rebuild on every change）
    Watch(BuildArgs),
    /// 新建一个项目文件（scaffold a new project file）
    Init(InitArgs),
    /// 输出项目文件的 JSON Schema，供编辑器补全和检查（print the project file's JSON Schema）
    Schema,
    /// 列出可用的字体及其用途（list the fonts and the roles they fill）
    Fonts(FontsArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新项目的文件夹，将在其中写入 project.yaml（folder of the new project）
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// 以示例项目为底稿，如 yantian-2020（start from an example project in projects/）
    #[arg(long, value_name = "EXAMPLE")]
    pub from: Option<String>,
}

#[derive(Debug, Args)]
pub struct FontsArgs {
    /// 字体文件夹（font folder）
    #[arg(long, default_value = "fonts", value_name = "DIR")]
    pub fonts: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// PDF 输出文件夹，每个项目一个子文件夹（output folder, one subfolder per project）
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// 只生成某一种文书：申报表、绩效评价报告、绩效自评表、服务分项目标及指标、用户需求书、湖里区申报表，
    /// 或 report（年终两种） (build one kind of document only; `report` = the year-end pair)
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
    /// 另外输出生成的 Typst 源码（.typ），可用 typst compile --font-path fonts --ignore-system-fonts 编译
    /// (also write the generated Typst beside each PDF)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub emit: Vec<Emit>,
    /// 只生成第 I 份（共 N 份）项目，供 CI 分多台机器并行，如 --shard 2/4（build the I-th of N shards）
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// PDF 标准，如归档用的 a-2b（PDF standard to conform to, e.g. a-2b for archives）
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<Standard>,
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
    /// The generated Typst source, with the template folder's Typst files beside it.
    Typst,
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
    /// 模板文件夹（template folder）
    #[arg(long, default_value = "templates", value_name = "DIR")]
    pub templates: PathBuf,
    /// 字体文件夹，可放入自有的方正小标宋简体、仿宋_GB2312 等（font folder）
    #[arg(long, default_value = "fonts", value_name = "DIR")]
    pub fonts: PathBuf,
}
