//! `wasi-run [--epoch] [--no-cache | --compile] [--isolated] [--dir HOST[::GUEST][:ro]]...
//!          [--env NAME=VALUE]... prog.wasm [args...]`
//!
//! Runs a WASI preview-1 program with Wasmtime's own WASI implementation
//! (`wasmtime-wasi`), configured like the WALI engine (`wali::new_engine`), so
//! bench/run can put WASI and WALI builds of the same program side by side on
//! the same Wasmtime.
//!
//! - `--epoch`: compile in the epoch checks (function entries, loop
//!   back-edges) that `wali` compiles in for modules with signal handlers, so
//!   the generated code matches; the deadline is never reached.
//! - The guest gets the caller's environment, standard streams, and the
//!   current directory preopened as `.` and `/` as `/`.
//! - `--dir HOST[::GUEST][:ro]` preopens HOST as GUEST (default: HOST itself),
//!   read-only with `:ro`; `--env NAME=VALUE` sets a variable (both repeat).
//! - `--isolated`: no inherited environment and no default preopens: the guest
//!   sees only what `--dir` and `--env` give (tests/wasi/run compares the WASI
//!   layer of `wali run` with this).
//! - The compiled module is kept next to the input (`prog.wasm.cwasm`, or
//!   `prog.wasm.epoch.cwasm`) and reused while it is newer than the input;
//!   `--no-cache` compiles anyway, `--compile` only fills that cache.
use std::path::{Path, PathBuf};
use wasmtime::error::Context;
use wasmtime::{bail, Config, Engine, Linker, Module, Result, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

/// The settings of `wali::new_engine(epoch)`.
fn engine(epoch: bool) -> Result<Engine> {
    let mut c = Config::new();
    c.wasm_threads(true)
        .shared_memory(true)
        .wasm_exceptions(true)
        .epoch_interruption(epoch)
        .memory_reservation(1 << 32)
        .memory_may_move(false);
    Engine::new(&c)
}

fn newer(a: &Path, b: &Path) -> bool {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((m(a), m(b)), (Some(x), Some(y)) if x >= y)
}

fn load(engine: &Engine, wasm: &Path, cwasm: &Path, cache: bool) -> Result<Module> {
    if cache && newer(cwasm, wasm) {
        // SAFETY: the file is one this program wrote with `Module::serialize`;
        // Wasmtime checks that it was made by a compatible engine.
        if let Ok(m) = unsafe { Module::deserialize_file(engine, cwasm) } {
            return Ok(m);
        }
    }
    let module = Module::from_file(engine, wasm)?;
    if cache {
        if let Ok(bytes) = module.serialize() {
            let tmp = cwasm.with_extension(format!("tmp{}", std::process::id()));
            if std::fs::write(&tmp, bytes).is_ok() {
                let _ = std::fs::rename(&tmp, cwasm);
            }
        }
    }
    Ok(module)
}

/// A `--dir` value: `HOST[::GUEST][:ro]`.
struct Preopen {
    host: String,
    guest: String,
    perms: FsPerms,
}

fn parse_dir(spec: &str) -> Result<Preopen> {
    let (rest, perms) = match spec.strip_suffix(":ro") {
        Some(r) => (r, FsPerms::ReadOnly),
        None => (spec, FsPerms::ReadWrite),
    };
    let (host, guest) = match rest.split_once("::") {
        Some((h, g)) => (h, g),
        None => (rest, rest),
    };
    if host.is_empty() || guest.is_empty() {
        bail!("--dir {spec}: expected HOST[::GUEST][:ro]");
    }
    Ok(Preopen { host: host.into(), guest: guest.into(), perms })
}

const USAGE: &str = "usage: wasi-run [--epoch] [--no-cache | --compile] [--isolated] \
                     [--dir HOST[::GUEST][:ro]]... [--env NAME=VALUE]... prog.wasm [args...]";

fn run() -> Result<i32> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let (mut epoch, mut cache, mut compile_only, mut isolated) = (false, true, false, false);
    let (mut dirs, mut envs) = (Vec::new(), Vec::new());
    while let Some(opt) = args.first().filter(|a| a.starts_with("--")).cloned() {
        args.remove(0);
        // `--opt value` or `--opt=value` for the options that take one
        let mut value = |name: &str| -> Result<String> {
            match opt.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                Some(v) => Ok(v.to_string()),
                None if args.is_empty() => bail!("{name} needs a value\n{USAGE}"),
                None => Ok(args.remove(0)),
            }
        };
        match opt.as_str() {
            "--" => break,
            "--epoch" => epoch = true,
            "--no-cache" => cache = false,
            "--compile" => compile_only = true,
            "--isolated" => isolated = true,
            o if o == "--dir" || o.starts_with("--dir=") => dirs.push(parse_dir(&value("--dir")?)?),
            o if o == "--env" || o.starts_with("--env=") => {
                let kv = value("--env")?;
                let Some((k, v)) = kv.split_once('=') else {
                    bail!("--env {kv}: expected NAME=VALUE");
                };
                envs.push((k.to_string(), v.to_string()));
            }
            _ => bail!("unknown option {opt}\n{USAGE}"),
        }
    }
    let Some(prog) = args.first().cloned() else {
        bail!("{USAGE}");
    };
    let wasm = Path::new(&prog);
    let cwasm = PathBuf::from(format!("{prog}{}.cwasm", if epoch { ".epoch" } else { "" }));
    let engine = engine(epoch)?;
    if compile_only {
        let _ = std::fs::remove_file(&cwasm);
    }
    let module = load(&engine, wasm, &cwasm, cache).with_context(|| format!("loading {prog}"))?;
    if compile_only {
        return Ok(0);
    }

    let mut wasi = WasiCtxBuilder::new();
    wasi.inherit_stdio().args(&args);
    if !isolated {
        wasi.inherit_env();
        wasi.preopened_dir(".", ".", FsPerms::ReadWrite)?;
        wasi.preopened_dir("/", "/", FsPerms::ReadWrite)?;
    }
    wasi.envs(&envs);
    for d in &dirs {
        wasi.preopened_dir(&d.host, &d.guest, d.perms)
            .with_context(|| format!("--dir {}", d.host))?;
    }
    let mut store = Store::new(&engine, wasi.build_p1());
    if epoch {
        store.set_epoch_deadline(u64::MAX / 2);
    }
    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx)?;
    let instance = linker.instantiate(&mut store, &module)?;
    let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
    match start.call(&mut store, ()) {
        Ok(()) => Ok(0),
        Err(e) => match e.downcast_ref::<I32Exit>() {
            Some(exit) => Ok(exit.0),
            None => Err(e),
        },
    }
}

fn main() {
    match run() {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("wasi-run: {e:?}");
            std::process::exit(134);
        }
    }
}
