//! Memory mappings, all inside the linear memory (see `crate::mmap`).

use super::{Args, Fault, SysResult};
use crate::ctx::Ctx;
use crate::sys::call;

pub fn mmap(cx: &mut Ctx, a: &Args) -> SysResult {
    let at = cx.proc.mmap.map(&cx.mem, a.u32(0), a.u32(1), a.i32(2), a.i32(3), a.i32(4), a.i64(5))?;
    Ok(at as i64)
}

pub fn munmap(cx: &mut Ctx, a: &Args) -> SysResult {
    cx.proc.mmap.unmap(&cx.mem, a.u32(0), a.u32(1))?;
    Ok(0)
}

pub fn mprotect(cx: &mut Ctx, a: &Args) -> SysResult {
    cx.proc.mmap.protect(&cx.mem, a.u32(0), a.u32(1), a.i32(2))?;
    Ok(0)
}

pub fn mremap(cx: &mut Ctx, a: &Args) -> SysResult {
    let at = cx.proc.mmap.remap(&cx.mem, a.u32(0), a.u32(1), a.u32(2), a.i32(3), a.u32(4))?;
    Ok(at as i64)
}

pub fn msync(cx: &mut Ctx, a: &Args) -> SysResult {
    let (addr, len) = cx.proc.mmap.host_range(&cx.mem, a.u32(0), a.u32(1))?;
    Ok(call!(SYS_msync, addr, len, a.i32(2)))
}

/// Advice that is only advice; anything else (DONTFORK, REMOVE, HWPOISON...)
/// could leave a hole in the memory of this process or a child, so it is refused.
const SAFE_ADVICE: [i32; 10] = [
    libc::MADV_NORMAL,
    libc::MADV_RANDOM,
    libc::MADV_SEQUENTIAL,
    libc::MADV_WILLNEED,
    libc::MADV_DONTNEED,
    libc::MADV_FREE,
    libc::MADV_HUGEPAGE,
    libc::MADV_NOHUGEPAGE,
    libc::MADV_COLD,
    libc::MADV_PAGEOUT,
];

pub fn madvise(cx: &mut Ctx, a: &Args) -> SysResult {
    if !SAFE_ADVICE.contains(&a.i32(2)) {
        return Err(Fault::Errno(libc::EINVAL));
    }
    let (addr, len) = cx.proc.mmap.host_range(&cx.mem, a.u32(0), a.u32(1))?;
    Ok(call!(SYS_madvise, addr, len, a.i32(2)))
}

/// There is no program break: report 0 and never move it, as the kernel
/// does when it refuses, so the C library falls back to mmap.
pub fn brk(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}
