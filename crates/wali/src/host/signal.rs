//! The kernel's `struct sigaction` and how a native handler returns, which
//! differ per host. The guest never sees either: its `sigaction` is the
//! interface's wasm32 k_sigaction, translated in `crate::signal`.
//! - x86_64 has no default return path: a handler must have `SA_RESTORER`
//!   and a restorer that calls `rt_sigreturn`.
//! - arm64 takes `SA_RESTORER` but without it returns through the vDSO's
//!   `__kernel_rt_sigreturn`; riscv has no `SA_RESTORER` and no restorer
//!   field at all (its `struct sigaction` is 24 bytes) and always uses the
//!   vDSO. Both are left to the kernel.

/// What the engine asks for one signal.
#[derive(Clone, Copy, Default, Debug)]
pub struct Sigaction {
    pub handler: usize,
    pub flags: u64,
    pub mask: u64,
}

#[cfg(not(target_arch = "riscv64"))]
#[repr(C)]
#[derive(Default)]
struct Kernel {
    handler: usize,
    flags: u64,
    restorer: usize,
    mask: u64,
}

#[cfg(target_arch = "riscv64")]
#[repr(C)]
#[derive(Default)]
struct Kernel {
    handler: usize,
    flags: u64,
    mask: u64,
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".pushsection .text.wali_restore_rt,\"ax\",@progbits",
    ".globl wali_restore_rt",
    "wali_restore_rt:",
    "mov rax, 15",
    "syscall",
    ".popsection",
);
#[cfg(target_arch = "x86_64")]
unsafe extern "C" {
    fn wali_restore_rt();
}

impl Kernel {
    fn from(a: &Sigaction) -> Kernel {
        // riscv's has no restorer field to default.
        #[allow(unused_mut, clippy::needless_update)]
        let mut k = Kernel { handler: a.handler, flags: a.flags, mask: a.mask, ..Default::default() };
        #[cfg(target_arch = "x86_64")]
        {
            const SA_RESTORER: u64 = 0x0400_0000;
            k.flags |= SA_RESTORER;
            k.restorer = wali_restore_rt as *const () as usize;
        }
        k
    }
}

/// `rt_sigaction` itself: the C library's wrapper refuses the signals it
/// reserves for its own threads (32 and 33), which guest C libraries use too.
pub fn rt_sigaction(sig: i32, new: Option<&Sigaction>, old: Option<&mut Sigaction>) -> i64 {
    let new = new.map(Kernel::from);
    let mut prev = Kernel::default();
    let newp = new.as_ref().map_or(std::ptr::null(), |k| k as *const Kernel);
    let oldp = if old.is_some() { &mut prev as *mut Kernel } else { std::ptr::null_mut() };
    let r = crate::sys::call!(SYS_rt_sigaction, sig, newp, oldp, 8);
    if let Some(o) = old {
        *o = Sigaction { handler: prev.handler, flags: prev.flags, mask: prev.mask };
    }
    r
}
