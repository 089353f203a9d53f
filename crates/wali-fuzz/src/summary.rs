//! The summary of a run: one line of counts per kind with the failures,
//! then the details of each kind (with `--verbose`, the per-import table).

use crate::kinds::Kind;
use crate::shared::{self, Shared};
use crate::supervisor::{calls_of, Supervisor};
use std::sync::atomic::Ordering;

/// Prints the summary; whether the run passed.
pub fn print(sup: &Supervisor, elapsed: f64) -> bool {
    let (targets, slots, totals, opts) = (sup.targets, &sup.slots, &sup.totals, sup.opts);
    let sum = |f: &dyn Fn(&Shared) -> u64| slots.iter().map(|s| f(s.shared)).sum::<u64>();
    let per = |i: usize, f: &dyn Fn(&shared::Stats) -> u64| slots.iter().map(|s| f(&s.shared.stats[i])).sum::<u64>();
    let calls = calls_of(slots, targets);
    let called = (0..targets.len()).filter(|&i| per(i, &|s| s.calls.load(Ordering::Relaxed)) > 0).count();
    if opts.verbose {
        println!(
            "{:<24} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8}  top errors",
            "import", "calls", "ok%", "stops", "kicked", "ended", "guard%", "max ms"
        );
        for (i, t) in targets.iter().enumerate() {
            let c = per(i, &|s| s.calls.load(Ordering::Relaxed));
            let pct = |v: u64| if c == 0 { 0.0 } else { 100.0 * v as f64 / c as f64 };
            let mut errs: Vec<(u64, usize)> = (1..shared::NERRNO)
                .map(|e| (per(i, &|s| s.errno[e].load(Ordering::Relaxed) as u64), e))
                .filter(|(n, _)| *n > 0)
                .collect();
            errs.sort_by(|a, b| b.cmp(a));
            let top: Vec<String> = errs
                .iter()
                .take(3)
                .map(|(n, e)| format!("{} {:.0}%", wali_abi::errno_name(*e as i32).unwrap_or("?"), pct(*n)))
                .collect();
            println!(
                "{:<24} {:>9} {:>6.1} {:>6} {:>6} {:>6} {:>6.0} {:>8.1}  {}",
                t.name,
                c,
                pct(per(i, &|s| s.ok.load(Ordering::Relaxed))),
                per(i, &|s| s.stops.load(Ordering::Relaxed)),
                per(i, &|s| s.kicked.load(Ordering::Relaxed)),
                per(i, &|s| s.ended.load(Ordering::Relaxed)),
                pct(per(i, &|s| s.guarded.load(Ordering::Relaxed))),
                slots.iter().map(|s| s.shared.stats[i].max_ns.load(Ordering::Relaxed)).max().unwrap_or(0) as f64 / 1e6,
                top.join(", ")
            );
        }
        println!("\nbounded imports (every other argument of every import is drawn from the hostile classes):");
        for t in targets.iter().filter(|t| !t.note.is_empty()) {
            println!("  {:<24} {}", t.name, t.note);
        }
        println!();
    }
    let never: Vec<&str> =
        (0..targets.len()).filter(|&i| per(i, &|s| s.calls.load(Ordering::Relaxed)) == 0).map(|i| targets[i].name).collect();
    // Signal deaths grouped: most are the guest's own kill(getpid(), n).
    let mut ends: Vec<String> = totals
        .ends
        .iter()
        .filter(|(k, _)| !k.starts_with("killed by ") && *k != crate::supervisor::MEM_FAULT_END)
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let mut sigs: Vec<(u64, &str)> = totals
        .ends
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("killed by ").map(|s| (*v, s)))
        .collect();
    if !sigs.is_empty() {
        sigs.sort_by(|a, b| b.cmp(a));
        let total: u64 = sigs.iter().map(|(n, _)| n).sum();
        let mut top: Vec<String> = sigs.iter().take(4).map(|(n, s)| format!("{s} {n}")).collect();
        if sigs.len() > 4 {
            top.push(format!("{} others {}", sigs.len() - 4, sigs[4..].iter().map(|(n, _)| n).sum::<u64>()));
        }
        ends.push(format!("killed by a signal {total} ({})", top.join(", ")));
    }
    let k = |f: &dyn Fn(&shared::KindStats) -> u64| slots.iter().map(|s| f(&s.shared.kinds)).sum::<u64>();
    let load = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
    let modules = k(&|s| load(&s.modules));
    let panics = totals.panics + k(&|s| load(&s.panics));
    println!(
        "fuzz: seed {}, {elapsed:.1} s, {} job(s): calls {calls} (to {called} imports), modules {modules} (accepted {}, \
         run {}, through the CLI {}), fd races {}, memory instructions {}, fork races {}; crashes {}, hangs {}, panics {panics}",
        opts.seed,
        opts.jobs,
        k(&|s| load(&s.accepted)),
        k(&|s| load(&s.engine_runs)),
        k(&|s| load(&s.cli_runs)),
        k(&|s| load(&s.fd_rounds)),
        k(&|s| load(&s.mem_ops)),
        k(&|s| load(&s.fork_rounds)),
        totals.crashes,
        totals.hangs,
    );
    println!(
        "fuzz: calls: engine stops {} (exit {}, fatal {}); workers ended by the guest: {}; watchdog \
         interrupts {}; guarded calls {}; race calls {}; forks {}; sweeps {}; {:.1} us per call inside the engine",
        sum(&|s| s.stop_exit.load(Ordering::Relaxed) + s.stop_fatal.load(Ordering::Relaxed)),
        sum(&|s| s.stop_exit.load(Ordering::Relaxed)),
        sum(&|s| s.stop_fatal.load(Ordering::Relaxed)),
        if ends.is_empty() { "none".to_string() } else { ends.join(", ") },
        (0..targets.len()).map(|i| per(i, &|s| s.kicked.load(Ordering::Relaxed))).sum::<u64>(),
        sum(&|s| s.guarded.load(Ordering::Relaxed)),
        sum(&|s| s.raced.load(Ordering::Relaxed)),
        sum(&|s| s.forks.load(Ordering::Relaxed)),
        sum(&|s| s.sweeps.load(Ordering::Relaxed)),
        sum(&|s| s.call_ns.load(Ordering::Relaxed)) as f64 / calls.max(1) as f64 / 1000.0,
    );
    let modules_time = totals.spent[Kind::Modules.index()].max(1e-9);
    println!(
        "fuzz: modules: {:.0} a second per job, {:.1} us each in prepare; engine runs refused {}, exited {}, \
         trapped {}, out of time in _start {}; fd races: descriptor copies checked {} ({} named the memory \
         file, none read or wrote it); memory instructions: traps {}, faults outside Wasm code {}, mmap-family \
         calls {}; fork races: children that ended {}, forks refused {}",
        modules as f64 / modules_time,
        k(&|s| load(&s.prepare_ns)) as f64 / modules.max(1) as f64 / 1000.0,
        k(&|s| load(&s.run_refused)),
        k(&|s| load(&s.run_exited)),
        k(&|s| load(&s.run_trapped)),
        k(&|s| load(&s.run_out_of_time)),
        k(&|s| load(&s.fd_copies)),
        k(&|s| load(&s.fd_named)),
        k(&|s| load(&s.mem_traps)),
        totals.ends.get(crate::supervisor::MEM_FAULT_END).copied().unwrap_or(0),
        k(&|s| load(&s.mem_maps)),
        k(&|s| load(&s.fork_children)),
        k(&|s| load(&s.fork_errors)),
    );
    let spent: f64 = totals.spent.iter().sum();
    let time: Vec<String> = crate::kinds::ALL
        .iter()
        .map(|kind| {
            let i = kind.index();
            format!("{} {:.0}% ({} workers)", kind.name(), 100.0 * totals.spent[i] / spent.max(1e-9), totals.workers[i])
        })
        .collect();
    println!("fuzz: worker time: {}", time.join(", "));
    if !totals.panic_places.is_empty() {
        let mut places: Vec<&String> = totals.panic_places.iter().collect();
        places.sort();
        println!("fuzz: panics at: {}", places.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "));
    }
    let bits = slots.iter().map(|s| s.shared.sandbox.load(Ordering::Relaxed)).fold(u32::MAX, |a, b| a & b);
    let mut sandbox = vec![if bits & shared::SANDBOX_NETNS != 0 { "private network" } else { "AF_UNIX sockets only" }];
    if bits & shared::SANDBOX_LANDLOCK != 0 {
        sandbox.push("Landlock (writes only in its directory)");
    }
    if bits & shared::SANDBOX_NOBODY != 0 {
        sandbox.push("root dropped to nobody");
    }
    if opts.verbose {
        println!("fuzz: workers ran with: {}", sandbox.join(", "));
    }
    let mut ok = totals.crashes == 0 && totals.hangs == 0 && panics == 0;
    if !never.is_empty() && opts.replay.is_none() && opts.kinds.iter().any(|(k, s)| *k == Kind::Calls && *s > 0) {
        println!("fuzz: imports never called: {}", never.join(", "));
        ok &= calls < 100_000;
    }
    ok
}
