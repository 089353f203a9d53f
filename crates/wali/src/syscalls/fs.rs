//! Paths, files and directories. Legacy calls go through `host::legacy`
//! or their `*at` forms. With `--dir`, calls that read or change a file's metadata go
//! through `confine` (what Landlock does not confine).

use super::{Args, SysResult};
use crate::confine::{self, Need, Target};
use crate::ctx::Ctx;
use crate::memory::Errno;
use crate::host::{flags, layout, legacy};
use crate::sys::call;

/// What a path argument names, for a call `--dir` confines.
enum Resolved<'a> {
    /// No `--dir`: the call goes to the kernel as it stands.
    Unconfined,
    /// An empty path with `AT_EMPTY_PATH`: the descriptor itself (checked
    /// for a change); the call is made with the engine's copy of the path.
    Descriptor,
    /// The target, resolved and checked: the call acts on `Target::fd`.
    Target(Target<'a>),
}

/// Resolves and checks a path argument under `--dir` (see `Resolved`).
fn confined<'a>(cx: &'a Ctx, dirfd: i32, path: u32, follow: bool, empty_path: bool, need: Need) -> Result<Resolved<'a>, Errno> {
    let Some(trees) = &cx.proc.trees else { return Ok(Resolved::Unconfined) };
    let path = cx.mem.path_copy(path)?;
    if empty_path && path.is_empty() {
        if need == Need::Write {
            confined_fd(cx, dirfd)?;
        }
        return Ok(Resolved::Descriptor);
    }
    let t = confine::resolve(&cx.proc.fds, dirfd, &path, follow)?;
    t.check(trees, need)?;
    Ok(Resolved::Target(t))
}

/// Under `--dir`, checks a metadata change made through an open descriptor.
fn confined_fd(cx: &Ctx, fd: i32) -> Result<(), Errno> {
    match &cx.proc.trees {
        Some(trees) => confine::check_fd(&cx.proc.fds, trees, cx.proc.proc_dir, fd, Need::Write),
        None => Ok(()),
    }
}


const STATFS: usize = 120;
const STATX: usize = 256;
const TIMESPEC2: usize = 32;
const TIMEVAL2: usize = 32;

/// `open`/`openat` go through `open::Opener`, which never lets a descriptor
/// for a process's memory file exist; the environment file is the engine's
/// to hand over (`Process::take_envfile`). `flags` are the host's.
fn open_at(cx: &Ctx, dirfd: i32, path: u32, flags: i32, mode: u32) -> SysResult {
    if flags & libc::O_PATH != 0 {
        // A name-only open is not Landlock's to check: under --dir it is a
        // read of the file's metadata.
        if let Resolved::Target(t) = confined(cx, dirfd, path, flags & libc::O_NOFOLLOW == 0, false, Need::Read)? {
            if flags & libc::O_DIRECTORY != 0 && !t.is_dir() {
                return Err(libc::ENOTDIR.into());
            }
            let cmd = if flags & libc::O_CLOEXEC != 0 { libc::F_DUPFD_CLOEXEC } else { libc::F_DUPFD };
            return Ok(call!(SYS_fcntl, t.fd(), cmd, 0));
        }
    }
    let path = cx.mem.path_copy(path)?;
    if let Some(fd) = cx.proc.take_envfile(path.to_bytes(), flags) {
        return Ok(fd? as i64);
    }
    Ok(cx.proc.opener().open(dirfd, &path, flags, mode)? as i64)
}

pub fn open(cx: &mut Ctx, a: &Args) -> SysResult {
    open_at(cx, libc::AT_FDCWD, a.u32(0), flags::open_to_host(a.i32(1)), a.u32(2))
}

pub fn openat(cx: &mut Ctx, a: &Args) -> SysResult {
    open_at(cx, a.i32(0), a.u32(1), flags::open_to_host(a.i32(2)), a.u32(3))
}

fn stat_at(cx: &Ctx, dirfd: i32, path: u32, buf: u32, flags: i32) -> SysResult {
    let follow = flags & libc::AT_SYMLINK_NOFOLLOW == 0;
    let empty = flags & libc::AT_EMPTY_PATH != 0;
    let target = confined(cx, dirfd, path, follow, empty, Need::Read)?;
    let (at, name, flags) = match &target {
        Resolved::Unconfined => (dirfd, cx.mem.path(path)?, flags),
        Resolved::Descriptor => (dirfd, c"".as_ptr(), libc::AT_EMPTY_PATH),
        Resolved::Target(t) => (t.fd(), c"".as_ptr(), libc::AT_EMPTY_PATH),
    };
    Ok(layout::stat_to_guest(&cx.mem, buf, |st| call!(SYS_newfstatat, at, name, st, flags))?)
}

