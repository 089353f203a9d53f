//! The engine's side of the instructions the rewrite turns into calls
//! (`module::Intrinsic`): `memory.grow`, `memory.atomic.notify` and
//! `memory.atomic.wait32/64`. Done by Wasmtime, they take its internal
//! locks (the memory's grow lock, the wait queues' mutex), which a fork
//! while another thread held them left held in the child; as the engine's
//! imports they run in fork-quiet sections (quiesce.rs), and
//! - `memory.grow` also holds the mmap manager's guard, which grows the
//!   memory for mappings too and must know where its new pages start;
//! - the waits share the futex waits' queues and rules (wait.rs): only on
//!   plain read-write pages (else a trap, as a load there would be), and
//!   the thread's signal handlers run while it waits, after which it goes
//!   on waiting (the instruction has no EINTR).
//!
//! The effective address is `addr + offset` (unsigned, without wrapping);
//! one beyond the memory's current size, or not aligned to the access size,
//! traps.

use crate::ctx::Ctx;
use crate::module::{Intrinsic, MEMORY_MODULE};
use crate::wait::{End, Word};
use std::time::{Duration, Instant};
use wasmtime::{Caller, Linker, Result, Trap};

/// Where an intrinsic trapped (`memory.atomic.notify at 0x...`), shown with
/// the trap (`crate::outcome`).
#[derive(Debug)]
pub struct TrapAt(String);

impl std::fmt::Display for TrapAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A trap, as a Wasm instruction's own, with where it happened.
fn trap(trap: Trap, what: &str, at: u64) -> wasmtime::Error {
    wasmtime::Error::from(trap).context(TrapAt(format!("{what} at {at:#x}")))
}

/// Defines the four imports in `__wali`.
pub(crate) fn define(linker: &mut Linker<Ctx>) -> Result<()> {
    linker.func_wrap(MEMORY_MODULE, Intrinsic::MemoryGrow.name(), |caller: Caller<'_, Ctx>, delta: i32| -> i32 {
        let cx = caller.data();
        let _mmap = cx.proc.mmap.guard();
        let _quiet = crate::quiesce::Section::enter();
        // The old size in pages, or -1.
        cx.mem.shared().grow(u64::from(delta as u32)).map_or(-1, |old| old as i32)
    })?;
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicNotify.name(),
        |caller: Caller<'_, Ctx>, addr: i32, count: i32, offset: i32| -> Result<i32> {
            let cx = caller.data();
            let at = address(cx, "memory.atomic.notify", addr, offset, 4)?;
            let _quiet = crate::quiesce::Section::enter();
            Ok(cx.mem.shared().atomic_notify(at, count as u32)? as i32)
        },
    )?;
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicWait32.name(),
        |caller: Caller<'_, Ctx>, addr: i32, expected: i32, timeout_ns: i64, offset: i32| -> Result<i32> {
            wait(caller, "memory.atomic.wait32", addr, offset, Word::U32(expected as u32), timeout_ns)
        },
    )?;
    linker.func_wrap(
        MEMORY_MODULE,
        Intrinsic::AtomicWait64.name(),
        |caller: Caller<'_, Ctx>, addr: i32, expected: i64, timeout_ns: i64, offset: i32| -> Result<i32> {
            wait(caller, "memory.atomic.wait64", addr, offset, Word::U64(expected as u64), timeout_ns)
        },
    )?;
    Ok(())
}

/// Both waits; the instruction's result: 0 woken, 1 not equal, 2 timed out.
fn wait(mut caller: Caller<'_, Ctx>, what: &str, addr: i32, offset: i32, expected: Word, timeout_ns: i64) -> Result<i32> {
    let size = if matches!(expected, Word::U32(_)) { 4 } else { 8 };
    let at = address(caller.data(), what, addr, offset, size)?;
    crate::link::apply_start_mask(caller.data_mut());
    // A negative timeout waits forever, as does one too far to represent.
    let deadline = u64::try_from(timeout_ns).ok().and_then(|ns| Instant::now().checked_add(Duration::from_nanos(ns)));
    let mut handled = false;
    loop {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        match crate::wait::wait(&caller.data().mem, at as u32, expected, left) {
            End::Woken => return Ok(0),
            // After a handler ran, a changed word means a wake-up was due.
            End::Mismatch => return Ok(if handled { 0 } else { 1 }),
            End::TimedOut => return Ok(2),
            // As a load from that page would.
            End::Fault => return Err(trap(Trap::MemoryOutOfBounds, what, at)),
            End::Signal => {
                crate::deliver::deliver(&mut caller)?;
                handled = true;
            }
        }
    }
}

/// The effective address of a `size`-byte access, or the trap `what` causes.
fn address(cx: &Ctx, what: &str, addr: i32, offset: i32, size: u64) -> Result<u64> {
    let at = u64::from(addr as u32) + u64::from(offset as u32);
    if at + size > cx.mem.size() as u64 {
        return Err(trap(Trap::MemoryOutOfBounds, what, at));
    }
    if at % size != 0 {
        return Err(trap(Trap::HeapMisaligned, what, at));
    }
    Ok(at)
}
