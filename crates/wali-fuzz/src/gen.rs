//! Argument values and guest memory contents.
//!
//! Guest memory layout (the fuzzer's low region is never given to the mmap
//! family, so it always stays plain read-write memory):
//!
//! | range | what |
//! | --- | --- |
//! | `0x00000..0x01000` | zero page (NULL) |
//! | `0x01000..0x10000` | guard: a fixed pattern |
//! | `0x10000..0x18000` | scratch: structs, pointers, sizes, host addresses |
//! | `0x18000..0x1b000` | pool of NUL-terminated strings (paths) |
//! | `0x1b000..0x1c000` | race zone: rewritten all the time by another thread |
//! | `0x1c000..0x20000` | fd races kind: the descriptor-copying thread's zone and paths to the memory file |
//! | `0x20000..` | free area, and whatever the mmap family makes of it |
//!
//! Scratch and pool are restored from an image before every call, so every
//! call sees memory the fuzzer wrote. Half the images are *guarded*: no
//! 32-bit word in them is in `1..0x10000`, and no pointer argument points
//! below `0x10000` or into memory the fuzzer does not control, so nothing a
//! correct engine does on the guest's behalf can write into `0..0x10000`:
//! the guard check after a guarded call catches writes to wrong guest
//! addresses (NULL, truncated or mis-offset pointers).

use crate::rng::Rng;
use crate::target::{Kind, Target};

pub const GUARD_END: u32 = 0x10000;
pub const SCRATCH: u32 = 0x10000;
pub const SCRATCH_LEN: usize = 0x8000;
pub const POOL: u32 = 0x18000;
pub const POOL_LEN: usize = 0x3000;
pub const RACE: u32 = 0x1b000;
pub const RACE_LEN: usize = 0x1000;
/// Start of the free area; the end of what the image covers is `POOL + POOL_LEN`.
pub const LOW_END: u32 = 0x20000;
pub const IMAGE_LEN: usize = SCRATCH_LEN + POOL_LEN;
pub const PAGE: u32 = 4096;
/// The watchdog's signal; the guest never gets to change its action.
pub const WATCHDOG: i32 = libc::SIGSTKFLT;
/// The byte pattern of the guard page range at `off`.
pub fn guard_byte(off: usize) -> u8 {
    if off < PAGE as usize {
        0
    } else {
        0xa5 ^ (off >> 4) as u8
    }
}

/// Signals whose arrival would look like a crash: the guest never gets to
/// send them to its own process.
pub const FAULT_SIGNALS: [i32; 8] =
    [libc::SIGKILL, libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT, libc::SIGTRAP, libc::SIGSYS];

/// The structs laid out in scratch, which typed pointer parameters aim at
/// in plausible calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Iovec,
    Msghdr,
    Sigaction,
    /// One or two timespecs or timevals (itimerval, itimerspec too).
    Time,
    Sockaddr,
    /// Two 64-bit words: rlimit, sigset, cpu set.
    Pair64,
    /// A NULL-terminated array of string pointers.
    Argv,
    /// pselect6's { sigset pointer, size }.
    SigmaskPair,
    /// pollfd or epoll_event entries.
    Pollfd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Anything goes; the guard is not checked.
    Free,
    /// Nothing points below `GUARD_END`: the guard must be intact afterwards.
    Guarded,
}

/// What the generator knows about the worker.
pub struct Env {
    /// The memory's current size and its maximum, in bytes.
    pub size: u32,
    pub max: u32,
    /// Descriptors the worker prepared.
    pub fds: Vec<i32>,
    /// Descriptors recent calls returned.
    pub recent_fds: Vec<i32>,
    /// Recent successful mappings: (address, length).
    pub maps: Vec<(u32, u32)>,
    pub pid: i32,
    pub tid: i32,
    pub uid: u32,
    pub gid: u32,
    /// Above every pid and tid the kernel hands out.
    pub no_pid: i32,
    /// Host canary addresses outside the guest memory (any) and in the
    /// mirror of the low guest addresses (below 4 GiB).
    pub canaries: Vec<u64>,
    pub mirror: Vec<u64>,
    /// Pool strings: (guest address, length without NUL).
    pub pool: Vec<(u32, u32)>,
    /// Pointers into the race zone are in play.
    pub race: bool,
    /// This call's arguments are mostly valid (pointers into memory, small
    /// sizes, prepared descriptors, meaningful flags), to get past the
    /// first checks into deeper paths.
    pub plausible: bool,
    /// Where the current image's structs are.
    pub items: Vec<(Item, u32)>,
    /// Fd races kind: paths that reach the process's memory file.
    pub mem_paths: Vec<MemPath>,
}

/// A path to the process's memory file (fd races kind).
#[derive(Clone, Copy, Debug)]
pub struct MemPath {
    /// Guest address of the NUL-terminated path.
    pub at: u32,
    /// The directory descriptor it is relative to (`AT_FDCWD`: the working directory).
    pub dir: i32,
    /// A directory to make the working directory for the call (relative paths).
    pub cwd: Option<i32>,
}

const POOL_STRINGS: &[&[u8]] = &[
    b"file",
    b"dir",
    b"link",
    b"ro",
    b"fifo",
    b"sock",
    b"new",
    b"dir/sub",
    b"dir/../file",
    b"file/",
    b"link/",
    b"",
    b".",
    b"..",
    b"/",
    b"/dev/null",
    b"/dev/zero",
    b"/nonexistent/x",
    b"/proc/self/mem",
    b"/proc/self/task/",
    b"/proc/self/status",
    b"/proc/self/fd/0",
    b"/proc/self/fd/3",
    b"/proc/self/cwd/file",
    b"/proc/self/root/proc/self/mem",
    b"/tmp",
    b"\x01\x02\xff",
    b"wali-fuzz-memfd",
];

