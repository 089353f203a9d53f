//! Signals: a native handler records the signal and bumps the engine's epoch;
//! the guest's Wasm handler then runs on that thread at the next safe point
//! (function entry or loop back-edge, via the epoch callback) or when the
//! interrupted host call returns.

use crate::host::signal::{rt_sigaction, Sigaction};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use wasmtime::Engine;

/// WALI's special handler values (table index 1 is a real function).
pub const SIG_DFL: i32 = 0;
pub const SIG_ERR: i32 = -1;
pub const SIG_IGN: i32 = -2;

pub const NSIG: usize = 65;

/// The signals the host C library keeps for its own threads (glibc's
/// cancellation and set-id signals), which are ordinary signals to the guest.
const HOST_RESERVED: [i32; 2] = [32, 33];

/// A guest signal action, as the guest set it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Action {
    /// A table index, or `SIG_DFL`/`SIG_IGN`.
    pub handler: i32,
    pub flags: u64,
    pub restorer: u32,
    pub mask: u64,
}

/// The actions, locked.
pub type ActionsGuard<'a> = std::sync::MutexGuard<'a, [Option<Action>; NSIG]>;

/// Process-wide signal state.
pub struct Signals {
    actions: Mutex<[Option<Action>; NSIG]>,
}

/// Whether any signal has a Wasm handler: only then must a waiting thread
/// wake up now and then to run one (wait.rs).
static HANDLERS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the guest installed any Wasm signal handler.
pub fn any_handler() -> bool {
    HANDLERS.load(Ordering::Relaxed)
}

thread_local! {
    /// Signals this thread received for guest handlers and has not yet
    /// delivered (bit `n - 1`). The kernel picks the thread that handles a
    /// signal; that thread runs the Wasm handler. Threads that never run Wasm
    /// block every signal, so no signal is recorded where nobody would see it.
    static PENDING: AtomicU64 = const { AtomicU64::new(0) };
    /// How many times the kernel delivered each pending signal to this thread.
    /// Every delivery the kernel made is one handler run, as natively: the
    /// native handler leaves the signal unblocked, so real-time signals the
    /// kernel queued, and standard signals sent again while the thread had not
    /// yet reached a safe point (blocked in a host call), arrive one by one.
    static QUEUED: [AtomicU32; NSIG] = const { [const { AtomicU32::new(0) }; NSIG] };
}
static ENGINE: OnceLock<Engine> = OnceLock::new();

/// The last `siginfo_t` received per signal, as 16 words.
static INFO: [[AtomicU64; 16]; NSIG] = [const { [const { AtomicU64::new(0) }; 16] }; NSIG];

extern "C" fn on_signal(sig: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    record(sig, info);
}

/// Records a signal for this thread's guest handler (from a signal handler:
/// atomics only).
pub fn record(sig: libc::c_int, info: *const libc::siginfo_t) {
    if !info.is_null() {
        let words = info as *const u64;
        for (i, w) in INFO[sig as usize].iter().enumerate() {
            // SAFETY: the kernel passes a full 128-byte siginfo_t.
            w.store(unsafe { words.add(i).read() }, Ordering::Relaxed);
        }
    }
    QUEUED.with(|q| q[sig as usize].fetch_add(1, Ordering::SeqCst));
    PENDING.with(|p| p.fetch_or(1 << (sig - 1), Ordering::SeqCst));
    if let Some(engine) = ENGINE.get() {
        engine.increment_epoch();
    }
}

/// Whether any signal waits for its guest handler.
#[inline]
pub fn pending() -> bool {
    PENDING.with(|p| p.load(Ordering::Relaxed)) != 0
}

/// The `siginfo_t` bytes last received for `sig` (x86_64 layout, 128 bytes).
pub fn info(sig: i32) -> [u8; 128] {
    let mut out = [0u8; 128];
    for (i, w) in INFO[sig as usize].iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&w.load(Ordering::Relaxed).to_le_bytes());
    }
    out
}

/// Forgets this thread's pending signals (a native thread starting a new guest thread).
pub fn clear_pending() {
    PENDING.with(|p| p.store(0, Ordering::SeqCst));
    QUEUED.with(|q| q.iter().for_each(|n| n.store(0, Ordering::SeqCst)));
}

/// Takes one delivery of the lowest pending signal.
pub fn take_pending() -> Option<i32> {
    // Atomic read-modify-writes cannot be torn by this thread's own handler,
    // which may run between any two of them: it counts first, then sets the bit.
    PENDING.with(|p| {
        let mut cur = p.load(Ordering::SeqCst);
        while cur != 0 {
            let bit = cur.trailing_zeros();
            match p.compare_exchange(cur, cur & !(1 << bit), Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => {
                    let left = QUEUED.with(|q| {
                        let n = &q[bit as usize + 1];
                        n.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| Some(v.saturating_sub(1))).unwrap_or(0)
                    });
                    if left > 1 {
                        p.fetch_or(1 << bit, Ordering::SeqCst); // more deliveries wait
                    }
                    return Some(bit as i32 + 1);
                }
                Err(now) => cur = now,
            }
        }
        None
    })
}

/// Blocks every signal on the calling thread until the guard is dropped;
/// threads started meanwhile (compiler workers) inherit the full mask.
pub struct BlockAll(u64);

impl BlockAll {
    pub fn new() -> BlockAll {
        let all = !0u64;
        let mut old = 0u64;
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_BLOCK, &all as *const u64, &mut old as *mut u64, 8);
        BlockAll(old)
    }
}

impl Drop for BlockAll {
    fn drop(&mut self) {
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &self.0 as *const u64, 0, 8);
    }
}

