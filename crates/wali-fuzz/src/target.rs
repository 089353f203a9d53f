//! The imports under test: every row of the engine's table, with the
//! spec's signature, what kind of value each parameter takes (inferred from
//! the spec's C parameter text, with a few rows written by hand), how often
//! it is called, and how the fuzzer bounds it when it must.

use crate::gen::Item;
use wali_abi::ValType;

/// What a parameter is, which decides the classes its values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A descriptor.
    Fd,
    /// A directory descriptor (also `AT_FDCWD`).
    DirFd,
    /// A pointer to a buffer or struct that holds no guest pointer.
    Buf,
    /// A pointer to a struct holding guest pointers the engine follows
    /// (iovec, msghdr, argv arrays, pselect6's sigmask pair).
    Chase,
    /// A NUL-terminated path or name.
    Path,
    /// A length, usually of the pointer before it.
    Len,
    /// A count of elements (iovcnt, nfds, maxevents...).
    Count,
    /// Flags, modes, commands, options: any 32-bit value.
    Int,
    /// A 64-bit offset, length or value.
    Wide,
    /// A 64-bit integer that is a pointer for some commands (fcntl, prctl).
    WidePtr,
    /// A process id the call acts on: only the worker or ids that cannot exist.
    Pid,
    /// A process id the call only reads about: anything.
    PidAny,
    /// A signal number.
    Sig,
    /// A user or group id.
    Uid,
    /// An address in the mmap family: never inside the fuzzer's low region.
    MapAddr,
    /// A length in the mmap family.
    MapLen,
    /// A timeout in milliseconds.
    Timeout,
    /// A function table index (thread start).
    TableIdx,
}

pub struct Target {
    pub name: &'static str,
    pub params: Vec<ValType>,
    pub result: Option<ValType>,
    pub kinds: Vec<Kind>,
    /// The struct each pointer parameter points to, when known.
    pub structs: Vec<Option<Item>>,
    /// Relative frequency (100 for most).
    pub weight: u32,
    /// How the fuzzer bounds this import ("" when every argument is free).
    pub note: &'static str,
}

/// Imports whose process-id parameters only ever name the worker itself.
const ACTS_ON_PID: [&str; 9] = [
    "SYS_kill",
    "SYS_tkill",
    "SYS_tgkill",
    "SYS_setpgid",
    "SYS_setpriority",
    "SYS_sched_setscheduler",
    "SYS_sched_setparam",
    "SYS_sched_setaffinity",
    "SYS_prlimit64",
];

/// The mmap family: their addresses never reach the fuzzer's low region.
pub const MAP_FAMILY: [&str; 8] =
    ["SYS_mmap", "SYS_munmap", "SYS_mprotect", "SYS_mremap", "SYS_msync", "SYS_madvise", "SYS_mlock", "SYS_munlock"];

const PATH_NAMES: [&str; 8] = ["pathname", "path", "oldpath", "newpath", "target", "linkpath", "name", "filename"];

/// Rows whose C parameters the spec does not give.
fn by_hand(name: &str) -> Option<&'static [Kind]> {
    use Kind::*;
    Some(match name {
        "SYS_truncate" => &[Path, Wide],
        "SYS_sched_setscheduler" => &[Pid, Int, Buf],
        "SYS_mlockall" => &[Int],
        "SYS_epoll_create" => &[Int],
        "SYS_epoll_wait" => &[Fd, Buf, Count, Timeout],
        "SYS_utimes" => &[Path, Buf],
        "SYS_futimesat" => &[DirFd, Path, Buf],
        "SYS_set_robust_list" => &[Buf, Len],
        "SYS_signalfd" => &[Fd, Buf, Len],
        "SYS_signalfd4" => &[Fd, Buf, Len, Int],
        "SYS_timerfd_create" => &[Int, Int],
        "SYS_timerfd_settime" => &[Fd, Int, Buf, Buf],
        "SYS_preadv" => &[Fd, Chase, Count, Wide, Wide],
        "SYS_pwritev" => &[Fd, Chase, Count, Wide, Wide],
        "SYS_pselect6" => &[Count, Buf, Buf, Buf, Buf, Chase],
        "SYS_rt_sigreturn" => &[Wide],
        "SYS_brk" => &[Int],
        "SYS_fcntl" => &[Fd, Int, WidePtr],
        "SYS_prctl" => &[Int, WidePtr, WidePtr, WidePtr, WidePtr],
        "SYS_getpriority" => &[Int, PidAny],
        "SYS_setpriority" => &[Int, Pid, Int],
        "SYS_futex" => &[Buf, Int, Int, Buf, Buf, Int],
        "SYS_poll" => &[Buf, Count, Timeout],
        "SYS_select" => &[Count, Buf, Buf, Buf, Buf],
        "SYS_getgroups" | "SYS_setgroups" => &[Count, Buf],
        "SYS_set_tid_address" => &[Buf],
        "__wasm_thread_spawn" => &[TableIdx, Buf],
        _ => return None,
    })
}

