//! Waiting on a guest word. Futex waits and the atomic wait instructions
//! use the shared memory's own wait queues, so both kinds of waiter meet
//! (a futex wake wakes an atomic wait and back).
//!
//! The queue reads the word directly, so a wait happens only on plain
//! read-write pages, and it is registered with the page map first, so that
//! the mmap manager does not take the page away until the waiter has left
//! (memory::Waiters). The queue is not interrupted by signals: a wait runs in
//! slices, and ends early when one of the thread's signals awaits its
//! handler. Each slice is a fork-quiet section (quiesce.rs).

use crate::memory::GuestMemory;
use std::time::{Duration, Instant};
use wasmtime::WaitResult;

/// Longest uninterrupted wait: the latency of a signal to a waiting thread.
const SLICE: Duration = Duration::from_millis(20);
/// The same with no Wasm signal handler installed, when there is nothing to
/// run early: a handler installed meanwhile runs within a second. Thousands
/// of waiting threads waking every 20 ms would keep the CPUs busy.
const IDLE_SLICE: Duration = Duration::from_secs(1);

/// The expected value of a 4- or 8-byte word.
#[derive(Clone, Copy)]
pub enum Word {
    U32(u32),
    U64(u64),
}

/// How a wait ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// Woken; or, after the first slice, the word changed or its page went
    /// away (a wake-up was due).
    Woken,
    /// The word did not hold the expected value.
    Mismatch,
    TimedOut,
    /// The word is not on plain read-write memory.
    Fault,
    /// A signal awaits its handler.
    Signal,
}

/// Waits until woken, at most `timeout` (none: forever; one too far to
/// represent: forever too).
pub fn wait(mem: &GuestMemory, addr: u32, expected: Word, timeout: Option<Duration>) -> End {
    let size = match expected {
        Word::U32(_) => 4,
        Word::U64(_) => 8,
    };
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    let mut first = true;
    loop {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let most = if crate::signal::any_handler() { SLICE } else { IDLE_SLICE };
        let slice = left.map_or(most, |l| l.min(most));
        let inside = crate::quiesce::Section::enter();
        let Some(registered) = mem.pages().register_waiter(addr) else {
            return End::Woken; // the page is being unmapped
        };
        if !mem.writable_now(addr, size) {
            return if first { End::Fault } else { End::Woken };
        }
        let r = match expected {
            Word::U32(v) => mem.shared().atomic_wait32(u64::from(addr), v, Some(slice)),
            Word::U64(v) => mem.shared().atomic_wait64(u64::from(addr), v, Some(slice)),
        };
        drop(registered);
        drop(inside);
        match r {
            Ok(WaitResult::Ok) => return End::Woken,
            Ok(WaitResult::Mismatch) => return if first { End::Mismatch } else { End::Woken },
            Ok(WaitResult::TimedOut) if crate::signal::pending() => return End::Signal,
            Ok(WaitResult::TimedOut) if left.is_some_and(|l| l <= slice) => return End::TimedOut,
            Ok(WaitResult::TimedOut) => first = false,
            Err(_) => return End::Fault,
        }
    }
}
