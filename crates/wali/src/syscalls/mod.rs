//! THE table: every `wali` import, its status, a one-line note and its handler.
//! It drives linking, tracing and `wali syscalls`; there is no other list.

use crate::ctx::Ctx;
use crate::memory::Errno;

pub(crate) mod aux;
mod fs;
mod io;
mod misc;
mod mm;
mod net;
mod process;
mod signal;
mod time;

/// How an import is implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Handed to the host kernel; pointers are checked and offset, nothing copied.
    Passthrough,
    /// Handed to the kernel after converting a wasm32 layout (iovec, msghdr...)
    /// or checking what the call reaches (open).
    Translated,
    /// Implemented by the engine itself.
    Emulated,
    /// Not implemented: returns `-ENOSYS`.
    Unsupported,
}

impl Status {
    /// The status as `wali syscalls` and `wali inspect` print it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Passthrough => "passthrough",
            Status::Translated => "translated",
            Status::Emulated => "emulated",
            Status::Unsupported => "unsupported",
        }
    }
}

/// Why a call did not produce a value for the guest.
#[derive(Debug)]
pub enum Fault {
    /// Return `-errno` to the guest.
    Errno(Errno),
    /// Stop the guest (exit, or a fatal condition).
    Stop(Stop),
}

impl From<Errno> for Fault {
    fn from(e: Errno) -> Fault {
        Fault::Errno(e)
    }
}

