//! Documents of forms from a folder are rendered and compiled in worker
//! processes: the same binary, run as `wenshu __worker`, long-lived, one
//! document at a time. Requests and answers are frames on its standard
//! input and output (an 8-byte little-endian length, then that many bytes):
//! a request is one JSON frame; an answer is a JSON header frame, then, for
//! a built document, a frame of PDF and a frame of Typst source.
//!
//! In-process, nothing can stop a running Typst evaluation, and a failed
//! allocation aborts the whole process. A worker can be stopped: the parent
//! ([`super::pool`]) kills it at each document's deadline, and the system
//! caps its memory and the CPU time of each document ([`super::confine`]);
//! a worker that dies costs its current document, reported in Chinese, and
//! the next document gets a fresh worker.

use std::io::{Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use typst_pdf::PdfStandard;

use crate::error::{Error, ErrorKind};
use crate::typeset::confine;

/// The hidden subcommand a worker runs.
pub const COMMAND: &str = "__worker";

/// When set, each worker appends its process id and a newline to this file
/// as it starts: how tests count the workers of a build.
pub const LOG_VAR: &str = "WENSHU_WORKER_LOG";

/// A request is at most this large (a project file is at most a few MB).
const MAX_REQUEST: u64 = 256 * 1024 * 1024;

/// What a worker is asked to do: render one template and compile it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// The user's forms folder and fonts folder, as the parent found them.
    pub forms: Option<PathBuf>,
    pub fonts: Option<PathBuf>,
    pub standards: Vec<PdfStandard>,
    pub fuel: u64,
    /// The CPU seconds this document may use (a backstop to the parent's
    /// deadline), and the worker's memory budget in bytes.
    pub cpu: u64,
    pub memory: u64,
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

/// An answer's first frame. `last`: the worker ends after this answer
/// (it used much of its memory), so the next document gets a fresh one.
#[derive(Debug, Serialize, Deserialize)]
pub enum Header {
    Built { last: bool },
    Failed { errors: Vec<Error>, last: bool },
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
    /// It ran out of its memory.
    Memory,
    /// It died otherwise: what it said last, or its signal or exit code.
    Died(String),
}

/// The serialised context of a template, `fonts` left out.
pub fn context_json(context: &minijinja::value::Value) -> Result<serde_json::Value, Error> {
    let mut json = serde_json::to_value(context)
        .map_err(|err| Error::new(ErrorKind::Template, format!("模板的数据无法交给生成进程：{err}")))?;
    if let Some(map) = json.as_object_mut() {
        map.remove("fonts");
    }
    Ok(json)
}

/// Writes one frame.
pub fn write_frame(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

/// Reads one frame of at most `most` bytes; `None` at the end of the input
/// before a frame starts.
pub fn read_frame(input: &mut impl Read, most: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 8];
    let mut got = 0;
    while got < length.len() {
        match input.read(&mut length[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    let length = u64::from_le_bytes(length);
    if length > most {
        return Err(std::io::Error::other(format!("frame of {length} bytes")));
    }
    let mut bytes = Vec::new();
    input.take(length).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != length {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(bytes))
}

/// The worker's side: answers requests from standard input, one at a time,
/// with `answer` (the pipeline's, passed in so this stage does not depend
/// on the pipeline; it keeps what requests share, such as the fonts and
/// forms), until the input ends. Returns the exit code.
pub fn serve(answer: &mut dyn FnMut(&Request) -> Result<Built, Vec<Error>>) -> i32 {
    if let Some(log) = std::env::var_os(LOG_VAR) {
        let line = format!("{}\n", std::process::id());
        let file = std::fs::OpenOptions::new().create(true).append(true).open(log);
        if file.and_then(|mut f| f.write_all(line.as_bytes())).is_err() {
            return 3;
        }
    }
    confine::end_with_parent();
    let mut input = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    loop {
        let frame = match read_frame(&mut input, MAX_REQUEST) {
            Ok(Some(frame)) => frame,
            Ok(None) => return 0,
            Err(_) => return 3,
        };
        let (result, memory) = match serde_json::from_slice::<Request>(&frame) {
            Ok(request) => {
                confine::limit_cpu(request.cpu);
                (answer(&request), request.memory)
            }
            Err(err) => {
                let message = format!("生成进程收到的请求无法读取：{err}");
                (Err(vec![Error::new(ErrorKind::Usage, message)]), 0)
            }
        };
        // Typst memoizes across documents: a document starts with nothing
        // an earlier one (perhaps hostile) left behind.
        typst::comemo::evict(0);
        let last = confine::used_much(memory);
        let written = match result {
            Ok((pdf, source)) => write_header(&mut out, &Header::Built { last })
                .and_then(|_| write_frame(&mut out, &pdf))
                .and_then(|_| write_frame(&mut out, source.as_bytes())),
            Err(errors) => write_header(&mut out, &Header::Failed { errors, last }),
        };
        if written.and_then(|_| out.flush()).is_err() {
            return 3;
        }
        if last {
            return 0;
        }
    }
}

fn write_header(out: &mut impl Write, header: &Header) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(header).map_err(std::io::Error::other)?;
    write_frame(out, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_their_bytes_and_refuse_too_long_ones() {
        let mut bytes = Vec::new();
        write_frame(&mut bytes, b"{}").unwrap();
        write_frame(&mut bytes, "文书".as_bytes()).unwrap();
        let mut input = bytes.as_slice();
        assert_eq!(read_frame(&mut input, 100).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_frame(&mut input, 100).unwrap(), Some("文书".as_bytes().to_vec()));
        // The end of the input between frames is the end; inside one, an error.
        assert_eq!(read_frame(&mut input, 100).unwrap(), None);
        assert!(read_frame(&mut &bytes[..5], 100).is_err());
        assert!(read_frame(&mut &bytes[..9], 100).is_err());
        assert!(read_frame(&mut bytes.as_slice(), 1).is_err());
    }
}
