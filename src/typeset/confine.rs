//! What the system bounds of a worker process: its memory for its whole
//! life, the CPU time of each document it builds, and its end with wenshu's.
//!
//! - unix: the parent caps the worker's address space (`RLIMIT_AS`) as it
//!   starts; before each document the worker sets its own CPU limit
//!   (`RLIMIT_CPU`) to what it has used plus the document's budget, and it
//!   ends when it sees that wenshu has ended.
//! - Windows: the parent puts the worker in a Job Object of its own with a
//!   memory limit (`JOB_OBJECT_LIMIT_PROCESS_MEMORY`) and kills it when
//!   wenshu ends (`KILL_ON_JOB_CLOSE`); before each document it sets the
//!   per-process CPU time limit to what the worker has used plus the
//!   document's budget.
//!
//! Either way the parent's per-document deadline comes first; these limits
//! are the backstop, and the memory limit is what makes a memory bomb fail
//! in the worker rather than in the machine.

use std::process::{Child, Command};

/// A worker's Job Object (Windows); nothing elsewhere.
pub struct Job {
    #[cfg(windows)]
    handle: windows::Handle,
}

/// Sets what the worker of `command` may use for its whole life.
pub fn prepare(command: &mut Command, memory: u64) {
    #[cfg(unix)]
    unix::prepare(command, memory);
    #[cfg(not(unix))]
    let _ = (command, memory);
}

impl Job {
    /// Bounds a started worker (on Windows, assigns it to a new Job Object).
    pub fn confine(child: &Child, memory: u64) -> std::io::Result<Job> {
        #[cfg(windows)]
        return windows::confine(child, memory).map(|handle| Job { handle });
        #[cfg(not(windows))]
        {
            let _ = (child, memory);
            Ok(Job {})
        }
    }

    /// Before a document: the worker may use `cpu` more seconds of CPU.
    pub fn arm(&self, child: &Child, memory: u64, cpu: u64) -> std::io::Result<()> {
        #[cfg(windows)]
        return windows::arm(&self.handle, child, memory, cpu);
        #[cfg(not(windows))]
        {
            // On unix the worker sets its own limit ([`limit_cpu`]).
            let _ = (child, memory, cpu);
            Ok(())
        }
    }
}

/// In the worker, as it starts: it ends when wenshu ends (unix; on
/// Windows the Job Object ends it).
pub fn end_with_parent() {
    #[cfg(unix)]
    unix::end_with_parent();
}

/// In the worker, before a document: it may use `cpu` more seconds of CPU
/// (unix; on Windows the parent sets the limit).
pub fn limit_cpu(cpu: u64) {
    #[cfg(unix)]
    unix::limit_cpu(cpu);
    #[cfg(not(unix))]
    let _ = cpu;
}

/// In the worker, after a document: whether it has used more than half its
/// `memory` at some point, so it ends and the next document starts in a
/// fresh process with all of its budget.
pub fn used_much(memory: u64) -> bool {
    #[cfg(unix)]
    return memory > 0 && unix::peak_resident() > memory / 2;
    #[cfg(not(unix))]
    {
        let _ = memory;
        false
    }
}

/// Whether a worker's exit code says the system stopped it for its CPU
/// time (Windows: `ERROR_NOT_ENOUGH_QUOTA`).
pub fn out_of_time(code: i32) -> bool {
    cfg!(windows) && code == 1816
}

#[cfg(unix)]
mod unix {
    use std::process::Command;

