//! The supervisor: forks workers (`--jobs` at a time), each of the kind
//! furthest behind its share of the time; watches them for progress; takes
//! the findings they survive from the mailbox; and classifies each worker's
//! end: what the guest asked for is counted, anything else is a failure.

use crate::child::{self, signal_name, CRASH_SIGNALS};
use crate::kinds::{self, Kind};
use crate::mutate::Seed;
use crate::sandbox::Config;
use crate::shared::{Failure, Shared};
use crate::target::Target;
use crate::{Opts, INTERRUPTED};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How a memory instructions worker ends when an instruction faults
/// outside Wasm code.
pub const MEM_FAULT_END: &str = "memory instruction faulted outside Wasm code (134 and a message)";
/// A worker whose step counter has not moved for this long is a hang.
const HANG: Duration = Duration::from_secs(10);

/// One worker place.
pub struct Slot {
    pub shared: &'static Shared,
    /// The running worker's pid, 0 when none.
    pid: i32,
    /// Read end of the worker's stderr.
    pipe: i32,
    /// The last bytes the worker wrote to stderr.
    tail: Vec<u8>,
    worker: u64,
    kind: Kind,
    started: Instant,
    /// The worker's steps and heartbeats so far.
    last_progress: u64,
    /// When `last_progress` last changed.
    moved_at: Instant,
    /// The supervisor killed it (a hang, or it would not stop).
    killed: bool,
}

#[derive(Default)]
pub struct Totals {
    pub crashes: u64,
    pub hangs: u64,
    /// Panics outside the modules kind (which counts its own in `KindStats`).
    pub panics: u64,
    /// Workers ended by something the guest asked for, by kind.
    pub ends: BTreeMap<String, u64>,
    /// Seconds of worker time per kind.
    pub spent: [f64; 5],
    /// Workers per kind.
    pub workers: [u64; 5],
    /// Places in the code of the panics reported.
    pub panic_places: HashSet<String>,
}

pub struct Supervisor<'a> {
    pub opts: &'a Opts,
    pub targets: &'a [Target],
    wasm: &'a [u8],
    seeds: &'a [Seed],
    wali: Option<&'a Path>,
    rundir: PathBuf,
    pub slots: Vec<Slot>,
    pub totals: Totals,
}

/// The calls kind's calls. (The fd races' opens are calls too, counted as
/// such per import, but as fd races in the totals.)
pub fn calls_of(slots: &[Slot], targets: &[Target]) -> u64 {
    slots
        .iter()
        .map(|s| {
            let all: u64 = (0..targets.len()).map(|i| s.shared.stats[i].calls.load(Ordering::Relaxed)).sum();
            all.saturating_sub(s.shared.kinds.fd_rounds.load(Ordering::Relaxed))
        })
        .sum()
}

