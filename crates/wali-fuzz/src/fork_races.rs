//! The fork races kind. Wasmtime's code for `memory.grow`, the atomic wait
//! and notify instructions and bulk memory takes locks of its own (the
//! shared memory's grow lock, its wait queues); a child forked while
//! another guest thread held one inherits it held and hangs at its first
//! use. A worker of this kind starts a guest thread (`$fork_racer`) that
//! runs those instructions in a loop, then forks over and over from the
//! main guest thread; each child runs the same instructions once
//! (through `memop`, recording which one it is at) and exits. A child that
//! has not ended within two seconds and whose threads all sleep is a hang
//! (reported with the instruction it is stuck in and what its threads are
//! doing, then killed); one still running then is only slow (a loaded
//! machine) and gets six seconds more. One that ends otherwise than by
//! exiting with 0 is a crash.

use crate::child;
use crate::rng::{mix, Rng};
use crate::sandbox::{self, Config, Guest};
use crate::shared::{Failure, Shared};
use crate::target::Target;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};
use wali::wasmtime::TypedFunc;

/// The racing zone in guest memory: 256 bytes, the thread's stop word at
/// +4 and its step count at +8 (see `guest.wat`).
const ZONE: u32 = 0x1000;
/// What a child runs, the racing thread's instructions once, as `memop`
/// operations: (op, a, b, n).
const STEPS: [(u32, u32, u32, u32); 5] = [
    (crate::mem_ops::GROW, 0, 0, 0),
    (crate::mem_ops::NOTIFY, ZONE, 0, 1),
    // The zone's first word is 0: the wait waits its microsecond.
    (crate::mem_ops::WAIT32, ZONE, 0, 0),
    (crate::mem_ops::COPY, ZONE + 64, ZONE + 128, 64),
    (crate::mem_ops::FILL, ZONE + 192, 0xab, 64),
];
/// How long a child may take; one still running then (not asleep) gets
/// `SLOW_CHILD_TIME` more.
const CHILD_TIME: Duration = Duration::from_secs(2);
const SLOW_CHILD_TIME: Duration = Duration::from_secs(6);
/// The child's waits: short enough not to matter, long enough to park.
const WAIT_NS: i64 = 1000;

pub fn run(cfg: &Config, shared: &'static Shared, targets: &[Target], wasm: &[u8]) -> ! {
    crate::worker::record_panics(shared);
    let sb = sandbox::enter(cfg, shared);
    let mut guest = Guest::new(sb.context(cfg, shared, &[]), shared, wasm);
    let fork_at = targets.iter().position(|t| t.name == "SYS_fork").unwrap_or(0);
    let fork = guest.dispatch(shared, targets, "SYS_fork");
    let spawn = guest.dispatch(shared, targets, "__wasm_thread_spawn");
    let memop: TypedFunc<(i32, i32, i32, i32, i64), i64> = guest.export(shared, "memop");
    let mut rng = Rng::new(mix(cfg.seed ^ mix(cfg.worker)));
    let pid = unsafe { libc::getpid() };
    shared.workers.fetch_add(1, Ordering::SeqCst);

    let tid = spawn.call(&mut guest.store, (crate::dispatch::FORK_RACER as i64, ZONE as i64, 0, 0, 0, 0));
    if !matches!(tid, Ok(t) if t > 0) {
        sandbox::die(shared, format!("starting the racing guest thread: {tid:?}"));
    }
    // SAFETY: an aligned word of the zone, which the thread adds to atomically.
    let racer_steps = unsafe { &*((guest.base + ZONE as usize + 8) as *const AtomicI64) };
    // Let the thread start its loop.
    let t0 = Instant::now();
    while racer_steps.load(Ordering::SeqCst) == 0 && t0.elapsed() < Duration::from_secs(2) {
        std::thread::yield_now();
    }
    for n in 0..cfg.budget {
        if shared.stop.load(Ordering::Relaxed) != 0 || cfg.deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        // A few microseconds apart, so that forks land at every point of the thread's loop.
        for _ in 0..rng.below(2000) {
            std::hint::spin_loop();
        }
        shared.child.phase.store(0, Ordering::SeqCst);
        let seq = shared.begin(fork_at, &[0; 6]);
        let r = fork.call(&mut guest.store, (0, 0, 0, 0, 0, 0));
        if unsafe { libc::getpid() } != pid {
            // The child: the same instructions once, then out, saying which
            // one it is at (a hang's report names it).
            for (k, &(op, a, b, n)) in STEPS.iter().enumerate() {
                shared.child.phase.store(k as u32 + 1, Ordering::SeqCst);
                if memop.call(&mut guest.store, (op as i32, a as i32, b as i32, n as i32, WAIT_NS)).is_err() {
                    unsafe { libc::_exit(3) }
                }
            }
            unsafe { libc::_exit(0) }
        }
        shared.kinds.fork_rounds.fetch_add(1, Ordering::Relaxed);
        let r = match r {
            Ok(v) => v,
            Err(e) => {
                shared.fail(&format!("fork stopped the guest: {e:#}\n  fork #{seq} of this worker"));
                unsafe { libc::_exit(sandbox::FAILED) }
            }
        };
        shared.end(seq, Some(r));
        if cfg.trace_from.is_some_and(|f| n + 1 >= f) {
            eprintln!("#{seq} fork = {r}");
        }
        if r < 0 {
            shared.kinds.fork_errors.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        let child = r as i32;
        let forked = Instant::now();
        let mut ended = child::wait_until(child, forked + CHILD_TIME);
        if ended.is_none() && !child::asleep(child) {
            // Slow (a loaded machine), not stuck: some more time.
            shared.beat.fetch_add(1, Ordering::Relaxed);
            ended = child::wait_until(child, Instant::now() + SLOW_CHILD_TIME);
        }
        match ended {
            Some(0) => {
                shared.kinds.fork_children.fetch_add(1, Ordering::Relaxed);
            }
            Some(status) => {
                let what = if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 3 {
                    "the instructions trapped".to_string()
                } else {
                    child::status_text(status)
                };
                shared.note(
                    Failure::Crash,
                    n + 1,
                    &format!("fork race: the child of fork #{seq} ended otherwise than by exiting with 0: {what}"),
                );
            }
            None => {
                let threads = child::threads_of(child);
                child::kill(child);
                let at = shared.child.phase.load(Ordering::SeqCst) as usize;
                let stuck = match at.checked_sub(1).and_then(|k| STEPS.get(k)) {
                    Some(s) => format!("stuck in `{}`", crate::mem_ops::OPS[s.0 as usize].0),
                    None => "stuck before its first instruction (in the engine's fork)".into(),
                };
                shared.note(
                    Failure::Hang,
                    n + 1,
                    &format!(
                        "HANG: the child of fork #{seq}, forked while a guest thread ran memory.grow, atomic \
                         wait/notify and bulk memory, did not end within {:.0} s, {stuck}{threads}",
                        forked.elapsed().as_secs_f64()
                    ),
                );
            }
        }
    }
    unsafe { libc::_exit(0) }
}
