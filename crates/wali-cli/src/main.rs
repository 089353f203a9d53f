//! `wali`: run WALI modules, list the syscall table, inspect modules.

mod binfmt;
mod cli;
mod inspect;
mod title;

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status for a person's mistake (bad arguments, unreadable or invalid module).
const USAGE_ERROR: u8 = 2;
const LOAD_ERROR: u8 = 1;

/// Whether SIGPIPE was ignored when the process started, read before the
/// Rust runtime sets it to ignored: a guest must inherit the caller's
/// disposition, as a native program does.
static SIGPIPE_WAS_IGNORED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn record_sigpipe() {
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    unsafe { libc::sigaction(libc::SIGPIPE, std::ptr::null(), &mut old) };
    SIGPIPE_WAS_IGNORED.store(old.sa_sigaction == libc::SIG_IGN, std::sync::atomic::Ordering::Relaxed);
}

#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_SIGPIPE: extern "C" fn() = record_sigpipe;

fn main() -> ExitCode {
    if !SIGPIPE_WAS_IGNORED.load(std::sync::atomic::Ordering::Relaxed) {
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if let Some(run_args) = binfmt::started_for_a_module(&args[1.min(args.len())..]) {
        args = [OsString::from("wali"), OsString::from("run")].into_iter().chain(run_args).collect();
    }
    let m = match cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return cli::fail(e),
    };
    match m.subcommand() {
        Some(("run", m)) => run(m),
        Some(("compile", m)) => compile(m),
        Some(("syscalls", m)) => {
            print!("{}", if m.get_count("groups") > 0 { group_table() } else { syscall_table() });
            ExitCode::SUCCESS
        }
        Some(("inspect", m)) => {
            inspect::main(PathBuf::from(m.get_one::<OsString>("module").expect("required")), m.get_count("check") > 0)
        }
        Some(("completions", m)) => {
            let shell = *m.get_one::<clap_complete::Shell>("shell").expect("required");
            clap_complete::generate(shell, &mut cli::command(), "wali", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(("binfmt", m)) => match binfmt::main(m.get_one::<String>("action").expect("required")) {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(LOAD_ERROR, &e),
        },
        _ => unreachable!("clap requires a subcommand"),
    }
}

/// An error on one line: control characters (a newline or a terminal escape
/// in a hostile module's import name) are shown escaped.
fn fail(code: u8, msg: &str) -> ExitCode {
    say(&printable(msg));
    ExitCode::from(code)
}

/// `s` with its control characters escaped (`\n`, `\u{1b}`).
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    s.chars().map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() }).collect()
}

/// One line on stderr. Not `eprintln!`, which panics when the guest left
/// stderr unwritable (a full non-blocking pipe): then the line is dropped.
fn say(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "wali: {msg}");
}

/// Reads a module file, with a one-line explanation when that is impossible.
pub fn read_module(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
        _ => format!("{}: cannot read: {e}", path.display()),
    })?;
    if !bytes.starts_with(b"\0asm") {
        let hint = if bytes.starts_with(b"\x7fELF") {
            " (it is a native executable: run it directly)"
        } else if bytes.starts_with(b"(module") {
            " (it is WebAssembly text: assemble it first, e.g. with wasm-tools parse)"
        } else {
            ""
        };
        return Err(format!("{}: not a WebAssembly module{hint}", path.display()));
    }
    Ok(bytes)
}

struct RunArgs {
    module: PathBuf,
    argv0: Option<OsString>,
    guest_args: Vec<OsString>,
}

