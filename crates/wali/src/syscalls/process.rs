//! Processes and threads: fork, exec, exit, wait, ids, futex.

use super::{Args, Fault, Stop, SysResult};
use crate::ctx::Ctx;
use crate::sys::{call, from_libc};
use std::time::Duration;
use crate::wait::End;

const RUSAGE: usize = 144;
const SIGINFO: usize = 128;
const TIMESPEC: usize = 16;

pub fn fork(cx: &mut Ctx, _: &Args) -> SysResult {
    // The whole engine is duplicated; linear memory is a private mapping, so
    // the child's writes stay in the child. Engine locks another guest thread
    // could hold are taken first, so the child never inherits them locked
    // (the mmap guard also makes forks one at a time). A process with no other
    // guest thread has nobody who could hold them, and taking them would only
    // write to pages that parent and child would each have to copy.
    let alone = cx.proc.threads.others() == 0;
    let mut held = (!alone).then(|| ForkLocks::take(cx));
    let idle = crate::thread::ForkGuard::new(alone);
    // glibc's fork takes and resets its malloc, stdio and loader locks and
    // runs atfork handlers (the engine registers none), all for the sake of
    // other threads; its `_Fork` does the rest (the child's thread id, robust
    // list...). With no other thread, nobody can hold those locks, and
    // skipping them saves the pages they would dirty: about ten page faults
    // per fork+wait.
    let sole = alone && cx.proc.exit_directly && crate::thread::sole_native_thread();
    let pid = crate::profile::timed(|| unsafe { if sole { _Fork() } else { libc::fork() } });
    if pid == 0 {
        if let Some(idle) = idle {
            idle.child();
        }
        cx.proc.threads.forked_child();
        // The child's `--profile` counts its own calls from here.
        match held.as_mut().and_then(|locks| locks.profile.as_mut()) {
            Some(rows) => rows.clear(),
            None => {
                if let Some(p) = &cx.proc.profile {
                    p.guard().clear();
                }
            }
        }
        if let Some(locks) = held.as_mut() {
            cx.mem.pages().waiters().addrs.clear();
            // Descriptors other threads held for an open in progress.
            crate::fds::EngineFds::forked_child(&mut locks.fds);
        }
    } else {
        drop(idle);
    }
    drop(held);
    Ok(from_libc(i64::from(pid)))
}

/// Every engine lock another guest thread could hold, in the order they
/// are taken; held across `fork` so that the child inherits none of them
/// held by a thread it does not have.
struct ForkLocks<'a> {
    _mmap: std::sync::MutexGuard<'a, usize>,
    _quiet: crate::quiesce::Quiet,
    _pages: std::sync::RwLockWriteGuard<'a, ()>,
    fds: std::sync::RwLockWriteGuard<'a, Vec<i32>>,
    _signals: crate::signal::ActionsGuard<'a>,
    _threads: std::sync::MutexGuard<'a, ()>,
    _trace: Option<crate::trace::OutGuard<'a>>,
    profile: Option<crate::profile::Guard<'a>>,
    _warned: std::sync::MutexGuard<'a, std::collections::HashSet<String>>,
}

impl<'a> ForkLocks<'a> {
    fn take(cx: &'a Ctx) -> ForkLocks<'a> {
        let p = &cx.proc;
        ForkLocks {
            _mmap: p.mmap.guard(),
            _quiet: crate::quiesce::Quiet::new(&cx.mem),
            _pages: cx.mem.pages().write_lock(),
            fds: p.fds.write(),
            _signals: p.signals.guard(),
            _threads: p.threads.guard(),
            _trace: p.tracer.as_ref().map(|t| t.guard()),
            profile: p.profile.as_ref().map(|p| p.guard()),
            _warned: p.warned.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

extern "C" {
    /// glibc (2.34+) and musl: fork without atfork handlers or lock handling.
    fn _Fork() -> libc::pid_t;
}

pub fn execve(cx: &mut Ctx, a: &Args) -> SysResult {
    crate::exec::execve(cx, a.u32(0), a.u32(1), a.u32(2)).map_err(Fault::Errno)
}

/// Ends the calling thread. The main thread ending alone waits for the
/// others, as the process lives on until its last thread ends.
pub fn exit(cx: &mut Ctx, a: &Args) -> SysResult {
    if cx.proc.threads.is_main() {
        cx.proc.threads.wait_others();
    }
    Err(Fault::Stop(Stop::Exit(a.i32(0))))
}

pub fn exit_group(cx: &mut Ctx, a: &Args) -> SysResult {
    exit_process(cx, a.i32(0))
}

/// Ends the process: at once when other threads run (wherever they are
/// blocked) or when the runner asked for it, else by unwinding to the embedder.
pub fn exit_process(cx: &Ctx, status: i32) -> SysResult {
    cx.proc.report_profile(&format!("exit status {status}"));
    if cx.proc.exit_directly || cx.proc.threads.others() > 0 {
        unsafe { libc::_exit(status) };
    }
    Err(Fault::Stop(Stop::Exit(status)))
}

pub fn wait4(cx: &mut Ctx, a: &Args) -> SysResult {
    let (status, usage) = (cx.mem.buf(a.u32(1), 4)?, cx.mem.buf(a.u32(3), RUSAGE)?);
    Ok(call!(SYS_wait4, a.i32(0), status, a.i32(2), usage))
}

pub fn waitid(cx: &mut Ctx, a: &Args) -> SysResult {
    let (info, usage) = (cx.mem.buf(a.u32(2), SIGINFO)?, cx.mem.buf(a.u32(4), RUSAGE)?);
    Ok(call!(SYS_waitid, a.i32(0), a.i32(1), info, a.i32(3), usage))
}

pub fn getppid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_getppid))
}

pub fn gettid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_gettid))
}