pub fn stat(cx: &mut Ctx, a: &Args) -> SysResult {
    stat_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), 0)
}

pub fn lstat(cx: &mut Ctx, a: &Args) -> SysResult {
    stat_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), libc::AT_SYMLINK_NOFOLLOW)
}

pub fn fstat(cx: &mut Ctx, a: &Args) -> SysResult {
    Ok(layout::stat_to_guest(&cx.mem, a.u32(1), |st| call!(SYS_fstat, a.i32(0), st))?)
}

pub fn newfstatat(cx: &mut Ctx, a: &Args) -> SysResult {
    stat_at(cx, a.i32(0), a.u32(1), a.u32(2), a.i32(3))
}

pub fn statx(cx: &mut Ctx, a: &Args) -> SysResult {
    const AT_STATX_SYNC_TYPE: i32 = 0x6000;
    let (dirfd, flags) = (a.i32(0), a.i32(2));
    let follow = flags & libc::AT_SYMLINK_NOFOLLOW == 0;
    let target = confined(cx, dirfd, a.u32(1), follow, flags & libc::AT_EMPTY_PATH != 0, Need::Read)?;
    let buf = cx.mem.buf(a.u32(4), STATX)?;
    let on_fd = libc::AT_EMPTY_PATH | (flags & AT_STATX_SYNC_TYPE);
    Ok(match target {
        Resolved::Unconfined => call!(SYS_statx, dirfd, cx.mem.path(a.u32(1))?, flags, a.u32(3), buf),
        Resolved::Descriptor => call!(SYS_statx, dirfd, c"".as_ptr(), on_fd, a.u32(3), buf),
        Resolved::Target(t) => call!(SYS_statx, t.fd(), c"".as_ptr(), on_fd, a.u32(3), buf),
    })
}

pub fn statfs(cx: &mut Ctx, a: &Args) -> SysResult {
    let target = confined(cx, libc::AT_FDCWD, a.u32(0), true, false, Need::Read)?;
    let buf = cx.mem.buf(a.u32(1), STATFS)?;
    Ok(match target {
        Resolved::Target(t) => call!(SYS_fstatfs, t.fd(), buf),
        _ => call!(SYS_statfs, cx.mem.path(a.u32(0))?, buf),
    })
}

pub fn fstatfs(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), STATFS)?;
    Ok(call!(SYS_fstatfs, a.i32(0), buf))
}

fn access_at(cx: &Ctx, dirfd: i32, path: u32, mode: i32, flags: i32) -> SysResult {
    let follow = flags & libc::AT_SYMLINK_NOFOLLOW == 0;
    let on_fd = libc::AT_EMPTY_PATH | (flags & (libc::AT_EACCESS | libc::AT_SYMLINK_NOFOLLOW));
    Ok(match confined(cx, dirfd, path, follow, flags & libc::AT_EMPTY_PATH != 0, Need::Read)? {
        Resolved::Unconfined => call!(SYS_faccessat2, dirfd, cx.mem.path(path)?, mode, flags),
        Resolved::Descriptor => call!(SYS_faccessat2, dirfd, c"".as_ptr(), mode, on_fd),
        Resolved::Target(t) => call!(SYS_faccessat2, t.fd(), c"".as_ptr(), mode, on_fd),
    })
}

pub fn access(cx: &mut Ctx, a: &Args) -> SysResult {
    access_at(cx, libc::AT_FDCWD, a.u32(0), a.i32(1), 0)
}

pub fn faccessat(cx: &mut Ctx, a: &Args) -> SysResult {
    access_at(cx, a.i32(0), a.u32(1), a.i32(2), 0)
}

pub fn faccessat2(cx: &mut Ctx, a: &Args) -> SysResult {
    access_at(cx, a.i32(0), a.u32(1), a.i32(2), a.i32(3))
}

pub fn truncate(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(call!(SYS_truncate, path, a.i64(1)))
}

pub fn getcwd(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_getcwd, buf, a.u32(1)))
}

pub fn chdir(cx: &mut Ctx, a: &Args) -> SysResult {
    if let Resolved::Target(t) = confined(cx, libc::AT_FDCWD, a.u32(0), true, false, Need::Read)? {
        return Ok(call!(SYS_fchdir, t.fd()));
    }
    let path = cx.mem.path(a.u32(0))?;
    Ok(call!(SYS_chdir, path))
}

pub fn fchdir(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fchdir, a.i32(0)))
}

pub fn chroot(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(call!(SYS_chroot, path))
}

pub fn rename(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(1))?);
    Ok(legacy::rename(old, new))
}

