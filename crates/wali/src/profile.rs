//! `--profile`: a syscall summary, as `strace -c` prints one. Per import:
//! calls, errors, and the time spent in it, split between the kernel (the
//! host syscalls its handler made) and the engine (the rest: checks,
//! translation, copies). Printed when the process exits or execs.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Whether any profile is being taken: `sys::raw` times the kernel only then
/// (one relaxed load per host syscall otherwise).
static ON: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Nanoseconds this thread spent in host syscalls since the last `take_kernel`.
    static KERNEL_NS: Cell<u64> = const { Cell::new(0) };
}

/// Runs one host syscall (raw, or through libc), timing it when profiling.
#[inline(always)]
pub fn timed<T, F: FnOnce() -> T>(syscall: F) -> T {
    if !ON.load(Ordering::Relaxed) {
        return syscall();
    }
    let start = Instant::now();
    let r = syscall();
    let ns = start.elapsed().as_nanos() as u64;
    KERNEL_NS.with(|k| k.set(k.get() + ns));
    r
}

fn take_kernel() -> u64 {
    KERNEL_NS.with(|k| k.replace(0))
}

#[derive(Default, Clone, Copy)]
struct Row {
    calls: u64,
    errors: u64,
    total_ns: u64,
    kernel_ns: u64,
}

#[derive(Default)]
pub struct Profile {
    rows: Mutex<HashMap<&'static str, Row>>,
}

/// The profile's rows, locked (held across `fork`, then emptied in the child:
/// each process reports its own calls).
pub struct Guard<'a>(std::sync::MutexGuard<'a, HashMap<&'static str, Row>>);

impl Guard<'_> {
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// One call being timed (`Profile::start`, then `end`).
pub struct Timing {
    start: Instant,
}

impl Profile {
    pub fn new() -> Profile {
        ON.store(true, Ordering::Relaxed);
        Profile::default()
    }

    pub fn guard(&self) -> Guard<'_> {
        Guard(self.rows.lock().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn start(&self) -> Timing {
        take_kernel();
        Timing { start: Instant::now() }
    }

    /// Records a call to `name` that returned `result` (`-errno` on error).
    pub fn end(&self, t: Timing, name: &'static str, result: i64) {
        let total_ns = t.start.elapsed().as_nanos() as u64;
        let kernel_ns = take_kernel().min(total_ns);
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let row = rows.entry(name).or_default();
        row.calls += 1;
        row.errors += u64::from((-4095..0).contains(&result));
        row.total_ns += total_ns;
        row.kernel_ns += kernel_ns;
    }

    /// The table, most time first; `why` says what ended it (exit, execve).
    pub fn report(&self, why: &str) -> String {
        let rows = self.rows.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let mut rows: Vec<_> = rows.into_iter().collect();
        rows.sort_by(|a, b| b.1.total_ns.cmp(&a.1.total_ns).then(a.0.cmp(b.0)));
        let all = rows.iter().fold(Row::default(), |s, (_, r)| Row {
            calls: s.calls + r.calls,
            errors: s.errors + r.errors,
            total_ns: s.total_ns + r.total_ns,
            kernel_ns: s.kernel_ns + r.kernel_ns,
        });
        let secs = |ns: u64| ns as f64 / 1e9;
        let line = |name: &str, r: &Row| {
            let share = if all.total_ns == 0 { 0.0 } else { 100.0 * r.total_ns as f64 / all.total_ns as f64 };
            let mean_us = if r.calls == 0 { 0.0 } else { r.total_ns as f64 / r.calls as f64 / 1e3 };
            let errors = if r.errors == 0 { String::new() } else { r.errors.to_string() };
            format!(
                "{share:6.2} {:11.6} {:11.6} {:11.6} {mean_us:10.2} {:9} {errors:>9} {name}\n",
                secs(r.total_ns),
                secs(r.kernel_ns),
                secs(r.total_ns - r.kernel_ns),
                r.calls
            )
        };
        let mut out = format!("syscall profile of process {} ({why}):\n", std::process::id());
        out.push_str("% time     seconds      kernel      engine usecs/call     calls    errors syscall\n");
        out.push_str("------ ----------- ----------- ----------- ---------- --------- --------- ----------------\n");
        for (name, r) in &rows {
            out.push_str(&line(name, r));
        }
        out.push_str("------ ----------- ----------- ----------- ---------- --------- --------- ----------------\n");
        out.push_str(&line("total", &all));
        out
    }
}
