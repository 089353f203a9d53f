//! The WALI engine: runs WebAssembly Linux Interface modules on Wasmtime as
//! ordinary Linux processes.
//!
//! ```no_run
//! let mut ctx = wali::WaliCtx::builder();
//! ctx.arg("hello.wasm").inherit_env();
//! let wasm = std::fs::read("hello.wasm")?;
//! match wali::run(wasm, ctx.build())? {
//!     wali::Outcome::Exited(code) => std::process::exit(code),
//!     wali::Outcome::Trapped(msg) => panic!("{msg}"),
//! }
//! # Ok::<(), wasmtime::Error>(())
//! ```

#![warn(missing_docs)]

pub mod cache;
mod confine;
mod ctx;
mod deliver;
mod exec;
mod faults;
mod fds;
mod host;
mod intrinsics;
mod keyring;
mod link;
mod memory;
mod mmap;
pub mod module;
mod profile;
mod open;
mod quiesce;
pub mod policy;
mod signal;
mod stack;
mod sys;
pub mod syscalls;
mod thread;
mod trace;
mod wait;
pub mod wasi;

pub use ctx::Ctx;
pub use syscalls::{Status, Syscall, TABLE};
pub use wasmtime;

use wasmtime::error::Context;
use wasmtime::{bail, Result};
use std::sync::atomic::AtomicI32;
use std::sync::{Arc, Mutex};
use wasmtime::{Config, Engine, Linker, MemoryType, SharedMemory};

/// Exit status of a program stopped by a trap or a fatal engine condition,
/// as for a native program killed by `SIGABRT`.
pub const TRAP_STATUS: i32 = 134;

/// Configures a Wasmtime engine for WALI modules. `async_signals` compiles
/// in the epoch checks (at function entries and loop back-edges) that let a
/// Wasm signal handler run while the guest computes; they cost up to 40 % in
/// tight loops, so modules that cannot install handlers go without.
pub fn new_engine(async_signals: bool) -> Result<Engine> {
    engine_with_stack(async_signals, Effort::Fast, stack::wasm_stack())
}

/// How hard the compiler works on a module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Effort {
    /// Quick to compile: what a first run pays (Cranelift, no Wasm inlining).
    #[default]
    Fast,
    /// Slower to compile (several times the time and memory), for code
    /// compiled once ahead and run often (`wali compile -O3`): Wasmtime also
    /// inlines Wasm functions into their callers. Compiled code is cached
    /// separately for each effort.
    Thorough,
}

/// `new_engine` for the given compile effort.
pub fn new_engine_with(async_signals: bool, effort: Effort) -> Result<Engine> {
    engine_with_stack(async_signals, effort, stack::wasm_stack())
}

/// `new_engine` with Wasm frames limited to `max_wasm_stack` bytes of the
/// native stack (what the thread that runs the guest can hold).
fn engine_with_stack(async_signals: bool, effort: Effort, max_wasm_stack: usize) -> Result<Engine> {
    make_engine(&engine_config(async_signals, effort, max_wasm_stack))
}

fn engine_config(async_signals: bool, effort: Effort, max_wasm_stack: usize) -> Config {
    let mut c = config(async_signals);
    if effort == Effort::Thorough {
        c.compiler_inlining(wasmtime::Inlining::Yes);
    }
    limit_wasm_stack(&mut c, max_wasm_stack);
    if !host::simd() {
        c.wasm_simd(false).wasm_relaxed_simd(false);
    }
    c
}

/// Wasm frames may take `max` bytes of the native stack; the async stack
/// (see `config`) stays at least that large.
fn limit_wasm_stack(c: &mut Config, max: usize) {
    c.max_wasm_stack(max).async_stack_size(max.max(stack::wasm_stack()) + (64 << 10));
}

fn make_engine(c: &Config) -> Result<Engine> {
    // Wasmtime hands the faults it does not take to the handler it finds.
    faults::install_behind();
    let engine = Engine::new(c)?;
    faults::install_in_front();
    Ok(engine)
}

/// An embedder's own Wasmtime engine for WALI modules
/// (`WaliCtxBuilder::engine`), configured as they need: threads, shared
/// memory, exceptions, a 4 GiB reservation that never moves (what the
/// engine's memory checks and `mmap` rely on) and, with `async_signals`, the
/// epoch checks that let a guest's signal handler interrupt a loop. One
/// engine serves any number of modules and the embedder's own (whose stores,
/// on an engine with `async_signals`, set an epoch deadline, as on any
/// Wasmtime engine with epoch interruption).
#[derive(Clone)]
pub struct WaliEngine {
    engine: Engine,
    async_signals: bool,
    max_wasm_stack: usize,
}