pub fn renameat2(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(1))?, cx.mem.path(a.u32(3))?);
    Ok(call!(SYS_renameat2, a.i32(0), old, a.i32(2), new, a.u32(4)))
}

pub fn mkdir(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(legacy::mkdir(path, a.u32(1)))
}

pub fn mkdirat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_mkdirat, a.i32(0), path, a.u32(2)))
}

pub fn rmdir(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(legacy::rmdir(path))
}

pub fn unlink(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(legacy::unlink(path))
}

pub fn unlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_unlinkat, a.i32(0), path, a.i32(2)))
}

pub fn link(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(1))?);
    Ok(legacy::link(old, new))
}

pub fn linkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(1))?, cx.mem.path(a.u32(3))?);
    Ok(call!(SYS_linkat, a.i32(0), old, a.i32(2), new, a.i32(4)))
}

pub fn symlink(cx: &mut Ctx, a: &Args) -> SysResult {
    let (target, link) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(1))?);
    Ok(legacy::symlink(target, link))
}

pub fn symlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let (target, link) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(2))?);
    Ok(call!(SYS_symlinkat, target, a.i32(1), link))
}

fn readlink_at(cx: &Ctx, dirfd: i32, path: u32, buf: u32, len: u32) -> SysResult {
    if let Some(exe) = crate::exec::own_exe(cx, cx.mem.path_copy(path)?.as_bytes()) {
        // As the kernel's readlink: no NUL, cut to the buffer, EINVAL for an empty one.
        if len == 0 {
            return Err(libc::EINVAL.into());
        }
        let exe = exe.to_bytes();
        let n = exe.len().min(len as usize);
        cx.mem.write(buf, &exe[..n])?;
        return Ok(n as i64);
    }
    let target = confined(cx, dirfd, path, false, false, Need::Read)?;
    let buf = cx.mem.buf(buf, len as usize)?;
    Ok(match target {
        Resolved::Target(t) => match call!(SYS_readlinkat, t.fd(), c"".as_ptr(), buf, len) {
            // On a descriptor, the kernel says ENOENT for what is not a
            // symlink; by name, EINVAL, which the guest asked for.
            r if r == -(libc::ENOENT as i64) && !crate::open::is_symlink(t.fd()) => -(libc::EINVAL as i64),
            r => r,
        },
        _ => call!(SYS_readlinkat, dirfd, cx.mem.path(path)?, buf, len),
    })
}

pub fn readlink(cx: &mut Ctx, a: &Args) -> SysResult {
    readlink_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), a.u32(2))
}

pub fn readlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    readlink_at(cx, a.i32(0), a.u32(1), a.u32(2), a.u32(3))
}

fn chmod_at(cx: &Ctx, dirfd: i32, path: u32, mode: u32) -> SysResult {
    Ok(match confined(cx, dirfd, path, true, false, Need::Write)? {
        Resolved::Target(t) => {
            // No empty-path form of chmod: the held descriptor's /proc name.
            let link = crate::open::fd_link(t.fd());
            call!(SYS_fchmodat, cx.proc.proc_dir, link.as_ptr(), mode)
        }
        _ => call!(SYS_fchmodat, dirfd, cx.mem.path(path)?, mode),
    })
}

pub fn chmod(cx: &mut Ctx, a: &Args) -> SysResult {
    chmod_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1))
}

pub fn fchmod(cx: &mut Ctx, a: &Args) -> SysResult {
    confined_fd(cx, a.i32(0))?;
    Ok(call!(SYS_fchmod, a.i32(0), a.u32(1)))
}

pub fn fchmodat(cx: &mut Ctx, a: &Args) -> SysResult {
    chmod_at(cx, a.i32(0), a.u32(1), a.u32(2))
}

fn chown_at(cx: &Ctx, dirfd: i32, path: u32, uid: u32, gid: u32, flags: i32) -> SysResult {
    let follow = flags & libc::AT_SYMLINK_NOFOLLOW == 0;
    Ok(match confined(cx, dirfd, path, follow, flags & libc::AT_EMPTY_PATH != 0, Need::Write)? {
        Resolved::Unconfined => call!(SYS_fchownat, dirfd, cx.mem.path(path)?, uid, gid, flags),
        Resolved::Descriptor => call!(SYS_fchownat, dirfd, c"".as_ptr(), uid, gid, libc::AT_EMPTY_PATH),
        Resolved::Target(t) => call!(SYS_fchownat, t.fd(), c"".as_ptr(), uid, gid, libc::AT_EMPTY_PATH),
    })
}

pub fn chown(cx: &mut Ctx, a: &Args) -> SysResult {
    chown_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), a.u32(2), 0)
}

