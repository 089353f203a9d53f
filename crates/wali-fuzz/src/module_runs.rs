//! Runs of the mutated modules `prepare` accepted: through the engine in a
//! forked child (compile, instantiate, `_start`; `wali::instantiate` with
//! an exit that ends the child directly), and for some of those through the
//! real binaries, `wali inspect FILE` and `wali run FILE`. One run at a
//! time, in the background: the worker goes on preparing modules and polls.
//!
//! The guest is confined: no fork, kill or exec (`--deny @process`,
//! `@exec`: a mutated module must not signal or start anything), at most 8
//! threads and 256 MiB of memory, and with Landlock writes only in the work
//! directory. So a death by a crash signal is the engine's doing.
//!
//! Fine: an error, a trap (134), any exit; `wali inspect`: 0, 1, 2 or 134.
//! A panic (a panic hook's record, or status 101 when the guest did not
//! exit with 101), a crash signal, a SIGKILL the fuzzer did not send, or a
//! child still loading (parse, compile, instantiate) after `LOAD_TIME` is a
//! failure. A child still in `_start` after `RUN_TIME` ran out of time: the
//! guest's own code decides how long it runs; that is counted, not failed.

use crate::child;
use crate::sandbox::Sandbox;
use crate::shared::{Failure, Shared, PHASE_LOADING, PHASE_RUNNING};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

const LOAD_TIME: Duration = Duration::from_secs(20);
const RUN_TIME: Duration = Duration::from_secs(3);
const CLI_TIME: Duration = Duration::from_secs(20);
/// The child could not load the module (an error from `instantiate`, no `_start`).
const PHASE_REFUSED: u32 = 3;
const PHASE_TRAPPED: u32 = 4;
const MAX_MEMORY: u64 = 256 << 20;
const MAX_THREADS: usize = 8;

/// How the engine run of a module ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Refused,
    Trapped,
    Exited(i32),
    /// By a signal that is no crash (the guest's own, e.g. SIGPIPE, or a
    /// default action it set back).
    Signal(i32),
    OutOfTime,
    /// A failure, reported.
    Failed,
}

enum Stage {
    Engine { pid: i32, deadline: Instant, running: bool },
    Inspect(Child, Instant),
    Run(Child, Instant),
}

/// One module's runs.
pub struct Job {
    pub n: u64,
    wasm: Vec<u8>,
    /// Run through the CLI too.
    cli: bool,
    stage: Stage,
    engine: Option<Ended>,
    /// Failures found so far.
    found: Vec<Finding>,
}

/// What a job reports: kind of failure and text (the worker adds the module's details).
pub type Finding = (Failure, String);

pub struct Runner<'a> {
    pub shared: &'static Shared,
    pub sb: &'a Sandbox,
    /// The `wali` binary, when there is one next to `wali-fuzz`.
    pub wali: Option<&'a Path>,
    /// Print every outcome (replays).
    pub verbose: bool,
}

