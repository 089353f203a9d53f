//! Structs whose host layout differs from the interface's (x86_64's, as the
//! spec's `layouts.txt` gives them). Decided per struct from the kernel
//! headers of x86_64, arm64 and riscv:
//! - `struct stat`: x86_64 has its own (144 bytes, `st_nlink` 8 bytes before
//!   `st_mode`); arm64 and riscv use `asm-generic/stat.h` (128 bytes).
//!   Converted on every host, so x86_64 runs the same code.
//! - `struct epoll_event`: packed (12 bytes) only on x86_64; 16 elsewhere.
//!   Passed through where it matches, converted where not.
//! - The same on all three (64-bit `asm-generic` or identical): `statfs`,
//!   `flock`, `rlimit`, `rusage`, `sysinfo`, `timespec`, `timeval`, `itimerval`,
//!   `termios` (the kernel's, for `TCGETS`), `winsize`, `pollfd`, `statx`,
//!   `utsname`, `dirent64`, `sockaddr*`, `siginfo_t`, `cmsghdr`,
//!   `signalfd_siginfo`, `inotify_event`; `same.rs` checks their sizes. `stack_t` and the guest's `sigaction` are wasm32 structs
//!   the engine translates anyway (signal.rs).

use crate::memory::{Errno, GuestMemory};

/// The interface's `struct stat` (x86_64's `arch/x86/include/uapi/asm/stat.h`).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Stat {
    pub dev: u64,
    pub ino: u64,
    pub nlink: u64,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub pad0: u32,
    pub rdev: u64,
    pub size: i64,
    pub blksize: i64,
    pub blocks: i64,
    pub atime: i64,
    pub atime_nsec: i64,
    pub mtime: i64,
    pub mtime_nsec: i64,
    pub ctime: i64,
    pub ctime_nsec: i64,
    pub unused: [i64; 3],
}

pub const STAT: usize = 144;
const _: () = assert!(std::mem::size_of::<Stat>() == STAT);
#[cfg(target_arch = "x86_64")]
const _: () = assert!(std::mem::size_of::<libc::stat>() == 144);
#[cfg(not(target_arch = "x86_64"))]
const _: () = assert!(std::mem::size_of::<libc::stat>() == 128);

impl Stat {
    /// From the host kernel's `struct stat` (field types differ per host:
    /// the casts widen or keep them).
    #[allow(clippy::unnecessary_cast)]
    pub fn from_host(s: &libc::stat) -> Stat {
        Stat {
            dev: s.st_dev as u64,
            ino: s.st_ino as u64,
            nlink: s.st_nlink as u64,
            mode: s.st_mode as u32,
            uid: s.st_uid as u32,
            gid: s.st_gid as u32,
            pad0: 0,
            rdev: s.st_rdev as u64,
            size: s.st_size as i64,
            blksize: s.st_blksize as i64,
            blocks: s.st_blocks as i64,
            atime: s.st_atime as i64,
            atime_nsec: s.st_atime_nsec as i64,
            mtime: s.st_mtime as i64,
            mtime_nsec: s.st_mtime_nsec as i64,
            ctime: s.st_ctime as i64,
            ctime_nsec: s.st_ctime_nsec as i64,
            unused: [0; 3],
        }
    }

    fn bytes(&self) -> [u8; STAT] {
        // SAFETY: plain integers, no padding (the size assertion above).
        unsafe { std::mem::transmute_copy(self) }
    }
}

/// Runs a host stat call on a host `struct stat` and, when it succeeds,
/// stores the result at guest `buf` in the interface's layout.
pub fn stat_to_guest(mem: &GuestMemory, buf: u32, call: impl FnOnce(*mut libc::stat) -> i64) -> Result<i64, Errno> {
    mem.check(buf, STAT)?;
    // SAFETY: all-zero is a valid `struct stat`.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let r = call(&mut st);
    if r == 0 {
        mem.write(buf, &Stat::from_host(&st).bytes())?;
    }
    Ok(r)
}

/// The interface's `struct epoll_event`: packed, 12 bytes.
pub const EPOLL_EVENT: usize = 12;

/// Whether the host's `struct epoll_event` is the interface's, so guest
/// arrays go to the kernel as they are.
pub const EPOLL_NATIVE: bool = std::mem::size_of::<libc::epoll_event>() == EPOLL_EVENT;

