//! `wali-fuzz`: calls every WALI import of the engine with hostile
//! arguments against a real linear memory, and checks that the engine
//! neither crashes nor touches host memory outside the guest's, and that
//! every result is sane. See docs/testing.md ("The syscall fuzzer").
//!
//! A supervisor (this process, single-threaded, never touching Wasmtime)
//! forks worker processes one after the other (`--jobs` at a time); each
//! instantiates the dispatcher module through the engine and makes up to
//! 20000 calls. A worker that dies is classified from the flight recorder
//! it shares with the supervisor: an end the guest asked for (exit, exec,
//! a signal it sent itself) is counted, anything else is a crash.

mod dispatch;
mod gen;
mod rng;
mod shared;
mod target;
mod worker;

use shared::Shared;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use target::Target;

const USAGE: &str = "\
usage: wali-fuzz [--seconds N | --calls N] [--seed S] [--jobs J] [--verbose] [--keep-going]
       wali-fuzz --seed S --replay WORKER:CALL [--verbose]

  --seconds N      run for N seconds (default 60)
  --calls N        stop after about N calls instead
  --seed S         the seed (default: from the clock; always printed)
  --jobs J         worker processes at once (default 1)
  --calls-per-worker N   calls before a fresh worker takes over (default 20000)
  --verbose        per-import figures and how each import is bounded
  --keep-going     do not stop at the first crash or hang
  --replay W:C     run worker W of seed S up to its call C, printing the
                   last calls with their arguments (a failure report gives W:C)

Exit status: 0 when there was no crash, no hang and every import was called;
1 otherwise; 2 for usage errors.";

/// A worker stuck in one call (or between calls) this long is a hang.
const HANG: Duration = Duration::from_secs(10);
/// Signals that mean the engine crashed: the fuzzer never lets the guest
/// send them to its own process.
const CRASH_SIGNALS: [i32; 7] =
    [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT, libc::SIGSYS, libc::SIGTRAP];

struct Opts {
    seconds: Option<f64>,
    calls: Option<u64>,
    seed: u64,
    jobs: usize,
    per_worker: u64,
    verbose: bool,
    keep_going: bool,
    replay: Option<(u64, u64)>,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        seconds: None,
        calls: None,
        seed: rng::mix(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64))
            % 1_000_000_000,
        jobs: 1,
        per_worker: worker::CALLS_PER_WORKER,
        verbose: false,
        keep_going: false,
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
        let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
        v.parse().map_err(|_| format!("{flag}: `{v}` is not a number"))
    }
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => o.seconds = Some(num("--seconds", args.next())?),
            "--calls" => o.calls = Some(num("--calls", args.next())?),
            "--seed" => o.seed = num("--seed", args.next())?,
            "--jobs" => o.jobs = num::<usize>("--jobs", args.next())?.clamp(1, 64),
            "--calls-per-worker" => o.per_worker = num::<u64>("--calls-per-worker", args.next())?.max(1),
            "--verbose" | "-v" => o.verbose = true,
            "--keep-going" => o.keep_going = true,
            "--replay" => {
                let v = args.next().ok_or("--replay needs WORKER:CALL")?;
                let (w, c) = v.split_once(':').ok_or("--replay wants WORKER:CALL")?;
                o.replay = Some((num("--replay", Some(w.into()))?, num("--replay", Some(c.into()))?));
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    if o.seconds.is_none() && o.calls.is_none() {
        o.seconds = Some(60.0);
    }
    if o.replay.is_some() {
        o.jobs = 1;
        o.keep_going = true;
    }
    Ok(o)
}

/// One worker place.
struct Slot {
    shared: &'static Shared,
    /// The running worker's pid, 0 when none.
    pid: i32,
    /// Read end of the worker's stderr.
    pipe: i32,
    /// The last bytes the worker wrote to stderr.
    tail: Vec<u8>,
    worker: u64,
    last_seq: u64,
    progress: Instant,
    /// The supervisor killed it (a hang, or it would not stop).
    killed: bool,
}

#[derive(Default)]
struct Totals {
    crashes: u64,
    hangs: u64,
    /// Workers ended by something the guest asked for, by kind.
    ends: BTreeMap<String, u64>,
    reports: Vec<String>,
}

fn calls_of(slots: &[Slot], targets: &[Target]) -> u64 {
    slots.iter().map(|s| (0..targets.len()).map(|i| s.shared.stats[i].calls.load(Ordering::Relaxed)).sum::<u64>()).sum()
}