/// Writes the pool strings into `pool` (the pool part of the image) and
/// returns their guest addresses and lengths.
pub fn fill_pool(pool: &mut [u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut put = |bytes: &[u8], out: &mut Vec<(u32, u32)>| {
        pool[at..at + bytes.len()].copy_from_slice(bytes);
        pool[at + bytes.len()] = 0;
        out.push((POOL + at as u32, bytes.len() as u32));
        at = (at + bytes.len() + 8) & !7;
    };
    for s in POOL_STRINGS {
        put(s, &mut out);
    }
    // Longest paths: PATH_MAX - 1 characters (fits), PATH_MAX (does not).
    let long = vec![b'a'; libc::PATH_MAX as usize];
    put(&long[..libc::PATH_MAX as usize - 1], &mut out);
    let deep: Vec<u8> = b"dir/".iter().copied().cycle().take(libc::PATH_MAX as usize).collect();
    put(&deep, &mut out);
    assert!(at <= POOL_LEN, "pool strings overflow the pool");
    out
}

/// A generic hostile 32-bit integer.
pub fn int(rng: &mut Rng) -> i64 {
    let v: i64 = match rng.below(16) {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => rng.range(0, 64),
        4 => i32::MAX as i64,
        5 => i32::MIN as i64,
        6 => 0x8000_0000u32 as i32 as i64,
        7 => 1i64 << rng.below(32),
        8 => (1i64 << rng.below(32)) - 1,
        9 => -(1i64 << rng.below(31)),
        10 => rng.pick(&[0xffff, 0x10000, 4095, 4096, 65535, 0x7fff_ff00, 255, 256]),
        11 => rng.range(-64, 64),
        _ => rng.u32() as i32 as i64,
    };
    v as i32 as i64
}

/// A generic hostile 64-bit integer.
pub fn wide(env: &Env, rng: &mut Rng) -> i64 {
    match rng.below(16) {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => i64::MAX,
        4 => i64::MIN,
        5 => rng.pick(&[0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000, 4096, -4096, 0x7fff_ffff_ffff_f000]),
        6 => 1i64 << rng.below(64),
        7 => (1i64 << rng.below(63)) - 1,
        8 => rng.range(0, 4096),
        9 => rng.range(0, 1 << 20) & !4095,
        10 if !env.canaries.is_empty() => rng.pick(&env.canaries) as i64 + rng.range(0, 64),
        11 => int(rng),
        _ => rng.next() as i64,
    }
}

/// A guest pointer for a parameter of kind `kind`.
pub fn pointer(kind: Kind, env: &Env, mode: Mode, rng: &mut Rng) -> u32 {
    let guarded = mode == Mode::Guarded;
    if env.plausible && !rng.one_in(8) {
        return match rng.below(4) {
            _ if kind == Kind::Path && !env.pool.is_empty() => rng.pick(&env.pool).0,
            0 if !guarded || kind != Kind::Chase => {
                let span = env.size.saturating_sub(LOW_END + 8192).max(8);
                (LOW_END + rng.below(span as u64) as u32) & !7
            }
            _ => SCRATCH + (rng.below(SCRATCH_LEN as u64 - 512) as u32 & !7),
        };
    }
    loop {
        let p = match rng.below(20) {
            0 | 1 => 0,
            2..=6 => {
                let off = rng.below(SCRATCH_LEN as u64 - 64) as u32;
                if kind == Kind::Chase || rng.one_in(2) {
                    SCRATCH + (off & !7)
                } else {
                    SCRATCH + off
                }
            }
            7 | 8 if !env.pool.is_empty() => {
                let (at, len) = rng.pick(&env.pool);
                if rng.one_in(8) {
                    at + rng.below(len as u64 + 1) as u32
                } else {
                    at
                }
            }
            9 | 10 => {
                let span = env.size.saturating_sub(LOW_END).max(1);
                let p = LOW_END + rng.below(span as u64) as u32;
                if rng.one_in(2) {
                    p & !(PAGE - 1)
                } else {
                    p
                }
            }
            11 => env.size.wrapping_sub(rng.range(0, 64) as u32),
            12 => env.size.wrapping_sub(rng.pick(&[4096, 8, 16, 24, 36, 128, 144, 256])),
            13 => env.size.wrapping_add(rng.range(0, 4096) as u32),
            14 => rng.pick(&[0xffff_ffff, 0xffff_fff0, 0x8000_0000, 0x7fff_ffff, 0xffff_f000, env.max, env.max - 1]),
            15 => 0x8000_0000 | rng.u32(),
            16 if !env.maps.is_empty() => {
                let (at, len) = rng.pick(&env.maps);
                at.wrapping_add(rng.below(len.max(1) as u64) as u32 & !7)
            }
            17 if env.race => RACE + rng.below(RACE_LEN as u64 - 64) as u32,
            18 => rng.range(1, 0xfff) as u32,
            _ => SCRATCH + (rng.below(SCRATCH_LEN as u64 / 8) as u32) * 8,
        };
        if !guarded {
            return p;
        }
        // Guarded: nothing below the guard's end but NULL, no race zone, and
        // structs the engine follows only in the fuzzer's own scratch.
        let in_memory = (p as u64) < env.size as u64;
        let ok = match p {
            0 => true,
            _ if p < GUARD_END => false,
            _ if (RACE..RACE + RACE_LEN as u32).contains(&p) => false,
            _ if kind == Kind::Chase && in_memory => (SCRATCH..SCRATCH + SCRATCH_LEN as u32 - 64).contains(&p),
            _ => true,
        };
        if ok {
            return p;
        }
    }
}

/// A length, related to the previous pointer argument when there is one.
pub fn length(prev: Option<u32>, env: &Env, mode: Mode, rng: &mut Rng) -> i64 {
    if let Some(p) = prev.filter(|&p| p != 0 && p < env.size) {
        match rng.below(8) {
            0 => return (env.size - p) as i64,
            1 => return (env.size - p + 1) as i64,
            2 => return (env.size - p).saturating_sub(1) as i64,
            _ => {}
        }
    }
    let _ = mode;
    if env.plausible && !rng.one_in(8) {
        let (small, medium) = (rng.range(1, 64), rng.range(1, 512));
        return rng.pick(&[small, medium, 8, 16, 128, 144, 256, 4096]);
    }
    let v: i64 = match rng.below(12) {
        0 => 0,
        1 => 1,
        2..=4 => rng.range(2, 300),
        5 => rng.pick(&[4096, 4095, 65536, 8, 16, 128, 144, 256, 1024]),
        6 => 0xffff_ffff,
        7 => 0x8000_0000,
        8 => 0x7fff_ffff,
        9 => rng.below(env.size as u64 + 1) as i64,
        10 => rng.u32() as i64,
        _ => rng.range(0, 0x20000),
    };
    v as u32 as i32 as i64
}

/// A count of elements.
pub fn count(env: &Env, rng: &mut Rng) -> i64 {
    if env.plausible && !rng.one_in(8) {
        return rng.range(1, 4);
    }
    match rng.below(10) {
        0 => 0,
        1..=3 => rng.range(1, 4),
        4 => rng.range(5, 64),
        5 => rng.pick(&[1024, 1025, 4096]),
        6 => -1,
        7 => i32::MAX as i64,
        8 => 0x8000_0000u32 as i32 as i64,
        _ => int(rng),
    }
}

/// A descriptor.
pub fn fd(dir: bool, env: &Env, rng: &mut Rng) -> i64 {
    if env.plausible && !env.fds.is_empty() && !rng.one_in(8) {
        return if dir && rng.one_in(4) { libc::AT_FDCWD as i64 } else { rng.pick(&env.fds) as i64 };
    }
    match rng.below(16) {
        0..=7 if !env.fds.is_empty() => rng.pick(&env.fds) as i64,
        8 | 9 if !env.recent_fds.is_empty() => rng.pick(&env.recent_fds) as i64,
        10 => rng.range(0, 2),
        11 => -1,
        12 if dir => libc::AT_FDCWD as i64,
        13 => rng.pick(&[1023, 1024, 65535, i32::MAX as i64, i32::MIN as i64, -2, 100]),
        14 => rng.range(3, 64),
        _ => int(rng),
    }
}

/// A process id the call acts on: the worker itself, its group, or ids
/// that cannot exist. Never -1 (every process) and never another process.
pub fn pid(env: &Env, rng: &mut Rng) -> i64 {
    match rng.below(8) {
        0 => 0,
        1 | 2 => env.pid as i64,
        3 => env.tid as i64,
        4 => -(env.pid as i64),
        5 => env.no_pid as i64 + rng.range(0, 1000),
        6 => -(env.no_pid as i64) - rng.range(0, 1000),
        _ => rng.pick(&[i32::MAX as i64, i32::MIN as i64, -i32::MAX as i64]),
    }
}

/// A process id for calls that only read about processes.
pub fn pid_any(env: &Env, rng: &mut Rng) -> i64 {
    match rng.below(4) {
        0 => pid(env, rng),
        1 => -1,
        2 => rng.range(1, 4000),
        _ => int(rng),
    }
}

pub fn sig(rng: &mut Rng) -> i64 {
    match rng.below(10) {
        0..=6 => rng.range(0, 64),
        7 => 65,
        8 => rng.pick(&[-1, 128, i32::MAX as i64, i32::MIN as i64]),
        _ => int(rng),
    }
}

pub fn uid(env: &Env, rng: &mut Rng) -> i64 {
    match rng.below(8) {
        0 => env.uid as i64,
        1 => env.gid as i64,
        2 => 0,
        3 | 4 => -1,
        5 => 65534,
        _ => int(rng),
    }
}

/// A timeout in milliseconds: mostly short, sometimes forever.
pub fn timeout(rng: &mut Rng) -> i64 {
    match rng.below(10) {
        0..=4 => 0,
        5 => 1,
        6 => rng.range(2, 20),
        7 => -1,
        8 => i32::MAX as i64,
        _ => int(rng),
    }
}

/// An mmap-family address: in the free area and beyond, never in the
/// fuzzer's low region (NULL would cover it: `munmap(NULL, len)` unmaps the
/// guest's first pages; only mmap's hint is NULL at times, see `domain`).
pub fn map_addr(env: &Env, rng: &mut Rng) -> u32 {
    loop {
        let p = match rng.below(10) {
            0 => LOW_END,
            1..=3 if !env.maps.is_empty() => {
                let (at, len) = rng.pick(&env.maps);
                if rng.one_in(2) {
                    at
                } else {
                    at.wrapping_add((rng.below(len.max(1) as u64) as u32) & !(PAGE - 1))
                }
            }
            4 | 5 => LOW_END + ((rng.below(env.size.saturating_sub(LOW_END).max(1) as u64) as u32) & !(PAGE - 1)),
            6 => env.size & !(PAGE - 1),
            7 => LOW_END + ((rng.below(env.max.saturating_sub(LOW_END) as u64) as u32) & !(PAGE - 1)),
            8 => rng.pick(&[0xffff_f000, 0xffff_ffff, env.max, env.max - PAGE, 0x8000_0000]),
            _ => LOW_END + rng.below(env.size.saturating_sub(LOW_END).max(1) as u64) as u32,
        };
        if p >= LOW_END {
            return p;
        }
    }
}

pub fn map_len(env: &Env, rng: &mut Rng) -> i64 {
    let v: i64 = match rng.below(10) {
        0 => 0,
        1..=3 => PAGE as i64 * rng.range(1, 16),
        4 => rng.range(1, 3 * PAGE as i64),
        5 => 65536 * rng.range(1, 64),
        6 => rng.pick(&[0xffff_ffff, 0xffff_f000, 0x8000_0000, env.max as i64, (env.max - LOW_END) as i64]),
        7 => env.size.saturating_sub(LOW_END) as i64,
        _ => rng.below(1 << 24) as i64,
    };
    v as u32 as i32 as i64
}

/// A thread start function: the module's entry (table index 3) but for 1 in 256.
pub fn table_idx(rng: &mut Rng) -> i64 {
    if rng.one_in(256) {
        rng.pick(&[0, 1, 2, 4, 99, -1])
    } else {
        3
    }
}

/// Meaningful values for particular parameters (commands, flags...), tried
/// half the time instead of a generic integer.
fn domain(name: &str, idx: usize, rng: &mut Rng) -> Option<i64> {
    let bits = |rng: &mut Rng, set: &[i64]| -> i64 {
        let mut v = 0;
        for b in set {
            if rng.one_in(3) {
                v |= b;
            }
        }
        v
    };
    use libc::*;
    Some(match (name, idx) {
        ("SYS_open", 1) | ("SYS_openat", 2) => {
            let acc = rng.range(0, 3);
            acc | bits(
                rng,
                &[
                    O_CREAT as i64,
                    O_EXCL as i64,
                    O_TRUNC as i64,
                    O_APPEND as i64,
                    O_NONBLOCK as i64,
                    O_DIRECTORY as i64,
                    O_NOFOLLOW as i64,
                    O_CLOEXEC as i64,
                    O_PATH as i64,
                    O_NOCTTY as i64,
                    O_SYNC as i64,
                    O_TMPFILE as i64,
                ],
            )
        }
        ("SYS_open", 2) | ("SYS_openat", 3) | ("SYS_mkdir", 1) | ("SYS_mkdirat", 2) | ("SYS_chmod", 1)
        | ("SYS_fchmod", 1) | ("SYS_fchmodat", 2) | ("SYS_umask", 0) => rng.pick(&[0o644, 0o755, 0o777, 0, 0o4755, 0o7777, 0o600]),
        ("SYS_mknod", 1) | ("SYS_mknodat", 2) => {
            rng.pick(&[S_IFIFO, S_IFREG, S_IFSOCK, S_IFCHR, S_IFBLK, S_IFDIR, 0]) as i64 | 0o644
        }
        ("SYS_fcntl", 1) => rng.pick(&[
            F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW, F_SETOWN, F_GETOWN, 10, 11,
            15, 16, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_SETLEASE, F_GETLEASE, F_NOTIFY, F_DUPFD_CLOEXEC,
            F_SETPIPE_SZ, F_GETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS, 1035, 1036, 1037, 1038, 1039, 1040, 17, 1033,
        ]) as i64,
        ("SYS_fcntl", 2) => rng.pick(&[0, 1, O_NONBLOCK as i64, FD_CLOEXEC as i64, 4096, 65536, 1 << 20]),
        ("SYS_ioctl", 1) => rng.pick(&[
            0x5401, 0x5402, 0x5403, 0x5404, 0x5409, 0x540b, 0x540e, 0x540f, 0x5410, 0x5411, 0x5412, 0x5413,
            0x5414, 0x5415, 0x541b, 0x541d, 0x5421, 0x5422, 0x5423, 0x5424, 0x5425, 0x5429, 0x5437, 0x5441,
            0x5450, 0x5451, 0x5452, 0x5460, 0x8905, 0x8910, 0x8913, 0x8915, 0x8921, 0x8927, 0x8933,
            0x8004_5430u32 as i32, 0x4004_5431, 0x8004_5438u32 as i32, 0x8004_5439u32 as i32,
            0x8004_5440u32 as i32, 0x8008_6601u32 as i32, 0x4008_6602, 0x8004_5200u32 as i32, 0x1268,
            0x8008_1272u32 as i32, 0x8901, 0x8902, 0x5401 | 0x1_0000, 0xc020_660bu32 as i32,
        ]) as i64,
        ("SYS_prctl", 0) => rng.range(0, 80),
        ("SYS_socket", 0) | ("SYS_socketpair", 0) => {
            rng.pick(&[AF_UNIX, AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNSPEC, 45, AF_VSOCK]) as i64
        }
        ("SYS_socket", 1) | ("SYS_socketpair", 1) => {
            rng.pick(&[SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW]) as i64
                | bits(rng, &[SOCK_NONBLOCK as i64, SOCK_CLOEXEC as i64])
        }
        ("SYS_socket", 2) | ("SYS_socketpair", 2) => rng.pick(&[0, 0, 0, IPPROTO_TCP, IPPROTO_UDP, 1, 255]) as i64,
        ("SYS_setsockopt", 1) | ("SYS_getsockopt", 1) => {
            rng.pick(&[SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, 263, SOL_NETLINK, 0xff]) as i64
        }
        ("SYS_setsockopt", 2) | ("SYS_getsockopt", 2) => rng.range(0, 140),
        ("SYS_mmap", 0) if rng.one_in(3) => 0,
        ("SYS_mmap", 2) | ("SYS_mprotect", 2) => rng.pick(&[0, 1, 2, 3, 3, 3, 4, 5, 7, 8, 0x0100_0000]) as i64,
        ("SYS_mmap", 3) => {
            let kind = rng.pick(&[MAP_PRIVATE, MAP_PRIVATE, MAP_SHARED, MAP_SHARED_VALIDATE, 0]) as i64;
            let anon = if rng.one_in(3) { 0 } else { MAP_ANONYMOUS as i64 };
            kind | anon
                | bits(
                    rng,
                    &[
                        MAP_FIXED as i64,
                        MAP_FIXED_NOREPLACE as i64,
                        MAP_POPULATE as i64,
                        MAP_NORESERVE as i64,
                        MAP_STACK as i64,
                        MAP_GROWSDOWN as i64,
                    ],
                )
                | if rng.one_in(16) { rng.pick(&[MAP_HUGETLB, MAP_LOCKED, MAP_SYNC, 0x0800_0000]) as i64 } else { 0 }
        }
        ("SYS_mremap", 3) => rng.pick(&[0, MREMAP_MAYMOVE, MREMAP_MAYMOVE | MREMAP_FIXED, MREMAP_FIXED, 4, 7]) as i64,
        ("SYS_madvise", 2) => rng.range(0, 26),
        ("SYS_msync", 2) => rng.pick(&[MS_ASYNC, MS_SYNC, MS_INVALIDATE, MS_ASYNC | MS_SYNC, 0]) as i64,
        ("SYS_mlockall", 0) => rng.range(0, 8),
        ("SYS_futex", 1) => {
            rng.range(0, 13) | bits(rng, &[FUTEX_PRIVATE_FLAG as i64, FUTEX_CLOCK_REALTIME as i64])
        }
        ("SYS_futex", 2) | ("SYS_futex", 5) => rng.pick(&[0, 1, -1, 2, i32::MAX as i64]),
        ("SYS_clock_gettime", 0) | ("SYS_clock_getres", 0) | ("SYS_clock_nanosleep", 0) | ("SYS_timerfd_create", 0) => {
            rng.pick(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, -2, -6, 12, 16])
        }
        ("SYS_clock_nanosleep", 1) | ("SYS_timerfd_settime", 1) => rng.pick(&[0, 1, 2, 3]),
        ("SYS_rt_sigprocmask", 0) => rng.range(0, 3),
        ("SYS_getrlimit", 0) | ("SYS_setrlimit", 0) | ("SYS_prlimit64", 1) => rng.range(0, 16),
        ("SYS_setitimer", 0) | ("SYS_getitimer", 0) => rng.range(0, 3),
        ("SYS_lseek", 2) => rng.range(0, 5),
        ("SYS_flock", 1) => rng.pick(&[LOCK_SH, LOCK_EX, LOCK_UN, LOCK_SH | LOCK_NB, LOCK_EX | LOCK_NB, 0]) as i64,
        ("SYS_wait4", 2) | ("SYS_waitid", 3) => {
            WNOHANG as i64 | bits(rng, &[WUNTRACED as i64, WCONTINUED as i64, WEXITED as i64, WNOWAIT as i64, __WALL as i64])
        }
        ("SYS_waitid", 0) => rng.range(0, 4),
        ("SYS_epoll_ctl", 1) => rng.range(0, 4),
        ("SYS_shutdown", 1) => rng.range(0, 3),
        ("SYS_access", 1) | ("SYS_faccessat", 2) | ("SYS_faccessat2", 2) => rng.range(0, 8),
        ("SYS_renameat2", 4) => rng.range(0, 7),
        ("SYS_newfstatat", 3) | ("SYS_fchownat", 4) | ("SYS_linkat", 4) | ("SYS_utimensat", 3)
        | ("SYS_faccessat2", 3) | ("SYS_statx", 2) | ("SYS_unlinkat", 2) | ("SYS_fchmodat", 3) => {
            bits(rng, &[AT_SYMLINK_NOFOLLOW as i64, AT_REMOVEDIR as i64, AT_EMPTY_PATH as i64, AT_SYMLINK_FOLLOW as i64, AT_EACCESS as i64])
        }
        ("SYS_getrandom", 2) => rng.pick(&[0, 1, 2, 3, 4]),
        ("SYS_statx", 3) => rng.pick(&[0x7ff, 0xfff, 0, 0x8000_0000u32 as i32 as i64]),
        ("SYS_memfd_create", 1) => rng.range(0, 8),
        ("SYS_splice", 5) | ("SYS_tee", 3) | ("SYS_copy_file_range", 5) => rng.pick(&[0, 1, 2, 3, 4, 8]),
        ("SYS_fallocate", 1) => rng.pick(&[0, 1, 3, 0x8, 0x10, 0x11, 0x20]),
        ("SYS_fadvise", 3) => rng.range(0, 6),
        ("SYS_getpriority", 0) | ("SYS_setpriority", 0) => rng.range(0, 3),
        ("SYS_setpriority", 2) => rng.range(-20, 19),
        ("SYS_sched_setscheduler", 1) => rng.range(0, 7),
        ("SYS_sendto", 3) | ("SYS_recvfrom", 3) | ("SYS_sendmsg", 2) | ("SYS_recvmsg", 2) => {
            MSG_DONTWAIT as i64 | bits(rng, &[MSG_PEEK as i64, MSG_TRUNC as i64, MSG_WAITALL as i64, MSG_OOB as i64, MSG_NOSIGNAL as i64, MSG_CMSG_CLOEXEC as i64])
        }
        ("SYS_accept4", 3) | ("SYS_pipe2", 1) | ("SYS_eventfd2", 1) | ("SYS_dup3", 2) | ("SYS_epoll_create1", 0)
        | ("SYS_inotify_init1", 0) | ("SYS_signalfd4", 3) | ("SYS_timerfd_create", 1) => {
            rng.pick(&[0, O_CLOEXEC, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK, O_DIRECT, 1]) as i64
        }
        ("SYS_inotify_add_watch", 2) => rng.pick(&[0xfff, 0x2, 0x100, 0x4000_0000, 0]),
        ("SYS_listen", 1) => rng.pick(&[0, 1, 128, -1]),
        ("SYS_rt_sigaction", 3) | ("SYS_rt_sigprocmask", 3) | ("SYS_rt_sigpending", 1) | ("SYS_rt_sigsuspend", 1)
        | ("SYS_rt_sigtimedwait", 3) | ("SYS_signalfd", 2) | ("SYS_signalfd4", 2) | ("SYS_epoll_pwait", 5)
        | ("SYS_ppoll", 4) => rng.pick(&[8, 8, 8, 0, 4, 16, 128]),
        ("__cl_get_argv_len", 0) | ("__cl_copy_argv", 1) => rng.range(0, 4),
        ("SYS_getrusage", 0) => rng.pick(&[0, -1, 1, 2]),
        _ => return None,
    })
}

