//! The modules kind: malformed and mutated modules must never make the
//! engine panic, crash or hang. A worker of this kind makes mutant after
//! mutant of the seeds (`seeds`, `mutate`): mutant `n` of worker `w` comes
//! from the run's seed, `w` and `n` alone, so `--replay modules:W:N` makes
//! it again. Each goes through `wali::module::parse` and `rewrite` in-process under
//! `catch_unwind`: a panic is a failure, reported once per place in the
//! code (per worker; the supervisor keeps the first of each) with the
//! module saved under the run directory. One accepted module in
//! `ENGINE_ONE_IN` is also run through the engine, and one run in
//! `CLI_ONE_IN` through the `wali` binary (`module_runs`).

use crate::module_runs::{Finding, Job, Runner};
use crate::mutate::{self, Mutant, Seed};
use crate::rng::{mix, Rng};
use crate::sandbox::{self, Config};
use crate::shared::{Failure, Shared};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

const ENGINE_ONE_IN: u64 = 200;
const CLI_ONE_IN: u64 = 10;

/// Mutant `n` of worker `worker` in a run with seed `seed`.
pub fn generate(seeds: &[Seed], seed: u64, worker: u64, n: u64) -> Mutant {
    mutate::mutant(seeds, &mut Rng::new(mix(mix(seed ^ mix(worker)) ^ n)))
}

/// Where a module that made the engine fail is saved.
pub fn saved_path(rundir: &Path, seed: u64, worker: u64, n: u64) -> PathBuf {
    rundir.join("crashes").join(format!("module-{seed}-{worker}-{n}.wasm"))
}

thread_local! {
    /// The last panic on this thread: (where, the whole message).
    static CAUGHT: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// The place in the code a panic message names (`panicked at FILE:LINE:COL`).
pub fn panic_place(text: &str) -> String {
    text.split("panicked at ").nth(1).map(|r| r.split([':', '\n']).take(3).collect::<Vec<_>>().join(":")).unwrap_or_default()
}

struct Modules<'a> {
    cfg: &'a Config,
    shared: &'static Shared,
    seeds: &'a [Seed],
    runner: Runner<'a>,
    /// Picks the modules that run through the engine and the CLI.
    rng: Rng,
    job: Option<Job>,
    /// Places in the code of the panics this worker reported.
    reported: HashSet<String>,
}

pub fn run(cfg: &Config, shared: &'static Shared, seeds: &[Seed], wali: Option<&Path>) -> ! {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map_or(String::new(), |l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        CAUGHT.with(|c| *c.borrow_mut() = Some((place, info.to_string())));
    }));
    let sb = sandbox::enter(cfg, shared);
    let replay = cfg.trace_from;
    let runner = Runner { shared, sb: &sb, wali, verbose: replay.is_some() };
    let mut w = Modules {
        cfg,
        shared,
        seeds,
        runner,
        rng: Rng::new(mix(cfg.seed ^ mix(cfg.worker) ^ 0x6d6f64)),
        job: None,
        reported: HashSet::new(),
    };
    shared.workers.fetch_add(1, Ordering::SeqCst);
    match replay {
        Some(n) => w.replay(n),
        None => w.run(),
    }
    unsafe { libc::_exit(0) }
}