pub fn fchown(cx: &mut Ctx, a: &Args) -> SysResult {
    confined_fd(cx, a.i32(0))?;
    Ok(call!(SYS_fchown, a.i32(0), a.u32(1), a.u32(2)))
}

pub fn fchownat(cx: &mut Ctx, a: &Args) -> SysResult {
    chown_at(cx, a.i32(0), a.u32(1), a.u32(2), a.u32(3), a.i32(4))
}

pub fn umask(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_umask, a.u32(0)))
}

pub fn getdents64(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_getdents64, a.i32(0), buf, a.u32(2)))
}

pub fn utimensat(cx: &mut Ctx, a: &Args) -> SysResult {
    let (dirfd, flags) = (a.i32(0), a.i32(3));
    let times = cx.mem.buf(a.u32(2), TIMESPEC2)?;
    if a.u32(1) == 0 {
        // A NULL path means the descriptor itself (futimens).
        confined_fd(cx, dirfd)?;
        return Ok(call!(SYS_utimensat, dirfd, 0, times, flags));
    }
    let follow = flags & libc::AT_SYMLINK_NOFOLLOW == 0;
    let on_fd = libc::AT_EMPTY_PATH | (flags & libc::AT_SYMLINK_NOFOLLOW);
    Ok(match confined(cx, dirfd, a.u32(1), follow, flags & libc::AT_EMPTY_PATH != 0, Need::Write)? {
        Resolved::Unconfined => call!(SYS_utimensat, dirfd, cx.mem.path(a.u32(1))?, times, flags),
        Resolved::Descriptor => call!(SYS_utimensat, dirfd, c"".as_ptr(), times, on_fd),
        Resolved::Target(t) => call!(SYS_utimensat, t.fd(), c"".as_ptr(), times, on_fd),
    })
}

/// utimes/futimesat take `struct timeval[2]`: converted, then as utimensat.
fn utimes_at(cx: &Ctx, dirfd: i32, path: u32, times: u32) -> SysResult {
    let mut ts = [libc::timespec { tv_sec: 0, tv_nsec: 0 }; 2];
    if times != 0 {
        cx.mem.check(times, TIMEVAL2)?;
        for (i, t) in ts.iter_mut().enumerate() {
            let sec = cx.mem.read_u64(times + 16 * i as u32)? as i64;
            let us = cx.mem.read_u64(times + 16 * i as u32 + 8)? as i64;
            if !(0..1_000_000).contains(&us) {
                return Err(libc::EINVAL.into());
            }
            *t = libc::timespec { tv_sec: sec as _, tv_nsec: (us * 1000) as _ };
        }
    }
    let tsp = if times == 0 { std::ptr::null() } else { ts.as_ptr() };
    Ok(match confined(cx, dirfd, path, true, false, Need::Write)? {
        Resolved::Target(t) => call!(SYS_utimensat, t.fd(), c"".as_ptr(), tsp, libc::AT_EMPTY_PATH),
        _ => call!(SYS_utimensat, dirfd, cx.mem.path(path)?, tsp, 0),
    })
}

pub fn utimes(cx: &mut Ctx, a: &Args) -> SysResult {
    utimes_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1))
}

pub fn futimesat(cx: &mut Ctx, a: &Args) -> SysResult {
    utimes_at(cx, a.i32(0), a.u32(1), a.u32(2))
}

pub fn mknod(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    Ok(legacy::mknod(path, a.u32(1), a.u64(2)))
}

pub fn mknodat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_mknodat, a.i32(0), path, a.u32(2), a.u64(3)))
}

pub fn memfd_create(cx: &mut Ctx, a: &Args) -> SysResult {
    let name = cx.mem.path(a.u32(0))?;
    Ok(call!(SYS_memfd_create, name, a.u32(1)))
}

pub fn inotify_init1(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_inotify_init1, a.i32(0)))
}

pub fn inotify_add_watch(cx: &mut Ctx, a: &Args) -> SysResult {
    const IN_DONT_FOLLOW: u32 = 0x0200_0000;
    let mask = a.u32(2);
    if let Resolved::Target(t) = confined(cx, libc::AT_FDCWD, a.u32(1), mask & IN_DONT_FOLLOW == 0, false, Need::Read)? {
        // No dirfd form: the held descriptor by its /proc name, which leads
        // to the object itself, followed or not already.
        let path = crate::open::fd_path(t.fd());
        return Ok(call!(SYS_inotify_add_watch, a.i32(0), path.as_ptr(), mask & !IN_DONT_FOLLOW));
    }
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_inotify_add_watch, a.i32(0), path, mask))
}

pub fn inotify_rm_watch(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_inotify_rm_watch, a.i32(0), a.i32(1)))
}