/// A pointer for a typed parameter: in plausible calls, a struct of its type.
fn typed_pointer(kind: Kind, item: Option<Item>, env: &Env, mode: Mode, rng: &mut Rng) -> u32 {
    if let Some(it) = item.filter(|_| env.plausible && !rng.one_in(4)) {
        let n = env.items.iter().filter(|(i, _)| *i == it).count();
        if n > 0 {
            let k = rng.below(n as u64) as usize;
            if let Some((_, at)) = env.items.iter().filter(|(i, _)| *i == it).nth(k) {
                return *at;
            }
        }
    }
    pointer(kind, env, mode, rng)
}

/// The arguments of one call.
pub fn args(t: &Target, env: &Env, mode: Mode, rng: &mut Rng) -> [i64; 6] {
    if env.plausible {
        if let Some(a) = mapping_call(t.name, env, rng) {
            return a;
        }
    }
    let mut a = [0i64; 6];
    let mut prev: Option<u32> = None;
    for (i, kind) in t.kinds.iter().enumerate() {
        let tried = if env.plausible { !rng.one_in(8) } else { rng.one_in(2) };
        let mut v = if let Some(d) = tried.then(|| domain(t.name, i, rng)).flatten() {
            d
        } else {
            match kind {
                Kind::Int | Kind::Wide if env.plausible && !rng.one_in(4) => rng.range(0, 64),
                Kind::Fd => fd(false, env, rng),
                Kind::DirFd => fd(true, env, rng),
                Kind::Buf | Kind::Chase | Kind::Path => {
                    let p = typed_pointer(*kind, t.structs[i], env, mode, rng);
                    prev = Some(p);
                    p as i64
                }
                Kind::Len => length(prev, env, mode, rng),
                Kind::Count => count(env, rng),
                Kind::Int => int(rng),
                Kind::Wide => wide(env, rng),
                Kind::WidePtr => match rng.below(6) {
                    0 | 1 => pointer(Kind::Buf, env, mode, rng) as i64,
                    2 => (pointer(Kind::Buf, env, mode, rng) as i64) | (1 << (32 + rng.below(31))),
                    _ => wide(env, rng),
                },
                Kind::Pid => pid(env, rng),
                Kind::PidAny => pid_any(env, rng),
                Kind::Sig => sig(rng),
                Kind::Uid => uid(env, rng),
                Kind::MapAddr => map_addr(env, rng) as i64,
                Kind::MapLen => map_len(env, rng),
                Kind::Timeout => timeout(rng),
                Kind::TableIdx => table_idx(rng),
            }
        };
        // Guarded: an integer the engine may take as a pointer does not point into the guard.
        if mode == Mode::Guarded && *kind == Kind::WidePtr && (1..GUARD_END as i64).contains(&v) {
            v |= GUARD_END as i64;
        }
        a[i] = v;
    }
    a
}

