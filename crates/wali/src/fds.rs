//! Descriptors the engine keeps in the process's descriptor table, beside
//! the guest's: its own (the trace file, its /proc directory), which the
//! guest may not close or replace, and the name-only descriptor of a path
//! open in progress (`open`), which must stay what it is until the engine
//! has checked and reopened it.
//!
//! A guest call that closes or replaces a descriptor (`close`, `dup2`,
//! `dup3`) runs under the read lock and is refused for these; creating a
//! held descriptor and registering it happen together under the write lock,
//! so no guest call can slip in between.

use crate::memory::Errno;
use crate::sys::call;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

pub struct EngineFds {
    /// The engine's own, for the life of the process.
    own: Vec<i32>,
    /// Held for an open in progress (a descriptor may appear once per holder).
    held: RwLock<Vec<i32>>,
}

/// Moves a descriptor of the engine's out of the low numbers a program
/// expects to get (its first `open` returns 3, as natively); `fd` itself
/// when that fails.
pub fn move_high(fd: i32) -> i32 {
    let high = call!(SYS_fcntl, fd, libc::F_DUPFD_CLOEXEC, 200);
    if high < 0 {
        return fd;
    }
    call!(SYS_close, fd);
    high as i32
}

impl EngineFds {
    pub fn new(own: Vec<i32>) -> EngineFds {
        EngineFds { own, held: RwLock::new(Vec::new()) }
    }

    fn read(&self) -> RwLockReadGuard<'_, Vec<i32>> {
        self.held.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Taken across `fork`, so that no open is between creating and
    /// registering a descriptor when the table is copied.
    pub fn write(&self) -> RwLockWriteGuard<'_, Vec<i32>> {
        self.held.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether `fd` is one of the engine's (its own, or held right now).
    pub fn is_engine(&self, fd: i32) -> bool {
        self.own.contains(&fd) || self.read().contains(&fd)
    }

    /// Runs `open`, which creates one descriptor or returns `-errno`, and
    /// holds the descriptor until the returned guard is dropped.
    pub fn hold(&self, open: impl FnOnce() -> i64) -> Result<Held<'_>, Errno> {
        let mut held = self.write();
        let fd = open();
        if fd < 0 {
            return Err(-fd as Errno);
        }
        held.push(fd as i32);
        Ok(Held { fds: self, fd: fd as i32 })
    }

    /// A guest call that closes or replaces `fd`: `-EBADF` for the engine's
    /// descriptors, else `f()`, with no descriptor being held meanwhile.
    pub fn replace(&self, fd: i32, f: impl FnOnce() -> i64) -> i64 {
        let held = self.read();
        if self.own.contains(&fd) || held.contains(&fd) {
            return -(libc::EBADF as i64);
        }
        f()
    }

    /// In a forked child, with the lock taken by the parent: descriptors
    /// held by threads that were not copied are closed.
    pub fn forked_child(held: &mut Vec<i32>) {
        for fd in held.drain(..) {
            call!(SYS_close, fd);
        }
    }
}

/// A descriptor held for an open in progress; closed when dropped.
pub struct Held<'a> {
    fds: &'a EngineFds,
    fd: i32,
}

impl Held<'_> {
    pub fn fd(&self) -> i32 {
        self.fd
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        // Closed before it is unregistered: until then no guest call can
        // reach the number, and no other open can reuse it.
        let mut held = self.fds.write();
        call!(SYS_close, self.fd);
        if let Some(i) = held.iter().position(|&f| f == self.fd) {
            held.swap_remove(i);
        }
    }
}
