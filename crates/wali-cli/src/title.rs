//! How a Wasm process looks to `ps`, `top`, `pidof`, `pgrep` and `killall`:
//! as the program, not as `wali run …`. Its name (`/proc/PID/comm`) becomes
//! the base name of the guest's argv[0], and its command line
//! (`/proc/PID/cmdline`) the guest's arguments, written over the engine's
//! own in place, where the kernel reads them. They always fit: `wali run`'s
//! command line contains the guest's. What does not fit (an `--argv0` longer
//! than the module path) is cut; the rest of the area is zeroed, so the
//! command line ends in empty arguments (`ps` shows none of them); ending it
//! exactly needs `PR_SET_MM`, which even root was refused on our machines.
//! An `execve` of another module re-executes the engine, which does the same
//! for the new program.

use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

static START: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static LEN: AtomicUsize = AtomicUsize::new(0);

/// glibc passes `main`'s arguments to `.init_array` functions: where the
/// kernel laid out the argument strings, one after another.
extern "C" fn record(argc: libc::c_int, argv: *const *mut libc::c_char, _envp: *const *mut libc::c_char) {
    if argc < 1 || argv.is_null() {
        return;
    }
    // SAFETY: the kernel's argv: `argc` valid, NUL-terminated strings.
    unsafe {
        let first = (*argv).cast::<u8>();
        let mut end = first;
        for i in 0..argc as usize {
            let arg = (*argv.add(i)).cast::<u8>();
            if arg != end {
                return; // not the kernel's contiguous layout: leave it alone
            }
            end = arg.add(libc::strlen(arg.cast()) + 1);
        }
        START.store(first, Ordering::Relaxed);
        LEN.store(end as usize - first as usize, Ordering::Relaxed);
    }
}

#[used]
#[unsafe(link_section = ".init_array")]
static RECORD: extern "C" fn(libc::c_int, *const *mut libc::c_char, *const *mut libc::c_char) = record;

/// Shows `argv` as this process's name and command line. Call it once the
/// engine's own arguments are parsed (std has copied them by then).
pub fn set(argv: &[&[u8]]) {
    let Some(first) = argv.first() else { return };
    let base = first.rsplit(|&b| b == b'/').next().unwrap_or(first);
    // The kernel keeps 15 bytes and a NUL.
    let mut name = [0u8; 16];
    let n = base.iter().take(15).take_while(|&&b| b != 0).count();
    name[..n].copy_from_slice(&base[..n]);
    // SAFETY: a NUL-terminated 16-byte buffer.
    unsafe { libc::prctl(libc::PR_SET_NAME, name.as_ptr()) };

    let (start, len) = (START.load(Ordering::Relaxed), LEN.load(Ordering::Relaxed));
    if start.is_null() || len == 0 {
        return;
    }
    // SAFETY: the argument strings' area, which nothing reads after start-up
    // but the kernel (std copied the arguments when `main` began).
    let area = unsafe { std::slice::from_raw_parts_mut(start, len) };
    area.fill(0);
    let mut at = 0;
    for arg in argv {
        // Each argument and its NUL; the area's last byte stays NUL, so the
        // kernel keeps to the area.
        let room = (len - 1).saturating_sub(at);
        let take = arg.iter().take_while(|&&b| b != 0).count().min(room);
        area[at..at + take].copy_from_slice(&arg[..take]);
        at += take + 1;
        if at >= len - 1 {
            break;
        }
    }
}
