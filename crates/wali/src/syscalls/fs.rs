//! Paths, files and directories. Legacy x86_64 calls map to their `*at`
//! variants on hosts that lack them.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::sys::call;
use std::sync::atomic::Ordering;

const STAT: usize = 144;
const STATFS: usize = 120;
const STATX: usize = 256;
const TIMESPEC2: usize = 32;
const TIMEVAL2: usize = 32;

/// `open`/`openat` go through `open::Opener`, which never lets a descriptor
/// for a process's memory file exist. Once the guest has opened the
/// environment file, the engine closes its own descriptor for it.
fn open_at(cx: &Ctx, dirfd: i32, path: u32, flags: i32, mode: u32) -> SysResult {
    let path = cx.mem.path_copy(path)?;
    let fd = cx.proc.opener().open(dirfd, &path, flags, mode)?;
    if cx.proc.envfd.load(Ordering::Relaxed) >= 0 {
        cx.proc.opened(path.to_bytes());
    }
    Ok(fd as i64)
}

pub fn open(cx: &mut Ctx, a: &Args) -> SysResult {
    open_at(cx, libc::AT_FDCWD, a.u32(0), a.i32(1), a.u32(2))
}

pub fn openat(cx: &mut Ctx, a: &Args) -> SysResult {
    open_at(cx, a.i32(0), a.u32(1), a.i32(2), a.u32(3))
}

fn stat_at(cx: &Ctx, dirfd: i32, path: u32, buf: u32, flags: i32) -> SysResult {
    let path = cx.mem.path(path)?;
    let buf = cx.mem.buf(buf, STAT)?;
    Ok(call!(SYS_newfstatat, dirfd, path, buf, flags))
}

pub fn stat(cx: &mut Ctx, a: &Args) -> SysResult {
    #[cfg(target_arch = "x86_64")]
    {
        let (path, buf) = (cx.mem.path(a.u32(0))?, cx.mem.buf(a.u32(1), STAT)?);
        Ok(call!(SYS_stat, path, buf))
    }
    #[cfg(not(target_arch = "x86_64"))]
    stat_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), 0)
}

pub fn lstat(cx: &mut Ctx, a: &Args) -> SysResult {
    #[cfg(target_arch = "x86_64")]
    {
        let (path, buf) = (cx.mem.path(a.u32(0))?, cx.mem.buf(a.u32(1), STAT)?);
        Ok(call!(SYS_lstat, path, buf))
    }
    #[cfg(not(target_arch = "x86_64"))]
    stat_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1), libc::AT_SYMLINK_NOFOLLOW)
}

pub fn fstat(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), STAT)?;
    Ok(call!(SYS_fstat, a.i32(0), buf))
}

pub fn newfstatat(cx: &mut Ctx, a: &Args) -> SysResult {
    stat_at(cx, a.i32(0), a.u32(1), a.u32(2), a.i32(3))
}

pub fn statx(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    let buf = cx.mem.buf(a.u32(4), STATX)?;
    Ok(call!(SYS_statx, a.i32(0), path, a.i32(2), a.u32(3), buf))
}

pub fn statfs(cx: &mut Ctx, a: &Args) -> SysResult {
    let (path, buf) = (cx.mem.path(a.u32(0))?, cx.mem.buf(a.u32(1), STATFS)?);
    Ok(call!(SYS_statfs, path, buf))
}

pub fn fstatfs(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), STATFS)?;
    Ok(call!(SYS_fstatfs, a.i32(0), buf))
}

pub fn access(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_access, path, a.i32(1)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_faccessat, libc::AT_FDCWD, path, a.i32(1)))
}

pub fn faccessat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_faccessat, a.i32(0), path, a.i32(2)))
}

pub fn faccessat2(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_faccessat2, a.i32(0), path, a.i32(2), a.i32(3)))
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
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_rename, old, new));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_renameat2, libc::AT_FDCWD, old, libc::AT_FDCWD, new, 0))
}

pub fn renameat2(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(1))?, cx.mem.path(a.u32(3))?);
    Ok(call!(SYS_renameat2, a.i32(0), old, a.i32(2), new, a.u32(4)))
}

pub fn mkdir(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_mkdir, path, a.u32(1)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_mkdirat, libc::AT_FDCWD, path, a.u32(1)))
}

pub fn mkdirat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_mkdirat, a.i32(0), path, a.u32(2)))
}

pub fn rmdir(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_rmdir, path));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_unlinkat, libc::AT_FDCWD, path, libc::AT_REMOVEDIR))
}

pub fn unlink(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_unlink, path));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_unlinkat, libc::AT_FDCWD, path, 0))
}

pub fn unlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_unlinkat, a.i32(0), path, a.i32(2)))
}