fn signal_name(s: i32) -> String {
    let abbrev = [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGILL, "SIGILL"),
        (libc::SIGTRAP, "SIGTRAP"),
        (libc::SIGABRT, "SIGABRT"),
        (libc::SIGBUS, "SIGBUS"),
        (libc::SIGFPE, "SIGFPE"),
        (libc::SIGKILL, "SIGKILL"),
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGSEGV, "SIGSEGV"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGPIPE, "SIGPIPE"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGSTKFLT, "SIGSTKFLT"),
        (libc::SIGXCPU, "SIGXCPU"),
        (libc::SIGXFSZ, "SIGXFSZ"),
        (libc::SIGVTALRM, "SIGVTALRM"),
        (libc::SIGPROF, "SIGPROF"),
        (libc::SIGIO, "SIGIO"),
        (libc::SIGPWR, "SIGPWR"),
        (libc::SIGSYS, "SIGSYS"),
    ];
    abbrev.iter().find(|(n, _)| *n == s).map_or(format!("signal {s}"), |(_, name)| name.to_string())
}

/// Set by SIGINT/SIGTERM: finish as at the deadline (summary, clean-up).
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Compiles the dispatcher module into the cache, in a child process (the
/// supervisor stays single-threaded: it forks workers).
fn precompile(wasm: &[u8], dir: &Path) -> Result<(), String> {
    match unsafe { libc::fork() } {
        -1 => Err(format!("fork: {}", std::io::Error::last_os_error())),
        0 => {
            let code = match wali::precompile(wasm, dir, "wali-fuzz", false) {
                Ok(_) => 0,
                Err(e) => {
                    eprintln!("wali-fuzz: cannot compile the dispatcher module: {e:#}");
                    1
                }
            };
            unsafe { libc::_exit(code) }
        }
        pid => {
            let mut status = 0;
            unsafe { libc::waitpid(pid, &mut status, 0) };
            if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
                Ok(())
            } else {
                Err("compiling the dispatcher module failed".into())
            }
        }
    }
}

struct Supervisor<'a> {
    opts: &'a Opts,
    targets: &'a [Target],
    wasm: &'a [u8],
    rundir: PathBuf,
    slots: Vec<Slot>,
    totals: Totals,
}

