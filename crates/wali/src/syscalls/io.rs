//! Descriptors: read/write, vectored I/O, pipes, dup, fcntl, ioctl, poll, select, epoll.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::memory::{Errno, GuestMemory};
use crate::host::layout::{self, EPOLL_EVENT};
use crate::host::{flags, legacy};
use crate::sys::call;

const POLLFD: usize = 8;
const TIMESPEC: usize = 16;
const TIMEVAL: usize = 16;

pub fn read(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_read, a.i32(0), buf, a.u32(2)))
}

pub fn write(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_write, a.i32(0), buf, a.u32(2)))
}

pub fn close(cx: &mut Ctx, a: &Args) -> SysResult {
    Ok(cx.proc.fds.replace(a.i32(0), || call!(SYS_close, a.i32(0))))
}

pub fn lseek(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_lseek, a.i32(0), a.i64(1), a.i32(2)))
}

pub fn pread64(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_pread64, a.i32(0), buf, a.u32(2), a.i64(3)))
}

pub fn pwrite64(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_pwrite64, a.i32(0), buf, a.u32(2), a.i64(3)))
}

/// Converts a guest array of wasm32 `struct iovec` into host iovecs.
pub(super) fn iovecs(mem: &GuestMemory, ptr: u32, count: i32) -> Result<Vec<libc::iovec>, Errno> {
    if !(0..=libc::UIO_MAXIOV).contains(&count) {
        return Err(libc::EINVAL);
    }
    // NULL is the kernel's NULL (EFAULT), not the guest's address 0.
    if ptr == 0 && count > 0 {
        return Err(libc::EFAULT);
    }
    let mut raw = vec![0u8; count as usize * 8];
    mem.read(ptr, &mut raw)?;
    raw.chunks_exact(8)
        .map(|e| {
            let base = u32::from_le_bytes(e[0..4].try_into().unwrap());
            let len = u32::from_le_bytes(e[4..8].try_into().unwrap()) as usize;
            Ok(libc::iovec { iov_base: mem.buf(base, len)?.cast(), iov_len: len })
        })
        .collect()
}

pub fn readv(cx: &mut Ctx, a: &Args) -> SysResult {
    let iov = iovecs(&cx.mem, a.u32(1), a.i32(2))?;
    Ok(call!(SYS_readv, a.i32(0), iov.as_ptr(), iov.len()))
}

pub fn writev(cx: &mut Ctx, a: &Args) -> SysResult {
    let iov = iovecs(&cx.mem, a.u32(1), a.i32(2))?;
    Ok(call!(SYS_writev, a.i32(0), iov.as_ptr(), iov.len()))
}

pub fn preadv(cx: &mut Ctx, a: &Args) -> SysResult {
    let iov = iovecs(&cx.mem, a.u32(1), a.i32(2))?;
    Ok(call!(SYS_preadv, a.i32(0), iov.as_ptr(), iov.len(), a.i64(3), a.i64(4)))
}

pub fn pipe(cx: &mut Ctx, a: &Args) -> SysResult {
    let fds = cx.mem.buf(a.u32(0), 8)?;
    Ok(legacy::pipe(fds))
}

pub fn pipe2(cx: &mut Ctx, a: &Args) -> SysResult {
    let fds = cx.mem.buf(a.u32(0), 8)?;
    // O_DIRECT (packet mode) is one of the bits arm64 moves.
    Ok(call!(SYS_pipe2, fds, flags::open_to_host(a.i32(1))))
}

pub fn dup(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_dup, a.i32(0)))
}

pub fn dup2(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (a.i32(0), a.i32(1));
    Ok(cx.proc.fds.replace(new, || legacy::dup2(old, new)))
}

pub fn dup3(cx: &mut Ctx, a: &Args) -> SysResult {
    Ok(cx.proc.fds.replace(a.i32(1), || call!(SYS_dup3, a.i32(0), a.i32(1), a.i32(2))))
}

pub fn flock(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_flock, a.i32(0), a.i32(1)))
}

pub fn fsync(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fsync, a.i32(0)))
}

pub fn fdatasync(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fdatasync, a.i32(0)))
}

