//! The engine's side of the instructions the rewrite turns into calls
//! (`module::Intrinsic`): `memory.grow`, `memory.atomic.notify` and
//! `memory.atomic.wait32/64`. In Wasmtime they take internal locks (the
//! shared memory's lock, the parking lot's mutex); as engine imports, the
//! engine decides what happens around them.
//!
//! Each does what the instruction does. The effective address is
//! `addr + offset` (unsigned, without wrapping); one beyond the memory's
//! current size, or not aligned to the access size, traps.

use crate::ctx::Ctx;
use crate::module::{Intrinsic, MEMORY_MODULE};
use std::time::Duration;
use wasmtime::{bail, Linker, Result, SharedMemory, Trap, WaitResult};

/// Defines the four imports in `__wali`, on the module's memory.
pub(crate) fn define(linker: &mut Linker<Ctx>, memory: &SharedMemory) -> Result<()> {
    let m = memory.clone();
    linker.func_wrap(MEMORY_MODULE, Intrinsic::MemoryGrow.name(), move |delta: i32| -> i32 {
        // The old size in pages, or -1.
        m.grow(u64::from(delta as u32)).map_or(-1, |old| old as i32)
    })?;
    let m = memory.clone();
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicNotify.name(),
        move |addr: i32, count: i32, offset: i32| -> Result<i32> {
            let at = address(&m, "memory.atomic.notify", addr, offset, 4)?;
            Ok(m.atomic_notify(at, count as u32)? as i32)
        },
    )?;
    let m = memory.clone();
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicWait32.name(),
        move |addr: i32, expected: i32, timeout_ns: i64, offset: i32| -> Result<i32> {
            wait(&m, "memory.atomic.wait32", addr, offset, 4, |at, m| {
                m.atomic_wait32(at, expected as u32, timeout(timeout_ns))
            })
        },
    )?;
    let m = memory.clone();
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicWait64.name(),
        move |addr: i32, expected: i64, timeout_ns: i64, offset: i32| -> Result<i32> {
            wait(&m, "memory.atomic.wait64", addr, offset, 8, |at, m| {
                m.atomic_wait64(at, expected as u64, timeout(timeout_ns))
            })
        },
    )?;
    Ok(())
}

/// Both waits: checks the address, waits, and returns the instruction's
/// result (0 woken, 1 not equal, 2 timed out).
fn wait(
    m: &SharedMemory,
    what: &str,
    addr: i32,
    offset: i32,
    size: u64,
    wait: impl FnOnce(u64, &SharedMemory) -> Result<WaitResult, Trap>,
) -> Result<i32> {
    let at = address(m, what, addr, offset, size)?;
    Ok(match wait(at, m)? {
        WaitResult::Ok => 0,
        WaitResult::Mismatch => 1,
        WaitResult::TimedOut => 2,
    })
}

/// The effective address of a `size`-byte access, or the trap `what` causes.
fn address(m: &SharedMemory, what: &str, addr: i32, offset: i32, size: u64) -> Result<u64> {
    let at = u64::from(addr as u32) + u64::from(offset as u32);
    if at + size > m.data_size() as u64 {
        bail!("{what} at {at:#x}: out of bounds memory access");
    }
    if at % size != 0 {
        bail!("{what} at {at:#x}: unaligned atomic access");
    }
    Ok(at)
}

/// A negative timeout waits forever.
fn timeout(ns: i64) -> Option<Duration> {
    u64::try_from(ns).ok().map(Duration::from_nanos)
}
