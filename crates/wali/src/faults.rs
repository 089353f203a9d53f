//! The engine's own signals: SIGSEGV, SIGBUS, SIGILL and SIGFPE.
//!
//! Wasmtime turns the faults of compiled Wasm code into traps with a handler
//! for SIGSEGV, SIGILL and SIGFPE. Around it the engine installs two more:
//! - **in front**, one that tells the kernel's faults from signals a process
//!   sent (`kill`, `tkill`, `tgkill`: `si_code <= 0`). Sent signals are the
//!   guest's: they follow the action it set (its Wasm handler runs, or the
//!   signal is ignored, or the process ends by it, as natively) and never
//!   reach Wasmtime, which would take one arriving during Wasm code for a
//!   fault of that code (and abort), or one arriving elsewhere for a crash
//!   (and uninstall itself);
//! - **behind**, the one Wasmtime hands faults outside Wasm code to: when the
//!   fault address lies in the guest's memory, the process ends with a trap's
//!   status and a message. Wasmtime's own functions for `memory.copy`,
//!   `memory.fill` and `memory.init` touch guest pages the guest may have
//!   unmapped or made read-only; the engine's own accesses never should.
//!
//! The guest can never block these signals (`unblockable`): the kernel would
//! turn a blocked fault signal into a crash.

use crate::signal::{SIG_DFL, SIG_IGN};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

/// The engine's signals.
pub const SIGNALS: [i32; 4] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE];

const fn bit(sig: i32) -> u64 {
    1 << (sig - 1)
}

/// The engine's signals in a signal set (bit `n - 1` for signal `n`).
const SET: u64 = bit(SIGNALS[0]) | bit(SIGNALS[1]) | bit(SIGNALS[2]) | bit(SIGNALS[3]);

/// A guest signal set with the engine's signals taken out.
pub fn unblockable(set: u64) -> u64 {
    set & !SET
}

fn index(sig: i32) -> Option<usize> {
    SIGNALS.iter().position(|&s| s == sig)
}

/// The guest's action for each signal (`SIG_DFL`, `SIG_IGN` or a table
/// index), readable from a signal handler.
static GUEST_ACTION: [AtomicI32; 4] = [const { AtomicI32::new(SIG_DFL) }; 4];

/// Records the guest's action for one of the engine's signals.
pub fn set_guest_action(sig: i32, handler: i32) {
    if let Some(i) = index(sig) {
        GUEST_ACTION[i].store(handler, Ordering::SeqCst);
    }
}

/// The guest's memory reservation, whole (size and guard pages included).
static MEMORY: [AtomicUsize; 2] = [const { AtomicUsize::new(0) }; 2];

/// Records where the guest's memory lies, for faults outside Wasm code.
pub fn guest_memory(base: *const u8, len: usize) {
    MEMORY[0].store(base as usize, Ordering::SeqCst);
    MEMORY[1].store(len, Ordering::SeqCst);
}

const NO_ACTION: libc::sigaction = unsafe { std::mem::zeroed() };
/// What the handlers found installed: in front, Wasmtime's (or the one
/// behind, for SIGBUS); behind, the Rust runtime's.
static mut BEFORE_FRONT: [libc::sigaction; 4] = [NO_ACTION; 4];
static mut BEFORE_BEHIND: [libc::sigaction; 4] = [NO_ACTION; 4];

fn install(handler: extern "C" fn(i32, *mut libc::siginfo_t, *mut libc::c_void), saved: *mut libc::sigaction) {
    for (i, &sig) in SIGNALS.iter().enumerate() {
        // SAFETY: called once (a `Once`), before other threads use the slots.
        unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = handler as *const () as usize;
            act.sa_flags = libc::SA_SIGINFO | libc::SA_NODEFER | libc::SA_ONSTACK;
            libc::sigemptyset(&mut act.sa_mask);
            libc::sigaction(sig, &act, saved.add(i));
        }
    }
}

/// Installs the handler behind Wasmtime's: call before the first engine.
/// Also unblocks the signals on the calling thread (a parent may have
/// started the engine with them blocked).
pub fn install_behind() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| install(behind, &raw mut BEFORE_BEHIND as *mut libc::sigaction));
    crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_UNBLOCK, &SET as *const u64, 0, 8);
}