fn run(m: &clap::ArgMatches) -> ExitCode {
    let mut program = m.get_many::<OsString>("program").into_iter().flatten().cloned();
    let run = RunArgs {
        module: PathBuf::from(program.next().expect("required")),
        argv0: None,
        guest_args: program.collect(),
    };
    let wasm = match read_module(&run.module) {
        Ok(w) => w,
        Err(e) => return fail(LOAD_ERROR, &e),
    };
    // The module's kind decides what --dir means and whose environment it gets.
    let wasi = wali::module::parse(&wasm).is_ok_and(|p| p.kind().is_wasi());
    if wasi {
        // WASI has no signals: a write to a closed pipe is an error the
        // program sees (ERRNO_IO), as under Wasmtime, not the end of it.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    }
    let mut ctx = wali::WaliCtx::builder();
    let mut env: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut inherit = !wasi;
    let mut cache = true;
    let mut argv0 = None;
    let mut invoke = None;
    for (name, v) in cli::ordered(m) {
        let s = format!("--{name}");
        // An option's value (clap saw that it has one).
        let value = || -> Result<OsString, String> { Ok(v.clone().unwrap_or_default()) };
        let r: Result<(), String> = match s.as_str() {
            "--env" => value().map(|v| {
                let v = v.into_vec();
                match v.iter().position(|&b| b == b'=') {
                    Some(eq) => env.push((v[..eq].to_vec(), v[eq + 1..].to_vec())),
                    // As Wasmtime: NAME alone passes wali's own value, if it has one.
                    None => env.extend(std::env::var_os(OsString::from_vec(v.clone())).map(|val| (v, val.into_vec()))),
                }
            }),
            "--inherit-env" => {
                inherit = true;
                Ok(())
            }
            "--invoke" => value().map(|v| invoke = Some(v.to_string_lossy().into_owned())),
            "--env-file" => value().and_then(|f| env_file(&PathBuf::from(f), &mut env)),
            "--no-inherit-env" => {
                inherit = false;
                Ok(())
            }
            "--profile" => {
                ctx.profile().exec_option("--profile");
                Ok(())
            }
            "--no-cache" => {
                cache = false;
                ctx.exec_option("--no-cache");
                Ok(())
            }
            "--precompiled" => value().and_then(|d| {
                let d = std::path::absolute(PathBuf::from(d)).map_err(|e| format!("--precompiled: {e}"))?;
                ctx.precompiled_dir(&d).exec_option("--precompiled").exec_option(d.to_string_lossy());
                Ok(())
            }),
            "--strace" if v.as_ref().is_none_or(|f| f.is_empty()) => {
                ctx.strace_stderr().exec_option("--strace");
                Ok(())
            }
            "--opt-level" => value().and_then(|v| {
                let v = v.to_string_lossy().into_owned();
                ctx.effort(effort(&v)?).exec_option("--opt-level").exec_option(v);
                Ok(())
            }),
            "--signals-at-syscalls" => {
                ctx.signals_at_syscalls().exec_option("--signals-at-syscalls");
                Ok(())
            }
            "--argv0" => value().map(|v| argv0 = Some(v)),
            "--deny" | "--allow" => value().and_then(|v| {
                let v = v.to_string_lossy().into_owned();
                let r = if s == "--deny" { ctx.deny(&v) } else { ctx.allow(&v) };
                r.map_err(|e| format!("{s}: {e}"))?;
                ctx.exec_option(s.as_str()).exec_option(v);
                Ok(())
            }),
            "--no-net" | "--no-exec" => {
                let group = if s == "--no-net" { "@net" } else { "@exec" };
                ctx.deny(group).expect("a known group").exec_option(s.as_str());
                Ok(())
            }
            "--deny-errno" => value().and_then(|v| deny_errno(&mut ctx, &v.to_string_lossy())),
            "--dir" => value().and_then(|v| {
                let v = v.into_vec();
                let (path, ro) = match v.strip_suffix(b":ro") {
                    Some(p) => (p.to_vec(), true),
                    None => (v.strip_suffix(b":rw").unwrap_or(&v).to_vec(), false),
                };
                let (path, guest) = split_dir(&path);
                if wasi {
                    let guest = String::from_utf8(guest.to_vec()).map_err(|_| "--dir: the GUEST name must be UTF-8")?;
                    ctx.preopen_dir(PathBuf::from(OsString::from_vec(path.to_vec())), &guest, ro);
                    return Ok(());
                }
                if guest != path {
                    return Err(format!(
                        "--dir {}: only WASI programs see a directory under another name; a WALI program \
                         sees host paths (give --dir {} alone)",
                        String::from_utf8_lossy(&v),
                        String::from_utf8_lossy(path)
                    ));
                }
                let path = PathBuf::from(OsString::from_vec(path.to_vec()));
                ctx.dir(&path, ro).map_err(|e| format!("{e:#}"))?;
                // Absolute, so the exec'd engine confines the same tree.
                let abs = std::path::absolute(&path).unwrap_or(path);
                let mut opt = abs.into_os_string().into_vec();
                if ro {
                    opt.extend_from_slice(b":ro");
                }
                ctx.exec_option("--dir").exec_option(String::from_utf8_lossy(&opt));
                Ok(())
            }),
            "--max-memory" => value().and_then(|v| {
                let v = v.to_string_lossy().into_owned();
                let bytes = wali::policy::parse_size(&v)?;
                ctx.max_memory(bytes).exec_option("--max-memory").exec_option(v);
                Ok(())
            }),
            "--max-threads" => value().and_then(|v| {
                let v = v.to_string_lossy().into_owned();
                let n: usize = v.parse().ok().filter(|&n| n >= 1).ok_or("--max-threads wants a number >= 1")?;
                ctx.max_threads(n).exec_option("--max-threads").exec_option(v);
                Ok(())
            }),
            "--strace-append" => value().and_then(|f| {
                ctx.strace_file(&PathBuf::from(&f), true).map_err(|e| format!("{e:#}"))?;
                ctx.exec_option("--strace-append").exec_option(f.to_string_lossy());
                Ok(())
            }),
            "--strace" => {
                let f = PathBuf::from(v.clone().unwrap_or_default());
                ctx.strace_file(&f, false).map_err(|e| format!("{e:#}")).map(|c| {
                    // An exec'd engine continues the same trace.
                    let abs = std::path::absolute(&f).unwrap_or(f);
                    c.exec_option("--strace-append").exec_option(abs.to_string_lossy());
                })
            }
            other => unreachable!("option {other} has no handler"),
        };
        if let Err(e) = r {
            return fail(USAGE_ERROR, &e);
        }
    }
    let run = RunArgs { argv0, ..run };
    if inherit {
        ctx.inherit_env();
    }
    ctx.exit_directly();
    if let Some(dir) = wali::cache::default_dir().filter(|_| cache) {
        ctx.cache_dir(dir);
    }
    for (k, v) in &env {
        ctx.env(k, v);
    }
    ctx.module_path(&run.module);
    let argv0 = run.argv0.clone().unwrap_or_else(|| run.module.clone().into_os_string());
    let mut guest_argv = vec![argv0.as_bytes()];
    guest_argv.extend(run.guest_args.iter().map(|a| a.as_bytes()));
    for a in &guest_argv {
        ctx.arg(a);
    }
    title::set(&guest_argv);
    if let Some(name) = invoke {
        return invoke_export(wasm, ctx.build(), &run, &name);
    }
    match wali::run(wasm, ctx.build()) {
        Ok(wali::Outcome::Exited(code)) => ExitCode::from(code as u8),
        Ok(wali::Outcome::Trapped(msg)) => {
            say(&format!("{}: {msg}", run.module.display()));
            ExitCode::from(wali::TRAP_STATUS as u8)
        }
        Err(e) => fail(LOAD_ERROR, &format!("{}: {e:#}", run.module.display())),
    }
}

/// `--dir HOST::GUEST` as (HOST, GUEST); GUEST is HOST when not given.
fn split_dir(v: &[u8]) -> (&[u8], &[u8]) {
    match v.windows(2).position(|w| w == b"::") {
        Some(i) => (&v[..i], &v[i + 2..]),
        None => (v, v),
    }
}

/// `--invoke NAME`: the program's arguments are the function's; its
/// results are printed one per line, as Wasmtime does.
fn invoke_export(wasm: Vec<u8>, ctx: wali::WaliCtx, run: &RunArgs, name: &str) -> ExitCode {
    let args: Vec<String> = run.guest_args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    match wali::invoke(wasm, ctx, name, &args) {
        Ok((wali::Outcome::Exited(0), results)) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for r in results {
                let line = match r {
                    wali::wasmtime::Val::I32(v) => v.to_string(),
                    wali::wasmtime::Val::I64(v) => v.to_string(),
                    wali::wasmtime::Val::F32(v) => f32::from_bits(v).to_string(),
                    wali::wasmtime::Val::F64(v) => f64::from_bits(v).to_string(),
                    other => format!("{other:?}"),
                };
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Ok((wali::Outcome::Exited(code), _)) => ExitCode::from(code as u8),
        Ok((wali::Outcome::Trapped(msg), _)) => {
            say(&format!("{}: {msg}", run.module.display()));
            ExitCode::from(wali::TRAP_STATUS as u8)
        }
        Err(e) => fail(LOAD_ERROR, &format!("{}: {e:#}", run.module.display())),
    }
}

/// `--deny-errno`: also repeated for an exec'd engine.
fn deny_errno(ctx: &mut wali::WaliCtxBuilder, name: &str) -> Result<(), String> {
    let errno = wali::policy::parse_errno(name)?;
    ctx.deny_errno(errno).exec_option(format!("--deny-errno={name}"));
    Ok(())
}

/// `wali syscalls --groups`: the policy groups and their members.
fn group_table() -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (name, what, members) in wali::policy::GROUPS {
        let _ = writeln!(out, "@{name}: {what}");
        let _ = writeln!(out, "    {}", members.join(" "));
    }
    out
}

/// `-O LEVEL`: 2 (the default) or 3.
fn effort(level: &str) -> Result<wali::Effort, String> {
    match level {
        "2" => Ok(wali::Effort::Fast),
        "3" => Ok(wali::Effort::Thorough),
        _ => Err(format!("-O{level}: the levels are -O2 (the default, quick to compile) and -O3 (inlining)")),
    }
}

/// `wali compile`: compiles modules into the cache ahead of time.
fn compile(m: &clap::ArgMatches) -> ExitCode {
    let at_syscalls = m.get_count("signals-at-syscalls") > 0;
    let level = m.get_one::<OsString>("opt-level").map(|l| l.to_string_lossy().into_owned());
    let effort = match level.as_deref().map(effort).transpose() {
        Ok(e) => e.unwrap_or_default(),
        Err(e) => return fail(USAGE_ERROR, &e),
    };
    let target = m.get_one::<OsString>("target").map(|t| t.to_string_lossy().into_owned());
    let out = m.get_one::<OsString>("out").map(PathBuf::from);
    let modules = m.get_many::<OsString>("modules").into_iter().flatten().map(PathBuf::from);
    let dir = match &out {
        Some(d) => d.clone(),
        None => match wali::cache::default_dir() {
            Some(d) => d,
            None => return fail(LOAD_ERROR, "no cache directory: set XDG_CACHE_HOME or HOME"),
        },
    };
    for path in modules {
        let name = path.display().to_string();
        let wasm = match read_module(&path) {
            Ok(w) => w,
            Err(e) => return fail(LOAD_ERROR, &e),
        };
        let done = match &target {
            Some(_) if effort != wali::Effort::Fast => return fail(USAGE_ERROR, "-O3 compiles for this host's cache only, not with --target"),
            Some(t) => wali::precompile_for(t, &wasm, &dir, at_syscalls),
            None => wali::precompile(&wasm, &dir, &name, at_syscalls, effort),
        };
        match done {
            Ok(entry) => println!("{name}: {}", entry.display()),
            Err(e) => return fail(LOAD_ERROR, &format!("{name}: {e:#}")),
        }
    }
    ExitCode::SUCCESS
}

/// `--env-file`: one `NAME=value` per line; blank lines and `#` comments skipped.
fn env_file(path: &std::path::Path, env: &mut Vec<(Vec<u8>, Vec<u8>)>) -> Result<(), String> {
    let text = std::fs::read(path).map_err(|e| format!("--env-file {}: {e}", path.display()))?;
    for (n, line) in text.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        let eq = line
            .iter()
            .position(|&b| b == b'=')
            .ok_or_else(|| format!("{}:{}: expected NAME=value", path.display(), n + 1))?;
        env.push((line[..eq].to_vec(), line[eq + 1..].to_vec()));
    }
    Ok(())
}

/// `wali syscalls`: the table, one import per line.
fn syscall_table() -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{:<24} {:<12} {:<26} note", "import", "status", "signature");
    for row in wali::TABLE {
        let sig = wali_abi::lookup(row.name).and_then(|s| s.sig()).map(|s| s.to_string()).unwrap_or_default();
        let _ = writeln!(out, "{:<24} {:<12} {:<26} {}", row.name, row.status.name(), sig, row.note);
    }
    let count = |s: wali::Status| wali::TABLE.iter().filter(|r| r.status == s).count();
    let _ = writeln!(
        out,
        "{} imports: {} passthrough, {} translated, {} emulated, {} unsupported",
        wali::TABLE.len(),
        count(wali::Status::Passthrough),
        count(wali::Status::Translated),
        count(wali::Status::Emulated),
        count(wali::Status::Unsupported)
    );
    out
}
