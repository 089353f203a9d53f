//! What `--dir` confines beyond Landlock. Landlock governs opening,
//! creating, removing, renaming, truncating and executing files by path. It
//! has no say over changing a file's metadata (mode, owner, times, inode
//! flags) or reading it (stat, access, readlink, statfs, inotify, a
//! name-only open, chdir), nor over connecting to a Unix socket by its path.
//! With `--dir` the engine checks those itself (docs/policy.md):
//! - a metadata change, or connecting to a socket, needs the file beneath a
//!   read-write tree;
//! - reading metadata needs it beneath any tree, or to be a directory on the
//!   way to one (`/`, `/home`...: path walks such as `realpath` go there).
//!
//! A path is resolved by the kernel to name-only descriptors held by the
//! engine (`fds`): the directory that holds the object and the object
//! itself, symlinks followed one at a time when the call follows them. The
//! directory's place is found by walking `..` from it, comparing device and
//! inode numbers with the trees' roots: no names, so symlinks, renames and
//! `chroot` cannot fool it. The call then acts on the held descriptor, never
//! on the guest's path again, so the object checked is the object changed.

use crate::fds::{EngineFds, Held};
use crate::memory::Errno;
use crate::policy::Dir;
use crate::sys::call;
use std::ffi::{CStr, CString};

/// A file's identity: device and inode numbers.
type Id = (u64, u64);

/// Symlinks followed in one resolution: the kernel's limit.
const MAX_LINKS: usize = 40;
/// Deepest directory a walk up climbs from.
const MAX_DEPTH: usize = 256;

/// What a call needs of its target's place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Beneath any tree, or a directory on the way to one.
    Read,
    /// Beneath a read-write tree.
    Write,
}

/// The `--dir` trees, by identity.
pub struct Trees {
    /// Each tree's root and whether it is read-write.
    roots: Vec<(Id, bool)>,
    /// The directories from `/` down to each root's parent.
    ancestors: Vec<Id>,
}

fn id_of(st: &libc::stat) -> Id {
    (st.st_dev, st.st_ino)
}

/// `fstatat(dirfd, path, flags)`.
fn stat_at(dirfd: i32, path: &CStr, flags: i32) -> Result<libc::stat, Errno> {
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let r = call!(SYS_newfstatat, dirfd, path.as_ptr(), &mut st as *mut libc::stat, flags);
    if r < 0 {
        return Err(-r as Errno);
    }
    Ok(st)
}

fn fstat(fd: i32) -> Result<libc::stat, Errno> {
    stat_at(fd, c"", libc::AT_EMPTY_PATH)
}

fn is_dir(st: &libc::stat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// The identities of `dir` and of every directory above it, up to the
/// process's root (`..` of the root is the root).
fn upwards(dir: i32) -> impl Iterator<Item = Id> {
    let mut path = String::from(".");
    let mut last = None;
    (0..MAX_DEPTH).map_while(move |_| {
        let id = id_of(&stat_at(dir, &CString::new(path.as_str()).ok()?, 0).ok()?);
        if last == Some(id) {
            return None;
        }
        last = Some(id);
        path = if path == "." { "..".into() } else { format!("{path}/..") };
        Some(id)
    })
}

impl Trees {
    /// The trees of `dirs`, or `None` without any (nothing to confine)
    /// unless `always` (then nothing is in reach).
    pub fn new(dirs: &[Dir], always: bool) -> Option<Trees> {
        if dirs.is_empty() && !always {
            return None;
        }
        let mut trees = Trees { roots: Vec::new(), ancestors: Vec::new() };
        for d in dirs {
            let Ok(path) = CString::new(d.path.as_os_str().as_encoded_bytes()) else { continue };
            let Ok(st) = stat_at(libc::AT_FDCWD, &path, 0) else { continue };
            trees.roots.push((id_of(&st), !d.read_only));
            // A file's tree: the directories from its own up are on the way.
            let dir = if is_dir(&st) { Some(path.clone()) } else { split(path.as_bytes()).map(|(dir, _)| dir) };
            let Some(dir) = dir else { continue };
            let fd = call!(SYS_openat, libc::AT_FDCWD, dir.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC);
            if fd >= 0 {
                let fd = fd as i32;
                let mut ids = upwards(fd);
                if is_dir(&st) {
                    ids.next(); // the root itself
                }
                trees.ancestors.extend(ids);
                call!(SYS_close, fd);
            }
        }
        Some(trees)
    }

    /// The best access a tree gives to `id`'s subtree, walking up from `dir`
    /// (which is `id`'s directory, or `id` itself).
    fn access(&self, id: Id, dir: i32) -> Option<bool> {
        let root = |i: Id| self.roots.iter().filter(|(r, _)| *r == i).map(|(_, rw)| *rw).max();
        if let Some(rw) = root(id) {
            return Some(rw);
        }
        upwards(dir).find_map(root)
    }

    fn allows(&self, need: Need, id: Id, dir: i32, object_is_dir: bool) -> bool {
        match (self.access(id, dir), need) {
            (Some(true), _) | (Some(false), Need::Read) => true,
            (None, Need::Read) => object_is_dir && self.ancestors.contains(&id),
            _ => false,
        }
    }
}

/// A resolved path: the object and, unless it is a directory, the
/// directory that holds it; both held.
pub struct Target<'a> {
    obj: Held<'a>,
    parent: Option<Held<'a>>,
    st: libc::stat,
}