impl WaliEngine {
    /// Makes the engine. `customize` may add settings to its configuration
    /// that do not change compiled code (a profiler, say); one that does (a
    /// memory setting, a Wasm feature, a compiler setting) is refused.
    /// Without `async_signals` a guest's signal handlers run at its next
    /// syscall. `max_wasm_stack` bounds what a guest's Wasm frames take of
    /// the native stack of the thread that runs it (`None`: what a main
    /// thread may grow to, docs/engine.md); a guest on a thread that cannot
    /// hold it is refused.
    pub fn new(
        async_signals: bool,
        effort: Effort,
        max_wasm_stack: Option<usize>,
        customize: impl FnOnce(&mut Config),
    ) -> Result<WaliEngine> {
        use std::hash::{Hash, Hasher};
        let max_wasm_stack = max_wasm_stack.unwrap_or_else(stack::wasm_stack);
        let reference = engine_config(async_signals, effort, max_wasm_stack);
        let mut config = reference.clone();
        customize(&mut config);
        // Whatever `customize` set, the bound checked at instantiation holds.
        limit_wasm_stack(&mut config, max_wasm_stack);
        let engine = make_engine(&config)?;
        let hash = |e: &Engine| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            e.precompile_compatibility_hash().hash(&mut h);
            h.finish()
        };
        if hash(&engine) != hash(&Engine::new(&reference)?) {
            bail!(
                "the engine's configuration changes what WALI modules are compiled with (a memory setting, a Wasm \
                 feature or a compiler setting): add only settings that do not change compiled code"
            );
        }
        Ok(WaliEngine { engine, async_signals, max_wasm_stack })
    }

    /// The Wasmtime engine, for the embedder's own modules and linkers.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// An engine that only compiles, for another host (`wali compile --target`):
/// the same settings as `new_engine`, and the target's baseline CPU features.
pub fn new_cross_engine(async_signals: bool, target: &str) -> Result<Engine> {
    let arch = target_arch(target)?;
    let mut c = config(async_signals);
    c.target(target).with_context(|| format!("unknown target `{target}`: try one of {}", HOSTS.join(", ")))?;
    for flag in host::cross_flags(arch) {
        // SAFETY: a setting of the target's code generator, checked against
        // the host when the code is loaded there.
        unsafe { c.cranelift_flag_enable(flag) };
    }
    Engine::new(&c).with_context(|| format!("cannot compile for {target}"))
}

/// The CPU of a target triple, as `std::env::consts::ARCH` names it on that
/// host; an error for CPUs the engine does not run on.
fn target_arch(target: &str) -> Result<&'static str> {
    Ok(match target.split('-').next().unwrap_or("") {
        "x86_64" => "x86_64",
        "aarch64" => "aarch64",
        "riscv64" | "riscv64gc" => "riscv64",
        _ => bail!("unsupported target `{target}`: try one of {}", HOSTS.join(", ")),
    })
}

/// The Wasmtime release the engine is built on (pinned in the workspace's
/// Cargo.toml; a test checks it against Cargo.lock), for `wali --version`.
pub const WASMTIME_VERSION: &str = "48.0.11";

/// The hosts the engine runs on and compiles for (docs/engine.md, "Hosts").
pub const HOSTS: [&str; 3] = ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu"];

fn config(async_signals: bool) -> Config {
    let mut c = Config::new();
    c.wasm_threads(true)
        .shared_memory(true)
        .wasm_exceptions(true)
        .epoch_interruption(async_signals)
        // The whole 32-bit space is reserved: the base never moves and
        // Wasmtime needs no bounds checks.
        .memory_reservation(MEMORY_RESERVATION)
        .memory_guard_size(MEMORY_GUARD)
        .memory_may_move(false);
    // Never used (no async calls), but Wasmtime wants it at least as large
    // as `max_wasm_stack`, which `engine_with_stack` sets (at most this).
    c.async_stack_size(stack::wasm_stack() + (64 << 10));
    c
}

/// The guest memory's reservation and the guard pages after it.
const MEMORY_RESERVATION: u64 = 1 << 32;
const MEMORY_GUARD: u64 = 32 << 20;

/// What a guest process gets: arguments, environment, tracing.
#[derive(Default)]
pub struct WaliCtx {
    argv: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    tracer: Option<trace::Tracer>,
    profile: bool,
    exec_options: Vec<String>,
    exe: Option<std::ffi::CString>,
    cache: Option<std::path::PathBuf>,
    precompiled: Option<std::path::PathBuf>,
    exit_directly: bool,
    signals_at_syscalls: bool,
    effort: Effort,
    policy: policy::Policy,
    /// The `--strace` file, which an exec'd engine must be able to reopen under Landlock.
    trace_path: Option<std::path::PathBuf>,
    /// Directories granted to a WASI program.
    preopens: Vec<wasi::Preopen>,
    /// The embedder's own import modules, with what defines them.
    host_modules: Vec<(String, HostModule)>,
    /// The embedder's engine (`None`: one made for the module).
    engine: Option<WaliEngine>,
}

