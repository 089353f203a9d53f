//! `wali-fuzz`: tries the engine with hostile input of several kinds
//! (`kinds`) and checks that it neither crashes, hangs nor panics, nor lets
//! the guest reach host memory or the process's memory file. See
//! docs/testing.md ("The fuzzer").
//!
//! A supervisor (this process, single-threaded, never touching Wasmtime)
//! forks worker processes one after the other (`--jobs` at a time), each
//! of one kind, the kinds sharing the time (`--kinds`). A worker that dies
//! is classified from what it shares with the supervisor (`shared`): an end
//! the guest asked for (exit, exec, a signal it sent itself, a clean trap)
//! is counted, anything else is a crash; findings a worker survives (a
//! panic caught in-process, a child that crashed or hung) come through a
//! mailbox.

mod canaries;
mod child;
mod dispatch;
mod fd_races;
mod fork_races;
mod gen;
mod kinds;
mod mem_ops;
mod module_runs;
mod modules;
mod mutate;
mod rng;
mod sandbox;
mod sections;
mod seeds;
mod shared;
mod summary;
mod supervisor;
mod target;
mod worker;

use kinds::Kind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;

const USAGE: &str = "\
usage: wali-fuzz [--seconds N | --calls N] [--seed S] [--jobs J] [--kinds LIST]
                 [--corpus DIR] [--verbose] [--keep-going]
       wali-fuzz --seed S --replay [KIND:]WORKER:STEP [--verbose]

  --seconds N      run for N seconds (default 60)
  --calls N        stop after about N calls instead
  --seed S         the seed (default: from the clock; always printed)
  --jobs J         worker processes at once (default 1)
  --kinds LIST     the kinds to run and their shares of the time, e.g.
                   calls,modules=60 (default: calls=30,modules=25,
                   fd-races=15,memory=15,fork-races=15)
  --corpus DIR     more seed modules for the modules kind: DIR/*.wasm
                   (default: build/corpus/wasm when it exists)
  --calls-per-worker N   calls before a fresh worker takes over (default 20000)
  --verbose        per-import figures and how each import is bounded
  --keep-going     do not stop at the first crash or hang
  --replay K:W:N   run worker W of seed S (kind K, default calls) up to its
                   step N (a call, a module, a fork...), printing the last
                   steps; a failure report gives the line

Exit status: 0 when there was no crash, no hang, no panic and every import
was called; 1 otherwise; 2 for usage errors.";

pub struct Opts {
    pub seconds: Option<f64>,
    pub calls: Option<u64>,
    pub seed: u64,
    pub jobs: usize,
    pub kinds: Vec<(Kind, u32)>,
    pub corpus: Option<PathBuf>,
    pub per_worker: u64,
    pub verbose: bool,
    pub keep_going: bool,
    /// Kind, worker, step.
    pub replay: Option<(Kind, u64, u64)>,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        seconds: None,
        calls: None,
        seed: rng::mix(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64))
            % 1_000_000_000,
        jobs: 1,
        kinds: kinds::defaults(),
        corpus: None,
        per_worker: worker::CALLS_PER_WORKER,
        verbose: false,
        keep_going: false,
        replay: None,
    };
    let mut corpus_given = false;
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
            "--kinds" => o.kinds = kinds::parse(&args.next().ok_or("--kinds needs a list")?)?,
            "--corpus" => {
                o.corpus = Some(args.next().ok_or("--corpus needs a directory")?.into());
                corpus_given = true;
            }
            "--calls-per-worker" => o.per_worker = num::<u64>("--calls-per-worker", args.next())?.max(1),
            "--verbose" | "-v" => o.verbose = true,
            "--keep-going" => o.keep_going = true,
            "--replay" => {
                let v = args.next().ok_or("--replay needs [KIND:]WORKER:STEP")?;
                let parts: Vec<&str> = v.split(':').collect();
                let (kind, w, c) = match parts[..] {
                    [w, c] => (Kind::Calls, w, c),
                    [k, w, c] => (Kind::from_name(k).ok_or_else(|| format!("--replay: unknown kind `{k}`"))?, w, c),
                    _ => return Err("--replay wants [KIND:]WORKER:STEP".into()),
                };
                o.replay = Some((kind, num("--replay", Some(w.into()))?, num("--replay", Some(c.into()))?));
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
    if !corpus_given {
        o.corpus = Some(PathBuf::from("build/corpus/wasm")).filter(|p| p.is_dir());
    }
    if o.replay.is_some() {
        o.jobs = 1;
        o.keep_going = true;
    }
    Ok(o)
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
            let code = match wali::precompile(wasm, dir, "wali-fuzz", false, wali::Effort::Fast) {
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

/// The `wali` binary next to this one (`make fuzz-build` builds both),
/// copied into the run directory: workers running as nobody may not reach
/// the build directory.
fn wali_binary(rundir: &Path) -> Option<PathBuf> {
    let p = std::env::current_exe().ok()?.parent()?.join("wali");
    let copy = rundir.join("wali");
    std::fs::copy(p, &copy).ok()?;
    Some(copy)
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
    let seeds = seeds::seeds(&wasm, opts.corpus.as_deref());
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
    // Workers may run as nobody: they must be able to enter the run
    // directory, and to save modules in `crashes` (sticky, as /tmp).
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&rundir, std::fs::Permissions::from_mode(0o755));
    let crashes = rundir.join("crashes");
    let _ = std::fs::create_dir(&crashes).and_then(|_| std::fs::set_permissions(&crashes, std::fs::Permissions::from_mode(0o1777)));
    if let Err(e) = precompile(&wasm, &rundir.join("cache")) {
        eprintln!("wali-fuzz: {e}");
        return ExitCode::from(1);
    }
    let wali = wali_binary(&rundir);
    if let Some((Kind::Modules, w, n)) = opts.replay {
        // The module itself, for `wali inspect` and `wali run` by hand.
        let path = PathBuf::from(format!("wali-fuzz-module-{}-{w}-{n}.wasm", opts.seed));
        match std::fs::write(&path, modules::generate(&seeds, opts.seed, w, n).wasm) {
            Ok(()) => eprintln!("fuzz: module written to {}", path.display()),
            Err(e) => eprintln!("fuzz: cannot write {}: {e}", path.display()),
        }
    }
    if opts.replay.is_none() {
        let shares: Vec<String> = opts.kinds.iter().map(|(k, s)| format!("{}={s}", k.name())).collect();
        eprintln!(
            "fuzz: seed {}, {} job(s), {}; kinds {}; {} imports, {} seed modules{}{}",
            opts.seed,
            opts.jobs,
            match (opts.seconds, opts.calls) {
                (_, Some(c)) => format!("{c} calls"),
                (Some(s), None) => format!("{s} s"),
                _ => String::new(),
            },
            shares.join(","),
            targets.len(),
            seeds.len(),
            opts.corpus.as_ref().map_or(String::new(), |c| format!(" (with {})", c.display())),
            if wali.is_none() { "; no `wali` binary next to wali-fuzz: no runs through the CLI" } else { "" },
        );
    }
    let mut sup = supervisor::Supervisor::new(&opts, &targets, &wasm, &seeds, wali.as_deref(), rundir.clone());
    let start = std::time::Instant::now();
    sup.run();
    let ok = summary::print(&sup, start.elapsed().as_secs_f64());
    // The guests may have changed modes in the run directory (never through symlinks here).
    sandbox::make_removable(&rundir);
    if std::fs::read_dir(&crashes).is_ok_and(|mut d| d.next().is_some()) {
        // Modules that made the engine fail stay; the rest goes.
        for e in std::fs::read_dir(&rundir).into_iter().flatten().flatten() {
            if e.path() != crashes {
                let _ = std::fs::remove_dir_all(e.path()).or_else(|_| std::fs::remove_file(e.path()));
            }
        }
        eprintln!("fuzz: modules that made the engine fail are in {}", crashes.display());
    } else {
        let _ = std::fs::remove_dir_all(&rundir);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