/// One guest event (events, then the 64-bit user data) as the host's.
pub fn epoll_from_guest(raw: &[u8; EPOLL_EVENT]) -> libc::epoll_event {
    libc::epoll_event {
        events: u32::from_le_bytes(raw[0..4].try_into().unwrap()),
        u64: u64::from_le_bytes(raw[4..12].try_into().unwrap()),
    }
}

/// One host event in the guest's packed layout.
pub fn epoll_to_guest(ev: &libc::epoll_event) -> [u8; EPOLL_EVENT] {
    let mut raw = [0u8; EPOLL_EVENT];
    let (events, data) = (ev.events, ev.u64);
    raw[0..4].copy_from_slice(&events.to_le_bytes());
    raw[4..12].copy_from_slice(&data.to_le_bytes());
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offsets from the spec's `layouts.txt`, which the guest's C headers follow.
    #[test]
    fn stat_is_the_interface_layout() {
        let spec = wali_abi::layout("struct stat").expect("layouts.txt has struct stat");
        assert_eq!(spec.size, STAT);
        let ours = [
            ("st_dev", std::mem::offset_of!(Stat, dev)),
            ("st_ino", std::mem::offset_of!(Stat, ino)),
            ("st_nlink", std::mem::offset_of!(Stat, nlink)),
            ("st_mode", std::mem::offset_of!(Stat, mode)),
            ("st_uid", std::mem::offset_of!(Stat, uid)),
            ("st_gid", std::mem::offset_of!(Stat, gid)),
            ("st_rdev", std::mem::offset_of!(Stat, rdev)),
            ("st_size", std::mem::offset_of!(Stat, size)),
            ("st_blksize", std::mem::offset_of!(Stat, blksize)),
            ("st_blocks", std::mem::offset_of!(Stat, blocks)),
            ("st_atim", std::mem::offset_of!(Stat, atime)),
            ("st_mtim", std::mem::offset_of!(Stat, mtime)),
            ("st_ctim", std::mem::offset_of!(Stat, ctime)),
        ];
        for (field, off) in ours {
            assert_eq!(spec.offset(field), Some(off), "{field}");
        }
    }

    #[test]
    fn stat_fields_land_where_the_guest_reads_them() {
        // SAFETY: all-zero is a valid `struct stat`.
        let mut h: libc::stat = unsafe { std::mem::zeroed() };
        h.st_dev = 0x0102;
        h.st_ino = 0x0304;
        h.st_nlink = 5;
        h.st_mode = 0o100644;
        h.st_uid = 1000;
        h.st_gid = 1001;
        h.st_rdev = 0x0506;
        h.st_size = 1 << 40;
        h.st_blksize = 4096;
        h.st_blocks = 8;
        h.st_atime = 11;
        h.st_atime_nsec = 12;
        h.st_mtime = 13;
        h.st_mtime_nsec = 14;
        h.st_ctime = 15;
        h.st_ctime_nsec = 16;
        let b = Stat::from_host(&h).bytes();
        let u64_at = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap());
        let u32_at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
        assert_eq!((u64_at(0), u64_at(8), u64_at(16)), (0x0102, 0x0304, 5));
        assert_eq!((u32_at(24), u32_at(28), u32_at(32)), (0o100644, 1000, 1001));
        assert_eq!((u64_at(40), u64_at(48), u64_at(56), u64_at(64)), (0x0506, 1 << 40, 4096, 8));
        assert_eq!((u64_at(72), u64_at(80), u64_at(88), u64_at(96), u64_at(104), u64_at(112)), (11, 12, 13, 14, 15, 16));
    }

    #[test]
    fn epoll_event_is_packed_in_the_guest() {
        let spec = wali_abi::layout("struct epoll_event").expect("layouts.txt has struct epoll_event");
        assert_eq!((spec.size, spec.offset("events"), spec.offset("data")), (EPOLL_EVENT, Some(0), Some(4)));
        let raw = [1, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1];
        let ev = epoll_from_guest(&raw);
        let (events, data) = (ev.events, ev.u64);
        assert_eq!((events, data), (1, 0x0102_0304_0506_0708));
        assert_eq!(epoll_to_guest(&ev), raw);
        assert_eq!(EPOLL_NATIVE, cfg!(target_arch = "x86_64"));
    }
}
