//! Sections a fork must not copy half-done. Wasmtime keeps locks of its own
//! that guest threads take: a shared memory's wait queues (futex calls, the
//! atomic wait and notify instructions), its grow lock (`memory.grow`), the
//! registries it updates while a new thread's instance is set up. A child
//! forked while another thread held one would hang at its first use of it.
//!
//! Such sections count themselves in `ACTIVE`; a fork first sets `FORKING`,
//! which keeps new ones out, wakes the threads that wait in a queue (a
//! spurious wake-up, which futex and atomic-wait users tolerate) and waits
//! until none is left. Lock order: a section is entered after any engine
//! lock the forking thread takes before `Quiet` (the mmap guard), never
//! before.

use crate::memory::GuestMemory;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

static FORKING: AtomicBool = AtomicBool::new(false);
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// A section in progress; over when dropped.
pub struct Section(());

impl Section {
    /// Enters a section, waiting while a fork is under way.
    pub fn enter() -> Section {
        loop {
            ACTIVE.fetch_add(1, SeqCst);
            if !FORKING.load(SeqCst) {
                return Section(());
            }
            ACTIVE.fetch_sub(1, SeqCst);
            while FORKING.load(SeqCst) {
                std::thread::sleep(Duration::from_micros(50));
            }
        }
    }
}

impl Drop for Section {
    fn drop(&mut self) {
        ACTIVE.fetch_sub(1, SeqCst);
    }
}

/// No section is in progress until this is dropped (the forking thread's).
pub struct Quiet(());

impl Quiet {
    pub fn new(mem: &GuestMemory) -> Quiet {
        FORKING.store(true, SeqCst);
        while ACTIVE.load(SeqCst) != 0 {
            let waiting: Vec<u32> = mem.pages().waiters().addrs.keys().copied().collect();
            for addr in waiting {
                let _ = mem.shared().atomic_notify(u64::from(addr), u32::MAX);
            }
            std::thread::sleep(Duration::from_micros(20));
        }
        Quiet(())
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        FORKING.store(false, SeqCst);
    }
}