pub fn ftruncate(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_ftruncate, a.i32(0), a.i64(1)))
}

pub fn fadvise(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fadvise64, a.i32(0), a.i64(1), a.i64(2), a.i32(3)))
}

/// fcntl's command setting the owner of a descriptor's signals (not in libc for all targets).
const F_SETOWN_EX: i32 = 15;

/// The size of the struct a pointer-taking `fcntl` command points to, or
/// `None` for commands whose argument is a plain integer.
fn fcntl_arg_size(cmd: i32) -> Result<Option<usize>, Errno> {
    const F_SETSIG: i32 = 10;
    const F_GETSIG: i32 = 11;
    const F_GETOWN_EX: i32 = 16;
    const F_GET_RW_HINT: i32 = 1035;
    const F_SET_FILE_RW_HINT: i32 = 1038;
    match cmd {
        libc::F_DUPFD
        | libc::F_GETFD
        | libc::F_SETFD
        | libc::F_GETFL
        | libc::F_SETFL
        | libc::F_SETOWN
        | libc::F_GETOWN
        | F_SETSIG
        | F_GETSIG
        | libc::F_SETLEASE
        | libc::F_GETLEASE
        | libc::F_NOTIFY
        | libc::F_DUPFD_CLOEXEC
        | libc::F_SETPIPE_SZ
        | libc::F_GETPIPE_SZ
        | libc::F_ADD_SEALS
        | libc::F_GET_SEALS => Ok(None),
        libc::F_GETLK | libc::F_SETLK | libc::F_SETLKW | libc::F_OFD_GETLK | libc::F_OFD_SETLK | libc::F_OFD_SETLKW => {
            Ok(Some(std::mem::size_of::<libc::flock>()))
        }
        F_SETOWN_EX | F_GETOWN_EX => Ok(Some(8)),
        F_GET_RW_HINT..=F_SET_FILE_RW_HINT => Ok(Some(8)),
        _ => Err(libc::EINVAL),
    }
}

/// Whether F_SETOWN/F_SETOWN_EX aims SIGIO at another process or at a
/// process group (which holds others): that is sending them signals.
fn owner_is_another_process(cx: &Ctx, cmd: i32, arg: u64) -> Result<bool, Errno> {
    const F_OWNER_TID: i32 = 0;
    const F_OWNER_PID: i32 = 1;
    let this = crate::ctx::Process::is_this_process;
    Ok(match cmd {
        libc::F_SETOWN => !this(arg as i32),
        F_SETOWN_EX => {
            let ptr = u32::try_from(arg).map_err(|_| libc::EFAULT)?;
            let (kind, pid) = (cx.mem.read_u32(ptr)? as i32, cx.mem.read_u32(ptr.checked_add(4).ok_or(libc::EFAULT)?)? as i32);
            !(matches!(kind, F_OWNER_TID | F_OWNER_PID) && this(pid))
        }
        _ => false,
    })
}

pub fn fcntl(cx: &mut Ctx, a: &Args) -> SysResult {
    let (fd, cmd) = (a.i32(0), a.i32(1));
    if cx.proc.uses.signal_others {
        cx.proc.uses.check(owner_is_another_process(cx, cmd, a.u64(2))?)?;
    }
    let arg = match fcntl_arg_size(cmd)? {
        None => a.u64(2) as usize,
        // The argument is an `unsigned long`: a pointer with high bits set
        // is outside the memory, not the truncated address.
        Some(size) => cx.mem.buf(u32::try_from(a.u64(2)).map_err(|_| libc::EFAULT)?, size)? as usize,
    };
    // The status flags are open flags, whose bits may differ on the host.
    let arg = if cmd == libc::F_SETFL { flags::open_to_host(arg as i32) as usize } else { arg };
    let r = call!(SYS_fcntl, fd, cmd, arg);
    Ok(if cmd == libc::F_GETFL && r >= 0 { flags::open_to_guest(r as i32) as i64 } else { r })
}

