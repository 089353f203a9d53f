//! Running WASI preview-1 programs (docs/wasi.md). WASI is not implemented
//! here: the engine links the program to the WASI layer, a WALI module built
//! from `wasi/layer` and embedded in the engine, which implements every
//! `wasi_snapshot_preview1` function with WALI calls. Its bugs stay inside
//! the sandbox. This file only places the layer and connects the two:
//! - one memory: the program's. Buffers pass between them uncopied;
//! - the layer's data and stack are linked in a window at the top of the
//!   32-bit space (`WINDOW`, from build.rs). The program's memory is capped
//!   below it, so no allocator of the program's can hand those pages out (a
//!   program may treat all memory up to its size as its own, and old
//!   wasi-libc does). The window is made accessible beyond the memory's
//!   size; plain loads and stores reach it because the memory's whole 4 GiB
//!   is reserved and Wasmtime checks no bounds (the engine's config);
//! - the program's `wasi_snapshot_preview1` imports call the layer's exports,
//!   which run in a store of their own (`Layer`);
//! - preopened directories are opened here, and passed to the layer as
//!   descriptors named in its environment (`PREOPEN_VAR`).

use crate::module::{self, MemoryDecl, Parsed, WASI_MODULE};
use crate::Ctx;
use std::path::PathBuf;
use wasmtime::error::Context;
use wasmtime::{bail, Func, Linker, Module, Result, SharedMemory, Store};

/// The layer, built by build.rs (empty when clang-22 was missing).
const LAYER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/wasi-layer.wasm"));
include!(concat!(env!("OUT_DIR"), "/wasi-window.rs"));
const SPACE: u64 = 1 << 32;
/// The pages below the window: a WASI program's memory can grow to this.
pub const PROGRAM_PAGES: u64 = WINDOW >> 16;
/// Environment entries for the layer, never shown to the program: the prefix
/// of all of them, and `PREOPEN=<fd>:<r|w>:<guest path>`, one per preopen in order.
pub const RESERVED_PREFIX: &[u8] = b"__WALI_WASI_";
const PREOPEN_VAR: &str = "__WALI_WASI_PREOPEN";

/// A directory granted to a WASI program.
pub struct Preopen {
    /// The directory on the host, which the engine opens for the layer.
    pub host: PathBuf,
    /// The path the program sees it as.
    pub guest: String,
    /// Whether the program may only read in it.
    pub read_only: bool,
}

/// The layer, parsed, with the memory it imports being the program's; an
/// error when this engine was built without it.
pub fn layer() -> Result<Parsed> {
    if LAYER.is_empty() {
        bail!(
            "this engine was built without its WASI layer (clang-22 and wasm-ld-22 were missing when \
             it was built): install them (`make deps`) and rebuild it"
        );
    }
    let mut layer = module::parse(LAYER)?;
    if layer.data.iter().any(|(at, bytes)| u64::from(*at) < WINDOW || u64::from(*at) + bytes.len() as u64 > SPACE) {
        bail!("the WASI layer's data lies outside its window");
    }
    // It links to whatever memory the program has (its own declaration
    // covers the window, which the memory's size never reaches).
    layer.memory = Some(MemoryDecl { min: 0, max: None, shared: true });
    Ok(layer)
}

/// The layer's module bytes as built (empty when built without it), for compiling it.
pub fn layer_bytes() -> &'static [u8] {
    LAYER
}

/// A WASI program may import only WASI functions.
pub fn check_program(parsed: &Parsed) -> Result<()> {
    for imp in &parsed.imports {
        if imp.module != WASI_MODULE || imp.func.is_none() {
            bail!(
                "the module imports `{}.{}` as well as WASI: a WASI program imports only `{WASI_MODULE}` \
                 functions, and a WALI program only `wali` ones",
                imp.module,
                imp.name
            );
        }
    }
    match parsed.memory {
        None => bail!("the WASI program defines no memory"),
        Some(m) if m.min > PROGRAM_PAGES => {
            bail!("the WASI program needs {} pages of memory at start; WASI programs may have {PROGRAM_PAGES}", m.min)
        }
        Some(_) => Ok(()),
    }
}