/// An open or exec of a path to the memory file, with the flags that would
/// read or write it or name it (fd races kind); also the directory to make
/// the working directory first, for paths relative to it.
pub fn mem_path_call(name: &str, env: &Env, rng: &mut Rng) -> Option<([i64; 6], Option<i32>)> {
    if env.mem_paths.is_empty() {
        return None;
    }
    use libc::*;
    let p = env.mem_paths[rng.below(env.mem_paths.len() as u64) as usize];
    let mut flags = [O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_CREAT, O_WRONLY | O_CREAT | O_TRUNC, O_PATH, O_PATH | O_RDWR]
        [rng.below(7) as usize];
    for extra in [O_NOFOLLOW, O_CLOEXEC, O_APPEND, O_NONBLOCK, O_EXCL, O_DIRECTORY, O_TMPFILE] {
        if rng.one_in(12) {
            flags |= extra;
        }
    }
    let mode = 0o600;
    Some(match name {
        // `open` has no directory: only paths that do not need one.
        "SYS_open" if p.dir == AT_FDCWD => ([p.at as i64, flags as i64, mode, 0, 0, 0], p.cwd),
        "SYS_openat" => ([p.dir as i64, p.at as i64, flags as i64, mode, 0, 0], p.cwd),
        "SYS_execve" if p.dir == AT_FDCWD => ([p.at as i64, 0, 0, 0, 0, 0], p.cwd),
        _ => return None,
    })
}

