//! Identity, limits, system information, randomness, scheduling.

use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::sys::call;

const UTSNAME: usize = 390;
const RLIMIT: usize = 16;
/// The kernel writes the x86_64 `struct rusage` (144 bytes); libc's is larger.
const RUSAGE: usize = 144;
/// The kernel's x86_64 `struct sysinfo` (112 bytes); libc's is larger.
const SYSINFO: usize = 112;
const SCHED_PARAM: usize = 4;

pub fn sched_yield(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_sched_yield))
}

pub fn getpid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_getpid))
}

pub fn uname(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(0), UTSNAME)?;
    Ok(call!(SYS_uname, buf))
}

pub fn getrlimit(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), RLIMIT)?;
    Ok(crate::host::legacy::getrlimit(a.i32(0), buf))
}

pub fn setrlimit(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), RLIMIT)?;
    Ok(crate::host::legacy::setrlimit(a.i32(0), buf))
}

/// Decided per call by the policy: another process's limits as `prlimit64`,
/// the program's own as `setrlimit` or `getrlimit` (policy::Uses).
pub fn prlimit64(cx: &mut Ctx, a: &Args) -> SysResult {
    let uses = &cx.proc.uses;
    let denied = if !crate::ctx::Process::is_this_process(a.i32(0)) {
        uses.other_processes
    } else if a.u32(2) != 0 {
        uses.set_own_limits
    } else {
        uses.get_own_limits
    };
    uses.check(denied)?;
    let (new, old) = (cx.mem.buf(a.u32(2), RLIMIT)?, cx.mem.buf(a.u32(3), RLIMIT)?);
    Ok(call!(SYS_prlimit64, a.i32(0), a.i32(1), new, old))
}

pub fn getrusage(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), RUSAGE)?;
    Ok(call!(SYS_getrusage, a.i32(0), buf))
}

pub fn sysinfo(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(0), SYSINFO)?;
    Ok(call!(SYS_sysinfo, buf))
}

pub fn getrandom(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_getrandom, buf, a.u32(1), a.u32(2)))
}

pub fn sched_getaffinity(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(2), a.u32(1) as usize)?;
    Ok(call!(SYS_sched_getaffinity, a.i32(0), a.u32(1), buf))
}

pub fn sched_setscheduler(cx: &mut Ctx, a: &Args) -> SysResult {
    let param = cx.mem.buf(a.u32(2), SCHED_PARAM)?;
    Ok(call!(SYS_sched_setscheduler, a.i32(0), a.i32(1), param))
}

pub fn mlockall(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_mlockall, a.i32(0)))
}

pub fn getuid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_getuid))
}

pub fn getgid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_getgid))
}

pub fn geteuid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_geteuid))
}

pub fn getegid(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(call!(SYS_getegid))
}

pub fn setuid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setuid, a.u32(0)))
}

pub fn setgid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setgid, a.u32(0)))
}

pub fn setreuid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setreuid, a.u32(0), a.u32(1)))
}

pub fn setregid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setregid, a.u32(0), a.u32(1)))
}

pub fn setresuid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setresuid, a.u32(0), a.u32(1), a.u32(2)))
}

pub fn setresgid(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setresgid, a.u32(0), a.u32(1), a.u32(2)))
}

/// The group list's size is an `int`: negative is EINVAL (not an array of 4 G entries).
fn groups(cx: &Ctx, a: &Args) -> Result<*mut u8, crate::memory::Errno> {
    let n = u64::try_from(a.i32(0)).map_err(|_| libc::EINVAL)?;
    cx.mem.array(a.u32(1), n, 4)
}

pub fn getgroups(cx: &mut Ctx, a: &Args) -> SysResult {
    let list = groups(cx, a)?;
    Ok(call!(SYS_getgroups, a.i32(0), list))
}

