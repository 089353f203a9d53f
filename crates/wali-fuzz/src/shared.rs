//! The region a supervisor shares with its worker processes (an anonymous
//! `MAP_SHARED` mapping made before `fork`): the flight recorder (which call
//! or step is running, with which arguments), the failure report, findings a
//! worker survives (the mailbox), what a worker's own child recorded, and
//! cumulative statistics. It survives a worker that dies, so the supervisor
//! can say which call killed it. The guest cannot reach it: it lies outside
//! the linear memory, and finding out whether the engine keeps it so is the
//! fuzzer's whole point (see the canaries in `worker.rs`).

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// More than the table's rows (196 today).
pub const MAX_TARGETS: usize = 256;
/// Linux errno values 1..=133.
pub const NERRNO: usize = 134;
/// Calls kept in the flight recorder's ring.
pub const RING: usize = 16;
const TEXT: usize = 8192;

/// Statistics of one import, summed over every worker of a slot.
#[repr(C)]
pub struct Stats {
    pub calls: AtomicU64,
    /// Results >= 0.
    pub ok: AtomicU64,
    /// Results that are `-errno`.
    pub errors: AtomicU64,
    /// Calls the engine answered by stopping the guest (exit, fatal error, trap).
    pub stops: AtomicU64,
    /// Calls still blocked after 2 ms, which the watchdog interrupted.
    pub kicked: AtomicU64,
    /// Calls made with the guard check armed (see `gen::Mode`).
    pub guarded: AtomicU64,
    /// Worker processes that ended while this import ran (exit, exec, signal).
    pub ended: AtomicU64,
    pub max_ns: AtomicU64,
    pub errno: [AtomicU32; NERRNO],
}

/// What a failure is, for the totals (a crash, an escape and a failed check
/// all count as crashes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    Crash = 1,
    Hang = 2,
    Panic = 3,
}

impl Failure {
    fn from_u32(v: u32) -> Failure {
        match v {
            2 => Failure::Hang,
            3 => Failure::Panic,
            _ => Failure::Crash,
        }
    }
}

/// Totals of the kinds other than calls, summed over every worker of a slot.
#[repr(C)]
pub struct KindStats {
    /// Mutated modules given to `wali::module::parse` and `rewrite`, and those it accepted.
    pub modules: AtomicU64,
    pub accepted: AtomicU64,
    pub prepare_ns: AtomicU64,
    /// Accepted modules run through the engine in a child: compiled,
    /// instantiated and started; how those runs ended.
    pub engine_runs: AtomicU64,
    pub run_refused: AtomicU64,
    pub run_exited: AtomicU64,
    pub run_trapped: AtomicU64,
    pub run_out_of_time: AtomicU64,
    /// Modules given to `wali inspect` and `wali run`.
    pub cli_runs: AtomicU64,
    /// Modules that made the engine panic (in `prepare`, a run, the CLI).
    pub panics: AtomicU64,
    /// Opens and execs of paths to the memory file while a guest thread
    /// copied descriptors; the copies it checked.
    pub fd_rounds: AtomicU64,
    pub fd_copies: AtomicU64,
    /// Copies that named the memory file (name-only descriptors: harmless).
    pub fd_named: AtomicU64,
    /// Memory instructions run, those that trapped, and the mmap-family calls between them.
    pub mem_ops: AtomicU64,
    pub mem_traps: AtomicU64,
    pub mem_maps: AtomicU64,
    /// Forks while a guest thread ran memory instructions; children that
    /// ran them and ended; forks refused with an errno.
    pub fork_rounds: AtomicU64,
    pub fork_children: AtomicU64,
    pub fork_errors: AtomicU64,
}

/// What a worker's child (a module run through the engine) records about
/// itself: how far it got, and a panic.
#[repr(C)]
pub struct ChildRec {
    /// `PHASE_*`.
    pub phase: AtomicU32,
    pub panicked: AtomicU32,
    text_len: AtomicU32,
    text: UnsafeCell<[u8; CHILD_TEXT]>,
}

