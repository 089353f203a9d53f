//! Opening guest paths. No descriptor that can read or write a process's
//! memory file (`/proc/<pid>/mem`, `/proc/<pid>/task/<tid>/mem`) may ever
//! exist in the process's table, not even for an instant: another guest
//! thread can copy any descriptor the moment it exists, and writing that
//! file patches the engine's own code. So a guest path is never opened as
//! it stands:
//! 1. it is resolved to a name-only descriptor (`O_PATH`), which can neither
//!    read nor write, held by the engine (`fds`) so that no guest thread can
//!    close or replace it meanwhile;
//! 2. the file it names is checked; a memory file is refused (`EACCES`);
//! 3. the file is reopened through `thread-self/fd/N` under the /proc
//!    directory the engine opened at start-up: never by the guest's path
//!    again, which another thread could redirect meanwhile, and whatever the
//!    process's root (a `chroot` does not blind the check).
//!
//! Symlinks, `..`, `/dev/fd/N`, `/proc/self/fd/N`, directory descriptors and
//! the working directory are all resolved by the kernel in step 1, so every
//! way to name the file meets the same check. Opens that cannot reach an
//! existing file (`O_CREAT|O_EXCL`, `O_TMPFILE`) and name-only opens (`O_PATH`,
//! harmless by themselves, and reopened only through this module) go to the
//! kernel directly.

use crate::fds::{move_high, EngineFds, Held};
use crate::memory::Errno;
use crate::sys::call;
use std::ffi::{CStr, CString};

const PROC_SUPER_MAGIC: i64 = 0x9fa0;
/// Symlinks followed by hand when creating through a dangling one: the kernel's limit.
const MAX_LINKS: usize = 40;
/// `O_TMPFILE` without the `O_DIRECTORY` bit it contains.
const TMPFILE: i32 = libc::O_TMPFILE & !libc::O_DIRECTORY;

/// `struct open_how` of openat2 (libc's is not constructible).
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

/// The engine's name-only descriptor for /proc, opened before the guest
/// runs; `-1` when /proc is not procfs.
pub fn proc_dir() -> i32 {
    let fd = call!(SYS_openat, libc::AT_FDCWD, c"/proc".as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC);
    if fd < 0 {
        return -1;
    }
    let fd = fd as i32;
    if !on_procfs(fd) {
        call!(SYS_close, fd);
        return -1;
    }
    move_high(fd)
}

/// Whether the (name-only) descriptor `fd` is a symlink itself.
pub(crate) fn is_symlink(fd: i32) -> bool {
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    call!(SYS_fstat, fd, &mut st as *mut libc::stat) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFLNK
}

fn on_procfs(fd: i32) -> bool {
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    call!(SYS_fstatfs, fd, &mut fs as *mut libc::statfs) == 0 && fs.f_type as i64 == PROC_SUPER_MAGIC
}

/// `thread-self/fd/N`, NUL-terminated, relative to the /proc directory.
pub(crate) fn fd_link(fd: i32) -> CString {
    CString::new(format!("thread-self/fd/{fd}")).expect("no NUL in a number")
}

/// `/proc/thread-self/fd/N`, for calls that take a path and no directory
/// (inotify, a socket address); it needs /proc under the process's root.
pub(crate) fn fd_path(fd: i32) -> CString {
    CString::new(format!("/proc/thread-self/fd/{fd}")).expect("no NUL in a number")
}

/// The name of the file the descriptor `fd` refers to, as the kernel has
/// it (its link in /proc); `None` when it cannot be read whole.
pub(crate) fn name_of(proc_dir: i32, fd: i32) -> Option<Vec<u8>> {
    let mut name = vec![0u8; libc::PATH_MAX as usize];
    let link = fd_link(fd);
    let n = call!(SYS_readlinkat, proc_dir, link.as_ptr(), name.as_mut_ptr(), name.len());
    if n <= 0 || n as usize >= name.len() {
        return None;
    }
    name.truncate(n as usize);
    Some(name)
}

/// Where descriptors are opened from: the process's held descriptors and
/// the engine's /proc directory.
#[derive(Clone, Copy)]
pub struct Opener<'a> {
    pub fds: &'a EngineFds,
    pub proc_dir: i32,
    /// The policy's per-call decisions (writing another process's /proc files).
    pub uses: &'a crate::policy::Uses,
}