/// What an ioctl's third argument is.
enum IoctlArg {
    /// No argument, or a plain integer.
    Value,
    /// Only 0 (TIOCSCTTY: 1 would steal the terminal from another session).
    Zero,
    /// A pointer to this many bytes.
    Ptr(usize),
}

/// The ioctls the engine knows carry no pointer, with their argument's size.
/// Anything else is refused: a driver's struct may hold a user pointer the
/// kernel would follow as a host address. So are terminal requests that act
/// outside the guest (docs/policy.md): TIOCSTI (typing into the terminal's
/// input, which the user's shell reads after the guest exits), TIOCCONS
/// (taking the console's output), TIOCSETD (line disciplines, kernel code
/// few programs need), TIOCVHANGUP (hanging up every process on the
/// terminal), TIOCEXCL (locking others out of the terminal after the guest
/// exits) and TIOCLINUX.
fn ioctl_arg(req: u32) -> Option<IoctlArg> {
    use IoctlArg::*;
    const TERMIOS: usize = 36;
    const WINSIZE: usize = 8;
    const IFREQ: usize = 40;
    Some(match req {
        0x5401..=0x5404 => Ptr(TERMIOS),                                // TCGETS, TCSETS, TCSETSW, TCSETSF
        0x5409..=0x540B | 0x540D | 0x5422 | 0x5425 => Value,            // TCSBRK, TCXONC, TCFLSH, TIOCNXCL, TIOCNOTTY, TCSBRKP
        0x540E => Zero,                                                 // TIOCSCTTY
        0x540F..=0x5411 | 0x5415..=0x5418 | 0x541B => Ptr(4),           // pgrp, outq, modem bits, FIONREAD
        0x5413 | 0x5414 => Ptr(WINSIZE),                                // TIOCGWINSZ, TIOCSWINSZ
        0x5450 | 0x5451 | 0x5441 => Value,                              // FIONCLEX, FIOCLEX, TIOCGPTPEER
        0x5421 | 0x5424 | 0x5429 | 0x5452 => Ptr(4),                    // FIONBIO, TIOCGETD, TIOCGSID, FIOASYNC
        0x5460 => Ptr(8),                                               // FIOQSIZE
        0x8905 => Ptr(4),                                               // SIOCATMARK
        0x8910 | 0x8913 | 0x8915 | 0x8921 | 0x8927 | 0x8933 => Ptr(IFREQ), // SIOCGIF{NAME,FLAGS,ADDR,MTU,HWADDR,INDEX}
        0x8004_5430 | 0x4004_5431 | 0x8004_5438 | 0x8004_5439 | 0x8004_5440 => Ptr(4), // TIOCGPTN, TIOCSPTLCK, TIOCGPKT, TIOCGPTLCK, TIOCGEXCL
        0x8008_6601 | 0x4008_6602 => Ptr(8),                            // FS_IOC_GETFLAGS, FS_IOC_SETFLAGS
        0x8004_5200 => Ptr(4),                                          // RNDGETENTCNT
        0x1268 => Ptr(4),                                               // BLKSSZGET
        0x8008_1272 => Ptr(8),                                          // BLKGETSIZE64
        _ => return None,
    })
}

pub fn ioctl(cx: &mut Ctx, a: &Args) -> SysResult {
    const FS_IOC_SETFLAGS: u32 = 0x4008_6602;
    let req = a.u32(1);
    if req == FS_IOC_SETFLAGS {
        cx.proc.uses.check(cx.proc.uses.inode_flags)?;
        if let Some(trees) = &cx.proc.trees {
            let (fds, proc_dir) = (&cx.proc.fds, cx.proc.proc_dir);
            crate::confine::check_fd(fds, trees, proc_dir, a.i32(0), crate::confine::Need::Write)?;
        }
    }
    let arg = match ioctl_arg(req).ok_or(libc::ENOTTY)? {
        IoctlArg::Value => a.i32(2) as i64 as usize,
        IoctlArg::Zero if a.i32(2) == 0 => 0,
        IoctlArg::Zero => return Err(libc::ENOTTY.into()),
        IoctlArg::Ptr(size) => cx.mem.buf(a.u32(2), size)? as usize,
    };
    Ok(call!(SYS_ioctl, a.i32(0), req, arg))
}

