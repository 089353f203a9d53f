//! The native stack Wasm frames run on: how much of it they may take, and
//! making sure the thread that runs a guest really has that much.

/// How much native stack Wasm frames may take (Wasmtime's `max_wasm_stack`,
/// one setting for every thread): what a native program's main thread has,
/// the soft `RLIMIT_STACK` (8 MiB when unlimited or unreadable, at most
/// 256 MiB), less `HOST_FRAMES` for the engine's own calls under the deepest
/// Wasm frame. Wasmtime's default, 512 KiB, ended a recursion at about a
/// tenth of the native depth. Read once: the engine's setting and every
/// thread's stack must agree, whatever the guest later sets the limit to.
pub fn wasm_stack() -> usize {
    static SIZE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SIZE.get_or_init(read_wasm_stack)
}

fn read_wasm_stack() -> usize {
    const DEFAULT: usize = 8 << 20;
    let soft = limit().rlim_cur;
    let main = if soft == libc::RLIM_INFINITY { DEFAULT } else { usize::try_from(soft).unwrap_or(DEFAULT).min(256 << 20) };
    main.saturating_sub(HOST_FRAMES).max(512 << 10)
}

/// Native stack kept for the engine under the deepest Wasm frame: syscall
/// handlers, signal delivery, and the frames below the first Wasm call.
const HOST_FRAMES: usize = 1 << 20;

/// Native stack of a guest thread: the Wasm frames' share and the engine's.
pub fn thread_stack() -> usize {
    wasm_stack() + HOST_FRAMES
}

/// Frames between `reserve`'s caller and the guest's first Wasm frame.
const ENTRY_FRAMES: usize = 64 << 10;

/// The kernel's `stack_guard_gap`: how far below the main stack the next
/// mapping must stay for the stack to grow.
const GUARD_GAP: usize = 1 << 20;

/// The least Wasm stack a guest is run with.
const MIN_WASM_STACK: usize = 128 << 10;

/// Makes sure the calling thread's native stack holds what the guest's Wasm
/// frames may take, before the guest runs, and returns that size: at most
/// `wasm_stack()`, less where the thread cannot have that much (the engine's
/// `max_wasm_stack` is set from it, so Wasm frames never run off the stack).
///
/// The process's main thread is grown now: the kernel grows a stack on
/// demand only within the current `RLIMIT_STACK`, and a guest that lowered
/// the limit would otherwise turn its next deep recursion into a SIGSEGV of
/// the engine. The soft limit is raised to the hard one for the growth and
/// put back. A stack that cannot grow (another thread's, an embedder's, or
/// the main one under an emulator such as qemu-user) gives what lies below.
pub fn reserve() -> Result<usize, String> {
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let overhead = HOST_FRAMES + ENTRY_FRAMES;
    let region = Region::around(here);
    let main = region.as_ref().map_or_else(|| unsafe { libc::gettid() == libc::getpid() }, |r| r.main_stack);
    // Unknown (no /proc): the main thread is assumed to grow freely.
    let (start, top, below) = region.map_or((here, here + ENTRY_FRAMES, 0), |r| (r.start, r.end, r.below));
    let growable = main && below.saturating_add(GUARD_GAP) <= start;
    let room = if growable {
        let hard = limit().rlim_max;
        let by_limit = if hard == libc::RLIM_INFINITY { usize::MAX } else { usize::try_from(hard).unwrap_or(usize::MAX).saturating_sub(top - here) };
        by_limit.min(here - (below + GUARD_GAP))
    } else {
        here - start
    };
    let wasm = wasm_stack().min(room.saturating_sub(overhead));
    if wasm < MIN_WASM_STACK {
        return Err(format!(
            "the native stack has {} KiB left, too little to run a guest (at least {} KiB){}",
            room >> 10,
            (MIN_WASM_STACK + overhead) >> 10,
            if growable { ": raise the hard stack limit (ulimit -Hs)" } else { "" }
        ));
    }
    let low = (here - wasm - overhead) & !(page_size() - 1);
    if growable && low < start {
        grow_main_stack(low, (top - low) as u64)?;
    }
    Ok(wasm)
}

/// Grows the main thread's stack down to `low` (`size` bytes in all), with
/// the soft limit raised to the hard one meanwhile if it is lower.
fn grow_main_stack(low: usize, size: u64) -> Result<(), String> {
    let old = limit();
    let raise = old.rlim_cur != libc::RLIM_INFINITY && old.rlim_cur < size;
    let raised = libc::rlimit { rlim_cur: old.rlim_max, rlim_max: old.rlim_max };
    if raise && unsafe { libc::setrlimit(libc::RLIMIT_STACK, &raised) } != 0 {
        return Err(format!("cannot raise the stack limit to {} KiB: {}", size >> 10, std::io::Error::last_os_error()));
    }
    // SAFETY: an address in the stack's growth area, within the hard limit
    // and clear of other mappings (checked by the caller): the access grows
    // the stack.
    unsafe { std::ptr::read_volatile(low as *const u8) };
    if raise {
        unsafe { libc::setrlimit(libc::RLIMIT_STACK, &old) };
    }
    Ok(())
}

/// `RLIMIT_STACK` (unlimited when it cannot be read).
pub fn limit() -> libc::rlimit {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    if unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } == 0 {
        limit
    } else {
        libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY }
    }
}

fn page_size() -> usize {
    usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096)
}

/// The mapping that holds an address, from /proc/self/maps.
#[derive(Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    /// Whether it is the kernel's growable main-thread stack.
    main_stack: bool,
    /// The end of the nearest mapping below it.
    below: usize,
}

impl Region {
    /// `None` when /proc is not mounted.
    fn around(addr: usize) -> Option<Region> {
        let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
        let mut below = 0;
        for line in maps.lines() {
            let mut fields = line.split_ascii_whitespace();
            let (start, end) = fields.next()?.split_once('-')?;
            let (start, end) = (usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?);
            if (start..end).contains(&addr) {
                let main_stack = fields.nth(4) == Some("[stack]");
                return Some(Region { start, end, main_stack, below });
            }
            below = end;
        }
        None
    }
}