impl Modules<'_> {
    fn run(&mut self) {
        for n in 1..=self.cfg.budget {
            if self.shared.stop.load(Ordering::Relaxed) != 0 || self.cfg.deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            let m = generate(self.seeds, self.cfg.seed, self.cfg.worker, n);
            match self.prepare(n, &m.wasm) {
                Ok(true) if self.job.is_none() && self.rng.one_in(ENGINE_ONE_IN) => {
                    let cli = self.rng.one_in(CLI_ONE_IN);
                    self.job = Some(self.runner.start(n, m.wasm, cli));
                }
                Ok(_) => {}
                Err(panic) => self.found(n, Some(&m), vec![panic]),
            }
            if n % 16 == 0 {
                self.poll();
            }
        }
        if let Some(mut job) = self.job.take() {
            let found = self.runner.finish(&mut job);
            self.found(job.n, None, found);
        }
    }

    /// The engine's preparation of module `n` (`module::parse`, then the
    /// rewrite a compile would make): accepted or not, or the panic it caused.
    fn prepare(&mut self, n: u64, wasm: &[u8]) -> Result<bool, Finding> {
        let seq = self.shared.begin(0, &[n as i64, 0, 0, 0, 0, 0]);
        let t0 = Instant::now();
        let r = std::panic::catch_unwind(|| {
            wali::module::parse(wasm).and_then(|parsed| wali::module::rewrite(wasm, &parsed)).map(|_| ())
        });
        let k = &self.shared.kinds;
        k.prepare_ns.fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
        k.modules.fetch_add(1, Ordering::Relaxed);
        self.shared.end(seq, Some(0));
        match r {
            Ok(Ok(())) => {
                k.accepted.fetch_add(1, Ordering::Relaxed);
                Ok(true)
            }
            Ok(Err(e)) => {
                if self.runner.verbose {
                    eprintln!("  prepare: refused: {e:#}");
                }
                Ok(false)
            }
            Err(_) => {
                let (_, text) = CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default();
                Err((Failure::Panic, format!("PANIC in wali::module::parse/rewrite: {text}")))
            }
        }
    }

    fn poll(&mut self) {
        let Some(job) = self.job.as_mut() else { return };
        if let Some(found) = self.runner.poll(job) {
            let n = job.n;
            self.job = None;
            self.found(n, None, found);
        }
    }

    /// Reports failures module `n` caused: every panic counts, the first of
    /// each place in the code is reported; crashes and hangs always are.
    fn found(&mut self, n: u64, m: Option<&Mutant>, found: Vec<Finding>) {
        for (what, text) in found {
            if what == Failure::Panic {
                self.shared.kinds.panics.fetch_add(1, Ordering::Relaxed);
                if !self.reported.insert(panic_place(&text)) {
                    continue;
                }
            }
            let regenerated;
            let m = match m {
                Some(m) => m,
                None => {
                    regenerated = generate(self.seeds, self.cfg.seed, self.cfg.worker, n);
                    &regenerated
                }
            };
            // A replay's module is in the current directory already.
            let saved = if self.runner.verbose {
                String::new()
            } else {
                let path = saved_path(&self.cfg.rundir, self.cfg.seed, self.cfg.worker, n);
                match std::fs::write(&path, &m.wasm) {
                    Ok(()) => format!("\n  saved as {}", path.display()),
                    Err(e) => format!("\n  could not be saved: {e}"),
                }
            };
            let report = format!(
                "{text}\n  module #{n} of this worker: {} bytes, seed module `{}`, mutations: {}{saved}",
                m.wasm.len(),
                self.seeds[m.seed].name,
                m.ops.join(", "),
            );
            self.shared.note(what, n, &report);
        }
    }

    /// Module `n` alone, through everything, saying what happened.
    fn replay(&mut self, n: u64) {
        let m = generate(self.seeds, self.cfg.seed, self.cfg.worker, n);
        eprintln!("module #{n}: {} bytes, seed module `{}`, mutations: {}", m.wasm.len(), self.seeds[m.seed].name, m.ops.join(", "));
        match self.prepare(n, &m.wasm) {
            Ok(true) => {
                eprintln!("  prepare: accepted");
                let mut job = self.runner.start(n, m.wasm.clone(), true);
                let found = self.runner.finish(&mut job);
                self.found(n, Some(&m), found);
            }
            Ok(false) => {}
            Err(panic) => self.found(n, Some(&m), vec![panic]),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn panic_places() {
        let text = "panicked at crates/wali/src/module.rs:123:45:\nindex out of bounds";
        assert_eq!(super::panic_place(text), "crates/wali/src/module.rs:123:45");
        assert_eq!(super::panic_place("PANIC in thread `main`: panicked at src/x.rs:1:2:\nboom"), "src/x.rs:1:2");
        assert_eq!(super::panic_place("no panic here"), "");
    }
}