    /// Caps the address space. (Not `PR_SET_PDEATHSIG`: it fires when the
    /// parent's thread that started the worker ends, and a worker outlives
    /// the thread of its first document.)
    pub fn prepare(command: &mut Command, memory: u64) {
        use std::os::unix::process::CommandExt;
        // SAFETY: the closure only calls an async-signal-safe function
        // (setrlimit) and allocates nothing.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit { rlim_cur: memory as libc::rlim_t, rlim_max: memory as libc::rlim_t };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    /// Ends the process, from a thread of its own, once its parent has
    /// ended (it then has another parent), even while a document runs.
    pub fn end_with_parent() {
        // SAFETY: getppid cannot fail.
        let parent = unsafe { libc::getppid() };
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(500));
                // SAFETY: as above.
                if unsafe { libc::getppid() } != parent {
                    std::process::exit(4);
                }
            }
        });
    }

    /// The soft CPU limit at what the process used plus `cpu` seconds: the
    /// kernel signals it (SIGXCPU, which ends it) past that.
    pub fn limit_cpu(cpu: u64) {
        // SAFETY: getrusage and getrlimit fill the structures given.
        unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            let mut limit: libc::rlimit = std::mem::zeroed();
            if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 || libc::getrlimit(libc::RLIMIT_CPU, &mut limit) != 0
            {
                return;
            }
            let used = (usage.ru_utime.tv_sec as u64).saturating_add(usage.ru_stime.tv_sec as u64);
            // Whole seconds: a second more than used, at least.
            let soft = used.saturating_add(cpu).saturating_add(1) as libc::rlim_t;
            let soft = if limit.rlim_max == libc::RLIM_INFINITY { soft } else { soft.min(limit.rlim_max) };
            limit.rlim_cur = soft;
            libc::setrlimit(libc::RLIMIT_CPU, &limit);
        }
    }

    /// The most memory the process has had resident, in bytes.
    pub fn peak_resident() -> u64 {
        // SAFETY: getrusage fills the structure given.
        let usage = unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
                return 0;
            }
            usage
        };
        let peak = usage.ru_maxrss.max(0) as u64;
        // Linux counts kilobytes, macOS bytes.
        if cfg!(target_os = "macos") { peak } else { peak.saturating_mul(1024) }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::AsRawHandle;
    use std::process::Child;

    use windows_sys::Win32::Foundation::{CloseHandle, FILETIME, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOB_OBJECT_LIMIT_PROCESS_MEMORY, JOB_OBJECT_LIMIT_PROCESS_TIME, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JobObjectExtendedLimitInformation, SetInformationJobObject,
    };
    use windows_sys::Win32::System::Threading::GetProcessTimes;

    /// A Job Object's handle, closed (and its worker killed) when dropped.
    pub struct Handle(HANDLE);

    // SAFETY: a kernel handle may be used and closed from any thread.
    unsafe impl Send for Handle {}
    unsafe impl Sync for Handle {}

    impl Drop for Handle {
        fn drop(&mut self) {
            // SAFETY: the handle is ours and closed once.
            unsafe { CloseHandle(self.0) };
        }
    }

    /// A new Job Object limiting `child`'s memory, killing it when closed.
    pub fn confine(child: &Child, memory: u64) -> std::io::Result<Handle> {
        // SAFETY: no attributes, no name; the result is checked.
        let job = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if job.is_null() {
            return Err(std::io::Error::last_os_error());
        }
        let handle = Handle(job);
        set_limits(&handle, memory, None)?;
        // SAFETY: both handles are valid for the call.
        if unsafe { AssignProcessToJobObject(handle.0, child.as_raw_handle() as HANDLE) } == 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(handle)
    }

    /// The CPU limit at the user time `child` has used plus `cpu` seconds.
    pub fn arm(handle: &Handle, child: &Child, memory: u64, cpu: u64) -> std::io::Result<()> {
        let zero = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
        let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
        // SAFETY: the process handle is valid; the times are written.
        let got = unsafe {
            GetProcessTimes(child.as_raw_handle() as HANDLE, &mut created, &mut exited, &mut kernel, &mut user)
        };
        if got == 0 {
            return Err(std::io::Error::last_os_error());
        }
        let used = (u64::from(user.dwHighDateTime) << 32) | u64::from(user.dwLowDateTime);
        // In ticks of 100 nanoseconds.
        let limit = used.saturating_add(cpu.saturating_mul(10_000_000));
        set_limits(handle, memory, Some(limit.min(i64::MAX as u64) as i64))
    }

    fn set_limits(handle: &Handle, memory: u64, time: Option<i64>) -> std::io::Result<()> {
        // SAFETY: a plain structure of integers, all zero is valid.
        let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if let Some(time) = time {
            info.BasicLimitInformation.LimitFlags |= JOB_OBJECT_LIMIT_PROCESS_TIME;
            info.BasicLimitInformation.PerProcessUserTimeLimit = time;
        }
        info.ProcessMemoryLimit = usize::try_from(memory).unwrap_or(usize::MAX);
        // SAFETY: the structure lives through the call and its size is given.
        let set = unsafe {
            SetInformationJobObject(
                handle.0,
                JobObjectExtendedLimitInformation,
                (&info as *const JOBOBJECT_EXTENDED_LIMIT_INFORMATION).cast(),
                std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            )
        };
        if set == 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
    }
}
