//! `containerd-shim-wali-v1`, containerd's runtime `io.containerd.wali.v1`:
//! runs an image whose entrypoint is a WALI (or WASI) module as a container
//! (docs/containerd.md).
//!
//! containerd's own runc shim does the container work: namespaces, cgroups,
//! the user, mounts, logs, exit statuses and signals. What is WALI's is done
//! here before handing over to it: `start` adapts the container's bundle so
//! that its process is the `wali` engine running the entrypoint module
//! (`bundle`), and a hook that runc runs once the root file system is mounted
//! checks the module and compiles it into the cache (`hook`).

mod bundle;
mod hook;

use anyhow::{bail, Context, Result};
use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// containerd's shim for runc, which runs the adapted bundle.
const RUNC_SHIM: &str = "containerd-shim-runc-v2";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let result = match args.get(1).and_then(|a| a.to_str()) {
        Some("hook") => hook::run(&args[2..]),
        Some("--version") => {
            println!("containerd-shim-wali-v1 {} (wasmtime {})", env!("CARGO_PKG_VERSION"), wali::WASMTIME_VERSION);
            Ok(())
        }
        _ => hand_over(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("containerd-shim-wali-v1: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// containerd's call (`-namespace N -address A -id ID ... start|delete`):
/// `start` first adapts the bundle in the working directory; then the runc
/// shim takes over with the same arguments.
fn hand_over(args: &[OsString]) -> Result<()> {
    if args.len() < 2 {
        bail!("this is containerd's runtime io.containerd.wali.v1, started by containerd (docs/containerd.md)");
    }
    if args.last().is_some_and(|a| a == "start") {
        let settings = bundle::Settings::here()?;
        bundle::adapt(Path::new("."), &settings)?;
    }
    let runc_shim = in_path(RUNC_SHIM).with_context(|| format!("cannot find {RUNC_SHIM} (part of containerd) in PATH"))?;
    Err(std::process::Command::new(runc_shim).args(&args[1..]).exec()).context(RUNC_SHIM)
}

fn in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}