/// Structurally valid calls of the mmap family, on the mappings the worker
/// made: the mmap manager's deeper paths (splitting, moving, protecting,
/// file-backed pages) need them.
fn mapping_call(name: &str, env: &Env, rng: &mut Rng) -> Option<[i64; 6]> {
    let page = PAGE as i64;
    // A page range inside a recent mapping, or in the free area.
    let range = |rng: &mut Rng| -> (i64, i64) {
        if !env.maps.is_empty() && !rng.one_in(4) {
            let (at, len) = rng.pick(&env.maps);
            let pages = (len as i64 + page - 1) / page;
            let first = rng.range(0, (pages - 1).max(0));
            let n = rng.range(1, (pages - first).max(1));
            (at as i64 + first * page, n * page)
        } else {
            let span = (env.size.saturating_sub(LOW_END) / PAGE).max(1) as i64;
            let first = rng.range(0, span - 1);
            (LOW_END as i64 + first * page, rng.range(1, 4) * page)
        }
    };
    let prot = |rng: &mut Rng| rng.pick(&[3, 3, 1, 0, 2, 7]);
    Some(match name {
        "SYS_mmap" => {
            let anon = !rng.one_in(3);
            let len = page * rng.range(1, 16) - if rng.one_in(4) { rng.range(1, page - 1) } else { 0 };
            let kind = if rng.one_in(3) { libc::MAP_SHARED } else { libc::MAP_PRIVATE } as i64;
            let (addr, fixed) = if rng.one_in(3) {
                let (at, _) = range(rng);
                (at, if rng.one_in(4) { libc::MAP_FIXED_NOREPLACE } else { libc::MAP_FIXED } as i64)
            } else {
                (0, 0)
            };
            let (flags, fd, off) = if anon {
                (kind | libc::MAP_ANONYMOUS as i64 | fixed, -1, 0)
            } else {
                let fd = if env.fds.is_empty() { -1 } else { rng.pick(&env.fds) as i64 };
                (kind | fixed, fd, rng.pick(&[0, 0, page, 2 * page]))
            };
            [addr, len, prot(rng), flags, fd, off]
        }
        "SYS_munmap" | "SYS_msync" | "SYS_madvise" | "SYS_mlock" | "SYS_munlock" | "SYS_mprotect" => {
            let (at, len) = range(rng);
            let third = match name {
                "SYS_mprotect" => prot(rng),
                "SYS_msync" => rng.pick(&[libc::MS_ASYNC, libc::MS_SYNC, libc::MS_SYNC | libc::MS_INVALIDATE]) as i64,
                "SYS_madvise" => rng.pick(&[0, 1, 2, 3, 4, 8, 14, 15, 20, 21, 9, 10]),
                _ => 0,
            };
            [at, len, third, 0, 0, 0]
        }
        "SYS_mremap" => {
            let (at, len) = range(rng);
            let new_len = rng.pick(&[len / 2 / page * page, len, len + page, len * 2, len + 16 * page]).max(page);
            let flags = rng.pick(&[0, libc::MREMAP_MAYMOVE, libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED]) as i64;
            let (dest, _) = range(rng);
            [at, len, new_len, flags, dest, 0]
        }
        _ => return None,
    })
}