fn infer(import: &str, c: &str, width: ValType) -> Kind {
    use Kind::*;
    let c = c.trim();
    let pname = c.rsplit([' ', '*']).next().unwrap_or("");
    if c.contains('*') {
        if c.contains("**") || c.contains("struct iovec") || c.contains("struct msghdr") {
            return Chase;
        }
        if MAP_FAMILY.contains(&import) {
            return MapAddr;
        }
        if c.starts_with("char*") && PATH_NAMES.contains(&pname) {
            return Path;
        }
        return Buf;
    }
    if MAP_FAMILY.contains(&import) && ["length", "len", "old_size", "new_size"].contains(&pname) {
        return MapLen;
    }
    match pname {
        "fd" | "oldfd" | "newfd" | "sockfd" | "epfd" | "out_fd" | "in_fd" | "fd_in" | "fd_out" => Fd,
        "dirfd" | "olddirfd" | "newdirfd" => DirFd,
        "count" | "len" | "length" | "size" | "bufsiz" | "buflen" | "sigsetsize" | "cpusetsize" | "addrlen"
        | "optlen" | "bufsize" => Len,
        "nfds" | "iovcnt" | "maxevents" | "arg_index" => Count,
        "pid" | "pgid" | "tgid" | "tid" | "id" | "who" => {
            if ACTS_ON_PID.contains(&import) {
                Pid
            } else {
                PidAny
            }
        }
        "sig" | "signum" => Sig,
        "timeout" => Timeout,
        _ if c.starts_with("uid_t") || c.starts_with("gid_t") => Uid,
        _ if width == ValType::I64 => Wide,
        _ => Int,
    }
}

/// The struct a C parameter points to.
fn item_of(c: &str) -> Option<Item> {
    let table: [(&str, Item); 15] = [
        ("struct iovec*", Item::Iovec),
        ("struct msghdr*", Item::Msghdr),
        ("struct sigaction*", Item::Sigaction),
        ("struct timespec*", Item::Time),
        ("struct timeval*", Item::Time),
        ("struct itimerval*", Item::Time),
        ("struct itimerspec*", Item::Time),
        ("struct sockaddr*", Item::Sockaddr),
        ("struct rlimit*", Item::Pair64),
        ("sigset_t*", Item::Pair64),
        ("cpu_set_t*", Item::Pair64),
        ("char**", Item::Argv),
        ("struct pollfd*", Item::Pollfd),
        ("struct epoll_event*", Item::Pollfd),
        ("stack_t*", Item::Pair64),
    ];
    table.iter().find(|(t, _)| c.starts_with(t)).map(|(_, i)| *i)
}

/// Struct types of the rows whose C parameters the spec does not give.
fn items_by_hand(name: &str, i: usize) -> Option<Item> {
    match (name, i) {
        ("SYS_pselect6", 5) => Some(Item::SigmaskPair),
        ("SYS_pselect6", 4) | ("SYS_select", 4) | ("SYS_futex", 3) | ("SYS_utimes", 1) | ("SYS_futimesat", 2) => Some(Item::Time),
        ("SYS_timerfd_settime", 2) | ("SYS_timerfd_settime", 3) => Some(Item::Time),
        ("SYS_preadv", 1) | ("SYS_pwritev", 1) => Some(Item::Iovec),
        ("SYS_poll", 0) | ("SYS_epoll_wait", 1) => Some(Item::Pollfd),
        ("SYS_signalfd", 1) | ("SYS_signalfd4", 1) => Some(Item::Pair64),
        _ => None,
    }
}

