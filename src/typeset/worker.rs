//! Documents of forms from a folder are rendered and compiled in a worker
//! process: the same binary, run as `wenshu __worker`, the request on its
//! standard input (the template's context, which forms and fonts folders,
//! the options), the PDF (or the errors) on its standard output.
//!
//! In-process, nothing can stop a running Typst evaluation, and a failed
//! allocation aborts the whole process. A worker can be stopped: the parent
//! kills it at the deadline and, on unix, the kernel caps its address space
//! (`RLIMIT_AS`) and CPU time (`RLIMIT_CPU`); a worker that dies costs one
//! document, reported in Chinese. On Windows only the deadline applies.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use minijinja::value::Value;
use serde::{Deserialize, Serialize};
use typst::foundations::Datetime;
use typst_pdf::PdfStandard;

use crate::error::{Error, ErrorKind};
use crate::typeset::compile::{Compiler, TypstSource};
use crate::typeset::fonts::Fonts;
use crate::typeset::limits::Limits;
use crate::typeset::render::Templates;

/// The hidden subcommand a worker runs.
pub const COMMAND: &str = "__worker";

/// What a worker is asked to do: render one template and compile it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// The user's forms folder and fonts folder, as the parent found them.
    pub forms: Option<PathBuf>,
    pub fonts: Option<PathBuf>,
    pub standards: Vec<PdfStandard>,
    pub fuel: u64,
    /// The form's id (empty for the summary), the template's name in the
    /// environment, the Typst file's name, and how messages name the template.
    pub form: String,
    pub template: String,
    pub name: String,
    pub display: String,
    /// The template's context, less `fonts` (the worker's own fonts say it):
    /// the summary's. A form's document sends its project instead, and the
    /// worker computes the context as the parent does (typed values do not
    /// travel as JSON).
    pub context: serde_json::Value,
    pub project: Option<ProjectSource>,
    pub today: (i32, u8, u8),
    pub ident: String,
    /// Export the PDF; without it, only lay the document out (`check`).
    pub pdf: bool,
}

/// A project file as the parent read it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectSource {
    pub path: PathBuf,
    pub text: String,
}

/// What a worker answers: a header line, then the bytes it announces.
#[derive(Debug, Serialize, Deserialize)]
enum Header {
    Built { pdf: usize, source: usize },
    Failed(Vec<Error>),
}

/// A worker's document: its PDF (empty when not asked for) and its Typst.
pub type Built = (Vec<u8>, String);

/// Why a worker gave no document.
#[derive(Debug)]
pub enum Failure {
    /// The template or Typst reported problems.
    Errors(Vec<Error>),
    /// It ran past the deadline, or out of CPU time, and was stopped.
    Timeout,
    /// It ran out of its address space.
    Memory,
    /// It died otherwise: what it said last, or its signal or exit code.
    Died(String),
}

/// The serialised context of a template, `fonts` left out.
pub fn context_json(context: &Value) -> Result<serde_json::Value, Error> {
    let mut json = serde_json::to_value(context)
        .map_err(|err| Error::new(ErrorKind::Template, format!("模板的数据无法交给生成进程：{err}")))?;
    if let Some(map) = json.as_object_mut() {
        map.remove("fonts");
    }
    Ok(json)
}

/// Runs `request` in a worker `exe` under `limits`: the PDF (empty when
/// not asked for) and the Typst source.
pub fn run(exe: &Path, request: &Request, limits: &Limits) -> Result<Built, Failure> {
    let input = serde_json::to_vec(request).map_err(|err| Failure::Died(err.to_string()))?;
    let mut command = Command::new(exe);
    command.arg(COMMAND).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    #[cfg(unix)]
    limit(&mut command, limits);
    let mut child = command.spawn().map_err(|err| Failure::Died(format!("无法启动生成进程：{err}")))?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failure::Died("无法连接生成进程".to_owned()));
    };
    // A worker that dies early stops reading: the write then fails, and
    // what it said tells why.
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let said = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut text);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        String::from_utf8_lossy(&text).into_owned()
    });
    let (sender, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        let _ = sender.send(bytes);
    });
    let Ok(bytes) = answer.recv_timeout(limits.timeout) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failure::Timeout);
    };
    let status = child.wait().map_err(|err| Failure::Died(err.to_string()))?;
    let said = said.join().unwrap_or_default();
    if status.success()
        && let Some(result) = parse_answer(&bytes)
    {
        return result.map_err(Failure::Errors);
    }
    Err(death(status, &said))
}

/// The header and the bytes after it.
fn parse_answer(bytes: &[u8]) -> Option<Result<Built, Vec<Error>>> {
    let end = bytes.iter().position(|b| *b == b'\n')?;
    let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
    let rest = &bytes[end + 1..];
    match header {
        Header::Failed(errors) => Some(Err(errors)),
        Header::Built { pdf, source } if rest.len() == pdf.checked_add(source)? => {
            let text = String::from_utf8(rest[pdf..].to_vec()).ok()?;
            Some(Ok((rest[..pdf].to_vec(), text)))
        }
        Header::Built { .. } => None,
    }
}

