//! The command line's help and usage errors in Chinese. clap writes its
//! headings, defaults, possible values and errors in English; every command
//! here gets a Chinese help template and headings, its own `-h`/`-V` flags,
//! `[默认：…]` and `[可选：…]` in place of clap's, and usage errors are
//! written from clap's error kinds.

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The layout of every command's help: clap's default, headings in Chinese.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The headings of positional arguments and of options.
const ARGUMENTS: &str = "参数";
const OPTIONS: &str = "选项";

/// `cmd` and its subcommands with Chinese help.
pub fn localize(cmd: Command) -> Command {
    let root = cmd.get_version().is_some();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助").help_heading(OPTIONS));
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading(OPTIONS),
        );
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, localize_arg);
    }
    cmd.mut_subcommands(localize)
}

/// An argument under a Chinese heading, with its default and possible
/// values written in Chinese.
fn localize_arg(arg: Arg) -> Arg {
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("[默认：{}]", defaults.join(" ")));
    }
    let values: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    let is_flag = matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Help);
    if !values.is_empty() && !is_flag && !arg.is_hide_possible_values_set() {
        notes.push(format!("[可选：{}]", values.join("、")));
    }
    let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
    let arg = if arg.get_help_heading().is_none() { arg.help_heading(heading) } else { arg };
    if notes.is_empty() {
        return arg;
    }
    let notes = notes.join(" ");
    let help = arg.get_help().map(|h| format!("{h} {notes}")).unwrap_or_else(|| notes.clone());
    let long = arg.get_long_help().map(|h| format!("{h}\n{notes}"));
    let arg = arg.hide_default_value(true).hide_possible_values(true).help(help);
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// clap's rendering of help or usage, less the English clap writes itself.
pub fn chinese(text: &str) -> String {
    text.replace("[OPTIONS]", "[选项]")
        .replace("Usage: ", "用法：")
        .replace("Usage:", "用法：")
        .replace(&format!("{ARGUMENTS}:"), &format!("{ARGUMENTS}："))
        .replace(&format!("{OPTIONS}:"), &format!("{OPTIONS}："))
        .replace("命令:", "命令：")
}

/// A usage error in Chinese, from clap's error kind and context; the usage
/// line and where to find help follow.
pub fn error_message(err: &clap::Error, command: &str) -> String {
    let get = |kind: ContextKind| err.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let suggestion = |kind: ContextKind| {
        let suggested = get(kind);
        if suggested.is_empty() { String::new() } else { format!("，是否想写 {suggested}？") }
    };
    let message = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面要写一个值"),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue).replace(", ", "、");
            let valid = if valid.is_empty() { String::new() } else { format!("，可选：{valid}") };
            format!("{arg} 不能是“{value}”{valid}")
        }
        ErrorKind::UnknownArgument => format!("没有选项 {arg}{}", suggestion(ContextKind::SuggestedArg)),
        ErrorKind::InvalidSubcommand => {
            let command = get(ContextKind::InvalidSubcommand);
            format!("没有命令 {command}{}", suggestion(ContextKind::SuggestedSubcommand))
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(err).map(|s| s.to_string()).unwrap_or_default();
            format!("{arg} 的值“{value}”有误：{reason}")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} 不能与 {} 同时使用", get(ContextKind::PriorArg))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::NoEquals => format!("{arg} 的值要用 = 连着写"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::InvalidUtf8 => "命令行中有不是 UTF-8 编码的字".to_owned(),
        _ => format!("命令行有误（{}）", err.kind()),
    };
    let usage = chinese(get(ContextKind::Usage).trim());
    let mut text = message;
    if !usage.is_empty() {
        text.push_str(&format!("\n\n{usage}"));
    }
    text.push_str(&format!("\n\n运行 {command} --help 查看帮助"));
    text
}

/// The command a command line runs, as help names it: `wenshu form new`.
pub fn command_path(cmd: &Command, args: &[std::ffi::OsString]) -> String {
    let mut path = vec![cmd.get_name().to_owned()];
    let mut current = cmd;
    for word in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = current.find_subcommand(word) {
            path.push(sub.get_name().to_owned());
            current = sub;
        }
    }
    path.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_written_in_chinese() {
        localize(<crate::cli::args::Cli as clap::CommandFactory>::command()).debug_assert();
        let mut cmd = localize(<crate::cli::args::Cli as clap::CommandFactory>::command());
        let help = chinese(&cmd.render_help().to_string());
        assert!(help.contains("用法：wenshu [选项] <命令>"), "{help}");
        assert!(help.contains("命令：") && help.contains("选项："), "{help}");
        assert!(help.contains("[默认：auto] [可选：auto、always、never]"), "{help}");
        for english in ["Usage", "Print help", "Possible values", "[default:", "Commands:", "Options:"] {
            assert!(!help.contains(english), "{english}: {help}");
        }
    }
}
