//! Per-process and per-thread engine state.

use crate::memory::GuestMemory;
use crate::mmap::Mmap;
use crate::signal::Signals;
use crate::trace::Tracer;
use std::collections::HashSet;
use std::ffi::CString;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

/// State shared by every thread of the guest process.
pub struct Process {
    pub mmap: Mmap,
    pub argv: Vec<Vec<u8>>,
    pub env: Vec<Vec<u8>>,
    /// The module reads a NUL-separated environment file (newlines in values pass).
    pub env_nul: bool,
    /// The memfd handed out by `__get_init_envfile` until the guest opens it; -1 when none.
    pub envfd: AtomicI32,
    pub tracer: Option<Tracer>,
    /// `--profile`: counts and times of every call.
    pub profile: Option<crate::profile::Profile>,
    /// Imports already reported as unimplemented.
    pub warned: Mutex<HashSet<String>>,
    /// Descriptors the engine keeps in the table; the guest may not close or replace them.
    pub fds: crate::fds::EngineFds,
    /// The engine's name-only descriptor for /proc (`open::proc_dir`), or -1.
    pub proc_dir: i32,
    pub signals: Signals,
    /// The engine's own options, repeated when `execve` runs another module.
    pub exec_options: Vec<String>,
    /// The module's absolute path: what the guest sees as its executable
    /// (`/proc/self/exe`, see `exec::own_exe`); None when the embedder gave none.
    pub exe: Option<CString>,
    /// Set once the module is instantiated: what new threads need.
    pub spawner: std::sync::OnceLock<crate::thread::Spawner>,
    pub threads: crate::thread::Threads,
    /// End the host process at once on `exit_group` (a command-line runner),
    /// instead of unwinding back to the embedder.
    pub exit_directly: bool,
    /// Whether the module was compiled with epoch checks for signal delivery.
    pub async_signals: bool,
    /// The `--dir` trees, for what Landlock does not confine (`confine`).
    pub trees: Option<crate::confine::Trees>,
    /// The policy's decisions for uses decided per call (`policy::Uses`).
    pub uses: crate::policy::Uses,
    /// Most guest threads alive at once, the main thread included (`--max-threads`).
    pub max_threads: Option<usize>,
}

impl Process {
    /// Prints the `--profile` summary, if one is taken.
    pub fn report_profile(&self, why: &str) {
        if let Some(p) = &self.profile {
            crate::say(format_args!("{}", p.report(why).trim_end()));
        }
    }

    /// Reports an unimplemented import once per process.
    pub fn warn_once(&self, name: &str, what: &str) {
        let mut warned = self.warned.lock().unwrap_or_else(|e| e.into_inner());
        if warned.insert(name.to_string()) {
            crate::say(format_args!("{name}: {what}; returning ENOSYS (see `wali syscalls`)"));
        }
    }

    /// Whether `pid` is this process (0, its id, or one of its threads' ids).
    pub fn is_this_process(pid: i32) -> bool {
        let me = unsafe { libc::getpid() };
        pid == 0 || pid == me || (pid > 0 && crate::sys::call!(SYS_tgkill, me, pid, 0) == 0)
    }

    /// Opens guest paths (see `open`).
    pub fn opener(&self) -> crate::open::Opener<'_> {
        crate::open::Opener { fds: &self.fds, proc_dir: self.proc_dir, uses: &self.uses }
    }

    /// The path under which the guest opens the environment file.
    pub fn envfile_path(fd: i32) -> String {
        format!("/proc/self/fd/{fd}")
    }

    /// The guest opening the environment file (`envfile_path`, read-only):
    /// the engine hands its own descriptor over, moved to the lowest free
    /// number and rewound, so no descriptor of the engine stays visible and
    /// no /proc is needed (a chroot or container may have none).
    pub fn take_envfile(&self, path: &[u8], flags: i32) -> Option<Result<i32, crate::memory::Errno>> {
        let fd = self.envfd.load(Ordering::Relaxed);
        if fd < 0 || flags & libc::O_ACCMODE != libc::O_RDONLY || path != Self::envfile_path(fd).as_bytes() {
            return None;
        }
        self.envfd.compare_exchange(fd, -1, Ordering::Relaxed, Ordering::Relaxed).ok()?;
        let cmd = if flags & libc::O_CLOEXEC != 0 { libc::F_DUPFD_CLOEXEC } else { libc::F_DUPFD };
        let rewound = crate::sys::call!(SYS_lseek, fd, 0, libc::SEEK_SET);
        let guest = if rewound < 0 { rewound } else { crate::sys::call!(SYS_fcntl, fd, cmd, 0) };
        crate::sys::call!(SYS_close, fd);
        Some(if guest < 0 { Err(-guest as crate::memory::Errno) } else { Ok(guest as i32) })
    }
}

/// One guest thread: the data of its `Store`.
pub struct Ctx {
    /// This thread's view of the guest's linear memory.
    pub mem: GuestMemory,
    /// The process the thread belongs to, shared with its other threads.
    pub proc: Arc<Process>,
    /// Table 0 of this thread's instance, for calling handlers by index.
    pub table: Option<wasmtime::Table>,
    /// From `set_tid_address` and `set_robust_list`: kept, never given to the kernel.
    pub tid_address: u32,
    /// The guest's robust futex list head, from `set_robust_list`.
    pub robust_list: u32,
    /// The guest's `stack_t` from `sigaltstack`.
    pub altstack: [u8; 12],
    /// A new thread's signal mask, applied at its first host call: until
    /// then the thread takes no signals, as the C library's start routine
    /// has not yet given it a stack of its own for a handler to run on.
    pub start_mask: Option<u64>,
    /// Guest memory where `SA_SIGINFO` handlers find their siginfo.
    sigframe: u32,
    /// A WASI program's layer, which its imports call (`wasi::link`).
    pub(crate) wasi: Option<Box<crate::wasi::Layer>>,
}

impl Ctx {
    /// A new thread of `proc`: no table yet, no alternate signal stack.
    pub fn new(mem: GuestMemory, proc: Arc<Process>) -> Ctx {
        let mut altstack = [0u8; 12];
        altstack[4..8].copy_from_slice(&libc::SS_DISABLE.to_le_bytes());
        Ctx { mem, proc, table: None, tid_address: 0, robust_list: 0, altstack, sigframe: 0, start_mask: None, wasi: None }
    }

    /// `len` bytes of the guest's memory at `ptr`, for an embedder's host
    /// functions (`WaliCtxBuilder::host_module`); `None` when they are not
    /// all inside it (or NULL).
    pub fn read_guest(&self, ptr: u32, len: u32) -> Option<Vec<u8>> {
        let mut buf = vec![0; len as usize];
        self.mem.read(ptr, &mut buf).ok()?;
        Some(buf)
    }

    /// Writes `data` into the guest's memory at `ptr`; false when it does
    /// not all fit inside it (or `ptr` is NULL).
    pub fn write_guest(&self, ptr: u32, data: &[u8]) -> bool {
        self.mem.write(ptr, data).is_ok()
    }

    /// The page signal frames are written to, mapped on first use.
    pub fn signal_frame(&mut self) -> wasmtime::Result<u32> {
        if self.sigframe == 0 {
            let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
            let rw = libc::PROT_READ | libc::PROT_WRITE;
            self.sigframe = self
                .proc
                .mmap
                .map(&self.mem, 0, 4096, rw, flags, -1, 0)
                .map_err(|e| wasmtime::format_err!("cannot map a signal frame: errno {e}"))?;
        }
        Ok(self.sigframe)
    }
}