/// Why a worker died, from how it ended and what it said last.
fn death(status: std::process::ExitStatus, said: &str) -> Failure {
    let memory = ["memory allocation", "out of memory", "Cannot allocate memory", "os error 12", "mimalloc"];
    if memory.iter().any(|m| said.contains(m)) {
        return Failure::Memory;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            Some(libc::SIGXCPU) => return Failure::Timeout,
            // The kernel's out-of-memory killer.
            Some(libc::SIGKILL) => return Failure::Memory,
            Some(signal) => return Failure::Died(format!("信号 {signal}{}", last_line(said))),
            None => {}
        }
    }
    match status.code() {
        Some(code) => Failure::Died(format!("退出码 {code}{}", last_line(said))),
        None => Failure::Died(last_line(said)),
    }
}

fn last_line(said: &str) -> String {
    said.lines().rev().find(|l| !l.trim().is_empty()).map_or_else(String::new, |l| format!("：{}", l.trim()))
}

/// Caps the worker's address space and CPU time, and ends it with wenshu.
#[cfg(unix)]
fn limit(command: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    let memory = limits.memory;
    // Several threads may lay a document out at once: CPU time runs faster
    // than the clock. This is a backstop to the parent's deadline.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let cpu = limits.timeout.as_secs().saturating_mul(cores).saturating_add(5);
    // SAFETY: the closure only calls async-signal-safe functions (setrlimit,
    // prctl) and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &rlimit(memory, memory)) != 0
                || libc::setrlimit(libc::RLIMIT_CPU, &rlimit(cpu, cpu.saturating_add(1))) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

/// A limit: the soft one signals (SIGXCPU) or fails (an allocation), the
/// hard one kills.
#[cfg(unix)]
fn rlimit(soft: u64, hard: u64) -> libc::rlimit {
    libc::rlimit { rlim_cur: soft as libc::rlim_t, rlim_max: hard as libc::rlim_t }
}

/// The worker's side: reads a request from standard input, builds it with
/// `build_project` when it names a project (the pipeline's, passed in so this
/// stage does not depend on the pipeline), answers on standard output.
/// Returns the exit code.
pub fn serve(build_project: fn(&Request, &ProjectSource) -> Result<Built, Vec<Error>>) -> i32 {
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return 3;
    }
    let result = match serde_json::from_slice::<Request>(&input) {
        Ok(request) => match &request.project {
            Some(project) => build_project(&request, project),
            None => build(&request),
        },
        Err(err) => Err(vec![Error::new(ErrorKind::Usage, format!("生成进程收到的请求无法读取：{err}"))]),
    };
    let mut out = std::io::stdout().lock();
    let written = match result {
        Ok((pdf, source)) => {
            let header = Header::Built { pdf: pdf.len(), source: source.len() };
            write_header(&mut out, &header)
                .and_then(|_| out.write_all(&pdf))
                .and_then(|_| out.write_all(source.as_bytes()))
        }
        Err(errors) => write_header(&mut out, &Header::Failed(errors)),
    };
    if written.and_then(|_| out.flush()).is_ok() { 0 } else { 3 }
}

fn write_header(out: &mut impl Write, header: &Header) -> std::io::Result<()> {
    let line = serde_json::to_string(header).map_err(std::io::Error::other)?;
    writeln!(out, "{line}")
}

/// Renders and compiles a request's document, as the parent would have.
fn build(request: &Request) -> Result<Built, Vec<Error>> {
    let catalog = Arc::new(crate::parts::catalog(request.forms.as_deref())?);
    let mut templates = Templates::for_catalog(&catalog).map_err(|e| vec![e])?;
    templates.set_fuel(request.fuel);
    let fonts = Fonts::load(request.fonts.as_deref()).map_err(|e| vec![e])?;
    let context = Value::from(minijinja::value::Serde(&request.context));
    let context = minijinja::context! { fonts => Value::from_safe_string(fonts.roles()), ..context };
    let (text, lines) = templates.render_lines(&request.template, context).map_err(|e| vec![e])?;
    let (year, month, day) = request.today;
    let today = Datetime::from_ymd(year, month, day).unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"));
    let mut compiler = Compiler::new(catalog, fonts);
    compiler.set_standards(request.standards.clone());
    let source = TypstSource {
        form: request.form.clone(),
        name: request.name.clone(),
        template: request.display.clone(),
        text,
        lines,
        today,
    };
    let document = compiler.compile(&source)?;
    let pdf =
        if request.pdf { compiler.pdf(&document, &request.ident, today).map_err(|e| vec![e])? } else { Vec::new() };
    Ok((pdf, source.text))
}