pub fn setpgid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setpgid, a.i32(0), a.i32(1)))
}

pub fn getpgid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_getpgid, a.i32(0)))
}

pub fn setsid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_setsid))
}

pub fn getsid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_getsid, a.i32(0)))
}

/// The kernel would write to this address at thread exit; the engine keeps
/// it instead, for the thread machinery.
pub fn set_tid_address(cx: &mut Ctx, a: &Args) -> SysResult {
    cx.tid_address = a.u32(0);
    Ok(call!(SYS_gettid))
}

/// The robust list holds guest pointers the kernel must never follow.
pub fn set_robust_list(cx: &mut Ctx, a: &Args) -> SysResult {
    cx.robust_list = a.u32(0);
    Ok(0)
}

/// A relative timeout from a guest timespec; `None` waits forever.
fn timeout(cx: &Ctx, ptr: u32, absolute: Option<libc::clockid_t>) -> Result<Option<Duration>, Fault> {
    if ptr == 0 {
        return Ok(None);
    }
    cx.mem.check(ptr, TIMESPEC)?;
    let sec = cx.mem.read_u64(ptr)? as i64;
    let nsec = cx.mem.read_u64(ptr + 8)? as i64;
    if sec < 0 || !(0..1_000_000_000).contains(&nsec) {
        return Err(libc::EINVAL.into());
    }
    let mut t = Duration::new(sec as u64, nsec as u32);
    if let Some(clock) = absolute {
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        unsafe { libc::clock_gettime(clock, &mut now) };
        t = t.saturating_sub(Duration::new(now.tv_sec as u64, now.tv_nsec as u32));
    }
    Ok(Some(t))
}

/// Waits on the futex word at `addr` (wait.rs); a handled signal that
/// arrived meanwhile ends it with `EINTR`.
fn wait(cx: &Ctx, addr: u32, val: u32, timeout: Option<Duration>) -> SysResult {
    // Poll first when a thread on another CPU may change the word soon; a
    // change (or a signal to handle) is reported as a wake-up, which futex
    // users must expect anyway.
    if timeout.is_none_or(|t| t > crate::thread::SPIN)
        && crate::thread::worth_spinning(&cx.proc.threads, 0)
        && cx.mem.read_u32(addr) == Ok(val)
    {
        let woken = || (cx.mem.read_u32(addr) != Ok(val) || crate::signal::pending()).then_some(());
        if crate::thread::spin(crate::thread::SPIN, woken).is_some() {
            return Ok(0);
        }
    }
    match crate::wait::wait(&cx.mem, addr, crate::wait::Word::U32(val), timeout) {
        End::Woken => Ok(0),
        End::Mismatch => Err(libc::EAGAIN.into()),
        End::TimedOut => Err(libc::ETIMEDOUT.into()),
        End::Fault => Err(libc::EFAULT.into()),
        End::Signal => Err(libc::EINTR.into()),
    }
}

/// Futexes live in the shared memory's own wait queues, which Wasm's
/// `memory.atomic.wait32`/`notify` use too, so both kinds of waiter meet.
pub fn futex(cx: &mut Ctx, a: &Args) -> SysResult {
    const FUTEX_CMD_MASK: i32 = !(libc::FUTEX_PRIVATE_FLAG | libc::FUTEX_CLOCK_REALTIME);
    let (addr, op, val) = (a.u32(0), a.i32(1), a.i32(2));
    if addr % 4 != 0 {
        return Err(libc::EINVAL.into());
    }
    cx.mem.check(addr, 4)?;
    let clock = if op & libc::FUTEX_CLOCK_REALTIME != 0 { libc::CLOCK_REALTIME } else { libc::CLOCK_MONOTONIC };
    let shared = cx.mem.shared();
    let wake = |n: i32| -> SysResult {
        let _inside = crate::quiesce::Section::enter();
        shared.atomic_notify(addr as u64, n.max(0) as u32).map(|n| n as i64).map_err(|_| libc::EFAULT.into())
    };
    match op & FUTEX_CMD_MASK {
        libc::FUTEX_WAIT | libc::FUTEX_WAIT_BITSET => {
            let abs = (op & FUTEX_CMD_MASK == libc::FUTEX_WAIT_BITSET).then_some(clock);
            let t = timeout(cx, a.u32(3), abs)?;
            wait(cx, addr, val as u32, t)
        }
        libc::FUTEX_WAKE | libc::FUTEX_WAKE_BITSET => wake(val),
        libc::FUTEX_REQUEUE | libc::FUTEX_CMP_REQUEUE => {
            // The wait queues cannot move waiters to another address: wake
            // them all instead, a spurious wake-up every futex user tolerates.
            if op & FUTEX_CMD_MASK == libc::FUTEX_CMP_REQUEUE && cx.mem.read_u32(addr)? != a.u32(5) {
                return Err(libc::EAGAIN.into());
            }
            wake(i32::MAX)
        }
        _ => Err(libc::ENOSYS.into()),
    }
}
