//! Signal calls. Actions are kept by the engine (handlers are Wasm table
//! indices); masks, pending sets and sending are the kernel's.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::signal::{Action, NSIG};
use crate::sys::call;

/// The guest's packed k_sigaction: handler u32 @0, flags u64 @4, restorer u32 @12, mask u64 @16.
const KSIGACTION: usize = 24;
const SIGSET: usize = 8;
const STACK_T: usize = 12;
const SIGINFO: usize = 128;
const TIMESPEC: usize = 16;

pub fn rt_sigaction(cx: &mut Ctx, a: &Args) -> SysResult {
    let sig = a.i32(0);
    if !(1..NSIG as i32).contains(&sig) || a.u32(3) != SIGSET as u32 {
        return Err(libc::EINVAL.into());
    }
    let new = if a.u32(1) == 0 {
        None
    } else {
        let mut b = [0u8; KSIGACTION];
        cx.mem.read(a.u32(1), &mut b)?;
        Some(Action {
            handler: i32::from_le_bytes(b[0..4].try_into().unwrap()),
            flags: u64::from_le_bytes(b[4..12].try_into().unwrap()),
            restorer: u32::from_le_bytes(b[12..16].try_into().unwrap()),
            mask: u64::from_le_bytes(b[16..24].try_into().unwrap()),
        })
    };
    if a.u32(2) != 0 {
        cx.mem.check(a.u32(2), KSIGACTION)?;
    }
    let signals = &cx.proc.signals;
    let old = signals.get(sig);
    if let Some(act) = new {
        signals.set(sig, act)?;
    }
    if a.u32(2) != 0 {
        let mut b = [0u8; KSIGACTION];
        b[0..4].copy_from_slice(&old.handler.to_le_bytes());
        b[4..12].copy_from_slice(&old.flags.to_le_bytes());
        b[12..16].copy_from_slice(&old.restorer.to_le_bytes());
        b[16..24].copy_from_slice(&old.mask.to_le_bytes());
        cx.mem.write(a.u32(2), &b)?;
    }
    Ok(0)
}

/// The real thread mask, except that the engine's own signals (SIGSEGV,
/// SIGBUS, SIGILL, SIGFPE) are never blocked: the kernel would turn a fault
/// while they are into a crash of the engine (docs/engine.md, Signals).
pub fn rt_sigprocmask(cx: &mut Ctx, a: &Args) -> SysResult {
    let (how, size) = (a.i32(0), a.u32(3));
    let old = cx.mem.buf(a.u32(2), size as usize)?;
    if a.u32(1) == 0 || size != SIGSET as u32 {
        let set = cx.mem.buf(a.u32(1), size as usize)?;
        return Ok(call!(SYS_rt_sigprocmask, how, set, old, size));
    }
    let mut set = cx.mem.read_u64(a.u32(1))?;
    if how != libc::SIG_UNBLOCK {
        set = crate::faults::unblockable(set);
    }
    Ok(call!(SYS_rt_sigprocmask, how, &set as *const u64, old, size))
}

pub fn rt_sigpending(cx: &mut Ctx, a: &Args) -> SysResult {
    let set = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_rt_sigpending, set, a.u32(1)))
}

pub fn rt_sigsuspend(cx: &mut Ctx, a: &Args) -> SysResult {
    let set = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_rt_sigsuspend, set, a.u32(1)))
}

pub fn rt_sigtimedwait(cx: &mut Ctx, a: &Args) -> SysResult {
    let set = cx.mem.buf(a.u32(0), a.u32(3) as usize)?;
    let (info, ts) = (cx.mem.buf(a.u32(1), SIGINFO)?, cx.mem.buf(a.u32(2), TIMESPEC)?);
    Ok(call!(SYS_rt_sigtimedwait, set, info, ts, a.u32(3)))
}

pub fn rt_sigreturn(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}

pub fn kill(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_kill, a.i32(0), a.i32(1)))
}

pub fn tkill(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_tkill, a.i32(0), a.i32(1)))
}

pub fn tgkill(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_tgkill, a.i32(0), a.i32(1), a.i32(2)))
}

/// The interface's (x86_64's); arm64's is 5120.
const MINSIGSTKSZ: usize = 2048;

/// The alternate stack is recorded and reported but not given to the kernel:
/// native handlers run on the engine's own stack, Wasm handlers on the Wasm one.
pub fn sigaltstack(cx: &mut Ctx, a: &Args) -> SysResult {
    let mut new = [0u8; STACK_T];
    if a.u32(0) != 0 {
        cx.mem.read(a.u32(0), &mut new)?;
    }
    if a.u32(1) != 0 {
        cx.mem.write(a.u32(1), &cx.altstack)?;
    }
    if a.u32(0) != 0 {
        let flags = i32::from_le_bytes(new[4..8].try_into().unwrap());
        let size = u32::from_le_bytes(new[8..12].try_into().unwrap());
        if flags & !libc::SS_DISABLE != 0 {
            return Err(libc::EINVAL.into());
        }
        if flags & libc::SS_DISABLE == 0 && (size as usize) < MINSIGSTKSZ {
            return Err(libc::ENOMEM.into());
        }
        cx.altstack = new;
    }
    Ok(0)
}

pub fn signalfd(cx: &mut Ctx, a: &Args) -> SysResult {
    let mask = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(crate::host::legacy::signalfd(a.i32(0), mask, a.u32(2)))
}

pub fn signalfd4(cx: &mut Ctx, a: &Args) -> SysResult {
    let mask = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_signalfd4, a.i32(0), mask, a.u32(2), a.i32(3)))
}
