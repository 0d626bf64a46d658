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
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// PDF 输出文件夹，每个项目一个子文件夹（output folder, one subfolder per project）
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// 只生成某一种文书：申报表、绩效评价报告、绩效自评表，或 report（后两者）
    /// (build one kind of document only; `report` = the year-end pair)
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
    /// 另外输出生成的 Typst 源码（.typ），可用 typst compile --font-path fonts --ignore-system-fonts 编译
    /// (also write the generated Typst beside each PDF)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub emit: Vec<Emit>,
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