/// The thread `start_first_thread` started (0: none, or joined).
static FIRST_THREAD: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Starts a thread that does nothing, once per process. It runs with every
/// signal blocked and is not waited for here (that would cost a wake-up), only
/// by `first_thread_joined`. It is a bare pthread on a stack in the binary's
/// zeroed data, not a Rust thread: a Rust thread allocates as it starts, which
/// gave it a C library arena of its own, and its stack stayed cached after it
/// ended; both were mappings that every `fork` then copied.
fn start_first_thread() {
    #[repr(C, align(64))]
    struct Stack([u8; 64 << 10]);
    static mut STACK: Stack = Stack([0; 64 << 10]);
    static ONCE: std::sync::Once = std::sync::Once::new();
    extern "C" fn nothing(_: *mut libc::c_void) -> *mut libc::c_void {
        std::ptr::null_mut()
    }
    ONCE.call_once(|| {
        let _blocked = BlockAll::new();
        // SAFETY: STACK goes to this one thread only (`ONCE`) and nothing
        // else touches it; the attribute lives until pthread_create returns.
        unsafe {
            let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
            if libc::pthread_attr_init(attr.as_mut_ptr()) != 0 {
                return;
            }
            let stack = &raw mut STACK;
            libc::pthread_attr_setstack(attr.as_mut_ptr(), stack.cast(), std::mem::size_of::<Stack>());
            let mut thread: libc::pthread_t = 0;
            if libc::pthread_create(&mut thread, attr.as_ptr(), nothing, std::ptr::null_mut()) == 0 {
                FIRST_THREAD.store(thread as usize, Ordering::SeqCst);
            }
            libc::pthread_attr_destroy(attr.as_mut_ptr());
        }
    });
}

/// Waits until the thread `start_first_thread` started is gone, C library
/// exit code included (it may free its thread-local data, under malloc's
/// lock); at once after the first call.
pub fn first_thread_joined() {
    // Only read once joined: a write at every fork would be one more page
    // for the next fork to copy.
    if FIRST_THREAD.load(Ordering::SeqCst) == 0 {
        return;
    }
    let thread = FIRST_THREAD.swap(0, Ordering::SeqCst);
    if thread != 0 {
        // SAFETY: a thread this process created joinable and never joined.
        unsafe { libc::pthread_join(thread as libc::pthread_t, std::ptr::null_mut()) };
    }
}

impl Signals {
    pub fn new(engine: &Engine) -> Signals {
        let _ = ENGINE.set(engine.clone());
        // The signals the host C library reserves for its own threads (glibc:
        // 32, 33) are the guest's: its tkill(gettid(), 33) would run glibc's
        // set-id handler, which dereferences NULL. glibc installs its handlers
        // when the process creates its first thread, so one is created first;
        // then the guest starts with the default action, whatever the engine
        // inherited (glibc's posix_spawn leaves them ignored in its children).
        start_first_thread();
        for sig in HOST_RESERVED {
            rt_sigaction(sig, Some(&Sigaction::default()), None);
        }
        Signals { actions: Mutex::new([None; NSIG]) }
    }

    fn lock(&self) -> ActionsGuard<'_> {
        self.actions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Held across `fork` (see `syscalls::process::fork`).
    pub fn guard(&self) -> ActionsGuard<'_> {
        self.lock()
    }

    /// The guest's current action for `sig`; before the guest set one, what
    /// the kernel has (an inherited `SIG_IGN` shows as such).
    pub fn get(&self, sig: i32) -> Action {
        if let Some(a) = self.lock()[sig as usize] {
            return a;
        }
        let mut old = Sigaction::default();
        rt_sigaction(sig, None, Some(&mut old));
        let handler = if old.handler == libc::SIG_IGN { SIG_IGN } else { SIG_DFL };
        Action { handler, ..Action::default() }
    }

    /// Installs a guest action: `SIG_DFL`/`SIG_IGN` go to the kernel as they
    /// are; a Wasm handler is represented by the engine's native handler.
    pub fn set(&self, sig: i32, act: Action) -> Result<(), i32> {
        if !(1..NSIG as i32).contains(&sig) || sig == libc::SIGKILL || sig == libc::SIGSTOP {
            return Err(libc::EINVAL);
        }
        if act.handler < SIG_IGN || act.handler == SIG_ERR {
            return Err(libc::EINVAL);
        }
        if crate::faults::SIGNALS.contains(&sig) {
            // The handler stays the engine's (faults.rs), which follows this action.
            crate::faults::set_guest_action(sig, act.handler);
        } else {
            let handler = match act.handler {
                SIG_DFL => libc::SIG_DFL,
                SIG_IGN => libc::SIG_IGN,
                _ => on_signal as *const () as usize,
            };
            // The native handler never restarts calls itself: the engine
            // decides after the Wasm handler ran (see `SA_RESTART` handling).
            let keep = (libc::SA_NOCLDSTOP | libc::SA_NOCLDWAIT) as u64;
            let mask = crate::faults::unblockable(act.mask);
            let k = Sigaction { handler, flags: libc::SA_SIGINFO as u64 | (act.flags & keep), mask };
            let r = rt_sigaction(sig, Some(&k), None);
            if r < 0 {
                return Err(-r as i32);
            }
        }
        let mut actions = self.lock();
        actions[sig as usize] = Some(act);
        let handlers = actions.iter().flatten().any(|a| a.handler != SIG_DFL && a.handler != SIG_IGN);
        HANDLERS.store(handlers, Ordering::Relaxed);
        Ok(())
    }

    /// Marks a one-shot (`SA_RESETHAND`) action as used.
    pub fn reset(&self, sig: i32) {
        let _ = self.set(sig, Action::default());
    }
}