impl Supervisor<'_> {
    fn spawn(&mut self, i: usize, worker: u64) {
        let budget = match self.opts.replay {
            Some((_, c)) => c,
            None => self.opts.per_worker,
        };
        // The supervisor's read ends must not reach a worker: its guest could
        // clear their O_NONBLOCK (the flag belongs to the shared open file)
        // and leave the supervisor blocked in a read.
        let others: Vec<i32> = self.slots.iter().map(|s| s.pipe).filter(|&fd| fd >= 0).collect();
        let slot = &mut self.slots[i];
        slot.shared.reset_worker(worker);
        let mut p = [0i32; 2];
        if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            eprintln!("wali-fuzz: pipe: {}", std::io::Error::last_os_error());
            std::process::exit(1);
        }
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            for fd in others.iter().chain([&p[0]]) {
                unsafe { libc::close(*fd) };
            }
            unsafe { libc::dup2(p[1], 2) };
            let cfg = worker::Config {
                seed: self.opts.seed,
                worker,
                budget,
                rundir: self.rundir.clone(),
                slot: i,
                trace_from: self.opts.replay.map(|(_, c)| c.saturating_sub(20).max(1)),
            };
            worker::run(&cfg, slot.shared, self.targets, self.wasm);
        }
        unsafe {
            libc::close(p[1]);
            libc::fcntl(p[0], libc::F_SETFL, libc::O_NONBLOCK);
        }
        if pid < 0 {
            eprintln!("wali-fuzz: fork: {}", std::io::Error::last_os_error());
            std::process::exit(1);
        }
        slot.pid = pid;
        slot.pipe = p[0];
        slot.tail.clear();
        slot.worker = worker;
        slot.last_seq = 0;
        slot.progress = Instant::now();
        slot.killed = false;
    }

    fn drain(&mut self, i: usize) {
        let echo = self.opts.replay.is_some();
        let slot = &mut self.slots[i];
        if slot.pipe < 0 {
            return;
        }
        let mut buf = [0u8; 16384];
        loop {
            let n = unsafe { libc::read(slot.pipe, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            let b = &buf[..n as usize];
            if echo {
                use std::io::Write;
                let _ = std::io::stderr().write_all(b);
            }
            slot.tail.extend_from_slice(b);
            if slot.tail.len() > 16384 {
                let cut = slot.tail.len() - 8192;
                slot.tail.drain(..cut);
            }
        }
    }

    /// The report of a worker that failed, hung or crashed.
    fn report(&mut self, i: usize, what: &str) {
        let slot = &self.slots[i];
        let sh = slot.shared;
        let mut text = format!("fuzz: FAILURE in worker {} (seed {}): {what}", slot.worker, self.opts.seed);
        if let Some(f) = sh.failure() {
            text.push_str("\n  ");
            text.push_str(&f.replace('\n', "\n  "));
        }
        text.push_str("\n  recent calls of this worker (oldest first):");
        let mut last_seq = 0;
        for (seq, t, args, state, result) in sh.recent() {
            let r = match state {
                0 => "(did not return)".to_string(),
                1 => worker::fmt_result(result),
                _ => "(the engine stopped the guest)".to_string(),
            };
            let call = self.targets.get(t).map_or(format!("#{t}"), |t| worker::fmt_call(t, &args));
            text.push_str(&format!("\n    #{seq} {call} = {r}"));
            last_seq = seq;
        }
        let tail = String::from_utf8_lossy(&slot.tail);
        let lines: Vec<&str> = tail.lines().filter(|l| l.is_ascii() && !l.trim().is_empty()).collect();
        if !lines.is_empty() {
            text.push_str("\n  worker stderr (last lines):");
            for l in &lines[lines.len().saturating_sub(12)..] {
                text.push_str(&format!("\n    {}", l.chars().take(300).collect::<String>()));
            }
        }
        text.push_str(&format!(
            "\n  replay: wali-fuzz --seed {} --replay {}:{}",
            self.opts.seed, slot.worker, last_seq
        ));
        eprintln!("{text}");
        self.totals.reports.push(text);
    }

    /// A worker ended: was it the guest's doing, or a crash?
    fn ended(&mut self, i: usize, status: i32) {
        let sh = self.slots[i].shared;
        let killed = self.slots[i].killed;
        self.drain(i);
        unsafe { libc::close(self.slots[i].pipe) };
        self.slots[i].pipe = -1;
        self.slots[i].pid = 0;
        let cur = sh.current();
        let cur_name = cur.and_then(|(t, _)| self.targets.get(t)).map(|t| t.name);
        if let Some((t, _)) = cur {
            sh.stats[t].ended.fetch_add(1, Ordering::Relaxed);
        }
        let end = |k: String, totals: &mut Totals| *totals.ends.entry(k).or_default() += 1;
        let exits = ["SYS_exit", "SYS_exit_group", "__proc_exit"];
        if killed {
            return;
        }
        if libc::WIFEXITED(status) {
            let code = libc::WEXITSTATUS(status);
            if sh.failure().is_some() {
                self.totals.crashes += 1;
                self.report(i, "a check failed or the engine panicked");
            } else if code == 0 && cur.is_none() {
                // The worker spent its budget.
            } else if cur_name.is_some_and(|n| exits.contains(&n))
                && cur.is_some_and(|(_, a)| (a[0] & 0xff) as i32 == code)
            {
                end(format!("exit ({})", cur_name.unwrap_or("")), &mut self.totals);
            } else if code == wali::TRAP_STATUS {
                end("engine stop in a guest thread (134)".into(), &mut self.totals);
            } else if cur_name == Some("SYS_execve") {
                end("execve".into(), &mut self.totals);
            } else {
                self.totals.crashes += 1;
                self.report(i, &format!("the worker exited with status {code}, which no call asked for"));
            }
        } else if libc::WIFSIGNALED(status) {
            let s = libc::WTERMSIG(status);
            if sh.failure().is_some() {
                self.totals.crashes += 1;
                self.report(i, &format!("killed by {} after a failed check", signal_name(s)));
            } else if cur_name == Some("SYS_execve") {
                end("execve".into(), &mut self.totals);
            } else if CRASH_SIGNALS.contains(&s) {
                self.totals.crashes += 1;
                self.report(i, &format!("CRASH: the worker was killed by {}", signal_name(s)));
            } else if s == libc::SIGKILL {
                self.totals.crashes += 1;
                self.report(i, "the worker was killed by SIGKILL, which the fuzzer never sends it (out of memory?)");
            } else {
                end(format!("killed by {}", signal_name(s)), &mut self.totals);
            }
        }
    }

    /// What the hung worker's threads are doing, from /proc.
    fn hang_details(pid: i32) -> String {
        let mut out = String::new();
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return out };
        for t in tasks.flatten() {
            let p = t.path();
            let read = |f: &str| std::fs::read_to_string(p.join(f)).unwrap_or_default().trim().to_string();
            let stat = read("stat");
            let state = stat.rsplit(") ").next().and_then(|s| s.split(' ').next()).unwrap_or("?").to_string();
            out.push_str(&format!(
                "\n    thread {} ({}): state {state}, syscall {}, wchan {}",
                t.file_name().to_string_lossy(),
                read("comm"),
                read("syscall"),
                read("wchan")
            ));
            if let Some(l) = read("status").lines().find(|l| l.starts_with("SigBlk")) {
                out.push_str(&format!(", {l}"));
            }
        }
        out
    }

    fn run(&mut self) {
        let start = Instant::now();
        let deadline = self.opts.seconds.map(|s| start + Duration::from_secs_f64(s));
        let mut next = self.opts.replay.map_or(0, |(w, _)| w);
        let mut stopping: Option<Instant> = None;
        let mut last_note = start;
        loop {
            let now = Instant::now();
            let calls = calls_of(&self.slots, self.targets);
            let failed = !self.opts.keep_going && self.totals.crashes + self.totals.hangs > 0;
            let replay_done = self.opts.replay.is_some() && next > self.opts.replay.map_or(0, |r| r.0);
            let done = deadline.is_some_and(|d| now >= d)
                || self.opts.calls.is_some_and(|c| calls >= c)
                || failed
                || INTERRUPTED.load(Ordering::SeqCst);
            if done && stopping.is_none() {
                stopping = Some(now);
                for s in &self.slots {
                    s.shared.stop.store(1, Ordering::SeqCst);
                }
            }
            for i in 0..self.slots.len() {
                if self.slots[i].pid == 0 && stopping.is_none() && !replay_done {
                    self.spawn(i, next);
                    next += 1;
                }
            }
            if self.slots.iter().all(|s| s.pid == 0) && (stopping.is_some() || replay_done) {
                break;
            }
            if let Some(t) = stopping.filter(|t| now - *t > Duration::from_secs(15)) {
                let _ = t;
                for s in &mut self.slots {
                    if s.pid > 0 && !s.killed {
                        s.killed = true;
                        unsafe { libc::kill(-s.pid, libc::SIGKILL) };
                        unsafe { libc::kill(s.pid, libc::SIGKILL) };
                    }
                }
            }
            let mut pfds: Vec<libc::pollfd> = self
                .slots
                .iter()
                .filter(|s| s.pipe >= 0)
                .map(|s| libc::pollfd { fd: s.pipe, events: libc::POLLIN, revents: 0 })
                .collect();
            unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, 20) };
            for i in 0..self.slots.len() {
                self.drain(i);
            }
            // Workers, and (as a subreaper) what the guests forked and left behind.
            loop {
                // Peek first: while a worker is an unreaped zombie its process
                // group id stays reserved, so what it left in its group (a stopped
                // fork child...) can be killed without hitting anyone else.
                let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
                let flags = libc::WEXITED | libc::WSTOPPED | libc::WNOHANG | libc::WNOWAIT;
                if unsafe { libc::waitid(libc::P_ALL, 0, &mut info, flags) } != 0 {
                    break;
                }
                let peeked = unsafe { info.si_pid() };
                if peeked <= 0 {
                    break;
                }
                let exited = matches!(info.si_code, libc::CLD_EXITED | libc::CLD_KILLED | libc::CLD_DUMPED);
                if exited && self.slots.iter().any(|s| s.pid == peeked) {
                    unsafe { libc::kill(-peeked, libc::SIGKILL) };
                }
                let mut status = 0;
                let r = unsafe { libc::waitpid(peeked, &mut status, libc::WNOHANG | libc::WUNTRACED) };
                if r <= 0 {
                    break;
                }
                let Some(i) = self.slots.iter().position(|s| s.pid == r) else {
                    if libc::WIFSTOPPED(status) {
                        unsafe { libc::kill(r, libc::SIGCONT) };
                    }
                    continue;
                };
                if libc::WIFSTOPPED(status) {
                    // The guest stopped its own process (group): continue it.
                    unsafe { libc::kill(-r, libc::SIGCONT) };
                    unsafe { libc::kill(r, libc::SIGCONT) };
                    *self.totals.ends.entry("stopped and continued".into()).or_default() += 1;
                } else {
                    self.ended(i, status);
                }
            }
            for i in 0..self.slots.len() {
                if self.slots[i].pid == 0 {
                    continue;
                }
                let pid = self.slots[i].pid;
                let slot = &mut self.slots[i];
                let seq = slot.shared.seq.load(Ordering::SeqCst);
                if seq != slot.last_seq {
                    slot.last_seq = seq;
                    slot.progress = Instant::now();
                } else if slot.progress.elapsed() > HANG && !slot.killed {
                    let details = Self::hang_details(pid);
                    let what = match slot.shared.current() {
                        Some(_) => format!("HANG: one call ran for more than {} s{details}", HANG.as_secs()),
                        None => format!("HANG: no call started for {} s{details}", HANG.as_secs()),
                    };
                    self.totals.hangs += 1;
                    self.report(i, &what);
                    let slot = &mut self.slots[i];
                    slot.killed = true;
                    unsafe { libc::kill(-pid, libc::SIGKILL) };
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                }
            }
            if self.opts.verbose && last_note.elapsed() > Duration::from_secs(10) {
                last_note = Instant::now();
                eprintln!(
                    "fuzz: {:.0} s, {} calls, {} workers",
                    start.elapsed().as_secs_f64(),
                    calls_of(&self.slots, self.targets),
                    self.slots.iter().map(|s| s.shared.workers.load(Ordering::Relaxed)).sum::<u64>()
                );
            }
        }
    }
}

