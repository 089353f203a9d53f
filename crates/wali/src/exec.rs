//! execve: a Wasm module runs in a re-executed engine (same pid, exactly the
//! given argv and envp); any other file is executed directly by the kernel.

use crate::ctx::Ctx;
use crate::memory::Errno;
use std::ffi::{CStr, CString};
use std::io::Read;

/// Longest single argument or environment string (the kernel's MAX_ARG_STRLEN).
const MAX_ARG: usize = 128 * 1024;

/// What the kernel lets argv and envp take together, pointers (8 bytes
/// each on the host) and strings with their NULs: a quarter of the stack
/// limit, at most 6 MiB, at least 128 KiB (fs/exec.c). Copying stops there,
/// so a guest cannot make the engine copy more than that.
fn arg_budget() -> usize {
    const MAX: usize = 6 << 20;
    const MIN: usize = 128 << 10;
    usize::try_from(crate::stack::limit().rlim_cur / 4).unwrap_or(usize::MAX).clamp(MIN, MAX)
}

/// Copies a NULL-terminated array of guest strings, charging `budget`;
/// `E2BIG` once it is spent, before copying any more.
fn strings(cx: &Ctx, array: u32, budget: &mut usize) -> Result<Vec<CString>, Errno> {
    if array == 0 {
        return Ok(Vec::new());
    }
    let ptrs = cx.mem.read_ptr_array(array, *budget / 8)?;
    *budget = budget.checked_sub(ptrs.len() * 8).ok_or(libc::E2BIG)?;
    let mut out = Vec::with_capacity(ptrs.len());
    for p in ptrs {
        let len = cx.mem.strlen(p, MAX_ARG.min(*budget)).map_err(|e| if e == libc::ENAMETOOLONG { libc::E2BIG } else { e })?;
        *budget = budget.checked_sub(len + 1).ok_or(libc::E2BIG)?;
        let s = cx.mem.read_cstr(p, len + 1)?;
        out.push(CString::new(s).expect("read_cstr stops at the first NUL"));
    }
    Ok(out)
}

/// Whether `path` is a regular file starting with the Wasm magic. Opened
/// as the guest's opens are (it is the guest's path: a process's memory file
/// must not be opened even for this), and non-blocking: a FIFO would
/// otherwise wait for a writer forever (the kernel's execve refuses one at
/// once with `EACCES`).
fn is_wasm(cx: &Ctx, path: &CStr) -> bool {
    use std::os::fd::FromRawFd;
    let flags = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_CLOEXEC;
    let Ok(fd) = cx.proc.opener().open(libc::AT_FDCWD, path, flags, 0) else { return false };
    let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
    let mut magic = [0u8; 4];
    file.metadata().is_ok_and(|m| m.is_file()) && file.read_exact(&mut magic).is_ok() && magic == *b"\0asm"
}

/// The module's path when `path` names the process's executable link
/// (`/proc/self/exe`, `/proc/thread-self/exe`, `/proc/<own pid>/exe`), which
/// for the guest is its module, not the engine: programs find their files
/// next to it, or run themselves again through it.
pub fn own_exe<'a>(cx: &'a Ctx, path: &[u8]) -> Option<&'a CStr> {
    let exe = cx.proc.exe.as_deref()?;
    let who = path.strip_prefix(b"/proc/")?.strip_suffix(b"/exe")?;
    let me = unsafe { libc::getpid() }.to_string();
    (who == b"self" || who == b"thread-self" || who == me.as_bytes()).then_some(exe)
}

/// Only returns on failure, with the errno to report.
pub fn execve(cx: &Ctx, path: u32, argv: u32, envp: u32) -> Result<i64, Errno> {
    // A NULL path is the kernel's EFAULT, not the (empty) string at address 0.
    if path == 0 {
        return Err(libc::EFAULT);
    }
    let path = CString::new(cx.mem.read_cstr(path, libc::PATH_MAX as usize)?).expect("no NUL");
    let path = own_exe(cx, path.as_bytes()).map_or(path, CStr::to_owned);
    let mut budget = arg_budget();
    let argv = strings(cx, argv, &mut budget)?;
    let envp = strings(cx, envp, &mut budget)?;
    let (exe, args) = if is_wasm(cx, &path) {
        let mut args = vec![c"wali".to_owned(), c"run".to_owned()];
        args.extend(cx.proc.exec_options.iter().map(|o| CString::new(o.as_str()).expect("option")));
        if let Some(argv0) = argv.first() {
            // One word, `--argv0=NAME`: a NAME starting with `-` (a login
            // shell's `-bash`) would otherwise be taken for an option.
            args.push(CString::new([b"--argv0=", argv0.as_bytes()].concat()).expect("no NUL"));
        }
        args.push(c"--".to_owned());
        args.push(path);
        args.extend(argv.into_iter().skip(1));
        (c"/proc/self/exe".to_owned(), args)
    } else {
        (path, argv)
    };
    cx.proc.report_profile("execve");
    let mut argp: Vec<*const libc::c_char> = args.iter().map(|s| s.as_ptr()).collect();
    argp.push(std::ptr::null());
    let mut envpp: Vec<*const libc::c_char> = envp.iter().map(|s| s.as_ptr()).collect();
    envpp.push(std::ptr::null());
    unsafe { libc::execve(exe.as_ptr(), argp.as_ptr(), envpp.as_ptr()) };
    Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::ENOEXEC))
}
