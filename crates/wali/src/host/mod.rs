//! Where the host kernel differs from the interface. WALI fixes x86_64's
//! syscall set, flag values and struct layouts; aarch64 and riscv64 kernels
//! differ in a few of them. Each kind of difference is handled in one file
//! here, and the handlers in `syscalls/` never decide per CPU themselves
//! (docs/engine.md, "Hosts", has the table):
//! - `legacy`: calls the generic syscall table lacks (`open`'s family,
//!   `pipe`, `dup2`, `poll`, `select`, `epoll_wait`...), issued as their
//!   newer forms on every host, x86_64 included, so one code path is tested;
//! - `layout`: structs whose host layout differs (`struct stat`,
//!   `struct epoll_event`);
//! - `flags`: flag words whose bits differ (open flags on aarch64);
//! - `signal`: the kernel's `struct sigaction` and how a handler returns;
//! - `same`: compile-time proof that every other value the engine passes
//!   through unchanged is the interface's on this host;
//! - here: what the CPU itself lacks (Wasm SIMD on riscv64 without V).

pub mod flags;
pub mod layout;
pub mod legacy;
mod same;
pub mod signal;

/// Whether Wasmtime can compile Wasm SIMD for this CPU: on riscv64 only
/// with the vector extension (the hardware capability bit `V`, which
/// Cranelift also reads); without it Cranelift fails on the first v128
/// store, so such modules are refused before compiling.
pub fn simd() -> bool {
    #[cfg(target_arch = "riscv64")]
    {
        // SAFETY: reads the auxiliary vector.
        unsafe { libc::getauxval(libc::AT_HWCAP) & (1 << (b'V' - b'A')) != 0 }
    }
    #[cfg(not(target_arch = "riscv64"))]
    true
}

/// Cranelift settings a compiler for `arch` (another host) needs beyond
/// the target's baseline: riscv64's baseline has no vector unit, and
/// modules built by wali-cc use SIMD, so code compiled ahead for riscv64
/// requires V with 128-bit vectors (the host checks this when loading it).
pub fn cross_flags(arch: &str) -> &'static [&'static str] {
    match arch {
        "riscv64" => &["has_v", "has_zvl128b"],
        _ => &[],
    }
}