pub fn link(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(1))?);
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_link, old, new));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_linkat, libc::AT_FDCWD, old, libc::AT_FDCWD, new, 0))
}

pub fn linkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let (old, new) = (cx.mem.path(a.u32(1))?, cx.mem.path(a.u32(3))?);
    Ok(call!(SYS_linkat, a.i32(0), old, a.i32(2), new, a.i32(4)))
}

pub fn symlink(cx: &mut Ctx, a: &Args) -> SysResult {
    let (target, link) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(1))?);
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_symlink, target, link));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_symlinkat, target, libc::AT_FDCWD, link))
}

pub fn symlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let (target, link) = (cx.mem.path(a.u32(0))?, cx.mem.path(a.u32(2))?);
    Ok(call!(SYS_symlinkat, target, a.i32(1), link))
}

pub fn readlink(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_readlink, path, buf, a.u32(2)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_readlinkat, libc::AT_FDCWD, path, buf, a.u32(2)))
}

pub fn readlinkat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    let buf = cx.mem.buf(a.u32(2), a.u32(3) as usize)?;
    Ok(call!(SYS_readlinkat, a.i32(0), path, buf, a.u32(3)))
}

pub fn chmod(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_chmod, path, a.u32(1)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_fchmodat, libc::AT_FDCWD, path, a.u32(1)))
}

pub fn fchmod(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fchmod, a.i32(0), a.u32(1)))
}

pub fn fchmodat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_fchmodat, a.i32(0), path, a.u32(2)))
}

pub fn chown(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_chown, path, a.u32(1), a.u32(2)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_fchownat, libc::AT_FDCWD, path, a.u32(1), a.u32(2), 0))
}

pub fn fchown(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_fchown, a.i32(0), a.u32(1), a.u32(2)))
}

pub fn fchownat(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_fchownat, a.i32(0), path, a.u32(2), a.u32(3), a.i32(4)))
}

pub fn umask(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_umask, a.u32(0)))
}

pub fn getdents64(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_getdents64, a.i32(0), buf, a.u32(2)))
}

pub fn utimensat(cx: &mut Ctx, a: &Args) -> SysResult {
    // A NULL path means the descriptor itself (futimens).
    let path = cx.mem.path(a.u32(1))?;
    let times = cx.mem.buf(a.u32(2), TIMESPEC2)?;
    Ok(call!(SYS_utimensat, a.i32(0), path, times, a.i32(3)))
}

/// utimes/futimesat with `struct timeval[2]`, as utimensat where the host lacks them.
fn utimes_at(cx: &Ctx, dirfd: i32, path: u32, times: u32) -> SysResult {
    let path = cx.mem.path(path)?;
    let tv = cx.mem.buf(times, TIMEVAL2)?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_futimesat, dirfd, path, tv));
    #[cfg(not(target_arch = "x86_64"))]
    {
        if tv.is_null() {
            return Ok(call!(SYS_utimensat, dirfd, path, 0, 0));
        }
        let mut ts = [libc::timespec { tv_sec: 0, tv_nsec: 0 }; 2];
        for (i, t) in ts.iter_mut().enumerate() {
            let v = cx.mem.read_u64(times + 16 * i as u32)? as i64;
            let us = cx.mem.read_u64(times + 16 * i as u32 + 8)? as i64;
            if !(0..1_000_000).contains(&us) {
                return Err(libc::EINVAL.into());
            }
            *t = libc::timespec { tv_sec: v as _, tv_nsec: (us * 1000) as _ };
        }
        Ok(call!(SYS_utimensat, dirfd, path, ts.as_ptr(), 0))
    }
}

pub fn utimes(cx: &mut Ctx, a: &Args) -> SysResult {
    utimes_at(cx, libc::AT_FDCWD, a.u32(0), a.u32(1))
}

pub fn futimesat(cx: &mut Ctx, a: &Args) -> SysResult {
    utimes_at(cx, a.i32(0), a.u32(1), a.u32(2))
}

pub fn mknod(cx: &mut Ctx, a: &Args) -> SysResult {
    let path = cx.mem.path(a.u32(0))?;
    #[cfg(target_arch = "x86_64")]
    return Ok(call!(SYS_mknod, path, a.u32(1), a.u64(2)));
    #[cfg(not(target_arch = "x86_64"))]
    Ok(call!(SYS_mknodat, libc::AT_FDCWD, path, a.u32(1), a.u64(2)))
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
    let path = cx.mem.path(a.u32(1))?;
    Ok(call!(SYS_inotify_add_watch, a.i32(0), path, a.u32(2)))
}

pub fn inotify_rm_watch(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_inotify_rm_watch, a.i32(0), a.i32(1)))
}