pub fn poll(cx: &mut Ctx, a: &Args) -> SysResult {
    let fds = cx.mem.array(a.u32(0), a.u64(1), POLLFD)?;
    Ok(legacy::poll(fds, a.u64(1), a.i32(2)))
}

pub fn ppoll(cx: &mut Ctx, a: &Args) -> SysResult {
    let fds = cx.mem.array(a.u32(0), a.u64(1), POLLFD)?;
    let tmo = cx.mem.buf(a.u32(2), TIMESPEC)?;
    let mask = cx.mem.buf(a.u32(3), a.u32(4) as usize)?;
    Ok(call!(SYS_ppoll, fds, a.u64(1), tmo, mask, a.u32(4)))
}

/// The three fd_set pointers of select/pselect6: the kernel touches
/// `ceil(nfds / 64)` 8-byte words of each.
fn fd_sets(mem: &GuestMemory, a: &Args) -> Result<[*mut u8; 3], Errno> {
    let nfds = a.i32(0);
    if nfds < 0 {
        return Err(libc::EINVAL);
    }
    let len = (nfds as usize).div_ceil(64) * 8;
    Ok([mem.buf(a.u32(1), len)?, mem.buf(a.u32(2), len)?, mem.buf(a.u32(3), len)?])
}

pub fn select(cx: &mut Ctx, a: &Args) -> SysResult {
    let [r, w, e] = fd_sets(&cx.mem, a)?;
    // The guest's timeval, NULL meaning no timeout.
    let ptr = a.u32(4);
    let tv = if ptr == 0 {
        None
    } else {
        let mut raw = [0u8; TIMEVAL];
        cx.mem.read(ptr, &mut raw)?;
        let half = |i: usize| i64::from_le_bytes(raw[i..i + 8].try_into().unwrap());
        Some(libc::timeval { tv_sec: half(0), tv_usec: half(8) })
    };
    let mut written = Ok(());
    let r = legacy::select(a.i32(0), [r, w, e], tv, |left| {
        let mut raw = [0u8; TIMEVAL];
        raw[..8].copy_from_slice(&left.tv_sec.to_le_bytes());
        raw[8..].copy_from_slice(&left.tv_usec.to_le_bytes());
        written = cx.mem.write(ptr, &raw);
    });
    written?;
    Ok(r)
}

pub fn pselect6(cx: &mut Ctx, a: &Args) -> SysResult {
    let [r, w, e] = fd_sets(&cx.mem, a)?;
    let ts = cx.mem.buf(a.u32(4), TIMESPEC)?;
    // The 6th argument points to { sigset pointer (in a 64-bit slot), size }.
    let sig = if a.u32(5) == 0 {
        None
    } else {
        let set = u32::try_from(cx.mem.read_u64(a.u32(5))?).map_err(|_| libc::EFAULT)?;
        let size = cx.mem.read_u64(a.u32(5).checked_add(8).ok_or(libc::EFAULT)?)?;
        let size = usize::try_from(size).map_err(|_| libc::EINVAL)?;
        Some([cx.mem.buf(set, size)? as usize, size])
    };
    let sigp = sig.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    Ok(call!(SYS_pselect6, a.i32(0), r, w, e, ts, sigp))
}

pub fn epoll_create(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(legacy::epoll_create(a.i32(0)))
}

pub fn epoll_create1(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_epoll_create1, a.i32(0)))
}

pub fn epoll_ctl(cx: &mut Ctx, a: &Args) -> SysResult {
    if layout::EPOLL_NATIVE {
        let ev = cx.mem.buf(a.u32(3), EPOLL_EVENT)?;
        return Ok(call!(SYS_epoll_ctl, a.i32(0), a.i32(1), a.i32(2), ev));
    }
    // EPOLL_CTL_DEL ignores the event, as the kernel does (NULL or not).
    let mut ev = None;
    if a.i32(1) != libc::EPOLL_CTL_DEL {
        let mut raw = [0u8; EPOLL_EVENT];
        cx.mem.read(a.u32(3), &mut raw)?;
        ev = Some(layout::epoll_from_guest(&raw));
    }
    let evp = ev.as_mut().map_or(std::ptr::null_mut(), |e| e as *mut libc::epoll_event);
    Ok(call!(SYS_epoll_ctl, a.i32(0), a.i32(1), a.i32(2), evp))
}