impl Opener<'_> {
    /// `openat(dirfd, path, flags, mode)` as the guest asked, except that a
    /// process's memory file is refused. Returns the new descriptor.
    pub fn open(&self, dirfd: i32, path: &CStr, flags: i32, mode: u32) -> Result<i32, Errno> {
        let direct = flags & libc::O_PATH != 0
            || flags & (libc::O_CREAT | libc::O_EXCL) == libc::O_CREAT | libc::O_EXCL
            || flags & TMPFILE != 0;
        if direct {
            return errno(call!(SYS_openat, dirfd, path.as_ptr(), flags, mode));
        }
        if self.proc_dir < 0 {
            return self.open_without_proc(dirfd, path, flags, mode);
        }
        if let Some(r) = self.open_in_dir(dirfd, path, flags, mode) {
            return r;
        }
        let mut at: Option<Held> = None;
        let mut path = path.to_owned();
        for _ in 0..MAX_LINKS {
            let dir = at.as_ref().map_or(dirfd, |h| h.fd());
            let named = match self.name(dir, &path, flags & (libc::O_NOFOLLOW | libc::O_DIRECTORY)) {
                Err(libc::ENOENT) if flags & libc::O_CREAT != 0 => {
                    // Nothing there: create it, exclusively, so no existing file is opened.
                    let r = call!(SYS_openat, dir, path.as_ptr(), flags | libc::O_EXCL, mode);
                    if r != -(libc::EEXIST as i64) {
                        return errno(r);
                    }
                    // The name exists but leads nowhere: a dangling symlink, which
                    // O_CREAT follows to create its target (or it appeared just now).
                    let (next_at, next) = self.follow(dir, &path)?;
                    if let Some(h) = next_at {
                        at = Some(h);
                    }
                    path = next;
                    continue;
                }
                r => r?,
            };
            return self.reopen(named, flags, mode);
        }
        Err(libc::ELOOP)
    }

    /// The common case, decided without a reopen: the path's directory is
    /// named and held, and, when it is not on procfs, the file is opened in
    /// it by its last name alone, following no symlink and crossing no mount
    /// (`openat2`). It then lies on the directory's file system, so it cannot
    /// be a memory file. `None` leaves the open to the general path: a last
    /// name that is a symlink, a mount point, `.` or `..`, a directory on
    /// procfs, or flags `openat2` refuses that `openat` ignores.
    fn open_in_dir(&self, dirfd: i32, path: &CStr, flags: i32, mode: u32) -> Option<Result<i32, Errno>> {
        let bytes = path.to_bytes();
        let (dir, name) = match bytes.iter().rposition(|&b| b == b'/') {
            None => (&b"."[..], bytes),
            Some(0) => (&b"/"[..], &bytes[1..]),
            Some(i) => (&bytes[..i], &bytes[i + 1..]),
        };
        if name.is_empty() || name == b"." || name == b".." {
            return None;
        }
        let (dir, name) = (CString::new(dir).ok()?, CString::new(name).ok()?);
        let held = self.name(dirfd, &dir, libc::O_DIRECTORY).ok()?;
        if on_procfs(held.fd()) {
            return None;
        }
        let creates = flags & (libc::O_CREAT | TMPFILE) != 0;
        let how = OpenHow {
            flags: u64::from(flags as u32),
            mode: if creates { u64::from(mode) } else { 0 },
            resolve: libc::RESOLVE_NO_SYMLINKS | libc::RESOLVE_NO_XDEV | libc::RESOLVE_NO_MAGICLINKS,
        };
        let r = call!(SYS_openat2, held.fd(), name.as_ptr(), &how as *const OpenHow, std::mem::size_of::<OpenHow>());
        match r {
            // A symlink, a mount point, an unknown flag, or no openat2.
            r if [libc::ELOOP, libc::EXDEV, libc::EINVAL, libc::ENOSYS, libc::EAGAIN].contains(&(-r as i32)) => None,
            r if r < 0 => Some(Err(-r as Errno)),
            fd => Some(Ok(held.give_slot_to(fd as i32, flags & libc::O_CLOEXEC != 0))),
        }
    }

    /// Step 1: a held name-only descriptor for `path`.
    fn name(&self, dirfd: i32, path: &CStr, flags: i32) -> Result<Held<'_>, Errno> {
        self.fds.hold(|| call!(SYS_openat, dirfd, path.as_ptr(), libc::O_PATH | libc::O_CLOEXEC | flags))
    }

    /// Steps 2 and 3. The reopened file takes the name-only descriptor's
    /// number, the one the guest's own open would have got.
    fn reopen(&self, named: Held, flags: i32, mode: u32) -> Result<i32, Errno> {
        let fd = named.fd();
        if flags & libc::O_NOFOLLOW != 0 {
            // O_PATH|O_NOFOLLOW named the link itself; opening one is ELOOP.
            if is_symlink(fd) {
                return Err(libc::ELOOP);
            }
        }
        if on_procfs(fd) {
            // The file's name, as the kernel has it; none means refused (failing closed).
            let name = name_of(self.proc_dir, fd).ok_or(libc::EACCES)?;
            if name.ends_with(b"/mem") {
                return Err(libc::EACCES);
            }
            let writes = flags & libc::O_ACCMODE != libc::O_RDONLY || flags & libc::O_TRUNC != 0;
            if writes && self.uses.other_processes && !self.of_this_process(&name) {
                return Err(self.uses.errno);
            }
        }
        // O_NOFOLLOW was applied when naming; on the magic link it would be ELOOP.
        let flags = flags & !(libc::O_NOFOLLOW | libc::O_EXCL);
        let link = fd_link(fd);
        let reopened = errno(call!(SYS_openat, self.proc_dir, link.as_ptr(), flags, mode))?;
        Ok(named.give_slot_to(reopened, flags & libc::O_CLOEXEC != 0))
    }

    /// Whether a procfs file's `name` is not another process's: outside any
    /// /proc/<pid> directory, or in this process's. No when the name is not
    /// under the engine's /proc (procfs mounted elsewhere: failing closed).
    fn of_this_process(&self, name: &[u8]) -> bool {
        let Some(root) = name_of(self.proc_dir, self.proc_dir) else { return false };
        let Some(rest) = name.strip_prefix(root.as_slice()).and_then(|r| r.strip_prefix(b"/")) else { return false };
        let first = rest.split(|&b| b == b'/').next().unwrap_or_default();
        match std::str::from_utf8(first).ok().and_then(|s| s.parse::<i32>().ok()) {
            Some(pid) => crate::ctx::Process::is_this_process(pid),
            None => true,
        }
    }

    /// The target of the symlink `path` (relative to `dirfd`) as a new
    /// (directory, path) pair: a held directory when the target is relative.
    fn follow(&self, dirfd: i32, path: &CStr) -> Result<(Option<Held<'_>>, CString), Errno> {
        let link = self.name(dirfd, path, libc::O_NOFOLLOW)?;
        let mut target = vec![0u8; libc::PATH_MAX as usize];
        let n = call!(SYS_readlinkat, link.fd(), c"".as_ptr(), target.as_mut_ptr(), target.len());
        if n < 0 {
            // Not a symlink: the name appeared meanwhile; try again as it is.
            return Ok((None, path.to_owned()));
        }
        target.truncate(n as usize);
        let target = CString::new(target).map_err(|_| libc::ENOENT)?;
        if target.as_bytes().starts_with(b"/") {
            return Ok((None, target));
        }
        let bytes = path.to_bytes();
        let parent = match bytes.iter().rposition(|&b| b == b'/') {
            Some(0) => c"/".to_owned(),
            Some(i) => CString::new(&bytes[..i]).expect("from a C string"),
            None => c".".to_owned(),
        };
        let dir = self.name(dirfd, &parent, libc::O_DIRECTORY)?;
        Ok((Some(dir), target))
    }

    /// Without a /proc directory the name-only descriptor cannot be reopened:
    /// the path is opened as it stands and any procfs file refused. (A
    /// process started without /proc reaches no procfs unless it is mounted
    /// elsewhere; docs/policy.md.)
    fn open_without_proc(&self, dirfd: i32, path: &CStr, flags: i32, mode: u32) -> Result<i32, Errno> {
        let fd = errno(call!(SYS_openat, dirfd, path.as_ptr(), flags, mode))?;
        if on_procfs(fd) {
            call!(SYS_close, fd);
            return Err(libc::EACCES);
        }
        Ok(fd)
    }
}

fn errno(r: i64) -> Result<i32, Errno> {
    if r < 0 {
        Err(-r as Errno)
    } else {
        Ok(r as i32)
    }
}