pub fn setgroups(cx: &mut Ctx, a: &Args) -> SysResult {
    let list = groups(cx, a)?;
    Ok(call!(SYS_setgroups, a.u32(0), list))
}

/// prctl options whose arguments are plain integers.
const PRCTL_VALUES: [i32; 12] = [
    libc::PR_SET_PDEATHSIG,
    libc::PR_GET_DUMPABLE,
    libc::PR_SET_DUMPABLE,
    libc::PR_GET_KEEPCAPS,
    libc::PR_SET_KEEPCAPS,
    libc::PR_GET_TIMERSLACK,
    libc::PR_SET_TIMERSLACK,
    libc::PR_SET_CHILD_SUBREAPER,
    libc::PR_GET_NO_NEW_PRIVS,
    libc::PR_SET_NO_NEW_PRIVS,
    libc::PR_GET_THP_DISABLE,
    libc::PR_SET_THP_DISABLE,
];

pub fn prctl(cx: &mut Ctx, a: &Args) -> SysResult {
    let opt = a.i32(0);
    // arg2 is an `unsigned long`: a pointer with high bits set is outside the memory.
    let ptr = || u32::try_from(a.u64(1)).map_err(|_| libc::EFAULT);
    let arg2 = match opt {
        libc::PR_SET_NAME | libc::PR_GET_NAME => cx.mem.buf(ptr()?, 16)? as usize,
        libc::PR_GET_PDEATHSIG | libc::PR_GET_CHILD_SUBREAPER => cx.mem.buf(ptr()?, 4)? as usize,
        o if PRCTL_VALUES.contains(&o) => a.u64(1) as usize,
        _ => return Err(libc::EINVAL.into()),
    };
    Ok(call!(SYS_prctl, opt, arg2, a.u64(2), a.u64(3), a.u64(4)))
}

pub fn getresuid(cx: &mut Ctx, a: &Args) -> SysResult {
    let (r, e, s) = (cx.mem.buf(a.u32(0), 4)?, cx.mem.buf(a.u32(1), 4)?, cx.mem.buf(a.u32(2), 4)?);
    Ok(call!(SYS_getresuid, r, e, s))
}

pub fn getresgid(cx: &mut Ctx, a: &Args) -> SysResult {
    let (r, e, s) = (cx.mem.buf(a.u32(0), 4)?, cx.mem.buf(a.u32(1), 4)?, cx.mem.buf(a.u32(2), 4)?);
    Ok(call!(SYS_getresgid, r, e, s))
}

pub fn getpriority(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_getpriority, a.i32(0), a.i32(1)))
}

pub fn setpriority(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_setpriority, a.i32(0), a.i32(1), a.i32(2)))
}

pub fn sched_getparam(cx: &mut Ctx, a: &Args) -> SysResult {
    let param = cx.mem.buf(a.u32(1), SCHED_PARAM)?;
    Ok(call!(SYS_sched_getparam, a.i32(0), param))
}

pub fn sched_setparam(cx: &mut Ctx, a: &Args) -> SysResult {
    let param = cx.mem.buf(a.u32(1), SCHED_PARAM)?;
    Ok(call!(SYS_sched_setparam, a.i32(0), param))
}

pub fn sched_getscheduler(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_sched_getscheduler, a.i32(0)))
}

pub fn sched_setaffinity(cx: &mut Ctx, a: &Args) -> SysResult {
    let mask = cx.mem.buf(a.u32(2), a.u32(1) as usize)?;
    Ok(call!(SYS_sched_setaffinity, a.i32(0), a.u32(1), mask))
}

pub fn mlock(cx: &mut Ctx, a: &Args) -> SysResult {
    let addr = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_mlock, addr, a.u32(1)))
}

pub fn munlock(cx: &mut Ctx, a: &Args) -> SysResult {
    let addr = cx.mem.buf(a.u32(0), a.u32(1) as usize)?;
    Ok(call!(SYS_munlock, addr, a.u32(1)))
}
