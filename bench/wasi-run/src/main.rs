//! `wasi-run [--epoch] [--no-cache | --compile] prog.wasm [args...]`
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

fn run() -> Result<i32> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let (mut epoch, mut cache, mut compile_only) = (false, true, false);
    while let Some(opt) = args.first().filter(|a| a.starts_with("--")) {
        match opt.as_str() {
            "--epoch" => epoch = true,
            "--no-cache" => cache = false,
            "--compile" => compile_only = true,
            _ => bail!("unknown option {opt}"),
        }
        args.remove(0);
    }
    let Some(prog) = args.first().cloned() else {
        bail!("usage: wasi-run [--epoch] [--no-cache | --compile] prog.wasm [args...]");
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
    wasi.inherit_stdio().inherit_env().args(&args);
    wasi.preopened_dir(".", ".", FsPerms::ReadWrite)?;
    wasi.preopened_dir("/", "/", FsPerms::ReadWrite)?;
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