/// Installs the handler in front of Wasmtime's: call after the first engine.
pub fn install_in_front() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| install(front, &raw mut BEFORE_FRONT as *mut libc::sigaction));
}

extern "C" fn front(sig: i32, info: *mut libc::siginfo_t, cx: *mut libc::c_void) {
    let Some(i) = index(sig) else { return };
    // SAFETY: the kernel passes a valid siginfo.
    let sent = info.is_null() || unsafe { (*info).si_code } <= 0;
    if !sent {
        return unsafe { pass_on(saved(&raw const BEFORE_FRONT, i), sig, info, cx) };
    }
    match GUEST_ACTION[i].load(Ordering::SeqCst) {
        SIG_IGN => {}
        SIG_DFL => die_by(sig),
        _ => crate::signal::record(sig, info),
    }
}

extern "C" fn behind(sig: i32, info: *mut libc::siginfo_t, cx: *mut libc::c_void) {
    let Some(i) = index(sig) else { return };
    if matches!(sig, libc::SIGSEGV | libc::SIGBUS) && !info.is_null() {
        // SAFETY: a fault's siginfo carries its address.
        let addr = unsafe { (*info).si_addr() } as usize;
        let (base, len) = (MEMORY[0].load(Ordering::SeqCst), MEMORY[1].load(Ordering::SeqCst));
        if len > 0 && addr >= base && addr - base < len {
            report(addr - base);
            unsafe { libc::_exit(crate::TRAP_STATUS) };
        }
    }
    unsafe { pass_on(saved(&raw const BEFORE_BEHIND, i), sig, info, cx) }
}

/// Entry `i` of a table of saved actions, written once before the handler
/// reading it was installed.
unsafe fn saved(table: *const [libc::sigaction; 4], i: usize) -> &'static libc::sigaction {
    unsafe { &*table.cast::<libc::sigaction>().add(i) }
}

/// Hands a signal to the handler installed before: called if it takes
/// `siginfo`, else restored, so that the fault happens again and ends the
/// process as it would have without us (Wasmtime does the same).
unsafe fn pass_on(prev: &libc::sigaction, sig: i32, info: *mut libc::siginfo_t, cx: *mut libc::c_void) {
    unsafe {
        if prev.sa_sigaction == libc::SIG_DFL || prev.sa_sigaction == libc::SIG_IGN {
            libc::sigaction(sig, prev, std::ptr::null_mut());
        } else if prev.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(i32, *mut libc::siginfo_t, *mut libc::c_void) = std::mem::transmute(prev.sa_sigaction);
            f(sig, info, cx);
        } else {
            let f: extern "C" fn(i32) = std::mem::transmute(prev.sa_sigaction);
            f(sig);
        }
    }
}

/// Ends the process by `sig`, as its default action does natively.
fn die_by(sig: i32) -> ! {
    unsafe {
        let mut dfl: libc::sigaction = std::mem::zeroed();
        dfl.sa_sigaction = libc::SIG_DFL;
        libc::sigaction(sig, &dfl, std::ptr::null_mut());
        let set = bit(sig);
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_UNBLOCK, &set as *const u64, 0, 8);
        crate::sys::call!(SYS_tgkill, libc::getpid(), libc::gettid(), sig);
        libc::_exit(128 + sig)
    }
}

/// `wali: trap: ...` on stderr, with no allocation (in a signal handler).
fn report(addr: usize) {
    let mut hex = [0u8; 16];
    let mut n = 0;
    let mut v = addr;
    loop {
        hex[15 - n] = b"0123456789abcdef"[v & 0xf];
        n += 1;
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    let parts: [&[u8]; 3] = [
        b"wali: trap: memory access fault at guest address 0x",
        &hex[16 - n..],
        b" outside Wasm code (a bulk memory instruction on an inaccessible page)\n",
    ];
    for p in parts {
        unsafe { libc::write(2, p.as_ptr().cast(), p.len()) };
    }
}