/// Opens the preopened directories as the process's descriptors and returns
/// the environment entries that tell the layer about them.
pub fn open_preopens(preopens: &[Preopen]) -> Result<Vec<Vec<u8>>> {
    use std::os::fd::IntoRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let mut vars = Vec::new();
    for p in preopens {
        let dir = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open(&p.host)
            .with_context(|| format!("--dir {}: cannot open the directory", p.host.display()))?;
        // Kept open for the program: the layer owns it from now on.
        let fd = dir.into_raw_fd();
        unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
        let mode = if p.read_only { 'r' } else { 'w' };
        vars.push(format!("{PREOPEN_VAR}={fd}:{mode}:{}", p.guest).into_bytes());
    }
    Ok(vars)
}

/// Makes the window accessible and copies the layer's data into it.
pub fn open_window(memory: &SharedMemory, layer: &Parsed) -> Result<()> {
    let base = memory.data().as_ptr() as *mut u8;
    // SAFETY: inside the memory's reservation (the whole 32-bit space, see
    // `MEMORY_RESERVATION`), which Wasmtime mapped inaccessible and never
    // touches above the maximum size, which is below the window.
    let window = unsafe { base.add(WINDOW as usize) };
    let r = unsafe { libc::mprotect(window.cast(), (SPACE - WINDOW) as usize, libc::PROT_READ | libc::PROT_WRITE) };
    if r != 0 {
        bail!("cannot make room for the WASI layer: {}", std::io::Error::last_os_error());
    }
    for (at, bytes) in &layer.data {
        // SAFETY: checked to lie in the window by `layer`; no guest code runs yet.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), base.add(*at as usize), bytes.len()) };
    }
    Ok(())
}

/// Where the WALI calls the layer makes may point besides the memory.
pub fn window() -> std::ops::Range<usize> {
    WINDOW as usize..SPACE as usize
}

/// The layer's instance, in a store of its own: Wasmtime counts a shared
/// memory imported into one store twice as two memories at one address, and
/// aborts the process at the first fault there (an out-of-bounds access).
/// The program's WASI imports are host functions that call into it.
pub struct Layer {
    store: Store<Ctx>,
    funcs: Vec<Func>,
}

/// Instantiates the layer in a store of its own over `cx` (the same process
/// and memory as the program's), runs its initialisation, and defines the
/// WASI functions the program imports as calls into it; the program's `Ctx`
/// must then hold the returned layer (`Ctx::wasi`).
pub fn link(linker: &mut Linker<Ctx>, cx: Ctx, compiled: &Module, program: &Parsed) -> Result<Box<Layer>> {
    let mut store = crate::thread::new_store(linker.engine(), cx);
    let instance = linker.instantiate(&mut store, compiled).map_err(|e| crate::stopped(e, "starting the WASI layer"))?;
    if let Ok(ctors) = instance.get_typed_func::<(), ()>(&mut store, "__wasm_call_ctors") {
        ctors.call(&mut store, ()).map_err(|e| crate::stopped(e, "starting the WASI layer"))?;
    }
    let init = instance.get_typed_func::<(), i32>(&mut store, "__wali_wasi_init").context("the WASI layer has no init")?;
    let status = init.call(&mut store, ()).map_err(|e| crate::stopped(e, "starting the WASI layer"))?;
    if status != 0 {
        bail!("the WASI layer could not start (status {status})");
    }
    let mut funcs = Vec::new();
    let mut defined = std::collections::HashSet::new();
    // A module may import one name more than once (AssemblyScript's shim does).
    for imp in program.imports.iter().filter(|i| defined.insert(i.name.as_str())) {
        let Some(func) = instance.get_func(&mut store, &imp.name) else {
            bail!("the program imports `{WASI_MODULE}.{}`, which is not a WASI preview 1 function", imp.name);
        };
        let index = funcs.len();
        funcs.push(func);
        let call = move |mut caller: wasmtime::Caller<'_, Ctx>, values: &mut [std::mem::MaybeUninit<wasmtime::ValRaw>]| {
            let layer = caller.data_mut().wasi.as_mut().context("the program runs without its WASI layer")?;
            // SAFETY: the import has the layer function's own type (below),
            // so `values` holds its parameters and has room for its results;
            // preview 1 passes integers only.
            unsafe { layer.funcs[index].call_unchecked(&mut layer.store, values as *mut [_] as *mut [wasmtime::ValRaw]) }
        };
        // SAFETY: `call` reads and writes `values` as that type says.
        unsafe { linker.func_new_unchecked(WASI_MODULE, &imp.name, func.ty(&store), call)? };
    }
    Ok(Box::new(Layer { store, funcs }))
}