/// Ends the guest: unwinds out of Wasm as an error the runner recognises.
#[derive(Debug)]
pub enum Stop {
    /// The process exits with this status.
    Exit(i32),
    /// The guest did something the engine cannot continue from.
    Fatal(String),
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Exit(code) => write!(f, "exit({code})"),
            Stop::Fatal(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Stop {}

/// What a handler returns: the call's value for the guest, or why there is none.
pub type SysResult = Result<i64, Fault>;

/// The arguments of one call, widened to i64 (i32 values sign-extended).
#[derive(Clone, Copy, Debug, Default)]
pub struct Args(pub [i64; 6]);

impl Args {
    /// A C `int`: the low 32 bits.
    #[inline]
    pub fn i32(&self, i: usize) -> i32 {
        self.0[i] as i32
    }
    /// A guest pointer or a 32-bit unsigned value (size_t, uid_t...).
    #[inline]
    pub fn u32(&self, i: usize) -> u32 {
        self.0[i] as u32
    }
    /// A 64-bit signed value (`off_t`, `long`).
    #[inline]
    pub fn i64(&self, i: usize) -> i64 {
        self.0[i]
    }
    /// A 64-bit unsigned value (`dev_t`, `unsigned long`).
    #[inline]
    pub fn u64(&self, i: usize) -> u64 {
        self.0[i] as u64
    }
}

/// The engine's implementation of one import, run on the calling thread's `Ctx`.
pub type Handler = fn(&mut Ctx, &Args) -> SysResult;

/// One row of the table.
pub struct Syscall {
    /// The import name, e.g. `SYS_read`.
    pub name: &'static str,
    /// How the engine implements it.
    pub status: Status,
    /// One line on how, for `wali syscalls` and the unsupported-call warning;
    /// may be empty, except for `Unsupported` rows.
    pub note: &'static str,
    /// Runs the call.
    pub handler: Handler,
    /// Defines the import with `handler` called directly, not through the
    /// pointer, so the common path has one frame fewer (see `link::call`).
    pub(crate) define: crate::link::Define,
}

macro_rules! table {
    ($($name:literal $status:ident $handler:path, $note:literal;)*) => {
        &[$(Syscall {
            name: $name,
            status: Status::$status,
            note: $note,
            handler: $handler,
            define: {
                fn define(linker: &mut crate::link::WaliLinker, b: crate::link::Binding) -> wasmtime::Result<()> {
                    crate::link::define_with(linker, b, $handler)
                }
                define
            },
        },)*]
    };
}

/// Every import the engine knows, in spec order.
pub static TABLE: &[Syscall] = table! {
    "SYS_read" Passthrough io::read, "";
    "SYS_write" Passthrough io::write, "";
    "SYS_open" Translated fs::open, "as openat(AT_FDCWD); flags in x86_64 bits";
    "SYS_close" Passthrough io::close, "the engine's own descriptors are protected (EBADF)";
    "SYS_stat" Translated fs::stat, "as newfstatat; struct stat in the x86_64 layout on every host";
    "SYS_fstat" Translated fs::fstat, "struct stat in the x86_64 layout on every host";
    "SYS_lstat" Translated fs::lstat, "as newfstatat(AT_SYMLINK_NOFOLLOW); x86_64 struct stat";
    "SYS_poll" Passthrough io::poll, "as ppoll";
    "SYS_lseek" Passthrough io::lseek, "";
    "SYS_mmap" Emulated mm::mmap, "placed inside linear memory; MAP_FIXED only inside it";
    "SYS_mprotect" Emulated mm::mprotect, "inside linear memory only; PROT_EXEC is dropped";
    "SYS_munmap" Emulated mm::munmap, "pages become PROT_NONE and reusable; never a hole";
    "SYS_brk" Emulated mm::brk, "no program break: always reports 0, so libc uses mmap";
    "SYS_rt_sigaction" Translated signal::rt_sigaction, "wasm32 k_sigaction; handlers are table indices";
    "SYS_rt_sigprocmask" Passthrough signal::rt_sigprocmask, "the real thread mask";
    "SYS_rt_sigreturn" Emulated signal::rt_sigreturn, "no-op: Wasm handlers return normally";
    "SYS_ioctl" Translated io::ioctl, "known pointer-free requests only (terminal, FIONREAD...); others ENOTTY";
    "SYS_pread64" Passthrough io::pread64, "";
    "SYS_pwrite64" Passthrough io::pwrite64, "";
    "SYS_readv" Translated io::readv, "wasm32 iovec array";
    "SYS_writev" Translated io::writev, "wasm32 iovec array";
    "SYS_access" Passthrough fs::access, "as faccessat2";
    "SYS_pipe" Passthrough io::pipe, "as pipe2(0)";
    "SYS_select" Translated io::select, "as pselect6; the time left is written back as a timeval";
    "SYS_sched_yield" Passthrough misc::sched_yield, "";
    "SYS_mremap" Emulated mm::mremap, "inside linear memory; grows private anonymous mappings";
    "SYS_msync" Passthrough mm::msync, "";
    "SYS_madvise" Passthrough mm::madvise, "advice that could open holes (DONTFORK, REMOVE...) is refused";
    "SYS_dup" Passthrough io::dup, "";
    "SYS_dup2" Passthrough io::dup2, "as dup3 (or F_GETFD for equal descriptors); engine descriptors protected";
    "SYS_nanosleep" Passthrough time::nanosleep, "";
    "SYS_setitimer" Passthrough time::setitimer, "";
    "SYS_getpid" Passthrough misc::getpid, "";
    "SYS_socket" Passthrough net::socket, "";
    "SYS_connect" Passthrough net::connect, "";
    "SYS_accept" Passthrough net::accept, "";
    "SYS_sendto" Passthrough net::sendto, "";
    "SYS_recvfrom" Passthrough net::recvfrom, "";
    "SYS_sendmsg" Translated net::sendmsg, "wasm32 msghdr and iovecs";
    "SYS_recvmsg" Translated net::recvmsg, "wasm32 msghdr and iovecs";
    "SYS_shutdown" Passthrough net::shutdown, "";
    "SYS_bind" Passthrough net::bind, "";
    "SYS_listen" Passthrough net::listen, "";
    "SYS_getsockname" Passthrough net::getsockname, "";
    "SYS_getpeername" Passthrough net::getpeername, "";
    "SYS_socketpair" Passthrough net::socketpair, "";
    "SYS_setsockopt" Passthrough net::setsockopt, "socket/IP/IPv6/TCP/UDP/packet levels, minus options holding pointers; others ENOPROTOOPT";
    "SYS_getsockopt" Passthrough net::getsockopt, "";
    "SYS_fork" Emulated process::fork, "forks the whole engine; the child continues with 0";
    "SYS_execve" Emulated process::execve, "Wasm modules run in a re-executed engine; native programs directly";
    "SYS_exit" Emulated process::exit, "ends the calling thread (the process when it is the only one)";
    "SYS_wait4" Passthrough process::wait4, "";
    "SYS_kill" Passthrough signal::kill, "";
    "SYS_uname" Passthrough misc::uname, "";
    "SYS_fcntl" Translated io::fcntl, "struct-carrying commands checked; status flags in x86_64 bits; unknown commands: EINVAL";
    "SYS_flock" Passthrough io::flock, "";
    "SYS_fsync" Passthrough io::fsync, "";
    "SYS_fdatasync" Passthrough io::fdatasync, "";
    "SYS_truncate" Passthrough fs::truncate, "";
    "SYS_ftruncate" Passthrough io::ftruncate, "";
    "SYS_getcwd" Passthrough fs::getcwd, "";
    "SYS_chdir" Passthrough fs::chdir, "";
    "SYS_fchdir" Passthrough fs::fchdir, "";
    "SYS_rename" Passthrough fs::rename, "as renameat2";
    "SYS_mkdir" Passthrough fs::mkdir, "as mkdirat";
    "SYS_rmdir" Passthrough fs::rmdir, "as unlinkat(AT_REMOVEDIR)";
    "SYS_link" Passthrough fs::link, "as linkat";
    "SYS_unlink" Passthrough fs::unlink, "as unlinkat";
    "SYS_symlink" Passthrough fs::symlink, "as symlinkat";
    "SYS_readlink" Passthrough fs::readlink, "as readlinkat";
    "SYS_chmod" Passthrough fs::chmod, "as fchmodat";
    "SYS_fchmod" Passthrough fs::fchmod, "";
    "SYS_chown" Passthrough fs::chown, "as fchownat";
    "SYS_fchown" Passthrough fs::fchown, "";
    "SYS_umask" Passthrough fs::umask, "";
    "SYS_gettimeofday" Passthrough time::gettimeofday, "";
    "SYS_getrlimit" Passthrough misc::getrlimit, "as prlimit64 on the caller";
    "SYS_getrusage" Passthrough misc::getrusage, "";
    "SYS_sysinfo" Passthrough misc::sysinfo, "";
    "SYS_getuid" Passthrough misc::getuid, "";
    "SYS_getgid" Passthrough misc::getgid, "";
    "SYS_setuid" Passthrough misc::setuid, "";
    "SYS_setgid" Passthrough misc::setgid, "";
    "SYS_geteuid" Passthrough misc::geteuid, "";
    "SYS_getegid" Passthrough misc::getegid, "";
    "SYS_setpgid" Passthrough process::setpgid, "";
    "SYS_getppid" Passthrough process::getppid, "";
    "SYS_setsid" Passthrough process::setsid, "";
    "SYS_setreuid" Passthrough misc::setreuid, "";
    "SYS_setregid" Passthrough misc::setregid, "";
    "SYS_getgroups" Passthrough misc::getgroups, "";
    "SYS_setgroups" Passthrough misc::setgroups, "";
    "SYS_setresuid" Passthrough misc::setresuid, "";
    "SYS_setresgid" Passthrough misc::setresgid, "";
    "SYS_getpgid" Passthrough process::getpgid, "";
    "SYS_getsid" Passthrough process::getsid, "";
    "SYS_rt_sigpending" Passthrough signal::rt_sigpending, "";
    "SYS_rt_sigsuspend" Passthrough signal::rt_sigsuspend, "";
    "SYS_sigaltstack" Emulated signal::sigaltstack, "recorded and reported; Wasm handlers run on the Wasm stack";
    "SYS_statfs" Passthrough fs::statfs, "";
    "SYS_fstatfs" Passthrough fs::fstatfs, "";
    "SYS_sched_setscheduler" Passthrough misc::sched_setscheduler, "";
    "SYS_mlockall" Passthrough misc::mlockall, "";
    "SYS_prctl" Translated misc::prctl, "a safe subset of options (names, death signal, dumpable...); others EINVAL";
    "SYS_setrlimit" Passthrough misc::setrlimit, "as prlimit64 on the caller";
    "SYS_chroot" Passthrough fs::chroot, "";
    "SYS_gettid" Passthrough process::gettid, "";
    "SYS_tkill" Passthrough signal::tkill, "";
    "SYS_futex" Emulated process::futex, "on the shared memory's own wait queues (Wasm atomics see them)";
    "SYS_sched_getaffinity" Passthrough misc::sched_getaffinity, "";
    "SYS_epoll_create" Passthrough io::epoll_create, "as epoll_create1 (size must be positive)";
    "SYS_getdents64" Passthrough fs::getdents64, "";
    "SYS_set_tid_address" Emulated process::set_tid_address, "recorded; returns the thread id";
    "SYS_fadvise" Passthrough io::fadvise, "";
    "SYS_clock_gettime" Passthrough time::clock_gettime, "";
    "SYS_clock_getres" Passthrough time::clock_getres, "";
    "SYS_clock_nanosleep" Passthrough time::clock_nanosleep, "";
    "SYS_exit_group" Emulated process::exit_group, "ends the process";
    "SYS_epoll_wait" Translated io::epoll_wait, "as epoll_pwait; packed x86_64 epoll_event on every host";
    "SYS_epoll_ctl" Translated io::epoll_ctl, "packed x86_64 epoll_event on every host";
    "SYS_utimes" Passthrough fs::utimes, "as utimensat";
    "SYS_openat" Translated fs::openat, "named (O_PATH), checked, reopened: a process's memory file is refused (EACCES)";
    "SYS_mkdirat" Passthrough fs::mkdirat, "";
    "SYS_fchownat" Passthrough fs::fchownat, "";
    "SYS_futimesat" Passthrough fs::futimesat, "as utimensat";
    "SYS_newfstatat" Translated fs::newfstatat, "struct stat in the x86_64 layout on every host";
    "SYS_unlinkat" Passthrough fs::unlinkat, "";
    "SYS_linkat" Passthrough fs::linkat, "";
    "SYS_symlinkat" Passthrough fs::symlinkat, "";
    "SYS_readlinkat" Passthrough fs::readlinkat, "";
    "SYS_fchmodat" Passthrough fs::fchmodat, "";
    "SYS_faccessat" Passthrough fs::faccessat, "";
    "SYS_pselect6" Translated io::pselect6, "the 6th argument's sigset pointer is translated";
    "SYS_ppoll" Passthrough io::ppoll, "";
    "SYS_set_robust_list" Emulated process::set_robust_list, "recorded, never handed to the kernel (it holds guest pointers)";
    "SYS_utimensat" Passthrough fs::utimensat, "";
    "SYS_epoll_pwait" Translated io::epoll_pwait, "packed x86_64 epoll_event on every host";
    "SYS_signalfd" Passthrough signal::signalfd, "as signalfd4";
    "SYS_timerfd_create" Passthrough time::timerfd_create, "";
    "SYS_eventfd" Passthrough io::eventfd, "as eventfd2";
    "SYS_timerfd_settime" Passthrough time::timerfd_settime, "";
    "SYS_accept4" Passthrough net::accept4, "";
    "SYS_signalfd4" Passthrough signal::signalfd4, "";
    "SYS_eventfd2" Passthrough io::eventfd2, "";
    "SYS_epoll_create1" Passthrough io::epoll_create1, "";
    "SYS_dup3" Passthrough io::dup3, "engine descriptors protected";
    "SYS_pipe2" Passthrough io::pipe2, "O_DIRECT in x86_64 bits";
    "SYS_preadv" Translated io::preadv, "wasm32 iovec array";
    "SYS_prlimit64" Passthrough misc::prlimit64, "";
    "SYS_renameat2" Passthrough fs::renameat2, "";
    "SYS_getrandom" Passthrough misc::getrandom, "";
    "SYS_statx" Passthrough fs::statx, "";
    "SYS_faccessat2" Passthrough fs::faccessat2, "";
    "__init" Emulated aux::init, "start-up check: 0";
    "__deinit" Emulated aux::deinit, "clean-up: 0";
    "__proc_exit" Emulated aux::proc_exit, "ends the process with the status";
    "__cl_get_argc" Emulated aux::argc, "";
    "__cl_get_argv_len" Emulated aux::argv_len, "";
    "__cl_copy_argv" Emulated aux::copy_argv, "";
    "__get_init_envfile" Emulated aux::envfile, "a memfd path; closed once the guest has opened it";
    "__wasm_thread_spawn" Emulated aux::thread_spawn, "a native thread with its own instance on the shared memory";
    "sigsetjmp" Emulated aux::setjmp, "returns 0; rebuild with wali-cc for real setjmp";
    "longjmp" Emulated aux::longjmp, "stops the program with an explanation";
    "setjmp" Emulated aux::setjmp, "returns 0; rebuild with wali-cc for real setjmp";
    "__restore" Emulated aux::restore, "no-op signal restorer";
    "__restore_rt" Emulated aux::restore, "no-op signal restorer";
    // Rows the interface lists as `undefined`; signatures from wali-abi's derived.tsv.
    "SYS_getitimer" Passthrough time::getitimer, "derived signature";
    "SYS_sendfile" Passthrough io::sendfile, "derived signature";
    "SYS_getresuid" Passthrough misc::getresuid, "derived signature";
    "SYS_getresgid" Passthrough misc::getresgid, "derived signature";
    "SYS_rt_sigtimedwait" Passthrough signal::rt_sigtimedwait, "derived signature";
    "SYS_mknod" Passthrough fs::mknod, "derived signature; as mknodat";
    "SYS_getpriority" Passthrough misc::getpriority, "derived signature";
    "SYS_setpriority" Passthrough misc::setpriority, "derived signature";
    "SYS_sched_setparam" Passthrough misc::sched_setparam, "derived signature";
    "SYS_sched_getparam" Passthrough misc::sched_getparam, "derived signature";
    "SYS_sched_getscheduler" Passthrough misc::sched_getscheduler, "derived signature";
    "SYS_mlock" Passthrough misc::mlock, "derived signature; inside linear memory";
    "SYS_munlock" Passthrough misc::munlock, "derived signature; inside linear memory";
    "SYS_sync" Passthrough io::sync, "derived signature";
    "SYS_readahead" Passthrough io::readahead, "derived signature";
    "SYS_sched_setaffinity" Passthrough misc::sched_setaffinity, "derived signature";
    "SYS_tgkill" Passthrough signal::tgkill, "derived signature";
    "SYS_waitid" Passthrough process::waitid, "derived signature";
    "SYS_inotify_add_watch" Passthrough fs::inotify_add_watch, "derived signature";
    "SYS_inotify_rm_watch" Passthrough fs::inotify_rm_watch, "derived signature";
    "SYS_mknodat" Passthrough fs::mknodat, "derived signature";
    "SYS_splice" Passthrough io::splice, "derived signature";
    "SYS_tee" Passthrough io::tee, "derived signature";
    "SYS_fallocate" Passthrough io::fallocate, "derived signature";
    "SYS_timerfd_gettime" Passthrough time::timerfd_gettime, "derived signature";
    "SYS_inotify_init1" Passthrough fs::inotify_init1, "derived signature";
    "SYS_pwritev" Translated io::pwritev, "derived signature; wasm32 iovec array";
    "SYS_syncfs" Passthrough io::syncfs, "derived signature";
    "SYS_memfd_create" Passthrough fs::memfd_create, "derived signature";
    "SYS_copy_file_range" Passthrough io::copy_file_range, "derived signature";
};

impl Syscall {
    /// The name without the `SYS_` prefix, as traces show it.
    pub fn short_name(&self) -> &'static str {
        self.name.strip_prefix("SYS_").unwrap_or(self.name)
    }
}

/// The table row for an import name.
pub fn lookup(name: &str) -> Option<&'static Syscall> {
    TABLE.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_spec_exactly() {
        let spec: Vec<&str> = wali_abi::all_imports().map(|i| i.name()).collect();
        let ours: Vec<&str> = TABLE.iter().map(|s| s.name).collect();
        assert_eq!(spec, ours);
    }

    #[test]
    fn unsupported_rows_say_why() {
        for s in TABLE.iter().filter(|s| s.status == Status::Unsupported) {
            assert!(!s.note.is_empty(), "{} has no note", s.name);
        }
    }
}