impl Runner<'_> {
    fn errfile(&self, name: &str) -> PathBuf {
        self.sb.workdir.join(name)
    }

    /// Starts the engine run of module `n`.
    pub fn start(&self, n: u64, wasm: Vec<u8>, cli: bool) -> Job {
        self.shared.kinds.engine_runs.fetch_add(1, Ordering::Relaxed);
        self.shared.child.reset();
        let err = std::fs::File::create(self.errfile("engine.err")).ok();
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            use std::os::fd::AsRawFd;
            if let Some(f) = &err {
                unsafe { libc::dup2(f.as_raw_fd(), 2) };
            }
            engine_child(self.shared, self.sb, &wasm);
        }
        let stage = Stage::Engine { pid, deadline: Instant::now() + LOAD_TIME, running: false };
        Job { n, wasm, cli: cli && self.wali.is_some(), stage, engine: None, found: Vec::new() }
    }

    /// Advances the job: `Some` when it is over, with the failures found.
    pub fn poll(&self, job: &mut Job) -> Option<Vec<Finding>> {
        loop {
            let found = &mut job.found;
            let next = match &mut job.stage {
                Stage::Engine { pid, deadline, running } => {
                    let pid = *pid;
                    let mut status = 0;
                    if unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) } == pid {
                        let ended = self.engine_ended(status, found);
                        job.engine = Some(ended);
                    } else {
                        let now = Instant::now();
                        if !*running && self.shared.child.phase.load(Ordering::SeqCst) == PHASE_RUNNING {
                            *running = true;
                            *deadline = (*deadline).min(now + RUN_TIME);
                        }
                        if now < *deadline {
                            return None;
                        }
                        let threads = child::threads_of(pid);
                        child::kill(pid);
                        job.engine = Some(if *running {
                            self.shared.kinds.run_out_of_time.fetch_add(1, Ordering::Relaxed);
                            Ended::OutOfTime
                        } else {
                            found.push((
                                Failure::Hang,
                                format!("HANG: the engine was still loading the module (parse, compile, instantiate) after {} s{threads}", LOAD_TIME.as_secs()),
                            ));
                            Ended::Failed
                        });
                    }
                    if let Some(e) = job.engine {
                        self.say(&format!("engine: {e:?}"));
                    }
                    match job.engine {
                        // A replay goes on through the CLI, which says more.
                        Some(Ended::Failed) if !self.verbose => None,
                        _ if !job.cli => None,
                        _ => self.spawn(job, "inspect"),
                    }
                }
                Stage::Inspect(c, deadline) => {
                    let status = self.wait_cli(c, *deadline, "wali inspect", found)?;
                    let fine = |s: i32| libc::WIFEXITED(s) && [0, 1, 2, 134].contains(&libc::WEXITSTATUS(s));
                    match status {
                        Some(s) if !fine(s) => self.cli_failure("wali inspect", s, "inspect.err", found),
                        _ => {}
                    }
                    // A module whose `_start` ran out of time would only do so again.
                    if status.is_none() || job.engine == Some(Ended::OutOfTime) {
                        None
                    } else {
                        self.spawn(job, "run")
                    }
                }
                Stage::Run(c, deadline) => {
                    let status = self.wait_cli(c, *deadline, "wali run", found)?;
                    if let Some(s) = status {
                        let guest_101 = job.engine == Some(Ended::Exited(101));
                        let failed = child::crashed(s)
                            || (libc::WIFSIGNALED(s) && libc::WTERMSIG(s) == libc::SIGKILL)
                            || (libc::WIFEXITED(s) && libc::WEXITSTATUS(s) == 101 && !guest_101);
                        if failed {
                            self.cli_failure("wali run", s, "run.err", found);
                        }
                    }
                    None
                }
            };
            match next {
                Some(stage) => job.stage = stage,
                None => return Some(std::mem::take(&mut job.found)),
            }
        }
    }

    /// Waits for a job to be over (at the end of a worker, in replays): the
    /// job's own deadlines bound the wait, so the worker is not hung.
    pub fn finish(&self, job: &mut Job) -> Vec<Finding> {
        loop {
            if let Some(f) = self.poll(job) {
                return f;
            }
            self.shared.beat.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn say(&self, what: &str) {
        if self.verbose {
            eprintln!("  {what}");
        }
    }

    fn engine_ended(&self, status: i32, found: &mut Vec<Finding>) -> Ended {
        let k = &self.shared.kinds;
        let phase = self.shared.child.phase.load(Ordering::SeqCst);
        let tail = || tail_of(&self.errfile("engine.err"));
        if let Some(p) = self.shared.child.panic_text() {
            found.push((Failure::Panic, format!("PANIC in the engine running the module: {p}")));
            return Ended::Failed;
        }
        if child::crashed(status) || (libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGKILL) {
            let at = if phase == PHASE_LOADING { "loading the module" } else { "running `_start`" };
            found.push((Failure::Crash, format!("CRASH: the engine, {at}, was {}{}", child::status_text(status), tail())));
            return Ended::Failed;
        }
        if libc::WIFSIGNALED(status) {
            k.run_exited.fetch_add(1, Ordering::Relaxed);
            return Ended::Signal(libc::WTERMSIG(status));
        }
        match (phase, libc::WEXITSTATUS(status)) {
            (PHASE_REFUSED, _) => {
                k.run_refused.fetch_add(1, Ordering::Relaxed);
                Ended::Refused
            }
            (PHASE_TRAPPED, _) | (_, 134) => {
                k.run_trapped.fetch_add(1, Ordering::Relaxed);
                Ended::Trapped
            }
            (_, code) => {
                k.run_exited.fetch_add(1, Ordering::Relaxed);
                Ended::Exited(code)
            }
        }
    }

    /// Starts `wali inspect` or `wali run` on the module.
    fn spawn(&self, job: &Job, what: &str) -> Option<Stage> {
        let wali = self.wali?;
        let file = self.sb.workdir.join("module.wasm");
        if what == "inspect" {
            self.shared.kinds.cli_runs.fetch_add(1, Ordering::Relaxed);
            std::fs::write(&file, &job.wasm).ok()?;
        }
        let mut cmd = Command::new(wali);
        cmd.arg(what);
        if what == "run" {
            cmd.args(["--no-cache", "--deny", "@process", "--no-exec", "--max-threads", &MAX_THREADS.to_string()]);
            cmd.args(["--max-memory", &MAX_MEMORY.to_string()]);
            if self.sb.landlock {
                cmd.args(["--dir", "/:ro", "--dir"]).arg(&self.sb.workdir);
            }
        }
        cmd.arg(&file);
        let err = std::fs::File::create(self.errfile(&format!("{what}.err"))).ok()?;
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(err);
        let child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                self.say(&format!("cannot start {}: {e}", wali.display()));
                return None;
            }
        };
        let deadline = Instant::now() + CLI_TIME;
        Some(if what == "inspect" { Stage::Inspect(child, deadline) } else { Stage::Run(child, deadline) })
    }

    /// The status of a CLI child: `None` while it runs, `Some(None)` when it
    /// was killed for taking too long (a failure, reported).
    fn wait_cli(&self, c: &mut Child, deadline: Instant, what: &str, found: &mut Vec<Finding>) -> Option<Option<i32>> {
        use std::os::unix::process::ExitStatusExt;
        if let Ok(Some(s)) = c.try_wait() {
            self.say(&format!("{what}: {}", child::status_text(s.into_raw())));
            return Some(Some(s.into_raw()));
        }
        if Instant::now() < deadline {
            return None;
        }
        let threads = child::threads_of(c.id() as i32);
        let _ = c.kill();
        let _ = c.wait();
        found.push((Failure::Hang, format!("HANG: `{what}` on the module did not end within {} s{threads}", CLI_TIME.as_secs())));
        Some(None)
    }

    fn cli_failure(&self, what: &str, status: i32, err: &str, found: &mut Vec<Finding>) {
        let tail = tail_of(&self.errfile(err));
        let text = format!("`{what}` on the module: {}{tail}", child::status_text(status));
        let panicked = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 101;
        found.push(if panicked { (Failure::Panic, format!("PANIC: {text}")) } else { (Failure::Crash, format!("CRASH: {text}")) });
    }
}