/// Whether a parameter is a pointer (or may be one).
pub fn is_pointer(kind: Kind) -> bool {
    matches!(kind, Kind::Buf | Kind::Chase | Kind::Path | Kind::WidePtr | Kind::MapAddr)
}

fn put32(img: &mut [u8], at: &mut usize, v: u32) {
    img[*at..*at + 4].copy_from_slice(&v.to_le_bytes());
    *at += 4;
}

/// Fills the scratch part of the image with structs and values; returns
/// where the structs are.
pub fn scratch(img: &mut [u8], env: &Env, mode: Mode, rng: &mut Rng) -> Vec<(Item, u32)> {
    let mut items = Vec::new();
    // Nothing of an earlier image may survive (in gaps or the tail).
    img.fill(0);
    let free = mode == Mode::Free;
    let mut at = 0usize;
    let n = img.len();
    let ptr = |rng: &mut Rng| pointer(Kind::Buf, env, mode, rng);
    while at + 64 <= n {
        let start = at;
        match rng.below(20) {
            // words
            0 | 1 => {
                for _ in 0..rng.range(1, 8) {
                    let v = match rng.below(8) {
                        0 => 0,
                        1 if free => rng.range(0, 64) as u32,
                        2 if free && !env.fds.is_empty() => rng.pick(&env.fds) as u32,
                        3 | 4 => ptr(rng),
                        5 => length(None, env, mode, rng) as u32,
                        6 => u32::MAX,
                        _ => rng.u32(),
                    };
                    put32(img, &mut at, v);
                }
            }
            // 64-bit values, host addresses among them
            2 | 3 => {
                for _ in 0..rng.range(1, 4) {
                    at = (at + 7) & !7;
                    let v = match rng.below(6) {
                        0 if !env.mirror.is_empty() => rng.pick(&env.mirror) + rng.below(64),
                        1 if free && !env.canaries.is_empty() => rng.pick(&env.canaries) + rng.below(64),
                        2 => 0,
                        _ => wide(env, rng) as u64,
                    };
                    img[at..at + 8].copy_from_slice(&v.to_le_bytes());
                    at += 8;
                }
            }
            // iovec arrays
            4 | 5 => {
                items.push((Item::Iovec, SCRATCH + at as u32));
                for _ in 0..rng.range(1, 6) {
                    let base = ptr(rng);
                    put32(img, &mut at, base);
                    let len = if rng.one_in(2) { length(Some(base), env, mode, rng) as u32 } else { rng.range(0, 256) as u32 };
                    put32(img, &mut at, len);
                }
            }
            // msghdr, followed by its iovecs and a name
            6 => {
                items.push((Item::Msghdr, SCRATCH + at as u32));
                let iov_at = SCRATCH + (at as u32) + 40;
                let vals = [
                    ptr(rng),
                    rng.pick(&[0, 16, 28, 110, 128, 0xffff_ffff]),
                    // Guarded: the iovecs the engine follows are the fuzzer's own.
                    if free && rng.one_in(4) { ptr(rng) } else { iov_at },
                    rng.pick(&[0, 1, 2, 3, 1024, 1025, 0xffff_ffff]),
                    0,
                    ptr(rng),
                    rng.pick(&[0, 16, 24, 64, 0xffff_fff0]),
                    0,
                    rng.u32() & 0x4000_0fff,
                ];
                for v in vals {
                    put32(img, &mut at, v);
                }
                at += 4;
                for _ in 0..3 {
                    let base = ptr(rng);
                    put32(img, &mut at, base);
                    put32(img, &mut at, rng.range(0, 300) as u32);
                }
            }
            // k_sigaction: handler, flags (u64), restorer, mask (u64)
            7 => {
                items.push((Item::Sigaction, SCRATCH + at as u32));
                let handler = match rng.below(6) {
                    0..=2 if free => rng.range(1, 7) as u32,
                    3 => rng.pick(&[0, u32::MAX - 1, u32::MAX]),
                    _ => rng.u32(),
                };
                put32(img, &mut at, handler);
                let flags = [libc::SA_SIGINFO, libc::SA_RESTART, libc::SA_RESETHAND, libc::SA_NODEFER, libc::SA_ONSTACK, libc::SA_NOCLDSTOP];
                let mut f = 0u64;
                for b in flags {
                    if rng.one_in(3) {
                        f |= b as u64;
                    }
                }
                if rng.one_in(8) {
                    f = rng.next();
                }
                img[at..at + 8].copy_from_slice(&f.to_le_bytes());
                at += 8;
                put32(img, &mut at, rng.u32());
                img[at..at + 8].copy_from_slice(&rng.next().to_le_bytes());
                at += 8;
            }
            // timespecs / timevals (one or two): seconds, nanoseconds
            8..=10 => {
                at = (at + 7) & !7;
                items.push((Item::Time, SCRATCH + at as u32));
                for _ in 0..rng.range(1, 2) {
                    let sec: i64 = match rng.below(8) {
                        0..=3 => 0,
                        4 => 1,
                        5 => i64::MAX,
                        6 => -1,
                        _ => rng.next() as i64 >> rng.below(64),
                    };
                    let nsec: i64 = match rng.below(6) {
                        0 | 1 => 0,
                        2 => rng.range(1, 999_999_999),
                        3 => rng.range(1, 999_999),
                        4 => rng.pick(&[1_000_000_000, -1, 999_999_999, libc::UTIME_NOW, libc::UTIME_OMIT]),
                        _ => rng.next() as i64,
                    };
                    img[at..at + 8].copy_from_slice(&sec.to_le_bytes());
                    img[at + 8..at + 16].copy_from_slice(&nsec.to_le_bytes());
                    at += 16;
                }
            }
            // pollfds / epoll events
            11 => {
                items.push((Item::Pollfd, SCRATCH + at as u32));
                for _ in 0..rng.range(1, 4) {
                    let fd = if free && !env.fds.is_empty() { rng.pick(&env.fds) as u32 } else { rng.u32() };
                    put32(img, &mut at, fd);
                    put32(img, &mut at, rng.u32() & 0x3ff | (rng.u32() & 0x8000_0000));
                }
            }
            // socket addresses
            12 => {
                items.push((Item::Sockaddr, SCRATCH + at as u32));
                let family: u16 = rng.pick(&[1, 1, 2, 10, 16, 17, 0, 0xffff]);
                img[at..at + 2].copy_from_slice(&family.to_le_bytes());
                let rest: &[u8] = match family {
                    1 => rng.pick(&[&b"sock\0"[..], b"\0abstract-fuzz", b"dir/sock\0", b"/nonexistent/s\0"]),
                    2 => rng.pick(&[&[0x1f, 0x90, 127, 0, 0, 1][..], &[0, 0, 0, 0, 0, 0], &[0x00, 0x35, 127, 0, 0, 53]]),
                    _ => &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
                };
                img[at + 2..at + 2 + rest.len()].copy_from_slice(rest);
                at += 2 + rest.len();
            }
            // rlimits, sigsets: 64-bit pairs
            13 => {
                at = (at + 7) & !7;
                items.push((Item::Pair64, SCRATCH + at as u32));
                for _ in 0..2 {
                    let v: u64 = match rng.below(5) {
                        0 => u64::MAX,
                        1 => 0,
                        2 => rng.below(1 << 20),
                        3 => !(1u64 << (WATCHDOG - 1)),
                        _ => rng.next(),
                    };
                    img[at..at + 8].copy_from_slice(&v.to_le_bytes());
                    at += 8;
                }
            }
            // argv-style arrays of string pointers
            14 if !env.pool.is_empty() => {
                items.push((Item::Argv, SCRATCH + at as u32));
                for _ in 0..rng.range(0, 4) {
                    let v = if rng.one_in(6) { ptr(rng) } else { rng.pick(&env.pool).0 };
                    put32(img, &mut at, v);
                }
                if !rng.one_in(8) {
                    put32(img, &mut at, 0);
                }
            }
            // pselect6's sigmask pair: { sigset pointer (64-bit slot), size }
            15 => {
                at = (at + 7) & !7;
                items.push((Item::SigmaskPair, SCRATCH + at as u32));
                let p = if rng.one_in(8) { rng.next() } else { ptr(rng) as u64 };
                img[at..at + 8].copy_from_slice(&p.to_le_bytes());
                let size: u64 = rng.pick(&[8, 8, 0, 16, u64::MAX, 0x1_0000_0008]);
                img[at + 8..at + 16].copy_from_slice(&size.to_le_bytes());
                at += 16;
            }
            // random bytes; copies of strings
            16 if free => {
                let len = rng.range(8, 56) as usize;
                rng.fill(&mut img[at..at + len]);
                at += len;
            }
            17 if free && !env.pool.is_empty() => {
                let s = POOL_STRINGS[rng.below(POOL_STRINGS.len() as u64) as usize];
                img[at..at + s.len()].copy_from_slice(s);
                at += s.len() + 1;
            }
            _ => {
                at += 8 * rng.range(1, 4) as usize;
            }
        }
        at = ((at.max(start + 4)) + 7) & !7;
    }
    if !free {
        // Guarded: no 32-bit word points below the guard's end.
        for o in (0..n).step_by(4) {
            let w = u32::from_le_bytes(img[o..o + 4].try_into().unwrap());
            if (1..GUARD_END).contains(&w) {
                img[o..o + 4].copy_from_slice(&(w | GUARD_END).to_le_bytes());
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        let mut pool = vec![0u8; POOL_LEN];
        Env {
            size: 1 << 20,
            max: 64 << 20,
            fds: vec![3, 4, 5],
            recent_fds: vec![],
            maps: vec![(0x40000, 0x3000)],
            pid: 1000,
            tid: 1000,
            uid: 1,
            gid: 1,
            no_pid: 1 << 22,
            canaries: vec![0x7f00_0000_1000],
            mirror: vec![0x10000],
            pool: fill_pool(&mut pool),
            race: true,
            plausible: false,
            items: vec![],
            mem_paths: vec![],
        }
    }

    #[test]
    fn guarded_images_and_pointers_stay_clear_of_the_guard() {
        let env = env();
        let mut rng = Rng::new(7);
        let mut img = vec![0u8; SCRATCH_LEN];
        for _ in 0..50 {
            // A free image first, in the same buffer: nothing of it may remain.
            scratch(&mut img, &env, Mode::Free, &mut rng);
            let items = scratch(&mut img, &env, Mode::Guarded, &mut rng);
            assert!(items.iter().all(|(_, at)| (SCRATCH..SCRATCH + SCRATCH_LEN as u32).contains(at)));
            for w in img.chunks_exact(4) {
                let w = u32::from_le_bytes(w.try_into().unwrap());
                assert!(w == 0 || w >= GUARD_END, "word {w:#x}");
            }
        }
        let mut env = env;
        for i in 0..20000 {
            env.plausible = i % 2 == 0;
            for kind in [Kind::Buf, Kind::Chase, Kind::Path] {
                let p = pointer(kind, &env, Mode::Guarded, &mut rng);
                assert!(p == 0 || p >= GUARD_END);
                assert!(!(RACE..RACE + RACE_LEN as u32).contains(&p));
            }
            let m = map_addr(&env, &mut rng);
            assert!(m >= LOW_END);
            let p = pid(&env, &mut rng);
            assert!(p != -1 && (p == 0 || p.abs() == 1000 || p.abs() >= 1 << 22));
        }
    }

    #[test]
    fn every_target_gets_arguments() {
        let mut env = env();
        let mut rng = Rng::new(1);
        for t in crate::target::targets() {
            for i in 0..200 {
                env.plausible = i % 2 == 0;
                let a = args(&t, &env, Mode::Free, &mut rng);
                assert!(a[t.params.len()..].iter().all(|&v| v == 0), "{}", t.name);
            }
        }
    }
}