/// Defines an embedder's host functions in the linker a module is instantiated with.
pub type HostModule = Box<dyn Fn(&mut Linker<Ctx>) -> Result<()> + Send + Sync>;

/// Builds a `WaliCtx`.
#[derive(Default)]
pub struct WaliCtxBuilder(WaliCtx);

impl WaliCtx {
    /// Starts an empty context: no arguments, no environment, no limits.
    pub fn builder() -> WaliCtxBuilder {
        WaliCtxBuilder::default()
    }
}

impl WaliCtxBuilder {
    /// Appends one argument (the first one is the program's `argv[0]`).
    pub fn arg(&mut self, arg: impl AsRef<[u8]>) -> &mut Self {
        self.0.argv.push(arg.as_ref().to_vec());
        self
    }

    /// Sets an environment variable, replacing an earlier value. A value
    /// holding a newline reaches only modules that read the environment file
    /// NUL-separated (`syscalls::aux::ENV_NUL_EXPORT`); for others it is left
    /// out, as their file has one variable per line.
    pub fn env(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> &mut Self {
        let (key, value) = (key.as_ref(), value.as_ref());
        if key.contains(&b'\n') || key.contains(&b'=') || key.is_empty() || key.contains(&0) || value.contains(&0) {
            return self;
        }
        self.0.env.retain(|v| !(v.starts_with(key) && v.get(key.len()) == Some(&b'=')));
        self.0.env.push([key, b"=", value].concat());
        self
    }

    /// Adds the engine's own environment.
    pub fn inherit_env(&mut self) -> &mut Self {
        use std::os::unix::ffi::OsStrExt;
        for (k, v) in std::env::vars_os() {
            self.env(k.as_bytes(), v.as_bytes());
        }
        self
    }

    /// Traces every call to standard error.
    pub fn strace_stderr(&mut self) -> &mut Self {
        self.0.tracer = Some(trace::Tracer::stderr());
        self
    }

    /// Traces every call into a file (appended to when `append`).
    pub fn strace_file(&mut self, path: &std::path::Path, append: bool) -> Result<&mut Self> {
        let t = trace::Tracer::file(path, append).with_context(|| format!("cannot open trace file {}", path.display()))?;
        self.0.tracer = Some(t);
        self.0.trace_path = std::path::absolute(path).ok();
        Ok(self)
    }

    /// The module's file: the guest's `/proc/self/exe` names it (made
    /// absolute), and `execve` of that link runs the module again
    /// (docs/engine.md, "How the process looks").
    pub fn module_path(&mut self, path: &std::path::Path) -> &mut Self {
        use std::os::unix::ffi::OsStrExt;
        let path = std::fs::canonicalize(path).or_else(|_| std::path::absolute(path));
        self.0.exe = path.ok().and_then(|p| std::ffi::CString::new(p.as_os_str().as_bytes()).ok());
        self
    }

    /// Counts and times every call, and prints a summary when the process
    /// exits or execs (`wali run --profile`, docs/engine.md "Tracing").
    pub fn profile(&mut self) -> &mut Self {
        self.0.profile = true;
        self
    }

    /// An engine command-line option to repeat when the guest `execve`s another module.
    pub fn exec_option(&mut self, opt: impl Into<String>) -> &mut Self {
        self.0.exec_options.push(opt.into());
        self
    }

    /// Keeps compiled modules in `dir` (see `cache`); without it, or without
    /// the kernel keyring that authenticates them, every run compiles.
    pub fn cache_dir(&mut self, dir: impl Into<std::path::PathBuf>) -> &mut Self {
        self.0.cache = Some(dir.into());
        self
    }

    /// Takes compiled code from `dir`, written there by `precompile_for`
    /// (`wali compile --target`), before the cache. Its files are not
    /// authenticated (they are for hosts without a keyring, such as
    /// emulators): only name a directory no guest can write.
    pub fn precompiled_dir(&mut self, dir: impl Into<std::path::PathBuf>) -> &mut Self {
        self.0.precompiled = Some(dir.into());
        self
    }

    /// When the program exits, end the host process immediately with its
    /// status (for a runner whose process is the guest's) instead of
    /// returning `Outcome::Exited` after tearing the instance down.
    pub fn exit_directly(&mut self) -> &mut Self {
        self.0.exit_directly = true;
        self
    }

    /// Runs the guest's signal handlers only when it makes a syscall: the
    /// module is compiled without the epoch checks that let a handler
    /// interrupt code that makes none (see `new_engine`), which is faster
    /// but leaves such a loop uninterruptible by its own handlers.
    pub fn signals_at_syscalls(&mut self) -> &mut Self {
        self.0.signals_at_syscalls = true;
        self
    }

    /// How hard to compile the module (when it is not cached already for
    /// that effort): `Effort::Thorough` for `wali run -O3`.
    pub fn effort(&mut self, effort: Effort) -> &mut Self {
        self.0.effort = effort;
        self
    }

    /// Denies an import (`openat`, `SYS_openat`) or a group (`@net`, see
    /// `policy::GROUPS`): the guest's calls return `-EPERM` (see
    /// `deny_errno`) without reaching the kernel. Later rules override earlier ones.
    pub fn deny(&mut self, sel: &str) -> Result<&mut Self> {
        self.0.policy.deny(sel).map_err(wasmtime::Error::msg)?;
        Ok(self)
    }

    /// Allows an import or a group again (after a `deny`).
    pub fn allow(&mut self, sel: &str) -> Result<&mut Self> {
        self.0.policy.allow(sel).map_err(wasmtime::Error::msg)?;
        Ok(self)
    }

    /// The errno denied calls return (default `EPERM`).
    pub fn deny_errno(&mut self, errno: i32) -> &mut Self {
        self.0.policy.deny_errno = errno;
        self
    }

    /// Confines the file system to the given trees (Landlock); the first
    /// call switches confinement on. The path must exist. `run` applies the
    /// restriction to the calling thread (and the threads and processes it
    /// starts) for good: embedders should call it on a thread of its own.
    pub fn dir(&mut self, path: impl AsRef<std::path::Path>, read_only: bool) -> Result<&mut Self> {
        self.0.policy.dir(path.as_ref(), read_only).map_err(wasmtime::Error::msg)?;
        Ok(self)
    }

    /// Grants a WASI program the directory `host`, which it sees as `guest`
    /// (docs/wasi.md). Nothing else of the file system is reachable from a
    /// WASI program; WALI programs ignore this (see `dir`).
    pub fn preopen_dir(&mut self, host: impl Into<std::path::PathBuf>, guest: &str, read_only: bool) -> &mut Self {
        self.0.preopens.push(wasi::Preopen { host: host.into(), guest: guest.to_string(), read_only });
        self
    }

    /// The embedder's own host functions for the module's imports from
    /// `module` (any name but `wali`): `define` adds them to the linker the
    /// module is instantiated with (`linker.func_wrap(module, name, ...)`),
    /// and the module's threads get them too. Their `Caller` gives the
    /// thread's `Ctx`, whose `read_guest`/`write_guest` reach its memory. A
    /// module the guest `execve`s runs in a new engine without them.
    pub fn host_module(
        &mut self,
        module: &str,
        define: impl Fn(&mut Linker<Ctx>) -> Result<()> + Send + Sync + 'static,
    ) -> &mut Self {
        self.0.host_modules.push((module.to_string(), Box::new(define)));
        self
    }

    /// Runs the module on the embedder's engine instead of one made for it.
    /// Its signal mode applies: on an engine made without `async_signals`, a
    /// guest's signal handlers run at its next syscall (as with
    /// `signals_at_syscalls`). Compiled code is cached per engine
    /// configuration, as for the engine's own.
    pub fn engine(&mut self, engine: WaliEngine) -> &mut Self {
        self.0.engine = Some(engine);
        self
    }

    /// Caps the linear memory (rounded down to 64 KiB pages).
    pub fn max_memory(&mut self, bytes: u64) -> &mut Self {
        self.0.policy.max_memory = Some(bytes);
        self
    }

    /// At most `n` guest threads alive at once, the main thread included.
    pub fn max_threads(&mut self, n: usize) -> &mut Self {
        self.0.policy.max_threads = Some(n);
        self
    }

    /// The context built so far; leaves the builder empty.
    pub fn build(&mut self) -> WaliCtx {
        std::mem::take(&mut self.0)
    }
}

/// How a guest run ended.
#[derive(Debug)]
pub enum Outcome {
    /// The program exited with this status.
    Exited(i32),
    /// The program trapped or did something the engine cannot continue from;
    /// the message explains it (with a Wasm backtrace for traps).
    Trapped(String),
}

/// Compiles a module into the cache in `dir` ahead of time, as `run` with
/// `signals_at_syscalls` (see `WaliCtxBuilder`) will want it; returns the entry's path.
pub fn precompile(
    wasm: &[u8],
    dir: &std::path::Path,
    name: &str,
    signals_at_syscalls: bool,
    effort: Effort,
) -> Result<std::path::PathBuf> {
    let parsed = module::parse(wasm)?;
    let engine = new_engine_with(parsed.uses_signal_handlers() && !signals_at_syscalls, effort)?;
    let cache = cache::Cache::open(dir).context(
        "the compile cache needs the kernel's user keyring (keyctl), which is unavailable here: \
         `wali run` compiles every time",
    )?;
    cache::load(&engine, Some(&cache), wasm, &parsed, name, None).map_err(explain_compile_error)?;
    if parsed.kind().is_wasi() {
        cache::load(&engine, Some(&cache), wasi::layer_bytes(), &wasi::layer()?, "wasi-layer", None)?;
    }
    Ok(cache.entry(&engine, wasm))
}

/// Why a module without `_start` does not run.
const NO_START: &str = "the module has no `_start` function to run (is it a library, or not a WALI program?)";

/// Whether `run` can run `wasm` as a program, and what kind it is: a WALI
/// module, or a WASI command, that exports `_start` and imports only what
/// the engine defines (checked as `run` links it). The error says why not.
pub fn check_program(wasm: &[u8]) -> Result<module::Kind> {
    let parsed = module::parse(wasm)?;
    let kind = parsed.kind();
    match kind {
        module::Kind::WasiReactor => bail!("the module is a WASI reactor (a library: it has no `_start`), not a program"),
        module::Kind::WasiCommand => wasi::check_program(&parsed)?,
        module::Kind::Wali => {
            if !parsed.features.exports.iter().any(|e| e == "_start") {
                bail!("{NO_START}");
            }
            link::define_imports(&mut Linker::new(&new_engine(false)?), &parsed.imports, &policy::Policy::default(), &[])?;
        }
    }
    Ok(kind)
}

/// Compiles a module for another host into `dir`, for `wali run
/// --precompiled dir` there (`cache::Precompiled`); returns the file written.
pub fn precompile_for(target: &str, wasm: &[u8], dir: &std::path::Path, signals_at_syscalls: bool) -> Result<std::path::PathBuf> {
    let parsed = module::parse(wasm)?;
    let async_signals = parsed.uses_signal_handlers() && !signals_at_syscalls;
    let engine = new_cross_engine(async_signals, target)?;
    let mut files = write_precompiled(&engine, target_arch(target)?, wasm, parsed, dir, async_signals, true)?;
    Ok(files.swap_remove(0))
}

/// Compiles a module for this host into `dir`, with this host's CPU
/// features, unless `dir` has it already (a container runtime's cache of
/// images' code); returns the files `run` with `precompiled_dir(dir)` reads
/// for it: the module's, then the WASI layer's for a WASI program.
pub fn precompile_here(wasm: &[u8], dir: &std::path::Path, signals_at_syscalls: bool) -> Result<Vec<std::path::PathBuf>> {
    let parsed = module::parse(wasm)?;
    let async_signals = parsed.uses_signal_handlers() && !signals_at_syscalls;
    let engine = new_engine(async_signals)?;
    write_precompiled(&engine, std::env::consts::ARCH, wasm, parsed, dir, async_signals, false)
}

/// Writes `engine`'s code for a module (and for a WASI program the layer it
/// runs with, in the same mode) into `dir`; with `replace` false, keeps files
/// already there.
fn write_precompiled(
    engine: &Engine,
    arch: &str,
    wasm: &[u8],
    parsed: module::Parsed,
    dir: &std::path::Path,
    async_signals: bool,
    replace: bool,
) -> Result<Vec<std::path::PathBuf>> {
    let is_wasi = parsed.kind().is_wasi();
    let mut units = vec![(wasm, parsed)];
    if is_wasi {
        units.push((wasi::layer_bytes(), wasi::layer()?));
    }
    let mut files = Vec::new();
    for (wasm, parsed) in units {
        let path = cache::Precompiled::new(dir).path(wasm, arch, async_signals);
        if replace || !path.exists() {
            let compiled = engine.precompile_module(&module::rewrite(wasm, &parsed)?).map_err(explain_compile_error)?;
            cache::Precompiled::write(&path, &compiled).with_context(|| format!("cannot write {}", path.display()))?;
        }
        files.push(path);
    }
    Ok(files)
}

/// Loads, links and runs a WALI module to completion.
/// The module's bytes are dropped once it is instantiated: they are not
/// needed while it runs.
pub fn run(wasm: Vec<u8>, ctx: WaliCtx) -> Result<Outcome> {
    let Instantiated { mut store, instance, .. } = instantiate(&wasm, ctx)?;
    drop(wasm);
    let start = instance.get_typed_func::<(), ()>(&mut store, "_start").map_err(|_| match instance.get_func(&mut store, "_initialize") {
        Some(_) => wasmtime::format_err!(
            "the module is a WASI reactor (a library: it has no `_start`); call one of its functions with \
             `wali run --invoke NAME`"
        ),
        None => wasmtime::format_err!("{NO_START}"),
    })?;
    Ok(match start.call(&mut store, ()) {
        Ok(()) => {
            // Returning from `_start` is exit(0) (WASI programs do; a C
            // library calls `__proc_exit`, which reports this itself).
            store.data().proc.report_profile("exit status 0");
            Outcome::Exited(0)
        }
        Err(e) if c_stack_overflowed(&mut store, &instance, &e) => match outcome(e) {
            Outcome::Trapped(m) => Outcome::Trapped(format!(
                "the C stack in linear memory overflowed (its size is set at link time: \
                 -Wl,-z,stack-size=BYTES; wali-cc's is 16 MiB)\n{m}"
            )),
            exited => exited,
        },
        Err(e) => outcome(e),
    })
}

/// Instantiates a module and calls its export `name` with `args`, read as
/// its parameter types (integers, floats): for WASI reactors (`_initialize`
/// runs first) and any module's exported functions. Returns how it ended
/// and, when it returned, its results.
pub fn invoke(wasm: Vec<u8>, ctx: WaliCtx, name: &str, args: &[String]) -> Result<(Outcome, Vec<wasmtime::Val>)> {
    use wasmtime::{Val, ValType};
    let Instantiated { mut store, instance, .. } = instantiate(&wasm, ctx)?;
    drop(wasm);
    let func = instance.get_func(&mut store, name).with_context(|| format!("the module exports no function `{name}`"))?;
    let ty = func.ty(&store);
    if ty.params().len() != args.len() {
        bail!("`{name}` takes {} arguments, {} given", ty.params().len(), args.len());
    }
    let mut params = Vec::new();
    for (t, a) in ty.params().zip(args) {
        let bad = || wasmtime::format_err!("`{name}`: argument `{a}` is not a valid {t}");
        params.push(match t {
            ValType::I32 => Val::I32(a.parse::<i32>().or_else(|_| a.parse::<u32>().map(|v| v as i32)).map_err(|_| bad())?),
            ValType::I64 => Val::I64(a.parse::<i64>().or_else(|_| a.parse::<u64>().map(|v| v as i64)).map_err(|_| bad())?),
            ValType::F32 => Val::F32(a.parse::<f32>().map_err(|_| bad())?.to_bits()),
            ValType::F64 => Val::F64(a.parse::<f64>().map_err(|_| bad())?.to_bits()),
            _ => bail!("`{name}` takes a {t} parameter, which cannot be given on the command line"),
        });
    }
    if let Ok(init) = instance.get_typed_func::<(), ()>(&mut store, "_initialize") {
        if let Err(e) = init.call(&mut store, ()) {
            return Ok((outcome(e), Vec::new()));
        }
    }
    let mut results = vec![Val::I32(0); ty.results().len()];
    Ok(match func.call(&mut store, &params, &mut results) {
        Ok(()) => (Outcome::Exited(0), results),
        Err(e) => (outcome(e), Vec::new()),
    })
}

/// Whether a trap is the main C stack overflowing: the stack lies first in
/// linear memory and grows down, so past its end `__stack_pointer` wraps
/// below 0, beyond the memory, and the next access is out of bounds.
fn c_stack_overflowed(store: &mut wasmtime::Store<Ctx>, instance: &wasmtime::Instance, e: &wasmtime::Error) -> bool {
    if e.downcast_ref::<wasmtime::Trap>() != Some(&wasmtime::Trap::MemoryOutOfBounds) {
        return false;
    }
    let sp = instance.get_global(&mut *store, "__stack_pointer").and_then(|g| g.get(&mut *store).i32());
    sp.is_some_and(|sp| sp as u32 as usize >= store.data().mem.size())
}

/// A module instantiated exactly as `run` does it, before `_start`: for
/// embedders (and `wali-fuzz`) that call the module's exports themselves.
pub struct Instantiated {
    /// The main guest thread's store, holding its `Ctx`.
    pub store: wasmtime::Store<Ctx>,
    /// The module's instance, whose exports the embedder calls.
    pub instance: wasmtime::Instance,
    /// The guest's linear memory (`None` when the module defines none).
    pub memory: Option<SharedMemory>,
}

/// Loads and links a WALI module and instantiates it (data segments
/// copied, policy applied), without running `_start`.
///
/// The guest runs on the calling thread's native stack. Its Wasm frames may
/// take what a native main thread has (the soft `RLIMIT_STACK`, see
/// docs/engine.md) or, on a thread whose stack cannot hold that and 1 MiB
/// more, what it can: the process's main thread is grown here; another
/// thread's stack (an embedder's) limits its guest's recursion.
pub fn instantiate(wasm: &[u8], mut ctx: WaliCtx) -> Result<Instantiated> {
    let max_wasm_stack = stack::reserve().map_err(wasmtime::Error::msg)?;
    let parsed = module::parse(wasm)?;
    // A WASI program runs through the layer (`wasi`), which makes the WALI calls.
    let layer = match parsed.kind().is_wasi() {
        true => {
            wasi::check_program(&parsed)?;
            Some(wasi::layer()?)
        }
        false => None,
    };
    let wali_imports = layer.as_ref().map_or(&parsed.imports, |l| &l.imports);
    let (engine, async_signals) = match ctx.engine.take() {
        Some(e) if e.max_wasm_stack > max_wasm_stack => bail!(
            "this thread's stack holds {max_wasm_stack} bytes of Wasm frames, less than the engine's max_wasm_stack \
             ({}): run the guest on a thread with a larger stack, or make the engine with a smaller max_wasm_stack",
            e.max_wasm_stack
        ),
        Some(e) => (e.engine, e.async_signals),
        None => {
            let async_signals = parsed.uses_signal_handlers() && !ctx.signals_at_syscalls;
            (engine_with_stack(async_signals, ctx.effort, max_wasm_stack)?, async_signals)
        }
    };
    let engine = &engine;
    let mut linker = Linker::new(engine);
    let mut host_modules = Vec::new();
    for (name, define) in &ctx.host_modules {
        define(&mut linker).with_context(|| format!("defining the host functions of `{name}`"))?;
        host_modules.push(name.clone());
    }
    link::define_imports(&mut linker, wali_imports, &ctx.policy, &host_modules)?;
    // Compiler worker threads must not receive the guest's signals.
    let blocked = signal::BlockAll::new();
    let name = ctx.argv.first().map(|a| String::from_utf8_lossy(a).into_owned()).unwrap_or_default();
    let cache = ctx.cache.as_deref().and_then(cache::Cache::open);
    let precompiled = ctx.precompiled.as_deref().map(cache::Precompiled::new);
    let precompiled = precompiled.as_ref().map(|p| (p, async_signals));
    let module = cache::load(engine, cache.as_ref(), wasm, &parsed, &name, precompiled).map_err(explain_compile_error)?;
    let layer_module = match &layer {
        Some(l) => Some(cache::load(engine, cache.as_ref(), wasi::layer_bytes(), l, "wasi-layer", precompiled)?),
        None => None,
    };
    drop(blocked);
    let proc_dir = open::proc_dir();
    if layer.is_some() {
        // The layer's own entries first; the program's may not imitate them.
        let mut env = wasi::open_preopens(&ctx.preopens)?;
        env.extend(ctx.env.drain(..).filter(|v| !v.starts_with(wasi::RESERVED_PREFIX)));
        ctx.env = env;
    }
    // From here on the guest's file system is confined (when --dir was given,
    // and for WASI programs always: to their preopens).
    let engine_reads: Vec<&std::path::Path> = ctx.cache.iter().chain(&ctx.precompiled).map(|p| p.as_path()).collect();
    match layer {
        Some(_) => {
            for p in &ctx.preopens {
                ctx.policy.dir(&p.host, p.read_only).map_err(wasmtime::Error::msg)?;
            }
            ctx.policy.confine_wasi(&engine_reads, ctx.trace_path.as_deref())
        }
        None => ctx.policy.apply_landlock(&engine_reads, ctx.trace_path.as_deref()),
    }
    .map_err(wasmtime::Error::msg)?;

    let (min, max) = parsed.memory.map_or((0, 0), |m| m.limits());
    let mut max = ctx.policy.memory_pages(min, max).map_err(wasmtime::Error::msg)?;
    if layer.is_some() {
        max = max.min(wasi::PROGRAM_PAGES);
    }
    let shared = SharedMemory::new(engine, MemoryType::shared(min as u32, max as u32))
        .context("cannot create the guest memory")?;
    faults::guest_memory(shared.data().as_ptr().cast(), (MEMORY_RESERVATION + MEMORY_GUARD) as usize);
    load_data(&shared, &parsed.data)?;
    let max_bytes = (max as usize) << 16;
    let window = layer.as_ref().map(|l| wasi::open_window(&shared, l).map(|()| wasi::window())).transpose()?;
    // Page states cover the window too, for the engine's access to it.
    let pages = Arc::new(memory::PageMap::new(window.as_ref().map_or(max_bytes, |w| w.end)));
    let mut engine_fds = vec![proc_dir];
    engine_fds.extend(ctx.tracer.as_ref().and_then(|t| t.fd));
    // The environment is read by the layer, for a WASI program.
    let env_nul = layer.as_ref().unwrap_or(&parsed).features.exports.iter().any(|e| e == syscalls::aux::ENV_NUL_EXPORT);
    let proc = Arc::new(ctx::Process {
        mmap: mmap::Mmap::new(max_bytes),
        argv: ctx.argv,
        env: ctx.env,
        env_nul,
        envfd: AtomicI32::new(-1),
        tracer: ctx.tracer,
        profile: ctx.profile.then(profile::Profile::new),
        warned: Mutex::new(Default::default()),
        fds: fds::EngineFds::new(engine_fds),
        proc_dir,
        signals: signal::Signals::new(engine),
        exec_options: ctx.exec_options,
        exe: ctx.exe,
        spawner: Default::default(),
        threads: thread::Threads::started_here(),
        exit_directly: ctx.exit_directly,
        async_signals,
        uses: ctx.policy.uses(),
        // A WASI program's metadata calls are held to its preopens too, even with none.
        trees: confine::Trees::new(&ctx.policy.dirs, layer.is_some()),
        max_threads: ctx.policy.max_threads,
    });
    let memory_view = || {
        let mut mem = memory::GuestMemory::new(shared.clone(), pages.clone());
        if let Some(w) = &window {
            mem.open_window(w.clone());
        }
        mem
    };
    let cx = Ctx::new(memory_view(), proc.clone());
    let mut store = thread::new_store(engine, cx);
    if parsed.memory.is_some() {
        linker.define(&store, module::MEMORY_MODULE, module::MEMORY_NAME, shared.clone())?;
        intrinsics::define(&mut linker)?;
    }
    if let Some(compiled) = &layer_module {
        let layer = wasi::link(&mut linker, Ctx::new(memory_view(), proc.clone()), compiled, &parsed)?;
        store.data_mut().wasi = Some(layer);
    }
    let pre = linker.instantiate_pre(&module)?;
    let memory = parsed.memory.is_some().then(|| shared.clone());
    let _ = proc.spawner.set(thread::Spawner { engine: engine.clone(), pre: pre.clone(), shared, pages });
    let instance = pre.instantiate(&mut store).map_err(|e| stopped(e, "starting the module"))?;
    store.data_mut().table = instance.get_table(&mut store, module::TABLE_EXPORT);
    Ok(Instantiated { store, instance, memory })
}

/// Copies the active data segments into the memory (once per process).
fn load_data(mem: &SharedMemory, data: &[(u32, Vec<u8>)]) -> Result<()> {
    let all = mem.data();
    for (offset, bytes) in data {
        let end = (*offset as usize).checked_add(bytes.len());
        if end.is_none_or(|e| e > all.len()) {
            bail!("a data segment at {offset:#x} ({} bytes) does not fit in the module's initial memory", bytes.len());
        }
        // SAFETY: in bounds, and no guest code runs yet.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), all[*offset as usize].get(), bytes.len()) };
    }
    Ok(())
}

fn explain_compile_error(e: wasmtime::Error) -> wasmtime::Error {
    let msg = format!("{e:#}");
    if msg.contains("legacy exceptions") || msg.contains("legacy_exceptions") {
        return e.context(
            "the module uses the legacy exception-handling encoding; rebuild it with \
             `-mllvm -wasm-use-legacy-eh=false` (wali-cc does this)",
        );
    }
    if msg.contains("SIMD support is not enabled") && !host::simd() {
        return e.context(
            "the module uses Wasm SIMD, which Wasmtime compiles on riscv64 only for CPUs \
             with the vector extension (V), and this one has none",
        );
    }
    e.context("the module failed to compile")
}

fn stopped(e: wasmtime::Error, what: &str) -> wasmtime::Error {
    match outcome(e) {
        Outcome::Exited(c) => wasmtime::format_err!("the program exited with status {c} while {what}"),
        Outcome::Trapped(m) => wasmtime::format_err!("{what}: {m}"),
    }
}

/// Prints `wali: MESSAGE` on stderr. Not `eprintln!`: stderr is the guest's
/// descriptor 2, which it may have left unwritable (a full non-blocking pipe),
/// and `eprintln!` would then panic; the message is dropped instead.
pub(crate) fn say(msg: std::fmt::Arguments) {
    // Written directly, not through std's stderr lock: a fork while another
    // thread held that lock would leave the child unable to say anything.
    let line = format!("wali: {msg}\n");
    let mut rest = line.as_bytes();
    while !rest.is_empty() {
        let n = unsafe { libc::write(2, rest.as_ptr().cast(), rest.len()) };
        if n <= 0 {
            return;
        }
        rest = &rest[n as usize..];
    }
}

/// Turns the error that ended a guest call into an outcome.
pub fn outcome(e: wasmtime::Error) -> Outcome {
    if let Some(stop) = e.downcast_ref::<syscalls::Stop>() {
        return match stop {
            syscalls::Stop::Exit(code) => Outcome::Exited(*code),
            syscalls::Stop::Fatal(msg) => Outcome::Trapped(msg.clone()),
        };
    }
    let mut msg = match e.downcast_ref::<wasmtime::Trap>() {
        Some(trap) => match e.downcast_ref::<intrinsics::TrapAt>() {
            Some(at) => format!("trap: {trap} ({at})"),
            None => format!("trap: {trap}"),
        },
        None => format!("{:#}", e.root_cause()),
    };
    if let Some(bt) = e.downcast_ref::<wasmtime::WasmBacktrace>() {
        msg.push('\n');
        msg.push_str(bt.to_string().trim_end());
    }
    Outcome::Trapped(msg)
}

#[cfg(test)]
mod tests {
    #[test]
    fn wasmtime_version_is_the_one_built() {
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock")).unwrap();
        let entry = format!("name = \"wasmtime\"\nversion = \"{}\"", super::WASMTIME_VERSION);
        assert!(lock.contains(&entry), "WASMTIME_VERSION differs from Cargo.lock's wasmtime");
    }
}
