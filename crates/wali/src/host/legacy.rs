//! The interface's legacy calls, which arm64's and riscv's generic syscall
//! table does not have, issued as their newer forms. Every host goes this
//! way, x86_64 too: the newer call does the same thing there, and one code
//! path is the one the test suite runs. Arguments are host-ready (checked
//! guest pointers already turned into host addresses). Calls whose `*at`
//! form the handler needs anyway (`open`, `stat`, `access`, `chmod`,
//! `chown`, `readlink`, `utimes`) are written that way in `syscalls/fs.rs`.

use crate::sys::call;
use libc::c_char;

type Path = *const c_char;

pub fn rename(old: Path, new: Path) -> i64 {
    call!(SYS_renameat2, libc::AT_FDCWD, old, libc::AT_FDCWD, new, 0)
}

pub fn mkdir(path: Path, mode: u32) -> i64 {
    call!(SYS_mkdirat, libc::AT_FDCWD, path, mode)
}

pub fn rmdir(path: Path) -> i64 {
    call!(SYS_unlinkat, libc::AT_FDCWD, path, libc::AT_REMOVEDIR)
}

pub fn unlink(path: Path) -> i64 {
    call!(SYS_unlinkat, libc::AT_FDCWD, path, 0)
}

pub fn link(old: Path, new: Path) -> i64 {
    call!(SYS_linkat, libc::AT_FDCWD, old, libc::AT_FDCWD, new, 0)
}

pub fn symlink(target: Path, link: Path) -> i64 {
    call!(SYS_symlinkat, target, libc::AT_FDCWD, link)
}

pub fn mknod(path: Path, mode: u32, dev: u64) -> i64 {
    call!(SYS_mknodat, libc::AT_FDCWD, path, mode, dev)
}

pub fn pipe(fds: *mut u8) -> i64 {
    call!(SYS_pipe2, fds, 0)
}

/// `dup2`: `dup3` refuses equal descriptors, where `dup2` checks the
/// descriptor and returns it.
pub fn dup2(old: i32, new: i32) -> i64 {
    if old == new {
        let r = call!(SYS_fcntl, old, libc::F_GETFD);
        return if r < 0 { r } else { new as i64 };
    }
    call!(SYS_dup3, old, new, 0)
}

/// `poll`: a negative timeout waits forever. `ppoll` with no signal mask.
pub fn poll(fds: *mut u8, n: u64, ms: i32) -> i64 {
    let ts = libc::timespec { tv_sec: (ms / 1000).into(), tv_nsec: ((ms % 1000) * 1_000_000).into() };
    let tsp = if ms < 0 { std::ptr::null() } else { &ts as *const libc::timespec };
    call!(SYS_ppoll, fds, n, tsp, 0, 8)
}

/// `select`: Linux's writes the time left back into the `timeval`, and so
/// does the raw `pselect6` into its `timespec`, which is converted back
/// for `write_back`. Like `select`, microseconds past a second carry over.
pub fn select(nfds: i32, sets: [*mut u8; 3], tv: Option<libc::timeval>, write_back: impl FnOnce(libc::timeval)) -> i64 {
    const US: i64 = 1_000_000;
    let mut ts = match tv {
        None => None,
        Some(t) if t.tv_sec < 0 || t.tv_usec < 0 => return -libc::EINVAL as i64,
        Some(t) => {
            // 64-bit on every host: no casts needed.
            let (sec, us): (i64, i64) = (t.tv_sec, t.tv_usec);
            Some(libc::timespec { tv_sec: sec.saturating_add(us / US), tv_nsec: us % US * 1000 })
        }
    };
    let tsp = ts.as_mut().map_or(std::ptr::null_mut(), |t| t as *mut libc::timespec);
    let r = call!(SYS_pselect6, nfds, sets[0], sets[1], sets[2], tsp, 0);
    if let Some(t) = ts {
        write_back(libc::timeval { tv_sec: t.tv_sec, tv_usec: t.tv_nsec / 1000 });
    }
    r
}

pub fn epoll_create(size: i32) -> i64 {
    if size <= 0 {
        return -libc::EINVAL as i64;
    }
    call!(SYS_epoll_create1, 0)
}

pub fn epoll_wait(epfd: i32, events: *mut u8, max: i32, ms: i32) -> i64 {
    call!(SYS_epoll_pwait, epfd, events, max, ms, 0, 8)
}

pub fn eventfd(count: u32) -> i64 {
    call!(SYS_eventfd2, count, 0)
}

pub fn signalfd(fd: i32, mask: *mut u8, size: u32) -> i64 {
    call!(SYS_signalfd4, fd, mask, size, 0)
}

/// `getrlimit`/`setrlimit`: riscv64 has neither, only `prlimit64` on the
/// calling process, where a NULL limit means "not this one" rather than EFAULT.
pub fn getrlimit(resource: i32, out: *mut u8) -> i64 {
    if out.is_null() {
        return -libc::EFAULT as i64;
    }
    call!(SYS_prlimit64, 0, resource, 0, out)
}

pub fn setrlimit(resource: i32, new: *mut u8) -> i64 {
    if new.is_null() {
        return -libc::EFAULT as i64;
    }
    call!(SYS_prlimit64, 0, resource, new, 0)
}
