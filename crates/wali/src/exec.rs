//! execve: a Wasm module runs in a re-executed engine (same pid, exactly the
//! given argv and envp); any other file is executed directly by the kernel.

use crate::ctx::Ctx;
use crate::memory::Errno;
use std::ffi::CString;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;

/// Longest single argument or environment string (the kernel's MAX_ARG_STRLEN).
const MAX_ARG: usize = 128 * 1024;
const MAX_ARGS: usize = 1 << 16;

fn strings(cx: &Ctx, array: u32) -> Result<Vec<CString>, Errno> {
    if array == 0 {
        return Ok(Vec::new());
    }
    cx.mem
        .read_ptr_array(array, MAX_ARGS)?
        .into_iter()
        .map(|p| {
            let s = cx.mem.read_cstr(p, MAX_ARG).map_err(|e| if e == libc::ENAMETOOLONG { libc::E2BIG } else { e })?;
            Ok(CString::new(s).expect("no NUL inside a C string"))
        })
        .collect()
}

/// Whether `path` is a regular file starting with the Wasm magic. Opened
/// non-blocking: a FIFO would otherwise wait for a writer forever (the
/// kernel's execve refuses one at once with `EACCES`).
fn is_wasm(path: &std::ffi::OsStr) -> bool {
    use std::os::unix::fs::OpenOptionsExt;
    let mut magic = [0u8; 4];
    let file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path);
    file.is_ok_and(|mut f| f.metadata().is_ok_and(|m| m.is_file()) && f.read_exact(&mut magic).is_ok())
        && magic == *b"\0asm"
}

/// Only returns on failure, with the errno to report.
pub fn execve(cx: &Ctx, path: u32, argv: u32, envp: u32) -> Result<i64, Errno> {
    // A NULL path is the kernel's EFAULT, not the (empty) string at address 0.
    if path == 0 {
        return Err(libc::EFAULT);
    }
    let path = CString::new(cx.mem.read_cstr(path, libc::PATH_MAX as usize)?).expect("no NUL");
    let argv = strings(cx, argv)?;
    let envp = strings(cx, envp)?;
    let (exe, args) = if is_wasm(std::ffi::OsStr::from_bytes(path.as_bytes())) {
        let mut args = vec![c"wali".to_owned(), c"run".to_owned()];
        args.extend(cx.proc.exec_options.iter().map(|o| CString::new(o.as_str()).expect("option")));
        if let Some(argv0) = argv.first() {
            args.push(c"--argv0".to_owned());
            args.push(argv0.clone());
        }
        args.push(c"--".to_owned());
        args.push(path);
        args.extend(argv.into_iter().skip(1));
        (c"/proc/self/exe".to_owned(), args)
    } else {
        (path, argv)
    };
    let mut argp: Vec<*const libc::c_char> = args.iter().map(|s| s.as_ptr()).collect();
    argp.push(std::ptr::null());
    let mut envpp: Vec<*const libc::c_char> = envp.iter().map(|s| s.as_ptr()).collect();
    envpp.push(std::ptr::null());
    unsafe { libc::execve(exe.as_ptr(), argp.as_ptr(), envpp.as_ptr()) };
    Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::ENOEXEC))
}
