//! Embedding the engine: a host program runs a WALI module on a Wasmtime
//! engine of its own, with host functions of its own, and gets the module's
//! exit status back instead of the engine ending the process.
//!
//! ```sh
//! toolchain/wali-cc -O2 examples/embed-guest.c -o build/embed-guest.wasm
//! cargo run --release --workspace --example embed -- build/embed-guest.wasm 20 22
//! ```
//!
//! The guest imports `host.add` and `host.log` (examples/embed-guest.c);
//! everything else it does is ordinary WALI (printf, files, exit).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wali::wasmtime::Caller;

fn main() -> wali::wasmtime::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: embed GUEST.wasm ARGS...");
        std::process::exit(2);
    };
    let wasm = std::fs::read(path)?;
    // The host's own state, shared with its functions (and the guest's threads).
    let logged = Arc::new(AtomicUsize::new(0));
    let counter = logged.clone();

    // The host's engine (epoch checks on, so guest signal handlers can
    // interrupt loops); it could serve other guests and the host's own modules.
    let engine = wali::WaliEngine::new(true, wali::Effort::Fast, None, |_config| {
        // The host's settings that do not change compiled code go here
        // (a profiler, say); WaliEngine::new refuses ones that do.
    })?;

    let mut ctx = wali::WaliCtx::builder();
    ctx.engine(engine);
    for a in &args {
        ctx.arg(a);
    }
    ctx.env("GREETING", "hello from the host");
    ctx.host_module("host", move |linker| {
        linker.func_wrap("host", "add", |a: i32, b: i32| a.wrapping_add(b))?;
        let counter = counter.clone();
        linker.func_wrap("host", "log", move |caller: Caller<'_, wali::Ctx>, ptr: i32, len: i32| -> i32 {
            // Guest pointers are untrusted: read through the engine's checks.
            match caller.data().read_guest(ptr as u32, len as u32) {
                Some(bytes) => {
                    counter.fetch_add(1, Ordering::Relaxed);
                    println!("host: the guest says {:?}", String::from_utf8_lossy(&bytes));
                    0
                }
                None => -1,
            }
        })?;
        Ok(())
    });
    match wali::run(wasm, ctx.build())? {
        wali::Outcome::Exited(code) => {
            println!("host: the guest exited with status {code} after {} log calls", logged.load(Ordering::Relaxed));
            Ok(())
        }
        wali::Outcome::Trapped(msg) => {
            println!("host: the guest stopped: {msg}");
            std::process::exit(1)
        }
    }
}