/// The child was forked and is loading, compiling and instantiating the module.
pub const PHASE_LOADING: u32 = 1;
/// The child is running `_start`: the guest's own code decides how long it takes.
pub const PHASE_RUNNING: u32 = 2;
const CHILD_TEXT: usize = 2048;

impl ChildRec {
    pub fn reset(&self) {
        self.phase.store(PHASE_LOADING, Ordering::SeqCst);
        self.panicked.store(0, Ordering::SeqCst);
        self.text_len.store(0, Ordering::SeqCst);
    }

    /// Records a panic of the child (the first one).
    pub fn panic(&self, text: &str) {
        if self.panicked.swap(1, Ordering::SeqCst) != 0 {
            return;
        }
        let n = text.len().min(CHILD_TEXT);
        // SAFETY: the one thread that won `panicked` writes; read after the child ended.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), self.text.get().cast::<u8>(), n) };
        self.text_len.store(n as u32, Ordering::SeqCst);
    }

    /// The recorded panic, once the child has ended.
    pub fn panic_text(&self) -> Option<String> {
        if self.panicked.load(Ordering::SeqCst) == 0 {
            return None;
        }
        let n = self.text_len.load(Ordering::SeqCst) as usize;
        // SAFETY: written before the child ended, never again until `reset`.
        let b = unsafe { std::slice::from_raw_parts(self.text.get().cast::<u8>(), n) };
        Some(String::from_utf8_lossy(b).into_owned())
    }
}

pub const SANDBOX_NETNS: u32 = 1;
pub const SANDBOX_LANDLOCK: u32 = 2;
pub const SANDBOX_NOBODY: u32 = 4;

/// One call in the ring.
#[repr(C)]
pub struct CallRec {
    pub seq: AtomicU64,
    /// Target index + 1 (0: empty).
    pub target: AtomicU32,
    pub args: [AtomicU64; 6],
    pub result: AtomicU64,
    /// 0: running, 1: returned `result`, 2: the engine stopped the guest.
    pub state: AtomicU32,
}

#[repr(C)]
pub struct Shared {
    // --- the current worker ---
    /// Calls (or steps) started by the current worker.
    pub seq: AtomicU64,
    /// Bumped by a worker waiting for a child that has a deadline of its
    /// own: progress, for the supervisor's hang check, without a step.
    pub beat: AtomicU64,
    /// Target index + 1 while a call runs, else 0.
    pub in_call: AtomicU32,
    pub args: [AtomicU64; 6],
    /// Index of the current worker (for replays).
    pub worker: AtomicU64,
    /// Watchdog interruptions of the current call.
    pub kicks: AtomicU64,
    /// Set by the supervisor: finish after the current call.
    pub stop: AtomicU32,
    /// Signals (bit n-1) the guest may have had sent to its own process.
    pub sent: AtomicU64,
    /// Set while a call runs with an argument in the race zone.
    pub race_on: AtomicU32,
    /// The mutator's answer: it is running.
    pub race_ack: AtomicU32,
    pub ring: [CallRec; RING],
    // --- failure report ---
    /// 0: none; 1: being written; 2: complete.
    pub failed: AtomicU32,
    failed_as: AtomicU32,
    failure_len: AtomicU32,
    failure: UnsafeCell<[u8; TEXT]>,
    // --- findings the worker survives, one at a time ---
    /// 0: empty; 1: being written; 2: ready for the supervisor.
    note_state: AtomicU32,
    note_as: AtomicU32,
    note_step: AtomicU64,
    note_len: AtomicU32,
    note: UnsafeCell<[u8; TEXT]>,
    pub child: ChildRec,
    /// The kind the current worker runs (`kinds::Kind` as a number).
    pub kind: AtomicU32,
    // --- totals over every worker of this slot ---
    pub workers: AtomicU64,
    /// The engine stopped the guest: `exit`, `exit_group`, `__proc_exit` (Stop::Exit).
    pub stop_exit: AtomicU64,
    /// ... a fatal condition (Stop::Fatal: longjmp, a signal handler that is no function...).
    pub stop_fatal: AtomicU64,
    /// Forked children (each leaves at once).
    pub forks: AtomicU64,
    /// Calls whose guard check was armed.
    pub guarded: AtomicU64,
    /// Full sweeps of the canaries and the leak scan.
    pub sweeps: AtomicU64,
    /// Calls with an argument in the race zone while the mutator ran.
    pub raced: AtomicU64,
    /// Nanoseconds spent inside calls.
    pub call_ns: AtomicU64,
    /// How the last worker was sandboxed: `SANDBOX_*` bits.
    pub sandbox: AtomicU32,
    pub kinds: KindStats,
    pub stats: [Stats; MAX_TARGETS],
}

