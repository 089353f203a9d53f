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
    let limit = stack_limit();
    let main = if limit.rlim_cur == libc::RLIM_INFINITY { DEFAULT } else { usize::try_from(limit.rlim_cur).unwrap_or(DEFAULT).min(256 << 20) };
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

/// Makes sure the calling thread has `thread_stack()` of native stack below
/// here, before the guest runs. On the process's main thread that means
/// growing the stack now: the kernel grows it on demand only within the
/// current `RLIMIT_STACK`, and a guest that lowered the limit would
/// otherwise turn its next deep recursion into a SIGSEGV of the engine.
/// The soft limit is raised to the hard one for the growth and put back. On another thread (an embedder's) the stack cannot
/// grow, so a short one is an error.
pub fn reserve() -> Result<(), String> {
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let need = thread_stack() + ENTRY_FRAMES;
    let kib = |n: usize| n >> 10;
    let low = here.checked_sub(need).ok_or("no room for the native stack")? & !(page_size() - 1);
    let region = Region::around(here);
    let main = region.as_ref().map_or_else(|| unsafe { libc::gettid() == libc::getpid() }, |r| r.main_stack);
    if !main {
        return match region {
            Some(r) if r.start > low => Err(format!(
                "the calling thread has {} KiB of stack left and a guest needs {} KiB: \
                 run it on the main thread or on a thread with a larger stack",
                kib(here - r.start),
                kib(need)
            )),
            _ => Ok(()),
        };
    }
    let (top, below) = region.map_or((here + ENTRY_FRAMES, 0), |r| (r.end, r.below));
    if let Some(start) = region.map(|r| r.start) {
        if low >= start {
            return Ok(());
        }
    }
    if low < below.saturating_add(GUARD_GAP) {
        return Err(format!("no room to grow the main thread's stack to the {} KiB a guest needs", kib(need)));
    }
    let size = (top - low) as u64;
    let limit = stack_limit();
    let raise = limit.rlim_cur != libc::RLIM_INFINITY && limit.rlim_cur < size;
    if raise && limit.rlim_max != libc::RLIM_INFINITY && limit.rlim_max < size {
        return Err(format!(
            "the hard stack limit (ulimit -Hs) is {} KiB and the engine needs {} KiB: raise it",
            limit.rlim_max >> 10,
            (size >> 10) + 1
        ));
    }
    let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
    if raise && unsafe { libc::setrlimit(libc::RLIMIT_STACK, &raised) } != 0 {
        return Err(format!("cannot raise the stack limit to {} KiB: {}", kib(size as usize), std::io::Error::last_os_error()));
    }
    // SAFETY: an address in the stack's growth area, within the limit and
    // clear of other mappings (checked above): the access grows the stack.
    unsafe { std::ptr::read_volatile(low as *const u8) };
    if raise {
        unsafe { libc::setrlimit(libc::RLIMIT_STACK, &limit) };
    }
    Ok(())
}

fn stack_limit() -> libc::rlimit {
    let mut limit = libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY };
    if unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } != 0 {
        limit = libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY };
    }
    limit
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