fn print_summary(sup: &Supervisor, elapsed: f64) -> bool {
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
    let mut ends: Vec<String> =
        totals.ends.iter().filter(|(k, _)| !k.starts_with("killed by ")).map(|(k, v)| format!("{k} {v}")).collect();
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
    println!(
        "fuzz: {calls} calls to {called} imports in {elapsed:.1} s, seed {}, crashes {}, hangs {}",
        opts.seed, totals.crashes, totals.hangs
    );
    println!(
        "fuzz: {} workers; engine stops {} (exit {}, fatal {}); workers ended by the guest: {}; watchdog \
         interrupts {}; guarded calls {}; race calls {}; forks {}; sweeps {}; {:.1} us per call inside the engine",
        sum(&|s| s.workers.load(Ordering::Relaxed)),
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
    let mut ok = totals.crashes == 0 && totals.hangs == 0;
    if !never.is_empty() && opts.replay.is_none() {
        println!("fuzz: imports never called: {}", never.join(", "));
        ok &= calls < 100_000;
    }
    ok
}

fn main() -> ExitCode {
    let opts = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("wali-fuzz: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let targets = target::targets();
    let wasm = dispatch::module(&targets);
    unsafe {
        // Children the guests fork outlive their worker: reap them here.
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
        for sig in [libc::SIGINT, libc::SIGTERM] {
            libc::signal(sig, on_interrupt as *const () as libc::sighandler_t);
        }
    }
    let rundir = std::env::temp_dir().join(format!("wali-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&rundir);
    if let Err(e) = std::fs::create_dir_all(rundir.join("cache")) {
        eprintln!("wali-fuzz: {}: {e}", rundir.display());
        return ExitCode::from(1);
    }
    // Workers may run as nobody: they must be able to enter the run directory.
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&rundir, std::fs::Permissions::from_mode(0o755));
    if let Err(e) = precompile(&wasm, &rundir.join("cache")) {
        eprintln!("wali-fuzz: {e}");
        return ExitCode::from(1);
    }
    if opts.replay.is_none() {
        eprintln!(
            "fuzz: seed {}, {} imports, {} job(s), {}",
            opts.seed,
            targets.len(),
            opts.jobs,
            match (opts.seconds, opts.calls) {
                (_, Some(c)) => format!("{c} calls"),
                (Some(s), None) => format!("{s} s"),
                _ => String::new(),
            }
        );
    }
    let slots = (0..opts.jobs)
        .map(|_| Slot {
            shared: Shared::map(),
            pid: 0,
            pipe: -1,
            tail: Vec::new(),
            worker: 0,
            last_seq: 0,
            progress: Instant::now(),
            killed: false,
        })
        .collect();
    let mut sup = Supervisor { opts: &opts, targets: &targets, wasm: &wasm, rundir: rundir.clone(), slots, totals: Totals::default() };
    let start = Instant::now();
    sup.run();
    let ok = print_summary(&sup, start.elapsed().as_secs_f64());
    // The guests may have changed modes in the run directory (never through symlinks here).
    worker::make_removable(&rundir);
    let _ = std::fs::remove_dir_all(&rundir);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