/// How the fuzzer bounds an import, when it does.
fn note(name: &str) -> &'static str {
    match name {
        "SYS_kill" | "SYS_tkill" | "SYS_tgkill" => {
            "targets only the worker itself, its process group or ids that cannot exist (never -1, never \
             another process); no SIGKILL or fault signal to itself"
        }
        "SYS_setpgid" | "SYS_sched_setparam" | "SYS_sched_setaffinity" => {
            "pids: the worker, 0 or ids that cannot exist"
        }
        "SYS_sched_setscheduler" => {
            "pid: the worker, 0 or ids that cannot exist; a worker whose own policy changed retires"
        }
        "SYS_setpriority" => {
            "who: the worker, 0 or ids that cannot exist (PRIO_USER: a uid that cannot exist); a worker whose \
             own priority changed retires"
        }
        "SYS_prlimit64" => {
            "pid: the worker, 0 or ids that cannot exist; new AS/DATA/STACK/CPU/RTTIME limits are rewritten to \
             the current ones (they would make the fuzzer itself fail)"
        }
        "SYS_setrlimit" => {
            "new AS/DATA/STACK/CPU/RTTIME limits are rewritten to the current ones (they would make the fuzzer \
             itself fail)"
        }
        "SYS_rt_sigaction" => "never the watchdog signal (SIGSTKFLT)",
        "SYS_rt_sigsuspend" | "SYS_ppoll" | "SYS_pselect6" | "SYS_epoll_pwait" => {
            "the watchdog signal is cleared in the temporary mask"
        }
        "SYS_rt_sigprocmask" => "the watchdog signal is unblocked again after the call",
        "SYS_fcntl" => {
            "F_SETOWN/F_SETOWN_EX name only the worker or ids that cannot exist; F_SETSIG is never a fault signal"
        }
        "SYS_setitimer" => "periodic intervals under 10 ms are cleared (faster ones livelock SA_RESTART calls, natively too)",
        "SYS_mlockall" => "undone after the call: MCL_FUTURE would make the fuzzer's own allocations fail",
        "SYS_chdir" | "SYS_fchdir" => "the worker returns to its directory after the call",
        "SYS_mmap" | "SYS_munmap" | "SYS_mprotect" | "SYS_mremap" | "SYS_msync" | "SYS_madvise" | "SYS_mlock"
        | "SYS_munlock" => "addresses never inside the fuzzer's first 128 KiB (guard, scratch, strings)",
        "SYS_futex" => "long waits are woken by the watchdog (the emulated wait ignores host signals)",
        "__wasm_thread_spawn" => {
            "start function: a valid entry, 1 in 256 an invalid one (the engine then ends the process, 134)"
        }
        "SYS_fork" => "the child leaves at once",
        "SYS_execve" => "paths name nothing executable",
        "SYS_socket" | "SYS_socketpair" => "AF_UNIX only when the worker could not get a private network namespace",
        _ => "",
    }
}

fn weight(name: &str) -> u32 {
    match name {
        "SYS_fork" => 4,
        "SYS_sync" | "SYS_syncfs" => 5,
        "SYS_fsync" | "SYS_fdatasync" | "SYS_msync" => 40,
        "__wasm_thread_spawn" => 30,
        "SYS_mlockall" | "SYS_execve" => 40,
        _ => 100,
    }
}

/// Every import of the engine's table, in table order.
pub fn targets() -> Vec<Target> {
    wali::TABLE
        .iter()
        .map(|row| {
            let spec = wali_abi::lookup(row.name).unwrap_or_else(|| panic!("{} is not in the spec", row.name));
            let sig = spec.sig().unwrap_or_else(|| panic!("{} has no signature", row.name));
            let c = spec.c_params();
            let kinds = match by_hand(row.name) {
                Some(k) => k.to_vec(),
                None => sig
                    .params
                    .iter()
                    .enumerate()
                    .map(|(i, w)| c.get(i).map_or(Kind::Int, |c| infer(row.name, c, *w)))
                    .collect(),
            };
            assert_eq!(kinds.len(), sig.params.len(), "{}: parameter kinds", row.name);
            let structs = (0..kinds.len())
                .map(|i| items_by_hand(row.name, i).or_else(|| c.get(i).and_then(|c| item_of(c.trim()))))
                .collect();
            Target {
                name: row.name,
                params: sig.params,
                result: sig.result,
                kinds,
                structs,
                weight: weight(row.name),
                note: note(row.name),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    fn kinds(name: &str) -> Vec<Kind> {
        targets().into_iter().find(|t| t.name == name).unwrap().kinds
    }

    #[test]
    fn every_row_has_a_model() {
        let t = targets();
        assert_eq!(t.len(), wali::TABLE.len());
        assert!(t.len() <= crate::shared::MAX_TARGETS);
    }

    #[test]
    fn parameters_are_classified() {
        assert_eq!(kinds("SYS_read"), [Fd, Buf, Len]);
        assert_eq!(kinds("SYS_openat"), [DirFd, Path, Int, Int]);
        assert_eq!(kinds("SYS_readv"), [Fd, Chase, Count]);
        assert_eq!(kinds("SYS_execve"), [Path, Chase, Chase]);
        assert_eq!(kinds("SYS_mmap"), [MapAddr, MapLen, Int, Int, Fd, Wide]);
        assert_eq!(kinds("SYS_mremap"), [MapAddr, MapLen, MapLen, Int, MapAddr]);
        assert_eq!(kinds("SYS_kill"), [Pid, Sig]);
        assert_eq!(kinds("SYS_wait4"), [PidAny, Buf, Int, Buf]);
        assert_eq!(kinds("SYS_sendmsg"), [Fd, Chase, Int]);
        assert_eq!(kinds("SYS_chown"), [Path, Uid, Uid]);
        assert_eq!(kinds("SYS_lseek"), [Fd, Wide, Int]);
        assert_eq!(kinds("SYS_epoll_pwait"), [Fd, Buf, Count, Timeout, Buf, Len]);
    }
}