/// The last lines of a child's stderr, for a report.
fn tail_of(path: &Path) -> String {
    let text = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&text[text.len().saturating_sub(2048)..]).into_owned();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::new();
    if !lines.is_empty() {
        out.push_str("\n  its stderr (last lines):");
        for l in &lines[lines.len().saturating_sub(8)..] {
            out.push_str(&format!("\n    {}", l.chars().take(300).collect::<String>()));
        }
    }
    out
}

/// The forked child: loads the module through the engine and runs `_start`.
fn engine_child(shared: &'static Shared, sb: &Sandbox, wasm: &[u8]) -> ! {
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        shared.child.panic(&format!("in thread `{}`: {info}", thread.name().unwrap_or("?")));
    }));
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut ctx = wali::WaliCtx::builder();
        ctx.arg("module.wasm").exit_directly().max_threads(MAX_THREADS).max_memory(MAX_MEMORY);
        ctx.deny("@process").and_then(|c| c.deny("@exec")).expect("the policy groups exist");
        sb.confine(&mut ctx, shared, &[]);
        let refused = || {
            shared.child.phase.store(PHASE_REFUSED, Ordering::SeqCst);
            1
        };
        let Ok(wali::Instantiated { mut store, instance, .. }) = wali::instantiate(wasm, ctx.build()) else {
            return refused();
        };
        let Ok(start) = instance.get_typed_func::<(), ()>(&mut store, "_start") else { return refused() };
        shared.child.phase.store(PHASE_RUNNING, Ordering::SeqCst);
        match start.call(&mut store, ()) {
            Ok(()) => 0,
            Err(e) => match wali::outcome(e) {
                wali::Outcome::Exited(c) => c,
                wali::Outcome::Trapped(_) => {
                    shared.child.phase.store(PHASE_TRAPPED, Ordering::SeqCst);
                    wali::TRAP_STATUS
                }
            },
        }
    }));
    unsafe { libc::_exit(code.unwrap_or(101)) }
}