impl<'a> Supervisor<'a> {
    pub fn new(
        opts: &'a Opts,
        targets: &'a [Target],
        wasm: &'a [u8],
        seeds: &'a [Seed],
        wali: Option<&'a Path>,
        rundir: PathBuf,
    ) -> Supervisor<'a> {
        let slots = (0..opts.jobs)
            .map(|_| Slot {
                shared: Shared::map(),
                pid: 0,
                pipe: -1,
                tail: Vec::new(),
                worker: 0,
                kind: Kind::Calls,
                started: Instant::now(),
                last_progress: 0,
                moved_at: Instant::now(),
                killed: false,
            })
            .collect();
        Supervisor { opts, targets, wasm, seeds, wali, rundir, slots, totals: Totals::default() }
    }

    fn spawn(&mut self, i: usize, worker: u64, kind: Kind) {
        let replay = self.opts.replay.map(|(_, _, n)| n);
        let budget = match (replay, kind) {
            (Some(n), _) => n,
            (None, Kind::Calls) => self.opts.per_worker,
            (None, _) => u64::MAX,
        };
        let deadline = (replay.is_none() && kind != Kind::Calls).then(|| Instant::now() + kind.worker_time());
        // The supervisor's read ends must not reach a worker: its guest could
        // clear their O_NONBLOCK (the flag belongs to the shared open file)
        // and leave the supervisor blocked in a read.
        let others: Vec<i32> = self.slots.iter().map(|s| s.pipe).filter(|&fd| fd >= 0).collect();
        let slot = &mut self.slots[i];
        slot.shared.reset_worker(worker, kind.index() as u32);
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
            let cfg = Config {
                kind,
                seed: self.opts.seed,
                worker,
                budget,
                rundir: self.rundir.clone(),
                slot: i,
                trace_from: replay.map(|n| n.saturating_sub(20).max(1)),
                deadline,
            };
            match kind {
                Kind::Calls | Kind::FdRaces => crate::worker::run(&cfg, slot.shared, self.targets, self.wasm),
                Kind::Modules => {
                    let cfg = Config { trace_from: replay, ..cfg };
                    crate::modules::run(&cfg, slot.shared, self.seeds, self.wali)
                }
                Kind::MemOps => crate::mem_ops::run(&cfg, slot.shared, self.targets, self.wasm),
                Kind::ForkRaces => crate::fork_races::run(&cfg, slot.shared, self.targets, self.wasm),
            }
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
        slot.kind = kind;
        slot.started = Instant::now();
        slot.last_progress = 0;
        slot.moved_at = Instant::now();
        slot.killed = false;
        // Charged now, so that jobs starting together spread over the kinds;
        // corrected to the worker's real time when it ends.
        self.totals.spent[kind.index()] += kind.worker_time().as_secs_f64();
        self.totals.workers[kind.index()] += 1;
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

    /// A step of the flight recorder, as the slot's kind calls it.
    fn step_text(&self, kind: Kind, t: usize, args: &[i64; 6]) -> String {
        match (kind, self.targets.get(t)) {
            (Kind::Modules, _) => format!("module #{}", args[0]),
            (_, Some(target)) => crate::worker::fmt_call(target, args),
            (_, None) => crate::mem_ops::fmt_op(t - self.targets.len(), args),
        }
    }

    /// Counts a failure of kind `what`; whether to report it (a panic at a
    /// place already reported is only counted). `counted`: the worker
    /// counted it already (panics of the modules kind).
    fn count(&mut self, what: Failure, text: &str, counted: bool) -> bool {
        match what {
            Failure::Crash => self.totals.crashes += 1,
            Failure::Hang => self.totals.hangs += 1,
            Failure::Panic => {
                if !counted {
                    self.totals.panics += 1;
                }
                // Later ones at the same place: only counted (the summary lists the places).
                if !self.totals.panic_places.insert(crate::modules::panic_place(text)) {
                    return false;
                }
            }
        }
        true
    }

    fn replay_line(&self, i: usize, step: u64) -> String {
        let slot = &self.slots[i];
        let what = match slot.kind {
            Kind::Calls => format!("{}:{step}", slot.worker),
            k => format!("{}:{}:{step}", k.name(), slot.worker),
        };
        format!("wali-fuzz --seed {} --replay {what}", self.opts.seed)
    }

    /// The report of a worker that failed, hung or crashed.
    fn report(&mut self, i: usize, what: &str) {
        let slot = &self.slots[i];
        let sh = slot.shared;
        let mut text = format!("fuzz: FAILURE in worker {} ({}, seed {}): {what}", slot.worker, slot.kind.name(), self.opts.seed);
        if let Some(f) = sh.failure() {
            text.push_str("\n  ");
            text.push_str(&f.replace('\n', "\n  "));
        }
        text.push_str("\n  recent steps of this worker (oldest first):");
        let mut last_seq = 0;
        for (seq, t, args, state, result) in sh.recent() {
            let r = match state {
                0 => "(did not return)".to_string(),
                1 => crate::worker::fmt_result(result),
                _ => "(the engine stopped the guest, or a trap)".to_string(),
            };
            text.push_str(&format!("\n    #{seq} {} = {r}", self.step_text(slot.kind, t, &args)));
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
        text.push_str(&format!("\n  replay: {}", self.replay_line(i, last_seq)));
        eprintln!("{text}");
    }

    /// A finding a worker survived.
    fn noted(&mut self, i: usize, what: Failure, step: u64, text: &str) {
        if !self.count(what, text, self.slots[i].kind == Kind::Modules) {
            return;
        }
        let slot = &self.slots[i];
        let text = format!(
            "fuzz: FAILURE in worker {} ({}, seed {}): {}\n  replay: {}",
            slot.worker,
            slot.kind.name(),
            self.opts.seed,
            text.replace('\n', "\n  "),
            self.replay_line(i, step)
        );
        eprintln!("{text}");
    }

    fn take_notes(&mut self) {
        for i in 0..self.slots.len() {
            if let Some((what, step, text)) = self.slots[i].shared.take_note() {
                self.noted(i, what, step, &text);
            }
        }
    }

    /// A worker ended: was it the guest's doing, or a failure?
    fn ended(&mut self, i: usize, status: i32) {
        let sh = self.slots[i].shared;
        let (killed, kind) = (self.slots[i].killed, self.slots[i].kind);
        self.drain(i);
        self.take_notes();
        unsafe { libc::close(self.slots[i].pipe) };
        self.slots[i].pipe = -1;
        self.slots[i].pid = 0;
        let real = self.slots[i].started.elapsed().as_secs_f64();
        self.totals.spent[kind.index()] += real - kind.worker_time().as_secs_f64();
        let cur = sh.current();
        if let Some((t, _)) = cur.filter(|(t, _)| *t < self.targets.len()) {
            sh.stats[t].ended.fetch_add(1, Ordering::Relaxed);
        }
        if killed {
            return;
        }
        if let Some((what, text)) = sh.failure_as() {
            let how = if libc::WIFSIGNALED(status) {
                format!("a check failed or the engine panicked; then killed by {}", signal_name(libc::WTERMSIG(status)))
            } else {
                "a check failed or the engine panicked".to_string()
            };
            if self.count(what, &text, false) {
                self.report(i, &how);
            }
            return;
        }
        let end = match kind {
            Kind::Calls | Kind::FdRaces => self.call_end(cur, status),
            Kind::MemOps => self.mem_ops_end(i, status),
            Kind::Modules | Kind::ForkRaces => match status {
                0 => Ok(None),
                s => Err(format!("the worker ended with {}", child::status_text(s))),
            },
        };
        match end {
            Ok(Some(e)) => *self.totals.ends.entry(e).or_default() += 1,
            Ok(None) => {}
            Err(why) => {
                self.totals.crashes += 1;
                self.report(i, &why);
            }
        }
    }

    /// How a worker of the calls kind ended: by the guest's doing (what),
    /// its budget spent (`None`), or a crash (why).
    fn call_end(&self, cur: Option<(usize, [i64; 6])>, status: i32) -> Result<Option<String>, String> {
        let cur_name = cur.and_then(|(t, _)| self.targets.get(t)).map(|t| t.name);
        let exits = ["SYS_exit", "SYS_exit_group", "__proc_exit"];
        if libc::WIFEXITED(status) {
            let code = libc::WEXITSTATUS(status);
            if code == 0 && cur.is_none() {
                Ok(None)
            } else if cur_name.is_some_and(|n| exits.contains(&n)) && cur.is_some_and(|(_, a)| (a[0] & 0xff) as i32 == code) {
                Ok(Some(format!("exit ({})", cur_name.unwrap_or(""))))
            } else if code == wali::TRAP_STATUS {
                Ok(Some("engine stop in a guest thread (134)".into()))
            } else if cur_name == Some("SYS_execve") {
                Ok(Some("execve".into()))
            } else {
                Err(format!("the worker exited with status {code}, which no call asked for"))
            }
        } else {
            let s = libc::WTERMSIG(status);
            if cur_name == Some("SYS_execve") {
                Ok(Some("execve".into()))
            } else if CRASH_SIGNALS.contains(&s) {
                Err(format!("CRASH: the worker was killed by {}", signal_name(s)))
            } else if s == libc::SIGKILL {
                Err("the worker was killed by SIGKILL, which the fuzzer never sends it (out of memory?)".into())
            } else {
                Ok(Some(format!("killed by {}", signal_name(s))))
            }
        }
    }

    /// A worker of the memory instructions kind ends when an instruction
    /// faults outside Wasm code: status 134 after the engine's `wali:` line.
    fn mem_ops_end(&self, i: usize, status: i32) -> Result<Option<String>, String> {
        let tail = String::from_utf8_lossy(&self.slots[i].tail);
        let said = tail.lines().any(|l| l.starts_with("wali:"));
        match status {
            0 => Ok(None),
            _ if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == wali::TRAP_STATUS && said => {
                Ok(Some(MEM_FAULT_END.into()))
            }
            s => Err(format!("CRASH: the worker running memory instructions ended with {}", child::status_text(s))),
        }
    }

    pub fn run(&mut self) {
        let start = Instant::now();
        let deadline = self.opts.seconds.map(|s| start + Duration::from_secs_f64(s));
        let mut next = self.opts.replay.map_or(0, |(_, w, _)| w);
        let mut stopping: Option<Instant> = None;
        let mut last_note = start;
        loop {
            let now = Instant::now();
            let calls = calls_of(&self.slots, self.targets);
            let failed = !self.opts.keep_going && self.totals.crashes + self.totals.hangs > 0;
            let replay_done = self.opts.replay.is_some_and(|(_, w, _)| next > w);
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
                    let kind = match self.opts.replay {
                        Some((k, _, _)) => k,
                        None => kinds::next(&self.opts.kinds, &self.totals.spent),
                    };
                    self.spawn(i, next, kind);
                    next += 1;
                }
            }
            if self.slots.iter().all(|s| s.pid == 0) && (stopping.is_some() || replay_done) {
                break;
            }
            if stopping.is_some_and(|t| now - t > Duration::from_secs(15)) {
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
            self.take_notes();
            self.reap();
            self.watch(now);
            if self.opts.verbose && last_note.elapsed() > Duration::from_secs(10) {
                last_note = Instant::now();
                let k = |f: &dyn Fn(&Shared) -> u64| self.slots.iter().map(|s| f(s.shared)).sum::<u64>();
                eprintln!(
                    "fuzz: {:.0} s, {} calls, {} modules, {} workers",
                    start.elapsed().as_secs_f64(),
                    calls_of(&self.slots, self.targets),
                    k(&|s| s.kinds.modules.load(Ordering::Relaxed)),
                    self.totals.workers.iter().sum::<u64>()
                );
            }
        }
    }

    /// Workers, and (as a subreaper) what the guests forked and left behind.
    fn reap(&mut self) {
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
    }

    /// Workers whose step counter stopped: hangs.
    fn watch(&mut self, now: Instant) {
        for i in 0..self.slots.len() {
            let slot = &mut self.slots[i];
            if slot.pid == 0 {
                continue;
            }
            let pid = slot.pid;
            let progress = slot.shared.seq.load(Ordering::SeqCst) + slot.shared.beat.load(Ordering::SeqCst);
            if progress != slot.last_progress {
                slot.last_progress = progress;
                slot.moved_at = now;
            } else if slot.moved_at.elapsed() > HANG && !slot.killed {
                let details = child::threads_of(pid);
                let what = match slot.shared.current() {
                    Some(_) => format!("HANG: one step ran for more than {} s{details}", HANG.as_secs()),
                    None => format!("HANG: no step started for {} s{details}", HANG.as_secs()),
                };
                self.totals.hangs += 1;
                self.report(i, &what);
                let slot = &mut self.slots[i];
                slot.killed = true;
                unsafe { libc::kill(-pid, libc::SIGKILL) };
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    }
}