// The region is plain shared memory used through atomics; the failure text
// has one writer (whoever wins `failed`) and is read after the worker ended.
unsafe impl Sync for Shared {}

impl Shared {
    /// Maps a zeroed region shared with future children.
    pub fn map() -> &'static Shared {
        let size = std::mem::size_of::<Shared>();
        let flags = libc::MAP_SHARED | libc::MAP_ANONYMOUS;
        // SAFETY: a fresh anonymous mapping; all-zero bytes are a valid `Shared`.
        let p = unsafe { libc::mmap(std::ptr::null_mut(), size, libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0) };
        assert!(p != libc::MAP_FAILED, "cannot map the shared region");
        unsafe { &*(p as *const Shared) }
    }

    /// Resets the per-worker part before a worker starts.
    pub fn reset_worker(&self, worker: u64, kind: u32) {
        self.kind.store(kind, Ordering::SeqCst);
        self.seq.store(0, Ordering::SeqCst);
        self.beat.store(0, Ordering::SeqCst);
        self.in_call.store(0, Ordering::SeqCst);
        self.worker.store(worker, Ordering::SeqCst);
        self.kicks.store(0, Ordering::SeqCst);
        self.stop.store(0, Ordering::SeqCst);
        self.sent.store(0, Ordering::SeqCst);
        self.race_on.store(0, Ordering::SeqCst);
        self.race_ack.store(0, Ordering::SeqCst);
        for r in &self.ring {
            r.target.store(0, Ordering::SeqCst);
        }
        self.failed.store(0, Ordering::SeqCst);
        self.failure_len.store(0, Ordering::SeqCst);
        self.note_state.store(0, Ordering::SeqCst);
    }

    /// Records the report of a failure that ends the worker; only the first one is kept.
    pub fn fail(&self, text: &str) {
        self.fail_as(Failure::Crash, text);
    }

    pub fn fail_as(&self, what: Failure, text: &str) {
        if self.failed.compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            return;
        }
        self.failed_as.store(what as u32, Ordering::SeqCst);
        // SAFETY: we won `failed`, so we are the only writer.
        unsafe { put_text(&self.failure, &self.failure_len, text) };
        self.failed.store(2, Ordering::SeqCst);
    }

    /// The failure report, if a complete one was written.
    pub fn failure(&self) -> Option<String> {
        self.failure_as().map(|(_, t)| t)
    }

    pub fn failure_as(&self) -> Option<(Failure, String)> {
        if self.failed.load(Ordering::SeqCst) != 2 {
            return None;
        }
        // SAFETY: complete (state 2) and never written again.
        let text = unsafe { get_text(&self.failure, &self.failure_len) };
        Some((Failure::from_u32(self.failed_as.load(Ordering::SeqCst)), text))
    }

    /// Hands the supervisor a finding the worker goes on after (a panic
    /// caught in-process, a child that crashed or hung) at its step `step`.
    /// Waits up to a second for the previous one to be taken; drops this
    /// one after that.
    pub fn note(&self, what: Failure, step: u64, text: &str) -> bool {
        let t0 = std::time::Instant::now();
        while self.note_state.compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            if t0.elapsed() > std::time::Duration::from_secs(1) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        self.note_as.store(what as u32, Ordering::SeqCst);
        self.note_step.store(step, Ordering::SeqCst);
        // SAFETY: we won `note_state`, so we are the only writer.
        unsafe { put_text(&self.note, &self.note_len, text) };
        self.note_state.store(2, Ordering::SeqCst);
        true
    }

    /// Takes the pending finding, if any (the supervisor): what, step, report.
    pub fn take_note(&self) -> Option<(Failure, u64, String)> {
        if self.note_state.load(Ordering::SeqCst) != 2 {
            return None;
        }
        // SAFETY: complete (state 2); the writer waits for state 0 before writing again.
        let text = unsafe { get_text(&self.note, &self.note_len) };
        let what = Failure::from_u32(self.note_as.load(Ordering::SeqCst));
        let step = self.note_step.load(Ordering::SeqCst);
        self.note_state.store(0, Ordering::SeqCst);
        Some((what, step, text))
    }

    /// Records the start of a call in the flight recorder.
    pub fn begin(&self, target: usize, args: &[i64; 6]) -> u64 {
        let seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        for (slot, a) in self.args.iter().zip(args) {
            slot.store(*a as u64, Ordering::SeqCst);
        }
        self.kicks.store(0, Ordering::SeqCst);
        let rec = &self.ring[seq as usize % RING];
        rec.state.store(0, Ordering::SeqCst);
        rec.seq.store(seq, Ordering::SeqCst);
        rec.target.store(target as u32 + 1, Ordering::SeqCst);
        for (slot, a) in rec.args.iter().zip(args) {
            slot.store(*a as u64, Ordering::SeqCst);
        }
        self.in_call.store(target as u32 + 1, Ordering::SeqCst);
        seq
    }

    /// Records the end of a call (`None`: the engine stopped the guest).
    pub fn end(&self, seq: u64, result: Option<i64>) {
        self.in_call.store(0, Ordering::SeqCst);
        let rec = &self.ring[seq as usize % RING];
        rec.result.store(result.unwrap_or(0) as u64, Ordering::SeqCst);
        rec.state.store(if result.is_some() { 1 } else { 2 }, Ordering::SeqCst);
    }

    /// The calls in the ring, oldest first: (seq, target, args, state, result).
    pub fn recent(&self) -> Vec<(u64, usize, [i64; 6], u32, i64)> {
        let mut v: Vec<_> = self
            .ring
            .iter()
            .filter(|r| r.target.load(Ordering::SeqCst) != 0)
            .map(|r| {
                let args = std::array::from_fn(|i| r.args[i].load(Ordering::SeqCst) as i64);
                (
                    r.seq.load(Ordering::SeqCst),
                    r.target.load(Ordering::SeqCst) as usize - 1,
                    args,
                    r.state.load(Ordering::SeqCst),
                    r.result.load(Ordering::SeqCst) as i64,
                )
            })
            .collect();
        v.sort_by_key(|r| r.0);
        v
    }

    /// The running call's target and arguments, if any.
    pub fn current(&self) -> Option<(usize, [i64; 6])> {
        let t = self.in_call.load(Ordering::SeqCst);
        (t != 0).then(|| (t as usize - 1, std::array::from_fn(|i| self.args[i].load(Ordering::SeqCst) as i64)))
    }
}

/// Writes `text` (cut to the buffer) and its length. Caller: the only writer.
unsafe fn put_text(buf: &UnsafeCell<[u8; TEXT]>, len: &AtomicU32, text: &str) {
    let n = text.len().min(TEXT);
    unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), buf.get().cast::<u8>(), n) };
    len.store(n as u32, Ordering::SeqCst);
}

/// Reads what `put_text` wrote. Caller: no writer meanwhile.
unsafe fn get_text(buf: &UnsafeCell<[u8; TEXT]>, len: &AtomicU32) -> String {
    let n = len.load(Ordering::SeqCst) as usize;
    let b = unsafe { std::slice::from_raw_parts(buf.get().cast::<u8>(), n) };
    String::from_utf8_lossy(b).into_owned()
}