/// Waits into the guest's event array: directly where the layouts agree,
/// else through a host array (at most `HOST_EVENTS` per call: the kernel
/// leaves the rest ready for the next one) converted back.
fn epoll_wait_into(cx: &Ctx, a: &Args, wait: impl FnOnce(*mut u8, i32) -> i64) -> SysResult {
    const HOST_EVENTS: usize = 256;
    let max = a.i32(2);
    let evs = cx.mem.array(a.u32(1), max.max(0) as u64, EPOLL_EVENT)?;
    if layout::EPOLL_NATIVE || max <= 0 {
        return Ok(wait(evs, max));
    }
    let mut host = [libc::epoll_event { events: 0, u64: 0 }; HOST_EVENTS];
    let n = wait(host.as_mut_ptr().cast(), max.min(HOST_EVENTS as i32));
    if n > 0 {
        let mut raw = Vec::with_capacity(n as usize * EPOLL_EVENT);
        host[..n as usize].iter().for_each(|e| raw.extend_from_slice(&layout::epoll_to_guest(e)));
        cx.mem.write(a.u32(1), &raw)?;
    }
    Ok(n)
}

pub fn epoll_wait(cx: &mut Ctx, a: &Args) -> SysResult {
    epoll_wait_into(cx, a, |evs, max| legacy::epoll_wait(a.i32(0), evs, max, a.i32(3)))
}

pub fn epoll_pwait(cx: &mut Ctx, a: &Args) -> SysResult {
    let mask = cx.mem.buf(a.u32(4), a.u32(5) as usize)?;
    epoll_wait_into(cx, a, |evs, max| call!(SYS_epoll_pwait, a.i32(0), evs, max, a.i32(3), mask, a.u32(5)))
}

pub fn eventfd(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(legacy::eventfd(a.u32(0)))
}

pub fn eventfd2(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_eventfd2, a.u32(0), a.i32(1)))
}

pub fn pwritev(cx: &mut Ctx, a: &Args) -> SysResult {
    let iov = iovecs(&cx.mem, a.u32(1), a.i32(2))?;
    Ok(call!(SYS_pwritev, a.i32(0), iov.as_ptr(), iov.len(), a.i64(3), a.i64(4)))
}

/// copy_file_range and splice: two optional 64-bit offsets.
fn offsets(cx: &Ctx, a: &Args) -> Result<(*mut u8, *mut u8), Errno> {
    Ok((cx.mem.buf(a.u32(1), 8)?, cx.mem.buf(a.u32(3), 8)?))
}

pub fn copy_file_range(cx: &mut Ctx, a: &Args) -> SysResult {
    let (off_in, off_out) = offsets(cx, a)?;
    Ok(call!(SYS_copy_file_range, a.i32(0), off_in, a.i32(2), off_out, a.u32(4), a.u32(5)))
}

pub fn splice(cx: &mut Ctx, a: &Args) -> SysResult {
    let (off_in, off_out) = offsets(cx, a)?;
    Ok(call!(SYS_splice, a.i32(0), off_in, a.i32(2), off_out, a.u32(4), a.u32(5)))
}

pub fn tee(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_tee, a.i32(0), a.i32(1), a.u32(2), a.u32(3)))
}

pub fn sendfile(cx: &mut Ctx, a: &Args) -> SysResult {
    let off = cx.mem.buf(a.u32(2), 8)?;
    Ok(call!(SYS_sendfile, a.i32(0), a.i32(1), off, a.u32(3)))
}

pub fn fallocate(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fallocate, a.i32(0), a.i32(1), a.i64(2), a.i64(3)))
}

pub fn readahead(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_readahead, a.i32(0), a.i64(1), a.u32(2)))
}

pub fn sync(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_sync))
}

pub fn syncfs(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_syncfs, a.i32(0)))
}