impl Target<'_> {
    /// The object's name-only descriptor, to act on.
    pub fn fd(&self) -> i32 {
        self.obj.fd()
    }

    pub fn is_dir(&self) -> bool {
        is_dir(&self.st)
    }

    /// `Ok` when the trees give the call what it needs, else `EACCES`.
    pub fn check(&self, trees: &Trees, need: Need) -> Result<(), Errno> {
        let dir = self.parent.as_ref().unwrap_or(&self.obj).fd();
        if trees.allows(need, id_of(&self.st), dir, is_dir(&self.st)) {
            Ok(())
        } else {
            Err(libc::EACCES)
        }
    }
}

/// Splits a path into its directory and last name; `None` for `/`.
fn split(path: &[u8]) -> Option<(CString, CString)> {
    let at = path.iter().rposition(|&b| b == b'/');
    let (dir, name) = match at {
        None => (&b"."[..], path),
        Some(0) => (&b"/"[..], &path[1..]),
        Some(i) => (&path[..i], &path[i + 1..]),
    };
    if name.is_empty() {
        return None;
    }
    Some((CString::new(dir).ok()?, CString::new(name).ok()?))
}

/// Resolves `path` relative to `dirfd` as a call that does (`follow`) or
/// does not follow a final symlink would. An empty path is `ENOENT`.
pub fn resolve<'a>(fds: &'a EngineFds, dirfd: i32, path: &CStr, follow: bool) -> Result<Target<'a>, Errno> {
    if path.is_empty() {
        return Err(libc::ENOENT);
    }
    // A symlink's target is resolved from the directory holding the link.
    let mut at: Option<Held<'a>> = None;
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        let dir = at.as_ref().map_or(dirfd, |h| h.fd());
        match step(fds, dir, &path, follow)? {
            Step::Found(target) => return Ok(target),
            Step::Link { parent, target } => {
                at = Some(parent);
                path = target;
            }
        }
    }
    Err(libc::ELOOP)
}

enum Step<'a> {
    Found(Target<'a>),
    /// The last name is a symlink to follow: its directory and its target.
    Link { parent: Held<'a>, target: CString },
}

/// One resolution of `path` by the kernel, up to its last name.
fn step<'a>(fds: &'a EngineFds, dirfd: i32, path: &CStr, follow: bool) -> Result<Step<'a>, Errno> {
    let hold = |at: i32, name: &CStr, flags: i32| {
        fds.hold(|| call!(SYS_openat, at, name.as_ptr(), libc::O_PATH | libc::O_CLOEXEC | flags))
    };
    // A directory is placed by itself, so it needs no parent.
    let found_dir = |obj: Held<'a>| -> Result<Step<'a>, Errno> {
        let st = fstat(obj.fd())?;
        Ok(Step::Found(Target { obj, parent: None, st }))
    };
    let bytes = path.to_bytes();
    // "a/b/" names a directory, through a symlink if need be.
    let trimmed = match bytes.iter().rposition(|&b| b != b'/') {
        Some(i) => &bytes[..=i],
        None => &bytes[..1],
    };
    let must_be_dir = trimmed.len() < bytes.len();
    let Some((dir, name)) = split(trimmed) else {
        return found_dir(hold(dirfd, c"/", libc::O_DIRECTORY)?);
    };
    let parent = hold(dirfd, &dir, libc::O_DIRECTORY)?;
    if name.as_bytes() == b"." || name.as_bytes() == b".." {
        return found_dir(hold(parent.fd(), &name, libc::O_DIRECTORY)?);
    }
    let obj = hold(parent.fd(), &name, libc::O_NOFOLLOW)?;
    let st = fstat(obj.fd())?;
    if st.st_mode & libc::S_IFMT == libc::S_IFLNK && (follow || must_be_dir) {
        let mut target = vec![0u8; libc::PATH_MAX as usize];
        let n = call!(SYS_readlinkat, obj.fd(), c"".as_ptr(), target.as_mut_ptr(), target.len());
        if n <= 0 {
            return Err(if n == 0 { libc::ENOENT } else { -n as Errno });
        }
        target.truncate(n as usize);
        if must_be_dir {
            target.push(b'/');
        }
        let target = CString::new(target).map_err(|_| libc::ENOENT)?;
        return Ok(Step::Link { parent, target });
    }
    if must_be_dir && !is_dir(&st) {
        return Err(libc::ENOTDIR);
    }
    let parent = (!is_dir(&st)).then_some(parent);
    Ok(Step::Found(Target { obj, parent, st }))
}

/// Checks an open descriptor's file for a metadata change: it must be
/// beneath a read-write tree by the name it was opened under, unless no
/// name reaches it (a pipe, a socket, an unlinked file), when the change
/// affects nothing outside. The name is the kernel's (the descriptor's
/// link in /proc), checked to still name the same file.
pub fn check_fd(fds: &EngineFds, trees: &Trees, proc_dir: i32, fd: i32, need: Need) -> Result<(), Errno> {
    let st = fstat(fd)?;
    if st.st_nlink == 0 {
        return Ok(());
    }
    let name = crate::open::name_of(proc_dir, fd).ok_or(libc::EACCES)?;
    if !name.starts_with(b"/") {
        // pipe:[...], socket:[...], anon_inode:[...]: no file system name.
        return Ok(());
    }
    let name = CString::new(name).map_err(|_| libc::EACCES)?;
    let target = resolve(fds, libc::AT_FDCWD, &name, false).map_err(|_| libc::EACCES)?;
    if id_of(&target.st) != id_of(&st) {
        return Err(libc::EACCES);
    }
    target.check(trees, need)
}
