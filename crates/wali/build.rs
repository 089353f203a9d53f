//! Builds the WASI layer (`wasi/layer/*.c`, docs/wasi.md) into a Wasm module
//! the engine embeds: freestanding C whose data and stack are linked at the
//! top of the 32-bit space (`WINDOW`), above any memory the program can grow
//! to, so no allocator of the program's ever hands them out. It uses no bulk
//! memory instructions: those check bounds against the memory's size, which
//! the window lies beyond.
//!
//! Without clang-22 and wasm-ld-22 (`make deps` installs them) the engine is
//! built with an empty layer, and refuses WASI programs saying why.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the layer's data and stack begin: the last 1 MiB of the space.
const WINDOW: u64 = 0xfff0_0000;
/// The layer's stack (its calls nest only a few frames deep).
const STACK: u64 = 128 << 10;

const CFLAGS: &[&str] = &[
    "--target=wasm32",
    "-O2",
    "-fvisibility=hidden",
    "-mno-bulk-memory",
    "-mno-bulk-memory-opt",
    "-nostdlib",
    "-ffreestanding",
    "-Wall",
    "-Wextra",
    "-Werror",
];
const LDFLAGS: &[&str] = &["--no-entry", "-O2", "--strip-debug", "--no-stack-first"];

fn main() {
    let src = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../wasi/layer");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let layer = out.join("wasi-layer.wasm");
    std::fs::write(out.join("wasi-window.rs"), format!("const WINDOW: u64 = {WINDOW:#x};\n")).unwrap();
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-env-changed=WALI_CLANG");
    println!("cargo:rerun-if-env-changed=WALI_WASM_LD");
    if let Err(why) = build(&src, &out, &layer) {
        println!("cargo:warning=the WASI layer was not built ({why}); this engine will refuse WASI programs");
        std::fs::write(&layer, b"").unwrap();
    }
}

fn build(src: &Path, out: &Path, layer: &Path) -> Result<(), String> {
    let clang = std::env::var("WALI_CLANG").unwrap_or_else(|_| "clang-22".into());
    let wasm_ld = std::env::var("WALI_WASM_LD").unwrap_or_else(|_| "wasm-ld-22".into());
    let mut sources: Vec<PathBuf> = std::fs::read_dir(src)
        .map_err(|e| format!("{}: {e}", src.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    sources.sort();
    for s in &sources {
        println!("cargo:rerun-if-changed={}", s.display());
    }
    let sources: Vec<&PathBuf> = sources.iter().filter(|p| p.extension().is_some_and(|e| e == "c")).collect();
    if sources.is_empty() {
        return Err(format!("no C sources in {}", src.display()));
    }
    let mut objects = Vec::new();
    for s in sources {
        let obj = out.join(s.file_stem().unwrap()).with_extension("o");
        run(Command::new(&clang).args(CFLAGS).arg("-c").arg(s).arg("-o").arg(&obj))?;
        objects.push(obj);
    }
    let place = [format!("--global-base={WINDOW}"), "-z".into(), format!("stack-size={STACK}")];
    run(Command::new(&wasm_ld).args(LDFLAGS).args(place).arg("-o").arg(layer).args(&objects))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let name = cmd.get_program().to_string_lossy().into_owned();
    let out = cmd.output().map_err(|e| format!("cannot run {name}: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("{name} failed: {}", err.lines().next().unwrap_or("")));
    }
    Ok(())
}
