//! The parent's side of the worker processes ([`super::worker`]): at most
//! one per core, started when a document needs one and none is free, kept
//! for the next document, killed at a document's deadline. A worker that
//! dies (killed, out of memory or CPU time) costs only its current
//! document: it is dropped, and the next document starts a fresh one.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::typeset::confine::{self, Job};
use crate::typeset::limits::Limits;
use crate::typeset::worker::{self, Built, Failure, Header, Request};

/// What a worker last wrote on its standard error, at most this much.
const SAID: usize = 64 * 1024;

/// Worker processes of one program, shared by the threads of a build.
pub struct Pool {
    exe: PathBuf,
    size: usize,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Default)]
struct State {
    idle: Vec<Worker>,
    /// Workers alive: idle or building a document.
    live: usize,
}

/// One worker process and the threads that read what it writes.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// Its answers, read whole by a thread; `None` once its output ended.
    answers: Receiver<Option<Answer>>,
    said: Arc<Mutex<Vec<u8>>>,
    stderr: Option<std::thread::JoinHandle<()>>,
    job: Job,
}

/// An answer and whether the worker ends after it.
type Answer = (Result<Built, Vec<crate::error::Error>>, bool);

impl Pool {
    /// Workers of program `exe`, one per core at most.
    pub fn new(exe: PathBuf) -> Pool {
        let size = std::thread::available_parallelism().map_or(1, |n| n.get());
        Pool { exe, size, state: Mutex::new(State::default()), freed: Condvar::new() }
    }

    /// Runs `request` in a worker under `limits`: the PDF (empty when not
    /// asked for) and the Typst source. The deadline counts from the moment
    /// the worker has the request, not while the request waits for one.
    pub fn run(&self, request: &Request, limits: &Limits) -> Result<Built, Failure> {
        let cores = self.size as u64;
        // Several threads may lay a document out at once: CPU time runs
        // faster than the clock. This is a backstop to the deadline.
        let cpu = limits.timeout.as_secs().saturating_mul(cores).saturating_add(5);
        let request = Request { cpu, memory: limits.memory, ..request.clone() };
        let input = serde_json::to_vec(&request).map_err(|err| Failure::Died(err.to_string()))?;
        // A worker that ended while idle (its parent's signal, the system)
        // cannot take the request: one more try, with a fresh worker.
        let mut tries = 0;
        loop {
            let mut worker = self.take(limits)?;
            tries += 1;
            match worker.ask(&input, limits, cpu) {
                Ok((result, last)) => {
                    self.put_back(worker, !last);
                    return result.map_err(Failure::Errors);
                }
                Err(None) if tries < 2 => self.put_back(worker, false),
                Err(failure) => {
                    self.put_back(worker, false);
                    return Err(failure.unwrap_or_else(|| Failure::Died("无法把文书交给生成进程".to_owned())));
                }
            }
        }
    }

    /// An idle worker, or a new one while fewer than one per core live;
    /// else waits for one.
    fn take(&self, limits: &Limits) -> Result<Worker, Failure> {
        let mut state = self.lock();
        loop {
            if let Some(worker) = state.idle.pop() {
                return Ok(worker);
            }
            if state.live < self.size {
                state.live += 1;
                drop(state);
                return Worker::start(&self.exe, limits).inspect_err(|_| {
                    self.lock().live -= 1;
                    self.freed.notify_one();
                });
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// A worker back from a document: kept for the next one, or ended.
    fn put_back(&self, worker: Worker, keep: bool) {
        let mut state = self.lock();
        if keep {
            state.idle.push(worker);
        } else {
            state.live -= 1;
            drop(state);
            drop(worker);
        }
        self.freed.notify_one();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Worker {
    fn start(exe: &std::path::Path, limits: &Limits) -> Result<Worker, Failure> {
        let mut command = Command::new(exe);
        command.arg(worker::COMMAND).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        confine::prepare(&mut command, limits.memory);
        let mut child = command.spawn().map_err(|err| Failure::Died(format!("无法启动生成进程：{err}")))?;
        let job = match Job::confine(&child, limits.memory) {
            Ok(job) => job,
            Err(err) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Died(format!("无法限制生成进程：{err}")));
            }
        };
        let (Some(stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failure::Died("无法连接生成进程".to_owned()));
        };
        let said = Arc::new(Mutex::new(Vec::new()));
        let heard = said.clone();
        let stderr = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buffer) {
                let mut said = heard.lock().unwrap_or_else(|e| e.into_inner());
                let room = SAID.saturating_sub(said.len());
                said.extend_from_slice(&buffer[..n.min(room)]);
            }
        });
        let (sender, answers) = std::sync::mpsc::channel();
        // No answer is larger than the worker's memory.
        let most = limits.memory;
        std::thread::spawn(move || {
            loop {
                let answer = read_answer(&mut stdout, most);
                let end = answer.is_none();
                if sender.send(answer).is_err() || end {
                    break;
                }
            }
        });
        Ok(Worker { child, stdin, answers, said, stderr: Some(stderr), job })
    }

    /// Gives the worker one request and waits for its answer until the
    /// deadline. `Err(None)`: the request could not be given.
    fn ask(&mut self, input: &[u8], limits: &Limits, cpu: u64) -> Result<Answer, Option<Failure>> {
        self.said.lock().unwrap_or_else(|e| e.into_inner()).clear();
        if !matches!(self.child.try_wait(), Ok(None)) {
            return Err(None);
        }
        self.job.arm(&self.child, limits.memory, cpu).map_err(|err| Some(Failure::Died(err.to_string())))?;
        if worker::write_frame(&mut self.stdin, input).and_then(|_| std::io::Write::flush(&mut self.stdin)).is_err() {
            return Err(None);
        }
        match self.answers.recv_timeout(limits.timeout) {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) | Err(RecvTimeoutError::Disconnected) => Err(Some(self.death())),
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Err(Some(Failure::Timeout))
            }
        }
    }

    /// Why the worker ended, from how it ended and what it said last.
    fn death(&mut self) -> Failure {
        // Its output ends as it dies: wait a little for its status, and
        // stop it if it lives on without answering.
        let start = std::time::Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() < std::time::Duration::from_secs(2) => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Ok(None) => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    return Failure::Died("生成进程的回答无法读取".to_owned());
                }
                Err(err) => return Failure::Died(err.to_string()),
            }
        };
        if let Some(thread) = self.stderr.take() {
            let _ = thread.join();
        }
        let said = String::from_utf8_lossy(&self.said.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
        death(status, &said)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One answer from a worker's output; `None` when the output ends or is
/// not an answer.
fn read_answer(stdout: &mut impl Read, most: u64) -> Option<Answer> {
    let header = worker::read_frame(stdout, most).ok()??;
    match serde_json::from_slice::<Header>(&header).ok()? {
        Header::Failed { errors, last } => Some((Err(errors), last)),
        Header::Built { last } => {
            let pdf = worker::read_frame(stdout, most).ok()??;
            let source = String::from_utf8(worker::read_frame(stdout, most).ok()??).ok()?;
            Some((Ok((pdf, source)), last))
        }
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
        Some(code) if confine::out_of_time(code) => Failure::Timeout,
        Some(code) => Failure::Died(format!("退出码 {code}{}", last_line(said))),
        None => Failure::Died(last_line(said)),
    }
}

fn last_line(said: &str) -> String {
    said.lines().rev().find(|l| !l.trim().is_empty()).map_or_else(String::new, |l| format!("：{}", l.trim()))
}
