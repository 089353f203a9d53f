//! Clocks, sleeps and timers. All their structs have the x86_64 layout.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::sys::call;

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

pub fn clock_gettime(cx: &mut Ctx, a: &Args) -> SysResult {
    let tp = cx.mem.buf(a.u32(1), TIMESPEC)?;
    Ok(call!(SYS_clock_gettime, a.i32(0), tp))
}

pub fn clock_getres(cx: &mut Ctx, a: &Args) -> SysResult {
    let tp = cx.mem.buf(a.u32(1), TIMESPEC)?;
    Ok(call!(SYS_clock_getres, a.i32(0), tp))
}

pub fn gettimeofday(cx: &mut Ctx, a: &Args) -> SysResult {
    let (tv, tz) = (cx.mem.buf(a.u32(0), TIMEVAL)?, cx.mem.buf(a.u32(1), TIMEZONE)?);
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
