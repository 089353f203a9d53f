//! Clocks, sleeps and timers. All their structs have the x86_64 layout.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::sys::{call, from_libc};

const TIMESPEC: usize = 16;
const TIMEVAL: usize = 16;
const TIMEZONE: usize = 8;
const ITIMERVAL: usize = 32;
const ITIMERSPEC: usize = 32;

pub fn nanosleep(cx: &mut Ctx, a: &Args) -> SysResult {
    let (req, rem) = (cx.mem.buf(a.u32(0), TIMESPEC)?, cx.mem.buf(a.u32(1), TIMESPEC)?);
    Ok(call!(SYS_nanosleep, req, rem))
}

pub fn clock_nanosleep(cx: &mut Ctx, a: &Args) -> SysResult {
    let (req, rem) = (cx.mem.buf(a.u32(2), TIMESPEC)?, cx.mem.buf(a.u32(3), TIMESPEC)?);
    Ok(call!(SYS_clock_nanosleep, a.i32(0), a.i32(1), req, rem))
}

/// Through the C library when the result lands on plain guest pages: it
/// reads the common clocks from the vDSO without entering the kernel. Other
/// pointers (NULL, protected pages) go to the kernel, which reports EFAULT.
pub fn clock_gettime(cx: &mut Ctx, a: &Args) -> SysResult {
    let tp = cx.mem.buf(a.u32(1), TIMESPEC)?;
    if let Some(_guard) = cx.mem.lock_writable(a.u32(1), TIMESPEC) {
        return Ok(from_libc(unsafe { libc::clock_gettime(a.i32(0), tp.cast()) }.into()));
    }
    Ok(call!(SYS_clock_gettime, a.i32(0), tp))
}

pub fn clock_getres(cx: &mut Ctx, a: &Args) -> SysResult {
    let tp = cx.mem.buf(a.u32(1), TIMESPEC)?;
    Ok(call!(SYS_clock_getres, a.i32(0), tp))
}

pub fn gettimeofday(cx: &mut Ctx, a: &Args) -> SysResult {
    let (tv, tz) = (cx.mem.buf(a.u32(0), TIMEVAL)?, cx.mem.buf(a.u32(1), TIMEZONE)?);
    if let Some(_guard) = cx.mem.lock_writable(a.u32(0), TIMEVAL).filter(|_| a.u32(1) == 0) {
        return Ok(from_libc(unsafe { libc::gettimeofday(tv.cast(), std::ptr::null_mut()) }.into()));
    }
    Ok(call!(SYS_gettimeofday, tv, tz))
}

pub fn setitimer(cx: &mut Ctx, a: &Args) -> SysResult {
    let (new, old) = (cx.mem.buf(a.u32(1), ITIMERVAL)?, cx.mem.buf(a.u32(2), ITIMERVAL)?);
    Ok(call!(SYS_setitimer, a.i32(0), new, old))
}

pub fn timerfd_create(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_timerfd_create, a.i32(0), a.i32(1)))
}

pub fn timerfd_settime(cx: &mut Ctx, a: &Args) -> SysResult {
    let (new, old) = (cx.mem.buf(a.u32(2), ITIMERSPEC)?, cx.mem.buf(a.u32(3), ITIMERSPEC)?);
    Ok(call!(SYS_timerfd_settime, a.i32(0), a.i32(1), new, old))
}

pub fn getitimer(cx: &mut Ctx, a: &Args) -> SysResult {
    let cur = cx.mem.buf(a.u32(1), ITIMERVAL)?;
    Ok(call!(SYS_getitimer, a.i32(0), cur))
}

pub fn timerfd_gettime(cx: &mut Ctx, a: &Args) -> SysResult {
    let cur = cx.mem.buf(a.u32(1), ITIMERSPEC)?;
    Ok(call!(SYS_timerfd_gettime, a.i32(0), cur))
}
